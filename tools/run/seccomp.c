/* seccomp.c — the filter: an allow-list measured on real node workloads
 * (tests/run/measure-syscalls, docs/policy.md), feature-absent answers
 * (ENOSYS) and policy refusals. The default action is the user
 * notification: what no rule allows (exec after the first, non-unix
 * sockets, namespace clones, the kill list, unlisted calls) reaches the
 * supervisor, which refuses and records it, or kills the plugin for the
 * kill list. Native architecture only; a call with any other (x32 numbers
 * included) is notified too, and kills. */
#include "seccomp.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

/* Measured with tests/run/measure-syscalls (strace -f over
 * tests/run/workload.js on node 20) plus what node 18/22, glibc and libuv
 * use on other paths (fs.* calls, timers, signals, process spawn). */
static const char *const allow_list[] = {
    /* memory, threads, time */
    "brk", "mmap", "munmap", "mprotect", "mremap", "madvise", "msync", "mincore", "mlock",
    "munlock", "membarrier", "pkey_alloc", "pkey_free", "pkey_mprotect", "futex", "futex_waitv",
    "set_robust_list", "get_robust_list", "set_tid_address", "rseq", "arch_prctl", "prctl",
    "sched_yield", "sched_getaffinity", "sched_setaffinity", "sched_getparam", "sched_getscheduler",
    "sched_get_priority_max", "sched_get_priority_min", "getcpu", "clock_gettime", "clock_getres",
    "clock_nanosleep", "nanosleep", "gettimeofday", "time", "times", "getrusage", "getitimer",
    "setitimer", "alarm", "timerfd_create", "timerfd_settime", "timerfd_gettime", "restart_syscall",
    "exit", "exit_group", "uname", "sysinfo", "getrandom", "capget", "getpriority", "setpriority",
    /* identity, limits, process */
    "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid", "getegid", "getresuid",
    "getresgid", "getgroups", "getpgrp", "getpgid", "getsid", "setsid", "setpgid", "prlimit64",
    "getrlimit", "setrlimit", "umask", "wait4", "waitid", "fork", "vfork", "kill", "tgkill",
    "tkill", "pidfd_open", "pidfd_send_signal",
    /* signals */
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
    "rt_sigpending", "sigaltstack", "pause", "signalfd4",
    /* files and directories (Landlock decides which paths) */
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "preadv2",
    "pwritev2", "open", "openat", "openat2", "creat", "close", "close_range", "lseek", "stat",
    "fstat", "lstat", "newfstatat", "statx", "statfs", "fstatfs", "access", "faccessat",
    "faccessat2", "readlink", "readlinkat", "getdents64", "getdents", "getcwd", "chdir", "fchdir",
    "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2", "link",
    "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown", "lchown",
    "fchownat", "utimensat", "utimes", "futimesat", "truncate", "ftruncate", "fallocate",
    "fadvise64", "readahead", "fsync", "fdatasync", "sync_file_range", "flock", "fcntl", "dup",
    "dup2", "dup3", "pipe", "pipe2", "mknod", "mknodat", "copy_file_range", "sendfile", "splice",
    "tee", "memfd_create", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "flistxattr",
    "inotify_init1", "inotify_add_watch", "inotify_rm_watch",
    /* polling and events */
    "poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl",
    "epoll_wait", "epoll_pwait", "epoll_pwait2", "eventfd", "eventfd2",
    /* sockets (socket(), bind() and listen() are decided by the policy) */
    "socketpair", "connect", "accept", "accept4", "shutdown", "getsockname", "getpeername",
    "getsockopt", "setsockopt", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg",
    NULL};

/* Never allowed: left to the supervisor, which kills the plugin (so the
 * report can say the launcher did it, which a kernel SIGSYS cannot). */
static const char *const kill_list[] = {"ptrace",
                                        "process_vm_readv",
                                        "process_vm_writev",
                                        "mount",
                                        "umount2",
                                        "pivot_root",
                                        "chroot",
                                        "unshare",
                                        "setns",
                                        "kexec_load",
                                        "kexec_file_load",
                                        "init_module",
                                        "finit_module",
                                        "delete_module",
                                        "bpf",
                                        "perf_event_open",
                                        "keyctl",
                                        "add_key",
                                        "request_key",
                                        "userfaultfd",
                                        "open_by_handle_at",
                                        "name_to_handle_at",
                                        "personality",
                                        "reboot",
                                        "swapon",
                                        "swapoff",
                                        "acct",
                                        "fsopen",
                                        "fsconfig",
                                        "fsmount",
                                        "fspick",
                                        "move_mount",
                                        "open_tree",
                                        "mount_setattr",
                                        "iopl",
                                        "ioperm",
                                        NULL};

