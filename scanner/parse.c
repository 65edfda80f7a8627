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
    default: /* EJS and the other templates: no grammar (embed.c, template.c) */
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

/* Extension-less JSON files known by name: tool configurations, read as
 * JSON with comments. */
static int is_json_name(const char *base) {
  static const char *const names[] = {".eslintrc", ".babelrc", ".jshintrc", ".prettierrc",
                                      ".swcrc"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(base, names[i]) == 0)
      return 1;
  return 0;
}

/* Is the directory holding base (a pointer into path) named dir? */
static int parent_is(const char *path, const char *base, const char *dir) {
  size_t n = strlen(dir);
  if ((size_t)(base - path) < n + 1 || base[-1] != '/')
    return 0;
  const char *d = base - 1 - n;
  return memcmp(d, dir, n) == 0 && (d == path || d[-1] == '/' || d[-1] == '!');
}

/* JSON files whose readers take comments and trailing commas (JSONC):
 * TypeScript's and editors' configurations, ESLint's, *.jsonc. */
static int is_jsonc(const char *path, const char *base, size_t len) {
  static const char *const prefixes[] = {"tsconfig.", "jsconfig.", ".eslintrc.", ".babelrc."};
  if (is_json_name(base) || ends_with(base, len, ".jsonc"))
    return 1;
  if (ends_with(base, len, ".json") && parent_is(path, base, ".vscode"))
    return 1;
  for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncasecmp(base, prefixes[i], strlen(prefixes[i])) == 0 && ends_with(base, len, ".json"))
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
  } ext[] = {{".html", PV_LANG_HTML},   {".htm", PV_LANG_HTML},       {".xhtml", PV_LANG_HTML},
             {".ejs", PV_LANG_EJS},     {".vue", PV_LANG_VUE},        {".svelte", PV_LANG_SVELTE},
             {".hbs", PV_LANG_HBS},     {".handlebars", PV_LANG_HBS}, {".mustache", PV_LANG_HBS},
             {".pug", PV_LANG_PUG},     {".jade", PV_LANG_PUG},       {".njk", PV_LANG_NJK},
             {".nunjucks", PV_LANG_NJK}};
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
  else if (ends_with(base, len, ".json") || is_jsonc(path, base, len))
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
    if (l == PV_LANG_JSON && is_jsonc(path, base, len))
      *flags |= PV_FILE_JSONC;
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

/* ---- JSON text ---------------------------------------------------------- */

/* Past the whitespace and the comments at d[i], as tree-sitter-json reads
 * them (// to the end of the line, block comments: it takes both in any
 * JSON file); SIZE_MAX in an unterminated block comment. */
static size_t json_skip(const unsigned char *d, size_t n, size_t i) {
  while (i < n) {
    if (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r') {
      i++;
    } else if (d[i] == '/' && i + 1 < n && d[i + 1] == '/') {
      const unsigned char *nl = memchr(d + i, '\n', n - i);
      i = nl ? (size_t)(nl - d) : n;
    } else if (d[i] == '/' && i + 1 < n && d[i + 1] == '*') {
      const unsigned char *end = memmem(d + i + 2, n - i - 2, "*/", 2);
      if (end == NULL)
        return SIZE_MAX;
      i = (size_t)(end - d) + 2;
    } else {
      break;
    }
  }
  return i;
}

/* Past the string opening at d[i]. Strict: by RFC 8259 (escapes, no
 * control bytes, well-formed UTF-8), else SIZE_MAX. Lenient: to its
 * closing quote or the end of its line (as tree-sitter-json reads it). */
static size_t json_string(const unsigned char *d, size_t n, size_t i, int strict) {
  for (i++; i < n; i++) {
    unsigned char c = d[i];
    if (c == '"')
      return i + 1;
    if (c == '\n' && !strict)
      return i;
    if (c < 0x20 && strict)
      return SIZE_MAX;
    if (c == '\\') {
      if (++i >= n)
        return SIZE_MAX;
      if (strict && (d[i] == '\0' || !strchr("\"\\/bfnrtu", d[i])))
        return SIZE_MAX;
      for (int k = 0; strict && d[i] == 'u' && k < 4; k++)
        if (++i >= n || pv_hex_digit(d[i]) < 0)
          return SIZE_MAX;
    } else if (c >= 0x80 && strict) {
      int more = c >= 0xC2 && c <= 0xDF   ? 1
                 : c >= 0xE0 && c <= 0xEF ? 2
                 : c >= 0xF0 && c <= 0xF4 ? 3
                                          : -1;
      for (int k = 0; k < more; k++)
        if (++i >= n || (d[i] & 0xC0) != 0x80)
          return SIZE_MAX;
      if (more < 0)
        return SIZE_MAX;
    }
  }
  return strict ? SIZE_MAX : n;
}

/* Past the number at d[i] in the form both RFC 8259 and tree-sitter-json
 * take (an exponent without '+'), or SIZE_MAX. */
static size_t json_number(const unsigned char *d, size_t n, size_t i) {
  size_t s;
  if (i < n && d[i] == '-')
    i++;
  if (i < n && d[i] == '0')
    i++;
  else if (i < n && d[i] >= '1' && d[i] <= '9')
    while (i < n && d[i] >= '0' && d[i] <= '9')
      i++;
  else
    return SIZE_MAX;
  if (i < n && d[i] == '.') {
    for (s = ++i; i < n && d[i] >= '0' && d[i] <= '9';)
      i++;
    if (i == s)
      return SIZE_MAX;
  }
  if (i < n && (d[i] == 'e' || d[i] == 'E')) {
    if (++i < n && d[i] == '-')
      i++;
    for (s = i; i < n && d[i] >= '0' && d[i] <= '9';)
      i++;
    if (i == s)
      return SIZE_MAX;
  }
  return i;
}

