/* intake.c — see intake.h.
 *
 * One input is read into memory (capped), then either walked as a directory
 * (iteratively, never following symlinks) or opened with libarchive from
 * memory. Entry data is read in chunks straight into the result's arena when
 * the header's size fits the limits, else into a capped buffer; the
 * compression ratio, the byte budgets and the deadline are checked after
 * every chunk, so a bomb is stopped after about limits->ratio_min bytes.
 * Nested archives are opened from the bytes already in the vfs, with a
 * recursion bounded by min(limits->depth, NEST_HARD_MAX). */
#include "intake.h"

#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../parse.h"
#include "archive_magic.h"
#include "zipdir.h"

enum {
  CHUNK = 256 * 1024, /* bytes asked of archive_read_data at a time */
  BLOCK = 64 * 1024,  /* bytes libarchive reads from memory at a time */
  NEST_HARD_MAX = 16, /* recursion cap whatever --max-depth says */
  SNIFF_BYTES = 8192, /* NUL bytes here make a file binary (unless named as source) */
  BINARY_PCT = 25,    /* % of control bytes and invalid UTF-8 there: binary source */
};

/* ---- builtin rules ---------------------------------------------------- */

#define RULE(id_, sev_, cap_, msg_, ...) \
  PV_BUILTIN_RULE(id_, sev_, "high", cap_, msg_, msg_, __VA_ARGS__)

enum {
  R_TRAVERSAL,
  R_SYMLINK,
  R_SYMLINK_ESCAPE,
  R_HARDLINK,
  R_SPECIAL,
  R_SETUID,
  R_WORLD,
  R_DUPLICATE,
  R_CASE,
  R_NATIVE,
  R_ENCRYPTED,
  R_BOMB,
  R_ENTRIES,
  R_TOO_LARGE,
  R_ENTRY_TOO_LARGE,
  R_PATH_LONG,
  R_DEPTH,
  R_TIMEOUT,
  R_DISGUISED,
  R_ZIP_INCONSISTENT,
  R_COUNT
};

static const pv_rule_meta rules[R_COUNT] = {
    [R_TRAVERSAL] = RULE("archive.path-traversal", PV_SEV_HIGH, "fs-write",
                         "An archive entry has an absolute path or escapes the archive root "
                         "with '..' (zip slip).",
                         "CWE-22"),
    [R_SYMLINK] = RULE("archive.symlink", PV_SEV_INFO, NULL,
                       "An archive entry is a symbolic link inside the archive.", "CWE-59"),
    [R_SYMLINK_ESCAPE] = RULE("archive.symlink-escape", PV_SEV_HIGH, "fs-read",
                              "An archive symlink points outside the archive root or to an "
                              "absolute path.",
                              "CWE-59", "CWE-61"),
    [R_HARDLINK] =
        RULE("archive.hardlink", PV_SEV_MEDIUM, NULL, "An archive entry is a hard link.", "CWE-62"),
    [R_SPECIAL] = RULE("archive.special-file", PV_SEV_MEDIUM, NULL,
                       "An archive entry is a device, FIFO or socket.", "CWE-66"),
    [R_SETUID] = RULE("archive.setuid", PV_SEV_HIGH, "exec",
                      "An archive entry has the setuid or setgid bit set.", "CWE-732", "CWE-250"),
    [R_WORLD] = RULE("archive.world-writable", PV_SEV_INFO, NULL,
                     "An archive entry is world-writable.", "CWE-732"),
    [R_DUPLICATE] = RULE("archive.duplicate-path", PV_SEV_MEDIUM, NULL,
                         "An archive holds the same path twice; extractors disagree on "
                         "which copy wins.",
                         "CWE-436"),
    [R_CASE] = RULE("archive.case-collision", PV_SEV_LOW, NULL,
                    "Two archive entries differ only in letter case; one overwrites the "
                    "other on case-insensitive file systems.",
                    "CWE-178"),
    [R_NATIVE] = RULE("archive.native-binary", PV_SEV_MEDIUM, "native",
                      "A plugin ships a native binary (ELF, PE, Mach-O or a .node addon) "
                      "that source review cannot cover.",
                      "CWE-829"),
    [R_ENCRYPTED] = RULE("archive.encrypted-entry", PV_SEV_MEDIUM, NULL,
                         "An archive entry is encrypted and cannot be inspected.", "CWE-693"),
    [R_BOMB] = RULE("archive.decompression-bomb", PV_SEV_HIGH, NULL,
                    "An archive entry expands beyond the compression ratio limit.", "CWE-409"),
    [R_ENTRIES] = RULE("archive.too-many-entries", PV_SEV_MEDIUM, NULL,
                       "An archive has more entries than the limit.", "CWE-400"),
    [R_TOO_LARGE] = RULE("archive.too-large", PV_SEV_MEDIUM, NULL,
                         "An input unpacks to more bytes than the limit.", "CWE-400"),
    [R_ENTRY_TOO_LARGE] = RULE("archive.entry-too-large", PV_SEV_MEDIUM, NULL,
                               "An archive entry is larger than the per-entry limit.", "CWE-400"),
    [R_PATH_LONG] = RULE("archive.path-too-long", PV_SEV_MEDIUM, NULL,
                         "An archive entry path is longer than the limit.", "CWE-400"),
    [R_DEPTH] = RULE("archive.nesting-too-deep", PV_SEV_MEDIUM, NULL,
                     "Archives are nested deeper than the limit.", "CWE-409"),
    [R_TIMEOUT] = RULE("archive.timeout", PV_SEV_MEDIUM, NULL,
                       "Reading the input took longer than the time limit.", "CWE-400"),
    [R_DISGUISED] = RULE("archive.disguised-binary", PV_SEV_MEDIUM, NULL,
                         "A file named as JavaScript, TypeScript or JSON holds binary data "
                         "(a native executable's header, or mostly bytes that are not text).",
                         "CWE-506"),
    [R_ZIP_INCONSISTENT] = RULE("archive.zip-inconsistent", PV_SEV_HIGH, NULL,
                                "A zip's central directory and its local file headers disagree "
                                "(names, sizes or how many entries): tools that read one see "
                                "other files than tools that read the other.",
                                "CWE-436"),
};

static const pv_rule_meta *const rule_list[R_COUNT] = {
    &rules[0],  &rules[1],  &rules[2],  &rules[3],  &rules[4],  &rules[5],  &rules[6],
    &rules[7],  &rules[8],  &rules[9],  &rules[10], &rules[11], &rules[12], &rules[13],
    &rules[14], &rules[15], &rules[16], &rules[17], &rules[18],
};

const pv_rule_meta *const *pv_intake_rules(size_t *count) {
  *count = R_COUNT;
  return rule_list;
}

/* ---- paths ------------------------------------------------------------ */

