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
  snprintf(buf, sizeof buf,
           "{\"id\":\"%s\",\"modified\":\"2024-01-01T00:00:00Z\"%s,\"affected\":[%s]}", id, extra,
           affected);
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
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "1.2.3", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "1.2.4", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "2.0.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "0.9.9", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "1.0.0", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "1.2.4-beta", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "1.0.0-rc.1", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.4\"}") "]}",
     "1.2.4+build", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"fixed\":\"1.2.4\"},{\"introduced\":\"1.0.0\"}") "]}",
     "1.1.0", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"fixed\":\"1.2.4\"},{\"introduced\":\"1.0.0\"}") "]}",
     "1.3.0", 0},
    {"{" PKG
     ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"last_affected\":\"2.0.0\"}") "]}",
     "2.0.0", 1},
    {"{" PKG
     ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"last_affected\":\"2.0.0\"}") "]}",
     "2.0.1-0", 0},
    {"{" PKG
     ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"last_affected\":\"2.0.0\"}") "]}",
     "2.0.0-rc", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"1.5.0\"}") "]}",
     "1.4.9", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"1.5.0\"}") "]}",
     "1.5.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"1.5.0\"}") "]}",
     "3.0.0", 0},
    /* two intervals in one range (OSV spec example shape) */
    {"{" PKG ",\"ranges\":[" R("SEMVER",
                               "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":"
                               "\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}",
     "1.0.4", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER",
                               "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":"
                               "\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}",
     "1.5.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER",
                               "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":"
                               "\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}",
     "2.0.2", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER",
                               "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.0.5\"},{\"introduced\":"
                               "\"2.0.0\"},{\"fixed\":\"2.0.3\"}") "]}",
     "2.0.3", 0},
    /* several ranges */
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.1.0\"}") "," R(
         "SEMVER", "{\"introduced\":\"3.0.0\"}") "]}",
     "1.0.1", 1},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.1.0\"}") "," R(
         "SEMVER", "{\"introduced\":\"3.0.0\"}") "]}",
     "2.0.0", 0},
    {"{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.1.0\"}") "," R(
         "SEMVER", "{\"introduced\":\"3.0.0\"}") "]}",
     "3.2.0", 1},
    /* ECOSYSTEM (npm) ranges */
    {"{" PKG ",\"ranges\":[" R("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}") "]}",
     "4.17.20", 1},
    {"{" PKG ",\"ranges\":[" R("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}") "]}",
     "4.17.21", 0},
    /* GIT range first, SEMVER after: the SEMVER one still counts */
    {"{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"0\"},{\"fixed\":\"abc123\"}") "," R(
         "SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}") "]}",
     "1.9.0", 1},
    {"{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"0\"},{\"fixed\":\"abc123\"}") "," R(
         "SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}") "]}",
     "2.0.0", 0},
    {"{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"0\"}") "]}", "1.0.0", 0},
    /* versions list */
    {"{" PKG ",\"versions\":[\"1.0.0\",\"1.0.2\"]}", "1.0.2", 1},
    {"{" PKG ",\"versions\":[\"1.0.0\",\"1.0.2\"]}", "1.0.1", 0},
    {"{" PKG ",\"versions\":[\"1.0.0\"],"
     "\"ranges\":[" R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}",
     "1.0.0", 1},
    {"{" PKG ",\"versions\":[\"1.0.0\"],"
     "\"ranges\":[" R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}",
     "2.1.0", 1},
    {"{" PKG ",\"versions\":[\"1.0.0\"],"
     "\"ranges\":[" R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}",
     "1.5.0", 0},
    /* several affected entries: other packages never match */
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\"q\"},\"ranges\":[" R(
         "SEMVER", "{\"introduced\":\"0\"}") "]},"
                                             "{" PKG ",\"ranges\":[" R(
                                                 "SEMVER", "{\"introduced\":\"5.0.0\"}") "]}",
     "5.0.0", 1},
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\"q\"},\"ranges\":[" R(
         "SEMVER", "{\"introduced\":\"0\"}") "]},"
                                             "{" PKG ",\"ranges\":[" R(
                                                 "SEMVER", "{\"introduced\":\"5.0.0\"}") "]}",
     "4.0.0", 0},
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\"P\"},\"ranges\":[" R(
         "SEMVER", "{\"introduced\":\"0\"}") "]}",
     "1.0.0", 0},
    {"{\"package\":{\"ecosystem\":\"npm\",\"name\":\" p \"},\"ranges\":[" R(
         "SEMVER", "{\"introduced\":\"0\"}") "]}",
     "1.0.0", 1},
    {"{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"p\"},\"ranges\":[" R(
         "ECOSYSTEM", "{\"introduced\":\"0\"}") "]}",
     "1.0.0", 0},
    {"{" PKG
     ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0-alpha\"},{\"fixed\":\"1.0.0\"}") "]}",
     "1.0.0-beta.2", 1},
    {"{" PKG
     ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0-alpha\"},{\"fixed\":\"1.0.0\"}") "]}",
     "0.9.0", 0},
    {"{" PKG ",\"ranges\":[" R(
         "SEMVER", "{\"introduced\":\"1.0.0-beta.2\"},{\"fixed\":\"1.0.0-beta.11\"}") "]}",
     "1.0.0-beta.10", 1},
    {"{" PKG ",\"ranges\":[" R(
         "SEMVER", "{\"introduced\":\"1.0.0-beta.2\"},{\"fixed\":\"1.0.0-beta.11\"}") "]}",
     "1.0.0-beta.1", 0},
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
  pv_osv *o =
      mk("T-1", "", "{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"}") "]}", &err);
  is_int(pv_osv_affects(o, "npm", "p", "not-a-version"), -1, "invalid installed version: -1");
  o = mk("T-2", "",
         "{" PKG ",\"ranges\":[" R(
             "SEMVER",
             "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.2.0\"},"
             "{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.3.1\"}") "," R("SEMVER",
                                                                       "{\"introduced\":\"0\"},{"
                                                                       "\"fixed\":\"2.1.0\"}") "]}",
         &err);
  is_str(pv_osv_fixed_above(o, "npm", "p", "1.1.0"), "1.2.0", "lowest fixed above 1.1.0");
  is_str(pv_osv_fixed_above(o, "npm", "p", "2.0.5"), "2.1.0",
         "lowest fixed above 2.0.5 across ranges");
  is_str(pv_osv_fixed_above(o, "npm", "p", "2.3.1"), NULL, "no fixed above 2.3.1");
  is_str(pv_osv_fixed_above(o, "npm", "q", "1.0.0"), NULL, "no fixed for another package");
}

