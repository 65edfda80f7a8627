/* store.c — the local OSV store on SQLite (see store.h). */
#include "store.h"

#include <ctype.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osv.h"
#include "osvpack.h"

/* 1: records as JSON; 2: and their packed form (osvpack.h) */
#define PV_STORE_SCHEMA 2

struct pv_store {
  sqlite3 *db;
  int schema; /* of the open file: PV_STORE_SCHEMA, or 1 read-only */
  sqlite3_stmt *lookup;
  sqlite3_stmt *put_adv, *del_aff, *del_alias, *put_aff, *put_alias;
  sqlite3_stmt *get_mod;  /* the stored `modified` of an id */
  char newest[64];        /* newest `modified` put since pv_store_begin */
  pv_store_skips skipped; /* left out since pv_store_begin */
};

/* affected.packed: the record's packed form for that package (osvpack.h),
 * beside its key, so a lookup reads one range of one b-tree. */
static const char *SCHEMA_SQL =
    "CREATE TABLE IF NOT EXISTS advisories(id TEXT PRIMARY KEY, modified TEXT NOT NULL,"
    " withdrawn TEXT, malicious INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS affected(ecosystem TEXT NOT NULL, name TEXT NOT NULL,"
    " id TEXT NOT NULL, arow INTEGER NOT NULL, packed BLOB, PRIMARY KEY(ecosystem, name, id))"
    " WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS affected_id ON affected(id);"
    "CREATE TABLE IF NOT EXISTS aliases(id TEXT NOT NULL, alias TEXT NOT NULL,"
    " PRIMARY KEY(id, alias)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS aliases_alias ON aliases(alias);"
    "CREATE TABLE IF NOT EXISTS feeds(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
    " newest_modified TEXT, updated_at TEXT, imported INTEGER, bad INTEGER, path TEXT);";

const char *pv_store_default_path(const char *xdg_cache_home, const char *home, char *buf,
                                  size_t n) {
  int w;
  if (xdg_cache_home && xdg_cache_home[0] == '/')
    w = snprintf(buf, n, "%s/plugvet/osv.sqlite", xdg_cache_home);
  else if (home && home[0] == '/')
    w = snprintf(buf, n, "%s/.cache/plugvet/osv.sqlite", home);
  else
    return NULL;
  return (w < 0 || (size_t)w >= n) ? NULL : buf;
}

static void col_text(sqlite3_stmt *st, int i, char *dst, size_t cap);

static pv_status sql_fail(pv_store *s, const char *what, pv_error *err) {
  return pv_error_set(err, PV_FAILED, "osv store: %s: %s", what,
                      s && s->db ? sqlite3_errmsg(s->db) : "no database");
}

