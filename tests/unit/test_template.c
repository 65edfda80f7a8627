/* test_template.c — the unescaped outputs of EJS, Handlebars, Pug and
 * Nunjucks templates, and the names they read (scanner/template.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/template.h"
#include "tap.h"

enum { OUTS_MAX = 16 };

typedef struct {
  const char *src;
  char got[512]; /* the expressions found, "|" between */
} outs;

static int collect(void *ctx, const pv_tpl_out *o) {
  outs *c = ctx;
  size_t used = strlen(c->got);
  snprintf(c->got + used, sizeof c->got - used, "%s%.*s", used ? "|" : "", (int)(o->xe - o->xs),
           c->src + o->xs);
  return 0;
}

/* The expressions of src's unescaped outputs in language l. */
static const char *exprs(outs *c, pv_lang l, const char *src) {
  c->src = src;
  c->got[0] = '\0';
  pv_tpl_unescaped((const unsigned char *)src, strlen(src), l, OUTS_MAX, collect, c);
  return c->got;
}

static int reads(const char *expr, const char *name) {
  return pv_tpl_reads((const unsigned char *)expr, 0, (uint32_t)strlen(expr), name, strlen(name));
}

static void test_outputs(void) {
  outs c;
  is_str(exprs(&c, PV_LANG_EJS, "<%- a %><%= b %><%%- c %><%- d -%><% e %>"), " a | d ",
         "ejs: <%%- only; <%%= escaped, <%%%% literal, scriptlets out");
  is_str(exprs(&c, PV_LANG_EJS, "<%- a %><%- b"), " a ", "ejs: an open tag ends the scan");
  is_str(exprs(&c, PV_LANG_HBS, "{{{a}}} {{b}} {{& c}} \\{{{d}}} {{> p}}"), "a| c",
         "handlebars: {{{ }}} and {{& }}; {{ }}, \\{{ and partials out");
  is_str(exprs(&c, PV_LANG_HBS, "{{{a}}}{{{b"), "a", "handlebars: an open tag ends the scan");
  is_str(exprs(&c, PV_LANG_PUG, "p!= a\np= b\nspan x !{c} #{d}\n// !{e}\n  div.k(x='1')!= f\n"),
         " a|c| f", "pug: != lines and !{}; = and #{} escaped, // comments out");
  is_str(exprs(&c, PV_LANG_PUG, "p(a !{b\np!= c\n"), " c",
         "pug: an unclosed attribute list ends only its line");
  is_str(
      exprs(&c, PV_LANG_NJK,
            "{{ a | safe }}{{ b }}{% autoescape false %}{{ c }}{% endautoescape %}{{ d|safer }}"),
      " a | safe | c ", "nunjucks: | safe and autoescape false blocks; | safer is not safe");
  is_str(exprs(&c, PV_LANG_NJK, "{{ a | safe }}{{ b"), " a | safe ",
         "nunjucks: an open tag ends the scan");
  is_str(exprs(&c, PV_LANG_HTML, "<%- a %>{{{b}}}"), "", "other languages: no outputs");
  char *many = malloc(20 * 9 + 1);
  if (ok(many != NULL, "allocated")) {
    for (int i = 0; i < 20; i++)
      memcpy(many + i * 9, "<%- a %>\n", 9);
    many[180] = '\0';
    c.src = many;
    c.got[0] = '\0';
    is_int(pv_tpl_unescaped((const unsigned char *)many, 180, PV_LANG_EJS, OUTS_MAX, collect, &c),
           OUTS_MAX, "at most max outputs are read");
    free(many);
  }
}

static void test_reads(void) {
  ok(reads(" q ", "q"), "a bare name");
  ok(reads("q.trim()", "q"), "a name with a member");
  ok(reads("locals.q", "q") && reads("this.q", "q") && reads("@root.q", "q"),
     "locals., this., @root. are the data");
  ok(reads("a + q", "q") && reads("f(q)", "q"), "in an expression or call");
  ok(!reads("user.q", "q"), "a property of something else is not");
  ok(!reads("'q'", "q") && !reads("\"a q\"", "q"), "nor a string");
  ok(!reads("qq", "q") && !reads("aq", "q"), "nor a longer word");
  ok(!reads("x | q", "q"), "nor a filter");
  ok(!reads("helper q=1", "q") && reads("helper q==1", "q"), "nor a hash key (== compares)");
}

int main(void) {
  test_outputs();
  test_reads();
  return tap_done();
}
