/* ruletest.c — rule tests from annotated files (see ruletest.h). */
#include "ruletest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fix.h"
#include "match.h"
#include "parse.h"
#include "rules/rules.h"

enum { ANNOT_ID_MAX = 128 };

struct pv_ruletest {
  pv_arena *arena;
  pv_vec cases; /* pv_ruletest_case */
  size_t failed;
  pv_match_options mopt; /* how its matchers run */
};

typedef enum { A_RULEID, A_OK, A_TODORULEID, A_TODOOK } akind;

typedef struct {
  uint32_t line; /* the code line it applies to */
  uint32_t at;   /* the comment's own line */
  akind kind;
  char id[ANNOT_ID_MAX + 1];
} annot;

typedef struct {
  uint32_t *v;
  size_t n, cap;
} u32list;

static int u32_push(u32list *l, uint32_t x) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    uint32_t *v = realloc(l->v, cap * sizeof *v);
    if (v == NULL)
      return -1;
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = x;
  return 0;
}

static int u32_has(const u32list *l, uint32_t x) {
  for (size_t i = 0; i < l->n; i++)
    if (l->v[i] == x)
      return 1;
  return 0;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Sorted, de-duplicated arena copy. */
static const uint32_t *u32_freeze(pv_arena *a, u32list *l, size_t *n) {
  if (l->n > 1)
    qsort(l->v, l->n, sizeof *l->v, cmp_u32);
  size_t k = 0;
  for (size_t i = 0; i < l->n; i++)
    if (k == 0 || l->v[k - 1] != l->v[i])
      l->v[k++] = l->v[i];
  *n = k;
  uint32_t *out = pv_arena_alloc(a, (k + 1) * sizeof *out);
  if (out != NULL && k)
    memcpy(out, l->v, k * sizeof *out);
  return out;
}

/* ---- Annotations ------------------------------------------------------ */

typedef struct {
  annot *v;
  size_t n, cap;
} annots;

static int annot_push(annots *l, const annot *a) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    annot *v = realloc(l->v, cap * sizeof *v);
    if (v == NULL)
      return -1;
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = *a;
  return 0;
}

static const char *skip_ws(const char *p, const char *e) {
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p;
}

/* "ruleid: a, b" after the comment marker: push one pending entry per id. */
static int parse_annotation(const char *p, const char *e, uint32_t at, annots *pending) {
  static const struct {
    const char *word;
    akind kind;
  } kw[] = {
      {"ruleid:", A_RULEID}, {"ok:", A_OK}, {"todoruleid:", A_TODORULEID}, {"todook:", A_TODOOK}};
  p = skip_ws(p, e);
  size_t k = 0, wl = 0;
  for (; k < sizeof kw / sizeof kw[0]; k++) {
    wl = strlen(kw[k].word);
    if ((size_t)(e - p) >= wl && memcmp(p, kw[k].word, wl) == 0)
      break;
  }
  if (k == sizeof kw / sizeof kw[0])
    return 0;
  for (p += wl; p < e;) {
    p = skip_ws(p, e);
    const char *s = p;
    while (p < e && *p != ',' && *p != ' ' && *p != '\t' && *p != '\r')
      p++;
    annot a = {0, at, kw[k].kind, ""};
    size_t n = (size_t)(p - s);
    if (n > 0 && n <= ANNOT_ID_MAX) {
      memcpy(a.id, s, n);
      if (annot_push(pending, &a) != 0)
        return -1;
    }
    p = skip_ws(p, e);
    if (p < e && *p == ',')
      p++;
    else
      break;
  }
  return 0;
}

/* Walk the lines of a file in language l; pending annotations bind to the
 * next code line. Comments: // everywhere, <!-- --> and <%# %> (markup),
 * {{! }} (Handlebars), {# #} (Nunjucks: in Svelte, {#if} is code), # (generic). */
