/* remedy.c — see remedy.h. The commands follow each package manager's
 * documentation (docs/cli.md, "Remediation", names the pages). */
#include "remedy.h"

#include <string.h>

#include "semver.h"

/* 1 when range admits version, 0 when not, -1 when range is not SemVer. */
static int admits(const char *range, const char *version) {
  pv_error err = {0};
  int hit = 0;
  if (range == NULL || version == NULL ||
      pv_semver_satisfies(range, version, 0, &hit, &err) != PV_OK)
    return -1;
  return hit;
}

/* "--filter ./packages/a " for a pnpm workspace package, else "". */
static const char *pnpm_filter(pv_arena *a, const pv_remedy *m) {
  if (m->importer == NULL || strcmp(m->importer, ".") == 0)
    return "";
  return pv_arena_printf(a, "--filter ./%s ", m->importer);
}

/* fmt with two strings, or NULL when either is NULL (out of memory before). */
static const char *join2(pv_arena *a, const char *fmt, const char *x, const char *y) {
  return x == NULL || y == NULL ? NULL : pv_arena_printf(a, fmt, x, y);
}

/* The command that updates NAME within the declared ranges. */
static const char *update_cmd(pv_arena *a, const pv_component *c, const pv_remedy *m) {
  switch (m->pm) {
    case PV_PM_PNPM:
      if (m->importers > 1 || (!m->direct && c->workspace))
        return pv_arena_printf(a, "pnpm update -r %s", c->name);
      return join2(a, "pnpm %supdate %s", pnpm_filter(a, m), c->name);
    case PV_PM_YARN: /* a direct one (a transitive one: relock) */
      return pv_arena_printf(a, "yarn upgrade %s", c->name);
    case PV_PM_BERRY:
      return pv_arena_printf(a, "yarn up -R %s", c->name);
    case PV_PM_BUN: /* a direct one (a transitive one: relock) */
      return pv_arena_printf(a, "bun update %s", c->name);
    default:
      return pv_arena_printf(a, "npm update %s", c->name);
  }
}

/* The command that changes a direct dependency's range to ^fixed. */
static const char *add_cmd(pv_arena *a, const pv_component *c, const pv_remedy *m) {
  int root = m->importer == NULL || strcmp(m->importer, ".") == 0;
  const char *tool = "npm install";
  if (m->pm == PV_PM_YARN || m->pm == PV_PM_BERRY)
    tool = "yarn add";
  else if (m->pm == PV_PM_BUN)
    tool = "bun add";
  else if (m->pm == PV_PM_PNPM && root && c->workspace)
    tool = "pnpm add -w";
  else if (m->pm == PV_PM_PNPM)
    tool = join2(a, "pnpm %s%s", pnpm_filter(a, m), "add");
  const char *nv = pv_arena_printf(a, "%s@^%s", c->name, m->fixed);
  return join2(a, "%s %s", tool, nv);
}

/* Where the project overrides a transitive dependency's version. */
static const char *override_how(pv_arena *a, const pv_component *c, const pv_remedy *m) {
  const char *n = c->name, *v = m->fixed;
  switch (m->pm) {
    case PV_PM_PNPM:
      return pv_arena_printf(a,
                             "`%s: ^%s` under `overrides:` in pnpm-workspace.yaml (pnpm 10 and "
                             "later) or `\"pnpm\": {\"overrides\": {\"%s\": \"^%s\"}}` in "
                             "package.json (pnpm 9)",
                             n, v, n, v);
    case PV_PM_YARN:
    case PV_PM_BERRY:
      return pv_arena_printf(a, "`\"resolutions\": {\"%s\": \"^%s\"}` in package.json", n, v);
    default: /* npm, and bun, which reads npm's "overrides" (and yarn's "resolutions") */
      return pv_arena_printf(a, "`\"overrides\": {\"%s\": \"^%s\"}` in package.json", n, v);
  }
}

/* The fix of a range that does not admit the fixed version. */
static const char *change_advice(pv_arena *a, const pv_component *c, const pv_remedy *m) {
  if (m->spec != NULL && strncmp(m->spec, "catalog:", 8) == 0)
    return pv_arena_printf(a, "change its entry to `%s: ^%s` under %s%s%s in pnpm-workspace.yaml",
                           c->name, m->fixed, m->spec[8] ? "`catalogs:` `" : "`catalog:`",
                           m->spec + 8, m->spec[8] ? ":`" : "");
  const char *cmd = m->direct ? add_cmd(a, c, m) : NULL;
  if (m->direct)
    return cmd ? pv_arena_printf(a, "change the range (`%s`)", cmd) : NULL;
  const char *o = override_how(a, c, m);
  return o == NULL ? NULL
                   : pv_arena_printf(a, "upgrade %s to a version that does, or override %s: %s",
                                     m->dependent, c->name, o);
}

/* "declares "R"" or, for a catalog: specifier, "declares "catalog:" (the
 * catalog's range "R")". */
static const char *declares(pv_arena *a, const pv_remedy *m) {
  if (m->spec != NULL)
    return pv_arena_printf(a, "%s declares \"%s\" (the catalog's range \"%s\")", m->dependent,
                           m->spec, m->range);
  return pv_arena_printf(a, "%s declares \"%s\"", m->dependent, m->range);
}

/* A transitive dependency in range that yarn 1 and bun do not update by
 * name (checked with yarn 1.22.22 and bun 1.2.23: `yarn upgrade NAME`
 * leaves it, `bun update NAME` makes it a direct dependency at its latest
 * version): resolve its lockfile entry afresh. */
