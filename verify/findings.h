/* findings.h — verify's failed checks as findings of the builtin verify.*
 * rules, so SARIF (reports/sarif.c) carries them next to code findings:
 * verify.unsigned, verify.registry-unsigned, verify.signature-invalid,
 * verify.untrusted-key,
 * verify.integrity-mismatch, verify.malformed.
 *
 * Ownership: the finding's strings are copied into r's arena. */
#ifndef PV_VERIFY_FINDINGS_H
#define PV_VERIFY_FINDINGS_H

#include "../scanner/limits.h"
#include "../scanner/result.h"

/* Add the finding for check ("signature", "integrity",
 * "registry-signature") with result (a verdict name other than "ok") and
 * reason to r, about the input itself. PV_OK, or PV_FATAL out of memory. */
pv_status pv_verify_finding(pv_result *r, const char *check, const char *result, const char *reason,
                            const pv_limits *lim);

#endif
