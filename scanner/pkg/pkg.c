/* pkg.c — see pkg.h: the rules, the manifest's metadata, and the helpers
 * scripts.c shares (pkg_impl.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkg_impl.h"
#include "popular.h"

enum { PATH_BYTES = 1024 };

/* Every package check is malware-specific: install scripts in the risk
 * summary's "install" group, the rest in "metadata". */
#define RULE(grp_, id_, sev_, conf_, msg_, ...) \
  PV_BUILTIN_RULE_IN(grp_, id_, sev_, conf_, NULL, msg_, msg_, __VA_ARGS__)

static const pv_rule_meta rules[PR_COUNT] = {
    [PR_DOWNLOAD_EXEC] =
        RULE("install", "pkg.install-script.download-exec", PV_SEV_CRITICAL, "high",
             "An install script downloads code and runs it.", "CWE-494", "CWE-506"),
    [PR_EXFIL] = RULE("install", "pkg.install-script.exfiltration", PV_SEV_CRITICAL, "high",
                      "An install script sends host data (command output, user or host names, "
                      "secrets) over the network or DNS.",
                      "CWE-200", "CWE-506"),
    [PR_CREDENTIALS] = RULE("install", "pkg.install-script.credentials", PV_SEV_CRITICAL, "high",
                            "An install script reads SSH keys, registry or cloud credentials, or "
                            "account files.",
                            "CWE-522", "CWE-506"),
    [PR_EXEC_FILE] = RULE("install", "pkg.install-script.exec-file", PV_SEV_HIGH, "medium",
                          "An install script makes a shipped file executable and runs it, or "
                          "runs a shipped native executable.",
                          "CWE-506", "CWE-829"),
    [PR_BACKGROUND] = RULE("install", "pkg.install-script.background", PV_SEV_HIGH, "medium",
                           "An install script starts a process in the background (nohup, &, "
                           "setsid, disown) that outlives the install.",
                           "CWE-506"),
    [PR_TYPOSQUAT] = RULE("metadata", "pkg.typosquat", PV_SEV_HIGH, "medium",
                          "A package name imitates a popular npm package (one edit, a "
                          "transposition, a separator, scope, homoglyph or affix change).",
                          "CWE-1357", "CWE-506"),
    [PR_CONFUSION] = RULE("metadata", "pkg.dependency-confusion", PV_SEV_CRITICAL, "medium",
                          "An unscoped package with an absurd version (99.x, 999.9.9) and an "
                          "install hook: the shape of a dependency-confusion probe.",
                          "CWE-427", "CWE-506"),
    [PR_REMOTE_DEP] = RULE("metadata", "pkg.dependency-remote", PV_SEV_HIGH, "medium",
                           "A dependency is fetched from a URL or a git repository, outside "
                           "the registry's integrity and malware checks.",
                           "CWE-494", "CWE-829"),
    [PR_BIN] = RULE("metadata", "pkg.bin-shadows-command", PV_SEV_HIGH, "high",
                    "A bin entry installs a command named like a common system or toolchain "
                    "command (npm, node, git, ls...), which then runs in its place.",
                    "CWE-427"),
    [PR_REGISTRY] =
        RULE("metadata", "pkg.publish-registry", PV_SEV_HIGH, "medium",
             "publishConfig sends the package to a registry other than npm's.", "CWE-829"),
    [PR_MAIN_MISSING] = RULE("metadata", "pkg.entry-missing", PV_SEV_MEDIUM, "medium",
                             "main or exports names a file the package does not ship (high "
                             "when an install hook does the work instead).",
                             "CWE-506"),
    [PR_MANIFEST] = RULE("metadata", "pkg.manifest-confusion", PV_SEV_HIGH, "medium",
                         "The package.json disagrees with the lockfile or with the archive's "
                         "file name about the package's name or version.",
                         "CWE-436"),
    [PR_PAYLOAD] = RULE("install", "pkg.install-script.payload", PV_SEV_CRITICAL, "high",
                        "An install script plants a start-up entry (shell rc file, crontab, "
                        "authorized_keys), deletes the user's files, or starts a miner.",
                        "CWE-506", "CWE-912"),
};

static const pv_rule_meta *const rule_list[PR_COUNT] = {
    &rules[0], &rules[1], &rules[2], &rules[3],  &rules[4],  &rules[5],  &rules[6],
    &rules[7], &rules[8], &rules[9], &rules[10], &rules[11], &rules[12],
};

