/* spdx.h — the inventory (and, with a store, its advisories) as an SPDX 2.3
 * JSON document: one package per component (name, versionInfo,
 * downloadLocation, purl and advisory externalRefs, checksums from the
 * lockfile's integrity, licenseDeclared when it is an SPDX id or
 * expression on the list, NOASSERTION otherwise and for licenseConcluded
 * and supplier), DESCRIBES from the document to the root (to every
 * package nothing depends on when there is no root), and the dependency
 * graph as DEPENDS_ON, with DEV_DEPENDENCY_OF / OPTIONAL_DEPENDENCY_OF
 * where an edge leads from a runtime package into dev-only or optional
 * ones. SPDXIDs are "SPDXRef-Package-" and the name and version with every
 * character outside [A-Za-z0-9.-] made "-", unique by "-2", "-3"...
 *
 * Ownership: writes to out; allocates nothing that outlives the call. */
#ifndef PV_SPDX_H
#define PV_SPDX_H

#include <stdio.h>

#include "../sbom/inventory.h"
#include "../vulndb/vulns.h"

typedef struct {
  const char *tool_version; /* plugvet's version */
  const char *name;         /* document name when there is no root (the input) */
  long long epoch;          /* SOURCE_DATE_EPOCH, or -1 for now */
} pv_spdx_options;

/* Write the document. documentNamespace ends in a UUID derived from the
 * content (and the creation time), so the same input and epoch give the
 * same bytes. */
pv_status pv_spdx_write(FILE *out, const pv_inventory *inv, const pv_vulns *vulns,
                        const pv_spdx_options *opt, pv_error *err);

#endif
