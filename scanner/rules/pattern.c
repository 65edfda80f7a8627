/* pattern.c — compile Semgrep pattern snippets and match them structurally
 * on tree-sitter trees (see pattern.h).
 *
 * A snippet is rewritten before parsing so that the grammar accepts it:
 * `...` becomes the identifier __pv_el (with `;` in statement position),
 * `$...X` becomes $__pv_el_X, `<... P ...>` becomes __pv_deep(P). The parse
 * tree is then turned into a small arena tree of pnodes. Matching compares
 * pnodes with target nodes; bindings are appended to a pv_pmatch, so
 * backtracking is restoring its count. */
#include "pattern.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse.h"

enum {
  PAT_MAX_DEPTH = 200,            /* pattern tree depth */
  ALIAS_MAX = PV_PSCAN_DECLS_MAX, /* declarations tracked per file */
  NAMES_MAX = 64,                 /* names looked up one by one per file; more: every declaration */
  CONST_NEST = 8,                 /* levels of a string made of constants (names, +, ${}) */
  NAME_OCCS_MAX = 256,            /* occurrences of one such name; more: every declaration */
  PAT_SRC_MAX = 65536,            /* bytes of one snippet */
  ENUM_MAX = 16,                  /* distinct matches (ways to bind) kept per node and pattern */
  ANCHOR_WORDS_MAX = 4096, /* words of a rule set the anchors are filtered with; more: none */
};

typedef enum {
  P_NODE,
  P_LEAF,
  P_MV,
  P_ELL,
  P_ELL_MV,
  P_DEEP,
  P_STR,
  P_STR_ANY,
  P_STR_MV,
  P_SEQ
} pkind;
typedef enum { REQ_NONE = 0, REQ_CALL, REQ_MEMBER } reqkind;

typedef struct pnode {
  uint8_t kind, list, req, named;
  TSSymbol sym;
  const char *text; /* leaf text, string content, metavariable name, module */
  uint32_t len;
  const char *member; /* REQ_MEMBER: the property */
  uint32_t mlen;
  struct pnode **kids;
  uint32_t n;
} pnode;

/* Symbols of one grammar the matcher needs by name. */
typedef struct {
  TSSymbol paren, string, templ, subst, ident, prop, sprop, sprop_pat, type_ident, comment, vdecl,
      assign, call, member, block, program, lexdecl, vardecl, import, objpat, pairpat, import_spec,
      ns_import, import_clause, switch_case, class_body, expr_stmt, pair_json, frag, esc,
      str_content, /* the insides of a string: no metavariable binds them */
      named_imports, as_expr, satisfies, non_null, type_args, /* TypeScript: see through them */
      type_ann, async_kw, req_param, opt_param, regex, binary, await_expr;
} syms;

enum { PAT_LITS = 4, LIT_MIN = 3 };

struct pv_pattern {
  pnode *root;
  pv_lang lang;
  syms sy;
  /* Words any match needs in the file's bytes (prefilter): the longest
   * identifiers, property names, strings and module names. */
  const char *lit[PAT_LITS];
  uint32_t litlen[PAT_LITS];
  uint8_t litmod[PAT_LITS]; /* a module name: it appears quoted */
  uint32_t n_lit;
  /* The longest identifier, property name or one-word string of the
   * pattern outside a require/import: it occurs inside every match
   * (anchor). */
  const char *anchor;
  uint32_t anchor_len;
  /* The module of a require/import in the pattern: when it has no anchor,
   * every match holds that module's name or a local name bound to it. */
  const char *mod;
  uint32_t modlen;
  int untyped; /* pv_pattern_compile_untyped made it */
};

/* ---- Symbols ---------------------------------------------------------- */

static TSSymbol sym_of(const TSLanguage *L, const char *name) {
  if (L == NULL)
    return (TSSymbol)-1;
  TSSymbol s = ts_language_symbol_for_name(L, name, (uint32_t)strlen(name), true);
  return s ? s : (TSSymbol)-1;
}

static syms lookup_syms(pv_lang l) {
  const TSLanguage *L = pv_language(l);
  syms s = {
      .paren = sym_of(L, "parenthesized_expression"),
      .string = sym_of(L, "string"),
      .templ = sym_of(L, "template_string"),
      .subst = sym_of(L, "template_substitution"),
      .binary = sym_of(L, "binary_expression"),
      .ident = sym_of(L, "identifier"),
      .prop = sym_of(L, "property_identifier"),
      .sprop = sym_of(L, "shorthand_property_identifier"),
      .sprop_pat = sym_of(L, "shorthand_property_identifier_pattern"),
      .type_ident = sym_of(L, "type_identifier"),
      .comment = sym_of(L, "comment"),
      .vdecl = sym_of(L, "variable_declarator"),
      .assign = sym_of(L, "assignment_expression"),
      .call = sym_of(L, "call_expression"),
      .await_expr = sym_of(L, "await_expression"),
      .member = sym_of(L, "member_expression"),
      .block = sym_of(L, "statement_block"),
      .program = sym_of(L, "program"),
      .lexdecl = sym_of(L, "lexical_declaration"),
      .vardecl = sym_of(L, "variable_declaration"),
      .import = sym_of(L, "import_statement"),
      .objpat = sym_of(L, "object_pattern"),
      .pairpat = sym_of(L, "pair_pattern"),
      .import_spec = sym_of(L, "import_specifier"),
      .ns_import = sym_of(L, "namespace_import"),
      .import_clause = sym_of(L, "import_clause"),
      .switch_case = sym_of(L, "switch_case"),
      .class_body = sym_of(L, "class_body"),
      .expr_stmt = sym_of(L, "expression_statement"),
      .pair_json = sym_of(L, "pair"),
      .frag = sym_of(L, "string_fragment"),
      .esc = sym_of(L, "escape_sequence"),
      .str_content = sym_of(L, "string_content"),
      .regex = sym_of(L, "regex"),
      .named_imports = sym_of(L, "named_imports"),
      .as_expr = sym_of(L, "as_expression"),
      .satisfies = sym_of(L, "satisfies_expression"),
      .non_null = sym_of(L, "non_null_expression"),
      .type_args = sym_of(L, "type_arguments"),
      .type_ann = sym_of(L, "type_annotation"),
      .async_kw = ts_language_symbol_for_name(L, "async", 5, false),
      .req_param = sym_of(L, "required_parameter"),
      .opt_param = sym_of(L, "optional_parameter"),
  };
  return s;
}

static syms sym_table[PV_LANG_COUNT];
static pthread_once_t sym_once = PTHREAD_ONCE_INIT;

static void fill_syms(void) {
  for (pv_lang l = 0; l < PV_LANG_COUNT; l++)
    if (pv_language(l) != NULL && !pv_lang_is_host(l))
      sym_table[l] = lookup_syms(l);
}

/* The grammar's symbols by name, looked up once per process (the lookup
 * is a linear search of the symbol names). */
static syms syms_for(pv_lang l) {
  pthread_once(&sym_once, fill_syms);
  return sym_table[l];
}

static int is_identish(const syms *s, TSSymbol x) {
  return x == s->ident || x == s->prop || x == s->sprop || x == s->sprop_pat || x == s->type_ident;
}

static int is_list_type(const char *t) {
  static const char *const lists[] = {"arguments",
                                      "formal_parameters",
                                      "array",
                                      "object",
                                      "statement_block",
                                      "program",
                                      "class_body",
                                      "object_pattern",
                                      "array_pattern",
                                      "named_imports",
                                      "switch_body",
                                      "template_string",
                                      NULL};
  for (size_t i = 0; lists[i]; i++)
    if (strcmp(t, lists[i]) == 0)
      return 1;
  return 0;
}

/* ---- Snippet rewriting ------------------------------------------------ */

static int is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

/* Previous / next non-blank character around [i, j), or 0. */
static char prev_char(const char *s, size_t i, int *line_start) {
  *line_start = 0;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\r' || s[i - 1] == '\n')) {
    if (s[i - 1] == '\n')
      *line_start = 1;
    i--;
  }
  if (i == 0)
    *line_start = 1;
  return i > 0 ? s[i - 1] : 0;
}

static char next_char(const char *s, size_t len, size_t j) {
  while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
    j++;
  return j < len ? s[j] : 0;
}

/* One `...` (at i) into buf; statement position gets a `;`. */
static void put_ellipsis(pv_buf *b, const char *s, size_t len, size_t i) {
  int ls;
  char p = prev_char(s, i, &ls), n = next_char(s, len, i + 3);
  pv_buf_cats(b, "__pv_el");
  int stmt = (p == 0 || p == ';' || p == '{' || p == '}' || ls) && n != 0 &&
             strchr(",)]}:;", n) == NULL && n != '>';
  if (stmt)
    pv_buf_cats(b, ";");
}

/* Copy a quoted literal starting at i; returns the index after it. */
static size_t copy_quoted(pv_buf *b, const char *s, size_t len, size_t i) {
  char q = s[i];
  size_t j = i + 1;
  while (j < len && s[j] != q)
    j += (s[j] == '\\' && j + 1 < len) ? 2 : 1;
  if (j < len)
    j++;
  pv_buf_cat(b, s + i, j - i);
  return j;
}

static void rewrite(pv_buf *b, const char *s, size_t len, int json);

/* The end of the `${` substitution whose body starts at i: the index of
 * its closing brace (quotes and nested braces skipped), or len. */
static size_t subst_end(const char *s, size_t len, size_t i) {
  int depth = 0;
  while (i < len) {
    if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
      char q = s[i++];
      while (i < len && s[i] != q)
        i += (s[i] == '\\' && i + 1 < len) ? 2 : 1;
      i++;
      continue;
    }
    if (s[i] == '{')
      depth++;
    else if (s[i] == '}' && depth-- == 0)
      return i;
    i++;
  }
  return len;
}

/* A template literal starting at i: its text as it is (a `...` there is
 * the template's own ellipsis, compiled by comp_leaf), its substitutions
 * rewritten like the rest of the snippet. Returns the index after it. */
static size_t copy_template(pv_buf *b, const char *s, size_t len, size_t i) {
  size_t j = i + 1;
  pv_buf_cat(b, s + i, 1);
  while (j < len && s[j] != '`') {
    if (s[j] == '\\' && j + 1 < len) {
      pv_buf_cat(b, s + j, 2);
      j += 2;
    } else if (s[j] == '$' && j + 1 < len && s[j + 1] == '{') {
      size_t e = subst_end(s, len, j + 2);
      pv_buf_cats(b, "${");
      rewrite(b, s + j + 2, e - (j + 2), 0);
      pv_buf_cats(b, "}");
      j = e + 1;
    } else {
      pv_buf_cat(b, s + j, 1);
      j++;
    }
  }
  if (j < len) {
    pv_buf_cat(b, s + j, 1);
    j++;
  }
  return j;
}

/* JSON has no identifiers: `...` becomes "__pv_el" in an array and
 * "__pv_el": 0 in an object (the innermost open bracket decides). */
static void put_json_ellipsis(pv_buf *b, const char *stack, int depth) {
  pv_buf_cats(b, depth > 0 && stack[depth - 1] == '{' ? "\"__pv_el\": 0" : "\"__pv_el\"");
}

/* The snippet with Semgrep's syntax turned into the grammar's (sticky
 * appends: the caller checks b's status). */
static void rewrite(pv_buf *b, const char *s, size_t len, int json) {
  char stack[PAT_MAX_DEPTH];
  int depth = 0;
  for (size_t i = 0; i < len;) {
    if (json && (s[i] == '{' || s[i] == '[') && depth < PAT_MAX_DEPTH)
      stack[depth++] = s[i];
    else if (json && (s[i] == '}' || s[i] == ']') && depth > 0)
      depth--;
    if (json && len - i >= 3 && memcmp(s + i, "...", 3) == 0) {
      put_json_ellipsis(b, stack, depth);
      i += 3;
      continue;
    }
    if (json && s[i] == '$' && i + 1 < len &&
        ((s[i + 1] >= 'A' && s[i + 1] <= 'Z') || s[i + 1] == '_')) {
      size_t j = i + 1; /* a bare $X: "$$X", a metavariable in any value position */
      while (j < len && is_id_char(s[j]) && s[j] != '$')
        j++;
      pv_buf_cats(b, "\"$");
      pv_buf_cat(b, s + i, j - i);
      pv_buf_cats(b, "\"");
      i = j;
      continue;
    }
    if (s[i] == '`' && !json) {
      i = copy_template(b, s, len, i);
    } else if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
      i = copy_quoted(b, s, len, i);
    } else if (s[i] == '<' && len - i >= 4 && memcmp(s + i + 1, "...", 3) == 0) {
      pv_buf_cats(b, "__pv_deep(");
      i += 4;
    } else if (len - i >= 4 && memcmp(s + i, "...>", 4) == 0) {
      pv_buf_cats(b, ")");
      i += 4;
    } else if (s[i] == '$' && len - i >= 5 && memcmp(s + i + 1, "...", 3) == 0 &&
               is_id_char(s[i + 4])) {
      pv_buf_cats(b, "$__pv_el_");
      i += 4;
    } else if (len - i >= 3 && memcmp(s + i, "...", 3) == 0) {
      put_ellipsis(b, s, len, i);
      i += 3;
    } else {
      pv_buf_cat(b, s + i, 1);
      i++;
    }
  }
}

/* ---- Compiling -------------------------------------------------------- */

typedef struct {
  pv_arena *a;
  const char *src;
  const syms *sy;
  pv_pattern *pat;
  int failed;
} cctx;

static pnode *pn_new(cctx *c, pkind k, TSSymbol sym) {
  pnode *p = pv_arena_alloc(c->a, sizeof *p);
  if (p == NULL) {
    c->failed = 1;
    return NULL;
  }
  memset(p, 0, sizeof *p);
  p->kind = (uint8_t)k;
  p->sym = sym;
  return p;
}

