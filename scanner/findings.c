/* findings.c — see findings.h. */
#include "findings.h"

#include "suppress.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 → UTF-16 code units ---------------------------------------- */

/* Decode one code point at p (n bytes left); *len gets the bytes used.
 * Invalid or truncated sequences yield U+FFFD for one byte, as decoders do. */
static uint32_t utf8_next(const unsigned char *p, size_t n, size_t *len) {
  unsigned char c = p[0];
  size_t need = c < 0x80             ? 1
                : (c & 0xE0) == 0xC0 ? 2
                : (c & 0xF0) == 0xE0 ? 3
                : (c & 0xF8) == 0xF0 ? 4
                                     : 0;
  *len = 1;
  if (need == 1)
    return c;
  if (need == 0 || need > n)
    return 0xFFFD;
  uint32_t cp = c & (0x7F >> need);
  for (size_t i = 1; i < need; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return 0xFFFD;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0xFFFD;
  *len = need;
  return cp;
}

uint32_t pv_utf16_col(const unsigned char *data, size_t n, uint32_t byte) {
  if (byte > n)
    byte = (uint32_t)n;
  size_t start = byte;
  while (start > 0 && data[start - 1] != '\n')
    start--;
  uint32_t col = 1;
  for (size_t i = start; i < byte;) {
    size_t len;
    uint32_t cp = utf8_next(data + i, byte - i, &len);
    col += cp >= 0x10000 ? 2 : 1;
    i += len;
  }
  return col;
}

/* ---- GitHub's primaryLocationLineHash ----------------------------------- */

enum { BLOCK = 100, HASH_EOF = 65535 };

typedef struct {
  uint64_t hash, first_mod;
  uint32_t window[BLOCK];
  int64_t line_at[BLOCK];
  unsigned index;
  uint32_t line;
  int line_start, prev_cr;
  /* requested lines (sorted, unique) and their outputs */
  const uint32_t *want;
  char (*out)[32];
  size_t n_want, n_out; /* n_out: requested lines hashed so far */
  /* occurrence counts per hash value: a small open-addressing table */
  uint64_t *keys;
  uint32_t *counts;
  size_t cap;
} line_hasher;

static uint32_t count_hash(line_hasher *h, uint64_t v) {
  size_t i = (size_t)(v * 0x9E3779B97F4A7C15ull) & (h->cap - 1);
  while (h->counts[i] != 0 && h->keys[i] != v)
    i = (i + 1) & (h->cap - 1);
  h->keys[i] = v;
  return ++h->counts[i];
}

static void output_hash(line_hasher *h) {
  uint32_t occ = count_hash(h, h->hash);
  int64_t line = h->line_at[h->index];
  /* binary search the requested lines */
  size_t lo = 0, hi = h->n_want;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (h->want[mid] < line)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < h->n_want && h->want[lo] == line) {
    snprintf(h->out[lo], 32, "%llx:%u", (unsigned long long)h->hash, occ);
    h->n_out++;
  }
  h->line_at[h->index] = -1;
}

static void update_hash(line_hasher *h, uint32_t cur) {
  uint32_t begin = h->window[h->index];
  h->window[h->index] = cur;
  h->hash = 37u * h->hash + cur - h->first_mod * begin; /* wraps mod 2^64 like Long */
  h->index = (h->index + 1) % BLOCK;
}

static void process_char(line_hasher *h, uint32_t cur) {
  if (cur == ' ' || cur == '\t' || (h->prev_cr && cur == '\n')) {
    h->prev_cr = 0;
    return;
  }
  h->prev_cr = cur == '\r';
  if (cur == '\r')
    cur = '\n';
  if (h->line_at[h->index] != -1)
    output_hash(h);
  if (h->line_start) {
    h->line_start = 0;
    h->line_at[h->index] = ++h->line;
  }
  if (cur == '\n')
    h->line_start = 1;
  update_hash(h, cur);
}

/* Hash the lines of data up to the last one wanted (a line's hash and
 * count depend only on what precedes it and the next BLOCK characters);
 * fill out[i] for line want[i] (sorted, unique). Returns -1 on OOM. */
