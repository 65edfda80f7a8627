#!/usr/bin/env bash
# OSV matching on the edges (issue 16): alias groups of any shape, each
# advisory in exactly one group and every later component still matched.
# The OSV records are small ones written here, not copies of real ones.
. "$(dirname "$0")/lib.sh"
rec() { # rec DIR ID ALIASES-JSON PACKAGE AFFECTED-BODY: one OSV record DIR/ID.json
  mkdir -p "$1"
  printf '{"id":"%s","modified":"2099-01-01T00:00:00Z","aliases":%s,"summary":"%s test",
"affected":[{"package":{"ecosystem":"npm","name":"%s"},%s}]}\n' "$2" "$3" "$2" "$4" "$5" >"$1/$2.json"
}
lock() { # lock DIR NAME@VERSION...: a package-lock v3 plugin pinning these packages
  mkdir -p "$1"
  python3 - "$@" <<'PY'
import json, sys
d, specs = sys.argv[1], sys.argv[2:]
deps = {s.rsplit("@", 1)[0]: s.rsplit("@", 1)[1] for s in specs}
pk = {"": {"name": "edge", "version": "1.0.0", "dependencies": deps}}
for n, v in deps.items():
    pk["node_modules/" + n] = {"version": v}
json.dump({"name": "edge", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": pk},
          open(d + "/package-lock.json", "w"), indent=2)
json.dump({"name": "edge", "version": "1.0.0", "dependencies": deps}, open(d + "/package.json", "w"))
PY
}
vulns() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(" ".join(sorted(v["id"] + "=" + "+".join(sorted(a["ref"].split("@")[0].split("/")[-1] for a in v["affects"])) for v in d.get("vulnerabilities", []))))' "$1" 2>/dev/null; }
found() { python3 -c 'import json,sys
for f in json.loads(open(sys.argv[1]).readline())["findings"]:
    if f["rule_id"].startswith("dep."): print(f["rule_id"], f.get("advisory"))' "$1" 2>/dev/null; }

# 1. A GHSA and a MAL- record naming each other, another MAL- record for the
# same package, and a later package with its own advisory.
F=$TMP/feed1
one='"versions":["1.0.0"]'
rec "$F" GHSA-aaaa-aaaa-0001 '["MAL-2099-1"]' evilpkg "$one"
rec "$F" MAL-2099-1 '["GHSA-aaaa-aaaa-0001"]' evilpkg "$one"
rec "$F" MAL-2099-2 '[]' evilpkg "$one"
rec "$F" GHSA-bbbb-bbbb-0001 '["CVE-2099-1"]' zlater '"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"2.0.0"}]}]'
"$PV" db update --db "$TMP/1.sqlite" --feed "$F" >/dev/null; ok $? "alias pair: the store imports"
lock "$TMP/p1" evilpkg@1.0.0 zlater@1.0.0
SOURCE_DATE_EPOCH=1 "$PV" sbom --db "$TMP/1.sqlite" -o "$TMP/1.json" "$TMP/p1" 2>"$TMP/1.err"
is $? 0 "alias pair: sbom exits 0"
is "$(cat "$TMP/1.err")" "" "... saying nothing on stderr"
is "$(vulns "$TMP/1.json")" "CVE-2099-1=zlater MAL-2099-1=evilpkg MAL-2099-2=evilpkg" \
  "... the pair is one vulnerability, the other MAL- one another, and the later package keeps its own"
"$PV" scan -q --fail-on none --db "$TMP/1.sqlite" --json "$TMP/1.jsonl" "$TMP/p1" >/dev/null 2>"$TMP/1s.err"
is "$(found "$TMP/1.jsonl")" "dep.malicious-package MAL-2099-1
dep.malicious-package MAL-2099-2
dep.vulnerable CVE-2099-1" "scan: one finding per group, the later package too"
lock "$TMP/p1b" evilpkg@1.0.1 zlater@2.0.0
"$PV" scan -q --fail-on none --db "$TMP/1.sqlite" --json "$TMP/1b.jsonl" "$TMP/p1b" >/dev/null
is "$(found "$TMP/1b.jsonl")" "" "twin: versions outside every record, nothing found"

# 2. Many findings in one lockfile (issue 16, 2: placed from a line index,
# not by rescanning the lockfile for each): each at its package's line.
F=$TMP/feed2
pkgs=()
for i in $(seq 0 299); do
  pkgs+=("many-$i@1.0.$((i % 3))")
  [ $((i % 3)) -eq 0 ] && rec "$F" "GHSA-many-$i" '[]' "many-$i" "$one"
done
"$PV" db update --db "$TMP/2.sqlite" --feed "$F" >/dev/null
lock "$TMP/p2" "${pkgs[@]}"
"$PV" scan -q --fail-on none --db "$TMP/2.sqlite" --sarif "$TMP/2.sarif" "$TMP/p2" >/dev/null
python3 - "$TMP/2.sarif" "$TMP/p2/package-lock.json" >"$TMP/2.out" <<'PY'
import json, sys
lines = open(sys.argv[2]).read().split("\n")
want = {l.strip().split('"')[1][len("node_modules/"):]: n for n, l in enumerate(lines, 1) if '"node_modules/' in l}
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
bad = [r["message"]["text"] for r in res
       if want.get(r["message"]["text"].split("@")[0]) != r["locations"][0]["physicalLocation"]["region"]["startLine"]]
snip = [r for r in res if r["message"]["text"].split("@")[0] not in r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]]
print(len(res), len(bad), len(snip))
PY
is "$(cat "$TMP/2.out")" "100 0 0" "100 findings in a 300-package lockfile, each at its package's line and snippet"
lock "$TMP/p2b" "${pkgs[@]/%.0/.9}"
"$PV" scan -q --fail-on none --db "$TMP/2.sqlite" --json "$TMP/2b.jsonl" "$TMP/p2b" >/dev/null
is "$(found "$TMP/2b.jsonl" | wc -l)" 0 "twin: the same packages at versions no record names, nothing found"

# 4. An affected entry without a package (legal OSV: GIT-only ranges) is
# skipped with a count; the record's other entries still match.
F=$TMP/feed4
mkdir -p "$F"
printf '{"id":"GHSA-gitx-gitx-0001","modified":"2099-01-01T00:00:00Z","affected":[
{"ranges":[{"type":"GIT","repo":"https://example.com/r.git","events":[{"introduced":"0"},{"fixed":"abc123"}]}]},
{"package":{"ecosystem":"npm","name":"gitpkg"},"versions":["1.0.0"]}]}\n' >"$F/GHSA-gitx-gitx-0001.json"
rec "$F" GHSA-plain-0001 '[]' plainpkg "$one"
out=$("$PV" db update --db "$TMP/4.sqlite" --feed "$F" 2>"$TMP/4.err"); st=$?
is "$st" 0 "a GIT-only affected entry: db update exits 0 (no crash)"
is "$out" "$F: imported 2, bad 0; 1 affected entry without a package skipped" "... and counts the skipped entry"
lock "$TMP/p4" gitpkg@1.0.0 plainpkg@1.0.0
"$PV" scan -q --fail-on none --db "$TMP/4.sqlite" --json "$TMP/4.jsonl" "$TMP/p4" >/dev/null
is "$(found "$TMP/4.jsonl")" "dep.vulnerable GHSA-gitx-gitx-0001
dep.vulnerable GHSA-plain-0001" "... the record's npm entry still matches"
rm "$F/GHSA-gitx-gitx-0001.json"
out=$("$PV" db update --db "$TMP/4b.sqlite" --feed "$F")
is "$out" "$F: imported 1, bad 0" "twin: every entry names a package, nothing said about skipping"

