/* taint.h — the taint room's API: the engine that follows tainted values
 * from source matches to sink matches in a JS/TS file and through the
 * summaries of the modules it imports (taint.c and the files of
 * taint_impl.h, its inside), and the module graph of an input (graph.c).
 * The rules it runs are loaded by the rules room
 * (../rules/taint_spec.h); this room depends on the rules room, never the
 * reverse. See docs/taint.md.
 *
 * Ownership: the specs and models it reads belong to the ruleset (read-only,
 * shared by worker threads). The graph and the exports belong
 * to one matcher (one worker) for one input. pv_taint_run allocates its
 * scratch in an arena of its own and reports findings through its hit
 * callback. */
#ifndef PV_TAINT_H
#define PV_TAINT_H

#include <tree_sitter/api.h>

#include "../result.h"
#include "../rules/formula.h"
#include "../rules/rules_impl.h"
#include "../rules/taint_spec.h"

/* The grammar symbols the engine looks at (one table per language). */
typedef struct {
  TSSymbol ident, this_, member, subscript, call, new_, assign, aug_assign, ternary, unary, update,
      binary, string, number, regex, true_, false_, null_, undefined, fn_decl, fn_expr, arrow,
      method, gen_decl, gen_expr, block, lexdecl, vardecl, vdecl, if_, for_, for_in, while_, do_,
      return_, try_, switch_, expr_stmt, throw_, comment, paren, objpat, arrpat, sprop_pat,
      assign_pat, rest_pat, object, pair, prop, sprop, export_stmt, export_clause, import_stmt,
      import_clause, ns_import, named_imports, pairpat, catch_, class_body, template, class_decl,
      class_, field_def, heritage, super_, await_;
} pv_syms_ts;

/* The table of language l (JS, TS, TSX), or NULL. */
const pv_syms_ts *pv_syms_ts_for(pv_lang l);

/* One step of a path: bytes [s, e) of file (NULL: the file being
 * analysed) and what happens there. */
typedef struct {
  const pv_file *file;
  uint32_t s, e;
  const char *msg;
} pv_taint_step;

/* Called once per sink reached, with its match in sink_file (NULL: the
 * file being analysed; another file for a sink inside an imported module)
 * and the path (source first, the sink last; valid during the call).
 * Returns 0 to go on, 1 to stop (the findings limit), -1 on OOM. */
typedef int (*pv_taint_hit_fn)(void *ctx, const pv_file *sink_file, const pv_pmatch *sink,
                               const pv_taint_step *steps, uint32_t n);

/* ---- Across files (graph.c, exports.c) ---------------------------------- */

/* The relative require/import graph of one input's files. */
typedef struct pv_taint_graph pv_taint_graph;
/* Index r's files by path; NULL on OOM. r must outlive the graph. */
pv_taint_graph *pv_taint_graph_new(const pv_result *r);
void pv_taint_graph_delete(pv_taint_graph *g);
/* The JS/TS file that relative specifier spec (len bytes, "./x",
 * "../y/z.js") names from file `from`, or NULL (not relative, or not among
 * the files: packages are not analysed as code). */
const pv_file *pv_taint_resolve(const pv_taint_graph *g, const pv_file *from, const char *spec,
                                size_t len);
/* Fill order with r->files' indices so that a module comes before the
 * modules that import it (cycles broken in path order); -1 on OOM. */
int pv_taint_order(pv_taint_graph *g, size_t *order);
/* Whether f is imported by (PV_TAINT_IMPORTED) and imports
 * (PV_TAINT_IMPORTS) modules of the input, or 0 (after pv_taint_order). */
enum { PV_TAINT_IMPORTED = 1, PV_TAINT_IMPORTS = 2 };
int pv_taint_linked(const pv_taint_graph *g, const pv_file *f);
/* Non-zero if f is an entry module of its package: the file package.json's
 * `main` names (resolved like a relative import; else index.js next to
 * package.json, unless it has an `exports` map), or a target of its
 * `exports` map (paths and subpaths, under node/require/import/default
 * conditions). */