static int line_hashes(const unsigned char *data, size_t n, const uint32_t *want, size_t n_want,
                       char (*out)[32]) {
  line_hasher h = {.first_mod = 1, .line_start = 1, .want = want, .out = out, .n_want = n_want};
  for (int i = 0; i < BLOCK; i++) {
    h.first_mod *= 37u;
    h.line_at[i] = -1;
  }
  size_t lines = 1;
  for (size_t i = 0; i < n; i++)
    lines += data[i] == '\n' || data[i] == '\r';
  for (h.cap = 64; h.cap < lines * 2; h.cap *= 2)
    continue;
  h.keys = calloc(h.cap, sizeof *h.keys);
  h.counts = calloc(h.cap, sizeof *h.counts);
  if (h.keys == NULL || h.counts == NULL) {
    free(h.keys);
    free(h.counts);
    return -1;
  }
  for (size_t i = 0; i < n && h.n_out < n_want;) {
    size_t len;
    uint32_t cp = utf8_next(data + i, n - i, &len);
    if (cp >= 0x10000) {
      process_char(&h, 0xD800 + ((cp - 0x10000) >> 10));
      process_char(&h, 0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      process_char(&h, cp);
    }
    i += len;
  }
  process_char(&h, HASH_EOF);
  for (int i = 0; i < BLOCK; i++) {
    if (h.line_at[h.index] != -1)
      output_hash(&h);
    update_hash(&h, 0);
  }
  free(h.keys);
  free(h.counts);
  return 0;
}

void pv_line_hash(const unsigned char *data, size_t n, uint32_t line, char out[32]) {
  char buf[1][32] = {{0}};
  out[0] = '\0';
  if (line_hashes(data, n, &line, 1, buf) == 0)
    memcpy(out, buf[0], 32);
}

/* ---- fingerprints -------------------------------------------------------- */

void pv_fingerprint(const char *rule_id, const char *path, const unsigned char *text, size_t n,
                    unsigned occurrence, char out[33]) {
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  unsigned char md[32];
  unsigned int mdlen = 0;
  char occ[16];
  snprintf(occ, sizeof occ, "%u", occurrence);
  EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
  EVP_DigestUpdate(ctx, rule_id, strlen(rule_id) + 1);
  EVP_DigestUpdate(ctx, path, strlen(path) + 1);
  /* whitespace-normalised: runs of blanks become one space, ends trimmed */
  int pending_space = 0, any = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = any;
      continue;
    }
    if (pending_space)
      EVP_DigestUpdate(ctx, " ", 1);
    pending_space = 0;
    any = 1;
    EVP_DigestUpdate(ctx, &c, 1);
  }
  EVP_DigestUpdate(ctx, "", 1);
  EVP_DigestUpdate(ctx, occ, strlen(occ));
  EVP_DigestFinal_ex(ctx, md, &mdlen);
  EVP_MD_CTX_free(ctx);
  for (int i = 0; i < 16; i++)
    snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* ---- secrets ------------------------------------------------------------- */

size_t pv_redact(const unsigned char *secret, size_t n, char out[PV_REDACTED_MAX]) {
  char hex[65];
  size_t keep = n / 3 < 4 ? n / 3 : 4;
  size_t i = 0;
  pv_sha256_hex(secret, n, hex);
  while (i < keep && secret[i] > 0x20 && secret[i] < 0x7f)
    i++;
  int len =
      snprintf(out, PV_REDACTED_MAX, "%.*s...[sha256:%.8s]", (int)i, (const char *)secret, hex);
  return len > 0 ? (size_t)len : 0;
}

/* A secret in a file: its bytes [s, e) and how it is shown. */
typedef struct {
  size_t s, e;
  char shown[PV_REDACTED_MAX];
} secret_span;

static int cmp_span(const void *x, const void *y) {
  const secret_span *a = x;
  const secret_span *b = y;
  if (a->s != b->s) {
    return a->s < b->s ? -1 : 1;
  }
  return a->e < b->e ? -1 : a->e > b->e;
}

static int has_source(const pv_finding *f);

static int has_secret(const pv_finding *f) {
  return has_source(f) && f->secret_e > f->secret_s && f->secret_e <= f->file->size;
}

/* The secrets findings [lo, hi) of one file hold, sorted, overlapping ones
 * merged: *out malloc'd (NULL when there are none), *n their count.
 * PV_FATAL on out of memory. */
