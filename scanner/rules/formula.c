/* formula.c — evaluate Semgrep operators over one file (see formula.h). */
#include "formula.h"

#include "fold.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../limits.h"
#include "redos.h"

/* A regex stopped early (why: PV_REGEX_CUT_*): its missing matches are told. */
static void regex_cut(const pv_feval *e, unsigned why) {
  if (e->regex_cut != NULL)
    *e->regex_cut |= why;
}

/* PCRE2's verdict rc on a subject: a match? An error other than no match
 * (a limit) is told as a cut. */
static int regex_hit(const pv_feval *e, int rc) {
  if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
    regex_cut(e, PV_REGEX_CUT_LIMIT);
  return rc >= 0;
}

int pv_mlist_push(pv_mlist *l, const pv_pmatch *m) {
  if (l->n == l->cap) {
    uint32_t cap = l->cap ? l->cap * 2 : 16;
    pv_pmatch *v = realloc(l->v, cap * sizeof *v);
    if (v == NULL)
      return -1;
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = *m;
  return 0;
}

void pv_mlist_free(pv_mlist *l) {
  free(l->v);
  memset(l, 0, sizeof *l);
}

const pv_binding *pv_pmatch_get(const pv_pmatch *m, const char *name, size_t len) {
  for (uint32_t i = 0; i < m->nb; i++)
    if (strlen(m->b[i].name) == len && memcmp(m->b[i].name, name, len) == 0)
      return &m->b[i];
  return NULL;
}

/* Same code modulo blanks. */
static int code_eq(const unsigned char *d, uint32_t a, uint32_t ae, uint32_t b, uint32_t be) {
  for (;;) {
    while (a < ae && (d[a] == ' ' || d[a] == '\t' || d[a] == '\n' || d[a] == '\r'))
      a++;
    while (b < be && (d[b] == ' ' || d[b] == '\t' || d[b] == '\n' || d[b] == '\r'))
      b++;
    if (a == ae || b == be)
      return a == ae && b == be;
    if (d[a++] != d[b++])
      return 0;
  }
}

/* r's bindings plus s's; 0 if a shared metavariable differs. */
static int unify(const pv_feval *e, const pv_pmatch *r, const pv_pmatch *s, pv_pmatch *out) {
  *out = *r;
  for (uint32_t i = 0; i < s->nb; i++) {
    const pv_binding *b = pv_pmatch_get(r, s->b[i].name, strlen(s->b[i].name));
    if (b != NULL) {
      if (!code_eq(e->data, b->s, b->e, s->b[i].s, s->b[i].e))
        return 0;
    } else if (out->nb < PV_PAT_MAX_BINDINGS) {
      out->b[out->nb++] = s->b[i];
    }
  }
  return 1;
}

static int is_pos(pv_fkind k) {
  return k == PV_F_PATTERN || k == PV_F_REGEX || k == PV_F_AND || k == PV_F_OR || k == PV_F_INSIDE;
}

static int is_neg(pv_fkind k) {
  return k == PV_F_NOT || k == PV_F_NOT_INSIDE || k == PV_F_NOT_REGEX;
}

static int inside(const pv_pmatch *r, const pv_pmatch *s) {
  return s->s <= r->s && r->e <= s->e;
}

static pv_status eval(const pv_formula *f, const pv_feval *e, pv_mlist *out);

typedef struct {
  const pv_feval *e;
  pv_mlist *out;
  int count, oom;
} generic_ctx;

static int generic_hit(void *ctx, const pv_pmatch *m) {
  generic_ctx *g = ctx;
  if (g->count++ == PV_FORMULA_REGEX_MAX) { /* one more than are kept */
    regex_cut(g->e, PV_REGEX_CUT_GENERIC);
    return 1;
  }
  return g->oom = pv_mlist_push(g->out, m) != 0;
}

/* A pattern of a generic rule, over the file's text (generic.h). */
static pv_status eval_generic(const pv_formula *f, const pv_feval *e, pv_mlist *out) {
  generic_ctx g = {e, out, 0, 0};
  int rc = pv_generic_match(f->gen, e->data, e->size, e->generic_steps, generic_hit, &g);
  if (rc > 0)
    regex_cut(e, PV_REGEX_CUT_GENERIC);
  return rc < 0 || g.oom ? PV_FATAL : PV_OK;
}

static pv_status eval_pattern(const pv_formula *f, const pv_feval *e, pv_mlist *out) {
  if (f->gen != NULL)
    return eval_generic(f, e, out);
  uint32_t id = f->pat[e->lang];
  if (id == UINT32_MAX || id >= e->n_pat)
    return PV_OK;
  const pv_mlist *l = &e->by_pat[id];
  for (uint32_t i = 0; i < l->n; i++)
    if (pv_mlist_push(out, &l->v[i]) != 0)
      return PV_FATAL;
  return PV_OK;
}

static pv_status eval_regex(const pcre2_code *re, const pv_feval *e, pv_mlist *out) {
  size_t off = 0;
  for (int count = 0; off <= e->size; count++) {
    int rc = pcre2_match(re, e->data, e->size, off, 0, e->md, e->mctx);
    if (!regex_hit(e, rc))
      break;
    if (count == PV_FORMULA_REGEX_MAX) { /* one more than are kept */
      regex_cut(e, PV_REGEX_CUT_COUNT);
      break;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(e->md);
    pv_pmatch m = {.s = (uint32_t)ov[0], .e = (uint32_t)(ov[1] > ov[0] ? ov[1] : ov[0]), .nb = 0};
    if (pv_mlist_push(out, &m) != 0)
      return PV_FATAL;
    off = ov[1] > off ? ov[1] : off + 1;
    while (off < e->size && (e->data[off] & 0xC0) == 0x80)
      off++;
  }
  return PV_OK;
}

static pv_status eval_or(const pv_formula *f, const pv_feval *e, pv_mlist *out) {
  for (uint32_t i = 0; i < f->n; i++) {
    pv_status rc = eval(f->kids[i], e, out);
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}

/* The operand's formula: INSIDE/NOT/NOT_INSIDE wrap one. */
static const pv_formula *inner(const pv_formula *f) {
  return (f->kind == PV_F_INSIDE || f->kind == PV_F_NOT || f->kind == PV_F_NOT_INSIDE) ? f->kids[0]
                                                                                       : f;
}

/* A pattern-inside, or a pattern-either of them (Semgrep allows one there):
 * it says where matches may lie, not what they are. */
static int inside_like(const pv_formula *f) {
  if (f->kind == PV_F_INSIDE)
    return 1;
  if (f->kind != PV_F_OR || f->n == 0)
    return 0;
  for (uint32_t i = 0; i < f->n; i++)
    if (!inside_like(f->kids[i]))
      return 0;
  return 1;
}

/* The operand of a `patterns` whose matches the others filter: the first
 * positive that is not inside-like, else the first positive. */
static uint32_t and_base(const pv_formula *f) {
  for (uint32_t i = 0; i < f->n; i++)
    if (is_pos(f->kids[i]->kind) && !inside_like(f->kids[i]))
      return i;
  for (uint32_t i = 0; i < f->n; i++)
    if (is_pos(f->kids[i]->kind))
      return i;
  return UINT32_MAX;
}

/* Ask for the matches of f's lazy patterns that f's own evaluation needs
 * around each range of cur (only enclosing matches can intersect it or
 * drop it); deeper operands ask for theirs as they are evaluated. */
static pv_status demand(const pv_formula *f, const pv_feval *e, const pv_mlist *cur) {
  switch (f->kind) {
    case PV_F_PATTERN: {
      uint32_t id = f->pat[e->lang];
      if (!f->lazy || e->demand == NULL || id == UINT32_MAX || id >= e->n_pat)
        return PV_OK;
      for (uint32_t i = 0; i < cur->n; i++)
        if (e->demand(e->demand_ctx, id, cur->v[i].s, cur->v[i].e, PV_DEMAND_AROUND) != 0)
          return PV_FATAL;
      return PV_OK;
    }
    case PV_F_OR:
      for (uint32_t i = 0; i < f->n; i++)
        if (demand(f->kids[i], e, cur) != PV_OK)
          return PV_FATAL;
      return PV_OK;
    case PV_F_AND: {
      uint32_t b = and_base(f);
      return b == UINT32_MAX ? PV_OK : demand(inner(f->kids[b]), e, cur);
    }
    case PV_F_INSIDE:
      return demand(f->kids[0], e, cur);
    default:
      return PV_OK;
  }
}

/* Keep the matches of cur that lie inside a match of P (bindings merged). */
static pv_status intersect(const pv_formula *p, const pv_feval *e, pv_mlist *cur) {
  pv_mlist s = {0}, next = {0};
  pv_status rc = demand(inner(p), e, cur);
  if (rc == PV_OK)
    rc = eval(inner(p), e, &s);
  for (uint32_t i = 0; rc == PV_OK && i < cur->n; i++)
    for (uint32_t j = 0; j < s.n; j++) {
      pv_pmatch m;
      if (inside(&cur->v[i], &s.v[j]) && unify(e, &cur->v[i], &s.v[j], &m)) {
        m.s = cur->v[i].s;
        m.e = cur->v[i].e;
        if (pv_mlist_push(&next, &m) != 0)
          rc = PV_FATAL;
        break;
      }
    }
  pv_mlist_free(&s);
  pv_mlist_free(cur);
  *cur = next;
  return rc;
}

/* Drop the matches of cur that a negative operator covers. */
static pv_status subtract(const pv_formula *n, const pv_feval *e, pv_mlist *cur) {
  pv_mlist s = {0};
  pv_status rc = n->kind == PV_F_NOT_REGEX ? eval_regex(n->re, e, &s) : demand(inner(n), e, cur);
  if (rc == PV_OK && n->kind != PV_F_NOT_REGEX)
    rc = eval(inner(n), e, &s);
  uint32_t k = 0;
  for (uint32_t i = 0; rc == PV_OK && i < cur->n; i++) {
    const pv_pmatch *r = &cur->v[i];
    int drop = 0;
    for (uint32_t j = 0; j < s.n && !drop; j++) {
      const pv_pmatch *x = &s.v[j];
      pv_pmatch m;
      if (n->kind == PV_F_NOT_REGEX)
        drop = x->s < r->e && r->s < x->e;
      else if (n->kind == PV_F_NOT)
        drop = x->s == r->s && x->e == r->e && unify(e, r, x, &m);
      else
        drop = inside(r, x) && unify(e, r, x, &m);
    }
    if (!drop)
      cur->v[k++] = *r;
  }
  cur->n = k;
  pv_mlist_free(&s);
  return rc;
}

/* Bound text of an operand as a number (1) or a string (0 with *s, *n). */
static int mv_text(void *ctx, const char *name, const char **s, size_t *n) {
  const struct {
    const pv_feval *e;
    const pv_pmatch *m;
  } *c = ctx;
  const pv_binding *b = pv_pmatch_get(c->m, name, strlen(name));
  if (b == NULL)
    return 0;
  *s = (const char *)c->e->data + b->s;
  *n = b->e - b->s;
  return 1;
}

/* metavariable-comparison: does f's expression hold for m's bindings? */
static int compare(const pv_formula *f, const pv_feval *e, const pv_pmatch *m) {
  struct {
    const pv_feval *e;
    const pv_pmatch *m;
  } c = {e, m};
  return pv_mvexpr_eval(f->cmp, mv_text, &c, f->strip, f->base);
}

/* metavariable-analysis, analyzer redos: the bound literal is a
 * catastrophic regex (a pattern not analysed is not one). */
static int redos_hit(const pv_feval *e, const pv_binding *b) {
  pv_limits lim = pv_limits_default();
  pv_redos_kind k =
      pv_redos_check_js(e->data, e->size, b->s, b->e, lim.redos_bytes, lim.redos_depth, NULL);
  return k == PV_REDOS_NESTED || k == PV_REDOS_OVERLAP;
}

/* Is string v (n bytes) random-looking, as secrets are and words, names,
 * paths and sentences are not? At least ENTROPY_MIN_LEN bytes, no blank,
 * and a Shannon entropy per byte of at least 3 bits when every byte is a
 * hex digit (its alphabet allows 4), else 4 bits (English words stay under
 * it: their letters repeat; base64 and mixed-case keys reach 4.5 to 6). */
enum { ENTROPY_MIN_LEN = 16 };
static int high_entropy(const char *v, int32_t n) {
  if (n < ENTROPY_MIN_LEN)
    return 0;
  uint32_t count[256] = {0};
  int hex = 1;
  for (int32_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)v[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
      return 0;
    hex &= pv_hex_digit((char)ch) >= 0;
    count[ch]++;
  }
  double h = 0;
  for (int i = 0; i < 256; i++)
    if (count[i]) {
      double p = (double)count[i] / n;
      h -= p * log2(p);
    }
  return h >= (hex ? 3.0 : 4.0);
}

/* The constant the bound code folds to (fold.h), malloc'd into *v (free
 * it), its length in *n; 0 when it folds to none. */
static int folded(const pv_feval *e, const pv_binding *b, char **v, int32_t *n) {
  *v = e->fold_bytes ? malloc(e->fold_bytes) : NULL;
  *n = *v ? pv_fold(e->data, e->size, b->s, b->e, *v, e->fold_bytes) : -1;
  return *n >= 0;
}

/* metavariable-analysis, analyzer entropy: the bound code folds to a
 * high_entropy constant (a string literal, or made of constants). */
static int entropy_hit(const pv_feval *e, const pv_binding *b) {
  char *v;
  int32_t n;
  int hit = folded(e, b, &v, &n) && high_entropy(v, n);
  free(v);
  return hit;
}

/* A `decoded: true` metavariable-regex on the constant the bound code
 * folds to. */
static int decoded_hit(const pv_formula *f, const pv_feval *e, const pv_binding *b) {
  char *v;
  int32_t n;
  int hit = folded(e, b, &v, &n) &&
            regex_hit(e, pcre2_match(f->re, (PCRE2_SPTR)v, (size_t)n, 0, 0, e->md, e->mctx));
  free(v);
  return hit;
}

/* metavariable-pattern `language: generic`: does f's operand match the
 * text b binds (a string literal's content, without its quotes)? Its
 * bindings join m's. */
static pv_status on_text(const pv_formula *f, const pv_feval *e, const pv_binding *b, pv_pmatch *m,
                         int *keep) {
  uint32_t s = b->s, end = b->e;
  unsigned char q = end - s >= 2 ? e->data[s] : 0;
  if ((q == '"' || q == '\'' || q == '`') && e->data[end - 1] == q) {
    s++;
    end--;
  }
  pv_feval t = {.lang = PV_LANG_NONE,
                .data = e->data + s,
                .size = end - s,
                .md = e->md,
                .mctx = e->mctx,
                .regex_cut = e->regex_cut,
                .fold_bytes = e->fold_bytes,
                .generic_steps = e->generic_steps};
  pv_mlist out = {0};
  pv_status rc = eval(f->kids[0], &t, &out);
  for (uint32_t j = 0; rc == PV_OK && j < out.n && !*keep; j++) {
    pv_pmatch at = out.v[j], u;
    for (uint32_t k = 0; k < at.nb; k++) {
      at.b[k].s += s;
      at.b[k].e += s;
    }
    if (unify(e, m, &at, &u)) {
      *keep = 1;
      u.s = m->s;
      u.e = m->e;
      *m = u;
    }
  }
  pv_mlist_free(&out);
  return rc;
}

/* One metavariable condition or focus over cur. */
static pv_status condition(const pv_formula *f, const pv_feval *e, pv_mlist *cur) {
  pv_mlist s = {0};
  pv_status rc = f->kind == PV_F_MV_PATTERN && !f->on_text ? eval(f->kids[0], e, &s) : PV_OK;
  uint32_t k = 0;
  for (uint32_t i = 0; rc == PV_OK && i < cur->n; i++) {
    pv_pmatch m = cur->v[i];
    const pv_binding *b = f->n_mvs ? pv_pmatch_get(&m, f->mvs[0], strlen(f->mvs[0])) : NULL;
    int keep = 0;
    if (f->kind == PV_F_MV_COMPARE)
      keep = compare(f, e, &m);
    else if (b == NULL)
      keep = 0;
    else if (f->kind == PV_F_MV_ANALYSIS)
      keep = f->entropy ? entropy_hit(e, b) : redos_hit(e, b);
    else if (f->kind == PV_F_MV_REGEX)
      keep = regex_hit(e, pcre2_match(f->re, e->data + b->s, b->e - b->s, 0, 0, e->md, e->mctx)) ||
             (f->decoded && decoded_hit(f, e, b));
    else if (f->kind == PV_F_MV_PATTERN && f->on_text)
      rc = on_text(f, e, b, &m, &keep);
    else if (f->kind == PV_F_MV_PATTERN) {
      for (uint32_t j = 0; j < s.n && !keep; j++) {
        pv_pmatch u;
        pv_pmatch bound = {.s = b->s, .e = b->e};
        if (inside(&s.v[j], &bound) && unify(e, &m, &s.v[j], &u)) {
          keep = 1;
          m = u;
          m.s = cur->v[i].s;
          m.e = cur->v[i].e;
        }
      }
    } else { /* focus: the intersection of the named metavariables */
      keep = 1;
      m.s = 0;
      m.e = UINT32_MAX;
      for (uint32_t j = 0; j < f->n_mvs && keep; j++) {
        const pv_binding *x = pv_pmatch_get(&cur->v[i], f->mvs[j], strlen(f->mvs[j]));
        if (x == NULL) {
          keep = 0;
        } else {
          m.s = x->s > m.s ? x->s : m.s;
          m.e = x->e < m.e ? x->e : m.e;
        }
      }
      keep = keep && m.s <= m.e;
    }
    if (keep)
      cur->v[k++] = m;
  }
  cur->n = k;
  pv_mlist_free(&s);
  return rc;
}

/* The inside-like operand that bounds a lone-metavariable base (`pattern:
 * $X` with a pattern-inside), or UINT32_MAX: that base is then searched
 * only inside its matches. */
static uint32_t bounding_inside(const pv_formula *f, uint32_t base) {
  if (base == UINT32_MAX || f->kids[base]->kind != PV_F_PATTERN || !f->kids[base]->any)
    return UINT32_MAX;
  for (uint32_t i = 0; i < f->n; i++)
    if (inside_like(f->kids[i]))
      return i;
  return UINT32_MAX;
}

/* Fill a lone-metavariable base's list inside the bounding matches. */
static pv_status demand_within(const pv_formula *f, uint32_t base, const pv_feval *e) {
  uint32_t b = bounding_inside(f, base), id = f->kids[base]->pat[e->lang];
  if (b == UINT32_MAX || e->demand == NULL || id == UINT32_MAX || id >= e->n_pat)
    return PV_OK;
  pv_mlist r = {0};
  pv_status rc = eval(inner(f->kids[b]), e, &r);
  for (uint32_t i = 0; rc == PV_OK && i < r.n; i++)
    if (e->demand(e->demand_ctx, id, r.v[i].s, r.v[i].e, PV_DEMAND_WITHIN) != 0)
      rc = PV_FATAL;
  pv_mlist_free(&r);
  return rc;
}

static pv_status eval_and(const pv_formula *f, const pv_feval *e, pv_mlist *out) {
  uint32_t base = and_base(f);
  if (base == UINT32_MAX)
    return PV_OK;
  pv_mlist cur = {0};
  pv_status rc = demand_within(f, base, e);
  if (rc == PV_OK)
    rc = eval(inner(f->kids[base]), e, &cur);
  for (uint32_t i = 0; rc == PV_OK && cur.n && i < f->n; i++)
    if (i != base && is_pos(f->kids[i]->kind))
      rc = intersect(f->kids[i], e, &cur);
  for (uint32_t i = 0; rc == PV_OK && cur.n && i < f->n; i++)
    if (is_neg(f->kids[i]->kind))
      rc = subtract(f->kids[i], e, &cur);
  for (uint32_t i = 0; rc == PV_OK && cur.n && i < f->n; i++)
    if (!is_pos(f->kids[i]->kind) && !is_neg(f->kids[i]->kind) && f->kids[i]->kind != PV_F_FOCUS)
      rc = condition(f->kids[i], e, &cur);
  for (uint32_t i = 0; rc == PV_OK && cur.n && i < f->n; i++)
    if (f->kids[i]->kind == PV_F_FOCUS)
      rc = condition(f->kids[i], e, &cur);
  for (uint32_t i = 0; rc == PV_OK && i < cur.n; i++)
    if (pv_mlist_push(out, &cur.v[i]) != 0)
      rc = PV_FATAL;
  pv_mlist_free(&cur);
  return rc;
}

static pv_status eval(const pv_formula *f, const pv_feval *e, pv_mlist *out) {
  switch (f->kind) {
    case PV_F_PATTERN:
      return eval_pattern(f, e, out);
    case PV_F_REGEX:
      return eval_regex(f->re, e, out);
    case PV_F_OR:
      return eval_or(f, e, out);
    case PV_F_AND:
      return eval_and(f, e, out);
    case PV_F_INSIDE:
      return eval(f->kids[0], e, out);
    default:
      return PV_OK; /* negatives and conditions only act under patterns */
  }
}

static int cmp_range(const void *a, const void *b) {
  const pv_pmatch *x = a, *y = b;
  if (x->s != y->s)
    return x->s < y->s ? -1 : 1;
  if (x->e != y->e)
    return x->e < y->e ? -1 : 1;
  return 0;
}

pv_status pv_formula_eval(const pv_formula *f, const pv_feval *e, pv_mlist *out) {
  uint32_t first = out->n;
  pv_status rc = eval(f, e, out);
  if (rc != PV_OK || out->n - first < 2)
    return rc;
  qsort(out->v + first, out->n - first, sizeof *out->v, cmp_range);
  uint32_t k = first + 1;
  for (uint32_t i = first + 1; i < out->n; i++)
    if (cmp_range(&out->v[i], &out->v[k - 1]) != 0)
      out->v[k++] = out->v[i];
  out->n = k;
  return PV_OK;
}

int pv_formula_can_match(const pv_formula *f, pv_lang l, const uint8_t *pat_ok,
                         const uint8_t *present) {
  switch (f->kind) {
    case PV_F_PATTERN:
      return f->gen != NULL || (f->pat[l] != UINT32_MAX && pat_ok[f->pat[l]]);
    case PV_F_REGEX:
    case PV_F_MV_REGEX:
      return pv_wordgroup_holds(&f->words, present);
    case PV_F_INSIDE:
      return pv_formula_can_match(f->kids[0], l, pat_ok, present);
    case PV_F_OR:
      for (uint32_t i = 0; i < f->n; i++)
        if (pv_formula_can_match(f->kids[i], l, pat_ok, present))
          return 1;
      return 0;
    case PV_F_AND: /* every positive, and every metavariable-regex */
      for (uint32_t i = 0; i < f->n; i++) {
        pv_fkind k = f->kids[i]->kind;
        if ((is_pos(k) || k == PV_F_MV_REGEX) &&
            !pv_formula_can_match(f->kids[i], l, pat_ok, present))
          return 0;
      }
      return 1;
    default:
      return 1;
  }
}

void pv_formula_mark(const pv_formula *f, pv_lang l, uint8_t *want, int lazy) {
  if (f->kind == PV_F_PATTERN && f->pat[l] != UINT32_MAX && (lazy || !f->lazy))
    want[f->pat[l]] = 1;
  for (uint32_t i = 0; i < f->n; i++)
    pv_formula_mark(f->kids[i], l, want, lazy);
}

static void set_lazy(pv_formula *f, int lazy) {
  if (f->kind == PV_F_PATTERN)
    f->lazy = lazy;
  else if (f->kind == PV_F_MV_PATTERN)
    set_lazy(f->kids[0], 0);      /* searched in full */
  else if (f->kind == PV_F_AND) { /* a lone-metavariable base waits for its inside */
    uint32_t b = and_base(f), in = bounding_inside(f, b);
    for (uint32_t i = 0; i < f->n; i++)
      set_lazy(f->kids[i], in != UINT32_MAX ? i != in : i == b ? lazy : 1);
  } else
    for (uint32_t i = 0; i < f->n; i++)
      set_lazy(f->kids[i], lazy);
}

static int str_same(const char *a, const char *b) {
  return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static uint64_t mix(uint64_t h, uint64_t v) {
  return (h ^ v) * 1099511628211u; /* FNV-1a's prime */
}

static uint64_t str_hash(uint64_t h, const char *s) {
  for (; s != NULL && *s; s++)
    h = mix(h, (unsigned char)*s);
  return mix(h, s == NULL);
}

uint64_t pv_formula_hash(const pv_formula *f) {
  uint64_t h = mix(14695981039346656037u, (uint64_t)f->kind);
  h = mix(mix(mix(h, f->n), (uint64_t)f->lazy), (uint64_t)(uintptr_t)f->cmp);
  for (int l = 0; l < PV_LANG_COUNT; l++)
    h = mix(h, f->pat[l]);
  h = str_hash(h, f->re_src);
  for (uint32_t i = 0; i < f->n_mvs; i++)
    h = str_hash(h, f->mvs[i]);
  for (uint32_t i = 0; i < f->n; i++)
    h = mix(h, pv_formula_hash(f->kids[i]));
  return h;
}

int pv_formula_same(const pv_formula *a, const pv_formula *b) {
  if (a == b)
    return 1;
  if (a->kind != b->kind || a->n != b->n || a->lazy != b->lazy || a->any != b->any ||
      a->anchored != b->anchored || a->decoded != b->decoded || a->n_mvs != b->n_mvs ||
      a->cmp != b->cmp || a->gen != b->gen || memcmp(a->pat, b->pat, sizeof a->pat) != 0 ||
      !str_same(a->re_src, b->re_src))
    return 0;
  for (uint32_t i = 0; i < a->n_mvs; i++)
    if (!str_same(a->mvs[i], b->mvs[i]))
      return 0;
  for (uint32_t i = 0; i < a->n; i++)
    if (!pv_formula_same(a->kids[i], b->kids[i]))
      return 0;
  return 1;
}

void pv_formula_set_lazy(pv_formula *f) {
  set_lazy(f, 0);
}