# 5. The newest copy of a record by `modified` wins, whatever the order the
# copies come in: an older copy can neither overwrite nor un-withdraw it.
recm() { # recm FILE ID MODIFIED WITHDRAWN-JSON-MEMBER: a record of modpkg@1.0.0
  mkdir -p "$(dirname "$1")"
  printf '{"id":"%s","modified":"%s"%s,"affected":[{"package":{"ecosystem":"npm","name":"modpkg"},"versions":["1.0.0"]}]}\n' \
    "$2" "$3" "$4" >"$1"
}
recm "$TMP/feed5new/GHSA-modx-modx-0001.json" GHSA-modx-modx-0001 2099-03-01T00:00:00Z ',"withdrawn":"2099-03-01T00:00:00Z"'
recm "$TMP/feed5old/GHSA-modx-modx-0001.json" GHSA-modx-modx-0001 2099-01-01T00:00:00Z ''
lock "$TMP/p5" modpkg@1.0.0
"$PV" db update --db "$TMP/5.sqlite" --feed "$TMP/feed5new" >/dev/null
out=$("$PV" db update --db "$TMP/5.sqlite" --feed "$TMP/feed5old")
is "$out" "$TMP/feed5old: imported 0, bad 0; 1 older than the stored copy kept out" \
  "an older copy after the newer one: kept out and counted"
