/* pnpm_lock.c — pnpm-lock.yaml 5.x ("/name/1.0.0_peer" keys, dev flags),
 * 6.x ("/name@1.0.0(peer@1.0.0)" keys, dev flags) and 9.x ("packages" plus
 * "snapshots", no dev flag: scopes come from walking the snapshots from the
 * importers, done by inventory.c). Read with libyaml; lines from its marks. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "readers.h"

typedef struct {
  pv_inv_ctx *c;
  const pv_file *f;
  yaml_document_t *d;
  int major;    /* lockfile major version: 5, 6 or 9 */
  pv_smap keys; /* package / snapshot key -> raw */
  /* while reading an importer's dependencies (run_importers) */
  const char *importer; /* its key, "." or "packages/a" (arena); NULL otherwise */
  pv_smap specifiers;   /* 5.x: its "specifiers" map, name -> value node id */
  pv_smap catalogs;     /* "catalog\x01name" -> the catalogs entry's node id (9.x) */
  pv_status rc;         /* the worst so far (readers.h); PV_FATAL stops the read */
} pnpm;

/* Keep the worst status of the read in p->rc; returns st. */
static pv_status keep(pnpm *p, pv_status st) {
  p->rc = pv_status_worst(p->rc, st);
  return st;
}

/* An arena copy that failed is out of memory: kept in p->rc. */
static const char *kept(pnpm *p, const char *copy) {
  if (copy == NULL)
    keep(p, PV_FATAL);
  return copy;
}

static yaml_node_t *yget(yaml_document_t *d, yaml_node_t *m, const char *key) {
  if (m == NULL || m->type != YAML_MAPPING_NODE)
    return NULL;
  for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(d, p->key);
    if (k && k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
      return yaml_document_get_node(d, p->value);
  }
  return NULL;
}

/* Scalar member copied into the arena (the document dies before the
 * result); NULL when absent, or on out-of-memory (kept in p->rc). */
static const char *ystr_of(pnpm *p, yaml_node_t *v) {
  if (v == NULL || v->type != YAML_SCALAR_NODE)
    return NULL;
  return kept(p, pv_arena_strdup(p->c->r->arena, (const char *)v->data.scalar.value));
}

static const char *ystr_in(pnpm *p, yaml_document_t *d, yaml_node_t *m, const char *key) {
  return ystr_of(p, yget(d, m, key));
}
#define ystr(d, m, key) ystr_in(p, d, m, key)

static int ytrue(yaml_document_t *d, yaml_node_t *m, const char *key) {
  yaml_node_t *v = yget(d, m, key);
  const char *s = v && v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
  return s != NULL && strcmp(s, "true") == 0;
}

/* Split a key into name and version (arena); 1 when it is not a registry
 * package (file:, link:, git hosts, URLs). Out of memory is kept in p->rc
 * (*version is then NULL). */
static int parse_key(pnpm *p, const char *key, const char **name, const char **version) {
  pv_arena *a = p->c->r->arena;
  int local = 0;
  *name = NULL;
  *version = NULL;
  key = kept(p, pv_arena_strdup(a, key));
  if (key == NULL)
    return 1;
  const char *k = key;
  if (k[0] == '/') {
    k++;
  } else if (strncmp(k, "registry.npmjs.org/", 19) == 0) {
    k += 19;
  } else if (p->major < 9 || strchr(k, ':') != NULL || strncmp(k, "github.com/", 11) == 0) {
    const char *sl = strchr(k, '/');
    local = strchr(k, ':') != NULL || strncmp(k, "github.com/", 11) == 0 || sl == NULL;
    if (!local && sl != NULL)
      k = sl + 1; /* other registry hosts: "host/name/1.0.0" */
  }
  if (local) {
    const char *at = strchr(k[0] == '@' ? k + 1 : k, '@');
    if (at && at < strchr(k, ':'))
      *name = kept(p, pv_arena_strndup(a, k, (size_t)(at - k)));
    *version = key;
    return 1;
  }
  if (p->major >= 6) {
    const char *at = strchr(k[0] == '@' ? k + 1 : k, '@');
    if (at == NULL) {
      *version = key;
      return 1;
    }
    *name = kept(p, pv_arena_strndup(a, k, (size_t)(at - k)));
    *version = kept(p, pv_arena_strndup(a, at + 1, strcspn(at + 1, "(")));
    return 0;
  }
  const char *sl = strrchr(k, '/');
  if (sl == NULL || sl == k) {
    *version = key;
    return 1;
  }
  *name = kept(p, pv_arena_strndup(a, k, (size_t)(sl - k)));
  *version = kept(p, pv_arena_strndup(a, sl + 1, strcspn(sl + 1, "_(")));
  return 0;
}

