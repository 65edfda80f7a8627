/* policy.c — defaults, JSON reading and writing, and command-line grants for
 * the plugvet-run policy. Every field is checked; an invalid one is named. */
#include "policy.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resolve.h"

static const pvr_limits default_limits = {.timeout_s = 60,
                                          .cpu_s = 60,
                                          .mem_mib = 2048,
                                          .nofile = 1024,
                                          .nproc = 128,
                                          .fsize_mib = 64,
                                          .cpu_percent = 100};

void pvr_policy_init(pvr_policy *p) {
  memset(p, 0, sizeof *p);
  p->system_paths = 1;
  p->net = PVR_NET_NONE;
  p->lim = default_limits;
}

static void list_free(pvr_list *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->items[i]);
  l->n = 0;
}

static void grants_free(pvr_grants *g) {
  for (size_t i = 0; i < g->n; i++) {
    free(g->path[i]);
    if (g->fd[i] >= 0) {
      close(g->fd[i]);
    }
  }
  g->n = 0;
}

void pvr_policy_free(pvr_policy *p) {
  grants_free(&p->read);
  grants_free(&p->write);
  grants_free(&p->exec);
  list_free(&p->env);
  list_free(&p->env_secret);
  list_free(&p->env_withheld);
  for (size_t i = 0; i < p->n_connect; i++)
    free(p->connect[i].host);
  free(p->cwd);
  free(p->user);
  pvr_policy_init(p);
}

pv_status pvr_parse_u64(const char *s, const char *field, uint64_t max, uint64_t *out,
                        pv_error *err) {
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (!*s || *s == '-' || errno || !end || *end || v > max)
    return pv_error_set(err, PV_FAILED, "%s: '%s' is not a number from 0 to %llu", field, s,
                        (unsigned long long)max);
  *out = v;
  return PV_OK;
}

