/* remedy.h — how to fix one vulnerable component, in the words and
 * commands of the project's own package manager (the one whose lockfile
 * the component came from): the lowest version outside every advisory
 * affecting it, whether the range its dependent (or pnpm importer)
 * declares admits it, and the command or override to use.
 *
 * Ownership: pv_remedy_of returns a remedy whose strings live in the
 * inventory's result arena. */
#ifndef PV_VULNDB_REMEDY_H
#define PV_VULNDB_REMEDY_H

#include "../sbom/inventory.h"

typedef struct {
  const char *fixed;     /* the lowest version outside every advisory affecting it
                          * (pv_osv_lowest_fix), or NULL when none is known */
  int direct;            /* the root depends on it (or, without a root, nothing does) */
  const char *path;      /* its path from the root (pv_inv_chain) */
  const char *dependent; /* who declares it: "name@version" of the package it is reached
                          * from, "importer packages/a" (pnpm), or NULL */
  const char *spec;      /* the specifier as written when the range differs from it
                          * (pnpm "catalog:"), else NULL */
  const char *range;     /* the range dependent declares for it, or NULL: not known */
  int admits;            /* range admits fixed: 1 (an update suffices), 0 no, -1 unknown */
  pv_pm pm;              /* whose commands: the component's lockfile's (npm without one) */
  const char *importer;  /* the pnpm importer declaring it, or NULL */
  int importers;         /* how many pnpm importers declare it */
  const char *text;      /* all of it in words, for messages and the SBOM */
} pv_remedy;

/* The remedy of component ci (parent from pv_inv_parents) whose lowest
 * version outside every advisory affecting it is fixed (borrowed; NULL:
 * none is known). NULL on out of memory. */
const pv_remedy *pv_remedy_of(const pv_inventory *inv, size_t ci, const size_t *parent,
                              const char *fixed);

#endif
