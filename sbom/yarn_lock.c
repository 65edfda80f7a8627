/* yarn_lock.c — yarn.lock v1 (yarn's own indented text format) and yarn
 * berry (YAML, read with libyaml). Edges come from the lockfile's own
 * graph: each entry's dependencies are looked up by "name@range" among the
 * entry headers, and are the entry's declaration (pv_inv_declared: the
 * range it declares for each). Scopes come from the root package.json
 * (inventory.c). */
#include <string.h>
#include <yaml.h>

#include "readers.h"

typedef struct {
  pv_inv_ctx *c;
  const pv_file *f;
  pv_smap specs; /* "name@range" -> raw index */
  pv_vec pend;   /* pending deps: {raw, name, range} */
  pv_status rc;  /* the worst so far (readers.h); PV_FATAL stops the read */
} yarn;

typedef struct {
  size_t raw;
  const char *name, *range;
} ydep;

/* Keep the worst status of the read in y->rc; returns st. */
static pv_status keep(yarn *y, pv_status st) {
  y->rc = pv_status_worst(y->rc, st);
  return st;
}

/* "name@range" -> name (arena) and range; no '@' past 0: the whole is a
 * name. NULL on out-of-memory (kept in y->rc). */
static const char *spec_name(yarn *y, const char *spec, const char **range) {
  const char *at = strchr(spec[0] == '@' ? spec + 1 : spec, '@');
  *range = at ? at + 1 : "";
  /* a copy even without "@": spec may live in the YAML document */
  const char *name = at ? pv_arena_strndup(y->c->r->arena, spec, (size_t)(at - spec))
                        : pv_arena_strdup(y->c->r->arena, spec);
  if (name == NULL)
    keep(y, PV_FATAL);
  return name;
}

static size_t lookup(yarn *y, const char *name, const char *range) {
  pv_arena *a = y->c->r->arena;
  const char *k = pv_arena_printf(a, "%s@%s", name, range);
  size_t v = pv_smap_get(&y->specs, k);
  if (v == PV_NONE && k != NULL) {
    k = pv_arena_printf(a, "%s@npm:%s", name, range);
    v = pv_smap_get(&y->specs, k);
  }
  if (k == NULL)
    keep(y, PV_FATAL);
  return v;
}

static void link_all(yarn *y, const pv_jnode *manifest, pv_roots *rt) {
  for (size_t i = 0; i < y->pend.len && y->rc != PV_FATAL; i++) {
    ydep *d = PV_VEC_AT(y->pend, ydep, i);
    size_t t = lookup(y, d->name, d->range);
    if (t == PV_NONE)
      continue;
    if (d->raw == PV_NONE && manifest == NULL)
      keep(y, pv_roots_add(rt, t, 0));
    else if (d->raw == PV_NONE)
      continue;
    else
      keep(y, pv_inv_edge(y->c, d->raw, t));
  }
  pv_deplist dl;
  if (y->rc == PV_FATAL || keep(y, pv_deplist_of(y->c->r->arena, manifest, 1, &dl)) != PV_OK)
    return;
  for (size_t i = 0; i < dl.n && y->rc != PV_FATAL; i++) {
    size_t t = lookup(y, dl.name[i], dl.spec[i]);
    if (t != PV_NONE)
      keep(y, pv_roots_add(rt, t, dl.group[i]));
  }
}

/* A berry range as the dependent declares it: "npm:^1.2.0" -> "^1.2.0"
 * (an alias, "npm:real@^1.2.0", is left for pv_spec_alias_name). */
static const char *declared_range(const char *range) {
  const char *r = strncmp(range, "npm:", 4) == 0 ? range + 4 : NULL;
  return r != NULL && r[0] != '@' && strchr(r, '@') == NULL ? r : range;
}

/* Each entry's declaration (its dependencies with their ranges, for
 * pv_inv_declared): the pending deps of one entry are consecutive. */
