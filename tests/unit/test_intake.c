/* test_intake.c — archive intake on fixtures written at test time by
 * tests/gen/hostile.py (run from the repository root, as `make test` does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../scanner/intake/intake.h"
#include "tap.h"

static char dir[256];

static pv_result *scan_lim(const char *name, const pv_limits *lim) {
  char path[512];
  if (name[0] == '/')
    snprintf(path, sizeof path, "%s", name);
  else
    snprintf(path, sizeof path, "%s/%s", dir, name);
  pv_result *r = pv_result_new(path);
  if (r != NULL && pv_intake_read(r, lim, 0) == PV_FATAL) {
    pv_result_delete(r);
    return NULL;
  }
  return r;
}

static pv_result *scan(const char *name) {
  pv_limits lim = pv_limits_default();
  return scan_lim(name, &lim);
}

static int count_rule(const pv_result *r, const char *id) {
  int n = 0;
  for (size_t i = 0; r && i < r->findings.len; i++)
    if (strcmp(pv_result_finding(r, i)->rule->id, id) == 0)
      n++;
  return n;
}

static const pv_finding *rule_finding(const pv_result *r, const char *id) {
  for (size_t i = 0; r && i < r->findings.len; i++)
    if (strcmp(pv_result_finding(r, i)->rule->id, id) == 0)
      return pv_result_finding(r, i);
  return NULL;
}

static const pv_file *file_at(const pv_result *r, const char *path) {
  for (size_t i = 0; r && i < r->files.len; i++) {
    const pv_file *f = pv_result_file(r, i);
    if (strcmp(f->path, path) == 0)
      return f;
  }
  return NULL;
}

static void test_normalise(void) {
  char out[64];
  const char *why = NULL;
  is_int(pv_path_normalise("./a//b/./c", out, sizeof out, &why), 0, "normalise ./a//b/./c");
  is_str(out, "a/b/c", "strips ./ and collapses // and /./");
  pv_path_normalise("package/lib/../index.js", out, sizeof out, &why);
  is_str(out, "package/index.js", "inner .. resolves");
  pv_path_normalise("package/", out, sizeof out, &why);
  is_str(out, "package", "trailing slash dropped");
  is_int(pv_path_normalise("../../evil.js", out, sizeof out, &why), -1, "../ escapes");
  has_str(why, "escapes", "why says it escapes");
  is_int(pv_path_normalise("a/../../b", out, sizeof out, &why), -1, "a/../../b escapes");
  is_int(pv_path_normalise("/etc/passwd", out, sizeof out, &why), -1, "absolute path refused");
  has_str(why, "absolute", "why says absolute");
  is_int(pv_path_normalise("C:\\x", out, sizeof out, &why), -1, "drive letter is absolute");
  is_int(pv_path_normalise("a\\..\\..\\b", out, sizeof out, &why), -1, "backslash .. escapes");
  is_int(pv_path_normalise("a/..b/c..", out, sizeof out, &why), 0, "names with dots are fine");
  is_str(out, "a/..b/c..", "..b kept");
  is_int(pv_path_normalise("abcdefgh/ijklmnop", out, 8, &why), -1, "too long for out");
}

static void test_formats(void) {
  static const struct {
    const char *file, *kind, *path;
  } cases[] = {
      {"good.tgz", "tar.gz", "package/index.js"},
      {"good.tar", "tar", "package/index.js"},
      {"good.tar.xz", "tar.xz", "package/index.js"},
      {"good.zip", "zip", "package/index.js"},
      {"good.vsix", "zip", "extension/index.js"},
      {"good.crx", "crx", "index.js"},
      {"good2.crx", "crx", "index.js"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    pv_result *r = scan(cases[i].file);
    is_int(r->status, PV_INPUT_SCANNED, "%s", cases[i].file);
    is_str(r->kind, cases[i].kind, "kind");
    is_int((long long)r->files.len, 2, "two files");
    const pv_file *f = file_at(r, cases[i].path);
    if (ok(f != NULL, "%s holds %s", cases[i].file, cases[i].path)) {
      ok(f->size > 0, "%s: %s has bytes", cases[i].file, cases[i].path);
      ok(memmem(f->data, f->size, "eval(x)", 7) != NULL, "%s: %s holds its bytes", cases[i].file,
         cases[i].path);
      is_int(f->lang, PV_LANG_NONE, "lang left to parse");
      is_int(f->kind, PV_ENTRY_FILE, "a plain file");
    }
    is_int((long long)r->findings.len, 0, "no hazard in a good archive");
    is_int(strlen(r->sha256), 64, "sha256 set");
    pv_result_delete(r);
  }
  /* sha256 of the input bytes, bytes = vfs total */
  pv_result *r = scan("good.tar");
  FILE *fp = fopen(r->input, "rb");
  unsigned char buf[20000];
  size_t n = fp ? fread(buf, 1, sizeof buf, fp) : 0;
  if (fp)
    fclose(fp);
  char want[65];
  pv_sha256_hex(buf, n, want);
  is_str(r->sha256, want, "sha256 is of the input file");
  const pv_file *a = file_at(r, "package/index.js"), *b = file_at(r, "package/package.json");
  is_int((long long)r->bytes, (long long)(a->size + b->size), "bytes is the vfs total");
  pv_result_delete(r);
}

