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

# The declarations tracked per file (65536): past them, an alias or a
# constant declared later is unknown. 100 calls on constants declared
# after 70,000 others: the first 64 names are looked up one by one, the
# rest are missed, and the note says so; 1,000 declarations: all found.
cat >"$TMP/c.yaml" <<'Y'
rules:
  - id: t.const
    message: foo of abc
    severity: low
    languages: [javascript]
    pattern: foo("abc")
Y
mkdir -p "$TMP/decls" "$TMP/few-decls"
python3 - "$TMP/decls/a.js" "$TMP/few-decls/a.js" <<'PY'
import sys
for path, n in ((sys.argv[1], 70000), (sys.argv[2], 1000)):
    with open(path, "w") as f:
        f.write("".join(f'const v{i} = "abc";\n' for i in range(n)))
        f.write("".join(f"foo(v{i});\n" for i in range(n - 100, n)))
PY
(cd "$TMP" && "$PV" scan -q --no-db --rules c.yaml --fail-on none --json decls.jsonl --text /dev/null decls)
is "$(notes "$TMP/decls.jsonl" match-budget)" \
  "warning | decls/a.js | decls/a.js: rule t.const: pattern matching stopped at the 65536 declarations tracked per file: matches may be missing" \
  "70,000 declarations: the note names the declarations tracked"
is "$(ids "$TMP/decls.jsonl" | wc -w)" "64" "... and 36 of the 100 calls are missed"
(cd "$TMP" && "$PV" scan -q --no-db --rules c.yaml --fail-on none --json few-decls.jsonl --text /dev/null few-decls)
is "$(notes "$TMP/few-decls.jsonl" match-budget)" "" "1,000 declarations: no note (twin)"
is "$(ids "$TMP/few-decls.jsonl" | wc -w)" "100" "... and all 100 calls are found"

# The bundled pack on an ordinary package.json and script: no note.
mkdir -p "$TMP/plain"
printf '{"name": "p", "version": "1.0.0", "dependencies": {"a": "1.0.0"}}\n' >"$TMP/plain/package.json"
printf 'const fs = require("fs");\nfs.readFileSync("x");\n' >"$TMP/plain/index.js"
"$PV" scan -q --no-db --fail-on none --json "$TMP/plain.jsonl" --text /dev/null "$TMP/plain"
is "$(notes "$TMP/plain.jsonl" match-budget)" "" "the bundled pack on an ordinary plugin: no match-budget note"

# The taint engine's bounds: past one, the analysis-incomplete note names
# the function and the bound, and what was found stands.
cat >"$TMP/t.yaml" <<'Y'
rules:
  - id: t.cmd
    message: "$CMD reaches exec"
    severity: high
    languages: [javascript]
    mode: taint
    pattern-sources:
      - pattern: req.query
    pattern-sinks:
      - patterns:
          - pattern: require('child_process').exec($CMD, ...)
          - focus-metavariable: $CMD
Y
mkdir -p "$TMP/t"
python3 - "$TMP/t" <<'PY'
import sys
d = sys.argv[1]
def w(name, body): open(f"{d}/{name}", "w").write("const cp = require('child_process');\n" + body)
for n in (70, 10):  # sinks a summary keeps: 64
    w(f"sinks{n}.js", "function f(x) {\n" + "".join(f"  cp.exec(x + {i});\n" for i in range(n)) + "}\nf(req.query);\n")
for n in (40, 5):  # parts (here: effects on a parameter's fields) a summary keeps: 32
    w(f"fields{n}.js", "function f(o, a) {\n" + "".join(f"  o.k{i} = a;\n" for i in range(n)) +
      f"}}\nconst o = {{}};\nf(o, req.query);\ncp.exec(o.k{n - 1});\n")
for n in (10, 3):  # classes extended that are followed: 8
    w(f"classes{n}.js", "class A0 { m(x) { cp.exec(x); } }\n" +
      "".join(f"class A{i} extends A{i - 1} {{}}\n" for i in range(1, n + 1)) + f"const a = new A{n}();\na.m(req.query);\n")
# runs of a recursive function's summary: 4 (each run finds a deeper field)
w("deeper.js", "function f(x, n) { if (n) return f({a: x}, n - 1); return x; }\ncp.exec(f(req.query, 3).a.a);\n")
w("same.js", "function f(x, n) { if (n) return f(x, n - 1); return x; }\ncp.exec(f(req.query, 3));\n")
for n in (5, 3):  # rounds summarising the callers of functions returning taint: 3
    w(f"callers{n}.js", "cp.exec('ls');\nfunction f0() { return req.query; }\n" +
      "".join(f"function f{i}() {{ return f{i - 1}(); }}\n" for i in range(1, n + 1)) + f"module.exports = f{n};\n")
# passes over a file while the fields of instances change: 2 (each method
# passes a field on to the one above it)
w("fields-up.js", "class A {\n  c() { this.w = this.z; cp.exec('c'); }\n  b() { this.z = this.y; cp.exec('b'); }\n"
  "  a() { this.y = this.x; cp.exec('a'); }\n  d() { cp.exec(this.w); }\n  e() { this.x = req.query; }\n}\n")
