/* test_exclude.c — the glob subset of --exclude, --include and
 * .plugvetignore (scanner/exclude.h), each match with a twin that does not. */
#include <string.h>

#include "../../scanner/exclude.h"
#include "tap.h"

static void glob_is(const char *g, const char *path, int want) {
  ok(pv_glob_match(g, path) == want, "'%s' %s '%s'", g, want ? "matches" : "does not match", path);
}

int main(void) {
  glob_is("*.min.js", "a.min.js", 1);
  glob_is("*.min.js", "dist/x/a.min.js", 1); /* no '/': any depth */
  glob_is("*.min.js", "a.min.jsx", 0);
  glob_is("vendor", "vendor/a.js", 1); /* a parent directory */
  glob_is("vendor", "src/vendor/a.js", 1);
  glob_is("vendor", "vendors/a.js", 0);
  glob_is("vendor/", "vendor/a.js", 1);
  glob_is("vendor/", "src/vendor", 0); /* trailing '/': directories only */
  glob_is("/src/gen", "src/gen/a.js", 1);
  glob_is("src/gen", "lib/src/gen/a.js", 0); /* a '/': anchored at the root */
  glob_is("src/*.js", "src/a.js", 1);
  glob_is("src/*.js", "src/x/a.js", 0); /* '*' stays in one segment */
  glob_is("src/**/*.js", "src/a.js", 1);
  glob_is("src/**/*.js", "src/x/y/a.js", 1);
  glob_is("src/**/*.js", "lib/x/a.js", 0);
  glob_is("**/test/**", "a/b/test/c.js", 1);
  glob_is("**/test/**", "a/b/tests/c.js", 0);
  glob_is("a?.js", "ab.js", 1);
  glob_is("a?.js", "a/.js", 0);
  glob_is("\\*.js", "*.js", 1);
  glob_is("\\*.js", "a.js", 0);
  glob_is("# comment", "# comment", 0);
  glob_is("", "a.js", 0);
  char longp[2100];
  memset(longp, 'a', sizeof longp - 1);
  longp[sizeof longp - 1] = '\0';
  glob_is("*********************************b", longp, 0); /* no blow-up */
  return tap_done();
}
