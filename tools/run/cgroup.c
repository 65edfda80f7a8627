/* cgroup.c — cgroup v2 detection (cgroup.h). */
#include "cgroup.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *const pvr_cgroup_unbounded[] = {
    "shared memory (MAP_SHARED, memfd, tmpfs: RLIMIT_DATA counts private memory only)",
    "memory across processes (RLIMIT_DATA is per process)",
    "total file size (RLIMIT_FSIZE bounds one file)", "CPU share (RLIMIT_CPU is per process)",
    NULL};

/* The mount point of the cgroup2 hierarchy, from /proc/self/mountinfo. */
static int cgroup2_mount(char *out, size_t outsz) {
  char line[1024], mnt[512], fstype[64];
  FILE *f = fopen("/proc/self/mountinfo", "re");
  int found = 0;
  while (f && !found && fgets(line, sizeof line, f)) {
    const char *dash = strstr(line, " - ");
    if (dash && sscanf(line, "%*s %*s %*s %*s %511s", mnt) == 1 &&
        sscanf(dash + 3, "%63s", fstype) == 1 && !strcmp(fstype, "cgroup2")) {
      snprintf(out, outsz, "%s", mnt);
      found = 1;
    }
  }
  if (f) {
    fclose(f);
  }
  return found ? 0 : -1;
}

/* The launcher's cgroup v2 path ("0::/path" in /proc/self/cgroup). */
static int own_cgroup(char *out, size_t outsz) {
  char line[1024];
  FILE *f = fopen("/proc/self/cgroup", "re");
  int found = 0;
  while (f && !found && fgets(line, sizeof line, f)) {
    if (!strncmp(line, "0::", 3)) {
      line[strcspn(line, "\n")] = '\0';
      snprintf(out, outsz, "%s", line + 3);
      found = 1;
    }
  }
  if (f) {
    fclose(f);
  }
  return found ? 0 : -1;
}

/* Whether the space-separated list has word. */
static int has_word(const char *list, const char *word) {
  size_t n = strlen(word);
  for (const char *p = strstr(list, word); p; p = strstr(p + 1, word)) {
    if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\n' || !p[n])) {
      return 1;
    }
  }
  return 0;
}

int pvr_cgroup_usable(char *why, size_t whysz) {
  char mnt[512], path[1024], dir[1600], ctl[1700], list[512] = "";
  if (cgroup2_mount(mnt, sizeof mnt) != 0 || own_cgroup(path, sizeof path) != 0) {
    snprintf(why, whysz, "no cgroup v2 hierarchy");
    return 0;
  }
  snprintf(dir, sizeof dir, "%s%s", mnt, path);
  snprintf(ctl, sizeof ctl, "%s/cgroup.controllers", dir);
  FILE *f = fopen(ctl, "re");
  if (f) {
    if (!fgets(list, sizeof list, f)) {
      list[0] = '\0';
    }
    fclose(f);
  }
  list[strcspn(list, "\n")] = '\0';
  if (!has_word(list, "memory") || !has_word(list, "pids")) {
    snprintf(why, whysz, "cgroup v2 at %.200s offers no memory and pids controllers (has: %.100s)",
             dir, list[0] ? list : "none");
    return 0;
  }
  if (access(dir, W_OK) != 0) {
    snprintf(why, whysz, "cgroup v2 at %.200s is not writable (no delegated subtree)", dir);
    return 0;
  }
  snprintf(why, whysz, "usable, but this build does not create cgroups yet");
  return 1;
}