static void declare_all(yarn *y) {
  pv_arena *a = y->c->r->arena;
  for (size_t i = 0, j; i < y->pend.len && y->rc != PV_FATAL; i = j) {
    size_t raw = PV_VEC_AT(y->pend, ydep, i)->raw;
    for (j = i; j < y->pend.len && PV_VEC_AT(y->pend, ydep, j)->raw == raw; j++)
      ;
    if (raw == PV_NONE || pv_inv_raw(y->c, raw)->decl != NULL)
      continue; /* a workspace's: its deps are roots */
    const char **names = pv_arena_alloc(a, (j - i) * sizeof *names);
    const char **specs = pv_arena_alloc(a, (j - i) * sizeof *specs);
    const pv_jnode *decl = NULL;
    for (size_t k = i; names && specs && k < j; k++) {
      names[k - i] = PV_VEC_AT(y->pend, ydep, k)->name;
      specs[k - i] = declared_range(PV_VEC_AT(y->pend, ydep, k)->range);
    }
    if (names == NULL || specs == NULL ||
        (decl = pv_jn_deps_object(a, names, specs, j - i)) == NULL)
      keep(y, PV_FATAL);
    else
      pv_inv_raw(y->c, raw)->decl = decl;
  }
}

static void pend(yarn *y, size_t raw, const char *name, const char *range) {
  ydep d = {raw, name, range};
  if (name == NULL || range == NULL || pv_vec_push(&y->pend, &d) == NULL)
    keep(y, PV_FATAL);
}

/* ---- v1 ---- */

/* Next token of a v1 line: "quoted" (no escapes beyond \") or bare up to
 * whitespace, ',' or a final ':'. NULL at the end, or on out-of-memory
 * (kept in y->rc). */
static const char *token(yarn *y, const char **p, const char *end) {
  const char *s = *p;
  while (s < end && (*s == ' ' || *s == ','))
    s++;
  if (s >= end)
    return NULL;
  const char *b = s, *e;
  if (*s == '"') {
    b = ++s;
    while (s < end && !(*s == '"' && s[-1] != '\\'))
      s++;
    e = s;
    if (s < end)
      s++;
  } else {
    while (s < end && *s != ' ' && *s != ',' && !(*s == ':' && (s + 1 == end || s[1] == ' ')))
      s++;
    e = s;
  }
  if (s < end && *s == ':')
    s++;
  *p = s;
  const char *t = pv_arena_strndup(y->c->r->arena, b, (size_t)(e - b));
  if (t == NULL)
    keep(y, PV_FATAL);
  return t;
}

typedef struct {
  size_t cur;  /* raw of the current entry */
  int in_deps; /* inside dependencies:/optionalDependencies: */
  const char **specs;
  size_t nspecs;
} v1state;

static void v1_header(yarn *y, v1state *st, const char *s, const char *end, uint32_t line) {
  pv_arena *a = y->c->r->arena;
  const char *specs[64];
  size_t n = 0;
  const char *t;
  while (n < 64 && (t = token(y, &s, end)) != NULL)
    specs[n++] = t;
  st->cur = PV_NONE;
  st->in_deps = 0;
  if (y->rc == PV_FATAL)
    return;
  if (n == 0) {
    pv_inv_bad(y->c, y->f->path, line, "entry header without a package spec");
    keep(y, PV_WARN);
    return;
  }
  const char *range;
  const char *real = NULL;
  pv_raw raw = {.src = PV_SRC_LOCK, .path = y->f->path, .line = line};
  raw.name = spec_name(y, specs[0], &range);
  if (raw.name == NULL || keep(y, pv_spec_alias_name(a, range, &real, NULL)) != PV_OK)
    return;
  if (real != NULL) {
    raw.alias = raw.name;
    raw.name = real;
  }
  if (pv_spec_is_local(range)) {
    raw.flags |= PV_COMP_LOCAL;
    raw.version = range;
  }
  if (keep(y, pv_inv_add(y->c, &raw, &st->cur)) != PV_OK)
    return;
  for (size_t i = 0; i < n && y->rc != PV_FATAL; i++)
    keep(y, pv_smap_put(&y->specs, specs[i], st->cur));
}

