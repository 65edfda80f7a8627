/* rules.c — load Semgrep-shaped YAML rule files and compile their matchers
 * (see rules.h). The YAML is read with libyaml's event parser into a small
 * in-memory tree (depth and size capped, aliases refused), then checked key
 * by key so every error names file, line, rule and key. */
#include "rules_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "../parse.h"
#include "formula.h"
#include "taint_spec.h"
#include "trees.h"

enum {
  YAML_MAX_NODES = 1000000, /* nodes in one rule file */
  DIR_MAX_DEPTH = 16,       /* directory levels under a rule path */
  DIR_MAX_FILES = 100000,   /* rule files under one path */
  ID_MAX = 128,
};

/* ---- A tiny YAML tree ------------------------------------------------- */

/* pv_yaml_type and pv_yaml_node are in rules_impl.h (taint_spec.c reads them too). */

typedef struct {
  const char *file;
  pv_arena *tmp;
  pv_error *err;
  size_t nodes;
  uint32_t max_depth; /* nesting of YAML containers (pv_limits.yaml_depth) */
} yctx;

static pv_status oom(pv_error *err) {
  return pv_error_set(err, PV_FATAL, "out of memory");
}

static pv_status kid_push(yctx *c, pv_yaml_node *parent, pv_yaml_node *kid) {
  if (parent->n == parent->cap) {
    size_t cap = parent->cap ? parent->cap * 2 : 8;
    pv_yaml_node **k = pv_arena_alloc(c->tmp, cap * sizeof *k);
    if (k == NULL)
      return oom(c->err);
    if (parent->n)
      memcpy(k, parent->kids, parent->n * sizeof *k);
    parent->kids = k;
    parent->cap = cap;
  }
  parent->kids[parent->n++] = kid;
  return PV_OK;
}

static pv_yaml_node *node_new(yctx *c, pv_yaml_type t, const yaml_mark_t *mark) {
  if (++c->nodes > YAML_MAX_NODES) {
    pv_error_set(c->err, PV_FAILED, "%s:%zu: too many YAML nodes", c->file, mark->line + 1);
    return NULL;
  }
  pv_yaml_node *n = pv_arena_alloc(c->tmp, sizeof *n);
  if (n == NULL) {
    oom(c->err);
    return NULL;
  }
  n->t = t;
  n->line = (uint32_t)mark->line + 1;
  return n;
}

typedef struct {
  pv_yaml_node **stack; /* the open containers: max_depth of them at most */
  uint32_t depth;
  pv_yaml_node *root;
  int docs;
} ybuild;

/* Attach a new node to the open container (or make it the root). */
static pv_status attach(yctx *c, ybuild *b, pv_yaml_node *n) {
  if (b->depth == 0) {
    if (b->root != NULL)
      return pv_error_set(c->err, PV_FAILED, "%s:%u: only one YAML document per rule file", c->file,
                          n->line);
    b->root = n;
    return PV_OK;
  }
  return kid_push(c, b->stack[b->depth - 1], n);
}

static pv_status on_scalar(yctx *c, ybuild *b, const yaml_event_t *ev) {
  pv_yaml_node *n = node_new(c, PV_YAML_SCALAR, &ev->start_mark);
  if (n == NULL)
    return c->err->code;
  size_t len = ev->data.scalar.length;
  if (memchr(ev->data.scalar.value, '\0', len) != NULL)
    return pv_error_set(c->err, PV_FAILED, "%s:%u: string contains a NUL byte", c->file, n->line);
  if ((n->s = pv_arena_strndup(c->tmp, (const char *)ev->data.scalar.value, len)) == NULL)
    return oom(c->err);
  n->len = len;
  return attach(c, b, n);
}

static pv_status on_open(yctx *c, ybuild *b, const yaml_event_t *ev, pv_yaml_type t) {
  if (b->depth >= c->max_depth)
    return pv_error_set(c->err, PV_FAILED, "%s:%zu: YAML nested deeper than %u levels", c->file,
                        ev->start_mark.line + 1, (unsigned)c->max_depth);
  pv_yaml_node *n = node_new(c, t, &ev->start_mark);
  if (n == NULL)
    return c->err->code;
  pv_status rc = attach(c, b, n);
  if (rc == PV_OK)
    b->stack[b->depth++] = n;
  return rc;
}

/* One event into the tree; *done set at the end of the stream. */
static pv_status on_event(yctx *c, ybuild *b, const yaml_event_t *ev, int *done) {
  switch (ev->type) {
    case YAML_SCALAR_EVENT:
      return on_scalar(c, b, ev);
    case YAML_SEQUENCE_START_EVENT:
      return on_open(c, b, ev, PV_YAML_SEQ);
    case YAML_MAPPING_START_EVENT:
      return on_open(c, b, ev, PV_YAML_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      if (b->depth > 0)
        b->depth--;
      return PV_OK;
    case YAML_ALIAS_EVENT:
      return pv_error_set(c->err, PV_FAILED,
                          "%s:%zu: YAML aliases (*%s) are not supported in rule files", c->file,
                          ev->start_mark.line + 1, (const char *)ev->data.alias.anchor);
    case YAML_STREAM_END_EVENT:
      *done = 1;
      return PV_OK;
    default:
      return PV_OK;
  }
}

/* Parse bytes into a tree; *root may be NULL for an empty file. */
static pv_status yaml_tree(yctx *c, const unsigned char *data, size_t n, pv_yaml_node **root) {
  yaml_parser_t p;
  ybuild b = {.depth = 0};
  pv_status rc = PV_OK;
  b.stack = pv_arena_alloc(c->tmp, ((size_t)c->max_depth + 1) * sizeof *b.stack);
  if (b.stack == NULL)
    return oom(c->err);
  if (!yaml_parser_initialize(&p))
    return oom(c->err);
  yaml_parser_set_input_string(&p, data, n);
  for (int done = 0; !done && rc == PV_OK;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&p, &ev)) {
      rc = pv_error_set(c->err, PV_FAILED, "%s:%zu: YAML syntax error: %s%s%s", c->file,
                        p.problem_mark.line + 1, p.problem ? p.problem : "unknown",
                        p.context ? " " : "", p.context ? p.context : "");
      break;
    }
    rc = on_event(c, &b, &ev, &done);
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&p);
  *root = b.root;
  return rc;
}

/* ---- Reading files ---------------------------------------------------- */

static pv_status read_capped(const char *path, size_t cap, unsigned char **out, size_t *n,
                             pv_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return pv_error_set(err, PV_FAILED, "%s: %s", path, strerror(errno));
  struct stat st;
  pv_status rc = PV_FAILED;
  unsigned char *buf = NULL;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    pv_error_set(err, PV_FAILED, "%s: not a regular file", path);
    goto out;
  }
  if ((uint64_t)st.st_size > cap) {
    pv_error_set(err, PV_FAILED, "%s: %lld bytes is over the rule file limit of %zu", path,
                 (long long)st.st_size, cap);
    goto out;
  }
  if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
    rc = oom(err);
    goto out;
  }
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      break;
    got += (size_t)k;
  }
  buf[got] = '\0';
  *out = buf;
  *n = got;
  buf = NULL;
  rc = PV_OK;
out:
  free(buf);
  close(fd);
  return rc;
}

/* ---- Rule checking ---------------------------------------------------- */

typedef struct pv_rctx {
  pv_ruleset *rs;
  const char *file; /* in rs->arena */
  pv_error *err;
  yctx *yc;                     /* the file's YAML (to read the builtin source sets) */
  const pv_yaml_node *sets;     /* the file's `source-sets:` mapping, or NULL */
  const pv_yaml_node *builtins; /* the builtin source sets, once read */
  const char *id;               /* current rule id, or NULL */
  size_t index;                 /* current rule's position in the file */
  uint32_t line;
  const pv_limits *lim;
  pv_compat_fn compat; /* rules compat: each rule alone, reported here (NULL: load) */
  void *compat_ctx;
  const char *note;     /* rules compat: what the current rule loads without (static) */
  uint32_t gspan;       /* the current rule's generic_ellipsis_max_span */
  int generic;          /* compiling a metavariable-pattern's `language: generic` operand */
  pv_gcomment gcomment; /* its generic_comment_style */
} rctx;

