/* semver.c — SemVer 2.0 precedence and node-semver range evaluation.
 * Ranges are evaluated while they are parsed (no allocation): every
 * comparator token is desugared to at most two primitive comparators, as
 * node-semver's replaceTilde/replaceCaret/replaceXRange/hyphenReplace do. */
#include "semver.h"

#include <ctype.h>
#include <string.h>

typedef enum { OP_ANY, OP_EQ, OP_LT, OP_LE, OP_GT, OP_GE, OP_NONE } cmp_op;

typedef struct {
  uint64_t n[3];
  int x; /* index of the first wildcard part (0..2), 3 when none */
  const char *pre;
  size_t pre_len;
} partial;

typedef struct { /* one comparator set being evaluated */
  const pv_semver *v;
  unsigned flags;
  int pass, pre_ok;
} set_eval;

static int is_ident_char(int c) {
  return isalnum(c) || c == '-';
}

/* 0|[1-9][0-9]* up to 2^53-1; advances *p. */
static int parse_num(const char **p, uint64_t *out) {
  const char *s = *p;
  uint64_t n = 0;
  if (!isdigit((unsigned char)*s))
    return 0;
  if (s[0] == '0' && isdigit((unsigned char)s[1]))
    return 0;
  for (; isdigit((unsigned char)*s); s++) {
    n = n * 10 + (uint64_t)(*s - '0');
    if (n > PV_SEMVER_MAX_NUM)
      return 0;
  }
  *out = n;
  *p = s;
  return 1;
}

/* Dot-separated identifiers ([0-9A-Za-z-]+); numeric ones without leading
 * zeros when strict. Returns the length consumed, 0 on error. */
static size_t scan_idents(const char *s, int strict) {
  const char *p = s;
  for (;;) {
    const char *b = p;
    int alpha = 0;
    while (is_ident_char((unsigned char)*p))
      alpha |= !isdigit((unsigned char)*p++);
    if (p == b)
      return 0;
    if (strict && !alpha && p - b > 1 && *b == '0')
      return 0;
    if (*p != '.')
      return (size_t)(p - s);
    p++;
  }
}

/* "-pre" and "+build" after the numbers; sets pre. Returns end or NULL. */
static const char *parse_tail(const char *p, const char **pre, size_t *pre_len) {
  *pre = p;
  *pre_len = 0;
  if (*p == '-') {
    size_t n = scan_idents(p + 1, 1);
    if (!n)
      return NULL;
    *pre = p + 1;
    *pre_len = n;
    p += 1 + n;
  }
  if (*p == '+') {
    size_t n = scan_idents(p + 1, 0);
    if (!n)
      return NULL;
    p += 1 + n;
  }
  return p;
}

static int parse_core(const char *s, size_t len, pv_semver *out) {
  char buf[PV_SEMVER_MAX_LEN + 1];
  const char *p = buf, *pre;
  size_t pre_len;
  memcpy(buf, s, len);
  buf[len] = 0;
  if (*p == 'v')
    p++;
  if (!parse_num(&p, &out->major) || *p++ != '.' || !parse_num(&p, &out->minor) || *p++ != '.' ||
      !parse_num(&p, &out->patch))
    return 0;
  p = parse_tail(p, &pre, &pre_len);
  if (!p || *p)
    return 0;
  memcpy(out->pre, pre, pre_len);
  out->pre[pre_len] = 0;
  return 1;
}

pv_status pv_semver_parse(const char *s, pv_semver *out, pv_error *err) {
  if (!s)
    return pv_error_set(err, PV_FAILED, "version: missing");
  size_t len = strlen(s);
  if (len > PV_SEMVER_MAX_LEN)
    return pv_error_set(err, PV_FAILED, "version of %zu bytes: longer than %d", len,
                        PV_SEMVER_MAX_LEN);
  const char *b = s, *e = s + len;
  while (b < e && isspace((unsigned char)*b))
    b++;
  while (e > b && isspace((unsigned char)e[-1]))
    e--;
  memset(out, 0, sizeof *out);
  if (!parse_core(b, (size_t)(e - b), out))
    return pv_error_set(err, PV_FAILED, "invalid version \"%.*s\"", (int)(e - b), b);
  return PV_OK;
}

static int all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i]))
      return 0;
  return n > 0;
}

