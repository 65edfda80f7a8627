/* srcroot.c — see srcroot.h. */
#include "srcroot.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../scanner/intake/intake.h"

/* Whether path is root or under it. */
static int inside(const char *root, const char *path) {
  size_t n = strlen(root);
  if (strcmp(root, "/") == 0)
    return 1;
  return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* path from root ("" for root itself); path must be inside root. */
static const char *rel_to(const char *root, const char *path) {
  size_t n = strcmp(root, "/") == 0 ? 0 : strlen(root);
  return path[n] == '/' ? path + n + 1 : path + n;
}

char *pv_git_top(const char *dir) {
  char *d = strdup(dir);
  while (d != NULL) {
    char probe[PATH_MAX + 8];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/.git", strcmp(d, "/") == 0 ? "" : d);
    if (lstat(probe, &st) == 0)
      return d;
    char *slash = strrchr(d, '/');
    if (slash == NULL || strcmp(d, "/") == 0)
      break;
    if (slash == d)
      slash[1] = '\0';
    else
      *slash = '\0';
  }
  free(d);
  return NULL;
}

/* cwd + "/" + name with "." and ".." resolved by text (a name that need
 * not exist: --stdin-filename). */
static char *lexical(const char *cwd, const char *name) {
  size_t cap = strlen(cwd) + strlen(name) + 2;
  char *out = malloc(cap);
  if (out == NULL)
    return NULL;
  size_t len = 0;
  if (name[0] != '/') {
    len = strlen(cwd);
    memcpy(out, cwd, len);
  }
  for (const char *p = name; *p;) {
    size_t k = strcspn(p, "/");
    if (k == 2 && p[0] == '.' && p[1] == '.') {
      while (len > 0 && out[len - 1] != '/')
        len--;
      if (len > 0)
        len--;
    } else if (k > 0 && !(k == 1 && p[0] == '.')) {
      if (len == 0 || out[len - 1] != '/')
        out[len++] = '/';
      memcpy(out + len, p, k);
      len += k;
    }
    p += k + (p[k] == '/');
  }
  if (len == 0)
    out[len++] = '/';
  out[len] = '\0';
  return out;
}

/* Shorten common to the deepest directory holding it and path (path's
 * own directory when it is not one). */
static void narrow(char *common, const char *path) {
  char dir[PATH_MAX + 1];
  struct stat st;
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if ((stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) && slash != NULL)
    slash[slash == dir] = '\0';
  size_t k = 0;
  while (common[k] && common[k] == dir[k])
    k++;
  int boundary = (common[k] == '\0' || common[k] == '/') && (dir[k] == '\0' || dir[k] == '/');
  while (!boundary && k > 0 && common[k] != '/')
    k--;
  common[k > 0 ? k : 1] = '\0';
}

/* Whether every input that resolved lies inside dir. */
static int holds_all(const pv_srcroot *sr, const char *dir) {
  for (size_t i = 0; i < sr->n; i++)
    if (sr->abs[i] != NULL && !inside(dir, sr->abs[i]))
      return 0;
  return 1;
}

static char *choose_root(const pv_srcroot *sr, const char *cwd) {
  char *top = pv_git_top(cwd);
  if (top != NULL && holds_all(sr, top))
    return top;
  free(top);
  char common[PATH_MAX + 1] = "";
  for (size_t i = 0; i < sr->n; i++) {
    if (sr->abs[i] == NULL)
      continue;
    if (common[0] == '\0')
      snprintf(common, sizeof common, "%s", sr->abs[i]);
    narrow(common, sr->abs[i]);
  }
  top = common[0] ? pv_git_top(common) : NULL;
  if (top != NULL)
    return top;
  return strdup(common[0] == '\0' || holds_all(sr, cwd) ? cwd : common);
}

int pv_srcroot_init(pv_srcroot *sr, const char *const *inputs, size_t n, pv_root_inputs kind) {
  char cwd[PATH_MAX];
  *sr = (pv_srcroot){.n = n, .abs = calloc(n ? n : 1, sizeof(char *))};
  if (sr->abs == NULL || getcwd(cwd, sizeof cwd) == NULL)
    return -1;
  for (size_t i = 0; i < n; i++) {
    if (kind == PV_ROOT_STAGED)
      sr->abs[i] = pv_git_top(cwd);
    else if (kind == PV_ROOT_STDIN)
      sr->abs[i] = lexical(cwd, inputs[i]);
    else
      sr->abs[i] = realpath(inputs[i], NULL);
  }
  sr->root = choose_root(sr, cwd);
  return sr->root ? 0 : -1;
}

int pv_srcroot_apply(const pv_srcroot *sr, size_t i, pv_result *r) {
  const char *abs = sr->abs[i];
  if (abs == NULL || r->status == PV_INPUT_ERROR)
    return 0;
  const char *to = pv_arena_strdup(r->arena, rel_to(sr->root, abs));
  if (to == NULL)
    return -1;
  if (strcmp(r->kind, "git-index") == 0) {
    r->root_from = "";
    r->root_to = to;
  } else if (strcmp(r->kind, "stdin") == 0) {
    r->root_from = r->input;
    r->root_to = to;
  } else if (strcmp(r->kind, "directory") == 0 || strcmp(r->kind, "file") == 0) {
    r->root_from = pv_intake_dir_prefix(r);
    r->root_to = to;
    return r->root_from ? 0 : -1;
  } else {
    r->root_archive = to;
  }
  return 0;
}

void pv_srcroot_free(pv_srcroot *sr) {
  for (size_t i = 0; sr->abs && i < sr->n; i++)
    free(sr->abs[i]);
  free(sr->abs);
  free(sr->root);
}
