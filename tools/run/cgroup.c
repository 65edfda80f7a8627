/* cgroup.c — the run's own cgroup, v2 or v1 (cgroup.h). */
#include "cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char cpu_share[] = "CPU share across processes (RLIMIT_CPU is per process)";

void pvr_cgroup_unbounded(const pvr_cgroup *cg, const char *out[PVR_CG_UNBOUNDED]) {
  size_t n = 0;
  if (!cg->version) {
    out[n++] = "shared memory (MAP_SHARED, memfd, tmpfs: RLIMIT_DATA counts private memory only)";
    out[n++] = "memory across processes (RLIMIT_DATA is per process)";
    out[n++] = "total file size (RLIMIT_FSIZE bounds one file)";
  } else {
    out[n++] =
        "total file size on disk in write grants (the cgroup counts tmpfs pages; "
        "RLIMIT_FSIZE bounds one file)";
  }
  if (!cg->cpu_on) {
    out[n++] = cpu_share;
  }
  out[n] = NULL;
}

/* Whether the separated list (by sep) has word. */
static int has_word(const char *list, const char *word, char sep) {
  size_t n = strlen(word);
  for (const char *p = strstr(list, word); p; p = strstr(p + 1, word)) {
    int start = p == list || p[-1] == sep;
    int end = p[n] == sep || p[n] == '\n' || p[n] == '\0';
    if (start && end) {
      return 1;
    }
  }
  return 0;
}

/* /proc/self/mountinfo and /proc/self/cgroup, read once while the cgroup
 * is made (they are asked up to four times each: v2, then the memory,
 * pids and cpu hierarchies); a stream over the copy, NULL when unreadable. */
enum { PROC_MOUNTINFO, PROC_CGROUP };
static char *proc_text[2];
static size_t proc_len[2];

static FILE *proc_open(int which) {
  static const char *const path[] = {"/proc/self/mountinfo", "/proc/self/cgroup"};
  if (!proc_text[which]) {
    int fd = open(path[which], O_RDONLY | O_CLOEXEC);
    size_t cap = 0, len = 0;
    char *buf = NULL;
    ssize_t n = 1;
    while (fd >= 0 && n > 0) {
      if (len == cap) {
        char *b = realloc(buf, cap = cap ? 2 * cap : 4096);
        if (!b) {
          break;
        }
        buf = b;
      }
      n = read(fd, buf + len, cap - len);
      len += n > 0 ? (size_t)n : 0;
    }
    if (fd >= 0) {
      close(fd);
    }
    if (n != 0 || !len) {
      free(buf);
      return NULL;
    }
    proc_text[which] = buf;
    proc_len[which] = len;
  }
  return fmemopen(proc_text[which], proc_len[which], "r");
}

static void proc_forget(void) {
  for (int i = 0; i < 2; i++) {
    free(proc_text[i]);
    proc_text[i] = NULL;
  }
}

/* The mount of a cgroup hierarchy from /proc/self/mountinfo: cgroup2
 * (ctrl NULL), or the v1 hierarchy whose options name ctrl. */
static int find_mount(const char *ctrl, char *mnt, size_t mntsz, char *root, size_t rootsz) {
  char line[1024], r[512], m[512], fstype[64], opts[256];
  FILE *f = proc_open(PROC_MOUNTINFO);
  int found = 0;
  while (f && !found && fgets(line, sizeof line, f)) {
    const char *dash = strstr(line, " - ");
    if (!dash || sscanf(line, "%*s %*s %*s %511s %511s", r, m) != 2 ||
        sscanf(dash + 3, "%63s %*s %255s", fstype, opts) != 2) {
      continue;
    }
    found =
        ctrl ? !strcmp(fstype, "cgroup") && has_word(opts, ctrl, ',') : !strcmp(fstype, "cgroup2");
    if (found) {
      snprintf(mnt, mntsz, "%s", m);
      snprintf(root, rootsz, "%s", r);
    }
  }
  if (f) {
    fclose(f);
  }
  return found ? 0 : -1;
}

/* The launcher's own cgroup in a hierarchy (/proc/self/cgroup): "0::PATH"
 * for v2 (ctrl NULL), "N:LIST:PATH" with ctrl in LIST for v1. */
