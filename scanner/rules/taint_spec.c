/* taint_spec.c — load the taint part of a rule (`mode: taint`) and the
 * `models:` lists of library behaviour (see taint_spec.h, docs/taint.md). The
 * YAML tree and the operator compiler are rules.c's (rules_impl.h). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taint_spec.h"

enum {
  MODELS_MAX = 10000,
  ITEMS_MAX = 1000, /* items of one list, source sets expanded (a set named over and over) */
};

static int in_list(const char *s, const char *const *words) {
  for (size_t i = 0; words[i] != NULL; i++)
    if (strcmp(s, words[i]) == 0)
      return 1;
  return 0;
}

int pv_taint_is_key(const char *key) {
  static const char *const keys[] = {"mode",
                                     "pattern-sources",
                                     "pattern-sinks",
                                     "pattern-sanitizers",
                                     "pattern-propagators",
                                     "options",
                                     NULL};
  return in_list(key, keys);
}

int pv_taint_wanted(const pv_ruleset *rs) {
  for (size_t i = 0; i < rs->n; i++)
    if (rs->rules[i]->kind == PV_MATCHER_TAINT)
      return 1;
  return 0;
}

typedef struct {
  uint64_t h;
  pv_taint_item *it;
} hashed_item;

static int cmp_hashed(const void *a, const void *b) {
  const hashed_item *x = a, *y = b;
  return (x->h > y->h) - (x->h < y->h);
}

/* Give items[k] the number of an earlier item of its hash run that
 * matches alike, else the next one. */
static void share_run(hashed_item *v, size_t first, size_t k, uint32_t *next) {
  for (size_t j = first; j < k; j++)
    if (pv_formula_same(v[j].it->f, v[k].it->f)) {
      v[k].it->fid = v[j].it->fid;
      return;
    }
  v[k].it->fid = (*next)++;
}

int pv_taint_share_items(pv_ruleset *rs) {
  size_t n = 0, k = 0;
  for (size_t i = 0; i < rs->n; i++)
    for (int kind = 0; rs->rules[i]->taint != NULL && kind < PV_TI_COUNT; kind++)
      n += rs->rules[i]->taint->n[kind];
  hashed_item *v = malloc((n + 1) * sizeof *v);
  if (v == NULL)
    return -1;
  for (size_t i = 0; i < rs->n; i++)
    for (int kind = 0; rs->rules[i]->taint != NULL && kind < PV_TI_COUNT; kind++)
      for (uint32_t j = 0; j < rs->rules[i]->taint->n[kind]; j++) {
        pv_taint_item *it = &rs->rules[i]->taint->items[kind][j];
        v[k++] = (hashed_item){pv_formula_hash(it->f), it};
      }
  qsort(v, n, sizeof *v, cmp_hashed);
  uint32_t next = 0;
  for (size_t first = 0, i = 0; i < n; i++) {
    if (v[i].h != v[first].h)
      first = i;
    share_run(v, first, i, &next);
  }
  free(v);
  return 0;
}

static const char *key_of(const pv_yaml_node *k) {
  return k->t == PV_YAML_SCALAR ? k->s : "?";
}

/* A YAML boolean (pv_rules_bool). */
static pv_status want_bool(pv_rctx *c, const pv_yaml_node *v, const char *key, int *out) {
  int b = pv_rules_bool(v);
  if (b < 0)
    return pv_rules_err(c, v->line, "key '%s' must be true or false", key);
  *out = b;
  return PV_OK;
}

static const char *const item_names[PV_TI_COUNT] = {"pattern-sources", "pattern-sinks",
                                                    "pattern-sanitizers", "pattern-propagators"};

/* The keys each kind of item takes besides its operator. */
static const char *const *item_keys(int kind) {
  static const char *const src[] = {"exact", "by-side-effect", "label", "requires", NULL};
  static const char *const sink[] = {"exact", "requires", NULL};
  static const char *const san[] = {"exact", "by-side-effect", "not-conflicting", NULL};
  static const char *const prop[] = {"from", "to", "by-side-effect", NULL};
  static const char *const *const keys[PV_TI_COUNT] = {src, sink, san, prop};
  return keys[kind];
}

