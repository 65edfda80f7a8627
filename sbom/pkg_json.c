/* pkg_json.c — a small JSON reader that keeps line numbers (jansson keeps
 * none) and the package.json field readers shared by the other readers. */
#include <stdlib.h>
#include <string.h>

#include "readers.h"

typedef struct {
  pv_arena *a;
  const unsigned char *p, *end;
  uint32_t line, max_depth;
  const char *err;
  int oom; /* an allocation failed: the parse is PV_FATAL, not malformed */
} jp;

static void skip_ws(jp *j) {
  while (j->p < j->end) {
    unsigned char ch = *j->p;
    if (ch == '\n') {
      j->line++;
      j->p++;
    } else if (ch == ' ' || ch == '\t' || ch == '\r') {
      j->p++;
    } else if (ch == '/' && j->p + 1 < j->end && j->p[1] == '/') {
      while (j->p < j->end && *j->p != '\n')
        j->p++;
    } else if (ch == '/' && j->p + 1 < j->end && j->p[1] == '*') {
      j->p += 2;
      while (j->p + 1 < j->end && !(j->p[0] == '*' && j->p[1] == '/')) {
        if (*j->p == '\n')
          j->line++;
        j->p++;
      }
      j->p = j->p + 2 <= j->end ? j->p + 2 : j->end;
    } else {
      return;
    }
  }
}

static int put_utf8(pv_buf *b, unsigned cp) {
  unsigned char o[4];
  size_t n;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    n = 1;
  } else if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | cp >> 6);
    o[1] = (unsigned char)(0x80 | (cp & 63));
    n = 2;
  } else if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | cp >> 12);
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 63));
    o[2] = (unsigned char)(0x80 | (cp & 63));
    n = 3;
  } else {
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 63));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 63));
    o[3] = (unsigned char)(0x80 | (cp & 63));
    n = 4;
  }
  return pv_buf_add(b, o, n) == PV_OK ? 0 : -1;
}

static int read_u4(jp *j, unsigned *cp) {
  if (j->end - j->p < 4)
    return -1;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    int h = pv_hex_digit(j->p[i]);
    if (h < 0)
      return -1;
    v = v << 4 | (unsigned)h;
  }
  j->p += 4;
  *cp = v;
  return 0;
}

static int escape(jp *j, pv_buf *b) {
  unsigned char e = *j->p++;
  static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
  const char *k = e ? strchr(from, e) : NULL;
  if (k != NULL)
    return pv_buf_add(b, &to[k - from], 1) == PV_OK ? 0 : -1;
  if (e != 'u')
    return -1;
  unsigned cp;
  if (read_u4(j, &cp) < 0)
    return -1;
  if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
    unsigned lo;
    j->p += 2;
    if (read_u4(j, &lo) < 0)
      return -1;
    if (lo >= 0xDC00 && lo < 0xE000)
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  }
  return put_utf8(b, cp);
}

static const char *parse_string(jp *j) {
  pv_buf b;
  pv_buf_init(&b, (size_t)(j->end - j->p) + 1);
  j->p++; /* opening quote */
  const char *out = NULL;
  while (j->p < j->end && *j->p != '"' && pv_buf_status(&b) == PV_OK) {
    if (*j->p == '\n')
      break;
    if (*j->p == '\\') {
      j->p++;
      if (j->p >= j->end || escape(j, &b) < 0)
        goto out;
    } else {
      const unsigned char *s = j->p;
      while (j->p < j->end && *j->p != '"' && *j->p != '\\' && *j->p != '\n')
        j->p++;
      pv_buf_cat(&b, s, (size_t)(j->p - s));
    }
  }
  if (pv_buf_status(&b) != PV_OK || j->p >= j->end || *j->p != '"')
    goto out;
  j->p++;
  out = pv_arena_strndup(j->a, b.data ? (const char *)b.data : "", b.len);
  if (out == NULL)
    j->oom = 1;
out:
  if (pv_buf_status(&b) == PV_FATAL)
    j->oom = 1;
  if (out == NULL && j->err == NULL)
    j->err = "bad string";
  pv_buf_free(&b);
  return out;
}

static pv_jnode *parse_value(jp *j, uint32_t depth);

