/* permissions.h — what a plugin declares it may do (the `plugvet.permissions`
 * object of its package.json, see docs/policy.md) and the check of that
 * declaration against the capabilities the rules saw the code use.
 *
 * Capability rules are the rules whose metadata says `category: capability`
 * (rules/capability/): their matches are evidence, not findings. When the
 * check is on, each match the declaration does not grant becomes a
 * pkg.undeclared-capability finding at the same location; the matches
 * themselves are always removed.
 *
 * Ownership: everything lives in r->arena. */
#ifndef PV_PERMISSIONS_H
#define PV_PERMISSIONS_H

#include "limits.h"
#include "result.h"

typedef enum { PV_NET_NONE = 0, PV_NET_LIST, PV_NET_ANY } pv_net_grant;

typedef struct {
  const char *const *items; /* NULL-terminated */
  size_t len;
} pv_strlist;

typedef struct pv_permissions {
  int declared;         /* the package.json has plugvet.permissions */
  const char *manifest; /* vfs path of the plugin's package.json, or NULL */
  const char *root;     /* vfs directory of the plugin ("package/" or "") */
  pv_strlist fs_read;   /* directories relative to the plugin, globs cut */
  pv_strlist fs_write;
  pv_net_grant network;
  pv_strlist connect; /* "host:port" */
  int children;
  pv_strlist env; /* variable names */
  int native;     /* may load .node addons */
  int platform;   /* the package.json declares "os" or "cpu" (a platform package) */
} pv_permissions;

/* Read the declaration of r's plugin (the shallowest package.json outside
 * node_modules). Malformed parts become warning notes naming the key and
 * grant nothing; an fs path that passes through a symlink the plugin ships
 * is a policy.symlink-grant finding (within lim) and grants nothing.
 * Returns NULL only on out-of-memory; a plugin without a declaration gets
 * the tightest permissions (declared = 0). Also sets r->declared, the
 * input's declared summary (declared.h). */
pv_permissions *pv_permissions_read(pv_result *r, const pv_limits *lim);

/* Replace capability-rule matches in r by pkg.undeclared-capability
 * findings for what p does not grant (when report is non-zero), or drop
 * them (report == 0). PV_FATAL on out-of-memory. */
pv_status pv_capabilities_check(pv_result *r, const pv_permissions *p, int report);

/* The builtin pkg.undeclared-capability rule. */
const pv_rule_meta *pv_permissions_rule(void);
/* The builtin policy.symlink-grant rule. */
const pv_rule_meta *pv_permissions_symlink_rule(void);

#endif
