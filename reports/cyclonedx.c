/* cyclonedx.c — see cyclonedx.h. */
#include "cyclonedx.h"

#include <jansson.h>
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
 * components share one (the purl itself stays as the spec has it). */
static int make_refs(ctx *x, pv_arena *a) {
  for (size_t i = 0; i < x->inv->components.len; i++) {
    const char *base = pv_inv_purl(a, pv_inv_component(x->inv, i));
    const char *p = base;
    x->purls[i] = base;
    for (size_t dup = 2; p != NULL; dup++) {
      int taken = 0;
      for (size_t k = 0; k < i && !taken; k++)
        taken = strcmp(x->refs[k], p) == 0;
      if (!taken)
        break;
      p = pv_arena_printf(a, "%s#%zu", base, dup);
    }
    if ((x->refs[i] = p) == NULL)
      return -1;
  }
  return 0;
}

static json_t *dependencies_json(const ctx *x) {
  json_t *deps = json_array();
  for (size_t i = 0; i < x->inv->components.len; i++) {
    const pv_component *c = pv_inv_component(x->inv, i);
    json_t *on = json_array();
    for (size_t k = 0; k < c->deps.len; k++) {
      size_t d = *PV_VEC_AT(c->deps, size_t, k);
      int seen = 0;
      for (size_t j = 0; j < k; j++)
        seen |= *PV_VEC_AT(c->deps, size_t, j) == d;
      if (d < x->inv->components.len && d != i && !seen)
        json_array_append_new(on, json_string(x->refs[d]));
    }
    json_array_append_new(deps, json_pack("{s:s, s:o}", "ref", x->refs[i], "dependsOn", on));
  }
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

static json_t *vulnerability_json(const ctx *x, const pv_vulns *v, size_t first) {
  const pv_advisory *a = PV_VEC_AT(v->vulns, pv_vuln, first)->adv;
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
  json_t *affects = json_array();
  pv_buf rec;
  pv_buf_init(&rec, 64 * 1024);
  for (size_t i = first; i < v->vulns.len; i++) {
    const pv_vuln *u = PV_VEC_AT(v->vulns, pv_vuln, i);
    if (strcmp(u->adv->id, a->id) != 0)
      continue;
    json_array_append_new(affects, json_pack("{s:s}", "ref", x->refs[u->component]));
    const pv_component *c = pv_inv_component(x->inv, u->component);
    if (u->remedy != NULL && !a->malicious)
      pv_buf_catf(&rec, "%s%s@%s: %s", rec.len ? " / " : "", c->name, c->version, u->remedy->text);
  }
  json_object_set_new(o, "affects", affects);
  if (a->malicious)
    json_object_set_new(o, "recommendation", json_string("Remove it."));
  else if (rec.len && pv_buf_status(&rec) == PV_OK)
    json_object_set_new(o, "recommendation", pv_json_str((const char *)rec.data));
  pv_buf_free(&rec);
  return o;
}

/* One entry per advisory id, affecting every component it was found in. */
static json_t *vulnerabilities_json(const ctx *x, const pv_vulns *v) {
  json_t *arr = json_array();
  for (size_t i = 0; i < v->vulns.len; i++) {
    const char *id = PV_VEC_AT(v->vulns, pv_vuln, i)->adv->id;
    int earlier = 0;
    for (size_t k = 0; k < i && !earlier; k++)
      earlier = strcmp(PV_VEC_AT(v->vulns, pv_vuln, k)->adv->id, id) == 0;
    if (!earlier)
      json_array_append_new(arr, vulnerability_json(x, v, i));
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
  ctx x = {.inv = inv, .matched = vulns != NULL};
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
  if (vulns != NULL)
    json_object_set_new(doc, "vulnerabilities", vulnerabilities_json(&x, vulns));
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
