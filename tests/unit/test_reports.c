/* test_reports.c — the SARIF, text, JSON-lines and policy writers on a
 * result built by hand: GitHub's required fields, UTF-16 columns, levels,
 * suppression, notifications, determinism, and taint flows (codeFlows,
 * numbered steps, the JSON "flow" array; fingerprints untouched). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../reports/baseline.h"
#include "../../reports/report.h"
#include "../../scanner/findings.h"
#include "../../scanner/permissions.h"
#include "tap.h"

static const char *const cwe[] = {"CWE-95: Eval Injection", NULL};
static pv_rule_meta rule_eval = {.id = "t.eval",
                                 .name = "eval",
                                 .message = "eval of $x",
                                 .description = "Eval runs code.",
                                 .severity = PV_SEV_HIGH,
                                 .confidence = "high",
                                 .category = "security",
                                 .cwe = cwe,
                                 .source_file = "t.yaml"};
static pv_rule_meta rule_info = {
    .id = "t.info", .message = "note", .severity = PV_SEV_INFO, .source_file = "t.yaml"};

/* The range of the first occurrence of needle in f (byte columns). */
static void span(const pv_file *f, const char *needle, pv_pos *start, pv_pos *end) {
  const char *src = (const char *)f->data, *p = strstr(src, needle);
  uint32_t line = 1, col = 1;
  for (const char *q = src; q < p; q++) {
    if (*q == '\n') {
      line = line + 1;
      col = 1;
    } else {
      col++;
    }
  }
  uint32_t b = (uint32_t)(p - src), n = (uint32_t)strlen(needle);
  *start = (pv_pos){line, col, b};
  *end = (pv_pos){line, col + n, b + n};
}

/* A finding on the first occurrence of needle in f. */
static void add(pv_result *r, pv_file *f, pv_rule_meta *rule, const char *needle) {
  pv_finding fd = {
      .rule = rule, .severity = rule->severity, .message = "eval of x", .file = f, .path = f->path};
  span(f, needle, &fd.start, &fd.end);
  pv_result_add_finding(r, &fd, NULL);
}

static pv_result *sample(void) {
  static const char src[] =
      "const s = 'h\xc3\xa9\xf0\x9f\x98\x80';  eval(x);\n"
      "eval(y); // nosemgrep\n"
      "\n"
      "info();\n";
  pv_limits lim = pv_limits_default();
  pv_result *r = pv_result_new("plugin.tgz");
  pv_file f = {.path = "package/a.js", .data = (const unsigned char *)src, .size = strlen(src)};
  pv_file *fp = pv_result_add_file(r, &f);
  r->kind = "tar.gz";
  memset(r->sha256, 'a', 64);
  add(r, fp, &rule_eval, "eval(x)");
  add(r, fp, &rule_eval, "eval(y)");
  add(r, fp, &rule_info, "info()");
  pv_result_note(r, PV_NOTE_WARNING, "parse-error", "package/b.js", "package/b.js: broken");
  pv_findings_finish(r, &lim);
  return r;
}

/* ---- a taint finding: source in a.js, a step in lib.js, sink in a.js ---- */

static pv_rule_meta rule_exec = {.id = "t.exec",
                                 .message = "exec of a request value",
                                 .severity = PV_SEV_CRITICAL,
                                 .source_file = "t.yaml"};

/* é (2 bytes, 1 UTF-16 unit) before the sink; 😀 (4 bytes, 2 units) before
 * the step in lib.js, so each file's columns differ in their own way. */
static const char flow_a[] =
    "const c = req.query.cmd;\n"
    "const s = '\xc3\xa9'; exec(buildCommand(c));\n";
static const char flow_lib[] =
    "// helpers\n"
    "function buildCommand(c) { const k = '\xf0\x9f\x98\x80'; "
    "return 'ls ' + c; }\n";

/* A 3-step flow in r's arena. */
static pv_flow_step *flow_steps(pv_result *r, const pv_file *a, const pv_file *lib) {
  pv_flow_step *st = pv_arena_alloc(r->arena, 3 * sizeof *st);
  static const char *const needles[] = {"req.query.cmd", "'ls ' + c", "exec(buildCommand(c))"};
  static const char *const notes[] = {"tainted by req.query.cmd", "returned from buildCommand()",
                                      "passed to exec()"};
  for (int i = 0; i < 3; i++) {
    const pv_file *f = i == 1 ? lib : a;
    st[i] = (pv_flow_step){.file = f, .path = f->path, .message = notes[i]};
    span(f, needles[i], &st[i].start, &st[i].end);
  }
  return st;
}

