/* test_pattern.c — Semgrep pattern compile and structural matching: each
 * construct with a matching target and a non-matching twin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/parse.h"
#include "../../scanner/rules/pattern.h"
#include "tap.h"

typedef struct {
  int n;
  char bound[128]; /* text of the first binding of the first match */
  const unsigned char *data;
} hits;

static int on_match(void *ctx, uint32_t id, const pv_pmatch *m) {
  hits *h = ctx;
  (void)id;
  if (h->n++ == 0 && m->nb > 0) {
    uint32_t len = m->b[0].e - m->b[0].s;
    if (len >= sizeof h->bound)
      len = sizeof h->bound - 1;
    memcpy(h->bound, h->data + m->b[0].s, len);
    h->bound[len] = '\0';
  }
  return 0;
}

static uint32_t scan_depth = 2000; /* the walk's depth limit */
static pv_status last_scan;        /* what the last walk returned */

/* The step budget of a scan (0: the default) and what cut the pattern's
 * attempts short (PV_PSCAN_* bits). */
typedef struct {
  uint32_t steps;
  unsigned exceeded;
} budget;

/* Matches of pattern pat in target src (language l); -1 if pat does not
 * compile. bound (if not NULL) gets the first binding's text; b (if not
 * NULL) sets the step budget and gets what cut the attempts short. */
static int scan_in(pv_lang l, const char *pat, const char *src, char *bound, size_t bn, budget *b) {
  pv_arena *a = pv_arena_new(0);
  char why[300];
  pv_pattern *p = pv_pattern_compile(a, pat, strlen(pat), l, why, sizeof why);
  if (p == NULL) {
    pv_arena_delete(a);
    return -1;
  }
  pv_strset *words = pv_strset_new();
  pv_pindex *ix = pv_pindex_new(&p, 1, l, words);
  pv_strset_build(words);
  uint8_t present[64] = {0}, active[1];
  pv_occs occ = {0};
  pv_strset_scan(words, (const unsigned char *)src, strlen(src), present, &occ);
  active[0] = (uint8_t)pv_pindex_words_present(ix, 0, present); /* the prefilter */
  pv_pscan *s = pv_pscan_new();
  if (b != NULL && b->steps != 0)
    pv_pscan_set_step_budget(s, b->steps);
  TSParser *ps = ts_parser_new();
  ts_parser_set_language(ps, pv_language(l));
  TSTree *t = ts_parser_parse_string(ps, NULL, src, (uint32_t)strlen(src));
  hits h = {0, "", (const unsigned char *)src};
  last_scan = pv_pindex_scan(ix, s, (const unsigned char *)src, (uint32_t)strlen(src),
                             ts_tree_root_node(t), &occ, scan_depth, 5000, active, on_match, &h);
  free(occ.v);
  if (bound)
    snprintf(bound, bn, "%s", h.bound);
  if (b != NULL)
    b->exceeded = pv_pscan_exceeded(s, 0);
  ts_tree_delete(t);
  ts_parser_delete(ps);
  pv_pscan_delete(s);
  pv_pindex_delete(ix);
  pv_strset_delete(words);
  pv_arena_delete(a);
  return h.n;
}

static int count_in(pv_lang l, const char *pat, const char *src, char *bound, size_t bn) {
  return scan_in(l, pat, src, bound, bn, NULL);
}

static int count(const char *pat, const char *src) {
  return count_in(PV_LANG_JS, pat, src, NULL, 0);
}

/* pat matches yes (at least once) and not no. */
static void pair(const char *pat, const char *yes, const char *no, const char *what) {
  ok(count(pat, yes) > 0, "%s: matches", what);
  is_int(count(pat, no), 0, "%s: negative twin does not match", what);
}

