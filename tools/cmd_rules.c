/* cmd_rules.c — `plugvet rules test PATH [--json]`,
 * `plugvet rules list [PATH...] [--markdown | --catalog]`,
 * `plugvet rules validate PATH...`, `plugvet rules compat PATH...`,
 * `plugvet rules pattern-table OUT PATH...` and `plugvet rules trees OUT PATH...`. Prints and picks
 * the exit code; the work is in scanner/ruletest.c and scanner/rules/rules.c. */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../scanner/rules/rules.h"
#include "../scanner/rules/trees.h"
#include "../scanner/ruletest.h"
#include "commands.h"
#include "common.h"

static const char usage_rules[] =
    "usage: plugvet rules test PATH [--json]\n"
    "       plugvet rules list [PATH...] [--markdown | --catalog]\n"
    "       plugvet rules validate PATH...\n"
    "       plugvet rules compat PATH...\n"
    "       plugvet rules pattern-table OUT PATH...\n"
    "       plugvet rules trees OUT PATH...\n"
    "\n"
    "test      run each rule file's annotated test files (NAME.yaml → NAME.js,\n"
    "          NAME.ts, NAME.json...); exit 1 when a rule fails, 2 when rules\n"
    "          do not load\n"
    "list      list rules (default: the bundled pack): id, severity, languages, CWE;\n"
    "          --markdown: a table; --catalog: docs/rules-catalog.md (make catalog)\n"
    "validate  load and check every rule file (PATH: a file, or a directory's\n"
    "          *.yaml and *.yml files, recursively); print FILE: ok, N rules or\n"
    "          FILE:LINE: the error, then a summary; exit 2 on any error\n"
    "compat    try each rule alone (rules written for Semgrep): print\n"
    "          FILE:LINE: ID: loads, or refused: the key or feature plugvet does\n"
    "          not support; exit 1 when a rule is refused, 2 when a PATH is unreadable\n"
    "pattern-table  write to OUT the words each code pattern of the rule files\n"
    "          needs, for this build of plugvet (the build makes the bundled pack's,\n"
    "          next to the binary: a scan of a few small files then compiles only\n"
    "          the patterns that can match them)\n"
    "trees     write to OUT the parsed YAML of every rule file, for this build of\n"
    "          plugvet (the build makes the bundled pack's, next to the binary: a\n"
    "          run then reads an unchanged bundled file's rules without parsing it)\n";

static void print_lines(const uint32_t *v, size_t n) {
  putchar('[');
  for (size_t i = 0; i < n; i++)
    printf("%s%u", i ? ", " : "", v[i]);
  putchar(']');
}

static void print_case(const pv_ruletest_case *c) {
  printf("%s %s", c->passed ? "PASS" : "FAIL", c->rule_id);
  if (!c->passed) {
    printf(": ");
    if (c->problem != NULL)
      printf("%s", c->problem);
    else {
      printf("expected lines ");
      print_lines(c->expected, c->n_expected);
      printf(" got ");
      print_lines(c->got, c->n_got);
    }
  }
  if (c->test_file != NULL)
    printf(" (%s", c->test_file);
  if (c->test_file != NULL && c->n_todo)
    printf(", %zu todo", c->n_todo);
  if (c->test_file != NULL)
    putchar(')');
  putchar('\n');
}

