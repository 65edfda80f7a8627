/* embed.c — see embed.h. */
#include "embed.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
  NAME_MAX_BYTES = 32, /* attribute names and values compared (type, lang) */
};

/* One piece of embedded code: bytes [s, e) of the file. */
typedef struct {
  uint32_t s, e;
  pv_lang lang;
  int decode; /* an attribute value: character references decoded */
} region;

typedef struct {
  region *v;
  size_t n, cap;
  size_t max; /* lim->embed_pieces */
  int full;   /* max reached: the rest are left out */
  int oom;
  const unsigned char *d;
} regions;

static void add_region(regions *rs, uint32_t s, uint32_t e, pv_lang l, int decode) {
  if (e <= s || rs->oom)
    return;
  if (rs->n == rs->max) {
    rs->full = 1;
    return;
  }
  if (rs->n == rs->cap) {
    size_t cap = rs->cap ? rs->cap * 2 : 16;
    region *v = realloc(rs->v, cap * sizeof *v);
    if (v == NULL) {
      rs->oom = 1;
      return;
    }
    rs->v = v;
    rs->cap = cap;
  }
  rs->v[rs->n++] = (region){s, e, l, decode};
}

/* ---- EJS -------------------------------------------------------------- */

/* The parse-error note of an EJS tag opened at byte at and never closed. */
static void unclosed_note(pv_result *r, const pv_file *f, size_t at) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < at; i++) {
    col = f->data[i] == '\n' ? 1 : col + 1;
    line += f->data[i] == '\n';
  }
  pv_result_note(r, PV_NOTE_WARNING, "parse-error", f->path,
                 "%s:%zu:%zu: this EJS tag is not closed; its code runs to the end of the file",
                 f->path, line, col);
}

/* Scriptlets and output tags, by EJS's delimiters: <% <%_ <%= <%- open,
 * %> -%> _%> close, <%# opens a comment, <%% is a literal "<%". An
 * unterminated tag runs to the end of the file (noted). */
static void ejs_regions(pv_result *r, const pv_file *f, regions *rs) {
  const unsigned char *d = f->data;
  size_t n = f->size, i = 0;
  while (i + 1 < n && !rs->full && !rs->oom) {
    const unsigned char *p = memmem(d + i, n - i, "<%", 2);
    if (p == NULL)
      break;
    size_t s = (size_t)(p - d) + 2;
    if (s < n && d[s] == '%') {
      i = s + 1;
      continue;
    }
    int comment = s < n && d[s] == '#';
    if (s < n && strchr("=-_#", d[s]) != NULL && d[s] != '\0')
      s++;
    const unsigned char *q = s < n ? memmem(d + s, n - s, "%>", 2) : NULL;
    size_t e = q ? (size_t)(q - d) : n;
    i = q ? e + 2 : n;
    if (q != NULL && e > s && (d[e - 1] == '-' || d[e - 1] == '_'))
      e--;
    if (q == NULL)
      unclosed_note(r, f, (size_t)(p - d));
    if (!comment)
      add_region(rs, (uint32_t)s, (uint32_t)e, PV_LANG_JS, 0);
  }
}

/* ---- HTML, Vue, Svelte ------------------------------------------------ */

static int node_is(TSNode n, const char *type) {
  return strcmp(ts_node_type(n), type) == 0;
}

/* The first named child of n of the type, or a null node. */
static TSNode child_of_type(TSNode n, const char *type) {
  uint32_t k = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < k; i++) {
    TSNode c = ts_node_named_child(n, i);
    if (node_is(c, type))
      return c;
  }
  return (TSNode){0};
}

/* The value of attribute node a, quotes left out; 0 when it has none. */
static int attr_value(TSNode a, uint32_t *s, uint32_t *e) {
  TSNode v = child_of_type(a, "attribute_value");
  if (ts_node_is_null(v)) {
    TSNode q = child_of_type(a, "quoted_attribute_value");
    if (ts_node_is_null(q))
      return 0;
    v = child_of_type(q, "attribute_value");
    if (ts_node_is_null(v))
      return 0;
  }
  *s = ts_node_start_byte(v);
  *e = ts_node_end_byte(v);
  return *e > *s;
}

