/* spdx.c — see spdx.h. */
#include "spdx.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../sbom/license.h"
#include "json_util.h"
#include "sbom_util.h"

#define NOASSERTION "NOASSERTION"
#define INPUT_ID "SPDXRef-Input" /* the input's package when it has no root */

typedef struct {
  const char *id;
  size_t index;
} idx_id;

static int by_id(const void *a, const void *b) {
  const idx_id *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* s with every character outside [A-Za-z0-9.-] made "-". */
static void put_sanitised(pv_buf *b, const char *s) {
  for (const char *p = s; p && *p; p++) {
    char ch = *p;
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
          ch == '.' || ch == '-'))
      ch = '-';
    pv_buf_cat(b, &ch, 1);
  }
}

static const char *base_id(pv_arena *a, const pv_component *c) {
  pv_buf b;
  pv_buf_init(&b, 8192);
  pv_buf_cats(&b, "SPDXRef-Package-");
  put_sanitised(&b, c->name);
  pv_buf_cats(&b, "-");
  put_sanitised(&b, c->version);
  const char *s =
      pv_buf_status(&b) == PV_OK ? pv_arena_strndup(a, (const char *)b.data, b.len) : NULL;
  pv_buf_free(&b);
  return s;
}

/* Unique SPDXIDs: equal bases numbered "-2", "-3"... in component order;
 * a number that meets another base (hostile names) falls back to
 * "SPDXRef-Dup-<index>", a prefix no base has. */
static int make_ids(pv_arena *a, const pv_inventory *inv, const char **ids) {
  size_t n = inv->components.len;
  idx_id *v = malloc((n + 1) * sizeof *v);
  if (v == NULL)
    return -1;
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    v[i] = (idx_id){base_id(a, pv_inv_component(inv, i)), i};
    rc = v[i].id == NULL ? -1 : 0;
  }
  qsort(v, n, sizeof *v, by_id);
  for (size_t i = 0, run = 1; i < n && rc == 0; i++) {
    run = i > 0 && strcmp(v[i].id, v[i - 1].id) == 0 ? run + 1 : 1;
    ids[v[i].index] = run == 1 ? v[i].id : pv_arena_printf(a, "%s-%zu", v[i].id, run);
    rc = ids[v[i].index] == NULL ? -1 : 0;
  }
  for (size_t i = 0; i < n && rc == 0; i++)
    v[i].id = ids[v[i].index];
  qsort(v, n, sizeof *v, by_id);
  for (size_t i = 1; i < n && rc == 0; i++)
    if (strcmp(v[i].id, v[i - 1].id) == 0) {
      ids[v[i].index] = pv_arena_printf(a, "SPDXRef-Dup-%zu", v[i].index);
      rc = ids[v[i].index] == NULL ? -1 : 0;
    }
  free(v);
  return rc;
}

/* ---- packages ------------------------------------------------------------ */

static json_t *checksums_json(const char *integrity) {
  json_t *a = json_array();
  for (const char *p = integrity; p && *p;) {
    char hex[129];
    int alg = pv_sri_decode(p, hex);
    if (alg >= 0)
      json_array_append_new(
          a, json_pack("{s:s, s:s}", "algorithm", pv_sri_alg_spdx(alg), "checksumValue", hex));
    p += strcspn(p, " ");
    p += strspn(p, " ");
  }
  return a;
}

/* Whether every licence and exception of e is on the SPDX list or a
 * LicenseRef-/DocumentRef- reference (a boolean). */
static int listed(const pv_lic_expr *e) {
  if (e->op != PV_LIC_LICENSE) {
    for (size_t i = 0; i < e->n; i++)
      if (!listed(e->kids[i]))
        return 0;
    return 1;
  }
  int ref = strncmp(e->id, "LicenseRef-", 11) == 0 || strncmp(e->id, "DocumentRef-", 12) == 0;
  return (ref || pv_lic_spdx_id(e->id) != NULL) &&
         (e->exception == NULL || pv_lic_spdx_id(e->exception) != NULL);
}

/* The package's licence as an SPDX expression of listed ids (canonical
 * spelling), else NOASSERTION: none, free text, an unknown id. */
static const char *declared_license(pv_arena *a, const char *lic) {
  pv_limits lim = pv_limits_default();
  const pv_lic_expr *e = NULL;
  pv_error err = {0};
  if (lic == NULL || pv_lic_parse(a, lic, &lim, &e, &err) != PV_OK || !listed(e))
    return NOASSERTION;
  const char *text = pv_lic_format(a, e);
  return text ? text : NOASSERTION;
}

/* Where the package can be had: its tarball, its git repository, or
 * NOASSERTION (the root, a path, a URL the format refuses). */
