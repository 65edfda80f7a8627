/* test_osv.c — OSV parsing and evaluation, the real advisories in
 * tests/data/osv, CVSS v3 scores, advisory grouping. Run from the repository
 * root, as `make test` does. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vulndb/cvss.h"
#include "../../vulndb/osv.h"
#include "tap.h"

static pv_arena *A;

#define R(t, ev) "{\"type\":\"" t "\",\"events\":[" ev "]}"
#define PKG "\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"}"

/* An advisory with the given "affected" array body. */
static pv_osv *mk(const char *id, const char *extra, const char *affected, pv_error *err) {
  char buf[4096];
  pv_osv *o;
  snprintf(buf, sizeof buf, "{\"id\":\"%s\",\"modified\":\"2024-01-01T00:00:00Z\"%s,\"affected\":[%s]}", id,
           extra, affected);
  pv_osv_parse_text(A, buf, strlen(buf), "test", &o, err);
  return o;
}

typedef struct {
  const char *affected, *version;
  int want;
} evcase;

static const evcase cases[] = {
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]}", "0.0.0", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]}", "99.1.0-rc.1", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"1.2.4\"}") "]}", "1.2.3", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"1.2.4\"}") "]}", "1.2.4", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"1.2.4\"}") "]}", "2.0.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}", "0.9.9", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}", "1.0.0", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}", "1.2.4-beta", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}", "1.0.0-rc.1", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}", "1.2.4+build", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"fixed\":\"1.2.4\"},{\"introduced\":\"1.0.0\"}") "]}", "1.1.0", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"fixed\":\"1.2.4\"},{\"introduced\":\"1.0.0\"}") "]}", "1.3.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"last_affected\":\"2.0.0\"}") "]}", "2.0.0", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"last_affected\":\"2.0.0\"}") "]}", "2.0.1-0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"last_affected\":\"2.0.0\"}") "]}", "2.0.0-rc", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"1.5.0\"}") "]}", "1.4.9", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"1.5.0\"}") "]}", "1.5.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"1.5.0\"}") "]}", "3.0.0", 0},
    /* two intervals in one range (OSV spec example shape) */
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}", "1.0.4", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}", "1.5.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}", "2.0.2", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}", "2.0.3", 0},
    /* several ranges */
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.1.0\"}") "," R("SEMVER", "{\"introduced\":\"3.0.0\"}") "]}", "1.0.1", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.1.0\"}") "," R("SEMVER", "{\"introduced\":\"3.0.0\"}") "]}", "2.0.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.1.0\"}") "," R("SEMVER", "{\"introduced\":\"3.0.0\"}") "]}", "3.2.0", 1},
    /* ECOSYSTEM (npm) ranges */
    {"{" PKG ",\"ranges\":[" R("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}") "]}", "4.17.20", 1},
    {"{" PKG ",\"ranges\":[" R("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}") "]}", "4.17.21", 0},
    /* GIT range first, SEMVER after: the SEMVER one still counts */
    {"{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"0\"},{\"fixed\":\"abc123\"}") "," R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}") "]}", "1.9.0", 1},
    {"{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"0\"},{\"fixed\":\"abc123\"}") "," R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}") "]}", "2.0.0", 0},
    {"{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"0\"}") "]}", "1.0.0", 0},
    /* versions list */
    {"{" PKG ",\"versions\":[\"1.0.0\",\"1.0.2\"]}", "1.0.2", 1},
    {"{" PKG ",\"versions\":[\"1.0.0\",\"1.0.2\"]}", "1.0.1", 0},
    {"{" PKG ",\"versions\":[\"1.0.0\"]," "\"ranges\":[" R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}", "1.0.0", 1},
    {"{" PKG ",\"versions\":[\"1.0.0\"]," "\"ranges\":[" R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}", "2.1.0", 1},
    {"{" PKG ",\"versions\":[\"1.0.0\"]," "\"ranges\":[" R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}", "1.5.0", 0},
    /* several affected entries: other packages never match */
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\"q\"},\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]},"
     "{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"5.0.0\"}") "]}", "5.0.0", 1},
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\"q\"},\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]},"
     "{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"5.0.0\"}") "]}", "4.0.0", 0},
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\"P\"},\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]}", "1.0.0", 0},
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\" p \"},\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]}", "1.0.0", 1},
    {"{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"p\"},\"ranges\":[" R("ECOSYSTEM", "{\"introduced\":\"0\"}") "]}", "1.0.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0-alpha\"},{\"fixed\":\"1.0.0\"}") "]}", "1.0.0-beta.2", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0-alpha\"},{\"fixed\":\"1.0.0\"}") "]}", "0.9.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0-beta.2\"},{\"fixed\":\"1.0.0-beta.11\"}") "]}", "1.0.0-beta.10", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0-beta.2\"},{\"fixed\":\"1.0.0-beta.11\"}") "]}", "1.0.0-beta.1", 0},
};