pv_status pvr_base_open(pvr_base *b, const char *dir, pv_error *err) {
  b->fd = open(dir ? dir : ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (b->fd < 0)
    return pv_error_set(err, PV_FAILED, "%s: %s", dir ? dir : "current directory", strerror(errno));
  if (pvr_fd_path(b->fd, b->path, sizeof b->path) != 0) {
    pvr_base_close(b);
    return pv_error_set(err, PV_FATAL, "cannot name the directory of %s", dir ? dir : ".");
  }
  return PV_OK;
}

void pvr_base_close(pvr_base *b) {
  if (b->fd >= 0) {
    close(b->fd);
  }
  b->fd = -1;
}

/* What a grant is called in the policy in force: where its descriptor
 * points, or (missing) the path spelled against its base. */
static char *grant_name(int fd, const char *path, const pvr_base *base) {
  char shown[PATH_MAX];
  if (fd >= 0 && pvr_fd_path(fd, shown, sizeof shown) == 0) {
    return strdup(shown);
  }
  if (path[0] == '/' || !base) {
    return strdup(path);
  }
  char *joined = NULL;
  if (asprintf(&joined, "%s/%s", strcmp(base->path, "/") ? base->path : "", path) < 0) {
    return NULL;
  }
  return joined;
}

/* Open path the way resolve.h says: beneath base, or absolute. */
static pv_status open_grant(const char *path, const pvr_base *base, const char *field, int *fd,
                            pvr_open_result *res, pv_error *err) {
  if (path[0] == '/') {
    return pvr_open_trusted(path, field, fd, res, err);
  }
  return pvr_open_beneath(base->fd, path, field, fd, res, err);
}

static pv_status check_path(const pvr_grants *g, const char *path, const char *field,
                            pv_error *err) {
  if (!*path)
    return pv_error_set(err, PV_FAILED, "%s: empty path", field);
  if (strpbrk(path, "*?["))
    return pv_error_set(err, PV_FAILED, "%s: '%s' is a glob; name directories or files", field,
                        path);
  if (strlen(path) >= PATH_MAX)
    return pv_error_set(err, PV_FAILED, "%s: path too long", field);
  if (g->n >= PVR_MAX_PATHS)
    return pv_error_set(err, PV_FAILED, "%s: more than %d paths", field, PVR_MAX_PATHS);
  return PV_OK;
}

pv_status pvr_policy_add_path(pvr_grants *g, const char *path, const pvr_base *base,
                              const char *field, pv_error *err) {
  pvr_base cwd = {.fd = -1};
  pvr_open_result res = PVR_OPEN_OK;
  int fd = -1;
  if (check_path(g, path, field, err) != PV_OK) {
    return err->code;
  }
  if (!base && path[0] != '/' && pvr_base_open(&cwd, NULL, err) != PV_OK) {
    return err->code;
  }
  pv_status rc = open_grant(path, base ? base : &cwd, field, &fd, &res, err);
  char *name =
      rc == PV_OK && res != PVR_OPEN_REFUSED ? grant_name(fd, path, base ? base : &cwd) : NULL;
  pvr_base_close(&cwd);
  if (rc != PV_OK || res == PVR_OPEN_REFUSED) {
    return rc != PV_OK ? rc : PV_FAILED;
  }
  if (!name) {
    if (fd >= 0) {
      close(fd);
    }
    return pv_error_set(err, PV_FATAL, "out of memory");
  }
  g->path[g->n] = name;
  g->fd[g->n] = fd >= 0 ? fd : PVR_FD_MISSING;
  g->n++;
  return PV_OK;
}

static pv_status parse_port(const char *s, const char *field, uint16_t *port, pv_error *err) {
  uint64_t v = 0;
  if (pvr_parse_u64(s, field, 65535, &v, err) != PV_OK || v == 0)
    return pv_error_set(err, PV_FAILED, "%s: bad port '%s' (1-65535)", field, s);
  *port = (uint16_t)v;
  return PV_OK;
}

pv_status pvr_policy_add_net(pvr_policy *p, const char *spec, pv_error *err) {
  if (!strcmp(spec, "any")) {
    p->net = PVR_NET_ANY;
    return PV_OK;
  }
  if (!strcmp(spec, "none")) {
    p->net = PVR_NET_NONE;
    return PV_OK;
  }
  const char *colon = strrchr(spec, ':');
  if (!colon || colon == spec || strlen(spec) > 255)
    return pv_error_set(err, PV_FAILED, "network: '%s' is not HOST:PORT, 'any' or 'none'", spec);
  if (p->n_connect >= PVR_MAX_PORTS)
    return pv_error_set(err, PV_FAILED, "network: more than %d endpoints", PVR_MAX_PORTS);
  uint16_t port = 0;
  if (parse_port(colon + 1, "network", &port, err) != PV_OK)
    return err->code;
  char *host = strndup(spec, (size_t)(colon - spec));
  if (!host)
    return pv_error_set(err, PV_FATAL, "out of memory");
  p->connect[p->n_connect].host = host;
  p->connect[p->n_connect++].port = port;
  if (p->net != PVR_NET_ANY)
    p->net = PVR_NET_LIST;
  return PV_OK;
}

pv_status pvr_policy_add_bind(pvr_policy *p, const char *spec, pv_error *err) {
  if (p->n_bind >= PVR_MAX_PORTS)
    return pv_error_set(err, PV_FAILED, "network.bind: more than %d ports", PVR_MAX_PORTS);
  uint16_t port = 0;
  if (parse_port(spec, "network.bind", &port, err) != PV_OK)
    return err->code;
  p->bind[p->n_bind++] = port;
  if (p->net != PVR_NET_ANY)
    p->net = PVR_NET_LIST;
  return PV_OK;
}

static int env_name_ok(const char *s, size_t n) {
  if (n == 0 || n > 128 || (s[0] >= '0' && s[0] <= '9'))
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
          (s[i] >= '0' && s[i] <= '9')))
      return 0;
  return 1;
}

static pv_status list_push(pvr_list *l, const char *s, pv_error *err) {
  if (l->n >= PVR_MAX_ENV)
    return pv_error_set(err, PV_FAILED, "env: more than %d entries", PVR_MAX_ENV);
  char *c = strdup(s);
  if (!c)
    return pv_error_set(err, PV_FATAL, "out of memory");
  l->items[l->n++] = c;
  return PV_OK;
}

