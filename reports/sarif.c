/* sarif.c — SARIF 2.1.0 as GitHub code scanning reads it: rules with tags,
 * precision, security-severity (always a numeric string) and helpUri,
 * results with utf16 columns and URIs relative to %SRCROOT% (declared in
 * originalUriBaseIds; pv_result_root_path), plugvet-computed
 * primaryLocationLineHash, artifacts for archive inputs, notifications for
 * what could not be read, taint flows as codeFlows (one thread flow, source
 * first) plus the source as a related location, automationDetails, and at
 * most max_results results (highest severities kept, a notification says
 * how many were left out). */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../scanner/findings.h"
#include "json_util.h"
#include "report.h"
#include "sbom_util.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#ifndef PV_HOME_URI
#endif
#define DOCS_URI PV_HOME_URI "/blob/main/docs/"

/* ---- the rule table: loaded rules plus builtin rules seen in findings ---- */

typedef struct {
  const pv_rule_meta **items;
  size_t len, cap;
} rule_table;

static int push_rule(rule_table *t, const pv_rule_meta *m) {
  if (t->len == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 64;
    const pv_rule_meta **p = realloc(t->items, cap * sizeof *p);
    if (p == NULL)
      return -1;
    t->items = p;
    t->cap = cap;
  }
  t->items[t->len++] = m;
  return 0;
}

static int cmp_rule(const void *a, const void *b) {
  return strcmp((*(const pv_rule_meta *const *)a)->id, (*(const pv_rule_meta *const *)b)->id);
}

static int build_rules(rule_table *t, const pv_report_set *set) {
  size_t n = set->rules ? pv_ruleset_count(set->rules) : 0;
  for (size_t i = 0; i < n; i++)
    if (push_rule(t, pv_ruleset_meta(set->rules, i)))
      return -1;
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    for (size_t k = 0; k < r->findings.len; k++) {
      const pv_finding *f = pv_result_finding(r, k);
      if (push_rule(t, f->group_rule ? f->group_rule : f->rule))
        return -1;
    }
  }
  if (t->len == 0)
    return 0;
  qsort(t->items, t->len, sizeof *t->items, cmp_rule);
  size_t kept = 1;
  for (size_t i = 1; i < t->len; i++)
    if (strcmp(t->items[i]->id, t->items[kept - 1]->id) != 0)
      t->items[kept++] = t->items[i];
  t->len = kept;
  return 0;
}

