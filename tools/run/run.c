/* run.c — one plugvet-run invocation. Everything that can be decided is
 * decided here, before fork (program path, user, scratch directory,
 * environment, Landlock ruleset, seccomp filter), so the child only
 * applies it. Then the launcher supervises: answers seccomp notifications,
 * enforces the wall-clock timeout, reaps, and kills whatever the plugin
 * left behind (it is a child subreaper, so detached grandchildren come back
 * to it). */
#include "run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "child.h"
#include "entry.h"
#include "ns.h"
#include "report.h"
#include "resolve.h"

#define PVR_MAX_ENVP (PVR_MAX_ENV + 16)
#define PVR_MAX_PROCS 65536
#define PVR_NO_LEASE (-2) /* uid_lease: not a per-run uid (caller's own, or --user) */

/* The runtime read set added unless --no-system-paths (docs/policy.md). */
static const char *const system_read[] = {"/usr",
                                          "/lib",
                                          "/lib32",
                                          "/lib64",
                                          "/bin",
                                          "/sbin",
                                          "/etc/ld.so.cache",
                                          "/etc/ld.so.conf",
                                          "/etc/ld.so.conf.d",
                                          "/etc/localtime",
                                          "/etc/timezone",
                                          "/etc/ssl",
                                          "/etc/ca-certificates",
                                          "/etc/hosts",
                                          "/etc/resolv.conf",
                                          "/etc/nsswitch.conf",
                                          "/etc/host.conf",
                                          "/etc/gai.conf",
                                          "/etc/passwd",
                                          "/etc/group",
                                          "/etc/os-release",
                                          "/dev/null",
                                          "/dev/zero",
                                          "/dev/full",
                                          "/dev/random",
                                          "/dev/urandom",
                                          NULL};

typedef struct {
  pvr_run *run;
  char exe[PATH_MAX];
  char scratch[PATH_MAX];
  char entry_dir[PATH_MAX]; /* the entry script's package directory, read by default */
  pvr_fs_plan plan;
  pvr_exec_rules rules;
  pvr_landlock ll;
  int landlock_on, degraded;
  pvr_bpf bpf;
  pvr_super sup;
  int have_sup, got_listener;
  uid_t uid;
  pvr_cgroup cg; /* the run's own, when one could be made */
  int uid_lease; /* the flock holding uid for this run, -1 (none to be had), PVR_NO_LEASE */
  gid_t gid;
  int drop;
  pvr_ns ns;
  int ns_on;                     /* the child was cloned into ns (else forked: --allow-degraded) */
  int got_status, plugin_status; /* 'S': the plugin's wait status, from the namespace's init */
  char *envp[PVR_MAX_ENVP + 1];
  size_t n_env;
  int sfd, sock;
  pid_t child;
  sigset_t oldmask;
  int child_done, wstatus, timed_out, exec_errno, setup_failed, sock_eof, stop_sig;
  int seccomp_killed; /* the supervisor saw a never-allowed call */
  int report_fd, report_refused;
  char error[PATH_MAX + 512];
  uint64_t t0, deadline;
} pvr_ctx;

static void set_error(pvr_ctx *c, int status, const char *msg) {
  snprintf(c->error, sizeof c->error, "%s", msg);
  c->run->status = status;
}

/* ---- before fork ----------------------------------------------------- */

/* The plugin's PATH (make_env), where "#!/usr/bin/env NAME" finds NAME. */
#define PVR_PLUGIN_PATH "/usr/local/bin:/usr/bin:/bin"

/* The first executable NAME in the ':'-separated path list, into out. */
static int find_in(const char *path, const char *name, char *out, size_t outsz) {
  while (*path) {
    size_t len = strcspn(path, ":");
    char cand[PATH_MAX];
    int n = snprintf(cand, sizeof cand, "%.*s/%s", (int)len, path, name);
    if (len && n > 0 && (size_t)n < sizeof cand && access(cand, X_OK) == 0) {
      snprintf(out, outsz, "%s", cand);
      return 0;
    }
    path += len + (path[len] == ':');
  }
  return -1;
}

static int find_in_path(const char *name, char *out, size_t outsz) {
  const char *path = getenv("PATH");
  if (!path || !*path)
    path = PVR_PLUGIN_PATH;
  return find_in(path, name, out, outsz);
}

/* The absolute, resolved path of the program; 126/127 on failure. */
static int resolve_exe(pvr_ctx *c) {
  const char *name = c->run->argv[0];
  char found[PATH_MAX], msg[PATH_MAX + 64];
  struct stat st;
  if (!strchr(name, '/') && find_in_path(name, found, sizeof found) != 0) {
    snprintf(msg, sizeof msg, "%s: not found in PATH", name);
    set_error(c, PVR_EXIT_NOENT, msg);
    return -1;
  }
  if (!realpath(strchr(name, '/') ? name : found, c->exe)) {
    snprintf(msg, sizeof msg, "%s: %s", name, strerror(errno));
    set_error(c, errno == ENOENT ? PVR_EXIT_NOENT : PVR_EXIT_NOEXEC, msg);
    return -1;
  }
  if (stat(c->exe, &st) != 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
    snprintf(msg, sizeof msg, "%s: not an executable file", c->exe);
    set_error(c, PVR_EXIT_NOEXEC, msg);
    return -1;
  }
  return 0;
}

