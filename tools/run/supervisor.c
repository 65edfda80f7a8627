/* supervisor.c — answer seccomp user notifications. The only call ever let
 * through is the child's first execve, of the absolute path the launcher
 * resolved; everything else notified is refused and recorded:
 * execve/execveat/socket get EACCES, ioctl(TIOCSTI) and namespace clones
 * EPERM, and calls outside the allow-list ENOSYS. */
#include "supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "seccomp.h"

pv_status pvr_super_init(pvr_super *s, pid_t child, const char *exe, pv_error *err) {
  memset(s, 0, sizeof *s);
  s->fd = -1;
  s->child = child;
  snprintf(s->exe, sizeof s->exe, "%s", exe);
  struct seccomp_notif *req = NULL;
  struct seccomp_notif_resp *resp = NULL;
  if (seccomp_notify_alloc(&req, &resp) != 0)
    return pv_error_set(err, PV_FATAL, "seccomp: cannot allocate notification buffers");
  s->req = req;
  s->resp = resp;
  return PV_OK;
}

void pvr_super_set_fd(pvr_super *s, int fd) {
  if (s->fd >= 0)
    close(s->fd);
  s->fd = fd;
}

/* Read a NUL-terminated string of the target at addr into out. */
static int read_string(pid_t pid, uint64_t addr, char *out, size_t outsz) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t n = pread(fd, out, outsz - 1, (off_t)addr);
  close(fd);
  if (n <= 0)
    return -1;
  out[n] = 0;
  if (strlen(out) == (size_t)n && (size_t)n == outsz - 1) {
    out[outsz - 4] = out[outsz - 3] = out[outsz - 2] = '.';
  }
  return 0;
}

static const char *family_name(uint64_t f) {
  switch (f) {
    case AF_INET:
      return "AF_INET";
    case AF_INET6:
      return "AF_INET6";
    case AF_NETLINK:
      return "AF_NETLINK";
    case AF_PACKET:
      return "AF_PACKET";
    case AF_UNIX:
      return "AF_UNIX";
    default:
      return NULL;
  }
}

/* A short, stable description of the arguments for the report. */
static void describe(const struct seccomp_notif *req, const char *name, char *out, size_t outsz) {
  const __u64 *a = req->data.args;
  char str[256];
  if (!strcmp(name, "execve") || !strcmp(name, "execveat")) {
    uint64_t p = !strcmp(name, "execve") ? a[0] : a[1];
    if (read_string(req->pid, p, str, sizeof str) != 0)
      snprintf(str, sizeof str, "?");
    snprintf(out, outsz, "path=%s", str);
  } else if (!strcmp(name, "socket")) {
    const char *f = family_name(a[0]);
    if (f)
      snprintf(out, outsz, "family=%s type=%llu", f, (unsigned long long)(a[1] & 0xf));
    else
      snprintf(out, outsz, "family=%llu type=%llu", (unsigned long long)a[0],
               (unsigned long long)(a[1] & 0xf));
  } else if (!strcmp(name, "ioctl")) {
    snprintf(out, outsz, "cmd=0x%llx", (unsigned long long)(a[1] & 0xffffffffULL));
  } else if (!strcmp(name, "clone")) {
    snprintf(out, outsz, "flags=0x%llx", (unsigned long long)a[0]);
  } else {
    snprintf(out, outsz, "0x%llx, 0x%llx, 0x%llx", (unsigned long long)a[0],
             (unsigned long long)a[1], (unsigned long long)a[2]);
  }
}

static void record(pvr_super *s, pid_t pid, const char *name, const char *args) {
  s->total++;
  for (size_t i = 0; i < s->n; i++)
    if (!strcmp(s->items[i].syscall, name) && !strcmp(s->items[i].args, args)) {
      s->items[i].count++;
      return;
    }
  if (s->n >= PVR_MAX_REFUSALS) {
    s->ungrouped++;
    return;
  }
  pvr_refusal *r = &s->items[s->n++];
  snprintf(r->syscall, sizeof r->syscall, "%s", name);
  snprintf(r->args, sizeof r->args, "%s", args);
  r->pid = pid;
  r->count = 1;
}

static int refusal_errno(const char *name) {
  if (!strcmp(name, "execve") || !strcmp(name, "execveat") || !strcmp(name, "socket"))
    return EACCES;
  if (!strcmp(name, "ioctl") || !strcmp(name, "clone"))
    return EPERM;
  return ENOSYS;
}

/* The launcher's own exec: the child, first time, the resolved path. */
static int is_first_exec(pvr_super *s, const struct seccomp_notif *req, const char *name) {
  char path[PATH_MAX];
  if (s->first_exec_done || (pid_t)req->pid != s->child || strcmp(name, "execve"))
    return 0;
  s->first_exec_done = 1;
  if (read_string(req->pid, req->data.args[0], path, sizeof path) != 0)
    return 0;
  if (seccomp_notify_id_valid(s->fd, req->id) != 0)
    return 0;
  return path[0] == '/' && !strcmp(path, s->exe);
}

int pvr_super_handle(pvr_super *s) {
  struct seccomp_notif *req = s->req;
  struct seccomp_notif_resp *resp = s->resp;
  char name[32], args[320];
  memset(req, 0, sizeof *req);
  int r = seccomp_notify_receive(s->fd, req);
  if (r != 0)
    return (r == -ENOENT || r == -EINTR) ? 0 : -1;
  pvr_syscall_name(req->data.nr, name, sizeof name);
  memset(resp, 0, sizeof *resp);
  resp->id = req->id;
  if (is_first_exec(s, req, name)) {
    resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  } else {
    describe(req, name, args, sizeof args);
    record(s, (pid_t)req->pid, name, args);
    resp->error = -refusal_errno(name);
  }
  r = seccomp_notify_respond(s->fd, resp);
  return (r == 0 || r == -ENOENT) ? 0 : -1;
}

static int by_count(const void *a, const void *b) {
  const pvr_refusal *x = a, *y = b;
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  int c = strcmp(x->syscall, y->syscall);
  return c ? c : strcmp(x->args, y->args);
}

json_t *pvr_super_json(const pvr_super *s) {
  pvr_refusal sorted[PVR_MAX_REFUSALS];
  memcpy(sorted, s->items, s->n * sizeof *sorted);
  qsort(sorted, s->n, sizeof *sorted, by_count);
  json_t *a = json_array();
  for (size_t i = 0; i < s->n; i++)
    json_array_append_new(
        a, json_pack("{s:s,s:s,s:i,s:I}", "syscall", sorted[i].syscall, "args", sorted[i].args,
                     "pid", (int)sorted[i].pid, "count", (json_int_t)sorted[i].count));
  return a;
}

void pvr_super_free(pvr_super *s) {
  if (s->fd >= 0)
    close(s->fd);
  s->fd = -1;
  if (s->req || s->resp)
    seccomp_notify_free(s->req, s->resp);
  s->req = s->resp = NULL;
}
