/* cgroup.h — a cgroup of the run's own, when the launcher can make one:
 * memory (shared memory, memfds and tmpfs pages included, across every
 * process of the run), no swap, and a process count, under the launcher's
 * own cgroup. cgroup v2 when its hierarchy offers memory and pids and is
 * writable (root, or a delegated subtree); else the v1 memory and pids
 * hierarchies when they are mounted and writable (hybrid hosts). Without
 * either the rlimits stay alone and the report says what is unbounded.
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

#define PVR_CG_DIRS 2 /* v1: memory and pids hierarchies; v2: one */

typedef struct {
  int version; /* 2 or 1 when in force, 0: none (why says why) */
  char dir[PVR_CG_DIRS][1024];
  size_t n_dirs;
  uint64_t memory_max; /* bytes, swap 0 */
  uint64_t pids_max;
  /* after the run (pvr_cgroup_read) */
  uint64_t oom_kills;
  uint64_t memory_peak; /* bytes; 0 when the kernel does not say */
  char why[512];
} pvr_cgroup;

/* What the rlimits leave unbounded without a cgroup, and with one, NULL
 * terminated (static strings). */
extern const char *const pvr_cgroup_unbounded[];
extern const char *const pvr_cgroup_unbounded_with[];

/* Make the run's cgroup named name with these bounds; 0 and cg->version
 * set, or -1 with cg->why (the run goes on with rlimits alone). */
int pvr_cgroup_make(pvr_cgroup *cg, const char *name, uint64_t memory_max, uint64_t pids_max);

/* Move pid (and so everything it starts) into the cgroup; 0 or an errno. */
int pvr_cgroup_attach(const pvr_cgroup *cg, pid_t pid);

/* Read the OOM kills and the peak memory of the run. */
void pvr_cgroup_read(pvr_cgroup *cg);

/* Kill what is left in the cgroup and remove its directories. */
void pvr_cgroup_remove(pvr_cgroup *cg);

#endif