/* Edge semantics (issue 16, 7): limit "*", unreadable versions read
 * open-ended on their side, never a dropped range. */
typedef struct {
  const char *events, *version;
  int want;
} edgecase;

static const edgecase edges[] = {
    {"{\"introduced\":\"1.0.0\"},{\"limit\":\"*\"}", "5.0.0", 1},
    {"{\"introduced\":\"1.0.0\"},{\"limit\":\"*\"}", "0.5.0", 0},
    {"{\"introduced\":\"1.0.0\"},{\"fixed\":\"2.0.0\"},{\"limit\":\"*\"}", "1.5.0", 1},
    {"{\"introduced\":\"1.0.0\"},{\"fixed\":\"2.0.0\"},{\"limit\":\"*\"}", "2.5.0", 0},
    {"{\"introduced\":\"6.10.0\"},{\"fixed\":\"7.2.4, 6.11.4\"}", "7.5.0", 1},
    {"{\"introduced\":\"6.10.0\"},{\"fixed\":\"7.2.4, 6.11.4\"}", "6.10.0", 1},
    {"{\"introduced\":\"6.10.0\"},{\"fixed\":\"7.2.4, 6.11.4\"}", "6.9.9", 0},
    {"{\"introduced\":\"not a version\"},{\"fixed\":\"2.0.0\"}", "0.0.1", 1},
    {"{\"introduced\":\"not a version\"},{\"fixed\":\"2.0.0\"}", "2.0.0", 0},
    {"{\"introduced\":\"1.0.0\"},{\"last_affected\":\"1.x\"}", "9.0.0", 1},
    {"{\"introduced\":\"1.0.0\"},{\"last_affected\":\"1.x\"}", "0.9.0", 0},
    {"{\"introduced\":\"1.0.0\"},{\"limit\":\">2\"}", "9.0.0", 1},
};

