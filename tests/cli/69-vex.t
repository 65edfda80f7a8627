#!/usr/bin/env bash
# --vex FILE on scan and sbom: OpenVEX 0.2.0 and CycloneDX VEX statements.
# not_affected (with its justification) and fixed suppress the matching
# dep.vulnerable finding: kept in SARIF as an external suppression with the
# justification, out of the text counts and the exit status, marked in
# JSON; affected and under_investigation do not; the product purl and the
# advisory (by id or alias) must both match. sbom --vex-out writes the
# statements that suppressed, as OpenVEX. Malformed VEX: exit 2 naming the
# file and the reason.
. "$(dirname "$0")/lib.sh"
p=$top/tests/data/vulns/plugin
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1
export SOURCE_DATE_EPOCH=1700000000
openvex() { # openvex FILE STATEMENT...: an OpenVEX 0.2.0 document
  local f=$1
  shift
  local IFS=,
  printf '{"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://example.com/vex/1","author":"t","timestamp":"2024-01-01T00:00:00Z","version":1,"statements":[%s]}' "$*" >"$f"
}
st() { # st VULN PURL STATUS [JUSTIFICATION]: one statement
  printf '{"vulnerability":{"name":"%s"},"products":[{"@id":"%s"}],"status":"%s"%s}' "$1" "$2" "$3" \
    "${4:+,\"justification\":\"$4\",\"impact_statement\":\"template() is never called\"}"
}
sup() { # sup SARIF: "ruleId kind justification" of each suppressed result
  python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]:
  for s in r.get("suppressions", []): print(r["ruleId"], s["kind"], s.get("status"), s.get("justification"))' "$1"
}
ids() { python3 -c 'import json,sys
print(" ".join(r["ruleId"].split("/")[1] for r in json.load(open(sys.argv[1]))["runs"][0]["results"] if not r.get("suppressions")))' "$1"; }
scan() { # scan SARIF ARGS...: scan the plugin with a store
  local out=$1
  shift
  "$PV" scan -q --fail-on none --db "$db" --sarif "$out" --json "$out.jsonl" "$@" "$p" >"$out.txt" 2>"$out.err"
}
L=pkg:npm/lodash@4.17.20
J=vulnerable_code_not_in_execute_path

scan "$TMP/none.sarif"
is "$(ids "$TMP/none.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "without VEX: three findings"

# not_affected by an alias of the group (the GHSA of CVE-2021-23337)
openvex "$TMP/na.json" "$(st GHSA-35jh-r3h4-6jhm $L not_affected $J)"
scan "$TMP/na.sarif" --vex "$TMP/na.json"
is "$(ids "$TMP/na.sarif")" "CVE-2020-28500 MAL-2025-47141" "not_affected (named by an alias): the finding is suppressed"
is "$(sup "$TMP/na.sarif")" \
  "dep.vulnerable/CVE-2021-23337 external accepted VEX $TMP/na.json: not_affected ($J): template() is never called" \
  "... kept in SARIF as an external suppression with the justification (no --include-suppressed)"
grep -q "2 findings (.*; 1 suppressed)" "$TMP/na.sarif.txt"; ok $? "... out of the text counts, said as suppressed"
python3 -c 'import json,sys
f=[f for f in json.loads(open(sys.argv[1]).readline())["findings"] if f["advisory"]=="CVE-2021-23337"][0]
sys.exit(0 if f["suppressed"] and f["suppression"].startswith("VEX ") and "'$J'" in f["suppression"] else 1)' "$TMP/na.sarif.jsonl"
ok $? "... marked suppressed in JSON, with the reason"
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/sarif-schema-2.1.0.json" "$TMP/na.sarif" >&2
ok $? "... and the SARIF stays valid (official 2.1.0 schema)"
is "$(sup "$TMP/none.sarif")" "" "twin: no suppression without --vex"

openvex "$TMP/fx.json" "$(st CVE-2021-23337 $L fixed)"
scan "$TMP/fx.sarif" --vex "$TMP/fx.json"
is "$(ids "$TMP/fx.sarif")" "CVE-2020-28500 MAL-2025-47141" "fixed: suppressed too"
for s in affected under_investigation; do
  openvex "$TMP/$s.json" "$(st CVE-2021-23337 $L $s)"
  scan "$TMP/$s.sarif" --vex "$TMP/$s.json"
  is "$(ids "$TMP/$s.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "$s: not suppressed (twin)"
done
openvex "$TMP/ov.json" "$(st CVE-2021-23337 pkg:npm/lodash@4.17.21 not_affected $J)"
scan "$TMP/ov.sarif" --vex "$TMP/ov.json"
is "$(ids "$TMP/ov.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "another version's purl: not suppressed (twin)"
openvex "$TMP/any.json" "$(st CVE-2021-23337 pkg:npm/lodash not_affected $J)"
scan "$TMP/any.sarif" --vex "$TMP/any.json"
is "$(ids "$TMP/any.sarif")" "CVE-2020-28500 MAL-2025-47141" "a purl without version: every version"
openvex "$TMP/ot.json" "$(st CVE-2099-0001 $L not_affected $J)"
scan "$TMP/ot.sarif" --vex "$TMP/ot.json"
is "$(ids "$TMP/ot.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "another vulnerability: not suppressed (twin)"
openvex "$TMP/mal.json" "$(st MAL-2025-47141 pkg:npm/%40ctrl/tinycolor@4.1.1 not_affected component_not_present)"
scan "$TMP/mal.sarif" --vex "$TMP/mal.json"
is "$(ids "$TMP/mal.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "a malicious package is never suppressed by VEX"

# the last statement read wins: within a file, and across --vex files in order
openvex "$TMP/late.json" "$(st CVE-2021-23337 $L not_affected $J)" "$(st CVE-2021-23337 $L affected)"
scan "$TMP/late.sarif" --vex "$TMP/late.json"
is "$(ids "$TMP/late.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "a later affected statement wins"
scan "$TMP/f2.sarif" --vex "$TMP/na.json" --vex "$TMP/affected.json"
is "$(ids "$TMP/f2.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "--vex files: the later one wins (affected)"
scan "$TMP/f3.sarif" --vex "$TMP/affected.json" --vex "$TMP/na.json"
is "$(ids "$TMP/f3.sarif")" "CVE-2020-28500 MAL-2025-47141" "... in either order (not_affected) (twin)"

# exit status: an SBOM input holding only lodash, --fail-on high
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"bom-ref":"lo","name":"lodash","purl":"%s"}]}' $L >"$TMP/lo.cdx.json"
"$PV" scan -q --db "$db" --fail-on high "$TMP/lo.cdx.json" >/dev/null; is $? 1 "lodash alone: exit 1 on the high CVE-2021-23337"
"$PV" scan -q --db "$db" --fail-on high --vex "$TMP/na.json" "$TMP/lo.cdx.json" >/dev/null; is $? 0 "... 0 when VEX says not_affected"