static json_t *json_lines(const uint32_t *v, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    json_array_append_new(a, json_integer(v[i]));
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
  for (size_t i = 0; i < n; i++)
    json_array_append_new(cases, case_json(pv_ruletest_case_at(t, i)));
  json_object_set_new(root, "cases", cases);
  json_object_set_new(root, "passed", json_integer((json_int_t)(n - failed)));
  json_object_set_new(root, "failed", json_integer((json_int_t)failed));
  int rc = json_dumpf(root, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  putchar('\n');
  json_decref(root);
  return rc == 0 ? 0 : -1;
}

static int cmd_test(int argc, char **argv, const pv_env *env) {
  const char *path = NULL;
  int as_json = 0;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0)
      as_json = 1;
    else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "plugvet: rules test: unknown option '%s'\n%s", argv[i], usage_rules);
      return EXIT_INPUT;
    } else if (path == NULL)
      path = argv[i];
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
  pv_match_options mopt = {.no_prefilter = env->no_prefilter};
  pv_status rc = pv_ruletest_run(path, &lim, &mopt, &t, &err);
  if (rc != PV_OK) {
    fprintf(stderr, "plugvet: %s\n", err.msg);
    return rc == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT;
  }
  size_t n = pv_ruletest_count(t), failed = pv_ruletest_failed(t);
  if (as_json)
    print_json(t);
  else {
    for (size_t i = 0; i < n; i++)
      print_case(pv_ruletest_case_at(t, i));
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
    printf(
        "| id | severity | languages | matcher | CWE | capability | message |\n"
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
      if (*p == '|' || *p == '\n')
        *p = *p == '|' ? '/' : ' ';
    printf("| `%s` | %s | %s | %s | %s | %s | %s |\n", m->id, pv_severity_name(m->severity),
           pv_ruleset_languages(rs, i), pv_ruleset_matcher_kind(rs, i), cwe[0] ? cwe : "",
           m->capability ? m->capability : "", msg);
  }
}

/* "A05:2021 - Security Misconfiguration" → "A05:2021", joined by ", ". */
static void short_owasp(char *buf, size_t n, const char *const *v) {
  buf[0] = '\0';
  for (size_t i = 0; v != NULL && v[i] != NULL; i++) {
    size_t used = strlen(buf), len = strcspn(v[i], " ");
    snprintf(buf + used, n - used, "%s%.*s", i ? ", " : "", (int)len, v[i]);
  }
}

/* Print links (from docs/) to the test files next to the rule file. */
static void print_test_links(const char *rule_file) {
  static const char *const ext[] = {".js",  ".jsx",    ".ts",  ".tsx", ".json", ".html", ".ejs",
                                    ".vue", ".svelte", ".hbs", ".pug", ".njk",  NULL};
  const char *dot = strrchr(rule_file, '.');
  int stem = dot ? (int)(dot - rule_file) : (int)strlen(rule_file), n = 0;
  for (size_t i = 0; ext[i]; i++) {
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%.*s%s", stem, rule_file, ext[i]);
    const char *base = strrchr(path, '/');
    if (stat(path, &st) == 0)
      printf("%s[%s](../%s)", n++ ? " " : "", base ? base + 1 : path, path);
  }
}

/* The catalog (docs/rules-catalog.md, `make catalog`): one row per rule. */
static void catalog_rules(const pv_ruleset *rs) {
  printf(
      "# plugvet rule catalog\n\n"
      "Generated by `make catalog` (`plugvet rules list --catalog rules taint-rules`)\n"
      "from the rule files; do not edit. Precision and security-severity are what\n"
      "SARIF reports (docs/rules.md, \"Metadata\"); each row's anchor is the rule id,\n"
      "where a SARIF rule's helpUri points.\n\n"
      "| id | severity | precision | security-severity | CWE | OWASP | what it catches | tests |\n"
      "|---|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < pv_ruleset_count(rs); i++) {
    const pv_rule_meta *m = pv_ruleset_meta(rs, i);
    char cwe[512], owasp[256], what[512];
    short_cwes(cwe, sizeof cwe, m->cwe);
    short_owasp(owasp, sizeof owasp, m->owasp);
    if (m->name != NULL && strcmp(m->name, m->id) != 0)
      snprintf(what, sizeof what, "%s", m->name);
    else /* the message's first sentence */
      snprintf(what, sizeof what, "%.*s", (int)strcspn(m->message ? m->message : "", ".:;("),
               m->message ? m->message : "");
    for (char *p = what; *p; p++)
      if (*p == '|' || *p == '\n')
        *p = *p == '|' ? '/' : ' ';
    printf("| <a id=\"%s\"></a>`%s` | %s | %s | %.1f | %s | %s | %s | ", m->id, m->id,
           pv_severity_name(m->severity), pv_rule_precision(m), pv_rule_score(m), cwe, owasp, what);
    print_test_links(m->source_file);
    printf(" |\n");
  }
}

