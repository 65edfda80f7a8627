/* common.c — see common.h. */
#include "common.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *pv_bundled_rules_dir(char *buf, size_t n) {
  const char *env = getenv("PLUGVET_RULES");
  if (env != NULL && *env) return env;
  char exe[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len <= 0) return NULL;
  exe[len] = '\0';
  char *slash = strrchr(exe, '/');
  if (slash == NULL) return NULL;
  *slash = '\0';
  const char *tries[] = {"%s/../share/plugvet/rules", "%s/../../rules"};
  struct stat st;
  for (size_t i = 0; i < 2; i++) {
    snprintf(buf, n, tries[i], exe);
    if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
  }
  return NULL;
}
