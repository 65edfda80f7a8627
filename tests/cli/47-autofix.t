#!/usr/bin/env bash
# scan --autofix / --dryrun: rules' fix and fix-regex written into the
# user's own files (never archives, node_modules/, --staged), atomically and
# only while a file is as it was scanned; overlapping fixes; the fix in JSON
# lines (read back by --resume), SARIF fixes and the text report; rule
# files with a malformed fix-regex refused.
. "$(dirname "$0")/lib.sh"
schema="$top/tests/data/schemas/sarif-schema-2.1.0.json"
cd "$TMP"
scan() { "$PV" scan --no-db --no-config -q --rules rules.yaml "$@"; }

cat >rules.yaml <<'Y'
rules:
  - id: t.strict-eq
    message: use === to compare $A
    severity: INFO
    languages: [javascript]
    pattern: $A == $B
    fix: $A === $B
  - id: t.timeout
    message: fetch without a timeout
    severity: INFO
    languages: [javascript]
    pattern: fetch($U)
    fix-regex:
      regex: '\)$'
      replacement: ', { timeout: 5 })'
  - id: t.checked
    message: an if, unchecked
    severity: INFO
    languages: [javascript]
    pattern-regex: 'if \(x == 1\)'
    fix-regex:
      regex: '^if \((.*)\)$'
      replacement: 'if (\1 /* checked */)'
  - id: t.yoda
    message: yoda
    severity: INFO
    languages: [javascript]
    pattern: '"é" == $A'
    fix: $A == "é"
Y
mkdir -p p/src p/node_modules/dep
printf 'const ok = a === b;\nif (x == 1) go();\nfetch(url);\nconst s = "é" == t;\n' >p/src/a.js
printf 'const clean = 1;\n' >p/src/clean.js
printf 'fetch(u);\n' >p/node_modules/dep/index.js
cp p/src/a.js orig.js

# ---- dry run: a diff, nothing written -------------------------------------
scan --scan-node-modules --autofix --dryrun --text /dev/null p >diff.out 2>err.out
is $? 0 "--dryrun: exit 0 (INFO findings under --fail-on high)"
check "--dryrun writes nothing" cmp -s p/src/a.js orig.js
cat >want.diff <<'D'
--- a/p/src/a.js
+++ b/p/src/a.js
@@ -2,1 +2,1 @@
-if (x == 1) go();
+if (x == 1 /* checked */) go();
@@ -3,1 +3,1 @@
-fetch(url);
+fetch(url, { timeout: 5 });
@@ -4,1 +4,1 @@
-const s = "é" == t;
+const s = "é" === t;
D
is "$(cat diff.out)" "$(cat want.diff)" "--dryrun prints a unified diff of the fixes"
mkdir q && cp -r p q/p
(cd q && patch -s -p1 <../diff.out >/dev/null 2>&1)
check "... which patch -p1 applies" grep -q 'fetch(url, { timeout: 5 })' q/p/src/a.js
check "... says what it would do, and the overlaps" grep -qx "plugvet: autofix: p/src/a.js: 3 fixes would be applied (dry run); 2 skipped: each overlaps a fix applied before it" err.out
check "... node_modules/ is never fixed" ! grep -q node_modules diff.out err.out

# ---- fixes applied --------------------------------------------------------
chmod 640 p/src/a.js
scan --scan-node-modules --autofix --text /dev/null p 2>err.out
is $? 0 "--autofix: exit 0"
is "$(cat p/src/a.js)" "$(printf 'const ok = a === b;\nif (x == 1 /* checked */) go();\nfetch(url, { timeout: 5 });\nconst s = "é" === t;')" \
  "--autofix writes the fixes: fix with metavariables, fix-regex, the first of overlapping fixes"
check "... reports the fixes applied per file" grep -qx "plugvet: autofix: p/src/a.js: 3 fixes applied; 2 skipped: each overlaps a fix applied before it" err.out
is "$(stat -c %a p/src/a.js)" 640 "... keeps the file's mode"
is "$(cat p/node_modules/dep/index.js)" "fetch(u);" "... leaves node_modules/ alone"
check "... leaves no temporary file" sh -c '! ls -a p/src | grep -q plugvet-'
scan --autofix --text /dev/null p 2>err.out
check "a second run has nothing left to fix" ! grep -q "fixes applied" err.out

