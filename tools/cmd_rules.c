/* cmd_rules.c — `plugvet rules test PATH [--json]` and
 * `plugvet rules list [PATH...] [--markdown]`. Prints and picks the exit
 * code; the work is in scanner/ruletest.c and scanner/rules/rules.c. */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../scanner/rules/rules.h"
#include "../scanner/ruletest.h"
#include "common.h"

int pv_cmd_rules(int argc, char **argv);


static const char usage_rules[] =
    "usage: plugvet rules test PATH [--json]\n"
    "       plugvet rules list [PATH...] [--markdown]\n"
    "\n"
    "test  run each rule file's annotated test files (NAME.yaml → NAME.js,\n"
    "      NAME.ts, NAME.json...); exit 1 when a rule fails, 2 when rules\n"
    "      do not load\n"
    "list  list rules (default: the bundled pack): id, severity, languages, CWE\n";

static void print_lines(const uint32_t *v, size_t n) {
  putchar('[');
  for (size_t i = 0; i < n; i++) printf("%s%u", i ? ", " : "", v[i]);
  putchar(']');
}

static void print_case(const pv_ruletest_case *c) {
  printf("%s %s", c->passed ? "PASS" : "FAIL", c->rule_id);
  if (!c->passed) {
    printf(": ");
    if (c->problem != NULL) printf("%s", c->problem);
    else {
      printf("expected lines ");
      print_lines(c->expected, c->n_expected);
      printf(" got ");
      print_lines(c->got, c->n_got);
    }
  }
  if (c->test_file != NULL) printf(" (%s", c->test_file);
  if (c->test_file != NULL && c->n_todo) printf(", %zu todo", c->n_todo);
  if (c->test_file != NULL) putchar(')');
  putchar('\n');
}

static json_t *json_lines(const uint32_t *v, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) json_array_append_new(a, json_integer(v[i]));
  return a;
}

static json_t *case_json(const pv_ruletest_case *c) {
  json_t *o = json_object();
  json_object_set_new(o, "rule_id", json_string(c->rule_id));
  json_object_set_new(o, "status", json_string(c->passed ? "pass" : "fail"));
  json_object_set_new(o, "rule_file", json_string(c->rule_file));
  json_object_set_new(o, "test_file", c->test_file ? json_string(c->test_file) : json_null());
  json_object_set_new(o, "expected", json_lines(c->expected, c->n_expected));
  json_object_set_new(o, "got", json_lines(c->got, c->n_got));
  json_object_set_new(o, "ok", json_lines(c->ok_lines, c->n_ok));
  json_object_set_new(o, "todo", json_lines(c->todo, c->n_todo));
  json_object_set_new(o, "problem", c->problem ? json_string(c->problem) : json_null());
  return o;
}

static int print_json(const pv_ruletest *t) {
  json_t *root = json_object(), *cases = json_array();
  size_t n = pv_ruletest_count(t), failed = pv_ruletest_failed(t);
  for (size_t i = 0; i < n; i++) json_array_append_new(cases, case_json(pv_ruletest_case_at(t, i)));
  json_object_set_new(root, "cases", cases);
  json_object_set_new(root, "passed", json_integer((json_int_t)(n - failed)));
  json_object_set_new(root, "failed", json_integer((json_int_t)failed));
  int rc = json_dumpf(root, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  putchar('\n');
  json_decref(root);
  return rc == 0 ? 0 : -1;
}

static int cmd_test(int argc, char **argv) {
  const char *path = NULL;
  int as_json = 0;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) as_json = 1;
    else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "plugvet: rules test: unknown option '%s'\n%s", argv[i], usage_rules);
      return EXIT_INPUT;
    } else if (path == NULL) path = argv[i];
    else {
      fprintf(stderr, "plugvet: rules test: one PATH only\n");
      return EXIT_INPUT;
    }
  }
  if (path == NULL) {
    fputs(usage_rules, stderr);
    return EXIT_INPUT;
  }
  pv_limits lim = pv_limits_default();
  pv_error err = {0};
  pv_ruletest *t = NULL;
  pv_status rc = pv_ruletest_run(path, &lim, &t, &err);
  if (rc != PV_OK) {
    fprintf(stderr, "plugvet: %s\n", err.msg);
    return rc == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT;
  }
  size_t n = pv_ruletest_count(t), failed = pv_ruletest_failed(t);
  if (as_json) print_json(t);
  else {
    for (size_t i = 0; i < n; i++) print_case(pv_ruletest_case_at(t, i));
    printf("%zu passed, %zu failed\n", n - failed, failed);
  }
  pv_ruletest_delete(t);
  return failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

