/* cmd_scan.c — `plugvet scan` and `plugvet policy`: option parsing, the
 * batch runner (--jobs), the dependency stage of each input, report files
 * and the exit code. The work is in scanner/, sbom/, vulndb/ and reports/. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../reports/baseline.h"
#include "../reports/report.h"
#include "../sbom/inventory.h"
#include "../scanner/findings.h"
#include "../scanner/parse.h"
#include "../scanner/scan.h"
#include "../verify/findings.h"
#include "../verify/npm.h"
#include "../verify/publisher.h"
#include "../verify/shipped.h"
#include "../vulndb/online.h"
#include "../vulndb/vulns.h"
#include "autofix.h"
#include "commands.h"
#include "common.h"
#include "config.h"
#include "inputs.h"
#include "progress.h"
#include "srcroot.h"
#include "staged.h"
#include "stream.h"

#ifndef PV_VERSION
#define PV_VERSION "0.0.0"
#endif

static const char usage_scan[] =
    "usage: plugvet scan [options] INPUT...\n"
    "       plugvet scan [options] --staged\n"
    "       plugvet scan [options] --stdin-filename NAME < FILE\n"
    "\n"
    "INPUT is an archive (.tgz .tar .tar.xz .zip .vsix .crx .jar, detected by\n"
    "content), a directory, a file, or '-' to read a list of paths from stdin.\n"
    "A file that is a CycloneDX or SPDX JSON SBOM (by content) has its npm\n"
    "components matched against the OSV store.\n"
    "\n"
    "rules:\n"
    "  --rules PATH          rule file or directory (repeatable); replaces the\n"
    "                        bundled pack unless --default-rules is given\n"
    "  --default-rules       also load the bundled pack\n"
    "  --taint               also run the bundled taint rules (source-to-sink flows)\n"
    "  --models FILE         taint models to add (a YAML file with a models: list)\n"
    "  --taint-deps          taint rules also analyse node_modules as code\n"
    "                        (implies --scan-node-modules)\n"
    "files:\n"
    "  --exclude GLOB        code rules skip files whose path inside the input (or\n"
    "                        a parent directory) matches GLOB (repeatable; *, ?,\n"
    "                        **, trailing / for directories); a directory input's\n"
    "                        .plugvetignore holds more (gitignore syntax), and\n"
    "                        its .gitignore files count too\n"
    "  --no-gitignore        do not read .gitignore files (read only for directories\n"
    "                        in the current directory's git work tree)\n"
    "                        (vetting someone else's directory)\n"
    "  --include GLOB        code rules scan only files matching a GLOB (repeatable)\n"
    "  --scan-node-modules   directory inputs: code rules also scan node_modules/\n"
    "                        (skipped by default; archives always scan it)\n"
    "  --autofix             write the findings' suggested fixes (rules' fix and\n"
    "                        fix-regex) into the scanned files and directories\n"
    "                        (never archives, node_modules/, --staged, stdin);\n"
    "                        a file changed since it was scanned is left alone\n"
    "  --dryrun, --dry-run   with --autofix: print the fixes as a unified diff on\n"
    "                        stdout and write nothing\n"
    "  --inline-suppress own|all|none\n"
    "                        where // nosemgrep and // plugvet-ignore count: own\n"
    "                        (default) in files, directories, --staged, stdin, never\n"
    "                        in archives (someone else's code); all; none\n"
    "reports:\n"
    "  --sarif FILE          write SARIF 2.1.0 (URIs from the top of the git work\n"
    "                        tree, whatever the current directory)\n"
    "  --json FILE           write one JSON object per input per line\n"
    "  --gitlab-sast FILE    write GitLab's SAST security report (format 15)\n"
    "  --text FILE           write the text report to FILE (default: stdout)\n"
    "  --format F            the text report's form: text (default: findings grouped\n"
    "                        by rule), compact (a line a finding), table, markdown,\n"
    "                        junit (JUnit XML: a testcase per rule and input)\n"
    "  --color WHEN          colour the text report: auto (default: on a terminal,\n"
    "                        unless NO_COLOR is set or TERM=dumb), always, never\n"
    "  --sarif-category NAME SARIF automationDetails.id plugvet/NAME/ (GitHub\n"
    "                        keeps one analysis per category)\n"
    "  --max-results N       SARIF keeps N results, highest severities first\n"
    "                        (5000; 0: all), and says how many were left out\n"
    "  --baseline FILE       leave out findings already in FILE (a previous\n"
    "                        SARIF or --json output): report only new ones\n"
    "  --include-suppressed  accepted, the default: SARIF keeps suppressed\n"
    "                        findings, marked as suppressions\n"
    "  --policy-out FILE     write the plugvet-run policy of the one input and\n"
    "                        report pkg.undeclared-capability findings\n"
    "  --exclude-rule ID     leave out the findings of rule ID (repeatable; an\n"
    "                        advisory group such as dep.vulnerable: all of them)\n"
    "  --severity LEVEL      leave out findings below LEVEL (critical, high,\n"
    "                        medium, low, info)\n"
    "  --fail-on LEVEL       exit 1 on findings at or above LEVEL: critical,\n"
    "                        high (default), medium, low, info, none\n"
    "  --fail-on-partial     exit 2 when part of an input went unanalysed (a file\n"
    "                        over --max-ast-bytes, a parse timeout, a nesting or\n"
    "                        work budget: the input's status is partial)\n"
    "dependencies:\n"
    "  --db FILE             OSV store to match dependencies against (default:\n"
    "                        $XDG_CACHE_HOME/plugvet/osv.sqlite; see plugvet db)\n"
    "  --no-db               do not match dependencies (inventory only)\n"
    "  --include-dev         also match dev-only dependencies\n"
    "  --vex FILE            VEX statements (OpenVEX or CycloneDX VEX; repeatable):\n"
    "                        not_affected or fixed suppresses the dep.vulnerable\n"
    "                        finding, kept in SARIF with the justification\n"
    "  --online              also ask the OSV API which advisories affect the\n"
    "                        dependencies, and keep them in the store\n"
    "  --osv-api URL         the OSV API for --online (https://api.osv.dev)\n"
    "  --max-db-age DAYS     warn when the store's last update is older (7; 0: never)\n"
    "  --sbom FILE           write the SBOM of the (one) input\n"
    "  --sbom-format F       cyclonedx-json (default) or spdx-json (SPDX 2.3)\n"
    "  --cyclonedx-version V 1.6 (default) or 1.5\n"
    "  --license-policy FILE check dependency licences (SPDX expressions)\n"
    "                        against FILE's allow/deny/review lists (JSON)\n"
    "publisher signature (docs/verify.md):\n"
    "  --trusted-keys FILE   check each input file's signature (FILE.minisig, then\n"
    "                        FILE.sig) against the minisign/signify keys in FILE;\n"
    "                        a missing or failed one is a verify.* finding\n"
    "  --pubkey FILE         the same with the one key of a .pub file\n"
    "  --verify-registry     check each npm tarball input against the registry: its\n"
    "                        sha512 against the packument's dist.integrity and the\n"
    "                        registry's signature (fetched for the name in its\n"
    "                        package.json); a failure is a verify.* finding\n"
    "  --registry URL        the registry to ask (https://registry.npmjs.org)\n"
    "  --npm-keys FILE       the registry's keys (default: the bundled ones)\n"
    "project file:\n"
    "  --config FILE         read defaults and an ignore list from FILE (default:\n"
    "                        .plugvet.yml in the current directory or above it, up\n"
    "                        to the top of its git work tree); flags win\n"
    "  --no-config           read no project file\n"
    "inputs and batch:\n"
    "  --staged              scan what is being committed: the staged files of the\n"
    "                        git index (not the working tree), as one input with\n"
    "                        paths from the top of the repository; nothing\n"
    "                        staged: exit 0\n"
    "  --stdin-filename NAME scan standard input as the file NAME\n"
    "  --allow-empty         no INPUT is not an error: exit 0 (hooks)\n"
    "  --from FILE           read input paths, one per line, from FILE ('-': stdin;\n"
    "                        blank lines and lines starting with # skipped)\n"
    "  --from0 FILE          read NUL-separated input paths from FILE\n"
    "  --each DIR            every entry of DIR (not starting with '.') is an input:\n"
    "                        a directory of archives, one input per archive\n"
    "  --resume              skip the inputs whose line the --json file already\n"
    "                        holds from the same plugvet and rule pack (a killed\n"
    "                        batch: JSON lines are written as inputs finish);\n"
    "                        --sarif and --gitlab-sast still cover every input\n"
    "  -j, --jobs N          scan N inputs in parallel (default 1)\n"
    "  -q, --quiet           the text report lists only findings and the summary\n"
    "                        line; no progress or notices on stderr\n"
    "  -v, --verbose         list every tool notification on stderr\n"
    "limits (SIZE takes K, M, G suffixes):\n"
    "  --max-total SIZE      bytes unpacked per input (512M)\n"
    "  --max-entry SIZE      bytes per archive entry (64M)\n"
    "  --max-entries N       entries per input (100000)\n"
    "  --max-ratio N         compression ratio of an entry over 1 MiB (200)\n"
    "  --max-depth N         nested archive depth (3)\n"
    "  --max-path N          bytes in an entry path (1024)\n"
    "  --max-ast-bytes SIZE  larger files get regex rules only (16M)\n"
    "  --max-pattern-steps N node comparisons per pattern match attempt (200000)\n"
    "  --max-taint-steps N   expressions a taint rule interprets per file (4000000)\n"
    "  --max-yaml-depth N    nesting of a rule file's YAML (32)\n"
    "  --timeout SECONDS     wall time per input (120)\n"
    "\n"
    "exit: 0 clean, 1 findings at or above --fail-on, 2 an input could not be\n"
    "scanned (or, with --fail-on-partial, was analysed partially) or bad usage\n"
    "(other inputs still fully reported) or, with --autofix, a file's fixes\n"
    "could not be written, 3 internal error.\n";

static const char usage_policy[] =
    "usage: plugvet policy [-o FILE] [scan options] INPUT\n"
    "\n"
    "Write the plugvet-run policy (docs/policy.md) granting what the plugin's\n"
    "package.json declares under plugvet.permissions -- the tightest policy when\n"
    "it declares nothing -- and report each capability the rules see the code\n"
    "use that the declaration does not grant (pkg.undeclared-capability).\n"
    "\n"
    "  -o, --output FILE     write the policy to FILE (default: stdout, and the\n"
    "                        report goes to stderr)\n"
    "Paths in the policy are relative to the plugin directory: keep the file\n"
    "next to the plugin's package.json. Other options as for 'plugvet scan'.\n";

/* The text report goes to stderr when the policy takes stdout. */
static const char to_stderr[] = "<stderr>";

