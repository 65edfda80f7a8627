/* purl.c — package URLs, origins and CycloneDX scope names for components
 * (declared in inventory.h). purl spec:
 * pkg:npm/<namespace>/<name>@<version>?<qualifiers>, each part
 * percent-encoded except unreserved characters; an npm scope is the
 * namespace ("@" encoded as %40); a package from git or a tarball URL has
 * no registry version and says where it is from in the vcs_url or
 * download_url qualifier. */
#include <string.h>
#include <strings.h>

#include "inventory.h"

/* Append s percent-encoded (unreserved: A-Z a-z 0-9 . - _ ~). */
static pv_status put_encoded(pv_buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  pv_status rc = PV_OK;
  for (const unsigned char *p = (const unsigned char *)s; *p && rc == PV_OK; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
        strchr(".-_~", *p) != NULL)
      rc = pv_buf_add(b, p, 1);
    else {
      char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
      rc = pv_buf_add(b, esc, 3);
    }
  }
  return rc;
}

static int has_prefix(const char *s, const char *p) {
  return strncmp(s, p, strlen(p)) == 0;
}

/* Hosted git shorthands npm accepts, and the host each stands for. */
static const struct {
  const char *prefix, *host;
} hosted[] = {
    {"github:", "github.com"},
    {"gitlab:", "gitlab.com"},
    {"bitbucket:", "bitbucket.org"},
    {"gist:", "gist.github.com"},
};

/* "user/repo" or "user/repo#ref": npm's GitHub shorthand. */
static int github_shorthand(const char *s) {
  const char *sl = strchr(s, '/');
  return sl != NULL && s[0] != '@' && s[0] != '.' && s[0] != '/' && strchr(s, ':') == NULL &&
         strchr(s, ' ') == NULL;
}

pv_origin pv_inv_origin(const pv_component *c) {
  const char *v = c->version ? c->version : "";
  if (!(c->flags & PV_COMP_LOCAL)) {
    return PV_ORIGIN_REGISTRY;
  }
  if (has_prefix(v, "git+") || has_prefix(v, "git:") || github_shorthand(v)) {
    return PV_ORIGIN_GIT;
  }
  for (size_t i = 0; i < sizeof hosted / sizeof hosted[0]; i++) {
    if (has_prefix(v, hosted[i].prefix)) {
      return PV_ORIGIN_GIT;
    }
  }
  if (has_prefix(v, "http://") || has_prefix(v, "https://")) {
    /* a repository page ("https://github.com/u/r#ref") is git too */
    return strstr(v, ".git") != NULL || strchr(v, '#') != NULL ? PV_ORIGIN_GIT : PV_ORIGIN_URL;
  }
  return PV_ORIGIN_PATH;
}

/* Append the git URL of spec v: hosted shorthands become git+https URLs
 * ("github:u/r#x", "u/r#x": "git+https://github.com/u/r.git#x"), an http(s)
 * repository gets "git+", the rest is kept as written. */
static void put_git_url(pv_buf *b, const char *v) {
  const char *host = NULL;
  const char *path = v;
  for (size_t i = 0; i < sizeof hosted / sizeof hosted[0] && host == NULL; i++) {
    if (has_prefix(v, hosted[i].prefix)) {
      host = hosted[i].host;
      path = v + strlen(hosted[i].prefix);
    }
  }
  if (host == NULL && github_shorthand(v)) {
    host = "github.com";
  }
  if (host == NULL) {
    pv_buf_cats(b, has_prefix(v, "http") ? "git+" : "");
    pv_buf_cats(b, v);
    return;
  }
  const char *hash = strchr(path, '#');
  size_t n = hash ? (size_t)(hash - path) : strlen(path);
  pv_buf_catf(b, "git+https://%s/%.*s.git%s", host, (int)n, path, hash ? hash : "");
}

/* The purl qualifier of a component from elsewhere than the registry:
 * vcs_url or download_url, percent-encoded; nothing for a path. */
static pv_status put_source(pv_buf *b, const pv_component *c) {
  pv_origin o = pv_inv_origin(c);
  pv_buf url;
  if (o != PV_ORIGIN_GIT && o != PV_ORIGIN_URL) {
    return PV_OK;
  }
  pv_buf_init(&url, 64 * 1024);
  if (o == PV_ORIGIN_GIT) {
    put_git_url(&url, c->version);
  } else {
    pv_buf_cats(&url, c->version);
  }
  pv_status rc = pv_buf_status(&url);
  if (rc == PV_OK) {
    rc = pv_buf_puts(b, o == PV_ORIGIN_GIT ? "?vcs_url=" : "?download_url=");
  }
  if (rc == PV_OK) {
    rc = put_encoded(b, (const char *)url.data);
  }
  pv_buf_free(&url);
  return rc;
}

