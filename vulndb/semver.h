/* semver.h — SemVer 2.0 versions and node-semver ranges (non-loose mode).
 *
 * Versions: "1.2.3", "1.2.3-rc.1+build", one leading 'v' and surrounding
 * blanks accepted (as node-semver's strict parse); at most PV_SEMVER_MAX_LEN
 * bytes; each number at most 2^53-1 (node's MAX_SAFE_INTEGER); numbers and
 * numeric prerelease identifiers have no leading zeros. Build metadata is
 * checked and ignored for precedence.
 *
 * Ownership: pv_semver is a value struct (no allocation); nothing returned
 * needs freeing. */
#ifndef PV_VULNDB_SEMVER_H
#define PV_VULNDB_SEMVER_H
#include <stdint.h>

#include "../scanner/base.h"

#define PV_SEMVER_MAX_LEN 256
#define PV_SEMVER_MAX_NUM 9007199254740991ULL /* 2^53-1 */
#define PV_RANGE_MAX_LEN 4096

typedef struct {
  uint64_t major, minor, patch;
  char pre[PV_SEMVER_MAX_LEN + 1]; /* prerelease without '-', "" when none */
} pv_semver;

/* Range option: prereleases satisfy a range like any other version. */
#define PV_SEMVER_INCLUDE_PRERELEASE 1u

/* Parse a version into *out; PV_FAILED with a message naming it when invalid. */
pv_status pv_semver_parse(const char *s, pv_semver *out, pv_error *err);
/* SemVer 2.0 precedence: <0, 0 or >0 (a comparison, not a status). */
int pv_semver_cmp(const pv_semver *a, const pv_semver *b);
/* Compare two version strings (a comparison, not a status); 0 and *ok=0
 * when either is invalid, else *ok=1. */
int pv_semver_cmp_str(const char *a, const char *b, int *ok);
/* Does version satisfy the node-semver range (flags: PV_SEMVER_*)? *hit
 * gets 1 yes or 0 no. PV_FAILED (err set, *hit 0) when the range or the
 * version is invalid. */
pv_status pv_semver_satisfies(const char *range, const char *version, unsigned flags, int *hit,
                              pv_error *err);
#endif
