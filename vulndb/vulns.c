/* vulns.c — see vulns.h. For each registry component: the store's
 * advisories for its name, unpacked (osvpack.c; parsed from JSON in a
 * schema 1 store), kept when they affect its
 * version, grouped by shared ids and aliases, one finding per group. */
#include "vulns.h"

#include <stdlib.h>
#include <string.h>

#include "../scanner/findings.h"
#include "osv.h"
#include "osvpack.h"
#include "semver.h"

#define ADVISORIES_MAX 512 /* per component; more is one note */

static const pv_rule_meta vuln_rule = PV_BUILTIN_RULE(
    "dep.vulnerable", PV_SEV_MEDIUM, "high", NULL,
    "A dependency is affected by a known vulnerability.",
    "A package the plugin ships or pins is inside the affected range of an OSV advisory. "
    "Upgrade to a fixed version.",
    "CWE-1395: Dependency on Vulnerable Third-Party Component");
static const pv_rule_meta mal_rule = PV_BUILTIN_RULE(
    "dep.malicious-package", PV_SEV_CRITICAL, "high", NULL,
    "A dependency is a known malicious package.",
    "A package the plugin ships or pins is listed as malicious (an OSV MAL- advisory). Remove "
    "it and treat the machine that installed it as compromised.",
    "CWE-506: Embedded Malicious Code");

/* The advisories affecting one component, collected from the store. */
typedef struct {
  pv_result *r;
  const pv_component *c;
  const pv_osv **v;
  size_t n, dropped;
  int oom; /* parsing ran out of memory: matching stops (PV_FATAL) */
} collect;

/* An affecting advisory whose range holds an unreadable version: matched
 * open-ended (osv.h), which may be wrong, so the user is told. */
static void note_malformed(collect *k, const pv_error *err) {
  pv_result_note(k->r, PV_NOTE_WARNING, "osv-range-malformed", NULL,
                 "%s@%s: %s; reported as affected, reading that range open-ended", k->c->name,
                 k->c->version, err->msg);
}

static int take(void *ctx, const pv_store_rec *rec) {
  collect *k = ctx;
  pv_osv *o = NULL;
  pv_error err = {0};
  pv_status rc = rec->packed != NULL
                     ? pv_osv_unpack(k->r->arena, rec->packed, rec->packed_n, rec->id, &o, &err)
                     : pv_osv_parse_text(k->r->arena, rec->json, rec->json_n, rec->id, &o, &err);
  if (rc == PV_FATAL) {
    k->oom = 1;
    return 1;
  }
  if (o == NULL || rc == PV_FAILED) {
    pv_result_note(k->r, PV_NOTE_WARNING, "osv-entry", NULL, "OSV store: %s", err.msg);
    return 0;
  }
  if (o->withdrawn != NULL || pv_osv_affects(o, "npm", k->c->name, k->c->version) != 1)
    return 0;
  if (k->n == ADVISORIES_MAX) {
    k->dropped++;
    return 0;
  }
  if (rc == PV_WARN) {
    note_malformed(k, &err);
  }
  k->v[k->n++] = o;
  return 0;
}

/* The lowest fixed version above the installed one across the group. */
static const char *lowest_fixed(const pv_osv *const *g, size_t n, const pv_component *c) {
  const char *best = NULL;
  for (size_t i = 0; i < n; i++) {
    const char *f = pv_osv_fixed_above(g[i], "npm", c->name, c->version);
    int ok = 0;
    if (f != NULL && (best == NULL || (pv_semver_cmp_str(f, best, &ok) < 0 && ok)))
      best = f;
  }
  return best;
}

/* The file of a seen place (NULL when it is not among r's files) and the
 * byte where its line starts, so the finding has a source line. */
