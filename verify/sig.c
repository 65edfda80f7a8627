/* sig.c — minisign and signify keys and signatures (sig.h). */
#include "sig.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#define UNTRUSTED "untrusted comment: "
#define TRUSTED "trusted comment: "
#define LINE_MAX_BYTES 2048

enum {
  PK_LEN = 2 + PV_KEYID_LEN + 32,                                    /* "Ed" id pk */
  SIG_LEN = 2 + PV_KEYID_LEN + 64,                                   /* alg id sig */
  SIGNIFY_SK_LEN = 2 + 2 + 4 + 16 + 8 + PV_KEYID_LEN + 64,           /* 104 */
  MINISIGN_SK_LEN = 2 + 2 + 2 + 32 + 8 + 8 + PV_KEYID_LEN + 64 + 32, /* 158 */
  B64_MAX = 4 * ((MINISIGN_SK_LEN + 2) / 3),
};

static const char *const verdicts[] = {"ok", "unknown-key", "keyid-mismatch", "bad-signature",
                                       "bad-trusted-comment"};

const char *pv_sigv_name(pv_sigv v) {
  return (unsigned)v < sizeof verdicts / sizeof *verdicts ? verdicts[v] : "?";
}

/* Upper-case hex of the little-endian id without leading zeros, as
 * minisign prints it (printf "%" PRIX64): 0x067F… is "67F…". */
void pv_keyid_hex(const unsigned char id[PV_KEYID_LEN], char out[17]) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = 0;
  for (int i = 2 * PV_KEYID_LEN - 1; i >= 0; i--) {
    unsigned d = (id[i / 2] >> (i % 2 * 4)) & 15;
    if (d || n || i == 0)
      out[n++] = hex[d];
  }
  out[n] = '\0';
}

/* ---- text ---------------------------------------------------------------- */

/* The next line of [*p, end) into buf (no line end, a CR before LF
 * dropped); its length, or -1 at the end or when it is too long. */
static long next_line(const char **p, const char *end, char *buf, size_t cap) {
  if (*p >= end)
    return -1;
  const char *nl = memchr(*p, '\n', (size_t)(end - *p));
  const char *stop = nl ? nl : end;
  size_t n = (size_t)(stop - *p);
  if (n > 0 && (*p)[n - 1] == '\r')
    n--;
  if (n >= cap)
    return -1;
  memcpy(buf, *p, n);
  buf[n] = '\0';
  *p = nl ? nl + 1 : end;
  return (long)n;
}

/* Base64 of len characters (no blanks) into out: the decoded length, or
 * -1 when it is not base64 or decodes to more than cap bytes. */
static long b64_decode(const char *s, size_t len, unsigned char *out, size_t cap) {
  unsigned char tmp[B64_MAX];
  if (len == 0 || len % 4 || len > sizeof tmp)
    return -1;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == ' ' || s[i] == '\t' || (s[i] == '=' && i + 2 < len))
      return -1;
  }
  int n = EVP_DecodeBlock(tmp, (const unsigned char *)s, (int)len);
  if (n < 0)
    return -1;
  n -= (s[len - 1] == '=') + (s[len - 2] == '=');
  if ((size_t)n > cap)
    return -1;
  memcpy(out, tmp, (size_t)n);
  return n;
}

static void b64_cat(pv_buf *b, const unsigned char *p, size_t n) {
  unsigned char tmp[B64_MAX + 1];
  EVP_EncodeBlock(tmp, p, (int)n);
  pv_buf_cats(b, (const char *)tmp);
  pv_buf_cats(b, "\n");
}

/* The text after "untrusted comment: " into out; -1 when line lacks it. */
static int comment(const char *line, const char *prefix, char *out, size_t cap) {
  size_t k = strlen(prefix);
  if (strncmp(line, prefix, k) != 0)
    return -1;
  size_t n = strlen(line + k);
  n = n < cap ? n : cap - 1;
  memcpy(out, line + k, n);
  out[n] = '\0';
  return 0;
}

