#!/usr/bin/env bash
# --license-policy on scan and sbom: SPDX expressions from package.json
# (string, legacy {"type"} object, legacy "licenses" array) and lockfile
# "license" fields judged against allow / deny / review lists; findings name
# the component, its licence and its path from the root. Twins for each.
. "$(dirname "$0")/lib.sh"
p=$TMP/plugin
mk() { # mk NAME JSON: node_modules/NAME/package.json
  mkdir -p "$p/node_modules/$1"
  printf '%s\n' "$2" >"$p/node_modules/$1/package.json"
}
mkdir -p "$p"
cat >"$p/package.json" <<'J'
{ "name": "lic-plugin", "version": "1.0.0",
  "dependencies": { "a": "^1.0.0", "b": "1.0.0" }, "devDependencies": { "d": "1.0.0" } }
J
mk a '{ "name": "a", "version": "1.0.0", "license": "MIT AND GPL-3.0-only", "dependencies": { "c": "^1.0.0" } }'
mk b '{ "name": "b", "version": "1.0.0", "license": { "type": "ISC", "url": "https://x" }, "dependencies": { "f": "1.0.0" } }'
mk c '{ "name": "c", "version": "1.0.0", "licenses": [ { "type": "MIT" }, { "type": "GPL-3.0-only" } ], "dependencies": { "e": "1.0.0" } }'
mk d '{ "name": "d", "version": "1.0.0", "license": "GPL-3.0-only" }'
mk e '{ "name": "e", "version": "1.0.0" }'
mk f '{ "name": "f", "version": "1.0.0", "license": "lgpl-2.1-only" }'
pol=$TMP/policy.json
echo '{ "allow": ["MIT", "ISC", "Apache-2.0"], "review": ["LGPL-2.1-only"], "deny": ["GPL-3.0-only"] }' >"$pol"
findings() { # findings JSONL: "rule component-message" per line, sorted
  python3 -c '
import json, sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]:
        if f["rule_id"].startswith("license."):
            print(f["rule_id"], f["message"])' "$1" | sort
}

"$PV" scan --no-db --quiet --license-policy "$pol" --json "$TMP/a.jsonl" --text /dev/null "$p"
is $? 1 "a denied licence (high) fails the scan"
is "$(findings "$TMP/a.jsonl")" \
"license.denied a@1.0.0 has licence 'MIT AND GPL-3.0-only' (GPL-3.0-only is on the deny list); path: lic-plugin@1.0.0 > a@1.0.0
license.review f@1.0.0 has licence 'lgpl-2.1-only' (LGPL-2.1-only is on the review list); path: lic-plugin@1.0.0 > b@1.0.0 > f@1.0.0
license.unknown e@1.0.0 declares no licence; path: lic-plugin@1.0.0 > a@1.0.0 > c@1.0.0 > e@1.0.0" \
  "denied (AND), review, unknown (none) with paths; the legacy object (ISC) and array (MIT OR GPL) pass"
"$PV" scan --no-db --quiet --json "$TMP/none.jsonl" --text /dev/null "$p"
is "$?:$(findings "$TMP/none.jsonl")" "0:" "twin: without --license-policy, no licence findings"
"$PV" scan --no-db --quiet --include-dev --license-policy "$pol" --json "$TMP/dev.jsonl" --text /dev/null "$p"
is "$(findings "$TMP/dev.jsonl" | grep -c '^license.denied d@1.0.0')" 1 "--include-dev also judges dev-only d"
is "$(findings "$TMP/a.jsonl" | grep -c 'd@1.0.0')" 0 "twin: without it, d is left alone"

echo '{ "allow": ["MIT", "Apache-2.0"] }' >"$TMP/mit.json"
"$PV" scan --no-db --quiet --license-policy "$TMP/mit.json" --json "$TMP/m.jsonl" --text /dev/null "$p"
is "$(findings "$TMP/m.jsonl" | grep -E '^license.denied (b|c)@' | sed 's/;.*//')" \
  "license.denied b@1.0.0 has licence 'ISC' (ISC is not on the allow list)" \
  "allow-list only: ISC (legacy object) is not on it; MIT OR GPL-3.0-only (legacy array) still passes"
echo '{ "deny": ["GPL-3.0-or-later"] }' >"$TMP/deny.json"
"$PV" scan --no-db --quiet --license-policy "$TMP/deny.json" --json "$TMP/d.jsonl" --text /dev/null "$p"
is "$(findings "$TMP/d.jsonl" | cut -d' ' -f1-2)" "license.denied a@1.0.0
license.unknown e@1.0.0" "deny-list only: GPL-3.0-only matches GPL-3.0-or-later; c (MIT OR GPL) and the rest pass"

