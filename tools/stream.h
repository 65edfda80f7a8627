/* stream.h — what lets a batch be killed and resumed: the rule pack's
 * identity, written in every JSON line with plugvet's version, and the
 * lines an earlier run left in the --json file (--resume).
 *
 * The JSON lines themselves are written by cmd_scan as inputs finish, in
 * input order (docs/cli.md, "Batches").
 *
 * Ownership: a pv_resume owns its lines and names (pv_resume_free). */
#ifndef PV_STREAM_H
#define PV_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../scanner/model.h"

/* "sha256:" and 64 hex digits, and the NUL. */
enum { PV_PACK_ID_LEN = 72 };

/* The identity of the rules a run loads from the n paths (files and
 * directories, in load order): the sha256 of, for each rule file, its path
 * below the path given (a file: its base name), a NUL, the sha256 of its
 * bytes and a newline. The same files give the same id wherever they are
 * installed. 0, or -1 when a file cannot be read (the load has already
 * succeeded, so only a race makes this happen). */
int pv_pack_id(const char *const *paths, size_t n, char out[PV_PACK_ID_LEN]);

/* The lines of an earlier run kept by --resume. */
typedef struct {
  char **lines; /* whole lines, '\n' included, in file order */
  char **names; /* their inputs, sorted (pv_resume_has) */
  size_t n;
  size_t dropped;             /* lines of another version or pack, or not JSON */
  size_t failed, partial;     /* kept lines with status "error", "partial" */
  size_t counts[PV_SEV_NONE]; /* their unsuppressed findings by severity */
} pv_resume;

/* Read path's lines: those of this version and pack are kept (the last
 * one of an input wins), the others counted in dropped; a last line
 * without its newline (a killed write) is dropped. A missing file is an
 * empty run. 0, or -1 with a reason in err (unreadable, over max_bytes). */
int pv_resume_load(pv_resume *r, const char *path, const char *version, const char *pack,
                   uint64_t max_bytes, char *err, size_t errn);
/* Whether input's line is kept. */
int pv_resume_has(const pv_resume *r, const char *input);
/* Replace path by the kept lines (through path.tmp and a rename, so a kill
 * leaves the old file or the new one) and return it open for appending, or
 * NULL with errno set. */
FILE *pv_resume_rewrite(const pv_resume *r, const char *path);
void pv_resume_free(pv_resume *r);

#endif