static const char *download_location(const pv_component *c) {
  if (c->resolved && pv_good_url(c->resolved))
    return c->resolved;
  if (pv_inv_origin(c) != PV_ORIGIN_REGISTRY && pv_inv_origin(c) != PV_ORIGIN_PATH &&
      pv_good_url(c->version))
    return c->version;
  return NOASSERTION;
}

static json_t *package_json(pv_arena *a, const pv_component *c, const char *id, const char *purl) {
  const char *version = pv_inv_origin(c) == PV_ORIGIN_REGISTRY ? c->version : c->declared;
  json_t *o = json_object();
  json_object_set_new(o, "SPDXID", json_string(id));
  json_object_set_new(o, "name", pv_json_str(c->name));
  if (version != NULL && *version)
    json_object_set_new(o, "versionInfo", pv_json_str(version));
  json_object_set_new(o, "supplier", json_string(NOASSERTION));
  json_object_set_new(o, "downloadLocation", pv_json_str(download_location(c)));
  json_object_set_new(o, "filesAnalyzed", json_false());
  json_t *sums = checksums_json(c->integrity);
  if (json_array_size(sums))
    json_object_set_new(o, "checksums", sums);
  else
    json_decref(sums);
  if (c->homepage && pv_good_url(c->homepage))
    json_object_set_new(o, "homepage", pv_json_str(c->homepage));
  json_object_set_new(o, "licenseConcluded", json_string(NOASSERTION));
  json_object_set_new(o, "licenseDeclared", pv_json_str(declared_license(a, c->license)));
  json_object_set_new(o, "copyrightText", json_string(NOASSERTION));
  if (c->description && *c->description)
    json_object_set_new(o, "description", pv_json_str(c->description));
  json_object_set_new(o, "externalRefs",
                      json_pack("[{s:s, s:s, s:s}]", "referenceCategory", "PACKAGE-MANAGER",
                                "referenceType", "purl", "referenceLocator", purl));
  json_object_set_new(o, "primaryPackagePurpose",
                      json_string((c->flags & PV_COMP_ROOT) ? "APPLICATION" : "LIBRARY"));
  return o;
}

/* Each advisory group found in a package: a SECURITY advisory reference
 * (component i is package i + offset). */
static void add_advisories(json_t *pkgs, size_t offset, const pv_vulns *v) {
  for (size_t i = 0; v != NULL && i < v->vulns.len; i++) {
    const pv_vuln *u = PV_VEC_AT(v->vulns, pv_vuln, i);
    const pv_vuln *prev = i > 0 ? PV_VEC_AT(v->vulns, pv_vuln, i - 1) : NULL;
    if (u->adv->source_url == NULL || !pv_good_url(u->adv->source_url) ||
        (prev && prev->component == u->component && strcmp(prev->adv->id, u->adv->id) == 0))
      continue;
    json_t *refs = json_object_get(json_array_get(pkgs, u->component + offset), "externalRefs");
    json_array_append_new(
        refs, json_pack("{s:s, s:s, s:s}", "referenceCategory", "SECURITY", "referenceType",
                        "advisory", "referenceLocator", u->adv->source_url));
  }
}

/* ---- relationships ------------------------------------------------------- */

static json_t *rel(const char *a, const char *type, const char *b) {
  return json_pack("{s:s, s:s, s:s}", "spdxElementId", a, "relationshipType", type,
                   "relatedSpdxElement", b);
}

/* The edge i -> d (i SIZE_MAX: the input package): into dev-only or
 * optional packages from outside them it is "d DEV_/OPTIONAL_DEPENDENCY_OF
 * i", else "i DEPENDS_ON d". */
static json_t *edge_json(const pv_inventory *inv, const char **ids, size_t i, size_t d) {
  pv_scope from = i == SIZE_MAX ? PV_SCOPE_REQUIRED : pv_inv_component(inv, i)->scope;
  pv_scope to = pv_inv_component(inv, d)->scope;
  const char *id = i == SIZE_MAX ? INPUT_ID : ids[i];
  if (to == PV_SCOPE_DEV && from != PV_SCOPE_DEV)
    return rel(ids[d], "DEV_DEPENDENCY_OF", id);
  if (to == PV_SCOPE_OPTIONAL && from == PV_SCOPE_REQUIRED)
    return rel(ids[d], "OPTIONAL_DEPENDENCY_OF", id);
  return rel(id, "DEPENDS_ON", ids[d]);
}

/* The package of the input itself, when it has no package.json of its
 * own: the document DESCRIBES it, and it DEPENDS_ON every package nothing
 * else depends on. */
