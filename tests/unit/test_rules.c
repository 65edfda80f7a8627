/* test_rules.c — rule loader (keys, errors with file:line, hostile YAML)
 * and matcher (regex positions, query predicates, interpolation, language
 * and file-kind filters, limits). Each positive case has a negative twin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../scanner/match.h"
#include "../../scanner/parse.h"
#include "../../scanner/rules/formula.h"
#include "../../scanner/rules/rules.h"
#include "../../scanner/rules/taint_spec.h"
#include "tap.h"

static char dir[] = "/tmp/pv-test-rules-XXXXXX";
static int n_files;

/* Write text to a new temp rule file; returns its path (static storage). */
static const char *rule_file(const char *text) {
  static char path[256];
  snprintf(path, sizeof path, "%s/r%d.yaml", dir, n_files++);
  FILE *fp = fopen(path, "w");
  fputs(text, fp);
  fclose(fp);
  return path;
}

/* Load text as a rule file: the ruleset, or NULL with err filled. */
static pv_ruleset *load(const char *text, pv_error *err) {
  pv_limits lim = pv_limits_default();
  pv_ruleset *rs = pv_ruleset_new();
  if (pv_ruleset_load(rs, rule_file(text), &lim, err) != PV_OK) {
    pv_ruleset_delete(rs);
    return NULL;
  }
  return rs;
}

/* The loader refuses text; err.msg must contain want. */
static void refuses(const char *text, const char *want, const char *name) {
  pv_error err = {0};
  pv_ruleset *rs = load(text, &err);
  ok(rs == NULL, "%s: refused", name);
  has_str(err.msg, want, "%s: the message", name);
  pv_ruleset_delete(rs);
}

#define HEAD \
  "rules:\n  - id: t.r\n    message: m\n    severity: WARNING\n    languages: [javascript]\n"

