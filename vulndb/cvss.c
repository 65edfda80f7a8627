/* cvss.c — CVSS v3.x base score (FIRST CVSS v3.1 specification, section 7
 * and Appendix A). */
#include "cvss.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

enum { M_AV, M_AC, M_PR, M_UI, M_S, M_C, M_I, M_A, M_N };

typedef struct {
  const char *key, *vals;
} metric;

static const metric base[M_N] = {{"AV", "NALP"}, {"AC", "LH"}, {"PR", "NLH"}, {"UI", "NR"},
                                 {"S", "UC"},    {"C", "HLN"}, {"I", "HLN"},  {"A", "HLN"}};
static const char *const other[] = {"E",   "RL",  "RC", "CR", "IR", "AR", "MAV", "MAC",
                                    "MPR", "MUI", "MS", "MC", "MI", "MA", NULL};

/* Appendix A: the smallest number, to one decimal, >= x. */
static double roundup31(double x) {
  int64_t i = (int64_t)llround(x * 100000.0);
  if (i % 10000 == 0)
    return (double)i / 100000.0;
  return (double)(i / 10000 + 1) / 10.0;
}

static double roundup30(double x) {
  return ceil(x * 10.0) / 10.0;
}

static int is_other(const char *k, size_t n) {
  for (int i = 0; other[i]; i++)
    if (strlen(other[i]) == n && !memcmp(other[i], k, n))
      return 1;
  return 0;
}

/* Parse "K:V/K:V..." into v[] (the chosen letter per base metric). */
static int parse_metrics(const char *p, char v[M_N]) {
  memset(v, 0, M_N);
  while (*p) {
    size_t kn = strcspn(p, ":/");
    if (p[kn] != ':' || !p[kn + 1])
      return 0;
    char val = p[kn + 1];
    const char *next = p + kn + 2;
    if (*next && *next != '/')
      return 0;
    int hit = 0;
    for (int m = 0; m < M_N; m++)
      if (strlen(base[m].key) == kn && !memcmp(base[m].key, p, kn)) {
        if (v[m] || !strchr(base[m].vals, val) || !val)
          return 0;
        v[m] = val;
        hit = 1;
      }
    if (!hit && !is_other(p, kn))
      return 0;
    p = *next ? next + 1 : next;
    if (*next && !*p)
      return 0;
  }
  for (int m = 0; m < M_N; m++)
    if (!v[m])
      return 0;
  return 1;
}

static double cia(char c) {
  return c == 'H' ? 0.56 : c == 'L' ? 0.22 : 0;
}

static double score(const char v[M_N], int v31) {
  int changed = v[M_S] == 'C';
  double av = v[M_AV] == 'N' ? 0.85 : v[M_AV] == 'A' ? 0.62 : v[M_AV] == 'L' ? 0.55 : 0.2;
  double ac = v[M_AC] == 'L' ? 0.77 : 0.44;
  double pr = v[M_PR] == 'N'   ? 0.85
              : v[M_PR] == 'L' ? (changed ? 0.68 : 0.62)
                               : (changed ? 0.5 : 0.27);
  double ui = v[M_UI] == 'N' ? 0.85 : 0.62;
  double iss = 1 - (1 - cia(v[M_C])) * (1 - cia(v[M_I])) * (1 - cia(v[M_A]));
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss;
  double expl = 8.22 * av * ac * pr * ui;
  if (impact <= 0)
    return 0;
  double raw = changed ? 1.08 * (impact + expl) : impact + expl;
  if (raw > 10)
    raw = 10;
  return v31 ? roundup31(raw) : roundup30(raw);
}

double pv_cvss3_base_score(const char *vector) {
  char v[M_N];
  if (!vector || strlen(vector) > 256)
    return -1;
  int v31 = !strncmp(vector, "CVSS:3.1/", 9);
  if (!v31 && strncmp(vector, "CVSS:3.0/", 9))
    return -1;
  if (!parse_metrics(vector + 9, v))
    return -1;
  return score(v, v31);
}

pv_severity pv_cvss_severity(double s) {
  if (s >= 9.0)
    return PV_SEV_CRITICAL;
  if (s >= 7.0)
    return PV_SEV_HIGH;
  if (s >= 4.0)
    return PV_SEV_MEDIUM;
  if (s >= 0.1)
    return PV_SEV_LOW;
  return PV_SEV_INFO;
}

int pv_cvss_label_severity(const char *l) {
  if (!l)
    return -1;
  if (!strcasecmp(l, "CRITICAL"))
    return PV_SEV_CRITICAL;
  if (!strcasecmp(l, "HIGH"))
    return PV_SEV_HIGH;
  if (!strcasecmp(l, "MODERATE") || !strcasecmp(l, "MEDIUM"))
    return PV_SEV_MEDIUM;
  if (!strcasecmp(l, "LOW"))
    return PV_SEV_LOW;
  return -1;
}
