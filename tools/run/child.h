/* child.h — what the launcher's child does between fork and exec, in the
 * order of docs/policy.md: (namespaces: wait for the id maps), the run's
 * cgroup, (namespaces: private mounts, /proc, hostname; the init forks the
 * plugin, then builds the run's own view), session, no_new_privs, rlimits,
 * user, (namespaces: no capabilities), parent death signal, (the run's own
 * view: wait for it, then its working directory in it), working directory,
 * Landlock, seccomp (last), exec.
 *
 * Ownership: the plan borrows everything; the child never returns.
 */
#ifndef PVR_CHILD_H
#define PVR_CHILD_H

#include <signal.h>
#include <sys/types.h>

#include "cgroup.h"
#include "landlock.h"
#include "ns.h"
#include "policy.h"
#include "root.h"
#include "seccomp.h"

/* Exit codes of plugvet-run itself (docs/plugvet-run.1). */
enum {
  PVR_EXIT_SETUP = 123,   /* confinement could not be set up: nothing ran */
  PVR_EXIT_TIMEOUT = 124, /* the wall-clock timeout killed the plugin */
  PVR_EXIT_USAGE = 125,   /* bad command line or invalid policy */
  PVR_EXIT_NOEXEC = 126,  /* the program could not be executed */
  PVR_EXIT_NOENT = 127    /* the program was not found */
};

/* Messages on the status socket from the child: 'F' carries the listener
 * fd, 'E' a setup error, 'X' the errno of a failed exec. With namespaces
 * the launcher first sends 'G' once it has written the child's uid and
 * gid maps. */
typedef struct {
  const char *exe;
  char *const *argv;
  char *const *envp;
  const char *cwd;
  int drop; /* switch to uid/gid */
  uid_t uid;
  gid_t gid;
  const pvr_limits *lim;
  const pvr_landlock *ll; /* NULL: no Landlock (degraded) */
  const pvr_bpf *bpf;
  int sock;
  pid_t parent;
  int unshare_net;
  const pvr_ns *ns;          /* NULL: no namespaces (the child was forked) */
  const pvr_root_plan *root; /* NULL: the host's file system view */
  const pvr_cgroup *cg;      /* the run's cgroup to enter first; NULL: none, or attached */
  sigset_t mask;             /* signal mask to restore */
} pvr_child_plan;

/* Set up confinement and exec the plugin; reports failures on c->sock. */
_Noreturn void pvr_child_run(const pvr_child_plan *c);

#endif