/* "file:line: rule 'id': " prefix for an error. */
static pv_status rule_err(rctx *c, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static pv_status rule_err(rctx *c, uint32_t line, const char *fmt, ...) {
  char what[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  if (c->id != NULL)
    return pv_error_set(c->err, PV_FAILED, "%s:%u: rule '%s': %s", c->file, line, c->id, what);
  return pv_error_set(c->err, PV_FAILED, "%s:%u: rule #%zu: %s", c->file, line, c->index + 1, what);
}

static pv_yaml_node *map_get(const pv_yaml_node *m, const char *key) {
  for (size_t i = 0; i + 1 < m->n; i += 2)
    if (m->kids[i]->t == PV_YAML_SCALAR && strcmp(m->kids[i]->s, key) == 0)
      return m->kids[i + 1];
  return NULL;
}

static pv_status want_string(rctx *c, const pv_yaml_node *v, const char *key, const char **out) {
  if (v->t != PV_YAML_SCALAR)
    return rule_err(c, v->line, "key '%s' must be a string", key);
  if (v->len == 0)
    return rule_err(c, v->line, "key '%s' must not be empty", key);
  if ((*out = pv_arena_strndup(c->rs->arena, v->s, v->len)) == NULL)
    return oom(c->err);
  return PV_OK;
}

/* A string or a list of strings, as a NULL-terminated array. */
static pv_status want_strings(rctx *c, const pv_yaml_node *v, const char *key,
                              const char *const **out) {
  size_t n = v->t == PV_YAML_SEQ ? v->n : 1;
  const char **a = pv_arena_alloc(c->rs->arena, (n + 1) * sizeof *a);
  if (a == NULL)
    return oom(c->err);
  if (v->t == PV_YAML_MAP)
    return rule_err(c, v->line, "key '%s' must be a string or a list", key);
  for (size_t i = 0; i < n; i++) {
    const pv_yaml_node *s = v->t == PV_YAML_SEQ ? v->kids[i] : v;
    pv_status rc = want_string(c, s, key, &a[i]);
    if (rc != PV_OK)
      return rc;
  }
  *out = a;
  return PV_OK;
}

static int one_of(const char *s, const char *const *words) {
  for (size_t i = 0; words[i] != NULL; i++)
    if (strcmp(s, words[i]) == 0)
      return 1;
  return 0;
}

/* One name of metadata.secret: "$NAME" or "@NAME" becomes "NAME". */
static pv_status secret_name(rctx *c, const pv_yaml_node *v, const char **out) {
  const char *s = v->t == PV_YAML_SCALAR ? v->s : "";
  size_t n =
      strspn(s + (s[0] != '\0'), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
  if ((s[0] != '$' && s[0] != '@') || n == 0 || s[1 + n] != '\0')
    return rule_err(c, v->line,
                    "key 'metadata.secret': '%s' is not true, false or a $NAME of the match", s);
  if ((*out = pv_arena_strndup(c->rs->arena, s + 1, n)) == NULL)
    return oom(c->err);
  return PV_OK;
}

/* metadata.secret: true (the whole match is a secret: {""}), false (none:
 * NULL), or "$NAME" / "@NAME" or a list of them (the metavariables, groups
 * or captures that may hold it, the first bound one counts: {"NAME",...}). */
static pv_status check_secret(rctx *c, const pv_yaml_node *v, const char *const **out) {
  static const char *const whole[] = {"", NULL};
  size_t n = v->t == PV_YAML_SEQ ? v->n : 1;
  *out = NULL;
  if (v->t == PV_YAML_SCALAR && strcmp(v->s, "true") == 0) {
    *out = whole;
    return PV_OK;
  }
  if (v->t == PV_YAML_SCALAR && strcmp(v->s, "false") == 0)
    return PV_OK;
  const char **names = pv_arena_alloc(c->rs->arena, (n + 1) * sizeof *names);
  if (names == NULL)
    return oom(c->err);
  for (size_t i = 0; i < n; i++) {
    pv_status rc = secret_name(c, v->t == PV_YAML_SEQ ? v->kids[i] : v, &names[i]);
    if (rc != PV_OK)
      return rc;
  }
  names[n] = NULL;
  *out = names;
  return PV_OK;
}

/* metadata.security-severity: a number from 0.1 to 10.0 (as GitHub reads it). */
static pv_status want_score(rctx *c, const pv_yaml_node *v, double *out) {
  char *end = NULL;
  double d = v->t == PV_YAML_SCALAR ? strtod(v->s, &end) : 0;
  if (end == NULL || end == v->s || *end != '\0' || !(d >= 0.1 && d <= 10.0))
    return rule_err(c, v->line,
                    "key 'metadata.security-severity' must be a number from 0.1 to 10.0");
  *out = d;
  return PV_OK;
}

static pv_status check_metadata(rctx *c, const pv_yaml_node *m, pv_rule_meta *meta) {
  static const char *const conf[] = {"high", "medium", "low", NULL};
  static const char *const caps[] = {"net",  "fs-read", "fs-write", "exec", "env",
                                     "eval", "native",  "crypto",   NULL};
  if (m->t != PV_YAML_MAP)
    return rule_err(c, m->line, "key 'metadata' must be a mapping");
  for (size_t i = 0; i + 1 < m->n; i += 2) {
    const pv_yaml_node *k = m->kids[i], *v = m->kids[i + 1];
    const char *key = k->t == PV_YAML_SCALAR ? k->s : "";
    pv_status rc = PV_OK;
    if (strcmp(key, "cwe") == 0)
      rc = want_strings(c, v, "metadata.cwe", &meta->cwe);
    else if (strcmp(key, "owasp") == 0)
      rc = want_strings(c, v, "metadata.owasp", &meta->owasp);
    else if (strcmp(key, "references") == 0)
      rc = want_strings(c, v, "metadata.references", &meta->references);
    else if (strcmp(key, "category") == 0)
      rc = want_string(c, v, "metadata.category", &meta->category);
    else if (strcmp(key, "confidence") == 0) {
      if ((rc = want_string(c, v, "metadata.confidence", &meta->confidence)) == PV_OK) {
        char *lc = (char *)meta->confidence;
        for (char *p = lc; *p; p++)
          *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        if (!one_of(lc, conf))
          rc = rule_err(c, v->line, "key 'metadata.confidence': '%s' is not high, medium or low",
                        lc);
      }
    } else if (strcmp(key, "secret") == 0) {
      rc = check_secret(c, v, &meta->secret);
    } else if (strcmp(key, "precision") == 0) {
      static const char *const prec[] = {"very-high", "high", "medium", "low", NULL};
      if ((rc = want_string(c, v, "metadata.precision", &meta->precision)) == PV_OK &&
          !one_of(meta->precision, prec))
        rc = rule_err(c, v->line,
                      "key 'metadata.precision': '%s' is not very-high, high, medium or low",
                      meta->precision);
    } else if (strcmp(key, "security-severity") == 0) {
      rc = want_score(c, v, &meta->security_score);
    } else if (strcmp(key, "malware") == 0) {
      if ((rc = want_string(c, v, "metadata.malware", &meta->malware)) == PV_OK &&
          pv_malware_group(meta->malware) < 0)
        rc = rule_err(c, v->line,
                      "key 'metadata.malware': '%s' is not one of install, network, credentials, "
                      "obfuscation, persistence, payload, metadata",
                      meta->malware);
    } else if (strcmp(key, "when") == 0) {
      const char *when = NULL;
      if ((rc = want_string(c, v, "metadata.when", &when)) == PV_OK && strcmp(when, "install") != 0)
        rc = rule_err(c, v->line, "key 'metadata.when': '%s' is not install", when);
      meta->install_time = rc == PV_OK;
    } else if (strcmp(key, "capability") == 0) {
      if ((rc = want_string(c, v, "metadata.capability", &meta->capability)) == PV_OK &&
          !one_of(meta->capability, caps))
        rc = rule_err(c, v->line,
                      "key 'metadata.capability': '%s' is not one of net, fs-read, fs-write, "
                      "exec, env, eval, native, crypto",
                      meta->capability);
    }
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}

/* A language name's bits (Semgrep's names and ours), or 0 when unknown. */
static unsigned lang_bits(const char *name) {
  static const struct {
    const char *name;
    unsigned bits;
  } names[] = {
      {"javascript", PV_LANG_BIT(PV_LANG_JS)},
      {"js", PV_LANG_BIT(PV_LANG_JS)},
      {"typescript", PV_LANG_BIT(PV_LANG_TS) | PV_LANG_BIT(PV_LANG_TSX)},
      {"ts", PV_LANG_BIT(PV_LANG_TS) | PV_LANG_BIT(PV_LANG_TSX)},
      {"tsx", PV_LANG_BIT(PV_LANG_TSX)},
      {"json", PV_LANG_BIT(PV_LANG_JSON)},
      {"html", PV_LANG_BIT(PV_LANG_HTML)},
      {"ejs", PV_LANG_BIT(PV_LANG_EJS)},
      {"vue", PV_LANG_BIT(PV_LANG_VUE)},
      {"svelte", PV_LANG_BIT(PV_LANG_SVELTE)},
      {"handlebars", PV_LANG_BIT(PV_LANG_HBS)},
      {"hbs", PV_LANG_BIT(PV_LANG_HBS)},
      {"mustache", PV_LANG_BIT(PV_LANG_HBS)},
      {"pug", PV_LANG_BIT(PV_LANG_PUG)},
      {"jade", PV_LANG_BIT(PV_LANG_PUG)},
      {"nunjucks", PV_LANG_BIT(PV_LANG_NJK)},
      {"njk", PV_LANG_BIT(PV_LANG_NJK)},
      {"generic", PV_LANG_BIT(PV_LANG_NONE)},
      {"regex", PV_LANG_BIT(PV_LANG_NONE)},
  };
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
    if (strcasecmp(name, names[k].name) == 0)
      return names[k].bits;
  return 0;
}

static pv_status check_languages(rctx *c, const pv_yaml_node *v, unsigned *langs) {
  if (v->t != PV_YAML_SEQ || v->n == 0)
    return rule_err(c, v->line, "key 'languages' must be a non-empty list");
  for (size_t i = 0; i < v->n; i++) {
    const pv_yaml_node *s = v->kids[i];
    if (s->t != PV_YAML_SCALAR)
      return rule_err(c, s->line, "key 'languages' must list strings");
    unsigned bits = lang_bits(s->s);
    if (bits == 0)
      return rule_err(c, s->line,
                      "key 'languages': unknown language '%s' (javascript, typescript, tsx, "
                      "json, html, ejs, vue, svelte, handlebars, pug, nunjucks, generic)",
                      s->s);
    *langs |= bits;
  }
  return PV_OK;
}

/* "javascript,typescript" from the language bits (typescript covers tsx). */
static const char *langs_text(pv_arena *a, unsigned bits) {
  char buf[128] = "";
  size_t used = 0;
  static const struct {
    unsigned bit;
    const char *name;
  } order[] = {{PV_LANG_BIT(PV_LANG_JS), "javascript"},  {PV_LANG_BIT(PV_LANG_TS), "typescript"},
               {PV_LANG_BIT(PV_LANG_TSX), "tsx"},        {PV_LANG_BIT(PV_LANG_JSON), "json"},
               {PV_LANG_BIT(PV_LANG_HTML), "html"},      {PV_LANG_BIT(PV_LANG_EJS), "ejs"},
               {PV_LANG_BIT(PV_LANG_VUE), "vue"},        {PV_LANG_BIT(PV_LANG_SVELTE), "svelte"},
               {PV_LANG_BIT(PV_LANG_HBS), "handlebars"}, {PV_LANG_BIT(PV_LANG_PUG), "pug"},
               {PV_LANG_BIT(PV_LANG_NJK), "nunjucks"},   {PV_LANG_BIT(PV_LANG_NONE), "generic"}};
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    if (!(bits & order[i].bit))
      continue;
    if (order[i].bit == PV_LANG_BIT(PV_LANG_TSX) && (bits & PV_LANG_BIT(PV_LANG_TS)))
      continue;
    used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", used ? "," : "", order[i].name);
  }
  return pv_arena_strdup(a, buf);
}

static int valid_id(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > ID_MAX)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             (i > 0 && (ch == '.' || ch == '-' || ch == '_'));
    if (!ok)
      return 0;
  }
  return 1;
}

/* ---- Semgrep operators (pattern rules) -------------------------------- */

enum { FORMULA_MAX_DEPTH = 16 };

typedef enum { AT_TOP, AT_AND, AT_OR } fplace;

static pv_status formula(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *k,
                         const pv_yaml_node *v, fplace at, int depth, pv_formula **out);

static pv_formula *f_new(rctx *c, pv_fkind kind, uint32_t line) {
  pv_formula *f = pv_arena_alloc(c->rs->arena, sizeof *f);
  if (f == NULL)
    return NULL;
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->line = line;
  for (int l = 0; l < PV_LANG_COUNT; l++)
    f->pat[l] = UINT32_MAX;
  return f;
}

/* JIT-compile re unless the set says not to (pv_ruleset_set_jit); a
 * failed JIT leaves the interpreter, which works as well. */
static void jit(const pv_ruleset *rs, pcre2_code *re) {
  if (!rs->no_jit)
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
}

static pv_status push_re(rctx *c, pcre2_code *re) {
  pv_ruleset *rs = c->rs;
  if (rs->nres == rs->capres) {
    size_t cap = rs->capres ? rs->capres * 2 : 16;
    pcre2_code **a = realloc(rs->res, cap * sizeof *a);
    if (a == NULL) {
      pcre2_code_free(re);
      return oom(c->err);
    }
    rs->res = a;
    rs->capres = cap;
  }
  rs->res[rs->nres++] = re;
  return PV_OK;
}

static pv_status f_regex(rctx *c, const char *key, const pv_yaml_node *v, uint32_t flags,
                         pv_formula *f) {
  int code;
  PCRE2_SIZE off;
  pcre2_code **out = &f->re;
  if (v->t != PV_YAML_SCALAR || v->len == 0)
    return rule_err(c, v->line, "key '%s' must be a non-empty string", key);
  if ((f->re_src = pv_arena_strndup(c->rs->arena, v->s, v->len)) == NULL)
    return oom(c->err);
  *out = pcre2_compile((PCRE2_SPTR)v->s, v->len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | flags, &code,
                       &off, NULL);
  if (*out == NULL) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    return rule_err(c, v->line, "key '%s': %s at offset %zu", key, (const char *)msg, (size_t)off);
  }
  jit(c->rs, *out);
  return push_re(c, *out);
}

static uint32_t src_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The slot of language l's table where source s (n bytes) is, or the free
 * slot where it goes. */
static uint32_t *pat_slot(const pv_ruleset *rs, pv_lang l, const char *s, size_t n) {
  uint32_t mask = rs->nslot[l] - 1;
  for (uint32_t i = src_hash(s, n) & mask;; i = (i + 1) & mask) {
    uint32_t id = rs->pslot[l][i];
    if (id == 0 || (rs->psrclen[l][id - 1] == n && memcmp(rs->psrc[l][id - 1], s, n) == 0))
      return &rs->pslot[l][i];
  }
}

/* Language l's sources indexed again in a table of at least twice the
 * patterns (and one more), so that shared_pat finds them at once. -1 on OOM. */
static int pat_rehash(pv_ruleset *rs, pv_lang l) {
  uint32_t n = 64;
  while (n < 2 * (rs->npats[l] + 1))
    n *= 2;
  if (n <= rs->nslot[l])
    return 0;
  uint32_t *t = calloc(n, sizeof *t);
  if (t == NULL)
    return -1;
  free(rs->pslot[l]);
  rs->pslot[l] = t;
  rs->nslot[l] = n;
  for (uint32_t id = 0; id < rs->npats[l]; id++)
    *pat_slot(rs, l, rs->psrc[l][id], rs->psrclen[l][id]) = id + 1;
  return 0;
}

static pv_status push_pat(rctx *c, pv_lang l, pv_pattern *p, const pv_yaml_node *v, uint32_t *id) {
  pv_ruleset *rs = c->rs;
  if (rs->npats[l] == rs->cappats[l]) {
    uint32_t cap = rs->cappats[l] ? rs->cappats[l] * 2 : 64;
    pv_pattern **a = realloc(rs->pats[l], cap * sizeof *a);
    if (a)
      rs->pats[l] = a;
    const char **src = realloc(rs->psrc[l], cap * sizeof *src);
    if (src)
      rs->psrc[l] = src;
    uint32_t *len = realloc(rs->psrclen[l], cap * sizeof *len);
    if (len)
      rs->psrclen[l] = len;
    uint32_t *sh = realloc(rs->puses[l], cap * sizeof *sh);
    if (sh)
      rs->puses[l] = sh;
    if (a == NULL || src == NULL || len == NULL || sh == NULL)
      return oom(c->err);
    rs->cappats[l] = cap;
  }
  const char *text = pv_arena_strndup(rs->arena, v->s, v->len); /* the YAML tree goes */
  if (text == NULL)
    return oom(c->err);
  *id = rs->npats[l];
  rs->pats[l][*id] = p;
  rs->psrc[l][*id] = text;
  rs->psrclen[l][*id] = (uint32_t)v->len;
  rs->puses[l][*id] = 1;
  rs->npats[l]++;
  if (pat_rehash(rs, l) != 0)
    return oom(c->err);
  *pat_slot(rs, l, text, v->len) = *id + 1;
  return PV_OK;
}

/* The same snippet already compiled for language l (rules repeat their
 * sources and sinks): its id, or UINT32_MAX. */
static uint32_t shared_pat(const pv_ruleset *rs, pv_lang l, const pv_yaml_node *v) {
  return rs->nslot[l] ? *pat_slot(rs, l, v->s, v->len) - 1 : UINT32_MAX;
}

static int is_js_family(pv_lang l) {
  return l == PV_LANG_JS || l == PV_LANG_TS || l == PV_LANG_TSX;
}

/* After f_pattern's languages: Semgrep parses JavaScript and TypeScript
 * patterns with one grammar, so a snippet need only parse in one of the
 * rule's js/ts/tsx. One that parses only as TypeScript (or TSX) matches
 * javascript targets without its types (pv_pattern_compile_untyped), and
 * nothing in a language whose grammar rejects it (`<T>x` in tsx, JSX in
 * ts). An error only when no language of the rule takes it. */
static pv_status typed_fallback(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *v,
                                pv_formula *f, int made, unsigned skipped, const char *why) {
  pv_lang js = PV_LANG_JS;
  unsigned ts = (PV_LANG_BIT(PV_LANG_TS) | PV_LANG_BIT(PV_LANG_TSX)) & r->langs;
  char w[300];
  if (why[0] == '\0') /* every language took it */
    return PV_OK;
  if (ts && (r->langs & c->rs->langs & PV_LANG_BIT(js) & ~skipped) && f->pat[js] == UINT32_MAX) {
    uint32_t same = shared_pat(c->rs, js, v); /* only ever the untyped one: js failed */
    pv_pattern *p = NULL;
    if (c->rs->cut && pv_cut_skips(c->rs->cut, js, 1, v->s, v->len)) {
      made++; /* it compiled for the table: it cannot match these texts */
    } else if (same != UINT32_MAX) {
      f->pat[js] = same;
      c->rs->puses[js][same]++;
      made++;
    } else if ((p = pv_pattern_compile_untyped(c->rs->arena, v->s, v->len, w, sizeof w))) {
      pv_status rc = push_pat(c, js, p, v, &f->pat[js]);
      if (rc != PV_OK)
        return rc;
      made++;
    }
  }
  /* TypeScript not compiled for this scan's inputs: it only has to parse */
  if (made == 0 && (ts & ~c->rs->langs) &&
      pv_pattern_compile(c->rs->arena, v->s, v->len,
                         (ts & PV_LANG_BIT(PV_LANG_TS)) ? PV_LANG_TS : PV_LANG_TSX, w,
                         sizeof w) != NULL)
    made++;
  return made > 0 ? PV_OK : rule_err(c, v->line, "key '%s': %s", key, why);
}