static int read_annotations(const unsigned char *d, size_t n, pv_lang l, annots *out) {
  annots pending = {0};
  int rc = 0;
  uint32_t line = 1;
  for (size_t i = 0; i < n && rc == 0; line++) {
    const char *s = (const char *)d + i;
    const char *nl = memchr(s, '\n', n - i);
    const char *e = nl ? nl : (const char *)d + n;
    i = (size_t)(e - (const char *)d) + 1;
    const char *p = skip_ws(s, e);
    if (p == e)
      continue;                                 /* blank */
    if (e - p >= 3 && memcmp(p, "//-", 3) == 0) /* Pug's unbuffered comment */
      rc = parse_annotation(p + 3, e, line, &pending);
    else if (e - p >= 2 && p[0] == '/' && p[1] == '/')
      rc = parse_annotation(p + 2, e, line, &pending);
    else if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) /* HTML, Vue, Svelte */
      rc = parse_annotation(p + 4, e, line, &pending);
    else if (e - p >= 3 && memcmp(p, "<%#", 3) == 0) /* EJS */
      rc = parse_annotation(p + 3, e, line, &pending);
    else if (l == PV_LANG_HBS && e - p >= 3 && memcmp(p, "{{!", 3) == 0)
      rc = parse_annotation(p + 3 + 2 * (e - p >= 5 && memcmp(p + 3, "--", 2) == 0), e, line,
                            &pending);
    else if (l == PV_LANG_NJK && e - p >= 2 && memcmp(p, "{#", 2) == 0)
      rc = parse_annotation(p + 2, e, line, &pending);
    else if (l == PV_LANG_NONE && *p == '#')
      rc = parse_annotation(p + 1, e, line, &pending);
    else {
      for (size_t k = 0; k < pending.n && rc == 0; k++) {
        pending.v[k].line = line;
        rc = annot_push(out, &pending.v[k]);
      }
      pending.n = 0;
    }
  }
  free(pending.v);
  return rc;
}

/* ---- Running one test file -------------------------------------------- */

typedef struct {
  pv_ruletest *t;
  const pv_ruleset *rs;
  const char *rule_file;
  const char *test_file;
  const pv_limits *lim;
  int *covered; /* per rule: has a case */
} run_ctx;

/* Finding lines of rule id in file `path` of r, leaving out todo lines. */
static int finding_lines(const pv_result *r, const char *path, const char *id, const u32list *todo,
                         u32list *got) {
  for (size_t i = 0; i < r->findings.len; i++) {
    const pv_finding *f = pv_result_finding(r, i);
    if (f->path == NULL || strcmp(f->path, path) != 0)
      continue;
    if (strcmp(f->rule->id, id) == 0 && !u32_has(todo, f->start.line) &&
        u32_push(got, f->start.line) != 0)
      return -1;
  }
  return 0;
}

static int same_set(const pv_ruletest_case *c) {
  return c->n_expected == c->n_got &&
         (c->n_got == 0 || memcmp(c->expected, c->got, c->n_got * sizeof *c->got) == 0);
}

static pv_status push_case(pv_ruletest *t, pv_ruletest_case *c) {
  c->passed = c->problem == NULL && same_set(c);
  if (!c->passed)
    t->failed++;
  return pv_vec_push(&t->cases, c) ? PV_OK : PV_FATAL;
}

/* The case of rule `id` in one test file; skipped when the file neither
 * mentions nor triggers the rule. */
static pv_status rule_case(run_ctx *x, const pv_result *r, const annots *an, const char *id,
                           const char *problem) {
  u32list lists[4] = {{0}}, got = {0};
  pv_status rc = PV_FATAL;
  for (size_t i = 0; i < an->n; i++)
    if (strcmp(an->v[i].id, id) == 0) {
      akind k = an->v[i].kind;
      if (u32_push(&lists[k == A_TODOOK ? A_TODORULEID : k], an->v[i].line) != 0)
        goto out;
    }
  if (finding_lines(r, x->test_file, id, &lists[A_TODORULEID], &got) != 0)
    goto out;
  rc = PV_OK;
  if (lists[A_RULEID].n + lists[A_OK].n + lists[A_TODORULEID].n + got.n == 0 && problem == NULL)
    goto out;
  pv_arena *a = x->t->arena;
  pv_ruletest_case c = {.rule_id = pv_arena_strdup(a, id),
                        .rule_file = x->rule_file,
                        .test_file = x->test_file,
                        .problem = problem};
  c.expected = u32_freeze(a, &lists[A_RULEID], &c.n_expected);
  c.got = u32_freeze(a, &got, &c.n_got);
  c.ok_lines = u32_freeze(a, &lists[A_OK], &c.n_ok);
  c.todo = u32_freeze(a, &lists[A_TODORULEID], &c.n_todo);
  if (c.rule_id == NULL || c.expected == NULL || c.got == NULL || c.ok_lines == NULL ||
      c.todo == NULL)
    rc = PV_FATAL;
  else
    rc = push_case(x->t, &c);
out:
  for (int k = 0; k < 4; k++)
    free(lists[k].v);
  free(got.v);
  return rc;
}

