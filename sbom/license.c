/* license.c — see license.h. A lexer and a recursive-descent parser of SPDX
 * license expressions (recursion only on parentheses), the policy file and
 * the license.* findings. */
#include "license.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../scanner/findings.h"
#include "readers.h"

static const char *const spdx_ids[] = {
#include "spdx_ids.inc"
};

const char *pv_lic_spdx_id(const char *s) {
  for (size_t i = 0; i < sizeof spdx_ids / sizeof *spdx_ids; i++)
    if (strcasecmp(s, spdx_ids[i]) == 0)
      return spdx_ids[i];
  return NULL;
}

/* ---- lexer ---------------------------------------------------------------- */

typedef enum { TK_END, TK_LP, TK_RP, TK_WORD, TK_AND, TK_OR, TK_WITH, TK_BAD } token;

typedef struct {
  const char *s;
  size_t pos;     /* next byte to read */
  token tk;       /* the current token */
  size_t at, len; /* its bytes */
  uint32_t depth; /* open parentheses */
  const pv_limits *lim;
  pv_arena *a;
  pv_error *err;
} parser;

static int word_char(int c) {
  return isalnum(c) || c == '-' || c == '.' || c == ':' || c == '+';
}

static int keyword(const parser *p, const char *kw) {
  return p->len == strlen(kw) && strncasecmp(p->s + p->at, kw, p->len) == 0;
}

static void next(parser *p) {
  while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
         p->s[p->pos] == '\r')
    p->pos++;
  p->at = p->pos;
  p->len = 0;
  char c = p->s[p->pos];
  if (c == '\0') {
    p->tk = TK_END;
    return;
  }
  if (c == '(' || c == ')') {
    p->tk = c == '(' ? TK_LP : TK_RP;
    p->len = 1;
    p->pos++;
    return;
  }
  while (word_char((unsigned char)p->s[p->pos]))
    p->pos++;
  p->len = p->pos - p->at;
  if (p->len == 0) {
    p->tk = TK_BAD;
    p->len = 1;
    return;
  }
  p->tk = keyword(p, "AND")    ? TK_AND
          : keyword(p, "OR")   ? TK_OR
          : keyword(p, "WITH") ? TK_WITH
                               : TK_WORD;
}

/* An error at the current token: "byte N: <what>, found 'tok'". */
static pv_status fail(parser *p, const char *what) {
  if (p->tk == TK_END)
    return pv_error_set(p->err, PV_FAILED, "byte %zu: %s, found the end", p->at + 1, what);
  return pv_error_set(p->err, PV_FAILED, "byte %zu: %s, found '%.*s'", p->at + 1, what,
                      (int)(p->len > 40 ? 40 : p->len), p->s + p->at);
}

/* ---- words: license-id["+"], license-ref, exception ids -------------------- */

/* idstring = 1*(ALPHA / DIGIT / "-" / ".") */
static int idstring(const char *s, size_t n) {
  if (n == 0)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
      return 0;
  return 1;
}

static int has_prefix(const char *s, size_t n, const char *pfx) {
  size_t l = strlen(pfx);
  return n >= l && strncasecmp(s, pfx, l) == 0;
}

/* ["DocumentRef-" idstring ":"] <kind> idstring, kind "LicenseRef-" or
 * "AdditionRef-". */
static int ref(const char *s, size_t n, const char *kind) {
  const char *colon = memchr(s, ':', n);
  if (colon != NULL) {
    size_t d = (size_t)(colon - s);
    if (!has_prefix(s, d, "DocumentRef-") || !idstring(s + 12, d - 12))
      return 0;
    n -= d + 1;
    s = colon + 1;
  }
  size_t k = strlen(kind);
  return has_prefix(s, n, kind) && idstring(s + k, n - k);
}

static pv_status copy_word(parser *p, size_t n, const char **out) {
  *out = pv_arena_strndup(p->a, p->s + p->at, n);
  return *out ? PV_OK : pv_error_set(p->err, PV_FATAL, "out of memory");
}

