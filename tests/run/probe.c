/* probe.c — one small program per confinement test of plugvet-run
 * (tests/cli/5x-run-*.t). Each mode tries one thing and prints a distinctive
 * line saying whether it happened or was refused (and with which errno), so
 * a test can run it once confined and once with the grant. Plain C, built
 * without sanitizers: it makes the very calls the launcher refuses. */
#include <arpa/inet.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *en(int e) {
  const char *n = strerrorname_np(e);
  return n ? n : "E?";
}

static int do_connect(const char *port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) {
    printf("connect %s: socket %s\n", port, en(errno));
    return 1;
  }
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)strtol(port, 0, 10))};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
    printf("connect %s: %s\n", port, en(errno));
    return 1;
  }
  printf("connect %s: ok\n", port);
  return 0;
}

static int do_udp(void) {
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0) {
    printf("udp: socket %s\n", en(errno));
    return 1;
  }
  printf("udp: ok\n");
  return 0;
}

static int do_read(const char *path) {
  char buf[128] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("read: %s\n", en(errno));
    return 1;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  buf[n > 0 ? strcspn(buf, "\n") : 0] = 0;
  printf("read: ok %s\n", buf);
  return 0;
}

static int do_write(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    printf("write: %s\n", en(errno));
    return 1;
  }
  if (write(fd, "written\n", 8) != 8) {
    printf("write: short %s\n", en(errno));
    return 1;
  }
  close(fd);
  printf("write: ok\n");
  return 0;
}

static int do_exec(void) {
  fflush(stdout);
  execl("/bin/sh", "sh", "-c", "echo shell-ran", (char *)NULL);
  printf("exec: %s\n", en(errno));
  return 1;
}

/* Fork up to n children that wait; report how many succeeded. */
static int do_fork(int n) {
  pid_t kids[512];
  int k = 0, err = 0;
  if (n > 512)
    n = 512;
  for (; k < n; k++) {
    pid_t p = fork();
    if (p == 0) {
      pause();
      _exit(0);
    }
    if (p < 0) {
      err = errno;
      break;
    }
    kids[k] = p;
  }
  for (int i = 0; i < k; i++)
    kill(kids[i], SIGKILL);
  for (int i = 0; i < k; i++)
    waitpid(kids[i], NULL, 0);
  if (err) {
    printf("fork: %s after %d\n", en(err), k);
    return 1;
  }
  printf("fork: %d ok\n", k);
  return 0;
}

/* Each block escapes into a volatile store, or clang drops the unused
 * malloc and memset altogether (and nothing is ever allocated). */
static char *volatile mem_keep;

static int do_mem(long mib) {
  long got = 0;
  for (; got < mib; got += 8) {
    char *p = malloc(8 << 20);
    if (!p) {
      printf("mem: ENOMEM after %ld MiB\n", got);
      return 1;
    }
    memset(p, 1, 8 << 20);
    mem_keep = p;
  }
  printf("mem: got %ld MiB\n", got);
  return 0;
}

/* Spin for ms of wall time (forever without ms), then exit 0. */
static int do_spin(const char *ms) {
  struct timespec t0, t;
  long limit = *ms ? strtol(ms, 0, 10) : -1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (volatile unsigned long x = 1; x; x++) {
    if (limit < 0 || (x & 0xfffff))
      continue;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 >= limit)
      break;
  }
  return 0;
}

/* A grandchild in its own session (detached), pid written to pidfile; the
 * probe itself then sleeps. */
static int do_tree(const char *pidfile) {
  pid_t p = fork();
  if (p == 0) {
    setsid();
    if (fork() == 0) {
      FILE *f = fopen(pidfile, "w");
      if (f) {
        fprintf(f, "%d\n", (int)getpid());
        fclose(f);
      }
      for (;;)
        pause();
    }
    _exit(0);
  }
  waitpid(p, NULL, 0);
  printf("tree: started\n");
  fflush(stdout);
  for (;;)
    pause();
}

static int do_ptrace(void) {
  pid_t p = fork();
  if (p == 0) {
    pause();
    _exit(0);
  }
  fflush(stdout);
  long r = ptrace(PTRACE_ATTACH, p, 0, 0);
  int e = errno;
  kill(p, SIGKILL);
  waitpid(p, NULL, 0);
  if (r != 0) {
    printf("ptrace: %s\n", en(e));
    return 1;
  }
  printf("ptrace: attached\n");
  return 0;
}

