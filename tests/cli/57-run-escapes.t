#!/usr/bin/env bash
# plugvet-run against the escapes of issue 15, each probe refused under the
# policy and its twin working when granted: grants widened by symlinks
# (shipped or planted at run time), MPTCP and listen() around the port
# rules, a report written through a plugin's symlink or pushed out by junk,
# exec of memfd images and of the dynamic loader, and policy hygiene.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

if [ "$LL_ABI" = 0 ]; then
  echo "1..0 # SKIP this kernel has no Landlock (the escapes are about its rules)"
  exit 0
fi
as_root() { [ "$(id -u)" = 0 ]; }
policy() { # policy FILE JSON-AFTER-VERSION: a policy file
  printf '{"plugvet_policy": 1, %s}\n' "$2" >"$1"
}

# ---- 1. Symlinked grant paths ------------------------------------------
P=$TMP/plug
mkdir -p "$P/real-assets" "$P/data" "$TMP/outside"
echo pixel >"$P/real-assets/a.png"
echo outside-secret >"$TMP/outside/secret.txt"
ln -s / "$P/assets"
ln -s "$TMP/outside" "$P/cache"
chmod -R a+rX "$P" "$TMP/outside"
chmod 777 "$P/data" "$TMP/outside"

policy "$P/read-assets.json" '"fs": {"read": ["assets"]}'
run --policy "$P/read-assets.json" -- "$PROBE" read /etc/hostname
is $? 125 "a read grant through a shipped symlink (assets -> /) is refused"
grep -q "fs.read: 'assets' passes through a symlink" "$TMP/err"; ok $? "... naming the grant"
policy "$P/read-real.json" '"fs": {"read": ["real-assets"]}'
run -q --policy "$P/read-real.json" -- "$PROBE" read "$P/real-assets/a.png"
is "$(out)" "read: ok pixel" "... a real directory is granted (twin)"

policy "$P/write-cache.json" '"fs": {"write": ["cache"]}'
run --policy "$P/write-cache.json" -- "$PROBE" write "$TMP/outside/planted"
is $? 125 "a write grant through a shipped symlink (cache -> outside) is refused"
[ ! -e "$TMP/outside/planted" ]; ok $? "... and nothing was written outside"
policy "$P/write-data.json" '"fs": {"write": ["data"]}'
run -q --policy "$P/write-data.json" -- "$PROBE" write "$P/data/f"
is "$(out)" "write: ok" "... a real directory is writable (twin)"

policy "$P/dotdot.json" '"fs": {"read": ["../outside"]}'
run --policy "$P/dotdot.json" -- "$PROBE" exit 0; is $? 125 "a relative grant that leaves the plugin is refused"
grep -q "leaves the directory" "$TMP/err"; ok $? "... saying so"

# Planted at run time: run 1 may write data/, links data/models -> /;
# run 2 asks to read data/models.
run -q --policy "$P/write-data.json" -- "$PROBE" symlink / "$P/data/models"
is "$(out)" "symlink: ok" "run 1 plants data/models -> / under its write grant"
policy "$P/read-models.json" '"fs": {"read": ["data/models"]}'
run --policy "$P/read-models.json" -- "$PROBE" read /etc/hostname
is $? 125 "run 2: a read grant on the planted link is refused"
if as_root; then
  run --allow-read "$P/data/models" -- "$PROBE" read /etc/hostname
  is $? 125 "... named by an absolute path too (the link is not root's)"
else
  skip "not root: the plugin's links are the caller's own"
fi
rm "$P/data/models"
mkdir "$P/data/models"
echo model >"$P/data/models/m.txt"
chmod -R a+rX "$P/data"
run -q --policy "$P/read-models.json" -- "$PROBE" read "$P/data/models/m.txt"
is "$(out)" "read: ok model" "... a real data/models is granted (twin)"
(cd "$P" && timeout 20 "$RUN" $DEGRADED --allow-read assets -- "$PROBE" exit 0 >/dev/null 2>&1)
is $? 125 "a relative --allow-read through a symlink is refused too"
run -q --allow-read /bin/sh -- "$PROBE" exit 0; is $? 0 "an absolute path through root's own links (/bin) is fine (twin)"

# plugvet policy: no grant through a shipped symlink, and a root that
# keeps the paths' meaning wherever the policy is written.
cat >"$P/package.json" <<'JSON'
{ "name": "linked", "plugvet": { "permissions": {
    "fs": { "read": ["assets/**/*.png", "real-assets"], "write": ["cache/", "data"] } } } }