static void test_edges(void) {
  for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
    char aff[512];
    pv_error err = {0};
    snprintf(aff, sizeof aff, "{" PKG ",\"ranges\":[{\"type\":\"SEMVER\",\"events\":[%s]}]}",
             edges[i].events);
    pv_osv *o = mk("EDGE-1", "", aff, &err);
    int got = o ? pv_osv_affects(o, "npm", "p", edges[i].version) : -2;
    is_int(got, edges[i].want, "edge %zu: [%s] %s", i, edges[i].events, edges[i].version);
  }
  pv_error err = {0};
  pv_osv *o = mk("EDGE-2", "",
                 "{" PKG ",\"ranges\":[" R("SEMVER",
                                           "{\"introduced\":\"1.0.0\"},{\"fixed\":\"bad\"},"
                                           "{\"introduced\":\"3.0.0\"},{\"fixed\":\"3.1.0\"}") "]}",
                 &err);
  if (ok(o != NULL, "an unreadable fixed among readable ones loads")) {
    is_str(pv_osv_fixed_above(o, "npm", "p", "1.5.0"), "3.1.0",
           "the lowest readable fixed above is named, the unreadable one skipped");
    ok(o->affected[0].ranges[0].invalid, "... and the range is marked invalid");
  }
  o = mk("EDGE-3", "",
         "{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"*\"}") "]}",
         &err);
  if (ok(o != NULL, "limit \"*\" loads")) {
    ok(!o->affected[0].ranges[0].invalid, "twin: limit \"*\" is not a malformed range");
  }
}

static void test_invalid(void) {
  pv_error err;
  pv_osv *o;
  const char *no_mod = "{\"id\":\"GHSA-x\",\"affected\":[]}";
  is_int(pv_osv_parse_text(A, no_mod, strlen(no_mod), "f.json", &o, &err), PV_FAILED,
         "missing modified is refused");
  has_str(err.msg, "GHSA-x", "missing modified: the message names the id");
  has_str(err.msg, "modified", "missing modified: the message names the field");
  const char *no_id = "{\"modified\":\"x\"}";
  is_int(pv_osv_parse_text(A, no_id, strlen(no_id), "f.json", &o, &err), PV_FAILED,
         "missing id is refused");
  has_str(err.msg, "id", "missing id: the message names the field");
  const char *bad1 = "{\"id\":\"BAD-1\",\"modified\":\"x\",\"affected\":[{" PKG ",\"ranges\":[" R(
      "SEMVER", "{\"introduced\":\"1.x\"}") "," R("SEMVER", "{\"introduced\":\"2.0.0\"}") "]}]}";
  is_int(pv_osv_parse_text(A, bad1, strlen(bad1), "b.json", &o, &err), PV_WARN,
         "unparseable event version: PV_WARN");
  has_str(err.msg, "BAD-1", "unparseable event version: the message names the advisory");
  has_str(err.msg, "1.x", "unparseable event version: the message names the version");
  if (ok(o != NULL, "an advisory with an unparseable range still loads")) {
    ok(o->affected[0].ranges[0].invalid, "that range is marked invalid");
    ok(o->affected[0].ranges[0].evaluable, "that range is still evaluated (open-ended)");
    is_int(pv_osv_affects(o, "npm", "p", "2.1.0"), 1,
           "the advisory's other range still counts (2.1.0)");
    is_int(pv_osv_affects(o, "npm", "p", "1.5.0"), 1,
           "an unreadable introduced counts from the start: 1.5.0 affected");
  }
  o = mk("CO-1", "",
         "{" PKG ",\"ranges\":[" R("ECOSYSTEM", "{\"introduced\":\"1.0\"},{\"fixed\":\"2\"}") "]}",
         &err);
  if (ok(o != NULL, "versions \"1.0\" and \"2\" load")) {
    is_int(pv_osv_affects(o, "npm", "p", "1.0.0"), 1, "\"1.0\" reads as 1.0.0 (introduced)");
    is_int(pv_osv_affects(o, "npm", "p", "2.0.0"), 0, "\"2\" reads as 2.0.0 (fixed)");
    is_int(pv_osv_affects(o, "npm", "p", "0.9.0"), 0, "0.9.0 is before \"1.0\"");
  }
  ok(!mk("BAD-2", "", "{" PKG ",\"ranges\":[" R("SEMVER", "{\"bogus\":\"1.0.0\"}") "]}", &err),
     "unknown event kind refused: %s", err.msg);
  ok(!mk("BAD-3", "",
         "{" PKG ",\"ranges\":[{\"type\":\"RANDOM\",\"events\":[{\"introduced\":\"0\"}]}]}", &err),
     "unknown range type refused: %s", err.msg);
  ok(!mk("BAD-4", "", "{" PKG ",\"ranges\":[" R("SEMVER", "") "]}", &err),
     "empty events refused: %s", err.msg);
  ok(!mk("BAD-5", ",\"aliases\":\"CVE-1\"", "", &err), "aliases not an array refused: %s", err.msg);
  is_int(pv_osv_parse_text(A, "{", 1, "trunc.json", &o, &err), PV_FAILED,
         "truncated JSON is refused");
  has_str(err.msg, "trunc.json", "truncated JSON: the message names the file");
  ok(mk("OK-1", "", "{" PKG ",\"ranges\":[" R("GIT", "{\"introduced\":\"zz\"}") "]}", &err) != NULL,
     "GIT commit hashes are not versions and are accepted");
  o = mk("W-1", ",\"withdrawn\":\"2024-02-02T00:00:00Z\"", "{" PKG ",\"versions\":[\"1.0.0\"]}",
         &err);
  if (ok(o != NULL, "a withdrawn advisory loads"))
    is_str(o->withdrawn, "2024-02-02T00:00:00Z", "withdrawn is reported");
  o = mk("W-2", "", "{" PKG ",\"versions\":[\"1.0.0\"]}", &err);
  if (ok(o != NULL, "an advisory that is not withdrawn loads"))
    is_str(o->withdrawn, NULL, "not withdrawn: NULL");
}

