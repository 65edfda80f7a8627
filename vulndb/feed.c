/* feed.c — local OSV feed import (see feed.h). */
#include "feed.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../scanner/limits.h"

#define FEED_MAX_BYTES (1024ull * PV_MiB)
#define FEED_ENTRY_BYTES (16ull * PV_MiB)
#define FEED_MAX_ENTRIES 2000000ull

static int has_suffix(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Note a refused entry in the summary (first few names only). */
static void note_bad(pv_feed_summary *sum, const char *name) {
  sum->bad++;
  size_t l = strlen(sum->bad_names);
  if (sum->bad <= 3)
    snprintf(sum->bad_names + l, sizeof sum->bad_names - l, "%s%s", l ? ", " : "", name);
}

/* Put one entry; PV_FATAL only when the database write failed. */
static pv_status put_one(pv_store *db, const char *buf, size_t n, const char *name,
                         pv_feed_summary *sum, pv_error *err) {
  pv_error e;
  pv_status st = pv_store_put(db, buf, n, name, &e);
  if (st == PV_OK) sum->imported++;
  else if (st == PV_FATAL) return pv_error_set(err, PV_FATAL, "%s", e.msg);
  else note_bad(sum, name);
  return PV_OK;
}

static pv_status import_dir(pv_store *db, const char *dir, pv_feed_summary *sum, pv_error *err) {
  DIR *d = opendir(dir);
  if (!d) return pv_error_set(err, PV_FAILED, "%s: cannot open directory", dir);
  struct dirent *de;
  pv_status st = PV_OK;
  while (st == PV_OK && (de = readdir(d))) {
    if (!has_suffix(de->d_name, ".json")) continue;
    char p[4096], *buf = NULL;
    size_t n = 0;
    snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
    pv_error e;
    if (pv_read_file(p, FEED_ENTRY_BYTES, (unsigned char **)&buf, &n, &e) != PV_OK) note_bad(sum, de->d_name);
    else st = put_one(db, buf, n, de->d_name, sum, err);
    free(buf);
  }
  closedir(d);
  return st;
}

static pv_status import_zip_mem(pv_store *db, const char *src, const char *zip, size_t zn,
                                pv_feed_summary *sum, pv_error *err) {
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
  char *buf = malloc(FEED_ENTRY_BYTES);
  while (st == PV_OK && buf && (rc = archive_read_next_header(a, &ent)) == ARCHIVE_OK) {
    const char *name = archive_entry_pathname(ent);
    if (++count > FEED_MAX_ENTRIES) st = pv_error_set(err, PV_FAILED, "%s: too many entries", src);
    if (st != PV_OK || !name || !has_suffix(name, ".json")) continue;
    la_ssize_t n = archive_read_data(a, buf, FEED_ENTRY_BYTES);
    if (n < 0) st = pv_error_set(err, PV_FAILED, "%s: %s: %s", src, name, archive_error_string(a));
    else if ((size_t)n == FEED_ENTRY_BYTES) note_bad(sum, name);
    else st = put_one(db, buf, (size_t)n, name, sum, err);
  }
  if (!buf) st = pv_error_set(err, PV_FATAL, "out of memory");
  else if (st == PV_OK && rc != ARCHIVE_EOF)
    st = pv_error_set(err, PV_FAILED, "%s: corrupt zip: %s", src, archive_error_string(a));
  free(buf);
  archive_read_free(a);
  return st;
}

static pv_status import_any(pv_store *db, const char *path, pv_feed_summary *sum, pv_error *err) {
  struct stat sb;
  if (stat(path, &sb) != 0) return pv_error_set(err, PV_FAILED, "%s: no such feed file or directory", path);
  if (S_ISDIR(sb.st_mode)) return import_dir(db, path, sum, err);
  char *zip = NULL;
  size_t n = 0;
  if (pv_read_file(path, FEED_MAX_BYTES, (unsigned char **)&zip, &n, err) != PV_OK) return PV_FAILED;
  pv_status st = import_zip_mem(db, path, zip, n, sum, err);
  free(zip);
  return st;
}

pv_status pv_feed_import(pv_store *db, const char *source, pv_feed_summary *sum, pv_error *err) {
  memset(sum, 0, sizeof *sum);
  const char *path = source;
  if (strncmp(source, "file://", 7) == 0) path = source + 7;
  else if (strstr(source, "://"))
    return pv_error_set(err, PV_FAILED, "%s: network feeds are not supported in this build", source);
  if (pv_store_begin(db, err) != PV_OK) return PV_FAILED;
  pv_status st = import_any(db, path, sum, err);
  if (st == PV_OK) return pv_store_commit(db, err);
  pv_store_rollback(db);
  return st;
}
