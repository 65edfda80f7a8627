/* fuzz_baseline.c — any bytes as a --baseline file (SARIF or JSON lines). */
#include <unistd.h>

#include "../../reports/baseline.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  int fd = fuzz_memfile(data, size, path, sizeof path);
  if (fd < 0)
    return 0;
  pv_baseline *b = NULL;
  pv_error err = {0};
  if (pv_baseline_load(path, 1 << 20, &b, &err) == PV_OK) {
    pv_result *r = pv_result_new("x");
    if (r)
      pv_baseline_filter(b, r);
    pv_result_delete(r);
  }
  pv_baseline_free(b);
  close(fd);
  return 0;
}
