/* exclude.c — see exclude.h. */
#include "exclude.h"

#include <stdlib.h>
#include <string.h>

#include "intake/intake.h"

typedef struct {
  const char *p;
  size_t n;
  int neg;          /* `!`: re-include */
  int dir_only;     /* trailing `/` */
  int anywhere;     /* no `/`: a name at any depth */
  const char *lit;  /* the glob's longest run of plain characters, which any */
  size_t litn;      /* path it matches holds (a quick rejection) */
  const char *base; /* a nested .gitignore's directory inside the input: the
                     * glob applies to paths under it, from it */
  size_t bn;        /* its length; 0: the input's root */
} glob;

typedef struct {
  glob *v;
  size_t n, cap;
  int full; /* the limit was reached */
} globs;

/* One line of glob text [p, p+n) into g; 0 when it holds no glob. */
static int glob_parse(const char *p, size_t n, int may_negate, glob *g) {
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r' || p[n - 1] == '\t'))
    n--;
  memset(g, 0, sizeof *g);
  if (n == 0 || p[0] == '#')
    return 0;
  if (may_negate && p[0] == '!') {
    g->neg = 1;
    p++;
    n--;
  }
  while (n > 0 && p[n - 1] == '/') {
    g->dir_only = 1;
    n--;
  }
  g->anywhere = memchr(p, '/', n) == NULL;
  while (n > 0 && p[0] == '/') {
    p++;
    n--;
  }
  g->p = p;
  g->n = n;
  for (size_t i = 0; i < n;) {
    size_t k = strcspn(p + i, "*?\\/[");
    k = k < n - i ? k : n - i;
    if (k > g->litn) {
      g->lit = p + i;
      g->litn = k;
    }
    i += k + 1 + (i + k < n && p[i + k] == '\\');
  }
  return n > 0;
}

/* One step of the match: next from row over the glob token at g->p[*i]. */
static void glob_step(const glob *g, size_t *i, const char *s, size_t sn, const unsigned char *row,
                      unsigned char *next) {
  const char *t = g->p + *i;
  size_t left = g->n - *i;
  int star2 = left >= 2 && t[0] == '*' && t[1] == '*';
  int star2_dir = star2 && left >= 3 && t[2] == '/';
  unsigned char acc = 0; /* row[k] for some k < j */
  for (size_t j = 0; j <= sn; j++) {
    unsigned char prev = j > 0 ? next[j - 1] : 0;
    unsigned char c = j > 0 ? (unsigned char)s[j - 1] : 0;
    if (star2_dir)
      next[j] = row[j] || (j > 0 && c == '/' && acc);
    else if (star2)
      next[j] = row[j] || prev;
    else if (t[0] == '*')
      next[j] = row[j] || (prev && c != '/');
    else if (t[0] == '?')
      next[j] = j > 0 && row[j - 1] && c != '/';
    else {
      unsigned char want = t[0] == '\\' && left > 1 ? (unsigned char)t[1] : (unsigned char)t[0];
      next[j] = j > 0 && row[j - 1] && c == want;
    }
    acc |= row[j];
  }
  *i += star2_dir ? 3 : star2 ? 2 : (t[0] == '\\' && left > 1) ? 2 : 1;
  while (star2 && !star2_dir && *i < g->n && g->p[*i] == '*') /* `***` is `**` */
    (*i)++;
}

/* Does g match path s (sn bytes) or one of its parent directories?
 * -1 on out of memory. */
static int glob_matches(const glob *g, const char *s, size_t sn) {
  if (g->litn > 0 && memmem(s, sn, g->lit, g->litn) == NULL)
    return 0;
  unsigned char stack[2 * 512];
  unsigned char *row = sn < 512 ? stack : calloc(2 * (sn + 1), 1);
  if (row == NULL)
    return -1;
  unsigned char *next = row + sn + 1;
  for (size_t j = 0; j <= sn; j++)
    row[j] = j == 0 || (g->anywhere && s[j - 1] == '/');
  for (size_t i = 0; i < g->n;) {
    glob_step(g, &i, s, sn, row, next);
    memcpy(row, next, sn + 1);
  }
  int hit = 0;
  for (size_t j = 1; j <= sn && !hit; j++)
    hit = row[j] && (j == sn ? !g->dir_only : s[j] == '/');
  if (row != stack)
    free(row);
  return hit;
}

