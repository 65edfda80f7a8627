#!/usr/bin/env bash
# plugvet-run namespaces per run (docs/policy.md, "Namespaces"): user, PID,
# IPC, UTS, mount and, without a network grant, network namespaces; as root
# a uid of its own from the documented range. Two sandboxes at once cannot
# reach each other's processes; within one, the plugin still signals its
# own child (the twin).
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

run -q --report "$TMP/r.json" -- "$PROBE" exit 0; is $? 0 "a run with namespaces"
is "$(jget "$TMP/r.json" 'Object.entries(j.namespaces).filter(e => e[1]).map(e => e[0]).sort().join(" ")')" \
  "ipc mount net pid user uts" "report: user, pid, ipc, uts, mount and net namespaces"
run -q --allow-net 127.0.0.1:9 --report "$TMP/r.json" -- "$PROBE" exit 0
is "$(jget "$TMP/r.json" 'j.namespaces.net + " " + j.namespaces.pid')" "false true" \
  "a network grant keeps the host's network (twin)"

if [ "$(id -u)" = 0 ]; then
  run -q --report "$TMP/r.json" -- "$PROBE" exit 0
  uid=$(jget "$TMP/r.json" 'j.user.uid')
  check "as root: a uid of its own from 0x50760000-0x5076ffff ($uid)" \
    test "$uid" -ge $((0x50760000)) -a "$uid" -le $((0x5076ffff))
else
  skip "not root: the plugin keeps the caller's uid"
fi

# Two sandboxes at once: A sleeps, B reaches for A's process by its pid.
mkdir "$TMP/w"; chmod 777 "$TMP/w"
timeout 20 "$RUN" -q $DEGRADED --timeout 15 --allow-write "$TMP/w" -- "$PROBE" tree "$TMP/w/a.pid" \
  >/dev/null 2>&1 &
launcher=$!
for _ in $(seq 100); do [ -s "$TMP/w/a.pid" ] && break; sleep 0.05; done
# The newest matching process: A's detached grandchild, inside A.
apid=$(pgrep -n -f "tree $TMP/w/a.pid")
check "sandbox A is running (pid $apid), reachable from outside" kill -0 "$apid"
run -q -- "$PROBE" signal "$apid"
is "$(out)" "signal: kill ESRCH prlimit ESRCH setpriority ESRCH affinity ESRCH" \
  "sandbox B cannot see or touch sandbox A's process"
run -q -- "$PROBE" signal 1
is "$(out)" "signal: kill EPERM prlimit EPERM setpriority EPERM affinity EPERM" \
  "... nor its own namespace's init"
kill "$launcher" 2>/dev/null
wait "$launcher" 2>/dev/null
run -q -- "$PROBE" signal self
is "$(out)" "signal: kill ok prlimit ok setpriority ok affinity ok" "the plugin reaches itself (twin)"
run -q -- "$PROBE" killchild
is "$(out)" "killchild: SIGTERM" "the plugin signals its own child (twin)"
run -q -- "$PROBE" raise 15; is $? 143 "the plugin is not its namespace's init: its own SIGTERM kills it"

# Shared memory under --mem 64: RLIMIT_DATA does not count it, a cgroup of
# the run's own does (v2, or v1 memory+pids on a hybrid host). Whether the
# launcher could make one is in the report; each branch asserts its side.
run -q --report "$TMP/r.json" -- "$PROBE" exit 0
cg=$(jget "$TMP/r.json" 'j.cgroup ? "v" + j.cgroup.version : "none"')
# (--fsize 512: RLIMIT_FSIZE bounds each memfd, not their total.)
for m in shmem memfd; do
  run -q --mem 64 --fsize 512 --report "$TMP/r.json" -- "$PROBE" $m 256; st=$?
  if [ "$cg" != none ]; then
    is "$st $(jget "$TMP/r.json" 'j.result.killed_by_launcher.reason + " " + (j.cgroup.oom_kills > 0)')" \
      "137 memory true" "$m: 256 MiB under --mem 64 is stopped by the run's cgroup ($cg)"
    is "$(jget "$TMP/r.json" 'j.cgroup.memory_max + " " + j.unbounded.some(u => u.startsWith("shared memory"))')" \
      "67108864 false" "... the report gives the bound and no longer lists shared memory as unbounded"
  else
    is "$(out)" "$m: got 256 MiB" "$m: 256 MiB under --mem 64 (no cgroup: not bounded)"
    is "$(jget "$TMP/r.json" 'j.cgroup + " " + j.unbounded.some(u => u.startsWith("shared memory"))')" \
      "null true" "... and the report says shared memory is not bounded"
  fi
