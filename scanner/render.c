/* render.c — see render.h. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

enum {
  DIRS_MAX = 8,        /* view directories kept from settings */
  EXTS_MAX = 8,        /* engine extensions kept from settings */
  SETTING_MAX = 64,    /* bytes of one directory or extension */
  SETTING_SCAN = 256,  /* bytes read after a setting's name */
  NAMES_MAX = 32,      /* tainted names of one locals object */
  VIEW_NAME_MAX = 512, /* bytes of a view name */
  TREES_MAX = 4,       /* other files' trees kept (sinks in helper modules) */
};

typedef char setting[SETTING_MAX];

struct pv_render {
  const pv_result *r;
  int read;       /* settings read */
  size_t follows; /* sinks followed so far */
  setting dirs[DIRS_MAX], exts[EXTS_MAX];
  /* The file each dir was set in, and the length of its directory part
   * ("app1/" of "app1/server.js"): the app the setting belongs to. */
  const char *dir_file[DIRS_MAX];
  size_t dir_root[DIRS_MAX];
  size_t ndirs, nexts;
  const char *reading; /* the path of the file read_file_settings reads */
  TSParser *ts;        /* for the trees below */
  struct {
    const pv_file *f;
    TSTree *t;
  } trees[TREES_MAX]; /* modules other than the one analysed, round robin */
  size_t next_tree;
};

pv_render *pv_render_new(const pv_result *r) {
  pv_render *v = calloc(1, sizeof *v);
  if (v != NULL)
    v->r = r;
  return v;
}

void pv_render_delete(pv_render *v) {
  if (v == NULL)
    return;
  for (size_t i = 0; i < TREES_MAX; i++)
    if (v->trees[i].t != NULL)
      ts_tree_delete(v->trees[i].t);
  if (v->ts != NULL)
    ts_parser_delete(v->ts);
  free(v);
}

/* The tree of module f, another than the one analysed (a helper the
 * route calls); NULL when it cannot be had. f was parsed within the parse
 * limits already: the engine holds a summary of it only then. The tree
 * keep, in use, is not dropped for it. */
static const TSTree *tree_of(pv_render *v, const pv_file *f, const TSTree *keep) {
  for (size_t i = 0; i < TREES_MAX; i++)
    if (v->trees[i].f == f)
      return v->trees[i].t;
  const TSLanguage *lang = pv_language(pv_lang_detect(f->path, f->data, f->size, NULL));
  if (lang == NULL || f->data == NULL || f->size > UINT32_MAX)
    return NULL;
  if (v->ts == NULL && (v->ts = ts_parser_new()) == NULL)
    return NULL;
  if (!ts_parser_set_language(v->ts, lang))
    return NULL;
  TSTree *t = ts_parser_parse_string(v->ts, NULL, (const char *)f->data, (uint32_t)f->size);
  if (t == NULL)
    return NULL;
  size_t k = v->next_tree++ % TREES_MAX;
  if (v->trees[k].t != NULL && v->trees[k].t == keep)
    k = v->next_tree++ % TREES_MAX;
  if (v->trees[k].t != NULL)
    ts_tree_delete(v->trees[k].t);
  v->trees[k].f = f;
  v->trees[k].t = t;
  return t;
}

/* ---- Settings in the input's code --------------------------------------- */

/* The last string literal in d[i..) before the closing bracket that ends
 * the argument (or, stop_comma, a ',' at depth 0), within SETTING_SCAN
 * bytes, into out; the first one instead when first. 0 when none. */
static int string_after(const unsigned char *d, size_t n, size_t i, int stop_comma, int first,
                        setting out) {
  size_t end = n - i > SETTING_SCAN ? i + SETTING_SCAN : n;
  int depth = 0, found = 0;
  for (; i < end; i++) {
    unsigned char c = d[i];
    if (c == '(' || c == '[' || c == '{')
      depth++;
    else if ((c == ')' || c == ']' || c == '}') && --depth < 0)
      break;
    else if (c == ',' && depth == 0 && stop_comma)
      break;
    else if (c == '\'' || c == '"' || c == '`') {
      const unsigned char *q = memchr(d + i + 1, c, end - i - 1);
      if (q == NULL)
        break;
      size_t s = i + 1, len = (size_t)(q - d) - s;
      const unsigned char *sub = c == '`' ? memrchr(d + s, '}', len) : NULL;
      if (sub != NULL) { /* `${__dirname}/views`: the text after the last ${} */
        len -= (size_t)(sub + 1 - (d + s));
        s = (size_t)(sub + 1 - d);
      }
      if (len < SETTING_MAX && memchr(d + s, '$', len) == NULL) {
        memcpy(out, d + s, len);
        out[len] = '\0';
        found = 1;
        if (first)
          return 1;
      }
      i = (size_t)(q - d);
    }
  }
  return found;
}

