/* exec.c — see exec.h. The file an exec names is resolved the way the
 * plugin's process would reach it (its cwd, or execveat's directory
 * descriptor, through /proc/PID), one component at a time with no procfs
 * symlink on the way (so /proc/self/fd/N, a memfd, cannot pass for a
 * granted file), and checked by its canonical path. The kernel resolves
 * the path again when the exec continues: a plugin that swaps a symlink or
 * rewrites the path in another thread between the two can race this check
 * (seccomp_unotify(2)); Landlock's execute rights stay the hard boundary. */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resolve.h"

/* The directories of the plugin's PATH (run.c sets PATH to them). */
static const char *const runtime_path[] = {"/usr/local/bin", "/usr/bin", "/bin", NULL};

/* File names of dynamic loaders: glibc's on every architecture, musl's. */
static const char *const loader_names[] = {"ld-linux*", "ld.so*",    "ld-*.so*",
                                           "ld64.so*",  "ld-musl-*", NULL};

int pvr_exec_rules_add(pvr_exec_rules *r, const char *path, int is_dir) {
  if (r->n >= PVR_MAX_PATHS) {
    return -1;
  }
  char *c = strdup(path);
  if (!c) {
    return -1;
  }
  r->path[r->n] = c;
  r->is_dir[r->n] = is_dir;
  r->n++;
  return 0;
}

void pvr_exec_rules_loader(pvr_exec_rules *r, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0 || r->n_loaders >= PVR_MAX_LOADERS) {
    return;
  }
  for (size_t i = 0; i < r->n_loaders; i++) {
    if (r->loader_dev[i] == st.st_dev && r->loader_ino[i] == st.st_ino) {
      return;
    }
  }
  r->loader_dev[r->n_loaders] = st.st_dev;
  r->loader_ino[r->n_loaders] = st.st_ino;
  r->n_loaders++;
}

void pvr_exec_rules_free(pvr_exec_rules *r) {
  for (size_t i = 0; i < r->n; i++) {
    free(r->path[i]);
  }
  r->n = 0;
}

int pvr_read_cstr(pid_t pid, unsigned long long addr, char *out, size_t outsz) {
  char mem[64];
  snprintf(mem, sizeof mem, "/proc/%d/mem", (int)pid);
  int fd = open(mem, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return -1;
  }
  ssize_t n = pread(fd, out, outsz - 1, (off_t)addr);
  close(fd);
  if (n <= 0 || !memchr(out, '\0', (size_t)n)) {
    return -1;
  }
  return 0;
}

static int is_loader(const pvr_exec_rules *r, const char *canon, const struct stat *st) {
  const char *slash = strrchr(canon, '/');
  const char *base = slash ? slash + 1 : canon;
  for (size_t i = 0; loader_names[i]; i++) {
    if (fnmatch(loader_names[i], base, 0) == 0) {
      return 1;
    }
  }
  for (size_t i = 0; i < r->n_loaders; i++) {
    if (r->loader_dev[i] == st->st_dev && r->loader_ino[i] == st->st_ino) {
      return 1;
    }
  }
  return 0;
}

static int allowed(const pvr_exec_rules *r, const char *canon) {
  for (size_t i = 0; i < r->n; i++) {
    size_t n = strlen(r->path[i]);
    if (!r->is_dir[i] && !strcmp(canon, r->path[i])) {
      return 1;
    }
    if (r->is_dir[i] && !strncmp(canon, r->path[i], n) && (canon[n] == '/' || n == 1)) {
      return 1;
    }
  }
  return 0;
}

/* A miss of a PATH search in the runtime's own directories (execvp tries
 * /usr/local/bin/node before /usr/bin/node): ENOENT, as the kernel would
 * say, and nothing to report. */
static int runtime_miss(const pvr_exec_rules *r, const char *spelled) {
  const char *slash = strrchr(spelled, '/');
  if (!r->quiet_misses || spelled[0] != '/' || !slash) {
    return 0;
  }
  for (size_t i = 0; runtime_path[i]; i++) {
    size_t n = strlen(runtime_path[i]);
    if ((size_t)(slash - spelled) == n && !strncmp(spelled, runtime_path[i], n)) {
      return 1;
    }
  }
  return 0;
}

