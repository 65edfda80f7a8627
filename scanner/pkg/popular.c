/* popular.c — see popular.h. The check looks up a queried name's keys in
 * an index of the popular names' keys (built once per process, on first
 * use), then compares the few names found, in table order, as the pass
 * over all 10,000 names (pv_npm_typosquat_scan) would. */
#include "popular.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const pv_npm_popular[] = {
#include "npm_popular.inc"
};
const size_t pv_npm_popular_len = sizeof pv_npm_popular / sizeof *pv_npm_popular;

enum { NAME_MAX_BYTES = 214, EDIT_MIN = 5 }; /* npm's name limit; shorter names: no edit check */

static int cmp_name(const void *k, const void *e) {
  return strcmp(k, *(const char *const *)e);
}

/* The table's copy of name, or NULL. */
static const char *find_popular(const char *name) {
  const char *const *e =
      bsearch(name, pv_npm_popular, pv_npm_popular_len, sizeof *pv_npm_popular, cmp_name);
  return e ? *e : NULL;
}

int pv_npm_is_popular(const char *name) {
  return find_popular(name) != NULL;
}

/* a and b differ by exactly one substitution, insertion, deletion or
 * transposition of adjacent bytes, none of them a digit ("cli2" next to
 * "cli", "es2017" next to "es2015" are versions, not imitations). */
static int one_edit(const char *a, size_t na, const char *b, size_t nb) {
  if (na < nb)
    return one_edit(b, nb, a, na);
  if (na - nb > 1)
    return 0;
  size_t i = 0;
  while (i < nb && a[i] == b[i])
    i++;
  if (isdigit((unsigned char)a[i]) || (i < nb && isdigit((unsigned char)b[i])))
    return 0;
  if (i == nb)
    return na == nb + 1;
  if (na == nb + 1)
    return strcmp(a + i + 1, b + i) == 0;
  if (strcmp(a + i + 1, b + i + 1) == 0)
    return 1;
  return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0;
}

/* s without separators, homoglyphs folded, into out. */
static void fold(const char *s, char *out, size_t outsz, int glyphs) {
  size_t o = 0;
  for (const char *p = s; *p && o + 1 < outsz; p++) {
    char c = *p;
    if (c == '-' || c == '_' || c == '.')
      continue;
    if (glyphs && (c == '0'))
      c = 'o';
    else if (glyphs && (c == '1' || c == 'i'))
      c = 'l';
    else if (glyphs && c == 'r' && p[1] == 'n') {
      c = 'm';
      p++;
    } else if (glyphs && c == 'v' && p[1] == 'v') {
      c = 'w';
      p++;
    }
    out[o++] = c;
  }
  out[o] = '\0';
}

/* name with a prefix or suffix of affixes dropped, into out; 0 when none. */
static int strip_affix(const char *name, char *out, size_t outsz) {
  static const char *const pre[] = {"node-", "js-", NULL};
  static const char *const suf[] = {"-js", ".js", "js", "-node", NULL};
  size_t n = strlen(name);
  for (size_t i = 0; pre[i]; i++) {
    size_t k = strlen(pre[i]);
    if (n > k + 2 && strncmp(name, pre[i], k) == 0 && n - k < outsz) {
      memcpy(out, name + k, n - k + 1);
      return 1;
    }
  }
  for (size_t i = 0; suf[i]; i++) {
    size_t k = strlen(suf[i]);
    if (n > k + 2 && strcmp(name + n - k, suf[i]) == 0 && n - k < outsz) {
      memcpy(out, name, n - k);
      out[n - k] = '\0';
      return 1;
    }
  }
  return 0;
}

/* "@scope/name" → "scope-name"; other names unchanged. */
static void unscope(const char *name, char *out, size_t outsz) {
  size_t o = 0;
  for (const char *p = name[0] == '@' ? name + 1 : name; *p && o + 1 < outsz; p++)
    out[o++] = *p == '/' ? '-' : *p;
  out[o] = '\0';
}

