/* child.c — the single-threaded child: confine, then exec. Any step that
 * fails is reported to the launcher and the child exits without running
 * the plugin (never fail open). */
#include "child.h"

#include <errno.h>
#include <grp.h>
#include <linux/close_range.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static void send_msg(int sock, char kind, const void *data, size_t n, int fd) {
  char buf[600];
  struct iovec iov = {buf, 1 + (n > sizeof buf - 1 ? sizeof buf - 1 : n)};
  union {
    struct cmsghdr h;
    char b[CMSG_SPACE(sizeof(int))];
  } ctl;
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
  buf[0] = kind;
  memcpy(buf + 1, data, iov.iov_len - 1);
  if (fd >= 0) {
    memset(&ctl, 0, sizeof ctl);
    m.msg_control = ctl.b;
    m.msg_controllen = sizeof ctl.b;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
  }
  while (sendmsg(sock, &m, MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

__attribute__((format(printf, 2, 3))) _Noreturn static void fail(const pvr_child_plan *c,
                                                                 const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  send_msg(c->sock, 'E', msg, strlen(msg), -1);
  _exit(PVR_EXIT_SETUP);
}

static int set_limit(int res, rlim_t v) {
  /* CPU: SIGXCPU at the soft limit, SIGKILL a second later if ignored. */
  struct rlimit r = {v, res == RLIMIT_CPU ? v + 1 : v};
  return setrlimit(res, &r);
}

static void set_limits(const pvr_child_plan *c) {
  const pvr_limits *l = c->lim;
  const struct {
    int res;
    rlim_t v;
    const char *name;
  } t[] = {{RLIMIT_CPU, l->cpu_s, "RLIMIT_CPU"},
           {RLIMIT_DATA, l->mem_mib << 20, "RLIMIT_DATA"},
           {RLIMIT_NOFILE, l->nofile, "RLIMIT_NOFILE"},
           {RLIMIT_NPROC, l->nproc, "RLIMIT_NPROC"},
           {RLIMIT_FSIZE, l->fsize_mib << 20, "RLIMIT_FSIZE"},
           {RLIMIT_CORE, 0, "RLIMIT_CORE"}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (set_limit(t[i].res, t[i].v) != 0)
      fail(c, "%s: %s", t[i].name, strerror(errno));
}

static void drop_user(const pvr_child_plan *c) {
  if (!c->drop)
    return;
  if (setgroups(0, NULL) != 0 || setresgid(c->gid, c->gid, c->gid) != 0 ||
      setresuid(c->uid, c->uid, c->uid) != 0)
    fail(c, "switching to uid %d: %s", (int)c->uid, strerror(errno));
  if (setuid(0) == 0)
    fail(c, "could regain root after dropping it");
}

/* Steps before the plugin's user is set: session, no_new_privs, network
 * namespace, limits. */
static void early_steps(const pvr_child_plan *c) {
  /* Only stdin, stdout and stderr reach the plugin. */
  if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0)
    fail(c, "close_range: %s", strerror(errno));
  if (sigprocmask(SIG_SETMASK, &c->mask, NULL) != 0)
    fail(c, "sigprocmask: %s", strerror(errno));
  if (setsid() < 0)
    fail(c, "setsid: %s", strerror(errno));
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    fail(c, "no_new_privs: %s", strerror(errno));
  if (c->unshare_net && unshare(CLONE_NEWNET) != 0)
    fail(c, "--unshare-net: %s", strerror(errno));
  set_limits(c);
}

_Noreturn void pvr_child_run(const pvr_child_plan *c) {
  early_steps(c);
  drop_user(c);
  /* Set after the uid change, which clears it. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
    fail(c, "pdeathsig: %s", strerror(errno));
  if (getppid() != c->parent)
    _exit(PVR_EXIT_SETUP);
  if (c->cwd && chdir(c->cwd) != 0)
    fail(c, "cwd %s: %s", c->cwd, strerror(errno));
  int r = c->ll ? pvr_landlock_enforce(c->ll) : 0;
  if (r < 0)
    fail(c, "landlock: %s", strerror(-r));
  int lfd = pvr_seccomp_load(c->bpf);
  if (lfd < 0)
    fail(c, "seccomp: %s", strerror(-lfd));
  send_msg(c->sock, 'F', "", 0, lfd);
  close(lfd);
  execve(c->exe, c->argv, c->envp);
  int e = errno;
  send_msg(c->sock, 'X', &e, sizeof e, -1);
  _exit(e == ENOENT ? PVR_EXIT_NOENT : PVR_EXIT_NOEXEC);
}
