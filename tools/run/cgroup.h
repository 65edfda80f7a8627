/* cgroup.h — whether this launcher could bound the run with cgroup v2
 * (memory.max counting shared memory and memfds, pids.max, a total file
 * size through memory), and what stays unbounded without it.
 *
 * This build detects and reports; it does not yet create a cgroup (no
 * machine it was tested on could delegate one), so the report's "cgroup"
 * is null and "unbounded" lists what the rlimits leave open.
 *
 * Ownership: the caller's buffer; nothing allocated.
 */
#ifndef PVR_CGROUP_H
#define PVR_CGROUP_H

#include <stddef.h>

/* What RLIMIT_DATA, RLIMIT_NPROC and RLIMIT_FSIZE do not bound, NULL
 * terminated (static strings). */
extern const char *const pvr_cgroup_unbounded[];

/* 1 when the launcher's own cgroup v2 directory is writable and offers the
 * memory and pids controllers; otherwise 0 and why (always written). */
int pvr_cgroup_usable(char *why, size_t whysz);

#endif
