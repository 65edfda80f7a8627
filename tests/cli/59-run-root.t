#!/usr/bin/env bash
# plugvet-run's own file system view (the default): a tmpfs root holding
# read-only binds of the grants and the runtime, a size-capped scratch
# tmpfs, no /sys. A symlink the plugin planted resolves inside that view,
# metadata outside it does not answer, and nothing the plugin can write, or
# its own files without a native grant, can run. Each check has its twin:
# the grant that allows it, or --host-root (the host's view, Landlock alone).
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

mkdir -p "$TMP/plug" "$TMP/outside" "$TMP/w"
echo granted >"$TMP/plug/data.txt"
ln -s / "$TMP/plug/rootlink"
echo x >"$TMP/outside/mine.txt"
chmod -R a+rX "$TMP/plug" "$TMP/outside"
chmod 777 "$TMP/w"

# -- the view ---------------------------------------------------------------
run -q --allow-read "$TMP/plug" -- "$PROBE" stat "$TMP/plug/rootlink/sys"
is "$(out)" "stat: ENOENT" "a planted symlink to / shows only the sandbox's view (no /sys)"
run -q --host-root --allow-read "$TMP/plug" -- "$PROBE" stat "$TMP/plug/rootlink/sys"
is "$(out)" "stat: ok" "... while in the host view the same stat answers (twin)"
run -q --report "$TMP/r.json" -- "$PROBE" stat /run
is "$(out)" "stat: ENOENT" "no /run"
is "$(jget "$TMP/r.json" 'j.private_root')" "true" "report: private_root by default"
run -q --host-root --report "$TMP/r.json" -- "$PROBE" exit 0
is "$(jget "$TMP/r.json" 'j.private_root')" "false" "report: private_root false with --host-root (twin)"
run -q --allow-read "$TMP/plug" -- "$PROBE" read "$TMP/plug/data.txt"
is "$(out)" "read: ok granted" "a read grant is there (twin)"
run -q --allow-read "$TMP/plug" -- "$PROBE" write "$TMP/plug/new.txt"
is "$(out)" "write: EROFS" "a read grant is a read-only mount"

# -- metadata and change oracles outside the grants (issue: stat, chmod) ---
run -q -- "$PROBE" stat "$TMP/outside/mine.txt"
is "$(out)" "stat: ENOENT" "stat outside the grants finds nothing"
run -q --host-root -- "$PROBE" stat "$TMP/outside/mine.txt"
is "$(out)" "stat: ok" "... in the host view it answers (twin: why the view is the default)"
if [ "$(id -u)" = 0 ]; then
  # A file the plugin's account owns, outside every grant.
  chown nobody "$TMP/outside/mine.txt"
  run -q --user nobody -- "$PROBE" chmod "$TMP/outside/mine.txt"
  is "$(out)" "chmod: ENOENT" "chmod of its own file outside the grants finds nothing"
  is "$(stat -c %a "$TMP/outside/mine.txt")" "644" "... and the mode is unchanged"
  run -q --host-root --user nobody -- "$PROBE" chmod "$TMP/outside/mine.txt"
  is "$(out)" "chmod: ok" "... in the host view the change oracle works (twin)"
else
  skip "not root: --user needs root"
  skip "not root"
  skip "not root"
fi

# -- scratch -----------------------------------------------------------------
run -q --scratch-mib 8 --fsize 100 -- "$PROBE" fill '~/big' 20
is "$(out)" "fill: ENOSPC after 8 MiB" "--scratch-mib 8: the scratch directory is full at 8 MiB"
run -q --scratch-mib 8 --fsize 100 -- "$PROBE" fill '~/big' 4
is "$(out)" "fill: 4 MiB" "... and 4 MiB fit (twin)"
run -q --host-root --scratch-mib 8 --fsize 100 -- "$PROBE" fill '~/big' 20
is "$(out)" "fill: 20 MiB" "... while in the host view the scratch directory is not capped (twin)"

