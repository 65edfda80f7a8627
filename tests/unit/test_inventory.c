/* test_inventory.c — the dependency inventory on osv-scalibr's lockfile
 * suite (tests/data/lockfiles) and on our own fixtures in
 * tests/data/inventory/. Each case renders the
 * inventory as text (one line per component, then notes and findings) and
 * compares it with tests/data/inventory/<case>.txt, written by hand-checking
 * the lockfiles. PV_REGEN=1 rewrites the expected files (then review them).
 * Run from the repository root, as `make test` does. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sbom/inventory.h"
#include "../../sbom/readers.h"
#include "../../scanner/intake/intake.h"
#include "tap.h"

static const char *lockfile_dir = "tests/data/lockfiles";
static const char *expect_dir = "tests/data/inventory";

static unsigned char *slurp(const char *path, size_t *n) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL)
    return NULL;
  pv_buf b;
  pv_buf_init(&b, 64 * PV_MiB);
  char tmp[8192];
  size_t got;
  while ((got = fread(tmp, 1, sizeof tmp, fp)) > 0)
    pv_buf_cat(&b, tmp, got);
  fclose(fp);
  if (b.data == NULL)
    pv_buf_cat(&b, "", 0);
  if (pv_buf_status(&b) != PV_OK)
    pv_buf_free(&b);
  return pv_buf_take(&b, n);
}

/* Put the bytes of src into r's vfs as vpath (the way intake stores a file). */
static int add_file(pv_result *r, const char *src, const char *vpath) {
  size_t n = 0;
  unsigned char *d = slurp(src, &n);
  if (d == NULL)
    return -1;
  pv_file f = {.path = pv_arena_strdup(r->arena, vpath), .kind = PV_ENTRY_FILE, .size = n};
  f.data = (const unsigned char *)pv_arena_strndup(r->arena, (const char *)d, n);
  free(d);
  return pv_result_add_file(r, &f) ? 0 : -1;
}

static const char *scope_name(pv_scope s) {
  return s == PV_SCOPE_DEV ? "dev" : s == PV_SCOPE_OPTIONAL ? "optional" : "required";
}

static void render_flags(pv_buf *b, unsigned fl) {
  static const char *const names[] = {"root",           "shipped", "bundled",
                                      "install-script", "local",   "peer"};
  int any = 0;
  for (int i = 0; i < 6; i++)
    if (fl & (1u << i))
      pv_buf_catf(b, "%s%s", any++ ? "," : "", names[i]);
  if (!any)
    pv_buf_cats(b, "-");
}

/* The golden text of an inventory: components, then (with notes) notes and
 * findings. */
static char *render_what(const pv_inventory *inv, int notes) {
  pv_buf b;
  pv_buf_init(&b, 64 * PV_MiB);
  for (size_t i = 0; i < inv->components.len; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    pv_buf_catf(&b, "%s@%s %s ", c->name, c->version, scope_name(c->scope));
    render_flags(&b, c->flags);
    for (size_t k = 0; k < c->seen.len; k++) {
      const pv_seen *s = PV_VEC_AT(c->seen, pv_seen, k);
      pv_buf_catf(&b, "%s%s:%u", k ? "," : " ", s->path, (unsigned)s->line);
    }
    if (c->alias)
      pv_buf_catf(&b, " alias=%s", c->alias);
    if (c->declared)
      pv_buf_catf(&b, " declared=%s", c->declared);
    if (c->license)
      pv_buf_catf(&b, " license=%s", c->license);
    if (c->repository)
      pv_buf_catf(&b, " repo=%s", c->repository);
    for (const pv_importer_dep *d = c->importers; d != NULL; d = d->next)
      pv_buf_catf(&b, " importer=%s:%s%s%s", d->importer, d->spec,
                  d->range && strcmp(d->range, d->spec) == 0 ? "" : "=",
                  d->range && strcmp(d->range, d->spec) == 0 ? ""
                  : d->range                                 ? d->range
                                                             : "?");
    if (c->deps.len)
      pv_buf_cats(&b, " ->");
    for (size_t k = 0; k < c->deps.len; k++) {
      const pv_component *d = pv_inv_component(inv, *PV_VEC_AT(c->deps, size_t, k));
      pv_buf_catf(&b, " %s@%s", d->name, d->version);
    }
    pv_buf_cats(&b, "\n");
  }
  const pv_result *r = inv->r;
  for (size_t i = 0; notes && i < r->notes.len; i++) {
    const pv_note *n = pv_result_note_at(r, i);
    pv_buf_catf(&b, "note: %s %s\n", n->id, n->message);
  }
  for (size_t i = 0; notes && i < r->findings.len; i++) {
    const pv_finding *f = pv_result_finding(r, i);
    pv_buf_catf(&b, "finding: %s %s:%u\n", f->rule->id, f->path, (unsigned)f->start.line);
  }
  if (b.data == NULL)
    pv_buf_cat(&b, "", 0);
  if (pv_buf_status(&b) != PV_OK)
    pv_buf_free(&b);
  return (char *)pv_buf_take(&b, &(size_t){0});
}

