/* cyclonedx.c — see cyclonedx.h. */
#include "cyclonedx.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../sbom/license.h"
#include "json_util.h"
#include "sbom_util.h"

/* ---- licences, hashes, references --------------------------------------- */

static int is_expression(const char *s) {
  return s[0] == '(' || strstr(s, " OR ") || strstr(s, " AND ") || strstr(s, " WITH ");
}

static json_t *licenses_json(const char *lic) {
  if (lic == NULL || *lic == '\0')
    return NULL;
  const char *id = pv_lic_spdx_id(lic);
  if (id != NULL)
    return json_pack("[{s:{s:s}}]", "license", "id", id);
  if (is_expression(lic))
    return json_pack("[{s:s}]", "expression", lic);
  return json_pack("[{s:{s:s%}}]", "license", "name", lic, strlen(lic));
}

/* SRI "alg-base64" (space-separated) to hex; NULL when none is well-formed. */
static json_t *hashes_json(const char *integrity) {
  if (integrity == NULL)
    return NULL;
  json_t *a = json_array();
  for (const char *p = integrity; *p;) {
    char hex[129];
    int alg = pv_sri_decode(p, hex);
    if (alg >= 0)
      json_array_append_new(a, json_pack("{s:s, s:s}", "alg", pv_sri_alg_cdx(alg), "content", hex));
    p += strcspn(p, " ");
    p += strspn(p, " ");
  }
  if (json_array_size(a) == 0) {
    json_decref(a);
    a = NULL;
  }
  return a;
}

static void add_ref(json_t *refs, const char *type, const char *url) {
  if (url != NULL && pv_good_url(url))
    json_array_append_new(refs, json_pack("{s:s, s:s}", "type", type, "url", url));
}

/* ---- components ------------------------------------------------------------ */

typedef struct {
  const pv_inventory *inv;
  const char **refs;  /* bom-ref of each component: its purl, "#n" added when shared */
  const char **purls; /* purl of each component */
  int matched;        /* the components were matched against an OSV store */
  const pv_vex *vex;  /* statements whose analysis the vulnerabilities carry, or NULL */
} ctx;

static void add_prop(json_t *props, const char *name, const char *value) {
  json_array_append_new(props, json_pack("{s:s, s:s}", "name", name, "value", value));
}

/* A component not from the registry: where it is from (its spec text) and,
 * when a store was used, that it was not matched. */
static void origin_props(const ctx *x, const pv_component *c, json_t *props) {
  pv_origin o = pv_inv_origin(c);
  if (o == PV_ORIGIN_REGISTRY || (c->flags & PV_COMP_ROOT)) {
    return;
  }
  add_prop(props, "plugvet:source", c->version);
  if (x->matched && (o == PV_ORIGIN_GIT || o == PV_ORIGIN_URL)) {
    add_prop(props, "plugvet:vulnerabilities", "not matched: no registry version");
  }
}

static json_t *properties_json(const ctx *x, const pv_component *c) {
  json_t *props = json_array();
  for (size_t i = 0; i < c->seen.len; i++) {
    const pv_seen *s = PV_VEC_AT(c->seen, pv_seen, i);
    char buf[4200];
    snprintf(buf, sizeof buf, s->line ? "%s:%u" : "%s", s->path, s->line);
    json_array_append_new(
        props, json_pack("{s:s, s:s%}", "name", "plugvet:path", "value", buf, strlen(buf)));
  }
  if (c->alias)
    json_array_append_new(props,
                          json_pack("{s:s, s:s}", "name", "plugvet:alias", "value", c->alias));
  if (c->flags & PV_COMP_BUNDLED)
    json_array_append_new(props,
                          json_pack("{s:s, s:s}", "name", "plugvet:bundled", "value", "true"));
  if (c->flags & PV_COMP_INSTALL_SCRIPT)
    json_array_append_new(
        props, json_pack("{s:s, s:s}", "name", "plugvet:hasInstallScript", "value", "true"));
  origin_props(x, c, props);
  return props;
}

