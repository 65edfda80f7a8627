/* policy_json.c — the plugvet-run policy for a scanned plugin: exactly what its
 * plugvet.permissions declares, the tightest policy when it declares
 * nothing. Its paths are relative to "root", the plugin's directory on disk
 * (absolute), so they keep their meaning wherever the policy file is
 * written; an archive has no directory until it is unpacked, and its
 * policy has no root. See docs/policy.md. */
#include <jansson.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../scanner/intake/intake.h"
#include "../scanner/permissions.h"
#include "report.h"

static json_t *str_array(const pv_strlist *l, const char *first) {
  json_t *a = json_array();
  if (first)
    json_array_append_new(a, json_string(first));
  for (size_t i = 0; i < l->len; i++)
    if (first == NULL || strcmp(l->items[i], first) != 0)
      json_array_append_new(a, json_string(l->items[i]));
  return a;
}

static json_t *network(const pv_permissions *p) {
  if (p->network == PV_NET_ANY)
    return json_string("any");
  if (p->network == PV_NET_NONE)
    return json_string("none");
  return json_pack("{s:o, s:[]}", "connect", str_array(&p->connect, NULL), "bind");
}

/* The directory part of the plugin's vfs root below a directory input
 * ("" when the package.json is at the top). */
static const char *root_below(pv_result *r, const pv_permissions *p) {
  const char *prefix = pv_intake_dir_prefix(r);
  size_t n = prefix ? strlen(prefix) : 0;
  if (n && strncmp(p->root, prefix, n) == 0 && p->root[n] == '/') {
    return p->root + n + 1;
  }
  return p->root;
}

/* The plugin's directory on disk, absolute; NULL for an archive or when
 * the input cannot be resolved. Caller frees. */
static char *plugin_root(pv_result *r, const pv_permissions *p) {
  int is_dir = r->kind && strcmp(r->kind, "directory") == 0;
  int is_file = r->kind && strcmp(r->kind, "file") == 0;
  char *abs = is_dir || is_file ? realpath(r->input, NULL) : NULL;
  if (abs == NULL) {
    return NULL;
  }
  if (is_file) {
    char *dir = strdup(dirname(abs));
    free(abs);
    return dir;
  }
  const char *below = root_below(r, p);
  size_t n = strlen(below);
  while (n > 0 && below[n - 1] == '/') {
    n--;
  }
  char *root = NULL;
  if (n == 0) {
    return abs;
  }
  if (asprintf(&root, "%s/%.*s", abs, (int)n, below) < 0) {
    root = NULL;
  }
  free(abs);
  return root;
}

static json_t *policy_json(pv_result *r, const pv_permissions *p) {
  char *root = plugin_root(r, p);
  json_t *o = json_object();
  json_t *fs = json_pack("{s:o, s:o, s:[], s:b}", "read", str_array(&p->fs_read, "."), "write",
                         str_array(&p->fs_write, NULL), "exec", "system", 1);
  json_object_set_new(o, "plugvet_policy", json_integer(1));
  if (root != NULL) {
    json_object_set_new(o, "root", json_string(root));
  }
  free(root);
  json_object_set_new(o, "fs", fs);
  json_object_set_new(o, "network", network(p));
  json_object_set_new(o, "children", json_boolean(p->children));
  json_object_set_new(o, "native", json_boolean(p->native));
  json_object_set_new(o, "env", str_array(&p->env, NULL));
  json_object_set_new(o, "cwd", json_string("."));
  return o;
}

pv_status pv_policy_write(FILE *out, const pv_report_set *set, pv_error *err) {
  if (set->count != 1 || set->results[0]->permissions == NULL)
    return pv_error_set(err, PV_FAILED, "a policy is written for exactly one scanned input");
  json_t *doc = policy_json(set->results[0], set->results[0]->permissions);
  if (doc == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(doc);
  if (rc != 0 || fputc('\n', out) == EOF)
    return pv_error_set(err, PV_FAILED, "write error");
  return PV_OK;
}