int pv_path_normalise(const char *in, char *out, size_t outsz, const char **why) {
  static const char *const abs_why = "has an absolute path";
  static const char *const up_why = "escapes the archive root";
  static const char *const long_why = "is too long";
  if (outsz == 0) {
    *why = long_why;
    return -1;
  }
  if (in[0] == '/' || in[0] == '\\' || (isalpha((unsigned char)in[0]) && in[1] == ':')) {
    *why = abs_why;
    return -1;
  }
  size_t o = 0;
  const char *p = in;
  while (*p != '\0') {
    while (*p == '/' || *p == '\\')
      p++;
    size_t n = strcspn(p, "/\\");
    if (n == 0 || (n == 1 && p[0] == '.')) {
      p += n;
      continue;
    }
    if (n == 2 && p[0] == '.' && p[1] == '.') {
      if (o == 0) {
        *why = up_why;
        return -1;
      }
      while (o > 0 && out[o - 1] != '/')
        o--;
      if (o > 0)
        o--; /* drop the separator too */
      p += n;
      continue;
    }
    if (o + n + 2 > outsz) {
      *why = long_why;
      return -1;
    }
    if (o > 0)
      out[o++] = '/';
    memcpy(out + o, p, n);
    o += n;
    p += n;
  }
  out[o] = '\0';
  return 0;
}

/* ---- per-input state -------------------------------------------------- */

typedef struct {
  const char **keys, **vals;
  size_t cap, len;
} pathset;

typedef struct {
  pv_result *r;
  const pv_limits *lim;
  uint64_t deadline;
  uint64_t used;       /* bytes charged against total_bytes */
  uint64_t entries;    /* entries seen, all levels */
  unsigned max_depth;  /* min(lim->depth, NEST_HARD_MAX) */
  int stop;            /* an input-wide limit tripped: read nothing more */
  pathset seen, lower; /* exact paths; lower-cased path -> first exact */
  unsigned char *scratch;
  char *pathbuf; /* normalise target, lim->path_len + 2 bytes */
  size_t pathbuf_sz;
} intake;

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

/* The value stored under key, or NULL. */
static const char *set_get(const pathset *s, const char *key) {
  if (s->cap == 0)
    return NULL;
  for (size_t i = hash_str(key) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
    if (s->keys[i] == NULL)
      return NULL;
    if (strcmp(s->keys[i], key) == 0)
      return s->vals[i];
  }
}

/* Insert (or overwrite) key; -1 on out-of-memory. Keys live in the arena. */
static int set_put(pathset *s, const char *key, const char *val) {
  if (2 * (s->len + 1) > s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 256;
    const char **k = calloc(cap, sizeof *k), **v = calloc(cap, sizeof *v);
    if (k == NULL || v == NULL) {
      free(k);
      free(v);
      return -1;
    }
    for (size_t i = 0; i < s->cap; i++) {
      if (s->keys[i] == NULL)
        continue;
      size_t j = hash_str(s->keys[i]) & (cap - 1);
      while (k[j] != NULL)
        j = (j + 1) & (cap - 1);
      k[j] = s->keys[i];
      v[j] = s->vals[i];
    }
    free(s->keys);
    free(s->vals);
    s->keys = k;
    s->vals = v;
    s->cap = cap;
  }
  size_t i = hash_str(key) & (s->cap - 1);
  while (s->keys[i] != NULL && strcmp(s->keys[i], key) != 0)
    i = (i + 1) & (s->cap - 1);
  if (s->keys[i] == NULL)
    s->len++;
  s->keys[i] = key;
  s->vals[i] = val;
  return 0;
}

static void set_free(pathset *s) {
  free(s->keys);
  free(s->vals);
}

static int past_deadline(const intake *in) {
  return in->deadline != 0 && pv_now_ms() > in->deadline;
}

/* ---- findings --------------------------------------------------------- */

