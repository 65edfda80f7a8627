/* redos.c — see redos.h. A recursive-descent parser of JavaScript regex
 * syntax that computes, for every sub-pattern, the sets of characters it
 * can start with, end with and consume, and checks each quantifier as it
 * is parsed. Characters are ASCII plus one bit for "any other". */
#include "redos.h"

#include <stdlib.h>
#include <string.h>

#include "../base.h"

/* Code points 0-127 are themselves; others share 128 buckets (128 + cp %
 * 128), so distinct non-ASCII letters rarely look alike. NONASCII: every
 * bucket (a class or escape reaching past ASCII). */
enum { NONASCII = 0x110000, SEQ_MAX = 8, SET_WORDS = 4 };
#define INF UINT32_MAX

typedef struct {
  uint64_t w[SET_WORDS];
} cset;

/* What a sub-pattern can do. headq/tailq: the characters of variable
 * repetitions (max >= 2, max > min) inside it that can start / end its
 * match (everything before / after them can match empty). seq: the
 * characters position by position when every match has the same length
 * (seqlen), else seqlen is -1. ambig: an alternation (in groups) with two
 * overlapping branches. */
typedef struct {
  cset first, last, all, headq, tailq;
  int nullable;
  int seqlen;
  cset seq[SEQ_MAX];
  int ambig;
} props;

typedef struct {
  const unsigned char *p;
  size_t n, i;
  unsigned flags;
  uint32_t depth, max_depth;
  int err;
  pv_redos_kind found;
  uint32_t at;
} parser;

/* ---- character sets ---------------------------------------------------- */

static void cs_add(cset *s, unsigned long c) {
  if (c >= NONASCII) {
    s->w[2] = s->w[3] = ~(uint64_t)0;
    return;
  }
  unsigned b = c < 128 ? (unsigned)c : 128 + (unsigned)(c % 128);
  s->w[b / 64] |= (uint64_t)1 << (b % 64);
}

static void cs_range(cset *s, unsigned long a, unsigned long b) {
  if (b >= 128 && b - a >= 128)
    cs_add(s, NONASCII);
  for (unsigned long c = a; c <= b && c < a + 256; c++)
    cs_add(s, c);
}

static void cs_or(cset *d, const cset *s) {
  for (int i = 0; i < SET_WORDS; i++)
    d->w[i] |= s->w[i];
}

static int cs_meets(const cset *a, const cset *b) {
  return (a->w[0] & b->w[0]) || (a->w[1] & b->w[1]) || (a->w[2] & b->w[2]) || (a->w[3] & b->w[3]);
}

static void cs_not(cset *s) {
  for (int i = 0; i < SET_WORDS; i++)
    s->w[i] = ~s->w[i];
}

static cset cs_any(void) {
  cset s = {{~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0}};
  return s;
}

/* \d \w \s and their complements; 0 if c is none of them. */
static int cs_class_escape(unsigned char c, cset *s) {
  memset(s, 0, sizeof *s);
  switch (c | 0x20) {
    case 'd':
      cs_range(s, '0', '9');
      break;
    case 'w':
      cs_range(s, '0', '9');
      cs_range(s, 'A', 'Z');
      cs_range(s, 'a', 'z');
      cs_add(s, '_');
      break;
    case 's':
      cs_range(s, '\t', '\r');
      cs_add(s, ' ');
      cs_add(s, NONASCII);
      break;
    default:
      return 0;
  }
  if (c >= 'A' && c <= 'Z')
    cs_not(s);
  return 1;
}

static void cs_fold(cset *s) {
  for (unsigned c = 'A'; c <= 'Z'; c++) {
    cset u = {{0}}, l = {{0}};
    cs_add(&u, c);
    cs_add(&l, c + 32);
    if (cs_meets(s, &u) || cs_meets(s, &l)) {
      cs_or(s, &u);
      cs_or(s, &l);
    }
  }
}

/* ---- properties -------------------------------------------------------- */

static props p_empty(void) {
  props r;
  memset(&r, 0, sizeof r);
  r.nullable = 1;
  return r;
}

static props p_set(const parser *ps, cset s) {
  props r = p_empty();
  if (ps->flags & PV_REDOS_ICASE)
    cs_fold(&s);
  r.first = r.last = r.all = r.seq[0] = s;
  r.nullable = 0;
  r.seqlen = 1;
  return r;
}