/* "./views/" → "views", "/../templates" → "templates". */
static void norm_dir(setting s) {
  size_t k = 0, n = strlen(s);
  while (k < n && (s[k] == '/' || s[k] == '.'))
    k++;
  memmove(s, s + k, n - k + 1);
  n -= k;
  while (n > 0 && s[n - 1] == '/')
    s[--n] = '\0';
}

static void add_setting(setting *list, size_t *n, size_t max, const setting s) {
  if (*n == max || s[0] == '\0')
    return;
  for (size_t i = 0; i < *n; i++)
    if (strcmp(list[i], s) == 0)
      return;
  memcpy(list[(*n)++], s, SETTING_MAX);
}

/* The length of path's directory part, its last '/' included. */
static size_t root_len(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? (size_t)(slash - path + 1) : 0;
}

/* A views directory set in the file being read (once per app root). */
static void add_dir(pv_render *v, const setting s) {
  size_t root = root_len(v->reading);
  if (v->ndirs == DIRS_MAX || s[0] == '\0')
    return;
  for (size_t i = 0; i < v->ndirs; i++)
    if (strcmp(v->dirs[i], s) == 0 && v->dir_root[i] == root &&
        strncmp(v->dir_file[i], v->reading, root) == 0)
      return;
  memcpy(v->dirs[v->ndirs], s, SETTING_MAX);
  v->dir_file[v->ndirs] = v->reading;
  v->dir_root[v->ndirs++] = root;
}

/* An engine's name as the extension of its files. */
static void engine_ext(setting s) {
  static const char *const alias[][2] = {
      {"nunjucks", "njk"}, {"handlebars", "hbs"}, {"jade", "pug"}, {"mustache", "mustache"}};
  if (s[0] == '.')
    memmove(s, s + 1, strlen(s));
  for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
    if (strcmp(s, alias[i][0]) == 0)
      snprintf(s, SETTING_MAX, "%s", alias[i][1]);
}

/* One setting's name at d[at..at+m): read its value into v. */
static void read_setting(pv_render *v, const unsigned char *d, size_t n, size_t at, size_t m,
                         int is_dir, int stop_comma) {
  setting s = "";
  if (!string_after(d, n, at + m, stop_comma, !is_dir, s))
    return;
  if (is_dir) {
    norm_dir(s);
    add_dir(v, s);
    return;
  }
  engine_ext(s);
  add_setting(v->exts, &v->nexts, EXTS_MAX, s);
}

/* The settings of one JS/TS file. */
static void read_file_settings(pv_render *v, const unsigned char *d, size_t n) {
  static const struct {
    const char *word;
    int dir, comma;
  } keys[] = {
      {"'views',", 1, 0},   {"\"views\",", 1, 0},     {"views(", 1, 1},
      {"root:", 1, 1},      {"'view engine',", 0, 0}, {"\"view engine\",", 0, 0},
      {"extension:", 0, 1}, {"viewExt:", 0, 1},
  };
  for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
    size_t m = strlen(keys[k].word);
    for (const unsigned char *p = memmem(d, n, keys[k].word, m); p != NULL;
         p = memmem(p + m, n - (size_t)(p + m - d), keys[k].word, m))
      read_setting(v, d, n, (size_t)(p - d), m, keys[k].dir, keys[k].comma);
  }
  /* point-of-view: engine: { ejs: require('ejs') } */
  for (const unsigned char *p = memmem(d, n, "engine:", 7); p != NULL;
       p = memmem(p + 7, n - (size_t)(p + 7 - d), "engine:", 7)) {
    size_t i = (size_t)(p - d) + 7, k = 0;
    setting s = "";
    while (i < n && (d[i] == ' ' || d[i] == '{' || d[i] == '\n'))
      i++;
    while (i < n && k + 1 < SETTING_MAX && (unsigned)((d[i] | 32) - 'a') < 26u)
      s[k++] = (char)d[i++];
    s[k] = '\0';
    engine_ext(s);
    add_setting(v->exts, &v->nexts, EXTS_MAX, s);
  }
}

static void read_settings(pv_render *v) {
  v->read = 1;
  for (size_t i = 0; i < v->r->files.len; i++) {
    const pv_file *f = pv_result_file(v->r, i);
    pv_lang l = pv_lang_detect(f->path, f->data, f->data ? f->size : 0, NULL);
    v->reading = f->path;
    if (f->data != NULL && (l == PV_LANG_JS || l == PV_LANG_TS || l == PV_LANG_TSX))
      read_file_settings(v, f->data, f->size);
  }
}

