/* root.c — the run's own file system view (root.h). */
#include "root.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
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
  const char *dst; /* what to bind, and where: canonical, absolute (in names) */
  int fd;          /* the grant's descriptor, or -1 (the launcher's own path) */
  int kind;        /* 0 read, 1 exec, 2 write: on one path the later goes over */
  int write;
  int noexec;      /* no execve, no PROT_EXEC mapping of its files */
  int dev;         /* a device file (/dev/null ...): the only binds that keep dev */
  int skip;        /* shown already, the same way, by another bind (bind_all) */
  uint64_t mnt_id; /* the host mount dst is on; 0: unknown */
} bind_entry;

/* mkdir -p of path's parents (path itself excluded) below its first
 * root_len characters, the root's own path, which exists. */
static int make_parents(char *path, size_t root_len) {
  for (char *p = strchr(path + root_len + 1, '/'); p; p = strchr(p + 1, '/')) {
    *p = '\0';
    int r = mkdir(path, 0755);
    *p = '/';
    if (r != 0 && errno != EEXIST) {
      return -1;
    }
  }
  return 0;
}

/* The mount point for src at dst under root (root_len long): a directory
 * or an empty file like src's. */
static int make_target(const char *src, const char *target, size_t root_len) {
  char t[2 * PATH_MAX];
  struct stat st;
  snprintf(t, sizeof t, "%s", target);
  if (lstat(t, &st) == 0) {
    return 0; /* already there: under an earlier bind */
  }
  if (stat(src, &st) != 0 || make_parents(t, root_len) != 0) {
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
  if (make_target(b->dst, target, strlen(root)) != 0) {
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
  /* Device files (/dev/null ...) need dev; everything else is nodev. For a
   * descriptor's grant the bound file itself says (checked just above). */
  int dev = b->fd >= 0 ? S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) : b->dev;
  unsigned long flags = MS_REMOUNT | MS_BIND | MS_NOSUID;
  if (!dev) {
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

/* The entries' paths, one after the other: only the pages used are ever
 * touched (an entry of its own PATH_MAX each was a page per bind). */
static char names[PVR_ROOT_MAX * PATH_MAX];
static size_t names_used;

/* One grant as a bind entry: by its descriptor (what Landlock names) or,
 * for the launcher's own root-owned paths, by path; missing ones skipped.
 * kind: 0 read, 1 exec, 2 write. */
static int add_grant(bind_entry *e, size_t *n, const pvr_grants *g, size_t i, int kind,
                     int native) {
  char fdpath[64], dst[PATH_MAX];
  if (*n >= PVR_ROOT_MAX || g->fd[i] == PVR_FD_MISSING) {
    return 0;
  }
  bind_entry *b = &e[*n];
  if (g->fd[i] >= 0) {
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", g->fd[i]);
    ssize_t k = readlink(fdpath, dst, sizeof dst - 1);
    if (k <= 0 || dst[0] != '/') {
      return 0;
    }
    dst[k] = '\0';
  } else if (!realpath(g->path[i], dst)) {
    return 0;
  }
  size_t len = strlen(dst) + 1;
  memcpy(names + names_used, dst, len); /* at most PVR_ROOT_MAX of at most PATH_MAX */
  b->dst = names + names_used;
  names_used += len;
  b->fd = g->fd[i];
  b->skip = 0;
  b->dev = 0;
  b->mnt_id = 0;
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
    if (k <= 0 || make_parents(target, strlen(root)) != 0) {
      return -1;
    }
    to[k] = '\0';
    if (symlink(to, target) != 0 && errno != EEXIST) {
      return -1;
    }
  }
  return 0;
}

/* Whether a is a directory above b (a proper prefix ending at a '/'). */
static int is_above(const char *a, const char *b) {
  size_t n = strlen(a);
  return strncmp(a, b, n) == 0 && (b[n] == '/' || (n == 1 && a[0] == '/' && b[1]));
}

/* Binds that change nothing the plugin sees are left out (each bind is
 * two mount calls, and the runtime read set names the same tree several
 * ways: /usr, and /lib, /bin, /sbin, /lib64 through their symlinks, the
 * ELF interpreter, the program). Only the launcher's own paths (no
 * descriptor to check against) are left out, and only
 *  - when the same path is bound again later (the later one goes over), or
 *  - when the nearest bound directory above it has the same mount flags
 *    and it is on the same host mount as that directory (no mount point
 *    between them, the path is none): its bind already shows it, with
 *    the same flags; not when an earlier bind of the very same path (a
 *    policy grant's, by its descriptor) would show instead.
 * Sorted by depth, so directories above come first. */
static void mark_skips(bind_entry *e, size_t n, const char *scratch) {
  struct statx sx;
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (e[i].fd < 0 && stat(e[i].dst, &st) == 0) {
      e[i].dev = S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode);
    }
    if (statx(AT_FDCWD, e[i].dst, AT_STATX_DONT_SYNC, STATX_MNT_ID, &sx) == 0 &&
        (sx.stx_mask & STATX_MNT_ID)) {
      e[i].mnt_id = sx.stx_mnt_id;
    }
    /* The scratch directory is mounted apart, as a tmpfs. */
    e[i].skip = strcmp(e[i].dst, scratch) == 0;
  }
  for (size_t i = 0; i < n; i++) {
    if (e[i].skip || e[i].fd >= 0) {
      continue;
    }
    const bind_entry *up = NULL;
    for (size_t j = 0; j < n; j++) {
      if (j != i && strcmp(e[j].dst, e[i].dst) == 0 && j > i) {
        e[i].skip = 1; /* the same path again, later: that one shows */
        break;
      }
      /* What shows at its path without it: the nearest bound entry above
       * it, or an earlier one on the very path (the last one found: the
       * entries are sorted by depth). */
      if (j < i && !e[j].skip &&
          (is_above(e[j].dst, e[i].dst) || strcmp(e[j].dst, e[i].dst) == 0)) {
        up = &e[j];
      }
    }
    if (!e[i].skip && up && up->fd < 0 && up->write == e[i].write && up->noexec == e[i].noexec &&
        !up->dev && !e[i].dev && up->mnt_id && up->mnt_id == e[i].mnt_id) {
      e[i].skip = 1;
    }
  }
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
  mark_skips(e, n, r->scratch);
  for (size_t i = 0; i < n; i++) {
    if (!e[i].skip && bind_one(root, &e[i]) != 0) {
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
  if (make_parents(target, strlen(root)) != 0 || (mkdir(target, 0700) != 0 && errno != EEXIST) ||
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
