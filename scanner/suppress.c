/* suppress.c — see suppress.h. */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

static const char *const marks[] = {"nosemgrep", "plugvet-ignore"};
#define NMARKS (sizeof marks / sizeof *marks)

typedef enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STR } lex_state;

/* The lexer: where it is in the file and in the current line. */
typedef struct {
  const unsigned char *d;
  size_t n, i;
  uint32_t line;
  lex_state st;
  unsigned char quote; /* STR: the closing quote */
  int hash;            /* '#' starts a comment */
  int markup;          /* host files (embed.h): <!-- --> and <%# %> are comments too,
                        * quotes open no string (markup text: "don't"), and a line or
                        * block comment opens only after a blank (href="https://...") */
  const char *close;   /* BLOCK_COMMENT: what ends it */
  int code;            /* the current line holds code */
  size_t seg;          /* comment: where its segment on this line starts */
  size_t line_first;   /* first mark of the current line */
  pv_marks *m;
} lexer;

static int word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/* The end of the marker word starting at p in [s, e), or 0 when none. */
static size_t marker_at(const unsigned char *d, size_t s, size_t e, size_t p) {
  if (p > s && word_char(d[p - 1]))
    return 0;
  for (size_t k = 0; k < NMARKS; k++) {
    size_t ml = strlen(marks[k]);
    if (ml <= e - p && memcmp(d + p, marks[k], ml) == 0 && (p + ml == e || !word_char(d[p + ml])))
      return p + ml;
  }
  return 0;
}

/* The end of the first marker word in [s, e), or 0 when none. */
static size_t find_marker(const unsigned char *d, size_t s, size_t e, size_t from) {
  for (size_t p = from; p < e; p++) {
    size_t end = (d[p] == 'n' || d[p] == 'p') ? marker_at(d, s, e, p) : 0;
    if (end != 0)
      return end;
  }
  return 0;
}

static pv_status add_mark(lexer *x, size_t e) {
  if (find_marker(x->d, x->seg, e, x->seg) == 0)
    return PV_OK;
  pv_marks *m = x->m;
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 8;
    pv_mark *v = realloc(m->v, cap * sizeof *v);
    if (v == NULL)
      return PV_FATAL;
    m->v = v;
    m->cap = cap;
  }
  m->v[m->n++] = (pv_mark){.line = x->line, .s = x->seg, .e = e};
  return PV_OK;
}

/* A newline: close the line's comment segment and its marks' `alone`. */
static pv_status end_line(lexer *x) {
  pv_status rc = PV_OK;
  if (x->st == LINE_COMMENT || x->st == BLOCK_COMMENT)
    rc = add_mark(x, x->i);
  for (size_t k = x->line_first; k < x->m->n; k++)
    x->m->v[k].alone = !x->code;
  if (x->st == LINE_COMMENT || (x->st == STR && x->quote != '`'))
    x->st = CODE; /* '...' and "..." end at the line's end */
  x->line++;
  x->code = x->st == STR;
  x->seg = x->i + 1;
  x->line_first = x->m->n;
  return rc;
}

/* One byte of code at x->i. */
static void step_code(lexer *x) {
  unsigned char c = x->d[x->i];
  unsigned char next = x->i + 1 < x->n ? x->d[x->i + 1] : 0;
  int blank_before =
      x->i == 0 || x->d[x->i - 1] == ' ' || x->d[x->i - 1] == '\t' || x->d[x->i - 1] == '\n';
  static const char *const markup[][2] = {{"<!--", "-->"}, {"<%#", "%>"}};
  for (size_t k = 0; x->markup && c == '<' && k < 2; k++) {
    size_t ol = strlen(markup[k][0]);
    if (x->n - x->i >= ol && memcmp(x->d + x->i, markup[k][0], ol) == 0) {
      x->st = BLOCK_COMMENT;
      x->close = markup[k][1];
      x->seg = x->i;
      x->i += ol - 1;
      return;
    }
  }
  if ((c == '/' && !x->hash && (next == '/' || next == '*') && (blank_before || !x->markup)) ||
      (c == '#' && x->hash && blank_before)) {
    x->close = "*/";
    x->st = c == '/' && next == '*' ? BLOCK_COMMENT : LINE_COMMENT;
    x->seg = x->i;
    x->i += c == '/' ? 1 : 0;
    return;
  }
  if ((c == '\'' || c == '"' || c == '`') && !x->markup) {
    x->st = STR;
    x->quote = c;
  }
  if (c != ' ' && c != '\t' && c != '\r')
    x->code = 1;
}