static props p_cat(const props *a, const props *b) {
  props r = p_empty();
  r.first = a->first;
  if (a->nullable)
    cs_or(&r.first, &b->first);
  r.last = b->last;
  if (b->nullable)
    cs_or(&r.last, &a->last);
  r.all = a->all;
  cs_or(&r.all, &b->all);
  r.headq = a->headq;
  if (a->nullable)
    cs_or(&r.headq, &b->headq);
  r.tailq = b->tailq;
  if (b->nullable)
    cs_or(&r.tailq, &a->tailq);
  r.nullable = a->nullable && b->nullable;
  r.seqlen = -1;
  if (a->seqlen >= 0 && b->seqlen >= 0 && a->seqlen + b->seqlen <= SEQ_MAX) {
    r.seqlen = a->seqlen + b->seqlen;
    memcpy(r.seq, a->seq, (size_t)a->seqlen * sizeof *r.seq);
    memcpy(r.seq + a->seqlen, b->seq, (size_t)b->seqlen * sizeof *r.seq);
  }
  return r;
}

static void p_union(props *a, const props *b) {
  cs_or(&a->first, &b->first);
  cs_or(&a->last, &b->last);
  cs_or(&a->all, &b->all);
  cs_or(&a->headq, &b->headq);
  cs_or(&a->tailq, &b->tailq);
  a->nullable = a->nullable || b->nullable;
  if (a->seqlen == 1 && b->seqlen == 1)
    cs_or(&a->seq[0], &b->seq[0]);
  else
    a->seqlen = -1;
  a->ambig = 0;
}

/* Two fixed-length branches match a common string: the same length and
 * every position overlapping, or a one-character branch matching every
 * character of the other (then it also matches the other's string, one
 * repetition per character). */
static int seq_overlap(const props *a, const props *b) {
  if (a->seqlen <= 0 || b->seqlen <= 0)
    return 0;
  if (a->seqlen == b->seqlen || a->seqlen == 1 || b->seqlen == 1) {
    const props *s = a->seqlen == 1 ? a : b, *l = s == a ? b : a;
    for (int i = 0; i < l->seqlen; i++)
      if (!cs_meets(a->seqlen == b->seqlen ? &s->seq[i] : &s->seq[0], &l->seq[i]))
        return 0;
    return 1;
  }
  return 0;
}

/* A repetition of x at least min, at most max times (INF: unbounded). */
/* Nothing can fail after position i: only ')' up to the end or a '|'
 * (a match reaching here succeeds, so no backtracking into it). */
static int nothing_after(const parser *ps) {
  size_t i = ps->i;
  while (i < ps->n && ps->p[i] == ')')
    i++;
  return i == ps->n || ps->p[i] == '|';
}

static props p_quant(parser *ps, const props *x, uint32_t min, uint32_t max, uint32_t at) {
  int repeats = max != INF ? max >= PV_REDOS_MIN_REPEAT : 1;
  if (repeats && ps->found == PV_REDOS_SAFE && !nothing_after(ps)) {
    if (cs_meets(&x->tailq, &x->first) || cs_meets(&x->headq, &x->last))
      ps->found = PV_REDOS_NESTED;
    else if (x->ambig)
      ps->found = PV_REDOS_OVERLAP;
    if (ps->found != PV_REDOS_SAFE)
      ps->at = at;
  }
  props r = *x;
  r.ambig = 0;
  r.nullable = x->nullable || min == 0;
  if (max >= 2 && max > min) {
    cs_or(&r.headq, &x->all);
    cs_or(&r.tailq, &x->all);
  }
  if (x->seqlen >= 0 && min == max && (uint64_t)min * (uint64_t)x->seqlen <= SEQ_MAX) {
    r.seqlen = (int)(min * (uint32_t)x->seqlen);
    for (uint32_t k = 0; k < min; k++)
      memcpy(r.seq + k * (uint32_t)x->seqlen, x->seq, (size_t)x->seqlen * sizeof *r.seq);
  } else {
    r.seqlen = -1;
  }
  return r;
}

/* ---- the parser -------------------------------------------------------- */

static int peek(const parser *ps) {
  return ps->i < ps->n ? ps->p[ps->i] : -1;
}

static int fail(parser *ps) {
  ps->err = 1;
  return 0;
}

