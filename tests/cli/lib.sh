# lib.sh — tiny TAP helpers for the CLI tests (sourced).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${PLUGVET_BIN:=$top/build/rel}"
PV="$PLUGVET_BIN/plugvet"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
_n=0
_fail=0
ok() { # ok COND-EXIT-STATUS NAME
  _n=$((_n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; _fail=1; fi
}
check() { # check NAME CMD...: ok when CMD succeeds
  local name=$1; shift
  if "$@"; then ok 0 "$name"; else ok 1 "$name"; fi
}
is() { # is GOT WANT NAME
  if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3"; echo "#   got:  '$1'"; echo "#   want: '$2'"; fi
}
skip() { _n=$((_n + 1)); echo "ok $_n # skip $1"; }
done_testing() { echo "1..$_n"; exit $_fail; }
osv_zip() { # osv_zip OUT [EXTRA-NAME EXTRA-TEXT]: a zip of the real OSV samples
  mkdir -p "$(dirname "$1")"
  python3 - "$top/tests/data/osv" "$@" <<'PY'
import glob, os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(glob.glob(src + "/*.json")):
        z.write(f, os.path.basename(f))
    if len(sys.argv) > 4:
        z.writestr(sys.argv[3], sys.argv[4])
PY
}
