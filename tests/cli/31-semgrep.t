#!/usr/bin/env bash
# Semgrep-style pattern rules: the operator rules in tests/semgrep pass
# their annotated tests (and a flipped annotation fails); messages
# interpolate metavariables; paths include/exclude; operator errors name
# file, rule and key.
. "$(dirname "$0")/lib.sh"
cd "$top"

"$PV" rules test tests/semgrep >"$TMP/out" 2>"$TMP/err"
is $? 0 "rules test tests/semgrep: every operator rule passes"
n=$(grep -c '^PASS' "$TMP/out"); check "at least 11 operator rules pass ($n)" test "$n" -ge 11

W=$TMP/w; mkdir -p "$W"
cp tests/semgrep/operators.yaml "$W/"
sed 's|// ok: sg.metavariable-comparison.low-port|// ruleid: sg.metavariable-comparison.low-port|' tests/semgrep/operators.js >"$W/operators.js"
"$PV" rules test "$W" >"$TMP/o" 2>&1; is $? 1 "a flipped annotation fails rules test"
grep -q '^FAIL sg.metavariable-comparison.low-port' "$TMP/o"; ok $? "... naming the rule"

cat >"$W/x.yaml" <<'Y'
rules:
  - id: t.exec
    message: "exec of $CMD"
    severity: high
    languages: [javascript]
    paths:
      exclude: ["test/"]
    patterns:
      - pattern: require('child_process').exec($CMD, ...)
      - pattern-not: require('child_process').exec("...", ...)
Y
mkdir -p "$W/app/test"
printf "const { exec: run } = require('node:child_process');\nrun(userCmd);\nrun('ls');\n" >"$W/app/a.js"
cp "$W/app/a.js" "$W/app/test/a.js"
"$PV" scan --quiet --rules "$W/x.yaml" --json "$TMP/x.jsonl" --text /dev/null "$W/app" >/dev/null 2>&1
python3 -c 'import json,sys; o=json.loads(open(sys.argv[1]).readline()); print(sorted((f["rule_id"], f["path"][-9:], f["message"], f["start_line"]) for f in o["findings"]))' "$TMP/x.jsonl" >"$TMP/got"
is "$(cat "$TMP/got")" "[('t.exec', '/app/a.js', 'exec of userCmd', 2)]" "aliased exec found once, message interpolated, test/ excluded, literal skipped"

# paths apply to regex rules too (generic ones run on every text file).
cat >"$W/r.yaml" <<'Y'
rules:
  - id: t.word
    message: "word"
    severity: high
    languages: [generic]
    paths:
      exclude: ["*.md", "test/"]
    pattern-regex: 'userCmd'
Y
cp "$W/app/a.js" "$W/app/README.md"
"$PV" scan --quiet --rules "$W/r.yaml" --json "$TMP/r.jsonl" --text /dev/null "$W/app" >/dev/null 2>&1
python3 -c 'import json,sys; o=json.loads(open(sys.argv[1]).readline()); print(sorted(f["path"][-9:] for f in o["findings"]))' "$TMP/r.jsonl" >"$TMP/got"
is "$(cat "$TMP/got")" "['/app/a.js']" "a regex rule's paths.exclude skips *.md and test/"
rm "$W/app/README.md"

# A `patterns` of regexes alone runs in a rule file without any pattern:
# the ranges of the first inside the second (a file that names 'child').
cat >"$W/rr.yaml" <<'Y'
rules:
  - id: t.rr
    message: "rr"
    severity: high
    languages: [javascript]
    patterns:
      - pattern-regex: 'user\w+'
      - pattern-regex: '(?s)\A(?=.*child_process).*'
Y
printf "const userB = 1;\n" >"$W/app/b.js"
"$PV" scan --quiet --rules "$W/rr.yaml" --json "$TMP/rr.jsonl" --text /dev/null "$W/app" >/dev/null 2>&1
python3 -c 'import json,sys; o=json.loads(open(sys.argv[1]).readline()); print(sorted((f["path"][-9:], f["start_line"]) for f in o["findings"]))' "$TMP/rr.jsonl" >"$TMP/got"
is "$(cat "$TMP/got")" "[('/app/a.js', 2), ('test/a.js', 2)]" "regex-only patterns: found where both hold (a.js, test/a.js), not in b.js"
rm "$W/app/b.js"

good_head='rules:
  - id: t.rule
    message: m
    severity: high
    languages: [javascript]'
