#!/usr/bin/env bash
# make install: plugvet and plugvet-run side by side, and the installed
# plugvet finds its rule pack and man pages without the source tree.
. "$(dirname "$0")/lib.sh"
O=${PLUGVET_BIN#"$top"/}
if [ "$O" = "$PLUGVET_BIN" ]; then skip "PLUGVET_BIN is outside the source tree"; done_testing; fi
make -s -C "$top" install O="$O" PREFIX="$TMP/inst" >"$TMP/make.log" 2>&1; ok $? "make install into a prefix"
for f in bin/plugvet bin/plugvet-run share/man/man1/plugvet.1 share/man/man1/plugvet-run.1 \
  share/plugvet/rules/js/code-injection.yaml share/plugvet/taint-rules/command-injection.yaml \
  share/doc/plugvet/policy.md share/plugvet/pattern-table share/plugvet/rule-trees; do
  [ -e "$TMP/inst/$f" ]; ok $? "installed: $f"
done
cp -r "$top/examples/demo-plugin" "$TMP/demo"
(cd / && env -u PLUGVET_RULES "$TMP/inst/bin/plugvet" scan -q --fail-on none "$TMP/demo") >"$TMP/out"
tail -1 "$TMP/out" | grep -q '^6 findings'; ok $? "the installed plugvet finds its bundled rules"
n_installed=$(env -u PLUGVET_RULES "$TMP/inst/bin/plugvet" rules list | wc -l)
is "$n_installed" "$("$PV" rules list | wc -l)" "... all of them"
printf "app.get('/', (req, res) => require('child_process').exec(req.query.c));\n" >"$TMP/t.js"
(cd / && env -u PLUGVET_RULES -u PLUGVET_TAINT_RULES "$TMP/inst/bin/plugvet" scan -q --no-db --taint \
  --fail-on none --text /dev/null --json "$TMP/t.jsonl" "$TMP/t.js")
grep -q '"rule_id":"js.taint.command-injection"' "$TMP/t.jsonl"; ok $? "... and its taint rules (--taint)"
(cd / && env -u PLUGVET_RULES "$TMP/inst/bin/plugvet" scan -v --no-db --fail-on none --text /dev/null \
  "$TMP/t.js") 2>"$TMP/err" >/dev/null
grep -Eq '^plugvet: [0-9]+ rule files read from the rule trees' "$TMP/err"
ok $? "... and takes their trees from share/plugvet/rule-trees"
d=$top/tests/data/npm-registry
(cd / && "$TMP/inst/bin/plugvet" verify --packument "$d/tool5.json" --version 5.0.1 "$d/is-number-7.0.0.tgz") >"$TMP/out"
grep -q 'registry-signature ok' "$TMP/out"; ok $? "... and the npm registry keys it ships (share/plugvet/trust)"
rm -rf "$TMP/inst/share/plugvet"
(cd / && env -u PLUGVET_RULES "$TMP/inst/bin/plugvet" scan -q "$TMP/demo") >/dev/null 2>"$TMP/err"; st=$?
is "$st" 3 "without its rule pack it stops (twin): exit 3"
grep -q 'bundled rules not found' "$TMP/err"; ok $? "... saying what is missing"
done_testing
