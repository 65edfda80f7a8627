#!/usr/bin/env bash
# Dependencies matched against the OSV store during `plugvet scan`: real
# advisories from tests/data/osv imported with `plugvet db update`.
. "$(dirname "$0")/lib.sh"
p=$top/tests/data/vulns/plugin
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1; ok $? "a store from the real samples"
res() { python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]:
    print(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["message"]["text"].split(" ")[0])' "$1"; }

"$PV" scan -q --fail-on none --db "$db" --sarif "$TMP/a.sarif" "$p" >/dev/null
is "$(res "$TMP/a.sarif")" "dep.vulnerable/CVE-2020-28500 warning 8 lodash@4.17.20
dep.vulnerable/CVE-2021-23337 error 8 lodash@4.17.20
dep.malicious-package/MAL-2025-47141 error 9 @ctrl/tinycolor@4.1.1" \
  "lodash 4.17.20 (two advisory groups, one finding each) and the malicious @ctrl/tinycolor, at their lockfile lines"
rules() { python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]:
    if r["id"].startswith("dep."): print(r["id"], ",".join(t for t in r["properties"]["tags"] if t.startswith("CWE")))' "$1"; }
is "$(rules "$TMP/a.sarif")" "dep.malicious-package/MAL-2025-47141 CWE-506
dep.vulnerable/CVE-2020-28500 CWE-1395,CWE-1333,CWE-400
dep.vulnerable/CVE-2021-23337 CWE-1395,CWE-77,CWE-94" "one SARIF rule per advisory group, with the advisory's CWEs"
"$PV" scan -q --fail-on none --db "$db" --json "$TMP/a.jsonl" "$p" >/dev/null
is "$(python3 -c 'import json,sys
for f in json.loads(open(sys.argv[1]).readline())["findings"]: print(f["rule_id"], f.get("advisory"))' "$TMP/a.jsonl")" \
  "dep.vulnerable CVE-2020-28500
dep.vulnerable CVE-2021-23337
dep.malicious-package MAL-2025-47141" "JSON lines: the rule family and the advisory id"
for b in a.sarif a.jsonl; do
  "$PV" scan -q --fail-on none --db "$db" --baseline "$TMP/$b" --json "$TMP/nb.jsonl" "$p" >/dev/null
  is "$(python3 -c 'import json,sys; print(len(json.loads(open(sys.argv[1]).readline())["findings"]))' "$TMP/nb.jsonl")" 0 \
    "a $b baseline knows every dependency finding"
done
grep -q 'Fix: upgrade to 4.17.21 ' "$TMP/a.sarif"; ok $? "the fix version is named"
grep -q 'CVE-2020-28500' "$TMP/a.sarif"; ok $? "the group is named by its CVE"
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/sarif-schema-2.1.0.json" "$TMP/a.sarif" >/dev/null 2>&1
ok $? "the SARIF is valid"
"$PV" scan -q --db "$db" "$p" >/dev/null; is $? 1 "a malicious package fails the default --fail-on high"

"$PV" scan -q --fail-on none --db "$db" --include-dev --sarif "$TMP/d.sarif" "$p" >/dev/null
res "$TMP/d.sarif" >"$TMP/d.res"
grep -q '^dep.vulnerable/[A-Z0-9-]* [a-z]* 11 minimist@0.0.8$' "$TMP/d.res"; ok $? "--include-dev: the dev-only minimist too"
res "$TMP/a.sarif" | grep -q minimist; [ $? -ne 0 ]; ok $? "... and not without it (twin)"

mkdir -p "$TMP/nothing"
"$PV" db update --db "$TMP/empty.sqlite" --feed "$TMP/nothing" >/dev/null 2>&1
"$PV" scan -q --fail-on none --db "$TMP/empty.sqlite" --sarif "$TMP/e.sarif" "$p" >/dev/null
is "$(res "$TMP/e.sarif")" "" "an empty store: no dependency findings (twin)"

XDG_CACHE_HOME=$TMP/cache "$PV" scan --fail-on none "$p" >/dev/null 2>"$TMP/err"; st=$?
is "$st" 0 "no store at the default path: the scan still runs"
grep -q 'no OSV store at .*: dependencies are inventoried but not matched' "$TMP/err"; ok $? "... and says so once"
is "$(grep -c 'no OSV store' "$TMP/err")" 1 "... exactly once"
XDG_CACHE_HOME=$TMP/cache "$PV" scan --no-db --fail-on none "$p" >/dev/null 2>"$TMP/err"
is "$(grep -c 'no OSV store' "$TMP/err")" 0 "--no-db: no store looked for, nothing said (twin)"
"$PV" scan -q --no-db --fail-on none --db "$db" --sarif "$TMP/n.sarif" "$p" >/dev/null
is "$(res "$TMP/n.sarif")" "" "--no-db wins over --db"
"$PV" scan -q --db "$TMP/missing.sqlite" "$p" >/dev/null 2>"$TMP/err"; st=$?
is "$st" 2 "--db naming a missing store: exit 2"
grep -q 'missing.sqlite' "$TMP/err"; ok $? "... naming it"
done_testing
