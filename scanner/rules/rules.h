/* rules.h — load rule files (Semgrep-shaped YAML, via libyaml) and compile
 * their matchers once: `pattern-regex` (PCRE2, UTF-8, JIT) and `query`
 * (tree-sitter query, per language, #eq?/#match? predicates, #match? with
 * PCRE2).
 *
 * Ownership: a pv_ruleset owns its rules, their strings and compiled
 * matchers; pv_ruleset_delete frees them. Rules are read-only once loaded
 * and may be shared by worker threads. */
#ifndef PV_RULES_H
#define PV_RULES_H

#include "../limits.h"
#include "../model.h"
#include "cut.h"

typedef struct pv_ruleset pv_ruleset;
typedef struct pv_rule pv_rule;
struct pv_trees;

/* Bit (1u << lang) per pv_lang; PV_LANG_NONE's bit means "generic". */
#define PV_LANG_BIT(l) (1u << (unsigned)(l))
/* Every language's bit. */
#define PV_LANG_ALL_BITS (PV_LANG_BIT(PV_LANG_COUNT) - 1u)
/* The languages whose rules are compiled from code: code patterns
 * (javascript, typescript, tsx) cost most of a pack's load. */
#define PV_LANG_CODE_BITS \
  (PV_LANG_BIT(PV_LANG_JS) | PV_LANG_BIT(PV_LANG_TS) | PV_LANG_BIT(PV_LANG_TSX))

/* New empty ruleset; NULL on OOM. Its rules are compiled for every
 * language. */
pv_ruleset *pv_ruleset_new(void);
/* Before the first load: compile code patterns and queries for the
 * languages in langs (PV_LANG_BIT set) only. The rules keep their
 * languages and their files are checked as always, but a pattern or query
 * is not compiled, so neither checked nor matched, for the other
 * languages: files of those must not be matched with this set (a scan
 * loads a set for every language then: scan.h rules_load). Tree-sitter's
 * compile of the bundled pack's code patterns is most of its load time,
 * and a pre-commit scan of a few .js files needs only javascript's. */
void pv_ruleset_set_langs(pv_ruleset *rs, unsigned langs);
/* The languages rs was compiled for (PV_LANG_ALL_BITS unless set). */
unsigned pv_ruleset_langs(const pv_ruleset *rs);
/* Before the first load: JIT-compile the rules' regexes (on, the default)
 * or leave them to PCRE2's interpreter, which finds the same matches: JIT
 * compiling the pack's regexes costs more than it saves on a few small
 * files. */
void pv_ruleset_set_jit(pv_ruleset *rs, int on);
/* Before the first load: cut the set to the texts of c (cut.h), which it
 * takes: a code pattern that c's table says cannot match any of them is
 * not compiled. The set must then match those texts only
 * (pv_ruleset_cut_covers). */
void pv_ruleset_cut_take(pv_ruleset *rs, pv_cut *c);
/* Non-zero if rs may match a file of these bytes: it is not cut, or cut
 * to texts among which these are. */
int pv_ruleset_cut_covers(const pv_ruleset *rs, const unsigned char *data, size_t n);
/* Code patterns the cut left uncompiled (0 when the set is not cut). */
uint32_t pv_ruleset_cut_skipped(const pv_ruleset *rs);
/* The pattern table of rs (cut.h) for build build_id into out: every code
 * pattern compiled, per language, with the words it needs. PV_OK, or
 * out's status. */
pv_status pv_ruleset_pattern_table(const pv_ruleset *rs, const char *build_id, pv_buf *out);
/* Before the first load: take each rule file's YAML tree from t (trees.h,
 * not taken: it must outlive the loads) when t holds that file's bytes,
 * instead of parsing it. The rules are the same either way. */
void pv_ruleset_trees_use(pv_ruleset *rs, const struct pv_trees *t);
/* After a load: the files whose tree came from the trees file, and those
 * t names whose bytes it does not hold (changed since the build: their
 * YAML was parsed), the first of them in *first (NULL if none). */
void pv_ruleset_trees_stats(const pv_ruleset *rs, uint32_t *used, uint32_t *stale,
                            const char **first);
/* The rule trees file (trees.h) of every rule file under paths, for build
 * build_id, into out; each tree is read back and compared with libyaml's.
 * PV_OK, or PV_FAILED/PV_FATAL with err set. */
pv_status pv_rules_write_trees(const char *const *paths, size_t n, const char *build_id,
                               const pv_limits *lim, pv_buf *out, pv_error *err);
/* Free the ruleset and everything it owns. NULL is ignored. */
void pv_ruleset_delete(pv_ruleset *rs);
/* Load a rule file, or every *.yaml / *.yml file under a directory (sorted,
 * recursively; test files are not rules; a directory without one is an
 * error naming it). A malformed file fails the whole
 * load with err naming file, line and key ("rules/x.yaml:12: rule
 * 'js.eval': unknown key 'patern'"); no rule is silently dropped. */
pv_status pv_ruleset_load(pv_ruleset *rs, const char *path, const pv_limits *lim, pv_error *err);
/* The rule files (*.yaml, *.yml) under directory root as pv_ruleset_load
 * finds them (breadth first, at most 16 levels, sorted): *files and each
 * string malloc'd (pv_rules_files_free), *n their count. PV_FAILED naming
 * an unreadable directory or more than 100,000 files; PV_FATAL on OOM. */
pv_status pv_rules_list_files(const char *root, char ***files, size_t *n, pv_error *err);
/* Free what pv_rules_list_files returned. */
void pv_rules_files_free(char **files, size_t n);
/* pv_ruleset_load for several paths, compiling the queries and pattern
 * indexes once at the end (each pv_ruleset_load call recompiles them all). */
pv_status pv_ruleset_load_all(pv_ruleset *rs, const char *const *paths, size_t n,
                              const pv_limits *lim, pv_error *err);
/* How `rules compat` hears of one rule: at file:line (rule id, NULL when
 * the file itself is refused), why it is refused, NULL when it loads; note:
 * what a rule that loads is matched without (an option plugvet does not
 * apply), else NULL. */
typedef void (*pv_compat_fn)(void *ctx, const char *file, unsigned line, const char *id,
                             const char *why, const char *note);
/* Try each rule of the file, or of the rule files under a directory,
 * alone (as a scan would load and build it) and report it to fn; a refused
 * rule does not stop the others, nor a refused file the next. PV_FAILED
 * naming a path that cannot be read or a directory without rule files;
 * PV_FATAL on out-of-memory. */
pv_status pv_rules_compat(const char *path, const pv_limits *lim, pv_compat_fn fn, void *ctx,
                          pv_error *err);
/* Number of rules loaded. */
size_t pv_ruleset_count(const pv_ruleset *rs);
/* Rule i's metadata (0 <= i < count), in load order. */
const pv_rule_meta *pv_ruleset_meta(const pv_ruleset *rs, size_t i);
/* Rule i's languages as text ("javascript,typescript", "generic"); static
 * or ruleset-owned. */
const char *pv_ruleset_languages(const pv_ruleset *rs, size_t i);
/* Rule i's matcher kind: "regex", "query", "pattern" or "taint". */
const char *pv_ruleset_matcher_kind(const pv_ruleset *rs, size_t i);

#endif
