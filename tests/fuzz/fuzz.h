/* fuzz.h — the fuzz targets' one entry point (libFuzzer's signature), and
 * what they share. Each fuzz_*.c defines LLVMFuzzerTestOneInput; `make fuzz`
 * links it with libFuzzer (clang), `make test` with driver.c, which replays
 * the seeds and a fixed number of deterministic mutations of them. */
#ifndef PV_FUZZ_H
#define PV_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as an anonymous in-memory file; writes "/proc/self/fd/N" into
 * path and returns the descriptor (close it), or -1. */
int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t n);

#endif