typedef struct {
  const char **rule_paths;
  size_t n_rule_paths;
  int default_rules;
  int taint_deps;      /* --taint-deps */
  int taint;           /* --taint */
  const char **models; /* --models */
  size_t n_models;
  const char **vex; /* --vex */
  size_t n_vex;
  const char **excludes, **includes; /* --exclude, --include: NULL-terminated */
  size_t n_excludes, n_includes;
  const char **exclude_rules; /* --exclude-rule: NULL-terminated */
  size_t n_exclude_rules;
  int min_severity; /* --severity: findings below it are left out (-1: not given) */
  int max_db_age_set;
  const char *config_path;            /* --config */
  int no_config;                      /* --no-config */
  pv_config config;                   /* the project file's defaults and ignore list */
  int scan_node_modules;              /* --scan-node-modules */
  int no_gitignore;                   /* --no-gitignore */
  int color;                          /* --color: PV_COLOR_* */
  int format;                         /* --format: PV_FORMAT_* */
  pv_inline_suppress inline_suppress; /* --inline-suppress */
  const char *sarif, *json, *text, *policy_out, *baseline, *db, *sbom, *osv_api;
  const char *sarif_category;        /* --sarif-category */
  const char *gitlab;                /* --gitlab-sast */
  const char *license_policy;        /* --license-policy */
  const char *trusted_keys, *pubkey; /* --trusted-keys, --pubkey */
  int verify_registry;               /* --verify-registry */
  const char *registry, *npm_keys;   /* --registry, --npm-keys */
  int cdx_minor, sbom_format, no_db, online;
  int include_dev;
  uint32_t max_db_age; /* --max-db-age: days; 0 turns the age check off */
  int policy_mode;     /* plugvet policy */
  int quiet, verbose, jobs;
  int fail_on;
  int fail_on_partial;    /* --fail-on-partial: a partial input exits 2 */
  int staged;             /* --staged: the git index's staged files, one input */
  const char *stdin_name; /* --stdin-filename: stdin as this one file */
  int allow_empty;        /* --allow-empty: no input is not an error */
  int resume;             /* --resume: skip inputs the --json file already holds */
  int autofix, dryrun;    /* --autofix, --dryrun */
  pv_mem_files mem;       /* what --staged or --stdin-filename read */
  const char **inputs;    /* the inputs to scan (--resume takes some out) */
  size_t n_inputs, cap_inputs;
  /* --resume: every input as given (the report root is theirs), input i's
   * index among them (at[i]) and, with --sarif or --gitlab-sast, by given
   * input the result read back from its earlier line (NULL: scanned now).
   * NULL without --resume: the given inputs are the inputs. */
  const char **given;
  size_t n_given, *at;
  pv_result **prior;
  pv_limits limits;
} scan_opts;

/* What --sarif-category may hold (GitHub's category is free text; these
 * keep it one readable token). */
#define PV_CATEGORY_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/"

static const char *g_command = "scan"; /* "policy" in policy mode: for die_usage */

/* A usage error: one line, and where the options are explained. */
static void die_usage(const char *fmt, const char *arg) {
  fprintf(stderr, "plugvet: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, " (see plugvet %s --help)\n", g_command);
  exit(EXIT_INPUT);
}

/* getopt's '?' (unknown option) or ':' (missing value) at argv[optind - 1]:
 * a long option by its name, a short one by its letter. */
static void bad_option(int c, char *const *argv) {
  const char *word = argv[optind - 1];
  char opt[64];
  if (strncmp(word, "--", 2) == 0)
    snprintf(opt, sizeof opt, "%.*s", (int)strcspn(word, "="), word);
  else
    snprintf(opt, sizeof opt, "-%c", optopt);
  die_usage(c == ':' ? "option '%s' needs a value" : "unknown or ambiguous option '%s'", opt);
}

static void die_oom(void) {
  fprintf(stderr, "plugvet: out of memory\n");
  exit(EXIT_INTERNAL);
}

/* Append s to the NULL-terminated list *v of *n items. */
static void push_glob(const char ***v, size_t *n, const char *s) {
  const char **nv = realloc(*v, (*n + 2) * sizeof *nv);
  if (nv == NULL)
    die_oom();
  nv[(*n)++] = s;
  nv[*n] = NULL;
  *v = nv;
}

/* Parse a size (see pv_parse_size); exits on bad input. */
static uint64_t parse_size(const char *s, const char *flag) {
  uint64_t v;
  if (pv_parse_size(s, &v) != 0)
    die_usage("bad value for %s", flag);
  return v;
}

static uint32_t parse_count(const char *s, const char *flag, uint32_t min) {
  uint64_t v = parse_size(s, flag);
  if (v < min || v > UINT32_MAX / 1000)
    die_usage("value out of range for %s", flag);
  return (uint32_t)v;
}

/* Add a copy of path to the inputs (freed by free_inputs). */
static void add_input(scan_opts *o, const char *path) {
  char *copy = strdup(path);
  if (copy == NULL)
    die_oom();
  if (o->n_inputs == o->cap_inputs) {
    o->cap_inputs = o->cap_inputs ? o->cap_inputs * 2 : 16;
    o->inputs = realloc(o->inputs, o->cap_inputs * sizeof *o->inputs);
    if (o->inputs == NULL)
      die_oom();
  }
  o->inputs[o->n_inputs++] = copy;
}

static void free_inputs(scan_opts *o) {
  const char **names = o->given ? o->given : o->inputs;
  size_t n = o->given ? o->n_given : o->n_inputs;
  for (size_t i = 0; i < n; i++) {
    free((char *)names[i]);
    if (o->prior)
      pv_result_delete(o->prior[i]);
  }
  free(o->inputs);
  free(o->given);
  free(o->at);
  free(o->prior);
}

static void add_input_cb(void *ctx, const char *path) {
  add_input(ctx, path);
}

/* --from (lines), --from0 (nul) or '-': every input the list names. */
static void read_list(scan_opts *o, const char *list, int nul) {
  if (pv_inputs_read_list(list, nul, add_input_cb, o) != 0) {
    fprintf(stderr, "plugvet: %s: %s\n", list, strerror(errno));
    exit(EXIT_INPUT);
  }
}

/* --each DIR: one input per entry. */
static void read_each(scan_opts *o, const char *dir) {
  size_t skipped = 0;
  if (pv_inputs_each(dir, add_input_cb, o, &skipped) != 0) {
    fprintf(stderr, "plugvet: --each %s: %s\n", dir, strerror(errno));
    exit(EXIT_INPUT);
  }
  if (skipped > 0)
    fprintf(stderr, "plugvet: --each %s: %zu entries skipped (neither a file nor a directory)\n",
            dir, skipped);
}

enum {
  OPT_RULES = 256,
  OPT_DEFAULT_RULES,
  OPT_SARIF,
  OPT_GITLAB,
  OPT_JSON,
  OPT_TEXT,
  OPT_INCLUDE_SUPPRESSED,
  OPT_FAIL_ON,
  OPT_FROM,
  OPT_FROM0,
  OPT_EACH,
  OPT_RESUME,
  OPT_MAX_TOTAL,
  OPT_MAX_ENTRY,
  OPT_MAX_ENTRIES,
  OPT_MAX_RATIO,
  OPT_MAX_DEPTH,
  OPT_MAX_PATH,
  OPT_MAX_AST,
  OPT_MAX_PATTERN_STEPS,
  OPT_MAX_TAINT_STEPS,
  OPT_MAX_YAML_DEPTH,
  OPT_TIMEOUT,
  OPT_POLICY_OUT,
  OPT_BASELINE,
  OPT_LICENSE_POLICY,
  OPT_TRUSTED_KEYS,
  OPT_PUBKEY,
  OPT_VERIFY_REGISTRY,
  OPT_REGISTRY,
  OPT_NPM_KEYS,
  OPT_DB,
  OPT_INCLUDE_DEV,
  OPT_SBOM,
  OPT_CDX,
  OPT_NO_DB,
  OPT_ONLINE,
  OPT_OSV_API,
  OPT_TAINT_DEPS,
  OPT_TAINT,
  OPT_MODELS,
  OPT_MAX_DB_AGE,
  OPT_SBOM_FORMAT,
  OPT_VEX,
  OPT_FAIL_ON_PARTIAL,
  OPT_STAGED,
  OPT_STDIN_FILENAME,
  OPT_ALLOW_EMPTY,
  OPT_EXCLUDE,
  OPT_INCLUDE,
  OPT_SCAN_NODE_MODULES,
  OPT_INLINE_SUPPRESS,
  OPT_SARIF_CATEGORY,
  OPT_MAX_RESULTS,
  OPT_EXCLUDE_RULE,
  OPT_SEVERITY,
  OPT_NO_GITIGNORE,
  OPT_CONFIG,
  OPT_NO_CONFIG,
  OPT_COLOR,
  OPT_FORMAT,
  OPT_AUTOFIX,
  OPT_DRYRUN,
};

enum { PV_COLOR_AUTO = 0, PV_COLOR_ALWAYS, PV_COLOR_NEVER };

/* --format: the report for people, by name; writers[] in the same order. */
enum {
  PV_FORMAT_TEXT = 0,
  PV_FORMAT_COMPACT,
  PV_FORMAT_TABLE,
  PV_FORMAT_MARKDOWN,
  PV_FORMAT_JUNIT
};
static const char *const format_names[] = {"text", "compact", "table", "markdown", "junit", NULL};

static int parse_format(const char *s) {
  for (int i = 0; format_names[i] != NULL; i++)
    if (strcmp(s, format_names[i]) == 0)
      return i;
  die_usage("--format takes text, compact, table, markdown or junit, not '%s'", s);
  return -1;
}

static const struct option scan_longopts[] = {
    {"rules", required_argument, NULL, OPT_RULES},
    {"default-rules", no_argument, NULL, OPT_DEFAULT_RULES},
    {"taint-deps", no_argument, NULL, OPT_TAINT_DEPS},
    {"taint", no_argument, NULL, OPT_TAINT},
    {"models", required_argument, NULL, OPT_MODELS},
    {"sarif", required_argument, NULL, OPT_SARIF},
    {"gitlab-sast", required_argument, NULL, OPT_GITLAB},
    {"json", required_argument, NULL, OPT_JSON},
    {"text", required_argument, NULL, OPT_TEXT},
    {"include-suppressed", no_argument, NULL, OPT_INCLUDE_SUPPRESSED},
    {"policy-out", required_argument, NULL, OPT_POLICY_OUT},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"license-policy", required_argument, NULL, OPT_LICENSE_POLICY},
    {"trusted-keys", required_argument, NULL, OPT_TRUSTED_KEYS},
    {"pubkey", required_argument, NULL, OPT_PUBKEY},
    {"verify-registry", no_argument, NULL, OPT_VERIFY_REGISTRY},
    {"registry", required_argument, NULL, OPT_REGISTRY},
    {"npm-keys", required_argument, NULL, OPT_NPM_KEYS},
    {"db", required_argument, NULL, OPT_DB},
    {"include-dev", no_argument, NULL, OPT_INCLUDE_DEV},
    {"sbom", required_argument, NULL, OPT_SBOM},
    {"no-db", no_argument, NULL, OPT_NO_DB},
    {"online", no_argument, NULL, OPT_ONLINE},
    {"osv-api", required_argument, NULL, OPT_OSV_API},
    {"max-db-age", required_argument, NULL, OPT_MAX_DB_AGE},
    {"cyclonedx-version", required_argument, NULL, OPT_CDX},
    {"sbom-format", required_argument, NULL, OPT_SBOM_FORMAT},
    {"vex", required_argument, NULL, OPT_VEX},
    {"output", required_argument, NULL, 'o'},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"fail-on-partial", no_argument, NULL, OPT_FAIL_ON_PARTIAL},
    {"staged", no_argument, NULL, OPT_STAGED},
    {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
    {"allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"scan-node-modules", no_argument, NULL, OPT_SCAN_NODE_MODULES},
    {"no-gitignore", no_argument, NULL, OPT_NO_GITIGNORE},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"color", required_argument, NULL, OPT_COLOR},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"autofix", no_argument, NULL, OPT_AUTOFIX},
    {"dryrun", no_argument, NULL, OPT_DRYRUN},
    {"dry-run", no_argument, NULL, OPT_DRYRUN},
    {"inline-suppress", required_argument, NULL, OPT_INLINE_SUPPRESS},
    {"sarif-category", required_argument, NULL, OPT_SARIF_CATEGORY},
    {"exclude-rule", required_argument, NULL, OPT_EXCLUDE_RULE},
    {"severity", required_argument, NULL, OPT_SEVERITY},
    {"max-results", required_argument, NULL, OPT_MAX_RESULTS},
    {"from", required_argument, NULL, OPT_FROM},
    {"from0", required_argument, NULL, OPT_FROM0},
    {"each", required_argument, NULL, OPT_EACH},
    {"resume", no_argument, NULL, OPT_RESUME},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"max-total", required_argument, NULL, OPT_MAX_TOTAL},
    {"max-entry", required_argument, NULL, OPT_MAX_ENTRY},
    {"max-entries", required_argument, NULL, OPT_MAX_ENTRIES},
    {"max-ratio", required_argument, NULL, OPT_MAX_RATIO},
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
    {"max-path", required_argument, NULL, OPT_MAX_PATH},
    {"max-ast-bytes", required_argument, NULL, OPT_MAX_AST},
    {"max-pattern-steps", required_argument, NULL, OPT_MAX_PATTERN_STEPS},
    {"max-taint-steps", required_argument, NULL, OPT_MAX_TAINT_STEPS},
    {"max-yaml-depth", required_argument, NULL, OPT_MAX_YAML_DEPTH},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Apply one limit flag to o->limits; returns 0 if c is not a limit flag. */
