/* fold.c — constant strings of JavaScript expressions (fold.h). A
 * recursive-descent reader over the source bytes: values are strings (spans
 * of one scratch buffer), numbers, or arrays (runs of the item table). */
#include "fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base.h"

typedef enum { V_STR, V_NUM, V_ARR } vkind;

typedef struct {
  vkind k;
  uint32_t off, len; /* STR: bytes in buf; ARR: items in it */
  double num;
} val;

typedef struct {
  const unsigned char *d;
  uint32_t size, p, end;
  char *buf;
  uint32_t n, cap;
  val *it;
  uint32_t nit;
  int depth, lookups;
  uint32_t list_bytes; /* read back by decl_list, FOLD_LIST_BYTES at most */
} fctx;

static int expr(fctx *c, val *v);

static int is_id(unsigned char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '_' || ch == '$' || ch >= 0x80;
}

static void ws(fctx *c) {
  while (c->p < c->end) {
    unsigned char ch = c->d[c->p];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      c->p++;
    } else if (ch == '/' && c->p + 1 < c->end && c->d[c->p + 1] == '/') {
      while (c->p < c->end && c->d[c->p] != '\n')
        c->p++;
    } else if (ch == '/' && c->p + 1 < c->end && c->d[c->p + 1] == '*') {
      const unsigned char *x = memmem(c->d + c->p + 2, c->end - c->p - 2, "*/", 2);
      c->p = x ? (uint32_t)(x - c->d) + 2 : c->end;
    } else {
      return;
    }
  }
}

static int peek(fctx *c) {
  ws(c);
  return c->p < c->end ? c->d[c->p] : -1;
}

static int eat(fctx *c, int ch) {
  if (peek(c) != ch)
    return 0;
  c->p++;
  return 1;
}

/* The identifier at p (not consumed): its length, 0 if none. */
static uint32_t id_len(fctx *c) {
  ws(c);
  uint32_t q = c->p;
  while (q < c->end && is_id(c->d[q]))
    q++;
  return c->p < c->end && !(c->d[c->p] >= '0' && c->d[c->p] <= '9') ? q - c->p : 0;
}

static int eat_word(fctx *c, const char *w) {
  uint32_t n = id_len(c);
  if (n != strlen(w) || memcmp(c->d + c->p, w, n) != 0)
    return 0;
  c->p += n;
  return 1;
}

static int put(fctx *c, const void *s, uint32_t n) {
  if (n > c->cap - c->n)
    return -1;
  memmove(c->buf + c->n, s, n);
  c->n += n;
  return 0;
}

