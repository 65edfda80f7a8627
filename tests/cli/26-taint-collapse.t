#!/usr/bin/env bash
# One finding per problem (issue 22): a pattern rule's finding at the sink
# of a taint finding of the same CWE is dropped, the taint one (with its
# path) kept; a finding of another CWE on the same line, or of the same CWE
# elsewhere, stays. The taint path's last step names the call the sink is
# passed to (exec), not an inner call.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/p"
cat >"$TMP/p/app.js" <<'JS'
const { exec } = require('child_process');
const express = require('express');
const app = express();
app.disable('x-powered-by');
app.get('/run', (req, res) => {
  exec('ls ' + req.query.dir, (e, out) => res.send(out)); https.get(u, { rejectUnauthorized: false });
  exec('du ' + process.env.HOME_DIR);
  exec(wrap(req.query.w));
  document.body.innerHTML = req.query.h;
});
JS
facts() { python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]:
        print(f["start_line"], f["rule_id"], "flow" if "flow" in f else "-")' "$1" | sort; }
"$PV" scan --no-db --quiet --text /dev/null --fail-on none --json "$TMP/t.jsonl" --taint "$TMP/p"
facts "$TMP/t.jsonl" >"$TMP/t.facts"
check "the exec line: the taint finding, with its path" grep -qx '6 js.taint.command-injection flow' "$TMP/t.facts"
check "... and not the pattern rule's finding of the same CWE-78" ! grep -q '^6 js.command-injection.exec-non-literal' "$TMP/t.facts"
check "another CWE on the same line stays (TLS, CWE-295)" grep -q '^6 js.tls.reject-unauthorized-false -' "$TMP/t.facts"
check "the pattern finding where no taint reaches stays (line 7)" grep -qx '7 js.command-injection.exec-non-literal -' "$TMP/t.facts"
"$PV" scan --no-db --quiet --text /dev/null --fail-on none --json "$TMP/p.jsonl" "$TMP/p"
check "the twin: without --taint the pattern finding on line 6 is there" \
  grep -q '^6 js.command-injection.exec-non-literal -' <(facts "$TMP/p.jsonl")
sink() { python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]:
        if f["start_line"] == int(sys.argv[2]) and "flow" in f: print(f["flow"][-1]["message"])' "$TMP/t.jsonl" "$1"; }
is "$(sink 6)" "reaches the sink 'ls ' + req.query.dir in exec()" "the sink step names the call: exec()"
is "$(sink 8)" "reaches the sink wrap(req.query.w) in exec()" "... exec(), not the inner call wrap()"
is "$(sink 9)" "reaches the sink req.query.h" "... and no call where the sink is not an argument"
done_testing
