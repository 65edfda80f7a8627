/* prefilter.c — Aho–Corasick word search (see prefilter.h).
 *
 * Bytes that occur in no word share class 0, so the transition table is
 * states × classes rather than states × 256; every state has a complete row
 * (failure links folded in at build), so the scan does one table load per
 * byte and no branching on failure. Once built, each entry holds the
 * target's row offset shifted left by one, with the low bit set when words
 * end there. */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

struct pv_strset {
  char *bytes; /* the words, back to back */
  size_t nbytes, capbytes;
  uint32_t *off, *len; /* word i is bytes[off[i] .. off[i] + len[i]) */
  uint32_t n, cap;
  int built;
  uint8_t cls[256]; /* byte → class */
  uint32_t ncls;
  uint32_t *next; /* [state * ncls + class] → state (built: row << 1 | out) */
  uint32_t nstates;
  uint32_t *out_at; /* state → first index in outs; out_at[nstates] ends */
  uint32_t *outs;   /* word ids ending at each state (suffixes included) */
  uint8_t *record;  /* per word: list its occurrences (REC_* bits; capacity cap) */
};

pv_strset *pv_strset_new(void) {
  return calloc(1, sizeof(pv_strset));
}

void pv_strset_delete(pv_strset *s) {
  if (s == NULL)
    return;
  free(s->bytes);
  free(s->off);
  free(s->len);
  free(s->next);
  free(s->out_at);
  free(s->outs);
  free(s->record);
  free(s);
}

uint32_t pv_strset_count(const pv_strset *s) {
  return s ? s->n : 0;
}

static int grow(void **v, uint32_t *cap, uint32_t need, size_t size) {
  if (need <= *cap)
    return 0;
  uint32_t c = *cap ? *cap * 2 : 64;
  while (c < need)
    c *= 2;
  void *x = realloc(*v, (size_t)c * size);
  if (x == NULL)
    return -1;
  *v = x;
  *cap = c;
  return 0;
}

uint32_t pv_strset_add(pv_strset *s, const char *w, size_t n) {
  if (s->built || n == 0 || n > UINT32_MAX / 2)
    return UINT32_MAX;
  for (uint32_t i = 0; i < s->n; i++)
    if (s->len[i] == n && memcmp(s->bytes + s->off[i], w, n) == 0)
      return i;
  uint32_t capw = s->cap;
  if (grow((void **)&s->off, &capw, s->n + 1, sizeof *s->off))
    return UINT32_MAX;
  capw = s->cap;
  if (grow((void **)&s->len, &capw, s->n + 1, sizeof *s->len))
    return UINT32_MAX;
  capw = s->cap;
  if (grow((void **)&s->record, &capw, s->n + 1, 1))
    return UINT32_MAX;
  s->cap = capw;
  s->record[s->n] = 0;
  if (s->nbytes + n > s->capbytes) {
    size_t c = s->capbytes ? s->capbytes * 2 : 1024;
    while (c < s->nbytes + n)
      c *= 2;
    char *b = realloc(s->bytes, c);
    if (b == NULL)
      return UINT32_MAX;
    s->bytes = b;
    s->capbytes = c;
  }
  memcpy(s->bytes + s->nbytes, w, n);
  s->off[s->n] = (uint32_t)s->nbytes;
  s->len[s->n] = (uint32_t)n;
  s->nbytes += n;
  return s->n++;
}

const char *pv_strset_word(const pv_strset *s, uint32_t id, uint32_t *len) {
  *len = s->len[id];
  return s->bytes + s->off[id];
}

/* Byte classes: one per byte value used by some word, 0 for the rest. */
static void make_classes(pv_strset *s) {
  memset(s->cls, 0, sizeof s->cls);
  s->ncls = 1;
  for (size_t i = 0; i < s->nbytes; i++) {
    uint8_t b = (uint8_t)s->bytes[i];
    if (s->cls[b] == 0)
      s->cls[b] = (uint8_t)s->ncls++;
  }
}

/* The trie: state 0 is the root; UINT32_MAX marks a missing edge. */
static int make_trie(pv_strset *s, uint32_t *end_of) {
  uint32_t max = (uint32_t)s->nbytes + 1;
  s->next = malloc((size_t)max * s->ncls * sizeof *s->next);
  if (s->next == NULL)
    return -1;
  memset(s->next, 0xff, (size_t)max * s->ncls * sizeof *s->next);
  s->nstates = 1;
  for (uint32_t w = 0; w < s->n; w++) {
    uint32_t st = 0;
    for (uint32_t i = 0; i < s->len[w]; i++) {
      uint32_t *e = &s->next[(size_t)st * s->ncls + s->cls[(uint8_t)s->bytes[s->off[w] + i]]];
      if (*e == UINT32_MAX)
        *e = s->nstates++;
      st = *e;
    }
    end_of[w] = st;
  }
  return 0;
}

