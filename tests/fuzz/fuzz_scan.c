/* fuzz_scan.c — any bytes as JavaScript, TypeScript, TSX, JSON or markup
 * (HTML, EJS, Vue, Svelte: their embedded code too, scanner/embed.h): parse,
 * the bundled rule pack, findings (snippets, UTF-16 columns, line hashes).
 *
 * The rules are loaded once per process and the parser and matcher reused
 * (libFuzzer and the driver run every input in one process). Each input is
 * scanned once, in one language: JSON when it starts like JSON, markup
 * when it starts with '<', else the one a hash of its first bytes picks
 * (JavaScript twice as often; for markup, one of the four), so every
 * input costs one parse and one rule run, not four, and each language still
 * sees a share of the inputs (and of the seeds, which stay stable). */
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

/* The file name (and so the language) an input is scanned as. */
static const char *name_for(const uint8_t *data, size_t size) {
  static const char *const names[] = {"a.js", "a.ts", "a.js", "a.tsx"};
  static const char *const markup[] = {"a.html", "a.ejs", "a.vue", "a.svelte"};
  size_t i = 0;
  while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r'))
    i++;
  if (i < size && (data[i] == '{' || data[i] == '['))
    return "package.json";
  uint32_t h = 2166136261u; /* FNV-1a over the first 64 bytes */
  for (size_t k = 0; k < size && k < 64; k++)
    h = (h ^ data[k]) * 16777619u;
  return i < size && data[i] == '<' ? markup[h & 3] : names[h & 3];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (parser == NULL)
    setup();
  pv_limits lim = pv_limits_default();
  pv_result *r = pv_result_new("fuzz");
  if (r == NULL)
    return 0;
  pv_file f = {.path = name_for(data, size), .data = data, .size = size};
  pv_file *fp = pv_result_add_file(r, &f);
  if (fp != NULL) {
    fp->lang = pv_lang_detect(fp->path, data, size, &fp->flags);
    pv_match_parse(matcher, parser, r, fp, &lim);
    pv_findings_finish(r, &lim);
  }
  pv_result_delete(r);
  return 0;
}
