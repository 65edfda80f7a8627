/* pkg_impl.h — what pkg.c and scripts.c share (internal to scanner/pkg/). */
#ifndef PV_PKG_IMPL_H
#define PV_PKG_IMPL_H

#include <jansson.h>

#include "pkg.h"

typedef struct {
  pv_result *r;
  const pv_limits *lim;
  const pv_file *manifest;
  const char *root; /* vfs directory of the package: "package/" or "" */
  json_t *doc;      /* the parsed manifest (borrowed) */
  int install_hook; /* it has a preinstall, install or postinstall script */
} pkg_ctx;

enum {
  PR_DOWNLOAD_EXEC,
  PR_EXFIL,
  PR_CREDENTIALS,
  PR_EXEC_FILE,
  PR_BACKGROUND,
  PR_TYPOSQUAT,
  PR_CONFUSION,
  PR_REMOTE_DEP,
  PR_BIN,
  PR_REGISTRY,
  PR_MAIN_MISSING,
  PR_MANIFEST,
  PR_PAYLOAD,
  PR_COUNT
};

/* A finding of rule at the "key" inside the "section" object of the
 * manifest (section NULL: the top level); PV_FATAL on out-of-memory. */
pv_status pkg_report(pkg_ctx *c, int rule, pv_severity sev, const char *section, const char *key,
                     const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The regular file at path rel inside the package ("./" and ".." resolved
 * against dir, a package-relative directory or ""), or NULL. */
pv_file *pkg_file(const pkg_ctx *c, const char *dir, const char *rel);
/* The file node would load for rel (rel, rel.js, rel.cjs, rel.mjs, rel.json,
 * rel/index.js, or rel/package.json's main), or NULL. */
pv_file *pkg_resolve(const pkg_ctx *c, const char *dir, const char *rel);

/* The lifecycle scripts (pkg.install-script.*) and the files they run. */
pv_status pkg_scripts(pkg_ctx *c);

#endif