/* Breadth-first: fold failure links into complete rows and collect each
 * state's outputs (its own words, then its failure state's). */
static int link(pv_strset *s, const uint32_t *end_of) {
  uint32_t *fail = calloc(s->nstates, sizeof *fail), *queue = malloc(s->nstates * sizeof *queue);
  uint32_t *own = calloc(s->nstates + 1, sizeof *own);
  uint32_t *cnt = calloc(s->nstates + 1, sizeof *cnt);
  int rc = -1;
  if (fail == NULL || queue == NULL || own == NULL || cnt == NULL)
    goto out;
  for (uint32_t w = 0; w < s->n; w++)
    own[end_of[w]]++;
  uint32_t head = 0, tail = 0;
  for (uint32_t c = 0; c < s->ncls; c++) {
    uint32_t *e = &s->next[c];
    if (*e == UINT32_MAX) {
      *e = 0;
    } else {
      fail[*e] = 0;
      queue[tail++] = *e;
    }
  }
  while (head < tail) {
    uint32_t st = queue[head++];
    cnt[st] = own[st] + cnt[fail[st]];
    for (uint32_t c = 0; c < s->ncls; c++) {
      uint32_t *e = &s->next[(size_t)st * s->ncls + c];
      uint32_t via = s->next[(size_t)fail[st] * s->ncls + c];
      if (*e == UINT32_MAX) {
        *e = via;
      } else {
        fail[*e] = via;
        queue[tail++] = *e;
      }
    }
  }
  cnt[0] = own[0];
  /* Outputs, in BFS order so a state's failure state is filled first. */
  s->out_at = malloc((s->nstates + 1) * sizeof *s->out_at);
  uint32_t total = 0;
  for (uint32_t st = 0; st < s->nstates; st++)
    total += cnt[st];
  s->outs = malloc((total + 1) * sizeof *s->outs);
  if (s->out_at == NULL || s->outs == NULL)
    goto out;
  for (uint32_t st = 0, at = 0; st <= s->nstates; st++) {
    s->out_at[st] = at;
    at += st < s->nstates ? cnt[st] : 0;
  }
  memset(own, 0, (s->nstates + 1) * sizeof *own); /* now: outputs filled per state */
  for (uint32_t w = 0; w < s->n; w++)
    s->outs[s->out_at[end_of[w]] + own[end_of[w]]++] = w;
  for (uint32_t i = 0; i < tail; i++) {
    uint32_t st = queue[i], f = fail[st];
    memcpy(s->outs + s->out_at[st] + own[st], s->outs + s->out_at[f], cnt[f] * sizeof *s->outs);
  }
  rc = 0;
out:
  free(fail);
  free(queue);
  free(own);
  free(cnt);
  return rc;
}

/* States to premultiplied rows with the output bit (see the top). */
static int premultiply(pv_strset *s) {
  size_t cells = (size_t)s->nstates * s->ncls;
  if (cells > UINT32_MAX / 2)
    return -1;
  for (size_t i = 0; i < cells; i++) {
    uint32_t t = s->next[i];
    s->next[i] = (t * s->ncls) << 1 | (s->out_at[t + 1] > s->out_at[t]);
  }
  return 0;
}

int pv_strset_build(pv_strset *s) {
  if (s->built)
    return 0;
  make_classes(s);
  uint32_t *end_of = malloc((s->n + 1) * sizeof *end_of);
  int rc =
      end_of == NULL || make_trie(s, end_of) != 0 || link(s, end_of) != 0 || premultiply(s) != 0
          ? -1
          : 0;
  free(end_of);
  s->built = rc == 0;
  return rc;
}

enum { REC_TOKEN = 1, REC_ANY = 2 };

int pv_strset_record(pv_strset *s, uint32_t id, int token) {
  if (s == NULL || id >= s->n)
    return -1;
  s->record[id] |= token ? REC_TOKEN : REC_ANY;
  return 0;
}

static int id_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

/* May an occurrence of word w ending at end be listed? */
static int listed(const pv_strset *s, uint32_t w, const unsigned char *data, size_t n, size_t end) {
  if (s->record[w] != REC_TOKEN)
    return s->record[w] != 0;
  size_t start = end - s->len[w];
  return (start == 0 || !id_byte(data[start - 1])) && (end >= n || !id_byte(data[end]));
}

