/* json_util.c — see json_util.h. */
#include "json_util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Length of the valid UTF-8 sequence at p, or 0 if it is not one. */
static size_t utf8_valid(const unsigned char *p, size_t n) {
  unsigned char c = p[0];
  size_t need = c < 0x80             ? 1
                : (c & 0xE0) == 0xC0 ? 2
                : (c & 0xF0) == 0xE0 ? 3
                : (c & 0xF8) == 0xF0 ? 4
                                     : 0;
  if (need == 0 || need > n)
    return 0;
  if (need == 1)
    return c != 0 ? 1 : 0;
  uint32_t cp = c & (0x7F >> need);
  for (size_t i = 1; i < need; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return need;
}

json_t *pv_json_str(const char *s) {
  if (s == NULL)
    return json_null();
  size_t n = strlen(s);
  json_t *j = json_stringn(s, n);
  if (j != NULL)
    return j;
  char *clean = malloc(n * 3 + 1); /* worst case: every byte becomes U+FFFD */
  if (clean == NULL)
    return NULL;
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t len = utf8_valid((const unsigned char *)s + i, n - i);
    if (len == 0) {
      memcpy(clean + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
    } else {
      memcpy(clean + o, s + i, len);
      o += len;
      i += len;
    }
  }
  j = json_stringn(clean, o);
  free(clean);
  return j;
}

json_t *pv_json_counts(const size_t counts[PV_SEV_NONE]) {
  json_t *o = json_object();
  for (int s = PV_SEV_CRITICAL; s >= PV_SEV_INFO; s--)
    json_object_set_new(o, pv_severity_name((pv_severity)s), json_integer((json_int_t)counts[s]));
  return o;
}

json_t *pv_json_declared(const pv_declared *d) {
  json_t *o = json_object();
  json_object_set_new(o, "kind", json_string(d->kind));
  json_object_set_new(o, "manifest", pv_json_str(d->manifest));
  for (size_t i = 0; i < d->nlists; i++) {
    json_t *a = json_array();
    for (size_t k = 0; k < d->lists[i].len; k++)
      json_array_append_new(a, pv_json_str(d->lists[i].items[k]));
    json_object_set_new(o, d->lists[i].key, a);
  }
  return o;
}

json_t *pv_json_risk(const pv_result *r) {
  pv_risk k = pv_risk_of(r);
  json_t *o = json_object(), *groups = json_object();
  json_object_set_new(o, "verdict", json_string(pv_verdict_name(k.verdict)));
  for (int g = 0; g < PV_MALWARE_GROUPS; g++) {
    if (k.n[g] == 0)
      continue;
    json_t *e = json_object();
    json_object_set_new(e, "count", json_integer(k.n[g]));
    json_object_set_new(e, "severity", json_string(pv_severity_name(k.worst[g])));
    json_object_set_new(groups, pv_malware_group_name(g), e);
  }
  json_object_set_new(o, "groups", groups);
  return o;
}

unsigned pv_cwe_number(const char *s) {
  if (strncasecmp(s, "CWE-", 4) != 0)
    return 0;
  return (unsigned)strtoul(s + 4, NULL, 10);
}