/* `pattern: TEXT` of a generic rule (generic.h). */
static pv_status f_generic(rctx *c, const char *key, const pv_yaml_node *v, pv_formula *f) {
  char why[200] = "";
  f->gen = pv_generic_compile(c->rs->arena, v->s, v->len, c->gspan, c->gcomment, why, sizeof why);
  return f->gen != NULL ? PV_OK : rule_err(c, v->line, "key '%s': %s", key, why);
}

/* The options that change what a generic pattern matches:
 * generic_ellipsis_max_span (lines) and generic_comment_style. */
static pv_status generic_options(rctx *c, const pv_yaml_node *m) {
  static const char *const styles[] = {"c", "cpp", "shell", NULL};
  const pv_yaml_node *o = map_get(m, "options"), *v;
  c->gspan = PV_GENERIC_SPAN;
  c->gcomment = PV_GCOMMENT_NONE;
  if (o == NULL || o->t != PV_YAML_MAP)
    return PV_OK; /* check_options tells */
  if ((v = map_get(o, "generic_ellipsis_max_span")) != NULL) {
    char *end = NULL;
    unsigned long n = v->t == PV_YAML_SCALAR ? strtoul(v->s, &end, 10) : 0;
    if (v->t != PV_YAML_SCALAR || end == v->s || *end != '\0' || v->s[0] == '-' || n > 10000)
      return rule_err(c, v->line,
                      "key 'options': 'generic_ellipsis_max_span' takes a number of lines "
                      "(0 to 10000)");
    c->gspan = (uint32_t)n;
  }
  if ((v = map_get(o, "generic_comment_style")) != NULL) {
    size_t i = 0;
    while (v->t == PV_YAML_SCALAR && styles[i] != NULL && strcmp(styles[i], v->s) != 0)
      i++;
    if (v->t != PV_YAML_SCALAR || styles[i] == NULL)
      return rule_err(c, v->line, "key 'options': 'generic_comment_style' takes c, cpp or shell");
    c->gcomment = (pv_gcomment)(PV_GCOMMENT_C + i);
  }
  return PV_OK;
}

/* `pattern: CODE`, compiled once per language of the rule. */
static pv_status f_pattern(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *v,
                           pv_formula *f) {
  if (v->t != PV_YAML_SCALAR || v->len == 0)
    return rule_err(c, v->line, "key '%s' must be a non-empty string", key);
  if (r->langs == PV_LANG_BIT(PV_LANG_NONE) || c->generic)
    return f_generic(c, key, v, f);
  if (r->langs & (PV_LANG_BIT(PV_LANG_NONE) | PV_LANG_HOST_BITS))
    return rule_err(c, v->line,
                    "key '%s': code patterns need javascript, typescript, tsx or json, not "
                    "generic or markup (html, ejs, vue, svelte, handlebars, pug, nunjucks)",
                    key);
  char why[300] = "";
  int tried = 0, made = 0;
  unsigned skipped = 0;
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT; l++) {
    if (!(r->langs & c->rs->langs & PV_LANG_BIT(l)))
      continue;
    if (c->rs->cut && pv_cut_skips(c->rs->cut, l, 0, v->s, v->len)) {
      skipped |= PV_LANG_BIT(l); /* it compiled for the table: it cannot match these texts */
      made++;
      continue;
    }
    uint32_t same = shared_pat(c->rs, l, v);
    if (same != UINT32_MAX && pv_pattern_is_untyped(c->rs->pats[l][same]))
      same = UINT32_MAX;      /* only typed_fallback hands it out */
    if (same != UINT32_MAX) { /* one pattern, tried once, for every rule that has it */
      f->pat[l] = same;
      f->any = pv_pattern_is_any(c->rs->pats[l][same]);
      c->rs->puses[l][same]++;
      made++;
      continue;
    }
    char w[300];
    pv_pattern *p = pv_pattern_compile(c->rs->arena, v->s, v->len, l, w, sizeof w);
    tried++;
    if (p == NULL && !is_js_family(l)) /* json: the pattern must parse */
      return rule_err(c, v->line, "key '%s': %s", key, w);
    if (p == NULL) {
      if (why[0] == '\0')
        snprintf(why, sizeof why, "%s", w);
      continue;
    }
    f->any = pv_pattern_is_any(p);
    pv_status rc = push_pat(c, l, p, v, &f->pat[l]);
    if (rc != PV_OK)
      return rc;
    made++;
  }
  return typed_fallback(c, r, key, v, f, made, skipped, why);
}

/* A list of one-key mappings (`- pattern: x`). */
static pv_status f_list(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *v, fplace at,
                        int depth, pv_formula *f) {
  if (v->t != PV_YAML_SEQ || v->n == 0)
    return rule_err(c, v->line, "key '%s' must be a non-empty list", key);
  if ((f->kids = pv_arena_alloc(c->rs->arena, v->n * sizeof *f->kids)) == NULL)
    return oom(c->err);
  for (size_t i = 0; i < v->n; i++) {
    const pv_yaml_node *item = v->kids[i];
    if (item->t != PV_YAML_MAP || item->n != 2 || item->kids[0]->t != PV_YAML_SCALAR)
      return rule_err(c, item->line,
                      "key '%s': each item is a mapping with one operator "
                      "(e.g. '- pattern: ...')",
                      key);
    pv_status rc = formula(c, r, item->kids[0]->s, item->kids[0], item->kids[1], at, depth + 1,
                           &f->kids[f->n]);
    if (rc != PV_OK)
      return rc;
    f->n++;
  }
  return PV_OK;
}

static int is_positive(pv_fkind k) {
  return k == PV_F_PATTERN || k == PV_F_REGEX || k == PV_F_AND || k == PV_F_OR || k == PV_F_INSIDE;
}

static pv_status want_mv(rctx *c, const char *key, const pv_yaml_node *v, const char **out) {
  pv_status rc = want_string(c, v, key, out);
  if (rc == PV_OK && ((*out)[0] != '$' || (*out)[1] == '\0'))
    return rule_err(c, v->line, "key '%s': '%s' is not a metavariable ($X)", key, *out);
  return rc;
}

/* Keys of a metavariable-* mapping: all known, `metavariable` present. */
static pv_status mv_map(rctx *c, const char *key, const pv_yaml_node *v, const char *const *allowed,
                        pv_formula *f) {
  if (v->t != PV_YAML_MAP)
    return rule_err(c, v->line, "key '%s' must be a mapping", key);
  for (size_t i = 0; i + 1 < v->n; i += 2)
    if (v->kids[i]->t != PV_YAML_SCALAR || !one_of(v->kids[i]->s, allowed))
      return rule_err(c, v->kids[i]->line, "key '%s': unsupported key '%s'", key,
                      v->kids[i]->t == PV_YAML_SCALAR ? v->kids[i]->s : "?");
  const pv_yaml_node *mv = map_get(v, "metavariable");
  if (mv == NULL)
    return f->kind == PV_F_MV_COMPARE
               ? PV_OK
               : rule_err(c, v->line, "key '%s': missing key 'metavariable'", key);
  if ((f->mvs = pv_arena_alloc(c->rs->arena, sizeof *f->mvs)) == NULL)
    return oom(c->err);
  f->n_mvs = 1;
  return want_mv(c, key, mv, &f->mvs[0]);
}

/* `metavariable-comparison`: Semgrep's Python-subset expression (mvexpr.h),
 * with the legacy `strip` and `base` keys. */
static pv_status f_compare(rctx *c, const char *key, const pv_yaml_node *v, pv_formula *f) {
  static const char *const allowed[] = {"metavariable", "comparison", "strip", "base", NULL};
  pv_status rc = mv_map(c, key, v, allowed, f);
  const pv_yaml_node *cmp = rc == PV_OK ? map_get(v, "comparison") : NULL, *x;
  if (rc != PV_OK)
    return rc;
  if (cmp == NULL || cmp->t != PV_YAML_SCALAR)
    return rule_err(c, v->line, "key '%s': missing key 'comparison'", key);
  if ((x = map_get(v, "strip")) != NULL && (f->strip = pv_rules_bool(x)) < 0)
    return rule_err(c, x->line, "key '%s': 'strip' must be true or false", key);
  if ((x = map_get(v, "base")) != NULL) {
    char *end = NULL;
    long b = x->t == PV_YAML_SCALAR ? strtol(x->s, &end, 10) : 0;
    if (end == NULL || *end != '\0' || b < 2 || b > 36)
      return rule_err(c, x->line, "key '%s': 'base' must be a number from 2 to 36", key);
    f->base = (int)b;
  }
  char why[200] = "";
  if ((f->cmp = pv_mvexpr_parse(c->rs->arena, cmp->s, why, sizeof why)) == NULL)
    return rule_err(c, cmp->line, "key '%s': comparison '%s': %s", key, cmp->s, why);
  for (size_t i = 0; i < pv_mvexpr_regex_count(f->cmp); i++)
    if ((rc = push_re(c, pv_mvexpr_regex(f->cmp, i))) != PV_OK)
      return rc;
  return PV_OK;
}

/* metavariable-pattern's `language:`: generic or regex (the bound text,
 * a string's content, matched as text), a markup language (html, vue, ...:
 * matched as generic text too, which rules compat notes), or one of the
 * rule's own languages (as without the key). */
static pv_status mv_language(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *v,
                             pv_formula *f) {
  const pv_yaml_node *l = map_get(v, "language");
  unsigned bits = l != NULL && l->t == PV_YAML_SCALAR ? lang_bits(l->s) : 0;
  if (l == NULL)
    return PV_OK;
  if (bits != 0 && (bits & ~(PV_LANG_HOST_BITS | PV_LANG_BIT(PV_LANG_NONE))) == 0 &&
      (bits & r->langs) != bits) {
    f->on_text = r->langs != PV_LANG_BIT(PV_LANG_NONE);
    if ((bits & PV_LANG_HOST_BITS) && c->note == NULL)
      c->note = "a metavariable-pattern in a markup language is matched as generic text";
    return PV_OK;
  }
  if (bits != 0 && (bits & r->langs) == bits)
    return PV_OK;
  return rule_err(c, l->line,
                  "key '%s': language '%s' is not supported here (generic, regex, or one of "
                  "the rule's languages)",
                  key, l->t == PV_YAML_SCALAR ? l->s : "?");
}

static pv_status f_mv_pattern(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *v,
                              int depth, pv_formula *f) {
  static const char *const allowed[] = {"metavariable",  "pattern",  "patterns", "pattern-either",
                                        "pattern-regex", "language", NULL};
  pv_status rc = mv_map(c, key, v, allowed, f);
  if (rc == PV_OK)
    rc = mv_language(c, r, key, v, f);
  if (rc != PV_OK)
    return rc;
  if ((f->kids = pv_arena_alloc(c->rs->arena, sizeof *f->kids)) == NULL)
    return oom(c->err);
  for (size_t i = 0; i + 1 < v->n; i += 2) {
    const pv_yaml_node *k = v->kids[i];
    if (strcmp(k->s, "metavariable") == 0 || strcmp(k->s, "language") == 0)
      continue;
    if (f->n == 1)
      return rule_err(c, k->line,
                      "key '%s': only one of pattern, patterns, "
                      "pattern-either, pattern-regex",
                      key);
    int outer = c->generic;
    c->generic = outer || f->on_text;
    rc = formula(c, r, k->s, k, v->kids[i + 1], AT_TOP, depth + 1, &f->kids[0]);
    c->generic = outer;
    if (rc != PV_OK)
      return rc;
    f->n = 1;
  }
  if (f->n == 0)
    return rule_err(c, v->line,
                    "key '%s': needs pattern, patterns, pattern-either "
                    "or pattern-regex",
                    key);
  return PV_OK;
}

static pv_status f_focus(rctx *c, const char *key, const pv_yaml_node *v, pv_formula *f) {
  const char *const *list;
  pv_status rc = want_strings(c, v, key, &list);
  if (rc != PV_OK)
    return rc;
  while (list[f->n_mvs] != NULL) {
    if (list[f->n_mvs][0] != '$')
      return rule_err(c, v->line, "key '%s': '%s' is not a metavariable ($X)", key, list[f->n_mvs]);
    f->n_mvs++;
  }
  f->mvs = (const char **)list;
  return PV_OK;
}

/* Operators allowed only directly under `patterns`. */
static int and_only(const char *key) {
  static const char *const keys[] = {"pattern-not",
                                     "pattern-inside",
                                     "pattern-not-inside",
                                     "pattern-not-regex",
                                     "metavariable-regex",
                                     "metavariable-pattern",
                                     "metavariable-comparison",
                                     "metavariable-analysis",
                                     "focus-metavariable",
                                     NULL};
  return one_of(key, keys);
}

/* The pattern operand of pattern-not / -inside / -not-inside. */
static pv_status f_wrap(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *k,
                        const pv_yaml_node *v, int depth, pv_formula *f) {
  if ((f->kids = pv_arena_alloc(c->rs->arena, sizeof *f->kids)) == NULL)
    return oom(c->err);
  f->n = 1;
  if (v->t == PV_YAML_SCALAR) {
    if ((f->kids[0] = f_new(c, PV_F_PATTERN, v->line)) == NULL)
      return oom(c->err);
    return f_pattern(c, r, key, v, f->kids[0]);
  }
  if (v->t == PV_YAML_MAP && v->n == 2 && v->kids[0]->t == PV_YAML_SCALAR &&
      one_of(v->kids[0]->s, (const char *const[]){"patterns", "pattern-either", "pattern", NULL}))
    return formula(c, r, v->kids[0]->s, k, v->kids[1], AT_TOP, depth + 1, &f->kids[0]);
  return rule_err(c, v->line,
                  "key '%s' takes a pattern string (or one of patterns, pattern-either)", key);
}