static void v1_field(yarn *y, v1state *st, const char *s, const char *end, int indent,
                     uint32_t line) {
  if (st->cur == PV_NONE)
    return;
  pv_raw *raw = pv_inv_raw(y->c, st->cur);
  const char *k = token(y, &s, end);
  const char *v = token(y, &s, end);
  if (k == NULL || y->rc == PV_FATAL)
    return;
  if (indent >= 4 && st->in_deps) {
    pend(y, st->cur, k, v ? v : "");
    return;
  }
  st->in_deps =
      v == NULL && (strcmp(k, "dependencies") == 0 || strcmp(k, "optionalDependencies") == 0);
  if (v == NULL)
    return;
  if (strcmp(k, "version") == 0 && raw->version == NULL)
    raw->version = v;
  else if (strcmp(k, "version") == 0 && (raw->flags & PV_COMP_LOCAL))
    raw->declared = v; /* a git or URL entry: the package's own version */
  else if (strcmp(k, "resolved") == 0)
    raw->resolved = v;
  else if (strcmp(k, "integrity") == 0)
    raw->integrity = v;
  (void)line;
}

static void read_v1(yarn *y) {
  const char *p = (const char *)y->f->data, *end = p + y->f->size;
  v1state st = {.cur = PV_NONE};
  for (uint32_t line = 1; p < end && y->rc != PV_FATAL; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    const char *le = e;
    while (le > p && (le[-1] == '\r' || le[-1] == ' '))
      le--;
    int indent = 0;
    while (p + indent < le && p[indent] == ' ')
      indent++;
    if (le > p + indent && p[indent] != '#') {
      if (indent == 0 && le[-1] == ':')
        v1_header(y, &st, p, le - 1, line);
      else if (indent == 0) {
        pv_inv_bad(y->c, y->f->path, line, "unexpected line at the top level");
        keep(y, PV_WARN);
      } else
        v1_field(y, &st, p + indent, le, indent, line);
    }
    p = nl ? nl + 1 : end;
  }
  for (size_t i = 0; i < y->c->raws.len; i++) {
    pv_raw *raw = pv_inv_raw(y->c, i);
    if (raw->path == y->f->path && raw->version == NULL)
      raw->version = "";
  }
}

/* ---- berry ---- */

static yaml_node_t *ymap_get(yaml_document_t *d, yaml_node_t *m, const char *key) {
  if (m == NULL || m->type != YAML_MAPPING_NODE)
    return NULL;
  for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(d, p->key);
    if (k && k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
      return yaml_document_get_node(d, p->value);
  }
  return NULL;
}

static const char *ymap_str(yaml_document_t *d, yaml_node_t *m, const char *key) {
  yaml_node_t *v = ymap_get(d, m, key);
  return v && v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
}

static void berry_deps(yarn *y, yaml_document_t *d, yaml_node_t *e, size_t raw) {
  pv_arena *a = y->c->r->arena;
  for (pv_dep_group g = PV_DEP_PROD; g <= PV_DEP_OPTIONAL; g++) {
    yaml_node_t *m = ymap_get(d, e, pv_dep_group_key(g));
    if (m == NULL || m->type != YAML_MAPPING_NODE)
      continue;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top && y->rc != PV_FATAL; p++) {
      yaml_node_t *k = yaml_document_get_node(d, p->key), *v = yaml_document_get_node(d, p->value);
      if (k && v && k->type == YAML_SCALAR_NODE && v->type == YAML_SCALAR_NODE)
        pend(y, raw, pv_arena_strdup(a, (char *)k->data.scalar.value),
             pv_arena_strdup(a, (char *)v->data.scalar.value));
    }
  }
}

