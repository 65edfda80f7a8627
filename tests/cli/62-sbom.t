#!/usr/bin/env bash
# plugvet sbom / scan --sbom: CycloneDX 1.6 and 1.5, valid against the
# official schemas (ajv) and by the official @cyclonedx/cyclonedx-library
# validator (tests/validate-cyclonedx.js), with the conformance fixtures
# proving each validator tells valid from invalid, hashes, licences, scopes, refs, vulnerabilities
# from the real OSV samples, determinism.
. "$(dirname "$0")/lib.sh"
p=$top/tests/data/vulns/plugin
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1
valid() { # valid VERSION FILE: both validators accept FILE
  node "$top/tests/validate-schema.js" "$top/tests/data/schemas/bom-$1.schema.json" "$2" >/dev/null 2>&1 &&
    node "$top/tests/validate-cyclonedx.js" "$1" "$2" >/dev/null 2>&1
}
q() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# Each validator on its own, on the CycloneDX conformance fixtures: one run
# per version over every fixture; the files it names are the ones it refuses.
for tool in validate-schema.js validate-cyclonedx.js; do
  bad=0; n=0
  for v in 1.5 1.6; do
    arg=$v; [ $tool = validate-schema.js ] && arg=$top/tests/data/schemas/bom-$v.schema.json
    node "$top/tests/$tool" "$arg" "$top/tests/data/cyclonedx/$v"/*.json >"$TMP/verdict" 2>&1
    for f in "$top/tests/data/cyclonedx/$v"/*.json; do
      n=$((n + 1)); grep -q "^$f:" "$TMP/verdict"; refused=$((1 - $?))
      case $(basename "$f") in valid-*) [ $refused -eq 0 ] || bad=$((bad + 1)) ;; *) [ $refused -eq 1 ] || bad=$((bad + 1)) ;; esac
    done
  done
  is "$bad" 0 "$tool accepts all valid-* and refuses all invalid-* of $n fixtures"
done
export SOURCE_DATE_EPOCH=1700000000
"$PV" sbom --db "$db" -o "$TMP/a.json" "$p"; ok $? "plugvet sbom writes a BOM"
valid 1.6 "$TMP/a.json"; ok $? "... valid CycloneDX 1.6 (schema and cyclonedx-library)"
sed 's/"id": *"MIT"/"id":"MIT-ish"/' "$TMP/a.json" >"$TMP/bad.json"
node "$top/tests/validate-cyclonedx.js" 1.6 "$TMP/bad.json" >/dev/null 2>&1; is $? 1 "twin: the library refuses it with a non-SPDX licence id"
"$PV" sbom --db "$db" --cyclonedx-version 1.5 -o "$TMP/b.json" "$p"
valid 1.5 "$TMP/b.json"; ok $? "--cyclonedx-version 1.5: valid CycloneDX 1.5"
is "$(q "$TMP/b.json" 'd["specVersion"]')" "1.5" "... and says so"
is "$(q "$TMP/a.json" '" ".join(c["name"]+":"+c["scope"] for c in d["components"])')" \
  "tinycolor:required lodash:required minimist:excluded ms:required" "components and scopes (dev is excluded)"
is "$(q "$TMP/a.json" '[c for c in d["components"] if c["name"]=="tinycolor"][0]["group"] + " " + d["components"][0]["purl"]')" \
  "@ctrl pkg:npm/%40ctrl/tinycolor@4.1.1" "scoped: group and percent-encoded purl"
want=$(python3 -c 'import hashlib; print(hashlib.sha512(b"lodash-4.17.20").hexdigest())')
is "$(q "$TMP/a.json" '[c for c in d["components"] if c["name"]=="lodash"][0]["hashes"][0]["content"]')" "$want" \
  "SRI sha512 decoded to hex"
is "$(q "$TMP/a.json" '"hashes" in [c for c in d["components"] if c["name"]=="ms"][0]')" "False" \
  "a malformed integrity gives no hash (twin)"
is "$(q "$TMP/a.json" '" ".join(json.dumps(c.get("licenses")) for c in d["components"])')" \
  '[{"license": {"name": "SEE LICENSE IN LICENSE.md"}}] [{"license": {"id": "MIT"}}] null [{"expression": "(MIT OR Apache-2.0)"}]' \
  "licences: SPDX id, expression, free text as a name"
is "$(q "$TMP/a.json" 'sorted(v["id"] for v in d["vulnerabilities"])')" \
  "['CVE-2020-28500', 'CVE-2021-23337', 'MAL-2025-47141']" "vulnerabilities from the store, CVE-first"
is "$(q "$TMP/a.json" 'all(a["ref"] in {c["bom-ref"] for c in d["components"]} for v in d["vulnerabilities"] for a in v["affects"])')" \
  "True" "every affects.ref is a component's bom-ref"
is "$(q "$TMP/a.json" 'len({x["ref"] for x in d["dependencies"]}) == len(d["dependencies"]) == len(d["components"]) + 1')" \
  "True" "one dependencies entry per component and the root"
"$PV" sbom --db "$db" -o "$TMP/a2.json" "$p"
cmp -s "$TMP/a.json" "$TMP/a2.json"; ok $? "same input and SOURCE_DATE_EPOCH: the same bytes"
SOURCE_DATE_EPOCH=1700000001 "$PV" sbom --db "$db" -o "$TMP/a3.json" "$p"
is "$(q "$TMP/a3.json" 'd["metadata"]["timestamp"]')" "2023-11-14T22:13:21Z" "another epoch: its timestamp"
check "... and another serial" test "$(q "$TMP/a.json" 'd["serialNumber"]')" != "$(q "$TMP/a3.json" 'd["serialNumber"]')"
"$PV" sbom --no-db -o "$TMP/c.json" "$p"
is "$(q "$TMP/c.json" '"vulnerabilities" in d')" "False" "--no-db: no vulnerabilities section"

tar czf "$TMP/p.tgz" -C "$p/.." plugin
"$PV" scan -q --fail-on none --db "$db" --sbom "$TMP/s.json" "$TMP/p.tgz" >/dev/null
valid 1.6 "$TMP/s.json"; ok $? "scan --sbom of the tarball: valid"
is "$(q "$TMP/s.json" 'len(d["components"])')" 4 "... with the same components"
"$PV" scan -q --sbom "$TMP/x.json" "$p" "$p" >/dev/null 2>&1; is $? 2 "--sbom takes exactly one input"
"$PV" sbom --cyclonedx-version 1.4 "$p" >/dev/null 2>&1; is $? 2 "an unsupported CycloneDX version: exit 2"
"$PV" sbom "$TMP/missing.tgz" >/dev/null 2>&1; is $? 2 "a missing input: exit 2"
# bom-refs and dependsOn are built in time linear in the components: 40,000
# packages, all direct, take a few CPU seconds (pairwise scans took 16 s)
big=$TMP/big
mkdir -p "$big"
python3 - "$big" <<'PY'
import json, sys
n = 40000
deps = {"p%d" % i: "1.0.0" for i in range(n)}
pk = {"": {"name": "big", "version": "1.0.0", "dependencies": deps}}
pk.update({"node_modules/p%d" % i: {"version": "1.0.0"} for i in range(n)})
json.dump({"name": "big", "version": "1.0.0", "lockfileVersion": 3, "packages": pk},
          open(sys.argv[1] + "/package-lock.json", "w"))
json.dump({"name": "big", "version": "1.0.0", "dependencies": deps}, open(sys.argv[1] + "/package.json", "w"))
PY
/usr/bin/time -f "%U %S" -o "$TMP/cpu" "$PV" sbom --no-db -o "$TMP/big.json" "$big"
ok $? "sbom of 40,000 packages"
is "$(q "$TMP/big.json" '"%d %d %d" % (len(d["components"]), len(d["dependencies"][0]["dependsOn"]), len({x for c in d["dependencies"] for x in c["dependsOn"]}))')" \
  "40000 40000 40000" "... every component, the root depending on each once"
if [ "${PLUGVET_SAN:-}" = 1 ]; then
  skip "CPU time not measured under ASan"
else
  cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$TMP/cpu")
  check "... in ${cpu} ms of CPU (< 6 s: linear, not quadratic)" test "$cpu" -lt 6000
fi

# An SBOM reads only what the inventory needs under node_modules/
# (manifests, lockfiles, archives): 60 MB of packages' code is never read.
nm=$TMP/nm-proj
for p in a b c; do
  mkdir -p "$nm/node_modules/$p"
  printf '{"name":"%s","version":"1.0.%s","license":"MIT"}\n' "$p" "${#p}" >"$nm/node_modules/$p/package.json"
  head -c 20971520 /dev/zero | tr '\0' ';' >"$nm/node_modules/$p/index.js"
done
printf '{"name":"nm-proj","version":"1.0.0","dependencies":{"a":"1","b":"1","c":"1"}}\n' >"$nm/package.json"
/usr/bin/time -f %M -o "$TMP/sbom.rss" "$PV" sbom --no-db -o "$TMP/nm.json" "$nm"
ok $? "sbom of a project with 60 MB of node_modules code"
/usr/bin/time -f %M -o "$TMP/scan.rss" "$PV" scan -q --no-db --fail-on none --text /dev/null "$nm"
d=$(( $(cat "$TMP/scan.rss") - $(cat "$TMP/sbom.rss") ))
check "... peaks at least 50 MB below a scan of it, which reads the code ($(cat "$TMP/sbom.rss") KB vs $(cat "$TMP/scan.rss") KB)" \
  test "$d" -gt 51200
rm "$nm"/node_modules/*/index.js
"$PV" sbom --no-db -o "$TMP/nm0.json" "$nm"
strip() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("serialNumber",None); d["metadata"].pop("timestamp",None); print(json.dumps(d, sort_keys=True))' "$1"; }
is "$(strip "$TMP/nm.json")" "$(strip "$TMP/nm0.json")" "... and lists what it lists without the code (a, b, c)"
check "... which are the three packages" python3 -c 'import json,sys; assert sorted(c["name"] for c in json.load(open(sys.argv[1]))["components"]) == ["a","b","c"]' "$TMP/nm.json"
done_testing
