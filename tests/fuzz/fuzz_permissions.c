/* fuzz_permissions.c — any bytes as a plugin's package.json: the
 * plugvet.permissions reader and the policy writer. */
#include <stdio.h>

#include "../../reports/report.h"
#include "../../scanner/permissions.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pv_result *r = pv_result_new("fuzz");
  if (r == NULL)
    return 0;
  pv_file f = {.path = "package/package.json", .data = data, .size = size};
  pv_result_add_file(r, &f);
  r->permissions = pv_permissions_read(r);
  if (r->permissions != NULL) {
    pv_capabilities_check(r, r->permissions, 1);
    FILE *out = fopen("/dev/null", "w");
    pv_result *rs[] = {r};
    pv_report_set set = {.results = rs, .count = 1};
    pv_error err = {0};
    if (out) {
      pv_policy_write(out, &set, &err);
      fclose(out);
    }
  }
  pv_result_delete(r);
  return 0;
}