static int cmp_ident(const char *a, size_t an, const char *b, size_t bn) {
  int ad = all_digits(a, an), bd = all_digits(b, bn);
  if (ad && bd && an != bn)
    return an < bn ? -1 : 1;
  if (ad != bd)
    return ad ? -1 : 1;
  int c = memcmp(a, b, an < bn ? an : bn);
  if (c)
    return c < 0 ? -1 : 1;
  return an == bn ? 0 : (an < bn ? -1 : 1);
}

static int cmp_pre(const char *a, const char *b) {
  if (!*a || !*b)
    return (!*a) - (!*b);
  for (;;) {
    size_t an = strcspn(a, "."), bn = strcspn(b, ".");
    int c = cmp_ident(a, an, b, bn);
    if (c)
      return c;
    a += an;
    b += bn;
    if (!*a || !*b)
      return (*a != 0) - (*b != 0);
    a++;
    b++;
  }
}

static int cmp_u64(uint64_t a, uint64_t b) {
  return a < b ? -1 : a > b;
}

int pv_semver_cmp(const pv_semver *a, const pv_semver *b) {
  int c = cmp_u64(a->major, b->major);
  if (!c)
    c = cmp_u64(a->minor, b->minor);
  if (!c)
    c = cmp_u64(a->patch, b->patch);
  return c ? c : cmp_pre(a->pre, b->pre);
}

int pv_semver_cmp_str(const char *a, const char *b, int *ok) {
  pv_semver va, vb;
  pv_error e;
  *ok = pv_semver_parse(a, &va, &e) == PV_OK && pv_semver_parse(b, &vb, &e) == PV_OK;
  return *ok ? pv_semver_cmp(&va, &vb) : 0;
}

/* ---- ranges ---- */

/* Test one primitive comparator against the version in the set. */
static void eval_cmp(set_eval *se, cmp_op op, uint64_t M, uint64_t m, uint64_t p, const char *pre,
                     size_t pre_len) {
  if (op == OP_ANY)
    return;
  pv_semver c = {.major = M, .minor = m, .patch = p};
  memcpy(c.pre, pre, pre_len);
  c.pre[pre_len] = 0;
  int r = pv_semver_cmp(se->v, &c);
  int t = op == OP_EQ   ? r == 0
          : op == OP_LT ? r < 0
          : op == OP_LE ? r <= 0
          : op == OP_GT ? r > 0
                        : r >= 0;
  if (!t)
    se->pass = 0;
  if (pre_len && c.major == se->v->major && c.minor == se->v->minor && c.patch == se->v->patch)
    se->pre_ok = 1;
}

/* A partial version "1", "1.x", "1.2.*", "1.2.3-pre+b" in [s, e). */
static int parse_partial(const char *s, const char *e, partial *out) {
  char buf[PV_SEMVER_MAX_LEN + 1];
  if ((size_t)(e - s) > PV_SEMVER_MAX_LEN)
    return 0;
  memcpy(buf, s, (size_t)(e - s));
  buf[e - s] = 0;
  const char *p = buf;
  while (*p == 'v' || *p == '=')
    p++;
  memset(out, 0, sizeof *out);
  out->x = 3;
  int parts = 0;
  for (int i = 0; i < 3; i++, parts++) {
    if (i > 0) {
      if (*p != '.') {
        if (out->x > i)
          out->x = i;
        break;
      }
      p++;
    }
    if (*p == 'x' || *p == 'X' || *p == '*') {
      p++;
      if (out->x > i)
        out->x = i;
    } else if (!parse_num(&p, &out->n[i])) {
      return 0;
    }
  }
  if (parts == 3 && (*p == '-' || *p == '+')) {
    const char *pre;
    size_t pre_len;
    p = parse_tail(p, &pre, &pre_len);
    if (!p)
      return 0;
    out->pre = s + (pre - buf);
    out->pre_len = pre_len;
  }
  if (*p)
    return 0;
  if (out->x < 3)
    out->pre_len = 0;
  for (int i = out->x; i < 3; i++)
    out->n[i] = 0;
  return 1;
}

#define Z(se) (((se)->flags & PV_SEMVER_INCLUDE_PRERELEASE) ? "0" : "")
#define ZL(se) (((se)->flags & PV_SEMVER_INCLUDE_PRERELEASE) ? 1u : 0u)