static pv_jnode *node(jp *j, int type) {
  pv_jnode *n = pv_arena_alloc(j->a, sizeof *n);
  if (n == NULL) {
    j->oom = 1;
    return NULL;
  }
  *n = (pv_jnode){.type = type, .line = j->line};
  return n;
}

/* Objects with more members than this get a sorted index: a lockfile's or
 * manifest's dependency maps are looked up once per component. */
#define JN_INDEX_MIN 16

static int by_key(const void *a, const void *b, void *ctx) {
  const char *const *keys = ctx;
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  int c = strcmp(keys[x], keys[y]);
  return c ? c : (x > y) - (x < y);
}

/* n->order for a large object; -1 out of memory. */
static int jn_index(pv_arena *a, pv_jnode *n) {
  n->order = NULL;
  if (n->type != PV_J_OBJ || n->n <= JN_INDEX_MIN)
    return 0;
  uint32_t *order = pv_arena_alloc(a, n->n * sizeof *order);
  if (order == NULL)
    return -1;
  for (size_t i = 0; i < n->n; i++)
    order[i] = (uint32_t)i;
  qsort_r(order, n->n, sizeof *order, by_key, n->keys);
  n->order = order;
  return 0;
}

/* Members are collected in malloc'd vectors, then moved to the arena. */
static int finish_kids(jp *j, pv_jnode *n, pv_vec *keys, pv_vec *kids) {
  n->n = kids->len;
  if (kids->len > 0) {
    n->kids = pv_arena_alloc(j->a, kids->len * sizeof *n->kids);
    if (n->kids == NULL)
      return -1;
    memcpy(n->kids, kids->items, kids->len * sizeof *n->kids);
  }
  if (keys != NULL && keys->len > 0) {
    n->keys = pv_arena_alloc(j->a, keys->len * sizeof *n->keys);
    if (n->keys == NULL)
      return -1;
    memcpy(n->keys, keys->items, keys->len * sizeof *n->keys);
  }
  return jn_index(j->a, n);
}

static pv_jnode *parse_container(jp *j, uint32_t depth, int obj) {
  pv_jnode *n = node(j, obj ? PV_J_OBJ : PV_J_ARR);
  pv_vec keys = {.elem = sizeof(char *)}, kids = {.elem = sizeof(pv_jnode *)};
  unsigned char close = obj ? '}' : ']';
  j->p++;
  for (;;) {
    skip_ws(j);
    if (j->p >= j->end)
      goto bad;
    if (*j->p == close)
      break;
    uint32_t kline = j->line;
    if (obj) {
      if (*j->p != '"')
        goto bad;
      const char *k = parse_string(j);
      if (k == NULL)
        goto bad;
      if (pv_vec_push(&keys, &k) == NULL)
        goto oom;
      skip_ws(j);
      if (j->p >= j->end || *j->p != ':')
        goto bad;
      j->p++;
    }
    pv_jnode *v = parse_value(j, depth + 1);
    if (v == NULL)
      goto bad;
    if (pv_vec_push(&kids, &v) == NULL)
      goto oom;
    if (obj)
      v->line = kline;
    skip_ws(j);
    if (j->p < j->end && *j->p == ',') {
      j->p++;
      continue;
    }
    if (j->p < j->end && *j->p == close)
      break;
    goto bad;
  }
  j->p++;
  if (n == NULL || finish_kids(j, n, &keys, &kids) < 0)
    goto oom;
  pv_vec_free(&keys);
  pv_vec_free(&kids);
  return n;
oom:
  j->oom = 1;
bad:
  if (j->err == NULL)
    j->err = obj ? "bad object" : "bad array";
  pv_vec_free(&keys);
  pv_vec_free(&kids);
  return NULL;
}