static json_t *component_json(const ctx *x, size_t i) {
  const pv_component *c = pv_inv_component(x->inv, i);
  const char *slash = c->name[0] == '@' ? strchr(c->name, '/') : NULL;
  json_t *o = json_object();
  json_object_set_new(o, "type",
                      json_string((c->flags & PV_COMP_ROOT) ? "application" : "library"));
  json_object_set_new(o, "bom-ref", json_string(x->refs[i]));
  if (slash)
    json_object_set_new(o, "group", json_stringn(c->name, (size_t)(slash - c->name)));
  json_object_set_new(o, "name", json_string(slash ? slash + 1 : c->name));
  /* not the spec text (a URL, a path) of a package from elsewhere */
  const char *version = pv_inv_origin(c) == PV_ORIGIN_REGISTRY ? c->version : c->declared;
  if (version != NULL && version[0] != '\0') {
    json_object_set_new(o, "version", json_string(version));
  }
  if (c->description && *c->description)
    json_object_set_new(o, "description", json_string(c->description));
  if (!(c->flags & PV_COMP_ROOT))
    json_object_set_new(o, "scope", json_string(pv_inv_scope_name(c->scope)));
  json_t *h = hashes_json(c->integrity);
  if (h)
    json_object_set_new(o, "hashes", h);
  json_t *l = licenses_json(c->license);
  if (l)
    json_object_set_new(o, "licenses", l);
  json_object_set_new(o, "purl", json_string(x->purls[i]));
  json_t *refs = json_array();
  add_ref(refs, "vcs", c->repository);
  add_ref(refs, "website", c->homepage);
  add_ref(refs, "distribution", c->resolved);
  if (json_array_size(refs))
    json_object_set_new(o, "externalReferences", refs);
  else
    json_decref(refs);
  json_object_set_new(o, "properties", properties_json(x, c));
  return o;
}

/* purls, and bom-refs: the purl, made unique with "#n" where two
 * components share one (the purl itself stays as the spec has it): the
 * first free of base, base#2, base#3... in component order. taken maps
 * every bom-ref given so far to the next n to try when it is a base, so
 * each component costs O(1) hash lookups however many share its purl. */
static int make_refs(ctx *x, pv_arena *a) {
  json_t *taken = json_object();
  int rc = taken == NULL ? -1 : 0;
  for (size_t i = 0; i < x->inv->components.len && rc == 0; i++) {
    const char *base = pv_inv_purl(a, pv_inv_component(x->inv, i));
    const char *p = base;
    json_t *next = base ? json_object_get(taken, base) : NULL;
    json_int_t dup = next ? json_integer_value(next) : 2;
    while (p != NULL && json_object_get(taken, p) != NULL)
      p = pv_arena_printf(a, "%s#%lld", base, (long long)dup++);
    x->purls[i] = base;
    x->refs[i] = p;
    if (p == NULL || (p != base && json_object_set_new_nocheck(taken, base, json_integer(dup))) ||
        json_object_set_new_nocheck(taken, p, json_integer(2)))
      rc = -1;
  }
  json_decref(taken);
  return rc;
}

/* Each component's dependsOn, every dependency once: mark[d] is the
 * component d was last listed for, plus one. */
static json_t *dependencies_json(const ctx *x) {
  size_t n = x->inv->components.len;
  size_t *mark = calloc(n + 1, sizeof *mark);
  json_t *deps = mark ? json_array() : NULL;
  for (size_t i = 0; deps != NULL && i < n; i++) {
    const pv_component *c = pv_inv_component(x->inv, i);
    json_t *on = json_array();
    for (size_t k = 0; k < c->deps.len; k++) {
      size_t d = *PV_VEC_AT(c->deps, size_t, k);
      if (d < n && d != i && mark[d] != i + 1)
        json_array_append_new(on, json_string(x->refs[d]));
      if (d < n)
        mark[d] = i + 1;
    }
    json_array_append_new(deps, json_pack("{s:s, s:o}", "ref", x->refs[i], "dependsOn", on));
  }
  free(mark);
  return deps;
}

/* ---- vulnerabilities -------------------------------------------------------- */

static const char *rating_method(const char *vector) {
  if (vector == NULL)
    return "other";
  if (strncmp(vector, "CVSS:3.1/", 9) == 0)
    return "CVSSv31";
  if (strncmp(vector, "CVSS:3.0/", 9) == 0)
    return "CVSSv3";
  if (strncmp(vector, "CVSS:4.0/", 9) == 0)
    return "CVSSv4";
  return "other";
}