static char *render(const pv_inventory *inv) {
  return render_what(inv, 1);
}

static void compare(const char *casename, pv_result *r) {
  pv_limits lim = pv_limits_default();
  pv_inventory *inv = pv_inv_build(r, &lim);
  if (!ok(inv != NULL, "%s: inventory built", casename))
    return;
  char *got = render(inv);
  char path[1024];
  snprintf(path, sizeof path, "%s/%s.txt", expect_dir, casename);
  if (getenv("PV_REGEN") != NULL) {
    FILE *fp = fopen(path, "w");
    if (fp) {
      fputs(got, fp);
      fclose(fp);
    }
  }
  size_t n = 0;
  char *want = (char *)slurp(path, &n);
  is_str(got, want ? want : "(missing expected file)", "%s", casename);
  free(want);
  free(got);
  pv_inv_delete(inv);
}

/* Which vfs name an osv-scalibr fixture plays. */
static const char *vfs_name(const char *group, const char *file) {
  if (strcmp(group, "packagelockjson") == 0)
    return strstr(file, "shrinkwrap") ? "npm-shrinkwrap.json" : "package-lock.json";
  if (strcmp(group, "pnpmlock") == 0)
    return "pnpm-lock.yaml";
  if (strcmp(group, "yarnlock") == 0)
    return "yarn.lock";
  if (strcmp(group, "bunlock") == 0)
    return "bun.lock";
  return "package.json";
}

/* Add every regular file under dir (recursively) with vfs names under vdir. */
static void add_tree(pv_result *r, const char *dir, const char *vdir, int deps_as_nm) {
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char src[1024], vp[1024];
    snprintf(src, sizeof src, "%s/%s", dir, e->d_name);
    const char *seg = deps_as_nm && strcmp(e->d_name, "deps") == 0 ? "node_modules" : e->d_name;
    snprintf(vp, sizeof vp, "%s%s%s", vdir, vdir[0] ? "/" : "", seg);
    if (e->d_type == DT_DIR)
      add_tree(r, src, vp, deps_as_nm);
    else
      add_file(r, src, vp);
  }
  if (d)
    closedir(d);
}

static int is_dir(const char *p) {
  DIR *d = opendir(p);
  if (d != NULL)
    closedir(d);
  return d != NULL;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in dir (strdup'd, at most max); 0 (and a failed test)
 * when it cannot be opened. */
static size_t list_dir(const char *dir, char **names, size_t max) {
  DIR *d = opendir(dir);
  if (!ok(d != NULL, "open %s", dir))
    return 0;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < max)
    if (e->d_name[0] != '.')
      names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof *names, cmp_str);
  return n;
}