static int cmd_list(int argc, char **argv) {
  int markdown = 0, n_paths = 0;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--markdown") == 0)
      markdown = 1;
    else if (strcmp(argv[i], "--catalog") == 0)
      markdown = 2;
    else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "plugvet: rules list: unknown option '%s'\n%s", argv[i], usage_rules);
      return EXIT_INPUT;
    } else
      n_paths++;
  }
  pv_ruleset *rs = pv_ruleset_new();
  pv_limits lim = pv_limits_default();
  pv_error err = {0};
  char dir[PATH_MAX + 64];
  int rc = EXIT_CLEAN;
  if (rs == NULL)
    return EXIT_INTERNAL;
  struct pv_trees *trees = pv_rule_trees(&lim, 0);
  pv_ruleset_trees_use(rs, trees);
  pv_ruleset_set_jit(rs, 0); /* nothing is matched: JIT compiling was 40 % of the list */
  if (n_paths == 0) {
    pv_ruleset_set_langs(rs, 0); /* the list needs no matcher; `rules validate` checks them */
    const char *b = pv_bundled_rules_dir(dir, sizeof dir);
    if (b == NULL) {
      fprintf(stderr, "plugvet: bundled rules not found (set PLUGVET_RULES)\n");
      rc = EXIT_INTERNAL;
    } else if (pv_ruleset_load(rs, b, &lim, &err) != PV_OK)
      rc = EXIT_INPUT;
  }
  for (int i = 0; i < argc && rc == EXIT_CLEAN; i++)
    if (argv[i][0] != '-' && pv_ruleset_load(rs, argv[i], &lim, &err) != PV_OK)
      rc = EXIT_INPUT;
  if (rc == EXIT_INPUT)
    fprintf(stderr, "plugvet: %s\n", err.msg);
  if (rc == EXIT_CLEAN && markdown == 2)
    catalog_rules(rs);
  else if (rc == EXIT_CLEAN)
    list_rules(rs, markdown);
  pv_ruleset_delete(rs);
  pv_trees_close(trees);
  return rc;
}

/* ---- rules validate ----------------------------------------------------
 * Each rule file is loaded on its own, so one bad file hides nothing of the
 * others. Then what only shows across files: a rule id that a later file
 * uses again gets the loader's error for the pair of files, and the files
 * still valid are loaded together once, as `scan --rules` would load them.
 * The loader stops at a file's first error: one error per file. */

/* One line of the report: a rule file, or a PATH that is not usable. */
typedef struct {
  char *path;     /* malloc'd */
  int is_file;    /* a rule file that was loaded (counted in the summary) */
  size_t n_rules; /* when valid */
  pv_vec ids;     /* char * (malloc'd): its rules' ids, when valid */
  char *error;    /* malloc'd message ("FILE:LINE: ..."), NULL when valid */
} vline;

typedef struct {
  vline *v;
  size_t n, cap;
} vreport;

/* Append s (taken, freed on failure) to a vector of char *; 0, or -1 on
 * OOM. */
static int ids_push(pv_vec *l, char *s) {
  if (s == NULL)
    return -1;
  if (pv_vec_push(l, &s) == NULL) {
    free(s);
    return -1;
  }
  return 0;
}

static void ids_free(pv_vec *l) {
  for (size_t i = 0; i < l->len; i++)
    free(*PV_VEC_AT(*l, char *, i));
  pv_vec_free(l);
}

