/* inputs.c — see inputs.h. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A line that names no input: blank, or a '#' comment. */
static int skip_line(const char *s) {
  s += strspn(s, " \t");
  return *s == '\0' || *s == '#';
}

int pv_inputs_read_list(const char *file, int nul, pv_input_add_fn add, void *ctx) {
  FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
  if (f == NULL)
    return -1;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getdelim(&line, &cap, nul ? '\0' : '\n', f)) > 0) {
    if (line[n - 1] == (nul ? '\0' : '\n'))
      line[--n] = '\0';
    if (!nul && n > 0 && line[n - 1] == '\r')
      line[--n] = '\0';
    if (nul ? n > 0 : !skip_line(line))
      add(ctx, line);
  }
  int bad = ferror(f);
  free(line);
  if (f != stdin)
    fclose(f);
  if (bad)
    errno = EIO;
  return bad ? -1 : 0;
}

static int cmp_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_hidden(const struct dirent *d) {
  return d->d_name[0] != '.';
}

int pv_inputs_each(const char *dir, pv_input_add_fn add, void *ctx, size_t *skipped) {
  struct dirent **list;
  int n = scandir(dir, &list, not_hidden, cmp_name);
  if (n < 0)
    return -1;
  size_t len = strlen(dir);
  while (len > 1 && dir[len - 1] == '/')
    len--;
  for (int i = 0; i < n; i++) {
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%.*s/%s", (int)len, dir, list[i]->d_name);
    if (stat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
      add(ctx, path);
    else
      ++*skipped;
    free(list[i]);
  }
  free(list);
  return 0;
}
