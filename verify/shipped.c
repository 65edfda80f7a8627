/* shipped.c — shipped dependency tarballs against their lockfile
 * integrity (shipped.h). */
#include "shipped.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

static const pv_rule_meta rule_shipped = PV_BUILTIN_RULE(
    "verify.lockfile-integrity", PV_SEV_CRITICAL, "high", NULL,
    "A dependency tarball the plugin ships is not the one its lockfile pins.",
    "The lockfile resolves the dependency to a tarball inside the plugin (file:...) and records "
    "its integrity; the shipped file has another digest. The tarball was replaced after the "
    "lockfile was written, and npm would refuse to install it.",
    "CWE-354: Improper Validation of Integrity Check Value");

/* SRI algorithms, strongest first. */
static const struct {
  const char *name;
  const EVP_MD *(*md)(void);
} algs[] = {
    {"sha512", EVP_sha512}, {"sha384", EVP_sha384}, {"sha256", EVP_sha256}, {"sha1", EVP_sha1}};
#define NALGS (sizeof algs / sizeof *algs)

/* Each whitespace-separated "ALG-VALUE[?opts]" of an SRI list: fn(ctx,
 * alg index, value, its length) for the known algorithms. */
static void sri_each(const char *sri, void (*fn)(void *, size_t, const char *, size_t), void *ctx) {
  for (const char *p = sri; *p;) {
    p += strspn(p, " \t\r\n");
    size_t n = strcspn(p, " \t\r\n");
    for (size_t a = 0; a < NALGS; a++) {
      size_t k = strlen(algs[a].name);
      if (n <= k + 1 || strncmp(p, algs[a].name, k) != 0 || p[k] != '-')
        continue;
      size_t len = n - k - 1, opts = strcspn(p + k + 1, "?");
      fn(ctx, a, p + k + 1, opts < len ? opts : len);
    }
    p += n;
  }
}

typedef struct {
  size_t best;        /* the strongest algorithm seen (NALGS: none) */
  const char *digest; /* the file's digest in that algorithm, base64 */
  int match;
} sri_ctx;

static void note_alg(void *ctx, size_t a, const char *v, size_t n) {
  sri_ctx *c = ctx;
  if (a < c->best)
    c->best = a;
}

static void compare(void *ctx, size_t a, const char *v, size_t n) {
  sri_ctx *c = ctx;
  if (a == c->best && strlen(c->digest) == n && strncmp(c->digest, v, n) == 0)
    c->match = 1;
}

/* Does f's digest match sri? -1 when sri names no known algorithm. The
 * file's digest (ALG-base64) into got. */
static int sri_matches(const char *sri, const pv_file *f, char got[120]) {
  sri_ctx c = {.best = NALGS};
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned dn = 0;
  sri_each(sri, note_alg, &c);
  if (c.best == NALGS)
    return -1;
  EVP_Digest(f->data, f->size, d, &dn, algs[c.best].md(), NULL);
  size_t k = (size_t)snprintf(got, 120, "%s-", algs[c.best].name);
  EVP_EncodeBlock((unsigned char *)got + k, d, (int)dn);
  c.digest = got + k;
  sri_each(sri, compare, &c);
  return c.match;
}

/* The directory the lockfile at path resolves file: specifiers from, into
 * out ("" for the top): its own, or for npm's hidden lockfile
 * (node_modules/.package-lock.json) the project's. NULL when path is no
 * lockfile. */
static const char *lock_base(const char *path, char *out, size_t cap) {
  static const char *const names[] = {"package-lock.json", "npm-shrinkwrap.json",
                                      "pnpm-lock.yaml",    "yarn.lock",
                                      "bun.lock",          "node_modules/.package-lock.json"};
  size_t pl = strlen(path);
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    size_t nl = strlen(names[i]);
    if (pl < nl || strcmp(path + pl - nl, names[i]) != 0 ||
        (pl > nl && path[pl - nl - 1] != '/' && path[pl - nl - 1] != '!'))
      continue;
    snprintf(out, cap, "%.*s", (int)(pl - nl), path);
    return out;
  }
  return NULL;
}

/* base joined with rel ("./" and "x/.." folded) into out; -1 when rel
 * leaves base's archive (".." past the top or past a nested archive's
 * "!/"), is absolute or does not fit. */
