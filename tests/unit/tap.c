/* tap.c — see tap.h. */
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int planned, run, failed;

void tap_plan(int n) {
  planned = n;
  if (n > 0)
    printf("1..%d\n", n);
}

/* Print "ok N - name" or "not ok N - name" and count the check. */
static int report(int pass, const char *fmt, va_list ap) {
  run++;
  if (!pass)
    failed++;
  printf("%s %d - ", pass ? "ok" : "not ok", run);
  vprintf(fmt, ap);
  printf("\n");
  fflush(stdout);
  return pass;
}

/* Start a failure's diagnostic: "#   test_x.c:12: is_int(a, 3): ". */
static void where(tap_at at) {
  const char *base = strrchr(at.file, '/');
  fprintf(stderr, "#   %s:%d: %s: ", base ? base + 1 : at.file, at.line, at.call);
}

/* One byte of a quoted string, escaped when it is not printable. */
static void put_byte(unsigned char c) {
  if (c == '\\' || c == '\'')
    fprintf(stderr, "\\%c", c);
  else if (c == '\n')
    fputs("\\n", stderr);
  else if (c == '\t')
    fputs("\\t", stderr);
  else if (c < 0x20 || c == 0x7f)
    fprintf(stderr, "\\x%02x", c);
  else
    fputc(c, stderr);
}

/* s in quotes on one line, or NULL. */
static void put_str(const char *s) {
  if (s == NULL) {
    fputs("NULL", stderr);
    return;
  }
  fputc('\'', stderr);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    put_byte(*p);
  fputc('\'', stderr);
}

/* A multi-line text as a block, each of its lines after "#     |". */
static void put_block(const char *label, const char *s) {
  fprintf(stderr, "#   %s:\n#     |", label);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '\n')
      fputs(p[1] ? "\n#     |" : "\n#     (newline at the end)", stderr);
    else
      put_byte(*p);
  }
  fputc('\n', stderr);
}

static int multi_line(const char *s) {
  return s != NULL && strchr(s, '\n') != NULL;
}

int tap_ok_at(tap_at at, int pass, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(pass, fmt, ap);
  va_end(ap);
  if (!pass) {
    where(at);
    fputs("false\n", stderr);
  }
  return pass;
}

int tap_is_int_at(tap_at at, long long got, long long want, const char *fmt, ...) {
  va_list ap;
  int pass = got == want;
  va_start(ap, fmt);
  report(pass, fmt, ap);
  va_end(ap);
  if (!pass) {
    where(at);
    fprintf(stderr, "got %lld, want %lld\n", got, want);
  }
  return pass;
}

/* Line and column (1-based) of the first byte where a and b differ. */
static void first_difference(const char *a, const char *b, size_t *line, size_t *col) {
  *line = 1;
  *col = 1;
  for (; *a && *a == *b; a++, b++) {
    if (*a == '\n') {
      ++*line;
      *col = 1;
    } else {
      ++*col;
    }
  }
}

/* Two strings that differ, at least one of them over several lines. */
static void put_differing_blocks(const char *got, const char *want) {
  size_t line, col;
  first_difference(got, want, &line, &col);
  fprintf(stderr, "first difference at line %zu, column %zu\n", line, col);
  put_block("got", got);
  put_block("want", want);
}

int tap_is_str_at(tap_at at, const char *got, const char *want, const char *fmt, ...) {
  va_list ap;
  int pass = got == want || (got && want && strcmp(got, want) == 0);
  va_start(ap, fmt);
  report(pass, fmt, ap);
  va_end(ap);
  if (pass)
    return 1;
  where(at);
  if (got && want && (multi_line(got) || multi_line(want))) {
    put_differing_blocks(got, want);
    return 0;
  }
  fputs("got ", stderr);
  put_str(got);
  fputs(", want ", stderr);
  put_str(want);
  fputc('\n', stderr);
  return 0;
}

int tap_has_str_at(tap_at at, const char *got, const char *part, int want_in, const char *fmt,
                   ...) {
  va_list ap;
  int in = got && part && strstr(got, part) != NULL;
  int pass = got && part && in == !!want_in;
  va_start(ap, fmt);
  report(pass, fmt, ap);
  va_end(ap);
  if (pass)
    return 1;
  where(at);
  fputs(multi_line(got) ? "got the text below" : "got ", stderr);
  if (!multi_line(got))
    put_str(got);
  fputs(want_in ? ", want it to contain " : ", want it without ", stderr);
  put_str(part);
  fputc('\n', stderr);
  if (multi_line(got))
    put_block("got", got);
  return 0;
}

/* The shortest decimal form of d that reads back as d. */
static void put_double(double d) {
  char b[40];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(b, sizeof b, "%.*g", prec, d);
    if (strtod(b, NULL) == d)
      break;
  }
  fputs(b, stderr);
}

int tap_is_double_at(tap_at at, double got, double want, double tol, const char *fmt, ...) {
  va_list ap;
  double d = got > want ? got - want : want - got;
  int pass = got == want || d < tol;
  va_start(ap, fmt);
  report(pass, fmt, ap);
  va_end(ap);
  if (pass)
    return 1;
  where(at);
  fputs("got ", stderr);
  put_double(got);
  fputs(", want ", stderr);
  put_double(want);
  if (tol > 0) {
    fputs(" (within ", stderr);
    put_double(tol);
    fputc(')', stderr);
  }
  fputc('\n', stderr);
  return 0;
}

void tap_skip(const char *why) {
  run++;
  printf("ok %d # skip %s\n", run, why);
}

int tap_done(void) {
  if (planned <= 0)
    printf("1..%d\n", run);
  else if (planned != run) {
    printf("# planned %d tests but ran %d\n", planned, run);
    return 1;
  }
  return failed ? 1 : 0;
}