pv_status pvr_policy_add_env(pvr_policy *p, const char *spec, int from_cli, pv_error *err) {
  const char *eq = strchr(spec, '=');
  size_t n = eq ? (size_t)(eq - spec) : strlen(spec);
  if (!env_name_ok(spec, n))
    return pv_error_set(err, PV_FAILED, "env: '%.*s' is not a variable name",
                        (int)(n > 64 ? 64 : n), spec);
  if (pv_env_forbidden(spec, n))
    return pv_error_set(err, PV_FAILED,
                        "env: %.*s is never passed to a plugin (it changes "
                        "what a runtime loads or where it writes)",
                        (int)n, spec);
  if (strlen(spec) > 4096)
    return pv_error_set(err, PV_FAILED, "env: value of %.*s too long", (int)n, spec);
  int secret = !eq && pv_env_secret(spec, n);
  /* The caller's secret: passed only when the caller names it on the
   * command line; a policy file asking for it is told no. */
  if (secret && !from_cli) {
    return list_push(&p->env_withheld, spec, err);
  }
  if (secret && list_push(&p->env_secret, spec, err) != PV_OK) {
    return err->code;
  }
  return list_push(&p->env, spec, err);
}

/* ---- JSON reading ---------------------------------------------------- */

static pv_status only_keys(json_t *obj, const char *where, const char *const *keys, pv_error *err) {
  const char *k;
  json_t *v;
  json_object_foreach(obj, k, v) {
    size_t i = 0;
    while (keys[i] && strcmp(keys[i], k))
      i++;
    if (!keys[i])
      return pv_error_set(err, PV_FAILED, "%s%s%s: unknown field", where, *where ? "." : "", k);
  }
  return PV_OK;
}

static pv_status read_paths(pvr_grants *l, json_t *arr, const char *field, const pvr_base *base,
                            pv_error *err) {
  if (!arr)
    return PV_OK;
  if (!json_is_array(arr))
    return pv_error_set(err, PV_FAILED, "%s: must be an array of paths", field);
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) {
    if (!json_is_string(v))
      return pv_error_set(err, PV_FAILED, "%s[%zu]: must be a string", field, i);
    if (pvr_policy_add_path(l, json_string_value(v), base, field, err) != PV_OK)
      return err->code;
  }
  return PV_OK;
}

static pv_status read_fs(pvr_policy *p, json_t *fs, const pvr_base *base, pv_error *err) {
  static const char *const keys[] = {"read", "write", "exec", "system", NULL};
  if (!fs)
    return PV_OK;
  if (!json_is_object(fs))
    return pv_error_set(err, PV_FAILED, "fs: must be an object");
  if (only_keys(fs, "fs", keys, err) != PV_OK)
    return err->code;
  json_t *sys = json_object_get(fs, "system");
  if (sys && !json_is_boolean(sys))
    return pv_error_set(err, PV_FAILED, "fs.system: must be true or false");
  if (sys)
    p->system_paths = json_is_true(sys);
  if (read_paths(&p->read, json_object_get(fs, "read"), "fs.read", base, err) ||
      read_paths(&p->write, json_object_get(fs, "write"), "fs.write", base, err) ||
      read_paths(&p->exec, json_object_get(fs, "exec"), "fs.exec", base, err))
    return err->code;
  return PV_OK;
}

static pv_status read_net_obj(pvr_policy *p, json_t *net, pv_error *err) {
  static const char *const keys[] = {"connect", "bind", NULL};
  if (only_keys(net, "network", keys, err) != PV_OK)
    return err->code;
  json_t *c = json_object_get(net, "connect"), *b = json_object_get(net, "bind"), *v;
  size_t i;
  if ((c && !json_is_array(c)) || (b && !json_is_array(b)))
    return pv_error_set(err, PV_FAILED, "network.%s: must be an array",
                        c && !json_is_array(c) ? "connect" : "bind");
  p->net = PVR_NET_LIST;
  json_array_foreach(c, i, v) {
    if (!json_is_string(v) || !strcmp(json_string_value(v), "any") ||
        !strcmp(json_string_value(v), "none"))
      return pv_error_set(err, PV_FAILED, "network.connect[%zu]: must be \"HOST:PORT\"", i);
    if (pvr_policy_add_net(p, json_string_value(v), err) != PV_OK)
      return err->code;
  }
  json_array_foreach(b, i, v) {
    char num[32];
    if (!json_is_integer(v))
      return pv_error_set(err, PV_FAILED, "network.bind[%zu]: must be a port number", i);
    snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
    if (pvr_policy_add_bind(p, num, err) != PV_OK)
      return err->code;
  }
  return PV_OK;
}

