/* staged.h — what a pre-commit hook scans, read into memory: the blobs of
 * the git index that differ from HEAD (`plugvet scan --staged`), or
 * standard input as one named file (`--stdin-filename`). Nothing is read
 * from the working tree.
 *
 * git runs as a child process without a shell (posix_spawnp): `git
 * rev-parse`, `git diff-index --cached -z` (or `git ls-files -s -z` before
 * the first commit) for the list, `git cat-file --batch` for the bytes.
 * Only tools/ includes it. On failure these print why on stderr. */
#ifndef PV_TOOLS_STAGED_H
#define PV_TOOLS_STAGED_H

#include "../scanner/intake/intake.h"

/* Files read in memory, each file's path and bytes malloc'd. */
typedef struct {
  pv_mem_file *v;
  size_t n, cap;
} pv_mem_files;

/* The staged regular files (added, copied, modified, type-changed; not
 * deleted ones, symlinks or submodules) of the repository around the
 * current directory, paths relative to its top as git names them. A file
 * over lim->entry_bytes, or past lim->total_bytes, is listed unread (data
 * NULL) for intake to report. Returns 0, or -1 (said on stderr). */
int pv_staged_read(pv_mem_files *out, const pv_limits *lim);
/* Standard input, at most lim->entry_bytes, as the one file `name`.
 * Returns 0, or -1 (said on stderr). */
int pv_stdin_read(pv_mem_files *out, const char *name, const pv_limits *lim);
/* Free the files and their bytes. */
void pv_mem_files_free(pv_mem_files *m);

#endif
