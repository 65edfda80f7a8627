/* vulns.h — dependency findings: the inventory's components checked against
 * the advisories in the OSV store.
 *
 * Ownership: pv_vulns_match fills a pv_vulns whose strings live in the
 * inventory's result arena; pv_vulns_free frees the vectors. */
#ifndef PV_VULNDB_VULNS_H
#define PV_VULNDB_VULNS_H

#include "../sbom/inventory.h"
#include "remedy.h"
#include "store.h"

/* One advisory group (advisories sharing an id or alias, transitively). */
typedef struct {
  const char *id;             /* preferred: CVE, then the ecosystem's id, then GHSA */
  const char *const *aliases; /* the group's other ids, NULL-terminated */
  const char *summary;
  const char *details;
  const char *cvss_vector; /* "CVSS:3.1/AV:N/..." or NULL */
  double cvss_score;       /* base score, or -1 when none */
  const char *cvss_method; /* "CVSSv31", "CVSSv4", ... or NULL */
  pv_severity severity;    /* MAL- groups: always critical */
  int malicious;           /* a MAL- advisory is in the group */
  const char *const *cwes; /* "CWE-79", NULL-terminated */
  const char *source_url;  /* https://osv.dev/vulnerability/ID */
} pv_advisory;

/* One component affected by one advisory group. */
typedef struct {
  size_t component; /* index into inv->components */
  const pv_advisory *adv;
  const char *fixed;       /* lowest fixed version of this group above the installed one,
                            * or NULL */
  const pv_remedy *remedy; /* the component's, shared by its groups */
} pv_vuln;

typedef struct {
  pv_vec advisories; /* pv_advisory * (arena) */
  pv_vec vulns;      /* pv_vuln, sorted by component then advisory id */
} pv_vulns;

/* Whether component c is matched (a boolean): a registry package with a
 * version, not dev-only unless include_dev. */
int pv_vulns_wanted(const pv_component *c, int include_dev);

/* Check every non-local component (dev ones only with include_dev) and add
 * dep.vulnerable / dep.malicious-package findings to inv->r, whose message
 * ends with the component's remedy (pv_remedy.text); components
 * from git or a tarball URL, which have no registry version, are named in
 * one dep-not-matched warning note ("not matched: no registry version"). */
pv_status pv_vulns_match(pv_store *db, const pv_inventory *inv, int include_dev, pv_vulns *out,
                         pv_error *err);
/* Free the vectors. */
void pv_vulns_free(pv_vulns *v);

#endif
