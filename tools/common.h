/* common.h — what the plugvet subcommands (tools/plugvet.c, tools/cmd_*.c)
 * share: exit codes and locating installed data. Only tools/ includes it. */
#ifndef PV_TOOLS_COMMON_H
#define PV_TOOLS_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "../reports/cyclonedx.h"
#include "../reports/spdx.h"
#include "../reports/vex.h"
#include "../sbom/license.h"
#include "../verify/npm.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_INPUT = 2, EXIT_INTERNAL = 3 };

/* The environment variables behind library settings, read once by main and
 * handed to every command, which passes them down in the libraries' config
 * (the libraries never call getenv). The strings are getenv's. */
typedef struct {
  const char *xdg_cache_home;    /* $XDG_CACHE_HOME or NULL: the OSV store's default place */
  const char *home;              /* $HOME or NULL: the same without XDG_CACHE_HOME */
  const char *source_date_epoch; /* $SOURCE_DATE_EPOCH or NULL: SARIF and SBOM timestamps */
  int no_prefilter;              /* $PLUGVET_NO_PREFILTER is set: pv_match_options */
} pv_env;

/* Fill env from the process environment. */
void pv_env_read(pv_env *env);

/* The bundled rule pack: $PLUGVET_RULES, then next to an installed binary
 * (<bindir>/../share/plugvet/rules), then the source tree
 * (build/rel/../../rules). Returns buf (or the environment's string), or
 * NULL when none exists. */
const char *pv_bundled_rules_dir(char *buf, size_t n);
/* The same for the bundled directory `name` ("rules", "taint-rules",
 * "trust"; $PLUGVET_TAINT_RULES for taint-rules, no variable for trust). */
const char *pv_bundled_dir(const char *name, char *buf, size_t n);

/* This program's GNU build id in hex (the linker's note: a digest of the
 * binary), into buf; NULL when it has none. */
const char *pv_build_id(char *buf, size_t n);
/* The pattern table of the bundled pack (scanner/rules/cut.h) next to the
 * binary: <bindir>/pattern-table, or <bindir>/../share/plugvet/pattern-table
 * when installed. buf, or NULL when neither exists. */
const char *pv_pattern_table_path(char *buf, size_t n);
/* The bundled pack's rule trees (scanner/rules/trees.h), next to the
 * binary like the pattern table (rule-trees), mapped for the rest of the
 * process; NULL when there is none or it is refused (of another build,
 * truncated, corrupted...): then noted on stderr unless quiet, and the
 * rule files are parsed from their YAML. Close it with pv_trees_close. */
struct pv_trees;
struct pv_trees *pv_rule_trees(const pv_limits *lim, int quiet);

/* The npm registry's keys (verify and scan --verify-registry): path, or the
 * bundled trust/npm-registry-keys.json when NULL. A message naming the file
 * ("plugvet CMD: ...") and exit 2 when it cannot be read or is no keys
 * file. */
pv_npm_keys *pv_load_npm_keys(const char *cmd, const char *path, const pv_limits *lim);

/* The SBOM formats (--format of sbom, --sbom-format of scan). */
typedef enum { PV_SBOM_CYCLONEDX = 0, PV_SBOM_SPDX } pv_sbom_format;

typedef struct {
  pv_sbom_format format;
  int cdx_minor;     /* CycloneDX: 6 or 5 */
  const char *name;  /* SPDX: the document's name when the input has no root package */
  const pv_vex *vex; /* CycloneDX: --vex statements, their analysis on vulnerabilities[] */
} pv_sbom_opts;

/* Parse "cyclonedx-json" or "spdx-json": the format, or -1. */
int pv_sbom_format_parse(const char *v);
/* Write the SBOM of inv (vulns may be NULL) to path ("-": stdout),
 * timestamped by source_date_epoch (pv_env's; NULL or not a whole number of
 * seconds >= 0: now). Prints and returns non-zero on failure. */
int pv_write_sbom(const char *path, const pv_inventory *inv, const pv_vulns *vulns,
                  const pv_sbom_opts *so, const char *source_date_epoch);
/* SOURCE_DATE_EPOCH (pv_env's) as seconds: -1 (now) when NULL or not a
 * whole number of seconds >= 0. */
long long pv_sde_epoch(const char *source_date_epoch);
/* Load the n --vex files in order; on a bad one, say which and why on
 * stderr and exit 2 (EXIT_INPUT). None: NULL. */
pv_vex *pv_load_vex(const char *const *paths, size_t n, const pv_limits *lim);
/* Load the --license-policy file (at most lim->rule_bytes); on a bad file,
 * say why on stderr and exit 2 (EXIT_INPUT). NULL path: NULL. */
pv_lic_policy *pv_load_license_policy(const char *path, const pv_limits *lim);
/* Create the directory holding path and its parent if missing (the cache
 * directory of the OSV store). */
void pv_make_parent(const char *path);
/* Parse "123", "64K", "512M", "1G" (also "KiB", "MB"...) into bytes:
 * 0, or -1 when s is not such a size. */
int pv_parse_size(const char *s, uint64_t *out);
/* Parse a --cyclonedx-version value: 6 for "1.6", 5 for "1.5", else -1. */
int pv_cdx_minor(const char *v);

#endif
