/* template.c — see template.h. */
#include "template.h"

#include <string.h>

static int alpha(unsigned char c) {
  return (unsigned)((c | 32) - 'a') < 26u;
}

static int digit(unsigned char c) {
  return (unsigned)(c - '0') < 10u;
}

static int word_byte(unsigned char c) {
  return alpha(c) || digit(c) || c == '_' || c == '$';
}

enum { HBS_NEST_MAX = 64 }; /* Handlebars blocks nested in one read for its end */

/* The walk over one file: where it is, what it found. */
typedef struct walk {
  const unsigned char *d;
  size_t n, max, seen;
  pv_tpl_fn fn;
  pv_tpl_alias_fn afn; /* the alias walk's, instead of fn */
  /* The alias walk's: where a declaration at `at` (in code ending at e)
   * stops holding; loop: a for/each/forEach name, var: a `var`. */
  size_t (*scope)(const struct walk *w, size_t at, size_t e, int loop, int var);
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

/* The quote state at byte w->d[*i]: 1 when it is inside a string
 * literal or opens one (an escaped byte is skipped), else 0. */
static int quoted(const walk *w, size_t *i, unsigned char *quote) {
  unsigned char c = w->d[*i];
  if (*quote != 0) {
    *i += c == '\\';
    *quote = c == *quote ? 0 : *quote;
    return 1;
  }
  if (c == '"' || c == '\'' || c == '`') {
    *quote = c;
    return 1;
  }
  return 0;
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
    if (quoted(w, &i, &quote))
      continue;
    if (c == open)
      depth++;
    else if (c == close && --depth == 0)
      return i;
  }
  return w->n;
}

/* The end of the expression at i: a ';' or ',' (or, at_space, a blank)
 * at depth 0, a bracket closing one opened before it, or e; quotes
 * skipped. */
static size_t expr_end(const walk *w, size_t i, size_t e, int at_space) {
  size_t depth = 0;
  unsigned char quote = 0;
  for (; i < e; i++) {
    unsigned char c = w->d[i];
    if (quoted(w, &i, &quote))
      continue;
    if (c == '(' || c == '[' || c == '{')
      depth++;
    else if ((c == ')' || c == ']' || c == '}') && depth-- == 0)
      break;
    else if ((c == ';' || c == ',' || (at_space && (c == ' ' || c == '\t'))) && depth == 0)
      break;
  }
  return i < e ? i : e;
}

/* The unescaped attributes `name!=expr` of the attribute list whose
 * brackets are at as and ae (not a string literal: the template's own
 * text); 1 when the walk stops. */
static int pug_attrs(walk *w, size_t as, size_t ae) {
  unsigned char quote = 0;
  size_t depth = 0;
  for (size_t i = as + 1; i + 1 < ae; i++) {
    unsigned char c = w->d[i];
    if (quoted(w, &i, &quote))
      continue;
    depth += c == '(' || c == '[' || c == '{';
    depth -= depth > 0 && (c == ')' || c == ']' || c == '}');
    if (depth > 0 || c != '!' || w->d[i + 1] != '=' ||
        !(word_byte(w->d[i - 1]) || w->d[i - 1] == '-'))
      continue;
    size_t ns = i, xs = i + 2;
    while (ns > as + 1 && (word_byte(w->d[ns - 1]) || w->d[ns - 1] == '-' || w->d[ns - 1] == ':'))
      ns--;
    while (xs < ae && (w->d[xs] == ' ' || w->d[xs] == '\t'))
      xs++;
    size_t xe = expr_end(w, xs, ae, 1);
    int literal = xs < ae && (w->d[xs] == '"' || w->d[xs] == '\'' || w->d[xs] == '`');
    if (xe > xs && !literal && emit(w, ns, xe, xs, xe))
      return 1;
    i = xe > i ? xe - 1 : i;
  }
  return 0;
}

/* `tag.class#id(attrs)!= expr` or `!= expr` from line start ls: the
 * expression's start, or 0 when the line is not unescaped code; the
 * unescaped attributes of the attribute list on the way to fn (*stop set
 * when it stops the walk). */
