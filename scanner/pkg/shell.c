/* shell.c — see shell.h.
 *
 * A queue of scripts to parse: the script itself, then each nested script
 * (substitution contents, `sh -c` arguments) in the order found. One queue
 * item is parsed completely before the next, so the commands of one level
 * are contiguous. Every loop advances through the bytes of one item, and
 * the bytes of nested items are inside their parent's, so the work is
 * bounded by bytes_max times depth_max. */
#include "shell.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *s;
  size_t len;
  unsigned depth;
  int in_subst;
  int parent;
} item;

typedef struct {
  pv_arena *a;
  const pv_sh_limits *lim;
  pv_sh_script *out;
  item *q;
  size_t nq, cap;
  int oom;
} parser;

/* A vector of pointers in the arena, doubling. */
typedef struct {
  const void **v;
  size_t n, cap;
} vec;

static int vec_push(pv_arena *a, vec *v, const void *p) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 8;
    const void **nv = pv_arena_alloc(a, cap * sizeof *nv);
    if (nv == NULL)
      return -1;
    if (v->n)
      memcpy(nv, v->v, v->n * sizeof *nv);
    v->v = nv;
    v->cap = cap;
  }
  v->v[v->n++] = p;
  return 0;
}

static void enqueue(parser *p, const char *s, size_t len, unsigned depth, int in_subst,
                    int parent) {
  if (depth > p->lim->depth_max) {
    p->out->truncated = 1;
    return;
  }
  if (p->nq == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 8;
    item *nq = realloc(p->q, cap * sizeof *nq);
    if (nq == NULL) {
      p->oom = 1;
      return;
    }
    p->q = nq;
    p->cap = cap;
  }
  p->q[p->nq++] = (item){s, len, depth, in_subst, parent};
}

/* ---- words ------------------------------------------------------------- */

/* The end of a $( ... ) or $(( ... )) starting at s[i] == '(' (after '$'):
 * the index just past the matching ')', or len. Quotes inside are skipped. */
static size_t match_paren(const char *s, size_t len, size_t i) {
  int level = 0;
  while (i < len) {
    char c = s[i];
    if (c == '\\') {
      i += 2;
      continue;
    }
    if (c == '\'') {
      const char *e = memchr(s + i + 1, '\'', len - i - 1);
      i = e ? (size_t)(e - s) + 1 : len;
      continue;
    }
    if (c == '(')
      level++;
    else if (c == ')' && --level == 0)
      return i + 1;
    i++;
  }
  return len;
}

/* The end of a `...` starting at s[i] == '`': just past the closing one. */
static size_t match_backtick(const char *s, size_t len, size_t i) {
  for (i++; i < len; i++) {
    if (s[i] == '\\')
      i++;
    else if (s[i] == '`')
      return i + 1;
  }
  return len;
}

typedef struct {
  pv_buf text;
  unsigned flags;
  int any; /* a word was started (even an empty quoted one) */
} word;

/* A '$' at s[i]: append the expansion as written, flag it, queue a command
 * substitution's contents. Returns the index after it. */
static size_t dollar(parser *p, const item *it, int cmd, word *w, size_t i) {
  const char *s = it->s;
  size_t len = it->len, j = i + 1;
  if (j < len && s[j] == '(' && j + 1 < len && s[j + 1] == '(') {
    j = match_paren(s, len, j);
    w->flags |= PV_SH_W_VAR;
  } else if (j < len && s[j] == '(') {
    j = match_paren(s, len, j);
    size_t inner_end = j > i + 2 && s[j - 1] == ')' ? j - 1 : j;
    enqueue(p, s + i + 2, inner_end - (i + 2), it->depth + 1, 1, cmd);
    w->flags |= PV_SH_W_SUBST;
  } else if (j < len && s[j] == '{') {
    const char *e = memchr(s + j, '}', len - j);
    j = e ? (size_t)(e - s) + 1 : len;
    w->flags |= PV_SH_W_VAR;
  } else if (j < len && (isalnum((unsigned char)s[j]) || s[j] == '_')) {
    while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '_'))
      j++;
    w->flags |= PV_SH_W_VAR;
  } else if (j < len && strchr("@*#?$!-", s[j])) {
    j++;
    w->flags |= PV_SH_W_VAR;
  }
  pv_buf_cat(&w->text, s + i, j - i);
  w->any = 1;
  return j;
}

