#!/usr/bin/env bash
# Nothing is quietly left unscanned (issue 22): a NUL byte does not make a
# source file "binary", a binary file named as source is a finding, every
# partial analysis (over --max-ast-bytes, nesting budgets) is a status of
# the input in each report with --fail-on-partial, and --rules that load no
# rule are an error.
. "$(dirname "$0")/lib.sh"
D=$TMP/in
mkdir -p "$D"
# q FILE EXPR: a python expression over the first JSON line of FILE (as o).
q() {
  python3 - "$@" <<'PY'
import json, sys
o = json.loads(open(sys.argv[1]).readline())
def rules(): return sorted(f["rule_id"] for f in o["findings"])
print(eval(sys.argv[2]))
PY
}
scan() { "$PV" scan --no-db --quiet --fail-on none --json "$TMP/o.jsonl" "$@"; }

# ---- NUL bytes and disguised binaries --------------------------------------
exec_js='const { exec } = require("child_process");\n'
printf "${exec_js}"'eval(a);\n// x\0y\nexec("x"+y);\n' >"$D/nul.js"
scan --text /dev/null "$D/nul.js"
is "$(q "$TMP/o.jsonl" 'rules()')" \
   "['js.code-injection.eval-non-literal', 'js.command-injection.exec-non-literal']" \
   "a NUL in a comment: eval and exec are both found"
is "$(q "$TMP/o.jsonl" '[n["id"] for n in o["notes"]]')" "[]" "... with no parse error at the NUL"
printf "${exec_js}"'exec("a\0b" + y);\n' >"$D/nulstr.js"
scan --text /dev/null "$D/nulstr.js"
is "$(q "$TMP/o.jsonl" 'rules()')" "['js.command-injection.exec-non-literal']" \
   "a NUL inside the sink's string literal hides nothing"
printf 'eval(a);\n// x\0y\n' >"$D/nul.dat"
scan --text /dev/null "$D/nul.dat"
is "$(q "$TMP/o.jsonl" 'rules()')" "[]" "twin: the same bytes in a .dat file are binary: no rule runs"

python3 -c "import sys; sys.stdout.buffer.write(b'\x7fELF\x02\x01\x01' + bytes(9) + b'\x02\x00\x3e\x00' + bytes(4000))" >"$D/elf.js"
head -c 4096 /dev/urandom >"$D/random.ts"
head -c 4096 /dev/urandom >"$D/random.bin"
python3 -c "import sys; sys.stdout.write('// \u00e9t\u00e9 caf\u00e9\n' * 200 + 'let x = 1;\n')" >"$D/utf8.js"
scan --text /dev/null "$D/elf.js"
is "$(q "$TMP/o.jsonl" 'rules()')" "['archive.disguised-binary', 'archive.native-binary']" \
   "an ELF named .js: archive.disguised-binary (and native-binary)"
is "$(q "$TMP/o.jsonl" '[f["message"] for f in o["findings"]][0]')" \
   "entry '$D/elf.js' is named as source but holds binary data (ELF x86-64)" "... naming the file and the header"
scan --text /dev/null "$D/random.ts"
is "$(q "$TMP/o.jsonl" 'rules()')" "['archive.disguised-binary']" "random bytes named .ts: disguised-binary"
scan --text /dev/null "$D/random.bin"
is "$(q "$TMP/o.jsonl" 'rules()')" "[]" "twin: random bytes named .bin are not disguised"
scan --text /dev/null "$D/utf8.js"
is "$(q "$TMP/o.jsonl" 'rules()')" "[]" "twin: UTF-8 text with accents is not binary"
scan --text /dev/null "$D/nul.js"
is "$(q "$TMP/o.jsonl" '"archive.disguised-binary" in rules()')" "False" \
   "twin: a source file with one NUL is not disguised"

# ---- partial analysis --------------------------------------------------------
# A huge comment hiding code: over --max-ast-bytes it gets regex rules only.
python3 - "$D" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/huge.js", "w") as f:
    f.write("/*" + "x" * (5 << 20) + "*/\neval(a);\n")
with open(d + "/deep.js", "w") as f:
    f.write("function f() {" * 1600 + "eval(a);" + "}" * 1600 + "\n")
