/* ts-parse-only — the baseline `make bench` measures plugvet against.
 *
 * Reads each input with the same intake as `plugvet scan` (so archive
 * reading costs the same on both sides), then parses every JS/TS/TSX/JSON (and HTML, Vue, Svelte:
 * the host tree only) file the scanner would parse with a bare tree-sitter parser and nothing else:
 * no parse-error notes, no rules, no findings, no reports.
 *
 * Prints one line: files=N bytes=B intake_ms=I parse_ms=P. Exit 0, or 2 on
 * a usage error or out-of-memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../scanner/base.h"
#include "../scanner/intake/intake.h"
#include "../scanner/parse.h"

typedef struct {
  unsigned long files;
  unsigned long long bytes;
  uint64_t intake_ms, parse_ms;
} totals;

/* Parse every file of r the scanner would parse; count them into t. */
static void parse_all(TSParser *p, pv_result *r, const pv_limits *lim, totals *t) {
  for (size_t i = 0; i < r->files.len; i++) {
    pv_file *f = pv_result_file(r, i);
    if (f->kind != PV_ENTRY_FILE || f->data == NULL)
      continue;
    if (f->flags & (PV_FILE_BINARY | PV_FILE_NATIVE | PV_FILE_ENCRYPTED))
      continue;
    f->lang = pv_lang_detect(f->path, f->data, f->size, &f->flags);
    if (pv_language(f->lang) == NULL || (f->flags & PV_FILE_DTS))
      continue;
    if (f->size > lim->ast_bytes)
      continue; /* the scanner gives these regex rules only */
    ts_parser_set_language(p, pv_language(f->lang));
    TSTree *tree = ts_parser_parse_string(p, NULL, (const char *)f->data, (uint32_t)f->size);
    ts_tree_delete(tree);
    t->files++;
    t->bytes += f->size;
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: ts-parse-only INPUT...\n");
    return 2;
  }
  pv_limits lim = pv_limits_default();
  TSParser *p = ts_parser_new();
  if (p == NULL)
    return 2;
  totals t = {0};
  for (int i = 1; i < argc; i++) {
    pv_result *r = pv_result_new(argv[i]);
    if (r == NULL)
      return 2;
    uint64_t t0 = pv_now_ms();
    if (pv_intake_read(r, &lim, 0) == PV_FATAL)
      return 2;
    uint64_t t1 = pv_now_ms();
    parse_all(p, r, &lim, &t);
    t.intake_ms += t1 - t0;
    t.parse_ms += pv_now_ms() - t1;
    pv_result_delete(r);
  }
  ts_parser_delete(p);
  printf("files=%lu bytes=%llu intake_ms=%llu parse_ms=%llu\n", t.files, t.bytes,
         (unsigned long long)t.intake_ms, (unsigned long long)t.parse_ms);
  return 0;
}
