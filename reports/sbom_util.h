/* sbom_util.h — what the SBOM writers (cyclonedx.c, spdx.c) share: SPDX
 * licence ids and expressions, SRI hashes decoded to hex, and the URLs a
 * schema's URI formats accept.
 *
 * Ownership: nothing allocated; returned strings are static or the caller's. */
#ifndef PV_SBOM_UTIL_H
#define PV_SBOM_UTIL_H

#include <stddef.h>

/* The SPDX list's spelling of s (case-insensitive), or NULL when s is not
 * an id on it (licences and exceptions, reports/spdx_ids.inc). */
const char *pv_spdx_id(const char *s);
/* Whether s looks like an expression (parentheses, OR, AND, WITH). */
int pv_spdx_is_expression(const char *s);
/* Whether s is an SPDX licence expression every term of which is on the
 * list (a trailing "+" allowed) or a LicenseRef-/DocumentRef- reference,
 * joined by AND, OR, WITH and balanced parentheses (a boolean). */
int pv_spdx_valid_expression(const char *s);

/* One SRI hash ("sha512-BASE64", the first of a space-separated list at
 * sri) decoded: its algorithm index into PV_SRI_ALGS and the hex digest
 * into hex (129 bytes); -1 when it is not a well-formed SHA-1/256/384/512. */
int pv_sri_decode(const char *sri, char hex[129]);
/* The algorithm names: CycloneDX's ("SHA-512") and SPDX's ("SHA512"). */
const char *pv_sri_alg_cdx(int alg);
const char *pv_sri_alg_spdx(int alg);

/* A URL the schemas' URI formats accept: a known scheme (https, http,
 * git+https, git+http, git+ssh, git, ssh) and no blanks, controls or
 * characters IRIs forbid, under 2 KiB (a boolean). */
int pv_good_url(const char *u);

#endif
