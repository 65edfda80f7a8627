/* test_popular.c — the popular npm names (scanner/pkg/popular.c, generated
 * by tools/gen-npm-popular) and the typosquatting check against them:
 * each way of imitating a name, with the twins that must not count. */
#include <stdio.h>
#include <string.h>

#include "../../scanner/pkg/popular.h"
#include "tap.h"

/* "POPULAR (HOW)" or "-" for a name. */
static const char *squat(const char *name) {
  static char buf[300];
  const char *how = NULL;
  const char *p = pv_npm_typosquat(name, &how);
  if (p == NULL)
    return "-";
  snprintf(buf, sizeof buf, "%s (%s)", p, how);
  return buf;
}

int main(void) {
  ok(pv_npm_popular_len > 9000, "the table holds the popular names (%zu)", pv_npm_popular_len);
  for (size_t i = 1; i < pv_npm_popular_len; i++)
    if (strcmp(pv_npm_popular[i - 1], pv_npm_popular[i]) >= 0) {
      ok(0, "sorted at %zu", i);
      break;
    }
  ok(pv_npm_is_popular("lodash") && pv_npm_is_popular("@babel/core"), "lodash and @babel/core");
  ok(!pv_npm_is_popular("lodahs"), "lodahs is not popular");

  is_str(squat("lodahs"), "lodash (one edit)", "transposition");
  is_str(squat("expresss"), "express (one edit)", "insertion");
  is_str(squat("axois"), "axios (one edit)", "transposition, 5 bytes");
  is_str(squat("mongose"), "mongoose (one edit)", "deletion");
  is_str(squat("lo-da-sh"), "lodash (a separator change)", "separators");
  is_str(squat("rnoment"), "moment (a homoglyph)", "rn for m");
  is_str(squat("c0mmander"), "commander (a homoglyph)",
         "0 for o (a digit edit counts only as a homoglyph)");
  is_str(squat("c0mrnander"), "commander (a homoglyph)", "0 for o and rn for m");
  is_str(squat("chalk-js"), "chalk (an added prefix or suffix)", "-js");
  is_str(squat("node-yargs"), "yargs (an added prefix or suffix)", "node-");
  is_str(squat("@evil/babel-core"), "-", "a scope with another name part");
  is_str(squat("@babel-core/x"), "-", "an unrelated scoped name");

  static const char *const twins[] = {
      "lodash",              /* popular itself */
      "@babel/core",         /* popular, scoped */
      "@types/lodash",       /* type packages mirror names by design */
      "babel-preset-es2017", /* a digit: a version, not an imitation */
      "markdownlint-cli2",
      "typescript3",
      "rollup-plugin-babel", /* the old name of @rollup/plugin-babel */
      "my-own-plugin",
      "ms2", /* short names: no edit check */
      "",
  };
  for (size_t i = 0; i < sizeof twins / sizeof *twins; i++)
    is_str(squat(twins[i]), "-", "twin '%s'", twins[i]);
  char big[400];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  is_str(squat(big), "-", "a name longer than npm allows");
  return tap_done();
}
