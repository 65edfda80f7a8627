/* popular.c — see popular.h. The check is a pass over the 10,000 names
 * per queried name, each comparison linear in the names' length. */
#include "popular.h"

#include <ctype.h>
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

const char *pv_npm_typosquat(const char *name, const char **how) {
  size_t n = strlen(name);
  if (n == 0 || n > NAME_MAX_BYTES || pv_npm_is_popular(name) || strncmp(name, "@types/", 7) == 0)
    return NULL;
  forms fn;
  forms_of(name, &fn);
  char bare[NAME_MAX_BYTES + 1];
  const char *p = strip_affix(name, bare, sizeof bare) ? find_popular(bare) : NULL;
  if (p != NULL) {
    *how = "an added prefix or suffix";
    return p;
  }
  for (size_t i = 0; i < pv_npm_popular_len; i++) {
    const char *why = imitates(name, n, &fn, pv_npm_popular[i]);
    if (why != NULL) {
      *how = why;
      return pv_npm_popular[i];
    }
  }
  return NULL;
}