/* ---- Ed25519 and BLAKE2b (libcrypto) ------------------------------------ */

static int ed_verify(const unsigned char pk[32], const unsigned char sig[64],
                     const unsigned char *m, size_t n) {
  EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pk, 32);
  EVP_MD_CTX *c = EVP_MD_CTX_new();
  int ok = k && c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
           EVP_DigestVerify(c, sig, 64, m, n) == 1;
  EVP_MD_CTX_free(c);
  EVP_PKEY_free(k);
  return ok;
}

static int ed_sign(const unsigned char seed[32], const unsigned char *m, size_t n,
                   unsigned char sig[64]) {
  EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
  EVP_MD_CTX *c = EVP_MD_CTX_new();
  size_t len = 64;
  int ok = k && c && EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
           EVP_DigestSign(c, sig, &len, m, n) == 1 && len == 64;
  EVP_MD_CTX_free(c);
  EVP_PKEY_free(k);
  return ok;
}

/* The public key of seed into pk; 0 or -1. */
static int ed_public(const unsigned char seed[32], unsigned char pk[32]) {
  EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
  size_t len = 32;
  int ok = k && EVP_PKEY_get_raw_public_key(k, pk, &len) == 1 && len == 32;
  EVP_PKEY_free(k);
  return ok ? 0 : -1;
}

static int blake2b512(const unsigned char *m, size_t n, unsigned char out[64]) {
  return EVP_Digest(m, n, out, NULL, EVP_blake2b512(), NULL) == 1 ? 0 : -1;
}

/* ---- public keys ----------------------------------------------------------- */

/* "Ed" || id || pk from one base64 line. */
static int pubkey_line(const char *line, size_t len, pv_pubkey *out) {
  unsigned char raw[PK_LEN];
  if (b64_decode(line, len, raw, sizeof raw) != PK_LEN || memcmp(raw, "Ed", 2) != 0)
    return -1;
  memcpy(out->id, raw + 2, PV_KEYID_LEN);
  memcpy(out->pk, raw + 2 + PV_KEYID_LEN, 32);
  return 0;
}

pv_status pv_pubkey_parse(const char *text, size_t n, pv_pubkey *out, pv_error *err) {
  const char *p = text, *end = text + n;
  char line[LINE_MAX_BYTES];
  long len;
  memset(out, 0, sizeof *out);
  while ((len = next_line(&p, end, line, sizeof line)) >= 0) {
    if (len == 0 || strncmp(line, UNTRUSTED, strlen(UNTRUSTED)) == 0)
      continue;
    if (pubkey_line(line, (size_t)len, out) == 0)
      return PV_OK;
    break;
  }
  return pv_error_set(err, PV_FAILED, "not a minisign or signify public key");
}

/* One trusted-keys line: the key, then blanks and a label. */
static int trusted_line(char *line, pv_pubkey *k) {
  size_t klen = strcspn(line, " \t");
  const char *label = line + klen + strspn(line + klen, " \t");
  memset(k, 0, sizeof *k);
  snprintf(k->label, sizeof k->label, "%s", label);
  return pubkey_line(line, klen, k);
}

pv_status pv_trusted_keys_parse(const char *text, size_t len, pv_pubkey *keys, size_t max,
                                size_t *n, pv_error *err) {
  const char *p = text, *end = text + len;
  char line[LINE_MAX_BYTES];
  long ll;
  *n = 0;
  for (unsigned no = 1; p < end; no++) {
    if ((ll = next_line(&p, end, line, sizeof line)) < 0)
      return pv_error_set(err, PV_FAILED, "line %u: longer than %d bytes", no, LINE_MAX_BYTES);
    if (ll == 0 || line[0] == '#' || strncmp(line, UNTRUSTED, strlen(UNTRUSTED)) == 0)
      continue;
    if (*n == max)
      return pv_error_set(err, PV_FAILED, "line %u: more than %zu keys", no, max);
    if (trusted_line(line, &keys[*n]) != 0)
      return pv_error_set(err, PV_FAILED, "line %u: not a minisign or signify public key", no);
    (*n)++;
  }
  if (*n == 0)
    return pv_error_set(err, PV_FAILED, "no public keys");
  return PV_OK;
}

