/* driver.c — runs a fuzz target without libFuzzer, for `make test`: every
 * seed once, then -runs=N deterministic mutations of them (bit flips,
 * interesting bytes, inserts, deletes, duplicated and spliced ranges), each
 * at most -max_len bytes. The same seeds and N always run the same inputs,
 * so a failure reproduces; the input that crashed is left in
 * fuzz-crash-<target> in the working directory (written before each run). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

typedef struct {
  uint8_t *data;
  size_t size;
} blob;

static blob *seeds;
static size_t n_seeds;
static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void add_seed(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return;
  blob b = {malloc(1 << 20), 0};
  if (b.data)
    b.size = fread(b.data, 1, 1 << 20, f);
  fclose(f);
  seeds = realloc(seeds, (n_seeds + 1) * sizeof *seeds);
  if (seeds == NULL || b.data == NULL)
    exit(3);
  seeds[n_seeds++] = b;
}

static void add_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return;
  if (!S_ISDIR(st.st_mode))
    return add_seed(path);
  struct dirent **list;
  int n = scandir(path, &list, NULL, alphasort);
  for (int i = 0; i < n; i++) {
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", path, list[i]->d_name);
    if (list[i]->d_name[0] != '.' && stat(sub, &st) == 0 && S_ISREG(st.st_mode))
      add_seed(sub);
    free(list[i]);
  }
  free(list);
}

/* One random change to buf (size *n, capacity cap). */
static void mutate(uint8_t *buf, size_t *n, size_t cap) {
  static const uint8_t interesting[] = {0, 0xff, 0x7f, 0x80, '\n', '"', '{', '[', ':', '-', '\\'};
  size_t at = *n ? next() % *n : 0, len = *n ? 1 + next() % (*n - at) : 0;
  switch (next() % 6) {
    case 0:
      if (*n)
        buf[at] ^= (uint8_t)(1u << (next() % 8));
      break;
    case 1:
      if (*n)
        buf[at] = interesting[next() % sizeof interesting];
      break;
    case 2:
      if (*n < cap) {
        memmove(buf + at + 1, buf + at, *n - at);
        buf[at] = (uint8_t)next();
        ++*n;
      }
      break;
    case 3:
      memmove(buf + at, buf + at + len, *n - at - len);
      *n -= len;
      break;
    case 4: /* duplicate a range in place */
      if (len && *n + len <= cap) {
        memmove(buf + at + len, buf + at, *n - at);
        *n += len;
      }
      break;
    default: { /* splice the start of another seed */
      const blob *o = &seeds[next() % n_seeds];
      size_t k = o->size < cap - at ? o->size : cap - at;
      memcpy(buf + at, o->data, k);
      if (at + k > *n)
        *n = at + k;
    }
  }
}

static void run(const char *name, const uint8_t *data, size_t n) {
  char crash[256];
  snprintf(crash, sizeof crash, "fuzz-crash-%s", name);
  FILE *f = fopen(crash, "wb");
  if (f) {
    fwrite(data, 1, n, f);
    fclose(f);
  }
  LLVMFuzzerTestOneInput(data, n);
}

int main(int argc, char **argv) {
  long runs = 1000, max_len = 65536;
  const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  for (int i = 1; i < argc; i++) {
    if (sscanf(argv[i], "-runs=%ld", &runs) == 1 || sscanf(argv[i], "-max_len=%ld", &max_len) == 1)
      continue;
    add_path(argv[i]);
  }
  if (n_seeds == 0) {
    add_seed("/dev/null");
    seeds[0].size = 0;
  }
  for (size_t i = 0; i < n_seeds; i++)
    run(name, seeds[i].data, seeds[i].size);
  uint8_t *buf = malloc((size_t)max_len);
  for (long i = 0; buf && i < runs; i++) {
    const blob *s = &seeds[next() % n_seeds];
    size_t n = s->size < (size_t)max_len ? s->size : (size_t)max_len;
    memcpy(buf, s->data, n);
    for (int k = 1 + (int)(next() % 4); k > 0; k--)
      mutate(buf, &n, (size_t)max_len);
    run(name, buf, n);
  }
  char crash[256];
  snprintf(crash, sizeof crash, "fuzz-crash-%s", name);
  remove(crash);
  printf("%s: %zu seeds, %ld mutated runs, no crash\n", name, n_seeds, runs);
  for (size_t i = 0; i < n_seeds; i++)
    free(seeds[i].data);
  free(seeds);
  free(buf);
  return 0;
}