static long rule_index(const rule_table *t, const char *id) {
  size_t lo = 0, hi = t->len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(t->items[mid]->id, id);
    if (c == 0)
      return (long)mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

/* ---- rule descriptors ---------------------------------------------------- */

static json_t *rule_tags(const pv_rule_meta *m) {
  json_t *tags = json_array();
  char buf[64];
  json_array_append_new(tags, json_string("security"));
  if (m->category && strcmp(m->category, "security") != 0)
    json_array_append_new(tags, pv_json_str(m->category));
  for (const char *const *c = m->cwe; c && *c; c++) {
    unsigned n = pv_cwe_number(*c);
    if (n == 0)
      continue;
    snprintf(buf, sizeof buf, "CWE-%u", n);
    json_array_append_new(tags, json_string(buf));
    snprintf(buf, sizeof buf, "external/cwe/cwe-%u", n);
    json_array_append_new(tags, json_string(buf));
  }
  if (m->capability) {
    snprintf(buf, sizeof buf, "capability/%s", m->capability);
    json_array_append_new(tags, pv_json_str(buf));
  }
  return tags;
}

/* "js.code-injection.eval-non-literal" → "JsCodeInjectionEvalNonLiteral". */
static json_t *camel_name(const char *id) {
  char buf[256];
  size_t o = 0;
  int up = 1;
  for (const char *p = id; *p && o + 1 < sizeof buf; p++) {
    if (!isalnum((unsigned char)*p)) {
      up = 1;
      continue;
    }
    buf[o++] = up ? (char)toupper((unsigned char)*p) : *p;
    up = 0;
  }
  buf[o] = '\0';
  return json_string(buf);
}

static json_t *text_obj(const char *s) {
  json_t *o = json_object();
  json_object_set_new(o, "text", pv_json_str(s));
  return o;
}

static json_t *rule_help(const pv_rule_meta *m, const char *desc) {
  size_t cap = strlen(desc) + 64;
  for (const char *const *r = m->references; r && *r; r++)
    cap += 2 * strlen(*r) + 16;
  char *text = malloc(cap), *md = malloc(cap);
  json_t *h = json_object();
  if (text == NULL || md == NULL)
    goto out;
  size_t t = (size_t)snprintf(text, cap, "%s", desc), k = (size_t)snprintf(md, cap, "%s", desc);
  if (m->references && m->references[0]) {
    t += (size_t)snprintf(text + t, cap - t, "\n\nReferences:");
    k += (size_t)snprintf(md + k, cap - k, "\n\n#### References");
  }
  for (const char *const *r = m->references; r && *r; r++) {
    t += (size_t)snprintf(text + t, cap - t, "\n- %s", *r);
    k += (size_t)snprintf(md + k, cap - k, "\n- [%s](%s)", *r, *r);
  }
  json_object_set_new(h, "text", pv_json_str(text));
  json_object_set_new(h, "markdown", pv_json_str(md));
out:
  free(text);
  free(md);
  return h;
}

/* A web link fit for helpUri (format uri: no spaces or other raw bytes). */
static int is_http(const char *s) {
  return s != NULL && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
         pv_good_url(s);
}

static int from_bundled(const pv_report_set *set, const char *file) {
  for (const char *const *d = set->bundled; d && *d && file; d++) {
    size_t n = strlen(*d);
    if (strncmp(file, *d, n) == 0 && file[n] == '/')
      return 1;
  }
  return 0;
}

static json_t *uri_json(const char *path);

/* prefix + the percent-encoded text (uri_json's encoding). */
static json_t *uri_with(const char *prefix, const char *text) {
  json_t *enc = uri_json(text);
  const char *e = enc ? json_string_value(enc) : NULL;
  size_t n = strlen(prefix) + (e ? strlen(e) : 0) + 1;
  char *buf = e ? malloc(n) : NULL;
  json_t *j = NULL;
  if (buf != NULL) {
    snprintf(buf, n, "%s%s", prefix, e);
    j = json_string(buf);
  }
  free(buf);
  json_decref(enc);
  return j;
}

/* Where the rules built into plugvet are described, by id prefix. */
static const char *builtin_doc(const char *id) {
  static const char *const docs[][2] = {
      {"archive.", "cli.md#limits"},
      {"dep.", "cli.md#osv-database"},
      {"license.", "cli.md#licence-policy"},
      {"pkg.", "rules.md#package-checks-and-install-time-code"},
      {"policy.", "policy.md"},
      {"verify.", "verify.md"},
  };
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
    if (strncmp(id, docs[i][0], strlen(docs[i][0])) == 0)
      return docs[i][1];
  return "rules.md#bundled-rules";
}

/* helpUri: an advisory group's own page; a builtin rule's section of the
 * docs; a bundled rule's row in the rule catalog; else the rule's first
 * web reference, else its file. */
static json_t *help_uri(const pv_report_set *set, const pv_rule_meta *m) {
  const char *ref = m->references ? m->references[0] : NULL;
  int builtin = m->source_file == NULL || strcmp(m->source_file, "<builtin>") == 0;
  if (builtin && strchr(m->id, '/') != NULL && is_http(ref))
    return pv_json_str(ref);
  if (builtin) {
    char doc[256];
    snprintf(doc, sizeof doc, "%s%s", DOCS_URI, builtin_doc(m->id));
    return json_string(doc);
  }
  if (from_bundled(set, m->source_file))
    return uri_with(DOCS_URI "rules-catalog.md#", m->id);
  if (is_http(ref))
    return pv_json_str(ref);
  char real[PATH_MAX];
  if (realpath(m->source_file, real) != NULL)
    return uri_with("file://", real);
  return json_string(DOCS_URI "rules.md");
}

static json_t *rule_json(const pv_report_set *set, const pv_rule_meta *m) {
  const char *desc = m->description ? m->description : m->message ? m->message : m->id;
  char score[16];
  snprintf(score, sizeof score, "%.1f", pv_rule_score(m));
  json_t *o = json_object(), *props = json_object(), *cfg = json_object();
  json_object_set_new(o, "id", pv_json_str(m->id));
  json_object_set_new(o, "name", camel_name(m->id));
  json_object_set_new(o, "shortDescription", text_obj(m->name ? m->name : m->id));
  json_object_set_new(o, "fullDescription", text_obj(desc));
  json_object_set_new(o, "helpUri", help_uri(set, m));
  json_object_set_new(o, "help", rule_help(m, desc));
  json_object_set_new(cfg, "level", json_string(pv_severity_sarif_level(m->severity)));
  json_object_set_new(o, "defaultConfiguration", cfg);
  json_object_set_new(props, "tags", rule_tags(m));
  json_object_set_new(props, "precision", json_string(pv_rule_precision(m)));
  json_object_set_new(props, "security-severity", json_string(score));
  json_object_set_new(props, "problem.severity",
                      json_string(m->severity >= PV_SEV_HIGH     ? "error"
                                  : m->severity == PV_SEV_MEDIUM ? "warning"
                                                                 : "recommendation"));
  json_object_set_new(o, "properties", props);
  return o;
}

/* ---- results ------------------------------------------------------------- */

/* Percent-encode a path for a URI reference (keeps / ! : @ and unreserved). */
static json_t *uri_json(const char *path) {
  size_t n = strlen(path);
  char *buf = malloc(n * 3 + 1);
  if (buf == NULL)
    return NULL;
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (isalnum(*p) || strchr("-._~/!:@$&'()*+,;=", *p))
      buf[o++] = (char)*p;
    else
      o += (size_t)snprintf(buf + o, 4, "%%%02X", *p);
  }
  buf[o] = '\0';
  json_t *j = json_string(buf);
  free(buf);
  return j;
}

