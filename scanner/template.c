/* template.c — see template.h. */
#include "template.h"

#include <string.h>

static int alpha(unsigned char c) {
  return (unsigned)((c | 32) - 'a') < 26u;
}

static int digit(unsigned char c) {
  return (unsigned)(c - '0') < 10u;
}

/* The walk over one file: where it is, what it found. */
typedef struct {
  const unsigned char *d;
  size_t n, max, seen;
  pv_tpl_fn fn;
  void *ctx;
  int stopped;
} walk;

/* Report output tag [s, e) with expression [xs, xe); 0 to go on. */
static int emit(walk *w, size_t s, size_t e, size_t xs, size_t xe) {
  if (w->seen == w->max || e > UINT32_MAX)
    return 1;
  w->seen++;
  pv_tpl_out o = {(uint32_t)s, (uint32_t)e, (uint32_t)xs, (uint32_t)xe};
  if (w->fn(w->ctx, &o) != 0) {
    w->stopped = 1;
    return 1;
  }
  return 0;
}

/* The offset of `close` at or after i, or n. */
static size_t find(const walk *w, size_t i, const char *close) {
  size_t m = strlen(close);
  if (i >= w->n)
    return w->n;
  const unsigned char *q = memmem(w->d + i, w->n - i, close, m);
  return q ? (size_t)(q - w->d) : w->n;
}

/* <%- expr %>; <%% is a literal. */
static void ejs_walk(walk *w) {
  for (size_t i = find(w, 0, "<%"); i < w->n; i = find(w, i, "<%")) {
    size_t s = i;
    i += 2;
    if (i < w->n && w->d[i] == '%') {
      i++;
      continue;
    }
    int raw = i < w->n && w->d[i] == '-';
    size_t e = find(w, i, "%>");
    if (e == w->n)
      return;
    size_t xe = e > i && (w->d[e - 1] == '-' || w->d[e - 1] == '_') ? e - 1 : e;
    if (raw && emit(w, s, e + 2, i + 1, xe > i ? xe : i + 1))
      return;
    i = e + 2;
  }
}

/* {{{ expr }}} and {{& expr }}; \{{ is a literal. */
static void hbs_walk(walk *w) {
  for (size_t i = find(w, 0, "{{"); i < w->n; i = find(w, i, "{{")) {
    size_t s = i;
    if (s > 0 && w->d[s - 1] == '\\') {
      i += 2;
      continue;
    }
    int triple = s + 2 < w->n && w->d[s + 2] == '{';
    size_t xs = s + (triple ? 3 : 2);
    int amp = !triple && xs < w->n && w->d[xs] == '&';
    size_t e = find(w, xs, triple ? "}}}" : "}}");
    if (e == w->n)
      return;
    if ((triple || amp) && emit(w, s, e + (triple ? 3 : 2), xs + (size_t)amp, e))
      return;
    i = e + 2;
  }
}

/* The end of the balanced {...} or (...) opened at d[i], quotes skipped,
 * before byte `end` (the line's: Pug's attributes and interpolations are
 * read on one line, so a file of unclosed ones stays linear); w->n when it
 * is not closed there. */
static size_t balanced(const walk *w, size_t i, size_t end) {
  unsigned char open = w->d[i], close = open == '{' ? '}' : ')', quote = 0;
  size_t depth = 0;
  for (; i < end; i++) {
    unsigned char c = w->d[i];
    if (quote != 0) {
      i += c == '\\';
      quote = c == quote ? 0 : quote;
    } else if (c == '"' || c == '\'' || c == '`')
      quote = c;
    else if (c == open)
      depth++;
    else if (c == close && --depth == 0)
      return i;
  }
  return w->n;
}

/* `tag.class#id(attrs)!= expr` or `!= expr` from line start ls: the
 * expression's start, or 0 when the line is not unescaped code. */
static size_t pug_code(const walk *w, size_t ls, size_t le) {
  size_t i = ls;
  while (i < le && (w->d[i] == ' ' || w->d[i] == '\t'))
    i++;
  while (i < le && (w->d[i] == '-' || w->d[i] == '_' || w->d[i] == '.' || w->d[i] == '#' ||
                    w->d[i] == ':' || alpha(w->d[i]) || digit(w->d[i])))
    i++;
  if (i < le && w->d[i] == '(') {
    i = balanced(w, i, le);
    i = i < le ? i + 1 : le;
  }
  return i + 1 < le && w->d[i] == '!' && w->d[i + 1] == '=' ? i + 2 : 0;
}

/* !{expr} anywhere on a line, and `!=` code lines. `//` comment lines are
 * skipped. */
static void pug_walk(walk *w) {
  for (size_t ls = 0; ls < w->n;) {
    size_t le = find(w, ls, "\n"), i = ls;
    while (i < le && (w->d[i] == ' ' || w->d[i] == '\t'))
      i++;
    int comment = i + 1 < le && w->d[i] == '/' && w->d[i + 1] == '/';
    size_t xs = comment ? 0 : pug_code(w, ls, le);
    if (xs != 0 && emit(w, i, le, xs, le))
      return;
    for (size_t k = xs ? le : i; !comment && k + 1 < le; k++) {
      if (w->d[k] != '!' || w->d[k + 1] != '{' || (k > 0 && w->d[k - 1] == '\\'))
        continue;
      size_t e = balanced(w, k + 1, le);
      if (e == w->n)
        break;
      if (emit(w, k, e + 1, k + 2, e))
        return;
      k = e;
    }
    ls = le + 1;
  }
}

