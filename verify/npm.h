/* npm.h — the npm registry's own guarantees for a tarball: its digest
 * against the packument's dist.integrity (SRI sha512), and the registry's
 * ECDSA P-256 signature over "NAME@VERSION:INTEGRITY" (dist.signatures)
 * with the registry's public keys (a keys file as the registry serves it at
 * /-/npm/v1/keys: keyid, keytype, scheme, key as base64 SPKI, expires). A
 * key that expired before the version was published (the packument's
 * time[VERSION]) does not count.
 *
 * For --online, the tarball's own package.json names the package whose
 * packument is fetched (with vulndb/http.h).
 *
 * Ownership: pv_npm_keys owns its keys (pv_npm_keys_free); a check's
 * result is plain data. */
#ifndef PV_VERIFY_NPM_H
#define PV_VERIFY_NPM_H

#include <stddef.h>

#include "../scanner/base.h"
#include "../scanner/limits.h"

typedef struct pv_npm_keys pv_npm_keys;

/* Parse a keys file ({"keys": [...]}); keys of other types are refused. */
pv_status pv_npm_keys_parse(const char *json, size_t n, pv_npm_keys **out, pv_error *err);
void pv_npm_keys_free(pv_npm_keys *k);

typedef enum {
  PV_NPMV_OK = 0,
  PV_NPMV_UNSIGNED,      /* the version has no registry signature */
  PV_NPMV_UNKNOWN_KEY,   /* signed with a key id not in the keys file */
  PV_NPMV_EXPIRED_KEY,   /* the key had expired when the version was published */
  PV_NPMV_BAD_SIGNATURE, /* the signature does not verify */
} pv_npmv;

const char *pv_npmv_name(pv_npmv v); /* "ok", "unsigned", "unknown-key", ... */

typedef struct {
  char name[256], version[128];
  char integrity[160];  /* the tarball's own: "sha512-" base64 */
  int integrity_ok;     /* equal to the version's dist.integrity */
  pv_npmv sig;          /* meaningful when the version was found */
  char keyid[96];       /* the signature's key id (the best one seen) */
  char published[40];   /* time[VERSION], or "" */
  char reason[512];     /* the integrity verdict's */
  char sig_reason[512]; /* the signature verdict's */
} pv_npm_check;

/* Check tarball (n bytes) against the packument: version names the version
 * to check, or NULL to find the version whose dist.integrity is the
 * tarball's. PV_FAILED with err when the packument is not one (or has no
 * such version); otherwise PV_OK and the verdicts in out. */
pv_status pv_npm_check_tarball(const char *packument, size_t plen, const unsigned char *tgz,
                               size_t n, const char *version, const pv_npm_keys *keys,
                               pv_npm_check *out, pv_error *err);

/* The name and version of an npm tarball: its top directory's
 * package.json (npm packs under package/), at most lim->manifest_bytes,
 * found within lim->total_bytes unpacked. PV_FAILED saying why (not a
 * tarball, no package.json, no name or version). */
pv_status pv_npm_tarball_id(const unsigned char *tgz, size_t n, const pv_limits *lim,
                            char name[256], char version[128], pv_error *err);

/* The URL of name's packument on registry (no trailing slash needed): a
 * scope's slash encoded as npm does ("@scope%2fname"). 0, or -1 when name
 * is not a package name that stays one URL path segment (letters, digits,
 * -._~, one scope) or the URL does not fit in cap. */
int pv_npm_packument_url(const char *registry, const char *name, char *out, size_t cap);

/* The registry checks with the packument fetched from registry (a base
 * URL) for the name in the tarball's own package.json: as
 * pv_npm_check_tarball (version NULL: found by digest). PV_FAILED with err
 * naming why when there is nothing to check: no package.json, a name that
 * is no registry package name (refused before any request), the
 * registry's answer (the URL named), another package's packument. */
pv_status pv_npm_check_online(const char *registry, const unsigned char *tgz, size_t n,
                              const char *version, const pv_npm_keys *keys, const pv_limits *lim,
                              pv_npm_check *out, pv_error *err);

#endif