/* The ranges a package entry declares: its peerDependencies (the lockfile
 * keeps only the resolved versions of the others), for pv_inv_declared.
 * NULL when it has none, or on out-of-memory (kept in p->rc). */
static const pv_jnode *peer_decl(pnpm *p, yaml_node_t *e) {
  pv_arena *a = p->c->r->arena;
  yaml_node_t *m = yget(p->d, e, "peerDependencies");
  if (m == NULL || m->type != YAML_MAPPING_NODE)
    return NULL;
  size_t cap = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start), n = 0;
  const char **names = pv_arena_alloc(a, (cap + 1) * sizeof *names);
  const char **specs = pv_arena_alloc(a, (cap + 1) * sizeof *specs);
  if (names == NULL || specs == NULL) {
    keep(p, PV_FATAL);
    return NULL;
  }
  for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
    yaml_node_t *k = yaml_document_get_node(p->d, pr->key);
    yaml_node_t *v = yaml_document_get_node(p->d, pr->value);
    if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE)
      continue;
    names[n] = kept(p, pv_arena_strdup(a, (const char *)k->data.scalar.value));
    specs[n++] = kept(p, pv_arena_strdup(a, (const char *)v->data.scalar.value));
  }
  const pv_jnode *decl = p->rc == PV_FATAL ? NULL : pv_jn_deps_object(a, names, specs, n);
  if (decl == NULL)
    keep(p, PV_FATAL);
  return decl;
}

/* The raw of package key (entry e, or NULL) into *idx. PV_WARN past the
 * component cap, PV_FATAL on out-of-memory (*idx is PV_NONE then). */
static pv_status add_package(pnpm *p, const char *key, uint32_t line, yaml_node_t *e, size_t *idx) {
  pv_raw raw = {.src = PV_SRC_LOCK, .path = p->f->path, .line = line};
  yaml_document_t *d = p->d;
  *idx = PV_NONE;
  int local = parse_key(p, key, &raw.name, &raw.version);
  const char *nm = ystr(d, e, "name");
  if (nm != NULL)
    raw.name = nm;
  if (raw.name == NULL)
    raw.name = kept(p, pv_arena_strdup(p->c->r->arena, key));
  yaml_node_t *res = yget(d, e, "resolution");
  raw.integrity = ystr(d, res, "integrity");
  const char *tarball = ystr(d, res, "tarball");
  if (tarball && (strncmp(tarball, "file:", 5) == 0 || p->major < 9))
    local = 1;
  if (ystr(d, res, "repo") || ystr(d, res, "commit") || ystr(d, res, "directory"))
    local = 1;
  raw.resolved = tarball;
  if (p->rc == PV_FATAL)
    return PV_FATAL;
  if (local && raw.name != NULL && strncmp(raw.version, raw.name, strlen(raw.name)) == 0 &&
      raw.version[strlen(raw.name)] == '@') /* 9.x "name@https://..." */
    raw.version += strlen(raw.name) + 1;
  else if (local)
    raw.version = kept(p, pv_arena_strdup(p->c->r->arena, tarball ? tarball : key));
  if (raw.version == NULL)
    return PV_FATAL;
  if (local)
    raw.flags |= PV_COMP_LOCAL;
  if (p->major < 9 && yget(d, e, "dev") != NULL) {
    raw.scope_known = PV_SCOPE_READ;
    raw.scope = ytrue(d, e, "dev") ? PV_SCOPE_DEV : PV_SCOPE_REQUIRED;
  }
  if (ytrue(d, e, "optional")) {
    raw.scope = PV_SCOPE_OPTIONAL;
    raw.scope_known = PV_SCOPE_READ;
  }
  if (ytrue(d, e, "requiresBuild"))
    raw.flags |= PV_COMP_INSTALL_SCRIPT;
  raw.decl = peer_decl(p, e);
  if (p->rc == PV_FATAL)
    return PV_FATAL;
  return pv_inv_add(p->c, &raw, idx);
}