/* Does tag [s, e) ({% ... %}) hold the words a and then b? */
static int njk_tag_is(const walk *w, size_t s, size_t e, const char *a, const char *b) {
  size_t i = s + 2;
  while (i < e && (w->d[i] == ' ' || w->d[i] == '-' || w->d[i] == '\t'))
    i++;
  size_t m = strlen(a);
  if (e - i < m || memcmp(w->d + i, a, m) != 0)
    return 0;
  for (i += m; b && i < e && w->d[i] == ' '; i++)
    ;
  return b == NULL || (e - i >= strlen(b) && memcmp(w->d + i, b, strlen(b)) == 0);
}

/* Does expression [s, e) end its filters with `| safe`? */
static int njk_safe(const walk *w, size_t s, size_t e) {
  for (size_t i = s; i < e; i++) {
    if (w->d[i] != '|')
      continue;
    size_t k = i + 1;
    while (k < e && w->d[k] == ' ')
      k++;
    if (e - k >= 4 && memcmp(w->d + k, "safe", 4) == 0 &&
        (k + 4 == e || !(alpha(w->d[k + 4]) || w->d[k + 4] == '_')))
      return 1;
  }
  return 0;
}

/* {{ expr | safe }}, and {{ expr }} inside {% autoescape false %}. */
static void njk_walk(walk *w) {
  int raw = 0;
  for (size_t i = find(w, 0, "{"); i + 1 < w->n; i = find(w, i, "{")) {
    size_t s = i;
    unsigned char c = w->d[i + 1];
    if (c != '{' && c != '%') {
      i++;
      continue;
    }
    size_t e = find(w, s + 2, c == '{' ? "}}" : "%}");
    if (e == w->n)
      return;
    size_t xs = s + 2 + (w->d[s + 2] == '-'), xe = e > xs && w->d[e - 1] == '-' ? e - 1 : e;
    if (c == '%' && njk_tag_is(w, s, e, "autoescape", NULL))
      raw = njk_tag_is(w, s, e, "autoescape", "false");
    else if (c == '%' && njk_tag_is(w, s, e, "endautoescape", NULL))
      raw = 0;
    else if (c == '{' && (raw || njk_safe(w, xs, xe)) && emit(w, s, e + 2, xs, xe))
      return;
    i = e + 2;
  }
}

long pv_tpl_unescaped(const unsigned char *d, size_t n, pv_lang l, size_t max, pv_tpl_fn fn,
                      void *ctx) {
  walk w = {.d = d, .n = d ? n : 0, .max = max, .fn = fn, .ctx = ctx};
  if (l == PV_LANG_EJS)
    ejs_walk(&w);
  else if (l == PV_LANG_HBS)
    hbs_walk(&w);
  else if (l == PV_LANG_PUG)
    pug_walk(&w);
  else if (l == PV_LANG_NJK)
    njk_walk(&w);
  return w.stopped ? -1 : (long)w.seen;
}

static int word_byte(unsigned char c) {
  return alpha(c) || digit(c) || c == '_' || c == '$';
}

/* Is the name at d[i] a field of the data, judged by what precedes it
 * (d[s..i)) and follows it (d[j..e))? */
static int data_read(const unsigned char *d, uint32_t s, uint32_t i, uint32_t j, uint32_t e) {
  static const char *const roots[] = {"locals.", "this.", "@root.", "./", NULL};
  uint32_t k = i;
  while (k > s && d[k - 1] == ' ')
    k--;
  if (k > s && d[k - 1] == '|')
    return 0;
  for (size_t r = 0; roots[r] != NULL; r++) {
    size_t m = strlen(roots[r]);
    if (k - s >= m && memcmp(d + k - m, roots[r], m) == 0 &&
        (k - s == m || !word_byte(d[k - m - 1])))
      return 1;
  }
  if (k > s && (d[k - 1] == '.' || (d[k - 1] == '/' && k - s >= 2 && d[k - 2] == '.')))
    return 0;
  while (j < e && d[j] == ' ')
    j++;
  return !(j < e && (d[j] == ':' || (d[j] == '=' && (j + 1 == e || d[j + 1] != '='))));
}

int pv_tpl_reads(const unsigned char *d, uint32_t s, uint32_t e, const char *name, size_t len) {
  unsigned char quote = 0;
  for (uint32_t i = s; i < e; i++) {
    unsigned char c = d[i];
    if (quote != 0) {
      i += c == '\\';
      quote = c == quote ? 0 : quote;
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') {
      quote = c;
      continue;
    }
    if (!word_byte(c) || (i > s && word_byte(d[i - 1])))
      continue;
    uint32_t j = i;
    while (j < e && word_byte(d[j]))
      j++;
    if (j - i == len && memcmp(d + i, name, len) == 0 && data_read(d, s, i, j, e))
      return 1;
    i = j - 1;
  }
  return 0;
}