static int is_mv_name(const char *s, uint32_t n) {
  if (n < 2 || s[0] != '$')
    return 0;
  for (uint32_t i = 1; i < n; i++) {
    char ch = s[i];
    if (!((ch >= 'A' && ch <= 'Z') || ch == '_' || (i > 1 && ch >= '0' && ch <= '9')))
      return 0;
  }
  return 1;
}

static pnode *comp(cctx *c, TSNode n, int depth);

static pnode *comp_leaf(cctx *c, TSNode n, const char *t, uint32_t len) {
  pnode *p;
  if ((len == 7 && memcmp(t, "__pv_el", 7) == 0) ||
      (len == 3 && memcmp(t, "...", 3) == 0 && ts_node_symbol(n) == c->sy->frag))
    return pn_new(c, P_ELL, 0); /* ..., and the text `...` of a template */
  if (len > 9 && memcmp(t, "$__pv_el_", 9) == 0) {
    if ((p = pn_new(c, P_ELL_MV, 0)) == NULL)
      return NULL;
    p->text = pv_arena_printf(c->a, "$...%.*s", (int)(len - 9), t + 9);
    p->len = p->text ? (uint32_t)strlen(p->text) : 0;
    return p;
  }
  int mv = is_mv_name(t, len);
  if ((p = pn_new(c, mv ? P_MV : P_LEAF, ts_node_symbol(n))) == NULL)
    return NULL;
  p->named = ts_node_is_named(n);
  if (!(len == 2 && t[1] == '_')) {
    p->text = pv_arena_strndup(c->a, t, len);
    p->len = len;
  }
  return p;
}

static pnode *comp_string(cctx *c, TSNode n, const char *t, uint32_t len) {
  const char *in = len >= 2 ? t + 1 : t;
  uint32_t il = len >= 2 ? len - 2 : 0;
  if (c->pat->lang == PV_LANG_JSON && il > 2 && in[0] == '$' && is_mv_name(in + 1, il - 1)) {
    pnode *mv = pn_new(c, P_MV, 0);                 /* JSON bare $X, rewritten as "$$X" */
    if (mv != NULL && !(il == 3 && in[2] == '_')) { /* $_ binds nothing */
      mv->text = pv_arena_strndup(c->a, in + 1, il - 1);
      mv->len = il - 1;
    }
    return mv;
  }
  pkind k = il == 3 && memcmp(in, "...", 3) == 0 ? P_STR_ANY
            : is_mv_name(in, il)                 ? P_STR_MV
                                                 : P_STR;
  pnode *p = pn_new(c, k, ts_node_symbol(n));
  if (p != NULL) {
    p->text = pv_arena_strndup(c->a, in, il);
    p->len = il;
  }
  return p;
}

static int has_child_sym(TSNode n, TSSymbol s) {
  for (uint32_t i = 0; i < ts_node_child_count(n); i++)
    if (ts_node_symbol(ts_node_child(n, i)) == s)
      return 1;
  return 0;
}

/* require('m') calls and require('m').name members, for aliasing. */
static void mark_require(cctx *c, pnode *p) {
  if (p->sym == c->sy->call && p->n == 2 && p->kids[0]->kind == P_LEAF && p->kids[0]->len == 7 &&
      memcmp(p->kids[0]->text, "require", 7) == 0 && p->kids[1]->n == 1 &&
      p->kids[1]->kids[0]->kind == P_STR) {
    const pnode *s = p->kids[1]->kids[0];
    p->req = REQ_CALL;
    p->text = s->text;
    p->len = s->len;
    if (p->len > 5 && memcmp(p->text, "node:", 5) == 0) {
      p->text += 5;
      p->len -= 5;
    }
  } else if (p->sym == c->sy->member && p->n == 3 && p->kids[0]->req == REQ_CALL &&
             (p->kids[2]->kind == P_LEAF || p->kids[2]->kind == P_MV)) {
    p->req = REQ_MEMBER; /* property $F: member stays NULL, $F binds the local name */
    p->text = p->kids[0]->text;
    p->len = p->kids[0]->len;
    if (p->kids[2]->kind == P_LEAF) {
      p->member = p->kids[2]->text;
      p->mlen = p->kids[2]->len;
    }
  }
}

static pnode *comp_node(cctx *c, TSNode n, int depth) {
  const char *type = ts_node_type(n);
  int list = is_list_type(type);
  uint32_t cn = ts_node_child_count(n);
  pnode *p = pn_new(c, P_NODE, ts_node_symbol(n));
  if (p == NULL || (p->kids = pv_arena_alloc(c->a, (cn + 1) * sizeof *p->kids)) == NULL) {
    c->failed = 1;
    return NULL;
  }
  p->list = (uint8_t)list;
  for (uint32_t i = 0; i < cn; i++) {
    TSNode k = ts_node_child(n, i);
    if (ts_node_symbol(k) == c->sy->comment || (list && !ts_node_is_named(k)))
      continue;
    if ((p->kids[p->n] = comp(c, k, depth + 1)) == NULL)
      return NULL;
    p->n++;
  }
  mark_require(c, p);
  return p;
}

static pnode *comp(cctx *c, TSNode n, int depth) {
  if (depth > PAT_MAX_DEPTH) {
    c->failed = 1;
    return NULL;
  }
  TSSymbol s = ts_node_symbol(n);
  const char *t = c->src + ts_node_start_byte(n);
  uint32_t len = ts_node_end_byte(n) - ts_node_start_byte(n);
  if (s == c->sy->paren && ts_node_named_child_count(n) == 1)
    return comp(c, ts_node_named_child(n, 0), depth + 1);
  if (s != 0 && s == c->sy->req_param && ts_node_named_child_count(n) == 1) /* TS `(x)`: x */
    return comp(c, ts_node_named_child(n, 0), depth + 1);
  int json = c->pat->lang == PV_LANG_JSON;
  if (json && len == 9 && memcmp(t, "\"__pv_el\"", 9) == 0)
    return pn_new(c, P_ELL, 0); /* ... */
  if (json && s == c->sy->pair_json && ts_node_named_child_count(n) >= 1) {
    TSNode key = ts_node_named_child(n, 0);
    if (ts_node_end_byte(key) - ts_node_start_byte(key) == 9 &&
        memcmp(c->src + ts_node_start_byte(key), "\"__pv_el\"", 9) == 0)
      return pn_new(c, P_ELL, 0);
  }
  if (s == c->sy->string || (s == c->sy->templ && !has_child_sym(n, c->sy->subst)))
    return comp_string(c, n, t, len);
  if (ts_node_child_count(n) == 0 || is_identish(c->sy, s))
    return comp_leaf(c, n, t, len);
  if (s == c->sy->expr_stmt && ts_node_named_child_count(n) == 1) {
    TSNode k = ts_node_named_child(n, 0);
    uint32_t kl = ts_node_end_byte(k) - ts_node_start_byte(k);
    const char *kt = c->src + ts_node_start_byte(k);
    if ((kl == 7 && memcmp(kt, "__pv_el", 7) == 0) || (kl > 9 && memcmp(kt, "$__pv_el_", 9) == 0))
      return comp(c, k, depth + 1);
  }
  if (s == c->sy->call) {
    TSNode f = ts_node_child_by_field_name(n, "function", 8);
    TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
    if (!ts_node_is_null(f) && ts_node_end_byte(f) - ts_node_start_byte(f) == 9 &&
        memcmp(c->src + ts_node_start_byte(f), "__pv_deep", 9) == 0 && !ts_node_is_null(args) &&
        ts_node_named_child_count(args) == 1) {
      pnode *p = pn_new(c, P_DEEP, 0);
      if (p == NULL || (p->kids = pv_arena_alloc(c->a, sizeof *p->kids)) == NULL)
        return NULL;
      p->n = 1;
      return (p->kids[0] = comp(c, ts_node_named_child(args, 0), depth + 1)) ? p : NULL;
    }
  }
  return comp_node(c, n, depth);
}

/* Statements of a program as a pattern root: one → itself (an expression
 * statement → its expression), several → a sequence. */
static pnode *comp_program(cctx *c, TSNode prog) {
  uint32_t cn = ts_node_named_child_count(prog), k = 0;
  TSNode only = prog;
  for (uint32_t i = 0; i < cn; i++) {
    TSNode x = ts_node_named_child(prog, i);
    if (ts_node_symbol(x) != c->sy->comment) {
      only = x;
      k++;
    }
  }
  if (k == 0)
    return NULL;
  if (k == 1) {
    if (ts_node_symbol(only) == c->sy->expr_stmt && ts_node_named_child_count(only) >= 1)
      return comp(c, ts_node_named_child(only, 0), 0);
    return comp(c, only, 0);
  }
  pnode *p = comp_node(c, prog, 0);
  if (p != NULL)
    p->kind = P_SEQ;
  return p;
}

static TSTree *parse_src(const TSLanguage *L, const char *s, size_t n) {
  TSParser *ps = ts_parser_new();
  if (ps == NULL)
    return NULL;
  ts_parser_set_language(ps, L);
  TSTree *t = ts_parser_parse_string(ps, NULL, s, (uint32_t)n);
  ts_parser_delete(ps);
  return t;
}

/* How comp_try reads a snippet: as statements, as a parenthesised
 * expression, or as one only when it is a single object literal. */
typedef enum { AS_STATEMENTS, AS_EXPRESSION, AS_OBJECT } comp_as;

/* Non-zero if prog, `(S)` parsed, is one object literal spanning S (n
 * bytes with the parentheses). */
static int whole_object(cctx *c, TSNode prog, size_t n) {
  if (ts_node_named_child_count(prog) != 1)
    return 0;
  TSNode st = ts_node_named_child(prog, 0);
  if (ts_node_symbol(st) != c->sy->expr_stmt || ts_node_named_child_count(st) != 1)
    return 0;
  TSNode par = ts_node_named_child(st, 0);
  if (ts_node_symbol(par) != c->sy->paren || ts_node_named_child_count(par) != 1)
    return 0;
  TSNode o = ts_node_named_child(par, 0);
  return strcmp(ts_node_type(o), "object") == 0 && ts_node_start_byte(o) == 1 &&
         ts_node_end_byte(o) + 1 == n;
}

/* Try the snippet as statements, then as a parenthesised expression. */
static pnode *comp_try(cctx *c, const TSLanguage *L, const char *s, size_t n, comp_as as) {
  int as_expr = as != AS_STATEMENTS;
  pv_buf b;
  pv_buf_init(&b, PAT_SRC_MAX * 4);
  if (as_expr)
    pv_buf_cats(&b, "(");
  pv_buf_cat(&b, s, n);
  if (as_expr)
    pv_buf_cats(&b, ")");
  pnode *root = NULL;
  TSTree *t =
      pv_buf_status(&b) == PV_OK && b.data ? parse_src(L, (const char *)b.data, b.len) : NULL;
  if (t != NULL && !ts_node_has_error(ts_tree_root_node(t))) {
    c->src = (const char *)b.data;
    TSNode prog = ts_tree_root_node(t);
    if (!as_expr && ts_node_named_child_count(prog) == 1 &&
        ts_node_symbol(ts_node_named_child(prog, 0)) == c->sy->block && s[0] == '{') {
      root = NULL; /* `{...}` alone: an object, tried next */
    } else if (as == AS_OBJECT && !whole_object(c, prog, b.len)) {
      root = NULL; /* not only an object: the usual order */
    } else {
      root = comp_program(c, prog);
    }
  }
  if (t)
    ts_tree_delete(t);
  pv_buf_free(&b);
  return root;
}

static void add_lit(pv_pattern *pat, const char *t, uint32_t len, int module) {
  if (len < (module ? 1 : LIT_MIN) || t == NULL)
    return;
  uint32_t k = pat->n_lit;
  if (k == PAT_LITS) { /* replace the shortest if this one is longer */
    uint32_t min = 0;
    for (uint32_t i = 1; i < PAT_LITS; i++)
      if (pat->litlen[i] < pat->litlen[min])
        min = i;
    if (pat->litlen[min] >= len)
      return;
    k = min;
  } else
    pat->n_lit++;
  pat->lit[k] = t;
  pat->litlen[k] = len;
  pat->litmod[k] = (uint8_t)module;
}

/* An identifier-like token (a keyword such as `import` or `new`). */
static int is_word(const char *t, uint32_t n) {
  if (t == NULL || n == 0)
    return 0;
  for (uint32_t i = 0; i < n; i++)
    if (!is_id_char(t[i]))
      return 0;
  return 1;
}

/* Words any match of a pattern tree needs in the file. */
static void collect_lits(pv_pattern *pat, const pnode *p) {
  if (p->req != REQ_NONE) { /* `require` itself need not appear (imports) */
    add_lit(pat, p->text, p->len, 1);
    if (pat->mod == NULL && p->len >= 1) {
      pat->mod = p->text;
      pat->modlen = p->len;
    }
    if (p->req == REQ_MEMBER && p->member)
      add_lit(pat, p->member, p->mlen, 0);
    return;
  }
  int leaf = p->kind == P_LEAF && (p->named || is_word(p->text, p->len)) && /* keywords too */
             p->sym != pat->sy.frag; /* a template's text is no token of the file */
  if ((p->kind == P_STR && memchr(p->text, '\\', p->len) == NULL) || leaf)
    add_lit(pat, p->text, p->len, 0);
  /* the anchor: a leaf, or a string whose content is one word (between quotes) */
  if ((leaf || (p->kind == P_STR && is_word(p->text, p->len))) && p->text && p->len >= LIT_MIN &&
      p->len > pat->anchor_len) {
    pat->anchor = p->text;
    pat->anchor_len = p->len;
  }
  for (uint32_t i = 0; i < p->n; i++)
    collect_lits(pat, p->kids[i]);
}

/* ---- TypeScript patterns for JavaScript targets ------------------------ */

