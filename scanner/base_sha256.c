/* base_sha256.c — pv_sha256_hex (base.h), in an object of its own so
 * that programs which never hash (plugvet-run) do not link libcrypto:
 * loading and relocating it was a tenth of the launcher's start-up. */
#include "base.h"

#include <openssl/evp.h>
#include <stdio.h>

void pv_sha256_hex(const void *p, size_t n, char out[65]) {
  unsigned char md[32];
  unsigned int mdlen = 0;
  EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL);
  for (unsigned i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", md[i]);
  out[64] = '\0';
}