/* The key a dependency "name: value" points at (out of memory is kept in
 * p->rc). */
static size_t dep_target(pnpm *p, const char *name, const char *v) {
  pv_arena *a = p->c->r->arena;
  if (strncmp(v, "link:", 5) == 0)
    return PV_NONE;
  size_t t = pv_smap_get(&p->keys, v);
  if (t != PV_NONE)
    return t;
  const char *k = p->major >= 9   ? pv_arena_printf(a, "%s@%s", name, v)
                  : p->major >= 6 ? pv_arena_printf(a, "/%s@%s", name, v)
                                  : pv_arena_printf(a, "/%s/%s", name, v);
  t = pv_smap_get(&p->keys, kept(p, k));
  if (t == PV_NONE && k != NULL && p->major >= 6 && strchr(v[0] == '@' ? v + 1 : v, '@'))
    t = pv_smap_get(&p->keys, kept(p, pv_arena_printf(a, "%s%s", p->major >= 9 ? "" : "/", v)));
  return t;
}

/* 1 when n is YAML's null (an empty value, "~" or "null"): nothing, not
 * malformed. */
static int ynull(const yaml_node_t *n) {
  const char *v = n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
  return v != NULL && (v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0);
}

/* Note a malformed part of the importers section at node n. */
static void bad_at(pnpm *p, yaml_node_t *n, const char *what, const char *name) {
  const char *m = pv_arena_printf(p->c->r->arena, "importer %s: %s%s%s", p->importer,
                                  name ? name : "", name ? ": " : "", what);
  if (kept(p, m) != NULL)
    pv_inv_bad(p->c, p->f->path, n ? (uint32_t)n->start_mark.line + 1 : 1, m);
  if (p->rc == PV_OK)
    p->rc = PV_WARN;
}

/* Index mapping m in ix: each scalar key (prefixed "prefix\x01" when
 * prefix is not NULL; the first of duplicates) to its value's node id, so
 * that lookups stay constant time however large the map. */
static void index_map(pnpm *p, yaml_node_t *m, const char *prefix, pv_smap *ix) {
  if (m == NULL || m->type != YAML_MAPPING_NODE)
    return;
  for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
       pr < m->data.mapping.pairs.top && p->rc != PV_FATAL; pr++) {
    yaml_node_t *k = yaml_document_get_node(p->d, pr->key);
    if (k == NULL || k->type != YAML_SCALAR_NODE)
      continue;
    const char *key = (const char *)k->data.scalar.value; /* lives until the document dies */
    if (prefix != NULL)
      key = kept(p, pv_arena_printf(p->c->r->arena, "%s\x01%s", prefix, key));
    if (key != NULL && pv_smap_get(ix, key) == PV_NONE)
      keep(p, pv_smap_put(ix, key, (size_t)pr->value));
  }
}

/* The node ix maps key to, or NULL. */
static yaml_node_t *ylookup(pnpm *p, const pv_smap *ix, const char *key) {
  size_t id = key ? pv_smap_get(ix, key) : PV_NONE;
  return id == PV_NONE ? NULL : yaml_document_get_node(p->d, (int)id);
}