static pv_status read_net(pvr_policy *p, json_t *net, pv_error *err) {
  if (!net)
    return PV_OK;
  if (json_is_string(net)) {
    const char *s = json_string_value(net);
    if (strcmp(s, "none") && strcmp(s, "any"))
      return pv_error_set(err, PV_FAILED, "network: must be \"none\", \"any\" or an object");
    return pvr_policy_add_net(p, s, err);
  }
  if (!json_is_object(net))
    return pv_error_set(err, PV_FAILED, "network: must be \"none\", \"any\" or an object");
  return read_net_obj(p, net, err);
}

static pv_status read_env(pvr_policy *p, json_t *env, pv_error *err) {
  if (!env)
    return PV_OK;
  if (!json_is_array(env))
    return pv_error_set(err, PV_FAILED, "env: must be an array of names");
  size_t i;
  json_t *v;
  json_array_foreach(env, i, v) {
    if (!json_is_string(v))
      return pv_error_set(err, PV_FAILED, "env[%zu]: must be a string", i);
    if (pvr_policy_add_env(p, json_string_value(v), 0, err) != PV_OK)
      return err->code;
  }
  return PV_OK;
}

struct limit_field {
  const char *name;
  size_t off;
  uint64_t min, max;
};

static const struct limit_field limit_fields[] = {
    {"timeout_s", offsetof(pvr_limits, timeout_s), 0, 86400 * 7},
    {"cpu_s", offsetof(pvr_limits, cpu_s), 1, 86400 * 7},
    {"memory_mib", offsetof(pvr_limits, mem_mib), 16, 1024 * 1024},
    {"open_files", offsetof(pvr_limits, nofile), 16, 1 << 20},
    {"processes", offsetof(pvr_limits, nproc), 1, 1 << 22},
    {"file_size_mib", offsetof(pvr_limits, fsize_mib), 1, 1 << 30},
    {"cpu_percent", offsetof(pvr_limits, cpu_percent), 1, 100000},
    {NULL, 0, 0, 0}};

pv_status pvr_limit_check(const char *name, uint64_t v, pv_error *err) {
  for (const struct limit_field *f = limit_fields; f->name; f++)
    if (!strcmp(f->name, name) && (v < f->min || v > f->max))
      return pv_error_set(err, PV_FAILED, "resources.%s: %llu is outside %llu..%llu", name,
                          (unsigned long long)v, (unsigned long long)f->min,
                          (unsigned long long)f->max);
  return PV_OK;
}

static pv_status read_limits(pvr_policy *p, json_t *res, pv_error *err) {
  if (!res)
    return PV_OK;
  if (!json_is_object(res))
    return pv_error_set(err, PV_FAILED, "resources: must be an object");
  const char *k;
  json_t *v;
  json_object_foreach(res, k, v) {
    const struct limit_field *f = limit_fields;
    while (f->name && strcmp(f->name, k))
      f++;
    if (!f->name)
      return pv_error_set(err, PV_FAILED, "resources.%s: unknown field", k);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
      return pv_error_set(err, PV_FAILED, "resources.%s: must be a whole number", k);
    uint64_t n = (uint64_t)json_integer_value(v);
    if (pvr_limit_check(k, n, err) != PV_OK)
      return err->code;
    *(uint64_t *)((char *)&p->lim + f->off) = n;
  }
  return PV_OK;
}