static pv_status formula(rctx *c, pv_rule *r, const char *key, const pv_yaml_node *k,
                         const pv_yaml_node *v, fplace at, int depth, pv_formula **out) {
  static const struct {
    const char *key;
    pv_fkind kind;
  } ops[] = {{"pattern", PV_F_PATTERN},
             {"pattern-regex", PV_F_REGEX},
             {"patterns", PV_F_AND},
             {"pattern-either", PV_F_OR},
             {"pattern-not", PV_F_NOT},
             {"pattern-inside", PV_F_INSIDE},
             {"pattern-not-inside", PV_F_NOT_INSIDE},
             {"pattern-not-regex", PV_F_NOT_REGEX},
             {"metavariable-regex", PV_F_MV_REGEX},
             {"metavariable-pattern", PV_F_MV_PATTERN},
             {"metavariable-comparison", PV_F_MV_COMPARE},
             {"metavariable-analysis", PV_F_MV_ANALYSIS},
             {"focus-metavariable", PV_F_FOCUS}};
  size_t i = 0;
  while (i < sizeof ops / sizeof ops[0] && strcmp(ops[i].key, key) != 0)
    i++;
  if (depth > FORMULA_MAX_DEPTH)
    return rule_err(c, k->line, "key '%s': nested too deeply", key);
  if (i == sizeof ops / sizeof ops[0])
    return rule_err(c, k->line, "unsupported key '%s' in a pattern operator list", key);
  if (at != AT_AND && and_only(key) && !(at == AT_OR && strcmp(key, "pattern-inside") == 0))
    return rule_err(c, k->line, "key '%s' is only allowed directly under 'patterns'%s", key,
                    strcmp(key, "pattern-inside") == 0 ? " or 'pattern-either'" : "");
  pv_formula *f = *out = f_new(c, ops[i].kind, k->line);
  if (f == NULL)
    return oom(c->err);
  pv_status rc = PV_OK;
  switch (f->kind) {
    case PV_F_PATTERN:
      return f_pattern(c, r, key, v, f);
    case PV_F_REGEX:
      return f_regex(c, key, v, PCRE2_MULTILINE, f);
    case PV_F_NOT_REGEX:
      return f_regex(c, key, v, PCRE2_MULTILINE, f);
    case PV_F_OR:
      return f_list(c, r, key, v, AT_OR, depth, f);
    case PV_F_AND:
      if ((rc = f_list(c, r, key, v, AT_AND, depth, f)) != PV_OK)
        return rc;
      for (uint32_t j = 0; j < f->n; j++)
        if (is_positive(f->kids[j]->kind))
          return PV_OK;
      return rule_err(c, k->line,
                      "key 'patterns' needs at least one positive operator (pattern, "
                      "pattern-either, patterns, pattern-inside, pattern-regex)");
    case PV_F_NOT:
    case PV_F_INSIDE:
    case PV_F_NOT_INSIDE:
      return f_wrap(c, r, key, k, v, depth, f);
    case PV_F_MV_REGEX: {
      static const char *const allowed[] = {"metavariable", "regex", "decoded", NULL};
      const pv_yaml_node *re, *dec;
      if ((rc = mv_map(c, key, v, allowed, f)) != PV_OK)
        return rc;
      if ((re = map_get(v, "regex")) == NULL)
        return rule_err(c, v->line, "key '%s': missing key 'regex'", key);
      if ((dec = map_get(v, "decoded")) != NULL &&
          (dec->t != PV_YAML_SCALAR ||
           (strcmp(dec->s, "true") != 0 && strcmp(dec->s, "false") != 0)))
        return rule_err(c, dec->line, "key '%s': 'decoded' must be true or false", key);
      f->decoded = dec != NULL && strcmp(dec->s, "true") == 0;
      return f_regex(c, key, re, PCRE2_ANCHORED, f);
    }
    case PV_F_MV_PATTERN:
      return f_mv_pattern(c, r, key, v, depth, f);
    case PV_F_MV_COMPARE:
      return f_compare(c, key, v, f);
    case PV_F_MV_ANALYSIS: {
      static const char *const allowed[] = {"metavariable", "analyzer", NULL};
      const pv_yaml_node *an;
      if ((rc = mv_map(c, key, v, allowed, f)) != PV_OK)
        return rc;
      if ((an = map_get(v, "analyzer")) == NULL)
        return rule_err(c, v->line, "key '%s': missing key 'analyzer'", key);
      f->entropy = an->t == PV_YAML_SCALAR && strcmp(an->s, "entropy") == 0;
      if (an->t != PV_YAML_SCALAR || (strcmp(an->s, "redos") != 0 && !f->entropy))
        return rule_err(c, an->line, "key '%s': analyzer '%s' is not supported (redos, entropy)",
                        key, an->t == PV_YAML_SCALAR ? an->s : "?");
      return PV_OK;
    }
    case PV_F_FOCUS:
      return f_focus(c, key, v, f);
  }
  return PV_OK;
}

