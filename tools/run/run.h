/* run.h — one plugvet-run invocation: set up, start the child, supervise,
 * clean up, report.
 *
 * Ownership: pvr_run owns its policy; argv and file names are borrowed from
 * main's argv.
 */
#ifndef PVR_RUN_H
#define PVR_RUN_H

#include <stdint.h>

#include "policy.h"

/* The file system view: the run's own (tmpfs root of the grants) unless
 * namespaces are refused and --allow-degraded says run anyway; required
 * (--private-root: never degraded); or the host's (--host-root). */
typedef enum { PVR_ROOT_PRIVATE = 0, PVR_ROOT_REQUIRED, PVR_ROOT_HOST } pvr_root_mode;

typedef struct {
  pvr_policy policy;
  const char *policy_file;
  const char *report_file;
  char **argv; /* PROGRAM ARGS... */
  int quiet, print_policy, allow_degraded, unshare_net;
  pvr_root_mode root;   /* --private-root, --host-root */
  uint64_t scratch_mib; /* its scratch tmpfs size (--scratch-mib) */
  int status;
} pvr_run;

/* Run the program under run->policy; returns plugvet-run's exit status.
 * Prints the summary and writes the report. Once per process. */
int pvr_run_main(pvr_run *run);

#endif