static int own_path(const char *ctrl, char *out, size_t outsz) {
  char line[1024];
  FILE *f = proc_open(PROC_CGROUP);
  int found = 0;
  while (f && !found && fgets(line, sizeof line, f)) {
    char *list = strchr(line, ':');
    char *path = list ? strchr(list + 1, ':') : NULL;
    if (!path) {
      continue;
    }
    *list++ = '\0';
    *path++ = '\0';
    found = ctrl ? has_word(list, ctrl, ',') : !strcmp(line, "0") && !*list;
    if (found) {
      path[strcspn(path, "\n")] = '\0';
      snprintf(out, outsz, "%s", path);
    }
  }
  if (f) {
    fclose(f);
  }
  return found ? 0 : -1;
}

/* The launcher's cgroup directory in a hierarchy. */
static int own_dir(const char *ctrl, char *out, size_t outsz) {
  char mnt[512], root[512], path[512];
  if (find_mount(ctrl, mnt, sizeof mnt, root, sizeof root) != 0 ||
      own_path(ctrl, path, sizeof path) != 0) {
    return -1;
  }
  /* A hierarchy mounted from a subdirectory (a container) names paths
   * from its own root. */
  size_t rl = strlen(root);
  const char *rel = path;
  if (strcmp(root, "/") != 0 && !strncmp(path, root, rl) && (path[rl] == '/' || !path[rl])) {
    rel = path + rl;
  }
  snprintf(out, outsz, "%s%s", mnt, rel);
  return 0;
}

static int write_file(const char *dir, const char *file, const char *value) {
  char p[1200];
  snprintf(p, sizeof p, "%s/%s", dir, file);
  int fd = open(p, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return errno;
  }
  size_t n = strlen(value);
  int e = write(fd, value, n) == (ssize_t)n ? 0 : errno;
  close(fd);
  return e;
}

/* "KEY VALUE" in a flat-keyed file, or a file holding one number (key
 * NULL); 0 when absent. */
static uint64_t read_key(const char *dir, const char *file, const char *key) {
  char p[1200], line[256], k[64];
  uint64_t v = 0, x;
  snprintf(p, sizeof p, "%s/%s", dir, file);
  FILE *f = fopen(p, "re");
  while (f && fgets(line, sizeof line, f)) {
    if (!key && sscanf(line, "%" SCNu64, &x) == 1) {
      v = x;
    } else if (key && sscanf(line, "%63s %" SCNu64, k, &x) == 2 && !strcmp(k, key)) {
      v = x;
    }
  }
  if (f) {
    fclose(f);
  }
  return v;
}

static void say(pvr_cgroup *cg, const char *what, const char *dir, int e) {
  snprintf(cg->why, sizeof cg->why, "%s %.300s: %s", what, dir, strerror(e));
}

/* mkdir the run's directory under parent; its name in cg->dir. */
static int make_dir(pvr_cgroup *cg, const char *parent, const char *name) {
  char *d = cg->dir[cg->n_dirs];
  size_t pl = strlen(parent);
  /* the hierarchy's root is "MOUNT/" */
  snprintf(d, sizeof cg->dir[0], "%.*s/%.100s",
           (int)(pl > 900 ? 900 : pl - (parent[pl - 1] == '/')), parent, name);
  if (mkdir(d, 0755) != 0) {
    say(cg, "cannot create", d, errno);
    return -1;
  }
  cg->n_dirs++;
  return 0;
}

static int limit(pvr_cgroup *cg, const char *dir, const char *file, uint64_t v) {
  char s[32];
  snprintf(s, sizeof s, "%" PRIu64, v);
  int e = write_file(dir, file, s);
  if (e) {
    char what[96];
    snprintf(what, sizeof what, "cannot write %s in", file);
    say(cg, what, dir, e);
    return -1;
  }
  return 0;
}

