/* cmd_sbom.c — `plugvet sbom INPUT [-o FILE]`: the dependencies one plugin
 * ships or pins, as a CycloneDX 1.6 (or 1.5) BOM or an SPDX 2.3 document,
 * with the vulnerabilities of the OSV store when there is one. The work is
 * in sbom/, vulndb/ and reports/cyclonedx.c, spdx.c; this file parses
 * options and picks the exit code. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../scanner/intake/intake.h"
#include "commands.h"
#include "common.h"

static const char usage_sbom[] =
    "usage: plugvet sbom [options] INPUT\n"
    "\n"
    "Write the SBOM of one plugin (archive, directory or file): every package\n"
    "it ships in node_modules or pins in a lockfile.\n"
    "\n"
    "  -o, --output FILE         write the SBOM to FILE (default: stdout)\n"
    "  --format F                cyclonedx-json (default) or spdx-json (SPDX 2.3)\n"
    "  --cyclonedx-version V     1.6 (default) or 1.5\n"
    "  --db FILE                 OSV store whose advisories become the\n"
    "                            vulnerabilities section (default: the cache\n"
    "                            store when present)\n"
    "  --no-db                   no vulnerabilities section\n"
    "  --include-dev             also match dev-only packages\n"
    "  --vex FILE                VEX statements (OpenVEX or CycloneDX VEX;\n"
    "                            repeatable) applied to the matches; each\n"
    "                            vulnerability carries its statement's analysis\n"
    "  --vex-out FILE            write, as OpenVEX 0.2.0, the statements that\n"
    "                            suppressed a match (not_affected, fixed)\n"
    "  --license-policy FILE     check licences against FILE's allow/deny/review\n"
    "                            lists; license.* findings go to stderr\n"
    "\n"
    "SOURCE_DATE_EPOCH fixes the timestamp (and so the serial number).\n"
    "exit: 0 written, 1 written but a licence is denied by --license-policy,\n"
    "2 the input or --db could not be read or bad usage,\n"
    "3 internal error.\n";

typedef struct {
  const char *input, *out, *db, *vex_out, *license_policy;
  const char **vex;
  size_t n_vex;
  int minor, format, no_db, include_dev;
} sbom_opts;

static void parse_sbom_args(sbom_opts *o, int argc, char **argv) {
  enum {
    OPT_CDX = 256,
    OPT_DB,
    OPT_NO_DB,
    OPT_DEV,
    OPT_LICENSE_POLICY,
    OPT_FORMAT,
    OPT_VEX,
    OPT_VEX_OUT
  };
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"cyclonedx-version", required_argument, NULL, OPT_CDX},
      {"format", required_argument, NULL, OPT_FORMAT},
      {"db", required_argument, NULL, OPT_DB},
      {"no-db", no_argument, NULL, OPT_NO_DB},
      {"include-dev", no_argument, NULL, OPT_DEV},
      {"license-policy", required_argument, NULL, OPT_LICENSE_POLICY},
      {"vex", required_argument, NULL, OPT_VEX},
      {"vex-out", required_argument, NULL, OPT_VEX_OUT},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
    switch (c) {
      case 'o':
        o->out = optarg;
        break;
      case OPT_CDX:
        if ((o->minor = pv_cdx_minor(optarg)) < 0) {
          fprintf(stderr, "plugvet: --cyclonedx-version must be 1.6 or 1.5, not '%s'\n", optarg);
          exit(EXIT_INPUT);
        }
        break;
      case OPT_FORMAT:
        if ((o->format = pv_sbom_format_parse(optarg)) < 0) {
          fprintf(stderr, "plugvet: --format must be cyclonedx-json or spdx-json, not '%s'\n",
                  optarg);
          exit(EXIT_INPUT);
        }
        break;
      case OPT_VEX:
        o->vex = realloc(o->vex, (o->n_vex + 1) * sizeof *o->vex);
        if (o->vex == NULL)
          exit(EXIT_INTERNAL);
        o->vex[o->n_vex++] = optarg;
        break;
      case OPT_VEX_OUT:
        o->vex_out = optarg;
        break;
      case OPT_DB:
        o->db = optarg;
        break;
      case OPT_NO_DB:
        o->no_db = 1;
        break;
      case OPT_DEV:
        o->include_dev = 1;
        break;
      case OPT_LICENSE_POLICY:
        o->license_policy = optarg;
        break;
      case 'h':
        fputs(usage_sbom, stdout);
        exit(EXIT_CLEAN);
      default:
        fputs(usage_sbom, stderr);
        exit(EXIT_INPUT);
    }
  }
  if (optind + 1 != argc) {
    fprintf(stderr, "plugvet: sbom takes exactly one INPUT\n%s", usage_sbom);
    exit(EXIT_INPUT);
  }
  o->input = argv[optind];
}

/* The store to read: --db must open; the default one is optional. */
static pv_store *open_store(const sbom_opts *o, const pv_env *env) {
  char buf[PATH_MAX];
  const char *path =
      o->db ? o->db : pv_store_default_path(env->xdg_cache_home, env->home, buf, sizeof buf);
  pv_store *db = NULL;
  pv_error err = {0};
  if (o->no_db || path == NULL || pv_store_open(path, 0, &db, &err) == PV_OK)
    return db;
  if (o->db != NULL) {
    fprintf(stderr, "plugvet: --db %s\n", err.msg);
    exit(EXIT_INPUT);
  }
  return NULL;
}

