#!/usr/bin/env bash
# Mechanical style gates (after curl's checksrc), all in tools/check-style
# (`make check-style`): clang-format layout (one statement per line, no
# one-line if/loop bodies), no comma-operator statements, no banned calls,
# no printing, exiting or reading the environment below tools/, includes
# that point down the floors. The tree must pass; each gate must catch its
# twin. The tree check does not depend on the build: the ASan pass skips it.
. "$(dirname "$0")/lib.sh"
cd "$top"
if [ -n "${PLUGVET_SAN:-}" ]; then
  skip "the tree's style was checked in the release pass"
else
  tools/check-style >"$TMP/style.out" 2>&1
  st=$?
  is "$st" 0 "the tree passes tools/check-style"
  [ $st -eq 0 ] || head -20 "$TMP/style.out" | sed 's/^/#   /' >&2
fi

# Twins: a small tree of its own with our .clang-format, one fault a file.
tw=$TMP/twins
mkdir -p "$tw/scanner/rules" "$tw/scanner/taint" "$tw/tools"
cp .clang-format "$tw/"
twin() { # twin NAME FILE EXPECTED-TEXT: check-style fails on FILE, saying it
  tools/check-style -C "$tw" "$2" >"$TMP/twin.out" 2>&1
  is "$?" 1 "$1: caught (exit 1)"
  check "... and named ($3)" grep -q "$3" "$TMP/twin.out"
}
printf 'int f(int x) {\n  if (x)\n    return 1;\n  return 0;\n}\n' >"$tw/scanner/rules/good.c"
tools/check-style -C "$tw" scanner/rules/good.c >"$TMP/good.out" 2>&1
is "$?" 0 "a well-formed file passes"
printf 'int f(int x) {\n  if (x) return 1;\n  return 0;\n}\n' >"$tw/scanner/rules/oneline.c"
twin "a one-line if body" scanner/rules/oneline.c "oneline.c:2:.*not formatted"
printf 'int g(int *a, int *b) {\n  *a = 1, *b = 2;\n  return 0;\n}\n' >"$tw/scanner/rules/comma.c"
twin "a comma-operator statement" scanner/rules/comma.c "comma.c:2:.*comma-operator statement"
printf 'int h(int *a, int *b) {\n  for (*a = 0, *b = 0; *a < 3; (*a)++, (*b)++) {\n  }\n  return *b;\n}\n' >"$tw/scanner/rules/forcomma.c"
tools/check-style -C "$tw" scanner/rules/forcomma.c >"$TMP/for.out" 2>&1
is "$?" 0 "... while a for-loop header may use commas"
printf '#include <stdio.h>\nvoid s(char *b) {\n  sprintf(b, "%%d", 1);\n}\n' >"$tw/tools/banned.c"
twin "a banned call" tools/banned.c "banned.c:3:.*banned call"
printf '#include <stdio.h>\nvoid p(void) {\n  printf("x\\n");\n}\n' >"$tw/scanner/rules/print.c"
twin "a library that prints" scanner/rules/print.c "print.c:3:.*prints or exits"
printf '#include <stdlib.h>\nconst char *e(void) {\n  return getenv("HOME");\n}\n' >"$tw/scanner/rules/env.c"
twin "a library that reads the environment" scanner/rules/env.c "env.c:3:.*reads the environment"
cp "$tw/scanner/rules/env.c" "$tw/tools/env.c"
tools/check-style -C "$tw" tools/env.c >"$TMP/toolenv.out" 2>&1
is "$?" 0 "... while tools/ may read it"
printf '#include "../taint/taint.h"\n' >"$tw/scanner/rules/up.c"
twin "the rules room including the taint room" scanner/rules/up.c "up.c:1: rules includes scanner/taint/taint.h"
printf '#include "../rules/rules.h"\n' >"$tw/scanner/taint/down.c"
(cd "$tw" && "$top/tools/check-layers" scanner/taint/down.c)
ok $? "... while taint may include rules"
done_testing
