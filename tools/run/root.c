/* root.c — the run's own file system view (root.h). */
#include "root.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PVR_ROOT_MAX (3 * PVR_MAX_PATHS)

typedef struct {
  char dst[PATH_MAX]; /* what to bind, and where: canonical, absolute */
  int fd;             /* the grant's descriptor, or -1 (the launcher's own path) */
  int kind;           /* 0 read, 1 exec, 2 write: on one path the later goes over */
  int write;
  int noexec; /* no execve, no PROT_EXEC mapping of its files */
} bind_entry;

/* mkdir -p of path's parents (path itself excluded). */
static int make_parents(char *path) {
  for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
    *p = '\0';
    int r = mkdir(path, 0755);
    *p = '/';
    if (r != 0 && errno != EEXIST) {
      return -1;
    }
  }
  return 0;
}

/* The mount point for src at dst under root: a directory or an empty file
 * like src's. */
static int make_target(const char *src, const char *target) {
  char t[2 * PATH_MAX];
  struct stat st;
  snprintf(t, sizeof t, "%s", target);
  if (lstat(t, &st) == 0) {
    return 0; /* already there: under an earlier bind */
  }
  if (stat(src, &st) != 0 || make_parents(t) != 0) {
    return -1;
  }
  if (S_ISDIR(st.st_mode)) {
    return mkdir(t, 0755) == 0 || errno == EEXIST ? 0 : -1;
  }
  int fd = open(t, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) {
    close(fd);
    return 0;
  }
  return errno == EROFS || errno == EEXIST ? 0 : -1;
}

static int bind_one(const char *root, const bind_entry *b) {
  char target[2 * PATH_MAX];
  struct stat st;
  snprintf(target, sizeof target, "%.4095s%.4095s", root, b->dst);
  struct stat want;
  if (make_target(b->dst, target) != 0) {
    return -1;
  }
  /* A descriptor from before the clone is on the launcher's mounts, which
   * cannot be a bind source here: bind by path, then check the result is
   * the very file the grant's descriptor names. */
  if (mount(b->dst, target, NULL, MS_BIND | MS_REC, NULL) != 0) {
    return -1;
  }
  if (b->fd >= 0 && (fstat(b->fd, &want) != 0 || stat(target, &st) != 0 ||
                     want.st_dev != st.st_dev || want.st_ino != st.st_ino)) {
    errno = ESTALE;
    return -1;
  }
  /* Device files (/dev/null ...) need dev; everything else is nodev. */
  unsigned long flags = MS_REMOUNT | MS_BIND | MS_NOSUID;
  if (!(stat(target, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))) {
    flags |= MS_NODEV;
  }
  if (!b->write) {
    flags |= MS_RDONLY;
  }
  if (b->noexec) {
    flags |= MS_NOEXEC;
  }
  return mount(NULL, target, NULL, flags, NULL);
}

/* One grant as a bind entry: by its descriptor (what Landlock names) or,
 * for the launcher's own root-owned paths, by path; missing ones skipped.
 * kind: 0 read, 1 exec, 2 write. */
static int add_grant(bind_entry *e, size_t *n, const pvr_grants *g, size_t i, int kind,
                     int native) {
  char fdpath[64];
  if (*n >= PVR_ROOT_MAX || g->fd[i] == PVR_FD_MISSING) {
    return 0;
  }
  bind_entry *b = &e[*n];
  if (g->fd[i] >= 0) {
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", g->fd[i]);
    ssize_t k = readlink(fdpath, b->dst, sizeof b->dst - 1);
    if (k <= 0 || b->dst[0] != '/') {
      return 0;
    }
    b->dst[k] = '\0';
  } else if (!realpath(g->path[i], b->dst)) {
    return 0;
  }
  b->fd = g->fd[i];
  b->kind = kind;
  b->write = kind == 2;
  /* The runtime read set (by path) maps node's libraries; a policy's read
   * grant (by descriptor) holds the plugin's files: native only if granted. */
  b->noexec = kind == 2 || (kind == 0 && g->fd[i] >= 0 && !native);
  (*n)++;
  return 0;
}

static int by_depth(const void *a, const void *b) {
  const bind_entry *x = a, *y = b;
  size_t lx = strlen(x->dst), ly = strlen(y->dst);
  if (lx != ly) {
    return lx < ly ? -1 : 1;
  }
  return x->kind - y->kind; /* write over exec over read: a writable path never runs */
}

/* The launcher's own paths that are symlinks (/bin, /lib64 on a merged
 * /usr: the ELF interpreter's path names them) are made again in the
 * view, pointing the same way; their targets are bound first. */