static int limit_opt(scan_opts *o, int c, const char *arg) {
  pv_limits *l = &o->limits;
  switch (c) {
    case OPT_MAX_TOTAL:
      l->total_bytes = parse_size(arg, "--max-total");
      return 1;
    case OPT_MAX_ENTRY:
      l->entry_bytes = parse_size(arg, "--max-entry");
      return 1;
    case OPT_MAX_ENTRIES:
      l->entries = parse_count(arg, "--max-entries", 1);
      return 1;
    case OPT_MAX_RATIO:
      l->ratio = parse_count(arg, "--max-ratio", 1);
      return 1;
    case OPT_MAX_DEPTH:
      l->depth = parse_count(arg, "--max-depth", 0);
      return 1;
    case OPT_MAX_PATH:
      l->path_len = parse_count(arg, "--max-path", 16);
      return 1;
    case OPT_MAX_AST:
      l->ast_bytes = parse_size(arg, "--max-ast-bytes");
      return 1;
    case OPT_MAX_PATTERN_STEPS:
      l->pattern_steps = parse_count(arg, "--max-pattern-steps", 1);
      return 1;
    case OPT_MAX_TAINT_STEPS:
      l->taint_steps = parse_count(arg, "--max-taint-steps", 1);
      return 1;
    case OPT_MAX_YAML_DEPTH:
      l->yaml_depth = parse_count(arg, "--max-yaml-depth", 2);
      return 1;
    case OPT_MAX_RESULTS:
      l->sarif_results = parse_count(arg, "--max-results", 0);
      return 1;
    case OPT_TIMEOUT:
      l->input_ms = parse_count(arg, "--timeout", 1) * 1000u;
      return 1;
    default:
      return 0;
  }
}

/* Nothing to scan in hook mode (--staged, --allow-empty): said, exit 0. */
static void nothing_to_scan(const scan_opts *o, const char *why) {
  if (!o->quiet)
    fprintf(stderr, "plugvet: nothing to scan (%s)\n", why);
  exit(EXIT_CLEAN);
}

/* --autofix fixes files scanned now from disk: not the git index, stdin or
 * inputs --resume takes from an earlier run; --dryrun only shows its fixes. */
static void check_autofix(const scan_opts *o) {
  if (o->dryrun && !o->autofix)
    die_usage("%s", "--dryrun shows what --autofix would change: give --autofix too");
  if (o->autofix && (o->staged || o->stdin_name))
    die_usage("%s",
              "--autofix writes files on disk: not with --staged or --stdin-filename "
              "(what they scan is not the working tree)");
  if (o->autofix && o->resume)
    die_usage("%s", "--autofix fixes the inputs it scans: not with --resume");
  if (o->autofix && o->policy_mode)
    die_usage("%s", "--autofix is an option of plugvet scan");
  const char *const flags[] = {"--sarif", "--json", "--sbom", "--gitlab-sast"};
  const char *const paths[] = {o->sarif, o->json, o->sbom, o->gitlab};
  for (size_t i = 0; o->dryrun && i < sizeof paths / sizeof *paths; i++)
    if (paths[i] != NULL && strcmp(paths[i], "-") == 0)
      die_usage("--dryrun prints its diff on standard output: give %s a FILE", flags[i]);
}

/* --staged and --stdin-filename: their files are the one input, read now;
 * else an empty INPUT list is an error unless --allow-empty. */
static void hook_inputs(scan_opts *o) {
  if (o->staged && o->stdin_name)
    die_usage("%s", "--staged and --stdin-filename cannot go together");
  if ((o->staged || o->stdin_name) && o->n_inputs > 0)
    die_usage("%s", o->staged ? "--staged scans the git index: give no INPUT"
                              : "--stdin-filename scans stdin: give no INPUT");
  if (o->stdin_name && o->stdin_name[0] == '\0')
    die_usage("%s", "--stdin-filename needs a file name");
  if (o->trusted_keys && o->pubkey)
    die_usage("%s", "give --trusted-keys or --pubkey, not both");
  if ((o->staged || o->stdin_name) && (o->trusted_keys || o->pubkey || o->verify_registry))
    die_usage("%s", "signatures are checked on input files, not with --staged or --stdin-filename");
  if ((o->registry || o->npm_keys) && !o->verify_registry)
    die_usage("%s", "--registry and --npm-keys go with --verify-registry");
  if (o->staged && pv_staged_read(&o->mem, &o->limits) != 0)
    exit(EXIT_INPUT);
  if (o->stdin_name && pv_stdin_read(&o->mem, o->stdin_name, &o->limits) != 0)
    exit(EXIT_INPUT);
  if (o->staged && o->mem.n == 0)
    nothing_to_scan(o, "no staged file");
  if (o->staged || o->stdin_name)
    add_input(o, o->staged ? "staged" : o->stdin_name);
  if (o->n_inputs == 0 && o->allow_empty)
    nothing_to_scan(o, "no input given");
  if (o->n_inputs == 0)
    die_usage("%s", "no input given");
}

/* --sarif-category (or the project file's): one readable token. */
static void check_category(const char *s) {
  if (s != NULL && (s[0] == '\0' || s[0] == '/' || s[strlen(s) - 1] == '/' ||
                    s[strspn(s, PV_CATEGORY_CHARS)] != '\0'))
    die_usage("--sarif-category takes letters, digits and . _ - / (not first or last), not '%s'",
              s);
}

/* The trusted tree: the git work tree plugvet runs in (the current
 * directory's), NULL when it runs outside one. Its .plugvet.yml and its
 * .gitignore files are the project's own; an input from anywhere else (an
 * upload being vetted) could silence or hide its own findings with them. */
static char *trusted_top(void) {
  char *cwd = getcwd(NULL, 0), *top = cwd ? pv_git_top(cwd) : NULL;
  free(cwd);
  return top;
}

static int inside(const char *top, const char *path) {
  size_t n = strlen(top);
  return strcmp(top, "/") == 0 || (strncmp(top, path, n) == 0 && (path[n] == '/' || !path[n]));
}

/* Whether every directory input lies in the trusted tree (so its
 * .gitignore and .plugvetignore files may apply). */
static int project_trusted(const scan_opts *o) {
  char *top = trusted_top();
  int ok = top != NULL;
  for (size_t i = 0; ok && i < o->n_inputs; i++) {
    char *abs = realpath(o->inputs[i], NULL);
    struct stat st;
    if (abs != NULL && stat(abs, &st) == 0 && S_ISDIR(st.st_mode))
      ok = inside(top, abs);
    free(abs);
  }
  free(top);
  return ok;
}

/* A list option not given on the command line takes the project file's. */
static void config_list(const char ***v, size_t *n, const char **from) {
  for (size_t i = 0; *n == 0 && from != NULL && from[i] != NULL; i++)
    push_glob(v, n, from[i]);
}

/* The project file's defaults, where the command line left a gap. */
static void config_defaults(scan_opts *o, const pv_config *c) {
  o->fail_on = o->fail_on >= 0 ? o->fail_on : c->fail_on >= 0 ? c->fail_on : PV_SEV_HIGH;
  o->min_severity = o->min_severity >= 0 ? o->min_severity : c->severity >= 0 ? c->severity : 0;
  o->taint |= c->taint == 1;
  if (!o->max_db_age_set && c->max_db_age >= 0)
    o->max_db_age = (uint32_t)c->max_db_age;
  o->sarif = o->sarif ? o->sarif : c->sarif;
  o->gitlab = o->gitlab ? o->gitlab : c->gitlab;
  o->json = o->json ? o->json : c->json;
  o->text = o->text ? o->text : c->text;
  o->db = o->db ? o->db : c->db;
  o->sarif_category = o->sarif_category ? o->sarif_category : c->category;
  config_list(&o->excludes, &o->n_excludes, c->exclude);
  config_list(&o->includes, &o->n_includes, c->include);
  config_list(&o->exclude_rules, &o->n_exclude_rules, c->exclude_rule);
  size_t n = 0;
  while (o->n_rule_paths == 0 && c->rules != NULL && c->rules[n] != NULL)
    n++;
  if (n > 0) {
    o->rule_paths = realloc(o->rule_paths, n * sizeof *o->rule_paths);
    if (o->rule_paths == NULL)
      die_oom();
    memcpy(o->rule_paths, c->rules, n * sizeof *o->rule_paths);
    o->n_rule_paths = n;
  }
}

/* Read .plugvet.yml (--config, or found from the current directory up to
 * its git work tree's top, never from the inputs; not with --no-config): a
 * bad file is exit 2 naming file:line. */
static void apply_config(scan_opts *o) {
  char *start = o->config_path || o->no_config ? NULL : getcwd(NULL, 0);
  char *path = o->config_path ? strdup(o->config_path) : start ? pv_config_find(start) : NULL;
  free(start);
  char today[16], err[PATH_MAX + 256];
  time_t now = time(NULL);
  struct tm tm;
  strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
  if (path != NULL && pv_config_load(&o->config, path, today, &o->limits, err, sizeof err) != 0) {
    fprintf(stderr, "plugvet: %s\n", err);
    exit(EXIT_INPUT);
  }
  free(path);
  for (size_t i = 0; !o->quiet && i < o->config.n_ignore; i++) {
    const pv_cfg_ignore *e = &o->config.ignore[i];
    if (e->expired)
      fprintf(stderr,
              "plugvet: %s:%u: the ignore entry for %s expired after %s: it no longer "
              "suppresses\n",
              o->config.path, e->line, e->id, e->until);
  }
  config_defaults(o, &o->config);
}

/* Whether a report could be written at path: a writable file, or a new one
 * in a writable directory. 0, or -1 with errno set. */