/* The exception after WITH: an id or an AdditionRef-. */
static pv_status exception(parser *p, pv_lic_expr *e) {
  next(p);
  if (p->tk != TK_WORD ||
      !(idstring(p->s + p->at, p->len) || ref(p->s + p->at, p->len, "AdditionRef-")))
    return fail(p, "expected an exception id after WITH");
  if (copy_word(p, p->len, &e->exception) != PV_OK)
    return PV_FATAL;
  next(p);
  return PV_OK;
}

/* simple-expression [WITH exception] */
static pv_status licence(parser *p, const pv_lic_expr **out) {
  const char *w = p->s + p->at;
  size_t n = p->len;
  int plus = n > 1 && w[n - 1] == '+';
  int is_ref = memchr(w, ':', n) != NULL || has_prefix(w, n, "LicenseRef-");
  if (is_ref ? plus || !ref(w, n, "LicenseRef-") : !idstring(w, n - (size_t)plus))
    return fail(p, "expected a licence id or LicenseRef-");
  pv_lic_expr *e = pv_arena_alloc(p->a, sizeof *e);
  if (e == NULL)
    return pv_error_set(p->err, PV_FATAL, "out of memory");
  memset(e, 0, sizeof *e);
  e->op = PV_LIC_LICENSE;
  e->plus = plus;
  if (copy_word(p, n - (size_t)plus, &e->id) != PV_OK)
    return PV_FATAL;
  next(p);
  if (p->tk == TK_WITH && exception(p, e) != PV_OK)
    return p->err->code;
  *out = e;
  return PV_OK;
}

/* ---- expressions ------------------------------------------------------------ */

static pv_status parse_or(parser *p, const pv_lic_expr **out);

/* A licence, or "(" expression ")". */
static pv_status primary(parser *p, const pv_lic_expr **out) {
  if (p->tk == TK_WORD)
    return licence(p, out);
  if (p->tk != TK_LP)
    return fail(p, "expected a licence or '('");
  if (p->depth >= p->lim->license_depth)
    return pv_error_set(p->err, PV_FAILED, "byte %zu: parentheses nested deeper than %u", p->at + 1,
                        (unsigned)p->lim->license_depth);
  p->depth++;
  next(p);
  if (parse_or(p, out) != PV_OK)
    return p->err->code;
  if (p->tk != TK_RP)
    return fail(p, "expected ')'");
  p->depth--;
  next(p);
  if (p->tk == TK_WITH)
    return fail(p, "WITH applies to one licence, not to a parenthesised expression");
  return PV_OK;
}

/* One run of `sub op sub op ...` as an n-ary node (the operand alone when
 * there is no operator). */
static pv_status run(parser *p, token op, pv_status (*sub)(parser *, const pv_lic_expr **),
                     const pv_lic_expr **out) {
  const pv_lic_expr *first = NULL;
  if (sub(p, &first) != PV_OK)
    return p->err->code;
  if (p->tk != op) {
    *out = first;
    return PV_OK;
  }
  pv_vec kids = {.elem = sizeof(const pv_lic_expr *)};
  pv_status rc = pv_vec_push(&kids, &first) ? PV_OK : PV_FATAL;
  while (rc == PV_OK && p->tk == op) {
    const pv_lic_expr *k = NULL;
    next(p);
    rc = sub(p, &k) == PV_OK ? PV_OK : p->err->code;
    if (rc == PV_OK && pv_vec_push(&kids, &k) == NULL)
      rc = PV_FATAL;
  }
  pv_lic_expr *e = rc == PV_OK ? pv_arena_alloc(p->a, sizeof *e) : NULL;
  const pv_lic_expr **arr =
      rc == PV_OK ? pv_arena_alloc(p->a, kids.len * sizeof(const pv_lic_expr *)) : NULL;
  if (rc == PV_OK && (e == NULL || arr == NULL))
    rc = PV_FATAL;
  if (rc == PV_OK) {
    memcpy(arr, kids.items, kids.len * sizeof *arr);
    memset(e, 0, sizeof *e);
    e->op = op == TK_AND ? PV_LIC_AND : PV_LIC_OR;
    e->kids = arr;
    e->n = kids.len;
    *out = e;
  }
  pv_vec_free(&kids);
  if (rc == PV_FATAL)
    return pv_error_set(p->err, PV_FATAL, "out of memory");
  return rc;
}

