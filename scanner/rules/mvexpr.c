/* mvexpr.c — metavariable-comparison expressions (see mvexpr.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "mvexpr.h"

#include <ctype.h>
#include <math.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum {
  N_NUM,
  N_STR,
  N_BOOL,
  N_MV,
  N_LIST,
  N_NEG,
  N_NOT,
  N_AND,
  N_OR,
  N_ARITH,
  N_CMP,
  N_CALL
} nkind;
typedef enum { F_INT, F_STR, F_TODAY, F_STRPTIME, F_REMATCH } fkind;

typedef struct node {
  nkind k;
  char op[4];    /* N_ARITH: "+"...; N_CMP: each link's operator, in ops */
  int is_int;    /* N_NUM */
  double f;      /* N_NUM, N_BOOL */
  int64_t i;     /* N_NUM */
  const char *s; /* N_STR (content), N_MV (name) */
  size_t n;      /* N_STR */
  struct node **kids;
  uint32_t nk;
  const char **ops; /* N_CMP: nk - 1 operators */
  fkind fn;         /* N_CALL */
  pcre2_code *re;   /* N_CALL re.match */
} node;

struct pv_mvexpr {
  node *root;
  pcre2_code **res; /* every compiled regex, to free */
  uint32_t nres;
};

/* ---- Parsing ------------------------------------------------------------ */

typedef struct {
  pv_arena *a;
  const char *p;
  char *why;
  size_t why_len;
  int depth, failed;
  pcre2_code *res[32];
  uint32_t nres;
} parser;

static node *fail(parser *ps, const char *what) {
  if (!ps->failed)
    snprintf(ps->why, ps->why_len, "%s at '%.20s'", what, ps->p);
  ps->failed = 1;
  return NULL;
}

static void blank(parser *ps) {
  while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
    ps->p++;
}

