/* generic.h — Semgrep's generic pattern mode (`languages: [generic]`,
 * "spacegrep") over any text file.
 *
 * A text is read as tokens: words ([A-Za-z0-9_]+), single ASCII
 * punctuation characters, and runs of other bytes; whitespace only
 * separates them, and comments of the rule's `generic_comment_style` are
 * skipped. A pattern is read the same way, where `...` skips tokens, `$X`
 * matches one word (the same text at each use) and `$...X` skips tokens and
 * binds them. Leading `...` of a pattern are dropped (a match starts at its
 * first token).
 *
 * An ellipsis takes at most `span` lines below the last token matched before
 * it (`generic_ellipsis_max_span`, 10 by default; 0: the same line), never
 * a line indented less than the match's first line (the end of its block),
 * and never a closing bracket it did not open. Pattern lines indented more
 * than the pattern's first line match only lines indented more than the
 * match's first line. A trailing ellipsis takes all it may. A match that
 * starts inside the previous one is not reported (no sub-matches).
 *
 * Ownership: a compiled pattern lives in the arena it was compiled into;
 * a match's binding names point into the pattern, its ranges into the
 * text. pv_generic_match allocates only for the duration of the call. */
#ifndef PV_GENERIC_H
#define PV_GENERIC_H

#include "../base.h"
#include "pattern.h"

typedef struct pv_generic pv_generic;

typedef enum {
  PV_GCOMMENT_NONE,  /* no comments: every byte is text */
  PV_GCOMMENT_C,     /* slash-star comments */
  PV_GCOMMENT_CPP,   /* slash-star and double-slash comments */
  PV_GCOMMENT_SHELL, /* # to the end of the line */
} pv_gcomment;

enum {
  PV_GENERIC_SPAN = 10,       /* Semgrep's default generic_ellipsis_max_span */
  PV_GENERIC_TOKENS = 1024,   /* tokens in one pattern */
  PV_GENERIC_FILE_STEPS = 64, /* one file's steps, in attempts' budgets */
};

/* Compile pattern src (len bytes); arena-owned, or NULL with the reason in
 * why (an empty pattern, one of ellipses only, one too long). */
pv_generic *pv_generic_compile(pv_arena *a, const char *src, size_t len, uint32_t span,
                               pv_gcomment cs, char *why, size_t why_len);

/* Called for each match; non-zero stops the search. */
typedef int (*pv_generic_fn)(void *ctx, const pv_pmatch *m);

/* Every match of g in data[0, size), in order. steps bounds the token
 * comparisons of one attempt (at one start), PV_GENERIC_FILE_STEPS times
 * steps those of the whole text; an attempt that runs out counts as no
 * match, and the search stops when the text's budget is spent. Returns 0, 1 when some attempt ran
 * out of steps (its match may be missing), or -1 on out-of-memory. */
int pv_generic_match(const pv_generic *g, const unsigned char *data, uint32_t size, uint32_t steps,
                     pv_generic_fn fn, void *ctx);

#endif