/* Append a line for path (taken); error is copied. 0, or -1 on OOM. */
static int report_add(vreport *rep, char *path, int is_file, const char *error) {
  char *e = error != NULL ? strdup(error) : NULL;
  if (path == NULL || (error != NULL && e == NULL))
    goto oom;
  if (rep->n == rep->cap) {
    size_t cap = rep->cap ? rep->cap * 2 : 32;
    vline *v = realloc(rep->v, cap * sizeof *v);
    if (v == NULL)
      goto oom;
    rep->v = v;
    rep->cap = cap;
  }
  rep->v[rep->n++] =
      (vline){.path = path, .is_file = is_file, .ids = {.elem = sizeof(char *)}, .error = e};
  return 0;
oom:
  free(path);
  free(e);
  return -1;
}

static void report_free(vreport *rep) {
  for (size_t i = 0; i < rep->n; i++) {
    free(rep->v[i].path);
    free(rep->v[i].error);
    ids_free(&rep->v[i].ids);
  }
  free(rep->v);
}

/* A line saying what is wrong with path (not a rule file's own error). */
static int report_problem(vreport *rep, const char *path, const char *why) {
  char msg[PATH_MAX + 128];
  snprintf(msg, sizeof msg, "%s: %s", path, why);
  return report_add(rep, strdup(path), 0, msg);
}

/* The rule files under directory root, as the loader finds them, into
 * rep; a directory it cannot read is a line of its own. 0, or -1 on OOM. */
static int add_dir(vreport *rep, const char *root) {
  char **files = NULL;
  size_t n = 0;
  pv_error err = {0};
  pv_status st = pv_rules_list_files(root, &files, &n, &err);
  if (st == PV_FATAL)
    return -1;
  if (st != PV_OK)
    return report_add(rep, strdup(root), 0, err.msg);
  int rc = 0;
  if (n == 0)
    rc = report_problem(rep, root, "no rule files (*.yaml, *.yml) under it");
  for (size_t i = 0; rc == 0 && i < n; i++) {
    rc = report_add(rep, files[i], 1, NULL);
    files[i] = NULL;
  }
  pv_rules_files_free(files, n);
  return rc;
}

/* A PATH argument: one rule file (whatever its name, as the loader takes
 * it), or a directory of them. 0, or -1 on OOM. */
static int add_path(vreport *rep, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return report_problem(rep, path, strerror(errno));
  if (S_ISDIR(st.st_mode))
    return add_dir(rep, path);
  return report_add(rep, strdup(path), 1, NULL);
}

/* Load line l's file on its own, keeping its rule ids. 0, or -1 on OOM. */
static int check_alone(vline *l, const pv_limits *lim) {
  pv_ruleset *rs = pv_ruleset_new();
  pv_error err = {0};
  int rc = 0;
  if (rs == NULL)
    return -1;
  pv_status st = pv_ruleset_load(rs, l->path, lim, &err);
  if (st == PV_FATAL)
    rc = -1;
  else if (st != PV_OK)
    rc = (l->error = strdup(err.msg)) != NULL ? 0 : -1;
  l->n_rules = st == PV_OK ? pv_ruleset_count(rs) : 0;
  for (size_t i = 0; rc == 0 && i < l->n_rules; i++)
    rc = ids_push(&l->ids, strdup(pv_ruleset_meta(rs, i)->id));
  pv_ruleset_delete(rs);
  return rc;
}

/* The valid file whose path the message msg starts with ("PATH:..."). */
static vline *blamed(vreport *rep, const char *msg) {
  vline *best = NULL;
  for (size_t i = 0; i < rep->n; i++) {
    vline *l = &rep->v[i];
    size_t n = strlen(l->path);
    if (!l->is_file || l->error != NULL || strncmp(msg, l->path, n) != 0 || msg[n] != ':')
      continue;
    if (best == NULL || n > strlen(best->path))
      best = l;
  }
  return best;
}

/* Load paths together: PV_OK, or PV_FAILED with err set, or PV_FATAL. */
static pv_status load_together(const char *const *paths, size_t n, const pv_limits *lim,
                               pv_error *err) {
  pv_ruleset *rs = pv_ruleset_new();
  pv_status st = rs != NULL ? pv_ruleset_load_all(rs, paths, n, lim, err) : PV_FATAL;
  pv_ruleset_delete(rs);
  return st;
}

