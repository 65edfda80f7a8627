#!/usr/bin/env bash
# A batch keeps what each input found, not what each input contained: file
# contents are dropped once an input's stages are done, so peak memory
# follows the largest input, not the sum of all of them.
. "$(dirname "$0")/lib.sh"
[ -n "${PLUGVET_SAN:-}" ] && { echo "1..0 # SKIP RSS figures are meaningless under ASan"; exit 0; }
python3 - "$TMP/big.tgz" <<'PY'
import io, sys, tarfile
buf = io.BytesIO()
with tarfile.open(sys.argv[1], "w:gz") as t:
    for k in range(16):
        data = b"".join(b"function f%d_%d(a) { return a * %d + %s(a); }\n" % (k, i, i, b"eval" if i % 100 == 0 else b"g") for i in range(10000))
        ti = tarfile.TarInfo("package/lib/f%02d.js" % k); ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
PY
rss() { /usr/bin/time -f '%M' -o "$TMP/rss" "$PV" scan -q --fail-on none --text /dev/null "$@" >/dev/null 2>&1; cat "$TMP/rss"; }
base=$(rss "$top/examples/demo-plugin")
one=$(rss "$TMP/big.tgz")
set -- ; for _ in $(seq 12); do set -- "$@" "$TMP/big.tgz"; done
twelve=$(rss "$@")
echo "# peak RSS KiB: demo $base, one 8 MiB input $one, twelve of them $twelve"
check "one input holds its 8 MiB of source while it is scanned" test "$one" -gt $((base + 8 * 1024))
check "twelve inputs stay within 24 MiB of one (not 12 x 8 MiB)" test "$twelve" -lt $((one + 24 * 1024))
"$PV" scan -q --fail-on none --json "$TMP/r.jsonl" "$@" >/dev/null
is "$(grep -c '"status": *"scanned"' "$TMP/r.jsonl")" 12 "... and every input still has its result"
is "$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["findings"]) for l in open(sys.argv[1])))' "$TMP/r.jsonl")" 19200 \
  "... with every finding (12 inputs x 16 files x 100 eval calls)"
done_testing
