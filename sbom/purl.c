/* purl.c — package URLs, origins and CycloneDX scope names for components
 * (declared in inventory.h). purl spec:
 * pkg:npm/<namespace>/<name>@<version>?<qualifiers>, each part
 * percent-encoded except unreserved characters; an npm scope is the
 * namespace ("@" encoded as %40); a package from git or a tarball URL has
 * no registry version and says where it is from in the vcs_url or
 * download_url qualifier. */
#include <string.h>

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
