/* ns.c — namespaces per run (ns.h). */
#include "ns.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The lease directory, made if missing; refused unless root owns it and
 * only root may write it (a planted directory would let others hold uids). */
static int lease_dir(void) {
  struct stat st;
  if (mkdir(PVR_NS_LEASE_DIR, 0700) != 0 && errno != EEXIST) {
    return -1;
  }
  int dfd = open(PVR_NS_LEASE_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dfd >= 0 && (fstat(dfd, &st) != 0 || st.st_uid != 0 || (st.st_mode & 022))) {
    close(dfd);
    errno = EPERM;
    return -1;
  }
  return dfd;
}

int pvr_ns_lease_uid(pid_t pid, uid_t *uid) {
  unsigned first = (unsigned)pid & 0xffffu;
  char name[32];
  *uid = (uid_t)(PVR_NS_UID_BASE + first);
  int dfd = lease_dir();
  if (dfd < 0) {
    return -1;
  }
  for (unsigned k = 0; k <= 0xffffu; k++) {
    unsigned off = (first + k) & 0xffffu;
    snprintf(name, sizeof name, "uid-%u", PVR_NS_UID_BASE + off);
    int fd = openat(dfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      break;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
      close(dfd);
      *uid = (uid_t)(PVR_NS_UID_BASE + off);
      return fd;
    }
    close(fd);
  }
  close(dfd);
  errno = EAGAIN;
  return -1;
}

void pvr_ns_plan(pvr_ns *ns, uid_t uid, gid_t gid, int net) {
  memset(ns, 0, sizeof *ns);
  ns->flags = CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS;
  if (net) {
    ns->flags |= CLONE_NEWNET;
  }
  ns->net = net;
  ns->uid = uid;
  ns->gid = gid;
  ns->root = geteuid() == 0;
}

pid_t pvr_ns_clone(const pvr_ns *ns, int cgroup_fd, int *in_cgroup) {
  *in_cgroup = 0;
  if (cgroup_fd >= 0) {
    /* Like fork (no stack given), straight into the cgroup: no migration
     * afterwards (cgroup.h). Any refusal falls back to the plain clone. */
    struct clone_args a;
    memset(&a, 0, sizeof a);
    a.flags = (uint64_t)(unsigned)ns->flags | CLONE_INTO_CGROUP;
    a.exit_signal = SIGCHLD;
    a.cgroup = (uint64_t)cgroup_fd;
    long pid = syscall(SYS_clone3, &a, sizeof a);
    if (pid >= 0) {
      *in_cgroup = 1;
      return (pid_t)pid;
    }
  }
  /* Like fork: no new stack, the child returns 0 here. */
  return (pid_t)syscall(SYS_clone, (unsigned long)ns->flags | SIGCHLD, NULL, NULL, NULL, 0);
}

static int write_file(pid_t pid, const char *name, const char *text) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno;
  }
  size_t n = strlen(text);
  int e = write(fd, text, n) == (ssize_t)n ? 0 : errno;
  close(fd);
  return e;
}

int pvr_ns_map(const pvr_ns *ns, pid_t child) {
  char line[64];
  int e = 0;
  /* Unprivileged: supplementary groups cannot be dropped inside, and the
   * kernel requires setgroups to be denied before a gid map. */
  if (!ns->root) {
    e = write_file(child, "setgroups", "deny");
  }
  snprintf(line, sizeof line, "%u %u 1\n", (unsigned)ns->uid, (unsigned)ns->uid);
  if (!e) {
    e = write_file(child, "uid_map", line);
  }
  snprintf(line, sizeof line, "%u %u 1\n", (unsigned)ns->gid, (unsigned)ns->gid);
  if (!e) {
    e = write_file(child, "gid_map", line);
  }
  return e;
}

int pvr_ns_enter(const pvr_ns *ns, const char **what) {
  static const char host[] = "plugvet-run";
  (void)ns;
  *what = "making mounts private";
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
    return errno;
  }
  *what = "mounting /proc";
  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) {
    return errno;
  }
  *what = "sethostname";
  if (sethostname(host, sizeof host - 1) != 0 || setdomainname(host, sizeof host - 1) != 0) {
    return errno;
  }
  return 0;
}

int pvr_ns_drop_caps(void) {
  struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
  struct __user_cap_data_struct d[2];
  memset(d, 0, sizeof d);
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) {
    return errno;
  }
  return syscall(SYS_capset, &h, d) == 0 ? 0 : errno;
}
