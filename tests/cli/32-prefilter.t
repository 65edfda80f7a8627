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
"$PV" scan -q --no-db --default-rules --rules tests/semgrep --rules taint-rules --json "$TMP/on.jsonl" --text /dev/null "$C" >/dev/null
PLUGVET_NO_PREFILTER=1 "$PV" scan -q --no-db --default-rules --rules tests/semgrep --rules taint-rules --json "$TMP/off.jsonl" --text /dev/null "$C" >/dev/null
findings "$TMP/on.jsonl" >"$TMP/on"; findings "$TMP/off.jsonl" >"$TMP/off"
m=$(wc -l <"$TMP/on"); check "the rule test files give many findings ($m)" test "$m" -ge 100
cmp -s "$TMP/on" "$TMP/off"; ok $? "the prefilter changes no finding"

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
done_testing