"$PV" scan -q --fail-on none --db "$TMP/5.sqlite" --json "$TMP/5.jsonl" "$TMP/p5" >/dev/null
is "$(found "$TMP/5.jsonl")" "" "... the withdrawn advisory stays withdrawn"
"$PV" db status --db "$TMP/5.sqlite" --json | grep -q '"withdrawn":1'; ok $? "... and counted withdrawn"
cp "$TMP/feed5old/GHSA-modx-modx-0001.json" "$TMP/feed5new/GHSA-modx-modx-0001-old.json"
for order in 1 2; do
  "$PV" db update --db "$TMP/5b$order.sqlite" --feed "$TMP/feed5new" >/dev/null
  "$PV" scan -q --fail-on none --db "$TMP/5b$order.sqlite" --json "$TMP/5b.jsonl" "$TMP/p5" >/dev/null
  is "$(found "$TMP/5b.jsonl")" "" "both copies in one feed (run $order): the newer, withdrawn one wins"
done
recm "$TMP/feed5newer/GHSA-modx-modx-0001.json" GHSA-modx-modx-0001 2099-04-01T00:00:00Z ''
out=$("$PV" db update --db "$TMP/5.sqlite" --feed "$TMP/feed5newer")
is "$out" "$TMP/feed5newer: imported 1, bad 0" "twin: a newer copy is imported, nothing kept out"
"$PV" scan -q --fail-on none --db "$TMP/5.sqlite" --json "$TMP/5c.jsonl" "$TMP/p5" >/dev/null
is "$(found "$TMP/5c.jsonl")" "dep.vulnerable GHSA-modx-modx-0001" "twin: ... and its state (no longer withdrawn) counts"

# 6. An empty store, or one not updated for longer than --max-db-age, is
# said in the text report, SARIF's toolExecutionNotifications and JSON.
notes() { python3 -c 'import json,sys
for n in json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]["toolExecutionNotifications"]:
    if n["descriptor"]["id"].startswith("osv-store-"): print(n["level"], n["descriptor"]["id"])' "$1"; }