# lockfile licences: the real fixture's fields (SPDX id, free text, expression)
v=$top/tests/data/vulns/plugin
"$PV" scan --no-db --quiet --license-policy "$TMP/mit.json" --json "$TMP/l.jsonl" --text /dev/null "$v"
is "$(findings "$TMP/l.jsonl")" \
"license.unknown @ctrl/tinycolor@4.1.1 has licence 'SEE LICENSE IN LICENSE.md', not an SPDX expression: byte 5: expected AND, OR or the end, found 'LICENSE'; path: vt-plugin@1.0.0 > @ctrl/tinycolor@4.1.1" \
  "package-lock license fields: free text is unknown with the reason; MIT and (MIT OR Apache-2.0) pass"
echo '{ "allow": ["Apache-2.0"] }' >"$TMP/apache.json"
"$PV" scan --no-db --quiet --license-policy "$TMP/apache.json" --json "$TMP/l2.jsonl" --text /dev/null "$v"
is "$(findings "$TMP/l2.jsonl" | cut -d' ' -f1-2)" "license.denied lodash@4.17.20
license.unknown @ctrl/tinycolor@4.1.1" "twin: allow Apache-2.0 only: lodash (MIT) denied, ms (MIT OR Apache-2.0) passes"

# SARIF: the rules and results, valid against the schema
"$PV" scan --no-db --quiet --license-policy "$pol" --sarif "$TMP/a.sarif" --text /dev/null "$p"
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/sarif-schema-2.1.0.json" "$TMP/a.sarif" >/dev/null 2>&1
ok $? "SARIF with license.* results is valid"
is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted({r["ruleId"] for r in d["runs"][0]["results"]}))' "$TMP/a.sarif")" \
  "['license.denied', 'license.review', 'license.unknown']" "... with one rule per verdict"

# sbom: findings on stderr, exit 1 on a denied licence, the BOM still written
"$PV" sbom --no-db --license-policy "$pol" -o "$TMP/bom.json" "$p" 2>"$TMP/err"
is $? 1 "sbom --license-policy: exit 1 when a licence is denied"
check "... the BOM is written" test -s "$TMP/bom.json"
is "$(grep -c '^plugvet: license\.' "$TMP/err")" 3 "... and the three findings are on stderr"
echo '{ "deny": ["AGPL-3.0-only"] }' >"$TMP/agpl.json"
"$PV" sbom --no-db --license-policy "$TMP/agpl.json" -o "$TMP/bom2.json" "$p" 2>"$TMP/err2"
is "$?:$(grep -c 'license.denied' "$TMP/err2")" "0:0" "twin: nothing denied, exit 0"

# hostile and malformed input
printf '{ "allow": ["MIT OR"] }' >"$TMP/bad.json"
"$PV" scan --no-db --quiet --license-policy "$TMP/bad.json" "$p" >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" \
  "2:plugvet: --license-policy $TMP/bad.json:1: allow[0] 'MIT OR': byte 7: expected a licence or '(', found the end" \
  "a malformed policy entry: exit 2 naming the file, the entry and the reason"
echo '{ "allow": ["MIT"], "block": [] }' >"$TMP/bad2.json"
"$PV" sbom --no-db --license-policy "$TMP/bad2.json" "$p" >/dev/null 2>"$TMP/err"
is "$?:$(grep -c 'unknown key "block"' "$TMP/err")" "2:1" "sbom: an unknown key is refused (exit 2)"
"$PV" scan --no-db --quiet --license-policy "$TMP/missing.json" "$p" >/dev/null 2>&1
is $? 2 "a missing policy file: exit 2"
long=$(python3 -c 'print(" OR ".join(["MIT"] * 1100))')
deep=$(python3 -c 'print("(" * 40 + "MIT" + ")" * 40)')
mk e "{ \"name\": \"e\", \"version\": \"1.0.0\", \"license\": \"$long\" }"
mk f "{ \"name\": \"f\", \"version\": \"1.0.0\", \"license\": \"$deep\" }"
"$PV" scan --no-db --quiet --license-policy "$pol" --json "$TMP/h.jsonl" --text /dev/null "$p"
is "$(findings "$TMP/h.jsonl" | grep -E '^license.unknown (e|f)@' | sed 's/.*SPDX expression: //; s/;.*//')" \
  "longer than 4096 bytes
byte 33: parentheses nested deeper than 32" \
  "a 7,700-byte expression and 40 levels of parentheses: license.unknown with the limit"
mk e '{ "name": "e", "version": "1.0.0", "license": "(((((MIT)))))" }'
"$PV" scan --no-db --quiet --license-policy "$pol" --json "$TMP/h2.jsonl" --text /dev/null "$p"
is "$(findings "$TMP/h2.jsonl" | grep -c '^license.unknown e@')" 0 "twin: a few parentheses parse and pass"
done_testing
