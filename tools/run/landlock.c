/* landlock.c — Landlock for plugvet-run, best effort down to ABI 1 the way
 * the kernel's sandboxer sample does: handle every right the running kernel
 * knows, grant read/write/exec per path, TCP ports (ABI >= 4), scoping
 * (ABI >= 6) and audit logging of the plugin's denials (ABI >= 7). */
#include "landlock.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Debian 12's linux-libc-dev (6.1) stops at ABI 2: our own guarded
 * definitions for ABI 3-7, values from the kernel's uapi landlock.h. */
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#endif
#ifndef LANDLOCK_ACCESS_NET_BIND_TCP
#define LANDLOCK_ACCESS_NET_BIND_TCP (1ULL << 0) /* ABI 4 */
#define LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#endif
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) /* ABI 6 */
#define LANDLOCK_SCOPE_SIGNAL (1ULL << 1)
#endif
#ifndef LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
#define LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON (1U << 1) /* ABI 7 */
#endif
#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#endif
#define PVR_LL_RULE_PATH_BENEATH 1
#define PVR_LL_RULE_NET_PORT 2

/* The ruleset attribute as of ABI 6; older kernels accept the larger size
 * as long as the fields they do not know are zero. */
struct pvr_ll_ruleset_attr {
  uint64_t handled_access_fs, handled_access_net, scoped;
};
struct pvr_ll_path_attr {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));
struct pvr_ll_port_attr {
  uint64_t allowed_access, port;
};

#define FS_ABI1 ((1ULL << 13) - 1)
#define FS_FILE_ONLY                                                                           \
  (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE | \
   LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV)
#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_EXEC (LANDLOCK_ACCESS_FS_EXECUTE | FS_READ)
#define FS_WRITE                                                                                \
  (FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |                    \
   LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG | \
   LANDLOCK_ACCESS_FS_MAKE_SYM | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |  \
   LANDLOCK_ACCESS_FS_REFER | LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV)

int pvr_landlock_abi(void) {
  long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return v < 0 ? 0 : (int)v;
}

static uint64_t fs_rights_for(int abi) {
  uint64_t fs = FS_ABI1;
  if (abi >= 2)
    fs |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3)
    fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
  if (abi >= 5)
    fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
  return fs;
}

static void note_skip(pvr_landlock *ll, const char *path, const char *why) {
  char buf[PATH_MAX + 64];
  snprintf(buf, sizeof buf, "%s: %s", path, why);
  if (ll->skipped.n < PVR_MAX_PATHS) {
    char *c = strdup(buf);
    if (c)
      ll->skipped.items[ll->skipped.n++] = c;
  }
}

/* The descriptor a rule is added on: the grant's own (borrowed, *owned 0),
 * or the launcher's path opened now (*owned 1); -1 when it is missing (the
 * skip is noted). */
static pv_status rule_fd(pvr_landlock *ll, const pvr_grants *g, size_t i, int *fd, int *owned,
                         pv_error *err) {
  *owned = 0;
  *fd = g->fd[i] >= 0 ? g->fd[i] : -1;
  if (g->fd[i] >= 0) {
    return PV_OK;
  }
  if (g->fd[i] == PVR_FD_MISSING) {
    note_skip(ll, g->path[i], "does not exist");
    return PV_OK;
  }
  *fd = open(g->path[i], O_PATH | O_CLOEXEC);
  if (*fd >= 0) {
    *owned = 1;
    return PV_OK;
  }
  if (errno == ENOENT || errno == EACCES || errno == ENOTDIR || errno == ELOOP) {
    note_skip(ll, g->path[i], strerror(errno));
    return PV_OK;
  }
  return pv_error_set(err, PV_FATAL, "landlock: %s: %s", g->path[i], strerror(errno));
}

/* Add one path rule; a missing or unreachable path is skipped and noted
 * (that only narrows what the plugin gets). */