int pv_taint_entry(pv_taint_graph *g, const pv_file *f);
/* Called per file; a non-zero return stops the walk and is returned. */
typedef int (*pv_taint_file_fn)(void *ctx, const pv_file *f);
/* Call fn on the modules f imports, directly or not, until one returns
 * non-zero (which is returned; -1 on OOM). */
int pv_taint_deps_any(const pv_taint_graph *g, const pv_file *f, pv_taint_file_fn fn, void *ctx);
/* Call fn on the modules that import f directly, until one returns non-zero. */
int pv_taint_each_importer(const pv_taint_graph *g, const pv_file *f, pv_taint_file_fn fn,
                           void *ctx);

/* What the taint rules learnt of an input's modules: where each (rule,
 * file) stands and the summaries of exported functions, per rule.
 *
 * The files of an input are matched in the order of pv_taint_order. In
 * the first pass (round 0) only the rules' sources are looked for
 * (pv_taint_sources): a file where taint can arise becomes pending, and is
 * analysed at once (pv_taint_run) if it is ready. Then come rounds over
 * the (rule, file) pairs still pending, each analysed once ready (the
 * modules it imports settled): files where taint can arise, modules whose
 * summaries a call needs, and importers of a module with an export
 * returning a source's taint. A call handing taint to a module not
 * analysed yet makes that module pending and the file pending again (its
 * findings are reported by the analysis that needs nothing more). So
 * modules no taint reaches are never analysed. The last round
 * (ROUNDS_MAX, or after one that changed nothing: import cycles) waits for
 * nothing: such calls keep the default. */
typedef struct pv_taint_exports pv_taint_exports;
pv_taint_exports *pv_taint_exports_new(void);
void pv_taint_exports_delete(pv_taint_exports *x);
/* The current round (0: the first pass). */
uint32_t pv_taint_round(const pv_taint_exports *x);
/* Start the next round; 0 when no (rule, file) is pending or the last
 * round is over. */
int pv_taint_next_round(pv_taint_exports *x);
/* Is (rule, f) pending with the modules f imports settled (in the last
 * round: pending)? 1 yes, 0 no, -1 OOM. */
int pv_taint_ready(const pv_taint_exports *x, const pv_taint_graph *g, const pv_rule *rule,
                   const pv_file *f);
/* The first pass over f (round 0, e holding the matches of the rule's
 * sources): 1 if taint can arise in f (a source matches, or f is the
 * entry module under taint-entry: exported), which makes (rule, f)
 * pending; 0 if not; -1 on OOM. */
int pv_taint_sources(const pv_rule *rule, const pv_feval *e, const pv_file *f, pv_taint_graph *g,
                     pv_taint_exports *x);

/* What the taint rules find once per file (its functions and imports),
 * kept between the rules run on it. Reset it before each file. */
typedef struct pv_taint_file pv_taint_file;
pv_taint_file *pv_taint_file_new(void);
void pv_taint_file_reset(pv_taint_file *pf);
void pv_taint_file_delete(pv_taint_file *pf);

/* Run taint rule `rule` over one parsed file f (pf: the file's cache,
 * shared by the rules run on it): source, sink and sanitizer
 * ranges come from evaluating its operators in e (the file's pattern
 * matches). Calls into modules of
 * the input (g, NULL: none) use the summaries of their exports in x (NULL:
 * none, then f is analysed at once on its own), and f's exports are added
 * there. Reports each sink reached once, with the shortest path found,
 * to hit; `incomplete` gets where a budget or bound first ran out and
 * which (what was found stands either way). PV_OK, PV_FAILED (hit said
 * stop) or PV_FATAL (OOM). */
enum { PV_TAINT_WHERE_MAX = 80 };
typedef struct {
  char
      where[PV_TAINT_WHERE_MAX]; /* "function build (line 12)", "the top level"; "": none ran out */
  char why[PV_TAINT_WHERE_MAX];  /* "the step budget (4000000 expressions)" */
} pv_taint_incomplete;
pv_status pv_taint_run(const pv_rule *rule, const pv_taint_models *models, const pv_feval *e,
                       const pv_file *f, const TSTree *tree, pv_taint_graph *g, pv_taint_exports *x,
                       pv_taint_file *pf, const pv_limits *lim, pv_taint_hit_fn hit, void *ctx,
                       pv_taint_incomplete *incomplete);

#endif
