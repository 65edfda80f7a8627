/* test_base.c — arenas, capped buffers, severities, limits. */
#include <stdlib.h>
#include <string.h>

#include "../../scanner/base.h"
#include "../../scanner/limits.h"
#include "../../scanner/model.h"
#include "tap.h"

static void test_arena(void) {
  pv_arena *a = pv_arena_new(1024);
  char *s = pv_arena_strdup(a, "hello");
  is_str(s, "hello", "arena strdup copies");
  ok(((uintptr_t)pv_arena_alloc(a, 3) & 15u) == 0, "arena memory is 16-byte aligned");
  ok(pv_arena_alloc(a, 2048) == NULL, "arena refuses an allocation past its cap");
  ok(pv_arena_alloc(a, 512) != NULL, "arena still serves within its cap");
  ok(pv_arena_alloc(a, SIZE_MAX - 4) == NULL, "arena refuses a size that would overflow");
  char *p = pv_arena_printf(a, "%s-%d", "x", 42);
  is_str(p, "x-42", "arena printf formats");
  pv_arena_delete(a);
  pv_arena *big = pv_arena_new(0);
  unsigned char *m = pv_arena_alloc(big, 1 << 20);
  if (ok(m != NULL, "a large allocation succeeds")) {
    is_int(m[0], 0, "large allocations are zeroed: first byte");
    is_int(m[(1 << 20) - 1], 0, "large allocations are zeroed: last byte");
  }
  ok(pv_arena_used(big) >= (1u << 20), "arena counts what it handed out");
  pv_arena_delete(big);
}

static void test_buf(void) {
  pv_buf b;
  pv_buf_init(&b, 8);
  is_int(pv_buf_puts(&b, "12345678"), PV_OK, "buf takes exactly its max");
  is_int(pv_buf_puts(&b, "9"), PV_FAILED, "buf refuses one byte past its max");
  is_int((long long)b.len, 8, "a refused add leaves the buffer unchanged");
  is_str((char *)b.data, "12345678", "buf stays NUL-terminated");
  pv_buf_free(&b);
  pv_buf_init(&b, 1 << 16);
  for (int i = 0; i < 1000; i++)
    pv_buf_catf(&b, "%d,", i);
  ok(b.len > 3000, "buf printf appends and grows (%zu bytes)", b.len);
  if (ok(b.data != NULL, "buf printf: data"))
    is_int(memcmp(b.data, "0,1,2,", 6), 0, "buf printf appends in order");
  size_t n = 0;
  unsigned char *taken = pv_buf_take(&b, &n);
  ok(taken != NULL, "buf_take hands the bytes over");
  ok(n > 3000, "buf_take gives their length (%zu)", n);
  ok(b.data == NULL, "buf_take leaves the buffer empty");
  free(taken);
}

/* The cap poisons the buffer: later appends are refused, even ones that
 * would fit, and the status is told once at the end. */
static void test_buf_sticky(void) {
  pv_buf b;
  pv_buf_init(&b, 8);
  pv_buf_cats(&b, "12345");
  is_int(pv_buf_status(&b), PV_OK, "sticky: under the cap the status is PV_OK");
  pv_buf_cats(&b, "6789");
  is_int(pv_buf_status(&b), PV_FAILED, "sticky: passing the cap sets PV_FAILED");
  is_int(pv_buf_puts(&b, "6"), PV_FAILED, "sticky: a later append that would fit is refused");
  pv_buf_cat(&b, "7", 1);
  pv_buf_catf(&b, "%d", 8);
  is_int((long long)b.len, 5, "sticky: nothing is appended after the failure");
  is_str((char *)b.data, "12345", "sticky: the bytes before the failure stay, NUL-terminated");
  is_int(pv_buf_status(&b), PV_FAILED, "sticky: the status is still the first failure");
  pv_buf_free(&b);
  is_int(pv_buf_status(&b), PV_OK, "sticky: pv_buf_free resets the status");
  is_int(pv_buf_puts(&b, "12345678"), PV_OK, "sticky: a freed buffer takes appends again");
  pv_buf_free(&b);
  pv_buf_init(&b, 8);
  is_int(pv_buf_printf(&b, "%s", "123456789"), PV_FAILED, "sticky: printf past the cap fails");
  is_int(pv_buf_add(&b, "1", 1), PV_FAILED, "sticky: then add is refused too");
  is_int((long long)b.len, 0, "sticky: printf past the cap appended nothing");
  pv_buf_free(&b);
}