/* An entry's id, source, ratings, CWEs and description. */
static json_t *vulnerability_head(const pv_advisory *a) {
  json_t *o = json_pack("{s:s, s:{s:s}}", "id", a->id, "source", "name", "OSV");
  if (a->source_url && pv_good_url(a->source_url))
    json_object_set_new(json_object_get(o, "source"), "url", json_string(a->source_url));
  json_t *rating = json_pack("{s:s}", "severity", pv_severity_name(a->severity));
  if (a->cvss_score >= 0 && a->cvss_vector) {
    json_object_set_new(rating, "score", json_real(a->cvss_score));
    json_object_set_new(rating, "method", json_string(rating_method(a->cvss_vector)));
    json_object_set_new(rating, "vector", json_string(a->cvss_vector));
  }
  json_object_set_new(o, "ratings", json_pack("[o]", rating));
  json_t *cwes = json_array();
  for (const char *const *c = a->cwes; c && *c; c++)
    if (strncasecmp(*c, "CWE-", 4) == 0 && strtol(*c + 4, NULL, 10) > 0)
      json_array_append_new(cwes, json_integer(strtol(*c + 4, NULL, 10)));
  if (json_array_size(cwes))
    json_object_set_new(o, "cwes", cwes);
  else
    json_decref(cwes);
  const char *desc = a->summary ? a->summary : a->details;
  if (desc)
    json_object_set_new(o, "description", json_string(desc));
  return o;
}

/* One vulnerabilities[] entry being filled. */
typedef struct {
  const pv_advisory *a;
  json_t *o, *affects;
  pv_buf rec; /* the affected components' remedies */
} entry;

static json_t *analysis_json(const pv_vex_analysis *an) {
  json_t *o = json_pack("{s:s}", "state", an->state);
  if (an->justification)
    json_object_set_new(o, "justification", json_string(an->justification));
  json_t *rs = an->response ? json_array() : NULL;
  for (const char *const *r = an->response; r && *r; r++)
    json_array_append_new(rs, json_string(*r));
  if (rs != NULL)
    json_object_set_new(o, "response", rs);
  if (an->detail)
    json_object_set_new(o, "detail", pv_json_str(an->detail));
  return o;
}

/* The key of an entry: each field length first, so no two run together. */
static void key_field(pv_buf *b, const char *s) {
  pv_buf_catf(b, "%zu:%s", strlen(s ? s : ""), s ? s : "");
}

static const char *entry_key(pv_arena *ar, const pv_vuln *u, const pv_vex_analysis *an) {
  pv_buf b;
  pv_buf_init(&b, 256 * 1024);
  key_field(&b, u->adv->id);
  if (an != NULL) {
    key_field(&b, an->state);
    key_field(&b, an->justification);
    key_field(&b, an->detail);
    for (const char *const *r = an->response; r && *r; r++)
      key_field(&b, *r);
  }
  const char *key =
      pv_buf_status(&b) == PV_OK ? pv_arena_strndup(ar, (const char *)b.data, b.len) : NULL;
  pv_buf_free(&b);
  return key;
}

/* The entry of vulnerability u: found by its advisory id and VEX analysis,
 * or appended to es. -1 on out-of-memory. */
static int entry_of(const ctx *x, pv_arena *ar, json_t *index, pv_vec *es, const pv_vuln *u,
                    size_t *at) {
  pv_vex_analysis an;
  int has = pv_vex_analysis_of(x->vex, x->inv, u, ar, &an);
  const char *key = has < 0 ? NULL : entry_key(ar, u, has == 1 ? &an : NULL);
  json_t *known = key ? json_object_get(index, key) : NULL;
  if (known != NULL) {
    *at = (size_t)json_integer_value(known);
    return 0;
  }
  entry e = {.a = u->adv, .o = vulnerability_head(u->adv), .affects = json_array()};
  pv_buf_init(&e.rec, 64 * 1024);
  if (has == 1)
    json_object_set_new(e.o, "analysis", analysis_json(&an));
  *at = es->len;
  if (has < 0 || key == NULL ||
      json_object_set_new_nocheck(index, key, json_integer((json_int_t)*at)) != 0 ||
      pv_vec_push(es, &e) == NULL) {
    json_decref(e.o);
    json_decref(e.affects);
    return -1;
  }
  return 0;
}

static void entry_finish(entry *e, json_t *arr) {
  json_object_set_new(e->o, "affects", e->affects);
  if (e->a->malicious)
    json_object_set_new(e->o, "recommendation", json_string("Remove it."));
  else if (e->rec.len && pv_buf_status(&e->rec) == PV_OK)
    json_object_set_new(e->o, "recommendation", pv_json_str((const char *)e->rec.data));
  pv_buf_free(&e->rec);
  json_array_append_new(arr, e->o);
}

