/* model.c — severity and language names (see model.h). */
#include "model.h"

#include <string.h>
#include <strings.h>

static const char *const sev_names[] = {"info", "low", "medium", "high", "critical", "none"};

const char *pv_severity_name(pv_severity s) {
  return (unsigned)s <= PV_SEV_NONE ? sev_names[s] : "unknown";
}

int pv_severity_parse(const char *s) {
  static const struct {
    const char *word;
    pv_severity sev;
  } words[] = {
      {"info", PV_SEV_INFO},      {"low", PV_SEV_LOW},           {"medium", PV_SEV_MEDIUM},
      {"high", PV_SEV_HIGH},      {"critical", PV_SEV_CRITICAL}, {"none", PV_SEV_NONE},
      {"warning", PV_SEV_MEDIUM}, {"error", PV_SEV_HIGH},
  };
  if (s == NULL)
    return -1;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strcasecmp(s, words[i].word) == 0)
      return (int)words[i].sev;
  return -1;
}

const char *pv_severity_sarif_level(pv_severity s) {
  if (s >= PV_SEV_HIGH)
    return "error";
  if (s == PV_SEV_MEDIUM)
    return "warning";
  return "note";
}

double pv_severity_score(pv_severity s) {
  static const double scores[] = {0.0, 3.0, 5.5, 8.0, 9.5};
  return (unsigned)s <= PV_SEV_CRITICAL ? scores[s] : 0.0;
}

double pv_rule_score(const pv_rule_meta *m) {
  return m->security_score > 0 ? m->security_score : pv_severity_score(m->severity);
}

const char *pv_rule_precision(const pv_rule_meta *m) {
  if (m->precision != NULL)
    return m->precision;
  if (m->confidence != NULL &&
      (strcmp(m->confidence, "high") == 0 || strcmp(m->confidence, "low") == 0))
    return m->confidence;
  return "medium";
}

static const char *const malware_groups[PV_MALWARE_GROUPS] = {
    "install", "network", "credentials", "obfuscation", "persistence", "payload", "metadata"};

const char *pv_malware_group_name(int g) {
  return g >= 0 && g < PV_MALWARE_GROUPS ? malware_groups[g] : NULL;
}

int pv_malware_group(const char *s) {
  for (int g = 0; s != NULL && g < PV_MALWARE_GROUPS; g++)
    if (strcmp(s, malware_groups[g]) == 0)
      return g;
  return -1;
}

const char *pv_lang_name(pv_lang l) {
  static const char *const names[] = {"generic", "javascript", "typescript", "tsx",
                                      "json",    "html",       "ejs",        "vue",
                                      "svelte",  "handlebars", "pug",        "nunjucks"};
  return (unsigned)l < PV_LANG_COUNT ? names[l] : "generic";
}
