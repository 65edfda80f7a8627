/* progress.c — see progress.h. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { REDRAW_MS = 100, NAME_SHOWN = 40 };

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void pv_progress_init(pv_progress *p, size_t total, int wanted, const char *term) {
  memset(p, 0, sizeof *p);
  p->total = total;
  p->on = wanted && isatty(STDERR_FILENO) && !(term != NULL && strcmp(term, "dumb") == 0);
  p->start_ms = now_ms();
}

/* "1m05s", "42s". */
static void put_time(double s) {
  unsigned long t = (unsigned long)(s + 0.5);
  if (t >= 60)
    fprintf(stderr, "%lum%02lus", t / 60, t % 60);
  else
    fprintf(stderr, "%lus", t);
}

/* The input's name, its end kept when long. */
static void put_name(const char *name) {
  size_t n = strlen(name);
  if (n > NAME_SHOWN)
    fprintf(stderr, "...%s", name + n - (NAME_SHOWN - 3));
  else
    fputs(name, stderr);
}

static void draw(pv_progress *p) {
  uint64_t t = now_ms();
  double secs = (double)(t - p->start_ms) / 1000.0, rate = secs > 0 ? (double)p->done / secs : 0;
  p->drawn_ms = t;
  fprintf(stderr, "\r\033[K%zu/%zu inputs", p->done, p->total);
  if (p->done > 0 && rate > 0) {
    fprintf(stderr, ", %.1f/s, ETA ", rate);
    put_time((double)(p->total - p->done) / rate);
  }
  if (p->failed > 0)
    fprintf(stderr, ", %zu failed", p->failed);
  if (p->current != NULL && p->done < p->total) {
    fputs(": ", stderr);
    put_name(p->current);
  }
  fflush(stderr);
}

static void maybe_draw(pv_progress *p) {
  if (p->on && (p->drawn_ms == 0 || now_ms() - p->drawn_ms >= REDRAW_MS))
    draw(p);
}

void pv_progress_start(pv_progress *p, const char *current) {
  p->current = current;
  p->started++;
  if (p->on)
    draw(p);
}

void pv_progress_finish(pv_progress *p, const char *input, int failed) {
  p->done++;
  p->failed += failed != 0;
  if (p->current == input)
    p->current = NULL;
  if (p->started == p->total) /* no start will follow to draw it */
    p->drawn_ms = 0;
  maybe_draw(p);
}

void pv_progress_clear(pv_progress *p) {
  if (p->on && p->drawn_ms != 0) {
    fputs("\r\033[K", stderr);
    p->drawn_ms = 0;
  }
}

void pv_progress_end(pv_progress *p) {
  if (!p->on)
    return;
  double secs = (double)(now_ms() - p->start_ms) / 1000.0;
  fprintf(stderr, "\r\033[Kscanned %zu inputs in %.1f s (%.1f/s), %zu failed\n", p->done, secs,
          secs > 0 ? (double)p->done / secs : 0.0, p->failed);
}