int pv_glob_match(const char *text, const char *path) {
  glob g;
  return glob_parse(text, strlen(text), 0, &g) && glob_matches(&g, path, strlen(path)) == 1;
}

/* Append g unless the limit is reached (then a note, once). */
static pv_status globs_add(globs *gs, const glob *g, pv_result *r, const pv_limits *lim) {
  if (gs->n >= lim->exclude_globs) {
    if (!gs->full)
      pv_result_note(r, PV_NOTE_WARNING, "exclude-globs", NULL,
                     "%s: more than %u exclude or include globs; the rest are not used", r->input,
                     (unsigned)lim->exclude_globs);
    gs->full = 1;
    return PV_OK;
  }
  if (gs->n == gs->cap) {
    size_t cap = gs->cap ? gs->cap * 2 : 16;
    glob *v = realloc(gs->v, cap * sizeof *v);
    if (v == NULL)
      return PV_FATAL;
    gs->v = v;
    gs->cap = cap;
  }
  gs->v[gs->n++] = *g;
  return PV_OK;
}

static pv_status add_list(globs *gs, const char *const *list, pv_result *r, const pv_limits *lim) {
  pv_status rc = PV_OK;
  glob g;
  for (size_t i = 0; list != NULL && list[i] != NULL && rc == PV_OK; i++)
    if (glob_parse(list[i], strlen(list[i]), 0, &g))
      rc = globs_add(gs, &g, r, lim);
  return rc;
}

/* The lines of the ignore file f (.plugvetignore, .gitignore), whose
 * globs apply under the directory base (bn bytes; 0: the root). */
static pv_status add_ignore_file(globs *gs, const pv_file *f, const char *base, size_t bn,
                                 pv_result *r, const pv_limits *lim) {
  const char *d = (const char *)f->data;
  pv_status rc = PV_OK;
  glob g;
  for (size_t s = 0; s < f->size && rc == PV_OK;) {
    const char *nl = memchr(d + s, '\n', f->size - s);
    size_t e = nl ? (size_t)(nl - d) : f->size;
    if (glob_parse(d + s, e - s, 1, &g)) {
      g.base = base;
      g.bn = bn;
      rc = globs_add(gs, &g, r, lim);
    }
    s = e + 1;
  }
  return rc;
}

/* The path of f inside the input: without a directory input's prefix. */
static const char *rel_path(const pv_file *f, const char *prefix, size_t pl) {
  if (pl > 0 && strncmp(f->path, prefix, pl) == 0 && f->path[pl] == '/')
    return f->path + pl + 1;
  return f->path;
}

static int in_node_modules(const char *rel) {
  const char *p = strstr(rel, "node_modules/");
  for (; p != NULL; p = strstr(p + 1, "node_modules/"))
    if (p == rel || p[-1] == '/')
      return 1;
  return 0;
}

/* Is rel excluded: node_modules (nm), then the include globs, then the
 * exclude globs in order, the last matching one winning? -1: OOM. */
static int excluded(const char *rel, int nm, const globs *inc, const globs *exc) {
  size_t sn = strlen(rel);
  int out = nm && in_node_modules(rel);
  int in = inc->n == 0;
  for (size_t i = 0; i < inc->n && !in; i++)
    if ((in = glob_matches(&inc->v[i], rel, sn)) < 0)
      return -1;
  out = out || !in;
  for (size_t i = 0; i < exc->n; i++) {
    const glob *g = &exc->v[i];
    if (g->bn > 0 && (sn <= g->bn || strncmp(rel, g->base, g->bn) != 0 || rel[g->bn] != '/'))
      continue;
    int m = g->bn > 0 ? glob_matches(g, rel + g->bn + 1, sn - g->bn - 1) : glob_matches(g, rel, sn);
    if (m < 0)
      return -1;
    if (m)
      out = !exc->v[i].neg;
  }
  return out;
}