static int is_operator(const char *k) {
  static const char *const ops[] = {"pattern", "patterns", "pattern-either", "pattern-regex", NULL};
  return in_list(k, ops);
}

/* One option key of an item (exact, label, ...). */
static pv_status item_option(pv_rctx *c, int kind, const pv_yaml_node *k, const pv_yaml_node *v,
                             pv_taint_item *it) {
  char key[64];
  snprintf(key, sizeof key, "%s.%s", item_names[kind], k->s);
  if (strcmp(k->s, "exact") == 0)
    return want_bool(c, v, key, &it->exact);
  if (strcmp(k->s, "by-side-effect") == 0 && kind != PV_TI_PROPAGATOR && v->t == PV_YAML_SCALAR &&
      strcmp(v->s, "only") == 0) {
    it->by_side_effect = PV_SIDE_ONLY; /* the occurrence matched keeps what it had */
    return PV_OK;
  }
  if (strcmp(k->s, "by-side-effect") == 0)
    return want_bool(c, v, key, &it->by_side_effect);
  if (strcmp(k->s, "not-conflicting") == 0)
    return want_bool(c, v, key, &it->not_conflicting);
  if (strcmp(k->s, "label") == 0)
    return pv_rules_string(c, v, key, &it->label);
  if (strcmp(k->s, "requires") == 0)
    return pv_rules_string(c, v, key, &it->requires);
  if (strcmp(k->s, "from") == 0)
    return pv_rules_string(c, v, key, &it->from);
  return pv_rules_string(c, v, key, &it->to);
}

static pv_status check_item(pv_rctx *c, pv_rule *r, int kind, const pv_yaml_node *m,
                            pv_taint_item *it) {
  const pv_yaml_node *op = NULL;
  it->line = m->line;
  it->exact = kind == PV_TI_SINK;
  if (m->t != PV_YAML_MAP)
    return pv_rules_err(c, m->line,
                        "key '%s': each item is a mapping with one operator "
                        "(e.g. '- pattern: ...')",
                        item_names[kind]);
  for (size_t i = 0; i + 1 < m->n; i += 2) {
    const pv_yaml_node *k = m->kids[i];
    pv_status rc = PV_OK;
    if (k->t == PV_YAML_SCALAR && is_operator(k->s)) {
      if (op != NULL)
        return pv_rules_err(c, k->line, "key '%s': an item has one operator (also '%s')",
                            item_names[kind], op->s);
      op = k;
    } else if (k->t == PV_YAML_SCALAR && in_list(k->s, item_keys(kind))) {
      rc = item_option(c, kind, k, m->kids[i + 1], it);
    } else {
      return pv_rules_err(c, k->line, "key '%s': unknown key '%s'", item_names[kind], key_of(k));
    }
    if (rc != PV_OK)
      return rc;
  }
  if (op == NULL)
    return pv_rules_err(c, m->line,
                        "key '%s': an item needs pattern, patterns, "
                        "pattern-either or pattern-regex",
                        item_names[kind]);
  if (kind == PV_TI_PROPAGATOR && (it->from == NULL || it->to == NULL))
    return pv_rules_err(c, m->line, "key 'pattern-propagators': an item needs 'from' and 'to'");
  return pv_rules_formula(c, r, op, pv_rules_map_get(m, op->s), &it->f);
}

/* The name of a `- source-set: NAME` item, or NULL if m is not one. */
static const char *set_ref(const pv_yaml_node *m) {
  if (m->t != PV_YAML_MAP || m->n != 2 || m->kids[0]->t != PV_YAML_SCALAR ||
      strcmp(m->kids[0]->s, "source-set") != 0)
    return NULL;
  return m->kids[1]->t == PV_YAML_SCALAR ? m->kids[1]->s : "";
}