/* A region: startLine always; columns only when the UTF-16 ones are known. */
static json_t *region_of(pv_pos start, pv_pos end, uint32_t col16_start, uint32_t col16_end,
                         const char *snippet) {
  json_t *reg = json_object();
  uint32_t line = start.line ? start.line : 1;
  json_object_set_new(reg, "startLine", json_integer(line));
  if (col16_start > 0 && start.line > 0) {
    uint32_t end_line = end.line >= line ? end.line : line;
    json_object_set_new(reg, "startColumn", json_integer(col16_start));
    json_object_set_new(reg, "endLine", json_integer(end_line));
    json_object_set_new(reg, "endColumn", json_integer(col16_end));
  }
  if (snippet != NULL)
    json_object_set_new(reg, "snippet", text_obj(snippet));
  return reg;
}

static json_t *region_json(const pv_finding *f) {
  return region_of(f->start, f->end, f->col16_start, f->col16_end, f->snippet);
}

/* A location in input r: its path from %SRCROOT% (pv_result_root_path). */
static json_t *location_json(const pv_result *r, const char *path, json_t *region) {
  json_t *loc = json_object(), *phys = json_object(), *art = json_object();
  char *rooted = pv_result_root_path(r, path, 1);
  json_object_set_new(art, "uri", uri_json(rooted ? rooted : path));
  free(rooted);
  json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
  json_object_set_new(phys, "artifactLocation", art);
  if (region != NULL)
    json_object_set_new(phys, "region", region);
  json_object_set_new(loc, "physicalLocation", phys);
  return loc;
}

/* ---- taint flows ----------------------------------------------------------- */

/* One flow step as a location with its message (a step without a path of
 * its own is in the finding's file). */
static json_t *step_location(const pv_result *r, const pv_finding *f, const pv_flow_step *s) {
  json_t *reg = region_of(s->start, s->end, s->col16_start, s->col16_end, NULL);
  json_t *loc = location_json(r, s->path ? s->path : f->path, reg);
  if (s->message != NULL)
    json_object_set_new(loc, "message", text_obj(s->message));
  return loc;
}

/* codeFlows: one thread flow whose locations are the steps, source first. */
static json_t *code_flows_json(const pv_result *r, const pv_finding *f) {
  json_t *locs = json_array(), *thread = json_object(), *threads = json_array();
  json_t *flow = json_object(), *flows = json_array();
  for (uint32_t i = 0; i < f->nflow; i++) {
    json_t *tfl = json_object();
    json_object_set_new(tfl, "location", step_location(r, f, &f->flow[i]));
    json_array_append_new(locs, tfl);
  }
  json_object_set_new(thread, "locations", locs);
  json_array_append_new(threads, thread);
  json_object_set_new(flow, "threadFlows", threads);
  json_array_append_new(flows, flow);
  return flows;
}

/* relatedLocations: the source of the flow, id 1. */
static json_t *related_json(const pv_result *r, const pv_finding *f) {
  json_t *rel = json_array(), *loc = step_location(r, f, &f->flow[0]);
  json_object_set_new(loc, "id", json_integer(1));
  json_array_append_new(rel, loc);
  return rel;
}