/* ---- Finding the view --------------------------------------------------- */

static int is_template(pv_lang l) {
  return l == PV_LANG_EJS || l == PV_LANG_HBS || l == PV_LANG_PUG || l == PV_LANG_NJK ||
         l == PV_LANG_HTML;
}

/* Does path end with the segment(s) want, at a '/' (or '!') boundary? */
static int ends_at(const char *path, const char *want) {
  size_t n = strlen(path), m = strlen(want);
  return n >= m && strcmp(path + n - m, want) == 0 &&
         (n == m || path[n - m - 1] == '/' || path[n - m - 1] == '!');
}

/* Is f the view `name` under dir (ext: the engine's, "" any template)? */
static int view_matches(const pv_file *f, const char *dir, const char *name, int has_ext) {
  char want[VIEW_NAME_MAX + SETTING_MAX + 2];
  snprintf(want, sizeof want, "%s%s%s", dir, dir[0] ? "/" : "", name);
  if (has_ext)
    return ends_at(f->path, want);
  const char *dot = strrchr(f->path, '.');
  size_t stem = dot ? (size_t)(dot - f->path) : strlen(f->path), m = strlen(want);
  return stem >= m && memcmp(f->path + stem - m, want, m) == 0 &&
         (stem == m || f->path[stem - m - 1] == '/' || f->path[stem - m - 1] == '!');
}

/* The extension of path (no dot) is one of the engines'? */
static int engine_of(const pv_render *v, const char *path) {
  const char *dot = strrchr(path, '.');
  for (size_t i = 0; dot != NULL && i < v->nexts; i++)
    if (strcmp(dot + 1, v->exts[i]) == 0)
      return 1;
  return 0;
}

/* Is dir i set by the app route (a path) belongs to: the setting's file
 * sits in a directory route is under? */
static int dir_applies(const pv_render *v, size_t i, const char *route) {
  return strncmp(v->dir_file[i], route, v->dir_root[i]) == 0;
}

/* Bytes of directory path a and b share. */
static size_t shared_dirs(const char *a, const char *b) {
  size_t k = 0, n = 0;
  for (; a[k] && a[k] == b[k]; k++)
    n = a[k] == '/' ? k + 1 : n;
  return n;
}

/* The view `name` under directory dir of the app rooted at root[0..rl)
 * ("" and 0: anywhere): of the matching files, the engine's (when known),
 * then the nearest to the route; NULL when none matches. */
static const pv_file *view_in(const pv_render *v, const char *dir, const char *root, size_t rl,
                              const char *name, int has_ext, const char *route) {
  const pv_file *best = NULL;
  int best_engine = 0;
  size_t best_near = 0;
  for (size_t i = 0; i < v->r->files.len; i++) {
    const pv_file *f = pv_result_file(v->r, i);
    if (f->data == NULL || strncmp(f->path, root, rl) != 0 ||
        !is_template(pv_lang_detect(f->path, NULL, 0, NULL)) ||
        !view_matches(f, dir, name, has_ext))
      continue;
    int engine = has_ext || v->nexts == 0 || engine_of(v, f->path);
    size_t near = shared_dirs(f->path, route);
    if (best == NULL || engine > best_engine || (engine == best_engine && near > best_near)) {
      best = f;
      best_engine = engine;
      best_near = near;
    }
  }
  return best;
}

/* The view file `name` names for a render call in file route, or NULL:
 * under the views directories of the route's own app (the nearest
 * setting's first; when its app sets none, every setting's), then
 * views/, then anywhere, the nearest to the route first. */
static const pv_file *find_view(const pv_render *v, const char *name, const char *route) {
  int has_ext = is_template(pv_lang_detect(name, NULL, 0, NULL));
  size_t own = 0, longest = 0;
  for (size_t i = 0; i < v->ndirs; i++)
    if (dir_applies(v, i, route)) {
      own++;
      longest = v->dir_root[i] > longest ? v->dir_root[i] : longest;
    }
  for (size_t pass = 0; pass < 2; pass++) /* own: the nearest app root first */
    for (size_t i = 0; i < v->ndirs && (own > 0 || pass == 0); i++) {
      if (own > 0 && (!dir_applies(v, i, route) || (pass == 0) != (v->dir_root[i] == longest)))
        continue;
      const pv_file *f = view_in(v, v->dirs[i], own ? v->dir_file[i] : "", own ? v->dir_root[i] : 0,
                                 name, has_ext, route);
      if (f != NULL)
        return f;
    }
  const pv_file *f = view_in(v, "views", "", 0, name, has_ext, route);
  return f ? f : view_in(v, "", "", 0, name, has_ext, route);
}

