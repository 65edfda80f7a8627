/* match.c — run a loaded ruleset over one file (see match.h). Regex rules
 * scan the bytes once per rule. For a parsed file, one multi-string search
 * (prefilter.h) first finds which of the words the rules need occur in it;
 * rules that cannot match are skipped, and when none is left the tree is
 * not walked at all. Query rules of a language run as one combined query,
 * pattern rules share one walk of the tree (pattern.h). */
#include "match.h"

#include "findings.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "render.h"
#include "rules/formula.h"
#include "rules/rules_impl.h"
#include "taint/taint.h"

enum {
  REGEX_MATCH_LIMIT = 5000000, /* PCRE2 backtracking steps per search */
  REGEX_DEPTH_LIMIT = 100000,
  REGEX_PER_FILE = 1000,    /* matches of one regex rule in one file */
  QUERY_MATCH_LIMIT = 4096, /* in-progress query matches */
  QUERY_MS = 5000,          /* query time per file when no parse budget is set */
  INTERP_BYTES = 60,        /* bytes of a capture put into a message */
  MESSAGE_MAX = 4096,
  OVECTOR_PAIRS = 32,
  PATTERN_MATCHES_MAX = 200000, /* pattern matches kept per file (all patterns) */
  MATCHES_KEPT = 256,           /* list capacity a pattern keeps from one file to the next */
  OCCS_KEPT = 1 << 16,          /* the same for the anchor word occurrences */
};

/* A query of only some of the query rules of a language (those that can
 * give a finding in a file), with its pattern and capture numbers mapped
 * to the combined query's (pv_langquery): in a file where one rule is
 * live, the patterns of rules that cannot give a finding there are not
 * run (manifest.json rules on every JSON file that has a "scripts"). */
enum { SUBQ_MAX = 8, SUBQ_RULES = 64 };
typedef struct {
  pv_lang lang;
  uint64_t mask;  /* the rules it holds, by their order in the combined query */
  TSQuery *query; /* NULL: it could not be built (the combined one runs) */
  uint32_t *pmap; /* per pattern: the combined query's pattern index */
  uint32_t *cmap; /* per capture id: the combined query's id */
} subquery;

struct pv_matcher {
  const pv_ruleset *rs;
  TSQueryCursor *qc;
  pcre2_match_data *md;
  pcre2_match_context *mctx;
  pcre2_jit_stack *jit;
  pv_pscan *ps;     /* pattern scratch */
  pv_mlist *by_pat; /* matches per pattern of the file's language */
  uint32_t n_by_pat;
  uint8_t *present;        /* per word of rs->words: it occurs in the file */
  pv_occs occ;             /* where the anchor words occur in it */
  uint8_t *pat_ok;         /* per pattern: all its words occur */
  uint8_t *active;         /* per pattern: try it (pat_ok and a live rule uses it) */
  uint8_t *walked;         /* per pattern: scratch of first_pass */
  uint8_t *uses;           /* per pattern: scratch of budget_notes (the rule uses it) */
  uint8_t *rule_on;        /* per rule: it can match this file */
  pv_taint_graph *tg;      /* the current input's modules (taint rules only) */
  pv_taint_exports *tx;    /* what taint rules learnt of them */
  size_t *order;           /* the order to analyse the input's files in */
  pv_taint_file *tf;       /* what the taint rules found of the current file */
  pv_render *rv;           /* render-views rules: the input's views (render.h) */
  int taint_deps;          /* taint rules analyse node_modules too */
  int no_prefilter;        /* pv_match_options.no_prefilter: every word counts as present,
                            * every node is visited and every pattern tried there */
  const pv_file *scanned;  /* present and occ hold this file's words (pv_match_needs_tree) */
  subquery subq[SUBQ_MAX]; /* queries of some rules of a language (run_queries) */
  uint32_t nsubq;
  TSQueryCapture *caps; /* a match's captures renumbered as the combined query's */
  uint32_t capcap;
};