static pv_status add_path(pvr_landlock *ll, const pvr_grants *g, size_t i, uint64_t want,
                          pv_error *err) {
  int owned = 0;
  int fd = -1;
  if (rule_fd(ll, g, i, &fd, &owned, err) != PV_OK) {
    return PV_FATAL;
  }
  if (fd < 0) {
    return PV_OK;
  }
  struct stat st;
  struct pvr_ll_path_attr pa = {.allowed_access = want & ll->fs, .parent_fd = fd};
  if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
    pa.allowed_access &= FS_FILE_ONLY;
  long r = pa.allowed_access
               ? syscall(SYS_landlock_add_rule, ll->fd, PVR_LL_RULE_PATH_BENEATH, &pa, 0)
               : 0;
  int e = errno;
  if (owned) {
    close(fd);
  }
  if (r < 0)
    return pv_error_set(err, PV_FATAL, "landlock: rule for %s: %s", g->path[i], strerror(e));
  return PV_OK;
}

int pvr_landlock_add_write(const pvr_landlock *ll, int dirfd) {
  struct pvr_ll_path_attr pa = {.allowed_access = FS_WRITE & ll->fs, .parent_fd = dirfd};
  if (syscall(SYS_landlock_add_rule, ll->fd, PVR_LL_RULE_PATH_BENEATH, &pa, 0) != 0) {
    return -errno;
  }
  return 0;
}

static pv_status add_list(pvr_landlock *ll, const pvr_grants *g, uint64_t want, pv_error *err) {
  for (size_t i = 0; i < g->n; i++)
    if (add_path(ll, g, i, want, err) != PV_OK)
      return err->code;
  return PV_OK;
}

static pv_status add_port(pvr_landlock *ll, uint64_t access, uint16_t port, pv_error *err) {
  struct pvr_ll_port_attr na = {.allowed_access = access, .port = port};
  if (syscall(SYS_landlock_add_rule, ll->fd, PVR_LL_RULE_NET_PORT, &na, 0) < 0)
    return pv_error_set(err, PV_FATAL, "landlock: port rule %u: %s", port, strerror(errno));
  ll->net_ports++;
  return PV_OK;
}

/* Network rights: none handles TCP with no rules; a list adds one rule per
 * port; any leaves TCP unhandled. Needs ABI 4 unless the network is any. */
static pv_status add_net(pvr_landlock *ll, const pvr_policy *p, pv_error *err) {
  if (!ll->net)
    return PV_OK;
  for (size_t i = 0; i < p->n_connect; i++)
    if (add_port(ll, LANDLOCK_ACCESS_NET_CONNECT_TCP, p->connect[i].port, err))
      return err->code;
  for (size_t i = 0; i < p->n_bind; i++)
    if (add_port(ll, LANDLOCK_ACCESS_NET_BIND_TCP, p->bind[i], err))
      return err->code;
  return PV_OK;
}

static void choose_rights(pvr_landlock *ll, const pvr_policy *p) {
  ll->fs = fs_rights_for(ll->abi);
  ll->net = (ll->abi >= 4 && p->net != PVR_NET_ANY)
                ? LANDLOCK_ACCESS_NET_BIND_TCP | LANDLOCK_ACCESS_NET_CONNECT_TCP
                : 0;
  ll->scoped = ll->abi >= 6 ? LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL : 0;
  ll->restrict_flags = ll->abi >= 7 ? LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON : 0;
}