/* `paths: {include: [...], exclude: [...]}`. */
static pv_status check_paths(rctx *c, pv_rule *r, const pv_yaml_node *v) {
  if (v->t != PV_YAML_MAP)
    return rule_err(c, v->line, "key 'paths' must be a mapping (include, exclude)");
  for (size_t i = 0; i + 1 < v->n; i += 2) {
    const pv_yaml_node *k = v->kids[i];
    pv_status rc;
    if (k->t == PV_YAML_SCALAR && strcmp(k->s, "include") == 0)
      rc = want_strings(c, v->kids[i + 1], "paths.include", &r->paths_include);
    else if (k->t == PV_YAML_SCALAR && strcmp(k->s, "exclude") == 0)
      rc = want_strings(c, v->kids[i + 1], "paths.exclude", &r->paths_exclude);
    else
      rc = rule_err(c, k->line, "key 'paths': unknown key '%s' (include, exclude)",
                    k->t == PV_YAML_SCALAR ? k->s : "?");
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}

static int is_unsupported_key(const char *k) {
  static const char *const semgrep[] = {"mode",
                                        "join",
                                        "taint",
                                        "pattern-sources",
                                        "pattern-sinks",
                                        "pattern-sanitizers",
                                        "pattern-propagators",
                                        "pattern-where-python",
                                        NULL};
  return one_of(k, semgrep);
}

/* Semgrep's rule `options` (docs/rules.md, "options"): each with the value
 * plugvet's matching has (-1: none, it only tunes Semgrep's own engine or
 * generic mode) and, for a value plugvet cannot give, whether the rule still
 * loads (matching as plugvet does, noted by rules compat) or is refused. */
typedef struct {
  const char *name;
  int plugvet;         /* 1 / 0: the value plugvet matches with; -1: any */
  int refuse;          /* another value is refused (it would report what plugvet cannot) */
  const char *without; /* what plugvet does instead, for the note or error */
} match_option;

static const match_option match_options[] = {
    {"constant_propagation", 1, 1, "plugvet always folds constant strings"},
    {"symbolic_propagation", 0, 0, "plugvet does not match through intermediate variables"},
    {"ac_matching", 0, 0, "plugvet does not match modulo associativity and commutativity"},
    {"commutative_boolop", 0, 0, "plugvet does not treat && and || as commutative"},
    {"vardef_assign", 1, 0, "$X = $E also matches declarations in plugvet"},
    {"flddef_assign", 0, 0, "$X = $E does not match field definitions in plugvet"},
    {"arrow_is_function", 0, 0, "function patterns do not match arrow functions in plugvet"},
    {"let_is_var", -1, 0, NULL},
    {"go_deeper_expr", 1, 0, "expression patterns match inside expressions in plugvet"},
    {"go_deeper_stmt", 1, 0, "statement patterns match inside blocks in plugvet"},
    {"implicit_return", -1, 0, NULL},
    {"attr_expr", -1, 0, NULL},
    {"decorators_order_matters", -1, 0, NULL},
    {"xml_attrs_implicit_ellipsis", 0, 0, "JSX patterns match exactly their attributes"},
    {"interfile", -1, 0, NULL},
    {"generic_engine", -1, 0, NULL},
    {"generic_comment_style", -1, 0, NULL},
    {"generic_ellipsis_max_span", -1, 0, NULL},
    {"max_match_per_file", -1, 0, NULL},
    {"taint_assume_safe_functions", -1, 0, NULL},
    {"taint_assume_safe_indexes", -1, 0, NULL},
    {"taint_assume_safe_booleans", -1, 0, NULL},
    {"taint_assume_safe_numbers", -1, 0, NULL},
    {"taint_assume_safe_comparisons", 0, 1, "plugvet's taint keeps comparisons tainted"},
    {"taint_only_propagate_through_assignments", 0, 1,
     "plugvet's taint also flows through calls and operators"},
    {"taint_unify_mvars", -1, 0, NULL},
};

int pv_rules_bool(const pv_yaml_node *v) {
  static const char *const yes[] = {"true", "True", "TRUE", "yes", NULL};
  static const char *const no[] = {"false", "False", "FALSE", "no", NULL};
  if (v->t != PV_YAML_SCALAR)
    return -1;
  return one_of(v->s, yes) ? 1 : one_of(v->s, no) ? 0 : -1;
}

pv_status pv_rules_option(rctx *c, const pv_yaml_node *k, const pv_yaml_node *v) {
  const match_option *o = NULL;
  for (size_t i = 0; k->t == PV_YAML_SCALAR && i < sizeof match_options / sizeof *match_options;
       i++)
    if (strcmp(k->s, match_options[i].name) == 0)
      o = &match_options[i];
  if (o == NULL)
    return rule_err(c, k->line, "key 'options': unknown option '%s'",
                    k->t == PV_YAML_SCALAR ? k->s : "?");
  if (o->plugvet < 0)
    return PV_OK;
  int b = pv_rules_bool(v);
  if (b < 0)
    return rule_err(c, v->line, "key 'options': '%s' takes true or false", o->name);
  if (b == o->plugvet)
    return PV_OK;
  if (o->refuse)
    return rule_err(c, v->line, "key 'options': '%s: %s' is not supported (%s)", o->name,
                    b ? "true" : "false", o->without);
  if (c->note == NULL)
    c->note = o->without;
  return PV_OK;
}

/* A search rule's `options:` mapping. */
static pv_status check_options(rctx *c, const pv_yaml_node *v) {
  if (v->t != PV_YAML_MAP)
    return rule_err(c, v->line, "key 'options' must be a mapping");
  for (size_t i = 0; i + 1 < v->n; i += 2) {
    pv_status rc = pv_rules_option(c, v->kids[i], v->kids[i + 1]);
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}

static int is_matcher_key(const char *k) {
  static const char *const keys[] = {"pattern-regex", "query",          "pattern",
                                     "patterns",      "pattern-either", NULL};
  return one_of(k, keys);
}

/* Every key of the rule mapping is known; returns the matcher key node. */
static pv_status check_keys(rctx *c, const pv_yaml_node *m, const pv_yaml_node **matcher_key) {
  /* (min-version and max-version name Semgrep's versions: nothing to check) */
  static const char *const known[] = {
      "id",        "name",     "message", "description", "severity",    "fix", "fix-regex",
      "languages", "metadata", "paths",   "min-version", "max-version", NULL};
  *matcher_key = NULL;
  for (size_t i = 0; i + 1 < m->n; i += 2) {
    const pv_yaml_node *k = m->kids[i];
    if (k->t != PV_YAML_SCALAR)
      return rule_err(c, k->line, "keys must be strings");
    if (one_of(k->s, known))
      continue;
    if (map_get(m, "mode") != NULL && pv_taint_is_key(k->s))
      continue;
    if (strcmp(k->s, "options") == 0) {
      pv_status rc = check_options(c, m->kids[i + 1]);
      if (rc != PV_OK)
        return rc;
      continue;
    }
    if (is_matcher_key(k->s)) {
      if (*matcher_key != NULL)
        return rule_err(c, k->line, "key '%s': a rule has exactly one matcher (also '%s')", k->s,
                        (*matcher_key)->s);
      *matcher_key = k;
      continue;
    }
    if (and_only(k->s))
      return rule_err(c, k->line, "key '%s' is only allowed under 'patterns'", k->s);
    if (is_unsupported_key(k->s))
      return rule_err(c, k->line,
                      "unsupported key '%s' (plugvet supports pattern, patterns, pattern-either, "
                      "pattern-regex and query matchers, and mode: taint rules)",
                      k->s);
    return rule_err(c, k->line, "unknown key '%s'", k->s);
  }
  return PV_OK;
}

static pv_status compile_regex(rctx *c, pv_rule *r, const pv_yaml_node *v) {
  int code;
  PCRE2_SIZE off;
  if ((r->re_src = pv_arena_strndup(c->rs->arena, v->s, v->len)) == NULL)
    return oom(c->err);
  r->re = pcre2_compile((PCRE2_SPTR)v->s, v->len,
                        PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE, &code, &off, NULL);
  if (r->re == NULL) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    return rule_err(c, v->line, "key 'pattern-regex': %s at offset %zu", (const char *)msg,
                    (size_t)off);
  }
  jit(c->rs, r->re);
  return PV_OK;
}

/* ---- Query predicates ------------------------------------------------- */

static const char *query_error_name(TSQueryError e) {
  switch (e) {
    case TSQueryErrorSyntax:
      return "syntax error";
    case TSQueryErrorNodeType:
      return "unknown node type";
    case TSQueryErrorField:
      return "unknown field";
    case TSQueryErrorCapture:
      return "unknown capture";
    case TSQueryErrorStructure:
      return "impossible pattern structure";
    case TSQueryErrorLanguage:
      return "language version mismatch";
    default:
      return "error";
  }
}

static pv_status pred_error(char *why, size_t n, const char *fmt, const char *name) {
  snprintf(why, n, fmt, name);
  return PV_FAILED;
}

/* Compile one predicate: steps[0] is its name, steps[1..k) its arguments. */
static pv_status pred_compile(const TSQuery *q, const TSQueryPredicateStep *st, uint32_t k,
                              pv_pred *p, char *why, size_t n) {
  uint32_t len;
  const char *name = ts_query_string_value_for_id(q, st[0].value_id, &len);
  if (strcmp(name, "eq?") == 0)
    p->op = PV_PRED_EQ;
  else if (strcmp(name, "not-eq?") == 0)
    p->op = PV_PRED_NOT_EQ;
  else if (strcmp(name, "match?") == 0)
    p->op = PV_PRED_MATCH;
  else if (strcmp(name, "not-match?") == 0)
    p->op = PV_PRED_NOT_MATCH;
  else
    return pred_error(why, n, "unsupported predicate '#%s' (eq?, not-eq?, match?, not-match?)",
                      name);
  if (k != 3 || st[1].type != TSQueryPredicateStepTypeCapture)
    return pred_error(why, n, "predicate '#%s' takes a capture and one argument", name);
  p->capture = st[1].value_id;
  if (st[2].type == TSQueryPredicateStepTypeCapture) {
    if (p->op != PV_PRED_EQ && p->op != PV_PRED_NOT_EQ)
      return pred_error(why, n, "predicate '#%s' needs a string regex", name);
    p->rhs_is_capture = 1;
    p->rhs_capture = st[2].value_id;
    return PV_OK;
  }
  p->text = ts_query_string_value_for_id(q, st[2].value_id, &p->text_len);
  if (p->op == PV_PRED_EQ || p->op == PV_PRED_NOT_EQ)
    return PV_OK;
  int code;
  PCRE2_SIZE off;
  p->re = pcre2_compile((PCRE2_SPTR)p->text, p->text_len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
                        &code, &off, NULL);
  if (p->re == NULL) {
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(code, msg, sizeof msg);
    snprintf(why, n, "predicate '#%s' regex: %s at offset %zu", name, (const char *)msg,
             (size_t)off);
    return PV_FAILED;
  }
  pcre2_jit_compile(p->re, PCRE2_JIT_COMPLETE);
  return PV_OK;
}

static void preds_free(pv_pred *p, uint32_t n) {
  for (uint32_t i = 0; i < n; i++)
    pcre2_code_free(p[i].re);
}

/* Compile pattern i's predicates into an arena array. */
static pv_status pattern_preds(pv_arena *a, const TSQuery *q, uint32_t i, pv_qpattern *out,
                               char *why, size_t n) {
  uint32_t steps;
  const TSQueryPredicateStep *st = ts_query_predicates_for_pattern(q, i, &steps);
  uint32_t count = 0;
  for (uint32_t s = 0; s < steps; s++)
    count += st[s].type == TSQueryPredicateStepTypeDone;
  out->preds = count ? pv_arena_alloc(a, count * sizeof *out->preds) : NULL;
  if (count && out->preds == NULL)
    return PV_FATAL;
  out->n_preds = 0;
  for (uint32_t s = 0; s < steps;) {
    uint32_t e = s;
    while (e < steps && st[e].type != TSQueryPredicateStepTypeDone)
      e++;
    if (e == s || st[s].type != TSQueryPredicateStepTypeString) {
      snprintf(why, n, "malformed predicate");
      return PV_FAILED;
    }
    pv_status rc = pred_compile(q, st + s, e - s, &out->preds[out->n_preds], why, n);
    if (rc != PV_OK)
      return rc;
    out->n_preds++;
    s = e + 1;
  }
  return PV_OK;
}

/* The words a query pattern needs in the file: for each #eq? or #match?
 * on a capture every match binds (quantifier one or one-or-more), its
 * string, or the words its regex needs. */
static pv_status query_words(pv_strset *words, const TSQuery *q, uint32_t i, pv_qpattern *p) {
  p->n_words = 0;
  for (uint32_t k = 0; k < p->n_preds && p->n_words < PV_QWORDS; k++) {
    const pv_pred *pr = &p->preds[k];
    pv_wordgroup *g = &p->words[p->n_words];
    TSQuantifier qt = ts_query_capture_quantifier_for_id(q, i, pr->capture);
    if (pr->rhs_is_capture || (qt != TSQuantifierOne && qt != TSQuantifierOneOrMore))
      continue;
    g->n = 0;
    if (pr->op == PV_PRED_EQ && pr->text_len >= PV_WORD_MIN) {
      g->id[g->n++] = pv_strset_add(words, pr->text, pr->text_len);
      if (g->id[0] == UINT32_MAX)
        return PV_FATAL;
    } else if (pr->op == PV_PRED_MATCH &&
               pv_regex_words(pr->text, pr->text_len, PV_WORD_MIN, words, g) != 0)
      return PV_FATAL;
    p->n_words += g->n > 0;
  }
  return PV_OK;
}

/* A query error message for rule r compiled alone for language l; the
 * position is given as a line and column inside the query. */
static pv_status query_error(const pv_rule *r, pv_lang l, uint32_t off, TSQueryError et,
                             pv_error *err) {
  uint32_t line = 1, col = 1;
  for (uint32_t i = 0; i < off && r->query[i]; i++, col++)
    if (r->query[i] == '\n') {
      line++;
      col = 0;
    }
  return pv_error_set(err, PV_FAILED,
                      "%s:%u: rule '%s': key 'query': %s for %s at query line %u column %u "
                      "(offset %u)",
                      r->meta.source_file, r->query_line, r->meta.id, query_error_name(et),
                      pv_lang_name(l), line, col, off);
}

/* Slow path after a combined query failed: compile rules one by one to
 * name the broken one. */
static pv_status blame_rule(const pv_rule *const *rules, size_t n, pv_lang l, pv_error *err) {
  for (size_t i = 0; i < n; i++) {
    uint32_t off;
    TSQueryError et;
    TSQuery *q =
        ts_query_new(pv_language(l), rules[i]->query, (uint32_t)strlen(rules[i]->query), &off, &et);
    if (q == NULL)
      return query_error(rules[i], l, off, et, err);
    ts_query_delete(q);
  }
  return PV_OK;
}

/* Cheap checks at rule time; the query itself is compiled once per
 * language with all the others (build_lang). */
static pv_status check_query(rctx *c, pv_rule *r, const pv_yaml_node *v) {
  if (r->langs & (PV_LANG_BIT(PV_LANG_NONE) | PV_LANG_BIT(PV_LANG_EJS) | PV_LANG_BIT(PV_LANG_HBS) |
                  PV_LANG_BIT(PV_LANG_PUG) | PV_LANG_BIT(PV_LANG_NJK)))
    return rule_err(c, v->line,
                    "key 'query': query rules need a tree-sitter language, not generic or a "
                    "template without one (ejs, handlebars, pug, nunjucks)");
  if (memchr(v->s, '@', v->len) == NULL)
    return rule_err(c, v->line, "key 'query': the query captures nothing (add @match)");
  if (v->len > UINT32_MAX / 4)
    return rule_err(c, v->line, "key 'query': too long");
  if ((r->query = pv_arena_strndup(c->rs->arena, v->s, v->len)) == NULL)
    return oom(c->err);
  r->query_line = v->line;
  return PV_OK;
}

/* ---- One rule --------------------------------------------------------- */

static int id_taken(const pv_ruleset *rs, const char *id) {
  for (size_t i = 0; i < rs->n; i++)
    if (strcmp(rs->rules[i]->meta.id, id) == 0)
      return 1;
  return 0;
}

static pv_status required(rctx *c, const pv_yaml_node *m, const char *key,
                          const pv_yaml_node **out) {
  if ((*out = map_get(m, key)) == NULL)
    return rule_err(c, m->line, "missing key '%s'", key);
  return PV_OK;
}

static pv_status check_head(rctx *c, const pv_yaml_node *m, pv_rule *r) {
  const pv_yaml_node *v;
  pv_status rc;
  if ((rc = required(c, m, "id", &v)) != PV_OK)
    return rc;
  if ((rc = want_string(c, v, "id", &r->meta.id)) != PV_OK)
    return rc;
  if (!valid_id(r->meta.id))
    return rule_err(c, v->line,
                    "key 'id': '%s' is not a valid id (letters, digits, '.', '-', "
                    "'_'; at most %d bytes)",
                    r->meta.id, ID_MAX);
  c->id = r->meta.id;
  if (id_taken(c->rs, r->meta.id))
    return rule_err(c, v->line, "key 'id': duplicate rule id");
  if ((rc = required(c, m, "message", &v)) != PV_OK ||
      (rc = want_string(c, v, "message", &r->meta.message)) != PV_OK)
    return rc;
  if ((rc = required(c, m, "severity", &v)) != PV_OK)
    return rc;
  int sev = v->t == PV_YAML_SCALAR ? pv_severity_parse(v->s) : -1;
  if (sev < 0 || sev > PV_SEV_CRITICAL)
    return rule_err(c, v->line,
                    "key 'severity': expected critical, high, medium, low, info "
                    "(or ERROR, WARNING, INFO)");
  r->meta.severity = (pv_severity)sev;
  if ((rc = required(c, m, "languages", &v)) != PV_OK)
    return rc;
  if ((rc = check_languages(c, v, &r->langs)) != PV_OK)
    return rc;
  if ((r->langs_text = langs_text(c->rs->arena, r->langs)) == NULL)
    return oom(c->err);
  return PV_OK;
}

/* ---- Autofix: `fix` and `fix-regex` (scanner/fix.h) ---------------------- */

/* fix-regex's `count`: a whole number, 0 or more. */
static pv_status fix_count(rctx *c, const pv_yaml_node *v, uint32_t *out) {
  char *end = NULL;
  unsigned long n = 0;
  if (v->t == PV_YAML_SCALAR && v->len > 0 && v->s[0] >= '0' && v->s[0] <= '9')
    n = strtoul(v->s, &end, 10);
  if (end == NULL || *end != '\0' || n > UINT32_MAX)
    return rule_err(c, v->line, "key 'fix-regex': 'count' must be a whole number (0: all)");
  *out = (uint32_t)n;
  return PV_OK;
}

/* fix-regex: {regex, replacement, count}, the regex compiled (freed with
 * the set) and the replacement checked against its groups. */
static pv_status fix_regex(rctx *c, const pv_yaml_node *v, pv_fix *fx) {
  static const char *const allowed[] = {"regex", "replacement", "count", NULL};
  const pv_yaml_node *re, *rp, *n;
  int code;
  PCRE2_SIZE off;
  char why[160];
  if (v->t != PV_YAML_MAP)
    return rule_err(c, v->line, "key 'fix-regex' must be a mapping (regex, replacement, count)");
  for (size_t i = 0; i + 1 < v->n; i += 2)
    if (v->kids[i]->t != PV_YAML_SCALAR || !one_of(v->kids[i]->s, allowed))
      return rule_err(c, v->kids[i]->line,
                      "key 'fix-regex': unknown key '%s' (regex, replacement, count)",
                      v->kids[i]->t == PV_YAML_SCALAR ? v->kids[i]->s : "?");
  if ((re = map_get(v, "regex")) == NULL || (rp = map_get(v, "replacement")) == NULL)
    return rule_err(c, v->line, "key 'fix-regex': missing key '%s'", re ? "replacement" : "regex");
  if (re->t != PV_YAML_SCALAR || re->len == 0)
    return rule_err(c, re->line, "key 'fix-regex': 'regex' must be a non-empty string");
  if (rp->t != PV_YAML_SCALAR)
    return rule_err(c, rp->line, "key 'fix-regex': 'replacement' must be a string");
  if ((n = map_get(v, "count")) != NULL && fix_count(c, n, &fx->count) != PV_OK)
    return PV_FAILED;
  pcre2_code *code_re = pcre2_compile((PCRE2_SPTR)re->s, re->len,
                                      PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
  if (code_re == NULL) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    return rule_err(c, re->line, "key 'fix-regex': 'regex': %s at offset %zu", (const char *)msg,
                    (size_t)off);
  }
  pv_status rc = push_re(c, code_re);
  if (rc != PV_OK)
    return rc;
  fx->re = code_re;
  if ((fx->replacement = pv_arena_strndup(c->rs->arena, rp->s, rp->len)) == NULL)
    return oom(c->err);
  if (pv_fix_check(code_re, fx->replacement, why, sizeof why) != 0)
    return rule_err(c, rp->line, "key 'fix-regex': 'replacement': %s", why);
  return PV_OK;
}

/* The rule's `fix` (a string, "" to delete the match) or `fix-regex`. */
static pv_status check_fix(rctx *c, const pv_yaml_node *m, pv_rule *r) {
  const pv_yaml_node *text = map_get(m, "fix"), *re = map_get(m, "fix-regex");
  const pv_yaml_node *at = text != NULL ? text : re;
  if (at == NULL)
    return PV_OK;
  if (text != NULL && re != NULL)
    return rule_err(c, re->line, "key 'fix-regex': a rule has 'fix' or 'fix-regex', not both");
  pv_fix *fx = pv_arena_alloc(c->rs->arena, sizeof *fx);
  if (fx == NULL)
    return oom(c->err);
  r->fix = fx;
  if (re != NULL)
    return fix_regex(c, re, fx);
  if (text->t != PV_YAML_SCALAR)
    return rule_err(c, text->line, "key 'fix' must be a string");
  if ((fx->text = pv_arena_strndup(c->rs->arena, text->s, text->len)) == NULL)
    return oom(c->err);
  return PV_OK;
}

static pv_status check_rule(rctx *c, const pv_yaml_node *m, pv_rule **out) {
  if (m->t != PV_YAML_MAP)
    return rule_err(c, m->line, "each entry of 'rules' must be a mapping");
  pv_rule *r = pv_arena_alloc(c->rs->arena, sizeof *r);
  if (r == NULL)
    return oom(c->err);
  r->line = m->line;
  r->meta.source_file = c->file;
  const pv_yaml_node *mk, *v;
  pv_status rc;
  if ((rc = check_head(c, m, r)) != PV_OK || (rc = check_keys(c, m, &mk)) != PV_OK ||
      (rc = generic_options(c, m)) != PV_OK)
    return rc;
  if ((v = map_get(m, "name")) && (rc = want_string(c, v, "name", &r->meta.name)) != PV_OK)
    return rc;
  if ((v = map_get(m, "description")) &&
      (rc = want_string(c, v, "description", &r->meta.description)) != PV_OK)
    return rc;
  if ((v = map_get(m, "metadata")) && (rc = check_metadata(c, v, &r->meta)) != PV_OK)
    return rc;
  if (r->meta.name == NULL)
    r->meta.name = r->meta.id;
  if (r->meta.description == NULL)
    r->meta.description = r->meta.message;
  if ((v = map_get(m, "paths")) && (rc = check_paths(c, r, v)) != PV_OK)
    return rc;
  if ((rc = check_fix(c, m, r)) != PV_OK)
    return rc;
  if (map_get(m, "mode") != NULL) {
    *out = r;
    r->kind = PV_MATCHER_TAINT;
    return mk != NULL ? rule_err(c, mk->line,
                                 "key '%s': a taint rule has no pattern matcher "
                                 "(use pattern-sources and pattern-sinks)",
                                 mk->s)
                      : pv_taint_rule_check(c, m, r);
  }
  if (mk == NULL)
    return rule_err(c, m->line,
                    "missing key 'pattern', 'patterns', 'pattern-either', "
                    "'pattern-regex' or 'query' (the rule's matcher)");
  v = map_get(m, mk->s);
  if (strcmp(mk->s, "pattern-regex") != 0 && strcmp(mk->s, "query") != 0) {
    *out = r;
    r->kind = PV_MATCHER_PATTERN;
    return formula(c, r, mk->s, mk, v, AT_TOP, 0, &r->formula);
  }
  if (v->t != PV_YAML_SCALAR || v->len == 0)
    return rule_err(c, v->line, "key '%s' must be a non-empty string", mk->s);
  *out = r;
  if (strcmp(mk->s, "pattern-regex") == 0) {
    r->kind = PV_MATCHER_REGEX;
    return compile_regex(c, r, v);
  }
  r->kind = PV_MATCHER_QUERY;
  return check_query(c, r, v);
}

static pv_status push_rule(pv_ruleset *rs, pv_rule *r, pv_error *err) {
  if (rs->n == rs->cap) {
    size_t cap = rs->cap ? rs->cap * 2 : 32;
    pv_rule **a = realloc(rs->rules, cap * sizeof *a);
    if (a == NULL)
      return oom(err);
    rs->rules = a;
    rs->cap = cap;
  }
  rs->rules[rs->n++] = r;
  return PV_OK;
}

/* ---- One file --------------------------------------------------------- */

static pv_status load_bytes(pv_ruleset *rs, const char *path, const unsigned char *data, size_t n,
                            const pv_limits *lim, pv_error *err, const rctx *compat);
static pv_status build_all(pv_ruleset *rs, pv_error *err);

/* Rule i of list alone in a new ruleset, built as a scan builds it (the
 * builtin taint models for a taint rule): PV_OK if it loads, else the
 * loader's status and message in c->err. */
static pv_status compat_one(rctx *c, const pv_yaml_node *rule, pv_ruleset *rs) {
  pv_rule *r = NULL;
  pv_status rc = check_rule(c, rule, &r);
  if (rc == PV_OK)
    rc = push_rule(rs, r, c->err);
  else if (r != NULL)
    pcre2_code_free(r->re);
  if (rc == PV_OK && pv_taint_wanted(rs)) {
    rs->default_models = 1;
    rc = load_bytes(rs, "<builtin taint models>", (const unsigned char *)pv_taint_default_models,
                    strlen(pv_taint_default_models), c->lim, c->err, NULL);
  }
  return rc == PV_OK ? build_all(rs, c->err) : rc;
}

/* rules compat: every rule of the list tried alone and reported to
 * c->compat, none fatal to the others (out-of-memory is). */
static pv_status compat_rules(rctx *c, const pv_yaml_node *list) {
  pv_ruleset *home = c->rs;
  pv_status rc = PV_OK;
  for (size_t i = 0; i < list->n && rc != PV_FATAL; i++) {
    pv_ruleset *rs = pv_ruleset_new();
    if (rs == NULL)
      return oom(c->err);
    c->rs = rs;
    c->id = NULL;
    c->index = i;
    c->note = NULL;
    pv_error_clear(c->err);
    rc = compat_one(c, list->kids[i], rs);
    c->rs = home;
    if (rc != PV_FATAL)
      c->compat(c->compat_ctx, c->file, list->kids[i]->line, c->id,
                rc == PV_OK ? NULL : c->err->msg, c->note);
    pv_ruleset_delete(rs);
  }
  pv_error_clear(c->err);
  return rc == PV_FATAL ? rc : PV_OK;
}

static pv_status check_file(rctx *c, const pv_yaml_node *root) {
  if (root == NULL || root->t != PV_YAML_MAP)
    return pv_error_set(c->err, PV_FAILED, "%s:%u: a rule file is a mapping with a 'rules' list",
                        c->file, root ? root->line : 1);
  for (size_t i = 0; i + 1 < root->n; i += 2) {
    const pv_yaml_node *k = root->kids[i];
    if (k->t == PV_YAML_SCALAR && strcmp(k->s, "models") == 0) {
      pv_status rc = pv_taint_models_check(c, root->kids[i + 1]);
      if (rc != PV_OK)
        return rc;
      continue;
    }
    if (k->t == PV_YAML_SCALAR && strcmp(k->s, "source-sets") == 0) {
      pv_status rc = pv_taint_sets_check(c, root->kids[i + 1]);
      if (rc != PV_OK)
        return rc;
      c->sets = root->kids[i + 1];
      continue;
    }
    if (k->t != PV_YAML_SCALAR || strcmp(k->s, "rules") != 0)
      return pv_error_set(c->err, PV_FAILED, "%s:%u: unknown top-level key '%s'", c->file, k->line,
                          k->t == PV_YAML_SCALAR ? k->s : "?");
  }
  const pv_yaml_node *list = map_get(root, "rules");
  if (list == NULL && map_get(root, "models") != NULL)
    return PV_OK;
  if (list == NULL || list->t != PV_YAML_SEQ)
    return pv_error_set(c->err, PV_FAILED, "%s:%u: missing key 'rules' (a list of rules)", c->file,
                        list ? list->line : root->line);
  if (c->compat != NULL)
    return compat_rules(c, list);
  size_t first = c->rs->n;
  for (size_t i = 0; i < list->n; i++) {
    pv_rule *r = NULL;
    c->id = NULL;
    c->index = i;
    pv_status rc = check_rule(c, list->kids[i], &r);
    if (rc == PV_OK)
      rc = push_rule(c->rs, r, c->err);
    else if (r != NULL)
      pcre2_code_free(r->re);
    if (rc != PV_OK) {
      for (size_t k = first; k < c->rs->n; k++)
        pcre2_code_free(c->rs->rules[k]->re);
      c->rs->n = first;
      return rc;
    }
  }
  return PV_OK;
}

/* The tree of a rule file's bytes: the bundled pack's stored tree when
 * the set has the trees file and it holds these bytes (trees.h), else
 * libyaml's; a bundled file changed since the build is counted stale. */
static pv_status tree_of(yctx *yc, pv_ruleset *rs, const char *path, const unsigned char *data,
                         size_t n, pv_yaml_node **root) {
  int got = rs->trees
                ? pv_trees_find(rs->trees, data, n, yc->tmp, yc->max_depth, YAML_MAX_NODES, root)
                : 0;
  if (got < 0)
    return oom(yc->err);
  if (got > 0) {
    rs->trees_used++;
    return PV_OK;
  }
  if (rs->trees && pv_trees_names(rs->trees, path) && rs->trees_stale++ == 0 &&
      (rs->trees_stale_first = pv_arena_strdup(rs->arena, path)) == NULL)
    return oom(yc->err);
  return yaml_tree(yc, data, n, root);
}

/* Check the rules of one file's bytes (path names it in errors); with
 * compat, report each rule there instead (rules compat). */
static pv_status load_bytes(pv_ruleset *rs, const char *path, const unsigned char *data, size_t n,
                            const pv_limits *lim, pv_error *err, const rctx *compat) {
  pv_status rc;
  yctx yc = {.file = path, .err = err, .max_depth = lim->yaml_depth};
  yc.tmp = pv_arena_new(0);
  rctx rcx = {.rs = rs,
              .err = err,
              .yc = &yc,
              .file = pv_arena_strdup(rs->arena, path),
              .lim = lim,
              .compat = compat ? compat->compat : NULL,
              .compat_ctx = compat ? compat->compat_ctx : NULL};
  pv_yaml_node *root = NULL;
  if (yc.tmp == NULL || rcx.file == NULL)
    rc = oom(err);
  else if ((rc = tree_of(&yc, rs, path, data, n, &root)) == PV_OK)
    rc = check_file(&rcx, root);
  pv_arena_delete(yc.tmp);
  return rc;
}

static pv_status load_file(pv_ruleset *rs, const char *path, const pv_limits *lim, pv_error *err,
                           const rctx *compat) {
  unsigned char *data = NULL;
  size_t n = 0;
  pv_status rc = read_capped(path, lim->rule_bytes, &data, &n, err);
  if (rc == PV_OK)
    rc = load_bytes(rs, path, data, n, lim, err, compat);
  free(data);
  return rc;
}

/* ---- Directories ------------------------------------------------------ */

typedef struct {
  char **v;
  size_t n, cap;
} strlist;

static int push_str(strlist *l, char *s) {
  if (s == NULL)
    return -1;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    char **v = realloc(l->v, cap * sizeof *v);
    if (v == NULL) {
      free(s);
      return -1;
    }
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = s;
  return 0;
}

static void strlist_free(strlist *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_yaml_name(const char *name) {
  size_t n = strlen(name);
  return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
         (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static char *join_path(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  char *s = malloc(a + b + 2);
  if (s == NULL)
    return NULL;
  memcpy(s, dir, a);
  size_t k = a;
  if (k == 0 || s[k - 1] != '/')
    s[k++] = '/';
  memcpy(s + k, name, b + 1);
  return s;
}

/* Breadth-first listing of rule files (dirs: a work list with depths). */
static pv_status list_rule_files(const char *root, strlist *files, pv_error *err) {
  strlist dirs = {0};
  size_t depth = 0, next_level = 1;
  pv_status rc = PV_OK;
  if (push_str(&dirs, strdup(root)) != 0)
    return oom(err);
  for (size_t i = 0; i < dirs.n && rc == PV_OK; i++) {
    if (i == next_level) {
      depth++;
      next_level = dirs.n;
    }
    DIR *d = opendir(dirs.v[i]);
    if (d == NULL) {
      rc = pv_error_set(err, PV_FAILED, "%s: %s", dirs.v[i], strerror(errno));
      break;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL && rc == PV_OK) {
      if (e->d_name[0] == '.')
        continue;
      char *p = join_path(dirs.v[i], e->d_name);
      struct stat st;
      if (p == NULL)
        rc = oom(err);
      else if (stat(p, &st) != 0)
        free(p);
      else if (S_ISDIR(st.st_mode) && depth + 1 < DIR_MAX_DEPTH)
        rc = push_str(&dirs, p) ? oom(err) : PV_OK;
      else if (S_ISREG(st.st_mode) && is_yaml_name(e->d_name)) {
        if (files->n >= DIR_MAX_FILES)
          rc = pv_error_set(err, PV_FAILED, "%s: more than %d rule files", root, DIR_MAX_FILES);
        else if (push_str(files, p) != 0)
          rc = oom(err);
        else
          p = NULL;
        free(p);
      } else
        free(p);
    }
    closedir(d);
  }
  strlist_free(&dirs);
  if (rc == PV_OK && files->n > 1)
    qsort(files->v, files->n, sizeof *files->v, cmp_str);
  return rc;
}

pv_status pv_rules_list_files(const char *root, char ***files, size_t *n, pv_error *err) {
  strlist l = {0};
  pv_status rc = list_rule_files(root, &l, err);
  if (rc != PV_OK) {
    strlist_free(&l);
    l.v = NULL;
    l.n = 0;
  }
  *files = l.v;
  *n = l.n;
  return rc;
}

void pv_rules_files_free(char **files, size_t n) {
  strlist l = {.v = files, .n = n};
  strlist_free(&l);
}

/* ---- Combined per-language queries ------------------------------------ */

void pv_langquery_clear(pv_langquery *lq) {
  for (uint32_t i = 0; i < lq->n_patterns; i++)
    preds_free(lq->patterns[i].preds, lq->patterns[i].n_preds);
  ts_query_delete(lq->query);
  memset(lq, 0, sizeof *lq);
}

/* The rule owning byte `at` of the combined source. */
static size_t owner_of(const uint32_t *starts, size_t n, uint32_t at) {
  size_t lo = 0, hi = n;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (starts[mid] <= at)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

static pv_status map_patterns(pv_ruleset *rs, pv_lang l, const uint32_t *starts,
                              const pv_rule **owners, size_t n_rules, pv_error *err) {
  pv_langquery *lq = &rs->lq[l];
  lq->n_patterns = ts_query_pattern_count(lq->query);
  lq->patterns = pv_arena_alloc(rs->arena, (lq->n_patterns + 1) * sizeof *lq->patterns);
  if (lq->patterns == NULL)
    return oom(err);
  for (uint32_t i = 0; i < lq->n_patterns; i++) {
    uint32_t at = ts_query_start_byte_for_pattern(lq->query, i);
    uint32_t end = ts_query_end_byte_for_pattern(lq->query, i);
    size_t k = owner_of(starts, n_rules, at);
    pv_qpattern *p = &lq->patterns[i];
    p->rule = owners[k];
    if (end > 0 && owner_of(starts, n_rules, end - 1) != k) {
      pv_status rc = blame_rule(owners + k, 1, l, err);
      return rc != PV_OK
                 ? rc
                 : pv_error_set(err, PV_FAILED,
                                "%s:%u: rule '%s': key 'query': a pattern is not closed "
                                "(it runs into the next rule)",
                                p->rule->meta.source_file, p->rule->query_line, p->rule->meta.id);
    }
    char why[300];
    pv_status rc = pattern_preds(rs->arena, lq->query, i, p, why, sizeof why);
    if (rc == PV_OK)
      rc = query_words(rs->words, lq->query, i, p);
    if (rc == PV_FATAL)
      return oom(err);
    if (rc != PV_OK)
      return pv_error_set(err, PV_FAILED, "%s:%u: rule '%s': key 'query': %s",
                          p->rule->meta.source_file, p->rule->query_line, p->rule->meta.id, why);
  }
  lq->match_capture = UINT32_MAX;
  for (uint32_t i = 0; i < ts_query_capture_count(lq->query); i++) {
    uint32_t len;
    const char *name = ts_query_capture_name_for_id(lq->query, i, &len);
    if (len == 5 && memcmp(name, "match", 5) == 0)
      lq->match_capture = i;
  }
  return PV_OK;
}

/* One query holding every query rule of language l. */
static pv_status build_lang(pv_ruleset *rs, pv_lang l, pv_error *err) {
  pv_langquery *lq = &rs->lq[l];
  pv_langquery_clear(lq);
  uint32_t *starts = malloc((rs->n + 1) * sizeof *starts);
  const pv_rule **owners = malloc((rs->n + 1) * sizeof *owners);
  pv_buf src;
  pv_buf_init(&src, UINT32_MAX / 2);
  size_t k = 0;
  pv_status rc = starts && owners ? PV_OK : oom(err);
  for (size_t i = 0; i < rs->n && rc == PV_OK; i++) {
    const pv_rule *r = rs->rules[i];
    if (r->kind != PV_MATCHER_QUERY || !(r->langs & PV_LANG_BIT(l)))
      continue;
    starts[k] = (uint32_t)src.len;
    owners[k++] = r;
    pv_buf_cats(&src, r->query);
    pv_buf_cats(&src, "\n");
    if (pv_buf_status(&src) == PV_FATAL)
      rc = oom(err);
    else if (pv_buf_status(&src) != PV_OK)
      rc = pv_error_set(err, PV_FAILED, "combined %s query: too large", pv_lang_name(l));
  }
  if (rc == PV_OK && k > 0) {
    uint32_t off;
    TSQueryError et;
    lq->query = ts_query_new(pv_language(l), (const char *)src.data, (uint32_t)src.len, &off, &et);
    if (lq->query != NULL)
      rc = map_patterns(rs, l, starts, owners, k, err);
    else if ((rc = blame_rule(owners, k, l, err)) == PV_OK) {
      const pv_rule *r = owners[owner_of(starts, k, off)];
      rc = pv_error_set(err, PV_FAILED,
                        "%s:%u: rule '%s': key 'query': %s for %s (in the "
                        "combined query)",
                        r->meta.source_file, r->query_line, r->meta.id, query_error_name(et),
                        pv_lang_name(l));
    }
  }
  pv_buf_free(&src);
  free(starts);
  free(owners);
  return rc;
}

/* ---- Public API ------------------------------------------------------- */

pv_ruleset *pv_ruleset_new(void) {
  pv_ruleset *rs = calloc(1, sizeof *rs);
  if (rs == NULL)
    return NULL;
  if ((rs->arena = pv_arena_new(0)) == NULL) {
    free(rs);
    return NULL;
  }
  rs->langs = PV_LANG_ALL_BITS;
  return rs;
}

void pv_ruleset_set_langs(pv_ruleset *rs, unsigned langs) {
  rs->langs = langs & PV_LANG_ALL_BITS;
}

unsigned pv_ruleset_langs(const pv_ruleset *rs) {
  return rs->langs;
}

void pv_ruleset_set_jit(pv_ruleset *rs, int on) {
  rs->no_jit = !on;
}

void pv_ruleset_delete(pv_ruleset *rs) {
  if (rs == NULL)
    return;
  for (pv_lang l = 0; l < PV_LANG_COUNT; l++)
    pv_langquery_clear(&rs->lq[l]);
  for (size_t i = 0; i < rs->n; i++)
    pcre2_code_free(rs->rules[i]->re);
  for (size_t i = 0; i < rs->nres; i++)
    pcre2_code_free(rs->res[i]);
  for (pv_lang l = 0; l < PV_LANG_COUNT; l++) {
    pv_pindex_delete(rs->pix[l]);
    free(rs->pats[l]);
    free(rs->psrc[l]);
    free(rs->psrclen[l]);
    free(rs->pslot[l]);
    free(rs->puses[l]);
    free(rs->pfilter[l]);
  }
  pv_strset_delete(rs->words);
  pv_cut_delete(rs->cut);
  free(rs->res);
  free(rs->rules);
  pv_arena_delete(rs->arena);
  free(rs);
}

void pv_ruleset_cut_take(pv_ruleset *rs, pv_cut *c) {
  pv_cut_delete(rs->cut);
  rs->cut = c;
}

int pv_ruleset_cut_covers(const pv_ruleset *rs, const unsigned char *data, size_t n) {
  return rs->cut == NULL || pv_cut_covers(rs->cut, data, n);
}

uint32_t pv_ruleset_cut_skipped(const pv_ruleset *rs) {
  return rs->cut ? pv_cut_skipped(rs->cut) : 0;
}

pv_status pv_ruleset_pattern_table(const pv_ruleset *rs, const char *build_id, pv_buf *out) {
  pv_buf words;
  pv_buf_init(&words, out->max);
  pv_cut_put_head(out, build_id);
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT; l++)
    for (uint32_t i = 0; i < rs->npats[l]; i++) {
      const pv_pattern *p = rs->pats[l][i];
      words.len = 0;
      for (uint32_t k = 0; k < pv_pattern_words(p); k++) {
        const char *w;
        uint32_t len;
        int module;
        pv_pattern_word(p, k, &w, &len, &module);
        pv_cut_put_word(&words, w, len, module);
      }
      pv_cut_put_entry(out, l, pv_pattern_is_untyped(p), rs->psrc[l][i], rs->psrclen[l][i], &words,
                       pv_pattern_words(p));
    }
  pv_status ws = pv_buf_status(&words);
  pv_buf_free(&words);
  if (ws != PV_OK)
    return ws;
  pv_cut_put_end(out);
  return pv_buf_status(out);
}

void pv_ruleset_trees_use(pv_ruleset *rs, const pv_trees *t) {
  rs->trees = t;
}

void pv_ruleset_trees_stats(const pv_ruleset *rs, uint32_t *used, uint32_t *stale,
                            const char **first) {
  *used = rs->trees_used;
  *stale = rs->trees_stale;
  *first = rs->trees_stale_first;
}

/* One file's bytes (named name) parsed into w; its root kept in *root. */
static pv_status tree_put(yctx *yc, pv_trees_writer *w, const char *name, const unsigned char *data,
                          size_t n, pv_yaml_node **root) {
  yc->file = name;
  pv_status rc = yaml_tree(yc, data, n, root);
  if (rc == PV_OK && (rc = pv_trees_writer_add(w, name, data, n, *root)) != PV_OK)
    rc = pv_error_set(yc->err, rc, "%s: its tree could not be stored", name);
  return rc;
}

/* Every tree of strs (the files' bytes) read back from the written file
 * equal to libyaml's. */
static pv_status trees_verify(yctx *yc, const pv_buf *out, const char *build_id, strlist *strs,
                              pv_yaml_node **roots, const char *const *names) {
  pv_trees *t = NULL;
  pv_status rc = pv_trees_open_mem(out->data, out->len, build_id, &t, yc->err);
  for (size_t i = 0; i < strs->n && rc == PV_OK; i++) {
    pv_yaml_node *back = NULL;
    int got = pv_trees_find(t, (const unsigned char *)strs->v[i], strlen(strs->v[i]), yc->tmp,
                            yc->max_depth, YAML_MAX_NODES, &back);
    if (got < 0)
      rc = oom(yc->err);
    else if (got == 0 || !pv_trees_same(roots[i], back))
      rc = pv_error_set(yc->err, PV_FAILED, "%s: its tree reads back different", names[i]);
  }
  pv_trees_close(t);
  return rc;
}

/* The rule files under dir after those of names (list_rule_files sorts
 * the list it fills). */
static pv_status list_append(const char *dir, strlist *names, pv_error *err) {
  strlist more = {0};
  pv_status rc = list_rule_files(dir, &more, err);
  for (size_t i = 0; i < more.n; i++)
    if (rc == PV_OK && push_str(names, more.v[i]) != 0)
      rc = oom(err);
    else if (rc != PV_OK)
      free(more.v[i]);
  free(more.v);
  return rc;
}

/* The files of paths and the builtin models and source sets: their bytes
 * (NUL-terminated) into strs, their names into names. */
static pv_status trees_inputs(const char *const *paths, size_t n, const pv_limits *lim,
                              strlist *strs, strlist *names, pv_error *err) {
  static const char *const builtin[] = {"<builtin taint models>", "<builtin source sets>"};
  const char *texts[] = {pv_taint_default_models, pv_taint_source_sets};
  pv_status rc = PV_OK;
  for (size_t i = 0; i < 2 && rc == PV_OK; i++)
    if (push_str(names, strdup(builtin[i])) != 0 || push_str(strs, strdup(texts[i])) != 0)
      rc = oom(err);
  for (size_t i = 0; i < n && rc == PV_OK; i++) {
    struct stat st;
    size_t first = names->n;
    if (stat(paths[i], &st) != 0)
      rc = pv_error_set(err, PV_FAILED, "%s: %s", paths[i], strerror(errno));
    else if (S_ISDIR(st.st_mode))
      rc = list_append(paths[i], names, err);
    else if (push_str(names, strdup(paths[i])) != 0)
      rc = oom(err);
    for (size_t k = first; k < names->n && rc == PV_OK; k++) {
      unsigned char *data = NULL;
      size_t len = 0;
      if ((rc = read_capped(names->v[k], lim->rule_bytes, &data, &len, err)) == PV_OK &&
          push_str(strs, (char *)data) != 0)
        rc = oom(err);
    }
  }
  return rc;
}

pv_status pv_rules_write_trees(const char *const *paths, size_t n, const char *build_id,
                               const pv_limits *lim, pv_buf *out, pv_error *err) {
  strlist strs = {0}, names = {0};
  yctx yc = {.err = err, .max_depth = lim->yaml_depth, .tmp = pv_arena_new(0)};
  pv_trees_writer *w = pv_trees_writer_new(build_id);
  pv_status rc = yc.tmp && w ? trees_inputs(paths, n, lim, &strs, &names, err) : oom(err);
  pv_yaml_node **roots = rc == PV_OK ? calloc(strs.n + 1, sizeof *roots) : NULL;
  if (rc == PV_OK && roots == NULL)
    rc = oom(err);
  for (size_t i = 0; i < strs.n && rc == PV_OK; i++)
    rc = tree_put(&yc, w, names.v[i], (const unsigned char *)strs.v[i], strlen(strs.v[i]),
                  &roots[i]);
  if (rc == PV_OK && (rc = pv_trees_writer_end(w, out)) != PV_OK)
    rc = pv_error_set(err, rc, "the trees file could not be written");
  if (rc == PV_OK)
    rc = trees_verify(&yc, out, build_id, &strs, roots, (const char *const *)names.v);
  free(roots);
  pv_trees_writer_delete(w);
  pv_arena_delete(yc.tmp);
  strlist_free(&strs);
  strlist_free(&names);
  return rc;
}

/* Read the rules of one file or directory (not compiled yet). */
static pv_status load_path(pv_ruleset *rs, const char *path, const pv_limits *lim, pv_error *err) {
  struct stat st;
  if (stat(path, &st) != 0)
    return pv_error_set(err, PV_FAILED, "%s: %s", path, strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return load_file(rs, path, lim, err, NULL);
  strlist files = {0};
  pv_status rc = list_rule_files(path, &files, err);
  if (rc == PV_OK && files.n == 0)
    rc = pv_error_set(err, PV_FAILED, "%s: no rule files (*.yaml, *.yml) under it", path);
  for (size_t i = 0; i < files.n && rc == PV_OK; i++)
    rc = load_file(rs, files.v[i], lim, err, NULL);
  strlist_free(&files);
  return rc;
}

/* One rule file for rules compat: its rules reported one by one, or the
 * file once (id NULL) when it is not a rule file at all. */
static pv_status compat_file(const char *path, const pv_limits *lim, const rctx *compat) {
  pv_error err;
  pv_error_clear(&err);
  pv_ruleset *home = pv_ruleset_new();
  if (home == NULL)
    return PV_FATAL;
  pv_status rc = load_file(home, path, lim, &err, compat);
  if (rc == PV_FAILED)
    compat->compat(compat->compat_ctx, path, 0, NULL, err.msg, NULL);
  pv_ruleset_delete(home);
  return rc == PV_FATAL ? rc : PV_OK;
}

pv_status pv_rules_compat(const char *path, const pv_limits *lim, pv_compat_fn fn, void *ctx,
                          pv_error *err) {
  rctx compat = {.compat = fn, .compat_ctx = ctx};
  struct stat st;
  if (stat(path, &st) != 0)
    return pv_error_set(err, PV_FAILED, "%s: %s", path, strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return compat_file(path, lim, &compat) == PV_FATAL ? oom(err) : PV_OK;
  strlist files = {0};
  pv_status rc = list_rule_files(path, &files, err);
  if (rc == PV_OK && files.n == 0)
    rc = pv_error_set(err, PV_FAILED, "%s: no rule files (*.yaml, *.yml) under it", path);
  for (size_t i = 0; i < files.n && rc == PV_OK; i++)
    if (compat_file(files.v[i], lim, &compat) == PV_FATAL)
      rc = oom(err);
  strlist_free(&files);
  return rc;
}

/* The words the regexes of formula f need (pattern-regex,
 * metavariable-regex). */
static pv_status formula_words(pv_strset *words, pv_formula *f) {
  if (f->decoded) /* the words may be hidden in the source */
    return PV_OK;
  if (f->re_src && f->kind != PV_F_NOT_REGEX &&
      pv_regex_words(f->re_src, strlen(f->re_src), PV_WORD_MIN, words, &f->words) != 0)
    return PV_FATAL;
  if (f->kind == PV_F_MV_REGEX &&
      pv_regex_words(f->re_src, strlen(f->re_src), 1, words, &f->anchor_words) != 0)
    return PV_FATAL;
  for (uint32_t i = 0; i < f->n; i++)
    if (formula_words(words, f->kids[i]) != PV_OK)
      return PV_FATAL;
  return PV_OK;
}

/* Under `patterns`, a metavariable-regex's words lie inside every match of
 * each pattern (directly, as a pattern-inside, or in a pattern-either) that
 * binds its metavariable and can count: they anchor that pattern. Words
 * with blanks are left out (bindings unify modulo blanks). */
/* Anchors from metavariable-regexes, gathered per pattern over every leaf
 * that uses it (a snippet shared by several rules is anchored only when
 * each of its uses brings words: the union of them). */
typedef struct {
  pv_wordgroup *g[PV_LANG_COUNT];
  uint32_t *got[PV_LANG_COUNT];
  uint8_t *over[PV_LANG_COUNT];
} anchor_acc;

static void acc_union(anchor_acc *a, pv_lang l, uint32_t id, const pv_wordgroup *w) {
  pv_wordgroup *g = &a->g[l][id];
  a->got[l][id]++;
  for (uint32_t k = 0; k < w->n; k++) {
    uint32_t j = 0;
    while (j < g->n && g->id[j] != w->id[k])
      j++;
    if (j < g->n)
      continue;
    if (g->n == PV_GROUP_MAX)
      a->over[l][id] = 1;
    else
      g->id[g->n++] = w->id[k];
  }
}

static void mv_anchors(pv_ruleset *rs, const pv_formula *f, anchor_acc *a) {
  for (uint32_t i = 0; i < f->n; i++)
    mv_anchors(rs, f->kids[i], a);
  if (f->kind != PV_F_AND)
    return;
  for (uint32_t m = 0; m < f->n; m++) {
    const pv_formula *mv = f->kids[m];
    if (mv->kind != PV_F_MV_REGEX || mv->anchor_words.n == 0 || mv->n_mvs == 0)
      continue;
    int blank = 0;
    for (uint32_t k = 0; k < mv->anchor_words.n; k++) {
      uint32_t len;
      const char *w = pv_strset_word(rs->words, mv->anchor_words.id[k], &len);
      for (uint32_t j = 0; j < len; j++)
        blank |= w[j] == ' ' || w[j] == '\t' || w[j] == '\n';
    }
    for (uint32_t i = 0; i < f->n && !blank; i++) {
      pv_formula *p = f->kids[i];
      uint32_t np = p->kind == PV_F_OR ? p->n : 1;
      for (uint32_t j = 0; j < np; j++) {
        pv_formula *leaf = p->kind == PV_F_OR ? p->kids[j] : p;
        if (leaf->kind == PV_F_INSIDE)
          leaf = leaf->kids[0]; /* the regex bounds it as well */
        if (leaf->kind != PV_F_PATTERN || leaf->anchored)
          continue;
        for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT; l++) {
          uint32_t id = leaf->pat[l];
          if (id == UINT32_MAX || !pv_pattern_has_mv(rs->pats[l][id], mv->mvs[0]))
            continue;
          acc_union(a, l, id, &mv->anchor_words); /* its first metavariable-regex that applies */
          leaf->anchored = 1;
        }
      }
    }
  }
}

static void anchors_reset(pv_formula *f) {
  f->anchored = 0;
  for (uint32_t i = 0; i < f->n; i++)
    anchors_reset(f->kids[i]);
}

/* Every rule's metavariable-regex anchors, set where all uses agree. */
static int all_mv_anchors(pv_ruleset *rs) {
  anchor_acc a;
  memset(&a, 0, sizeof a);
  int bad = 0;
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT; l++) {
    uint32_t n = rs->npats[l] + 1;
    a.g[l] = calloc(n, sizeof *a.g[l]);
    a.got[l] = calloc(n, sizeof *a.got[l]);
    a.over[l] = calloc(n, 1);
    bad |= a.g[l] == NULL || a.got[l] == NULL || a.over[l] == NULL;
  }
  for (size_t i = 0; i < rs->n && !bad; i++) {
    const pv_rule *r = rs->rules[i];
    if (r->formula) {
      anchors_reset(r->formula);
      mv_anchors(rs, r->formula, &a);
    }
    for (int k = 0; r->taint && k < PV_TI_COUNT; k++)
      for (uint32_t j = 0; j < r->taint->n[k]; j++) {
        anchors_reset(r->taint->items[k][j].f);
        mv_anchors(rs, r->taint->items[k][j].f, &a);
      }
  }
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT && !bad; l++)
    for (uint32_t id = 0; id < rs->npats[l]; id++)
      if (a.got[l][id] == rs->puses[l][id] && !a.over[l][id] && a.g[l][id].n > 0)
        bad |= pv_pindex_add_anchor(rs->pix[l], id, &a.g[l][id]);
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT; l++) {
    free(a.g[l]);
    free(a.got[l]);
    free(a.over[l]);
  }
  return bad;
}

static int is_positive_kind(pv_fkind k) {
  return k == PV_F_PATTERN || k == PV_F_REGEX || k == PV_F_AND || k == PV_F_OR || k == PV_F_INSIDE;
}

/* The one positive of a `patterns`, or NULL when it has several. */
static const pv_formula *sole_positive(const pv_formula *f) {
  const pv_formula *p = NULL;
  for (uint32_t i = 0; i < f->n; i++)
    if (is_positive_kind(f->kids[i]->kind)) {
      if (p != NULL)
        return NULL;
      p = f->kids[i];
    }
  return p;
}

static void add_filter(pv_ruleset *rs, const pv_formula *leaf, const pv_formula *mv) {
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT; l++) {
    uint32_t i = leaf->pat[l];
    if (i == UINT32_MAX || rs->pfilter[l] == NULL || rs->puses[l][i] > 1 ||
        !pv_pattern_has_mv(rs->pats[l][i], mv->mvs[0]))
      continue;
    pv_pfilter *pf = &rs->pfilter[l][i];
    if (pf->n < PV_PFILTERS) {
      pf->mv[pf->n] = mv->mvs[0];
      pf->re[pf->n++] = mv->re;
    }
  }
}

/* Under a `patterns` whose only positive is a pattern (or a
 * pattern-either of patterns), a match whose metavariable fails a
 * metavariable-regex of that `patterns` can never count: it is dropped as
 * soon as it is found (the same matches survive, fewer are kept). */
static void mv_filters(pv_ruleset *rs, const pv_formula *f) {
  for (uint32_t i = 0; i < f->n; i++)
    mv_filters(rs, f->kids[i]);
  const pv_formula *pos = f->kind == PV_F_AND ? sole_positive(f) : NULL;
  if (pos == NULL || (pos->kind != PV_F_PATTERN && pos->kind != PV_F_OR))
    return;
  for (uint32_t m = 0; m < f->n; m++) {
    const pv_formula *mv = f->kids[m];
    if (mv->kind != PV_F_MV_REGEX || mv->n_mvs == 0 || mv->re == NULL || mv->decoded)
      continue;
    if (pos->kind == PV_F_PATTERN)
      add_filter(rs, pos, mv);
    for (uint32_t j = 0; pos->kind == PV_F_OR && j < pos->n; j++)
      if (pos->kids[j]->kind == PV_F_PATTERN)
        add_filter(rs, pos->kids[j], mv);
  }
}

/* The words of a rule's regexes: its own, its formula's and (taint rules)
 * those of its sources, sinks, sanitizers and propagators. */
static pv_status rule_words(pv_strset *words, pv_rule *r) {
  if (r->re_src && pv_regex_words(r->re_src, strlen(r->re_src), PV_WORD_MIN, words, &r->words) != 0)
    return PV_FATAL;
  if (r->formula && formula_words(words, r->formula) != PV_OK)
    return PV_FATAL;
  for (int k = 0; r->taint && k < PV_TI_COUNT; k++)
    for (uint32_t j = 0; j < r->taint->n[k]; j++)
      if (formula_words(words, r->taint->items[k][j].f) != PV_OK)
        return PV_FATAL;
  return PV_OK;
}

/* Compile every language's combined query and pattern index, and the one
 * word set of their prefilter, once. */
static pv_status build_all(pv_ruleset *rs, pv_error *err) {
  pv_strset_delete(rs->words);
  if ((rs->words = pv_strset_new()) == NULL)
    return oom(err);
  pv_status rc = PV_OK;
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT && rc == PV_OK; l++)
    if (rs->langs & PV_LANG_BIT(l))
      rc = build_lang(rs, l, err);
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT && rc == PV_OK; l++) {
    pv_pindex_delete(rs->pix[l]);
    rs->pix[l] = NULL;
    if (rs->npats[l] > 0 &&
        (rs->pix[l] = pv_pindex_new(rs->pats[l], rs->npats[l], l, rs->words)) == NULL)
      rc = oom(err);
  }
  for (size_t i = 0; i < rs->n && rc == PV_OK; i++)
    if (rule_words(rs->words, rs->rules[i]) != PV_OK)
      rc = oom(err);
  for (pv_lang l = PV_LANG_JS; l < PV_LANG_COUNT && rc == PV_OK; l++) {
    free(rs->pfilter[l]);
    rs->pfilter[l] = NULL;
    if (rs->npats[l] > 0 && (rs->pfilter[l] = calloc(rs->npats[l], sizeof *rs->pfilter[l])) == NULL)
      rc = oom(err);
  }
  for (size_t i = 0; i < rs->n && rc == PV_OK; i++)
    for (int k = 0; rs->rules[i]->taint && k < PV_TI_COUNT; k++)
      for (uint32_t j = 0; j < rs->rules[i]->taint->n[k]; j++) {
        pv_formula_set_lazy(rs->rules[i]->taint->items[k][j].f);
        mv_filters(rs, rs->rules[i]->taint->items[k][j].f);
      }
  for (size_t i = 0; i < rs->n && rc == PV_OK; i++)
    if (rs->rules[i]->formula) {
      pv_formula_set_lazy(rs->rules[i]->formula);
      mv_filters(rs, rs->rules[i]->formula);
    }
  if (rc == PV_OK && all_mv_anchors(rs) != 0)
    rc = oom(err);
  if (rc == PV_OK && pv_taint_share_items(rs) != 0)
    rc = oom(err);
  if (rc == PV_OK && pv_strset_build(rs->words) != 0)
    rc = oom(err);
  return rc;
}