static size_t backtick(parser *p, const item *it, int cmd, word *w, size_t i) {
  size_t j = match_backtick(it->s, it->len, i);
  size_t inner_end = j > i + 1 && it->s[j - 1] == '`' ? j - 1 : j;
  enqueue(p, it->s + i + 1, inner_end - (i + 1), it->depth + 1, 1, cmd);
  pv_buf_cat(&w->text, it->s + i, j - i);
  w->flags |= PV_SH_W_SUBST;
  w->any = 1;
  return j;
}

/* A "..." starting at s[i]: its contents, with \ escapes of $`"\ and
 * newline, and expansions. Returns the index after the closing quote. */
static size_t dquote(parser *p, const item *it, int cmd, word *w, size_t i) {
  const char *s = it->s;
  w->flags |= PV_SH_W_QUOTED;
  w->any = 1;
  for (i++; i < it->len && s[i] != '"';) {
    if (s[i] == '\\' && i + 1 < it->len && strchr("$`\"\\\n", s[i + 1])) {
      if (s[i + 1] != '\n')
        pv_buf_cat(&w->text, s + i + 1, 1);
      i += 2;
    } else if (s[i] == '$') {
      i = dollar(p, it, cmd, w, i);
    } else if (s[i] == '`') {
      i = backtick(p, it, cmd, w, i);
    } else {
      pv_buf_cat(&w->text, s + i, 1);
      i++;
    }
  }
  return i < it->len ? i + 1 : i;
}

static int is_meta(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '|' || c == '&' || c == ';' ||
         c == '<' || c == '>' || c == '(' || c == ')';
}

/* Read one word starting at s[i] (not a blank nor an operator). */
static size_t read_word(parser *p, const item *it, int cmd, word *w, size_t i) {
  const char *s = it->s;
  while (i < it->len && !is_meta(s[i])) {
    char c = s[i];
    if (c == '\\') {
      if (i + 1 < it->len && s[i + 1] != '\n')
        pv_buf_cat(&w->text, s + i + 1, 1);
      w->any = 1;
      i += 2;
    } else if (c == '\'') {
      const char *e = memchr(s + i + 1, '\'', it->len - i - 1);
      size_t end = e ? (size_t)(e - s) : it->len;
      pv_buf_cat(&w->text, s + i + 1, end - i - 1);
      w->flags |= PV_SH_W_QUOTED;
      w->any = 1;
      i = e ? end + 1 : end;
    } else if (c == '"') {
      i = dquote(p, it, cmd, w, i);
    } else if (c == '$') {
      i = dollar(p, it, cmd, w, i);
    } else if (c == '`') {
      i = backtick(p, it, cmd, w, i);
    } else {
      pv_buf_cat(&w->text, s + i, 1);
      w->any = 1;
      i++;
    }
  }
  return i > it->len ? it->len : i;
}

/* ---- commands ---------------------------------------------------------- */

typedef struct {
  vec words, flags, assign, redir;
  char pending_redir; /* the next word is a redirection target */
} cmdbuild;

static int is_assignment(const char *t, unsigned flags) {
  if (flags & PV_SH_W_QUOTED || !(isalpha((unsigned char)t[0]) || t[0] == '_'))
    return 0;
  size_t k = 0;
  while (isalnum((unsigned char)t[k]) || t[k] == '_')
    k++;
  return t[k] == '=';
}

