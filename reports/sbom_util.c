/* sbom_util.c — see sbom_util.h. */
#include "sbom_util.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

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