/* "a, b, c": the names of a `source-sets:` mapping, for a message. */
static void set_names(const pv_yaml_node *sets, char *buf, size_t n) {
  size_t k = 0;
  buf[0] = '\0';
  for (size_t i = 0; sets != NULL && i + 1 < sets->n && k + 1 < n; i += 2) {
    int w = snprintf(buf + k, n - k, "%s%s", k ? ", " : "", key_of(sets->kids[i]));
    k = w < 0 ? n : k + (size_t)w;
  }
}

/* The list of source items `- source-set: NAME` stands for: the file's
 * own set of that name, else the builtin one. */
static pv_status set_items(pv_rctx *c, int kind, const pv_yaml_node *m, const pv_yaml_node **out) {
  const char *name = set_ref(m);
  const pv_yaml_node *own = pv_rules_source_sets(c), *builtin = NULL;
  if (kind != PV_TI_SOURCE)
    return pv_rules_err(c, m->line, "key '%s': 'source-set' is only for pattern-sources",
                        item_names[kind]);
  if (own != NULL && (*out = pv_rules_map_get(own, name)) != NULL)
    return PV_OK;
  pv_status rc = pv_rules_builtin_sets(c, &builtin);
  if (rc != PV_OK || (*out = pv_rules_map_get(builtin, name)) != NULL)
    return rc;
  char ours[200], all[400];
  set_names(own, ours, sizeof ours);
  set_names(builtin, all, sizeof all);
  return pv_rules_err(c, m->line,
                      "key 'pattern-sources': unknown source set '%s' (builtin: %s%s%s)", name, all,
                      ours[0] ? "; this file's: " : "", ours);
}

/* How many items list v stands for, source sets expanded. */
static pv_status count_items(pv_rctx *c, int kind, const pv_yaml_node *v, size_t *n) {
  *n = 0;
  for (size_t i = 0; i < v->n; i++) {
    const pv_yaml_node *set = NULL;
    pv_status rc = set_ref(v->kids[i]) ? set_items(c, kind, v->kids[i], &set) : PV_OK;
    if (rc != PV_OK)
      return rc;
    *n += set != NULL ? set->n : 1;
    if (*n > ITEMS_MAX)
      return pv_rules_err(c, v->kids[i]->line,
                          "key '%s': more than %d items (source sets expanded)", item_names[kind],
                          ITEMS_MAX);
  }
  return PV_OK;
}

static pv_status check_items(pv_rctx *c, pv_rule *r, int kind, const pv_yaml_node *v,
                             pv_taint_spec *t) {
  size_t n;
  if (v->t != PV_YAML_SEQ || v->n == 0)
    return pv_rules_err(c, v->line, "key '%s' must be a non-empty list", item_names[kind]);
  pv_status rc = count_items(c, kind, v, &n);
  if (rc != PV_OK)
    return rc;
  t->items[kind] = pv_arena_alloc(pv_rules_arena(c), n * sizeof *t->items[kind]);
  if (t->items[kind] == NULL)
    return pv_rules_oom(c);
  for (size_t i = 0; i < v->n; i++) {
    const pv_yaml_node *set = NULL;
    if (set_ref(v->kids[i]) && (rc = set_items(c, kind, v->kids[i], &set)) != PV_OK)
      return rc;
    size_t m = set != NULL ? set->n : 1;
    for (size_t j = 0; j < m; j++) {
      const pv_yaml_node *it = set != NULL ? set->kids[j] : v->kids[i];
      if ((rc = check_item(c, r, kind, it, &t->items[kind][t->n[kind]])) != PV_OK)
        return rc;
      t->n[kind]++;
    }
  }
  return PV_OK;
}

/* A file's `source-sets:`: a mapping of names to lists of source items
 * (each item is checked where a rule uses the set). */
