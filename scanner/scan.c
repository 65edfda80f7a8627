/* scan.c — see scan.h. */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "findings.h"
#include "intake/intake.h"
#include "match.h"
#include "obfuscation.h"
#include "parse.h"
#include "permissions.h"
#include "pkg/pkg.h"

struct pv_scanner {
  const pv_scan_config *cfg;
  pv_parser *parser;
  const pv_ruleset *rules; /* the matcher's: cfg->rules, or rules_load's */
  pv_matcher *matcher;
  pv_matcher *cap_matcher; /* made when an input first needs it */
};

pv_scanner *pv_scanner_new(const pv_scan_config *cfg) {
  pv_scanner *s = calloc(1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->cfg = cfg;
  s->rules = cfg->rules;
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

typedef struct {
  pv_scanner *s;
  pv_result *r;
  int caps;
} file_ctx;

/* The rules (and the capability rules) on f's tree: a file, or a view of
 * the code embedded in it (embed.h). */
static pv_status match_tree(void *ctx, pv_file *f, const TSTree *tree) {
  file_ctx *c = ctx;
  const pv_limits *lim = &c->s->cfg->limits;
  pv_status rc = PV_OK;
  if (c->s->matcher != NULL)
    rc = pv_match_file(c->s->matcher, c->r, f, tree, lim);
  if (rc != PV_FATAL && c->s->matcher != NULL)
    rc = pv_status_worst(rc, pv_obfuscation_check(c->r, f, lim));
  if (rc != PV_FATAL && c->caps && c->s->cap_matcher != NULL)
    rc = pv_match_file(c->s->cap_matcher, c->r, f, tree, lim);
  return rc;
}

/* Whether f must be parsed: some rule could read its tree, or parsing
 * could add a note (over the AST limit, a syntax error). Only JSON is
 * proven free of syntax errors without tree-sitter (pv_json_clean), so
 * only JSON files the rules cannot match go unparsed: the same findings
 * and notes, less time. */
static int wants_tree(pv_scanner *s, const pv_file *f, int caps, const pv_limits *lim) {
  if (s->matcher == NULL || f->lang != PV_LANG_JSON || f->size > lim->ast_bytes)
    return 1;
  if (pv_match_needs_tree(s->matcher, f))
    return 1;
  if (caps && s->cap_matcher != NULL && pv_match_needs_tree(s->cap_matcher, f))
    return 1;
  return !pv_json_clean(f);
}

/* Detect the language, parse and run the rules on one regular file. */
static pv_status scan_file(pv_scanner *s, pv_result *r, pv_file *f, int caps) {
  const pv_limits *lim = &s->cfg->limits;
  if (f->kind != PV_ENTRY_FILE || f->data == NULL)
    return PV_OK;
  if (f->flags & (PV_FILE_BINARY | PV_FILE_NATIVE | PV_FILE_ENCRYPTED | PV_FILE_EXCLUDED))
    return PV_OK;
  f->lang = pv_lang_detect(f->path, f->data, f->size, &f->flags);
  TSTree *tree = NULL;
  if (f->lang != PV_LANG_NONE && !(f->flags & PV_FILE_DTS)) {
    if (wants_tree(s, f, caps, lim))
      tree = pv_parse(s->parser, r, f, lim);
    else {
      r->unparsed++;
      r->unparsed_bytes += f->size;
    }
  }
  file_ctx c = {s, r, caps};
  pv_status rc = match_tree(&c, f, tree);
  if (rc != PV_FATAL)
    rc = pv_status_worst(rc, pv_embed_each(s->parser, r, f, tree, lim, match_tree, &c));
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
      if ((f->flags & PV_FILE_EXCLUDED) || !pv_match_wants(s->matcher, f))
        continue;
      if (pv_match_parse(s->matcher, s->parser, r, f, lim) == PV_FATAL)
        return PV_FATAL;
    }
  }
  return PV_OK;
}
/* Whether inline suppression comments count for an input of this kind. */
static int inline_counts(pv_inline_suppress mode, const char *kind) {
  static const char *const own[] = {"file", "directory", "git-index", "stdin", NULL};
  if (mode != PV_INLINE_OWN)
    return mode == PV_INLINE_ALL;
  for (size_t i = 0; kind != NULL && own[i] != NULL; i++)
    if (strcmp(kind, own[i]) == 0)
      return 1;
  return 0;
}

