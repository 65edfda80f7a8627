/* baseline.h — `--baseline FILE`: findings already reported by a previous
 * run (its SARIF or JSON-lines output) are left out, so only new ones are
 * reported. A finding is known when a baseline result has the same rule id
 * and fingerprint; the fingerprint already hashes the file path, the
 * normalised matched text and the occurrence index (findings.h), so it
 * survives unrelated edits above the finding.
 *
 * Ownership: pv_baseline_load returns a baseline freed by pv_baseline_free. */
#ifndef PV_BASELINE_H
#define PV_BASELINE_H

#include "../scanner/result.h"

typedef struct pv_baseline pv_baseline;

/* Read a SARIF 2.1.0 file (plugvet's partialFingerprints "plugvet/v1") or a
 * JSON-lines file written by --json. PV_FAILED with a message naming the file
 * and the reason when it is neither (or over max_bytes). */
pv_status pv_baseline_load(const char *path, uint64_t max_bytes, pv_baseline **out, pv_error *err);
/* Remove r's findings that the baseline knows; returns how many. */
size_t pv_baseline_filter(const pv_baseline *b, pv_result *r);
/* Entries read. */
size_t pv_baseline_size(const pv_baseline *b);
/* Free. NULL is ignored. */
void pv_baseline_free(pv_baseline *b);

#endif