static int put_cp(fctx *c, uint32_t cp) {
  unsigned char u[4];
  uint32_t n;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  if (cp < 0x80) {
    u[0] = (unsigned char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (unsigned char)(0xC0 | (cp >> 6));
    u[1] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (unsigned char)(0xE0 | (cp >> 12));
    u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  return put(c, u, n);
}

/* n hex digits at p (n == 0: up to '}'), or -1. */
static int64_t hex_at(fctx *c, int n) {
  int64_t v = 0;
  int k = 0;
  while (c->p < c->end && (n == 0 ? c->d[c->p] != '}' : k < n)) {
    int h = pv_hex_digit(c->d[c->p]);
    if (h < 0 || v > 0x10FFFF)
      return -1;
    v = v * 16 + h;
    c->p++;
    k++;
  }
  return k == 0 ? -1 : v;
}

/* One escape after the backslash; the code point, or -1 (bad), or -2 (a
 * line continuation: nothing). */
static int64_t escape(fctx *c) {
  if (c->p >= c->end)
    return -1;
  unsigned char ch = c->d[c->p++];
  static const char from[] = "nrtbfv", to[] = "\n\r\t\b\f\v";
  const char *x = ch ? strchr(from, ch) : NULL;
  if (x)
    return to[x - from];
  if (ch == 'x')
    return hex_at(c, 2);
  if (ch == 'u' && c->p < c->end && c->d[c->p] == '{') {
    c->p++;
    int64_t v = hex_at(c, 0);
    return v >= 0 && c->p < c->end && c->d[c->p++] == '}' ? v : -1;
  }
  if (ch == 'u')
    return hex_at(c, 4);
  if (ch >= '0' && ch <= '7') {
    int64_t v = ch - '0';
    for (int k = 0; k < 2 && c->p < c->end && c->d[c->p] >= '0' && c->d[c->p] <= '7'; k++)
      v = v * 8 + (c->d[c->p++] - '0');
    return v;
  }
  if (ch == '\n')
    return -2;
  return ch;
}

/* A string literal or a template without ${}; a UTF-16 surrogate pair
 * written as two \u escapes becomes one code point. */
static int string_lit(fctx *c, val *v) {
  unsigned char q = c->d[c->p++];
  int64_t hi = -1;
  v->k = V_STR;
  v->off = c->n;
  while (c->p < c->end && c->d[c->p] != q) {
    unsigned char ch = c->d[c->p];
    if ((q != '`' && ch == '\n') ||
        (q == '`' && ch == '$' && c->p + 1 < c->end && c->d[c->p + 1] == '{'))
      return -1;
    if (ch != '\\') {
      c->p++;
      if (put(c, &ch, 1) != 0)
        return -1;
      continue;
    }
    c->p++;
    int64_t cp = escape(c);
    if (cp == -1)
      return -1;
    if (cp == -2)
      continue;
    if (cp >= 0xD800 && cp <= 0xDBFF && hi < 0) {
      hi = cp;
      continue;
    }
    if (hi >= 0 && cp >= 0xDC00 && cp <= 0xDFFF)
      cp = 0x10000 + ((hi - 0xD800) << 10) + (cp - 0xDC00);
    hi = -1;
    if (put_cp(c, (uint32_t)cp) != 0)
      return -1;
  }
  if (c->p >= c->end)
    return -1;
  c->p++;
  v->len = c->n - v->off;
  return 0;
}

static int number_lit(fctx *c, val *v) {
  const char *s = (const char *)c->d + c->p;
  uint32_t q = c->p;
  while (q < c->end && (is_id(c->d[q]) || c->d[q] == '.'))
    q++;
  char tmp[64];
  uint32_t n = q - c->p;
  if (n >= sizeof tmp)
    return -1;
  memcpy(tmp, s, n);
  tmp[n] = 0;
  char *end;
  int base = 10;
  const char *digits = tmp;
  if (n > 2 && tmp[0] == '0' && (tmp[1] | 0x20) != 'x' && (tmp[1] | 0x20) != '.') {
    base = (tmp[1] | 0x20) == 'o' ? 8 : (tmp[1] | 0x20) == 'b' ? 2 : 0;
    digits = tmp + 2;
  }
  v->k = V_NUM;
  v->num = base == 10 ? strtod(tmp, &end) : (double)strtoll(digits, &end, base);
  if (base == 0 || *end != 0)
    return -1;
  c->p = q;
  return 0;
}

static int to_str(fctx *c, val *v) {
  if (v->k == V_STR)
    return 0;
  if (v->k != V_NUM)
    return -1;
  char tmp[40];
  int n = snprintf(tmp, sizeof tmp, "%.15g", v->num);
  v->k = V_STR;
  v->off = c->n;
  v->len = (uint32_t)n;
  return put(c, tmp, (uint32_t)n);
}

static int push_item(fctx *c, const val *v) {
  if (c->nit >= FOLD_ITEMS_MAX)
    return -1;
  c->it[c->nit++] = *v;
  return 0;
}

/* [e, e, ...]: each element a string or number; what elements left in the
 * item table while they were folded is dropped. */
static int array_lit(fctx *c, val *v) {
  uint32_t start = c->nit, k = 0;
  c->p++;
  while (!eat(c, ']')) {
    val e;
    if (k > 0 && !eat(c, ','))
      return -1;
    if (peek(c) == ']')
      break;
    if (expr(c, &e) != 0 || e.k == V_ARR)
      return -1;
    c->nit = start + k;
    if (push_item(c, &e) != 0)
      return -1;
    k++;
  }
  v->k = V_ARR;
  v->off = start;
  v->len = k;
  return 0;
}

/* The arguments of a call after its '(' up to ')', each one item (a
 * `...array` spread gives its elements; an array argument, which must come
 * last, is one item whose elements follow it). */
static int args(fctx *c, val *v) {
  uint32_t start = c->nit, k = 0;
  int last = 0;
  while (!eat(c, ')')) {
    val e;
    if (last || (k > 0 && !eat(c, ',')))
      return -1;
    if (peek(c) == ')')
      continue;
    int spread = peek(c) == '.' && c->p + 2 < c->end && memcmp(c->d + c->p, "...", 3) == 0;
    c->p += spread ? 3 : 0;
    if (expr(c, &e) != 0 || (spread && e.k != V_ARR))
      return -1;
    last = !spread && e.k == V_ARR;
    uint32_t m = spread ? e.len : last ? e.len + 1 : 1;
    if (start + k + m > FOLD_ITEMS_MAX)
      return -1;
    if (spread) {
      memmove(c->it + start + k, c->it + e.off, e.len * sizeof *c->it);
    } else if (last) {
      memmove(c->it + start + k + 1, c->it + e.off, e.len * sizeof *c->it);
      e.off = start + k + 1;
      c->it[start + k] = e;
    } else {
      c->it[start + k] = e;
    }
    c->nit = start + k + m;
    k += last ? 1 : m;
  }
  v->k = V_ARR;
  v->off = start;
  v->len = k;
  return 0;
}

/* String.fromCharCode over the numbers of an array value. */
static int char_codes(fctx *c, const val *a, val *v) {
  uint32_t off = c->n;
  int64_t hi = -1;
  for (uint32_t i = 0; i < a->len; i++) {
    const val *e = &c->it[a->off + i];
    if (e->k != V_NUM)
      return -1;
    int64_t u = (int64_t)e->num & 0xFFFF;
    if (u >= 0xD800 && u <= 0xDBFF && hi < 0) {
      hi = u;
      continue;
    }
    if (hi >= 0 && u >= 0xDC00 && u <= 0xDFFF)
      u = 0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00);
    hi = -1;
    if (put_cp(c, (uint32_t)u) != 0)
      return -1;
  }
  v->k = V_STR;
  v->off = off;
  v->len = c->n - off;
  return 0;
}

static int b64v(unsigned char ch) {
  if (ch >= 'A' && ch <= 'Z')
    return ch - 'A';
  if (ch >= 'a' && ch <= 'z')
    return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9')
    return ch - '0' + 52;
  if (ch == '+' || ch == '-')
    return 62;
  if (ch == '/' || ch == '_')
    return 63;
  return -1;
}

/* Decode the string s in place of v: "base64", "hex", "pct" (%XX, and
 * %uXXXX when unicode), or a text encoding (kept as it is). */
static int decode(fctx *c, val *v, const char *how, int unicode) {
  uint32_t off = c->n, bits = 0, nb = 0;
  const unsigned char *s = (const unsigned char *)c->buf + v->off;
  for (uint32_t i = 0; i < v->len; i++) {
    unsigned char ch = s[i], out;
    if (strcmp(how, "base64") == 0) {
      int x = b64v(ch);
      if (x < 0 && (ch == '=' || ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t'))
        continue;
      if (x < 0)
        return -1;
      bits = (bits << 6) | (uint32_t)x;
      if ((nb += 6) < 8)
        continue;
      nb -= 8;
      out = (unsigned char)(bits >> nb);
    } else if (strcmp(how, "hex") == 0) {
      if (i + 1 >= v->len || pv_hex_digit(ch) < 0 || pv_hex_digit(s[i + 1]) < 0)
        break; /* Buffer.from stops at the first bad pair */
      out = (unsigned char)(pv_hex_digit(ch) * 16 + pv_hex_digit(s[i + 1]));
      i++;
    } else if (ch == '%' && unicode && i + 5 < v->len && s[i + 1] == 'u') {
      uint32_t cp = 0;
      int okay = 1;
      for (int k = 2; k < 6; k++) {
        okay &= pv_hex_digit(s[i + k]) >= 0;
        cp = cp * 16 + (uint32_t)(pv_hex_digit(s[i + k]) & 15);
      }
      if (!okay || put_cp(c, cp) != 0)
        return -1;
      i += 5;
      continue;
    } else if (ch == '%' && i + 2 < v->len && pv_hex_digit(s[i + 1]) >= 0 &&
               pv_hex_digit(s[i + 2]) >= 0) {
      out = (unsigned char)(pv_hex_digit(s[i + 1]) * 16 + pv_hex_digit(s[i + 2]));
      i += 2;
    } else {
      out = ch;
    }
    if (put(c, &out, 1) != 0)
      return -1;
  }
  v->off = off;
  v->len = c->n - off;
  return 0;
}

/* Buffer.from(s[, enc]) / new Buffer(s[, enc]) after the '('. */
static int buffer_from(fctx *c, val *v) {
  val a;
  if (args(c, &a) != 0 || a.len < 1 || a.len > 2)
    return -1;
  val s = c->it[a.off], enc = {.k = V_STR, .off = 0, .len = 0};
  if (a.len == 2)
    enc = c->it[a.off + 1];
  if (s.k != V_STR || enc.k != V_STR || enc.len > 16)
    return -1;
  char e[17];
  memcpy(e, c->buf + enc.off, enc.len);
  e[enc.len] = 0;
  *v = s;
  if (strcmp(e, "base64") == 0 || strcmp(e, "base64url") == 0)
    return decode(c, v, "base64", 0);
  if (strcmp(e, "hex") == 0)
    return decode(c, v, "hex", 0);
  static const char *const text[] = {"", "utf8", "utf-8", "latin1", "binary", "ascii", NULL};
  for (int i = 0; text[i]; i++)
    if (strcmp(e, text[i]) == 0)
      return 0;
  return -1;
}

/* One string argument in parentheses, after the callee. */
static int one_str_arg(fctx *c, val *v) {
  val a;
  if (!eat(c, '(') || args(c, &a) != 0 || a.len != 1 || c->it[a.off].k != V_STR)
    return -1;
  *v = c->it[a.off];
  return 0;
}

static int from_char_code(fctx *c, val *v) {
  val a;
  if (eat(c, '('))
    return args(c, &a) != 0 ? -1 : char_codes(c, &a, v);
  int apply = 0;
  if (!eat(c, '.') || !((apply = eat_word(c, "apply")) || eat_word(c, "call")) || !eat(c, '(') ||
      args(c, &a) != 0 || a.len < 1)
    return -1;
  if (apply) {
    if (a.len != 2 || c->it[a.off + 1].k != V_ARR)
      return -1;
    val arr = c->it[a.off + 1];
    return char_codes(c, &arr, v);
  }
  val rest = {.k = V_ARR, .off = a.off + 1, .len = a.len - 1};
  return char_codes(c, &rest, v);
}

/* Does a const, let or var keyword end at k (a word of its own)? */
static int decl_kw(const fctx *c, uint32_t lo, uint32_t k) {
  uint32_t w =
      k >= lo + 5 && memcmp(c->d + k - 5, "const", 5) == 0 ? 5
      : k >= lo + 3 && (memcmp(c->d + k - 3, "let", 3) == 0 || memcmp(c->d + k - 3, "var", 3) == 0)
          ? 3
          : 0;
  return w && (k - w == lo || !is_id(c->d[k - w - 1]));
}

/* A ',' at k that separates declarators of one const/let/var statement
 * (`const a = 'x', b = 'y'`): back over balanced brackets, at most
 * FOLD_LOOKBACK bytes, to the keyword, without crossing a ';' or an
 * opening bracket (a call's arguments, a parameter list). */
static int decl_list(fctx *c, uint32_t lo, uint32_t k) {
  int depth = 0;
  for (uint32_t j = k; j > lo; j--) {
    if (++c->list_bytes > FOLD_LIST_BYTES)
      return 0;
    unsigned char ch = c->d[j - 1];
    if (ch == ')' || ch == ']' || ch == '}')
      depth++;
    else if (ch == '(' || ch == '[' || ch == '{') {
      if (--depth < 0)
        return 0;
    } else if (ch == ';' && depth == 0)
      return 0;
    else if (depth == 0 && (ch == 't' || ch == 'r') && decl_kw(c, lo, j))
      return 1;
  }
  return 0;
}

/* Is the occurrence of a name at i (n bytes, before `at`) declared there
 * (`const|let|var NAME =`, or a later declarator of such a list)? The
 * offset just after the '=', or UINT32_MAX. */
static uint32_t decl_at(fctx *c, uint32_t lo, uint32_t at, uint32_t i, uint32_t n) {
  if ((i > 0 && is_id(c->d[i - 1])) || is_id(c->d[i + n]))
    return UINT32_MAX;
  uint32_t k = i, q = i + n;
  while (k > lo && (c->d[k - 1] == ' ' || c->d[k - 1] == '\t' || c->d[k - 1] == '\n'))
    k--;
  while (q < at && (c->d[q] == ' ' || c->d[q] == '\t'))
    q++;
  if (!(q + 1 < at && c->d[q] == '=' && c->d[q + 1] != '=' && c->d[q + 1] != '>'))
    return UINT32_MAX;
  if ((k < i && decl_kw(c, lo, k)) || (k > lo && c->d[k - 1] == ',' && decl_list(c, lo, k - 1)))
    return q + 1;
  return UINT32_MAX;
}

/* The nearest `const|let|var NAME =` in the FOLD_LOOKBACK bytes before
 * `at`, looking back from `at` at no more than FOLD_CANDIDATES occurrences
 * of the name's first byte: the offset just after its '=', or UINT32_MAX. */
static uint32_t find_decl(fctx *c, uint32_t at, const unsigned char *name, uint32_t n) {
  uint32_t lo = at > FOLD_LOOKBACK ? at - FOLD_LOOKBACK : 0, i = at >= n ? at - n + 1 : lo;
  for (int k = 0; k < FOLD_CANDIDATES && i > lo; k++) {
    const unsigned char *x = memrchr(c->d + lo, name[0], i - lo);
    if (x == NULL)
      break;
    i = (uint32_t)(x - c->d);
    uint32_t q = memcmp(x, name, n) == 0 ? decl_at(c, lo, at, i, n) : UINT32_MAX;
    if (q != UINT32_MAX)
      return q;
  }
  return UINT32_MAX;
}

static int ident_value(fctx *c, uint32_t at, uint32_t n, val *v) {
  uint32_t q = find_decl(c, at, c->d + at, n);
  if (q == UINT32_MAX || ++c->lookups > FOLD_LOOKUPS)
    return -1;
  uint32_t p = c->p, end = c->end;
  c->p = q;
  c->end = at;
  int rc = expr(c, v);
  c->p = p;
  c->end = end;
  return rc;
}

/* A name: a decoder, a constructor, or a declared constant. */
static int name(fctx *c, val *v) {
  static const char *const globals[] = {"window", "globalThis", "self", "global", NULL};
  for (int i = 0; globals[i]; i++) {
    uint32_t p = c->p;
    if (eat_word(c, globals[i]) && !eat(c, '.'))
      c->p = p;
  }
  if (eat_word(c, "new"))
    return eat_word(c, "Buffer") && eat(c, '(') ? buffer_from(c, v) : -1;
  if (eat_word(c, "String"))
    return eat(c, '.') && eat_word(c, "fromCharCode") ? from_char_code(c, v) : -1;
  if (eat_word(c, "Buffer"))
    return eat(c, '.') && eat_word(c, "from") && eat(c, '(') ? buffer_from(c, v) : -1;
  if (eat_word(c, "atob"))
    return one_str_arg(c, v) == 0 ? decode(c, v, "base64", 0) : -1;
  if (eat_word(c, "decodeURIComponent") || eat_word(c, "decodeURI"))
    return one_str_arg(c, v) == 0 ? decode(c, v, "pct", 0) : -1;
  if (eat_word(c, "unescape"))
    return one_str_arg(c, v) == 0 ? decode(c, v, "pct", 1) : -1;
  if (eat_word(c, "null") || eat_word(c, "undefined") || eat_word(c, "this")) {
    *v = (val){.k = V_NUM, .num = 0}; /* a this-argument of .apply/.call */
    return 0;
  }
  uint32_t at = c->p, n = id_len(c);
  if (n == 0)
    return -1;
  c->p += n;
  if (peek(c) == '(')
    return -1; /* a call of something else */
  return ident_value(c, at, n, v);
}

static int primary(fctx *c, val *v) {
  int ch = peek(c);
  if (ch == '"' || ch == '\'' || ch == '`')
    return string_lit(c, v);
  if (ch >= '0' && ch <= '9')
    return number_lit(c, v);
  if (ch == '[')
    return array_lit(c, v);
  if (ch == '(') {
    c->p++;
    return expr(c, v) == 0 && eat(c, ')') ? 0 : -1;
  }
  return name(c, v);
}

/* s.split(sep): the pieces as items ('' splits into code points). */
static int split(fctx *c, val *v, const val *sep) {
  uint32_t start = c->nit, i = 0;
  const char *s = c->buf + v->off;
  while (i <= v->len) {
    uint32_t j = i;
    if (sep->len == 0) {
      if (i == v->len)
        break;
      j++;
      while (j < v->len && (s[j] & 0xC0) == 0x80)
        j++;
    } else {
      const char *x = memmem(s + i, v->len - i, c->buf + sep->off, sep->len);
      j = x ? (uint32_t)(x - s) : v->len;
    }
    val e = {.k = V_STR, .off = v->off + i, .len = j - i};
    if (push_item(c, &e) != 0)
      return -1;
    i = j + (sep->len ? sep->len : 0);
    if (sep->len && j == v->len)
      break;
  }
  v->k = V_ARR;
  v->off = start;
  v->len = c->nit - start;
  return 0;
}

static int join(fctx *c, val *v, const val *sep) {
  uint32_t off = c->n;
  for (uint32_t i = 0; i < v->len; i++) {
    val e = c->it[v->off + i];
    if (to_str(c, &e) != 0)
      return -1;
    if (i > 0 && put(c, c->buf + sep->off, sep->len) != 0)
      return -1;
    if (put(c, c->buf + e.off, e.len) != 0)
      return -1;
  }
  v->k = V_STR;
  v->off = off;
  v->len = c->n - off;
  return 0;
}

static int reverse(fctx *c, val *v) {
  if (v->k != V_ARR || c->nit + v->len > FOLD_ITEMS_MAX)
    return -1;
  uint32_t start = c->nit;
  for (uint32_t i = 0; i < v->len; i++)
    c->it[start + i] = c->it[v->off + v->len - 1 - i];
  c->nit += v->len;
  v->off = start;
  return 0;
}

static int concat(fctx *c, val *v, const val *a) {
  if (v->k == V_ARR) {
    uint32_t start = c->nit;
    for (uint32_t i = 0; i < v->len; i++)
      if (push_item(c, &c->it[v->off + i]) != 0)
        return -1;
    for (uint32_t i = 0; i < a->len; i++)
      if (push_item(c, &c->it[a->off + i]) != 0)
        return -1;
    v->off = start;
    v->len = c->nit - start;
    return 0;
  }
  val sep = {.k = V_STR, .off = 0, .len = 0}, w = *a;
  uint32_t off = c->n;
  if (put(c, c->buf + v->off, v->len) != 0 || join(c, &w, &sep) != 0)
    return -1;
  v->off = off;
  v->len = c->n - off;
  return 0;
}

/* The callback of .map( at p, without its spaces, up to the ')' that
 * closes the call (consumed): is it String.fromCharCode, by name or as a
 * one-parameter function returning String.fromCharCode(parameter)? */
static int char_code_callback(fctx *c) {
  char t[96];
  uint32_t n = 0;
  int depth = 0;
  for (; c->p < c->end && n + 1 < sizeof t; c->p++) {
    char ch = (char)c->d[c->p];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
      continue;
    if (ch == ')' && depth-- == 0)
      break;
    depth += ch == '(';
    t[n++] = ch;
  }
  if (c->p >= c->end || c->d[c->p] != ')')
    return 0;
  c->p++;
  t[n] = '\0';
  if (strcmp(t, "String.fromCharCode") == 0)
    return 1;
  char par[32], body[64];
  int used = 0;
  if (sscanf(t, "(%31[A-Za-z0-9_$])=>%63[^;]%n", par, body, &used) != 2 &&
      sscanf(t, "%31[A-Za-z0-9_$]=>%63[^;]%n", par, body, &used) != 2 &&
      sscanf(t, "function(%31[A-Za-z0-9_$]){return%63[^;}]%n", par, body, &used) != 2)
    return 0;
  char want[64];
  snprintf(want, sizeof want, "String.fromCharCode(%s)", par);
  return strcmp(body, want) == 0;
}

/* [n, ...].map(String.fromCharCode | (x) => String.fromCharCode(x)): an
 * array of one-character strings. */
static int map_char_codes(fctx *c, val *v) {
  if (v->k != V_ARR || !char_code_callback(c))
    return -1;
  uint32_t start = c->nit;
  for (uint32_t i = 0; i < v->len; i++) {
    val one = {.k = V_ARR, .off = v->off + i, .len = 1}, s;
    if (char_codes(c, &one, &s) != 0 || push_item(c, &s) != 0)
      return -1;
  }
  v->off = start;
  v->len = c->nit - start;
  return 0;
}

/* .method(args) on v. */
static int method(fctx *c, val *v) {
  uint32_t n = id_len(c);
  const char *m = (const char *)c->d + c->p;
  c->p += n;
  val a;
  if (n == 3 && memcmp(m, "map", 3) == 0)
    return eat(c, '(') ? map_char_codes(c, v) : -1;
  if (n == 0 || !eat(c, '(') || args(c, &a) != 0)
    return -1;
  val comma = {.k = V_STR, .off = c->n, .len = 1};
  const val *arg0 = a.len > 0 ? &c->it[a.off] : NULL;
  if (n == 8 && memcmp(m, "toString", 8) == 0)
    return v->k == V_ARR ? (put(c, ",", 1) == 0 ? join(c, v, &comma) : -1) : to_str(c, v);
  if (n == 5 && memcmp(m, "split", 5) == 0)
    return v->k == V_STR && arg0 && arg0->k == V_STR ? split(c, v, arg0) : -1;
  if (n == 4 && memcmp(m, "join", 4) == 0 && v->k == V_ARR) {
    if (arg0 == NULL)
      return put(c, ",", 1) == 0 ? join(c, v, &comma) : -1;
    val sep = *arg0;
    return to_str(c, &sep) == 0 ? join(c, v, &sep) : -1;
  }
  if (n == 7 && memcmp(m, "reverse", 7) == 0)
    return reverse(c, v);
  if (n == 6 && memcmp(m, "concat", 6) == 0)
    return v->k == V_NUM ? -1 : concat(c, v, &a);
  return -1;
}

/* v[index] */
static int index_of(fctx *c, val *v) {
  val i;
  if (expr(c, &i) != 0 || i.k != V_NUM || !eat(c, ']') || i.num < 0 || v->k == V_NUM)
    return -1;
  uint32_t k = (uint32_t)i.num;
  if (k >= v->len)
    return -1;
  if (v->k == V_ARR) {
    *v = c->it[v->off + k];
    return 0;
  }
  v->off += k;
  v->len = 1;
  return 0;
}

static int postfix(fctx *c, val *v) {
  for (;;) {
    uint32_t p = c->p;
    if (eat_word(c, "as")) { /* TypeScript `e as string`: e */
      if (id_len(c) == 0)
        return -1;
      c->p += id_len(c);
      continue;
    }
    c->p = p;
    if (eat(c, '[')) {
      if (index_of(c, v) != 0)
        return -1;
    } else if (peek(c) == '.' && !(c->p + 1 < c->end && c->d[c->p + 1] == '.')) {
      c->p++;
      if (method(c, v) != 0)
        return -1;
    } else {
      return 0;
    }
  }
}

static int expr(fctx *c, val *v) {
  if (++c->depth > FOLD_DEPTH_MAX)
    return -1;
  int rc = primary(c, v) == 0 && postfix(c, v) == 0 ? 0 : -1;
  while (rc == 0 && peek(c) == '+' && !(c->p + 1 < c->end && c->d[c->p + 1] == '+')) {
    val w;
    c->p++;
    rc = primary(c, &w) == 0 && postfix(c, &w) == 0 ? 0 : -1;
    if (rc == 0 && v->k == V_NUM && w.k == V_NUM) {
      v->num += w.num;
    } else if (rc == 0) {
      uint32_t off;
      rc = to_str(c, v) == 0 && to_str(c, &w) == 0 ? 0 : -1;
      off = c->n;
      if (rc == 0 && (put(c, c->buf + v->off, v->len) != 0 || put(c, c->buf + w.off, w.len) != 0))
        rc = -1;
      v->off = off;
      v->len = c->n - off;
    }
  }
  c->depth--;
  return rc;
}

int32_t pv_fold(const unsigned char *data, uint32_t size, uint32_t s, uint32_t e, char *out,
                uint32_t max_out) {
  if (data == NULL || s > e || e > size || max_out == 0 || max_out > FOLD_MAX_OUT_CAP)
    return -1;
  fctx c = {.d = data, .size = size, .p = s, .end = e, .cap = 4 * max_out};
  c.buf = malloc(c.cap);
  c.it = malloc(FOLD_ITEMS_MAX * sizeof *c.it);
  val v;
  int32_t rc = -1;
  if (c.buf && c.it && expr(&c, &v) == 0 && peek(&c) == -1 && v.k != V_ARR && to_str(&c, &v) == 0 &&
      v.len <= max_out) {
    memcpy(out, c.buf + v.off, v.len);
    rc = (int32_t)v.len;
  }
  free(c.buf);
  free(c.it);
  return rc;
}
