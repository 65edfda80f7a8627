/* json_util.h — jansson helpers shared by the JSON writers.
 *
 * Ownership: every function returns a new reference the caller owns (or
 * steals into a container with json_object_set_new / json_array_append_new). */
#ifndef PV_JSON_UTIL_H
#define PV_JSON_UTIL_H

#include <jansson.h>

#include "../scanner/declared.h"
#include "../scanner/findings.h"
#include "../scanner/model.h"

/* A JSON string from bytes that may be invalid UTF-8 (each bad byte becomes
 * U+FFFD); NULL s gives JSON null. */
json_t *pv_json_str(const char *s);
/* Counts of unsuppressed findings by severity: {"critical":n,...,"info":n}. */
json_t *pv_json_counts(const size_t counts[PV_SEV_NONE]);
/* A package's risk summary (pv_risk_of): {"verdict": "suspicious",
 * "groups": {"network": {"count": 2, "severity": "high"}, ...}} with only
 * the groups that have findings. */
json_t *pv_json_risk(const pv_result *r);
/* An input's declared summary (declared.h): {"kind": "browser-mv3",
 * "manifest": "ext/manifest.json", "permissions": ["tabs"], ...}, one
 * array of strings per non-empty list, in the summary's order. */
json_t *pv_json_declared(const pv_declared *d);
/* "CWE-78: OS Command Injection" or "cwe-78" → 78; 0 if none (SARIF tags,
 * GitLab identifiers). */
unsigned pv_cwe_number(const char *s);

#endif
