/* bun_lock.c — bun.lock: JSONC (trailing commas) with "workspaces" (the
 * importers) and "packages": { key: ["name@version", registry, {deps}, sri] }.
 * A key "a/b" is b installed under a; a dependency of key K named n
 * resolves to "K/n", then up K's parents, then "n" (bun's hoisting). */
#include <string.h>

#include "readers.h"

typedef struct {
  pv_inv_ctx *c;
  const pv_file *f;
  pv_smap keys;
  pv_status rc; /* the worst so far (readers.h); PV_FATAL stops the read */
} bun;

/* Keep the worst status of the read in b->rc; returns st. */
static pv_status keep(bun *b, pv_status st) {
  b->rc = pv_status_worst(b->rc, st);
  return st;
}

/* Length of the parent key: strip the last package segment ("@s/n" is one). */
static size_t parent_len(const char *key, size_t len) {
  size_t i = len;
  while (i > 0 && key[i - 1] != '/')
    i--;
  if (i == 0)
    return 0;
  size_t j = i - 1; /* the '/' before the last segment */
  size_t k = j;
  while (k > 0 && key[k - 1] != '/')
    k--;
  if (key[k] == '@') { /* scoped: strip "@s/n" */
    if (k == 0)
      return 0;
    return k - 1;
  }
  return j;
}

static size_t resolve(bun *b, const char *key, const char *name) {
  size_t len = key ? strlen(key) : 0;
  for (int guard = 0; guard < 1000; guard++) {
    const char *k = len ? pv_arena_printf(b->c->r->arena, "%.*s/%s", (int)len, key, name) : name;
    if (k == NULL) {
      keep(b, PV_FATAL);
      return PV_NONE;
    }
    size_t v = pv_smap_get(&b->keys, k);
    if (v != PV_NONE || len == 0)
      return v;
    len = parent_len(key, len);
  }
  return PV_NONE;
}

/* The last package segment of a key ("a/@s/n" -> "@s/n"). */
static const char *key_tail(const char *key) {
  size_t p = parent_len(key, strlen(key));
  return p ? key + p + 1 : key;
}

static void add_pkg(bun *b, const char *key, const pv_jnode *t) {
  pv_arena *a = b->c->r->arena;
  if (t->type != PV_J_ARR || t->n == 0 || t->kids[0]->type != PV_J_STR) {
    pv_inv_bad(b->c, b->f->path, t->line, "package entry is not a [\"name@version\", ...] tuple");
    keep(b, PV_WARN);
    return;
  }
  const char *id = t->kids[0]->s;
  const char *at = strchr(id[0] == '@' ? id + 1 : id, '@');
  if (at == NULL) {
    pv_inv_bad(b->c, b->f->path, t->line, "package id has no version");
    keep(b, PV_WARN);
    return;
  }
  pv_raw raw = {.src = PV_SRC_LOCK, .path = b->f->path, .line = t->line};
  raw.name = pv_arena_strndup(a, id, (size_t)(at - id));
  if (raw.name == NULL) {
    keep(b, PV_FATAL);
    return;
  }
  raw.version = at + 1;
  const char *tail = key_tail(key);
  if (strcmp(tail, raw.name) != 0)
    raw.alias = tail;
  if (pv_spec_is_local(raw.version))
    raw.flags |= PV_COMP_LOCAL;
  for (size_t i = 1; i < t->n; i++) {
    const pv_jnode *e = t->kids[i];
    if (e->type == PV_J_OBJ && keep(b, pv_pkg_fields(a, e, &raw)) != PV_OK)
      return;
    if (e->type == PV_J_STR && i == t->n - 1 && strncmp(e->s, "sha", 3) == 0)
      raw.integrity = e->s;
    if (e->type == PV_J_STR && i == 1 && e->s[0] != '\0' && !(raw.flags & PV_COMP_LOCAL))
      raw.resolved = e->s;
  }
  size_t ix = PV_NONE;
  if (keep(b, pv_inv_add(b->c, &raw, &ix)) == PV_OK)
    keep(b, pv_smap_put(&b->keys, key, ix));
}

static const pv_jnode *tuple_deps(const pv_jnode *t) {
  for (size_t i = 1; t->type == PV_J_ARR && i < t->n; i++)
    if (t->kids[i]->type == PV_J_OBJ)
      return t->kids[i];
  return NULL;
}

static void run(bun *b, const pv_jnode *root, pv_roots *rt) {
  const pv_jnode *pk = pv_jn_get(root, "packages");
  int obj = pk != NULL && pk->type == PV_J_OBJ;
  for (size_t i = 0; obj && i < pk->n && b->rc != PV_FATAL; i++)
    add_pkg(b, pk->keys[i], pk->kids[i]);
  for (size_t i = 0; obj && i < pk->n && b->rc != PV_FATAL; i++) {
    size_t from = pv_smap_get(&b->keys, pk->keys[i]);
    const pv_jnode *o = tuple_deps(pk->kids[i]);
    pv_deplist d;
    if (from == PV_NONE || o == NULL)
      continue;
    if (keep(b, pv_deplist_of(b->c->r->arena, o, 0, &d)) != PV_OK)
      return;
    for (size_t k = 0; k < d.n && b->rc != PV_FATAL; k++) {
      size_t t = resolve(b, pk->keys[i], d.name[k]);
      if (t != PV_NONE)
        keep(b, pv_inv_edge(b->c, from, t));
    }
  }
  const pv_jnode *ws = pv_jn_get(root, "workspaces");
  for (size_t i = 0; ws && ws->type == PV_J_OBJ && i < ws->n && b->rc != PV_FATAL; i++) {
    pv_deplist d;
    if (keep(b, pv_deplist_of(b->c->r->arena, ws->kids[i], 1, &d)) != PV_OK)
      return;
    for (size_t k = 0; k < d.n && b->rc != PV_FATAL; k++) {
      size_t t = resolve(b, NULL, d.name[k]);
      if (t != PV_NONE)
        keep(b, pv_roots_add(rt, t, d.group[k]));
    }
  }
}

pv_status pv_lock_bun_read(pv_inv_ctx *c, const pv_file *f, pv_roots *rt) {
  pv_jnode *root = NULL;
  pv_status rc = pv_inv_json_object(c, f, &root);
  if (rc != PV_OK)
    return rc;
  bun b = {.c = c, .f = f};
  run(&b, root, rt);
  pv_smap_free(&b.keys);
  return b.rc;
}