static int writable(const char *path) {
  struct stat st;
  if (stat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      errno = EISDIR;
      return -1;
    }
    return access(path, W_OK);
  }
  if (errno != ENOENT)
    return -1;
  char *dir = strdup(path);
  if (dir == NULL)
    die_oom();
  char *slash = strrchr(dir, '/');
  const char *d = slash == NULL ? "." : slash == dir ? "/" : dir;
  if (slash != NULL && slash != dir)
    *slash = '\0';
  int rc = stat(d, &st) != 0 ? -1 : S_ISDIR(st.st_mode) ? access(d, W_OK | X_OK) : -2;
  if (rc == -2)
    errno = ENOTDIR;
  free(dir);
  return rc;
}

/* Before scanning: at most one report on standard output, and every report
 * file writable (else exit 3, as a report that cannot be written). */
static void check_outputs(const scan_opts *o) {
  const char *names[] = {"--sarif",       "--json",
                         "--sbom",        o->policy_mode ? "the policy" : "--policy-out",
                         "--gitlab-sast", "the text report"};
  const char *paths[] = {o->sarif,  o->json,
                         o->sbom,   o->policy_out,
                         o->gitlab, o->text == to_stderr ? NULL : o->text ? o->text : "-"};
  const char *first = NULL;
  for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
    if (paths[i] == NULL)
      continue;
    if (strcmp(paths[i], "-") == 0 && first != NULL) {
      fprintf(stderr, "plugvet: %s and %s both write to standard output: give one a FILE%s\n",
              first, names[i], i == 5 ? " (--text FILE, or --text /dev/null)" : "");
      exit(EXIT_INPUT);
    }
    if (strcmp(paths[i], "-") == 0)
      first = names[i];
    else if (writable(paths[i]) != 0) {
      fprintf(stderr, "plugvet: cannot write %s (%s): %s\n", paths[i], names[i], strerror(errno));
      exit(EXIT_INTERNAL);
    }
  }
}

static void parse_scan_args(scan_opts *o, int argc, char **argv) {
  int c;
  const char *usage = o->policy_mode ? usage_policy : usage_scan;
  opterr = 0; /* bad_option says it in one line */
  g_command = o->policy_mode ? "policy" : "scan";
  while ((c = getopt_long(argc, argv, o->policy_mode ? ":o:j:qvh" : ":j:qvh", scan_longopts,
                          NULL)) != -1) {
    if (limit_opt(o, c, optarg))
      continue;
    switch (c) {
      case OPT_RULES:
        o->rule_paths = realloc(o->rule_paths, (o->n_rule_paths + 1) * sizeof *o->rule_paths);
        if (o->rule_paths == NULL)
          die_oom();
        o->rule_paths[o->n_rule_paths++] = optarg;
        break;
      case OPT_DEFAULT_RULES:
        o->default_rules = 1;
        break;
      case OPT_TAINT_DEPS:
        o->taint_deps = 1;
        break;
      case OPT_TAINT:
        o->taint = 1;
        break;
      case OPT_MODELS:
        o->models = realloc(o->models, (o->n_models + 1) * sizeof *o->models);
        if (o->models == NULL)
          die_oom();
        o->models[o->n_models++] = optarg;
        break;
      case OPT_EXCLUDE:
        push_glob(&o->excludes, &o->n_excludes, optarg);
        break;
      case OPT_INCLUDE:
        push_glob(&o->includes, &o->n_includes, optarg);
        break;
      case OPT_SCAN_NODE_MODULES:
        o->scan_node_modules = 1;
        break;
      case OPT_NO_GITIGNORE:
        o->no_gitignore = 1;
        break;
      case OPT_CONFIG:
        o->config_path = optarg;
        break;
      case OPT_NO_CONFIG:
        o->no_config = 1;
        break;
      case OPT_COLOR:
        o->color = strcmp(optarg, "auto") == 0     ? PV_COLOR_AUTO
                   : strcmp(optarg, "always") == 0 ? PV_COLOR_ALWAYS
                   : strcmp(optarg, "never") == 0  ? PV_COLOR_NEVER
                                                   : -1;
        if (o->color < 0)
          die_usage("--color takes auto, always or never, not '%s'", optarg);
        break;
      case OPT_FORMAT:
        o->format = parse_format(optarg);
        break;
      case OPT_INLINE_SUPPRESS:
        if (strcmp(optarg, "own") == 0)
          o->inline_suppress = PV_INLINE_OWN;
        else if (strcmp(optarg, "all") == 0)
          o->inline_suppress = PV_INLINE_ALL;
        else if (strcmp(optarg, "none") == 0)
          o->inline_suppress = PV_INLINE_NONE;
        else
          die_usage("--inline-suppress must be own, all or none, not '%s'", optarg);
        break;
      case OPT_VEX:
        o->vex = realloc(o->vex, (o->n_vex + 1) * sizeof *o->vex);
        if (o->vex == NULL)
          die_oom();
        o->vex[o->n_vex++] = optarg;
        break;
      case OPT_SARIF:
        o->sarif = optarg;
        break;
      case OPT_GITLAB:
        o->gitlab = optarg;
        break;
      case OPT_SARIF_CATEGORY:
        o->sarif_category = optarg;
        break;
      case OPT_JSON:
        o->json = optarg;
        break;
      case OPT_TEXT:
        o->text = optarg;
        break;
      case OPT_INCLUDE_SUPPRESSED: /* the default now: kept for old scripts */
        break;
      case OPT_POLICY_OUT:
        o->policy_out = optarg;
        break;
      case OPT_BASELINE:
        o->baseline = optarg;
        break;
      case OPT_LICENSE_POLICY:
        o->license_policy = optarg;
        break;
      case OPT_TRUSTED_KEYS:
        o->trusted_keys = optarg;
        break;
      case OPT_PUBKEY:
        o->pubkey = optarg;
        break;
      case OPT_VERIFY_REGISTRY:
        o->verify_registry = 1;
        break;
      case OPT_REGISTRY:
        o->registry = optarg;
        break;
      case OPT_NPM_KEYS:
        o->npm_keys = optarg;
        break;
      case OPT_DB:
        o->db = optarg;
        break;
      case OPT_INCLUDE_DEV:
        o->include_dev = 1;
        break;
      case OPT_SBOM:
        o->sbom = optarg;
        break;
      case OPT_NO_DB:
        o->no_db = 1;
        break;
      case OPT_ONLINE:
        o->online = 1;
        break;
      case OPT_OSV_API:
        o->osv_api = optarg;
        break;
      case OPT_MAX_DB_AGE:
        o->max_db_age = parse_count(optarg, "--max-db-age", 0);
        o->max_db_age_set = 1;
        break;
      case OPT_CDX:
        if ((o->cdx_minor = pv_cdx_minor(optarg)) < 0)
          die_usage("--cyclonedx-version must be 1.6 or 1.5, not '%s'", optarg);
        break;
      case OPT_SBOM_FORMAT:
        if ((o->sbom_format = pv_sbom_format_parse(optarg)) < 0)
          die_usage("--sbom-format must be cyclonedx-json or spdx-json, not '%s'", optarg);
        break;
      case 'o':
        if (!o->policy_mode)
          die_usage("%s", "--output is an option of 'plugvet policy'");
        o->policy_out = optarg;
        break;
      case OPT_FAIL_ON:
        if ((o->fail_on = pv_severity_parse(optarg)) < 0)
          die_usage("bad --fail-on level '%s'", optarg);
        break;
      case OPT_EXCLUDE_RULE:
        push_glob(&o->exclude_rules, &o->n_exclude_rules, optarg);
        break;
      case OPT_SEVERITY:
        o->min_severity = pv_severity_parse(optarg);
        if (o->min_severity < 0 || o->min_severity == PV_SEV_NONE)
          die_usage("--severity takes critical, high, medium, low or info, not '%s'", optarg);
        break;
      case OPT_FAIL_ON_PARTIAL:
        o->fail_on_partial = 1;
        break;
      case OPT_STAGED:
        o->staged = 1;
        break;
      case OPT_STDIN_FILENAME:
        o->stdin_name = optarg;
        break;
      case OPT_ALLOW_EMPTY:
        o->allow_empty = 1;
        break;
      case OPT_FROM:
      case OPT_FROM0:
        read_list(o, optarg, c == OPT_FROM0);
        break;
      case OPT_EACH:
        read_each(o, optarg);
        break;
      case OPT_RESUME:
        o->resume = 1;
        break;
      case OPT_AUTOFIX:
        o->autofix = 1;
        break;
      case OPT_DRYRUN:
        o->dryrun = 1;
        break;
      case 'j':
        o->jobs = (int)parse_count(optarg, "--jobs", 1);
        break;
      case 'q':
        o->quiet = 1;
        break;
      case 'v':
        o->verbose = 1;
        break;
      case 'h':
        fputs(usage, stdout);
        exit(EXIT_CLEAN);
      default:
        bad_option(c, argv);
    }
  }
  for (int i = optind; i < argc; i++) {
    if (strcmp(argv[i], "-") == 0)
      read_list(o, "-", 0);
    else
      add_input(o, argv[i]);
  }
  apply_config(o);
  check_category(o->sarif_category);
  check_autofix(o);
  hook_inputs(o);
  if (o->policy_mode && o->policy_out == NULL)
    o->policy_out = "-";
  if (o->policy_out && o->n_inputs != 1)
    die_usage("%s", "a policy is written for exactly one input");
  if (o->sbom && o->n_inputs != 1)
    die_usage("%s", "--sbom describes exactly one input");
  if (o->policy_out && strcmp(o->policy_out, "-") == 0 && o->text == NULL)
    o->text = to_stderr;
  if (o->jobs > 64)
    o->jobs = 64;
  check_outputs(o);
}

/* A growable list of rule paths (strings owned by the list). */
typedef struct {
  char **v;
  size_t n;
} paths;

static void paths_add(paths *p, const char *s) {
  char **v = realloc(p->v, (p->n + 1) * sizeof *v);
  if (v == NULL || (v[p->n] = strdup(s)) == NULL)
    die_oom();
  p->v = v;
  p->n++;
}

static void paths_free(paths *p) {
  for (size_t i = 0; i < p->n; i++)
    free(p->v[i]);
  free(p->v);
}

