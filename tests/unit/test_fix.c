/* test_fix.c — rule fixes (scanner/fix.h): fix templates with
 * metavariables, fix-regex as Python's re.sub (groups, escapes, count,
 * empty matches), replacements checked at load, edits applied without
 * overlaps, and the unified diff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/fix.h"
#include "tap.h"

static pcre2_code *re_of(const char *src) {
  int code;
  PCRE2_SIZE off;
  return pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &off, NULL);
}

/* Bindings for the tests: X = "a", ...ARGS = "1, 2", 1 = "b" (bytes of D). */
static const char D[] = "f(a, 1, 2, b)";
static int look(void *ctx, const char *name, size_t len, size_t *s, size_t *e) {
  (void)ctx;
  if (len == 1 && name[0] == 'X') {
    *s = 2;
    *e = 3;
  } else if (len == 7 && memcmp(name, "...ARGS", 7) == 0) {
    *s = 5;
    *e = 9;
  } else if ((len == 1 && name[0] == '1') || (len == 2 && memcmp(name, "xs", 2) == 0)) {
    *s = 11;
    *e = 12;
  } else {
    return 0;
  }
  return 1;
}

/* fix-regex re / repl / count on the whole of text: the fix, or NULL. */
static const char *sub(pv_arena *a, const char *re, const char *repl, uint32_t count,
                       const char *text) {
  pcre2_code *code = re_of(re);
  pv_fix fx = {.re = code, .replacement = repl, .count = count};
  int oom = 0;
  const char *out = code ? pv_fix_make(&fx, a, (const unsigned char *)text, 0, strlen(text), look,
                                       NULL, 0, 0, 1000, &oom)
                         : NULL;
  pcre2_code_free(code);
  return out;
}

static const char *check(const char *re, const char *repl) {
  static char why[160];
  pcre2_code *code = re_of(re);
  int bad = pv_fix_check(code, repl, why, sizeof why);
  pcre2_code_free(code);
  return bad ? why : "ok";
}

static const char *text_fix(pv_arena *a, const char *tmpl, size_t sec_s, size_t sec_e, size_t max) {
  pv_fix fx = {.text = tmpl};
  int oom = 0;
  return pv_fix_make(&fx, a, (const unsigned char *)D, 0, sizeof D - 1, look, NULL, sec_s, sec_e,
                     max, &oom);
}

/* Apply edits (s, e, text) to d: the result, or "FAILED"; *ov overlaps. */
static char *apply(const char *d, pv_fix_edit *ed, size_t n, size_t *applied, size_t *ov) {
  pv_buf out;
  pv_buf_init(&out, 1 << 20);
  for (size_t i = 0; i < n; i++)
    ed[i].order = i;
  if (pv_fix_apply((const unsigned char *)d, strlen(d), ed, n, &out, applied, ov) != PV_OK) {
    pv_buf_free(&out);
    return strdup("FAILED");
  }
  char *s = strdup(out.data ? (char *)out.data : "");
  pv_buf_free(&out);
  return s;
}

