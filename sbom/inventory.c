/* inventory.c — find manifests, lockfiles and shipped node_modules in the
 * vfs, run the readers, then merge their raw entries into one component per
 * name@version, resolve scopes and edges, report lockfile/shipped
 * mismatches and sort. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

static const pv_rule_meta rule_mismatch = PV_BUILTIN_RULE(
    "pkg.lockfile-mismatch", PV_SEV_MEDIUM, "high", NULL,
    "What is installed in node_modules differs from what the lockfile pins.",
    "A package shipped under node_modules has a different version or integrity than the "
    "lockfile entry for the same install path: the lockfile does not describe what is shipped.",
    "CWE-1357");
static const pv_rule_meta *const rule_list[] = {&rule_mismatch};

const pv_rule_meta *const *pv_inv_rules(size_t *count) {
  *count = sizeof rule_list / sizeof rule_list[0];
  return rule_list;
}

/* ---- string map ---- */

static size_t hash(const char *s) {
  size_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static pv_status grow(pv_smap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  const char **keys = calloc(cap, sizeof *keys);
  size_t *vals = calloc(cap, sizeof *vals);
  if (keys == NULL || vals == NULL) {
    free(keys);
    free(vals);
    return PV_FATAL;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (m->keys[i] == NULL)
      continue;
    size_t j = hash(m->keys[i]) & (cap - 1);
    while (keys[j] != NULL)
      j = (j + 1) & (cap - 1);
    keys[j] = m->keys[i];
    vals[j] = m->vals[i];
  }
  free(m->keys);
  free(m->vals);
  m->keys = keys;
  m->vals = vals;
  m->cap = cap;
  return PV_OK;
}

pv_status pv_smap_put(pv_smap *m, const char *key, size_t val) {
  if (key == NULL)
    return PV_FATAL;
  if ((m->len + 1) * 2 > m->cap && grow(m) != PV_OK)
    return PV_FATAL;
  size_t j = hash(key) & (m->cap - 1);
  while (m->keys[j] != NULL && strcmp(m->keys[j], key) != 0)
    j = (j + 1) & (m->cap - 1);
  if (m->keys[j] == NULL)
    m->len++;
  m->keys[j] = key;
  m->vals[j] = val;
  return PV_OK;
}

size_t pv_smap_get(const pv_smap *m, const char *key) {
  if (m->cap == 0 || key == NULL)
    return PV_NONE;
  size_t j = hash(key) & (m->cap - 1);
  while (m->keys[j] != NULL) {
    if (strcmp(m->keys[j], key) == 0)
      return m->vals[j];
    j = (j + 1) & (m->cap - 1);
  }
  return PV_NONE;
}

void pv_smap_free(pv_smap *m) {
  free(m->keys);
  free(m->vals);
  *m = (pv_smap){0};
}

/* ---- context helpers ---- */

pv_status pv_inv_add(pv_inv_ctx *c, const pv_raw *raw, size_t *idx) {
  *idx = PV_NONE;
  if (c->raws.len >= c->lim->components) {
    if (!c->capped)
      pv_result_note(c->r, PV_NOTE_WARNING, "inventory-too-large", raw->path,
                     "more than %llu dependency entries: the rest are not inventoried",
                     (unsigned long long)c->lim->components);
    c->capped = 1;
    return PV_WARN;
  }
  pv_raw *p = pv_vec_push(&c->raws, raw);
  if (p == NULL)
    return PV_FATAL;
  p->deps = (pv_vec){.elem = sizeof(size_t)};
  p->merged = PV_NONE;
  *idx = c->raws.len - 1;
  return PV_OK;
}

pv_raw *pv_inv_raw(pv_inv_ctx *c, size_t i) {
  return PV_VEC_AT(c->raws, pv_raw, i);
}

pv_status pv_inv_edge(pv_inv_ctx *c, size_t from, size_t to) {
  if (from == to || from >= c->raws.len || to >= c->raws.len)
    return PV_OK;
  return pv_vec_push(&pv_inv_raw(c, from)->deps, &to) ? PV_OK : PV_FATAL;
}

void pv_inv_bad(pv_inv_ctx *c, const char *path, uint32_t line, const char *reason) {
  pv_result_note(c->r, PV_NOTE_WARNING, "lockfile-parse-error", path, "%s:%u: %s", path,
                 (unsigned)line, reason ? reason : "malformed");
}

pv_status pv_inv_json_object(pv_inv_ctx *c, const pv_file *f, pv_jnode **root) {
  uint32_t line = 0;
  const char *err = NULL;
  pv_status rc = pv_jn_parse(c->r->arena, f->data, f->size, c->lim->ast_depth, root, &line, &err);
  if (rc == PV_FAILED)
    pv_inv_bad(c, f->path, line, err);
  if (rc != PV_OK)
    return rc;
  if ((*root)->type != PV_J_OBJ) {
    pv_inv_bad(c, f->path, (*root)->line, "lockfile is not a JSON object");
    return PV_FAILED;
  }
  return PV_OK;
}

pv_status pv_roots_add(pv_roots *rt, size_t idx, pv_dep_group group) {
  if (rt->idx.elem == 0) {
    rt->idx.elem = sizeof(size_t);
    rt->group.elem = sizeof(pv_dep_group);
  }
  if (pv_vec_push(&rt->idx, &idx) == NULL)
    return PV_FATAL;
  if (pv_vec_push(&rt->group, &group) == NULL) {
    rt->idx.len--; /* the two stay the same length */
    return PV_FATAL;
  }
  return PV_OK;
}

static void roots_free(pv_roots *rt) {
  pv_vec_free(&rt->idx);
  pv_vec_free(&rt->group);
}

/* Does a root of group g count for the scope of group want? (Peer
 * dependencies count as prod.) */
static int in_group(pv_dep_group g, pv_dep_group want) {
  return g == want || (want == PV_DEP_PROD && g == PV_DEP_PEER);
}

/* Breadth-first from the roots of one group; marks unmarked raws.
 * PV_FATAL on out-of-memory. */
static pv_status reach(pv_inv_ctx *c, size_t first, size_t last, const size_t *roots,
                       const pv_dep_group *groups, size_t n, pv_dep_group want, pv_scope s,
                       unsigned char *mark) {
  pv_vec q = {.elem = sizeof(size_t)};
  pv_status rc = PV_OK;
  for (size_t i = 0; i < n && rc == PV_OK; i++)
    if (in_group(groups[i], want) && pv_vec_push(&q, &roots[i]) == NULL)
      rc = PV_FATAL;
  for (size_t h = 0; h < q.len && rc == PV_OK; h++) {
    size_t i = *PV_VEC_AT(q, size_t, h);
    if (i < first || i >= last || mark[i - first])
      continue;
    mark[i - first] = 1;
    pv_raw *raw = pv_inv_raw(c, i);
    if (raw->scope_known == PV_SCOPE_DEFAULTED) {
      raw->scope = s;
      raw->scope_known = PV_SCOPE_REACHED;
    }
    for (size_t k = 0; k < raw->deps.len && rc == PV_OK; k++)
      if (pv_vec_push(&q, PV_VEC_AT(raw->deps, size_t, k)) == NULL)
        rc = PV_FATAL;
  }
  pv_vec_free(&q);
  return rc;
}

pv_status pv_inv_scopes(pv_inv_ctx *c, size_t first, size_t last, const size_t *roots,
                        const pv_dep_group *groups, size_t nroots) {
  if (last <= first)
    return PV_OK;
  unsigned char *mark = calloc(last - first, 1);
  if (mark == NULL)
    return PV_FATAL;
  pv_status rc = reach(c, first, last, roots, groups, nroots, PV_DEP_PROD, PV_SCOPE_REQUIRED, mark);
  if (rc == PV_OK)
    rc = reach(c, first, last, roots, groups, nroots, PV_DEP_OPTIONAL, PV_SCOPE_OPTIONAL, mark);
  if (rc == PV_OK)
    rc = reach(c, first, last, roots, groups, nroots, PV_DEP_DEV, PV_SCOPE_DEV, mark);
  free(mark);
  return rc;
}

/* ---- finding the files ---- */

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static int in_node_modules(const char *p) {
  return strncmp(p, "node_modules/", 13) == 0 || strstr(p, "/node_modules/") != NULL;
}

/* "x/node_modules/a/package.json" or ".../node_modules/@s/a/package.json" */
static int is_shipped_manifest(const char *p) {
  if (strcmp(base_name(p), "package.json") != 0 || !in_node_modules(p))
    return 0;
  size_t n = strlen(p) - strlen("/package.json");
  const char *d = p + n; /* "/package.json" */
  const char *s = d;
  while (s > p && s[-1] != '/')
    s--;
  if (s == p)
    return 0;
  const char *s2 = s - 1;
  while (s2 > p && s2[-1] != '/')
    s2--;
  size_t l2 = (size_t)(s - 1 - s2);
  if (l2 == 12 && strncmp(s2, "node_modules", 12) == 0)
    return 1;
  if (*s2 != '@' || s2 == p)
    return 0;
  const char *s3 = s2 - 1;
  while (s3 > p && s3[-1] != '/')
    s3--;
  return (size_t)(s2 - 1 - s3) == 12 && strncmp(s3, "node_modules", 12) == 0;
}

static char *dir_of(pv_arena *a, const char *p) {
  const char *s = strrchr(p, '/');
  return s ? pv_arena_strndup(a, p, (size_t)(s - p + 1)) : pv_arena_strdup(a, "");
}

static size_t slashes(const char *p) {
  size_t n = 0;
  for (; *p; p++)
    n += *p == '/';
  return n;
}

typedef struct {
  pv_inv_ctx c;
  const pv_file *root_file;
  const pv_jnode *root_json;
  size_t root_raw;
  pv_vec locks;   /* const pv_file * */
  pv_vec shipped; /* const pv_file * */
  pv_smap nm;     /* shipped install dir -> raw */
} build;

/* A package.json into *out. PV_FAILED (noted, *out NULL) when it does not
 * parse or is not an object; PV_FATAL on out-of-memory. */
static pv_status parse_json_file(build *b, const pv_file *f, const pv_jnode **out) {
  uint32_t line = 0;
  const char *err = NULL;
  pv_jnode *j = NULL;
  pv_status rc = pv_jn_parse(b->c.r->arena, f->data, f->size, b->c.lim->ast_depth, &j, &line, &err);
  *out = NULL;
  if (rc == PV_FAILED) {
    pv_result_note(b->c.r, PV_NOTE_WARNING, "manifest-parse-error", f->path, "%s:%u: %s", f->path,
                   (unsigned)line, err);
  } else if (rc == PV_OK && j->type != PV_J_OBJ) {
    pv_result_note(b->c.r, PV_NOTE_WARNING, "manifest-parse-error", f->path,
                   "%s:%u: package.json is not a JSON object", f->path, (unsigned)j->line);
    rc = PV_FAILED;
  } else if (rc == PV_OK) {
    *out = j;
  }
  return rc;
}

static int is_lock_name(const char *bn) {
  return strcmp(bn, "package-lock.json") == 0 || strcmp(bn, "npm-shrinkwrap.json") == 0 ||
         strcmp(bn, "yarn.lock") == 0 || strcmp(bn, "pnpm-lock.yaml") == 0 ||
         strcmp(bn, "bun.lock") == 0;
}

/* package-lock.json is ignored when npm-shrinkwrap.json sits next to it. */
static int shadowed(const pv_result *r, const pv_file *f) {
  if (strcmp(base_name(f->path), "package-lock.json") != 0)
    return 0;
  size_t dl = strlen(f->path) - strlen("package-lock.json");
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *g = pv_result_file(r, i);
    if (strlen(g->path) == dl + 19 && strncmp(g->path, f->path, dl) == 0 &&
        strcmp(g->path + dl, "npm-shrinkwrap.json") == 0 && g->data != NULL)
      return 1;
  }
  return 0;
}