/* The languages of r's files that rules may match (PV_LANG_BIT set). */
static unsigned input_langs(const pv_result *r) {
  unsigned langs = 0;
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    if (f->kind != PV_ENTRY_FILE || f->data == NULL ||
        (f->flags & (PV_FILE_BINARY | PV_FILE_NATIVE | PV_FILE_ENCRYPTED | PV_FILE_EXCLUDED)))
      continue;
    pv_lang l = pv_lang_detect(f->path, f->data, f->size, NULL);
    langs |= PV_LANG_BIT(l) | (pv_lang_is_host(l) ? PV_LANG_CODE_BITS : 0);
  }
  return langs;
}

/* Non-zero if the scanner's rules, when cut to some texts (rules.h
 * pv_ruleset_cut_take), were cut to every file of r. */
static int cut_covers(const pv_scanner *s, const pv_result *r) {
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    if (f->data != NULL && !pv_ruleset_cut_covers(s->rules, f->data, f->size))
      return 0;
  }
  return 1;
}

/* The scanner's rules compiled for every language of r's files, and not
 * cut to texts other than r's: the matcher is remade with rules_load's set
 * when they are not. PV_OK, or PV_FATAL on OOM. */
static pv_status cover_langs(pv_scanner *s, const pv_result *r) {
  if (s->matcher == NULL || s->cfg->rules_load == NULL)
    return PV_OK;
  unsigned want = input_langs(r) & ~pv_ruleset_langs(s->rules);
  if (want == 0 && cut_covers(s, r))
    return PV_OK;
  const pv_ruleset *rs = s->cfg->rules_load(s->cfg->rules_ctx, want | pv_ruleset_langs(s->rules));
  pv_match_options mopt = {.no_prefilter = s->cfg->no_prefilter};
  pv_matcher *m = rs != NULL ? pv_matcher_new(rs, &mopt) : NULL;
  if (m == NULL)
    return PV_FATAL;
  pv_matcher_delete(s->matcher);
  s->matcher = m;
  s->rules = rs;
  return PV_OK;
}

/* Everything after intake: r's files through the rules; r or NULL (OOM,
 * r deleted). */
static pv_result *scan_read(pv_scanner *s, pv_result *r, uint64_t deadline) {
  const pv_limits *lim = &s->cfg->limits;
  if ((r->permissions = pv_permissions_read(r, lim)) == NULL)
    goto oom;
  if (pv_exclude_apply(r, &s->cfg->exclude, lim) == PV_FATAL)
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
  if (cover_langs(s, r) != PV_OK)
    goto oom;
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
  pv_findings_demote(r, r->permissions && r->permissions->platform);
  r->no_inline_suppress = !inline_counts(s->cfg->inline_suppress, r->kind);
  if (pv_findings_finish(r, lim) == PV_FATAL)
    goto oom;
  return r;
oom:
  pv_result_delete(r);
  return NULL;
}

static uint64_t input_deadline(const pv_limits *lim) {
  return lim->input_ms ? pv_now_ms() + lim->input_ms : 0;
}

pv_result *pv_scan_input(pv_scanner *s, const char *input) {
  pv_result *r = pv_result_new(input);
  if (r == NULL)
    return NULL;
  uint64_t deadline = input_deadline(&s->cfg->limits);
  if (pv_intake_read(r, &s->cfg->limits, deadline) == PV_FATAL) {
    pv_result_delete(r);
    return NULL;
  }
  return scan_read(s, r, deadline);
}

pv_result *pv_scan_files(pv_scanner *s, const char *input, const char *kind,
                         const pv_mem_file *files, size_t n) {
  pv_result *r = pv_result_new(input);
  if (r == NULL)
    return NULL;
  uint64_t deadline = input_deadline(&s->cfg->limits);
  if (pv_intake_read_files(r, &s->cfg->limits, deadline, kind, files, n) == PV_FATAL) {
    pv_result_delete(r);
    return NULL;
  }
  return scan_read(s, r, deadline);
}