static void occ_push(pv_occs *o, uint32_t end, uint32_t len, uint32_t id) {
  if (o->n + 3 > o->cap) {
    uint32_t cap = o->cap ? o->cap * 2 : 768;
    uint32_t *v = o->n + 3 > 3 * PV_OCCS_MAX ? NULL : realloc(o->v, cap * sizeof *v);
    if (v == NULL) {
      o->over = 1;
      return;
    }
    o->v = v;
    o->cap = cap;
  }
  o->v[o->n++] = end - len;
  o->v[o->n++] = end;
  o->v[o->n++] = id;
}

void pv_strset_scan(const pv_strset *s, const unsigned char *data, size_t n, uint8_t *present,
                    pv_occs *occ) {
  if (occ != NULL) {
    occ->n = 0;
    occ->over = n > UINT32_MAX;
  }
  if (s == NULL || s->n == 0)
    return;
  memset(present, 0, s->n);
  if (!s->built)
    return;
  const uint32_t *next = s->next, *out_at = s->out_at;
  const uint8_t *cls = s->cls, *record = occ != NULL && !occ->over ? s->record : NULL;
  uint32_t v = 0; /* the root's row, no output */
  for (size_t i = 0; i < n; i++) {
    v = next[(v >> 1) + cls[data[i]]];
    if (v & 1) {
      uint32_t st = (v >> 1) / s->ncls;
      for (uint32_t k = out_at[st]; k < out_at[st + 1]; k++) {
        uint32_t w = s->outs[k];
        present[w] = 1;
        if (record && record[w] && !occ->over && listed(s, w, data, n, i + 1))
          occ_push(occ, (uint32_t)i + 1, s->len[w], w);
      }
    }
  }
}

int pv_wordgroup_holds(const pv_wordgroup *g, const uint8_t *present) {
  for (uint32_t i = 0; i < g->n; i++)
    if (present[g->id[i]])
      return 1;
  return g->n == 0;
}

/* ---- Required words of a regex ---------------------------------------- */

enum { WORD_MAX = 64 };

/* A candidate requirement found in the regex: up to PV_GROUP_MAX words. */
typedef struct {
  char w[PV_GROUP_MAX][WORD_MAX];
  uint32_t len[PV_GROUP_MAX];
  uint32_t n;
  uint32_t min; /* shortest word allowed */
} cand;

/* Shortest word of c (what the prefilter's selectivity hinges on). */
static uint32_t cand_min(const cand *c) {
  uint32_t m = UINT32_MAX;
  for (uint32_t i = 0; i < c->n; i++)
    m = c->len[i] < m ? c->len[i] : m;
  return c->n ? m : 0;
}

static void keep_best(cand *best, const cand *c) {
  if (c->n == 0 || cand_min(c) < best->min)
    return;
  if (best->n == 0 || cand_min(c) > cand_min(best) ||
      (cand_min(c) == cand_min(best) && c->n < best->n))
    *best = *c;
}

/* The byte an escape \x stands for if it is a plain literal, else -1. */
static int escaped_literal(char x) {
  return x && strchr(".^$|?*+()[]{}\\/-'\"`#<>=:!,@%&~ ", x) ? x : -1;
}

/* If re[i] starts a quantifier, its end; sets *optional when it allows
 * zero repetitions. Returns i when there is none. */
static size_t quantifier(const char *re, size_t n, size_t i, int *optional) {
  *optional = 0;
  if (i >= n)
    return i;
  if (re[i] == '?' || re[i] == '*')
    *optional = 1;
  else if (re[i] == '+')
    ;
  else if (re[i] == '{' && i + 1 < n && re[i + 1] >= '0' && re[i + 1] <= '9') {
    *optional = re[i + 1] == '0';
    while (i < n && re[i] != '}')
      i++;
  } else
    return i;
  i++;
  if (i < n && (re[i] == '?' || re[i] == '+'))
    i++; /* lazy / possessive */
  return i;
}

/* End of the group or class opened at re[i] (index after it), or n. */
static size_t close_of(const char *re, size_t n, size_t i) {
  int depth = 0, in_class = 0;
  for (; i < n; i++) {
    if (re[i] == '\\')
      i++;
    else if (in_class)
      in_class = re[i] != ']';
    else if (re[i] == '[') {
      in_class = 1;
      if (i + 1 < n && re[i + 1] == '^')
        i++;
      if (i + 1 < n && re[i + 1] == ']')
        i++;
      if (depth == 0) {
        while (++i < n && re[i] != ']')
          if (re[i] == '\\')
            i++;
        return i + 1;
      }
    } else if (re[i] == '(')
      depth++;
    else if (re[i] == ')' && --depth == 0)
      return i + 1;
  }
  return n;
}