static char *arena_vprintf(pv_arena *a, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *p = n < 0 ? NULL : pv_arena_alloc(a, (size_t)n + 1);
  if (p != NULL)
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

/* Add a file-level finding of rule `rule`; PV_FATAL on out-of-memory. */
static pv_status hazard(intake *in, int rule, pv_severity sev, const pv_file *f, const char *path,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static pv_status hazard(intake *in, int rule, pv_severity sev, const pv_file *f, const char *path,
                        const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = arena_vprintf(in->r->arena, fmt, ap);
  va_end(ap);
  if (msg == NULL)
    return PV_FATAL;
  pv_finding fd = {0};
  fd.rule = &rules[rule];
  fd.severity = sev;
  fd.message = msg;
  fd.file = f;
  fd.path = path ? path : in->r->input;
  fd.start.line = fd.start.col = fd.end.line = fd.end.col = 1;
  pv_result_add_finding(in->r, &fd, in->lim); /* NULL past the findings cap: noted there */
  return PV_OK;
}

/* A tripped limit: a finding plus a warning note with the same message. */
static pv_status trip(intake *in, int rule, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static pv_status trip(intake *in, int rule, const char *path, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = arena_vprintf(in->r->arena, fmt, ap);
  va_end(ap);
  if (msg == NULL)
    return PV_FATAL;
  pv_result_note(in->r, PV_NOTE_WARNING, rules[rule].id, path, "%s", msg);
  return hazard(in, rule, rules[rule].severity, NULL, path, "%s", msg);
}

static pv_status trip_timeout(intake *in, const char *where) {
  in->stop = 1;
  return trip(in, R_TIMEOUT, NULL, "reading '%s' took longer than the time limit; reading stopped",
              where);
}

/* ---- reading entry data ----------------------------------------------- */

typedef enum { RD_OK, RD_STOP_LEVEL, RD_STOP_ALL, RD_ERROR, RD_OOM } rd_status;

typedef struct {
  unsigned char *data;
  size_t len;
} blob;

/* The limit hit when a buffer capped at `cap` overflows. */
static rd_status over_cap(intake *in, uint64_t cap, const char *path) {
  if (cap >= in->lim->entry_bytes) {
    if (trip(in, R_ENTRY_TOO_LARGE, path, "entry '%s' is larger than %llu bytes; reading stopped",
             path, (unsigned long long)in->lim->entry_bytes) == PV_FATAL)
      return RD_OOM;
    return RD_STOP_LEVEL;
  }
  in->stop = 1;
  if (trip(in, R_TOO_LARGE, path,
           "more than %llu bytes unpacked from '%s' (at entry '%s'); reading stopped",
           (unsigned long long)in->lim->total_bytes, in->r->input, path) == PV_FATAL)
    return RD_OOM;
  return RD_STOP_ALL;
}

/* Checks after each chunk: ratio (entry bytes vs compressed bytes consumed
 * for them) and the deadline. */
static rd_status chunk_checks(intake *in, struct archive *a, int64_t c0, uint64_t got,
                              const char *path) {
  const pv_limits *lim = in->lim;
  if (lim->ratio != 0 && got > lim->ratio_min) {
    int64_t c = archive_filter_bytes(a, -1) - c0;
    if (c < 1)
      c = 1;
    if (got / (uint64_t)c > lim->ratio) {
      if (trip(in, R_BOMB, path,
               "entry '%s' expands more than %u:1 (%llu bytes from %lld compressed); "
               "reading stopped",
               path, (unsigned)lim->ratio, (unsigned long long)got, (long long)c) == PV_FATAL)
        return RD_OOM;
      return RD_STOP_LEVEL;
    }
  }
  if (past_deadline(in))
    return trip_timeout(in, in->r->input) == PV_FATAL ? RD_OOM : RD_STOP_ALL;
  return RD_OK;
}

/* Read the current entry's data into the arena. When the header's size fits
 * the limits the bytes go straight into an arena block of that size (one
 * copy); otherwise (unknown size, too big, or the header lied) into a capped
 * buffer that is copied once at the end. */
static rd_status read_entry_data(intake *in, struct archive *a, struct archive_entry *e,
                                 const char *path, blob *out) {
  const pv_limits *lim = in->lim;
  uint64_t room = lim->total_bytes > in->used ? lim->total_bytes - in->used : 0;
  uint64_t cap = lim->entry_bytes < room ? lim->entry_bytes : room;
  if (cap > SIZE_MAX / 2)
    cap = SIZE_MAX / 2;
  int64_t decl = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
  int64_t c0 = archive_filter_bytes(a, -1);
  unsigned char *fixed = NULL;
  size_t fixed_cap = 0, len = 0;
  pv_buf b;
  pv_buf_init(&b, (size_t)cap);
  if (decl >= 0 && (uint64_t)decl <= cap) {
    fixed_cap = (size_t)decl;
    if ((fixed = pv_result_data_alloc(in->r, fixed_cap + 1)) == NULL)
      return RD_OOM;
    in->used += fixed_cap; /* charged even if the entry turns out shorter */
  }
  rd_status rc = RD_OK;
  for (;;) {
    int into_fixed = fixed != NULL && len < fixed_cap;
    unsigned char *dst = into_fixed ? fixed + len : in->scratch;
    size_t want = into_fixed ? fixed_cap - len : CHUNK;
    if (want > CHUNK)
      want = CHUNK;
    la_ssize_t n = archive_read_data(a, dst, want);
    if (n < 0) {
      rc = RD_ERROR;
      break;
    }
    if (n == 0)
      break;
    if (!into_fixed) {
      if (fixed != NULL) { /* more bytes than the header said: switch buffers */
        if (pv_buf_add(&b, fixed, len) != PV_OK) {
          rc = RD_OOM;
          break;
        }
        fixed = NULL;
      }
      pv_status st = pv_buf_add(&b, dst, (size_t)n);
      if (st == PV_FATAL) {
        rc = RD_OOM;
        break;
      }
      if (st == PV_FAILED) {
        rc = over_cap(in, cap, path);
        break;
      }
      len = b.len;
    } else {
      len += (size_t)n;
    }
    if ((rc = chunk_checks(in, a, c0, len, path)) != RD_OK)
      break;
  }
  if (rc == RD_OK && fixed == NULL) {
    in->used += b.len;
    fixed = pv_result_data_alloc(in->r, b.len + 1);
    if (fixed == NULL)
      rc = RD_OOM;
    else if (b.len)
      memcpy(fixed, b.data, b.len);
    len = b.len;
  }
  pv_buf_free(&b);
  out->data = fixed;
  out->len = len;
  return rc;
}

/* ---- entry classification --------------------------------------------- */

/* Arena copy of s with control characters and invalid UTF-8 bytes as '?'. */
static char *sanitise(pv_arena *a, const char *s) {
  size_t n = strlen(s);
  char *o = pv_arena_strndup(a, s, n);
  if (o == NULL)
    return NULL;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)o[i];
    if (c < 0x20 || c == 0x7f) {
      o[i++] = '?';
      continue;
    }
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t k = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    size_t j = 1;
    while (k && j < k && i + j < n && ((unsigned char)o[i + j] & 0xc0) == 0x80)
      j++;
    if (k == 0 || j < k) {
      o[i++] = '?';
      continue;
    }
    i += k;
  }
  return o;
}

static int has_suffix(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && strcasecmp(s + n - m, suf) == 0;
}

/* Bytes in the first n of d that no text file holds: control bytes other
 * than whitespace, and bytes of invalid UTF-8 sequences. */
static size_t non_text_bytes(const unsigned char *d, size_t n) {
  size_t bad = 0;
  for (size_t i = 0; i < n;) {
    unsigned c = d[i];
    if (c < 0x80) {
      bad += (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7f;
      i++;
      continue;
    }
    size_t k = c >= 0xf0 && c <= 0xf4  ? 4
               : c >= 0xe0 && c < 0xf0 ? 3
               : c >= 0xc2 && c < 0xe0 ? 2
                                       : 0;
    size_t j = 1;
    while (k && j < k && i + j < n && (d[i + j] & 0xc0) == 0x80)
      j++;
    if (k == 0 || (j < k && i + j < n)) {
      bad++;
      i++;
      continue;
    }
    i += j;
  }
  return bad;
}

/* Binary / native flags and the native finding for one regular file. A
 * file named as source (parse.h) is parsed whatever its bytes; when it is
 * a native executable or mostly not text, that is a finding. */
static pv_status classify_data(intake *in, pv_file *f) {
  char arch[96];
  size_t sniff = f->size < SNIFF_BYTES ? f->size : SNIFF_BYTES;
  int source = pv_lang_detect(f->path, f->data, f->size, NULL) != PV_LANG_NONE;
  int native = pv_native_arch(f->data, f->size, arch, sizeof arch);
  pv_status rc = PV_OK;
  if (source && (native || non_text_bytes(f->data, sniff) * 100 > sniff * BINARY_PCT))
    rc = hazard(in, R_DISGUISED, PV_SEV_MEDIUM, f, f->path,
                "entry '%s' is named as source but holds binary data (%s)", f->path,
                native ? arch : "mostly bytes that are not text");
  else if (!source && memchr(f->data, 0, sniff) != NULL)
    f->flags |= PV_FILE_BINARY;
  if (!native && has_suffix(f->path, ".node")) {
    snprintf(arch, sizeof arch, "Node.js addon, unknown format");
    native = 1;
  }
  if (!native || rc != PV_OK)
    return rc;
  f->flags |= PV_FILE_NATIVE;
  return hazard(in, R_NATIVE, PV_SEV_MEDIUM, f, f->path, "entry '%s' is a native binary (%s)",
                f->path, arch);
}

/* Duplicate and case-collision checks; records the path. */
static pv_status check_collisions(intake *in, const pv_file *f) {
  const char *path = f->path;
  if (set_get(&in->seen, path) != NULL) {
    return hazard(in, R_DUPLICATE, PV_SEV_MEDIUM, f, path,
                  "entry '%s' appears more than once; the later copy shadows the earlier one",
                  path);
  }
  char *low = pv_arena_strdup(in->r->arena, path);
  if (low == NULL)
    return PV_FATAL;
  for (char *p = low; *p; p++)
    *p = (char)tolower((unsigned char)*p);
  const char *first = set_get(&in->lower, low);
  if (set_put(&in->seen, path, path) < 0)
    return PV_FATAL;
  if (first != NULL)
    return hazard(in, R_CASE, PV_SEV_LOW, f, path, "entry '%s' differs only in case from '%s'",
                  path, first);
  return set_put(&in->lower, low, path) < 0 ? PV_FATAL : PV_OK;
}

/* Does a symlink at `link_path` (normalised, relative) pointing at `target`
 * leave the root? */
static int link_escapes(intake *in, const char *link_path, const char *target) {
  const char *why;
  if (target[0] == '/' || target[0] == '\\')
    return 1;
  const char *slash = strrchr(link_path, '/');
  size_t dl = slash ? (size_t)(slash - link_path) : 0;
  size_t need = dl + strlen(target) + 2;
  char *joined = malloc(need), *norm = malloc(need);
  int esc = 1;
  if (joined != NULL && norm != NULL) {
    snprintf(joined, need, "%.*s%s%s", (int)dl, link_path, dl ? "/" : "", target);
    esc = pv_path_normalise(joined, norm, need, &why) != 0;
  }
  free(joined);
  free(norm);
  (void)in;
  return esc;
}

/* Mode and link hazards of one entry (already added as f). rel is the path
 * relative to its own archive or directory root, for link resolution. */
static pv_status check_mode_links(intake *in, const pv_file *f, const char *rel, int dir_input) {
  pv_status rc = PV_OK;
  const char *p = f->path;
  const char *kinds[] = {
      [PV_ENTRY_DEVICE] = "device", [PV_ENTRY_FIFO] = "FIFO", [PV_ENTRY_SOCKET] = "socket"};
  if (f->kind == PV_ENTRY_SYMLINK) {
    if (link_escapes(in, rel, f->link_target))
      rc = hazard(in, R_SYMLINK_ESCAPE, PV_SEV_HIGH, f, p,
                  "symlink '%s' points to '%s', outside the %s root", p, f->link_target,
                  dir_input ? "directory" : "archive");
    else if (!dir_input)
      rc = hazard(in, R_SYMLINK, PV_SEV_INFO, f, p,
                  "symlink '%s' points to '%s' inside the archive", p, f->link_target);
  } else if (f->kind == PV_ENTRY_HARDLINK) {
    const char *why;
    int esc = pv_path_normalise(f->link_target, in->pathbuf, in->pathbuf_sz, &why) != 0;
    rc = hazard(in, R_HARDLINK, esc ? PV_SEV_HIGH : PV_SEV_MEDIUM, f, p,
                esc ? "hardlink '%s' links to '%s', outside the archive root"
                    : "hardlink '%s' links to '%s'",
                p, f->link_target);
  } else if (f->kind == PV_ENTRY_DEVICE || f->kind == PV_ENTRY_FIFO || f->kind == PV_ENTRY_SOCKET) {
    rc = hazard(in, R_SPECIAL, PV_SEV_MEDIUM, f, p, "entry '%s' is a %s", p, kinds[f->kind]);
  }
  if (rc != PV_OK)
    return rc;
  unsigned m = f->mode;
  if ((m & 06000) && f->kind != PV_ENTRY_DIR && f->kind != PV_ENTRY_SYMLINK)
    rc = hazard(in, R_SETUID, PV_SEV_HIGH, f, p, "entry '%s' has the %s bit set (mode %04o)", p,
                (m & 06000) == 06000 ? "setuid and setgid"
                : (m & 04000)        ? "setuid"
                                     : "setgid",
                m & 07777);
  if (rc == PV_OK && (m & 0002) && f->kind != PV_ENTRY_SYMLINK)
    rc = hazard(in, R_WORLD, PV_SEV_INFO, f, p, "entry '%s' is world-writable (mode %04o)", p,
                m & 07777);
  return rc;
}

/* ---- archives --------------------------------------------------------- */

typedef struct {
  int unrecognised; /* failed before the first entry: not an archive we know */
  int failed;       /* libarchive error (reason set) */
  size_t entries;   /* entries read at this level */
  char kind[32];
  char reason[256];
} level_out;

static pv_status read_archive(intake *in, const unsigned char *data, size_t size,
                              const char *prefix, unsigned depth, level_out *out);

static pv_entry_kind entry_kind(struct archive_entry *e) {
  if (archive_entry_hardlink(e) != NULL)
    return PV_ENTRY_HARDLINK;
  switch (archive_entry_filetype(e)) {
    case AE_IFDIR:
      return PV_ENTRY_DIR;
    case AE_IFLNK:
      return PV_ENTRY_SYMLINK;
    case AE_IFCHR:
    case AE_IFBLK:
      return PV_ENTRY_DEVICE;
    case AE_IFIFO:
      return PV_ENTRY_FIFO;
    case AE_IFSOCK:
      return PV_ENTRY_SOCKET;
    default:
      return PV_ENTRY_FILE; /* AE_IFREG, or 0 from formats without modes */
  }
}

static const char *entry_name(struct archive_entry *e) {
  const char *s = archive_entry_pathname_utf8(e);
  if (s == NULL)
    s = archive_entry_pathname(e);
  return s ? s : "";
}

/* Open a nested archive held by f, or keep it opaque when too deep. */
static pv_status open_nested(intake *in, const pv_file *f, unsigned depth) {
  if (depth + 1 > in->max_depth) {
    return trip(in, R_DEPTH, f->path, "nested archive '%s' is deeper than %u levels; kept unopened",
                f->path, in->max_depth);
  }
  char *prefix = pv_arena_printf(in->r->arena, "%s!/", f->path);
  if (prefix == NULL)
    return PV_FATAL;
  level_out lo = {0};
  pv_status rc = read_archive(in, f->data, f->size, prefix, depth + 1, &lo);
  if (rc == PV_FATAL)
    return rc;
  if (lo.failed && !lo.unrecognised)
    pv_result_note(in->r, PV_NOTE_WARNING, "nested-archive-error", f->path,
                   "nested archive '%s': %s after %zu entries", f->path, lo.reason, lo.entries);
  return PV_OK;
}

/* Add one regular/special/link entry (f prefilled) and run its checks. */
static pv_status add_entry(intake *in, pv_file *tmpl, const char *rel, unsigned depth,
                           int dir_input) {
  pv_file *f = pv_result_add_file(in->r, tmpl);
  if (f == NULL)
    return PV_FATAL;
  if (f->data != NULL)
    in->r->bytes += f->size;
  pv_status rc = check_collisions(in, f);
  if (rc == PV_OK)
    rc = check_mode_links(in, f, rel, dir_input);
  if (rc == PV_OK && f->kind == PV_ENTRY_FILE && f->data != NULL)
    rc = classify_data(in, f);
  if (rc == PV_OK && f->kind == PV_ENTRY_FILE && pv_looks_like_archive(f->data, f->size))
    rc = open_nested(in, f, depth);
  return rc;
}

/* Handle one archive header: returns PV_FATAL on OOM; *stop = 1 (this level)
 * when a limit tripped or the data could not be read (*err = 1). */
static pv_status do_entry(intake *in, struct archive *a, struct archive_entry *e,
                          const char *prefix, unsigned depth, int *stop, int *err) {
  pv_arena *ar = in->r->arena;
  const char *raw = entry_name(e), *why = NULL;
  size_t rawlen = strlen(raw);
  if (rawlen > in->lim->path_len) {
    *stop = 1;
    char *shown = sanitise(ar, raw);
    if (shown == NULL)
      return PV_FATAL;
    if (strlen(shown) > 80)
      memcpy(shown + 77, "...", 4);
    return trip(in, R_PATH_LONG, NULL, "entry path '%s%s' is %zu bytes long, over the limit of %u",
                prefix, shown, rawlen, (unsigned)in->lim->path_len);
  }
  int bad = pv_path_normalise(raw, in->pathbuf, in->pathbuf_sz, &why) != 0;
  if (!bad && in->pathbuf[0] == '\0')
    return PV_OK; /* the root itself ("./") */
  char *rel = sanitise(ar, bad ? raw : in->pathbuf);
  char *path = rel ? pv_arena_printf(ar, "%s%s", prefix, rel) : NULL;
  if (path == NULL)
    return PV_FATAL;
  pv_file f = {.path = path, .mode = archive_entry_mode(e), .kind = entry_kind(e)};
  if (bad &&
      hazard(in, R_TRAVERSAL, PV_SEV_HIGH, NULL, path, "entry '%s' %s", path, why) == PV_FATAL)
    return PV_FATAL;
  if (f.kind == PV_ENTRY_DIR)
    return PV_OK; /* directories are not vfs files */
  if (f.kind == PV_ENTRY_SYMLINK || f.kind == PV_ENTRY_HARDLINK) {
    const char *t =
        f.kind == PV_ENTRY_SYMLINK ? archive_entry_symlink(e) : archive_entry_hardlink(e);
    if ((f.link_target = sanitise(ar, t ? t : "")) == NULL)
      return PV_FATAL;
  }
  if (f.kind == PV_ENTRY_FILE && archive_entry_is_encrypted(e)) {
    f.flags |= PV_FILE_ENCRYPTED;
    pv_file *added = pv_result_add_file(in->r, &f);
    if (added == NULL)
      return PV_FATAL;
    return hazard(in, R_ENCRYPTED, PV_SEV_MEDIUM, added, path,
                  "entry '%s' is encrypted and cannot be inspected", path);
  }
  if (f.kind == PV_ENTRY_FILE) {
    blob b = {0};
    rd_status rs = read_entry_data(in, a, e, path, &b);
    if (rs == RD_OOM)
      return PV_FATAL;
    if (rs != RD_OK) {
      *stop = 1;
      *err = rs == RD_ERROR;
      return PV_OK;
    }
    f.data = b.data;
    f.size = b.len;
  }
  return add_entry(in, &f, bad ? rel : in->pathbuf, depth, 0);
}

/* Reason text for a libarchive failure. */
static void archive_reason(struct archive *a, int any_entry, char *buf, size_t n) {
  const char *msg = archive_error_string(a);
  if (msg == NULL)
    msg = "unknown error";
  int filt = archive_filter_code(a, 0);
  const char *fname = filt != ARCHIVE_FILTER_NONE ? archive_filter_name(a, 0) : NULL;
  int unrec = strstr(msg, "Unrecognized archive format") != NULL;
  int trunc = strcasestr(msg, "truncat") != NULL || strcasestr(msg, "premature") != NULL ||
              strcasestr(msg, "unexpected end") != NULL || strcasestr(msg, "eof") != NULL;
  if (unrec && !any_entry)
    snprintf(buf, n,
             fname ? "not a recognised archive inside the %s stream" : "not a recognised archive%s",
             fname ? fname : "");
  else if (trunc && fname)
    snprintf(buf, n, "truncated %s stream", fname);
  else if (trunc)
    snprintf(buf, n, "truncated archive");
  else
    snprintf(buf, n, "corrupt archive: %s", msg);
}

static void kind_name(struct archive *a, char *buf, size_t n) {
  const char *base;
  switch (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) {
    case ARCHIVE_FORMAT_TAR:
      base = "tar";
      break;
    case ARCHIVE_FORMAT_ZIP:
      base = "zip";
      break;
    case ARCHIVE_FORMAT_CPIO:
      base = "cpio";
      break;
    case ARCHIVE_FORMAT_AR:
      base = "ar";
      break;
    case ARCHIVE_FORMAT_7ZIP:
      base = "7z";
      break;
    case ARCHIVE_FORMAT_RAR:
    case ARCHIVE_FORMAT_RAR_V5:
      base = "rar";
      break;
    case ARCHIVE_FORMAT_ISO9660:
      base = "iso9660";
      break;
    case ARCHIVE_FORMAT_CAB:
      base = "cab";
      break;
    case ARCHIVE_FORMAT_LHA:
      base = "lha";
      break;
    case ARCHIVE_FORMAT_XAR:
      base = "xar";
      break;
    default:
      base = "archive";
      break;
  }
  const char *suf = "";
  switch (archive_filter_code(a, 0)) {
    case ARCHIVE_FILTER_GZIP:
      suf = ".gz";
      break;
    case ARCHIVE_FILTER_XZ:
      suf = ".xz";
      break;
    case ARCHIVE_FILTER_BZIP2:
      suf = ".bz2";
      break;
    case ARCHIVE_FILTER_ZSTD:
      suf = ".zst";
      break;
    case ARCHIVE_FILTER_LZMA:
      suf = ".lzma";
      break;
    case ARCHIVE_FILTER_LZIP:
      suf = ".lz";
      break;
    case ARCHIVE_FILTER_LZ4:
      suf = ".lz4";
      break;
    case ARCHIVE_FILTER_COMPRESS:
      suf = ".Z";
      break;
    default:
      break;
  }
  snprintf(buf, n, "%s%s", base, suf);
}

/* A libarchive reader over memory. Only in-process filters (no external
 * programs) and no mtree (it reads the files it names from disk). */
static struct archive *open_memory(const unsigned char *data, size_t size) {
  struct archive *a = archive_read_new();
  if (a == NULL)
    return NULL;
  archive_read_support_filter_gzip(a);
  archive_read_support_filter_bzip2(a);
  archive_read_support_filter_xz(a);
  archive_read_support_filter_lzma(a);
  archive_read_support_filter_lzip(a);
  archive_read_support_filter_zstd(a);
  archive_read_support_filter_lz4(a);
  archive_read_support_filter_compress(a);
  archive_read_support_format_tar(a);
  archive_read_support_format_zip(a);
  archive_read_support_format_7zip(a);
  archive_read_support_format_cpio(a);
  archive_read_support_format_rar(a);
  archive_read_support_format_rar5(a);
  archive_read_support_format_xar(a);
  archive_read_support_format_cab(a);
  archive_read_support_format_lha(a);
  archive_read_support_format_iso9660(a);
  archive_read_support_format_ar(a);
  archive_read_open_memory2(a, data, size, BLOCK);
  return a;
}

/* A zip whose central directory and local headers disagree: the finding,
 * and in *cd_zip the central directory's entries to read (zipdir.h). */
static pv_status zip_check(intake *in, const unsigned char *data, size_t size, const char *prefix,
                           unsigned char **cd_zip, size_t *cd_len) {
  char why[512];
  int bad = pv_zip_inconsistent(data, size, why, sizeof why, cd_zip, cd_len);
  if (bad <= 0)
    return bad < 0 ? PV_FATAL : PV_OK;
  const char *name = prefix[0] ? prefix : in->r->input;
  return hazard(in, R_ZIP_INCONSISTENT, PV_SEV_HIGH, NULL, name,
                "%s: the zip's central directory and its local file headers disagree: %s. %s", name,
                why,
                *cd_zip ? "The entries its central directory lists (what browsers and VS Code "
                          "extract) are the ones scanned."
                        : "Its central directory is unreadable, so the local headers are scanned.");
}

static pv_status read_archive(intake *in, const unsigned char *data, size_t size,
                              const char *prefix, unsigned depth, level_out *out) {
  size_t off = 0;
  int crx = pv_crx_payload(data, size, &off);
  if (crx < 0) {
    out->failed = 1;
    snprintf(out->reason, sizeof out->reason, "corrupt CRX header");
    return PV_OK;
  }
  unsigned char *cd_zip = NULL; /* the central directory's entries, when it disagrees */
  size_t cd_len = 0;
  if (zip_check(in, data + off, size - off, prefix, &cd_zip, &cd_len) == PV_FATAL)
    return PV_FATAL;
  struct archive *a = cd_zip ? open_memory(cd_zip, cd_len) : open_memory(data + off, size - off);
  if (a == NULL) {
    free(cd_zip);
    return PV_FATAL;
  }
  pv_status rc = PV_OK;
  while (!in->stop) {
    if (past_deadline(in)) {
      rc = trip_timeout(in, in->r->input);
      break;
    }
    struct archive_entry *e;
    int ar = archive_read_next_header(a, &e);
    if (ar == ARCHIVE_EOF)
      break;
    if (out->entries == 0 && ar >= ARCHIVE_WARN)
      kind_name(a, out->kind, sizeof out->kind);
    if (ar < ARCHIVE_WARN) {
      out->failed = 1;
      out->unrecognised =
          out->entries == 0 && strstr(archive_error_string(a) ? archive_error_string(a) : "",
                                      "Unrecognized archive format") != NULL;
      archive_reason(a, out->entries > 0, out->reason, sizeof out->reason);
      break;
    }
    out->entries++;
    if (++in->entries > in->lim->entries) {
      in->stop = 1;
      rc = trip(in, R_ENTRIES, NULL, "more than %llu entries in '%s'; reading stopped",
                (unsigned long long)in->lim->entries, prefix[0] ? prefix : in->r->input);
      break;
    }
    int stop = 0, err = 0;
    if ((rc = do_entry(in, a, e, prefix, depth, &stop, &err)) == PV_FATAL)
      break;
    if (err) {
      out->failed = 1;
      out->entries--; /* this entry's data was lost */
      archive_reason(a, 1, out->reason, sizeof out->reason);
    }
    if (stop)
      break;
  }
  if (crx && out->kind[0])
    snprintf(out->kind, sizeof out->kind, "crx");
  archive_read_free(a);
  free(cd_zip);
  return rc;
}

/* ---- inputs: files and directories ------------------------------------ */

static int archive_extension(const char *name) {
  static const char *const exts[] = {".tgz",   ".tar", ".gz",   ".xz",   ".txz", ".bz2", ".tbz2",
                                     ".zst",   ".zip", ".vsix", ".crx",  ".jar", ".war", ".xpi",
                                     ".nupkg", ".7z",  ".rar",  ".cpio", NULL};
  for (int i = 0; exts[i]; i++)
    if (has_suffix(name, exts[i]))
      return 1;
  return 0;
}

/* Whether a directory walk for the inventory alone (r->manifests_only)
 * reads the file at rel: everything outside node_modules/; inside it only
 * manifests, lockfiles and archives (whose packages the inventory lists). */
static int inventory_reads(const char *rel) {
  static const char *const names[] = {
      "package.json", "package-lock.json", ".package-lock.json", "npm-shrinkwrap.json",
      "yarn.lock",    "pnpm-lock.yaml",    "bun.lock",           NULL};
  if (strncmp(rel, "node_modules/", 13) != 0 && strstr(rel, "/node_modules/") == NULL)
    return 1;
  const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
  for (int i = 0; names[i]; i++)
    if (strcmp(base, names[i]) == 0)
      return 1;
  return archive_extension(base);
}

/* The input's display prefix for files: leading "./" stripped, "." → "". */
static const char *display_path(pv_arena *a, const char *input) {
  while (input[0] == '.' && input[1] == '/') {
    input += 2;
    while (*input == '/')
      input++;
  }
  size_t n = strlen(input);
  while (n > 1 && input[n - 1] == '/')
    n--;
  if (n == 0 || (n == 1 && input[0] == '.'))
    return pv_arena_strdup(a, "");
  return pv_arena_strndup(a, input, n);
}

const char *pv_intake_dir_prefix(pv_result *r) {
  return display_path(r->arena, r->input);
}

/* Read up to cap bytes of fd (size bytes expected) into an arena block of
 * size+1; hashes nothing. Returns -1 with errno on a read error. */
static ssize_t read_fd(int fd, unsigned char *buf, size_t size) {
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, buf + got, size - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    if (n == 0)
      break;
    got += (size_t)n;
  }
  return (ssize_t)got;
}

/* Add one regular file of a directory walk (or a single-file input). */
static pv_status dir_file(intake *in, const char *full, const char *path, const char *rel,
                          const struct stat *st) {
  if ((uint64_t)st->st_size > in->lim->entry_bytes)
    return trip(in, R_ENTRY_TOO_LARGE, path, "entry '%s' is larger than %llu bytes; skipped", path,
                (unsigned long long)in->lim->entry_bytes);
  if ((uint64_t)st->st_size > in->lim->total_bytes - in->used) {
    in->stop = 1;
    return trip(in, R_TOO_LARGE, path,
                "more than %llu bytes unpacked from '%s' (at entry '%s'); reading stopped",
                (unsigned long long)in->lim->total_bytes, in->r->input, path);
  }
  int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    pv_result_note(in->r, PV_NOTE_WARNING, "unreadable-file", path, "%s: %s", path,
                   strerror(errno));
    return PV_OK;
  }
  size_t size = (size_t)st->st_size;
  unsigned char *buf = pv_result_data_alloc(in->r, size + 1);
  ssize_t got = buf ? read_fd(fd, buf, size) : 0;
  int saved = errno;
  close(fd);
  if (buf == NULL)
    return PV_FATAL;
  if (got < 0) {
    pv_result_note(in->r, PV_NOTE_WARNING, "unreadable-file", path, "%s: %s", path,
                   strerror(saved));
    return PV_OK;
  }
  in->used += size;
  pv_file f = {
      .path = path, .data = buf, .size = (size_t)got, .mode = st->st_mode, .kind = PV_ENTRY_FILE};
  return add_entry(in, &f, rel, 0, 1);
}