/* Every catalog of the lockfile ("catalogs: NAME: DEP: {specifier...}"). */
static void index_catalogs(pnpm *p, yaml_node_t *root) {
  yaml_node_t *cats = yget(p->d, root, "catalogs");
  if (cats == NULL || cats->type != YAML_MAPPING_NODE)
    return;
  for (yaml_node_pair_t *pr = cats->data.mapping.pairs.start;
       pr < cats->data.mapping.pairs.top && p->rc != PV_FATAL; pr++) {
    yaml_node_t *k = yaml_document_get_node(p->d, pr->key);
    if (k != NULL && k->type == YAML_SCALAR_NODE)
      index_map(p, yaml_document_get_node(p->d, pr->value), (const char *)k->data.scalar.value,
                &p->catalogs);
  }
}

/* The range a catalog: specifier stands for: the entry of dependency name
 * in the lockfile's catalogs ("catalog:" is the default catalog), or NULL. */
static const char *catalog_range(pnpm *p, const char *spec, const char *name) {
  const char *cat = spec + strlen("catalog:");
  const char *key =
      kept(p, pv_arena_printf(p->c->r->arena, "%s\x01%s", cat[0] ? cat : "default", name));
  return ystr(p->d, ylookup(p, &p->catalogs, key), "specifier");
}

/* The specifier the current importer gives dependency name (entry v), or
 * NULL (noted when a 6.x/9.x entry lacks one or it is not a string). */
static const char *importer_spec(pnpm *p, yaml_node_t *k, yaml_node_t *v, const char *name) {
  if (v->type == YAML_SCALAR_NODE) /* 5.x: a "specifiers" map beside */
    return ystr_of(p, ylookup(p, &p->specifiers, name));
  yaml_node_t *s = yget(p->d, v, "specifier");
  if (s == NULL || s->type != YAML_SCALAR_NODE)
    bad_at(p, s ? s : k, s ? "specifier is not a string" : "no specifier", name);
  return s && s->type == YAML_SCALAR_NODE ? ystr(p->d, v, "specifier") : NULL;
}

/* Record that the current importer declares raw t (dependency name,
 * entry v) directly: its specifier and the range it stands for. The list
 * is built newest first (the current importer, if already there, is its
 * head: constant time however many importers) and turned round once read
 * (run_importers). */
static void declare_direct(pnpm *p, yaml_node_t *k, yaml_node_t *v, const char *name, size_t t) {
  pv_raw *tr = pv_inv_raw(p->c, t);
  if (tr->importers != NULL && strcmp(tr->importers->importer, p->importer) == 0)
    return; /* the same importer in two groups: the first */
  const char *spec = importer_spec(p, k, v, name);
  if (spec == NULL)
    return;
  pv_importer_dep *d = pv_arena_alloc(p->c->r->arena, sizeof *d);
  if (d == NULL) {
    keep(p, PV_FATAL);
    return;
  }
  const char *real = NULL;
  *d = (pv_importer_dep){.importer = p->importer, .spec = spec, .range = spec};
  if (strncmp(spec, "catalog:", 8) == 0)
    d->range = catalog_range(p, spec, name);
  else
    keep(p, pv_spec_alias_name(p->c->r->arena, spec, &real, &d->range));
  d->next = tr->importers;
  tr->importers = d;
}

/* Turn a list built newest first into lockfile order. */
static pv_importer_dep *reversed(pv_importer_dep *d) {
  pv_importer_dep *out = NULL;
  while (d != NULL) {
    pv_importer_dep *next = d->next;
    d->next = out;
    out = d;
    d = next;
  }
  return out;
}