static pv_status parse_and(parser *p, const pv_lic_expr **out) {
  return run(p, TK_AND, primary, out);
}

static pv_status parse_or(parser *p, const pv_lic_expr **out) {
  return run(p, TK_OR, parse_and, out);
}

pv_status pv_lic_parse(pv_arena *a, const char *text, const pv_limits *lim, const pv_lic_expr **out,
                       pv_error *err) {
  *out = NULL;
  size_t n = strlen(text);
  if (n > lim->license_bytes)
    return pv_error_set(err, PV_FAILED, "longer than %u bytes", (unsigned)lim->license_bytes);
  parser p = {.s = text, .lim = lim, .a = a, .err = err};
  next(&p);
  if (p.tk == TK_END)
    return pv_error_set(err, PV_FAILED, "empty licence expression");
  const pv_lic_expr *e = NULL;
  if (parse_or(&p, &e) != PV_OK)
    return err->code;
  if (p.tk != TK_END)
    return fail(&p, "expected AND, OR or the end");
  *out = e;
  return PV_OK;
}

/* ---- canonical text --------------------------------------------------------- */

static void format_into(pv_buf *b, const pv_lic_expr *e, int nested) {
  if (e->op == PV_LIC_LICENSE) {
    const char *id = pv_lic_spdx_id(e->id);
    const char *x = e->exception ? pv_lic_spdx_id(e->exception) : NULL;
    pv_buf_catf(b, "%s%s", id ? id : e->id, e->plus ? "+" : "");
    if (e->exception)
      pv_buf_catf(b, " WITH %s", x ? x : e->exception);
    return;
  }
  if (nested)
    pv_buf_cats(b, "(");
  for (size_t i = 0; i < e->n; i++) {
    if (i > 0)
      pv_buf_cats(b, e->op == PV_LIC_AND ? " AND " : " OR ");
    format_into(b, e->kids[i], 1);
  }
  if (nested)
    pv_buf_cats(b, ")");
}

const char *pv_lic_format(pv_arena *a, const pv_lic_expr *e) {
  pv_buf b;
  pv_buf_init(&b, 1024 * 1024);
  format_into(&b, e, 0);
  const char *s = NULL;
  if (pv_buf_status(&b) == PV_OK)
    s = pv_arena_strndup(a, b.data ? (const char *)b.data : "", b.len);
  pv_buf_free(&b);
  return s;
}

/* ---- policy ----------------------------------------------------------------- */

enum { LIST_DENY, LIST_REVIEW, LIST_ALLOW, LISTS };
static const char *const list_names[LISTS] = {"deny", "review", "allow"};
static const pv_lic_verdict list_verdicts[LISTS] = {PV_LIC_DENIED, PV_LIC_REVIEW, PV_LIC_ALLOWED};
static const char *const list_why[LISTS] = {"is on the deny list", "is on the review list",
                                            "is on the allow list"};

typedef struct {
  const pv_lic_expr *e;
  const char *canon; /* compound entries: the canonical text */
} entry;

struct pv_lic_policy {
  pv_arena *a;
  pv_vec lists[LISTS]; /* entry */
  int compound;        /* some entry is a compound expression */
};

void pv_lic_policy_free(pv_lic_policy *p) {
  if (p == NULL)
    return;
  for (int i = 0; i < LISTS; i++)
    pv_vec_free(&p->lists[i]);
  pv_arena_delete(p->a);
  free(p);
}

