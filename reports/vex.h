/* vex.h — `--vex FILE`: VEX statements about whether a dependency is
 * affected by an advisory, read from OpenVEX (0.2.0, and 0.0.1's string
 * forms) and CycloneDX VEX (vulnerabilities[].analysis with affects[].ref).
 *
 * A statement names a vulnerability (its id, or any alias: the advisory
 * group's id or one of its aliases matches) and products (purls; an npm purl
 * without version covers every version; OpenVEX subcomponents count as
 * products). Of the statements that cover one advisory group of one
 * component, the last read wins (files in the order given, statements in
 * file order). not_affected (CycloneDX: not_affected, false_positive) and
 * fixed (resolved, resolved_with_pedigree) suppress the dep.vulnerable
 * finding, with the justification; affected and under_investigation
 * (exploitable, in_triage) do not. dep.malicious-package findings are never
 * suppressed by VEX.
 *
 * Ownership: pv_vex_load returns (or extends) a set freed by pv_vex_free;
 * read-only once loaded (pv_vex_apply may run on several threads). */
#ifndef PV_VEX_H
#define PV_VEX_H

#include <stdio.h>

#include "../sbom/inventory.h"
#include "../scanner/limits.h"
#include "../vulndb/vulns.h"

typedef struct pv_vex pv_vex;

/* Read one VEX file into *v (created when NULL). PV_FAILED, with a message
 * naming the file and the reason, when it is neither format, malformed
 * (no statements, a statement without vulnerability or products, an
 * unknown status, response or justification, not_affected with neither a
 * justification nor an impact statement, a malformed purl), over
 * lim->vex_bytes or with more than lim->vex_statements statements in all;
 * PV_FATAL on out-of-memory. */
pv_status pv_vex_load(pv_vex **v, const char *path, const pv_limits *lim, pv_error *err);

/* One suppressing decision: vulns->vulns[vuln] is covered by statement stmt. */
typedef struct {
  size_t vuln;
  size_t stmt;
} pv_vex_hit;

/* Mark the dep.vulnerable findings (in inv->r) of the advisory groups that
 * a not_affected or fixed statement covers as suppressed, with the
 * statement as the finding's suppression text; each decision is appended
 * to hits when not NULL; *count gets the findings suppressed. PV_FATAL on
 * out-of-memory. */
pv_status pv_vex_apply(const pv_vex *v, const pv_inventory *inv, const pv_vulns *vulns,
                       pv_vec *hits, size_t *count);

/* What VEX says about one vulnerability, as a CycloneDX analysis. */
typedef struct {
  const char *state;           /* CycloneDX VEX: as written; OpenVEX: not_affected, resolved
                                * (fixed), exploitable (affected), in_triage (under_investigation) */
  const char *justification;   /* CycloneDX's enum, or NULL. OpenVEX's mapped: component_not_present
                                * and vulnerable_code_not_present -> code_not_present,
                                * vulnerable_code_not_in_execute_path -> code_not_reachable,
                                * vulnerable_code_cannot_be_controlled_by_adversary ->
                                * requires_environment, inline_mitigations_already_exist ->
                                * protected_by_mitigating_control */
  const char *const *response; /* CycloneDX VEX: analysis.response, NULL-terminated; or NULL */
  const char *detail;          /* CycloneDX: detail. OpenVEX: the impact statement, then
                                * "OpenVEX justification: X" and "action: Y" (action_statement),
                                * joined by "; "; or NULL */
} pv_vex_analysis;

/* The analysis of the statement deciding about u (the last read that covers
 * it, whatever its status, as pv_vex_apply picks it; never for a malicious
 * group): 1 with *out filled (strings in a or the set), 0 when no statement
 * covers it, -1 on out-of-memory. */
int pv_vex_analysis_of(const pv_vex *v, const pv_inventory *inv, const pv_vuln *u, pv_arena *a,
                       pv_vex_analysis *out);

/* Write an OpenVEX 0.2.0 document with one statement per hit (in order),
 * timestamped at epoch (-1: now); its @id derives from the content. */
pv_status pv_vex_write(FILE *out, const pv_vex *v, const pv_inventory *inv, const pv_vulns *vulns,
                       const pv_vec *hits, long long epoch, const char *tool_version,
                       pv_error *err);

void pv_vex_free(pv_vex *v);

#endif