const pv_rule_meta *const *pv_pkg_rules(size_t *count) {
  *count = PR_COUNT;
  return rule_list;
}

/* ---- helpers ------------------------------------------------------------ */

/* The position of `"key"` (followed by ':') after `"section"` in the
 * manifest text; line 1 when not found. */
static pv_pos locate(const pv_file *f, const char *section, const char *key) {
  pv_pos p = {1, 1, 0};
  const char *d = (const char *)f->data;
  size_t n = f->size, from = 0;
  char q[300];
  for (int pass = section ? 0 : 1; pass < 2; pass++) {
    snprintf(q, sizeof q, "\"%s\"", pass == 0 ? section : key);
    size_t ql = strlen(q);
    const char *hit = NULL;
    for (size_t i = from; i + ql <= n && hit == NULL; i++) {
      if (memcmp(d + i, q, ql) != 0)
        continue;
      size_t j = i + ql;
      while (j < n && isspace((unsigned char)d[j]))
        j++;
      if (j < n && d[j] == ':')
        hit = d + i;
    }
    if (hit == NULL)
      return p;
    from = (size_t)(hit - d);
  }
  p.byte = (uint32_t)from;
  for (size_t i = 0; i < from; i++) {
    p.line += d[i] == '\n';
    p.col = d[i] == '\n' ? 1 : p.col + 1;
  }
  return p;
}

pv_status pkg_report(pkg_ctx *c, int rule, pv_severity sev, const char *section, const char *key,
                     const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  pv_finding fd = {0};
  fd.rule = &rules[rule];
  fd.severity = sev == PV_SEV_NONE ? rules[rule].severity : sev;
  if ((fd.message = pv_arena_strdup(c->r->arena, msg)) == NULL)
    return PV_FATAL;
  fd.file = c->manifest;
  fd.path = c->manifest->path;
  fd.start = locate(c->manifest, section, key);
  fd.end = fd.start;
  fd.end.col += (uint32_t)strlen(key) + 2;
  fd.end.byte += (uint32_t)strlen(key) + 2;
  pv_result_add_finding(c->r, &fd, c->lim); /* NULL past the cap: noted there */
  return PV_OK;
}

/* root + dir + rel with "." and ".." segments resolved, into out; 0 when
 * it leaves the package or is too long. */
static int join_path(const pkg_ctx *c, const char *dir, const char *rel, char *out, size_t n) {
  char tmp[PATH_BYTES];
  if (snprintf(tmp, sizeof tmp, "%s/%s", rel[0] == '/' ? "" : dir, rel) >= (int)sizeof tmp)
    return 0;
  size_t rl = strlen(c->root), o = rl;
  if (rl >= n)
    return 0;
  memcpy(out, c->root, rl);
  for (char *seg = tmp, *next; seg != NULL; seg = next) {
    next = strchr(seg, '/');
    if (next != NULL)
      *next++ = '\0';
    if (*seg == '\0' || strcmp(seg, ".") == 0)
      continue;
    if (strcmp(seg, "..") == 0) {
      if (o == rl)
        return 0;
      while (o > rl && out[o - 1] != '/')
        o--;
      o -= o > rl;
      continue;
    }
    size_t sl = strlen(seg);
    if (o + sl + 2 >= n)
      return 0;
    if (o > rl)
      out[o++] = '/';
    memcpy(out + o, seg, sl);
    o += sl;
  }
  out[o] = '\0';
  return 1;
}

pv_file *pkg_file(const pkg_ctx *c, const char *dir, const char *rel) {
  char path[PATH_BYTES];
  if (!join_path(c, dir, rel, path, sizeof path))
    return NULL;
  for (size_t i = 0; i < c->r->files.len; i++) {
    pv_file *f = pv_result_file(c->r, i);
    if (f->kind == PV_ENTRY_FILE && f->data != NULL && strcmp(f->path, path) == 0)
      return f;
  }
  return NULL;
}

/* rel + suffix as a file, or NULL. */
static pv_file *file_with(const pkg_ctx *c, const char *dir, const char *rel, const char *suffix) {
  char p[PATH_BYTES];
  if (snprintf(p, sizeof p, "%s%s", rel, suffix) >= (int)sizeof p)
    return NULL;
  return pkg_file(c, dir, p);
}