/* Feature-absent answers so runtimes fall back (io_uring would also bypass
 * this per-syscall filter). */
static const char *const enosys_list[] = {"clone3", "io_uring_setup", "io_uring_enter",
                                          "io_uring_register", NULL};

#define NS_FLAGS                                                                                \
  (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | \
   CLONE_NEWNET | 0x00000080 /* CLONE_NEWTIME */)

int pvr_syscall_nr(const char *name) {
  int nr = seccomp_syscall_resolve_name(name);
  return nr < 0 ? -1 : nr;
}

void pvr_syscall_name(int nr, char *out, size_t outsz) {
  char *n = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
  if (n)
    snprintf(out, outsz, "%s", n);
  else
    snprintf(out, outsz, "#%d", nr);
  free(n);
}

const char *pvr_seccomp_arch(void) {
  switch (seccomp_arch_native()) {
    case SCMP_ARCH_X86_64:
      return "x86_64";
    case SCMP_ARCH_AARCH64:
      return "aarch64";
    case SCMP_ARCH_X86:
      return "x86";
    default:
      return "native";
  }
}

int pvr_seccomp_notify_ok(void) {
  return seccomp_api_get() >= 5;
}

int pvr_seccomp_is_kill(const char *name) {
  for (size_t i = 0; kill_list[i]; i++) {
    if (!strcmp(kill_list[i], name)) {
      return 1;
    }
  }
  return 0;
}

static pv_status add_list(scmp_filter_ctx ctx, const char *const *names, uint32_t action,
                          pv_error *err) {
  for (size_t i = 0; names[i]; i++) {
    int nr = pvr_syscall_nr(names[i]);
    if (nr < 0)
      continue; /* not on this architecture */
    int r = seccomp_rule_add(ctx, action, nr, 0);
    if (r < 0)
      return pv_error_set(err, PV_FATAL, "seccomp: rule for %s: %s", names[i], strerror(-r));
  }
  return PV_OK;
}

static int rule(scmp_filter_ctx ctx, uint32_t action, const char *name, unsigned n,
                const struct scmp_arg_cmp *cmp) {
  int nr = pvr_syscall_nr(name);
  if (nr < 0 || action == SCMP_ACT_NOTIFY)
    return 0; /* the default action */
  return seccomp_rule_add_array(ctx, action, nr, n, cmp);
}

/* socket() for TCP over one family: SOCK_STREAM (whatever its flags) with
 * protocol 0 or IPPROTO_TCP, nothing else: IPPROTO_MPTCP and the like
 * would slip past Landlock's TCP port rules. */
static int tcp_rules(scmp_filter_ctx ctx, int family) {
  static const int protos[] = {0, IPPROTO_TCP};
  int r = 0;
  for (size_t i = 0; i < sizeof protos / sizeof protos[0] && r >= 0; i++) {
    struct scmp_arg_cmp tcp[] = {SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)family, 0),
                                 SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, SOCK_STREAM),
                                 SCMP_A2(SCMP_CMP_EQ, (scmp_datum_t)protos[i], 0)};
    r = rule(ctx, SCMP_ACT_ALLOW, "socket", 3, tcp);
  }
  return r;
}

/* socket(): AF_UNIX always; plain TCP over IPv4/IPv6 for a port list;
 * anything for "any". What is left goes to the supervisor, which answers
 * EACCES. */
static int socket_rules(scmp_filter_ctx ctx, const pvr_policy *p) {
  if (p->net == PVR_NET_ANY)
    return rule(ctx, SCMP_ACT_ALLOW, "socket", 0, NULL);
  struct scmp_arg_cmp unix_only[] = {SCMP_A0(SCMP_CMP_EQ, AF_UNIX, 0)};
  int r = rule(ctx, SCMP_ACT_ALLOW, "socket", 1, unix_only);
  if (r < 0 || p->net == PVR_NET_NONE)
    return r;
  r = tcp_rules(ctx, AF_INET);
  if (r < 0) {
    return r;
  }
  return tcp_rules(ctx, AF_INET6);
}

/* bind() and listen() only with a bind grant (or "any"): listen() on an
 * unbound socket takes an ephemeral port, which Landlock does not see.
 * Without one they reach the supervisor (EACCES, reported). */
static int server_rules(scmp_filter_ctx ctx, const pvr_policy *p) {
  if (p->net != PVR_NET_ANY && p->n_bind == 0) {
    return 0;
  }
  int r = rule(ctx, SCMP_ACT_ALLOW, "bind", 0, NULL);
  if (r < 0) {
    return r;
  }
  return rule(ctx, SCMP_ACT_ALLOW, "listen", 0, NULL);
}

