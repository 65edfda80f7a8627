/* intake.h — read one input (archive, directory or file) into the result's
 * vfs, under the limits, and report archive hazards as findings.
 *
 * Archives are read with libarchive from memory; nothing touches the disk.
 * Nested archives are opened from memory up to limits->depth, their entries
 * named "outer!/inner!/path". A tripped limit stops reading that input (or
 * that nested archive) and becomes a finding plus a note; the files read
 * before it stay in the vfs.
 *
 * Ownership: everything added lives in r->arena. */
#ifndef PV_INTAKE_H
#define PV_INTAKE_H

#include "../limits.h"
#include "../result.h"

/* Read the input named r->input into r. Sets r->sha256, r->kind, r->bytes.
 * Returns PV_OK (maybe with hazard findings), PV_FAILED when the input could
 * not be read at all (r->status = PV_INPUT_ERROR with a reason naming the
 * input, e.g. "x.tgz: truncated gzip stream"), PV_FATAL on out-of-memory.
 * deadline_ms is a pv_now_ms() value after which reading stops (0: none). */
pv_status pv_intake_read(pv_result *r, const pv_limits *lim, uint64_t deadline_ms);

/* A file the caller read itself (a blob of the git index, stdin). data may
 * be NULL when the caller left a file unread because size is over a limit:
 * the limit's finding says so. */
typedef struct {
  const char *path; /* as it should be reported ("src/a.js") */
  const unsigned char *data;
  size_t size;
  unsigned mode; /* st_mode bits (S_IFREG | 0644...) */
} pv_mem_file;

/* Read files given in memory into r as the entries of a directory input of
 * kind `kind` ("git-index", "stdin"): the same limits (entries, entry and
 * total bytes), checks and findings, nested archives opened; each file's
 * bytes are copied into r->data. Sets r->kind and r->bytes (r->sha256 stays
 * ""). PV_OK, or PV_FATAL on out-of-memory. */
pv_status pv_intake_read_files(pv_result *r, const pv_limits *lim, uint64_t deadline_ms,
                               const char *kind, const pv_mem_file *files, size_t n);

/* The prefix of a directory input's entry paths: r->input without leading
 * "./" and trailing "/" ("" for "."), in r->arena; NULL on out-of-memory. */
const char *pv_intake_dir_prefix(pv_result *r);

/* The builtin "archive.*" rules intake reports under (for rule listings). */
const pv_rule_meta *const *pv_intake_rules(size_t *count);

/* Normalise an entry path: strip leading "./", collapse "//" and "/./".
 * Returns 0 and writes the clean path, or -1 when the path is absolute or
 * escapes its root with "..", setting *why to a static reason. */
int pv_path_normalise(const char *in, char *out, size_t outsz, const char **why);

#endif