/* The depth of the input's own top level: files of a directory input
 * named "a/b/plugin" are "a/b/plugin/..."; archive entries start at 0. */
static size_t base_depth(const pv_result *r) {
  if (r->kind == NULL || strcmp(r->kind, "directory") != 0)
    return 0;
  const char *in = r->input;
  while (in[0] == '.' && in[1] == '/')
    in += 2;
  size_t n = strlen(in);
  while (n > 0 && in[n - 1] == '/')
    n--;
  if (n == 0 || (n == 1 && in[0] == '.'))
    return 0;
  size_t d = 1;
  for (size_t i = 0; i < n; i++)
    d += in[i] == '/' && (i == 0 || in[i - 1] != '/');
  return d;
}

/* Sort the vfs's files into the root manifest, lockfiles and shipped
 * manifests. PV_FATAL on out-of-memory. */
static pv_status classify(build *b) {
  pv_result *r = b->c.r;
  size_t top = base_depth(r) + 1; /* the top level, or one folder down (package/) */
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    if (f->kind != PV_ENTRY_FILE || f->data == NULL)
      continue;
    if (strstr(f->path, "!/") != NULL)
      continue; /* inside a nested archive: not installed */
    const char *bn = base_name(f->path);
    if (is_shipped_manifest(f->path)) {
      if (pv_vec_push(&b->shipped, &f) == NULL)
        return PV_FATAL;
    } else if (in_node_modules(f->path)) {
      continue; /* lockfiles inside node_modules are not project lockfiles */
    } else if (is_lock_name(bn)) {
      if (!shadowed(r, f) && pv_vec_push(&b->locks, &f) == NULL)
        return PV_FATAL;
    } else if (strcmp(bn, "package.json") == 0 && slashes(f->path) <= top) {
      if (b->root_file == NULL || slashes(f->path) < slashes(b->root_file->path) ||
          (slashes(f->path) == slashes(b->root_file->path) &&
           strcmp(f->path, b->root_file->path) < 0))
        b->root_file = f;
    }
  }
  return PV_OK;
}

