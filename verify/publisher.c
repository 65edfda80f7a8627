/* publisher.c — one file's publisher signature against a keyring
 * (publisher.h). */
#include "publisher.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pv_status pv_keyring_load(pv_keyring *ring, const char *path, int pinned, const pv_limits *lim,
                          pv_error *err) {
  unsigned char *text;
  size_t n;
  memset(ring, 0, sizeof *ring);
  ring->path = path;
  ring->pinned = pinned;
  if (pv_read_file(path, (size_t)lim->sig_file_bytes, &text, &n, err) != PV_OK)
    return PV_FAILED;
  ring->keys = calloc(pinned ? 1 : lim->trusted_keys, sizeof *ring->keys);
  if (ring->keys == NULL) {
    free(text);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  pv_status st =
      pinned ? pv_pubkey_parse((char *)text, n, ring->keys, err)
             : pv_trusted_keys_parse((char *)text, n, ring->keys, lim->trusted_keys, &ring->n, err);
  free(text);
  if (st != PV_OK) {
    char why[sizeof err->msg];
    snprintf(why, sizeof why, "%s", err->msg);
    pv_keyring_free(ring);
    return pv_error_set(err, PV_FAILED, "%s: %s", path, why);
  }
  if (pinned)
    ring->n = 1;
  return PV_OK;
}

void pv_keyring_free(pv_keyring *ring) {
  free(ring->keys);
  ring->keys = NULL;
  ring->n = 0;
}

const char *pv_pubsig_format(const pv_sig *s) {
  return s->fmt == PV_SIGFMT_SIGNIFY ? "signify" : s->prehashed ? "minisign" : "minisign-legacy";
}

/* The signature next to input: input.minisig, then input.sig. */
static const char *find_sig(const char *input, char *buf, size_t cap) {
  static const char *const ext[] = {".minisig", ".sig"};
  for (int i = 0; i < 2; i++) {
    snprintf(buf, cap, "%s%s", input, ext[i]);
    if (access(buf, F_OK) == 0)
      return buf;
  }
  return NULL;
}

static void say_verdict(pv_pubsig *r, pv_sigv v, const pv_keyring *ring) {
  char id[17], want[17];
  pv_keyid_hex(r->sig.id, id);
  r->result = pv_sigv_name(v);
  if (v == PV_SIGV_UNKNOWN_KEY)
    snprintf(r->reason, sizeof r->reason, "signed by key %s, which is not in %s", id, ring->path);
  else if (v == PV_SIGV_KEYID_MISMATCH) {
    pv_keyid_hex(ring->keys[0].id, want);
    snprintf(r->reason, sizeof r->reason, "signed by key %s, not by %s (%s)", id, want, ring->path);
  } else if (v == PV_SIGV_BAD_SIGNATURE)
    snprintf(r->reason, sizeof r->reason, "the signature by key %s does not match the file", id);
  else if (v == PV_SIGV_BAD_TRUSTED)
    snprintf(r->reason, sizeof r->reason, "the trusted comment was altered (key %s)", id);
  else
    snprintf(r->reason, sizeof r->reason, "good signature by key %s", id);
}

int pv_pubsig_check(const char *input, const unsigned char *msg, size_t n, const char *sig_path,
                    const pv_keyring *ring, const pv_limits *lim, pv_pubsig *out) {
  size_t sn;
  pv_error err;
  memset(out, 0, sizeof *out);
  out->key = -1;
  out->sig_path = sig_path ? sig_path : find_sig(input, out->found, sizeof out->found);
  if (out->sig_path == NULL) {
    out->result = "unsigned";
    snprintf(out->reason, sizeof out->reason, "no %s.minisig or %s.sig", input, input);
    return 1;
  }
  unsigned char *text = NULL;
  out->result = "malformed";
  if (pv_read_file(out->sig_path, (size_t)lim->sig_file_bytes, &text, &sn, &err) != PV_OK) {
    snprintf(out->reason, sizeof out->reason, "%s", err.msg); /* names the file */
    return 1;
  }
  pv_status st = pv_sig_parse((char *)text, sn, &out->sig, &err);
  free(text);
  if (st != PV_OK) {
    snprintf(out->reason, sizeof out->reason, "%s: %s", out->sig_path, err.msg);
    return 1;
  }
  out->parsed = 1;
  pv_sigv v = pv_sig_check(&out->sig, msg, n, ring->keys, ring->n, ring->pinned, &out->key);
  say_verdict(out, v, ring);
  return v == PV_SIGV_OK ? 0 : 1;
}