/* rule expected in `bad`, absent from `good` */
static void twin(const char *bad, const char *good, const char *rule, int n) {
  pv_result *rb = scan(bad), *rg = scan(good);
  char name[160];
  snprintf(name, sizeof name, "%s: %d x %s", bad, n, rule);
  is_int(count_rule(rb, rule), n, "%s", name);
  snprintf(name, sizeof name, "%s: no %s", good, rule);
  is_int(count_rule(rg, rule), 0, "%s", name);
  is_int(rb->status, PV_INPUT_SCANNED, "hazards leave the input scanned");
  pv_result_delete(rb);
  pv_result_delete(rg);
}

static void test_hazards(void) {
  twin("zipslip.zip", "good.zip", "archive.path-traversal", 1);
  pv_result *r = scan("zipslip.zip");
  const pv_finding *f = rule_finding(r, "archive.path-traversal");
  is_str(f ? f->path : NULL, "../../evil.js", "traversal path is the raw entry name");
  if (ok(f != NULL, "zipslip.zip: a path-traversal finding")) {
    has_str(f->message, "'../../evil.js' escapes the archive root", "the message says it escapes");
    is_int(f->severity, PV_SEV_HIGH, "high");
    is_int(f->start.line, 1, "at line 1");
    is_int(f->start.col, 1, "at column 1");
    if (ok(f->rule->cwe != NULL, "the rule has CWEs"))
      is_str(f->rule->cwe[0], "CWE-22", "CWE-22");
  }
  ok(file_at(r, "package/ok.js") != NULL, "the other entry is kept");
  pv_result_delete(r);

  twin("abspath.tar", "good.tar", "archive.path-traversal", 1);
  r = scan("abspath.tar");
  f = rule_finding(r, "archive.path-traversal");
  is_str(f ? f->path : NULL, "/etc/evil", "absolute path shown as written");
  if (ok(f != NULL, "abspath.tar: a path-traversal finding"))
    has_str(f->message, "absolute", "message says absolute");
  pv_result_delete(r);

  twin("symlink-escape.tar", "symlink-ok.tar", "archive.symlink-escape", 2);
  r = scan("symlink-ok.tar");
  is_int(count_rule(r, "archive.symlink"), 1, "in-tree symlink is info archive.symlink");
  const pv_file *l = file_at(r, "package/lib/main.js");
  if (ok(l != NULL, "package/lib/main.js is recorded")) {
    is_int(l->kind, PV_ENTRY_SYMLINK, "symlink recorded as a symlink");
    ok(l->data == NULL, "symlink recorded without data");
    is_str(l->link_target, "../index.js", "symlink recorded with its target");
  }
  pv_result_delete(r);
  r = scan("symlink-escape.tar");
  f = rule_finding(r, "archive.symlink-escape");
  if (ok(f != NULL, "symlink-escape.tar: a symlink-escape finding")) {
    is_int(f->severity, PV_SEV_HIGH, "an escaping symlink is high");
    has_str(f->message, "/etc/passwd", "escape names target");
  }
  pv_result_delete(r);

  twin("hardlink.tar", "good.tar", "archive.hardlink", 1);
  r = scan("hardlink.tar");
  f = rule_finding(r, "archive.hardlink");
  if (ok(f != NULL, "hardlink.tar: a hardlink finding"))
    is_int(f->severity, PV_SEV_MEDIUM, "in-tree hardlink is medium");
  pv_result_delete(r);
  r = scan("hardlink-escape.tar");
  f = rule_finding(r, "archive.hardlink");
  if (ok(f != NULL, "hardlink-escape.tar: a hardlink finding")) {
    is_int(f->severity, PV_SEV_HIGH, "escaping hardlink high");
    has_str(f->message, "outside", "escaping hardlink: the message says outside");
  }
  pv_result_delete(r);

  twin("setuid.tar", "good.tar", "archive.setuid", 1);
  twin("world.tar", "good.tar", "archive.world-writable", 1);
  twin("special.tar", "good.tar", "archive.special-file", 2);
  twin("duplicate.tar", "good.tar", "archive.duplicate-path", 1);
  twin("duplicate.zip", "good.zip", "archive.duplicate-path", 1);
  twin("case.tar", "good.tar", "archive.case-collision", 1);
  twin("encrypted.zip", "good.zip", "archive.encrypted-entry", 1);

  static const struct {
    const char *file, *path, *arch;
  } natives[] = {
      {"elf.tgz", "package/bin/tool", "ELF x86-64"},
      {"pe.zip", "package/tool.exe", "PE i386"},
      {"macho.tar", "package/build/Release/addon.node", "Mach-O arm64"},
  };
  for (size_t i = 0; i < 3; i++) {
    twin(natives[i].file, "good.tgz", "archive.native-binary", 1);
    r = scan(natives[i].file);
    f = rule_finding(r, "archive.native-binary");
    if (ok(f != NULL, "%s: a native-binary finding", natives[i].file))
      has_str(f->message, natives[i].arch, "%s: message names %s", natives[i].file,
              natives[i].arch);
    const pv_file *nf = file_at(r, natives[i].path);
    if (ok(nf != NULL, "%s: %s is recorded", natives[i].file, natives[i].path)) {
      ok(nf->flags & PV_FILE_NATIVE, "native flag");
      ok(nf->flags & PV_FILE_BINARY, "binary flag");
    }
    pv_result_delete(r);
  }
}