/* ---- root and shipped manifests ---- */

typedef struct {
  size_t raw;
  const pv_jnode *o;
} shipped_pkg;

/* The plugin's own package.json: PV_FAILED when it is unusable (noted). */
static pv_status read_root(build *b) {
  b->root_raw = PV_NONE;
  if (b->root_file == NULL)
    return PV_OK;
  pv_status rc = parse_json_file(b, b->root_file, &b->root_json);
  if (rc != PV_OK)
    return rc;
  const pv_jnode *o = b->root_json;
  pv_raw raw = {.name = pv_jn_str(o, "name"),
                .version = pv_jn_str(o, "version"),
                .src = PV_SRC_MANIFEST,
                .flags = PV_COMP_ROOT,
                .path = b->root_file->path,
                .line = 1,
                .scope_known = PV_SCOPE_READ};
  if (raw.name == NULL)
    raw.name = "";
  if (raw.version == NULL)
    raw.version = "";
  if (pv_pkg_fields(b->c.r->arena, o, &raw) != PV_OK)
    return PV_FATAL;
  return pv_inv_add(&b->c, &raw, &b->root_raw);
}

/* One node_modules/.../package.json: PV_FAILED when it is unusable
 * (noted), PV_WARN past the component cap. */
static pv_status read_shipped_one(build *b, const pv_file *f, pv_vec *pk) {
  const pv_jnode *o = NULL;
  pv_status rc = parse_json_file(b, f, &o);
  if (rc != PV_OK)
    return rc;
  pv_arena *a = b->c.r->arena;
  const char *dir = dir_of(a, f->path);
  if (dir == NULL)
    return PV_FATAL;
  pv_raw raw = {.src = PV_SRC_SHIPPED, .flags = PV_COMP_SHIPPED, .path = f->path, .line = 1};
  raw.install_dir = pv_arena_strndup(a, dir, strlen(dir) - 1);
  if (raw.install_dir == NULL)
    return PV_FATAL;
  const char *nm = strrchr(raw.install_dir, '/');
  const char *dirname = nm ? nm + 1 : raw.install_dir;
  if (nm && nm > raw.install_dir) { /* @scope/name */
    const char *p = nm - 1;
    while (p > raw.install_dir && p[-1] != '/')
      p--;
    if (*p == '@')
      dirname = p;
  }
  raw.name = pv_jn_str(o, "name");
  if (raw.name == NULL || raw.name[strspn(raw.name, " \t")] == '\0')
    raw.name = dirname;
  else if (strcmp(raw.name, dirname) != 0)
    raw.alias = dirname;
  raw.version = pv_jn_str(o, "version");
  const pv_jnode *vn = pv_jn_get(o, "version");
  if (vn != NULL)
    raw.line = vn->line;
  if (raw.version == NULL)
    raw.version = "";
  raw.integrity = pv_jn_str(o, "_integrity");
  raw.resolved = pv_jn_str(o, "_resolved");
  if (pv_pkg_fields(a, o, &raw) != PV_OK)
    return PV_FATAL;
  size_t i = PV_NONE;
  rc = pv_inv_add(&b->c, &raw, &i);
  if (rc != PV_OK)
    return rc;
  if (pv_smap_put(&b->nm, pv_inv_raw(&b->c, i)->install_dir, i) != PV_OK)
    return PV_FATAL;
  shipped_pkg sp = {i, o};
  return pv_vec_push(pk, &sp) != NULL ? PV_OK : PV_FATAL;
}

