/* exclude.h — which files of an input code rules skip: `--exclude` and
 * `--include` globs (every input), the `.gitignore` files of a directory
 * input (unless no_gitignore or untrusted; each applies under its own
 * directory, a deeper one after a shallower), a `.plugvetignore` at the
 * root of a directory input (unless untrusted), and `node_modules/` in directory inputs (unless
 * node_modules is set). Of the exclude globs (.gitignore, .plugvetignore,
 * --exclude, in that order) the last matching one wins. Skipped files stay in the vfs (the SBOM
 * still inventories them), flagged PV_FILE_EXCLUDED and counted in r->excluded.
 *
 * Globs follow a subset of gitignore: `*` and `?` within a path segment,
 * `**` across segments, a trailing `/` matches directories only, a pattern
 * with no other `/` matches a name at any depth, one with a `/` is
 * anchored at the input's root (a .gitignore's: at its directory); in
 * .plugvetignore and .gitignore, `#` lines are comments
 * and `!` re-includes (the last matching line wins). Paths are the paths
 * inside the input (for a directory, relative to it).
 *
 * Ownership: borrows everything; notes go to r. */
#ifndef PV_EXCLUDE_H
#define PV_EXCLUDE_H

#include "result.h"

typedef struct {
  const char *const *exclude; /* NULL-terminated or NULL */
  const char *const *include; /* when any: only files they match are scanned */
  int node_modules;           /* directory inputs: keep node_modules/ */
  int no_gitignore;           /* directory inputs: ignore their .gitignore files */
  int untrusted;              /* directory inputs from outside the project plugvet runs
                               * in: neither their .gitignore nor their .plugvetignore
                               * files apply (they could hide the input's own files) */
} pv_exclude_opts;

/* Flag the files of r that code rules skip. PV_FATAL on out of memory. */
pv_status pv_exclude_apply(pv_result *r, const pv_exclude_opts *o, const pv_limits *lim);

/* Does the glob g (one line of the syntax above, without `!`) match path? */
int pv_glob_match(const char *g, const char *path);

#endif
