#!/usr/bin/env bash
# Intake formats: tgz, tar, tar.xz, zip, jar, vsix, CRX3, a directory, a
# single file, `-` and --from lists give the right kind, files and paths.
# Paths are read off the archive.native-binary finding of lib/addon.node.
. "$(dirname "$0")/lib.sh"
F=$TMP/fx
python3 "$top/tests/gen/hostile.py" "$F" fmt.tgz fmt.tar fmt.tar.xz fmt.zip fmt.jar fmt.vsix \
  fmt.crx random.tgz || { echo "1..0 # skip fixtures could not be generated"; exit 0; }

# q FILE LINE EXPR: a python expression over JSON line LINE (as o).
q() {
  python3 - "$@" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
o = lines[n] if n < len(lines) else {}
def rule(r): return [f["path"] for f in o.get("findings", []) if f["rule_id"] == r]
print(eval(sys.argv[3]))
PY
}
native='rule("archive.native-binary")'
scan() { "$PV" scan --quiet --text /dev/null --json "$TMP/o.jsonl" "$@"; }

for c in "fmt.tgz tar.gz package" "fmt.tar tar package" "fmt.tar.xz tar.xz package" \
         "fmt.zip zip package" "fmt.jar zip package" "fmt.vsix zip extension" "fmt.crx crx ."; do
  set -- $c
  scan --fail-on medium "$F/$1"
  is $? 1 "$1: the medium native-binary finding fails --fail-on medium"
  is "$(q "$TMP/o.jsonl" 0 'o["kind"], o["status"], o["files"], o["bytes"]')" \
     "('$2', 'scanned', 3, 317)" "$1: kind $2, scanned, 3 files, 317 bytes"
  want="$3/lib/addon.node"; [ "$3" = . ] && want=lib/addon.node
  is "$(q "$TMP/o.jsonl" 0 "$native")" "['$want']" "$1: path inside the archive is $want"
  is "$(q "$TMP/o.jsonl" 0 'o["sha256"]')" "$(sha256sum "$F/$1" | cut -d' ' -f1)" "$1: sha256 of the input"
done
scan --fail-on medium "$F/random.tgz" 2>/dev/null
is $? 2 "negative twin: random bytes named .tgz exit 2"
is "$(q "$TMP/o.jsonl" 0 'o["status"], o["error"], o["files"]')" \
   "('error', '$F/random.tgz: not a recognised archive', 0)" "random.tgz: error with its reason"

# A directory: paths are the input joined with the relative path.
mkdir -p "$TMP/tree/src/lib" "$TMP/tree/.git"
cp "$F/fmt.tgz" "$TMP/tree/src/dep.tgz"
printf 'module.exports = 1;\n' >"$TMP/tree/src/a.js"
python3 -c "import sys; sys.path.insert(0, '$top/tests/gen'); import hostile; open('$TMP/tree/src/lib/addon.node', 'wb').write(hostile.elf_x86_64())"
scan "$TMP/tree"
is "$(q "$TMP/o.jsonl" 0 'o["kind"], o["sha256"], o["files"]')" "('directory', '', 6)" \
   "directory: kind, no sha256, 3 files plus the 3 inside dep.tgz"
is "$(q "$TMP/o.jsonl" 0 "sorted($native)")" \
   "['$TMP/tree/src/dep.tgz!/package/lib/addon.node', '$TMP/tree/src/lib/addon.node']" \
   "directory: input joined with relative paths; an archive inside is opened"
(cd "$TMP" && scan tree/)
is "$(q "$TMP/o.jsonl" 0 "sorted($native)")" \
   "['tree/src/dep.tgz!/package/lib/addon.node', 'tree/src/lib/addon.node']" "scan tree/ → tree/src/..."
(cd "$TMP/tree" && scan .)
is "$(q "$TMP/o.jsonl" 0 "sorted($native)")" \
   "['src/dep.tgz!/package/lib/addon.node', 'src/lib/addon.node']" "scan . → src/..."

# A single file: its path as given, leading ./ stripped.
(cd "$TMP/tree" && scan ./src/lib/addon.node)
is "$(q "$TMP/o.jsonl" 0 'o["kind"], o["files"]')" "('file', 1)" "single file: kind file, one file"
is "$(q "$TMP/o.jsonl" 0 "$native")" "['src/lib/addon.node']" "single file: ./ stripped"
(cd "$TMP/tree" && scan src/a.js)
is "$(q "$TMP/o.jsonl" 0 'o["kind"], o["status"], o["files"], o["findings"]')" \
   "('file', 'scanned', 1, [])" "negative twin: a plain JS file is one clean file"

# Lists: `-` reads paths from stdin, --from from a file; order kept.
printf '%s\n' "$F/fmt.tgz" "$F/fmt.zip" | scan -
is "$(q "$TMP/o.jsonl" 1 'o["input"], o["kind"]')" "('$F/fmt.zip', 'zip')" "- reads the list from stdin, in order"
printf '%s\n\n%s\n' "$F/fmt.tar" "$F/fmt.crx" >"$TMP/list"
scan --from "$TMP/list"
is "$(q "$TMP/o.jsonl" 0 'o["input"]')/$(q "$TMP/o.jsonl" 1 'o["kind"]')" "$F/fmt.tar/crx" "--from reads a list file"
done_testing