/* Nearest <dir>/node_modules/<name> walking up from dir (npm's rule). */
static size_t nm_resolve(build *b, const char *dir, const char *name) {
  char k[4096]; /* lookups stay off the arena: there may be millions */
  size_t len = strlen(dir);
  for (int guard = 0; guard < 1000; guard++) {
    int w = snprintf(k, sizeof k, "%.*s%snode_modules/%s", (int)len, dir,
                     len && dir[len - 1] != '/' ? "/" : "", name);
    size_t v = w > 0 && (size_t)w < sizeof k ? pv_smap_get(&b->nm, k) : PV_NONE;
    if (v != PV_NONE || len == 0)
      return v;
    const char *p = NULL; /* strip the last "node_modules/<x>" */
    for (const char *s = dir; (s = strstr(s, "node_modules/")) && (size_t)(s - dir) < len; s++)
      if (s == dir || s[-1] == '/')
        p = s;
    if (p == NULL)
      return PV_NONE;
    len = (size_t)(p - dir);
  }
  return PV_NONE;
}

/* bundleDependencies (an array of names, or true for all dependencies). */
static void mark_bundled(build *b, const char *dir, const shipped_pkg *sp) {
  const pv_jnode *bd = pv_jn_get(sp->o, "bundleDependencies");
  if (bd == NULL)
    bd = pv_jn_get(sp->o, "bundledDependencies");
  if (bd != NULL && bd->type == PV_J_BOOL && bd->s[0] == 't')
    bd = pv_jn_get(sp->o, "dependencies");
  for (size_t k = 0; bd && (bd->type == PV_J_ARR || bd->type == PV_J_OBJ) && k < bd->n; k++) {
    const char *name = bd->type == PV_J_OBJ            ? bd->keys[k]
                       : bd->kids[k]->type == PV_J_STR ? bd->kids[k]->s
                                                       : NULL;
    size_t t = name ? nm_resolve(b, dir, name) : PV_NONE;
    if (t != PV_NONE)
      pv_inv_raw(&b->c, t)->flags |= PV_COMP_BUNDLED;
  }
}

/* PV_FATAL on out-of-memory. */
static pv_status shipped_edges(build *b, const pv_vec *pk) {
  for (size_t j = 0; j < pk->len; j++) {
    const shipped_pkg *sp = PV_VEC_AT(*pk, shipped_pkg, j);
    size_t i = sp->raw;
    const char *dir = pv_inv_raw(&b->c, i)->install_dir;
    pv_deplist d;
    if (pv_deplist_of(b->c.r->arena, sp->o, 0, &d) != PV_OK)
      return PV_FATAL;
    for (size_t k = 0; k < d.n; k++) {
      size_t t = nm_resolve(b, dir, d.name[k]);
      if (t != PV_NONE && pv_inv_edge(&b->c, i, t) != PV_OK)
        return PV_FATAL;
    }
    mark_bundled(b, dir, sp);
  }
  return PV_OK;
}

/* The root manifest's dependencies as shipped: the roots of the scopes and
 * the root's edges. PV_FATAL on out-of-memory. */