/* The exec finding; with_flow: 0 none, 1 with its flow, 2 twice (without,
 * then with: a duplicate), 3 twice (with, then without). */
static pv_result *flow_sample(int with_flow) {
  pv_limits lim = pv_limits_default();
  pv_result *r = pv_result_new("plugin.tgz");
  pv_file fa = {
      .path = "package/a.js", .data = (const unsigned char *)flow_a, .size = strlen(flow_a)};
  pv_file fl = {
      .path = "package/lib.js", .data = (const unsigned char *)flow_lib, .size = strlen(flow_lib)};
  pv_file *a = pv_result_add_file(r, &fa), *lib = pv_result_add_file(r, &fl);
  r->kind = "tar.gz";
  memset(r->sha256, 'b', 64);
  pv_finding fd = {.rule = &rule_exec,
                   .severity = rule_exec.severity,
                   .message = "exec of a request value",
                   .file = a,
                   .path = a->path};
  span(a, "exec(buildCommand(c))", &fd.start, &fd.end);
  pv_finding with = fd;
  with.flow = flow_steps(r, a, lib);
  with.nflow = 3;
  if (with_flow == 3)
    pv_result_add_finding(r, &with, NULL);
  if (with_flow != 1)
    pv_result_add_finding(r, &fd, NULL);
  if (with_flow != 0 && with_flow != 3)
    pv_result_add_finding(r, &with, NULL);
  pv_findings_finish(r, &lim);
  return r;
}