/* Node's LOAD_AS_FILE, then LOAD_AS_DIRECTORY (package.json main, index.js). */
pv_file *pkg_resolve(const pkg_ctx *c, const char *dir, const char *rel) {
  static const char *const ext[] = {"", ".js", ".cjs", ".mjs", ".json", NULL};
  int is_dir = strcmp(rel, ".") == 0 || strcmp(rel, "./") == 0;
  pv_file *f = NULL;
  for (size_t i = 0; ext[i] && f == NULL && !is_dir; i++)
    f = file_with(c, dir, rel, ext[i]);
  if (f != NULL)
    return f;
  const pv_file *pj = file_with(c, dir, rel, "/package.json");
  json_t *doc = pj ? json_loadb((const char *)pj->data, pj->size, 0, NULL) : NULL;
  const char *main = json_string_value(json_object_get(doc, "main"));
  char p[PATH_BYTES];
  if (main != NULL && strcmp(main, ".") != 0 && strcmp(main, "./") != 0 &&
      snprintf(p, sizeof p, "%s/%s", rel, main) < (int)sizeof p)
    f = pkg_resolve(c, dir, p);
  json_decref(doc);
  return f != NULL ? f : file_with(c, dir, rel, "/index.js");
}

/* ---- metadata ------------------------------------------------------------- */

static pv_status typosquats(pkg_ctx *c) {
  /* devDependencies are installed only by the package's own developers */
  static const char *const sections[] = {"dependencies", "optionalDependencies", "peerDependencies",
                                         NULL};
  const char *own = json_string_value(json_object_get(c->doc, "name"));
  const char *how = NULL;
  const char *p = own ? pv_npm_typosquat(own, &how) : NULL;
  if (p != NULL && pkg_report(c, PR_TYPOSQUAT, PV_SEV_NONE, NULL, "name",
                              "The package is named %s, %s away from the popular package %s: "
                              "check that this is not an impersonation.",
                              own, how, p) != PV_OK)
    return PV_FATAL;
  for (size_t s = 0; sections[s]; s++) {
    const char *name;
    json_t *v;
    json_object_foreach(json_object_get(c->doc, sections[s]), name, v) {
      if ((p = pv_npm_typosquat(name, &how)) == NULL)
        continue;
      if (pkg_report(c, PR_TYPOSQUAT, PV_SEV_NONE, sections[s], name,
                     "The dependency %s (in %s) is %s away from the popular package %s: a "
                     "typosquatted name installs someone else's code.",
                     name, sections[s], how, p) != PV_OK)
        return PV_FATAL;
    }
  }
  return PV_OK;
}

/* A major version of 99, 999... or 1000 and more. */
static int absurd_version(const char *v) {
  if (v == NULL)
    return 0;
  char *end = NULL;
  unsigned long major = strtoul(v, &end, 10);
  if (end == v || major < 99)
    return 0;
  if (major >= 1000)
    return 1;
  return major == 99 || major == 999;
}

static pv_status confusion(pkg_ctx *c) {
  const char *name = json_string_value(json_object_get(c->doc, "name"));
  const char *version = json_string_value(json_object_get(c->doc, "version"));
  if (name == NULL || name[0] == '@' || !absurd_version(version) || !c->install_hook)
    return PV_OK;
  return pkg_report(c, PR_CONFUSION, PV_SEV_NONE, NULL, "version",
                    "%s@%s is unscoped, has an absurd version and runs an install hook: "
                    "dependency-confusion probes publish an internal package name at a version "
                    "no internal release reaches, so that resolvers prefer them.",
                    name, version);
}

static int remote_spec(const char *spec) {
  static const char *const pre[] = {"git+",    "git:",    "git@",       "http://", "https://",
                                    "github:", "gitlab:", "bitbucket:", "gist:",   NULL};
  for (size_t i = 0; pre[i]; i++)
    if (strncmp(spec, pre[i], strlen(pre[i])) == 0)
      return 1;
  /* "user/repo" GitHub shorthand (not a path, not a range) */
  const char *slash = strchr(spec, '/');
  return slash && slash != spec && spec[0] != '.' && spec[0] != '/' && spec[0] != '~' &&
         strncmp(spec, "file:", 5) != 0 && strncmp(spec, "npm:", 4) != 0 &&
         strncmp(spec, "link:", 5) != 0 && strncmp(spec, "workspace:", 10) != 0 &&
         strchr(slash + 1, '/') == NULL && !strchr(spec, ' ');
}