/* The next token is the word w (not followed by a name character). */
static int word(parser *ps, const char *w) {
  blank(ps);
  size_t n = strlen(w);
  if (strncmp(ps->p, w, n) != 0 || isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')
    return 0;
  ps->p += n;
  return 1;
}

static int punct(parser *ps, const char *t) {
  blank(ps);
  size_t n = strlen(t);
  if (strncmp(ps->p, t, n) != 0)
    return 0;
  if (n == 1 && (t[0] == '<' || t[0] == '>' || t[0] == '=' || t[0] == '!') && ps->p[1] == '=')
    return 0; /* "<" is not the start of "<=" */
  ps->p += n;
  return 1;
}

static node *mk(parser *ps, nkind k) {
  node *x = pv_arena_alloc(ps->a, sizeof *x);
  if (x == NULL)
    return fail(ps, "out of memory");
  memset(x, 0, sizeof *x);
  x->k = k;
  return x;
}

static int push_kid(parser *ps, node *x, node *kid, uint32_t cap) {
  if (kid == NULL)
    return -1;
  if (x->nk == cap) {
    fail(ps, "too many items");
    return -1;
  }
  x->kids[x->nk++] = kid;
  return 0;
}

static node *expr(parser *ps);

static node *number(parser *ps) {
  node *x = mk(ps, N_NUM);
  char *end;
  int base = 10;
  const char *s = ps->p;
  if (s[0] == '0' &&
      (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
    base = tolower((unsigned char)s[1]) == 'x' ? 16 : tolower((unsigned char)s[1]) == 'o' ? 8 : 2;
    s += 2;
  }
  if (x == NULL)
    return NULL;
  x->i = strtoll(s, &end, base);
  x->is_int = 1;
  if (base == 10 && (*end == '.' || *end == 'e' || *end == 'E')) {
    x->f = strtod(ps->p, &end);
    x->is_int = 0;
  }
  if (end == s)
    return fail(ps, "a number expected");
  ps->p = end;
  return x;
}

static node *string(parser *ps) {
  char q = *ps->p++;
  const char *s = ps->p;
  while (*ps->p && *ps->p != q)
    ps->p += ps->p[0] == '\\' && ps->p[1] ? 2 : 1;
  if (*ps->p != q)
    return fail(ps, "an unterminated string");
  node *x = mk(ps, N_STR);
  if (x == NULL)
    return NULL;
  x->s = pv_arena_strndup(ps->a, s, (size_t)(ps->p - s));
  x->n = (size_t)(ps->p - s);
  ps->p++;
  return x->s ? x : fail(ps, "out of memory");
}

static node *list(parser *ps, const char *close) {
  node *x = mk(ps, N_LIST);
  if (x == NULL || (x->kids = pv_arena_alloc(ps->a, PV_MVEXPR_LIST * sizeof *x->kids)) == NULL)
    return fail(ps, "out of memory");
  if (punct(ps, close))
    return x;
  do {
    if (push_kid(ps, x, expr(ps), PV_MVEXPR_LIST) != 0)
      return NULL;
  } while (punct(ps, ","));
  return punct(ps, close) ? x : fail(ps, "a ',' or a closing bracket expected");
}

/* int(x), str(x), today(), strptime(s), re.match(regex, s). */
static node *call(parser *ps, fkind fn, uint32_t want) {
  if (!punct(ps, "("))
    return fail(ps, "'(' expected");
  node *x = list(ps, ")");
  if (x == NULL)
    return NULL;
  x->k = N_CALL;
  x->fn = fn;
  if (x->nk != want)
    return fail(ps, "a wrong number of arguments");
  if (fn != F_REMATCH)
    return x;
  if (x->kids[0]->k != N_STR)
    return fail(ps, "re.match takes a literal regex");
  int err;
  PCRE2_SIZE off;
  x->re = pcre2_compile((PCRE2_SPTR)x->kids[0]->s, x->kids[0]->n, PCRE2_ANCHORED | PCRE2_UTF, &err,
                        &off, NULL);
  if (x->re == NULL || ps->nres == sizeof ps->res / sizeof ps->res[0]) {
    pcre2_code_free(x->re);
    return fail(ps, "a regex that does not compile");
  }
  ps->res[ps->nres++] = x->re;
  return x;
}

static node *primary(parser *ps) {
  blank(ps);
  const char *p = ps->p;
  if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])))
    return number(ps);
  if (*p == '"' || *p == '\'')
    return string(ps);
  if (*p == '$' && (isupper((unsigned char)p[1]) || p[1] == '_')) {
    size_t n = 2;
    while (isupper((unsigned char)p[n]) || isdigit((unsigned char)p[n]) || p[n] == '_')
      n++;
    node *x = mk(ps, N_MV);
    if (x == NULL || (x->s = pv_arena_strndup(ps->a, p, n)) == NULL)
      return fail(ps, "out of memory");
    ps->p += n;
    return x;
  }
  if (punct(ps, "(")) {
    node *x = expr(ps);
    return x == NULL ? NULL : punct(ps, ")") ? x : fail(ps, "')' expected");
  }
  if (punct(ps, "["))
    return list(ps, "]");
  if (word(ps, "True") || word(ps, "False")) {
    node *x = mk(ps, N_BOOL);
    if (x != NULL)
      x->f = ps->p[-1] == 'e' && ps->p[-2] == 'u';
    return x;
  }
  static const struct {
    const char *name;
    fkind fn;
    uint32_t args;
  } fns[] = {{"int", F_INT, 1},
             {"str", F_STR, 1},
             {"today", F_TODAY, 0},
             {"strptime", F_STRPTIME, 1},
             {"re.match", F_REMATCH, 2}};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
    if (word(ps, fns[i].name))
      return call(ps, fns[i].fn, fns[i].args);
  return fail(ps, "a value expected");
}

static node *unary(parser *ps) {
  if (++ps->depth > PV_MVEXPR_DEPTH)
    return fail(ps, "nested too deeply");
  node *x;
  if (punct(ps, "-") || punct(ps, "+")) {
    int neg = ps->p[-1] == '-';
    node *kid = unary(ps);
    if (!neg || kid == NULL)
      x = kid;
    else if ((x = mk(ps, N_NEG)) != NULL && (x->kids = pv_arena_alloc(ps->a, sizeof *x->kids)))
      x->kids[x->nk++] = kid;
    else
      x = fail(ps, "out of memory");
  } else {
    x = primary(ps);
  }
  ps->depth--;
  return x;
}