JSON
chmod 644 "$P/package.json"
mkdir -p "$TMP/elsewhere"
"$PV" policy -o "$TMP/elsewhere/p.json" --sarif "$TMP/link.sarif" "$P" >/dev/null 2>&1
is "$(jget "$TMP/elsewhere/p.json" 'j.root + " " + j.fs.read + " " + j.fs.write')" "$P .,real-assets data" \
  "plugvet policy: no grant through assets or cache; root is the plugin's directory"
is "$(jget "$TMP/link.sarif" 'j.runs[0].results.filter(r => r.ruleId == "policy.symlink-grant").map(r => r.locations[0].physicalLocation.region.startColumn > 1).join()')" \
  "true,true" "... two policy.symlink-grant findings, at the declarations"
run -q --policy "$TMP/elsewhere/p.json" -- "$PROBE" read "$P/real-assets/a.png"
is "$(out)" "read: ok pixel" "a policy written elsewhere still grants the plugin's real-assets"
run -q --policy "$TMP/elsewhere/p.json" -- "$PROBE" read "$TMP/elsewhere/p.json"
is "$(out)" "read: ENOENT" "... and not the directory it was written to (twin: not in the view)"

# ---- 2. Network: MPTCP around the port rules, listen() without a bind grant
node -e '
const s = require("net").createServer((c) => c.end()).listen(0, "127.0.0.1", () =>
  require("fs").writeFileSync(process.argv[1], s.address().port + "\n"));
setTimeout(() => process.exit(0), 60000);' "$TMP/port" &
srv=$!
trap 'kill $srv 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
A=$(cat "$TMP/port")
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
if [ "$LL_ABI" -ge 4 ] && timeout 10 "$PROBE" mptcp "$A" | grep -q ': ok$'; then
  run --allow-net "127.0.0.1:1" --report "$TMP/r.json" -- "$PROBE" mptcp "$A"
  is "$(out)" "mptcp $A: socket EACCES" "MPTCP to an unlisted port: socket() is refused"
  is "$(jget "$TMP/r.json" 'j.refused[0].args')" "family=AF_INET type=1 protocol=262" \
    "... and reported with its protocol"
  run -q --allow-net "127.0.0.1:$A" -- "$PROBE" mptcp "$A"
  is "$(out)" "mptcp $A: socket EACCES" "... even to a listed port (only plain TCP is allowed)"
  run -q --allow-net "127.0.0.1:$A" -- "$PROBE" connect "$A"
  is "$(out)" "connect $A: ok" "... while plain TCP to the listed port connects (twin)"
  run -q --allow-net any -- "$PROBE" mptcp "$A"
  is "$(out)" "mptcp $A: ok" "... and MPTCP connects with --allow-net any (twin)"
else
  for i in 1 2 3 4 5; do skip "MPTCP or Landlock ABI 4 unavailable here"; done
fi
B=$(free_port)
run --allow-net "127.0.0.1:$A" --report "$TMP/r.json" -- "$PROBE" listen -
is "$(out)" "listen: EACCES" "listen() without a bind grant is refused (no ephemeral port)"
is "$(jget "$TMP/r.json" 'j.refused[0].syscall')" "listen" "... and reported"
run -q --allow-net "127.0.0.1:$A" -- "$PROBE" listen "$B"
is "$(out)" "listen: bind EACCES" "bind() without a bind grant is refused"
run -q --allow-bind "$B" -- "$PROBE" listen "$B"
is "$(out)" "listen: ok" "... bind() and listen() work with --allow-bind $B (twin)"