/* --vex-out: the statements that suppressed a match, as OpenVEX. */
static int write_vex_out(const sbom_opts *o, const pv_vex *vex, const pv_inventory *inv,
                         const pv_vulns *vulns, const pv_vec *hits, const pv_env *env) {
  long long epoch = pv_sde_epoch(env->source_date_epoch);
  FILE *f = strcmp(o->vex_out, "-") == 0 ? stdout : fopen(o->vex_out, "w");
  pv_error err = {0};
  int bad = f == NULL || pv_vex_write(f, vex, inv, vulns, hits, epoch, PV_VERSION, &err) != PV_OK;
  if (f != NULL)
    bad |= (f == stdout ? fflush(f) : fclose(f)) != 0;
  if (bad)
    fprintf(stderr, "plugvet: cannot write %s%s%s\n", o->vex_out, err.msg[0] ? ": " : "", err.msg);
  return bad;
}

/* The license.* findings on stderr ("plugvet: license.denied: path:line:
 * message"); returns whether one is license.denied. */
static int tell_licences(const pv_result *r) {
  int denied = 0;
  for (size_t i = 0; i < r->findings.len; i++) {
    const pv_finding *f = pv_result_finding(r, i);
    if (strncmp(f->rule->id, "license.", 8) != 0)
      continue;
    fprintf(stderr, "plugvet: %s: %s:%u: %s\n", f->rule->id, f->path, (unsigned)f->start.line,
            f->message);
    denied |= strcmp(f->rule->id, "license.denied") == 0;
  }
  return denied;
}

int pv_cmd_sbom(int argc, char **argv, const pv_env *env) {
  sbom_opts o = {.minor = 6, .out = "-"};
  parse_sbom_args(&o, argc, argv);
  pv_limits lim = pv_limits_default();
  pv_lic_policy *lic = pv_load_license_policy(o.license_policy, &lim);
  pv_vex *vex = pv_load_vex(o.vex, o.n_vex, &lim);
  pv_vec hits = {.elem = sizeof(pv_vex_hit)};
  pv_store *db = open_store(&o, env);
  pv_result *r = pv_result_new(o.input);
  if (r == NULL)
    return EXIT_INTERNAL;
  r->manifests_only = 1; /* node_modules' code is not read: 550 packages in ~20 MB */
  pv_status rc = pv_intake_read(r, &lim, pv_now_ms() + lim.input_ms);
  if (rc != PV_OK || r->status == PV_INPUT_ERROR) {
    fprintf(stderr, "plugvet: %s\n", r->error ? r->error : "out of memory");
    pv_result_delete(r);
    pv_store_close(db);
    pv_vex_free(vex);
    free(o.vex);
    pv_lic_policy_free(lic);
    return rc == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT;
  }
  pv_inventory *inv = pv_inv_build(r, &lim);
  pv_vulns vulns = {0};
  pv_error err = {0};
  int code = inv == NULL ? EXIT_INTERNAL : EXIT_CLEAN;
  if (inv != NULL && db != NULL && pv_vulns_match(db, inv, o.include_dev, &vulns, &err) != PV_OK) {
    fprintf(stderr, "plugvet: OSV store: %s\n", err.msg);
    code = EXIT_INPUT;
  }
  size_t vexed = 0;
  if (code == EXIT_CLEAN && pv_vex_apply(vex, inv, &vulns, &hits, &vexed) != PV_OK)
    code = EXIT_INTERNAL;
  if (inv != NULL && lic != NULL && pv_lic_check(inv, lic, o.include_dev, &lim) != PV_OK)
    code = EXIT_INTERNAL;
  int denied = tell_licences(r);
  for (size_t i = 0; i < r->notes.len; i++)
    if (pv_result_note_at(r, i)->level >= PV_NOTE_WARNING)
      fprintf(stderr, "plugvet: note: %s\n", pv_result_note_at(r, i)->message);
  pv_sbom_opts so = {.format = o.format, .cdx_minor = o.minor, .name = o.input, .vex = vex};
  if (code == EXIT_CLEAN &&
      pv_write_sbom(o.out, inv, db ? &vulns : NULL, &so, env->source_date_epoch) != 0)
    code = EXIT_INTERNAL;
  if (code == EXIT_CLEAN && o.vex_out != NULL &&
      write_vex_out(&o, vex, inv, &vulns, &hits, env) != 0)
    code = EXIT_INTERNAL;
  pv_vec_free(&hits);
  pv_vex_free(vex);
  free(o.vex);
  if (code == EXIT_CLEAN && denied)
    code = EXIT_FINDINGS;
  pv_vulns_free(&vulns);
  pv_inv_delete(inv);
  pv_result_delete(r);
  pv_store_close(db);
  pv_lic_policy_free(lic);
  return code;
}
