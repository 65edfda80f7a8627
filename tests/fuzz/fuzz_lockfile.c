/* fuzz_lockfile.c — any bytes as a project's lockfile (pnpm-lock.yaml
 * when it looks like YAML with a lockfileVersion, bun.lock or
 * package-lock.json when it opens a JSON object, else yarn.lock), read
 * into the inventory beside a root package.json, then every component's
 * remedy written (pnpm importers, catalogs, each package manager's
 * commands). */
#include <stdlib.h>
#include <string.h>

#include "../../vulndb/remedy.h"
#include "fuzz.h"

static const char *lock_name(const uint8_t *data, size_t size) {
  if (size > 0 && data[0] == '{')
    return memmem(data, size, "\"workspaces\"", 12) ? "bun.lock" : "package-lock.json";
  if (memmem(data, size, "lockfileVersion:", 16) != NULL)
    return "pnpm-lock.yaml";
  return "yarn.lock";
}

static void remedies(const pv_inventory *inv) {
  size_t n = inv->components.len;
  size_t *parent = malloc((n ? n : 1) * sizeof *parent);
  if (parent != NULL && pv_inv_parents(inv, parent) == PV_OK)
    for (size_t i = 0; i < n; i++) {
      (void)pv_remedy_of(inv, i, parent, "99.0.0"); /* admitted by open ranges */
      (void)pv_remedy_of(inv, i, parent, "0.0.1");  /* admitted by few */
    }
  free(parent);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char root[] =
      "{\"name\": \"p\", \"version\": \"1.0.0\", \"dependencies\": "
      "{\"lodash\": \"^4.17.0\", \"qs\": \"6.7.0\"}}";
  pv_limits lim = pv_limits_default();
  pv_result *r = pv_result_new("fuzz-1.0.0.tgz");
  if (r == NULL)
    return 0;
  pv_file lock = {.path = lock_name(data, size), .data = data, .size = size};
  pv_file man = {.path = "package.json", .data = (const uint8_t *)root, .size = sizeof root - 1};
  pv_inventory *inv = NULL;
  if (pv_result_add_file(r, &lock) && pv_result_add_file(r, &man))
    inv = pv_inv_build(r, &lim);
  if (inv != NULL)
    remedies(inv);
  pv_inv_delete(inv);
  pv_result_delete(r);
  return 0;
}