/* A left-associative chain of the binary operators in ops, over sub. */
static node *binary(parser *ps, const char *const *ops, node *(*sub)(parser *)) {
  node *x = sub(ps);
  for (;;) {
    size_t i = 0;
    while (x != NULL && ops[i] != NULL && !punct(ps, ops[i]))
      i++;
    if (x == NULL || ops[i] == NULL)
      return x;
    node *y = mk(ps, N_ARITH);
    if (y == NULL || (y->kids = pv_arena_alloc(ps->a, 2 * sizeof *y->kids)) == NULL)
      return fail(ps, "out of memory");
    snprintf(y->op, sizeof y->op, "%s", ops[i]);
    y->kids[0] = x;
    if ((y->kids[1] = sub(ps)) == NULL)
      return NULL;
    y->nk = 2;
    x = y;
  }
}

static node *term(parser *ps) {
  static const char *const ops[] = {"*", "/", "%", NULL};
  return binary(ps, ops, unary);
}

static node *sum(parser *ps) {
  static const char *const ops[] = {"+", "-", NULL};
  return binary(ps, ops, term);
}

/* The comparison operator at ps->p, or NULL. */
static const char *cmp_op(parser *ps) {
  static const char *const ops[] = {"==", "!=", "<=", ">=", "<", ">", NULL};
  for (size_t i = 0; ops[i] != NULL; i++)
    if (punct(ps, ops[i]))
      return ops[i];
  const char *save = ps->p;
  if (word(ps, "in"))
    return "in";
  if (word(ps, "not") && word(ps, "in"))
    return "not in";
  ps->p = save;
  return NULL;
}

static node *comparison(parser *ps) {
  node *first = sum(ps), *x = NULL;
  const char *op;
  while (first != NULL && (op = cmp_op(ps)) != NULL) {
    if (x == NULL) {
      if ((x = mk(ps, N_CMP)) == NULL ||
          (x->kids = pv_arena_alloc(ps->a, 16 * sizeof *x->kids)) == NULL ||
          (x->ops = pv_arena_alloc(ps->a, 15 * sizeof *x->ops)) == NULL)
        return fail(ps, "out of memory");
      x->kids[x->nk++] = first;
    }
    if (x->nk == 16)
      return fail(ps, "too many chained comparisons");
    x->ops[x->nk - 1] = op;
    if (push_kid(ps, x, sum(ps), 16) != 0)
      return NULL;
  }
  return x != NULL ? x : first;
}

static node *logic(parser *ps, nkind k, const char *w, node *(*sub)(parser *)) {
  node *x = sub(ps);
  while (x != NULL && word(ps, w)) {
    node *y = mk(ps, k);
    if (y == NULL || (y->kids = pv_arena_alloc(ps->a, 2 * sizeof *y->kids)) == NULL)
      return fail(ps, "out of memory");
    y->kids[0] = x;
    if ((y->kids[1] = sub(ps)) == NULL)
      return NULL;
    y->nk = 2;
    x = y;
  }
  return x;
}

static node *negation(parser *ps) {
  const char *save = ps->p;
  if (word(ps, "not")) {
    blank(ps);
    if (strncmp(ps->p, "in", 2) == 0 && !isalnum((unsigned char)ps->p[2])) {
      ps->p = save; /* "not in" belongs to a comparison */
      return comparison(ps);
    }
    if (++ps->depth > PV_MVEXPR_DEPTH)
      return fail(ps, "nested too deeply");
    node *kid = negation(ps), *x = kid ? mk(ps, N_NOT) : NULL;
    ps->depth--;
    if (x == NULL || (x->kids = pv_arena_alloc(ps->a, sizeof *x->kids)) == NULL)
      return kid == NULL ? NULL : fail(ps, "out of memory");
    x->kids[x->nk++] = kid;
    return x;
  }
  return comparison(ps);
}

static node *conjunction(parser *ps) {
  return logic(ps, N_AND, "and", negation);
}

static node *expr(parser *ps) {
  if (++ps->depth > PV_MVEXPR_DEPTH)
    return fail(ps, "nested too deeply");
  node *x = logic(ps, N_OR, "or", conjunction);
  ps->depth--;
  return x;
}

