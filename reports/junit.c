/* junit.c — JUnit XML for CI systems that show test results (GitLab's
 * test reports, Jenkins, Azure): a testsuite per input, a testcase per rule
 * (every rule loaded, and each builtin rule or advisory group with
 * findings), a failure listing a rule's unsuppressed findings in the input,
 * an error testcase for an input that could not be scanned, its warnings in
 * system-err. Text is escaped for XML 1.0: markup characters as entities,
 * control characters and invalid UTF-8 as U+FFFD. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  size_t len = s[0] < 0x80             ? 1
               : (s[0] & 0xe0) == 0xc0 ? 2
               : (s[0] & 0xf0) == 0xe0 ? 3
               : (s[0] & 0xf8) == 0xf0 ? 4
                                       : 0;
  if (len == 0 || len > n || (len == 2 && s[0] < 0xc2))
    return 0;
  for (size_t i = 1; i < len; i++)
    if ((s[i] & 0xc0) != 0x80)
      return 0;
  if ((len == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (len == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
      (len == 4 && s[0] == 0xf0 && s[1] < 0x90) ||
      (len == 4 && (s[0] > 0xf4 || (s[0] == 0xf4 && s[1] >= 0x90))))
    return 0;
  return len;
}

static void put_xml(FILE *out, const char *text) {
  const unsigned char *s = (const unsigned char *)(text ? text : "");
  size_t n = strlen((const char *)s);
  for (size_t i = 0; i < n;) {
    size_t len = utf8_len(s + i, n - i);
    unsigned char c = s[i];
    if (len == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
      fputs("\xef\xbf\xbd", out);
    else if (c == '&' || c == '<' || c == '>' || c == '"')
      fputs(c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&quot;", out);
    else
      fwrite(s + i, 1, len, out);
    i += len ? len : 1;
  }
}

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int cmp_by_rule(const void *x, const void *y) {
  const pv_finding *a = *(const pv_finding *const *)x, *b = *(const pv_finding *const *)y;
  int c = strcmp(pv_finding_rule_id(a), pv_finding_rule_id(b));
  return c ? c : a < b ? -1 : a > b;
}

/* The rule ids of the report, sorted, each once: the ruleset's and those
 * of findings. malloc'd; NULL on OOM. */
static const char **rule_ids(const pv_report_set *set, size_t *n) {
  size_t cap = set->rules ? pv_ruleset_count(set->rules) : 0, k = 0;
  for (size_t i = 0; i < set->count; i++)
    cap += set->results[i]->findings.len;
  const char **ids = malloc((cap + 1) * sizeof *ids);
  if (ids == NULL)
    return NULL;
  for (size_t i = 0; set->rules != NULL && i < pv_ruleset_count(set->rules); i++)
    ids[k++] = pv_ruleset_meta(set->rules, i)->id;
  for (size_t i = 0; i < set->count; i++)
    for (size_t j = 0; j < set->results[i]->findings.len; j++)
      ids[k++] = pv_finding_rule_id(pv_result_finding(set->results[i], j));
  qsort(ids, k, sizeof *ids, cmp_str);
  size_t u = 0;
  for (size_t i = 0; i < k; i++)
    if (u == 0 || strcmp(ids[u - 1], ids[i]) != 0)
      ids[u++] = ids[i];
  *n = u;
  return ids;
}

/* r's unsuppressed findings sorted by rule id; malloc'd, NULL on OOM. */
static const pv_finding **by_rule(const pv_result *r, size_t *n) {
  const pv_finding **v = malloc((r->findings.len + 1) * sizeof *v);
  *n = 0;
  for (size_t i = 0; v != NULL && i < r->findings.len; i++)
    if (!pv_result_finding(r, i)->suppressed)
      v[(*n)++] = pv_result_finding(r, i);
  if (v != NULL)
    qsort(v, *n, sizeof *v, cmp_by_rule);
  return v;
}

/* How many rules fs[0..n) (sorted by rule) hold: the failed testcases. */
static size_t groups(const pv_finding *const *fs, size_t n) {
  size_t g = 0;
  for (size_t i = 0; i < n; i++)
    g += i == 0 || strcmp(pv_finding_rule_id(fs[i]), pv_finding_rule_id(fs[i - 1])) != 0;
  return g;
}

