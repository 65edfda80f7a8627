/* child.c — the single-threaded child: confine, then exec. Any step that
 * fails is reported to the launcher and the child exits without running
 * the plugin (never fail open). */
#include "child.h"

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* The namespace's init keeps the caller's uid when unprivileged, so it
 * counts against the plugin's process limit: one more for it. */
static rlim_t init_counted(const pvr_child_plan *c) {
  return c->ns && !c->ns->root ? 1 : 0;
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
           {RLIMIT_NPROC, l->nproc + init_counted(c), "RLIMIT_NPROC"},
           {RLIMIT_FSIZE, l->fsize_mib << 20, "RLIMIT_FSIZE"},
           {RLIMIT_CORE, 0, "RLIMIT_CORE"}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (set_limit(t[i].res, t[i].v) != 0)
      fail(c, "%s: %s", t[i].name, strerror(errno));
}

static void drop_user(const pvr_child_plan *c) {
  if (!c->drop && !c->ns)
    return;
  /* An unprivileged caller's namespace has setgroups denied: its own
   * supplementary groups stay (they are the caller's). */
  int groups = !c->ns || c->ns->root;
  if ((groups && setgroups(0, NULL) != 0) || setresgid(c->gid, c->gid, c->gid) != 0 ||
      setresuid(c->uid, c->uid, c->uid) != 0)
    fail(c, "switching to uid %d: %s", (int)c->uid, strerror(errno));
  if (c->ns && pvr_ns_drop_caps() != 0)
    fail(c, "dropping capabilities: %s", strerror(errno));
  if (setuid(0) == 0)
    fail(c, "could regain root after dropping it");
}

/* Into the run's cgroup, by itself (cgroup.h): before the plugin exists. */
static void enter_cgroup(const pvr_child_plan *c) {
  const char *dir = NULL;
  int e = c->cg ? pvr_cgroup_enter(c->cg, &dir) : 0;
  if (e)
    fail(c, "cgroup: cannot enter %s: %s", dir, strerror(e));
}

/* With namespaces: wait until the launcher has written the id maps. */
static void wait_maps(const pvr_child_plan *c) {
  char go = 0;
  ssize_t n;
  while ((n = recv(c->sock, &go, 1, 0)) < 0 && errno == EINTR) {
  }
  if (n != 1 || go != 'G')
    _exit(PVR_EXIT_SETUP);
}

/* Whether the parent is still there: the plugin's is the namespace's
 * init (pid 1); the init's is the launcher, outside the PID namespace
 * (its parent pid reads 0), so the status socket tells: the launcher
 * sends nothing after 'G', and the socket hangs up when it dies. */
static int parent_alive(const pvr_child_plan *c, int init) {
  if (!c->ns)
    return getppid() == c->parent;
  if (!init)
    return getppid() == 1;
  struct pollfd p = {c->sock, POLLIN, 0};
  return poll(&p, 1, 0) == 0;
}

/* The namespace's init, once the plugin is forked: no capabilities, not
 * dumpable, only the status socket open; it reaps, and when the plugin
 * ends it sends the plugin's wait status ('S') and exits, which kills
 * whatever else runs in the namespace. The plugin is not pid 1, so the
 * kernel treats its signals as any process's. */
