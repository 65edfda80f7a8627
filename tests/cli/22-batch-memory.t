#!/usr/bin/env bash
# A batch keeps what each input found, not what each input contained: file
# contents are dropped once an input's stages are done, so peak memory
# follows the largest input, not the sum of all of them.
#
# Each input is a small module with 4 findings plus S MiB of bulk source.
# held(N) = peak RSS of N such inputs - peak RSS of the same N inputs
# without their bulk: the contents a batch holds, with what the results keep
# (the same in both) taken out. It must stay that of one input as the batch
# grows to 4 and 16 inputs (within S: 16 inputs keep less than 1/15 of their
# bulk). The twin: the same 16 bulks in one input are held at once, and the
# same measurement shows it (> 8 S more), so the check can fail. Results
# themselves stay small per input. Throughput and scaling figures are in
# `make bench` (tools/bench), not here.
. "$(dirname "$0")/lib.sh"
S=2 # MiB of bulk per input (one JS file, under --max-ast-bytes: parsed)
[ -n "${PLUGVET_SAN:-}" ] && S=0
python3 - "$TMP" "$S" <<'PY'
import io, sys, tarfile
out, mib = sys.argv[1], int(sys.argv[2])
def code(k):  # 200 lines, eval() on 4 of them
    return b"".join(b"function f%d_%d(a) { return a * %d + %s(a); }\n" % (k, i, i, b"eval" if i % 50 == 0 else b"g") for i in range(200))
def bulk(k):
    lines = b"".join(b" * unit %02d line %08d: lorem ipsum dolor sit amet, consectetur\n" % (k, i) for i in range(mib * 16384))
    return b"/*\n" + lines + b"*/\nmodule.exports = %d;\n" % k
def tgz(name, files):
    with tarfile.open("%s/%s.tgz" % (out, name), "w:gz", compresslevel=1) as t:
        for path, data in files:
            ti = tarfile.TarInfo(path); ti.size = len(data); t.addfile(ti, io.BytesIO(data))
units = [[("index.js", code(k)), ("lib/data.js", bulk(k))] for k in range(16)]
for k, u in enumerate(units):
    tgz("b%02d" % k, [("package/" + p, d) for p, d in u])
    tgz("s%02d" % k, [("package/index.js", u[0][1]), ("package/lib/data.js", b"module.exports = %d;\n" % k)])
tgz("all", [("package/u%02d/%s" % (k, p), d) for k, u in enumerate(units) for p, d in u])
tgz("sall", [("package/u%02d/index.js" % k, u[0][1]) for k, u in enumerate(units)])
PY
bulk=("$TMP"/b[0-9]*.tgz); small=("$TMP"/s[0-9]*.tgz)
# rss NAME INPUT...: scan, leave $TMP/NAME.jsonl; print the peak RSS in KiB.
rss() {
  local name=$1; shift
  /usr/bin/time -f '%M' -o "$TMP/rss" "$PV" scan -q --no-db --fail-on none --text /dev/null \
    --json "$TMP/$name.jsonl" "$@" >/dev/null 2>"$TMP/$name.err" || cat "$TMP/$name.err" >&2
  tail -n 1 "$TMP/rss"
}
# complete NAME INPUTS FINDINGS: NAME.jsonl has every input and finding.
complete() {
  is "$(grep -c '"status": *"scanned"' "$TMP/$1.jsonl")" "$2" "$1: every input of the batch has its result"
  is "$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["findings"]) for l in open(sys.argv[1])))' "$TMP/$1.jsonl")" \
    "$3" "$1: ... with every finding (4 eval calls per module)"
}

if [ -n "${PLUGVET_SAN:-}" ]; then
  # Under ASan RSS says nothing; the batch still completes, and LSan checks
  # that no input leaks.
  "$PV" scan -q --no-db --fail-on none --text /dev/null --json "$TMP/s16.jsonl" "${small[@]}"
  is $? 0 "a batch of 16 inputs: exit 0"
  complete s16 16 64
  for k in 1 2 3 4 5 6; do skip "RSS figures are meaningless under ASan"; done
  done_testing
