#!/usr/bin/env bash
# Remediation of vulnerable dependencies: the lowest version outside every
# advisory affecting the package (from the real OSV samples), whether the
# range its dependent declares admits it (`npm update` suffices), direct or
# transitive with the path; in text, SARIF message text (no fixes objects),
# JSON lines and the CycloneDX recommendation. Positive and negative twins.
. "$(dirname "$0")/lib.sh"
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1
p=$TMP/plugin
mkdir -p "$p"
cat >"$p/package.json" <<'J'
{ "name": "rem-plugin", "version": "1.0.0",
  "dependencies": { "lodash": "^4.17.0", "minimist": "0.0.8", "node-pre-gyp": "^0.14.0",
                    "tar-wrapper": "1.0.0", "vm2": "^3.9.0" } }
J
cat >"$p/package-lock.json" <<'J'
{ "name": "rem-plugin", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": { "name": "rem-plugin", "version": "1.0.0",
          "dependencies": { "lodash": "^4.17.0", "minimist": "0.0.8", "node-pre-gyp": "^0.14.0",
                            "tar-wrapper": "1.0.0", "vm2": "^3.9.0" } },
    "node_modules/lodash": { "version": "4.17.4" },
    "node_modules/minimist": { "version": "0.0.8" },
    "node_modules/node-pre-gyp": { "version": "0.14.0", "dependencies": { "tar": "^4.4.2" } },
    "node_modules/tar": { "version": "4.4.13" },
    "node_modules/tar-wrapper": { "version": "1.0.0", "dependencies": { "qs": "6.7.0" } },
    "node_modules/qs": { "version": "6.7.0" },
    "node_modules/vm2": { "version": "3.9.19" }
  } }
J
remedies() { # remedies JSONL: "name@version: Fix..." per vulnerable component, sorted
  python3 -c '
import json, sys
seen = set()
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]:
        if f["rule_id"] == "dep.vulnerable":
            m = f["message"]
            seen.add(m.split(" ")[0] + ": " + m[m.index("Fix: "):])
print("\n".join(sorted(seen)))' "$1"
}
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/a.jsonl" --sarif "$TMP/a.sarif" --text "$TMP/a.txt" "$p"
is $? 1 "vulnerable dependencies fail the scan"
r=$(remedies "$TMP/a.jsonl")
printf '%s\n' "$r" >"$TMP/remedies"
has() { grep -qF -- "$1" "$TMP/remedies"; }
check "lodash@4.17.4: 4.17.21 clears all four advisories (4.17.12 and 4.17.20, fixes of two, do not)" \
  has 'lodash@4.17.4: Fix: upgrade to 4.17.21 (the lowest version outside every advisory affecting it); rem-plugin@1.0.0 declares "^4.17.0", which admits it: `npm update lodash` suffices. Direct dependency, path: rem-plugin@1.0.0 > lodash@4.17.4.'
check "minimist@0.0.8: 0.2.4 (0.2.1 still has CVE-2021-44906); an exact range does not admit it (twin)" \
  has 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); rem-plugin@1.0.0 declares "0.0.8", which does not admit it: change the range (`npm install minimist@0.2.4`). Direct dependency'
check "tar@4.4.13: transitive, 4.4.18 across four advisories of several ranges; ^4.4.2 admits it" \
  has 'tar@4.4.13: Fix: upgrade to 4.4.18 (the lowest version outside every advisory affecting it); node-pre-gyp@0.14.0 declares "^4.4.2", which admits it: `npm update tar` suffices. Transitive dependency, path: rem-plugin@1.0.0 > node-pre-gyp@0.14.0 > tar@4.4.13.'
check "qs@6.7.0: transitive, its dependent's exact range does not admit 6.7.3 (twin)" \
  has 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); tar-wrapper@1.0.0 declares "6.7.0", which does not admit it: upgrade tar-wrapper@1.0.0 to a version that does, or override qs. Transitive dependency, path: rem-plugin@1.0.0 > tar-wrapper@1.0.0 > qs@6.7.0.'