/* The failure of one rule: fs[0..n), the worst severity as its type. */
static void failure(FILE *out, const pv_finding *const *fs, size_t n) {
  pv_severity worst = PV_SEV_INFO;
  for (size_t i = 0; i < n; i++)
    worst = fs[i]->severity > worst ? fs[i]->severity : worst;
  fprintf(out, "      <failure type=\"%s\" message=\"%zu finding%s, worst %s\">",
          pv_severity_name(worst), n, n == 1 ? "" : "s", pv_severity_name(worst));
  for (size_t i = 0; i < n; i++) {
    put_xml(out, fs[i]->path);
    fprintf(out, ":%u:%u: %s: ", fs[i]->start.line ? fs[i]->start.line : 1,
            fs[i]->start.col ? fs[i]->start.col : 1, pv_severity_name(fs[i]->severity));
    put_xml(out, fs[i]->message);
    fputc('\n', out);
  }
  fputs("</failure>\n", out);
}

static void testcase_open(FILE *out, const pv_result *r, const char *name) {
  fputs("    <testcase classname=\"", out);
  put_xml(out, r->input);
  fputs("\" name=\"", out);
  put_xml(out, name);
  fputs("\"", out);
}

/* The warnings and errors of r, one a line, in system-err. */
static void warnings(FILE *out, const pv_result *r) {
  int any = 0;
  for (size_t i = 0; i < r->notes.len; i++) {
    const pv_note *nt = pv_result_note_at(r, i);
    if (nt->level == PV_NOTE_INFO)
      continue;
    fputs(any++ ? "\n" : "    <system-err>", out);
    fputs(nt->level == PV_NOTE_ERROR ? "error: " : "warning: ", out);
    put_xml(out, nt->message);
  }
  if (any)
    fputs("</system-err>\n", out);
}

static void suite_open(FILE *out, const pv_result *r, size_t tests, size_t failures, int error) {
  fputs("  <testsuite name=\"", out);
  put_xml(out, r->input);
  fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%d\" skipped=\"0\">\n", tests, failures,
          error);
}

/* One input: a testcase per rule id; *failures counts its failed ones. */
static int suite(FILE *out, const pv_result *r, const char *const *ids, size_t n_ids,
                 size_t *failures) {
  size_t n, k = 0;
  const pv_finding **v = by_rule(r, &n);
  if (v == NULL)
    return -1;
  *failures = groups(v, n);
  suite_open(out, r, n_ids, *failures, 0);
  for (size_t i = 0; i < n_ids; i++) {
    size_t lo = k;
    while (k < n && strcmp(pv_finding_rule_id(v[k]), ids[i]) == 0)
      k++;
    testcase_open(out, r, ids[i]);
    fputs(k > lo ? ">\n" : "/>\n", out);
    if (k > lo) {
      failure(out, v + lo, k - lo);
      fputs("    </testcase>\n", out);
    }
  }
  free(v);
  warnings(out, r);
  fputs("  </testsuite>\n", out);
  return 0;
}

/* An input that could not be scanned: one testcase with its error. */
static void error_suite(FILE *out, const pv_result *r) {
  suite_open(out, r, 1, 0, 1);
  testcase_open(out, r, "input");
  fputs(">\n      <error type=\"input-error\" message=\"", out);
  put_xml(out, r->error);
  fputs("\"/>\n    </testcase>\n  </testsuite>\n", out);
}

/* The totals of the testsuites element. */
static void totals(const pv_report_set *set, size_t n_ids, size_t *tests, size_t *errors) {
  *tests = 0;
  *errors = 0;
  for (size_t i = 0; i < set->count; i++) {
    int bad = set->results[i]->status == PV_INPUT_ERROR;
    *errors += bad;
    *tests += bad ? 1 : n_ids;
  }
}

pv_status pv_junit_write(FILE *out, const pv_report_set *set, pv_error *err) {
  size_t n_ids = 0, tests, errors, all_failures = 0;
  const char **ids = rule_ids(set, &n_ids);
  if (ids == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  totals(set, n_ids, &tests, &errors);
  /* failures are known only once the suites are written: count them first */
  for (size_t i = 0; i < set->count; i++) {
    size_t n;
    const pv_finding **v = by_rule(set->results[i], &n);
    all_failures += v != NULL ? groups(v, n) : 0;
    free(v);
  }
  fprintf(out,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"plugvet\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
          tests, all_failures, errors);
  int oom = 0;
  for (size_t i = 0; i < set->count; i++) {
    size_t f;
    if (set->results[i]->status == PV_INPUT_ERROR)
      error_suite(out, set->results[i]);
    else
      oom |= suite(out, set->results[i], ids, n_ids, &f) != 0;
  }
  fputs("</testsuites>\n", out);
  free(ids);
  if (oom)
    return pv_error_set(err, PV_FATAL, "out of memory");
  return ferror(out) ? pv_error_set(err, PV_FAILED, "cannot write the JUnit report") : PV_OK;
}
