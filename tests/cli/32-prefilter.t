#!/usr/bin/env bash
# The prefilter (one multi-string search per file, scanner/rules/prefilter.h)
# skips rules whose required words a file lacks: it never changes what is
# found (checked against PLUGVET_NO_PREFILTER=1 on every rule test file),
# and it does skip (a runaway regex never runs on a file without its word).
. "$(dirname "$0")/lib.sh"
cd "$top"

# Every annotated rule test file: bundled pack, Semgrep operator rules and
# taint rules (whose sources and sinks use the same machinery).
C=$TMP/corpus; mkdir -p "$C"
for f in rules/*/*.js rules/*/*.ts rules/*/*.jsx rules/*/*.json tests/semgrep/*.js taint-rules/*.js taint-rules/*.ts; do
  [ -f "$f" ] && cp "$f" "$C/$(echo "$f" | tr / _)"
done
n=$(ls "$C" | wc -l); check "corpus of rule test files ($n files)" test "$n" -ge 10
findings() { # findings JSONL: rule, path, line of every finding, sorted
  python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]: print(f["rule_id"], f["path"].split("/")[-1], f["start_line"])' "$1" | sort
}
# (--timeout: a slow sanitizer build must not cut one run short and not the other)
"$PV" scan -q --no-db --timeout 3600 --default-rules --rules tests/semgrep --rules taint-rules --json "$TMP/on.jsonl" --text /dev/null "$C" >/dev/null
PLUGVET_NO_PREFILTER=1 "$PV" scan -q --no-db --timeout 3600 --default-rules --rules tests/semgrep --rules taint-rules --json "$TMP/off.jsonl" --text /dev/null "$C" >/dev/null
findings "$TMP/on.jsonl" >"$TMP/on"; findings "$TMP/off.jsonl" >"$TMP/off"
m=$(wc -l <"$TMP/on"); check "the rule test files give many findings ($m)" test "$m" -ge 100
cmp -s "$TMP/on" "$TMP/off"; ok $? "the prefilter changes no finding"

# The whole output, not only the findings, on a varied corpus: the rule
# test files, JSON files no rule reads (left unparsed when their syntax is
# checked clean: strict, JSONC, comments) and ones that must be parsed
# (broken, trailing commas in strict JSON, a NUL byte, nested deeper than
# the syntax check goes: no note, but parsed), broken JS, a tarball of them and a plugin that
# declares permissions (capability rules). Only the unparsed counts differ.
J=$TMP/json; mkdir -p "$J/.vscode" "$J/plugin/src" "$J/pkg/package"
printf '{"name": "x", "version": "1.0.0", "list": [1, -0.5e-3, true, null, "\\u00e9"]}\n' >"$J/data.json"
printf '{\n  // comment\n  "compilerOptions": {"strict": true,}, /* b */\n  "files": ["a.ts",],\n}\n' >"$J/tsconfig.json"
cp "$J/tsconfig.json" "$J/.vscode/settings.json"
cp "$J/tsconfig.json" "$J/strict-trailing.json"
printf '{"a": 1 /* a comment */, "b": "http://x"}\n' >"$J/commented.json"
printf '{"a": [1, 2}\n' >"$J/broken.json"
printf '{"a": 1e+5}\n' >"$J/plus-exponent.json"
printf '{"a": "x\0y"}\n' >"$J/nul.json"
python3 -c 'print("[" * 300 + "]" * 300)' >"$J/deep.json"
printf '{"a": "unterminated}\n' >"$J/open-string.json"
printf 'const a = ;\nrequire("child_process").exec(process.argv[2]);\n' >"$J/broken.js"
printf '{"name": "p", "version": "1.0.0", "scripts": {"postinstall": "node -e \\"eval(1)\\""}}\n' >"$J/pkg/package/package.json"
cp "$J/data.json" "$J/tsconfig.json" "$J/broken.json" "$J/pkg/package/"
tar -czf "$J/pkg.tgz" -C "$J/pkg" package && rm -rf "$J/pkg"
cat >"$J/plugin/package.json" <<'JSON'
{ "name": "plugin", "version": "1.0.0", "main": "src/index.js",
  "plugvet": { "permissions": { "network": ["api.example.com:443"] } } }
