/* vex.c — see vex.h. Statements are kept in file order; a sorted key table
 * (vulnerability id or alias -> statement) finds the ones naming an
 * advisory group. */
#include "vex.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define NO_STMT ((size_t)-1)

typedef enum { ST_NOT_AFFECTED, ST_FIXED, ST_AFFECTED, ST_UNDER_INVESTIGATION } vex_status;

static const char *const status_names[] = {"not_affected", "fixed", "affected",
                                           "under_investigation"};

typedef struct {
  vex_status status;
  const char *vuln;          /* the statement's vulnerability name */
  const char *justification; /* or NULL */
  const char *impact;        /* impact_statement / detail, or NULL */
  const char *file;          /* where it was read */
  const char *cdx_state;     /* CycloneDX VEX: analysis.state as written; OpenVEX: NULL */
  const char **response;     /* CycloneDX VEX: analysis.response (NULL-terminated), or NULL */
  const char *action;        /* OpenVEX action_statement, or NULL */
  size_t first_prod, nprod;  /* into pv_vex.prods */
  size_t first_alias, nalias;
} stmt;

typedef struct {
  const char *name, *version; /* npm products only; version NULL: every version */
} prod;

typedef struct {
  const char *id;
  size_t stmt;
} key;

struct pv_vex {
  pv_arena *a;
  pv_vec stmts;   /* stmt */
  pv_vec prods;   /* prod */
  pv_vec aliases; /* const char * */
  pv_vec keys;    /* key, sorted by id (case-insensitive), then statement */
};

/* ---- reading ---- */

typedef struct {
  pv_vex *v;
  const char *path;
  const pv_limits *lim;
  pv_error *err;
  json_t *refs; /* CycloneDX: bom-ref -> purl of the VEX's own components */
} reader;

static const char *const openvex_justifications[] = {
    "component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"};
static const char *const cdx_justifications[] = {
    "code_not_present",     "code_not_reachable",     "requires_configuration",
    "requires_dependency",  "requires_environment",   "protected_by_compiler",
    "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control"};
static const char *const cdx_responses[] = {"can_not_fix", "will_not_fix", "update", "rollback",
                                            "workaround_available"};

static int in_list(const char *s, const char *const *list, size_t n) {
  for (size_t i = 0; s != NULL && i < n; i++)
    if (strcmp(s, list[i]) == 0)
      return 1;
  return 0;
}

