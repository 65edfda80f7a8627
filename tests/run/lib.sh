# lib.sh — helpers for the plugvet-run CLI tests (tests/cli/5x-run-*.t),
# sourced after tests/cli/lib.sh.
RUN="$PLUGVET_BIN/plugvet-run"
PROBE="$PLUGVET_BIN/tests/run/probe"
RUNDIR="$top/tests/run"
NODE=$(command -v node || true)
# The test tree must be reachable by the unprivileged user the plugin runs as.
chmod 755 "$TMP"
# run ARGS...: plugvet-run bounded in time; stdout in $TMP/out, stderr in
# $TMP/err. On a kernel without Landlock it adds --allow-degraded (the tests
# that need Landlock skip themselves, saying so).
run() { timeout 20 "$RUN" $DEGRADED "$@" >"$TMP/out" 2>"$TMP/err"; }
out() { cat "$TMP/out"; }
# jget FILE EXPR: a field of a JSON file (EXPR over `j`), printed by node.
jget() { node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(eval(process.argv[2]))' "$1" "$2"; }
# The kernel's Landlock ABI (0 when unavailable), from the launcher's report.
landlock_abi() {
  timeout 10 "$RUN" -q --allow-degraded --report "$TMP/abi.json" -- "$PROBE" exit 0 >/dev/null 2>&1
  jget "$TMP/abi.json" 'j.landlock.abi' 2>/dev/null || echo 0
}
DEGRADED=
if [ -x "$RUN" ] && [ -x "$PROBE" ]; then
  LL_ABI=$(landlock_abi)
  [ "$LL_ABI" = 0 ] && DEGRADED=--allow-degraded
fi
if [ ! -x "$RUN" ] || [ ! -x "$PROBE" ]; then
  echo "1..0 # SKIP plugvet-run or its probe is not built in $PLUGVET_BIN"
  exit 0
fi