/* Negative twin: under the cap a run of appends all succeeds. */
static void test_buf_sticky_under_cap(void) {
  pv_buf b;
  pv_buf_init(&b, 8);
  pv_buf_cats(&b, "12");
  pv_buf_cat(&b, "34", 2);
  pv_buf_catf(&b, "%d", 5678);
  is_int(pv_buf_status(&b), PV_OK, "under the cap: every append succeeds");
  is_str((char *)b.data, "12345678", "under the cap: all the bytes are there");
  is_int(pv_buf_puts(&b, ""), PV_OK, "under the cap: an empty append at the cap succeeds");
  size_t n = 0;
  unsigned char *taken = pv_buf_take(&b, &n);
  is_int((long long)n, 8, "under the cap: taken whole");
  is_int(pv_buf_status(&b), PV_OK, "under the cap: the emptied buffer's status is PV_OK");
  free(taken);
}

static void test_severity(void) {
  is_int(pv_severity_parse("ERROR"), PV_SEV_HIGH, "Semgrep ERROR is high");
  is_int(pv_severity_parse("WARNING"), PV_SEV_MEDIUM, "Semgrep WARNING is medium");
  is_int(pv_severity_parse("INFO"), PV_SEV_INFO, "Semgrep INFO is info");
  is_int(pv_severity_parse("CRITICAL"), PV_SEV_CRITICAL, "Semgrep CRITICAL is critical");
  is_int(pv_severity_parse("low"), PV_SEV_LOW, "plugvet low");
  is_int(pv_severity_parse("none"), PV_SEV_NONE, "none is a threshold");
  is_int(pv_severity_parse("severe"), -1, "unknown words are refused");
  is_int(pv_severity_parse(NULL), -1, "NULL is refused");
  is_str(pv_severity_sarif_level(PV_SEV_CRITICAL), "error", "critical -> error");
  is_str(pv_severity_sarif_level(PV_SEV_HIGH), "error", "high -> error");
  is_str(pv_severity_sarif_level(PV_SEV_MEDIUM), "warning", "medium -> warning");
  is_str(pv_severity_sarif_level(PV_SEV_LOW), "note", "low -> note");
  is_str(pv_severity_sarif_level(PV_SEV_INFO), "note", "info -> note");
  is_double(pv_severity_score(PV_SEV_CRITICAL), 9.5, 0, "security-severity default: critical 9.5");
  is_double(pv_severity_score(PV_SEV_HIGH), 8.0, 0, "security-severity default: high 8.0");
  is_double(pv_severity_score(PV_SEV_MEDIUM), 5.5, 0, "security-severity default: medium 5.5");
  is_double(pv_severity_score(PV_SEV_LOW), 3.0, 0, "security-severity default: low 3.0");
  is_double(pv_severity_score(PV_SEV_INFO), 0.0, 0, "security-severity default: info 0.0");
}

static void test_limits(void) {
  pv_limits l = pv_limits_default();
  is_int(l.total_bytes, 512 * PV_MiB, "byte limits as DESIGN.md: total");
  is_int(l.entry_bytes, 64 * PV_MiB, "byte limits as DESIGN.md: entry");
  is_int(l.entries, 100000, "count limits as DESIGN.md: entries");
  is_int(l.ratio, 200, "count limits as DESIGN.md: ratio");
  is_int(l.depth, 3, "count limits as DESIGN.md: depth");
  is_int(l.ast_bytes, 16 * PV_MiB, "AST limits as DESIGN.md: bytes");
  is_int(l.ast_depth, 2000, "AST limits as DESIGN.md: depth");
  is_int(l.input_ms, 120000, "time limit as DESIGN.md: per input");
}

int main(void) {
  test_arena();
  test_buf();
  test_buf_sticky();
  test_buf_sticky_under_cap();
  test_severity();
  test_limits();
  return tap_done();
}