/* Node types of TypeScript-only syntax that carry no JavaScript meaning:
 * they are blanked whole. */
static int is_type_only(const char *t) {
  static const char *const names[] = {"type_annotation",          "type_arguments",
                                      "type_parameters",          "accessibility_modifier",
                                      "override_modifier",        "implements_clause",
                                      "omitting_type_annotation", "opting_type_annotation",
                                      "asserts_annotation",       NULL};
  for (size_t i = 0; names[i]; i++)
    if (strcmp(t, names[i]) == 0)
      return 1;
  return 0;
}

/* Blank (with spaces) the TypeScript-only parts of node n in s, whose
 * offsets are shifted by `shift` (the parse had a '(' before s): type
 * annotations, arguments and parameters, `as T`/`satisfies T`, `x!`, an
 * optional parameter's `?`, `readonly` and access modifiers. */
static void blank_types(char *s, uint32_t shift, TSNode n, int depth) {
  const char *t = ts_node_type(n);
  uint32_t a = ts_node_start_byte(n) - shift, e = ts_node_end_byte(n) - shift;
  if (depth > PAT_MAX_DEPTH)
    return;
  if (is_type_only(t)) {
    memset(s + a, ' ', e - a);
    return;
  }
  int tail = strcmp(t, "as_expression") == 0 || strcmp(t, "satisfies_expression") == 0;
  uint32_t cn = ts_node_child_count(n);
  for (uint32_t i = 0; i < cn; i++) {
    TSNode k = ts_node_child(n, i);
    const char *kt = ts_node_type(k);
    uint32_t ka = ts_node_start_byte(k) - shift, ke = ts_node_end_byte(k) - shift;
    if (tail && i > 0) { /* `x as T`: keep x */
      memset(s + ka, ' ', ke - ka);
      continue;
    }
    if (!ts_node_is_named(k) &&
        ((strcmp(kt, "!") == 0 && strcmp(t, "non_null_expression") == 0) ||
         (strcmp(kt, "?") == 0 &&
          (strcmp(t, "optional_parameter") == 0 || strcmp(t, "public_field_definition") == 0)) ||
         strcmp(kt, "readonly") == 0)) {
      memset(s + ka, ' ', ke - ka);
      continue;
    }
    blank_types(s, shift, k, depth + 1);
  }
}

/* The rewritten snippet s with its TypeScript-only syntax blanked, same
 * length (malloc'd), when it parses as TypeScript (statements, or else an
 * expression); NULL otherwise. */
static char *untyped(const char *s, size_t n) {
  const TSLanguage *TS = pv_language(PV_LANG_TS);
  char *out = malloc(n + 3);
  if (out == NULL || TS == NULL) {
    free(out);
    return NULL;
  }
  for (int as_expr = 0; as_expr <= 1; as_expr++) {
    size_t k = 0;
    if (as_expr)
      out[k++] = '(';
    memcpy(out + k, s, n);
    k += n;
    if (as_expr)
      out[k++] = ')';
    TSTree *t = parse_src(TS, out, k);
    int ok = t != NULL && !ts_node_has_error(ts_tree_root_node(t));
    if (ok) {
      memmove(out, out + as_expr, n); /* back to s's offsets */
      out[n] = '\0';
      blank_types(out, (uint32_t)as_expr, ts_tree_root_node(t), 0);
    }
    if (t)
      ts_tree_delete(t);
    if (ok)
      return out;
  }
  free(out);
  return NULL;
}

static pv_pattern *compile(pv_arena *a, const char *src, size_t len, pv_lang l, int strip,
                           char *why, size_t why_len) {
  const TSLanguage *L = pv_language(l);
  while (len > 0 && (src[len - 1] == '\n' || src[len - 1] == ' '))
    len--;
  while (len > 0 && (src[0] == '\n' || src[0] == ' ')) {
    src++;
    len--;
  }
  if (L == NULL || len == 0 || len > PAT_SRC_MAX) {
    snprintf(why, why_len, "%s",
             L == NULL  ? "patterns need a tree-sitter language"
             : len == 0 ? "empty pattern"
                        : "pattern too long");
    return NULL;
  }
  pv_pattern *p = pv_arena_alloc(a, sizeof *p);
  pv_buf b;
  pv_buf_init(&b, PAT_SRC_MAX * 4);
  rewrite(&b, src, len, l == PV_LANG_JSON);
  if (p == NULL || pv_buf_status(&b) != PV_OK || b.data == NULL) {
    snprintf(why, why_len, "%s",
             pv_buf_status(&b) == PV_FAILED ? "pattern too long" : "out of memory");
    pv_buf_free(&b);
    return NULL;
  }
  memset(p, 0, sizeof *p);
  p->lang = l;
  p->sy = syms_for(l);
  cctx c = {.a = a, .sy = &p->sy, .pat = p};
  char *bare = strip ? untyped((const char *)b.data, b.len) : NULL;
  const char *s = strip ? bare : (const char *)b.data;
  /* `{key: $V, ...}`: as statements a block with a syntax error, whose
   * recovery costs more than the parse; when the snippet is one object
   * literal, the statements could only be that failing block (JSON has
   * no parentheses: its documents are tried as they are) */
  if (s != NULL && s[0] == '{' && l != PV_LANG_JSON)
    p->root = comp_try(&c, L, s, b.len, AS_OBJECT);
  if (s != NULL && p->root == NULL && !c.failed)
    p->root = comp_try(&c, L, s, b.len, AS_STATEMENTS);
  if (s != NULL && p->root == NULL && !c.failed)
    p->root = comp_try(&c, L, s, b.len, AS_EXPRESSION);
  free(bare);
  pv_buf_free(&b);
  if (p->root == NULL || c.failed) {
    snprintf(why, why_len,
             "pattern does not parse as %s%s (tried a statement, statements and an "
             "expression)%s",
             pv_lang_name(l), strip ? " without its TypeScript types" : "",
             c.failed ? " or is nested too deeply" : "");
    return NULL;
  }
  /* A root <... P ...> would match P and every ancestor of it; report P
   * once instead (one walk, no nested search from every node). */
  while (p->root->kind == P_DEEP)
    p->root = p->root->kids[0];
  if (p->root->kind == P_ELL || p->root->kind == P_ELL_MV) {
    snprintf(why, why_len, "a pattern that is only '...' matches everything");
    return NULL;
  }
  collect_lits(p, p->root);
  p->untyped = strip;
  return p;
}

pv_pattern *pv_pattern_compile(pv_arena *a, const char *src, size_t len, pv_lang l, char *why,
                               size_t why_len) {
  return compile(a, src, len, l, 0, why, why_len);
}

pv_pattern *pv_pattern_compile_untyped(pv_arena *a, const char *src, size_t len, char *why,
                                       size_t why_len) {
  return compile(a, src, len, PV_LANG_JS, 1, why, why_len);
}

static int has_mv(const pnode *p, const char *name) {
  if ((p->kind == P_MV || p->kind == P_STR_MV || p->kind == P_ELL_MV) && p->text &&
      strcmp(p->text, name) == 0)
    return 1;
  for (uint32_t i = 0; i < p->n; i++)
    if (has_mv(p->kids[i], name))
      return 1;
  return 0;
}

int pv_pattern_has_mv(const pv_pattern *p, const char *name) {
  return has_mv(p->root, name);
}

int pv_pattern_is_untyped(const pv_pattern *p) {
  return p->untyped;
}

int pv_pattern_is_any(const pv_pattern *p) {
  return p->root->kind == P_MV;
}

/* ---- Per-file aliases and constants ----------------------------------- */

/* What a declaration makes of a name: a module, a member of one, a
 * constant string (A_CONST: its content in the file; A_CONST_MADE: made of
 * constants, `'a' + B`, `${B}/x`, its text not kept), or anything else
 * (which hides the others). */
typedef enum { A_MOD, A_MEMBER, A_CONST, A_CONST_MADE, A_NONE } akind;

typedef struct {
  uint8_t kind;
  uint32_t at;     /* the declaration's first byte: it holds from there on */
  uint32_t ns, ne; /* the local name */
  uint32_t ms, me; /* module (without node:) or constant content */
  uint32_t ps, pe; /* member name */
  uint32_t next;   /* next record in the same hash chain, UINT32_MAX ends */
} alias;

/* An open-addressing set of 4-word keys (for names: {offset, length} of
 * one occurrence, compared by text). */
typedef struct {
  uint32_t (*k)[4];
  uint8_t *used;
  uint32_t n, cap;
} kset;

struct pv_pscan {
  const unsigned char *data;
  uint32_t size;
  TSNode root;
  const syms *sy;
  TSTreeCursor cur;
  int have_cur;
  TSNode *kids; /* scratch stack of child lists */
  uint32_t nkids, capkids;
  /* The file's declarations, found on demand: a name is looked up by
   * finding its occurrences and the declarations they sit in, once per
   * name (or, past NAMES_MAX names, by visiting every declaration once). */
  alias *al;
  uint32_t nal, capal;
  uint32_t *ahead, acap; /* hash chains of al by name text; acap a power of 2 */
  kset decls;            /* declarations recorded, by first byte */
  kset names;            /* names looked up */
  kset tried;            /* (pattern, node) pairs tried on demand; expanded modules */
  int env_full;          /* every declaration is recorded */
  int alias_full;        /* ALIAS_MAX declarations are: later ones are not */
  uint32_t decl_at;
  uint32_t steps;
  uint32_t seq_end;        /* index after the last statement of a sequence match */
  uint32_t step_budget;    /* steps an attempt may take (pv_pscan_set_step_budget) */
  unsigned cut;            /* PV_PSCAN_* bits: what cut the current attempt short */
  uint8_t *over;           /* per pattern: PV_PSCAN_* bits of its attempts in this file */
  uint32_t capover, nover; /* its size; patterns with bits set */
  pv_pmatch out[ENUM_MAX]; /* the matches found at the current node */
  uint32_t nout;
  int oom;
  uint32_t const_depth;  /* constants resolved inside the declaration of another */
  const uint8_t *active; /* per pattern: try it in this file (caller's) */
  uint32_t *occ;         /* anchor word occurrences: start, end, word id; by start */
  uint32_t nocc, capocc; /* (in uint32_t units: 3 per occurrence) */
  uint32_t *byword;      /* the same occurrences by word id, then start */
  uint32_t capbyword;    /* its size (uint32_t units) */
  int have_byword;       /* byword holds occ */
  int have_occ;          /* occ lists every anchor of the active patterns */
  int no_anchors;        /* pv_pscan_no_anchors: try every pattern at every node */
  int same_file;         /* pv_pscan_same_file: keep the file's declarations and tries */
  uint32_t walk;         /* pv_pindex_scan calls (module anchors are expanded once per walk) */
  /* Where the last pv_pindex_match_around left its cursor (the deepest
   * node it tried), for a next call of the same pattern in the same walk. */
  TSTreeCursor around;
  int have_around;                 /* around was made */
  uint32_t around_id, around_walk; /* the pattern and walk it holds (walk 0: none) */
  uint32_t around_depth;           /* the depth of its node */
  uint32_t *live;    /* the index's lists of ids cut to the active patterns (live_lists) */
  uint32_t caplive;  /* its size */
  uint32_t node_gen; /* nodes visited by walks: what word_hit holds is for this one */
  uint32_t word_gen[ANCHOR_WORDS_MAX]; /* per anchor word: node_gen when word_hit was set */
  uint8_t word_hit[ANCHOR_WORDS_MAX];  /* per anchor word: the node holds it (covers) */
};

pv_pscan *pv_pscan_new(void) {
  pv_pscan *s = calloc(1, sizeof(pv_pscan));
  if (s != NULL)
    s->step_budget = pv_limits_default().pattern_steps;
  return s;
}

void pv_pscan_set_step_budget(pv_pscan *s, uint32_t steps) {
  s->step_budget = steps;
}

unsigned pv_pscan_exceeded(const pv_pscan *s, uint32_t id) {
  return id < s->capover ? s->over[id] : 0;
}

int pv_pscan_exceeded_any(const pv_pscan *s) {
  return s->nover > 0;
}

/* The attempt of pattern id just made: record what cut it short. */
static void attempt_done(pv_pscan *s, uint32_t id) {
  if (s->steps > s->step_budget)
    s->cut |= PV_PSCAN_STEPS;
  if (s->cut == 0)
    return;
  if (id >= s->capover) {
    uint32_t cap = id + 64;
    uint8_t *v = realloc(s->over, cap);
    if (v == NULL) {
      s->oom = 1;
      return;
    }
    memset(v + s->capover, 0, cap - s->capover);
    s->over = v;
    s->capover = cap;
  }
  if (s->over[id] == 0)
    s->nover++;
  s->over[id] |= (uint8_t)s->cut;
}

/* A new file: no attempt was cut short yet. */
static void over_reset(pv_pscan *s) {
  if (s->nover > 0)
    memset(s->over, 0, s->capover);
  s->nover = 0;
}

void pv_pscan_no_anchors(pv_pscan *s) {
  s->no_anchors = 1;
}

void pv_pscan_same_file(pv_pscan *s) {
  s->same_file = 1;
}

static void kset_free(kset *t) {
  free(t->k);
  free(t->used);
  memset(t, 0, sizeof *t);
}

void pv_pscan_delete(pv_pscan *s) {
  if (s == NULL)
    return;
  kset_free(&s->decls);
  kset_free(&s->names);
  kset_free(&s->tried);
  free(s->ahead);
  if (s->have_cur)
    ts_tree_cursor_delete(&s->cur);
  if (s->have_around)
    ts_tree_cursor_delete(&s->around);
  free(s->kids);
  free(s->al);
  free(s->occ);
  free(s->byword);
  free(s->live);
  free(s->over);
  free(s);
}

static int text_eq(const pv_pscan *s, uint32_t a, uint32_t ae, const char *t, uint32_t n) {
  return ae - a == n && memcmp(s->data + a, t, n) == 0;
}

