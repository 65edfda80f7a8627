/* tap.h — a tiny TAP producer for the C unit tests (run by prove).
 * Each test file defines main() with the checks below and ends with
 * `return tap_done();`.
 *
 * Each check says one fact. The checks are macros that keep where they
 * stand (__FILE__, __LINE__) and the text of what they compare, so that a
 * failure says what failed, as libarchive's assertEqualInt does:
 *
 *   not ok 12 - lodash fixed
 *   #   test_osv.c:123: is_int(n, 3): got 2, want 3
 *
 * The "ok"/"not ok" lines go to stdout (for prove); the diagnostics go to
 * stderr, where prove shows them without -v. The name after the compared
 * values is a printf format and its arguments. Each check returns non-zero
 * when it passed, so a check on a pointer guards the checks that read
 * through it, and a NULL pointer is one failed check, not a crash:
 *
 *   if (ok(f != NULL, "found")) {
 *     is_int(f->start.line, 1, "line");
 *     is_str(f->message, "m", "message");
 *   }
 */
#ifndef PV_TAP_H
#define PV_TAP_H

#include <stddef.h>

#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Where a check stands: its file, its line and its call as written. */
typedef struct {
  const char *file;
  int line;
  const char *call;
} tap_at;

#define TAP_AT(text) ((tap_at){.file = __FILE__, .line = __LINE__, .call = (text)})

/* ok(cond, name...): cond is true (non-zero, or a non-NULL pointer). */
#define ok(cond, ...) tap_ok_at(TAP_AT("ok(" #cond ")"), !!(cond), __VA_ARGS__)
/* is_int(got, want, name...): two integers are equal (as long long). */
#define is_int(got, want, ...) \
  tap_is_int_at(TAP_AT("is_int(" #got ", " #want ")"), (got), (want), __VA_ARGS__)
/* is_str(got, want, name...): two strings are equal; NULL equals only NULL. */
#define is_str(got, want, ...) \
  tap_is_str_at(TAP_AT("is_str(" #got ", " #want ")"), (got), (want), __VA_ARGS__)
/* has_str(got, part, name...): got is a string holding part. */
#define has_str(got, part, ...) \
  tap_has_str_at(TAP_AT("has_str(" #got ", " #part ")"), (got), (part), 1, __VA_ARGS__)
/* lacks_str(got, part, name...): got is a string without part (NULL fails). */
#define lacks_str(got, part, ...) \
  tap_has_str_at(TAP_AT("lacks_str(" #got ", " #part ")"), (got), (part), 0, __VA_ARGS__)
/* is_double(got, want, tol, name...): got == want, or within tol of it
 * (|got - want| < tol); a tol of 0 asks for exact equality. */
#define is_double(got, want, tol, ...)                                                       \
  tap_is_double_at(TAP_AT("is_double(" #got ", " #want ", " #tol ")"), (got), (want), (tol), \
                   __VA_ARGS__)

/* Announce the number of tests (0: "no plan", tap_done prints it). */
void tap_plan(int n);
/* Skip one test with a reason. */
void tap_skip(const char *why);
/* Print the plan if none was given; exit status 0 iff all passed. */
int tap_done(void);

/* What the macros call; each returns 1 when the check passed, else 0. */
int tap_ok_at(tap_at at, int pass, const char *fmt, ...) TAP_PRINTF(3, 4);
int tap_is_int_at(tap_at at, long long got, long long want, const char *fmt, ...) TAP_PRINTF(4, 5);
int tap_is_str_at(tap_at at, const char *got, const char *want, const char *fmt, ...)
    TAP_PRINTF(4, 5);
int tap_has_str_at(tap_at at, const char *got, const char *part, int want_in, const char *fmt, ...)
    TAP_PRINTF(5, 6);
int tap_is_double_at(tap_at at, double got, double want, double tol, const char *fmt, ...)
    TAP_PRINTF(5, 6);

#endif