/* One non-directory entry of a directory walk. */
static pv_status dir_entry(intake *in, const char *full, const char *path, const char *rel,
                           const struct stat *st) {
  pv_file f = {.path = path, .mode = st->st_mode};
  if (S_ISREG(st->st_mode))
    return dir_file(in, full, path, rel, st);
  if (S_ISLNK(st->st_mode)) {
    char target[4096];
    ssize_t n = readlink(full, target, sizeof target - 1);
    if (n < 0)
      n = 0;
    target[n] = '\0';
    f.kind = PV_ENTRY_SYMLINK;
    if ((f.link_target = sanitise(in->r->arena, target)) == NULL)
      return PV_FATAL;
  } else if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
    f.kind = PV_ENTRY_DEVICE;
  } else if (S_ISFIFO(st->st_mode)) {
    f.kind = PV_ENTRY_FIFO;
  } else if (S_ISSOCK(st->st_mode)) {
    f.kind = PV_ENTRY_SOCKET;
  } else {
    f.kind = PV_ENTRY_OTHER;
  }
  return add_entry(in, &f, rel, 0, 1);
}

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(char *const *)x, *(char *const *)y);
}

typedef struct {
  char **items;
  size_t len, cap;
} strvec;

static int strvec_push(strvec *v, char *s) {
  if (s == NULL)
    return -1;
  if (v->len == v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 32;
    char **p = realloc(v->items, cap * sizeof *p);
    if (p == NULL) {
      free(s);
      return -1;
    }
    v->items = p;
    v->cap = cap;
  }
  v->items[v->len++] = s;
  return 0;
}