static int link_own(const pvr_grants *g, const char *root) {
  char target[2 * PATH_MAX], to[PATH_MAX];
  struct stat st;
  for (size_t i = 0; i < g->n; i++) {
    if (g->fd[i] != PVR_FD_BYPATH || g->path[i][0] != '/' || lstat(g->path[i], &st) != 0 ||
        !S_ISLNK(st.st_mode)) {
      continue;
    }
    ssize_t k = readlink(g->path[i], to, sizeof to - 1);
    snprintf(target, sizeof target, "%.4095s%.4095s", root, g->path[i]);
    if (lstat(target, &st) == 0) {
      continue; /* there already, through a bound directory */
    }
    if (k <= 0 || make_parents(target) != 0) {
      return -1;
    }
    to[k] = '\0';
    if (symlink(to, target) != 0 && errno != EEXIST) {
      return -1;
    }
  }
  return 0;
}

static int bind_all(const pvr_root_plan *r, const char *root) {
  static bind_entry e[PVR_ROOT_MAX];
  size_t n = 0;
  const pvr_grants *gs[] = {&r->fs->read, &r->fs->exec, &r->fs->write};
  for (size_t k = 0; k < 3; k++) {
    for (size_t i = 0; i < gs[k]->n; i++) {
      add_grant(e, &n, gs[k], i, (int)k, r->native);
    }
  }
  qsort(e, n, sizeof e[0], by_depth);
  for (size_t i = 0; i < n; i++) {
    /* The scratch directory is mounted below, as a tmpfs. */
    if (strcmp(e[i].dst, r->scratch) != 0 && bind_one(root, &e[i]) != 0) {
      return -1;
    }
  }
  return link_own(&r->fs->read, root) != 0 || link_own(&r->fs->exec, root) != 0 ? -1 : 0;
}

/* The scratch directory: the host directory bound in (its inode carries
 * the Landlock write rule, which covers what is mounted on it), then a
 * tmpfs of scratch_mib over it owned by the plugin, never executable. */
static int mount_scratch(const pvr_root_plan *r, const char *root, int scratch_fd) {
  char target[2 * PATH_MAX], opts[128];
  snprintf(target, sizeof target, "%s%s", root, r->scratch);
  if (make_parents(target) != 0 || (mkdir(target, 0700) != 0 && errno != EEXIST) ||
      move_mount(scratch_fd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) != 0) {
    return -1;
  }
  snprintf(opts, sizeof opts, "size=%llum,mode=0700,uid=%u,gid=%u",
           (unsigned long long)r->scratch_mib, (unsigned)r->uid, (unsigned)r->gid);
  if (mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, opts) != 0) {
    return -1;
  }
  int fd = r->ll ? open(target, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
  int e = fd >= 0 ? -pvr_landlock_add_write(r->ll, fd) : r->ll ? errno : 0;
  if (fd >= 0) {
    close(fd);
  }
  errno = e;
  return e ? -1 : 0;
}

static int pivot(const char *root, const char *cwd) {
  if (chdir(root) != 0 || syscall(SYS_pivot_root, ".", ".") != 0 || umount2(".", MNT_DETACH) != 0) {
    return -1;
  }
  if (mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0) {
    return -1;
  }
  if (!cwd || chdir(cwd) != 0) {
    return chdir("/");
  }
  return 0;
}

int pvr_root_build(const pvr_root_plan *r, const char **what) {
  char root[PATH_MAX], proc[PATH_MAX + 8], cwdbuf[PATH_MAX];
  const char *cwd = getcwd(cwdbuf, sizeof cwdbuf);
  /* A detached copy of the scratch directory, taken before the root tmpfs
   * covers its path (the staging point, in this namespace only). */
  int sfd = open_tree(AT_FDCWD, r->scratch, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
  int rc = -1;
  /* Files are created as the plugin's ids: the init's own may be unmapped
   * in the namespace (root's), and the kernel refuses those (EOVERFLOW). */
  setfsgid(r->gid);
  setfsuid(r->uid);
  snprintf(root, sizeof root, "%s", r->scratch);
  *what = "mounting the root tmpfs";
  if (sfd < 0 || mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755") != 0) {
    goto out;
  }
  *what = "bind-mounting the grants";
  if (bind_all(r, root) != 0) {
    goto out;
  }
  *what = "mounting the scratch tmpfs";
  if (mount_scratch(r, root, sfd) != 0) {
    goto out;
  }
  *what = "mounting /proc";
  snprintf(proc, sizeof proc, "%s/proc", root);
  if ((mkdir(proc, 0555) != 0 && errno != EEXIST) ||
      mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) {
    goto out;
  }
  *what = "pivot_root";
  rc = pivot(root, cwd);
out:
  if (rc != 0) {
    rc = errno ? errno : EIO;
  } else {
    rc = 0;
  }
  if (sfd >= 0) {
    close(sfd);
  }
  return rc;
}
