#!/usr/bin/env bash
# An SBOM as the input: `plugvet scan bom.cdx.json` / `bom.spdx.json`
# (detected by content) matches the SBOM's npm components against the OSV
# store, as osv-scanner and Trivy do. Non-npm components are counted and
# said; malformed purls are named and the other components still matched;
# hostile SBOMs (too many components, too deep, not JSON) stay bounded.
. "$(dirname "$0")/lib.sh"
p=$top/tests/data/vulns/plugin
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1
export SOURCE_DATE_EPOCH=1700000000
rules() { # rules SARIF: "ruleId line" of each result
  python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]: print(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])' "$1"
}
notes() { python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]["toolExecutionNotifications"]: print(r["descriptor"]["id"]+": "+r["message"]["text"])' "$1"; }

"$PV" scan -q --fail-on none --db "$db" --sarif "$TMP/dir.sarif" "$p" >/dev/null
"$PV" sbom --db "$db" -o "$TMP/bom.cdx.json" "$p"
"$PV" sbom --format spdx-json --db "$db" -o "$TMP/bom.spdx.json" "$p"
want=$(rules "$TMP/dir.sarif" | cut -d' ' -f1 | sort)

"$PV" scan -q --db "$db" --sarif "$TMP/c.sarif" "$TMP/bom.cdx.json" >/dev/null; is $? 1 "scan of a CycloneDX SBOM: findings, exit 1"
is "$(rules "$TMP/c.sarif" | cut -d' ' -f1 | sort)" "$want" "... the same advisories as scanning the plugin itself"
line=$(grep -n '"purl": "pkg:npm/lodash@4.17.20"' "$TMP/bom.cdx.json" | cut -d: -f1)
is "$(rules "$TMP/c.sarif" | grep CVE-2021-23337 | cut -d' ' -f2)" "$line" \
  "... located at the component's purl line in the SBOM"
"$PV" scan -q --db "$db" --sarif "$TMP/s.sarif" "$TMP/bom.spdx.json" >/dev/null; is $? 1 "scan of an SPDX SBOM: exit 1"
# SPDX packages carry no dev scope: every one is matched, as --include-dev does
"$PV" scan -q --fail-on none --include-dev --db "$db" --sarif "$TMP/dev.sarif" "$p" >/dev/null
is "$(rules "$TMP/s.sarif" | cut -d' ' -f1 | sort)" "$(rules "$TMP/dev.sarif" | cut -d' ' -f1 | sort)" \
  "... the advisories of the plugin with its dev dependencies (SPDX has no dev scope)"
"$PV" scan -q --fail-on none --no-db --sarif "$TMP/n.sarif" "$TMP/bom.cdx.json" >/dev/null
is "$(rules "$TMP/n.sarif")" "" "--no-db: no dependency findings (twin)"
cp "$TMP/bom.cdx.json" "$TMP/renamed.txt"
"$PV" scan -q --db "$db" --sarif "$TMP/r.sarif" "$TMP/renamed.txt" >/dev/null
is "$(rules "$TMP/r.sarif" | wc -l)" "$(rules "$TMP/c.sarif" | wc -l)" "detected by content, whatever the file name"
printf '{"name":"x","bomFormats":"CycloneDX","components":[{"purl":"pkg:npm/lodash@4.17.20"}]}' >"$TMP/not.json"
"$PV" scan -q --db "$db" --sarif "$TMP/x.sarif" "$TMP/not.json" >/dev/null
is "$(rules "$TMP/x.sarif")" "" "a JSON file without bomFormat/spdxVersion is not an SBOM (twin)"
mkdir -p "$TMP/d" && cp "$TMP/bom.cdx.json" "$TMP/d/"
"$PV" scan -q --fail-on none --db "$db" --sarif "$TMP/d.sarif" "$TMP/d" >/dev/null
is "$(rules "$TMP/d.sarif")" "" "an SBOM inside a directory input is not read as its dependencies"

# Mixed and hostile content.
cat >"$TMP/h.cdx.json" <<'EOF'
{"bomFormat":"CycloneDX","specVersion":"1.6","components":[
 {"name":"x","purl":"pkg:npm/lodash@4.17.20"},
 {"name":"bad1","purl":"pkg:npm/lo%zzdash@1.0.0"},
 {"name":"bad2","purl":"npm/lodash@1"},
 {"name":"bad3","purl":"pkg:npm/@a/@b/c@1"},
 {"name":"bad4","purl":"pkg:npm/%40x/a%0Ab@1"},
 {"name":"py","purl":"pkg:pypi/django@1.0"},
 {"name":"mvn","purl":"pkg:maven/org.x/y@1"},
 {"name":"nopurl"},
 {"name":"nover","purl":"pkg:npm/ms"},
 {"name":"git","purl":"pkg:npm/ms@2.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fa%2Fb.git"},
 {"name":"parent","purl":"pkg:npm/%40ctrl/tinycolor@4.1.1","components":[
   {"name":"nested","purl":"pkg:NPM/minimist@0.0.8","scope":"excluded"}]}
]}
EOF
"$PV" scan -q --db "$db" --sarif "$TMP/h.sarif" "$TMP/h.cdx.json" >"$TMP/h.txt"; is $? 1 "a mixed SBOM: exit 1"
is "$(rules "$TMP/h.sarif" | cut -d' ' -f1 | sort | tr '\n' ' ')" \
  "dep.malicious-package/MAL-2025-47141 dep.vulnerable/CVE-2020-28500 dep.vulnerable/CVE-2021-23337 " \
  "... its good npm components matched (nested ones too), malformed ones left out"
