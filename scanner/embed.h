/* embed.h — the code embedded in markup, parsed as JavaScript or TypeScript
 * with the markup file's own positions.
 *
 * What counts as embedded code (docs/rules.md, "Markup"):
 *   html, vue, svelte (tree-sitter-html tree): the body of every <script>
 *     whose type is absent, a JavaScript MIME type, "module" or "text/babel"
 *     (other types, e.g. application/ld+json or text/template, are data),
 *     in the language its lang attribute names (ts, tsx; else javascript);
 *     and the value of every on* event-handler attribute (onclick=...),
 *     HTML character references decoded;
 *   ejs (no grammar: EJS's own delimiters): the code of every scriptlet
 *     <% %> <%_ %> and output tag <%= %> <%- %> (not <%# comments %> or
 *     <%% literals).
 *
 * Each language of embedded code in a file becomes a view of it: a copy of
 * its bytes in which everything but that code is blank (spaces; newlines
 * kept) and a ';' separates one piece of code from the next. A view has the
 * file's size and line breaks, so its tree has the file's byte offsets,
 * lines and columns: every rule, the taint engine, the findings' places
 * and SARIF regions need no mapping. (tree-sitter's included ranges give
 * the same positions without a copy, but run adjacent pieces together —
 * `onclick="a()" onblur="b()"` lexes as `a()b()` — and cannot decode
 * character references.) An attribute value holding character references
 * is decoded in place, each reference padded with blanks to its own length
 * (outside the string a decoded quote opens or closes), so positions after
 * it are exact too.
 *
 * Ownership: views are malloc'd and freed inside pv_embed_each; f is
 * changed only during each call of fn. */
#ifndef PV_EMBED_H
#define PV_EMBED_H

#include "parse.h"

/* Called once per view: f shows the view (f->data its bytes, f->lang its
 * language, PV_FILE_EMBEDDED set); tree is its tree, or NULL when it did
 * not parse (timeout: regex rules only). */
typedef pv_status (*pv_embed_fn)(void *ctx, pv_file *f, const TSTree *tree);

/* For host file f (pv_lang_is_host; host: its tree-sitter-html tree, NULL
 * for ejs or when it did not parse): find its embedded code, and for each
 * language of it build the view, parse it (pv_parse: its syntax errors are
 * parse-error notes with the file's lines) and call fn. f is restored after
 * each call. A file over lim->ast_bytes has no views (ejs: a file-too-large
 * note; html: pv_parse noted it). Returns the worst status of fn, or
 * PV_FATAL on out-of-memory. Other files: PV_OK, fn is not called. */
pv_status pv_embed_each(pv_parser *p, pv_result *r, pv_file *f, const TSTree *host,
                        const pv_limits *lim, pv_embed_fn fn, void *ctx);

#endif