# -- native code: the plugin's files and writable places never map executable
cp "$PROBE" "$TMP/plug/addon.node"
chmod 755 "$TMP/plug/addon.node"
run -q --allow-read "$TMP/plug" -- "$PROBE" mapexec "$TMP/plug/addon.node"
is "$(out)" "mapexec: EPERM" "a native file in the plugin cannot be mapped executable"
run -q --allow-native --allow-read "$TMP/plug" --report "$TMP/r.json" -- "$PROBE" mapexec "$TMP/plug/addon.node"
is "$(out)" "mapexec: ok" "... with --allow-native it can (twin)"
is "$(jget "$TMP/r.json" 'j.policy.native')" "true" "report: the policy's native grant"
printf '{"plugvet_policy":1,"fs":{"read":["plug"]},"native":true}' >"$TMP/native.json"
run -q --policy "$TMP/native.json" -- "$PROBE" mapexec "$TMP/plug/addon.node"
is "$(out)" "mapexec: ok" "... and with \"native\": true in a policy file"
printf '{"plugvet_policy":1,"native":"yes"}' >"$TMP/bad.json"
run -q --policy "$TMP/bad.json" -- "$PROBE" exit 0; st=$?
is "$st $(grep -c 'native: must be true or false' "$TMP/err")" "125 1" "a non-boolean native is a policy error"
# plugvet policy carries a plugin's "native": true declaration to the launcher.
mkdir -p "$TMP/nat"
cp "$PROBE" "$TMP/nat/addon.node"
for decl in true false; do
  printf '{"name":"nat","version":"1.0.0","plugvet":{"permissions":{"native":%s}}}' "$decl" \
    >"$TMP/nat/package.json"
  chmod -R a+rX "$TMP/nat"
  "$PV" policy -o "$TMP/nat-$decl.json" "$TMP/nat" >/dev/null 2>&1
  run -q --policy "$TMP/nat-$decl.json" -- "$PROBE" mapexec "$TMP/nat/addon.node"
  echo "$decl $(out)" >>"$TMP/nat.out"
done
is "$(cat "$TMP/nat.out")" "true mapexec: ok
false mapexec: EPERM" "plugvet policy: a declared native grant maps the addon, an undeclared one does not"
run -q --allow-native --allow-write "$TMP/w" -- "$PROBE" write "$TMP/w/f.txt"
cp "$PROBE" "$TMP/w/lib.node"
run -q --allow-native --allow-write "$TMP/w" -- "$PROBE" mapexec "$TMP/w/lib.node"
is "$(out)" "mapexec: EPERM" "a write grant never maps executable, even with --allow-native"
run -q -- "$PROBE" mapexec "$PROBE"
is "$(out)" "mapexec: ok" "the program itself (an exec grant) maps executable (twin)"

# -- a writable path never runs: no swap between the check and the exec -----
cp /bin/true "$TMP/w/tool"
chmod 755 "$TMP/w/tool"
run -q --allow-write "$TMP/w" --allow-exec "$TMP/w" -- "$PROBE" execp "$TMP/w/tool"
is "$(out)" "execp: EACCES" "exec from a directory both writable and executable is refused"
run -q --host-root --allow-write "$TMP/w" --allow-exec "$TMP/w" -- "$PROBE" execp "$TMP/w/tool"; st=$?
is "$st" "0" "... in the host view it runs (twin: the swap the view closes)"

# -- a uid of its own, leased ------------------------------------------------
if [ "$(id -u)" = 0 ]; then
  run -q --report "$TMP/r1.json" -- "$PROBE" spin &
  lease=/run/plugvet-run
  held=0
  # Until the first run holds its lease (at most 10 s): a flock on a file
  # of the lease directory held by that run's launcher (lslocks; the
  # directory keeps one file per uid ever leased, so never walk it).
  for _ in $(seq 100); do
    for p in $(pgrep -f -- "--report $TMP/r1.json"); do
      lslocks -n -r -o PID,PATH | grep -q "^$p $lease/uid-" && held=1
    done
    [ "$held" -ge 1 ] && break
    sleep 0.1
  done
  run -q --report "$TMP/r2.json" -- "$PROBE" uid
  u2=$(out | sed 's/uid: //')
  pkill -f "$PROBE spin" 2>/dev/null
  wait
  check "while one run lives its uid lease is held ($held)" test "$held" -ge 1
  u1=$(jget "$TMP/r1.json" 'j.user.uid')
  check "two runs at once get different uids ($u1, $u2)" test "$u1" != "$u2"
  is "$(jget "$TMP/r1.json" 'j.user.leased')" "true" "report: the uid was leased"
  run -q --user nobody --report "$TMP/r.json" -- "$PROBE" exit 0
  is "$(jget "$TMP/r.json" 'j.user.leased')" "undefined" "--user: no lease (twin)"
else
  skip "not root: no per-run uid"
  skip "not root"
  skip "not root"
  skip "not root"
fi

if [ -n "$NODE" ]; then
  run -q -- "$NODE" -e 'console.log(require("fs").existsSync("/sys"), require("os").homedir().startsWith("/tmp/plugvet-run."))'
  is "$(out)" "false true" "node runs in the view"
else
  skip "no node"
fi
done_testing
