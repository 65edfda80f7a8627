#!/usr/bin/env bash
# Excludes (issue 22): --exclude/--include globs, a directory input's
# .plugvetignore, node_modules/ skipped by code rules in directory inputs
# (still inventoried; archives keep scanning it; --scan-node-modules). Every
# excluded file is counted (text summary, JSON lines), never silent. A
# .plugvetignore applies only in the git work tree plugvet runs in.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "1..0 # skip git is not installed (tools/install-deps)"; exit 0; }
mkdir "$TMP/w" "$TMP/elsewhere"
TMP=$TMP/w
git -C "$TMP" init -q
cd "$TMP"
mkdir -p p/src/gen p/node_modules/left-pad p/vendor p/dist
for f in src/a.js src/gen/g.js node_modules/left-pad/index.js vendor/v.js dist/app.min.js; do
  printf 'eval(a);\n' >"p/$f"
done
printf '{"name":"left-pad","version":"1.3.0","license":"WTFPL"}\n' >p/node_modules/left-pad/package.json
printf '{"name":"plug","version":"1.0.0","dependencies":{"left-pad":"1.3.0"}}\n' >p/package.json
# scan ARGS...: scan, sets rc; out.jsonl and out.txt hold the reports
scan() { "$PV" scan --no-db --json out.jsonl --text out.txt "$@" 2>err; rc=$?; }
paths() { python3 -c 'import json; o=json.loads(open("out.jsonl").readline()); print(" ".join(f["path"] for f in o["findings"]), o["excluded"])'; }

scan p
is "$(paths)" "p/dist/app.min.js p/src/a.js p/src/gen/g.js p/vendor/v.js 2" \
  "a directory: node_modules/ (index.js, package.json) is skipped by code rules, counted as excluded"
grep -q "; 2 files excluded$" out.txt; ok $? "... the text summary says so"
scan p --sbom bom.json
grep -q '"name": *"left-pad"' bom.json; ok $? "... its package is still in the SBOM"
scan p --scan-node-modules
is "$(paths)" "p/dist/app.min.js p/node_modules/left-pad/index.js p/src/a.js p/src/gen/g.js p/vendor/v.js 0" \
  "--scan-node-modules scans it"
check "... and the summary names no exclusion" ! grep -q "excluded" out.txt
tar -C p -czf p.tgz node_modules src
scan p.tgz
is "$(paths)" "node_modules/left-pad/index.js src/a.js src/gen/g.js 0" \
  "an archive keeps scanning the node_modules it ships"

scan p --exclude '*.min.js' --exclude vendor/
is "$(paths)" "p/src/a.js p/src/gen/g.js 4" "--exclude: a name glob at any depth and a directory"
scan p --exclude 'gen'
is "$(paths)" "p/dist/app.min.js p/src/a.js p/vendor/v.js 3" "--exclude NAME skips a directory of that name"
scan p --exclude 'p/src'
is "$(paths)" "p/dist/app.min.js p/src/a.js p/src/gen/g.js p/vendor/v.js 2" \
  "... paths are inside the input: p/src matches nothing"
scan p --include 'src/**'
is "$(paths)" "p/src/a.js p/src/gen/g.js 5" "--include: only the files it matches (package.json files too)"
scan p --include 'src/*.js' --include 'vendor/'
is "$(paths)" "p/src/a.js p/vendor/v.js 5" "... repeatable; * stays within one directory"
scan p --include 'src/**' --exclude 'gen/'
is "$(paths) $rc" "p/src/a.js 6 1" "--exclude applies after --include"
scan p --exclude '**'
is "$(paths) $rc" " 7 0" "everything excluded: no finding, exit 0, all 7 files excluded"

printf '# generated code\nsrc/gen/\ndist/\nvendor/*\n!vendor/v.js\n' >p/.plugvetignore
scan p
is "$(paths)" "p/src/a.js p/vendor/v.js 4" ".plugvetignore: directories, # comments, ! re-includes"
(cd ../elsewhere && "$PV" scan --no-db --json ../w/else.jsonl --text /dev/null ../w/p 2>/dev/null)
is "$(python3 -c 'import json; o=json.loads(open("else.jsonl").readline()); print(len(o["findings"]), o["excluded"])')" "4 2" \
  "run outside that work tree, the directory's .plugvetignore is not read (twin: only node_modules/ excluded)"
scan p --exclude vendor
is "$(paths)" "p/src/a.js 5" "... --exclude comes after it and wins"
mv p/.plugvetignore p/src/.plugvetignore
scan p
is "$(paths)" "p/dist/app.min.js p/src/a.js p/src/gen/g.js p/vendor/v.js 2" \
  "a .plugvetignore below the root is not read"
cp p/src/.plugvetignore p/.plugvetignore
tar -C p -czf q.tgz .plugvetignore src dist
scan q.tgz
is "$(paths)" "dist/app.min.js src/a.js src/gen/g.js 0" "an archive's .plugvetignore is not honoured"
done_testing