done
run -q --mem 64 --fsize 512 -- "$PROBE" shmem 16
is "$(out)" "shmem: got 16 MiB" "16 MiB of shared memory under --mem 64 fits (twin)"
if [ "$cg" != none ]; then
  # A run whose launcher cannot make a cgroup (an unprivileged caller on
  # this host) says why, and what is unbounded.
  chmod 777 "$TMP"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$RUN" -q --report "$TMP/u.json" -- "$PROBE" exit 0 >/dev/null 2>&1
  is "$(jget "$TMP/u.json" 'j.cgroup + " " + (j.cgroup_why.length > 0) + " " + j.unbounded.some(u => u.startsWith("shared memory"))')" \
    "null true true" "no cgroup for an unprivileged launcher: null, why, and shared memory unbounded (twin)"
  chmod 755 "$TMP"
  dirs=$(jget "$TMP/r.json" 'j.cgroup.dirs.join(" ")')
  left=$(for d in $dirs; do [ -e "$d" ] && echo "$d"; done)
  check "the report names the run's cgroup directories ($dirs)" test -n "$dirs"
  is "$left" "" "... and they are removed afterwards"
else
  skip "no cgroup here"
  skip "no cgroup here"
  skip "no cgroup here"
fi
# The CPU share (--cpu-percent, a CFS quota in the run's cgroup): a spin
# for 2 s of wall time gets about a twentieth of a CPU under 5 %, whatever
# the load; the default (one CPU) lets it have more than twice that (twin:
# relative, because on a loaded machine the run's cgroup competes with
# every other task as one, and may get well under one CPU).
if [ "$cg" != none ] && [ "$(jget "$TMP/r.json" 'j.cgroup.cpu_percent')" = 100 ]; then
  run -q --cpu-percent 5 --report "$TMP/c.json" -- "$PROBE" spin 2000
  c5=$(jget "$TMP/c.json" 'j.result.cpu_seconds')
  is "$(jget "$TMP/c.json" 'j.cgroup.cpu_percent + " " + (j.result.cpu_seconds < 0.3)')" "5 true" \
    "--cpu-percent 5: 2 s of spinning gets under 0.3 s of CPU ($c5 s)"
  more() { jget "$TMP/c.json" 'j.cgroup.cpu_percent + " " + (j.result.cpu_seconds > 2 * '"$c5"')'; }
  run -q --report "$TMP/c.json" -- "$PROBE" spin 2000
  # Measured once more when the suite's load starved it (seen in 2 of 5
  # full runs; the cause, load or an under-counted cpu_seconds, is open).
  [ "$(more)" = "100 true" ] || run -q --report "$TMP/c.json" -- "$PROBE" spin 2000
  is "$(more)" "100 true" \
    "default one CPU: the same spin gets more than twice that ($(jget "$TMP/c.json" 'j.result.cpu_seconds') s, twin)"
else
  is "$(jget "$TMP/r.json" 'j.unbounded.some(u => u.startsWith("CPU share"))')" "true" \
    "no cpu controller here: the report lists the CPU share as unbounded"
fi
run -q --mem 64 --fsize 128 -- "$PROBE" memfd 256
is $? 153 "one memfd over --fsize 128 is stopped by SIGXFSZ (twin)"
run -q --mem 64 -- "$PROBE" mem 256
case "$(out)" in "mem: ENOMEM after"*) ok 0 "private memory under --mem 64 is stopped (twin)";;
  *) ok 1 "private memory under --mem 64 is stopped (twin: $(out))";; esac
run --report "$TMP/r.json" -- "$PROBE" exit 0
if [ "$cg" = none ]; then
  check "the summary says what is not bounded" grep -q "shared memory, memory across processes and total file size are not bounded" "$TMP/err"
else
  check "with a cgroup the summary does not claim memory is unbounded" sh -c "! grep -q 'not bounded' '$TMP/err'"
fi
done_testing
