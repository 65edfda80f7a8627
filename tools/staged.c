/* staged.c — see staged.h. */
#include "staged.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum {
  LIST_MAX = 64 << 20, /* bytes of a file list git prints */
  HEADER_MAX = 256,    /* one cat-file header line */
};

typedef struct {
  char *data;
  size_t len, cap;
} obuf;

static int obuf_add(obuf *b, const char *p, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *d = realloc(b->data, cap);
    if (d == NULL)
      return -1;
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

typedef struct {
  int fd;
  const char *data;
  size_t len;
} feeder;

/* Write the child's standard input, then close it (a thread, so that a
 * child answering as it reads never blocks us both). */
static void *feed(void *arg) {
  feeder *f = arg;
  size_t off = 0;
  while (off < f->len) {
    ssize_t w = write(f->fd, f->data + off, f->len - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      break;
    off += (size_t)w;
  }
  close(f->fd);
  return NULL;
}

/* Run git with argv (no shell), input on its stdin, its stdout into *out
 * (at most max bytes). Returns git's exit status, or -1 (said). */
static int run_git(char *const argv[], const char *input, size_t in_len, obuf *out, size_t max) {
  int inp[2] = {-1, -1}, outp[2] = {-1, -1};
  if (pipe2(inp, O_CLOEXEC) != 0 || pipe2(outp, O_CLOEXEC) != 0) {
    fprintf(stderr, "plugvet: --staged: pipe: %s\n", strerror(errno));
    return -1;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, inp[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&fa, outp[1], STDOUT_FILENO);
  posix_spawnattr_t at; /* git gets SIGPIPE back; we take EPIPE (feed) */
  sigset_t pipe_only;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  posix_spawnattr_init(&at);
  posix_spawnattr_setsigdefault(&at, &pipe_only);
  posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF);
  signal(SIGPIPE, SIG_IGN);
  pid_t pid;
  int err = posix_spawnp(&pid, "git", &fa, &at, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&at);
  close(inp[0]);
  close(outp[1]);
  if (err != 0) {
    fprintf(stderr, "plugvet: --staged: cannot run git: %s\n", strerror(err));
    close(inp[1]);
    close(outp[0]);
    return -1;
  }
  feeder fd = {inp[1], input, input ? in_len : 0};
  pthread_t t;
  int threaded = pthread_create(&t, NULL, feed, &fd) == 0;
  if (!threaded)
    close(inp[1]);
  char chunk[65536];
  int bad = 0;
  for (;;) {
    ssize_t n = read(outp[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    if (!bad && (out->len + (size_t)n > max || obuf_add(out, chunk, (size_t)n) != 0)) {
      bad = 1;
      kill(pid, SIGTERM);
    }
  }
  close(outp[0]);
  if (threaded)
    pthread_join(t, NULL);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
    continue;
  if (bad) {
    fprintf(stderr, "plugvet: --staged: git printed more than %zu bytes\n", max);
    return -1;
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int add_file(pv_mem_files *m, const char *path, size_t plen, unsigned mode) {
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    pv_mem_file *v = realloc(m->v, cap * sizeof *v);
    if (v == NULL)
      return -1;
    m->v = v;
    m->cap = cap;
  }
  char *p = strndup(path, plen);
  if (p == NULL)
    return -1;
  m->v[m->n++] = (pv_mem_file){.path = p, .mode = mode};
  return 0;
}

void pv_mem_files_free(pv_mem_files *m) {
  for (size_t i = 0; i < m->n; i++) {
    free((char *)m->v[i].path);
    free((unsigned char *)m->v[i].data);
  }
  free(m->v);
  *m = (pv_mem_files){0};
}

/* The repository's top directory into top (n bytes); 0, or -1 (said). */
static int git_top(char *top, size_t n) {
  char *argv[] = {"git", "rev-parse", "--show-toplevel", NULL};
  obuf o = {0};
  int rc = run_git(argv, NULL, 0, &o, 1 << 16);
  if (rc != 0 || o.len == 0 || o.len >= n) {
    if (rc > 0)
      fprintf(stderr, "plugvet: --staged: not inside a git work tree (git rev-parse failed)\n");
    free(o.data);
    return -1;
  }
  while (o.len > 0 && (o.data[o.len - 1] == '\n' || o.data[o.len - 1] == '\r'))
    o.len--;
  memcpy(top, o.data, o.len);
  top[o.len] = '\0';
  free(o.data);
  return 0;
}

static int is_regular(unsigned mode) {
  return mode == 0100644 || mode == 0100755;
}

/* `git diff-index --cached -z` records: ":SRCMODE DSTMODE SRC DST X\0PATH\0";
 * the staged object names go to *ids, one per line. */
static int parse_diff_index(const obuf *o, pv_mem_files *m, obuf *ids) {
  const char *p = o->data, *end = o->data + o->len;
  while (p < end && *p == ':') {
    const char *rec = p, *path = rec + strnlen(rec, (size_t)(end - rec)) + 1;
    if (path >= end)
      return -1;
    unsigned src, dst;
    char from[72], to[72], status;
    if (sscanf(rec, ":%o %o %71s %71s %c", &src, &dst, from, to, &status) != 5)
      return -1;
    size_t plen = strnlen(path, (size_t)(end - path));
    p = path + plen + 1;
    if (status == 'D' || status == 'U' || !is_regular(dst))
      continue;
    if (add_file(m, path, plen, dst) != 0 || obuf_add(ids, to, strlen(to)) != 0 ||
        obuf_add(ids, "\n", 1) != 0)
      return -1;
  }
  return p >= end ? 0 : -1;
}

/* `git ls-files -s -z` records: "MODE OBJECT STAGE\tPATH\0" (no HEAD yet:
 * every entry is staged). */
static int parse_ls_files(const obuf *o, pv_mem_files *m, obuf *ids) {
  const char *p = o->data, *end = o->data + o->len;
  while (p < end) {
    size_t len = strnlen(p, (size_t)(end - p));
    const char *tab = memchr(p, '\t', len);
    unsigned mode, stage;
    char id[72];
    if (tab == NULL || sscanf(p, "%o %71s %u", &mode, id, &stage) != 3)
      return -1;
    if (stage == 0 && is_regular(mode) &&
        (add_file(m, tab + 1, len - (size_t)(tab + 1 - p), mode) != 0 ||
         obuf_add(ids, id, strlen(id)) != 0 || obuf_add(ids, "\n", 1) != 0))
      return -1;
    p += len + 1;
  }
  return 0;
}

/* The staged paths and their object names (ids, one per line). */
static int staged_list(const char *top, pv_mem_files *m, obuf *ids) {
  char *head[] = {"git", "-C", (char *)top, "rev-parse", "--verify", "-q", "HEAD", NULL};
  obuf o = {0};
  int has_head = run_git(head, NULL, 0, &o, 1 << 16) == 0;
  o.len = 0;
  char *diff[] = {"git", "-C",           (char *)top, "diff-index", "--cached",
                  "-z",  "--no-renames", "HEAD",      NULL};
  char *ls[] = {"git", "-C", (char *)top, "ls-files", "-s", "-z", NULL};
  int rc = run_git(has_head ? diff : ls, NULL, 0, &o, LIST_MAX);
  if (rc == 0 && o.len > 0)
    rc = has_head ? parse_diff_index(&o, m, ids) : parse_ls_files(&o, m, ids);
  else if (rc > 0)
    fprintf(stderr, "plugvet: --staged: git %s failed (exit %d)\n", has_head ? diff[3] : ls[3], rc);
  free(o.data);
  return rc == 0 ? 0 : -1;
}

/* The sizes of the objects (`git cat-file --batch-check`): which to read. */
static int object_sizes(const char *top, const obuf *ids, size_t n, uint64_t *sizes) {
  char *argv[] = {"git", "-C", (char *)top, "cat-file", "--batch-check", NULL};
  obuf o = {0};
  int rc = run_git(argv, ids->data, ids->len, &o, LIST_MAX);
  const char *p = o.data;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    unsigned long long sz;
    if (p == NULL || sscanf(p, "%*s blob %llu", &sz) != 1)
      rc = -1;
    else
      sizes[i] = sz;
    p = p ? strchr(p, '\n') : NULL;
    p = p ? p + 1 : NULL;
  }
  if (rc != 0)
    fprintf(stderr, "plugvet: --staged: git cat-file could not list the staged objects\n");
  free(o.data);
  return rc == 0 ? 0 : -1;
}

/* Read the objects of the files marked in want (`git cat-file --batch`):
 * "ID blob SIZE\n" then SIZE bytes and "\n" each. */
static int read_objects(const char *top, pv_mem_files *m, const obuf *ids, const uint8_t *want,
                        uint64_t total) {
  obuf req = {0}, o = {0};
  const char *p = ids->data;
  for (size_t i = 0; i < m->n; i++) {
    const char *nl = strchr(p, '\n');
    if (want[i] && obuf_add(&req, p, (size_t)(nl - p) + 1) != 0) {
      free(req.data);
      return -1;
    }
    p = nl + 1;
  }
  if (req.len == 0) /* every file over a limit */
    return 0;
  char *argv[] = {"git", "-C", (char *)top, "cat-file", "--batch", NULL};
  int rc = run_git(argv, req.data, req.len, &o, total + m->n * HEADER_MAX);
  if (rc == 0 && o.data == NULL)
    rc = -1;
  size_t off = 0; /* the next header; every answer ends within o */
  for (size_t i = 0; rc == 0 && i < m->n; i++) {
    if (!want[i])
      continue;
    unsigned long long sz;
    const char *nl = memchr(o.data + off, '\n', o.len - off);
    size_t body = nl ? (size_t)(nl - o.data) + 1 : 0;
    if (nl == NULL || sscanf(o.data + off, "%*s blob %llu", &sz) != 1 || sz >= o.len - body ||
        (m->v[i].data = malloc(sz + 1)) == NULL) {
      rc = -1;
      break;
    }
    memcpy((unsigned char *)m->v[i].data, o.data + body, sz);
    m->v[i].size = sz;
    off = body + sz + 1;
  }
  if (rc != 0)
    fprintf(stderr, "plugvet: --staged: git cat-file could not read the staged objects\n");
  free(req.data);
  free(o.data);
  return rc == 0 ? 0 : -1;
}

int pv_staged_read(pv_mem_files *out, const pv_limits *lim) {
  char top[4096];
  obuf ids = {0};
  uint64_t *sizes = NULL;
  uint8_t *want = NULL;
  int rc = -1;
  if (git_top(top, sizeof top) != 0 || staged_list(top, out, &ids) != 0)
    goto out;
  if (out->n == 0) {
    rc = 0;
    goto out;
  }
  sizes = calloc(out->n, sizeof *sizes);
  want = calloc(out->n, 1);
  if (sizes == NULL || want == NULL || object_sizes(top, &ids, out->n, sizes) != 0)
    goto out;
  uint64_t total = 0;
  for (size_t i = 0; i < out->n; i++) {
    out->v[i].size = sizes[i]; /* unread (data NULL) when over a limit */
    want[i] = sizes[i] <= lim->entry_bytes && total + sizes[i] <= lim->total_bytes;
    total += want[i] ? sizes[i] : 0;
  }
  rc = read_objects(top, out, &ids, want, total);
out:
  free(ids.data);
  free(sizes);
  free(want);
  return rc;
}

int pv_stdin_read(pv_mem_files *out, const char *name, const pv_limits *lim) {
  obuf b = {0};
  char chunk[65536];
  for (;;) {
    ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      fprintf(stderr, "plugvet: --stdin-filename %s: reading stdin: %s\n", name, strerror(errno));
      free(b.data);
      return -1;
    }
    if (n == 0)
      break;
    if (b.len + (size_t)n > lim->entry_bytes) {
      fprintf(stderr, "plugvet: --stdin-filename %s: stdin is larger than %llu bytes\n", name,
              (unsigned long long)lim->entry_bytes);
      free(b.data);
      return -1;
    }
    if (obuf_add(&b, chunk, (size_t)n) != 0) {
      free(b.data);
      return -1;
    }
  }
  if (add_file(out, name, strlen(name), S_IFREG | 0644) != 0) {
    free(b.data);
    return -1;
  }
  out->v[0].data = (unsigned char *)(b.data ? b.data : strdup(""));
  out->v[0].size = b.len;
  return out->v[0].data ? 0 : -1;
}
