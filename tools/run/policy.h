/* policy.h — the plugvet-run policy: what a confined plugin may touch.
 *
 * Ownership: a pvr_policy owns every string it holds (malloc'd copies);
 * pvr_policy_free releases them. Paths are stored absolute and normalised
 * (realpath when the path exists). The file format is docs/policy.md.
 */
#ifndef PVR_POLICY_H
#define PVR_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "../../scanner/base.h"

#define PVR_POLICY_VERSION 1
#define PVR_MAX_PATHS 256
#define PVR_MAX_PORTS 64
#define PVR_MAX_ENV 64
#define PVR_POLICY_FILE_MAX (1024 * 1024)

typedef enum { PVR_NET_NONE = 0, PVR_NET_LIST, PVR_NET_ANY } pvr_net_mode;

/* A list of owned strings with a fixed cap. */
typedef struct {
  char *items[PVR_MAX_PATHS];
  size_t n;
} pvr_list;

/* One allowed TCP connect target; only the port is enforced by Landlock. */
typedef struct {
  char *host;
  uint16_t port;
} pvr_endpoint;

/* Resource limits; 0 in timeout_s means no wall-clock limit. */
typedef struct {
  uint64_t timeout_s, cpu_s, mem_mib, nofile, nproc, fsize_mib;
} pvr_limits;

typedef struct {
  pvr_list read, write, exec;
  int system_paths; /* add the runtime read set (docs/policy.md) */
  pvr_net_mode net;
  pvr_endpoint connect[PVR_MAX_PORTS];
  size_t n_connect;
  uint16_t bind[PVR_MAX_PORTS];
  size_t n_bind;
  int children;
  pvr_list env; /* NAME (passed from the caller) or NAME=VALUE */
  char *cwd;    /* NULL: the caller's working directory */
  char *user;   /* account to run as when started as root */
  pvr_limits lim;
} pvr_policy;

/* Reset p to the defaults (the tightest policy). */
void pvr_policy_init(pvr_policy *p);
/* Free every string p owns; p is left initialised to the defaults. */
void pvr_policy_free(pvr_policy *p);
/* Read a policy file over the defaults; relative paths in it are taken
 * from the file's directory. An invalid field is named in err. */
pv_status pvr_policy_load(pvr_policy *p, const char *file, pv_error *err);
/* Parse a policy from JSON text (base: directory for relative paths). */
pv_status pvr_policy_parse(pvr_policy *p, const char *text, size_t len, const char *base,
                           pv_error *err);
/* Add a path (made absolute against base, or the cwd when base is NULL). */
pv_status pvr_policy_add_path(pvr_list *l, const char *path, const char *base, const char *field,
                              pv_error *err);
/* Add a network grant: "any", "none" or HOST:PORT. */
pv_status pvr_policy_add_net(pvr_policy *p, const char *spec, pv_error *err);
/* Add a TCP port the plugin may bind. */
pv_status pvr_policy_add_bind(pvr_policy *p, const char *spec, pv_error *err);
/* Add an environment entry NAME or NAME=VALUE (never a loader/runtime hook). */
pv_status pvr_policy_add_env(pvr_policy *p, const char *spec, pv_error *err);
/* Parse a positive decimal number for field into *out. */
pv_status pvr_parse_u64(const char *s, const char *field, uint64_t max, uint64_t *out,
                        pv_error *err);
/* Check a resources field (timeout_s, cpu_s, ...) against its range. */
pv_status pvr_limit_check(const char *name, uint64_t v, pv_error *err);
/* The policy as JSON (the same format pvr_policy_parse reads); caller
 * json_decref()s it. */
json_t *pvr_policy_to_json(const pvr_policy *p);
/* Whether an environment variable name is never passed to a plugin. */
int pvr_env_forbidden(const char *name, size_t len);

#endif
