/* landlock.h — Landlock ruleset for plugvet-run: detect the ABI at run
 * time, build the ruleset in the launcher, enforce it in the child.
 *
 * Ownership: pvr_landlock owns its ruleset fd and its message strings;
 * pvr_landlock_free closes and frees them.
 */
#ifndef PVR_LANDLOCK_H
#define PVR_LANDLOCK_H

#include <stdint.h>

#include "policy.h"

/* What the launcher grants, path by path, after adding its own needs: the
 * policy's grants with their descriptors (the plan owns copies), the
 * launcher's own paths with PVR_FD_BYPATH. */
typedef struct {
  pvr_grants read, write, exec;
} pvr_fs_plan;

typedef struct {
  int abi;                  /* kernel's Landlock ABI; 0 when unavailable */
  int fd;                   /* ruleset fd to enforce, -1 when none */
  uint64_t fs, net, scoped; /* handled rights actually used */
  unsigned restrict_flags;  /* landlock_restrict_self flags */
  int net_ports;            /* TCP port rules enforced (ABI >= 4) */
  pvr_list skipped;         /* "PATH: reason" for paths that were not added */
  char why[256];            /* why Landlock is unavailable, when abi == 0 */
} pvr_landlock;

/* The kernel's Landlock ABI version, 0 when unavailable. */
int pvr_landlock_abi(void);
/* Build the ruleset for plan and the policy's network grants. PV_FAILED
 * when Landlock is unavailable (ll->why says why) or cannot enforce what the
 * policy needs; PV_FATAL on other errors. */
pv_status pvr_landlock_prepare(pvr_landlock *ll, const pvr_fs_plan *plan, const pvr_policy *p,
                               pv_error *err);
/* In the child, before enforcing: let the plugin write under the
 * directory dirfd (a tmpfs mounted over a write grant, whose mount point's
 * rule Landlock does not look at). 0 or -errno. */
int pvr_landlock_add_write(const pvr_landlock *ll, int dirfd);
/* In the child: enforce the prepared ruleset. 0 or -errno. */
int pvr_landlock_enforce(const pvr_landlock *ll);
/* Close the ruleset fd and free the messages. */
void pvr_landlock_free(pvr_landlock *ll);
/* The ELF interpreter (PT_INTERP) of path into out; 0 when found, -1 when
 * the file is not a dynamic ELF executable. */
int pvr_elf_interp(const char *path, char *out, size_t outsz);
/* The interpreter named on a "#!" first line into out, and the rest of
 * the line (its argument, trimmed; "" when none) into arg; 0 when found. */
int pvr_shebang(const char *path, char *out, size_t outsz, char *arg, size_t argsz);

#endif
