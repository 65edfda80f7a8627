/* config.c — see config.h. */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "../scanner/findings.h"
#include "srcroot.h"

#define CONFIG_NAME ".plugvet.yml"

/* ---- finding the file ------------------------------------------------------ */

static char *probe(const char *dir) {
  char path[PATH_MAX + 16];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, CONFIG_NAME);
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? strdup(path) : NULL;
}

char *pv_config_find(const char *start) {
  char *top = pv_git_top(start), *found = probe(start);
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", start);
  while (found == NULL && top != NULL && strcmp(dir, top) != 0) {
    char *slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir)
      break;
    *slash = '\0';
    found = probe(dir);
  }
  free(top);
  return found;
}

/* ---- reading it ------------------------------------------------------------ */

typedef struct {
  pv_config *c;
  yaml_document_t *doc;
  const char *dir; /* the file's directory, for relative paths */
  char *err;
  size_t errsz;
} reader;

static unsigned line_of(const yaml_node_t *n) {
  return (unsigned)n->start_mark.line + 1;
}

static int fail(reader *rd, const yaml_node_t *n, const char *what, const char *key) {
  snprintf(rd->err, rd->errsz, "%s:%u: %s%s%s", rd->c->path, n ? line_of(n) : 1, key ? key : "",
           key ? ": " : "", what);
  return -1;
}

/* Keep p (malloc'd) until pv_config_free; NULL on out of memory. */
static void *own(pv_config *c, void *p) {
  char **v = p ? realloc(c->owned, (c->n_owned + 1) * sizeof *v) : NULL;
  if (v == NULL) {
    free(p);
    return NULL;
  }
  c->owned = v;
  c->owned[c->n_owned++] = p;
  return p;
}