static void eval_tilde(set_eval *se, const partial *q) {
  uint64_t M = q->n[0], m = q->n[1];
  if (q->x == 0)
    return;
  if (q->x == 1) {
    eval_cmp(se, OP_GE, M, 0, 0, Z(se), ZL(se));
    eval_cmp(se, OP_LT, M + 1, 0, 0, "0", 1);
    return;
  }
  if (q->x == 2)
    eval_cmp(se, OP_GE, M, m, 0, Z(se), ZL(se));
  else
    eval_cmp(se, OP_GE, M, m, q->n[2], q->pre ? q->pre : "", q->pre_len);
  eval_cmp(se, OP_LT, M, m + 1, 0, "0", 1);
}

static void eval_caret(set_eval *se, const partial *q) {
  uint64_t M = q->n[0], m = q->n[1], p = q->n[2];
  const char *lo = q->pre_len ? q->pre : Z(se);
  size_t lo_len = q->pre_len ? q->pre_len : q->x == 3 ? 0 : ZL(se); /* ^1.2.3: no -0 */
  if (q->x == 0)
    return;
  if (q->x < 3 || M != 0 || m != 0) {
    eval_cmp(se, OP_GE, M, q->x == 1 ? 0 : m, q->x < 3 ? 0 : p, lo, lo_len);
    if (M != 0 || q->x == 1)
      eval_cmp(se, OP_LT, M + 1, 0, 0, "0", 1);
    else
      eval_cmp(se, OP_LT, 0, m + 1, 0, "0", 1);
    return;
  }
  eval_cmp(se, OP_GE, 0, 0, p, lo, lo_len);
  eval_cmp(se, OP_LT, 0, 0, p + 1, "0", 1);
}

static void eval_xrange(set_eval *se, cmp_op op, const partial *q) {
  uint64_t M = q->n[0], m = q->n[1], p = q->n[2];
  if (q->x == 3) { /* a full version: the comparator as written */
    eval_cmp(se, op == OP_NONE ? OP_EQ : op, M, m, p, q->pre ? q->pre : "", q->pre_len);
    return;
  }
  if (q->x == 0) {
    if (op == OP_GT || op == OP_LT)
      eval_cmp(se, OP_LT, 0, 0, 0, "0", 1);
    return;
  }
  if (op == OP_NONE || op == OP_EQ) {
    eval_cmp(se, OP_GE, M, m, 0, Z(se), ZL(se));
    if (q->x == 1)
      eval_cmp(se, OP_LT, M + 1, 0, 0, "0", 1);
    else
      eval_cmp(se, OP_LT, M, m + 1, 0, "0", 1);
    return;
  }
  if (op == OP_GT || op == OP_LE) {
    if (q->x == 1) {
      M++;
      m = 0;
    } else {
      m++;
    }
    op = op == OP_GT ? OP_GE : OP_LT;
  }
  if (op == OP_LT)
    eval_cmp(se, OP_LT, M, m, 0, "0", 1);
  else
    eval_cmp(se, OP_GE, M, m, 0, Z(se), ZL(se));
}

static void eval_hyphen(set_eval *se, const partial *f, const partial *t) {
  if (f->x == 1 || f->x == 2)
    eval_cmp(se, OP_GE, f->n[0], f->n[1], 0, Z(se), ZL(se));
  else if (f->x == 3 && f->pre_len)
    eval_cmp(se, OP_GE, f->n[0], f->n[1], f->n[2], f->pre, f->pre_len);
  else if (f->x == 3)
    eval_cmp(se, OP_GE, f->n[0], f->n[1], f->n[2], Z(se), ZL(se));
  if (t->x == 1)
    eval_cmp(se, OP_LT, t->n[0] + 1, 0, 0, "0", 1);
  else if (t->x == 2)
    eval_cmp(se, OP_LT, t->n[0], t->n[1] + 1, 0, "0", 1);
  else if (t->x == 3 && t->pre_len)
    eval_cmp(se, OP_LE, t->n[0], t->n[1], t->n[2], t->pre, t->pre_len);
  else if (t->x == 3 && (se->flags & PV_SEMVER_INCLUDE_PRERELEASE))
    eval_cmp(se, OP_LT, t->n[0], t->n[1], t->n[2] + 1, "0", 1);
  else if (t->x == 3)
    eval_cmp(se, OP_LE, t->n[0], t->n[1], t->n[2], "", 0);
}

