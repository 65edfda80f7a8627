/* fuzz_sig.c — any bytes as a signature, public key, trusted-keys file and
 * secret key (verify/sig.h), then checked against whatever key parsed. */
#include <string.h>

#include "../../verify/sig.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
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