/* ---- The route's side: the render call and its tainted names ----------- */

/* Tainted names, each holding in bytes [from, to) of the view (aliases
 * the view binds: template.h); "*": every name. A clean entry is an alias
 * of an untainted value: in its scope it shadows the tainted names of the
 * same spelling bound before it (the route's locals, outer aliases). */
typedef struct {
  char v[NAMES_MAX][SETTING_MAX];
  uint32_t from[NAMES_MAX], to[NAMES_MAX];
  unsigned char clean[NAMES_MAX];
  size_t n;
} names;

/* Add d[s..e) as a name holding in [from, to). */
static void push_name(names *ns, const unsigned char *d, uint32_t s, uint32_t e, uint32_t from,
                      uint32_t to) {
  if (ns->n == NAMES_MAX || e - s == 0 || e - s >= SETTING_MAX)
    return;
  memcpy(ns->v[ns->n], d + s, e - s);
  ns->v[ns->n][e - s] = '\0';
  ns->from[ns->n] = from;
  ns->clean[ns->n] = 0;
  ns->to[ns->n++] = to;
}

/* Does name i of ns hold at byte at of the view, unshadowed there? */
static int holds_at(const names *ns, size_t i, uint32_t at) {
  if (ns->clean[i] || at < ns->from[i] || at >= ns->to[i])
    return 0;
  for (size_t j = 0; j < ns->n; j++)
    if (ns->clean[j] && ns->from[j] >= ns->from[i] && at >= ns->from[j] && at < ns->to[j] &&
        strcmp(ns->v[j], ns->v[i]) == 0)
      return 0;
  return 1;
}

static int is_type(TSNode n, const char *t) {
  return !ts_node_is_null(n) && strcmp(ts_node_type(n), t) == 0;
}

static void add_name(names *ns, const unsigned char *d, TSNode n) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (is_type(n, "string") && e - s >= 2) {
    s++;
    e--;
  }
  push_name(ns, d, s, e, 0, UINT32_MAX);
}

static void add_clean(names *ns, const unsigned char *d, TSNode n) {
  size_t k = ns->n;
  add_name(ns, d, n);
  if (ns->n > k)
    ns->clean[k] = 1;
}

/* Is output expression d[xs..xe) no more than a clean name shadowing
 * name i (a "*") at byte at? */
static int clean_output(const names *ns, size_t i, const unsigned char *d, uint32_t xs, uint32_t xe,
                        uint32_t at) {
  while (xs < xe && (d[xs] == ' ' || d[xs] == '\t' || d[xs] == '\n'))
    xs++;
  while (xe > xs && (d[xe - 1] == ' ' || d[xe - 1] == '\t' || d[xe - 1] == '\n'))
    xe--;
  for (size_t j = 0; j < ns->n; j++)
    if (ns->clean[j] && ns->from[j] >= ns->from[i] && at >= ns->from[j] && at < ns->to[j] &&
        strlen(ns->v[j]) == xe - xs && memcmp(ns->v[j], d + xs, xe - xs) == 0)
      return 1;
  return 0;
}

/* The path being followed: its steps, and the module analysed (the file
 * of the steps that name none) with its tree. */
typedef struct {
  const pv_taint_step *st;
  uint32_t n;
  const pv_file *home;
  const TSTree *home_tree;
} path;

static const pv_file *step_file(const path *p, uint32_t i) {
  return p->st[i].file != NULL ? p->st[i].file : p->home;
}

/* The largest node spanning exactly [s, e) under root. */
static TSNode node_at(TSNode root, uint32_t s, uint32_t e) {
  TSNode n = ts_node_descendant_for_byte_range(root, s, e);
  while (!ts_node_is_null(ts_node_parent(n)) && ts_node_start_byte(ts_node_parent(n)) == s &&
         ts_node_end_byte(ts_node_parent(n)) == e)
    n = ts_node_parent(n);
  return n;
}

/* Is call (bytes of d) a render call X.render(a0, ...) or X.view(a0,
 * ...)? Its first argument into *a0. */
