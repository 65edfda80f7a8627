/* jsonl.c — one JSON object per input per line (see docs/cli.md), and
 * the same line read back into a result (--resume with --sarif). */
#include <string.h>

#include "json_util.h"
#include "report.h"

/* The UTF-16 columns SARIF reports, when known. */
static void set_col16(json_t *o, uint32_t start, uint32_t end) {
  if (start == 0)
    return;
  json_object_set_new(o, "start_col16", json_integer(start));
  json_object_set_new(o, "end_col16", json_integer(end));
}

/* A taint finding's path: one object per step, source first. */
static json_t *flow_json(const pv_finding *f) {
  json_t *a = json_array();
  for (uint32_t i = 0; i < f->nflow; i++) {
    const pv_flow_step *s = &f->flow[i];
    json_t *o = json_object();
    json_object_set_new(o, "path", pv_json_str(s->path ? s->path : f->path));
    json_object_set_new(o, "start_line", json_integer(s->start.line));
    json_object_set_new(o, "start_col", json_integer(s->start.col));
    json_object_set_new(o, "end_line", json_integer(s->end.line));
    json_object_set_new(o, "end_col", json_integer(s->end.col));
    set_col16(o, s->col16_start, s->col16_end);
    json_object_set_new(o, "message", pv_json_str(s->message));
    json_array_append_new(a, o);
  }
  return a;
}

static json_t *finding_json(const pv_finding *f) {
  json_t *o = json_object();
  json_object_set_new(o, "rule_id", json_string(f->rule->id));
  json_object_set_new(o, "severity", json_string(pv_severity_name(f->severity)));
  json_object_set_new(o, "message", pv_json_str(f->message));
  json_object_set_new(o, "path", pv_json_str(f->path));
  json_object_set_new(o, "start_line", json_integer(f->start.line));
  json_object_set_new(o, "start_col", json_integer(f->start.col));
  json_object_set_new(o, "end_line", json_integer(f->end.line));
  json_object_set_new(o, "end_col", json_integer(f->end.col));
  set_col16(o, f->col16_start, f->col16_end);
  if (f->snippet)
    json_object_set_new(o, "snippet", pv_json_str(f->snippet));
  if (f->line_hash[0])
    json_object_set_new(o, "line_hash", json_string(f->line_hash));
  if (f->group_rule)
    json_object_set_new(o, "group_rule", json_string(f->group_rule->id));
  if (f->advisory)
    json_object_set_new(o, "advisory", json_string(f->advisory));
  if (f->rule->malware)
    json_object_set_new(o, "malware", json_string(f->rule->malware));
  json_object_set_new(o, "fingerprint", json_string(f->fingerprint));
  json_object_set_new(o, "suppressed", json_boolean(f->suppressed));
  if (f->suppression)
    json_object_set_new(o, "suppression", pv_json_str(f->suppression));
  if (f->nflow > 0)
    json_object_set_new(o, "flow", flow_json(f));
  if (f->fix)
    json_object_set_new(o, "fix", pv_json_str(f->fix));
  return o;
}

static int builtin_rule(const pv_rule_meta *m) {
  return m != NULL && (m->source_file == NULL || strcmp(m->source_file, "<builtin>") == 0);
}

static json_t *strv_json(const char *const *v) {
  json_t *a = json_array();
  for (; v && *v; v++)
    json_array_append_new(a, pv_json_str(*v));
  return a;
}

static void set_str(json_t *o, const char *key, const char *v) {
  if (v != NULL)
    json_object_set_new(o, key, pv_json_str(v));
}

/* What the reports say of a rule built into plugvet (its rule file does
 * not describe it): the SARIF rule descriptor's fields. */
static json_t *meta_json(const pv_rule_meta *m) {
  json_t *o = json_object();
  set_str(o, "name", m->name);
  set_str(o, "message", m->message);
  set_str(o, "description", m->description);
  json_object_set_new(o, "severity", json_string(pv_severity_name(m->severity)));
  set_str(o, "confidence", m->confidence);
  set_str(o, "precision", m->precision);
  if (m->security_score > 0)
    json_object_set_new(o, "security_score", json_real(m->security_score));
  set_str(o, "category", m->category);
  set_str(o, "capability", m->capability);
  set_str(o, "malware", m->malware);
  json_object_set_new(o, "cwe", strv_json(m->cwe));
  json_object_set_new(o, "owasp", strv_json(m->owasp));
  json_object_set_new(o, "references", strv_json(m->references));
  return o;
}