pv_matcher *pv_matcher_new(const pv_ruleset *rs, const pv_match_options *opt) {
  pv_matcher *m = calloc(1, sizeof *m);
  if (m == NULL)
    return NULL;
  m->rs = rs;
  m->qc = ts_query_cursor_new();
  m->md = pcre2_match_data_create(OVECTOR_PAIRS, NULL);
  m->mctx = pcre2_match_context_create(NULL);
  m->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
  m->ps = pv_pscan_new();
  for (pv_lang l = 0; l < PV_LANG_COUNT; l++)
    if (rs->npats[l] > m->n_by_pat)
      m->n_by_pat = rs->npats[l];
  m->by_pat = calloc(m->n_by_pat + 1, sizeof *m->by_pat);
  m->present = calloc(pv_strset_count(rs->words) + 1, 1);
  m->pat_ok = calloc(m->n_by_pat + 1, 1);
  m->active = calloc(m->n_by_pat + 1, 1);
  m->walked = calloc(m->n_by_pat + 1, 1);
  m->uses = calloc(m->n_by_pat + 1, 1);
  m->rule_on = calloc(rs->n + 1, 1);
  m->no_prefilter = opt != NULL && opt->no_prefilter;
  if (m->no_prefilter)
    pv_pscan_no_anchors(m->ps);
  if (m->qc == NULL || m->md == NULL || m->mctx == NULL || m->ps == NULL || m->by_pat == NULL ||
      m->present == NULL || m->pat_ok == NULL || m->active == NULL || m->walked == NULL ||
      m->uses == NULL || m->rule_on == NULL) {
    pv_matcher_delete(m);
    return NULL;
  }
  pcre2_set_match_limit(m->mctx, REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit(m->mctx, REGEX_DEPTH_LIMIT);
  if (m->jit != NULL)
    pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
  ts_query_cursor_set_match_limit(m->qc, QUERY_MATCH_LIMIT);
  return m;
}

void pv_matcher_delete(pv_matcher *m) {
  if (m == NULL)
    return;
  if (m->qc)
    ts_query_cursor_delete(m->qc);
  pcre2_match_data_free(m->md);
  pcre2_match_context_free(m->mctx);
  pcre2_jit_stack_free(m->jit);
  pv_pscan_delete(m->ps);
  pv_taint_graph_delete(m->tg);
  pv_taint_exports_delete(m->tx);
  pv_render_delete(m->rv);
  pv_taint_file_delete(m->tf);
  free(m->order);
  free(m->occ.v);
  for (uint32_t i = 0; m->by_pat && i < m->n_by_pat; i++)
    pv_mlist_free(&m->by_pat[i]);
  free(m->by_pat);
  free(m->present);
  free(m->pat_ok);
  free(m->active);
  free(m->walked);
  free(m->uses);
  free(m->rule_on);
  for (uint32_t i = 0; i < m->nsubq; i++) {
    ts_query_delete(m->subq[i].query);
    free(m->subq[i].pmap);
    free(m->subq[i].cmap);
  }
  free(m->caps);
  free(m);
}

/* ---- Positions -------------------------------------------------------- */

/* Byte → line/column cursor over one file: forward, or back on its line
 * (further back it starts over). */
typedef struct {
  const unsigned char *data;
  size_t byte, line, line_start;
} line_cursor;

static pv_pos pos_at(line_cursor *c, size_t byte) {
  if (byte < c->byte && byte >= c->line_start) /* back on the cursor's line */
    return (pv_pos){(uint32_t)c->line, (uint32_t)(byte - c->line_start + 1), (uint32_t)byte};
  if (byte < c->byte) {
    c->byte = 0;
    c->line = 1;
    c->line_start = 0;
  }
  while (c->byte < byte) {
    const unsigned char *nl = memchr(c->data + c->byte, '\n', byte - c->byte);
    if (nl == NULL) {
      c->byte = byte;
      break;
    }
    c->line++;
    c->byte = c->line_start = (size_t)(nl - c->data) + 1;
  }
  pv_pos p = {(uint32_t)c->line, (uint32_t)(byte - c->line_start + 1), (uint32_t)byte};
  return p;
}

static pv_pos node_pos(TSPoint pt, uint32_t byte) {
  pv_pos p = {pt.row + 1, pt.column + 1, byte};
  return p;
}

/* ---- Messages --------------------------------------------------------- */

/* Looks up $name (or $1) in a match: sets [*s, *e) and returns 1 if bound. */
typedef int (*lookup_fn)(void *ctx, const char *name, size_t len, size_t *s, size_t *e);

static int is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A secret a finding holds (bytes [s, e) of its file; none when e <= s),
 * redacted wherever a message shows it. */
typedef struct {
  size_t s, e;
} secret_at;

/* Capture text, one line, control bytes blanked, capped, the secret sec
 * shown redacted (sticky appends: the caller checks the buffer's status). */
static void add_capture_text(pv_buf *b, const unsigned char *d, size_t s, size_t e, secret_at sec) {
  size_t n = 0;
  size_t i = s;
  for (; i < e && d[i] != '\n' && n < INTERP_BYTES; i++, n++) {
    if (i >= sec.s && i < sec.e) {
      char shown[PV_REDACTED_MAX];
      pv_buf_cat(b, shown, pv_redact(d + sec.s, sec.e - sec.s, shown));
      i = sec.e - 1;
      continue;
    }
    char ch = d[i] < 0x20 || d[i] == 0x7f ? ' ' : (char)d[i];
    pv_buf_cat(b, &ch, 1);
  }
  if (i < e)
    pv_buf_cats(b, "...");
}

/* Narrow [*s, *e) to the inside of the first string literal in it (the
 * capture may be Buffer.from('...', 'hex')); unchanged without one, and
 * for an array or object (['k1', 'k2']: every element is a secret). */
static void string_inside(const unsigned char *d, size_t *s, size_t *e) {
  size_t i = *s;
  if (d[i] == '[' || d[i] == '{')
    return;
  while (i < *e && d[i] != '\'' && d[i] != '"' && d[i] != '`')
    i++;
  for (size_t j = i + 1; j < *e; j++) {
    if (d[j] == '\\') {
      j++;
    } else if (d[j] == d[i]) {
      *s = i + 1;
      *e = j;
      return;
    }
  }
}

/* Where the secret of a finding of rule (metadata.secret) is: the match
 * [ms, me) or the first bound capture named there, narrowed to the inside
 * of its first string literal. None when the rule has no secret or, where
 * the match is code (names: non-zero), when the capture is a name or a
 * member (a constant such as SECRET or config.key: the value is
 * elsewhere). */
static secret_at secret_of(const pv_rule *rule, const unsigned char *d, size_t ms, size_t me,
                           lookup_fn look, void *ctx, int names) {
  secret_at sec = {0, 0};
  const char *const *list = rule->meta.secret;
  size_t s = ms;
  size_t e = me;
  size_t k = 0;
  if (list == NULL)
    return sec;
  while (list[k] != NULL && list[k][0] != '\0' && !look(ctx, list[k], strlen(list[k]), &s, &e))
    k++;
  if (list[k] == NULL || e <= s)
    return sec;
  if (names) {
    size_t i = s;
    while (i < e && (is_name_char((char)d[i]) || d[i] == '$' || d[i] == '.'))
      i++;
    if (i == e)
      return sec;
    string_inside(d, &s, &e);
  }
  sec.s = s;
  sec.e = e > s ? e : s;
  return sec;
}

/* The rule message with $X replaced; the rule's own string when no '$'.
 * The secret sec is redacted where a capture shows it. Past MESSAGE_MAX
 * bytes the text is cut there; NULL on out-of-memory. */
static const char *interpolate(pv_result *r, const char *msg, const unsigned char *data,
                               lookup_fn look, void *ctx, secret_at sec) {
  if (strchr(msg, '$') == NULL)
    return msg;
  pv_buf b;
  pv_buf_init(&b, MESSAGE_MAX);
  for (const char *p = msg; *p;) {
    size_t n = 0, s, e;
    if (*p == '$')
      while (is_name_char(p[1 + n]))
        n++;
    if (n > 0 && look(ctx, p + 1, n, &s, &e)) {
      add_capture_text(&b, data, s, e, sec);
      p += 1 + n;
    } else {
      pv_buf_cat(&b, p, 1);
      p++;
    }
  }
  const char *out = msg;
  if (pv_buf_status(&b) == PV_FATAL) {
    out = NULL;
  } else if (b.data != NULL) { /* (cut at MESSAGE_MAX: what fitted) */
    out = pv_arena_strndup(r->arena, (const char *)b.data, b.len);
    if (out == NULL)
      out = msg; /* the arena is full: the rule's own text */
  }
  pv_buf_free(&b);
  return out;
}

/* A match's lookup of its metavariables, for its rule's fix. */
typedef struct {
  lookup_fn look;
  void *ctx;
} binds;

/* The rule's fix (scanner/fix.h) of match [s, e) of f, made from the
 * match's bindings b; NULL: none (*oom set on out-of-memory). */
static const char *fix_for(pv_result *r, const pv_rule *rule, const pv_file *f, size_t s, size_t e,
                           binds b, secret_at sec, const pv_limits *lim, int *oom) {
  if (rule->fix == NULL || f->data == NULL)
    return NULL;
  return pv_fix_make(rule->fix, r->arena, f->data, s, e, b.look, b.ctx, sec.s, sec.e,
                     lim->fix_bytes, oom);
}

/* Append one finding, with its rule's fix made from the match's bindings
 * b. PV_FAILED: the findings limit is reached (stop). */
static pv_status add_finding(pv_result *r, const pv_rule *rule, const pv_file *f, const char *msg,
                             pv_pos s, pv_pos e, secret_at sec, binds b, const pv_limits *lim) {
  int oom = 0;
  const char *fix = fix_for(r, rule, f, s.byte, e.byte, b, sec, lim, &oom);
  if (msg == NULL || oom)
    return PV_FATAL;
  pv_finding fd = {.rule = &rule->meta,
                   .fix = fix,
                   .severity = rule->meta.severity,
                   .message = msg,
                   .file = f,
                   .path = f->path,
                   .start = s,
                   .end = e,
                   .secret_s = (uint32_t)sec.s,
                   .secret_e = (uint32_t)sec.e};
  if (pv_result_add_finding(r, &fd, lim) != NULL)
    return PV_OK;
  return r->findings_dropped > 0 ? PV_FAILED : PV_FATAL;
}

/* ---- Budgets that tripped ---------------------------------------------- */

/* A warning note about rule on file f, whose message starts with "PATH:
 * WHAT ID: " (what: "rule", "taint rule"), unless r has a note of that id
 * with that start already: once per rule and file, however often the rule
 * is evaluated there (the taint rounds). */
static void note_once(pv_result *r, const char *id, const pv_file *f, const char *what,
                      const pv_rule *rule, const char *msg) {
  char head[400];
  int n = snprintf(head, sizeof head, "%s: %s %s: ", f->path, what, rule->meta.id);
  size_t len = n > 0 && (size_t)n < sizeof head ? (size_t)n : strlen(head);
  for (size_t i = 0; i < r->notes.len; i++) {
    const pv_note *x = PV_VEC_AT(r->notes, pv_note, i);
    if (strcmp(x->id, id) == 0 && x->path != NULL && strcmp(x->path, f->path) == 0 &&
        strncmp(x->message, head, len) == 0)
      return;
  }
  pv_result_partial(r, id, f->path, "%s", msg);
}

/* A rule's regexes stopped early in f (PV_REGEX_CUT_* bits): a
 * `match-limit` note, as for regex rules. */
static void regex_cut_note(pv_result *r, const pv_file *f, const pv_rule *rule, unsigned cut) {
  char msg[600];
  if (cut & PV_REGEX_CUT_GENERIC) {
    snprintf(msg, sizeof msg,
             "%s: rule %s: a generic pattern stopped at its step budget or at %d matches: "
             "matches may be missing",
             f->path, rule->meta.id, PV_FORMULA_REGEX_MAX);
    note_once(r, "match-limit", f, "rule", rule, msg);
  }
  if ((cut &= ~(unsigned)PV_REGEX_CUT_GENERIC) == 0)
    return;
  snprintf(msg, sizeof msg, "%s: rule %s: a regex stopped at %s%s%s: matches may be missing",
           f->path, rule->meta.id,
           (cut & PV_REGEX_CUT_COUNT) ? "its limit of matches per file" : "",
           (cut & PV_REGEX_CUT_COUNT) && (cut & PV_REGEX_CUT_LIMIT) ? " and " : "",
           (cut & PV_REGEX_CUT_LIMIT) ? "PCRE2's match or depth limit" : "");
  note_once(r, "match-limit", f, "rule", rule, msg);
}

/* ---- Regex rules ------------------------------------------------------ */

typedef struct {
  const pcre2_code *re;
  const PCRE2_SIZE *ov;
  int pairs;
} regex_ctx;

static int regex_lookup(void *ctx, const char *name, size_t len, size_t *s, size_t *e) {
  regex_ctx *c = ctx;
  char buf[64];
  int group;
  if (len >= sizeof buf)
    return 0;
  memcpy(buf, name, len);
  buf[len] = '\0';
  if (name[0] >= '0' && name[0] <= '9')
    group = (int)strtol(buf, NULL, 10);
  else
    group = pcre2_substring_number_from_name(c->re, (PCRE2_SPTR)buf);
  if (group < 0 || group >= c->pairs || c->ov[2 * group] == PCRE2_UNSET)
    return 0;
  *s = c->ov[2 * group];
  *e = c->ov[2 * group + 1];
  return *e >= *s;
}

static void regex_note(pv_result *r, const pv_file *f, const pv_rule *rule, int rc) {
  PCRE2_UCHAR msg[200];
  pcre2_get_error_message(rc, msg, sizeof msg);
  pv_result_partial(r, "match-limit", f->path,
                    "%s: rule %s stopped early: %s; later matches in this file are not reported",
                    f->path, rule->meta.id, (const char *)msg);
}

static pv_status run_regex(pv_matcher *m, pv_result *r, const pv_file *f, const pv_rule *rule,
                           const pv_limits *lim) {
  line_cursor lc = {f->data, 0, 1, 0};
  size_t off = 0, count = 0;
  while (off <= f->size) {
    int rc = pcre2_match(rule->re, f->data, f->size, off, 0, m->md, m->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
      break;
    if (rc < 0) {
      regex_note(r, f, rule, rc);
      break;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    size_t s = ov[0], e = ov[1] >= ov[0] ? ov[1] : ov[0];
    regex_ctx ctx = {rule->re, ov, rc == 0 ? OVECTOR_PAIRS : rc};
    secret_at sec = secret_of(rule, f->data, s, e, regex_lookup, &ctx, 0);
    const char *msg = interpolate(r, rule->meta.message, f->data, regex_lookup, &ctx, sec);
    pv_pos ps = pos_at(&lc, s), pe = pos_at(&lc, e);
    pv_status st = add_finding(r, rule, f, msg, ps, pe, sec, (binds){regex_lookup, &ctx}, lim);
    if (st != PV_OK)
      return st;
    if (++count >= REGEX_PER_FILE) {
      pv_result_note(r, PV_NOTE_WARNING, "match-limit", f->path,
                     "%s: rule %s matched %d times; the rest are not reported", f->path,
                     rule->meta.id, REGEX_PER_FILE);
      break;
    }
    off = e > off ? e : off + 1;
    while (off < f->size && (f->data[off] & 0xC0) == 0x80)
      off++; /* next UTF-8 char */
  }
  return PV_OK;
}

/* ---- Query rules ------------------------------------------------------ */

typedef struct {
  pv_matcher *m;
  const pv_langquery *lq;
  const TSQueryMatch *qm;
  const pv_file *f;
  int regex_cut; /* a #match? predicate stopped at PCRE2's limits */
} query_ctx;

static int node_text(const pv_file *f, TSNode n, const char **s, uint32_t *len) {
  uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  if (b < a || b > f->size)
    return 0;
  *s = (const char *)f->data + a;
  *len = b - a;
  return 1;
}

/* First node of capture id in the match, if any. */
static int first_node(const TSQueryMatch *qm, uint32_t id, TSNode *out) {
  for (uint16_t i = 0; i < qm->capture_count; i++)
    if (qm->captures[i].index == id) {
      *out = qm->captures[i].node;
      return 1;
    }
  return 0;
}

static int pred_holds_on(query_ctx *c, const pv_pred *p, TSNode n) {
  const char *s, *t = p->text;
  uint32_t len, tlen = p->text_len;
  if (!node_text(c->f, n, &s, &len))
    return 0;
  if (p->op == PV_PRED_EQ || p->op == PV_PRED_NOT_EQ) {
    TSNode other;
    if (p->rhs_is_capture) {
      if (!first_node(c->qm, p->rhs_capture, &other))
        return 1; /* unbound: vacuous */
      if (!node_text(c->f, other, &t, &tlen))
        return 0;
    }
    int eq = len == tlen && memcmp(s, t, len) == 0;
    return p->op == PV_PRED_EQ ? eq : !eq;
  }
  int rc = pcre2_match(p->re, (PCRE2_SPTR)s, len, 0, 0, c->m->md, c->m->mctx);
  int hit = rc >= 0;
  if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
    c->regex_cut = 1;
  return p->op == PV_PRED_MATCH ? hit : !hit;
}

/* Every predicate holds for every node of its capture (unbound: holds). */
static int preds_hold(query_ctx *c, const pv_qpattern *pat) {
  for (uint32_t k = 0; k < pat->n_preds; k++) {
    const pv_pred *p = &pat->preds[k];
    for (uint16_t i = 0; i < c->qm->capture_count; i++)
      if (c->qm->captures[i].index == p->capture && !pred_holds_on(c, p, c->qm->captures[i].node))
        return 0;
  }
  return 1;
}

static int query_lookup(void *ctx, const char *name, size_t len, size_t *s, size_t *e) {
  query_ctx *c = ctx;
  for (uint16_t i = 0; i < c->qm->capture_count; i++) {
    uint32_t n;
    const char *cn = ts_query_capture_name_for_id(c->lq->query, c->qm->captures[i].index, &n);
    if (n == len && memcmp(cn, name, len) == 0) {
      *s = ts_node_start_byte(c->qm->captures[i].node);
      *e = ts_node_end_byte(c->qm->captures[i].node);
      return *e >= *s && *e <= c->f->size;
    }
  }
  return 0;
}

typedef struct {
  uint64_t deadline;
  unsigned calls;
  int timed_out;
} query_budget;

static bool query_over_budget(TSQueryCursorState *state) {
  query_budget *b = state->payload;
  if ((++b->calls & 255u) != 0)
    return false;
  if (pv_now_ms() <= b->deadline)
    return false;
  b->timed_out = 1;
  return true;
}

/* Install-time rules (metadata.when: install) see only install-time code. */
static int time_applies(const pv_rule *rule, const pv_file *f) {
  return !rule->meta.install_time || (f->flags & PV_FILE_INSTALL);
}

/* A Semgrep path glob: the whole path, any trailing part, or a directory. */
static int glob_hits(const char *g, const char *path) {
  char glob[1024];
  while (*g == '/')
    g++;
  size_t n = strlen(g);
  while (n > 0 && g[n - 1] == '/')
    n--;
  if (n == 0 || n >= sizeof glob)
    return 0;
  memcpy(glob, g, n);
  glob[n] = '\0';
  for (const char *p = path; p != NULL; p = strchr(p, '/'), p = p ? p + 1 : NULL)
    if (fnmatch(glob, p, FNM_LEADING_DIR) == 0)
      return 1;
  return 0;
}

static int path_applies(const pv_rule *rule, const char *path) {
  int hit = 0;
  if (path == NULL)
    path = "";
  for (size_t i = 0; rule->paths_exclude && rule->paths_exclude[i]; i++)
    if (glob_hits(rule->paths_exclude[i], path))
      return 0;
  if (rule->paths_include == NULL)
    return 1;
  for (size_t i = 0; rule->paths_include[i] && !hit; i++)
    hit = glob_hits(rule->paths_include[i], path);
  return hit;
}

static pv_status query_finding(query_ctx *c, pv_result *r, const pv_qpattern *pat,
                               const pv_limits *lim) {
  TSNode n;
  if (!time_applies(pat->rule, c->f) || !path_applies(pat->rule, c->f->path))
    return PV_OK;
  if (!first_node(c->qm, c->lq->match_capture, &n)) {
    if (c->qm->capture_count == 0)
      return PV_OK;
    n = c->qm->captures[0].node;
  }
  secret_at sec = secret_of(pat->rule, c->f->data, ts_node_start_byte(n), ts_node_end_byte(n),
                            query_lookup, c, 1);
  const char *msg = interpolate(r, pat->rule->meta.message, c->f->data, query_lookup, c, sec);
  pv_pos s = node_pos(ts_node_start_point(n), ts_node_start_byte(n));
  pv_pos e = node_pos(ts_node_end_point(n), ts_node_end_byte(n));
  return add_finding(r, pat->rule, c->f, msg, s, e, sec, (binds){query_lookup, c}, lim);
}

/* Non-zero if the words query pattern p needs all occur in the file. */
static int qwords_present(const pv_matcher *m, const pv_qpattern *p) {
  for (uint32_t k = 0; k < p->n_words; k++)
    if (!pv_wordgroup_holds(&p->words[k], m->present))
      return 0;
  return 1;
}

/* Non-zero if query pattern p can give a finding in f: its words occur
 * and its rule applies to the file (query_finding drops the rest). */
static int qpattern_live(const pv_matcher *m, const pv_qpattern *p, const pv_file *f) {
  return qwords_present(m, p) && time_applies(p->rule, f) && path_applies(p->rule, f->path);
}

/* The rules of lq (by their order) with a pattern that can give a finding
 * in f into *live, all of them into *all (past SUBQ_RULES rules, every
 * rule counts as live when one does); 0 if no pattern can. */
static int live_rules(const pv_matcher *m, const pv_file *f, const pv_langquery *lq, uint64_t *live,
                      uint64_t *all) {
  uint32_t g = 0;
  int many = 0;
  *live = *all = 0;
  for (uint32_t i = 0; i < lq->n_patterns; i++) {
    g += i > 0 && lq->patterns[i].rule != lq->patterns[i - 1].rule;
    uint64_t bit = g < SUBQ_RULES ? (uint64_t)1 << g : 0;
    many |= bit == 0;
    *all |= bit;
    if (qpattern_live(m, &lq->patterns[i], f))
      *live |= bit ? bit : 1;
  }
  if (many && *live)
    *live = *all;
  return *live != 0;
}

/* Map each capture id of sq's query to the combined query's id of the
 * same name; 0, or -1 if one is missing or on OOM. */
static int subquery_captures(subquery *sq, const TSQuery *all) {
  uint32_t n = ts_query_capture_count(sq->query), na = ts_query_capture_count(all);
  sq->cmap = malloc((n + 1) * sizeof *sq->cmap);
  if (sq->cmap == NULL)
    return -1;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len, alen;
    const char *name = ts_query_capture_name_for_id(sq->query, i, &len);
    sq->cmap[i] = UINT32_MAX;
    for (uint32_t k = 0; k < na && sq->cmap[i] == UINT32_MAX; k++) {
      const char *an = ts_query_capture_name_for_id(all, k, &alen);
      if (alen == len && memcmp(an, name, len) == 0)
        sq->cmap[i] = k;
    }
    if (sq->cmap[i] == UINT32_MAX)
      return -1;
  }
  return 0;
}

/* Build sq's query from the rules of lq in sq->mask; 0, or -1 when it
 * cannot be (out of memory: the combined query runs instead). */
static int subquery_build(subquery *sq, const pv_langquery *lq) {
  pv_buf src;
  pv_buf_init(&src, UINT32_MAX / 2);
  uint32_t g = 0, n = 0;
  for (uint32_t i = 0; i < lq->n_patterns; i++) {
    int first = i == 0 || lq->patterns[i].rule != lq->patterns[i - 1].rule;
    g += i > 0 && first;
    if (!(sq->mask >> g & 1))
      continue;
    if (first) {
      pv_buf_cats(&src, lq->patterns[i].rule->query);
      pv_buf_cats(&src, "\n");
    }
    n++;
  }
  uint32_t off;
  TSQueryError et;
  sq->pmap = malloc((n + 1) * sizeof *sq->pmap);
  if (pv_buf_status(&src) == PV_OK && sq->pmap != NULL)
    sq->query =
        ts_query_new(pv_language(sq->lang), (const char *)src.data, (uint32_t)src.len, &off, &et);
  pv_buf_free(&src);
  if (sq->query == NULL || ts_query_pattern_count(sq->query) != n)
    return -1;
  for (uint32_t i = 0, g2 = 0, k = 0; i < lq->n_patterns; i++) {
    g2 += i > 0 && lq->patterns[i].rule != lq->patterns[i - 1].rule;
    if (sq->mask >> g2 & 1)
      sq->pmap[k++] = i;
  }
  return subquery_captures(sq, lq->query);
}

/* The query of the rules in mask of lq, built once per matcher; NULL (the
 * combined query runs) when it cannot be built or SUBQ_MAX are. */
static const subquery *subquery_get(pv_matcher *m, pv_lang l, const pv_langquery *lq,
                                    uint64_t mask) {
  for (uint32_t i = 0; i < m->nsubq; i++)
    if (m->subq[i].lang == l && m->subq[i].mask == mask)
      return m->subq[i].query ? &m->subq[i] : NULL;
  if (m->nsubq == SUBQ_MAX)
    return NULL;
  subquery *sq = &m->subq[m->nsubq++];
  *sq = (subquery){.lang = l, .mask = mask};
  if (subquery_build(sq, lq) == 0)
    return sq;
  ts_query_delete(sq->query);
  sq->query = NULL;
  return NULL;
}

/* A match of sq's query as the combined query numbers it; 0, or -1 on OOM. */
static int renumber(pv_matcher *m, const subquery *sq, TSQueryMatch *qm) {
  if (qm->capture_count > m->capcap) {
    TSQueryCapture *v = realloc(m->caps, qm->capture_count * sizeof *v);
    if (v == NULL)
      return -1;
    m->caps = v;
    m->capcap = qm->capture_count;
  }
  for (uint16_t i = 0; i < qm->capture_count; i++) {
    m->caps[i] = qm->captures[i];
    m->caps[i].index = sq->cmap[qm->captures[i].index];
  }
  qm->captures = m->caps;
  qm->pattern_index = (uint16_t)sq->pmap[qm->pattern_index];
  return 0;
}

static pv_status run_queries(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                             const pv_limits *lim) {
  const pv_langquery *lq = &m->rs->lq[f->lang];
  uint64_t live, all;
  if (!live_rules(m, f, lq, &live, &all))
    return PV_OK;
  const subquery *sq = live != all ? subquery_get(m, f->lang, lq, live) : NULL;
  query_budget b = {pv_now_ms() + (lim->parse_ms ? lim->parse_ms : QUERY_MS), 0, 0};
  TSQueryCursorOptions opt = {&b, query_over_budget};
  ts_query_cursor_exec_with_options(m->qc, sq ? sq->query : lq->query, ts_tree_root_node(tree),
                                    &opt);
  TSQueryMatch qm;
  query_ctx c = {.m = m, .lq = lq, .qm = &qm, .f = f};
  pv_status rc = PV_OK;
  while (rc == PV_OK && ts_query_cursor_next_match(m->qc, &qm)) {
    if (sq != NULL && renumber(m, sq, &qm) != 0)
      return PV_FATAL;
    if (qm.pattern_index >= lq->n_patterns)
      continue;
    const pv_qpattern *pat = &lq->patterns[qm.pattern_index];
    if (!qwords_present(m, pat))
      continue;
    c.regex_cut = 0;
    if (preds_hold(&c, pat))
      rc = query_finding(&c, r, pat, lim);
    if (c.regex_cut)
      regex_cut_note(r, f, pat->rule, PV_REGEX_CUT_LIMIT);
  }
  if (b.timed_out)
    pv_result_partial(r, "match-limit", f->path,
                      "%s: %s query rules stopped after %u ms; later matches are not reported",
                      f->path, pv_lang_name(f->lang),
                      (unsigned)(lim->parse_ms ? lim->parse_ms : QUERY_MS));
  else if (ts_query_cursor_did_exceed_match_limit(m->qc))
    pv_result_partial(r, "match-limit", f->path,
                      "%s: %s query rules exceeded %d in-progress matches; some matches may be "
                      "missed",
                      f->path, pv_lang_name(f->lang), QUERY_MATCH_LIMIT);
  return rc == PV_FAILED ? PV_OK : rc;
}

/* ---- Pattern rules ---------------------------------------------------- */

typedef struct {
  pv_mlist *by;
  uint32_t total;
  int oom, full;
  const pv_matcher *m;
  const pv_pfilter *filters; /* per pattern, or NULL */
  const unsigned char *data;
  pv_lang lang;
} collect_ctx;

/* Does pm pass its pattern's metavariable-regex filters (rules_impl.h)?
 * (A regex stopped by PCRE2's limits lets it through: the rule's own
 * metavariable-regex decides, and tells.) */
static int passes(const collect_ctx *c, const pv_pfilter *pf, const pv_pmatch *pm) {
  for (uint32_t k = 0; k < pf->n; k++) {
    const pv_binding *b = pv_pmatch_get(pm, pf->mv[k], strlen(pf->mv[k]));
    if (b == NULL)
      return 0;
    int rc = pcre2_match(pf->re[k], c->data + b->s, b->e - b->s, 0, 0, c->m->md, c->m->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
      return 0;
  }
  return 1;
}

static int collect(void *ctx, uint32_t id, const pv_pmatch *pm) {
  collect_ctx *c = ctx;
  if (c->filters != NULL && !passes(c, &c->filters[id], pm))
    return 0;
  if (++c->total > PATTERN_MATCHES_MAX)
    return c->full = 1;
  if (pv_mlist_push(&c->by[id], pm) != 0)
    return c->oom = 1;
  return 0;
}

static int pmatch_lookup(void *ctx, const char *name, size_t len, size_t *s, size_t *e) {
  const pv_pmatch *pm = ctx;
  for (uint32_t i = 0; i < pm->nb; i++) {
    const char *n = pm->b[i].name + 1; /* skip '$' */
    if (strlen(n) == len && memcmp(n, name, len) == 0) {
      *s = pm->b[i].s;
      *e = pm->b[i].e;
      return 1;
    }
  }
  return 0;
}

/* A lazy pattern's matches around [s, e) (formula.h), into its list. */
static int demand(void *ctx, uint32_t id, uint32_t s, uint32_t e, pv_demand_where where) {
  collect_ctx *c = ctx;
  const pv_pindex *ix = c->m->rs->pix[c->lang];
  if (!c->m->pat_ok[id] || c->m->active[id])
    return 0; /* a walk found them all */
  pv_status rc = where == PV_DEMAND_WITHIN
                     ? pv_pindex_match_within(ix, c->m->ps, id, s, e, collect, c)
                     : pv_pindex_match_around(ix, c->m->ps, id, s, e, collect, c);
  return rc != PV_OK || c->oom ? -1 : 0;
}

/* What formulas are evaluated over: the file's matches, found on demand
 * for lazy patterns. */
static pv_feval feval_of(pv_matcher *m, const pv_file *f, collect_ctx *cc) {
  return (pv_feval){.by_pat = m->by_pat,
                    .n_pat = m->rs->npats[f->lang],
                    .lang = f->lang,
                    .data = f->data,
                    .size = (uint32_t)f->size,
                    .md = m->md,
                    .mctx = m->mctx,
                    .demand = m->no_prefilter ? NULL : demand,
                    .demand_ctx = cc};
}

/* Mark in m->uses the patterns (of language l) rule's formulas use. */
static void rule_patterns(pv_matcher *m, const pv_rule *rule, pv_lang l) {
  memset(m->uses, 0, m->rs->npats[l]);
  if (rule->kind == PV_MATCHER_PATTERN)
    pv_formula_mark(rule->formula, l, m->uses, 1);
  if (rule->kind != PV_MATCHER_TAINT)
    return;
  for (int k = 0; k < PV_TI_COUNT; k++)
    for (uint32_t i = 0; i < rule->taint->n[k]; i++)
      pv_formula_mark(rule->taint->items[k][i].f, l, m->uses, 1);
}

/* What cut short the attempts of rule's patterns in this file (PV_PSCAN_*
 * bits), or 0. */
static unsigned rule_exceeded(pv_matcher *m, const pv_rule *rule, pv_lang l) {
  unsigned why = 0;
  if (!pv_pscan_exceeded_any(m->ps))
    return 0;
  rule_patterns(m, rule, l);
  for (uint32_t i = 0; i < m->rs->npats[l]; i++)
    if (m->uses[i])
      why |= pv_pscan_exceeded(m->ps, i);
  return why;
}

/* After rule was evaluated on f: a note for each budget that cut its
 * matching short there (regex_cut: PV_REGEX_CUT_* bits of its regexes).
 * The pattern matcher's: `match-budget`, once per rule and file. */
static void budget_notes(pv_matcher *m, pv_result *r, const pv_file *f, const pv_rule *rule,
                         unsigned regex_cut, const pv_limits *lim) {
  char steps[80] = "", deep[80] = "", decls[80] = "", msg[600];
  unsigned why = rule_exceeded(m, rule, f->lang);
  regex_cut_note(r, f, rule, regex_cut);
  if (why == 0)
    return;
  if (why & PV_PSCAN_STEPS)
    snprintf(steps, sizeof steps, "the step budget (%u node comparisons)",
             (unsigned)lim->pattern_steps);
  if (why & PV_PSCAN_DEPTH)
    snprintf(deep, sizeof deep, "%sthe %d levels a <... P ...> looks down", steps[0] ? " and " : "",
             PV_PSCAN_DEEP_MAX);
  if (why & PV_PSCAN_DECLS)
    snprintf(decls, sizeof decls, "%sthe %d declarations tracked per file",
             steps[0] || deep[0] ? " and " : "", PV_PSCAN_DECLS_MAX);
  snprintf(msg, sizeof msg,
           "%s: rule %s: pattern matching stopped at %s%s%s: matches may be missing", f->path,
           rule->meta.id, steps, deep, decls);
  note_once(r, "match-budget", f, "rule", rule, msg);
}

/* A pattern rule's findings in f: over its tree's pattern matches (cc), or
 * over its text alone (cc NULL: a generic rule, generic.h). */
static pv_status pattern_rule(pv_matcher *m, pv_result *r, const pv_file *f, const pv_rule *rule,
                              collect_ctx *cc, const pv_limits *lim) {
  unsigned regex_cut = 0;
  pv_feval e = cc != NULL ? feval_of(m, f, cc)
                          : (pv_feval){.lang = f->lang,
                                       .data = f->data,
                                       .size = (uint32_t)f->size,
                                       .md = m->md,
                                       .mctx = m->mctx};
  e.regex_cut = &regex_cut;
  e.fold_bytes = lim->fold_bytes;
  e.generic_steps = lim->pattern_steps;
  pv_mlist out = {0};
  pv_status rc = pv_formula_eval(rule->formula, &e, &out);
  if (cc != NULL)
    budget_notes(m, r, f, rule, regex_cut, lim);
  else
    regex_cut_note(r, f, rule, regex_cut);
  line_cursor lc = {f->data, 0, 1, 0};
  for (uint32_t i = 0; rc == PV_OK && i < out.n; i++) {
    const pv_pmatch *pm = &out.v[i];
    if (pm->e > f->size || pm->s > pm->e)
      continue;
    secret_at sec = secret_of(rule, f->data, pm->s, pm->e, pmatch_lookup, (void *)pm, 1);
    const char *msg = interpolate(r, rule->meta.message, f->data, pmatch_lookup, (void *)pm, sec);
    pv_pos ps = pos_at(&lc, pm->s), pe = pos_at(&lc, pm->e);
    rc = add_finding(r, rule, f, msg, ps, pe, sec, (binds){pmatch_lookup, (void *)pm}, lim);
  }
  pv_mlist_free(&out);
  return rc;
}

/* ---- Taint rules -------------------------------------------------------- */

typedef struct {
  pv_result *r;
  const pv_rule *rule;
  const pv_file *f;
  const pv_limits *lim;
  const TSTree *tree;         /* f's */
  pv_render *rv;              /* render-views rules */
  const pv_taint_step *steps; /* the path of the sink being followed */
  uint32_t n;
  uint32_t sink_s; /* where that sink starts */
} hit_ctx;

/* A byte offset's line and column in f, by cursor lc: kept while the
 * steps of a path stay in one file (a path of n steps must not scan its
 * file n times), fresh for another file. */
static pv_pos pos_of(line_cursor *lc, const pv_file *f, uint32_t byte) {
  if (lc->data != f->data)
    *lc = (line_cursor){f->data, 0, 1, 0};
  return pos_at(lc, byte);
}

/* The path's steps as flow steps, with room for `extra` more; NULL on OOM. */
static pv_flow_step *flow_of(const hit_ctx *h, const pv_taint_step *steps, uint32_t n,
                             uint32_t extra, line_cursor *lc) {
  pv_flow_step *flow = pv_arena_alloc(h->r->arena, (n + extra ? n + extra : 1) * sizeof *flow);
  for (uint32_t i = 0; flow != NULL && i < n; i++) {
    const pv_file *f = steps[i].file ? steps[i].file : h->f;
    const char *msg = pv_arena_strdup(h->r->arena, steps[i].msg ? steps[i].msg : "");
    if (msg == NULL)
      return NULL;
    flow[i] = (pv_flow_step){.file = f,
                             .path = f->path,
                             .start = pos_of(lc, f, steps[i].s),
                             .end = pos_of(lc, f, steps[i].e),
                             .message = msg};
  }
  return flow;
}

/* A render-views sink reached: the view's unescaped output it reaches,
 * reported in the view with the path and one more step there. */
static int render_hit(void *ctx, const pv_render_hit *rh) {
  hit_ctx *h = ctx;
  line_cursor lc = {NULL, 0, 1, 0};
  pv_flow_step *flow = flow_of(h, h->steps, h->n, 2, &lc);
  const pv_file *v = rh->view;
  uint32_t len = rh->out.e - rh->out.s, k = h->n;
  const char *step =
      pv_arena_printf(h->r->arena, "written unescaped by %.*s in the view %s",
                      (int)(len < 80 ? len : 80), (const char *)v->data + rh->out.s, v->path);
  if (flow == NULL || step == NULL)
    return -1;
  if (h->sink_s < rh->call_s || h->sink_s >= rh->call_e) /* res.locals.x = v; ... render() */
    flow[k++] = (pv_flow_step){.file = rh->route,
                               .path = rh->route->path,
                               .start = pos_of(&lc, rh->route, rh->call_s),
                               .end = pos_of(&lc, rh->route, rh->call_e),
                               .message = "rendered by the view"};
  flow[k] = (pv_flow_step){.file = v,
                           .path = v->path,
                           .start = pos_of(&lc, v, rh->out.s),
                           .end = pos_of(&lc, v, rh->out.e),
                           .message = step};
  pv_finding fd = {.rule = &h->rule->meta,
                   .severity = h->rule->meta.severity,
                   .message = h->rule->meta.message,
                   .file = v,
                   .path = v->path,
                   .start = pos_of(&lc, v, rh->out.s),
                   .end = pos_of(&lc, v, rh->out.e),
                   .flow = flow,
                   .nflow = k + 1};
  if (pv_result_add_finding(h->r, &fd, h->lim) != NULL)
    return 0;
  return h->r->findings_dropped > 0 ? 1 : -1;
}

/* Follow a render-views sink into its view; a cap that trips is a
 * `match-limit` note. */
static int render_follow(hit_ctx *h, const pv_file *sf, const pv_pmatch *sink) {
  int rc =
      pv_render_follow(h->rv, h->f, h->tree, sf, sink->s, sink->e, h->steps, h->n, render_hit, h);
  if (rc != PV_RENDER_CUT)
    return rc;
  char msg[600];
  snprintf(msg, sizeof msg,
           "%s: rule %s: views followed from render calls stopped at %d render calls per input, "
           "%d unescaped outputs or %d aliases per view: findings in views may be missing",
           h->f->path, h->rule->meta.id, PV_RENDER_FOLLOW_MAX, PV_RENDER_OUTS_MAX,
           PV_RENDER_ALIASES_MAX);
  note_once(h->r, "match-limit", h->f, "rule", h->rule, msg);
  return 0;
}

static int taint_hit(void *ctx, const pv_file *sink_file, const pv_pmatch *sink,
                     const pv_taint_step *steps, uint32_t n) {
  hit_ctx *h = ctx;
  const pv_file *sf = sink_file ? sink_file : h->f;
  if (h->rule->taint->render_views) {
    h->steps = steps;
    h->n = n;
    h->sink_s = sink->s;
    return h->rv == NULL ? 0 : render_follow(h, sf, sink);
  }
  line_cursor lc = {NULL, 0, 1, 0};
  pv_flow_step *flow = flow_of(h, steps, n, 0, &lc);
  if (flow == NULL)
    return -1;
  secret_at sec = secret_of(h->rule, sf->data, sink->s, sink->e, pmatch_lookup, (void *)sink, 1);
  const char *msg =
      interpolate(h->r, h->rule->meta.message, sf->data, pmatch_lookup, (void *)sink, sec);
  int oom = 0;
  const char *fix = fix_for(h->r, h->rule, sf, sink->s, sink->e,
                            (binds){pmatch_lookup, (void *)sink}, sec, h->lim, &oom);
  if (msg == NULL || oom)
    return -1;
  pv_finding fd = {.rule = &h->rule->meta,
                   .severity = h->rule->meta.severity,
                   .message = msg,
                   .fix = fix,
                   .file = sf,
                   .path = sf->path,
                   .start = pos_of(&lc, sf, sink->s),
                   .end = pos_of(&lc, sf, sink->e),
                   .flow = flow,
                   .nflow = n,
                   .secret_s = (uint32_t)sec.s,
                   .secret_e = (uint32_t)sec.e};
  if (pv_result_add_finding(h->r, &fd, h->lim) != NULL)
    return 0;
  return h->r->findings_dropped > 0 ? 1 : -1;
}

static pv_status taint_rule(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                            const pv_rule *rule, collect_ctx *cc, const pv_limits *lim) {
  unsigned regex_cut = 0;
  pv_feval e = feval_of(m, f, cc);
  e.regex_cut = &regex_cut;
  e.fold_bytes = lim->fold_bytes;
  hit_ctx h = {r, rule, f, lim, .tree = tree, .rv = m->rv};
  pv_taint_incomplete cut;
  if (m->tf == NULL && (m->tf = pv_taint_file_new()) == NULL)
    return PV_FATAL; /* (x NULL: no first pass made it) */
  pv_status rc =
      pv_taint_run(rule, m->rs->models, &e, f, tree, m->tg, m->tx, m->tf, lim, taint_hit, &h, &cut);
  budget_notes(m, r, f, rule, regex_cut, lim);
  if (cut.where[0]) {
    char msg[600];
    snprintf(msg, sizeof msg,
             "%s: taint rule %s: analysis incomplete in %s (%s); flows through there may be missed",
             f->path, rule->meta.id, cut.where, cut.why);
    note_once(r, "analysis-incomplete", f, "taint rule", rule, msg);
  }
  return rc;
}

/* Can some item of a taint rule's list `kind` match? */
static int items_can_match(const pv_matcher *m, const pv_taint_spec *t, int kind, pv_lang l) {
  for (uint32_t i = 0; i < t->n[kind]; i++)
    if (pv_formula_can_match(t->items[kind][i].f, l, m->pat_ok, m->present))
      return 1;
  return 0;
}

/* The taint rules' rounds over the input (taint.h): 0 the first pass. */
static uint32_t taint_round(const pv_matcher *m) {
  return pv_taint_round(m->tx);
}

/* Can taint rule `rule` matter in this file? In the first pass: where a
 * source may be (and a sink, unless another module imports the file or is
 * imported by it); in the rounds: where the rule still needs the file. */
static int taint_can_match(const pv_matcher *m, const pv_rule *rule, const pv_file *f) {
  if (!m->taint_deps && f->path != NULL &&
      (strncmp(f->path, "node_modules/", 13) == 0 || strstr(f->path, "/node_modules/") != NULL))
    return 0; /* dependencies: their models apply, their code is not analysed */
  if (m->tx != NULL && pv_taint_ready(m->tx, m->tg, rule, f) > 0)
    return 1; /* (first pass: woken by a module) */
  if (taint_round(m) > 0)
    return 0;
  if (rule->taint->entry_exported && pv_taint_entry(m->tg, f))
    return 1;
  if (!items_can_match(m, rule->taint, PV_TI_SOURCE, f->lang))
    return 0;
  return (m->tg != NULL && pv_taint_linked(m->tg, f)) ||
         items_can_match(m, rule->taint, PV_TI_SINK, f->lang);
}

/* Can rule match this file? In the taint rounds only taint rules run. */
static int rule_can_match(const pv_matcher *m, const pv_rule *rule, const pv_file *f) {
  pv_lang l = f->lang;
  if (!(rule->langs & PV_LANG_BIT(l)) || !path_applies(rule, f->path) || !time_applies(rule, f))
    return 0;
  if (rule->kind == PV_MATCHER_TAINT)
    return taint_can_match(m, rule, f);
  if (rule->kind == PV_MATCHER_PATTERN && taint_round(m) == 0)
    return pv_formula_can_match(rule->formula, l, m->pat_ok, m->present);
  return 0;
}

/* The patterns rule needs tried: a taint rule's sources only in the first
 * pass (taint_can_match), unless all. */
static void mark_rule(pv_matcher *m, const pv_rule *rule, pv_lang l, int all) {
  if (rule->kind == PV_MATCHER_PATTERN)
    pv_formula_mark(rule->formula, l, m->active, m->no_prefilter);
  int kinds = !all && m->tx != NULL && taint_round(m) == 0 ? PV_TI_SOURCE + 1 : PV_TI_COUNT;
  for (int k = 0; rule->kind == PV_MATCHER_TAINT && k < kinds; k++)
    for (uint32_t i = 0; i < rule->taint->n[k]; i++)
      pv_formula_mark(rule->taint->items[k][i].f, l, m->active, m->no_prefilter);
}

/* The pattern and taint rules that can match this file (rule_on) and the
 * patterns they need tried (active); returns how many patterns are
 * active, or -1 when no rule can match. */
static int select_patterns(pv_matcher *m, const pv_file *f) {
  const pv_ruleset *rs = m->rs;
  pv_lang l = f->lang;
  uint32_t np = rs->npats[l];
  int n = 0, rules = 0;
  for (uint32_t i = 0; i < np; i++)
    m->pat_ok[i] = (uint8_t)pv_pindex_words_present(rs->pix[l], i, m->present);
  memset(m->active, 0, np);
  for (size_t i = 0; i < rs->n; i++) {
    m->rule_on[i] = (uint8_t)rule_can_match(m, rs->rules[i], f);
    if (m->rule_on[i]) {
      mark_rule(m, rs->rules[i], l, 0);
      rules++;
    }
  }
  for (uint32_t i = 0; i < np; i++)
    n += m->active[i] &= m->pat_ok[i];
  return rules ? n : -1;
}

/* One walk of the pattern index over the file, trying the patterns of
 * `active`; a walk cut short (or too many matches) is noted on r. */
static pv_status scan_patterns(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                               const uint8_t *active, collect_ctx *c, const pv_limits *lim) {
  if (m->rs->pix[f->lang] == NULL)
    return PV_OK; /* no pattern of this language: nothing to walk for */
  uint32_t budget = lim->parse_ms ? lim->parse_ms : QUERY_MS;
  pv_status rc =
      pv_pindex_scan(m->rs->pix[f->lang], m->ps, f->data, (uint32_t)f->size,
                     ts_tree_root_node(tree), &m->occ, lim->ast_depth, budget, active, collect, c);
  if (rc == PV_FATAL || c->oom)
    return PV_FATAL;
  if (rc == PV_WARN || c->full)
    pv_result_partial(r, "match-limit", f->path,
                      "%s: pattern rules stopped early (%s); later matches are not reported",
                      f->path, c->full ? "too many matches" : "depth or time limit");
  return PV_OK;
}

/* The taint rules' first pass (taint.h): which have a source here (or
 * were made pending by a module analysed earlier in the pass). Those
 * that can be analysed now have the rest of their patterns found by a
 * second walk (only those patterns: the first walk's lists stand); the
 * others wait for the rounds. */
static pv_status first_pass(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                            collect_ctx *c, const pv_limits *lim) {
  const pv_ruleset *rs = m->rs;
  uint32_t np = rs->npats[f->lang];
  int more = 0;
  if (m->tf == NULL)
    return PV_FATAL;
  memcpy(m->walked, m->active, np);
  for (size_t i = 0; i < rs->n; i++) {
    if (!m->rule_on[i] || rs->rules[i]->kind != PV_MATCHER_TAINT)
      continue;
    unsigned regex_cut = 0;
    pv_feval e = feval_of(m, f, c);
    e.regex_cut = &regex_cut;
    e.fold_bytes = lim->fold_bytes;
    int t = pv_taint_sources(rs->rules[i], &e, f, m->tf, m->tg, m->tx), ready = 0;
    if (t >= 0)
      ready = pv_taint_ready(m->tx, m->tg, rs->rules[i], f);
    if (t < 0 || ready < 0)
      return PV_FATAL;
    if (ready == 0) /* not analysed now: what cut its sources' matching short is told here */
      budget_notes(m, r, f, rs->rules[i], regex_cut, lim);
    m->rule_on[i] = (uint8_t)(ready > 0);
    more |= ready > 0;
  }
  if (!more)
    return PV_OK;
  for (size_t i = 0; i < rs->n; i++) /* (not before: demand skips the patterns marked) */
    if (m->rule_on[i] && rs->rules[i]->kind == PV_MATCHER_TAINT)
      mark_rule(m, rs->rules[i], f->lang, 1);
  for (uint32_t i = 0; i < np; i++) { /* walked: now the patterns of the second walk */
    m->active[i] &= m->pat_ok[i];
    m->walked[i] = m->active[i] && !m->walked[i];
    if (m->walked[i])
      m->by_pat[i].n = 0; /* demands made for it: the walk finds all */
  }
  pv_pscan_same_file(m->ps);
  return scan_patterns(m, r, f, tree, m->walked, c, lim);
}

static pv_status run_patterns(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                              const pv_limits *lim) {
  const pv_ruleset *rs = m->rs;
  collect_ctx c = {.by = m->by_pat,
                   .m = m,
                   .filters = m->no_prefilter ? NULL : rs->pfilter[f->lang],
                   .data = f->data,
                   .lang = f->lang};
  for (uint32_t i = 0; i < rs->npats[f->lang]; i++)
    m->by_pat[i].n = 0;
  pv_taint_file_reset(m->tf); /* a new file: the taint rules find its functions again */
  pv_pscan_set_step_budget(m->ps, lim->pattern_steps);
  int live = select_patterns(m, f);
  if (live < 0)
    return PV_OK;
  pv_status rc = scan_patterns(m, r, f, tree, m->active, &c, lim);
  if (rc == PV_OK && m->tx != NULL && taint_round(m) == 0)
    rc = first_pass(m, r, f, tree, &c, lim);
  if (rc != PV_OK)
    return rc;
  for (size_t i = 0; i < rs->n && rc == PV_OK; i++)
    if (m->rule_on[i])
      rc = rs->rules[i]->kind == PV_MATCHER_TAINT ? taint_rule(m, r, f, tree, rs->rules[i], &c, lim)
                                                  : pattern_rule(m, r, f, rs->rules[i], &c, lim);
  for (uint32_t i = 0; i < rs->npats[f->lang]; i++) /* one huge file must not pin its lists */
    if (m->by_pat[i].cap > MATCHES_KEPT)
      pv_mlist_free(&m->by_pat[i]);
  if (m->occ.cap > OCCS_KEPT) {
    free(m->occ.v);
    memset(&m->occ, 0, sizeof m->occ);
  }
  return rc == PV_FAILED ? PV_OK : rc;
}

/* ---- Entry point ------------------------------------------------------ */

pv_status pv_match_input(pv_matcher *m, const pv_result *r, int taint_deps) {
  m->taint_deps = taint_deps;
  m->scanned = NULL;
  pv_taint_graph_delete(m->tg);
  pv_taint_exports_delete(m->tx);
  pv_render_delete(m->rv);
  free(m->order);
  m->tg = NULL;
  m->tx = NULL;
  m->rv = NULL;
  m->order = NULL;
  if (!pv_taint_wanted(m->rs) || r->files.len == 0)
    return PV_OK;
  m->tg = pv_taint_graph_new(r);
  m->tx = pv_taint_exports_new();
  m->rv = pv_render_new(r);
  m->order = malloc(r->files.len * sizeof *m->order);
  if (m->tf == NULL)
    m->tf = pv_taint_file_new();
  if (m->tg == NULL || m->tx == NULL || m->rv == NULL || m->order == NULL || m->tf == NULL ||
      pv_taint_order(m->tg, m->order) != 0)
    return PV_FATAL;
  return PV_OK;
}

const size_t *pv_match_order(const pv_matcher *m) {
  return m->order;
}

int pv_match_next_round(pv_matcher *m) {
  return pv_taint_next_round(m->tx);
}

int pv_match_wants(const pv_matcher *m, const pv_file *f) {
  for (size_t i = 0; taint_round(m) > 0 && i < m->rs->n; i++)
    if (m->rs->rules[i]->kind == PV_MATCHER_TAINT &&
        pv_taint_ready(m->tx, m->tg, m->rs->rules[i], f) != 0)
      return 1; /* (-1, OOM: pv_match_file finds out) */
  return 0;
}

/* Which of the rule set's words occur in f (m->present, m->occ), unless
 * pv_match_needs_tree just found out. */
static void scan_words(pv_matcher *m, const pv_file *f) {
  if (m->scanned == f)
    return;
  if (m->no_prefilter)
    memset(m->present, 1, pv_strset_count(m->rs->words));
  else
    pv_strset_scan(m->rs->words, f->data, f->size, m->present, &m->occ);
  m->scanned = f;
}

int pv_match_needs_tree(pv_matcher *m, const pv_file *f) {
  const pv_ruleset *rs = m->rs;
  pv_lang l = f->lang;
  if (f->data == NULL || (unsigned)l >= PV_LANG_COUNT || l == PV_LANG_NONE || m->no_prefilter)
    return 1;
  scan_words(m, f);
  const pv_langquery *lq = &rs->lq[l];
  for (uint32_t i = 0; lq->query != NULL && i < lq->n_patterns; i++)
    if (qwords_present(m, &lq->patterns[i]))
      return 1;
  for (uint32_t i = 0; i < rs->npats[l]; i++)
    m->pat_ok[i] = (uint8_t)pv_pindex_words_present(rs->pix[l], i, m->present);
  for (size_t i = 0; i < rs->n; i++) /* (also `patterns` of regexes alone: run on the tree) */
    if (rule_can_match(m, rs->rules[i], f))
      return 1;
  return 0;
}

/* Generic regex rules run on a host file's own bytes, not again on the view
 * of its embedded code. */
static int regex_applies(const pv_matcher *m, const pv_rule *rule, const pv_file *f) {
  unsigned generic = (f->flags & PV_FILE_EMBEDDED) ? 0 : PV_LANG_BIT(PV_LANG_NONE);
  return rule->kind == PV_MATCHER_REGEX && time_applies(rule, f) &&
         (rule->langs & (PV_LANG_BIT(f->lang) | generic)) && path_applies(rule, f->path) &&
         pv_wordgroup_holds(&rule->words, m->present);
}

/* A generic rule's patterns run on every text file's own bytes (not again
 * on the view of a host file's embedded code). */
static int text_applies(const pv_rule *rule, const pv_file *f) {
  return rule->kind == PV_MATCHER_PATTERN && rule->langs == PV_LANG_BIT(PV_LANG_NONE) &&
         !(f->flags & PV_FILE_EMBEDDED) && time_applies(rule, f) && path_applies(rule, f->path);
}

pv_status pv_match_file(pv_matcher *m, pv_result *r, const pv_file *f, const TSTree *tree,
                        const pv_limits *lim) {
  if (f->kind != PV_ENTRY_FILE || f->data == NULL || (unsigned)f->lang >= PV_LANG_COUNT)
    return PV_OK;
  int text = !(f->flags & (PV_FILE_BINARY | PV_FILE_NATIVE | PV_FILE_ENCRYPTED));
  const pv_ruleset *rs = m->rs;
  if (!text)
    return PV_OK;
  scan_words(m, f);
  m->scanned = NULL;
  for (size_t i = 0; i < rs->n && taint_round(m) == 0; i++) {
    if (!regex_applies(m, rs->rules[i], f))
      continue;
    pv_status rc = run_regex(m, r, f, rs->rules[i], lim);
    if (rc == PV_FAILED)
      return PV_OK; /* findings limit reached */
    if (rc != PV_OK)
      return rc;
  }
  for (size_t i = 0; i < rs->n && taint_round(m) == 0; i++) {
    pv_status rc =
        text_applies(rs->rules[i], f) ? pattern_rule(m, r, f, rs->rules[i], NULL, lim) : PV_OK;
    if (rc != PV_OK)
      return rc == PV_FAILED ? PV_OK : rc;
  }
  if (tree == NULL || f->lang == PV_LANG_NONE || (f->flags & PV_FILE_DTS))
    return PV_OK;
  pv_status rc = rs->lq[f->lang].query != NULL && taint_round(m) == 0
                     ? run_queries(m, r, f, tree, lim)
                     : PV_OK;
  if (rc == PV_OK) /* also without patterns: `patterns` of regexes alone */
    rc = run_patterns(m, r, f, tree, lim);
  return rc;
}

typedef struct {
  pv_matcher *m;
  pv_result *r;
  const pv_limits *lim;
} view_ctx;

static pv_status match_view(void *ctx, pv_file *f, const TSTree *tree) {
  view_ctx *v = ctx;
  return pv_match_file(v->m, v->r, f, tree, v->lim);
}

pv_status pv_match_parse(pv_matcher *m, pv_parser *p, pv_result *r, pv_file *f,
                         const pv_limits *lim) {
  TSTree *tree = f->lang != PV_LANG_NONE ? pv_parse(p, r, f, lim) : NULL;
  pv_status rc = pv_match_file(m, r, f, tree, lim);
  view_ctx v = {m, r, lim};
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, pv_embed_each(p, r, f, tree, lim, match_view, &v));
  ts_tree_delete(tree);
  return rc;
}
