/* test_findings.c — GitHub line hashes (values derived by hand from the
 * rolling-hash formula), UTF-16 columns, fingerprints, suppression, dedupe
 * and sorting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/findings.h"
#include "../../scanner/suppress.h"
#include "tap.h"

static void hash_is(const char *text, uint32_t line, const char *want, const char *name) {
  char out[32];
  pv_line_hash((const unsigned char *)text, strlen(text), line, out);
  is_str(out, want, "%s", name);
}

/* Each value is sum(c_i * 37^(99-i)) mod 2^64 over the 100 UTF-16 units from
 * the line start (spaces/tabs skipped, CR/CRLF as LF, EOF = 65535, then
 * zeros): e.g. "a" -> 97*37^99 + 65535*37^98. */
static void test_line_hash(void) {
  hash_is("a", 1, "53b5d4aabe50d64:1", "one-char file");
  hash_is("a\nb\n", 1, "81b8d8db678b2bbe:1", "first of two lines");
  hash_is("a\nb\n", 2, "ade70578248be16f:1", "second of two lines");
  hash_is("a\r\nb", 1, "c74339777b6a2c60:1", "CRLF hashes as LF");
  hash_is("a\rb", 1, "c74339777b6a2c60:1", "lone CR hashes as LF");
  hash_is("a\nb", 1, "c74339777b6a2c60:1", "LF reference for the two above");
  hash_is("  \ta", 1, "53b5d4aabe50d64:1", "leading spaces and tabs are skipped");
  hash_is("b", 1, "8ee5a81e681643c1:1", "a different character changes the hash");
  char *long_line = malloc(160);
  memset(long_line, 'x', 150);
  strcpy(long_line + 150, "\ny\n"); /* style-ok: fixed test buffer */
  hash_is(long_line, 1, "52b56201ffb58620:1", "a 150-char line hashes its first 100 units");
  hash_is(long_line, 2, "c33be7e0cf7c3ca:1", "the line after a long line");
  free(long_line);
  hash_is("a\nb\n", 9, "", "a line past the end has no hash");
}

static void test_utf16(void) {
  const unsigned char *s = (const unsigned char *)"ab\n\xc3\xa9x\xf0\x9f\x98\x80y";
  size_t n = strlen((const char *)s);
  is_int(pv_utf16_col(s, n, 1), 2, "ASCII: byte 1 is column 2");
  is_int(pv_utf16_col(s, n, 3), 1, "start of line 2 is column 1");
  is_int(pv_utf16_col(s, n, 5), 2, "after a 2-byte char: one unit");
  is_int(pv_utf16_col(s, n, 6), 3, "after e-acute and x");
  is_int(pv_utf16_col(s, n, 10), 5, "an astral character counts two units");
  const unsigned char bad[] = {0xff, 0xfe, 'z'};
  is_int(pv_utf16_col(bad, 3, 2), 3, "invalid bytes count one unit each");
}

static void test_fingerprint(void) {
  char a[33], b[33], c[33], d[33];
  pv_fingerprint("r.x", "a.js", (const unsigned char *)"eval(x)", 7, 0, a);
  pv_fingerprint("r.x", "a.js", (const unsigned char *)"eval( x )", 9, 0, b);
  pv_fingerprint("r.x", "a.js", (const unsigned char *)"eval(y)", 7, 0, c);
  pv_fingerprint("r.x", "a.js", (const unsigned char *)"eval(x)", 7, 1, d);
  is_int((long long)strlen(a), 32, "fingerprint is 32 hex digits");
  ok(strcmp(a, b) != 0, "inner spacing is significant (only runs are folded)");
  ok(strcmp(a, c) != 0, "different matched text, different fingerprint");
  ok(strcmp(a, d) != 0, "occurrence index separates identical matches");
  pv_fingerprint("r.x", "a.js", (const unsigned char *)"eval(x)\n  ", 10, 0, b);
  is_str(b, a, "trailing whitespace is folded away");
}