/* Past the scalar at d[i] (string, number, true, false, null), or SIZE_MAX. */
static size_t json_scalar(const unsigned char *d, size_t n, size_t i) {
  static const char *const words[] = {"true", "false", "null"};
  if (d[i] == '"')
    return json_string(d, n, i, 1);
  for (size_t k = 0; k < 3; k++) {
    size_t len = strlen(words[k]);
    if (n - i >= len && memcmp(d + i, words[k], len) == 0)
      return i + len;
  }
  return json_number(d, n, i);
}

enum { JSON_CLEAN_DEPTH = 256 }; /* deeper: not proven clean, parsed */

/* Past an object member's key and colon at d[i], or SIZE_MAX. */
static size_t json_key(const unsigned char *d, size_t n, size_t i) {
  if (d[i] != '"' || (i = json_string(d, n, i, 1)) == SIZE_MAX)
    return SIZE_MAX;
  if ((i = json_skip(d, n, i)) >= n || d[i] != ':')
    return SIZE_MAX;
  return i + 1;
}

/* After '{' or '[' at d[i] (pushed on open[*depth] by the caller): past
 * the bracket, and the key of the first member or the closing bracket of
 * an empty one (popped, *want_value cleared); SIZE_MAX when malformed. */
static size_t json_open(const unsigned char *d, size_t n, size_t i, const char *open, int *depth,
                        int *want_value) {
  char close = open[*depth - 1];
  if ((i = json_skip(d, n, i + 1)) >= n)
    return SIZE_MAX;
  if (d[i] == (unsigned char)close) {
    --*depth;
    *want_value = 0;
    return i + 1;
  }
  return close == '}' ? json_key(d, n, i) : i;
}

/* After a value inside open[*depth - 1] at d[i]: past the comma and the
 * next key, or the closing bracket (popped, *want_value cleared; JSONC
 * allows a comma before it); SIZE_MAX when malformed. */
static size_t json_next(const unsigned char *d, size_t n, size_t i, int jsonc, const char *open,
                        int *depth, int *want_value) {
  char close = open[*depth - 1];
  int comma = d[i] == ',';
  if (comma && (i = json_skip(d, n, i + 1)) >= n)
    return SIZE_MAX;
  if (d[i] == (unsigned char)close && (!comma || jsonc)) {
    --*depth;
    *want_value = 0;
    return i + 1;
  }
  if (!comma)
    return SIZE_MAX;
  *want_value = 1;
  return close == '}' ? json_key(d, n, i) : i;
}

int pv_json_clean(const pv_file *f) {
  const unsigned char *d = f->data;
  size_t n = f->size, i = 0;
  int jsonc = (f->flags & PV_FILE_JSONC) != 0, depth = 0, want_value = 1;
  char open[JSON_CLEAN_DEPTH]; /* the closing bracket of each level */
  if (d == NULL || f->lang != PV_LANG_JSON)
    return 0;
  while (i != SIZE_MAX) {
    if ((i = json_skip(d, n, i)) == SIZE_MAX)
      return 0;
    if (!want_value && depth == 0)
      return i == n; /* one value, then nothing but space */
    if (i >= n)
      return 0;
    if (!want_value) {
      i = json_next(d, n, i, jsonc, open, &depth, &want_value);
    } else if (d[i] == '{' || d[i] == '[') {
      if (depth == JSON_CLEAN_DEPTH)
        return 0;
      open[depth++] = d[i] == '{' ? '}' : ']';
      i = json_open(d, n, i, open, &depth, &want_value);
    } else {
      i = json_scalar(d, n, i);
      want_value = 0;
    }
  }
  return 0;
}

/* The commas of JSONC text that tree-sitter-json refuses, those right
 * before a closing bracket: blanked in out (when not NULL). Returns how
 * many there are. */
static size_t trailing_commas(const unsigned char *d, size_t n, unsigned char *out) {
  size_t count = 0, comma = SIZE_MAX;
  unsigned char prev = '[';
  for (size_t i = 0; i < n;) {
    size_t j = json_skip(d, n, i);
    if (j >= n)
      break;
    if (j > i) {
      i = j;
      continue;
    }
    if ((d[i] == '}' || d[i] == ']') && comma != SIZE_MAX) {
      if (out != NULL)
        out[comma] = ' ';
      count++;
    }
    comma = d[i] == ',' && !strchr("{[,:", prev) ? i : SIZE_MAX; /* (a comma after a value) */
    prev = d[i];
    i = d[i] == '"' ? json_string(d, n, i, 0) : i + 1;
  }
  return count;
}

/* The bytes tree-sitter parses, at the file's offsets: tree-sitter's
 * lexers take a NUL byte for the end of the input, so a file holding one
 * (in a comment or a string: node runs it) is parsed from a copy with each
 * NUL read as a space; a JSONC file's trailing commas are blanked the same
 * way. *copy is set when one was made (the caller frees it); NULL on OOM. */
static const unsigned char *parse_input(const pv_file *f, unsigned char **copy) {
  int jsonc = f->lang == PV_LANG_JSON && (f->flags & PV_FILE_JSONC);
  *copy = NULL;
  if (memchr(f->data, 0, f->size) == NULL &&
      (!jsonc || trailing_commas(f->data, f->size, NULL) == 0))
    return f->data;
  if ((*copy = malloc(f->size ? f->size : 1)) == NULL)
    return NULL;
  for (size_t i = 0; i < f->size; i++)
    (*copy)[i] = f->data[i] ? f->data[i] : ' ';
  if (jsonc)
    trailing_commas(f->data, f->size, *copy);
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
  parse_text text = {parse_input(f, &copy), f->size};
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
