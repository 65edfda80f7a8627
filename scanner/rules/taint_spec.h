/* taint_spec.h — the loaded form of Semgrep `mode: taint` rules and of the
 * library models (taint_spec.c reads their YAML keys for the rule loader,
 * taint_models.c holds the builtin models file). The engine that runs them
 * is the taint room's (scanner/taint/taint.h); this header is all it needs
 * of the rules room besides the formulas. See docs/taint.md.
 *
 * Ownership: specs and models live in the ruleset's arena and are read-only
 * once loaded (shared by worker threads). */
#ifndef PV_TAINT_SPEC_H
#define PV_TAINT_SPEC_H

#include "formula.h"
#include "rules_impl.h"

/* One entry of pattern-sources / -sinks / -sanitizers / -propagators. */
typedef struct {
  pv_formula *f;
  uint32_t line;
  int exact;             /* sources: default 0; sinks: default 1; sanitizers: 0 */
  int by_side_effect;    /* sources: the variable matched is tainted from there on;
                          * sanitizers: cleaned from there on (PV_SIDE_ONLY: after the
                          * match, not the occurrence matched; propagators: always so) */
  int not_conflicting;   /* sanitizers: not applied where a source or sink of the rule
                          * matches the same range */
  const char *label;     /* sources */
  const char *requires;  /* sources, sinks */
  const char *from, *to; /* propagators: "$X" */
  uint32_t fid;          /* the same for items of every rule that match alike
                          * (pv_taint_share_items): the engine evaluates them once per file */
} pv_taint_item;

enum { PV_TI_SOURCE, PV_TI_SINK, PV_TI_SANITIZER, PV_TI_PROPAGATOR, PV_TI_COUNT };

enum { PV_SIDE_ONLY = 2 }; /* a source's `by-side-effect: only` */

typedef struct pv_taint_spec {
  pv_taint_item *items[PV_TI_COUNT];
  uint32_t n[PV_TI_COUNT];
  int safe_functions; /* taint_assume_safe_functions (plugvet default 1) */
  int safe_indexes, safe_booleans, safe_numbers; /* taint_assume_safe_* */
  int unify_mvars;    /* taint_unify_mvars: a source's and a sink's metavariables agree */
  int interfile;      /* interfile (always on) */
  int entry_exported; /* taint-entry: exported (the entry module's exports' parameters are
                       * sources) */
  int render_views;   /* render-views: sinks are a render call's locals, followed into the
                       * view's unescaped outputs (scanner/render.h) */
} pv_taint_spec;

/* What a library function does with taint (models.yaml, docs/taint.md). */
typedef enum {
  PV_MODEL_PROPAGATOR, /* `from` inputs taint the result */
  PV_MODEL_SANITIZER,  /* the result is never tainted */
  PV_MODEL_NUMBER,     /* a number: safe with taint_assume_safe_numbers */
  PV_MODEL_BOOLEAN,    /* a boolean: safe with taint_assume_safe_booleans */
  PV_MODEL_CALLBACK    /* `from` inputs taint parameter `param` of the callback */
} pv_model_kind;

/* pv_model.from bits: the receiver, every argument, or argument N (bit N+2). */
enum { PV_FROM_RECEIVER = 1u << 0, PV_FROM_ARGS = 1u << 1 };
#define PV_FROM_ARG(n) (1u << ((n) + 2))

typedef struct {
  const char *name; /* "JSON.parse", "path.join" (a callee path), or a method name */
  int method;       /* 1: name is a method called on any receiver */
  pv_model_kind kind;
  unsigned from; /* PV_FROM_* */
  int callback;  /* CALLBACK: the argument holding it; -1 the last one */
  int param;     /* CALLBACK: the parameter that receives the taint */
  const char
      *event; /* only calls whose first argument is this string (a listener's event), or NULL */
} pv_model;

typedef struct pv_taint_models {
  pv_model *v;
  uint32_t n, cap;
} pv_taint_models;

/* The builtin models file (YAML text with a top-level `models:` list). */
extern const char pv_taint_default_models[];
/* The builtin source sets (YAML text with a top-level `source-sets:`
 * mapping; taint_sources.c), which `- source-set: NAME` items name. */
extern const char pv_taint_source_sets[];

/* Non-zero if key belongs to a `mode: taint` rule (mode, pattern-sources,
 * pattern-sinks, pattern-sanitizers, pattern-propagators, options). */
int pv_taint_is_key(const char *key);
/* Check and compile the taint part of rule mapping m into r->taint. */
pv_status pv_taint_rule_check(pv_rctx *c, const pv_yaml_node *m, pv_rule *r);
/* Check a file's `source-sets:` mapping (names to lists of source items). */
pv_status pv_taint_sets_check(pv_rctx *c, const pv_yaml_node *sets);
/* Add the entries of a `models:` list to the ruleset's models. */
pv_status pv_taint_models_check(pv_rctx *c, const pv_yaml_node *list);
/* Non-zero if rs holds a taint rule. */
int pv_taint_wanted(const pv_ruleset *rs);
/* Number the items of rs's taint rules (pv_taint_item.fid) so that items
 * with the same formula (pv_formula_same), whatever their rule and kind,
 * share a number; after the formulas are final (lazy, anchors). 0, or -1
 * on OOM. */
int pv_taint_share_items(pv_ruleset *rs);
/* The model of a call: callee path `path` ("path.join", "JSON.parse",
 * "encodeURIComponent"; NULL if not a plain path) and method name `method`
 * (the last property of a member call, or NULL); event, the string the
 * call's first argument is (or NULL): a model with an event applies only
 * to calls with that one. Callee paths win. */
const pv_model *pv_taint_model_find(const pv_taint_models *m, const char *path, const char *method,
                                    const char *event);

#endif
