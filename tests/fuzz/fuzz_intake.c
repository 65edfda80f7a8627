/* fuzz_intake.c — any bytes as an input: archive detection, libarchive
 * reading, nested archives, hazard findings, under small limits. */
#include <unistd.h>

#include "../../scanner/intake/intake.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  int fd = fuzz_memfile(data, size, path, sizeof path);
  if (fd < 0)
    return 0;
  pv_limits lim = pv_limits_default();
  lim.total_bytes = 8 * PV_MiB;
  lim.entry_bytes = 4 * PV_MiB;
  lim.entries = 2000;
  pv_result *r = pv_result_new(path);
  if (r != NULL)
    pv_intake_read(r, &lim, pv_now_ms() + 5000);
  pv_result_delete(r);
  close(fd);
  return 0;
}
