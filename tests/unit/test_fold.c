/* test_fold.c — constant strings of JavaScript expressions (fold.h): each
 * string trick folds to the text it hides, and what is not constant, or
 * past a bound, does not fold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/rules/fold.h"
#include "tap.h"

/* The fold of the last line of src (the text after the last '\n'), as a
 * NUL-terminated string, or "<none>". */
static const char *fold_last(const char *src, uint32_t max_out) {
  static char out[8192];
  const char *nl = strrchr(src, '\n');
  uint32_t s = nl ? (uint32_t)(nl - src) + 1 : 0, n = (uint32_t)strlen(src);
  int32_t k = pv_fold((const unsigned char *)src, n, s, n, out, max_out);
  if (k < 0)
    return "<none>";
  out[k] = 0;
  return out;
}

static const char *fold(const char *src) {
  return fold_last(src, 4096);
}

static void test_literals(void) {
  is_str(fold("'plain'"), "plain", "single quotes");
  is_str(fold("\"a\\x62\\u0063\\u{64}\\145\""), "abcde", "hex, unicode, braces, octal escapes");
  is_str(fold("`tmpl`"), "tmpl", "template without substitutions");
  is_str(fold("`a${b}`"), "<none>", "a template with ${} is not constant");
  is_str(fold("'\\ud83d\\ude00'"), "\xf0\x9f\x98\x80",
         "surrogate pair escapes make one code point");
  is_str(fold("'a' +"), "<none>", "a dangling operator");
  is_str(fold("x\n'a' /* c */ + 'b'"), "ab", "comments between tokens");
  is_str(fold("'unterminated"), "<none>", "unterminated string");
}

static void test_tricks(void) {
  is_str(fold("'htt' + 'ps://' + \"x.invalid\""), "https://x.invalid", "concatenation");
  is_str(fold("'port:' + 80"), "port:80", "string plus number");
  is_str(fold("String.fromCharCode(104, 0x69, 0o41)"), "hi!", "fromCharCode, decimal hex octal");
  is_str(fold("String.fromCharCode.apply(null, [111, 107])"), "ok", "fromCharCode.apply");
  is_str(fold("String.fromCharCode(...[111, 107])"), "ok", "fromCharCode spread");
  is_str(fold("atob('aHR0cHM6Ly9leGFtcGxlLmNvbQ==')"), "https://example.com", "atob");
  is_str(fold("Buffer.from('ZXhhbXBsZS5jb20', 'base64').toString()"), "example.com",
         "Buffer.from base64 without padding, toString");
  is_str(fold("Buffer.from('6f6b', 'hex').toString('utf8')"), "ok", "Buffer.from hex");
  is_str(fold("new Buffer('b2s=', 'base64').toString()"), "ok", "new Buffer");
  is_str(fold("decodeURIComponent('%68%69')"), "hi", "percent decoding");
  is_str(fold("unescape('%u0068i')"), "hi", "unescape %%u");
  is_str(fold("['ex', 'ample', '.com'].join('')"), "example.com", "array join");
  is_str(fold("['a', 'b'].join()"), "a,b", "join default separator");
  is_str(fold("'moc.elpmaxe'.split('').reverse().join('')"), "example.com", "reversed string");
  is_str(fold("'a-b-c'.split('-').join('.')"), "a.b.c", "split and join (replace all)");
  is_str(fold("'ab'.concat('c', 'd')"), "abcd", "concat");
  is_str(fold("['x', 'y', 'z'][1]"), "y", "array index");
  is_str(fold("window.atob('b2s=')"), "ok", "a global's decoder");
  is_str(fold("(['a', 'b'].join('') as string)"), "ab", "a TypeScript cast");
  is_str(fold("'a' as"), "<none>", "a cast without a type");
  is_str(fold("atob(atob('YUhSMGNITTZMeTk0TG1sdWRtRnNhV1E9'))"), "https://x.invalid",
         "nested decoding");
  is_str(fold("atob(atob('YUhSMGNITTZMeTk0TG1sdWRtRnNhV1E9')).length"), "<none>",
         "an unknown member is not constant");
}

