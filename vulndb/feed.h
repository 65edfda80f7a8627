/* feed.h — importing OSV feeds from local sources into the store.
 *
 * Sources: a directory of OSV .json files, a local .zip file, or a file://
 * URL naming either. The whole import is one store transaction: on any
 * failure nothing changes. HTTP(S) feeds are not implemented yet.
 *
 * Ownership: pv_feed_summary is caller-owned, filled by the import. */
#ifndef PV_FEED_H
#define PV_FEED_H

#include <stdint.h>

#include "../scanner/base.h"
#include "store.h"

typedef struct {
  uint64_t imported; /* entries written */
  uint64_t bad;      /* entries refused (counted, not fatal) */
  char bad_names[256]; /* the first few refused entries, comma-separated */
} pv_feed_summary;

/* Import every OSV entry of source (dir, .zip or file:// URL) into db in one
 * transaction. PV_FAILED with a message naming source and reason on error. */
pv_status pv_feed_import(pv_store *db, const char *source, pv_feed_summary *sum, pv_error *err);

#endif
