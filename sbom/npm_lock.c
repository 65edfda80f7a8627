/* npm_lock.c — package-lock.json v1/v2/v3 and npm-shrinkwrap.json.
 * v2/v3 read "packages" (keys are install paths); v1 reads the nested
 * "dependencies" tree, turned into the same install-path keys, so edges
 * are resolved the one npm way: nearest node_modules/<name> up the path.
 * The root's direct dependencies: v2/v3's packages[""]; for v1 the
 * package.json beside the lockfile, else the top-level entries nothing
 * requires (v1's top level holds every hoisted package). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

typedef struct {
  pv_inv_ctx *c;
  const pv_file *f;
  const char *dir; /* "" or "sub/dir/" */
  pv_smap keys;    /* lockfile key -> raw index */
  pv_vec todo;     /* pending edges: {raw, key, node} */
  int v1;          /* "dependencies" is the nested tree, edges come from "requires" */
  pv_status rc;    /* the worst so far (readers.h); PV_FATAL stops the read */
} npm;

typedef struct {
  size_t raw;
  const char *key;
  const pv_jnode *obj;
} pending;

/* Keep the worst status of the read in m->rc; returns st. */
static pv_status keep(npm *m, pv_status st) {
  m->rc = pv_status_worst(m->rc, st);
  return st;
}

/* The last "node_modules/" component of key, or the key's basename. */
static const char *key_name(const char *key) {
  const char *nm = NULL;
  for (const char *s = key; (s = strstr(s, "node_modules/")) != NULL; s += 13)
    if (s == key || s[-1] == '/')
      nm = s + 13;
  if (nm != NULL)
    return nm;
  const char *sl = strrchr(key, '/');
  return sl ? sl + 1 : key;
}

/* Parent install path of key for resolution: strip "/node_modules/x". */
static size_t parent_len(const char *key, size_t len) {
  const char *nm = NULL;
  for (const char *s = key; (s = strstr(s, "node_modules/")) != NULL && (size_t)(s - key) < len;
       s += 13)
    if (s == key || s[-1] == '/')
      nm = s;
  if (nm == NULL)
    return 0;
  size_t p = (size_t)(nm - key);
  return p > 0 ? p - 1 : 0;
}

/* Nearest node_modules/<name> from key upwards; PV_NONE when absent. */
static size_t resolve(npm *m, const char *key, const char *name) {
  size_t len = strlen(key);
  for (int guard = 0; guard < 1000; guard++) {
    char k[4096]; /* lookups stay off the arena: there may be millions */
    int w = len ? snprintf(k, sizeof k, "%.*s/node_modules/%s", (int)len, key, name)
                : snprintf(k, sizeof k, "node_modules/%s", name);
    size_t v = w > 0 && (size_t)w < sizeof k ? pv_smap_get(&m->keys, k) : PV_NONE;
    if (v != PV_NONE || len == 0)
      return v;
    size_t pl = parent_len(key, len);
    if (pl == len)
      return PV_NONE;
    len = pl;
  }
  return PV_NONE;
}

/* A resolved URL that is not a registry tarball ("<registry>/<name>/-/<file>"). */
static int nonregistry(const char *res) {
  if (res == NULL)
    return 0;
  if (strncmp(res, "http://", 7) == 0 || strncmp(res, "https://", 8) == 0)
    return strstr(res, "/-/") == NULL;
  return pv_spec_is_local(res);
}

/* The raw entry of lockfile entry o at key. PV_FATAL on out-of-memory. */
static pv_status fill(npm *m, pv_raw *raw, const char *key, const pv_jnode *o) {
  pv_arena *a = m->c->r->arena;
  const char *kn = key_name(key);
  const char *name = pv_jn_str(o, "name");
  const char *aliased = NULL;
  raw->name = name ? name : kn;
  if (name != NULL && strcmp(name, kn) != 0 && strstr(key, "node_modules/") != NULL)
    raw->alias = kn;
  raw->version = pv_jn_str(o, "version");
  if (pv_spec_alias_name(a, raw->version, &aliased, &raw->version) != PV_OK)
    return PV_FATAL;
  if (aliased != NULL) {
    raw->alias = raw->name;
    raw->name = aliased;
  }
  raw->resolved = pv_jn_str(o, "resolved");
  raw->integrity = pv_jn_str(o, "integrity");
  raw->install_dir = pv_arena_printf(a, "%s%s", m->dir, key);
  if (raw->install_dir == NULL)
    return PV_FATAL;
  raw->path = m->f->path;
  raw->line = o->line;
  raw->src = PV_SRC_LOCK;
  raw->scope_known = PV_SCOPE_READ;
  /* dev (+optional): only in the dev tree; devOptional: also an optional
   * dependency of a production package, so installed in production. */
  if (pv_jn_true(o, "dev"))
    raw->scope = PV_SCOPE_DEV;
  else if (pv_jn_true(o, "optional") || pv_jn_true(o, "devOptional"))
    raw->scope = PV_SCOPE_OPTIONAL;
  if (pv_jn_true(o, "peer"))
    raw->flags |= PV_COMP_PEER;
  if (pv_jn_true(o, "inBundle") || pv_jn_true(o, "bundled"))
    raw->flags |= PV_COMP_BUNDLED;
  if (pv_pkg_fields(a, o, raw) != PV_OK)
    return PV_FATAL;
  int local = strstr(key, "node_modules/") == NULL || pv_spec_is_local(raw->version);
  if (!local && nonregistry(raw->resolved)) { /* git or a plain tarball URL */
    local = 1;
    if (raw->version != NULL && !pv_spec_is_local(raw->version)) {
      raw->declared = raw->version; /* v2/v3: the package's own version */
    }
    raw->version = raw->resolved;
  }
  if (local) {
    raw->flags |= PV_COMP_LOCAL;
    if (raw->version == NULL || !pv_spec_is_local(raw->version)) {
      raw->version = pv_arena_printf(a, "file:%s", key);
      if (raw->version == NULL)
        return PV_FATAL;
    }
  }
  if (raw->version == NULL)
    raw->version = "";
  return PV_OK;
}

