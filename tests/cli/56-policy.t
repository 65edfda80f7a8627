#!/usr/bin/env bash
# plugvet policy / scan --policy-out: the policy a plugin declares, the
# capabilities it uses without declaring, and the policy enforced for real
# by plugvet-run.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"
demo=$top/examples/demo-plugin
ids() { grep -o '"ruleId": *"[^"]*"' "$1" | sed 's/.*"\([^"]*\)"$/\1/' | sort | uniq -c | sed 's/^ *//'; }

# 1. A plugin that declares nothing: the tightest policy; its uses reported.
"$PV" policy -q "$demo" >"$TMP/p.json" 2>"$TMP/report"; st=$?
is "$st" 1 "policy: exit code follows --fail-on (the demo has high findings)"
is "$(tr -d ' \n' <"$TMP/p.json")" \
  '{"plugvet_policy":1,"root":"'"$(cd "$demo" && pwd -P)"'","fs":{"read":["."],"write":[],"exec":[],"system":true},"network":"none","children":false,"native":false,"env":[],"cwd":"."}' \
  "no declaration: the tightest policy (root: the plugin's directory)"
grep -q 'pkg.undeclared-capability' "$TMP/report"; ok $? "policy: the report goes to stderr when the policy takes stdout"
"$PV" scan -q --fail-on none --policy-out "$TMP/p2.json" --sarif "$TMP/a.sarif" "$demo" >/dev/null
cmp -s "$TMP/p.json" "$TMP/p2.json"; ok $? "scan --policy-out writes the same policy"
is "$(ids "$TMP/a.sarif" | grep undeclared)" "2 pkg.undeclared-capability" \
  "undeclared: child_process and https, nothing else"
grep -q 'declares no plugvet.permissions' "$TMP/a.sarif"; ok $? "... the message says why"
"$PV" scan -q --fail-on none --sarif "$TMP/b.sarif" "$demo" >/dev/null
is "$(ids "$TMP/b.sarif" | grep -c 'undeclared\|cap\.')" 0 \
  "a plain scan of an undeclared plugin reports no capability findings (twin)"
is "$(ids "$TMP/a.sarif" | grep -v undeclared)" "$(ids "$TMP/b.sarif")" \
  "the other findings are the same with and without --policy-out"

# 2. A plugin that declares some: granted uses are quiet, the rest reported.
mkdir -p "$TMP/decl/src"
cat >"$TMP/decl/package.json" <<'JSON'
{ "name": "decl", "version": "1.0.0", "main": "src/index.js",
  "plugvet": { "permissions": {
    "fs": { "read": ["assets/**/*.png"], "write": ["cache/**"] },
    "network": ["api.example.com:443"],
    "children": false,
    "env": ["API_URL"] } } }
JSON
cat >"$TMP/decl/src/index.js" <<'JS'
const fs = require('fs');
const https = require('https');
const cp = require('child_process');
fs.writeFileSync('cache/x', process.env.API_URL);
console.log(process.env.SECRET_TOKEN);
module.exports = () => cp.spawn('ls');
JS
"$PV" policy -o "$TMP/decl.json" --sarif "$TMP/d.sarif" "$TMP/decl" >/dev/null 2>&1
is "$(tr -d ' \n' <"$TMP/decl.json")" \
  '{"plugvet_policy":1,"root":"'"$TMP/decl"'","fs":{"read":[".","assets"],"write":["cache"],"exec":[],"system":true},"network":{"connect":["api.example.com:443"],"bind":[]},"children":false,"native":false,"env":["API_URL"],"cwd":"."}' \
  "declared: globs cut to their directory, network list, env"
msgs=$(python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]: print(r["message"]["text"].split(";")[0])' "$TMP/d.sarif" | sort)
is "$msgs" "The code loads child_process ('child_process') and can start other programs
The code reads the environment variable SECRET_TOKEN" \
  "undeclared: child_process and SECRET_TOKEN; https, the write and API_URL are granted"
"$PV" scan -q --fail-on none --sarif "$TMP/e.sarif" "$TMP/decl" >/dev/null
is "$(ids "$TMP/e.sarif" | grep undeclared)" "2 pkg.undeclared-capability" \
  "a plugin that declares is checked by every scan"

