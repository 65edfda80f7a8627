#!/usr/bin/env bash
# The recall probes (tests/data/recall/*: labelled vulnerable cases and
# their safe twins, issue 17; kinds: twenty vulnerability kinds beyond
# injection) scored by tools/recall: each probe keeps at
# least the recall it reached when it was written and no new false positive
# (data has one known: _.merge of an object of String() values),
# so a model that stops matching, or starts matching a safe twin, fails
# here. The scorer itself is checked with a relabelled copy (twin).
. "$(dirname "$0")/lib.sh"
cd "$top"
total() { awk '$1 == "TOTAL" { print $2, $3, $4, $5 }' "$1"; }
# probe, least found, most missed, most false positives (tools/recall lists them)
while read -r dir tp fn fp; do
  tools/recall --plugvet "$PV" "tests/data/recall/$dir" >"$TMP/$dir.out" 2>"$TMP/$dir.err"
  is $? 0 "tools/recall $dir runs"
  read -r TP FP FN TN < <(total "$TMP/$dir.out")
  check "$dir: $TP found of $((TP + FN)) vulnerable cases (at least $tp)" test "${TP:-0}" -ge "$tp"
  check "$dir: $FN missed (at most $fn)" test "${FN:-999}" -le "$fn"
  check "$dir: at most $fp of its $((TN + FP)) safe twins with a finding ($FP)" test "${FP:-999}" -le "$fp"
done <<'PROBES'
web 111 6 0
web-params 11 2 0
data 96 3 1
kinds 106 5 0
PROBES
# twin: a safe case labelled vulnerable counts as a miss, and a vulnerable
# one labelled safe as a false positive. twin PROBE KIND RULE MISSED: the
# first safe case of KIND in a copy of PROBE relabelled RULE, the first
# vulnerable one none; the copy must miss at least MISSED cases.
twin() {
  mkdir -p "$TMP/twin-$1"
  cp -r "tests/data/recall/$1/." "$TMP/twin-$1/"
  python3 - "$TMP/twin-$1/LABELS" "$2" "$3" <<'PY'
import sys
p, kind, rule = sys.argv[1:4]
out, safe, vuln = [], 0, 0
for l in open(p):
    f = l.split()
    if len(f) == 3 and not l.startswith('#') and f[1] == kind:
        if f[2] == 'none' and not safe:
            l, safe = '%s %s %s\n' % (f[0], f[1], rule), 1
        elif f[2] != 'none' and not vuln:
            l, vuln = '%s %s none\n' % (f[0], f[1]), 1
    out.append(l)
open(p, 'w').write(''.join(out))
PY
  tools/recall --plugvet "$PV" "$TMP/twin-$1" >"$TMP/twin-$1.out" 2>&1
  read -r TP FP FN TN < <(total "$TMP/twin-$1.out")
  check "$1: the scorer counts a relabelled safe case as missed ($FN)" test "$FN" -ge "$4"
  check "$1: ... and a relabelled found case as a false positive ($FP)" test "$FP" -ge 1
}
twin web xss js.taint.xss 7
twin kinds file-permissions js.fs.permissive-mode 4
done_testing
