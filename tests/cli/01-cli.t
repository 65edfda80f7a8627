#!/usr/bin/env bash
# The command line: help, version, usage errors, and that --help and the
# man page list the same options.
. "$(dirname "$0")/lib.sh"

out=$("$PV" version); is "$out" "plugvet 0.1.0" "version prints the version"
"$PV" scan --help >"$TMP/help"; ok $? "scan --help exits 0"
"$PV" >/dev/null 2>&1; is $? 2 "no command is a usage error (exit 2)"
"$PV" frobnicate >/dev/null 2>"$TMP/err"; is $? 2 "unknown command exits 2"
grep -q "unknown command 'frobnicate'" "$TMP/err"; ok $? "unknown command is named"
"$PV" scan >/dev/null 2>"$TMP/err"; is $? 2 "scan without input exits 2"
"$PV" scan --fail-on extreme x 2>"$TMP/err"; is $? 2 "bad --fail-on exits 2"
grep -q "bad --fail-on level 'extreme'" "$TMP/err"; ok $? "bad --fail-on names the value"
"$PV" scan --max-total 12Q x 2>/dev/null; is $? 2 "bad size suffix exits 2"
"$PV" scan --max-total 64M --max-entries 10 --timeout 5 "$top/examples/demo-plugin/src/render.ts" >/dev/null
is $? 0 "valid limit flags are accepted (clean file exits 0)"

# --help and the man page agree on the long options.
grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u >"$TMP/help.opts"
sed 's/\\-/-/g' "$top/docs/plugvet.1" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/man.opts"
comm -23 "$TMP/help.opts" "$TMP/man.opts" >"$TMP/missing"
is "$(cat "$TMP/missing")" "" "every scan option in --help is in the man page"
grep -q -- '--sarif' "$TMP/man.opts"; ok $? "man page option list was read (negative twin guard)"
done_testing
