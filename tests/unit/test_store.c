/* test_store.c — OSV store: open, import, lookup, counts, rollback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../vulndb/store.h"
#include "tap.h"

static const char *V1 =
    "{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":\"2024-01-01T00:00:00Z\","
    "\"aliases\":[\"CVE-2024-0001\"],\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
    "\"name\":\"Left-Pad\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}"
    "]}";
static const char *M1 =
    "{\"id\":\"MAL-2024-1\",\"modified\":\"2024-01-02T00:00:00Z\","
    "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"left-pad\"}}]}";
static const char *W1 =
    "{\"id\":\"GHSA-wwww-wwww-wwww\",\"modified\":\"2024-01-03T00:00:00Z\","
    "\"withdrawn\":\"2024-02-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
    "\"name\":\"left-pad\"}}]}";

static const char *G1 =
    "{\"id\":\"GHSA-gggg-gggg-gggg\",\"modified\":\"2024-01-04T00:00:00Z\",\"affected\":["
    "{\"ranges\":[{\"type\":\"GIT\",\"repo\":\"https://example.com/r.git\",\"events\":"
    "[{\"introduced\":\"0\"},{\"fixed\":\"abc123\"}]}]},"
    "{\"package\":{\"ecosystem\":\"npm\",\"name\":\"git-pad\"},\"versions\":[\"1.0.0\"]}]}";

static int collect(void *ctx, const pv_store_rec *rec) {
  char *acc = ctx;
  size_t l = strlen(acc);
  snprintf(acc + l, 256 - l, "%s;", rec->id);
  return 0;
}

int main(void) {
  char path[] = "/tmp/pv-test-store-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  unlink(path);
  pv_error err;
  pv_store *db = NULL;
  pv_store *ro = NULL;
  is_int(pv_store_open(path, 0, &ro, &err), PV_FAILED, "read-only open of a missing file fails");
  ok(ro == NULL, "... and gives no handle");
  is_int(pv_store_open(path, 1, &db, &err), PV_OK, "writable open creates the database");
  pv_store_counts c;
  pv_store_counts_get(db, &c, &err);
  is_int(c.vulnerabilities, 0, "fresh store is empty: no vulnerabilities");
  is_int(c.malicious, 0, "fresh store is empty: no malicious packages");
  is_int(c.schema_version, 2, "fresh store: schema 2");
  is_int(pv_store_begin(db, &err), PV_OK, "begin import");
  is_int(pv_store_put(db, V1, strlen(V1), "v1.json", &err), PV_OK, "valid entry imported");
  is_int(pv_store_put(db, M1, strlen(M1), "m1.json", &err), PV_OK, "MAL entry imported");
  is_int(pv_store_put(db, W1, strlen(W1), "w1.json", &err), PV_OK, "withdrawn entry imported");
  is_int(pv_store_put(db, "{\"id\":\"X\"}", 10, "bad.json", &err), PV_FAILED,
         "entry without modified refused");
  has_str(err.msg, "bad.json", "refusal names the entry");
  has_str(err.msg, "modified", "refusal names the field");
  is_int(pv_store_put(db, "{nope", 5, "junk.json", &err), PV_FAILED, "invalid JSON refused");
  is_int((long long)pv_store_skipped(db)->no_package, 0,
         "twin: every affected entry so far names a package: none skipped");
  is_int(pv_store_put(db, G1, strlen(G1), "g1.json", &err), PV_OK,
         "an affected entry without a package (GIT-only) does not stop the import");
  is_int((long long)pv_store_skipped(db)->no_package, 1, "... it is skipped and counted");
  const char *bad_aff =
      "{\"id\":\"GHSA-bad\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[1]}";
  is_int(pv_store_put(db, bad_aff, strlen(bad_aff), "bad-aff.json", &err), PV_FAILED,
         "an affected entry that is not an object is refused");
  has_str(err.msg, "affected[0]", "... naming it");
  is_int((long long)pv_store_skipped(db)->no_package, 1, "... and not counted as a skip");
  const char *empty_ev =
      "{\"id\":\"GHSA-empt\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
      "{\"ecosystem\":\"npm\",\"name\":\"e-pad\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[]}]}"
      "]}";
  is_int(pv_store_put(db, empty_ev, strlen(empty_ev), "empty-ev.json", &err), PV_FAILED,
         "an empty events array is refused at import");
  has_str(err.msg, "events missing or empty", "... saying why");
  const char *malf =
      "{\"id\":\"GHSA-malf\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
      "{\"ecosystem\":\"npm\",\"name\":\"m-pad\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":"
      "[{\"introduced\":\"0\"},{\"fixed\":\"1.0.1, 0.9.9\"}]}]}]}";
  is_int((long long)pv_store_skipped(db)->malformed, 0, "twin: no malformed range so far");
  is_int(pv_store_put(db, malf, strlen(malf), "malf.json", &err), PV_OK,
         "a range with an unreadable version is stored");
  is_int((long long)pv_store_skipped(db)->malformed, 1, "... and counted");
  is_str(pv_store_skipped(db)->malformed_ids, "GHSA-malf", "... and named");
  is_int(pv_store_commit(db, &err), PV_OK, "commit import");
  pv_store_counts_get(db, &c, &err);
  is_int(c.vulnerabilities, 3, "counts: 3 vulns");
  is_int(c.malicious, 1, "counts: 1 malicious");
  is_int(c.withdrawn, 1, "counts: 1 withdrawn");
  char acc[256] = "";
  pv_store_each_for_package(db, "npm", "LEFT-PAD", collect, acc, &err);
  is_str(acc, "GHSA-aaaa-bbbb-cccc;MAL-2024-1;", "lookup normalises case and skips withdrawn");
  acc[0] = 0;
  pv_store_each_for_package(db, "npm", "git-pad", collect, acc, &err);
  is_str(acc, "GHSA-gggg-gggg-gggg;",
         "the package of the record's other affected entry is indexed");
  acc[0] = 0;
  pv_store_each_for_package(db, "npm", "right-pad", collect, acc, &err);
  is_str(acc, "", "no advisories for an unknown package");
  pv_store_begin(db, &err);
  const char *M2 = "{\"id\":\"MAL-2024-2\",\"modified\":\"2024-01-05T00:00:00Z\"}";
  pv_store_put(db, M2, strlen(M2), "m2.json", &err);
  pv_store_rollback(db);
  pv_store_counts_get(db, &c, &err);
  is_int((long long)c.malicious, 1, "a rolled-back import leaves the previous counts");
  pv_store_begin(db, &err);
  pv_store_put(db, V1, strlen(V1), "v1-again.json", &err);
  pv_store_commit(db, &err);
  acc[0] = 0;
  pv_store_each_for_package(db, "npm", "left-pad", collect, acc, &err);
  is_str(acc, "GHSA-aaaa-bbbb-cccc;MAL-2024-1;", "a replaced advisory is still found once");
  is_int(pv_store_open(path, 0, &ro, &err), PV_OK, "second process opens read-only");
  acc[0] = 0;
  pv_store_each_for_package(ro, "npm", "left-pad", collect, acc, &err);
  is_str(acc, "GHSA-aaaa-bbbb-cccc;MAL-2024-1;", "read-only handle sees the committed data");
  char mod[64] = "";
  int found = -1;
  is_int(pv_store_modified(ro, "GHSA-aaaa-bbbb-cccc", mod, sizeof mod, &found, &err), PV_OK,
         "modified of a stored advisory: PV_OK");
  is_int(found, 1, "... found");
  is_str(mod, "2024-01-01T00:00:00Z", "... its modified");
  is_int(pv_store_modified(ro, "GHSA-none-none-none", mod, sizeof mod, &found, &err), PV_OK,
         "twin: modified of an advisory not stored: PV_OK");
  is_int(found, 0, "... not found");
  pv_store_close(ro);
  /* An older copy of a stored record is kept out: it cannot un-withdraw. */
  const char *w1_old =
      "{\"id\":\"GHSA-wwww-wwww-wwww\",\"modified\":\"2023-12-31T00:00:00Z\","
      "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"left-pad\"}}]}";
  const char *w1_new =
      "{\"id\":\"GHSA-wwww-wwww-wwww\",\"modified\":\"2024-03-01T00:00:00.5Z\","
      "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"left-pad\"}}]}";
  pv_store_begin(db, &err);
  is_int(pv_store_put(db, w1_old, strlen(w1_old), "w1-old.json", &err), PV_WARN,
         "an older copy of a stored record: PV_WARN");
  has_str(err.msg, "w1-old.json", "... naming the entry");
  is_int((long long)pv_store_skipped(db)->older, 1, "... counted as older, kept out");
  pv_store_commit(db, &err);
  acc[0] = 0;
  pv_store_each_for_package(db, "npm", "left-pad", collect, acc, &err);
  is_str(acc, "GHSA-aaaa-bbbb-cccc;MAL-2024-1;", "... so the withdrawn record stays withdrawn");
  pv_store_counts_get(db, &c, &err);
  is_int((long long)c.withdrawn, 1, "... and counted withdrawn");
  pv_store_begin(db, &err);
  is_int(pv_store_put(db, w1_new, strlen(w1_new), "w1-new.json", &err), PV_OK,
         "twin: a newer copy replaces the stored one");
  is_int((long long)pv_store_skipped(db)->older, 0, "twin: ... nothing kept out");
  pv_store_commit(db, &err);
  acc[0] = 0;
  pv_store_each_for_package(db, "npm", "left-pad", collect, acc, &err);
  is_str(acc, "GHSA-aaaa-bbbb-cccc;GHSA-wwww-wwww-wwww;MAL-2024-1;",
         "twin: ... and its newer state (no longer withdrawn) counts");
  pv_store_close(db);
  FILE *f = fopen(path, "w");
  fputs("not sqlite at all, just some text that is long enough to be a header.....", f);
  fclose(f);
  is_int(pv_store_open(path, 1, &db, &err), PV_FAILED, "a non-database file is refused");
  has_str(err.msg, path, "... and named");
  unlink(path);
  char b[64];
  is_str(pv_store_default_path("/x/c", "/h", b, sizeof b), "/x/c/plugvet/osv.sqlite",
         "default path under XDG_CACHE_HOME");
  is_str(pv_store_default_path(NULL, "/h", b, sizeof b), "/h/.cache/plugvet/osv.sqlite",
         "default path under HOME without XDG_CACHE_HOME");
  is_str(pv_store_default_path("rel", "/h", b, sizeof b), "/h/.cache/plugvet/osv.sqlite",
         "a relative XDG_CACHE_HOME is not used");
  ok(pv_store_default_path("", "h", b, sizeof b) == NULL,
     "no default path without an absolute one");
  ok(pv_store_default_path("/x/c", NULL, b, 5) == NULL, "default path refuses a short buffer");
  return tap_done();
}
