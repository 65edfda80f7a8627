/* redos.h — a static check of one JavaScript regular expression for
 * catastrophic (exponential) backtracking, the analyser behind a rule's
 * `metavariable-analysis: {analyzer: redos}` (docs/rules.md).
 *
 * The pattern is parsed once (JavaScript syntax: classes, escapes, groups,
 * lookarounds, {n,m}, the i, s, u and v flags) into what each sub-pattern
 * can start with, end with and consume. A quantifier that repeats its body
 * without bound (or at least PV_REDOS_MIN_REPEAT times) is reported when
 *
 *   - nested: the body holds an unbounded quantifier whose characters can
 *     also start the next repetition when it ends the body, or end the
 *     previous one when it starts the body: (a+)+, (a*)*, (\w+\s?)*,
 *     (.*a){12}, (x+x+)+; or
 *   - overlapping: the body is an alternation two of whose branches of
 *     fixed length match a common string (same length and every position
 *     overlapping, or a one-character branch that matches every character
 *     of the other): (a|a)*, (\w|\d)+, (.|\s)*, (\\.|[^"])*.
 *
 * Anything else, a pattern that does not parse, is longer than max_bytes
 * or nests groups deeper than max_depth is not reported (PV_REDOS_SAFE or
 * PV_REDOS_UNKNOWN). Time is linear in the pattern (alternatives compared
 * pairwise: at most PV_REDOS_ALT_MAX branches of one alternation);
 * memory is the recursion (max_depth frames) and one malloc'd table per
 * alternation. Pure: no I/O, no globals. */
#ifndef PV_REDOS_H
#define PV_REDOS_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
  PV_REDOS_SAFE,    /* parsed, nothing found */
  PV_REDOS_NESTED,  /* nested quantifiers over the same characters */
  PV_REDOS_OVERLAP, /* overlapping alternatives under a quantifier */
  PV_REDOS_UNKNOWN, /* not analysed: malformed, too long or too deep, OOM */
} pv_redos_kind;

enum {
  PV_REDOS_ICASE = 1 << 0,   /* i */
  PV_REDOS_DOTALL = 1 << 1,  /* s */
  PV_REDOS_UNICODE = 1 << 2, /* u */
  PV_REDOS_SETS = 1 << 3,    /* v (nested classes) */
};
enum { PV_REDOS_MIN_REPEAT = 10, PV_REDOS_ALT_MAX = 256 };

/* Check the pattern p (len bytes, the text between the slashes of a regex
 * literal or the decoded string given to RegExp) under flags (PV_REDOS_*).
 * *at (if not NULL) gets the byte offset of the repeated group found. */
pv_redos_kind pv_redos_check(const char *p, size_t len, unsigned flags, uint32_t max_bytes,
                             uint32_t max_depth, uint32_t *at);

/* The same for a JavaScript literal in source: a regex literal's pattern
 * (src[s, e) lies between its slashes; the flags are read after the
 * closing one), a string literal or a template without ${} (src[s, e)
 * with its quotes; escapes are decoded). Anything else: PV_REDOS_UNKNOWN. */
pv_redos_kind pv_redos_check_js(const unsigned char *src, size_t size, uint32_t s, uint32_t e,
                                uint32_t max_bytes, uint32_t max_depth, uint32_t *at);

/* "nested quantifiers", "overlapping alternatives", "safe", "not analysed". */
const char *pv_redos_kind_name(pv_redos_kind k);

#endif
