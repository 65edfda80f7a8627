/* test_osvpack.c — the packed form of OSV entries: every sample in
 * tests/data/osv packed and unpacked evaluates, fixes and groups as its
 * JSON parse does; the per-package filter keeps what a lookup can match;
 * truncated, mutated and oversized forms fail cleanly. Run from the
 * repository root. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../vulndb/osvpack.h"
#include "tap.h"

static pv_arena *A;
static char json_buf[1 << 20];

/* Parse one sample; *warn gets the PV_WARN message ("" when none). */
static pv_osv *parse_file(const char *dir, const char *file, pv_status *rc, char *warn) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  FILE *f = fopen(path, "rb");
  size_t n = f ? fread(json_buf, 1, sizeof json_buf, f) : 0;
  pv_osv *o = NULL;
  pv_error err = {0};
  if (f)
    fclose(f);
  *rc = pv_osv_parse_text(A, json_buf, n, file, &o, &err);
  snprintf(warn, sizeof err.msg, "%s", *rc == PV_WARN ? err.msg : "");
  return o;
}

static pv_osv *round_trip(const pv_osv *o, const char *warn, const char *key, pv_status *rc,
                          pv_error *err) {
  pv_buf b;
  pv_osv *u = NULL;
  pv_buf_init(&b, 1 << 22);
  pv_osv_pack(o, warn[0] ? warn : NULL, key, &b);
  *rc = pv_buf_status(&b) == PV_OK ? pv_osv_unpack(A, b.data, b.len, o->id, &u, err) : PV_FATAL;
  pv_buf_free(&b);
  return u;
}