static void str_range(const pv_pscan *s, TSNode n, uint32_t *a, uint32_t *e) {
  *a = ts_node_start_byte(n) + 1;
  *e = ts_node_end_byte(n) - 1;
  if (*e < *a)
    *e = *a;
  if (*e - *a > 5 && memcmp(s->data + *a, "node:", 5) == 0)
    *a += 5;
}

static uint32_t hash_text(const unsigned char *t, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++)
    h = (h ^ t[i]) * 16777619u;
  return h;
}

static uint32_t hash_key(const uint32_t k[4]) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < 4; i++) {
    h = (h ^ k[i]) * 16777619u;
    h ^= h >> 15;
  }
  return h;
}

static int kset_grow(kset *t) {
  uint32_t cap = t->cap ? t->cap * 2 : 64;
  uint32_t(*k)[4] = malloc(cap * sizeof *k);
  uint8_t *used = calloc(cap, 1);
  if (k == NULL || used == NULL) {
    free(k);
    free(used);
    return -1;
  }
  kset old = *t;
  t->k = k;
  t->used = used;
  t->cap = cap;
  t->n = 0;
  for (uint32_t i = 0; i < old.cap; i++)
    if (old.used[i]) {
      uint32_t j = old.k[i][3] & (cap - 1); /* k[3] holds the key's hash */
      while (used[j])
        j = (j + 1) & (cap - 1);
      memcpy(k[j], old.k[i], sizeof k[j]);
      used[j] = 1;
      t->n++;
    }
  free(old.k);
  free(old.used);
  return 0;
}

/* Add key (k[3] is overwritten with its hash); 1 if it was new, 0 if there,
 * -1 on OOM. With text, keys are {offset, length} compared as text. */
static int kset_add(kset *t, uint32_t k[4], const unsigned char *text) {
  k[3] = text ? hash_text(text + k[0], k[1]) : hash_key(k);
  if ((t->n + 1) * 2 > t->cap && kset_grow(t) != 0)
    return -1;
  uint32_t j = k[3] & (t->cap - 1);
  for (; t->used[j]; j = (j + 1) & (t->cap - 1)) {
    const uint32_t *o = t->k[j];
    if (o[3] != k[3])
      continue;
    if (text ? o[1] == k[1] && memcmp(text + o[0], text + k[0], k[1]) == 0
             : o[0] == k[0] && o[1] == k[1] && o[2] == k[2])
      return 0;
  }
  memcpy(t->k[j], k, sizeof t->k[j]);
  t->used[j] = 1;
  t->n++;
  return 1;
}

static void kset_clear(kset *t) {
  if (t->cap > 4096) { /* one huge file must not pin its table */
    kset_free(t);
  } else if (t->cap) {
    memset(t->used, 0, t->cap);
    t->n = 0;
  }
}

static int chain_grow(pv_pscan *s) {
  uint32_t cap = s->acap ? s->acap * 2 : 64;
  uint32_t *h = malloc(cap * sizeof *h);
  if (h == NULL)
    return -1;
  memset(h, 0xff, cap * sizeof *h);
  for (uint32_t i = 0; i < s->nal; i++) { /* rebuilt in order: chains stay newest first */
    uint32_t b = hash_text(s->data + s->al[i].ns, s->al[i].ne - s->al[i].ns) & (cap - 1);
    s->al[i].next = h[b];
    h[b] = i;
  }
  free(s->ahead);
  s->ahead = h;
  s->acap = cap;
  return 0;
}

static void alias_add(pv_pscan *s, akind k, TSNode name, uint32_t ms, uint32_t me, TSNode mem) {
  uint32_t ns = ts_node_start_byte(name), ne = ts_node_end_byte(name);
  if (s->nal == s->capal) {
    if (s->capal >= ALIAS_MAX) {
      s->alias_full = 1;
      return;
    }
    uint32_t cap = s->capal ? s->capal * 2 : 32;
    alias *a = realloc(s->al, cap * sizeof *a);
    if (a == NULL) {
      s->oom = 1;
      return;
    }
    s->al = a;
    s->capal = cap;
  }
  if (s->nal * 2 >= s->acap && chain_grow(s) != 0) {
    s->oom = 1;
    return;
  }
  alias *a = &s->al[s->nal];
  memset(a, 0, sizeof *a);
  a->kind = (uint8_t)k;
  a->at = s->decl_at;
  a->ns = ns;
  a->ne = ne;
  a->ms = ms;
  a->me = me;
  if (!ts_node_is_null(mem)) {
    a->ps = ts_node_start_byte(mem);
    a->pe = ts_node_end_byte(mem);
  }
  uint32_t b = hash_text(s->data + ns, ne - ns) & (s->acap - 1);
  a->next = s->ahead[b];
  s->ahead[b] = s->nal++;
}

/* require('m') → its module range. */
static int is_require(const pv_pscan *s, TSNode n, uint32_t *ms, uint32_t *me) {
  if (ts_node_symbol(n) != s->sy->call)
    return 0;
  TSNode f = ts_node_child_by_field_name(n, "function", 8);
  TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
  if (ts_node_is_null(f) || ts_node_is_null(args) || ts_node_named_child_count(args) != 1)
    return 0;
  if (!text_eq(s, ts_node_start_byte(f), ts_node_end_byte(f), "require", 7))
    return 0;
  TSNode a0 = ts_node_named_child(args, 0);
  if (ts_node_symbol(a0) != s->sy->string)
    return 0;
  str_range(s, a0, ms, me);
  return 1;
}

static void alias_pattern(pv_pscan *s, TSNode pat, uint32_t ms, uint32_t me) {
  for (uint32_t i = 0; i < ts_node_named_child_count(pat); i++) {
    TSNode k = ts_node_named_child(pat, i);
    if (ts_node_symbol(k) == s->sy->sprop_pat)
      alias_add(s, A_MEMBER, k, ms, me, k);
    else if (ts_node_symbol(k) == s->sy->pairpat) {
      TSNode key = ts_node_child_by_field_name(k, "key", 3);
      TSNode val = ts_node_child_by_field_name(k, "value", 5);
      if (!ts_node_is_null(key) && !ts_node_is_null(val) && ts_node_symbol(val) == s->sy->ident)
        alias_add(s, A_MEMBER, val, ms, me, key);
    }
  }
}

static int is_const_decl(const pv_pscan *s, TSNode decl) {
  TSNode kw = ts_node_child(decl, 0);
  return ts_node_symbol(decl) == s->sy->lexdecl &&
         text_eq(s, ts_node_start_byte(kw), ts_node_end_byte(kw), "const", 5);
}

static const alias *alias_of(pv_pscan *s, TSNode n);

/* Is expression t a string made only of constants: literals, templates
 * whose ${} hold constants, `+` of constants, const names bound to such
 * (declared before; CONST_NEST levels of names at most)? */
static int const_made(pv_pscan *s, TSNode t, uint32_t depth) {
  TSSymbol x = ts_node_symbol(t);
  if (depth > CONST_NEST)
    return 0;
  if (x == s->sy->string)
    return 1;
  if (x == s->sy->paren && ts_node_named_child_count(t) == 1)
    return const_made(s, ts_node_named_child(t, 0), depth + 1);
  if (x == s->sy->binary) {
    TSNode op = ts_node_child_by_field_name(t, "operator", 8);
    TSNode l = ts_node_child_by_field_name(t, "left", 4);
    TSNode r = ts_node_child_by_field_name(t, "right", 5);
    return !ts_node_is_null(op) && !ts_node_is_null(l) && !ts_node_is_null(r) &&
           text_eq(s, ts_node_start_byte(op), ts_node_end_byte(op), "+", 1) &&
           const_made(s, l, depth + 1) && const_made(s, r, depth + 1);
  }
  if (x == s->sy->templ) {
    for (uint32_t i = 0; i < ts_node_named_child_count(t); i++) {
      TSNode k = ts_node_named_child(t, i);
      if (ts_node_symbol(k) == s->sy->subst &&
          (ts_node_named_child_count(k) != 1 ||
           !const_made(s, ts_node_named_child(k, 0), depth + 1)))
        return 0;
    }
    return 1;
  }
  if (x != s->sy->ident || s->const_depth >= CONST_NEST)
    return 0;
  s->const_depth++;
  const alias *al = alias_of(s, t);
  s->const_depth--;
  return al != NULL && (al->kind == A_CONST || al->kind == A_CONST_MADE);
}

static void on_declarator(pv_pscan *s, TSNode d) {
  TSNode name = ts_node_child_by_field_name(d, "name", 4);
  TSNode val = ts_node_child_by_field_name(d, "value", 5);
  uint32_t ms, me;
  if (ts_node_is_null(name))
    return;
  int ident = ts_node_symbol(name) == s->sy->ident;
  TSNode none = {0};
  if (ts_node_is_null(val)) {
    if (ident)
      alias_add(s, A_NONE, name, 0, 0, none);
    return;
  }
  TSSymbol vs = ts_node_symbol(val);
  if (is_require(s, val, &ms, &me)) {
    if (ident)
      alias_add(s, A_MOD, name, ms, me, none);
    else if (ts_node_symbol(name) == s->sy->objpat)
      alias_pattern(s, name, ms, me);
  } else if (vs == s->sy->member && ident) {
    TSNode obj = ts_node_child_by_field_name(val, "object", 6);
    TSNode prop = ts_node_child_by_field_name(val, "property", 8);
    if (!ts_node_is_null(obj) && !ts_node_is_null(prop) && is_require(s, obj, &ms, &me))
      alias_add(s, A_MEMBER, name, ms, me, prop);
  } else if (ident &&
             (vs == s->sy->string || (vs == s->sy->templ && !has_child_sym(val, s->sy->subst))) &&
             is_const_decl(s, ts_node_parent(d))) {
    uint32_t a = ts_node_start_byte(val) + 1, e = ts_node_end_byte(val) - 1;
    alias_add(s, A_CONST, name, a, e < a ? a : e, none);
  } else if (ident && is_const_decl(s, ts_node_parent(d)) && const_made(s, val, 0)) {
    alias_add(s, A_CONST_MADE, name, 0, 0, none);
  } else if (ident) {
    alias_add(s, A_NONE, name, 0, 0, none); /* a non-constant: hides any constant */
  }
}

static void on_import(pv_pscan *s, TSNode imp) {
  TSNode src = ts_node_child_by_field_name(imp, "source", 6);
  if (ts_node_is_null(src))
    return;
  uint32_t ms, me;
  str_range(s, src, &ms, &me);
  TSNode none = {0};
  for (uint32_t i = 0; i < ts_node_named_child_count(imp); i++) {
    TSNode cl = ts_node_named_child(imp, i);
    if (ts_node_symbol(cl) != s->sy->import_clause)
      continue;
    for (uint32_t j = 0; j < ts_node_named_child_count(cl); j++) {
      TSNode k = ts_node_named_child(cl, j);
      TSSymbol ks = ts_node_symbol(k);
      if (ks == s->sy->ident)
        alias_add(s, A_MOD, k, ms, me, none);
      else if (ks == s->sy->ns_import && ts_node_named_child_count(k) == 1)
        alias_add(s, A_MOD, ts_node_named_child(k, 0), ms, me, none);
      else
        for (uint32_t m = 0; m < ts_node_named_child_count(k); m++) {
          TSNode sp = ts_node_named_child(k, m);
          if (ts_node_symbol(sp) != s->sy->import_spec)
            continue;
          TSNode nm = ts_node_child_by_field_name(sp, "name", 4);
          TSNode al = ts_node_child_by_field_name(sp, "alias", 5);
          if (!ts_node_is_null(nm))
            alias_add(s, A_MEMBER, ts_node_is_null(al) ? nm : al, ms, me, nm);
        }
    }
  }
}

/* Record the names declaration d (a variable declarator or an import)
 * declares, once. */
static void record_decl(pv_pscan *s, TSNode d) {
  uint32_t k[4] = {ts_node_start_byte(d), 0, 0, 0};
  int added = kset_add(&s->decls, k, NULL);
  if (added < 0)
    s->oom = 1;
  if (added <= 0)
    return;
  s->decl_at = k[0];
  if (ts_node_symbol(d) == s->sy->vdecl)
    on_declarator(s, d);
  else
    on_import(s, d);
}

/* The declaration whose name n is (or sits in: destructuring, import
 * clauses), if any. */
static TSNode decl_of(const pv_pscan *s, TSNode n) {
  const syms *y = s->sy;
  for (int up = 0; up < 5 && !ts_node_is_null(n); up++, n = ts_node_parent(n)) {
    TSSymbol x = ts_node_symbol(n);
    if (x == y->vdecl || x == y->import)
      return n;
    if (up > 0 && x != y->objpat && x != y->pairpat && x != y->import_clause && x != y->ns_import &&
        x != y->import_spec && x != y->named_imports)
      break;
  }
  return (TSNode){0};
}

/* Every declaration of the file, recorded by one walk. */
static void record_one(void *ctx, TSNode n) {
  pv_pscan *s = ctx;
  TSSymbol x = ts_node_symbol(n);
  if (x == s->sy->vdecl || x == s->sy->import)
    record_decl(s, n);
}

static int is_name_at(const pv_pscan *s, uint32_t a, uint32_t n) {
  return (a == 0 || !is_id_char((char)s->data[a - 1])) &&
         (a + n >= s->size || !is_id_char((char)s->data[a + n]));
}

/* Where the words a declaration starts with (var, let, const, using,
 * import) occur as whole words in the file, in order, into *out (malloc'd);
 * their count, or -1 on OOM. */
