/* gitlab.c — GitLab's SAST security report (format 15.x, as GitLab's
 * documentation of security report formats describes it): one scan
 * object, one vulnerability per unsuppressed finding. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_util.h"
#include "report.h"

#define GITLAB_SAST_VERSION "15.2.1"
enum { GITLAB_IDS_MAX = 20 }; /* identifiers a vulnerability may have */

static json_t *named(const char *id, const char *version) {
  json_t *o = json_object(), *vendor = json_object();
  json_object_set_new(vendor, "name", json_string("plugvet"));
  json_object_set_new(o, "id", json_string(id));
  json_object_set_new(o, "name", json_string("plugvet"));
  json_object_set_new(o, "url", json_string(PV_HOME_URI));
  json_object_set_new(o, "vendor", vendor);
  json_object_set_new(o, "version", json_string(version));
  return o;
}

/* "yyyy-mm-ddThh:mm:ss" (UTC, no zone: the format's pattern). */
static json_t *when(const pv_report_set *set) {
  time_t t = set->has_epoch ? (time_t)set->epoch : time(NULL);
  struct tm tm;
  char buf[32] = "1970-01-01T00:00:00";
  if (gmtime_r(&t, &tm) != NULL)
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return json_string(buf);
}

/* Errors of the inputs as the scan's messages; status failure when any. */
static json_t *scan_json(const pv_report_set *set) {
  json_t *o = json_object(), *msgs = json_array();
  int failed = 0;
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    if (r->status != PV_INPUT_ERROR)
      continue;
    json_t *m = json_object();
    json_object_set_new(m, "level", json_string("fatal"));
    json_object_set_new(m, "value", pv_json_str(r->error ? r->error : r->input)); /* names it */
    json_array_append_new(msgs, m);
    failed = 1;
  }
  json_object_set_new(o, "analyzer", named("plugvet", set->version));
  json_object_set_new(o, "scanner", named("plugvet", set->version));
  json_object_set_new(o, "type", json_string("sast"));
  json_object_set_new(o, "start_time", when(set));
  json_object_set_new(o, "end_time", when(set));
  json_object_set_new(o, "status", json_string(failed ? "failure" : "success"));
  json_object_set_new(o, "messages", msgs);
  return o;
}

static const char *gitlab_severity(pv_severity s) {
  static const char *const names[] = {"Info", "Low", "Medium", "High", "Critical"};
  return s < PV_SEV_NONE ? names[s] : "Unknown";
}

static json_t *identifier(const char *type, const char *name, const char *value, const char *url) {
  json_t *o = json_object();
  json_object_set_new(o, "type", json_string(type));
  json_object_set_new(o, "name", pv_json_str(name));
  json_object_set_new(o, "value", pv_json_str(value));
  if (url != NULL)
    json_object_set_new(o, "url", pv_json_str(url));
  return o;
}

/* The rule first (primary), then its CWEs, then a dependency finding's
 * advisory group: at most GITLAB_IDS_MAX. */
static json_t *identifiers(const pv_finding *f) {
  const pv_rule_meta *m = f->group_rule ? f->group_rule : f->rule;
  json_t *a = json_array();
  char name[64], value[16], url[96];
  json_array_append_new(a, identifier("plugvet_rule", m->id, m->id, NULL));
  for (const char *const *c = m->cwe; c && *c && json_array_size(a) < GITLAB_IDS_MAX - 1; c++) {
    unsigned n = pv_cwe_number(*c);
    if (n == 0)
      continue;
    snprintf(name, sizeof name, "CWE-%u", n);
    snprintf(value, sizeof value, "%u", n);
    snprintf(url, sizeof url, "https://cwe.mitre.org/data/definitions/%u.html", n);
    json_array_append_new(a, identifier("cwe", name, value, url));
  }
  if (f->advisory) {
    const char *type = strncmp(f->advisory, "CVE-", 4) == 0    ? "cve"
                       : strncmp(f->advisory, "GHSA-", 5) == 0 ? "ghsa"
                                                               : "osv";
    json_array_append_new(a, identifier(type, f->advisory, f->advisory, NULL));
  }
  return a;
}

/* The fingerprint's 32 hex digits as a UUID: stable across runs. */
static json_t *uuid_of(const char *fp) {
  char buf[40];
  if (strlen(fp) != 32)
    return json_string(fp);
  snprintf(buf, sizeof buf, "%.8s-%.4s-%.4s-%.4s-%.12s", fp, fp + 8, fp + 12, fp + 16, fp + 20);
  return json_string(buf);
}

static json_t *links(const pv_rule_meta *m) {
  json_t *a = json_array();
  for (const char *const *r = m->references; r && *r; r++) {
    if (strncmp(*r, "https://", 8) != 0 && strncmp(*r, "http://", 7) != 0)
      continue;
    json_t *o = json_object();
    json_object_set_new(o, "url", pv_json_str(*r));
    json_array_append_new(a, o);
  }
  return a;
}

/* name: at most 255 characters (the format's limit), cut at a byte that
 * starts a UTF-8 sequence. */
static json_t *short_name(const char *s) {
  char buf[256];
  size_t n = strlen(s);
  if (n < sizeof buf)
    return pv_json_str(s);
  n = sizeof buf - 1;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
    n--;
  memcpy(buf, s, n);
  buf[n] = '\0';
  return pv_json_str(buf);
}

static json_t *vulnerability(const pv_result *r, const pv_finding *f) {
  const pv_rule_meta *m = f->group_rule ? f->group_rule : f->rule;
  json_t *o = json_object(), *loc = json_object();
  char *file = pv_result_root_path(r, f->path, 1);
  json_object_set_new(loc, "file", pv_json_str(file ? file : f->path));
  free(file);
  json_object_set_new(loc, "start_line", json_integer(f->start.line ? f->start.line : 1));
  if (f->end.line >= f->start.line && f->end.line > 0)
    json_object_set_new(loc, "end_line", json_integer(f->end.line));
  json_object_set_new(o, "id", uuid_of(f->fingerprint));
  json_object_set_new(o, "name", short_name(m->name ? m->name : m->id));
  json_object_set_new(o, "description", pv_json_str(f->message ? f->message : m->id));
  json_object_set_new(o, "severity", json_string(gitlab_severity(f->severity)));
  json_object_set_new(o, "identifiers", identifiers(f));
  json_t *ls = links(m);
  if (json_array_size(ls) > 0)
    json_object_set_new(o, "links", ls);
  else
    json_decref(ls);
  json_object_set_new(o, "location", loc);
  return o;
}

pv_status pv_gitlab_write(FILE *out, const pv_report_set *set, pv_error *err) {
  json_t *doc = json_object(), *vulns = json_array();
  json_object_set_new(doc, "version", json_string(GITLAB_SAST_VERSION));
  json_object_set_new(doc, "scan", scan_json(set));
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    for (size_t k = 0; k < r->findings.len; k++) {
      const pv_finding *f = pv_result_finding(r, k);
      if (!f->suppressed && f->rule != NULL)
        json_array_append_new(vulns, vulnerability(r, f));
    }
  }
  json_object_set_new(doc, "vulnerabilities", vulns);
  int bad =
      json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', out) == EOF;
  json_decref(doc);
  return bad ? pv_error_set(err, PV_FAILED, "cannot write the GitLab SAST report") : PV_OK;
}