typedef struct {
  char sep[NAME_MAX_BYTES + 1], glyph[NAME_MAX_BYTES + 1], flat[NAME_MAX_BYTES + 1];
} forms;

static void forms_of(const char *name, forms *f) {
  unscope(name, f->flat, sizeof f->flat);
  fold(name, f->sep, sizeof f->sep, 0);
  fold(name, f->glyph, sizeof f->glyph, 1);
}

/* How name imitates the popular p, or NULL. */
static const char *imitates(const char *name, size_t n, const forms *fn, const char *p) {
  size_t np = strlen(p);
  if (n >= EDIT_MIN && np >= EDIT_MIN && one_edit(name, n, p, np))
    return "one edit";
  char g[2], sp[2]; /* first bytes of p's folded forms: most names differ there */
  fold(p, g, sizeof g, 1);
  fold(p, sp, sizeof sp, 0);
  if (g[0] != fn->glyph[0] && sp[0] != fn->sep[0] && !(name[0] == '@' && p[0] == fn->flat[0]))
    return NULL;
  forms fp;
  forms_of(p, &fp);
  if (strcmp(fn->sep, fp.sep) == 0)
    return (name[0] == '@') != (p[0] == '@') ? "a scope change" : "a separator change";
  if (name[0] == '@' && strcmp(fn->flat, fp.flat) == 0)
    return "a scope change"; /* not the other way: babel-core, rollup-plugin-x are old names */
  if (np >= EDIT_MIN - 1 && strcmp(fn->glyph, fp.glyph) == 0)
    return "a homoglyph";
  return NULL;
}

/* An imitation by an added prefix or suffix, else the first popular name,
 * in table order, that name imitates: that of the candidates (sorted
 * indices into the table; all of them when cand is NULL). */
static const char *first_imitated(const char *name, const uint32_t *cand, size_t n_cand,
                                  const char **how) {
  size_t n = strlen(name);
  forms fn;
  forms_of(name, &fn);
  char bare[NAME_MAX_BYTES + 1];
  const char *p = strip_affix(name, bare, sizeof bare) ? find_popular(bare) : NULL;
  if (p != NULL) {
    *how = "an added prefix or suffix";
    return p;
  }
  size_t count = cand != NULL ? n_cand : pv_npm_popular_len;
  for (size_t i = 0; i < count; i++) {
    const char *q = pv_npm_popular[cand != NULL ? cand[i] : i];
    const char *why = imitates(name, n, &fn, q);
    if (why != NULL) {
      *how = why;
      return q;
    }
  }
  return NULL;
}

static int squat_candidate(const char *name) {
  size_t n = strlen(name);
  return n > 0 && n <= NAME_MAX_BYTES && !pv_npm_is_popular(name) &&
         strncmp(name, "@types/", 7) != 0;
}

const char *pv_npm_typosquat_scan(const char *name, const char **how) {
  return squat_candidate(name) ? first_imitated(name, NULL, 0, how) : NULL;
}

/* ---- The index ------------------------------------------------------------
 * Every way imitates() accepts a pair needs the two names to share a key:
 * equal folded forms (separators, homoglyphs, scope), or for one edit, the
 * first or the last k bytes, k = (m - 1) / 2 where m is the shorter
 * length: an edit at byte i leaves the first i bytes alike and at least
 * the last m - i - 2, so one of the two runs is k long. A pair's m is
 * either name's length or one less, so both are indexed and looked up.
 * Keys are 64-bit hashes: a collision only adds a name to compare. */

enum { KEY_PREFIX, KEY_SUFFIX, KEY_SEP, KEY_FLAT, KEY_GLYPH };
enum { IX_BITS = 17, CAND_MAX = 2048 }; /* more candidates: the full pass */

typedef struct {
  uint64_t hash;
  uint32_t idx;  /* into pv_npm_popular */
  uint32_t next; /* 1 + the next entry of the bucket, 0 at the end */
} ix_entry;

static struct {
  uint32_t *head; /* per bucket: 1 + its first entry, or 0 */
  ix_entry *e;
  size_t n, cap;
} ix;
static pthread_once_t ix_once = PTHREAD_ONCE_INIT;