/* A taint finding's message links its source (relatedLocations id 1):
 * GitHub shows related locations only when the message links them. The
 * message's own [, ] and \ are escaped, as SARIF asks of text with links. */
static json_t *linked_message(const char *msg) {
  size_t n = strlen(msg), k = 0;
  char *t = malloc(2 * n + sizeof " ([source](1))");
  if (t == NULL)
    return text_obj(msg);
  for (size_t i = 0; i < n; i++) {
    if (msg[i] == '[' || msg[i] == ']' || msg[i] == '\\')
      t[k++] = '\\';
    t[k++] = msg[i];
  }
  memcpy(t + k, " ([source](1))", sizeof " ([source](1))");
  json_t *o = text_obj(t);
  free(t);
  return o;
}

/* fixes: the finding's suggested fix as one replacement of its region
 * (GitHub shows it as a suggestion); only where the region's UTF-16
 * columns are known, as a deletedRegion without them is whole lines. */
static json_t *fixes_json(const pv_result *r, const pv_finding *f) {
  json_t *fix = json_object(), *changes = json_array(), *change = json_object();
  json_t *reps = json_array(), *rep = json_object();
  json_t *loc = location_json(r, f->path, NULL), *ins = json_object(), *fixes = json_array();
  json_object_set_new(
      change, "artifactLocation",
      json_incref(json_object_get(json_object_get(loc, "physicalLocation"), "artifactLocation")));
  json_decref(loc);
  json_object_set_new(rep, "deletedRegion",
                      region_of(f->start, f->end, f->col16_start, f->col16_end, NULL));
  json_object_set_new(ins, "text", pv_json_str(f->fix));
  json_object_set_new(rep, "insertedContent", ins);
  json_array_append_new(reps, rep);
  json_object_set_new(change, "replacements", reps);
  json_array_append_new(changes, change);
  json_object_set_new(fix, "description", text_obj("plugvet: the rule's suggested fix"));
  json_object_set_new(fix, "artifactChanges", changes);
  json_array_append_new(fixes, fix);
  return fixes;
}

static json_t *result_json(const pv_finding *f, long index, const pv_result *r) {
  json_t *o = json_object(), *locs = json_array(), *fp = json_object(), *props = json_object();
  json_object_set_new(o, "ruleId", pv_json_str(pv_finding_rule_id(f)));
  json_object_set_new(o, "ruleIndex", json_integer(index));
  json_object_set_new(o, "level", json_string(pv_severity_sarif_level(f->severity)));
  const char *msg = f->message ? f->message : f->rule->id;
  json_object_set_new(o, "message", f->nflow > 0 ? linked_message(msg) : text_obj(msg));
  json_array_append_new(locs, location_json(r, f->path, region_json(f)));
  json_object_set_new(o, "locations", locs);
  if (f->nflow > 0) {
    json_object_set_new(o, "codeFlows", code_flows_json(r, f));
    json_object_set_new(o, "relatedLocations", related_json(r, f));
  }
  if (f->fix != NULL && f->col16_start > 0 && f->start.line > 0)
    json_object_set_new(o, "fixes", fixes_json(r, f));
  if (f->line_hash[0])
    json_object_set_new(fp, "primaryLocationLineHash", json_string(f->line_hash));
  json_object_set_new(fp, "plugvet/v1", json_string(f->fingerprint));
  json_object_set_new(o, "partialFingerprints", fp);
  if (f->suppressed) {
    json_t *sup = json_array(), *s = json_object();
    json_object_set_new(s, "kind", json_string(f->suppression ? "external" : "inSource"));
    if (f->suppression) {
      json_object_set_new(s, "status", json_string("accepted"));
      json_object_set_new(s, "justification", pv_json_str(f->suppression));
    }
    json_array_append_new(sup, s);
    json_object_set_new(o, "suppressions", sup);
  }
  json_object_set_new(props, "severity", json_string(pv_severity_name(f->severity)));
  json_object_set_new(props, "input", pv_json_str(r->input));
  if (f->advisory)
    json_object_set_new(props, "advisory", json_string(f->advisory));
  json_object_set_new(o, "properties", props);
  return o;
}

/* ---- invocation, artifacts, run ------------------------------------------ */

static json_t *notification_json(const pv_result *r, const pv_note *n) {
  static const char *const levels[] = {"note", "warning", "error"};
  json_t *o = json_object(), *d = json_object();
  json_object_set_new(o, "level", json_string(levels[n->level]));
  json_object_set_new(o, "message", text_obj(n->message));
  json_object_set_new(d, "id", pv_json_str(n->id));
  json_object_set_new(o, "descriptor", d);
  if (n->path != NULL) {
    json_t *locs = json_array();
    json_array_append_new(locs, location_json(r, n->path, NULL));
    json_object_set_new(o, "locations", locs);
  }
  return o;
}

