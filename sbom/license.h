/* license.h — SPDX license expressions (SPDX 2.3, annex D) and a licence
 * policy (`--license-policy FILE`) evaluated over an inventory.
 *
 * Expressions: `MIT`, `GPL-2.0+`, `Apache-2.0 WITH LLVM-exception`,
 * `LicenseRef-x`, `DocumentRef-d:LicenseRef-x`, `(A OR B) AND C`. Operators
 * and ids are case-insensitive; `+` follows an id without a blank; WITH binds
 * tighter than AND, AND tighter than OR; WITH applies to one licence, never to
 * a parenthesised expression. Text over lim->license_bytes or parentheses
 * nested deeper than lim->license_depth are refused (the parser recurses only
 * on parentheses; runs of AND / OR are n-ary nodes). Any other input that is
 * not an expression (npm's `SEE LICENSE IN file`, `MIT/X11`) is PV_FAILED
 * with the reason and the byte where it went wrong.
 *
 * Policy: a JSON object {"allow": [...], "deny": [...], "review": [...]}
 * (each optional; no other key). An entry is a licence, with an optional
 * `WITH exception`, or a compound expression. A licence's verdict: an entry
 * naming it with its exception, else one naming it without an exception
 * (an exception only adds permissions), deny before review before allow;
 * GNU ids match across `X`, `X-only`, `X+` and `X-or-later` (a `+` names
 * the version it starts from). A licence on no list is unknown when it is
 * not on the SPDX list (or is a LicenseRef-), denied when an allow list
 * exists ("not on the allow list"), else allowed. OR takes the best of its
 * operands (allowed < review < unknown < denied), AND the worst. A compound
 * entry matches a component whose expression is the same (canonical form)
 * and decides its verdict alone.
 *
 * Ownership: parsed expressions live in the arena given; a policy owns its
 * arena (pv_lic_policy_free). pv_lic_check adds findings to inv->r. */
#ifndef PV_SBOM_LICENSE_H
#define PV_SBOM_LICENSE_H

#include "inventory.h"

typedef enum { PV_LIC_LICENSE, PV_LIC_AND, PV_LIC_OR } pv_lic_op;

typedef struct pv_lic_expr {
  pv_lic_op op;
  const char *id;        /* LICENSE: as written ("MIT", "DocumentRef-d:LicenseRef-x") */
  int plus;              /* LICENSE: "id+", this version or any later one */
  const char *exception; /* LICENSE: the WITH exception id, or NULL */
  const struct pv_lic_expr *const *kids; /* AND / OR: n >= 2 operands */
  size_t n;
} pv_lic_expr;

/* Parse text into *out (in a). PV_FAILED with the reason (and the byte)
 * when it is not an expression or passes a limit; PV_FATAL when a runs out. */
pv_status pv_lic_parse(pv_arena *a, const char *text, const pv_limits *lim, const pv_lic_expr **out,
                       pv_error *err);
/* Canonical text into a: ids in the SPDX list's spelling (others as
 * written), operators upper-case, compound operands in parentheses. NULL
 * when a runs out. */
const char *pv_lic_format(pv_arena *a, const pv_lic_expr *e);
/* The SPDX list's spelling of a licence or exception id, or NULL. */
const char *pv_lic_spdx_id(const char *s);

typedef enum { PV_LIC_ALLOWED, PV_LIC_REVIEW, PV_LIC_UNKNOWN, PV_LIC_DENIED } pv_lic_verdict;

/* Why a verdict: the licence that decided it (NULL when a compound entry
 * matched the whole expression) and the reason ("is on the deny list"). */
typedef struct {
  pv_lic_verdict verdict;
  const pv_lic_expr *term;
  const char *why; /* static text */
} pv_lic_outcome;

typedef struct pv_lic_policy pv_lic_policy;

/* Parse a policy file's text (name: for messages). PV_FAILED naming the
 * file, the list and the entry (or the key) when it is malformed; PV_FATAL
 * on out-of-memory. */
pv_status pv_lic_policy_parse(const char *name, const unsigned char *text, size_t n,
                              const pv_limits *lim, pv_lic_policy **out, pv_error *err);
void pv_lic_policy_free(pv_lic_policy *p);
/* The verdict of expression e (a component's licence) under p. */
pv_lic_outcome pv_lic_eval(const pv_lic_policy *p, const pv_lic_expr *e);

/* Check every component but the root (dev-only ones with include_dev)
 * against p: license.denied, license.unknown (no licence, or one that does
 * not parse: the reason) and license.review findings at the component's
 * first place, each naming the component, its licence and its path from
 * the root. PV_FATAL on out-of-memory. */
pv_status pv_lic_check(const pv_inventory *inv, const pv_lic_policy *p, int include_dev,
                       const pv_limits *lim);
/* The builtin license.* rules. */
const pv_rule_meta *const *pv_lic_rules(size_t *count);

#endif
