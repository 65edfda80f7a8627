#!/usr/bin/env bash
# Remediation of vulnerable dependencies: the lowest version outside every
# advisory affecting the package (from the real OSV samples), whether the
# range its dependent declares admits it (an update suffices), direct or
# transitive with the path, and the commands of the package manager whose
# lockfile the package came from (npm, yarn v1, yarn berry, pnpm with its
# workspace importers and catalogs, bun); in text, SARIF message text (no
# fixes objects), JSON lines and the CycloneDX recommendation. Positive and
# negative twins.
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
  has 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); rem-plugin@1.0.0 declares "0.0.8", which does not admit it: change the range (`npm install minimist@^0.2.4`). Direct dependency'
check "tar@4.4.13: transitive, 4.4.18 across four advisories of several ranges; ^4.4.2 admits it" \
  has 'tar@4.4.13: Fix: upgrade to 4.4.18 (the lowest version outside every advisory affecting it); node-pre-gyp@0.14.0 declares "^4.4.2", which admits it: `npm update tar` suffices. Transitive dependency, path: rem-plugin@1.0.0 > node-pre-gyp@0.14.0 > tar@4.4.13.'
check "qs@6.7.0: transitive, its dependent's exact range does not admit 6.7.3 (twin)" \
  has 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); tar-wrapper@1.0.0 declares "6.7.0", which does not admit it: upgrade tar-wrapper@1.0.0 to a version that does, or override qs: `"overrides": {"qs": "^6.7.3"}` in package.json. Transitive dependency, path: rem-plugin@1.0.0 > tar-wrapper@1.0.0 > qs@6.7.0.'
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
  'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); a@1.0.0 declares "0.0.8", which does not admit it: upgrade a@1.0.0 to a version that does, or override minimist: `"resolutions": {"minimist": "^0.2.4"}` in package.json. Transitive dependency, path: y@1.0.0 > a@1.0.0 > minimist@0.0.8.
qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); a@1.0.0 declares "^6.7.0", which admits it: removing its entry from yarn.lock and running `yarn install` suffices (`yarn upgrade qs` leaves a transitive dependency as it is). Transitive dependency, path: y@1.0.0 > a@1.0.0 > qs@6.7.0.' \
  "yarn.lock v1: the entry's range admits the fix: a fresh resolution of the entry; an alias's exact range does not: yarn's resolutions (twin)"
# the same qs as a direct dependency of the root: yarn 1's upgrade re-resolves it
printf '{ "name": "y", "version": "1.0.0", "dependencies": { "a": "^1.0.0", "qs": "^6.7.0" } }\n' >"$y/package.json"
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/y2.jsonl" --text /dev/null "$y"
remedies "$TMP/y2.jsonl" | grep -qF 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); y@1.0.0 declares "^6.7.0", which admits it: `yarn upgrade qs` suffices. Direct dependency, path: y@1.0.0 > qs@6.7.0.'
ok $? "yarn.lock v1: a direct dependency in range: yarn upgrade (twin of the transitive one)"
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

"minimist@npm:0.0.8":
  version: 0.0.8
  resolution: "minimist@npm:0.0.8"
  languageName: node
  linkType: hard

"y@workspace:.":
  version: 0.0.0-use.local
  resolution: "y@workspace:."
  dependencies:
    a: "npm:^1.0.0"
    minimist: "npm:0.0.8"
  languageName: unknown
  linkType: soft
L
  "$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/yb.jsonl" --text /dev/null "$y"
  remedies "$TMP/yb.jsonl" >"$TMP/yb.txt"
  grep '^qs@' "$TMP/yb.txt" | grep -o 'a@1.0.0 declares .*\. Transitive'
}
printf '{ "name": "y", "version": "1.0.0", "dependencies": { "a": "^1.0.0", "minimist": "0.0.8" } }\n' >"$y/package.json"
is "$(berry '~6.7.0')" 'a@1.0.0 declares "~6.7.0", which admits it: `yarn up -R qs` suffices. Transitive' \
  "yarn berry: \"npm:~6.7.0\" is the range ~6.7.0, which admits the fix: yarn up -R (re-resolves within the ranges)"
