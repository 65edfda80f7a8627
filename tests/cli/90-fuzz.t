#!/usr/bin/env bash
# Fuzz targets (tests/fuzz/), replayed by their plain driver: every seed,
# then a fixed number of deterministic mutations. Any crash, sanitizer
# report or hang fails; the input is left in fuzz-crash-<target>. Real
# fuzzing: `make fuzz` (libFuzzer).
. "$(dirname "$0")/lib.sh"
# The ASan pass is where a mutation's fault shows (800 runs each); the
# release pass replays 1000 (make test stays within 5 minutes; make fuzz
# is for long runs).
runs=${PLUGVET_FUZZ_RUNS:-1000}
[ -n "${PLUGVET_SAN:-}" ] && runs=${PLUGVET_FUZZ_RUNS:-800}
seeds=$TMP/seeds
mkdir -p "$seeds"/{intake,scan,rules,baseline,taint}
python3 "$top/tests/gen/hostile.py" "$seeds/intake" good.tgz good.zip good.tar.xz good.crx \
  zipslip.zip symlink-escape.tar hardlink.tar duplicate.zip elf.tgz encrypted.zip nest3.tgz \
  truncated.tgz random.tgz
cp "$top"/examples/demo-plugin/src/* "$top"/rules/*/*.js "$top"/rules/*/*.json "$seeds/scan/"
cp "$top"/rules/web/*.html "$top"/rules/web/*.ejs "$top"/rules/web/*.vue "$top"/rules/web/*.svelte \
  "$seeds/scan/"
cp "$top"/rules/*/*.yaml "$seeds/rules/"
for f in "$top"/taint-rules/*.yaml; do cp "$f" "$seeds/rules/taint-${f##*/}"; done
cp "$top"/taint-rules/*.js "$top"/taint-rules/*.ts "$seeds/taint/"
"$PV" scan -q --fail-on none --sarif "$seeds/baseline/a.sarif" --json "$seeds/baseline/a.jsonl" \
  "$top/examples/demo-plugin" >/dev/null
"$PV" scan -q --no-db --taint --fail-on none --text /dev/null --json "$seeds/baseline/t.jsonl" \
  "$top/taint-rules/command-injection" # taint flows, UTF-16 columns
for t in intake scan rules baseline taint; do cp "$top"/tests/fuzz/seeds/$t/* "$seeds/$t/" 2>/dev/null; done
fuzz() { # fuzz TARGET SEEDDIR MAXLEN [RULES]
  local bin=$PLUGVET_BIN/tests/fuzz_$1
  (cd "$TMP" && PLUGVET_RULES=${4:-$top/rules} timeout 600 "$bin" -runs="$runs" -max_len="$3" "$2" \
    >"$TMP/$1.out" 2>"$TMP/$1.err")
  local st=$?
  ok $st "fuzz_$1${4:+ (${4##*/})}: seeds and $runs mutations, no crash"
  [ $st -eq 0 ] || { sed 's/^/#   /' "$TMP/$1.err" | head -20; }
}
fuzz intake "$seeds/intake" 262144
fuzz scan "$seeds/scan" 16384
fuzz scan "$seeds/taint" 16384 "$top/taint-rules" # the taint engine on mangled code
fuzz rules "$seeds/rules" 16384
fuzz baseline "$seeds/baseline" 65536
fuzz jsonl "$seeds/baseline" 65536 # the --json lines --resume reads back for --sarif
fuzz permissions "$top/tests/fuzz/seeds/permissions" 4096
fuzz pkg "$top/tests/fuzz/seeds/pkg" 8192
fuzz sbomin "$top/tests/fuzz/seeds/sbomin" 16384
fuzz template "$top/tests/fuzz/seeds/template" 16384
fuzz generic "$top/tests/fuzz/seeds/generic" 8192 # generic patterns against texts
mkdir -p "$seeds/lockfile" # lockfiles of every reader, the pnpm workspace's importers and catalogs
cp "$top/tests/data/lockfiles/pnpm-workspace/pnpm-lock.yaml" "$seeds/lockfile/ws-pnpm-lock.yaml"
cp "$top/tests/data/inventory/cases/berry-bad-resolution/yarn.lock" "$seeds/lockfile/berry-bad.lock"
for f in pnpmlock/testdata/mixed-groups.v53.yaml pnpmlock/testdata/mixed-groups.v6.yaml \
  pnpmlock/testdata/commits.v9.yaml yarnlock/testdata/with-aliases.v1.lock \
  yarnlock/testdata/with-aliases.v2.lock bunlock/testdata/nested-dependencies.json5 \
  packagelockjson/testdata/alias.v1.json packagelockjson/testdata/bundled-dependencies.v3.json; do
  cp "$top/tests/data/lockfiles/$f" "$seeds/lockfile/${f##*/}"
done
fuzz lockfile "$seeds/lockfile" 16384
fuzz sig "$top/tests/fuzz/seeds/sig" 4096
grep -q 'fuzz_intake: 13 seeds' "$TMP/intake.out"; ok $? "the intake target saw every seed"
if [ -n "${PLUGVET_SAN:-}" ]; then
  (cd "$TMP" && "$PLUGVET_BIN/tests/fuzz_rules" -runs=0 "$top/tests/fuzz/seeds/rules" >/dev/null 2>&1)
  ok $? "a query that trips tree-sitter's own leak passes with tests/lsan.supp"
  { (cd "$TMP" && LSAN_OPTIONS= exec "$PLUGVET_BIN/tests/fuzz_rules" -runs=0 "$top/tests/fuzz/seeds/rules" >/dev/null 2>&1); } 2>/dev/null
  [ $? -ne 0 ]; ok $? "... and is caught without it (twin: the suppression is needed, no more)"
fi

# The driver itself can fail: a target that crashes is reported (twin).
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) {\n  if (n > 2 && d[0] == 0x50) __builtin_trap();\n  return 0;\n}\n' >"$TMP/boom.c"
if cc -o "$TMP/boom" "$TMP/boom.c" "$top/tests/fuzz/driver.c" 2>/dev/null; then
  printf 'PK!' >"$TMP/p.seed"
  { (cd "$TMP" && exec "$TMP/boom" -runs=10 "$TMP/p.seed" >/dev/null 2>&1); } 2>/dev/null; st=$?
  [ $st -ne 0 ] && [ -s "$TMP/fuzz-crash-boom" ]; ok $? "a crashing target fails and leaves its input"
else
  skip "no C compiler to build the crashing twin"
fi
done_testing