static const char *scalar(const yaml_node_t *n) {
  return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A path of the file: as written when absolute, else from its directory. */
static const char *path_from(reader *rd, const char *s) {
  size_t n = strlen(rd->dir) + strlen(s) + 2;
  char *p = own(rd->c, malloc(n));
  if (p != NULL)
    snprintf(p, n, "%s%s%s", s[0] == '/' ? "" : rd->dir, s[0] == '/' ? "" : "/", s);
  return p;
}

typedef enum {
  K_LEVEL,
  K_FAIL_LEVEL,
  K_DAYS,
  K_BOOL,
  K_STR,
  K_PATH,
  K_LIST,
  K_PATHS,
  K_IGNORE
} kind;

static const struct {
  const char *key;
  kind k;
  size_t off;
} keys[] = {
    {"fail-on", K_FAIL_LEVEL, offsetof(pv_config, fail_on)},
    {"severity", K_LEVEL, offsetof(pv_config, severity)},
    {"taint", K_BOOL, offsetof(pv_config, taint)},
    {"max-db-age", K_DAYS, offsetof(pv_config, max_db_age)},
    {"sarif", K_PATH, offsetof(pv_config, sarif)},
    {"gitlab-sast", K_PATH, offsetof(pv_config, gitlab)},
    {"json", K_PATH, offsetof(pv_config, json)},
    {"text", K_PATH, offsetof(pv_config, text)},
    {"db", K_PATH, offsetof(pv_config, db)},
    {"sarif-category", K_STR, offsetof(pv_config, category)},
    {"rules", K_PATHS, offsetof(pv_config, rules)},
    {"exclude", K_LIST, offsetof(pv_config, exclude)},
    {"include", K_LIST, offsetof(pv_config, include)},
    {"exclude-rule", K_LIST, offsetof(pv_config, exclude_rule)},
    {"ignore", K_IGNORE, offsetof(pv_config, ignore)},
};

/* A list value: a sequence of strings, or one string. */
static int set_list(reader *rd, const char *key, const yaml_node_t *v, int paths,
                    const char ***out) {
  size_t n = v->type == YAML_SEQUENCE_NODE
                 ? (size_t)(v->data.sequence.items.top - v->data.sequence.items.start)
                 : 1;
  const char **list = own(rd->c, calloc(n + 1, sizeof *list));
  if (list == NULL)
    return fail(rd, v, "out of memory", key);
  for (size_t i = 0; i < n; i++) {
    const yaml_node_t *it = v->type == YAML_SEQUENCE_NODE
                                ? yaml_document_get_node(rd->doc, v->data.sequence.items.start[i])
                                : v;
    const char *s = scalar(it);
    if (s == NULL || *s == '\0')
      return fail(rd, it ? it : v, "want a string or a list of strings", key);
    list[i] = paths ? path_from(rd, s) : s;
    if (list[i] == NULL)
      return fail(rd, v, "out of memory", key);
  }
  *out = list;
  return 0;
}

static int is_date(const char *s) {
  int y, m, d;
  char end;
  return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
         sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && m >= 1 && m <= 12 && d >= 1 &&
         d <= 31 && strspn(s, "0123456789-") == 10;
}

/* One ignore entry: a mapping of id, reason and (optional) until. */
static int ignore_entry(reader *rd, const yaml_node_t *e, const char *today, pv_cfg_ignore *out) {
  if (e == NULL || e->type != YAML_MAPPING_NODE)
    return fail(rd, e, "each entry is a mapping with id, reason and until", "ignore");
  *out = (pv_cfg_ignore){.line = line_of(e)};
  for (yaml_node_pair_t *p = e->data.mapping.pairs.start; p < e->data.mapping.pairs.top; p++) {
    const yaml_node_t *k = yaml_document_get_node(rd->doc, p->key);
    const yaml_node_t *v = yaml_document_get_node(rd->doc, p->value);
    const char *name = scalar(k), *val = scalar(v);
    const char **slot = NULL;
    if (name && strcmp(name, "id") == 0)
      slot = &out->id;
    else if (name && strcmp(name, "reason") == 0)
      slot = &out->reason;
    else if (name && strcmp(name, "until") == 0)
      slot = &out->until;
    else
      return fail(rd, k, "unknown key in an ignore entry (id, reason, until)", name);
    if (val == NULL || *val == '\0')
      return fail(rd, v, "want a string", name);
    *slot = val;
  }
  if (out->id == NULL || out->reason == NULL)
    return fail(rd, e, "an entry needs an id and a reason", "ignore");
  if (out->until != NULL && !is_date(out->until))
    return fail(rd, e, "until is a date YYYY-MM-DD", "ignore");
  out->expired = out->until != NULL && strcmp(out->until, today) < 0;
  const char *base = strrchr(rd->c->path, '/');
  base = base ? base + 1 : rd->c->path;
  size_t n = strlen(out->reason) + strlen(base) + 64;
  char *why = own(rd->c, malloc(n));
  if (why == NULL)
    return fail(rd, e, "out of memory", "ignore");
  snprintf(why, n, "%s (%s:%u%s%s)", out->reason, base, out->line, out->until ? ", until " : "",
           out->until ? out->until : "");
  out->why = why;
  return 0;
}

static int set_ignore(reader *rd, const yaml_node_t *v, const char *today) {
  if (v->type != YAML_SEQUENCE_NODE)
    return fail(rd, v, "want a list of entries (id, reason, until)", "ignore");
  size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
  pv_config *c = rd->c;
  c->ignore = own(c, calloc(n + 1, sizeof *c->ignore));
  if (c->ignore == NULL)
    return fail(rd, v, "out of memory", "ignore");
  for (size_t i = 0; i < n; i++) {
    const yaml_node_t *e = yaml_document_get_node(rd->doc, v->data.sequence.items.start[i]);
    if (ignore_entry(rd, e, today, &c->ignore[i]) != 0)
      return -1;
  }
  c->n_ignore = n;
  return 0;
}

/* One scalar value of kind k into the field at slot. */
static int set_scalar(reader *rd, const char *key, kind k, const yaml_node_t *v, void *slot) {
  const char *s = scalar(v);
  if (s == NULL || *s == '\0')
    return fail(rd, v, "want a value", key);
  if (k == K_LEVEL || k == K_FAIL_LEVEL) {
    int lv = pv_severity_parse(s);
    if (lv < 0 || (k == K_LEVEL && lv == PV_SEV_NONE))
      return fail(rd, v, "want critical, high, medium, low or info (fail-on: or none)", key);
    *(int *)slot = lv;
  } else if (k == K_BOOL) {
    if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
      return fail(rd, v, "want true or false", key);
    *(int *)slot = strcmp(s, "true") == 0;
  } else if (k == K_DAYS) {
    char *end;
    long d = strtol(s, &end, 10);
    if (*end != '\0' || d < 0 || d > 100000)
      return fail(rd, v, "want a number of days (0: never warn)", key);
    *(long *)slot = d;
  } else {
    const char *val = k == K_PATH ? path_from(rd, s) : s;
    if (val == NULL)
      return fail(rd, v, "out of memory", key);
    *(const char **)slot = val;
  }
  return 0;
}

static int set_key(reader *rd, const yaml_node_t *k, const yaml_node_t *v, const char *today) {
  const char *key = scalar(k);
  for (size_t i = 0; key && i < sizeof keys / sizeof keys[0]; i++) {
    if (strcmp(key, keys[i].key) != 0)
      continue;
    void *slot = (char *)rd->c + keys[i].off;
    if (keys[i].k == K_IGNORE)
      return set_ignore(rd, v, today);
    if (keys[i].k == K_LIST || keys[i].k == K_PATHS)
      return v->type == YAML_MAPPING_NODE ? fail(rd, v, "want a string or a list of strings", key)
                                          : set_list(rd, key, v, keys[i].k == K_PATHS, slot);
    return set_scalar(rd, key, keys[i].k, v, slot);
  }
  return fail(rd, k, "unknown key (see docs/cli.md, \"Project file\")", key ? key : "?");
}

static int read_doc(reader *rd, const char *today) {
  const yaml_node_t *root = yaml_document_get_root_node(rd->doc);
  if (root == NULL)
    return 0; /* an empty file: no defaults */
  if (root->type != YAML_MAPPING_NODE)
    return fail(rd, root, "the file is a mapping of keys", NULL);
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
       p++) {
    if (set_key(rd, yaml_document_get_node(rd->doc, p->key),
                yaml_document_get_node(rd->doc, p->value), today) != 0)
      return -1;
  }
  return 0;
}