jnotes() { python3 -c 'import json,sys
for n in json.loads(open(sys.argv[1]).readline())["notes"]:
    if n["id"].startswith("osv-store-"): print(n["level"], n["id"])' "$1"; }
age() { # age DB DATE: pretend the store's feeds were last updated at DATE
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE feeds SET updated_at=?", (sys.argv[2],)); c.commit()' "$1" "$2"
}
scan6() { # scan6 DB NAME [OPTION...]: SARIF, JSON and text of a scan of p1
  local db=$1 n=$2
  shift 2
  "$PV" scan --fail-on none --db "$db" --sarif "$TMP/$n.sarif" --json "$TMP/$n.jsonl" \
    --text "$TMP/$n.txt" "$@" "$TMP/p1" >/dev/null 2>&1
}
mkdir -p "$TMP/nofeed"
"$PV" db update --db "$TMP/6e.sqlite" --feed "$TMP/nofeed/missing.zip" >/dev/null 2>&1
is $? 2 "a failed first db update (exit 2) ..."
scan6 "$TMP/6e.sqlite" 6e
is "$(notes "$TMP/6e.sarif")" "warning osv-store-empty" "... then a scan says the store is empty (SARIF)"
is "$(jnotes "$TMP/6e.jsonl")" "warning osv-store-empty" "... (JSON)"
grep -q "warning: OSV store .*6e.sqlite holds no advisories" "$TMP/6e.txt"; ok $? "... (text)"
scan6 "$TMP/1.sqlite" 6f
is "$(notes "$TMP/6f.sarif")$(jnotes "$TMP/6f.jsonl")" "" "twin: a store updated just now: nothing said"
grep -q "osv-store\|OSV store" "$TMP/6f.txt"; is $? 1 "twin: ... nor in the text report"
cp "$TMP/1.sqlite" "$TMP/6s.sqlite"
age "$TMP/6s.sqlite" 2000-01-01T00:00:00Z
scan6 "$TMP/6s.sqlite" 6s
is "$(notes "$TMP/6s.sarif")" "warning osv-store-stale" "a store last updated in 2000: stale (SARIF)"
is "$(jnotes "$TMP/6s.jsonl")" "warning osv-store-stale" "... (JSON)"
grep -q "warning: OSV store .*6s.sqlite was last updated 2000-01-01T00:00:00Z, [0-9]* days ago (over --max-db-age 7)" "$TMP/6s.txt"
ok $? "... (text: when, how long ago, the limit)"
is "$(found "$TMP/6s.jsonl" | wc -l)" 3 "... and its findings are still reported"
scan6 "$TMP/6s.sqlite" 6z --max-db-age 0
is "$(notes "$TMP/6z.sarif")" "" "twin: --max-db-age 0 turns the age check off"
age "$TMP/6s.sqlite" "$(date -u -d '-3 days' +%Y-%m-%dT%H:%M:%SZ)"
scan6 "$TMP/6s.sqlite" 6d
is "$(notes "$TMP/6d.sarif")" "" "twin: updated 3 days ago, within the default 7"
scan6 "$TMP/6s.sqlite" 6d2 --max-db-age 2
is "$(notes "$TMP/6d2.sarif")" "warning osv-store-stale" "... but over --max-db-age 2"
"$PV" scan --max-db-age x "$TMP/p1" >/dev/null 2>&1; is $? 2 "--max-db-age takes a number of days"

# 7. Edge semantics: limit "*" is no limit; an unreadable event version keeps
# the range, open-ended on that side, with a note; an empty events array is
# refused at import, saying why.
F=$TMP/feed7
rng() { printf '"ranges":[{"type":"SEMVER","events":[%s]}]' "$1"; }
rec "$F" GHSA-lim7-lim7-0001 '[]' limpkg "$(rng '{"introduced":"1.0.0"},{"limit":"*"}')"
rec "$F" GHSA-mal7-mal7-0001 '[]' malfpkg "$(rng '{"introduced":"6.10.0"},{"fixed":"7.2.4, 6.11.4"}')"
rec "$F" GHSA-emp7-emp7-0001 '[]' emptypkg "$(rng '')"
out=$("$PV" db update --db "$TMP/7.sqlite" --feed "$F" 2>"$TMP/7.err")
is "$out" "$F: imported 2, bad 1: GHSA-emp7-emp7-0001.json; 1 with a malformed range, matched open-ended: GHSA-mal7-mal7-0001" \
  "import: the empty events array refused, the malformed range counted and named"
grep -q "refused GHSA-emp7-emp7-0001.json: OSV GHSA-emp7-emp7-0001: ranges: events missing or empty" "$TMP/7.err"
ok $? "... saying why the entry was refused"
lock "$TMP/p7" limpkg@5.0.0 malfpkg@7.5.0 emptypkg@1.0.0
"$PV" scan -q --fail-on none --db "$TMP/7.sqlite" --json "$TMP/7.jsonl" "$TMP/p7" >/dev/null
is "$(found "$TMP/7.jsonl")" "dep.vulnerable GHSA-lim7-lim7-0001
dep.vulnerable GHSA-mal7-mal7-0001" "limit \"*\" matches 5.0.0; the malformed range matches 7.5.0 (open-ended)"
is "$(jnotes "$TMP/7.jsonl")$(python3 -c 'import json,sys
for n in json.loads(open(sys.argv[1]).readline())["notes"]:
    if n["id"] == "osv-range-malformed": print(n["level"], n["message"])' "$TMP/7.jsonl")" \
  "warning malfpkg@7.5.0: OSV GHSA-mal7-mal7-0001: events: fixed \"7.2.4, 6.11.4\" is not a valid version; reported as affected, reading that range open-ended" \
  "... with a note that its range is malformed"
lock "$TMP/p7b" limpkg@0.9.0 malfpkg@6.9.0
"$PV" scan -q --fail-on none --db "$TMP/7.sqlite" --json "$TMP/7b.jsonl" "$TMP/p7b" >/dev/null
is "$(found "$TMP/7b.jsonl")" "" "twin: versions below both introduced: nothing found"
is "$(python3 -c 'import json,sys; print(sum(n["id"] == "osv-range-malformed" for n in json.loads(open(sys.argv[1]).readline())["notes"]))' "$TMP/7b.jsonl")" 0 \
  "twin: ... and no malformed-range note"

# 8. Dependencies from git or a tarball URL: no URL as the version, purls with
# vcs_url / download_url, duplicates told apart in bom-ref only, and
# "not matched: no registry version" said.
F=$TMP/feed8
rec "$F" GHSA-git8-git8-0001 '[]' gitdep "$(rng '{"introduced":"0"}')"
rec "$F" GHSA-tar8-tar8-0001 '[]' tardep "$(rng '{"introduced":"0"}')"
"$PV" db update --db "$TMP/8.sqlite" --feed "$F" >/dev/null
mkdir -p "$TMP/p8"
cat >"$TMP/p8/package-lock.json" <<'JSON'
{"name":"p8","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
"":{"name":"p8","version":"1.0.0","dependencies":{"gitdep":"acme/gitdep#0123abcd","tardep":"https://example.com/tardep-1.0.0.tgz","a":"1.0.0","b":"1.0.0"}},
"node_modules/gitdep":{"version":"2.4.1","resolved":"git+ssh://git@github.com/acme/gitdep.git#0123abcd"},
"node_modules/tardep":{"version":"1.0.0","resolved":"https://example.com/tardep-1.0.0.tgz"},
"node_modules/a":{"version":"1.0.0","resolved":"https://registry.npmjs.org/a/-/a-1.0.0.tgz"},
"node_modules/a/node_modules/ms":{"version":"file:vendor/ms"},
"node_modules/b":{"version":"1.0.0","resolved":"https://registry.npmjs.org/b/-/b-1.0.0.tgz"},
"node_modules/b/node_modules/ms":{"version":"file:vendor2/ms"}}}
JSON
echo '{"name":"p8","version":"1.0.0"}' >"$TMP/p8/package.json"
SOURCE_DATE_EPOCH=1 "$PV" sbom --db "$TMP/8.sqlite" -o "$TMP/8.json" "$TMP/p8" 2>"$TMP/8.err"
is $? 0 "git and tarball dependencies: sbom exits 0"
cq() { python3 -c "import json,sys,urllib.parse as u; d=json.load(open(sys.argv[1])); c={x['name']+'|'+x['bom-ref']: x for x in d['components']}; print($2)" "$1"; }
is "$(cq "$TMP/8.json" '[x.get("version") for k, x in sorted(c.items()) if k.startswith("gitdep|")][0]')" "2.4.1" \
  "git: the version is the package's own, not the URL"
