/* ruletest.h — check rules against their annotated test files, the Semgrep
 * way. Rule file DIR/NAME.yaml is tested by every DIR/NAME.EXT next to it
 * (EXT one of js, ts, tsx, json, ... anything but yaml). In a test file a
 * comment line `// ruleid: ID[, ID...]` says the next code line must give a
 * finding of rule ID; `// ok: ID` says it must not; `// todoruleid: ID` and
 * `// todook: ID` mark known misses and false positives: their lines are
 * reported but never fail. Any finding on a line not marked `ruleid` fails.
 * Test files count as install-time code (PV_FILE_INSTALL), so rules with
 * `metadata: {when: install}` are tested like the others.
 *
 * Ownership: pv_ruletest_run returns a report the caller frees with
 * pv_ruletest_delete; every pointer inside lives until then. Nothing here
 * prints. */
#ifndef PV_RULETEST_H
#define PV_RULETEST_H

#include "limits.h"
#include "match.h"
#include "model.h"

/* One rule checked against one test file. */
typedef struct {
  const char *rule_id;
  const char *rule_file;
  const char *test_file;    /* NULL when no test file or no case exists */
  const uint32_t *expected; /* `ruleid:` lines, sorted */
  size_t n_expected;
  const uint32_t *got; /* lines with a finding (todo lines left out), sorted */
  size_t n_got;
  const uint32_t *ok_lines; /* `ok:` lines */
  size_t n_ok;
  const uint32_t *todo; /* `todoruleid:` / `todook:` lines */
  size_t n_todo;
  const char *problem; /* a reason beyond the line sets, or NULL */
  int passed;
} pv_ruletest_case;

typedef struct pv_ruletest pv_ruletest;

/* Load the rules under path (a rule file or a directory) and run every rule
 * file's tests with matchers made with mopt (may be NULL). PV_FAILED with
 * err set when the rules do not load (no report then); PV_FATAL on OOM;
 * PV_OK otherwise, failed cases included. */
pv_status pv_ruletest_run(const char *path, const pv_limits *lim, const pv_match_options *mopt,
                          pv_ruletest **out, pv_error *err);
/* Number of cases, in rule load order then test file name. */
size_t pv_ruletest_count(const pv_ruletest *t);
/* Case i (0 <= i < count). */
const pv_ruletest_case *pv_ruletest_case_at(const pv_ruletest *t, size_t i);
/* Number of failed cases. */
size_t pv_ruletest_failed(const pv_ruletest *t);
/* Free the report. NULL is ignored. */
void pv_ruletest_delete(pv_ruletest *t);

#endif