# CycloneDX VEX: affects[].ref a bom-ref of the VEX's components, or a purl
cdxvex() { # cdxvex FILE STATE [JUSTIFICATION] [REF]
  printf '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"bom-ref":"comp-lodash","name":"lodash","purl":"%s"}],"vulnerabilities":[{"id":"CVE-2021-23337","references":[{"id":"GHSA-35jh-r3h4-6jhm"}],"analysis":{"state":"%s"%s,"detail":"not reachable"},"affects":[{"ref":"%s"}]}]}' \
    $L "$2" "${3:+,\"justification\":\"$3\"}" "${4:-comp-lodash}" >"$1"
}
cdxvex "$TMP/c1.json" not_affected code_not_reachable
scan "$TMP/c1.sarif" --vex "$TMP/c1.json"
is "$(sup "$TMP/c1.sarif")" \
  "dep.vulnerable/CVE-2021-23337 external accepted VEX $TMP/c1.json: not_affected (code_not_reachable): not reachable" \
  "CycloneDX VEX not_affected (affects by bom-ref): suppressed with the justification"
cdxvex "$TMP/c2.json" resolved "" "$L"
scan "$TMP/c2.sarif" --vex "$TMP/c2.json"
is "$(ids "$TMP/c2.sarif")" "CVE-2020-28500 MAL-2025-47141" "CycloneDX resolved (affects by purl): suppressed as fixed"
cdxvex "$TMP/c3.json" false_positive "" "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#comp-lodash"
scan "$TMP/c3.sarif" --vex "$TMP/c3.json"
is "$(ids "$TMP/c3.sarif")" "CVE-2020-28500 MAL-2025-47141" "CycloneDX false_positive (affects by BOM-Link): suppressed"
for s in exploitable in_triage; do
  cdxvex "$TMP/c-$s.json" $s
  scan "$TMP/c-$s.sarif" --vex "$TMP/c-$s.json"
  is "$(ids "$TMP/c-$s.sarif")" "CVE-2020-28500 CVE-2021-23337 MAL-2025-47141" "CycloneDX $s: not suppressed (twin)"
done

