/* policy_json.c — the plugvet-run policy for a scanned plugin: exactly what its
 * plugvet.permissions declares, the tightest policy when it declares
 * nothing. See docs/policy.md. */
#include <jansson.h>
#include <string.h>

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

static json_t *policy_json(const pv_permissions *p) {
  json_t *fs = json_pack("{s:o, s:o, s:[], s:b}", "read", str_array(&p->fs_read, "."), "write",
                         str_array(&p->fs_write, NULL), "exec", "system", 1);
  return json_pack("{s:i, s:o, s:o, s:b, s:o, s:s}", "plugvet_policy", 1, "fs", fs, "network",
                   network(p), "children", p->children, "env", str_array(&p->env, NULL), "cwd",
                   ".");
}

pv_status pv_policy_write(FILE *out, const pv_report_set *set, pv_error *err) {
  if (set->count != 1 || set->results[0]->permissions == NULL)
    return pv_error_set(err, PV_FAILED, "a policy is written for exactly one scanned input");
  json_t *doc = policy_json(set->results[0]->permissions);
  if (doc == NULL)
    return pv_error_set(err, PV_FATAL, "out of memory");
  int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(doc);
  if (rc != 0 || fputc('\n', out) == EOF)
    return pv_error_set(err, PV_FAILED, "write error");
  return PV_OK;
}
