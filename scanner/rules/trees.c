/* trees.c — the rule trees file: writing, checking, finding one file's
 * tree (trees.h). */
#include "trees.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules_impl.h"

enum { TREES_VERSION = 1, ENTRY_WORDS = 8, TYPE_SHIFT = 30 };
#define COUNT_MASK ((1u << TYPE_SHIFT) - 1)
static const char MAGIC[8] = "PVTREES\n";

typedef struct {
  uint32_t dlo, dhi, size, name_off, name_len, tree_off, tree_words, nodes;
} entry;

struct pv_trees {
  unsigned char *map; /* the file's bytes */
  size_t n;
  int mapped; /* munmap (else free) */
  const entry *e;
  uint32_t ne;
};

/* A 64-bit digest of n bytes, eight at a time (the tail zero-padded). */
uint64_t pv_trees_digest(const void *v, size_t n) {
  const unsigned char *p = v;
  uint64_t h = 0x9e3779b97f4a7c15u ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  if (i < n) {
    uint64_t w = 0;
    memcpy(&w, p + i, n - i);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  return h;
}

static size_t pad4(size_t n) {
  return (n + 3) & ~(size_t)3;
}

/* ---- reading ------------------------------------------------------------ */

static uint32_t word_at(const unsigned char *p) {
  uint32_t w;
  memcpy(&w, p, 4);
  return w;
}

/* Header and table: where the table starts in *table. */
static pv_status check_head(const pv_trees *t, const char *build_id, size_t *table, uint32_t *ne,
                            pv_error *err) {
  const unsigned char *d = t->map;
  size_t n = t->n;
  if (n < 16 || memcmp(d, MAGIC, 8) != 0)
    return pv_error_set(err, PV_FAILED, "not a rule trees file");
  if (word_at(d + 8) != TREES_VERSION)
    return pv_error_set(err, PV_FAILED, "another format version (%u, this build reads %d)",
                        word_at(d + 8), TREES_VERSION);
  uint64_t sum;
  if (n % 8 != 0 || n < 24)
    return pv_error_set(err, PV_FAILED, "truncated");
  memcpy(&sum, d + n - 8, 8);
  if (pv_trees_digest(d, n - 8) != sum)
    return pv_error_set(err, PV_FAILED, "truncated or corrupted (checksum)");
  size_t il = word_at(d + 12), at = 16 + pad4(il);
  if (il > n - 24 || at + 4 > n - 8)
    return pv_error_set(err, PV_FAILED, "corrupted header");
  if (il != strlen(build_id) || memcmp(d + 16, build_id, il) != 0)
    return pv_error_set(err, PV_FAILED, "stale: made by another build of plugvet");
  *ne = word_at(d + at);
  *table = at + 4;
  if (*ne > (n - 8 - *table) / (ENTRY_WORDS * 4))
    return pv_error_set(err, PV_FAILED, "corrupted header (%u files)", *ne);
  return PV_OK;
}

static pv_status check_entries(pv_trees *t, size_t table, uint32_t ne, pv_error *err) {
  size_t body = t->n - 8;
  t->e = (const entry *)(t->map + table);
  t->ne = ne;
  for (uint32_t i = 0; i < ne; i++) {
    const entry *e = &t->e[i];
    if (e->name_off > body || e->name_len >= body - e->name_off ||
        t->map[e->name_off + e->name_len] != '\0' || e->tree_off % 4 != 0 || e->tree_off > body ||
        e->tree_words > (body - e->tree_off) / 4)
      return pv_error_set(err, PV_FAILED, "corrupted entry %u", i);
  }
  return PV_OK;
}

static pv_status open_checked(pv_trees *t, const char *build_id, pv_trees **out, pv_error *err) {
  size_t table = 0;
  uint32_t ne = 0;
  pv_status rc = check_head(t, build_id, &table, &ne, err);
  if (rc == PV_OK)
    rc = check_entries(t, table, ne, err);
  if (rc != PV_OK) {
    pv_trees_close(t);
    return rc;
  }
  *out = t;
  return PV_OK;
}

pv_status pv_trees_open(const char *path, const char *build_id, size_t max, pv_trees **out,
                        pv_error *err) {
  *out = NULL;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return pv_error_set(err, PV_FAILED, "%s", strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 24 ||
      (uint64_t)st.st_size > max) {
    close(fd);
    return pv_error_set(err, PV_FAILED, "not a regular file of 24 to %zu bytes", max);
  }
  void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (m == MAP_FAILED)
    return pv_error_set(err, PV_FAILED, "mmap: %s", strerror(errno));
  pv_trees *t = calloc(1, sizeof *t);
  if (t == NULL) {
    munmap(m, (size_t)st.st_size);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  *t = (pv_trees){.map = m, .n = (size_t)st.st_size, .mapped = 1};
  return open_checked(t, build_id, out, err);
}

pv_status pv_trees_open_mem(const unsigned char *data, size_t n, const char *build_id,
                            pv_trees **out, pv_error *err) {
  *out = NULL;
  pv_trees *t = calloc(1, sizeof *t);
  unsigned char *copy = malloc(n ? n : 1);
  if (t == NULL || copy == NULL) {
    free(t);
    free(copy);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  if (n) /* malloc's alignment: the table's words are read in place */
    memcpy(copy, data, n);
  *t = (pv_trees){.map = copy, .n = n};
  return open_checked(t, build_id, out, err);
}

void pv_trees_close(pv_trees *t) {
  if (t == NULL)
    return;
  if (t->mapped)
    munmap(t->map, t->n);
  else
    free(t->map);
  free(t);
}

uint32_t pv_trees_count(const pv_trees *t) {
  return t ? t->ne : 0;
}

typedef struct {
  const unsigned char *p; /* the tree's words */
  size_t at, end;         /* byte offsets in p */
  pv_yaml_node *nodes;    /* the entry's node count of them */
  uint32_t used, max_nodes, max_depth;
  pv_arena *a;
} dec;

/* One node and its kids; NULL if malformed (or out of memory: *oom). */
static pv_yaml_node *decode(dec *d, uint32_t depth, int *oom) {
  if (d->end - d->at < 8 || d->used == d->max_nodes)
    return NULL;
  uint32_t head = word_at(d->p + d->at), count = head & COUNT_MASK;
  pv_yaml_node *n = &d->nodes[d->used++];
  n->t = (pv_yaml_type)(head >> TYPE_SHIFT);
  n->line = word_at(d->p + d->at + 4);
  d->at += 8;
  if (n->t == PV_YAML_SCALAR) {
    if (count >= d->end - d->at || d->p[d->at + count] != '\0')
      return NULL;
    n->s = (const char *)d->p + d->at;
    n->len = count;
    d->at += pad4((size_t)count + 1);
    return d->at <= d->end ? n : NULL;
  }
  if ((n->t != PV_YAML_SEQ && n->t != PV_YAML_MAP) || depth >= d->max_depth ||
      count > d->max_nodes - d->used)
    return NULL;
  if (count > 0 && (n->kids = pv_arena_alloc(d->a, count * sizeof *n->kids)) == NULL) {
    *oom = 1;
    return NULL;
  }
  n->n = n->cap = count;
  for (uint32_t i = 0; i < count; i++)
    if ((n->kids[i] = decode(d, depth + 1, oom)) == NULL)
      return NULL;
  return n;
}

static const entry *lookup(const pv_trees *t, const unsigned char *data, size_t n) {
  uint64_t h = pv_trees_digest(data, n);
  for (uint32_t i = 0; i < t->ne; i++) {
    const entry *e = &t->e[i];
    if (e->size == n && e->dlo == (uint32_t)h && e->dhi == (uint32_t)(h >> 32))
      return e;
  }
  return NULL;
}

int pv_trees_find(const pv_trees *t, const unsigned char *data, size_t n, pv_arena *a,
                  uint32_t max_depth, uint32_t max_nodes, pv_yaml_node **root) {
  *root = NULL;
  const entry *e = t ? lookup(t, data, n) : NULL;
  if (e == NULL)
    return 0;
  if (e->tree_words == 0)
    return 1; /* an empty document */
  if (e->nodes == 0 || e->nodes > e->tree_words / 2 || e->nodes > max_nodes)
    return 0;
  dec d = {.p = t->map + e->tree_off,
           .end = (size_t)e->tree_words * 4,
           .max_nodes = e->nodes,
           .max_depth = max_depth,
           .a = a};
  if ((d.nodes = pv_arena_alloc(a, (size_t)e->nodes * sizeof *d.nodes)) == NULL)
    return -1;
  memset(d.nodes, 0, (size_t)e->nodes * sizeof *d.nodes);
  int oom = 0;
  pv_yaml_node *r = decode(&d, 0, &oom);
  if (oom)
    return -1;
  if (r == NULL || d.at != d.end || d.used != d.max_nodes)
    return 0;
  *root = r;
  return 1;
}

int pv_trees_names(const pv_trees *t, const char *path) {
  size_t pl = strlen(path);
  for (uint32_t i = 0; t != NULL && i < t->ne; i++) {
    const entry *e = &t->e[i];
    const char *name = (const char *)t->map + e->name_off;
    if (e->name_len > pl || e->name_len == 0 || strcmp(path + pl - e->name_len, name) != 0)
      continue;
    if (pl == e->name_len || path[pl - e->name_len - 1] == '/')
      return 1;
  }
  return 0;
}

int pv_trees_same(const pv_yaml_node *a, const pv_yaml_node *b) {
  if (a == NULL || b == NULL)
    return a == b;
  if (a->t != b->t || a->line != b->line)
    return 0;
  if (a->t == PV_YAML_SCALAR)
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
  if (a->n != b->n)
    return 0;
  for (size_t i = 0; i < a->n; i++)
    if (!pv_trees_same(a->kids[i], b->kids[i]))
      return 0;
  return 1;
}

/* ---- writing ------------------------------------------------------------ */

struct pv_trees_writer {
  char *build_id;
  pv_buf table; /* the entries, their offsets relative to blob */
  pv_buf blob;  /* names and trees */
  uint32_t ne;
};

pv_trees_writer *pv_trees_writer_new(const char *build_id) {
  pv_trees_writer *w = calloc(1, sizeof *w);
  if (w == NULL || (w->build_id = strdup(build_id)) == NULL) {
    free(w);
    return NULL;
  }
  pv_buf_init(&w->table, (size_t)1 << 30);
  pv_buf_init(&w->blob, (size_t)1 << 30);
  return w;
}

void pv_trees_writer_delete(pv_trees_writer *w) {
  if (w == NULL)
    return;
  pv_buf_free(&w->table);
  pv_buf_free(&w->blob);
  free(w->build_id);
  free(w);
}

static void put_word(pv_buf *b, uint32_t v) {
  pv_buf_cat(b, &v, 4);
}

static void put_padded(pv_buf *b, const void *p, size_t n) {
  static const char zeros[4];
  pv_buf_cat(b, p, n);
  pv_buf_cat(b, zeros, pad4(n) - n);
}

/* Pre-order; the nodes counted in *nodes. */
static pv_status encode(pv_buf *b, const pv_yaml_node *n, uint32_t *nodes) {
  uint32_t count = (uint32_t)(n->t == PV_YAML_SCALAR ? n->len : n->n);
  if ((n->t == PV_YAML_SCALAR ? n->len : n->n) > COUNT_MASK)
    return PV_FAILED;
  (*nodes)++;
  put_word(b, (uint32_t)n->t << TYPE_SHIFT | count);
  put_word(b, n->line);
  if (n->t == PV_YAML_SCALAR) {
    put_padded(b, n->s, n->len + 1); /* its NUL too */
    return pv_buf_status(b);
  }
  for (size_t i = 0; i < n->n; i++) {
    pv_status rc = encode(b, n->kids[i], nodes);
    if (rc != PV_OK)
      return rc;
  }
  return pv_buf_status(b);
}

pv_status pv_trees_writer_add(pv_trees_writer *w, const char *name, const unsigned char *data,
                              size_t n, const pv_yaml_node *root) {
  uint64_t h = pv_trees_digest(data, n);
  size_t nl = strlen(name);
  if (n > UINT32_MAX || w->blob.len > UINT32_MAX / 2)
    return PV_FAILED;
  uint32_t name_off = (uint32_t)w->blob.len;
  put_padded(&w->blob, name, nl + 1);
  uint32_t tree_off = (uint32_t)w->blob.len, nodes = 0;
  pv_status rc = root ? encode(&w->blob, root, &nodes) : pv_buf_status(&w->blob);
  if (rc != PV_OK)
    return rc;
  entry e = {(uint32_t)h,
             (uint32_t)(h >> 32),
             (uint32_t)n,
             name_off,
             (uint32_t)nl,
             tree_off,
             (uint32_t)((w->blob.len - tree_off) / 4),
             nodes};
  pv_buf_cat(&w->table, &e, sizeof e);
  w->ne++;
  return pv_buf_status(&w->table);
}

pv_status pv_trees_writer_end(pv_trees_writer *w, pv_buf *out) {
  size_t start = out->len, il = strlen(w->build_id);
  pv_buf_cat(out, MAGIC, 8);
  put_word(out, TREES_VERSION);
  put_word(out, (uint32_t)il);
  put_padded(out, w->build_id, il);
  put_word(out, w->ne);
  size_t blob_at = out->len - start + w->table.len;
  entry *e = (entry *)w->table.data; /* offsets from the blob to the file's start */
  for (uint32_t i = 0; i < w->ne; i++) {
    e[i].name_off += (uint32_t)blob_at;
    e[i].tree_off += (uint32_t)blob_at;
  }
  pv_buf_cat(out, w->table.data, w->table.len);
  pv_buf_cat(out, w->blob.data, w->blob.len);
  static const char zeros[8];
  pv_buf_cat(out, zeros, (8 - (out->len - start) % 8) % 8);
  if (pv_buf_status(out) != PV_OK)
    return pv_buf_status(out);
  uint64_t sum = pv_trees_digest(out->data + start, out->len - start);
  pv_buf_cat(out, &sum, 8);
  return pv_buf_status(out);
}