/* pv_redact: the first characters of a secret and a SHA-256 prefix. */
static void test_redact(void) {
  char out[PV_REDACTED_MAX], hex[65];
  const char *key = "Hunter2IsMySuperSecretKey";
  pv_sha256_hex(key, strlen(key), hex);
  char want[64];
  snprintf(want, sizeof want, "Hunt...[sha256:%.8s]", hex);
  size_t n = pv_redact((const unsigned char *)key, strlen(key), out);
  is_str(out, want, "a long secret shows its first 4 characters and 8 hex digits of its hash");
  is_int((long long)n, (long long)strlen(want), "the length returned is the text's");
  pv_redact((const unsigned char *)"abcdefg", 7, out);
  ok(strncmp(out, "ab...[sha256:", 13) == 0, "a 7-byte secret shows only 2 characters (%s)", out);
  pv_redact((const unsigned char *)"ab", 2, out);
  ok(strncmp(out, "...[sha256:", 11) == 0, "a 2-byte secret shows none (%s)", out);
  pv_redact((const unsigned char *)"a b\ncdefghijkl", 14, out);
  ok(strncmp(out, "a...[sha256:", 12) == 0, "the prefix stops at a blank or control byte (%s)",
     out);
  char other[PV_REDACTED_MAX];
  pv_redact((const unsigned char *)"HuntXXXXXXXXXXXXXXXXXXXXX", 25, other);
  ok(strcmp(out, other) != 0 && strncmp(other, "Hunt...", 7) == 0,
     "two secrets with the same start differ by their hash");
}

/* pv_lines: line -> bytes from an index built once per file. */
static void test_lines(void) {
  const char *text = "a\nbc\n\nd";
  pv_file f = {.path = "x", .data = (const unsigned char *)text, .size = strlen(text)};
  pv_lines l = {0};
  size_t s = 99;
  size_t e = 99;
  is_int(pv_lines_index(&l, &f), PV_OK, "lines: index a file");
  is_int((long long)l.n, 4, "lines: three newlines, four lines");
  ok(pv_lines_span(&l, 2, &s, &e), "lines: line 2 is there");
  is_int((long long)s, 2, "lines: line 2 starts at byte 2");
  is_int((long long)e, 4, "lines: ... and ends before its newline");
  ok(pv_lines_span(&l, 3, &s, &e), "lines: an empty line is there");
  is_int((long long)(e - s), 0, "lines: ... and empty");
  ok(pv_lines_span(&l, 4, &s, &e), "lines: the last line, without a newline");
  is_int((long long)e, (long long)f.size, "lines: ... ends at the end of the file");
  ok(!pv_lines_span(&l, 5, &s, &e), "lines: twin: no line 5");
  ok(!pv_lines_span(&l, 0, &s, &e), "lines: twin: no line 0");
  pv_file g = {.path = "y", .data = (const unsigned char *)"z\n", .size = 2};
  is_int(pv_lines_index(&l, &g), PV_OK, "lines: the same index reused for another file");
  ok(l.file == &g, "lines: ... it says which");
  ok(pv_lines_span(&l, 2, &s, &e), "lines: after a final newline, an empty last line");
  ok(!pv_lines_span(&l, 3, &s, &e), "lines: twin: and nothing after it");
  pv_file none = {.path = "dir"};
  is_int(pv_lines_index(&l, &none), PV_OK, "lines: a file without data");
  ok(!pv_lines_span(&l, 1, &s, &e), "lines: ... has no line 1");
  pv_lines_free(&l);
}

static pv_rule_meta rule_a = {.id = "t.a", .severity = PV_SEV_HIGH};
static pv_rule_meta rule_b = {.id = "t.b", .severity = PV_SEV_LOW};

