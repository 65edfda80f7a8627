/* cmd_db.c — `plugvet db update|status`: the local OSV store. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "../scanner/findings.h"
#include "../vulndb/feed.h"
#include "../vulndb/store.h"
#include "../vulndb/vulns.h"

#define DEFAULT_FEED "https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip"
#define MAX_FEEDS 16

#include "commands.h"
#include "common.h"

static void usage(FILE *f) {
  fputs(
      "usage: plugvet db update [--db FILE] [--feed URL|PATH]... [--timeout S] [--retries N]\n"
      "                         [--max-feed-bytes SIZE]\n"
      "       plugvet db status [--db FILE] [--json]\n"
      "  --db FILE     OSV database (default $XDG_CACHE_HOME/plugvet/osv.sqlite)\n"
      "  --feed SRC    feed: an http(s):// or file:// URL of an OSV zip, a .zip file or a\n"
      "                directory of OSV .json files (default: OSV's npm all.zip)\n"
      "  --timeout S   seconds for one HTTP request (default 600)\n"
      "  --retries N   extra attempts on 5xx, 429 and network errors (default 3)\n"
      "  --max-feed-bytes SIZE  largest feed accepted (default 1G)\n"
      "  --json        status as JSON\n",
      f);
}

/* A download's progress bar on stderr (a terminal only). */
static void draw_progress(void *ctx, uint64_t now, uint64_t total, int done) {
  (void)ctx;
  if (done)
    fputs("\r\033[K", stderr);
  else if (total > 0) {
    int w = (int)(30 * now / total);
    fprintf(stderr, "\r\033[K[%.*s%*s] %.1f/%.1f MiB", w, "##############################", 30 - w,
            "", (double)now / (1 << 20), (double)total / (1 << 20));
  } else if (now > 0)
    fprintf(stderr, "\r\033[K%.1f MiB", (double)now / (1 << 20));
}

/* What the import left out of the records it stored, after the summary. */
static void report_skips(const pv_feed_summary *s) {
  if (s->no_package > 0) {
    printf("; %llu affected %s without a package skipped", (unsigned long long)s->no_package,
           s->no_package == 1 ? "entry" : "entries");
  }
  if (s->older > 0) {
    printf("; %llu older than the stored copy kept out", (unsigned long long)s->older);
  }
  if (s->malformed > 0) {
    printf("; %llu with a malformed range, matched open-ended: %s",
           (unsigned long long)s->malformed, s->malformed_ids);
  }
}

/* One line per feed: "SRC: imported N, bad M: NAMES", "SRC: unchanged",
 * "SRC: incremental, imported N, bad M", then what was skipped ("; K affected
 * entries without a package skipped", "; K older than the stored copy kept
 * out", "; K with a malformed range, matched open-ended: IDS"); a fallback to
 * the zip and why the first refused entry was refused are said on stderr. */
static void report(const char *src, const pv_feed_summary *s) {
  if (s->fallback[0])
    fprintf(stderr, "plugvet db: %s: no incremental update (%s); the whole feed was checked\n", src,
            s->fallback);
  if (s->bad_first[0]) {
    fprintf(stderr, "plugvet db: %s: refused %s\n", src, s->bad_first);
  }
  if (s->how == PV_FEED_UNCHANGED) {
    printf("%s: unchanged\n", src);
    return;
  }
  printf("%s: %simported %llu, bad %llu%s%s", src,
         s->how == PV_FEED_INCREMENTAL ? "incremental, " : "", (unsigned long long)s->imported,
         (unsigned long long)s->bad, s->bad ? ": " : "", s->bad_names);
  report_skips(s);
  putchar('\n');
}

static int do_update(const char *dbpath, const char **feeds, int nfeeds, const pv_limits *lim) {
  pv_error err;
  pv_store *db;
  pv_make_parent(dbpath);
  if (pv_store_open(dbpath, 1, &db, &err) != PV_OK) {
    fprintf(stderr, "plugvet db: %s\n", err.msg);
    return EXIT_INPUT;
  }
  pv_feed_opts o = {.lim = lim, .progress = isatty(STDERR_FILENO) ? draw_progress : NULL};
  int rc = 0;
  for (int i = 0; i < nfeeds; i++) {
    pv_feed_summary s;
    if (pv_feed_import(db, feeds[i], &o, &s, &err) != PV_OK) {
      fprintf(stderr, "plugvet db: feed %s: %s (database unchanged)\n", feeds[i], err.msg);
      rc = EXIT_INPUT;
      continue;
    }
    report(feeds[i], &s);
  }
  pv_store_close(db);
  return rc;
}

