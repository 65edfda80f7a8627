/* common.c — see common.h. */
#include "common.h"

#include "../scanner/rules/trees.h"

#include <elf.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* name in the binary's directory by the first, then the second, pattern
 * (each "%s" the directory, then name), of type (S_IFDIR or S_IFREG): buf,
 * or NULL. */
static const char *beside_exe(const char *name, const char *first, const char *second,
                              unsigned type, char *buf, size_t n) {
  char exe[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len <= 0)
    return NULL;
  exe[len] = '\0';
  char *slash = strrchr(exe, '/');
  if (slash == NULL)
    return NULL;
  *slash = '\0';
  const char *tries[] = {first, second};
  struct stat st;
  for (size_t i = 0; i < 2; i++) {
    snprintf(buf, n, tries[i], exe, name);
    if (stat(buf, &st) == 0 && (st.st_mode & S_IFMT) == type)
      return buf;
  }
  return NULL;
}

const char *pv_bundled_rules_dir(char *buf, size_t n) {
  return pv_bundled_dir("rules", buf, n);
}

const char *pv_bundled_dir(const char *name, char *buf, size_t n) {
  const char *var = !strcmp(name, "rules")         ? "PLUGVET_RULES"
                    : !strcmp(name, "taint-rules") ? "PLUGVET_TAINT_RULES"
                                                   : NULL;
  const char *env = var ? getenv(var) : NULL;
  if (env != NULL && *env)
    return env;
  return beside_exe(name, "%s/../share/plugvet/%s", "%s/../../%s", S_IFDIR, buf, n);
}

typedef struct {
  char *buf;
  size_t n;
  int found;
} build_note;

/* The NT_GNU_BUILD_ID note of one PT_NOTE segment of the program, hex. */
static void note_id(const unsigned char *p, size_t size, build_note *b) {
  size_t at = 0;
  while (!b->found && size - at >= sizeof(ElfW(Nhdr))) {
    const ElfW(Nhdr) *h = (const ElfW(Nhdr) *)(p + at);
    size_t name = (h->n_namesz + 3u) & ~3u, desc = (h->n_descsz + 3u) & ~3u;
    if (name > size - at - sizeof *h || desc > size - at - sizeof *h - name)
      return;
    const unsigned char *d = p + at + sizeof *h + name;
    if (h->n_type == NT_GNU_BUILD_ID && h->n_namesz == 4 && memcmp(h + 1, "GNU", 4) == 0 &&
        h->n_descsz * 2 < b->n) {
      for (size_t i = 0; i < h->n_descsz; i++)
        snprintf(b->buf + 2 * i, 3, "%02x", d[i]);
      b->found = h->n_descsz > 0;
    }
    at += sizeof *h + name + desc;
  }
}

static int program_notes(struct dl_phdr_info *info, size_t size, void *ctx) {
  build_note *b = ctx;
  for (int i = 0; i < info->dlpi_phnum; i++)
    if (info->dlpi_phdr[i].p_type == PT_NOTE)
      note_id((const unsigned char *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr),
              info->dlpi_phdr[i].p_memsz, b);
  return 1; /* the program is the first object: stop there */
}

const char *pv_build_id(char *buf, size_t n) {
  build_note b = {.buf = buf, .n = n};
  dl_iterate_phdr(program_notes, &b);
  return b.found ? buf : NULL;
}

const char *pv_pattern_table_path(char *buf, size_t n) {
  return beside_exe("pattern-table", "%s/%s", "%s/../share/plugvet/%s", S_IFREG, buf, n);
}

struct pv_trees *pv_rule_trees(const pv_limits *lim, int quiet) {
  char path[PATH_MAX + 64], id[80];
  pv_trees *t = NULL;
  pv_error err = {0};
  if (beside_exe("rule-trees", "%s/%s", "%s/../share/plugvet/%s", S_IFREG, path, sizeof path) ==
          NULL ||
      pv_build_id(id, sizeof id) == NULL)
    return NULL;
  pv_status rc = pv_trees_open(path, id, lim->trees_bytes, &t, &err);
  if (rc != PV_OK && !quiet)
    fprintf(stderr, "plugvet: note: %s: %s; the rule files are read from their YAML\n", path,
            err.msg);
  return t;
}

int pv_cdx_minor(const char *v) {
  return strcmp(v, "1.6") == 0 ? 6 : strcmp(v, "1.5") == 0 ? 5 : -1;
}

void pv_env_read(pv_env *env) {
  env->xdg_cache_home = getenv("XDG_CACHE_HOME");
  env->home = getenv("HOME");
  env->source_date_epoch = getenv("SOURCE_DATE_EPOCH");
  env->no_prefilter = getenv("PLUGVET_NO_PREFILTER") != NULL;
}

