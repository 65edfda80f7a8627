#!/usr/bin/env bash
# .gitignore files in directory scans (issue 22): each applies under its own
# directory, a deeper one wins, .plugvetignore and --exclude come after;
# never in archives; --no-gitignore turns them off; counted as excluded.
# Only in the git work tree plugvet runs in: a directory from anywhere else
# (an upload being vetted) cannot hide its own files with a .gitignore.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "1..0 # skip git is not installed (tools/install-deps)"; exit 0; }
mkdir "$TMP/w" "$TMP/elsewhere"
TMP=$TMP/w
git -C "$TMP" init -q
cd "$TMP"
mkdir -p p/src/gen p/build p/lib/out p/lib/keep
for f in src/a.js src/gen/g.js build/b.js lib/out/o.js lib/keep/k.js lib/l.js top.js; do
  printf 'eval(a);\n' >"p/$f"
done
scan() { "$PV" scan --no-db --json out.jsonl --text out.txt "$@" 2>err; rc=$?; }
paths() { python3 -c 'import json; o=json.loads(open("out.jsonl").readline()); print(" ".join(f["path"] for f in o["findings"]), o["excluded"])'; }

scan p
is "$(paths)" "p/build/b.js p/lib/keep/k.js p/lib/l.js p/lib/out/o.js p/src/a.js p/src/gen/g.js p/top.js 0" \
  "no .gitignore: every file scanned"
printf '# build output\nbuild/\n/top.js\n' >p/.gitignore
scan p
is "$(paths)" "p/lib/keep/k.js p/lib/l.js p/lib/out/o.js p/src/a.js p/src/gen/g.js 2" \
  "the root .gitignore: a directory and an anchored file"
(cd ../elsewhere && "$PV" scan --no-db --json ../w/else.jsonl --text /dev/null ../w/p 2>/dev/null)
is "$(python3 -c 'import json; o=json.loads(open("else.jsonl").readline()); print(len(o["findings"]), o["excluded"])')" "7 0" \
  "run outside that work tree, the same directory's .gitignore is not read (twin): all 7 files scanned"
grep -q "; 2 files excluded$" out.txt; ok $? "... counted in the text summary"
grep -q '"id":"excluded".*\.gitignore' out.jsonl; ok $? "... and the note names .gitignore among the reasons"
printf 'out/\n*.js\n!keep/*.js\n' >p/lib/.gitignore
scan p
is "$(paths)" "p/lib/keep/k.js p/src/a.js p/src/gen/g.js 4" \
  "a nested .gitignore applies under its directory only (src/*.js kept), ! re-includes"
printf '/gen\n' >p/src/.gitignore
mkdir -p p/src/deep/gen && printf 'eval(d);\n' >p/src/deep/gen/d.js
scan p
is "$(paths)" "p/lib/keep/k.js p/src/a.js p/src/deep/gen/d.js 5" \
  "an anchored glob of a nested .gitignore: anchored at its own directory (src/gen, not src/deep/gen)"
printf 'g.js\n' >p/.gitignore.bak
printf '!src/gen/\n' >p/.plugvetignore
scan p
is "$(paths)" "p/lib/keep/k.js p/src/a.js p/src/deep/gen/d.js p/src/gen/g.js 4" \
  ".plugvetignore comes after .gitignore (re-includes what it excludes); .gitignore.bak is not read"
rm p/.plugvetignore
scan p --exclude src/a.js
is "$(paths)" "p/lib/keep/k.js p/src/deep/gen/d.js 6" "--exclude comes on top"
scan p --no-gitignore
is "$(paths)" "p/build/b.js p/lib/keep/k.js p/lib/l.js p/lib/out/o.js p/src/a.js p/src/deep/gen/d.js p/src/gen/g.js p/top.js 0" \
  "--no-gitignore: every file scanned again"
tar -C p -czf p.tgz .
scan p.tgz
is "$(python3 -c 'import json; print(len(json.loads(open("out.jsonl").readline())["findings"]))') $(paths | awk '{print $NF}')" "8 0" \
  "an archive's .gitignore files are not read (someone else's code)"
done_testing