is "$(berry '6.7.0')" 'a@1.0.0 declares "6.7.0", which does not admit it: upgrade a@1.0.0 to a version that does, or override qs: `"resolutions": {"qs": "^6.7.3"}` in package.json. Transitive' \
  "... \"npm:6.7.0\" does not: yarn's resolutions (twin)"
grep -qF 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); y@1.0.0 declares "0.0.8", which does not admit it: change the range (`yarn add minimist@^0.2.4`). Direct dependency, path: y@1.0.0 > minimist@0.0.8.' "$TMP/yb.txt"
ok $? "yarn berry: a direct dependency whose range does not admit the fix: yarn add"

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
grep -qF 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); a@1.0.0 declares "^6.7.0", which admits it: `pnpm update qs` suffices. Transitive dependency, path: pn@1.0.0 > a@1.0.0 > qs@6.7.0.' "$TMP/p.txt"
ok $? "pnpm-lock.yaml: a peer dependency's declared range admits the fix: pnpm update (one importer: no -r)"
grep -qF 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); the range a@1.0.0 declares for it is not known.' "$TMP/p.txt"
ok $? "... a dependency the lockfile records only resolved: not known, said rather than guessed (twin)"
# a shipped package.json (pnpm's node_modules/.pnpm layout) says the range
mkdir -p "$pn/node_modules/.pnpm/a@1.0.0/node_modules/a"
printf '{ "name": "a", "version": "1.0.0", "dependencies": { "minimist": "~0.0.8" }, "peerDependencies": { "qs": "^6.7.0" } }\n' \
  >"$pn/node_modules/.pnpm/a@1.0.0/node_modules/a/package.json"
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/p2.jsonl" --text /dev/null "$pn"
remedies "$TMP/p2.jsonl" >"$TMP/p2.txt"
grep -qF 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); a@1.0.0 declares "~0.0.8", which does not admit it: upgrade a@1.0.0 to a version that does, or override minimist: `minimist: ^0.2.4` under `overrides:` in pnpm-workspace.yaml (pnpm 10 and later) or `"pnpm": {"overrides": {"minimist": "^0.2.4"}}` in package.json (pnpm 9). Transitive' "$TMP/p2.txt"
ok $? "... known when node_modules ships the dependent's package.json; pnpm's overrides named"

# A pnpm workspace made by pnpm 9.15.9 (tests/data/lockfiles/pnpm-workspace,
# PROVENANCE): the importers' specifiers are the declared ranges of their
# direct dependencies, catalog: ones resolved through the lockfile's catalogs
ws=$TMP/ws
cp -r "$top/tests/data/lockfiles/pnpm-workspace" "$ws"
wsscan() { # wsscan OUT: the workspace's remedies into OUT
  "$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/ws.jsonl" --text /dev/null "$ws"
  remedies "$TMP/ws.jsonl" >"$1"
}
wsscan "$TMP/ws.txt"
wsh() { grep -qF -- "$1" "$TMP/ws.txt"; }
check "a workspace package's specifier admits the fix: pnpm --filter ./DIR update" \
  wsh 'lodash@4.17.0: Fix: upgrade to 4.17.21 (the lowest version outside every advisory affecting it); importer packages/a declares "^4.17.0", which admits it: `pnpm --filter ./packages/a update lodash` suffices. Direct dependency of importer packages/a, path: pvws-root@1.0.0 > lodash@4.17.0.'
check "... an exact specifier does not: pnpm --filter ./DIR add NAME@^FIX (twin); the other importer is named" \
  wsh 'minimist@1.2.0: Fix: upgrade to 1.2.6 (the lowest version outside every advisory affecting it); importer packages/a declares "1.2.0", which does not admit it: change the range (`pnpm --filter ./packages/a add minimist@^1.2.6`). Direct dependency of importers packages/a, packages/b, path: pvws-root@1.0.0 > minimist@1.2.0.'
