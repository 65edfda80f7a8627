#!/usr/bin/env bash
# plugvet db update over HTTP, against a real server on loopback
# (tests/feed-server.py): first download, 304, 500 then success, 500 for
# ever, truncated and corrupt downloads, an invalid entry, the size cap,
# the time limit, kill -9 mid-download, and incremental updates from
# modified_id.csv. After each the database is updated or exactly as before.
. "$(dirname "$0")/lib.sh"
S="$top/tests/data/osv"
n=$(ls "$S"/*.json | wc -l)
# GHSA-h755-8qp9-cq85 has fixed "7.2.4, 6.11.4": stored, counted, matched open-ended
mal="; 1 with a malformed range, matched open-ended: GHSA-h755-8qp9-cq85"
W=$TMP/srv; mkdir -p "$W"
for d in a b c d g n s; do osv_zip "$W/$d/all.zip"; done
mv "$W/n/all.zip" "$W/n/feed.zip"
osv_zip "$W/f/all.zip" "BROKEN-1.json" '{"id":"BROKEN-1"}'
mkdir -p "$W/e"; head -c 5000 /dev/urandom >"$W/e/all.zip"
cat >"$W/.faults.json" <<'J'
{"/b/all.zip": {"fail": 2}, "/c/all.zip": {"fail": 99}, "/d/all.zip": {"truncate": 1000},
 "/s/all.zip": {"delay": 6}}
J
python3 "$top/tests/feed-server.py" "$W" >"$TMP/port" 2>"$TMP/server.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
U="http://127.0.0.1:$(head -1 "$TMP/port")"
stats() { python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/__stats")).get(sys.argv[2], 0))' "$U" "$1"; }
dump() { sqlite3 "$1" .dump; }
upd() { "$PV" db update --retries 2 "$@"; }

# First download, then nothing new.
out=$(upd --db "$TMP/a.sqlite" --feed "$U/n/feed.zip"); ok $? "an HTTP feed imports"
is "$out" "$U/n/feed.zip: imported $n, bad 0$mal" "... every entry of the zip"
"$PV" db status --db "$TMP/a.sqlite" >"$TMP/st"
grep -q "^feed: $U/n/feed.zip" "$TMP/st" && grep -q '^  etag: "' "$TMP/st" && grep -q '^  last-modified: ' "$TMP/st"
ok $? "db status shows the feed, its ETag and Last-Modified"
dump "$TMP/a.sqlite" >"$TMP/d1"
out=$(upd --db "$TMP/a.sqlite" --feed "$U/n/feed.zip"); ok $? "a second update succeeds"
is "$out" "$U/n/feed.zip: unchanged" "... and says the feed is unchanged (304)"
is "$(stats /n/feed.zip)" 2 "... after one conditional request"
dump "$TMP/a.sqlite" >"$TMP/d2"; cmp -s "$TMP/d1" "$TMP/d2"; ok $? "... leaving the database byte for byte"
touch -d '2030-01-01' "$W/n/feed.zip"
python3 - "$W/n/feed.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "a") as z:
    z.writestr("EXTRA-1.json", '{"id":"EXTRA-1","modified":"2030-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"versions":["1.0.0"]}]}')
PY
out=$(upd --db "$TMP/a.sqlite" --feed "$U/n/feed.zip"); is "$out" "$U/n/feed.zip: imported $((n + 1)), bad 0$mal" \
  "a changed feed (new ETag) is downloaded again (twin)"

# Retries, and failures that leave the database as it was.
out=$(upd --db "$TMP/b.sqlite" --feed "$U/b/all.zip" 2>&1); ok $? "500 twice, then success: imported"
is "$(stats /b/all.zip)" 3 "... after two retries"
dump "$TMP/a.sqlite" >"$TMP/before"
for case in "c/all.zip:HTTP status 500" "d/all.zip:truncated download" "e/all.zip:not a zip archive"; do
  path=${case%%:*} why=${case#*:}
  upd --db "$TMP/a.sqlite" --feed "$U/$path" 2>"$TMP/e"; is $? 2 "$path: exit 2"
  grep -q "$U/$path.*$why" "$TMP/e"; ok $? "... naming the URL and why ($why)"
  dump "$TMP/a.sqlite" >"$TMP/after"; cmp -s "$TMP/before" "$TMP/after"; ok $? "... database unchanged"
done
is "$(stats /c/all.zip)" 3 "500 for ever: three attempts with --retries 2, then given up"
out=$(upd --db "$TMP/f.sqlite" --feed "$U/f/all.zip" 2>"$TMP/f.err"); ok $? "a zip with one invalid entry imports"
grep -q 'refused BROKEN-1.json: missing string "modified"' "$TMP/f.err"; ok $? "... saying on stderr why one was refused"
is "$out" "$U/f/all.zip: imported $n, bad 1: BROKEN-1.json$mal" "... counting and naming the invalid one"
upd --db "$TMP/x.sqlite" --max-feed-bytes 1K --feed "$U/a/all.zip" 2>"$TMP/e"; is $? 2 "over --max-feed-bytes: exit 2"
grep -q 'larger than the 1024-byte limit' "$TMP/e"; ok $? "... saying so"
upd --db "$TMP/x.sqlite" --timeout 1 --retries 0 --feed "$U/s/all.zip" 2>"$TMP/e"; is $? 2 "a server slower than --timeout: exit 2"
grep -qi 'timed out' "$TMP/e"; ok $? "... saying it timed out"
upd --db "$TMP/x.sqlite" --feed "http://127.0.0.1:1/all.zip" --retries 0 2>"$TMP/e"; is $? 2 "no server: exit 2"
upd --db "$TMP/x.sqlite" --feed "ftp://127.0.0.1/all.zip" 2>"$TMP/e"; is $? 2 "an ftp:// feed is refused"

# kill -9 in the middle of a download: the previous database stays.
dump "$TMP/a.sqlite" >"$TMP/before"
upd --db "$TMP/a.sqlite" --feed "$U/s/all.zip" >/dev/null 2>&1 &
pid=$!; sleep 1; kill -9 $pid; wait $pid 2>/dev/null
dump "$TMP/a.sqlite" >"$TMP/after"; cmp -s "$TMP/before" "$TMP/after"; ok $? "kill -9 mid-download: database unchanged"
"$PV" db status --db "$TMP/a.sqlite" >/dev/null; ok $? "... and readable"

# Incremental updates of an OSV bucket feed (…/all.zip + modified_id.csv).
G=$W/g
out=$(upd --db "$TMP/g.sqlite" --feed "$U/g/all.zip" 2>"$TMP/e"); is "$out" "$U/g/all.zip: imported $n, bad 0$mal" "first import of a bucket feed: the zip"
grep -q 'no incremental update' "$TMP/e"; is $? 1 "... with no talk of increments the first time"
python3 - "$S" "$G" <<'PY'
import glob, json, os, sys
src, g = sys.argv[1], sys.argv[2]
rows = []
for f in sorted(glob.glob(src + "/*.json")):
    d = json.load(open(f)); rows.append((d["modified"], d["id"]))
lodash = json.load(open(src + "/GHSA-29mw-wpgm-hmr9.json"))
lodash["modified"] = "2031-01-01T00:00:00.5Z"; lodash["summary"] = "changed upstream"
json.dump(lodash, open(g + "/GHSA-29mw-wpgm-hmr9.json", "w"))
new = {"id": "PLUGVET-2031-1", "modified": "2031-01-02T00:00:00Z", "summary": "new",
       "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"}, "versions": ["1.3.0"]}]}
json.dump(new, open(g + "/PLUGVET-2031-1.json", "w"))
rows = [r for r in rows if r[1] != lodash["id"]] + [(lodash["modified"], lodash["id"]), (new["modified"], new["id"])]
with open(g + "/modified_id.csv", "w") as f:
    for m, i in sorted(rows, reverse=True): f.write("%s,%s\n" % (m, i))
PY
before=$("$PV" db status --db "$TMP/g.sqlite" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["vulnerabilities"])')
out=$(upd --db "$TMP/g.sqlite" --feed "$U/g/all.zip"); ok $? "an incremental update succeeds"
is "$out" "$U/g/all.zip: incremental, imported 2, bad 0" "... fetching only the two changed records"
is "$(stats /g/all.zip)" 1 "... without downloading the zip again"
is "$(stats /g/PLUGVET-2031-1.json)" 1 "... but the new record"
after=$("$PV" db status --db "$TMP/g.sqlite" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["vulnerabilities"], d["feeds"][0]["newest_modified"])')
is "$after" "$((before + 1)) 2031-01-02T00:00:00Z" "the new advisory is stored and the feed's newest record moves on"
sqlite3 "$TMP/g.sqlite" "SELECT json FROM advisories WHERE id='GHSA-29mw-wpgm-hmr9'" | grep -q 'changed upstream'; ok $? "the changed record replaced the old one"
dump "$TMP/g.sqlite" >"$TMP/g1"
out=$(upd --db "$TMP/g.sqlite" --feed "$U/g/all.zip"); is "$out" "$U/g/all.zip: unchanged" "nothing newer in the CSV: unchanged"
dump "$TMP/g.sqlite" >"$TMP/g2"; cmp -s "$TMP/g1" "$TMP/g2"; ok $? "... database unchanged"
is "$(stats /g/all.zip)" 1 "... and still no zip download"
printf '2032-01-01T00:00:00Z,../../etc/passwd\n' | cat - "$G/modified_id.csv" >"$TMP/csv" && mv "$TMP/csv" "$G/modified_id.csv"
out=$(upd --db "$TMP/g.sqlite" --feed "$U/g/all.zip" 2>"$TMP/e"); ok $? "a malformed CSV row: the update still succeeds"
grep -q 'modified_id.csv line 1 is not "modified,ID"' "$TMP/e"; ok $? "... naming the row, falling back to the zip"
is "$out" "$U/g/all.zip: unchanged" "... which the server says is unchanged (304)"
rm "$G/modified_id.csv"
upd --db "$TMP/g.sqlite" --feed "$U/g/all.zip" >/dev/null 2>"$TMP/e"; ok $? "no modified_id.csv (404): the update still succeeds"
grep -q 'modified_id.csv: HTTP status 404' "$TMP/e"; ok $? "... saying why it fell back to the zip"

# A progress bar on a terminal only.
script -qec "$PV db update --db $TMP/p.sqlite --feed $U/a/all.zip" /dev/null >"$TMP/tty" 2>&1
grep -q 'MiB' "$TMP/tty"; ok $? "a terminal gets a progress bar"
upd --db "$TMP/p2.sqlite" --feed "$U/a/all.zip" >/dev/null 2>"$TMP/e"
grep -q 'MiB' "$TMP/e"; is $? 1 "... a pipe does not (twin)"

# libcurl is opened at the first download (dlopen), not linked: a scan needs
# none of it; a download without it says which package is missing. Hidden
# here by a bind mount over the library in a mount namespace of our own.
so=$(ldconfig -p | awk '/libcurl\.so\.4 .*x86-64/ {print $NF; exit}')
if [ "$(id -u)" = 0 ] && [ -n "$so" ] && unshare -m true 2>/dev/null; then
  real=$(readlink -f "$so")
  ! objdump -p "$PV" | grep -q 'NEEDED.*libcurl'; ok $? "plugvet does not link libcurl"
  unshare -m sh -c "mount --bind /dev/null '$real' &&
    '$PV' db update --db '$TMP/nocurl.sqlite' --feed '$U/a/all.zip' >'$TMP/nc.out' 2>&1; echo \$? >'$TMP/nc.rc';
    printf 'eval(x);\\n' >'$TMP/nc.js';
    '$PV' scan '$TMP/nc.js' --format compact --text - >'$TMP/ncs.out' 2>/dev/null; echo \$? >'$TMP/ncs.rc'"
  is "$(cat "$TMP/nc.rc")" 2 "without libcurl: db update fails (exit 2)"
  grep -q 'cannot load libcurl (Debian package libcurl4)' "$TMP/nc.out"; ok $? "... naming the package"
  is "$(cat "$TMP/ncs.rc")" 1 "... while a scan runs as ever (exit 1: a finding)"
  grep -q 'nc.js:1:1: high js.code-injection' "$TMP/ncs.out"; ok $? "... and finds the eval"
else
  for i in 1 2 3 4 5; do skip "needs root and unshare -m to hide libcurl"; done
fi
done_testing