# ---- 3. Report integrity -------------------------------------------------
mkdir "$P/rep"; chmod 777 "$P/rep"
echo original >"$TMP/target.txt"; chmod 644 "$TMP/target.txt"
run -q --allow-write "$P/rep" -- "$PROBE" symlink "$TMP/target.txt" "$P/rep/run.json"
is "$(out)" "symlink: ok" "run 1 plants rep/run.json -> a file outside its grants"
run --report "$P/rep/run.json" -- "$PROBE" exit 0; is $? 125 "run 2: --report through the planted symlink is refused"
grep -q "is a symlink" "$TMP/err"; ok $? "... saying why"
is "$(cat "$TMP/target.txt")" "original" "... and the link's target is untouched"
run --allow-write "$P/rep" --report "$P/rep/other.json" -- "$PROBE" exit 0
is $? 125 "--report under a write grant is refused"
[ ! -e "$P/rep/other.json" ]; ok $? "... before anything is written there"
ln "$TMP/target.txt" "$TMP/hardlink.json"
run --report "$TMP/hardlink.json" -- "$PROBE" exit 0; is $? 125 "--report on a file with another hard link is refused"
is "$(cat "$TMP/target.txt")" "original" "... and its other name is untouched"
run -q --report "$TMP/r.json" -- "$PROBE" exit 0; is $? 0 "--report to an ordinary path works (twin)"
is "$(jget "$TMP/r.json" 'j.result.exit_code')" "0" "... and holds the report"

run -q --report "$TMP/r.json" -- "$PROBE" junk 300
is "$(out)" "exec: EACCES" "300 junk calls, then execve /bin/sh: refused"
is "$(jget "$TMP/r.json" 'j.refused[0].syscall + "(" + j.refused[0].args + ") policy=" + j.refused[0].policy')" \
  "execve(path=/bin/sh) policy=true" "... the execve is still in the report, listed first"
is "$(jget "$TMP/r.json" 'j.refused_by_syscall.sync + " " + j.refused_by_syscall.execve + " " + j.refused_total')" \
  "300 1 301" "... and every call is counted by name"
is "$(jget "$TMP/r.json" 'j.refused.length + " " + j.refused_ungrouped')" "257 44" \
  "... junk takes at most 256 groups"

weird=$(printf '/tmp/bad\377\033[31mname')
run --report "$TMP/r.json" -- "$PROBE" execp "$weird"
is "$(out)" "execp: EACCES" "exec of a path with a non-UTF-8 byte and an escape sequence is refused"
is "$(jget "$TMP/r.json" 'JSON.stringify(j.refused[0].args)')" '"path=/tmp/bad\\xff\u001b[31mname"' \
  "... the report keeps its bytes (\\xff for the bad one), not dropped"
is "$(jget "$TMP/r.json" 'JSON.stringify(j.command[2])')" '"/tmp/bad\\xff\u001b[31mname"' \
  "... in the command too"
grep -q "$(printf '\033')" "$TMP/err"; ok $((1 - $?)) "... and the terminal summary has no control character"
grep -qF 'path=/tmp/bad\xff\x1b[31mname' "$TMP/err"; ok $? "... it shows them escaped"

run -q --report "$TMP/r.json" -- "$PROBE" exit 124; st=$?
is "$st" 124 "a plugin's own exit(124) keeps its status"
is "$(jget "$TMP/r.json" 'j.result.timed_out + " " + j.result.killed_by_launcher')" "false null" \
  "... but the report says the launcher killed nothing"
run -q --timeout 1 --report "$TMP/r.json" -- "$PROBE" spin
is "$(jget "$TMP/r.json" 'j.result.killed_by_launcher.reason')" "timeout" "... while a real timeout is said to be one (twin)"
run -q --report "$TMP/r.json" -- "$PROBE" raise 31; st=$?
is "$st" 159 "a plugin that raises SIGSYS itself exits 159"
is "$(jget "$TMP/r.json" 'j.result.signal + " " + j.result.killed_by_launcher')" "SIGSYS null" \
  "... but the report says no seccomp kill"
run -q --report "$TMP/r.json" -- "$PROBE" ptrace
is "$(jget "$TMP/r.json" 'j.result.killed_by_launcher.reason + " " + j.result.killed_by_launcher.syscall')" \
  "seccomp ptrace" "... while a never-allowed call is said to be one (twin)"

# ---- 4. Exec ---------------------------------------------------------------
run --allow-children --allow-exec /bin/sh --report "$TMP/r.json" -- "$PROBE" memfd-exec /bin/sh
is "$(out)" "memfd-exec: EACCES" "children allowed: execveat(memfd, \"\", AT_EMPTY_PATH) is refused"
case "$(jget "$TMP/r.json" 'j.refused[0].syscall + " " + j.refused[0].args')" in
  "execveat fd="*" path= (a descriptor (AT_EMPTY_PATH), not a path)") ok 0 "... and reported as such";;
  *) ok 1 "... and reported as such ($(jget "$TMP/r.json" 'j.refused[0].args'))";;