/* ---- signatures ---------------------------------------------------------- */

static pv_status sig_line(const char *line, size_t len, pv_sig *out, pv_error *err) {
  unsigned char raw[SIG_LEN];
  if (b64_decode(line, len, raw, sizeof raw) != SIG_LEN)
    return pv_error_set(err, PV_FAILED, "the signature line is not base64 of a signature");
  if (memcmp(raw, "Ed", 2) != 0 && memcmp(raw, "ED", 2) != 0)
    return pv_error_set(err, PV_FAILED, "unknown signature algorithm '%.2s'", (char *)raw);
  out->prehashed = raw[1] == 'D';
  memcpy(out->id, raw + 2, PV_KEYID_LEN);
  memcpy(out->sig, raw + 2 + PV_KEYID_LEN, 64);
  return PV_OK;
}

/* minisign's third and fourth lines: the trusted comment and its signature. */
static pv_status trusted_lines(const char **p, const char *end, pv_sig *out, pv_error *err) {
  char line[LINE_MAX_BYTES];
  long len = next_line(p, end, line, sizeof line);
  if (len < 0 || comment(line, TRUSTED, out->trusted, sizeof out->trusted) != 0)
    return pv_error_set(err, PV_FAILED, "line 3 is not a trusted comment");
  if (strlen(line) - strlen(TRUSTED) >= sizeof out->trusted)
    return pv_error_set(err, PV_FAILED, "trusted comment longer than %d bytes",
                        PV_SIG_COMMENT_MAX - 1);
  len = next_line(p, end, line, sizeof line);
  if (len < 0 || b64_decode(line, (size_t)len, out->global, 64) != 64)
    return pv_error_set(err, PV_FAILED, "line 4 is not the trusted comment's signature");
  return PV_OK;
}

pv_status pv_sig_parse(const char *text, size_t n, pv_sig *out, pv_error *err) {
  const char *p = text, *end = text + n;
  char line[LINE_MAX_BYTES];
  memset(out, 0, sizeof *out);
  if (next_line(&p, end, line, sizeof line) < 0 ||
      comment(line, UNTRUSTED, out->untrusted, sizeof out->untrusted) != 0)
    return pv_error_set(err, PV_FAILED, "line 1 is not an untrusted comment");
  long len = next_line(&p, end, line, sizeof line);
  if (len < 0)
    return pv_error_set(err, PV_FAILED, "no signature line");
  if (sig_line(line, (size_t)len, out, err) != PV_OK)
    return err->code;
  while (p < end && (*p == '\n' || *p == '\r'))
    p++;
  if (p == end && !out->prehashed) {
    out->fmt = PV_SIGFMT_SIGNIFY;
    return PV_OK;
  }
  out->fmt = PV_SIGFMT_MINISIGN;
  if (trusted_lines(&p, end, out, err) != PV_OK)
    return err->code;
  return PV_OK;
}

pv_sigv pv_sig_check(const pv_sig *sig, const unsigned char *msg, size_t n, const pv_pubkey *keys,
                     size_t nkeys, int one_key, int *which) {
  size_t i = 0;
  *which = -1;
  while (i < nkeys && memcmp(keys[i].id, sig->id, PV_KEYID_LEN) != 0)
    i++;
  if (i == nkeys)
    return one_key ? PV_SIGV_KEYID_MISMATCH : PV_SIGV_UNKNOWN_KEY;
  unsigned char h[64];
  if (sig->prehashed && blake2b512(msg, n, h) != 0)
    return PV_SIGV_BAD_SIGNATURE;
  if (!ed_verify(keys[i].pk, sig->sig, sig->prehashed ? h : msg, sig->prehashed ? 64 : n))
    return PV_SIGV_BAD_SIGNATURE;
  if (sig->fmt == PV_SIGFMT_MINISIGN) {
    unsigned char g[64 + PV_SIG_COMMENT_MAX];
    size_t tl = strlen(sig->trusted);
    memcpy(g, sig->sig, 64);
    memcpy(g + 64, sig->trusted, tl);
    if (!ed_verify(keys[i].pk, sig->global, g, 64 + tl))
      return PV_SIGV_BAD_TRUSTED;
  }
  *which = (int)i;
  return PV_SIGV_OK;
}

