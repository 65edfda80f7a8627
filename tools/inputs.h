/* inputs.h — where `plugvet scan` gets its inputs besides the command line:
 * a list file (--from: one path a line; --from0: NUL-separated) and a
 * directory whose entries are one input each (--each).
 *
 * Ownership: the functions hand each path to add(ctx, path), which copies
 * what it keeps; the path is borrowed for the call only. */
#ifndef PV_INPUTS_H
#define PV_INPUTS_H

#include <stddef.h>

typedef void (*pv_input_add_fn)(void *ctx, const char *path);

/* Read the list FILE ("-": stdin). Lines: a trailing CR is dropped; blank
 * lines (spaces and tabs only) and lines whose first other byte is '#' are
 * skipped (name such a file ./#x). nul: names end at NUL bytes, taken as
 * they are (newlines too), empty ones skipped. 0, or -1 with errno set
 * when FILE cannot be read. */
int pv_inputs_read_list(const char *file, int nul, pv_input_add_fn add, void *ctx);

/* Each entry of dir whose name does not start with '.' and that is a
 * regular file or a directory (symlinks followed), as "DIR/NAME" in byte
 * order of the names. Other entries are counted in *skipped. 0, or -1 with
 * errno set when dir cannot be read. */
int pv_inputs_each(const char *dir, pv_input_add_fn add, void *ctx, size_t *skipped);

#endif