static void test_limits(void) {
  pv_limits lim = pv_limits_default();
  pv_result *r = scan("bomb.tar.gz");
  is_int(count_rule(r, "archive.decompression-bomb"), 1, "tar.gz bomb found");
  is_int(r->status, PV_INPUT_SCANNED, "a bomb leaves the input scanned");
  ok(r->bytes < 64 * PV_MiB, "bomb bytes not kept");
  int noted = 0;
  for (size_t i = 0; i < r->notes.len; i++)
    noted |= pv_result_note_at(r, i)->level == PV_NOTE_WARNING;
  ok(noted, "bomb adds a warning note");
  pv_result_delete(r);
  r = scan("bomb.zip");
  is_int(count_rule(r, "archive.decompression-bomb"), 1, "zip bomb found");
  pv_result_delete(r);
  r = scan("text2m.tgz");
  is_int(count_rule(r, "archive.decompression-bomb"), 0, "2 MiB of text is no bomb");
  const pv_file *big = file_at(r, "package/big.js");
  if (ok(big != NULL, "package/big.js is recorded"))
    is_int(big->size, 2 * PV_MiB, "2 MiB file read whole");
  pv_result_delete(r);

  lim.entry_bytes = PV_MiB;
  r = scan_lim("text2m.tgz", &lim);
  is_int(count_rule(r, "archive.entry-too-large"), 1, "--max-entry 1M trips on 2 MiB");
  pv_result_delete(r);
  lim = pv_limits_default();
  lim.total_bytes = 700; /* nest3.tgz is 612 bytes, its first entry 485 */
  r = scan_lim("nest3.tgz", &lim);
  is_int(count_rule(r, "archive.too-large"), 1, "--max-total 700 trips, counting nested levels");
  is_int(r->files.len, 1, "the file before the limit stays");
  pv_result_delete(r);

  r = scan("many.tgz");
  is_int(count_rule(r, "archive.too-many-entries"), 1, "200,000 entries trip the entry limit");
  is_int((long long)r->files.len, 100000, "entries before the limit are kept");
  pv_result_delete(r);
  lim = pv_limits_default();
  lim.entries = 300000;
  r = scan_lim("many.tgz", &lim);
  is_int(count_rule(r, "archive.too-many-entries"), 0, "--max-entries 300000 lets them through");
  is_int((long long)r->files.len, 200000, "all 200,000 read");
  pv_result_delete(r);

  r = scan("longpath.tar");
  is_int(count_rule(r, "archive.path-too-long"), 1, "2 KiB path trips the path limit");
  pv_result_delete(r);
  lim = pv_limits_default();
  lim.path_len = 4096;
  r = scan_lim("longpath.tar", &lim);
  is_int(count_rule(r, "archive.path-too-long"), 0, "--max-path 4096 accepts it");
  pv_result_delete(r);

  r = scan("nest10.tgz");
  is_int(count_rule(r, "archive.nesting-too-deep"), 1, "10 levels trip depth 3");
  ok(file_at(r, "package/inner.tgz!/package/inner.tgz!/package/inner.tgz!/package/inner.tgz") !=
         NULL,
     "the too-deep archive is kept opaque");
  pv_result_delete(r);
  r = scan("nest3.tgz");
  is_int(count_rule(r, "archive.nesting-too-deep"), 0, "3 levels are fine with depth 3");
  ok(file_at(r, "package/inner.tgz!/package/inner.tgz!/package/inner.tgz!/package/index.js") !=
         NULL,
     "innermost file named outer!/inner");
  ok(file_at(r, "package/inner.tgz") != NULL, "nested archive bytes stay in the vfs");
  pv_result_delete(r);

  lim = pv_limits_default();
  char path[512];
  snprintf(path, sizeof path, "%s/good.tgz", dir);
  pv_result *rt = pv_result_new(path);
  pv_intake_read(rt, &lim, 1); /* a deadline long past */
  is_int(count_rule(rt, "archive.timeout"), 1, "past deadline trips archive.timeout");
  pv_result_delete(rt);
}