# a single file input; a file without findings is not touched
cp orig.js one.js
scan --autofix --text /dev/null one.js 2>err.out
check "a file input is fixed" grep -q 'fetch(url, { timeout: 5 });' one.js

# a suppressed finding is not fixed; its unsuppressed twin is
printf 'if (p == 1) go(); // nosemgrep\nif (q == 1) go();\n' >sup.js
scan --autofix --text /dev/null sup.js 2>err.out
is "$(cat sup.js)" "$(printf 'if (p == 1) go(); // nosemgrep\nif (q === 1) go();')" \
  "a finding under nosemgrep keeps its code; the same line without it is fixed"

# ---- never inside an archive -----------------------------------------------
mkdir -p t/package && cp orig.js t/package/index.js && tar -czf pkg.tgz -C t package
cp pkg.tgz pkg.before
scan --autofix --text /dev/null pkg.tgz 2>err.out
check "an archive input is never written" cmp -s pkg.tgz pkg.before
check "... and no fix is claimed for it" ! grep -q "autofix" err.out

# ---- read-only file: a clear error, exit 2 ----------------------------------
cp orig.js ro.js && chmod 444 ro.js
scan --autofix --text /dev/null ro.js 2>err.out
is $? 2 "a read-only file: exit 2"
check "... says which file and why" grep -qx "plugvet: autofix: ro.js: read-only: its 5 fixes were not applied" err.out
check "... and leaves it as it was" cmp -s ro.js orig.js
chmod 644 ro.js

# ---- a file changed between the scan and the fix is not written -------------
# The JSON line is written before the fixes: a line longer than a pipe holds,
# into a FIFO, keeps plugvet waiting after the scan, while the file changes.
# grow_while_fixing FILE LINE: --autofix FILE, LINE appended to it meanwhile;
# the exit status is plugvet's
grow_while_fixing() {
  rm -f lines.fifo && mkfifo lines.fifo
  scan --autofix --text /dev/null --json lines.fifo "$1" 2>err.out &
  local pid=$!
  exec 3<lines.fifo
  head -c 1 <&3 >/dev/null
  echo "$2" >>"$1"
  cat <&3 >/dev/null
  exec 3<&-
  wait $pid
}
for i in $(seq 1 3000); do echo "if (v$i == w) f();"; done >big.js
grow_while_fixing big.js "// edited meanwhile"
is $? 2 "a file changed since the scan: exit 2"
check "... says so" grep -qx "plugvet: autofix: big.js: changed since it was scanned: its 3000 fixes were not applied" err.out
check "... and leaves the edit alone" sh -c 'tail -n 1 big.js | grep -qx "// edited meanwhile" && grep -q "v1 == w" big.js'
# ... also when the file was exactly one read buffer (64 KiB) long and grew
for i in $(seq 1 3000); do echo "if (v$i == w) f();"; done >edge.js
pad=$((65536 - $(wc -c <edge.js) - 4))
{ printf '// '; head -c "$pad" /dev/zero | tr '\0' x; echo; } >>edge.js
grow_while_fixing edge.js "// grown"
is "$?:$(tail -c 9 edge.js)" "2:// grown" "a 64 KiB file that grew after the scan: exit 2, the addition kept"

# ---- usage -------------------------------------------------------------------
scan --dryrun orig.js 2>err.out
is $? 2 "--dryrun without --autofix: exit 2"
scan --autofix --dryrun --json - orig.js >/dev/null 2>err.out
is $? 2 "--dryrun with a report on stdout: exit 2"
check "... saying which" grep -q "give --json a FILE" err.out
scan --autofix --staged 2>err.out
is $? 2 "--autofix with --staged: exit 2"
check "... saying why" grep -q "not with --staged" err.out

