/* supervisor.c — answer seccomp user notifications. The calls let through
 * are the child's first execve, of the absolute path the launcher
 * resolved, and later execs whose file the exec rules allow (exec.c);
 * everything else notified is refused and recorded:
 * execve/execveat/socket/bind/listen get EACCES, ioctl(TIOCSTI) and
 * namespace clones EPERM, and calls outside the allow-list ENOSYS. A
 * never-allowed call (the kill list, another architecture) kills: the
 * supervisor, not the filter, does it, so the launcher knows it did. */
#include "supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "policy.h"
#include "seccomp.h"

pv_status pvr_super_init(pvr_super *s, pid_t child, const char *exe, const pvr_exec_rules *rules,
                         pv_error *err) {
  /* Everything but the group and count arrays, which are read only below
   * n and n_calls: clearing their 145 KB would fault in every page of them
   * at start-up for nothing. */
  s->fd = -1;
  s->child = child;
  s->first_exec_done = 0;
  s->n = s->n_plain = s->n_calls = 0;
  s->total = s->ungrouped = 0;
  s->kill = 0;
  s->kill_syscall[0] = '\0';
  s->kill_pid = 0;
  s->req = s->resp = NULL;
  s->rules = rules;
  s->env_pending = rules->env_target[0] != '\0';
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
  if (!strcmp(name, "socket")) {
    const char *f = family_name(a[0]);
    if (f)
      snprintf(out, outsz, "family=%s type=%llu", f, (unsigned long long)(a[1] & 0xf));
    else
      snprintf(out, outsz, "family=%llu type=%llu", (unsigned long long)a[0],
               (unsigned long long)(a[1] & 0xf));
    if (a[2] != 0) {
      size_t used = strlen(out);
      snprintf(out + used, outsz - used, " protocol=%llu", (unsigned long long)a[2]);
    }
  } else if (!strcmp(name, "bind") || !strcmp(name, "listen")) {
    snprintf(out, outsz, "fd=%llu", (unsigned long long)a[0]);
  } else if (!strcmp(name, "ioctl")) {
    snprintf(out, outsz, "cmd=0x%llx", (unsigned long long)(a[1] & 0xffffffffULL));
  } else if (!strcmp(name, "clone")) {
    snprintf(out, outsz, "flags=0x%llx", (unsigned long long)a[0]);
  } else {
    snprintf(out, outsz, "0x%llx, 0x%llx, 0x%llx", (unsigned long long)a[0],
             (unsigned long long)a[1], (unsigned long long)a[2]);
  }
}

static void count_call(pvr_super *s, const char *name) {
  for (size_t i = 0; i < s->n_calls; i++) {
    if (!strcmp(s->calls[i].syscall, name)) {
      s->calls[i].count++;
      return;
    }
  }
  if (s->n_calls < PVR_MAX_CALLS) {
    pvr_call_count *c = &s->calls[s->n_calls++];
    snprintf(c->syscall, sizeof c->syscall, "%s", name);
    c->count = 1;
  }
}

/* Whether a new group fits: plain refusals (calls outside the allow-list)
 * may take PVR_MAX_REFUSALS groups, so at least PVR_RESERVED_REFUSALS stay
 * for policy refusals and kills, which junk calls cannot push out. */
static int group_fits(const pvr_super *s, int policy) {
  if (s->n >= PVR_MAX_REFUSALS + PVR_RESERVED_REFUSALS) {
    return 0;
  }
  return policy || s->n_plain < PVR_MAX_REFUSALS;
}

static void record(pvr_super *s, pid_t pid, const char *name, const char *args, int policy) {
  s->total++;
  count_call(s, name);
  for (size_t i = 0; i < s->n; i++)
    if (!strcmp(s->items[i].syscall, name) && !strcmp(s->items[i].args, args)) {
      s->items[i].count++;
      return;
    }
  if (!group_fits(s, policy)) {
    s->ungrouped++;
    return;
  }
  pvr_refusal *r = &s->items[s->n++];
  snprintf(r->syscall, sizeof r->syscall, "%s", name);
  snprintf(r->args, sizeof r->args, "%s", args);
  r->pid = pid;
  r->count = 1;
  r->policy = policy;
  s->n_plain += !policy;
}

static int refusal_errno(const char *name) {
  if (!strcmp(name, "execve") || !strcmp(name, "execveat") || !strcmp(name, "socket") ||
      !strcmp(name, "bind") || !strcmp(name, "listen"))
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
  if (pvr_read_cstr((pid_t)req->pid, req->data.args[0], path, sizeof path) != 0)
    return 0;
  if (seccomp_notify_id_valid(s->fd, req->id) != 0)
    return 0;
  return path[0] == '/' && !strcmp(path, s->exe);
}

/* A call made with another architecture's numbers (x32 included): named
 * for the report. 1 when it is one. */
