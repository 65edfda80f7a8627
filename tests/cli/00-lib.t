#!/usr/bin/env bash
# The helpers of lib.sh can fail, and then say where and what. A child test
# script runs each helper once failing (the negative twin) and once
# passing: the failing run must print "not ok", the child's file:line and
# the compared values (on stderr), and end with a non-zero status; the
# passing run prints "ok" and no diagnostic.
. "$(dirname "$0")/lib.sh"

# child BODY: run BODY as a test script, from its line 3 (lib.sh is sourced
# on line 2); sets out (stdout and stderr together) and st (exit status).
child() {
  printf '#!/usr/bin/env bash\n. "%s/tests/cli/lib.sh"\n%s\ndone_testing\n' "$top" "$1" >"$TMP/child.t"
  out=$(bash "$TMP/child.t" 2>&1)
  st=$?
}
# failed WHAT NAME DIAG: the child's one check, NAME, failed saying DIAG.
failed() {
  is "$st" 1 "$1: the child fails"
  check "$1: 'not ok' with the check's name" grep -qxF "not ok 1 - $2" <<<"$out"
  check "$1: file:line and what was compared" grep -qxF "#   child.t:$3" <<<"$out"
}
# passed WHAT NAME: the child's one check, NAME, passed quietly.
passed() {
  is "$st" 0 "$1: the child passes"
  check "$1: 'ok' with the check's name" grep -qxF "ok 1 - $2" <<<"$out"
  check "$1: no diagnostic" ! grep -q '^#   ' <<<"$out"
}

child 'check "n below 12" test 14 -lt 12'
failed "check test" "n below 12" "3: failed: test 14 -lt 12"
child 'check "n below 12" test 9 -lt 12'
passed "check test" "n below 12"

child 'check "no apple" ! grep -q apple <<<"apple pie"'
failed "check !" "no apple" "3: failed: ! grep -q apple"
child 'check "no apple" ! grep -q apple <<<"pear pie"'
passed "check !" "no apple"

child 'check "words" test -n "" -o "a b" = "it'"'"'s"'
failed "check quoting" "words" "3: failed: test -n '' -o 'a b' = 'it'\\''s'"
child 'check "words" test -n "" -o "a b" = "a b"'
passed "check quoting" "words"

child 'f() {
  check "in f" false
}
f'
failed "check in a function" "in f" "4: failed: false"

child 'check "x" false || echo "returned non-zero"'
check "a failed check returns non-zero" grep -qx "returned non-zero" <<<"$out"
child 'check "x" true && echo "returned zero"'
check "a passed check returns zero (twin)" grep -qx "returned zero" <<<"$out"

child 'is apple pear "fruit"'
failed "is" "fruit" "3: got 'apple', want 'pear'"
child 'is apple apple "fruit"'
passed "is" "fruit"

child 'is "$(printf "a\nb")" "$(printf "a\nc")" "lines"'
failed "is, several lines" "lines" "3: got and want differ"
check "is, several lines: both as blocks" \
  grep -qzF $'#   got:\n#     |a\n#     |b\n#   want:\n#     |a\n#     |c\n' <<<"$out"
child 'is "$(printf "a\nb")" "$(printf "a\nb")" "lines"'
passed "is, several lines" "lines"

child 'is apple pear "fruit" || echo "returned non-zero"'
check "a failed is returns non-zero" grep -qx "returned non-zero" <<<"$out"

child 'ok 0 "one"
is a b "two"
ok 0 "three"'
is "$st" 1 "one failure among passes: done_testing exits 1"
check "... after running every check" grep -qx "1..3" <<<"$out"
done_testing