/* One byte at x->i, not a newline. */
static pv_status step(lexer *x) {
  unsigned char c = x->d[x->i];
  switch (x->st) {
    case CODE:
      step_code(x);
      break;
    case STR:
      if (c == '\\' && x->i + 1 < x->n && x->d[x->i + 1] != '\n')
        x->i++;
      else if (c == x->quote)
        x->st = CODE;
      break;
    case BLOCK_COMMENT: {
      size_t cl = strlen(x->close);
      if (c == (unsigned char)x->close[0] && x->n - x->i >= cl &&
          memcmp(x->d + x->i, x->close, cl) == 0) {
        x->i += cl - 1;
        x->st = CODE;
        return add_mark(x, x->i + 1);
      }
      break;
    }
    case LINE_COMMENT:
      break;
  }
  return PV_OK;
}

/* Files whose comments start with '#'. */
static int hash_comments(const char *path) {
  static const char *const ext[] = {".yml", ".yaml", ".toml", ".sh", ".py", ".rb", ".env"};
  size_t pl = path ? strlen(path) : 0;
  for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
    size_t el = strlen(ext[k]);
    if (pl >= el && strcmp(path + pl - el, ext[k]) == 0)
      return 1;
  }
  return 0;
}

static int holds_marker(const pv_file *f) {
  for (size_t k = 0; k < NMARKS; k++)
    if (memmem(f->data, f->size, marks[k], strlen(marks[k])) != NULL)
      return 1;
  return 0;
}

pv_status pv_marks_scan(pv_marks *m, const pv_file *f) {
  m->n = 0;
  if (f == NULL || f->data == NULL || !holds_marker(f))
    return PV_OK;
  lexer x = {.d = f->data, .n = f->size, .line = 1, .st = CODE, .m = m};
  x.hash = hash_comments(f->path);
  x.markup = pv_lang_is_host(f->lang);
  pv_status rc = PV_OK;
  for (; x.i < x.n && rc == PV_OK; x.i++) {
    if (x.d[x.i] == '\n')
      rc = end_line(&x);
    else
      rc = step(&x);
  }
  if (rc == PV_OK && x.i >= x.n) {
    x.i = x.n;
    rc = end_line(&x);
  }
  return rc;
}

/* Does the comment segment [s, e) cover rule_id: a bare marker covers
 * every rule, `marker: a, b` the rules listed. */
static int covers(const unsigned char *d, size_t s, size_t e, const char *rule_id) {
  for (size_t at = find_marker(d, s, e, s); at != 0; at = find_marker(d, s, e, at)) {
    size_t i = at;
    while (i < e && d[i] == ' ')
      i++;
    if (i >= e || d[i] != ':')
      return 1;
    i++;
    for (;;) {
      while (i < e && (d[i] == ' ' || d[i] == ','))
        i++;
      size_t j = i;
      while (j < e && d[j] != ' ' && d[j] != ',' && d[j] != '\r' && d[j] != '*')
        j++;
      if (j == i)
        break;
      if (strlen(rule_id) == j - i && memcmp(d + i, rule_id, j - i) == 0)
        return 1;
      i = j;
    }
  }
  return 0;
}

int pv_marks_suppress(const pv_marks *m, const pv_file *f, uint32_t line, const char *rule_id) {
  size_t lo = 0;
  size_t hi = m->n;
  while (lo < hi) { /* the first mark on line - 1 or later */
    size_t mid = lo + (hi - lo) / 2;
    if (m->v[mid].line + 1 < line)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (size_t k = lo; k < m->n && m->v[k].line <= line; k++) {
    const pv_mark *mk = &m->v[k];
    int here = mk->line == line || (mk->line + 1 == line && mk->alone);
    if (here && covers(f->data, mk->s, mk->e, rule_id))
      return 1;
  }
  return 0;
}

void pv_marks_free(pv_marks *m) {
  free(m->v);
  memset(m, 0, sizeof *m);
}
