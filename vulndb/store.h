/* store.h — the local OSV store: one SQLite database (WAL mode, versioned
 * schema) holding advisories as their OSV JSON and, for matching, their
 * packed form (osvpack.h), indexed by affected package and by id/alias, plus the state of each feed
 * (ETag, Last-Modified, newest `modified` imported).
 *
 * Several plugvet processes may read while one updates; an update is one
 * transaction, so a failed or killed import leaves the previous database.
 *
 * Ownership: pv_store_open returns a handle the caller closes with
 * pv_store_close; strings handed to callbacks are valid only during the
 * call. */
#ifndef PV_STORE_H
#define PV_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../scanner/base.h"

typedef struct pv_store pv_store;

/* xdg_cache_home/plugvet/osv.sqlite (or home/.cache/plugvet/osv.sqlite) into
 * buf, given the values of $XDG_CACHE_HOME and $HOME (each may be NULL; only
 * an absolute path is used); NULL when neither is usable or buf is too
 * small. */
const char *pv_store_default_path(const char *xdg_cache_home, const char *home, char *buf,
                                  size_t n);

/* Open (writable: create if missing, migrating an older schema in one
 * transaction: schema 1 gets the packed form of every record) or open
 * read-only (PV_FAILED with a clear message when the file does not exist,
 * is not a plugvet store or is of a newer schema; a schema 1 store is read
 * as it is, its records parsed from JSON at each lookup). */
pv_status pv_store_open(const char *path, int writable, pv_store **out, pv_error *err);
/* Close. NULL is ignored. */
void pv_store_close(pv_store *db);

/* One stored advisory as a lookup hands it over: its id and either its
 * packed form (osvpack.h: what matching reads, written at import) or, in a
 * store of schema 1 (before packed forms; `plugvet db update` migrates it),
 * its OSV JSON text (packed NULL). */
typedef struct {
  const char *id;
  const void *packed; /* NULL in a schema 1 store */
  size_t packed_n;
  const char *json; /* set when packed is NULL */
  size_t json_n;
} pv_store_rec;

/* Callback for lookups; return non-zero to stop the iteration. */
typedef int (*pv_store_fn)(void *ctx, const pv_store_rec *rec);

/* Call fn for every non-withdrawn advisory with an affected[] entry for
 * (ecosystem, name); names compare the way npm normalises them. */
pv_status pv_store_each_for_package(pv_store *db, const char *ecosystem, const char *name,
                                    pv_store_fn fn, void *ctx, pv_error *err);

/* Counts for status and for "no advisories loaded" messages. */
typedef struct {
  uint64_t vulnerabilities; /* non-withdrawn, non-MAL advisories */
  uint64_t malicious;       /* MAL- advisories */
  uint64_t withdrawn;
  int schema_version;
} pv_store_counts;
pv_status pv_store_counts_get(pv_store *db, pv_store_counts *out, pv_error *err);

/* What a scan needs to know before trusting the store. */
typedef struct {
  int has_records;     /* a boolean: any advisory is stored, withdrawn ones included */
  char updated_at[32]; /* the newest successful import of any feed (UTC, ISO
                        * 8601), "" when none is on record */
} pv_store_freshness;
pv_status pv_store_freshness_get(pv_store *db, pv_store_freshness *out, pv_error *err);

/* The state of one feed, kept by the import that read it. */
typedef struct {
  char etag[256]; /* of the last full download ("" for local feeds) */
  char last_modified[128];
  char newest_modified[64]; /* newest OSV `modified` imported from it */
  char updated_at[32];      /* UTC, ISO 8601 */
  uint64_t imported, bad;   /* entries of the last import */
  int known;                /* 0: never imported */
} pv_store_feed;

/* The stored state of feed url (known == 0 when there is none). */
pv_status pv_store_feed_get(pv_store *db, const char *url, pv_store_feed *out, pv_error *err);
/* Record it (inside the import transaction, so it commits with the data). */
pv_status pv_store_feed_set(pv_store *db, const char *url, const pv_store_feed *f, pv_error *err);
/* Call fn for every feed in url order; non-zero stops. */
typedef int (*pv_store_feed_fn)(void *ctx, const char *url, const pv_store_feed *f);
pv_status pv_store_feeds_each(pv_store *db, pv_store_feed_fn fn, void *ctx, pv_error *err);
/* The `modified` of stored advisory id into buf, *found 1; *found 0 when it
 * is not stored. PV_FAILED with a message when the store cannot be read. */
pv_status pv_store_modified(pv_store *db, const char *id, char *buf, size_t n, int *found,
                            pv_error *err);
/* The newest `modified` among the entries put since pv_store_begin ("" if none). */
const char *pv_store_newest(const pv_store *db);
/* What the store noticed in the entries put since pv_store_begin. */
typedef struct {
  uint64_t no_package;     /* affected[] entries without a package (legal OSV: GIT-only
                            * ranges): not indexed, so never matched */
  uint64_t older;          /* entries whose `modified` is older than the stored copy's:
                            * not stored (pv_store_put's PV_WARN) */
  uint64_t malformed;      /* stored entries with a range version that is not SemVer:
                            * matched open-ended (osv.h) */
  char malformed_ids[256]; /* the first few of those, comma-separated */
} pv_store_skips;
/* Borrowed from db, valid until the next pv_store_begin. */
const pv_store_skips *pv_store_skipped(const pv_store *db);
/* Non-zero if id (n bytes) is an OSV id that may go into a URL path:
 * letters, digits, '-', '_', '.', not starting with '.', at most 128 bytes
 * (a boolean). */
int pv_osv_id_safe(const char *id, size_t n);
/* Compare two OSV timestamps (RFC 3339, UTC, any fraction digits): <0, 0, >0
 * (a comparison, not a status). */
int pv_osv_time_cmp(const char *a, const char *b);

/* Look up many packages in one read transaction (one snapshot, one file
 * lock instead of one per lookup); pv_store_read_end ends it. */
pv_status pv_store_read_begin(pv_store *db, pv_error *err);
void pv_store_read_end(pv_store *db);

/* Start one import transaction (BEGIN IMMEDIATE: one writer, readers go on). */
pv_status pv_store_begin(pv_store *db, pv_error *err);
/* Commit the import transaction; on failure it is rolled back. */
pv_status pv_store_commit(pv_store *db, pv_error *err);
/* Abandon the import transaction: the previous database stays. */
void pv_store_rollback(pv_store *db);
/* Insert or replace one OSV entry (n bytes of JSON; name labels it in
 * messages). The entry must parse as OSV (osv.h: an empty events array, an
 * unknown range type or event is PV_FAILED); one whose ranges hold a
 * version that is not SemVer is stored and counted (pv_store_skipped). The
 * newest copy of a record by `modified` wins: PV_WARN (err
 * says so, pv_store_skipped counts it) when the stored copy is newer, so an
 * older copy neither overwrites it nor un-withdraws it; an equal one
 * replaces it. PV_FAILED: the entry is bad (skip it, count it); PV_FATAL:
 * the database failed (roll back). The store copies what it keeps. */
pv_status pv_store_put(pv_store *db, const char *json, size_t n, const char *name, pv_error *err);

#endif
