/* generic.c — Semgrep's generic pattern mode (see generic.h). */
#include "generic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { G_WORD, G_PUNCT, G_OTHER, G_ELLIPSIS, G_MV, G_EMV } gkind;

/* A token of a text: bytes [s, e), its line and that line's indentation. */
typedef struct {
  uint32_t s, e, line, indent;
  uint8_t kind;
} gtok;

/* A token of a pattern: literal text, or a metavariable's name ("$X"). */
typedef struct {
  const char *s;
  uint32_t len;
  uint8_t kind;
  uint8_t deeper; /* on a line indented more than the pattern's first */
} gpat;

struct pv_generic {
  gpat *t;
  uint32_t n, span;
  pv_gcomment cs;
};

typedef struct {
  gtok *v;
  uint32_t n, cap;
} gtoks;

static int is_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int is_punct(unsigned char c) {
  return c > ' ' && c < 0x7f && !is_word(c);
}

/* Where a comment starting at p[i] ends (i when none starts there). */
static uint32_t comment_end(const unsigned char *p, uint32_t n, uint32_t i, pv_gcomment cs) {
  int slash2 = i + 1 < n && p[i] == '/';
  if ((cs == PV_GCOMMENT_C || cs == PV_GCOMMENT_CPP) && slash2 && p[i + 1] == '*') {
    for (uint32_t j = i + 2; j + 1 < n; j++)
      if (p[j] == '*' && p[j + 1] == '/')
        return j + 2;
    return n;
  }
  if ((cs == PV_GCOMMENT_CPP && slash2 && p[i + 1] == '/') ||
      (cs == PV_GCOMMENT_SHELL && p[i] == '#')) {
    while (i < n && p[i] != '\n')
      i++;
    return i;
  }
  return i;
}

static int push(gtoks *t, gtok k) {
  if (t->n == t->cap) {
    uint32_t cap = t->cap ? t->cap * 2 : 256;
    gtok *v = realloc(t->v, (size_t)cap * sizeof *v);
    if (v == NULL)
      return -1;
    t->v = v;
    t->cap = cap;
  }
  t->v[t->n++] = k;
  return 0;
}

/* The end of the token starting at p[i] (not blank, not a comment). */
static uint32_t token_end(const unsigned char *p, uint32_t n, uint32_t i, uint8_t *kind) {
  uint32_t j = i + 1;
  if (is_word(p[i])) {
    *kind = G_WORD;
    while (j < n && is_word(p[j]))
      j++;
  } else if (is_punct(p[i])) {
    *kind = G_PUNCT;
  } else {
    *kind = G_OTHER;
    while (j < n && !is_word(p[j]) && !is_punct(p[j]) && !is_blank(p[j]))
      j++;
  }
  return j;
}

/* Split p[0, n) into tokens. 0, or -1 on out-of-memory. */
static int tokenize(const unsigned char *p, uint32_t n, pv_gcomment cs, gtoks *out) {
  uint32_t line = 1, indent = 0, i = 0;
  int at_start = 1;
  while (i < n) {
    unsigned char c = p[i];
    if (c == '\n') {
      line++;
      indent = 0;
      at_start = 1;
      i++;
      continue;
    }
    if (is_blank(c)) {
      indent += at_start;
      i++;
      continue;
    }
    uint32_t ce = comment_end(p, n, i, cs);
    if (ce != i) {
      for (uint32_t j = i; j < ce; j++)
        if (p[j] == '\n')
          line++;
      i = ce;
      continue;
    }
    at_start = 0;
    uint8_t kind;
    uint32_t e = token_end(p, n, i, &kind);
    if (push(out, (gtok){i, e, line, indent, kind}) != 0)
      return -1;
    i = e;
  }
  return 0;
}

/* ---- Patterns ---------------------------------------------------------- */

/* Token i of t is the punctuation c. */
static int punct_at(const gtoks *t, const char *src, uint32_t i, char c) {
  return i < t->n && t->v[i].kind == G_PUNCT && src[t->v[i].s] == c;
}

/* Token i of t is the punctuation c, right after token i - 1 (no blank). */
static int glued(const gtoks *t, const char *src, uint32_t i, char c) {
  return i > 0 && punct_at(t, src, i, c) && t->v[i - 1].e == t->v[i].s;
}

/* `...` at token i. */
static int dots_at(const gtoks *t, const char *src, uint32_t i) {
  return punct_at(t, src, i, '.') && glued(t, src, i + 1, '.') && glued(t, src, i + 2, '.');
}