/* cgroup v2: a child of the launcher's own cgroup with memory and pids. */
static int make_v2(pvr_cgroup *cg, const char *name) {
  char own[1024], ctl[1100], list[256] = "";
  if (own_dir(NULL, own, sizeof own) != 0) {
    snprintf(cg->why, sizeof cg->why, "no cgroup v2 hierarchy");
    return -1;
  }
  snprintf(ctl, sizeof ctl, "%s/cgroup.controllers", own);
  FILE *f = fopen(ctl, "re");
  if (f && !fgets(list, sizeof list, f)) {
    list[0] = '\0';
  }
  if (f) {
    fclose(f);
  }
  list[strcspn(list, "\n")] = '\0';
  if (!has_word(list, "memory", ' ') || !has_word(list, "pids", ' ')) {
    snprintf(cg->why, sizeof cg->why, "cgroup v2 at %.200s offers no memory and pids (has: %.100s)",
             own, list[0] ? list : "none");
    return -1;
  }
  int cpu = has_word(list, "cpu", ' ');
  int e = write_file(own, "cgroup.subtree_control", cpu ? "+memory +pids +cpu" : "+memory +pids");
  if (e) {
    say(cg, "cannot enable memory and pids below", own, e);
    return -1;
  }
  if (make_dir(cg, own, name) != 0 || limit(cg, cg->dir[0], "memory.max", cg->memory_max) != 0 ||
      limit(cg, cg->dir[0], "memory.swap.max", 0) != 0 ||
      limit(cg, cg->dir[0], "pids.max", cg->pids_max) != 0) {
    return -1;
  }
  char quota[64];
  snprintf(quota, sizeof quota, "%" PRIu64 " %d", cg->cpu_percent * (PVR_CG_PERIOD_US / 100),
           PVR_CG_PERIOD_US);
  cg->cpu_on = cpu && write_file(cg->dir[0], "cpu.max", quota) == 0;
  cg->version = 2;
  /* For clone3 CLONE_INTO_CGROUP; without it the launcher attaches by pid. */
  cg->into_fd = open(cg->dir[0], O_PATH | O_DIRECTORY | O_CLOEXEC);
  cg->into = cg->into_fd >= 0;
  return 0;
}

/* cgroup v1's cpu hierarchy, when mounted and writable: the CPU share.
 * Without it the run goes on (the report says the share is unbounded). */
static void make_v1_cpu(pvr_cgroup *cg, const char *name) {
  char cpu[1024], why[sizeof cg->why];
  memcpy(why, cg->why, sizeof why);
  if (own_dir("cpu", cpu, sizeof cpu) == 0 && make_dir(cg, cpu, name) == 0) {
    const char *d = cg->dir[cg->n_dirs - 1];
    cg->cpu_on = limit(cg, d, "cpu.cfs_period_us", PVR_CG_PERIOD_US) == 0 &&
                 limit(cg, d, "cpu.cfs_quota_us", cg->cpu_percent * (PVR_CG_PERIOD_US / 100)) == 0;
  }
  memcpy(cg->why, why, sizeof why);
}

/* The tasks file of every v1 directory, for the child to enter by itself;
 * when one cannot be opened, none is kept (the launcher attaches by pid). */
static void open_enter(pvr_cgroup *cg) {
  char p[1200];
  for (size_t i = 0; i < cg->n_dirs; i++) {
    snprintf(p, sizeof p, "%s/tasks", cg->dir[i]);
    int fd = open(p, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
      pvr_cgroup_close_enter(cg);
      return;
    }
    cg->enter_fd[cg->n_enter++] = fd;
  }
}

/* cgroup v1: a child in the memory and in the pids hierarchy. Swap is
 * held at 0 with memory.memsw (swap accounting) or, without it, at the
 * memory limit by swappiness 0. */
static int make_v1(pvr_cgroup *cg, const char *name) {
  char mem[1024], pids[1024];
  if (own_dir("memory", mem, sizeof mem) != 0 || own_dir("pids", pids, sizeof pids) != 0) {
    if (!cg->why[0]) {
      snprintf(cg->why, sizeof cg->why, "no cgroup v1 memory and pids hierarchies");
    }
    return -1;
  }
  cg->why[0] = '\0';
  if (make_dir(cg, mem, name) != 0 ||
      limit(cg, cg->dir[0], "memory.limit_in_bytes", cg->memory_max) != 0 ||
      make_dir(cg, pids, name) != 0 || limit(cg, cg->dir[1], "pids.max", cg->pids_max) != 0) {
    return -1;
  }
  char memsw[1200];
  snprintf(memsw, sizeof memsw, "%s/memory.memsw.limit_in_bytes", cg->dir[0]);
  if (access(memsw, F_OK) != 0) {
    limit(cg, cg->dir[0], "memory.swappiness", 0);
  } else if (limit(cg, cg->dir[0], "memory.memsw.limit_in_bytes", cg->memory_max) != 0) {
    return -1;
  }
  cg->version = 1;
  make_v1_cpu(cg, name);
  open_enter(cg);
  return 0;
}

