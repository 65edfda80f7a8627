#!/usr/bin/env bash
# rules validate: the bundled packs validate; each kind of broken rule file
# gives exit 2 and the loader's FILE:LINE error, and its fixed twin
# validates; one bad file hides neither the good files nor the other bad
# ones; a rule id reused across files is caught; --help, the main usage
# and the man page list the command alike.
. "$(dirname "$0")/lib.sh"
cd "$top"

# validate PATH...: run it, leaving stdout in $TMP/out and the exit code in $rc.
validate() { "$PV" rules validate "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }

# The bundled packs: one ok line per rule file, a summary with no error.
validate rules/ taint-rules/
is $rc 0 "rules validate rules/ taint-rules/: exit 0"
n_files=$(find rules taint-rules -name '*.yaml' | wc -l)
n_rules=$("$PV" rules list rules taint-rules | wc -l)
is "$(grep -c ': ok, [0-9]* rules\?$' "$TMP/out")" "$n_files" "one ok line per bundled rule file ($n_files)"
is "$(tail -n 1 "$TMP/out")" "$n_files files, $n_rules rules, 0 errors" "summary: files, rules (as rules list counts them), 0 errors"
n_tls=$("$PV" rules list rules/js/tls.yaml | wc -l)
grep -qx "rules/js/tls.yaml: ok, $n_tls rules" "$TMP/out"; ok $? "a file's line names it and its rule count ($n_tls)"
is "$(cat "$TMP/err")" "" "nothing on stderr"
# ... its twin: the same pack with one file broken fails and names only it.
P=$TMP/pack; cp -r rules "$P"
sed -i 's/^    patterns:/    paterns:/' "$P/js/tls.yaml"
validate "$P"
is $rc 2 "the pack with one broken file: exit 2"
grep -Eq "^$P/js/tls.yaml:[0-9]+: rule 'js.tls[^']*': unknown key 'paterns'" "$TMP/out"; ok $? "... the broken file is named with its line"
is "$(grep -c ': ok, ' "$TMP/out")" "$(($(find rules -name '*.yaml' | wc -l) - 1))" "... every other file is still ok"
tail -n 1 "$TMP/out" | grep -Eq '^[0-9]+ files, [0-9]+ rules, 1 error$'; ok $? "... summary: 1 error"

# Broken files and their fixed twins: case NAME LINE MESSAGE BROKEN FIXED.
B=$TMP/bad; G=$TMP/good; mkdir -p "$B" "$G"
names=(); lines=(); wants=()
case_() {
  names+=("$1"); lines+=("$2"); wants+=("$3")
  printf '%s' "$4" >"$B/$1.yaml"
  printf '%s\n' "$5" | sed "s/t\.rule/t.$1/" >"$G/$1.yaml" # distinct ids
}
head='rules:
  - id: t.rule
    message: m
    severity: high
    languages: [javascript]'
case_ yaml 7 "YAML syntax error" "$head
    pattern-regex: [unclosed
" "$head
    pattern-regex: unclosed"
case_ key 6 "rule 't.rule': unknown key 'patern'" "$head
    patern: eval(\$X)
" "$head
    pattern: eval(\$X)"
case_ regex 6 "rule 't.rule': key 'pattern-regex': missing closing parenthesis" "$head
    pattern-regex: \"a(b\"
" "$head
    pattern-regex: \"a\\\\(b\""
case_ pattern 6 "rule 't.rule': key 'pattern': pattern does not parse as javascript" "$head
    pattern: eval(
" "$head
    pattern: eval(\$X)"
case_ taint 6 "rule 't.rule': key 'mode': a taint rule needs 'pattern-sources' and 'pattern-sinks'" "$head
    mode: taint
    pattern-sources:
      - pattern: req.query
" "$head
    mode: taint
    pattern-sources:
      - pattern: req.query
    pattern-sinks:
      - pattern: eval(...)"
case_ empty 1 "a rule file is a mapping with a 'rules' list" "" "rules: []"
case_ workflow 1 "unknown top-level key 'name'" "name: ci
on: [push]
" "rules: []"
for i in "${!names[@]}"; do
  name=${names[$i]}; line=${lines[$i]}; want=${wants[$i]}
  validate "$B/$name.yaml"
  is $rc 2 "$name: broken file exits 2"
  grep -qF "$B/$name.yaml:$line: $want" "$TMP/out"; ok $? "$name: error names $name.yaml:$line and says: $want"
  [ "$(wc -l <"$TMP/out")" -eq 2 ] || sed 's/^/# /' "$TMP/out"
  validate "$G/$name.yaml"
  is $rc 0 "$name: fixed twin exits 0"
  grep -Eqx "$G/$name.yaml: ok, [01] rules?" "$TMP/out"; ok $? "$name: fixed twin is ok"
done
# The loader's own message, as scan and rules list give it.
"$PV" rules list "$B/key.yaml" 2>"$TMP/e" >/dev/null
validate "$B/key.yaml"
is "$(head -n 1 "$TMP/out")" "$(sed 's/^plugvet: //' "$TMP/e")" "validate reports the loader's message, as rules list does"

# A directory of several bad files: every one is reported (none hides the
# next), then the summary counts them all.
validate "$B"
is $rc 2 "a directory of ${#names[@]} broken files: exit 2"
is "$(grep -c "^$B/[a-z]*\.yaml:[0-9]*: " "$TMP/out")" "${#names[@]}" "... every broken file has its FILE:LINE error"
is "$(tail -n 1 "$TMP/out")" "${#names[@]} files, 0 rules, ${#names[@]} errors" "... and the summary counts them"
validate "$G"
is $rc 0 "... its twin, the fixed files: exit 0"
is "$(tail -n 1 "$TMP/out")" "${#names[@]} files, 5 rules, 0 errors" "... summary with no error"

# One good and one bad file in a directory (recursively): the bad one is
# reported, the good one still checked and counted.
M=$TMP/mixed; mkdir -p "$M/sub"
cp "$G/key.yaml" "$M/good.yaml"
cp "$B/regex.yaml" "$M/sub/bad.yml"
printf 'not a rule file\n' >"$M/README.md"
validate "$M"
is $rc 2 "good + bad file: exit 2"
grep -qF "$M/sub/bad.yml:6: rule 't.rule': key 'pattern-regex'" "$TMP/out"; ok $? "... the bad .yml file in a subdirectory is named with its line"
grep -qx "$M/good.yaml: ok, 1 rule" "$TMP/out"; ok $? "... the good file is still ok"
is "$(tail -n 1 "$TMP/out")" "2 files, 1 rule, 1 error" "... and counted (README.md is not a rule file)"
rm "$M/sub/bad.yml"
validate "$M"
is $rc 0 "... its twin without the bad file: exit 0"
is "$(tail -n 1 "$TMP/out")" "1 file, 1 rule, 0 errors" "... 1 file, 1 rule, 0 errors"

# A rule id used by two files: each file alone is valid, together they are
# not (as scan --rules DIR would say).
D=$TMP/dup; mkdir -p "$D/b"
cp "$G/key.yaml" "$D/a.yaml"
cp "$G/key.yaml" "$D/b/c.yaml"
validate "$D"
is $rc 2 "the same rule id in two files: exit 2"
grep -qxF "$D/b/c.yaml:2: rule 't.key': key 'id': duplicate rule id (with $D/a.yaml)" "$TMP/out"
ok $? "... the later file is named with the id's line and the other file"
grep -qx "$D/a.yaml: ok, 1 rule" "$TMP/out"; ok $? "... the first file is ok"
sed -i 's/t\.key/t.other/' "$D/b/c.yaml"
validate "$D"
is $rc 0 "... its twin with distinct ids: exit 0"

# Paths that hold no rule: each is an error, the other paths still checked.
E=$TMP/empty; mkdir -p "$E"; printf 'x\n' >"$E/notes.txt"
validate "$TMP/missing" "$E" "$G/key.yaml"
is $rc 2 "a missing path and a directory without rule files: exit 2"
grep -qx "$TMP/missing: No such file or directory" "$TMP/out"; ok $? "... the missing path is named"
grep -qx "$E: no rule files (\*.yaml, \*.yml) under it" "$TMP/out"; ok $? "... so is the directory without rule files"
grep -qx "$G/key.yaml: ok, 1 rule" "$TMP/out"; ok $? "... and the good file is still checked"
is "$(tail -n 1 "$TMP/out")" "1 file, 1 rule, 2 errors" "... summary: 2 errors"

# Usage: no PATH and unknown options are usage errors; --help is not.
"$PV" rules validate >/dev/null 2>"$TMP/e"; is $? 2 "rules validate without PATH: exit 2"
grep -q 'no PATH given' "$TMP/e"; ok $? "... and says so"
"$PV" rules validate --strict rules >/dev/null 2>"$TMP/e"; is $? 2 "an unknown option: exit 2"
"$PV" rules validate --help >"$TMP/h"; is $? 0 "rules validate --help: exit 0"
grep -q '^       plugvet rules validate PATH\.\.\.$' "$TMP/h"; ok $? "... and shows the usage"
"$PV" rules --help >"$TMP/h"
"$PV" --help >"$TMP/main"
grep -q '^  rules validate PATH' "$TMP/main"; ok $? "the main usage lists rules validate"
# rules --help and the man page's synopsis list the same rules commands.
grep -o 'plugvet rules [a-z-]* .*' "$TMP/h" | sed 's/ *$//' | sort >"$TMP/help.syn"
sed -n '/^\.SH SYNOPSIS/,/^\.SH/p' docs/plugvet.1 | grep -A1 --no-group-separator '^\.B plugvet rules' |
  sed 's/\\f[BIR]//g; s/\\-/-/g; s/^\.B //' | paste -d' ' - - | sed 's/ --$//; s/ *$//' | sort >"$TMP/man.syn"
diff -u "$TMP/help.syn" "$TMP/man.syn" | sed 's/^/# /'
is "$(cat "$TMP/man.syn")" "$(cat "$TMP/help.syn")" "rules --help and the man page synopsis agree"
is "$(wc -l <"$TMP/help.syn")" 6 "... on 6 rules commands (the lists were read)"
done_testing