static pv_status shipped_roots(build *b, pv_roots *rt) {
  if (b->root_json == NULL)
    return PV_OK;
  const char *dir = dir_of(b->c.r->arena, b->root_file->path);
  pv_deplist d;
  if (dir == NULL || pv_deplist_of(b->c.r->arena, b->root_json, 1, &d) != PV_OK)
    return PV_FATAL;
  for (size_t k = 0; k < d.n; k++) {
    size_t t = nm_resolve(b, dir, d.name[k]);
    if (t == PV_NONE)
      continue;
    if (pv_roots_add(rt, t, d.group[k]) != PV_OK)
      return PV_FATAL;
    if (b->root_raw != PV_NONE && pv_inv_edge(&b->c, b->root_raw, t) != PV_OK)
      return PV_FATAL;
  }
  shipped_pkg root = {PV_NONE, b->root_json};
  mark_bundled(b, dir, &root);
  return PV_OK;
}

/* Everything under node_modules: the worst status of its manifests. */
static pv_status read_shipped(build *b) {
  size_t first = b->c.raws.len;
  pv_vec pk = {.elem = sizeof(shipped_pkg)};
  pv_roots rt = {0};
  pv_status rc = PV_OK;
  for (size_t i = 0; i < b->shipped.len && rc != PV_FATAL; i++)
    rc = pv_status_worst(rc, read_shipped_one(b, *PV_VEC_AT(b->shipped, const pv_file *, i), &pk));
  size_t last = b->c.raws.len;
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, shipped_edges(b, &pk));
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, shipped_roots(b, &rt));
  if (rc != PV_FATAL)
    rc = pv_status_worst(
        rc, pv_inv_scopes(&b->c, first, last, rt.idx.items, rt.group.items, rt.idx.len));
  pv_vec_free(&pk);
  roots_free(&rt);
  return rc;
}

/* ---- lockfiles ---- */

/* One lockfile, by its reader: the reader's status (readers.h). */
static pv_status read_lock(build *b, const pv_file *f) {
  const char *bn = base_name(f->path);
  pv_arena *a = b->c.r->arena;
  const char *dir = dir_of(a, f->path);
  pv_roots rt = {0};
  size_t first = b->c.raws.len;
  pv_status rc = PV_OK;
  if (dir == NULL)
    return PV_FATAL;
  const char *root_dir = b->root_file != NULL ? dir_of(a, b->root_file->path) : "";
  if (root_dir == NULL)
    return PV_FATAL;
  /* the root's package.json when it sits beside this lockfile */
  const pv_jnode *man = b->root_file != NULL && strcmp(root_dir, dir) == 0 ? b->root_json : NULL;
  pv_pm pm = PV_PM_NPM;
  if (strcmp(bn, "yarn.lock") == 0) {
    pm = pv_lock_yarn_berry(f) ? PV_PM_BERRY : PV_PM_YARN;
    rc = pv_lock_yarn_read(&b->c, f, man, &rt);
  } else if (strcmp(bn, "pnpm-lock.yaml") == 0) {
    pm = PV_PM_PNPM;
    rc = pv_lock_pnpm_read(&b->c, f, &rt);
  } else if (strcmp(bn, "bun.lock") == 0) {
    pm = PV_PM_BUN;
    rc = pv_lock_bun_read(&b->c, f, &rt);
  } else {
    rc = pv_lock_npm_read(&b->c, f, dir, man, &rt);
  }
  for (size_t i = first; i < b->c.raws.len; i++)
    pv_inv_raw(&b->c, i)->pm = pm;
  if (rc != PV_FATAL)
    rc = pv_status_worst(
        rc, pv_inv_scopes(&b->c, first, b->c.raws.len, rt.idx.items, rt.group.items, rt.idx.len));
  for (size_t i = 0; rc != PV_FATAL && b->root_raw != PV_NONE && i < rt.idx.len; i++)
    if (pv_inv_edge(&b->c, b->root_raw, *PV_VEC_AT(rt.idx, size_t, i)) != PV_OK)
      rc = PV_FATAL;
  roots_free(&rt);
  return rc;
}

/* A lockfile entry for an install path that is shipped: the shipped one
 * wins (a file:/link: entry is merged into it); a different version or
 * integrity is a finding at the lockfile.
 * PV_WARN when the findings limit left it out, PV_FATAL on out-of-memory. */