JSON
printf 'const fs = require("fs");\nfs.writeFileSync("/etc/x", "y");\n' >"$J/plugin/src/index.js"
cp "$J/data.json" "$J/tsconfig.json" "$J/plugin/"
whole() { # whole OUT [ENV...]: JSON lines and SARIF of the corpus
  local out=$1; shift
  env "$@" "$PV" scan -q --no-db --timeout 3600 --fail-on none --taint \
    --json "$out.jsonl" --sarif "$out.sarif" --text "$out.txt" "$C" "$J" "$J/plugin" "$J/pkg.tgz" >/dev/null
}
whole "$TMP/w-on"; whole "$TMP/w-off" PLUGVET_NO_PREFILTER=1
unparsed() { python3 -c 'import json,sys
print(sum(json.loads(l)["unparsed"] for l in open(sys.argv[1])))' "$1"; }
u=$(unparsed "$TMP/w-on.jsonl")
check "with the prefilter JSON files are left unparsed ($u)" test "$u" -ge 6
is "$(unparsed "$TMP/w-off.jsonl")" 0 "without it every file is parsed"
strip() { sed -E 's/"unparsed":[0-9]+,"unparsed_bytes":[0-9]+,//' "$1"; }
cmp -s <(strip "$TMP/w-on.jsonl") <(strip "$TMP/w-off.jsonl"); ok $? "JSON lines: the same but for the unparsed counts"
cmp -s "$TMP/w-on.sarif" "$TMP/w-off.sarif"; ok $? "SARIF: the same"
cmp -s "$TMP/w-on.txt" "$TMP/w-off.txt"; ok $? "text report: the same"
for f in broken.json strict-trailing.json plus-exponent.json open-string.json broken.js; do
  grep -q "json/$f:[0-9]*:[0-9]*: \(syntax error\|missing syntax\)" "$TMP/w-on.txt" "$TMP/w-on.jsonl"
  ok $? "$f: its parse-error note is kept"
done
for f in data.json tsconfig.json .vscode/settings.json commented.json; do
  grep -q "json/$f:[0-9]" "$TMP/w-on.jsonl"; is $? 1 "$f: no note (twin)"
done
grep -q '"rule_id":"pkg.lifecycle-script' "$TMP/w-on.jsonl"; ok $? "the package.json rule still matches in the tarball"
grep -q '"rule_id":"pkg.undeclared-capability"' "$TMP/w-on.jsonl"; ok $? "capability rules ran for the plugin"
# A `patterns` of regexes alone runs on the tree: a JSON file it can match
# is parsed, one it cannot is not.
cat >"$TMP/jr.yaml" <<'Y'
rules:
  - id: t.json-regex
    message: key
    severity: low
    languages: [json]
    patterns:
      - pattern-regex: '"secretKey"'
Y
mkdir -p "$TMP/jr"; printf '{"secretKey": 1}\n' >"$TMP/jr/a.json"; printf '{"other": 1}\n' >"$TMP/jr/b.json"
"$PV" scan -q --no-db --fail-on none --rules "$TMP/jr.yaml" --json "$TMP/jr.jsonl" --text /dev/null "$TMP/jr" >/dev/null
is "$(findings "$TMP/jr.jsonl" | tr '\n' ' ')" "t.json-regex a.json 1 " "a regex-only rule still matches a JSON file"
is "$(unparsed "$TMP/jr.jsonl")" 1 "... the file it cannot match is left unparsed"

# A rule whose regex backtracks without end on "aaa…" unless the file has
# its word XYZW: with the prefilter it is not even run on such a file.
cat >"$TMP/slow.yaml" <<'Y'
rules:
  - id: t.slow
    message: slow
    severity: low
    languages: [javascript]
    pattern-regex: (a+)+XYZW
Y
mkdir -p "$TMP/s"
printf 'const s = "%s W";\n' "$(printf 'a%.0s' $(seq 40))" >"$TMP/s/a.js"
"$PV" scan -q --no-db --rules "$TMP/slow.yaml" --json "$TMP/s1.jsonl" --text /dev/null "$TMP/s" >/dev/null
grep -q 'match-limit' "$TMP/s1.jsonl"; is $? 1 "a file without the word: the regex is skipped"
PLUGVET_NO_PREFILTER=1 "$PV" scan -q --no-db --rules "$TMP/slow.yaml" --json "$TMP/s2.jsonl" --text /dev/null "$TMP/s" >/dev/null
grep -q 'match-limit' "$TMP/s2.jsonl"; ok $? "without the prefilter the same regex runs (and hits its limit)"
printf '// XYZW\n' >>"$TMP/s/a.js"
"$PV" scan -q --no-db --rules "$TMP/slow.yaml" --json "$TMP/s3.jsonl" --text /dev/null "$TMP/s" >/dev/null
grep -q 'match-limit' "$TMP/s3.jsonl"; ok $? "a file with the word: the regex runs"

# rules test honours PLUGVET_NO_PREFILTER too (tools/ passes it down).
mkdir -p "$TMP/rt"; cp "$TMP/slow.yaml" "$TMP/rt/slow.yaml"
printf '// ok: t.slow\nconst s = "%s W";\n' "$(printf 'a%.0s' $(seq 40))" >"$TMP/rt/slow.js"
"$PV" rules test "$TMP/rt/slow.yaml" >/dev/null; ok $? "rules test: the regex is skipped, the case passes"
PLUGVET_NO_PREFILTER=1 "$PV" rules test "$TMP/rt/slow.yaml" >"$TMP/rt.out"
is $? 1 "rules test without the prefilter: the regex runs (twin)"
grep -q 'match limit exceeded' "$TMP/rt.out"; ok $? "... and hits its limit"

# The same for a pattern rule gated by metavariable-regex alternatives.
cat >"$TMP/mv.yaml" <<'Y'
rules:
  - id: t.sink
    message: sink $P
    severity: low
    languages: [javascript]
    patterns:
      - pattern: $E.$P = $V
      - metavariable-regex: {metavariable: $P, regex: (innerHTML|outerHTML)$}
Y
mkdir -p "$TMP/m"; printf 'el.innerHTML = x;\nel.textContent = x;\n' >"$TMP/m/a.js"; printf 'el.textContent = x;\n' >"$TMP/m/b.js"
"$PV" scan -q --no-db --rules "$TMP/mv.yaml" --json "$TMP/m.jsonl" --text /dev/null "$TMP/m" >/dev/null
is "$(findings "$TMP/m.jsonl" | tr '\n' ' ')" "t.sink a.js 1 " "metavariable-regex words gate the rule, matches unchanged"
# Query rules: in a file where only some rules of the combined query can
# give a finding (the others' paths or words rule them out), only theirs
# run (scanner/match.c, subquery_get), their captures renumbered as the
# combined query's: predicates and messages see the right nodes.
cat >"$TMP/q.yaml" <<'Y'
rules:
  - id: t.only-other
    message: "other $a $b"
    severity: low
    languages: [json]
    paths: {include: ["other.json"]}
    query: |
      ((pair key: (string (string_content) @a) value: (string (string_content) @b)) @match
       (#eq? @a "x"))
  - id: t.anywhere
    message: "key $k is $v"
    severity: low
    languages: [json]
    query: |
      ((pair key: (string (string_content) @k) value: (string (string_content) @v)) @match
       (#eq? @k "mode"))
Y
mkdir -p "$TMP/q"; printf '{"x": "1", "mode": "dev"}\n' >"$TMP/q/a.json"; cp "$TMP/q/a.json" "$TMP/q/other.json"
for v in "" 1; do
  env ${v:+PLUGVET_NO_PREFILTER=1} "$PV" scan -q --no-db --rules "$TMP/q.yaml" --json "$TMP/q$v.jsonl" --text /dev/null "$TMP/q" >/dev/null
  got=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]: print(f["rule_id"], f["path"].split("/")[-1], f["message"])' "$TMP/q$v.jsonl" | sort | tr '\n' ';')
  is "$got" "t.anywhere a.json key mode is dev;t.anywhere other.json key mode is dev;t.only-other other.json other x 1;" \
    "query rules where only some apply: same findings and messages${v:+ (no prefilter)}"
done
done_testing