# 3. Hostile declarations grant nothing and say why.
cat >"$TMP/decl/package.json" <<'JSON'
{ "name": "bad", "plugvet": { "permissions": {
    "fs": { "write": ["../outside", "/etc", "~/x"] }, "network": 5,
    "env": ["NODE_OPTIONS", "OK_NAME", 7], "children": "yes", "sudo": true } } }
JSON
"$PV" policy -v -o "$TMP/bad.json" "$TMP/decl" >/dev/null 2>"$TMP/bad.err"
is "$(tr -d ' \n' <"$TMP/bad.json")" \
  '{"plugvet_policy":1,"root":"'"$TMP/decl"'","fs":{"read":["."],"write":[],"exec":[],"system":true},"network":"none","children":false,"native":false,"env":["OK_NAME"],"cwd":"."}' \
  "bad entries grant nothing; good ones stay"
is "$(grep -c 'plugvet.permissions' "$TMP/bad.err")" 8 "each bad entry is a note naming its key"
grep -q "unknown key 'sudo'" "$TMP/bad.err"; ok $? "... an unknown key by name"
grep -q 'plugvet.permissions.env\[0\] is not a valid variable name' "$TMP/bad.err"; ok $? "... e.g. NODE_OPTIONS is refused"
printf '{"plugvet":{"permissions":[1]}}' >"$TMP/decl/package.json"
"$PV" policy -v -o "$TMP/bad2.json" "$TMP/decl" >/dev/null 2>"$TMP/bad2.err"
grep -q 'plugvet.permissions must be an object' "$TMP/bad2.err"; ok $? "permissions of the wrong type: a note"
printf '{"plugvet":' >"$TMP/decl/package.json"
"$PV" policy -o "$TMP/bad3.json" "$TMP/decl" >/dev/null 2>&1; st=$?
grep -q '"network": "none"' "$TMP/bad3.json" && [ "$st" -le 1 ]; ok $? "a broken package.json: the tightest policy"

# 4. Usage.
"$PV" scan --policy-out "$TMP/x.json" "$demo" "$demo" >/dev/null 2>"$TMP/u.err"; st=$?
is "$st" 2 "--policy-out with two inputs is a usage error"
grep -q 'exactly one input' "$TMP/u.err"; ok $? "... saying so"
"$PV" scan -o x "$demo" >/dev/null 2>&1; is $? 2 "-o belongs to plugvet policy only"

# 5. The policy is the one plugvet-run enforces.
mkdir -p "$TMP/plug"
cp "$top/tests/run/plugin/"* "$TMP/plug/" 2>/dev/null
cat >"$TMP/plug/package.json" <<'JSON'
{ "name": "plug", "version": "1.0.0" }
JSON
cat >"$TMP/plug/net.js" <<'JS'
const s = require('net').connect(9, '127.0.0.1');
s.on('error', (e) => console.log('net:', e.code));
s.on('connect', () => { console.log('net: ok'); s.destroy(); });
JS
chmod -R a+rX "$TMP/plug"
"$PV" policy -q -o "$TMP/plug/policy.json" "$TMP/plug" >/dev/null 2>&1
timeout 20 "$RUN" $DEGRADED --print-policy --policy "$TMP/plug/policy.json" -- /bin/true >"$TMP/pp.json" 2>"$TMP/pp.err"
is "$?" 0 "plugvet-run accepts the written policy"
if [ -z "$NODE" ] || [ "$LL_ABI" = 0 ]; then
  skip "node or Landlock missing: enforcement not testable"; skip "node or Landlock missing"
else
  run -q --policy "$TMP/plug/policy.json" --cwd "$TMP/plug" -- "$NODE" index.js
  is "$(out)" "plug: sum=108" "under the tightest written policy the plugin runs"
  run -q --policy "$TMP/plug/policy.json" --cwd "$TMP/plug" -- "$NODE" net.js
  is "$(out)" "net: EACCES" "... and its undeclared network use is refused (twin)"
fi
done_testing