/* One entry per advisory id (and, with --vex, per analysis of it), in the
 * order first found, affecting every component it was found in. NULL on
 * out-of-memory. */
static json_t *vulnerabilities_json(const ctx *x, pv_arena *ar, const pv_vulns *v) {
  pv_vec es = {.elem = sizeof(entry)};
  json_t *index = json_object(), *arr = json_array();
  int rc = index && arr ? 0 : -1;
  for (size_t i = 0; i < v->vulns.len && rc == 0; i++) {
    const pv_vuln *u = PV_VEC_AT(v->vulns, pv_vuln, i);
    size_t at = 0;
    rc = entry_of(x, ar, index, &es, u, &at);
    if (rc != 0)
      break;
    entry *e = PV_VEC_AT(es, entry, at);
    const pv_component *c = pv_inv_component(x->inv, u->component);
    json_array_append_new(e->affects, json_pack("{s:s}", "ref", x->refs[u->component]));
    if (u->remedy != NULL && !u->adv->malicious)
      pv_buf_catf(&e->rec, "%s%s@%s: %s", e->rec.len ? " / " : "", c->name, c->version,
                  u->remedy->text);
  }
  for (size_t i = 0; i < es.len; i++)
    entry_finish(PV_VEC_AT(es, entry, i), arr);
  pv_vec_free(&es);
  json_decref(index);
  if (rc != 0) {
    json_decref(arr);
    return NULL;
  }
  return arr;
}

/* ---- the document ---------------------------------------------------------- */

static json_t *metadata_json(const ctx *x, const pv_cdx_options *opt) {
  time_t t = opt->epoch >= 0 ? (time_t)opt->epoch : time(NULL);
  struct tm tm;
  char ts[32];
  gmtime_r(&t, &tm);
  strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  json_t *m = json_pack("{s:s, s:{s:[{s:s, s:s, s:s}]}}", "timestamp", ts, "tools", "components",
                        "type", "application", "name", "plugvet", "version", opt->tool_version);
  if (x->inv->has_root)
    json_object_set_new(m, "component", component_json(x, 0));
  return m;
}

/* urn:uuid from the sha256 of the document, shaped as a version-5 UUID. */
static void serial_of(json_t *doc, char out[46]) {
  char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
  char hex[65];
  pv_sha256_hex(text ? text : "", text ? strlen(text) : 0, hex);
  free(text);
  hex[12] = '5';
  hex[16] = "89ab"[hex[16] % 4];
  snprintf(out, 46, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
           hex + 20);
}

pv_status pv_cyclonedx_write(FILE *out, const pv_inventory *inv, const pv_vulns *vulns,
                             const pv_cdx_options *opt, pv_error *err) {
  pv_arena *a = pv_arena_new(0);
  ctx x = {.inv = inv, .matched = vulns != NULL, .vex = opt->vex};
  size_t n = inv->components.len;
  if (a != NULL) {
    x.refs = pv_arena_alloc(a, (n + 1) * sizeof *x.refs);
    x.purls = pv_arena_alloc(a, (n + 1) * sizeof *x.purls);
  }
  if (x.refs == NULL || x.purls == NULL || make_refs(&x, a) != 0) {
    pv_arena_delete(a);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  json_t *doc = json_pack("{s:s, s:s, s:s, s:i}", "bomFormat", "CycloneDX", "specVersion",
                          opt->spec_minor == 5 ? "1.5" : "1.6", "serialNumber", "", "version", 1);
  json_object_set_new(doc, "metadata", metadata_json(&x, opt));
  json_t *comps = json_array();
  for (size_t i = inv->has_root ? 1 : 0; i < n; i++)
    json_array_append_new(comps, component_json(&x, i));
  json_object_set_new(doc, "components", comps);
  json_object_set_new(doc, "dependencies", dependencies_json(&x));
  json_t *vs = vulns != NULL ? vulnerabilities_json(&x, a, vulns) : NULL;
  if (vulns != NULL && vs == NULL) {
    json_decref(doc);
    pv_arena_delete(a);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  if (vs != NULL)
    json_object_set_new(doc, "vulnerabilities", vs);
  char serial[46];
  serial_of(doc, serial);
  json_object_set_new(doc, "serialNumber", json_string(serial));
  int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(doc);
  pv_arena_delete(a);
  if (rc != 0 || fputc('\n', out) == EOF)
    return pv_error_set(err, PV_FAILED, "write error");
  return PV_OK;
}