static pv_status check_mismatch(build *b, size_t i) {
  pv_raw *lk = pv_inv_raw(&b->c, i);
  size_t s = lk->install_dir ? pv_smap_get(&b->nm, lk->install_dir) : PV_NONE;
  if (s == PV_NONE)
    return PV_OK;
  pv_raw *sh = pv_inv_raw(&b->c, s);
  /* A file:/link: entry's version is its spec; npm v2/v3 also say the
   * package's own version (declared), which is what a shipped copy has. */
  const char *lver = (lk->flags & PV_COMP_LOCAL) ? lk->declared : lk->version;
  int vdiff = (lver && strcmp(lver, sh->version) != 0) || strcmp(lk->name, sh->name) != 0;
  int idiff = lk->integrity && sh->integrity && strcmp(lk->integrity, sh->integrity) != 0;
  if (lk->scope_known == PV_SCOPE_READ && sh->scope_known != PV_SCOPE_READ) {
    sh->scope = lk->scope;
    sh->scope_known = PV_SCOPE_READ;
  }
  if (!sh->integrity)
    sh->integrity = lk->integrity;
  if (!sh->resolved)
    sh->resolved = lk->resolved;
  sh->flags |= lk->flags & (PV_COMP_BUNDLED | PV_COMP_PEER | PV_COMP_INSTALL_SCRIPT);
  sh->lock = (pv_seen){lk->path, lk->line};
  int local = (lk->flags & PV_COMP_LOCAL) != 0; /* its key differs from the shipped one's */
  if (!vdiff && !idiff && !local)
    return PV_OK;
  lk->dropped = 1;
  lk->merged = s;
  if (!vdiff && !idiff)
    return PV_OK;
  pv_finding fd = {.rule = &rule_mismatch, .severity = rule_mismatch.severity, .path = lk->path};
  fd.message = pv_arena_printf(
      b->c.r->arena, "%s: the lockfile pins %s@%s%s%s but %s ships %s@%s%s%s", lk->install_dir,
      lk->name, lk->version, idiff ? " " : "", idiff ? lk->integrity : "", sh->path, sh->name,
      sh->version, idiff ? " " : "", idiff ? sh->integrity : "");
  for (size_t k = 0; k < b->c.r->files.len; k++) {
    const pv_file *f = pv_result_file(b->c.r, k);
    if (strcmp(f->path, lk->path) == 0)
      fd.file = f;
  }
  if (fd.message == NULL)
    return PV_FATAL;
  fd.start.line = fd.end.line = lk->line ? lk->line : 1;
  fd.start.col = fd.end.col = 1;
  size_t dropped = b->c.r->findings_dropped;
  if (pv_result_add_finding(b->c.r, &fd, b->c.lim) != NULL)
    return PV_OK;
  return b->c.r->findings_dropped != dropped ? PV_WARN : PV_FATAL;
}

/* ---- merging ---- */

static pv_status add_seen(pv_component *comp, const char *path, uint32_t line) {
  for (size_t i = 0; i < comp->seen.len; i++) {
    pv_seen *s = PV_VEC_AT(comp->seen, pv_seen, i);
    if (strcmp(s->path, path) == 0 && s->line == line)
      return PV_OK;
  }
  pv_seen s = {path, line};
  return pv_vec_push(&comp->seen, &s) ? PV_OK : PV_FATAL;
}

#define TAKE(f)        \
  if (comp->f == NULL) \
  comp->f = raw->f
static pv_status merge_into(pv_component *comp, const pv_raw *raw, int *known) {
  if (raw->src == PV_SRC_SHIPPED && raw->decl != NULL && !(comp->flags & PV_COMP_SHIPPED))
    comp->decl = raw->decl; /* the first package.json shipped beats a lockfile entry */
  TAKE(alias);
  TAKE(declared);
  TAKE(integrity);
  TAKE(resolved);
  TAKE(license);
  TAKE(repository);
  TAKE(homepage);
  TAKE(description);
  TAKE(decl);
  TAKE(importers);
  if (comp->pm == PV_PM_NONE) {
    comp->pm = raw->pm;
    comp->workspace = raw->workspace;
  }
  comp->flags |= raw->flags;
  if (comp->lock.path == NULL)
    comp->lock = raw->src == PV_SRC_LOCK ? (pv_seen){raw->path, raw->line} : raw->lock;
  int k = raw->scope_known != PV_SCOPE_DEFAULTED;
  if (k > *known || (k == *known && raw->scope < comp->scope))
    comp->scope = raw->scope;
  if (k > *known)
    *known = k;
  return add_seen(comp, raw->path, raw->line);
}

/* Merge the raws of one source into components. PV_FATAL on out-of-memory. */
static pv_status merge_pass(build *b, pv_inventory *inv, pv_smap *ids, pv_vec *known, int src) {
  pv_arena *a = b->c.r->arena;
  for (size_t i = 0; i < b->c.raws.len; i++) {
    pv_raw *raw = pv_inv_raw(&b->c, i);
    if (raw->src != src || raw->dropped)
      continue;
    const char *key = (raw->flags & PV_COMP_ROOT)
                          ? "\x01root"
                          : pv_arena_printf(a, "%s@%s%s", raw->name, raw->version,
                                            raw->flags & PV_COMP_LOCAL ? "\x01" : "");
    if (key == NULL)
      return PV_FATAL;
    size_t ci = pv_smap_get(ids, key);
    if (ci == PV_NONE) {
      pv_component comp = {.name = raw->name, .version = raw->version, .scope = raw->scope};
      comp.seen.elem = sizeof(pv_seen);
      comp.deps.elem = sizeof(size_t);
      int z = 0;
      if (pv_vec_push(&inv->components, &comp) == NULL || pv_vec_push(known, &z) == NULL)
        return PV_FATAL;
      ci = inv->components.len - 1;
      if (pv_smap_put(ids, key, ci) != PV_OK)
        return PV_FATAL;
    }
    raw->merged = ci;
    pv_component *comp = pv_inv_component(inv, ci);
    if (merge_into(comp, raw, PV_VEC_AT(*known, int, ci)) != PV_OK)
      return PV_FATAL;
  }
  return PV_OK;
}

static int cmp_size(const void *x, const void *y) {
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  return a < b ? -1 : a > b;
}