esac
run -q --allow-children --allow-exec /bin/sh -- "$PROBE" exec
is "$(out)" "shell-ran" "... while /bin/sh by its path runs (twin)"
run --allow-children --allow-exec /bin/sh --report "$TMP/r.json" -- "$PROBE" ldso /bin/sh
is "$(out)" "ldso: EACCES" "children allowed: ld.so /bin/sh (the loader running a program) is refused"
case "$(jget "$TMP/r.json" 'j.refused[0].args')" in
  *"(a dynamic loader)") ok 0 "... as a dynamic loader";; *) ok 1 "... as a dynamic loader";; esac
run -q --allow-children --allow-exec /bin/sh -- "$PROBE" execp /bin/sh -c 'echo shell-ran'
is "$(out)" "shell-ran" "... while /bin/sh itself runs (twin)"
run -q --allow-exec "$(dirname "$(readlink -f /lib64/ld-linux-x86-64.so.2 2>/dev/null || echo /lib64/x)")" \
  --allow-exec /bin/sh -- "$PROBE" ldso /bin/sh
is "$(out)" "ldso: EACCES" "... even when its directory is an exec grant"

run -q --allow-exec /bin/sh -- "$PROBE" exec
is "$(out)" "shell-ran" "--allow-exec /bin/sh alone lets /bin/sh run (no --allow-children needed)"
run --allow-exec /bin/sh --report "$TMP/r.json" -- "$PROBE" execp /bin/true
is "$(out)" "execp: EACCES" "... and nothing else"
is "$(jget "$TMP/r.json" 'j.refused[0].syscall + "(" + j.refused[0].args + ")"')" "execve(path=/bin/true)" \
  "... refused by the supervisor"

if [ -n "$NODE" ]; then
  printf '#!/usr/bin/env node\nconsole.log("env-node-ran");\n' >"$P/tool.js"
  chmod 755 "$P/tool.js"
  run -q --allow-read "$P" --report "$TMP/r.json" -- "$P/tool.js"
  is "$(out)" "env-node-ran" "a #!/usr/bin/env node script runs"
  is "$(jget "$TMP/r.json" 'j.refused_total')" "0" "... with nothing refused"
  run --allow-children --report "$TMP/r.json" -- "$PROBE" execp /usr/bin/env sh -c 'echo env-ran'
  is "$(out)" "execp: EACCES" "... while a plugin cannot run /usr/bin/env itself (twin)"
  printf 'const r = require("child_process").spawnSync(process.execPath, ["-e", "console.log(7)"]);\nconsole.log(r.error ? r.error.code : String(r.stdout).trim());\n' >"$P/fork.js"
  chmod 644 "$P/fork.js"
  run -q --allow-read "$P" -- "$NODE" "$P/fork.js"
  is "$(out)" "EACCES" "node cannot start node without children"
  run -q --allow-read "$P" --allow-children -- "$NODE" "$P/fork.js"
  is "$(out)" "7" "... and can with --allow-children (twin)"
else
  for i in 1 2 3 4 5; do skip "node not installed"; done
fi

# ---- 5. Policy hygiene -----------------------------------------------------
policy "$P/root.json" '"user": "root"'
run --policy "$P/root.json" -- "$PROBE" exit 0; is $? 125 "a policy with \"user\": \"root\" is refused"
grep -q "may not run the plugin as root" "$TMP/err"; ok $? "... saying why"
policy "$P/nobody.json" '"user": "nobody"'
run -q --policy "$P/nobody.json" -- "$PROBE" exit 0; is $? 0 "... while \"user\": \"nobody\" runs (twin)"

for v in LD_DEBUG=all LD_BIND_NOW=1 GCONV_PATH=/tmp GLIBC_TUNABLES=glibc.malloc.check=3 \
  NODE_REPL_EXTERNAL_MODULE=/tmp/x.js NODE_ICU_DATA=/tmp BASH_ENV=/tmp/x PYTHONPATH=/tmp; do
  run --env "$v" -- "$PROBE" exit 0; is $? 125 "--env ${v%%=*} (a loader or runtime hook) is refused"