static void test_names(void) {
  is_str(fold("const h = 'x.inv' + 'alid';\nconst u = 'https://' + h;\nu + '/p'"),
         "https://x.invalid/p", "identifiers from const declarations, chained");
  is_str(fold("let k = [104, 105];\nString.fromCharCode(...k)"), "hi", "a declared array");
  is_str(fold("const a = 'old';\nconst a = 'new';\na"), "new", "the nearest declaration wins");
  is_str(fold("q\na"), "<none>", "an undeclared name");
  is_str(fold("const f = g('x');\nf"), "<none>", "a call of another function is not constant");
  is_str(fold("const a = b;\nconst b = a;\na"), "<none>", "a cycle of names does not fold");
  is_str(fold("if (a == 'x') {}\na"), "<none>", "a comparison is no declaration");
  is_str(fold("const a = 'child', b = '_pro',\n  c = 'cess';\na + b + c"), "child_process",
         "later declarators of one const list");
  is_str(fold("var x=f(1,2),y='ab';\ny"), "ab", "a minified var list past a call's commas");
  is_str(fold("function f(a, b = 'x') {}\nb"), "<none>", "a default parameter is no declaration");
  is_str(fold("g(a, b = 'x');\nb"), "<none>", "an assignment in call arguments is no declaration");
  is_str(fold("const a = 1; b = 'x';\nb"), "<none>", "an assignment after the list's ';'");
  is_str(fold("myconst = 1, b = 'x';\nb"), "<none>", "const only as a word of its own");
  is_str(fold("[104, 105].map((c) => String.fromCharCode(c)).join('')"), "hi",
         "map of an arrow returning String.fromCharCode");
  is_str(fold("[104, 105].map(String.fromCharCode).join('-')"), "h-i",
         "map(String.fromCharCode), read as each code's character alone");
  is_str(fold("[104].map(function (x) { return String.fromCharCode(x); }).join('')"), "h",
         "map of a function expression");
  is_str(fold("[104, 105].map((c) => String.fromCharCode(c + 1)).join('')"), "<none>",
         "map of any other callback does not fold");
}

static void test_bounds(void) {
  is_str(fold_last("'abcdef'", 4), "<none>", "a result over max_out does not fold");
  is_str(fold_last("'abcd'", 4), "abcd", "a result of exactly max_out folds");
  ok(pv_fold((const unsigned char *)"'a'", 3, 2, 1, NULL, 4) < 0, "s after e is refused");
  ok(pv_fold((const unsigned char *)"'a'", 3, 0, 9, NULL, 4) < 0, "e past the data is refused");
  /* nesting past FOLD_DEPTH_MAX */
  char deep[256] = "";
  for (int i = 0; i < 40; i++)
    strcat(deep, "("); /* style-ok: bounded test buffer */
  strcat(deep, "'x'"); /* style-ok */
  for (int i = 0; i < 40; i++)
    strcat(deep, ")"); /* style-ok */
  is_str(fold(deep), "<none>", "nesting past the depth budget does not fold");
  /* a long chain of declarations: past FOLD_LOOKUPS */
  char chain[4096] = "const v0 = 'x';\n";
  for (int i = 1; i < 20; i++) {
    size_t l = strlen(chain);
    snprintf(chain + l, sizeof chain - l, "const v%d = v%d;\n", i, i - 1);
  }
  strcat(chain, "v19"); /* style-ok */
  is_str(fold(chain), "<none>", "more names than the lookup budget do not fold");
  /* many array elements: past FOLD_ITEMS_MAX */
  size_t big = 5000 * 4 + 32;
  char *arr = malloc(big);
  if (ok(arr != NULL, "alloc")) {
    size_t l = 0;
    arr[l++] = '[';
    for (int i = 0; i < 5000; i++)
      l += (size_t)snprintf(arr + l, big - l, "%s'a'", i ? "," : "");
    snprintf(arr + l, big - l, "].join('')");
    is_str(fold(arr), "<none>", "more array elements than the item budget do not fold");
    free(arr);
  }
}

int main(void) {
  test_literals();
  test_tricks();
  test_names();
  test_bounds();
  return tap_done();
}
