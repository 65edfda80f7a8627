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
 * Life: pvr_cgroup_make before the clone, pvr_cgroup_attach the child
 * before it goes on, pvr_cgroup_read after it ended, pvr_cgroup_remove.
 *
 * Ownership: a pvr_cgroup owns its directory names (fixed buffers) and
 * the directories it made, which pvr_cgroup_remove removes.
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
  uint64_t memory_max; /* bytes, swap 0 */
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

/* Move pid (and so everything it starts) into the cgroup; 0 or an errno. */
int pvr_cgroup_attach(const pvr_cgroup *cg, pid_t pid);

/* Read the OOM kills, the peak memory and the CPU time of the run (killed
 * grandchildren included, which getrusage never sees). */
void pvr_cgroup_read(pvr_cgroup *cg);

/* Kill what is left in the cgroup and remove its directories. */
void pvr_cgroup_remove(pvr_cgroup *cg);

#endif
