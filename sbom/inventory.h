/* inventory.h — the dependencies a plugin ships or pins: one component per
 * distinct package@version, with every place it was seen and the edges
 * between them, read from manifests, lockfiles and node_modules in the vfs.
 *
 * Readers: package.json (root and nested), package-lock.json v1/v2/v3 and
 * npm-shrinkwrap.json, yarn.lock v1 and berry, pnpm-lock.yaml 5.4/6/9,
 * bun.lock, and every node_modules/<any depth>/package.json; an input that is
 * one CycloneDX or SPDX JSON file gives its pkg:npm components. What is shipped in
 * node_modules wins over what a lockfile says; a disagreement is a
 * pkg.lockfile-mismatch finding. Malformed files become notes naming the
 * file and line; the rest of the inventory is still built.
 *
 * Ownership: pv_inv_build returns an inventory the caller frees with
 * pv_inv_delete (before the result it was built from). Strings live
 * in r->arena; the vectors are malloc'd and freed by pv_inv_delete. */
#ifndef PV_INVENTORY_H
#define PV_INVENTORY_H

#include "../scanner/limits.h"
#include "../scanner/result.h"

struct pv_jnode;

typedef enum {
  PV_SCOPE_REQUIRED = 0, /* runtime dependency (incl. peer) */
  PV_SCOPE_OPTIONAL,     /* optionalDependencies, or only reachable through them */
  PV_SCOPE_DEV           /* only reachable from devDependencies: CycloneDX "excluded" */
} pv_scope;

/* pv_component.flags */
enum {
  PV_COMP_ROOT = 1u << 0,           /* the plugin itself (top package.json) */
  PV_COMP_SHIPPED = 1u << 1,        /* found under node_modules in the input */
  PV_COMP_BUNDLED = 1u << 2,        /* bundleDependencies / lockfile "inBundle" */
  PV_COMP_INSTALL_SCRIPT = 1u << 3, /* hasInstallScript, or pre/post/install scripts */
  PV_COMP_LOCAL = 1u << 4,          /* link:/file:/workspace/git/tarball: no registry
                                     * version, never matched against advisories */
  PV_COMP_PEER = 1u << 5,           /* declared as a peer dependency */
};

/* The package manager whose lockfile a component was first read from
 * (PV_PM_NONE: no lockfile names it). */
typedef enum {
  PV_PM_NONE = 0,
  PV_PM_NPM,   /* package-lock.json, npm-shrinkwrap.json */
  PV_PM_YARN,  /* yarn.lock v1 (classic) */
  PV_PM_BERRY, /* yarn.lock with __metadata (yarn 2+) */
  PV_PM_PNPM,  /* pnpm-lock.yaml */
  PV_PM_BUN    /* bun.lock */
} pv_pm;

/* A direct dependency as one importer (a workspace package, "." the root)
 * of a pnpm-lock.yaml declares it; a list in lockfile order. */
typedef struct pv_importer_dep {
  const char *importer; /* "." or the package's path, "packages/a" */
  const char *spec;     /* the specifier as written: "^4.17.0", "catalog:", "workspace:*" */
  const char *range;    /* the range it stands for: spec without an npm: alias, a catalog:
                         * spec's entry in the lockfile's catalogs; NULL when not known */
  struct pv_importer_dep *next;
} pv_importer_dep;

/* One place a component was seen. */
typedef struct {
  const char *path; /* vfs path: lockfile or node_modules/.../package.json */
  uint32_t line;    /* 1-based line of the entry; 0 when unknown */
} pv_seen;

typedef struct pv_component {
  const char *name;       /* real npm name, "@scope/name" or "name" */
  const char *version;    /* exact version; for PV_COMP_LOCAL the spec text */
  const char *declared;   /* PV_COMP_LOCAL: the package's own version when the
                           * lockfile says it (npm v2/v3, yarn v1), else NULL */
  const char *alias;      /* the npm: alias it was installed under, or NULL */
  const char *integrity;  /* SRI ("sha512-...") or NULL; never yarn berry's checksum */
  const char *resolved;   /* tarball URL or NULL */
  const char *license;    /* as written (SPDX id, expression, or free text), or NULL */
  const char *repository; /* URL or NULL */
  const char *homepage;   /* URL or NULL */
  const char *description;
  pv_scope scope;
  unsigned flags;
  pv_vec seen;                 /* pv_seen; the first is where findings are located */
  pv_seen lock;                /* the lockfile entry that pins it (path NULL: none), also
                                * when the shipped copy replaced that entry */
  pv_vec deps;                 /* size_t: indices into pv_inventory.components, unique, sorted */
  const struct pv_jnode *decl; /* internal to sbom/: what declares its dependencies
                                * (pv_inv_declared): the first shipped package.json, else
                                * the manifest or lockfile entry; or NULL */
  pv_pm pm;                    /* the lockfile's package manager, or PV_PM_NONE */
  int workspace;               /* that lockfile has several importers (a pnpm workspace) */
  const pv_importer_dep *importers; /* the pnpm importers declaring it directly, or NULL */
} pv_component;