static void add_entry(npm *m, const char *key, const pv_jnode *o) {
  if (o->type != PV_J_OBJ) {
    pv_inv_bad(m->c, m->f->path, o->line, "package entry is not an object");
    keep(m, PV_WARN);
    return;
  }
  if (pv_jn_true(o, "link"))
    return; /* resolved to its target below */
  pv_raw raw = {0};
  size_t i = PV_NONE;
  if (keep(m, fill(m, &raw, key, o)) != PV_OK)
    return;
  if (keep(m, pv_inv_add(m->c, &raw, &i)) != PV_OK)
    return;
  if (keep(m, pv_smap_put(&m->keys, key, i)) != PV_OK)
    return;
  pending p = {i, key, o};
  if (pv_vec_push(&m->todo, &p) == NULL)
    keep(m, PV_FATAL);
}

/* "link": true entries make their key resolve to the target's raw. */
static void add_links(npm *m, const pv_jnode *pk) {
  for (size_t i = 0; i < pk->n && m->rc != PV_FATAL; i++) {
    const pv_jnode *o = pk->kids[i];
    if (!pv_jn_true(o, "link"))
      continue;
    const char *to = pv_jn_str(o, "resolved");
    size_t t = to ? pv_smap_get(&m->keys, to) : PV_NONE;
    if (t == PV_NONE) {
      pv_raw raw = {.name = key_name(pk->keys[i]),
                    .version = to ? to : "",
                    .src = PV_SRC_LOCK,
                    .flags = PV_COMP_LOCAL,
                    .path = m->f->path,
                    .line = o->line};
      if (keep(m, pv_inv_add(m->c, &raw, &t)) != PV_OK)
        continue;
    }
    keep(m, pv_smap_put(&m->keys, pk->keys[i], t));
  }
}

static void edges(npm *m, size_t raw, const char *key, const pv_jnode *o, pv_roots *rt) {
  pv_deplist d = {0};
  if (!m->v1 && keep(m, pv_deplist_of(m->c->r->arena, o, key[0] == '\0', &d)) != PV_OK)
    return;
  const pv_jnode *req = pv_jn_get(o, "requires"); /* v1 */
  for (size_t i = 0; i < d.n && m->rc != PV_FATAL; i++) {
    size_t t = resolve(m, key, d.name[i]);
    if (t == PV_NONE)
      continue;
    if (raw == PV_NONE)
      keep(m, pv_roots_add(rt, t, d.group[i]));
    else
      keep(m, pv_inv_edge(m->c, raw, t));
  }
  for (size_t i = 0; req != NULL && req->type == PV_J_OBJ && i < req->n && m->rc != PV_FATAL; i++) {
    size_t t = resolve(m, key, req->keys[i]);
    if (t != PV_NONE && raw != PV_NONE)
      keep(m, pv_inv_edge(m->c, raw, t));
  }
}

/* v1: nested "dependencies" become keys "node_modules/a/node_modules/b". */
static void walk_v1(npm *m, const char *parent, const pv_jnode *deps, uint32_t depth) {
  if (deps == NULL || deps->type != PV_J_OBJ)
    return;
  if (depth > m->c->lim->ast_depth) {
    pv_inv_bad(m->c, m->f->path, deps->line, "dependency tree nested too deep");
    keep(m, PV_WARN); /* cut short */
    return;
  }
  for (size_t i = 0; i < deps->n && m->rc != PV_FATAL; i++) {
    const char *key =
        parent[0] ? pv_arena_printf(m->c->r->arena, "%s/node_modules/%s", parent, deps->keys[i])
                  : pv_arena_printf(m->c->r->arena, "node_modules/%s", deps->keys[i]);
    if (key == NULL) {
      keep(m, PV_FATAL);
      return;
    }
    add_entry(m, key, deps->kids[i]);
    walk_v1(m, key, pv_jn_get(deps->kids[i], "dependencies"), depth + 1);
  }
}