/* Walk the file's events first: libyaml's loader takes time quadratic in
 * the nesting, so a file nested deeper than max (lim->yaml_depth) is
 * refused before it is loaded. 0, or -1 with err set. */
static int check_depth(const char *path, const unsigned char *data, size_t len, uint32_t max,
                       char *err, size_t errsz) {
  yaml_parser_t p;
  yaml_event_t ev;
  uint32_t depth = 0;
  int rc = 1;
  if (!yaml_parser_initialize(&p)) {
    snprintf(err, errsz, "%s: out of memory", path);
    return -1;
  }
  yaml_parser_set_input_string(&p, data, len);
  while (rc == 1 && yaml_parser_parse(&p, &ev)) {
    if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
      depth++;
    if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
      depth--;
    if (depth > max) {
      snprintf(err, errsz, "%s:%lu: nested deeper than %u levels", path,
               (unsigned long)ev.start_mark.line + 1, (unsigned)max);
      rc = -1;
    } else if (ev.type == YAML_STREAM_END_EVENT) {
      rc = 0;
    }
    yaml_event_delete(&ev);
  }
  if (rc == 1)
    snprintf(err, errsz, "%s:%lu: not valid YAML: %s", path, (unsigned long)p.problem_mark.line + 1,
             p.problem ? p.problem : "parse error");
  yaml_parser_delete(&p);
  return rc == 0 ? 0 : -1;
}