fi

b1=$(rss b1 "${bulk[0]}"); b4=$(rss b4 "${bulk[@]:0:4}"); b16=$(rss b16 "${bulk[@]}")
s1=$(rss s1 "${small[0]}"); s4=$(rss s4 "${small[@]:0:4}"); s16=$(rss s16 "${small[@]}")
all=$(rss all "$TMP/all.tgz"); sall=$(rss sall "$TMP/sall.tgz")
mib=1024
held1=$((b1 - s1)); held4=$((b4 - s4)); held16=$((b16 - s16)); held_all=$((all - sall))
echo "# peak RSS KiB with $S MiB of bulk per input: 1 $b1, 4 $b4, 16 $b16, the 16 in one input $all"
echo "# ... without the bulk: 1 $s1, 4 $s4, 16 $s16, the 16 in one input $sall"
echo "# held KiB: 1 input $held1, 4 inputs $held4, 16 inputs $held16; 16 bulks in one input $held_all"
[[ "$b1 $b4 $b16 $s1 $s4 $s16 $all $sall" =~ ^[0-9]+( [0-9]+){7}$ ]]; ok $? "the eight peaks were read"
check "one input holds its $S MiB of bulk while it is scanned ($held1 KiB)" [ $held1 -ge $((S * mib / 2)) ]
check "4 inputs hold less than $S MiB more than 1 (+$((held4 - held1)) KiB)" [ $((held4 - held1)) -lt $((S * mib)) ]
check "16 inputs hold less than $S MiB more than 1, not 15 x $S MiB (+$((held16 - held1)) KiB)" \
  [ $((held16 - held1)) -lt $((S * mib)) ]
check "twin: 16 bulks in one input are held at once, and the same measure shows it (+$((held_all - held1)) KiB > $((8 * S)) MiB)" \
  [ $((held_all - held1)) -gt $((8 * S * mib)) ]
check "16 inputs keep less than 2 MiB more than 1 for their results (+$((s16 - s1)) KiB)" [ $((s16 - s1)) -lt $((2 * mib)) ]
complete b16 16 64
complete all 1 64

# Results themselves: 32 inputs of 2,000 findings each. As batches run
# (--json, the text report thrown away: --text /dev/null), each result is
# freed once its line is written, so the batch peaks as 4 of them do; the
# twin keeps them for a text report and grows with the batch.
for k in $(seq -w 0 31); do
  python3 -c 'import sys; sys.stdout.write("".join("eval(a%d);\n" % i for i in range(2000)))' >"$TMP/f$k.js"
done
many=("$TMP"/f*.js)
r4=$(rss m4 "${many[@]:0:4}"); r32=$(rss m32 "${many[@]}")
/usr/bin/time -f '%M' -o "$TMP/rss" "$PV" scan -q --no-db --fail-on none --text "$TMP/m.txt" \
  --json "$TMP/m32t.jsonl" "${many[@]}" >/dev/null 2>&1
t32=$(tail -n 1 "$TMP/rss")
echo "# peak RSS KiB, inputs of 2,000 findings: 4 $r4, 32 $r32; 32 kept for a text report $t32"
check "32 inputs of 2,000 findings peak within 2 MiB of 4 (+$((r32 - r4)) KiB)" [ $((r32 - r4)) -lt $((2 * mib)) ]
check "twin: kept for the text report they take more (+$((t32 - r32)) KiB > 4 MiB)" [ $((t32 - r32)) -gt $((4 * mib)) ]
is "$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["findings"]) for l in open(sys.argv[1])))' "$TMP/m32.jsonl")" \
  64000 "... every finding in the lines"
check "... the same lines either way" cmp -s "$TMP/m32.jsonl" "$TMP/m32t.jsonl"
done_testing