/* Every file (and subfolder) of one osv-scalibr testdata folder is one case. */
static void scalibr_group(const char *group) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/%s/testdata", lockfile_dir, group);
  char *names[256];
  size_t n = list_dir(dir, names, 256);
  for (size_t i = 0; i < n; i++) {
    char src[1100], casename[512];
    snprintf(src, sizeof src, "%s/%s", dir, names[i]);
    snprintf(casename, sizeof casename, "%s-%s", group, names[i]);
    pv_result *r = pv_result_new(src);
    pv_limits lim = pv_limits_default();
    if (strcmp(group, "vsix") == 0)
      pv_intake_read(r, &lim, 0);
    else if (is_dir(src))
      add_tree(r, src, strcmp(names[i], "deps") == 0 ? "node_modules" : "", 1);
    else
      add_file(r, src, vfs_name(group, names[i]));
    compare(casename, r);
    pv_result_delete(r);
    free(names[i]);
  }
}

/* Our own fixtures: tests/data/inventory/cases/<name>/ is one input dir. */
static void own_cases(void) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s/cases", expect_dir);
  char *names[256];
  size_t n = list_dir(dir, names, 256);
  for (size_t i = 0; i < n; i++) {
    char src[1100], casename[512];
    snprintf(src, sizeof src, "%s/%s", dir, names[i]);
    snprintf(casename, sizeof casename, "own-%s", names[i]);
    pv_result *r = pv_result_new(src);
    add_tree(r, src, "", 0);
    compare(casename, r);
    pv_result_delete(r);
    free(names[i]);
  }
}

/* A result whose vfs holds one in-memory file. */
static pv_result *mem_result(const char *vpath, const char *text, size_t n) {
  pv_result *r = pv_result_new("mem");
  pv_file f = {.path = pv_arena_strdup(r->arena, vpath), .kind = PV_ENTRY_FILE, .size = n};
  f.data = (const unsigned char *)pv_arena_strndup(r->arena, text, n);
  pv_result_add_file(r, &f);
  return r;
}

static int has_note(const pv_result *r, const char *sub) {
  for (size_t i = 0; i < r->notes.len; i++)
    if (strstr(pv_result_note_at(r, i)->message, sub))
      return 1;
  return 0;
}

/* Hostile inputs: caps and nesting give notes, never crashes. */
static void test_limits(void) {
  pv_limits lim = pv_limits_default();
  pv_buf b;
  pv_buf_init(&b, 64 * PV_MiB);
  pv_buf_cats(&b, "{\"lockfileVersion\":3,\"packages\":{");
  for (int i = 0; i < 50; i++)
    pv_buf_catf(&b, "%s\"node_modules/p%d\":{\"version\":\"1.0.%d\"}", i ? "," : "", i, i);
  pv_buf_cats(&b, "}}");
  pv_result *r = mem_result("package-lock.json", (const char *)b.data, b.len);
  lim.components = 10;
  pv_inventory *inv = pv_inv_build(r, &lim);
  is_int((long long)inv->components.len, 10, "component cap: 10 of 50 kept");
  ok(has_note(r, "more than 10 dependency entries"), "component cap noted");
  pv_inv_delete(inv);
  pv_result_delete(r);
  lim.components = 100;
  r = mem_result("package-lock.json", (const char *)b.data, b.len);
  inv = pv_inv_build(r, &lim);
  is_int((long long)inv->components.len, 50, "under the cap: all 50 kept");
  ok(!has_note(r, "more than"), "under the cap: no note");
  pv_inv_delete(inv);
  pv_result_delete(r);
  pv_buf_free(&b);

  lim = pv_limits_default();
  pv_buf_init(&b, 64 * PV_MiB);
  for (int i = 0; i < 100000; i++)
    pv_buf_cats(&b, "[");
  r = mem_result("package-lock.json", (const char *)b.data, b.len);
  inv = pv_inv_build(r, &lim);
  ok(inv != NULL, "deep JSON: no crash, an inventory");
  ok(has_note(r, "nesting too deep"), "deep JSON: noted");
  pv_inv_delete(inv);
  pv_result_delete(r);
  r = mem_result("pnpm-lock.yaml", (const char *)b.data, b.len);
  inv = pv_inv_build(r, &lim);
  ok(inv != NULL, "deep YAML: no crash, an inventory");
  ok(has_note(r, "YAML nested too deep"), "deep YAML: noted");
  pv_inv_delete(inv);
  pv_result_delete(r);
  pv_buf_free(&b);
  static const char *const cut[] = {"{\"packages\":{\"node_modules/a\":{\"version\":\"1",
                                    "{\"a\":\"\\u12",
                                    "\"",
                                    "{",
                                    "[1,2",
                                    "nul"};
  for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
    r = mem_result("package-lock.json", cut[i], strlen(cut[i]));
    inv = pv_inv_build(r, &lim);
    ok(inv != NULL, "truncated JSON %zu: an inventory", i);
    ok(has_note(r, "package-lock.json:1:"), "truncated JSON %zu noted at line 1", i);
    pv_inv_delete(inv);
    pv_result_delete(r);
  }
}