static void test_basics(void) {
  pair("eval(x)", "eval(x);", "eval(y);", "plain call");
  pair("eval($X)", "eval(a.b);", "evil(a.b);", "metavariable");
  pair("$F($X, $X)", "f(a+1, a + 1);", "f(a, b);", "same metavariable twice (modulo blanks)");
  pair("$F($_, $_)", "f(a, b);", "f(a);", "$_ binds nothing but one node");
  pair("foo(...)", "foo(1, 2, 3);", "bar(1, 2, 3);", "ellipsis args");
  pair("foo(..., $X)", "foo(1, 2, last);", "foo();", "ellipsis then a last arg");
  pair("foo(1, ...)", "foo(1);", "foo(2, 1);", "ellipsis may be empty");
  pair("foo($...ARGS, z)", "foo(a, b, z);", "foo(a, b);", "$...ARGS");
  pair("$O.foo(...)", "a.b.c.foo(1);", "a.b.c.bar(1);", "member chain");
  pair("x = \"abc\"", "x = 'abc';", "x = 'abd';", "strings regardless of quotes");
  pair("f(\"...\")", "f('anything');", "f(anything);", "\"...\" matches any string");
  pair("f(\"...\")", "f(`plain`);", "f(`a${b}`);", "a template with ${} is not a constant");
  pair("a + b", "x = (a + b);", "x = a - b;", "parentheses are transparent; operators matter");
  pair("f((a))", "f(a);", "f(b);", "parentheses in the pattern too");
  pair("function $F(...) { ... }", "function g(a, b) { return a; }", "const g = 1;",
       "function with ellipsis params and body");
  pair("[..., 3, ...]", "x = [1, 2, 3, 4];", "x = [1, 2, 4];", "array ellipsis");
  pair("{..., secret: $S, ...}", "send({a: 1, secret: k, b: 2});", "send({a: 1, b: 2});",
       "object ellipsis");
  pair("$X = $E", "const x = 1;", "f(1);", "$X = $E matches a declaration");
  pair("$X.innerHTML = $Y", "el.innerHTML = html;", "el.textContent = html;",
       "assignment to member");
  pair("{..., strictSSL: false, ...}", "request({'strictSSL': false});",
       "request({'strictSSL': true});", "object keys match quoted or not");
  pair("$X = req.body; ... eval($X);", "function h(){ const d = req.body; eval(d); }",
       "function h(){ const d = req.query; eval(d); }",
       "`x = e;` in a sequence matches `const x = e;`");
  pair("new Function(...)", "new Function('a', b);", "new Func('a', b);", "new expression");
}

static void test_deep_and_sequences(void) {
  pair("eval(<... req.body ...>)", "eval('x' + f(req.body));", "eval('x' + f(req.query));",
       "deep expression");
  pair("$X = req.body; ... eval($X);", "function h(){ a = req.body; log(a); eval(a); }",
       "function h(){ a = req.body; log(a); eval(b); }", "statement sequence with ellipsis");
  pair("if ($C) { ... }", "if (a) { b(); c(); }", "while (a) { b(); }",
       "statement with block ellipsis");
  pair("$X = req.body; ... eval($X);", "function h(){ a = req.body; if (ok) { eval(a); } }",
       "function h(){ if (ok) { eval(a); } a = req.body; }",
       "the statement after ... may be nested");
  pair("f(1);\ng(2);", "f(1); g(2);", "f(1); h(); g(2);",
       "a sequence without ellipsis is contiguous");
}

static void test_aliasing(void) {
  const char *pat = "require('child_process').exec($CMD)";
  pair(pat, "const cp = require('child_process'); cp.exec(x);",
       "const cp = require('other'); cp.exec(x);", "require alias");
  pair(pat, "const { exec } = require('child_process'); exec(x);",
       "const { spawn } = require('child_process'); exec(x);", "destructured require");
  pair(pat, "const { exec: run } = require('child_process'); run(x);",
       "const { exec: run } = require('child_process'); exec(x);", "renamed destructuring");
  pair(pat, "import { exec as run } from 'child_process'; run(x);",
       "import { exec as run } from 'fs'; run(x);", "import specifier alias");
  pair(pat, "import * as cp from 'node:child_process'; cp.exec(x);",
       "import * as cp from 'node:fs'; cp.exec(x);", "namespace import with node:");
  pair(pat, "require('node:child_process').exec(x);", "require('child_proc').exec(x);",
       "node: prefix on a direct require");
  pair("exec(\"...\")", "const C = 'ls'; exec(C);", "let C = 'ls'; exec(C);",
       "constant propagation of a const string");
  pair("exec(\"...\")", "const C = 'ls'; exec(C);", "const C = `ls ${d}`; exec(C);",
       "a template with ${} never propagates");
  pair("exec(\"...\")", "const C = 'ls'; exec(C);", "const C = 'ls'; let C = x; exec(C);",
       "a redeclared constant no longer propagates");
  /* Declarations are found by name when a match needs them: wherever they
   * sit, but only those before the use count. */
  pair(pat, "const { exec: run } = require('child_process');\nfunction f() { if (a) { run(x); } }",
       "function f() { if (a) { run(x); } }\nconst { exec: run } = require('child_process');",
       "an alias used in a nested function; none before its declaration");
  pair(pat, "const cp = require('child_process');\nfunction f() { cp.exec(x); }",
       "const cp = require('child_process');\nfunction f() { const cp = other(); cp.exec(x); }",
       "an alias shadowed by a second declaration no longer counts");
  pair("exec(\"...\")", "function f() { const C = 'ls'; if (a) { exec(C); } }",
       "function f() { if (a) { exec(C); } const C = 'ls'; }",
       "a constant declared earlier in another statement; none after the use");
  pair("exec(\"...\")", "const A = 'ls'; const C = A + ' -l'; exec(C);",
       "const A = 'ls'; const C = A + x; exec(C);", "a const made of constants with +");
  pair("exec(\"...\")", "const A = 'ls'; const C = `${A} -l`; exec(C);",
       "let A = 'ls'; const C = `${A} -l`; exec(C);", "a const template of constants");
  pair("exec(\"...\")", "exec('ls' + (' -' + 'l'));", "exec('ls' - ' -l');",
       "an argument made of constants with + (not another operator)");
  pair("exec(\"ls\")", "const C = 'ls'; exec(C);", "const A = 'l'; const C = A + 's'; exec(C);",
       "a made constant's text is not kept: it is no particular string");
}