static void add(pv_result *r, pv_file *f, const pv_rule_meta *rule, const char *needle, int nth) {
  const char *src = (const char *)f->data, *p = src;
  for (int i = 0; i <= nth; i++)
    p = strstr(i ? p + 1 : p, needle);
  uint32_t byte = (uint32_t)(p - src), line = 1, col = 1;
  for (const char *q = src; q < p; q++) {
    if (*q == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  pv_finding fd = {.rule = rule,
                   .severity = rule->severity,
                   .message = "m",
                   .file = f,
                   .path = f->path,
                   .start = {line, col, byte},
                   .end = {line, col + (uint32_t)strlen(needle), byte + (uint32_t)strlen(needle)}};
  pv_result_add_finding(r, &fd, NULL);
}

static pv_finding *at(pv_result *r, size_t i) {
  return pv_result_finding(r, i);
}

static void test_finish(void) {
  pv_limits lim = pv_limits_default();
  const char *src =
      "eval(x);\n"
      "eval(x); // nosemgrep\n"
      "// plugvet-ignore: t.a\n"
      "eval(x);\n"
      "eval(x); // plugvet-ignore: t.b\n"
      "eval(x); // nosemgrep: t.zz, t.a\n";
  pv_result *r = pv_result_new("in");
  pv_file f = {.path = "a.js", .data = (const unsigned char *)src, .size = strlen(src)};
  pv_file *fp = pv_result_add_file(r, &f);
  for (int i = 4; i >= 0; i--)
    add(r, fp, &rule_a, "eval(x)", i);
  add(r, fp, &rule_b, "eval(x)", 0);
  add(r, fp, &rule_a, "eval(x)", 0); /* exact duplicate */
  is_int(pv_findings_finish(r, &lim), PV_OK, "finish succeeds");
  is_int((long long)r->findings.len, 6, "the exact duplicate is dropped");
  is_int(at(r, 0)->start.line, 1, "sorted by line: line 1 first");
  is_str(at(r, 0)->rule->id, "t.a", "sorted by line, then rule id: t.a");
  is_str(at(r, 1)->rule->id, "t.b", "sorted by line, then rule id: t.b");
  is_int(at(r, 2)->start.line, 2, "sorted by line: line 2 next");
  ok(!at(r, 0)->suppressed, "no comment: not suppressed");
  ok(at(r, 2)->suppressed, "bare nosemgrep suppresses");
  ok(at(r, 3)->suppressed, "plugvet-ignore on the line before suppresses");
  ok(!at(r, 4)->suppressed, "plugvet-ignore for another rule does not suppress");
  ok(at(r, 5)->suppressed, "nosemgrep with a list of ids suppresses a listed id");
  is_str(at(r, 0)->snippet, "eval(x);", "snippet is the source line");
  ok(strcmp(at(r, 0)->fingerprint, at(r, 2)->fingerprint) != 0,
     "identical matches get distinct fingerprints by occurrence");
  const char *want_rule[] = {"t.a", "t.b", "t.a", "t.a", "t.a", "t.a"};
  unsigned want_occ[] = {0, 0, 1, 2, 3, 4};
  for (size_t i = 0; i < 6; i++) {
    char want[33];
    pv_fingerprint(want_rule[i], "a.js", (const unsigned char *)"eval(x)", 7, want_occ[i], want);
    is_str(at(r, i)->fingerprint, want, "finding %zu: %s, occurrence %u", i, want_rule[i],
           want_occ[i]);
  }
  ok(strchr(at(r, 0)->line_hash, ':') != NULL, "line hash is filled");
  char first[33];
  memcpy(first, at(r, 0)->fingerprint, 33);
  pv_result_delete(r);

  /* The same code with lines added above keeps its fingerprint. */
  char *shifted = malloc(strlen(src) + 64);
  snprintf(shifted, strlen(src) + 64, "'use strict';\n\nconst z = 1;\n%s", src);
  r = pv_result_new("in");
  pv_file g = {.path = "a.js", .data = (const unsigned char *)shifted, .size = strlen(shifted)};
  fp = pv_result_add_file(r, &g);
  add(r, fp, &rule_a, "eval(x)", 0);
  pv_findings_finish(r, &lim);
  is_str(at(r, 0)->fingerprint, first, "fingerprint survives lines added above");
  is_int(at(r, 0)->start.line, 4, "while the line number moved");
  pv_result_delete(r);
  free(shifted);
}

/* Does a suppression comment in src (a file named path, of language lang)
 * cover rule t.a at line? */
static int sup_lang(const char *path, pv_lang lang, const char *src, uint32_t line) {
  pv_file f = {.path = path, .data = (const unsigned char *)src, .size = strlen(src), .lang = lang};
  pv_marks m = {0};
  int hit = pv_marks_scan(&m, &f) == PV_OK && pv_marks_suppress(&m, &f, line, "t.a");
  pv_marks_free(&m);
  return hit;
}

static int sup(const char *path, const char *src, uint32_t line) {
  return sup_lang(path, PV_LANG_NONE, src, line);
}

static void test_suppress(void) {
  ok(sup("a.js", "eval(x); /* nosemgrep */\n", 1), "a block comment on the line suppresses");
  ok(!sup("a.js", "eval(\"// nosemgrep\");\n", 1), "a marker in a string does not");
  ok(!sup("a.js", "eval('/* plugvet-ignore */');\n", 1), "nor in a single-quoted string");
  ok(sup("a.js", "eval('x'); // plugvet-ignore\n", 1), "after a string closes it does");
  ok(!sup("a.js", "eval(x); // plugvet-ignore-list\n", 1), "plugvet-ignore-list is no marker");
  ok(!sup("a.js", "eval(x); // xnosemgrep\n", 1), "nor xnosemgrep");
  ok(sup("a.js", "eval(x); // nosemgrep, reviewed\n", 1), "a marker followed by text is bare");
  ok(sup("a.js", "  // nosemgrep: t.a\neval(x);\n", 2), "alone on the line above suppresses");
  ok(!sup("a.js", "f(); // nosemgrep\neval(x);\n", 2), "after code on the line above: not");
  ok(!sup("a.js", "// nosemgrep\n\neval(x);\n", 3), "two lines above: not");
  ok(!sup("a.js", "/*\n * plugvet-ignore: t.b\n */ eval(x);\n", 3),
     "a block comment for another rule: not");
  ok(sup("a.js", "/* a\n plugvet-ignore: t.b, t.a */\neval(x);\n", 3),
     "the last line of a block comment alone above suppresses");
  ok(!sup("a.js", "const s = `\n// nosemgrep\n`; eval(x);\n", 3),
     "a marker in a template literal across lines does not");
  ok(sup("a.js", "const s = `\n`; eval(x); // nosemgrep\n", 2),
     "after the template closes it does");
  ok(!sup("a.js", "eval(x); // nosemgrep: t.ab, t\n", 1), "ids match whole");
  ok(sup("c.yaml", "run: eval $X # nosemgrep\n", 1), "# comments in YAML");
  ok(!sup("c.yaml", "run: 'a # nosemgrep'\n", 1), "not in a YAML string");
  ok(!sup("c.yaml", "run: a#nosemgrep\n", 1), "# starts a YAML comment only after a blank");
  ok(!sup("c.yaml", "run: curl http://x/nosemgrep | sh\n", 1), "// is no comment in YAML");
  ok(!sup("a.js", "eval(x); # nosemgrep\n", 1), "# is no comment in JavaScript");
  ok(sup_lang("v.ejs", PV_LANG_EJS, "<p><%- x %></p> <%# nosemgrep %>\n", 1),
     "<%%# %%> on the line in EJS");
  ok(sup_lang("a.html", PV_LANG_HTML, "<!-- nosemgrep -->\n<a href=x>\n", 2),
     "<!-- --> alone above in HTML");
  ok(!sup_lang("a.html", PV_LANG_HTML, "<p>x</p> <!-- nosemgrep -->\n<a href=x>\n", 2),
     "... not after markup on the line above");
  ok(sup_lang("a.html", PV_LANG_HTML, "<p>Use `a and don't\n<!-- nosemgrep -->\n<a>\n", 3),
     "quotes in markup text open no string");
  ok(!sup_lang("a.html", PV_LANG_HTML, "<a href=https://x/nosemgrep>\n", 1),
     "// in a URL is no comment in markup");
  ok(sup_lang("a.html", PV_LANG_HTML, "<script>\n  eval(x); // nosemgrep\n</script>\n", 2),
     "// after a blank in an inline script is");
  ok(!sup_lang("a.js", PV_LANG_JS, "<!-- nosemgrep -->\neval(x);\n", 2),
     "<!-- --> is no comment in JavaScript");
}

int main(void) {
  test_line_hash();
  test_utf16();
  test_fingerprint();
  test_redact();
  test_lines();
  test_finish();
  test_suppress();
  return tap_done();
}
