#!/usr/bin/env bash
# Inline suppression (issue 22): `nosemgrep` / `plugvet-ignore` in a real
# comment on the finding's line or alone on the line above, `: id, id` to
# narrow it; never in a string, never a longer word. Suppressed findings stay
# in SARIF (kind inSource) and JSON lines (suppressed: true) but leave the
# text counts and the exit status.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/rules.yaml" <<'Y'
rules:
  - id: t.a
    message: eval of a name
    severity: ERROR
    languages: [javascript]
    metadata: {cwe: "CWE-95", owasp: "A03:2021 - Injection"}
    pattern-regex: 'eval\([a-z]+\)'
  - id: t.b
    message: exec of a name
    severity: ERROR
    languages: [javascript]
    metadata: {cwe: "CWE-78", owasp: "A03:2021 - Injection"}
    pattern-regex: 'exec\([a-z]+\)'
Y
cd "$TMP"
# scan FILE-NAME TEXT: scan one file holding TEXT; sets rc, out.jsonl, out.sarif, out.txt
scan() {
  rm -rf p && mkdir p && printf '%b' "$2" >"p/$1"
  "$PV" scan p --no-db --rules rules.yaml --json out.jsonl --sarif out.sarif --text out.txt 2>err
  rc=$?
}
# sup: the JSON lines' findings as "rule:line:suppressed" words
sup() { python3 -c '
import json
o = json.loads(open("out.jsonl").readline())
print(" ".join("%s:%d:%d" % (f["rule_id"], f["start_line"], f["suppressed"]) for f in o["findings"]))'; }

scan a.js 'eval(x); // nosemgrep\n'
is "$rc" 0 "a finding with nosemgrep on its line: exit 0"
is "$(sup)" "t.a:1:1" "... kept in JSON lines, suppressed"
grep -q "0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info; 1 suppressed)" out.txt
ok $? "... not counted in the text summary, said to be suppressed"
is "$(python3 -c 'import json; r=json.load(open("out.sarif"))["runs"][0]["results"]; print([x.get("suppressions") for x in r])')" \
  "[[{'kind': 'inSource'}]]" "... kept in SARIF as an inSource suppression"
scan a.js 'eval(x);\n'
is "$rc" 1 "its twin without the comment: exit 1"
is "$(python3 -c 'import json; r=json.load(open("out.sarif"))["runs"][0]["results"]; print([x.get("suppressions") for x in r])')" \
  "[None]" "... and no suppression in SARIF"

scan a.js '  // plugvet-ignore\neval(x);\n'
is "$(sup)" "t.a:2:1" "plugvet-ignore alone on the line above suppresses"
scan a.js 'f(); // plugvet-ignore\neval(x);\n'
is "$(sup) $rc" "t.a:2:0 1" "... not after code on the line above"
scan a.js '/* nosemgrep */\neval(x);\n'
is "$(sup)" "t.a:2:1" "a block comment alone above suppresses"

scan a.js 'eval(x); exec(y); // nosemgrep: t.b\n'
is "$(sup) $rc" "t.a:1:0 t.b:1:1 1" "nosemgrep: t.b suppresses t.b only"
scan a.js 'eval(x); exec(y); // nosemgrep: t.zz, t.a,t.b\n'
is "$(sup) $rc" "t.a:1:1 t.b:1:1 0" "a list of ids suppresses each listed rule"
scan a.js 'eval(x); // nosemgrep: t\n'
is "$(sup) $rc" "t.a:1:0 1" "an id prefix is no match"

scan a.js 'eval(x); s = "// nosemgrep";\n'
is "$(sup) $rc" "t.a:1:0 1" "a marker inside a string literal does not suppress"
scan a.js 's = `\n// nosemgrep\n`; eval(x);\n'
is "$(sup) $rc" "t.a:3:0 1" "... nor inside a template literal across lines"
scan a.js 'eval(x); // plugvet-ignore-list\n'
is "$(sup) $rc" "t.a:1:0 1" "plugvet-ignore-list is not a suppression"
scan a.js 'eval(x); // plugvet-ignored, xnosemgrep\n'
is "$(sup) $rc" "t.a:1:0 1" "nor plugvet-ignored or xnosemgrep"

cp rules.yaml rules-js.yaml
cat >rules.yaml <<'Y'
rules:
  - id: t.y
    message: eval in a workflow
    severity: ERROR
    languages: [generic]
    metadata: {cwe: "CWE-78", owasp: "A03:2021 - Injection"}
    pattern-regex: 'eval \$[A-Z]+'
Y
scan w.yml 'run: eval $X # nosemgrep\n'
is "$(sup) $rc" "t.y:1:1 0" "# nosemgrep in YAML suppresses"
scan w.yml "run: 'eval \$X # nosemgrep'\n"
is "$(sup) $rc" "t.y:1:0 1" "... not inside a YAML string"
# Whose code: an archive is someone else's, so its own comments do not
# silence it (a malicious plugin would write `// nosemgrep` over its eval).
cp rules-js.yaml rules.yaml
scan a.js 'eval(x); // nosemgrep\n'
tar -czf p.tgz p
"$PV" scan p.tgz --no-db --rules rules.yaml --json out.jsonl --text out.txt 2>err; rc=$?
is "$rc $(sup)" "1 t.a:1:0" "an archive's nosemgrep does not count: exit 1, not suppressed"
"$PV" scan p.tgz --no-db --inline-suppress all --rules rules.yaml --json out.jsonl --text out.txt 2>err; rc=$?
is "$rc $(sup)" "0 t.a:1:1" "... --inline-suppress all lets it count (twin)"
"$PV" scan p --no-db --inline-suppress none --rules rules.yaml --json out.jsonl --text out.txt 2>err; rc=$?
is "$rc $(sup)" "1 t.a:1:0" "--inline-suppress none: not even in a directory"
"$PV" scan p --no-db --inline-suppress sometimes --rules rules.yaml --json out.jsonl 2>err; rc=$?
is "$rc $(grep -c 'must be own, all or none' err)" "2 1" "a bad --inline-suppress is a usage error"
done_testing