/* rule_meta: the builtin rules of r's findings by id (NULL: none). */
static json_t *builtin_metas(const pv_result *r) {
  json_t *o = json_object();
  for (size_t i = 0; i < r->findings.len; i++) {
    const pv_finding *f = pv_result_finding(r, i);
    const pv_rule_meta *ms[] = {f->rule, f->group_rule};
    for (size_t k = 0; k < 2; k++)
      if (builtin_rule(ms[k]) && json_object_get(o, ms[k]->id) == NULL)
        json_object_set_new(o, ms[k]->id, meta_json(ms[k]));
  }
  if (json_object_size(o) > 0)
    return o;
  json_decref(o);
  return NULL;
}

static json_t *note_json(const pv_note *n) {
  static const char *const levels[] = {"info", "warning", "error"};
  json_t *o = json_object();
  json_object_set_new(o, "level", json_string(levels[n->level]));
  json_object_set_new(o, "id", json_string(n->id));
  json_object_set_new(o, "path", pv_json_str(n->path));
  json_object_set_new(o, "message", pv_json_str(n->message));
  return o;
}

static json_t *result_json(const pv_result *r, const char *version, const char *pack) {
  json_t *o = json_object(), *fs = json_array(), *ns = json_array();
  size_t counts[PV_SEV_NONE] = {0};
  for (size_t i = 0; i < r->findings.len; i++) {
    const pv_finding *f = pv_result_finding(r, i);
    if (!f->suppressed)
      counts[f->severity]++;
    json_array_append_new(fs, finding_json(f));
  }
  for (size_t i = 0; i < r->notes.len; i++)
    json_array_append_new(ns, note_json(pv_result_note_at(r, i)));
  json_object_set_new(o, "input", pv_json_str(r->input));
  json_object_set_new(o, "sha256", json_string(r->sha256));
  json_object_set_new(o, "kind", json_string(r->kind));
  const char *status = r->status == PV_INPUT_ERROR ? "error" : r->partial ? "partial" : "scanned";
  json_object_set_new(o, "status", json_string(status));
  if (r->status == PV_INPUT_ERROR)
    json_object_set_new(o, "error", pv_json_str(r->error));
  json_object_set_new(o, "files", json_integer((json_int_t)r->files.len));
  json_object_set_new(o, "bytes", json_integer((json_int_t)r->bytes));
  json_object_set_new(o, "excluded", json_integer((json_int_t)r->excluded));
  json_object_set_new(o, "unparsed", json_integer((json_int_t)r->unparsed));
  json_object_set_new(o, "unparsed_bytes", json_integer((json_int_t)r->unparsed_bytes));
  json_object_set_new(o, "counts", pv_json_counts(counts));
  if (r->status != PV_INPUT_ERROR)
    json_object_set_new(o, "risk", pv_json_risk(r));
  if (r->declared != NULL)
    json_object_set_new(o, "declared", pv_json_declared(r->declared));
  json_object_set_new(o, "findings", fs);
  json_object_set_new(o, "notes", ns);
  json_t *metas = builtin_metas(r);
  if (metas != NULL)
    json_object_set_new(o, "rule_meta", metas);
  if (version != NULL)
    json_object_set_new(o, "plugvet", json_string(version));
  if (pack != NULL)
    json_object_set_new(o, "rules", json_string(pack));
  return o;
}

pv_status pv_jsonl_write(FILE *out, const pv_result *r, const char *version, const char *pack,
                         pv_error *err) {
  json_t *o = result_json(r, version, pack);
  int bad = o == NULL || json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 ||
            fputc('\n', out) == EOF;
  json_decref(o);
  if (bad)
    return pv_error_set(err, PV_FAILED, "cannot write the JSON line for %s", r->input);
  return PV_OK;
}