/* The next blank-separated word in [*p, e). */
static int next_word(const char **p, const char *e, const char **ws, const char **we) {
  const char *s = *p;
  while (s < e && isspace((unsigned char)*s))
    s++;
  if (s == e)
    return 0;
  *ws = s;
  while (s < e && !isspace((unsigned char)*s))
    s++;
  *we = s;
  *p = s;
  return 1;
}

static size_t read_op(const char *s, const char *e, cmp_op *op, int *kind) {
  *kind = 0;
  *op = OP_NONE;
  if (e - s >= 2 && s[0] == '~' && s[1] == '>') {
    *kind = 1;
    return 2;
  }
  if (s < e && *s == '~') {
    *kind = 1;
    return 1;
  }
  if (s < e && *s == '^') {
    *kind = 2;
    return 1;
  }
  if (e - s >= 2 && s[1] == '=' && (*s == '<' || *s == '>')) {
    *op = *s == '<' ? OP_LE : OP_GE;
    return 2;
  }
  if (s < e && (*s == '<' || *s == '>')) {
    *op = *s == '<' ? OP_LT : OP_GT;
    return 1;
  }
  if (s < e && *s == '=') {
    *op = OP_EQ;
    return 1;
  }
  return 0;
}

/* One operator+version token starting at word [ws, we); may consume the next
 * word when the operator stands alone ("> 1.2"). */
static int eval_token(set_eval *se, const char *ws, const char *we, const char **p, const char *e) {
  cmp_op op;
  int kind;
  partial q;
  ws += read_op(ws, we, &op, &kind);
  if (ws == we && (kind || op != OP_NONE) && !next_word(p, e, &ws, &we))
    return 0;
  if (!parse_partial(ws, we, &q))
    return 0;
  if (kind == 1)
    eval_tilde(se, &q);
  else if (kind == 2)
    eval_caret(se, &q);
  else
    eval_xrange(se, op, &q);
  return 1;
}

/* Evaluate one comparator set [s, e); 0 when it does not parse. */
static int eval_set(set_eval *se, const char *s, const char *e) {
  const char *p = s, *ws, *we, *w2s, *w2e, *w3s, *w3e;
  se->pass = 1;
  se->pre_ok = 0;
  if (!next_word(&p, e, &ws, &we))
    return 1; /* "" = any */
  const char *save = p;
  if (next_word(&p, e, &w2s, &w2e) && w2e - w2s == 1 && *w2s == '-') {
    partial f, t;
    if (!next_word(&p, e, &w3s, &w3e) || next_word(&p, e, &w2s, &w2e))
      return 0;
    if (!parse_partial(ws, we, &f) || !parse_partial(w3s, w3e, &t))
      return 0;
    eval_hyphen(se, &f, &t);
    return 1;
  }
  p = save;
  do {
    if (!eval_token(se, ws, we, &p, e))
      return 0;
  } while (next_word(&p, e, &ws, &we));
  return 1;
}

static int set_result(const set_eval *se) {
  if (!se->pass)
    return 0;
  if (se->v->pre[0] && !(se->flags & PV_SEMVER_INCLUDE_PRERELEASE))
    return se->pre_ok;
  return 1;
}

/* Walk every "||" set; *hit = some set matched. 0 when the range is invalid. */
static int eval_range(const char *range, const pv_semver *v, unsigned flags, int *hit) {
  const char *s = range, *end = range + strlen(range);
  set_eval se = {.v = v, .flags = flags};
  *hit = 0;
  for (;;) {
    const char *bar = strstr(s, "||");
    const char *e = bar ? bar : end;
    if (!eval_set(&se, s, e))
      return 0;
    if (set_result(&se))
      *hit = 1;
    if (!bar)
      return 1;
    s = bar + 2;
  }
}

pv_status pv_semver_satisfies(const char *range, const char *version, unsigned flags, int *hit,
                              pv_error *err) {
  pv_semver v;
  *hit = 0;
  if (pv_semver_parse(version, &v, err) != PV_OK)
    return PV_FAILED;
  if (!range || strlen(range) > PV_RANGE_MAX_LEN)
    return pv_error_set(err, PV_FAILED, "range: missing or longer than %d", PV_RANGE_MAX_LEN);
  int yes = 0;
  if (!eval_range(range, &v, flags, &yes))
    return pv_error_set(err, PV_FAILED, "invalid range \"%.80s\"", range);
  *hit = yes;
  return PV_OK;
}