/* A rule id and the report line of the file defining it. */
typedef struct {
  const char *id;
  size_t line;
} idref;

static int cmp_idref(const void *a, const void *b) {
  const idref *x = a;
  const idref *y = b;
  int c = strcmp(x->id, y->id);
  if (c != 0)
    return c;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* File `later` reuses a rule id of file `first`: load the two together for
 * the loader's own message, with its line. 0, or -1 on OOM. */
static int blame_clash(vreport *rep, size_t first, size_t later, const pv_limits *lim) {
  const char *two[] = {rep->v[first].path, rep->v[later].path};
  pv_error err = {0};
  pv_status st = load_together(two, 2, lim, &err);
  if (st == PV_FATAL)
    return -1;
  if (st == PV_OK)
    return 0; /* not a clash after all */
  vline *l = blamed(rep, err.msg);
  char msg[sizeof err.msg + PATH_MAX + 16];
  if (l == NULL)
    l = &rep->v[later];
  if (l == &rep->v[later])
    snprintf(msg, sizeof msg, "%s (with %s)", err.msg, rep->v[first].path);
  else
    snprintf(msg, sizeof msg, "%s", err.msg);
  return (l->error = strdup(msg)) != NULL ? 0 : -1;
}

/* Rule ids used by more than one valid file: each later file gets the
 * error, as `scan --rules` given all the files would report it. */
static int check_ids(vreport *rep, const pv_limits *lim) {
  size_t n = 0;
  for (size_t i = 0; i < rep->n; i++)
    n += rep->v[i].error == NULL ? rep->v[i].ids.len : 0;
  idref *refs = malloc((n + 1) * sizeof *refs);
  if (refs == NULL)
    return -1;
  n = 0;
  for (size_t i = 0; i < rep->n; i++)
    for (size_t k = 0; rep->v[i].error == NULL && k < rep->v[i].ids.len; k++)
      refs[n++] = (idref){.id = *PV_VEC_AT(rep->v[i].ids, char *, k), .line = i};
  qsort(refs, n, sizeof *refs, cmp_idref);
  int rc = 0;
  for (size_t i = 1, first = 0; rc == 0 && i < n; i++) {
    if (strcmp(refs[i].id, refs[first].id) != 0)
      first = i;
    else if (rep->v[refs[i].line].error == NULL)
      rc = blame_clash(rep, refs[first].line, refs[i].line, lim);
  }
  free(refs);
  return rc;
}

/* Load the files still valid together, once, for anything else that only
 * shows across files. 0, or -1 on OOM. */
static int check_together(vreport *rep, const pv_limits *lim) {
  int rc = check_ids(rep, lim);
  const char **paths = malloc((rep->n + 1) * sizeof *paths);
  size_t n = 0;
  if (rc != 0 || paths == NULL) {
    free(paths);
    return -1;
  }
  for (size_t i = 0; i < rep->n; i++)
    if (rep->v[i].is_file && rep->v[i].error == NULL)
      paths[n++] = rep->v[i].path;
  pv_error err = {0};
  pv_status st = load_together(paths, n, lim, &err);
  free(paths);
  if (st == PV_FATAL)
    return -1;
  if (st == PV_OK)
    return 0;
  vline *l = blamed(rep, err.msg);
  if (l != NULL)
    return (l->error = strdup(err.msg)) != NULL ? 0 : -1;
  return report_add(rep, strdup("(all files together)"), 0, err.msg);
}

static const char *plural(size_t n, const char *one, const char *many) {
  return n == 1 ? one : many;
}

/* Print the report; returns the number of errors. */
static size_t print_report(const vreport *rep) {
  size_t files = 0;
  size_t rules = 0;
  size_t errors = 0;
  for (size_t i = 0; i < rep->n; i++) {
    const vline *l = &rep->v[i];
    files += l->is_file;
    if (l->error != NULL) {
      errors++;
      puts(l->error);
      continue;
    }
    rules += l->n_rules;
    printf("%s: ok, %zu %s\n", l->path, l->n_rules, plural(l->n_rules, "rule", "rules"));
  }
  printf("%zu %s, %zu %s, %zu %s\n", files, plural(files, "file", "files"), rules,
         plural(rules, "rule", "rules"), errors, plural(errors, "error", "errors"));
  return errors;
}

static int cmd_validate(int argc, char **argv) {
  vreport rep = {0};
  pv_limits lim = pv_limits_default();
  int rc = 0; /* -1: out of memory */
  int exit_code = EXIT_INTERNAL;
  if (argc == 0) {
    fprintf(stderr, "plugvet: rules validate: no PATH given\n%s", usage_rules);
    return EXIT_INPUT;
  }
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(usage_rules, stdout);
      return EXIT_CLEAN;
    }
    if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "plugvet: rules validate: unknown option '%s'\n%s", argv[i], usage_rules);
      return EXIT_INPUT;
    }
  }
  for (int i = 0; rc == 0 && i < argc; i++)
    rc = add_path(&rep, argv[i]);
  for (size_t i = 0; rc == 0 && i < rep.n; i++)
    if (rep.v[i].is_file)
      rc = check_alone(&rep.v[i], &lim);
  if (rc == 0)
    rc = check_together(&rep, &lim);
  if (rc == 0)
    exit_code = print_report(&rep) ? EXIT_INPUT : EXIT_CLEAN;
  else
    fprintf(stderr, "plugvet: rules validate: out of memory\n");
  report_free(&rep);
  return exit_code;
}

