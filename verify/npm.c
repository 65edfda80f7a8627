/* npm.c — registry signatures and tarball integrity (npm.h). */
#include "npm.h"

#include "../vulndb/http.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#define MAX_KEYS 64
#define NO_EXPIRY ((long long)-1)

typedef struct {
  char keyid[96];
  EVP_PKEY *pkey;
  long long expires; /* seconds since the epoch, or NO_EXPIRY */
} npm_key;

struct pv_npm_keys {
  npm_key k[MAX_KEYS];
  size_t n;
};

static const char *const verdicts[] = {"ok", "unsigned", "unknown-key", "expired-key",
                                       "bad-signature"};

const char *pv_npmv_name(pv_npmv v) {
  return (unsigned)v < sizeof verdicts / sizeof *verdicts ? verdicts[v] : "?";
}

/* "2024-10-09T22:57:17.169Z" (fraction and Z optional) as epoch seconds;
 * -2 when it is not such a time. */
static long long iso_time(const char *s) {
  struct tm tm = {0};
  const char *end = s ? strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
  if (!end)
    return -2;
  return (long long)timegm(&tm);
}

static long b64_decode(const char *s, unsigned char *out, size_t cap) {
  size_t len = strlen(s);
  if (len == 0 || len % 4 || len / 4 * 3 > cap)
    return -1;
  int n = EVP_DecodeBlock(out, (const unsigned char *)s, (int)len);
  if (n < 0)
    return -1;
  return n - (s[len - 1] == '=') - (s[len - 2] == '=');
}

/* ---- keys ---------------------------------------------------------------- */

static pv_status one_key(json_t *o, size_t i, npm_key *k, pv_error *err) {
  const char *id = json_string_value(json_object_get(o, "keyid"));
  const char *type = json_string_value(json_object_get(o, "keytype"));
  const char *key = json_string_value(json_object_get(o, "key"));
  json_t *exp = json_object_get(o, "expires");
  unsigned char der[512];
  if (!id || !key || strlen(id) >= sizeof k->keyid)
    return pv_error_set(err, PV_FAILED, "key %zu: no keyid or key", i + 1);
  if (!type || strcmp(type, "ecdsa-sha2-nistp256") != 0)
    return pv_error_set(err, PV_FAILED, "key %s: keytype %s is not ecdsa-sha2-nistp256", id,
                        type ? type : "missing");
  snprintf(k->keyid, sizeof k->keyid, "%s", id);
  k->expires = json_is_null(exp) || !exp ? NO_EXPIRY : iso_time(json_string_value(exp));
  if (k->expires == -2)
    return pv_error_set(err, PV_FAILED, "key %s: expires is not an ISO 8601 time", id);
  long n = b64_decode(key, der, sizeof der);
  const unsigned char *p = der;
  k->pkey = n > 0 ? d2i_PUBKEY(NULL, &p, n) : NULL;
  if (!k->pkey || EVP_PKEY_get_base_id(k->pkey) != EVP_PKEY_EC)
    return pv_error_set(err, PV_FAILED, "key %s: not a base64 EC public key (SPKI)", id);
  return PV_OK;
}

pv_status pv_npm_keys_parse(const char *json, size_t n, pv_npm_keys **out, pv_error *err) {
  json_error_t je;
  json_t *root = json_loadb(json, n, JSON_REJECT_DUPLICATES, &je);
  json_t *arr = json_object_get(root, "keys"), *o;
  size_t i;
  *out = NULL;
  if (!root)
    return pv_error_set(err, PV_FAILED, "line %d: %s", je.line, je.text);
  if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > MAX_KEYS) {
    json_decref(root);
    return pv_error_set(err, PV_FAILED, "no \"keys\" array of 1 to %d keys", MAX_KEYS);
  }
  pv_npm_keys *k = calloc(1, sizeof *k);
  if (!k) {
    json_decref(root);
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  pv_status st = PV_OK;
  json_array_foreach(arr, i, o) {
    if ((st = one_key(o, i, &k->k[k->n], err)) != PV_OK)
      break;
    k->n++;
  }
  json_decref(root);
  if (st != PV_OK) {
    EVP_PKEY_free(k->k[k->n].pkey);
    pv_npm_keys_free(k);
    return st;
  }
  *out = k;
  return PV_OK;
}

void pv_npm_keys_free(pv_npm_keys *k) {
  for (size_t i = 0; k && i < k->n; i++)
    EVP_PKEY_free(k->k[i].pkey);
  free(k);
}