static void strvec_free(strvec *v) {
  for (size_t i = 0; i < v->len; i++)
    free(v->items[i]);
  free(v->items);
  v->items = NULL;
  v->len = v->cap = 0;
}

/* Sorted names in directory `full` (without "." and ".."); -1 with errno. */
static int list_dir(const char *full, strvec *names) {
  DIR *d = opendir(full);
  if (d == NULL)
    return -1;
  struct dirent *de;
  int rc = 0;
  while ((de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
      continue;
    if (strvec_push(names, strdup(de->d_name)) < 0) {
      rc = -1;
      errno = ENOMEM;
      break;
    }
  }
  closedir(d);
  if (names->len > 1)
    qsort(names->items, names->len, sizeof *names->items, cmp_str);
  return rc;
}

/* Version-control metadata is not plugin content. */
static int skip_dir(const char *name) {
  return strcmp(name, ".git") == 0 || strcmp(name, ".hg") == 0 || strcmp(name, ".svn") == 0;
}

/* Walk one directory (rel "" is the root): its non-directories are added
 * in name order, its subdirectories pushed on the stack. */
static pv_status walk_one(intake *in, const char *root, const char *shown, const char *rel,
                          strvec *stack) {
  char *full = rel[0] ? pv_arena_printf(in->r->arena, "%s/%s", root, rel)
                      : pv_arena_strdup(in->r->arena, root);
  if (full == NULL)
    return PV_FATAL;
  strvec names = {0}, subdirs = {0};
  pv_status rc = PV_OK;
  if (list_dir(full, &names) < 0) {
    if (errno == ENOMEM)
      return PV_FATAL;
    if (rel[0] == '\0')
      pv_result_fail(in->r, "%s: %s", in->r->input, strerror(errno));
    else
      pv_result_note(in->r, PV_NOTE_WARNING, "unreadable-directory", rel, "%s/%s: %s", shown, rel,
                     strerror(errno));
    goto out;
  }
  for (size_t i = 0; i < names.len && rc == PV_OK && !in->stop; i++) {
    char *r2 = rel[0] ? pv_arena_printf(in->r->arena, "%s/%s", rel, names.items[i])
                      : pv_arena_strdup(in->r->arena, names.items[i]);
    char *f2 = r2 ? pv_arena_printf(in->r->arena, "%s/%s", root, r2) : NULL;
    char *clean = r2 ? sanitise(in->r->arena, r2) : NULL;
    char *path =
        clean ? (shown[0] ? pv_arena_printf(in->r->arena, "%s/%s", shown, clean) : clean) : NULL;
    if (path == NULL) {
      rc = PV_FATAL;
      break;
    }
    struct stat st;
    if (lstat(f2, &st) < 0)
      continue;
    if (++in->entries > in->lim->entries) {
      in->stop = 1;
      rc = trip(in, R_ENTRIES, NULL, "more than %llu entries in '%s'; reading stopped",
                (unsigned long long)in->lim->entries, in->r->input);
      break;
    }
    if (strlen(r2) > in->lim->path_len) {
      rc = trip(in, R_PATH_LONG, NULL,
                "entry path '%.80s...' is %zu bytes long, over the limit of %u", path, strlen(r2),
                (unsigned)in->lim->path_len);
      continue;
    }
    if (past_deadline(in)) {
      rc = trip_timeout(in, in->r->input);
      break;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!skip_dir(names.items[i]) && strvec_push(&subdirs, strdup(r2)) < 0)
        rc = PV_FATAL;
      continue;
    }
    if (in->r->manifests_only && S_ISREG(st.st_mode) && !inventory_reads(r2))
      continue; /* plugvet sbom: the file's bytes are never looked at */
    rc = dir_entry(in, f2, path, r2, &st);
  }
  for (size_t i = subdirs.len; i-- > 0 && rc == PV_OK;) {
    if (strvec_push(stack, subdirs.items[i]) < 0)
      rc = PV_FATAL;
    subdirs.items[i] = NULL;
  }
out:
  strvec_free(&names);
  strvec_free(&subdirs);
  return rc;
}