/* Build r's inventory with every string the readers copy going to an arena
 * of at most cap bytes (0: no cap); the components rendered, or NULL when
 * the build failed. The notes and findings of the build are dropped. */
static char *build_capped(pv_result *r, const pv_limits *lim, size_t cap, size_t *used) {
  pv_arena *files = r->arena; /* the vfs's paths and bytes stay there */
  size_t notes = r->notes.len, findings = r->findings.len, dropped = r->findings_dropped;
  r->arena = pv_arena_new(cap);
  pv_inventory *inv = pv_inv_build(r, lim);
  char *got = inv ? render_what(inv, 0) : NULL;
  if (used)
    *used = pv_arena_used(r->arena);
  pv_inv_delete(inv);
  pv_arena_delete(r->arena);
  r->arena = files;
  r->notes.len = notes;
  r->findings.len = findings;
  r->findings_dropped = dropped;
  return got;
}

/* The first partial inventory of a sweep, as a TAP comment. */
static void diag_partial(const char *casename, size_t cap, const char *got, const char *full) {
  printf("# %s: partial inventory with an arena of %zu bytes:\n# got:\n%s# want:\n%s", casename,
         cap, got, full);
}

/* Out of memory anywhere in the readers (here: the result's arena running
 * out at every possible point) ends the build: pv_inv_build gives NULL or
 * the whole inventory, never a silently partial one. */
static void oom_sweep(const char *casename, pv_result *r, const pv_limits *lim) {
  size_t need = 0;
  char *full = build_capped(r, lim, 0, &need);
  if (!ok(full != NULL && need > 0, "%s: built without a cap", casename))
    return;
  size_t nulls = 0, partial = 0, whole = 0;
  for (size_t cap = 16; cap <= need; cap += 16) {
    char *got = build_capped(r, lim, cap, NULL);
    if (got == NULL)
      nulls++;
    else if (strcmp(got, full) == 0)
      whole++;
    else if (partial++ == 0)
      diag_partial(casename, cap, got, full);
    free(got);
  }
  ok(nulls > 0, "%s: out of memory is PV_FATAL: no inventory (%zu caps)", casename, nulls);
  ok(partial == 0, "%s: never a partial inventory (%zu caps gave one)", casename, partial);
  ok(whole > 0, "%s: enough memory: the whole inventory (negative twin)", casename);
  free(full);
}