check "the workspace root's exact range: pnpm add -w" \
  wsh 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); pvws-root@1.0.0 declares "6.7.0", which does not admit it: change the range (`pnpm add -w qs@^6.7.3`). Direct dependency of importer ., path: pvws-root@1.0.0 > qs@6.7.0.'
check "a named catalog's range that does not admit the fix: change the catalog entry" \
  wsh 'lodash@4.17.4: Fix: upgrade to 4.17.21 (the lowest version outside every advisory affecting it); importer packages/b declares "catalog:legacy" (the catalog'"'"'s range "4.17.4"), which does not admit it: change its entry to `lodash: ^4.17.21` under `catalogs:` `legacy:` in pnpm-workspace.yaml. Direct dependency of importer packages/b'
is "$(wc -l <"$TMP/ws.txt")" 4 "four vulnerable components in the workspace"
"$PV" scan --db "$db" --max-db-age 0 --quiet --sarif "$TMP/ws.sarif" --text "$TMP/ws.text" "$ws"
"$PV" sbom --db "$db" -o "$TMP/ws.bom.json" "$ws"
python3 -c '
import json, sys
want = "`pnpm --filter ./packages/a update lodash` suffices"
d = json.load(open(sys.argv[1]))
assert any(want in r["message"]["text"] for r in d["runs"][0]["results"]), "sarif"
b = json.load(open(sys.argv[2]))
assert any(want in v["recommendation"] for v in b["vulnerabilities"]), "bom"
assert want in open(sys.argv[3]).read(), "text"' "$TMP/ws.sarif" "$TMP/ws.bom.json" "$TMP/ws.text"
ok $? "the same pnpm command in SARIF, the text report and the SBOM's recommendation"
# both importers' ranges admit the fix: pnpm update -r
sed -i 's/        specifier: 1.2.0$/        specifier: ~1.2.0/' "$ws/pnpm-lock.yaml"
wsscan "$TMP/ws1.txt"
grep -qF 'minimist@1.2.0: Fix: upgrade to 1.2.6 (the lowest version outside every advisory affecting it); importer packages/a declares "~1.2.0", which admits it: `pnpm update -r minimist` suffices. Direct dependency of importers packages/a, packages/b,' "$TMP/ws1.txt"
ok $? "several importers whose ranges all admit the fix: pnpm update -r (twin of one that does not)"
cp "$top/tests/data/lockfiles/pnpm-workspace/pnpm-lock.yaml" "$ws/pnpm-lock.yaml"
# only the default catalog's entry, which admits the fix, declares minimist
sed -i '/^  packages\/a:/,/^  packages\/b:/{/      minimist:/,/        version: 1.2.0/d}' "$ws/pnpm-lock.yaml"
wsscan "$TMP/ws2.txt"
grep -qF 'minimist@1.2.0: Fix: upgrade to 1.2.6 (the lowest version outside every advisory affecting it); importer packages/b declares "catalog:" (the catalog'"'"'s range "~1.2.0"), which admits it: `pnpm --filter ./packages/b update minimist` suffices. Direct dependency of importer packages/b,' "$TMP/ws2.txt"
ok $? "the default catalog's range admits the fix: the importer's update (twin of the named catalog)"
# a catalog the lockfile does not record: not known
sed -i '/^  legacy:/,/^importers:/{/^importers:/!d}' "$ws/pnpm-lock.yaml"
wsscan "$TMP/ws3.txt"
grep -qF 'lodash@4.17.4: Fix: upgrade to 4.17.21 (the lowest version outside every advisory affecting it); importer packages/b declares "catalog:legacy", a catalog the lockfile does not record: the range is not known.' "$TMP/ws3.txt"
ok $? "a catalog: specifier whose catalog the lockfile lacks: the range is not known"
# without the root's package.json the root importer still declares qs
cp "$top/tests/data/lockfiles/pnpm-workspace/pnpm-lock.yaml" "$ws/pnpm-lock.yaml"
rm "$ws/package.json"
wsscan "$TMP/ws4.txt"
grep -qF 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); importer . declares "6.7.0", which does not admit it: change the range (`pnpm add -w qs@^6.7.3`). Direct dependency of importer ., path: qs@6.7.0.' "$TMP/ws4.txt"
ok $? "no package.json shipped: the root importer's specifier is the declared range"
# bun.lock: bun update, bun add, and npm's overrides, which bun reads
bn=$TMP/bun
mkdir -p "$bn"
printf '{ "name": "bn", "version": "1.0.0", "dependencies": { "qs": "^6.7.0", "minimist": "0.0.8", "a": "^1.0.0" } }\n' >"$bn/package.json"
cat >"$bn/bun.lock" <<'L'
{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "bn",
      "dependencies": { "a": "^1.0.0", "minimist": "0.0.8", "qs": "^6.7.0" },
    },
  },
  "packages": {
    "a": ["a@1.0.0", "", { "dependencies": { "lodash": "^4.17.0", "tar": "4.4.13" } }, "sha512-aaaa"],
    "lodash": ["lodash@4.17.4", "", {}, "sha512-eeee"],
    "minimist": ["minimist@0.0.8", "", {}, "sha512-bbbb"],
    "qs": ["qs@6.7.0", "", {}, "sha512-cccc"],
    "tar": ["tar@4.4.13", "", {}, "sha512-dddd"],
  }
}
L
"$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/bn.jsonl" --text /dev/null "$bn"
remedies "$TMP/bn.jsonl" >"$TMP/bn.txt"
bh() { grep -qF -- "$1" "$TMP/bn.txt"; }
check "bun.lock: the range admits the fix: bun update" \
  bh 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); bn@1.0.0 declares "^6.7.0", which admits it: `bun update qs` suffices. Direct dependency, path: bn@1.0.0 > qs@6.7.0.'