w("field.js", "class A {\n  d() { cp.exec(this.w); }\n  e() { this.w = req.query; }\n}\n")
PY
taint() { # taint FILE: the number of findings, then the analysis-incomplete notes
  (cd "$TMP/t" && "$PV" scan -q --no-db --rules ../t.yaml --fail-on none --text /dev/null --json "$1.jsonl" "$1")
  python3 -c 'import json,sys
d = json.loads(open(sys.argv[1]).readline())
print(len(d["findings"]), *[n["message"] for n in d.get("notes", []) if n["id"] == "analysis-incomplete"], sep="\n")' "$TMP/t/$1.jsonl"
}
is "$(taint sinks70.js)" "64
sinks70.js: taint rule t.cmd: analysis incomplete in function f (line 2) (the sinks a summary keeps (64)); flows through there may be missed" \
  "70 sinks in a summary: 64 are reported, and the note names the bound"
is "$(taint sinks10.js)" "10" "10 sinks: all reported, no note (twin)"
is "$(taint fields40.js)" "0
fields40.js: taint rule t.cmd: analysis incomplete in function f (line 2) (the parts a summary keeps (32)); flows through there may be missed" \
  "40 fields written to a parameter: the 40th flow is lost, and the note says why"
is "$(taint fields5.js)" "1" "5 fields: the flow is found, no note (twin)"
is "$(taint classes10.js)" "0
classes10.js: taint rule t.cmd: analysis incomplete in the top level (the classes extended that are followed (8)); flows through there may be missed" \
  "a method 10 classes up: not followed, and the note says why"
is "$(taint classes3.js)" "1" "3 classes up: followed, no note (twin)"
is "$(taint deeper.js)" "1
deeper.js: taint rule t.cmd: analysis incomplete in function f (line 2) (the runs of a recursive function's summary (4)); flows through there may be missed" \
  "a recursive summary still growing after 4 runs: the note names it"
is "$(taint same.js)" "1" "a recursive summary that settles: no note (twin)"
is "$(taint callers5.js)" "0
callers5.js: taint rule t.cmd: analysis incomplete in the top level (the rounds of callers of functions returning taint (3)); flows through there may be missed" \
  "5 callers deep: the rounds stop at 3 and say so"
is "$(taint callers3.js)" "0" "3 callers deep: no note (twin)"
is "$(taint fields-up.js)" "0
fields-up.js: taint rule t.cmd: analysis incomplete in the top level (the passes over a file while fields of instances change (2)); flows through there may be missed" \
  "a field passed up through 4 methods: the 2 passes miss it and say so"
is "$(taint field.js)" "1" "one field between two methods: found, no note (twin)"

# The flags: --max-pattern-steps lowers the pattern budget (the small file's
# match needs more than 1 comparison: cut, noted); --max-taint-steps the
# taint budget; --max-yaml-depth refuses a rule file nested deeper.
"$PV" scan -q --no-db --rules "$TMP/r.yaml" --fail-on none --max-pattern-steps 1 \
  --json "$TMP/flag.jsonl" --text /dev/null "$TMP/small"
is "$(ids "$TMP/flag.jsonl")" "" "--max-pattern-steps 1: the eval is no longer found"
check "... and a match-budget note says why" grep -q '"id":"match-budget"' "$TMP/flag.jsonl"
mkdir -p "$TMP/tflag"
printf "const cp = require('child_process');\nmodule.exports = (req) => cp.exec(req.query.c);\n" >"$TMP/tflag/a.js"
"$PV" scan -q --no-db --taint --fail-on none --max-taint-steps 1 --json "$TMP/tflag.jsonl" \
  --text /dev/null "$TMP/tflag"
check "--max-taint-steps 1: the taint rule says its step budget ran out" \
  grep -q 'the step budget (1 expressions)' "$TMP/tflag.jsonl"
"$PV" scan -q --no-db --taint --fail-on none --json "$TMP/tdef.jsonl" --text /dev/null "$TMP/tflag"
check "... the default budget: no such note (twin)" ! grep -q 'the step budget' "$TMP/tdef.jsonl"
check "... and the flow is found" grep -q '"rule_id":"js.taint.command-injection"' "$TMP/tdef.jsonl"
check "... which --max-taint-steps 1 missed" ! grep -q '"rule_id":"js.taint.command-injection"' "$TMP/tflag.jsonl"
printf 'rules:\n  - id: t.deep\n    message: m\n    severity: low\n    languages: [javascript]\n    patterns:\n      - pattern-either:\n          - pattern: eval($X)\n' >"$TMP/deep.yaml"
"$PV" scan -q --no-db --rules "$TMP/deep.yaml" --fail-on none --text /dev/null \
  --max-yaml-depth 3 "$TMP/small" 2>"$TMP/deep.err"
is $? 2 "--max-yaml-depth 3: a rule file nested deeper is refused (exit 2)"
check "... saying so" grep -q 'nested deeper than 3' "$TMP/deep.err"
"$PV" scan -q --no-db --rules "$TMP/deep.yaml" --fail-on none --text /dev/null "$TMP/small"
is $? 0 "... loaded at the default depth (twin)"
"$PV" scan -q --no-db --max-pattern-steps 0 "$TMP/small" 2>"$TMP/zero.err"
is $? 2 "--max-pattern-steps 0 is a usage error"
done_testing