static int rule_index(const pv_ruleset *rs, const char *id) {
  for (size_t i = 0; i < pv_ruleset_count(rs); i++)
    if (strcmp(pv_ruleset_meta(rs, i)->id, id) == 0)
      return (int)i;
  return -1;
}

/* First parse-error note of r, as a case problem. */
static const char *parse_problem(pv_ruletest *t, const pv_result *r) {
  for (size_t i = 0; i < r->notes.len; i++) {
    const pv_note *n = pv_result_note_at(r, i);
    if (n->level >= PV_NOTE_WARNING)
      return pv_arena_printf(t->arena, "test file problem: %s", n->message);
  }
  return NULL;
}

/* Compare findings with annotations for every rule and unknown id. */
static pv_status judge(run_ctx *x, const pv_result *r, const annots *an) {
  const char *problem = parse_problem(x->t, r);
  pv_status rc = PV_OK;
  for (size_t i = 0; i < pv_ruleset_count(x->rs) && rc == PV_OK; i++) {
    size_t before = x->t->cases.len;
    rc = rule_case(x, r, an, pv_ruleset_meta(x->rs, i)->id, problem);
    if (x->t->cases.len > before)
      x->covered[i] = 1;
  }
  for (size_t i = 0; i < an->n && rc == PV_OK; i++) {
    if (rule_index(x->rs, an->v[i].id) >= 0)
      continue;
    int seen = 0;
    for (size_t k = 0; k < i; k++)
      seen |= strcmp(an->v[k].id, an->v[i].id) == 0;
    if (!seen)
      rc = rule_case(
          x, r, an, an->v[i].id,
          pv_arena_printf(x->t->arena, "annotation at line %u names a rule that is not in %s",
                          an->v[i].at, x->rule_file));
  }
  return rc;
}

/* Match every file of r as one input: in the order modules before their
 * importers, then the taint rules' rounds (match.h). */
static pv_status match_all(run_ctx *x, pv_parser *ps, pv_matcher *m, pv_result *r) {
  pv_status rc = pv_match_input(m, r, 0);
  const size_t *order = rc == PV_OK ? pv_match_order(m) : NULL;
  for (int round = 0; rc == PV_OK && (round == 0 || pv_match_next_round(m)); round++)
    for (size_t i = 0; rc == PV_OK && i < r->files.len; i++) {
      pv_file *f = pv_result_file(r, order ? order[i] : i);
      if (round > 0 && !pv_match_wants(m, f))
        continue;
      rc = pv_match_parse(m, ps, r, f, x->lim);
    }
  return rc;
}

/* ---- NAME.fixed.EXT: the test file with every fix applied --------------- */

/* DIR/NAME.fixed.EXT for test file DIR/NAME.EXT, in the arena. */
static const char *fixed_name(pv_arena *a, const char *test_file) {
  const char *dot = strrchr(test_file, '.'), *slash = strrchr(test_file, '/');
  if (dot == NULL || (slash != NULL && dot < slash))
    return NULL;
  return pv_arena_printf(a, "%.*s.fixed%s", (int)(dot - test_file), test_file, dot);
}

/* The first line where got and want differ, as a case problem. */
static const char *fix_problem(pv_arena *a, const unsigned char *got, size_t gn,
                               const unsigned char *want, size_t wn) {
  size_t i = 0, line = 1, ls = 0;
  for (; i < gn && i < wn && got[i] == want[i]; i++)
    if (got[i] == '\n') {
      line++;
      ls = i + 1;
    }
  size_t ge = ls, we = ls;
  while (ge < gn && got[ge] != '\n' && ge - ls < 120)
    ge++;
  while (we < wn && want[we] != '\n' && we - ls < 120)
    we++;
  return pv_arena_printf(a, "the fixed file differs at line %zu: got %s%.*s%s, expected %s%.*s%s",
                         line, ls < gn ? "'" : "the end of the file", (int)(ge - ls),
                         (const char *)got + ls, ls < gn ? "'" : "",
                         ls < wn ? "'" : "the end of the file", (int)(we - ls),
                         (const char *)want + ls, ls < wn ? "'" : "");
}

/* When DIR/NAME.fixed.EXT exists (Semgrep's convention), the test file
 * with every finding's fix applied (scanner/fix.h) must equal it: a case
 * "autofix" of that file. */