static uint64_t key_hash(int kind, const char *s, size_t len) {
  uint64_t h = 1469598103934665603ull ^ (uint64_t)kind ^ ((uint64_t)len << 8);
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

static int ix_add(uint64_t hash, uint32_t idx) {
  if (ix.n == ix.cap) {
    size_t cap = ix.cap ? ix.cap * 2 : 65536;
    ix_entry *e = realloc(ix.e, cap * sizeof *e);
    if (e == NULL)
      return -1;
    ix.e = e;
    ix.cap = cap;
  }
  uint32_t *b = &ix.head[hash & ((1u << IX_BITS) - 1)];
  ix.e[ix.n] = (ix_entry){hash, idx, *b};
  *b = (uint32_t)++ix.n;
  return 0;
}

/* The one-edit keys of a name of n bytes whose pairs have the shorter
 * length m, into h (two); 0 when m is too short for the edit check. */
static int edit_keys(const char *s, size_t n, size_t m, uint64_t *h) {
  if (m < EDIT_MIN)
    return 0;
  size_t k = (m - 1) / 2;
  h[0] = key_hash(KEY_PREFIX, s, k);
  h[1] = key_hash(KEY_SUFFIX, s + n - k, k);
  return 2;
}

/* The keys of name (n bytes, folded forms f), into h (seven at most);
 * returns how many. Lengths n and n - 1 for the edit keys. */
static int keys_of(const char *name, size_t n, const forms *f, uint64_t *h) {
  int c = 0;
  if (n >= EDIT_MIN) {
    c += edit_keys(name, n, n, h + c);
    c += edit_keys(name, n, n - 1, h + c);
  }
  h[c++] = key_hash(KEY_SEP, f->sep, strlen(f->sep));
  h[c++] = key_hash(KEY_FLAT, f->flat, strlen(f->flat));
  h[c++] = key_hash(KEY_GLYPH, f->glyph, strlen(f->glyph));
  return c;
}

static void ix_free(void) {
  free(ix.head);
  free(ix.e);
  memset(&ix, 0, sizeof ix);
}

static void ix_build(void) {
  if ((ix.head = calloc((size_t)1 << IX_BITS, sizeof *ix.head)) == NULL)
    return;
  for (size_t i = 0; i < pv_npm_popular_len; i++) {
    const char *p = pv_npm_popular[i];
    forms f;
    forms_of(p, &f);
    uint64_t h[7];
    int c = keys_of(p, strlen(p), &f, h);
    for (int k = 0; k < c; k++)
      if (ix_add(h[k], (uint32_t)i) != 0) {
        ix_free(); /* (the full pass then) */
        return;
      }
  }
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* The popular names sharing a key with name, sorted, into cand; how
 * many, or -1 when they are too many (or the index is missing). */
static long candidates(const char *name, uint32_t *cand) {
  pthread_once(&ix_once, ix_build);
  if (ix.head == NULL)
    return -1;
  forms f;
  forms_of(name, &f);
  uint64_t h[7];
  int c = keys_of(name, strlen(name), &f, h);
  size_t n = 0;
  for (int k = 0; k < c; k++)
    for (uint32_t e = ix.head[h[k] & ((1u << IX_BITS) - 1)]; e != 0; e = ix.e[e - 1].next) {
      if (ix.e[e - 1].hash != h[k])
        continue;
      if (n == CAND_MAX)
        return -1;
      cand[n++] = ix.e[e - 1].idx;
    }
  qsort(cand, n, sizeof *cand, cmp_u32);
  size_t u = 0;
  for (size_t i = 0; i < n; i++)
    if (u == 0 || cand[u - 1] != cand[i])
      cand[u++] = cand[i];
  return (long)u;
}

const char *pv_npm_typosquat(const char *name, const char **how) {
  if (!squat_candidate(name))
    return NULL;
  uint32_t cand[CAND_MAX];
  long n = candidates(name, cand);
  return n < 0 ? first_imitated(name, NULL, 0, how) : first_imitated(name, cand, (size_t)n, how);
}