static void test_loader(void) {
  pv_error err = {0};
  pv_ruleset *rs = load(
      "rules:\n  - id: a.b-c_d\n    message: hi\n    severity: ERROR\n"
      "    languages: [js, ts]\n    metadata:\n      cwe: CWE-1\n"
      "      owasp: [A1, A2]\n      confidence: HIGH\n      capability: exec\n"
      "      references: [u1]\n      other: {x: [1, 2]}\n"
      "    pattern-regex: 'x'\n",
      &err);
  ok(rs != NULL, "a full rule loads (%s)", err.msg);
  if (rs == NULL)
    return;
  const pv_rule_meta *m = pv_ruleset_meta(rs, 0);
  is_int(pv_ruleset_count(rs), 1, "one rule");
  is_str(m->id, "a.b-c_d", "id");
  is_int(m->severity, PV_SEV_HIGH, "Semgrep ERROR is high");
  is_str(m->cwe[0], "CWE-1", "a cwe string becomes a one-element list");
  ok(m->cwe[1] == NULL, "lists are NULL-terminated");
  is_str(m->owasp[1], "A2", "owasp list");
  is_str(m->confidence, "high", "confidence is lower-cased");
  is_str(m->capability, "exec", "capability");
  is_str(m->name, "a.b-c_d", "name defaults to the id");
  is_str(m->description, "hi", "description defaults to the message");
  is_str(pv_ruleset_languages(rs, 0), "javascript,typescript", "languages text");
  is_str(pv_ruleset_matcher_kind(rs, 0), "regex", "matcher kind");
  ok(pv_ruleset_meta(rs, 1) == NULL, "meta past the end is NULL");
  pv_ruleset_delete(rs);

  refuses(HEAD "    patern: x\n    pattern-regex: x\n", ":6: rule 't.r': unknown key 'patern'",
          "unknown key: file:line, rule and key");
  refuses(HEAD "    pattern-regex: 'a(b'\n", ":6: rule 't.r': key 'pattern-regex': missing closing",
          "bad regex: PCRE2's message");
  refuses(HEAD "    pattern-regex: 'a(b'\n", "at offset 3", "bad regex: PCRE2's offset");
  refuses(HEAD "    query: '(nope) @m'\n", "key 'query': unknown node type for javascript",
          "bad query: tree-sitter error type");
  refuses(HEAD "    query: '(identifier @m'\n", "syntax error for javascript at query line 1",
          "query syntax error with its position");
  refuses(HEAD "    query: '((identifier) @x (#frob? @x \"a\"))'\n",
          "unsupported predicate '#frob?'", "unknown predicate is refused");
  refuses(HEAD "    query: '(identifier)'\n", "captures nothing", "a query without captures");
  refuses(HEAD "    pattern: eval(...)\n    pattern-where-python: x\n",
          ":7: rule 't.r': unsupported key 'pattern-where-python'",
          "a Semgrep key plugvet lacks is refused, clearly");
  refuses(HEAD "    pattern: eval(...)\n    fix-regex: {regex: 'a(', replacement: x}\n",
          ":7: rule 't.r': key 'fix-regex': 'regex': missing closing parenthesis",
          "a fix-regex that does not compile is refused, naming the rule and key");
  refuses(HEAD "    pattern-not: eval(1)\n",
          ":6: rule 't.r': key 'pattern-not' is only allowed under 'patterns'",
          "an operator in the wrong place is refused");
  refuses(HEAD "    pattern: 'eval((('\n", ":6: rule 't.r': key 'pattern': pattern does not parse",
          "a pattern that does not parse");
  refuses(HEAD "    pattern-regex: a\n    query: '(identifier) @m'\n", "exactly one matcher",
          "two matchers");
  refuses(HEAD, ":2: rule 't.r': missing key 'pattern', 'patterns'", "no matcher");
  refuses("rules:\n  - message: m\n    severity: low\n    languages: [js]\n    pattern-regex: x\n",
          ":2: rule #1: missing key 'id'", "missing id");
  refuses("rules:\n  - id: x\n    severity: low\n    languages: [js]\n    pattern-regex: x\n",
          "rule 'x': missing key 'message'", "missing message");
  refuses(
      "rules:\n  - id: x\n    message: m\n    severity: none\n    languages: [js]\n"
      "    pattern-regex: x\n",
      "key 'severity'", "severity none is not a rule severity");
  refuses(
      "rules:\n  - id: x\n    message: m\n    severity: low\n    languages: [cobol]\n"
      "    pattern-regex: x\n",
      "unknown language 'cobol'", "unknown language");
  refuses(
      "rules:\n  - id: x\n    message: m\n    severity: low\n    languages: js\n"
      "    pattern-regex: x\n",
      "'languages' must be a non-empty list", "languages not a list");
  refuses(
      "rules:\n  - id: x\n    message: [m]\n    severity: low\n    languages: [js]\n"
      "    pattern-regex: x\n",
      "key 'message' must be a string", "message of the wrong type");
  refuses(
      "rules:\n  - id: 'a b'\n    message: m\n    severity: low\n    languages: [js]\n"
      "    pattern-regex: x\n",
      "not a valid id", "id with a space");
  refuses(
      "rules:\n  - id: x\n    message: m\n    severity: low\n    languages: [generic]\n"
      "    query: '(identifier) @m'\n",
      "need a tree-sitter language", "generic query rule");
  refuses(HEAD
          "    pattern-regex: a\n  - id: t.r\n    message: m\n    severity: low\n"
          "    languages: [js]\n    pattern-regex: b\n",
          ":7: rule 't.r': key 'id': duplicate", "duplicate id");
  refuses(HEAD "    metadata: {capability: teleport}\n    pattern-regex: a\n",
          "'teleport' is not one of", "unknown capability");
  refuses("rules: [\n", "YAML syntax error", "YAML syntax error");
  refuses("x: &a [1]\nrules: *a\n", ":2: YAML aliases", "aliases are refused");
  refuses(
      "rules: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
      "nested deeper than", "nesting depth is capped");
  refuses("", "a mapping with a 'rules' list", "empty file");
  refuses("rules: []\nextra: 1\n", ":2: unknown top-level key 'extra'", "unknown top-level key");
  refuses("rules: []\n---\nrules: []\n", "only one YAML document", "two documents");

  pv_limits lim = pv_limits_default();
  lim.rule_bytes = 10;
  rs = pv_ruleset_new();
  is_int(pv_ruleset_load(rs, rule_file(HEAD "    pattern-regex: a\n"), &lim, &err), PV_FAILED,
         "a file over limits.rule_bytes is refused");
  has_str(err.msg, "over the rule file limit", "... saying it is over the limit");
  pv_ruleset_delete(rs);
  rs = load("rules: []\n", &err);
  if (ok(rs != NULL, "an empty rules list loads (twin)"))
    is_int(pv_ruleset_count(rs), 0, "... and has no rules");
  pv_ruleset_delete(rs);
}

/* Run the ruleset over src as file path with limits lim; returns the
 * result (caller frees). */
static pv_result *run_lim(const pv_ruleset *rs, const char *path, const char *src, unsigned flags,
                          pv_limits lim) {
  pv_result *r = pv_result_new("t");
  pv_file f = {.path = path,
               .data = (const unsigned char *)src,
               .size = strlen(src),
               .kind = PV_ENTRY_FILE,
               .flags = flags};
  f.lang = pv_lang_detect(path, f.data, f.size, &f.flags);
  pv_file *fp = pv_result_add_file(r, &f);
  pv_parser *p = pv_parser_new();
  TSTree *t = (fp->flags & PV_FILE_DTS) ? NULL : pv_parse(p, r, fp, &lim);
  pv_matcher *m = pv_matcher_new(rs, NULL);
  pv_match_file(m, r, fp, t, &lim);
  pv_matcher_delete(m);
  ts_tree_delete(t);
  pv_parser_delete(p);
  return r;
}

/* The same with the default limits. */
static pv_result *run(const pv_ruleset *rs, const char *path, const char *src, unsigned flags) {
  return run_lim(rs, path, src, flags, pv_limits_default());
}

static const pv_finding *nth(const pv_result *r, size_t i) {
  return i < r->findings.len ? pv_result_finding(r, i) : NULL;
}

