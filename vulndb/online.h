/* online.h — `plugvet scan --online`: ask the OSV API which advisories
 * affect an inventory's packages (POST /v1/querybatch, in batches, following
 * next_page_token) and store the ones the local store lacks or holds in an
 * older version (GET /v1/vulns/ID), so the offline matching that follows
 * sees them. The store keeps them: the API is a cache filler, not a second
 * matcher.
 *
 * Ownership: nothing is kept past the call; the store copies what it keeps. */
#ifndef PV_ONLINE_H
#define PV_ONLINE_H

#include "../sbom/inventory.h"
#include "store.h"

#define PV_OSV_API_DEFAULT "https://api.osv.dev"

typedef struct {
  uint64_t queried; /* packages asked about */
  uint64_t known;   /* advisory ids the API named */
  uint64_t fetched; /* advisories downloaded and stored */
} pv_online_stats;

/* Refresh db (opened writable) from the API at base (no trailing slash).
 * PV_FAILED with a message naming the URL on network or format errors
 * (what was stored before the error stays stored). */
pv_status pv_online_refresh(pv_store *db, const pv_inventory *inv, const char *base,
                            int include_dev, const pv_limits *lim, pv_online_stats *st,
                            pv_error *err);

#endif
