#!/usr/bin/env bash
# plugvet rules compat: each rule of a Semgrep rule file tried alone, one
# line per rule (loads / refused: the reason), a refused rule or file hiding
# none of the others; exit 0 all load, 1 something refused, 2 bad PATH.
. "$(dirname "$0")/lib.sh"
cd "$top"
W=$TMP/w; mkdir -p "$W/d"

cat >"$W/d/a.yaml" <<'Y'
rules:
  - id: c.ok
    message: m
    severity: high
    languages: [javascript]
    pattern: eval($X)
  - id: c.fix
    message: m
    severity: high
    languages: [javascript]
    pattern: eval($X)
    fix: safeEval($X)
  - id: c.badpat
    message: m
    severity: high
    languages: [javascript]
    pattern: "eval(("
  - id: c.taint
    mode: taint
    message: m
    severity: high
    languages: [javascript]
    pattern-sources:
      - pattern: req.query
    pattern-sinks:
      - pattern: eval(...)
  - id: c.badquery
    message: m
    severity: high
    languages: [javascript]
    query: "(call_expresion) @x"
  - id: c.typed
    message: m
    severity: high
    languages: [javascript, typescript]
    pattern: "($REQ: Request) => $REQ.query"
  - id: c.badfix
    message: m
    severity: high
    languages: [javascript]
    pattern: eval($X)
    fix-regex: {regex: "(", replacement: x}
Y
printf 'rules: [\n' >"$W/d/b.yaml"

"$PV" rules compat "$W/d" >"$TMP/out" 2>"$TMP/err"; rc=$?
is $rc 1 "a refused rule: exit 1"
for want in "a.yaml:2: c.ok: loads" \
            "a.yaml:7: c.fix: loads" \
            "a.yaml:13: c.badpat: refused: key 'pattern': pattern does not parse as javascript" \
            "a.yaml:18: c.taint: loads" \
            "a.yaml:27: c.badquery: refused: key 'query': unknown node type" \
            "a.yaml:32: c.typed: loads" \
            "a.yaml:37: c.badfix: refused: key 'fix-regex': 'regex': missing closing parenthesis at offset 1" \
            "b.yaml: refused: " \
            "7 rules: 4 load, 3 refused; 1 file not read"; do
  grep -qF "$want" "$TMP/out"; ok $? "... prints '$want'"
done
is "$(grep -c ': loads$\|: refused: ' "$TMP/out")" 8 "... one line per rule and per unreadable file"
check "... nothing on stderr" test ! -s "$TMP/err"

# The same file through validate stops at its first error: compat is the
# one that sees past it.
"$PV" rules validate "$W/d/a.yaml" >"$TMP/v" 2>&1; is $? 2 "rules validate refuses the file (exit 2)"
grep -q "c.badpat" "$TMP/v" && ! grep -q "c.badquery\|c.badfix" "$TMP/v"; ok $? "... naming only its first error"

# Twins: every rule loads -> 0; the bundled pack loads rule by rule.
sed -n '1,6p' "$W/d/a.yaml" >"$W/good.yaml"
"$PV" rules compat "$W/good.yaml" >"$TMP/g" 2>&1; is $? 0 "every rule loads: exit 0"
is "$(tail -1 "$TMP/g")" "1 rule: 1 loads, 0 refused" "... summary"
"$PV" rules compat rules taint-rules >"$TMP/pack" 2>&1; is $? 0 "the bundled pack: every rule loads alone"
n=$("$PV" rules list rules taint-rules | wc -l)
is "$(tail -1 "$TMP/pack")" "$n rules: $n load, 0 refused" "... all $n of them"

"$PV" rules compat "$W/missing.yaml" >/dev/null 2>"$TMP/e"; is $? 2 "a missing PATH: exit 2"
grep -qF "missing.yaml" "$TMP/e"; ok $? "... naming it"
"$PV" rules compat >/dev/null 2>&1; is $? 2 "no PATH: exit 2"
"$PV" rules compat --bogus x >/dev/null 2>&1; is $? 2 "unknown option: exit 2"

# min-version / max-version name Semgrep's versions: the rule loads.
printf 'rules:\n  - id: v.ok\n    message: m\n    severity: high\n    languages: [javascript]\n    min-version: 1.0.0\n    max-version: 2.0.0\n    pattern: eval($X)\n' >"$W/v.yaml"
"$PV" rules compat "$W/v.yaml" >"$TMP/v" 2>&1; is $? 0 "min-version and max-version: the rule loads"
sed 's/min-version/min-versoin/' "$W/v.yaml" >"$W/v2.yaml"
"$PV" rules compat "$W/v2.yaml" >"$TMP/v" 2>&1; is $? 1 "... a misspelt key is still refused (twin)"

# options: what plugvet matches with loads silently, a value it cannot give
# loads with a note or is refused, an unknown name is refused.
cat >"$W/o.yaml" <<'Y'
rules:
  - id: o.sym
    message: m
    severity: high
    languages: [javascript]
    options:
      symbolic_propagation: true
    pattern: eval($X)
  - id: o.same
    message: m
    severity: high
    languages: [javascript]
    options:
      constant_propagation: true
      interfile: true
      generic_ellipsis_max_span: 5
    pattern: eval($X)
  - id: o.const-off
    message: m
    severity: high
    languages: [javascript]
    options:
      constant_propagation: false
    pattern: eval($X)
  - id: o.typo
    message: m
    severity: high
    languages: [javascript]
    options:
      constant_propagatoin: true
    pattern: eval($X)
  - id: o.taint
    mode: taint
    message: m
    severity: high
    languages: [javascript]
    options:
      symbolic_propagation: true
      taint_only_propagate_through_assignments: true
    pattern-sources:
      - pattern: req.query
    pattern-sinks:
      - pattern: eval(...)
Y
"$PV" rules compat "$W/o.yaml" >"$TMP/o" 2>&1; is $? 1 "options: a refused one: exit 1"
for want in "o.sym: loads (plugvet does not match through intermediate variables)" \
            "o.same: loads" \
            "o.const-off: refused: key 'options': 'constant_propagation: false' is not supported" \
            "o.typo: refused: key 'options': unknown option 'constant_propagatoin'" \
            "o.taint: refused: key 'options': 'taint_only_propagate_through_assignments: true' is not supported"; do
  grep -qF "$want" "$TMP/o"; ok $? "... prints '$want'"
done
grep -q "o.same: loads$" "$TMP/o"; ok $? "... the option plugvet already has: no note"
printf 'const x = 1;\neval(userInput);\n' >"$W/e.js"
sed -n '1,8p' "$W/o.yaml" >"$W/sym.yaml"
"$PV" scan --rules "$W/sym.yaml" --format compact --text - "$W/e.js" 2>/dev/null | grep -q "e.js:2:1: high o.sym"
ok $? "a rule with symbolic_propagation: true scans (and finds the direct call)"
done_testing
