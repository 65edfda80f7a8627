#!/usr/bin/env bash
# The OSV store's schema: a store of schema 1 (records as JSON only, what
# plugvet wrote before packed forms) is read as it is, `db update` migrates
# it in one transaction, and findings are the same from the old store, the
# migrated one and a fresh one; a newer schema and a damaged packed form are
# said clearly.
. "$(dirname "$0")/lib.sh"
p=$top/tests/data/vulns/plugin
feed=$TMP/feed
mkdir -p "$feed" "$TMP/empty"
cp "$top"/tests/data/osv/*.json "$feed/"
# A withdrawn record and one with a duplicate key, both on lodash (which the
# plugin pins at 4.17.20): the first never matches, the second is refused
# at match time with a note, whatever the store's schema.
cat >"$feed/GHSA-wdrn-0000-0001.json" <<'EOF'
{"id":"GHSA-wdrn-0000-0001","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z",
 "affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}
EOF
cat >"$feed/GHSA-dupk-0000-0001.json" <<'EOF'
{"id":"GHSA-dupk-0000-0001","modified":"2024-01-01T00:00:00Z","summary":"a","summary":"b",
 "affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}
EOF

# The store as plugvet wrote it with schema 1 (vulndb/store.c before
# packed forms): its tables, its name keys (trimmed, lower-cased), its
# aliases, user_version 1.
python3 - "$feed" "$TMP/v1.sqlite" <<'EOF'
import json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.executescript("""
CREATE TABLE advisories(id TEXT PRIMARY KEY, modified TEXT NOT NULL, withdrawn TEXT,
  malicious INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL);
CREATE TABLE affected(ecosystem TEXT NOT NULL, name TEXT NOT NULL, id TEXT NOT NULL,
  arow INTEGER NOT NULL, PRIMARY KEY(ecosystem, name, id)) WITHOUT ROWID;
CREATE INDEX affected_id ON affected(id);
CREATE TABLE aliases(id TEXT NOT NULL, alias TEXT NOT NULL, PRIMARY KEY(id, alias)) WITHOUT ROWID;
CREATE INDEX aliases_alias ON aliases(alias);
CREATE TABLE feeds(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, newest_modified TEXT,
  updated_at TEXT, imported INTEGER, bad INTEGER, path TEXT);
""")
for f in sorted(os.listdir(sys.argv[1])):
    text = open(os.path.join(sys.argv[1], f)).read()
    j = json.loads(text)
    cur = db.execute("INSERT INTO advisories VALUES(?,?,?,?,?)", (j["id"], j["modified"],
        j.get("withdrawn"), int(j["id"].startswith("MAL-")), text))
    for a in j.get("affected", []):
        if "package" in a:
            db.execute("INSERT OR IGNORE INTO affected VALUES(?,?,?,?)", (a["package"]["ecosystem"],
                a["package"]["name"].strip(" ").lower(), j["id"], cur.lastrowid))
    for al in j.get("aliases", []):
        db.execute("INSERT OR IGNORE INTO aliases VALUES(?,?)", (j["id"], al))
db.execute("INSERT INTO feeds VALUES('old', '', '', '2024-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 1, 0, NULL)")
db.execute("PRAGMA user_version=1")
db.commit()
EOF
ok $? "a schema 1 store, as plugvet wrote it before packed forms"
sq() { # sq DB SQL: the first column of the first row (or nothing), committed
  python3 -c 'import sqlite3,sys
db = sqlite3.connect(sys.argv[1]); r = db.execute(sys.argv[2]).fetchone(); db.commit()
print(r[0] if r else "")' "$@"; }
scan() { # scan DB OUT: JSON lines of the plugin against the store (its age not checked)
  "$PV" scan -q --fail-on none --max-db-age 0 --text /dev/null --db "$1" --json "$2" "$p" 2>"$2.err"
}
findings() { python3 -c 'import json,sys
d = json.loads(open(sys.argv[1]).readline())
for f in d["findings"]: print(f["rule_id"], f.get("advisory"))
for n in d.get("notes", []):
    if "GHSA-dupk" in json.dumps(n): print("note", n.get("id", n.get("kind")))' "$1"; }

"$PV" db update --db "$TMP/new.sqlite" --feed "$feed" >/dev/null; ok $? "a fresh store from the same records"
is "$(sq "$TMP/new.sqlite" 'PRAGMA user_version')" 2 "a fresh store is schema 2"
scan "$TMP/new.sqlite" "$TMP/new.jsonl"; ok $? "scan with the fresh store"
want="dep.vulnerable CVE-2020-28500
dep.vulnerable CVE-2021-23337
dep.malicious-package MAL-2025-47141"
is "$(findings "$TMP/new.jsonl" | grep -v '^note')" "$want" "fresh store: lodash's two groups and the malicious package; the withdrawn record matches nothing"
findings "$TMP/new.jsonl" | grep -q '^note'; ok $? "fresh store: the duplicate-key record is refused at match time with a note"

cp "$TMP/v1.sqlite" "$TMP/keep.sqlite"
scan "$TMP/v1.sqlite" "$TMP/v1.jsonl"; ok $? "a scan reads a schema 1 store as it is"
cmp -s "$TMP/v1.jsonl" "$TMP/new.jsonl"; ok $? "... with findings and notes byte-identical to the fresh store's"
is "$(sq "$TMP/v1.sqlite" 'PRAGMA user_version')" 1 "... and leaves it schema 1 (a scan does not write the store)"
"$PV" db status --db "$TMP/v1.sqlite" --json | grep -q '"schema_version":1'; ok $? "db status reads it: schema 1"

# A migration that fails half-way (a trigger aborts the update of one row)
# leaves the store exactly as it was.
cp "$TMP/v1.sqlite" "$TMP/fail.sqlite"
sq "$TMP/fail.sqlite" "CREATE TRIGGER stop BEFORE UPDATE ON affected WHEN new.id = 'GHSA-35jh-r3h4-6jhm' BEGIN SELECT RAISE(ABORT, 'stop here'); END" >/dev/null 2>&1
sq "$TMP/fail.sqlite" "SELECT count(*) FROM sqlite_master WHERE name = 'stop'" | grep -qx 1; ok $? "(a trigger that stops the migration half-way)"
python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$TMP/fail.sqlite" >"$TMP/fail1"
"$PV" db update --db "$TMP/fail.sqlite" --feed "$TMP/empty" 2>"$TMP/fail.err" >/dev/null
is $? 2 "a failed migration is an error"
grep -q "migration" "$TMP/fail.err"; ok $? "... that says it was the migration"
python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$TMP/fail.sqlite" >"$TMP/fail2"
cmp -s "$TMP/fail1" "$TMP/fail2"; ok $? "... and leaves the store exactly as before (schema 1, no packed column)"

"$PV" db update --db "$TMP/v1.sqlite" --feed "$TMP/empty" >/dev/null; ok $? "db update migrates a schema 1 store (an empty feed: nothing re-imported)"
is "$(sq "$TMP/v1.sqlite" 'PRAGMA user_version')" 2 "... to schema 2"
is "$(sq "$TMP/v1.sqlite" 'SELECT count(*) FROM affected WHERE packed IS NULL')" 0 "... every indexed package has its packed form"
is "$(sq "$TMP/v1.sqlite" "SELECT count(*) FROM affected WHERE id = 'GHSA-wdrn-0000-0001'")" 0 "... and the withdrawn record left the package index"
is "$(sq "$TMP/keep.sqlite" "SELECT count(*) FROM affected WHERE id = 'GHSA-wdrn-0000-0001'")" 1 "(twin: the schema 1 store had it indexed)"
is "$(sq "$TMP/v1.sqlite" 'SELECT count(*) FROM advisories')" "$(sq "$TMP/keep.sqlite" 'SELECT count(*) FROM advisories')" "... with every record kept"
scan "$TMP/v1.sqlite" "$TMP/mig.jsonl"; ok $? "scan with the migrated store"
cmp -s "$TMP/mig.jsonl" "$TMP/new.jsonl"; ok $? "... findings and notes byte-identical to the fresh store's"
"$PV" db update --db "$TMP/v1.sqlite" --feed "$TMP/empty" >/dev/null; ok $? "opening a migrated store again changes nothing"

# Twins: what a store must not be.
cp "$TMP/new.sqlite" "$TMP/newer.sqlite"
sq "$TMP/newer.sqlite" 'PRAGMA user_version=99' >/dev/null 2>&1
"$PV" scan -q --fail-on none --db "$TMP/newer.sqlite" --text /dev/null "$p" 2>"$TMP/e"; is $? 2 "a store of a newer schema is refused"
grep -q "schema 99 is newer than this plugvet" "$TMP/e"; ok $? "... saying so"
cp "$TMP/new.sqlite" "$TMP/damaged.sqlite"
sq "$TMP/damaged.sqlite" "UPDATE affected SET packed = x'50010105' WHERE id = 'GHSA-35jh-r3h4-6jhm'" >/dev/null 2>&1
scan "$TMP/damaged.sqlite" "$TMP/dmg.jsonl"; ok $? "a damaged packed form does not stop the scan"
grep -q 'GHSA-35jh-r3h4-6jhm: stored form is damaged: run `plugvet db update`' "$TMP/dmg.jsonl"; ok $? "... a note names the record and says what to do"
findings "$TMP/dmg.jsonl" | grep -q "MAL-2025-47141"; ok $? "... and the other records still match"
done_testing
