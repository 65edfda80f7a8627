/* findings.h — finish one input's findings: snippet, fingerprints, GitHub's
 * primaryLocationLineHash, inline suppression, dedupe and a deterministic
 * sort; plus the position helpers reports need.
 *
 * Ownership: works in place on r->findings; strings go to r->arena. */
#ifndef PV_FINDINGS_H
#define PV_FINDINGS_H

#include "result.h"

/* Bytes of a long line shown around a finding (pv_finding.window). */
#define PV_WINDOW_BYTES 160

/* Fill snippet, window and UTF-16 columns (if unset), fingerprint and
 * line_hash of every finding, and the UTF-16 columns of its flow steps (if
 * unset; a flow never changes the fingerprint),
 * drop exact duplicates (same rule, path, start, end; the one with the
 * shortest flow stays), and sort by path, line, column, rule id. */
pv_status pv_findings_finish(pv_result *r, const pv_limits *lim);

/* Fingerprint: hex of the first 16 bytes of sha256(rule id NUL path NUL
 * whitespace-normalised matched text NUL occurrence index), where the
 * occurrence index counts earlier findings of the same rule, path and text. */
void pv_fingerprint(const char *rule_id, const char *path, const unsigned char *text, size_t n,
                    unsigned occurrence, char out[33]);

/* GitHub's primaryLocationLineHash for every line of a file, as the
 * codeql-action upload computes it (UTF-16 code units, space/tab skipped,
 * CR and CRLF as LF, rolling base-37 64-bit hash over a 100-unit window).
 * Writes "hex:occurrence" for 1-based line `line` into out. */
void pv_line_hash(const unsigned char *data, size_t n, uint32_t line, char out[32]);

/* 1-based column in UTF-16 code units of byte offset `byte` in the file
 * (counted from the start of its line). Invalid UTF-8 counts one unit/byte. */
uint32_t pv_utf16_col(const unsigned char *data, size_t n, uint32_t byte);

#endif
