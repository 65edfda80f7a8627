/* fuzz_pkg.c — any bytes as a plugin's package.json (its scripts parsed as
 * shell, its metadata checked, the files its hooks run looked up), as one
 * shell script, and as a zip whose central directory is compared with its
 * local headers. */
#include <stdlib.h>

#include "../../scanner/intake/zipdir.h"
#include "../../scanner/pkg/pkg.h"
#include "../../scanner/pkg/shell.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pv_limits lim = pv_limits_default();
  pv_result *r = pv_result_new("fuzz-1.0.0.tgz");
  if (r == NULL)
    return 0;
  pv_file f = {.path = "package/package.json", .data = data, .size = size};
  pv_file js = {.path = "package/index.js", .data = data, .size = size};
  pv_result_add_file(r, &f);
  pv_result_add_file(r, &js);
  pv_pkg_check(r, "package/package.json", &lim);
  pv_sh_limits sl = {lim.script_bytes, lim.script_cmds, lim.script_depth};
  pv_sh_script sc;
  pv_sh_parse(r->arena, (const char *)data, size, &sl, &sc);
  pv_result_delete(r);
  char why[256];
  unsigned char *cd = NULL;
  size_t cdlen = 0;
  pv_zip_inconsistent(data, size, why, sizeof why, &cd, &cdlen);
  free(cd);
  return 0;
}
