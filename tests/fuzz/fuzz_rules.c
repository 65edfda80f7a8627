/* fuzz_rules.c — any bytes as a rule file: YAML, rule shape, regexes and
 * tree-sitter queries compiled, errors named. */
#include <unistd.h>

#include "../../scanner/rules/rules.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  int fd = fuzz_memfile(data, size, path, sizeof path);
  if (fd < 0)
    return 0;
  pv_limits lim = pv_limits_default();
  pv_error err = {0};
  pv_ruleset *rs = pv_ruleset_new();
  if (rs != NULL)
    pv_ruleset_load(rs, path, &lim, &err);
  pv_ruleset_delete(rs);
  close(fd);
  return 0;
}
