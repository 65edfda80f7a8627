#!/usr/bin/env bash
# plugvet-run: command line, policy file validation, exit codes, the
# environment allow-list, the scratch HOME and the JSON report.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

"$RUN" --help >"$TMP/help"; ok $? "--help exits 0"
grep -q -- '--allow-read' "$TMP/help"; ok $? "--help lists --allow-read"
grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u >"$TMP/help.opts"
sed 's/\\-/-/g' "$top/docs/plugvet-run.1" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/man.opts"
is "$(comm -23 "$TMP/help.opts" "$TMP/man.opts")" "" "every option in --help is in the man page"
grep -q -- '--allow-degraded' "$TMP/man.opts"; ok $? "the man page option list was read (guard)"
is "$("$RUN" --version)" "plugvet-run 0.1.0" "--version"
run; is $? 125 "no program is a usage error (125)"
run --frobnicate -- /bin/true; is $? 125 "unknown option exits 125"
run --timeout 1x -- /bin/true; is $? 125 "bad --timeout exits 125"
grep -q "timeout_s: '1x'" "$TMP/err"; ok $? "bad --timeout names the field"
run --env NODE_OPTIONS -- /bin/true; is $? 125 "--env NODE_OPTIONS is refused"
grep -q "NODE_OPTIONS is never passed" "$TMP/err"; ok $? "the refusal names NODE_OPTIONS"
run --allow-read '/tmp/*.js' -- /bin/true; is $? 125 "a glob path is refused"

# Policy files: every invalid field is named; a valid one is accepted.
bad() { # bad NAME JSON FIELD-IN-MESSAGE
  printf '%s' "$2" >"$TMP/p.json"
  run --policy "$TMP/p.json" -- "$PROBE" exit 0; is $? 125 "invalid policy refused: $1"
  grep -qF -- "$3" "$TMP/err"; ok $? "message names $3"
}
bad "version" '{"plugvet_policy": 2}' "plugvet_policy"
bad "unknown field" '{"plugvet_policy": 1, "wirte": []}' "wirte: unknown field"
bad "fs.write type" '{"plugvet_policy": 1, "fs": {"write": "/tmp"}}' "fs.write: must be an array"
bad "network" '{"plugvet_policy": 1, "network": "some"}' "network: must be"
bad "port" '{"plugvet_policy": 1, "network": {"connect": ["h:99999"]}}' "bad port"
bad "resources" '{"plugvet_policy": 1, "resources": {"memory_mib": 1}}' "resources.memory_mib"
bad "resource name" '{"plugvet_policy": 1, "resources": {"ram": 1}}' "resources.ram: unknown field"
bad "env" '{"plugvet_policy": 1, "env": ["LD_PRELOAD"]}' "LD_PRELOAD"
bad "not json" '{"plugvet_policy": 1,' "not JSON"
mkdir -p "$TMP/pol/data"
printf '{"plugvet_policy": 1, "fs": {"read": ["data"]}, "resources": {"timeout_s": 30, "cpu_s": 5}}' >"$TMP/pol/p.json"
"$RUN" --policy "$TMP/pol/p.json" --print-policy >"$TMP/pp.json"; ok $? "a valid policy is accepted (--print-policy)"
is "$(jget "$TMP/pp.json" 'j.fs.read[0]')" "$TMP/pol/data" "relative paths are taken from the policy file's directory"
"$RUN" --policy "$TMP/pol/p.json" --timeout 10 --cpu 50 --print-policy >"$TMP/pp.json" 2>"$TMP/err"
is "$(jget "$TMP/pp.json" 'j.resources.timeout_s + "," + j.resources.cpu_s')" "10,5" \
  "flags only tighten a policy file's limits"
grep -q "looser than the policy file" "$TMP/err"; ok $? "a looser flag is reported"

# Exit codes: the program's own, 127 for a missing program.
run -q -- "$PROBE" exit 7; is $? 7 "the program's exit code is passed through"
run -q -- /nonexistent/prog; is $? 127 "a missing program exits 127"
run -q -- "$TMP/pol/p.json"; is $? 126 "a non-executable file exits 126"

# Environment: an allow-list; tokens are not visible unless granted.
hostile() { NPM_TOKEN=npm_secret_123 NODE_OPTIONS=--require=/tmp/evil.js \
  LD_LIBRARY_PATH=/tmp/evil-libs UV_USE_IO_URING=1 run "$@"; }
hostile -q -- "$PROBE" env NPM_TOKEN; is "$(out)" "env NPM_TOKEN: unset" "NPM_TOKEN is not visible"
hostile -q --env NPM_TOKEN -- "$PROBE" env NPM_TOKEN
is "$(out)" "env NPM_TOKEN=npm_secret_123" "NPM_TOKEN is visible with --env NPM_TOKEN (twin)"
for v in NODE_OPTIONS LD_LIBRARY_PATH UV_USE_IO_URING; do
  hostile -q -- "$PROBE" env $v; is "$(out)" "env $v: unset" "$v is dropped"
done
run -q --env GREETING=hi -- "$PROBE" env GREETING; is "$(out)" "env GREETING=hi" "--env NAME=VALUE sets it"
run -q -- "$PROBE" env HOME
home=$(out | sed -n 's/^env HOME=//p')
case "$home" in /tmp/plugvet-run.*) ok 0 "HOME is a private scratch directory";; *) ok 1 "HOME is a private scratch directory ($home)";; esac
[ ! -e "$home" ]; ok $? "the scratch directory is removed afterwards"

# The report.
run -q --report "$TMP/r.json" -- "$PROBE" exit 3; is $? 3 "exit 3 with --report"
is "$(jget "$TMP/r.json" 'j.plugvet_run_report + " " + j.result.exit_code + " " + j.result.started')" \
  "1 3 true" "report: version, exit code, started"
is "$(jget "$TMP/r.json" 'j.seccomp.mode')" "filter+user-notify" "report: seccomp mode"
is "$(jget "$TMP/r.json" 'typeof j.landlock.abi + " " + typeof j.result.cpu_seconds + " " + typeof j.result.peak_rss_kib')" \
  "number number number" "report: Landlock ABI, CPU time and peak RSS"
is "$(jget "$TMP/r.json" 'j.policy.network')" "none" "report: the policy in force"
if [ "$(id -u)" = 0 ]; then
  is "$(jget "$TMP/r.json" 'j.user.uid >= 0x50760000 && j.user.uid <= 0x5076ffff && j.user.nproc_enforced')" \
    "true" "started as root: the plugin runs as a uid of its own (docs/policy.md)"
  run -q --user root --report "$TMP/r.json" -- "$PROBE" exit 0
  is "$(jget "$TMP/r.json" 'j.user.nproc_enforced')" "false" "--user root: the report says nproc is not enforced"
else
  skip "not root: no user switch to check"
  skip "not root: no user switch to check"
fi
done_testing
