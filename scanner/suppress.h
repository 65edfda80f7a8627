/* suppress.h — inline suppression comments: `nosemgrep` or
 * `plugvet-ignore`, optionally `: id[, id]`, in a real comment (not in a
 * string literal) on a finding's line, or alone on the line above.
 *
 * Comments are `//` and block comments (JavaScript, TypeScript, JSON and any
 * other file), or, in YAML, TOML, shell, Python, Ruby and .env files, only
 * `#` after a blank or at line start; in HTML, EJS, Vue and Svelte files
 * (f->lang a host language) `<!-- -->`, `<%# %>`, and `//` or block comments
 * after a blank or at line start, with no strings (markup text is no code).
 * Elsewhere the lexer knows '...', "..." and `...` strings
 * (template literals may span lines) and block comments across lines; a
 * marker is a whole word (`plugvet-ignore-list` is none).
 *
 * Ownership: pv_marks_scan fills a pv_marks the caller frees with
 * pv_marks_free; spans point into the file's data. */
#ifndef PV_SUPPRESS_H
#define PV_SUPPRESS_H

#include "model.h"

/* One comment segment (the part of a comment on one line) holding a marker. */
typedef struct {
  uint32_t line; /* 1-based */
  int alone;     /* its line holds no code, only comments and blanks */
  size_t s, e;   /* the segment's bytes in the file */
} pv_mark;

typedef struct {
  pv_mark *v;
  size_t n, cap;
} pv_marks;

/* The marker comments of f, in line order (none when its data holds no
 * marker). PV_FATAL on out of memory. */
pv_status pv_marks_scan(pv_marks *m, const pv_file *f);

/* Does a mark of f (scanned into m) suppress rule_id at line? */
int pv_marks_suppress(const pv_marks *m, const pv_file *f, uint32_t line, const char *rule_id);

void pv_marks_free(pv_marks *m);

#endif