static pv_status fixed_case(run_ctx *x, const pv_result *r, const pv_file *f, pv_error *err) {
  const char *want_file = fixed_name(x->t->arena, x->test_file);
  struct stat st;
  if (want_file == NULL || stat(want_file, &st) != 0)
    return PV_OK;
  unsigned char *want = NULL;
  size_t wn = 0, ne = 0, applied, overlaps;
  pv_status rc = pv_read_file(want_file, x->lim->entry_bytes, &want, &wn, err);
  if (rc != PV_OK)
    return rc;
  pv_fix_edit *edits = calloc(r->findings.len + 1, sizeof *edits);
  pv_buf out;
  pv_buf_init(&out, x->lim->entry_bytes);
  for (size_t i = 0; edits != NULL && i < r->findings.len; i++) {
    const pv_finding *fd = pv_result_finding(r, i);
    if (fd->fix != NULL && fd->path != NULL && strcmp(fd->path, x->test_file) == 0)
      edits[ne++] = (pv_fix_edit){fd->start.byte, fd->end.byte, fd->fix, i, 0};
  }
  rc = edits == NULL ? PV_FATAL
                     : pv_fix_apply(f->data, f->size, edits, ne, &out, &applied, &overlaps);
  pv_ruletest_case c = {.rule_id = "autofix", .rule_file = x->rule_file, .test_file = want_file};
  if (rc == PV_OK &&
      (out.len != wn || memcmp(out.data ? out.data : (unsigned char *)"", want, wn) != 0))
    c.problem =
        fix_problem(x->t->arena, out.data ? out.data : (unsigned char *)"", out.len, want, wn);
  if (rc == PV_OK && overlaps > 0)
    c.problem = pv_arena_printf(x->t->arena, "%zu of the %zu fixes overlap another", overlaps, ne);
  if (rc == PV_OK)
    rc = push_case(x->t, &c);
  else if (rc == PV_FAILED)
    rc = pv_error_set(err, PV_FAILED, "%s: a fix lies outside the file", x->test_file);
  free(edits);
  free(want);
  pv_buf_free(&out);
  return rc;
}

static pv_status run_test_file(run_ctx *x, pv_parser *ps, pv_matcher *m, pv_error *err) {
  unsigned char *data = NULL;
  size_t n = 0;
  pv_status rc = pv_read_file(x->test_file, x->lim->entry_bytes, &data, &n, err);
  if (rc != PV_OK)
    return rc;
  pv_result *r = pv_result_new(x->test_file);
  annots an = {0};
  pv_file tf = {.path = x->test_file, .data = data, .size = n, .kind = PV_ENTRY_FILE};
  tf.flags = PV_FILE_INSTALL; /* test files are install-time code (when: install rules) */
  tf.lang = pv_lang_detect(tf.path, data, n, &tf.flags);
  pv_file *f = r ? pv_result_add_file(r, &tf) : NULL;
  rc = PV_FATAL;
  if (f == NULL || read_annotations(data, n, tf.lang, &an) != 0)
    goto out;
  rc = match_all(x, ps, m, r);
  if (rc == PV_OK)
    rc = judge(x, r, &an);
  if (rc == PV_OK)
    rc = fixed_case(x, r, f, err);
out:
  if (rc == PV_FATAL)
    pv_error_set(err, PV_FATAL, "out of memory");
  free(an.v);
  pv_result_delete(r);
  free(data);
  return rc;
}

/* A directory of test files scanned as one input (modules that import each
 * other; manifests in folders of their own), each file judged on its own
 * annotations. */
static int is_test_source(const char *nm) {
  static const char *const ext[] = {".js",       ".mjs", ".cjs",    ".jsx",  ".ts",
                                    ".mts",      ".cts", ".tsx",    ".json", ".html",
                                    ".ejs",      ".vue", ".svelte", ".hbs",  ".handlebars",
                                    ".mustache", ".pug", ".jade",   ".njk",  NULL};
  size_t n = strlen(nm);
  for (int i = 0; ext[i] != NULL; i++)
    if (n > strlen(ext[i]) && strcmp(nm + n - strlen(ext[i]), ext[i]) == 0)
      return 1;
  return 0;
}

static int cmp_str(const void *a, const void *b);

enum { DIR_FILES_MAX = 256, DIR_DEPTH_MAX = 2 };

typedef struct {
  char *v[DIR_FILES_MAX];
  size_t n;
} name_list;