B=$TMP/bad; mkdir -p "$B"
printf '%s\n    pattern-inside: f(...)\n' "$good_head" >"$B/inside.yaml"
printf '%s\n    patterns:\n      - pattern-not: f(1)\n' "$good_head" >"$B/nopos.yaml"
printf '%s\n    patterns:\n      - pattern: f($X)\n      - metavariable-regex:\n          metavariable: $X\n' "$good_head" >"$B/mvre.yaml"
printf '%s\n    patterns:\n      - pattern: f($X)\n      - metavariable-comparison:\n          comparison: $X ~ 3\n' "$good_head" >"$B/cmp.yaml"
printf '%s\n    pattern: "f(((("\n' "$good_head" >"$B/parse.yaml"
printf '%s\n    pattern-either:\n      - pattern: f(1)\n      - focus-metavariable: $X\n' "$good_head" >"$B/focus.yaml"
printf '%s\n    pattern: f(1)\n    fix-regex: {regex: "(", replacement: g}\n' "$good_head" >"$B/fix.yaml"
for c in "inside.yaml:6:key 'pattern-inside' is only allowed under 'patterns'" \
         "nopos.yaml:6:key 'patterns' needs at least one positive operator" \
         "mvre.yaml:9:key 'metavariable-regex': missing key 'regex'" \
         "cmp.yaml:9:key 'metavariable-comparison': comparison '\$X ~ 3': an operator expected" \
         "parse.yaml:6:key 'pattern': pattern does not parse as javascript" \
         "focus.yaml:8:key 'focus-metavariable' is only allowed directly under 'patterns'" \
         "fix.yaml:7:key 'fix-regex': 'regex': missing closing parenthesis at offset 1"; do
  f=${c%%:*}; rest=${c#*:}; line=${rest%%:*}; want=${rest#*:}
  "$PV" rules test "$B/$f" >/dev/null 2>"$TMP/e"
  rc=$?
  is "$rc" 2 "$f refused (exit 2)"
  check "$f: the message names file:line, rule and key: $want" \
    grep -qF "$B/$f:$line: rule 't.rule': $want" "$TMP/e"
  [ $rc = 2 ] && grep -qF "$want" "$TMP/e" || cat "$TMP/e" >&2
done

# TypeScript syntax in a pattern: a rule that lists typescript loads (one
# JS/TS pattern grammar, as Semgrep's); tests/semgrep/typescript.* check the
# matches. A javascript-only rule with it, or a pattern no grammar of the
# rule takes, is still an error naming the language.
"$PV" rules test tests/semgrep >"$TMP/ts" 2>&1
is "$(grep -c '^PASS sg.ts.' "$TMP/ts")" 8 "TypeScript patterns: 4 rules pass on their .js and .ts tests"
for case in "javascript|eval(\$X as string)|does not parse as javascript" \
            "javascript, typescript|interface \$I {|does not parse as javascript"; do
  IFS='|' read -r langs pat want <<<"$case"
  printf 'rules:\n  - id: t.ts\n    message: m\n    severity: low\n    languages: [%s]\n    pattern: "%s"\n' \
    "$langs" "$pat" >"$W/ts.yaml"
  "$PV" rules validate "$W/ts.yaml" >"$TMP/e" 2>&1; rc=$?
  check "[$langs] '$pat' is refused (exit 2, '$want')" test $rc = 2 -a -n "$(grep -F "$want" "$TMP/e")"
done

# Generic mode (docs/rules.md, "Generic mode"): tests/semgrep/generic.*
# check each documented behaviour; a flipped annotation fails; bad generic
# options are refused naming the option; a pathological pattern on a large
# text stays bounded and says so.
is "$(grep -c '^PASS sg.generic.' "$TMP/ts")" 8 "generic patterns: 8 rules pass on their annotated texts"
is "$(grep -c '^PASS sg.cmp.' "$TMP/ts")" 6 "metavariable-comparison expressions (and, %, in, re.match, strptime, base, strip): 6 rules pass"
is "$(grep -c '^PASS sg.mvlang.' "$TMP/ts")" 4 "metavariable-pattern with language: generic, html (as generic text) and the rule's own: 4 rules pass"
is "$(grep -c '^PASS sg.taint.' "$TMP/ts")" 20 "taint: the overview page's examples (7), the advanced page's (11) and not-conflicting sanitizers with their twin (2) pass"
G=$TMP/g; mkdir -p "$G"
cp tests/semgrep/generic.yaml tests/semgrep/generic.conf "$G/"
sed '0,/# ruleid: sg.generic.exec-call/s//# ok: sg.generic.exec-call/' tests/semgrep/generic.txt >"$G/generic.txt"
"$PV" rules test "$G/generic.yaml" >"$TMP/g.out" 2>&1; is $? 1 "a flipped generic annotation fails rules test"
grep -q '^FAIL sg.generic.exec-call' "$TMP/g.out"; ok $? "... naming the rule"
for case in "generic_comment_style: perl|'generic_comment_style' takes c, cpp or shell" \
            "generic_ellipsis_max_span: -1|'generic_ellipsis_max_span' takes a number" \
            "generic_ellipsis_max_span: many|'generic_ellipsis_max_span' takes a number"; do
  IFS='|' read -r opt want <<<"$case"
  printf 'rules:\n  - id: t.g\n    message: m\n    severity: low\n    languages: [generic]\n    options:\n      %s\n    pattern: a ... b\n' "$opt" >"$G/o.yaml"
  "$PV" rules validate "$G/o.yaml" >"$TMP/e" 2>&1; rc=$?
  check "'$opt' is refused (exit 2, $want)" test $rc = 2 -a -n "$(grep -F "$want" "$TMP/e")"
done
printf 'rules:\n  - id: t.l\n    message: m\n    severity: low\n    languages: [javascript]\n    patterns:\n      - pattern: f($X)\n      - metavariable-pattern:\n          metavariable: $X\n          language: %s\n          pattern: a\n' python >"$G/l.yaml"
"$PV" rules validate "$G/l.yaml" >"$TMP/e" 2>&1; rc=$?
check "metavariable-pattern language: python is refused, naming it" test $rc = 2 -a -n "$(grep -F "language 'python' is not supported" "$TMP/e")"
sed -i 's/language: python/language: generic/' "$G/l.yaml"
"$PV" rules validate "$G/l.yaml" >/dev/null 2>&1; is $? 0 "... language: generic loads (twin)"
printf 'rules:\n  - id: t.g\n    message: m\n    severity: low\n    languages: [generic]\n    pattern: "..."\n' >"$G/o.yaml"
"$PV" rules validate "$G/o.yaml" >"$TMP/e" 2>&1; rc=$?
check "a generic pattern of ellipses only is refused" test $rc = 2 -a -n "$(grep -F 'needs a word or a character' "$TMP/e")"
printf 'rules:\n  - id: t.slow\n    message: m\n    severity: low\n    languages: [generic]\n    pattern: a ... b ... c ... d\n' >"$G/slow.yaml"
mkdir -p "$G/big" && python3 -c 'open("'"$G"'/big/a.txt","w").write("a a a a a a a a\n" * 100000)'
printf 'a x\nb\nc\nd\n' >"$G/big/b.txt"
"$PV" scan --no-db --rules "$G/slow.yaml" --json "$TMP/g.jsonl" --text /dev/null "$G/big" 2>/dev/null
python3 -c 'import json,sys; o=json.loads(open(sys.argv[1]).readline()); print(sorted(f["path"].rsplit("/",1)[1] for f in o["findings"]), [n["id"] for n in o["notes"] if n["path"].endswith("a.txt")])' "$TMP/g.jsonl" >"$TMP/got"
is "$(cat "$TMP/got")" "['b.txt'] ['match-limit']" "a runaway generic pattern stops with a match-limit note; the other file still matches"

# docs/rules-catalog.md is `make catalog`'s output for the bundled pack.
"$PV" rules list --catalog rules taint-rules >"$TMP/catalog.md"
diff -q docs/rules-catalog.md "$TMP/catalog.md" >/dev/null; ok $? "docs/rules-catalog.md is up to date (make catalog)"
n_rules=$("$PV" rules list rules taint-rules | wc -l)
n_rows=$(grep -c '^| <a id="[^"]*"></a>`' "$TMP/catalog.md"); is "$n_rows" "$n_rules" "... one row per rule of rules/ and taint-rules/"
grep -q '^| <a id="js.redos.catastrophic-regex"></a>`js.redos.catastrophic-regex` | medium | high | 5.5 | CWE-1333,CWE-400 | A05:2021 | regular expression with catastrophic backtracking | \[unsafe-data.js\](../rules/js/unsafe-data.js) \[unsafe-data.ts\](../rules/js/unsafe-data.ts) |$' "$TMP/catalog.md"
ok $? "... a row: anchor (SARIF helpUri) and id, severity, precision, security-severity, CWE, OWASP, what, test links"
sed 's/| high | 5.5 |/| high | 6.5 |/' "$TMP/catalog.md" >"$TMP/stale.md"
! diff -q "$TMP/stale.md" "$TMP/catalog.md" >/dev/null; ok $? "... and the check notices a stale row"
done_testing