static void berry_entry(yarn *y, yaml_document_t *d, const char *key, uint32_t line,
                        yaml_node_t *e) {
  pv_arena *a = y->c->r->arena;
  const char *version = ymap_str(d, e, "version"), *res = ymap_str(d, e, "resolution");
  if (e->type != YAML_MAPPING_NODE || res == NULL) {
    pv_inv_bad(y->c, y->f->path, (uint32_t)e->start_mark.line + 1, "entry without a resolution");
    keep(y, PV_WARN);
    return;
  }
  if (version && strcmp(version, "0.0.0-use.local") == 0) { /* a workspace: its deps are roots */
    berry_deps(y, d, e, PV_NONE);
    return;
  }
  const char *range, *rver;
  pv_raw raw = {.src = PV_SRC_LOCK, .path = y->f->path, .line = line};
  raw.name = spec_name(y, res, &rver);
  if (strncmp(rver, "npm:", 4) != 0) {
    raw.flags |= PV_COMP_LOCAL;
    raw.version = pv_arena_strdup(a, rver);
  } else {
    raw.version = pv_arena_strdup(a, version ? version : "");
  }
  char *keys = pv_arena_strdup(a, key);
  const char *first = keys ? spec_name(y, keys, &range) : NULL;
  if (raw.name == NULL || raw.version == NULL || first == NULL) {
    keep(y, PV_FATAL);
    return;
  }
  if (strcmp(first, raw.name) != 0)
    raw.alias = first;
  size_t ix = PV_NONE;
  if (keep(y, pv_inv_add(y->c, &raw, &ix)) != PV_OK)
    return;
  for (char *s = keys, *tok; y->rc != PV_FATAL && (tok = strsep(&s, ",")) != NULL;) {
    while (*tok == ' ')
      tok++;
    keep(y, pv_smap_put(&y->specs, tok, ix));
  }
  berry_deps(y, d, e, ix);
}

static void read_berry(yarn *y) {
  yaml_parser_t p;
  yaml_document_t d;
  if (pv_lock_yaml_too_deep(y->f->data, y->f->size, y->c->lim->ast_depth / 8)) {
    pv_inv_bad(y->c, y->f->path, 1, "YAML nested too deep");
    keep(y, PV_FAILED);
    return;
  }
  if (!yaml_parser_initialize(&p)) { /* (it only allocates) */
    keep(y, PV_FATAL);
    return;
  }
  yaml_parser_set_input_string(&p, y->f->data, y->f->size);
  if (!yaml_parser_load(&p, &d)) {
    if (p.error == YAML_MEMORY_ERROR) {
      keep(y, PV_FATAL);
    } else {
      pv_inv_bad(y->c, y->f->path, (uint32_t)p.problem_mark.line + 1,
                 p.problem ? p.problem : "YAML error");
      keep(y, PV_FAILED);
    }
    yaml_parser_delete(&p);
    return;
  }
  yaml_node_t *root = yaml_document_get_root_node(&d);
  for (yaml_node_pair_t *pr =
           root && root->type == YAML_MAPPING_NODE ? root->data.mapping.pairs.start : NULL;
       pr && pr < root->data.mapping.pairs.top && y->rc != PV_FATAL; pr++) {
    yaml_node_t *k = yaml_document_get_node(&d, pr->key),
                *v = yaml_document_get_node(&d, pr->value);
    if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
      continue;
    if (strcmp((char *)k->data.scalar.value, "__metadata") == 0)
      continue;
    berry_entry(y, &d, (const char *)k->data.scalar.value, (uint32_t)k->start_mark.line + 1, v);
  }
  yaml_document_delete(&d);
  yaml_parser_delete(&p);
}

int pv_lock_yarn_berry(const pv_file *f) {
  return f->size > 0 && memmem(f->data, f->size, "__metadata:", 11) != NULL;
}

pv_status pv_lock_yarn_read(pv_inv_ctx *c, const pv_file *f, const pv_jnode *manifest,
                            pv_roots *rt) {
  yarn y = {.c = c, .f = f, .pend = {.elem = sizeof(ydep)}};
  if (pv_lock_yarn_berry(f))
    read_berry(&y);
  else
    read_v1(&y);
  if (y.rc != PV_FATAL)
    declare_all(&y);
  if (y.rc != PV_FATAL)
    link_all(&y, manifest, rt);
  pv_smap_free(&y.specs);
  pv_vec_free(&y.pend);
  return y.rc;
}