static void test_errors(void) {
  pv_result *r = scan("truncated.tgz");
  is_int(r->status, PV_INPUT_ERROR, "truncated gzip is an error");
  has_str(r->error, "truncated gzip stream", "reason: truncated gzip stream");
  ok(r->files.len > 0, "entries read before the truncation stay (%zu)", r->files.len);
  pv_result_delete(r);
  r = scan("random.tgz");
  is_int(r->status, PV_INPUT_ERROR, "random bytes named .tgz is an error");
  has_str(r->error, "not a recognised archive", "reason: not a recognised archive");
  has_str(r->error, "random.tgz: ", "reason names the input");
  pv_result_delete(r);
  r = scan("empty.tgz");
  has_str(r->error, "empty file", "empty input: empty file");
  pv_result_delete(r);
  r = scan("does-not-exist.tgz");
  has_str(r->error, "No such file or directory", "missing: No such file or directory");
  pv_result_delete(r);
}

static void put(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

static void test_directory(void) {
  char root[300], p[600];
  snprintf(root, sizeof root, "%s/tree", dir);
  snprintf(p, sizeof p, "%s/src", root);
  mkdir(root, 0755);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/.git", root);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/.git/config", root);
  put(p, "[core]\n");
  snprintf(p, sizeof p, "%s/src/a.js", root);
  put(p, "eval(x);\n");
  snprintf(p, sizeof p, "%s/src/in", root);
  symlink("a.js", p);
  snprintf(p, sizeof p, "%s/src/out", root);
  symlink("../../../etc/passwd", p);
  char cmd[900];
  snprintf(cmd, sizeof cmd, "cp %s/good.tgz %s/src/dep.tgz", dir, root);
  ok(system(cmd) == 0, "nested archive copied into the tree");

  char arg[320];
  snprintf(arg, sizeof arg, "%s/", root); /* trailing slash is dropped */
  pv_result *r = scan(arg);
  is_str(r->kind, "directory", "directory kind");
  is_str(r->sha256, "", "directories have no sha256");
  snprintf(p, sizeof p, "%s/src/a.js", root);
  const pv_file *f = file_at(r, p);
  if (ok(f != NULL, "file path is the input joined with the relative path"))
    is_int(f->size, 9, "... with its size");
  snprintf(p, sizeof p, "%s/src/in", root);
  f = file_at(r, p);
  if (ok(f != NULL, "symlink recorded")) {
    is_int(f->kind, PV_ENTRY_SYMLINK, "... as a symlink");
    is_str(f->link_target, "a.js", "... with its target");
  }
  is_int(count_rule(r, "archive.symlink-escape"), 1, "only the escaping symlink is flagged");
  snprintf(p, sizeof p, "%s/src/dep.tgz!/package/index.js", root);
  ok(file_at(r, p) != NULL, "archive inside a directory is opened");
  snprintf(p, sizeof p, "%s/.git/config", root);
  ok(file_at(r, p) == NULL, ".git is skipped");
  pv_result_delete(r);

  /* "." is shown without a prefix, "./x" without "./" */
  char cwd[512];
  if (getcwd(cwd, sizeof cwd) && chdir(root) == 0) {
    pv_limits lim = pv_limits_default();
    r = pv_result_new(".");
    pv_intake_read(r, &lim, 0);
    ok(file_at(r, "src/a.js") != NULL, "scan . gives src/a.js");
    pv_result_delete(r);
    r = pv_result_new("./src/a.js");
    pv_intake_read(r, &lim, 0);
    is_str(r->kind, "file", "single file kind");
    ok(file_at(r, "src/a.js") != NULL, "./src/a.js is shown as src/a.js");
    is_int(r->findings.len, 0, "a plain js file has no hazard");
    pv_result_delete(r);
    if (chdir(cwd) != 0)
      return;
  }
}

int main(void) {
  const char *gen = "tests/gen/hostile.py";
  if (access(gen, R_OK) != 0) {
    tap_skip("run from the repository root (tests/gen/hostile.py not found)");
    return tap_done();
  }
  snprintf(dir, sizeof dir, "/tmp/pv-intake-XXXXXX");
  if (mkdtemp(dir) == NULL)
    return 1;
  char cmd[600];
  snprintf(cmd, sizeof cmd, "python3 %s %s", gen, dir);
  ok(system(cmd) == 0, "fixtures generated");
  test_normalise();
  test_formats();
  test_hazards();
  test_limits();
  test_errors();
  test_directory();
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    ok(0, "cleanup");
  return tap_done();
}