/* Add one of the launcher's own paths (Landlock opens it by name). */
static int plan_add(pvr_grants *g, const char *path) {
  if (g->n >= PVR_MAX_PATHS)
    return -1;
  char *d = strdup(path);
  if (!d)
    return -1;
  g->path[g->n] = d;
  g->fd[g->n] = PVR_FD_BYPATH;
  g->n++;
  return 0;
}

/* Add the policy's grants with copies of their descriptors. */
static int plan_copy(pvr_grants *dst, const pvr_grants *src) {
  for (size_t i = 0; i < src->n; i++) {
    if (plan_add(dst, src->path[i]) != 0) {
      return -1;
    }
    int fd = src->fd[i] >= 0 ? fcntl(src->fd[i], F_DUPFD_CLOEXEC, 0) : src->fd[i];
    if (src->fd[i] >= 0 && fd < 0) {
      return -1;
    }
    dst->fd[dst->n - 1] = fd;
  }
  return 0;
}

/* Execute rights (Landlock) for prog's ELF interpreter, which is also a
 * dynamic loader the supervisor refuses to run directly. */
static int plan_interp(pvr_ctx *c, const char *prog) {
  char interp[PATH_MAX];
  if (pvr_elf_interp(prog, interp, sizeof interp) != 0) {
    return 0;
  }
  pvr_exec_rules_loader(&c->rules, interp);
  return plan_add(&c->plan.exec, interp);
}

/* NAME of "#!/usr/bin/env [-S] [VAR=x] NAME ...": the first word of the
 * argument that is neither an option nor an assignment; -1 when the
 * interpreter is not env. */
static int env_program(const char *interp, const char *arg, char *name, size_t namesz) {
  char real[PATH_MAX];
  const char *slash = realpath(interp, real) ? strrchr(real, '/') : NULL;
  if (!slash || strcmp(slash + 1, "env") != 0) {
    return -1;
  }
  for (const char *w = arg; *w;) {
    size_t len = strcspn(w, " \t");
    int skip = w[0] == '-' || memchr(w, '=', len) != NULL;
    if (!skip && len > 0 && len < namesz) {
      memcpy(name, w, len);
      name[len] = '\0';
      return 0;
    }
    w += len;
    w += strspn(w, " \t");
  }
  return -1;
}

/* The program "#!/usr/bin/env NAME" runs: NAME in the plugin's PATH,
 * canonical, into target ("" when prog is no such script). */
static void env_target(const char *interp, const char *arg, char *name, size_t namesz, char *target,
                       size_t targetsz) {
  char found[PATH_MAX], real[PATH_MAX];
  target[0] = '\0';
  if (env_program(interp, arg, name, namesz) != 0) {
    return;
  }
  if (!strchr(name, '/') && find_in(PVR_PLUGIN_PATH, name, found, sizeof found) != 0) {
    return;
  }
  if (realpath(strchr(name, '/') ? name : found, real)) {
    snprintf(target, targetsz, "%s", real);
  }
}

/* Execute rights for running prog (itself when add_self): its ELF
 * interpreter, and for a "#!" script the interpreter and its ELF
 * interpreter; for "#!/usr/bin/env NAME" also NAME's, NAME into name and
 * its canonical path into target. */
static int plan_program(pvr_ctx *c, const char *prog, int add_self, char *name, size_t namesz,
                        char *target, size_t targetsz) {
  char interp[PATH_MAX], arg[256];
  target[0] = '\0';
  if ((add_self && plan_add(&c->plan.exec, prog) != 0) || plan_interp(c, prog) != 0) {
    return -1;
  }
  if (pvr_shebang(prog, interp, sizeof interp, arg, sizeof arg) != 0) {
    return 0;
  }
  if (plan_add(&c->plan.exec, interp) != 0 || plan_interp(c, interp) != 0) {
    return -1;
  }
  env_target(interp, arg, name, namesz, target, targetsz);
  if (target[0] && (plan_add(&c->plan.exec, target) != 0 || plan_interp(c, target) != 0)) {
    return -1;
  }
  return 0;
}

/* The policy's exec grants: Landlock rights on their descriptors, and the
 * supervisor's rules (a directory: every file under it), scripts with
 * their interpreters. */
static int plan_exec_grants(pvr_ctx *c) {
  const pvr_grants *g = &c->run->policy.exec;
  char name[256], target[PATH_MAX];
  struct stat st;
  if (plan_copy(&c->plan.exec, g) != 0) {
    return -1;
  }
  for (size_t i = 0; i < g->n; i++) {
    if (g->fd[i] < 0 || fstat(g->fd[i], &st) != 0) {
      continue;
    }
    if (pvr_exec_rules_add(&c->rules, g->path[i], S_ISDIR(st.st_mode)) != 0) {
      return -1;
    }
    if (!S_ISDIR(st.st_mode) &&
        (plan_program(c, g->path[i], 0, name, sizeof name, target, sizeof target) != 0 ||
         (target[0] && pvr_exec_rules_add(&c->rules, target, 0) != 0))) {
      return -1;
    }
  }
  return 0;
}

