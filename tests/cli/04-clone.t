#!/usr/bin/env bash
# A clone of the repository alone passes the unit tests (issue 14): nothing
# outside the checkout (no folder beside it) is read. It checks the
# COMMITTED tree: what `git clone` gets is HEAD, so uncommitted changes in
# this working tree are not seen here. The clone goes into an empty
# temporary folder, is built there (library and unit tests, make -j2)
# reusing this tree's build/deps through a link (make -o: never refetched,
# no network) and build/node (ajv, for test_reports' SARIF check), and its
# unit tests are proved from the clone's root. Then no tracked file names
# the sibling folder the tests used to read (with a twin proving the grep
# would see such a line).
. "$(dirname "$0")/lib.sh"
if [ -n "${PLUGVET_SAN:-}" ]; then
  skip "clone build not repeated under ASan: the release pass runs it, and a second build would double its time"
  done_testing
fi
head=$(git -C "$top" rev-parse --verify -q HEAD 2>/dev/null)
if [ -z "$head" ] || [ ! -f "$top/build/deps/libtreesitter.a" ]; then
  skip "needs a git checkout and its build/deps (make deps) to reuse"
  done_testing
fi

w=$TMP/alone; mkdir "$w"; c=$w/plugvet
git clone -q --no-hardlinks --no-checkout "$top" "$c" >"$TMP/clone.log" 2>&1 &&
  git -C "$c" checkout -q --detach "$head" >>"$TMP/clone.log" 2>&1
ok $? "git clone of the committed tree (HEAD ${head:0:12})"
is "$(ls -A "$w")" "plugvet" "the clone has no sibling folders"
is "$(git -C "$c" status --porcelain | head -3)" "" "the clone is the commit, unchanged"

mkdir -p "$c/build"
ln -s "$top/build/deps" "$c/build/deps"
[ -d "$top/build/node" ] && ln -s "$top/build/node" "$c/build/node"
bins=$(cd "$c" && for f in tests/unit/test_*.c; do n=${f#tests/unit/}; echo "build/rel/tests/${n%.c}"; done)
start=$SECONDS
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$c" -s -j2 -o build/deps/libtreesitter.a \
  O=build/rel $bins >"$TMP/make.log" 2>&1
st=$?
ok $st "the library and $(echo "$bins" | wc -w) unit tests build in the clone ($((SECONDS - start)) s)"
[ $st -eq 0 ] || sed 's/^/#   /' "$TMP/make.log" | tail -20
[ -L "$c/build/deps" ]; ok $? "... reusing build/deps as it is (not refetched)"

# With every PLUGVET_* variable unset: none may point the clone outside itself.
unset_pv=$(env | sed -n 's/^\(PLUGVET_[A-Za-z0-9_]*\)=.*/-u \1/p')
(cd "$c" && env $unset_pv prove -v --exec '' $bins) >"$TMP/prove.log" 2>&1
st=$?
ok $st "the unit tests pass, proved from the clone's root"
[ $st -eq 0 ] || grep -E '^not ok|^Result' "$TMP/prove.log" | sed 's/^/#   /' | head -20
grep -q '^Result: PASS' "$TMP/prove.log"; ok $? "... prove says PASS"
# A test whose data is missing may skip rather than fail (test_reports does
# without its schema): with build/node linked, nothing may skip.
if [ -L "$c/build/node" ]; then
  is "$(grep -c '^ok [0-9]* # skip' "$TMP/prove.log")" 0 "... and skip nothing (the SARIF schema check runs too)"
  grep '^ok [0-9]* # skip' "$TMP/prove.log" | sed 's/^/#   /' | head -5
else
  skip "no build/node here to link: test_reports may skip its SARIF check"
fi

# The committed tree names no sibling shared folder.
sibling() { git -C "$c" grep -n -I '\.\./shared' >"$TMP/grep.out" 2>&1; }
sibling; st=$?
is "$st" 1 "no tracked file refers to a sibling shared folder"
[ $st -eq 1 ] || sed 's/^/#   /' "$TMP/grep.out" | head
up=..
printf 'See %s/shared/DESIGN.md.\n' "$up" >>"$c/README.md"
sibling; ok $? "twin: the grep finds such a line in a tracked file"
grep -q '^README.md:' "$TMP/grep.out"; ok $? "... and names the file"
done_testing