/* ---- secret keys --------------------------------------------------------- */

/* seed || pk as stored: the pk must be the seed's. */
static pv_status take_sk(pv_seckey *out, const unsigned char *id, const unsigned char *sk,
                         pv_error *err) {
  memcpy(out->id, id, PV_KEYID_LEN);
  memcpy(out->seed, sk, 32);
  if (ed_public(out->seed, out->pk) != 0 || memcmp(out->pk, sk + 32, 32) != 0) {
    pv_seckey_wipe(out);
    return pv_error_set(err, PV_FAILED, "damaged secret key (its public half does not match)");
  }
  return PV_OK;
}

static pv_status signify_sk(const unsigned char *raw, pv_seckey *out, pv_error *err) {
  const unsigned char *rounds = raw + 4, *chk = raw + 24, *id = raw + 32, *sk = raw + 40;
  unsigned char d[64];
  if (memcmp(raw, "EdBK", 4) != 0)
    return pv_error_set(err, PV_FAILED, "not a signify Ed25519 secret key");
  if (rounds[0] | rounds[1] | rounds[2] | rounds[3])
    return pv_error_set(err, PV_FAILED,
                        "encrypted secret key (make one without a passphrase: signify -G -n)");
  if (EVP_Digest(sk, 64, d, NULL, EVP_sha512(), NULL) != 1 || memcmp(d, chk, 8) != 0)
    return pv_error_set(err, PV_FAILED, "damaged secret key (checksum mismatch)");
  return take_sk(out, id, sk, err);
}

static pv_status minisign_sk(const unsigned char *raw, pv_seckey *out, pv_error *err) {
  const unsigned char *kdf = raw + 2, *id = raw + 6 + 32 + 16, *sk = id + PV_KEYID_LEN;
  if (memcmp(raw, "Ed", 2) != 0 || memcmp(raw + 4, "B2", 2) != 0)
    return pv_error_set(err, PV_FAILED, "not a minisign Ed25519 secret key");
  if (kdf[0] | kdf[1])
    return pv_error_set(err, PV_FAILED,
                        "encrypted secret key (make one without a password: minisign -G -W)");
  return take_sk(out, id, sk, err);
}

pv_status pv_seckey_parse(const char *text, size_t n, pv_seckey *out, pv_error *err) {
  const char *p = text, *end = text + n;
  char line[LINE_MAX_BYTES];
  unsigned char raw[MINISIGN_SK_LEN];
  long len;
  memset(out, 0, sizeof *out);
  while ((len = next_line(&p, end, line, sizeof line)) == 0 ||
         (len > 0 && strncmp(line, UNTRUSTED, strlen(UNTRUSTED)) == 0))
    continue;
  long got = len > 0 ? b64_decode(line, (size_t)len, raw, sizeof raw) : -1;
  pv_status st = got == SIGNIFY_SK_LEN ? signify_sk(raw, out, err)
                 : got == MINISIGN_SK_LEN
                     ? minisign_sk(raw, out, err)
                     : pv_error_set(err, PV_FAILED, "not a minisign or signify secret key");
  OPENSSL_cleanse(raw, sizeof raw);
  OPENSSL_cleanse(line, sizeof line);
  return st;
}

pv_status pv_keygen(pv_seckey *out, pv_error *err) {
  memset(out, 0, sizeof *out);
  if (RAND_bytes(out->id, PV_KEYID_LEN) != 1 || RAND_bytes(out->seed, 32) != 1 ||
      ed_public(out->seed, out->pk) != 0) {
    pv_seckey_wipe(out);
    return pv_error_set(err, PV_FATAL, "no random bytes for a key");
  }
  return PV_OK;
}

