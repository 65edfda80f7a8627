#!/usr/bin/env bash
# plugvet sbom --format spdx-json / scan --sbom-format spdx-json: SPDX 2.3
# JSON. No npm package ships the official SPDX 2.3 schema (see
# tests/data/schemas/PROVENANCE), so documents are checked by
# tests/validate-spdx.js, a structural check from the specification, which
# is first shown to refuse broken twins of a valid document. Then: packages,
# checksums, licences, purls, advisories, the relationship graph equal to
# the CycloneDX dependency graph, dev edges, SPDXID sanitising and
# uniqueness, determinism.
. "$(dirname "$0")/lib.sh"
p=$top/tests/data/vulns/plugin
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1
valid() { node "$top/tests/validate-spdx.js" "$@" >"$TMP/why" 2>&1; }
q() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"; }
pkg() { # pkg FILE NAME FIELD: FIELD of the package named NAME
  q "$1" "print(json.dumps([p for p in d['packages'] if p['name']=='$2'][0].get('$3')))"
}
export SOURCE_DATE_EPOCH=1700000000

"$PV" sbom --format spdx-json --db "$db" -o "$TMP/a.json" "$p"; ok $? "plugvet sbom --format spdx-json writes a document"
valid "$TMP/a.json"; ok $? "... valid SPDX 2.3 (tests/validate-spdx.js)"

# The checker on its own: each broken twin of a.json is refused for its reason.
twin() { # twin NAME PYTHON-EDIT WANT-IN-MESSAGE
  q "$TMP/a.json" "$2; json.dump(d, open('$TMP/t.json','w'))"
  valid "$TMP/t.json"
  local rc=$?
  grep -q -- "$3" "$TMP/why"
  check "checker refuses $1" test "$rc$?" = 10
}
twin "a package without downloadLocation" "del d['packages'][1]['downloadLocation']" "missing required downloadLocation"
twin "an SPDXID with '@'" "d['packages'][1]['SPDXID']='SPDXRef-@ctrl'" "does not match"
twin "a duplicate SPDXID" "d['packages'][2]['SPDXID']=d['packages'][1]['SPDXID']" "not unique"
twin "an unknown relationship type" "d['relationships'][1]['relationshipType']='USES'" "unknown type"
twin "a relationship to no element" "d['relationships'][1]['relatedSpdxElement']='SPDXRef-x'" "names no element"
twin "an unknown property" "d['packages'][0]['bomRef']='x'" "unknown property"
twin "spdxVersion 2.2" "d['spdxVersion']='SPDX-2.2'" "not SPDX-2.3"
twin "a short checksum" "d['packages'][2]['checksums'][0]['checksumValue']='abc'" "algorithm's length"
twin "a free-text licence" "d['packages'][1]['licenseDeclared']='SEE LICENSE IN x'" "not a licence expression"
twin "no DESCRIBES" "d['relationships']=d['relationships'][1:]" "DESCRIBES nothing"
twin "a missing creationInfo.created" "del d['creationInfo']['created']" "missing required created"

is "$(q "$TMP/a.json" 'print(d["spdxVersion"], d["dataLicense"], d["name"], d["creationInfo"]["creators"][0])')" \
  "SPDX-2.3 CC0-1.0 vt-plugin Tool: plugvet-0.1.0" "document header"
is "$(q "$TMP/a.json" 'print(" ".join(p["name"]+"@"+p.get("versionInfo","") for p in d["packages"]))')" \
  "vt-plugin@1.0.0 @ctrl/tinycolor@4.1.1 lodash@4.17.20 minimist@0.0.8 ms@2.1.3" "one package per component, root first"
is "$(pkg "$TMP/a.json" @ctrl/tinycolor SPDXID)" '"SPDXRef-Package--ctrl-tinycolor-4.1.1"' "SPDXID: '@' and '/' made '-'"
want=$(python3 -c 'import hashlib; print(hashlib.sha512(b"lodash-4.17.20").hexdigest())')
is "$(pkg "$TMP/a.json" lodash checksums)" "[{\"algorithm\": \"SHA512\", \"checksumValue\": \"$want\"}]" \
  "lockfile integrity as a SHA512 checksum"
