/* test_parse.c — language detection, minified flag, parsing with errors. */
#include <stdlib.h>
#include <string.h>

#include "../../scanner/parse.h"
#include "tap.h"

static pv_lang detect(const char *path, const char *src, unsigned *flags) {
  *flags = 0;
  return pv_lang_detect(path, (const unsigned char *)src, strlen(src), flags);
}

static void test_detect(void) {
  unsigned fl;
  is_int(detect("a/b.js", "", &fl), PV_LANG_JS, ".js is javascript");
  is_int(detect("a.mjs", "", &fl), PV_LANG_JS, ".mjs is javascript");
  is_int(detect("a.CJS", "", &fl), PV_LANG_JS, ".CJS (any case) is javascript");
  is_int(detect("a.jsx", "", &fl), PV_LANG_JS, ".jsx is javascript");
  is_int(detect("a.ts", "", &fl), PV_LANG_TS, ".ts is typescript");
  is_int(detect("a.mts", "", &fl), PV_LANG_TS, ".mts is typescript");
  is_int(detect("a.tsx", "", &fl), PV_LANG_TSX, ".tsx is tsx");
  is_int(detect("pkg/package.json", "{}", &fl), PV_LANG_JSON, "package.json is json");
  is_int(detect("x/.eslintrc", "{}", &fl), PV_LANG_JSON, ".eslintrc is json");
  is_int(detect("bin/cli", "#!/usr/bin/env node\nx()", &fl), PV_LANG_JS,
         "node shebang is javascript");
  is_int(detect("bin/cli", "#!/bin/sh\necho", &fl), PV_LANG_NONE, "sh shebang is not javascript");
  is_int(detect("README.md", "# hi", &fl), PV_LANG_NONE, "markdown is not code");
  is_int(detect("a.tgz!/package/x.ts", "", &fl), PV_LANG_TS, "nested path uses the last name");
  is_int(detect("types/index.d.ts", "", &fl), PV_LANG_TS, ".d.ts is typescript");
  ok(fl & PV_FILE_DTS, ".d.ts is flagged");
  detect("src/index.ts", "", &fl);
  ok(!(fl & PV_FILE_DTS), "plain .ts is not flagged .d.ts");
}

static void test_minified(void) {
  unsigned fl = 0;
  char *min = malloc(20000);
  memset(min, 'a', 19999);
  min[19999] = '\0';
  pv_lang_detect("dist/app.js", (unsigned char *)min, 19999, &fl);
  ok(fl & PV_FILE_MINIFIED, "a 20 KB single-line file is minified");
  for (int i = 60; i < 19999; i += 60)
    min[i] = '\n';
  fl = 0;
  pv_lang_detect("dist/app.js", (unsigned char *)min, 19999, &fl);
  ok(!(fl & PV_FILE_MINIFIED), "the same bytes in 60-char lines are not");
  fl = 0;
  pv_lang_detect("x.min.js", (const unsigned char *)"a()", 3, &fl);
  ok(fl & PV_FILE_MINIFIED, ".min.js is minified by name");
  free(min);
}

static size_t count_notes(const pv_result *r, const char *id) {
  size_t n = 0;
  for (size_t i = 0; i < r->notes.len; i++)
    n += strcmp(pv_result_note_at(r, i)->id, id) == 0;
  return n;
}

static void test_parse(void) {
  pv_limits lim = pv_limits_default();
  pv_parser *p = pv_parser_new();
  pv_result *r = pv_result_new("t");
  const char *good = "const a = 1;\nfunction f(x) { return x + a; }\n";
  pv_file f = {.path = "good.js",
               .data = (const unsigned char *)good,
               .size = strlen(good),
               .lang = PV_LANG_JS};
  TSTree *t = pv_parse(p, r, &f, &lim);
  if (ok(t != NULL, "valid JS parses"))
    ok(!ts_node_has_error(ts_tree_root_node(t)), "valid JS parses cleanly");
  is_int((long long)count_notes(r, "parse-error"), 0, "no parse-error note for valid JS");
  ts_tree_delete(t);
  const char *bad = "const a = ;\neval(userInput);\nfunction g( { }\nexec(cmd);\n";
  pv_file g = {.path = "bad.js",
               .data = (const unsigned char *)bad,
               .size = strlen(bad),
               .lang = PV_LANG_JS};
  t = pv_parse(p, r, &g, &lim);
  ok(t != NULL, "broken JS still yields a tree");
  ok(count_notes(r, "parse-error") >= 1, "syntax errors are reported as notes");
  has_str(pv_result_note_at(r, 0)->message, "bad.js:1:", "the note names file and line");
  ts_tree_delete(t);
  lim.ast_bytes = 10;
  t = pv_parse(p, r, &f, &lim);
  ok(t == NULL, "over the AST limit: no tree");
  ok(f.flags & PV_FILE_TOO_LARGE, "over the AST limit: the file is flagged");
  is_int((long long)count_notes(r, "file-too-large"), 1, "over the AST limit is a note");
  pv_result_delete(r);
  pv_parser_delete(p);
}

int main(void) {
  test_detect();
  test_minified();
  test_parse();
  return tap_done();
}