/* ---- the checks ---------------------------------------------------------- */

static void sri_sha512(const unsigned char *p, size_t n, char out[160]) {
  unsigned char d[64];
  EVP_Digest(p, n, d, NULL, EVP_sha512(), NULL);
  memcpy(out, "sha512-", 7);
  EVP_EncodeBlock((unsigned char *)out + 7, d, 64);
}

/* Whether an SRI string (space-separated hashes) holds sri. */
static int sri_has(const char *list, const char *sri) {
  size_t k = strlen(sri);
  for (const char *p = list; p && *p;) {
    p += strspn(p, " \t");
    size_t n = strcspn(p, " \t");
    if (n >= k && strncmp(p, sri, k) == 0 && (n == k || p[k] == '?'))
      return 1;
    p += n;
  }
  return 0;
}

static const npm_key *find_key(const pv_npm_keys *keys, const char *id) {
  for (size_t i = 0; id && i < keys->n; i++) {
    if (strcmp(keys->k[i].keyid, id) == 0)
      return &keys->k[i];
  }
  return NULL;
}

static int ecdsa_verify(EVP_PKEY *k, const char *sig_b64, const char *msg) {
  unsigned char sig[256];
  long n = sig_b64 ? b64_decode(sig_b64, sig, sizeof sig) : -1;
  EVP_MD_CTX *c = EVP_MD_CTX_new();
  int ok = n > 0 && c && EVP_DigestVerifyInit(c, NULL, EVP_sha256(), NULL, k) == 1 &&
           EVP_DigestVerify(c, sig, (size_t)n, (const unsigned char *)msg, strlen(msg)) == 1;
  EVP_MD_CTX_free(c);
  return ok;
}

/* One dist.signatures entry. */
static pv_npmv check_sig(json_t *s, const pv_npm_keys *keys, const char *msg, long long pub,
                         pv_npm_check *out) {
  const char *id = json_string_value(json_object_get(s, "keyid"));
  const npm_key *k = find_key(keys, id);
  if (id)
    snprintf(out->keyid, sizeof out->keyid, "%s", id);
  if (!k)
    return PV_NPMV_UNKNOWN_KEY;
  if (k->expires != NO_EXPIRY && (pub < 0 || pub >= k->expires))
    return PV_NPMV_EXPIRED_KEY;
  return ecdsa_verify(k->pkey, json_string_value(json_object_get(s, "sig")), msg)
             ? PV_NPMV_OK
             : PV_NPMV_BAD_SIGNATURE;
}

/* The registry signature of version v: the best verdict of its
 * signatures (ok over bad over expired over unknown). */
static void check_sigs(json_t *doc, json_t *v, const pv_npm_keys *keys, pv_npm_check *out) {
  json_t *dist = json_object_get(v, "dist"), *sigs = json_object_get(dist, "signatures"), *s;
  const char *integ = json_string_value(json_object_get(dist, "integrity"));
  const char *t = json_string_value(json_object_get(json_object_get(doc, "time"), out->version));
  char msg[1024];
  size_t i;
  snprintf(out->published, sizeof out->published, "%s", t ? t : "");
  out->sig = PV_NPMV_UNSIGNED;
  if (!integ || !json_is_array(sigs) || json_array_size(sigs) == 0)
    return;
  snprintf(msg, sizeof msg, "%s@%s:%s", out->name, out->version, integ);
  long long pub = t ? iso_time(t) : -1;
  static const int rank[] = {4, 0, 1, 2, 3}; /* by pv_npmv */
  out->sig = PV_NPMV_UNKNOWN_KEY;
  json_array_foreach(sigs, i, s) {
    pv_npmv r = check_sig(s, keys, msg, pub, out);
    if (rank[r] > rank[out->sig])
      out->sig = r;
    if (r == PV_NPMV_OK)
      break;
  }
}

/* The version whose dist.integrity holds the tarball's digest, or NULL. */
static json_t *find_version(json_t *versions, const char *sri, const char **name) {
  const char *k;
  json_t *v;
  json_object_foreach(versions, k, v) {
    const char *integ = json_string_value(json_object_get(json_object_get(v, "dist"), "integrity"));
    if (integ && sri_has(integ, sri)) {
      *name = k;
      return v;
    }
  }
  return NULL;
}

