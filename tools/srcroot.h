/* srcroot.h — the report root that SARIF's %SRCROOT% stands for, and each
 * input's path from it (pv_result root_from/root_to/root_archive), so that
 * locations and fingerprints do not depend on how the inputs were named
 * (`scan .`, `scan /abs/repo`, `scan ..` from a subdirectory).
 *
 * The root is the top of the git work tree around the current directory
 * when every input lies inside it; else the top of the work tree around
 * the deepest directory holding all inputs; else (no git) the current
 * directory when it holds them all, else that deepest directory.
 *
 * Ownership: pv_srcroot_init fills a pv_srcroot freed by pv_srcroot_free. */
#ifndef PV_SRCROOT_H
#define PV_SRCROOT_H

#include <stddef.h>

#include "../scanner/result.h"

typedef enum { PV_ROOT_PATHS = 0, PV_ROOT_STAGED, PV_ROOT_STDIN } pv_root_inputs;

typedef struct {
  char *root; /* absolute, no trailing '/' except for "/" itself */
  char **abs; /* each input's absolute path, NULL when it does not resolve */
  size_t n;
} pv_srcroot;

/* Resolve n inputs (paths; or the git index; or the stdin file's name).
 * Returns 0, -1 on out of memory or when the current directory is unknown. */
int pv_srcroot_init(pv_srcroot *sr, const char *const *inputs, size_t n, pv_root_inputs kind);
/* Set the root fields of r, the result of input i. 0, or -1 on OOM. */
int pv_srcroot_apply(const pv_srcroot *sr, size_t i, pv_result *r);
void pv_srcroot_free(pv_srcroot *sr);
/* The nearest directory from dir (absolute) upwards holding .git: malloc'd,
 * or NULL. */
char *pv_git_top(const char *dir);

#endif