static pv_status remote_deps(pkg_ctx *c) {
  static const char *const sections[] = {"dependencies", "optionalDependencies", NULL};
  for (size_t s = 0; sections[s]; s++) {
    const char *name;
    json_t *v;
    json_object_foreach(json_object_get(c->doc, sections[s]), name, v) {
      const char *spec = json_string_value(v);
      if (spec == NULL || !remote_spec(spec))
        continue;
      if (pkg_report(c, PR_REMOTE_DEP, PV_SEV_NONE, sections[s], name,
                     "The dependency %s comes from %s, not from the registry: whoever controls "
                     "that URL or repository decides what every install runs.",
                     name, spec) != PV_OK)
        return PV_FATAL;
    }
  }
  return PV_OK;
}

static pv_status bin_shadow(pkg_ctx *c) {
  static const char *const common[] = {
      "node", "npm",      "npx",     "yarn",       "pnpm",     "git",    "ls",      "cat",
      "cp",   "mv",       "rm",      "sh",         "bash",     "zsh",    "sudo",    "su",
      "curl", "wget",     "ssh",     "scp",        "env",      "which",  "make",    "gcc",
      "cc",   "python",   "python3", "pip",        "tar",      "chmod",  "chown",   "find",
      "grep", "sed",      "awk",     "ps",         "kill",     "docker", "kubectl", "code",
      "open", "xdg-open", "cmd",     "powershell", "explorer", NULL};
  json_t *bin = json_object_get(c->doc, "bin");
  const char *own = json_string_value(json_object_get(c->doc, "name"));
  const char *base = own ? (strchr(own, '/') ? strchr(own, '/') + 1 : own) : "";
  const char *cmd;
  json_t *v;
  json_t *single = json_is_string(bin) ? json_pack("{sO}", base, bin) : NULL;
  pv_status rc = PV_OK;
  json_object_foreach(single ? single : bin, cmd, v) {
    int hit = 0;
    for (size_t i = 0; common[i] && !hit; i++)
      hit = strcmp(cmd, common[i]) == 0;
    if (!hit || (own && strcmp(cmd, own) == 0))
      continue; /* the npm package installs the npm command */
    if ((rc = pkg_report(c, PR_BIN, PV_SEV_NONE, single ? NULL : "bin", single ? "bin" : cmd,
                         "The bin entry \"%s\" installs a command named like the common %s "
                         "command; once on the PATH it runs instead of it.",
                         cmd, cmd)) != PV_OK)
      break;
  }
  json_decref(single);
  return rc;
}

static pv_status registry(pkg_ctx *c) {
  static const char *const known[] = {"https://registry.npmjs.org", "https://registry.npmjs.com",
                                      "https://registry.yarnpkg.com", "https://npm.pkg.github.com",
                                      NULL};
  const char *reg =
      json_string_value(json_object_get(json_object_get(c->doc, "publishConfig"), "registry"));
  if (reg == NULL)
    return PV_OK;
  for (size_t i = 0; known[i]; i++)
    if (strncmp(reg, known[i], strlen(known[i])) == 0)
      return PV_OK;
  return pkg_report(c, PR_REGISTRY, PV_SEV_NONE, "publishConfig", "registry",
                    "publishConfig.registry is %s: a package meant for the public registry "
                    "that names another one is being redirected (or belongs to a private "
                    "registry and leaked).",
                    reg);
}

/* One "./x" target of main or exports that the package does not ship. */
static pv_status entry_missing(pkg_ctx *c, const char *key, const char *target) {
  size_t n = strlen(target);
  if (strpbrk(target, "*") || (n && target[n - 1] == '/') || strstr(target, ".d.ts") ||
      strstr(target, ".d.mts") || strstr(target, ".d.cts") || pkg_resolve(c, "", target) != NULL)
    return PV_OK; /* patterns, folder mappings and type declarations are not code */
  return pkg_report(c, PR_MAIN_MISSING, c->install_hook ? PV_SEV_HIGH : PV_SEV_NONE, NULL, key,
                    "%s names %s, which the package does not ship%s.", key, target,
                    c->install_hook ? "; its install hook is then the only code that runs" : "");
}

static pv_status exports_walk(pkg_ctx *c, json_t *v, unsigned depth) {
  if (json_is_string(v) && strncmp(json_string_value(v), "./", 2) == 0)
    return entry_missing(c, "exports", json_string_value(v));
  if (depth > 8)
    return PV_OK;
  const char *k;
  json_t *x;
  size_t i;
  if (json_is_array(v)) {
    json_array_foreach(v, i, x) {
      if (exports_walk(c, x, depth + 1) != PV_OK)
        return PV_FATAL;
    }
  }
  json_object_foreach(v, k, x) {
    if (exports_walk(c, x, depth + 1) != PV_OK)
      return PV_FATAL;
  }
  return PV_OK;
}