static void say_reason(pv_npm_check *o) {
  char *r = o->sig_reason;
  size_t n = sizeof o->sig_reason;
  snprintf(o->reason, sizeof o->reason,
           "the tarball's digest is not %.200s@%.100s's dist.integrity", o->name, o->version);
  if (o->sig == PV_NPMV_OK)
    snprintf(r, n, "signed by the registry (key %.95s)", o->keyid);
  else if (o->sig == PV_NPMV_UNSIGNED)
    snprintf(r, n, "%.200s@%.100s has no registry signature", o->name, o->version);
  else if (o->sig == PV_NPMV_UNKNOWN_KEY)
    snprintf(r, n, "signed with key %.95s, which is not in the keys file", o->keyid);
  else if (o->sig == PV_NPMV_EXPIRED_KEY && o->published[0])
    snprintf(r, n, "key %.95s had expired when %.200s@%.100s was published (%.39s)", o->keyid,
             o->name, o->version, o->published);
  else if (o->sig == PV_NPMV_EXPIRED_KEY)
    snprintf(r, n, "key %.95s expires, and the packument gives no time for %.200s@%.100s", o->keyid,
             o->name, o->version);
  else
    snprintf(r, n,
             "the registry signature (key %.95s) does not verify over %.200s@%.100s's integrity",
             o->keyid, o->name, o->version);
}

pv_status pv_npm_check_tarball(const char *packument, size_t plen, const unsigned char *tgz,
                               size_t n, const char *version, const pv_npm_keys *keys,
                               pv_npm_check *out, pv_error *err) {
  json_error_t je;
  memset(out, 0, sizeof *out);
  json_t *doc = json_loadb(packument, plen, JSON_REJECT_DUPLICATES, &je);
  const char *name = json_string_value(json_object_get(doc, "name"));
  json_t *versions = json_object_get(doc, "versions");
  if (!name || !json_is_object(versions) || strlen(name) >= sizeof out->name) {
    json_decref(doc);
    return pv_error_set(err, PV_FAILED, "not a packument (%s)",
                        doc ? "no name or versions" : je.text);
  }
  snprintf(out->name, sizeof out->name, "%s", name);
  sri_sha512(tgz, n, out->integrity);
  const char *vname = version;
  json_t *v =
      version ? json_object_get(versions, version) : find_version(versions, out->integrity, &vname);
  if (version && !v) {
    json_decref(doc);
    return pv_error_set(err, PV_FAILED, "the packument of %s has no version %s", out->name,
                        version);
  }
  snprintf(out->version, sizeof out->version, "%s", v ? vname : "?");
  const char *integ = json_string_value(json_object_get(json_object_get(v, "dist"), "integrity"));
  out->integrity_ok = integ && sri_has(integ, out->integrity);
  if (v)
    check_sigs(doc, v, keys, out);
  say_reason(out);
  if (!v)
    snprintf(out->reason, sizeof out->reason,
             "the tarball is no version of %.255s in the packument", out->name);
  json_decref(doc);
  return PV_OK;
}

/* ---- the tarball's own name and version ---------------------------------- */

/* "DIR/package.json" with DIR one path component ("./" allowed first). */
static int top_manifest(const char *p) {
  if (p == NULL)
    return 0;
  if (p[0] == '.' && p[1] == '/')
    p += 2;
  const char *slash = strchr(p, '/');
  return slash && slash != p && strcmp(slash + 1, "package.json") == 0;
}

/* The manifest's name and version into name/version; PV_FAILED why not. */
static pv_status manifest_id(const char *text, size_t len, char name[256], char version[128],
                             pv_error *err) {
  json_error_t je;
  json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  const char *nm = json_string_value(json_object_get(doc, "name"));
  const char *v = json_string_value(json_object_get(doc, "version"));
  pv_status st = PV_OK;
  if (doc == NULL)
    st = pv_error_set(err, PV_FAILED, "its package.json is not JSON (%s)", je.text);
  else if (!nm || !v || !*nm || !*v || strlen(nm) >= 256 || strlen(v) >= 128)
    st = pv_error_set(err, PV_FAILED, "its package.json has no usable name and version");
  else {
    snprintf(name, 256, "%s", nm);
    snprintf(version, 128, "%s", v);
  }
  json_decref(doc);
  return st;
}