/* The raws' edges between components. PV_FATAL on out-of-memory. */
static pv_status merge_edges(build *b, pv_inventory *inv) {
  for (size_t i = 0; i < b->c.raws.len; i++) {
    pv_raw *raw = pv_inv_raw(&b->c, i);
    size_t from = raw->merged;
    if (raw->dropped && from != PV_NONE)
      from = pv_inv_raw(&b->c, from)->merged;
    for (size_t k = 0; from != PV_NONE && k < raw->deps.len; k++) {
      size_t t = pv_inv_raw(&b->c, *PV_VEC_AT(raw->deps, size_t, k))->merged;
      pv_raw *tr = pv_inv_raw(&b->c, *PV_VEC_AT(raw->deps, size_t, k));
      if (tr->dropped && t != PV_NONE)
        t = pv_inv_raw(&b->c, t)->merged;
      if (t != PV_NONE && t != from && pv_vec_push(&pv_inv_component(inv, from)->deps, &t) == NULL)
        return PV_FATAL;
    }
  }
  return PV_OK;
}

/* ---- sorting ---- */

static int cmp_comp(const void *x, const void *y) {
  const pv_component *a = x, *b = y;
  int ra = (a->flags & PV_COMP_ROOT) != 0, rb = (b->flags & PV_COMP_ROOT) != 0;
  if (ra != rb)
    return rb - ra;
  int c = strcmp(a->name, b->name);
  if (c == 0)
    c = strcmp(a->version, b->version);
  return c;
}

/* PV_FATAL on out-of-memory. */
static pv_status sort_components(pv_inventory *inv) {
  size_t n = inv->components.len;
  if (n == 0)
    return PV_OK;
  pv_component *items = inv->components.items;
  /* Remember the old index in deps-free order: tag, sort, then remap. */
  size_t *order = malloc(n * sizeof *order);
  size_t *inv_map = malloc(n * sizeof *inv_map);
  pv_component *copy = malloc(n * sizeof *copy);
  pv_status rc = PV_OK;
  if (order == NULL || inv_map == NULL || copy == NULL) {
    rc = PV_FATAL;
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  /* insertion-free: sort indices by comparing components */
  memcpy(copy, items, n * sizeof *copy);
  for (size_t gap = n / 2 + 1;; gap = gap / 2 + (gap > 2)) { /* shell sort, stable enough */
    for (size_t i = gap; i < n; i++)
      for (size_t j = i; j >= gap && cmp_comp(&copy[order[j - gap]], &copy[order[j]]) > 0;
           j -= gap) {
        size_t t = order[j];
        order[j] = order[j - gap];
        order[j - gap] = t;
      }
    if (gap <= 1)
      break;
  }
  for (size_t i = 0; i < n; i++)
    inv_map[order[i]] = i;
  for (size_t i = 0; i < n; i++) {
    items[i] = copy[order[i]];
    pv_vec *d = &items[i].deps;
    for (size_t k = 0; k < d->len; k++)
      *PV_VEC_AT(*d, size_t, k) = inv_map[*PV_VEC_AT(*d, size_t, k)];
    if (d->len > 1)
      qsort(d->items, d->len, sizeof(size_t), cmp_size);
    size_t w = 0;
    for (size_t k = 0; k < d->len; k++)
      if (w == 0 || *PV_VEC_AT(*d, size_t, k) != *PV_VEC_AT(*d, size_t, w - 1))
        *PV_VEC_AT(*d, size_t, w++) = *PV_VEC_AT(*d, size_t, k);
    d->len = w;
  }
out:
  free(order);
  free(inv_map);
  free(copy);
  return rc;
}

/* Mismatches, merging, edges and order. PV_FATAL on out-of-memory. */
static pv_status assemble(build *b, pv_inventory *inv) {
  pv_smap ids = {0};
  pv_vec known = {.elem = sizeof(int)};
  pv_status rc = PV_OK;
  for (size_t i = 0; i < b->c.raws.len && rc != PV_FATAL; i++)
    if (pv_inv_raw(&b->c, i)->src == PV_SRC_LOCK)
      rc = pv_status_worst(rc, check_mismatch(b, i));
  static const int order[] = {PV_SRC_MANIFEST, PV_SRC_LOCK, PV_SRC_SHIPPED};
  for (size_t k = 0; k < 3 && rc != PV_FATAL; k++)
    rc = pv_status_worst(rc, merge_pass(b, inv, &ids, &known, order[k]));
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, merge_edges(b, inv));
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, sort_components(inv));
  inv->has_root = inv->components.len > 0 && (pv_inv_component(inv, 0)->flags & PV_COMP_ROOT);
  pv_smap_free(&ids);
  pv_vec_free(&known);
  return rc;
}

pv_inventory *pv_inv_build(pv_result *r, const pv_limits *lim) {
  pv_inventory *inv = calloc(1, sizeof *inv);
  if (inv == NULL)
    return NULL;
  inv->r = r;
  inv->components.elem = sizeof(pv_component);
  build b = {.c = {.r = r, .lim = lim, .raws = {.elem = sizeof(pv_raw)}},
             .locks = {.elem = sizeof(pv_file *)},
             .shipped = {.elem = sizeof(pv_file *)}};
  pv_status rc = classify(&b);
  if (rc != PV_FATAL && r->files.len == 1 && r->kind && strcmp(r->kind, "file") == 0 &&
      b.locks.len == 0 && b.root_file == NULL && pv_bom_detect(pv_result_file(r, 0)))
    rc = pv_status_worst(rc, pv_bom_read(&b.c, pv_result_file(r, 0)));
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, read_root(&b));
  for (size_t i = 0; i < b.locks.len && rc != PV_FATAL; i++)
    rc = pv_status_worst(rc, read_lock(&b, *PV_VEC_AT(b.locks, const pv_file *, i)));
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, read_shipped(&b));
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, assemble(&b, inv));
  for (size_t i = 0; i < b.c.raws.len; i++)
    pv_vec_free(&pv_inv_raw(&b.c, i)->deps);
  pv_vec_free(&b.c.raws);
  pv_vec_free(&b.locks);
  pv_vec_free(&b.shipped);
  pv_smap_free(&b.nm);
  if (rc == PV_FATAL) { /* never a silently partial inventory */
    pv_inv_delete(inv);
    inv = NULL;
  }
  return inv;
}