static int feed_text(void *ctx, const char *url, const pv_store_feed *f) {
  (void)ctx;
  printf("feed: %s\n  updated: %s\n  newest record: %s\n  imported: %llu, bad: %llu\n", url,
         f->updated_at, f->newest_modified[0] ? f->newest_modified : "-",
         (unsigned long long)f->imported, (unsigned long long)f->bad);
  if (f->etag[0])
    printf("  etag: %s\n", f->etag);
  if (f->last_modified[0])
    printf("  last-modified: %s\n", f->last_modified);
  return 0;
}

static int feed_json(void *ctx, const char *url, const pv_store_feed *f) {
  json_t *o =
      json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "url", url, "updated", f->updated_at,
                "newest_modified", f->newest_modified, "etag", f->etag, "last_modified",
                f->last_modified, "imported", (json_int_t)f->imported, "bad", (json_int_t)f->bad);
  if (o != NULL)
    json_array_append_new(ctx, o);
  return 0;
}

static int do_status(const char *dbpath, int json) {
  pv_error err;
  pv_store *db;
  pv_store_counts c;
  json_t *feeds = json_array();
  int opened =
      pv_store_open(dbpath, 0, &db, &err) == PV_OK && pv_store_counts_get(db, &c, &err) == PV_OK;
  if (opened && !json)
    printf(
        "database: %s\nschema version: %d\nvulnerabilities: %llu\nmalicious: "
        "%llu\nwithdrawn: %llu\n",
        dbpath, c.schema_version, (unsigned long long)c.vulnerabilities,
        (unsigned long long)c.malicious, (unsigned long long)c.withdrawn);
  if (!opened || pv_store_feeds_each(db, json ? feed_json : feed_text, feeds, &err) != PV_OK) {
    fprintf(stderr, "plugvet db: %s\n", err.msg);
    pv_store_close(db);
    json_decref(feeds);
    return EXIT_INPUT;
  }
  pv_store_close(db);
  if (json) {
    json_t *o =
        json_pack("{s:s,s:i,s:I,s:I,s:I,s:o}", "db", dbpath, "schema_version", c.schema_version,
                  "vulnerabilities", (json_int_t)c.vulnerabilities, "malicious",
                  (json_int_t)c.malicious, "withdrawn", (json_int_t)c.withdrawn, "feeds", feeds);
    char *s = o ? json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT) : NULL;
    puts(s ? s : "{}");
    free(s);
    json_decref(o);
  } else
    json_decref(feeds);
  return EXIT_CLEAN;
}

/* The package-lock.json (v3) of lookup-bench: n packages pkg-K@1.0.0, K
 * spread over pkg-0..pkg-59999 (tools/gen-osv-feed.py writes advisories for
 * pkg-0..pkg-49999, so some names have none). Added to r as a file. */
static pv_status bench_lockfile(pv_result *r, long n) {
  pv_buf b;
  pv_buf_init(&b, (size_t)n * 256 + 4096);
  pv_buf_cats(&b,
              "{\n  \"name\": \"bench\",\n  \"version\": \"1.0.0\",\n"
              "  \"lockfileVersion\": 3,\n  \"packages\": {\n"
              "    \"\": {\n      \"name\": \"bench\",\n      \"version\": \"1.0.0\"\n    }");
  for (long i = 0; i < n; i++) {
    pv_buf_catf(&b, ",\n    \"node_modules/pkg-%ld\": {\n      \"version\": \"1.0.0\"\n    }",
                (i * 7919) % 60000);
  }
  pv_buf_cats(&b, "\n  }\n}\n");
  if (pv_buf_status(&b) != PV_OK) {
    pv_buf_free(&b);
    return PV_FATAL;
  }
  unsigned char *data = pv_result_data_alloc(r, b.len + 1);
  pv_file f = {.path = "package-lock.json", .data = data, .size = b.len, .kind = PV_ENTRY_FILE};
  if (data != NULL) {
    memcpy(data, b.data, b.len + 1);
  }
  pv_buf_free(&b);
  return data != NULL && pv_result_add_file(r, &f) != NULL ? PV_OK : PV_FATAL;
}

