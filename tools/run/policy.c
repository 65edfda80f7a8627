/* policy.c — defaults, JSON reading and writing, and command-line grants for
 * the plugvet-run policy. Every field is checked; an invalid one is named. */
#include "policy.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Loader and runtime hooks that would undo the confinement or change what
 * the runtime loads: never passed, even when asked for. */
static const char *const forbidden_env[] = {
    "NODE_OPTIONS", "NODE_PATH", "UV_USE_IO_URING", "LD_PRELOAD", "LD_LIBRARY_PATH",
    "LD_AUDIT",     NULL};

static const pvr_limits default_limits = {
    .timeout_s = 60, .cpu_s = 60, .mem_mib = 2048, .nofile = 1024, .nproc = 128, .fsize_mib = 64};

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

void pvr_policy_free(pvr_policy *p) {
  list_free(&p->read);
  list_free(&p->write);
  list_free(&p->exec);
  list_free(&p->env);
  for (size_t i = 0; i < p->n_connect; i++)
    free(p->connect[i].host);
  free(p->cwd);
  free(p->user);
  pvr_policy_init(p);
}

int pvr_env_forbidden(const char *name, size_t len) {
  for (size_t i = 0; forbidden_env[i]; i++)
    if (strlen(forbidden_env[i]) == len && !memcmp(forbidden_env[i], name, len))
      return 1;
  return 0;
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

/* Absolute form of path against base (or the cwd): realpath when it exists,
 * else a plain join. Caller frees. */
static char *absolute(const char *path, const char *base) {
  char joined[PATH_MAX], cwd[PATH_MAX];
  if (path[0] != '/') {
    if (!base)
      base = getcwd(cwd, sizeof cwd);
    if (!base)
      return NULL;
    int n = snprintf(joined, sizeof joined, "%s/%s", base, path);
    if (n < 0 || (size_t)n >= sizeof joined)
      return NULL;
    path = joined;
  }
  char *r = realpath(path, NULL);
  return r ? r : strdup(path);
}

pv_status pvr_policy_add_path(pvr_list *l, const char *path, const char *base, const char *field,
                              pv_error *err) {
  if (!*path)
    return pv_error_set(err, PV_FAILED, "%s: empty path", field);
  if (strpbrk(path, "*?["))
    return pv_error_set(err, PV_FAILED, "%s: '%s' is a glob; name directories or files", field,
                        path);
  if (strlen(path) >= PATH_MAX)
    return pv_error_set(err, PV_FAILED, "%s: path too long", field);
  if (l->n >= PVR_MAX_PATHS)
    return pv_error_set(err, PV_FAILED, "%s: more than %d paths", field, PVR_MAX_PATHS);
  char *a = absolute(path, base);
  if (!a)
    return pv_error_set(err, PV_FATAL, "%s: cannot resolve '%s'", field, path);
  l->items[l->n++] = a;
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

pv_status pvr_policy_add_env(pvr_policy *p, const char *spec, pv_error *err) {
  const char *eq = strchr(spec, '=');
  size_t n = eq ? (size_t)(eq - spec) : strlen(spec);
  if (!env_name_ok(spec, n))
    return pv_error_set(err, PV_FAILED, "env: '%.*s' is not a variable name",
                        (int)(n > 64 ? 64 : n), spec);
  if (pvr_env_forbidden(spec, n))
    return pv_error_set(err, PV_FAILED, "env: %.*s is never passed to a plugin", (int)n, spec);
  if (strlen(spec) > 4096)
    return pv_error_set(err, PV_FAILED, "env: value of %.*s too long", (int)n, spec);
  if (p->env.n >= PVR_MAX_ENV)
    return pv_error_set(err, PV_FAILED, "env: more than %d entries", PVR_MAX_ENV);
  char *c = strdup(spec);
  if (!c)
    return pv_error_set(err, PV_FATAL, "out of memory");
  p->env.items[p->env.n++] = c;
  return PV_OK;
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

static pv_status read_paths(pvr_list *l, json_t *arr, const char *field, const char *base,
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

static pv_status read_fs(pvr_policy *p, json_t *fs, const char *base, pv_error *err) {
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
    if (pvr_policy_add_env(p, json_string_value(v), err) != PV_OK)
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

static pv_status read_top(pvr_policy *p, json_t *root, const char *base, pv_error *err) {
  static const char *const keys[] = {"plugvet_policy", "fs",  "network", "children", "env",
                                     "resources",      "cwd", "user",    NULL};
  if (!json_is_object(root))
    return pv_error_set(err, PV_FAILED, "policy: must be an object");
  if (only_keys(root, "", keys, err) != PV_OK)
    return err->code;
  json_t *ver = json_object_get(root, "plugvet_policy");
  if (!json_is_integer(ver) || json_integer_value(ver) != PVR_POLICY_VERSION)
    return pv_error_set(err, PV_FAILED, "plugvet_policy: must be %d (the format version)",
                        PVR_POLICY_VERSION);
  json_t *ch = json_object_get(root, "children");
  if (ch && !json_is_boolean(ch))
    return pv_error_set(err, PV_FAILED, "children: must be true or false");
  if (ch)
    p->children = json_is_true(ch);
  if (read_fs(p, json_object_get(root, "fs"), base, err) ||
      read_net(p, json_object_get(root, "network"), err) ||
      read_env(p, json_object_get(root, "env"), err) ||
      read_limits(p, json_object_get(root, "resources"), err) ||
      read_string(&p->cwd, json_object_get(root, "cwd"), "cwd", err) ||
      read_string(&p->user, json_object_get(root, "user"), "user", err))
    return err->code;
  if (p->cwd && p->cwd[0] != '/') {
    pvr_list tmp = {{0}, 0};
    if (pvr_policy_add_path(&tmp, p->cwd, base, "cwd", err) != PV_OK)
      return err->code;
    free(p->cwd);
    p->cwd = tmp.items[0];
  }
  return PV_OK;
}

pv_status pvr_policy_parse(pvr_policy *p, const char *text, size_t len, const char *base,
                           pv_error *err) {
  json_error_t je;
  json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  if (!root)
    return pv_error_set(err, PV_FAILED, "policy is not JSON (line %d: %s)", je.line, je.text);
  pv_status rc = read_top(p, root, base, err);
  json_decref(root);
  return rc;
}

pv_status pvr_policy_load(pvr_policy *p, const char *file, pv_error *err) {
  pv_status rc = PV_FAILED;
  char *text = NULL, *dir = NULL;
  FILE *f = fopen(file, "rb");
  if (!f)
    return pv_error_set(err, PV_FAILED, "policy %s: %s", file, strerror(errno));
  text = malloc(PVR_POLICY_FILE_MAX + 1);
  if (!text) {
    rc = pv_error_set(err, PV_FATAL, "out of memory");
    goto out;
  }
  size_t n = fread(text, 1, PVR_POLICY_FILE_MAX + 1, f);
  if (ferror(f) || n > PVR_POLICY_FILE_MAX) {
    rc = pv_error_set(err, PV_FAILED, "policy %s: unreadable or over %d bytes", file,
                      PVR_POLICY_FILE_MAX);
    goto out;
  }
  char *abs = absolute(file, NULL);
  if (abs && strrchr(abs, '/')) {
    *strrchr(abs, '/') = 0;
    dir = abs;
  } else {
    free(abs);
  }
  rc = pvr_policy_parse(p, text, n, dir && *dir ? dir : "/", err);
  if (rc != PV_OK) {
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    pv_error_set(err, rc, "policy %s: %s", file, msg);
  }
out:
  free(dir);
  free(text);
  fclose(f);
  return rc;
}

/* ---- JSON writing ---------------------------------------------------- */

static json_t *list_json(const pvr_list *l) {
  json_t *a = json_array();
  for (size_t i = 0; i < l->n; i++)
    json_array_append_new(a, json_string(l->items[i]));
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
    json_array_append_new(c, json_string(ep));
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
  json_object_set_new(fs, "read", list_json(&p->read));
  json_object_set_new(fs, "write", list_json(&p->write));
  json_object_set_new(fs, "exec", list_json(&p->exec));
  json_object_set_new(fs, "system", json_boolean(p->system_paths));
  json_object_set_new(o, "fs", fs);
  json_object_set_new(o, "network", net_json(p));
  json_object_set_new(o, "children", json_boolean(p->children));
  json_object_set_new(o, "env", list_json(&p->env));
  for (const struct limit_field *f = limit_fields; f->name; f++)
    json_object_set_new(
        res, f->name,
        json_integer((json_int_t) * (const uint64_t *)((const char *)&p->lim + f->off)));
  json_object_set_new(o, "resources", res);
  if (p->cwd)
    json_object_set_new(o, "cwd", json_string(p->cwd));
  if (p->user)
    json_object_set_new(o, "user", json_string(p->user));
  return o;
}