static pv_status read_list(pv_lic_policy *p, const char *name, int li, const pv_jnode *arr,
                           const pv_limits *lim, pv_error *err) {
  if (arr->type != PV_J_ARR)
    return pv_error_set(err, PV_FAILED, "%s:%u: \"%s\" must be an array of licence expressions",
                        name, (unsigned)arr->line, list_names[li]);
  for (size_t i = 0; i < arr->n; i++) {
    const pv_jnode *k = arr->kids[i];
    if (k->type != PV_J_STR)
      return pv_error_set(err, PV_FAILED, "%s:%u: %s[%zu] is not a string", name, (unsigned)k->line,
                          list_names[li], i);
    entry en = {0};
    pv_error e2 = {0};
    pv_status rc = pv_lic_parse(p->a, k->s, lim, &en.e, &e2);
    if (rc != PV_OK)
      return pv_error_set(err, rc, "%s:%u: %s[%zu] '%.80s': %s", name, (unsigned)k->line,
                          list_names[li], i, k->s, e2.msg);
    if (en.e->op != PV_LIC_LICENSE && (en.canon = pv_lic_format(p->a, en.e)) == NULL)
      return pv_error_set(err, PV_FATAL, "out of memory");
    p->compound |= en.canon != NULL;
    if (pv_vec_push(&p->lists[li], &en) == NULL)
      return pv_error_set(err, PV_FATAL, "out of memory");
  }
  return PV_OK;
}