/* Copy bytes [s, e) of d, trimmed and lower-cased, into out (cut at
 * NAME_MAX_BYTES and at a ';': "text/javascript; charset=utf-8"). */
static void lower_text(const unsigned char *d, uint32_t s, uint32_t e, char out[NAME_MAX_BYTES]) {
  size_t k = 0;
  while (s < e && (d[s] == ' ' || d[s] == '\t' || d[s] == '\n' || d[s] == '\r'))
    s++;
  for (; s < e && d[s] != ';' && k + 1 < NAME_MAX_BYTES; s++)
    out[k++] = (char)((d[s] >= 'A' && d[s] <= 'Z') ? d[s] + 32 : d[s]);
  while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '\t' || out[k - 1] == '\n'))
    k--;
  out[k] = '\0';
}

static int in_list(const char *s, const char *const *list) {
  for (size_t i = 0; list[i] != NULL; i++)
    if (strcmp(s, list[i]) == 0)
      return 1;
  return 0;
}

/* The language of a <script> by its type and lang attributes, or
 * PV_LANG_NONE when it holds data (JSON, a template, ...). */
static pv_lang script_lang(const unsigned char *d, TSNode start_tag) {
  static const char *const js_types[] = {"",
                                         "module",
                                         "text/javascript",
                                         "application/javascript",
                                         "text/ecmascript",
                                         "application/ecmascript",
                                         "application/x-javascript",
                                         "text/jsx",
                                         "text/babel",
                                         NULL};
  static const char *const ts[] = {"ts", "typescript", "text/typescript", NULL};
  static const char *const js[] = {"js", "javascript", "jsx", NULL};
  pv_lang l = PV_LANG_JS;
  uint32_t k = ts_node_named_child_count(start_tag);
  for (uint32_t i = 0; i < k; i++) {
    TSNode a = ts_node_named_child(start_tag, i);
    TSNode nm = node_is(a, "attribute") ? child_of_type(a, "attribute_name") : (TSNode){0};
    if (ts_node_is_null(nm))
      continue;
    char name[NAME_MAX_BYTES], val[NAME_MAX_BYTES] = "";
    uint32_t vs, ve;
    lower_text(d, ts_node_start_byte(nm), ts_node_end_byte(nm), name);
    if (attr_value(a, &vs, &ve))
      lower_text(d, vs, ve, val);
    if (strcmp(name, "type") == 0 && !in_list(val, js_types) && !in_list(val, ts))
      return PV_LANG_NONE;
    if ((strcmp(name, "type") == 0 || strcmp(name, "lang") == 0) && in_list(val, ts))
      l = PV_LANG_TS;
    else if (strcmp(name, "lang") == 0)
      l = strcmp(val, "tsx") == 0 ? PV_LANG_TSX : in_list(val, js) ? PV_LANG_JS : PV_LANG_NONE;
  }
  return l;
}

/* onclick, onload, ...: "on" and letters only (not Svelte's on:click). */
static int is_handler_name(const unsigned char *d, TSNode nm) {
  uint32_t s = ts_node_start_byte(nm), e = ts_node_end_byte(nm);
  if (e - s < 3 || (d[s] | 32) != 'o' || (d[s + 1] | 32) != 'n')
    return 0;
  for (uint32_t i = s + 2; i < e; i++)
    if (!((d[i] | 32) >= 'a' && (d[i] | 32) <= 'z'))
      return 0;
  return 1;
}

static void html_visit(void *ctx, TSNode n) {
  regions *rs = ctx;
  if (node_is(n, "script_element")) {
    TSNode tag = child_of_type(n, "start_tag"), body = child_of_type(n, "raw_text");
    pv_lang l = ts_node_is_null(tag) ? PV_LANG_JS : script_lang(rs->d, tag);
    if (l != PV_LANG_NONE && !ts_node_is_null(body))
      add_region(rs, ts_node_start_byte(body), ts_node_end_byte(body), l, 0);
    return;
  }
  uint32_t s, e;
  if (!node_is(n, "attribute"))
    return;
  TSNode nm = child_of_type(n, "attribute_name");
  if (!ts_node_is_null(nm) && is_handler_name(rs->d, nm) && attr_value(n, &s, &e))
    add_region(rs, s, e, PV_LANG_JS, 1);
}

