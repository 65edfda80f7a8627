/* mvexpr.h — metavariable-comparison expressions (Semgrep's `comparison:`
 * key): a Python subset over the values metavariables bind.
 *
 * Grammar: `or`, `and`, `not`; comparisons `== != < <= > >=`, chained
 * (`1 < $X < 10`), `in` and `not in` (a list, or a substring); `+ - * / %`
 * and unary `-`; integer (decimal, 0x, 0o, 0b), float, string ('...' or
 * "..."), True/False literals and lists `[a, b]`; int(), str(), today(),
 * strptime("yyyy-mm-dd") and re.match(REGEX, s) with a literal REGEX;
 * metavariables `$X`.
 *
 * A metavariable's value is the literal it binds (a number; a string's
 * content), or, with `strip`, the number spelled inside quotes; with
 * `base`, the integer written in that base. Other code stays code: str()
 * gives its text; as a number it is an error. An error (a type mismatch,
 * a division by zero, an unbound metavariable) makes the comparison false,
 * as Semgrep's does.
 *
 * Ownership: a parsed expression lives in the arena it was parsed into;
 * its compiled regexes (pv_mvexpr_regex) are the caller's to free, once.
 * Evaluation allocates nothing that outlives it. */
#ifndef PV_MVEXPR_H
#define PV_MVEXPR_H

#include <stddef.h>

#include "../base.h"

typedef struct pv_mvexpr pv_mvexpr;

enum {
  PV_MVEXPR_DEPTH = 64,  /* nesting of one expression */
  PV_MVEXPR_TEXT = 4096, /* bytes of one string value (longer: an error) */
  PV_MVEXPR_LIST = 256,  /* items of one list literal */
};

/* Parse src; arena-owned, or NULL with the reason in why. */
pv_mvexpr *pv_mvexpr_parse(pv_arena *a, const char *src, char *why, size_t why_len);
/* The compiled regexes of x (pcre2_code *), for the caller to free. */
size_t pv_mvexpr_regex_count(const pv_mvexpr *x);
void *pv_mvexpr_regex(const pv_mvexpr *x, size_t i);

/* The text metavariable name binds (the code, quotes included), and
 * whether it is bound: 1 with *s, *n set; 0 when unbound. */
typedef int (*pv_mvexpr_lookup)(void *ctx, const char *name, const char **s, size_t *n);

/* 1 when x holds for the bindings lookup gives, else 0 (errors
 * included). strip: numbers inside quotes count; base: 0, or the base
 * metavariables' integers are written in. */
int pv_mvexpr_eval(const pv_mvexpr *x, pv_mvexpr_lookup lookup, void *ctx, int strip, int base);

#endif