pv_status pv_ruleset_load_all(pv_ruleset *rs, const char *const *paths, size_t n,
                              const pv_limits *lim, pv_error *err) {
  pv_error local;
  if (err == NULL)
    err = &local;
  pv_error_clear(err);
  pv_status rc = PV_OK;
  for (size_t i = 0; i < n && rc == PV_OK; i++)
    rc = load_path(rs, paths[i], lim, err);
  if (rc == PV_OK && !rs->default_models && pv_taint_wanted(rs)) {
    rs->default_models = 1;
    rc = load_bytes(rs, "<builtin taint models>", (const unsigned char *)pv_taint_default_models,
                    strlen(pv_taint_default_models), lim, err, NULL);
  }
  if (rc == PV_OK)
    rc = build_all(rs, err);
  if (rs->cut)
    pv_cut_drop_texts(rs->cut);
  return rc;
}

pv_status pv_ruleset_load(pv_ruleset *rs, const char *path, const pv_limits *lim, pv_error *err) {
  return pv_ruleset_load_all(rs, &path, 1, lim, err);
}

size_t pv_ruleset_count(const pv_ruleset *rs) {
  return rs ? rs->n : 0;
}

const char *pv_ruleset_languages(const pv_ruleset *rs, size_t i) {
  return rs != NULL && i < rs->n ? rs->rules[i]->langs_text : "";
}

