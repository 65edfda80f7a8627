#!/usr/bin/env bash
# .plugvet.yml (issue 22): defaults for scan found upward from the current
# directory to the top of its git work tree (never from the inputs), --config / --no-config, the
# command line wins, paths from the file's directory, an ignore list with
# reason and expiry, and errors naming file:line.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "1..0 # skip git is not installed (tools/install-deps)"; exit 0; }
cat >"$TMP/rules.yaml" <<'Y'
rules:
  - id: t.high
    message: eval runs code
    severity: high
    languages: [javascript]
    pattern: eval($X)
  - id: t.medium
    message: setTimeout with a string
    severity: medium
    languages: [javascript]
    pattern: setTimeout("...", $T)
Y
R="$TMP/outer/repo"
mkdir -p "$R/src/sub" "$R/dist" "$R/policy"
git -C "$R" init -q
cp "$TMP/rules.yaml" "$R/policy/rules.yaml"
printf 'setTimeout("go()", 1);\n' >"$R/src/sub/a.js"
printf 'eval(x);\n' >"$R/dist/d.js"
# ids FILE: "rule_id suppressed" of every finding
ids() { python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]: print(f["rule_id"], f["suppressed"], f.get("suppression", "-"))' "$1"; }

cd "$R/src/sub"
"$PV" scan .. --rules "$TMP/rules.yaml" --no-db --text /dev/null; is $? 0 "no project file: a medium finding passes --fail-on high"
printf 'fail-on: low\n' >"$TMP/outer/.plugvet.yml"
"$PV" scan .. --rules "$TMP/rules.yaml" --no-db --text /dev/null; is $? 0 "a .plugvet.yml above the git work tree is not read"
printf '# project defaults\nfail-on: medium\nrules: [policy/rules.yaml]\nexclude: [dist/]\nsarif: out/plugvet.sarif\ngitlab-sast: out/gl-sast.json\n' >"$R/.plugvet.yml"
mkdir -p "$R/out"
"$PV" scan ../.. --no-db --json "$TMP/a.jsonl" --text /dev/null; is $? 1 "found upward from a subdirectory: fail-on medium fails the medium finding"
is "$(ids "$TMP/a.jsonl" | cut -d' ' -f1)" "t.medium" "... its rules (a path from the file's directory) ran, its exclude left out dist/"
check "... its sarif path is from the file's directory" test -s "$R/out/plugvet.sarif"
check "... its gitlab-sast path too" test -s "$R/out/gl-sast.json"
"$PV" scan ../.. --no-db --fail-on high --text /dev/null; is $? 0 "--fail-on on the command line wins"
"$PV" scan ../.. --no-db --exclude nothing/ --json "$TMP/b.jsonl" --text /dev/null
is "$(ids "$TMP/b.jsonl" | cut -d' ' -f1 | sort | tr '\n' ' ')" "t.high t.medium " "--exclude on the command line replaces the file's list"
rm "$R/out/plugvet.sarif" "$R/out/gl-sast.json"
"$PV" scan ../.. --no-db --no-config --json "$TMP/c.jsonl" --text /dev/null; is $? 1 "--no-config: the bundled rules again (eval in dist/ is high)"
check "... and no sarif written by the file's default" test ! -e "$R/out/plugvet.sarif"
check "... nor a gitlab-sast report" test ! -e "$R/out/gl-sast.json"
mkdir -p "$TMP/plain/p/q" && printf 'setTimeout("go()", 1);\n' >"$TMP/plain/p/q/a.js"
printf 'fail-on: medium\n' >"$TMP/plain/p/.plugvet.yml"
(cd "$TMP" && "$PV" scan "$TMP/plain/p" --rules "$TMP/rules.yaml" --no-db --text /dev/null)
is $? 0 "an input's own .plugvet.yml is not read (a vetted upload cannot set its own defaults)"
(cd "$TMP/plain/p" && "$PV" scan . --rules "$TMP/rules.yaml" --no-db --text /dev/null)
is $? 1 "... run in that directory (outside git): the current directory's file is read (twin)"
(cd "$TMP/plain/p/q" && "$PV" scan . --rules "$TMP/rules.yaml" --no-db --text /dev/null)
is $? 0 "... outside git, not its parent's"
cd "$TMP"
"$PV" scan "$R" --no-db --no-config --json "$TMP/d0.jsonl" --text /dev/null
"$PV" scan "$R" --no-db --config "$R/.plugvet.yml" --json "$TMP/d.jsonl" --text /dev/null
is "$(ids "$TMP/d.jsonl" | cut -d' ' -f1)" "t.medium" "--config FILE names the file (its rules and exclude apply)"
"$PV" scan "$R" --no-db --config "$TMP/none.yml" >/dev/null 2>err; is $? 2 "--config with a missing file: exit 2"
grep -q "none.yml: cannot read" err; ok $? "... naming it"

