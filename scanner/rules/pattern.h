/* pattern.h — Semgrep `pattern:` snippets for JS/TS: compile a snippet
 * with the target's tree-sitter grammar and match it structurally on
 * target trees (metavariables $X/$_/$...X, ellipsis `...` in lists,
 * statement sequences and "..." strings, <... P ...>, require/import
 * aliasing, const-string propagation, `$X = $E` on declarations).
 *
 * Ownership: a compiled pv_pattern lives in the arena given to
 * pv_pattern_compile (no other memory). A pv_pindex is malloc'd and freed
 * with pv_pindex_delete; it borrows the patterns. A pv_pscan is per thread
 * scratch (pv_pscan_new/_delete). Bindings are byte ranges into the
 * target file's data. */
#ifndef PV_PATTERN_H
#define PV_PATTERN_H

#include <tree_sitter/api.h>

#include "../base.h"
#include "../model.h"
#include "prefilter.h"

enum { PV_PAT_MAX_BINDINGS = 16 };

typedef struct pv_pattern pv_pattern;
typedef struct pv_pindex pv_pindex;
typedef struct pv_pscan pv_pscan;

/* One metavariable binding: name ("$X", "$...ARGS") is owned by the
 * pattern or rule; [s, e) are bytes of the target file. */
typedef struct {
  const char *name;
  uint32_t s, e;
} pv_binding;

/* One match: the matched byte range and its bindings. */
typedef struct {
  uint32_t s, e;
  uint32_t nb;
  pv_binding b[PV_PAT_MAX_BINDINGS];
} pv_pmatch;

/* Called for each match of pattern number `id` (its index in the array
 * given to pv_pindex_new). Return non-zero to stop the scan. */
typedef int (*pv_pmatch_fn)(void *ctx, uint32_t id, const pv_pmatch *m);

/* Compile snippet src (len bytes) for language l; arena-owned pattern, or
 * NULL with a reason in why ("does not parse as javascript ..."). */
pv_pattern *pv_pattern_compile(pv_arena *a, const char *src, size_t len, pv_lang l, char *why,
                               size_t why_len);
/* Compile a snippet written in TypeScript for JavaScript targets, as
 * Semgrep's one JS/TS pattern grammar does: its type annotations, type
 * arguments and parameters, `as T`, `satisfies T`, `x!`, `?` and access
 * modifiers are dropped (JavaScript code has none of them to match), the
 * rest compiled as javascript. NULL with a reason when it does not parse as
 * TypeScript or what is left does not parse as JavaScript (interfaces,
 * type aliases, enums: nothing of it can occur in JavaScript). */
pv_pattern *pv_pattern_compile_untyped(pv_arena *a, const char *src, size_t len, char *why,
                                       size_t why_len);
/* Non-zero if pv_pattern_compile_untyped made p. */
int pv_pattern_is_untyped(const pv_pattern *p);
/* Non-zero if the pattern is a lone metavariable (it matches every node). */
int pv_pattern_is_any(const pv_pattern *p);
/* Non-zero if the pattern names metavariable `name` ("$X"). */
int pv_pattern_has_mv(const pv_pattern *p, const char *name);

/* The words every match of p needs in its file (the prefilter's test of
 * the pattern): their number, and word k's bytes, length and whether it is
 * a module name (tested as pv_pattern_word_quoted says). */
uint32_t pv_pattern_words(const pv_pattern *p);
void pv_pattern_word(const pv_pattern *p, uint32_t k, const char **w, uint32_t *len, int *module);
/* A module name shorter than this counts only followed by a quote ('vm'
 * is in every require/import of vm, plain "vm" in far too many files). */
enum { PV_MODULE_BARE_MIN = 6 };
/* Non-zero if a word of len bytes counts only followed by a quote. */
int pv_pattern_word_quoted(uint32_t len, int module);

/* Index n patterns (all of one language) by the node types they can start
 * at, registering the words each needs in `words` (built later by the
 * caller); malloc'd, borrows pats. NULL on OOM. */
pv_pindex *pv_pindex_new(pv_pattern *const *pats, uint32_t n, pv_lang l, pv_strset *words);
/* Non-zero if every word pattern i needs is set in present (indexed by the
 * word ids of the pv_strset given to pv_pindex_new). */
