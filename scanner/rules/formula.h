/* formula.h — evaluate a pattern rule's Semgrep operators (patterns,
 * pattern-either, pattern-not, pattern-inside, pattern-not-inside,
 * pattern-regex, pattern-not-regex, metavariable-regex/-pattern/
 * -comparison, focus-metavariable) on one file, from the matches of its
 * `pattern` leaves found by one tree walk (pattern.h).
 *
 * Semantics (Semgrep's): under `patterns` the positives are intersected
 * (a range is kept when it lies inside a match of every other positive and
 * the metavariables agree), then negatives filter (pattern-not: the same
 * range; pattern-not-inside: an enclosing range; pattern-not-regex: an
 * overlapping regex match), then metavariable conditions (which see only
 * positive bindings), then focus-metavariable narrows.
 *
 * Ownership: match lists are malloc'd; the caller frees them with
 * pv_mlist_free. Formulas belong to the ruleset. */
#ifndef PV_FORMULA_H
#define PV_FORMULA_H

#include "rules_impl.h"

/* A growable list of matches. */
typedef struct {
  pv_pmatch *v;
  uint32_t n, cap;
} pv_mlist;

/* Where a lazy pattern's matches are wanted, relative to a range. */
typedef enum {
  PV_DEMAND_AROUND, /* at the nodes enclosing it */
  PV_DEMAND_WITHIN, /* at the nodes inside it */
} pv_demand_where;

/* Matches of pattern `pat` around or within [s, e), wanted by the
 * evaluation: the callee appends them to by_pat[pat] (once per node it
 * tries). 0, or -1 on OOM. */
typedef int (*pv_demand_fn)(void *ctx, uint32_t pat, uint32_t s, uint32_t e, pv_demand_where where);

/* What a formula is evaluated against: one file of language lang, with
 * by_pat[i] the matches of pattern i of that language (rs->pats[lang]),
 * and PCRE2 scratch. Lazy patterns' lists start empty and are filled
 * through demand as the evaluation needs them. */
typedef struct {
  pv_mlist *by_pat;
  uint32_t n_pat;
  pv_lang lang;
  const unsigned char *data;
  uint32_t size;
  pcre2_match_data *md;
  pcre2_match_context *mctx;
  pv_demand_fn demand; /* NULL: every list is complete */
  void *demand_ctx;
  unsigned *regex_cut;    /* NULL, or gets PV_REGEX_CUT_* bits when a regex stopped early */
  uint32_t fold_bytes;    /* limits.fold_bytes: the largest folded constant (fold.h); 0: none */
  uint32_t generic_steps; /* limits.pattern_steps: one attempt of a generic pattern (generic.h) */
} pv_feval;

/* Why a regex of a formula stopped before it had found every match (the
 * matches it would have found are missing). */
enum {
  PV_REGEX_CUT_COUNT = 1 << 0, /* a pattern-regex matched PV_FORMULA_REGEX_MAX times in the file */
  PV_REGEX_CUT_LIMIT = 1 << 1, /* PCRE2's match or depth limit (or another matching error) */
  PV_REGEX_CUT_GENERIC = 1 << 2, /* a generic pattern's step budget or match limit (generic.h) */
};
enum { PV_FORMULA_REGEX_MAX = 1000 }; /* matches of one pattern-regex in one file */

/* Append m to l; 0, or -1 on OOM. */
int pv_mlist_push(pv_mlist *l, const pv_pmatch *m);
/* Free l's array and empty it. */
void pv_mlist_free(pv_mlist *l);
/* Evaluate f over one file into out (deduplicated by range). PV_OK or
 * PV_FATAL on OOM. */
pv_status pv_formula_eval(const pv_formula *f, const pv_feval *e, pv_mlist *out);
/* Non-zero if f can match a file of language l in which only the patterns
 * i with pat_ok[i] set can and whose words are present[] (the prefilter's
 * verdict): every positive and metavariable-regex of a `patterns` can,
 * some branch of a `pattern-either` can. */
int pv_formula_can_match(const pv_formula *f, pv_lang l, const uint8_t *pat_ok,
                         const uint8_t *present);
/* Set want[i] for every pattern i of language l that f uses (the lazy
 * ones only when lazy is non-zero). */
void pv_formula_mark(const pv_formula *f, pv_lang l, uint8_t *want, int lazy);

/* Mark the `pattern` leaves of a rule's formula whose matches only count
 * around matches of another operand: the non-first positives of a
 * `patterns`, and negatives (pattern-not: the same range; -inside and
 * pattern-not-inside: an enclosing one). A walk need not look for them;
 * the evaluation asks for them (pv_feval.demand) at the nodes enclosing
 * the ranges it holds, which are the only places they can matter. */
void pv_formula_set_lazy(pv_formula *f);
/* Non-zero if a and b are the same operators over the same patterns (the
 * same matches in every file): rules that share items compile them apart. */
int pv_formula_same(const pv_formula *a, const pv_formula *b);
/* A hash of f equal for formulas pv_formula_same holds the same. */
uint64_t pv_formula_hash(const pv_formula *f);
/* The binding of metavariable name ("$X") in m, or NULL. */
const pv_binding *pv_pmatch_get(const pv_pmatch *m, const char *name, size_t len);

#endif
