/* report.h — what plugvet-run tells afterwards: the --report JSON and the
 * human summary on stderr.
 *
 * Ownership: pvr_report borrows everything it points at.
 */
#ifndef PVR_REPORT_H
#define PVR_REPORT_H

#include <stdio.h>
#include <sys/types.h>

#include "cgroup.h"
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
  int uid_leased; /* 1: a uid of the range held for this run alone, 0: not (shared
                     by pid), -1: not a per-run uid (caller's or --user) */
  const pvr_landlock *ll;
  int landlock_on; /* the ruleset was enforced */
  int degraded;    /* --allow-degraded was needed */
  const char *seccomp_mode;
  const pvr_super *sup;
  int unshare_net;
  int ns_flags;         /* CLONE_NEW* of the run's namespaces, 0: none (degraded) */
  const pvr_cgroup *cg; /* the run's cgroup: version 0 when none, and why */
  int private_root;     /* the run's own file system view (not --host-root, not degraded) */
  /* outcome */
  int started;   /* the plugin was exec'd */
  int exit_code; /* the plugin's, or -1 */
  int signal;    /* terminating signal, or 0 */
  int timed_out;
  /* Why the launcher itself killed the plugin, whatever the exit status
   * says: "timeout", "seccomp" (a never-allowed call: kill_syscall,
   * kill_pid), "signal" (the launcher got stop_signal), or NULL. */
  const char *killed_by;
  const char *kill_syscall;
  pid_t kill_pid;
  int stop_signal;
  int status; /* plugvet-run's own exit status */
  double cpu_s, wall_s;
  long peak_rss_kib;
  const char *error;     /* launcher error, or NULL */
  const char *entry_dir; /* the entry script's package directory read by default, or NULL */
} pvr_report;

/* The report as JSON; caller decrefs. */
json_t *pvr_report_json(const pvr_report *r);
/* Write the JSON report to fd (opened by the launcher before the plugin
 * started); file names it in err. */
pv_status pvr_report_write(const pvr_report *r, int fd, const char *file, pv_error *err);
/* A few human lines on out. */
void pvr_report_summary(const pvr_report *r, FILE *out);

#endif
