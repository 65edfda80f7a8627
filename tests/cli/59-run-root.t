#!/usr/bin/env bash
# plugvet-run --private-root (experimental, off by default): the run's own
# file system view, a tmpfs root holding read-only binds of the grants and
# the runtime, a size-capped scratch tmpfs, no /sys. A symlink the plugin
# planted resolves inside that view; each check has its twin in the host
# view (the default), where the same metadata still answers.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

mkdir -p "$TMP/plug"
echo granted >"$TMP/plug/data.txt"
ln -s / "$TMP/plug/rootlink"
chmod -R a+rX "$TMP/plug"

run -q --private-root --allow-read "$TMP/plug" -- "$PROBE" stat "$TMP/plug/rootlink/sys"
is "$(out)" "stat: ENOENT" "--private-root: a planted symlink to / shows only the sandbox's view (no /sys)"
run -q --allow-read "$TMP/plug" -- "$PROBE" stat "$TMP/plug/rootlink/sys"
is "$(out)" "stat: ok" "... while in the host view the same stat answers (twin)"
run -q --private-root --report "$TMP/r.json" -- "$PROBE" stat /run
is "$(out)" "stat: ENOENT" "--private-root: no /run"
is "$(jget "$TMP/r.json" 'j.private_root')" "true" "report: private_root"
run -q --report "$TMP/r.json" -- "$PROBE" exit 0
is "$(jget "$TMP/r.json" 'j.private_root')" "false" "report: private_root is off by default (twin)"
run -q --private-root --allow-read "$TMP/plug" -- "$PROBE" read "$TMP/plug/data.txt"
is "$(out)" "read: ok granted" "--private-root: a read grant is there (twin)"
run -q --private-root --allow-read "$TMP/plug" -- "$PROBE" write "$TMP/plug/new.txt"
case "$(out)" in "write: ok"*) ok 1 "--private-root: a read grant is not writable ($(out))";;
  *) ok 0 "--private-root: a read grant is not writable ($(out))";; esac

run -q --private-root --scratch-mib 8 --fsize 100 -- "$PROBE" fill '~/big' 20
is "$(out)" "fill: ENOSPC after 8 MiB" "--scratch-mib 8: the scratch directory is full at 8 MiB"
run -q --private-root --scratch-mib 8 --fsize 100 -- "$PROBE" fill '~/big' 4
is "$(out)" "fill: 4 MiB" "... and 4 MiB fit (twin)"
run -q --scratch-mib 8 --fsize 100 -- "$PROBE" fill '~/big' 20
is "$(out)" "fill: 20 MiB" "... while without --private-root the scratch directory is not capped (twin)"

if [ -n "$NODE" ]; then
  run -q --private-root -- "$NODE" -e 'console.log(require("fs").existsSync("/sys"), require("os").homedir().startsWith("/tmp/plugvet-run."))'
  is "$(out)" "false true" "node runs in the view"
else
  skip "no node"
fi
done_testing