pv_mvexpr *pv_mvexpr_parse(pv_arena *a, const char *src, char *why, size_t why_len) {
  parser ps = {.a = a, .p = src, .why = why, .why_len = why_len};
  node *root = expr(&ps);
  blank(&ps);
  if (root != NULL && *ps.p != '\0')
    fail(&ps, "an operator expected");
  pv_mvexpr *x = ps.failed ? NULL : pv_arena_alloc(a, sizeof *x);
  pcre2_code **res = x && ps.nres ? pv_arena_alloc(a, ps.nres * sizeof *res) : NULL;
  if (x == NULL || (ps.nres && res == NULL)) {
    if (!ps.failed)
      snprintf(why, why_len, "out of memory");
    for (uint32_t i = 0; i < ps.nres; i++)
      pcre2_code_free(ps.res[i]);
    return NULL;
  }
  if (ps.nres > 0)
    memcpy(res, ps.res, ps.nres * sizeof *res);
  *x = (pv_mvexpr){root, res, ps.nres};
  return x;
}

size_t pv_mvexpr_regex_count(const pv_mvexpr *x) {
  return x->nres;
}

void *pv_mvexpr_regex(const pv_mvexpr *x, size_t i) {
  return x->res[i];
}

/* ---- Evaluation --------------------------------------------------------- */

typedef enum { V_ERR, V_BOOL, V_INT, V_FLT, V_STR, V_CODE, V_LIST } vkind;

typedef struct {
  vkind k;
  int64_t i;
  double f;
  const char *s; /* V_STR, V_CODE */
  size_t n;
  const node *list; /* V_LIST */
} value;

typedef struct {
  pv_mvexpr_lookup lookup;
  void *ctx;
  int strip, base;
  char buf[2 * PV_MVEXPR_TEXT]; /* strings made while evaluating */
  size_t used;
} ectx;

static const value ERR = {V_ERR, 0, 0, NULL, 0, NULL};

static value v_int(int64_t i) {
  return (value){V_INT, i, (double)i, NULL, 0, NULL};
}

static value v_flt(double f) {
  return (value){V_FLT, 0, f, NULL, 0, NULL};
}

static value v_bool(int b) {
  return (value){V_BOOL, b != 0, b != 0, NULL, 0, NULL};
}

/* Text a number spells, if all of it does (ints in base, 0 for Python's
 * prefixes). */
static value parse_num(const char *s, size_t n, int base) {
  char t[64];
  if (n == 0 || n >= sizeof t)
    return ERR;
  memcpy(t, s, n);
  t[n] = '\0';
  char *p = t, *end;
  int b = base ? base : 10;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    b = 16;
  else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O'))
    b = 8;
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
    b = 2;
  if (b != (base ? base : 10) || (base == 16 && (p[1] == 'x' || p[1] == 'X')) ||
      (base == 8 && (p[1] == 'o' || p[1] == 'O')) || (base == 2 && (p[1] == 'b' || p[1] == 'B')))
    p += 2;
  int64_t i = strtoll(p, &end, b);
  if (end != p && *end == '\0')
    return v_int(i);
  double f = strtod(t, &end);
  return base == 0 && end != t && *end == '\0' && isfinite(f) ? v_flt(f) : ERR;
}

static int quoted(const char *s, size_t n) {
  return n >= 2 && (s[0] == '"' || s[0] == '\'' || s[0] == '`') && s[n - 1] == s[0];
}

/* A metavariable's value (mvexpr.h). */
static value mv_value(ectx *c, const char *name) {
  const char *s;
  size_t n;
  if (!c->lookup(c->ctx, name, &s, &n))
    return ERR;
  if (quoted(s, n)) {
    value v = c->strip ? parse_num(s + 1, n - 2, c->base) : ERR;
    return v.k != V_ERR ? v : (value){V_STR, 0, 0, s + 1, n - 2, NULL};
  }
  value v = parse_num(s, n, c->base);
  if (v.k == V_ERR && n > 1 && s[n - 1] == 'n') /* a BigInt literal */
    v = parse_num(s, n - 1, c->base);
  if (v.k == V_ERR && (n == 4 || n == 5) && (!strncmp(s, "true", n) || !strncmp(s, "false", n)))
    v = v_bool(s[0] == 't');
  return v.k != V_ERR ? v : (value){V_CODE, 0, 0, s, n, NULL};
}