/* ---- rules compat ------------------------------------------------------ */

typedef struct {
  size_t loads, refused, files; /* files: not rule files at all */
} compat_count;

/* The loader's reason without its "FILE:LINE: rule 'ID': " prefix. */
static const char *bare_reason(const char *why, const char *id) {
  const char *p = id ? strstr(why, "rule '") : NULL;
  if (p != NULL && strncmp(p + 6, id, strlen(id)) == 0 &&
      strncmp(p + 6 + strlen(id), "': ", 3) == 0)
    return p + 6 + strlen(id) + 3;
  return why;
}

static void compat_line(void *ctx, const char *file, unsigned line, const char *id, const char *why,
                        const char *note) {
  compat_count *n = ctx;
  if (id == NULL && line == 0) { /* the file itself */
    printf("%s: refused: %s\n", file, why);
    n->files++;
    return;
  }
  printf("%s:%u: %s: ", file, line, id ? id : "(no id)");
  if (why == NULL) {
    printf("loads%s%s%s\n", note ? " (" : "", note ? note : "", note ? ")" : "");
    n->loads++;
  } else {
    printf("refused: %s\n", bare_reason(why, id));
    n->refused++;
  }
}

static int cmd_compat(int argc, char **argv) {
  pv_limits lim = pv_limits_default();
  compat_count n = {0};
  int bad = 0;
  if (argc == 0) {
    fprintf(stderr, "plugvet: rules compat: no PATH given\n%s", usage_rules);
    return EXIT_INPUT;
  }
  for (int i = 0; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1] != '\0') {
      int help = strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0;
      if (!help)
        fprintf(stderr, "plugvet: rules compat: unknown option '%s'\n", argv[i]);
      fputs(usage_rules, help ? stdout : stderr);
      return help ? EXIT_CLEAN : EXIT_INPUT;
    }
  for (int i = 0; i < argc; i++) {
    pv_error err;
    pv_error_clear(&err);
    pv_status rc = pv_rules_compat(argv[i], &lim, compat_line, &n, &err);
    if (rc == PV_FATAL) {
      fprintf(stderr, "plugvet: rules compat: %s\n", err.msg);
      return EXIT_INTERNAL;
    }
    if (rc != PV_OK) {
      fprintf(stderr, "plugvet: rules compat: %s\n", err.msg);
      bad = 1;
    }
  }
  printf("%zu %s: %zu %s, %zu refused", n.loads + n.refused,
         plural(n.loads + n.refused, "rule", "rules"), n.loads, plural(n.loads, "loads", "load"),
         n.refused);
  if (n.files > 0)
    printf("; %zu %s not read", n.files, plural(n.files, "file", "files"));
  putchar('\n');
  return bad ? EXIT_INPUT : n.refused || n.files ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* What the build makes of the rule files at paths (n) for build id into
 * out: the pattern table or the rule trees. */