/* The exec's file: as spelled, and (when it resolves) canonical. */
typedef struct {
  char spelled[PATH_MAX];
  char canon[PATH_MAX];
  struct stat st;
  pvr_open_result res;
} exec_file;

/* Where a relative path of the exec starts: the caller's cwd, or
 * execveat's directory descriptor. */
static int open_start(pid_t pid, int is_at, int dirfd) {
  char p[64];
  if (!is_at || dirfd == AT_FDCWD) {
    snprintf(p, sizeof p, "/proc/%d/cwd", (int)pid);
  } else {
    snprintf(p, sizeof p, "/proc/%d/fd/%d", (int)pid, dirfd);
  }
  return open(p, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

/* Walk to the file as the plugin would; NULL, or why it cannot be run. */
static const char *walk_to(const struct seccomp_notif *req, int is_at, exec_file *f) {
  pv_error err = {0};
  int fd = -1;
  int start =
      f->spelled[0] == '/' ? -1 : open_start((pid_t)req->pid, is_at, (int)req->data.args[0]);
  if (f->spelled[0] != '/' && start < 0) {
    return "its directory cannot be seen";
  }
  pv_status rc = pvr_open_walk(start, f->spelled, 1, "exec", &fd, &f->res, &err);
  if (start >= 0) {
    close(start);
  }
  if (rc != PV_OK || f->res == PVR_OPEN_MISSING) {
    return "";
  }
  if (f->res == PVR_OPEN_REFUSED) {
    return "through a procfs link";
  }
  int ok = fstat(fd, &f->st) == 0 && pvr_fd_path(fd, f->canon, sizeof f->canon) == 0;
  close(fd);
  return ok ? NULL : "";
}

/* Read and resolve the exec's file; NULL, or why it cannot be run ("" for
 * an ordinary refusal). */
static const char *resolve(const struct seccomp_notif *req, int is_at, exec_file *f) {
  const __u64 *a = req->data.args;
  unsigned long long flags = is_at ? a[4] : 0;
  if (pvr_read_cstr((pid_t)req->pid, is_at ? a[1] : a[0], f->spelled, sizeof f->spelled) != 0) {
    f->spelled[0] = '\0';
    return "unreadable path";
  }
  if (!f->spelled[0]) {
    return flags & AT_EMPTY_PATH ? "a descriptor (AT_EMPTY_PATH), not a path" : "";
  }
  return walk_to(req, is_at, f);
}

static void describe_exec(const struct seccomp_notif *req, int is_at, const exec_file *f,
                          const char *why, char *args, size_t argsz) {
  int n = is_at ? snprintf(args, argsz, "fd=%d path=%s", (int)req->data.args[0], f->spelled)
                : snprintf(args, argsz, "path=%s", f->spelled);
  if (why && *why && n > 0 && (size_t)n < argsz) {
    snprintf(args + n, argsz - (size_t)n, " (%s)", why);
  }
}

pvr_exec_verdict pvr_exec_check(const pvr_exec_rules *r, const struct seccomp_notif *req, int is_at,
                                int *env_pending, char *args, size_t argsz) {
  static exec_file f;
  memset(&f, 0, sizeof f);
  const char *why = resolve(req, is_at, &f);
  describe_exec(req, is_at, &f, why, args, argsz);
  if (why && f.res == PVR_OPEN_MISSING && runtime_miss(r, f.spelled)) {
    return PVR_EXEC_MISSING;
  }
  if (!why && is_loader(r, f.canon, &f.st)) {
    describe_exec(req, is_at, &f, "a dynamic loader", args, argsz);
    return PVR_EXEC_REFUSE;
  }
  if (!why && *env_pending && r->env_target[0] && !strcmp(f.canon, r->env_target)) {
    *env_pending = 0;
    return PVR_EXEC_ALLOW;
  }
  if (!why && allowed(r, f.canon)) {
    return PVR_EXEC_ALLOW;
  }
  return PVR_EXEC_REFUSE;
}
