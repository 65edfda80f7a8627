/* feed.h — importing OSV feeds into the store.
 *
 * Sources: a directory of OSV .json files, a local .zip file, a file://
 * URL naming either, or an http(s):// URL of a zip (downloaded with
 * http.h: conditional on the stored ETag/Last-Modified, so an unchanged
 * feed is not downloaded again). A URL ending in /all.zip that was fully
 * imported before is first updated from the modified_id.csv beside it
 * (rows "modified,ID", newest first): only the records changed since the
 * newest one stored are fetched (<dir>/<ID>.json); the whole zip is taken
 * again when the CSV is unavailable or malformed, or the change is larger
 * than limits.feed_delta.
 *
 * Every import is one store transaction, the feed's state included: on any
 * failure nothing changes.
 *
 * Ownership: pv_feed_summary is caller-owned, filled by the import. */
#ifndef PV_FEED_H
#define PV_FEED_H

#include <stdint.h>

#include "../scanner/base.h"
#include "../scanner/limits.h"
#include "http.h"
#include "store.h"

typedef enum {
  PV_FEED_FULL = 0,    /* every record of the feed read */
  PV_FEED_UNCHANGED,   /* HTTP 304, or no record newer than the store's */
  PV_FEED_INCREMENTAL, /* only changed records fetched */
} pv_feed_how;

typedef struct {
  pv_feed_how how;
  uint64_t imported;       /* entries written */
  uint64_t bad;            /* entries refused (counted, not fatal) */
  uint64_t no_package;     /* affected[] entries without a package (GIT-only): not indexed */
  uint64_t older;          /* entries older (`modified`) than the stored copy: kept out */
  uint64_t malformed;      /* stored entries with a range version that is not SemVer */
  char malformed_ids[256]; /* the first few of those */
  char bad_first[512];     /* why the first refused entry was refused, or "" */
  char bad_names[256];     /* the first few refused entries, comma-separated */
  char fallback[512];      /* why an incremental update fell back to the zip, or "" */
} pv_feed_summary;

typedef struct {
  const pv_limits *lim;
  pv_http_progress_fn progress; /* download progress of feed zips, or NULL */
  void *progress_ctx;
} pv_feed_opts;

/* Import source into db in one transaction. PV_FAILED with a message
 * naming source and reason on error (the database is unchanged). */
pv_status pv_feed_import(pv_store *db, const char *source, const pv_feed_opts *o,
                         pv_feed_summary *sum, pv_error *err);

#endif