static int do_env(const char *name) {
  const char *v = getenv(name);
  if (!v) {
    printf("env %s: unset\n", name);
    return 1;
  }
  printf("env %s=%s\n", name, v);
  return 0;
}

static int do_x32(void) {
  fflush(stdout);
  long r = syscall(0x40000000L | SYS_getpid);
  printf("x32: returned %ld %s\n", r, r < 0 ? en(errno) : "ok");
  return 0;
}

/* What node 22 does at start-up: try io_uring, fall back to epoll. */
static int do_iouring(void) {
  unsigned char params[120] = {0};
  long fd = syscall(SYS_io_uring_setup, 4, params);
  if (fd < 0) {
    printf("io_uring: %s, falling back\n", en(errno));
  } else {
    printf("io_uring: fd\n");
    close((int)fd);
  }
  int ep = epoll_create1(0);
  printf("epoll: %s\n", ep >= 0 ? "ok" : en(errno));
  return ep >= 0 ? 0 : 1;
}

static int do_tiocsti(void) {
  char c = 'x';
  int fd = open("/dev/null", O_RDONLY);
  unsigned long cmd = TIOCSTI | (sizeof(long) > 4 ? (1UL << 32) : 0);
  if (ioctl(fd, cmd, &c) != 0) {
    printf("tiocsti: %s\n", en(errno));
    return 1;
  }
  printf("tiocsti: ok\n");
  return 0;
}

static int do_clonens(void) {
  long p = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
  if (p < 0) {
    printf("clone-newuser: %s\n", en(errno));
    return 1;
  }
  if (p == 0)
    _exit(0);
  waitpid((pid_t)p, NULL, 0);
  printf("clone-newuser: ok\n");
  return 0;
}

/* A call outside the allow-list (sync): the supervisor answers ENOSYS. */
static int do_sync(void) {
  if (syscall(SYS_sync) != 0) {
    printf("sync: %s\n", en(errno));
    return 1;
  }
  printf("sync: ok\n");
  return 0;
}

/* MPTCP (IPPROTO_MPTCP): Landlock's TCP port rules do not cover it. */
static int do_mptcp(const char *port) {
  int s = socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP);
  if (s < 0) {
    printf("mptcp %s: socket %s\n", port, en(errno));
    return 1;
  }
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)strtol(port, 0, 10))};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
    printf("mptcp %s: %s\n", port, en(errno));
    return 1;
  }
  printf("mptcp %s: ok\n", port);
  return 0;
}

/* listen() on a TCP socket, after bind() to port when it is not "0"; with
 * "-" no bind at all (the kernel picks an ephemeral port). */
static int do_listen(const char *port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) {
    printf("listen: socket %s\n", en(errno));
    return 1;
  }
  if (strcmp(port, "-") != 0) {
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)strtol(port, 0, 10))};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&a, sizeof a) != 0) {
      printf("listen: bind %s\n", en(errno));
      return 1;
    }
  }
  if (listen(s, 1) != 0) {
    printf("listen: %s\n", en(errno));
    return 1;
  }
  printf("listen: ok\n");
  return 0;
}

static int do_symlink(const char *target, const char *link) {
  if (symlink(target, link) != 0) {
    printf("symlink: %s\n", en(errno));
    return 1;
  }
  printf("symlink: ok\n");
  return 0;
}

/* execve of any path with the rest of the arguments as its argv. */
static int do_execp(int argc, char **argv) {
  (void)argc;
  fflush(stdout);
  execv(argv[2], argv + 2);
  printf("execp: %s\n", en(errno));
  return 1;
}

/* Copy a program into a memfd and run it with execveat(AT_EMPTY_PATH), as
 * fexecve does: the image is on no file system Landlock sees. */
