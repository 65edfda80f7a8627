/* cmd_db.c — `plugvet db update|status`: the local OSV store. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "../vulndb/feed.h"
#include "../vulndb/store.h"

#define DEFAULT_FEED "https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip"
#define MAX_FEEDS 16

#include "common.h"

int pv_cmd_db(int argc, char **argv);

static void usage(FILE *f) {
  fputs("usage: plugvet db update [--db FILE] [--feed URL|PATH]...\n"
        "       plugvet db status [--db FILE] [--json]\n"
        "  --db FILE     OSV database (default $XDG_CACHE_HOME/plugvet/osv.sqlite)\n"
        "  --feed SRC    feed: directory of OSV .json files, .zip file or file:// URL\n"
        "  --json        status as JSON\n",
        f);
}

/* mkdir -p for the directory holding path (one level is enough for the cache). */
static void make_parent(const char *path) {
  char d[4096];
  snprintf(d, sizeof d, "%s", path);
  char *dir = dirname(d);
  char parent[4096];
  snprintf(parent, sizeof parent, "%s", dir);
  mkdir(dirname(parent), 0700);
  if (mkdir(dir, 0700) != 0 && errno != EEXIST) return;
}

static int do_update(const char *dbpath, const char **feeds, int nfeeds) {
  pv_error err;
  pv_store *db;
  make_parent(dbpath);
  if (pv_store_open(dbpath, 1, &db, &err) != PV_OK) {
    fprintf(stderr, "plugvet db: %s\n", err.msg);
    return EXIT_INPUT;
  }
  int rc = 0;
  for (int i = 0; i < nfeeds; i++) {
    pv_feed_summary s;
    if (pv_feed_import(db, feeds[i], &s, &err) != PV_OK) {
      fprintf(stderr, "plugvet db: feed %s: %s (database unchanged)\n", feeds[i], err.msg);
      rc = 2;
      continue;
    }
    printf("%s: imported %llu, bad %llu%s%s\n", feeds[i], (unsigned long long)s.imported,
           (unsigned long long)s.bad, s.bad ? ": " : "", s.bad_names);
  }
  pv_store_close(db);
  return rc;
}

static int do_status(const char *dbpath, int json) {
  pv_error err;
  pv_store *db;
  pv_store_counts c;
  if (pv_store_open(dbpath, 0, &db, &err) != PV_OK || pv_store_counts_get(db, &c, &err) != PV_OK) {
    fprintf(stderr, "plugvet db: %s\n", err.msg);
    return EXIT_INPUT;
  }
  pv_store_close(db);
  if (json)
    printf("{\"db\":\"%s\",\"schema_version\":%d,\"vulnerabilities\":%llu,\"malicious\":%llu,"
           "\"withdrawn\":%llu}\n",
           dbpath, c.schema_version, (unsigned long long)c.vulnerabilities,
           (unsigned long long)c.malicious, (unsigned long long)c.withdrawn);
  else
    printf("database: %s\nschema version: %d\nvulnerabilities: %llu\nmalicious: %llu\nwithdrawn: %llu\n",
           dbpath, c.schema_version, (unsigned long long)c.vulnerabilities,
           (unsigned long long)c.malicious, (unsigned long long)c.withdrawn);
  return EXIT_CLEAN;
}

static int count_cb(void *ctx, const char *id, const char *json, size_t n) {
  (*(unsigned long *)ctx)++;
  return EXIT_CLEAN;
}

/* Hidden: time n lookups of pkg-0..pkg-59999 (the names tools/gen-osv-feed.py uses). */
static int do_lookup_bench(const char *dbpath, const char *nstr) {
  pv_error err;
  pv_store *db;
  long n = nstr ? strtol(nstr, NULL, 10) : 10000;
  if (n <= 0 || pv_store_open(dbpath, 0, &db, &err) != PV_OK) {
    fprintf(stderr, "plugvet db: %s\n", n <= 0 ? "bad count" : err.msg);
    return EXIT_INPUT;
  }
  unsigned long hits = 0;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  pv_store_read_begin(db, &err); /* as pv_vulns_match does */
  for (long i = 0; i < n; i++) {
    char name[32];
    snprintf(name, sizeof name, "pkg-%ld", (i * 7919) % 60000);
    pv_store_each_for_package(db, "npm", name, count_cb, &hits, &err);
  }
  pv_store_read_end(db);
  clock_gettime(CLOCK_MONOTONIC, &b);
  pv_store_close(db);
  printf("db-lookups: %ld\ndb-lookup-advisories: %lu\ndb-lookup-seconds: %.4f\n", n, hits,
         (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
  return EXIT_CLEAN;
}

int pv_cmd_db(int argc, char **argv) {
  if (argc > 0 && strcmp(argv[0], "db") == 0) argc--, argv++; /* called with argv at "db" */
  if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
    usage(argc < 1 ? stderr : stdout);
    return argc < 1 ? 2 : 0;
  }
  char defpath[4096];
  if (strcmp(argv[0], "lookup-bench") == 0 && argc >= 3 && strcmp(argv[1], "--db") == 0)
    return do_lookup_bench(argv[2], argc > 3 ? argv[3] : NULL);
  const char *dbpath = pv_store_default_path(defpath, sizeof defpath);
  const char *feeds[MAX_FEEDS];
  int nfeeds = 0, json = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) dbpath = argv[++i];
    else if (strcmp(argv[i], "--feed") == 0 && i + 1 < argc && nfeeds < MAX_FEEDS) feeds[nfeeds++] = argv[++i];
    else if (strcmp(argv[i], "--json") == 0) json = 1;
    else {
      fprintf(stderr, "plugvet db: unknown or incomplete option '%s'\n", argv[i]);
      usage(stderr);
      return EXIT_INPUT;
    }
  }
  if (!dbpath) {
    fputs("plugvet db: no database path: set --db, XDG_CACHE_HOME or HOME\n", stderr);
    return EXIT_INPUT;
  }
  if (nfeeds == 0) feeds[nfeeds++] = DEFAULT_FEED;
  if (strcmp(argv[0], "update") == 0) return do_update(dbpath, feeds, nfeeds);
  if (strcmp(argv[0], "status") == 0) return do_status(dbpath, json);
  fprintf(stderr, "plugvet db: unknown subcommand '%s'\n", argv[0]);
  usage(stderr);
  return EXIT_INPUT;
}