check "... a direct exact range does not: bun add (twin)" \
  bh 'minimist@0.0.8: Fix: upgrade to 0.2.4 (the lowest version outside every advisory affecting it); bn@1.0.0 declares "0.0.8", which does not admit it: change the range (`bun add minimist@^0.2.4`). Direct dependency, path: bn@1.0.0 > minimist@0.0.8.'
check "... a transitive one in range: its bun.lock entry resolved afresh (bun update would make it direct)" \
  bh 'lodash@4.17.4: Fix: upgrade to 4.17.21 (the lowest version outside every advisory affecting it); a@1.0.0 declares "^4.17.0", which admits it: removing its entry from bun.lock and running `bun install` suffices (`bun update lodash` would make it a direct dependency). Transitive dependency, path: bn@1.0.0 > a@1.0.0 > lodash@4.17.4.'
check "... a transitive one out of range: override it in package.json's overrides (twin)" \
  bh 'tar@4.4.13: Fix: upgrade to 4.4.18 (the lowest version outside every advisory affecting it); a@1.0.0 declares "4.4.13", which does not admit it: upgrade a@1.0.0 to a version that does, or override tar: `"overrides": {"tar": "^4.4.18"}` in package.json. Transitive dependency, path: bn@1.0.0 > a@1.0.0 > tar@4.4.13.'