/* n hex digits at i; the value, or -1 (i unchanged). */
static long hex_run(parser *ps, int n) {
  long v = 0;
  if (ps->i + (size_t)n > ps->n)
    return -1;
  for (int k = 0; k < n; k++) {
    int h = pv_hex_digit(ps->p[ps->i + (size_t)k]);
    if (h < 0)
      return -1;
    v = v * 16 + h;
  }
  ps->i += (size_t)n;
  return v;
}

/* The code point of a UTF-8 sequence whose lead byte c was consumed. */
static unsigned long utf8_cp(parser *ps, int c) {
  int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  unsigned long v = (unsigned long)c & (0x3Fu >> more);
  while (ps->i < ps->n && (ps->p[ps->i] & 0xC0) == 0x80) {
    v = (v << 6) | (ps->p[ps->i] & 0x3Fu);
    ps->i++;
  }
  return v >= 128 ? v : 128;
}

/* After a backslash: one character's code, or a set (*is_set); -1 on error. */
static long escape(parser *ps, cset *set, int *is_set, int in_class) {
  *is_set = 0;
  int c = peek(ps);
  if (c < 0)
    return -1;
  ps->i++;
  if (cs_class_escape((unsigned char)c, set)) {
    *is_set = 1;
    return 0;
  }
  switch (c) {
    case 'p':
    case 'P': /* \p{...}: taken as any character */
      if (peek(ps) == '{') {
        while (ps->i < ps->n && ps->p[ps->i] != '}')
          ps->i++;
        if (ps->i++ >= ps->n)
          return -1;
      }
      *set = cs_any();
      *is_set = 1;
      return 0;
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'v':
      return '\v';
    case 'f':
      return '\f';
    case '0':
      return 0;
    case 'b':
      return in_class ? 8 : -2; /* outside a class: an assertion */
    case 'c':
      if (ps->i < ps->n && ((ps->p[ps->i] | 0x20) >= 'a' && (ps->p[ps->i] | 0x20) <= 'z'))
        return ps->p[ps->i++] % 32;
      return '\\';
    case 'x': {
      long v = hex_run(ps, 2);
      return v < 0 ? 'x' : v;
    }
    case 'u': {
      if (peek(ps) == '{') {
        ps->i++;
        long v = 0;
        while (ps->i < ps->n && pv_hex_digit(ps->p[ps->i]) >= 0 && v < 0x110000)
          v = v * 16 + pv_hex_digit(ps->p[ps->i++]);
        if (peek(ps) != '}')
          return -1;
        ps->i++;
        return v;
      }
      long v = hex_run(ps, 4);
      return v < 0 ? 'u' : v;
    }
    default:
      return c >= 0x80 ? (long)utf8_cp(ps, c) : c;
  }
}

/* One class member: a character (returned) or a set; -1 on error. */
static long class_atom(parser *ps, cset *set, int *is_set);

static int class_body(parser *ps, cset *out) {
  if (++ps->depth > ps->max_depth)
    return fail(ps);
  int neg = peek(ps) == '^';
  if (neg)
    ps->i++;
  memset(out, 0, sizeof *out);
  while (peek(ps) != ']') {
    if (peek(ps) < 0)
      return fail(ps);
    cset s;
    int is_set;
    long a = class_atom(ps, &s, &is_set);
    if (a < 0)
      return fail(ps);
    if (is_set) {
      cs_or(out, &s);
      if ((ps->flags & (PV_REDOS_UNICODE | PV_REDOS_SETS)) && peek(ps) == '-' &&
          ps->i + 1 < ps->n && ps->p[ps->i + 1] != ']')
        return fail(ps); /* [\w-z] */
      continue;
    }
    if (peek(ps) == '-' && ps->i + 1 < ps->n && ps->p[ps->i + 1] != ']') {
      ps->i++;
      long b = class_atom(ps, &s, &is_set);
      if (b < 0)
        return fail(ps);
      if (is_set || b < a) { /* [\w-x] is \w, -, x outside u/v; a bad range is an error */
        if (!is_set || (ps->flags & (PV_REDOS_UNICODE | PV_REDOS_SETS)))
          return fail(ps);
        cs_add(out, (unsigned long)a);
        cs_add(out, '-');
        cs_or(out, &s);
        continue;
      }
      cs_range(out, (unsigned long)a, (unsigned long)b);
    } else {
      cs_add(out, (unsigned long)a);
    }
  }
  ps->i++;
  ps->depth--;
  if (neg)
    cs_not(out);
  return 1;
}

