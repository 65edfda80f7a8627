/* permissions.c — see permissions.h. */
#include "permissions.h"

#include "declared.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define ITEM_MAX 256  /* bytes in one declared path, host:port or name */
#define ITEMS_MAX 256 /* entries in one declared list */

static const pv_rule_meta undeclared_rule = PV_BUILTIN_RULE(
    "pkg.undeclared-capability", PV_SEV_MEDIUM, "medium", NULL,
    "The code uses a capability its plugvet.permissions does not grant.",
    "The plugin's code uses a capability (network, file writes, child processes, environment "
    "variables, native addons) that the plugvet.permissions object of its package.json does "
    "not declare. Under the policy plugvet writes, plugvet-run refuses it at run time.",
    "CWE-250");

static const pv_rule_meta symlink_grant_rule = PV_BUILTIN_RULE(
    "policy.symlink-grant", PV_SEV_HIGH, "high", "fs-read",
    "A declared file-system grant passes through a symlink the plugin ships.",
    "A path under plugvet.permissions.fs passes through a symbolic link shipped in the plugin. "
    "Granting it would grant wherever the link points (a link to / makes the whole file system "
    "readable or writable), so plugvet grants nothing for that path and plugvet-run refuses any "
    "relative grant that passes through a symlink. Declare the real directory.",
    "CWE-59", "CWE-61");

const pv_rule_meta *pv_permissions_rule(void) {
  return &undeclared_rule;
}

const pv_rule_meta *pv_permissions_symlink_rule(void) {
  return &symlink_grant_rule;
}

/* ---- finding the plugin's package.json ---------------------------------- */

static size_t depth_of(const char *path) {
  size_t d = 0;
  for (const char *p = path; *p; p++)
    d += *p == '/';
  return d;
}

static int is_manifest(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  return strcmp(base, "package.json") == 0 && strstr(path, "node_modules/") == NULL &&
         strstr(path, "!/") == NULL;
}

static const pv_file *find_manifest(const pv_result *r) {
  const pv_file *best = NULL;
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    if (f->kind != PV_ENTRY_FILE || f->data == NULL || !is_manifest(f->path))
      continue;
    if (best == NULL || depth_of(f->path) < depth_of(best->path))
      best = f;
  }
  return best;
}

/* ---- reading the declaration -------------------------------------------- */

typedef struct {
  pv_result *r;
  pv_permissions *p;
  const pv_limits *lim;
  const pv_file *manifest;
} rd;

static void warn(rd *c, const char *key, const char *why) {
  pv_result_note(c->r, PV_NOTE_WARNING, "permissions", c->p->manifest,
                 "%s: plugvet.permissions%s%s %s; it grants nothing", c->p->manifest,
                 *key ? "." : "", key, why);
}

/* A declared path relative to the plugin, glob part cut: "data/<glob>" → "data".
 * NULL when it is absolute or leaves the plugin. */
static const char *plugin_path(pv_arena *a, const char *s) {
  if (s[0] == '/' || s[0] == '~')
    return NULL;
  char buf[ITEM_MAX + 1];
  size_t n = 0;
  for (const char *seg = s; *seg;) {
    const char *end = strchr(seg, '/');
    size_t len = end ? (size_t)(end - seg) : strlen(seg);
    if (strcspn(seg, "*?[{") < len)
      break;
    if (len == 2 && seg[0] == '.' && seg[1] == '.')
      return NULL;
    if (len > 0 && !(len == 1 && seg[0] == '.')) {
      if (n)
        buf[n++] = '/';
      memcpy(buf + n, seg, len);
      n += len;
    }
    if (end == NULL)
      break;
    seg = end + 1;
  }
  if (n == 0)
    return ".";
  return pv_arena_strndup(a, buf, n);
}

/* A variable name the plugin may declare: never a loader or runtime hook
 * (pv_env_forbidden, the list plugvet-run refuses too). */
static int valid_env_name(const char *s) {
  if (!(isalpha((unsigned char)s[0]) || s[0] == '_'))
    return 0;
  for (const char *q = s; *q; q++)
    if (!(isalnum((unsigned char)*q) || *q == '_'))
      return 0;
  return !pv_env_forbidden(s, strlen(s));
}