static int do_memfd_exec(const char *prog) {
  int src = open(prog, O_RDONLY);
  int mfd = memfd_create("payload", MFD_CLOEXEC);
  char buf[65536];
  ssize_t n;
  if (src < 0 || mfd < 0) {
    printf("memfd-exec: setup %s\n", en(errno));
    return 1;
  }
  while ((n = read(src, buf, sizeof buf)) > 0) {
    if (write(mfd, buf, (size_t)n) != n) {
      printf("memfd-exec: copy %s\n", en(errno));
      return 1;
    }
  }
  char *args[] = {(char *)prog, "-c", "echo memfd-ran", NULL};
  char *env[] = {NULL};
  fflush(stdout);
  syscall(SYS_execveat, mfd, "", args, env, AT_EMPTY_PATH);
  printf("memfd-exec: %s\n", en(errno));
  return 1;
}

/* The dynamic loader (this program's PT_INTERP) into out. */
static int loader_path(char *out, size_t outsz) {
  const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
  size_t n = getauxval(AT_PHNUM);
  uintptr_t bias = 0;
  for (size_t i = 0; i < n; i++) {
    if (ph[i].p_type == PT_PHDR) {
      bias = (uintptr_t)ph - ph[i].p_vaddr;
    }
  }
  for (size_t i = 0; i < n; i++) {
    if (ph[i].p_type == PT_INTERP) {
      snprintf(out, outsz, "%s", (const char *)(bias + ph[i].p_vaddr));
      return 0;
    }
  }
  return -1;
}

/* ld.so PROGRAM: the loader maps the program instead of the kernel. */
static int do_ldso(const char *prog) {
  char ld[4096];
  if (loader_path(ld, sizeof ld) != 0) {
    printf("ldso: no PT_INTERP\n");
    return 1;
  }
  fflush(stdout);
  execl(ld, ld, prog, "-c", "echo shell-ran", (char *)NULL);
  printf("ldso: %s\n", en(errno));
  return 1;
}

/* n distinct calls outside the allow-list, then execve /bin/sh. */
static int do_junk(int n) {
  for (int i = 0; i < n; i++) {
    syscall(SYS_sync, (long)i);
  }
  return do_exec();
}

static const char *res(int r) {
  return r == 0 ? "ok" : en(errno);
}

/* Reach another process: kill(0), prlimit, setpriority (to 19: lowering
 * priority is allowed to any caller, whatever its own nice value), sched_setaffinity;
 * "self" is this process. */
static int do_signal(const char *arg) {
  pid_t pid = strcmp(arg, "self") ? (pid_t)strtol(arg, 0, 10) : getpid();
  struct rlimit rl;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(0, &set);
  int k = kill(pid, 0);
  const char *ks = res(k);
  int p = prlimit(pid, RLIMIT_NOFILE, NULL, &rl);
  const char *ps = res(p);
  int s = setpriority(PRIO_PROCESS, (id_t)pid, 19);
  const char *ss = res(s);
  int a = sched_setaffinity(pid, sizeof set, &set);
  printf("signal: kill %s prlimit %s setpriority %s affinity %s\n", ks, ps, ss, res(a));
  return 0;
}

/* Signal its own child: SIGTERM, then wait for it. */
static int do_killchild(void) {
  int st = 0;
  pid_t p = fork();
  if (p == 0) {
    for (;;)
      pause();
  }
  if (p < 0 || kill(p, SIGTERM) != 0 || waitpid(p, &st, 0) != p) {
    printf("killchild: %s\n", en(errno));
    return 1;
  }
  printf("killchild: %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM ? "SIGTERM" : "other");
  return 0;
}

/* Touch mib MiB of shared memory: anonymous MAP_SHARED, or a memfd. */
static int do_shmem(const char *mode, long mib) {
  int fd = -1;
  if (!strcmp(mode, "memfd")) {
    fd = memfd_create("probe", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, mib << 20) != 0) {
      printf("%s: %s\n", mode, en(errno));
      return 1;
    }
  }
  char *p = mmap(NULL, (size_t)mib << 20, PROT_READ | PROT_WRITE,
                 fd < 0 ? MAP_SHARED | MAP_ANONYMOUS : MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    printf("%s: %s\n", mode, en(errno));
    return 1;
  }
  memset(p, 1, (size_t)mib << 20);
  printf("%s: got %ld MiB\n", mode, mib);
  return 0;
}

static int do_stat(const char *path) {
  struct stat st;
  printf("stat: %s\n", stat(path, &st) == 0 ? "ok" : en(errno));
  return 0;
}