static void test_oom(void) {
  static const char *const cases[] = {"mismatch",   "nm-tree",  "pnpm9-dev", "workspaces",
                                      "yarn-berry", "yarn-dev", "malformed"};
  pv_limits lim = pv_limits_default();
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s/cases/%s", expect_dir, cases[i]);
    pv_result *r = pv_result_new(dir);
    add_tree(r, dir, "", 0);
    oom_sweep(cases[i], r, &lim);
    pv_result_delete(r);
  }
  static const char *const scalibr_files[][2] = {
      {"yarnlock/testdata/with-aliases.v1.lock", "yarn.lock"},
      {"yarnlock/testdata/with-aliases.v2.lock", "yarn.lock"},
      {"packagelockjson/testdata/alias.v1.json", "package-lock.json"},
      {"packagelockjson/testdata/bundled-dependencies.v3.json", "package-lock.json"},
      {"bunlock/testdata/scoped-packages-mixed.json5", "bun.lock"},
      {"pnpmlock/testdata/mixed-groups.v53.yaml", "pnpm-lock.yaml"},
      {"pnpmlock/testdata/mixed-groups.v6.yaml", "pnpm-lock.yaml"},
      {"pnpmlock/testdata/commits.v9.yaml", "pnpm-lock.yaml"}};
  for (size_t i = 0; i < sizeof scalibr_files / sizeof scalibr_files[0]; i++) {
    char src[1024];
    snprintf(src, sizeof src, "%s/%s", lockfile_dir, scalibr_files[i][0]);
    pv_result *r = pv_result_new(src);
    if (add_file(r, src, scalibr_files[i][1]) == 0)
      oom_sweep(scalibr_files[i][0], r, &lim);
    else
      ok(0, "read %s", src);
    pv_result_delete(r);
  }
}

/* Yarn berry's checksum hashes Yarn's cache zip: never an npm integrity. */
static void test_berry_checksum(void) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s/cases/yarn-berry", expect_dir);
  pv_result *r = pv_result_new(dir);
  add_tree(r, dir, "", 0);
  pv_limits lim = pv_limits_default();
  pv_inventory *inv = pv_inv_build(r, &lim);
  int any = 0;
  for (size_t i = 0; inv && i < inv->components.len; i++)
    any |= pv_inv_component(inv, i)->integrity != NULL;
  if (ok(inv != NULL, "berry: an inventory"))
    is_int(inv->components.len, 6, "berry: 6 components");
  ok(!any, "berry: no checksum as integrity");
  pv_inv_delete(inv);
  pv_result_delete(r);
  /* twin: an npm lockfile's integrity is kept */
  snprintf(dir, sizeof dir, "%s/cases/nomismatch", expect_dir);
  r = pv_result_new(dir);
  add_tree(r, dir, "", 0);
  inv = pv_inv_build(r, &lim);
  const pv_component *a = inv ? pv_inv_component(inv, 2) : NULL;
  is_str(a ? a->integrity : NULL, "sha512-aaaa", "npm: integrity kept");
  ok(a && a->pm == PV_PM_NPM && a->importers == NULL && !a->workspace,
     "npm: the package manager, no importers (twin of pnpm's importers)");
  pv_inv_delete(inv);
  pv_result_delete(r);
}

/* The component name@version of inv, or NULL. */
static const pv_component *find(const pv_inventory *inv, const char *name, const char *version) {
  for (size_t i = 0; inv && i < inv->components.len; i++) {
    const pv_component *c = pv_inv_component(inv, i);
    if (strcmp(c->name, name) == 0 && strcmp(c->version, version) == 0)
      return c;
  }
  return NULL;
}

/* "importer spec range; ..." of c's pnpm importers ("-" for a NULL range). */
static const char *importers_text(const pv_component *c, char *buf, size_t n) {
  size_t w = 0;
  buf[0] = '\0';
  for (const pv_importer_dep *d = c ? c->importers : NULL; d != NULL && w < n; d = d->next) {
    int k = snprintf(buf + w, n - w, "%s%s %s %s", w ? "; " : "", d->importer, d->spec,
                     d->range ? d->range : "-");
    w += k > 0 ? (size_t)k : 0;
  }
  return buf;
}

/* A real pnpm 9.15.9 workspace (tests/data/lockfiles/pnpm-workspace):
 * each importer's specifier, catalog: ones resolved, for the remedy (the
 * npm twin is in test_berry_checksum). */