static pv_jnode *parse_scalar(jp *j) {
  const unsigned char *s = j->p;
  while (j->p < j->end && (strchr("+-.eE", *j->p) || (*j->p >= '0' && *j->p <= '9') ||
                           (*j->p >= 'a' && *j->p <= 'z')))
    j->p++;
  size_t len = (size_t)(j->p - s);
  int type = -1;
  if (len == 4 && memcmp(s, "true", 4) == 0)
    type = PV_J_BOOL;
  else if (len == 5 && memcmp(s, "false", 5) == 0)
    type = PV_J_BOOL;
  else if (len == 4 && memcmp(s, "null", 4) == 0)
    type = PV_J_NULL;
  else if (len > 0 && (*s == '-' || (*s >= '0' && *s <= '9')))
    type = PV_J_NUM;
  if (type < 0) {
    j->err = "unexpected character";
    return NULL;
  }
  pv_jnode *n = node(j, type);
  if (n == NULL)
    return NULL;
  n->s = pv_arena_strndup(j->a, (const char *)s, len);
  if (n->s == NULL) {
    j->oom = 1;
    return NULL;
  }
  return n;
}

static pv_jnode *parse_value(jp *j, uint32_t depth) {
  if (depth > j->max_depth) {
    j->err = "nesting too deep";
    return NULL;
  }
  skip_ws(j);
  if (j->p >= j->end) {
    j->err = "unexpected end of input";
    return NULL;
  }
  if (*j->p == '{' || *j->p == '[')
    return parse_container(j, depth, *j->p == '{');
  if (*j->p == '"') {
    pv_jnode *n = node(j, PV_J_STR);
    if (n != NULL && (n->s = parse_string(j)) == NULL)
      return NULL;
    return n;
  }
  return parse_scalar(j);
}

pv_status pv_jn_parse(pv_arena *a, const unsigned char *p, size_t n, uint32_t max_depth,
                      pv_jnode **out, uint32_t *err_line, const char **err) {
  jp j = {.a = a, .p = p, .end = p + n, .line = 1, .max_depth = max_depth};
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    j.p += 3;
  pv_jnode *root = p ? parse_value(&j, 0) : NULL;
  if (root != NULL) {
    skip_ws(&j);
    if (j.p < j.end) {
      root = NULL;
      j.err = "trailing data after the JSON value";
    }
  }
  pv_status rc = PV_OK;
  if (j.oom) {
    root = NULL;
    j.err = "out of memory";
    rc = PV_FATAL;
  } else if (root == NULL) {
    if (j.err == NULL)
      j.err = "no data";
    rc = PV_FAILED;
  }
  if (rc != PV_OK) {
    *err_line = j.line;
    *err = j.err;
  }
  *out = root;
  return rc;
}