/* The length of a NULL-terminated list. */
static long long list_len(const char *const *l) {
  long long n = 0;
  while (l[n] != NULL)
    n++;
  return n;
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
  if (f)
    fclose(f);
  pv_status rc = pv_osv_parse_text(A, buf, n, file, &o, &err);
  if (rc == PV_WARN) {
    n_warn++;
    printf("# %s\n", err.msg);
  } else if (rc != PV_OK)
    is_int(rc, PV_OK, "%s", err.msg);
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
    if (l < 6 || strcmp(e->d_name + l - 5, ".json"))
      continue;
    n++;
    good += load_sample(dir, e->d_name) != NULL;
  }
  if (d)
    closedir(d);
  ok(n >= 79, "at least 79 OSV samples (%d)", n);
  is_int(good, n, "all %d OSV samples parse", n);
  is_int(n_warn, 1, "one sample has an unreadable range (GHSA-h755 fixed \"7.2.4, 6.11.4\")");
  const pv_osv *h = load_sample(dir, "GHSA-h755-8qp9-cq85.json");
  if (ok(h != NULL, "GHSA-h755 still loads")) {
    is_int(pv_osv_affects(h, "npm", "protobufjs", "7.0.0"), 1,
           "GHSA-h755: its range is read open-ended above 6.10.0, never dropped (7.0.0)");
    is_int(pv_osv_affects(h, "npm", "protobufjs", "6.9.0"), 0,
           "GHSA-h755: twin: 6.9.0 is below it");
  }
  const pv_osv *jwt = load_sample(dir, "GHSA-27h2-hvpr-p74q.json");
  if (ok(jwt != NULL, "GHSA-27h2-hvpr-p74q loads")) {
    is_str(jwt->id, "GHSA-27h2-hvpr-p74q", "GHSA-27h2-hvpr-p74q: its id");
    ok(jwt->withdrawn != NULL, "GHSA-27h2-hvpr-p74q is withdrawn");
    is_int(pv_osv_affects(jwt, "npm", "jsonwebtoken", "8.5.1"), 1,
           "jsonwebtoken 8.5.1 in GHSA-27h2");
    is_int(pv_osv_affects(jwt, "npm", "jsonwebtoken", "9.0.0"), 0,
           "jsonwebtoken 9.0.0 not in GHSA-27h2");
  }
  const pv_osv *lo = load_sample(dir, "GHSA-29mw-wpgm-hmr9.json");
  if (ok(lo != NULL, "GHSA-29mw-wpgm-hmr9 loads")) {
    is_str(lo->aliases[0], "CVE-2020-28500", "GHSA-29mw alias CVE-2020-28500");
    is_int(pv_osv_affects(lo, "npm", "lodash", "4.17.20"), 1, "lodash 4.17.20 affected");
    is_int(pv_osv_affects(lo, "npm", "lodash", "4.17.21"), 0, "lodash 4.17.21 fixed");
    is_int(pv_osv_affects(lo, "npm", "lodash.trim", "4.5.1"), 1,
           "lodash.trim 4.5.1 (last_affected) affected");
    is_int(pv_osv_affects(lo, "npm", "lodash.trim", "4.5.2"), 0, "lodash.trim 4.5.2 not affected");
    is_str(pv_osv_fixed_above(lo, "npm", "lodash", "4.17.4"), "4.17.21", "lodash fixed in 4.17.21");
    is_str(lo->cwe_ids[0], "CWE-1333", "cwe_ids read");
  }
  const pv_osv *tc = load_sample(dir, "MAL-2025-47141.json");
  if (ok(tc != NULL, "MAL-2025-47141 loads")) {
    is_int(pv_osv_affects(tc, "npm", "@ctrl/tinycolor", "4.1.2"), 1,
           "@ctrl/tinycolor 4.1.2 malicious");
    is_int(pv_osv_affects(tc, "npm", "@ctrl/tinycolor", "1.0.0"), 1,
           "@ctrl/tinycolor introduced 0 range");
  }
  const pv_osv *v4 = load_sample(dir, "GHSA-qwcr-r2fm-qrc7.json");
  pv_advisory *adv = v4 ? pv_osv_advisory(A, &v4, 1) : NULL;
  if (ok(adv != NULL, "GHSA-qwcr: an advisory")) {
    is_double(adv->cvss_score, 7.5, 0, "GHSA-qwcr: v3 7.5 (v4 not computed)");
    is_int(adv->severity, PV_SEV_HIGH, "GHSA-qwcr: high");
  }
  const pv_osv *mal = load_sample(dir, "MAL-2022-2.json");
  adv = mal ? pv_osv_advisory(A, &mal, 1) : NULL;
  if (ok(adv != NULL, "MAL-2022-2: an advisory")) {
    is_str(adv->id, "MAL-2022-2", "MAL-2022-2: preferred over its GHSA alias");
    ok(adv->malicious, "MAL-2022-2: malicious");
    is_int(adv->severity, PV_SEV_CRITICAL, "MAL-2022-2: critical");
    is_str(adv->aliases[0], "GHSA-qqfx-rpxc-ghp4", "MAL-2022-2: the GHSA id is its alias");
    is_int(list_len(adv->aliases), 1, "MAL-2022-2: its only alias");
    is_str(adv->source_url, "https://osv.dev/vulnerability/MAL-2022-2", "source_url");
  }
}