static int64_t decl_words(const pv_pscan *s, uint32_t **out) {
  static const char *const kw[] = {"var", "let", "const", "using", "import"};
  uint32_t n = 0, cap = 0, *v = NULL;
  for (uint32_t i = 0; i < s->size; i++) {
    unsigned char ch = s->data[i];
    if ((ch != 'v' && ch != 'l' && ch != 'c' && ch != 'u' && ch != 'i') ||
        (i > 0 && is_id_char((char)s->data[i - 1])))
      continue;
    for (size_t k = 0; k < sizeof kw / sizeof *kw; k++) {
      uint32_t len = (uint32_t)strlen(kw[k]);
      if (len > s->size - i || memcmp(s->data + i, kw[k], len) != 0 || !is_name_at(s, i, len))
        continue;
      if (n == cap) {
        uint32_t *w = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof *v);
        if (w == NULL) {
          free(v);
          return -1;
        }
        v = w;
      }
      v[n++] = i;
      break;
    }
  }
  *out = v;
  return n;
}

/* Does [a, e) hold one of the n sorted offsets v? */
static int holds_offset(const uint32_t *v, uint32_t n, uint32_t a, uint32_t e) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (v[mid] < a)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && v[lo] < e;
}

/* Every declaration of the file, recorded by one walk (in the order of a
 * walk of the whole tree). A declaration holds its keyword (its
 * declarators are children of the node that does), so the walk goes down
 * only into nodes holding one of those words, or an error. */
static void record_all(pv_pscan *s) {
  uint32_t *kw = NULL;
  int64_t nkw = decl_words(s, &kw);
  s->env_full = 1;
  if (nkw < 0) {
    pv_tree_walk(s->root, record_one, s);
    return;
  }
  TSTreeCursor c = ts_tree_cursor_new(s->root);
  for (int down = 1;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    if (down)
      record_one(s, n);
    if (down &&
        (ts_node_has_error(n) ||
         holds_offset(kw, (uint32_t)nkw, ts_node_start_byte(n), ts_node_end_byte(n))) &&
        ts_tree_cursor_goto_first_child(&c))
      continue;
    down = ts_tree_cursor_goto_next_sibling(&c);
    if (!down && !ts_tree_cursor_goto_parent(&c))
      break;
  }
  ts_tree_cursor_delete(&c);
  free(kw);
}

/* Record the declarations of name [a, a + n) of the file, once per name. */
static void resolve_name(pv_pscan *s, uint32_t a, uint32_t n) {
  uint32_t k[4] = {a, n, 0, 0};
  if (s->env_full || n == 0) /* n == 0: an identifier error recovery made up */
    return;
  int added = kset_add(&s->names, k, s->data);
  if (added < 0)
    s->oom = 1;
  if (added <= 0)
    return;
  if (s->names.n > NAMES_MAX) {
    record_all(s);
    return;
  }
  const unsigned char *w = s->data + a, *p = s->data, *end = s->data + s->size;
  for (uint32_t count = 0; (p = memmem(p, (size_t)(end - p), w, n)) != NULL; p++) {
    uint32_t at = (uint32_t)(p - s->data);
    if (!is_name_at(s, at, n))
      continue;
    if (++count > NAME_OCCS_MAX) {
      record_all(s);
      return;
    }
    TSNode d = decl_of(s, ts_node_named_descendant_for_byte_range(s->root, at, at + n));
    if (!ts_node_is_null(d))
      record_decl(s, d);
  }
}

/* What identifier n stands for where it is: the one declaration of its
 * name that starts before it, or NULL (none, several, or not an alias or
 * constant). */
static const alias *alias_of(pv_pscan *s, TSNode n) {
  if (ts_node_symbol(n) != s->sy->ident)
    return NULL;
  uint32_t a = ts_node_start_byte(n), e = ts_node_end_byte(n);
  resolve_name(s, a, e - a);
  if (s->alias_full)
    s->cut |= PV_PSCAN_DECLS; /* the declaration of n may be one left out */
  if (s->acap == 0)
    return NULL;
  const alias *hit = NULL;
  for (uint32_t i = s->ahead[hash_text(s->data + a, e - a) & (s->acap - 1)]; i != UINT32_MAX;
       i = s->al[i].next) {
    const alias *x = &s->al[i];
    if (x->at > a || x->ne - x->ns != e - a || memcmp(s->data + x->ns, s->data + a, e - a) != 0)
      continue;
    if (hit != NULL)
      return NULL;
    hit = x;
  }
  return hit && hit->kind != A_NONE ? hit : NULL;
}

/* ---- Matching --------------------------------------------------------- */

typedef struct kont kont;
static int m_node(pv_pscan *s, const pnode *p, TSNode t, pv_pmatch *m, const kont *k);
static int deep_find(pv_pscan *s, const pnode *inner, TSNode t, pv_pmatch *m, const kont *k);

static TSNode unparen(const pv_pscan *s, TSNode t) {
  while (ts_node_symbol(t) == s->sy->paren && ts_node_named_child_count(t) == 1)
    t = ts_node_named_child(t, 0);
  return t;
}

/* A TypeScript parameter `x: T` (or `x?: T`) is its name `x` to a pattern
 * that is not a parameter with a type. */
static TSNode unparam(const pv_pscan *s, TSNode t, TSSymbol want) {
  TSSymbol x = ts_node_symbol(t);
  if (x == 0 || x == want || (x != s->sy->req_param && x != s->sy->opt_param))
    return t;
  TSNode p = ts_node_child_by_field_name(t, "pattern", 7);
  return ts_node_is_null(p) ? t : p;
}

static int is_cast(const syms *y, TSSymbol x) {
  return x != 0 && (x == y->as_expr || x == y->satisfies || x == y->non_null);
}

/* `e as T`, `e satisfies T` and `e!` are e to a pattern that is not itself
 * such an expression (and parentheses stay transparent under them). */
static TSNode uncast(const pv_pscan *s, TSNode t, TSSymbol want) {
  for (int i = 0; i < PAT_MAX_DEPTH && is_cast(s->sy, ts_node_symbol(t)) &&
                  ts_node_symbol(t) != want && ts_node_named_child_count(t) > 0;
       i++)
    t = unparen(s, ts_node_named_child(t, 0));
  return t;
}

/* Same code modulo blanks. */
static int code_eq(const pv_pscan *s, uint32_t a, uint32_t ae, uint32_t b, uint32_t be) {
  const unsigned char *d = s->data;
  for (;;) {
    while (a < ae && (d[a] == ' ' || d[a] == '\t' || d[a] == '\n' || d[a] == '\r'))
      a++;
    while (b < be && (d[b] == ' ' || d[b] == '\t' || d[b] == '\n' || d[b] == '\r'))
      b++;
    if (a == ae || b == be)
      return a == ae && b == be;
    if (d[a++] != d[b++])
      return 0;
  }
}

static int bind(pv_pscan *s, pv_pmatch *m, const char *name, uint32_t a, uint32_t e) {
  if (name == NULL)
    return 1;
  for (uint32_t i = 0; i < m->nb; i++)
    if (strcmp(m->b[i].name, name) == 0)
      return code_eq(s, m->b[i].s, m->b[i].e, a, e);
  if (m->nb >= PV_PAT_MAX_BINDINGS)
    return 0;
  m->b[m->nb].name = name;
  m->b[m->nb].s = a;
  m->b[m->nb].e = e;
  m->nb++;
  return 1;
}

/* Content range of a constant string: a literal, a template without ${},
 * or a const identifier holding one (1); a string made of constants
 * (`${A}/x`, 'a' + B) or a const identifier bound to one, whose text is
 * not kept (2); else 0. */
static int const_string(pv_pscan *s, TSNode t, uint32_t *a, uint32_t *e) {
  TSSymbol x = ts_node_symbol(t);
  if (x == s->sy->string || (x == s->sy->templ && !has_child_sym(t, s->sy->subst))) {
    *a = ts_node_start_byte(t) + 1;
    *e = ts_node_end_byte(t) - 1;
    if (*e < *a)
      *e = *a;
    return 1;
  }
  if (x == s->sy->templ || x == s->sy->binary)
    return const_made(s, t, 0) ? 2 : 0;
  const alias *al = alias_of(s, t);
  if (al == NULL || (al->kind != A_CONST && al->kind != A_CONST_MADE))
    return 0;
  *a = al->ms;
  *e = al->me;
  return al->kind == A_CONST ? 1 : 2;
}

static int m_string(pv_pscan *s, const pnode *p, TSNode t, pv_pmatch *m) {
  uint32_t a, e;
  int c = const_string(s, t, &a, &e);
  if (c == 0)
    return 0;
  if (p->kind == P_STR_ANY)
    return 1;
  if (p->kind == P_STR_MV)
    return bind(s, m, p->text, ts_node_start_byte(t), ts_node_end_byte(t));
  return c == 1 && text_eq(s, a, e, p->text, p->len); /* a made constant's text is unknown */
}

/* Which children of a node push_kids keeps: all but comments, the named
 * ones only with KIDS_NAMED_ONLY; TypeScript type arguments, annotations
 * and `async` only when asked for (a pattern that has them compares them,
 * one without them skips them). */
typedef enum {
  KIDS_NAMED_ONLY = 1 << 0, /* leave out anonymous children (lists: `,` `(` ...) */
  KIDS_TYPE_ARGS = 1 << 1,  /* keep TypeScript type arguments: `f<T>(x)` */
  KIDS_TYPE_ANN = 1 << 2,   /* keep type annotations: `(x: T) =>` */
  KIDS_ASYNC = 1 << 3,      /* keep the async keyword: `async () =>` */
} kids_flags;

/* Is child k (symbol x) left out by flags? */
static int kid_dropped(const pv_pscan *s, TSNode k, TSSymbol x, unsigned flags) {
  if (x == s->sy->comment)
    return 1;
  if ((flags & KIDS_NAMED_ONLY) && !ts_node_is_named(k))
    return 1;
  if (x == 0)
    return 0;
  if (!(flags & KIDS_TYPE_ARGS) && x == s->sy->type_args)
    return 1;
  if (!(flags & KIDS_TYPE_ANN) && x == s->sy->type_ann)
    return 1;
  return !(flags & KIDS_ASYNC) && x == s->sy->async_kw;
}

/* tree-sitter-typescript parses `await f<T>(x)` as `(await f)<T>(x)`
 * (its issue 282): a call whose callee is an await_expression, which
 * written code can only give with parentheses. Its callee is f. */
static TSNode awaited_callee(const pv_pscan *s, TSNode t, TSNode k) {
  if (ts_node_symbol(t) != s->sy->call || ts_node_symbol(k) != s->sy->await_expr)
    return k;
  return ts_node_named_child_count(k) == 1 ? ts_node_named_child(k, 0) : k;
}

/* Children of t (kids_flags say which) pushed on the scratch stack;
 * returns their count, or UINT32_MAX on OOM. */
static uint32_t push_kids(pv_pscan *s, TSNode t, unsigned flags) {
  uint32_t n0 = s->nkids;
  if (!s->have_cur) {
    s->cur = ts_tree_cursor_new(t);
    s->have_cur = 1;
  } else {
    ts_tree_cursor_reset(&s->cur, t);
  }
  if (!ts_tree_cursor_goto_first_child(&s->cur))
    return 0;
  do {
    TSNode k = ts_tree_cursor_current_node(&s->cur);
    if (kid_dropped(s, k, ts_node_symbol(k), flags))
      continue;
    k = awaited_callee(s, t, k);
    if (s->nkids == s->capkids) {
      uint32_t cap = s->capkids ? s->capkids * 2 : 256;
      TSNode *v = realloc(s->kids, cap * sizeof *v);
      if (v == NULL) {
        s->oom = 1;
        s->nkids = n0;
        return UINT32_MAX;
      }
      s->kids = v;
      s->capkids = cap;
    }
    s->kids[s->nkids++] = k;
  } while (ts_tree_cursor_goto_next_sibling(&s->cur));
  return s->nkids - n0;
}

/* Matching is in continuation-passing style so that every way a pattern
 * can bind (which `...` run, which descendant of <... ...>) is tried: a
 * matcher calls its continuation k on success, and returns 1 only when
 * the continuation says stop. Bindings are appended to m; a caller that
 * tries another way first restores m->nb. */
typedef int (*kfn)(pv_pscan *s, pv_pmatch *m, const kont *k);
struct kont {
  kfn fn;
  const kont *next;
  pnode *const *p; /* list / children continuation: patterns p[i..np) */
  uint32_t i, np, base, j, nt;
  int prefix;
  const pnode *pn; /* k_node: match pn against t next */
  TSNode t;
};

#define K(k) ((k)->fn(s, m, (k)))

static int m_list(pv_pscan *s, pnode *const *p, uint32_t i, uint32_t np, uint32_t base, uint32_t j,
                  uint32_t nt, int prefix, pv_pmatch *m, const kont *k);

static int k_list(pv_pscan *s, pv_pmatch *m, const kont *c) {
  return m_list(s, c->p, c->i, c->np, c->base, c->j, c->nt, c->prefix, m, c->next);
}

static int k_seq_end(pv_pscan *s, pv_pmatch *m, const kont *c) {
  s->seq_end = c->j;
  return c->next->fn(s, m, c->next);
}

static int k_node(pv_pscan *s, pv_pmatch *m, const kont *c) {
  return m_node(s, c->pn, c->t, m, c->next);
}

/* ---- Text a match needs --------------------------------------------- */

static int is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* First position in [from, to) where the non-blank bytes of [ta, te)
 * start, each following the last with only blanks between (what code_eq
 * equates), all before to; UINT32_MAX if there is none. */
static uint32_t find_code(const pv_pscan *s, uint32_t ta, uint32_t te, uint32_t from, uint32_t to) {
  const unsigned char *d = s->data;
  while (ta < te && is_blank(d[ta]))
    ta++;
  for (const unsigned char *at; from < to && (at = memchr(d + from, d[ta], to - from)) != NULL;
       from++) {
    from = (uint32_t)(at - d);
    uint32_t a = ta + 1, b = from + 1;
    for (;; a++, b++) {
      while (a < te && is_blank(d[a]))
        a++;
      while (b < to && is_blank(d[b]))
        b++;
      if (a == te || b == to || d[a] != d[b])
        break;
    }
    if (a == te)
      return from;
  }
  return UINT32_MAX;
}

