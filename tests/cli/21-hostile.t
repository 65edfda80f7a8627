#!/usr/bin/env bash
# Hostile archives: each one gives its exact rule or error reason and exit
# code, in bounded memory, and a good archive scanned after the bad ones is
# reported in full. Every positive case has a negative twin.
. "$(dirname "$0")/lib.sh"
F=$TMP/fx
python3 "$top/tests/gen/hostile.py" "$F" || { echo "1..0 # skip fixtures could not be generated"; exit 0; }
MEM_MAX_KB=$((300 * 1024))

q() { # q FILE LINE EXPR: a python expression over JSON line LINE (as o)
  python3 - "$@" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
o = lines[n] if n < len(lines) else {}
def rules(): return sorted({f["rule_id"] for f in o.get("findings", []) if f["rule_id"].startswith("archive.")})
def has(r): return r in rules()
def sev(r): return sorted({f["severity"] for f in o.get("findings", []) if f["rule_id"] == r})
print(eval(sys.argv[3]))
PY
}

# run ARGS...: scan under /usr/bin/time; sets rc and mem (peak KiB).
run() {
  /usr/bin/time -f %M -o "$TMP/mem" "$PV" scan --quiet --text /dev/null --json "$TMP/o.jsonl" "$@" 2>"$TMP/err"
  rc=$?
  mem=$(tail -n 1 "$TMP/mem")
}
memcheck() { # memcheck NAME
  if [ "${PLUGVET_SAN:-}" = 1 ]; then skip "memory not measured under ASan"; return; fi
  check "$1: peak memory ${mem} KiB < 300 MiB" test "$mem" -lt "$MEM_MAX_KB"
}

# fixture rule severity: the rule is reported at that severity, and
# --fail-on at that severity exits 1 (other rules may add findings, so the
# default threshold is checked only for fixtures without JavaScript).
while read -r fx rule sev; do
  run --fail-on "$sev" "$F/$fx"
  is "$rc" 1 "$fx: exit 1 with --fail-on $sev"
  is "$(q "$TMP/o.jsonl" 0 "o['status'], has('$rule'), sev('$rule')")" "('scanned', True, ['$sev'])" \
     "$fx: scanned, $rule at $sev"
  memcheck "$fx"
done <<'LIST'
zipslip.zip archive.path-traversal high
abspath.tar archive.path-traversal high
symlink-escape.tar archive.symlink-escape high
hardlink-escape.tar archive.hardlink high
hardlink.tar archive.hardlink medium
setuid.tar archive.setuid high
world.tar archive.world-writable info
special.tar archive.special-file medium
duplicate.zip archive.duplicate-path medium
duplicate.tar archive.duplicate-path medium
case.tar archive.case-collision low
elf.tgz archive.native-binary medium
pe.zip archive.native-binary medium
macho.tar archive.native-binary medium
encrypted.zip archive.encrypted-entry medium
bomb.tar.gz archive.decompression-bomb high
bomb.zip archive.decompression-bomb high
nest10.tgz archive.nesting-too-deep medium
many.tgz archive.too-many-entries medium
longpath.tar archive.path-too-long medium
LIST

# Exact messages and paths.
run "$F/zipslip.zip"
is "$(q "$TMP/o.jsonl" 0 "[(f['path'], f['message']) for f in o['findings'] if f['rule_id'] == 'archive.path-traversal']")" \
   "[('../../evil.js', \"entry '../../evil.js' escapes the archive root\")]" "zip slip: raw path and message"
run "$F/elf.tgz"
is "$(q "$TMP/o.jsonl" 0 "[f['message'] for f in o['findings'] if f['rule_id'] == 'archive.native-binary']")" \
   "[\"entry 'package/bin/tool' is a native binary (ELF x86-64)\"]" "native binary names the architecture"
is "$rc" 0 "elf.tgz: medium only, exit 0 at the default --fail-on high"
run "$F/bomb.tar.gz"
is "$rc" 1 "bomb: exit 1 by default (high)"
is "$(q "$TMP/o.jsonl" 0 "[n['id'] for n in o['notes'] if n['level'] == 'warning']")" \
   "['archive.decompression-bomb']" "bomb: a warning note too"
run "$F/special.tar"
is "$rc" 0 "special.tar: medium only, exit 0 by default"