static void test_eval(void) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    pv_error err;
    pv_osv *o = mk("T-1", "", cases[i].affected, &err);
    int got = o ? pv_osv_affects(o, "npm", "p", cases[i].version) : -2;
    ok(got == cases[i].want, "eval %zu: %s %s affected (got %d%s%s)", i, cases[i].version,
       cases[i].want ? "is" : "is not", got, o ? "" : ", ", o ? "" : err.msg);
  }
  pv_error err;
  pv_osv *o = mk("T-1", "", "{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]}", &err);
  is_int(pv_osv_affects(o, "npm", "p", "not-a-version"), -1, "invalid installed version: -1");
  o = mk("T-2", "", "{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.0\"},"
         "{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.3.1\"}") "," R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"2.1.0\"}") "]}", &err);
  is_str(pv_osv_fixed_above(o, "npm", "p", "1.1.0"), "1.2.0", "lowest fixed above 1.1.0");
  is_str(pv_osv_fixed_above(o, "npm", "p", "2.0.5"), "2.1.0", "lowest fixed above 2.0.5 across ranges");
  is_str(pv_osv_fixed_above(o, "npm", "p", "2.3.1"), NULL, "no fixed above 2.3.1");
  is_str(pv_osv_fixed_above(o, "npm", "q", "1.0.0"), NULL, "no fixed for another package");
}

static void test_invalid(void) {
  pv_error err;
  pv_osv *o;
  const char *no_mod = "{\"id\":\"GHSA-x\",\"affected\":[]}";
  ok(pv_osv_parse_text(A, no_mod, strlen(no_mod), "f.json", &o, &err) == PV_FAILED &&
         strstr(err.msg, "GHSA-x") && strstr(err.msg, "modified"), "missing modified names id and field: %s", err.msg);
  const char *no_id = "{\"modified\":\"x\"}";
  ok(pv_osv_parse_text(A, no_id, strlen(no_id), "f.json", &o, &err) == PV_FAILED && strstr(err.msg, "id"),
     "missing id is refused: %s", err.msg);
  const char *bad1 = "{\"id\":\"BAD-1\",\"modified\":\"x\",\"affected\":[{" PKG ",\"ranges\":["
      R("SEMVER", "{\"introduced\":\"1.x\"}") "," R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}]}";
  ok(pv_osv_parse_text(A, bad1, strlen(bad1), "b.json", &o, &err) == PV_WARN && strstr(err.msg, "BAD-1") &&
         strstr(err.msg, "1.x"), "unparseable event version: PV_WARN naming advisory and version: %s", err.msg);
  ok(o && o->affected[0].ranges[0].invalid && !o->affected[0].ranges[0].evaluable, "that range is marked invalid");
  ok(o && pv_osv_affects(o, "npm", "p", "2.1.0") == 1 && pv_osv_affects(o, "npm", "p", "1.5.0") == 0,
     "the advisory's other range still counts");
  o = mk("CO-1", "", "{" PKG ",\"ranges\":[" R("ECOSYSTEM", "{\"introduced\":\"1.0\"},{\"fixed\":\"2\"}") "]}", &err);
  ok(o && pv_osv_affects(o, "npm", "p", "1.0.0") == 1 && pv_osv_affects(o, "npm", "p", "2.0.0") == 0 &&
         pv_osv_affects(o, "npm", "p", "0.9.0") == 0, "\"1.0\" and \"2\" read as 1.0.0 and 2.0.0");
  ok(!mk("BAD-2", "", "{" PKG ",\"ranges\":[" R("SEMVER", "{\"bogus\":\"1.0.0\"}") "]}", &err),
     "unknown event kind refused: %s", err.msg);
  ok(!mk("BAD-3", "", "{" PKG ",\"ranges\":[{\"type\":\"RANDOM\",\"events\":[{\"introduced\":\"0\"}]}]}", &err),
     "unknown range type refused: %s", err.msg);
  ok(!mk("BAD-4", "", "{" PKG ",\"ranges\":[" R("SEMVER", "") "]}", &err), "empty events refused: %s", err.msg);
  ok(!mk("BAD-5", ",\"aliases\":\"CVE-1\"", "", &err), "aliases not an array refused: %s", err.msg);
  ok(pv_osv_parse_text(A, "{", 1, "trunc.json", &o, &err) == PV_FAILED && strstr(err.msg, "trunc.json"),
     "truncated JSON names the file: %s", err.msg);
  ok(mk("OK-1", "", "{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"zz\"}") "]}", &err) != NULL,
     "GIT commit hashes are not versions and are accepted");
  o = mk("W-1", ",\"withdrawn\":\"2024-02-02T00:00:00Z\"", "{" PKG ",\"versions\":[\"1.0.0\"]}", &err);
  ok(o && o->withdrawn && !strcmp(o->withdrawn, "2024-02-02T00:00:00Z"), "withdrawn is reported");
  o = mk("W-2", "", "{" PKG ",\"versions\":[\"1.0.0\"]}", &err);
  ok(o && !o->withdrawn, "not withdrawn: NULL");
}

