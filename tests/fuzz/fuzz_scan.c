/* fuzz_scan.c — any bytes as JavaScript, TypeScript, TSX and JSON: parse,
 * the bundled rule pack, findings (snippets, UTF-16 columns, line hashes). */
#include <stdlib.h>
#include <string.h>

#include "../../scanner/findings.h"
#include "../../scanner/match.h"
#include "../../scanner/parse.h"
#include "../../scanner/rules/rules.h"
#include "fuzz.h"

static pv_ruleset *rules;
static pv_matcher *matcher;
static pv_parser *parser;

static void setup(void) {
  const char *dir = getenv("PLUGVET_RULES");
  pv_limits lim = pv_limits_default();
  pv_error err = {0};
  rules = pv_ruleset_new();
  if (rules && pv_ruleset_load(rules, dir ? dir : "rules", &lim, &err) != PV_OK)
    abort();
  matcher = pv_matcher_new(rules, NULL);
  parser = pv_parser_new();
  if (matcher == NULL || parser == NULL)
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"a.js", "a.ts", "a.tsx", "package.json"};
  if (parser == NULL)
    setup();
  pv_limits lim = pv_limits_default();
  for (size_t i = 0; i < 4; i++) {
    pv_result *r = pv_result_new("fuzz");
    if (r == NULL)
      return 0;
    pv_file f = {.path = names[i], .data = data, .size = size};
    pv_file *fp = pv_result_add_file(r, &f);
    fp->lang = pv_lang_detect(fp->path, data, size, &fp->flags);
    TSTree *tree = pv_parse(parser, r, fp, &lim);
    pv_match_file(matcher, r, fp, tree, &lim);
    ts_tree_delete(tree);
    pv_findings_finish(r, &lim);
    pv_result_delete(r);
  }
  return 0;
}