/* A metavariable name after '$': [A-Z_][A-Z0-9_]*. */
static int mv_name(const char *s, uint32_t len) {
  if (len == 0 || !((s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
    return 0;
  for (uint32_t i = 1; i < len; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
      return 0;
  return 1;
}

/* Word token i names a metavariable and is glued to what precedes it. */
static int mv_word(const gtoks *t, const char *src, uint32_t i) {
  return i < t->n && i > 0 && t->v[i].kind == G_WORD && t->v[i - 1].e == t->v[i].s &&
         mv_name(src + t->v[i].s, t->v[i].e - t->v[i].s);
}

/* Read the pattern token at t->v[*i] into *out, advancing *i. */
static void read_token(const gtoks *t, const char *src, uint32_t *i, gpat *out) {
  const gtok *k = &t->v[*i];
  int dollar = k->kind == G_PUNCT && src[k->s] == '$';
  out->s = src + k->s;
  if (dots_at(t, src, *i)) {
    out->kind = G_ELLIPSIS;
    out->len = 3;
    *i += 3;
  } else if (dollar && *i + 3 < t->n && t->v[*i + 1].s == k->e && dots_at(t, src, *i + 1) &&
             mv_word(t, src, *i + 4)) {
    out->kind = G_EMV; /* "$...X": its name is that text */
    out->len = t->v[*i + 4].e - k->s;
    *i += 5;
  } else if (dollar && mv_word(t, src, *i + 1)) {
    out->kind = G_MV;
    out->len = t->v[*i + 1].e - k->s;
    *i += 2;
  } else {
    out->kind = k->kind;
    out->len = k->e - k->s;
    *i += 1;
  }
}

pv_generic *pv_generic_compile(pv_arena *a, const char *src, size_t len, uint32_t span,
                               pv_gcomment cs, char *why, size_t why_len) {
  gtoks t = {0};
  pv_generic *g = NULL;
  if (len > UINT32_MAX / 2 || tokenize((const unsigned char *)src, (uint32_t)len, cs, &t) != 0) {
    snprintf(why, why_len, "out of memory");
    goto out;
  }
  if (t.n > PV_GENERIC_TOKENS) {
    snprintf(why, why_len, "a generic pattern has %u tokens (at most %d)", t.n, PV_GENERIC_TOKENS);
    goto out;
  }
  g = pv_arena_alloc(a, sizeof *g);
  gpat *v = t.n ? pv_arena_alloc(a, t.n * sizeof *v) : NULL;
  src = pv_arena_strndup(a, src, len); /* the tokens point into the arena's copy */
  if (g == NULL || src == NULL || (t.n && v == NULL)) {
    snprintf(why, why_len, "out of memory");
    g = NULL;
    goto out;
  }
  *g = (pv_generic){.t = v, .span = span, .cs = cs};
  uint32_t first_line = t.n ? t.v[0].line : 0, first_indent = t.n ? t.v[0].indent : 0;
  for (uint32_t i = 0; i < t.n;) {
    uint32_t at = i;
    gpat p;
    read_token(&t, src, &i, &p);
    p.deeper = t.v[at].line != first_line && t.v[at].indent > first_indent;
    if (g->n == 0 && p.kind == G_ELLIPSIS)
      continue; /* a match starts at the first token */
    if ((p.kind == G_MV || p.kind == G_EMV) && (p.s = pv_arena_strndup(a, p.s, p.len)) == NULL) {
      snprintf(why, why_len, "out of memory"); /* names are strings: bindings hold them */
      g = NULL;
      goto out;
    }
    g->t[g->n++] = p;
  }
  if (g->n == 0 || g->t[0].kind == G_EMV) {
    snprintf(why, why_len, "a generic pattern needs a word or a character to start at");
    g = NULL;
  }
out:
  free(t.v);
  return g;
}

/* ---- Matching ---------------------------------------------------------- */

typedef struct {
  const pv_generic *g;
  const unsigned char *data;
  const gtok *d;
  uint32_t nd;
  uint32_t sline, sindent; /* the match's first token */
  uint32_t end;            /* end byte of the last token matched */
  uint32_t steps, budget;
  int cut;
  pv_pmatch m;
} gm;

static int spend(gm *c) {
  if (++c->steps <= c->budget)
    return 1;
  c->cut = 1;
  return 0;
}

/* May pattern token p take text token d (where it sits)? */
static int placed(const gm *c, const gpat *p, const gtok *d) {
  if (d->line != c->sline && d->indent < c->sindent)
    return 0; /* past the end of the block */
  return !p->deeper || (d->line != c->sline && d->indent > c->sindent);
}

static int same_text(const gm *c, uint32_t s1, uint32_t e1, uint32_t s2, uint32_t e2) {
  return e1 - s1 == e2 - s2 && memcmp(c->data + s1, c->data + s2, e1 - s1) == 0;
}

/* Bind name to [s, e); a name bound before must bind the same
 * text. */
static int bind(gm *c, const char *name, uint32_t s, uint32_t e) {
  for (uint32_t i = 0; i < c->m.nb; i++)
    if (strcmp(c->m.b[i].name, name) == 0)
      return same_text(c, c->m.b[i].s, c->m.b[i].e, s, e);
  if (c->m.nb == PV_PAT_MAX_BINDINGS)
    return 1; /* no room to check it: it matches */
  c->m.b[c->m.nb++] = (pv_binding){name, s, e};
  return 1;
}

static int literal(const gm *c, const gpat *p, const gtok *d) {
  return d->kind == p->kind && d->e - d->s == p->len && memcmp(c->data + d->s, p->s, p->len) == 0;
}

static int is_open(unsigned char b) {
  return b == '(' || b == '[' || b == '{';
}

static int is_close(unsigned char b) {
  return b == ')' || b == ']' || b == '}';
}

static int match_from(gm *c, uint32_t pi, uint32_t di, uint32_t last);

/* The rest of the pattern after the ellipsis pi, once it took [di, k). */
static int after_dots(gm *c, uint32_t pi, uint32_t di, uint32_t k, uint32_t last) {
  const gpat *p = &c->g->t[pi];
  uint32_t nb = c->m.nb, end = c->end;
  if (p->kind == G_EMV) {
    uint32_t s = k > di ? c->d[di].s : c->end, e = k > di ? c->d[k - 1].e : c->end;
    if (!bind(c, p->s, s, e))
      return 0;
  }
  if (k > di)
    c->end = c->d[k - 1].e;
  if (pi + 1 == c->g->n || match_from(c, pi + 1, k, k > di ? c->d[k - 1].line : last))
    return 1;
  c->m.nb = nb;
  c->end = end;
  return 0;
}

/* The ellipsis at pattern token pi, from text token di; last: the line of
 * the last token matched before it. Shortest first, but a trailing one
 * takes all it may. */
static int dots(gm *c, uint32_t pi, uint32_t di, uint32_t last) {
  const gpat *p = &c->g->t[pi];
  uint32_t limit = last + c->g->span < last ? UINT32_MAX : last + c->g->span;
  int trailing = pi + 1 == c->g->n, depth = 0;
  uint32_t k = di;
  for (;; k++) {
    if (!trailing && k < c->nd && c->d[k].line <= limit && after_dots(c, pi, di, k, last))
      return 1;
    if (c->cut || k >= c->nd || !spend(c))
      break;
    const gtok *d = &c->d[k];
    unsigned char b = c->data[d->s];
    if (d->line > limit || !placed(c, p, d) || (d->kind == G_PUNCT && is_close(b) && depth == 0))
      break;
    depth += d->kind == G_PUNCT ? is_open(b) - is_close(b) : 0;
  }
  return trailing && after_dots(c, pi, di, k, last);
}

/* Pattern tokens pi.. against text tokens di..; last: the line of the last
 * token matched. */
static int match_from(gm *c, uint32_t pi, uint32_t di, uint32_t last) {
  for (; pi < c->g->n; pi++, di++) {
    const gpat *p = &c->g->t[pi];
    if (!spend(c))
      return 0;
    if (p->kind == G_ELLIPSIS || p->kind == G_EMV)
      return dots(c, pi, di, last);
    if (di >= c->nd || !placed(c, p, &c->d[di]))
      return 0;
    const gtok *d = &c->d[di];
    if (p->kind == G_MV ? d->kind != G_WORD || !bind(c, p->s, d->s, d->e) : !literal(c, p, d))
      return 0;
    last = d->line;
    c->end = d->e;
  }
  return 1;
}

int pv_generic_match(const pv_generic *g, const unsigned char *data, uint32_t size, uint32_t steps,
                     pv_generic_fn fn, void *ctx) {
  gtoks t = {0};
  if (tokenize(data, size, g->cs, &t) != 0) {
    free(t.v);
    return -1;
  }
  gm c = {.g = g, .data = data, .d = t.v, .nd = t.n};
  int cut = 0;
  uint32_t done = 0; /* end of the last match reported */
  uint64_t left = (uint64_t)steps * PV_GENERIC_FILE_STEPS;
  for (uint32_t di = 0; di < t.n && !(cut && left == 0); di++) {
    if (t.v[di].s < done || (g->t[0].kind != G_MV && !literal(&c, &g->t[0], &t.v[di])))
      continue;
    c.sline = t.v[di].line;
    c.sindent = t.v[di].indent;
    c.steps = 0;
    c.budget = left < steps ? (uint32_t)left : steps;
    c.cut = 0;
    c.m.nb = 0;
    int hit = match_from(&c, 0, di, t.v[di].line);
    cut |= c.cut;
    left -= c.steps < left ? c.steps : left;
    if (!hit)
      continue;
    c.m.s = t.v[di].s;
    c.m.e = c.end;
    done = c.end;
    if (fn(ctx, &c.m))
      break;
  }
  free(t.v);
  return cut;
}
