#!/usr/bin/env bash
# Option errors in one line naming the option and where help is (issue 22),
# and colour only where it belongs: --color auto|always|never, NO_COLOR,
# TERM=dumb.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir -p p && printf 'eval(a);\n' >p/a.js
# err ARGS...: run plugvet, rc and the stderr lines in $rc, $lines, $msg
err() { "$PV" "$@" >out 2>err; rc=$?; lines=$(wc -l <err); msg=$(cat err); }

err scan --bogus p
is "$rc $lines" "2 1" "an unknown option: exit 2, one line"
is "$msg" "plugvet: unknown or ambiguous option '--bogus' (see plugvet scan --help)" "... naming it and where help is"
err scan --bogus=1 p
is "$msg" "plugvet: unknown or ambiguous option '--bogus' (see plugvet scan --help)" "... without its value"
err scan -qx p
is "$msg" "plugvet: unknown or ambiguous option '-x' (see plugvet scan --help)" "an unknown short option in a group: its letter"
err scan --max 1 p
is "$rc $msg" "2 plugvet: unknown or ambiguous option '--max' (see plugvet scan --help)" "an ambiguous abbreviation"
err scan p --sarif
is "$rc $lines" "2 1" "a missing value: exit 2, one line"
is "$msg" "plugvet: option '--sarif' needs a value (see plugvet scan --help)" "... naming the option"
err scan -j
is "$msg" "plugvet: option '-j' needs a value (see plugvet scan --help)" "... a short one too"
err scan --fail-on urgent p
is "$rc $msg" "2 plugvet: bad --fail-on level 'urgent' (see plugvet scan --help)" "a bad value: the same one line"
err policy --zzz p
is "$msg" "plugvet: unknown or ambiguous option '--zzz' (see plugvet policy --help)" "policy points at its own help"
err scan --help
is "$rc" 0 "--help: exit 0"
grep -q '^usage: plugvet scan' out; ok $? "... the whole help on stdout (twin)"
check "... and nothing on stderr" test ! -s err

# Colour.
esc() { grep -c $'\033\\[' "$1"; }
"$PV" scan p --no-db --color always --text c.txt 2>/dev/null
check "--color always: escape codes even in a file" test "$(esc c.txt)" -gt 0
"$PV" scan p --no-db --text n.txt 2>/dev/null
is "$(esc n.txt)" 0 "auto: none in a file (twin)"
err scan p --color blue
is "$rc $msg" "2 plugvet: --color takes auto, always or never, not 'blue' (see plugvet scan --help)" "--color blue: usage error"
if command -v script >/dev/null; then
  tty() { script -qec "$*" /dev/null >t.txt 2>&1; esc t.txt; }
  check "auto on a terminal: colour" test "$(env -u NO_COLOR TERM=xterm bash -c "$(declare -f tty esc); tty '$PV scan p --no-db -q'")" -gt 0
  is "$(env -u NO_COLOR TERM=dumb bash -c "$(declare -f tty esc); tty '$PV scan p --no-db -q'")" 0 "TERM=dumb: none"
  is "$(env NO_COLOR=1 TERM=xterm bash -c "$(declare -f tty esc); tty '$PV scan p --no-db -q'")" 0 "NO_COLOR: none"
  is "$(env -u NO_COLOR TERM=xterm bash -c "$(declare -f tty esc); tty '$PV scan p --no-db -q --color never'")" 0 "--color never on a terminal: none"
else
  for i in 1 2 3 4; do skip "script(1) is not installed"; done
fi
done_testing