int pv_pindex_words_present(const pv_pindex *ix, uint32_t i, const uint8_t *present);
/* Tell the index that every match of pattern i the rules can use holds a
 * word of g (a metavariable-regex on one of its metavariables): it becomes
 * the pattern's anchor if it has none. When every pattern tried in a file
 * has an anchor, the walk skips the subtrees that hold none of them.
 * Before the word set is built; -1 on OOM. */
int pv_pindex_add_anchor(pv_pindex *ix, uint32_t i, const pv_wordgroup *g);
/* Free an index. NULL is ignored. */
void pv_pindex_delete(pv_pindex *ix);

/* Per-thread scratch for scanning; NULL on OOM. */
pv_pscan *pv_pscan_new(void);
/* Free it. NULL is ignored. */
void pv_pscan_delete(pv_pscan *s);
/* Visit every node and try every active pattern there (for tests: the
 * results must not change). */
void pv_pscan_no_anchors(pv_pscan *s);
/* Node comparisons one attempt of a pattern at a node may make
 * (pv_limits.pattern_steps; the default until set). An attempt that needs
 * more stops there, as if the rest of its ways did not match, and the
 * pattern is marked (pv_pscan_exceeded). */
void pv_pscan_set_step_budget(pv_pscan *s, uint32_t steps);

/* What cut an attempt of a pattern short, so that some of its matches may
 * be missing (a set of these bits). */
enum {
  PV_PSCAN_STEPS = 1 << 0, /* the step budget */
  PV_PSCAN_DEPTH = 1 << 1, /* the depth a <... P ...> looks down (PV_PSCAN_DEEP_MAX levels) */
  PV_PSCAN_DECLS = 1 << 2, /* the declarations of the file tracked (PV_PSCAN_DECLS_MAX): an
                            * alias or a constant looked up may be unknown */
};
enum { PV_PSCAN_DEEP_MAX = 2000, PV_PSCAN_DECLS_MAX = 1 << 16 };
/* Like tree-sitter's ts_query_cursor_did_exceed_match_limit: the
 * PV_PSCAN_* bits of what cut short an attempt of pattern id in the
 * current file, or 0. The record of a file starts with a pv_pindex_scan
 * that is not pv_pscan_same_file, and covers the pv_pindex_match_around
 * and _within calls after it. */
unsigned pv_pscan_exceeded(const pv_pscan *s, uint32_t id);
/* Non-zero if an attempt of some pattern was cut short in the current
 * file. */
int pv_pscan_exceeded_any(const pv_pscan *s);
/* The next pv_pindex_scan is over the same file and tree as the last one
 * (more patterns): the declarations found and the nodes where a lazy
 * pattern was tried stay, so no match is collected twice. */
void pv_pscan_same_file(pv_pscan *s);
/* Walk the tree of one file once (to max_depth levels, at most budget_ms
 * milliseconds) and report every match of every pattern i with active[i]
 * set to fn. occ lists where the anchor words occur (pv_strset_scan of the
 * file with the index's word set); NULL or incomplete, every node is
 * visited. PV_OK; PV_WARN when the walk was cut short by depth or time
 * (matches past there are missed: the caller notes it); PV_FATAL on OOM. A
 * stop asked by fn is PV_OK. */
pv_status pv_pindex_scan(const pv_pindex *ix, pv_pscan *s, const unsigned char *data, uint32_t size,
                         TSNode root, const pv_occs *occ, uint32_t max_depth, uint32_t budget_ms,
                         const uint8_t *active, pv_pmatch_fn fn, void *ctx);

/* After pv_pindex_scan on a file (whose tree must still be alive), try
 * pattern id at every node enclosing bytes [a, e) of it (each node once
 * per file) and report its matches to fn: the matches that can bear on a
 * match at [a, e) of an operand that needs this pattern only around it
 * (formula.h, lazy patterns). PV_OK, or PV_FATAL on OOM. */
pv_status pv_pindex_match_around(const pv_pindex *ix, pv_pscan *s, uint32_t id, uint32_t a,
                                 uint32_t e, pv_pmatch_fn fn, void *ctx);

/* The same for every node inside bytes [a, e) (each node once per file). */
pv_status pv_pindex_match_within(const pv_pindex *ix, pv_pscan *s, uint32_t id, uint32_t a,
                                 uint32_t e, pv_pmatch_fn fn, void *ctx);
#endif
