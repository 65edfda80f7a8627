/* test_template.c — the unescaped outputs of EJS, Handlebars, Pug and
 * Nunjucks templates, and the names they read (scanner/template.h). */
#include <stdarg.h>
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

/* Append one item to what c got, "|" before it unless first. */
static void add(outs *c, const char *fmt, ...) {
  size_t used = strlen(c->got);
  if (used > 0 && used + 1 < sizeof c->got)
    c->got[used++] = '|';
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->got + used, sizeof c->got - used, fmt, ap);
  va_end(ap);
}

static outs *start(outs *c, const char *src) {
  c->src = src;
  c->got[0] = '\0';
  return c;
}

static int collect(void *ctx, const pv_tpl_out *o) {
  outs *c = ctx;
  add(c, "%.*s", (int)(o->xe - o->xs), c->src + o->xs);
  return 0;
}

/* The expressions of src's unescaped outputs in language l. */
static const char *exprs(outs *c, pv_lang l, const char *src) {
  pv_tpl_unescaped((const unsigned char *)src, strlen(src), l, OUTS_MAX, collect, start(c, src));
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
  is_str(exprs(&c, PV_LANG_PUG,
               "a(href!=url, title!=\"t\" data-x!= f(a, b))!= c\na(href=u, x=(a!=b))\n"),
         "url|f(a, b)| c",
         "pug: attr!= expressions before the line's code; attr=, strings, != "
         "comparisons out");
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

static int collect_alias(void *ctx, const pv_tpl_alias *a) {
  outs *c = ctx;
  char to[16] = "end";
  if (a->to != strlen(c->src))
    snprintf(to, sizeof to, "%u", a->to);
  add(c, "%.*s=%.*s@%u-%s", (int)(a->ne - a->ns), c->src + a->ns, (int)(a->xe - a->xs),
      c->src + a->xs, a->from, to);
  return 0;
}

/* src's aliases in language l as "name=expr@from-to" ("end": the file's
 * end), "|" between. */
static const char *aliases(outs *c, pv_lang l, const char *src) {
  pv_tpl_aliases((const unsigned char *)src, strlen(src), l, OUTS_MAX, collect_alias,
                 start(c, src));
  return c->got;
}

static void test_aliases(void) {
  outs c;
  is_str(aliases(&c, PV_LANG_EJS, "<% const n = name %><%= m = q %><%# var z = q %>"),
         "n= name @18-end", "ejs: a scriptlet's const; output tags and comments bind nothing");
  is_str(aliases(&c, PV_LANG_EJS, "<% var x = locals.a, y = f(b, c); let s == t %>"),
         "x= locals.a@45-end|y= f(b, c)@45-end", "ejs: several declarators; == is no binding");
  is_str(aliases(&c, PV_LANG_EJS, "<% for (const i of items) { %><% a.b(c).forEach((x) => { %>"),
         "i= items@28-end|x=a.b(c)@57-end", "ejs: for...of and forEach's parameter");
  is_str(aliases(&c, PV_LANG_EJS, "<% let x = name"), "", "ejs: an open scriptlet binds nothing");
  is_str(aliases(&c, PV_LANG_PUG, "- var x = name\np var y = q\neach v, k in obj\n"),
         "x= name@14-end|v= obj@43-end|k= obj@43-end",
         "pug: - code lines and each; text lines bind nothing");
  is_str(aliases(&c, PV_LANG_NJK, "{% set x = name %}{{ set y = q }}{% for i in items %}"),
         "x= name @16-end|i= items @51-end", "nunjucks: set and for tags; outputs bind nothing");
  is_str(aliases(&c, PV_LANG_HBS, "{{#with user}}{{#with b}}{{/with}}a{{/with}}{{#if c}}{{/if}}"),
         "= user@14-35|= b@25-25",
         "handlebars: #with's context to its own {{/with}}; #if binds nothing");
  is_str(aliases(&c, PV_LANG_HBS, "{{#each items as |it i|}}x{{/each}}"),
         "= items@25-26|it= items@25-26|i= items@25-26", "handlebars: #each with block parameters");
  is_str(aliases(&c, PV_LANG_HTML, "<% var x = y %>"), "", "other languages: no aliases");
}

/* Block scope: where each alias stops holding. */
static void test_scopes(void) {
  outs c;
  is_str(aliases(&c, PV_LANG_EJS, "<% if (a) { const n = q; %>x<% } %>y<%- n %>"), "n= q@25-31",
         "ejs: a const holds to the } closing its block");
  is_str(aliases(&c, PV_LANG_EJS, "<% if (a) { var n = q; %>x<% } %>y<%- n %>"), "n= q@23-end",
         "ejs: a var is the function's: it holds to the end (twin)");
  is_str(aliases(&c, PV_LANG_EJS, "<% for (const i of xs) { %><%- i %><% } %><%- i %>"),
         "i= xs@25-38", "ejs: a for...of name holds over the loop's body only");
  is_str(aliases(&c, PV_LANG_EJS, "<% xs.forEach(function (i) { if ('}') { %>a<% } }) %>b"),
         "i=xs@40-48",
         "ejs: forEach's parameter over its body; braces in strings and text ignored");
  is_str(aliases(&c, PV_LANG_EJS, "<% { const n = q; %><%- '}' %>{ }<%# } %>"), "n= q@18-end",
         "ejs: braces in output tags, comments and text do not close the block (twin)");
  is_str(aliases(&c, PV_LANG_PUG, "div\n  each i in xs\n    p= i\n\n  p= i\n"), "i= xs@18-29",
         "pug: a loop name over its indented block (blank lines end nothing)");
  is_str(aliases(&c, PV_LANG_PUG, "div\n  if a\n    - const n = q\n    p= n\n  p= n\n"),
         "n= q@28-38", "pug: a code line's const to the end of the block it is in");
  is_str(aliases(&c, PV_LANG_PUG, "- const n = q\ndiv\n  p= n\n"), "n= q@13-end",
         "pug: a top-level name holds to the end (twin)");
  is_str(
      aliases(&c, PV_LANG_NJK, "{% for i in xs %}{% for j in i %}{% endfor %}{{ i }}{% endfor %}x"),
      "i= xs @15-52|j= i @31-33",
      "nunjucks: a for name to its own {%% endfor %%} (nested fors counted)");
  is_str(
      aliases(&c, PV_LANG_NJK,
              "{% for i in xs %}{% set n = q %}{% endfor %}{% if a %}{% set m = q %}{% endif %}"),
      "i= xs @15-32|n= q @30-32|m= q @67-end",
      "nunjucks: a set inside a for ends with it; inside an if it does not (twin)");
  is_str(aliases(&c, PV_LANG_NJK, "{% for i in xs %}{{ i }}"), "i= xs @15-end",
         "nunjucks: an unclosed for holds to the end");
}

int main(void) {
  test_outputs();
  test_reads();
  test_aliases();
  test_scopes();
  return tap_done();
}