/* The test sources under dir, and in its subfolders down to depth. */
static void list_dir_files(pv_arena *a, const char *dir, int depth, name_list *out) {
  DIR *d = opendir(dir);
  if (d == NULL)
    return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && out->n < DIR_FILES_MAX) {
    if (e->d_name[0] == '.')
      continue;
    char *path = pv_arena_printf(a, "%s/%s", dir, e->d_name);
    struct stat st;
    if (path == NULL || stat(path, &st) != 0)
      continue;
    if (S_ISDIR(st.st_mode) && depth > 1)
      list_dir_files(a, path, depth - 1, out);
    else if (S_ISREG(st.st_mode) && is_test_source(e->d_name))
      out->v[out->n++] = path;
  }
  closedir(d);
}

static pv_status add_dir_files(run_ctx *x, pv_result *r, const char *dir, pv_error *err) {
  name_list names = {.n = 0};
  list_dir_files(x->t->arena, dir, DIR_DEPTH_MAX, &names);
  char **v = names.v;
  size_t k = names.n;
  qsort(v, k, sizeof *v, cmp_str);
  pv_status rc = PV_OK;
  for (size_t i = 0; i < k && rc == PV_OK; i++) {
    unsigned char *data = NULL;
    size_t n = 0;
    if ((rc = pv_read_file(v[i], x->lim->entry_bytes, &data, &n, err)) != PV_OK)
      break;
    unsigned char *kept = pv_arena_alloc(r->arena, n + 1);
    if (kept) {
      memcpy(kept, data, n);
      kept[n] = '\0';
    }
    free(data);
    pv_file tf = {.path = v[i], .data = kept, .size = n, .kind = PV_ENTRY_FILE};
    tf.flags = PV_FILE_INSTALL;
    tf.lang = pv_lang_detect(tf.path, kept, n, &tf.flags);
    if (kept == NULL || pv_result_add_file(r, &tf) == NULL)
      rc = PV_FATAL;
  }
  return rc;
}

static pv_status run_test_dir(run_ctx *x, pv_parser *ps, pv_matcher *m, const char *dir,
                              pv_error *err) {
  pv_result *r = pv_result_new(dir);
  pv_status rc = r ? add_dir_files(x, r, dir, err) : PV_FATAL;
  if (rc == PV_OK)
    rc = match_all(x, ps, m, r);
  for (size_t i = 0; rc == PV_OK && i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    annots an = {0};
    x->test_file = f->path;
    rc =
        read_annotations(f->data, f->size, f->lang == PV_LANG_NONE ? PV_LANG_JS : f->lang, &an) != 0
            ? PV_FATAL
            : judge(x, r, &an);
    free(an.v);
  }
  if (rc == PV_FATAL && err->code != PV_FATAL)
    pv_error_set(err, PV_FATAL, "out of memory");
  pv_result_delete(r);
  return rc;
}

/* ---- Test files next to a rule file ----------------------------------- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* DIR/NAME.EXT for rule file DIR/NAME.yaml (EXT: no dot, not yaml/yml). */
static pv_status list_tests(pv_arena *a, const char *rule_file, char ***out, size_t *n) {
  const char *slash = strrchr(rule_file, '/');
  const char *base = slash ? slash + 1 : rule_file;
  const char *dot = strrchr(base, '.');
  size_t blen = dot ? (size_t)(dot - base) : strlen(base);
  char *dir = slash ? pv_arena_strndup(a, rule_file, (size_t)(slash - rule_file)) : ".";
  size_t cap = 8, k = 0;
  char **v = malloc(cap * sizeof *v);
  DIR *d = dir && v ? opendir(dir) : NULL;
  if (d == NULL) {
    free(v);
    *out = NULL;
    *n = 0;
    return dir && v ? PV_OK : PV_FATAL;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    const char *nm = e->d_name, *ext = nm + blen + 1;
    if (strncmp(nm, base, blen) != 0 || nm[blen] != '.' || *ext == '\0' || strchr(ext, '.') ||
        strcmp(ext, "yaml") == 0 || strcmp(ext, "yml") == 0)
      continue;
    if (k == cap) {
      char **g = realloc(v, (cap *= 2) * sizeof *v);
      if (g == NULL)
        break;
      v = g;
    }
    v[k] = slash ? pv_arena_printf(a, "%s/%s", dir, nm) : pv_arena_strdup(a, nm);
    if (v[k] != NULL)
      k++;
  }
  closedir(d);
  if (k > 1)
    qsort(v, k, sizeof *v, cmp_str);
  *out = v;
  *n = k;
  return PV_OK;
}

