#!/usr/bin/env bash
# Mechanical style gates (after curl's checksrc): banned calls in our C, and
# no printing, exiting or reading the environment below tools/.
. "$(dirname "$0")/lib.sh"
cd "$top"
src=$(git ls-files 'scanner/*.c' 'sbom/*.c' 'vulndb/*.c' 'reports/*.c' 'tools/*.c' 'tools/**/*.c' 2>/dev/null)
[ -n "$src" ]; ok $? "found the C sources"
banned='\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|strtok|tmpnam)\s*\('
hits=$(grep -nE "$banned" $src | grep -v 'style-ok' || true)
is "$hits" "" "no banned calls (sprintf strcpy strcat gets atoi atol strtok tmpnam)"
printf 'x = sprintf(b, "%%d", 1);\n' >"$TMP/bad.c"
grep -qE "$banned" "$TMP/bad.c"; ok $? "the banned-call pattern catches sprintf (negative twin)"
lib=$(git ls-files 'scanner/*.c' 'sbom/*.c' 'vulndb/*.c' 'reports/*.c')
hits=$(grep -nE '\b(exit|abort)\s*\(|\b(printf|puts)\s*\(|fprintf\s*\(\s*std(err|out)' $lib | grep -v 'style-ok' || true)
is "$hits" "" "libraries neither print to the terminal nor exit"
getenv_re='\b(secure_getenv|getenv)\s*\('
libsrc=$(git ls-files 'scanner/*.[ch]' 'sbom/*.[ch]' 'vulndb/*.[ch]' 'reports/*.[ch]')
hits=$(grep -nE "$getenv_re" $libsrc | grep -v 'style-ok' || true)
is "$hits" "" "libraries read no environment variable (tools/ reads them once, passes them in)"
printf 'const char *h = getenv("HOME");\n' >"$TMP/env.c"
grep -qE "$getenv_re" "$TMP/env.c"; ok $? "the getenv pattern catches getenv (negative twin)"
hits=$(tools/check-layers 2>&1)
is "$hits" "" "every include points down the floors (tools/check-layers)"
mkdir -p "$TMP/layers/scanner/rules" "$TMP/layers/scanner/taint"
printf '#include "../taint/taint.h"\n' >"$TMP/layers/scanner/rules/up.c"
printf '#include "../rules/rules.h"\n' >"$TMP/layers/scanner/taint/down.c"
(cd "$TMP/layers" && "$top/tools/check-layers" scanner/rules/up.c) >"$TMP/layers.out"
is "$?" 1 "... and catches the rules room including the taint room (negative twin)"
grep -q 'scanner/rules/up.c:1: rules includes scanner/taint/taint.h' "$TMP/layers.out"; ok $? "... naming the file and line"
(cd "$TMP/layers" && "$top/tools/check-layers" scanner/taint/down.c); ok $? "... while taint may include rules"
done_testing