static int valid_host_port(const char *s) {
  const char *colon = strrchr(s, ':');
  if (colon == NULL || colon == s)
    return 0;
  char *end = NULL;
  long port = strtol(colon + 1, &end, 10);
  if (end == colon + 1 || *end != '\0' || port < 1 || port > 65535)
    return 0;
  for (const char *q = s; q < colon; q++)
    if (!(isalnum((unsigned char)*q) || strchr(".-[]:_", *q)))
      return 0;
  return 1;
}

/* The shipped symlink the declared path (plugin-relative, globs cut)
 * passes through: root + some prefix of it is a symlink entry. NULL when
 * there is none. */
static const pv_file *symlink_on(const rd *c, const char *path) {
  size_t rl = strlen(c->p->root);
  for (size_t i = 0; i < c->r->files.len; i++) {
    const pv_file *f = pv_result_file(c->r, i);
    if (f->kind != PV_ENTRY_SYMLINK || strncmp(f->path, c->p->root, rl) != 0) {
      continue;
    }
    size_t n = strlen(f->path + rl);
    if (n > 0 && strncmp(f->path + rl, path, n) == 0 && (path[n] == '/' || path[n] == '\0')) {
      return f;
    }
  }
  return NULL;
}

/* Where the declared string s stands in the manifest (its first quoted
 * occurrence); line 1, column 1 when it cannot be found. */
static void locate(const pv_file *f, const char *s, pv_pos *start, pv_pos *end) {
  size_t n = strlen(s);
  *start = (pv_pos){.line = 1, .col = 1, .byte = 0};
  *end = *start;
  if (f == NULL || f->data == NULL) {
    return;
  }
  const char *d = (const char *)f->data;
  for (size_t i = 0; i + n + 2 <= f->size; i++) {
    if (d[i] == '"' && memcmp(d + i + 1, s, n) == 0 && d[i + n + 1] == '"') {
      start->byte = (uint32_t)i;
      end->byte = (uint32_t)(i + n + 2);
      end->line = start->line;
      end->col = start->col + (uint32_t)(n + 2);
      return;
    }
    start->col = d[i] == '\n' ? 1 : start->col + 1;
    start->line += d[i] == '\n';
  }
  *start = (pv_pos){.line = 1, .col = 1, .byte = 0};
}

/* A grant through a shipped symlink: a finding at the declaration, and no
 * grant. Returns 1 when the path is refused, -1 on out-of-memory. */
static int refuse_symlink(rd *c, const char *key, size_t i, const char *declared,
                          const char *path) {
  const pv_file *link = strcmp(path, ".") != 0 ? symlink_on(c, path) : NULL;
  if (link == NULL) {
    return 0;
  }
  pv_finding f = {0};
  f.rule = &symlink_grant_rule;
  f.severity = symlink_grant_rule.severity;
  f.file = c->manifest;
  f.path = c->p->manifest;
  locate(c->manifest, declared, &f.start, &f.end);
  f.message =
      pv_arena_printf(c->r->arena,
                      "plugvet.permissions.%s[%zu] '%s' passes through the shipped "
                      "symlink '%s' (-> '%s'); it grants nothing",
                      key, i, declared, link->path, link->link_target ? link->link_target : "?");
  if (f.message == NULL) {
    return -1;
  }
  pv_result_add_finding(c->r, &f, c->lim); /* NULL past the findings cap: noted there */
  return 1;
}

typedef enum { K_PATH, K_HOST, K_ENV } item_kind;

/* A JSON array of strings into a list; a bad item is a note and skipped. */
static int read_list(rd *c, json_t *v, const char *key, item_kind kind, pv_strlist *out) {
  if (v == NULL)
    return 0;
  if (!json_is_array(v) || json_array_size(v) > ITEMS_MAX) {
    warn(c, key, "must be an array of at most 256 strings");
    return 0;
  }
  const char **items = pv_arena_alloc(c->r->arena, (json_array_size(v) + 1) * sizeof *items);
  if (items == NULL)
    return -1;
  size_t n = 0, i;
  json_t *e;
  json_array_foreach(v, i, e) {
    const char *s = json_string_value(e);
    const char *kept = NULL;
    if (s != NULL && strlen(s) <= ITEM_MAX && strlen(s) == json_string_length(e)) {
      if (kind == K_PATH)
        kept = plugin_path(c->r->arena, s);
      else if (kind == K_HOST ? valid_host_port(s) : valid_env_name(s))
        kept = pv_arena_strdup(c->r->arena, s);
    }
    int linked = kept != NULL && kind == K_PATH ? refuse_symlink(c, key, i, s, kept) : 0;
    if (linked < 0) {
      return -1;
    }
    if (linked) {
      continue;
    }
    if (kept != NULL)
      items[n++] = kept;
    else
      pv_result_note(c->r, PV_NOTE_WARNING, "permissions", c->p->manifest,
                     "%s: plugvet.permissions.%s[%zu] is not a valid %s; skipped", c->p->manifest,
                     key, i,
                     kind == K_PATH   ? "path inside the plugin"
                     : kind == K_HOST ? "HOST:PORT"
                                      : "variable name");
  }
  items[n] = NULL;
  *out = (pv_strlist){items, n};
  return 0;
}

