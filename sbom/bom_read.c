/* bom_read.c — an SBOM given as the input: a CycloneDX JSON BOM (any
 * version: "bomFormat": "CycloneDX"; components[], nested ones too) or an
 * SPDX 2.x JSON document ("spdxVersion": "SPDX-..."; packages[] with a
 * purl external reference). Each component whose purl is pkg:npm/ with a
 * version becomes a raw entry at its purl's line, matched like a
 * lockfile's. The others are counted and said, never dropped silently:
 * other purl types, no purl, no version or a git/URL source
 * (vcs_url/download_url: no registry version) in one note; malformed purls
 * in one note naming the first few. CycloneDX "scope": "excluded" is
 * dev-only, "optional" optional. Bounded by the limits every lockfile
 * reader has: the input file's size, JSON nesting (ast_depth), and the
 * component cap. */
#include <stdio.h>
#include <string.h>

#include "readers.h"

enum { NAMED_MAX = 3, TYPES_MAX = 8 };

typedef struct {
  pv_inv_ctx *c;
  const pv_file *f;
  const char *format; /* "CycloneDX" or "SPDX" */
  size_t matched, no_purl, no_version, not_registry, malformed, other;
  const char *bad[NAMED_MAX]; /* the first malformed purls, "LINE: 'purl': reason" */
  const char *unmatched[NAMED_MAX];
  struct {
    const char *type;
    size_t n;
  } types[TYPES_MAX];
  pv_status rc;
} bom;

int pv_bom_detect(const pv_file *f) {
  if (f->data == NULL)
    return 0;
  const unsigned char *p = f->data, *end = f->data + f->size;
  if (f->size >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && *p != '\0' && strchr(" \t\r\n", *p) != NULL)
    p++;
  if (p >= end || *p != '{')
    return 0;
  size_t n = (size_t)(end - p);
  return memmem(p, n, "\"bomFormat\"", 11) != NULL || memmem(p, n, "\"spdxVersion\"", 13) != NULL;
}

/* ---- components ---- */

static void keep(bom *b, pv_status st) {
  b->rc = pv_status_worst(b->rc, st);
}

static void count_type(bom *b, const char *type) {
  size_t i = 0;
  while (i < TYPES_MAX && b->types[i].type && strcmp(b->types[i].type, type) != 0)
    i++;
  if (i == TYPES_MAX)
    i = TYPES_MAX - 1; /* the last slot counts every further type */
  if (b->types[i].type == NULL)
    b->types[i].type = type;
  b->types[i].n++;
}

static void name_first(pv_arena *a, const char **slots, size_t count, uint32_t line,
                       const char *what, const char *why) {
  if (count <= NAMED_MAX)
    slots[count - 1] = pv_arena_printf(a, "line %u: '%.200s'%s%s", (unsigned)line, what,
                                       why ? ": " : "", why ? why : "");
}

/* One component whose purl is node pn (NULL: none); scope as said. */
static void component(bom *b, const pv_jnode *pn, pv_scope scope) {
  pv_arena *a = b->c->r->arena;
  const char *s = pn && pn->type == PV_J_STR ? pn->s : NULL;
  uint32_t line = pn ? pn->line : 0;
  pv_purl p;
  const char *why = NULL;
  if (s == NULL) {
    b->no_purl++;
    return;
  }
  if (pv_purl_parse(a, s, &p, &why) != 0) {
    b->malformed++;
    name_first(a, b->bad, b->malformed, line, s, why);
    return;
  }
  if (strcmp(p.type, "npm") != 0) {
    b->other++;
    count_type(b, p.type);
    return;
  }
  if (p.version == NULL || p.elsewhere) {
    size_t *n = p.version == NULL ? &b->no_version : &b->not_registry;
    ++*n;
    name_first(a, b->unmatched, b->no_version + b->not_registry, line, s,
               p.version == NULL ? "no version" : "no registry version");
    return;
  }
  pv_raw raw = {.name = p.name,
                .version = p.version,
                .src = PV_SRC_LOCK,
                .path = b->f->path,
                .line = line,
                .scope = scope,
                .scope_known = PV_SCOPE_READ};
  size_t idx;
  keep(b, pv_inv_add(b->c, &raw, &idx));
  b->matched += idx != PV_NONE;
}

static const pv_jnode *spdx_purl(const pv_jnode *pkg) {
  const pv_jnode *refs = pv_jn_get(pkg, "externalRefs");
  for (size_t i = 0; refs && refs->type == PV_J_ARR && i < refs->n; i++) {
    const char *t = pv_jn_str(refs->kids[i], "referenceType");
    if (t && strcmp(t, "purl") == 0)
      return pv_jn_get(refs->kids[i], "referenceLocator");
  }
  return NULL;
}

