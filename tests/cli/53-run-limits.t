#!/usr/bin/env bash
# plugvet-run resource limits: a fork bomb stopped by RLIMIT_NPROC (as an
# unprivileged uid), a memory hog stopped by RLIMIT_DATA while WebAssembly
# still runs, a busy loop stopped by RLIMIT_CPU and by the wall-clock
# timeout, which kills the whole tree including a detached grandchild.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

if [ "$(id -u)" = 0 ]; then
  run -q --nproc 5 -- "$PROBE" fork 40
  case "$(out)" in "fork: EAGAIN after "*) ok 0 "fork bomb stopped by RLIMIT_NPROC ($(out))";;
    *) ok 1 "fork bomb stopped by RLIMIT_NPROC ($(out))";; esac
  run -q --nproc 200 -- "$PROBE" fork 40
  is "$(out)" "fork: 40 ok" "... and 40 processes fork with --nproc 200 (twin)"
else
  skip "not root: RLIMIT_NPROC counts every process of this user"
  skip "not root: RLIMIT_NPROC counts every process of this user"
fi

run -q --mem 64 -- "$PROBE" mem 256
case "$(out)" in "mem: ENOMEM after "*) ok 0 "memory hog stopped by RLIMIT_DATA";; *) ok 1 "memory hog stopped ($(out))";; esac
run -q --mem 512 -- "$PROBE" mem 256
is "$(out)" "mem: got 256 MiB" "... and gets 256 MiB with --mem 512 (twin)"
if [ -n "$NODE" ]; then
  cp "$RUNDIR/wasm.js" "$TMP/wasm.js"
  run -q --mem 256 --allow-read "$TMP/wasm.js" -- "$NODE" "$TMP/wasm.js" 1024
  is "$(out)" "wasm: 5 (16 pages)
hog: refused (Array buffer allocation failed)" "node under --mem 256: wasm runs, a 1 GiB hog is refused"
  run -q --mem 2048 --allow-read "$TMP/wasm.js" -- "$NODE" "$TMP/wasm.js" 512
  is "$(out)" "wasm: 5 (16 pages)
hog: got 512 MiB" "... and the hog gets 512 MiB with --mem 2048 (twin)"
else
  skip "node not installed"; skip "node not installed"
fi

run --cpu 1 --report "$TMP/r.json" -- "$PROBE" spin; st=$?
is "$st" 152 "busy loop stopped by RLIMIT_CPU (SIGXCPU: 128+24)"
is "$(jget "$TMP/r.json" 'j.result.signal')" "SIGXCPU" "report: terminating signal"
cpu=$(jget "$TMP/r.json" 'j.result.cpu_seconds >= 0.5')
is "$cpu" "true" "report: CPU time (RLIMIT_CPU is checked at ticks, rusage is exact: 0.94-0.99 s seen for 1 s)"

start=$(date +%s)
mkdir "$TMP/w"; chmod 777 "$TMP/w"
run --timeout 1 --allow-write "$TMP/w" --report "$TMP/r.json" -- "$PROBE" tree "$TMP/w/gc.pid"; st=$?
is "$st" 124 "wall-clock timeout exits 124"
is "$(jget "$TMP/r.json" 'j.result.timed_out')" "true" "report: timed_out"
# The pid in the file is the grandchild's inside its PID namespace: look for
# the process by its command line instead.
gc=$(cat "$TMP/w/gc.pid" 2>/dev/null)
[ -n "$gc" ] && ! pgrep -f "tree $TMP/w/gc.pid" >/dev/null; ok $? "the detached grandchild was killed too"
check "the timeout took effect promptly" test $(($(date +%s) - start)) -lt 5
run -q --timeout 5 -- "$PROBE" exit 0; is $? 0 "a quick program is not hit by --timeout 5 (twin)"
done_testing
