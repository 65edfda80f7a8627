#!/usr/bin/env bash
# A scan whose inputs are all plain files compiles the bundled pack's code
# patterns only for the languages the files' names tell (a pre-commit hook
# on a few .js files pays for javascript's alone); an input holding a file
# of another language (an archive named .js, an HTML page) is matched with
# the pack compiled for every language: the findings never depend on the
# shortcut. --rules compiles everything up front, so a bad pattern still
# fails the run before any input. Timing is tools/bench's business.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
# findings FILE: one JSON line per input as "rule@path:line" words
findings() { python3 - "$1" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    print(" ".join(sorted("%s@%s:%d" % (f["rule_id"], f["path"].split("!/")[-1], f["start_line"])
                          for f in o["findings"])))
PY
}

mkdir src
cat >src/a.js <<'J'
const { exec } = require('child_process');
function run(cmd) { exec('ls ' + cmd); }
function calc(expr) { return eval(expr); }
module.exports = { run, calc };
J
cat >src/b.ts <<'T'
export function calc(expr: string): unknown {
  return eval(expr);
}
T
cat >src/ok.ts <<'T'
export function calc(n: number): number {
  return n * 2;
}
T

# ---- Plain files: the same findings as the directory (every language) ----
"$PV" scan --no-db --json dir.jsonl --text /dev/null src >/dev/null 2>&1
"$PV" scan --no-db --json files.jsonl --text /dev/null src/a.js src/b.ts src/ok.ts >/dev/null 2>&1
# flat FILE: every finding of every input, sorted, one line, without src/
flat() { findings "$1" | tr ' ' '\n' | sed 's|@src/|@|' | grep . | sort | paste -sd ' '; }
dir=$(flat dir.jsonl)
files=$(flat files.jsonl)
is "$files" "$dir" "files by name: the findings of the same files in a directory"
check "the javascript file's command injection is found" grep -q 'js.command-injection.exec-non-literal@a.js:2' <<<"$files"
check "the typescript file's eval is found" grep -q 'eval-non-literal@b.ts:2' <<<"$files"
check "the clean typescript file has none" ! grep -q '@ok.ts' <<<"$files"

# ---- A .js name on an archive: its .ts file still gets typescript's rules --
mkdir -p pkg/package
cp src/b.ts pkg/package/index.ts
printf '{"name":"p","version":"1.0.0"}\n' >pkg/package/package.json
tar -czf disguised.js -C pkg package
"$PV" scan --no-db --json arch.jsonl --text /dev/null disguised.js >/dev/null 2>&1
check "an archive named .js: its typescript file's eval is found" \
  grep -q 'eval-non-literal@package/index.ts:2' <<<"$(findings arch.jsonl)"
cp src/ok.ts pkg/package/index.ts
tar -czf clean.js -C pkg package
"$PV" scan --no-db --json clean.jsonl --text /dev/null clean.js >/dev/null 2>&1
is "$(findings clean.jsonl)" "" "an archive named .js holding clean typescript: no finding"

# ---- Several workers: one meets typescript while another scans javascript --
cp disguised.js d2.js
"$PV" scan --no-db --jobs 2 --json jobs.jsonl --text /dev/null src/a.js disguised.js d2.js src/b.ts \
  >/dev/null 2>&1
got=$(findings jobs.jsonl)
want="$(findings files.jsonl | sed -n 1p)
$(findings arch.jsonl)
$(findings arch.jsonl)
$(findings files.jsonl | sed -n 2p)"
is "$got" "$want" "--jobs 2: every input's findings, whichever worker loads the full pack"

# ---- An HTML page named on the command line: its script is javascript ----
cat >page.html <<'H'
<!doctype html>
<html><body><script>
  const q = location.hash.slice(1);
  eval(q);
</script></body></html>
H
"$PV" scan --no-db --json page.jsonl --text /dev/null page.html >/dev/null 2>&1
check "an HTML page's script: its eval is found" grep -q 'eval-non-literal@page.html:4' <<<"$(findings page.jsonl)"

# ---- --rules: a bad pattern for a language no input has still fails -------
cat >bad.yaml <<'Y'
rules:
  - id: t.bad-ts
    message: m
    severity: high
    languages: [typescript]
    pattern: foo(
Y
"$PV" scan --no-db --rules bad.yaml src/a.js >/dev/null 2>err
is "$?" 2 "--rules with a pattern that does not parse as typescript: exit 2 on a .js input"
check "the error names the rule" grep -q "bad.yaml:6: rule 't.bad-ts'" err
sed 's/foo(/foo($X)/' bad.yaml >good.yaml
"$PV" scan --no-db --rules good.yaml src/a.js >/dev/null 2>err
is "$?" 0 "the same rule with a pattern that parses: exit 0"

done_testing