is "$(cq "$TMP/8.json" '[x["purl"] for k, x in sorted(c.items()) if k.startswith("gitdep|")][0]')" \
  "pkg:npm/gitdep@2.4.1?vcs_url=$(python3 -c 'import urllib.parse as u; print(u.quote("git+ssh://git@github.com/acme/gitdep.git#0123abcd", safe=""))')" \
  "git: purl with the vcs_url qualifier"
is "$(cq "$TMP/8.json" '[x["purl"] for k, x in sorted(c.items()) if k.startswith("tardep|")][0]')" \
  "pkg:npm/tardep@1.0.0?download_url=https%3A%2F%2Fexample.com%2Ftardep-1.0.0.tgz" "tarball URL: purl with download_url"
is "$(cq "$TMP/8.json" '" ".join(x["purl"] + "=" + x["bom-ref"] for k, x in sorted(c.items()) if k.startswith("ms|"))')" \
  "pkg:npm/ms=pkg:npm/ms pkg:npm/ms=pkg:npm/ms#2" "two file: copies of ms: one purl, told apart in bom-ref only"
is "$(cq "$TMP/8.json" 'sum("#" in u.unquote(x["purl"].split("?")[0]) for x in d["components"])')" 0 \
  "no purl carries a duplicate marker"
is "$(cq "$TMP/8.json" '" ".join(sorted(p["value"] for x in d["components"] for p in x.get("properties", []) if p["name"] == "plugvet:vulnerabilities"))')" \
  "not matched: no registry version not matched: no registry version" "... the git and the tarball one say they were not matched"
