/* fold.h — the constant string a JavaScript expression spells, read from
 * its source bytes, for rules that look past string tricks (a
 * `metavariable-regex` with `decoded: true`, docs/rules.md).
 *
 * What folds: string literals and templates without ${} (with \x, \u,
 * \u{...}, octal and the one-letter escapes decoded), numbers, `+`,
 * parentheses, array literals, String.fromCharCode(...) and
 * String.fromCharCode.apply(null, [...]), atob(...), Buffer.from(s, enc) and
 * new Buffer(s, enc) for base64, base64url, hex, latin1/binary and utf8,
 * decodeURIComponent / decodeURI / unescape, and the methods .toString(),
 * .split(sep), .reverse(), .join(sep), .concat(...), [index] and
 * .map(c => String.fromCharCode(c)) (or map(String.fromCharCode), read as
 * each code's character alone) on the results; a TypeScript `as T` with a plain type name is
 * skipped. A name stands for the initializer of its nearest `const`/`let`/`var` declaration before
 * the expression (also a later declarator of a list: `const a = 'x', b = 'y'`): looked for in the
 * FOLD_LOOKBACK bytes before it, nearest first, at FOLD_CANDIDATES places at most, for FOLD_LOOKUPS
 * names per fold; telling a declarator list from a call's arguments reads back at most
 * FOLD_LIST_BYTES bytes per fold. Anything else (a call of another function, a member of another
 * object) makes the expression not constant.
 *
 * Bounded: the result holds at most max_out bytes (limits.fold_bytes),
 * intermediate values at most 4 * max_out, nesting FOLD_DEPTH_MAX levels,
 * FOLD_ITEMS_MAX array elements. Past a bound the expression does not fold.
 * Thread-safe; allocates its scratch with malloc and frees it. */
#ifndef PV_FOLD_H
#define PV_FOLD_H

#include <stdint.h>

enum {
  FOLD_DEPTH_MAX = 24,           /* nesting of parentheses, calls and declarations */
  FOLD_ITEMS_MAX = 1024,         /* array elements alive in one fold */
  FOLD_LOOKUPS = 8,              /* identifiers resolved per fold */
  FOLD_LOOKBACK = 64 * 1024,     /* bytes searched back for a declaration */
  FOLD_CANDIDATES = 4096,        /* places looked at there, nearest first */
  FOLD_LIST_BYTES = 256 * 1024,  /* bytes read back over declarator lists per fold */
  FOLD_MAX_OUT_CAP = 1024 * 1024 /* largest max_out honoured */
};

/* Fold data[s, e) of a file of size bytes. On success the value (bytes,
 * UTF-8 for code points; not NUL-terminated) is in out[0, returned length)
 * and out has room for max_out bytes. -1: not a constant string, a bound
 * was passed, or out of memory. */
int32_t pv_fold(const unsigned char *data, uint32_t size, uint32_t s, uint32_t e, char *out,
                uint32_t max_out);

#endif