/* Execute rights and exec rules: the program (its first exec, and with
 * children later ones too), what it needs to run, the exec grants. */
static int plan_exec(pvr_ctx *c) {
  pvr_exec_rules *r = &c->rules;
  r->quiet_misses = c->run->policy.system_paths;
  if (plan_program(c, c->exe, 1, r->env_name, sizeof r->env_name, r->env_target,
                   sizeof r->env_target) != 0) {
    return -1;
  }
  if (c->run->policy.children &&
      (pvr_exec_rules_add(r, c->exe, 0) != 0 ||
       (r->env_target[0] && pvr_exec_rules_add(r, r->env_target, 0) != 0))) {
    return -1;
  }
  return plan_exec_grants(c);
}

/* The entry script's package directory, readable by default (entry.h). */
static int plan_entry(pvr_ctx *c) {
  char dir[PATH_MAX];
  int fd = pvr_entry_dir(c->exe, c->run->argv, c->run->policy.cwd, getenv("HOME"), dir, sizeof dir);
  if (fd < 0) {
    return 0;
  }
  if (plan_add(&c->plan.read, dir) != 0) {
    close(fd);
    return -1;
  }
  c->plan.read.fd[c->plan.read.n - 1] = fd;
  snprintf(c->entry_dir, sizeof c->entry_dir, "%s", dir);
  return 0;
}

static int make_plan(pvr_ctx *c) {
  const pvr_policy *p = &c->run->policy;
  for (size_t i = 0; p->system_paths && system_read[i]; i++)
    if (plan_add(&c->plan.read, system_read[i]) != 0)
      return -1;
  if (plan_copy(&c->plan.read, &p->read) || plan_copy(&c->plan.write, &p->write) ||
      plan_add(&c->plan.write, c->scratch) || plan_add(&c->plan.write, "/dev/null"))
    return -1;
  if (plan_entry(c) != 0) {
    return -1;
  }
  return plan_exec(c);
}

static void plan_free(pvr_fs_plan *pl) {
  pvr_grants *gs[] = {&pl->read, &pl->write, &pl->exec};
  for (size_t k = 0; k < 3; k++) {
    for (size_t i = 0; i < gs[k]->n; i++) {
      free(gs[k]->path[i]);
      if (gs[k]->fd[i] >= 0) {
        close(gs[k]->fd[i]);
      }
    }
    gs[k]->n = 0;
  }
}

static int choose_user(pvr_ctx *c) {
  const char *name = c->run->policy.user;
  char msg[300];
  c->uid = geteuid();
  c->gid = getegid();
  if (c->uid != 0) {
    struct passwd *pw = name ? getpwnam(name) : NULL;
    if (name && (!pw || pw->pw_uid != c->uid)) {
      snprintf(msg, sizeof msg, "--user %s: switching users needs root", name);
      set_error(c, PVR_EXIT_USAGE, msg);
      return -1;
    }
    return 0;
  }
  if (!name) {
    /* A uid of its own (docs/policy.md, "Namespaces"). */
    c->uid_lease = pvr_ns_lease_uid(getpid(), &c->uid);
    c->gid = (gid_t)c->uid;
    c->drop = 1;
    return 0;
  }
  struct passwd *pw = getpwnam(name);
  if (!pw) {
    snprintf(msg, sizeof msg, "user: no account '%s'", name);
    set_error(c, PVR_EXIT_USAGE, msg);
    return -1;
  }
  c->uid = pw->pw_uid;
  c->gid = pw->pw_gid;
  c->drop = c->uid != 0;
  return 0;
}

static int make_scratch(pvr_ctx *c) {
  snprintf(c->scratch, sizeof c->scratch, "/tmp/plugvet-run.XXXXXX");
  if (!mkdtemp(c->scratch)) {
    c->scratch[0] = 0;
    set_error(c, PVR_EXIT_SETUP, "cannot create the scratch directory");
    return -1;
  }
  if (c->drop && chown(c->scratch, c->uid, c->gid) != 0) {
    set_error(c, PVR_EXIT_SETUP, "cannot hand the scratch directory to the plugin's user");
    return -1;
  }
  return 0;
}

static int env_put(pvr_ctx *c, const char *name, size_t nlen, const char *value) {
  char *e = NULL;
  if (asprintf(&e, "%.*s=%s", (int)nlen, name, value) < 0)
    return -1;
  for (size_t i = 0; i < c->n_env; i++)
    if (!strncmp(c->envp[i], e, nlen + 1)) {
      free(c->envp[i]);
      c->envp[i] = e;
      return 0;
    }
  if (c->n_env >= PVR_MAX_ENVP) {
    free(e);
    return -1;
  }
  c->envp[c->n_env++] = e;
  return 0;
}

