/* cvss.h — CVSS v3.0/v3.1 base scores and plugvet severities.
 * Pure functions: no allocation, nothing to free. */
#ifndef PV_VULNDB_CVSS_H
#define PV_VULNDB_CVSS_H
#include "../scanner/model.h"

/* Base score (0.0-10.0) of a "CVSS:3.0/..." or "CVSS:3.1/..." vector, per
 * the 3.1 specification (3.1 vectors use its Appendix A Roundup); -1 when
 * the vector is invalid or another version (CVSS v4 is not computed). */
double pv_cvss3_base_score(const char *vector);
/* plugvet severity of a score: 9.0+ critical, 7.0+ high, 4.0+ medium,
 * 0.1+ low, else info. */
pv_severity pv_cvss_severity(double score);
/* GitHub's database_specific.severity ("CRITICAL", "HIGH", "MODERATE",
 * "MEDIUM", "LOW", case-insensitive) as a plugvet severity; -1 when unknown
 * (a lookup, as pv_severity_parse: an unknown label is no error). */
int pv_cvss_label_severity(const char *label);
#endif
