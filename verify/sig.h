/* sig.h — publisher signatures in minisign's and OpenBSD signify's own
 * formats: public keys, secret keys and signatures read and written as the
 * two tools write them, Ed25519 signing and checking with libcrypto
 * (minisign's prehashed "ED" form signs the BLAKE2b-512 of the file, its
 * legacy "Ed" form and signify the file itself; minisign's global
 * signature covers the signature and the trusted comment).
 *
 * Both tools share the public key and signature line: base64 of "Ed", an
 * 8-byte key id (little-endian; printed as minisign does, most significant
 * byte first) and the key or the signature.
 *
 * What is not read: encrypted secret keys (scrypt for minisign, bcrypt_pbkdf
 * for signify: make keys without a password); signify's embedded (-e)
 * signatures. Secret keys are written in signify's format only: minisign's
 * carries a BLAKE2b-256 checksum that libcrypto 3.0 cannot compute (it
 * offers BLAKE2b-512 only). The public keys serve both tools.
 *
 * Ownership: every type here is plain data in fixed buffers; nothing to
 * free. The secret key bytes are wiped by pv_seckey_wipe. */
#ifndef PV_VERIFY_SIG_H
#define PV_VERIFY_SIG_H

#include <stddef.h>
#include <stdint.h>

#include "../scanner/base.h"

#define PV_KEYID_LEN 8
#define PV_SIG_COMMENT_MAX 1024 /* longest trusted comment kept */
#define PV_KEY_LABEL_MAX 128

typedef struct {
  unsigned char id[PV_KEYID_LEN];
  unsigned char pk[32];
  char label[PV_KEY_LABEL_MAX]; /* from the trusted-keys line; may be empty */
} pv_pubkey;

typedef struct {
  unsigned char id[PV_KEYID_LEN];
  unsigned char seed[32]; /* Ed25519 private key (RFC 8032 seed) */
  unsigned char pk[32];
} pv_seckey;

typedef enum { PV_SIGFMT_SIGNIFY, PV_SIGFMT_MINISIGN } pv_sigfmt;

typedef struct {
  pv_sigfmt fmt;
  int prehashed; /* minisign "ED": the signature is over BLAKE2b-512(file) */
  unsigned char id[PV_KEYID_LEN];
  unsigned char sig[64];
  char untrusted[PV_SIG_COMMENT_MAX];
  char trusted[PV_SIG_COMMENT_MAX]; /* minisign only */
  unsigned char global[64];         /* minisign only: over sig || trusted */
} pv_sig;

/* The outcome of checking one signature, each failure its own reason. */
typedef enum {
  PV_SIGV_OK = 0,
  PV_SIGV_UNKNOWN_KEY,    /* no trusted key has the signature's key id */
  PV_SIGV_KEYID_MISMATCH, /* the one key given has another key id */
  PV_SIGV_BAD_SIGNATURE,  /* the signature does not verify over the file */
  PV_SIGV_BAD_TRUSTED,    /* minisign: the trusted comment was altered */
} pv_sigv;

/* A short name for a verdict ("ok", "unknown-key", "keyid-mismatch",
 * "bad-signature", "bad-trusted-comment"). */
const char *pv_sigv_name(pv_sigv v);

/* The key id as minisign prints it: upper-case hex without leading zeros
 * (at most 16 digits), out[17]. */
void pv_keyid_hex(const unsigned char id[PV_KEYID_LEN], char out[17]);

/* Parse one public key: a tool's .pub file (an "untrusted comment:" line,
 * then the base64 line) or the base64 line alone. */
pv_status pv_pubkey_parse(const char *text, size_t n, pv_pubkey *out, pv_error *err);

/* Parse a trusted-keys file: one public key per line (base64, as in the
 * tools' .pub files), optionally followed by blanks and a label; blank
 * lines, "#" comments and "untrusted comment:" lines are skipped. At most
 * max keys; *n set. Errors name the line. */
pv_status pv_trusted_keys_parse(const char *text, size_t len, pv_pubkey *keys, size_t max,
                                size_t *n, pv_error *err);

/* Parse a signature file: signify's two lines, or minisign's four. */
pv_status pv_sig_parse(const char *text, size_t n, pv_sig *out, pv_error *err);

/* Check sig over msg against the keys (one key given alone: a key id
 * mismatch is named as such). *which is the key that matched, or -1. */
pv_sigv pv_sig_check(const pv_sig *sig, const unsigned char *msg, size_t n, const pv_pubkey *keys,
                     size_t nkeys, int one_key, int *which);

/* Parse an unencrypted secret key in signify's or minisign's format; the
 * stored public key must be the one the seed derives (the integrity
 * check: signify's SHA-512 checksum is checked too). */
pv_status pv_seckey_parse(const char *text, size_t n, pv_seckey *out, pv_error *err);

/* A new random key pair. */
pv_status pv_keygen(pv_seckey *out, pv_error *err);

/* The key files: signify's unencrypted secret key format, and the public
 * key both tools read; comment is the untrusted comment's text. */
pv_status pv_seckey_format(const pv_seckey *k, const char *comment, pv_buf *out);
pv_status pv_pubkey_format(const pv_seckey *k, const char *comment, pv_buf *out);

/* Sign msg: fmt MINISIGN writes the prehashed form with the trusted
 * comment (no newline in it), SIGNIFY the plain form; untrusted is the
 * first line's text. */
pv_status pv_sign(const pv_seckey *k, pv_sigfmt fmt, const unsigned char *msg, size_t n,
                  const char *untrusted, const char *trusted, pv_buf *out, pv_error *err);

/* Zero the secret bytes. */
void pv_seckey_wipe(pv_seckey *k);

#endif