pv_status pv_npm_tarball_id(const unsigned char *tgz, size_t n, const pv_limits *lim,
                            char name[256], char version[128], pv_error *err) {
  struct archive *a = archive_read_new();
  struct archive_entry *e;
  char *buf = NULL;
  pv_status st = pv_error_set(err, PV_FAILED, "no package/package.json in it");
  if (a == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  archive_read_support_filter_all(a);
  archive_read_support_format_tar(a);
  if (archive_read_open_memory(a, tgz, n) != ARCHIVE_OK) {
    st = pv_error_set(err, PV_FAILED, "not a tarball (%s)", archive_error_string(a));
    archive_read_free(a);
    return st;
  }
  int r;
  uint64_t unpacked = 0; /* what skipping the entries so far decompresses */
  while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
    la_int64_t size = archive_entry_size(e);
    unpacked += size > 0 ? (uint64_t)size : 0;
    if (unpacked > lim->total_bytes) {
      st = pv_error_set(err, PV_FAILED, "no package/package.json in its first %llu unpacked bytes",
                        (unsigned long long)lim->total_bytes);
      break;
    }
    if (!top_manifest(archive_entry_pathname(e)))
      continue;
    if (size < 0 || size > (la_int64_t)lim->manifest_bytes) {
      st = pv_error_set(err, PV_FAILED, "its package.json is over %u bytes", lim->manifest_bytes);
      break;
    }
    buf = malloc((size_t)size + 1);
    if (buf == NULL || archive_read_data(a, buf, (size_t)size) != size) {
      st = pv_error_set(err, buf ? PV_FAILED : PV_FATAL, "its package.json cannot be read");
      break;
    }
    st = manifest_id(buf, (size_t)size, name, version, err);
    break;
  }
  if (r != ARCHIVE_OK && r != ARCHIVE_EOF && st == PV_FAILED && buf == NULL)
    st = pv_error_set(err, PV_FAILED, "not a tarball (%s)", archive_error_string(a));
  free(buf);
  archive_read_free(a);
  return st;
}

/* An npm package name that stays one path segment of a URL: letters,
 * digits and -._~, "@scope/name" with one slash, no part starting with a
 * dot or an underscore (so never "." or ".."). */
static int url_safe_name(const char *name) {
  const char *part = name[0] == '@' ? name + 1 : name;
  int slashes = 0;
  for (const char *p = part; *p; p++) {
    if (p == part || p[-1] == '/') {
      if (*p == '.' || *p == '_' || *p == '/')
        return 0;
    }
    if (*p == '/')
      slashes++;
    else if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~", *p))
      return 0;
  }
  return *part && slashes == (name[0] == '@') && part[strlen(part) - 1] != '/';
}

int pv_npm_packument_url(const char *registry, const char *name, char *out, size_t cap) {
  if (!url_safe_name(name))
    return -1;
  size_t rl = strlen(registry);
  while (rl > 0 && registry[rl - 1] == '/')
    rl--;
  const char *slash = name[0] == '@' ? strchr(name, '/') : NULL;
  int len = slash ? snprintf(out, cap, "%.*s/%.*s%%2f%s", (int)rl, registry, (int)(slash - name),
                             name, slash + 1)
                  : snprintf(out, cap, "%.*s/%s", (int)rl, registry, name);
  return len < 0 || (size_t)len >= cap ? -1 : 0;
}

pv_status pv_npm_check_online(const char *registry, const unsigned char *tgz, size_t n,
                              const char *version, const pv_npm_keys *keys, const pv_limits *lim,
                              pv_npm_check *out, pv_error *err) {
  char name[256], own[128], url[2048];
  pv_http_resp resp = {0};
  if (pv_npm_tarball_id(tgz, n, lim, name, own, err) != PV_OK)
    return err->code;
  if (pv_npm_packument_url(registry, name, url, sizeof url) != 0)
    return pv_error_set(err, PV_FAILED, "\"%.200s\" is not a registry package name", name);
  pv_http_req rq = {.max_bytes = lim->packument_bytes, .lim = lim};
  pv_status st = pv_http_fetch(url, &rq, &resp, err);
  if (st == PV_OK && resp.body == NULL)
    st = pv_error_set(err, PV_FAILED, "%s: an empty answer", url);
  if (st == PV_OK && pv_npm_check_tarball((const char *)resp.body, resp.len, tgz, n, version, keys,
                                          out, err) != PV_OK) {
    char why[sizeof err->msg];
    snprintf(why, sizeof why, "%s", err->msg);
    st = pv_error_set(err, PV_FAILED, "%s: %s", url, why);
  } else if (st == PV_OK && strcmp(out->name, name) != 0)
    st = pv_error_set(err, PV_FAILED, "%s: the packument of %s, not of %s", url, out->name, name);
  pv_http_resp_free(&resp);
  return st;
}
