#!/usr/bin/env bash
# The dependency stage of `plugvet scan`: shipped node_modules against the
# lockfile (pkg.lockfile-mismatch) and malformed lockfiles as notes, for
# directories and the same trees packed as a tarball.
. "$(dirname "$0")/lib.sh"
cases=$top/tests/data/inventory/cases
ids() { python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]: print(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])' "$1"; }

"$PV" scan -q --fail-on none --sarif "$TMP/m.sarif" "$cases/mismatch" >/dev/null
is "$(ids "$TMP/m.sarif")" "pkg.lockfile-mismatch 5
pkg.lockfile-mismatch 9" "a version and an integrity mismatch, at their lockfile lines"
grep -q 'pins a@1.0.0 but .*ships a@1.0.1' "$TMP/m.sarif"; ok $? "... the message names both versions"
"$PV" scan -q --fail-on none --sarif "$TMP/n.sarif" "$cases/nomismatch" >/dev/null
is "$(ids "$TMP/n.sarif")" "" "a node_modules that agrees with its lockfile: nothing (twin)"
"$PV" scan -q --fail-on medium "$cases/mismatch" >/dev/null; is $? 1 "mismatches count for --fail-on medium"

tar czf "$TMP/m.tgz" -C "$cases" mismatch
"$PV" scan -q --fail-on none --sarif "$TMP/t.sarif" "$TMP/m.tgz" >/dev/null
is "$(ids "$TMP/t.sarif")" "pkg.lockfile-mismatch 5
pkg.lockfile-mismatch 9" "the same tree as a tarball: the same findings"

"$PV" scan -v --fail-on none "$cases/malformed" >"$TMP/out" 2>"$TMP/err"; st=$?
is "$st" 0 "a malformed lockfile does not fail the input"
grep -q 'malformed/package-lock.json:[0-9]*' "$TMP/err"; ok $? "... a note names the file and line"
grep -q 'malformed/yarn.lock:3' "$TMP/err"; ok $? "... each malformed file on its own"
grep -q '1 scanned, 0 failed' "$TMP/out"; ok $? "... and the input is still scanned"
done_testing
