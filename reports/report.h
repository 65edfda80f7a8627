/* report.h — what every writer receives: the results of all inputs of one
 * run, the rules that were loaded, and the run's options.
 *
 * Ownership: all borrowed; writers allocate nothing that outlives the call. */
#ifndef PV_REPORT_H
#define PV_REPORT_H

#include <stdio.h>

#include "../scanner/result.h"
#include "../scanner/rules/rules.h"

/* plugvet's home page (SARIF informationUri, GitLab's scanner url). */
#define PV_HOME_URI "https://github.com/plugvet/plugvet"

typedef struct {
  pv_result *const *results; /* in input order */
  size_t count;
  const pv_ruleset *rules;    /* may be NULL */
  const char *version;        /* plugvet's semantic version */
  int color;                  /* text: ANSI colours */
  int quiet;                  /* text, table, markdown: list only inputs with findings,
                               * warnings or errors (--quiet) */
  size_t baseline_known;      /* findings left out by --baseline */
  size_t resumed;             /* inputs left out by --resume (an earlier run has them) */
  int has_epoch;              /* SARIF: write endTimeUtc, at epoch */
  long long epoch;            /* seconds since 1970 (tools/ reads SOURCE_DATE_EPOCH) */
  const char *srcroot;        /* SARIF: the absolute directory %SRCROOT% stands for, or NULL */
  const char *category;       /* SARIF automationDetails.id "plugvet/<category>/", or NULL */
  size_t max_results;         /* SARIF: results kept (highest severities first); 0: all */
  const char *const *bundled; /* NULL-terminated directories of the bundled rules:
                               * their rules' helpUri is the rule catalog */
} pv_report_set;

/* Write SARIF 2.1.0 to out (see docs/cli.md for the shape). */
pv_status pv_sarif_write(FILE *out, const pv_report_set *set, pv_error *err);
/* Write GitLab's SAST security report (format 15.x): the scan (status
 * failure when an input could not be read, with its reason), and each
 * unsuppressed finding as a vulnerability whose id is its fingerprint as a
 * UUID, with the rule, its CWEs and a dependency finding's advisory as
 * identifiers (docs/cli.md, "GitLab"). */
pv_status pv_gitlab_write(FILE *out, const pv_report_set *set, pv_error *err);
/* The reports for people (--format), each ending with the summary line
 * (docs/cli.md, "Reports for people"). text: findings grouped by input, then
 * by rule (worst first): the rule's explanation once, then each location
 * with its source line and a taint finding's path. compact: one line a
 * finding, PATH:LINE:COL: SEVERITY RULE: MESSAGE. table: aligned columns per
 * input. markdown: a table per input. */
pv_status pv_text_write(FILE *out, const pv_report_set *set, pv_error *err);
pv_status pv_compact_write(FILE *out, const pv_report_set *set, pv_error *err);
pv_status pv_table_write(FILE *out, const pv_report_set *set, pv_error *err);
pv_status pv_markdown_write(FILE *out, const pv_report_set *set, pv_error *err);
/* JUnit XML: a testsuite per input, a testcase per rule loaded (and per
 * builtin rule with findings), a failure listing a rule's unsuppressed
 * findings, an error for an input that could not be scanned. */
pv_status pv_junit_write(FILE *out, const pv_report_set *set, pv_error *err);
/* Write the plugvet-run policy (docs/policy.md) granting what the plugin of
 * the set's single input declares, paths relative to the plugin directory. */
pv_status pv_policy_write(FILE *out, const pv_report_set *set, pv_error *err);
/* Write one JSON object line for one input; version and pack (plugvet's
 * version, the rule pack's id: --resume) end it when not NULL. */
pv_status pv_jsonl_write(FILE *out, const pv_result *r, const char *version, const char *pack,
                         pv_error *err);
/* Read one such line back into a new result (*out, the caller's to
 * pv_result_delete): input, kind, sha256, status, findings with their
 * flows, snippets, columns, fingerprints and line hashes, and notes; what
 * the reports need of an input an earlier run scanned (--resume). A
 * finding's rule is the one of that id in rules (the line's rule pack),
 * else the line's rule_meta (rules built into plugvet), else a rule with
 * only its id. PV_FAILED naming the input and the field when the line is
 * not one pv_jsonl_write writes. Files and their contents are not in it. */
pv_status pv_jsonl_read(const char *line, const pv_ruleset *rules, const pv_limits *lim,
                        pv_result **out, pv_error *err);

#endif
