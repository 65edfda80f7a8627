/* limits.h — the one table of caps every module reads. Defaults follow
 * docs/design.md ("Limits"), which also says which have a flag (tools/
 * plugvet.c, tools/cmd_db.c map those). Plain values. */
#ifndef PV_LIMITS_H
#define PV_LIMITS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint64_t total_bytes;   /* bytes unpacked per input (--max-total) */
  uint64_t entry_bytes;   /* bytes per entry (--max-entry) */
  uint64_t entries;       /* entries per input (--max-entries) */
  uint32_t ratio;         /* compression ratio of an entry over ratio_min (--max-ratio) */
  uint64_t ratio_min;     /* entries smaller than this are not ratio-checked */
  uint32_t depth;         /* nested archive depth (--max-depth) */
  uint32_t path_len;      /* bytes in one entry path (--max-path) */
  uint64_t ast_bytes;     /* larger files get regex rules only (--max-ast-bytes) */
  uint32_t ast_depth;     /* AST depth walked */
  uint32_t input_ms;      /* wall time per input (--timeout, seconds on the CLI) */
  uint32_t parse_ms;      /* tree-sitter time budget per file */
  uint32_t rule_bytes;    /* bytes in one rule file (and one licence policy) */
  uint32_t trees_bytes;   /* bytes of the bundled pack's rule trees file (scanner/rules/trees.h) */
  uint32_t snippet_bytes; /* bytes of source kept in a finding's snippet */
  uint32_t findings;      /* findings kept per input (more: one notification) */
  uint32_t sarif_results; /* results in one SARIF run, highest severities kept (--max-results;
                           * 0: all) */
  uint64_t components;    /* dependency entries inventoried per input */
  uint32_t license_bytes; /* bytes in one SPDX license expression */
  uint32_t license_depth; /* nesting of parentheses in one license expression */
  uint32_t fold_bytes;    /* the largest constant a `decoded: true` metavariable-regex
                           * folds an expression to (scanner/rules/fold.h) */
  uint32_t fix_bytes;     /* one finding's suggested fix (rule fix / fix-regex, scanner/fix.h);
                           * longer: the finding has no fix */
  uint32_t script_bytes;  /* bytes of one package.json script parsed as shell */
  uint32_t script_cmds;   /* commands kept from one script, nested levels included */
  uint32_t script_depth;  /* nesting of `sh -c` and $(...) followed in one script */
  uint32_t embed_pieces;  /* pieces of code embedded in one HTML/EJS/Vue/Svelte file
                           * (scanner/embed.h) */
  /* The declared summary (scanner/declared.h): bytes of a manifest read,
   * entries kept per list, bytes kept of one entry. */
  uint64_t declared_bytes;
  uint32_t declared_items;
  uint32_t declared_item_bytes;
  /* Work budgets that change results: when one trips, some matches may be
   * missing, and a note says where (or the rule file is refused). */
  uint32_t pattern_steps; /* node comparisons per attempt of a pattern at a node */
  uint32_t taint_steps;   /* expressions a taint rule interprets per file */
  uint32_t yaml_depth;    /* nesting of YAML containers in a rule file (rule files are
                           * walked recursively: keep it small) */
  uint32_t redos_bytes;   /* longest regex the redos analyser reads (longer: not analysed) */
  uint32_t redos_depth;   /* groups and classes it follows nested (deeper: not analysed) */
  /* OSV feeds (plugvet db update) */
  uint64_t feed_bytes;       /* one downloaded or local feed file (--max-feed-bytes) */
  uint64_t feed_entry_bytes; /* one OSV record */
  uint64_t feed_entries;     /* records in one feed */
  uint32_t feed_delta;       /* changed records fetched one by one; more: the whole zip */
  uint32_t http_connect_ms;  /* HTTP connect timeout */
  uint32_t http_total_ms;    /* one HTTP request, transfer included (--timeout) */
  uint32_t http_retries;     /* extra attempts on 5xx, 429 and transport errors (--retries) */
  uint32_t http_backoff_ms;  /* delay before the first retry, doubled each time */
  uint64_t vex_bytes;        /* one --vex file */
  uint32_t vex_statements;   /* VEX statements in all --vex files */
  uint32_t exclude_globs; /* --exclude, --include, .gitignore and .plugvetignore globs per input */
  /* plugvet verify, sign, keygen */
  uint32_t sig_file_bytes;  /* one signature, key or trusted-keys file */
  uint32_t trusted_keys;    /* public keys in one --trusted-keys file */
  uint64_t packument_bytes; /* one --packument file (or one fetched with --online) */
  uint32_t manifest_bytes;  /* the package.json verify --online reads from a tarball */
} pv_limits;

#define PV_MiB ((uint64_t)1024 * 1024)

/* The defaults (docs/design.md, "Limits"). */
static inline pv_limits pv_limits_default(void) {
  pv_limits l = {
      .total_bytes = 512 * PV_MiB,
      .entry_bytes = 64 * PV_MiB,
      .entries = 100000,
      .ratio = 200,
      .ratio_min = 1 * PV_MiB,
      .depth = 3,
      .path_len = 1024,
      .ast_bytes = 16 * PV_MiB,
      .ast_depth = 2000,
      .input_ms = 120 * 1000,
      .parse_ms = 10 * 1000,
      .rule_bytes = 4 * 1024 * 1024,
      .trees_bytes = 64 * 1024 * 1024,
      .snippet_bytes = 400,
      .findings = 10000,
      .sarif_results = 5000,
      .components = 100000,
      .license_bytes = 4096,
      .license_depth = 32,
      .fold_bytes = 4096,
      .fix_bytes = 1024 * 1024,
      .script_bytes = 64 * 1024,
      .script_cmds = 1024,
      .script_depth = 8,
      .embed_pieces = 1u << 20,
      .declared_bytes = 1 * PV_MiB,
      .declared_items = 256,
      .declared_item_bytes = 256,
      .pattern_steps = 200000,
      .taint_steps = 4000000,
      .yaml_depth = 32,
      .redos_bytes = 4096,
      .redos_depth = 64,
      .feed_bytes = 1024 * PV_MiB,
      .feed_entry_bytes = 16 * PV_MiB,
      .feed_entries = 2000000,
      .feed_delta = 5000,
      .exclude_globs = 1000,
      .http_connect_ms = 15 * 1000,
      .http_total_ms = 10 * 60 * 1000,
      .http_retries = 3,
      .http_backoff_ms = 500,
      .vex_bytes = 64 * PV_MiB,
      .vex_statements = 100000,
      .sig_file_bytes = 64 * 1024,
      .trusted_keys = 1024,
      .packument_bytes = 256 * PV_MiB,
      .manifest_bytes = 1024 * 1024,
  };
  return l;
}

#endif
