/* template.h — the unescaped output tags of server-side templates, and the
 * names of the template's data they read (the view side of taint across
 * the render boundary: render.h).
 *
 * Unescaped outputs (docs/rules.md, "Markup"):
 *   ejs:        <%- expr %> (closed by %>, -%> or _%>; <%% is a literal);
 *   handlebars: {{{ expr }}} and {{& expr }} (Mustache alike; \{{ is a
 *               literal);
 *   pug:        !{expr} interpolation, and `tag!= expr` / `!= expr` code
 *               at the start of a line;
 *   nunjucks:   {{ expr | safe }}, and every {{ expr }} between
 *               {% autoescape false %} and {% endautoescape %}.
 * A tag left open ends the scan of the file.
 *
 * Ownership: nothing is kept; ranges are bytes of the file passed in. */
#ifndef PV_TEMPLATE_H
#define PV_TEMPLATE_H

#include "model.h"

/* One unescaped output: the tag [s, e) and its expression [xs, xe). */
typedef struct {
  uint32_t s, e, xs, xe;
} pv_tpl_out;

/* Called per unescaped output in file order; non-zero stops the walk. */
typedef int (*pv_tpl_fn)(void *ctx, const pv_tpl_out *o);

/* Call fn on each unescaped output of d[0..n) in language l (ejs,
 * handlebars, pug, nunjucks; other languages have none), at most max of
 * them. Returns the number of outputs seen (<= max), or -1 when fn
 * stopped the walk. */
long pv_tpl_unescaped(const unsigned char *d, size_t n, pv_lang l, size_t max, pv_tpl_fn fn,
                      void *ctx);

/* Does expression d[s..e) of language l read the template's data field
 * `name` (len bytes): the name as a word, outside string literals, not a
 * property of something else (after a '.', but `locals.name`,
 * `this.name`, `@root.name` count), not a filter (after '|') nor a key
 * (before ':' or a single '=')? */
int pv_tpl_reads(const unsigned char *d, uint32_t s, uint32_t e, const char *name, size_t len);

#endif
