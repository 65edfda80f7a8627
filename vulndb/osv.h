/* osv.h — one OSV advisory (https://ossf.github.io/osv-schema/) parsed into
 * an arena, evaluated against a version, and grouped into pv_advisory.
 *
 * Evaluation follows the OSV schema: a version is affected when it is in
 * `versions` or inside a SEMVER/ECOSYSTEM range (events sorted by version,
 * introduced "0" = from the start, fixed and limit exclude from their
 * version on, last_affected excludes after it). Plain SemVer precedence:
 * no node-semver prerelease hiding. GIT ranges are kept but never evaluated.
 * SEMVER ranges and npm ECOSYSTEM ranges must hold SemVer versions ("1" and
 * "1.2", which GitHub writes, are read as 1.0.0 and 1.2.0); limit "*" is no
 * limit. A range with any other version ("7.2.4, 6.11.4" exists in real
 * GHSA data) is never dropped: it is kept with invalid=1 and evaluated
 * open-ended on the unreadable side (an unreadable introduced counts from
 * the start, an unreadable fixed, last_affected or limit ends nothing), so
 * it errs towards reporting; the parse returns PV_WARN with a message naming
 * the advisory and the first such version, which the caller reports (db
 * update counts such records, matching notes each component they affect).
 * ECOSYSTEM ranges of other ecosystems are kept unparsed and never match.
 * Package names: the ecosystem and the name compare exactly after trimming
 * blanks (npm names are lower-case by registry rule; we do not fold case, so
 * a mis-cased lockfile entry does not match).
 *
 * Ownership: everything returned lives in the arena passed in. */
#ifndef PV_VULNDB_OSV_H
#define PV_VULNDB_OSV_H
#include <jansson.h>

#include "semver.h"
#include "vulns.h"

#define PV_OSV_MAX_ITEMS 4096 /* cap on every array in one advisory */

typedef enum {
  PV_OSV_INTRODUCED,
  PV_OSV_FIXED,
  PV_OSV_LAST_AFFECTED,
  PV_OSV_LIMIT
} pv_osv_event_kind;
typedef enum { PV_OSV_SEMVER, PV_OSV_ECOSYSTEM, PV_OSV_GIT } pv_osv_range_type;

typedef struct {
  pv_osv_event_kind kind;
  const char *version; /* as written ("0", "1.2.3", a commit) */
  const pv_semver *v;  /* parsed; NULL for "0", limit "*", GIT, non-npm
                        * ECOSYSTEM and unreadable versions */
  int unreadable;      /* evaluable range, version not SemVer: no bound */
} pv_osv_event;

typedef struct {
  pv_osv_range_type type;
  int evaluable;              /* SEMVER, or npm ECOSYSTEM */
  int invalid;                /* an event version is not SemVer: read open-ended */
  const pv_osv_event *events; /* sorted by version when evaluable */
  size_t n_events;
} pv_osv_range;

typedef struct {
  const char *ecosystem, *name;
  const char *const *versions; /* exact versions, NULL-terminated */
  const pv_osv_range *ranges;
  size_t n_ranges;
} pv_osv_affected;

typedef struct {
  const char *type, *score; /* "CVSS_V3", "CVSS:3.1/AV:N/..." */
} pv_osv_severity;

typedef struct {
  const char *id, *modified, *published, *withdrawn; /* NULL when absent */
  const char *const *aliases, *const *related;       /* NULL-terminated */
  const char *summary, *details;
  const pv_osv_severity *severity;
  size_t n_severity;
  const char *db_severity;    /* database_specific.severity or NULL */
  const char *const *cwe_ids; /* database_specific.cwe_ids, NULL-terminated */
  const pv_osv_affected *affected;
  size_t n_affected;
} pv_osv;

/* Parse one OSV entry; PV_FAILED with a message naming the id (or `name`)
 * and the field when it is malformed; PV_WARN (*out set, err says why) when
 * a range had to be left out. *out lives in a. */
pv_status pv_osv_parse(pv_arena *a, const json_t *j, const char *name, pv_osv **out, pv_error *err);
/* Parse one OSV entry from JSON text (name: for messages). */
pv_status pv_osv_parse_text(pv_arena *a, const char *text, size_t len, const char *name,
                            pv_osv **out, pv_error *err);
/* Read an event's version as the parse does: SemVer, or "1" / "1.2" padded
 * (a boolean: 0 when it is neither). */
int pv_osv_version_read(const char *s, pv_semver *v);
/* s without the blanks (isspace) around it: where it starts, *n its length. */
const char *pv_osv_trim(const char *s, size_t *n);
/* Whether a and b are the same after trimming blanks (a boolean; NULL is
 * never the same), as package names and ecosystems compare. */
int pv_osv_same(const char *a, const char *b);
/* Is the package version affected? 1 yes, 0 no, -1 when version is not
 * SemVer: a tri-state answer, not a status (nothing failed; the caller
 * treats "cannot tell" as not affected). */
int pv_osv_affects(const pv_osv *o, const char *ecosystem, const char *name, const char *version);
/* The lowest `fixed` event above version for that package, or NULL (borrowed
 * from o). */
const char *pv_osv_fixed_above(const pv_osv *o, const char *ecosystem, const char *name,
                               const char *version);
/* The lowest version above `version` that none of advs[0..n) affects for
 * that package, chosen among their `fixed` events (prereleases only when
 * version is one), written as SemVer into buf (size bytes): buf, or NULL
 * when no fixed event clears them all (a range with only last_affected, a
 * version not SemVer, more than PV_OSV_MAX_ITEMS candidates looked at). */
const char *pv_osv_lowest_fix(const pv_osv *const *advs, size_t n, const char *ecosystem,
                              const char *name, const char *version, char *buf, size_t size);
/* Group advisories sharing an id or alias (transitively, whatever the shape:
 * chains, cycles, self-aliases, aliases naming records that are not in advs).
 * Total: group_of[i] gets the number of i's group, 0 .. groups-1, numbered
 * in order of each group's first advisory, so every advisory is in exactly
 * one group and no group is empty. Returns the number of groups (a count:
 * it cannot fail). */
size_t pv_osv_group(const pv_osv *const *advs, size_t n, size_t *group_of);
/* Build the pv_advisory of one group (preferred id CVE, then MAL-, then other
 * ids, then GHSA; MAL- groups are critical). NULL on arena exhaustion. */
pv_advisory *pv_osv_advisory(pv_arena *a, const pv_osv *const *group, size_t n);
#endif