int main(void) {
  pv_arena *a = pv_arena_new(1 << 20);
  /* fix: metavariables */
  is_str(text_fix(a, "g($X; $...ARGS; $1)", 0, 0, 100), "g(a; 1, 2; b)", "$X, $...ARGS, $1");
  is_str(text_fix(a, "$Xy $Y $ $$X x$", 0, 0, 100), "ay $Y $ $a x$",
         "$Xy is $X then y (Semgrep's names); unbound and bare $ stay as written");
  is_str(text_fix(a, "$xs $scope", 0, 0, 100), "b $scope",
         "a bound lowercase name (a query's capture)");
  is_str(text_fix(a, "", 0, 0, 100), "", "fix: \"\" deletes");
  ok(text_fix(a, "g($X)", 0, 0, 3) == NULL, "over max bytes: no fix");
  ok(text_fix(a, "g($X)", 0, 0, 4) != NULL, "... at max bytes: a fix");
  ok(text_fix(a, "g($X)", 2, 3, 100) == NULL, "a fix copying the secret: no fix");
  ok(text_fix(a, "g($1)", 2, 3, 100) != NULL, "... one that does not: a fix");
  /* fix-regex: Python's re.sub */
  is_str(sub(a, "x*", "-", 0, "abxd"), "-a-b--d-", "empty matches as Python 3.7");
  is_str(sub(a, "a", "b", 1, "aaa"), "baa", "count 1: the first occurrence");
  is_str(sub(a, "a", "b", 0, "aaa"), "bbb", "count 0: all");
  is_str(sub(a, "(.*)\\)", "\\1, t)", 0, "f(x)"), "f(x, t)", "the documented \\1 example");
  is_str(sub(a, "(?P<w>o+)", "<\\g<w>|\\g<1>>", 0, "foo"), "f<oo|oo>", "\\g<name>, \\g<1>");
  is_str(sub(a, "(a)|(b)", "[\\1\\2]", 0, "ab"), "[a][b]", "a group that took no part: empty");
  is_str(sub(a, "b", "\\n\\t\\\\\\&", 0, "b"), "\n\t\\\\&", "\\n \\t \\\\ escapes; \\& kept");
  is_str(sub(a, "^f", "g", 0, "ff"), "gf", "^ is the start of the matched text");
  is_str(sub(a, "é", "e", 0, "héé"), "hee", "UTF-8");
  ok(sub(a, "z", "y", 0, "abc") == NULL, "a regex that does not match: no fix");
  /* replacements checked at load */
  is_str(check("(a)", "\\1\\g<1>\\g<0>"), "ok", "groups that exist");
  is_str(check("(a)", "\\2"), "invalid group reference 2", "\\2 without a second group");
  is_str(check("(?P<n>a)", "\\g<m>"), "unknown group name 'm'", "an unknown group name");
  is_str(check("a", "\\q"), "bad escape \\q", "an unknown letter escape");
  is_str(check("a", "x\\"), "bad escape (end of replacement)", "a trailing backslash");
  is_str(check("a", "\\g1"), "\\g without <name>", "\\g without <>");
  /* applying */
  size_t applied, ov;
  char *r;
  pv_fix_edit e1[] = {{4, 5, "X", 0, 0}, {0, 3, "ABC", 0, 0}, {2, 4, "zz", 0, 0}};
  r = apply("abcdefg", e1, 3, &applied, &ov);
  is_str(r, "ABCdXfg", "sorted by position; one overlapping the first kept is skipped");
  is_int((int)applied, 2, "... two applied");
  is_int((int)ov, 1, "... one overlap");
  free(r);
  pv_fix_edit e2[] = {{0, 2, "X", 0, 0}, {2, 4, "Y", 0, 0}, {0, 2, "X", 0, 0}};
  r = apply("abcd", e2, 3, &applied, &ov);
  is_str(r, "XY", "touching edits both apply; the same edit twice once");
  is_int((int)ov, 0, "... and a repeat is no overlap");
  free(r);
  pv_fix_edit e3[] = {{1, 1, "X", 0, 0}, {1, 1, "Y", 0, 0}};
  r = apply("ab", e3, 2, &applied, &ov);
  is_str(r, "aXb", "two insertions at one place: the first");
  is_int((int)ov, 1, "... the other overlaps");
  free(r);
  pv_fix_edit e4[] = {{1, 9, "X", 0, 0}};
  r = apply("ab", e4, 1, &applied, &ov);
  is_str(r, "FAILED", "an edit past the end fails");
  free(r);
  /* the diff */
  const char *d = "one\ntwo\nthree";
  pv_fix_edit e5[] = {{4, 7, "TWO\n2", 0, 0}, {8, 13, "3\n4", 1, 0}};
  pv_buf out, diff;
  pv_buf_init(&out, 1000);
  pv_buf_init(&diff, 1000);
  if (pv_fix_apply((const unsigned char *)d, strlen(d), e5, 2, &out, &applied, &ov) == PV_OK)
    pv_fix_diff("x.js", (const unsigned char *)d, strlen(d), e5, 2, &diff);
  is_str(diff.data ? (char *)diff.data : "",
         "--- a/x.js\n+++ b/x.js\n@@ -2,1 +2,2 @@\n-two\n+TWO\n+2\n@@ -3,1 +4,2 @@\n-three\n"
         "\\ No newline at end of file\n+3\n+4\n\\ No newline at end of file\n",
         "hunks of whole lines, new line numbers shifted; no newline at end");
  pv_buf_free(&out);
  pv_buf_free(&diff);
  pv_arena_delete(a);
  return tap_done();
}
