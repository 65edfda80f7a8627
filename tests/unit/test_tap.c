/* test_tap.c — the checks of tap.h can fail, and then say where and what.
 * Each check runs in a child process, once failing (the negative twin) and
 * once passing: a failing check must print "not ok", its file:line, its
 * call as written and the compared values, and the child's exit status
 * must say that the check failed and that tap_done saw it; a passing
 * check prints "ok" and no diagnostic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

/* What a check run in a child printed (stdout and stderr together), the
 * line it stands on and how the child ended: 0 the check passed, 3 it
 * failed and tap_done returned non-zero, -1 the child did not exit. */
typedef struct {
  char out[4096];
  int line;
  int status;
} child;

/* Fork with the child's stdout and stderr going into a pipe: 0 in the
 * child, the child's pid in the parent (*fd: the pipe's read end), -1 when
 * the pipe or the fork fails. */
static pid_t child_fork(int *fd) {
  int p[2];
  fflush(stdout);
  fflush(stderr);
  if (pipe(p) != 0)
    return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(p[1], STDOUT_FILENO);
    dup2(p[1], STDERR_FILENO);
    close(p[0]);
    close(p[1]);
    return 0;
  }
  close(p[1]);
  *fd = p[0];
  if (pid < 0)
    close(p[0]);
  return pid;
}

/* End the child: bit 0 set when the check failed, bit 1 when tap_done did. */
static void __attribute__((noreturn)) child_exit(int passed) {
  int done = tap_done();
  fflush(stdout);
  _exit((passed ? 0 : 1) | (done ? 2 : 0));
}

/* Read what the child printed and wait for it. */
static void child_wait(child *c, pid_t pid, int fd, int line) {
  size_t n = 0;
  ssize_t got = 1;
  c->line = line;
  c->status = -1;
  c->out[0] = '\0';
  if (pid < 0)
    return;
  while (n + 1 < sizeof c->out && (got = read(fd, c->out + n, sizeof c->out - 1 - n)) > 0)
    n += (size_t)got;
  c->out[n] = '\0';
  close(fd);
  int st;
  if (waitpid(pid, &st, 0) == pid && WIFEXITED(st))
    c->status = WEXITSTATUS(st);
}

/* Run one check in a child; c gets its output, line and status. */
#define IN_CHILD(c, check)                 \
  do {                                     \
    int fd_ = -1;                          \
    pid_t pid_ = child_fork(&fd_);         \
    if (pid_ == 0)                         \
      child_exit(check);                   \
    child_wait(&(c), pid_, fd_, __LINE__); \
  } while (0)

/* The check named name failed, saying "test_tap.c:LINE: diag". */
static void failed(const child *c, const char *name, const char *diag) {
  char want[512];
  is_int(c->status, 3, "%s: fails, and tap_done says so", diag);
  snprintf(want, sizeof want, " - %s\n", name);
  has_str(c->out, "not ok ", "%s: a 'not ok' line", diag);
  has_str(c->out, want, "%s: ... with the check's name", diag);
  snprintf(want, sizeof want, "#   test_tap.c:%d: %s\n", c->line, diag);
  has_str(c->out, want, "%s: file:line, the call and the values", diag);
}

/* The check named name passed, quietly. */
static void passed(const child *c, const char *name) {
  char want[512];
  is_int(c->status, 0, "%s: passes", name);
  lacks_str(c->out, "not ok", "%s: no 'not ok' line", name);
  snprintf(want, sizeof want, " - %s\n", name);
  has_str(c->out, want, "%s: an 'ok' line with its name", name);
  lacks_str(c->out, "#   ", "%s: no diagnostic", name);
}

static void test_ok(void) {
  child c;
  long long two = 2;
  const char *word = "apple";
  IN_CHILD(c, ok(two == 3, "two is %d", 3));
  failed(&c, "two is 3", "ok(two == 3): false");
  IN_CHILD(c, ok(two == 2, "two is %d", 2));
  passed(&c, "two is 2");
  IN_CHILD(c, ok(strchr(word, 'z'), "a z in %s", word));
  failed(&c, "a z in apple", "ok(strchr(word, 'z')): false");
  IN_CHILD(c, ok(strchr(word, 'p'), "a p in %s", word));
  passed(&c, "a p in apple");
}