static int add_word(parser *p, cmdbuild *b, word *w) {
  pv_buf_cat(&w->text, "", 1);
  if (pv_buf_status(&w->text) != PV_OK)
    return -1;
  char *t = pv_arena_strdup(p->a, (const char *)w->text.data);
  if (t == NULL)
    return -1;
  if (b->pending_redir) {
    pv_sh_redir *rd = pv_arena_alloc(p->a, sizeof *rd);
    if (rd == NULL)
      return -1;
    rd->op = b->pending_redir;
    rd->target = t;
    b->pending_redir = 0;
    return vec_push(p->a, &b->redir, rd);
  }
  if (b->words.n == 0 && is_assignment(t, w->flags))
    return vec_push(p->a, &b->assign, t);
  unsigned *f = pv_arena_alloc(p->a, sizeof *f);
  if (f == NULL)
    return -1;
  *f = w->flags;
  if (vec_push(p->a, &b->flags, f) != 0)
    return -1;
  return vec_push(p->a, &b->words, t);
}

/* The `sh -c SCRIPT` / `eval WORDS` argument of a finished command, queued. */
static void queue_shell_arg(parser *p, const pv_sh_cmd *c, int idx, unsigned depth) {
  if (c->n < 2)
    return;
  const char *b = pv_sh_base(c->words[0]);
  if (strcmp(b, "eval") == 0) {
    enqueue(p, c->words[1], strlen(c->words[1]), depth + 1, 0, idx);
    return;
  }
  static const char *const shells[] = {"sh", "bash", "dash", "zsh", "ksh", "ash", NULL};
  int is_shell = 0;
  for (size_t i = 0; shells[i] && !is_shell; i++)
    is_shell = strcmp(b, shells[i]) == 0;
  for (size_t i = 1; is_shell && i + 1 < c->n; i++) {
    const char *w = c->words[i];
    if (w[0] != '-' || strchr(w, 'c') == NULL)
      continue;
    enqueue(p, c->words[i + 1], strlen(c->words[i + 1]), depth + 1, 0, idx);
    return;
  }
}

/* Finish the command being built with separator sep. */
static int end_cmd(parser *p, const item *it, cmdbuild *b, pv_sh_sep sep) {
  pv_sh_script *o = p->out;
  if (b->words.n == 0 && b->assign.n == 0 && b->redir.n == 0) {
    if (sep != PV_SH_END && o->n > 0 && o->cmds[o->n - 1].depth == it->depth)
      o->cmds[o->n - 1].sep = sep; /* "a & ;" or "( a ) | b" */
    return 0;
  }
  if (o->n >= p->lim->cmds_max) {
    o->truncated = 1;
    memset(b, 0, sizeof *b);
    return 0;
  }
  pv_sh_redir *rd = pv_arena_alloc(p->a, (b->redir.n + 1) * sizeof *rd);
  if (rd == NULL)
    return -1;
  for (size_t i = 0; i < b->redir.n; i++)
    rd[i] = *(const pv_sh_redir *)b->redir.v[i];
  unsigned *fl = pv_arena_alloc(p->a, (b->flags.n + 1) * sizeof *fl);
  if (fl == NULL)
    return -1;
  for (size_t i = 0; i < b->flags.n; i++)
    fl[i] = *(const unsigned *)b->flags.v[i];
  pv_sh_cmd *c = &o->cmds[o->n];
  c->words = (const char **)b->words.v;
  c->wflags = fl;
  c->n = b->words.n;
  c->assign = (const char **)b->assign.v;
  c->nassign = b->assign.n;
  c->redir = rd;
  c->nredir = b->redir.n;
  c->sep = sep;
  c->depth = it->depth;
  c->in_subst = it->in_subst;
  c->parent = it->parent;
  queue_shell_arg(p, c, (int)o->n, it->depth);
  o->n++;
  memset(b, 0, sizeof *b);
  return 0;
}