const pv_jnode *pv_jn_get(const pv_jnode *o, const char *key) {
  if (o == NULL || o->type != PV_J_OBJ)
    return NULL;
  if (o->order != NULL) { /* the last of the equal keys: the one that wins */
    size_t lo = 0, hi = o->n;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (strcmp(o->keys[o->order[mid]], key) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo > 0 && strcmp(o->keys[o->order[lo - 1]], key) == 0 ? o->kids[o->order[lo - 1]] : NULL;
  }
  for (size_t i = o->n; i-- > 0;)
    if (strcmp(o->keys[i], key) == 0)
      return o->kids[i];
  return NULL;
}

const char *pv_jn_str(const pv_jnode *o, const char *key) {
  const pv_jnode *v = pv_jn_get(o, key);
  return v != NULL && v->type == PV_J_STR ? v->s : NULL;
}

int pv_jn_true(const pv_jnode *o, const char *key) {
  const pv_jnode *v = pv_jn_get(o, key);
  return v != NULL && v->type == PV_J_BOOL && v->s[0] == 't';
}

/* ---- package.json fields ---- */

/* "license": "MIT" | {"type": "MIT"}; "licenses": [{"type": ...}, ...],
 * into *out (NULL when there is none). PV_FATAL on out-of-memory. */
static pv_status license_of(pv_arena *a, const pv_jnode *o, const char **out) {
  const pv_jnode *l = pv_jn_get(o, "license");
  *out = NULL;
  if (l != NULL && l->type == PV_J_STR) {
    *out = l->s;
    return PV_OK;
  }
  if (l != NULL && l->type == PV_J_OBJ && pv_jn_str(l, "type")) {
    *out = pv_jn_str(l, "type");
    return PV_OK;
  }
  const pv_jnode *ls = pv_jn_get(o, "licenses");
  if (ls == NULL)
    ls = l;
  if (ls == NULL || ls->type != PV_J_ARR)
    return PV_OK;
  const char *all = NULL;
  for (size_t i = 0; i < ls->n; i++) {
    const char *t = ls->kids[i]->type == PV_J_STR ? ls->kids[i]->s : pv_jn_str(ls->kids[i], "type");
    if (t == NULL)
      continue;
    all = all ? pv_arena_printf(a, "(%s OR %s)", all, t) : t;
    if (all == NULL)
      return PV_FATAL;
  }
  if (all != NULL && ls->n > 1 && all[0] == '(') { /* flatten "((A OR B) OR C)" */
    pv_buf b;
    pv_buf_init(&b, strlen(all) + 1);
    for (const char *s = all; *s; s++)
      if (*s != '(' && *s != ')')
        pv_buf_cat(&b, s, 1);
    all = NULL;
    if (pv_buf_status(&b) == PV_OK)
      all = pv_arena_strndup(a, b.data ? (const char *)b.data : "", b.len);
    pv_buf_free(&b);
    if (all == NULL)
      return PV_FATAL;
  }
  *out = all;
  return PV_OK;
}

/* "github:u/r", "gitlab:u/r", "bitbucket:u/r", "u/r" -> https URL, into
 * *out (NULL for no URL). PV_FATAL on out-of-memory. */
static pv_status repo_url(pv_arena *a, const char *s, const char **out) {
  static const struct {
    const char *pfx, *host;
  } hosts[] = {
      {"github:", "github.com"}, {"gitlab:", "gitlab.com"}, {"bitbucket:", "bitbucket.org"}};
  *out = NULL;
  if (s == NULL || *s == '\0')
    return PV_OK;
  *out = s;
  for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
    if (strncmp(s, hosts[i].pfx, strlen(hosts[i].pfx)) == 0) {
      *out = pv_arena_printf(a, "https://%s/%s", hosts[i].host, s + strlen(hosts[i].pfx));
      return *out ? PV_OK : PV_FATAL;
    }
  if (strchr(s, ':') == NULL && strchr(s, '/') != NULL && s[0] != '/' && s[0] != '.' &&
      strchr(strchr(s, '/') + 1, '/') == NULL) {
    *out = pv_arena_printf(a, "https://github.com/%s", s);
    return *out ? PV_OK : PV_FATAL;
  }
  return PV_OK;
}

pv_status pv_pkg_fields(pv_arena *a, const pv_jnode *o, pv_raw *raw) {
  if (raw->decl == NULL)
    raw->decl = o;
  if (raw->license == NULL && license_of(a, o, &raw->license) != PV_OK)
    return PV_FATAL;
  const pv_jnode *rep = pv_jn_get(o, "repository");
  if (raw->repository == NULL && rep != NULL &&
      repo_url(a, rep->type == PV_J_STR ? rep->s : pv_jn_str(rep, "url"), &raw->repository) !=
          PV_OK)
    return PV_FATAL;
  if (raw->homepage == NULL)
    raw->homepage = pv_jn_str(o, "homepage");
  if (raw->description == NULL)
    raw->description = pv_jn_str(o, "description");
  const pv_jnode *sc = pv_jn_get(o, "scripts");
  static const char *const hooks[] = {"preinstall", "install", "postinstall"};
  for (size_t i = 0; i < 3; i++)
    if (pv_jn_str(sc, hooks[i]) != NULL)
      raw->flags |= PV_COMP_INSTALL_SCRIPT;
  if (pv_jn_true(o, "hasInstallScript"))
    raw->flags |= PV_COMP_INSTALL_SCRIPT;
  return PV_OK;
}

const char *pv_dep_group_key(pv_dep_group g) {
  static const char *const keys[PV_DEP_GROUPS] = {
      [PV_DEP_PROD] = "dependencies",
      [PV_DEP_OPTIONAL] = "optionalDependencies",
      [PV_DEP_DEV] = "devDependencies",
      [PV_DEP_PEER] = "peerDependencies",
  };
  return keys[g];
}

pv_status pv_deplist_of(pv_arena *a, const pv_jnode *obj, int with_dev, pv_deplist *out) {
  pv_deplist d = {0};
  size_t cap = 0;
  *out = d;
  for (pv_dep_group g = 0; g < PV_DEP_GROUPS; g++) {
    const pv_jnode *m = pv_jn_get(obj, pv_dep_group_key(g));
    if (m != NULL && m->type == PV_J_OBJ)
      cap += m->n;
  }
  if (cap == 0)
    return PV_OK;
  d.name = pv_arena_alloc(a, cap * sizeof *d.name);
  d.spec = pv_arena_alloc(a, cap * sizeof *d.spec);
  d.group = pv_arena_alloc(a, cap * sizeof *d.group);
  if (d.name == NULL || d.spec == NULL || d.group == NULL)
    return PV_FATAL;
  pv_smap seen = {0}; /* names taken so far: prod/optional beat dev, the first one wins */
  pv_status rc = PV_OK;
  for (pv_dep_group g = 0; g < PV_DEP_GROUPS && rc == PV_OK; g++) {
    const pv_jnode *m = g == PV_DEP_DEV && !with_dev ? NULL : pv_jn_get(obj, pv_dep_group_key(g));
    for (size_t i = 0; m != NULL && m->type == PV_J_OBJ && i < m->n && rc == PV_OK; i++) {
      if (pv_smap_get(&seen, m->keys[i]) != PV_NONE)
        continue;
      rc = pv_smap_put(&seen, m->keys[i], d.n);
      d.name[d.n] = m->keys[i];
      d.spec[d.n] = m->kids[i]->type == PV_J_STR ? m->kids[i]->s : "";
      d.group[d.n++] = g;
    }
  }
  pv_smap_free(&seen);
  if (rc != PV_OK)
    return rc;
  *out = d;
  return PV_OK;
}

int pv_spec_is_local(const char *s) {
  static const char *const pfx[] = {
      "link:",   "file:",      "workspace:", "git:",   "git+", "http:", "https:", "github:",
      "gitlab:", "bitbucket:", "portal:",    "patch:", "/",    "./",    "../",    "~/"};
  if (s == NULL)
    return 0;
  for (size_t i = 0; i < sizeof pfx / sizeof pfx[0]; i++)
    if (strncmp(s, pfx[i], strlen(pfx[i])) == 0)
      return 1;
  /* "user/repo" or "user/repo#ref" GitHub shorthand */
  const char *sl = strchr(s, '/');
  return sl != NULL && s[0] != '@' && strchr(s, ' ') == NULL && strchr(s, ':') == NULL;
}

const pv_jnode *pv_jn_deps_object(pv_arena *a, const char **names, const char **specs, size_t n) {
  pv_jnode *nodes = pv_arena_alloc(a, (n + 2) * sizeof *nodes); /* the object, the map, values */
  pv_jnode **kids = pv_arena_alloc(a, (n + 1) * sizeof *kids);
  const char **key = pv_arena_alloc(a, sizeof *key);
  if (nodes == NULL || kids == NULL || key == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    nodes[i + 2] = (pv_jnode){.type = PV_J_STR, .s = specs[i]};
    kids[i + 1] = &nodes[i + 2];
  }
  key[0] = "dependencies";
  kids[0] = &nodes[1];
  nodes[0] = (pv_jnode){.type = PV_J_OBJ, .n = 1, .keys = key, .kids = kids};
  nodes[1] = (pv_jnode){.type = PV_J_OBJ, .n = n, .keys = names, .kids = kids + 1};
  if (jn_index(a, &nodes[1]) != 0)
    return NULL;
  return &nodes[0];
}

pv_status pv_spec_alias_name(pv_arena *a, const char *spec, const char **name, const char **range) {
  *name = NULL;
  if (spec == NULL || strncmp(spec, "npm:", 4) != 0)
    return PV_OK;
  const char *n = spec + 4;
  const char *at = strchr(n[0] == '@' ? n + 1 : n, '@');
  *name = pv_arena_strndup(a, n, at ? (size_t)(at - n) : strlen(n));
  if (*name == NULL)
    return PV_FATAL;
  if (range != NULL)
    *range = at ? at + 1 : "";
  return PV_OK;
}
