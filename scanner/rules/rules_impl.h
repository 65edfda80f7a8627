/* rules_impl.h — the inside of a loaded ruleset, shared by rules.c (which
 * builds it) and match.c (which runs it). Not part of the public API.
 *
 * Ownership: everything here belongs to the pv_ruleset; read-only once
 * pv_ruleset_load returns, so worker threads may share it. */
#ifndef PV_RULES_IMPL_H
#define PV_RULES_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <tree_sitter/api.h>

#include "../fix.h"
#include "cut.h"
#include "generic.h"
#include "mvexpr.h"
#include "pattern.h"
#include "prefilter.h"
#include "rules.h"

typedef enum {
  PV_MATCHER_REGEX = 0,
  PV_MATCHER_QUERY,
  PV_MATCHER_PATTERN,
  PV_MATCHER_TAINT
} pv_matcher_kind;

/* Semgrep operators of a pattern rule. */
typedef enum {
  PV_F_PATTERN,
  PV_F_REGEX,
  PV_F_AND,
  PV_F_OR,
  PV_F_NOT,
  PV_F_INSIDE,
  PV_F_NOT_INSIDE,
  PV_F_NOT_REGEX,
  PV_F_MV_REGEX,
  PV_F_MV_PATTERN,
  PV_F_MV_COMPARE,
  PV_F_MV_ANALYSIS, /* metavariable-analysis (analyzer: redos) */
  PV_F_FOCUS
} pv_fkind;

typedef struct pv_formula {
  pv_fkind kind;
  uint32_t line;
  struct pv_formula **kids; /* AND/OR: operands; NOT/INSIDE/NOT_INSIDE/MV_PATTERN: one */
  uint32_t n;
  uint32_t pat[PV_LANG_COUNT]; /* PATTERN: index in rs->pats[lang], UINT32_MAX if none */
  int lazy;                    /* PATTERN: only its matches around others' count (formula.h) */
  int any;                     /* PATTERN: a lone metavariable (it matches every node) */
  pv_generic *gen;             /* PATTERN of a generic rule: matched on text, not trees */
  int on_text;                 /* MV_PATTERN `language: generic`: its operand runs on the
                                * bound text (a string's content), not on the file */
  int anchored;                /* PATTERN: gave its metavariable-regex anchor (load time) */
  pcre2_code *re;              /* REGEX, NOT_REGEX, MV_REGEX (anchored) */
  const char *re_src;          /* its source */
  pv_wordgroup words;          /* REGEX, MV_REGEX: words a match needs (prefilter) */
  pv_wordgroup anchor_words;   /* MV_REGEX: the same, as short as one byte (anchors) */
  int decoded;                 /* MV_REGEX `decoded: true`: also tried on the constant the
                                * bound code folds to (fold.h); needs no words */
  const char **mvs;            /* MV_*: the metavariable; FOCUS: the list */
  uint32_t n_mvs;
  int entropy;     /* MV_ANALYSIS: analyzer entropy (else redos) */
  pv_mvexpr *cmp;  /* MV_COMPARE: the comparison */
  int strip, base; /* MV_COMPARE: its legacy keys (0: not given) */
} pv_formula;

/* The host languages' bits (model.h pv_lang_is_host). */
#define PV_LANG_HOST_BITS                                                              \
  (PV_LANG_BIT(PV_LANG_HTML) | PV_LANG_BIT(PV_LANG_EJS) | PV_LANG_BIT(PV_LANG_VUE) |   \
   PV_LANG_BIT(PV_LANG_SVELTE) | PV_LANG_BIT(PV_LANG_HBS) | PV_LANG_BIT(PV_LANG_PUG) | \
   PV_LANG_BIT(PV_LANG_NJK))

/* What a pattern's matches must satisfy to be of any use: the
 * metavariable-regexes of a `patterns` whose only positive is that pattern
 * (alone or in a pattern-either), checked as matches are found. */
enum { PV_PFILTERS = 4 };
typedef struct {
  const char *mv[PV_PFILTERS];
  const pcre2_code *re[PV_PFILTERS];
  uint32_t n;
} pv_pfilter;

struct pv_rule {
  pv_rule_meta meta;
  pv_matcher_kind kind;
  unsigned langs;                   /* PV_LANG_BIT set */
  pcre2_code *re;                   /* pattern-regex, JIT-compiled */
  const char *re_src;               /* its source */
  pv_wordgroup words;               /* words a match of re needs (prefilter) */
  const char *query;                /* query source (combined per language at load) */
  uint32_t line;                    /* where the rule starts in its file */
  uint32_t query_line;              /* where its query is (for errors) */
  const char *langs_text;           /* "javascript,typescript" */
  pv_formula *formula;              /* PV_MATCHER_PATTERN */
  const char *const *paths_include; /* globs, NULL-terminated, or NULL */
  const char *const *paths_exclude;
  const struct pv_taint_spec *taint; /* PV_MATCHER_TAINT (taint.h) */
  const pv_fix *fix;                 /* `fix` / `fix-regex` (fix.h), or NULL */
};

typedef enum { PV_PRED_EQ, PV_PRED_NOT_EQ, PV_PRED_MATCH, PV_PRED_NOT_MATCH } pv_pred_op;

/* One #eq?/#not-eq?/#match?/#not-match? of a query pattern. */
typedef struct {
  pv_pred_op op;
  uint32_t capture;   /* left capture id */
  int rhs_is_capture; /* #eq? @a @b */
  uint32_t rhs_capture;
  const char *text; /* string operand (eq) */
  uint32_t text_len;
  pcre2_code *re; /* #match? regex */
} pv_pred;

