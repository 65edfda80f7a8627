/* graph.c — the module graph of one input for taint rules: which
 * file a relative require/import names, and an order of the files in which
 * a module comes before the modules that import it (see taint.h). */
#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taint.h"

enum {
  SPEC_MAX = 512,   /* bytes of a specifier or a resolved path */
  EDGES_MAX = 4096, /* imports followed per file */
};

struct pv_taint_graph {
  const pv_result *r;
  size_t n;
  size_t *by_path;        /* file indices sorted by path */
  uint8_t *linked;        /* per file: PV_TAINT_IMPORTED | PV_TAINT_IMPORTS (pv_taint_order) */
  uint8_t *entry;         /* per file: a package's entry module (made on first use) */
  size_t *first, *rfirst; /* file v imports adj[first[v] .. first[v + 1]) and is imported by */
  long *adj, *radj;       /* radj[rfirst[v] .. rfirst[v + 1]) (pv_taint_order) */
};

static const pv_file *file_at(const pv_result *r, size_t i) {
  return *PV_VEC_AT(r->files, pv_file *, i);
}

static const pv_result *sort_r; /* qsort has no context argument */

static int cmp_path(const void *a, const void *b) {
  const pv_file *x = file_at(sort_r, *(const size_t *)a), *y = file_at(sort_r, *(const size_t *)b);
  return strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

/* A JS/TS source by its name (languages are detected later, per file). */
static int is_code(const pv_file *f) {
  static const char *const ext[] = {".js",  ".mjs", ".cjs", ".jsx", ".ts",
                                    ".mts", ".cts", ".tsx", NULL};
  if (f->kind != PV_ENTRY_FILE || f->data == NULL || f->path == NULL)
    return 0;
  size_t n = strlen(f->path);
  if (n > 5 && strcmp(f->path + n - 5, ".d.ts") == 0)
    return 0;
  for (int i = 0; ext[i] != NULL; i++) {
    size_t el = strlen(ext[i]);
    if (n > el && strcmp(f->path + n - el, ext[i]) == 0)
      return 1;
  }
  return 0;
}

pv_taint_graph *pv_taint_graph_new(const pv_result *r) {
  pv_taint_graph *g = calloc(1, sizeof *g);
  if (g == NULL)
    return NULL;
  g->r = r;
  g->n = r->files.len;
  g->by_path = malloc((g->n + 1) * sizeof *g->by_path);
  if (g->by_path == NULL) {
    free(g);
    return NULL;
  }
  for (size_t i = 0; i < g->n; i++)
    g->by_path[i] = i;
  static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* sort_r is shared */
  pthread_mutex_lock(&lock);
  sort_r = r;
  qsort(g->by_path, g->n, sizeof *g->by_path, cmp_path);
  pthread_mutex_unlock(&lock);
  return g;
}

void pv_taint_graph_delete(pv_taint_graph *g) {
  if (g == NULL)
    return;
  free(g->by_path);
  free(g->first);
  free(g->adj);
  free(g->rfirst);
  free(g->radj);
  free(g->linked);
  free(g->entry);
  free(g);
}

static long find_path(const pv_taint_graph *g, const char *p) {
  size_t lo = 0, hi = g->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const pv_file *f = file_at(g->r, g->by_path[mid]);
    int c = strcmp(f->path ? f->path : "", p);
    if (c == 0)
      return is_code(f) ? (long)g->by_path[mid] : -1;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

/* dir of `from` + spec, with . and .. segments folded, into out. */
static int join_path(const char *from, const char *spec, size_t len, char out[SPEC_MAX]) {
  const char *slash = strrchr(from, '/');
  size_t dl = slash ? (size_t)(slash - from) : 0;
  if (dl + len + 2 >= SPEC_MAX)
    return -1;
  char tmp[SPEC_MAX];
  memcpy(tmp, from, dl);
  tmp[dl] = '/';
  memcpy(tmp + dl + 1, spec, len);
  tmp[dl + 1 + len] = '\0';
  size_t o = 0, root = from[0] == '/'; /* an absolute path stays absolute */
  if (root)
    out[o++] = '/';
  for (char *seg = tmp, *next; seg != NULL; seg = next) {
    next = strchr(seg, '/');
    if (next)
      *next++ = '\0';
    if (*seg == '\0' || strcmp(seg, ".") == 0)
      continue;
    if (strcmp(seg, "..") == 0) {
      while (o > root && out[o - 1] != '/')
        o--;
      if (o > root)
        o--;
      continue;
    }
    size_t sl = strlen(seg);
    if (o + sl + 2 >= SPEC_MAX)
      return -1;
    if (o > root)
      out[o++] = '/';
    memcpy(out + o, seg, sl);
    o += sl;
  }
  out[o] = '\0';
  return 0;
}

static long resolve(const pv_taint_graph *g, const pv_file *from, const char *spec, size_t len) {
  static const char *const tries[] = {"",          ".js",        ".ts",        ".tsx",
                                      ".mjs",      ".cjs",       ".jsx",       "/index.js",
                                      "/index.ts", "/index.tsx", "/index.mjs", NULL};
  if (g == NULL || from == NULL || from->path == NULL || len < 2 || spec[0] != '.' ||
      (spec[1] != '/' && !(spec[1] == '.' && len > 2 && spec[2] == '/')))
    return -1; /* packages are not analysed as code */
  char base[SPEC_MAX], p[SPEC_MAX];
  if (join_path(from->path, spec, len, base) != 0)
    return -1;
  size_t bl = strlen(base);
  for (int i = 0; tries[i] != NULL; i++) {
    if (bl + strlen(tries[i]) + 1 >= SPEC_MAX)
      continue;
    memcpy(p, base, bl);
    memcpy(p + bl, tries[i], strlen(tries[i]) + 1);
    long k = find_path(g, p);
    if (k >= 0)
      return k;
  }
  if (bl > 3 && strcmp(base + bl - 3, ".js") == 0) { /* TS sources imported as ./x.js */
    memcpy(p, base, bl - 3);
    memcpy(p + bl - 3, ".ts", 4);
    return find_path(g, p);
  }
  return -1;
}

const pv_file *pv_taint_resolve(const pv_taint_graph *g, const pv_file *from, const char *spec,
                                size_t len) {
  long k = resolve(g, from, spec, len);
  return k < 0 ? NULL : file_at(g->r, (size_t)k);
}

/* The string literal right after position i (blanks and "(" skipped). */
static int literal_at(const unsigned char *d, size_t n, size_t i, size_t *s, size_t *len) {
  while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '('))
    i++;
  if (i >= n || (d[i] != '\'' && d[i] != '"' && d[i] != '`'))
    return 0;
  unsigned char q = d[i];
  size_t j = i + 1;
  while (j < n && d[j] != q && d[j] != '\n' && j - i < SPEC_MAX)
    j++;
  if (j >= n || d[j] != q)
    return 0;
  *s = i + 1;
  *len = j - i - 1;
  return 1;
}

