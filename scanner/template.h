/* template.h — the unescaped output tags of server-side templates, and the
 * names of the template's data they read (the view side of taint across
 * the render boundary: render.h).
 *
 * Unescaped outputs (docs/rules.md, "Markup"):
 *   ejs:        <%- expr %> (closed by %>, -%> or _%>; <%% is a literal);
 *   handlebars: {{{ expr }}} and {{& expr }} (Mustache alike; \{{ is a
 *               literal);
 *   pug:        !{expr} interpolation, `tag!= expr` / `!= expr` code at
 *               the start of a line, and `tag(attr!=expr)` attributes
 *               (not a string literal);
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

/* Bytes read for the end of one alias's scope; farther: the file's end. */
enum { PV_TPL_SCOPE_BYTES = 1 << 20 };

/* One alias a view binds: the name [ns, ne) (an empty name: every name
 * read there, the context of a Handlebars block) stands for expression
 * [xs, xe) in bytes [from, to) of the file. */
typedef struct {
  uint32_t ns, ne, xs, xe, from, to;
} pv_tpl_alias;

typedef int (*pv_tpl_alias_fn)(void *ctx, const pv_tpl_alias *a);

/* Call fn on each simple alias of d[0..n) in language l, in file order, at
 * most max of them:
 *   ejs:        in scriptlets, `const|let|var x = expr`, `for (const x of
 *               expr)`, `expr.forEach(function (x)` / `((x)` / `(x =>`;
 *   pug:        the same on `- code` lines, and `each x in expr` /
 *               `for x in expr` lines (`each v, k in`: both names);
 *   nunjucks:   {% set x = expr %}, {% for x in expr %} ({% for k, v in %});
 *   handlebars: {{#with expr}} and {{#each expr}} to their {{/with}},
 *               {{/each}}: the block's context (an empty name), and the
 *               names of `as |a b|`.
 * Each holds in its scope: an EJS const/let to the `}` closing its block
 * (braces counted through the scriptlets), a loop name to the end of the
 * loop's body; a Pug loop name over its indented block, a code line's
 * const/let to the end of the block it is in; a Nunjucks for name to its
 * {% endfor %}, a set to the end of the for or macro around it; a `var`,
 * a top-level name, or a scope not closed within PV_TPL_SCOPE_BYTES: to
 * the end of the file. Returns the number seen (<= max), or -1 when fn
 * stopped. */
long pv_tpl_aliases(const unsigned char *d, size_t n, pv_lang l, size_t max, pv_tpl_alias_fn fn,
                    void *ctx);

/* Does expression d[s..e) of language l read the template's data field
 * `name` (len bytes): the name as a word, outside string literals, not a
 * property of something else (after a '.', but `locals.name`,
 * `this.name`, `@root.name` count), not a filter (after '|') nor a key
 * (before ':' or a single '=')? */
int pv_tpl_reads(const unsigned char *d, uint32_t s, uint32_t e, const char *name, size_t len);

#endif