static void deps_of(pnpm *p, yaml_node_t *e, size_t from, pv_roots *rt) {
  yaml_document_t *d = p->d;
  for (pv_dep_group g = PV_DEP_PROD; g <= PV_DEP_DEV; g++) {
    yaml_node_t *m = yget(d, e, pv_dep_group_key(g));
    if (m != NULL && m->type != YAML_MAPPING_NODE && !ynull(m) && p->importer != NULL)
      bad_at(p, m, "not a mapping", pv_dep_group_key(g));
    if (m == NULL || m->type != YAML_MAPPING_NODE)
      continue;
    for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
         pr < m->data.mapping.pairs.top && p->rc != PV_FATAL; pr++) {
      yaml_node_t *k = yaml_document_get_node(d, pr->key);
      yaml_node_t *v = yaml_document_get_node(d, pr->value);
      if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
        continue;
      const char *ver =
          v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : ystr(d, v, "version");
      const char *dn = (const char *)k->data.scalar.value;
      if (ver == NULL && p->importer != NULL)
        bad_at(p, v, "no version", dn);
      size_t t = ver ? dep_target(p, dn, ver) : PV_NONE;
      if (t == PV_NONE)
        continue;
      if (p->importer != NULL)
        declare_direct(p, k, v, dn, t);
      pv_raw *tr = pv_inv_raw(p->c, t);
      if (tr->alias == NULL && strcmp(tr->name, dn) != 0 && !(tr->flags & PV_COMP_LOCAL))
        tr->alias = kept(p, pv_arena_strdup(p->c->r->arena, dn)); /* "alias: real@1.0.0" */
      if (from == PV_NONE)
        keep(p, pv_roots_add(rt, t, g));
      else
        keep(p, pv_inv_edge(p->c, from, t));
    }
  }
}

typedef void (*pair_fn)(pnpm *p, const char *key, uint32_t line, yaml_node_t *v, void *arg);

static void each_pair(pnpm *p, yaml_node_t *m, pair_fn fn, void *arg) {
  if (m == NULL || m->type != YAML_MAPPING_NODE)
    return;
  for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
       pr < m->data.mapping.pairs.top && p->rc != PV_FATAL; pr++) {
    yaml_node_t *k = yaml_document_get_node(p->d, pr->key);
    yaml_node_t *v = yaml_document_get_node(p->d, pr->value);
    if (k != NULL && v != NULL && k->type == YAML_SCALAR_NODE)
      fn(p, (const char *)k->data.scalar.value, (uint32_t)k->start_mark.line + 1, v, arg);
  }
}

static void on_package(pnpm *p, const char *key, uint32_t line, yaml_node_t *v, void *arg) {
  (void)arg;
  size_t i = PV_NONE;
  if (keep(p, add_package(p, key, line, v, &i)) == PV_OK)
    keep(p, pv_smap_put(&p->keys, key, i));
}

/* 9.x snapshot "name@1.0.0(peer@2.0.0)" -> the package "name@1.0.0". */
static void on_snapshot(pnpm *p, const char *key, uint32_t line, yaml_node_t *v, void *arg) {
  (void)arg;
  (void)v;
  size_t i = pv_smap_get(&p->keys, key);
  if (i != PV_NONE)
    return;
  const char *base = kept(p, pv_arena_strndup(p->c->r->arena, key, strcspn(key, "(")));
  if (base == NULL)
    return;
  i = pv_smap_get(&p->keys, base);
  if (i == PV_NONE && keep(p, add_package(p, key, line, NULL, &i)) != PV_OK)
    return;
  keep(p, pv_smap_put(&p->keys, key, i));
}

static void on_edges(pnpm *p, const char *key, uint32_t line, yaml_node_t *v, void *arg) {
  (void)line;
  size_t i = pv_smap_get(&p->keys, key);
  if (i != PV_NONE)
    deps_of(p, v, i, arg);
}

static void on_importer(pnpm *p, const char *key, uint32_t line, yaml_node_t *v, void *arg) {
  (void)line;
  p->importer = kept(p, pv_arena_strdup(p->c->r->arena, key));
  index_map(p, yget(p->d, v, "specifiers"), NULL, &p->specifiers);
  if (p->importer != NULL && v->type != YAML_MAPPING_NODE && !ynull(v))
    bad_at(p, v, "not a mapping", NULL);
  else if (p->importer != NULL)
    deps_of(p, v, PV_NONE, arg);
  p->importer = NULL;
  pv_smap_free(&p->specifiers);
}

