/* publisher.h — the publisher-signature check of one file, shared by
 * `plugvet verify` and `plugvet scan --trusted-keys/--pubkey`: the keys a
 * user trusts (a keyring), the signature found next to the file
 * (FILE.minisig, then FILE.sig) or named, and one verdict with its reason.
 *
 * Ownership: a keyring owns its keys (pv_keyring_free); an outcome is plain
 * data in fixed buffers. */
#ifndef PV_VERIFY_PUBLISHER_H
#define PV_VERIFY_PUBLISHER_H

#include "../scanner/limits.h"
#include "sig.h"

/* The keys a signature may be made with: every key of a trusted-keys file,
 * or the one key of a .pub file (pinned: another key is a key id
 * mismatch, not an unknown key). */
typedef struct {
  pv_pubkey *keys;
  size_t n;
  const char *path; /* the file they came from, named in reasons */
  int pinned;
} pv_keyring;

/* Read path as a trusted-keys file (pinned 0) or a .pub file (pinned 1).
 * PV_FAILED naming the file (and the line) when it is not one. */
pv_status pv_keyring_load(pv_keyring *ring, const char *path, int pinned, const pv_limits *lim,
                          pv_error *err);
void pv_keyring_free(pv_keyring *ring);

/* What checking one file's signature found. */
typedef struct {
  const char *sig_path; /* the signature read, or NULL (unsigned) */
  char found[4200];     /* sig_path's storage when it was looked for */
  const char *result;   /* "ok", a pv_sigv name, "unsigned" or "malformed" */
  char reason[1200];
  pv_sig sig;
  int parsed; /* sig holds the parsed signature */
  int key;    /* the key that matched (index into the ring), or -1 */
} pv_pubsig;

/* Check the signature of input (its n bytes msg) against ring: sig_path,
 * or input.minisig, then input.sig. 0 when it verifies, 1 otherwise
 * (out->result and out->reason say why). */
int pv_pubsig_check(const char *input, const unsigned char *msg, size_t n, const char *sig_path,
                    const pv_keyring *ring, const pv_limits *lim, pv_pubsig *out);

/* The signature's format: "signify", "minisign" or "minisign-legacy". */
const char *pv_pubsig_format(const pv_sig *s);

#endif
