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
 * unset; a flow never changes the fingerprint), drop exact duplicates (same
 * rule, path, start, end; the one with the shortest flow stays), drop a
 * finding without a flow (a pattern rule's) whose lines hold the sink of a
 * taint finding of a CWE in common (the taint one, with its path, says
 * it), and sort by path, line, column, rule id. The secrets the findings of a file hold
 * (pv_finding.secret_s/e) are redacted (pv_redact) in the snippet and
 * window of every finding of that file, and in their messages wherever a
 * secret appears whole; the fingerprint still hashes the matched text. */
pv_status pv_findings_finish(pv_result *r, const pv_limits *lim);

/* Room pv_redact needs, with the NUL. */
#define PV_REDACTED_MAX 32

/* How a secret of n bytes is shown: its first 4 characters (a third of a
 * shorter secret, and printable ASCII only), "...", and the first 8 hex
 * digits of its SHA-256 in brackets: "s3cr...[sha256:9f86d081]". The hash
 * tells two secrets apart without showing them. Writes out (NUL-terminated)
 * and returns its length. */
size_t pv_redact(const unsigned char *secret, size_t n, char out[PV_REDACTED_MAX]);

/* A package's risk summary: its unsuppressed findings of malware-specific
 * rules (pv_rule_meta.malware) counted per group, and one verdict:
 * malicious-looking (a critical one, or high ones in two groups or more),
 * suspicious (a high one, or medium ones in two groups or more), ordinary. */
typedef enum { PV_VERDICT_ORDINARY = 0, PV_VERDICT_SUSPICIOUS, PV_VERDICT_MALICIOUS } pv_verdict;
typedef struct {
  uint32_t n[PV_MALWARE_GROUPS];
  pv_severity worst[PV_MALWARE_GROUPS]; /* meaningful where n[g] > 0 */
  pv_verdict verdict;
} pv_risk;
/* The summary of r. */
pv_risk pv_risk_of(const pv_result *r);
/* "ordinary", "suspicious", "malicious-looking". */
const char *pv_verdict_name(pv_verdict v);

/* Generic code rules (capability eval, no malware group: eval, new
 * Function, vm, innerHTML...) in minified files and in test, benchmark,
 * example and fixture folders are lowered to low: there they are code
 * generators, feature probes and test harnesses, not the plugin's own
 * handling of outside input. When platform is set (the package.json
 * declares "os" or "cpu", as esbuild's and rollup's platform packages do),
 * archive.native-binary findings are info: the binary is the point of the
 * package. Called before pv_findings_finish. */
void pv_findings_demote(pv_result *r, int platform);

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

/* The start of every line of one file, so that a line's bytes are one
 * lookup: findings of a long lockfile are placed without rescanning it
 * from byte 0 for each one. */
typedef struct {
  const pv_file *file; /* the file indexed, or NULL */
  size_t *start;       /* start[i]: the byte where line i + 1 starts (malloc'd) */
  size_t n;            /* lines: newlines + 1; 0 without data */
} pv_lines;

/* Index the lines of f (NULL or without data: no lines), freeing what l
 * held, so one pv_lines can walk several files. PV_FATAL on out of
 * memory (l is then empty). */
PV_MUST_USE pv_status pv_lines_index(pv_lines *l, const pv_file *f);
/* Bytes [*s, *e) of 1-based line `line`, without its newline: 1, or 0 when
 * the file has no such line (a boolean). */
int pv_lines_span(const pv_lines *l, uint32_t line, size_t *s, size_t *e);
/* Free the index (l stays usable, empty). */
void pv_lines_free(pv_lines *l);

/* Where findings about a (path, line) go: r's files sorted by path once,
 * each file's lines indexed when a finding first lands in it, so placing a
 * finding is a lookup, not a rescan of a long lockfile (linear matching).
 * Zero-initialise; pv_places_free after use. */
typedef struct {
  const pv_file **files; /* sorted by path; NULL until the first lookup */
  pv_lines *lines;       /* lines[i]: the index of files[i], once needed */
  size_t n;
} pv_places;

/* The file of r named path (*file NULL when there is none) and the byte
 * where its 1-based line starts (*byte 0 when unknown). PV_FATAL on out of
 * memory. */
PV_MUST_USE pv_status pv_places_find(pv_places *p, const pv_result *r, const char *path,
                                     uint32_t line, const pv_file **file, uint32_t *byte);
/* Free the indexes (p becomes empty). */
void pv_places_free(pv_places *p);

/* 1-based column in UTF-16 code units of byte offset `byte` in the file
 * (counted from the start of its line). Invalid UTF-8 counts one unit/byte. */
uint32_t pv_utf16_col(const unsigned char *data, size_t n, uint32_t byte);

#endif