# sbom --vex-out: the statements that suppressed, as OpenVEX
"$PV" sbom --db "$db" --vex "$TMP/c-exploitable.json" --vex "$TMP/na.json" --vex-out "$TMP/out.vex" -o /dev/null "$p"
ok $? "sbom --vex-out writes"
python3 - "$TMP/out.vex" <<'EOF' >"$TMP/why"
import json, sys
d = json.load(open(sys.argv[1]))
need = ["@context", "@id", "author", "timestamp", "version", "statements"]
assert all(k in d for k in need), "missing top-level field"
assert d["@context"] == "https://openvex.dev/ns/v0.2.0"
for s in d["statements"]:
    assert s["vulnerability"]["name"] and s["products"] and s["status"] in ("not_affected", "fixed")
    assert s["status"] != "not_affected" or "justification" in s or "impact_statement" in s
print(" ".join(s["vulnerability"]["name"] + ":" + ",".join(s["vulnerability"].get("aliases", [])) + ":" + s["products"][0]["@id"] + ":" + s["status"] + ":" + s.get("justification", "") for s in d["statements"]), d["timestamp"])
EOF
is "$(cat "$TMP/why")" "CVE-2021-23337:GHSA-35jh-r3h4-6jhm:$L:not_affected:$J 2023-11-14T22:13:20Z" \
  "... one OpenVEX 0.2.0 statement with the group's id, aliases, purl, status and justification"
"$PV" sbom --db "$db" --vex "$TMP/c-exploitable.json" --vex "$TMP/na.json" --vex-out "$TMP/out2.vex" -o /dev/null "$p"
cmp -s "$TMP/out.vex" "$TMP/out2.vex"; ok $? "... the same bytes again (deterministic @id)"
"$PV" sbom --db "$db" --vex "$TMP/affected.json" --vex-out "$TMP/out3.vex" -o /dev/null "$p"
is "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["statements"]))' "$TMP/out3.vex")" 0 \
  "an affected statement suppresses nothing: no statement out (twin)"

# the SBOM's vulnerabilities[] carry the deciding statement's analysis
# (CycloneDX 1.6 and 1.5 schemas); entries no statement covers carry none
an() { # an BOM: "id:analysis-json" per vulnerabilities[] entry, in order
  python3 -c 'import json,sys
for v in json.load(open(sys.argv[1]))["vulnerabilities"]:
  print(v["id"] + ":" + ",".join(a["ref"] for a in v["affects"]) + ":" + json.dumps(v.get("analysis"), sort_keys=True))' "$1"
}
valid() { # valid BOM MINOR
  node "$top/tests/validate-schema.js" "$top/tests/data/schemas/bom-1.$2.schema.json" "$1" >/dev/null 2>&1
}
"$PV" sbom --db "$db" -o "$TMP/an0.json" "$p"
check "sbom without --vex: no entry has an analysis (twin)" ! grep -q '"analysis"' "$TMP/an0.json"
"$PV" sbom --db "$db" --vex "$TMP/na.json" -o "$TMP/an1.json" "$p"
is "$(an "$TMP/an1.json" | grep CVE-2021-23337)" \
  "CVE-2021-23337:$L:{\"detail\": \"template() is never called; OpenVEX justification: $J\", \"justification\": \"code_not_reachable\", \"state\": \"not_affected\"}" \
  "sbom --vex (OpenVEX not_affected): the entry carries the analysis, justification mapped, OpenVEX's kept in detail"
is "$(an "$TMP/an1.json" | grep -c ':null$')" 2 "... the entries no statement covers carry none (twin)"
valid "$TMP/an1.json" 6; ok $? "... valid CycloneDX 1.6"
"$PV" scan -q --fail-on none --db "$db" --vex "$TMP/na.json" --sbom "$TMP/an-scan.json" --text /dev/null "$p"
is "$(an "$TMP/an-scan.json" | grep -c not_affected) $(an "$TMP/an-scan.json" | md5sum)" "1 $(an "$TMP/an1.json" | md5sum)" \
  "scan --sbom --vex: the same entries and analysis"
"$PV" sbom --db "$db" --vex "$TMP/na.json" --cyclonedx-version 1.5 -o "$TMP/an15.json" "$p"
valid "$TMP/an15.json" 5; ok $? "... and 1.5"
openvex "$TMP/act.json" "$(st CVE-2020-28500 $L affected | sed 's/}$/,"action_statement":"upgrade to 4.17.21"}/')"
"$PV" sbom --db "$db" --vex "$TMP/act.json" -o "$TMP/an2.json" "$p"
is "$(an "$TMP/an2.json" | grep CVE-2020-28500)" \
  "CVE-2020-28500:$L:{\"detail\": \"action: upgrade to 4.17.21\", \"state\": \"exploitable\"}" \
  "OpenVEX affected (not suppressing) is still the analysis: exploitable, the action statement in detail"