/* Flag the files the globs exclude. */
static pv_status flag_files(pv_result *r, const char *prefix, int nm, const globs *inc,
                            const globs *exc) {
  size_t pl = strlen(prefix);
  for (size_t i = 0; i < r->files.len; i++) {
    pv_file *f = pv_result_file(r, i);
    if (f->kind != PV_ENTRY_FILE)
      continue;
    int x = excluded(rel_path(f, prefix, pl), nm, inc, exc);
    if (x < 0)
      return PV_FATAL;
    if (x) {
      f->flags |= PV_FILE_EXCLUDED;
      r->excluded++;
    }
  }
  return PV_OK;
}

/* The root .plugvetignore of a directory input, or NULL. */
static const pv_file *ignore_file(pv_result *r, const char *prefix) {
  size_t pl = strlen(prefix);
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    if (f->kind == PV_ENTRY_FILE && f->data != NULL &&
        strcmp(rel_path(f, prefix, pl), ".plugvetignore") == 0)
      return f;
  }
  return NULL;
}

typedef struct {
  const pv_file *f;
  const char *rel; /* its path inside the input */
  size_t depth;    /* '/' in rel */
} ignore_at;

/* Shallower first (a deeper .gitignore wins, as in git), then by path. */
static int cmp_ignore(const void *x, const void *y) {
  const ignore_at *a = x, *b = y;
  if (a->depth != b->depth)
    return a->depth < b->depth ? -1 : 1;
  return strcmp(a->rel, b->rel);
}

static int is_gitignore(const char *rel) {
  size_t n = strlen(rel);
  return strcmp(rel, ".gitignore") == 0 || (n > 11 && strcmp(rel + n - 11, "/.gitignore") == 0);
}

/* The globs of every .gitignore of a directory input, shallowest first. */
static pv_status add_gitignores(globs *gs, pv_result *r, const char *prefix, const pv_limits *lim) {
  size_t pl = strlen(prefix), n = 0;
  ignore_at *v = malloc((r->files.len + 1) * sizeof *v);
  if (v == NULL)
    return PV_FATAL;
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    const char *rel = rel_path(f, prefix, pl);
    if (f->kind != PV_ENTRY_FILE || f->data == NULL || !is_gitignore(rel))
      continue;
    size_t depth = 0;
    for (const char *p = strchr(rel, '/'); p != NULL; p = strchr(p + 1, '/'))
      depth++;
    v[n++] = (ignore_at){.f = f, .rel = rel, .depth = depth};
  }
  qsort(v, n, sizeof *v, cmp_ignore);
  pv_status rc = PV_OK;
  for (size_t i = 0; i < n && rc == PV_OK; i++) {
    const char *slash = strrchr(v[i].rel, '/');
    rc = add_ignore_file(gs, v[i].f, v[i].rel, slash ? (size_t)(slash - v[i].rel) : 0, r, lim);
  }
  free(v);
  return rc;
}

pv_status pv_exclude_apply(pv_result *r, const pv_exclude_opts *o, const pv_limits *lim) {
  int dir = r->kind != NULL && strcmp(r->kind, "directory") == 0;
  const char *prefix = dir ? pv_intake_dir_prefix(r) : "";
  if (prefix == NULL)
    return PV_FATAL;
  const pv_file *ign = dir && !o->untrusted ? ignore_file(r, prefix) : NULL;
  globs inc = {0}, exc = {0};
  pv_status rc = add_list(&inc, o->include, r, lim);
  if (rc == PV_OK && dir && !o->no_gitignore && !o->untrusted)
    rc = add_gitignores(&exc, r, prefix, lim);
  if (rc == PV_OK && ign != NULL)
    rc = add_ignore_file(&exc, ign, "", 0, r, lim);
  if (rc == PV_OK)
    rc = add_list(&exc, o->exclude, r, lim);
  if (rc == PV_OK)
    rc = flag_files(r, prefix, dir && !o->node_modules, &inc, &exc);
  if (rc == PV_OK && r->excluded > 0)
    pv_result_note(r, PV_NOTE_INFO, "excluded", NULL,
                   "%s: %zu file%s not scanned by code rules (--exclude, --include, "
                   ".plugvetignore, .gitignore, node_modules/ in a directory: "
                   "--scan-node-modules)",
                   r->input, r->excluded, r->excluded == 1 ? "" : "s");
  free(inc.v);
  free(exc.v);
  return rc;
}
