/* ns.h — the run's own world: user, PID, IPC, UTS, mount and (without a
 * network grant) network namespaces, created by the launcher's clone and
 * finished by the child before it confines itself (docs/policy.md,
 * "Namespaces").
 *
 * Ownership: nothing is allocated; the plan is a value.
 */
#ifndef PVR_NS_H
#define PVR_NS_H

#include <sys/types.h>

/* The documented range of per-run uids used when started as root:
 * PVR_NS_UID_BASE + (launcher pid & 0xffff). */
#define PVR_NS_UID_BASE 0x50760000u

typedef struct {
  int flags; /* CLONE_NEW* flags, 0: no namespaces */
  int net;   /* an empty network namespace is part of flags */
  uid_t uid; /* outside and inside uid of the plugin */
  gid_t gid;
  int root; /* the launcher runs as root (may keep supplementary groups out) */
} pvr_ns;

/* The directory of the per-uid lease files (root-owned, 0700). */
#define PVR_NS_LEASE_DIR "/run/plugvet-run"

/* A uid of the range no other live launcher holds: the first free one from
 * PVR_NS_UID_BASE + (pid & 0xffff) on, each held by an exclusive flock on
 * PVR_NS_LEASE_DIR/uid-N for as long as the returned descriptor (close-on-
 * exec, inherited by the namespace's init) stays open. -1 with errno when
 * no lease could be taken (*uid is then the pid's uid, not unique). */
int pvr_ns_lease_uid(pid_t pid, uid_t *uid);
/* Fill ns for a run as uid/gid; net: make an empty network namespace. */
void pvr_ns_plan(pvr_ns *ns, uid_t uid, gid_t gid, int net);
/* clone(2) into ns->flags like fork: 0 in the child, the pid in the
 * launcher, -1 with errno. With cgroup_fd >= 0 (a cgroup v2 directory)
 * the child starts in that cgroup (clone3 CLONE_INTO_CGROUP) and
 * *in_cgroup is set; where clone3 refuses, a plain clone (*in_cgroup 0). */
pid_t pvr_ns_clone(const pvr_ns *ns, int cgroup_fd, int *in_cgroup);
/* In the launcher: write the child's uid and gid maps; 0 or an errno. */
int pvr_ns_map(const pvr_ns *ns, pid_t child);
/* In the child, once mapped: private mounts, a fresh /proc, hostname;
 * 0 or an errno, *what names the failed step. */
int pvr_ns_enter(const pvr_ns *ns, const char **what);
/* In the child, last before Landlock: drop every capability held in the
 * namespace. 0 or an errno. */
int pvr_ns_drop_caps(void);

#endif
