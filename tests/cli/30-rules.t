#!/usr/bin/env bash
# Rules: the bundled pack passes its annotated tests; each kind of broken
# rule file is refused with exit 2 and an error naming file:line and key; a
# wrong annotation fails `rules test` (the negative twin of the pack run).
. "$(dirname "$0")/lib.sh"
cd "$top"

"$PV" rules test rules/ >"$TMP/out" 2>"$TMP/err"
is $? 0 "rules test rules/: the bundled pack passes"
tail -n 1 "$TMP/out" | grep -Eq '^[0-9]+ passed, 0 failed$'; ok $? "summary line: N passed, 0 failed"
is "$(grep '^FAIL' "$TMP/out")" "" "no FAIL line"

# Every bundled rule has at least two must-match and two must-not cases.
"$PV" rules test rules/ --json >"$TMP/t.json"
is $? 0 "rules test --json exits 0"
python3 - "$TMP/t.json" >"$TMP/thin" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
e, o = collections.Counter(), collections.Counter()
for c in d["cases"]:
    e[c["rule_id"]] += len(c["expected"]); o[c["rule_id"]] += len(c["ok"])
for r in sorted(e):
    if e[r] < 2 or o[r] < 2: print(r, e[r], o[r])
print("rules", len(e))
PY
n_yaml=$(cat "$top"/rules/*/*.yaml | grep -c '^  - id:')
is "$(cat "$TMP/thin")" "rules $n_yaml" "all $n_yaml bundled rules have >= 2 ruleid and >= 2 ok cases"

n=$("$PV" rules list | wc -l)
is "$n" "$n_yaml" "rules list: one line per bundled rule"
"$PV" rules list | grep -q '^secrets.github-token critical generic CWE-798$'; ok $? "rules list: id, severity, languages, CWE"
"$PV" rules list --markdown | head -n 1 | grep -q '^| id | severity |'; ok $? "rules list --markdown: a table"

# Broken rule files: exit 2, error names file:line and the key.
B=$TMP/bad; mkdir -p "$B"
good_head='rules:
  - id: t.rule
    message: m
    severity: high
    languages: [javascript]'
printf '%s\n    patern: eval\n    pattern-regex: eval\n' "$good_head" >"$B/key.yaml"
printf '%s\n    pattern-regex: "a(b"\n' "$good_head" >"$B/regex.yaml"
printf '%s\n    query: "(call_expresion) @match"\n' "$good_head" >"$B/query.yaml"
printf '%s\n    query: "((identifier) @x (#match? @x \\"a(\\"))"\n' "$good_head" >"$B/pred.yaml"
printf 'rules:\n  - message: m\n    severity: high\n    languages: [js]\n    pattern-regex: x\n' >"$B/noid.yaml"
printf '%s\n    pattern-regex: [unclosed\n' "$good_head" >"$B/syntax.yaml"
printf '%s\n    patterns:\n      - pattern: eval($X)\n      - pattern-nott: eval(1)\n' "$good_head" >"$B/pattern.yaml"
printf '%s\n    pattern-regex: a\n%s\n    pattern-regex: b\n' "$good_head" "${good_head#rules:
}" >"$B/dup.yaml"
printf 'rules:\n  - id: t.rule\n    message: m\n    severity: urgent\n    languages: [js]\n    pattern-regex: x\n' >"$B/sev.yaml"
cat >"$B/bomb.yaml" <<'Y'
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
rules: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
Y
python3 -c 'print("rules: " + "[" * 5000 + "]" * 5000)' >"$B/deep.yaml"
for c in "key.yaml:6:unknown key 'patern'" \
         "regex.yaml:6:key 'pattern-regex': missing closing parenthesis" \
         "query.yaml:6:key 'query': unknown node type" \
         "pred.yaml:6:key 'query': predicate '#match?' regex" \
         "noid.yaml:2:missing key 'id'" \
         "syntax.yaml:7:YAML syntax error" \
         "pattern.yaml:8:rule 't.rule': unsupported key 'pattern-nott' in a pattern operator list" \
         "dup.yaml:7:rule 't.rule': key 'id': duplicate rule id" \
         "sev.yaml:4:key 'severity'" \
         "bomb.yaml:2:YAML aliases" \
         "deep.yaml:1:nested deeper than"; do
  f=${c%%:*}; rest=${c#*:}; line=${rest%%:*}; want=${rest#*:}
  "$PV" rules test "$B/$f" >/dev/null 2>"$TMP/e"
  is $? 2 "$f: rules test exits 2"
  grep -qF "$B/$f:$line: " "$TMP/e" && grep -qF "$want" "$TMP/e"
  ok $? "$f: error names $f:$line and says: $want"
  [ "$(wc -l <"$TMP/e")" -eq 1 ] || sed 's/^/# /' "$TMP/e"
done
echo 'x' | "$PV" scan --quiet --rules "$B/key.yaml" - >/dev/null 2>"$TMP/e"
is $? 2 "scan --rules with a broken rule file exits 2"
grep -qF "key.yaml:6: rule 't.rule': unknown key 'patern'" "$TMP/e"; ok $? "scan names the broken rule file and key"

# Negative twin: a copy of a bundled rule passes; with one annotation moved
# to a line the rule does not match, it fails with the line sets.
W=$TMP/twin; mkdir -p "$W"
cp rules/js/tls.yaml rules/js/tls.js "$W/"
"$PV" rules test "$W" >/dev/null 2>&1; is $? 0 "copied tls rules pass"
python3 - "$W/tls.js" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
s = s.replace("// ok: js.tls.reject-unauthorized-false\n  const c", "// ruleid: js.tls.reject-unauthorized-false\n  const c", 1)
open(p, "w").write(s)
PY
"$PV" rules test "$W" >"$TMP/o" 2>&1
is $? 1 "a wrong ruleid annotation makes rules test exit 1"
grep -q '^FAIL js.tls.reject-unauthorized-false: expected lines \[6, 8, 10, 12, 14\] got \[6, 8, 10, 12\]' "$TMP/o"
ok $? "FAIL line names the rule with expected and got lines"
tail -n 1 "$TMP/o" | grep -qx '3 passed, 1 failed'; ok $? "summary counts the failure"

# A finding on an unannotated line fails too; an unknown id in an annotation fails.
printf 'rules:\n  - id: t.word\n    message: found $0\n    severity: low\n    languages: [generic]\n    pattern-regex: "\\\\bbadword\\\\b"\n' >"$W/word.yaml"
printf '// ruleid: t.word\nbadword();\n// ok: t.word\ngoodword();\n// ruleid: t.word\nx = "badword";\n// ok: t.word\nnothing();\n' >"$W/word.js"
"$PV" rules test "$W/word.yaml" >/dev/null 2>&1; is $? 0 "a small custom regex rule passes its test"
printf 'badword();\n' >>"$W/word.js"
"$PV" rules test "$W/word.yaml" >"$TMP/o" 2>&1; is $? 1 "a finding on an unannotated line fails"
grep -q 'expected lines \[2, 6\] got \[2, 6, 9\]' "$TMP/o"; ok $? "... and shows the extra line"
printf '// ruleid: t.nope\nx();\n' >"$W/word.js"
"$PV" rules test "$W/word.yaml" >"$TMP/o" 2>&1; is $? 1 "an annotation naming an unknown rule fails"
grep -q "^FAIL t.nope: annotation at line 1 names a rule that is not in" "$TMP/o"; ok $? "... and says so"

# End to end: a custom query rule with $capture interpolation in the message.
cat >"$W/q.yaml" <<'Y'
rules:
  - id: t.danger
    message: "call to $fn with $arg"
    severity: medium
    languages: [javascript]
    query: |
      ((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @match
       (#match? @fn "^danger"))
Y
printf 'dangerZone(userInput);\nsafe(userInput);\n' >"$W/app.js"
"$PV" scan --quiet --rules "$W/q.yaml" --json "$TMP/q.jsonl" --text /dev/null "$W/app.js"
is $? 0 "medium finding below --fail-on high: exit 0"
python3 -c 'import json,sys; o=json.loads(open(sys.argv[1]).readline()); print([(f["rule_id"], f["message"], f["start_line"], f["start_col"], f["end_col"]) for f in o["findings"]])' "$TMP/q.jsonl" >"$TMP/got"
is "$(cat "$TMP/got")" "[('t.danger', 'call to dangerZone with userInput', 1, 1, 22)]" "query finding: interpolated message and range"
done_testing