/* The allow-listed environment: never the caller's whole environment. */
static int make_env(pvr_ctx *c) {
  static const char *const passed[] = {"LANG", "LC_ALL", "TZ", "TERM", NULL};
  const pvr_list *pe = &c->run->policy.env;
  if (env_put(c, "PATH", 4, PVR_PLUGIN_PATH) || env_put(c, "HOME", 4, c->scratch) ||
      env_put(c, "TMPDIR", 6, c->scratch))
    return -1;
  for (size_t i = 0; passed[i]; i++)
    if (getenv(passed[i]) && env_put(c, passed[i], strlen(passed[i]), getenv(passed[i])))
      return -1;
  for (size_t i = 0; i < pe->n; i++) {
    const char *s = pe->items[i], *eq = strchr(s, '=');
    const char *v = eq ? eq + 1 : getenv(s);
    if (v && env_put(c, s, eq ? (size_t)(eq - s) : strlen(s), v))
      return -1;
  }
  return 0;
}

static int confine_prepare(pvr_ctx *c) {
  pv_error err = {0};
  if (make_plan(c) != 0) {
    set_error(c, PVR_EXIT_SETUP, "too many paths");
    return -1;
  }
  pv_status rc = pvr_landlock_prepare(&c->ll, &c->plan, &c->run->policy, &err);
  if (rc == PV_OK) {
    c->landlock_on = 1;
  } else if (rc == PV_FAILED && c->run->allow_degraded) {
    c->degraded = 1;
    if (c->ll.fd >= 0)
      close(c->ll.fd);
    c->ll.fd = -1;
  } else {
    char msg[600];
    snprintf(msg, sizeof msg, "%s%s", err.msg,
             rc == PV_FAILED ? " (refusing to run; --allow-degraded overrides)" : "");
    set_error(c, PVR_EXIT_SETUP, msg);
    return -1;
  }
  if (!pvr_seccomp_notify_ok()) {
    set_error(c, PVR_EXIT_SETUP, "seccomp user notification is not available");
    return -1;
  }
  if (pvr_seccomp_filter(&c->run->policy, &c->bpf, &err) != PV_OK) {
    set_error(c, PVR_EXIT_SETUP, err.msg);
    return -1;
  }
  return 0;
}

/* Whether the directory dirfd is somewhere the plugin may write: under a
 * write grant or in the scratch directory. */
