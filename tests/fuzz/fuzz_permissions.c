/* fuzz_permissions.c — any bytes as a plugin's package.json and as a
 * browser extension's manifest.json: the plugvet.permissions reader, the
 * policy writer and the declared summary (declared.h), which must come
 * back the same from its JSON line (--resume). */
#include <stdio.h>
#include <stdlib.h>

#include "../../reports/json_util.h"
#include "../../reports/report.h"
#include "../../scanner/permissions.h"
#include "fuzz.h"

/* r's declared summary written as a JSON line and read back: the same. */
static void round_trip(const pv_result *r, const pv_limits *lim) {
  char *line = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&line, &n);
  pv_error err = {0};
  if (m == NULL)
    return;
  int ok = pv_jsonl_write(m, r, NULL, NULL, &err) == PV_OK;
  fclose(m);
  pv_result *back = NULL;
  if (ok && pv_jsonl_read(line, NULL, lim, &back, &err) == PV_OK) {
    if (back->declared == NULL)
      abort();
    json_t *a = pv_json_declared(r->declared), *b = pv_json_declared(back->declared);
    if (!json_equal(a, b))
      abort();
    json_decref(a);
    json_decref(b);
  } else if (ok) {
    abort(); /* a line plugvet wrote is always read back */
  }
  pv_result_delete(back);
  free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pv_result *r = pv_result_new("fuzz");
  if (r == NULL)
    return 0;
  r->kind = "directory";
  pv_file f = {.path = "package/package.json", .data = data, .size = size};
  pv_file mf = {.path = "package/manifest.json", .data = data, .size = size};
  pv_result_add_file(r, &f);
  pv_result_add_file(r, &mf);
  pv_limits lim = pv_limits_default();
  r->permissions = pv_permissions_read(r, &lim);
  if (r->permissions != NULL && r->declared != NULL)
    round_trip(r, &lim);
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
