#!/usr/bin/env bash
# plugvet-run + seccomp: never-allowed calls kill (ptrace), other
# architectures kill (x32 numbers), io_uring and clone3 get ENOSYS and the
# program falls back, TIOCSTI and namespace clones are refused. Each probe
# also runs unconfined to show the call works there.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

timeout 10 "$PROBE" ptrace >"$TMP/out"
is "$(out)" "ptrace: attached" "unconfined: ptrace attach works"
run --report "$TMP/r.json" -- "$PROBE" ptrace; st=$?
is "$st" 159 "confined: ptrace kills the plugin (exit 159, as for SIGSYS: 128+31)"
is "$(jget "$TMP/r.json" 'j.result.killed_by_launcher.reason + " " + j.result.killed_by_launcher.syscall')" \
  "seccomp ptrace" "report: the launcher killed it for ptrace"

if [ "$(uname -m)" = x86_64 ]; then
  timeout 10 "$PROBE" x32 >"$TMP/out"
  case "$(out)" in "x32: returned"*) ok 0 "unconfined: an x32 syscall returns ($(out))";; *) ok 1 "unconfined x32";; esac
  run -q --report "$TMP/r.json" -- "$PROBE" x32; is $? 159 "confined: an x32 syscall number kills the process"
  is "$(jget "$TMP/r.json" 'j.result.killed_by_launcher.syscall')" "(foreign-arch)" "report: killed for a foreign-arch call"
else
  skip "x32 exists only on x86-64"; skip "x32 exists only on x86-64"; skip "x32 exists only on x86-64"
fi

run -q -- "$PROBE" iouring
is "$(out)" "io_uring: ENOSYS, falling back
epoll: ok" "io_uring_setup gets ENOSYS and the program falls back to epoll"
timeout 10 "$PROBE" iouring >"$TMP/out"
case "$(out)" in *"epoll: ok") ok 0 "unconfined: the io_uring probe runs ($(head -1 "$TMP/out"))";; *) ok 1 "unconfined io_uring";; esac

run -q -- "$PROBE" tiocsti; is "$(out)" "tiocsti: EPERM" "TIOCSTI (with high bits set) is refused"
timeout 10 "$PROBE" tiocsti >"$TMP/out"; is "$(out)" "tiocsti: ENOTTY" "unconfined: it reaches the kernel (ENOTTY on /dev/null)"

if [ "$(id -u)" = 0 ]; then
  timeout 10 "$PROBE" clonens >"$TMP/out"; is "$(out)" "clone-newuser: ok" "unconfined: clone(CLONE_NEWUSER) works"
else
  skip "not root: unconfined clone(CLONE_NEWUSER) may be disabled"
fi
run --report "$TMP/r.json" -- "$PROBE" clonens
is "$(out)" "clone-newuser: EPERM" "confined: clone with namespace flags is refused"
is "$(jget "$TMP/r.json" 'j.refused[0].syscall')" "clone" "report: the refused clone"

timeout 10 "$PROBE" sync >"$TMP/out"; is "$(out)" "sync: ok" "unconfined: sync() works"
run --report "$TMP/r.json" -- "$PROBE" sync
is "$(out)" "sync: ENOSYS" "confined: a call outside the allow-list gets ENOSYS"
is "$(jget "$TMP/r.json" 'j.refused[0].syscall + " x" + j.refused[0].count')" "sync x1" \
  "report: the unlisted call is recorded"

# A run takes its filter from the table the build compiled with libseccomp
# (tools/gen-bpf, seccomp.h): that table is what libseccomp makes of this
# build's tools/run/seccomp.c now.
if [ -x "$PLUGVET_BIN/tools/gen-bpf" ] && [ -f "$PLUGVET_BIN/tools/run/bpf_table.c" ]; then
  ASAN_OPTIONS=detect_leaks=0 "$PLUGVET_BIN/tools/gen-bpf" >"$TMP/bpf.c"
  check "the launcher's filter table is libseccomp's build of every shape, up to date" \
    cmp -s "$TMP/bpf.c" "$PLUGVET_BIN/tools/run/bpf_table.c"
else
  skip "no tools/gen-bpf in $PLUGVET_BIN"
fi
done_testing