/* The importers' dependencies: the roots, each with its specifier. A
 * lockfile without importers (5.x, no workspace) is the importer ".". */
static void run_importers(pnpm *p, yaml_node_t *root, pv_roots *rt, size_t first) {
  yaml_node_t *imp = yget(p->d, root, "importers");
  index_catalogs(p, root);
  if (imp != NULL && imp->type != YAML_MAPPING_NODE && !ynull(imp)) {
    p->importer = "(all)";
    bad_at(p, imp, "importers is not a mapping", NULL);
    p->importer = NULL;
  } else if (imp != NULL) {
    each_pair(p, imp, on_importer, rt);
  } else {
    on_importer(p, ".", 1, root, rt);
  }
  size_t n = imp && imp->type == YAML_MAPPING_NODE
                 ? (size_t)(imp->data.mapping.pairs.top - imp->data.mapping.pairs.start)
                 : 0;
  for (size_t i = first; i < p->c->raws.len; i++) {
    pv_raw *r = pv_inv_raw(p->c, i);
    r->importers = reversed(r->importers);
    r->workspace = n > 1;
  }
}

static void run(pnpm *p, yaml_node_t *root, pv_roots *rt) {
  yaml_document_t *d = p->d;
  const char *lv = ystr(d, root, "lockfileVersion");
  size_t first = p->c->raws.len;
  p->major = lv ? (int)strtol(lv, NULL, 10) : 5;
  each_pair(p, yget(d, root, "packages"), on_package, NULL);
  yaml_node_t *snaps = yget(d, root, "snapshots");
  each_pair(p, snaps, on_snapshot, NULL);
  each_pair(p, snaps ? snaps : yget(d, root, "packages"), on_edges, rt);
  run_importers(p, root, rt, first);
}

int pv_lock_yaml_too_deep(const unsigned char *p, size_t n, uint32_t max) {
  uint32_t flow = 0;
  size_t indent = 0;
  int bol = 1;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = p[i];
    if (ch == '\n') {
      bol = 1;
      indent = 0;
      continue;
    }
    if (bol && (ch == ' ' || ch == '-')) {
      if (++indent / 2 > max)
        return 1;
      continue;
    }
    bol = 0;
    if (ch == '[' || ch == '{') {
      if (++flow > max)
        return 1;
    } else if ((ch == ']' || ch == '}') && flow > 0) {
      flow--;
    }
  }
  return 0;
}

pv_status pv_lock_pnpm_read(pv_inv_ctx *c, const pv_file *f, pv_roots *rt) {
  yaml_parser_t yp;
  yaml_document_t d;
  if (pv_lock_yaml_too_deep(f->data, f->size, c->lim->ast_depth / 8)) {
    pv_inv_bad(c, f->path, 1, "YAML nested too deep");
    return PV_FAILED;
  }
  if (!yaml_parser_initialize(&yp))
    return PV_FATAL; /* (it only allocates) */
  pv_status rc = PV_OK;
  yaml_parser_set_input_string(&yp, f->data, f->size);
  if (!yaml_parser_load(&yp, &d)) {
    rc = yp.error == YAML_MEMORY_ERROR ? PV_FATAL : PV_FAILED;
    if (rc == PV_FAILED)
      pv_inv_bad(c, f->path, (uint32_t)yp.problem_mark.line + 1,
                 yp.problem ? yp.problem : "YAML error");
    goto out;
  }
  yaml_node_t *root = yaml_document_get_root_node(&d);
  if (root != NULL && root->type != YAML_MAPPING_NODE) {
    pv_inv_bad(c, f->path, (uint32_t)root->start_mark.line + 1, "lockfile is not a YAML mapping");
    rc = PV_FAILED;
  } else if (root != NULL) {
    pnpm p = {.c = c, .f = f, .d = &d};
    run(&p, root, rt);
    pv_smap_free(&p.keys);
    pv_smap_free(&p.catalogs);
    rc = p.rc;
  }
  yaml_document_delete(&d);
out:
  yaml_parser_delete(&yp);
  return rc;
}