_Noreturn static void run_init(const pvr_child_plan *c, pid_t plugin) {
  int st = 0, plugin_st = 0;
  pid_t p;
  if (pvr_ns_drop_caps() != 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    fail(c, "namespace init: %s", strerror(errno));
  if (c->sock > 3)
    close_range(3, (unsigned)c->sock - 1, 0);
  close_range((unsigned)c->sock + 1, ~0U, 0);
  while ((p = waitpid(-1, &st, 0)) != plugin) {
    if (p < 0 && errno != EINTR)
      _exit(PVR_EXIT_SETUP);
  }
  plugin_st = st;
  send_msg(c->sock, 'S', &plugin_st, sizeof plugin_st, -1);
  _exit(0);
}

/* With the run's own view, the plugin is forked before the init builds it
 * and goes through its first steps (limits, user, capabilities: nothing
 * that looks up a path) meanwhile; then it waits on this socket for the view.
 * The init's pivot_root moves the plugin's root with its own (the kernel
 * moves every process of the namespace whose root is the old one); the
 * working directory it moves to itself, as the init does. */
static int view_fd = -1;              /* the plugin's end: the view's root, once built */
static char view_cwd[PATH_MAX];       /* the working directory to look up again in it */
static const char *view_cwd_p = NULL; /* view_cwd, or NULL: "/" */
typedef struct {
  dev_t dev;
  ino_t ino;
} view_id; /* the view's root, as the init sees it */

/* In the init: the view is built (pivoted into), tell the plugin which
 * root it is. A plugin's process that already failed (and said why) is
 * gone: run_init reaps it. */
static void view_ready(const pvr_child_plan *c, int fd) {
  struct stat st;
  if (stat("/", &st) != 0)
    fail(c, "--private-root: stat /: %s", strerror(errno));
  view_id id = {st.st_dev, st.st_ino};
  while (send(fd, &id, sizeof id, MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
  close(fd);
}

/* In the plugin, before anything that looks up a path: wait for the view
 * (the init exits on failure: end of file), check "/" is its root, and
 * move the working directory into it. */
static void wait_view(const pvr_child_plan *c) {
  view_id id;
  struct stat st;
  if (view_fd < 0)
    return;
  ssize_t n;
  while ((n = read(view_fd, &id, sizeof id)) < 0 && errno == EINTR) {
  }
  if (n != (ssize_t)sizeof id)
    _exit(PVR_EXIT_SETUP);
  close(view_fd);
  view_fd = -1;
  if (stat("/", &st) != 0 || st.st_dev != id.dev || st.st_ino != id.ino)
    fail(c, "--private-root: the plugin's root is not the run's view");
  if ((!view_cwd_p || chdir(view_cwd_p) != 0) && chdir("/") != 0)
    fail(c, "--private-root: chdir /: %s", strerror(errno));
}

/* With namespaces, the child cloned by the launcher is the PID
 * namespace's init: it waits for the id maps, makes the mounts, and
 * forks the plugin (with the run's own view, before building it: see
 * view_fd). Returns in the plugin. */
static void start_init(const pvr_child_plan *c) {
  const char *what = NULL;
  int ready[2] = {-1, -1};
  wait_maps(c);
  enter_cgroup(c);
  int e = pvr_ns_enter(c->ns, &what);
  if (e)
    fail(c, "namespaces: %s: %s", what, strerror(e));
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
    fail(c, "pdeathsig: %s", strerror(errno));
  if (!parent_alive(c, 1))
    _exit(PVR_EXIT_SETUP);
  if (c->root) {
    view_cwd_p = getcwd(view_cwd, sizeof view_cwd);
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ready) != 0)
      fail(c, "socketpair: %s", strerror(errno));
  }
  pid_t plugin = fork();
  if (plugin < 0)
    fail(c, "fork in the namespace: %s", strerror(errno));
  if (plugin == 0) {
    if (c->root) {
      close(ready[1]);
      view_fd = ready[0];
    }
    return;
  }
  if (c->root) {
    close(ready[0]);
    e = pvr_root_build(c->root, &what);
    if (e)
      fail(c, "--private-root: %s: %s", what, strerror(e));
    view_ready(c, ready[1]);
  }
  run_init(c, plugin);
}

/* Steps before the plugin's user is set: session, no_new_privs, network
 * namespace (without namespaces per run), limits. */
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
  if (!c->ns && c->unshare_net && unshare(CLONE_NEWNET) != 0)
    fail(c, "--unshare-net: %s", strerror(errno));
  set_limits(c);
}

_Noreturn void pvr_child_run(const pvr_child_plan *c) {
  if (c->ns)
    start_init(c);
  else
    enter_cgroup(c);
  early_steps(c);
  drop_user(c);
  /* Set after the uid change, which clears it. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
    fail(c, "pdeathsig: %s", strerror(errno));
  if (!parent_alive(c, 0))
    _exit(PVR_EXIT_SETUP);
  wait_view(c);
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
