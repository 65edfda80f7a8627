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

#include "rules.h"

typedef enum { PV_MATCHER_REGEX = 0, PV_MATCHER_QUERY } pv_matcher_kind;

/* Bit (1u << lang) per pv_lang; PV_LANG_NONE's bit means "generic". */
#define PV_LANG_BIT(l) (1u << (unsigned)(l))

struct pv_rule {
  pv_rule_meta meta;
  pv_matcher_kind kind;
  unsigned langs;         /* PV_LANG_BIT set */
  pcre2_code *re;         /* pattern-regex, JIT-compiled */
  const char *query;      /* query source (combined per language at load) */
  uint32_t line;          /* where the rule starts in its file */
  uint32_t query_line;    /* where its query is (for errors) */
  const char *langs_text; /* "javascript,typescript" */
};

typedef enum { PV_PRED_EQ, PV_PRED_NOT_EQ, PV_PRED_MATCH, PV_PRED_NOT_MATCH } pv_pred_op;

/* One #eq?/#not-eq?/#match?/#not-match? of a query pattern. */
typedef struct {
  pv_pred_op op;
  uint32_t capture;   /* left capture id */
  int rhs_is_capture; /* #eq? @a @b */
  uint32_t rhs_capture;
  const char *text;   /* string operand (eq) */
  uint32_t text_len;
  pcre2_code *re;     /* #match? regex */
} pv_pred;

/* One pattern of a language's combined query. */
typedef struct {
  const pv_rule *rule;
  pv_pred *preds;
  uint32_t n_preds;
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
};

/* Free a pattern table's regexes and the query (arena memory stays). */
void pv_langquery_clear(pv_langquery *lq);

#endif
