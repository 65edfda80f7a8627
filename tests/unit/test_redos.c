/* test_redos.c — the static ReDoS analyser (scanner/rules/redos.h):
 * catastrophic patterns found, their safe twins not, malformed and
 * hostile patterns refused within bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/rules/redos.h"
#include "tap.h"

enum { MAXB = 4096, MAXD = 64 };

static pv_redos_kind check(const char *p, unsigned flags) {
  return pv_redos_check(p, strlen(p), flags, MAXB, MAXD, NULL);
}

static void expect(const char *const *pats, unsigned flags, pv_redos_kind want, const char *what) {
  for (const char *const *p = pats; *p; p++) {
    pv_redos_kind k = check(*p, flags);
    char name[160];
    snprintf(name, sizeof name, "%s: /%s/ (%s)", what, *p, pv_redos_kind_name(k));
    ok(k == want, "%s", name);
  }
}

static void test_nested(void) {
  static const char *const pats[] = {"(a+)+$",        "(a*)*$",
                                     "^(a+)+$",       "(?:a+)+b",
                                     "(.*a){12}$",    "(.*a){10,}$",
                                     "(\\w+\\s?)*$",  "^(\\w+\\.?)+$",
                                     "(x+x+)+y",      "(a*b*)*c",
                                     "(a|b+)+$",      "(\\d+,?)*$",
                                     "(\\s+|,)+x",    "((a+))+$",
                                     "(?<n>a+)+$",    "(\\s*,\\s*)*$",
                                     "([a-z]+-?)*!",  "(?:[^/]+/?)*$",
                                     "(\\w+)*@",      "(a+)+?$",
                                     "(a+){2,}$",     "(?:é+)+$",
                                     "(\\p{L}+ ?)+$", "((ab)+)+$",
                                     "(a{1,5})+$",    NULL};
  expect(pats, 0, PV_REDOS_NESTED, "nested");
}

static void test_overlap(void) {
  static const char *const pats[] = {
      "(a|a)*$",       "(\\w|\\d)+$", "(.|\\s)*$", "(\\\\.|[^\"])*\"", "(ab|a.)*c", "(\\w|_)+$",
      "(?:x|[a-z])+$", "(a|b|a)+$",   "((a|a))+$", "(\\d|[0-5])*$",    NULL};
  expect(pats, 0, PV_REDOS_OVERLAP, "overlap");
}

static void test_safe(void) {
  static const char *const pats[] = {"a+",
                                     "(ab+)+",
                                     "(a+b)+",
                                     "(?:[a-z]+\\.)+[a-z]+",
                                     "[a-z]+(?:-[a-z]+)*",
                                     "(\\w+)(\\.\\w+)*",
                                     "\\s*(,\\s*)*",
                                     "(a|b)*c",
                                     "(a|ab)*",
                                     "\"(\\\\.|[^\"\\\\])*\"",
                                     "(.|\\n)*",
                                     "(\\d+\\.){3}\\d+",
                                     "(a+){2}",
                                     "(a+){1,9}",
                                     "(?:\\r?\\n)+",
                                     "^\\d{1,3}(\\.\\d{1,3}){3}$",
                                     "^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$",
                                     "(?=a+)+b",
                                     "x*y*z*",
                                     "(a{1,5}b)+",
                                     "[(a+)+]",
                                     "\\(a+\\)+",
                                     "(\\d{2})+",
                                     "",
                                     "a{,5}",
                                     "[^]*",
                                     NULL};
  expect(pats, 0, PV_REDOS_SAFE, "safe");
  ok(check("(.|\\n)*$", PV_REDOS_DOTALL) == PV_REDOS_OVERLAP, "s flag: . also matches \\n");
  ok(check("(a|A)+", 0) == PV_REDOS_SAFE, "case matters without i");
  ok(check("(a|A)+$", PV_REDOS_ICASE) == PV_REDOS_OVERLAP, "i flag folds case");
  ok(check("([a-c]|[[x]])+", PV_REDOS_SETS) == PV_REDOS_SAFE, "v flag: nested class");
  ok(check("([a-c]|[[b]])+$", PV_REDOS_SETS) == PV_REDOS_OVERLAP, "v flag: nested class overlap");
}

static void test_malformed(void) {
  static const char *const pats[] = {"(a+",    "a+)",   "*a",      "a**",   "[a-",        "(?<name",
                                     "(?x:a)", "\\",    "\\u{110", "[z-a]", "(?<n>a|(b)", "+",
                                     "a|*",    "\\k<n", "(?",      "a?+",   NULL};
  expect(pats, 0, PV_REDOS_UNKNOWN, "malformed");
  static const char *const upats[] = {"a{", "a}", "]", "[\\w-z]", NULL};
  expect(upats, PV_REDOS_UNICODE, PV_REDOS_UNKNOWN, "malformed with u");
  ok(check("a{", 0) == PV_REDOS_SAFE, "without u a lone { is a literal");
  ok(check("[\\w-z]", 0) == PV_REDOS_SAFE, "without u [\\w-z] is a class of three");
}

static void test_limits(void) {
  uint32_t at = 99;
  ok(pv_redos_check("x(a+)+$", 7, 0, MAXB, MAXD, &at) == PV_REDOS_NESTED && at == 1,
     "the repeated group's offset is reported");
  ok(pv_redos_check("(a+)+$", 6, 0, 4, MAXD, NULL) == PV_REDOS_UNKNOWN, "too long: not analysed");
  ok(check("(a+)+", 0) == PV_REDOS_SAFE, "nothing after the repetition: a match cannot fail there");
  ok(check("x((a+)+)|y", 0) == PV_REDOS_SAFE, "... nor before a closing group and '|'");
  ok(check("((a+)+)*$", 0) == PV_REDOS_NESTED, "... a quantified group after it can fail");
  ok(check("^(র|সো|ম|বু|বৃ|শু|শ)+$", 0) == PV_REDOS_SAFE, "distinct non-ASCII letters do not overlap");
  ok(check("^(র|র)+$", 0) == PV_REDOS_OVERLAP, "the same non-ASCII letter does");
  /* deep nesting stops at max_depth, not at the stack */
  size_t n = 200000;
  char *deep = malloc(2 * n + 3);
  memset(deep, '(', n);
  memset(deep + n, ')', n);
  memcpy(deep + 2 * n, "+", 2);
  ok(pv_redos_check(deep, 2 * n + 1, 0, UINT32_MAX, MAXD, NULL) == PV_REDOS_UNKNOWN,
     "200000 nested groups: not analysed, no crash");
  memset(deep, '[', 2 * n);
  ok(pv_redos_check(deep, 2 * n, PV_REDOS_SETS, UINT32_MAX, MAXD, NULL) == PV_REDOS_UNKNOWN,
     "200000 nested classes (v): not analysed");
  /* a huge alternation is linear in time: every branch compared with at most ALT_MAX others */
  size_t k = 100000;
  char *alt = malloc(4 * k + 8);
  size_t o = 0;
  alt[o++] = '(';
  for (size_t i = 0; i < k; i++) {
    alt[o++] = (char)('a' + i % 2 * 0);
    alt[o++] = (char)('0' + i % 10);
    alt[o++] = '|';
  }
  memcpy(alt + o - 1, ")*$", 4);
  ok(pv_redos_check(alt, o + 2, 0, UINT32_MAX, MAXD, NULL) == PV_REDOS_OVERLAP,
     "100000 alternatives: analysed (a0|a1|...|a0...) overlap");
  free(alt);
  free(deep);
  /* random bytes never crash */
  srand(7);
  char buf[64];
  int all_ok = 1;
  for (int i = 0; i < 20000; i++) {
    size_t len = (size_t)(rand() % 63);
    for (size_t j = 0; j < len; j++)
      buf[j] = "()[]{}|*+?\\^$.,-0123456789abcdwsWSDbBkpu<>=!:?'\"\xc3\xa9"[rand() % 50];
    pv_redos_kind r = pv_redos_check(buf, len, (unsigned)(rand() % 16), MAXB, 8, NULL);
    all_ok &= r <= PV_REDOS_UNKNOWN;
  }
  ok(all_ok, "20000 random patterns: a verdict each");
}

