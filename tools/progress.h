/* progress.h — the batch's progress line on a terminal: done/total, the
 * rate, the time left, failures so far and the input being scanned, drawn
 * over itself on stderr ("\r", erase line). Only when stderr is a terminal
 * (and TERM is not dumb): never in a pipe, a file or a CI log.
 *
 * Ownership: a plain value; the current input's name is borrowed until the
 * next call. Not thread-safe: the caller serialises the calls. */
#ifndef PV_PROGRESS_H
#define PV_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  int on;
  size_t total, started, done, failed;
  uint64_t start_ms, drawn_ms; /* CLOCK_MONOTONIC */
  const char *current;
} pv_progress;

/* Start: on when wanted (not --quiet, more than one input) and stderr is a
 * terminal whose TERM (term: $TERM or NULL) is not "dumb". */
void pv_progress_init(pv_progress *p, size_t total, int wanted, const char *term);
/* An input started (current: drawn at once) or finished (input, the
 * pointer given to start; failed: it could not be scanned; drawn when
 * 100 ms have passed since the last draw, or no input is left to start). */
void pv_progress_start(pv_progress *p, const char *current);
void pv_progress_finish(pv_progress *p, const char *input, int failed);
/* Erase the line, so that a message can be printed; the next event draws
 * it again. */
void pv_progress_clear(pv_progress *p);
/* The last line: "scanned N inputs in T s (R/s), F failed". */
void pv_progress_end(pv_progress *p);

#endif