/* ioctl: every command but TIOCSTI, compared on the 32 bits the kernel
 * uses (a 64-bit "!=" would let 0x1_00005412 through). libseccomp has no
 * masked "not equal", and an unconditional allow would swallow a narrower
 * refusal, so: allowed when any one of the low 32 bits differs from
 * TIOCSTI's; TIOCSTI itself gets EPERM. setsid already took the terminal
 * away; this is the second lock. */
static int ioctl_rules(scmp_filter_ctx ctx) {
  struct scmp_arg_cmp sti[] = {SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffULL, TIOCSTI)};
  int r = rule(ctx, SCMP_ACT_ERRNO(EPERM), "ioctl", 1, sti);
  for (unsigned bit = 0; bit < 32 && r >= 0; bit++) {
    scmp_datum_t m = 1ULL << bit;
    struct scmp_arg_cmp differs[] = {SCMP_A1(SCMP_CMP_MASKED_EQ, m, ~(scmp_datum_t)TIOCSTI & m)};
    r = rule(ctx, SCMP_ACT_ALLOW, "ioctl", 1, differs);
  }
  return r;
}

/* Only p->net and whether p->n_bind is 0 may shape the filter: the table
 * a run takes its filter from (seccomp.h, tools/gen-bpf) is keyed by them. */
static int policy_rules(scmp_filter_ctx ctx, const pvr_policy *p) {
  /* clone only without namespace flags (threads, fork, posix_spawn). */
  struct scmp_arg_cmp no_ns[] = {SCMP_A0(SCMP_CMP_MASKED_EQ, NS_FLAGS, 0)};
  int r;
  /* execve and execveat: always the supervisor's (exec.c), children or not. */
  if ((r = rule(ctx, SCMP_ACT_ALLOW, "clone", 1, no_ns)) < 0 || (r = ioctl_rules(ctx)) < 0 ||
      (r = socket_rules(ctx, p)) < 0 || (r = server_rules(ctx, p)) < 0)
    return r;
  return 0;
}

/* Export the compiled BPF through a memfd into b. */
static pv_status export_bpf(scmp_filter_ctx ctx, pvr_bpf *b, pv_error *err) {
  pv_status rc = PV_FATAL;
  int fd = memfd_create("pvr-bpf", MFD_CLOEXEC);
  if (fd < 0)
    return pv_error_set(err, PV_FATAL, "seccomp: memfd: %s", strerror(errno));
  int r = seccomp_export_bpf(ctx, fd);
  off_t len = lseek(fd, 0, SEEK_END);
  if (r < 0 || len <= 0 || len % sizeof(struct sock_filter) ||
      len / sizeof(struct sock_filter) > BPF_MAXINSNS) {
    pv_error_set(err, PV_FATAL, "seccomp: export failed (%s)", r < 0 ? strerror(-r) : "size");
    goto out;
  }
  b->insns = malloc((size_t)len);
  if (!b->insns || pread(fd, b->insns, (size_t)len, 0) != len) {
    pv_error_set(err, PV_FATAL, "seccomp: reading the filter back failed");
    goto out;
  }
  b->len = (unsigned short)(len / sizeof(struct sock_filter));
  rc = PV_OK;
out:
  close(fd);
  return rc;
}

pv_status pvr_seccomp_build(const pvr_policy *p, pvr_bpf *out, pv_error *err) {
  memset(out, 0, sizeof *out);
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_NOTIFY);
  if (!ctx)
    return pv_error_set(err, PV_FATAL, "seccomp: cannot initialise libseccomp");
  pv_status rc = PV_FATAL;
  int r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_NOTIFY);
  if (r < 0) {
    pv_error_set(err, PV_FATAL, "seccomp: bad-arch action: %s", strerror(-r));
    goto out;
  }
  /* A binary tree of syscall numbers, not a list: every syscall the
   * plugin makes runs the filter, so its depth is start-up time. */
  if ((r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2)) < 0) {
    pv_error_set(err, PV_FATAL, "seccomp: optimise: %s", strerror(-r));
    goto out;
  }
  if (add_list(ctx, allow_list, SCMP_ACT_ALLOW, err) ||
      add_list(ctx, enosys_list, SCMP_ACT_ERRNO(ENOSYS), err))
    goto out;
  if ((r = policy_rules(ctx, p)) < 0) {
    pv_error_set(err, PV_FATAL, "seccomp: policy rules: %s", strerror(-r));
    goto out;
  }
  rc = export_bpf(ctx, out, err);
out:
  seccomp_release(ctx);
  return rc;
}

int pvr_seccomp_load(const pvr_bpf *b) {
  struct sock_fprog prog = {.len = b->len, .filter = b->insns};
  long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
  return fd < 0 ? -errno : (int)fd;
}

void pvr_bpf_free(pvr_bpf *b) {
  free(b->insns);
  b->insns = NULL;
  b->len = 0;
}