# a malformed importers section: a clear note naming the file, line,
# importer and dependency; the other components keep their remedies
bad=$TMP/bad
badscan() { # badscan PYTHON-EDIT: the fixture edited, scanned; remedies in bad.txt, notes in bad.notes
  rm -rf "$bad"
  cp -r "$top/tests/data/lockfiles/pnpm-workspace" "$bad"
  python3 -c "import sys; p=sys.argv[1]; s=open(p).read(); $1; open(p,'w').write(s)" "$bad/pnpm-lock.yaml"
  "$PV" scan --db "$db" --max-db-age 0 --quiet --json "$TMP/bad.jsonl" --text /dev/null "$bad"
  remedies "$TMP/bad.jsonl" >"$TMP/bad.txt"
  python3 -c '
import json, sys
for l in open(sys.argv[1]):
    for n in json.loads(l)["notes"]:
        print(n["id"], n["message"].replace(sys.argv[2] + "/", ""))' "$TMP/bad.jsonl" "$bad" >"$TMP/bad.notes"
}
qs_ok='qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); pvws-root@1.0.0 declares "6.7.0", which does not admit it: change the range (`pnpm add -w qs@^6.7.3`).'
badscan 's = s.replace("specifier: ^4.17.0\n", "")'
is "$(cat "$TMP/bad.notes")" 'lockfile-parse-error pnpm-lock.yaml:27: importer packages/a: lodash: no specifier' "an importer's dependency without a specifier: noted with its line"
grep -qF 'lodash@4.17.0: Fix: upgrade to 4.17.21 (the lowest version outside every advisory affecting it); the range pvws-root@1.0.0 declares for it is not known.' "$TMP/bad.txt"
ok $? "... its range is then not known"
grep -qF "$qs_ok" "$TMP/bad.txt"
ok $? "... the other components keep theirs"
badscan 's = s.replace("        specifier: 6.7.0\n", "")'
grep -qF 'qs@6.7.0: Fix: upgrade to 6.7.3 (the lowest version outside every advisory affecting it); pvws-root@1.0.0 declares "6.7.0", which does not admit it: change the range (`pnpm add -w qs@^6.7.3`). Direct dependency, path: pvws-root@1.0.0 > qs@6.7.0.' "$TMP/bad.txt"
ok $? "the root importer without a specifier: the shipped package.json's range, still pnpm add -w"
badscan 's = s.replace("specifier: 1.2.0", "specifier: [1.2.0]")'
is "$(cat "$TMP/bad.notes")" 'lockfile-parse-error pnpm-lock.yaml:31: importer packages/a: minimist: specifier is not a string' "a specifier that is not a string: noted"
grep -qF 'minimist@1.2.0: Fix: upgrade to 1.2.6 (the lowest version outside every advisory affecting it); importer packages/b declares "catalog:"' "$TMP/bad.txt"
ok $? "... the other importer's specifier still counts"
badscan 's = s.replace("  packages/b:\n    dependencies:\n", "  packages/b:\n    dependencies: oops\n    x:\n")'
grep -qF 'lockfile-parse-error pnpm-lock.yaml:35: importer packages/b: dependencies: not a mapping' "$TMP/bad.notes"
ok $? "an importer's dependencies that are not a mapping: noted"
grep -qF "$qs_ok" "$TMP/bad.txt"
ok $? "... the other importers are read"
badscan 's = s.replace("  packages/b:\n    dependencies:\n", "  packages/b:\n    devDependencies:\n    optionalDependencies: ~\n    dependencies:\n")'
is "$(cat "$TMP/bad.notes")" '' "twin: an empty (null) dependency group is no error"
badscan 's = s.replace("  packages/a:\n", "  packages/a: 7\n  packages/z:\n")'
grep -qF 'lockfile-parse-error pnpm-lock.yaml:25: importer packages/a: not a mapping' "$TMP/bad.notes"
ok $? "an importer that is not a mapping: noted"
badscan 's = s.replace("importers:\n\n  .:", "importers: [1, 2]\nold:\n  .:")'
is "$(cat "$TMP/bad.notes")" 'lockfile-parse-error pnpm-lock.yaml:17: importer (all): importers is not a mapping' "importers that is not a mapping: noted"
is "$(wc -l <"$TMP/bad.txt")" 4 "... the packages are still inventoried and matched"
done_testing