static pv_status read_policy(pv_lic_policy *p, const char *name, const unsigned char *text,
                             size_t n, const pv_limits *lim, pv_error *err) {
  pv_jnode *root = NULL;
  uint32_t line = 0;
  const char *why = NULL;
  pv_status rc = pv_jn_parse(p->a, text, n, lim->yaml_depth, &root, &line, &why);
  if (rc != PV_OK)
    return pv_error_set(err, rc, "%s:%u: not JSON: %s", name, (unsigned)line, why);
  if (root->type != PV_J_OBJ)
    return pv_error_set(err, PV_FAILED, "%s: a licence policy is a JSON object", name);
  for (size_t i = 0; i < root->n; i++) {
    int li = 0;
    while (li < LISTS && strcmp(root->keys[i], list_names[li]) != 0)
      li++;
    if (li == LISTS)
      return pv_error_set(err, PV_FAILED,
                          "%s:%u: unknown key \"%.80s\" (allow, deny and review only)", name,
                          (unsigned)root->kids[i]->line, root->keys[i]);
    rc = read_list(p, name, li, root->kids[i], lim, err);
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}

pv_status pv_lic_policy_parse(const char *name, const unsigned char *text, size_t n,
                              const pv_limits *lim, pv_lic_policy **out, pv_error *err) {
  *out = NULL;
  pv_lic_policy *p = calloc(1, sizeof *p);
  if (p == NULL || (p->a = pv_arena_new(0)) == NULL) {
    free(p);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  for (int i = 0; i < LISTS; i++)
    p->lists[i].elem = sizeof(entry);
  pv_status rc = read_policy(p, name, text, n, lim, err);
  if (rc != PV_OK) {
    pv_lic_policy_free(p);
    return rc;
  }
  *out = p;
  return PV_OK;
}

/* ---- evaluation ------------------------------------------------------------- */

static int gnu(const char *id) {
  static const char *const fam[] = {"GPL-", "LGPL-", "AGPL-", "GFDL-"};
  for (size_t i = 0; i < sizeof fam / sizeof *fam; i++)
    if (strncasecmp(id, fam[i], strlen(fam[i])) == 0)
      return 1;
  return 0;
}

static int ends_with(const char *s, size_t n, const char *suf) {
  size_t l = strlen(suf);
  return n >= l && strncasecmp(s + n - l, suf, l) == 0;
}

/* The length of id without a GNU "-only" / "-or-later" suffix. */
static size_t base_len(const char *id) {
  size_t n = strlen(id);
  if (!gnu(id))
    return n;
  if (ends_with(id, n, "-or-later"))
    return n - 9;
  if (ends_with(id, n, "-only"))
    return n - 5;
  return n;
}

static int same_licence(const char *a, const char *b) {
  size_t la = base_len(a);
  return la == base_len(b) && strncasecmp(a, b, la) == 0;
}

static int entry_matches(const pv_lic_expr *en, const pv_lic_expr *t, int with_exception) {
  if (en->op != PV_LIC_LICENSE || (en->exception != NULL) != with_exception ||
      !same_licence(en->id, t->id))
    return 0;
  return !with_exception || (t->exception && strcasecmp(en->exception, t->exception) == 0);
}

static int is_ref(const char *id) {
  return strchr(id, ':') != NULL || strncasecmp(id, "LicenseRef-", 11) == 0;
}

static pv_lic_outcome term_verdict(const pv_lic_policy *p, const pv_lic_expr *t) {
  pv_lic_outcome o = {.verdict = PV_LIC_ALLOWED, .term = t, .why = "is on no list"};
  for (int pass = 1; pass >= 0; pass--) /* with the exception named first */
    for (int li = 0; li < LISTS; li++)
      for (size_t i = 0; i < p->lists[li].len; i++)
        if (entry_matches(PV_VEC_AT(p->lists[li], entry, i)->e, t, pass)) {
          o.verdict = list_verdicts[li];
          o.why = list_why[li];
          return o;
        }
  if (is_ref(t->id) || pv_lic_spdx_id(t->id) == NULL) {
    o.verdict = PV_LIC_UNKNOWN;
    o.why = is_ref(t->id) ? "is a LicenseRef on no list" : "is not an SPDX licence id";
  } else if (t->exception && pv_lic_spdx_id(t->exception) == NULL &&
             strchr(t->exception, ':') == NULL) {
    o.verdict = PV_LIC_UNKNOWN;
    o.why = "has an exception that is not an SPDX exception id";
  } else if (p->lists[LIST_ALLOW].len > 0) {
    o.verdict = PV_LIC_DENIED;
    o.why = "is not on the allow list";
  }
  return o;
}

static pv_lic_outcome eval(const pv_lic_policy *p, const pv_lic_expr *e) {
  if (e->op == PV_LIC_LICENSE)
    return term_verdict(p, e);
  pv_lic_outcome best = eval(p, e->kids[0]);
  for (size_t i = 1; i < e->n; i++) {
    pv_lic_outcome o = eval(p, e->kids[i]);
    if (e->op == PV_LIC_OR ? o.verdict < best.verdict : o.verdict > best.verdict)
      best = o;
  }
  return best;
}

pv_lic_outcome pv_lic_eval(const pv_lic_policy *p, const pv_lic_expr *e) {
  if (!p->compound || e->op == PV_LIC_LICENSE)
    return eval(p, e);
  pv_arena *a = pv_arena_new(0);
  const char *canon = a ? pv_lic_format(a, e) : NULL;
  pv_lic_outcome o = {.why = NULL};
  for (int li = 0; li < LISTS && canon && o.why == NULL; li++)
    for (size_t i = 0; i < p->lists[li].len && o.why == NULL; i++) {
      const char *c = PV_VEC_AT(p->lists[li], entry, i)->canon;
      if (c != NULL && strcasecmp(c, canon) == 0) {
        o.verdict = list_verdicts[li];
        o.why = list_why[li];
      }
    }
  pv_arena_delete(a);
  return o.why ? o : eval(p, e);
}

/* ---- findings --------------------------------------------------------------- */

static const pv_rule_meta rule_denied = PV_BUILTIN_RULE(
    "license.denied", PV_SEV_HIGH, "high", NULL, "A dependency's licence is denied by the policy.",
    "The licence (SPDX expression) of a package the plugin ships or pins is denied by the "
    "--license-policy file: a licence on its deny list, or one missing from its allow list, "
    "with no allowed alternative (OR).",
    "CWE-1357: Reliance on Insufficiently Trustworthy Component");
static const pv_rule_meta rule_unknown = PV_BUILTIN_RULE(
    "license.unknown", PV_SEV_MEDIUM, "high", NULL, "A dependency's licence is unknown.",
    "A package the plugin ships or pins declares no licence, one that is not an SPDX "
    "expression, or an id the SPDX list and the --license-policy file do not know.",
    "CWE-1357: Reliance on Insufficiently Trustworthy Component");
static const pv_rule_meta rule_review = PV_BUILTIN_RULE(
    "license.review", PV_SEV_LOW, "high", NULL, "A dependency's licence needs a review.",
    "The licence of a package the plugin ships or pins is on the review list of the "
    "--license-policy file.",
    "CWE-1357: Reliance on Insufficiently Trustworthy Component");

const pv_rule_meta *const *pv_lic_rules(size_t *count) {
  static const pv_rule_meta *const rules[] = {&rule_denied, &rule_unknown, &rule_review};
  *count = 3;
  return rules;
}

/* The verdict of c's licence and its message text (the reason). */
static pv_lic_verdict judge(pv_arena *a, const pv_lic_policy *p, const pv_component *c,
                            const pv_limits *lim, const char **reason) {
  const char *lic = c->license;
  if (lic == NULL || lic[strspn(lic, " \t")] == '\0') {
    *reason = "declares no licence";
    return PV_LIC_UNKNOWN;
  }
  const pv_lic_expr *e = NULL;
  pv_error err = {0};
  pv_status rc = pv_lic_parse(a, lic, lim, &e, &err);
  if (rc != PV_OK) {
    *reason = rc == PV_FATAL
                  ? NULL
                  : pv_arena_printf(a, "has licence '%.200s%s', not an SPDX expression: %s", lic,
                                    strlen(lic) > 200 ? "..." : "", err.msg);
    return PV_LIC_UNKNOWN;
  }
  pv_lic_outcome o = pv_lic_eval(p, e);
  const char *term = o.term ? pv_lic_format(a, o.term) : NULL;
  if (o.term && term == NULL) {
    *reason = NULL;
    return PV_LIC_UNKNOWN;
  }
  *reason = term ? pv_arena_printf(a, "has licence '%.200s' (%s %s)", lic, term, o.why)
                 : pv_arena_printf(a, "has licence '%.200s' (the expression %s)", lic, o.why);
  return o.verdict;
}

static pv_status add_finding(const pv_inventory *inv, size_t ci, const size_t *parent,
                             pv_lic_verdict v, const char *reason, pv_places *pl,
                             const pv_limits *lim) {
  pv_result *r = inv->r;
  const pv_component *c = pv_inv_component(inv, ci);
  const pv_seen *s = c->seen.len ? PV_VEC_AT(c->seen, pv_seen, 0) : NULL;
  const char *chain = pv_inv_chain(r->arena, inv, parent, ci);
  const pv_rule_meta *rule = v == PV_LIC_DENIED   ? &rule_denied
                             : v == PV_LIC_REVIEW ? &rule_review
                                                  : &rule_unknown;
  pv_finding f = {.rule = rule, .severity = rule->severity, .path = s ? s->path : r->input};
  f.message =
      chain ? pv_arena_printf(r->arena, "%s@%s %s; path: %s", c->name, c->version, reason, chain)
            : NULL;
  uint32_t line = s && s->line ? s->line : 1;
  uint32_t byte = 0;
  if (f.message == NULL || (s && pv_places_find(pl, r, s->path, line, &f.file, &byte) != PV_OK))
    return PV_FATAL;
  f.start = (pv_pos){line, 1, byte};
  f.end = f.start;
  size_t dropped = r->findings_dropped;
  if (pv_result_add_finding(r, &f, lim) == NULL && r->findings_dropped == dropped)
    return PV_FATAL;
  return PV_OK;
}

pv_status pv_lic_check(const pv_inventory *inv, const pv_lic_policy *p, int include_dev,
                       const pv_limits *lim) {
  size_t n = inv->components.len;
  size_t *parent = malloc((n ? n : 1) * sizeof *parent);
  if (parent == NULL || pv_inv_parents(inv, parent) != PV_OK) {
    free(parent);
    return PV_FATAL;
  }
  pv_places pl = {0};
  pv_status rc = PV_OK;
  for (size_t i = 0; i < n && rc == PV_OK; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    if ((c->flags & PV_COMP_ROOT) || (!include_dev && c->scope == PV_SCOPE_DEV))
      continue;
    const char *reason = NULL;
    pv_lic_verdict v = judge(inv->r->arena, p, c, lim, &reason);
    if (reason == NULL)
      rc = PV_FATAL;
    else if (v != PV_LIC_ALLOWED)
      rc = add_finding(inv, i, parent, v, reason, &pl, lim);
  }
  pv_places_free(&pl);
  free(parent);
  return rc;
}
