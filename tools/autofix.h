/* autofix.h — `plugvet scan --autofix`: the suggested fixes of one
 * input's findings (scanner/fix.h) written to the user's own files, or with
 * --dryrun shown as a unified diff.
 *
 * Only a plain file or a directory given as an input is fixed (never an
 * archive, a file inside one, the git index of --staged, stdin, nor a
 * file under node_modules/ or a symlink); only findings that are reported
 * (not suppressed, not in the baseline, not filtered out) and only while
 * the file's bytes on disk are still, byte for byte, those that were
 * scanned. Each file is replaced atomically (a temporary file in its
 * directory, its mode kept, renamed over it). Only tools/ includes it;
 * messages go to stderr, the diff to the FILE given. */
#ifndef PV_TOOLS_AUTOFIX_H
#define PV_TOOLS_AUTOFIX_H

#include <stdio.h>

#include "../scanner/result.h"

/* Apply (dryrun 0) or show (dryrun 1, the diff into diff) the fixes of
 * r's findings, its files' bytes still in memory. Says on stderr, per
 * file, how many fixes were applied and how many were skipped because they
 * overlap another. Returns 0, or -1 when a file's fixes could not be
 * applied (changed since the scan, not writable, out of memory: said on
 * stderr). */
int pv_autofix_input(const pv_result *r, int dryrun, FILE *diff);

#endif
