/* cyclonedx.h — the inventory (and, with a store, its vulnerabilities) as a
 * CycloneDX 1.6 or 1.5 JSON BOM, valid by construction: SRI hashes decoded to
 * hex, licence ids only from the SPDX list, expressions as expressions,
 * unique bom-refs and dependency entries, only well-formed URLs. With VEX
 * statements, vulnerabilities[] has one entry per advisory id and analysis:
 * the components a statement covers are split off into an entry carrying
 * that statement's analysis (state, justification, detail).
 *
 * Ownership: writes to out; allocates nothing that outlives the call. */
#ifndef PV_CYCLONEDX_H
#define PV_CYCLONEDX_H

#include <stdio.h>

#include "../sbom/inventory.h"
#include "../vulndb/vulns.h"
#include "vex.h"

typedef struct {
  int spec_minor;           /* 6 (default) or 5 */
  const char *tool_version; /* plugvet's version */
  long long epoch;          /* SOURCE_DATE_EPOCH, or -1 for now */
  const pv_vex *vex;        /* --vex statements: each vulnerability a statement covers
                             * carries its analysis (pv_vex_analysis_of), or NULL */
} pv_cdx_options;

/* Write the BOM. The serial number is derived from the content (and the
 * timestamp), so the same input and epoch give the same bytes. */
pv_status pv_cyclonedx_write(FILE *out, const pv_inventory *inv, const pv_vulns *vulns,
                             const pv_cdx_options *opt, pv_error *err);

#endif