static long class_atom(parser *ps, cset *set, int *is_set) {
  int c = peek(ps);
  *is_set = 0;
  ps->i++;
  if (c == '\\')
    return escape(ps, set, is_set, 1);
  if (c == '[' && (ps->flags & PV_REDOS_SETS)) { /* v: a nested class, taken as a union */
    *is_set = 1;
    return class_body(ps, set) ? 0 : -1;
  }
  return c >= 0x80 ? (long)utf8_cp(ps, c) : c;
}

static int parse_alt(parser *ps, props *out);

/* After '(': the group's kind; 1 lookaround (zero width), 0 otherwise. */
static int group_head(parser *ps, int *look) {
  *look = 0;
  if (peek(ps) != '?')
    return 1;
  ps->i++;
  int c = peek(ps);
  if (c == ':' || c == '=' || c == '!') {
    ps->i++;
    *look = c != ':';
    return 1;
  }
  if (c == '<' && ps->i + 1 < ps->n && (ps->p[ps->i + 1] == '=' || ps->p[ps->i + 1] == '!')) {
    ps->i += 2;
    *look = 1;
    return 1;
  }
  if (c == '<') { /* (?<name> */
    while (ps->i < ps->n && ps->p[ps->i] != '>')
      ps->i++;
    return ps->i++ < ps->n;
  }
  while (ps->i < ps->n && ps->p[ps->i] != '\0' && strchr("ims-", ps->p[ps->i]))
    ps->i++; /* (?i:...) modifiers */
  if (peek(ps) != ':')
    return 0;
  ps->i++;
  return 1;
}

static int atom_group(parser *ps, props *out) {
  int look;
  if (++ps->depth > ps->max_depth || !group_head(ps, &look))
    return fail(ps);
  props body;
  if (!parse_alt(ps, &body) || peek(ps) != ')')
    return fail(ps);
  ps->i++;
  ps->depth--;
  *out = look ? p_empty() : body;
  return 1;
}