static int rule_entry(const char *path, const char *name) {
  struct stat st;
  size_t len = strlen(name);
  return name[0] != '.' && stat(path, &st) == 0 &&
         (S_ISDIR(st.st_mode) || (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
          (len > 4 && strcmp(name + len - 4, ".yml") == 0));
}

/* The entries of the bundled pack: capability/ to *caps (run only for
 * inputs whose capabilities are checked), the rest to *main. */
static void bundled_entries(const char *dir, paths *main_set, paths *caps) {
  struct dirent **list;
  int n = scandir(dir, &list, NULL, alphasort);
  if (n < 0) {
    fprintf(stderr, "plugvet: %s: %s\n", dir, strerror(errno));
    exit(EXIT_INTERNAL);
  }
  for (int i = 0; i < n; i++) {
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
    if (rule_entry(path, list[i]->d_name))
      paths_add(strcmp(list[i]->d_name, "capability") == 0 ? caps : main_set, path);
    free(list[i]);
  }
  free(list);
}

/* The bundled pack's rule trees (common.h pv_rule_trees), opened by
 * load_rules before any set is loaded; NULL: none. */
static struct pv_trees *g_trees;

/* The rules of paths p compiled for languages langs (pv_ruleset_set_langs),
 * their regexes JIT-compiled or not (pv_ruleset_set_jit); exit 2 naming
 * the error when they do not load. */
static pv_ruleset *load_set_for(const paths *p, const pv_limits *lim, unsigned langs, int jit,
                                pv_cut *cut) {
  pv_ruleset *rs = pv_ruleset_new();
  if (rs == NULL)
    die_oom();
  pv_ruleset_set_langs(rs, langs);
  pv_ruleset_trees_use(rs, g_trees);
  if (cut != NULL)
    pv_ruleset_cut_take(rs, cut);
  pv_ruleset_set_jit(rs, jit);
  pv_error err = {0};
  if (pv_ruleset_load_all(rs, (const char *const *)p->v, p->n, lim, &err) != PV_OK) {
    fprintf(stderr, "plugvet: %s\n", err.msg);
    exit(err.code == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT);
  }
  return rs;
}

static pv_ruleset *load_set(const paths *p, const pv_limits *lim) {
  return load_set_for(p, lim, PV_LANG_ALL_BITS, 1, NULL);
}

/* The bundled capability rules, compiled the first time an input needs
 * them (most scans never do). */
static struct {
  paths paths;
  pv_limits limits;
  pv_ruleset *rs;
  pthread_once_t once;
} g_caps = {.once = PTHREAD_ONCE_INIT};

static void caps_load_once(void) {
  if (g_caps.paths.n)
    g_caps.rs = load_set(&g_caps.paths, &g_caps.limits);
}

static const pv_ruleset *caps_get(void *ctx) {
  pthread_once(&g_caps.once, caps_load_once);
  return g_caps.rs;
}

/* The run's rules when they were compiled for the languages the inputs'
 * names tell only (predicted_langs): the same rule files compiled for
 * every language, loaded the first time an input holds a file of another
 * language (scan.h rules_load). */
static struct {
  paths paths;
  pv_limits limits;
  pv_ruleset *rs;
  pthread_once_t once;
} g_full = {.once = PTHREAD_ONCE_INIT};

static void full_load_once(void) {
  g_full.rs = load_set(&g_full.paths, &g_full.limits);
}

static const pv_ruleset *full_get(void *ctx, unsigned langs) {
  pthread_once(&g_full.once, full_load_once);
  return g_full.rs;
}

/* The languages a file named path (with its bytes, or NULL) holds code in
 * as far as its name tells; every language when it may be an archive
 * (mem: a file read from the git index or stdin is not one). */
static unsigned file_langs(const char *path, const unsigned char *data, size_t n, int mem) {
  pv_lang l = pv_lang_detect(path, data, n, NULL);
  if (pv_lang_is_host(l) || (l == PV_LANG_NONE && !mem))
    return PV_LANG_ALL_BITS;
  return PV_LANG_BIT(l);
}

/* Inputs of fewer bytes than this have their regexes run by PCRE2's
 * interpreter: JIT-compiling the pack's regexes costs more than it saves
 * on a pre-commit hook's few files. */
enum { JIT_MIN_BYTES = 1 << 20 };

/* The languages whose code patterns the run compiles up front: those of
 * the input files' names, when every input is a regular file (a
 * pre-commit hook's few files); every language for a directory or
 * anything else. The rules languages without code patterns need are
 * always in: they cost little. *bytes: the regular files' size. */
static unsigned predicted_langs(const scan_opts *o, uint64_t *bytes) {
  unsigned langs = PV_LANG_ALL_BITS & ~PV_LANG_CODE_BITS;
  *bytes = 0;
  for (size_t i = 0; i < o->mem.n; i++) {
    langs |= file_langs(o->mem.v[i].path, o->mem.v[i].data, o->mem.v[i].size, 1);
    *bytes += o->mem.v[i].size;
  }
  for (size_t i = 0; o->mem.n == 0 && i < o->n_inputs; i++) {
    struct stat st;
    if (stat(o->inputs[i], &st) != 0 || !S_ISREG(st.st_mode))
      return PV_LANG_ALL_BITS;
    langs |= file_langs(o->inputs[i], NULL, 0, 0);
    *bytes += (uint64_t)st.st_size;
  }
  return langs;
}

/* The bytes of file path (at most max) into a malloc'd *out; 0 or -1. */
static int read_small(const char *path, size_t max, unsigned char **out, size_t *n) {
  FILE *f = fopen(path, "rb");
  unsigned char *b = malloc(max + 1);
  *n = f && b ? fread(b, 1, max + 1, f) : 0;
  int bad = f == NULL || b == NULL || ferror(f) || *n > max;
  if (f)
    fclose(f);
  if (bad)
    free(b);
  *out = bad ? NULL : b;
  return bad ? -1 : 0;
}

/* The table's cut to the input files' bytes (scanner/rules/cut.h), or NULL
 * (no table, a table refused: noted unless quiet, or an input unreadable):
 * every pattern is then compiled. */
static pv_cut *cut_for(const scan_opts *o, uint64_t bytes) {
  char path[PATH_MAX + 64], id[80];
  unsigned char *t = NULL;
  size_t n = 0;
  pv_cut *cut = NULL;
  pv_error err = {0};
  if (pv_pattern_table_path(path, sizeof path) == NULL || pv_build_id(id, sizeof id) == NULL ||
      read_small(path, o->limits.rule_bytes, &t, &n) != 0)
    return NULL;
  pv_status rc = pv_cut_new(t, n, id, &cut, &err);
  free(t);
  if (rc == PV_FATAL)
    die_oom();
  if (rc != PV_OK && !o->quiet)
    fprintf(stderr, "plugvet: note: %s: %s; every pattern is compiled\n", path, err.msg);
  for (size_t i = 0; cut != NULL && i < o->mem.n; i++) /* unread (NULL): over a limit */
    if (o->mem.v[i].data && pv_cut_add_text(cut, o->mem.v[i].data, o->mem.v[i].size) != PV_OK)
      die_oom();
  for (size_t i = 0; cut != NULL && o->mem.n == 0 && i < o->n_inputs; i++) {
    if (read_small(o->inputs[i], (size_t)bytes, &t, &n) != 0) {
      pv_cut_delete(cut);
      return NULL;
    }
    rc = pv_cut_add_text(cut, t, n);
    free(t);
    if (rc != PV_OK)
      die_oom();
  }
  return cut;
}

/* A note, unless quiet, when bundled rule files changed since the build:
 * their YAML was parsed (the others' trees were taken). */
static void note_stale(const pv_ruleset *rs, int quiet) {
  uint32_t used, stale;
  const char *first;
  pv_ruleset_trees_stats(rs, &used, &stale, &first);
  if (stale > 0 && !quiet)
    fprintf(stderr,
            "plugvet: note: %u bundled rule file%s changed since the build (%s%s): read from "
            "YAML, not from the rule trees\n",
            stale, stale > 1 ? "s" : "", first, stale > 1 ? ", ..." : "");
}

/* The identity of the rules loaded from main_set and the capability rules
 * (pv_pack_id), into pack. */
static void pack_of(const paths *main_set, char pack[PV_PACK_ID_LEN]) {
  paths all = {0};
  for (size_t i = 0; i < main_set->n; i++)
    paths_add(&all, main_set->v[i]);
  for (size_t i = 0; i < g_caps.paths.n; i++)
    paths_add(&all, g_caps.paths.v[i]);
  if (pv_pack_id((const char *const *)all.v, all.n, pack) != 0) {
    fprintf(stderr, "plugvet: the rule files changed while they were read: %s\n", strerror(errno));
    exit(EXIT_INPUT);
  }
  paths_free(&all);
}

/* The rules of a run: the bundled pack and/or --rules; g_caps gets the
 * paths of the bundled capability rules (none with --rules alone); pack
 * their identity. A few small plain files: the rules cut to their bytes
 * (cut_for), unless no_prefilter. */
static pv_ruleset *load_rules(const scan_opts *o, int no_prefilter, char pack[PV_PACK_ID_LEN]) {
  paths main_set = {0};
  char dir[PATH_MAX + 64];
  if (o->n_rule_paths == 0 || o->default_rules) {
    const char *bundled = pv_bundled_rules_dir(dir, sizeof dir);
    if (bundled == NULL) {
      fprintf(stderr, "plugvet: bundled rules not found (set PLUGVET_RULES)\n");
      exit(EXIT_INTERNAL);
    }
    bundled_entries(bundled, &main_set, &g_caps.paths);
  }
  if (o->taint) {
    const char *t = pv_bundled_dir("taint-rules", dir, sizeof dir);
    if (t == NULL) {
      fprintf(stderr, "plugvet: bundled taint rules not found (set PLUGVET_TAINT_RULES)\n");
      exit(EXIT_INTERNAL);
    }
    paths_add(&main_set, t);
  }
  for (size_t i = 0; i < o->n_rule_paths; i++)
    paths_add(&main_set, o->rule_paths[i]);
  for (size_t i = 0; i < o->n_models; i++)
    paths_add(&main_set, o->models[i]);
  /* --rules: every pattern compiled now, so a bad one fails the run
   * before any input (pv_ruleset_set_langs checks only what it compiles) */
  uint64_t bytes = UINT64_MAX;
  unsigned langs = o->n_rule_paths ? PV_LANG_ALL_BITS : predicted_langs(o, &bytes);
  int jit = langs == PV_LANG_ALL_BITS || bytes >= JIT_MIN_BYTES;
  /* PLUGVET_NO_PREFILTER: no pattern is left out for its words either */
  pv_cut *cut = jit || no_prefilter ? NULL : cut_for(o, bytes);
  g_trees = pv_rule_trees(&o->limits, o->quiet);
  pv_ruleset *rs = load_set_for(&main_set, &o->limits, langs, jit, cut);
  note_stale(rs, o->quiet);
  uint32_t tree_files, stale;
  const char *first;
  pv_ruleset_trees_stats(rs, &tree_files, &stale, &first);
  if (o->verbose && tree_files > 0)
    fprintf(stderr, "plugvet: %u rule files read from the rule trees\n", tree_files);
  if (o->verbose && pv_ruleset_cut_skipped(rs) > 0)
    fprintf(stderr, "plugvet: %u code patterns not compiled: no input holds the words they need\n",
            pv_ruleset_cut_skipped(rs));
  if (pv_ruleset_count(rs) == 0) {
    fprintf(stderr, "plugvet: no rule loaded from %s%s: nothing would be scanned\n",
            main_set.n ? main_set.v[0] : "(no path)",
            main_set.n > 1 ? " and the other --rules" : "");
    exit(EXIT_INPUT);
  }
  g_caps.limits = o->limits;
  g_full.limits = o->limits;
  if (o->json != NULL) /* only JSON lines (and --resume) carry it */
    pack_of(&main_set, pack);
  else
    pack[0] = '\0';
  g_full.paths = main_set;
  return rs;
}

/* The batch: workers take the next input index; results land by index.
 * Under lock, each finished input is marked ready, and every ready input
 * from next_emit on is emitted in input order (JSON line, stderr). */
typedef struct {
  const scan_opts *opts;
  const pv_srcroot *root; /* where each input sits under the report root */
  const pv_scan_config *cfg;
  const pv_env *env;
  const char *db_path;      /* the OSV store, or NULL: dependencies not matched */
  const pv_lic_policy *lic; /* --license-policy, or NULL */
  const pv_vex *vex;        /* --vex statements, or NULL */
  const pv_keyring *ring;   /* --trusted-keys or --pubkey, or NULL */
  const pv_npm_keys *npm;   /* --verify-registry: the registry's keys, or NULL */
  const char *db_note_id;   /* why the store is not to be trusted as is, or NULL */
  char db_note[PATH_MAX + 256];
  pv_result **results;
  atomic_size_t next;
  atomic_int oom;
  pthread_mutex_t lock;
  unsigned char *ready; /* finished inputs not yet emitted */
  size_t next_emit;     /* the first input not emitted */
  FILE *json;           /* --json, open before scanning, or NULL */
  const char *pack;     /* the rule pack's id (pv_pack_id) */
  pv_baseline *base;    /* --baseline, or NULL */
  size_t known;         /* findings the baseline left out */
  int write_bad;        /* a JSON line could not be written */
  int fix_bad;          /* --autofix: a file's fixes could not be applied */
  int drop;             /* no report reads the results after the batch: each is
                         * freed once emitted, counted in gone (flat memory) */
  pv_resume gone;       /* what the exit status needs of the freed ones */
  pv_progress progress;
} batch;

/* Tell r that its dependencies were matched against a store that is empty
 * or out of date (b->db_note), unless the OSV API answered for them just
 * now (online_ok). */
static void note_store(const batch *b, pv_result *r, int online_ok) {
  if (b->db_note_id != NULL && !online_ok) {
    pv_result_note(r, PV_NOTE_WARNING, b->db_note_id, NULL, "%s", b->db_note);
  }
}

/* The dependency stage of one input: inventory (pkg.lockfile-mismatch,
 * lockfile notes) and, with a store, OSV matching (dep.vulnerable,
 * dep.malicious-package); its findings are then finished like the code's. */
static pv_status supply_chain(const batch *b, pv_store *db, pv_result *r) {
  pv_inventory *inv = pv_inv_build(r, &b->cfg->limits);
  if (inv == NULL || pv_verify_shipped(inv, &b->cfg->limits) != PV_OK) {
    pv_inv_delete(inv);
    return PV_FATAL;
  }
  pv_vulns vulns = {0};
  pv_error err = {0};
  pv_online_stats st;
  int online_ok = 0;
  if (db != NULL && b->opts->online &&
      pv_online_refresh(db, inv, b->opts->osv_api ? b->opts->osv_api : PV_OSV_API_DEFAULT,
                        b->opts->include_dev, &b->cfg->limits, &st, &err) != PV_OK) {
    if (err.code == PV_FATAL) {
      pv_inv_delete(inv);
      return PV_FATAL;
    }
    pv_result_note(r, PV_NOTE_WARNING, "osv-api", NULL,
                   "OSV API: %s; matched against the local store only", err.msg);
  } else if (db != NULL && b->opts->online) {
    pv_result_note(r, PV_NOTE_INFO, "osv-api", NULL,
                   "OSV API: %llu packages asked about, %llu advisories named, %llu downloaded",
                   (unsigned long long)st.queried, (unsigned long long)st.known,
                   (unsigned long long)st.fetched);
    online_ok = 1;
  }
  if (db != NULL) {
    note_store(b, r, online_ok);
  }
  if (db != NULL && pv_vulns_match(db, inv, b->opts->include_dev, &vulns, &err) != PV_OK) {
    if (err.code == PV_FATAL) {
      pv_inv_delete(inv);
      pv_vulns_free(&vulns);
      return PV_FATAL;
    }
    pv_result_note(r, PV_NOTE_ERROR, "osv-store", NULL, "OSV store: %s", err.msg);
  }
  size_t vexed = 0;
  if (pv_vex_apply(b->vex, inv, &vulns, NULL, &vexed) != PV_OK ||
      (b->lic != NULL &&
       pv_lic_check(inv, b->lic, b->opts->include_dev, &b->cfg->limits) != PV_OK)) {
    pv_vulns_free(&vulns);
    pv_inv_delete(inv);
    return PV_FATAL;
  }
  if (vexed > 0) {
    pv_result_note(r, PV_NOTE_INFO, "vex", NULL, "%zu dependency findings suppressed by VEX",
                   vexed);
  }
  pv_sbom_opts so = {.format = b->opts->sbom_format,
                     .cdx_minor = b->opts->cdx_minor,
                     .name = r->input,
                     .vex = b->vex};
  int sbom_bad = b->opts->sbom != NULL && pv_write_sbom(b->opts->sbom, inv, db ? &vulns : NULL, &so,
                                                        b->env->source_date_epoch) != 0;
  pv_vulns_free(&vulns);
  pv_inv_delete(inv);
  if (sbom_bad)
    pv_result_fail(r, "%s: the SBOM could not be written", r->input);
  pv_status rc = pv_findings_finish(r, &b->cfg->limits);
  if (!b->opts->autofix)
    pv_result_drop_data(r); /* the reports need no file contents (--autofix: emit drops them) */
  return rc;
}

/* --exclude-rule: the finding's rule, or its advisory group, is excluded. */
static int rule_excluded(const scan_opts *o, const pv_finding *f) {
  for (size_t i = 0; i < o->n_exclude_rules; i++)
    if (strcmp(f->rule->id, o->exclude_rules[i]) == 0 ||
        strcmp(pv_finding_rule_id(f), o->exclude_rules[i]) == 0)
      return 1;
  return 0;
}

/* --exclude-rule and --severity: such findings are left out of every
 * report and of the exit code (after fingerprinting: the others keep
 * theirs); an info note says how many. */
static void filter_findings(const scan_opts *o, pv_result *r) {
  size_t kept = 0, n = r->findings.len;
  for (size_t i = 0; i < n; i++) {
    pv_finding *f = pv_result_finding(r, i);
    if ((int)f->severity >= o->min_severity && !rule_excluded(o, f))
      *pv_result_finding(r, kept++) = *f;
  }
  r->findings.len = kept;
  if (kept < n)
    pv_result_note(r, PV_NOTE_INFO, "filtered", NULL,
                   "%zu findings left out by --exclude-rule or --severity", n - kept);
}

/* --trusted-keys or --pubkey: the input file's publisher signature. A
 * missing or failed one is a verify.* finding of the input, a good one an
 * info note; a directory has none to check (a note says so). PV_FATAL out
 * of memory only. */
static pv_status check_publisher(const batch *b, size_t i, pv_result *r) {
  const char *input = b->opts->inputs[i];
  const pv_limits *lim = &b->cfg->limits;
  struct stat st;
  unsigned char *msg;
  size_t n;
  pv_error err;
  pv_pubsig sig;
  if (b->ring == NULL)
    return PV_OK;
  if (stat(input, &st) != 0 || !S_ISREG(st.st_mode)) {
    pv_result_note(r, PV_NOTE_INFO, "signature", NULL,
                   "%s is not a file: no publisher signature to check", input);
    return PV_OK;
  }
  if (pv_read_file(input, (size_t)lim->total_bytes, &msg, &n, &err) != PV_OK) {
    pv_result_note(r, PV_NOTE_WARNING, "signature", NULL, "signature not checked: %s", err.msg);
    return PV_OK;
  }
  int bad = pv_pubsig_check(input, msg, n, NULL, b->ring, lim, &sig);
  free(msg);
  if (bad)
    return pv_verify_finding(r, "signature", sig.result, sig.reason, lim);
  const char *label = b->ring->keys[sig.key].label;
  pv_result_note(r, PV_NOTE_INFO, "signature", NULL, "signature ok: %s%s%s%s [%s]", sig.reason,
                 label[0] ? " (" : "", label, label[0] ? ")" : "", pv_pubsig_format(&sig.sig));
  return PV_OK;
}

/* --verify-registry: an npm tarball input against the registry. A failed
 * check is a verify.* finding of the input; nothing to check (not a file,
 * no package.json, the registry's answer) a note. PV_FATAL out of memory. */
static pv_status check_registry(const batch *b, size_t i, pv_result *r) {
  const char *input = b->opts->inputs[i];
  const pv_limits *lim = &b->cfg->limits;
  struct stat st;
  unsigned char *tgz;
  size_t n;
  pv_error err = {0};
  pv_npm_check c;
  if (b->npm == NULL)
    return PV_OK;
  if (stat(input, &st) != 0 || !S_ISREG(st.st_mode) ||
      pv_read_file(input, (size_t)lim->total_bytes, &tgz, &n, &err) != PV_OK) {
    pv_result_note(r, PV_NOTE_INFO, "registry", NULL,
                   "%s: no npm tarball to check against the registry", input);
    return PV_OK;
  }
  pv_status rc = pv_npm_check_online(b->opts->registry, tgz, n, NULL, b->npm, lim, &c, &err);
  free(tgz);
  if (rc != PV_OK) {
    pv_result_note(r, PV_NOTE_WARNING, "registry", NULL, "registry not checked: %s", err.msg);
    return err.code == PV_FATAL ? PV_FATAL : PV_OK;
  }
  if (!c.integrity_ok)
    rc = pv_verify_finding(r, "integrity", "mismatch", c.reason, lim);
  if (rc == PV_OK && strcmp(c.version, "?") != 0 && c.sig != PV_NPMV_OK)
    rc = pv_verify_finding(r, "registry-signature", pv_npmv_name(c.sig), c.sig_reason, lim);
  if (rc == PV_OK && c.integrity_ok && c.sig == PV_NPMV_OK)
    pv_result_note(r, PV_NOTE_INFO, "registry", NULL, "%s@%s: integrity and registry signature ok",
                   c.name, c.version);
  return rc;
}

/* Say on stderr that r failed; with --verbose, every notification. */
static void tell_one(batch *b, const pv_result *r) {
  int verbose = b->opts->verbose;
  if (r->status == PV_INPUT_ERROR || (verbose && r->notes.len > 0))
    pv_progress_clear(&b->progress);
  if (r->status == PV_INPUT_ERROR)
    fprintf(stderr, "plugvet: %s\n", r->error);
  for (size_t k = 0; verbose && k < r->notes.len; k++) {
    const pv_note *n = pv_result_note_at(r, k);
    if (n->level != PV_NOTE_ERROR || strcmp(n->id, "input-error") != 0)
      fprintf(stderr, "plugvet: note: %s\n", n->message);
  }
}

/* One input, in order: the baseline, stderr, its JSON line (flushed: a
 * killed batch keeps it), then --autofix (and its file contents are
 * dropped). */
static void emit(batch *b, pv_result *r) {
  pv_error err = {0};
  if (b->base != NULL)
    b->known += pv_baseline_filter(b->base, r);
  tell_one(b, r);
  if (b->json != NULL &&
      (pv_jsonl_write(b->json, r, PV_VERSION, b->pack, &err) != PV_OK || fflush(b->json) != 0))
    b->write_bad = 1;
  if (b->opts->autofix && pv_autofix_input(r, b->opts->dryrun, stdout) != 0)
    b->fix_bad = 1;
  pv_result_drop_data(r);
}

/* Count r as the exit status will (exit_code), then free it. */
static void drop_result(batch *b, pv_result **slot) {
  pv_result *r = *slot;
  b->gone.failed += r->status == PV_INPUT_ERROR;
  b->gone.partial += r->partial > 0;
  for (size_t k = 0; k < r->findings.len; k++) {
    const pv_finding *f = pv_result_finding(r, k);
    if (!f->suppressed)
      b->gone.counts[f->severity]++;
  }
  pv_result_delete(r);
  *slot = NULL;
}

static void started(batch *b, size_t i) {
  pthread_mutex_lock(&b->lock);
  pv_progress_start(&b->progress, b->opts->inputs[i]);
  pthread_mutex_unlock(&b->lock);
}

/* Input i is done: emit it and every later one already done, in order. */
static void finished(batch *b, size_t i) {
  pthread_mutex_lock(&b->lock);
  b->ready[i] = 1;
  pv_progress_finish(&b->progress, b->opts->inputs[i],
                     b->results[i] == NULL || b->results[i]->status == PV_INPUT_ERROR);
  for (; b->next_emit < b->opts->n_inputs && b->ready[b->next_emit]; b->next_emit++) {
    if (b->results[b->next_emit] == NULL)
      continue;
    emit(b, b->results[b->next_emit]);
    if (b->drop)
      drop_result(b, &b->results[b->next_emit]);
  }
  pthread_mutex_unlock(&b->lock);
}

static void *worker(void *arg) {
  batch *b = arg;
  pv_scanner *s = pv_scanner_new(b->cfg);
  pv_store *db = NULL; /* each thread its own SQLite connection */
  pv_error err = {0};
  if (b->db_path != NULL && pv_store_open(b->db_path, b->opts->online, &db, &err) != PV_OK)
    db = NULL;
  if (s == NULL) {
    atomic_store(&b->oom, 1);
    pv_store_close(db);
    return NULL;
  }
  for (;;) {
    size_t i = atomic_fetch_add(&b->next, 1);
    if (i >= b->opts->n_inputs)
      break;
    const scan_opts *o = b->opts;
    started(b, i);
    b->results[i] = o->mem.n ? pv_scan_files(s, o->inputs[i], o->staged ? "git-index" : "stdin",
                                             o->mem.v, o->mem.n)
                             : pv_scan_input(s, o->inputs[i]);
    if (b->results[i] == NULL || check_publisher(b, i, b->results[i]) != PV_OK ||
        check_registry(b, i, b->results[i]) != PV_OK ||
        pv_srcroot_apply(b->root, o->at ? o->at[i] : i, b->results[i]) != 0 ||
        supply_chain(b, db, b->results[i]) != PV_OK)
      atomic_store(&b->oom, 1);
    else
      filter_findings(o, b->results[i]);
    if (b->results[i] != NULL)
      pv_config_ignore(&o->config, b->results[i]);
    finished(b, i);
  }
  pv_scanner_delete(s);
  pv_store_close(db);
  return NULL;
}

static void run_batch(batch *b) {
  int jobs = b->opts->jobs > 0 ? b->opts->jobs : 1;
  if ((size_t)jobs > b->opts->n_inputs)
    jobs = (int)b->opts->n_inputs;
  pthread_t tids[64];
  int threads = 0;
  for (int t = 1; t < jobs; t++)
    if (pthread_create(&tids[threads], NULL, worker, b) == 0)
      threads++;
  worker(b);
  for (int t = 0; t < threads; t++)
    pthread_join(tids[t], NULL);
  pv_progress_end(&b->progress);
  if (atomic_load(&b->oom))
    die_oom();
}

static FILE *open_out(const char *path) {
  if (path == to_stderr)
    return stderr;
  if (strcmp(path, "-") == 0)
    return stdout;
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    fprintf(stderr, "plugvet: cannot write %s: %s\n", path, strerror(errno));
    exit(EXIT_INTERNAL);
  }
  return f;
}