typedef struct pv_inventory {
  pv_result *r;      /* borrowed: the result whose vfs was read */
  pv_vec components; /* pv_component; index 0 is the root when one was found */
  int has_root;      /* components[0] is the plugin itself */
} pv_inventory;

/* Component i of inv (0 <= i < inv->components.len). */
static inline pv_component *pv_inv_component(const pv_inventory *inv, size_t i) {
  return PV_VEC_AT(inv->components, pv_component, i);
}

/* Build the inventory of r's vfs. Adds notes and pkg.lockfile-mismatch
 * findings to r. NULL only on out-of-memory, in any reader too (never a
 * silently partial inventory: the caller reports an internal error).
 * Components are sorted by name, then version (the root first), so output
 * is deterministic. */
pv_inventory *pv_inv_build(pv_result *r, const pv_limits *lim);
/* Free the vectors and the inventory. NULL is ignored. */
void pv_inv_delete(pv_inventory *inv);

/* Where a component comes from: the registry, or (PV_COMP_LOCAL, read from
 * its spec text) a git repository, a tarball URL or a path (file:, link:,
 * workspace:, portal:, patch:, a directory). */
typedef enum { PV_ORIGIN_REGISTRY = 0, PV_ORIGIN_GIT, PV_ORIGIN_URL, PV_ORIGIN_PATH } pv_origin;
pv_origin pv_inv_origin(const pv_component *c);
/* The purl (https://github.com/package-url/purl-spec) into the arena; NULL
 * on OOM. Registry packages: "pkg:npm/%40scope/name@1.2.3". Others carry
 * no registry version: the package's own version when declared, and the
 * source as a qualifier: "pkg:npm/name@2.4.1?vcs_url=git%2Bssh..." for git
 * (hosted shorthands such as github:user/repo expanded to git+https URLs),
 * "?download_url=https..." for a tarball URL, none for a path. Two
 * components may share a purl (two file: copies of one package): only
 * bom-refs are unique. */
const char *pv_inv_purl(pv_arena *a, const pv_component *c);
/* A purl as read by pv_purl_parse. */
typedef struct {
  const char *type;    /* lower-cased ("npm", "pypi"...) */
  const char *name;    /* npm only: "@scope/name" or "name", percent-decoded */
  const char *version; /* npm only: percent-decoded, NULL when the purl has none */
  int elsewhere;       /* npm only: a vcs_url or download_url qualifier (no registry version) */
} pv_purl;
/* Read purl text s (strings into the arena): 0, or -1 with *why (static
 * text) when it is not pkg:TYPE/NAME, an escape is malformed or decodes to
 * a control character or blank, or an npm purl is no npm name (one @scope,
 * at most 214 characters). Only npm purls are split into name and version. */
int pv_purl_parse(pv_arena *a, const char *s, pv_purl *p, const char **why);
/* "required", "optional" or "excluded" (CycloneDX scope names). */
const char *pv_inv_scope_name(pv_scope s);
#define PV_INV_NONE ((size_t)-1)

/* How each component is first reached, breadth first over the edges (so by
 * a shortest path): parent[i] is the component i is reached from,
 * PV_INV_NONE for a start and for components not reached. The start is
 * the root; without one, every component nothing depends on. parent holds
 * inv->components.len entries. PV_FATAL on out-of-memory. */
PV_MUST_USE pv_status pv_inv_parents(const pv_inventory *inv, size_t *parent);
/* Steps from the start to ci along parent (0 for a start). */
size_t pv_inv_depth(const size_t *parent, size_t ci);
/* The path of ci from its start, "plugin@1.0.0 > a@1.2.0 > b@2.0.0", into
 * the arena (the middle of a path over PV_INV_CHAIN_SHOWN steps elided as
 * "> ... N more >"). NULL on out-of-memory. */
#define PV_INV_CHAIN_SHOWN 12
const char *pv_inv_chain(pv_arena *a, const pv_inventory *inv, const size_t *parent, size_t ci);
/* The range component `from` declares for its dependency `to` (its
 * package.json or lockfile entry: dependencies, optional, peer, dev, a v1
 * lockfile's requires, a yarn.lock entry's dependencies, a pnpm-lock.yaml
 * package's peerDependencies; an npm: alias's range without the alias), or
 * NULL when that is not known (pnpm records the other dependencies as
 * resolved versions). */
const char *pv_inv_declared(pv_arena *a, const pv_inventory *inv, size_t from, size_t to);

/* The builtin pkg.* rules the inventory reports under. */
const pv_rule_meta *const *pv_inv_rules(size_t *count);

#endif