static int n_warn;

static const pv_osv *load_sample(const char *dir, const char *file) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  FILE *f = fopen(path, "rb");
  static char buf[1 << 20];
  size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
  pv_osv *o = NULL;
  pv_error err;
  if (f) fclose(f);
  pv_status rc = pv_osv_parse_text(A, buf, n, file, &o, &err);
  if (rc == PV_WARN) n_warn++, printf("# %s\n", err.msg);
  else if (rc != PV_OK) tap_ok(0, "%s", err.msg);
  return o;
}

static void test_samples(void) {
  const char *dir = "tests/data/osv";
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0, good = 0;
  ok(d != NULL, "open %s", dir);
  while (d && (e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 6 || strcmp(e->d_name + l - 5, ".json")) continue;
    n++;
    good += load_sample(dir, e->d_name) != NULL;
  }
  if (d) closedir(d);
  ok(n >= 79 && good == n, "all %d OSV samples parse (%d ok)", n, good);
  is_int(n_warn, 1, "one sample has an unreadable range (GHSA-h755 fixed \"7.2.4, 6.11.4\")");
  const pv_osv *h = load_sample(dir, "GHSA-h755-8qp9-cq85.json");
  ok(h != NULL, "GHSA-h755 still loads");
  const pv_osv *jwt = load_sample(dir, "GHSA-27h2-hvpr-p74q.json");
  ok(jwt && !strcmp(jwt->id, "GHSA-27h2-hvpr-p74q") && jwt->withdrawn, "GHSA-27h2-hvpr-p74q is withdrawn");
  ok(jwt && pv_osv_affects(jwt, "npm", "jsonwebtoken", "8.5.1") == 1, "jsonwebtoken 8.5.1 in GHSA-27h2");
  ok(jwt && pv_osv_affects(jwt, "npm", "jsonwebtoken", "9.0.0") == 0, "jsonwebtoken 9.0.0 not in GHSA-27h2");
  const pv_osv *lo = load_sample(dir, "GHSA-29mw-wpgm-hmr9.json");
  ok(lo && !strcmp(lo->aliases[0], "CVE-2020-28500"), "GHSA-29mw alias CVE-2020-28500");
  ok(lo && pv_osv_affects(lo, "npm", "lodash", "4.17.20") == 1, "lodash 4.17.20 affected");
  ok(lo && pv_osv_affects(lo, "npm", "lodash", "4.17.21") == 0, "lodash 4.17.21 fixed");
  ok(lo && pv_osv_affects(lo, "npm", "lodash.trim", "4.5.1") == 1, "lodash.trim 4.5.1 (last_affected) affected");
  ok(lo && pv_osv_affects(lo, "npm", "lodash.trim", "4.5.2") == 0, "lodash.trim 4.5.2 not affected");
  is_str(lo ? pv_osv_fixed_above(lo, "npm", "lodash", "4.17.4") : NULL, "4.17.21", "lodash fixed in 4.17.21");
  ok(lo && lo->cwe_ids[0] && !strcmp(lo->cwe_ids[0], "CWE-1333"), "cwe_ids read");
  const pv_osv *tc = load_sample(dir, "MAL-2025-47141.json");
  ok(tc && pv_osv_affects(tc, "npm", "@ctrl/tinycolor", "4.1.2") == 1, "@ctrl/tinycolor 4.1.2 malicious");
  ok(tc && pv_osv_affects(tc, "npm", "@ctrl/tinycolor", "1.0.0") == 1, "@ctrl/tinycolor introduced 0 range");
  const pv_osv *v4 = load_sample(dir, "GHSA-qwcr-r2fm-qrc7.json");
  pv_advisory *adv = v4 ? pv_osv_advisory(A, &v4, 1) : NULL;
  ok(adv && adv->cvss_score == 7.5 && adv->severity == PV_SEV_HIGH, "GHSA-qwcr: v3 7.5 high (v4 not computed)");
  const pv_osv *mal = load_sample(dir, "MAL-2022-2.json");
  adv = mal ? pv_osv_advisory(A, &mal, 1) : NULL;
  ok(adv && !strcmp(adv->id, "MAL-2022-2") && adv->malicious && adv->severity == PV_SEV_CRITICAL &&
         !strcmp(adv->aliases[0], "GHSA-qqfx-rpxc-ghp4") && !adv->aliases[1],
     "MAL-2022-2: preferred over its GHSA alias, critical");
  ok(adv && !strcmp(adv->source_url, "https://osv.dev/vulnerability/MAL-2022-2"), "source_url");
}