static json_t *input_package_json(const char *name) {
  return json_pack("{s:s, s:o, s:s, s:s, s:b, s:s, s:s, s:s, s:s}", "SPDXID", INPUT_ID, "name",
                   pv_json_str(name), "supplier", NOASSERTION, "downloadLocation", NOASSERTION,
                   "filesAnalyzed", 0, "licenseConcluded", NOASSERTION, "licenseDeclared",
                   NOASSERTION, "copyrightText", NOASSERTION, "primaryPackagePurpose", "OTHER");
}

static json_t *relationships_json(const pv_inventory *inv, const char **ids) {
  size_t n = inv->components.len;
  json_t *rels = json_array();
  char *depended = calloc(n + 1, 1);
  if (depended == NULL)
    return rels;
  for (size_t i = 0; i < n; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    for (size_t k = 0; k < c->deps.len; k++) {
      size_t d = *PV_VEC_AT(c->deps, size_t, k);
      if (d < n && d != i)
        depended[d] = 1;
    }
  }
  json_array_append_new(rels,
                        rel("SPDXRef-DOCUMENT", "DESCRIBES", inv->has_root ? ids[0] : INPUT_ID));
  for (size_t i = 0; i < n && !inv->has_root; i++)
    if (!depended[i])
      json_array_append_new(rels, edge_json(inv, ids, SIZE_MAX, i));
  free(depended);
  for (size_t i = 0; i < n; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    for (size_t k = 0; k < c->deps.len; k++) {
      size_t d = *PV_VEC_AT(c->deps, size_t, k);
      if (d < n && d != i)
        json_array_append_new(rels, edge_json(inv, ids, i, d));
    }
  }
  return rels;
}

/* ---- the document -------------------------------------------------------- */

static json_t *creation_json(const pv_spdx_options *opt) {
  time_t t = opt->epoch >= 0 ? (time_t)opt->epoch : time(NULL);
  struct tm tm;
  char ts[32];
  gmtime_r(&t, &tm);
  strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  char tool[128];
  snprintf(tool, sizeof tool, "Tool: plugvet-%s", opt->tool_version);
  return json_pack("{s:s, s:[s]}", "created", ts, "creators", tool);
}

/* https://spdx.org/spdxdocs/plugvet/NAME-UUID, the UUID from the sha256
 * of the document, shaped as a version-5 UUID. */
static json_t *namespace_of(json_t *doc, const char *name) {
  char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
  char hex[65];
  pv_sha256_hex(text ? text : "", text ? strlen(text) : 0, hex);
  free(text);
  hex[12] = '5';
  hex[16] = "89ab"[hex[16] % 4];
  pv_buf b;
  pv_buf_init(&b, 4096);
  pv_buf_cats(&b, "https://spdx.org/spdxdocs/plugvet/");
  put_sanitised(&b, name);
  pv_buf_catf(&b, "-%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
  json_t *s = pv_buf_status(&b) == PV_OK ? json_stringn((const char *)b.data, b.len) : NULL;
  pv_buf_free(&b);
  return s;
}

pv_status pv_spdx_write(FILE *out, const pv_inventory *inv, const pv_vulns *vulns,
                        const pv_spdx_options *opt, pv_error *err) {
  size_t n = inv->components.len;
  pv_arena *a = pv_arena_new(0);
  const char **ids = a ? pv_arena_alloc(a, (n + 1) * sizeof *ids) : NULL;
  if (ids == NULL || make_ids(a, inv, ids) != 0) {
    pv_arena_delete(a);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  const char *name = inv->has_root ? pv_inv_component(inv, 0)->name : opt->name;
  json_t *doc = json_pack("{s:s, s:s, s:s, s:o, s:s}", "spdxVersion", "SPDX-2.3", "dataLicense",
                          "CC0-1.0", "SPDXID", "SPDXRef-DOCUMENT", "name",
                          pv_json_str(name ? name : "plugvet"), "documentNamespace", "");
  json_object_set_new(doc, "creationInfo", creation_json(opt));
  json_t *pkgs = json_array();
  if (!inv->has_root)
    json_array_append_new(pkgs, input_package_json(name ? name : "plugvet"));
  for (size_t i = 0; i < n; i++) {
    const char *purl = pv_inv_purl(a, pv_inv_component(inv, i));
    json_array_append_new(pkgs,
                          package_json(a, pv_inv_component(inv, i), ids[i], purl ? purl : ""));
  }
  add_advisories(pkgs, inv->has_root ? 0 : 1, vulns);
  json_object_set_new(doc, "packages", pkgs);
  json_object_set_new(doc, "relationships", relationships_json(inv, ids));
  json_t *ns = namespace_of(doc, name ? name : "plugvet");
  int rc = ns == NULL ? -1 : json_object_set_new(doc, "documentNamespace", ns);
  rc |= json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(doc);
  pv_arena_delete(a);
  if (rc != 0 || fputc('\n', out) == EOF)
    return pv_error_set(err, PV_FAILED, "write error");
  return PV_OK;
}