# Unreadable inputs: exit 2, one stderr line naming input and reason.
while read -r fx reason; do
  run "$F/$fx"
  is "$rc" 2 "$fx: exit 2"
  grep -qF "plugvet: $F/$fx: $reason" "$TMP/err"
  ok $? "$fx: stderr says '$reason'"
  is "$(q "$TMP/o.jsonl" 0 "o['status'], o['error'].startswith('$F/$fx: $reason')")" "('error', True)" \
     "$fx: status error with the reason"
done <<'LIST'
random.tgz not a recognised archive
empty.tgz empty file
truncated.tgz truncated gzip stream
missing.tgz No such file or directory
LIST
run "$F/truncated.tgz"
check "truncated.tgz: entries read before the cut are kept" test "$(q "$TMP/o.jsonl" 0 "o['files']")" -gt 0

# Negative twins.
run "$F/symlink-ok.tar"
is "$(q "$TMP/o.jsonl" 0 "has('archive.symlink-escape'), sev('archive.symlink')")" "(False, ['info'])" \
   "relative symlink inside the tree: info archive.symlink, no symlink-escape"
run "$F/hardlink.tar"
is "$(q "$TMP/o.jsonl" 0 "sev('archive.hardlink')")" "['medium']" "hardlink inside the tree is medium, not high"
run "$F/text2m.tgz"
is "$(q "$TMP/o.jsonl" 0 "rules(), o['files'], o['bytes']")" "([], 1, 2097152)" "2 MiB of text is no bomb"
run --max-depth 3 "$F/nest3.tgz"
is "$(q "$TMP/o.jsonl" 0 "has('archive.nesting-too-deep'), o['files']")" "(False, 5)" "3 nesting levels are fine with depth 3"
run --max-depth 2 "$F/nest3.tgz"
is "$(q "$TMP/o.jsonl" 0 "has('archive.nesting-too-deep')")" "True" "... and too deep with --max-depth 2"
run --max-entries 300000 "$F/many.tgz"
is "$(q "$TMP/o.jsonl" 0 "has('archive.too-many-entries'), o['files']")" "(False, 200000)" "--max-entries 300000 reads all 200,000"
memcheck "many.tgz, all entries"
run --max-path 4096 "$F/longpath.tar"
is "$(q "$TMP/o.jsonl" 0 "rules()")" "[]" "--max-path 4096 accepts the long path"
run --max-ratio 5000 "$F/bomb.tar.gz"
is "$(q "$TMP/o.jsonl" 0 "rules()")" "['archive.entry-too-large']" "ratio 5000: the bomb stops at --max-entry instead"
memcheck "bomb read up to the entry limit"
run --max-entry 1M "$F/text2m.tgz"
is "$(q "$TMP/o.jsonl" 0 "rules()")" "['archive.entry-too-large']" "--max-entry 1M trips on 2 MiB"
run --max-total 700 "$F/nest3.tgz"
is "$(q "$TMP/o.jsonl" 0 "rules()")" "['archive.too-large']" "--max-total counts nested levels"
run --timeout 1 "$F/good.tgz"
is "$(q "$TMP/o.jsonl" 0 "has('archive.timeout')")" "False" "a small archive is within --timeout 1"

# A batch: the good archive after the bad ones is reported in full.
run "$F/good.tgz"
python3 -c "import sys; print(open(sys.argv[1]).read().strip())" "$TMP/o.jsonl" >"$TMP/alone"
run "$F/zipslip.zip" "$F/bomb.tar.gz" "$F/random.tgz" "$F/truncated.tgz" "$F/many.tgz" \
    "$F/nest10.tgz" "$F/empty.tgz" "$F/good.tgz"
is "$rc" 2 "batch with unreadable inputs exits 2"
is "$(wc -l <"$TMP/o.jsonl")" 8 "one JSON line per input"
is "$(sed -n 8p "$TMP/o.jsonl")" "$(cat "$TMP/alone")" "good.tgz after the bad ones: same report as alone"
is "$(q "$TMP/o.jsonl" 7 "o['status'], o['files']")" "('scanned', 2)" "good.tgz: scanned, both files"
is "$(grep -c '^plugvet: ' "$TMP/err")" 3 "one stderr line per failed input"
memcheck "batch"
done_testing
