/* match.h — run a ruleset over one file.
 *
 * Ownership: findings are appended to r (strings in r->arena); the tree is
 * borrowed. A per-thread pv_matcher holds scratch state (PCRE2 match data,
 * query cursors); create one per worker. */
#ifndef PV_MATCH_H
#define PV_MATCH_H

#include <tree_sitter/api.h>

#include "parse.h"
#include "result.h"
#include "rules/rules.h"

typedef struct pv_matcher pv_matcher;

/* How a matcher runs; all zero is the normal run. */
typedef struct {
  int no_prefilter; /* every word counts as present, every node is visited and
                     * every pattern tried there: the same findings, slower
                     * (tools/ sets it from PLUGVET_NO_PREFILTER) */
} pv_match_options;

/* Scratch state for one thread; opt may be NULL (all zero). NULL on OOM. */
pv_matcher *pv_matcher_new(const pv_ruleset *rs, const pv_match_options *opt);
/* Free it. NULL is ignored. */
void pv_matcher_delete(pv_matcher *m);
/* Start input r (its files are then matched one by one): taint rules keep
 * what they learn of its modules until the next input, and analyse files
 * under node_modules only with taint_deps. PV_OK, or PV_FATAL on OOM. */
pv_status pv_match_input(pv_matcher *m, const pv_result *r, int taint_deps);
/* The order to match r's files in (indices into r->files: a module before
 * the modules that import it), or NULL for any order. */
const size_t *pv_match_order(const pv_matcher *m);

/* Run every rule whose languages include f->lang (regex rules also on
 * files with no tree: tree may be NULL, e.g. over the AST size limit or
 * PV_LANG_NONE files a rule lists as "generic"/"regex"). Appends findings
 * to r. Query matches inside ERROR subtrees are still reported. Returns
 * PV_OK or PV_FATAL (OOM). In a taint round, only the taint rules still
 * pending for f run. */
pv_status pv_match_file(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                        const pv_limits *lim);

/* Parse f (pv_parse) and run pv_match_file on it, then on each view of the
 * code embedded in it when it is a host file (embed.h). PV_OK or PV_FATAL. */
pv_status pv_match_parse(pv_matcher *m, pv_parser *p, pv_result *r, pv_file *f,
                         const pv_limits *lim);

/* Whether pv_match_file could read f's tree (f->lang set): 0 when no
 * query or pattern rule, no taint rule, can match there because the words
 * they need are absent (prefilter.h), so f need not be parsed. The words
 * found are kept for the pv_match_file of f that follows. Always 1 with
 * pv_match_options.no_prefilter. */
int pv_match_needs_tree(pv_matcher *m, const pv_file *f);

/* Taint rules: once every file of the input went through pv_match_file,
 * start a round over the files they still need (taint.h); 0 when none
 * does. In a round, each file of pv_match_order for which pv_match_wants
 * is non-zero is parsed again and goes through pv_match_file. */
int pv_match_next_round(pv_matcher *m);
int pv_match_wants(const pv_matcher *m, const pv_file *f);

#endif