static const char *relock(pv_arena *a, const pv_component *c, const pv_remedy *m, const char *d) {
  int yarn = m->pm == PV_PM_YARN;
  return pv_arena_printf(
      a,
      "%s, which admits it: removing its entry from %s and running `%s "
      "install` suffices (`%s %s` %s)",
      d, yarn ? "yarn.lock" : "bun.lock", yarn ? "yarn" : "bun",
      yarn ? "yarn upgrade" : "bun update", c->name,
      yarn ? "leaves a transitive dependency as it is" : "would make it a direct dependency");
}

/* What to do about the range the dependent declares. */
static const char *range_advice(pv_arena *a, const pv_component *c, const pv_remedy *m) {
  if (m->dependent == NULL)
    return pv_arena_printf(a, "nothing in the inventory depends on it");
  if (m->range == NULL && m->spec != NULL)
    return pv_arena_printf(a,
                           "%s declares \"%s\", a catalog the lockfile does not record: the "
                           "range is not known",
                           m->dependent, m->spec);
  if (m->range == NULL)
    return pv_arena_printf(a, "the range %s declares for it is not known", m->dependent);
  const char *d = declares(a, m);
  if (d == NULL)
    return NULL;
  if (m->admits == 1 && !m->direct && (m->pm == PV_PM_YARN || m->pm == PV_PM_BUN))
    return relock(a, c, m, d);
  if (m->admits == 1)
    return join2(a, "%s, which admits it: `%s` suffices", d, update_cmd(a, c, m));
  if (m->admits < 0)
    return pv_arena_printf(a, "%s, not a SemVer range", d);
  return join2(a, "%s, which does not admit it: %s", d, change_advice(a, c, m));
}

/* " of importers packages/a, packages/b" in a pnpm workspace (the first
 * IMPORTERS_SHOWN, then "and N more"), else "". */
#define IMPORTERS_SHOWN 8
static const char *importers_of(pv_arena *a, const pv_component *c, const pv_remedy *m) {
  if (!m->direct || !c->workspace || c->importers == NULL)
    return "";
  pv_buf b;
  pv_buf_init(&b, 64 * 1024);
  pv_buf_cats(&b, m->importers > 1 ? " of importers " : " of importer ");
  int k = 0;
  for (const pv_importer_dep *d = c->importers; d != NULL; d = d->next, k++)
    if (k < IMPORTERS_SHOWN)
      pv_buf_catf(&b, "%s%s", k ? ", " : "", d->importer);
  if (k > IMPORTERS_SHOWN)
    pv_buf_catf(&b, " and %d more", k - IMPORTERS_SHOWN);
  const char *s = NULL;
  if (pv_buf_status(&b) == PV_OK)
    s = pv_arena_strndup(a, (const char *)b.data, b.len);
  pv_buf_free(&b);
  return s;
}

static const char *remedy_text(pv_arena *a, const pv_component *c, const pv_remedy *m) {
  const char *how =
      m->fixed ? range_advice(a, c, m) : "no version outside every advisory affecting it is known";
  const char *of = importers_of(a, c, m);
  if (how == NULL || of == NULL)
    return NULL;
  return pv_arena_printf(
      a, "Fix: %s%s%s; %s. %s dependency%s, path: %s.", m->fixed ? "upgrade to " : "",
      m->fixed ? m->fixed : "none",
      m->fixed ? " (the lowest version outside every advisory affecting it)" : "", how,
      m->direct ? "Direct" : "Transitive", of, m->path);
}

/* A direct dependency that pnpm importers declare: the first whose range
 * does not admit the fix (the one to act on), else the first. */
static void from_importers(pv_arena *a, const pv_inventory *inv, const pv_component *c,
                           pv_remedy *m) {
  const pv_importer_dep *pick = c->importers;
  for (const pv_importer_dep *d = c->importers; d != NULL; d = d->next) {
    m->importers++;
    if (admits(d->range, m->fixed) == 0 && admits(pick->range, m->fixed) != 0)
      pick = d;
  }
  const pv_component *root = inv->has_root ? pv_inv_component(inv, 0) : NULL;
  m->importer = pick->importer;
  m->range = pick->range;
  m->spec = strncmp(pick->spec, "catalog:", 8) == 0 ? pick->spec : NULL;
  if (strcmp(pick->importer, ".") == 0 && root != NULL)
    m->dependent =
        pv_arena_printf(a, "%s@%s", root->name[0] ? root->name : "(root)", root->version);
  else
    m->dependent = pv_arena_printf(a, "importer %s", pick->importer);
}

const pv_remedy *pv_remedy_of(const pv_inventory *inv, size_t ci, const size_t *parent,
                              const char *fix) {
  pv_arena *a = inv->r->arena;
  const pv_component *c = pv_inv_component(inv, ci);
  pv_remedy *m = pv_arena_alloc(a, sizeof *m);
  if (m == NULL)
    return NULL;
  memset(m, 0, sizeof *m);
  m->fixed = fix ? pv_arena_strdup(a, fix) : NULL;
  size_t from = parent[ci];
  m->direct = from == PV_INV_NONE ? !inv->has_root : from == 0 && inv->has_root;
  m->path = pv_inv_chain(a, inv, parent, ci);
  m->pm = c->pm;
  if (m->direct && c->importers != NULL) {
    from_importers(a, inv, c, m);
  } else if (from != PV_INV_NONE) {
    const pv_component *d = pv_inv_component(inv, from);
    m->dependent = pv_arena_printf(a, "%s@%s", d->name[0] ? d->name : "(root)", d->version);
    m->range = pv_inv_declared(a, inv, from, ci);
  }
  m->admits = admits(m->range, m->fixed);
  int named = (m->direct && c->importers != NULL) || from != PV_INV_NONE;
  if ((fix && m->fixed == NULL) || m->path == NULL || (named && m->dependent == NULL))
    return NULL;
  m->text = remedy_text(a, c, m);
  return m->text ? m : NULL;
}