/* Index of the next top-level '|' in re[i, n), or n. */
static size_t next_bar(const char *re, size_t n, size_t i) {
  for (; i < n; i++) {
    if (re[i] == '\\')
      i++;
    else if (re[i] == '(' || re[i] == '[')
      i = close_of(re, n, i) - 1;
    else if (re[i] == '|')
      return i;
  }
  return n;
}

static void need(const char *re, size_t n, cand *c, int depth);

/* Does re[i] open a lookahead or lookbehind, (?= (?! (?<= (?<! ? It
 * matches no bytes of its own: a sequence's requirement skips it. */
static int lookaround(const char *re, size_t n, size_t i) {
  if (i + 2 >= n || re[i] != '(' || re[i + 1] != '?')
    return 0;
  if (re[i + 2] == '=' || re[i + 2] == '!')
    return 1;
  return re[i + 2] == '<' && i + 3 < n && (re[i + 3] == '=' || re[i + 3] == '!');
}

/* a|b|c: one word of each alternative's requirement; none if one has none. */
static void need_alts(const char *re, size_t n, cand *c, int depth) {
  c->n = 0;
  for (size_t i = 0; i <= n;) {
    size_t e = next_bar(re, n, i);
    cand a;
    a.min = c->min;
    need(re + i, e - i, &a, depth + 1);
    if (a.n == 0 || c->n + a.n > PV_GROUP_MAX) {
      c->n = 0;
      return;
    }
    for (uint32_t k = 0; k < a.n; k++) {
      memcpy(c->w[c->n], a.w[k], a.len[k]);
      c->len[c->n++] = a.len[k];
    }
    i = e + 1;
  }
}

/* What every match of the sequence re[0, n) contains: its literal runs and
 * its groups' requirements, keeping the most selective. */
static void need_seq(const char *re, size_t n, cand *best, int depth) {
  cand run = {.n = 1, .min = best->min};
  best->n = 0;
  for (size_t i = 0; i < n;) {
    int ch = -1, opt;
    size_t next = i + 1, gs = 0, ge = 0;
    if (re[i] == '\\') {
      ch = i + 1 < n ? escaped_literal(re[i + 1]) : -1;
      next = i + 2;
    } else if (lookaround(re, n, i)) {
      next = close_of(re, n, i);
    } else if (re[i] == '(') {
      next = close_of(re, n, i);
      int nc = i + 2 < n && re[i + 1] == '?' && re[i + 2] == ':';
      gs = i + 1 + (nc ? 2 : 0);
      ge = next > gs ? next - 1 : gs;
    } else if (re[i] == '[')
      next = close_of(re, n, i);
    else if (!strchr(".^$", re[i]))
      ch = re[i];
    size_t after = quantifier(re, n, next, &opt);
    if (ch >= 0 && !opt && after == next && run.len[0] + 1 < WORD_MAX) {
      run.w[0][run.len[0]++] = (char)ch; /* the run goes on */
    } else {
      if (ch >= 0 && !opt && run.len[0] + 1 < WORD_MAX)
        run.w[0][run.len[0]++] = (char)ch;
      keep_best(best, &run);
      run.len[0] = 0;
      cand g;
      g.min = best->min;
      if (ge > gs && !opt) {
        need(re + gs, ge - gs, &g, depth + 1);
        keep_best(best, &g);
      }
    }
    i = after;
  }
  keep_best(best, &run);
}

static void need(const char *re, size_t n, cand *c, int depth) {
  c->n = 0;
  if (depth > 8)
    return;
  if (next_bar(re, n, 0) < n)
    need_alts(re, n, c, depth);
  else
    need_seq(re, n, c, depth);
}

int pv_regex_words(const char *re, size_t n, uint32_t min, pv_strset *s, pv_wordgroup *g) {
  g->n = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    if (re[i] == '(' && re[i + 1] == '?' && (i + 2 >= n || re[i + 2] != ':') &&
        !lookaround(re, n, i))
      return 0; /* flags such as (?i), named groups */
    if (re[i] == '\\' && strchr("QExpPkg0123456789cuUNo", re[i + 1]))
      return 0;
    if (re[i] == '\\')
      i++;
  }
  cand best;
  best.min = min ? min : 1;
  size_t a = 0, e = n;
  while (a < e && re[a] == '^')
    a++;
  while (e > a && re[e - 1] == '$' && (e < 2 || re[e - 2] != '\\'))
    e--;
  need(re + a, e - a, &best, 0);
  for (uint32_t i = 0; i < best.n; i++)
    if ((g->id[i] = pv_strset_add(s, best.w[i], best.len[i])) == UINT32_MAX)
      return -1;
  g->n = best.n;
  return 0;
}