/* One pattern of a language's combined query. */
enum { PV_QWORDS = 4 };

typedef struct {
  const pv_rule *rule;
  pv_pred *preds;
  uint32_t n_preds;
  pv_wordgroup words[PV_QWORDS]; /* what its #eq?/#match? need in the file (prefilter) */
  uint32_t n_words;
} pv_qpattern;

/* All query rules of one language compiled as a single TSQuery so that the
 * tree is walked once per file. */
typedef struct {
  TSQuery *query;
  pv_qpattern *patterns; /* indexed by pattern index */
  uint32_t n_patterns;
  uint32_t match_capture; /* id of @match, or UINT32_MAX */
} pv_langquery;

struct pv_ruleset {
  pv_arena *arena; /* rule strings and arrays */
  pv_rule **rules;
  size_t n, cap;
  pv_langquery lq[PV_LANG_COUNT];
  pv_pattern **pats[PV_LANG_COUNT]; /* every `pattern` of every rule, per language */
  uint32_t npats[PV_LANG_COUNT], cappats[PV_LANG_COUNT];
  const char **psrc[PV_LANG_COUNT]; /* each pattern's source (arena), for sharing */
  uint32_t *psrclen[PV_LANG_COUNT];
  uint32_t *pslot[PV_LANG_COUNT];     /* open-addressed by the source's hash: id + 1, 0 free */
  uint32_t nslot[PV_LANG_COUNT];      /* a power of two over twice npats, or 0 */
  uint32_t *puses[PV_LANG_COUNT];     /* `pattern` leaves using it (shared snippets get
                                       * no per-rule filters; anchors all uses agree on) */
  pv_pindex *pix[PV_LANG_COUNT];      /* built after load */
  pv_pfilter *pfilter[PV_LANG_COUNT]; /* per pattern: regexes its matches must pass */
  pv_strset *words;                   /* words patterns and queries need (prefilter) */
  pcre2_code **res;                   /* formula regexes, freed with the set */
  size_t nres, capres;
  struct pv_taint_models *models;   /* library models of taint rules (taint.h) */
  int default_models;               /* the builtin models are loaded */
  unsigned langs;                   /* languages whose patterns and queries are compiled
                                     * (pv_ruleset_set_langs) */
  int no_jit;                       /* regexes left to PCRE2's interpreter (pv_ruleset_set_jit) */
  pv_cut *cut;                      /* the texts the set is cut to, or NULL (cut.h) */
  const struct pv_trees *trees;     /* stored YAML trees of the bundled pack, or NULL (trees.h) */
  uint32_t trees_used, trees_stale; /* files read from trees / named there but changed */
  const char *trees_stale_first;    /* the first of those (arena) */
};

/* Free a pattern table's regexes and the query (arena memory stays). */
void pv_langquery_clear(pv_langquery *lq);

/* ---- The rule loader's YAML tree and helpers, for taint_spec.c --------- */

typedef enum { PV_YAML_SCALAR, PV_YAML_SEQ, PV_YAML_MAP } pv_yaml_type;

typedef struct pv_yaml_node {
  pv_yaml_type t;
  uint32_t line; /* 1-based */
  const char *s; /* scalar text */
  size_t len;
  struct pv_yaml_node **kids; /* map: key, value, key, value... */
  size_t n, cap;
} pv_yaml_node;

/* The loader's state while it checks one file (opaque outside rules.c). */
typedef struct pv_rctx pv_rctx;

/* Fail the load: "file:line: rule 'id': MESSAGE". Returns PV_FAILED. */
pv_status pv_rules_err(pv_rctx *c, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Fail the load for out-of-memory. Returns PV_FATAL. */
pv_status pv_rules_oom(pv_rctx *c);
/* The ruleset's arena (rule strings and arrays live there). */
pv_arena *pv_rules_arena(pv_rctx *c);
/* The ruleset being loaded. */
pv_ruleset *pv_rules_set(pv_rctx *c);
/* A YAML boolean: 1 for true/True/TRUE/yes, 0 for false/False/FALSE/no,
 * -1 for anything else. */
int pv_rules_bool(const pv_yaml_node *v);
/* One of Semgrep's rule options that are not taint's own (k: its name,
 * v: its value; docs/rules.md, "options"): PV_OK when plugvet matches as it
 * asks, when it only tunes Semgrep's engine, or when the rule may load
 * without it (noted for rules compat); else an error naming it. */
pv_status pv_rules_option(pv_rctx *c, const pv_yaml_node *k, const pv_yaml_node *v);
/* Value of key in mapping m, or NULL. */
const pv_yaml_node *pv_rules_map_get(const pv_yaml_node *m, const char *key);
/* The builtin source sets (a mapping of names to lists of source items),
 * read from pv_taint_source_sets the first time they are wanted. */
pv_status pv_rules_builtin_sets(pv_rctx *c, const pv_yaml_node **out);
/* The file's own `source-sets:` mapping, or NULL. */
const pv_yaml_node *pv_rules_source_sets(pv_rctx *c);
/* A non-empty string value copied into the ruleset's arena. */
pv_status pv_rules_string(pv_rctx *c, const pv_yaml_node *v, const char *key, const char **out);
/* Compile the search-mode operator k (pattern, patterns, pattern-either,
 * pattern-regex) with value v into *out, for rule r's languages. */
pv_status pv_rules_formula(pv_rctx *c, pv_rule *r, const pv_yaml_node *k, const pv_yaml_node *v,
                           pv_formula **out);

#endif