static int read_flag(rd *c, json_t *v, const char *key, int *out) {
  if (v == NULL)
    return 0;
  if (!json_is_boolean(v))
    warn(c, key, "must be true or false");
  else
    *out = json_is_true(v);
  return 0;
}

static int read_network(rd *c, json_t *v) {
  const char *s = json_string_value(v);
  if (v == NULL || (s && strcmp(s, "none") == 0))
    return 0;
  if (s && strcmp(s, "any") == 0) {
    c->p->network = PV_NET_ANY;
    return 0;
  }
  if (!json_is_array(v)) {
    warn(c, "network", "must be \"none\", \"any\" or an array of \"HOST:PORT\"");
    return 0;
  }
  if (read_list(c, v, "network", K_HOST, &c->p->connect) != 0)
    return -1;
  c->p->network = c->p->connect.len ? PV_NET_LIST : PV_NET_NONE;
  return 0;
}

static int read_fs(rd *c, json_t *fs) {
  if (fs == NULL)
    return 0;
  if (!json_is_object(fs)) {
    warn(c, "fs", "must be an object with read and write arrays");
    return 0;
  }
  const char *k;
  json_t *v;
  json_object_foreach(fs, k, v) if (strcmp(k, "read") != 0 && strcmp(k, "write") != 0)
      pv_result_note(c->r, PV_NOTE_WARNING, "permissions", c->p->manifest,
                     "%s: plugvet.permissions.fs has an unknown key '%.64s'; ignored",
                     c->p->manifest, k);
  if (read_list(c, json_object_get(fs, "read"), "fs.read", K_PATH, &c->p->fs_read) != 0)
    return -1;
  return read_list(c, json_object_get(fs, "write"), "fs.write", K_PATH, &c->p->fs_write);
}

static int read_declaration(rd *c, json_t *perm) {
  static const char *const known[] = {"fs", "network", "children", "env", "native"};
  const char *k;
  json_t *v;
  json_object_foreach(perm, k, v) {
    size_t i = 0;
    while (i < 5 && strcmp(k, known[i]) != 0)
      i++;
    if (i == 5)
      pv_result_note(c->r, PV_NOTE_WARNING, "permissions", c->p->manifest,
                     "%s: plugvet.permissions has an unknown key '%.64s'; ignored", c->p->manifest,
                     k);
  }
  if (read_fs(c, json_object_get(perm, "fs")) != 0 ||
      read_network(c, json_object_get(perm, "network")) != 0 ||
      read_list(c, json_object_get(perm, "env"), "env", K_ENV, &c->p->env) != 0)
    return -1;
  read_flag(c, json_object_get(perm, "children"), "children", &c->p->children);
  read_flag(c, json_object_get(perm, "native"), "native", &c->p->native);
  return 0;
}

static const char *const no_items[] = {NULL};

