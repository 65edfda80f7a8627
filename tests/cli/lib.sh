# lib.sh — tiny TAP helpers for the CLI tests (sourced).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${PLUGVET_BIN:=$top/build/rel}"
PV="$PLUGVET_BIN/plugvet"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The default OSV store ($XDG_CACHE_HOME/plugvet, else ~/.cache/plugvet) is
# the test's own: a store the user filled never changes what a test sees.
export XDG_CACHE_HOME="$TMP/.cache"
_n=0
_fail=0
ok() { # ok COND-EXIT-STATUS NAME
  _n=$((_n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; _fail=1; fi
}
# A failed check says where it stands and what it compared, on stderr
# (where prove shows it): "#   31-semgrep.t:11: failed: test 9 -ge 11".
_diag() { # _diag TEXT: called from check or is, names their caller's file:line
  echo "#   $(basename "${BASH_SOURCE[2]}"):${BASH_LINENO[1]}: $1" >&2
}
_words() { # _words WORD...: the words on one line, quoted where needed
  local w out=
  for w in "$@"; do
    case $w in
      *[[:cntrl:]]*) w=$(printf '%q' "$w") ;;
      '' | *[[:space:]\'\"\\]*) w="'${w//\'/\'\\\'\'}'" ;;
    esac
    out="$out${out:+ }$w"
  done
  printf '%s' "$out"
}
_block() { # _block LABEL TEXT: a multi-line text, each line after "#     |"
  echo "#   $1:" >&2
  printf '%s\n' "$2" | sed 's/^/#     |/' >&2
}
check() { # check NAME [!] CMD...: ok when CMD succeeds (with !, when it fails)
  local name=$1 neg= rc=0
  shift
  if [ "${1-}" = "!" ]; then
    neg=1
    shift
  fi
  "$@" || rc=1
  [ -z "$neg" ] || rc=$((1 - rc))
  ok "$rc" "$name"
  [ "$rc" -eq 0 ] || _diag "failed: ${neg:+! }$(_words "$@")"
  return "$rc"
}
is() { # is GOT WANT NAME: ok when GOT and WANT are the same string
  if [ "$1" = "$2" ]; then
    ok 0 "$3"
    return 0
  fi
  ok 1 "$3"
  case $1$2 in
    *$'\n'*)
      _diag "got and want differ"
      _block got "$1"
      _block want "$2"
      ;;
    *) _diag "got '$1', want '$2'" ;;
  esac
  return 1
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