static int close_out(FILE *f, const char *path) {
  int bad = ferror(f);
  if (f != stdout && f != stderr)
    bad |= fclose(f) != 0;
  else
    bad |= fflush(f) != 0;
  if (bad)
    fprintf(stderr, "plugvet: error writing %s\n", path);
  return bad;
}

typedef pv_status (*writer_fn)(FILE *, const pv_report_set *, pv_error *);

/* Write one report file with writer; returns non-zero on failure. */
static int write_report(const char *path, writer_fn writer, const pv_report_set *set) {
  pv_error err = {0};
  FILE *f = open_out(path);
  if (writer(f, set, &err) != PV_OK) {
    fprintf(stderr, "plugvet: %s: %s\n", path, err.msg);
    if (f != stdout && f != stderr)
      fclose(f);
    return 1;
  }
  return close_out(f, path);
}

/* Colour in the text report: --color always or never; else (auto) only on
 * a terminal, and not with NO_COLOR set or TERM=dumb. */
static int use_color(const char *text_path, int mode) {
  const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
  if (mode != PV_COLOR_AUTO)
    return mode == PV_COLOR_ALWAYS;
  if ((nc != NULL && *nc) || (term != NULL && strcmp(term, "dumb") == 0))
    return 0;
  if (text_path == to_stderr)
    return isatty(STDERR_FILENO);
  if (text_path != NULL && strcmp(text_path, "-") != 0)
    return 0;
  return isatty(STDOUT_FILENO);
}