static pv_status read_string(char **dst, json_t *v, const char *field, pv_error *err) {
  if (!v)
    return PV_OK;
  if (!json_is_string(v) || !*json_string_value(v) || json_string_length(v) > 4096)
    return pv_error_set(err, PV_FAILED, "%s: must be a non-empty string", field);
  free(*dst);
  *dst = strdup(json_string_value(v));
  return *dst ? PV_OK : pv_error_set(err, PV_FATAL, "out of memory");
}

/* The policy's "root": where its relative paths are taken from; without
 * it, the policy file's directory. */
static pv_status read_root(json_t *v, const pvr_base *file_dir, pvr_base *out, pv_error *err) {
  pvr_open_result res = PVR_OPEN_OK;
  struct stat st;
  if (!v) {
    *out = *file_dir;
    out->fd = fcntl(file_dir->fd, F_DUPFD_CLOEXEC, 0);
    return out->fd < 0 ? pv_error_set(err, PV_FATAL, "root: %s", strerror(errno)) : PV_OK;
  }
  if (!json_is_string(v) || !*json_string_value(v) || json_string_length(v) >= PATH_MAX)
    return pv_error_set(err, PV_FAILED, "root: must be a non-empty string");
  const char *s = json_string_value(v);
  if (open_grant(s, file_dir, "root", &out->fd, &res, err) != PV_OK || res == PVR_OPEN_REFUSED)
    return err->code;
  if (res == PVR_OPEN_MISSING)
    return pv_error_set(err, PV_FAILED, "root: '%s' does not exist", s);
  if (fstat(out->fd, &st) != 0 || !S_ISDIR(st.st_mode) ||
      pvr_fd_path(out->fd, out->path, sizeof out->path) != 0) {
    pvr_base_close(out);
    return pv_error_set(err, PV_FAILED, "root: '%s' is not a directory", s);
  }
  return PV_OK;
}

/* A relative "cwd" is taken from the base like any grant, and must not
 * pass through a symlink either. */
static pv_status resolve_cwd(pvr_policy *p, const pvr_base *base, pv_error *err) {
  pvr_grants tmp = {.n = 0};
  if (!p->cwd || p->cwd[0] == '/') {
    return PV_OK;
  }
  if (pvr_policy_add_path(&tmp, p->cwd, base, "cwd", err) != PV_OK) {
    return err->code;
  }
  free(p->cwd);
  p->cwd = tmp.path[0];
  if (tmp.fd[0] >= 0) {
    close(tmp.fd[0]);
  }
  return PV_OK;
}

/* A boolean key: absent keeps *slot. */
static pv_status read_bool(int *slot, json_t *v, const char *key, pv_error *err) {
  if (v && !json_is_boolean(v))
    return pv_error_set(err, PV_FAILED, "%s: must be true or false", key);
  if (v) {
    *slot = json_is_true(v);
  }
  return PV_OK;
}

/* A policy may not run the plugin as root (any account with uid 0): only
 * the caller can, with --user on the command line. */
static pv_status check_user(const char *user, pv_error *err) {
  struct passwd *pw = user ? getpwnam(user) : NULL;
  if (user && (!strcmp(user, "root") || (pw && pw->pw_uid == 0)))
    return pv_error_set(err, PV_FAILED,
                        "user: a policy may not run the plugin as root (uid 0); only --user on "
                        "the command line can");
  return PV_OK;
}

static pv_status read_fields(pvr_policy *p, json_t *root, const pvr_base *base, pv_error *err) {
  if (read_bool(&p->children, json_object_get(root, "children"), "children", err) ||
      read_bool(&p->native, json_object_get(root, "native"), "native", err) ||
      read_fs(p, json_object_get(root, "fs"), base, err) ||
      read_net(p, json_object_get(root, "network"), err) ||
      read_env(p, json_object_get(root, "env"), err) ||
      read_limits(p, json_object_get(root, "resources"), err) ||
      read_string(&p->cwd, json_object_get(root, "cwd"), "cwd", err) ||
      read_string(&p->user, json_object_get(root, "user"), "user", err) || check_user(p->user, err))
    return err->code;
  return resolve_cwd(p, base, err);
}

