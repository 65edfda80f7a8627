/* autofix.c — plugvet scan --autofix and --dryrun (autofix.h). */
#include "autofix.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../scanner/fix.h"

/* Inputs whose files are the user's own files on disk. */
static int own_files(const pv_result *r) {
  return r->status == PV_INPUT_SCANNED && r->kind != NULL &&
         (strcmp(r->kind, "file") == 0 || strcmp(r->kind, "directory") == 0);
}

static int under_node_modules(const char *path) {
  for (const char *p = path; (p = strstr(p, "node_modules")) != NULL; p += 12)
    if ((p == path || p[-1] == '/') && (p[12] == '\0' || p[12] == '/'))
      return 1;
  return 0;
}

/* A reported finding whose fix may be written to its file. */
static int fixable(const pv_finding *f) {
  return f->fix != NULL && !f->suppressed && f->file != NULL && f->file->data != NULL &&
         f->file->kind == PV_ENTRY_FILE && (f->file->flags & PV_FILE_TRUNCATED) == 0 &&
         strstr(f->path, "!/") == NULL && !under_node_modules(f->path);
}

/* The file's bytes on disk are still data[0..n): 1, or 0 with why. */
static int unchanged(int fd, const unsigned char *data, size_t n, char *why, size_t wn) {
  unsigned char buf[65536];
  size_t at = 0;
  for (;;) {
    ssize_t k = read(fd, buf, sizeof buf);
    if (k < 0 && errno == EINTR)
      continue;
    if (k < 0) {
      snprintf(why, wn, "cannot be read: %s", strerror(errno));
      return 0;
    }
    if (k == 0)
      break;
    if (at + (size_t)k > n || memcmp(buf, data + at, (size_t)k) != 0) {
      at = n + 1; /* longer, or other bytes */
      break;
    }
    at += (size_t)k;
  }
  if (at != n) {
    snprintf(why, wn, "changed since it was scanned");
    return 0;
  }
  return 1;
}

static int write_all(int fd, const unsigned char *d, size_t n) {
  while (n > 0) {
    ssize_t k = write(fd, d, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return -1;
    d += k;
    n -= (size_t)k;
  }
  return 0;
}

/* path's bytes are data[0..n) as scanned, and it may be replaced: 0 with
 * *st its mode, or -1 with why. */
static int check_file(const char *path, const unsigned char *data, size_t n, struct stat *st,
                      char *why, size_t wn) {
  if (lstat(path, st) != 0) {
    snprintf(why, wn, "%s", strerror(errno));
    return -1;
  }
  if (!S_ISREG(st->st_mode)) {
    snprintf(why, wn, "not a regular file");
    return -1;
  }
  if ((st->st_mode & 0222) == 0 || access(path, W_OK) != 0) {
    snprintf(why, wn, "read-only");
    return -1;
  }
  if (st->st_nlink > 1) {
    snprintf(why, wn, "it has other hard links, which replacing it would leave unfixed");
    return -1;
  }
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    snprintf(why, wn, "%s", strerror(errno));
    return -1;
  }
  int ok = unchanged(fd, data, n, why, wn);
  close(fd);
  return ok ? 0 : -1;
}

/* Replace path by d[0..n) atomically: a temporary file in its directory
 * with its mode, renamed over it. 0, or -1 with why. */
static int replace_file(const char *path, const struct stat *st, const unsigned char *d, size_t n,
                        char *why, size_t wn) {
  char tmp[PATH_MAX];
  const char *slash = strrchr(path, '/');
  int dlen = slash ? (int)(slash - path + 1) : 0;
  if (snprintf(tmp, sizeof tmp, "%.*s.%s.plugvet-XXXXXX", dlen, path, slash ? slash + 1 : path) >=
      (int)sizeof tmp) {
    snprintf(why, wn, "path too long");
    return -1;
  }
  int fd = mkstemp(tmp);
  if (fd < 0) {
    snprintf(why, wn, "cannot create a file beside it: %s", strerror(errno));
    return -1;
  }
  if (write_all(fd, d, n) != 0 || fchmod(fd, st->st_mode & 07777) != 0 || fsync(fd) != 0) {
    snprintf(why, wn, "cannot write %s: %s", tmp, strerror(errno));
    close(fd);
    unlink(tmp);
    return -1;
  }
  if (close(fd) != 0 || rename(tmp, path) != 0) {
    snprintf(why, wn, "cannot replace it: %s", strerror(errno));
    unlink(tmp);
    return -1;
  }
  return 0;
}