/* Whether no report reads the results once the batch is done: the text
 * report is thrown away (--text /dev/null, as batches run) and no SARIF,
 * GitLab report or policy is written. Then each result is freed as soon as
 * its JSON line is written, and a batch's memory stays that of the inputs
 * being scanned, whatever their number. */
static int results_unread(const scan_opts *o) {
  return o->text != NULL && o->text != to_stderr && strcmp(o->text, "/dev/null") == 0 &&
         o->sarif == NULL && o->gitlab == NULL && o->policy_out == NULL;
}

/* old: the inputs counted without a result (kept --resume lines, results
 * freed in the batch). */
static int exit_code(const scan_opts *o, pv_result *const *results, const pv_resume *old) {
  int failed = old->failed > 0 || (o->fail_on_partial && old->partial > 0), over = 0;
  for (int s = o->fail_on; s < PV_SEV_NONE; s++)
    over |= old->counts[s] > 0;
  for (size_t i = 0; i < o->n_inputs; i++) {
    const pv_result *r = results[i];
    if (r == NULL)
      continue;
    failed |= r->status == PV_INPUT_ERROR || (o->fail_on_partial && r->partial);
    for (size_t k = 0; k < r->findings.len; k++) {
      const pv_finding *f = pv_result_finding(r, k);
      if (!f->suppressed && o->fail_on != PV_SEV_NONE && (int)f->severity >= o->fail_on)
        over = 1;
    }
  }
  return failed ? EXIT_INPUT : over ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* Load --baseline before scanning, so a bad file fails fast (NULL: none). */
static pv_baseline *load_baseline(const scan_opts *o) {
  if (o->baseline == NULL)
    return NULL;
  pv_baseline *b = NULL;
  pv_error err = {0};
  if (pv_baseline_load(o->baseline, o->limits.total_bytes, &b, &err) != PV_OK) {
    fprintf(stderr, "plugvet: --baseline %s\n", err.msg);
    exit(err.code == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT);
  }
  return b;
}

/* The OSV store to use, checked once: --db must open; the default path
 * may be missing (said once, and dependencies are not matched). */
static const char *store_path(const scan_opts *o, const pv_env *env, char *buf, size_t n) {
  if (o->no_db && o->online)
    die_usage("%s", "--online fills the OSV store: it cannot go with --no-db");
  if (o->no_db)
    return NULL;
  const char *path = o->db ? o->db : pv_store_default_path(env->xdg_cache_home, env->home, buf, n);
  pv_store *db = NULL;
  pv_error err = {0};
  if (path != NULL && o->online)
    pv_make_parent(path); /* --online creates the store */
  if (path != NULL && pv_store_open(path, o->online, &db, &err) == PV_OK) {
    pv_store_close(db);
    return path;
  }
  if (o->db != NULL) {
    fprintf(stderr, "plugvet: --db %s\n", err.msg);
    exit(EXIT_INPUT);
  }
  if (!o->quiet)
    fprintf(stderr,
            "plugvet: no OSV store at %s: dependencies are inventoried but not matched "
            "against advisories (run 'plugvet db update')\n",
            path ? path : "(no cache dir)");
  return NULL;
}

/* Seconds from an ISO 8601 UTC time ("2026-12-01T10:00:00Z") to now; -1
 * when it cannot be read. */
static long long seconds_since(const char *iso) {
  struct tm tm = {0};
  const char *end = strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == NULL || *end != '\0') {
    return -1;
  }
  return (long long)(time(NULL) - timegm(&tm));
}

/* Why the store is not to be trusted as is, into b->db_note: it holds no
 * advisory (a failed first update), or its newest successful update is
 * unknown or older than --max-db-age days. Nothing when it cannot be read
 * (matching will say so). */
static void check_store(batch *b, const char *path) {
  pv_store *db = NULL;
  pv_error err = {0};
  pv_store_freshness f;
  uint32_t max = b->opts->max_db_age;
  int ok =
      pv_store_open(path, 0, &db, &err) == PV_OK && pv_store_freshness_get(db, &f, &err) == PV_OK;
  pv_store_close(db);
  if (!ok) {
    return;
  }
  long long age = f.updated_at[0] ? seconds_since(f.updated_at) : -1;
  if (!f.has_records) {
    b->db_note_id = "osv-store-empty";
    snprintf(b->db_note, sizeof b->db_note,
             "OSV store %s holds no advisories: no dependency was matched against any (run "
             "'plugvet db update')",
             path);
  } else if (max > 0 && age < 0) {
    b->db_note_id = "osv-store-stale";
    snprintf(b->db_note, sizeof b->db_note,
             "OSV store %s has no successful update on record: its advisories may be out of date "
             "(run 'plugvet db update')",
             path);
  } else if (max > 0 && age > (long long)max * 86400) {
    b->db_note_id = "osv-store-stale";
    snprintf(b->db_note, sizeof b->db_note,
             "OSV store %s was last updated %s, %lld days ago (over --max-db-age %u): advisories "
             "published since are missing (run 'plugvet db update')",
             path, f.updated_at, age / 86400, max);
  }
}

/* SARIF's endTimeUtc from $SOURCE_DATE_EPOCH, read as it always was: any
 * non-empty value, through strtoll (pv_write_sbom is stricter). */
static void set_epoch(pv_report_set *set, const char *source_date_epoch) {
  if (source_date_epoch == NULL || *source_date_epoch == '\0')
    return;
  set->has_epoch = 1;
  set->epoch = strtoll(source_date_epoch, NULL, 10);
}

/* The bundled rule directories, for SARIF's helpUri (report.h). */
static const char *const *bundled_dirs(char (*buf)[PATH_MAX + 64], size_t n) {
  static const char *dirs[3];
  dirs[0] = pv_bundled_rules_dir(buf[0], n);
  dirs[1] = pv_bundled_dir("taint-rules", buf[1], n);
  if (dirs[0] == NULL) {
    dirs[0] = dirs[1];
    dirs[1] = NULL;
  }
  return dirs;
}

/* --trusted-keys or --pubkey into ring; NULL without them; exit 2 on a
 * file that holds no key. */
static const pv_keyring *load_keyring(const scan_opts *o, pv_keyring *ring) {
  pv_error err;
  const char *path = o->trusted_keys ? o->trusted_keys : o->pubkey;
  if (path == NULL)
    return NULL;
  if (pv_keyring_load(ring, path, o->pubkey != NULL, &o->limits, &err) != PV_OK) {
    if (err.code == PV_FATAL)
      die_oom();
    fprintf(stderr, "plugvet %s: %s\n", g_command, err.msg);
    exit(EXIT_INPUT);
  }
  return ring;
}

/* Given input indexes sorted by name (bsearch by read_back). */
static const scan_opts *g_sort_opts;
static int cmp_given(const void *x, const void *y) {
  const size_t *a = x, *b = y;
  int c = strcmp(g_sort_opts->given[*a], g_sort_opts->given[*b]);
  return c ? c : *a < *b ? -1 : *a > *b;
}