static int is_num(const value *v) {
  return v->k == V_INT || v->k == V_FLT || v->k == V_BOOL;
}

static double num(const value *v) {
  return v->k == V_FLT ? v->f : (double)v->i;
}

static value v_text(ectx *c, const char *s, size_t n) {
  if (n > PV_MVEXPR_TEXT || c->used + n > sizeof c->buf)
    return ERR;
  char *d = c->buf + c->used;
  memcpy(d, s, n);
  c->used += n;
  return (value){V_STR, 0, 0, d, n, NULL};
}

static value as_str(ectx *c, value v) {
  char t[64];
  if (v.k == V_STR || v.k == V_ERR)
    return v;
  if (v.k == V_CODE)
    return (value){V_STR, 0, 0, v.s, v.n, NULL};
  if (v.k == V_BOOL)
    return v_text(c, v.i ? "True" : "False", v.i ? 4 : 5);
  if (v.k == V_INT)
    snprintf(t, sizeof t, "%lld", (long long)v.i);
  else if (v.k == V_FLT)
    snprintf(t, sizeof t, "%.17g", v.f);
  else
    return ERR;
  return v_text(c, t, strlen(t));
}

static value as_int(value v) {
  if (v.k == V_INT || v.k == V_BOOL)
    return v_int(v.i);
  if (v.k == V_FLT)
    return isfinite(v.f) && fabs(v.f) < 9e18 ? v_int((int64_t)v.f) : ERR;
  if (v.k == V_STR || v.k == V_CODE) {
    value w = parse_num(v.s, v.n, 10);
    return w.k == V_INT ? w : ERR;
  }
  return ERR;
}

