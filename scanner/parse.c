/* parse.c — see parse.h. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_json(void);
const TSLanguage *tree_sitter_html(void);

enum { PARSE_ERRORS_LISTED = 5 };

const TSLanguage *pv_language(pv_lang l) {
  switch (l) {
    case PV_LANG_JS:
      return tree_sitter_javascript();
    case PV_LANG_TS:
      return tree_sitter_typescript();
    case PV_LANG_TSX:
      return tree_sitter_tsx();
    case PV_LANG_JSON:
      return tree_sitter_json();
    case PV_LANG_HTML:
    case PV_LANG_VUE:
    case PV_LANG_SVELTE:
      return tree_sitter_html();
    default: /* EJS: its tags are found by embed.c, not by a grammar */
      return NULL;
  }
}

static int ends_with(const char *s, size_t n, const char *suffix) {
  size_t m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *bang = strrchr(path, '!');
  const char *b = slash > bang ? slash : bang;
  return b ? b + 1 : path;
}

/* JSON files known by name (comments tolerated by the grammar). */
static int is_json_name(const char *base) {
  static const char *const names[] = {".eslintrc",   ".babelrc", ".jshintrc",
                                      ".prettierrc", ".swcrc",   ".npmrc.json"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(base, names[i]) == 0)
      return 1;
  return 0;
}

static int has_node_shebang(const unsigned char *d, size_t n) {
  if (n < 3 || d[0] != '#' || d[1] != '!')
    return 0;
  size_t end = 2;
  while (end < n && end < 128 && d[end] != '\n')
    end++;
  const char *needles[] = {"node", "bun", "deno"};
  for (size_t i = 0; i < 3; i++)
    if (memmem(d, end, needles[i], strlen(needles[i])) != NULL)
      return 1;
  return 0;
}

/* An extension-less HTML page: a doctype or <html> first (after a BOM,
 * blanks and comments). */
static int looks_html(const unsigned char *d, size_t n) {
  size_t i = n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  for (;;) {
    while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
      i++;
    if (n - i < 4 || memcmp(d + i, "<!--", 4) != 0)
      break;
    const unsigned char *end = memmem(d + i + 4, n - i - 4, "-->", 3);
    if (end == NULL)
      return 0;
    i = (size_t)(end - d) + 3;
  }
  static const char *const heads[] = {"<!doctype html", "<html"};
  for (size_t k = 0; k < 2; k++) {
    size_t m = strlen(heads[k]);
    if (n - i > m && strncasecmp((const char *)d + i, heads[k], m) == 0 &&
        (d[i + m] == '>' || d[i + m] == ' ' || d[i + m] == '\t' || d[i + m] == '\r' ||
         d[i + m] == '\n'))
      return 1;
  }
  return 0;
}

/* Host languages by extension (scanner/embed.h). */
static pv_lang host_lang(const char *base, size_t len) {
  static const struct {
    const char *ext;
    pv_lang lang;
  } ext[] = {{".html", PV_LANG_HTML}, {".htm", PV_LANG_HTML}, {".xhtml", PV_LANG_HTML},
             {".ejs", PV_LANG_EJS},   {".vue", PV_LANG_VUE},  {".svelte", PV_LANG_SVELTE}};
  for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
    if (ends_with(base, len, ext[i].ext))
      return ext[i].lang;
  return PV_LANG_NONE;
}

/* Minified: long average line length over the first 64 KiB, few newlines. */
static int looks_minified(const unsigned char *d, size_t n) {
  size_t window = n < 65536 ? n : 65536, lines = 1, longest = 0, cur = 0;
  if (window < 1024)
    return 0;
  for (size_t i = 0; i < window; i++) {
    if (d[i] == '\n') {
      lines++;
      if (cur > longest)
        longest = cur;
      cur = 0;
    } else
      cur++;
  }
  if (cur > longest)
    longest = cur;
  return window / lines > 300 || longest > 5000;
}

pv_lang pv_lang_detect(const char *path, const unsigned char *data, size_t n, unsigned *flags) {
  const char *base = base_name(path);
  size_t len = strlen(base);
  pv_lang l = PV_LANG_NONE;
  if (ends_with(base, len, ".js") || ends_with(base, len, ".mjs") || ends_with(base, len, ".cjs") ||
      ends_with(base, len, ".jsx"))
    l = PV_LANG_JS;
  else if (ends_with(base, len, ".tsx"))
    l = PV_LANG_TSX;
  else if (ends_with(base, len, ".ts") || ends_with(base, len, ".mts") ||
           ends_with(base, len, ".cts"))
    l = PV_LANG_TS;
  else if (ends_with(base, len, ".json") || is_json_name(base))
    l = PV_LANG_JSON;
  else if (strchr(base, '.') == NULL && has_node_shebang(data, n))
    l = PV_LANG_JS;
  else if (strchr(base, '.') == NULL && looks_html(data, n))
    l = PV_LANG_HTML;
  else
    l = host_lang(base, len);
  if (flags != NULL && l != PV_LANG_NONE) {
    if (ends_with(base, len, ".d.ts") || ends_with(base, len, ".d.mts") ||
        ends_with(base, len, ".d.cts"))
      *flags |= PV_FILE_DTS;
    if (l != PV_LANG_JSON && (ends_with(base, len, ".min.js") || looks_minified(data, n)))
      *flags |= PV_FILE_MINIFIED;
  }
  return l;
}

struct pv_parser {
  TSParser *ts;
};