/* The files f imports (relative specifiers after require, import or from). */
static size_t imports_of(const pv_taint_graph *g, const pv_file *f, long *out, size_t max) {
  static const char *const keys[] = {"require", "from", "import", NULL};
  size_t k = 0;
  for (int w = 0; keys[w] != NULL; w++) {
    size_t kl = strlen(keys[w]);
    for (const unsigned char *p = f->data, *end = f->data + f->size;
         k < max && (p = memmem(p, (size_t)(end - p), keys[w], kl)) != NULL; p += kl) {
      size_t s, len, at = (size_t)(p - f->data) + kl;
      if (!literal_at(f->data, f->size, at, &s, &len))
        continue;
      long t = resolve(g, f, (const char *)f->data + s, len);
      if (t >= 0)
        out[k++] = t;
    }
  }
  return k;
}

static long index_of(const pv_taint_graph *g, const pv_file *f) {
  long k = f->path ? find_path(g, f->path) : -1;
  return k >= 0 && file_at(g->r, (size_t)k) == f ? k : -1;
}

/* The module path p (relative to package.json pj; none leading out of the
 * package) names, or NULL. */
static const pv_file *package_file(const pv_taint_graph *g, const pv_file *pj, const char *p) {
  char spec[SPEC_MAX];
  if (p == NULL || *p == '\0' || strstr(p, "..") != NULL)
    return NULL;
  snprintf(spec, sizeof spec, "./%s", p);
  return pv_taint_resolve(g, pj, strncmp(spec, "././", 4) == 0 ? spec + 2 : spec, strlen(spec));
}

