/* cyclonedx.h — the inventory (and, with a store, its vulnerabilities) as a
 * CycloneDX 1.6 or 1.5 JSON BOM, valid by construction: SRI hashes decoded to
 * hex, licence ids only from the SPDX list, expressions as expressions,
 * unique bom-refs and dependency entries, only well-formed URLs.
 *
 * Ownership: writes to out; allocates nothing that outlives the call. */
#ifndef PV_CYCLONEDX_H
#define PV_CYCLONEDX_H

#include <stdio.h>

#include "../sbom/inventory.h"
#include "../vulndb/vulns.h"

typedef struct {
  int spec_minor;           /* 6 (default) or 5 */
  const char *tool_version; /* plugvet's version */
  long long epoch;          /* SOURCE_DATE_EPOCH, or -1 for now */
} pv_cdx_options;

/* Write the BOM. The serial number is derived from the content (and the
 * timestamp), so the same input and epoch give the same bytes. */
pv_status pv_cyclonedx_write(FILE *out, const pv_inventory *inv, const pv_vulns *vulns,
                             const pv_cdx_options *opt, pv_error *err);

#endif