/* ---- the result cap (max_results) ----------------------------------------- */

/* Results are kept by rank: unsuppressed before suppressed, then the
 * highest severity; within the lowest rank kept, the first in order. */
typedef struct {
  int floor;       /* ranks below it are left out */
  size_t at_floor; /* results of rank floor kept */
  size_t dropped;
} result_cap;

static int keep_rank(const pv_finding *f) {
  return f->suppressed ? 0 : (int)f->severity + 1;
}

static result_cap plan_cap(const pv_report_set *set) {
  size_t count[PV_SEV_CRITICAL + 2] = {0}, total = 0;
  result_cap c = {.floor = 0, .at_floor = (size_t)-1};
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    for (size_t k = 0; k < r->findings.len; k++)
      count[keep_rank(pv_result_finding(r, k))]++;
    total += r->findings.len;
  }
  if (set->max_results == 0 || total <= set->max_results)
    return c;
  size_t room = set->max_results;
  for (int k = PV_SEV_CRITICAL + 1; k >= 0; k--) {
    if (count[k] > room) {
      c.floor = k;
      c.at_floor = room;
      break;
    }
    room -= count[k];
  }
  c.dropped = total - set->max_results;
  return c;
}

/* Whether f is kept; counts the ones kept at the floor rank in *taken. */
static int cap_keeps(const result_cap *c, const pv_finding *f, size_t *taken) {
  int rank = keep_rank(f);
  if (rank != c->floor)
    return rank > c->floor;
  return (*taken)++ < c->at_floor;
}

static json_t *cap_notification(const pv_report_set *set, const result_cap *c) {
  char msg[256];
  snprintf(msg, sizeof msg,
           "%zu results left out of this SARIF file (over --max-results %zu): the lowest "
           "severities, suppressed ones first; the JSON lines and text reports have them all",
           c->dropped, set->max_results);
  json_t *o = json_object(), *d = json_object();
  json_object_set_new(o, "level", json_string("warning"));
  json_object_set_new(o, "message", text_obj(msg));
  json_object_set_new(d, "id", json_string("too-many-results"));
  json_object_set_new(o, "descriptor", d);
  return o;
}

static json_t *invocation_json(const pv_report_set *set, const result_cap *cap) {
  json_t *inv = json_object(), *notes = json_array();
  int ok = 1;
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    ok &= r->status != PV_INPUT_ERROR;
    for (size_t k = 0; k < r->notes.len; k++)
      json_array_append_new(notes, notification_json(r, pv_result_note_at(r, k)));
  }
  if (cap->dropped > 0)
    json_array_append_new(notes, cap_notification(set, cap));
  json_object_set_new(inv, "executionSuccessful", json_boolean(ok));
  json_object_set_new(inv, "toolExecutionNotifications", notes);
  if (set->has_epoch) {
    time_t t = (time_t)set->epoch;
    struct tm tm;
    char buf[32];
    if (gmtime_r(&t, &tm) && strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
      json_object_set_new(inv, "endTimeUtc", json_string(buf));
  }
  return inv;
}

static json_t *artifacts_json(const pv_report_set *set) {
  json_t *arts = json_array();
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    if (r->sha256[0] == '\0' || strcmp(r->kind, "file") == 0)
      continue;
    json_t *a = json_object(), *loc = json_object(), *h = json_object(), *roles = json_array();
    json_object_set_new(loc, "uri", uri_json(r->root_archive ? r->root_archive : r->input));
    if (r->root_archive)
      json_object_set_new(loc, "uriBaseId", json_string("%SRCROOT%"));
    json_object_set_new(a, "location", loc);
    json_object_set_new(h, "sha-256", json_string(r->sha256));
    json_object_set_new(a, "hashes", h);
    json_array_append_new(roles, json_string("analysisTarget"));
    json_object_set_new(a, "roles", roles);
    json_object_set_new(a, "mimeType", json_string("application/octet-stream"));
    json_array_append_new(arts, a);
  }
  return arts;
}