/* The fixes fs[0..n) of one file at path: applied, or shown. 0 or -1. */
static int fix_file(const char *path, const pv_finding *const *fs, size_t n, int dryrun,
                    FILE *diff) {
  const pv_file *f = fs[0]->file;
  pv_fix_edit *edits = calloc(n, sizeof *edits);
  pv_buf out, d;
  size_t applied = 0, overlaps = 0;
  char why[PATH_MAX + 200] = "out of memory";
  struct stat st;
  int rc = -1;
  size_t room = f->size + 1; /* the fixed file: its bytes and every fix at most */
  for (size_t i = 0; i < n; i++)
    room += strlen(fs[i]->fix);
  pv_buf_init(&out, room);
  pv_buf_init(&d, 2 * room + 2 * strlen(path) + 64 * n);
  for (size_t i = 0; edits != NULL && i < n; i++)
    edits[i] = (pv_fix_edit){fs[i]->start.byte, fs[i]->end.byte, fs[i]->fix, i, 0};
  if (edits == NULL || pv_fix_apply(f->data, f->size, edits, n, &out, &applied, &overlaps) != PV_OK)
    goto out;
  if (dryrun) {
    pv_fix_diff(path, f->data, f->size, edits, n, &d);
    if (pv_buf_status(&d) != PV_OK || fwrite(d.data, 1, d.len, diff) != d.len || fflush(diff) != 0)
      goto out;
  } else if (check_file(path, f->data, f->size, &st, why, sizeof why) != 0 ||
             replace_file(path, &st, out.data, out.len, why, sizeof why) != 0) {
    goto out;
  }
  rc = 0;
out:
  if (rc == 0)
    fprintf(stderr, "plugvet: autofix: %s: %zu fix%s %s", path, applied, applied == 1 ? "" : "es",
            dryrun ? "would be applied (dry run)" : "applied");
  else
    fprintf(stderr, "plugvet: autofix: %s: %s: its %zu fix%s not applied", path, why, n,
            n == 1 ? " was" : "es were");
  if (rc == 0 && overlaps > 0)
    fprintf(stderr, "; %zu skipped: each overlaps a fix applied before it", overlaps);
  fputc('\n', stderr);
  free(edits);
  pv_buf_free(&out);
  pv_buf_free(&d);
  return rc;
}

int pv_autofix_input(const pv_result *r, int dryrun, FILE *diff) {
  int rc = 0;
  if (!own_files(r))
    return 0;
  const pv_finding **fs = malloc((r->findings.len + 1) * sizeof *fs);
  if (fs == NULL) {
    fprintf(stderr, "plugvet: autofix: %s: out of memory: no fix applied\n", r->input);
    return -1;
  }
  /* Findings are sorted by path: each file's are together. */
  for (size_t i = 0; i < r->findings.len;) {
    const pv_finding *f = pv_result_finding(r, i);
    size_t n = 0;
    for (; i < r->findings.len && pv_result_finding(r, i)->file == f->file; i++)
      if (fixable(pv_result_finding(r, i)))
        fs[n++] = pv_result_finding(r, i);
    if (n > 0 &&
        fix_file(strcmp(r->kind, "file") == 0 ? r->input : f->path, fs, n, dryrun, diff) != 0)
      rc = -1;
  }
  free(fs);
  return rc;
}