static int render_callee(const unsigned char *d, TSNode call, TSNode *a0) {
  TSNode fn = ts_node_child_by_field_name(call, "function", 8);
  TSNode args = ts_node_child_by_field_name(call, "arguments", 9);
  if (!is_type(call, "call_expression") || !is_type(fn, "member_expression"))
    return 0;
  TSNode prop = ts_node_child_by_field_name(fn, "property", 8);
  uint32_t ps = ts_node_start_byte(prop), pe = ts_node_end_byte(prop);
  if (!((pe - ps == 6 && memcmp(d + ps, "render", 6) == 0) ||
        (pe - ps == 4 && memcmp(d + ps, "view", 4) == 0)))
    return 0;
  *a0 = ts_node_named_child(args, 0);
  return !ts_node_is_null(*a0);
}

/* The view name string a0 (bytes of d) holds into out; 0 when it is no
 * string. */
static int view_name(const unsigned char *d, TSNode a0, char out[VIEW_NAME_MAX]) {
  if (!is_type(a0, "string") && !is_type(a0, "template_string"))
    return 0;
  uint32_t s = ts_node_start_byte(a0) + 1, e = ts_node_end_byte(a0) - 1;
  if (e <= s || e - s >= VIEW_NAME_MAX || memchr(d + s, '$', e - s) != NULL)
    return 0;
  while (e - s > 1 && (d[s] == '/' || (d[s] == '.' && d[s + 1] == '/')))
    s++;
  memcpy(out, d + s, e - s);
  out[e - s] = '\0';
  return 1;
}

/* Is call a render call naming its view by a string? The name into out. */
static int render_call(const unsigned char *d, TSNode call, char out[VIEW_NAME_MAX]) {
  TSNode a0;
  return render_callee(d, call, &a0) && view_name(d, a0, out);
}

static int is_literal(TSNode n) {
  static const char *const lit[] = {"string", "number", "true", "false", "null", "undefined", NULL};
  for (size_t i = 0; lit[i] != NULL; i++)
    if (is_type(n, lit[i]))
      return 1;
  return is_type(n, "template_string") && ts_node_named_child_count(n) == 0;
}

/* Does a step of the path (in f) lie within node n? */
static int holds_step(TSNode n, const pv_file *f, const path *p) {
  for (uint32_t i = 0; i < p->n; i++)
    if (step_file(p, i) == f && p->st[i].s >= ts_node_start_byte(n) &&
        p->st[i].e <= ts_node_end_byte(n))
      return 1;
  return 0;
}

static int word_byte(unsigned char c) {
  return (unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u || c == '_' || c == '$';
}

/* Is identifier id named, as a word, by a step of the path (in f) outside
 * the object literal obj (`assigned in q = req.query.q` for `{ q }`)? */
static int named_by_step(const pv_file *f, TSNode id, TSNode obj, const path *p) {
  uint32_t is = ts_node_start_byte(id), len = ts_node_end_byte(id) - is;
  uint32_t os = ts_node_start_byte(obj), oe = ts_node_end_byte(obj);
  for (uint32_t i = 0; i < p->n; i++) {
    const pv_taint_step *st = &p->st[i];
    if (step_file(p, i) != f || (st->s < oe && st->e > os))
      continue;
    for (uint32_t j = st->s; j + len <= st->e && j + len <= f->size; j++)
      if (memcmp(f->data + j, f->data + is, len) == 0 && (j == 0 || !word_byte(f->data[j - 1])) &&
          (j + len == f->size || !word_byte(f->data[j + len])))
        return 1;
  }
  return 0;
}

/* Does property p of obj carry the path: its value holds a step, or is a
 * name a step outside obj names; a spread (`...req.query`) holding a step
 * makes every name tainted (key "*"). */
static int carries(const pv_file *f, TSNode obj, TSNode val, const path *p) {
  if (holds_step(val, f, p))
    return 1;
  return (is_type(val, "identifier") || is_type(val, "shorthand_property_identifier")) &&
         named_by_step(f, val, obj, p);
}

/* The tainted names of object literal obj: its properties carrying the
 * path, else those whose value is not a literal. */
static void object_names(const pv_file *f, TSNode obj, const path *p, names *ns) {
  uint32_t c = ts_node_named_child_count(obj);
  for (int pass = 0, star = 0; pass < 2 && ns->n == 0; pass++)
    for (uint32_t i = 0; i < c; i++) {
      TSNode q = ts_node_named_child(obj, i);
      TSNode val = is_type(q, "pair") ? ts_node_child_by_field_name(q, "value", 5) : q;
      TSNode key = is_type(q, "pair") ? ts_node_child_by_field_name(q, "key", 3) : q;
      if (is_type(q, "spread_element") && pass == 0 && holds_step(q, f, p)) {
        push_name(ns, (const unsigned char *)"*", 0, 1, 0, UINT32_MAX);
        star = 1;
      }
      if (!is_type(q, "pair") && !is_type(q, "shorthand_property_identifier"))
        continue;
      if (pass == 0 ? carries(f, obj, val, p) : !is_literal(val))
        add_name(ns, f->data, key);
      else if (star && is_literal(val)) /* { ...req.query, d: 'x' }: d is not the request's */
        add_clean(ns, f->data, key);
    }
}

/* The object literal variable `id` (in f) is declared with, in a
 * declarator a step of the path lies in; a null node when none. */
static TSNode declared_object(const pv_file *f, TSNode id, const path *p) {
  TSNode root = ts_tree_root_node(id.tree);
  uint32_t is = ts_node_start_byte(id), ie = ts_node_end_byte(id);
  for (uint32_t i = 0; i < p->n; i++) {
    if (step_file(p, i) != f)
      continue;
    TSNode d = ts_node_descendant_for_byte_range(root, p->st[i].s, p->st[i].e);
    while (!ts_node_is_null(d) && !is_type(d, "variable_declarator"))
      d = ts_node_parent(d);
    if (ts_node_is_null(d)) /* the step is in no declarator */
      continue;
    TSNode nm = ts_node_child_by_field_name(d, "name", 4);
    TSNode val = ts_node_child_by_field_name(d, "value", 5);
    uint32_t ns = ts_node_start_byte(nm), ne = ts_node_end_byte(nm);
    if (is_type(val, "object") && ne - ns == ie - is &&
        memcmp(f->data + ns, f->data + is, ie - is) == 0)
      return val;
  }
  return (TSNode){0};
}

/* The first render call at or after byte `from` inside node scope. */
static TSNode render_in(const unsigned char *d, TSNode scope, uint32_t from,
                        char out[VIEW_NAME_MAX]) {
  TSTreeCursor c = ts_tree_cursor_new(scope);
  TSNode found = {0};
  for (int more = 1; more && ts_node_is_null(found);) {
    TSNode n = ts_tree_cursor_current_node(&c);
    if (ts_node_start_byte(n) >= from && render_call(d, n, out)) {
      found = n;
      break;
    }
    if (ts_node_end_byte(n) > from && ts_tree_cursor_goto_first_child(&c))
      continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) {
        more = 0;
        break;
      }
  }
  ts_tree_cursor_delete(&c);
  return found;
}

