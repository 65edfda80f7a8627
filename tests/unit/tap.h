/* tap.h — a tiny TAP producer for the C unit tests (run by prove).
 * Each test file defines main() with tap_plan/ok/is_str/is_int and ends with
 * `return tap_done();`. */
#ifndef PV_TAP_H
#define PV_TAP_H

#include <stddef.h>

/* Announce the number of tests (0: "no plan", tap_done prints it). */
void tap_plan(int n);
/* One check: prints "ok N - name" or "not ok N - name"; returns cond. */
int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* String equality check (NULL-safe), printing both values on failure. */
int tap_is_str(const char *got, const char *want, const char *name);
/* Integer equality check, printing both values on failure. */
int tap_is_int(long long got, long long want, const char *name);
/* Skip one test with a reason. */
void tap_skip(const char *why);
/* Print the plan if none was given; exit status 0 iff all passed. */
int tap_done(void);

#define ok tap_ok
#define is_str tap_is_str
#define is_int tap_is_int

#endif