/* The file's bytes (at most max), malloc'd; NULL with err set. */
static unsigned char *slurp(pv_config *c, uint64_t max, size_t *len, char *err, size_t errsz) {
  FILE *f = fopen(c->path, "rb");
  struct stat st;
  unsigned char *buf = NULL;
  if (f == NULL || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
    snprintf(err, errsz, "%s: cannot read the project file", c->path);
  else if ((uint64_t)st.st_size > max)
    snprintf(err, errsz, "%s: larger than %llu bytes", c->path, (unsigned long long)max);
  else if ((buf = malloc((size_t)st.st_size + 1)) != NULL)
    *len = fread(buf, 1, (size_t)st.st_size, f);
  else
    snprintf(err, errsz, "%s: out of memory", c->path);
  if (f != NULL)
    fclose(f);
  return buf;
}

int pv_config_load(pv_config *c, const char *path, const char *today, const pv_limits *lim,
                   char *err, size_t errsz) {
  *c = PV_CONFIG_NONE;
  c->path = own(c, strdup(path));
  char *dir = own(c, strdup(path));
  yaml_document_t *doc = calloc(1, sizeof *doc);
  yaml_parser_t p;
  if (c->path == NULL || dir == NULL || doc == NULL || !yaml_parser_initialize(&p)) {
    snprintf(err, errsz, "%s: out of memory", path);
    free(doc);
    return -1;
  }
  char *slash = strrchr(dir, '/');
  if (slash != NULL)
    slash[slash == dir] = '\0';
  else
    snprintf(dir, 2, ".");
  size_t len = 0;
  unsigned char *data = slurp(c, lim->rule_bytes, &len, err, errsz);
  int rc = -1;
  if (data != NULL && check_depth(path, data, len, lim->yaml_depth, err, errsz) == 0) {
    yaml_parser_set_input_string(&p, data, len);
    if (yaml_parser_load(&p, doc)) {
      c->doc = doc; /* the scalars point into it */
      reader rd = {.c = c, .doc = doc, .dir = dir, .err = err, .errsz = errsz};
      rc = read_doc(&rd, today);
    } else {
      snprintf(err, errsz, "%s:%lu: not valid YAML: %s", path,
               (unsigned long)p.problem_mark.line + 1, p.problem ? p.problem : "parse error");
    }
  }
  if (c->doc == NULL)
    free(doc);
  yaml_parser_delete(&p);
  free(data);
  return rc;
}

/* Does entry e name finding f (its rule, advisory group or advisory)? */
static int names(const pv_cfg_ignore *e, const pv_finding *f) {
  return strcmp(e->id, f->rule->id) == 0 || strcmp(e->id, pv_finding_rule_id(f)) == 0 ||
         (f->advisory != NULL && strcmp(e->id, f->advisory) == 0);
}

void pv_config_ignore(const pv_config *c, pv_result *r) {
  for (size_t k = 0; c != NULL && k < c->n_ignore; k++) {
    const pv_cfg_ignore *e = &c->ignore[k];
    size_t hits = 0;
    for (size_t i = 0; i < r->findings.len; i++) {
      pv_finding *f = pv_result_finding(r, i);
      if (f->suppressed || !names(e, f))
        continue;
      hits++;
      if (!e->expired) {
        f->suppressed = 1;
        f->suppression = e->why;
      }
    }
    if (e->expired && hits > 0)
      pv_result_note(r, PV_NOTE_WARNING, "ignore-expired", NULL,
                     "%s:%u: the ignore entry for %s expired after %s; its %zu finding%s count%s "
                     "again",
                     c->path, e->line, e->id, e->until, hits, hits == 1 ? "" : "s",
                     hits == 1 ? "s" : "");
  }
}

void pv_config_free(pv_config *c) {
  if (c->doc != NULL) {
    yaml_document_delete(c->doc);
    free(c->doc);
  }
  for (size_t i = 0; i < c->n_owned; i++)
    free(c->owned[i]);
  free(c->owned);
  *c = PV_CONFIG_NONE;
}
