#!/usr/bin/env bash
# --exclude-rule ID and --severity LEVEL: findings left out of every report
# and of the exit code; the others keep their fingerprints.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/rules.yaml" <<'Y'
rules:
  - id: t.high
    message: eval runs code
    severity: high
    languages: [javascript]
    pattern: eval($X)
  - id: t.medium
    message: setTimeout with a string
    severity: medium
    languages: [javascript]
    pattern: setTimeout("...", $T)
  - id: t.low
    message: a debugger statement
    severity: low
    languages: [javascript]
    pattern-regex: '\bdebugger\b'
Y
mkdir -p "$TMP/p"
printf 'eval(x);\nsetTimeout("go()", 1);\ndebugger;\n' >"$TMP/p/a.js"
cd "$TMP"
# ids FILE: "rule_id fingerprint" of every finding, one a line
ids() { python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]: print(f["rule_id"], f["fingerprint"])' "$1"; }
scan() { "$PV" scan p --rules rules.yaml --no-db --text /dev/null "$@"; }

scan --json all.jsonl; is $? 1 "unfiltered: the high finding fails the scan"
is "$(ids all.jsonl | cut -d' ' -f1 | tr '\n' ' ')" "t.high t.medium t.low " "unfiltered: three findings"

scan --exclude-rule t.high --json ex.jsonl; is $? 0 "--exclude-rule t.high: no finding at or above high, exit 0"
is "$(ids ex.jsonl | cut -d' ' -f1 | tr '\n' ' ')" "t.medium t.low " "... the other rules' findings stay"
is "$(ids ex.jsonl)" "$(grep -v '^t.high ' <(ids all.jsonl))" "... with their fingerprints"
grep -q '"id":"filtered","path":null,"message":"1 findings left out by --exclude-rule or --severity"' ex.jsonl
ok $? "... never silently: an info note says how many were left out"
check "... and no such note when nothing was (twin)" ! grep -q '"filtered"' all.jsonl
scan --exclude-rule t.high --exclude-rule t.low --json ex2.jsonl
is "$(ids ex2.jsonl | cut -d' ' -f1 | tr '\n' ' ')" "t.medium " "--exclude-rule is repeatable"
scan --exclude-rule t --exclude-rule t.hig --json ex3.jsonl
is "$(ids ex3.jsonl | wc -l)" 3 "ids match whole: t and t.hig exclude nothing"
scan --exclude-rule t.high --sarif ex.sarif
check "SARIF has no result of the excluded rule" ! grep -q '"ruleId": "t.high"' ex.sarif
grep -q '"ruleId": "t.medium"' ex.sarif; ok $? "... and keeps the others (twin)"

scan --severity medium --json sev.jsonl; is $? 1 "--severity medium: the high finding still fails the scan"
is "$(ids sev.jsonl | cut -d' ' -f1 | tr '\n' ' ')" "t.high t.medium " "--severity medium leaves out the low finding"
scan --severity info --json info.jsonl
is "$(ids info.jsonl | wc -l)" 3 "--severity info keeps everything"
scan --severity critical --json crit.jsonl; is $? 0 "--severity critical: nothing left, exit 0"
is "$(ids crit.jsonl | wc -l)" 0 "... no finding in JSON lines"
"$PV" scan p --rules rules.yaml --no-db --severity critical --text crit.txt
grep -q '^0 findings' crit.txt; ok $? "... the text summary counts none"

for bad in none urgent ''; do
  "$PV" scan p --rules rules.yaml --no-db --severity "$bad" >/dev/null 2>bad.err
  is $? 2 "--severity '$bad': usage error"
  grep -qF "not '$bad'" bad.err; ok $? "... naming the value"
done

# An advisory group: --exclude-rule dep.vulnerable drops every advisory;
# one advisory's id drops only it.
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1; ok $? "a store from the real OSV samples"
dep() { "$PV" scan -q --fail-on none --db "$db" "$top/tests/data/vulns/plugin" --json "$TMP/d.jsonl" --text /dev/null "$@"
  python3 -c 'import json,sys
print(" ".join(f.get("advisory", "") for f in json.loads(open(sys.argv[1]).readline())["findings"] if f["rule_id"].startswith("dep.")))' "$TMP/d.jsonl"; }
is "$(dep)" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "three advisories unfiltered"
is "$(dep --exclude-rule dep.vulnerable)" "MAL-2025-47141" "--exclude-rule dep.vulnerable drops every vulnerability"
is "$(dep --exclude-rule dep.vulnerable/CVE-2021-23337)" "CVE-2020-28500 MAL-2025-47141" "... an advisory group's id drops only it"
done_testing
