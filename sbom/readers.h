/* readers.h — INTERNAL to sbom/: the interface between inventory.c and the
 * manifest/lockfile readers (pkg_json.c, npm_lock.c, yarn_lock.c,
 * pnpm_lock.c, bun_lock.c) and the SBOM reader (bom_read.c). Nothing outside sbom/ includes this.
 *
 * A reader appends "raw" entries (one per lockfile entry or manifest) to
 * the context; inventory.c merges them into components (one per
 * name@version), resolves scopes and edges and sorts.
 *
 * Ownership: every string and JSON node lives in ctx->r->arena; the vectors
 * in pv_raw and pv_inv_ctx are malloc'd and freed by inventory.c.
 *
 * Statuses (base.h): PV_FATAL is out of memory (the arena's cap counts: a
 * failed arena copy is out of memory too) and ends the inventory; the
 * readers note every problem with the input itself and go on. */
#ifndef PV_SBOM_READERS_H
#define PV_SBOM_READERS_H

#include "inventory.h"

/* ---- a small JSON tree with line numbers (pkg_json.c) ---- */
enum { PV_J_NULL, PV_J_BOOL, PV_J_NUM, PV_J_STR, PV_J_ARR, PV_J_OBJ };

typedef struct pv_jnode {
  int type;
  uint32_t line;     /* 1-based: the member's key line, else the value's start */
  const char *s;     /* string value, number text, "true"/"false" */
  size_t n;          /* members / elements */
  const char **keys; /* PV_J_OBJ: n keys */
  struct pv_jnode **kids;
  const uint32_t *order; /* PV_J_OBJ of many members: indices sorted by key, then
                          * position (pv_jn_get's binary search); else NULL */
} pv_jnode;

/* Parse JSON (trailing commas and comments tolerated, for bun.lock) into the
 * arena: *out. PV_FAILED when it is malformed, with *err_line and *err set
 * (static text); PV_FATAL on out-of-memory (*err "out of memory"). */
pv_status pv_jn_parse(pv_arena *a, const unsigned char *p, size_t n, uint32_t max_depth,
                      pv_jnode **out, uint32_t *err_line, const char **err);
/* Member key of an object (last one wins), or NULL. */
const pv_jnode *pv_jn_get(const pv_jnode *o, const char *key);
/* String member, or NULL when absent or not a string. */
const char *pv_jn_str(const pv_jnode *o, const char *key);
/* 1 when the member is the literal true. */
int pv_jn_true(const pv_jnode *o, const char *key);

/* ---- a string -> index hash map (inventory.c); keys are borrowed ---- */
typedef struct {
  const char **keys;
  size_t *vals;
  size_t cap, len;
} pv_smap;
#define PV_NONE ((size_t)-1)
/* Insert or replace; PV_FATAL on out-of-memory, or when key is NULL (a
 * failed arena copy). */
PV_MUST_USE pv_status pv_smap_put(pv_smap *m, const char *key, size_t val);
/* The value of key, or PV_NONE. */
size_t pv_smap_get(const pv_smap *m, const char *key);
/* Free the table (not the keys). */
void pv_smap_free(pv_smap *m);

/* ---- raw entries ---- */
enum { PV_SRC_MANIFEST, PV_SRC_SHIPPED, PV_SRC_LOCK };

/* Where a raw's scope comes from. */
typedef enum {
  PV_SCOPE_DEFAULTED, /* nobody said: required */
  PV_SCOPE_READ,      /* the lockfile says (npm's dev/optional flags, pnpm's) */
  PV_SCOPE_REACHED    /* computed from the root's dependency groups (pv_inv_scopes) */
} pv_scope_from;

typedef struct {
  const char *name, *version, *alias, *integrity, *resolved, *license;
  const char *declared; /* PV_COMP_LOCAL: the package's own version, when said */
  const char *repository, *homepage, *description;
  const pv_jnode *decl;    /* the object declaring its dependencies (pv_pkg_fields) */
  const char *install_dir; /* vfs dir it is installed at ("x/node_modules/a") or NULL */
  pv_scope scope;
  pv_scope_from scope_known;
  unsigned flags;
  int src; /* PV_SRC_* */
  const char *path;
  uint32_t line;
  pv_seen lock;               /* a shipped raw: the lockfile entry it replaced (check_mismatch) */
  pv_vec deps;                /* size_t: raw indices (edges) */
  pv_pm pm;                   /* set by inventory.c after the read */
  int workspace;              /* the lockfile has several importers (pnpm) */
  pv_importer_dep *importers; /* pnpm: the importers declaring it directly */
  size_t merged;              /* set by inventory.c: component index */
  int dropped;                /* replaced by what is shipped */
} pv_raw;

typedef struct {
  pv_result *r;
  const pv_limits *lim;
  pv_vec raws; /* pv_raw */
  int capped;  /* the component cap tripped (noted once) */
} pv_inv_ctx;

/* Append a raw entry (copied) and set *idx to its index. PV_WARN when the
 * component cap is reached (noted once on the result; *idx is PV_NONE),
 * PV_FATAL on out-of-memory (*idx is PV_NONE). */
PV_MUST_USE pv_status pv_inv_add(pv_inv_ctx *c, const pv_raw *raw, size_t *idx);
/* Raw entry i. */
pv_raw *pv_inv_raw(pv_inv_ctx *c, size_t i);
/* Add edge from -> to (raw indices); duplicates are removed later, a loop
 * or an unknown index is left out (PV_OK). PV_FATAL on out-of-memory. */
