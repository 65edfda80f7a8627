#!/usr/bin/env bash
# Reports for people (issue 22): --quiet lists only inputs with findings and
# the summary line; the text report groups findings by rule (the rule's
# explanation once, then the locations); --format compact, table, markdown
# and junit (JUnit XML, checked with an XML parser).
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir -p p
printf 'eval(a);\neval(b);\nsetTimeout("x()" + y, 1);\n' >p/x.js
printf 'eval(c);\n' >'p/we|ird.js'
printf 'var ok = 1;\n' >clean.js
scan() { "$PV" scan --no-db --fail-on none "$@"; }
why="If any part of it can come from outside the plugin"

# ---- text: grouped by rule ----------------------------------------------------
scan p clean.js >t.txt
is "$(grep -c "$why" t.txt)" 1 "three eval findings: the explanation once"
is "$(grep -c '^  HIGH js.code-injection.eval-non-literal (3 findings)$' t.txt)" 1 "... under one heading with the count"
is "$(grep -c '^    p/.*:[0-9]*:[0-9]*' t.txt)" 4 "... then each location (and the timer's)"
check "a later location says only how its message differs" grep -qx '    p/x.js:2:1  \.\.\. (b)\. \.\.\.' t.txt
check "another rule has its own heading" grep -q '^  [A-Z]* js.code-injection.timer-string (1 finding)$' t.txt
check "... after the worse one" test "$(grep -n 'timer-string (' t.txt | cut -d: -f1)" -gt "$(grep -n 'eval-non-literal (' t.txt | cut -d: -f1)"
check "the clean input is listed" grep -q '^== clean.js (file, 1 file, 0 findings)$' t.txt

# ---- --quiet --------------------------------------------------------------------
scan -q p clean.js >q.txt 2>q.err
check "--quiet: the clean input is not listed" ! grep -q 'clean.js' q.txt
check "... the findings are" grep -q '^== p (directory, 2 files, 4 findings)$' q.txt
is "$(tail -1 q.txt)" "4 findings (0 critical, 3 high, 1 medium, 0 low, 0 info) in 2 inputs: 2 scanned, 0 failed" \
  "... and the summary line, counting every input"
is "$(cat q.err)" "" "... nothing on stderr"
printf '%s' "$(printf 'eval(x);\n%.0s' $(seq 3000))" >p2.js
scan -q --max-ast-bytes 1K clean.js p2.js >qp.txt
check "--quiet still lists an input analysed partially" grep -q '^== p2.js .*analysed partially' qp.txt

# ---- compact ----------------------------------------------------------------------
scan --format compact p clean.js missing.js >c.txt 2>/dev/null
is "$(cut -d: -f1-4 c.txt | head -4)" "p/we|ird.js:1:1: high js.code-injection.eval-non-literal
p/x.js:1:1: high js.code-injection.eval-non-literal
p/x.js:2:1: high js.code-injection.eval-non-literal
p/x.js:3:1: medium js.code-injection.timer-string" "compact: PATH:LINE:COL: SEVERITY RULE per finding, in order"
is "$(sed -n 5p c.txt)" "missing.js: error: missing.js: No such file or directory" "... an input's error"
check "... ending with the summary line" grep -q '^4 findings .* in 3 inputs: 2 scanned, 1 failed$' c.txt

# ---- table ------------------------------------------------------------------------
scan --format table p >tb.txt
check "table: a header row" grep -Eq '^  SEVERITY  LOCATION +RULE +MESSAGE$' tb.txt
col() { awk -v s="$1" 'index($0, s) { print index($0, s) }' tb.txt | sort -u | wc -l; }
is "$(col js.code-injection.)" 1 "... the rule column aligned across rows"

# ---- markdown -----------------------------------------------------------------------
scan --format markdown p >m.md
check "markdown: a table per input" grep -qx '| Severity | Rule | Location | Message |' m.md
check "... a | in a path escaped" grep -q '^| high | js.code-injection.eval-non-literal | p/we\\|ird.js:1:1 | ' m.md
is "$(grep -c '^|' m.md)" 6 "... header, rule and 4 rows"

# ---- junit --------------------------------------------------------------------------
printf 'eval(d);\n' >"p/bad$(printf '\x02\xfe').js"
n_rules=$("$PV" rules list | grep -vc '^cap\.')
scan --format junit p clean.js missing.js >j.xml 2>/dev/null
python3 - j.xml "$n_rules" >j.facts <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print(root.tag, root.get("tests"), root.get("failures"), root.get("errors"))
for s in root.findall("testsuite"):
    cases = s.findall("testcase")
    fails = [c for c in cases if c.find("failure") is not None]
    errs = [c for c in cases if c.find("error") is not None]
    assert int(s.get("tests")) == len(cases) and int(s.get("failures")) == len(fails)
    print(s.get("name"), len(cases) if len(cases) < 100 else "all", len(fails), len(errs))
    for c in fails:
        f = c.find("failure")
        print(" ", c.get("name"), f.get("type"), f.get("message"), len(f.text.strip().split("\n")))
PY
st=$?
is $st 0 "junit: well-formed XML, counts that add up"
is "$(head -1 j.facts)" "testsuites $((n_rules * 2 + 1)) 2 1" "... every rule a testcase per scanned input, an error testcase for the missing one"
is "$(sed -n 2,4p j.facts)" "p all 2 0
  js.code-injection.eval-non-literal high 4 findings, worst high 4
  js.code-injection.timer-string medium 1 finding, worst medium 1" "... a failure per rule, its findings in the text"
is "$(sed -n 5,6p j.facts)" "clean.js all 0 0
missing.js 1 0 1" "... the twin: a clean input fails nothing; an unreadable one is an error"
if command -v xmllint >/dev/null; then
  xmllint --noout j.xml 2>/dev/null
  ok $? "xmllint: well-formed (control bytes and invalid UTF-8 in names replaced)"
else
  skip "xmllint is not installed"
fi

# ---- outputs: one on stdout, every file writable, checked before scanning ---------------
scan --sarif - --json - clean.js >/dev/null 2>o.err
is "$?:$(cat o.err)" "2:plugvet: --sarif and --json both write to standard output: give one a FILE" \
  "two reports on standard output: exit 2, saying which"
scan --sarif - clean.js >/dev/null 2>o.err
is "$?:$(cat o.err)" "2:plugvet: --sarif and the text report both write to standard output: give one a FILE (--text FILE, or --text /dev/null)" \
  "... the text report counts as one"
scan --sarif - --text /dev/null clean.js >o.sarif 2>/dev/null
check "... the twin: with the text report elsewhere, SARIF on stdout" grep -q '"version": "2.1.0"' o.sarif
scan --sarif nodir/o.sarif clean.js >/dev/null 2>o.err
is "$?:$(cat o.err)" "3:plugvet: cannot write nodir/o.sarif (--sarif): No such file or directory" \
  "a report that cannot be written: exit 3, before scanning"
scan --json p clean.js >/dev/null 2>o.err
is "$?:$(cat o.err)" "3:plugvet: cannot write p (--json): Is a directory" "... a directory"

# ---- usage --------------------------------------------------------------------------
scan --format html p 2>f.err >/dev/null
is $? 2 "--format html: exit 2"
is "$(cat f.err)" "plugvet: --format takes text, compact, table, markdown or junit, not 'html' (see plugvet scan --help)" "... one line"
done_testing
