/* match.h — run a ruleset over one file.
 *
 * Ownership: findings are appended to r (strings in r->arena); the tree is
 * borrowed. A per-thread pv_matcher holds scratch state (PCRE2 match data,
 * query cursors); create one per worker. */
#ifndef PV_MATCH_H
#define PV_MATCH_H

#include <tree_sitter/api.h>

#include "result.h"
#include "rules.h"

typedef struct pv_matcher pv_matcher;

/* Scratch state for one thread; NULL on OOM. */
pv_matcher *pv_matcher_new(const pv_ruleset *rs);
/* Free it. NULL is ignored. */
void pv_matcher_delete(pv_matcher *m);
/* Run every rule whose languages include f->lang (regex rules also on
 * files with no tree: tree may be NULL, e.g. over the AST size limit or
 * PV_LANG_NONE files a rule lists as "generic"/"regex"). Appends findings
 * to r. Query matches inside ERROR subtrees are still reported. Returns
 * PV_OK or PV_FATAL (OOM). */
/* Start input r (its files are then matched one by one): taint rules keep
 * what they learn of its modules until the next input, and analyse files
 * under node_modules only with taint_deps. 0, or -1 on OOM. */
int pv_match_input(pv_matcher *m, const pv_result *r, int taint_deps);
/* The order to match r's files in (indices into r->files: a module before
 * the modules that import it), or NULL for any order. */
const size_t *pv_match_order(const pv_matcher *m);

pv_status pv_match_file(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                        const pv_limits *lim);

#endif