PV_MUST_USE pv_status pv_inv_edge(pv_inv_ctx *c, size_t from, size_t to);
/* Note a malformed file: "<path>:<line>: <reason>". */
void pv_inv_bad(pv_inv_ctx *c, const char *path, uint32_t line, const char *reason);
/* Parse JSON lockfile f into *root (in the result's arena), which must be an
 * object: PV_FAILED (noted with pv_inv_bad) when it is malformed or not an
 * object, PV_FATAL on out-of-memory. */
pv_status pv_inv_json_object(pv_inv_ctx *c, const pv_file *f, pv_jnode **root);

/* The dependency maps of a package.json, in the order a name found in two
 * of them is kept (prod and optional beat dev). Peer dependencies count as
 * prod for scopes. */
typedef enum {
  PV_DEP_PROD,     /* dependencies */
  PV_DEP_OPTIONAL, /* optionalDependencies */
  PV_DEP_DEV,      /* devDependencies */
  PV_DEP_PEER,     /* peerDependencies */
  PV_DEP_GROUPS
} pv_dep_group;

/* The map's key in package.json ("dependencies", ...). */
const char *pv_dep_group_key(pv_dep_group g);

/* Dependency names of a package.json-like object, by group. */
typedef struct {
  const char **name;
  const char **spec;
  pv_dep_group *group;
  size_t n;
} pv_deplist;

/* The dependency names of obj's dependencies/optional/dev/peer maps into
 * *out (arena arrays; dev entries also in prod count as prod; empty when
 * obj is NULL). PV_FATAL (and *out empty) when the arena runs out. */
pv_status pv_deplist_of(pv_arena *a, const pv_jnode *obj, int with_dev, pv_deplist *out);

/* Compute scopes for raws [first, last) from root edges by group:
 * required if reachable from prod roots, else optional, else dev; raws
 * already scope_known are left alone; unreached ones become required.
 * PV_FATAL on out-of-memory. */
pv_status pv_inv_scopes(pv_inv_ctx *c, size_t first, size_t last, const size_t *roots,
                        const pv_dep_group *groups, size_t nroots);

/* {"dependencies": {names[i]: specs[i], ...}} in the arena (borrowing the
 * arrays): the declaration of a lockfile entry whose ranges are not read
 * as JSON (yarn.lock), for pv_inv_declared. NULL on out-of-memory. */
const pv_jnode *pv_jn_deps_object(pv_arena *a, const char **names, const char **specs, size_t n);
/* Classify a dependency spec: 1 when it is link:/file:/workspace:/git/URL
 * (PV_COMP_LOCAL), else 0. */
int pv_spec_is_local(const char *spec);
/* Split "npm:real@1.2.3": *name the real name (arena) and, if range is not
 * NULL, *range the rest ("1.2.3"); *name NULL (and *range untouched) when
 * spec is not an alias. PV_FATAL on out-of-memory. */
pv_status pv_spec_alias_name(pv_arena *a, const char *spec, const char **name, const char **range);

/* Fill the descriptive fields of raw (and decl) from a package.json object
 * or a lockfile entry. PV_FATAL
 * on out-of-memory. */
pv_status pv_pkg_fields(pv_arena *a, const pv_jnode *o, pv_raw *raw);

/* ---- readers: each appends raws for one file; roots receive the raw
 * indices the project root depends on with their group. ---- */
typedef struct {
  pv_vec idx;   /* size_t */
  pv_vec group; /* pv_dep_group */
} pv_roots;
/* Append one root; PV_FATAL on out-of-memory (rt unchanged). */
PV_MUST_USE pv_status pv_roots_add(pv_roots *rt, size_t idx, pv_dep_group group);

/* 1 when YAML text nests deeper than max (flow brackets or indentation):
 * libyaml's loader recurses per level, so such input is refused first. */
int pv_lock_yaml_too_deep(const unsigned char *p, size_t n, uint32_t max);

/* Each returns PV_OK; PV_WARN when it noted a problem with some entries or
 * was cut short (the component cap, a nesting limit) and the rest was
 * read; PV_FAILED when the whole file is unusable (noted: it does not
 * parse, or is not a map); PV_FATAL on out-of-memory (what was read is
 * then incomplete). */
/* manifest: the package.json beside the lockfile (or NULL), whose
 * declarations are a v1 lockfile's root dependencies. */
pv_status pv_lock_npm_read(pv_inv_ctx *c, const pv_file *f, const char *dir,
                           const pv_jnode *manifest, pv_roots *rt);
/* 1 when yarn.lock f is berry's (yarn 2+: a __metadata key), 0 for v1. */
int pv_lock_yarn_berry(const pv_file *f);
pv_status pv_lock_yarn_read(pv_inv_ctx *c, const pv_file *f, const pv_jnode *manifest,
                            pv_roots *rt);
pv_status pv_lock_pnpm_read(pv_inv_ctx *c, const pv_file *f, pv_roots *rt);
pv_status pv_lock_bun_read(pv_inv_ctx *c, const pv_file *f, pv_roots *rt);
/* An SBOM given as the input (bom_read.c): 1 when f looks like CycloneDX or
 * SPDX JSON (a JSON object naming "bomFormat" or "spdxVersion"); the read
 * then appends its npm components and notes what it skipped. */
int pv_bom_detect(const pv_file *f);
pv_status pv_bom_read(pv_inv_ctx *c, const pv_file *f);

#endif