static pv_status walk_dir(intake *in) {
  const char *shown = display_path(in->r->arena, in->r->input);
  if (shown == NULL)
    return PV_FATAL;
  strvec stack = {0};
  pv_status rc = strvec_push(&stack, strdup("")) < 0 ? PV_FATAL : PV_OK;
  while (rc == PV_OK && stack.len > 0 && !in->stop && in->r->status == PV_INPUT_SCANNED) {
    char *rel = stack.items[--stack.len];
    rc = walk_one(in, in->r->input, shown, rel, &stack);
    free(rel);
  }
  strvec_free(&stack);
  if (rc == PV_OK && in->r->status == PV_INPUT_ERROR)
    rc = PV_FAILED;
  return rc;
}

/* Read a whole regular file into a malloc'd buffer, hashing it. A file over
 * the total limit is hashed but not kept (*data NULL). */
static int slurp(intake *in, int fd, uint64_t size, unsigned char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  if (size <= in->lim->total_bytes && size < SIZE_MAX) {
    unsigned char *buf = malloc((size_t)size + 1);
    if (buf == NULL) {
      errno = ENOMEM;
      return -1;
    }
    ssize_t got = read_fd(fd, buf, (size_t)size);
    if (got < 0) {
      free(buf);
      return -1;
    }
    *data = buf;
    *len = (size_t)got;
    pv_sha256_hex(buf, *len, in->r->sha256);
    return 0;
  }
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
    EVP_MD_CTX_free(ctx);
    errno = ENOMEM;
    return -1;
  }
  ssize_t n;
  while ((n = read(fd, in->scratch, CHUNK)) != 0) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 || past_deadline(in))
      break;
    EVP_DigestUpdate(ctx, in->scratch, (size_t)n);
  }
  unsigned char md[32];
  unsigned mdlen = 0;
  EVP_DigestFinal_ex(ctx, md, &mdlen);
  EVP_MD_CTX_free(ctx);
  for (unsigned i = 0; i < 32; i++)
    snprintf(in->r->sha256 + 2 * i, 3, "%02x", md[i]);
  return 0;
}

