/* sbom_util.c — see sbom_util.h. */
#include "sbom_util.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const spdx_ids[] = {
#include "spdx_ids.inc"
};

const char *pv_spdx_id(const char *s) {
  for (size_t i = 0; i < sizeof spdx_ids / sizeof *spdx_ids; i++)
    if (strcasecmp(s, spdx_ids[i]) == 0)
      return spdx_ids[i];
  return NULL;
}

int pv_spdx_is_expression(const char *s) {
  return s[0] == '(' || strstr(s, " OR ") || strstr(s, " AND ") || strstr(s, " WITH ");
}

/* A term: an id on the list (exactly as spelled there, "+" allowed after
 * it) or a LicenseRef-/DocumentRef- reference of idstring characters. */
static int good_term(const char *t, size_t n) {
  char buf[128];
  if (n == 0 || n >= sizeof buf)
    return 0;
  size_t pl = strncmp(t, "LicenseRef-", 11) == 0    ? 11
              : strncmp(t, "DocumentRef-", 12) == 0 ? 12
                                                    : 0;
  if (pl > 0) {
    size_t k = strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-:");
    return k >= n && n > pl;
  }
  memcpy(buf, t, n);
  buf[n] = '\0';
  if (buf[n - 1] == '+')
    buf[n - 1] = '\0';
  const char *id = pv_spdx_id(buf);
  return id != NULL && strcmp(id, buf) == 0;
}

int pv_spdx_valid_expression(const char *s) {
  int depth = 0, want_term = 1;
  for (const char *p = s; *p;) {
    if (*p == ' ') {
      p++;
      continue;
    }
    if (*p == '(' || *p == ')') {
      depth += *p == '(' ? 1 : -1;
      if (depth < 0 || want_term != (*p == '('))
        return 0;
      p++;
      continue;
    }
    size_t n = strcspn(p, " ()");
    int op = (n == 3 && (strncmp(p, "AND", 3) == 0)) || (n == 2 && strncmp(p, "OR", 2) == 0) ||
             (n == 4 && strncmp(p, "WITH", 4) == 0);
    if (op == want_term || (!op && !good_term(p, n)))
      return 0;
    want_term = op;
    p += n;
  }
  return depth == 0 && !want_term;
}

static const struct {
  const char *sri, *cdx, *spdx;
  int len;
} algs[] = {{"sha512-", "SHA-512", "SHA512", 64},
            {"sha384-", "SHA-384", "SHA384", 48},
            {"sha256-", "SHA-256", "SHA256", 32},
            {"sha1-", "SHA-1", "SHA1", 20}};

const char *pv_sri_alg_cdx(int alg) {
  return algs[alg].cdx;
}

const char *pv_sri_alg_spdx(int alg) {
  return algs[alg].spdx;
}

int pv_sri_decode(const char *sri, char hex[129]) {
  for (int i = 0; i < 4; i++) {
    size_t pl = strlen(algs[i].sri), n = strcspn(sri + pl, " ");
    if (strncmp(sri, algs[i].sri, pl) != 0 || n == 0 || n % 4 != 0 || n > 200)
      continue;
    unsigned char raw[160];
    int got = EVP_DecodeBlock(raw, (const unsigned char *)sri + pl, (int)n);
    for (size_t k = n; k > 0 && sri[pl + k - 1] == '='; k--)
      got--;
    if (got != algs[i].len)
      return -1; /* malformed: no hash rather than a wrong one */
    for (int k = 0; k < got; k++)
      snprintf(hex + 2 * k, 3, "%02x", raw[k]);
    return i;
  }
  return -1;
}

int pv_good_url(const char *u) {
  static const char *const schemes[] = {"https://",   "http://", "git+https://", "git+http://",
                                        "git+ssh://", "git://",  "ssh://"};
  int ok = 0;
  for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
    ok |= strncmp(u, schemes[i], strlen(schemes[i])) == 0;
  for (const unsigned char *p = (const unsigned char *)u; ok && *p; p++)
    if (*p <= ' ' || *p == 0x7f || strchr("<>\"{}|\\^`", *p))
      ok = 0;
  return ok && strlen(u) < 2048;
}