# ---- reports: text, JSON lines, SARIF fixes, --resume ----------------------
cp orig.js r.js
scan --text r.txt --json r.jsonl --sarif r.sarif r.js
check "the text report shows the fix" grep -q '  fix: x === 1' r.txt
check "JSON lines carry the fix" grep -q '"fix":"fetch(url, { timeout: 5 })"' r.jsonl
node "$top/tests/validate-schema.js" "$schema" r.sarif >validate.log 2>&1
ok $? "SARIF with fixes validates against the 2.1.0 schema"
python3 - r.sarif >facts <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
for r in res:
    for f in r.get("fixes", []):
        ch = f["artifactChanges"][0]; rep = ch["replacements"][0]; d = rep["deletedRegion"]
        print(r["ruleId"], ch["artifactLocation"]["uri"], d["startLine"], d["startColumn"], d["endLine"], d["endColumn"], repr(rep["insertedContent"]["text"]))
PY
check "SARIF: a fix replaces the finding's region (UTF-16 columns)" grep -qx "t.strict-eq r.js 4 11 4 19 '\"é\" === t'" facts
check "SARIF: each overlapping fix is offered (the user picks)" grep -qx "t.yoda r.js 4 11 4 19 't == \"é\"'" facts
check "SARIF: fix-regex's replacement" grep -qx "t.timeout r.js 3 1 3 11 'fetch(url, { timeout: 5 })'" facts
"$PV" scan --no-db --no-config -q --rules rules.yaml --text /dev/null --json k.jsonl --sarif whole.sarif r.js one.js orig.js 2>/dev/null
head -n 1 k.jsonl >k2.jsonl
"$PV" scan --no-db --no-config -q --rules rules.yaml --text /dev/null --json k2.jsonl --resume --sarif resumed.sarif r.js one.js orig.js 2>/dev/null
check "--resume --sarif: the fixes read back from JSON lines give the same SARIF" cmp -s whole.sarif resumed.sarif
check "... and the same lines" cmp -s k.jsonl k2.jsonl

# ---- rule files -------------------------------------------------------------
bad() { # bad NAME FIX-YAML WANT-ERROR
  printf 'rules:\n  - id: t.bad\n    message: m\n    severity: INFO\n    languages: [javascript]\n    pattern: f($X)\n%s\n' "$2" >bad.yaml
  "$PV" rules validate bad.yaml >out 2>&1
  local rc=$?
  is "$rc" 2 "$1: refused"
  check "... naming the rule and the key" grep -q "$3" out
}
bad "a fix-regex that does not compile" "    fix-regex: {regex: '(', replacement: x}" "rule 't.bad': key 'fix-regex': 'regex': missing closing parenthesis"
bad "a replacement naming a group the regex lacks" "    fix-regex: {regex: '(a)', replacement: '\\2'}" "rule 't.bad': key 'fix-regex': 'replacement': invalid group reference 2"
bad "fix-regex without replacement" "    fix-regex: {regex: a}" "rule 't.bad': key 'fix-regex': missing key 'replacement'"
bad "a count that is not a number" "    fix-regex: {regex: a, replacement: b, count: two}" "rule 't.bad': key 'fix-regex': 'count' must be a whole number"
bad "fix-regex that is not a mapping" "    fix-regex: [a]" "rule 't.bad': key 'fix-regex' must be a mapping"
bad "a fix that is a list" "    fix: [a]" "rule 't.bad': key 'fix' must be a string"
bad "both fix and fix-regex" "    fix: a
    fix-regex: {regex: a, replacement: b}" "rule 't.bad': key 'fix-regex': a rule has 'fix' or 'fix-regex', not both"
printf 'rules:\n  - id: t.good\n    message: m\n    severity: INFO\n    languages: [javascript]\n    pattern: f($X)\n    fix-regex: {regex: "(?P<n>f)", replacement: "\\\\g<n>g", count: 1}\n' >good.yaml
"$PV" rules validate good.yaml >out 2>&1
is $? 0 "a well-formed fix-regex (named group, count) loads"
"$PV" rules compat good.yaml >out 2>&1
check "... and rules compat says it loads" grep -q "t.good: loads" out

done_testing