static pv_status seen_file(pv_places *p, const pv_result *r, const pv_seen *s, const pv_file **file,
                           uint32_t *byte, pv_error *err) {
  if (pv_places_find(p, r, s->path, s->line, file, byte) != PV_OK) {
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  return PV_OK;
}

/* The SARIF rule of one advisory group: "dep.vulnerable/CVE-…" with the
 * family's CWE and the advisory's own, its summary and its osv.dev page. */
static const pv_rule_meta *group_rule(pv_arena *ar, const pv_rule_meta *family,
                                      const pv_advisory *a) {
  size_t n = 0;
  while (a->cwes && a->cwes[n])
    n++;
  pv_rule_meta *m = pv_arena_alloc(ar, sizeof *m);
  const char **cwe = pv_arena_alloc(ar, (n + 2) * sizeof *cwe);
  const char **refs = pv_arena_alloc(ar, 2 * sizeof *refs);
  if (m == NULL || cwe == NULL || refs == NULL)
    return NULL;
  *m = *family;
  cwe[0] = family->cwe[0];
  for (size_t i = 0; i < n; i++)
    cwe[i + 1] = a->cwes[i];
  refs[0] = a->source_url;
  m->cwe = cwe;
  m->references = a->source_url ? refs : NULL;
  m->id = pv_arena_printf(ar, "%s/%s", family->id, a->id);
  m->name = a->summary ? pv_arena_printf(ar, "%s: %s", a->id, a->summary) : a->id;
  m->description = a->details ? a->details : m->name;
  m->severity = a->severity;
  return m->id && m->name ? m : NULL;
}

static pv_status add_finding(pv_result *r, const pv_component *c, const pv_advisory *a,
                             const pv_remedy *m, pv_places *p, const pv_limits *lim,
                             pv_error *err) {
  if (r->findings.len >= lim->findings) {
    /* over the cap: only counted (and noted once), so nothing is built */
    pv_result_add_finding(r, &(pv_finding){0}, lim);
    return PV_OK;
  }
  const pv_seen *s = c->seen.len ? PV_VEC_AT(c->seen, pv_seen, 0) : NULL;
  uint32_t byte = 0, line = s && s->line ? s->line : 1;
  const pv_file *file = NULL;
  if (s != NULL && seen_file(p, r, s, &file, &byte, err) != PV_OK) {
    return PV_FATAL;
  }
  const char *advice = a->malicious ? "Remove it." : m->text;
  const char *msg =
      advice == NULL
          ? NULL
          : pv_arena_printf(r->arena, "%s@%s %s %s%s%s%s. %s", c->name, c->version,
                            a->malicious ? "is a known malicious package:" : "is affected by",
                            a->id, a->summary ? " (" : "", a->summary ? a->summary : "",
                            a->summary ? ")" : "", advice);
  const pv_rule_meta *family = a->malicious ? &mal_rule : &vuln_rule;
  const pv_rule_meta *group = group_rule(r->arena, family, a);
  if (msg == NULL || group == NULL) {
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  pv_finding f = {.rule = family,
                  .group_rule = group,
                  .advisory = a->id,
                  .severity = a->malicious ? PV_SEV_CRITICAL : a->severity,
                  .message = msg,
                  .file = file,
                  .path = s ? s->path : r->input,
                  .start = {line, 1, byte},
                  .end = {line, 1, byte}};
  pv_result_add_finding(r, &f, lim);
  return PV_OK;
}

int pv_vulns_wanted(const pv_component *c, int include_dev) {
  return !(c->flags & (PV_COMP_ROOT | PV_COMP_LOCAL)) && c->version != NULL &&
         (include_dev || c->scope != PV_SCOPE_DEV);
}

/* The vulnerability and the finding of one advisory group (m members). */
static pv_status report_group(const pv_inventory *inv, size_t ci, const pv_osv *const *members,
                              size_t m, const pv_remedy *rem, pv_vulns *out, pv_places *p,
                              const pv_limits *lim, pv_error *err) {
  pv_result *r = inv->r;
  const pv_component *c = pv_inv_component(inv, ci);
  pv_advisory *a = pv_osv_advisory(r->arena, members, m);
  if (a == NULL) {
    return pv_error_set(err, PV_FATAL, "%s@%s: out of memory building advisory %s", c->name,
                        c->version, members[0]->id);
  }
  const char *fixed = lowest_fixed(members, m, c);
  pv_vuln v = {.component = ci, .adv = a, .fixed = fixed, .remedy = rem};
  if (pv_vec_push(&out->advisories, &a) == NULL || pv_vec_push(&out->vulns, &v) == NULL) {
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  return add_finding(r, c, a, rem, p, lim, err);
}

/* Group one component's advisories and add a finding per group: every
 * advisory is in exactly one group (pv_osv_group). */
static pv_status report(const pv_inventory *inv, size_t ci, const size_t *parent, const collect *k,
                        pv_vulns *out, pv_places *p, const pv_limits *lim, pv_error *err) {
  size_t *group_of = calloc(k->n, sizeof *group_of);
  const pv_osv **members = calloc(k->n, sizeof *members);
  const pv_component *c = pv_inv_component(inv, ci);
  char buf[PV_SEMVER_MAX_LEN + 64];
  const char *fix = pv_osv_lowest_fix((const pv_osv *const *)k->v, k->n, "npm", c->name, c->version,
                                      buf, sizeof buf);
  const pv_remedy *rem = pv_remedy_of(inv, ci, parent, fix);
  pv_status rc = PV_OK;
  if (group_of == NULL || members == NULL || rem == NULL) {
    rc = pv_error_set(err, PV_FATAL, "out of memory");
    goto out;
  }
  size_t groups = pv_osv_group((const pv_osv *const *)k->v, k->n, group_of);
  for (size_t g = 0; g < groups && rc == PV_OK; g++) {
    size_t m = 0;
    for (size_t i = 0; i < k->n; i++) {
      if (group_of[i] == g) {
        members[m] = k->v[i];
        m++;
      }
    }
    rc = report_group(inv, ci, (const pv_osv *const *)members, m, rem, out, p, lim, err);
  }
out:
  free(group_of);
  free(members);
  return rc;
}

/* A dependency from git or a tarball URL (dev-only ones with include_dev):
 * it has no registry version, so no advisory can be matched to it. */
static int no_registry_version(const pv_component *c, int include_dev) {
  pv_origin o = pv_inv_origin(c);
  return !(c->flags & PV_COMP_ROOT) && (o == PV_ORIGIN_GIT || o == PV_ORIGIN_URL) &&
         (include_dev || c->scope != PV_SCOPE_DEV);
}

/* One note naming (the first few of) the dependencies not matched for want
 * of a registry version, so they are not taken for clean ones. */
static void note_unmatched(const pv_inventory *inv, int include_dev) {
  char names[600] = "";
  size_t n = 0;
  for (size_t i = 0; i < inv->components.len; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    if (!no_registry_version(c, include_dev)) {
      continue;
    }
    size_t l = strlen(names);
    if (n < 3) {
      snprintf(names + l, sizeof names - l, "%s%s (%.150s)", n ? ", " : "", c->name, c->version);
    }
    n++;
  }
  if (n > 0) {
    pv_result_note(inv->r, PV_NOTE_WARNING, "dep-not-matched", NULL,
                   "%zu %s not matched: no registry version (git or tarball URL): %s%s", n,
                   n == 1 ? "dependency" : "dependencies", names, n > 3 ? ", ..." : "");
  }
}

pv_status pv_vulns_match(pv_store *db, const pv_inventory *inv, int include_dev, pv_vulns *out,
                         pv_error *err) {
  pv_limits lim = pv_limits_default(); /* the findings cap */
  out->advisories.elem = sizeof(pv_advisory *);
  out->vulns.elem = sizeof(pv_vuln);
  const pv_osv **buf = malloc(ADVISORIES_MAX * sizeof *buf);
  if (buf == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  pv_places p = {0};
  size_t *parent = malloc((inv->components.len + 1) * sizeof *parent);
  if (parent == NULL || pv_inv_parents(inv, parent) != PV_OK) {
    free(parent);
    free(buf);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  pv_status rc = pv_store_read_begin(db, err);
  for (size_t i = 0; i < inv->components.len && rc == PV_OK; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    if (!pv_vulns_wanted(c, include_dev))
      continue;
    collect k = {.r = inv->r, .c = c, .v = buf};
    rc = pv_store_each_for_package(db, "npm", c->name, take, &k, err);
    if (rc == PV_OK && k.oom) {
      rc = pv_error_set(err, PV_FATAL, "out of memory reading the advisories of %s", c->name);
    }
    if (rc == PV_OK && k.dropped)
      pv_result_note(inv->r, PV_NOTE_WARNING, "osv-too-many", NULL,
                     "%s@%s: over %d advisories; %zu not evaluated", c->name, c->version,
                     ADVISORIES_MAX, k.dropped);
    if (rc == PV_OK && k.n)
      rc = report(inv, i, parent, &k, out, &p, &lim, err);
  }
  pv_places_free(&p);
  free(parent);
  pv_store_read_end(db);
  if (rc == PV_OK) {
    note_unmatched(inv, include_dev);
  }
  free(buf);
  return rc;
}

void pv_vulns_free(pv_vulns *v) {
  pv_vec_free(&v->advisories);
  pv_vec_free(&v->vulns);
}
