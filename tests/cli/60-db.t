#!/usr/bin/env bash
# plugvet db: local OSV feeds (directory, zip, file://) into the SQLite store;
# a failed import leaves the database exactly as before.
. "$(dirname "$0")/lib.sh"
S="$top/tests/data/osv"
DB="$TMP/osv.sqlite"
n=$(ls "$S"/*.json | wc -l)
# GHSA-h755-8qp9-cq85 has fixed "7.2.4, 6.11.4": stored, counted, matched open-ended
mal="; 1 with a malformed range, matched open-ended: GHSA-h755-8qp9-cq85"


"$PV" db --help >"$TMP/h"; ok $? "db --help exits 0"
grep -q -- '--feed' "$TMP/h"; ok $? "db --help documents --feed"
"$PV" db frobnicate --db "$DB" 2>/dev/null; is $? 2 "unknown db subcommand exits 2"
"$PV" db status --db "$TMP/none.sqlite" 2>"$TMP/e"; is $? 2 "status of a missing database exits 2"
grep -q none.sqlite "$TMP/e"; ok $? "the error names the database"

# The default store: $XDG_CACHE_HOME/plugvet, else $HOME/.cache/plugvet
# (main reads the environment; vulndb/store.c gets the values).
XDG_CACHE_HOME=$TMP/xdg HOME=$TMP/home "$PV" db update --feed "$S" >/dev/null
ok $? "db update without --db"
test -f "$TMP/xdg/plugvet/osv.sqlite"; ok $? "... fills \$XDG_CACHE_HOME/plugvet/osv.sqlite"
test -e "$TMP/home/.cache"; is $? 1 "... and nothing under \$HOME then (twin)"
env -u XDG_CACHE_HOME HOME="$TMP/home" "$PV" db status 2>"$TMP/e"; is $? 2 "status of a missing default store exits 2"
grep -q "$TMP/home/.cache/plugvet/osv.sqlite" "$TMP/e"; ok $? "... naming \$HOME/.cache/plugvet/osv.sqlite"
XDG_CACHE_HOME=relative HOME="$TMP/home" "$PV" db status 2>"$TMP/e"
grep -q "$TMP/home/.cache/plugvet/osv.sqlite" "$TMP/e"; ok $? "a relative \$XDG_CACHE_HOME is not used"
env -u XDG_CACHE_HOME -u HOME "$PV" db status 2>"$TMP/e"; is $? 2 "no \$XDG_CACHE_HOME nor \$HOME: exit 2"
grep -q 'no database path' "$TMP/e"; ok $? "... saying there is no database path"

out=$("$PV" db update --db "$DB" --feed "$S"); ok $? "directory feed imports"
is "$out" "$S: imported $n, bad 0$mal" "directory feed summary counts every sample"
"$PV" db status --db "$DB" --json >"$TMP/s1"; ok $? "status --json after import"
grep -q '"malicious":[1-9]' "$TMP/s1"; ok $? "MAL- entries counted as malicious"
grep -q '"schema_version":2' "$TMP/s1"; ok $? "schema version reported"

osv_zip "$TMP/good.zip"
out=$("$PV" db update --db "$TMP/z.sqlite" --feed "file://$TMP/good.zip"); ok $? "file:// zip feed imports"
is "$out" "file://$TMP/good.zip: imported $n, bad 0$mal" "zip feed summary"
counts() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["vulnerabilities"], d["malicious"], d["withdrawn"], [(f["imported"], f["bad"], f["newest_modified"]) for f in d["feeds"]])'; }
"$PV" db status --db "$TMP/z.sqlite" --json | counts >"$TMP/z1"
counts <"$TMP/s1" >"$TMP/s1n"
is "$(cat "$TMP/z1")" "$(cat "$TMP/s1n")" "zip and directory feeds give the same counts and feed records"
"$PV" db status --db "$TMP/z.sqlite" >"$TMP/st"
grep -q "^feed: file://$TMP/good.zip" "$TMP/st" && grep -q '^  imported: [1-9]' "$TMP/st"; ok $? "db status lists the feed with what it imported"

osv_zip "$TMP/bad.zip" "BROKEN-1.json" '{"id":"BROKEN-1"}'
out=$("$PV" db update --db "$TMP/z.sqlite" --feed "$TMP/bad.zip" 2>"$TMP/bad.err"); ok $? "a zip with one invalid entry still imports"
is "$out" "$TMP/bad.zip: imported $n, bad 1: BROKEN-1.json$mal" "the invalid entry is counted and named"
is "$(cat "$TMP/bad.err")" "plugvet db: $TMP/bad.zip: refused BROKEN-1.json: missing string \"modified\"" \
  "... and why it was refused is said on stderr"

sqlite3 "$TMP/z.sqlite" .dump >"$TMP/dump1" 2>/dev/null || "$PV" db status --db "$TMP/z.sqlite" --json >"$TMP/dump1"
head -c 2000 "$TMP/good.zip" >"$TMP/trunc.zip"
"$PV" db update --db "$TMP/z.sqlite" --feed "$TMP/trunc.zip" 2>"$TMP/e"; is $? 2 "a truncated zip is an error"
grep -q "trunc.zip" "$TMP/e"; ok $? "the error names the feed"
sqlite3 "$TMP/z.sqlite" .dump >"$TMP/dump2" 2>/dev/null || "$PV" db status --db "$TMP/z.sqlite" --json >"$TMP/dump2"
cmp -s "$TMP/dump1" "$TMP/dump2"; ok $? "database exactly as before the truncated feed"
printf 'PK\003\004garbage' >"$TMP/corrupt.zip"
"$PV" db update --db "$TMP/z.sqlite" --feed "$TMP/corrupt.zip" 2>/dev/null; is $? 2 "a corrupt zip is an error"
"$PV" db update --db "$TMP/z.sqlite" --feed "$TMP/missing.zip" 2>/dev/null; is $? 2 "a missing feed is an error"
sqlite3 "$TMP/z.sqlite" .dump >"$TMP/dump3" 2>/dev/null || "$PV" db status --db "$TMP/z.sqlite" --json >"$TMP/dump3"
cmp -s "$TMP/dump1" "$TMP/dump3"; ok $? "database exactly as before the corrupt and missing feeds"

# kill -9 in the middle of a large import: the previous database survives.
before=$("$PV" db status --db "$DB" --json)
python3 "$top/tools/gen-osv-feed.py" 60000 "$TMP/big.zip"
"$PV" db update --db "$DB" --feed "$TMP/big.zip" >/dev/null 2>&1 &
pid=$!
sleep 0.7
kill -9 "$pid" 2>/dev/null; killed=$?
wait "$pid" 2>/dev/null
is "$killed" 0 "the large import was still running when killed"
is "$("$PV" db status --db "$DB" --json)" "$before" "after kill -9 the previous counts are intact"
is "$(sqlite3 "$DB" 'PRAGMA integrity_check')" "ok" "integrity_check ok after kill -9"
"$PV" db update --db "$DB" --feed "$TMP/big.zip" >/dev/null; ok $? "the next update after kill -9 succeeds"
"$PV" db status --db "$DB" --json | grep -q '"malicious":60[0-9][0-9]'; ok $? "and its counts include the big feed"
done_testing