notes "$TMP/h.sarif" >"$TMP/h.notes"
grep -q "sbom-input: .*3 npm components read; 3 skipped, not npm: pypi 1, maven 1, no purl 1" "$TMP/h.notes"; ok $? "... non-npm components counted and said, by type"
grep -q "sbom-bad-purl: .*4 malformed purls left out, the other components matched: line 3: 'pkg:npm/lo%zzdash@1.0.0': bad percent-encoding; line 4: 'npm/lodash@1': not pkg:TYPE/NAME; line 5: .*; and 1 more" "$TMP/h.notes"
ok $? "... malformed purls named with line and reason (the first three)"
grep -q "dep-not-matched: .*2 npm components not matched .*'pkg:npm/ms': no version; .*vcs_url.*: no registry version" "$TMP/h.notes"
ok $? "... npm components without a (registry) version said not matched"
grep -q "3 skipped" "$TMP/h.txt"; ok $? "... and the text report says it"
"$PV" scan -q --db "$db" --include-dev --sarif "$TMP/h2.sarif" "$TMP/h.cdx.json" >/dev/null
is "$(rules "$TMP/h2.sarif" | grep -c 'CVE-2020-7598\|CVE-2021-44906')" 2 "scope excluded is dev-only: matched with --include-dev (twin)"
notes "$TMP/c.sarif" | grep "sbom-input: .*: CycloneDX SBOM: 4 npm components read$" >/dev/null; ok $? "a clean SBOM: an info note, nothing skipped"

python3 - "$TMP/big.cdx.json" <<'EOF'
import json, sys
comps = [{"name": "p%d" % i, "purl": "pkg:npm/p%d@1.0.0" % i} for i in range(100005)]
comps.insert(0, {"name": "lodash", "purl": "pkg:npm/lodash@4.17.20"})
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": comps}, open(sys.argv[1], "w"))
EOF
"$PV" scan -q --fail-on none --db "$db" --sarif "$TMP/big.sarif" "$TMP/big.cdx.json" >/dev/null; is $? 0 "100,006 components: scanned"
notes "$TMP/big.sarif" | grep "inventory-too-large: more than 100000 dependency entries" >/dev/null; ok $? "... the component cap said"
is "$(rules "$TMP/big.sarif" | grep -c 'CVE-2021-23337\|CVE-2020-28500')" 2 "... what was read before the cap still matched"
python3 -c 'print("{\"bomFormat\":\"CycloneDX\",\"components\":" + "[{\"purl\":\"pkg:npm/a@1\",\"components\":" * 3000 + "[]" + "}]" * 3000 + "}")' >"$TMP/deep.cdx.json"
"$PV" scan -q --fail-on none --db "$db" --sarif "$TMP/deep.sarif" "$TMP/deep.cdx.json" >/dev/null; is $? 0 "3,000 levels of nested components: scanned, no crash"
notes "$TMP/deep.sarif" | grep "lockfile-parse-error: .*deep.cdx.json:1: " >/dev/null; ok $? "... refused with a note naming the file"
printf '{"bomFormat":"CycloneDX","components":[{"purl":"pkg:npm/lodash@4.17.20"},' >"$TMP/trunc.cdx.json"
"$PV" scan -q --fail-on none --db "$db" --sarif "$TMP/t.sarif" "$TMP/trunc.cdx.json" >/dev/null; is $? 0 "a truncated SBOM: scanned"
notes "$TMP/t.sarif" | grep "lockfile-parse-error: .*trunc.cdx.json:1" >/dev/null; ok $? "... a note says it is malformed"

"$PV" sbom --no-db -o "$TMP/round.json" "$TMP/bom.cdx.json"
is "$(python3 -c 'import json,sys; print(sorted(c["purl"] for c in json.load(open(sys.argv[1]))["components"]))' "$TMP/round.json")" \
  "$(python3 -c 'import json,sys; print(sorted(c["purl"] for c in json.load(open(sys.argv[1]))["components"]))' "$TMP/bom.cdx.json")" \
  "plugvet sbom of an SBOM: the same npm purls"
done_testing