/* TypeScript casts and type arguments are transparent unless the pattern
 * has them. */
static void test_typescript(void) {
  is_int(count_in(PV_LANG_TS, "axios.get($U)", "axios.get<string>(u);", NULL, 0), 1,
         "type arguments are skipped by a pattern without them");
  is_int(count_in(PV_LANG_TS, "axios.get($U)", "axios.post<string>(u);", NULL, 0), 0,
         "type arguments skipped: negative twin, another method");
  is_int(count_in(PV_LANG_TS, "axios.get($U)", "async () => { await axios.get<string>(u); };", NULL,
                  0),
         1, "`await f<T>(x)`, parsed (await f)<T>(x), matches f(x)");
  is_int(count_in(PV_LANG_TS, "axios.get($U)", "async () => { await axios.post<string>(u); };",
                  NULL, 0),
         0, "`await f<T>(x)`: negative twin, another method");
  is_int(count_in(PV_LANG_TS, "f<number>($X)", "f<number>(1);", NULL, 0), 1,
         "a pattern with type arguments compares them: the same");
  is_int(count_in(PV_LANG_TS, "f<number>($X)", "f<string>(1);", NULL, 0), 0,
         "a pattern with type arguments compares them: another (twin)");
  is_int(count_in(PV_LANG_TS, "f(Buffer.alloc(...))", "f(Buffer.alloc(8) as Buffer);", NULL, 0), 1,
         "`e as T` is e to a pattern");
  is_int(count_in(PV_LANG_TS, "f(Buffer.alloc(...))", "f(Buffer.from(x) as Buffer);", NULL, 0), 0,
         "`e as T`: negative twin, another e");
  is_int(count_in(PV_LANG_TS, "exec(req.query.cmd)", "exec((req.query.cmd satisfies string)!);",
                  NULL, 0),
         1, "`satisfies` and `!` too, under parentheses");
  is_int(count_in(PV_LANG_TS, "exec(req.query.cmd)", "exec((req.query.id satisfies string)!);",
                  NULL, 0),
         0, "`satisfies` and `!`: negative twin, another member");
  char b[64] = "";
  is_int(count_in(PV_LANG_TS, "eval($X)", "eval(a as any);", b, sizeof b), 1, "a cast matches");
  is_str(b, "a as any", "a metavariable binds the whole cast");
}

