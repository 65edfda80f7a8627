/* declared.c — see declared.h. */
#include "declared.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "permissions.h"

typedef struct {
  pv_result *r;
  const pv_limits *lim;
  pv_declared *d;
  const char *path; /* the manifest read */
  int oom;
} bld;

/* One list being filled: at most lim->declared_items distinct entries. */
typedef struct {
  const char *key;
  const char **v;
  size_t n, total;
  int bad_noted;
} lst;

static void note(bld *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(bld *b, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  pv_result_note(b->r, PV_NOTE_WARNING, "declared", b->path, "%s: %s", b->path, msg);
}

int pv_declared_add(pv_declared *d, const char *key, const char *const *items, size_t n) {
  if (d->nlists >= PV_DECLARED_LISTS)
    return -1;
  for (size_t i = 0; i < d->nlists; i++)
    if (strcmp(d->lists[i].key, key) == 0)
      return -1;
  d->lists[d->nlists++] = (pv_declared_list){key, items, n};
  return 0;
}

const char *pv_declared_kind_label(const char *kind) {
  static const char *const names[][2] = {{"browser-mv2", "browser extension MV2"},
                                         {"browser-mv3", "browser extension MV3"},
                                         {"vscode", "VS Code extension"},
                                         {"npm", "npm package"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(kind, names[i][0]) == 0)
      return names[i][1];
  return kind;
}

/* ---- lists ----------------------------------------------------------------- */

static void lst_init(bld *b, lst *l, const char *key) {
  *l = (lst){.key = key};
  l->v = pv_arena_alloc(b->r->arena, (b->lim->declared_items + 1) * sizeof *l->v);
  b->oom |= l->v == NULL;
}

/* s (valid UTF-8 from jansson) cut to declared_item_bytes at a character
 * boundary, kept once. */
static void lst_add(bld *b, lst *l, const char *s) {
  if (l->v == NULL)
    return;
  size_t n = strlen(s);
  if (n > b->lim->declared_item_bytes) {
    n = b->lim->declared_item_bytes;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--;
  }
  for (size_t i = 0; i < l->n; i++)
    if (strncmp(l->v[i], s, n) == 0 && l->v[i][n] == '\0')
      return;
  l->total++;
  if (l->n >= b->lim->declared_items)
    return;
  const char *c = pv_arena_strndup(b->r->arena, s, n);
  b->oom |= c == NULL;
  if (c != NULL)
    l->v[l->n++] = c;
}

static void lst_bad(bld *b, lst *l, const char *what) {
  if (!l->bad_noted)
    note(b, "%s %s; skipped", l->key, what);
  l->bad_noted = 1;
}

/* Each string of array a (or a itself, a string, when one is allowed). */
static void lst_strings(bld *b, lst *l, json_t *a, int one_ok) {
  if (a == NULL)
    return;
  if (one_ok && json_is_string(a)) {
    lst_add(b, l, json_string_value(a));
    return;
  }
  if (!json_is_array(a)) {
    lst_bad(b, l, "is not an array of strings");
    return;
  }
  size_t i;
  json_t *e;
  json_array_foreach(a, i, e) {
    if (json_is_string(e))
      lst_add(b, l, json_string_value(e));
    else
      lst_bad(b, l, "has an entry that is not a string");
  }
}

static void lst_done(bld *b, lst *l) {
  if (l->total > l->n)
    note(b, "%s lists %zu distinct entries; the first %zu are summarised", l->key, l->total, l->n);
  if (l->n > 0 && pv_declared_add(b->d, l->key, l->v, l->n) != 0)
    note(b, "too many declared lists; %s left out", l->key);
}

/* One key's value as a one-item list: a string, or true/false. */
static void one(bld *b, const char *key, json_t *v) {
  if (v == NULL)
    return;
  lst l;
  lst_init(b, &l, key);
  if (json_is_boolean(v))
    lst_add(b, &l, json_is_true(v) ? "true" : "false");
  else if (json_is_string(v))
    lst_add(b, &l, json_string_value(v));
  else
    lst_bad(b, &l, "is not a string or boolean");
  lst_done(b, &l);
}

static void strings(bld *b, const char *key, json_t *a, int one_ok) {
  if (a == NULL)
    return;
  lst l;
  lst_init(b, &l, key);
  lst_strings(b, &l, a, one_ok);
  lst_done(b, &l);
}

/* ---- browser extensions ------------------------------------------------------ */

/* A match pattern or <all_urls> (Manifest V2 keeps hosts in permissions). */
static int is_host(const char *s) {
  return strstr(s, "://") != NULL || strcmp(s, "<all_urls>") == 0;
}

/* MV2: permissions split into API permissions and hosts. */
static void split_permissions(bld *b, json_t *a, const char *perm_key, const char *host_key) {
  if (a == NULL)
    return;
  lst perms, hosts;
  lst_init(b, &perms, perm_key);
  lst_init(b, &hosts, host_key);
  if (!json_is_array(a))
    lst_bad(b, &perms, "is not an array of strings");
  size_t i;
  json_t *e;
  json_array_foreach(a, i, e) {
    const char *s = json_string_value(e);
    if (s == NULL)
      lst_bad(b, &perms, "has an entry that is not a string");
    else
      lst_add(b, is_host(s) ? &hosts : &perms, s);
  }
  lst_done(b, &perms);
  lst_done(b, &hosts);
}

/* The `key` array of each object of array a, into one list. */
static void each_object(bld *b, const char *list_key, json_t *a, const char *key) {
  if (a == NULL)
    return;
  lst l;
  lst_init(b, &l, list_key);
  if (!json_is_array(a))
    lst_bad(b, &l, "is not an array of objects");
  size_t i;
  json_t *e;
  json_array_foreach(a, i, e) {
    if (json_is_object(e))
      lst_strings(b, &l, json_object_get(e, key), 0);
    else
      lst_bad(b, &l, "has an entry that is not an object");
  }
  lst_done(b, &l);
}

static void read_csp(bld *b, json_t *v) {
  if (v == NULL || json_is_string(v)) {
    one(b, "content_security_policy", v);
    return;
  }
  lst l;
  lst_init(b, &l, "content_security_policy");
  const char *k;
  json_t *e;
  if (!json_is_object(v))
    lst_bad(b, &l, "is not a string or object");
  json_object_foreach(v, k, e) {
    char buf[512];
    if (json_is_string(e)) {
      snprintf(buf, sizeof buf, "%.64s: %s", k, json_string_value(e));
      lst_add(b, &l, buf);
    } else {
      lst_bad(b, &l, "has a value that is not a string");
    }
  }
  lst_done(b, &l);
}

static void read_connectable(bld *b, json_t *v) {
  if (v == NULL)
    return;
  lst l;
  lst_init(b, &l, "externally_connectable");
  if (!json_is_object(v))
    lst_bad(b, &l, "is not an object");
  lst_strings(b, &l, json_object_get(v, "matches"), 0);
  json_t *ids = json_object_get(v, "ids");
  size_t i;
  json_t *e;
  json_array_foreach(ids, i, e) {
    char buf[300];
    if (!json_is_string(e))
      continue;
    snprintf(buf, sizeof buf, "id:%.255s", json_string_value(e));
    lst_add(b, &l, buf);
  }
  lst_done(b, &l);
}

static void read_browser(bld *b, json_t *doc, int mv) {
  json_t *war = json_object_get(doc, "web_accessible_resources");
  if (mv == 2) {
    split_permissions(b, json_object_get(doc, "permissions"), "permissions", "host_permissions");
    split_permissions(b, json_object_get(doc, "optional_permissions"), "optional_permissions",
                      "optional_host_permissions");
  } else {
    strings(b, "permissions", json_object_get(doc, "permissions"), 0);
    strings(b, "optional_permissions", json_object_get(doc, "optional_permissions"), 0);
    strings(b, "host_permissions", json_object_get(doc, "host_permissions"), 0);
    strings(b, "optional_host_permissions", json_object_get(doc, "optional_host_permissions"), 0);
  }
  each_object(b, "content_scripts", json_object_get(doc, "content_scripts"), "matches");
  read_connectable(b, json_object_get(doc, "externally_connectable"));
  if (mv == 2) {
    strings(b, "web_accessible_resources", war, 0);
  } else {
    each_object(b, "web_accessible_resources", war, "resources");
    each_object(b, "web_accessible_matches", war, "matches");
  }
  read_csp(b, json_object_get(doc, "content_security_policy"));
  one(b, "update_url", json_object_get(doc, "update_url"));
}

/* ---- VS Code extensions --------------------------------------------------------- */

static void read_contributes(bld *b, json_t *v) {
  if (v == NULL)
    return;
  lst l;
  lst_init(b, &l, "contributes");
  if (!json_is_object(v))
    lst_bad(b, &l, "is not an object");
  const char *k;
  json_t *e;
  json_object_foreach(v, k, e) lst_add(b, &l, k);
  lst_done(b, &l);
}

/* capabilities.untrustedWorkspaces / virtualWorkspaces: true, false, or
 * {"supported": true|false|"limited", ...}. */
static void read_trust(bld *b, const char *key, json_t *v) {
  one(b, key, json_is_object(v) ? json_object_get(v, "supported") : v);
}

static void read_vscode(bld *b, json_t *doc) {
  json_t *caps = json_object_get(doc, "capabilities");
  one(b, "engines.vscode", json_object_get(json_object_get(doc, "engines"), "vscode"));
  strings(b, "activation", json_object_get(doc, "activationEvents"), 0);
  read_contributes(b, json_object_get(doc, "contributes"));
  read_trust(b, "untrusted_workspaces", json_object_get(caps, "untrustedWorkspaces"));
  read_trust(b, "virtual_workspaces", json_object_get(caps, "virtualWorkspaces"));
  strings(b, "extension_dependencies", json_object_get(doc, "extensionDependencies"), 0);
  strings(b, "extension_kind", json_object_get(doc, "extensionKind"), 1);
}

/* ---- plugvet.permissions ----------------------------------------------------- */

static void grant(bld *b, const char *key, const pv_strlist *l) {
  if (l->len > 0 && pv_declared_add(b->d, key, l->items, l->len) != 0)
    note(b, "too many declared lists; %s left out", key);
}

static void read_grants(bld *b, const pv_permissions *p) {
  static const char *const any[] = {"any", NULL}, *const yes[] = {"true", NULL};
  static const pv_strlist any_l = {any, 1}, yes_l = {yes, 1};
  if (p == NULL || !p->declared)
    return;
  grant(b, "plugvet.network", p->network == PV_NET_ANY ? &any_l : &p->connect);
  grant(b, "plugvet.fs.read", &p->fs_read);
  grant(b, "plugvet.fs.write", &p->fs_write);
  grant(b, "plugvet.env", &p->env);
  if (p->children)
    grant(b, "plugvet.children", &yes_l);
  if (p->native)
    grant(b, "plugvet.native", &yes_l);
}

/* ---- finding and loading the manifest -------------------------------------------- */

static size_t depth_of(const char *path) {
  size_t d = 0;
  for (const char *q = path; *q; q++)
    d += *q == '/';
  return d;
}

static const pv_file *find_named(const pv_result *r, const char *name) {
  const pv_file *best = NULL;
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    const char *base = strrchr(f->path, '/');
    base = base ? base + 1 : f->path;
    if (f->kind != PV_ENTRY_FILE || f->data == NULL || strcmp(base, name) != 0 ||
        strstr(f->path, "node_modules/") != NULL || strstr(f->path, "!/") != NULL)
      continue;
    if (best == NULL || depth_of(f->path) < depth_of(best->path))
      best = f;
  }
  return best;
}

/* A copy of the bytes with // and block comments blanked (Chrome accepts
 * them in manifest.json); newlines kept so jansson's lines stay right. */
static char *uncomment(const char *s, size_t n) {
  char *o = malloc(n + 1);
  if (o == NULL)
    return NULL;
  memcpy(o, s, n);
  o[n] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (o[i] == '"') {
      for (i++; i < n && o[i] != '"'; i++)
        i += o[i] == '\\';
    } else if (o[i] == '/' && i + 1 < n && (o[i + 1] == '/' || o[i + 1] == '*')) {
      int line = o[i + 1] == '/';
      size_t j = i + 2;
      while (j < n && (line ? o[j] != '\n' : !(o[j] == '*' && j + 1 < n && o[j + 1] == '/')))
        j++;
      j = line ? j : j + 2 > n ? n : j + 2;
      for (size_t k = i; k < j; k++)
        o[k] = o[k] == '\n' ? '\n' : ' ';
      i = j - 1;
    }
  }
  return o;
}