/* Run a writer into memory. */
static char *render(pv_status (*w)(FILE *, const pv_report_set *, pv_error *),
                    const pv_report_set *set) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  pv_error err = {0};
  pv_status rc = w(f, set, &err);
  fclose(f);
  if (rc != PV_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

static json_t *path(json_t *j, const char *p) {
  char key[64];
  while (j && *p) {
    size_t n = strcspn(p, ".");
    snprintf(key, sizeof key, "%.*s", (int)n, p);
    char *end;
    long idx = strtol(key, &end, 10);
    j = (*end == '\0' && json_is_array(j)) ? json_array_get(j, (size_t)idx)
                                           : json_object_get(j, key);
    p += n + (p[n] == '.');
  }
  return j;
}

static const char *s_at(json_t *j, const char *p) {
  return json_string_value(path(j, p));
}

static void test_sarif(pv_result *r) {
  pv_result *rs[] = {r};
  pv_report_set set = {.results = rs, .count = 1, .version = "9.9.9"};
  char *out = render(pv_sarif_write, &set);
  json_t *j = json_loads(out ? out : "", 0, NULL);
  ok(j != NULL, "SARIF is JSON");
  is_str(s_at(j, "version"), "2.1.0", "version 2.1.0");
  is_str(s_at(j, "runs.0.tool.driver.semanticVersion"), "9.9.9", "semanticVersion");
  is_str(s_at(j, "runs.0.columnKind"), "utf16CodeUnits", "columnKind");
  json_t *res = path(j, "runs.0.results");
  is_int((long long)json_array_size(res), 3, "the suppressed finding is kept");
  is_str(s_at(res, "1.suppressions.0.kind"), "inSource", "... as an inSource suppression");
  ok(path(res, "0.suppressions") == NULL, "an unsuppressed finding has no suppressions (twin)");
  is_str(s_at(res, "0.ruleId"), "t.eval", "first result: the eval on line 1");
  long long idx = json_integer_value(path(res, "0.ruleIndex"));
  is_str(s_at(j, "runs.0.tool.driver.rules.0.id"), idx == 0 ? "t.eval" : "?",
         "ruleIndex points at its rule");
  is_str(s_at(res, "0.level"), "error", "high → error");
  is_str(s_at(res, "2.level"), "note", "info → note");
  /* "const s = '" (11 units) h é (1 unit each) 😀 (2 units) "';  " (4 units):
   * eval starts at byte 22 (column 23) after 19 UTF-16 units, column 20. */
  is_int(json_integer_value(path(res, "0.locations.0.physicalLocation.region.startColumn")), 20,
         "startColumn counts UTF-16 units, not bytes");
  is_int(json_integer_value(path(res, "0.locations.0.physicalLocation.region.endColumn")), 27,
         "endColumn too");
  is_str(s_at(res, "0.locations.0.physicalLocation.artifactLocation.uri"), "package/a.js",
         "an archive's file is named by its path inside");
  ok(s_at(res, "0.partialFingerprints.primaryLocationLineHash") != NULL,
     "primaryLocationLineHash is set");
  json_t *sev = path(j, "runs.0.tool.driver.rules.0.properties.security-severity");
  if (ok(json_is_string(sev), "security-severity is a string"))
    ok(strtod(json_string_value(sev), NULL) > 7.0, "security-severity holds a number over 7.0 (%s)",
       json_string_value(sev));
  json_t *tags = path(j, "runs.0.tool.driver.rules.0.properties.tags");
  int cwe_tag = 0;
  for (size_t i = 0; i < json_array_size(tags); i++)
    cwe_tag |= strcmp(json_string_value(json_array_get(tags, i)), "external/cwe/cwe-95") == 0;
  ok(cwe_tag, "CWE tag external/cwe/cwe-95");
  ok(json_array_size(path(j, "runs.0.invocations.0.toolExecutionNotifications")) >= 1,
     "the parse error is a tool notification");
  is_str(s_at(j, "runs.0.artifacts.0.hashes.sha-256"),
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "the archive is an artifact with its sha256");
  char *again = render(pv_sarif_write, &set);
  if (ok(again != NULL, "SARIF rendered twice"))
    is_str(again, out, "SARIF output is deterministic");
  ok(path(j, "runs.0.invocations.0.endTimeUtc") == NULL, "no endTimeUtc without has_epoch");
  set.has_epoch = 1;
  set.epoch = 1700000000;
  char *timed = render(pv_sarif_write, &set);
  json_t *j3 = json_loads(timed ? timed : "", 0, NULL);
  is_str(s_at(j3, "runs.0.invocations.0.endTimeUtc"), "2023-11-14T22:13:20Z",
         "has_epoch: endTimeUtc is the epoch, in UTC (twin)");
  json_decref(j3);
  free(timed);
  json_decref(j);
  free(out);
  free(again);
}

static void test_text(pv_result *r) {
  pv_result *rs[] = {r};
  pv_report_set set = {.results = rs, .count = 1, .version = "9.9.9"};
  char *out = render(pv_text_write, &set);
  has_str(out, "HIGH t.eval", "text: severity and rule id");
  has_str(out, "package/a.js:1:23", "text: file:line:col (bytes)");
  lacks_str(out, "\033[", "text: no colour unless asked");
  has_str(out, "2 findings (0 critical, 1 high, 0 medium, 0 low, 1 info; 1 suppressed)",
          "text: summary counts");
  set.color = 1;
  char *col = render(pv_text_write, &set);
  has_str(col, "\033[", "text: colour when asked (twin)");
  free(out);
  free(col);
}

static void test_policy(pv_result *r) {
  pv_result *rs[] = {r, r};
  pv_report_set set = {.results = rs, .count = 1};
  ok(render(pv_policy_write, &set) == NULL, "policy: refused without a permissions read");
  pv_limits lim = pv_limits_default();
  r->permissions = pv_permissions_read(r, &lim);
  char *out = render(pv_policy_write, &set);
  json_t *j = json_loads(out ? out : "", 0, NULL);
  is_str(s_at(j, "network"), "none", "policy: no declaration, no network");
  is_str(s_at(j, "fs.read.0"), ".", "policy: the plugin directory is readable");
  set.count = 2;
  ok(render(pv_policy_write, &set) == NULL, "policy: refused for two inputs (twin)");
  json_decref(j);
  free(out);
}

/* Validate a SARIF file with ajv (tests/validate-schema.js), run from the
 * top of the tree as make test does; skipped without node or its modules. */
static void validate_sarif(const char *file) {
  const char *schema = "tests/data/schemas/sarif-schema-2.1.0.json";
  char cmd[1024];
  if (access("tests/validate-schema.js", R_OK) != 0 ||
      access("build/node/node_modules", R_OK) != 0 || access(schema, R_OK) != 0 ||
      system("command -v node >/dev/null 2>&1") != 0) {
    tap_skip("SARIF with codeFlows validates: no node, build/node or schema here");
    return;
  }
  snprintf(cmd, sizeof cmd, "node tests/validate-schema.js '%s' '%s' >/dev/null 2>&1", schema,
           file);
  ok(system(cmd) == 0, "SARIF with codeFlows validates against the 2.1.0 schema");
}

static const char *step_at(json_t *tfl, int i, const char *p) {
  char key[128];
  snprintf(key, sizeof key, "%d.location.%s", i, p);
  return s_at(tfl, key);
}

static long long int_at(json_t *j, const char *p) {
  return json_integer_value(path(j, p));
}

static void test_flow_sarif(pv_result *rf, pv_result *plain) {
  pv_result *rs[] = {rf};
  pv_report_set set = {.results = rs, .count = 1, .version = "9.9.9"};
  char *out = render(pv_sarif_write, &set), *again = render(pv_sarif_write, &set);
  json_t *j = json_loads(out ? out : "", 0, NULL), *res = path(j, "runs.0.results.0");
  json_t *tfl = path(res, "codeFlows.0.threadFlows.0.locations");
  is_int((long long)json_array_size(path(res, "codeFlows")), 1, "flow: one codeFlow");
  is_int((long long)json_array_size(tfl), 3, "flow: one threadFlowLocation per step");
  is_str(step_at(tfl, 0, "message.text"), "tainted by req.query.cmd", "flow: the source first");
  is_str(step_at(tfl, 1, "message.text"), "returned from buildCommand()", "flow: then the call");
  is_str(step_at(tfl, 2, "message.text"), "passed to exec()", "flow: the sink last");
  is_str(step_at(tfl, 1, "physicalLocation.artifactLocation.uri"), "package/lib.js",
         "flow: a step in another file names that file");
  is_int(int_at(tfl, "0.location.physicalLocation.region.startColumn"), 11, "flow: source column");
  /* lib.js line 2: 'ls ' is at byte column 53, after a 4-byte, 2-unit 😀 */
  is_int(int_at(tfl, "1.location.physicalLocation.region.startLine"), 2, "flow: step line");
  is_int(int_at(tfl, "1.location.physicalLocation.region.startColumn"), 51,
         "flow: step columns are UTF-16 units of its own file");
  is_int(int_at(tfl, "1.location.physicalLocation.region.endColumn"), 60, "flow: step endColumn");
  /* a.js line 2: exec at byte column 17, after a 2-byte, 1-unit é */
  is_int(int_at(tfl, "2.location.physicalLocation.region.startColumn"), 16, "flow: sink column");
  is_int(int_at(res, "relatedLocations.0.id"), 1, "relatedLocations: the source, id 1");
  is_str(s_at(res, "relatedLocations.0.message.text"), "tainted by req.query.cmd",
         "relatedLocations: with its message");
  is_str(s_at(res, "relatedLocations.0.physicalLocation.artifactLocation.uri"), "package/a.js",
         "relatedLocations: in its file");
  is_int(int_at(res, "locations.0.physicalLocation.region.startColumn"), 16,
         "the result's own location is the sink");
  is_str(s_at(res, "message.text"), "exec of a request value ([source](1))",
         "the message links the source (GitHub shows linked related locations)");
  if (ok(again != NULL, "SARIF with flows rendered twice"))
    is_str(again, out, "SARIF with flows is deterministic");
  pv_result *ps[] = {plain};
  set.results = ps;
  char *pout = render(pv_sarif_write, &set);
  lacks_str(pout, "codeFlows", "no flow, no codeFlows (twin)");
  lacks_str(pout, "relatedLocations", "no flow, no relatedLocations (twin)");
  lacks_str(pout, "[source](1)", "... nor a link in the message");
  char file[] = "/tmp/pv-test-reports-XXXXXX";
  int fd = mkstemp(file);
  if (fd >= 0) {
    if (ok(out != NULL, "SARIF with flows rendered"))
      is_int(write(fd, out, strlen(out)), (long long)strlen(out), "SARIF written to a temp file");
    close(fd);
    validate_sarif(file);
    pv_baseline *b = NULL;
    pv_error err = {0};
    pv_result *noflow = flow_sample(0);
    pv_baseline_load(file, 1u << 20, &b, &err);
    is_int((long long)(b ? pv_baseline_filter(b, noflow) : 99), 1,
           "a baseline with the flow knows the same finding without one");
    pv_baseline_free(b);
    pv_result_delete(noflow);
    unlink(file);
  }
  json_decref(j);
  free(out);
  free(again);
  free(pout);
}

static void test_flow_text(pv_result *rf, pv_result *plain) {
  pv_result *rs[] = {rf};
  pv_report_set set = {.results = rs, .count = 1, .version = "9.9.9"};
  char *out = render(pv_text_write, &set);
  static const char *const steps[] = {
      "\n    1. package/a.js:1:11  tainted by req.query.cmd\n",
      "\n    2. package/lib.js:2:53  returned from buildCommand()\n",
      "\n    3. package/a.js:2:17  passed to exec()\n"};
  const char *at[3];
  for (int i = 0; i < 3; i++) {
    has_str(out, steps[i], "text: step %d, numbered", i + 1);
    at[i] = out ? strstr(out, steps[i]) : NULL;
  }
  for (int i = 1; i < 3; i++)
    if (at[i - 1] != NULL && at[i] != NULL)
      ok(at[i - 1] < at[i], "text: step %d before step %d", i, i + 1);
  set.color = 1;
  char *col = render(pv_text_write, &set);
  has_str(col, steps[1], "text: steps are not coloured");
  pv_result *ps[] = {plain};
  set.results = ps;
  set.color = 0;
  char *pout = render(pv_text_write, &set);
  lacks_str(pout, "    1. ", "text: no flow, no steps (twin)");
  free(out);
  free(col);
  free(pout);
}

static char *render_jsonl(const pv_result *r) {
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  pv_error err = {0};
  pv_jsonl_write(f, r, NULL, NULL, &err);
  fclose(f);
  return buf;
}

static void test_flow_jsonl(pv_result *rf, pv_result *plain) {
  char *out = render_jsonl(rf), *pout = render_jsonl(plain);
  json_t *j = json_loads(out ? out : "", 0, NULL), *pj = json_loads(pout ? pout : "", 0, NULL);
  json_t *fl = path(j, "findings.0.flow");
  is_int((long long)json_array_size(fl), 3, "jsonl: a flow of 3 steps");
  is_str(s_at(fl, "0.message"), "tainted by req.query.cmd", "jsonl: source first");
  is_str(s_at(fl, "1.path"), "package/lib.js", "jsonl: a step's own path");
  is_int(int_at(fl, "1.start_line"), 2, "jsonl: a step's range: start line");
  is_int(int_at(fl, "1.start_col"), 53, "jsonl: a step's range in byte columns: start");
  is_int(int_at(fl, "1.end_line"), 2, "jsonl: a step's range: end line");
  is_int(int_at(fl, "1.end_col"), 62, "jsonl: a step's range in byte columns: end");
  is_str(s_at(fl, "2.message"), "passed to exec()", "jsonl: sink last");
  ok(path(pj, "findings.0") != NULL, "jsonl: the finding without a flow is written");
  ok(path(pj, "findings.0.flow") == NULL, "jsonl: no flow, no flow key (twin)");
  json_decref(j);
  json_decref(pj);
  free(out);
  free(pout);
}

/* Flows change neither the fingerprint nor the line hash, and which of two
 * duplicates is kept does not depend on the order they were found in. */
static void test_flow_identity(pv_result *rf, pv_result *plain) {
  const pv_finding *a = pv_result_finding(rf, 0);
  const pv_finding *b = pv_result_finding(plain, 0);
  is_str(a->fingerprint, b->fingerprint, "fingerprint: the same with or without a flow");
  is_str(a->line_hash, b->line_hash, "line hash: the same with or without a flow");
  pv_result *d1 = flow_sample(2), *d2 = flow_sample(3);
  is_int(d1->findings.len, 1, "dedupe: a duplicate with a flow is dropped (found second)");
  is_int(d2->findings.len, 1, "dedupe: a duplicate with a flow is dropped (found first)");
  if (d1->findings.len == 1 && d2->findings.len == 1)
    is_int(pv_result_finding(d1, 0)->nflow, pv_result_finding(d2, 0)->nflow,
           "dedupe: the same one is kept in either order");
  pv_result_delete(d1);
  pv_result_delete(d2);
}

int main(void) {
  pv_result *r = sample();
  test_sarif(r);
  test_text(r);
  test_policy(r);
  pv_result *rf = flow_sample(1), *plain = flow_sample(0);
  test_flow_sarif(rf, plain);
  test_flow_text(rf, plain);
  test_flow_jsonl(rf, plain);
  test_flow_identity(rf, plain);
  pv_result_delete(rf);
  pv_result_delete(plain);
  pv_result_delete(r);
  return tap_done();
}