static int same_str(const char *a, const char *b) {
  return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Versions around every event of o, and a few fixed ones. */
static size_t probes(const pv_osv *o, char (*v)[80], size_t max) {
  static const char *const fixed[] = {"0.0.0", "0.0.1", "1.0.0", "4.17.20", "99.0.0", "1.0.0-rc.1"};
  size_t n = 0;
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    snprintf(v[n++], 80, "%s", fixed[i]);
  for (size_t i = 0; i < o->n_affected; i++)
    for (size_t r = 0; r < o->affected[i].n_ranges; r++)
      for (size_t k = 0; k < o->affected[i].ranges[r].n_events && n + 3 <= max; k++) {
        const pv_semver *s = o->affected[i].ranges[r].events[k].v;
        if (s == NULL)
          continue;
        unsigned long long M = s->major, m = s->minor, p = s->patch;
        snprintf(v[n++], 80, "%llu.%llu.%llu", M, m, p);
        snprintf(v[n++], 80, "%llu.%llu.%llu", M, m, p + 1);
        snprintf(v[n++], 80, "%llu.%llu.%llu-0", M, m, p);
      }
  return n;
}

/* Whether a component named name is looked up under key (a boolean). */
static int under_key(const char *name, const char *key) {
  size_t nn, kn;
  const char *np = pv_osv_trim(name, &nn), *kp = pv_osv_trim(key, &kn);
  return nn == kn && strncasecmp(np, kp, nn) == 0;
}

/* Disagreements between o and u on every npm package of o (looked up under
 * key, when not NULL). */
static int disagreements(const pv_osv *o, const pv_osv *u, const char *key, int *checks) {
  static char v[512][80];
  size_t nv = probes(o, v, 512);
  int bad = 0;
  for (size_t i = 0; i < o->n_affected; i++) {
    const char *name = o->affected[i].name;
    if (name == NULL || (key != NULL && !under_key(name, key)))
      continue;
    for (size_t k = 0; k < nv; k++) {
      bad += pv_osv_affects(o, "npm", name, v[k]) != pv_osv_affects(u, "npm", name, v[k]);
      bad += !same_str(pv_osv_fixed_above(o, "npm", name, v[k]),
                       pv_osv_fixed_above(u, "npm", name, v[k]));
      *checks += 2;
    }
  }
  return bad;
}

/* The advisory built from the unpacked form is the parsed one's. */
static int advisory_differs(const pv_osv *o, const pv_osv *u) {
  const pv_advisory *a = pv_osv_advisory(A, &o, 1), *b = pv_osv_advisory(A, &u, 1);
  if (a == NULL || b == NULL)
    return 1;
  int d = !same_str(a->id, b->id) || !same_str(a->summary, b->summary) ||
          !same_str(a->details, b->details) || !same_str(a->cvss_vector, b->cvss_vector) ||
          a->severity != b->severity || a->malicious != b->malicious;
  for (size_t i = 0; !d && (a->aliases[i] || b->aliases[i]); i++)
    d = !same_str(a->aliases[i], b->aliases[i]);
  for (size_t i = 0; !d && (a->cwes[i] || b->cwes[i]); i++)
    d = !same_str(a->cwes[i], b->cwes[i]);
  return d;
}

static void test_samples(void) {
  const char *dir = "tests/data/osv";
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0, bad = 0, checks = 0, status = 0, adv = 0, warned = 0;
  char warn[sizeof((pv_error *)0)->msg];
  while (d && (e = readdir(d))) {
    size_t l = strlen(e->d_name);
    pv_status rc, rc2, rc3;
    pv_error err = {0}, err3 = {0};
    if (l < 6 || strcmp(e->d_name + l - 5, ".json"))
      continue;
    const pv_osv *o = parse_file(dir, e->d_name, &rc, warn);
    if (o == NULL)
      continue;
    n++;
    const pv_osv *u = round_trip(o, warn, NULL, &rc2, &err);
    const char *key = o->n_affected ? o->affected[0].name : NULL;
    const pv_osv *k = key ? round_trip(o, warn, key, &rc3, &err3) : u;
    status += rc2 != rc || (rc == PV_WARN && strcmp(err.msg, warn) != 0) || (key && rc3 != rc);
    warned += rc2 == PV_WARN;
    if (u == NULL || k == NULL) {
      bad++;
      continue;
    }
    bad += disagreements(o, u, NULL, &checks);
    bad += key ? disagreements(o, k, key, &checks) : 0;
    adv += advisory_differs(o, u);
  }
  if (d)
    closedir(d);
  ok(n >= 79, "at least 79 samples packed (%d)", n);
  ok(checks > 5000, "affects and fixed_above compared %d times", checks);
  is_int(bad, 0, "packed and parsed forms agree on every version and fix of every package");
  is_int(status, 0, "unpacking gives the parse's status and warning");
  is_int(warned, 1, "the one sample with an unreadable range unpacks as PV_WARN");
  is_int(adv, 0, "the advisory (id, summary, details, CVSS, severity, aliases, CWEs) is the same");
}

static const char *REC =
    "{\"id\":\"GHSA-keys-0000-0001\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":["
    "{\"package\":{\"ecosystem\":\"npm\",\"name\":\"Left-Pad\"},\"versions\":[\"1.0.0\"]},"
    "{\"package\":{\"ecosystem\":\"npm\",\"name\":\" left-pad \"},\"ranges\":[{\"type\":"
    "\"SEMVER\",\"events\":[{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.1.0\"}]},{\"type\":"
    "\"GIT\",\"repo\":\"r\",\"events\":[{\"introduced\":\"0\"}]}]},"
    "{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"left-pad\"},\"versions\":[\"3.0.0\"]},"
    "{\"package\":{\"ecosystem\":\"npm\",\"name\":\"other\"},\"versions\":[\"4.0.0\"]}]}";

static size_t ranges_of(const pv_osv *u) {
  size_t n = 0;
  for (size_t i = 0; i < u->n_affected; i++)
    n += u->affected[i].n_ranges;
  return n;
}

static void test_key_filter(void) {
  pv_osv *o = NULL;
  pv_error err;
  pv_status rc;
  is_int(pv_osv_parse_text(A, REC, strlen(REC), "rec", &o, &err), PV_OK, "a record of 4 entries");
  const pv_osv *u = round_trip(o, "", "left-pad", &rc, &err);
  if (!ok(u != NULL, "packed for left-pad"))
    return;
  is_int(u->n_affected, 2, "left-pad keeps its two npm entries (any case, blanks around)");
  is_int(ranges_of(u), 1, "... and only the evaluated range (not GIT)");
  is_int(pv_osv_affects(u, "npm", "Left-Pad", "1.0.0"), 1, "Left-Pad@1.0.0 still matches");
  is_int(pv_osv_affects(u, "npm", "left-pad", "2.0.5"), 1, "left-pad@2.0.5 still matches");
  is_int(pv_osv_affects(u, "npm", "other", "4.0.0"), 0, "twin: other's entry is not kept");
  const pv_osv *w = round_trip(o, "", "other", &rc, &err);
  is_int(w ? (long long)w->n_affected : -1, 1, "packed for other: its one entry");
  const pv_osv *all = round_trip(o, "", NULL, &rc, &err);
  is_int(all ? (long long)all->n_affected : -1, 3, "no key: every npm entry, not PyPI's");
}

static void test_refused(void) {
  pv_buf b;
  pv_osv *u = (pv_osv *)1;
  pv_error err = {0};
  pv_buf_init(&b, 4096);
  pv_osv_pack(NULL, "OSV X-1: invalid JSON at line 1: duplicate", NULL, &b);
  is_int(pv_osv_unpack(A, b.data, b.len, "X-1", &u, &err), PV_FAILED,
         "a record refused at match time unpacks as PV_FAILED");
  is_str(err.msg, "OSV X-1: invalid JSON at line 1: duplicate", "... with the stored message");
  ok(u == NULL, "... and no record");
  pv_buf_free(&b);
}

/* Every prefix, one extra byte and every single-byte change of a packed
 * form: a clean status, never a crash (run under ASan by make asan). */
static void test_damaged(void) {
  pv_osv *o = NULL, *u;
  pv_error err;
  pv_buf b;
  pv_buf_init(&b, 1 << 16);
  pv_osv_parse_text(A, REC, strlen(REC), "rec", &o, &err);
  pv_osv_pack(o, "a warning", NULL, &b);
  unsigned char *p = malloc(b.len + 1);
  int failed = 0, bad_status = 0;
  for (size_t n = 0; n < b.len; n++)
    failed += pv_osv_unpack(A, b.data, n, "rec", &u, &err) == PV_FAILED;
  is_int(failed, (long long)b.len, "every truncation of a packed form fails (%zu)", b.len);
  memcpy(p, b.data, b.len);
  p[b.len] = 0;
  is_int(pv_osv_unpack(A, p, b.len + 1, "rec", &u, &err), PV_FAILED, "a trailing byte fails");
  has_str(err.msg, "run `plugvet db update`", "... saying what to do");
  for (size_t i = 0; i < b.len; i++)
    for (int bit = 0; bit < 8; bit++) {
      memcpy(p, b.data, b.len);
      p[i] ^= (unsigned char)(1u << bit);
      pv_status rc = pv_osv_unpack(A, p, b.len, "rec", &u, &err);
      bad_status += rc != PV_OK && rc != PV_WARN && rc != PV_FAILED;
    }
  is_int(bad_status, 0, "every one-bit change gives OK, WARN or FAILED");
  p[0] = 'Q';
  is_int(pv_osv_unpack(A, p, b.len, "rec", &u, &err), PV_FAILED, "another magic fails");
  has_str(err.msg, "rec: stored form is damaged or of another plugvet", "... naming the record");
  const unsigned char huge[] = {'P', 1, 1, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0x7f};
  is_int(pv_osv_unpack(A, huge, sizeof huge, "rec", &u, &err), PV_FAILED,
         "a count over PV_OSV_MAX_ITEMS fails (nothing allocated for it)");
  free(p);
  pv_buf_free(&b);
}

int main(void) {
  A = pv_arena_new(0);
  test_samples();
  test_key_filter();
  test_refused();
  test_damaged();
  pv_arena_delete(A);
  return tap_done();
}
