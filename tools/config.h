/* config.h — the project file .plugvet.yml: defaults for `plugvet scan`
 * (the command line wins, key by key) and an ignore list whose entries
 * carry a reason and an expiry date (docs/cli.md, "Project file").
 *
 * The file is found upward from the scanned directory to the top of its
 * git work tree (only that directory outside one), or named by --config.
 * Unknown keys, wrong types and bad values are errors naming file:line.
 * Paths in it are relative to its own directory.
 *
 * Ownership: pv_config_load fills a pv_config that owns every string and
 * list in it; pv_config_free releases them. */
#ifndef PV_CONFIG_H
#define PV_CONFIG_H

#include <stddef.h>

#include "../scanner/limits.h"
#include "../scanner/result.h"

typedef struct {
  const char *id;     /* a rule id, an advisory group (dep.vulnerable/CVE-...) or
                       * an advisory id (CVE-..., GHSA-...) */
  const char *reason; /* why it is ignored */
  const char *until;  /* "YYYY-MM-DD", the last day it holds, or NULL: no expiry */
  const char *why;    /* the suppression's justification shown in reports */
  unsigned line;      /* where it is in the file */
  int expired;        /* until is before today (UTC) */
} pv_cfg_ignore;

typedef struct {
  char *path;                                               /* the file read */
  int fail_on, severity;                                    /* pv_severity; -1: not set */
  int taint;                                                /* 0 or 1; -1: not set */
  long max_db_age;                                          /* days; -1: not set */
  const char *sarif, *gitlab, *json, *text, *db;            /* paths; NULL: not set */
  const char *category;                                     /* sarif-category; NULL: not set */
  const char **rules, **exclude, **include, **exclude_rule; /* NULL-terminated; NULL: not set */
  pv_cfg_ignore *ignore;
  size_t n_ignore;
  char **owned; /* everything above that was allocated */
  size_t n_owned;
  void *doc; /* the parsed file (yaml_document_t): the strings point into it */
} pv_config;

/* No file: nothing set. */
#define PV_CONFIG_NONE ((pv_config){.fail_on = -1, .severity = -1, .taint = -1, .max_db_age = -1})

/* The .plugvet.yml that applies to start (a directory): malloc'd path, or
 * NULL when there is none. */
char *pv_config_find(const char *start);

/* Read path (at most lim->rule_bytes) into c, today being "YYYY-MM-DD".
 * 0, or -1 with a message "FILE:LINE: reason" in err. */
int pv_config_load(pv_config *c, const char *path, const char *today, const pv_limits *lim,
                   char *err, size_t errsz);

/* Suppress the findings of r an unexpired entry names (reason as the
 * justification); an expired entry that names one adds a warning note. */
void pv_config_ignore(const pv_config *c, pv_result *r);

void pv_config_free(pv_config *c);

#endif