static void test_cvss(void) {
  static const struct {
    const char *v;
    double s;
  } t[] = {
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3},
      {"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2},
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L", 5.0},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0},
      {"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8},
      {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
      {"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6},
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L", 7.6},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O", 9.8},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    double s = pv_cvss3_base_score(t[i].v);
    is_double(s, t[i].s, 1e-9, "cvss %s = %.1f", t[i].v, t[i].s);
  }
  const char *bad[] = {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
                       "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                       "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
                       "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                       "",
                       NULL,
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:HH",
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    is_double(pv_cvss3_base_score(bad[i]), -1, 0, "invalid cvss vector %zu refused", i);
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
  g[0] = mk("GHSA-aaaa",
            ",\"aliases\":[\"CVE-2020-1\"],\"database_specific\":{\"severity\":\"LOW\",\"cwe_ids\":"
            "[\"CWE-79\"]}",
            aff, &err);
  g[1] = mk("CVE-2020-1",
            ",\"aliases\":[\"GHSA-bbbb\"],\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/"
            "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]",
            aff, &err);
  g[2] = mk("GHSA-bbbb", ",\"database_specific\":{\"cwe_ids\":[\"CWE-79\",\"CWE-20\"]}", aff, &err);
  g[3] = mk("GHSA-cccc", ",\"database_specific\":{\"severity\":\"MODERATE\"}", aff, &err);
  g[4] = mk("MAL-2024-1", ",\"aliases\":[\"GHSA-dddd\"]", aff, &err);
  is_int((long long)pv_osv_group(g, 5, grp), 3, "five advisories, three groups");
  is_int(grp[0], 0, "transitive alias chain grouped: GHSA-aaaa");
  is_int(grp[1], 0, "transitive alias chain grouped: CVE-2020-1");
  is_int(grp[2], 0, "transitive alias chain grouped: GHSA-bbbb");
  is_int(grp[3], 1, "unrelated advisories stay apart: GHSA-cccc");
  is_int(grp[4], 2, "unrelated advisories stay apart: MAL-2024-1");
  pv_advisory *a = pv_osv_advisory(A, g, 3);
  if (ok(a != NULL, "the group of three is an advisory")) {
    is_str(a->id, "CVE-2020-1", "CVE preferred");
    is_int(list_len(a->aliases), 2, "two aliases for three ids");
    is_double(a->cvss_score, 9.8, 0, "cvss from the CVE entry: score");
    is_int(a->severity, PV_SEV_CRITICAL, "cvss from the CVE entry: severity");
    is_str(a->cvss_method, "CVSSv31", "cvss from the CVE entry: method");
    is_int(list_len(a->cwes), 2, "cwes merged without duplicates");
  }
  a = pv_osv_advisory(A, &g[3], 1);
  if (ok(a != NULL, "GHSA-cccc alone is an advisory")) {
    is_str(a->id, "GHSA-cccc", "no CVSS: the id");
    is_int(a->severity, PV_SEV_MEDIUM, "no CVSS: GitHub label decides");
    is_double(a->cvss_score, -1, 0, "no CVSS: no score");
    is_str(a->cvss_vector, NULL, "no CVSS: no vector");
  }
  a = pv_osv_advisory(A, &g[4], 1);
  if (ok(a != NULL, "MAL-2024-1 alone is an advisory")) {
    is_str(a->id, "MAL-2024-1", "MAL group: the id");
    ok(a->malicious, "MAL group: malicious");
    is_int(a->severity, PV_SEV_CRITICAL, "MAL group critical");
  }
  const pv_osv *one = mk("GHSA-eeee", ",\"aliases\":[\"MAL-2024-9\"]", aff, &err);
  a = pv_osv_advisory(A, &one, 1);
  if (ok(a != NULL, "GHSA-eeee alone is an advisory")) {
    is_str(a->id, "MAL-2024-9", "MAL alias beats the GHSA id");
    ok(a->malicious, "MAL alias marks malicious");
  }
  const pv_osv *v4 =
      mk("GHSA-ffff",
         ",\"severity\":[{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/"
         "VI:H/VA:H/SC:N/SI:N/SA:N\"}],\"database_specific\":{\"severity\":\"HIGH\"}",
         aff, &err);
  a = pv_osv_advisory(A, &v4, 1);
  if (ok(a != NULL, "GHSA-ffff alone is an advisory")) {
    is_double(a->cvss_score, -1, 0, "CVSS v4: no score computed");
    is_str(a->cvss_method, "CVSSv4", "CVSS v4: the method");
    is_int(a->severity, PV_SEV_HIGH, "CVSS v4: label severity");
  }
}

/* One alias shape: ids[i] with the aliases alias[i] (a comma-separated
 * list, "" for none); want[i] is i's group, numbered by first member. */
typedef struct {
  const char *name;
  size_t n;
  const char *ids[5];
  const char *aliases[5];
  size_t want[5];
  size_t groups;
} shape;

static const shape shapes[] = {
    {"a GHSA and a MAL- naming each other, then another MAL-",
     3,
     {"GHSA-pppp", "MAL-2099-1", "MAL-2099-2"},
     {"\"MAL-2099-1\"", "\"GHSA-pppp\"", ""},
     {0, 0, 1},
     2},
    {"the unrelated one first, then the pair",
     3,
     {"MAL-2099-2", "GHSA-pppp", "MAL-2099-1"},
     {"", "\"MAL-2099-1\"", "\"GHSA-pppp\""},
     {0, 1, 1},
     2},
    {"a chain A->B->C, then D",
     4,
     {"GHSA-a", "GHSA-b", "GHSA-c", "GHSA-d"},
     {"\"GHSA-b\"", "\"GHSA-c\"", "", ""},
     {0, 0, 0, 1},
     2},
    {"a chain met from its end: D, C, B->C, A->B",
     4,
     {"GHSA-d", "GHSA-c", "GHSA-b", "GHSA-a"},
     {"", "", "\"GHSA-c\"", "\"GHSA-b\""},
     {0, 1, 1, 1},
     2},
    {"a cycle A->B->C->A",
     3,
     {"GHSA-a", "GHSA-b", "GHSA-c"},
     {"\"GHSA-b\"", "\"GHSA-c\"", "\"GHSA-a\""},
     {0, 0, 0},
     1},
    {"self-aliases",
     3,
     {"GHSA-a", "GHSA-b", "GHSA-c"},
     {"\"GHSA-a\"", "\"GHSA-b\",\"GHSA-b\"", ""},
     {0, 1, 2},
     3},
    {"aliases to records not in the store",
     5,
     {"GHSA-a", "GHSA-x", "GHSA-b", "GHSA-y", "GHSA-z"},
     {"\"CVE-2099-1\"", "\"CVE-2099-9\"", "\"CVE-2099-1\"", "\"CVE-2099-8\"", "\"CVE-2099-9\""},
     {0, 1, 0, 2, 1},
     3},
};

/* Every advisory in exactly one group, every group 0..groups-1 used. */
static void check_total(const char *name, const size_t *grp, size_t n, size_t groups) {
  size_t members[5] = {0};
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    if (grp[i] >= groups) {
      bad = 1;
      continue;
    }
    members[grp[i]]++;
  }
  for (size_t g = 0; g < groups; g++) {
    if (members[g] == 0) {
      bad = 1;
    }
  }
  ok(!bad, "%s: every advisory in one of %zu groups, none empty", name, groups);
}

static void test_group_shapes(void) {
  const char *aff = "{" PKG ",\"versions\":[\"1.0.0\"]}";
  for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
    const shape *sh = &shapes[s];
    const pv_osv *g[5];
    size_t grp[5];
    for (size_t i = 0; i < sh->n; i++) {
      char extra[256];
      pv_error err;
      snprintf(extra, sizeof extra, ",\"aliases\":[%s]", sh->aliases[i]);
      g[i] = mk(sh->ids[i], extra, aff, &err);
    }
    size_t groups = pv_osv_group(g, sh->n, grp);
    is_int((long long)groups, (long long)sh->groups, "%s: the number of groups", sh->name);
    check_total(sh->name, grp, sh->n, groups);
    for (size_t i = 0; i < sh->n; i++) {
      is_int((long long)grp[i], (long long)sh->want[i], "%s: %s's group", sh->name, sh->ids[i]);
    }
  }
}

/* pv_osv_lowest_fix: the smallest fixed event that leaves every advisory. */
static void test_lowest_fix(void) {
  pv_error err;
  char buf[300];
  const pv_osv *v[3];
  v[0] =
      mk("F-1", "",
         "{" PKG ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"1.2.0\"}") "]}",
         &err);
  v[1] = mk("F-2", "",
            "{" PKG ",\"ranges\":[" R("SEMVER",
                                      "{\"introduced\":\"0\"},{\"fixed\":\"1.1.0\"},{"
                                      "\"introduced\":\"1.2.0\"},{\"fixed\":\"1.3.1\"}") "]}",
            &err);
  v[2] = mk("F-3", "",
            "{" PKG
            ",\"ranges\":[" R("SEMVER", "{\"introduced\":\"0\"},{\"fixed\":\"2.0.0-rc.1\"}") "]}",
            &err);
  if (!ok(v[0] && v[1] && v[2], "three advisories parse"))
    return;
  is_str(pv_osv_lowest_fix(v, 1, "npm", "p", "1.0.0", buf, sizeof buf), "1.2.0",
         "one advisory: its fix");
  is_str(pv_osv_lowest_fix(v, 2, "npm", "p", "1.0.0", buf, sizeof buf), "1.3.1",
         "1.1.0 is still in F-1 and 1.2.0 back in F-2: 1.3.1 leaves both");
  is_str(pv_osv_lowest_fix(v + 1, 1, "npm", "p", "1.0.0", buf, sizeof buf), "1.1.0",
         "twin: F-2 alone: 1.1.0");
  is_str(pv_osv_lowest_fix(v, 3, "npm", "p", "1.0.0", buf, sizeof buf), NULL,
         "F-3 is fixed only in a prerelease: none for a release");
  is_str(pv_osv_lowest_fix(v, 3, "npm", "p", "1.0.0-beta", buf, sizeof buf), "2.0.0-rc.1",
         "twin: from a prerelease, the prerelease fix leaves all three");
  is_str(pv_osv_lowest_fix(v, 2, "npm", "q", "1.0.0", buf, sizeof buf), NULL,
         "another package: none");
  is_str(pv_osv_lowest_fix(v, 2, "npm", "p", "x", buf, sizeof buf), NULL, "not SemVer: none");
}

int main(void) {
  A = pv_arena_new(0);
  test_lowest_fix();
  test_eval();
  test_edges();
  test_invalid();
  test_samples();
  test_cvss();
  test_group();
  test_group_shapes();
  pv_arena_delete(A);
  return tap_done();
}
