/* zipdir.c — see zipdir.h. Layouts from PKWARE's APPNOTE.TXT, sections
 * 4.3.7 (local file header), 4.3.12 (central directory file header) and
 * 4.3.16 (end of central directory record). */
#include "zipdir.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  SIG_LOCAL = 0x04034b50,
  SIG_CENTRAL = 0x02014b50,
  SIG_END = 0x06054b50,
  SIG_DESC = 0x08074b50,
  LOCAL_LEN = 30,
  CENTRAL_LEN = 46,
  END_LEN = 22,
  FLAG_DESCRIPTOR = 1u << 3, /* sizes and CRC follow the data */
};

static uint32_t u16(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t u32(const unsigned char *p) {
  return u16(p) | u16(p + 2) << 16;
}

static void put16(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v) {
  put16(p, v);
  put16(p + 2, v >> 16);
}

typedef struct {
  const unsigned char *rec; /* its central-directory record */
  const unsigned char *name;
  uint32_t nlen, flags, csize, usize, crc, local;
} centry;

typedef struct {
  const unsigned char *d;
  size_t n;
  centry *e;
  size_t count;
  char *why;
  size_t whysz;
  int bad; /* readable, but it disagrees with itself or the local headers */
} zip;

/* The end record, searched back over the longest comment; NULL if none. */
static const unsigned char *find_end(const unsigned char *d, size_t n) {
  if (n < END_LEN)
    return NULL;
  size_t lo = n - END_LEN > 0xffff ? n - END_LEN - 0xffff : 0;
  for (size_t i = n - END_LEN + 1; i-- > lo;)
    if (u32(d + i) == SIG_END && i + END_LEN + u16(d + i + 20) == n)
      return d + i;
  return NULL;
}

/* Read the central directory; 1 when readable, 0 (why set) when not, -1 on
 * out-of-memory, 2 when not compared (zip64, multi-disk). */
static int read_central(zip *z, const unsigned char *end) {
  uint32_t total = u16(end + 10), size = u32(end + 12), off = u32(end + 16);
  if (u16(end + 4) != 0 || u16(end + 6) != 0 || total == 0xffff || size == 0xffffffff ||
      off == 0xffffffff)
    return 2;
  size_t at_end = (size_t)(end - z->d);
  if ((uint64_t)off + size != at_end) {
    snprintf(z->why, z->whysz,
             "the end record puts the central directory at bytes %u..%llu, but it ends at %zu", off,
             (unsigned long long)off + size, at_end);
    return 0;
  }
  if (u16(end + 8) != total) {
    snprintf(z->why, z->whysz, "the end record counts %u and %u entries", u16(end + 8), total);
    return 0;
  }
  if ((z->e = calloc(total + 1, sizeof *z->e)) == NULL)
    return -1;
  size_t p = off;
  for (uint32_t i = 0; i < total; i++) {
    if (p + CENTRAL_LEN > at_end || u32(z->d + p) != SIG_CENTRAL) {
      snprintf(z->why, z->whysz, "the central directory holds fewer than the %u entries it counts",
               total);
      return 0;
    }
    const unsigned char *r = z->d + p;
    centry *e = &z->e[z->count++];
    *e = (centry){.rec = r,
                  .name = r + CENTRAL_LEN,
                  .nlen = u16(r + 28),
                  .flags = u16(r + 8),
                  .crc = u32(r + 16),
                  .csize = u32(r + 20),
                  .usize = u32(r + 24),
                  .local = u32(r + 42)};
    p += (size_t)CENTRAL_LEN + e->nlen + u16(r + 30) + u16(r + 32);
  }
  if (p != at_end) {
    snprintf(z->why, z->whysz, "the central directory is %u bytes but its %u entries take %zu",
             size, total, p - off);
    z->bad = 1;
  }
  return 1;
}

/* The local header of e against its record; 1 when they agree. */
static int local_agrees(zip *z, const centry *e, size_t i) {
  const unsigned char *l = z->d + e->local;
  if ((uint64_t)e->local + LOCAL_LEN > z->n || u32(l) != SIG_LOCAL) {
    snprintf(z->why, z->whysz, "entry %zu of the central directory points at no local header", i);
    return 0;
  }
  uint32_t nl = u16(l + 26);
  if ((uint64_t)e->local + LOCAL_LEN + nl > z->n || nl != e->nlen ||
      memcmp(l + LOCAL_LEN, e->name, nl) != 0) {
    snprintf(z->why, z->whysz,
             "the central directory names entry %zu '%.*s', its local header '%.*s'", i,
             (int)(e->nlen > 200 ? 200 : e->nlen), (const char *)e->name,
             (int)(nl > 200 || (uint64_t)e->local + LOCAL_LEN + nl > z->n ? 0 : nl),
             (const char *)l + LOCAL_LEN);
    return 0;
  }
  if (!(u16(l + 6) & FLAG_DESCRIPTOR) &&
      (u32(l + 18) != e->csize || u32(l + 22) != e->usize || u32(l + 14) != e->crc)) {
    snprintf(z->why, z->whysz,
             "'%.*s' has %u bytes (%u packed) in the central directory, %u (%u) in its local "
             "header",
             (int)(nl > 200 ? 200 : nl), (const char *)e->name, e->usize, e->csize, u32(l + 22),
             u32(l + 18));
    return 0;
  }
  return 1;
}

/* The packed size of the entry whose local header is at off (from the
 * central directory when the header defers it), or -1 if unknown. */
static int64_t packed_at(const zip *z, size_t off, const unsigned char *l) {
  if (!(u16(l + 6) & FLAG_DESCRIPTOR) || u32(l + 18) != 0)
    return u32(l + 18);
  for (size_t i = 0; i < z->count; i++)
    if (z->e[i].local == off)
      return z->e[i].csize;
  return -1;
}

/* Local headers met walking from the start; -1 when the walk cannot tell. */
static int64_t count_local(const zip *z) {
  size_t p = 0;
  int64_t k = 0;
  while (p + LOCAL_LEN <= z->n && u32(z->d + p) == SIG_LOCAL) {
    const unsigned char *l = z->d + p;
    int64_t packed = packed_at(z, p, l);
    if (packed < 0)
      return -1;
    p += (size_t)LOCAL_LEN + u16(l + 26) + u16(l + 28) + (size_t)packed;
    if (u16(l + 6) & FLAG_DESCRIPTOR)
      p += p + 4 <= z->n && u32(z->d + p) == SIG_DESC ? 16 : 12;
    k++;
  }
  return k;
}

/* The central record of e for a local header at off, name only. */
static size_t put_central(unsigned char *h, const centry *e, size_t off) {
  memcpy(h, e->rec, CENTRAL_LEN);
  put16(h + 8, e->flags & ~FLAG_DESCRIPTOR);
  put16(h + 30, 0); /* extra */
  put16(h + 32, 0); /* comment */
  put32(h + 42, (uint32_t)off);
  memcpy(h + CENTRAL_LEN, e->name, e->nlen);
  return CENTRAL_LEN + e->nlen;
}

/* A zip of the central directory's entries, local headers rewritten from
 * their records, with a central directory of its own. */
static unsigned char *rebuild(const zip *z, size_t *len) {
  size_t cap = END_LEN;
  for (size_t i = 0; i < z->count; i++)
    cap += LOCAL_LEN + CENTRAL_LEN + 2 * (size_t)z->e[i].nlen + z->e[i].csize;
  unsigned char *out = malloc(cap);
  size_t *at = calloc(z->count + 1, sizeof *at); /* new local offsets; SIZE_MAX: left out */
  if (out == NULL || at == NULL) {
    free(out);
    free(at);
    return NULL;
  }
  size_t o = 0, kept = 0;
  for (size_t i = 0; i < z->count; i++) {
    const centry *e = &z->e[i];
    const unsigned char *l = z->d + e->local;
    at[i] = SIZE_MAX;
    if ((uint64_t)e->local + LOCAL_LEN > z->n || u32(l) != SIG_LOCAL)
      continue;
    uint64_t data = (uint64_t)e->local + LOCAL_LEN + u16(l + 26) + u16(l + 28);
    if (data + e->csize > z->n)
      continue;
    unsigned char *h = out + o;
    memset(h, 0, LOCAL_LEN);
    put32(h, SIG_LOCAL);
    put16(h + 4, u16(e->rec + 6));
    put16(h + 6, e->flags & ~FLAG_DESCRIPTOR);
    put16(h + 8, u16(e->rec + 10));
    put32(h + 10, u32(e->rec + 12)); /* time and date */
    put32(h + 14, e->crc);
    put32(h + 18, e->csize);
    put32(h + 22, e->usize);
    put16(h + 26, e->nlen);
    memcpy(h + LOCAL_LEN, e->name, e->nlen);
    memcpy(h + LOCAL_LEN + e->nlen, z->d + data, e->csize);
    at[i] = o;
    o += LOCAL_LEN + e->nlen + e->csize;
    kept++;
  }
  size_t cd = o;
  for (size_t i = 0; i < z->count; i++)
    if (at[i] != SIZE_MAX)
      o += put_central(out + o, &z->e[i], at[i]);
  free(at);
  memset(out + o, 0, END_LEN);
  put32(out + o, SIG_END);
  put16(out + o + 8, (uint32_t)kept);
  put16(out + o + 10, (uint32_t)kept);
  put32(out + o + 12, (uint32_t)(o - cd));
  put32(out + o + 16, (uint32_t)cd);
  *len = o + END_LEN;
  return out;
}

int pv_zip_inconsistent(const unsigned char *d, size_t n, char *why, size_t whysz,
                        unsigned char **rebuilt, size_t *rlen) {
  *rebuilt = NULL;
  *rlen = 0;
  if (n < LOCAL_LEN || u32(d) != SIG_LOCAL)
    return 0;
  zip z = {.d = d, .n = n, .why = why, .whysz = whysz};
  const unsigned char *end = find_end(d, n);
  if (end == NULL) {
    snprintf(why, whysz, "it has no end of central directory record");
    return 1;
  }
  int rc = read_central(&z, end);
  int bad = rc == 0 || z.bad;
  for (size_t i = 0; rc == 1 && i < z.count && !bad; i++)
    bad = !local_agrees(&z, &z.e[i], i);
  int64_t locals = rc == 1 && !bad ? count_local(&z) : -1;
  if (locals >= 0 && (size_t)locals != z.count) {
    snprintf(why, whysz, "it holds %lld local file headers but its central directory lists %zu",
             (long long)locals, z.count);
    bad = 1;
  }
  if (bad && rc == 1 && (*rebuilt = rebuild(&z, rlen)) == NULL)
    rc = -1;
  free(z.e);
  return rc < 0 ? -1 : bad;
}