is "$(cq "$TMP/8.json" 'len(d.get("vulnerabilities", []))')" 0 "... and no advisory is matched to them"
grep -q "2 dependencies not matched: no registry version (git or tarball URL): gitdep (git+ssh://git@github.com/acme/gitdep.git#0123abcd), tardep (https://example.com/tardep-1.0.0.tgz)" "$TMP/8.err"
ok $? "... which sbom says on stderr"
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/bom-1.6.schema.json" "$TMP/8.json" >/dev/null 2>&1 &&
  node "$top/tests/validate-cyclonedx.js" 1.6 "$TMP/8.json" >/dev/null 2>&1
ok $? "... and the BOM is valid CycloneDX 1.6"
"$PV" scan -q --fail-on none --db "$TMP/8.sqlite" --json "$TMP/8.jsonl" "$TMP/p8" >/dev/null
is "$(python3 -c 'import json,sys
for n in json.loads(open(sys.argv[1]).readline())["notes"]:
    if n["id"] == "dep-not-matched": print(n["level"], n["message"].split(":")[0])' "$TMP/8.jsonl")" \
  "warning 2 dependencies not matched" "scan: a dep-not-matched note"
lock "$TMP/p8b" gitdep@2.4.1 tardep@1.0.0
SOURCE_DATE_EPOCH=1 "$PV" sbom --db "$TMP/8.sqlite" -o "$TMP/8b.json" "$TMP/p8b" 2>"$TMP/8b.err"
is "$(cq "$TMP/8b.json" '" ".join(sorted(x["purl"] for x in d["components"]))')" "pkg:npm/gitdep@2.4.1 pkg:npm/tardep@1.0.0" \
  "twin: the same packages from the registry: plain purls"
is "$(cq "$TMP/8b.json" '" ".join(sorted(v["id"] for v in d["vulnerabilities"]))')" "GHSA-git8-git8-0001 GHSA-tar8-tar8-0001" \
  "twin: ... matched"
grep -q "not matched" "$TMP/8b.err"; is $? 1 "twin: ... and nothing said about matching"
done_testing