static pv_status read_top(pvr_policy *p, json_t *root, const pvr_base *file_dir, pv_error *err) {
  static const char *const keys[] = {
      "plugvet_policy", "root", "fs",   "network", "children", "native", "env",
      "resources",      "cwd",  "user", NULL};
  pvr_base base = {.fd = -1};
  if (!json_is_object(root))
    return pv_error_set(err, PV_FAILED, "policy: must be an object");
  if (only_keys(root, "", keys, err) != PV_OK)
    return err->code;
  json_t *ver = json_object_get(root, "plugvet_policy");
  if (!json_is_integer(ver) || json_integer_value(ver) != PVR_POLICY_VERSION)
    return pv_error_set(err, PV_FAILED, "plugvet_policy: must be %d (the format version)",
                        PVR_POLICY_VERSION);
  if (read_root(json_object_get(root, "root"), file_dir, &base, err) != PV_OK) {
    return err->code;
  }
  pv_status rc = read_fields(p, root, &base, err);
  pvr_base_close(&base);
  return rc;
}

pv_status pvr_policy_parse(pvr_policy *p, const char *text, size_t len, const pvr_base *base,
                           pv_error *err) {
  json_error_t je;
  json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  if (!root)
    return pv_error_set(err, PV_FAILED, "policy is not JSON (line %d: %s)", je.line, je.text);
  pv_status rc = read_top(p, root, base, err);
  json_decref(root);
  return rc;
}

/* The directory part of file ("." when it has none). Caller frees. */
static char *dir_of(const char *file) {
  const char *slash = strrchr(file, '/');
  if (!slash) {
    return strdup(".");
  }
  if (slash == file) {
    return strdup("/");
  }
  return strndup(file, (size_t)(slash - file));
}

/* Open the policy file: a regular file only, never through a final
 * symlink, and without blocking (a FIFO is refused at once, not waited
 * on). -1 with err set. */
static int open_policy(const char *file, pv_error *err) {
  struct stat st;
  int fd = open(file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    pv_error_set(err, PV_FAILED, "policy %s: %s", file,
                 errno == ELOOP ? "is a symlink (name the real file)" : strerror(errno));
    return -1;
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    pv_error_set(err, PV_FAILED, "policy %s: not a regular file", file);
    return -1;
  }
  return fd;
}

/* Up to cap + 1 bytes of fd into buf; the count, or -1. */
static ssize_t read_all(int fd, char *buf, size_t cap) {
  size_t got = 0;
  while (got <= cap) {
    ssize_t n = read(fd, buf + got, cap + 1 - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return -1;
    }
    if (n == 0) {
      break;
    }
    got += (size_t)n;
  }
  return (ssize_t)got;
}

pv_status pvr_policy_load(pvr_policy *p, const char *file, pv_error *err) {
  pv_status rc = PV_FAILED;
  char *text = NULL, *dir = NULL;
  pvr_base base = {.fd = -1};
  int fd = open_policy(file, err);
  if (fd < 0)
    return err->code;
  text = malloc(PVR_POLICY_FILE_MAX + 1);
  dir = dir_of(file);
  if (!text || !dir) {
    rc = pv_error_set(err, PV_FATAL, "out of memory");
    goto out;
  }
  ssize_t n = read_all(fd, text, PVR_POLICY_FILE_MAX);
  if (n < 0 || n > PVR_POLICY_FILE_MAX) {
    rc = pv_error_set(err, PV_FAILED, "policy %s: unreadable or over %d bytes", file,
                      PVR_POLICY_FILE_MAX);
    goto out;
  }
  rc = pvr_base_open(&base, dir, err);
  if (rc == PV_OK) {
    rc = pvr_policy_parse(p, text, (size_t)n, &base, err);
  }
  if (rc != PV_OK) {
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    pv_error_set(err, rc, "policy %s: %s", file, msg);
  }
out:
  pvr_base_close(&base);
  free(dir);
  free(text);
  close(fd);
  return rc;
}

/* ---- JSON writing ---------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (no overlong forms, no
 * surrogates, at most U+10FFFF); 0 when the bytes are not one. */