/* Non-zero if every match of p binds metavariable name at a node inside
 * p's target (a P_MV, compared by code_eq), whichever way m_node matches
 * p: a require is matched through aliases instead, an assignment also as
 * a declarator (its name and value). */
static int must_bind(const pv_pscan *s, const pnode *p, const char *name) {
  switch ((pkind)p->kind) {
    case P_MV:
      return p->text != NULL && strcmp(p->text, name) == 0;
    case P_DEEP:
      return must_bind(s, p->kids[0], name);
    case P_NODE:
      break;
    default:
      return 0;
  }
  if (p->req != REQ_NONE)
    return 0;
  if (p->sym == s->sy->assign)
    return p->n == 3 && (must_bind(s, p->kids[0], name) || must_bind(s, p->kids[2], name));
  if (p->sym == s->sy->expr_stmt && p->n >= 1 && p->kids[0]->sym == s->sy->assign)
    return must_bind(s, p->kids[0], name); /* `x = e;` also matches `const x = e;` */
  for (uint32_t i = 0; i < p->n; i++)
    if (must_bind(s, p->kids[i], name))
      return 1;
  return 0;
}

/* The text some match of a pattern must hold: a bound metavariable's, and
 * the first place at or after the last node asked about that holds it. */
typedef struct {
  uint32_t ts, te; /* the binding's bytes */
  uint32_t end;    /* where the places looked at end */
  uint32_t next;   /* the first occurrence found, or UINT32_MAX: none left */
} need;

/* Set w from a binding of m that every match of p must hold (looking in
 * [from, to)); 0 if there is none. */
static int need_of(const pv_pscan *s, const pnode *p, const pv_pmatch *m, uint32_t from,
                   uint32_t to, need *w) {
  for (uint32_t i = 0; i < m->nb; i++) {
    const pv_binding *b = &m->b[i];
    uint32_t a = b->s;
    while (a < b->e && is_blank(s->data[a]))
      a++;
    if (a == b->e || !must_bind(s, p, b->name))
      continue;
    *w = (need){.ts = a, .te = b->e, .end = to};
    w->next = find_code(s, a, b->e, from, to);
    return 1;
  }
  return 0;
}

/* Non-zero if node bytes [a, e) may hold w's text (nodes asked about in
 * the order of their start). */
static int need_in(const pv_pscan *s, need *w, uint32_t a, uint32_t e) {
  if (w->next < a)
    w->next = find_code(s, w->ts, w->te, a, w->end);
  return w->next < e;
}

/* Pattern list p[i..np) against target kids [base+j, base+nt); prefix:
 * the target may go on (statement sequences; s->seq_end gets the index
 * after the last statement matched). */
static int m_list(pv_pscan *s, pnode *const *p, uint32_t i, uint32_t np, uint32_t base, uint32_t j,
                  uint32_t nt, int prefix, pv_pmatch *m, const kont *k) {
  if (++s->steps > s->step_budget)
    return 0;
  if (i == np) {
    if (!prefix && j != nt)
      return 0;
    s->seq_end = j;
    return K(k);
  }
  uint32_t nb = m->nb;
  if (p[i]->kind == P_ELL || p[i]->kind == P_ELL_MV) {
    if (i + 1 == np) { /* trailing ...: takes the rest (to the end of the block, as in
                        * Semgrep: one match, not one per later statement) */
      s->seq_end = nt;
      if (p[i]->kind == P_ELL)
        return K(k);
      uint32_t a = j < nt ? ts_node_start_byte(s->kids[base + j]) : 0;
      uint32_t e = j < nt ? ts_node_end_byte(s->kids[base + nt - 1]) : 0;
      return bind(s, m, p[i]->text, a, e) && K(k);
    }
    need w;
    int filter = i + 1 < np && j < nt &&
                 need_of(s, p[i + 1], m, ts_node_start_byte(s->kids[base + j]),
                         ts_node_end_byte(s->kids[base + nt - 1]), &w);
    for (uint32_t q = j; q <= nt; q++) {
      if (filter && (q == nt || w.next == UINT32_MAX))
        break; /* no statement left holds the text p[i + 1] needs */
      if (filter && !need_in(s, &w, ts_node_start_byte(s->kids[base + q]),
                             ts_node_end_byte(s->kids[base + q])))
        continue;
      int ok = 1;
      if (p[i]->kind == P_ELL_MV && q > j)
        ok = bind(s, m, p[i]->text, ts_node_start_byte(s->kids[base + j]),
                  ts_node_end_byte(s->kids[base + q - 1]));
      else if (p[i]->kind == P_ELL_MV)
        ok = bind(s, m, p[i]->text, 0, 0);
      if (ok && m_list(s, p, i + 1, np, base, q, nt, prefix, m, k))
        return 1;
      m->nb = nb;
      if (s->steps > s->step_budget)
        return 0;
    }
    return 0;
  }
  if (j >= nt)
    return 0;
  kont c = {.fn = k_list,
            .next = k,
            .p = p,
            .i = i + 1,
            .np = np,
            .base = base,
            .j = j + 1,
            .nt = nt,
            .prefix = prefix};
  if (m_node(s, p[i], s->kids[base + j], m, &c))
    return 1;
  m->nb = nb;
  /* Statement sequences: the last statement after `...` may be nested in a
   * later statement (an if, a loop, a try block), as in Semgrep. */
  if (prefix && i + 1 == np && i > 0 && p[i - 1]->kind == P_ELL) {
    kont e = {.fn = k_seq_end, .next = k, .j = j + 1};
    if (deep_find(s, p[i], s->kids[base + j], m, &e))
      return 1;
  }
  m->nb = nb;
  return 0;
}

/* Non-list children one after the other. */
static int k_child(pv_pscan *s, pv_pmatch *m, const kont *c) {
  if (c->i == c->np)
    return c->next->fn(s, m, c->next);
  kont n = *c;
  n.i++;
  return m_node(s, c->p[c->i], s->kids[c->base + c->i], m, &n);
}

static int m_children(pv_pscan *s, const pnode *p, TSNode t, pv_pmatch *m, const kont *k) {
  uint32_t base = s->nkids;
  /* `f<T>(x)`, `(x: T) =>`, `async () =>` in a pattern compare type
   * arguments, annotations and async; patterns without them skip them */
  unsigned keep = p->list ? KIDS_NAMED_ONLY : 0;
  for (uint32_t i = 0; i < p->n; i++) {
    TSSymbol ks = p->kids[i]->sym;
    if (ks == 0)
      continue;
    if (ks == s->sy->type_args)
      keep |= KIDS_TYPE_ARGS;
    if (ks == s->sy->type_ann)
      keep |= KIDS_TYPE_ANN;
    if (ks == s->sy->async_kw)
      keep |= KIDS_ASYNC;
  }
  uint32_t nt = push_kids(s, t, keep);
  if (nt == UINT32_MAX)
    return 0;
  int ok;
  /* a regex literal without flags in the pattern (`/$RE/`) takes any flags */
  if (!p->list && p->sym == s->sy->regex && nt == p->n + 1)
    nt = p->n;
  if (p->list)
    ok = m_list(s, p->kids, 0, p->n, base, 0, nt, 0, m, k);
  else if (nt != p->n)
    ok = 0;
  else {
    kont c = {.fn = k_child, .next = k, .p = p->kids, .np = p->n, .base = base, .nt = nt};
    ok = k_child(s, m, &c);
  }
  s->nkids = base;
  return ok;
}

/* `$X = $E` also matches a declarator `x = e`. */
static int m_declarator(pv_pscan *s, const pnode *p, TSNode t, pv_pmatch *m, const kont *k) {
  TSNode name = ts_node_child_by_field_name(t, "name", 4);
  TSNode val = ts_node_child_by_field_name(t, "value", 5);
  if (p->n != 3 || ts_node_is_null(name) || ts_node_is_null(val))
    return 0;
  kont c = {.fn = k_node, .next = k, .pn = p->kids[2], .t = val};
  return m_node(s, p->kids[0], name, m, &c);
}

/* require('m') / require('m').x against an aliased identifier or a
 * require of the same module written with node: or other quotes. */
static int m_require(pv_pscan *s, const pnode *p, TSNode t, pv_pmatch *m) {
  uint32_t ms, me;
  if (p->req == REQ_CALL && is_require(s, t, &ms, &me))
    return text_eq(s, ms, me, p->text, p->len);
  const alias *al = alias_of(s, t);
  if (al == NULL || !text_eq(s, al->ms, al->me, p->text, p->len))
    return 0;
  if (p->req == REQ_CALL)
    return al->kind == A_MOD;
  if (al->kind != A_MEMBER)
    return 0;
  if (p->member == NULL)
    return bind(s, m, p->kids[2]->text, al->ns, al->ne);
  return text_eq(s, al->ps, al->pe, p->member, p->mlen);
}

/* inner matches t or a named node under it, each tried in turn; nodes
 * that cannot hold the text a bound metavariable of inner needs are
 * passed over with their subtrees. */
static int deep_find(pv_pscan *s, const pnode *inner, TSNode t, pv_pmatch *m, const kont *k) {
  need w;
  int filter = need_of(s, inner, m, ts_node_start_byte(t), ts_node_end_byte(t), &w);
  TSTreeCursor c = ts_tree_cursor_new(t);
  uint32_t depth = 0, nb = m->nb;
  int ok = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    if (filter && w.next == UINT32_MAX)
      break;
    int skip = filter && !need_in(s, &w, ts_node_start_byte(n), ts_node_end_byte(n));
    if (!skip && ts_node_is_named(n) && m_node(s, inner, n, m, k)) {
      ok = 1;
      break;
    }
    m->nb = nb;
    if (s->steps > s->step_budget)
      break;
    if (!skip && ts_tree_cursor_goto_first_child(&c)) {
      if (depth < PV_PSCAN_DEEP_MAX) {
        depth++;
        continue;
      }
      ts_tree_cursor_goto_parent(&c); /* too deep: its children are not looked at */
      s->cut |= PV_PSCAN_DEPTH;
    }
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&c))
        goto done;
      depth--;
    }
  }
done:
  ts_tree_cursor_delete(&c);
  return ok;
}

static int m_leaf(pv_pscan *s, const pnode *p, TSNode t, TSSymbol x) {
  if (p->sym == s->sy->prop && x == s->sy->string) { /* {a: 1} ~ {'a': 1} */
    uint32_t a = ts_node_start_byte(t) + 1, e = ts_node_end_byte(t) - 1;
    return e >= a && text_eq(s, a, e, p->text, p->len);
  }
  if (x != p->sym && !(is_identish(s->sy, x) && is_identish(s->sy, p->sym)))
    return 0;
  return text_eq(s, ts_node_start_byte(t), ts_node_end_byte(t), p->text, p->len);
}

static int m_node(pv_pscan *s, const pnode *p, TSNode t, pv_pmatch *m, const kont *k) {
  if (++s->steps > s->step_budget)
    return 0;
  t = unparen(s, t);
  if (p->kind != P_MV && p->kind != P_ELL_MV && p->kind != P_DEEP)
    t = uncast(s, t, p->sym);
  if (p->kind != P_ELL && p->kind != P_ELL_MV && p->kind != P_DEEP)
    t = unparam(s, t, p->sym);
  TSSymbol x = ts_node_symbol(t);
  uint32_t nb = m->nb;
  switch ((pkind)p->kind) {
    case P_MV: /* any named node but the insides of a string (as Semgrep's $X) */
      return ts_node_is_named(t) && x != s->sy->frag && x != s->sy->esc &&
             x != s->sy->str_content &&
             bind(s, m, p->text, ts_node_start_byte(t), ts_node_end_byte(t)) && K(k);
    case P_ELL:
      return K(k);
    case P_ELL_MV:
      return bind(s, m, p->text, ts_node_start_byte(t), ts_node_end_byte(t)) && K(k);
    case P_DEEP:
      return deep_find(s, p->kids[0], t, m, k);
    case P_STR:
    case P_STR_ANY:
    case P_STR_MV:
      return m_string(s, p, t, m) && K(k);
    case P_LEAF:
      return m_leaf(s, p, t, x) && K(k);
    case P_SEQ:
      return 0;
    case P_NODE:
      break;
  }
  if (p->req != REQ_NONE) {
    if (m_require(s, p, t, m) && K(k))
      return 1;
    m->nb = nb;
  }
  if (p->sym == s->sy->assign && x == s->sy->vdecl)
    return m_declarator(s, p, t, m, k);
  if (p->sym == s->sy->expr_stmt && p->n >= 1 && p->kids[0]->sym == s->sy->assign &&
      (x == s->sy->lexdecl || x == s->sy->vardecl) && ts_node_named_child_count(t) == 1 &&
      ts_node_symbol(ts_node_named_child(t, 0)) == s->sy->vdecl)
    return m_declarator(s, p->kids[0], ts_node_named_child(t, 0), m,
                        k); /* `x = e;` ~ `const x = e;` */
  if (x != p->sym)
    return 0;
  return m_children(s, p, t, m, k);
}

/* ---- Collecting the matches at one node ------------------------------- */

static int same_match(const pv_pmatch *a, const pv_pmatch *b) {
  if (a->s != b->s || a->e != b->e || a->nb != b->nb)
    return 0;
  for (uint32_t i = 0; i < a->nb; i++)
    if (a->b[i].name != b->b[i].name || a->b[i].s != b->b[i].s || a->b[i].e != b->b[i].e)
      return 0;
  return 1;
}

/* The final continuation: record the match (range from the node, or for
 * a sequence from its first and last statements); 1 (stop) when full. */