static double seconds_since(const struct timespec *a) {
  struct timespec b;
  clock_gettime(CLOCK_MONOTONIC, &b);
  return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* Match the inventory of r against db, as a scan does: lookups, OSV
 * records unpacked and evaluated, grouping, findings placed at their lockfile
 * lines, then finished (snippets, fingerprints). */
static int bench_match(pv_store *db, pv_result *r, long n) {
  pv_limits lim = pv_limits_default();
  pv_error err = {0};
  pv_vulns vulns = {0};
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pv_inventory *inv = pv_inv_build(r, &lim);
  double inv_s = seconds_since(&t0);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pv_status rc = inv == NULL ? PV_FATAL : pv_vulns_match(db, inv, 0, &vulns, &err);
  if (rc == PV_OK) {
    rc = pv_findings_finish(r, &lim);
  }
  double match_s = seconds_since(&t0);
  if (rc != PV_OK) {
    fprintf(stderr, "plugvet db: lookup-bench: %s\n", err.msg[0] ? err.msg : "out of memory");
  } else {
    printf(
        "db-match-packages: %ld\ndb-match-vulnerabilities: %zu\ndb-match-findings: %zu\n"
        "db-inventory-seconds: %.4f\ndb-match-seconds: %.4f\n",
        n, vulns.vulns.len, r->findings.len, inv_s, match_s);
  }
  pv_vulns_free(&vulns);
  pv_inv_delete(inv);
  return rc == PV_OK ? EXIT_CLEAN : EXIT_INTERNAL;
}

/* Hidden: the whole matching path for a package-lock.json of n packages
 * (pkg-K, the names tools/gen-osv-feed.py uses) against the store at
 * dbpath, timed apart from building the inventory. */
static int do_lookup_bench(const char *dbpath, const char *nstr) {
  pv_error err;
  pv_store *db;
  long n = nstr ? strtol(nstr, NULL, 10) : 10000;
  if (n <= 0 || n > 60000 || pv_store_open(dbpath, 0, &db, &err) != PV_OK) {
    fprintf(stderr, "plugvet db: %s\n", n <= 0 || n > 60000 ? "bad count (1..60000)" : err.msg);
    return EXIT_INPUT;
  }
  pv_result *r = pv_result_new("lookup-bench");
  int code = EXIT_INTERNAL;
  if (r != NULL && bench_lockfile(r, n) == PV_OK) {
    code = bench_match(db, r, n);
  } else {
    fputs("plugvet db: lookup-bench: out of memory\n", stderr);
  }
  pv_result_delete(r);
  pv_store_close(db);
  return code;
}

int pv_cmd_db(int argc, char **argv, const pv_env *env) {
  if (argc > 0 && strcmp(argv[0], "db") == 0) { /* called with argv at "db" */
    argc--;
    argv++;
  }
  if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
    usage(argc < 1 ? stderr : stdout);
    return argc < 1 ? 2 : 0;
  }
  char defpath[4096];
  if (strcmp(argv[0], "lookup-bench") == 0 && argc >= 3 && strcmp(argv[1], "--db") == 0)
    return do_lookup_bench(argv[2], argc > 3 ? argv[3] : NULL);
  const char *dbpath =
      pv_store_default_path(env->xdg_cache_home, env->home, defpath, sizeof defpath);
  const char *feeds[MAX_FEEDS];
  int nfeeds = 0, json = 0;
  pv_limits lim = pv_limits_default();
  uint64_t v;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--db") == 0 && next) {
      dbpath = argv[++i];
    } else if (strcmp(a, "--feed") == 0 && next && nfeeds < MAX_FEEDS) {
      feeds[nfeeds++] = argv[++i];
    } else if (strcmp(a, "--json") == 0) {
      json = 1;
    } else if (strcmp(a, "--max-feed-bytes") == 0 && next && pv_parse_size(next, &v) == 0 &&
               v > 0) {
      lim.feed_bytes = v;
      i++;
    } else if (strcmp(a, "--timeout") == 0 && next && pv_parse_size(next, &v) == 0 && v > 0 &&
               v < 86400) {
      lim.http_total_ms = (uint32_t)v * 1000;
      i++;
    } else if (strcmp(a, "--retries") == 0 && next && pv_parse_size(next, &v) == 0 && v <= 10) {
      lim.http_retries = (uint32_t)v;
      i++;
    } else {
      fprintf(stderr, "plugvet db: unknown or incomplete option '%s'\n", argv[i]);
      usage(stderr);
      return EXIT_INPUT;
    }
  }
  if (!dbpath) {
    fputs("plugvet db: no database path: set --db, XDG_CACHE_HOME or HOME\n", stderr);
    return EXIT_INPUT;
  }
  if (nfeeds == 0)
    feeds[nfeeds++] = DEFAULT_FEED;
  if (strcmp(argv[0], "update") == 0)
    return do_update(dbpath, feeds, nfeeds, &lim);
  if (strcmp(argv[0], "status") == 0)
    return do_status(dbpath, json);
  fprintf(stderr, "plugvet db: unknown subcommand '%s'\n", argv[0]);
  usage(stderr);
  return EXIT_INPUT;
}
