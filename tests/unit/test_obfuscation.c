/* test_obfuscation.c — obfuscated vs minified (obfuscation.h): each mark at
 * its threshold and just under it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/obfuscation.h"
#include "tap.h"

static const char *verdict(const char *src) {
  static char buf[160];
  pv_obf_measure m;
  pv_obf_measure_js((const unsigned char *)src, strlen(src), &m);
  const char *v = pv_obf_verdict(&m, buf, sizeof buf);
  return v ? v : "<none>";
}

/* n names, the first k of them `_0x` names. */
static const char *names(char *out, size_t cap, int n, int k) {
  size_t l = 0;
  for (int i = 0; i < n && l + 32 < cap; i++)
    l += (size_t)snprintf(out + l, cap - l, i < k ? "_0x%04x=1;" : "a%d=1;", i);
  return out;
}

int main(void) {
  static char buf[1 << 16];
  ok(strstr(verdict(names(buf, sizeof buf, 25, 5)), "_0x...: 5 of 25") != NULL,
     "5 _0x names in 25 identifiers: %s", verdict(buf));
  is_str(verdict(names(buf, sizeof buf, 25, 4)), "<none>", "4 _0x names: too few");
  is_str(verdict(names(buf, sizeof buf, 200, 10)), "<none>", "10 of 200 identifiers: too rare");
  is_str(verdict("var _0x12=1,_0x1234567=2;"), "<none>", "only 4-6 hex digits count");
  ok(strstr(verdict("(function(a,b){while(!![]){try{var c=parseInt(a(1));a['push'](a['shift']());}"
                    "catch(e){}}}(x,1));"),
            "rotated") != NULL,
     "the rotation preamble");
  is_str(verdict("while(!![]){parseInt(x)}"), "<none>", "a while(!![]) alone is no rotation");
  ok(strstr(verdict("eval(function(p,a,c,k,e,d){return p}('x',1,1,[],0,{}))"), "packer") != NULL,
     "Dean Edwards' packer");
  memset(buf, 0, sizeof buf);
  for (int i = 0; i < 500; i++)
    buf[i] = "[]()!+"[i % 6];
  ok(strstr(verdict(buf), "JSFuck") != NULL, "500 []()!+ characters");
  buf[499] = 0;
  is_str(verdict(buf), "<none>", "499 are not enough");
  /* \x escapes: 100 escapes in strings, one per 20 bytes of code, and not */
  size_t l = 0;
  for (int i = 0; i < 100; i++)
    l += (size_t)snprintf(buf + l, sizeof buf - l, "f('\\x41\\x42');");
  ok(strstr(verdict(buf), "escapes") != NULL, "dense escapes: %s", verdict(buf));
  l = 0;
  for (int i = 0; i < 100; i++)
    l += (size_t)snprintf(buf + l, sizeof buf - l, "f('\\x41', someLongerName, another);");
  is_str(verdict(buf), "<none>", "sparse escapes");
  is_str(verdict("// _0x1234 _0x2345 _0x3456 _0x4567 _0x5678\nvar a=1;"), "<none>",
         "names in comments do not count");
  is_str(verdict("var s='_0x1234 _0x2345 _0x3456 _0x4567 _0x5678';"), "<none>",
         "names in strings do not count");
  is_str(verdict("!function(e,t){var n=e.a,r=t.b;for(var o=0;o<n;o++)r[o]=e[o]}(a,b);"), "<none>",
         "minified code");
  return tap_done();
}