static void test_bindings_and_errors(void) {
  char b[128] = "";
  is_int(count_in(PV_LANG_JS, "eval($X)", "eval(a  +  b);", b, sizeof b), 1, "eval($X) matches");
  is_str(b, "a  +  b", "binding is the source text");
  b[0] = '\0';
  is_int(count_in(PV_LANG_JS, "foo($...A)", "foo(1, 2);", b, sizeof b), 1, "foo($...A) matches");
  is_str(b, "1, 2", "$...A binds the run of arguments");
  is_int(count_in(PV_LANG_TS, "eval($X)", "const a: string = s; eval(a as any);", NULL, 0), 1,
         "typescript target");
  is_int(count_in(PV_LANG_TS, "eval($X)", "const a: string = s;", NULL, 0), 0,
         "typescript negative twin");
  is_int(count("f(..., $X, ...)", "f(a, b, c);"), 3,
         "every way to bind $X is reported (3 arguments)");
  is_int(count("f(..., $X, ...)", "f();"), 0, "... and none for no argument");
  is_int(count("{..., $K: 1, ...}", "o = {a: 2, b: 1, c: 1};"), 2,
         "object: each matching property");
  is_int(count("eval(\"...\")", "eval(x);"), 0, "eval(\"...\") twin: a name is not a string");
  is_int(count_in(PV_LANG_JSON, "{..., \"a\": [..., \"*\", ...], ...}",
                  "{\"b\": 1, \"a\": [\"x\", \"*\"]}", NULL, 0),
         1, "json: ... in objects and arrays");
  is_int(count_in(PV_LANG_JSON, "{..., \"a\": [..., \"*\", ...], ...}",
                  "{\"b\": 1, \"a\": [\"x\", \"**\"]}", NULL, 0),
         0, "json twin: no \"*\" element");
  b[0] = '\0';
  is_int(
      count_in(PV_LANG_JSON, "{..., \"main\": $M, ...}", "{\"main\": \"index.js\"}", b, sizeof b),
      1, "json: a bare $M matches");
  is_str(b, "\"index.js\"", "json: a bare $M binds a value");
  is_int(count_in(PV_LANG_JSON, "{..., \"main\": $M, ...}", "{\"mains\": 1}", NULL, 0), 0,
         "json twin: other key");
  is_int(count("eval(((", "eval(1)"), -1, "a pattern that does not parse is refused");
  is_int(count("...", "eval(1)"), -1, "a pattern that is only ... is refused");
  is_int(count("eval(1)", "eval(1)"), 1, "a valid pattern compiles");
  /* Hostile: deep nesting in the target stays bounded. */
  size_t n = 20000;
  char *deep = malloc(2 * n + 16);
  memset(deep, '[', n);
  memcpy(deep + n, "x", 1);
  memset(deep + n + 1, ']', n);
  deep[2 * n + 1] = '\0';
  ok(count("[...]", deep) >= 0, "deeply nested target does not crash");
  ok(count("<... x ...>", deep) >= 0, "deep expression on a deep target does not crash");
  free(deep);
}

/* A walk cut short by its depth limit says so (PV_WARN: the caller notes
 * it, matches past there are missed); a whole walk is PV_OK. */
static void test_scan_status(void) {
  const char *src = "a(b(c(d(e(f(g(h(deep(1)))))))));";
  scan_depth = 6;
  is_int(count("deep($X)", src), 0, "a walk cut at depth 6 misses the deep call");
  is_int(last_scan, PV_WARN, "... and says it was cut short (PV_WARN)");
  scan_depth = 2000;
  is_int(count("deep($X)", src), 1, "twin: a whole walk finds it");
  is_int(last_scan, PV_OK, "... and is PV_OK");
}

/* An array literal of n numbers after the string "never". */
static char *numbers(int n) {
  size_t cap = (size_t)n * 8 + 32;
  char *src = malloc(cap);
  size_t k = (size_t)snprintf(src, cap, "x = [\"never\"");
  for (int i = 0; i < n; i++)
    k += (size_t)snprintf(src + k, cap - k, ", %d", i);
  snprintf(src + k, cap - k, "];");
  return src;
}

/* The step budget (pv_limits.pattern_steps): an attempt that needs more
 * stops, and says so (pv_pscan_exceeded); the default is today's. */
static void test_step_budget(void) {
  budget b = {0, 0};
  is_int(pv_limits_default().pattern_steps, 200000,
         "the default pattern_steps: 200,000 comparisons");
  is_int(scan_in(PV_LANG_JS, "[..., 5, ..., 7]", "x = [1, 2, 3, 4, 5, 6, 7];", NULL, 0, &b), 1,
         "the default budget: the match is found");
  is_int(b.exceeded, 0, "... and no attempt is cut short");
  b = (budget){.steps = 5};
  is_int(scan_in(PV_LANG_JS, "[..., 5, ..., 7]", "x = [1, 2, 3, 4, 5, 6, 7];", NULL, 0, &b), 0,
         "a budget of 5 comparisons: the match is missing");
  is_int(b.exceeded, PV_PSCAN_STEPS, "... and the attempt says it stopped at the step budget");
  /* Three ellipses over 200 elements that never end with "never": the
   * ways to split them are millions. */
  const char *pat = "[..., $A, ..., $B, ..., $C, ..., \"never\"]";
  char *big = numbers(200), *small = numbers(10);
  b = (budget){0, 0};
  is_int(scan_in(PV_LANG_JS, pat, big, NULL, 0, &b), 0, "a pathological pattern: no match");
  is_int(b.exceeded, PV_PSCAN_STEPS, "... and the default budget trips");
  b = (budget){0, 0};
  is_int(scan_in(PV_LANG_JS, pat, small, NULL, 0, &b), 0,
         "the same pattern on 10 elements: no match");
  is_int(b.exceeded, 0, "... and the budget does not trip (twin)");
  free(big);
  free(small);
}

int main(void) {
  test_basics();
  test_deep_and_sequences();
  test_aliasing();
  test_typescript();
  test_bindings_and_errors();
  test_scan_status();
  test_step_budget();
  return tap_done();
}
