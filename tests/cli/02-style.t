#!/usr/bin/env bash
# Mechanical style gates (after curl's checksrc): banned calls in our C, and
# no printing or exiting below tools/.
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
done_testing