static size_t utf8_len(const unsigned char *s) {
  size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
  if (n == 0 || s[0] > 0xf4) {
    return 0;
  }
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) {
      return 0;
    }
  }
  if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
      (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f)) {
    return 0;
  }
  return n;
}

/* Whether the n bytes at s are to be written as \xNN. */
static int needs_escape(const unsigned char *s, size_t n, int terminal) {
  if (n == 0) {
    return 1;
  }
  if (!terminal) {
    return 0;
  }
  if (n == 1) {
    return s[0] < 0x20 || s[0] == 0x7f;
  }
  return n == 2 && s[0] == 0xc2 && s[1] < 0xa0; /* C1: U+0080..U+009F */
}

char *pvr_escape(const char *s, int terminal) {
  const unsigned char *u = (const unsigned char *)s;
  size_t len = strlen(s), o = 0;
  char *out = malloc(4 * len + 1);
  if (!out) {
    return NULL;
  }
  for (size_t i = 0; i < len;) {
    size_t n = u[i] < 0x80 ? 1 : utf8_len(u + i);
    if (u[i] == '\\') {
      out[o++] = '\\';
      out[o++] = '\\';
    } else if (needs_escape(u + i, n, terminal)) {
      n = n ? n : 1;
      for (size_t k = 0; k < n; k++) {
        snprintf(out + o, 5, "\\x%02x", u[i + k]);
        o += 4;
      }
    } else {
      memcpy(out + o, s + i, n);
      o += n;
    }
    i += n;
  }
  out[o] = '\0';
  return out;
}

json_t *pvr_json_text(const char *s) {
  char *e = pvr_escape(s, 0);
  json_t *j = e ? json_string(e) : NULL;
  free(e);
  return j;
}

static json_t *list_json(const pvr_list *l) {
  json_t *a = json_array();
  for (size_t i = 0; i < l->n; i++)
    json_array_append_new(a, pvr_json_text(l->items[i]));
  return a;
}

static json_t *grants_json(const pvr_grants *g) {
  json_t *a = json_array();
  for (size_t i = 0; i < g->n; i++) {
    json_array_append_new(a, pvr_json_text(g->path[i]));
  }
  return a;
}

static json_t *net_json(const pvr_policy *p) {
  if (p->net == PVR_NET_NONE)
    return json_string("none");
  if (p->net == PVR_NET_ANY)
    return json_string("any");
  json_t *o = json_object(), *c = json_array(), *b = json_array();
  char ep[300];
  for (size_t i = 0; i < p->n_connect; i++) {
    snprintf(ep, sizeof ep, "%s:%u", p->connect[i].host, p->connect[i].port);
    json_array_append_new(c, pvr_json_text(ep));
  }
  for (size_t i = 0; i < p->n_bind; i++)
    json_array_append_new(b, json_integer(p->bind[i]));
  json_object_set_new(o, "connect", c);
  json_object_set_new(o, "bind", b);
  return o;
}

json_t *pvr_policy_to_json(const pvr_policy *p) {
  json_t *o = json_object(), *fs = json_object(), *res = json_object();
  json_object_set_new(o, "plugvet_policy", json_integer(PVR_POLICY_VERSION));
  json_object_set_new(fs, "read", grants_json(&p->read));
  json_object_set_new(fs, "write", grants_json(&p->write));
  json_object_set_new(fs, "exec", grants_json(&p->exec));
  json_object_set_new(fs, "system", json_boolean(p->system_paths));
  json_object_set_new(o, "fs", fs);
  json_object_set_new(o, "network", net_json(p));
  json_object_set_new(o, "children", json_boolean(p->children));
  json_object_set_new(o, "native", json_boolean(p->native));
  json_object_set_new(o, "env", list_json(&p->env));
  for (const struct limit_field *f = limit_fields; f->name; f++)
    json_object_set_new(
        res, f->name,
        json_integer((json_int_t) * (const uint64_t *)((const char *)&p->lim + f->off)));
  json_object_set_new(o, "resources", res);
  if (p->cwd)
    json_object_set_new(o, "cwd", pvr_json_text(p->cwd));
  if (p->user)
    json_object_set_new(o, "user", pvr_json_text(p->user));
  return o;
}