/* An operator at s[i]: the separator it is (or -1 for a redirection, set in
 * b->pending_redir; -2 for a parenthesis), and its length in *n. */
static int operator(const char *s, size_t len, size_t i, cmdbuild *b, size_t *n) {
  char c = s[i], d = i + 1 < len ? s[i + 1] : '\0';
  *n = 1;
  if (c == '|') {
    *n = d == '|' || d == '&' ? 2 : 1;
    return d == '|' ? PV_SH_OR : PV_SH_PIPE;
  }
  if (c == '&' && d == '&') {
    *n = 2;
    return PV_SH_AND;
  }
  if (c == '&' && d == '>') {
    *n = i + 2 < len && s[i + 2] == '>' ? 3 : 2;
    b->pending_redir = '>';
    return -1;
  }
  if (c == '&')
    return PV_SH_BG;
  if (c == ';' || c == '\n')
    return PV_SH_SEMI;
  if (c == '(' || c == ')')
    return -2;
  /* < > >> >| <> >& <& <<< : the target word follows (for >&N, N) */
  if ((c == '>' || c == '<') && (d == '>' || d == '|' || d == '&' || d == '<'))
    *n = d == '<' && i + 2 < len && s[i + 2] == '<' ? 3 : 2;
  b->pending_redir = c;
  return -1;
}

/* Digits just before a redirection are its file descriptor, not a word. */
static int fd_number(const word *w) {
  if (w->flags || w->text.len == 0)
    return 0;
  for (size_t k = 0; k < w->text.len; k++)
    if (!isdigit(w->text.data[k]))
      return 0;
  return 1;
}

static int parse_item(parser *p, const item *it) {
  cmdbuild b = {0};
  const char *s = it->s;
  size_t i = 0;
  while (i < it->len && !p->oom) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      i++;
    } else if (c == '#') {
      const char *e = memchr(s + i, '\n', it->len - i);
      i = e ? (size_t)(e - s) : it->len;
    } else if (is_meta(c)) {
      size_t n = 0;
      int op = operator(s, it->len, i, &b, &n);
      i += n;
      if (op >= 0 && end_cmd(p, it, &b, (pv_sh_sep)op) != 0)
        return -1;
      if (op == -2 && c == ')' && end_cmd(p, it, &b, PV_SH_SEMI) != 0)
        return -1;
    } else {
      word w = {.any = 0};
      pv_buf_init(&w.text, it->len + 1);
      i = read_word(p, it, (int)p->out->n, &w, i);
      int rc = 0;
      if (i < it->len && (s[i] == '>' || s[i] == '<') && fd_number(&w))
        rc = 0;
      else if (w.any)
        rc = add_word(p, &b, &w);
      pv_buf_free(&w.text);
      if (rc != 0)
        return -1;
    }
  }
  return p->oom ? -1 : end_cmd(p, it, &b, PV_SH_END);
}

pv_status pv_sh_parse(pv_arena *a, const char *script, size_t len, const pv_sh_limits *lim,
                      pv_sh_script *out) {
  memset(out, 0, sizeof *out);
  out->cmds = pv_arena_alloc(a, (lim->cmds_max + 1) * sizeof *out->cmds);
  if (out->cmds == NULL)
    return PV_FATAL;
  if (len > lim->bytes_max) {
    len = lim->bytes_max;
    out->truncated = 1;
  }
  parser p = {.a = a, .lim = lim, .out = out};
  enqueue(&p, script, len, 0, 0, -1);
  int rc = 0;
  for (size_t k = 0; k < p.nq && rc == 0; k++) {
    item it = p.q[k];
    rc = parse_item(&p, &it);
  }
  free(p.q);
  if (rc != 0 || p.oom)
    return PV_FATAL;
  return out->truncated ? PV_WARN : PV_OK;
}

const char *pv_sh_base(const char *w) {
  const char *b = strrchr(w, '/');
  return b ? b + 1 : w;
}