/* Tests of one rule file, with its own ruleset. */
static pv_status run_rule_file(pv_ruletest *t, const char *rule_file, const pv_limits *lim,
                               pv_error *err) {
  pv_ruleset *rs = pv_ruleset_new();
  pv_parser *ps = pv_parser_new();
  pv_matcher *m = NULL;
  char **tests = NULL;
  size_t n_tests = 0;
  int *covered = NULL;
  pv_status rc = PV_FATAL;
  if (rs == NULL || ps == NULL)
    goto out;
  if ((rc = pv_ruleset_load(rs, rule_file, lim, err)) != PV_OK)
    goto out;
  rc = PV_FATAL;
  if ((m = pv_matcher_new(rs, &t->mopt)) == NULL)
    goto out;
  if ((covered = calloc(pv_ruleset_count(rs) + 1, sizeof *covered)) == NULL)
    goto out;
  if (list_tests(t->arena, rule_file, &tests, &n_tests) != PV_OK)
    goto out;
  run_ctx x = {.t = t,
               .rs = rs,
               .rule_file = pv_arena_strdup(t->arena, rule_file),
               .lim = lim,
               .covered = covered};
  rc = x.rule_file ? PV_OK : PV_FATAL;
  for (size_t i = 0; i < n_tests && rc == PV_OK; i++) {
    x.test_file = tests[i];
    rc = run_test_file(&x, ps, m, err);
  }
  const char *dot = strrchr(rule_file, '.');
  char *dir = dot ? pv_arena_strndup(t->arena, rule_file, (size_t)(dot - rule_file)) : NULL;
  struct stat st;
  if (rc == PV_OK && dir != NULL && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
    rc = run_test_dir(&x, ps, m, dir, err); /* DIR/NAME/: modules that import each other */
  for (size_t i = 0; i < pv_ruleset_count(rs) && rc == PV_OK; i++) {
    if (covered[i])
      continue;
    pv_ruletest_case c = {.rule_id = pv_arena_strdup(t->arena, pv_ruleset_meta(rs, i)->id),
                          .rule_file = x.rule_file,
                          .problem = n_tests ? "no test case in the test files"
                                             : "no test file (NAME.js, NAME.ts, NAME.json...) "
                                               "next to the rule file"};
    rc = c.rule_id ? push_case(t, &c) : PV_FATAL;
  }
out:
  if (rc == PV_FATAL && err && err->code != PV_FATAL)
    pv_error_set(err, PV_FATAL, "out of memory");
  free(tests);
  free(covered);
  pv_matcher_delete(m);
  pv_parser_delete(ps);
  pv_ruleset_delete(rs);
  return rc;
}

/* ---- Public API ------------------------------------------------------- */

pv_status pv_ruletest_run(const char *path, const pv_limits *lim, const pv_match_options *mopt,
                          pv_ruletest **out, pv_error *err) {
  *out = NULL;
  pv_ruleset *all = pv_ruleset_new();
  pv_ruletest *t = calloc(1, sizeof *t);
  pv_status rc = PV_FATAL;
  if (all == NULL || t == NULL || (t->arena = pv_arena_new(0)) == NULL)
    goto out;
  t->cases.elem = sizeof(pv_ruletest_case);
  if (mopt != NULL)
    t->mopt = *mopt;
  /* Load everything once to validate (duplicate ids across files too). */
  if ((rc = pv_ruleset_load(all, path, lim, err)) != PV_OK)
    goto out;
  const char *prev = NULL;
  for (size_t i = 0; i < pv_ruleset_count(all) && rc == PV_OK; i++) {
    const char *file = pv_ruleset_meta(all, i)->source_file;
    if (prev != NULL && strcmp(prev, file) == 0)
      continue;
    prev = file;
    rc = run_rule_file(t, file, lim, err);
  }
out:
  pv_ruleset_delete(all);
  if (rc != PV_OK) {
    pv_ruletest_delete(t);
    if (rc == PV_FATAL && err)
      pv_error_set(err, PV_FATAL, "out of memory");
    return rc;
  }
  *out = t;
  return PV_OK;
}

size_t pv_ruletest_count(const pv_ruletest *t) {
  return t ? t->cases.len : 0;
}

const pv_ruletest_case *pv_ruletest_case_at(const pv_ruletest *t, size_t i) {
  return t && i < t->cases.len ? PV_VEC_AT(t->cases, pv_ruletest_case, i) : NULL;
}

size_t pv_ruletest_failed(const pv_ruletest *t) {
  return t ? t->failed : 0;
}

void pv_ruletest_delete(pv_ruletest *t) {
  if (t == NULL)
    return;
  pv_vec_free(&t->cases);
  pv_arena_delete(t->arena);
  free(t);
}