is "$(pkg "$TMP/a.json" ms checksums)" "null" "a malformed integrity gives no checksum (twin)"
is "$(pkg "$TMP/a.json" lodash downloadLocation)" '"https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz"' \
  "downloadLocation: the resolved tarball"
is "$(pkg "$TMP/a.json" minimist downloadLocation)" '"NOASSERTION"' "... NOASSERTION without one (twin)"
is "$(q "$TMP/a.json" 'print(" ".join(p["licenseDeclared"] for p in d["packages"]))')" \
  "NOASSERTION NOASSERTION MIT NOASSERTION MIT OR Apache-2.0" \
  "licenseDeclared: SPDX id and expression kept, free text and none NOASSERTION"
mkdir -p "$TMP/lic"
cat >"$TMP/lic/package-lock.json" <<'EOF'
{ "name": "lic", "version": "1.0.0", "lockfileVersion": 3, "packages": {
  "": { "name": "lic", "version": "1.0.0" },
  "node_modules/a": { "version": "1.0.0", "license": "mit" },
  "node_modules/b": { "version": "1.0.0", "license": "apache-2.0 with llvm-exception" },
  "node_modules/c": { "version": "1.0.0", "license": "MIT AND Foo-1.0" },
  "node_modules/d": { "version": "1.0.0", "license": "(LicenseRef-Ours OR GPL-2.0+)" },
  "node_modules/e": { "version": "1.0.0", "license": "MIT WITH Bar-exception" } } }
EOF
"$PV" sbom --no-db --format spdx-json -o "$TMP/lic.json" "$TMP/lic"
valid "$TMP/lic.json"; ok $? "licences of every shape: valid"
is "$(q "$TMP/lic.json" 'print(" | ".join(p["name"]+"="+p["licenseDeclared"] for p in d["packages"][1:]))')" \
  "a=MIT | b=Apache-2.0 WITH LLVM-exception | c=NOASSERTION | d=LicenseRef-Ours OR GPL-2.0+ | e=NOASSERTION" \
  "... in the SPDX list's spelling; an unknown licence or exception: NOASSERTION"
is "$(q "$TMP/a.json" 'print({p["licenseConcluded"] for p in d["packages"]}, {p["supplier"] for p in d["packages"]})')" \
  "{'NOASSERTION'} {'NOASSERTION'}" "licenseConcluded and supplier NOASSERTION"
is "$(pkg "$TMP/a.json" @ctrl/tinycolor externalRefs | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["referenceLocator"])')" \
  "pkg:npm/%40ctrl/tinycolor@4.1.1" "purl externalRef, percent-encoded"
is "$(q "$TMP/a.json" 'print(sorted(r["referenceLocator"].rsplit("/",1)[1] for p in d["packages"] for r in p["externalRefs"] if r["referenceCategory"]=="SECURITY"))')" \
  "['CVE-2020-28500', 'CVE-2021-23337', 'MAL-2025-47141']" "advisories from the store as SECURITY refs"
"$PV" sbom --format spdx-json --no-db -o "$TMP/n.json" "$p"
is "$(q "$TMP/n.json" 'print(sum(r["referenceCategory"]=="SECURITY" for p in d["packages"] for r in p["externalRefs"]))')" \
  "0" "--no-db: none (twin)"
is "$(q "$TMP/a.json" 'print([r["relatedSpdxElement"] for r in d["relationships"] if r["relationshipType"]=="DESCRIBES"])')" \
  "['SPDXRef-Package-vt-plugin-1.0.0']" "the document DESCRIBES the root"
