/* pkg.h — the plugin's package.json read as a malware analyst reads it
 * (docs/rules.md, "Package checks"):
 *
 *   - its install-time scripts (preinstall, install, postinstall, prepare,
 *     prepublish and the scripts they run with `npm run`), parsed as shell
 *     (shell.h): downloads run or piped to a shell, host data sent out,
 *     credential files read, files made executable and run, backgrounding;
 *   - the JavaScript those scripts run (`node x.js`, `node .`,
 *     `node -e "require('./x')"`) and its local requires: those files get
 *     PV_FILE_INSTALL, which rules with `metadata: {when: install}` need;
 *   - its metadata: typosquatting of its own name and its dependencies'
 *     against the popular npm names (popular.h), dependency-confusion
 *     probes, direct-URL and git dependencies, `bin` entries that shadow
 *     common commands, publishConfig registries, `main`/`exports` pointing
 *     at missing files, and a name that disagrees with the lockfile or the
 *     archive's file name.
 *
 * Ownership: findings, notes and strings in r->arena. */
#ifndef PV_PKG_H
#define PV_PKG_H

#include "../limits.h"
#include "../result.h"

/* Check the package.json at vfs path manifest (NULL: nothing to do) of r.
 * A malformed manifest is a warning note. PV_FATAL on out-of-memory. */
pv_status pv_pkg_check(pv_result *r, const char *manifest, const pv_limits *lim);

/* The builtin pkg.* rules this module reports under. */
const pv_rule_meta *const *pv_pkg_rules(size_t *count);

#endif
