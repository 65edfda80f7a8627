/* test_parse.c — language detection, minified flag, parsing with errors. */
#include <stdio.h>
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

static void test_jsonc_names(void) {
  static const char *const jsonc[] = {"p/tsconfig.json",       "p/tsconfig.build.json",
                                      "p/jsconfig.json",       "p/.eslintrc",
                                      "p/.eslintrc.json",      "p/.babelrc",
                                      ".vscode/settings.json", "a.tgz!/package/.vscode/launch.json",
                                      "x/settings.jsonc"};
  static const char *const plain[] = {"p/package.json",     "p/tsconfig.js",
                                      "p/my-tsconfig.json", "p/vscode/settings.json",
                                      "p/x.vscode/a.json",  "p/.vscode/notes.txt"};
  unsigned fl;
  for (size_t i = 0; i < sizeof jsonc / sizeof jsonc[0]; i++) {
    is_int(detect(jsonc[i], "{}", &fl), PV_LANG_JSON, "%s is json", jsonc[i]);
    ok(fl & PV_FILE_JSONC, "%s is JSON with comments", jsonc[i]);
  }
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
    detect(plain[i], "{}", &fl);
    ok(!(fl & PV_FILE_JSONC), "%s is not JSON with comments", plain[i]);
  }
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

/* Parse src as the JSON file path; returns the parse-error notes. */
static size_t json_notes(pv_parser *p, const char *path, const char *src, size_t n, int *clean) {
  pv_limits lim = pv_limits_default();
  pv_result *r = pv_result_new("t");
  pv_file f = {.path = path, .data = (const unsigned char *)src, .size = n};
  f.lang = pv_lang_detect(path, f.data, n, &f.flags);
  *clean = pv_json_clean(&f);
  TSTree *t = pv_parse(p, r, &f, &lim);
  size_t notes = r != NULL ? count_notes(r, "parse-error") : 99;
  ts_tree_delete(t);
  pv_result_delete(r);
  return notes;
}

static void test_jsonc_parse(void) {
  pv_parser *p = pv_parser_new();
  const char *src = "{\n  // c\n  \"a\": [1, 2,], /* b */\n  \"s\": \"x,]\",\n}\n";
  int clean;
  is_int((long long)json_notes(p, "p/tsconfig.json", src, strlen(src), &clean), 0,
         "JSONC: comments and trailing commas make no note");
  ok(clean, "JSONC: the same text is clean");
  ok(json_notes(p, "p/other.json", src, strlen(src), &clean) > 0,
     "strict JSON: a trailing comma is a parse error");
  ok(!clean, "strict JSON: the same text is not clean");
  const char *bad = "{\"a\": [1,, 2]}";
  ok(json_notes(p, "p/tsconfig.json", bad, strlen(bad), &clean) > 0,
     "JSONC: two commas in a row are still an error");
  ok(!clean, "... and not clean");
  const char *comment = "{\"a\": 1 /* tree-sitter-json takes comments */}";
  is_int((long long)json_notes(p, "p/package.json", comment, strlen(comment), &clean), 0,
         "a comment in plain JSON makes no note (as before)");
  ok(clean, "... so the text is clean");
  pv_parser_delete(p);
}

/* Random JSON texts for test_json_clean_agrees: values with spaces,
 * comments and trailing commas between them, then often one token more or
 * one byte less somewhere. */
typedef struct {
  char buf[512];
  size_t n;
  unsigned seed;
} gen;

static unsigned gen_rand(gen *g, unsigned below) {
  g->seed = g->seed * 1103515245u + 12345u;
  return (g->seed >> 16) % below;
}

static void gen_put(gen *g, const char *t) {
  size_t tl = t[0] == '\0' ? 1 : strlen(t); /* "" stands for a NUL byte */
  if (g->n + tl < sizeof g->buf)
    memcpy(g->buf + g->n, t, tl);
  g->n += g->n + tl < sizeof g->buf ? tl : 0;
}