is "$(q "$TMP/a.json" 'print([r["spdxElementId"]+" "+r["relatedSpdxElement"] for r in d["relationships"] if r["relationshipType"]=="DEV_DEPENDENCY_OF"])')" \
  "['SPDXRef-Package-minimist-0.0.8 SPDXRef-Package-vt-plugin-1.0.0']" "the dev dependency: DEV_DEPENDENCY_OF the root"
is "$(q "$TMP/a.json" 'print(sorted(r["relatedSpdxElement"] for r in d["relationships"] if r["relationshipType"]=="DEPENDS_ON"))')" \
  "['SPDXRef-Package--ctrl-tinycolor-4.1.1', 'SPDXRef-Package-lodash-4.17.20', 'SPDXRef-Package-ms-2.1.3']" \
  "runtime dependencies: DEPENDS_ON (twin)"

# The relationship graph equals the CycloneDX dependency graph, by purl.
graph_cdx() {
  q "$1" 'r={c["bom-ref"]:c["purl"] for c in d["components"]+[d["metadata"].get("component",{"bom-ref":"","purl":""})]}
print("\n".join(sorted(r[x["ref"]]+" "+r[y] for x in d["dependencies"] for y in x["dependsOn"])))'
}
graph_spdx() {
  q "$1" 'r={p["SPDXID"]:p.get("externalRefs",[{"referenceLocator":"input"}])[0]["referenceLocator"] for p in d["packages"]}
e=[(x["spdxElementId"],x["relatedSpdxElement"]) if x["relationshipType"]=="DEPENDS_ON" else (x["relatedSpdxElement"],x["spdxElementId"]) for x in d["relationships"] if x["relationshipType"]!="DESCRIBES" and "SPDXRef-Input" not in (x["spdxElementId"],x["relatedSpdxElement"])]
print("\n".join(sorted(r[a]+" "+r[b] for a,b in e)))'
}
mk() { mkdir -p "$TMP/$1" && cp "$2" "$TMP/$1/$3"; }
lf=$top/tests/data/lockfiles/packagelockjson/testdata
mk nested "$lf/nested-dependencies.v2.json" package-lock.json
mk optional "$lf/optional-package.v2.json" package-lock.json
mk commits "$lf/commits.v1.json" package-lock.json
same=0; n=0; edges=0
for d in "$p" "$TMP/nested" "$TMP/optional" "$TMP/commits" "$top"/tests/data/inventory/cases/*/; do
  "$PV" sbom --no-db -o "$TMP/g.cdx" "$d" 2>/dev/null
  "$PV" sbom --no-db --format spdx-json -o "$TMP/g.spdx" "$d" 2>/dev/null
  valid "$TMP/g.spdx" || cat "$TMP/why" >&2
  n=$((n + 1)); a=$(graph_cdx "$TMP/g.cdx"); b=$(graph_spdx "$TMP/g.spdx")
  [ "$a" = "$b" ] && same=$((same + 1))
  [ "$a" = "$b" ] || _block "$d" "$(diff <(echo "$a") <(echo "$b"))"
  edges=$((edges + $(printf '%s' "$a" | grep -c .)))
done
is "$same" "$n" "relationships equal the CycloneDX dependency graph in all $n inputs"
check "... which have edges ($edges)" test "$edges" -ge 20
"$PV" sbom --no-db --format spdx-json -o "$TMP/o.json" "$TMP/optional"
is "$(q "$TMP/o.json" 'print(sorted(x["relationshipType"]+" "+x["relatedSpdxElement"] for x in d["relationships"]))')" \
  "['DESCRIBES SPDXRef-Input', 'OPTIONAL_DEPENDENCY_OF SPDXRef-Input', 'OPTIONAL_DEPENDENCY_OF SPDXRef-Input']" \
  "no root package: the document DESCRIBES the input, its optional packages OPTIONAL_DEPENDENCY_OF it"
"$PV" sbom --no-db --format spdx-json -o "$TMP/c.json" "$TMP/commits"
valid "$TMP/c.json"; ok $? "git dependencies: valid"
q "$TMP/c.json" 'print("\n".join(p["downloadLocation"] for p in d["packages"]))' | \
  grep -x "git+ssh://git@github.com/segmentio/analytics.js-integrations.git#3b1bb80b302c2e552685dc8a029797ec832ea7c9" >/dev/null
ok $? "... downloadLocation: the git URL"

# SPDXIDs: characters outside [A-Za-z0-9.-] and collisions after sanitising.
mkdir -p "$TMP/clash"
cat >"$TMP/clash/package-lock.json" <<'EOF'
{ "name": "clash", "version": "1.0.0", "lockfileVersion": 3, "packages": {
  "": { "name": "clash", "version": "1.0.0", "dependencies": { "a_b": "1.0.0", "a-b": "1.0.0", "a+b": "1.0.0", "a-b-1.0.0": "2" } },
  "node_modules/a_b": { "version": "1.0.0" },
  "node_modules/a-b": { "version": "1.0.0" },
  "node_modules/a+b": { "version": "1.0.0" },
  "node_modules/a-b-1.0.0": { "version": "2" } } }
EOF
"$PV" sbom --no-db --format spdx-json -o "$TMP/x.json" "$TMP/clash"
valid "$TMP/x.json"; ok $? "colliding SPDXIDs: still valid (unique)"
is "$(q "$TMP/x.json" 'print(" ".join(p["name"]+"="+p["SPDXID"] for p in d["packages"][1:]))')" \
  "a+b=SPDXRef-Package-a-b-1.0.0 a-b=SPDXRef-Package-a-b-1.0.0-2 a-b-1.0.0=SPDXRef-Dup-2 a_b=SPDXRef-Package-a-b-1.0.0-3" \
  "... equal ones numbered in component order; one meeting a number: SPDXRef-Dup-<index>"

"$PV" sbom --format spdx-json --db "$db" -o "$TMP/a2.json" "$p"
cmp -s "$TMP/a.json" "$TMP/a2.json"; ok $? "same input and SOURCE_DATE_EPOCH: the same bytes"
SOURCE_DATE_EPOCH=1700000001 "$PV" sbom --format spdx-json --db "$db" -o "$TMP/a3.json" "$p"
is "$(q "$TMP/a3.json" 'print(d["creationInfo"]["created"])')" "2023-11-14T22:13:21Z" "another epoch: its time"
check "... and another documentNamespace" test "$(q "$TMP/a.json" 'print(d["documentNamespace"])')" != \
  "$(q "$TMP/a3.json" 'print(d["documentNamespace"])')"
q "$TMP/a.json" 'print(d["documentNamespace"])' | grep -Eq '^https://spdx.org/spdxdocs/plugvet/vt-plugin-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
ok $? "documentNamespace: name and a content UUID"

tar czf "$TMP/p.tgz" -C "$p/.." plugin
"$PV" scan -q --fail-on none --db "$db" --sbom "$TMP/s.json" --sbom-format spdx-json "$TMP/p.tgz" >/dev/null
valid "$TMP/s.json"; ok $? "scan --sbom-format spdx-json: valid"
is "$(q "$TMP/s.json" 'print(len(d["packages"]))')" 5 "... with the same packages"
"$PV" scan -q --fail-on none --no-db --sbom "$TMP/s2.json" "$TMP/p.tgz" >/dev/null
is "$(q "$TMP/s2.json" 'print(d["bomFormat"])')" "CycloneDX" "--sbom without --sbom-format: CycloneDX (twin)"
"$PV" sbom --format spdx "$p" >/dev/null 2>"$TMP/err"; is $? 2 "sbom --format spdx (unknown): exit 2"
grep -q "cyclonedx-json or spdx-json" "$TMP/err"; ok $? "... naming the formats"
"$PV" scan -q --sbom-format xml --sbom "$TMP/y.json" "$p" >/dev/null 2>&1; is $? 2 "scan --sbom-format xml: exit 2"
done_testing