static pv_permissions *read_permissions(pv_result *r, const pv_limits *lim) {
  pv_permissions *p = pv_arena_alloc(r->arena, sizeof *p);
  if (p == NULL)
    return NULL;
  memset(p, 0, sizeof *p);
  p->fs_read = p->fs_write = p->connect = p->env = (pv_strlist){no_items, 0};
  p->root = "";
  const pv_file *f = find_manifest(r);
  if (f == NULL)
    return p;
  p->manifest = f->path;
  const char *slash = strrchr(f->path, '/');
  if (slash &&
      (p->root = pv_arena_strndup(r->arena, f->path, (size_t)(slash - f->path + 1))) == NULL)
    return NULL;
  json_error_t jerr;
  json_t *doc = json_loadb((const char *)f->data, f->size, JSON_REJECT_DUPLICATES, &jerr);
  json_t *perm = json_object_get(json_object_get(doc, "plugvet"), "permissions");
  p->platform =
      json_is_array(json_object_get(doc, "os")) || json_is_array(json_object_get(doc, "cpu"));
  int rc = 0;
  if (perm != NULL && !json_is_object(perm)) {
    rd c = {r, p, lim, f};
    warn(&c, "", "must be an object");
  } else if (perm != NULL) {
    rd c = {r, p, lim, f};
    p->declared = 1;
    rc = read_declaration(&c, perm);
  }
  json_decref(doc);
  return rc == 0 ? p : NULL;
}

pv_permissions *pv_permissions_read(pv_result *r, const pv_limits *lim) {
  pv_permissions *p = read_permissions(r, lim);
  int oom = 0;
  if (p != NULL)
    r->declared = pv_declared_read(r, p, lim, &oom);
  return oom ? NULL : p;
}

/* ---- the check ------------------------------------------------------------ */

static int listed(const pv_strlist *l, const char *s, size_t n) {
  for (size_t i = 0; i < l->len; i++)
    if (strlen(l->items[i]) == n && memcmp(l->items[i], s, n) == 0)
      return 1;
  return 0;
}

/* The variable name of `process.env.NAME` / `process.env['NAME']`. */
static const char *env_name(const pv_finding *f, size_t *n) {
  if (f->file == NULL || f->file->data == NULL || f->end.byte > f->file->size)
    return NULL;
  const char *s = (const char *)f->file->data + f->start.byte;
  const char *e = (const char *)f->file->data + f->end.byte;
  while (e > s && strchr("'\"`] \t", e[-1]))
    e--;
  const char *b = e;
  while (b > s && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
    b--;
  *n = (size_t)(e - b);
  return *n ? b : NULL;
}

/* What the declaration would need to say; NULL when it grants the use. */
static const char *missing_grant(const pv_permissions *p, const pv_finding *f) {
  const char *cap = f->rule->capability ? f->rule->capability : "";
  size_t n = 0;
  const char *name;
  if (strcmp(cap, "net") == 0)
    return p->network == PV_NET_NONE ? "\"network\": [\"HOST:PORT\"]" : NULL;
  if (strcmp(cap, "fs-write") == 0)
    return p->fs_write.len ? NULL
                           : "\"fs\": {\"write\": [PATH]} (the private scratch "
                             "directory, HOME and TMPDIR need nothing)";
  if (strcmp(cap, "exec") == 0)
    return p->children ? NULL
                       : "\"children\": true (which lets node start node; other programs "
                         "also need an fs.exec grant in the policy)";
  if (strcmp(cap, "native") == 0)
    return p->native ? NULL : "\"native\": true";
  if (strcmp(cap, "env") == 0)
    return (name = env_name(f, &n)) != NULL && listed(&p->env, name, n) ? NULL : "\"env\": [NAME]";
  return NULL; /* fs-read and others: confined to the plugin at run time */
}

static int is_capability(const pv_finding *f) {
  return f->rule && f->rule->category && strcmp(f->rule->category, "capability") == 0;
}

pv_status pv_capabilities_check(pv_result *r, const pv_permissions *p, int report) {
  size_t kept = 0;
  for (size_t i = 0; i < r->findings.len; i++) {
    pv_finding f = *pv_result_finding(r, i);
    if (is_capability(&f)) {
      const char *need = report ? missing_grant(p, &f) : NULL;
      if (need == NULL)
        continue;
      f.message = pv_arena_printf(r->arena,
                                  "%s; %s, so plugvet-run will refuse it: add %s to "
                                  "plugvet.permissions in package.json.",
                                  f.message,
                                  p->declared ? "its plugvet.permissions does not grant this"
                                              : "the plugin declares no plugvet.permissions",
                                  need);
      if (f.message == NULL)
        return PV_FATAL;
      f.rule = &undeclared_rule;
      f.severity = undeclared_rule.severity;
    }
    *pv_result_finding(r, kept++) = f;
  }
  r->findings.len = kept;
  return PV_OK;
}
