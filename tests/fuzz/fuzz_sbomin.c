/* fuzz_sbomin.c — any bytes as an SBOM input (CycloneDX or SPDX JSON read
 * by the inventory, then written back as SPDX and CycloneDX) and as a --vex
 * file (OpenVEX or CycloneDX VEX, applied to that inventory). */
#include <stdio.h>
#include <unistd.h>

#include "../../reports/cyclonedx.h"
#include "../../reports/spdx.h"
#include "../../reports/vex.h"
#include "fuzz.h"

static void as_vex(const uint8_t *data, size_t size, const pv_inventory *inv) {
  char path[64];
  int fd = fuzz_memfile(data, size, path, sizeof path);
  if (fd < 0)
    return;
  pv_limits lim = pv_limits_default();
  pv_vex *v = NULL;
  pv_error err = {0};
  pv_vulns none = {.advisories = {.elem = sizeof(pv_advisory *)},
                   .vulns = {.elem = sizeof(pv_vuln)}};
  size_t n = 0;
  if (pv_vex_load(&v, path, &lim, &err) == PV_OK && inv != NULL)
    (void)pv_vex_apply(v, inv, &none, NULL, &n);
  pv_vex_free(v);
  close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pv_limits lim = pv_limits_default();
  pv_result *r = pv_result_new("bom.json");
  if (r == NULL)
    return 0;
  r->kind = "file";
  pv_file f = {.path = "bom.json", .data = data, .size = size};
  pv_inventory *inv = pv_result_add_file(r, &f) ? pv_inv_build(r, &lim) : NULL;
  FILE *out = fopen("/dev/null", "w");
  pv_error err = {0};
  pv_spdx_options so = {.tool_version = "0", .name = "bom.json", .epoch = 0};
  pv_cdx_options co = {.spec_minor = 6, .tool_version = "0", .epoch = 0};
  if (inv != NULL && out != NULL) {
    (void)pv_spdx_write(out, inv, NULL, &so, &err);
    (void)pv_cyclonedx_write(out, inv, NULL, &co, &err);
  }
  if (out != NULL)
    fclose(out);
  as_vex(data, size, inv);
  pv_inv_delete(inv);
  pv_result_delete(r);
  return 0;
}
