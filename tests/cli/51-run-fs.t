#!/usr/bin/env bash
# plugvet-run + Landlock: reading a secret outside the read paths, writing
# outside the write paths, and executing /bin/sh are refused; the same probe
# succeeds with the grant. --host-root keeps the host's file system view, so
# Landlock alone answers (EACCES); in the run's own view (the default) the
# paths are not even there (last block).
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

abi=$LL_ABI
if [ "$abi" = 0 ]; then
  echo "1..0 # SKIP this kernel has no Landlock (fs rules untestable)"; exit 0
fi
mkdir -p "$TMP/secret" "$TMP/wdir"
echo "topsecret" >"$TMP/secret/key.txt"
chmod 755 "$TMP/secret"; chmod 644 "$TMP/secret/key.txt"; chmod 777 "$TMP/wdir"
cat "$TMP/secret/key.txt" >/dev/null

run -q --host-root --report "$TMP/r.json" -- "$PROBE" read "$TMP/secret/key.txt"
is "$(out)" "read: EACCES" "reading a secret outside the read paths is refused"
is "$(jget "$TMP/r.json" 'j.landlock.enforced + " " + j.landlock.abi')" "true $abi" "report: Landlock enforced, ABI used"
is "$(jget "$TMP/r.json" 'j.landlock.denials')" "not observable here (logged to the audit log)" \
  "report: Landlock denials are said to be not observable"
run -q --allow-read "$TMP/secret" -- "$PROBE" read "$TMP/secret/key.txt"
is "$(out)" "read: ok topsecret" "... and allowed with --allow-read (twin)"

run -q --host-root -- "$PROBE" write "$TMP/wdir/f.txt"
is "$(out)" "write: EACCES" "writing outside the write paths is refused"
[ ! -e "$TMP/wdir/f.txt" ]; ok $? "... and nothing was written"
run -q --allow-write "$TMP/wdir" -- "$PROBE" write "$TMP/wdir/f.txt"
is "$(out)" "write: ok" "... and allowed with --allow-write (twin)"
is "$(cat "$TMP/wdir/f.txt")" "written" "... the file holds what the probe wrote"
run -q --host-root --allow-read "$TMP/wdir" -- "$PROBE" write "$TMP/wdir/f.txt"
is "$(out)" "write: EACCES" "a read grant does not allow writing"

# execve /bin/sh: refused by the supervisor (EACCES) and reported.
run --report "$TMP/r.json" -- "$PROBE" exec
is "$(out)" "exec: EACCES" "execve /bin/sh is refused"
is "$(jget "$TMP/r.json" 'j.refused.map(r => r.syscall + "(" + r.args + ") x" + r.count).join()')" \
  "execve(path=/bin/sh) x1" "report: the refused execve with its path and count"
grep -q 'execve(path=/bin/sh) x1' "$TMP/err"; ok $? "stderr summary lists the refused execve"
run -q --allow-children --allow-exec /bin/sh -- "$PROBE" exec
is "$(out)" "shell-ran" "... and runs with --allow-children --allow-exec /bin/sh (twin)"
run -q --host-root --allow-children -- "$PROBE" exec
is "$(out)" "exec: EACCES" "children allowed but /bin/sh not executable: Landlock refuses"

# The run's own view: what is not granted does not exist; a read grant is a
# read-only mount.
rm -f "$TMP/wdir/f.txt"
run -q -- "$PROBE" read "$TMP/secret/key.txt"
is "$(out)" "read: ENOENT" "own view: a secret outside the read paths is not there"
run -q -- "$PROBE" write "$TMP/wdir/f.txt"
is "$(out)" "write: ENOENT" "own view: a directory outside the write paths is not there"
run -q --allow-read "$TMP/wdir" -- "$PROBE" write "$TMP/wdir/f.txt"
is "$(out)" "write: EROFS" "own view: a read grant is a read-only mount"
[ ! -e "$TMP/wdir/f.txt" ]; ok $? "... and nothing was written"
run -q --allow-write "$TMP/wdir" -- "$PROBE" write "$TMP/wdir/f.txt"
is "$(out)" "write: ok" "own view: a write grant is writable (twin)"
done_testing