/* A target of an `exports` map: a path, or conditions (node, require,
 * import, default: the first that names a file), nested a few deep. */
static void mark_exports(pv_taint_graph *g, const pv_file *pj, json_t *v, int depth) {
  static const char *const conds[] = {"node", "require", "import", "default", NULL};
  const pv_file *e;
  long k;
  if (json_is_string(v) && (e = package_file(g, pj, json_string_value(v))) != NULL &&
      (k = index_of(g, e)) >= 0)
    g->entry[k] = 1;
  if (!json_is_object(v) || depth > 4)
    return;
  const char *key;
  json_t *t;
  json_object_foreach(v, key, t) /* subpaths: ".", "./sub" */
      if (key[0] == '.') mark_exports(g, pj, t, depth + 1);
  for (int i = 0; conds[i] != NULL; i++)
    if ((t = json_object_get(v, conds[i])) != NULL) {
      mark_exports(g, pj, t, depth + 1);
      break;
    }
}

/* The entry modules of the package whose package.json is pj: `main` (else
 * index.js, unless an `exports` map says otherwise) and every target of
 * its `exports` map. */
static void mark_entries(pv_taint_graph *g, const pv_file *pj) {
  json_error_t err;
  json_t *doc = json_loadb((const char *)pj->data, pj->size, 0, &err);
  const char *main = doc ? json_string_value(json_object_get(doc, "main")) : NULL;
  json_t *exports = doc ? json_object_get(doc, "exports") : NULL;
  const pv_file *e = package_file(g, pj, main && *main ? main : exports ? NULL : "index.js");
  long k = e ? index_of(g, e) : -1;
  if (k >= 0)
    g->entry[k] = 1;
  if (exports != NULL)
    mark_exports(g, pj, exports, 0);
  json_decref(doc);
}

int pv_taint_entry(pv_taint_graph *g, const pv_file *f) {
  if (g == NULL)
    return 0;
  if (g->entry == NULL) { /* every package.json's entry, once */
    if ((g->entry = calloc(g->n + 1, 1)) == NULL)
      return 0;
    for (size_t i = 0; i < g->n; i++) {
      const pv_file *pj = file_at(g->r, i);
      const char *slash = pj->path ? strrchr(pj->path, '/') : NULL;
      const char *base = slash ? slash + 1 : pj->path;
      if (base && strcmp(base, "package.json") == 0 && pj->data)
        mark_entries(g, pj);
    }
  }
  long k = index_of(g, f);
  return k >= 0 && g->entry[k];
}

int pv_taint_linked(const pv_taint_graph *g, const pv_file *f) {
  long k = g != NULL && g->linked != NULL ? index_of(g, f) : -1;
  return k >= 0 ? g->linked[k] : 0;
}

static int reverse(pv_taint_graph *g, const size_t *first, const long *adj, size_t total);

/* Where a file is in the depth-first walk of pv_taint_order. */
enum { WALK_NEW = 0, WALK_ON_STACK, WALK_PLACED };