/* The dependency group a v1 entry's own scope stands for. */
static pv_dep_group scope_group(pv_scope s) {
  if (s == PV_SCOPE_DEV) {
    return PV_DEP_DEV;
  }
  return s == PV_SCOPE_OPTIONAL ? PV_DEP_OPTIONAL : PV_DEP_PROD;
}

/* v1 with the package.json beside the lockfile: the root depends on what
 * it declares (every group), found among the top-level entries. */
static void v1_declared_roots(npm *m, const pv_jnode *manifest, pv_roots *rt) {
  pv_deplist d = {0};
  if (keep(m, pv_deplist_of(m->c->r->arena, manifest, 1, &d)) != PV_OK) {
    return;
  }
  for (size_t i = 0; i < d.n && m->rc != PV_FATAL; i++) {
    size_t t = resolve(m, "", d.name[i]);
    if (t != PV_NONE) {
      keep(m, pv_roots_add(rt, t, d.group[i]));
    }
  }
}

/* Mark in req (one byte per raw) every raw that another entry of this
 * lockfile requires (its edges are in place). */
static void mark_required(npm *m, unsigned char *req) {
  for (size_t i = 0; i < m->todo.len; i++) {
    const pending *p = PV_VEC_AT(m->todo, pending, i);
    const pv_raw *raw = pv_inv_raw(m->c, p->raw);
    for (size_t k = 0; k < raw->deps.len; k++) {
      size_t t = *PV_VEC_AT(raw->deps, size_t, k);
      if (t != p->raw) {
        req[t] = 1;
      }
    }
  }
}

/* v1 without the package.json: the top-level entries that no entry
 * requires. The rest of the top level is hoisted transitive dependencies
 * (a direct dependency that something also requires is missed: only the
 * manifest can tell). */
static void v1_unrequired_roots(npm *m, const pv_jnode *deps, pv_roots *rt) {
  unsigned char *req = calloc(m->c->raws.len + 1, 1);
  if (req == NULL) {
    keep(m, PV_FATAL);
    return;
  }
  mark_required(m, req);
  for (size_t i = 0; deps && deps->type == PV_J_OBJ && i < deps->n && m->rc != PV_FATAL; i++) {
    size_t t = resolve(m, "", deps->keys[i]);
    if (t != PV_NONE && !req[t]) {
      keep(m, pv_roots_add(rt, t, scope_group(pv_inv_raw(m->c, t)->scope)));
    }
  }
  free(req);
}

static void run(npm *m, const pv_jnode *root, const pv_jnode *manifest, pv_roots *rt) {
  const pv_jnode *pk = pv_jn_get(root, "packages");
  if (pk != NULL && pk->type == PV_J_OBJ) {
    for (size_t i = 0; i < pk->n && m->rc != PV_FATAL; i++)
      if (pk->keys[i][0] != '\0')
        add_entry(m, pk->keys[i], pk->kids[i]);
    add_links(m, pk);
    const pv_jnode *top = pv_jn_get(pk, "");
    if (top != NULL)
      edges(m, PV_NONE, "", top, rt);
  } else {
    m->v1 = 1;
    walk_v1(m, "", pv_jn_get(root, "dependencies"), 0);
  }
  for (size_t i = 0; i < m->todo.len && m->rc != PV_FATAL; i++) {
    pending *p = PV_VEC_AT(m->todo, pending, i);
    edges(m, p->raw, p->key, p->obj, rt);
  }
  /* v1's top level lists every hoisted package, not the root's own */
  if (m->v1 && m->rc != PV_FATAL && manifest != NULL) {
    v1_declared_roots(m, manifest, rt);
  } else if (m->v1 && m->rc != PV_FATAL) {
    v1_unrequired_roots(m, pv_jn_get(root, "dependencies"), rt);
  }
}

pv_status pv_lock_npm_read(pv_inv_ctx *c, const pv_file *f, const char *dir,
                           const pv_jnode *manifest, pv_roots *rt) {
  pv_jnode *root = NULL;
  pv_status rc = pv_inv_json_object(c, f, &root);
  if (rc != PV_OK)
    return rc;
  npm m = {.c = c, .f = f, .dir = dir, .todo = {.elem = sizeof(pending)}};
  run(&m, root, manifest, rt);
  pv_smap_free(&m.keys);
  pv_vec_free(&m.todo);
  return m.rc;
}
