/* jsonl_read.c — a line pv_jsonl_write wrote, read back into a result:
 * what --resume needs to write SARIF for the inputs an earlier run
 * scanned. Every field is checked: the file may have been edited. */
#include <string.h>

#include <jansson.h>

#include "../scanner/declared.h"
#include "report.h"

typedef struct {
  pv_result *r;
  json_t *metas;           /* the line's rule_meta object, or NULL */
  const pv_ruleset *rules; /* may be NULL */
  const char *why;         /* the first field found wrong */
} reader;

static const char *str_of(json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* The string at key copied into the arena; NULL when absent or null. */
static const char *arena_str(reader *rd, json_t *o, const char *key) {
  const char *s = str_of(o, key);
  return s ? pv_arena_strdup(rd->r->arena, s) : NULL;
}

/* A non-negative integer below 2^32 at key, else 0 (and why is set when
 * the key holds something else). */
static uint32_t u32_of(reader *rd, json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  if (v == NULL)
    return 0;
  json_int_t n = json_integer_value(v);
  if (!json_is_integer(v) || n < 0 || n > UINT32_MAX) {
    rd->why = key;
    return 0;
  }
  return (uint32_t)n;
}

static int severity_of(reader *rd, json_t *o) {
  int s = pv_severity_parse(str_of(o, "severity"));
  if (s < 0 || s >= PV_SEV_NONE)
    rd->why = "severity";
  return s < 0 || s >= PV_SEV_NONE ? PV_SEV_INFO : s;
}

/* A NULL-terminated array of the strings of a (non-strings skipped). */
static const char *const *strv_of(reader *rd, json_t *a) {
  size_t n = json_array_size(a), k = 0;
  const char **v = pv_arena_alloc(rd->r->arena, (n + 1) * sizeof *v);
  if (v == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    const char *s = json_string_value(json_array_get(a, i));
    if (s != NULL)
      v[k++] = pv_arena_strdup(rd->r->arena, s);
  }
  v[k] = NULL;
  return v;
}

/* The line's description of a builtin rule (meta_json in jsonl.c). */
static const pv_rule_meta *meta_from_line(reader *rd, const char *id, json_t *o, int sev) {
  pv_rule_meta *m = pv_arena_alloc(rd->r->arena, sizeof *m);
  if (m == NULL)
    return NULL;
  *m = (pv_rule_meta){.id = pv_arena_strdup(rd->r->arena, id),
                      .name = arena_str(rd, o, "name"),
                      .message = arena_str(rd, o, "message"),
                      .description = arena_str(rd, o, "description"),
                      .severity = json_is_object(o) ? severity_of(rd, o) : sev,
                      .confidence = arena_str(rd, o, "confidence"),
                      .precision = arena_str(rd, o, "precision"),
                      .security_score = json_number_value(json_object_get(o, "security_score")),
                      .category = arena_str(rd, o, "category"),
                      .capability = arena_str(rd, o, "capability"),
                      .malware = arena_str(rd, o, "malware"),
                      .cwe = strv_of(rd, json_object_get(o, "cwe")),
                      .owasp = strv_of(rd, json_object_get(o, "owasp")),
                      .references = strv_of(rd, json_object_get(o, "references")),
                      .source_file = "<builtin>"};
  if (m->malware != NULL && pv_malware_group(m->malware) < 0)
    m->malware = NULL;
  return m;
}

/* The rule of that id: the loaded pack's (the line is of the same pack),
 * else the line's rule_meta, else one knowing only its id. */
static const pv_rule_meta *rule_of(reader *rd, const char *id, int sev) {
  size_t n = rd->rules ? pv_ruleset_count(rd->rules) : 0;
  for (size_t i = 0; i < n; i++) {
    const pv_rule_meta *m = pv_ruleset_meta(rd->rules, i);
    if (strcmp(m->id, id) == 0)
      return m;
  }
  return meta_from_line(rd, id, json_object_get(rd->metas, id), sev);
}

static void read_pos(reader *rd, json_t *o, pv_pos *start, pv_pos *end) {
  *start = (pv_pos){u32_of(rd, o, "start_line"), u32_of(rd, o, "start_col"), 0};
  *end = (pv_pos){u32_of(rd, o, "end_line"), u32_of(rd, o, "end_col"), 0};
}

static pv_flow_step *read_flow(reader *rd, json_t *a, uint32_t *n) {
  size_t len = json_array_size(a);
  pv_flow_step *v = len ? pv_arena_alloc(rd->r->arena, len * sizeof *v) : NULL;
  if (v == NULL)
    return NULL;
  for (size_t i = 0; i < len; i++) {
    json_t *o = json_array_get(a, i);
    pv_flow_step *s = &v[i];
    *s = (pv_flow_step){.path = arena_str(rd, o, "path"), .message = arena_str(rd, o, "message")};
    read_pos(rd, o, &s->start, &s->end);
    s->col16_start = u32_of(rd, o, "start_col16");
    s->col16_end = u32_of(rd, o, "end_col16");
  }
  *n = (uint32_t)len;
  return v;
}

static void copy_hex(char *dst, size_t cap, const char *s) {
  if (s != NULL && strlen(s) < cap)
    memcpy(dst, s, strlen(s) + 1);
}

static int read_finding(reader *rd, json_t *o, const pv_limits *lim) {
  const char *id = str_of(o, "rule_id"), *group = str_of(o, "group_rule");
  if (id == NULL || str_of(o, "path") == NULL) {
    rd->why = "rule_id and path of a finding";
    return -1;
  }
  pv_finding f = {.severity = severity_of(rd, o),
                  .message = arena_str(rd, o, "message"),
                  .path = arena_str(rd, o, "path"),
                  .snippet = arena_str(rd, o, "snippet"),
                  .advisory = arena_str(rd, o, "advisory"),
                  .suppressed = json_is_true(json_object_get(o, "suppressed")),
                  .suppression = arena_str(rd, o, "suppression"),
                  .fix = arena_str(rd, o, "fix")};
  f.rule = rule_of(rd, id, (int)f.severity);
  f.group_rule = group ? rule_of(rd, group, (int)f.severity) : NULL;
  read_pos(rd, o, &f.start, &f.end);
  f.col16_start = u32_of(rd, o, "start_col16");
  f.col16_end = u32_of(rd, o, "end_col16");
  copy_hex(f.fingerprint, sizeof f.fingerprint, str_of(o, "fingerprint"));
  copy_hex(f.line_hash, sizeof f.line_hash, str_of(o, "line_hash"));
  f.flow = read_flow(rd, json_object_get(o, "flow"), &f.nflow);
  if (f.rule == NULL || (group && f.group_rule == NULL) || f.path == NULL)
    return -1;
  return pv_result_add_finding(rd->r, &f, lim) ? 0 : -1;
}

static void read_note(reader *rd, json_t *o) {
  static const char *const levels[] = {"info", "warning", "error"};
  const char *level = str_of(o, "level"), *id = str_of(o, "id"), *msg = str_of(o, "message");
  for (int l = 0; level && id && msg && l < 3; l++)
    if (strcmp(level, levels[l]) == 0) {
      pv_result_note(rd->r, (pv_note_level)l, arena_str(rd, o, "id"), arena_str(rd, o, "path"),
                     "%s", msg);
      return;
    }
  rd->why = "a note";
}

/* The input's declared summary (pv_json_declared), when the line has one. */
static void read_declared(reader *rd, json_t *o) {
  pv_declared *d = o ? pv_arena_alloc(rd->r->arena, sizeof *d) : NULL;
  if (o == NULL || d == NULL)
    return;
  memset(d, 0, sizeof *d);
  d->kind = arena_str(rd, o, "kind");
  d->manifest = arena_str(rd, o, "manifest");
  const char *k;
  json_t *v;
  json_object_foreach(o, k, v) {
    if (strcmp(k, "kind") == 0 || strcmp(k, "manifest") == 0)
      continue;
    const char *const *items = json_is_array(v) ? strv_of(rd, v) : NULL;
    size_t n = 0;
    while (items && items[n])
      n++;
    if (items == NULL || n == 0 || n != json_array_size(v) ||
        pv_declared_add(d, pv_arena_strdup(rd->r->arena, k), items, n) != 0)
      d->kind = NULL;
  }
  if (d->kind == NULL)
    rd->why = "declared";
  rd->r->declared = d;
}

/* Status, identity and counts of the input. */
static int read_input(reader *rd, json_t *o) {
  pv_result *r = rd->r;
  const char *status = str_of(o, "status"), *sha = str_of(o, "sha256");
  const char *kind = arena_str(rd, o, "kind");
  if (status == NULL || sha == NULL || strlen(sha) >= sizeof r->sha256 || kind == NULL) {
    rd->why = "status, sha256 or kind";
    return -1;
  }
  memcpy(r->sha256, sha, strlen(sha) + 1);
  r->kind = kind;
  if (strcmp(status, "error") == 0) {
    r->status = PV_INPUT_ERROR;
    r->error = arena_str(rd, o, "error");
  }
  r->bytes = (uint64_t)json_integer_value(json_object_get(o, "bytes"));
  r->excluded = u32_of(rd, o, "excluded");
  r->unparsed = u32_of(rd, o, "unparsed");
  r->unparsed_bytes = (uint64_t)json_integer_value(json_object_get(o, "unparsed_bytes"));
  read_declared(rd, json_object_get(o, "declared"));
  return 0;
}

static int read_line(reader *rd, json_t *o, const pv_limits *lim) {
  json_t *fs = json_object_get(o, "findings"), *ns = json_object_get(o, "notes");
  if (!json_is_array(fs) || !json_is_array(ns)) {
    rd->why = "findings and notes";
    return -1;
  }
  if (read_input(rd, o) != 0)
    return -1;
  for (size_t i = 0; i < json_array_size(fs); i++)
    if (read_finding(rd, json_array_get(fs, i), lim) != 0)
      return -1;
  for (size_t i = 0; i < json_array_size(ns); i++)
    read_note(rd, json_array_get(ns, i));
  /* the status says partial whatever the notes were */
  if (strcmp(str_of(o, "status"), "partial") == 0 && rd->r->partial == 0)
    rd->r->partial = 1;
  return rd->why ? -1 : 0;
}

pv_status pv_jsonl_read(const char *line, const pv_ruleset *rules, const pv_limits *lim,
                        pv_result **out, pv_error *err) {
  *out = NULL;
  json_error_t je;
  json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &je);
  const char *input = str_of(o, "input");
  if (o == NULL || input == NULL) {
    pv_error_set(err, PV_FAILED, "not a plugvet JSON line (%s)", o ? "no input" : je.text);
    json_decref(o);
    return err->code;
  }
  reader rd = {.r = pv_result_new(input), .metas = json_object_get(o, "rule_meta"), .rules = rules};
  if (rd.r == NULL) {
    json_decref(o);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  if (read_line(&rd, o, lim) != 0) {
    pv_error_set(err, PV_FAILED, "%s: the line cannot be read back (%s)", rd.r->input,
                 rd.why ? rd.why : "out of memory");
    pv_result_delete(rd.r);
    rd.r = NULL;
  }
  json_decref(o);
  *out = rd.r;
  return *out ? PV_OK : err->code;
}
