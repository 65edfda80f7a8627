/* declared.h — what an input says of itself before any code runs: its kind
 * (a browser extension's manifest.json, Manifest V2 or V3; a VS Code
 * extension's package.json; a plain npm package) and what that manifest
 * declares (permissions, hosts, content-script matches, activation events,
 * workspace trust, plugvet.permissions grants). The reports print it as
 * the input's "declared" summary (docs/cli.md).
 *
 * The reader is bounded and never trusts the manifest: a file over
 * declared_bytes is not read, a list keeps at most declared_items entries
 * of at most declared_item_bytes each, wrong types and duplicate keys are
 * warning notes (id "declared") naming the file and the key; nothing here
 * changes findings.
 *
 * Ownership: everything lives in r->arena. */
#ifndef PV_DECLARED_H
#define PV_DECLARED_H

#include "limits.h"
#include "result.h"

#define PV_DECLARED_LISTS 24 /* lists one summary holds (fixed names, see declared.c) */

typedef struct {
  const char *key;          /* "permissions", "host_permissions", "activation", ... */
  const char *const *items; /* len strings */
  size_t len;
} pv_declared_list;

typedef struct pv_declared {
  const char *kind;                          /* "browser-mv2", "browser-mv3", "vscode" or "npm" */
  const char *manifest;                      /* vfs path of the file read */
  pv_declared_list lists[PV_DECLARED_LISTS]; /* non-empty lists, in a fixed order */
  size_t nlists;
} pv_declared;

struct pv_permissions;

/* The declared summary of r: a browser manifest.json (the shallowest
 * outside node_modules with a manifest_version) wins over the package.json
 * of a VS Code extension (engines.vscode), else a plain npm package; p's
 * plugvet.permissions grants are added for every kind. NULL when there is
 * nothing to say (no manifest, or an npm package declaring nothing) or on
 * out-of-memory (*oom set). */
const pv_declared *pv_declared_read(pv_result *r, const struct pv_permissions *p,
                                    const pv_limits *lim, int *oom);

/* "browser extension MV3" for "browser-mv3", ...; kind itself if unknown. */
const char *pv_declared_kind_label(const char *kind);

/* Append list (key, items[0..n)) to d, copying nothing; 0, or -1 when d is
 * full or key is already there (the JSON reader rejects the line). */
int pv_declared_add(pv_declared *d, const char *key, const char *const *items, size_t n);

#endif