typedef pv_status (*build_fn)(const char *const *paths, size_t n, const char *id,
                              const pv_limits *lim, pv_buf *out, pv_error *err);

static pv_status pattern_table(const char *const *paths, size_t n, const char *id,
                               const pv_limits *lim, pv_buf *out, pv_error *err) {
  pv_ruleset *rs = pv_ruleset_new();
  pv_status rc = rs ? pv_ruleset_load_all(rs, paths, n, lim, err) : PV_FATAL;
  if (rc == PV_OK)
    rc = pv_ruleset_pattern_table(rs, id, out);
  pv_ruleset_delete(rs);
  return rc;
}

/* rules NAME OUT PATH...: fn's file for this build written to OUT. */
static int cmd_build_file(const char *name, build_fn fn, int argc, char **argv) {
  char id[80];
  if (argc < 2) {
    fprintf(stderr, "plugvet: rules %s: OUT and a PATH are needed\n%s", name, usage_rules);
    return EXIT_INPUT;
  }
  if (pv_build_id(id, sizeof id) == NULL) {
    fprintf(stderr, "plugvet: rules %s: this binary has no build id\n", name);
    return EXIT_INPUT;
  }
  pv_limits lim = pv_limits_default();
  pv_error err = {0};
  pv_buf out;
  pv_buf_init(&out, (size_t)1 << 30);
  pv_status rc = fn((const char *const *)argv + 1, (size_t)argc - 1, id, &lim, &out, &err);
  FILE *f = rc == PV_OK ? fopen(argv[0], "wb") : NULL;
  int bad = f == NULL || fwrite(out.data, 1, out.len, f) != out.len;
  if (f != NULL && fclose(f) != 0)
    bad = 1;
  if (rc != PV_OK || bad)
    fprintf(stderr, "plugvet: rules %s: %s\n", name,
            rc != PV_OK ? (err.msg[0] ? err.msg : "out of memory") : strerror(errno));
  pv_buf_free(&out);
  return rc == PV_FATAL ? EXIT_INTERNAL : rc != PV_OK || bad ? EXIT_INPUT : EXIT_CLEAN;
}

/* argv[0] is "rules"; argv[1] the subcommand. */
int pv_cmd_rules(int argc, char **argv, const pv_env *env) {
  if (argc < 2) {
    fputs(usage_rules, stderr);
    return EXIT_INPUT;
  }
  if (strcmp(argv[1], "test") == 0)
    return cmd_test(argc - 2, argv + 2, env);
  if (strcmp(argv[1], "list") == 0)
    return cmd_list(argc - 2, argv + 2);
  if (strcmp(argv[1], "validate") == 0)
    return cmd_validate(argc - 2, argv + 2);
  if (strcmp(argv[1], "compat") == 0)
    return cmd_compat(argc - 2, argv + 2);
  if (strcmp(argv[1], "pattern-table") == 0)
    return cmd_build_file("pattern-table", pattern_table, argc - 2, argv + 2);
  if (strcmp(argv[1], "trees") == 0)
    return cmd_build_file("trees", pv_rules_write_trees, argc - 2, argv + 2);
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    fputs(usage_rules, stdout);
    return EXIT_CLEAN;
  }
  fprintf(stderr, "plugvet: rules: unknown subcommand '%s'\n%s", argv[1], usage_rules);
  return EXIT_INPUT;
}