cdxvex "$TMP/cr.json" exploitable
sed -i 's/"detail":"not reachable"/&,"response":["will_not_fix","update"]/' "$TMP/cr.json"
"$PV" sbom --db "$db" --vex "$TMP/cr.json" -o "$TMP/an3.json" "$p"
is "$(an "$TMP/an3.json" | grep CVE-2021-23337)" \
  "CVE-2021-23337:$L:{\"detail\": \"not reachable\", \"response\": [\"will_not_fix\", \"update\"], \"state\": \"exploitable\"}" \
  "CycloneDX VEX: state, detail and response as written"
valid "$TMP/an3.json" 6; ok $? "... valid CycloneDX 1.6"
sed -i 's/"update"\]/"update","pray"]/' "$TMP/cr.json"
"$PV" sbom --db "$db" --vex "$TMP/cr.json" -o /dev/null "$p" 2>"$TMP/err"; st=$?
grep -q "statement 1: unknown response 'pray'" "$TMP/err"; check "an unknown response: exit 2 naming it" test "$st$?" = 20
# one advisory, two versions, a statement for one: the entry splits by analysis
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"lodash","purl":"%s"},{"name":"lodash","purl":"pkg:npm/lodash@4.17.19"}]}' $L >"$TMP/two.cdx.json"
"$PV" sbom --db "$db" --vex "$TMP/na.json" -o "$TMP/an4.json" "$TMP/two.cdx.json"
is "$(an "$TMP/an4.json" | grep CVE-2021-23337 | cut -d'{' -f1)" \
  "CVE-2021-23337:pkg:npm/lodash@4.17.19:null
CVE-2021-23337:$L:" \
  "an advisory affecting two versions, a statement covering one: an entry for each, the analysis on its own"
valid "$TMP/an4.json" 6; ok $? "... valid CycloneDX 1.6"

# malformed VEX: exit 2 naming the file and the reason; nothing scanned
bad() { # bad NAME FILE-CONTENT WANT-IN-STDERR
  printf '%s' "$2" >"$TMP/bad.json"
  "$PV" scan -q --db "$db" --vex "$TMP/bad.json" "$p" >"$TMP/bad.out" 2>"$TMP/bad.err"
  local rc=$?
  grep -q -- "$3" "$TMP/bad.err"
  check "malformed VEX, $1: exit 2 naming the file and reason" test "$rc$?" = 20 || cat "$TMP/bad.err" >&2
}
bad "not JSON" '{"statements": [' "^plugvet: --vex $TMP/bad.json:1: not JSON"
bad "neither format" '{"x":1}' "$TMP/bad.json: neither OpenVEX (statements) nor CycloneDX VEX"
bad "unknown status" "$(openvex "$TMP/t" "$(st CVE-1 $L bogus)"; cat "$TMP/t")" "$TMP/bad.json: statement 1: unknown status 'bogus'"
bad "no justification" "$(openvex "$TMP/t" "$(st CVE-1 $L not_affected)"; cat "$TMP/t")" "statement 1: not_affected with neither a justification nor an impact statement"
bad "unknown justification" "$(openvex "$TMP/t" "$(st CVE-1 $L not_affected because)"; cat "$TMP/t")" "statement 1: unknown justification 'because'"
bad "no products" '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-1"},"status":"fixed"}]}' "statement 1: no products"
bad "no vulnerability" '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"products":["pkg:npm/a@1"],"status":"fixed"}]}' "statement 1: no vulnerability name"
bad "a malformed purl" "$(openvex "$TMP/t" "$(st CVE-1 'pkg:npm/a%zz@1' fixed)"; cat "$TMP/t")" "statement 1: bad percent-encoding 'pkg:npm/a%zz@1'"
bad "CycloneDX unknown state" "$(cdxvex "$TMP/t" sure; cat "$TMP/t")" "statement 1: unknown analysis state 'sure'"
"$PV" scan -q --db "$db" --vex "$TMP/missing.json" "$p" >/dev/null 2>"$TMP/err"; st=$?
grep -q "missing.json" "$TMP/err"; check "a missing --vex file: exit 2 naming it" test "$st$?" = 20
"$PV" sbom --db "$db" --vex "$TMP/bad.json" "$p" >/dev/null 2>&1; is $? 2 "sbom --vex with a malformed file: exit 2"
python3 -c 'import json,sys
s=[{"vulnerability":{"name":"CVE-%d"%i},"products":["pkg:npm/a@1"],"status":"fixed"} for i in range(100001)]
json.dump({"@context":"https://openvex.dev/ns/v0.2.0","statements":s}, open(sys.argv[1],"w"))' "$TMP/many.json"
"$PV" scan -q --db "$db" --vex "$TMP/many.json" "$p" >/dev/null 2>"$TMP/err"; st=$?
grep -q "more than 100000 VEX statements" "$TMP/err"; check "100,001 statements: refused (the limit), exit 2" test "$st$?" = 20
done_testing