/* A plain single file: copied into the vfs under its display path. */
static pv_status single_file(intake *in, const unsigned char *data, size_t len,
                             const struct stat *st) {
  in->r->kind = "file";
  const char *path = display_path(in->r->arena, in->r->input);
  if (path == NULL)
    return PV_FATAL;
  if (len > in->lim->entry_bytes)
    return trip(in, R_ENTRY_TOO_LARGE, path, "entry '%s' is larger than %llu bytes; skipped", path,
                (unsigned long long)in->lim->entry_bytes);
  unsigned char *copy = pv_result_data_alloc(in->r, len + 1);
  if (copy == NULL)
    return PV_FATAL;
  memcpy(copy, data, len);
  in->used += len;
  pv_file f = {.path = path, .data = copy, .size = len, .mode = st->st_mode, .kind = PV_ENTRY_FILE};
  return add_entry(in, &f, path, 0, 1);
}

/* An input file: archive by content, else (no archive name) a plain file. */
static pv_status read_file_input(intake *in, int fd, const struct stat *st) {
  pv_result *r = in->r;
  unsigned char *data = NULL;
  size_t len = 0;
  pv_status rc = PV_OK;
  if (st->st_size == 0) {
    pv_sha256_hex("", 0, r->sha256);
    pv_result_fail(r, "%s: empty file", r->input);
    return PV_FAILED;
  }
  if (slurp(in, fd, (uint64_t)st->st_size, &data, &len) < 0) {
    if (errno == ENOMEM)
      return PV_FATAL;
    pv_result_fail(r, "%s: %s", r->input, strerror(errno));
    return PV_FAILED;
  }
  if (data == NULL) {
    in->stop = 1;
    return trip(in, R_TOO_LARGE, NULL, "'%s' is larger than %llu bytes; not read", r->input,
                (unsigned long long)in->lim->total_bytes);
  }
  level_out lo = {0};
  rc = read_archive(in, data, len, "", 0, &lo);
  if (rc == PV_FATAL)
    goto out;
  if (lo.kind[0])
    r->kind = pv_arena_strdup(r->arena, lo.kind);
  if (lo.unrecognised && !archive_extension(r->input) && !pv_crx_payload(data, len, &(size_t){0}) &&
      !pv_looks_like_archive(data, len)) {
    rc = single_file(in, data, len, st);
  } else if (lo.failed) {
    if (lo.entries == 0) {
      pv_result_fail(r, "%s: %s", r->input, lo.reason);
      rc = PV_FAILED;
    } else {
      pv_result_fail(r, "%s: %s after %zu entries", r->input, lo.reason, lo.entries);
      rc = PV_WARN;
    }
  }
out:
  free(data);
  return rc;
}