pv_parser *pv_parser_new(void) {
  pv_parser *p = calloc(1, sizeof *p);
  if (p == NULL)
    return NULL;
  if ((p->ts = ts_parser_new()) == NULL) {
    free(p);
    return NULL;
  }
  return p;
}

void pv_parser_delete(pv_parser *p) {
  if (p == NULL)
    return;
  ts_parser_delete(p->ts);
  free(p);
}

typedef struct {
  uint64_t deadline;
  unsigned calls;
} parse_budget;

static bool over_budget(TSParseState *state) {
  parse_budget *b = state->payload;
  if ((++b->calls & 63u) != 0)
    return false;
  return pv_now_ms() > b->deadline;
}

typedef struct {
  const unsigned char *data;
  size_t size;
} parse_text;

/* TSInput reader over the file's bytes (handed out in one piece). */
static const char *read_file(void *payload, uint32_t byte, TSPoint pos, uint32_t *n) {
  const parse_text *t = payload;
  (void)pos;
  if (byte >= t->size) {
    *n = 0;
    return "";
  }
  *n = (uint32_t)(t->size - byte);
  return (const char *)t->data + byte;
}

/* tree-sitter's lexers take a NUL byte for the end of the input: a file
 * holding one (in a comment or a string: node runs it) is parsed from a
 * copy with each NUL read as a space, so offsets stay those of the file.
 * *copy is set when one was made (the caller frees it); NULL on OOM. */
static const unsigned char *text_without_nul(const pv_file *f, unsigned char **copy) {
  *copy = NULL;
  if (memchr(f->data, 0, f->size) == NULL)
    return f->data;
  if ((*copy = malloc(f->size)) == NULL)
    return NULL;
  for (size_t i = 0; i < f->size; i++)
    (*copy)[i] = f->data[i] ? f->data[i] : ' ';
  return *copy;
}

/* Report ERROR and MISSING nodes: walk only subtrees that contain errors. */
static void report_errors(pv_result *r, const pv_file *f, TSNode root, const pv_limits *lim) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  size_t count = 0;
  uint32_t depth = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    int is_err = ts_node_is_error(n) || ts_node_is_missing(n);
    if (is_err) {
      if (count < PARSE_ERRORS_LISTED) {
        TSPoint pt = ts_node_start_point(n);
        pv_result_note(r, PV_NOTE_WARNING, "parse-error", f->path,
                       "%s:%u:%u: %s; the rest of the file is still analysed", f->path, pt.row + 1,
                       pt.column + 1, ts_node_is_missing(n) ? "missing syntax" : "syntax error");
      }
      count++;
    }
    if (!is_err && ts_node_has_error(n) && depth < lim->ast_depth &&
        ts_tree_cursor_goto_first_child(&c)) {
      depth++;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&c))
        goto done;
      depth--;
    }
  }
done:
  ts_tree_cursor_delete(&c);
  if (count > PARSE_ERRORS_LISTED)
    pv_result_note(r, PV_NOTE_WARNING, "parse-error", f->path, "%s: %zu more syntax errors",
                   f->path, count - PARSE_ERRORS_LISTED);
}

TSTree *pv_parse(pv_parser *p, pv_result *r, pv_file *f, const pv_limits *lim) {
  const TSLanguage *lang = pv_language(f->lang);
  if (lang == NULL || f->data == NULL)
    return NULL;
  if (f->size > lim->ast_bytes || f->size > UINT32_MAX) {
    f->flags |= PV_FILE_TOO_LARGE;
    pv_result_partial(r, "file-too-large", f->path,
                      "%s: %zu bytes is over the AST limit of %llu (--max-ast-bytes); regex rules "
                      "only, analysed partially",
                      f->path, f->size, (unsigned long long)lim->ast_bytes);
    return NULL;
  }
  if (!ts_parser_set_language(p->ts, lang))
    return NULL;
  unsigned char *copy;
  parse_text text = {text_without_nul(f, &copy), f->size};
  if (text.data == NULL)
    return NULL;
  parse_budget b = {pv_now_ms() + lim->parse_ms, 0};
  TSInput in = {.payload = &text, .read = read_file, .encoding = TSInputEncodingUTF8};
  TSParseOptions opt = {&b, over_budget};
  TSTree *t = ts_parser_parse_with_options(p->ts, NULL, in, opt);
  free(copy);
  if (t == NULL) {
    ts_parser_reset(p->ts);
    pv_result_partial(r, "parse-timeout", f->path,
                      "%s: parsing took over %u ms; regex rules only, analysed partially", f->path,
                      (unsigned)lim->parse_ms);
    return NULL;
  }
  /* The HTML grammar's errors in a Vue or Svelte component are that
   * language's own syntax (`<Comp />`, `on:click={() => go()}`), not the
   * file's: only the errors of its code (embed.h) are noted. */
  TSNode root = ts_tree_root_node(t);
  if (ts_node_has_error(root) && f->lang != PV_LANG_VUE && f->lang != PV_LANG_SVELTE)
    report_errors(r, f, root, lim);
  return t;
}

void pv_tree_walk(TSNode root, void (*visit)(void *ctx, TSNode n), void *ctx) {
  if (ts_node_is_null(root))
    return;
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (int down = 1;;) {
    if (down)
      visit(ctx, ts_tree_cursor_current_node(&c));
    if (down && ts_tree_cursor_goto_first_child(&c))
      continue;
    down = ts_tree_cursor_goto_next_sibling(&c);
    if (!down && !ts_tree_cursor_goto_parent(&c))
      break;
  }
  ts_tree_cursor_delete(&c);
}
