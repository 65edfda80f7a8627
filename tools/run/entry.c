/* entry.c — see entry.h. */
#include "entry.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "landlock.h"
#include "resolve.h"

enum { UP_MAX = 3 }; /* directories above the script searched for package.json */

/* node's options whose value is the next argument. */
static const char *const value_opts[] = {"-r",
                                         "--require",
                                         "--import",
                                         "--loader",
                                         "--experimental-loader",
                                         "-C",
                                         "--conditions",
                                         "--title",
                                         "--input-type",
                                         "--env-file",
                                         "--watch-path",
                                         "--disable-warning",
                                         "--redirect-warnings",
                                         "--icu-data-dir",
                                         "--openssl-config",
                                         NULL};

static int takes_value(const char *opt) {
  for (size_t i = 0; value_opts[i]; i++) {
    if (!strcmp(opt, value_opts[i])) {
      return 1;
    }
  }
  return 0;
}

/* Code, not a file: -e, --eval, -p, --print, and "-" (stdin). */
static int is_code(const char *a) {
  return !strcmp(a, "-e") || !strcmp(a, "--eval") || !strcmp(a, "-p") || !strcmp(a, "--print") ||
         !strcmp(a, "-");
}

static const char *node_script(char *const *argv) {
  for (size_t i = 1; argv[i]; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) {
      return argv[i + 1];
    }
    if (is_code(a)) {
      return NULL;
    }
    if (a[0] != '-') {
      return a;
    }
    if (takes_value(a) && argv[i + 1]) {
      i++;
    }
  }
  return NULL;
}

static const char *entry_script(const char *exe, char *const *argv) {
  char interp[PATH_MAX], arg[256];
  const char *slash = strrchr(exe, '/');
  if (pvr_shebang(exe, interp, sizeof interp, arg, sizeof arg) == 0) {
    return strchr(argv[0], '/') ? argv[0] : exe;
  }
  if (!slash || strncmp(slash + 1, "node", 4) != 0) {
    return NULL;
  }
  return node_script(argv);
}

/* The script's directory, opened as an absolute grant is; *base is the
 * script's file name within it. -1 when there is none. */
static int script_dir(const char *script, const char *cwd, char *abs, size_t abssz,
                      const char **base) {
  char here[PATH_MAX];
  pv_error err = {0};
  pvr_open_result res = PVR_OPEN_OK;
  int fd = -1;
  if (script[0] != '/' && !cwd) {
    cwd = getcwd(here, sizeof here);
  }
  int n = script[0] == '/' ? snprintf(abs, abssz, "%s", script)
          : cwd            ? snprintf(abs, abssz, "%s/%s", cwd, script)
                           : -1;
  char *slash = n > 0 && (size_t)n < abssz ? strrchr(abs, '/') : NULL;
  if (!slash || !slash[1]) {
    return -1;
  }
  *slash = '\0';
  *base = slash + 1;
  pv_status rc = pvr_open_trusted(abs[0] ? abs : "/", "entry", &fd, &res, &err);
  return rc == PV_OK && res == PVR_OPEN_OK ? fd : -1;
}

/* From dir, the nearest directory (at most UP_MAX up) holding a regular
 * package.json; dir itself when none does. Consumes dir. */
static int package_dir(int dir) {
  struct stat st;
  int cur = fcntl(dir, F_DUPFD_CLOEXEC, 0);
  for (int up = 0; cur >= 0 && up <= UP_MAX; up++) {
    if (fstatat(cur, "package.json", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
      close(dir);
      return cur;
    }
    int parent = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
    close(cur);
    cur = parent;
  }
  if (cur >= 0) {
    close(cur);
  }
  return dir;
}

/* Too wide to grant by default: "/", a shared sticky directory (/tmp),
 * home, or an ancestor of home. */
static int too_wide(int fd, const char *home) {
  char path[PATH_MAX];
  struct stat st;
  if (pvr_fd_path(fd, path, sizeof path) != 0 || !strcmp(path, "/") || fstat(fd, &st) != 0) {
    return 1;
  }
  if ((st.st_mode & S_ISVTX) && (st.st_mode & S_IWOTH)) {
    return 1;
  }
  int h = home && home[0] == '/' ? open(home, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
  int wide = h >= 0 && pvr_fd_within(h, fd);
  if (h >= 0) {
    close(h);
  }
  return wide;
}

int pvr_entry_dir(const char *exe, char *const *argv, const char *cwd, const char *home, char *dir,
                  size_t dirsz) {
  char abs[2 * PATH_MAX];
  const char *base = NULL;
  struct stat st;
  const char *script = entry_script(exe, argv);
  int fd = script ? script_dir(script, cwd, abs, sizeof abs, &base) : -1;
  if (fd < 0) {
    return -1;
  }
  if (fstatat(fd, base, &st, 0) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return -1;
  }
  fd = package_dir(fd);
  if (too_wide(fd, home) || pvr_fd_path(fd, dir, dirsz) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}