const char *pv_ruleset_matcher_kind(const pv_ruleset *rs, size_t i) {
  if (rs == NULL || i >= rs->n)
    return "";
  static const char *const kinds[] = {"regex", "query", "pattern", "taint"};
  return kinds[rs->rules[i]->kind];
}

const pv_rule_meta *pv_ruleset_meta(const pv_ruleset *rs, size_t i) {
  return rs != NULL && i < rs->n ? &rs->rules[i]->meta : NULL;
}

/* ---- For taint_spec.c (rules_impl.h) ---------------------------------- */

pv_status pv_rules_err(pv_rctx *c, uint32_t line, const char *fmt, ...) {
  char what[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  return rule_err(c, line, "%s", what);
}

pv_status pv_rules_oom(pv_rctx *c) {
  return oom(c->err);
}

pv_arena *pv_rules_arena(pv_rctx *c) {
  return c->rs->arena;
}

pv_ruleset *pv_rules_set(pv_rctx *c) {
  return c->rs;
}

const pv_yaml_node *pv_rules_map_get(const pv_yaml_node *m, const char *key) {
  return map_get(m, key);
}

pv_status pv_rules_builtin_sets(pv_rctx *c, const pv_yaml_node **out) {
  if (c->builtins == NULL) {
    pv_yaml_node *root = NULL;
    const char *file = c->yc->file;
    c->yc->file = "<builtin source sets>";
    pv_status rc = tree_of(c->yc, c->rs, c->yc->file, (const unsigned char *)pv_taint_source_sets,
                           strlen(pv_taint_source_sets), &root);
    c->yc->file = file;
    if (rc != PV_OK)
      return rc;
    c->builtins = root != NULL ? map_get(root, "source-sets") : NULL;
    if (c->builtins == NULL || c->builtins->t != PV_YAML_MAP)
      return rule_err(c, 1, "the builtin source sets are not a 'source-sets' mapping");
  }
  *out = c->builtins;
  return PV_OK;
}

const pv_yaml_node *pv_rules_source_sets(pv_rctx *c) {
  return c->sets;
}

pv_status pv_rules_string(pv_rctx *c, const pv_yaml_node *v, const char *key, const char **out) {
  return want_string(c, v, key, out);
}

pv_status pv_rules_formula(pv_rctx *c, pv_rule *r, const pv_yaml_node *k, const pv_yaml_node *v,
                           pv_formula **out) {
  return formula(c, r, k->s, k, v, AT_TOP, 1, out);
}
