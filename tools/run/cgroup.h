/* cgroup.h — a cgroup of the run's own, when the launcher can make one:
 * memory (shared memory, memfds and tmpfs pages included, across every
 * process of the run), no swap, a process count and, where the cpu
 * controller is offered, a CPU share (a CFS quota: percent of one CPU),
 * under the launcher's own cgroup. cgroup v2 when its hierarchy offers
 * memory and pids and is writable (root, or a delegated subtree); else the
 * v1 memory and pids hierarchies (and cpu) when they are mounted and
 * writable (hybrid hosts). Without either the rlimits stay alone and the
 * report says what is unbounded.
 *
 * Life: pvr_cgroup_make before the clone; then the child enters it
 * itself (pvr_cgroup_enter, v1) or the launcher moves it there
 * (pvr_cgroup_attach) before it goes on; pvr_cgroup_read after it ended,
 * pvr_cgroup_remove.
 *
 * Entering: moving another process (its pid into cgroup.procs) takes the
 * kernel's global thread-group lock for writing, which waits for an RCU
 * grace period: 2 to 15 ms per write on a busy host, the largest single
 * cost of a run's start-up. A thread moving itself ("0" into a v1
 * hierarchy's tasks file) takes no such lock. So on v1 the launcher opens
 * each directory's tasks file (its open-time credentials are the ones the
 * kernel checks) and the child, still single-threaded and running only the
 * launcher's code, writes "0" to each before anything of the plugin runs.
 * On v2 (where a thread can move itself only inside a threaded subtree)
 * the child is cloned straight into the cgroup (clone3 CLONE_INTO_CGROUP,
 * Linux 5.7), which takes no such lock either; where clone3 refuses, the
 * launcher moves it by pid as before.
 *
 * Ownership: a pvr_cgroup owns its directory names (fixed buffers), the
 * directories it made, which pvr_cgroup_remove removes, and the tasks
 * descriptors (pvr_cgroup_close_enter, or pvr_cgroup_remove, closes them).
 */
#ifndef PVR_CGROUP_H
#define PVR_CGROUP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PVR_CG_DIRS 3           /* v1: memory, pids and cpu hierarchies; v2: one */
#define PVR_CG_PERIOD_US 100000 /* the CFS period the CPU quota is a share of */

typedef struct {
  int version; /* 2 or 1 when in force, 0: none (why says why) */
  char dir[PVR_CG_DIRS][1024];
  size_t n_dirs;
  int enter_fd[PVR_CG_DIRS]; /* v1: each directory's tasks file, write-only */
  size_t n_enter;            /* how many are open: n_dirs, or 0 (attach by pid) */
  int into_fd;               /* v2: the directory (O_PATH), for CLONE_INTO_CGROUP */
  int into;                  /* into_fd is open */
  uint64_t memory_max;       /* bytes, swap 0 */
  uint64_t pids_max;
  uint64_t cpu_percent; /* asked for; in force only when cpu_on */
  int cpu_on;
  /* after the run (pvr_cgroup_read) */
  uint64_t oom_kills;
  uint64_t memory_peak; /* bytes; 0 when the kernel does not say */
  uint64_t cpu_usec;    /* CPU time of every process of the run; 0: unknown */
  char why[512];
} pvr_cgroup;

/* What stays unbounded with this cgroup (or without one: version 0), NULL
 * terminated (static strings) in out[PVR_CG_UNBOUNDED]. */
#define PVR_CG_UNBOUNDED 5
void pvr_cgroup_unbounded(const pvr_cgroup *cg, const char *out[PVR_CG_UNBOUNDED]);

/* Make the run's cgroup named name with these bounds; 0 and cg->version
 * set, or -1 with cg->why (the run goes on with rlimits alone). The CPU
 * share is in force when cg->cpu_on (the cpu controller is optional). */
int pvr_cgroup_make(pvr_cgroup *cg, const char *name, uint64_t memory_max, uint64_t pids_max,
                    uint64_t cpu_percent);

/* Move pid (and so everything it starts) into the cgroup; 0 or an errno.
 * Only for a child that neither enters it itself (cg->n_enter == 0) nor
 * was cloned into it. */
int pvr_cgroup_attach(const pvr_cgroup *cg, pid_t pid);
/* In the child, single-threaded, before anything else runs: move itself
 * into every directory of the cgroup (v1, cg->n_enter > 0); 0, or an errno
 * with *dir naming the directory it could not enter. */
int pvr_cgroup_enter(const pvr_cgroup *cg, const char **dir);
/* In the launcher once the child exists: close the tasks descriptors and
 * the v2 directory's. */
void pvr_cgroup_close_enter(pvr_cgroup *cg);

/* Read the OOM kills, the peak memory and the CPU time of the run (killed
 * grandchildren included, which getrusage never sees). */
void pvr_cgroup_read(pvr_cgroup *cg);

/* Kill what is left in the cgroup and remove its directories. */
void pvr_cgroup_remove(pvr_cgroup *cg);

#endif
