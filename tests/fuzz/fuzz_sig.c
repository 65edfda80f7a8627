/* fuzz_sig.c — any bytes as a signature, public key, trusted-keys file and
 * secret key (verify/sig.h), then checked against whatever key parsed; and
 * as an npm registry keys file, a packument and a tarball (verify/npm.h). */
#include <string.h>

#include "../../verify/npm.h"
#include "../../verify/sig.h"
#include "fuzz.h"

static const char npm_keys[] =
    "{\"keys\":[{\"expires\":\"2025-01-29T00:00:00.000Z\",\"keyid\":\"SHA256:jl3bwswu80Pjjo"
    "kCgh0o2w5c2U4LhQAE57gj9cz1kzA\",\"keytype\":\"ecdsa-sha2-nistp256\",\"key\":\"MFkwEwYHKo"
    "ZIzj0CAQYIKoZIzj0DAQcDQgAE1Olb3zMAFFxXKHiIkQO5cJ3Yhl5i6UPp+IhuteBJbuHcA5UogKo0EWtlWwW6KS"
    "aKoTNEYL7JlCQiVnkhBktUgg==\"}]}";

/* The input as a keys file, then as a packument checked with real keys,
 * and as a tarball whose name and version --online reads. */
static void npm(const uint8_t *data, size_t size) {
  pv_npm_keys *k = NULL;
  pv_npm_check c;
  pv_error err = {0};
  if (pv_npm_keys_parse((const char *)data, size, &k, &err) == PV_OK)
    pv_npm_keys_free(k);
  if (pv_npm_keys_parse(npm_keys, sizeof npm_keys - 1, &k, &err) != PV_OK)
    __builtin_trap();
  pv_npm_check_tarball((const char *)data, size, data, size, NULL, k, &c, &err);
  pv_npm_check_tarball((const char *)data, size, data, size, "5.0.1", k, &c, &err);
  pv_npm_keys_free(k);
  pv_limits lim = pv_limits_default();
  char name[256], version[128], url[1024];
  if (pv_npm_tarball_id(data, size, &lim, name, version, &err) == PV_OK)
    pv_npm_packument_url("http://127.0.0.1:1", name, url, sizeof url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  npm(data, size);
  const char *t = (const char *)data;
  pv_error err = {0};
  pv_sig sig;
  pv_pubkey keys[4];
  pv_seckey sk;
  size_t n = 0;
  int which;
  if (pv_trusted_keys_parse(t, size, keys, 4, &n, &err) != PV_OK &&
      pv_pubkey_parse(t, size, keys, &err) == PV_OK)
    n = 1;
  if (pv_sig_parse(t, size, &sig, &err) == PV_OK && n > 0)
    pv_sig_check(&sig, data, size, keys, n, n == 1, &which);
  if (pv_seckey_parse(t, size, &sk, &err) == PV_OK) {
    pv_buf b;
    pv_buf_init(&b, 4096);
    if (pv_sign(&sk, PV_SIGFMT_MINISIGN, data, size, "u", "t", &b, &err) == PV_OK &&
        pv_sig_parse((const char *)b.data, b.len, &sig, &err) == PV_OK)
      pv_sig_check(&sig, data, size, keys, n, 0, &which);
    pv_buf_free(&b);
    pv_seckey_wipe(&sk);
  }
  return 0;
}