static void join_list(char *buf, size_t n, const char *const *v, const char *sep) {
  buf[0] = '\0';
  for (size_t i = 0; v != NULL && v[i] != NULL; i++) {
    size_t used = strlen(buf);
    snprintf(buf + used, n - used, "%s%s", i ? sep : "", v[i]);
  }
}

/* "CWE-95: Improper ..." → "CWE-95" for the short listing. */
static void short_cwes(char *buf, size_t n, const char *const *v) {
  buf[0] = '\0';
  for (size_t i = 0; v != NULL && v[i] != NULL; i++) {
    size_t used = strlen(buf), len = strcspn(v[i], ":");
    snprintf(buf + used, n - used, "%s%.*s", i ? "," : "", (int)len, v[i]);
  }
}

static void list_rules(const pv_ruleset *rs, int markdown) {
  if (markdown)
    printf("| id | severity | languages | matcher | CWE | capability | message |\n"
           "|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < pv_ruleset_count(rs); i++) {
    const pv_rule_meta *m = pv_ruleset_meta(rs, i);
    char cwe[512];
    short_cwes(cwe, sizeof cwe, m->cwe);
    if (!markdown) {
      printf("%s %s %s %s\n", m->id, pv_severity_name(m->severity), pv_ruleset_languages(rs, i),
             cwe[0] ? cwe : "-");
      continue;
    }
    char msg[1024];
    const char *one[] = {m->message, NULL};
    join_list(msg, sizeof msg, one, "");
    for (char *p = msg; *p; p++)
      if (*p == '|' || *p == '\n') *p = *p == '|' ? '/' : ' ';
    printf("| `%s` | %s | %s | %s | %s | %s | %s |\n", m->id, pv_severity_name(m->severity),
           pv_ruleset_languages(rs, i), pv_ruleset_matcher_kind(rs, i), cwe[0] ? cwe : "",
           m->capability ? m->capability : "", msg);
  }
}

static int cmd_list(int argc, char **argv) {
  int markdown = 0, n_paths = 0;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--markdown") == 0) markdown = 1;
    else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "plugvet: rules list: unknown option '%s'\n%s", argv[i], usage_rules);
      return EXIT_INPUT;
    } else n_paths++;
  }
  pv_ruleset *rs = pv_ruleset_new();
  pv_limits lim = pv_limits_default();
  pv_error err = {0};
  char dir[PATH_MAX + 64];
  int rc = EXIT_CLEAN;
  if (rs == NULL) return EXIT_INTERNAL;
  if (n_paths == 0) {
    const char *b = pv_bundled_rules_dir(dir, sizeof dir);
    if (b == NULL) {
      fprintf(stderr, "plugvet: bundled rules not found (set PLUGVET_RULES)\n");
      rc = EXIT_INTERNAL;
    } else if (pv_ruleset_load(rs, b, &lim, &err) != PV_OK) rc = EXIT_INPUT;
  }
  for (int i = 0; i < argc && rc == EXIT_CLEAN; i++)
    if (argv[i][0] != '-' && pv_ruleset_load(rs, argv[i], &lim, &err) != PV_OK) rc = EXIT_INPUT;
  if (rc == EXIT_INPUT) fprintf(stderr, "plugvet: %s\n", err.msg);
  if (rc == EXIT_CLEAN) list_rules(rs, markdown);
  pv_ruleset_delete(rs);
  return rc;
}

/* argv[0] is "rules"; argv[1] the subcommand. */
int pv_cmd_rules(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage_rules, stderr);
    return EXIT_INPUT;
  }
  if (strcmp(argv[1], "test") == 0) return cmd_test(argc - 2, argv + 2);
  if (strcmp(argv[1], "list") == 0) return cmd_list(argc - 2, argv + 2);
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    fputs(usage_rules, stdout);
    return EXIT_CLEAN;
  }
  fprintf(stderr, "plugvet: rules: unknown subcommand '%s'\n%s", argv[1], usage_rules);
  return EXIT_INPUT;
}