static void init(pvr_cgroup *cg, uint64_t memory_max, uint64_t pids_max, uint64_t cpu_percent) {
  memset(cg, 0, sizeof *cg);
  cg->memory_max = memory_max;
  cg->pids_max = pids_max;
  cg->cpu_percent = cpu_percent;
}

static int make(pvr_cgroup *cg, const char *name, uint64_t memory_max, uint64_t pids_max,
                uint64_t cpu_percent) {
  char why2[512];
  init(cg, memory_max, pids_max, cpu_percent);
  if (make_v2(cg, name) == 0) {
    return 0;
  }
  snprintf(why2, sizeof why2, "%s", cg->why);
  pvr_cgroup_remove(cg);
  init(cg, memory_max, pids_max, cpu_percent);
  if (make_v1(cg, name) == 0) {
    return 0;
  }
  char why1[512];
  snprintf(why1, sizeof why1, "%s", cg->why);
  pvr_cgroup_remove(cg);
  snprintf(cg->why, sizeof cg->why, "%.250s; %.250s", why2, why1);
  return -1;
}

int pvr_cgroup_make(pvr_cgroup *cg, const char *name, uint64_t memory_max, uint64_t pids_max,
                    uint64_t cpu_percent) {
  int r = make(cg, name, memory_max, pids_max, cpu_percent);
  proc_forget();
  return r;
}

int pvr_cgroup_attach(const pvr_cgroup *cg, pid_t pid) {
  char s[32];
  snprintf(s, sizeof s, "%d", (int)pid);
  for (size_t i = 0; i < cg->n_dirs; i++) {
    int e = write_file(cg->dir[i], "cgroup.procs", s);
    if (e) {
      return e;
    }
  }
  return 0;
}

int pvr_cgroup_enter(const pvr_cgroup *cg, const char **dir) {
  for (size_t i = 0; i < cg->n_enter; i++) {
    if (write(cg->enter_fd[i], "0", 1) != 1) {
      *dir = cg->dir[i];
      return errno ? errno : EIO;
    }
  }
  return 0;
}

void pvr_cgroup_close_enter(pvr_cgroup *cg) {
  while (cg->n_enter > 0) {
    close(cg->enter_fd[--cg->n_enter]);
  }
  if (cg->into) {
    close(cg->into_fd);
    cg->into = 0;
  }
}

void pvr_cgroup_read(pvr_cgroup *cg) {
  if (cg->version == 2) {
    cg->oom_kills = read_key(cg->dir[0], "memory.events", "oom_kill");
    cg->memory_peak = read_key(cg->dir[0], "memory.peak", NULL);
    cg->cpu_usec = read_key(cg->dir[0], "cpu.stat", "usage_usec");
  } else if (cg->version == 1) {
    cg->oom_kills = read_key(cg->dir[0], "memory.oom_control", "oom_kill");
    cg->memory_peak = read_key(cg->dir[0], "memory.max_usage_in_bytes", NULL);
    if (cg->cpu_on) { /* cpuacct, when mounted with cpu: nanoseconds */
      cg->cpu_usec = read_key(cg->dir[cg->n_dirs - 1], "cpuacct.usage", NULL) / 1000;
    }
  }
}

/* SIGKILL every process in dir; the number found. */
static int kill_all(const char *dir) {
  char p[1200];
  long pid;
  int n = 0;
  snprintf(p, sizeof p, "%s/cgroup.procs", dir);
  FILE *f = fopen(p, "re");
  while (f && fscanf(f, "%ld", &pid) == 1) {
    kill((pid_t)pid, SIGKILL);
    n++;
  }
  if (f) {
    fclose(f);
  }
  return n;
}

void pvr_cgroup_remove(pvr_cgroup *cg) {
  pvr_cgroup_close_enter(cg);
  while (cg->n_dirs > 0) {
    const char *d = cg->dir[cg->n_dirs - 1];
    /* Killed processes leave their cgroup when reaped: retry for about
     * 2 s, the first pauses short (the usual wait is under a millisecond). */
    for (long i = 0, ms = 1; i < 210 && rmdir(d) != 0 && errno == EBUSY; i++) {
      kill_all(d);
      struct timespec pause = {0, ms * 1000 * 1000};
      nanosleep(&pause, NULL);
      ms = ms < 10 ? ms * 2 : 10;
    }
    cg->n_dirs--;
  }
  cg->version = 0;
  cg->cpu_on = 0;
}
