/* fuzz_jsonl.c — any bytes as the lines of a --json file read back by
 * --resume with --sarif (pv_jsonl_read): each line that reads back is
 * written again as a JSON line and as SARIF, as the reports would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../reports/report.h"
#include "fuzz.h"

static void report(pv_result *r) {
  FILE *null = fopen("/dev/null", "w");
  pv_error err = {0};
  pv_report_set set = {.results = &r, .count = 1, .version = "0"};
  if (null != NULL) {
    (void)pv_jsonl_write(null, r, "0", "p", &err);
    (void)pv_sarif_write(null, &set, &err);
    fclose(null);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (text == NULL)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  pv_limits lim = pv_limits_default();
  for (char *line = text, *next; line != NULL; line = next) {
    next = strchr(line, '\n');
    if (next != NULL)
      *next++ = '\0';
    pv_result *r = NULL;
    pv_error err = {0};
    if (pv_jsonl_read(line, NULL, &lim, &r, &err) == PV_OK) {
      report(r);
      pv_result_delete(r);
    } else if (r != NULL || err.code == PV_OK) {
      abort(); /* a failure leaves no result and says why */
    }
  }
  free(text);
  return 0;
}