/* For `X.locals.K = v` or `ctx.state.K = v` (n: v): K into ns and the
 * render call after it in its function; a null node when not that. */
static TSNode locals_assign(const pv_file *f, TSNode n, names *ns, char view[VIEW_NAME_MAX]) {
  TSNode as = ts_node_parent(n), left = ts_node_child_by_field_name(as, "left", 4);
  if (!is_type(as, "assignment_expression") || !is_type(left, "member_expression"))
    return (TSNode){0};
  TSNode obj = ts_node_child_by_field_name(left, "object", 6);
  TSNode oprop = ts_node_child_by_field_name(obj, "property", 8);
  uint32_t s = ts_node_start_byte(oprop), e = ts_node_end_byte(oprop);
  if (!is_type(obj, "member_expression") ||
      !((e - s == 6 && memcmp(f->data + s, "locals", 6) == 0) ||
        (e - s == 5 && memcmp(f->data + s, "state", 5) == 0)))
    return (TSNode){0};
  add_name(ns, f->data, ts_node_child_by_field_name(left, "property", 8));
  TSNode scope = as;
  while (!ts_node_is_null(ts_node_parent(scope)) && !is_type(scope, "statement_block"))
    scope = ts_node_parent(scope);
  return render_in(f->data, scope, ts_node_end_byte(as), view);
}

/* ---- A render call in a helper: the caller's arguments ------------------ */

static int same_text(const unsigned char *d, TSNode a, TSNode b) {
  uint32_t as = ts_node_start_byte(a), bs = ts_node_start_byte(b);
  uint32_t n = ts_node_end_byte(a) - as;
  return n == ts_node_end_byte(b) - bs && memcmp(d + as, d + bs, n) == 0;
}

static int is_function(TSNode n) {
  static const char *const fns[] = {"function_declaration",
                                    "function_expression",
                                    "function",
                                    "arrow_function",
                                    "method_definition",
                                    "generator_function_declaration",
                                    NULL};
  for (size_t i = 0; fns[i] != NULL; i++)
    if (is_type(n, fns[i]))
      return 1;
  return 0;
}

/* The parameter's name node of formal parameter q (TS wraps it, a default
 * value follows it). */
