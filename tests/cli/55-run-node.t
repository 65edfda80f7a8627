#!/usr/bin/env bash
# plugvet-run with node: a real plugin runs normally under the tightest
# policy; the same plugin cannot read a token file, exec or connect.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

if [ -z "$NODE" ]; then echo "1..0 # SKIP node not installed"; exit 0; fi
cp -r "$RUNDIR/plugin" "$TMP/plugin"
chmod -R a+rX "$TMP/plugin"
run -q --allow-read "$TMP/plugin" --cwd "$TMP/plugin" --report "$TMP/r.json" -- "$NODE" index.js
is "$(out)" "pv-run-demo-plugin: sum=108" "a plugin reading its own files runs under the tightest policy"
is "$(jget "$TMP/r.json" 'j.refused_total')" "0" "... and nothing was refused"
run -q --no-system-paths --allow-read "$TMP/plugin" -- "$NODE" "$TMP/plugin/index.js"; st=$?
check "without the runtime read set node cannot even start (twin, exit $st)" test "$st" -ne 0

if [ "$LL_ABI" = 0 ]; then skip "no Landlock on this kernel: file refusals untestable"; skip "no Landlock"; done_testing; fi
echo "npm_secret" >"$TMP/token"; chmod 644 "$TMP/token"
cat >"$TMP/plugin/evil.js" <<'JS'
const fs = require('fs'), cp = require('child_process'), net = require('net');
try { fs.readFileSync(process.argv[2]); console.log('read: ok'); } catch (e) { console.log('read:', e.code); }
try { cp.execFileSync('/bin/sh', ['-c', 'echo x']); console.log('exec: ok'); } catch (e) { console.log('exec:', e.code); }
console.log('NPM_TOKEN:', process.env.NPM_TOKEN ?? '(unset)');
const s = net.connect(9, '127.0.0.1');
s.on('error', (e) => console.log('net:', e.code));
s.on('connect', () => { console.log('net: ok'); s.destroy(); });
JS
chmod 644 "$TMP/plugin/evil.js"
NPM_TOKEN=npm_live run -q --allow-read "$TMP/plugin" -- "$NODE" "$TMP/plugin/evil.js" "$TMP/token"
is "$(out)" "read: ENOENT
exec: EACCES
NPM_TOKEN: (unset)
net: EACCES" "a nosy plugin: token file (not in its view), exec, env and network all refused"
NPM_TOKEN=npm_live run -q --allow-read "$TMP/plugin" --allow-read "$TMP/token" --allow-children \
  --allow-exec /bin/sh --env NPM_TOKEN --allow-net any -- "$NODE" "$TMP/plugin/evil.js" "$TMP/token"
is "$(out)" "read: ok
exec: ok
NPM_TOKEN: npm_live
net: ECONNREFUSED" "... the same plugin with every grant (twin)"
done_testing