static void intake_free(intake *in) {
  set_free(&in->seen);
  set_free(&in->lower);
  free(in->scratch);
  free(in->pathbuf);
}

static int intake_init(intake *in, pv_result *r, const pv_limits *lim, uint64_t deadline_ms) {
  *in = (intake){.r = r, .lim = lim, .deadline = deadline_ms};
  in->max_depth = lim->depth < NEST_HARD_MAX ? lim->depth : NEST_HARD_MAX;
  in->pathbuf_sz = (lim->path_len < (1u << 20) ? lim->path_len : (1u << 20)) + 2;
  in->scratch = malloc(CHUNK);
  in->pathbuf = malloc(in->pathbuf_sz);
  return in->scratch != NULL && in->pathbuf != NULL;
}

/* One file given in memory: the limits of dir_file, then its checks. */
static pv_status mem_file(intake *in, const pv_mem_file *m) {
  char *path = pv_arena_strdup(in->r->arena, m->path);
  if (path == NULL)
    return PV_FATAL;
  if (++in->entries > in->lim->entries) {
    in->stop = 1;
    return trip(in, R_ENTRIES, NULL, "more than %llu entries in '%s'; reading stopped",
                (unsigned long long)in->lim->entries, in->r->input);
  }
  if (m->size > in->lim->entry_bytes || m->data == NULL)
    return trip(in, R_ENTRY_TOO_LARGE, path, "entry '%s' is larger than %llu bytes; skipped", path,
                (unsigned long long)in->lim->entry_bytes);
  if (m->size > in->lim->total_bytes - in->used) {
    in->stop = 1;
    return trip(in, R_TOO_LARGE, path,
                "more than %llu bytes unpacked from '%s' (at entry '%s'); reading stopped",
                (unsigned long long)in->lim->total_bytes, in->r->input, path);
  }
  unsigned char *copy = pv_result_data_alloc(in->r, m->size + 1);
  if (copy == NULL)
    return PV_FATAL;
  memcpy(copy, m->data, m->size);
  in->used += m->size;
  pv_file f = {.path = path, .data = copy, .size = m->size, .mode = m->mode, .kind = PV_ENTRY_FILE};
  return add_entry(in, &f, path, 0, 1);
}

pv_status pv_intake_read_files(pv_result *r, const pv_limits *lim, uint64_t deadline_ms,
                               const char *kind, const pv_mem_file *files, size_t n) {
  intake in;
  pv_status rc = intake_init(&in, r, lim, deadline_ms) ? PV_OK : PV_FATAL;
  r->kind = kind;
  r->sha256[0] = '\0';
  for (size_t i = 0; i < n && rc != PV_FATAL && !in.stop; i++) {
    if (past_deadline(&in)) {
      rc = trip_timeout(&in, r->input);
      break;
    }
    rc = mem_file(&in, &files[i]);
  }
  intake_free(&in);
  return rc == PV_FATAL ? PV_FATAL : PV_OK;
}

pv_status pv_intake_read(pv_result *r, const pv_limits *lim, uint64_t deadline_ms) {
  intake in;
  pv_status rc = PV_FATAL;
  if (!intake_init(&in, r, lim, deadline_ms))
    goto out;
  r->sha256[0] = '\0';
  int fd = open(r->input, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) {
    pv_result_fail(r, "%s: %s", r->input, strerror(errno));
    if (fd >= 0)
      close(fd);
    rc = PV_FAILED;
    goto out;
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    r->kind = "directory";
    rc = walk_dir(&in);
  } else if (S_ISREG(st.st_mode)) {
    rc = read_file_input(&in, fd, &st);
    close(fd);
  } else {
    close(fd);
    pv_result_fail(r, "%s: not a regular file or directory", r->input);
    rc = PV_FAILED;
  }
out:
  intake_free(&in);
  return rc;
}