static void test_pnpm_importers(void) {
  char dir[512], buf[512];
  snprintf(dir, sizeof dir, "%s/pnpm-workspace", lockfile_dir);
  pv_result *r = pv_result_new(dir);
  add_tree(r, dir, "", 0);
  pv_limits lim = pv_limits_default();
  pv_inventory *inv = pv_inv_build(r, &lim);
  const pv_component *lo = find(inv, "lodash", "4.17.0"), *mi = find(inv, "minimist", "1.2.0");
  is_str(importers_text(lo, buf, sizeof buf), "packages/a ^4.17.0 ^4.17.0", "pnpm: a specifier");
  is_str(importers_text(mi, buf, sizeof buf), "packages/a 1.2.0 1.2.0; packages/b catalog: ~1.2.0",
         "pnpm: two importers, the default catalog's range");
  is_str(importers_text(find(inv, "lodash", "4.17.4"), buf, sizeof buf),
         "packages/b catalog:legacy 4.17.4", "pnpm: a named catalog's range");
  is_str(importers_text(find(inv, "qs", "6.7.0"), buf, sizeof buf), ". 6.7.0 6.7.0",
         "pnpm: the root importer");
  ok(lo && lo->pm == PV_PM_PNPM && lo->workspace, "pnpm: the package manager, a workspace");
  is_int(r->notes.len, 0, "pnpm: a well-formed importers section: no note");
  oom_sweep("pnpm-workspace", r, &lim);
  pv_inv_delete(inv);
  pv_result_delete(r);
}

/* pv_jn_get on an object of n members k0..k(n-1), k3 given twice (the
 * second value wins), with and without the sorted index (n > 16 or not). */
static void jn_lookup(size_t n) {
  pv_arena *a = pv_arena_new(0);
  pv_buf b;
  pv_buf_init(&b, PV_MiB);
  pv_buf_cats(&b, "{");
  for (size_t i = 0; i < n; i++)
    pv_buf_catf(&b, "\"k%zu\": \"v%zu\", ", i, i);
  pv_buf_cats(&b, "\"k3\": \"last\"}");
  pv_jnode *o = NULL;
  uint32_t line;
  const char *err;
  if (!ok(a && pv_jn_parse(a, b.data, b.len, 8, &o, &line, &err) == PV_OK, "jn: %zu members parsed",
          n))
    goto out;
  ok((o->order != NULL) == (n + 1 > 16), "jn: %zu members %s", n + 1,
     o->order ? "indexed" : "not indexed (twin)");
  int all = 1;
  char k[32], v[32];
  for (size_t i = 0; i < n; i++) {
    snprintf(k, sizeof k, "k%zu", i);
    snprintf(v, sizeof v, "v%zu", i);
    const char *got = pv_jn_str(o, k);
    all &= got != NULL && strcmp(got, i == 3 ? "last" : v) == 0;
  }
  ok(all, "jn: every key of %zu found, the duplicate's last value wins", n);
  ok(pv_jn_get(o, "k") == NULL && pv_jn_get(o, "k99999") == NULL && pv_jn_get(o, "") == NULL,
     "jn: keys not in the object of %zu: NULL", n);
out:
  pv_buf_free(&b);
  pv_arena_delete(a);
}

int main(void) {
  jn_lookup(8);
  jn_lookup(5000);
  size_t n = 0;
  const pv_rule_meta *const *rules = pv_inv_rules(&n);
  if (is_int(n, 1, "one builtin rule"))
    is_str(rules[0]->id, "pkg.lockfile-mismatch", "builtin rule listed");
  static const char *const groups[] = {"packagelockjson", "packagejson", "yarnlock",
                                       "pnpmlock",        "bunlock",     "vsix"};
  for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
    scalibr_group(groups[i]);
  own_cases();
  test_limits();
  test_berry_checksum();
  test_pnpm_importers();
  test_oom();
  return tap_done();
}
