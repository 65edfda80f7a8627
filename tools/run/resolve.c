/* resolve.c — see resolve.h. glibc 2.36 has no openat2 wrapper: the raw
 * system call. The absolute walk does what the kernel's path walk does
 * (one component at a time, "." and ".." included, at most 40 symlinks),
 * with the owner check the kernel has no flag for. */
#include "resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

enum {
  LINKS_MAX = 40, /* symlinks followed in one absolute walk (the kernel's MAXSYMLINKS) */
  RETRIES = 8,    /* openat2 EAGAIN retries (a rename raced the walk) */
  WALK_MAX = 4096 /* ".." steps in pvr_fd_within */
};

static int sys_openat2(int dirfd, const char *path, struct open_how *how) {
  return (int)syscall(SYS_openat2, dirfd, path, how, sizeof *how);
}

/* ENOENT and its kin: the path is not there for us; anything else is an
 * error of the launcher. */
static int is_missing(int e) {
  return e == ENOENT || e == ENOTDIR || e == EACCES;
}

static pv_status refuse(pvr_open_result *res, pv_error *err, const char *field, const char *path,
                        const char *why) {
  *res = PVR_OPEN_REFUSED;
  pv_error_set(err, PV_FAILED, "%s: '%s' %s", field, path, why);
  return PV_OK;
}

static pv_status open_failed(int e, pvr_open_result *res, pv_error *err, const char *field,
                             const char *path) {
  if (is_missing(e)) {
    *res = PVR_OPEN_MISSING;
    return PV_OK;
  }
  if (e == ELOOP)
    return refuse(res, err, field, path,
                  "passes through a symlink (name the real directory; a plugin can plant links)");
  if (e == EXDEV)
    return refuse(res, err, field, path, "leaves the directory it is relative to");
  if (e == ENOSYS)
    return pv_error_set(err, PV_FATAL, "%s: openat2 is not available (Linux 5.6 or later needed)",
                        field);
  return pv_error_set(err, PV_FATAL, "%s: '%s': %s", field, path, strerror(e));
}

pv_status pvr_open_beneath(int dirfd, const char *rel, const char *field, int *fd,
                           pvr_open_result *res, pv_error *err) {
  struct open_how how = {.flags = O_PATH | O_CLOEXEC,
                         .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS};
  *fd = -1;
  *res = PVR_OPEN_OK;
  for (int i = 0; i < RETRIES; i++) {
    *fd = sys_openat2(dirfd, rel, &how);
    if (*fd >= 0 || errno != EAGAIN) {
      break;
    }
  }
  if (*fd >= 0) {
    return PV_OK;
  }
  return open_failed(errno, res, err, field, rel);
}

/* Split the next component off the front of rest into comp: 1 when there
 * was one, 0 at the end, -1 when it is too long. */
static int next_component(char *rest, char *comp, size_t compsz) {
  char *s = rest;
  while (*s == '/') {
    s++;
  }
  size_t n = strcspn(s, "/");
  if (n == 0) {
    return 0;
  }
  if (n >= compsz) {
    return -1;
  }
  memcpy(comp, s, n);
  comp[n] = '\0';
  memmove(rest, s + n, strlen(s + n) + 1);
  return 1;
}

/* Replace rest by target + "/" + rest; 0 or -1 when too long. */
static int prepend(char *rest, size_t restsz, const char *target) {
  size_t t = strlen(target), r = strlen(rest);
  if (t + 1 + r + 1 > restsz) {
    return -1;
  }
  memmove(rest + t + 1, rest, r + 1);
  memcpy(rest, target, t);
  rest[t] = '/';
  return 0;
}

typedef struct {
  char rest[2 * PATH_MAX]; /* what is left to walk */
  int dir;                 /* where the walk stands */
  int links;
  int any_owner; /* follow symlinks of any owner (still no procfs one) */
  const char *path, *field;
  pvr_open_result *res;
  pv_error *err;
} walk;

static int reopen_root(walk *w) {
  close(w->dir);
  w->dir = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  return w->dir < 0 ? -1 : 0;
}

/* The symlink link (an O_PATH|O_NOFOLLOW descriptor) met on the walk:
 * follow it when root owns it and it is not a procfs magic link. */