pv_status pv_seckey_format(const pv_seckey *k, const char *comment_text, pv_buf *out) {
  unsigned char raw[SIGNIFY_SK_LEN] = "EdBK";
  memset(raw + 4, 0, 4 + 16); /* rounds 0: no passphrase; salt unused */
  memcpy(raw + 32, k->id, PV_KEYID_LEN);
  memcpy(raw + 40, k->seed, 32);
  memcpy(raw + 72, k->pk, 32);
  unsigned char d[64];
  EVP_Digest(raw + 40, 64, d, NULL, EVP_sha512(), NULL);
  memcpy(raw + 24, d, 8);
  pv_buf_catf(out, UNTRUSTED "%s\n", comment_text);
  b64_cat(out, raw, sizeof raw);
  OPENSSL_cleanse(raw, sizeof raw);
  return pv_buf_status(out);
}

pv_status pv_pubkey_format(const pv_seckey *k, const char *comment_text, pv_buf *out) {
  unsigned char raw[PK_LEN] = "Ed";
  memcpy(raw + 2, k->id, PV_KEYID_LEN);
  memcpy(raw + 2 + PV_KEYID_LEN, k->pk, 32);
  pv_buf_catf(out, UNTRUSTED "%s\n", comment_text);
  b64_cat(out, raw, sizeof raw);
  return pv_buf_status(out);
}

/* minisign's trusted comment and its global signature (over sig || it). */
static pv_status sign_trusted(const pv_seckey *k, const unsigned char sig[64], const char *trusted,
                              pv_buf *out, pv_error *err) {
  unsigned char g[64 + PV_SIG_COMMENT_MAX], global[64];
  size_t tl = strlen(trusted);
  if (tl >= PV_SIG_COMMENT_MAX || strpbrk(trusted, "\r\n"))
    return pv_error_set(err, PV_FAILED, "a trusted comment is one line of under %d bytes",
                        PV_SIG_COMMENT_MAX);
  memcpy(g, sig, 64);
  memcpy(g + 64, trusted, tl);
  if (!ed_sign(k->seed, g, 64 + tl, global))
    return pv_error_set(err, PV_FATAL, "Ed25519 signing failed");
  pv_buf_catf(out, TRUSTED "%s\n", trusted);
  b64_cat(out, global, 64);
  return PV_OK;
}

pv_status pv_sign(const pv_seckey *k, pv_sigfmt fmt, const unsigned char *msg, size_t n,
                  const char *untrusted, const char *trusted, pv_buf *out, pv_error *err) {
  unsigned char raw[SIG_LEN], h[64];
  int hashed = fmt == PV_SIGFMT_MINISIGN;
  memcpy(raw, hashed ? "ED" : "Ed", 2);
  memcpy(raw + 2, k->id, PV_KEYID_LEN);
  if (strpbrk(untrusted, "\r\n"))
    return pv_error_set(err, PV_FAILED, "an untrusted comment is one line");
  if ((hashed && blake2b512(msg, n, h) != 0) ||
      !ed_sign(k->seed, hashed ? h : msg, hashed ? 64 : n, raw + 2 + PV_KEYID_LEN))
    return pv_error_set(err, PV_FATAL, "Ed25519 signing failed");
  pv_buf_catf(out, UNTRUSTED "%s\n", untrusted);
  b64_cat(out, raw, sizeof raw);
  if (hashed && sign_trusted(k, raw + 2 + PV_KEYID_LEN, trusted, out, err) != PV_OK)
    return err->code;
  if (pv_buf_status(out) != PV_OK)
    return pv_error_set(err, pv_buf_status(out), "signature too long");
  return PV_OK;
}

void pv_seckey_wipe(pv_seckey *k) {
  OPENSSL_cleanse(k, sizeof *k);
}