static int k_root(pv_pscan *s, pv_pmatch *m, const kont *c) {
  pv_pmatch r = *m;
  if (c->prefix) {
    if (s->seq_end <= c->j)
      return 0;
    r.s = ts_node_start_byte(s->kids[c->base + c->j]);
    r.e = ts_node_end_byte(s->kids[c->base + s->seq_end - 1]);
  } else {
    r.s = ts_node_start_byte(c->t);
    r.e = ts_node_end_byte(c->t);
  }
  for (uint32_t i = 0; i < s->nout; i++)
    if (same_match(&s->out[i], &r))
      return 0;
  s->out[s->nout++] = r;
  return s->nout >= ENUM_MAX;
}

/* Report and clear the recorded matches; 1 if fn says stop. */
static int flush(pv_pscan *s, uint32_t id, pv_pmatch_fn fn, void *ctx) {
  int stop = 0;
  for (uint32_t i = 0; i < s->nout && !stop; i++)
    stop = fn(ctx, id, &s->out[i]);
  s->nout = 0;
  return stop;
}

/* A statement sequence anywhere in the statement list t. */
static int m_seq(pv_pscan *s, const pnode *p, TSNode t, uint32_t id, pv_pmatch_fn fn, void *ctx) {
  uint32_t base = s->nkids;
  uint32_t nt = push_kids(s, t, KIDS_NAMED_ONLY | KIDS_TYPE_ARGS | KIDS_TYPE_ANN | KIDS_ASYNC);
  int stop = 0;
  if (nt == UINT32_MAX)
    return 0;
  for (uint32_t j = 0; j < nt && !stop; j++) {
    pv_pmatch m;
    m.nb = 0;
    s->steps = 0; /* each start gets the full budget */
    s->cut = 0;
    kont c = {.fn = k_root, .base = base, .j = j, .nt = nt, .prefix = 1};
    m_list(s, p->kids, 0, p->n, base, j, nt, 1, &m, &c);
    attempt_done(s, id);
    stop = flush(s, id, fn, ctx);
  }
  s->nkids = base;
  return stop;
}

/* ---- Index and scan --------------------------------------------------- */

struct pv_pindex {
  pv_pattern *const *pats;
  uint32_t n;
  syms sy;
  uint32_t nsym;
  uint32_t **bucket;              /* per symbol: pattern ids, terminated by UINT32_MAX */
  uint32_t *any;                  /* patterns tried on every named node */
  pv_wordgroup (*plit)[PAT_LITS]; /* per pattern: its words in the ruleset's pv_strset */
  pv_wordgroup *anchor;           /* per pattern: one of these words is inside every match */
  uint8_t *anchor_mod; /* per pattern: its anchor is a module's name (or a local alias) */
  TSSymbol (*rsym)[6]; /* per pattern: the symbols it can start at */
  int8_t *nrsym;       /* their count, -1 for any */
  pv_strset *words;    /* anchor words are recorded there (pv_strset_record) */
};

typedef struct {
  uint32_t *v;
  uint32_t n, cap;
} idlist;