static pv_status file_secrets(const pv_finding *fs, size_t lo, size_t hi, secret_span **out,
                              size_t *n) {
  size_t k = 0;
  *out = NULL;
  *n = 0;
  for (size_t i = lo; i < hi; i++) {
    k += has_secret(&fs[i]);
  }
  if (k == 0) {
    return PV_OK;
  }
  secret_span *sp = malloc(k * sizeof *sp);
  if (sp == NULL) {
    return PV_FATAL;
  }
  k = 0;
  for (size_t i = lo; i < hi; i++) {
    if (has_secret(&fs[i])) {
      sp[k++] = (secret_span){.s = fs[i].secret_s, .e = fs[i].secret_e};
    }
  }
  qsort(sp, k, sizeof *sp, cmp_span);
  size_t m = 0;
  for (size_t i = 0; i < k; i++) {
    if (m > 0 && sp[i].s < sp[m - 1].e) {
      sp[m - 1].e = sp[i].e > sp[m - 1].e ? sp[i].e : sp[m - 1].e;
    } else {
      sp[m++] = sp[i];
    }
  }
  for (size_t i = 0; i < m; i++) {
    pv_redact(fs[lo].file->data + sp[i].s, sp[i].e - sp[i].s, sp[i].shown);
  }
  *out = sp;
  *n = m;
  return PV_OK;
}

/* Append bytes [s, e) of d to b, each secret of sp (sorted, disjoint)
 * that overlaps them shown once, in place of its bytes. */
