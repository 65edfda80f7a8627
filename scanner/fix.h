/* fix.h — Semgrep's autofix, the parts that are text: a rule's `fix`
 * (replacement text with $X, $...ARGS, $1 substituted by what the match
 * bound) or `fix-regex` (regex, replacement with \1 / \g<name> groups,
 * count: Python's re.sub on the matched text) made into one finding's
 * replacement of its range, and a file's replacements applied to its bytes
 * (the non-overlapping ones; deterministic) with a unified diff of them.
 *
 * Ownership: a pv_fix lives in the ruleset that loaded it (its regex is
 * freed with the set); a replacement made here lives in the arena given;
 * pv_fix_apply and pv_fix_diff write into a caller's pv_buf. Nothing here
 * reads or writes files (tools/autofix.c does). */
#ifndef PV_FIX_H
#define PV_FIX_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include "base.h"

/* A rule's fix: text (`fix:`) or re + replacement (`fix-regex:`). */
typedef struct pv_fix {
  const char *text;        /* fix: the template ("" deletes the match), or NULL */
  const pcre2_code *re;    /* fix-regex: regex (the ruleset frees it) */
  const char *replacement; /* fix-regex: Python re.sub template */
  uint32_t count;          /* fix-regex: occurrences replaced, left to right; 0: all */
} pv_fix;

/* Looks up metavariable name (len bytes, without '$': "X", "...ARGS",
 * "1") in a match: sets [*s, *e) and returns 1 if bound. */
typedef int (*pv_fix_lookup)(void *ctx, const char *name, size_t len, size_t *s, size_t *e);

/* Check a fix-regex replacement against its regex, as Python's re.sub
 * would: 0, or -1 with why ("invalid group reference 3", "bad escape
 * \q"). */
int pv_fix_check(const pcre2_code *re, const char *replacement, char *why, size_t why_len);

/* The replacement of match [s, e) of data d (a file's bytes) by fix fx,
 * in arena a: fix's text with each bound metavariable replaced by its
 * text (an unbound one stays as written), or fix-regex applied to the
 * matched text. NULL when there is none: fix-regex's regex does not match
 * (nothing would change), the result is over max bytes, it would copy the
 * secret [sec_s, sec_e) of the match (a rule's metadata.secret: reports
 * never show one), or out-of-memory (*oom set). */
const char *pv_fix_make(const pv_fix *fx, pv_arena *a, const unsigned char *d, size_t s, size_t e,
                        pv_fix_lookup look, void *ctx, size_t sec_s, size_t sec_e, size_t max,
                        int *oom);

/* One replacement in a file: bytes [s, e) become text. */
typedef struct {
  uint32_t s, e;
  const char *text;
  size_t order; /* the caller's order (findings' order): ties keep the first */
  int skipped;  /* set by pv_fix_apply: PV_FIX_OVERLAP, PV_FIX_SAME or 0 (kept) */
} pv_fix_edit;

/* Why pv_fix_apply left an edit out: it overlaps an edit kept before it,
 * or it is that edit again (the same range and text: nothing is lost). */
enum { PV_FIX_OVERLAP = 1, PV_FIX_SAME = 2 };

/* Sort edits by position, keep those that overlap none kept before
 * (earliest start first, then the caller's order; an edit starting where
 * a kept one starts overlaps it, an insertion too; touching ranges do
 * not), mark the others skipped, and write d with the kept ones applied
 * into out (as applying them from the end of the file backwards does).
 * *applied: how many were kept; *overlaps: how many were left out for
 * overlapping (repeats of a kept one not counted). PV_OK, PV_FAILED when
 * an edit lies outside d or out would pass its maximum, PV_FATAL on
 * out-of-memory. */
pv_status pv_fix_apply(const unsigned char *d, size_t n, pv_fix_edit *edits, size_t ne, pv_buf *out,
                       size_t *applied, size_t *overlaps);

/* A unified diff (no context lines: hunks of whole changed lines) of the
 * kept edits of pv_fix_apply on d, headed "--- a/PATH" / "+++ b/PATH",
 * into out (sticky appends: check pv_buf_status). */
void pv_fix_diff(const char *path, const unsigned char *d, size_t n, const pv_fix_edit *edits,
                 size_t ne, pv_buf *out);

#endif
