#!/usr/bin/env bash
# --baseline FILE: only findings that are not in a previous SARIF or JSON
# lines output are reported; unrelated edits above a finding keep it known.
. "$(dirname "$0")/lib.sh"
cp -r "$top/examples/demo-plugin" "$TMP/p"
cd "$TMP" || exit 1
"$PV" scan -q --fail-on none p --sarif a.sarif --json a.jsonl >/dev/null
"$PV" scan p --baseline a.sarif >out; st=$?
is "$st" 0 "nothing new against a SARIF baseline: exit 0 (the demo alone exits 1)"
is "$(tail -1 out)" "0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info; 6 in the baseline) in 1 input: 1 scanned, 0 failed" \
  "summary counts the known findings"
"$PV" scan -q p --baseline a.jsonl >out; is $? 0 "a JSON-lines baseline works the same"

{ printf '// a new first line\nconst unrelated = 1;\n'; cat p/src/index.js; echo 'eval(process.argv[2]);'; } >p/src/x
mv p/src/x p/src/index.js
"$PV" scan p --baseline a.sarif --sarif b.sarif >out; st=$?
is "$st" 1 "a new high finding fails the run"
is "$(grep -c '^  \(CRITICAL\|HIGH\|MEDIUM\|LOW\|INFO\) ' out)" 1 "only the new finding is reported, though every old one moved down two lines"
grep -q 'p/src/index.js:41:1' out; ok $? "... the new eval at its line"
is "$(grep -c '"ruleId"' b.sarif)" 1 "... and only it is in the SARIF"
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/sarif-schema-2.1.0.json" b.sarif >/dev/null 2>&1
ok $? "that SARIF is valid"

"$PV" scan -q --fail-on none p --sarif none.sarif >/dev/null
is "$(grep -c '"ruleId"' none.sarif)" 7 "without --baseline all 7 are reported (twin)"
: >empty
"$PV" scan -q --fail-on none p --baseline empty --sarif e.sarif >/dev/null
is "$(grep -c '"ruleId"' e.sarif)" 7 "an empty baseline knows nothing"

# Bad baselines fail before scanning, naming the file.
echo '{"not": "a report"}' >bad.json
"$PV" scan p --baseline bad.json >out 2>err; st=$?
is "$st" 2 "a file that is neither SARIF nor JSON lines: exit 2"
grep -q 'bad.json: neither SARIF nor plugvet JSON lines' err; ok $? "... naming it"
[ ! -s out ]; ok $? "... and nothing was scanned"
printf '%s\n{broken' "$(head -1 a.jsonl)" >bad.jsonl
"$PV" scan p --baseline bad.jsonl >/dev/null 2>err; is $? 2 "a broken JSON line: exit 2"
grep -q 'bad.jsonl:2:' err; ok $? "... naming the line"
"$PV" scan p --baseline missing.sarif >/dev/null 2>err; is $? 2 "a missing baseline: exit 2"
done_testing
