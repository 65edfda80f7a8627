/* policy.h — the plugvet-run policy: what a confined plugin may touch.
 *
 * Ownership: a pvr_policy owns every string it holds (malloc'd copies) and
 * every descriptor of its grants; pvr_policy_free releases them. A granted
 * path is opened once, when it is read (resolve.h): relative paths beneath
 * their base with no symlink on the way, absolute ones through root-owned
 * symlinks only. The file format is docs/policy.md.
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

/* pvr_grants.fd of a path that did not exist when it was read (no rule),
 * and of a launcher path Landlock opens by name (the runtime read set). */
enum { PVR_FD_BYPATH = -1, PVR_FD_MISSING = -2 };

/* Granted paths: path[i] is where fd[i] points (absolute), or the spelled
 * path when it is missing; Landlock rules are added on fd[i]. */
typedef struct {
  char *path[PVR_MAX_PATHS];
  int fd[PVR_MAX_PATHS];
  size_t n;
} pvr_grants;

/* The directory relative paths are taken from: the policy's "root", the
 * policy file's directory, or the current directory. */
typedef struct {
  int fd;
  char path[4096];
} pvr_base;

/* One allowed TCP connect target; only the port is enforced by Landlock. */
typedef struct {
  char *host;
  uint16_t port;
} pvr_endpoint;

/* Resource limits; 0 in timeout_s means no wall-clock limit. cpu_percent
 * is the run's CPU share (100: one CPU), in force with a cgroup only. */
typedef struct {
  uint64_t timeout_s, cpu_s, mem_mib, nofile, nproc, fsize_mib, cpu_percent;
} pvr_limits;

typedef struct {
  pvr_grants read, write, exec;
  int system_paths; /* add the runtime read set (docs/policy.md) */
  pvr_net_mode net;
  pvr_endpoint connect[PVR_MAX_PORTS];
  size_t n_connect;
  uint16_t bind[PVR_MAX_PORTS];
  size_t n_bind;
  int children;
  int native;            /* native code may be mapped from the plugin's files (addons) */
  pvr_list env;          /* NAME (passed from the caller) or NAME=VALUE */
  pvr_list env_secret;   /* secret-looking names passed because the command line named them */
  pvr_list env_withheld; /* secret-looking names a policy file asked for: not passed */
  char *cwd;             /* NULL: the caller's working directory */
  char *user;            /* account to run as when started as root */
  pvr_limits lim;
} pvr_policy;

/* Reset p to the defaults (the tightest policy). */
void pvr_policy_init(pvr_policy *p);
/* Free every string p owns; p is left initialised to the defaults. */
void pvr_policy_free(pvr_policy *p);
/* Read a policy file over the defaults; relative paths in it are taken
 * from the file's directory. An invalid field is named in err. */
pv_status pvr_policy_load(pvr_policy *p, const char *file, pv_error *err);
/* Parse a policy from JSON text (base: the policy file's directory, for
 * "root" and, without it, for relative paths). */
pv_status pvr_policy_parse(pvr_policy *p, const char *text, size_t len, const pvr_base *base,
                           pv_error *err);
/* Open the directory dir as a base (NULL: the current directory). */
pv_status pvr_base_open(pvr_base *b, const char *dir, pv_error *err);
/* Close a base's descriptor. */
void pvr_base_close(pvr_base *b);
/* Grant a path: relative ones beneath base (NULL: the current directory),
 * absolute ones as they are. A path through a symlink or out of its base
 * is refused (PV_FAILED, named in err); a missing one is kept as missing. */
pv_status pvr_policy_add_path(pvr_grants *g, const char *path, const pvr_base *base,
                              const char *field, pv_error *err);
/* Add a network grant: "any", "none" or HOST:PORT. */
pv_status pvr_policy_add_net(pvr_policy *p, const char *spec, pv_error *err);
/* Add a TCP port the plugin may bind. */
pv_status pvr_policy_add_bind(pvr_policy *p, const char *spec, pv_error *err);
/* Add an environment entry NAME or NAME=VALUE; a loader or runtime hook
 * (pv_env_forbidden) is refused. A secret-looking NAME (pv_env_secret) is
 * passed only from_cli (and listed in env_secret), else withheld. */
pv_status pvr_policy_add_env(pvr_policy *p, const char *spec, int from_cli, pv_error *err);
/* Parse a positive decimal number for field into *out. */
pv_status pvr_parse_u64(const char *s, const char *field, uint64_t max, uint64_t *out,
                        pv_error *err);
/* Check a resources field (timeout_s, cpu_s, ...) against its range. */
pv_status pvr_limit_check(const char *name, uint64_t v, pv_error *err);
/* The policy as JSON (the same format pvr_policy_parse reads); caller
 * json_decref()s it. */
json_t *pvr_policy_to_json(const pvr_policy *p);
/* s made safe to show: a backslash is doubled and every byte that is not
 * part of valid UTF-8 becomes the four characters \xNN (hex), so the
 * original bytes can be recovered; with terminal, control characters (C0,
 * DEL, C1) become \xNN too. Returns a malloc'd string the caller frees,
 * NULL on out-of-memory. */
char *pvr_escape(const char *s, int terminal);
/* pvr_escape(s, 0) as a JSON string (never dropped for bad UTF-8). */
json_t *pvr_json_text(const char *s);

#endif