static void test_is_int(void) {
  child c;
  long long two = 2;
  IN_CHILD(c, is_int(two, 3, "two is three"));
  failed(&c, "two is three", "is_int(two, 3): got 2, want 3");
  IN_CHILD(c, is_int(two, 2, "two is two"));
  passed(&c, "two is two");
  IN_CHILD(c, is_int(-two, 1LL << 40, "big"));
  failed(&c, "big", "is_int(-two, 1LL << 40): got -2, want 1099511627776");
}

static void test_is_str(void) {
  child c;
  const char *word = "apple", *nothing = NULL;
  IN_CHILD(c, is_str(word, "pear", "fruit"));
  failed(&c, "fruit", "is_str(word, \"pear\"): got 'apple', want 'pear'");
  IN_CHILD(c, is_str(word, "apple", "fruit"));
  passed(&c, "fruit");
  IN_CHILD(c, is_str(nothing, "pear", "none"));
  failed(&c, "none", "is_str(nothing, \"pear\"): got NULL, want 'pear'");
  IN_CHILD(c, is_str(nothing, NULL, "none"));
  passed(&c, "none");
  IN_CHILD(c, is_str("it's\t\x1b", "x", "escapes"));
  failed(&c, "escapes", "is_str(\"it's\\t\\x1b\", \"x\"): got 'it\\'s\\t\\x1b', want 'x'");
  IN_CHILD(c, is_str("a\nb\nc", "a\nB\nc", "lines"));
  failed(&c, "lines", "is_str(\"a\\nb\\nc\", \"a\\nB\\nc\"): first difference at line 2, column 1");
  has_str(c.out, "#   got:\n#     |a\n#     |b\n#     |c\n#   want:\n#     |a\n#     |B\n",
          "lines: both texts as blocks");
  IN_CHILD(c, is_str("a\nb\nc", "a\nb\nc", "lines"));
  passed(&c, "lines");
}

static void test_has_str(void) {
  child c;
  const char *word = "apple", *nothing = NULL;
  IN_CHILD(c, has_str(word, "pea", "pea"));
  failed(&c, "pea", "has_str(word, \"pea\"): got 'apple', want it to contain 'pea'");
  IN_CHILD(c, has_str(word, "ppl", "ppl"));
  passed(&c, "ppl");
  IN_CHILD(c, has_str(nothing, "ppl", "ppl in NULL"));
  failed(&c, "ppl in NULL", "has_str(nothing, \"ppl\"): got NULL, want it to contain 'ppl'");
  IN_CHILD(c, lacks_str(word, "ppl", "no ppl"));
  failed(&c, "no ppl", "lacks_str(word, \"ppl\"): got 'apple', want it without 'ppl'");
  IN_CHILD(c, lacks_str(word, "pea", "no pea"));
  passed(&c, "no pea");
  IN_CHILD(c, lacks_str(nothing, "pea", "no pea in NULL"));
  failed(&c, "no pea in NULL", "lacks_str(nothing, \"pea\"): got NULL, want it without 'pea'");
}

static void test_is_double(void) {
  child c;
  double score = 7.4;
  IN_CHILD(c, is_double(score, 7.5, 0, "score"));
  failed(&c, "score", "is_double(score, 7.5, 0): got 7.4, want 7.5");
  IN_CHILD(c, is_double(score, 7.4, 0, "score"));
  passed(&c, "score");
  IN_CHILD(c, is_double(score, 7.41, 0.001, "near"));
  failed(&c, "near", "is_double(score, 7.41, 0.001): got 7.4, want 7.41 (within 0.001)");
  IN_CHILD(c, is_double(score, 7.4000000001, 1e-9, "near"));
  passed(&c, "near");
}

int main(void) {
  test_ok();
  test_is_int();
  test_is_str();
  test_has_str();
  test_is_double();
  return tap_done();
}