const char *pv_inv_purl(pv_arena *a, const pv_component *c) {
  pv_buf b;
  pv_buf_init(&b, 64 * 1024);
  const char *slash = c->name[0] == '@' ? strchr(c->name, '/') : NULL;
  pv_origin origin = pv_inv_origin(c);
  /* a path dependency has no qualifier to tell it from the registry's */
  const char *version = origin == PV_ORIGIN_REGISTRY ? c->version
                        : origin == PV_ORIGIN_PATH   ? NULL
                                                     : c->declared;
  pv_status rc = pv_buf_puts(&b, "pkg:npm/");
  if (slash != NULL && rc == PV_OK) {
    char scope[512];
    size_t n = (size_t)(slash - c->name);
    if (n >= sizeof scope)
      n = sizeof scope - 1;
    memcpy(scope, c->name, n);
    scope[n] = '\0';
    if ((rc = put_encoded(&b, scope)) == PV_OK)
      rc = pv_buf_puts(&b, "/");
  }
  if (rc == PV_OK)
    rc = put_encoded(&b, slash ? slash + 1 : c->name);
  if (rc == PV_OK && version != NULL && version[0] != '\0') {
    if ((rc = pv_buf_puts(&b, "@")) == PV_OK)
      rc = put_encoded(&b, version);
  }
  if (rc == PV_OK && (c->flags & PV_COMP_LOCAL)) {
    rc = put_source(&b, c);
  }
  const char *out = rc == PV_OK ? pv_arena_strndup(a, (const char *)b.data, b.len) : NULL;
  pv_buf_free(&b);
  return out;
}

const char *pv_inv_scope_name(pv_scope s) {
  return s == PV_SCOPE_DEV ? "excluded" : s == PV_SCOPE_OPTIONAL ? "optional" : "required";
}

/* ---- reading purls ---- */

/* Percent-decode [s, s+n) into the arena; NULL with *why set when an
 * escape is malformed or decodes to a control character or a blank. */
static const char *decode(pv_arena *a, const char *s, size_t n, const char **why) {
  char *out = pv_arena_alloc(a, n + 1);
  size_t k = 0;
  if (out == NULL) {
    *why = "out of memory";
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    int ch = (unsigned char)s[i];
    if (ch == '%') {
      int hi = i + 2 < n ? pv_hex_digit(s[i + 1]) : -1;
      int lo = i + 2 < n ? pv_hex_digit(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        *why = "bad percent-encoding";
        return NULL;
      }
      ch = hi * 16 + lo;
      i += 2;
    }
    if (ch <= ' ' || ch == 0x7f) {
      *why = "a control character or blank";
      return NULL;
    }
    out[k++] = (char)ch;
  }
  out[k] = '\0';
  return out;
}

int pv_purl_parse(pv_arena *a, const char *s, pv_purl *p, const char **why) {
  memset(p, 0, sizeof *p);
  size_t tl = strncasecmp(s, "pkg:", 4) == 0 ? strcspn(s + 4, "/") : 0;
  if (tl == 0 || s[4 + tl] != '/' || tl > 32) {
    *why = "not pkg:TYPE/NAME";
    return -1;
  }
  char *type = pv_arena_strndup(a, s + 4, tl);
  for (char *t = type; t && *t; t++)
    *t = (char)(*t >= 'A' && *t <= 'Z' ? *t - 'A' + 'a' : *t);
  if ((p->type = type) == NULL || strcmp(type, "npm") != 0)
    return 0;
  const char *rest = s + 4 + tl + 1;
  size_t len = strcspn(rest, "?#");
  const char *q = rest[len] == '?' ? rest + len + 1 : NULL;
  p->elsewhere = q && (strstr(q, "vcs_url=") || strstr(q, "download_url="));
  while (len > 0 && rest[len - 1] == '/')
    len--;
  const char *slash = memrchr(rest, '/', len);
  size_t ns_len = slash ? (size_t)(slash - rest) : 0;
  const char *seg = slash ? slash + 1 : rest;
  size_t seg_len = len - (slash ? ns_len + 1 : 0);
  const char *at = memchr(seg, '@', seg_len);
  size_t name_len = at ? (size_t)(at - seg) : seg_len;
  const char *ns = ns_len ? decode(a, rest, ns_len, why) : "";
  const char *name = ns ? decode(a, seg, name_len, why) : NULL;
  const char *ver = at && name ? decode(a, at + 1, seg_len - name_len - 1, why) : NULL;
  if (ns == NULL || name == NULL || (at && ver == NULL))
    return -1;
  if (*name == '\0' || strlen(name) > 214 || (*ns && (ns[0] != '@' || strchr(ns, '/')))) {
    *why = *name == '\0' ? "no name" : "not an npm name (one @scope, at most 214 characters)";
    return -1;
  }
  p->name = *ns ? pv_arena_printf(a, "%s/%s", ns, name) : name;
  p->version = ver && *ver ? ver : NULL;
  if (p->name == NULL) {
    *why = "out of memory";
    return -1;
  }
  return 0;
}
