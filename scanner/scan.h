/* scan.h — the pipeline for one input: intake → parse → match → findings.
 *
 * Ownership: a pv_scanner is per thread and borrows the config (rules are
 * shared read-only). pv_scan_input returns a result the caller deletes with
 * pv_result_delete; NULL only when out of memory. */
#ifndef PV_SCAN_H
#define PV_SCAN_H

#include "exclude.h"
#include "intake/intake.h"
#include "limits.h"
#include "result.h"
#include "rules/rules.h"

/* Where inline suppression comments (// nosemgrep, // plugvet-ignore)
 * count: in the user's own code only (files, directories, the git index,
 * stdin: an archive is someone else's code, and a malicious plugin would
 * silence its own findings), everywhere, or nowhere. */
typedef enum { PV_INLINE_OWN = 0, PV_INLINE_ALL, PV_INLINE_NONE } pv_inline_suppress;

typedef struct {
  const pv_ruleset *rules;     /* may be NULL: archive hazards only */
  const pv_ruleset *cap_rules; /* capability rules (rules/capability), run only
                                * when the check is on for the input; may be
                                * NULL: then cap_load(cap_ctx) gives them the
                                * first time an input needs them (it must be
                                * thread-safe and return the same set, or
                                * NULL, every time) */
  const pv_ruleset *(*cap_load)(void *ctx);
  void *cap_ctx;
  /* rules may be compiled for some languages only (pv_ruleset_set_langs):
   * an input holding a file of another language (by pv_lang_detect; a
   * host file counts as javascript, typescript and tsx, what its embedded
   * code may be) is matched, as every later input of the scanner, with
   * rules_load(rules_ctx, langs)'s set, which must be the same rules
   * compiled for at least langs. Thread-safe; the scanner borrows the set
   * (the caller frees it after the scanners); NULL: out of memory. NULL
   * when rules are compiled for every language. */
  const pv_ruleset *(*rules_load)(void *ctx, unsigned langs);
  void *rules_ctx;
  pv_limits limits;
  int capabilities;        /* report pkg.undeclared-capability even without a
                            * declaration (plugvet policy, --policy-out) */
  int taint_deps;          /* taint rules also analyse node_modules as code */
  int no_prefilter;        /* matchers run without shortcuts (pv_match_options) */
  pv_exclude_opts exclude; /* files code rules skip (exclude.h) */
  pv_inline_suppress inline_suppress;
} pv_scan_config;

typedef struct pv_scanner pv_scanner;

/* Per-thread scanner (parser + matcher scratch); NULL on OOM. */
pv_scanner *pv_scanner_new(const pv_scan_config *cfg);
/* Free it. NULL is ignored. */
void pv_scanner_delete(pv_scanner *s);
/* Scan one input (archive, directory or file) fully. */
pv_result *pv_scan_input(pv_scanner *s, const char *input);
/* Scan n files the caller read (pv_intake_read_files) as one input named
 * `input` of kind `kind`; the files are copied, the caller keeps them. */
pv_result *pv_scan_files(pv_scanner *s, const char *input, const char *kind,
                         const pv_mem_file *files, size_t n);

#endif
