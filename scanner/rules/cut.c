/* cut.c — the pattern table and the texts a cut rule set is for (cut.h).
 *
 * The table is text with byte counts, so that it reads in one pass with
 * every count checked against the bytes left:
 *
 *   plugvet-pattern-table 2 BUILD-ID\n
 *   E LANG UNTYPED LEN NWORDS WBYTES\n SNIPPET\n   (WBYTES bytes, NWORDS times:
 *                                                  W MODULE LEN\n WORD\n)
 *   ...
 *   end CHECKSUM\n       (pv_trees_digest of every byte before "end", 16 hex digits)
 *
 * Opening reads the E lines only (WBYTES skips the words), so that a scan
 * pays for the words of the snippets it looks up (pv_cut_skips reads them
 * then, and compiles a snippet whose words do not read back).
 */
#include "cut.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "trees.h"

enum { CUT_VERSION = 2, GRAM_BITS = 1 << 16 };

typedef struct {
  uint32_t src, len;       /* the snippet: offsets into data */
  uint32_t words;          /* the first word's offset of its "W" line */
  uint32_t nwords, wbytes; /* its W lines: how many, their bytes */
  uint8_t lang, untyped;
} entry;

typedef struct {
  unsigned char *data;
  size_t n;
  uint64_t sum;
} text;

struct pv_cut {
  unsigned char *data; /* the table */
  size_t n;
  entry *e;
  uint32_t ne;
  uint32_t *slot; /* open-addressed by snippet hash: entry + 1, 0 free */
  uint32_t nslot;
  text *t;
  size_t nt, capt;
  uint8_t gram[GRAM_BITS / 8]; /* 3-byte sequences of the texts (a hash bit each) */
  uint32_t skipped;
};

static uint32_t key_hash(pv_lang l, int untyped, const char *s, size_t n) {
  return (uint32_t)(pv_trees_digest(s, n) ^ ((uint64_t)l << 1) ^ (uint64_t)untyped);
}

/* ---- reading ---------------------------------------------------------- */

typedef struct {
  const unsigned char *p;
  size_t at, n;
} rd;

/* A line "TAG u u ...\n" of k unsigned numbers (each under 2^32) after the
 * one-letter tag. */
static int line_nums(rd *r, char tag, unsigned long *v, int k) {
  const unsigned char *p = r->p + r->at, *end = r->p + r->n;
  if (end - p < 2 || p[0] != (unsigned char)tag)
    return -1;
  p++;
  for (int i = 0; i < k; i++) {
    if (end - p < 2 || p[0] != ' ' || p[1] < '0' || p[1] > '9')
      return -1;
    unsigned long x = 0;
    for (p++; p < end && *p >= '0' && *p <= '9' && x <= 0xffffffffUL; p++)
      x = x * 10 + (unsigned long)(*p - '0');
    if (x > 0xffffffffUL)
      return -1;
    v[i] = x;
  }
  if (p == end || *p != '\n')
    return -1;
  r->at = (size_t)(p + 1 - r->p);
  return 0;
}

/* len bytes then a newline: their offset in *off. */
static int bytes_nl(rd *r, unsigned long len, uint32_t *off) {
  if (len > r->n - r->at || r->n - r->at - len < 1 || r->p[r->at + len] != '\n')
    return -1;
  *off = (uint32_t)r->at;
  r->at += len + 1;
  return 0;
}

static int read_entry(rd *r, entry *e) {
  unsigned long v[5];
  if (line_nums(r, 'E', v, 5) != 0 || v[0] >= PV_LANG_COUNT || v[1] > 1 ||
      bytes_nl(r, v[2], &e->src) != 0 || v[4] > r->n - r->at)
    return -1;
  e->lang = (uint8_t)v[0];
  e->untyped = (uint8_t)v[1];
  e->len = (uint32_t)v[2];
  e->nwords = (uint32_t)v[3];
  e->words = (uint32_t)r->at;
  e->wbytes = (uint32_t)v[4];
  r->at += v[4];
  return 0;
}

static int slots_build(pv_cut *c) {
  c->nslot = 64;
  while (c->nslot < 2 * (c->ne + 1))
    c->nslot *= 2;
  if ((c->slot = calloc(c->nslot, sizeof *c->slot)) == NULL)
    return -1;
  for (uint32_t i = 0; i < c->ne; i++) {
    const entry *e = &c->e[i];
    uint32_t h = key_hash(e->lang, e->untyped, (const char *)c->data + e->src, e->len);
    uint32_t k = h & (c->nslot - 1);
    while (c->slot[k] != 0)
      k = (k + 1) & (c->nslot - 1);
    c->slot[k] = i + 1;
  }
  return 0;
}

