/* report.h — what plugvet-run tells afterwards: the --report JSON and the
 * human summary on stderr.
 *
 * Ownership: pvr_report borrows everything it points at.
 */
#ifndef PVR_REPORT_H
#define PVR_REPORT_H

#include <stdio.h>
#include <sys/types.h>

#include "landlock.h"
#include "policy.h"
#include "supervisor.h"

#define PVR_REPORT_VERSION 1

typedef struct {
  const pvr_policy *policy;
  char *const *argv;
  const char *exe;
  uid_t uid;
  gid_t gid;
  int nproc_enforced;
  const pvr_landlock *ll;
  int landlock_on; /* the ruleset was enforced */
  int degraded;    /* --allow-degraded was needed */
  const char *seccomp_mode;
  const pvr_super *sup;
  int unshare_net;
  /* outcome */
  int started;   /* the plugin was exec'd */
  int exit_code; /* the plugin's, or -1 */
  int signal;    /* terminating signal, or 0 */
  int timed_out;
  int status; /* plugvet-run's own exit status */
  double cpu_s, wall_s;
  long peak_rss_kib;
  const char *error; /* launcher error, or NULL */
} pvr_report;

/* The report as JSON; caller decrefs. */
json_t *pvr_report_json(const pvr_report *r);
/* Write the JSON report to file. */
pv_status pvr_report_write(const pvr_report *r, const char *file, pv_error *err);
/* A few human lines on out. */
void pvr_report_summary(const pvr_report *r, FILE *out);

#endif