/* f parsed; duplicate keys are said (when say_dup) and the last value of
 * each counts. NULL with a note (when say_bad) if it is not JSON. */
static json_t *load(bld *b, const pv_file *f, int say_bad, int *dup) {
  if (f->size > b->lim->declared_bytes) {
    if (say_bad)
      note(b, "%llu bytes, over the %llu-byte limit; its declarations are not summarised",
           (unsigned long long)f->size, (unsigned long long)b->lim->declared_bytes);
    return NULL;
  }
  char *s = uncomment((const char *)f->data, f->size);
  if (s == NULL) {
    b->oom = 1;
    return NULL;
  }
  json_error_t je;
  json_t *doc = json_loadb(s, f->size, JSON_REJECT_DUPLICATES, &je);
  if (doc == NULL && json_error_code(&je) == json_error_duplicate_key) {
    *dup = je.line > 0 ? je.line : 1;
    doc = json_loadb(s, f->size, 0, &je);
  }
  free(s);
  if (doc == NULL && say_bad)
    note(b, "not valid JSON (line %d: %s); its declarations are not summarised", je.line, je.text);
  if (doc != NULL && !json_is_object(doc)) {
    if (say_bad)
      note(b, "not a JSON object; its declarations are not summarised");
    json_decref(doc);
    doc = NULL;
  }
  return doc;
}

