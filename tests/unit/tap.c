/* tap.c — see tap.h. */
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int planned, run, failed;

void tap_plan(int n) {
  planned = n;
  if (n > 0) printf("1..%d\n", n);
}

int tap_ok(int cond, const char *fmt, ...) {
  va_list ap;
  run++;
  printf("%s %d - ", cond ? "ok" : "not ok", run);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  if (!cond) failed++;
  fflush(stdout);
  return cond;
}

int tap_is_str(const char *got, const char *want, const char *name) {
  int same = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
  if (!tap_ok(same, "%s", name))
    printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)", want ? want : "(null)");
  return same;
}

int tap_is_int(long long got, long long want, const char *name) {
  if (!tap_ok(got == want, "%s", name)) printf("#   got:  %lld\n#   want: %lld\n", got, want);
  return got == want;
}

void tap_skip(const char *why) {
  run++;
  printf("ok %d # skip %s\n", run, why);
}

int tap_done(void) {
  if (planned <= 0) printf("1..%d\n", run);
  else if (planned != run) {
    printf("# planned %d tests but ran %d\n", planned, run);
    return 1;
  }
  return failed ? 1 : 0;
}