static void test_regex(void) {
  pv_error err = {0};
  pv_ruleset *rs = load(
      "rules:\n  - id: t.tok\n    message: 'token $1 ($who)'\n"
      "    severity: high\n    languages: [generic]\n"
      "    pattern-regex: 'tok_(\\d+)(?<who>[a-z]*)'\n"
      "  - id: t.js\n    message: js only\n    severity: low\n"
      "    languages: [javascript]\n    pattern-regex: 'only'\n",
      &err);
  ok(rs != NULL, "regex rules load (%s)", err.msg);
  if (rs == NULL)
    return;
  pv_result *r = run(rs, "a.txt", "x\n  héllo tok_42abc;\ntok_7\n", 0);
  is_int(r->findings.len, 2, "two regex findings in a text file");
  const pv_finding *f = nth(r, 0);
  if (ok(f != NULL, "a first regex finding")) {
    is_int(f->start.line, 2, "line is 1-based");
    is_int(f->start.col, 10, "column counts bytes, 1-based (é is 2 bytes)");
    is_int(f->start.byte, 11, "byte offset is 0-based");
    is_int(f->end.col, 19, "end column is exclusive, 1-based");
    is_str(f->message, "token 42 (abc)", "$1 and $name interpolate groups");
    is_str(f->path, "a.txt", "path is the file's path");
  }
  f = nth(r, 1);
  if (ok(f != NULL, "a second regex finding")) {
    is_int(f->start.line, 3, "second match on line 3");
    is_str(f->message, "token 7 ()", "an empty group interpolates as nothing");
  }
  pv_result_delete(r);
  r = run(rs, "a.js", "only();\n", 0);
  is_int(r->findings.len, 1, "a javascript regex rule runs on .js");
  pv_result_delete(r);
  r = run(rs, "a.json", "{\"only\": 1}\n", 0);
  is_int(r->findings.len, 0, "... and not on .json (twin)");
  pv_result_delete(r);
  r = run(rs, "a.bin", "tok_1\n", PV_FILE_BINARY);
  is_int(r->findings.len, 0, "binary files get no regex rules");
  pv_result_delete(r);
  r = run(rs, "types.d.ts", "tok_9 only\n", 0);
  is_int(r->findings.len, 1, ".d.ts still gets generic regex rules");
  pv_result_delete(r);
  pv_ruleset_delete(rs);

  /* Catastrophic backtracking trips the match limit: a note, no hang. */
  rs = load(
      "rules:\n  - id: t.slow\n    message: m\n    severity: low\n"
      "    languages: [generic]\n    pattern-regex: '(a+)+$'\n",
      &err);
  char *big = malloc(40001);
  memset(big, 'a', 40000);
  big[39999] = '!';
  big[40000] = '\0';
  uint64_t t0 = pv_now_ms();
  r = run(rs, "big.txt", big, 0);
  int noted = 0;
  for (size_t i = 0; i < r->notes.len; i++)
    noted |= strstr(pv_result_note_at(r, i)->message, "t.slow") != NULL;
  ok(noted, "a tripped regex limit is a note naming the rule");
  ok(pv_now_ms() - t0 < 20000, "... and returns promptly");
  pv_result_delete(r);
  r = run(rs, "small.txt", "aaaa", 0);
  is_int(r->findings.len, 1, "the same rule matches a small input (twin)");
  is_int(r->notes.len, 0, "... without a note");
  pv_result_delete(r);
  free(big);
  pv_ruleset_delete(rs);

  /* Empty matches advance; at most the per-file cap of findings. */
  rs = load(
      "rules:\n  - id: t.empty\n    message: m\n    severity: low\n"
      "    languages: [generic]\n    pattern-regex: 'x*'\n",
      &err);
  r = run(rs, "e.txt", "ab", 0);
  is_int(r->findings.len, 3, "empty matches at 0, 1, 2 (no infinite loop)");
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

#define QHEAD(id) \
  "  - id: " id "\n    message: 'm $fn'\n    severity: low\n    languages: [javascript]\n"

static void test_query(void) {
  pv_error err = {0};
  pv_ruleset *rs = load(
      "rules:\n" QHEAD("t.eq")
      "    query: '((call_expression function: (identifier) @fn) @match (#eq? @fn \"foo\"))'\n"
      QHEAD("t.noteq")
      "    query: '((call_expression function: (identifier) @fn) (#not-eq? @fn \"foo\"))'\n"
      QHEAD("t.match")
      "    query: '((call_expression function: (identifier) @fn) @match (#match? @fn \"^ba[rz]$\"))'\n"
      QHEAD("t.notmatch")
      "    query: '((call_expression function: (identifier) @fn) @match (#not-match? @fn \"^(foo|bar|baz)$\"))'\n"
      QHEAD("t.same")
      "    query: '((assignment_expression left: (identifier) @fn right: (identifier) @b) @match (#eq? @fn @b))'\n",
      &err);
  ok(rs != NULL, "query rules load (%s)", err.msg);
  if (rs == NULL)
    return;
  pv_result *r = run(rs, "q.js", "foo(1);\nbar(2);\nqux(3);\nx = x;\ny = z;\n", 0);
  int seen[5][6] = {{0}};
  const char *ids[] = {"t.eq", "t.noteq", "t.match", "t.notmatch", "t.same"};
  for (size_t i = 0; i < r->findings.len; i++) {
    const pv_finding *f = nth(r, i);
    for (int k = 0; k < 5; k++)
      if (strcmp(f->rule->id, ids[k]) == 0 && f->start.line <= 5)
        seen[k][f->start.line] = 1;
  }
  is_int(seen[0][1], 1, "#eq? matches foo (line 1)");
  is_int(seen[0][2], 0, "#eq? matches foo only: not bar (line 2)");
  is_int(seen[0][3], 0, "#eq? matches foo only: not qux (line 3)");
  is_int(seen[1][1], 0, "#not-eq? matches all but foo: not foo");
  is_int(seen[1][2], 1, "#not-eq? matches all but foo: bar");
  is_int(seen[1][3], 1, "#not-eq? matches all but foo: qux");
  is_int(seen[2][1], 0, "#match? with a PCRE2 regex: not foo");
  is_int(seen[2][2], 1, "#match? with a PCRE2 regex: bar");
  is_int(seen[2][3], 0, "#match? with a PCRE2 regex: not qux");
  is_int(seen[3][1], 0, "#not-match?: not foo");
  is_int(seen[3][2], 0, "#not-match?: not bar");
  is_int(seen[3][3], 1, "#not-match?: qux");
  is_int(seen[4][4], 1, "#eq? between two captures: x = x (line 4)");
  is_int(seen[4][5], 0, "#eq? between two captures: not y = z (line 5)");
  const pv_finding *f = NULL;
  for (size_t i = 0; i < r->findings.len; i++)
    if (strcmp(nth(r, i)->rule->id, "t.eq") == 0)
      f = nth(r, i);
  if (ok(f != NULL, "a t.eq finding")) {
    is_str(f->message, "m foo", "$fn interpolates the @fn capture");
    is_int(f->start.col, 1, "@match gives the range: start");
    is_int(f->end.col, 7, "@match gives the range: end (whole call)");
  }
  f = NULL;
  for (size_t i = 0; i < r->findings.len; i++)
    if (strcmp(nth(r, i)->rule->id, "t.noteq") == 0)
      f = nth(r, i);
  if (ok(f != NULL, "a t.noteq finding"))
    is_int(f->end.col - f->start.col, 3, "no @match: the first capture's range");
  pv_result_delete(r);

  r = run(rs, "q.ts", "foo(1);\n", 0);
  is_int(r->findings.len, 0, "javascript query rules do not run on .ts");
  pv_result_delete(r);
  r = run(rs, "q.d.ts", "foo(1);\n", 0);
  is_int(r->findings.len, 0, "query rules skip .d.ts");
  pv_result_delete(r);
  r = run(rs, "q.js", "foo(1;\nfoo(2);\n", 0);
  ok(r->findings.len >= 1, "a file with a syntax error still gets query findings");
  pv_result_delete(r);
  pv_ruleset_delete(rs);

  /* typescript covers tsx; a second load adds to the combined query. */
  rs = load(
      "rules:\n  - id: t.ts\n    message: m\n    severity: low\n    languages: [typescript]\n"
      "    query: '(call_expression function: (identifier) @match)'\n",
      &err);
  pv_limits lim = pv_limits_default();
  if (!ok(rs != NULL, "a typescript query rule loads (%s)", err.msg))
    return;
  is_int(pv_ruleset_load(rs,
                         rule_file("rules:\n  - id: t.ts2\n    message: m\n"
                                   "    severity: low\n    languages: [tsx]\n"
                                   "    query: '(jsx_element) @match'\n"),
                         &lim, &err),
         PV_OK, "a second file adds rules to a loaded set (%s)", err.msg);
  r = run(rs, "a.tsx", "f(<div></div>);\n", 0);
  int ts = 0, tsx = 0;
  for (size_t i = 0; i < r->findings.len; i++) {
    ts += strcmp(nth(r, i)->rule->id, "t.ts") == 0;
    tsx += strcmp(nth(r, i)->rule->id, "t.ts2") == 0;
  }
  is_int(ts, 1, "each pattern of the combined tsx query maps to its rule: t.ts");
  is_int(tsx, 1, "each pattern of the combined tsx query maps to its rule: t.ts2");
  pv_result_delete(r);
  r = run(rs, "a.ts", "f(1);\n", 0);
  is_int(r->findings.len, 1, "only the typescript rule on .ts (twin)");
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

static void test_findings_limit(void) {
  pv_error err = {0};
  pv_ruleset *rs = load(
      "rules:\n  - id: t.x\n    message: m\n    severity: low\n"
      "    languages: [generic]\n    pattern-regex: x\n",
      &err);
  pv_limits lim = pv_limits_default();
  lim.findings = 5;
  pv_result *r = pv_result_new("t");
  const char *src = "xxxxxxxxxxxxxxxxxxxx";
  pv_file f = {.path = "x.txt",
               .data = (const unsigned char *)src,
               .size = strlen(src),
               .kind = PV_ENTRY_FILE};
  pv_matcher *m = pv_matcher_new(rs, NULL);
  is_int(pv_match_file(m, r, &f, NULL, &lim), PV_OK, "hitting the findings limit is not an error");
  is_int(r->findings.len, 5, "findings stop at limits.findings");
  pv_matcher_delete(m);
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

/* Semgrep operators end to end through pv_match_file. */
static void test_patterns(void) {
  pv_error err = {0};
  pv_ruleset *rs = load(
      "rules:\n  - id: t.p\n    message: 'run $CMD'\n    severity: WARNING\n"
      "    languages: [javascript, typescript]\n"
      "    paths:\n      include: ['src/']\n"
      "    patterns:\n"
      "      - pattern: require('child_process').exec($CMD)\n"
      "      - pattern-not: require('child_process').exec(\"...\")\n"
      "      - pattern-not-inside: |\n          if (safe($CMD)) { ... }\n"
      "      - metavariable-regex:\n          metavariable: $CMD\n          regex: '[a-z]'\n"
      "      - focus-metavariable: $CMD\n",
      &err);
  ok(rs != NULL, "pattern rule loads (%s)", err.msg);
  if (rs == NULL)
    return;
  is_str(pv_ruleset_matcher_kind(rs, 0), "pattern", "matcher kind is pattern");
  const char *src =
      "import { exec } from 'child_process';\nexec(userCmd);\nexec('ls');\n"
      "if (safe(c)) { exec(c); }\nexec(Upper);\n";
  pv_result *r = run(rs, "src/a.js", src, 0);
  is_int((long long)r->findings.len, 1,
         "one finding: literal, guarded and regex-failing calls are not");
  const pv_finding *f = nth(r, 0);
  if (ok(f != NULL, "the pattern finding")) {
    is_str(f->message, "run userCmd", "message interpolates $CMD");
    is_int(f->start.line, 2, "focus narrows to $CMD: line");
    is_int(f->start.col, 6, "focus narrows to $CMD: start column");
    is_int(f->end.col, 13, "focus narrows to $CMD: end column");
  }
  pv_result_delete(r);
  r = run(rs, "lib/a.js", src, 0);
  is_int((long long)r->findings.len, 0, "paths.include: a file outside src/ is skipped");
  pv_result_delete(r);
  r = run(rs, "src/a.ts", "import * as cp from 'node:child_process';\ncp.exec(x as string);\n", 0);
  is_int((long long)r->findings.len, 1, "typescript target, namespace import with node:");
  pv_result_delete(r);
  pv_ruleset_delete(rs);

  rs = load(
      "rules:\n  - id: t.c\n    message: m\n    severity: LOW\n    languages: [js]\n"
      "    patterns:\n      - pattern: listen($P)\n      - metavariable-comparison:\n"
      "          metavariable: $P\n          comparison: int($P) >= 1024\n",
      &err);
  ok(rs != NULL, "comparison rule loads (%s)", err.msg);
  if (rs == NULL)
    return;
  r = run(rs, "a.js", "listen(80);\nlisten(8080);\nlisten(0x400);\nlisten(p);\n", 0);
  is_int((long long)r->findings.len, 2, "int($P) >= 1024: 8080 and 0x400, not 80 or a name");
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

/* The notes of r with id `id`: how many, and the first one's message in *msg. */
static int notes_with(const pv_result *r, const char *id, const char **msg) {
  int n = 0;
  *msg = NULL;
  for (size_t i = 0; i < r->notes.len; i++) {
    const pv_note *x = pv_result_note_at(r, i);
    if (strcmp(x->id, id) != 0)
      continue;
    if (n == 0)
      *msg = x->message;
    n++;
  }
  return n;
}

/* `x = ["never", 0, 1, ..., n-1];` (static storage, one at a time). */
static const char *numbers(int n) {
  static char src[8192];
  size_t k = (size_t)snprintf(src, sizeof src, "x = [\"never\"");
  for (int i = 0; i < n && k < sizeof src - 16; i++)
    k += (size_t)snprintf(src + k, sizeof src - k, ", %d", i);
  snprintf(src + k, sizeof src - k, "];\n");
  return src;
}

/* The pattern matcher's step budget (pv_limits.pattern_steps): a rule
 * whose pattern stops at it on a file gets one match-budget note naming
 * the rule and the file. */
static void test_pattern_budget(void) {
  pv_error err = {0};
  const char *msg;
  pv_ruleset *rs = load(HEAD "    pattern: '[..., $A, ..., $B, ..., $C, ..., \"never\"]'\n", &err);
  if (!ok(rs != NULL, "a pathological pattern rule loads (%s)", err.msg))
    return;
  pv_result *r = run(rs, "big.js", numbers(200), 0);
  is_int(notes_with(r, "match-budget", &msg), 1, "200 elements: one match-budget note");
  has_str(msg,
          "big.js: rule t.r: pattern matching stopped at the step budget (200000 node comparisons)",
          "... naming the file, the rule and the budget");
  has_str(msg, "matches may be missing", "... and what it means");
  pv_result_delete(r);
  r = run(rs, "small.js", numbers(10), 0);
  is_int(notes_with(r, "match-budget", &msg), 0, "10 elements: no note (twin)");
  pv_result_delete(r);
  pv_ruleset_delete(rs);

  rs = load(HEAD "    pattern: '[..., 5, ..., 7]'\n", &err);
  if (!ok(rs != NULL, "an ordinary pattern rule loads (%s)", err.msg))
    return;
  r = run(rs, "a.js", "x = [1, 2, 3, 4, 5, 6, 7];\n", 0);
  is_int((long long)r->findings.len, 1, "the default pattern_steps: the match is found");
  is_int(notes_with(r, "match-budget", &msg), 0, "... and no note");
  pv_result_delete(r);
  pv_limits lim = pv_limits_default();
  lim.pattern_steps = 5;
  r = run_lim(rs, "a.js", "x = [1, 2, 3, 4, 5, 6, 7];\n", 0, lim);
  is_int((long long)r->findings.len, 0, "pattern_steps 5: the match is missing");
  is_int(notes_with(r, "match-budget", &msg), 1, "... and a note says so");
  has_str(msg, "(5 node comparisons)", "... with the budget given");
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

/* A formula's pattern-regex past its matches per file tells it (match-limit). */
static void test_formula_regex_limit(void) {
  pv_error err = {0};
  const char *msg;
  char src[1600] = "f(\"";
  memset(src + 3, 'x', 1500);
  memcpy(src + 1503, "\");\n", 5);
  pv_ruleset *rs =
      load(HEAD "    patterns:\n      - pattern-regex: x\n      - pattern-inside: f(...)\n", &err);
  if (!ok(rs != NULL, "a pattern-regex inside f(...) loads (%s)", err.msg))
    return;
  pv_result *r = run(rs, "a.js", src, 0);
  is_int((long long)r->findings.len, PV_FORMULA_REGEX_MAX, "1500 matches: 1000 are kept");
  is_int(notes_with(r, "match-limit", &msg), 1, "... and one match-limit note");
  has_str(msg, "a.js: rule t.r: a regex stopped at its limit of matches per file",
          "... naming the file, the rule and the limit");
  pv_result_delete(r);
  r = run(rs, "a.js", "f(\"xxxxxxxxxx\");\n", 0);
  is_int((long long)r->findings.len, 10, "10 matches: all kept");
  is_int(notes_with(r, "match-limit", &msg), 0, "... and no note (twin)");
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

/* pv_limits.taint_steps: a taint rule that interprets more expressions in
 * a file stops there and says so. */
static void test_taint_steps(void) {
  pv_error err = {0};
  const char *msg;
  const char *src = "const cp = require('child_process');\ncp.exec(req.query.a);\n";
  pv_ruleset *rs = load(
      "rules:\n  - id: t.t\n    message: m\n    severity: high\n"
      "    languages: [javascript]\n    mode: taint\n"
      "    pattern-sources:\n      - pattern: req.query\n"
      "    pattern-sinks:\n      - pattern: require('child_process').exec(...)\n",
      &err);
  if (!ok(rs != NULL, "a taint rule loads (%s)", err.msg))
    return;
  is_int(pv_limits_default().taint_steps, 4000000,
         "the default taint_steps: 4,000,000 expressions");
  pv_result *r = run(rs, "a.js", src, 0);
  is_int((long long)r->findings.len, 1, "the default taint_steps: the flow is found");
  is_int(notes_with(r, "analysis-incomplete", &msg), 0, "... and no note");
  pv_result_delete(r);
  pv_limits lim = pv_limits_default();
  lim.taint_steps = 2;
  r = run_lim(rs, "a.js", src, 0, lim);
  is_int((long long)r->findings.len, 0, "taint_steps 2: the flow is missing");
  is_int(notes_with(r, "analysis-incomplete", &msg), 1, "... and a note says so");
  has_str(msg,
          "a.js: taint rule t.t: analysis incomplete in the top level (the step budget (2 "
          "expressions))",
          "... naming the file, the rule, where and the budget");
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

/* Taint items with the same formula share a number, whatever their rule
 * and kind (each is evaluated once per file); the findings stay each
 * rule's own. */
static void test_taint_shared_items(void) {
  pv_error err = {0};
  pv_ruleset *rs = load(
      "rules:\n  - id: t.a\n    message: a\n    severity: high\n"
      "    languages: [javascript]\n    mode: taint\n"
      "    pattern-sources:\n      - pattern: req.query\n      - pattern: process.env\n"
      "    pattern-sinks:\n      - pattern: exec(...)\n"
      "  - id: t.b\n    message: b\n    severity: high\n"
      "    languages: [javascript]\n    mode: taint\n"
      "    pattern-sources:\n      - pattern: req.query\n"
      "      - patterns:\n          - pattern: process.env\n"
      "          - pattern-inside: function f() { ... }\n"
      "    pattern-sinks:\n      - pattern: eval(...)\n"
      "    pattern-sanitizers:\n      - pattern: exec(...)\n",
      &err);
  if (!ok(rs != NULL && rs->n == 2, "two taint rules load (%s)", err.msg))
    return;
  const pv_taint_spec *a = rs->rules[0]->taint, *b = rs->rules[1]->taint;
  is_int(a->items[PV_TI_SOURCE][0].fid, b->items[PV_TI_SOURCE][0].fid,
         "the same source in two rules: one number");
  ok(a->items[PV_TI_SOURCE][1].fid != b->items[PV_TI_SOURCE][1].fid,
     "process.env alone and inside f: two numbers (twin)");
  is_int(a->items[PV_TI_SINK][0].fid, b->items[PV_TI_SANITIZER][0].fid,
         "one rule's sink, the other's sanitizer: one number");
  ok(a->items[PV_TI_SINK][0].fid != b->items[PV_TI_SINK][0].fid,
     "exec(...) and eval(...): two numbers (twin)");
  pv_result *r = run(rs, "a.js", "exec(req.query.a);\neval(req.query.b);\n", 0);
  is_int((long long)r->findings.len, 2, "a shared source: a flow for each rule");
  const pv_finding *f0 = nth(r, 0), *f1 = nth(r, 1);
  if (f0 && f1) {
    is_str(f0->rule->id, "t.a", "... t.a's");
    is_int(f0->start.line, 1, "... at its own sink");
    is_str(f1->rule->id, "t.b", "... t.b's");
    is_int(f1->start.line, 2, "... at its own sink");
  }
  pv_result_delete(r);
  r = run(rs, "a.js", "eval(exec(req.query.b));\n", 0);
  is_int((long long)r->findings.len, 1, "exec: t.a's sink, t.b's sanitizer: one flow (twin)");
  if (nth(r, 0))
    is_str(nth(r, 0)->rule->id, "t.a", "... t.a's");
  pv_result_delete(r);
  pv_ruleset_delete(rs);
}

/* pv_limits.yaml_depth caps the nesting of a rule file (a load error). */
static void test_yaml_depth(void) {
  pv_error err = {0};
  pv_limits lim = pv_limits_default();
  is_int(lim.yaml_depth, 32, "the default yaml_depth: 32 levels");
  lim.yaml_depth = 3; /* rules: [ {languages: [...]} ] is 4 deep */
  pv_ruleset *rs = pv_ruleset_new();
  is_int(pv_ruleset_load(rs, rule_file(HEAD "    pattern-regex: a\n"), &lim, &err), PV_FAILED,
         "yaml_depth 3: a rule file 4 levels deep is refused");
  has_str(err.msg, "nested deeper than 3 levels", "... saying how deep it may be");
  pv_ruleset_delete(rs);
  rs = load(HEAD "    pattern-regex: a\n", &err);
  ok(rs != NULL, "the default yaml_depth: it loads (twin)");
  pv_ruleset_delete(rs);
}

/* Text loaded as a rule file compiled for languages langs, its regexes
 * JIT-compiled or not: the ruleset, or NULL with err filled. */
static pv_ruleset *load_for(const char *text, unsigned langs, int jit, pv_error *err) {
  pv_limits lim = pv_limits_default();
  pv_ruleset *rs = pv_ruleset_new();
  pv_ruleset_set_langs(rs, langs);
  pv_ruleset_set_jit(rs, jit);
  if (pv_ruleset_load(rs, rule_file(text), &lim, err) != PV_OK) {
    pv_ruleset_delete(rs);
    return NULL;
  }
  return rs;
}

/* The findings of rs on one file as "rule@line:col" words. */
static void hits(const pv_ruleset *rs, const char *path, const char *src, char *out, size_t n) {
  pv_result *r = run(rs, path, src, 0);
  size_t len = 0;
  out[0] = '\0';
  for (size_t i = 0; i < r->findings.len && len < n; i++) {
    const pv_finding *f = nth(r, i);
    len += (size_t)snprintf(out + len, n - len, "%s%s@%u:%u", i ? " " : "", pv_finding_rule_id(f),
                            f->start.line, f->start.col);
  }
  pv_result_delete(r);
}

/* pv_ruleset_set_langs: patterns compiled (and checked) only for the
 * languages asked; pv_ruleset_set_jit: the interpreter finds what JIT
 * code finds. */
static void test_langs(void) {
  const char *jsx =
      "rules:\n  - id: t.jsx\n    message: m\n    severity: high\n"
      "    languages: [javascript, typescript]\n    pattern: <a href={$X}>...</a>\n";
  pv_error err = {0};
  pv_ruleset *all = load_for(jsx, PV_LANG_ALL_BITS, 1, &err);
  ok(all != NULL, "a JSX pattern for typescript too loads for every language (tsx takes it: %s)",
     err.msg);
  const char *bad =
      "rules:\n  - id: t.bad\n    message: m\n    severity: high\n"
      "    languages: [javascript, typescript]\n    pattern: 'f(('\n";
  pv_ruleset *none = load_for(bad, PV_LANG_ALL_BITS, 1, &err);
  ok(none == NULL, "... its twin no grammar takes is refused");
  has_str(err.msg, "does not parse as javascript", "... naming the first language tried");
  const char *typed =
      "rules:\n  - id: t.typed\n    message: m\n    severity: high\n"
      "    languages: [javascript, typescript]\n    pattern: 'g($X as string)'\n"
      "  - id: t.iface\n    message: m\n    severity: high\n"
      "    languages: [javascript, typescript]\n    pattern: 'interface $I { pw: string }'\n";
  pv_ruleset *tjs = load_for(typed, PV_LANG_BIT(PV_LANG_JS), 1, &err);
  if (ok(tjs != NULL, "TypeScript-only patterns load when compiled for javascript alone (%s)",
         err.msg)) {
    char got[256];
    hits(tjs, "a.js", "g(v);\nh(v);\n", got, sizeof got);
    is_str(got, "t.typed@1:1", "... the cast's pattern matches javascript without its type");
  }
  pv_ruleset_delete(tjs);
  pv_ruleset_delete(none);
  pv_ruleset *js = load_for(jsx, PV_LANG_BIT(PV_LANG_JS), 1, &err);
  if (!ok(js != NULL, "the same rule compiled for javascript only loads (%s)", err.msg))
    return;
  is_int((long long)pv_ruleset_langs(js), (long long)PV_LANG_BIT(PV_LANG_JS),
         "pv_ruleset_langs: what was asked");
  char got[512];
  hits(js, "a.jsx", "const l = <a href={u}>x</a>;\nconst k = <b href={u}>x</b>;\n", got,
       sizeof got);
  is_str(got, "t.jsx@1:11", "javascript's pattern matches on a .jsx file, its <b> twin does not");
  pv_ruleset_delete(js);
  pv_ruleset_delete(all);
  const char *re =
      "rules:\n  - id: t.re\n    message: m\n    severity: high\n"
      "    languages: [javascript]\n    pattern-regex: 'tok_[0-9]+(?!x)'\n"
      "  - id: t.mv\n    message: m\n    severity: high\n"
      "    languages: [javascript]\n    patterns:\n      - pattern: f($A)\n"
      "      - metavariable-regex:\n          metavariable: $A\n"
      "          regex: '^k[0-9]+$'\n";
  const char *src = "tok_12; tok_3x; f(k1); f(q1);\n";
  pv_ruleset *with = load_for(re, PV_LANG_ALL_BITS, 1, &err);
  pv_ruleset *without = load_for(re, PV_LANG_ALL_BITS, 0, &err);
  if (!ok(with != NULL && without != NULL, "regex rules load with and without JIT (%s)", err.msg))
    return;
  char want[512];
  hits(with, "a.js", src, want, sizeof want);
  hits(without, "a.js", src, got, sizeof got);
  is_str(want, "t.re@1:1 t.mv@1:17", "with JIT: tok_12 and f(k1), not tok_3x nor f(q1)");
  is_str(got, want, "without JIT: the same hits");
  pv_ruleset_delete(with);
  pv_ruleset_delete(without);
}

/* Snippets starting with '{': an object literal (compiled as an
 * expression first), and statements after a block (not an object: the
 * usual order). */
static void test_brace_patterns(void) {
  const char *obj =
      "rules:\n  - id: t.obj\n    message: m\n    severity: high\n"
      "    languages: [javascript, typescript]\n"
      "    pattern: \"{..., type: 'module', ...}\"\n";
  const char *seq =
      "rules:\n  - id: t.seq\n    message: m\n    severity: high\n"
      "    languages: [javascript, typescript]\n    pattern: |\n"
      "      { a(); }\n      b($X);\n";
  pv_error err = {0};
  pv_ruleset *o = load_for(obj, PV_LANG_ALL_BITS, 1, &err);
  pv_ruleset *q = load_for(seq, PV_LANG_ALL_BITS, 1, &err);
  if (!ok(o != NULL && q != NULL, "object and block-then-statement patterns load (%s)", err.msg))
    return;
  char got[512];
  hits(o, "a.ts", "f({x: 1, type: 'module'});\nf({type: 'script'});\n", got, sizeof got);
  is_str(got, "t.obj@1:3", "the object pattern: its object, not the other type's");
  hits(q, "a.js", "{ a(); }\nb(1);\n{ c(); }\nb(2);\n", got, sizeof got);
  is_str(got, "t.seq@1:1", "statements after a block: after a(), not after c()");
  pv_ruleset_delete(o);
  pv_ruleset_delete(q);
}

int main(void) {
  if (mkdtemp(dir) == NULL)
    return 1;
  test_loader();
  test_regex();
  test_query();
  test_findings_limit();
  test_patterns();
  test_pattern_budget();
  test_formula_regex_limit();
  test_yaml_depth();
  test_taint_steps();
  test_taint_shared_items();
  test_langs();
  test_brace_patterns();
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    ok(0, "cleanup");
  return tap_done();
}