static int atom_escape(parser *ps, props *out) {
  int c = peek(ps);
  if (c >= '1' && c <= '9') { /* a back-reference: anything, maybe nothing */
    while (ps->i < ps->n && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9')
      ps->i++;
    goto backref;
  }
  if (c == 'k' && ps->i + 1 < ps->n && ps->p[ps->i + 1] == '<') {
    while (ps->i < ps->n && ps->p[ps->i] != '>')
      ps->i++;
    if (ps->i++ >= ps->n)
      return fail(ps);
    goto backref;
  }
  if (c == 'B') {
    ps->i++;
    *out = p_empty();
    return 1;
  }
  cset s;
  int is_set;
  long v = escape(ps, &s, &is_set, 0);
  if (v == -2) {
    *out = p_empty();
    return 1;
  }
  if (v < 0)
    return fail(ps);
  if (!is_set) {
    memset(&s, 0, sizeof s);
    cs_add(&s, (unsigned long)v);
  }
  *out = p_set(ps, s);
  return 1;
backref:
  *out = p_set(ps, cs_any());
  out->nullable = 1;
  out->seqlen = -1;
  return 1;
}

/* Decimal digits at *i (saturating); how many there were. */
static size_t digits(const parser *ps, size_t *i, uint64_t *v) {
  size_t d = *i;
  *v = 0;
  while (*i < ps->n && ps->p[*i] >= '0' && ps->p[*i] <= '9') {
    if (*v < 1000000)
      *v = *v * 10 + (uint64_t)(ps->p[*i] - '0');
    (*i)++;
  }
  return *i - d;
}

/* {n}, {n,}, {n,m} at i: 1 and the bounds, or 0 (i unchanged). */
static int braces(parser *ps, uint32_t *min, uint32_t *max) {
  size_t i = ps->i + 1;
  uint64_t a, b;
  if (digits(ps, &i, &a) == 0 || i >= ps->n)
    return 0;
  b = a;
  if (ps->p[i] == ',') {
    i++;
    if (digits(ps, &i, &b) == 0)
      b = INF;
  }
  if (i >= ps->n || ps->p[i] != '}' || b < a)
    return 0;
  ps->i = i + 1;
  *min = (uint32_t)a;
  *max = (uint32_t)b;
  return 1;
}

/* A quantifier at i: 1 and the bounds, 0 if none. */
static int quantifier(parser *ps, uint32_t *min, uint32_t *max) {
  switch (peek(ps)) {
    case '*':
      *min = 0;
      *max = INF;
      break;
    case '+':
      *min = 1;
      *max = INF;
      break;
    case '?':
      *min = 0;
      *max = 1;
      break;
    case '{':
      if (!braces(ps, min, max))
        return 0;
      if (peek(ps) == '?')
        ps->i++;
      return 1;
    default:
      return 0;
  }
  ps->i++;
  if (peek(ps) == '?') /* lazy: the same backtracking on a failing input */
    ps->i++;
  return 1;
}

/* One atom at i into out; 0 at '|', ')' or the end (nothing read). */
static int atom(parser *ps, props *out) {
  int c = peek(ps);
  if (c < 0 || c == '|' || c == ')')
    return 0;
  ps->i++;
  cset s;
  switch (c) {
    case '(':
      return atom_group(ps, out);
    case '[':
      if (!class_body(ps, &s))
        return 0;
      *out = p_set(ps, s);
      return 1;
    case '\\':
      return atom_escape(ps, out);
    case '^':
    case '$':
      *out = p_empty();
      return 1;
    case '.':
      s = cs_any();
      if (!(ps->flags & PV_REDOS_DOTALL)) {
        s.w[0] &= ~(((uint64_t)1 << '\n') | ((uint64_t)1 << '\r'));
      }
      *out = p_set(ps, s);
      return 1;
    case '*':
    case '+':
    case '?':
      return fail(ps); /* nothing to repeat */
    default:
      if ((c == '{' || c == '}' || c == ']') && (ps->flags & (PV_REDOS_UNICODE | PV_REDOS_SETS)))
        return fail(ps);
      memset(&s, 0, sizeof s);
      cs_add(&s, c < 0x80 ? (unsigned long)c : utf8_cp(ps, c));
      *out = p_set(ps, s);
      return 1;
  }
}

/* A sequence of quantified atoms, up to '|', ')' or the end. */
static int parse_seq(parser *ps, props *out) {
  props acc = p_empty();
  int count = 0;
  for (;;) {
    uint32_t at = (uint32_t)ps->i, min, max;
    props a;
    if (!atom(ps, &a))
      break;
    if (quantifier(ps, &min, &max)) {
      a = p_quant(ps, &a, min, max, at);
      if (quantifier(ps, &min, &max)) /* a+* */
        return fail(ps);
    }
    acc = count++ ? p_cat(&acc, &a) : a;
  }
  *out = acc;
  return !ps->err;
}

static int parse_alt(parser *ps, props *out) {
  props *branches = NULL;
  size_t nb = 0;
  int ok = parse_seq(ps, out);
  int ambig = 0;
  while (ok && peek(ps) == '|') {
    ps->i++;
    if (branches == NULL) {
      if ((branches = malloc(PV_REDOS_ALT_MAX * sizeof *branches)) == NULL)
        return fail(ps);
      branches[nb++] = *out;
    }
    props b;
    if (!(ok = parse_seq(ps, &b)))
      break;
    for (size_t k = 0; k < nb && !ambig; k++)
      ambig = seq_overlap(&branches[k], &b);
    if (nb < PV_REDOS_ALT_MAX)
      branches[nb++] = b;
    p_union(out, &b);
  }
  if (branches != NULL)
    out->ambig = ambig;
  free(branches);
  return ok;
}

pv_redos_kind pv_redos_check(const char *p, size_t len, unsigned flags, uint32_t max_bytes,
                             uint32_t max_depth, uint32_t *at) {
  parser ps = {.p = (const unsigned char *)p, .n = len, .flags = flags, .max_depth = max_depth};
  if (at != NULL)
    *at = 0;
  if (len > max_bytes)
    return PV_REDOS_UNKNOWN;
  props r;
  if (!parse_alt(&ps, &r) || ps.i != ps.n)
    return PV_REDOS_UNKNOWN;
  if (at != NULL)
    *at = ps.at;
  return ps.found;
}

/* ---- JavaScript literals ----------------------------------------------- */

static size_t put_utf8(char *o, unsigned long v) {
  if (v < 0x80) {
    o[0] = (char)v;
    return 1;
  }
  if (v < 0x800) {
    o[0] = (char)(0xC0 | (v >> 6));
    o[1] = (char)(0x80 | (v & 0x3F));
    return 2;
  }
  if (v < 0x10000) {
    o[0] = (char)(0xE0 | (v >> 12));
    o[1] = (char)(0x80 | ((v >> 6) & 0x3F));
    o[2] = (char)(0x80 | (v & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | ((v >> 18) & 0x07));
  o[1] = (char)(0x80 | ((v >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((v >> 6) & 0x3F));
  o[3] = (char)(0x80 | (v & 0x3F));
  return 4;
}

/* Decode the string literal src[s, e) (quotes included) into out (at
 * least e - s bytes); its length, or -1 when it is not a constant. */
static long decode_string(const unsigned char *src, uint32_t s, uint32_t e, char *out) {
  unsigned char q = src[s];
  if (e - s < 2 || src[e - 1] != q || (q != '"' && q != '\'' && q != '`'))
    return -1;
  size_t o = 0;
  for (uint32_t i = s + 1; i < e - 1; i++) {
    unsigned char c = src[i];
    if (q == '`' && c == '$' && i + 1 < e - 1 && src[i + 1] == '{')
      return -1;
    if (c == q)
      return -1; /* "a" + b + "c": not one literal */
    if (c != '\\' || i + 1 >= e - 1) {
      out[o++] = (char)c;
      continue;
    }
    c = src[++i];
    static const char from[] = "ntrvfb0", to[] = "\n\t\r\v\f\b";
    const char *f = strchr(from, c);
    if (c != 0 && f != NULL) {
      out[o++] = f - from < 6 ? to[f - from] : '\0';
    } else if (c == 'x' || c == 'u') {
      unsigned long v = 0;
      uint32_t j = i + 1, n = c == 'x' ? 2 : 4, k = 0;
      int brace = c == 'u' && j < e - 1 && src[j] == '{';
      j += (uint32_t)brace;
      while (j < e - 1 && pv_hex_digit(src[j]) >= 0 && (brace || k < n) && v < 0x110000) {
        v = v * 16 + (unsigned long)pv_hex_digit(src[j++]);
        k++;
      }
      if (k == 0 || (!brace && k < n) || (brace && (j >= e - 1 || src[j] != '}')))
        return -1;
      i = j - 1 + (uint32_t)brace;
      o += put_utf8(out + o, v);
    } else if (c == '\n' || c == '\r') {
      continue; /* a line continuation */
    } else {
      out[o++] = (char)c;
    }
  }
  return (long)o;
}

static unsigned js_flags(const unsigned char *src, size_t size, uint32_t e) {
  unsigned f = 0;
  for (size_t i = (size_t)e + 1; i < size && src[i] >= 'a' && src[i] <= 'z'; i++) {
    f |= src[i] == 'i' ? PV_REDOS_ICASE : 0;
    f |= src[i] == 's' ? PV_REDOS_DOTALL : 0;
    f |= src[i] == 'u' ? PV_REDOS_UNICODE : 0;
    f |= src[i] == 'v' ? PV_REDOS_SETS : 0;
  }
  return f;
}

pv_redos_kind pv_redos_check_js(const unsigned char *src, size_t size, uint32_t s, uint32_t e,
                                uint32_t max_bytes, uint32_t max_depth, uint32_t *at) {
  if (at != NULL)
    *at = 0;
  if (s >= e || e > size)
    return PV_REDOS_UNKNOWN;
  if (s > 0 && src[s - 1] == '/' && e < size && src[e] == '/')
    return pv_redos_check((const char *)src + s, e - s, js_flags(src, size, e), max_bytes,
                          max_depth, at);
  if (e - s > (uint64_t)max_bytes + 2)
    return PV_REDOS_UNKNOWN;
  char *buf = malloc(e - s + 1);
  if (buf == NULL)
    return PV_REDOS_UNKNOWN;
  long n = decode_string(src, s, e, buf);
  pv_redos_kind k =
      n < 0 ? PV_REDOS_UNKNOWN : pv_redos_check(buf, (size_t)n, 0, max_bytes, max_depth, at);
  free(buf);
  return k;
}

const char *pv_redos_kind_name(pv_redos_kind k) {
  static const char *const names[] = {"safe", "nested quantifiers", "overlapping alternatives",
                                      "not analysed"};
  return (unsigned)k <= PV_REDOS_UNKNOWN ? names[k] : "not analysed";
}