static TSNode param_name(TSNode q) {
  if (is_type(q, "required_parameter") || is_type(q, "optional_parameter"))
    q = ts_node_child_by_field_name(q, "pattern", 7);
  if (is_type(q, "assignment_pattern"))
    q = ts_node_child_by_field_name(q, "left", 4);
  return q;
}

/* The index of identifier id (bytes of d) among the parameters of the
 * function around it; -1 when it is none of them. */
static int param_index(const unsigned char *d, TSNode id) {
  if (!is_type(id, "identifier"))
    return -1;
  TSNode fn = ts_node_parent(id);
  while (!ts_node_is_null(fn) && !is_function(fn))
    fn = ts_node_parent(fn);
  TSNode ps = ts_node_child_by_field_name(fn, "parameters", 10);
  if (ts_node_is_null(ps)) /* x => ... */
    return is_type(ts_node_child_by_field_name(fn, "parameter", 9), "identifier") &&
                   same_text(d, ts_node_child_by_field_name(fn, "parameter", 9), id)
               ? 0
               : -1;
  for (uint32_t i = 0, c = ts_node_named_child_count(ps); i < c; i++) {
    TSNode q = param_name(ts_node_named_child(ps, i));
    if (is_type(q, "identifier") && same_text(d, q, id))
      return (int)i;
  }
  return -1;
}

/* The arguments of the call that passed the path into module f (a
 * route's `helper(res, 'view', { q: req.query.q })`): the last step
 * outside f, when it is an argument of a call; its file into *cf. A null
 * node when there is none. */
static TSNode call_site(pv_render *v, const path *p, const pv_file *f, const TSTree *keep,
                        const pv_file **cf) {
  uint32_t i = p->n;
  while (i > 0 && step_file(p, i - 1) == f)
    i--;
  if (i == 0)
    return (TSNode){0};
  const pv_file *sf = step_file(p, i - 1);
  const TSTree *t = sf == p->home ? p->home_tree : tree_of(v, sf, keep);
  if (t == NULL)
    return (TSNode){0};
  TSNode args = ts_node_parent(node_at(ts_tree_root_node(t), p->st[i - 1].s, p->st[i - 1].e));
  if (!is_type(args, "arguments") || !is_type(ts_node_parent(args), "call_expression"))
    return (TSNode){0};
  *cf = sf;
  return args;
}

/* The argument of call arguments args for parameter id of the function
 * around it (bytes of d); a null node when id is no parameter. */
static TSNode arg_for(const unsigned char *d, TSNode id, TSNode args) {
  int k = ts_node_is_null(args) ? -1 : param_index(d, id);
  return k < 0 ? (TSNode){0} : ts_node_named_child(args, (uint32_t)k);
}

/* A sink at one property's value of a locals object literal (each
 * property is a sink of its own: every tainted local gets its path) is
 * read as the object, whose properties holding that path are the names. */
static TSNode locals_of_property(TSNode n) {
  TSNode up = ts_node_parent(n);
  if (is_type(up, "pair"))
    up = ts_node_parent(up);
  return is_type(up, "object") && is_type(ts_node_parent(up), "arguments") ? up : n;
}

/* The render call of sink node n (in f) and its tainted names; null when
 * n is not the locals of a render call. A view name or locals that are
 * parameters of the function around the call are read from the
 * arguments of the call that passed the path in. */
static TSNode route_side(pv_render *v, const path *p, const pv_file *f, TSNode n, names *ns,
                         char view[VIEW_NAME_MAX]) {
  n = locals_of_property(n);
  TSNode args = ts_node_parent(n), call = ts_node_parent(args), a0, cargs = {0};
  if (!is_type(args, "arguments") || !render_callee(f->data, call, &a0))
    return locals_assign(f, n, ns, view);
  const pv_file *cf = f;
  int named = view_name(f->data, a0, view);
  if (!named || param_index(f->data, n) >= 0)
    cargs = call_site(v, p, f, n.tree, &cf);
  if (!named && !view_name(cf->data, arg_for(f->data, a0, cargs), view))
    return (TSNode){0};
  TSNode la = arg_for(f->data, n, cargs);
  const pv_file *lf = ts_node_is_null(la) ? f : cf;
  n = ts_node_is_null(la) ? n : la;
  TSNode obj = is_type(n, "object") ? n : declared_object(lf, n, p);
  if (!ts_node_is_null(obj))
    object_names(lf, obj, p, ns);
  else
    push_name(ns, (const unsigned char *)"*", 0, 1, 0, UINT32_MAX);
  return call;
}

/* ---- Following ---------------------------------------------------------- */