static void test_cvss(void) {
  static const struct {
    const char *v;
    double s;
  } t[] = {
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8}, {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0}, {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3}, {"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2},
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L", 5.0}, {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0},
      {"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8}, {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
      {"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6}, {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L", 7.6},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O", 9.8},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    double s = pv_cvss3_base_score(t[i].v);
    ok(fabs(s - t[i].s) < 1e-9, "cvss %s = %.1f (got %.1f)", t[i].v, t[i].s, s);
  }
  const char *bad[] = {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                       "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "", NULL,
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:HH", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    ok(pv_cvss3_base_score(bad[i]) == -1, "invalid cvss vector %zu refused", i);
  is_int(pv_cvss_severity(9.0), PV_SEV_CRITICAL, "9.0 critical");
  is_int(pv_cvss_severity(8.9), PV_SEV_HIGH, "8.9 high");
  is_int(pv_cvss_severity(4.0), PV_SEV_MEDIUM, "4.0 medium");
  is_int(pv_cvss_severity(0.1), PV_SEV_LOW, "0.1 low");
  is_int(pv_cvss_severity(0.0), PV_SEV_INFO, "0.0 info");
  is_int(pv_cvss_label_severity("MODERATE"), PV_SEV_MEDIUM, "MODERATE = medium");
  is_int(pv_cvss_label_severity("nope"), -1, "unknown label");
}

static void test_group(void) {
  pv_error err;
  const char *aff = "{" PKG ",\"versions\":[\"1.0.0\"]}";
  const pv_osv *g[5];
  size_t grp[5];
  g[0] = mk("GHSA-aaaa", ",\"aliases\":[\"CVE-2020-1\"],\"database_specific\":{\"severity\":\"LOW\",\"cwe_ids\":[\"CWE-79\"]}", aff, &err);
  g[1] = mk("CVE-2020-1", ",\"aliases\":[\"GHSA-bbbb\"],\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]", aff, &err);
  g[2] = mk("GHSA-bbbb", ",\"database_specific\":{\"cwe_ids\":[\"CWE-79\",\"CWE-20\"]}", aff, &err);
  g[3] = mk("GHSA-cccc", ",\"database_specific\":{\"severity\":\"MODERATE\"}", aff, &err);
  g[4] = mk("MAL-2024-1", ",\"aliases\":[\"GHSA-dddd\"]", aff, &err);
  is_int((long long)pv_osv_group(g, 5, grp), 3, "five advisories, three groups");
  ok(grp[0] == 0 && grp[1] == 0 && grp[2] == 0, "transitive alias chain grouped");
  ok(grp[3] == 3 && grp[4] == 4, "unrelated advisories stay apart");
  pv_advisory *a = pv_osv_advisory(A, g, 3);
  ok(a && !strcmp(a->id, "CVE-2020-1"), "CVE preferred");
  ok(a && a->aliases[0] && a->aliases[1] && !a->aliases[2], "two aliases for three ids");
  ok(a && a->cvss_score == 9.8 && a->severity == PV_SEV_CRITICAL && !strcmp(a->cvss_method, "CVSSv31"), "cvss from the CVE entry");
  ok(a && a->cwes[0] && a->cwes[1] && !a->cwes[2], "cwes merged without duplicates");
  a = pv_osv_advisory(A, &g[3], 1);
  ok(a && !strcmp(a->id, "GHSA-cccc") && a->severity == PV_SEV_MEDIUM && a->cvss_score == -1 && !a->cvss_vector,
     "no CVSS: GitHub label decides");
  a = pv_osv_advisory(A, &g[4], 1);
  ok(a && !strcmp(a->id, "MAL-2024-1") && a->malicious && a->severity == PV_SEV_CRITICAL, "MAL group critical");
  const pv_osv *one = mk("GHSA-eeee", ",\"aliases\":[\"MAL-2024-9\"]", aff, &err);
  a = pv_osv_advisory(A, &one, 1);
  ok(a && !strcmp(a->id, "MAL-2024-9") && a->malicious, "MAL alias beats the GHSA id and marks malicious");
  const pv_osv *v4 = mk("GHSA-ffff", ",\"severity\":[{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}],\"database_specific\":{\"severity\":\"HIGH\"}", aff, &err);
  a = pv_osv_advisory(A, &v4, 1);
  ok(a && a->cvss_score == -1 && !strcmp(a->cvss_method, "CVSSv4") && a->severity == PV_SEV_HIGH, "CVSS v4: label severity");
}

int main(void) {
  A = pv_arena_new(0);
  test_eval();
  test_invalid();
  test_samples();
  test_cvss();
  test_group();
  pv_arena_delete(A);
  return tap_done();
}