/* Where the checksum line starts: the last line of the table. */
static size_t sum_at(const unsigned char *d, size_t n) {
  if (n < 2 || d[n - 1] != '\n')
    return n;
  size_t i = n - 1;
  while (i > 0 && d[i - 1] != '\n')
    i--;
  return i;
}

static pv_status check_frame(const unsigned char *d, size_t n, const char *build_id, size_t *body,
                             pv_error *err) {
  char head[200];
  int hl = snprintf(head, sizeof head, "plugvet-pattern-table %d ", CUT_VERSION);
  size_t end = sum_at(d, n);
  char want[40];
  snprintf(want, sizeof want, "end %016llx\n", (unsigned long long)pv_trees_digest(d, end));
  if (n < (size_t)hl || memcmp(d, "plugvet-pattern-table ", 22) != 0)
    return pv_error_set(err, PV_FAILED, "not a pattern table");
  if (memcmp(d, head, (size_t)hl) != 0)
    return pv_error_set(err, PV_FAILED, "another format version");
  if (end == n || n - end != strlen(want) || memcmp(d + end, want, n - end) != 0)
    return pv_error_set(err, PV_FAILED, "truncated or corrupted (checksum)");
  size_t il = strlen(build_id);
  if (n - (size_t)hl < il + 1 || memcmp(d + hl, build_id, il) != 0 || d[(size_t)hl + il] != '\n')
    return pv_error_set(err, PV_FAILED, "stale: made by another build of plugvet");
  *body = (size_t)hl + il + 1;
  return PV_OK;
}

static pv_status read_entries(pv_cut *c, size_t body, pv_error *err) {
  rd r = {.p = c->data, .at = body, .n = sum_at(c->data, c->n)};
  uint32_t cap = 0;
  while (r.at < r.n) {
    if (c->ne == cap) {
      cap = cap ? cap * 2 : 256;
      entry *e = realloc(c->e, cap * sizeof *e);
      if (e == NULL)
        return pv_error_set(err, PV_FATAL, "out of memory");
      c->e = e;
    }
    if (read_entry(&r, &c->e[c->ne]) != 0)
      return pv_error_set(err, PV_FAILED, "corrupted entry at byte %zu", r.at);
    c->ne++;
  }
  if (slots_build(c) != 0)
    return pv_error_set(err, PV_FATAL, "out of memory");
  return PV_OK;
}

