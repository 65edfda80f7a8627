/* parse.h — language detection and tree-sitter parsing of one vfs file.
 *
 * Ownership: a pv_parser is per thread (pv_parser_new/_delete). pv_parse
 * returns a TSTree the caller frees with ts_tree_delete. Notes go to r. */
#ifndef PV_PARSE_H
#define PV_PARSE_H

#include <tree_sitter/api.h>

#include "limits.h"
#include "result.h"

/* The tree-sitter language for l (html, vue, svelte: tree-sitter-html), or
 * NULL for PV_LANG_NONE, ejs and the templates without a grammar (handlebars,
 * pug, nunjucks). */
const TSLanguage *pv_language(pv_lang l);

/* Language of a file by name and content: .js .mjs .cjs .jsx → javascript,
 * .ts .mts .cts → typescript, .tsx → tsx, .json and JSON-with-comments
 * names → json, extension-less files with a node shebang → javascript;
 * the host languages (embed.h): .html .htm .xhtml and extension-less files
 * opening with a doctype or <html> → html, .ejs → ejs, .vue → vue, .svelte
 * → svelte, .hbs .handlebars .mustache → handlebars, .pug .jade → pug,
 * .njk .nunjucks → nunjucks; else PV_LANG_NONE. Adds PV_FILE_DTS for .d.ts,
 * PV_FILE_MINIFIED for minified code and PV_FILE_JSONC for JSON with
 * comments (tsconfig*.json, jsconfig*.json, .eslintrc, .eslintrc*.json,
 * .babelrc, .jshintrc, .prettierrc, .swcrc, JSON files in .vscode,
 * *.jsonc) to *flags. */
pv_lang pv_lang_detect(const char *path, const unsigned char *data, size_t n, unsigned *flags);

/* Non-zero when f is JSON that pv_parse would parse without a note: one
 * value by RFC 8259 (numbers without '+' in the exponent, as
 * tree-sitter-json reads them; well-formed UTF-8 in strings), and with
 * PV_FILE_JSONC also comments and trailing commas. 0 when unsure (nested
 * deeper than 256). Lets scan.c leave a JSON file no rule can match
 * unparsed without losing a parse-error note. */
int pv_json_clean(const pv_file *f);

typedef struct pv_parser pv_parser;
/* A parser for one thread; NULL on OOM. */
pv_parser *pv_parser_new(void);
/* Free it. NULL is ignored. */
void pv_parser_delete(pv_parser *p);

/* Parse f (f->lang must be set) within lim->parse_ms. Returns the tree or
 * NULL (language none, over the AST byte limit, timed out: each with a note
 * in r). Every ERROR/MISSING node is reported as a "parse-error" note (the
 * first few per file, then a count), except in the HTML tree of a Vue or
 * Svelte file (their markup is not HTML; their code's errors are noted);
 * the tree is still returned and analysed outside the broken subtrees. A
 * JSONC file is parsed with its trailing commas read as spaces (offsets
 * unchanged). */
TSTree *pv_parse(pv_parser *p, pv_result *r, pv_file *f, const pv_limits *lim);

/* Call visit on every node under root (root included), parents before
 * children, in source order; iterative (no depth limit). */
void pv_tree_walk(TSNode root, void (*visit)(void *ctx, TSNode n), void *ctx);

#endif