static pv_status follow(walk *w, int link, const struct stat *st) {
  struct statfs fs;
  char target[PATH_MAX];
  if (++w->links > LINKS_MAX)
    return refuse(w->res, w->err, w->field, w->path, "has too many levels of symlinks");
  if (fstatfs(link, &fs) != 0 || fs.f_type == PROC_SUPER_MAGIC)
    return refuse(w->res, w->err, w->field, w->path, "passes through a procfs magic link");
  if (st->st_uid != 0 && !w->any_owner)
    return refuse(w->res, w->err, w->field, w->path,
                  "passes through a symlink not owned by root (name the real path)");
  ssize_t n = readlinkat(link, "", target, sizeof target - 1);
  if (n <= 0)
    return pv_error_set(w->err, PV_FATAL, "%s: '%s': cannot read a symlink", w->field, w->path);
  target[n] = '\0';
  if (prepend(w->rest, sizeof w->rest, target) != 0)
    return refuse(w->res, w->err, w->field, w->path, "resolves to a path too long");
  if (target[0] == '/' && reopen_root(w) != 0)
    return pv_error_set(w->err, PV_FATAL, "%s: cannot open /", w->field);
  return PV_OK;
}

/* One component: step into it, or follow it when it is a symlink. */
static pv_status step(walk *w, const char *comp) {
  struct stat st;
  int next = openat(w->dir, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  if (next < 0) {
    return open_failed(errno, w->res, w->err, w->field, w->path);
  }
  if (fstat(next, &st) != 0) {
    close(next);
    return pv_error_set(w->err, PV_FATAL, "%s: '%s': %s", w->field, w->path, strerror(errno));
  }
  if (!S_ISLNK(st.st_mode)) {
    close(w->dir);
    w->dir = next;
    return PV_OK;
  }
  pv_status rc = follow(w, next, &st);
  close(next);
  return rc;
}

/* Walk w->rest from w->dir to the end; *fd is where it lands. */
static pv_status walk_all(walk *w, int *fd) {
  char comp[NAME_MAX + 1];
  int more = 0;
  pv_status rc = PV_OK;
  while (rc == PV_OK && *w->res == PVR_OPEN_OK &&
         (more = next_component(w->rest, comp, sizeof comp)) > 0) {
    if (strcmp(comp, ".") != 0) {
      rc = step(w, comp);
    }
  }
  if (rc == PV_OK && *w->res == PVR_OPEN_OK && more < 0) {
    rc = refuse(w->res, w->err, w->field, w->path, "has a component that is too long");
  }
  if (rc != PV_OK || *w->res != PVR_OPEN_OK) {
    close(w->dir);
    return rc;
  }
  *fd = w->dir;
  return PV_OK;
}

pv_status pvr_open_walk(int start, const char *path, int any_owner, const char *field, int *fd,
                        pvr_open_result *res, pv_error *err) {
  walk w = {
      .dir = -1, .any_owner = any_owner, .path = path, .field = field, .res = res, .err = err};
  *fd = -1;
  *res = PVR_OPEN_OK;
  if (strlen(path) >= sizeof w.rest / 2) {
    return refuse(res, err, field, path, "is too long");
  }
  snprintf(w.rest, sizeof w.rest, "%s", path);
  if (path[0] == '/') {
    w.dir = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  } else {
    w.dir = fcntl(start, F_DUPFD_CLOEXEC, 0);
  }
  if (w.dir < 0) {
    return pv_error_set(err, PV_FATAL, "%s: cannot open where '%s' starts", field, path);
  }
  return walk_all(&w, fd);
}

pv_status pvr_open_trusted(const char *path, const char *field, int *fd, pvr_open_result *res,
                           pv_error *err) {
  if (path[0] != '/') {
    *fd = -1;
    *res = PVR_OPEN_OK;
    return pv_error_set(err, PV_FAILED, "%s: '%s' is not an absolute path", field, path);
  }
  return pvr_open_walk(-1, path, 0, field, fd, res, err);
}

int pvr_fd_path(int fd, char *out, size_t outsz) {
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, out, outsz - 1);
  if (n <= 0 || (size_t)n >= outsz - 1) {
    return -1;
  }
  out[n] = '\0';
  return 0;
}

static int same_inode(const struct stat *a, const struct stat *b) {
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int pvr_fd_within(int fd, int dirfd) {
  struct stat want, st, up_st;
  int cur = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  int found = 0;
  if (cur < 0 || fstat(dirfd, &want) != 0) {
    if (cur >= 0) {
      close(cur);
    }
    return 0;
  }
  for (int i = 0; i < WALK_MAX && fstat(cur, &st) == 0; i++) {
    if (same_inode(&st, &want)) {
      found = 1;
      break;
    }
    int up = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
    int top = up < 0 || fstat(up, &up_st) != 0 || same_inode(&up_st, &st);
    close(cur);
    cur = up;
    if (top) {
      break;
    }
  }
  if (cur >= 0) {
    close(cur);
  }
  return found;
}