/* The browser manifest.json of r, read into b->d; 1 if there is one. */
static int try_browser(bld *b) {
  const pv_file *f = find_named(b->r, "manifest.json");
  if (f == NULL)
    return 0;
  b->path = f->path;
  int dup = 0;
  json_t *doc = load(b, f, 1, &dup);
  json_t *mv = json_object_get(doc, "manifest_version");
  json_int_t v = json_integer_value(mv);
  if (mv == NULL) { /* not JSON (noted), or a web app's manifest: not ours */
    json_decref(doc);
    return 0;
  }
  if (v != 2 && v != 3) {
    note(b, "manifest_version is not 2 or 3; its declarations are not summarised");
    json_decref(doc);
    return 1;
  }
  if (dup)
    note(b, "a key appears twice in one object (line %d); the last value counts", dup);
  b->d->kind = v == 2 ? "browser-mv2" : "browser-mv3";
  b->d->manifest = f->path;
  read_browser(b, doc, (int)v);
  json_decref(doc);
  return 1;
}

static void try_package(bld *b, const pv_permissions *p) {
  const pv_file *f = NULL;
  for (size_t i = 0; p && p->manifest && i < b->r->files.len && f == NULL; i++)
    if (pv_result_file(b->r, i)->path == p->manifest)
      f = pv_result_file(b->r, i);
  if (f == NULL || f->data == NULL)
    return;
  b->path = f->path;
  int dup = 0;
  json_t *doc = load(b, f, 0, &dup);
  if (json_is_string(json_object_get(json_object_get(doc, "engines"), "vscode"))) {
    if (dup)
      note(b, "a key appears twice in one object (line %d); the last value counts", dup);
    b->d->kind = "vscode";
    b->d->manifest = f->path;
    read_vscode(b, doc);
  }
  json_decref(doc);
}

const pv_declared *pv_declared_read(pv_result *r, const pv_permissions *p, const pv_limits *lim,
                                    int *oom) {
  pv_declared *d = pv_arena_alloc(r->arena, sizeof *d);
  *oom = d == NULL;
  if (d == NULL)
    return NULL;
  memset(d, 0, sizeof *d);
  d->kind = "npm";
  d->manifest = p ? p->manifest : NULL;
  bld b = {.r = r, .lim = lim, .d = d};
  if (!try_browser(&b))
    try_package(&b, p);
  b.path = p && p->manifest ? p->manifest : b.path;
  read_grants(&b, p);
  *oom = b.oom;
  if (b.oom || (strcmp(d->kind, "npm") == 0 && d->nlists == 0))
    return NULL;
  return d;
}