void pv_inv_delete(pv_inventory *inv) {
  if (inv == NULL)
    return;
  for (size_t i = 0; i < inv->components.len; i++) {
    pv_component *c = pv_inv_component(inv, i);
    pv_vec_free(&c->seen);
    pv_vec_free(&c->deps);
  }
  pv_vec_free(&inv->components);
  free(inv);
}

/* ---- paths from the root ---- */

pv_status pv_inv_parents(const pv_inventory *inv, size_t *parent) {
  size_t n = inv->components.len;
  size_t *queue = malloc((n ? n : 1) * sizeof *queue);
  char *seen = calloc(n ? n : 1, 1);
  size_t head = 0, tail = 0;
  if (queue == NULL || seen == NULL) {
    free(queue);
    free(seen);
    return PV_FATAL;
  }
  for (size_t i = 0; i < n; i++)
    parent[i] = PV_INV_NONE;
  for (size_t i = 0; i < n; i++) /* without a root: whatever nothing depends on */
    for (size_t k = 0; !inv->has_root && k < pv_inv_component(inv, i)->deps.len; k++)
      seen[*PV_VEC_AT(pv_inv_component(inv, i)->deps, size_t, k)] = 1;
  for (size_t i = 0; i < n; i++) {
    if (inv->has_root ? i == 0 : !seen[i])
      queue[tail++] = i;
  }
  memset(seen, 0, n);
  for (size_t i = 0; i < tail; i++)
    seen[queue[i]] = 1;
  while (head < tail) {
    const pv_component *c = pv_inv_component(inv, queue[head]);
    for (size_t k = 0; k < c->deps.len; k++) {
      size_t t = *PV_VEC_AT(c->deps, size_t, k);
      if (seen[t])
        continue;
      seen[t] = 1;
      parent[t] = queue[head];
      queue[tail++] = t;
    }
    head++;
  }
  free(queue);
  free(seen);
  return PV_OK;
}

size_t pv_inv_depth(const size_t *parent, size_t ci) {
  size_t d = 0;
  for (size_t i = ci; parent[i] != PV_INV_NONE; i = parent[i])
    d++;
  return d;
}

static void chain_step(pv_buf *b, const pv_component *c, int first) {
  pv_buf_catf(b, "%s%s@%s", first ? "" : " > ", c->name[0] ? c->name : "(root)", c->version);
}

const char *pv_inv_chain(pv_arena *a, const pv_inventory *inv, const size_t *parent, size_t ci) {
  size_t depth = pv_inv_depth(parent, ci);
  size_t *steps = malloc((depth + 1) * sizeof *steps);
  if (steps == NULL)
    return NULL;
  size_t n = 0;
  for (size_t i = ci; i != PV_INV_NONE; i = parent[i])
    steps[n++] = i;
  pv_buf b;
  pv_buf_init(&b, 64 * 1024);
  size_t half = PV_INV_CHAIN_SHOWN / 2;
  for (size_t j = 0; j < n; j++) { /* j steps from the start; steps[] runs backwards */
    int elided = n > PV_INV_CHAIN_SHOWN && j >= half && j < n - half;
    if (elided && j == half)
      pv_buf_catf(&b, " > ... %zu more", n - 2 * half);
    if (!elided)
      chain_step(&b, pv_inv_component(inv, steps[n - 1 - j]), j == 0);
  }
  free(steps);
  const char *s = NULL;
  if (pv_buf_status(&b) == PV_OK)
    s = pv_arena_strndup(a, b.data ? (const char *)b.data : "", b.len);
  pv_buf_free(&b);
  return s;
}

const char *pv_inv_declared(pv_arena *a, const pv_inventory *inv, size_t from, size_t to) {
  static const char *const maps[] = {"dependencies", "optionalDependencies", "peerDependencies",
                                     "devDependencies", "requires"};
  const pv_component *f = pv_inv_component(inv, from);
  const pv_component *t = pv_inv_component(inv, to);
  const char *key = t->alias ? t->alias : t->name;
  for (size_t i = 0; f->decl != NULL && i < sizeof maps / sizeof *maps; i++) {
    const pv_jnode *m = pv_jn_get(f->decl, maps[i]);
    const char *spec = m != NULL && m->type == PV_J_OBJ ? pv_jn_str(m, key) : NULL;
    if (spec == NULL)
      continue;
    const char *real = NULL;
    const char *range = spec;
    if (pv_spec_alias_name(a, spec, &real, &range) != PV_OK)
      return NULL;
    return range;
  }
  return NULL;
}