static int idl_push(idlist *l, uint32_t id) {
  if (l->n > 0 && l->v[l->n - 1] == id)
    return 0;
  if (l->n + 1 >= l->cap) {
    uint32_t cap = l->cap ? l->cap * 2 : 8;
    uint32_t *v = realloc(l->v, cap * sizeof *v);
    if (v == NULL)
      return -1;
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = id;
  l->v[l->n] = UINT32_MAX;
  return 0;
}

/* The symbols pattern root p can match at (UINT32_MAX entries: any). */
static int root_syms(const syms *sy, const pnode *p, TSSymbol out[6]) {
  int k = 0;
  switch ((pkind)p->kind) {
    case P_STR:
    case P_STR_ANY:
    case P_STR_MV:
      out[k++] = sy->string;
      out[k++] = sy->templ;
      out[k++] = sy->ident;
      return k;
    case P_LEAF:
      out[k++] = p->sym;
      out[k++] = sy->ident;
      out[k++] = sy->prop;
      return k;
    case P_SEQ:
      out[k++] = sy->program;
      out[k++] = sy->block;
      out[k++] = sy->switch_case;
      return k;
    case P_NODE:
      out[k++] = p->sym;
      if (p->sym == sy->assign)
        out[k++] = sy->vdecl;
      if (p->req) {
        out[k++] = sy->ident;
        out[k++] = sy->call;
      }
      return k;
    default:
      return -1;
  }
}

void pv_pindex_delete(pv_pindex *ix) {
  if (ix == NULL)
    return;
  for (uint32_t i = 0; ix->bucket && i < ix->nsym; i++)
    free(ix->bucket[i]);
  free(ix->bucket);
  free(ix->any);
  free(ix->plit);
  free(ix->anchor);
  free(ix->anchor_mod);
  free(ix->rsym);
  free(ix->nrsym);
  free(ix);
}

int pv_pattern_word_quoted(uint32_t len, int module) {
  return module && len < PV_MODULE_BARE_MIN;
}

uint32_t pv_pattern_words(const pv_pattern *p) {
  return p->n_lit;
}

void pv_pattern_word(const pv_pattern *p, uint32_t k, const char **w, uint32_t *len, int *module) {
  *w = p->lit[k];
  *len = p->litlen[k];
  *module = p->litmod[k];
}

/* A word as a prefilter group: itself, or for a short module name the
 * name followed by each quote (pv_pattern_word_quoted). */
static int lit_group(pv_strset *words, const char *t, uint32_t len, int module, pv_wordgroup *g) {
  char q[64];
  g->n = 0;
  if (!pv_pattern_word_quoted(len, module)) {
    g->id[g->n++] = pv_strset_add(words, t, len);
    return g->id[0] == UINT32_MAX ? -1 : 0;
  }
  for (const char *quote = "'\"`"; *quote; quote++) {
    memcpy(q, t, len);
    q[len] = *quote;
    if ((g->id[g->n++] = pv_strset_add(words, q, len + 1)) == UINT32_MAX)
      return -1;
  }
  return 0;
}

/* Register each pattern's words (and anchor) in the shared word set. */
static int index_lits(pv_pindex *ix, pv_strset *words) {
  ix->plit = malloc((ix->n + 1) * sizeof *ix->plit);
  ix->anchor = calloc(ix->n + 1, sizeof *ix->anchor);
  ix->anchor_mod = calloc(ix->n + 1, 1);
  if (ix->plit == NULL || ix->anchor == NULL || ix->anchor_mod == NULL)
    return -1;
  ix->words = words;
  for (uint32_t i = 0; i < ix->n; i++) {
    const pv_pattern *p = ix->pats[i];
    if (p->anchor && (ix->anchor[i].id[ix->anchor[i].n++] =
                          pv_strset_add(words, p->anchor, p->anchor_len)) == UINT32_MAX)
      return -1;
    if (!p->anchor && p->mod) {
      if (lit_group(words, p->mod, p->modlen, 1, &ix->anchor[i]) != 0)
        return -1;
      ix->anchor_mod[i] = 1;
    }
    for (uint32_t k = 0; k < ix->anchor[i].n; k++) /* a leaf matches whole tokens */
      if (pv_strset_record(words, ix->anchor[i].id[k], !ix->anchor_mod[i]) != 0)
        return -1;
    for (uint32_t k = 0; k < p->n_lit; k++)
      if (lit_group(words, p->lit[k], p->litlen[k], p->litmod[k], &ix->plit[i][k]) != 0)
        return -1;
  }
  return 0;
}

int pv_pindex_add_anchor(pv_pindex *ix, uint32_t i, const pv_wordgroup *g) {
  if (i >= ix->n || ix->anchor[i].n != 0)
    return 0;
  ix->anchor[i] = *g;
  for (uint32_t k = 0; k < g->n; k++)
    if (pv_strset_record(ix->words, g->id[k], 0) != 0)
      return -1;
  return 0;
}

int pv_pindex_words_present(const pv_pindex *ix, uint32_t i, const uint8_t *present) {
  for (uint32_t k = 0; k < ix->pats[i]->n_lit; k++)
    if (!pv_wordgroup_holds(&ix->plit[i][k], present))
      return 0;
  return 1;
}

pv_pindex *pv_pindex_new(pv_pattern *const *pats, uint32_t n, pv_lang l, pv_strset *words) {
  const TSLanguage *L = pv_language(l);
  pv_pindex *ix = calloc(1, sizeof *ix);
  if (ix == NULL || L == NULL)
    return ix;
  ix->pats = pats;
  ix->n = n;
  ix->sy = syms_for(l);
  ix->nsym = ts_language_symbol_count(L);
  idlist *b = calloc(ix->nsym + 1, sizeof *b);
  idlist any = {0};
  ix->bucket = calloc(ix->nsym + 1, sizeof *ix->bucket);
  ix->rsym = calloc(n + 1, sizeof *ix->rsym);
  ix->nrsym = calloc(n + 1, 1);
  int bad = b == NULL || ix->bucket == NULL || ix->rsym == NULL || ix->nrsym == NULL;
  for (uint32_t i = 0; i < n && !bad; i++) {
    TSSymbol *out = ix->rsym[i];
    int k = root_syms(&ix->sy, pats[i]->root, out);
    ix->nrsym[i] = (int8_t)k;
    if (k < 0)
      bad |= idl_push(&any, i);
    for (int j = 0; j < k && !bad; j++)
      if (out[j] < ix->nsym)
        bad |= idl_push(&b[out[j]], i);
  }
  if (!bad)
    bad = index_lits(ix, words);
  for (uint32_t i = 0; b && i < ix->nsym; i++)
    ix->bucket[i] = b[i].v;
  ix->any = any.v;
  free(b);
  if (bad) {
    pv_pindex_delete(ix);
    return NULL;
  }
  return ix;
}

/* ---- Anchors ------------------------------------------------------------ */

enum { OCC_MAX = 1 << 20 }; /* anchor occurrences per file; more: no anchor filtering */

static int push_occ(pv_pscan *s, uint32_t a, uint32_t e, uint32_t word) {
  if (s->nocc + 3 > s->capocc) {
    uint32_t cap = s->capocc ? s->capocc * 2 : 768;
    uint32_t *v = realloc(s->occ, cap * sizeof *v);
    if (v == NULL)
      return -1;
    s->occ = v;
    s->capocc = cap;
  }
  s->occ[s->nocc++] = a;
  s->occ[s->nocc++] = e;
  s->occ[s->nocc++] = word;
  return 0;
}

static int cmp_occ(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static int cmp_byword(const void *a, const void *b) {
  const uint32_t *x = a, *y = b;
  if (x[2] != y[2])
    return x[2] < y[2] ? -1 : 1;
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* Copy the occurrences sorted by word, then start, so that covers() finds
 * a word's occurrences in a wide node without stepping over every other
 * word's (without the copy, it does: the result is the same). */
static void sort_by_word(pv_pscan *s) {
  s->have_byword = 0;
  if (s->nocc > s->capbyword) {
    uint32_t *v = realloc(s->byword, s->nocc * sizeof *v);
    if (v == NULL)
      return;
    s->byword = v;
    s->capbyword = s->nocc;
  }
  if (s->nocc) {
    memcpy(s->byword, s->occ, s->nocc * sizeof *s->occ);
    qsort(s->byword, s->nocc / 3, 3 * sizeof *s->byword, cmp_byword);
  }
  s->have_byword = 1;
}

/* Occurrences of name [a, a + n) as a whole word, tagged as word id. */
static int push_name(pv_pscan *s, uint32_t a, uint32_t n, uint32_t id) {
  const unsigned char *w = s->data + a, *p = s->data, *end = s->data + s->size;
  for (uint32_t count = 0; n > 0 && (p = memmem(p, (size_t)(end - p), w, n)) != NULL; p++) {
    uint32_t at = (uint32_t)(p - s->data);
    if (!is_name_at(s, at, n))
      continue;
    if (++count > NAME_OCCS_MAX * 16 || s->nocc >= 3 * OCC_MAX || push_occ(s, at, at + n, id))
      return -1;
  }
  return 0;
}

/* A module name occurs at [a, e): if it is the source of a require or an
 * import declaration, the local names that declaration binds stand for the
 * module too; their occurrences join the anchor list under the module's
 * word id. */
static int expand_module(pv_pscan *s, uint32_t a, uint32_t e, uint32_t id) {
  TSNode n = ts_node_named_descendant_for_byte_range(s->root, a, e), d = {0};
  for (int up = 0; up < 6 && !ts_node_is_null(n) && ts_node_is_null(d); up++, n = ts_node_parent(n))
    if (ts_node_symbol(n) == s->sy->vdecl || ts_node_symbol(n) == s->sy->import)
      d = n;
  uint32_t key[4] = {UINT32_MAX, ts_node_start_byte(d), id, s->walk};
  if (ts_node_is_null(d) || kset_add(&s->tried, key, NULL) <= 0)
    return 0;
  record_decl(s, d);
  for (uint32_t i = 0; i < s->nal; i++) {
    const alias *x = &s->al[i];
    if (x->at == key[1] && (x->kind == A_MOD || x->kind == A_MEMBER) &&
        push_name(s, x->ns, x->ne - x->ns, id) != 0)
      return -1;
  }
  return 0;
}

/* Every occurrence of every anchor word of the active patterns (and of the
 * local names of the modules that serve as anchors), sorted. Returns 1
 * when every active pattern has an anchor (the walk may skip subtrees
 * holding none), 0 when not, -1 when the occurrences could not be listed
 * (no anchor filtering then). */
static int find_anchors(const pv_pindex *ix, pv_pscan *s, const pv_occs *occ) {
  uint32_t nw = pv_strset_count(ix->words);
  uint8_t want[ANCHOR_WORDS_MAX / 8] = {0}, mod[ANCHOR_WORDS_MAX / 8] = {0};
  int all = 1;
  s->nocc = 0;
  s->have_byword = 0;
  if (nw > sizeof want * 8 || occ == NULL || occ->over)
    return -1;
  for (uint32_t i = 0; i < ix->n; i++) {
    if (!s->active[i])
      continue;
    all &= ix->anchor[i].n > 0;
    for (uint32_t k = 0; k < ix->anchor[i].n; k++) {
      uint32_t id = ix->anchor[i].id[k];
      want[id / 8] |= (uint8_t)(1u << (id % 8));
      if (ix->anchor_mod[i])
        mod[id / 8] |= (uint8_t)(1u << (id % 8));
    }
  }
  for (uint32_t i = 0; i < occ->n; i += 3) {
    uint32_t id = occ->v[i + 2];
    if ((want[id / 8] & (1u << (id % 8))) && push_occ(s, occ->v[i], occ->v[i + 1], id))
      return -1;
  }
  for (uint32_t i = 0, n0 = s->nocc; i < n0; i += 3) {
    uint32_t id = s->occ[i + 2];
    if ((mod[id / 8] & (1u << (id % 8))) && expand_module(s, s->occ[i], s->occ[i + 1], id) != 0)
      return -1;
  }
  if (s->nocc)
    qsort(s->occ, s->nocc / 3, 3 * sizeof *s->occ, cmp_occ);
  sort_by_word(s);
  return all;
}

/* Does [a, e) hold a whole occurrence of word id? (byword) */
static int word_covers(const pv_pscan *s, uint32_t a, uint32_t e, uint32_t id) {
  const uint32_t *v = s->byword;
  uint32_t lo = 0, hi = s->nocc / 3;
  while (lo < hi) { /* first occurrence of id starting at or after a */
    uint32_t mid = (lo + hi) / 2;
    if (v[3 * mid + 2] < id || (v[3 * mid + 2] == id && v[3 * mid] < a))
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t i = lo; i < s->nocc / 3 && v[3 * i + 2] == id && v[3 * i] < e; i++)
    if (v[3 * i + 1] <= e)
      return 1;
  return 0;
}

/* Does [a, e) hold a whole occurrence of a word of g (any anchor word when
 * g is NULL)? */
static int covers(const pv_pscan *s, uint32_t a, uint32_t e, const pv_wordgroup *g) {
  if (g != NULL && s->have_byword) {
    for (uint32_t k = 0; k < g->n; k++)
      if (word_covers(s, a, e, g->id[k]))
        return 1;
    return 0;
  }
  uint32_t lo = 0, hi = s->nocc / 3;
  while (lo < hi) { /* first occurrence starting at or after a */
    uint32_t mid = (lo + hi) / 2;
    if (s->occ[3 * mid] < a)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t i = lo; i < s->nocc / 3 && s->occ[3 * i] < e; i++) {
    if (s->occ[3 * i + 1] > e)
      continue;
    if (g == NULL)
      return 1;
    for (uint32_t k = 0; k < g->n; k++)
      if (g->id[k] == s->occ[3 * i + 2])
        return 1;
  }
  return 0;
}

/* covers(s, a, e, g) for the node [a, e) the walk is at, each word's
 * answer kept for the other patterns tried there (node_gen). */
static int node_covers(pv_pscan *s, uint32_t a, uint32_t e, const pv_wordgroup *g) {
  if (!s->have_byword)
    return covers(s, a, e, g);
  for (uint32_t k = 0; k < g->n; k++) {
    uint32_t id = g->id[k];
    if (id >= ANCHOR_WORDS_MAX) {
      if (word_covers(s, a, e, id))
        return 1;
      continue;
    }
    if (s->word_gen[id] != s->node_gen) {
      s->word_gen[id] = s->node_gen;
      s->word_hit[id] = (uint8_t)word_covers(s, a, e, id);
    }
    if (s->word_hit[id])
      return 1;
  }
  return 0;
}

/* Try pattern id at node t; 1 if fn says stop. */
static int try_one(pv_pscan *s, const pv_pindex *ix, uint32_t id, TSNode t, pv_pmatch_fn fn,
                   void *ctx) {
  const pnode *p = ix->pats[id]->root;
  if (p->kind == P_SEQ)
    return m_seq(s, p, t, id, fn, ctx);
  pv_pmatch m;
  m.nb = 0;
  s->steps = 0;
  s->cut = 0;
  kont c = {.fn = k_root, .t = t};
  m_node(s, p, t, &m, &c);
  attempt_done(s, id);
  return flush(s, id, fn, ctx);
}

/* Try the patterns of list ids at node t, those with an anchor only if t
 * holds it. */
static int try_ids(pv_pscan *s, const pv_pindex *ix, const uint32_t *ids, TSNode t, pv_pmatch_fn fn,
                   void *ctx) {
  uint32_t a = ts_node_start_byte(t), e = ts_node_end_byte(t);
  for (; ids && *ids != UINT32_MAX; ids++) {
    if (!s->active[*ids])
      continue;
    if (s->have_occ && ix->anchor[*ids].n && !node_covers(s, a, e, &ix->anchor[*ids]))
      continue;
    if (try_one(s, ix, *ids, t, fn, ctx))
      return 1;
  }
  return 0;
}

/* A new node for node_covers (its answers so far are for another). */
static void next_node(pv_pscan *s) {
  if (++s->node_gen == 0) {
    memset(s->word_gen, 0, sizeof s->word_gen);
    s->node_gen = 1;
  }
}

/* Forget the last file's declarations. */
static void env_reset(pv_pscan *s) {
  s->nal = 0;
  s->env_full = 0;
  s->alias_full = 0;
  if (s->acap > 4096) {
    free(s->ahead);
    s->ahead = NULL;
    s->acap = 0;
  } else if (s->acap) {
    memset(s->ahead, 0xff, s->acap * sizeof *s->ahead);
  }
  kset_clear(&s->decls);
  kset_clear(&s->names);
  kset_clear(&s->tried);
}

/* Append list ids cut to the active patterns, and its end mark, to
 * s->live at *n; returns its offset there. */
static uint32_t live_list(pv_pscan *s, const uint32_t *ids, uint32_t *n) {
  uint32_t at = *n;
  for (; ids && *ids != UINT32_MAX; ids++)
    if (s->active[*ids])
      s->live[(*n)++] = *ids;
  s->live[(*n)++] = UINT32_MAX;
  return at;
}

/* The walk's lists of patterns to try per symbol (and last, at any
 * node), only the active ones, in the index's order: in s->live, their
 * offsets in *offs (ix->nsym + 1 of them, after the lists). 0, or -1 on
 * OOM. */
static int live_lists(const pv_pindex *ix, pv_pscan *s, const uint32_t **offs) {
  uint32_t total = 2 * (ix->nsym + 1), n = 0;
  for (uint32_t x = 0; x < ix->nsym; x++)
    for (const uint32_t *ids = ix->bucket[x]; ids && *ids != UINT32_MAX; ids++)
      total += s->active[*ids];
  for (const uint32_t *ids = ix->any; ids && *ids != UINT32_MAX; ids++)
    total += s->active[*ids];
  if (total > s->caplive) {
    uint32_t *v = realloc(s->live, total * sizeof *v);
    if (v == NULL)
      return -1;
    s->live = v;
    s->caplive = total;
  }
  uint32_t *at = s->live + total - (ix->nsym + 1);
  for (uint32_t x = 0; x < ix->nsym; x++)
    at[x] = live_list(s, ix->bucket[x], &n);
  at[ix->nsym] = live_list(s, ix->any, &n);
  *offs = at;
  return 0;
}

pv_status pv_pindex_scan(const pv_pindex *ix, pv_pscan *s, const unsigned char *data, uint32_t size,
                         TSNode root, const pv_occs *occ, uint32_t max_depth, uint32_t budget_ms,
                         const uint8_t *active, pv_pmatch_fn fn, void *ctx) {
  if (ix == NULL || ix->bucket == NULL)
    return PV_OK;
  s->data = data;
  s->size = size;
  s->root = root;
  s->sy = &ix->sy;
  s->nkids = 0;
  s->oom = 0;
  s->active = active;
  if (!s->same_file) {
    env_reset(s);
    over_reset(s);
  }
  s->same_file = 0;
  s->walk++;
  uint32_t live = 0;
  for (uint32_t i = 0; i < ix->n && !live; i++)
    live = active[i];
  if (!live)
    return PV_OK;
  /* A pattern with an anchor word is tried only at nodes holding it; when
   * every active pattern has one, the walk skips the other subtrees. */
  int anchors = find_anchors(ix, s, occ), sparse = anchors == 1;
  s->have_occ = anchors >= 0 && !s->no_anchors;
  sparse &= s->have_occ;
  const uint32_t *offs = NULL;
  if (live_lists(ix, s, &offs) != 0)
    return PV_FATAL;
  TSTreeCursor c = ts_tree_cursor_new(root);
  uint64_t deadline = pv_now_ms() + budget_ms;
  uint32_t depth = 0, visited = 0;
  int cut = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    TSSymbol x = ts_node_symbol(n);
    int skip = sparse && !covers(s, ts_node_start_byte(n), ts_node_end_byte(n), NULL);
    if (!skip && x != ix->sy.paren && ts_node_is_named(n)) {
      next_node(s);
      if (x < ix->nsym && try_ids(s, ix, s->live + offs[x], n, fn, ctx))
        break;
      if (try_ids(s, ix, s->live + offs[ix->nsym], n, fn, ctx))
        break;
    }
    if ((++visited & 1023u) == 0 && budget_ms && pv_now_ms() > deadline) {
      cut = 1;
      break;
    }
    if (!skip && ts_tree_cursor_goto_first_child(&c)) {
      if (++depth > max_depth) {
        cut = 1;
        ts_tree_cursor_goto_parent(&c);
        depth--;
      } else
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
  if (s->oom)
    return PV_FATAL;
  return cut ? PV_WARN : PV_OK;
}

/* Try pattern id at node t unless it was tried there before; 1: stop. */
static int try_once(const pv_pindex *ix, pv_pscan *s, uint32_t id, TSNode t, pv_pmatch_fn fn,
                    void *ctx) {
  TSSymbol x = ts_node_symbol(t);
  int can = ix->nrsym[id] < 0;
  for (int k = 0; k < ix->nrsym[id] && !can; k++)
    can = ix->rsym[id][k] == x;
  if (!can || x == s->sy->paren || !ts_node_is_named(t))
    return 0;
  uint32_t key[4] = {id | (uint32_t)x << 20, ts_node_start_byte(t), ts_node_end_byte(t), 0};
  int fresh = id >= (1u << 20) ? 1 : kset_add(&s->tried, key, NULL);
  if (fresh < 0)
    s->oom = 1;
  return fresh > 0 ? try_one(s, ix, id, t, fn, ctx) : 0;
}

pv_status pv_pindex_match_within(const pv_pindex *ix, pv_pscan *s, uint32_t id, uint32_t a,
                                 uint32_t e, pv_pmatch_fn fn, void *ctx) {
  if (ix == NULL || id >= ix->n || s->data == NULL)
    return PV_OK;
  TSTreeCursor c = ts_tree_cursor_new(s->root);
  uint32_t depth = 0;
  for (int stop = 0; !stop && !s->oom;) {
    TSNode t = ts_tree_cursor_current_node(&c);
    uint32_t ts = ts_node_start_byte(t), te = ts_node_end_byte(t);
    int overlap = ts < e && a < te, in = a <= ts && te <= e;
    if (in)
      stop = try_once(ix, s, id, t, fn, ctx);
    if (overlap && depth < PAT_MAX_DEPTH * 50 && ts_tree_cursor_goto_first_child(&c)) {
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
  return s->oom ? PV_FATAL : PV_OK;
}

/* Can the cursor of the last pv_pindex_match_around of pattern id start
 * this one: climbed to the deepest node it tried that holds [a, e), the
 * nodes above it are the path the search from the root would take, all
 * tried already (a node ending at or before a is never on that path).
 * Sets *depth to its node's; 0 if the search starts at the root. */
static int around_resume(pv_pscan *s, uint32_t id, uint32_t a, uint32_t e, uint32_t *depth) {
  if (!s->have_around || s->around_walk != s->walk || s->around_id != id || id >= (1u << 20))
    return 0;
  *depth = s->around_depth;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&s->around);
    uint32_t ns = ts_node_start_byte(n), ne = ts_node_end_byte(n);
    if (ns <= a && ne > a && ne >= e)
      return 1;
    if (*depth == 0 || !ts_tree_cursor_goto_parent(&s->around))
      return 0;
    (*depth)--;
  }
}

pv_status pv_pindex_match_around(const pv_pindex *ix, pv_pscan *s, uint32_t id, uint32_t a,
                                 uint32_t e, pv_pmatch_fn fn, void *ctx) {
  if (ix == NULL || id >= ix->n || s->data == NULL)
    return PV_OK;
  uint32_t depth = 0;
  int tried = around_resume(s, id, a, e, &depth);
  if (!s->have_around) {
    s->around = ts_tree_cursor_new(s->root);
    s->have_around = 1;
  } else if (!tried) {
    ts_tree_cursor_reset(&s->around, s->root);
    depth = 0;
  }
  TSTreeCursor *c = &s->around;
  for (int stop = 0;;) {
    if (!tried)
      stop = try_once(ix, s, id, ts_tree_cursor_current_node(c), fn, ctx);
    if (stop || depth >= PAT_MAX_DEPTH * 50 || ts_tree_cursor_goto_first_child_for_byte(c, a) < 0)
      break;
    TSNode k = ts_tree_cursor_current_node(c);
    if (ts_node_start_byte(k) > a || ts_node_end_byte(k) < e) {
      ts_tree_cursor_goto_parent(c);
      break;
    }
    depth++;
    tried = 0;
  }
  s->around_id = id;
  s->around_walk = s->walk;
  s->around_depth = depth;
  return s->oom ? PV_FATAL : PV_OK;
}
