/* scan.c — see scan.h. */
#include "scan.h"

#include <stdlib.h>

#include "findings.h"
#include "intake/intake.h"
#include "match.h"
#include "parse.h"
#include "permissions.h"
#include "pkg/pkg.h"

struct pv_scanner {
  const pv_scan_config *cfg;
  pv_parser *parser;
  pv_matcher *matcher;
  pv_matcher *cap_matcher; /* made when an input first needs it */
};

pv_scanner *pv_scanner_new(const pv_scan_config *cfg) {
  pv_scanner *s = calloc(1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->cfg = cfg;
  s->parser = pv_parser_new();
  pv_match_options mopt = {.no_prefilter = cfg->no_prefilter};
  s->matcher = cfg->rules ? pv_matcher_new(cfg->rules, &mopt) : NULL;
  if (s->parser == NULL || (cfg->rules != NULL && s->matcher == NULL)) {
    pv_scanner_delete(s);
    return NULL;
  }
  return s;
}

void pv_scanner_delete(pv_scanner *s) {
  if (s == NULL)
    return;
  pv_parser_delete(s->parser);
  pv_matcher_delete(s->matcher);
  pv_matcher_delete(s->cap_matcher);
  free(s);
}

/* Detect the language, parse and run the rules on one regular file. */
static pv_status scan_file(pv_scanner *s, pv_result *r, pv_file *f, int caps) {
  const pv_limits *lim = &s->cfg->limits;
  if (f->kind != PV_ENTRY_FILE || f->data == NULL)
    return PV_OK;
  if (f->flags & (PV_FILE_BINARY | PV_FILE_NATIVE | PV_FILE_ENCRYPTED))
    return PV_OK;
  f->lang = pv_lang_detect(f->path, f->data, f->size, &f->flags);
  TSTree *tree = NULL;
  if (f->lang != PV_LANG_NONE && !(f->flags & PV_FILE_DTS))
    tree = pv_parse(s->parser, r, f, lim);
  pv_status rc = PV_OK;
  if (s->matcher != NULL)
    rc = pv_match_file(s->matcher, r, f, tree, lim);
  if (rc != PV_FATAL && caps && s->cap_matcher != NULL)
    rc = pv_match_file(s->cap_matcher, r, f, tree, lim);
  ts_tree_delete(tree);
  return rc;
}

/* The taint rules' rounds over the files they still need (match.h). */
static pv_status taint_rounds(pv_scanner *s, pv_result *r, const size_t *order, uint64_t deadline) {
  const pv_limits *lim = &s->cfg->limits;
  if (deadline && pv_now_ms() > deadline)
    return PV_OK; /* noted by the first pass */
  while (s->matcher != NULL && pv_match_next_round(s->matcher)) {
    for (size_t i = 0; i < r->files.len; i++) {
      if (deadline && pv_now_ms() > deadline) {
        pv_result_fail(r,
                       "%s: wall time limit of %u s reached while taint rules analysed the files "
                       "they need; the rest of those flows are not reported",
                       r->input, (unsigned)(lim->input_ms / 1000));
        return PV_OK;
      }
      pv_file *f = pv_result_file(r, order ? order[i] : i);
      if (!pv_match_wants(s->matcher, f))
        continue;
      TSTree *tree = pv_parse(s->parser, r, f, lim);
      pv_status rc = tree != NULL ? pv_match_file(s->matcher, r, f, tree, lim) : PV_OK;
      ts_tree_delete(tree);
      if (rc == PV_FATAL)
        return rc;
    }
  }
  return PV_OK;
}

pv_result *pv_scan_input(pv_scanner *s, const char *input) {
  const pv_limits *lim = &s->cfg->limits;
  pv_result *r = pv_result_new(input);
  if (r == NULL)
    return NULL;
  uint64_t deadline = lim->input_ms ? pv_now_ms() + lim->input_ms : 0;
  pv_status rc = pv_intake_read(r, lim, deadline);
  if (rc == PV_FATAL || (r->permissions = pv_permissions_read(r, lim)) == NULL)
    goto oom;
  if (pv_pkg_check(r, r->permissions->manifest, lim) == PV_FATAL)
    goto oom;
  /* Capability rules only matter when their matches will be checked. */
  int caps = s->cfg->capabilities || r->permissions->declared;
  if (caps && s->cap_matcher == NULL) {
    const pv_ruleset *rs = s->cfg->cap_rules  ? s->cfg->cap_rules
                           : s->cfg->cap_load ? s->cfg->cap_load(s->cfg->cap_ctx)
                                              : NULL;
    pv_match_options mopt = {.no_prefilter = s->cfg->no_prefilter};
    if (rs != NULL && (s->cap_matcher = pv_matcher_new(rs, &mopt)) == NULL)
      goto oom;
  }
  if (s->matcher != NULL && pv_match_input(s->matcher, r, s->cfg->taint_deps) != PV_OK)
    goto oom;
  const size_t *order = s->matcher ? pv_match_order(s->matcher) : NULL;
  for (size_t i = 0; i < r->files.len; i++) {
    if (deadline && pv_now_ms() > deadline) {
      pv_result_fail(r, "%s: wall time limit of %u s reached; %zu of %zu files not analysed",
                     r->input, (unsigned)(lim->input_ms / 1000), r->files.len - i, r->files.len);
      break;
    }
    size_t k = order ? order[i] : i; /* modules before their importers (taint rules) */
    if (scan_file(s, r, pv_result_file(r, k), caps) == PV_FATAL)
      goto oom;
  }
  if (taint_rounds(s, r, order, deadline) == PV_FATAL)
    goto oom;
  if (pv_capabilities_check(r, r->permissions, caps) == PV_FATAL)
    goto oom;
  if (pv_findings_finish(r, lim) == PV_FATAL)
    goto oom;
  return r;
oom:
  pv_result_delete(r);
  return NULL;
}