int pv_taint_order(pv_taint_graph *g, size_t *order) {
  size_t n = g->n, done = 0, total = 0;
  uint8_t *state = calloc(n + 1, 1); /* WALK_NEW ... */
  size_t *stack = malloc((n + 1) * sizeof *stack), *at = malloc((n + 1) * sizeof *at);
  size_t *first = malloc((n + 2) * sizeof *first); /* edges of v: adj[first[v] .. first[v + 1]) */
  long *adj = NULL, *tmp = malloc(EDGES_MAX * sizeof *tmp);
  int rc = state && stack && at && first && tmp ? 0 : -1;
  for (size_t v = 0; rc == 0 && v < n; v++) { /* every file's imports, once */
    const pv_file *f = file_at(g->r, v);
    size_t k = is_code(f) ? imports_of(g, f, tmp, EDGES_MAX) : 0;
    long *a = k ? realloc(adj, (total + k) * sizeof *adj) : adj;
    if (k && a == NULL) {
      rc = -1;
    } else if (k) {
      adj = a;
      memcpy(adj + total, tmp, k * sizeof *tmp);
    }
    first[v] = total;
    total += k;
  }
  if (rc == 0)
    first[n] = total;
  free(g->linked);
  if (rc == 0 && (g->linked = calloc(n + 1, 1)) == NULL)
    rc = -1;
  for (size_t v = 0; rc == 0 && v < n; v++)
    for (size_t k = first[v]; k < first[v + 1]; k++) {
      g->linked[v] |= PV_TAINT_IMPORTS;
      g->linked[adj[k]] |= PV_TAINT_IMPORTED;
    }
  if (rc == 0)
    rc = reverse(g, first, adj, total);
  for (size_t r = 0; rc == 0 && r < n; r++) { /* roots in path order: deterministic */
    size_t root = g->by_path[r], sp = 0;
    if (state[root] != WALK_NEW)
      continue;
    stack[sp] = root;
    at[sp] = first[root];
    sp++;
    state[root] = WALK_ON_STACK;
    while (sp > 0) {
      size_t v = stack[sp - 1], next = SIZE_MAX;
      for (; at[sp - 1] < first[v + 1] && next == SIZE_MAX; at[sp - 1]++)
        if (state[adj[at[sp - 1]]] == WALK_NEW)
          next = (size_t)adj[at[sp - 1]];
      if (next != SIZE_MAX) { /* a module first, then what imports it */
        stack[sp] = next;
        at[sp] = first[next];
        sp++;
        state[next] = WALK_ON_STACK;
        continue;
      }
      order[done++] = v;
      state[v] = WALK_PLACED;
      sp--;
    }
  }
  free(state);
  free(stack);
  free(at);
  free(tmp);
  free(g->first);
  free(g->adj);
  g->first = first;
  g->adj = adj;
  return rc;
}

/* The importers of each file (edges first/adj reversed); -1 on OOM. */
static int reverse(pv_taint_graph *g, const size_t *first, const long *adj, size_t total) {
  free(g->rfirst);
  free(g->radj);
  g->rfirst = calloc(g->n + 2, sizeof *g->rfirst);
  g->radj = malloc((total + 1) * sizeof *g->radj);
  if (g->rfirst == NULL || g->radj == NULL)
    return -1;
  for (size_t k = 0; k < total; k++)
    g->rfirst[adj[k] + 2]++;
  for (size_t v = 0; v < g->n; v++)
    g->rfirst[v + 2] += g->rfirst[v + 1];
  for (size_t v = 0; v < g->n; v++) /* rfirst[t + 1] is t's next free slot */
    for (size_t k = first[v]; k < first[v + 1]; k++)
      g->radj[g->rfirst[adj[k] + 1]++] = (long)v;
  return 0;
}

int pv_taint_deps_any(const pv_taint_graph *g, const pv_file *f, pv_taint_file_fn pred, void *ctx) {
  long k = g != NULL && g->first != NULL ? index_of(g, f) : -1;
  if (k < 0)
    return 0;
  uint8_t *seen = calloc(g->n + 1, 1);
  size_t *stack = malloc((g->n + 1) * sizeof *stack), sp = 0;
  int hit = seen == NULL || stack == NULL ? -1 : 0;
  if (hit == 0) {
    seen[k] = 1;
    stack[sp++] = (size_t)k;
  }
  while (hit == 0 && sp > 0) {
    size_t v = stack[--sp];
    for (size_t e = g->first[v]; e < g->first[v + 1] && hit == 0; e++) {
      size_t t = (size_t)g->adj[e];
      if (seen[t])
        continue;
      seen[t] = 1;
      stack[sp++] = t;
      hit = pred(ctx, file_at(g->r, t));
    }
  }
  free(seen);
  free(stack);
  return hit;
}

int pv_taint_each_importer(const pv_taint_graph *g, const pv_file *f, pv_taint_file_fn fn,
                           void *ctx) {
  long k = g != NULL && g->rfirst != NULL ? index_of(g, f) : -1;
  int rc = 0;
  for (size_t e = k >= 0 ? g->rfirst[k] : 0; k >= 0 && e < g->rfirst[k + 1] && rc == 0; e++)
    rc = fn(ctx, file_at(g->r, (size_t)g->radj[e]));
  return rc;
}