static pv_status entries(pkg_ctx *c) {
  const char *main = json_string_value(json_object_get(c->doc, "main"));
  if (main != NULL && *main && entry_missing(c, "main", main) != PV_OK)
    return PV_FATAL;
  return exports_walk(c, json_object_get(c->doc, "exports"), 0);
}

/* The name npm pack gives name@version: "@s/n" → "s-n-1.0.0.tgz". */
static void pack_name(const char *name, const char *version, char *out, size_t n) {
  snprintf(out, n, "%s-%s.tgz", name[0] == '@' ? name + 1 : name, version);
  for (char *p = out; *p; p++)
    if (*p == '/')
      *p = '-';
}

static pv_status manifest_confusion(pkg_ctx *c) {
  const char *name = json_string_value(json_object_get(c->doc, "name"));
  const char *version = json_string_value(json_object_get(c->doc, "version"));
  if (name == NULL || version == NULL)
    return PV_OK;
  static const char *const locks[] = {"npm-shrinkwrap.json", "package-lock.json", NULL};
  for (size_t i = 0; locks[i]; i++) {
    const pv_file *f = pkg_file(c, "", locks[i]);
    json_t *doc = f ? json_loadb((const char *)f->data, f->size, 0, NULL) : NULL;
    const char *ln = json_string_value(json_object_get(doc, "name"));
    pv_status rc = PV_OK;
    if (ln != NULL && strcmp(ln, name) != 0)
      rc = pkg_report(c, PR_MANIFEST, PV_SEV_NONE, NULL, "name",
                      "package.json names the package %s but its %s names it %s.", name, locks[i],
                      ln);
    json_decref(doc);
    if (rc != PV_OK)
      return rc;
  }
  /* an archive named like npm pack output ("x-1.2.3.tgz") for another package */
  const char *base = strrchr(c->r->input, '/');
  base = base ? base + 1 : c->r->input;
  size_t bl = strlen(base);
  const char *dash = NULL;
  for (const char *p = base; *p; p++)
    if (*p == '-' && isdigit((unsigned char)p[1]))
      dash = p;
  if (bl < 5 || strcmp(base + bl - 4, ".tgz") != 0 || dash == NULL || strchr(c->root, '!'))
    return PV_OK;
  char want[PATH_BYTES];
  pack_name(name, version, want, sizeof want);
  if (strcmp(want, base) == 0)
    return PV_OK;
  return pkg_report(c, PR_MANIFEST, PV_SEV_NONE, NULL, "name",
                    "The archive %s is named like npm pack output for another package: its "
                    "package.json says %s@%s. What a registry lists and what the tarball "
                    "installs should agree.",
                    base, name, version);
}

pv_status pv_pkg_check(pv_result *r, const char *manifest, const pv_limits *lim) {
  pkg_ctx c = {.r = r, .lim = lim};
  for (size_t i = 0; manifest && i < r->files.len && c.manifest == NULL; i++)
    if (strcmp(pv_result_file(r, i)->path, manifest) == 0)
      c.manifest = pv_result_file(r, i);
  if (c.manifest == NULL || c.manifest->data == NULL)
    return PV_OK;
  const char *slash = strrchr(manifest, '/');
  c.root = slash ? pv_arena_strndup(r->arena, manifest, (size_t)(slash - manifest + 1)) : "";
  if (c.root == NULL)
    return PV_FATAL;
  c.doc = json_loadb((const char *)c.manifest->data, c.manifest->size, 0, NULL);
  if (!json_is_object(c.doc)) {
    json_decref(c.doc);
    return PV_OK; /* permissions.c notes a malformed manifest */
  }
  json_t *scripts = json_object_get(c.doc, "scripts");
  c.install_hook = json_is_string(json_object_get(scripts, "preinstall")) ||
                   json_is_string(json_object_get(scripts, "install")) ||
                   json_is_string(json_object_get(scripts, "postinstall"));
  pv_status rc = pkg_scripts(&c);
  pv_status (*const checks[])(pkg_ctx *) = {typosquats, confusion, remote_deps,       bin_shadow,
                                            registry,   entries,   manifest_confusion};
  for (size_t i = 0; rc == PV_OK && i < sizeof checks / sizeof *checks; i++)
    rc = checks[i](&c);
  json_decref(c.doc);
  return rc;
}