static int cmp_region(const void *a, const void *b) {
  const region *x = a, *y = b;
  return x->s < y->s ? -1 : x->s > y->s;
}

/* ---- Views ------------------------------------------------------------ */

/* The character reference at d[0..n) ("&amp;", "&#39;", "&#x27;"): its
 * UTF-8 bytes into out (at most 4) and its length in *used; 0 when none. */
static size_t char_ref(const unsigned char *d, size_t n, unsigned char out[4], size_t *used) {
  static const struct {
    const char *name;
    const char *text;
  } named[] = {{"&amp;", "&"},   {"&lt;", "<"},   {"&gt;", ">"},
               {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"}};
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
    size_t m = strlen(named[i].name);
    if (n >= m && strncasecmp((const char *)d, named[i].name, m) == 0) {
      *used = m;
      memcpy(out, named[i].text, strlen(named[i].text));
      return strlen(named[i].text);
    }
  }
  if (n < 4 || d[1] != '#')
    return 0;
  int hex = (d[2] | 32) == 'x';
  size_t i = hex ? 3 : 2;
  uint32_t cp = 0;
  for (; i < n && i < 12 && d[i] != ';'; i++) {
    int v = pv_hex_digit(d[i]);
    if (v < 0 || (!hex && v > 9))
      return 0;
    cp = cp * (hex ? 16u : 10u) + (uint32_t)v;
  }
  if (i >= n || d[i] != ';' || i == (hex ? 3u : 2u) || cp == 0 || cp > 0x10FFFF)
    return 0;
  *used = i + 1;
  if (cp < 0x80) {
    out[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (unsigned char)(0xC0 | (cp >> 6));
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (unsigned char)(0xE0 | (cp >> 12));
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (unsigned char)(0xF0 | (cp >> 18));
  out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* The JavaScript string state after byte c: *quote is the open string's
 * quote (0: none), *esc whether c was a backslash inside it. */
static void track_quote(unsigned char c, unsigned char *quote, int *esc) {
  if (*esc)
    *esc = 0;
  else if (*quote != 0 && c == '\\')
    *esc = 1;
  else if (*quote != 0 && c == *quote)
    *quote = 0;
  else if (*quote == 0 && (c == '"' || c == '\'' || c == '`'))
    *quote = c;
}

/* Bytes [0, n) of src decoded into dst, which keeps n bytes: each reference
 * is padded with blanks to its own length, so every byte after it stays at
 * its offset. The blanks go before a quote that opens a string and after
 * one that closes it (`&quot;1&quot;` -> `     "1"     `), so the string's
 * value is the decoded one. */
static void decode_refs(unsigned char *dst, const unsigned char *src, size_t n) {
  unsigned char quote = 0;
  int esc = 0;
  for (size_t i = 0; i < n;) {
    unsigned char buf[4];
    size_t used = 0, k = src[i] == '&' ? char_ref(src + i, n - i, buf, &used) : 0;
    if (k == 0 || k > used) {
      track_quote(src[i], &quote, &esc);
      dst[i] = src[i];
      i++;
      continue;
    }
    int opens = k == 1 && quote == 0 && (buf[0] == '"' || buf[0] == '\'' || buf[0] == '`');
    size_t at = opens ? i + used - k : i;
    memset(dst + i, ' ', used);
    memcpy(dst + at, buf, k);
    for (size_t b = 0; b < k; b++)
      track_quote(buf[b], &quote, &esc);
    i += used;
  }
}

/* Does the code at d[s..e) start with a word that continues a statement
 * (`} else {` split over two EJS tags must not get a ';' in between)? */
static int continues(const unsigned char *d, uint32_t s, uint32_t e) {
  static const char *const words[] = {"else", "catch", "finally", NULL};
  while (s < e && (d[s] == ' ' || d[s] == '\t' || d[s] == '\n' || d[s] == '\r'))
    s++;
  for (size_t i = 0; words[i] != NULL; i++) {
    size_t m = strlen(words[i]);
    if (e - s >= m && memcmp(d + s, words[i], m) == 0 &&
        (e - s == m || !((d[s + m] | 32) >= 'a' && (d[s + m] | 32) <= 'z')))
      return 1;
  }
  return 0;
}

/* The view of f for language l: blanks, then each region of l copied
 * (decoded) and followed by a ';' on the first byte of the gap that is not a
 * line break. NULL on out-of-memory. */
static unsigned char *build_view(const pv_file *f, const regions *rs, pv_lang l) {
  unsigned char *v = malloc(f->size ? f->size : 1);
  if (v == NULL)
    return NULL;
  for (size_t i = 0; i < f->size; i++)
    v[i] = f->data[i] == '\n' ? '\n' : ' ';
  for (size_t k = 0; k < rs->n; k++) {
    const region *g = &rs->v[k];
    if (g->lang != l)
      continue;
    if (g->decode && memchr(f->data + g->s, '&', g->e - g->s) != NULL)
      decode_refs(v + g->s, f->data + g->s, g->e - g->s);
    else
      memcpy(v + g->s, f->data + g->s, g->e - g->s);
    size_t next = k + 1 < rs->n ? rs->v[k + 1].s : f->size;
    if (k + 1 < rs->n && rs->v[k + 1].lang == l &&
        continues(f->data, rs->v[k + 1].s, rs->v[k + 1].e))
      continue;
    for (size_t i = g->e; i < next; i++)
      if (f->data[i] != '\n') {
        v[i] = ';';
        break;
      }
  }
  return v;
}

/* Call fn on the view of language l. */
static pv_status one_view(pv_parser *p, pv_result *r, pv_file *f, const regions *rs, pv_lang l,
                          const pv_limits *lim, pv_embed_fn fn, void *ctx) {
  unsigned char *view = build_view(f, rs, l);
  if (view == NULL)
    return PV_FATAL;
  const unsigned char *host_data = f->data;
  pv_lang host_lang = f->lang;
  f->data = view;
  f->lang = l;
  f->flags |= PV_FILE_EMBEDDED;
  TSTree *t = pv_parse(p, r, f, lim);
  pv_status rc = fn(ctx, f, t);
  ts_tree_delete(t);
  f->data = host_data;
  f->lang = host_lang;
  f->flags &= ~(unsigned)PV_FILE_EMBEDDED;
  free(view);
  return rc;
}

pv_status pv_embed_each(pv_parser *p, pv_result *r, pv_file *f, const TSTree *host,
                        const pv_limits *lim, pv_embed_fn fn, void *ctx) {
  if (!pv_lang_is_host(f->lang) || f->data == NULL || (f->flags & PV_FILE_EMBEDDED))
    return PV_OK;
  if (f->size > lim->ast_bytes || f->size > UINT32_MAX) {
    if (pv_language(f->lang) == NULL)
      pv_result_partial(r, "file-too-large", f->path,
                        "%s: %zu bytes is over the AST limit of %llu (--max-ast-bytes); regex "
                        "rules only, analysed partially",
                        f->path, f->size, (unsigned long long)lim->ast_bytes);
    return PV_OK;
  }
  regions rs = {.d = f->data, .max = lim->embed_pieces};
  if (f->lang == PV_LANG_EJS)
    ejs_regions(r, f, &rs);
  else if (host != NULL)
    pv_tree_walk(ts_tree_root_node(host), html_visit, &rs);
  if (rs.n > 1) /* a <script>'s body is seen before its own attributes */
    qsort(rs.v, rs.n, sizeof *rs.v, cmp_region);
  if (rs.oom) {
    free(rs.v);
    return PV_FATAL;
  }
  if (rs.full)
    pv_result_partial(r, "embedded-limit", f->path,
                      "%s: over %zu pieces of embedded code; the rest are not analysed", f->path,
                      rs.max);
  static const pv_lang langs[] = {PV_LANG_JS, PV_LANG_TS, PV_LANG_TSX};
  pv_status rc = PV_OK;
  for (size_t i = 0; i < sizeof langs / sizeof langs[0] && rc != PV_FATAL; i++) {
    size_t k = 0;
    while (k < rs.n && rs.v[k].lang != langs[i])
      k++;
    if (k < rs.n)
      rc = pv_status_worst(rc, one_view(p, r, f, &rs, langs[i], lim, fn, ctx));
  }
  free(rs.v);
  return rc;
}