static int exec(pv_store *s, const char *sql) {
  return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static int user_version(pv_store *s) {
  sqlite3_stmt *st;
  int v = -1;
  if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return v;
}

static int prep(pv_store *s, sqlite3_stmt **st, const char *sql);

/* One record as matching reads it: parsed (o; warn set when a range holds
 * an unreadable version), or refused by a lookup's parse (o NULL, warn
 * says why). cap bounds its packed forms. */
typedef struct {
  pv_arena *a;
  pv_osv *o;
  char warn[sizeof((pv_error *)0)->msg];
  size_t cap;
} parsed;

static pv_status pack_for(const parsed *p, const char *key, pv_buf *b, pv_error *err);
static pv_status parse_stored(const char *json, size_t n, const char *id, parsed *p, pv_error *err);

/* Pack the record of id (p) into each of its rows of affected (migration). */
static pv_status pack_rows(pv_store *s, sqlite3_stmt *keys, sqlite3_stmt *upd, const char *id,
                           const parsed *p, pv_error *err) {
  pv_status rc = PV_OK;
  sqlite3_bind_text(keys, 1, id, -1, SQLITE_TRANSIENT);
  while (rc == PV_OK && sqlite3_step(keys) == SQLITE_ROW) {
    pv_buf b;
    pv_buf_init(&b, p->cap);
    rc = pack_for(p, (const char *)sqlite3_column_text(keys, 1), &b, err);
    sqlite3_bind_blob(upd, 1, b.data, (int)b.len, SQLITE_STATIC);
    for (int c = 0; c < 3; c++)
      sqlite3_bind_value(upd, c + 2, sqlite3_column_value(keys, c));
    if (rc == PV_OK && sqlite3_step(upd) != SQLITE_DONE)
      rc = sql_fail(s, "schema migration", err);
    sqlite3_reset(upd);
    pv_buf_free(&b);
  }
  sqlite3_reset(keys);
  return rc;
}

/* The packed forms of the advisory at the current row of next. */
static pv_status migrate_record(pv_store *s, sqlite3_stmt *next, sqlite3_stmt *keys,
                                sqlite3_stmt *upd, pv_error *err) {
  const char *id = (const char *)sqlite3_column_text(next, 1);
  const char *json = (const char *)sqlite3_column_text(next, 2);
  size_t n = (size_t)sqlite3_column_bytes(next, 2);
  parsed p = {.a = pv_arena_new(0), .cap = 2 * n + 4096};
  if (p.a == NULL)
    return pv_error_set(err, PV_FATAL, "osv store: out of memory");
  pv_status rc = parse_stored(json ? json : "", n, id ? id : "?", &p, err);
  if (rc == PV_OK)
    rc = pack_rows(s, keys, upd, id ? id : "?", &p, err);
  pv_arena_delete(p.a);
  return rc;
}

/* Schema 1 to 2 (inside the migration's transaction): withdrawn records
 * leave the package index, every other one's rows get their packed form;
 * records walked by rowid. */
static pv_status add_packed(pv_store *s, pv_error *err) {
  sqlite3_stmt *next = NULL, *keys = NULL, *upd = NULL;
  pv_status rc = PV_OK;
  if (!exec(s, "ALTER TABLE affected ADD COLUMN packed BLOB") ||
      !exec(s,
            "DELETE FROM affected WHERE id IN"
            " (SELECT id FROM advisories WHERE withdrawn IS NOT NULL)") ||
      !prep(s, &next,
            "SELECT rowid, id, json FROM advisories WHERE rowid > ?1 AND withdrawn IS NULL"
            " ORDER BY rowid LIMIT 1") ||
      !prep(s, &keys, "SELECT ecosystem, name, id FROM affected WHERE id = ?1") ||
      !prep(s, &upd,
            "UPDATE affected SET packed = ?1 WHERE ecosystem = ?2 AND name = ?3 AND id = ?4"))
    rc = sql_fail(s, "schema migration", err);
  for (sqlite3_int64 last = -1; rc == PV_OK; sqlite3_reset(next)) {
    sqlite3_bind_int64(next, 1, last);
    int step = sqlite3_step(next);
    if (step != SQLITE_ROW) {
      rc = step == SQLITE_DONE ? PV_OK : sql_fail(s, "schema migration", err);
      break;
    }
    last = sqlite3_column_int64(next, 0);
    rc = migrate_record(s, next, keys, upd, err);
  }
  sqlite3_finalize(next);
  sqlite3_finalize(keys);
  sqlite3_finalize(upd);
  return rc;
}

/* Create the schema (v 0) or migrate an older one to PV_STORE_SCHEMA, in
 * one transaction: a failed or killed migration leaves the old store. */
static pv_status migrate(pv_store *s, pv_error *err) {
  int v = user_version(s);
  if (v == PV_STORE_SCHEMA)
    return PV_OK;
  if (v > PV_STORE_SCHEMA || v < 0)
    return pv_error_set(err, PV_FAILED,
                        "osv store: schema version %d is newer than this plugvet (%d)", v,
                        PV_STORE_SCHEMA);
  if (!exec(s, "BEGIN IMMEDIATE"))
    return sql_fail(s, "begin migration", err);
  pv_status rc = exec(s, SCHEMA_SQL) ? PV_OK : sql_fail(s, "schema migration", err);
  if (rc == PV_OK && v == 1)
    rc = add_packed(s, err);
  if (rc == PV_OK && (!exec(s, "PRAGMA user_version=2") || !exec(s, "COMMIT")))
    rc = sql_fail(s, "schema migration", err);
  if (rc != PV_OK)
    exec(s, "ROLLBACK");
  return rc;
}

/* The schema of a store opened read-only: PV_STORE_SCHEMA, or 1 (read
 * from JSON); anything else is refused with what to do. */
static pv_status read_schema(pv_store *s, const char *path, pv_error *err) {
  s->schema = user_version(s);
  if (s->schema == PV_STORE_SCHEMA || s->schema == 1)
    return PV_OK;
  if (s->schema > PV_STORE_SCHEMA)
    return pv_error_set(err, PV_FAILED,
                        "%s: OSV database schema %d is newer than this plugvet (%d): update "
                        "plugvet or rebuild it with `plugvet db update`",
                        path, s->schema, PV_STORE_SCHEMA);
  return pv_error_set(err, PV_FAILED, "%s: not a plugvet OSV database (schema %d)", path,
                      s->schema);
}

static int prep(pv_store *s, sqlite3_stmt **st, const char *sql) {
  return sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK;
}

/* A schema 1 store has no packed forms: its lookups read the JSON. */
static pv_status prepare_all(pv_store *s, pv_error *err) {
  if (!prep(s, &s->lookup,
            s->schema == 1
                ? "SELECT a.id, NULL, a.json FROM affected f JOIN advisories a ON a.rowid = f.arow"
                  " WHERE f.ecosystem = ?1 AND f.name = ?2 AND a.withdrawn IS NULL ORDER BY a.id"
                : "SELECT id, packed, NULL FROM affected WHERE ecosystem = ?1 AND name = ?2"
                  " ORDER BY id"))
    return sql_fail(s, "prepare lookup", err);
  if (s->schema != PV_STORE_SCHEMA)
    return PV_OK; /* read-only */
  if (!prep(s, &s->put_adv,
            "INSERT OR REPLACE INTO advisories(id, modified, withdrawn, malicious, json)"
            " VALUES(?1,?2,?3,?4,?5)") ||
      !prep(s, &s->del_aff, "DELETE FROM affected WHERE id = ?1") ||
      !prep(s, &s->del_alias, "DELETE FROM aliases WHERE id = ?1") ||
      !prep(s, &s->put_aff,
            "INSERT OR IGNORE INTO affected(ecosystem, name, id, arow, packed)"
            " VALUES(?1,?2,?3,?4,?5)") ||
      !prep(s, &s->put_alias, "INSERT OR IGNORE INTO aliases VALUES(?1,?2)") ||
      !prep(s, &s->get_mod, "SELECT modified FROM advisories WHERE id = ?1"))
    return sql_fail(s, "prepare import statements", err);
  return PV_OK;
}

pv_status pv_store_open(const char *path, int writable, pv_store **out, pv_error *err) {
  *out = NULL;
  pv_store *s = calloc(1, sizeof *s);
  if (!s)
    return pv_error_set(err, PV_FATAL, "osv store: out of memory");
  /* one handle per thread (store.h), so no SQLite mutex on it */
  int flags = SQLITE_OPEN_NOMUTEX |
              (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
  if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
    pv_error_set(err, PV_FAILED, "%s: cannot open OSV database: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : "out of memory");
    pv_store_close(s);
    return PV_FAILED;
  }
  sqlite3_busy_timeout(s->db, 10000);
  exec(s, "PRAGMA mmap_size=268435456");
  exec(s, "PRAGMA cache_size=-65536");
  pv_status st = PV_OK;
  if (writable && !exec(s, "PRAGMA journal_mode=WAL"))
    st = sql_fail(s, "WAL mode", err);
  if (st == PV_OK && writable) {
    st = migrate(s, err);
    s->schema = PV_STORE_SCHEMA;
  }
  if (st == PV_OK && !writable)
    st = read_schema(s, path, err);
  if (st == PV_OK)
    st = prepare_all(s, err);
  if (st != PV_OK) {
    char why[sizeof err->msg];
    snprintf(why, sizeof why, "%s", err ? err->msg : "");
    pv_error_set(err, st, "%s: %s", path, why);
    pv_store_close(s);
    return st;
  }
  *out = s;
  return PV_OK;
}

void pv_store_close(pv_store *s) {
  if (!s)
    return;
  sqlite3_stmt *all[] = {s->lookup,  s->put_adv,   s->del_aff, s->del_alias,
                         s->put_aff, s->put_alias, s->get_mod};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    sqlite3_finalize(all[i]);
  sqlite3_close(s->db);
  free(s);
}

/* npm normalisation for index keys: lower-case, trimmed. */
static void norm_name(const char *in, char *out, size_t n) {
  size_t i = 0;
  while (*in == ' ')
    in++;
  for (; *in && i + 1 < n; in++)
    out[i++] = (char)tolower((unsigned char)*in);
  while (i > 0 && out[i - 1] == ' ')
    i--;
  out[i] = 0;
}

pv_status pv_store_each_for_package(pv_store *s, const char *ecosystem, const char *name,
                                    pv_store_fn fn, void *ctx, pv_error *err) {
  char key[512];
  norm_name(name, key, sizeof key);
  sqlite3_reset(s->lookup);
  sqlite3_bind_text(s->lookup, 1, ecosystem, -1, SQLITE_STATIC);
  sqlite3_bind_text(s->lookup, 2, key, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(s->lookup)) == SQLITE_ROW) {
    pv_store_rec rec = {.id = (const char *)sqlite3_column_text(s->lookup, 0),
                        .packed = sqlite3_column_blob(s->lookup, 1),
                        .packed_n = (size_t)sqlite3_column_bytes(s->lookup, 1),
                        .json = (const char *)sqlite3_column_text(s->lookup, 2),
                        .json_n = (size_t)sqlite3_column_bytes(s->lookup, 2)};
    if (rec.id == NULL || (rec.packed == NULL && rec.json == NULL)) {
      rec.id = rec.id ? rec.id : "?"; /* a damaged row: matching notes it */
      rec.packed = s->schema == 1 ? NULL : "";
      rec.json = "";
    }
    if (fn(ctx, &rec))
      break;
  }
  pv_status st = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? PV_OK : sql_fail(s, "lookup", err);
  sqlite3_reset(s->lookup);
  return st;
}

static int64_t count(pv_store *s, const char *sql, int *ok) {
  sqlite3_stmt *st;
  int64_t v = 0;
  if (!prep(s, &st, sql)) {
    *ok = 0;
    return 0;
  }
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else
    *ok = 0;
  sqlite3_finalize(st);
  return v;
}

pv_status pv_store_counts_get(pv_store *s, pv_store_counts *out, pv_error *err) {
  int ok = 1;
  memset(out, 0, sizeof *out);
  out->vulnerabilities = (uint64_t)count(
      s, "SELECT count(*) FROM advisories WHERE withdrawn IS NULL AND malicious = 0", &ok);
  out->malicious = (uint64_t)count(s, "SELECT count(*) FROM advisories WHERE malicious = 1", &ok);
  out->withdrawn =
      (uint64_t)count(s, "SELECT count(*) FROM advisories WHERE withdrawn IS NOT NULL", &ok);
  out->schema_version = user_version(s);
  return ok ? PV_OK : sql_fail(s, "counts", err);
}

pv_status pv_store_freshness_get(pv_store *s, pv_store_freshness *out, pv_error *err) {
  int ok = 1;
  sqlite3_stmt *st = NULL;
  memset(out, 0, sizeof *out);
  out->has_records = count(s, "SELECT EXISTS(SELECT 1 FROM advisories)", &ok) != 0;
  if (!ok || !prep(s, &st, "SELECT max(updated_at) FROM feeds")) {
    return sql_fail(s, "freshness", err);
  }
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    col_text(st, 0, out->updated_at, sizeof out->updated_at);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_ROW ? PV_OK : sql_fail(s, "freshness", err);
}

pv_status pv_store_read_begin(pv_store *s, pv_error *err) {
  return exec(s, "BEGIN DEFERRED") ? PV_OK : sql_fail(s, "begin read", err);
}

void pv_store_read_end(pv_store *s) {
  exec(s, "COMMIT");
}

pv_status pv_store_begin(pv_store *s, pv_error *err) {
  s->newest[0] = '\0';
  memset(&s->skipped, 0, sizeof s->skipped);
  return exec(s, "BEGIN IMMEDIATE") ? PV_OK : sql_fail(s, "begin import", err);
}

pv_status pv_store_commit(pv_store *s, pv_error *err) {
  if (exec(s, "COMMIT"))
    return PV_OK;
  pv_status st = sql_fail(s, "commit import", err);
  exec(s, "ROLLBACK");
  return st;
}

void pv_store_rollback(pv_store *s) {
  exec(s, "ROLLBACK");
}

static int step_done(sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE;
}

/* Index one affected package of advisory id with the record's packed
 * form for it (check_entry made sure a package has a string ecosystem and
 * name). PV_FATAL when the write failed. */
static pv_status index_package(pv_store *s, const char *id, sqlite3_int64 arow, json_t *pkg,
                               const parsed *p, pv_error *err) {
  const char *eco = json_string_value(json_object_get(pkg, "ecosystem"));
  const char *name = json_string_value(json_object_get(pkg, "name"));
  char key[512];
  pv_buf b;
  norm_name(name, key, sizeof key);
  pv_buf_init(&b, p->cap);
  pv_status rc = pack_for(p, key, &b, err);
  sqlite3_bind_text(s->put_aff, 1, eco, -1, SQLITE_STATIC);
  sqlite3_bind_text(s->put_aff, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(s->put_aff, 3, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s->put_aff, 4, arow);
  sqlite3_bind_blob(s->put_aff, 5, b.data, (int)b.len, SQLITE_STATIC);
  if (rc == PV_OK && !step_done(s->put_aff))
    rc = pv_error_set(err, PV_FATAL, "osv store: writing %s: %s", id, sqlite3_errmsg(s->db));
  pv_buf_free(&b);
  return rc;
}

/* Index the affected[] packages (unless the record is withdrawn: lookups
 * never return it) and aliases of advisory id; an affected entry without
 * a package (GIT-only ranges) is counted and left out. */
static int index_entry(pv_store *s, const char *id, sqlite3_int64 arow, json_t *root,
                       const parsed *p, pv_error *err) {
  size_t i;
  json_t *a;
  int withdrawn = json_is_string(json_object_get(root, "withdrawn"));
  json_array_foreach(json_object_get(root, "affected"), i, a) {
    json_t *pkg = json_object_get(a, "package");
    if (pkg == NULL) {
      s->skipped.no_package++;
      continue;
    }
    if (!withdrawn && index_package(s, id, arow, pkg, p, err) != PV_OK) {
      return 0;
    }
  }
  json_array_foreach(json_object_get(root, "aliases"), i, a) {
    if (!json_is_string(a))
      continue;
    sqlite3_bind_text(s->put_alias, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s->put_alias, 2, json_string_value(a), -1, SQLITE_STATIC);
    if (!step_done(s->put_alias))
      return 0;
  }
  return 1;
}

/* PV_OK, or PV_FAILED naming why the entry is not a usable OSV record. */
static pv_status check_entry(json_t *root, const char *name, pv_error *err) {
  if (!json_is_object(root))
    return pv_error_set(err, PV_FAILED, "%s: not a JSON object", name);
  if (!json_is_string(json_object_get(root, "id")) ||
      !json_string_length(json_object_get(root, "id")))
    return pv_error_set(err, PV_FAILED, "%s: missing string \"id\"", name);
  if (!json_is_string(json_object_get(root, "modified")))
    return pv_error_set(err, PV_FAILED, "%s: missing string \"modified\"", name);
  json_t *aff = json_object_get(root, "affected"), *a;
  if (aff && !json_is_array(aff))
    return pv_error_set(err, PV_FAILED, "%s: \"affected\" is not an array", name);
  size_t i;
  json_array_foreach(aff, i, a) {
    if (!json_is_object(a)) {
      return pv_error_set(err, PV_FAILED, "%s: affected[%zu] is not an object", name, i);
    }
    json_t *pkg = json_object_get(a, "package");
    if (!pkg)
      continue; /* OSV allows affected entries without package (e.g. git) */
    if (!json_is_string(json_object_get(pkg, "ecosystem")) ||
        !json_is_string(json_object_get(pkg, "name")))
      return pv_error_set(err, PV_FAILED, "%s: affected[%zu].package lacks ecosystem/name", name,
                          i);
  }
  return PV_OK;
}

/* Remember that advisory id has a malformed range (the first few ids). */
static void count_malformed(pv_store *s, const char *id) {
  pv_store_skips *k = &s->skipped;
  size_t l = strlen(k->malformed_ids);
  k->malformed++;
  if (k->malformed <= 3) {
    snprintf(k->malformed_ids + l, sizeof k->malformed_ids - l, "%s%s", l ? ", " : "", id);
  }
}

/* The packed form of p for package key (osvpack.h) into b; PV_FATAL when
 * it does not fit (cannot happen: cap is twice the JSON) or out of memory. */
static pv_status pack_for(const parsed *p, const char *key, pv_buf *b, pv_error *err) {
  pv_osv_pack(p->o, p->warn[0] ? p->warn : NULL, key, b);
  if (pv_buf_status(b) == PV_OK)
    return PV_OK;
  return pv_error_set(err, PV_FATAL, "osv store: packing %s: %s", p->o ? p->o->id : "a record",
                      pv_buf_status(b) == PV_FATAL ? "out of memory" : "too large");
}

/* The entry read as OSV (osv.h) into p: PV_FAILED refuses it (an empty
 * events array, an unknown range type or event...); *malformed = 1 when a
 * range holds a version that is not SemVer; PV_FATAL on out of memory. */
static pv_status check_osv(const json_t *root, const char *name, int *malformed, parsed *p,
                           pv_error *err) {
  pv_error e = {0};
  pv_status rc = pv_osv_parse(p->a, root, name, &p->o, &e);
  *malformed = rc == PV_WARN;
  if (rc == PV_WARN) {
    snprintf(p->warn, sizeof p->warn, "%s", e.msg);
    rc = PV_OK;
  } else if (rc != PV_OK) {
    pv_error_set(err, rc, "%s: %s", name, e.msg);
  }
  return rc;
}

/* A stored record's JSON (migration) into p as a lookup parsing it would
 * read it: one it refuses is kept as refused, with the same message.
 * PV_FATAL: out of memory. */
static pv_status parse_stored(const char *json, size_t n, const char *id, parsed *p,
                              pv_error *err) {
  pv_error e = {0};
  pv_status rc = pv_osv_parse_text(p->a, json, n, id, &p->o, &e);
  if (rc == PV_FATAL)
    return pv_error_set(err, rc, "%s", e.msg);
  if (rc != PV_OK)
    snprintf(p->warn, sizeof p->warn, "%s", e.msg);
  if (rc == PV_FAILED)
    p->o = NULL;
  return PV_OK;
}

/* *newer = 1 when the stored copy of id is newer than `modified`. PV_FATAL
 * when the store cannot be read. */
static pv_status stored_newer(pv_store *s, const char *id, const char *modified, int *newer,
                              pv_error *err) {
  sqlite3_reset(s->get_mod);
  sqlite3_bind_text(s->get_mod, 1, id, -1, SQLITE_STATIC);
  int rc = sqlite3_step(s->get_mod);
  *newer = 0;
  if (rc == SQLITE_ROW) {
    const char *have = (const char *)sqlite3_column_text(s->get_mod, 0);
    *newer = have != NULL && pv_osv_time_cmp(have, modified) > 0;
  }
  sqlite3_reset(s->get_mod);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    return pv_error_set(err, PV_FATAL, "osv store: reading %s: %s", id, sqlite3_errmsg(s->db));
  }
  return PV_OK;
}

/* PV_OK when entry id may be written; PV_WARN (counted) when the stored
 * copy is newer; PV_FATAL when the store cannot be read. */
static pv_status check_newer(pv_store *s, const char *id, const char *modified, const char *name,
                             pv_error *err) {
  int newer = 0;
  if (stored_newer(s, id, modified, &newer, err) != PV_OK) {
    return PV_FATAL;
  }
  if (!newer) {
    return PV_OK;
  }
  s->skipped.older++;
  return pv_error_set(err, PV_WARN, "%s: %s modified %s is older than the stored copy: kept out",
                      name, id, modified);
}

/* Write entry root (json: its n bytes) over any stored copy and index it.
 * PV_FATAL when the database write failed. */
static pv_status write_entry(pv_store *s, json_t *root, const char *json, size_t n, const parsed *p,
                             const char *name, pv_error *err) {
  const char *id = json_string_value(json_object_get(root, "id"));
  const char *mod = json_string_value(json_object_get(root, "modified"));
  json_t *wd = json_object_get(root, "withdrawn");
  sqlite3_bind_text(s->put_adv, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text(s->put_adv, 2, mod, -1, SQLITE_STATIC);
  if (json_is_string(wd)) {
    sqlite3_bind_text(s->put_adv, 3, json_string_value(wd), -1, SQLITE_STATIC);
  } else {
    sqlite3_bind_null(s->put_adv, 3);
  }
  sqlite3_bind_int(s->put_adv, 4, strncmp(id, "MAL-", 4) == 0);
  sqlite3_bind_text(s->put_adv, 5, json, (int)n, SQLITE_STATIC);
  sqlite3_bind_text(s->del_aff, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text(s->del_alias, 1, id, -1, SQLITE_STATIC);
  if (!step_done(s->put_adv) || !step_done(s->del_aff) || !step_done(s->del_alias)) {
    return pv_error_set(err, PV_FATAL, "osv store: writing %s: %s", name, sqlite3_errmsg(s->db));
  }
  return index_entry(s, id, sqlite3_last_insert_rowid(s->db), root, p, err) ? PV_OK : PV_FATAL;
}

/* An entry import takes but a lookup's parse refuses (duplicate keys; je
 * says why): kept as refused with the lookup's message, so matching notes
 * it as it did when it parsed the JSON. */
static void refuse_duplicate(json_t *root, const json_error_t *je, parsed *p) {
  p->o = NULL;
  snprintf(p->warn, sizeof p->warn, "OSV %s: invalid JSON at line %d: %s",
           json_string_value(json_object_get(root, "id")), je->line, je->text);
}

/* Parse the entry as import always did (duplicate keys allowed: the last
 * wins); *dup = 1, with je saying why, when a lookup's stricter parse
 * (pv_osv_parse_text) refuses it. */
static json_t *load_entry(const char *json, size_t n, json_error_t *je, int *dup) {
  json_t *root = json_loadb(json, n, JSON_REJECT_DUPLICATES, je);
  *dup = root == NULL;
  if (root == NULL) {
    json_error_t je2;
    root = json_loadb(json, n, 0, &je2);
    if (root == NULL)
      *je = je2;
  }
  return root;
}

pv_status pv_store_put(pv_store *s, const char *json, size_t n, const char *name, pv_error *err) {
  json_error_t je;
  int dup = 0;
  json_t *root = load_entry(json, n, &je, &dup);
  if (!root)
    return pv_error_set(err, PV_FAILED, "%s: invalid JSON: %s (line %d)", name, je.text, je.line);
  int malformed = 0;
  parsed p = {.a = pv_arena_new(0), .cap = 2 * n + 4096};
  pv_status st =
      p.a ? check_entry(root, name, err) : pv_error_set(err, PV_FATAL, "osv store: out of memory");
  if (st == PV_OK) {
    st = check_osv(root, name, &malformed, &p, err);
  }
  if (st == PV_OK && dup) {
    refuse_duplicate(root, &je, &p);
  }
  if (st == PV_OK) {
    const char *id = json_string_value(json_object_get(root, "id"));
    const char *mod = json_string_value(json_object_get(root, "modified"));
    if (pv_osv_time_cmp(mod, s->newest) > 0)
      snprintf(s->newest, sizeof s->newest, "%s", mod);
    st = check_newer(s, id, mod, name, err);
  }
  if (st == PV_OK) {
    st = write_entry(s, root, json, n, &p, name, err);
  }
  if (st == PV_OK && malformed) {
    count_malformed(s, json_string_value(json_object_get(root, "id")));
  }
  pv_arena_delete(p.a);
  json_decref(root);
  return st;
}

/* ---- feeds ------------------------------------------------------------- */

const char *pv_store_newest(const pv_store *s) {
  return s->newest;
}

const pv_store_skips *pv_store_skipped(const pv_store *s) {
  return &s->skipped;
}

/* The fraction of a second of an RFC 3339 time as 9 digits. */
static void frac9(const char *t, char out[10]) {
  memset(out, '0', 9);
  out[9] = '\0';
  const char *d = strlen(t) > 19 && t[19] == '.' ? t + 20 : "";
  for (int i = 0; i < 9 && *d >= '0' && *d <= '9'; i++, d++)
    out[i] = *d;
}

int pv_osv_time_cmp(const char *a, const char *b) {
  int c = strncmp(a, b, 19); /* YYYY-MM-DDTHH:MM:SS */
  if (c != 0)
    return c;
  char fa[10], fb[10];
  frac9(a, fa);
  frac9(b, fb);
  return strcmp(fa, fb);
}

static void col_text(sqlite3_stmt *st, int i, char *dst, size_t cap) {
  const char *v = (const char *)sqlite3_column_text(st, i);
  snprintf(dst, cap, "%s", v ? v : "");
}

static void read_feed(sqlite3_stmt *st, pv_store_feed *f) {
  memset(f, 0, sizeof *f);
  col_text(st, 1, f->etag, sizeof f->etag);
  col_text(st, 2, f->last_modified, sizeof f->last_modified);
  col_text(st, 3, f->newest_modified, sizeof f->newest_modified);
  col_text(st, 4, f->updated_at, sizeof f->updated_at);
  f->imported = (uint64_t)sqlite3_column_int64(st, 5);
  f->bad = (uint64_t)sqlite3_column_int64(st, 6);
  f->known = 1;
}

#define FEED_COLS "url, etag, last_modified, newest_modified, updated_at, imported, bad"

pv_status pv_store_feed_get(pv_store *s, const char *url, pv_store_feed *out, pv_error *err) {
  sqlite3_stmt *st;
  memset(out, 0, sizeof *out);
  if (!prep(s, &st, "SELECT " FEED_COLS " FROM feeds WHERE url = ?1"))
    return sql_fail(s, "feed state", err);
  sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    read_feed(st, out);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? PV_OK : sql_fail(s, "feed state", err);
}

pv_status pv_store_feed_set(pv_store *s, const char *url, const pv_store_feed *f, pv_error *err) {
  sqlite3_stmt *st;
  if (!prep(s, &st, "INSERT OR REPLACE INTO feeds(" FEED_COLS ") VALUES(?1,?2,?3,?4,?5,?6,?7)"))
    return sql_fail(s, "record feed", err);
  const char *v[] = {url, f->etag, f->last_modified, f->newest_modified, f->updated_at};
  for (int i = 0; i < 5; i++)
    sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 6, (sqlite3_int64)f->imported);
  sqlite3_bind_int64(st, 7, (sqlite3_int64)f->bad);
  int ok = sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  return ok ? PV_OK : sql_fail(s, "record feed", err);
}

pv_status pv_store_feeds_each(pv_store *s, pv_store_feed_fn fn, void *ctx, pv_error *err) {
  sqlite3_stmt *st;
  if (!prep(s, &st, "SELECT " FEED_COLS " FROM feeds ORDER BY url"))
    return sql_fail(s, "list feeds", err);
  int rc;
  pv_store_feed f;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    read_feed(st, &f);
    if (fn(ctx, (const char *)sqlite3_column_text(st, 0), &f))
      break;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? PV_OK : sql_fail(s, "list feeds", err);
}

pv_status pv_store_modified(pv_store *s, const char *id, char *buf, size_t n, int *found,
                            pv_error *err) {
  sqlite3_stmt *st;
  *found = 0;
  if (!prep(s, &st, "SELECT modified FROM advisories WHERE id = ?1"))
    return sql_fail(s, "advisory modified", err);
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    col_text(st, 0, buf, n);
    *found = 1;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? PV_OK : sql_fail(s, "advisory modified", err);
}

int pv_osv_id_safe(const char *s, size_t n) {
  if (n == 0 || n > 128 || s[0] == '.')
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
          (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
      return 0;
  return 1;
}
