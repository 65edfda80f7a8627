/* result.h — everything one input produced: its vfs files, findings, tool
 * notifications and status. One arena per input holds all of it.
 *
 * Ownership: pv_result_new returns a result the caller frees with
 * pv_result_delete; every pointer reachable from it (files, findings, notes,
 * strings) lives in r->arena and dies with it. Add-functions copy nothing:
 * strings passed in must already live in r->arena or in static storage. */
#ifndef PV_RESULT_H
#define PV_RESULT_H

#include <assert.h>

#include "limits.h"
#include "model.h"

typedef struct {
  void *items;
  size_t len, cap, elem;
} pv_vec;

typedef struct pv_result {
  pv_arena *arena;   /* everything but file contents */
  pv_arena *data;    /* file contents (pv_file.data); NULL once dropped */
  const char *input; /* as the user named it */
  char sha256[65];   /* of the input's bytes ("" for directories) */
  const char *kind;  /* "tar.gz", "zip", "directory", "file", ... */
  pv_input_status status;
  const char *error;                  /* why status is PV_INPUT_ERROR */
  pv_vec files;                       /* pv_file * (each file lives in the arena, so
                                       * pointers to it stay valid as files are added) */
  pv_vec findings;                    /* pv_finding */
  pv_vec notes;                       /* pv_note */
  uint64_t bytes;                     /* bytes read into the vfs */
  size_t findings_dropped;            /* over limits.findings */
  size_t partial;                     /* notes saying a file was analysed partially */
  size_t excluded;                    /* files code rules skipped (PV_FILE_EXCLUDED) */
  size_t unparsed;                    /* files not parsed: no rule could match them (scan.c) */
  uint64_t unparsed_bytes;            /* their bytes */
  int no_inline_suppress;             /* // nosemgrep, // plugvet-ignore do not count
                                       * (set by scan.c: --inline-suppress) */
  struct pv_permissions *permissions; /* the plugin's declaration (scan.c) */
  const struct pv_declared *declared; /* its manifest's summary (declared.h), or NULL */
  int manifests_only;                 /* a directory input read for its inventory alone
                                       * (plugvet sbom): under node_modules/, only
                                       * manifests, lockfiles and archives are read */
  /* Where the input sits under the report root (SARIF %SRCROOT%), set by
   * tools/ before the findings are finished; NULL: paths as they are.
   * Local inputs (directory, file, stdin, git index): a path starting with
   * root_from (the input's name as its paths carry it; "" for all) is
   * fingerprinted and reported in SARIF as root_to + the rest. Archives:
   * root_archive, the archive's own path from the root, prefixes its paths
   * in SARIF only, joined with "!/" as nested archives are (fingerprints
   * stay those of the archive's contents). */
  const char *root_from, *root_to, *root_archive;
} pv_result;

/* New empty result for the named input; NULL on out-of-memory. */
pv_result *pv_result_new(const char *input);
/* Free the result and its arena. NULL is ignored. */
void pv_result_delete(pv_result *r);

/* Copy *f into the arena and append it to r->files; returns the stable
 * copy or NULL (OOM). */
pv_file *pv_result_add_file(pv_result *r, const pv_file *f);
/* Append a copy of *f to r->findings (fingerprints are filled later by
 * pv_findings_finish); NULL on OOM or when limits->findings is reached. */
pv_finding *pv_result_add_finding(pv_result *r, const pv_finding *f, const pv_limits *lim);
/* Append a notification; message is printf-formatted into the arena. */
void pv_result_note(pv_result *r, pv_note_level level, const char *id, const char *path,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A warning note saying that part of file `path` went unanalysed (over
 * the AST size limit, a parse timeout, a nesting or work budget): it makes
 * the input's status "partial" (r->partial counts them). */
void pv_result_partial(pv_result *r, const char *id, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Room for n bytes of file contents in r->data (created on first use);
 * NULL on out-of-memory. */
void *pv_result_data_alloc(pv_result *r, size_t n);
/* Free the file contents once every stage that reads them is done (the
 * reports need only findings, snippets and notes): every pv_file.data becomes
 * NULL. Keeps a batch's memory bounded by its largest input, not its sum. */
void pv_result_drop_data(pv_result *r);
/* path (a file of r) from the report root: root_to + the rest when it
 * starts with r->root_from, else path itself; root_archive + "!/" + path
 * only when with_archive (root_archive alone for the input's own name: a
 * finding about the archive itself). Returns a malloc'd string (free it), NULL on OOM. */
char *pv_result_root_path(const pv_result *r, const char *path, int with_archive);
/* Mark the input as failed with a reason (also recorded as an error note). */
void pv_result_fail(pv_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Element i of a vector, typed by the caller: PV_VEC_AT(v, pv_note, i).
 * Asserts (unless NDEBUG) that type is the vector's element type and that
 * i is in range; prefer the typed accessors below where there is one. */
#define PV_VEC_AT(v, type, i) ((type *)pv_vec_at_(&(v), sizeof(type), (i)))
static inline void *pv_vec_at_(const pv_vec *v, size_t elem, size_t i) {
  assert(v->elem == elem && "PV_VEC_AT: not the vector's element type");
  assert(i < v->len && "PV_VEC_AT: index out of range");
  return (char *)v->items + i * elem;
}

/* File i of r (0 <= i < r->files.len). */
static inline pv_file *pv_result_file(const pv_result *r, size_t i) {
  return *PV_VEC_AT(r->files, pv_file *, i);
}
/* Finding i of r (0 <= i < r->findings.len). */
static inline pv_finding *pv_result_finding(const pv_result *r, size_t i) {
  return PV_VEC_AT(r->findings, pv_finding, i);
}
/* Notification i of r (0 <= i < r->notes.len). */
static inline pv_note *pv_result_note_at(const pv_result *r, size_t i) {
  return PV_VEC_AT(r->notes, pv_note, i);
}

/* Grow-and-append one element of v->elem bytes (malloc'd storage, freed by
 * pv_vec_free); returns the new slot or NULL. */
void *pv_vec_push(pv_vec *v, const void *elem);
/* Free a vector's storage. */
void pv_vec_free(pv_vec *v);

#endif