static size_t pug_code(walk *w, size_t ls, size_t le, int *stop) {
  size_t i = ls;
  while (i < le && (w->d[i] == ' ' || w->d[i] == '\t'))
    i++;
  while (i < le && (w->d[i] == '-' || w->d[i] == '_' || w->d[i] == '.' || w->d[i] == '#' ||
                    w->d[i] == ':' || alpha(w->d[i]) || digit(w->d[i])))
    i++;
  if (i < le && w->d[i] == '(') {
    size_t as = i;
    i = balanced(w, i, le);
    *stop = i < le && pug_attrs(w, as, i);
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
    int stop = 0;
    size_t xs = comment ? 0 : pug_code(w, ls, le, &stop);
    if (stop || (xs != 0 && emit(w, i, le, xs, le)))
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

/* ---- Aliases ------------------------------------------------------------ */

/* Report alias name [ns, ne) of expression [xs, xe), holding in
 * [from, to); 0 to go on. */
static int emit_alias(walk *w, size_t ns, size_t ne, size_t xs, size_t xe, size_t from, size_t to) {
  if (w->seen == w->max || to > UINT32_MAX)
    return 1;
  w->seen++;
  pv_tpl_alias a = {(uint32_t)ns, (uint32_t)ne,   (uint32_t)xs,
                    (uint32_t)xe, (uint32_t)from, (uint32_t)to};
  if (w->afn(w->ctx, &a) != 0) {
    w->stopped = 1;
    return 1;
  }
  return 0;
}

static size_t spaces(const walk *w, size_t i, size_t e) {
  while (i < e && (w->d[i] == ' ' || w->d[i] == '\t' || w->d[i] == '\n' || w->d[i] == '\r'))
    i++;
  return i;
}

static size_t word_end(const walk *w, size_t i, size_t e) {
  while (i < e && word_byte(w->d[i]))
    i++;
  return i;
}

/* Is the word at i (before e) k? */
static int word_is(const walk *w, size_t i, size_t e, const char *k) {
  size_t m = strlen(k);
  return word_end(w, i, e) - i == m && memcmp(w->d + i, k, m) == 0;
}

/* `NAME = expr`, `NAME in|of expr` or `K, V in expr` at i (before e),
 * and the declarators after a ',' of the first form: one alias per name,
 * holding from e to `to`. */
static int binding(walk *w, size_t i, size_t e, size_t to) {
  for (;;) {
    size_t n1 = i, n1e = word_end(w, i, e), n2 = 0, n2e = 0, xs;
    if (n1e == n1)
      return 0;
    i = spaces(w, n1e, e);
    if (i < e && w->d[i] == ',') {
      n2 = spaces(w, i + 1, e);
      n2e = word_end(w, n2, e);
      i = spaces(w, n2e, e);
    }
    int eq = i < e && w->d[i] == '=' && (i + 1 == e || w->d[i + 1] != '=');
    if (eq)
      xs = i + 1;
    else if (word_is(w, i, e, "in") || word_is(w, i, e, "of"))
      xs = i + 2;
    else
      return 0;
    size_t xe = expr_end(w, xs, e, 0);
    if (emit_alias(w, n1, n1e, xs, xe, e, to) ||
        (n2e > n2 && emit_alias(w, n2, n2e, xs, xe, e, to)))
      return 1;
    if (!eq || xe == e || w->d[xe] != ',')
      return 0;
    i = spaces(w, xe + 1, e);
  }
}

/* The start of the bracket group closed at c (after s), or s. */
static size_t opened(const walk *w, size_t s, size_t c) {
  unsigned char close = w->d[c], open = close == ')' ? '(' : '[';
  size_t depth = 0;
  for (size_t i = c + 1; i > s; i--) {
    if (w->d[i - 1] == close)
      depth++;
    else if (w->d[i - 1] == open && --depth == 0)
      return i - 1;
  }
  return s;
}

/* `recv.forEach(function (NAME` / `recv.forEach((NAME` / `recv.forEach(NAME
 * =>` with forEach at k (recv: names, calls, indexes and arrays back
 * to the code's start s): NAME is an item of recv. */
static int for_each(walk *w, size_t s, size_t k, size_t e, size_t to) {
  size_t rs = k - 1;
  while (rs > s && (word_byte(w->d[rs - 1]) || w->d[rs - 1] == '.' || w->d[rs - 1] == ')' ||
                    w->d[rs - 1] == ']'))
    rs = word_byte(w->d[rs - 1]) || w->d[rs - 1] == '.' ? rs - 1 : opened(w, s, rs - 1);
  size_t i = spaces(w, k + 7, e);
  if (rs + 1 >= k || w->d[k - 1] != '.' || i == e || w->d[i] != '(')
    return 0;
  i = spaces(w, i + 1, e);
  if (word_is(w, i, e, "function"))
    i = spaces(w, i + 8, e);
  if (i < e && w->d[i] == '(')
    i = spaces(w, i + 1, e);
  size_t ne = word_end(w, i, e);
  return ne > i && emit_alias(w, i, ne, rs, k - 1, e, to);
}

/* The declarations in code [s, e): `const|let|var|set NAME = expr`,
 * `for|each NAME in|of expr` (a `(` and a declaration keyword after
 * `for` alike), `x.forEach(function (NAME) ...`; each holding from e to
 * the end of its scope (w->scope; the file's end without one). */
static int decls(walk *w, size_t s, size_t e) {
  static const char *const kws[] = {"const", "let", "var", "set", "each", "for", "forEach", NULL};
  int in_for = 0;
  for (size_t k = s; k < e; k++) {
    if (!word_byte(w->d[k]) || (k > s && word_byte(w->d[k - 1])))
      continue;
    size_t ke = word_end(w, k, e), i = spaces(w, ke, e), stop = 0;
    for (size_t j = 0; kws[j] != NULL && stop == 0; j++) {
      if (!word_is(w, k, e, kws[j]))
        continue;
      size_t to = w->scope ? w->scope(w, k, e, j >= 4 || in_for, j == 2) : w->n;
      to = to < e ? e : to; /* a block closed in the same tag: it holds nowhere */
      in_for = 0;
      if (j == 6)
        stop = 1 + (size_t)for_each(w, s, k, e, to);
      else if (i < e && w->d[i] == '(')
        stop = in_for = 1; /* for (const x of y): x is the loop's */
      else
        stop = 1 + (size_t)binding(w, i, e, to);
    }
    if (stop == 2)
      return 1;
    k = ke - 1;
  }
  return 0;
}

/* Past the string literal opening at i (before e). */
static size_t past_string(const walk *w, size_t i, size_t e) {
  unsigned char q = w->d[i];
  for (i++; i < e && w->d[i] != q; i++)
    i += w->d[i] == '\\';
  return i < e ? i + 1 : e;
}

/* Where an EJS declaration at `at` stops holding, its braces counted
 * through the scriptlets after it (their code only, strings skipped): a
 * const/let at the `}` closing the block it is in; a loop name at the end
 * of the body after it; a var (function-scoped) and anything unclosed
 * within PV_TPL_SCOPE_BYTES: the file's end. */
static size_t ejs_scope(const walk *w, size_t at, size_t e, int loop, int var) {
  long depth = 0;
  int opened = 0;
  size_t stop = w->n - at > PV_TPL_SCOPE_BYTES ? at + PV_TPL_SCOPE_BYTES : w->n;
  for (size_t i = at; !var && i < stop;) {
    if (i >= e) { /* the next scriptlet's code */
      i = find(w, e, "<%") + 2;
      if (i >= stop)
        break;
      unsigned char c = w->d[i];
      e = find(w, i, "%>");
      if (c == '=' || c == '-' || c == '#' || c == '%')
        i = e;
      continue;
    }
    unsigned char c = w->d[i];
    if (c == '\'' || c == '"' || c == '`') {
      i = past_string(w, i, e);
      continue;
    }
    opened |= c == '{';
    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (c == '}' && (depth < 0 || (loop && opened && depth == 0)))
      return i;
    i++;
  }
  return w->n;
}

/* EJS scriptlets: <% ... %>, <%_ ... %>. */
static void ejs_aliases(walk *w) {
  w->scope = ejs_scope;
  for (size_t i = find(w, 0, "<%"); i + 2 < w->n; i = find(w, i, "<%")) {
    unsigned char c = w->d[i + 2];
    size_t e = find(w, i + 2, "%>");
    if (e == w->n || (c != '=' && c != '-' && c != '#' && c != '%' && decls(w, i + 2, e)))
      return;
    i = e + 2;
  }
}

/* The indent of the line holding i, and its start. */
static size_t indent_of(const walk *w, size_t i, size_t *ls) {
  while (i > 0 && w->d[i - 1] != '\n')
    i--;
  *ls = i;
  size_t k = i;
  while (k < w->n && (w->d[k] == ' ' || w->d[k] == '\t'))
    k++;
  return k - i;
}

/* Where a Pug declaration at `at` stops holding: a loop name (each, for)
 * at the first later line indented no deeper than its line (the loop's
 * block ends); a code line's const/let at the first later line indented
 * less (the block it is in ends); a var, a name at the top level, or
 * past PV_TPL_SCOPE_BYTES: the file's end. */
static size_t pug_scope(const walk *w, size_t at, size_t e, int loop, int var) {
  size_t ls, k = indent_of(w, at, &ls);
  if (var || (!loop && k == 0))
    return w->n;
  size_t stop = w->n - at > PV_TPL_SCOPE_BYTES ? at + PV_TPL_SCOPE_BYTES : w->n;
  for (size_t i = find(w, e, "\n"); i < stop; i = find(w, i + 1, "\n")) {
    size_t s = i + 1, j = s;
    while (j < w->n && (w->d[j] == ' ' || w->d[j] == '\t'))
      j++;
    if (j == w->n || w->d[j] == '\n' || w->d[j] == '\r')
      continue; /* blank lines end nothing */
    if (j - s < k || (loop && j - s == k))
      return s;
  }
  return w->n;
}

/* Pug code lines (`- var x = y`) and `each x in y` / `for x in y` lines. */
static void pug_aliases(walk *w) {
  w->scope = pug_scope;
  for (size_t ls = 0; ls < w->n;) {
    size_t le = find(w, ls, "\n"), i = ls;
    while (i < le && (w->d[i] == ' ' || w->d[i] == '\t'))
      i++;
    int code = i < le && w->d[i] == '-';
    if ((code || word_is(w, i, le, "each") || word_is(w, i, le, "for")) &&
        decls(w, i + (size_t)code, le))
      return;
    ls = le + 1;
  }
}

/* The word a Nunjucks tag opening at i starts with: 1 for for/macro,
 * -1 for endfor/endmacro, 0 otherwise. */
static int njk_block(const walk *w, size_t i) {
  size_t k = spaces(w, i + 2 + (i + 2 < w->n && w->d[i + 2] == '-'), w->n);
  return word_is(w, k, w->n, "for") || word_is(w, k, w->n, "macro")         ? 1
         : word_is(w, k, w->n, "endfor") || word_is(w, k, w->n, "endmacro") ? -1
                                                                            : 0;
}

/* Where a Nunjucks name declared at `at` stops holding: a for's at its
 * {% endfor %}; a set's at the end of the for or macro it is in (an if
 * does not scope it); the file's end when none closes within
 * PV_TPL_SCOPE_BYTES. */
static size_t njk_scope(const walk *w, size_t at, size_t e, int loop, int var) {
  long depth = loop ? 1 : 0;
  size_t stop = w->n - at > PV_TPL_SCOPE_BYTES ? at + PV_TPL_SCOPE_BYTES : w->n;
  for (size_t i = find(w, e, "{%"); i < stop; i = find(w, i + 2, "{%")) {
    depth += njk_block(w, i);
    if (depth < 0 || (loop && depth == 0))
      return i;
  }
  return w->n;
}

/* Nunjucks tags: {% set x = y %}, {% for x in y %}. */
static void njk_aliases(walk *w) {
  w->scope = njk_scope;
  for (size_t i = find(w, 0, "{%"); i < w->n; i = find(w, i, "{%")) {
    size_t e = find(w, i + 2, "%}");
    if (e == w->n || decls(w, i + 2, e))
      return;
    i = e + 2;
  }
}

/* The end of the Handlebars block `word` opened before i: its closing
 * {{/word}} at depth 0, or n (also when more than HBS_NEST_MAX blocks of
 * the kind nest inside: the scope runs to the end, and a file of unclosed
 * blocks stays linear). */
static size_t hbs_block_end(const walk *w, size_t i, const char *word) {
  size_t depth = 0, m = strlen(word);
  for (i = find(w, i, "{{"); i < w->n; i = find(w, i + 2, "{{")) {
    size_t k = i + 2 + (i + 2 < w->n && w->d[i + 2] == '~');
    int open = k < w->n && w->d[k] == '#', close = k < w->n && w->d[k] == '/';
    if (!(open || close) || !word_is(w, k + 1, w->n, word) || m == 0)
      continue;
    if (close && depth-- == 0)
      return i;
    depth += (size_t)open;
    if (depth > HBS_NEST_MAX)
      break;
  }
  return w->n;
}

/* {{#with x}} and {{#each x}}: inside, every name read is x's (an alias
 * with no name); `as |a b|` names alias x too. */
static void hbs_aliases(walk *w) {
  for (size_t i = find(w, 0, "{{#"); i < w->n; i = find(w, i, "{{#")) {
    size_t e = find(w, i + 3, "}}"), ws = i + 3;
    if (e == w->n)
      return;
    const char *word = word_is(w, ws, e, "with") ? "with" : word_is(w, ws, e, "each") ? "each" : "";
    size_t xs = ws + strlen(word), to = word[0] ? hbs_block_end(w, e + 2, word) : 0;
    const unsigned char *as = memmem(w->d + xs, e - xs, " as |", 5);
    size_t xe = as ? (size_t)(as - w->d) : e;
    if (word[0] && emit_alias(w, 0, 0, xs, xe, e + 2, to))
      return;
    for (size_t k = as ? xe + 5 : e; k < e && word[0]; k = spaces(w, k, e)) {
      size_t ne = word_end(w, k, e);
      if (ne == k || emit_alias(w, k, ne, xs, xe, e + 2, to))
        return;
      k = ne;
    }
    i = e + 2;
  }
}

typedef void (*walker)(walk *w);

/* Run the walker of language l (ejs, handlebars, pug, nunjucks: ws[0..3]). */
static long run(walk *w, pv_lang l, const walker ws[4]) {
  static const pv_lang langs[4] = {PV_LANG_EJS, PV_LANG_HBS, PV_LANG_PUG, PV_LANG_NJK};
  for (size_t i = 0; i < 4; i++)
    if (l == langs[i])
      ws[i](w);
  return w->stopped ? -1 : (long)w->seen;
}

long pv_tpl_aliases(const unsigned char *d, size_t n, pv_lang l, size_t max, pv_tpl_alias_fn fn,
                    void *ctx) {
  static const walker ws[4] = {ejs_aliases, hbs_aliases, pug_aliases, njk_aliases};
  walk w = {.d = d, .n = d ? n : 0, .max = max, .afn = fn, .ctx = ctx};
  return run(&w, l, ws);
}

long pv_tpl_unescaped(const unsigned char *d, size_t n, pv_lang l, size_t max, pv_tpl_fn fn,
                      void *ctx) {
  static const walker ws[4] = {ejs_walk, hbs_walk, pug_walk, njk_walk};
  walk w = {.d = d, .n = d ? n : 0, .max = max, .fn = fn, .ctx = ctx};
  return run(&w, l, ws);
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
