/* feed.c — OSV feed import (see feed.h). */
#include "feed.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "http.h"

static int has_suffix(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Note a refused entry in the summary (first few names only; why the first
 * was refused). */
static void note_bad(pv_feed_summary *sum, const char *name, const char *why) {
  sum->bad++;
  if (sum->bad == 1) {
    snprintf(sum->bad_first, sizeof sum->bad_first, "%s", why);
  }
  size_t l = strlen(sum->bad_names);
  if (sum->bad <= 3)
    snprintf(sum->bad_names + l, sizeof sum->bad_names - l, "%s%s", l ? ", " : "", name);
}

/* Put one entry; PV_FATAL only when the database failed. An entry older
 * than the stored copy (PV_WARN) is neither imported nor bad: the store
 * counts it (pv_store_skipped). */
static pv_status put_one(pv_store *db, const char *buf, size_t n, const char *name,
                         pv_feed_summary *sum, pv_error *err) {
  pv_error e;
  pv_status st = pv_store_put(db, buf, n, name, &e);
  if (st == PV_OK)
    sum->imported++;
  else if (st == PV_FATAL)
    return pv_error_set(err, PV_FATAL, "%s", e.msg);
  else if (st == PV_FAILED)
    note_bad(sum, name, e.msg);
  return PV_OK;
}

static pv_status import_dir(pv_store *db, const char *dir, const pv_limits *lim,
                            pv_feed_summary *sum, pv_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return pv_error_set(err, PV_FAILED, "%s: cannot open directory", dir);
  struct dirent *de;
  pv_status st = PV_OK;
  while (st == PV_OK && (de = readdir(d))) {
    if (!has_suffix(de->d_name, ".json"))
      continue;
    char p[4096], *buf = NULL;
    size_t n = 0;
    snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
    pv_error e;
    if (pv_read_file(p, lim->feed_entry_bytes, (unsigned char **)&buf, &n, &e) != PV_OK)
      note_bad(sum, de->d_name, e.msg);
    else
      st = put_one(db, buf, n, de->d_name, sum, err);
    free(buf);
  }
  closedir(d);
  return st;
}

static pv_status import_zip_mem(pv_store *db, const char *src, const char *zip, size_t zn,
                                const pv_limits *lim, pv_feed_summary *sum, pv_error *err) {
  struct archive *a = archive_read_new();
  archive_read_support_format_zip(a);
  if (archive_read_open_memory(a, zip, zn) != ARCHIVE_OK) {
    pv_error_set(err, PV_FAILED, "%s: not a zip archive: %s", src, archive_error_string(a));
    archive_read_free(a);
    return PV_FAILED;
  }
  struct archive_entry *ent;
  pv_status st = PV_OK;
  uint64_t count = 0;
  int rc;
  char *buf = malloc(lim->feed_entry_bytes);
  while (st == PV_OK && buf && (rc = archive_read_next_header(a, &ent)) == ARCHIVE_OK) {
    const char *name = archive_entry_pathname(ent);
    if (++count > lim->feed_entries)
      st = pv_error_set(err, PV_FAILED, "%s: too many entries", src);
    if (st != PV_OK || !name || !has_suffix(name, ".json"))
      continue;
    la_ssize_t n = archive_read_data(a, buf, lim->feed_entry_bytes);
    if (n < 0)
      st = pv_error_set(err, PV_FAILED, "%s: %s: %s", src, name, archive_error_string(a));
    else if ((uint64_t)n == lim->feed_entry_bytes)
      note_bad(sum, name, "larger than the entry limit");
    else
      st = put_one(db, buf, (size_t)n, name, sum, err);
  }
  if (!buf)
    st = pv_error_set(err, PV_FATAL, "out of memory");
  else if (st == PV_OK && rc != ARCHIVE_EOF)
    st = pv_error_set(err, PV_FAILED, "%s: corrupt zip: %s", src, archive_error_string(a));
  free(buf);
  archive_read_free(a);
  return st;
}

static pv_status import_local(pv_store *db, const char *path, const pv_limits *lim,
                              pv_feed_summary *sum, pv_error *err) {
  struct stat sb;
  if (stat(path, &sb) != 0)
    return pv_error_set(err, PV_FAILED, "%s: no such feed file or directory", path);
  if (S_ISDIR(sb.st_mode))
    return import_dir(db, path, lim, sum, err);
  char *zip = NULL;
  size_t n = 0;
  if (pv_read_file(path, lim->feed_bytes, (unsigned char **)&zip, &n, err) != PV_OK)
    return PV_FAILED;
  pv_status st = import_zip_mem(db, path, zip, n, lim, sum, err);
  free(zip);
  return st;
}

/* ---- the feed's state ---------------------------------------------------- */

/* Record what this import read (the newest `modified` kept across
 * imports) and commit it with the data. */
static pv_status finish(pv_store *db, const char *url, pv_store_feed *f, pv_feed_summary *sum,
                        pv_error *err) {
  if (pv_osv_time_cmp(pv_store_newest(db), f->newest_modified) > 0)
    snprintf(f->newest_modified, sizeof f->newest_modified, "%s", pv_store_newest(db));
  time_t now = time(NULL);
  strftime(f->updated_at, sizeof f->updated_at, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
  f->imported = sum->imported;
  f->bad = sum->bad;
  sum->no_package = pv_store_skipped(db)->no_package;
  sum->older = pv_store_skipped(db)->older;
  sum->malformed = pv_store_skipped(db)->malformed;
  snprintf(sum->malformed_ids, sizeof sum->malformed_ids, "%s",
           pv_store_skipped(db)->malformed_ids);
  if (pv_store_feed_set(db, url, f, err) != PV_OK) {
    pv_store_rollback(db);
    return PV_FATAL;
  }
  return pv_store_commit(db, err);
}

/* ---- over HTTP ----------------------------------------------------------- */

/* The whole zip, unless the server says it has not changed. */
static pv_status import_http_zip(pv_store *db, const char *url, const pv_feed_opts *o,
                                 pv_store_feed *f, pv_feed_summary *sum, pv_error *err) {
  pv_http_req rq = {.etag = f->etag,
                    .last_modified = f->last_modified,
                    .lim = o->lim,
                    .progress = o->progress,
                    .progress_ctx = o->progress_ctx};
  pv_http_resp r;
  pv_status st = pv_http_fetch(url, &rq, &r, err);
  if (st == PV_OK && r.not_modified)
    sum->how = PV_FEED_UNCHANGED;
  else if (st == PV_OK && (st = pv_store_begin(db, err)) == PV_OK) {
    st = import_zip_mem(db, url, (const char *)r.body, r.len, o->lim, sum, err);
    snprintf(f->etag, sizeof f->etag, "%s", r.etag);
    snprintf(f->last_modified, sizeof f->last_modified, "%s", r.last_modified);
    if (st == PV_OK)
      st = finish(db, url, f, sum, err);
    else
      pv_store_rollback(db);
  }
  pv_http_resp_free(&r);
  return st;
}

typedef struct {
  char (*id)[132];
  size_t n;
} idlist;

/* The ids of modified_id.csv newer than `since`, in file order; PV_FAILED
 * (with why) when a row is malformed or there are more than max. */
static pv_status changed_ids(const char *csv, size_t len, const char *since, uint32_t max,
                             idlist *out, char *why, size_t whylen) {
  size_t line = 0;
  for (const char *p = csv, *end = csv + len; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
    const char *comma = memchr(p, ',', (size_t)(e - p));
    size_t idn = comma ? (size_t)(e - comma - 1) - (e > comma + 1 && e[-1] == '\r') : 0;
    char mod[64];
    if (e == p) {
      p = e + 1;
      continue;
    } /* blank line */
    if (!comma || (size_t)(comma - p) < 19 || (size_t)(comma - p) >= sizeof mod || p[4] != '-' ||
        p[10] != 'T' || !pv_osv_id_safe(comma + 1, idn)) {
      snprintf(why, whylen, "modified_id.csv line %zu is not \"modified,ID\"", line + 1);
      return PV_FAILED;
    }
    memcpy(mod, p, (size_t)(comma - p));
    mod[comma - p] = '\0';
    if (pv_osv_time_cmp(mod, since) <= 0)
      break; /* newest first: the rest are known */
    if (out->n == max) {
      snprintf(why, whylen, "more than %u changed records", max);
      return PV_FAILED;
    }
    memcpy(out->id[out->n], comma + 1, idn);
    out->id[out->n++][idn] = '\0';
    p = e + 1;
  }
  return PV_OK;
}

/* Fetch and put each changed record, in one transaction. PV_FAILED: fall
 * back to the zip (why in sum->fallback). */
static pv_status put_records(pv_store *db, const char *dir, const idlist *ids,
                             const pv_feed_opts *o, pv_feed_summary *sum, pv_error *err) {
  if (pv_store_begin(db, err) != PV_OK)
    return PV_FATAL;
  pv_status st = PV_OK;
  for (size_t i = 0; i < ids->n && st == PV_OK; i++) {
    char url[4400], name[160];
    snprintf(url, sizeof url, "%s%s.json", dir, ids->id[i]);
    snprintf(name, sizeof name, "%s.json", ids->id[i]);
    pv_http_req rq = {.lim = o->lim, .max_bytes = o->lim->feed_entry_bytes};
    pv_http_resp r;
    pv_error e;
    if (pv_http_fetch(url, &rq, &r, &e) != PV_OK) {
      snprintf(sum->fallback, sizeof sum->fallback, "%s", e.msg);
      st = PV_FAILED;
    } else
      st = put_one(db, (const char *)r.body, r.len, name, sum, err);
    pv_http_resp_free(&r);
  }
  if (st != PV_OK)
    pv_store_rollback(db);
  return st;
}

/* The incremental update of an OSV bucket feed (see feed.h). PV_FAILED:
 * fall back to the zip, sum->fallback says why. */
static pv_status import_delta(pv_store *db, const char *url, const pv_feed_opts *o,
                              pv_store_feed *f, pv_feed_summary *sum, pv_error *err) {
  char dir[4096], csv_url[4200];
  snprintf(dir, sizeof dir, "%.*s", (int)(strlen(url) - strlen("all.zip")), url);
  snprintf(csv_url, sizeof csv_url, "%smodified_id.csv", dir);
  pv_http_req rq = {.lim = o->lim};
  pv_http_resp r = {0};
  pv_error e;
  idlist ids = {malloc(((size_t)o->lim->feed_delta + 1) * sizeof *ids.id), 0};
  pv_status st = ids.id == NULL ? pv_error_set(err, PV_FATAL, "out of memory") : PV_OK;
  if (st == PV_OK && pv_http_fetch(csv_url, &rq, &r, &e) != PV_OK) {
    snprintf(sum->fallback, sizeof sum->fallback, "%s", e.msg);
    st = PV_FAILED;
  } else if (st == PV_OK) {
    st = changed_ids((const char *)r.body, r.len, f->newest_modified, o->lim->feed_delta, &ids,
                     sum->fallback, sizeof sum->fallback);
    sum->how = PV_FEED_UNCHANGED;
    if (st == PV_OK && ids.n > 0) {
      sum->how = PV_FEED_INCREMENTAL;
      st = put_records(db, dir, &ids, o, sum, err);
      if (st == PV_OK)
        st = finish(db, url, f, sum, err);
    }
  }
  pv_http_resp_free(&r);
  free(ids.id);
  return st;
}

static int is_http(const char *s) {
  return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static pv_status import_http(pv_store *db, const char *url, const pv_feed_opts *o,
                             pv_feed_summary *sum, pv_error *err) {
  pv_store_feed f;
  if (pv_store_feed_get(db, url, &f, err) != PV_OK)
    return PV_FATAL;
  if (f.known && f.newest_modified[0] && has_suffix(url, "/all.zip")) {
    pv_status st = import_delta(db, url, o, &f, sum, err);
    if (st != PV_FAILED)
      return st;
    char why[sizeof sum->fallback];
    memcpy(why, sum->fallback, sizeof why);
    memset(sum, 0, sizeof *sum);
    memcpy(sum->fallback, why, sizeof why);
  }
  return import_http_zip(db, url, o, &f, sum, err);
}

pv_status pv_feed_import(pv_store *db, const char *source, const pv_feed_opts *o,
                         pv_feed_summary *sum, pv_error *err) {
  memset(sum, 0, sizeof *sum);
  if (is_http(source))
    return import_http(db, source, o, sum, err);
  const char *path = strncmp(source, "file://", 7) == 0 ? source + 7 : source;
  if (strstr(source, "://") && path == source)
    return pv_error_set(err, PV_FAILED,
                        "%s: unsupported feed URL (http://, https:// and file:// are)", source);
  pv_store_feed f;
  if (pv_store_feed_get(db, source, &f, err) != PV_OK || pv_store_begin(db, err) != PV_OK)
    return PV_FAILED;
  pv_status st = import_local(db, path, o->lim, sum, err);
  if (st == PV_OK)
    return finish(db, source, &f, sum, err);
  pv_store_rollback(db);
  return st;
}