static json_t *driver_json(const pv_report_set *set, const rule_table *t) {
  json_t *d = json_object(), *rules = json_array();
  json_object_set_new(d, "name", json_string("plugvet"));
  json_object_set_new(d, "semanticVersion", json_string(set->version));
  json_object_set_new(d, "version", json_string(set->version));
  json_object_set_new(d, "informationUri", json_string(PV_HOME_URI));
  for (size_t i = 0; i < t->len; i++)
    json_array_append_new(rules, rule_json(set, t->items[i]));
  json_object_set_new(d, "rules", rules);
  return d;
}

/* Run properties: each scanned input's risk summary (pv_risk_of). */
static json_t *risk_json(const pv_report_set *set) {
  json_t *props = json_object(), *a = json_array();
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    if (r->status == PV_INPUT_ERROR)
      continue;
    json_t *o = pv_json_risk(r);
    json_object_set_new(o, "input", pv_json_str(r->input));
    json_array_append_new(a, o);
  }
  json_object_set_new(props, "plugvet/risk", a);
  json_t *d = json_array();
  for (size_t i = 0; i < set->count; i++)
    if (set->results[i]->declared != NULL) {
      json_t *o = pv_json_declared(set->results[i]->declared);
      json_object_set_new(o, "input", pv_json_str(set->results[i]->input));
      json_array_append_new(d, o);
    }
  if (json_array_size(d) > 0)
    json_object_set_new(props, "plugvet/declared", d);
  else
    json_decref(d);
  return props;
}

/* originalUriBaseIds: %SRCROOT% as a file: URI ending in '/'. */
static json_t *base_ids_json(const char *root) {
  size_t n = strlen(root);
  char *dir = malloc(n + 2);
  json_t *ids = json_object(), *loc = json_object();
  if (dir != NULL) {
    snprintf(dir, n + 2, "%s%s", root, n > 0 && root[n - 1] == '/' ? "" : "/");
    json_object_set_new(loc, "uri", uri_with("file://", dir));
  }
  free(dir);
  json_object_set_new(ids, "%SRCROOT%", loc);
  return ids;
}

/* automationDetails.id: "plugvet/<category>/", GitHub's name for the run. */
static json_t *automation_json(const pv_report_set *set) {
  size_t n = set->category ? strlen(set->category) + 16 : 16;
  char *id = malloc(n);
  json_t *o = json_object();
  if (id != NULL) {
    snprintf(id, n, "plugvet/%s%s", set->category ? set->category : "", set->category ? "/" : "");
    json_object_set_new(o, "id", pv_json_str(id));
  }
  free(id);
  return o;
}

static json_t *run_json(const pv_report_set *set, const rule_table *t) {
  json_t *run = json_object(), *tool = json_object(), *results = json_array();
  json_t *invs = json_array();
  result_cap cap = plan_cap(set);
  size_t taken = 0;
  json_object_set_new(tool, "driver", driver_json(set, t));
  json_object_set_new(run, "tool", tool);
  json_object_set_new(run, "automationDetails", automation_json(set));
  if (set->srcroot != NULL)
    json_object_set_new(run, "originalUriBaseIds", base_ids_json(set->srcroot));
  json_array_append_new(invs, invocation_json(set, &cap));
  json_object_set_new(run, "invocations", invs);
  json_t *arts = artifacts_json(set);
  if (json_array_size(arts) > 0)
    json_object_set_new(run, "artifacts", arts);
  else
    json_decref(arts);
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    for (size_t k = 0; k < r->findings.len; k++) {
      const pv_finding *f = pv_result_finding(r, k);
      if (cap_keeps(&cap, f, &taken))
        json_array_append_new(results, result_json(f, rule_index(t, pv_finding_rule_id(f)), r));
    }
  }
  json_object_set_new(run, "results", results);
  json_object_set_new(run, "columnKind", json_string("utf16CodeUnits"));
  json_object_set_new(run, "properties", risk_json(set));
  return run;
}

pv_status pv_sarif_write(FILE *out, const pv_report_set *set, pv_error *err) {
  rule_table t = {0};
  if (build_rules(&t, set) != 0) {
    free(t.items);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  json_t *doc = json_object(), *runs = json_array();
  json_object_set_new(doc, "$schema", json_string(SARIF_SCHEMA));
  json_object_set_new(doc, "version", json_string("2.1.0"));
  json_array_append_new(runs, run_json(set, &t));
  json_object_set_new(doc, "runs", runs);
  int bad =
      json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', out) == EOF;
  json_decref(doc);
  free(t.items);
  return bad ? pv_error_set(err, PV_FAILED, "cannot write SARIF") : PV_OK;
}
