/* test_reports.c — the SARIF, text, JSON-lines and policy writers on a
 * result built by hand: GitHub's required fields, UTF-16 columns, levels,
 * suppression, notifications, and determinism. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../reports/report.h"
#include "../../scanner/findings.h"
#include "../../scanner/permissions.h"
#include "tap.h"

static const char *const cwe[] = {"CWE-95: Eval Injection", NULL};
static pv_rule_meta rule_eval = {.id = "t.eval", .name = "eval", .message = "eval of $x",
                                 .description = "Eval runs code.", .severity = PV_SEV_HIGH,
                                 .confidence = "high", .category = "security", .cwe = cwe,
                                 .source_file = "t.yaml"};
static pv_rule_meta rule_info = {.id = "t.info", .message = "note", .severity = PV_SEV_INFO,
                                 .source_file = "t.yaml"};

/* A finding on the first occurrence of needle in f. */
static void add(pv_result *r, pv_file *f, pv_rule_meta *rule, const char *needle) {
  const char *src = (const char *)f->data, *p = strstr(src, needle);
  uint32_t line = 1, col = 1;
  for (const char *q = src; q < p; q++) {
    if (*q == '\n') line = line + 1, col = 1;
    else col++;
  }
  uint32_t b = (uint32_t)(p - src), n = (uint32_t)strlen(needle);
  pv_finding fd = {.rule = rule, .severity = rule->severity, .message = "eval of x", .file = f,
                   .path = f->path, .start = {line, col, b}, .end = {line, col + n, b + n}};
  pv_result_add_finding(r, &fd, NULL);
}

static pv_result *sample(void) {
  static const char src[] = "const s = 'h\xc3\xa9\xf0\x9f\x98\x80';  eval(x);\n"
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
    j = (*end == '\0' && json_is_array(j)) ? json_array_get(j, (size_t)idx) : json_object_get(j, key);
    p += n + (p[n] == '.');
  }
  return j;
}

static const char *s_at(json_t *j, const char *p) { return json_string_value(path(j, p)); }

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
  is_int((long long)json_array_size(res), 2, "the suppressed finding is left out");
  is_str(s_at(res, "0.ruleId"), "t.eval", "first result: the eval on line 1");
  long long idx = json_integer_value(path(res, "0.ruleIndex"));
  is_str(s_at(j, "runs.0.tool.driver.rules.0.id"), idx == 0 ? "t.eval" : "?", "ruleIndex points at its rule");
  is_str(s_at(res, "0.level"), "error", "high → error");
  is_str(s_at(res, "1.level"), "note", "info → note");
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
  ok(json_is_string(sev) && strtod(json_string_value(sev), NULL) > 7.0,
     "security-severity is a string holding a number");
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
  ok(out && again && strcmp(out, again) == 0, "SARIF output is deterministic");
  set.include_suppressed = 1;
  char *all = render(pv_sarif_write, &set);
  json_t *j2 = json_loads(all ? all : "", 0, NULL);
  is_int((long long)json_array_size(path(j2, "runs.0.results")), 3,
         "--include-suppressed keeps it (twin)");
  json_decref(j2);
  json_decref(j);
  free(out), free(again), free(all);
}

static void test_text(pv_result *r) {
  pv_result *rs[] = {r};
  pv_report_set set = {.results = rs, .count = 1, .version = "9.9.9"};
  char *out = render(pv_text_write, &set);
  ok(out && strstr(out, "HIGH t.eval") != NULL, "text: severity and rule id");
  ok(out && strstr(out, "package/a.js:1:23") != NULL, "text: file:line:col (bytes)");
  ok(out && strstr(out, "\033[") == NULL, "text: no colour unless asked");
  ok(out && strstr(out, "2 findings (0 critical, 1 high, 0 medium, 0 low, 1 info; 1 suppressed)"),
     "text: summary counts");
  set.color = 1;
  char *col = render(pv_text_write, &set);
  ok(col && strstr(col, "\033[") != NULL, "text: colour when asked (twin)");
  free(out), free(col);
}

static void test_policy(pv_result *r) {
  pv_result *rs[] = {r, r};
  pv_report_set set = {.results = rs, .count = 1};
  ok(render(pv_policy_write, &set) == NULL, "policy: refused without a permissions read");
  r->permissions = pv_permissions_read(r);
  char *out = render(pv_policy_write, &set);
  json_t *j = json_loads(out ? out : "", 0, NULL);
  is_str(s_at(j, "network"), "none", "policy: no declaration, no network");
  is_str(s_at(j, "fs.read.0"), ".", "policy: the plugin directory is readable");
  set.count = 2;
  ok(render(pv_policy_write, &set) == NULL, "policy: refused for two inputs (twin)");
  json_decref(j);
  free(out);
}

int main(void) {
  pv_result *r = sample();
  test_sarif(r);
  test_text(r);
  test_policy(r);
  pv_result_delete(r);
  return tap_done();
}