static int dir_writable(const pvr_ctx *c, int dirfd) {
  const pvr_grants *w = &c->run->policy.write;
  for (size_t i = 0; i < w->n; i++) {
    if (w->fd[i] >= 0 && pvr_fd_within(dirfd, w->fd[i])) {
      return 1;
    }
  }
  int sfd = c->scratch[0] ? open(c->scratch, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
  int in_scratch = sfd >= 0 && pvr_fd_within(dirfd, sfd);
  if (sfd >= 0) {
    close(sfd);
  }
  return in_scratch;
}

/* Whether the file st is itself a write grant. */
static int file_granted(const pvr_ctx *c, const struct stat *st) {
  const pvr_grants *w = &c->run->policy.write;
  struct stat g;
  for (size_t i = 0; i < w->n; i++) {
    if (w->fd[i] >= 0 && fstat(w->fd[i], &g) == 0 && g.st_dev == st->st_dev &&
        g.st_ino == st->st_ino) {
      return 1;
    }
  }
  return 0;
}

static int report_refuse(pvr_ctx *c, const char *why) {
  char msg[PATH_MAX + 256];
  snprintf(msg, sizeof msg, "--report %s: %s", c->run->report_file, why);
  set_error(c, PVR_EXIT_USAGE, msg);
  c->report_refused = 1;
  return -1;
}

/* The directory part of the report path, opened like an absolute grant
 * (root-owned symlinks only); *base points at the file name in abs. */
static int report_dir(pvr_ctx *c, char *abs, size_t abssz, const char **base) {
  const char *file = c->run->report_file;
  char cwd[PATH_MAX];
  pv_error err = {0};
  pvr_open_result res = PVR_OPEN_OK;
  int n = file[0] == '/'            ? snprintf(abs, abssz, "%s", file)
          : getcwd(cwd, sizeof cwd) ? snprintf(abs, abssz, "%s/%s", cwd, file)
                                    : -1;
  if (n < 0 || (size_t)n >= abssz) {
    return report_refuse(c, "path too long");
  }
  char *slash = strrchr(abs, '/');
  *base = slash + 1;
  if (!**base || !strcmp(*base, ".") || !strcmp(*base, "..")) {
    return report_refuse(c, "not a file name");
  }
  *slash = '\0';
  int dirfd = -1;
  pv_status rc = pvr_open_trusted(abs[0] ? abs : "/", "--report", &dirfd, &res, &err);
  *slash = '/';
  if (rc != PV_OK || res == PVR_OPEN_REFUSED) {
    return report_refuse(c, err.msg);
  }
  if (res == PVR_OPEN_MISSING) {
    return report_refuse(c, "its directory does not exist");
  }
  return dirfd;
}

/* Open --report now, before the plugin exists (the root launcher must not
 * write later through anything the plugin planted): the file itself
 * O_NOFOLLOW, a regular file with one link, nowhere the plugin may write.
 * Truncated only once all that is checked. */
static int open_report(pvr_ctx *c) {
  char abs[2 * PATH_MAX];
  const char *base = NULL;
  struct stat st;
  static const char writable[] =
      "the plugin may write there (under a write grant or its scratch directory)";
  int dirfd = report_dir(c, abs, sizeof abs, &base);
  if (dirfd < 0) {
    return -1;
  }
  if (dir_writable(c, dirfd)) {
    close(dirfd);
    return report_refuse(c, writable);
  }
  int fd = openat(dirfd, base, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  const char *why = fd < 0 && errno == ELOOP ? "is a symlink" : fd < 0 ? strerror(errno) : NULL;
  if (!why && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
    why = "not a regular file";
  } else if (!why && st.st_nlink != 1) {
    why = "has other hard links";
  } else if (!why && file_granted(c, &st)) {
    why = writable;
  } else if (!why && ftruncate(fd, 0) != 0) {
    why = strerror(errno);
  }
  close(dirfd);
  if (why) {
    if (fd >= 0) {
      close(fd);
    }
    return report_refuse(c, why);
  }
  c->report_fd = fd;
  return 0;
}

/* The run's cgroup: the memory limit for the whole run (shared memory
 * included), the process limit plus the namespace's init. Without one the
 * report says why and what stays unbounded. */
static void make_cgroup(pvr_ctx *c) {
  char name[64];
  const pvr_limits *l = &c->run->policy.lim;
  snprintf(name, sizeof name, "plugvet-run.%d", (int)getpid());
  pvr_cgroup_make(&c->cg, name, l->mem_mib << 20, l->nproc + 1, l->cpu_percent);
}

static int prepare(pvr_ctx *c) {
  if (resolve_exe(c) || choose_user(c))
    return -1;
  if (make_scratch(c) || confine_prepare(c))
    return -1;
  make_cgroup(c);
  if (c->run->report_file && open_report(c) != 0)
    return -1;
  if (make_env(c) != 0) {
    set_error(c, PVR_EXIT_USAGE, "env: too many variables");
    return -1;
  }
  return 0;
}

/* ---- process tree ---------------------------------------------------- */

static int read_ppid(pid_t pid, pid_t *ppid) {
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0)
    return -1;
  buf[n] = 0;
  char *rp = strrchr(buf, ')');
  int pp = 0;
  if (!rp || sscanf(rp + 1, " %*c %d", &pp) != 1)
    return -1;
  *ppid = pp;
  return 0;
}

/* SIGKILL every descendant of this process found in /proc. */
static void kill_descendants(void) {
  static pid_t pids[PVR_MAX_PROCS], ppids[PVR_MAX_PROCS];
  static unsigned char mark[PVR_MAX_PROCS];
  size_t n = 0;
  DIR *d = opendir("/proc");
  struct dirent *e;
  while (d && (e = readdir(d)) && n < PVR_MAX_PROCS) {
    char *end;
    long pid = strtol(e->d_name, &end, 10);
    if (*end || pid <= 0 || read_ppid((pid_t)pid, &ppids[n]) != 0)
      continue;
    pids[n] = (pid_t)pid;
    mark[n++] = 0;
  }
  if (d)
    closedir(d);
  pid_t self = getpid();
  for (int changed = 1, pass = 0; changed && pass < 64; pass++) {
    changed = 0;
    for (size_t i = 0; i < n; i++) {
      if (mark[i])
        continue;
      int hit = ppids[i] == self;
      for (size_t j = 0; !hit && j < n; j++)
        hit = mark[j] && pids[j] == ppids[i];
      if (hit) {
        mark[i] = changed = 1;
        kill(pids[i], SIGKILL);
      }
    }
  }
}

/* With a PID namespace, killing its init makes the kernel kill the rest:
 * no process of the run lives outside it, so /proc need not be walked. */
static void kill_tree(pvr_ctx *c) {
  if (c->child > 0)
    kill(-c->child, SIGKILL);
  if (c->child > 0 && c->ns_on)
    kill(c->child, SIGKILL);
  else
    kill_descendants();
}

static void reap(pvr_ctx *c, int flags) {
  int st;
  pid_t pid;
  while ((pid = waitpid(-1, &st, flags)) > 0) {
    if (pid == c->child) {
      c->child_done = 1;
      c->wstatus = st;
    }
  }
}

/* Kill and reap until no descendant is left (ECHILD), bounded: up to
 * 500 waits of 10 ms for a SIGCHLD (blocked, so it queues on c->sfd). */
static void finish_tree(pvr_ctx *c) {
  for (int i = 0; i < 500; i++) {
    kill_tree(c);
    reap(c, WNOHANG);
    if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
      return;
    struct pollfd p = {c->sfd, POLLIN, 0};
    struct signalfd_siginfo si;
    if (poll(&p, 1, 10) == 1 && read(c->sfd, &si, sizeof si) < 0)
      return;
  }
}

/* ---- supervision loop ------------------------------------------------ */

/* A descriptor passed on the status socket into *fd; with namespaces the
 * sender's pid (the kernel's, in the launcher's PID namespace) names the
 * plugin for the supervisor, which lets it make the first exec. */
static void on_cmsg(pvr_ctx *c, struct cmsghdr *h, int *fd) {
  if (h->cmsg_level != SOL_SOCKET) {
    return;
  }
  if (h->cmsg_type == SCM_RIGHTS) {
    if (*fd >= 0) {
      close(*fd);
    }
    memcpy(fd, CMSG_DATA(h), sizeof *fd);
  } else if (h->cmsg_type == SCM_CREDENTIALS && c->ns_on && !c->got_listener) {
    struct ucred cr;
    memcpy(&cr, CMSG_DATA(h), sizeof cr);
    c->sup.child = cr.pid;
  }
}

static void on_sock(pvr_ctx *c) {
  char buf[601];
  union {
    struct cmsghdr h;
    char b[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
  } ctl;
  struct iovec iov = {buf, sizeof buf - 1};
  struct msghdr m = {
      .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof ctl.b};
  ssize_t n = recvmsg(c->sock, &m, MSG_CMSG_CLOEXEC);
  if (n < 0 && errno == EINTR)
    return;
  if (n <= 0) {
    close(c->sock);
    c->sock = -1;
    c->sock_eof = 1;
    return;
  }
  buf[n] = 0;
  int fd = -1;
  for (struct cmsghdr *h = CMSG_FIRSTHDR(&m); h; h = CMSG_NXTHDR(&m, h)) {
    on_cmsg(c, h, &fd);
  }
  if (buf[0] == 'F' && fd >= 0) {
    pvr_super_set_fd(&c->sup, fd);
    c->got_listener = 1;
  } else if (buf[0] == 'S' && n >= (ssize_t)(1 + sizeof(int))) {
    memcpy(&c->plugin_status, buf + 1, sizeof(int));
    c->got_status = 1;
  } else if (buf[0] == 'E') {
    c->setup_failed = 1;
    set_error(c, PVR_EXIT_SETUP, buf + 1);
  } else if (buf[0] == 'X' && n >= (ssize_t)(1 + sizeof(int))) {
    memcpy(&c->exec_errno, buf + 1, sizeof(int));
  }
}

/* Returns 1 when the launcher itself was told to stop. */
static int on_signal(pvr_ctx *c) {
  struct signalfd_siginfo si;
  if (read(c->sfd, &si, sizeof si) != sizeof si)
    return 0;
  if (si.ssi_signo == SIGCHLD) {
    reap(c, WNOHANG);
    return 0;
  }
  char msg[64];
  snprintf(msg, sizeof msg, "plugvet-run received signal %u", si.ssi_signo);
  snprintf(c->error, sizeof c->error, "%s", msg);
  c->stop_sig = (int)si.ssi_signo;
  kill_tree(c);
  return 1;
}

static int poll_timeout(pvr_ctx *c) {
  if (!c->deadline)
    return -1;
  uint64_t now = pv_now_ms();
  return now >= c->deadline ? 0 : (int)(c->deadline - now);
}

/* A never-allowed call: the supervisor killed its process; the launcher
 * kills the rest of the plugin. */
static void on_kill(pvr_ctx *c) {
  if (c->sup.kill && !c->seccomp_killed) {
    c->seccomp_killed = 1;
    kill_tree(c);
  }
}

static void supervise(pvr_ctx *c) {
  while (!c->child_done) {
    struct pollfd fds[3] = {{c->sfd, POLLIN, 0}, {c->sock, POLLIN, 0}, {c->sup.fd, POLLIN, 0}};
    int r = poll(fds, 3, poll_timeout(c));
    if (r < 0 && errno != EINTR)
      break;
    if (r == 0 && c->deadline) {
      c->timed_out = 1;
      c->deadline = 0;
      kill_tree(c);
      continue;
    }
    if (fds[2].revents & POLLIN) {
      if (pvr_super_handle(&c->sup) != 0)
        pvr_super_set_fd(&c->sup, -1);
      on_kill(c);
    } else if (fds[2].revents & (POLLHUP | POLLERR | POLLNVAL)) {
      pvr_super_set_fd(&c->sup, -1);
    }
    if (fds[1].revents)
      on_sock(c);
    if ((fds[0].revents & POLLIN) && on_signal(c))
      break;
  }
  while (c->sock >= 0)
    on_sock(c); /* the child is gone: drain its messages */
}

/* ---- start, finish --------------------------------------------------- */

static void ns_refuse(pvr_ctx *c, const char *what, int e) {
  char msg[300];
  snprintf(msg, sizeof msg, "namespaces: %s: %s (refusing to run; --allow-degraded overrides)",
           what, strerror(e));
  set_error(c, PVR_EXIT_SETUP, msg);
}

/* Clone the child into its namespaces and write its id maps, then let it
 * go on; without namespaces (--allow-degraded only) fork it. */
static int spawn(pvr_ctx *c, pvr_child_plan *plan, int sv[2]) {
  int in_cgroup = 0;
  c->child =
      pvr_ns_clone(&c->ns, c->cg.version == 2 && c->cg.into ? c->cg.into_fd : -1, &in_cgroup);
  int e = errno;
  if (c->child < 0 && c->run->allow_degraded && c->run->root != PVR_ROOT_REQUIRED) {
    plan->ns = NULL;
    plan->root = NULL;
    c->degraded = 1;
    c->child = fork();
  }
  if (c->child == 0) {
    close(sv[0]);
    pvr_child_run(plan);
  }
  close(sv[1]);
  c->sock = sv[0];
  if (c->child < 0) {
    if (plan->ns) {
      ns_refuse(c, "clone", e);
    } else {
      set_error(c, PVR_EXIT_SETUP, strerror(errno));
    }
    return -1;
  }
  c->ns_on = plan->ns != NULL;
  /* The child was cloned into the cgroup (v2) or enters it itself (v1)
   * when it can (cgroup.h), else it is moved here, before it goes on. */
  int entering = c->cg.n_enter > 0 || in_cgroup;
  pvr_cgroup_close_enter(&c->cg);
  if (c->cg.version && !entering && (e = pvr_cgroup_attach(&c->cg, c->child)) != 0) {
    snprintf(c->cg.why, sizeof c->cg.why, "cannot move the run into its cgroup: %s", strerror(e));
    pvr_cgroup_remove(&c->cg);
  }
  e = c->ns_on ? pvr_ns_map(&c->ns, c->child) : 0;
  if (e) {
    ns_refuse(c, "writing the uid/gid maps", e);
    kill(c->child, SIGKILL);
    return -1;
  }
  if (c->ns_on && send(c->sock, "G", 1, MSG_NOSIGNAL) != 1) {
    set_error(c, PVR_EXIT_SETUP, strerror(errno));
    kill(c->child, SIGKILL);
    return -1;
  }
  return 0;
}

static int start(pvr_ctx *c) {
  int sv[2];
  sigset_t mask;
  sigemptyset(&mask);
  int sigs[] = {SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    sigaddset(&mask, sigs[i]);
  if (sigprocmask(SIG_BLOCK, &mask, &c->oldmask) != 0 ||
      (c->sfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0 ||
      prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0 ||
      socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0 ||
      setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &(int){1}, sizeof(int)) != 0) {
    set_error(c, PVR_EXIT_SETUP, strerror(errno));
    return -1;
  }
  pvr_child_plan plan = {.exe = c->exe,
                         .argv = c->run->argv,
                         .envp = c->envp,
                         .cwd = c->run->policy.cwd,
                         .drop = c->drop,
                         .uid = c->uid,
                         .gid = c->gid,
                         .lim = &c->run->policy.lim,
                         .ll = c->landlock_on ? &c->ll : NULL,
                         .bpf = &c->bpf,
                         .sock = sv[1],
                         .parent = getpid(),
                         .unshare_net = c->run->unshare_net,
                         .cg = c->cg.version && c->cg.n_enter ? &c->cg : NULL,
                         .mask = c->oldmask};
  int empty_net = c->run->unshare_net || c->run->policy.net == PVR_NET_NONE;
  pvr_ns_plan(&c->ns, c->uid, c->gid, empty_net);
  plan.ns = &c->ns;
  pvr_root_plan root = {.fs = &c->plan,
                        .scratch = c->scratch,
                        .scratch_mib = c->run->scratch_mib,
                        .uid = c->uid,
                        .gid = c->gid,
                        .native = c->run->policy.native,
                        .ll = c->landlock_on ? &c->ll : NULL};
  plan.root = c->run->root != PVR_ROOT_HOST ? &root : NULL;
  fflush(NULL);
  c->t0 = pv_now_ms();
  if (spawn(c, &plan, sv) != 0) {
    return -1;
  }
  if (c->run->policy.lim.timeout_s)
    c->deadline = c->t0 + c->run->policy.lim.timeout_s * 1000;
  return 0;
}

static int final_status(pvr_ctx *c, int *started) {
  *started = c->got_listener && !c->setup_failed && !c->exec_errno;
  if (c->setup_failed)
    return PVR_EXIT_SETUP;
  if (c->exec_errno) {
    snprintf(c->error, sizeof c->error, "exec %s: %s", c->exe, strerror(c->exec_errno));
    return c->exec_errno == ENOENT ? PVR_EXIT_NOENT : PVR_EXIT_NOEXEC;
  }
  if (!*started && !c->error[0])
    snprintf(c->error, sizeof c->error, "the child died during setup");
  if (!*started)
    return PVR_EXIT_SETUP;
  if (c->timed_out)
    return PVR_EXIT_TIMEOUT;
  if (c->seccomp_killed)
    return 128 + SIGSYS;
  if (c->stop_sig)
    return 128 + c->stop_sig;
  if (c->ns_on && c->got_status)
    c->wstatus = c->plugin_status;
  if (WIFEXITED(c->wstatus))
    return WEXITSTATUS(c->wstatus);
  if (WIFSIGNALED(c->wstatus))
    return 128 + WTERMSIG(c->wstatus);
  return PVR_EXIT_SETUP;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  remove(path);
  return 0;
}

/* What the launcher itself did to end the plugin, for the report. */
static void set_killer(const pvr_ctx *c, pvr_report *r) {
  if (c->timed_out) {
    r->killed_by = "timeout";
  } else if (c->seccomp_killed) {
    r->killed_by = "seccomp";
    r->kill_syscall = c->sup.kill_syscall;
    r->kill_pid = c->sup.kill_pid;
  } else if (c->stop_sig) {
    r->killed_by = "signal";
    r->stop_signal = c->stop_sig;
  } else if (c->cg.oom_kills && r->signal == SIGKILL) {
    r->killed_by = "memory";
  }
}

/* The report goes to the descriptor opened before the plugin started; a
 * run that failed before that (no plugin ever ran) opens it now. */
static void write_report(pvr_ctx *c, const pvr_report *r) {
  pv_error err = {0};
  if (!c->run->report_file || c->report_refused) {
    return;
  }
  if (c->report_fd < 0 && open_report(c) != 0) {
    fprintf(stderr, "plugvet-run: %s\n", c->error);
    return;
  }
  if (pvr_report_write(r, c->report_fd, c->run->report_file, &err) != PV_OK)
    fprintf(stderr, "plugvet-run: %s\n", err.msg);
}

/* The cgroup counts every process of the run, a grandchild killed with its
 * PID namespace included; getrusage only what the launcher reaped. */
static double cpu_seconds(const struct rusage *ru, const pvr_cgroup *cg) {
  double reaped = (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
                  (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
  double all = (double)cg->cpu_usec / 1e6;
  return all > reaped ? all : reaped;
}

static void report(pvr_ctx *c, int started) {
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  pvr_cgroup_read(&c->cg);
  pvr_report r = {.policy = &c->run->policy,
                  .argv = c->run->argv,
                  .exe = c->exe[0] ? c->exe : NULL,
                  .uid = c->uid,
                  .gid = c->gid,
                  .nproc_enforced = c->uid != 0,
                  .uid_leased = c->uid_lease == PVR_NO_LEASE ? -1 : c->uid_lease >= 0,
                  .ll = &c->ll,
                  .landlock_on = c->landlock_on,
                  .degraded = c->degraded,
                  .seccomp_mode = c->bpf.len ? "filter+user-notify" : NULL,
                  .sup = c->have_sup ? &c->sup : NULL,
                  .unshare_net = c->run->unshare_net,
                  .ns_flags = c->ns_on ? c->ns.flags : 0,
                  .cg = &c->cg,
                  .private_root = c->ns_on && c->run->root != PVR_ROOT_HOST,
                  .started = started,
                  .exit_code = -1,
                  .timed_out = c->timed_out,
                  .status = c->run->status,
                  .wall_s = c->t0 ? (double)(pv_now_ms() - c->t0) / 1000.0 : 0,
                  .cpu_s = cpu_seconds(&ru, &c->cg),
                  .peak_rss_kib = ru.ru_maxrss,
                  .error = c->error[0] ? c->error : NULL,
                  .entry_dir = c->entry_dir[0] ? c->entry_dir : NULL};
  if (started && WIFEXITED(c->wstatus) && !c->timed_out)
    r.exit_code = WEXITSTATUS(c->wstatus);
  if (started && WIFSIGNALED(c->wstatus))
    r.signal = WTERMSIG(c->wstatus);
  set_killer(c, &r);
  int noisy = !c->run->quiet || (r.sup && r.sup->total) || !started || c->degraded || r.signal ||
              r.killed_by;
  if (noisy)
    pvr_report_summary(&r, stderr);
  write_report(c, &r);
}

static void cleanup(pvr_ctx *c) {
  if (c->have_sup)
    pvr_super_free(&c->sup);
  if (c->sock >= 0)
    close(c->sock);
  if (c->sfd >= 0)
    close(c->sfd);
  if (c->report_fd >= 0)
    close(c->report_fd);
  if (c->uid_lease >= 0)
    close(c->uid_lease);
  pvr_cgroup_remove(&c->cg);
  if (c->scratch[0])
    nftw(c->scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  pvr_landlock_free(&c->ll);
  pvr_bpf_free(&c->bpf);
  plan_free(&c->plan);
  pvr_exec_rules_free(&c->rules);
  for (size_t i = 0; i < c->n_env; i++)
    free(c->envp[i]);
}

int pvr_run_main(pvr_run *run) {
  /* Once per process: zeroed as a static, not by a memset that would fault
   * in all of its pages (the supervisor's refusal table is most of it). */
  static pvr_ctx ctx;
  pvr_ctx *c = &ctx;
  pv_error err = {0};
  c->run = run;
  c->sfd = c->sock = c->ll.fd = c->report_fd = -1;
  c->uid_lease = PVR_NO_LEASE;
  int started = 0;
  if (prepare(c) == 0 && start(c) == 0) {
    if (pvr_super_init(&c->sup, c->child, c->exe, &c->rules, &err) != PV_OK) {
      set_error(c, PVR_EXIT_SETUP, err.msg);
      kill_tree(c);
    } else {
      c->have_sup = 1;
      supervise(c);
    }
    finish_tree(c);
    run->status = final_status(c, &started);
  }
  report(c, started);
  cleanup(c);
  return run->status;
}