static pv_status bad(reader *rd, size_t i, const char *what, const char *arg) {
  return pv_error_set(rd->err, PV_FAILED, "%s: statement %zu: %s%s%.200s%s", rd->path, i + 1, what,
                      arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
}

static pv_status oom(reader *rd) {
  return pv_error_set(rd->err, PV_FATAL, "%s: out of memory", rd->path);
}

static const char *copy(reader *rd, const char *s) {
  return s ? pv_arena_strdup(rd->v->a, s) : NULL;
}

/* One product purl of statement i: npm ones are kept; other purls and
 * other IRIs never match a dependency. */
static pv_status add_product(reader *rd, size_t i, const char *id) {
  if (id == NULL || strncasecmp(id, "pkg:", 4) != 0)
    return PV_OK;
  pv_purl p;
  const char *why = NULL;
  if (pv_purl_parse(rd->v->a, id, &p, &why) != 0)
    return why && strcmp(why, "out of memory") == 0 ? oom(rd) : bad(rd, i, why, id);
  if (strcmp(p.type, "npm") != 0)
    return PV_OK;
  prod pr = {.name = p.name, .version = p.version};
  return pv_vec_push(&rd->v->prods, &pr) ? PV_OK : oom(rd);
}

static pv_status add_alias(reader *rd, const char *id) {
  const char *c = copy(rd, id);
  return c && pv_vec_push(&rd->v->aliases, &c) ? PV_OK : oom(rd);
}

/* Append statement s (its products and aliases already appended from
 * first_prod / first_alias on); checks the count and the justification. */
static pv_status add_stmt(reader *rd, size_t i, stmt *s) {
  pv_vex *v = rd->v;
  s->nprod = v->prods.len - s->first_prod;
  s->nalias = v->aliases.len - s->first_alias;
  s->file = copy(rd, rd->path);
  if (v->stmts.len >= rd->lim->vex_statements)
    return pv_error_set(rd->err, PV_FAILED, "%s: more than %u VEX statements", rd->path,
                        (unsigned)rd->lim->vex_statements);
  if (s->status == ST_NOT_AFFECTED && s->justification == NULL && s->impact == NULL)
    return bad(rd, i, "not_affected with neither a justification nor an impact statement", NULL);
  return s->file && pv_vec_push(&v->stmts, s) ? PV_OK : oom(rd);
}

/* An OpenVEX product (a string, or an object with @id or identifiers.purl)
 * and its subcomponents. */
static pv_status openvex_product(reader *rd, size_t i, json_t *p) {
  if (json_is_string(p))
    return add_product(rd, i, json_string_value(p));
  if (!json_is_object(p))
    return bad(rd, i, "a product is neither a string nor an object", NULL);
  pv_status rc = add_product(rd, i, json_string_value(json_object_get(p, "@id")));
  json_t *ids = json_object_get(p, "identifiers");
  if (rc == PV_OK)
    rc = add_product(rd, i, json_string_value(json_object_get(ids, "purl")));
  size_t k;
  json_t *sub;
  json_array_foreach(json_object_get(p, "subcomponents"), k, sub) {
    if (rc == PV_OK)
      rc = openvex_product(rd, i, sub);
  }
  return rc;
}

static pv_status openvex_vuln(reader *rd, size_t i, json_t *vu, stmt *s) {
  if (json_is_string(vu)) {
    s->vuln = copy(rd, json_string_value(vu));
    return s->vuln ? PV_OK : oom(rd);
  }
  const char *name = json_string_value(json_object_get(vu, "name"));
  if (name == NULL)
    name = json_string_value(json_object_get(vu, "@id"));
  if (name == NULL)
    return bad(rd, i, "no vulnerability name", NULL);
  if ((s->vuln = copy(rd, name)) == NULL)
    return oom(rd);
  size_t k;
  json_t *al;
  pv_status rc = PV_OK;
  json_array_foreach(json_object_get(vu, "aliases"), k, al) {
    if (rc == PV_OK && json_is_string(al))
      rc = add_alias(rd, json_string_value(al));
  }
  return rc;
}

static pv_status openvex_statement(reader *rd, size_t i, json_t *st) {
  pv_vex *v = rd->v;
  stmt s = {.first_prod = v->prods.len, .first_alias = v->aliases.len};
  const char *status = json_string_value(json_object_get(st, "status"));
  const char *just = json_string_value(json_object_get(st, "justification"));
  json_t *products = json_object_get(st, "products");
  size_t k;
  if (!json_is_object(st))
    return bad(rd, i, "not an object", NULL);
  if (status == NULL || !in_list(status, status_names, 4))
    return bad(rd, i, "unknown status", status ? status : "(none)");
  s.status = (vex_status)0;
  while (strcmp(status_names[s.status], status) != 0)
    s.status++;
  if (just != NULL && !in_list(just, openvex_justifications, 5))
    return bad(rd, i, "unknown justification", just);
  s.justification = copy(rd, just);
  s.impact = copy(rd, json_string_value(json_object_get(st, "impact_statement")));
  s.action = copy(rd, json_string_value(json_object_get(st, "action_statement")));
  if (!json_is_array(products) || json_array_size(products) == 0)
    return bad(rd, i, "no products", NULL);
  pv_status rc = openvex_vuln(rd, i, json_object_get(st, "vulnerability"), &s);
  json_t *p;
  json_array_foreach(products, k, p) {
    if (rc == PV_OK)
      rc = openvex_product(rd, i, p);
  }
  return rc == PV_OK ? add_stmt(rd, i, &s) : rc;
}

static pv_status read_openvex(reader *rd, json_t *doc) {
  json_t *sts = json_object_get(doc, "statements"), *st;
  size_t i;
  pv_status rc = PV_OK;
  if (!json_is_array(sts))
    return pv_error_set(rd->err, PV_FAILED, "%s: no \"statements\" array", rd->path);
  json_array_foreach(sts, i, st) {
    if (rc == PV_OK)
      rc = openvex_statement(rd, i, st);
  }
  return rc;
}

/* Map every bom-ref of the VEX's components (nested ones too) to its purl. */
static void map_refs(json_t *map, json_t *comps, int depth) {
  size_t i;
  json_t *c;
  json_array_foreach(comps, i, c) {
    const char *br = json_string_value(json_object_get(c, "bom-ref"));
    json_t *purl = json_object_get(c, "purl");
    if (br != NULL && json_is_string(purl))
      json_object_set(map, br, purl);
    if (depth < 32)
      map_refs(map, json_object_get(c, "components"), depth + 1);
  }
}

/* The purl a CycloneDX affects[].ref stands for: a component of the VEX
 * with that bom-ref (also after a "urn:cdx:...#" BOM-Link prefix), else the
 * ref itself when it is a purl (a "#n" bom-ref suffix dropped); NULL when
 * it names nothing. */
static const char *cdx_ref_purl(reader *rd, const char *ref) {
  const char *hash = strncmp(ref, "urn:cdx:", 8) == 0 ? strchr(ref, '#') : NULL;
  const char *want = hash ? hash + 1 : ref;
  const char *purl = json_string_value(json_object_get(rd->refs, want));
  if (purl != NULL)
    return purl;
  if (strncmp(want, "pkg:", 4) != 0)
    return NULL;
  const char *h = strrchr(want, '#');
  if (h && h[1] && strspn(h + 1, "0123456789") == strlen(h + 1))
    return pv_arena_strndup(rd->v->a, want, (size_t)(h - want));
  return want;
}

static pv_status cdx_state(reader *rd, size_t i, const char *state, vex_status *out) {
  static const struct {
    const char *name;
    vex_status st;
  } states[] = {{"not_affected", ST_NOT_AFFECTED},
                {"false_positive", ST_NOT_AFFECTED},
                {"resolved", ST_FIXED},
                {"resolved_with_pedigree", ST_FIXED},
                {"exploitable", ST_AFFECTED},
                {"in_triage", ST_UNDER_INVESTIGATION}};
  for (size_t k = 0; state && k < sizeof states / sizeof *states; k++)
    if (strcmp(state, states[k].name) == 0) {
      *out = states[k].st;
      return PV_OK;
    }
  return bad(rd, i, "unknown analysis state", state ? state : "(none)");
}

/* analysis.response: an array of CycloneDX's five responses, or absent. */
static pv_status cdx_response(reader *rd, size_t i, json_t *an, stmt *s) {
  json_t *rs = json_object_get(an, "response"), *x;
  size_t k;
  if (rs == NULL)
    return PV_OK;
  if (!json_is_array(rs))
    return bad(rd, i, "analysis.response is not an array", NULL);
  s->response = pv_arena_alloc(rd->v->a, (json_array_size(rs) + 1) * sizeof *s->response);
  if (s->response == NULL)
    return oom(rd);
  json_array_foreach(rs, k, x) {
    const char *r = json_string_value(x);
    if (!in_list(r, cdx_responses, 5))
      return bad(rd, i, "unknown response", r ? r : "(not a string)");
    s->response[k] = copy(rd, r);
    if (s->response[k] == NULL)
      return oom(rd);
  }
  s->response[json_array_size(rs)] = NULL;
  return PV_OK;
}

static pv_status cdx_vulnerability(reader *rd, size_t i, json_t *vu) {
  pv_vex *v = rd->v;
  stmt s = {.first_prod = v->prods.len, .first_alias = v->aliases.len};
  json_t *an = json_object_get(vu, "analysis"), *affects = json_object_get(vu, "affects"), *x;
  const char *id = json_string_value(json_object_get(vu, "id"));
  const char *just = json_string_value(json_object_get(an, "justification"));
  size_t k;
  if (an == NULL)
    return PV_OK; /* no analysis: says nothing about being affected */
  if (id == NULL)
    return bad(rd, i, "no vulnerability id", NULL);
  pv_status rc = cdx_state(rd, i, json_string_value(json_object_get(an, "state")), &s.status);
  if (rc == PV_OK && just != NULL && !in_list(just, cdx_justifications, 9))
    rc = bad(rd, i, "unknown justification", just);
  if (rc == PV_OK && (!json_is_array(affects) || json_array_size(affects) == 0))
    rc = bad(rd, i, "no affects", NULL);
  if (rc == PV_OK)
    rc = cdx_response(rd, i, an, &s);
  s.vuln = copy(rd, id);
  s.cdx_state = copy(rd, json_string_value(json_object_get(an, "state")));
  s.justification = copy(rd, just);
  s.impact = copy(rd, json_string_value(json_object_get(an, "detail")));
  json_array_foreach(json_object_get(vu, "references"), k, x) {
    const char *alias = json_string_value(json_object_get(x, "id"));
    if (rc == PV_OK && alias != NULL)
      rc = add_alias(rd, alias);
  }
  json_array_foreach(affects, k, x) {
    const char *ref = json_string_value(json_object_get(x, "ref"));
    if (rc == PV_OK && ref == NULL)
      rc = bad(rd, i, "an affects entry without ref", NULL);
    if (rc == PV_OK)
      rc = add_product(rd, i, cdx_ref_purl(rd, ref));
  }
  return rc == PV_OK ? add_stmt(rd, i, &s) : rc;
}

static pv_status read_cdx(reader *rd, json_t *doc) {
  json_t *vs = json_object_get(doc, "vulnerabilities"), *vu;
  size_t i;
  pv_status rc = PV_OK;
  if (!json_is_array(vs))
    return pv_error_set(rd->err, PV_FAILED, "%s: a CycloneDX BOM without \"vulnerabilities\"",
                        rd->path);
  if ((rd->refs = json_object()) == NULL)
    return oom(rd);
  map_refs(rd->refs, json_object_get(doc, "components"), 0);
  json_array_foreach(vs, i, vu) {
    if (rc == PV_OK)
      rc = json_is_object(vu) ? cdx_vulnerability(rd, i, vu) : bad(rd, i, "not an object", NULL);
  }
  json_decref(rd->refs);
  return rc;
}

static int cmp_key(const void *x, const void *y) {
  const key *a = x, *b = y;
  int c = strcasecmp(a->id, b->id);
  return c != 0 ? c : (a->stmt > b->stmt) - (a->stmt < b->stmt);
}

/* Rebuild the key table from every statement's name and aliases. */
static pv_status index_keys(pv_vex *v) {
  v->keys.len = 0;
  for (size_t i = 0; i < v->stmts.len; i++) {
    const stmt *s = PV_VEC_AT(v->stmts, stmt, i);
    key k = {s->vuln, i};
    if (pv_vec_push(&v->keys, &k) == NULL)
      return PV_FATAL;
    for (size_t j = 0; j < s->nalias; j++) {
      k.id = *PV_VEC_AT(v->aliases, const char *, s->first_alias + j);
      if (pv_vec_push(&v->keys, &k) == NULL)
        return PV_FATAL;
    }
  }
  if (v->keys.len)
    qsort(v->keys.items, v->keys.len, sizeof(key), cmp_key);
  return PV_OK;
}

static pv_vex *vex_new(void) {
  pv_vex *v = calloc(1, sizeof *v);
  if (v == NULL || (v->a = pv_arena_new(0)) == NULL) {
    free(v);
    return NULL;
  }
  v->stmts.elem = sizeof(stmt);
  v->prods.elem = sizeof(prod);
  v->aliases.elem = sizeof(const char *);
  v->keys.elem = sizeof(key);
  return v;
}

pv_status pv_vex_load(pv_vex **vp, const char *path, const pv_limits *lim, pv_error *err) {
  if (*vp == NULL && (*vp = vex_new()) == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  unsigned char *text = NULL;
  size_t n = 0;
  pv_status rc = pv_read_file(path, lim->vex_bytes, &text, &n, err);
  if (rc != PV_OK)
    return rc;
  json_error_t je;
  json_t *doc = json_loadb((const char *)text, n, JSON_REJECT_DUPLICATES, &je);
  free(text);
  reader rd = {.v = *vp, .path = path, .lim = lim, .err = err};
  const char *bf = json_string_value(json_object_get(doc, "bomFormat"));
  if (doc == NULL)
    rc = pv_error_set(err, PV_FAILED, "%s:%d: not JSON: %s", path, je.line, je.text);
  else if (!json_is_object(doc))
    rc = pv_error_set(err, PV_FAILED, "%s: not a JSON object", path);
  else if (bf != NULL && strcmp(bf, "CycloneDX") == 0)
    rc = read_cdx(&rd, doc);
  else if (json_object_get(doc, "statements") != NULL || json_object_get(doc, "@context") != NULL)
    rc = read_openvex(&rd, doc);
  else
    rc = pv_error_set(err, PV_FAILED, "%s: neither OpenVEX (statements) nor CycloneDX VEX", path);
  json_decref(doc);
  if (rc == PV_OK && index_keys(*vp) != PV_OK)
    rc = pv_error_set(err, PV_FATAL, "out of memory");
  return rc;
}

void pv_vex_free(pv_vex *v) {
  if (v == NULL)
    return;
  pv_vec_free(&v->stmts);
  pv_vec_free(&v->prods);
  pv_vec_free(&v->aliases);
  pv_vec_free(&v->keys);
  pv_arena_delete(v->a);
  free(v);
}

/* ---- applying ---- */

static int covers(const pv_vex *v, const stmt *s, const pv_component *c) {
  for (size_t i = 0; i < s->nprod; i++) {
    const prod *p = PV_VEC_AT(v->prods, prod, s->first_prod + i);
    if (strcmp(p->name, c->name) == 0 &&
        (p->version == NULL || strcmp(p->version, c->version) == 0))
      return 1;
  }
  return 0;
}

/* The last statement naming id that covers c, above *best (NO_STMT: none). */
static void best_for(const pv_vex *v, const char *id, const pv_component *c, size_t *best) {
  key want = {id, 0};
  const key *ks = v->keys.items;
  size_t lo = 0, hi = v->keys.len;
  while (lo < hi) { /* the first key >= (id, 0) */
    size_t mid = lo + (hi - lo) / 2;
    if (cmp_key(&ks[mid], &want) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (size_t i = lo; i < v->keys.len && strcasecmp(ks[i].id, id) == 0; i++)
    if ((*best == NO_STMT || ks[i].stmt > *best) &&
        covers(v, PV_VEC_AT(v->stmts, stmt, ks[i].stmt), c))
      *best = ks[i].stmt;
}

static const char *suppression_text(pv_arena *a, const stmt *s) {
  const char *j = s->justification;
  return pv_arena_printf(a, "VEX %s: %s%s%s%s%s%.500s", s->file, status_names[s->status],
                         j ? " (" : "", j ? j : "", j ? ")" : "", s->impact ? ": " : "",
                         s->impact ? s->impact : "");
}

/* Suppress the dep.vulnerable findings of advisory a on component c. */
static size_t suppress(pv_result *r, const pv_component *c, const pv_advisory *a, const char *why) {
  size_t n = 0, nl = strlen(c->name), vl = strlen(c->version);
  for (size_t i = 0; i < r->findings.len; i++) {
    pv_finding *f = pv_result_finding(r, i);
    const char *m = f->message ? f->message : "";
    if (strcmp(f->rule->id, "dep.vulnerable") != 0 || f->advisory == NULL ||
        strcmp(f->advisory, a->id) != 0 || strncmp(m, c->name, nl) != 0 || m[nl] != '@' ||
        strncmp(m + nl + 1, c->version, vl) != 0 || m[nl + 1 + vl] != ' ')
      continue;
    f->suppressed = 1;
    f->suppression = why;
    n++;
  }
  return n;
}

/* The statement deciding about u (the last read that covers it), or NULL. */
static const stmt *statement_for(const pv_vex *v, const pv_inventory *inv, const pv_vuln *u) {
  const pv_component *c = pv_inv_component(inv, u->component);
  size_t best = NO_STMT;
  best_for(v, u->adv->id, c, &best);
  for (const char *const *al = u->adv->aliases; al && *al; al++)
    best_for(v, *al, c, &best);
  return best == NO_STMT ? NULL : PV_VEC_AT(v->stmts, stmt, best);
}

pv_status pv_vex_apply(const pv_vex *v, const pv_inventory *inv, const pv_vulns *vulns,
                       pv_vec *hits, size_t *count) {
  *count = 0;
  for (size_t i = 0; v != NULL && vulns != NULL && i < vulns->vulns.len; i++) {
    const pv_vuln *u = PV_VEC_AT(vulns->vulns, pv_vuln, i);
    const stmt *s = statement_for(v, inv, u);
    if (s == NULL || (s->status != ST_NOT_AFFECTED && s->status != ST_FIXED) || u->adv->malicious)
      continue;
    const char *why = suppression_text(inv->r->arena, s);
    pv_vex_hit h = {i, (size_t)(s - (const stmt *)v->stmts.items)};
    if (why == NULL || (hits != NULL && pv_vec_push(hits, &h) == NULL))
      return PV_FATAL;
    *count += suppress(inv->r, pv_inv_component(inv, u->component), u->adv, why);
  }
  return PV_OK;
}

/* ---- the CycloneDX analysis ---- */

/* OpenVEX's justifications in CycloneDX's words, in the order of
 * openvex_justifications. */
static const char *const cdx_of_openvex[] = {"code_not_present", "code_not_present",
                                             "code_not_reachable", "requires_environment",
                                             "protected_by_mitigating_control"};
/* OpenVEX's statuses as CycloneDX analysis states, in the order of status_names. */
static const char *const cdx_states[] = {"not_affected", "resolved", "exploitable", "in_triage"};

int pv_vex_analysis_of(const pv_vex *v, const pv_inventory *inv, const pv_vuln *u, pv_arena *a,
                       pv_vex_analysis *out) {
  const stmt *s = v != NULL && !u->adv->malicious ? statement_for(v, inv, u) : NULL;
  if (s == NULL)
    return 0;
  memset(out, 0, sizeof *out);
  out->detail = s->impact;
  out->response = s->response;
  if (s->cdx_state != NULL) {
    out->state = s->cdx_state;
    out->justification = s->justification;
    return 1;
  }
  out->state = cdx_states[s->status];
  for (size_t k = 0; s->justification != NULL && k < 5; k++)
    if (strcmp(s->justification, openvex_justifications[k]) == 0)
      out->justification = cdx_of_openvex[k];
  if (s->justification == NULL && s->action == NULL)
    return 1;
  pv_buf b; /* the mapping loses OpenVEX's own words: keep them in the detail */
  pv_buf_init(&b, 64 * 1024);
  if (s->impact)
    pv_buf_catf(&b, "%s", s->impact);
  if (s->justification)
    pv_buf_catf(&b, "%sOpenVEX justification: %s", b.len ? "; " : "", s->justification);
  if (s->action)
    pv_buf_catf(&b, "%saction: %s", b.len ? "; " : "", s->action);
  if (pv_buf_status(&b) == PV_OK)
    out->detail = pv_arena_strndup(a, (const char *)b.data, b.len);
  pv_buf_free(&b);
  return out->detail != NULL ? 1 : -1;
}

/* ---- writing OpenVEX ---- */

static json_t *statement_json(const pv_vex *v, const pv_inventory *inv, const pv_vulns *vulns,
                              const pv_vex_hit *h, pv_arena *a) {
  const pv_vuln *u = PV_VEC_AT(vulns->vulns, pv_vuln, h->vuln);
  const stmt *s = PV_VEC_AT(v->stmts, stmt, h->stmt);
  json_t *al = json_array();
  for (const char *const *p = u->adv->aliases; p && *p; p++)
    json_array_append_new(al, json_string(*p));
  json_t *vu = json_pack("{s:s}", "name", u->adv->id);
  if (json_array_size(al))
    json_object_set_new(vu, "aliases", al);
  else
    json_decref(al);
  const char *purl = pv_inv_purl(a, pv_inv_component(inv, u->component));
  json_t *o = json_pack("{s:o, s:[{s:s}], s:s}", "vulnerability", vu, "products", "@id",
                        purl ? purl : "", "status", status_names[s->status]);
  if (s->justification)
    json_object_set_new(o, "justification", json_string(s->justification));
  if (s->impact)
    json_object_set_new(o, "impact_statement", json_string(s->impact));
  return o;
}

pv_status pv_vex_write(FILE *out, const pv_vex *v, const pv_inventory *inv, const pv_vulns *vulns,
                       const pv_vec *hits, long long epoch, const char *tool_version,
                       pv_error *err) {
  pv_arena *a = pv_arena_new(0);
  if (a == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  time_t t = epoch >= 0 ? (time_t)epoch : time(NULL);
  struct tm tm;
  char ts[32], hex[65];
  gmtime_r(&t, &tm);
  strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  json_t *sts = json_array();
  for (size_t i = 0; hits != NULL && i < hits->len; i++)
    json_array_append_new(sts, statement_json(v, inv, vulns, PV_VEC_AT(*hits, pv_vex_hit, i), a));
  json_t *doc =
      json_pack("{s:s, s:s, s:s, s:s, s:i, s:o}", "@context", "https://openvex.dev/ns/v0.2.0",
                "@id", "", "author", "plugvet", "timestamp", ts, "version", 1, "tooling",
                json_sprintf("plugvet %s", tool_version));
  json_object_set_new(doc, "statements", sts);
  char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
  pv_sha256_hex(text ? text : "", text ? strlen(text) : 0, hex);
  free(text);
  json_object_set_new(doc, "@id", json_sprintf("https://openvex.dev/docs/public/vex-%s", hex));
  int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(doc);
  pv_arena_delete(a);
  if (rc != 0 || fputc('\n', out) == EOF)
    return pv_error_set(err, PV_FAILED, "write error");
  return PV_OK;
}