/* The first given input named name without a result yet, or -1. */
static long given_slot(const scan_opts *o, const size_t *by_name, const char *name) {
  size_t lo = 0, hi = o->n_given;
  while (lo < hi) { /* the first of that name */
    size_t mid = (lo + hi) / 2;
    if (strcmp(o->given[by_name[mid]], name) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < o->n_given && strcmp(o->given[by_name[lo]], name) == 0; lo++)
    if (o->prior[by_name[lo]] == NULL)
      return (long)by_name[lo];
  return -1;
}

/* --resume with --sarif or --gitlab-sast: each kept line read back into
 * o->prior, by given input. A line that cannot be (the file was edited) is
 * an input error. */
static void read_back(scan_opts *o, const pv_resume *old, const pv_ruleset *rules) {
  size_t *by_name = malloc((o->n_given + 1) * sizeof *by_name);
  o->prior = calloc(o->n_given + 1, sizeof *o->prior);
  if (by_name == NULL || o->prior == NULL)
    die_oom();
  for (size_t i = 0; i < o->n_given; i++)
    by_name[i] = i;
  g_sort_opts = o;
  qsort(by_name, o->n_given, sizeof *by_name, cmp_given);
  for (size_t i = 0; i < old->n; i++) {
    long g = 0;
    while (g >= 0) { /* an input given twice gets the line twice, as it is scanned twice */
      pv_result *r = NULL;
      pv_error err = {0};
      if (pv_jsonl_read(old->lines[i], rules, &o->limits, &r, &err) != PV_OK) {
        fprintf(stderr, "plugvet: --resume %s: %s; remove that line to scan the input again\n",
                o->json, err.msg);
        exit(err.code == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT);
      }
      g = given_slot(o, by_name, r->input);
      if (g < 0)
        pv_result_delete(r); /* not given this time (or no room left): the line stays */
      else
        o->prior[g] = r;
    }
  }
  free(by_name);
}

/* --resume: the lines of the --json file from this plugvet and rule pack
 * are kept, their inputs taken out of the list (o->given keeps them all). */
static void resume_load(scan_opts *o, const char *pack, pv_resume *old, const pv_ruleset *rules) {
  char err[PATH_MAX + 128] = "";
  if (o->json == NULL || strcmp(o->json, "-") == 0)
    die_usage("%s", "--resume needs --json FILE: the lines of the inputs already scanned");
  if (pv_resume_load(old, o->json, PV_VERSION, pack, o->limits.total_bytes, err, sizeof err)) {
    fprintf(stderr, "plugvet: %s\n", err);
    exit(EXIT_INPUT);
  }
  o->n_given = o->n_inputs;
  o->given = malloc((o->n_inputs + 1) * sizeof *o->given);
  o->at = malloc((o->n_inputs + 1) * sizeof *o->at);
  if (o->given == NULL || o->at == NULL)
    die_oom();
  memcpy(o->given, o->inputs, o->n_inputs * sizeof *o->given);
  size_t kept = 0;
  for (size_t i = 0; i < o->n_inputs; i++) {
    if (!pv_resume_has(old, o->inputs[i])) {
      o->at[kept] = i;
      o->inputs[kept++] = o->inputs[i];
    }
  }
  if (!o->quiet)
    fprintf(stderr, "plugvet: --resume: %zu inputs already in %s, %zu to scan%s\n",
            o->n_inputs - kept, o->json, kept,
            old->dropped ? " (lines of another version or rule pack dropped)" : "");
  o->n_inputs = kept;
  if (o->sarif != NULL || o->gitlab != NULL)
    read_back(o, old, rules);
}

/* The --json file, open before scanning (its lines are written as inputs
 * finish); with --resume, holding the kept lines. NULL: no --json. */
static FILE *open_json(scan_opts *o, const char *pack, pv_resume *old, const pv_ruleset *rules) {
  if (o->resume)
    resume_load(o, pack, old, rules);
  if (o->json == NULL)
    return NULL;
  if (!o->resume)
    return open_out(o->json);
  FILE *f = pv_resume_rewrite(old, o->json);
  if (f == NULL) {
    fprintf(stderr, "plugvet: cannot write %s: %s\n", o->json, strerror(errno));
    exit(EXIT_INTERNAL);
  }
  return f;
}

/* The reports of every input (SARIF, GitLab's), in the order given; with
 * --resume, those of the inputs an earlier run scanned read back from its
 * lines. */
static int write_whole(const scan_opts *o, const char *path, writer_fn writer,
                       const pv_report_set *set, const pv_srcroot *root) {
  if (o->prior == NULL)
    return write_report(path, writer, set);
  pv_result **all = calloc(o->n_given + 1, sizeof *all);
  if (all == NULL)
    die_oom();
  for (size_t i = 0; i < o->n_inputs; i++)
    all[o->at[i]] = set->results[i];
  size_t n = 0;
  for (size_t g = 0; g < o->n_given; g++) {
    pv_result *r = all[g] ? all[g] : o->prior[g];
    if (r != NULL && r == o->prior[g] && pv_srcroot_apply(root, g, r) != 0)
      die_oom();
    if (r != NULL)
      all[n++] = r;
  }
  pv_report_set whole = *set;
  whole.results = all;
  whole.count = n;
  whole.resumed = 0;
  int bad = write_report(path, writer, &whole);
  free(all);
  return bad;
}

static int cmd_scan(int argc, char **argv, int policy_mode, const pv_env *env) {
  scan_opts o = {.fail_on = -1,
                 .min_severity = -1,
                 .config = PV_CONFIG_NONE,
                 .jobs = 1,
                 .limits = pv_limits_default(),
                 .cdx_minor = 6,
                 .policy_mode = policy_mode,
                 .max_db_age = 7};
  parse_scan_args(&o, argc, argv);
  pv_baseline *base = load_baseline(&o);
  pv_vex *vex = pv_load_vex(o.vex, o.n_vex, &o.limits);
  char pack[PV_PACK_ID_LEN];
  pv_resume old = {0};
  pv_scan_config cfg = {
      .rules = load_rules(&o, env->no_prefilter, pack),
      .limits = o.limits,
      .capabilities = o.policy_out != NULL,
      .cap_load = caps_get,
      .taint_deps = o.taint_deps,
      .no_prefilter = env->no_prefilter,
      .exclude = {.exclude = o.excludes,
                  .include = o.includes,
                  .node_modules = o.scan_node_modules || o.taint_deps || o.policy_out != NULL,
                  .no_gitignore = o.no_gitignore,
                  .untrusted = !project_trusted(&o)},
      .inline_suppress = o.inline_suppress};
  if (pv_ruleset_langs(cfg.rules) != PV_LANG_ALL_BITS || pv_ruleset_cut_skipped(cfg.rules) > 0)
    cfg.rules_load = full_get;
  char dbbuf[PATH_MAX];
  pv_keyring ring = {0};
  const pv_keyring *ring_p = load_keyring(&o, &ring);
  if (o.verify_registry && !o.registry)
    o.registry = "https://registry.npmjs.org";
  pv_npm_keys *npm = o.verify_registry ? pv_load_npm_keys(g_command, o.npm_keys, &o.limits) : NULL;
  FILE *json = open_json(&o, pack, &old, cfg.rules);
  batch b = {.opts = &o,
             .cfg = &cfg,
             .env = env,
             .json = json,
             .pack = pack,
             .base = base,
             .lock = PTHREAD_MUTEX_INITIALIZER,
             .ready = calloc(o.n_inputs + 1, 1),
             .results = calloc(o.n_inputs + 1, sizeof(pv_result *)),
             .drop = results_unread(&o),
             .vex = vex,
             .db_path = store_path(&o, env, dbbuf, sizeof dbbuf)};
  pv_lic_policy *lic = pv_load_license_policy(o.license_policy, &o.limits);
  b.lic = lic;
  b.ring = ring_p;
  b.npm = npm;
  if (b.results == NULL || b.ready == NULL)
    die_oom();
  pv_progress_init(&b.progress, o.n_inputs, !o.quiet && o.n_inputs > 1, getenv("TERM"));
  if (b.db_path != NULL) {
    check_store(&b, b.db_path);
  }
  pv_srcroot root;
  if (pv_srcroot_init(&root, o.given ? o.given : o.inputs, o.given ? o.n_given : o.n_inputs,
                      o.staged       ? PV_ROOT_STAGED
                      : o.stdin_name ? PV_ROOT_STDIN
                                     : PV_ROOT_PATHS) != 0)
    die_oom();
  b.root = &root;
  run_batch(&b);
  pv_baseline_free(base);
  int bad = b.write_bad || (json != NULL && close_out(json, o.json));
  char bundled[2][PATH_MAX + 64];
  pv_report_set set = {.results = b.results,
                       .count = o.n_inputs,
                       .rules = cfg.rules,
                       .version = PV_VERSION,
                       .color = o.format == PV_FORMAT_TEXT && use_color(o.text, o.color),
                       .quiet = o.quiet,
                       .baseline_known = b.known,
                       .resumed = old.n,
                       .srcroot = root.root,
                       .category = o.sarif_category,
                       .max_results = o.limits.sarif_results,
                       .bundled = bundled_dirs(bundled, sizeof bundled[0])};
  set_epoch(&set, env->source_date_epoch);
  if (o.sarif)
    bad |= write_whole(&o, o.sarif, pv_sarif_write, &set, &root);
  if (o.gitlab)
    bad |= write_whole(&o, o.gitlab, pv_gitlab_write, &set, &root);
  if (o.policy_out && b.results[0]->status == PV_INPUT_SCANNED)
    bad |= write_report(o.policy_out, pv_policy_write, &set);
  static const writer_fn people[] = {pv_text_write, pv_compact_write, pv_table_write,
                                     pv_markdown_write, pv_junit_write};
  if (!b.drop)
    bad |= write_report(o.text ? o.text : "-", people[o.format], &set);
  old.failed += b.gone.failed;
  old.partial += b.gone.partial;
  for (int s = 0; s < PV_SEV_NONE; s++)
    old.counts[s] += b.gone.counts[s];
  int rc = bad ? EXIT_INTERNAL : exit_code(&o, b.results, &old);
  if (b.fix_bad && rc < EXIT_INPUT)
    rc = EXIT_INPUT;
  for (size_t i = 0; i < o.n_inputs; i++)
    pv_result_delete(b.results[i]);
  free(b.results);
  free(b.ready);
  pv_resume_free(&old);
  pv_lic_policy_free(lic);
  pv_keyring_free(&ring);
  pv_npm_keys_free(npm);
  pv_ruleset_delete((pv_ruleset *)cfg.rules);
  pv_ruleset_delete(g_full.rs);
  paths_free(&g_full.paths);
  pv_ruleset_delete(g_caps.rs);
  paths_free(&g_caps.paths);
  free(o.rule_paths);
  free(o.models);
  free(o.vex);
  free(o.excludes);
  free(o.exclude_rules);
  pv_config_free(&o.config);
  free(o.includes);
  pv_vex_free(vex);
  pv_srcroot_free(&root);
  free_inputs(&o);
  pv_mem_files_free(&o.mem);
  return rc;
}

int pv_cmd_scan(int argc, char **argv, const pv_env *env) {
  return cmd_scan(argc, argv, 0, env);
}

int pv_cmd_policy(int argc, char **argv, const pv_env *env) {
  return cmd_scan(argc, argv, 1, env);
}