int pv_sbom_format_parse(const char *v) {
  if (strcmp(v, "cyclonedx-json") == 0)
    return PV_SBOM_CYCLONEDX;
  return strcmp(v, "spdx-json") == 0 ? PV_SBOM_SPDX : -1;
}

long long pv_sde_epoch(const char *sde) {
  char *end = NULL;
  if (sde == NULL || *sde == '\0')
    return -1;
  long long e = strtoll(sde, &end, 10);
  return *end == '\0' && e >= 0 ? e : -1;
}

pv_vex *pv_load_vex(const char *const *paths, size_t n, const pv_limits *lim) {
  pv_vex *v = NULL;
  pv_error err = {0};
  for (size_t i = 0; i < n; i++) {
    if (pv_vex_load(&v, paths[i], lim, &err) != PV_OK) {
      fprintf(stderr, "plugvet: --vex %s\n", err.msg);
      exit(err.code == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT);
    }
  }
  return v;
}

int pv_write_sbom(const char *path, const pv_inventory *inv, const pv_vulns *vulns,
                  const pv_sbom_opts *so, const char *source_date_epoch) {
  long long epoch = pv_sde_epoch(source_date_epoch);
  pv_cdx_options cdx = {
      .spec_minor = so->cdx_minor, .tool_version = PV_VERSION, .epoch = epoch, .vex = so->vex};
  pv_spdx_options spdx = {.tool_version = PV_VERSION, .name = so->name, .epoch = epoch};
  FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
  pv_error err = {0};
  if (f == NULL) {
    fprintf(stderr, "plugvet: cannot write %s\n", path);
    return 1;
  }
  int bad = (so->format == PV_SBOM_SPDX ? pv_spdx_write(f, inv, vulns, &spdx, &err)
                                        : pv_cyclonedx_write(f, inv, vulns, &cdx, &err)) != PV_OK;
  bad |= (f == stdout ? fflush(f) : fclose(f)) != 0;
  if (bad)
    fprintf(stderr, "plugvet: %s: %s\n", path, err.msg[0] ? err.msg : "write error");
  return bad;
}

pv_lic_policy *pv_load_license_policy(const char *path, const pv_limits *lim) {
  if (path == NULL)
    return NULL;
  unsigned char *data = NULL;
  size_t n = 0;
  pv_lic_policy *p = NULL;
  pv_error err = {0};
  pv_status rc = pv_read_file(path, lim->rule_bytes, &data, &n, &err);
  if (rc == PV_OK)
    rc = pv_lic_policy_parse(path, data, n, lim, &p, &err);
  free(data);
  if (rc != PV_OK) {
    fprintf(stderr, "plugvet: --license-policy %s\n", err.msg);
    exit(rc == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT);
  }
  return p;
}

int pv_parse_size(const char *s, uint64_t *out) {
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  uint64_t mul = 1;
  if (end != NULL && *end != '\0') {
    switch (*end) {
      case 'k':
      case 'K':
        mul = 1024;
        break;
      case 'm':
      case 'M':
        mul = 1024 * 1024;
        break;
      case 'g':
      case 'G':
        mul = 1024ull * 1024 * 1024;
        break;
      default:
        mul = 0;
    }
    if (mul != 0 && end[1] != '\0' && !((end[1] == 'i' || end[1] == 'B') && end[2] == '\0'))
      mul = 0;
  }
  if (errno != 0 || end == s || *s == '-' || mul == 0 || v > UINT64_MAX / mul)
    return -1;
  *out = v * mul;
  return 0;
}

void pv_make_parent(const char *path) {
  char d[4096], parent[4096];
  snprintf(d, sizeof d, "%s", path);
  char *dir = dirname(d);
  snprintf(parent, sizeof parent, "%s", dir);
  mkdir(dirname(parent), 0700);
  mkdir(dir, 0700);
}

pv_npm_keys *pv_load_npm_keys(const char *cmd, const char *path, const pv_limits *lim) {
  char dir[4096], def[4200];
  unsigned char *text;
  size_t n;
  pv_error err;
  pv_npm_keys *keys = NULL;
  if (path == NULL) {
    const char *d = pv_bundled_dir("trust", dir, sizeof dir);
    snprintf(def, sizeof def, "%s/npm-registry-keys.json", d ? d : "trust");
    path = def;
  }
  if (pv_read_file(path, lim->sig_file_bytes, &text, &n, &err) != PV_OK) {
    fprintf(stderr, "plugvet %s: %s\n", cmd, err.msg);
    exit(EXIT_INPUT);
  }
  if (pv_npm_keys_parse((const char *)text, n, &keys, &err) != PV_OK) {
    fprintf(stderr, "plugvet %s: %s: %s\n", cmd, path, err.msg);
    exit(EXIT_INPUT);
  }
  free(text);
  return keys;
}