static void gen_space(gen *g) {
  static const char *const sp[] = {" ", "\n", "\r\n", "\t", "// c\n", "/* c */", "/**/", "/* * */"};
  while (gen_rand(g, 3) == 0)
    gen_put(g, sp[gen_rand(g, sizeof sp / sizeof sp[0])]);
}

static void gen_value(gen *g, int depth) {
  static const char *const scalars[] = {"1",
                                        "0",
                                        "-0.5e-3",
                                        "12.25E9",
                                        "\"k\"",
                                        "\"\"",
                                        "true",
                                        "false",
                                        "null",
                                        "\"\\u00e9\\n\\\"\"",
                                        "\"\xc3\xa9\"",
                                        "\"// no\"",
                                        "\"/*\""};
  unsigned kind = depth < 4 ? gen_rand(g, 4) : 3;
  gen_space(g);
  if (kind < 2) {
    gen_put(g, kind == 0 ? "{" : "[");
    unsigned members = gen_rand(g, 4);
    for (unsigned k = 0; k < members; k++) {
      if (k > 0)
        gen_put(g, ",");
      if (kind == 0) {
        gen_space(g);
        gen_put(g, "\"m\":");
      }
      gen_value(g, depth + 1);
    }
    if (members > 0 && gen_rand(g, 4) == 0)
      gen_put(g, ",");
    gen_space(g);
    gen_put(g, kind == 0 ? "}" : "]");
  } else {
    gen_put(g, scalars[gen_rand(g, sizeof scalars / sizeof scalars[0])]);
  }
  gen_space(g);
}

static void gen_mutate(gen *g) {
  static const char *const odd[] = {"{",  "}",  "[",    "]",    ",",  ":",   "\"",
                                    "\\", "/*", "//",   "1e+5", "01", "nul", "x",
                                    "\n", "\t", "\xff", "\x01", ""};
  char tail[sizeof g->buf];
  size_t at = gen_rand(g, (unsigned)g->n + 1), rest = g->n - at;
  if (gen_rand(g, 3) == 0 && at < g->n) { /* one byte less */
    memmove(g->buf + at, g->buf + at + 1, rest - 1);
    g->n--;
    return;
  }
  memcpy(tail, g->buf + at, rest);
  g->n = at;
  gen_put(g, odd[gen_rand(g, sizeof odd / sizeof odd[0])]);
  if (g->n + rest < sizeof g->buf)
    memcpy(g->buf + g->n, tail, rest);
  g->n += g->n + rest < sizeof g->buf ? rest : 0;
}

/* pv_json_clean promises that pv_parse makes no note: checked on random
 * texts, strict JSON and JSONC, intact and broken. */
static void test_json_clean_agrees(void) {
  pv_parser *p = pv_parser_new();
  gen g = {.seed = 12345};
  size_t n_clean = 0, n_dirty = 0, wrong = 0;
  for (int round = 0; round < 20000; round++) {
    g.n = 0;
    gen_value(&g, 0);
    if (gen_rand(&g, 2) == 0)
      gen_mutate(&g);
    int clean;
    const char *path = round & 1 ? "p/tsconfig.json" : "p/data.json";
    size_t notes = json_notes(p, path, g.buf, g.n, &clean);
    n_clean += clean != 0;
    n_dirty += notes > 0;
    if (clean && notes > 0 && wrong++ < 5)
      fprintf(stderr, "# %s: clean but %zu notes: %.*s\n", path, notes, (int)g.n, g.buf);
  }
  is_int((long long)wrong, 0, "no text pv_json_clean passes gets a parse-error note");
  ok(n_clean >= 5000, "the random texts hold clean ones (%zu)", n_clean);
  ok(n_dirty >= 2000, "and broken ones (%zu)", n_dirty);
  pv_parser_delete(p);
}

int main(void) {
  test_detect();
  test_jsonc_names();
  test_jsonc_parse();
  test_json_clean_agrees();
  test_minified();
  test_parse();
  return tap_done();
}