static void cdx_components(bom *b, const pv_jnode *arr) {
  for (size_t i = 0; arr && arr->type == PV_J_ARR && i < arr->n && b->rc != PV_FATAL; i++) {
    const pv_jnode *o = arr->kids[i];
    if (o->type != PV_J_OBJ)
      continue;
    const char *sc = pv_jn_str(o, "scope");
    pv_scope scope = sc && strcmp(sc, "excluded") == 0   ? PV_SCOPE_DEV
                     : sc && strcmp(sc, "optional") == 0 ? PV_SCOPE_OPTIONAL
                                                         : PV_SCOPE_REQUIRED;
    component(b, pv_jn_get(o, "purl"), scope);
    cdx_components(b, pv_jn_get(o, "components"));
  }
}

/* ---- what was skipped, said ---- */

static void join(pv_buf *buf, const char *const *slots, size_t count) {
  for (size_t i = 0; i < count && i < NAMED_MAX; i++)
    pv_buf_catf(buf, "%s%s", i ? "; " : "", slots[i] ? slots[i] : "?");
  if (count > NAMED_MAX)
    pv_buf_catf(buf, "; and %zu more", count - NAMED_MAX);
}

static void say(bom *b) {
  pv_result *r = b->c->r;
  const char *path = b->f->path;
  pv_buf buf;
  pv_buf_init(&buf, 4096);
  pv_buf_catf(&buf, "%s: %s SBOM: %zu npm components read", path, b->format, b->matched);
  size_t skipped = b->other + b->no_purl;
  if (skipped)
    pv_buf_catf(&buf, "; %zu skipped, not npm:", skipped);
  for (size_t i = 0; i < TYPES_MAX && b->types[i].type; i++)
    pv_buf_catf(&buf, "%s %s %zu", i ? "," : "",
                i == TYPES_MAX - 1 ? "other types" : b->types[i].type, b->types[i].n);
  if (b->no_purl)
    pv_buf_catf(&buf, "%s no purl %zu", b->other ? "," : "", b->no_purl);
  if (pv_buf_status(&buf) == PV_OK)
    pv_result_note(r, skipped ? PV_NOTE_WARNING : PV_NOTE_INFO, "sbom-input", path, "%.*s",
                   (int)buf.len, (const char *)buf.data);
  pv_buf_free(&buf);
  if (b->no_version + b->not_registry) {
    pv_buf_init(&buf, 4096);
    join(&buf, b->unmatched, b->no_version + b->not_registry);
    if (pv_buf_status(&buf) == PV_OK)
      pv_result_note(r, PV_NOTE_WARNING, "dep-not-matched", path,
                     "%s: %zu npm components not matched (no version or no registry version): %.*s",
                     path, b->no_version + b->not_registry, (int)buf.len, (const char *)buf.data);
    pv_buf_free(&buf);
  }
  if (b->malformed) {
    pv_buf_init(&buf, 4096);
    join(&buf, b->bad, b->malformed);
    if (pv_buf_status(&buf) == PV_OK)
      pv_result_note(r, PV_NOTE_WARNING, "sbom-bad-purl", path,
                     "%s: %zu malformed purls left out, the other components matched: %.*s", path,
                     b->malformed, (int)buf.len, (const char *)buf.data);
    pv_buf_free(&buf);
  }
}

pv_status pv_bom_read(pv_inv_ctx *c, const pv_file *f) {
  pv_jnode *root = NULL;
  pv_status rc = pv_inv_json_object(c, f, &root);
  if (rc != PV_OK)
    return rc;
  bom b = {.c = c, .f = f};
  const char *bf = pv_jn_str(root, "bomFormat"), *sv = pv_jn_str(root, "spdxVersion");
  if (bf && strcmp(bf, "CycloneDX") == 0) {
    b.format = "CycloneDX";
    cdx_components(&b, pv_jn_get(root, "components"));
  } else if (sv && strncmp(sv, "SPDX-", 5) == 0) {
    b.format = "SPDX";
    const pv_jnode *pk = pv_jn_get(root, "packages");
    for (size_t i = 0; pk && pk->type == PV_J_ARR && i < pk->n && b.rc != PV_FATAL; i++)
      if (pk->kids[i]->type == PV_J_OBJ)
        component(&b, spdx_purl(pk->kids[i]), PV_SCOPE_REQUIRED);
  } else {
    return PV_OK; /* JSON that only mentions the keys: not an SBOM */
  }
  if (b.rc != PV_FATAL)
    say(&b);
  return b.rc == PV_FATAL ? PV_FATAL : (b.malformed || b.rc == PV_WARN) ? PV_WARN : PV_OK;
}
