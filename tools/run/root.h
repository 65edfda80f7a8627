/* root.h — the run's own file system view (--private-root): a tmpfs root
 * holding read-only bind mounts of the read grants (the runtime read set,
 * the policy's grants, the entry's package directory), read-write binds of
 * the write grants, a size-capped tmpfs scratch directory at the scratch
 * path, a fresh /proc, and nothing else (no /sys, no /run, no /tmp).
 * Executable: only the runtime read set and the exec grants; the policy's
 * read grants too when it grants native code; writable places never.
 * Binds keep the inodes Landlock's rules name, so Landlock and seccomp stay
 * a second layer.
 *
 * Ownership: the plan borrows everything.
 */
#ifndef PVR_ROOT_H
#define PVR_ROOT_H

#include <stdint.h>
#include <sys/types.h>

#include "landlock.h"

typedef struct {
  const pvr_fs_plan *fs;
  const char *scratch; /* the launcher's scratch directory (absolute) */
  uint64_t scratch_mib;
  uid_t uid; /* owner of the scratch tmpfs */
  gid_t gid;
  int native;             /* the policy's read grants may hold native code (else noexec) */
  const pvr_landlock *ll; /* the scratch tmpfs gets a write rule; NULL: none */
} pvr_root_plan;

/* In the namespace's init, mounts already private: build the view and
 * pivot into it; the working directory is kept when the view has it, else
 * "/". 0, or an errno with *what naming the failed step. */
int pvr_root_build(const pvr_root_plan *r, const char **what);

#endif
