#!/usr/bin/env bash
# One finding per problem (issue 22): a pattern rule's finding at the sink
# of a taint finding of the same CWE is dropped, the taint one (with its
# path) kept; a finding of another CWE on the same line, or of the same CWE
# elsewhere, stays.
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
done_testing