static int foreign_call(const struct seccomp_notif *req, char *name, size_t namesz, char *args,
                        size_t argsz) {
  if (req->data.arch == seccomp_arch_native() && !(req->data.nr & 0x40000000)) {
    return 0;
  }
  snprintf(name, namesz, "(foreign-arch)");
  snprintf(args, argsz, "arch=0x%x nr=0x%x", (unsigned)req->data.arch, (unsigned)req->data.nr);
  return 1;
}

/* A never-allowed call: kill its process now (before the answer, so the
 * call never runs) and ask the launcher to kill the rest. */
static void kill_caller(pvr_super *s, const struct seccomp_notif *req, const char *name,
                        const char *args) {
  kill((pid_t)req->pid, SIGKILL);
  record(s, (pid_t)req->pid, name, args, 1);
  if (!s->kill) {
    s->kill = 1;
    snprintf(s->kill_syscall, sizeof s->kill_syscall, "%s", name);
    s->kill_pid = (pid_t)req->pid;
  }
}

/* A later exec: let it continue when the exec rules allow its file. */
static void answer_exec(pvr_super *s, const struct seccomp_notif *req, const char *name,
                        struct seccomp_notif_resp *resp) {
  char args[320];
  int not_child = 0;
  int *env_pending = (pid_t)req->pid == s->child ? &s->env_pending : &not_child;
  pvr_exec_verdict v =
      pvr_exec_check(s->rules, req, !strcmp(name, "execveat"), env_pending, args, sizeof args);
  if (v == PVR_EXEC_ALLOW && seccomp_notify_id_valid(s->fd, req->id) == 0) {
    resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
    return;
  }
  if (v != PVR_EXEC_REFUSE) {
    resp->error = -ENOENT;
    return;
  }
  record(s, (pid_t)req->pid, name, args, 1);
  resp->error = -EACCES;
}

/* Decide one notification into resp. */
static void answer(pvr_super *s, const struct seccomp_notif *req, struct seccomp_notif_resp *resp) {
  char name[32], args[320];
  if (foreign_call(req, name, sizeof name, args, sizeof args)) {
    kill_caller(s, req, name, args);
    resp->error = -ENOSYS;
    return;
  }
  pvr_syscall_name(req->data.nr, name, sizeof name);
  if (is_first_exec(s, req, name)) {
    resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
    return;
  }
  if (!strcmp(name, "execve") || !strcmp(name, "execveat")) {
    answer_exec(s, req, name, resp);
    return;
  }
  describe(req, name, args, sizeof args);
  if (pvr_seccomp_is_kill(name)) {
    kill_caller(s, req, name, args);
    resp->error = -ENOSYS;
    return;
  }
  int e = refusal_errno(name);
  record(s, (pid_t)req->pid, name, args, e != ENOSYS);
  resp->error = -e;
}

int pvr_super_handle(pvr_super *s) {
  struct seccomp_notif *req = s->req;
  struct seccomp_notif_resp *resp = s->resp;
  memset(req, 0, sizeof *req);
  int r = seccomp_notify_receive(s->fd, req);
  if (r != 0)
    return (r == -ENOENT || r == -EINTR) ? 0 : -1;
  memset(resp, 0, sizeof *resp);
  resp->id = req->id;
  answer(s, req, resp);
  r = seccomp_notify_respond(s->fd, resp);
  return (r == 0 || r == -ENOENT) ? 0 : -1;
}

static int by_count(const void *a, const void *b) {
  const pvr_refusal *x = a, *y = b;
  if (x->policy != y->policy)
    return x->policy ? -1 : 1;
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  int c = strcmp(x->syscall, y->syscall);
  return c ? c : strcmp(x->args, y->args);
}

size_t pvr_super_sorted(const pvr_super *s, pvr_refusal *out) {
  memcpy(out, s->items, s->n * sizeof *out);
  qsort(out, s->n, sizeof *out, by_count);
  return s->n;
}

json_t *pvr_super_json(const pvr_super *s) {
  static pvr_refusal sorted[PVR_MAX_REFUSALS + PVR_RESERVED_REFUSALS];
  size_t n = pvr_super_sorted(s, sorted);
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "syscall", pvr_json_text(sorted[i].syscall));
    json_object_set_new(o, "args", pvr_json_text(sorted[i].args));
    json_object_set_new(o, "pid", json_integer(sorted[i].pid));
    json_object_set_new(o, "count", json_integer((json_int_t)sorted[i].count));
    json_object_set_new(o, "policy", json_boolean(sorted[i].policy));
    json_array_append_new(a, o);
  }
  return a;
}

json_t *pvr_super_counts_json(const pvr_super *s) {
  json_t *o = json_object();
  for (size_t i = 0; i < s->n_calls; i++) {
    json_object_set_new(o, s->calls[i].syscall, json_integer((json_int_t)s->calls[i].count));
  }
  return o;
}

void pvr_super_free(pvr_super *s) {
  if (s->fd >= 0)
    close(s->fd);
  s->fd = -1;
  if (s->req || s->resp)
    seccomp_notify_free(s->req, s->resp);
  s->req = s->resp = NULL;
}
