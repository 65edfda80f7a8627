/* sbom_util.h — what the SBOM writers (cyclonedx.c, spdx.c) share: SRI
 * hashes decoded to hex, and the URLs a schema's URI formats accept.
 *
 * Ownership: nothing allocated; returned strings are static or the caller's. */
#ifndef PV_SBOM_UTIL_H
#define PV_SBOM_UTIL_H

#include <stddef.h>

/* One SRI hash ("sha512-BASE64", the first of a space-separated list at
 * sri) decoded: an algorithm index (for pv_sri_alg_cdx / _spdx) and the hex
 * digest into hex (129 bytes); -1 when it is not a well-formed SHA-1/256/384/512. */
int pv_sri_decode(const char *sri, char hex[129]);
/* The algorithm names: CycloneDX's ("SHA-512") and SPDX's ("SHA512"). */
const char *pv_sri_alg_cdx(int alg);
const char *pv_sri_alg_spdx(int alg);

/* A URL the schemas' URI formats accept: a known scheme (https, http,
 * git+https, git+http, git+ssh, git, ssh) and no blanks, controls or
 * characters IRIs forbid, under 2 KiB (a boolean). */
int pv_good_url(const char *u);

#endif