pv_status pvr_landlock_prepare(pvr_landlock *ll, const pvr_fs_plan *plan, const pvr_policy *p,
                               pv_error *err) {
  memset(ll, 0, sizeof *ll);
  ll->fd = -1;
  ll->abi = pvr_landlock_abi();
  if (ll->abi <= 0) {
    snprintf(ll->why, sizeof ll->why, "Landlock is not available (%s)",
             errno == EOPNOTSUPP ? "disabled at boot" : strerror(errno));
    return pv_error_set(err, PV_FAILED, "%s", ll->why);
  }
  choose_rights(ll, p);
  if (p->net == PVR_NET_LIST && ll->abi < 4) {
    snprintf(ll->why, sizeof ll->why, "Landlock ABI %d cannot filter TCP ports (needs ABI 4)",
             ll->abi);
    return pv_error_set(err, PV_FAILED, "%s", ll->why);
  }
  struct pvr_ll_ruleset_attr ra = {ll->fs, ll->net, ll->scoped};
  long fd = syscall(SYS_landlock_create_ruleset, &ra, sizeof ra, 0);
  if (fd < 0)
    return pv_error_set(err, PV_FATAL, "landlock: create ruleset: %s", strerror(errno));
  ll->fd = (int)fd;
  if (fcntl(ll->fd, F_SETFD, FD_CLOEXEC) < 0 || add_list(ll, &plan->read, FS_READ, err) ||
      add_list(ll, &plan->exec, FS_EXEC, err) || add_list(ll, &plan->write, FS_WRITE, err) ||
      add_net(ll, p, err))
    return err->code ? err->code : pv_error_set(err, PV_FATAL, "landlock: %s", strerror(errno));
  return PV_OK;
}

int pvr_landlock_enforce(const pvr_landlock *ll) {
  if (ll->fd < 0)
    return 0;
  if (syscall(SYS_landlock_restrict_self, ll->fd, ll->restrict_flags) == 0)
    return 0;
  if (errno == EINVAL && ll->restrict_flags && syscall(SYS_landlock_restrict_self, ll->fd, 0) == 0)
    return 0; /* logging flags unknown: the ruleset itself is in force */
  return -errno;
}

void pvr_landlock_free(pvr_landlock *ll) {
  if (ll->fd >= 0)
    close(ll->fd);
  ll->fd = -1;
  for (size_t i = 0; i < ll->skipped.n; i++)
    free(ll->skipped.items[i]);
  ll->skipped.n = 0;
}

/* ---- what an exec needs: the ELF interpreter or the "#!" interpreter ---- */

static int read_at(int fd, void *buf, size_t n, off_t off) {
  ssize_t r = pread(fd, buf, n, off);
  return r == (ssize_t)n ? 0 : -1;
}

int pvr_elf_interp(const char *path, char *out, size_t outsz) {
  int rc = -1, fd = open(path, O_RDONLY | O_CLOEXEC);
  Elf64_Ehdr eh;
  if (fd < 0)
    return -1;
  if (read_at(fd, &eh, sizeof eh, 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr) ||
      eh.e_phnum > 128)
    goto out;
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    Elf64_Phdr ph;
    if (read_at(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)))
      goto out;
    if (ph.p_type != PT_INTERP)
      continue;
    if (ph.p_filesz < 2 || ph.p_filesz > outsz || ph.p_filesz > PATH_MAX)
      goto out;
    if (read_at(fd, out, ph.p_filesz, (off_t)ph.p_offset))
      goto out;
    out[ph.p_filesz - 1] = 0;
    rc = out[0] == '/' ? 0 : -1;
    break;
  }
out:
  close(fd);
  return rc;
}

int pvr_shebang(const char *path, char *out, size_t outsz, char *arg, size_t argsz) {
  char line[256];
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t n = read(fd, line, sizeof line - 1);
  close(fd);
  if (n < 3 || line[0] != '#' || line[1] != '!')
    return -1;
  line[n] = 0;
  line[strcspn(line, "\n")] = 0;
  char *s = line + 2;
  while (*s == ' ' || *s == '\t')
    s++;
  size_t len = strcspn(s, " \t");
  if (*s != '/' || len == 0 || len >= outsz)
    return -1;
  memcpy(out, s, len);
  out[len] = 0;
  s += len;
  s += strspn(s, " \t");
  size_t alen = strlen(s);
  while (alen > 0 && (s[alen - 1] == ' ' || s[alen - 1] == '\t' || s[alen - 1] == '\r')) {
    alen--;
  }
  if (alen >= argsz) {
    return -1;
  }
  memcpy(arg, s, alen);
  arg[alen] = 0;
  return 0;
}
