#!/usr/bin/env bash
# The demo plugin: exactly the expected findings, valid SARIF, the text
# report, exit codes and --fail-on.
. "$(dirname "$0")/lib.sh"
cd "$top"
demo=examples/demo-plugin

"$PV" scan "$demo" --sarif "$TMP/demo.sarif" --json "$TMP/demo.jsonl" >"$TMP/demo.txt" 2>"$TMP/err"
is $? 1 "demo has high findings: exit 1 with the default --fail-on high"

python3 - "$TMP/demo.jsonl" >"$TMP/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for f in r["findings"]:
        print("%s:%d %s" % (f["path"], f["start_line"], f["rule_id"]))
PY
sort "$TMP/got" -o "$TMP/got"
cat >"$TMP/want" <<'W'
examples/demo-plugin/lib/telemetry.js:2 secrets.aws-access-key-id
examples/demo-plugin/package.json:10 pkg.install-script.download-exec
examples/demo-plugin/src/index.js:13 js.code-injection.eval-non-literal
examples/demo-plugin/src/index.js:18 js.command-injection.exec-non-literal
examples/demo-plugin/src/index.js:25 js.tls.reject-unauthorized-false
examples/demo-plugin/src/index.js:35 js.code-injection.timer-string
W
sort "$TMP/want" -o "$TMP/want"
diff -u "$TMP/want" "$TMP/got" | sed 's/^/# /'
is "$(cat "$TMP/got")" "$(cat "$TMP/want")" "demo: exactly the expected findings"
check "new Function with a literal body is not reported" ! grep -q 'telemetry.js:10 ' "$TMP/got"
check "the clean TypeScript file has no findings" ! grep -q 'render.ts' "$TMP/got"

node tests/validate-schema.js "$top/tests/data/schemas/sarif-schema-2.1.0.json" "$TMP/demo.sarif" >"$TMP/v" 2>&1
ok $? "demo SARIF validates against the SARIF 2.1.0 schema"
tail -n 1 "$TMP/demo.txt" | grep -Eq '^[0-9]+ findings? \('; ok $? "text report ends with the summary line"
grep -q 'src/index.js:13:' "$TMP/demo.txt"; ok $? "text report shows file:line:col"

"$PV" scan "$demo/src" --fail-on critical >/dev/null 2>&1; is $? 0 "--fail-on critical: no critical finding (src/), exit 0"
"$PV" scan "$demo" --fail-on critical >/dev/null 2>&1; is $? 1 "--fail-on critical: the postinstall curl | sh is critical, exit 1"
"$PV" scan "$demo" --fail-on none >/dev/null 2>&1; is $? 0 "--fail-on none never fails"
"$PV" scan "$demo/src/render.ts" >/dev/null 2>&1; is $? 0 "a clean file exits 0"
"$PV" scan "$demo" "$TMP/does-not-exist.tgz" --json "$TMP/two.jsonl" >/dev/null 2>"$TMP/err2"
is $? 2 "a missing input makes the exit code 2"
grep -c '"status":"scanned"' "$TMP/two.jsonl" | grep -qx 1; ok $? "the good input is still scanned"
grep -q "^plugvet: $TMP/does-not-exist.tgz: " "$TMP/err2"; ok $? "the missing input is named on stderr"
"$PV" scan "$demo" --sarif "$TMP/again.sarif" >/dev/null 2>&1
cmp -s "$TMP/demo.sarif" "$TMP/again.sarif"; ok $? "SARIF is byte-identical across runs"
done_testing