pv_status pv_taint_sets_check(pv_rctx *c, const pv_yaml_node *sets) {
  static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789-_";
  if (sets->t != PV_YAML_MAP)
    return pv_rules_err(c, sets->line, "key 'source-sets' must be a mapping of names to lists");
  for (size_t i = 0; i + 1 < sets->n; i += 2) {
    const pv_yaml_node *k = sets->kids[i], *v = sets->kids[i + 1];
    if (k->t != PV_YAML_SCALAR || k->len == 0 || strspn(k->s, name_chars) != k->len)
      return pv_rules_err(c, k->line, "key 'source-sets': '%s' is not a set name (a-z, 0-9, -, _)",
                          key_of(k));
    if (v->t != PV_YAML_SEQ || v->n == 0)
      return pv_rules_err(c, v->line, "key 'source-sets': set '%s' must be a non-empty list", k->s);
    for (size_t j = 0; j < v->n; j++)
      if (set_ref(v->kids[j]) != NULL)
        return pv_rules_err(c, v->kids[j]->line,
                            "key 'source-sets': set '%s' names another set (list its items)", k->s);
  }
  return PV_OK;
}

static pv_status check_options(pv_rctx *c, const pv_yaml_node *v, pv_taint_spec *t) {
  static const struct {
    const char *key;
    size_t off;
  } opts[] = {
      {"taint_assume_safe_functions", offsetof(pv_taint_spec, safe_functions)},
      {"taint_assume_safe_indexes", offsetof(pv_taint_spec, safe_indexes)},
      {"taint_assume_safe_booleans", offsetof(pv_taint_spec, safe_booleans)},
      {"taint_assume_safe_numbers", offsetof(pv_taint_spec, safe_numbers)},
      {"taint_unify_mvars", offsetof(pv_taint_spec, unify_mvars)},
      {"interfile", offsetof(pv_taint_spec, interfile)},
      {"render-views", offsetof(pv_taint_spec, render_views)}, /* plugvet's */
  };
  if (v->t != PV_YAML_MAP)
    return pv_rules_err(c, v->line, "key 'options' must be a mapping");
  for (size_t i = 0; i + 1 < v->n; i += 2) {
    const pv_yaml_node *k = v->kids[i], *val = v->kids[i + 1];
    size_t j = 0;
    if (k->t == PV_YAML_SCALAR && strcmp(k->s, "taint-entry") == 0) { /* plugvet's */
      if (val->t != PV_YAML_SCALAR || strcmp(val->s, "exported") != 0)
        return pv_rules_err(c, val->line, "key 'options': taint-entry takes 'exported'");
      t->entry_exported = 1;
      continue;
    }
    while (j < sizeof opts / sizeof opts[0] &&
           (k->t != PV_YAML_SCALAR || strcmp(k->s, opts[j].key)))
      j++;
    pv_status rc = j == sizeof opts / sizeof opts[0]
                       ? pv_rules_option(c, k, val) /* Semgrep's others */
                       : want_bool(c, val, k->s, (int *)((char *)t + opts[j].off));
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}

pv_status pv_taint_rule_check(pv_rctx *c, const pv_yaml_node *m, pv_rule *r) {
  const pv_yaml_node *mode = pv_rules_map_get(m, "mode"), *v;
  pv_taint_spec *t = pv_arena_alloc(pv_rules_arena(c), sizeof *t);
  if (t == NULL)
    return pv_rules_oom(c);
  if (mode->t != PV_YAML_SCALAR || strcmp(mode->s, "taint") != 0)
    return pv_rules_err(c, mode->line,
                        "key 'mode': '%s' is not supported (taint, or leave "
                        "mode out for a search rule)",
                        key_of(mode));
  if (r->langs & (PV_LANG_BIT(PV_LANG_NONE) | PV_LANG_HOST_BITS))
    return pv_rules_err(c, mode->line,
                        "key 'mode': taint rules need javascript, typescript "
                        "or tsx, not generic or a host language (html... run the "
                        "javascript rules on their embedded code)");
  t->interfile = 1; /* taint_assume_safe_functions: false, as in Semgrep */
  r->taint = t;
  for (int kind = 0; kind < PV_TI_COUNT; kind++) {
    if ((v = pv_rules_map_get(m, item_names[kind])) == NULL)
      continue;
    pv_status rc = check_items(c, r, kind, v, t);
    if (rc != PV_OK)
      return rc;
  }
  if (t->n[PV_TI_SOURCE] == 0 || t->n[PV_TI_SINK] == 0)
    return pv_rules_err(c, mode->line,
                        "key 'mode': a taint rule needs 'pattern-sources' and "
                        "'pattern-sinks'");
  if ((v = pv_rules_map_get(m, "options")) != NULL)
    return check_options(c, v, t);
  return PV_OK;
}

/* ---- models: ---------------------------------------------------------- */

static pv_status model_push(pv_rctx *c, uint32_t line, const pv_model *md) {
  pv_ruleset *rs = pv_rules_set(c);
  pv_taint_models *m = rs->models;
  if (m == NULL && (m = rs->models = pv_arena_alloc(rs->arena, sizeof *m)) == NULL)
    return pv_rules_oom(c);
  if (m->n >= MODELS_MAX)
    return pv_rules_err(c, line, "more than %d models", MODELS_MAX);
  if (m->n == m->cap) {
    uint32_t cap = m->cap ? m->cap * 2 : 64;
    pv_model *a = pv_arena_alloc(rs->arena, cap * sizeof *a);
    if (a == NULL)
      return pv_rules_oom(c);
    if (m->n)
      memcpy(a, m->v, m->n * sizeof *a);
    m->v = a;
    m->cap = cap;
  }
  m->v[m->n++] = *md;
  return PV_OK;
}

/* "receiver", "arguments", "argument N" (N from 0; -1: the last one). */
static int parse_input(const char *s, unsigned *from, int *index) {
  char *end;
  if (strcmp(s, "receiver") == 0) {
    *from |= PV_FROM_RECEIVER;
    return 1;
  }
  if (strcmp(s, "arguments") == 0) {
    *from |= PV_FROM_ARGS;
    return 1;
  }
  if (strncmp(s, "argument ", 9) != 0)
    return 0;
  long n = strtol(s + 9, &end, 10);
  if (*end != '\0' || end == s + 9 || n < -1 || n > 20)
    return 0;
  if (index != NULL)
    *index = (int)n;
  else if (n >= 0)
    *from |= PV_FROM_ARG(n);
  else
    return 0;
  return 1;
}

static pv_status model_from(pv_rctx *c, const pv_yaml_node *v, pv_model *md) {
  size_t n = v->t == PV_YAML_SEQ ? v->n : 1;
  md->from = 0;
  for (size_t i = 0; i < n; i++) {
    const pv_yaml_node *s = v->t == PV_YAML_SEQ ? v->kids[i] : v;
    if (s->t != PV_YAML_SCALAR || !parse_input(s->s, &md->from, NULL))
      return pv_rules_err(c, s->line,
                          "models: 'from' takes receiver, arguments or "
                          "'argument N'");
  }
  return PV_OK;
}

static pv_status model_kind(pv_rctx *c, const pv_yaml_node *v, pv_model *md) {
  static const char *const kinds[] = {"propagator", "sanitizer", "number",
                                      "boolean",    "callback",  NULL};
  for (int i = 0; v->t == PV_YAML_SCALAR && kinds[i] != NULL; i++)
    if (strcmp(v->s, kinds[i]) == 0) {
      md->kind = (pv_model_kind)i;
      return PV_OK;
    }
  return pv_rules_err(c, v->line,
                      "models: 'kind' is propagator, sanitizer, number, boolean "
                      "or callback");
}

/* The names of one model entry: `functions` and/or `methods` lists. */
static pv_status model_names(pv_rctx *c, const pv_yaml_node *e, const pv_model *md) {
  static const char *const lists[] = {"functions", "methods"};
  int any = 0;
  for (int l = 0; l < 2; l++) {
    const pv_yaml_node *v = pv_rules_map_get(e, lists[l]);
    if (v == NULL)
      continue;
    if (v->t != PV_YAML_SEQ)
      return pv_rules_err(c, v->line, "models: '%s' must be a list", lists[l]);
    for (size_t i = 0; i < v->n; i++) {
      pv_model one = *md;
      one.method = l;
      pv_status rc = pv_rules_string(c, v->kids[i], lists[l], &one.name);
      if (rc == PV_OK)
        rc = model_push(c, v->kids[i]->line, &one);
      if (rc != PV_OK)
        return rc;
      any = 1;
    }
  }
  return any ? PV_OK : pv_rules_err(c, e->line, "models: an entry needs 'functions' or 'methods'");
}

static pv_status model_entry(pv_rctx *c, const pv_yaml_node *e) {
  static const char *const keys[] = {"functions", "methods", "kind", "from", "callback",
                                     "param",     "event",   "note", NULL};
  pv_model md = {.kind = PV_MODEL_PROPAGATOR, .from = PV_FROM_RECEIVER | PV_FROM_ARGS};
  const pv_yaml_node *v;
  pv_status rc = PV_OK;
  if (e->t != PV_YAML_MAP)
    return pv_rules_err(c, e->line, "models: each entry is a mapping");
  for (size_t i = 0; i + 1 < e->n; i += 2)
    if (e->kids[i]->t != PV_YAML_SCALAR || !in_list(e->kids[i]->s, keys))
      return pv_rules_err(c, e->kids[i]->line, "models: unknown key '%s'", key_of(e->kids[i]));
  if ((v = pv_rules_map_get(e, "kind")) != NULL)
    rc = model_kind(c, v, &md);
  if (rc == PV_OK && (v = pv_rules_map_get(e, "from")) != NULL)
    rc = model_from(c, v, &md);
  if (rc == PV_OK && (v = pv_rules_map_get(e, "event")) != NULL)
    rc = pv_rules_string(c, v, "event", &md.event);
  if (rc == PV_OK && md.kind == PV_MODEL_CALLBACK) {
    unsigned ignored = 0;
    const pv_yaml_node *cb = pv_rules_map_get(e, "callback"), *p = pv_rules_map_get(e, "param");
    char *end = NULL;
    md.param = p && p->t == PV_YAML_SCALAR ? (int)strtol(p->s, &end, 10) : -1;
    if (cb == NULL || cb->t != PV_YAML_SCALAR || !parse_input(cb->s, &ignored, &md.callback) ||
        end == NULL || *end != '\0' || md.param < 0 || md.param > 20)
      return pv_rules_err(c, e->line,
                          "models: a callback entry needs 'callback: argument N' "
                          "and 'param: N'");
  }
  return rc == PV_OK ? model_names(c, e, &md) : rc;
}

pv_status pv_taint_models_check(pv_rctx *c, const pv_yaml_node *list) {
  if (list->t != PV_YAML_SEQ)
    return pv_rules_err(c, list->line, "key 'models' must be a list");
  for (size_t i = 0; i < list->n; i++) {
    pv_status rc = model_entry(c, list->kids[i]);
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}

const pv_model *pv_taint_model_find(const pv_taint_models *m, const char *path, const char *method,
                                    const char *event) {
  const pv_model *hit = NULL;
  for (uint32_t i = 0; m != NULL && i < m->n; i++) {
    const pv_model *x = &m->v[i];
    if (x->event != NULL && (event == NULL || strcmp(x->event, event) != 0))
      continue;
    if (!x->method && path != NULL && strcmp(x->name, path) == 0)
      return x;
    if (x->method && hit == NULL && method != NULL && strcmp(x->name, method) == 0)
      hit = x;
  }
  return hit;
}