/* Write up to mib MiB to path ("~/NAME": in HOME), one MiB at a time. */
static int do_fill(const char *arg, long mib) {
  static char buf[1 << 20];
  char path[4096];
  snprintf(path, sizeof path, "%s%s", strncmp(arg, "~/", 2) ? "" : getenv("HOME"),
           strncmp(arg, "~/", 2) ? arg : arg + 1);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  long i = 0;
  if (fd < 0) {
    printf("fill: open %s\n", en(errno));
    return 1;
  }
  for (; i < mib; i++) {
    if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf) {
      printf("fill: %s after %ld MiB\n", en(errno), i);
      close(fd);
      return 1;
    }
  }
  close(fd);
  printf("fill: %ld MiB\n", i);
  return 0;
}

/* Map a file executable, as the loader does for a native addon. */
static int do_mapexec(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    printf("mapexec: open %s\n", en(errno));
    return 1;
  }
  void *p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
  printf("mapexec: %s\n", p != MAP_FAILED ? "ok" : en(errno));
  close(fd);
  return p != MAP_FAILED ? 0 : 1;
}

/* The change oracle: chmod a file (0600, then back is not needed). */
static int do_chmod(const char *path) {
  printf("chmod: %s\n", chmod(path, 0600) == 0 ? "ok" : en(errno));
  return 0;
}

static int do_raise(int sig) {
  signal(sig, SIG_DFL);
  fflush(stdout);
  raise(sig);
  printf("raise: survived\n");
  return 1;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *m = argc > 1 ? argv[1] : "";
  const char *a = argc > 2 ? argv[2] : "";
  if (!strcmp(m, "connect"))
    return do_connect(a);
  if (!strcmp(m, "udp"))
    return do_udp();
  if (!strcmp(m, "read"))
    return do_read(a);
  if (!strcmp(m, "write"))
    return do_write(a);
  if (!strcmp(m, "exec"))
    return do_exec();
  if (!strcmp(m, "fork"))
    return do_fork((int)strtol(a, 0, 10));
  if (!strcmp(m, "mem"))
    return do_mem(strtol(a, 0, 10));
  if (!strcmp(m, "spin"))
    return do_spin(a);
  if (!strcmp(m, "tree"))
    return do_tree(a);
  if (!strcmp(m, "ptrace"))
    return do_ptrace();
  if (!strcmp(m, "env"))
    return do_env(a);
  if (!strcmp(m, "x32"))
    return do_x32();
  if (!strcmp(m, "iouring"))
    return do_iouring();
  if (!strcmp(m, "tiocsti"))
    return do_tiocsti();
  if (!strcmp(m, "clonens"))
    return do_clonens();
  if (!strcmp(m, "sync"))
    return do_sync();
  if (!strcmp(m, "exit"))
    return (int)strtol(a, 0, 10);
  if (!strcmp(m, "mptcp"))
    return do_mptcp(a);
  if (!strcmp(m, "listen"))
    return do_listen(a);
  if (!strcmp(m, "symlink"))
    return do_symlink(a, argc > 3 ? argv[3] : "");
  if (!strcmp(m, "execp") && argc > 2)
    return do_execp(argc, argv);
  if (!strcmp(m, "memfd-exec"))
    return do_memfd_exec(a);
  if (!strcmp(m, "ldso"))
    return do_ldso(a);
  if (!strcmp(m, "junk"))
    return do_junk((int)strtol(a, 0, 10));
  if (!strcmp(m, "signal"))
    return do_signal(a);
  if (!strcmp(m, "shmem") || !strcmp(m, "memfd"))
    return do_shmem(m, strtol(a, 0, 10));
  if (!strcmp(m, "stat"))
    return do_stat(a);
  if (!strcmp(m, "fill"))
    return do_fill(a, argc > 3 ? strtol(argv[3], 0, 10) : 1);
  if (!strcmp(m, "killchild"))
    return do_killchild();
  if (!strcmp(m, "mapexec"))
    return do_mapexec(a);
  if (!strcmp(m, "chmod"))
    return do_chmod(a);
  if (!strcmp(m, "uid")) {
    printf("uid: %u\n", (unsigned)getuid());
    return 0;
  }
  if (!strcmp(m, "raise"))
    return do_raise((int)strtol(a, 0, 10));
  fprintf(stderr, "usage: probe MODE [ARG]\n");
  return 2;
}