done
policy "$P/ld.json" '"env": ["LD_DEBUG_OUTPUT"]'
run --policy "$P/ld.json" -- "$PROBE" exit 0; is $? 125 "... and so is any LD_* in a policy"
run -q --env PLAIN=1 -- "$PROBE" env PLAIN; is "$(out)" "env PLAIN=1" "an ordinary variable is passed (twin)"
mkdir -p "$TMP/envdecl"
printf '{"name": "e", "plugvet": {"permissions": {"env": ["GLIBC_TUNABLES", "LD_DEBUG", "API_URL"]}}}' \
  >"$TMP/envdecl/package.json"
"$PV" policy -o "$TMP/envdecl.json" "$TMP/envdecl" >/dev/null 2>&1
is "$(jget "$TMP/envdecl.json" 'j.env.join()')" "API_URL" "plugvet policy grants no loader variable either"

policy "$P/secrets.json" '"env": ["NPM_TOKEN", "DEPLOY_API_KEY", "AWS_REGION", "PLAIN"]'
NPM_TOKEN=npm_live DEPLOY_API_KEY=k AWS_REGION=eu PLAIN=p \
  run -q --policy "$P/secrets.json" --report "$TMP/r.json" -- "$PROBE" env NPM_TOKEN
is "$(out)" "env NPM_TOKEN: unset" "a secret-looking variable named only by a policy file is not passed"
is "$(grep -c 'looks like a secret: not passed' "$TMP/err")" 3 "... each one withheld with a warning"
is "$(jget "$TMP/r.json" 'j.env_withheld.join()')" "NPM_TOKEN,DEPLOY_API_KEY,AWS_REGION" "... and listed in the report"
PLAIN=p run -q --policy "$P/secrets.json" -- "$PROBE" env PLAIN
is "$(out)" "env PLAIN=p" "... while PLAIN from the same policy is passed"
NPM_TOKEN=npm_live run -q --policy "$P/secrets.json" --env NPM_TOKEN -- "$PROBE" env NPM_TOKEN
is "$(out)" "env NPM_TOKEN=npm_live" "--env NPM_TOKEN on the command line passes it (twin)"
grep -q "warning: passing NPM_TOKEN, which looks like a secret" "$TMP/err"; ok $? "... with a warning"

mkfifo "$TMP/fifo.json"
start=$(date +%s)
timeout 10 "$RUN" --policy "$TMP/fifo.json" -- "$PROBE" exit 0 >/dev/null 2>"$TMP/err"; st=$?
is "$st" 125 "a FIFO as --policy is refused (not waited on)"
check "... at once" test $(($(date +%s) - start)) -lt 3
grep -q "not a regular file" "$TMP/err"; ok $? "... saying it is not a regular file"
ln -s "$P/nobody.json" "$TMP/link.json"
run --policy "$TMP/link.json" -- "$PROBE" exit 0; is $? 125 "a symlink as --policy is refused"
run -q --policy "$P/nobody.json" -- "$PROBE" exit 0; is $? 0 "... a regular file is read (twin)"

if [ -n "$NODE" ]; then
  cp -r "$RUNDIR/plugin" "$TMP/eplug"
  mkdir -p "$TMP/sibling"
  echo sibling-secret >"$TMP/sibling/s.txt"
  printf 'const fs = require("fs");\ntry { fs.writeFileSync(__dirname + "/w.txt", "x"); console.log("write: ok"); } catch (e) { console.log("write:", e.code); }\ntry { fs.readFileSync(process.argv[2]); console.log("sibling: ok"); } catch (e) { console.log("sibling:", e.code); }\n' >"$TMP/eplug/nosy.js"
  chmod -R a+rX "$TMP/eplug" "$TMP/sibling"
  chmod 777 "$TMP/eplug"
  (cd "$TMP" && timeout 20 "$RUN" -q --report "$TMP/r.json" -- "$NODE" eplug/index.js >"$TMP/out" 2>"$TMP/err")
  is "$(out)" "pv-run-demo-plugin: sum=108" "node eplug/index.js runs with no grant: its package directory is readable"
  is "$(jget "$TMP/r.json" 'j.entry_read')" "$TMP/eplug" "... the report names it"
  (cd "$TMP" && timeout 20 "$RUN" -q -- "$NODE" eplug/nosy.js "$TMP/sibling/s.txt" >"$TMP/out" 2>"$TMP/err")
  is "$(out)" "write: EROFS
sibling: ENOENT" "... read-only, and nothing beside it (twin)"
else
  for i in 1 2 3; do skip "node not installed"; done
fi

done_testing