# The ignore list: reason and expiry (run in the project, as CI and hooks do).
cd "$R"
cat >"$R/.plugvet.yml" <<'Y'
rules: [policy/rules.yaml]
ignore:
  - id: t.medium
    reason: the string is a constant
    until: 2999-12-31
  - id: t.high
    reason: was reviewed once
    until: 2001-01-31
Y
"$PV" scan . --no-db --json ig.jsonl --sarif ig.sarif --text ig.txt 2>ig.err; is $? 1 "an expired entry stops suppressing: the high finding fails the scan"
is "$(ids ig.jsonl | sort)" "t.high False -
t.medium True the string is a constant (.plugvet.yml:3, until 2999-12-31)" "an unexpired entry suppresses, with its reason, file:line and date"
grep -qF "plugvet: $R/.plugvet.yml:6: the ignore entry for t.high expired after 2001-01-31: it no longer suppresses" ig.err
ok $? "the expired entry is said on stderr"
grep -q '"id":"ignore-expired".*its 1 finding counts again' ig.jsonl; ok $? "... and as a note of the input"
python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["runs"][0]["results"] if x.get("suppressions")]; print(r[0]["ruleId"], r[0]["suppressions"][0]["kind"])' ig.sarif >ig.facts
is "$(cat ig.facts)" "t.medium external" "SARIF keeps it as an external suppression"
grep -q "1 suppressed" ig.txt; ok $? "the text summary counts it"
"$PV" scan . --no-db --no-config --rules "$TMP/rules.yaml" --json ig2.jsonl --text /dev/null 2>/dev/null
is "$(ids ig2.jsonl | sort | cut -d' ' -f1,2 | tr '\n' ' ')" "t.high False t.medium False " "without the file nothing is suppressed (twin)"

# An advisory id suppresses that advisory's dependency finding only.
db=$TMP/osv.sqlite
"$PV" db update --db "$db" --feed "$top/tests/data/osv" >/dev/null 2>&1
cp -r "$top/tests/data/vulns/plugin" "$TMP/vp"
printf 'ignore:\n  - {id: CVE-2021-23337, reason: lodash.template is never called}\n' >"$TMP/vp/.plugvet.yml"
(cd "$TMP/vp" && "$PV" scan -q --fail-on none --db "$db" . --json "$TMP/vp.jsonl" --text /dev/null)
python3 -c 'import json,sys
for f in json.loads(open(sys.argv[1]).readline())["findings"]:
    if f.get("advisory"): print(f["advisory"], f["suppressed"])' "$TMP/vp.jsonl" >vp.facts
is "$(sort vp.facts | tr '\n' ' ')" "CVE-2020-28500 False CVE-2021-23337 True MAL-2025-47141 False " "an advisory id (no expiry) suppresses that advisory only"

# Errors name file:line.
bad() { # bad NAME TEXT WANT: the file TEXT is refused (exit 2) with WANT
  printf '%b' "$2" >"$R/.plugvet.yml"
  "$PV" scan . --no-db >/dev/null 2>"$TMP/e"
  local rc=$?
  is "$rc" 2 "$1: exit 2"
  grep -qF "$R/.plugvet.yml:$3" "$TMP/e"; ok $? "... $(cat "$TMP/e" | head -1 | sed "s|.*\.plugvet\.yml:||")"
}
bad "an unknown key" 'fail-on: high\nfial-on: low\n' '2: fial-on: unknown key'
bad "a bad level" 'fail-on: urgent\n' '1: fail-on: want critical'
bad "a list where a string goes" 'sarif: [a, b]\n' '1: sarif: want a value'
bad "a bad date" 'ignore:\n  - id: x\n    reason: y\n    until: 31/12/2030\n' '2: ignore: until is a date YYYY-MM-DD'
bad "an entry without a reason" 'ignore:\n  - id: x\n' '2: ignore: an entry needs an id and a reason'
bad "an unknown entry key" 'ignore:\n  - id: x\n    reason: y\n    expires: 2030-01-01\n' '4: expires: unknown key in an ignore entry'
bad "not YAML" 'a: [\n' '2: not valid YAML'
bad "not a mapping" '- a\n- b\n' '1: the file is a mapping of keys'
bad "invalid UTF-8" 'exclude: \377\376\n' '1: not valid YAML'
# Hostile: 200,000 nested brackets would take libyaml's loader minutes.
python3 -c 'import sys; open(sys.argv[1], "w").write("exclude: " + "[" * 200000 + "]" * 200000 + "\n")' "$R/.plugvet.yml"
timeout 20 "$PV" scan . --no-db >/dev/null 2>"$TMP/e"; is $? 2 "200,000 nested brackets: refused at once (exit 2, not a hang)"
grep -qF "$R/.plugvet.yml:1: nested deeper than 32 levels" "$TMP/e"; ok $? "... naming file:line and the limit"
: >"$R/.plugvet.yml"
"$PV" scan . --no-db --rules "$TMP/rules.yaml" --text /dev/null; is $? 1 "an empty file: no defaults, no error"
done_testing