/* "yyyy-mm-dd" as seconds since the epoch (UTC). */
static value date_of(value v) {
  int y, m, d;
  char t[16];
  if (v.k != V_STR || v.n != 10)
    return ERR;
  memcpy(t, v.s, 10);
  t[10] = '\0';
  if (sscanf(t, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return ERR;
  struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
  return v_flt((double)timegm(&tm));
}

static value eval(ectx *c, const node *x);

static value call_fn(ectx *c, const node *x) {
  if (x->fn == F_TODAY)
    return v_flt((double)time(NULL));
  value a = eval(c, x->kids[0]);
  if (x->fn == F_INT)
    return as_int(a);
  if (x->fn == F_STR)
    return as_str(c, a);
  if (x->fn == F_STRPTIME)
    return date_of(as_str(c, a));
  value s = as_str(c, eval(c, x->kids[1]));
  if (s.k != V_STR)
    return ERR;
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(x->re, NULL);
  int rc = md ? pcre2_match(x->re, (PCRE2_SPTR)s.s, s.n, 0, 0, md, NULL) : -1;
  pcre2_match_data_free(md);
  return v_bool(rc >= 0);
}

static value arith(ectx *c, const char *op, value a, value b) {
  if (a.k == V_ERR || b.k == V_ERR)
    return ERR;
  if (op[0] == '+' && a.k == V_STR && b.k == V_STR) {
    value x = v_text(c, a.s, a.n); /* b's copy follows it in the buffer */
    if (x.k == V_ERR || v_text(c, b.s, b.n).k == V_ERR)
      return ERR;
    x.n += b.n;
    return x;
  }
  if (!is_num(&a) || !is_num(&b))
    return ERR;
  int ints = a.k != V_FLT && b.k != V_FLT;
  double x = num(&a), y = num(&b);
  switch (op[0]) {
    case '+':
      return ints ? v_int(a.i + b.i) : v_flt(x + y);
    case '-':
      return ints ? v_int(a.i - b.i) : v_flt(x - y);
    case '*':
      return ints ? v_int(a.i * b.i) : v_flt(x * y);
    case '/':
      return y == 0 ? ERR : v_flt(x / y);
    default: /* %: the sign of the divisor, as Python's */
      if (y == 0)
        return ERR;
      if (ints)
        return v_int(((a.i % b.i) + b.i) % b.i);
      return v_flt(x - y * floor(x / y));
  }
}

/* -1, 0, 1, or 2 when a and b do not compare. */
static int order(const value *a, const value *b) {
  if (is_num(a) && is_num(b)) {
    double x = num(a), y = num(b);
    return x < y ? -1 : x > y;
  }
  if (a->k == V_STR && b->k == V_STR) {
    int k = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
    return k != 0 ? (k < 0 ? -1 : 1) : a->n < b->n ? -1 : a->n > b->n;
  }
  return 2;
}

static value contains(ectx *c, value item, value in) {
  if (in.k == V_STR && item.k == V_STR) {
    if (item.n == 0)
      return v_bool(1);
    for (size_t i = 0; i + item.n <= in.n; i++)
      if (memcmp(in.s + i, item.s, item.n) == 0)
        return v_bool(1);
    return v_bool(0);
  }
  if (in.k != V_LIST)
    return ERR;
  for (uint32_t i = 0; i < in.list->nk; i++) {
    value v = eval(c, in.list->kids[i]);
    if (order(&item, &v) == 0)
      return v_bool(1);
  }
  return v_bool(0);
}

static value compare(ectx *c, const char *op, value a, value b) {
  if (a.k == V_ERR || b.k == V_ERR)
    return ERR;
  if (op[0] == 'i' || op[0] == 'n') {
    value r = contains(c, a, b);
    return r.k == V_ERR || op[0] == 'i' ? r : v_bool(!r.i);
  }
  int k = order(&a, &b);
  if (op[0] == '=' || op[0] == '!')
    return v_bool((k == 0) == (op[0] == '='));
  if (k == 2)
    return ERR;
  if (op[0] == '<')
    return v_bool(op[1] == '=' ? k <= 0 : k < 0);
  return v_bool(op[1] == '=' ? k >= 0 : k > 0);
}

static int truth(const value *v) {
  if (v->k == V_STR || v->k == V_CODE)
    return v->n > 0;
  if (v->k == V_LIST)
    return v->list->nk > 0;
  return v->k != V_ERR && num(v) != 0;
}

static value eval(ectx *c, const node *x) {
  value a, b;
  switch (x->k) {
    case N_NUM:
      return x->is_int ? v_int(x->i) : v_flt(x->f);
    case N_STR:
      return (value){V_STR, 0, 0, x->s, x->n, NULL};
    case N_BOOL:
      return v_bool(x->f != 0);
    case N_MV:
      return mv_value(c, x->s);
    case N_LIST:
      return (value){V_LIST, 0, 0, NULL, 0, x};
    case N_NEG:
      a = eval(c, x->kids[0]);
      return a.k == V_INT || a.k == V_BOOL ? v_int(-a.i) : a.k == V_FLT ? v_flt(-a.f) : ERR;
    case N_NOT:
      a = eval(c, x->kids[0]);
      return a.k == V_ERR ? ERR : v_bool(!truth(&a));
    case N_AND:
    case N_OR:
      a = eval(c, x->kids[0]);
      if (a.k == V_ERR || truth(&a) == (x->k == N_OR))
        return a;
      return eval(c, x->kids[1]);
    case N_ARITH:
      a = eval(c, x->kids[0]);
      b = eval(c, x->kids[1]);
      return arith(c, x->op, a, b);
    case N_CMP:
      a = eval(c, x->kids[0]);
      for (uint32_t i = 1; i < x->nk; i++) {
        b = eval(c, x->kids[i]);
        value r = compare(c, x->ops[i - 1], a, b);
        if (r.k == V_ERR || !r.i)
          return r;
        a = b;
      }
      return v_bool(1);
    case N_CALL:
      return call_fn(c, x);
  }
  return ERR;
}

int pv_mvexpr_eval(const pv_mvexpr *x, pv_mvexpr_lookup lookup, void *ctx, int strip, int base) {
  ectx *c = malloc(sizeof *c);
  if (c == NULL)
    return 0;
  c->lookup = lookup;
  c->ctx = ctx;
  c->strip = strip;
  c->base = base;
  c->used = 0;
  value v = eval(c, x->root);
  int r = v.k != V_ERR && truth(&v);
  free(c);
  return r;
}