with open(d + "/shallow.js", "w") as f:
    f.write("function f() {" * 100 + "eval(a);" + "}" * 100 + "\n")
PY
scan --text "$TMP/t.txt" --sarif "$TMP/o.sarif" "$D/huge.js"
is $? 0 "a 5 MiB comment under the 16 MiB default: exit 0 with --fail-on none"
is "$(q "$TMP/o.jsonl" 'o["status"], rules()')" "('scanned', ['js.code-injection.eval-non-literal'])" \
   "... parsed: the eval after it is found, status scanned"
scan --text "$TMP/t.txt" --sarif "$TMP/o.sarif" --max-ast-bytes 1M "$D/huge.js"
is $? 0 "over --max-ast-bytes 1M: still exit 0 without --fail-on-partial"
is "$(q "$TMP/o.jsonl" 'o["status"], rules()')" "('partial', [])" "... JSON status partial, the eval unseen"
check "... the text report says the input was analysed partially" \
  grep -q "huge.js (file, 1 file, 0 findings, analysed partially)" "$TMP/t.txt"
check "... and its summary counts it" grep -q "; 1 analysed partially (see the warnings)" "$TMP/t.txt"
check "... and the warning names the file and the limit" \
  grep -q "warning: $D/huge.js: 5242894 bytes is over the AST limit of 1048576 (--max-ast-bytes)" "$TMP/t.txt"
is "$(python3 -c '
import json, sys
inv = json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]
n = [x for x in inv["toolExecutionNotifications"] if x["descriptor"]["id"] == "file-too-large"][0]
print(inv["executionSuccessful"], n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("huge.js"))
' "$TMP/o.sarif")" "True warning True" "... SARIF: a warning notification on the file, executionSuccessful true"
scan --text /dev/null --max-ast-bytes 1M --fail-on-partial "$D/huge.js"
is $? 2 "--fail-on-partial: a partial input exits 2"
scan --text /dev/null --fail-on-partial "$D/huge.js"
is $? 0 "twin: --fail-on-partial with nothing partial exits 0"

scan --text "$TMP/t.txt" "$D/deep.js"
is "$(q "$TMP/o.jsonl" 'o["status"], [n["id"] for n in o["notes"]]')" "('partial', ['match-limit'])" \
   "functions nested 1,600 deep: partial, with the match-limit warning"
check "... shown in the text report" grep -q "deep.js (file, 1 file, 0 findings, analysed partially)" "$TMP/t.txt"
scan --text /dev/null --fail-on-partial "$D/deep.js"
is $? 2 "... and --fail-on-partial exits 2"
scan --text "$TMP/t.txt" --fail-on-partial "$D/shallow.js"
is $? 0 "twin: nested 100 deep is analysed fully (exit 0 with --fail-on-partial)"
is "$(q "$TMP/o.jsonl" 'o["status"], rules()')" "('scanned', ['js.code-injection.eval-non-literal'])" \
   "... status scanned, the eval found"
check "... and the summary has no partial count" ! grep -q "analysed partially" "$TMP/t.txt"

# ---- rules that load nothing ------------------------------------------------
mkdir -p "$TMP/norules" "$TMP/onerule"
"$PV" scan --no-db --rules "$TMP/norules" "$D/shallow.js" >/dev/null 2>"$TMP/err"
is $? 2 "--rules EMPTYDIR exits 2"
is "$(cat "$TMP/err")" "plugvet: $TMP/norules: no rule files (*.yaml, *.yml) under it" "... naming the path"
printf 'rules: []\n' >"$TMP/none.yaml"
"$PV" scan --no-db --rules "$TMP/none.yaml" "$D/shallow.js" >/dev/null 2>"$TMP/err"
is $? 2 "--rules with a file of no rules exits 2"
is "$(cat "$TMP/err")" "plugvet: no rule loaded from $TMP/none.yaml: nothing would be scanned" "... naming it"
cat >"$TMP/onerule/r.yaml" <<'YAML'
rules:
  - id: t.eval
    languages: [javascript]
    severity: high
    message: eval
    pattern: eval($X)
YAML
"$PV" scan --no-db --quiet --rules "$TMP/onerule" "$D/shallow.js" >/dev/null 2>"$TMP/err"
is $? 1 "twin: a directory with one rule loads and finds the eval (exit 1)"
done_testing
