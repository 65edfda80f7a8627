/* purl.c — package URLs and CycloneDX scope names for components (declared
 * in inventory.h). purl spec: pkg:npm/<namespace>/<name>@<version>, each
 * part percent-encoded except unreserved characters; an npm scope is the
 * namespace ("@" encoded as %40). */
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

const char *pv_inv_purl(pv_arena *a, const pv_component *c) {
  pv_buf b;
  pv_buf_init(&b, 64 * 1024);
  const char *slash = c->name[0] == '@' ? strchr(c->name, '/') : NULL;
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
  if (rc == PV_OK && c->version != NULL && !(c->flags & PV_COMP_LOCAL)) {
    if ((rc = pv_buf_puts(&b, "@")) == PV_OK)
      rc = put_encoded(&b, c->version);
  }
  const char *out = rc == PV_OK ? pv_arena_strndup(a, (const char *)b.data, b.len) : NULL;
  pv_buf_free(&b);
  return out;
}

const char *pv_inv_scope_name(pv_scope s) {
  return s == PV_SCOPE_DEV ? "excluded" : s == PV_SCOPE_OPTIONAL ? "optional" : "required";
}