check "vm2@3.9.19: last_affected only, no fix is known (twin of a fix)" \
  has 'vm2@3.9.19: Fix: none; no version outside every advisory affecting it is known. Direct dependency, path: rem-plugin@1.0.0 > vm2@3.9.19.'
is "$(wc -l <"$TMP/remedies")" 5 "one remedy per vulnerable component, the same for each of its advisories"

grep -qF 'Fix: upgrade to 4.4.18' "$TMP/a.txt"; ok $? "the text report shows it"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rs = [r for r in d["runs"][0]["results"] if r["ruleId"].startswith("dep.vulnerable/")]
assert rs and all("Fix: " in r["message"]["text"] for r in rs)
assert not any("fixes" in r for r in rs)' "$TMP/a.sarif"
ok $? "SARIF: every dep.vulnerable message text has it, no result has fixes"

export SOURCE_DATE_EPOCH=1700000000
"$PV" sbom --db "$db" -o "$TMP/bom.json" "$p"
ok $? "sbom writes the BOM"
q() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
is "$(q "$TMP/bom.json" '[v["recommendation"] for v in d["vulnerabilities"] if v["id"]=="CVE-2021-32804"][0]')" \
  'tar@4.4.13: Fix: upgrade to 4.4.18 (the lowest version outside every advisory affecting it); node-pre-gyp@0.14.0 declares "^4.4.2", which admits it: `npm update tar` suffices. Transitive dependency, path: rem-plugin@1.0.0 > node-pre-gyp@0.14.0 > tar@4.4.13.' \
  "CycloneDX vulnerabilities[].recommendation is the remedy"
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/bom-1.6.schema.json" "$TMP/bom.json" >/dev/null 2>&1
ok $? "... and the BOM stays valid CycloneDX 1.6"

# the twin of "admits": the same lodash pinned exactly by the root
sed -i 's/"lodash": "\^4.17.0"/"lodash": "4.17.4"/g' "$p/package.json" "$p/package-lock.json"
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/b.jsonl" --text /dev/null "$p"
remedies "$TMP/b.jsonl" >"$TMP/b.txt"
grep -qF 'lodash@4.17.4: Fix: upgrade to 4.17.21 (the lowest version outside every advisory affecting it); rem-plugin@1.0.0 declares "4.17.4", which does not admit it' "$TMP/b.txt"
ok $? "twin: lodash pinned at 4.17.4 needs the range changed"
# a range that is not SemVer: said, never guessed
sed -i 's/"lodash": "4.17.4"/"lodash": "latest"/g' "$p/package.json" "$p/package-lock.json"
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/c.jsonl" --text /dev/null "$p"
remedies "$TMP/c.jsonl" >"$TMP/c.txt"
grep -qF 'rem-plugin@1.0.0 declares "latest", not a SemVer range.' "$TMP/c.txt"
ok $? "a dist-tag range: not a SemVer range, no npm update claim"
# yarn.lock (v1 and berry) entries declare their dependencies' ranges: the
# remedy judges them as package-lock's (an npm: alias's range without the alias)
y=$TMP/yarn
mkdir -p "$y"
printf '{ "name": "y", "version": "1.0.0", "dependencies": { "a": "^1.0.0" } }\n' >"$y/package.json"
cat >"$y/yarn.lock" <<'L'
# yarn lockfile v1


a@^1.0.0:
  version "1.0.0"
  dependencies:
    b "npm:minimist@0.0.8"
    qs "^6.7.0"

"b@npm:minimist@0.0.8":
  version "0.0.8"

qs@^6.7.0:
  version "6.7.0"
L
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/y.jsonl" --text /dev/null "$y"
is "$(remedies "$TMP/y.jsonl")" \
  'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); a@1.0.0 declares "0.0.8", which does not admit it: upgrade a@1.0.0 to a version that does, or override minimist. Transitive dependency, path: y@1.0.0 > a@1.0.0 > minimist@0.0.8.
qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); a@1.0.0 declares "^6.7.0", which admits it: `npm update qs` suffices. Transitive dependency, path: y@1.0.0 > a@1.0.0 > qs@6.7.0.' \
  "yarn.lock v1: the entry's range admits the fix; an alias's exact range does not (twin)"
berry() { # berry RANGE: a berry lockfile where a depends on qs@RANGE
  cat >"$y/yarn.lock" <<L
__metadata:
  version: 8
  cacheKey: 10c0

"a@npm:^1.0.0":
  version: 1.0.0
  resolution: "a@npm:1.0.0"
  dependencies:
    qs: "npm:$1"
  languageName: node
  linkType: hard

"qs@npm:$1":
  version: 6.7.0
  resolution: "qs@npm:6.7.0"
  languageName: node
  linkType: hard

"y@workspace:.":
  version: 0.0.0-use.local
  resolution: "y@workspace:."
  dependencies:
    a: "npm:^1.0.0"
  languageName: unknown
  linkType: soft
L
  "$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/yb.jsonl" --text /dev/null "$y"
  remedies "$TMP/yb.jsonl" | grep -o 'a@1.0.0 declares "[^"]*", which [a-z ]*admit'
}
is "$(berry '~6.7.0')" 'a@1.0.0 declares "~6.7.0", which admit' "yarn berry: \"npm:~6.7.0\" is the range ~6.7.0, which admits the fix"
is "$(berry '6.7.0')" 'a@1.0.0 declares "6.7.0", which does not admit' "... \"npm:6.7.0\" does not (twin)"

# pnpm-lock.yaml keeps the ranges of peer dependencies only (the others are
# resolved versions): a peer's range is judged, another's is said unknown
pn=$TMP/pnpm
mkdir -p "$pn"
printf '{ "name": "pn", "version": "1.0.0", "dependencies": { "a": "^1.0.0" } }\n' >"$pn/package.json"
cat >"$pn/pnpm-lock.yaml" <<'L'
lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      a:
        specifier: ^1.0.0
        version: 1.0.0(qs@6.7.0)

packages:

  a@1.0.0:
    resolution: {integrity: sha512-aaaa}
    peerDependencies:
      qs: ^6.7.0

  minimist@0.0.8:
    resolution: {integrity: sha512-cccc}

  qs@6.7.0:
    resolution: {integrity: sha512-bbbb}

snapshots:

  a@1.0.0(qs@6.7.0):
    dependencies:
      minimist: 0.0.8
      qs: 6.7.0

  minimist@0.0.8: {}

  qs@6.7.0: {}
L
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/p.jsonl" --text /dev/null "$pn"
remedies "$TMP/p.jsonl" >"$TMP/p.txt"
grep -qF 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); a@1.0.0 declares "^6.7.0", which admits it' "$TMP/p.txt"
ok $? "pnpm-lock.yaml: a peer dependency's declared range admits the fix"
grep -qF 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); the range a@1.0.0 declares for it is not known.' "$TMP/p.txt"
ok $? "... a dependency the lockfile records only resolved: not known, said rather than guessed (twin)"
# a shipped package.json (pnpm's node_modules/.pnpm layout) says the range
mkdir -p "$pn/node_modules/.pnpm/a@1.0.0/node_modules/a"
printf '{ "name": "a", "version": "1.0.0", "dependencies": { "minimist": "~0.0.8" }, "peerDependencies": { "qs": "^6.7.0" } }\n' \
  >"$pn/node_modules/.pnpm/a@1.0.0/node_modules/a/package.json"
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/p2.jsonl" --text /dev/null "$pn"
remedies "$TMP/p2.jsonl" | grep -qF 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); a@1.0.0 declares "~0.0.8", which does not admit it'
ok $? "... known when node_modules ships the dependent's package.json"
done_testing