static void append_redacted(pv_buf *b, const unsigned char *d, size_t s, size_t e,
                            const secret_span *sp, size_t nsp) {
  size_t k = 0;
  size_t hi = nsp;
  while (k < hi) { /* the first secret ending after s */
    size_t mid = k + (hi - k) / 2;
    if (sp[mid].e <= s) {
      k = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (size_t i = s; i < e;) {
    if (k < nsp && sp[k].s <= i) {
      pv_buf_cats(b, sp[k].shown);
      i = sp[k].e;
      k++;
      continue;
    }
    size_t stop = k < nsp && sp[k].s < e ? sp[k].s : e;
    pv_buf_cat(b, d + i, stop - i);
    i = stop;
  }
}

/* Bytes [s, e) of d as an arena string with the secrets of sp redacted;
 * *at, a byte offset in [s, e], becomes the offset of that place in the
 * copy (the start of a secret's shown form for an offset inside it). NULL
 * on out of memory. */
static char *copy_redacted(pv_arena *a, const unsigned char *d, size_t s, size_t e,
                           const secret_span *sp, size_t nsp, size_t *at) {
  if (nsp == 0) {
    *at -= s;
    return pv_arena_strndup(a, (const char *)d + s, e - s);
  }
  size_t mark = *at;
  for (size_t i = 0; i < nsp; i++) {
    if (sp[i].s < mark && mark < sp[i].e) {
      mark = sp[i].s;
    }
  }
  pv_buf b;
  pv_buf_init(&b, (e - s + 1) * PV_REDACTED_MAX);
  append_redacted(&b, d, s, mark, sp, nsp);
  *at = b.len;
  append_redacted(&b, d, mark, e, sp, nsp);
  char *out = NULL;
  if (pv_buf_status(&b) == PV_OK) {
    out = pv_arena_strndup(a, b.data != NULL ? (const char *)b.data : "", b.len);
  }
  pv_buf_free(&b);
  return out;
}

/* msg with each whole occurrence of a secret of sp (of 8 bytes or more:
 * shorter ones would match ordinary words) shown redacted; msg itself when
 * none occurs; NULL on out of memory. */
static const char *redact_message(pv_arena *a, const char *msg, const unsigned char *d,
                                  const secret_span *sp, size_t nsp) {
  const char *cur = msg;
  for (size_t i = 0; i < nsp && cur != NULL; i++) {
    size_t n = sp[i].e - sp[i].s;
    const char *hit = n >= 8 ? memmem(cur, strlen(cur), d + sp[i].s, n) : NULL;
    if (hit == NULL) {
      continue;
    }
    pv_buf b;
    pv_buf_init(&b, strlen(cur) + PV_REDACTED_MAX * (strlen(cur) / 8 + 1));
    const char *p = cur;
    for (; hit != NULL; hit = memmem(p, strlen(p), d + sp[i].s, n)) {
      pv_buf_cat(&b, p, (size_t)(hit - p));
      pv_buf_cats(&b, sp[i].shown);
      p = hit + n;
    }
    pv_buf_cats(&b, p);
    cur = pv_buf_status(&b) == PV_OK ? pv_arena_strndup(a, (const char *)b.data, b.len) : NULL;
    pv_buf_free(&b);
  }
  return cur;
}

/* ---- finishing ---------------------------------------------------------- */

/* Order of two flows of otherwise equal findings (duplicates): the shorter
 * first, then step by step, so which one dedupe keeps does not depend on
 * the order the engine found them in. */
static int cmp_flow(const pv_finding *a, const pv_finding *b) {
  if (a->nflow != b->nflow)
    return a->nflow < b->nflow ? -1 : 1;
  for (uint32_t i = 0; i < a->nflow; i++) {
    const pv_flow_step *s = &a->flow[i], *t = &b->flow[i];
    int c = strcmp(s->path ? s->path : "", t->path ? t->path : "");
    if (c)
      return c;
    if (s->start.byte != t->start.byte)
      return s->start.byte < t->start.byte ? -1 : 1;
    if (s->end.byte != t->end.byte)
      return s->end.byte < t->end.byte ? -1 : 1;
    if ((c = strcmp(s->message ? s->message : "", t->message ? t->message : "")))
      return c;
  }
  return 0;
}

static int cmp_finding(const void *x, const void *y) {
  const pv_finding *a = x, *b = y;
  int c = strcmp(a->path, b->path);
  if (c)
    return c;
  if (a->start.line != b->start.line)
    return a->start.line < b->start.line ? -1 : 1;
  if (a->start.col != b->start.col)
    return a->start.col < b->start.col ? -1 : 1;
  if ((c = strcmp(pv_finding_rule_id(a), pv_finding_rule_id(b))))
    return c;
  if (a->end.line != b->end.line)
    return a->end.line < b->end.line ? -1 : 1;
  if (a->end.col != b->end.col)
    return a->end.col < b->end.col ? -1 : 1;
  return cmp_flow(a, b);
}

void pv_lines_free(pv_lines *l) {
  free(l->start);
  l->start = NULL;
  l->n = 0;
  l->file = NULL;
}

/* ---- placing findings at a (path, line) --------------------------------- */

static int cmp_file_path(const void *x, const void *y) {
  const pv_file *const *a = x;
  const pv_file *const *b = y;
  return strcmp((*a)->path, (*b)->path);
}

void pv_places_free(pv_places *p) {
  for (size_t i = 0; p->lines != NULL && i < p->n; i++) {
    pv_lines_free(&p->lines[i]);
  }
  free(p->lines);
  free(p->files);
  memset(p, 0, sizeof *p);
}

/* Sort r's files by path, once. PV_FATAL on out of memory. */
static pv_status places_init(pv_places *p, const pv_result *r) {
  if (p->files != NULL) {
    return PV_OK;
  }
  size_t n = r->files.len;
  p->files = malloc((n ? n : 1) * sizeof *p->files);
  p->lines = calloc(n ? n : 1, sizeof *p->lines);
  if (p->files == NULL || p->lines == NULL) {
    pv_places_free(p);
    return PV_FATAL;
  }
  for (size_t i = 0; i < n; i++) {
    p->files[i] = pv_result_file(r, i);
  }
  p->n = n;
  qsort(p->files, n, sizeof *p->files, cmp_file_path);
  return PV_OK;
}

pv_status pv_places_find(pv_places *p, const pv_result *r, const char *path, uint32_t line,
                         const pv_file **file, uint32_t *byte) {
  pv_file key = {.path = path};
  const pv_file *kp = &key;
  *file = NULL;
  *byte = 0;
  if (places_init(p, r) != PV_OK) {
    return PV_FATAL;
  }
  const pv_file **hit = bsearch(&kp, p->files, p->n, sizeof *p->files, cmp_file_path);
  if (hit == NULL) {
    return PV_OK;
  }
  pv_lines *lines = &p->lines[hit - p->files];
  if (lines->file == NULL && pv_lines_index(lines, *hit) != PV_OK) {
    return PV_FATAL;
  }
  size_t start;
  size_t end;
  if (pv_lines_span(lines, line, &start, &end)) {
    *byte = (uint32_t)start;
  }
  *file = *hit;
  return PV_OK;
}

/* The number of lines of d (newlines + 1). */
static size_t count_lines(const unsigned char *d, size_t n) {
  size_t lines = 1;
  const unsigned char *p = d;
  const unsigned char *end = d + n;
  while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    lines++;
    p++;
  }
  return lines;
}

pv_status pv_lines_index(pv_lines *l, const pv_file *f) {
  pv_lines_free(l);
  l->file = f;
  if (f == NULL || f->data == NULL) {
    return PV_OK;
  }
  size_t lines = count_lines(f->data, f->size);
  l->start = malloc(lines * sizeof *l->start);
  if (l->start == NULL) {
    l->file = NULL;
    return PV_FATAL;
  }
  l->start[0] = 0;
  l->n = 1;
  for (size_t i = 0; i < f->size; i++) {
    if (f->data[i] == '\n') {
      l->start[l->n] = i + 1;
      l->n++;
    }
  }
  return PV_OK;
}

int pv_lines_span(const pv_lines *l, uint32_t line, size_t *s, size_t *e) {
  if (line == 0 || line > l->n) {
    return 0;
  }
  *s = l->start[line - 1];
  *e = line < l->n ? l->start[line] - 1 : l->file->size;
  return 1;
}

/* The source lines of the region, capped (lines: the index of f's file),
 * the file's secrets sp redacted. */
static void fill_snippet(pv_result *r, pv_finding *f, const pv_limits *lim, const pv_lines *lines,
                         const secret_span *sp, size_t nsp) {
  size_t s, e, s2, e2;
  if (!pv_lines_span(lines, f->start.line, &s, &e))
    return;
  if (f->end.line > f->start.line && pv_lines_span(lines, f->end.line, &s2, &e2))
    e = e2;
  if (e - s > lim->snippet_bytes)
    e = s + lim->snippet_bytes;
  size_t at = s;
  f->snippet = copy_redacted(r->arena, f->file->data, s, e, sp, nsp, &at);
}

static int has_source(const pv_finding *f) {
  return f->file != NULL && f->file->data != NULL && f->start.line > 0 &&
         f->end.byte >= f->start.byte && f->end.byte <= f->file->size;
}

/* What the reports show without the file: the start line (or a window of a
 * long, minified line around the start), the file's secrets sp redacted,
 * and the UTF-16 columns. */
static void fill_view(pv_result *r, pv_finding *f, const secret_span *sp, size_t nsp) {
  const unsigned char *d = f->file->data;
  size_t n = f->file->size, s = f->start.byte, e = f->start.byte;
  while (s > 0 && d[s - 1] != '\n')
    s--;
  while (e < n && d[e] != '\n' && d[e] != '\r')
    e++;
  if (e - s > PV_WINDOW_BYTES) {
    if (f->start.byte - s > PV_WINDOW_BYTES / 2)
      s = f->start.byte - PV_WINDOW_BYTES / 4;
    if (e - s > PV_WINDOW_BYTES)
      e = s + PV_WINDOW_BYTES;
  }
  size_t at = f->start.byte;
  f->window = copy_redacted(r->arena, d, s, e, sp, nsp, &at);
  f->window_col = (uint32_t)at;
  f->col16_start = (uint32_t)pv_utf16_col(d, n, f->start.byte);
  f->col16_end = (uint32_t)pv_utf16_col(d, n, f->end.byte);
}

/* UTF-16 columns of the flow steps that lack them; a step may be in
 * another file than its finding. Steps without a file or with a range
 * outside it keep 0 (unknown). */
static void fill_flow_cols(pv_finding *f) {
  for (uint32_t i = 0; i < f->nflow; i++) {
    pv_flow_step *s = &f->flow[i];
    if (s->col16_start != 0 || s->file == NULL || s->file->data == NULL)
      continue;
    if (s->start.line == 0 || s->end.byte < s->start.byte || s->end.byte > s->file->size)
      continue;
    s->col16_start = pv_utf16_col(s->file->data, s->file->size, s->start.byte);
    s->col16_end = pv_utf16_col(s->file->data, s->file->size, s->end.byte);
  }
}

/* Fill line_hash for every finding of one file: findings[lo, hi). */
static pv_status hash_file_lines(pv_finding *fs, size_t lo, size_t hi) {
  size_t n = hi - lo;
  uint32_t *want = malloc(n * sizeof *want);
  char(*out)[32] = calloc(n, sizeof *out);
  pv_status rc = PV_FATAL;
  if (want == NULL || out == NULL)
    goto out;
  size_t k = 0;
  for (size_t i = lo; i < hi; i++) /* findings are sorted by line */
    if (k == 0 || want[k - 1] != fs[i].start.line)
      want[k++] = fs[i].start.line;
  if (line_hashes(fs[lo].file->data, fs[lo].file->size, want, k, out) != 0)
    goto out;
  for (size_t i = lo, j = 0; i < hi; i++) {
    while (want[j] != fs[i].start.line)
      j++;
    memcpy(fs[i].line_hash, out[j], 32);
  }
  rc = PV_OK;
out:
  free(want);
  free(out);
  return rc;
}

/* What makes two findings of one path the same occurrence: the rule id and
 * the matched text; `at` is the finding's index, so equal keys keep their
 * final order. */
typedef struct {
  const char *rule;
  const unsigned char *text;
  size_t len;
  size_t at;
} occ_key;

static occ_key occ_key_of(const pv_finding *fs, size_t i) {
  occ_key k = {.rule = pv_finding_rule_id(&fs[i]), .text = (const unsigned char *)"", .at = i};
  if (has_source(&fs[i])) {
    k.text = fs[i].file->data + fs[i].start.byte;
    k.len = fs[i].end.byte - fs[i].start.byte;
  }
  return k;
}

/* Rule id and text only: 0 when two keys are the same occurrence. */
static int cmp_occ_text(const occ_key *a, const occ_key *b) {
  int c = strcmp(a->rule, b->rule);
  if (c != 0) {
    return c;
  }
  if (a->len != b->len) {
    return a->len < b->len ? -1 : 1;
  }
  return a->len == 0 ? 0 : memcmp(a->text, b->text, a->len);
}

static int cmp_occ(const void *x, const void *y) {
  const occ_key *a = x;
  const occ_key *b = y;
  int c = cmp_occ_text(a, b);
  if (c != 0) {
    return c;
  }
  return a->at < b->at ? -1 : a->at > b->at;
}

/* Fingerprints of findings [lo, hi), which share a path: the occurrence
 * index counts earlier findings of the same rule and text. Sorting the keys
 * (keys: room for hi - lo) makes that O(n log n) where walking back over the
 * file's findings was quadratic in a lockfile's thousands of findings. */
static pv_status fingerprint_path(const pv_result *r, pv_finding *fs, size_t lo, size_t hi,
                                  occ_key *keys) {
  size_t n = hi - lo;
  char *path = pv_result_root_path(r, fs[lo].path, 0);
  if (path == NULL) {
    return PV_FATAL;
  }
  for (size_t i = 0; i < n; i++) {
    keys[i] = occ_key_of(fs, lo + i);
  }
  qsort(keys, n, sizeof *keys, cmp_occ);
  unsigned occ = 0;
  for (size_t i = 0; i < n; i++) {
    occ = i > 0 && cmp_occ_text(&keys[i - 1], &keys[i]) == 0 ? occ + 1 : 0;
    pv_finding *f = &fs[keys[i].at];
    pv_fingerprint(keys[i].rule, path, keys[i].text, keys[i].len, occ, f->fingerprint);
  }
  free(path);
  return PV_OK;
}

/* Fingerprints of findings in final order (sorted by path), each path
 * from the report root (pv_result_root_path). PV_FATAL on out of memory. */
static pv_status fingerprint_all(const pv_result *r, pv_finding *fs, size_t n) {
  occ_key *keys = malloc(n * sizeof *keys);
  if (keys == NULL) {
    return PV_FATAL;
  }
  for (size_t lo = 0; lo < n;) {
    size_t hi = lo + 1;
    while (hi < n && strcmp(fs[hi].path, fs[lo].path) == 0) {
      hi++;
    }
    if (fingerprint_path(r, fs, lo, hi, keys) != PV_OK) {
      free(keys);
      return PV_FATAL;
    }
    lo = hi;
  }
  free(keys);
  return PV_OK;
}

/* Snippet, window, columns and suppression of findings [lo, hi), which
 * share a file, with the secrets their findings hold redacted there and in
 * their messages. lines: the index of the file, made here when it was of
 * another. PV_FATAL on out of memory. */
static pv_status fill_file(pv_result *r, pv_finding *fs, size_t lo, size_t hi, const pv_limits *lim,
                           pv_lines *lines) {
  secret_span *sp = NULL;
  size_t nsp = 0;
  pv_marks marks = {0};
  pv_status rc = file_secrets(fs, lo, hi, &sp, &nsp);
  if (rc == PV_OK)
    rc = pv_marks_scan(&marks, fs[lo].file);
  for (size_t i = lo; i < hi && rc == PV_OK; i++) {
    pv_finding *f = &fs[i];
    fill_flow_cols(f);
    if (!has_source(f)) {
      continue;
    }
    if (f->file != lines->file && pv_lines_index(lines, f->file) != PV_OK) {
      rc = PV_FATAL;
      break;
    }
    if (f->snippet == NULL) {
      fill_snippet(r, f, lim, lines, sp, nsp);
    }
    if (f->window == NULL) {
      fill_view(r, f, sp, nsp);
    }
    if (nsp > 0 && f->message != NULL &&
        (f->message = redact_message(r->arena, f->message, f->file->data, sp, nsp)) == NULL) {
      rc = PV_FATAL;
    }
    if (!r->no_inline_suppress && pv_marks_suppress(&marks, f->file, f->start.line, f->rule->id))
      f->suppressed = 1;
  }
  pv_marks_free(&marks);
  free(sp);
  return rc;
}

/* Snippet, window, columns and suppression of findings sorted by path:
 * each file's lines are indexed once, when its first finding is reached.
 * PV_FATAL on out of memory. */
static pv_status fill_sources(pv_result *r, pv_finding *fs, size_t n, const pv_limits *lim) {
  pv_lines lines = {0};
  pv_status rc = PV_OK;
  for (size_t lo = 0; lo < n && rc == PV_OK;) {
    size_t hi = lo + 1;
    while (hi < n && fs[hi].file == fs[lo].file) {
      hi++;
    }
    rc = fill_file(r, fs, lo, hi, lim, &lines);
    lo = hi;
  }
  pv_lines_free(&lines);
  return rc;
}

static int same_place(const pv_finding *a, const pv_finding *b) {
  return a->rule == b->rule && a->group_rule == b->group_rule && strcmp(a->path, b->path) == 0 &&
         a->start.byte == b->start.byte && a->end.byte == b->end.byte &&
         a->start.line == b->start.line && a->start.col == b->start.col;
}

pv_risk pv_risk_of(const pv_result *r) {
  pv_risk k = {.verdict = PV_VERDICT_ORDINARY};
  int high = 0, crit = 0, mediums = 0;
  for (size_t i = 0; i < r->findings.len; i++) {
    const pv_finding *f = pv_result_finding(r, i);
    int g = pv_malware_group(f->rule->malware);
    if (g < 0 || f->suppressed)
      continue;
    if (k.n[g]++ == 0 || f->severity > k.worst[g])
      k.worst[g] = f->severity;
  }
  for (int g = 0; g < PV_MALWARE_GROUPS; g++) {
    crit |= k.n[g] && k.worst[g] == PV_SEV_CRITICAL;
    high += k.n[g] && k.worst[g] >= PV_SEV_HIGH;
    mediums += k.n[g] && k.worst[g] >= PV_SEV_MEDIUM;
  }
  if (crit || high >= 2)
    k.verdict = PV_VERDICT_MALICIOUS;
  else if (high || mediums >= 2)
    k.verdict = PV_VERDICT_SUSPICIOUS;
  return k;
}

const char *pv_verdict_name(pv_verdict v) {
  static const char *const names[] = {"ordinary", "suspicious", "malicious-looking"};
  return (unsigned)v <= PV_VERDICT_MALICIOUS ? names[v] : "ordinary";
}

/* A path in a test, benchmark, example or fixture folder, or a test file
 * (x.test.js, x.spec.ts). */
static int test_path(const char *p) {
  static const char *const dirs[] = {
      "test",       "tests",   "__tests__", "spec",     "specs",        "bench", "benchmark",
      "benchmarks", "example", "examples",  "fixtures", "__fixtures__", "e2e",   NULL};
  const char *base = strrchr(p, '/');
  base = base ? base + 1 : p;
  if (strstr(base, ".test.") || strstr(base, ".spec.") || strstr(base, "-test.") ||
      strstr(base, "_test."))
    return 1;
  for (const char *s = p; s < base;) {
    const char *e = strchr(s, '/');
    size_t n = (size_t)(e - s);
    for (int i = 0; dirs[i]; i++)
      if (strlen(dirs[i]) == n && memcmp(s, dirs[i], n) == 0)
        return 1;
    s = e + 1;
  }
  return 0;
}

void pv_findings_demote(pv_result *r, int platform) {
  for (size_t i = 0; i < r->findings.len; i++) {
    pv_finding *f = pv_result_finding(r, i);
    const pv_rule_meta *m = f->rule;
    if (platform && strcmp(m->id, "archive.native-binary") == 0)
      f->severity = PV_SEV_INFO;
    if (f->file == NULL || m->malware != NULL || m->capability == NULL ||
        strcmp(m->capability, "eval") != 0 || f->severity <= PV_SEV_LOW)
      continue;
    if ((f->file->flags & PV_FILE_MINIFIED) || test_path(f->path))
      f->severity = PV_SEV_LOW;
  }
}

/* The number of a "CWE-78: ..." or "CWE-78" entry; 0 when it is none. */
static unsigned long cwe_number(const char *c) {
  return strncmp(c, "CWE-", 4) == 0 ? strtoul(c + 4, NULL, 10) : 0;
}

static int share_cwe(const pv_rule_meta *a, const pv_rule_meta *b) {
  for (size_t i = 0; a->cwe != NULL && a->cwe[i] != NULL; i++)
    for (size_t k = 0; b->cwe != NULL && b->cwe[k] != NULL; k++)
      if (cwe_number(a->cwe[i]) != 0 && cwe_number(a->cwe[i]) == cwe_number(b->cwe[k]))
        return 1;
  return 0;
}

/* Whether f (a finding without a flow) says what taint finding t says: same
 * file, t's sink on a line of f's range, a CWE in common. */
static int covered_by(const pv_finding *f, const pv_finding *t) {
  return f->nflow == 0 && t->nflow > 0 && f->file == t->file && strcmp(f->path, t->path) == 0 &&
         f->start.line <= t->start.line && t->start.line <= f->end.line &&
         share_cwe(f->rule, t->rule);
}

/* Whether a taint finding covers fs[i] (covered_by). fs is sorted by path
 * and line: the taint findings that can are those of its file from its
 * start line to its end line. */
static int covered(const pv_finding *fs, size_t n, size_t i) {
  size_t lo = i;
  while (lo > 0 && fs[lo - 1].file == fs[i].file && fs[lo - 1].start.line == fs[i].start.line)
    lo--;
  for (size_t k = lo; k < n && fs[k].file == fs[i].file && fs[k].start.line <= fs[i].end.line; k++)
    if (k != i && covered_by(&fs[i], &fs[k]))
      return 1;
  return 0;
}

/* A pattern rule's finding at the sink of a taint finding of the same CWE
 * is dropped: the taint one says it, with its path. A malware-specific
 * finding stays: it says the code looks malicious (and counts in the risk
 * verdict), which a flow into eval or exec does not. Returns the count
 * kept. */
static size_t collapse_taint(pv_finding *fs, size_t n) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++)
    if (fs[i].nflow > 0 || fs[i].rule->malware != NULL || !covered(fs, n, i))
      fs[kept++] = fs[i];
  return kept;
}

pv_status pv_findings_finish(pv_result *r, const pv_limits *lim) {
  pv_finding *fs = r->findings.items;
  size_t n = r->findings.len;
  if (n == 0)
    return PV_OK;
  qsort(fs, n, sizeof *fs, cmp_finding);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) /* drop exact duplicates */
    if (kept == 0 || !same_place(&fs[kept - 1], &fs[i]))
      fs[kept++] = fs[i];
  r->findings.len = n = collapse_taint(fs, kept);
  if (fill_sources(r, fs, n, lim) != PV_OK)
    return PV_FATAL;
  for (size_t lo = 0; lo < n;) {
    size_t hi = lo + 1;
    while (hi < n && fs[hi].file == fs[lo].file)
      hi++;
    if (has_source(&fs[lo]) && hash_file_lines(fs, lo, hi) != PV_OK)
      return PV_FATAL;
    lo = hi;
  }
  return fingerprint_all(r, fs, n);
}