static int join_path(const char *base, const char *rel, char *out, size_t cap) {
  size_t n = strlen(base), floor = 0;
  if (rel[0] == '/' || n + strlen(rel) + 1 >= cap)
    return -1;
  memcpy(out, base, n + 1);
  for (size_t i = 0; i < n; i++)
    if (out[i] == '!' && out[i + 1] == '/')
      floor = i + 2;
  for (const char *p = rel; *p;) {
    size_t k = strcspn(p, "/");
    if (k == 2 && p[0] == '.' && p[1] == '.') {
      if (n <= floor)
        return -1;
      while (n > floor && out[n - 1] == '/')
        n--;
      while (n > floor && out[n - 1] != '/')
        n--;
    } else if (k > 0 && !(k == 1 && p[0] == '.')) {
      memcpy(out + n, p, k);
      n += k;
      out[n++] = '/';
    }
    out[n] = '\0';
    p += k + (p[k] == '/');
  }
  if (n == floor || out[n - 1] != '/')
    return -1;
  out[n - 1] = '\0';
  return 0;
}

static const pv_file *find_file(const pv_result *r, const char *path) {
  for (size_t i = 0; i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    if (f->kind == PV_ENTRY_FILE && strcmp(f->path, path) == 0)
      return f;
  }
  return NULL;
}

static pv_status mismatch(pv_result *r, const pv_component *c, const pv_seen *s, const char *file,
                          const char *got, const pv_limits *lim) {
  pv_finding fd = {.rule = &rule_shipped, .severity = rule_shipped.severity, .path = s->path};
  fd.message =
      pv_arena_printf(r->arena, "%s@%s: the lockfile pins %s at %s, but the shipped %s has %s",
                      c->name, c->version, c->resolved, c->integrity, file, got);
  fd.file = find_file(r, s->path);
  if (fd.message == NULL)
    return PV_FATAL;
  fd.start.line = fd.end.line = s->line ? s->line : 1;
  fd.start.col = fd.end.col = 1;
  size_t dropped = r->findings_dropped;
  if (pv_result_add_finding(r, &fd, lim) == NULL && r->findings_dropped == dropped)
    return PV_FATAL;
  return PV_OK;
}

/* One component resolved to a file, seen in the lockfile at s. */
static pv_status check_one(pv_result *r, const pv_component *c, const pv_seen *s, const char *base,
                           const pv_limits *lim) {
  char rel[1024], path[2048], got[120];
  snprintf(rel, sizeof rel, "%.*s", (int)strcspn(c->resolved + 5, "#?"), c->resolved + 5);
  if (join_path(base, rel, path, sizeof path) != 0) {
    pv_result_note(r, PV_NOTE_WARNING, "lockfile-integrity", s->path,
                   "%s@%s: the lockfile resolves it to %s, outside the input: not checked", c->name,
                   c->version, c->resolved);
    return PV_OK;
  }
  const pv_file *f = find_file(r, path);
  int m = f && f->data ? sri_matches(c->integrity, f, got) : -2;
  if (m == 1)
    return PV_OK;
  if (m == 0)
    return mismatch(r, c, s, path, got, lim);
  if (m == -1)
    pv_result_note(r, PV_NOTE_INFO, "lockfile-integrity", s->path,
                   "%s@%s: no sha512, sha384, sha256 or sha1 in its integrity: not checked",
                   c->name, c->version);
  else
    pv_result_note(r, PV_NOTE_INFO, "lockfile-integrity", s->path,
                   "%s@%s: the lockfile resolves it to %s, which the input does not ship in "
                   "full: not checked",
                   c->name, c->version, c->resolved);
  return PV_OK;
}

pv_status pv_verify_shipped(const pv_inventory *inv, const pv_limits *lim) {
  char base[1024];
  for (size_t i = 0; i < inv->components.len; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    if (!c->integrity || !c->resolved || strncmp(c->resolved, "file:", 5) != 0 || !c->lock.path ||
        !lock_base(c->lock.path, base, sizeof base))
      continue;
    if (check_one(inv->r, c, &c->lock, base, lim) != PV_OK)
      return PV_FATAL;
  }
  return PV_OK;
}
