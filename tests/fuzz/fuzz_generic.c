/* fuzz_generic.c — any bytes as a generic pattern and a text (generic.h):
 * the first byte picks the comment style and the ellipsis span, the first
 * line after it is the pattern, the rest the text. Every match must lie in
 * the text, its bindings too. */
#include <stdlib.h>
#include <string.h>

#include "../../scanner/rules/generic.h"
#include "fuzz.h"

static int check(void *ctx, const pv_pmatch *m) {
  uint32_t size = *(const uint32_t *)ctx;
  if (m->s > m->e || m->e > size || m->nb > PV_PAT_MAX_BINDINGS)
    abort();
  for (uint32_t i = 0; i < m->nb; i++)
    if (m->b[i].name == NULL || m->b[i].s > m->b[i].e || m->b[i].e > size)
      abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > UINT32_MAX / 2)
    return 0;
  const uint8_t *nl = memchr(data + 1, '\n', size - 1);
  size_t plen = nl ? (size_t)(nl - data - 1) : size - 1;
  const uint8_t *text = nl ? nl + 1 : data + size;
  uint32_t tlen = (uint32_t)(data + size - text);
  pv_arena *a = pv_arena_new(4096);
  char why[200];
  pv_generic *g = a ? pv_generic_compile(a, (const char *)data + 1, plen, data[0] % 12,
                                         (pv_gcomment)(data[0] / 12 % 4), why, sizeof why)
                    : NULL;
  if (g != NULL && pv_generic_match(g, text, tlen, 20000, check, &tlen) < 0)
    abort(); /* no allocation fails here */
  pv_arena_delete(a);
  return 0;
}