typedef struct {
  const names *ns; /* the route's */
  names *own;      /* with the aliases of the view in the language read */
  const pv_file *view;
  const pv_file *route; /* the render call's file */
  TSNode call;
  pv_render_fn fn;
  void *ctx;
  int rc; /* fn's non-zero return */
} out_ctx;

static int on_out(void *ctx, const pv_tpl_out *o) {
  out_ctx *c = ctx;
  const pv_file *v = c->view;
  for (size_t i = 0; i < c->ns->n; i++) {
    const char *nm = c->ns->v[i];
    if (!holds_at(c->ns, i, o->s) ||
        (strcmp(nm, "*") != 0 && !pv_tpl_reads(v->data, o->xs, o->xe, nm, strlen(nm))) ||
        (strcmp(nm, "*") == 0 && clean_output(c->ns, i, v->data, o->xs, o->xe, o->s)))
      continue;
    pv_render_hit h = {v, *o, c->route, ts_node_start_byte(c->call), ts_node_end_byte(c->call), nm};
    c->rc = c->fn(c->ctx, &h);
    return c->rc;
  }
  return 0;
}

/* An alias the view binds: tainted when its expression reads a tainted
 * name holding there (an empty name, a block's context: "*" there); else
 * a clean entry shadowing its name in its scope. */
static int on_alias(void *ctx, const pv_tpl_alias *a) {
  out_ctx *c = ctx;
  names *ns = c->own;
  const unsigned char *d = c->view->data;
  for (size_t i = 0; i < ns->n; i++) {
    const char *nm = ns->v[i];
    if (!holds_at(ns, i, a->xs) ||
        (strcmp(nm, "*") != 0 && !pv_tpl_reads(d, a->xs, a->xe, nm, strlen(nm))))
      continue;
    if (a->ne > a->ns)
      push_name(ns, d, a->ns, a->ne, a->from, a->to);
    else
      push_name(ns, (const unsigned char *)"*", 0, 1, a->from, a->to);
    return 0;
  }
  size_t k = ns->n;
  if (a->ne > a->ns) /* untainted: it shadows the name in its scope */
    push_name(ns, d, a->ns, a->ne, a->from, a->to);
  if (ns->n > k)
    ns->clean[k] = 1;
  return 0;
}

/* The unescaped outputs of view vf to on_out. An .html view is rendered
 * by whichever engine the app maps to html (app.engine('html', ...)): its
 * EJS, Handlebars and Nunjucks (swig alike) outputs are all read. */
static int read_view(const pv_file *vf, out_ctx *oc) {
  static const pv_lang html_as[] = {PV_LANG_EJS, PV_LANG_HBS, PV_LANG_NJK};
  pv_lang l = pv_lang_detect(vf->path, vf->data, vf->size, NULL);
  size_t n = l == PV_LANG_HTML ? sizeof html_as / sizeof html_as[0] : 1;
  const names *route = oc->ns;
  names own;
  int cut = 0;
  for (size_t i = 0; i < n && oc->rc == 0; i++) {
    pv_lang li = n > 1 ? html_as[i] : l;
    own = *route;
    oc->own = &own;
    cut |= pv_tpl_aliases(vf->data, vf->size, li, PV_RENDER_ALIASES_MAX, on_alias, oc) ==
           PV_RENDER_ALIASES_MAX;
    oc->ns = &own;
    long got = pv_tpl_unescaped(vf->data, vf->size, li, PV_RENDER_OUTS_MAX, on_out, oc);
    oc->ns = route;
    cut |= got == PV_RENDER_OUTS_MAX;
  }
  return oc->rc == 0 && cut ? PV_RENDER_CUT : oc->rc;
}

int pv_render_follow(pv_render *v, const pv_file *home, const TSTree *home_tree, const pv_file *f,
                     uint32_t s, uint32_t e, const pv_taint_step *steps, uint32_t n,
                     pv_render_fn fn, void *ctx) {
  if (v->follows == PV_RENDER_FOLLOW_MAX)
    return PV_RENDER_CUT;
  const TSTree *tree = f == home ? home_tree : tree_of(v, f, home_tree);
  if (tree == NULL)
    return 0;
  v->follows++;
  if (!v->read)
    read_settings(v);
  path p = {steps, n, home, home_tree};
  names ns = {0};
  char view[VIEW_NAME_MAX];
  TSNode call = route_side(v, &p, f, node_at(ts_tree_root_node(tree), s, e), &ns, view);
  const pv_file *vf = ts_node_is_null(call) || ns.n == 0 ? NULL : find_view(v, view, f->path);
  if (vf == NULL)
    return 0;
  out_ctx oc = {&ns, NULL, vf, f, call, fn, ctx, 0};
  return read_view(vf, &oc);
}
