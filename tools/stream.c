/* stream.c — see stream.h. */
#include "stream.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../scanner/base.h"
#include "../scanner/result.h"
#include "../scanner/rules/rules.h"

/* The sha256 of path's bytes, as hex. 0, or -1. */
static int file_sha256(const char *path, char out[65]) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return -1;
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  char chunk[65536];
  size_t got;
  while (m != NULL && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
    fwrite(chunk, 1, got, m);
  int bad = m == NULL || ferror(f) || fclose(m) != 0;
  fclose(f);
  if (!bad)
    pv_sha256_hex(buf, len, out);
  free(buf);
  return bad ? -1 : 0;
}

/* One manifest line: the file's name below its root, NUL, its hash. */
static int pack_file(FILE *m, const char *file, const char *name) {
  char hex[65];
  if (file_sha256(file, hex) != 0)
    return -1;
  fputs(name, m);
  fputc('\0', m);
  fprintf(m, "%s\n", hex);
  return 0;
}

static int pack_path(FILE *m, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return -1;
  if (!S_ISDIR(st.st_mode)) {
    const char *base = strrchr(path, '/');
    return pack_file(m, path, base ? base + 1 : path);
  }
  char **files = NULL;
  size_t n = 0, len = strlen(path);
  pv_error err = {0};
  if (pv_rules_list_files(path, &files, &n, &err) != PV_OK)
    return -1;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = pack_file(m, files[i], files[i] + len + (files[i][len] == '/'));
  pv_rules_files_free(files, n);
  return rc;
}

int pv_pack_id(const char *const *paths, size_t n, char out[PV_PACK_ID_LEN]) {
  char *buf = NULL, hex[65];
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  int rc = m == NULL ? -1 : 0;
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = pack_path(m, paths[i]);
  if (m != NULL && fclose(m) != 0)
    rc = -1;
  if (rc == 0) {
    pv_sha256_hex(buf, len, hex);
    snprintf(out, PV_PACK_ID_LEN, "sha256:%s", hex);
  }
  free(buf);
  return rc;
}

/* One line read back: its input and what the exit code needs of it. */
typedef struct {
  char *name, *line;
  size_t seq;
  int failed, partial;
  size_t counts[PV_SEV_NONE];
} entry;

static const char *str_at(json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* Read one line into e when it is this version's and pack's. */
static int parse_line(entry *e, const char *line, const char *version, const char *pack) {
  json_t *o = json_loads(line, 0, NULL);
  const char *input = str_at(o, "input"), *status = str_at(o, "status");
  int ok = input != NULL && status != NULL && str_at(o, "plugvet") != NULL &&
           strcmp(str_at(o, "plugvet"), version) == 0 && str_at(o, "rules") != NULL &&
           strcmp(str_at(o, "rules"), pack) == 0;
  if (ok) {
    e->name = strdup(input);
    e->failed = strcmp(status, "error") == 0;
    e->partial = strcmp(status, "partial") == 0;
    json_t *c = json_object_get(o, "counts");
    for (int s = 0; s < PV_SEV_NONE; s++)
      e->counts[s] = (size_t)json_integer_value(json_object_get(c, pv_severity_name(s)));
  }
  json_decref(o);
  return ok;
}

/* Read the lines of f into es; dropped counts the others. 0, or -1 (OOM). */
static int read_lines(FILE *f, pv_vec *es, size_t *dropped, const char *version, const char *pack) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int rc = 0;
  while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
    entry e = {.seq = es->len};
    if (line[len - 1] != '\n' || !parse_line(&e, line, version, pack)) {
      ++*dropped;
      continue;
    }
    e.line = strdup(line);
    rc = e.name == NULL || e.line == NULL || pv_vec_push(es, &e) == NULL ? -1 : 0;
    if (rc != 0) {
      free(e.name);
      free(e.line);
    }
  }
  free(line);
  return rc;
}

static int cmp_name_seq(const void *x, const void *y) {
  const entry *a = x, *b = y;
  int c = strcmp(a->name, b->name);
  return c ? c : a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_seq(const void *x, const void *y) {
  const entry *a = x, *b = y;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Keep the last line of each input, in file order, into r. */
static int keep_last(pv_resume *r, pv_vec *es) {
  entry *v = es->items;
  size_t n = es->len;
  if (n > 1)
    qsort(v, n, sizeof *v, cmp_name_seq);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    if (i + 1 < n && strcmp(v[i].name, v[i + 1].name) == 0) {
      free(v[i].name);
      free(v[i].line);
      r->dropped++;
      continue;
    }
    v[kept++] = v[i];
  }
  es->len = kept;
  r->lines = calloc(kept + 1, sizeof *r->lines);
  r->names = calloc(kept + 1, sizeof *r->names);
  if (r->lines == NULL || r->names == NULL)
    return -1;
  for (size_t i = 0; i < kept; i++)
    r->names[i] = v[i].name; /* sorted by name */
  if (kept > 1)
    qsort(v, kept, sizeof *v, cmp_seq);
  for (size_t i = 0; i < kept; i++) {
    const entry *e = &v[i];
    r->lines[i] = e->line;
    r->failed += e->failed;
    r->partial += e->partial;
    for (int s = 0; s < PV_SEV_NONE; s++)
      r->counts[s] += e->counts[s];
  }
  r->n = kept;
  return 0;
}

int pv_resume_load(pv_resume *r, const char *path, const char *version, const char *pack,
                   uint64_t max_bytes, char *err, size_t errn) {
  memset(r, 0, sizeof *r);
  FILE *f = fopen(path, "r");
  struct stat st;
  if (f == NULL && errno == ENOENT)
    return 0;
  if (f == NULL || fstat(fileno(f), &st) != 0) {
    snprintf(err, errn, "--resume %s: %s", path, strerror(errno));
    if (f != NULL)
      fclose(f);
    return -1;
  }
  if ((uint64_t)st.st_size > max_bytes) {
    snprintf(err, errn, "--resume %s: over %llu bytes", path, (unsigned long long)max_bytes);
    fclose(f);
    return -1;
  }
  pv_vec es = {.elem = sizeof(entry)};
  int rc = read_lines(f, &es, &r->dropped, version, pack);
  if (rc == 0 && ferror(f)) {
    snprintf(err, errn, "--resume %s: %s", path, strerror(errno));
    rc = -1;
  }
  fclose(f);
  if (rc == 0 && keep_last(r, &es) != 0)
    rc = -1;
  if (rc != 0 && err[0] == '\0')
    snprintf(err, errn, "out of memory");
  pv_vec_free(&es);
  return rc;
}

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(char *const *)x, *(char *const *)y);
}

int pv_resume_has(const pv_resume *r, const char *input) {
  return r->n > 0 && bsearch(&input, r->names, r->n, sizeof *r->names, cmp_str) != NULL;
}

FILE *pv_resume_rewrite(const pv_resume *r, const char *path) {
  char tmp[4096];
  if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  FILE *f = fopen(tmp, "w");
  for (size_t i = 0; f != NULL && i < r->n; i++)
    fputs(r->lines[i], f);
  if (f == NULL || fflush(f) != 0 || ferror(f) || rename(tmp, path) != 0) {
    int e = errno;
    if (f != NULL)
      fclose(f);
    unlink(tmp);
    errno = e;
    return NULL;
  }
  return f; /* now path, positioned at its end */
}

void pv_resume_free(pv_resume *r) {
  for (size_t i = 0; i < r->n; i++) {
    free(r->lines[i]);
    free(r->names[i]);
  }
  free(r->lines);
  free(r->names);
  memset(r, 0, sizeof *r);
}