static pv_redos_kind js(const char *src, uint32_t s, uint32_t e) {
  if (e == 0)
    e = (uint32_t)strlen(src);
  return pv_redos_check_js((const unsigned char *)src, strlen(src), s, e, MAXB, MAXD, NULL);
}

static void test_js(void) {
  ok(js("/(a+)+$/", 1, 7) == PV_REDOS_NESTED, "regex literal body");
  ok(js("/(a|A)+$/i", 1, 8) == PV_REDOS_OVERLAP, "regex literal flags read after the slash");
  ok(js("/(a|A)+$/g", 1, 8) == PV_REDOS_SAFE, "other flags change nothing");
  ok(js("'(a+)+$'", 0, 0) == PV_REDOS_NESTED, "single-quoted string");
  ok(js("\"(\\\\w+\\\\s?)*$\"", 0, 0) == PV_REDOS_NESTED, "escaped backslashes decoded");
  ok(js("'(\\d+,)*$'", 0, 0) == PV_REDOS_SAFE, "'\\d' in a string is plain d");
  ok(js("'(\\\\d+,?)*$'", 0, 0) == PV_REDOS_NESTED, "'\\\\d' in a string is \\d");
  ok(js("`(a+)+$`", 0, 0) == PV_REDOS_NESTED, "template without substitutions");
  ok(js("`(${x}+)+`", 0, 0) == PV_REDOS_UNKNOWN, "template with ${}: not a constant");
  ok(js("'(\\x61+)+$'", 0, 0) == PV_REDOS_NESTED, "\\x escapes decoded");
  ok(js("'(\\u0061|a)+$'", 0, 0) == PV_REDOS_OVERLAP, "\\u escapes decoded");
  ok(js("'(\\u{61}|a)+$'", 0, 0) == PV_REDOS_OVERLAP, "\\u{} escapes decoded");
  ok(js("'(\\u{61|a)+'", 0, 0) == PV_REDOS_UNKNOWN, "a broken escape: not analysed");
  ok(js("x", 0, 1) == PV_REDOS_UNKNOWN, "an identifier: not analysed");
  ok(js("\"^(\" + a + \")+$\"", 0, 0) == PV_REDOS_UNKNOWN, "a concatenation: not one literal");
  ok(js("'", 0, 1) == PV_REDOS_UNKNOWN, "a lone quote: not analysed");
  ok(js("'abc'", 3, 9) == PV_REDOS_UNKNOWN, "a range past the end: not analysed");
}

int main(void) {
  test_nested();
  test_overlap();
  test_safe();
  test_malformed();
  test_limits();
  test_js();
  return tap_done();
}
