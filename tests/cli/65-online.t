#!/usr/bin/env bash
# plugvet scan --online: the OSV API (played by tests/feed-server.py over the
# real samples) fills the store with the advisories for the dependencies;
# cached afterwards, paged answers followed, an unreachable API leaves the
# offline results.
. "$(dirname "$0")/lib.sh"
p=$top/tests/data/vulns/plugin
W=$TMP/srv; mkdir -p "$W/osv"; cp "$top/tests/data/osv"/*.json "$W/osv/"
python3 "$top/tests/feed-server.py" "$W" >"$TMP/port" 2>"$TMP/server.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
U="http://127.0.0.1:$(head -1 "$TMP/port")"
stats() { python3 -c 'import json,sys,urllib.request; d=json.load(urllib.request.urlopen(sys.argv[1] + "/__stats")); print(sum(v for k, v in d.items() if k.startswith(sys.argv[2])))' "$U" "$1"; }
found() { python3 -c 'import json,sys
for f in json.loads(open(sys.argv[1]).readline())["findings"]:
    if f["rule_id"].startswith("dep."): print(f["rule_id"], f.get("advisory"))' "$1"; }
want="dep.vulnerable CVE-2020-28500
dep.vulnerable CVE-2021-23337
dep.malicious-package MAL-2025-47141"

"$PV" scan -q --fail-on none --db "$TMP/o.sqlite" --json "$TMP/0.jsonl" "$p" >/dev/null 2>&1
is $? 2 "without --online a missing --db store is an error (twin)"
"$PV" scan -q --fail-on none --online --osv-api "$U" --db "$TMP/o.sqlite" --json "$TMP/1.jsonl" "$p" >/dev/null
ok $? "--online with an empty store: the scan runs"
is "$(found "$TMP/1.jsonl")" "$want" "... and finds what the API names, matched locally"
is "$(stats /v1/querybatch)" 1 "... with one querybatch request"
fetched=$(stats /v1/vulns/); check "... and the advisories downloaded ($fetched)" test "$fetched" -ge 3
"$PV" db status --db "$TMP/o.sqlite" --json | grep -q '"malicious":[1-9]'; ok $? "... kept in the store"

"$PV" scan -q --fail-on none --online --osv-api "$U" --db "$TMP/o.sqlite" --json "$TMP/2.jsonl" "$p" >/dev/null
is "$(found "$TMP/2.jsonl")" "$want" "a second --online scan: the same findings"
is "$(stats /v1/vulns/)" "$fetched" "... without downloading a stored advisory again"
"$PV" scan -q --fail-on none --db "$TMP/o.sqlite" --json "$TMP/3.jsonl" "$p" >/dev/null
is "$(found "$TMP/3.jsonl")" "$want" "offline afterwards: the stored advisories still match"
is "$(stats /v1/querybatch)" 2 "... and the API is not asked (twin)"

echo '{"/v1/querybatch": {"page": 1}}' >"$W/.faults.json"
"$PV" scan -q --fail-on none --online --osv-api "$U" --db "$TMP/p.sqlite" --json "$TMP/4.jsonl" "$p" >/dev/null
is "$(found "$TMP/4.jsonl")" "$want" "answers one advisory a page: every page followed"
pages=$(stats /v1/querybatch); check "... over several requests ($((pages - 2)))" test "$pages" -ge 5

echo '{"/v1/querybatch": {"fail": 99}}' >"$W/.faults.json"
"$PV" scan -q --fail-on none --online --osv-api "$U" --db "$TMP/o.sqlite" --json "$TMP/5.jsonl" "$p" >/dev/null 2>&1
ok $? "an API answering 500: the scan still succeeds"
grep -q '"id":"osv-api".*HTTP status 500.*local store only' "$TMP/5.jsonl"; ok $? "... with a note naming the failure"
is "$(found "$TMP/5.jsonl")" "$want" "... and the local store's findings"
"$PV" scan -q --fail-on none --online --no-db "$p" >/dev/null 2>&1; is $? 2 "--online with --no-db: usage error"
done_testing
