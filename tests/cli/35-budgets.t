#!/usr/bin/env bash
# Budgets that speak: a work budget that cuts the matching of a rule short
# on a file is a note on the input (JSON lines, SARIF, text), naming the
# rule, the file and the budget, once per rule and file; an ordinary file
# gets none.
. "$(dirname "$0")/lib.sh"
cd "$top"

notes() { # notes JSONL ID: "path: message" of every note with that id
  python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for n in json.loads(l).get("notes", []):
        if n["id"] == sys.argv[2]: print(n["level"], n["path"], n["message"], sep=" | ")' "$1" "$2"
}
ids() { # ids JSONL: the rule ids of the findings
  python3 -c 'import json,sys
for l in open(sys.argv[1]):
    print(" ".join(f["rule_id"] for f in json.loads(l)["findings"]))' "$1"
}

# The pattern matcher's step budget (pv_limits.pattern_steps, 200,000 node
# comparisons per attempt of a pattern at a node): three ellipses over an
# array of 200 numbers are millions of ways to split it.
cat >"$TMP/r.yaml" <<'Y'
rules:
  - id: t.backtrack
    message: never at the end
    severity: low
    languages: [javascript]
    pattern: '[..., $A, ..., $B, ..., $C, ..., "never"]'
  - id: t.plain
    message: an eval
    severity: low
    languages: [javascript]
    pattern: eval($X)
Y
mkdir -p "$TMP/big" "$TMP/small"
python3 -c 'print("const xs = [\"never\", " + ", ".join(str(i) for i in range(200)) + "];\neval(xs);")' \
  >"$TMP/big/a.js"
printf 'const xs = ["never", 1, 2, 3];\neval(xs);\n' >"$TMP/small/a.js"

start=$(date +%s)
(cd "$TMP" && "$PV" scan -q --no-db --rules r.yaml --fail-on none --json big.jsonl \
  --sarif big.sarif --text big.txt big)
is $? 0 "a pathological pattern: the scan succeeds"
check "... and ends quickly" test $(($(date +%s) - start)) -le 30
is "$(notes "$TMP/big.jsonl" match-budget)" \
  "warning | big/a.js | big/a.js: rule t.backtrack: pattern matching stopped at the step budget (200000 node comparisons): matches may be missing" \
  "JSON: one match-budget note naming the rule, the file and the budget"
is "$(ids "$TMP/big.jsonl")" "t.plain" "... the other rule's finding stands"
check "text: the note is shown" grep -q "warning: big/a.js: rule t.backtrack: pattern matching stopped at the step budget" "$TMP/big.txt"
check "SARIF: a tool notification" grep -q "rule t.backtrack: pattern matching stopped at the step budget" "$TMP/big.sarif"

"$PV" scan -q --no-db --rules "$TMP/r.yaml" --fail-on none --json "$TMP/small.jsonl" \
  --text "$TMP/small.txt" "$TMP/small"
is "$(notes "$TMP/small.jsonl" match-budget)" "" "an ordinary file (4 elements): no note (twin)"
is "$(ids "$TMP/small.jsonl")" "t.plain" "... and the same finding"
check "text: no note" ! grep -q "pattern matching stopped" "$TMP/small.txt"

# The bundled pack on an ordinary package.json and script: no note.
mkdir -p "$TMP/plain"
printf '{"name": "p", "version": "1.0.0", "dependencies": {"a": "1.0.0"}}\n' >"$TMP/plain/package.json"
printf 'const fs = require("fs");\nfs.readFileSync("x");\n' >"$TMP/plain/index.js"
"$PV" scan -q --no-db --fail-on none --json "$TMP/plain.jsonl" --text /dev/null "$TMP/plain"
is "$(notes "$TMP/plain.jsonl" match-budget)" "" "the bundled pack on an ordinary plugin: no match-budget note"

done_testing