pv_status pv_cut_new(const unsigned char *data, size_t n, const char *build_id, pv_cut **out,
                     pv_error *err) {
  *out = NULL;
  size_t body = 0;
  pv_status rc = check_frame(data, n, build_id, &body, err);
  if (rc != PV_OK)
    return rc;
  pv_cut *c = calloc(1, sizeof *c);
  if (c == NULL || (c->data = malloc(n)) == NULL) {
    free(c);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  memcpy(c->data, data, n);
  c->n = n;
  if ((rc = read_entries(c, body, err)) != PV_OK) {
    pv_cut_delete(c);
    return rc;
  }
  *out = c;
  return PV_OK;
}

void pv_cut_delete(pv_cut *c) {
  if (c == NULL)
    return;
  pv_cut_drop_texts(c);
  free(c->t);
  free(c->e);
  free(c->slot);
  free(c->data);
  free(c);
}

/* ---- the texts ---------------------------------------------------------- */

static uint32_t gram(const unsigned char *p) {
  return ((uint32_t)p[0] * 131u * 131u + (uint32_t)p[1] * 131u + p[2]) & (GRAM_BITS - 1);
}

pv_status pv_cut_add_text(pv_cut *c, const unsigned char *data, size_t n) {
  if (c->nt == c->capt) {
    size_t cap = c->capt ? c->capt * 2 : 8;
    text *t = realloc(c->t, cap * sizeof *t);
    if (t == NULL)
      return PV_FATAL;
    c->t = t;
    c->capt = cap;
  }
  unsigned char *copy = malloc(n ? n : 1);
  if (copy == NULL)
    return PV_FATAL;
  if (n)
    memcpy(copy, data, n);
  c->t[c->nt++] = (text){.data = copy, .n = n, .sum = pv_trees_digest(data, n)};
  for (size_t i = 0; i + 3 <= n; i++) {
    uint32_t g = gram(data + i);
    c->gram[g / 8] |= (uint8_t)(1u << (g % 8));
  }
  return PV_OK;
}

void pv_cut_drop_texts(pv_cut *c) {
  for (size_t i = 0; i < c->nt; i++) {
    free(c->t[i].data);
    c->t[i].data = NULL;
  }
}

int pv_cut_covers(const pv_cut *c, const unsigned char *data, size_t n) {
  uint64_t s = pv_trees_digest(data, n);
  for (size_t i = 0; i < c->nt; i++)
    if (c->t[i].n == n && c->t[i].sum == s)
      return 1;
  return 0;
}

/* Non-zero if bytes w (n) occur in some text. */
static int in_texts(const pv_cut *c, const char *w, size_t n) {
  for (size_t i = 0; i + 3 <= n; i++) { /* a sequence no text has: absent */
    uint32_t g = gram((const unsigned char *)w + i);
    if (!(c->gram[g / 8] & (1u << (g % 8))))
      return 0;
  }
  for (size_t i = 0; i < c->nt; i++)
    if (c->t[i].data && memmem(c->t[i].data, c->t[i].n, w, n) != NULL)
      return 1;
  return 0;
}

/* The prefilter's test of one word (pattern.h pv_pattern_word_group): a
 * short module name counts only quoted. */
static int word_in_texts(const pv_cut *c, const char *w, uint32_t len, int module) {
  if (!pv_pattern_word_quoted(len, module))
    return in_texts(c, w, len);
  char q[PV_MODULE_BARE_MIN + 1];
  for (const char *quote = "'\"`"; *quote; quote++) {
    memcpy(q, w, len);
    q[len] = *quote;
    if (in_texts(c, q, len + 1))
      return 1;
  }
  return 0;
}

static const entry *lookup(const pv_cut *c, pv_lang l, int untyped, const char *src, size_t len) {
  if (c->nslot == 0)
    return NULL;
  uint32_t k = key_hash(l, untyped, src, len) & (c->nslot - 1);
  for (; c->slot[k] != 0; k = (k + 1) & (c->nslot - 1)) {
    const entry *e = &c->e[c->slot[k] - 1];
    if (e->lang == l && e->untyped == untyped && e->len == len &&
        memcmp(c->data + e->src, src, len) == 0)
      return e;
  }
  return NULL;
}

int pv_cut_skips(pv_cut *c, pv_lang l, int untyped, const char *src, size_t len) {
  const entry *e = lookup(c, l, untyped, src, len);
  if (e == NULL)
    return 0;
  rd r = {.p = c->data, .at = e->words, .n = (size_t)e->words + e->wbytes};
  for (uint32_t k = 0; k < e->nwords; k++) {
    unsigned long w[2];
    uint32_t off;
    if (line_nums(&r, 'W', w, 2) != 0 || w[0] > 1 || w[1] == 0 || bytes_nl(&r, w[1], &off) != 0)
      return 0; /* malformed: compiled */
    if (!word_in_texts(c, (const char *)c->data + off, (uint32_t)w[1], (int)w[0])) {
      c->skipped++;
      return 1;
    }
  }
  return 0;
}

uint32_t pv_cut_skipped(const pv_cut *c) {
  return c->skipped;
}

/* ---- writing ------------------------------------------------------------ */

void pv_cut_put_head(pv_buf *out, const char *build_id) {
  pv_buf_catf(out, "plugvet-pattern-table %d %s\n", CUT_VERSION, build_id);
}

void pv_cut_put_entry(pv_buf *out, pv_lang l, int untyped, const char *src, size_t len,
                      const pv_buf *words, uint32_t nwords) {
  pv_buf_catf(out, "E %d %d %zu %u %zu\n", (int)l, untyped ? 1 : 0, len, nwords, words->len);
  pv_buf_cat(out, src, len);
  pv_buf_cats(out, "\n");
  pv_buf_cat(out, words->data, words->len);
}

void pv_cut_put_word(pv_buf *words, const char *w, uint32_t len, int module) {
  pv_buf_catf(words, "W %d %u\n", module ? 1 : 0, len);
  pv_buf_cat(words, w, len);
  pv_buf_cats(words, "\n");
}

void pv_cut_put_end(pv_buf *out) {
  if (pv_buf_status(out) != PV_OK)
    return;
  pv_buf_catf(out, "end %016llx\n", (unsigned long long)pv_trees_digest(out->data, out->len));
}
