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

/* One variant of p into out: kind picks the change (an edit, a
 * separator, a homoglyph, a scope, an affix), r the place and the byte. */
static void variant(const char *p, unsigned kind, unsigned r, char *out, size_t outsz) {
  static const char bytes[] = "abcdefghijklmnopqrstuvwxyz-._0123456789";
  size_t n = strlen(p), at = n ? r % n : 0;
  char c = bytes[(r / 7) % (sizeof bytes - 1)];
  const char *glyph = strpbrk(p, "olmw");
  const char *dash = strchr(p, '-');
  switch (kind % 8) {
    case 0: /* a deletion */
      snprintf(out, outsz, "%.*s%s", (int)at, p, n ? p + at + 1 : "");
      break;
    case 1: /* a transposition */
      snprintf(out, outsz, "%s", p);
      if (at + 1 < n) {
        out[at] = p[at + 1];
        out[at + 1] = p[at];
      }
      break;
    case 2: /* a substitution */
      snprintf(out, outsz, "%s", p);
      if (n)
        out[at] = c;
      break;
    case 3: /* an insertion */
      snprintf(out, outsz, "%.*s%c%s", (int)at, p, c, p + at);
      break;
    case 4: /* a separator */
      snprintf(out, outsz, "%.*s%c%s", (int)at, p, "-_."[r % 3], p + at);
      break;
    case 5: /* a homoglyph */
      if (glyph == NULL)
        snprintf(out, outsz, "%s", p);
      else
        snprintf(out, outsz, "%.*s%s%s", (int)(glyph - p), p,
                 *glyph == 'o'   ? "0"
                 : *glyph == 'l' ? "1"
                 : *glyph == 'm' ? "rn"
                                 : "vv",
                 glyph + 1);
      break;
    case 6: /* a scope folded in or out */
      if (p[0] == '@' && strchr(p, '/'))
        snprintf(out, outsz, "%.*s-%s", (int)(strchr(p, '/') - p - 1), p + 1, strchr(p, '/') + 1);
      else if (dash != NULL)
        snprintf(out, outsz, "@%.*s/%s", (int)(dash - p), p, dash + 1);
      else
        snprintf(out, outsz, "@x/%s", p);
      break;
    default: /* an affix */
      snprintf(out, outsz, r & 1 ? "node-%s" : "%s-js", p);
  }
}

/* The index gives what the pass over all names gives, on variants of
 * every 31st popular name (and on the names themselves). */
static void test_index_agrees(void) {
  size_t checked = 0, found = 0, wrong = 0;
  unsigned r = 7;
  for (size_t i = 0; i < pv_npm_popular_len; i += 31) {
    for (unsigned kind = 0; kind < 9; kind++) {
      char v[300];
      r = r * 1103515245u + 12345u;
      if (kind == 8)
        snprintf(v, sizeof v, "%s", pv_npm_popular[i]);
      else
        variant(pv_npm_popular[i], kind, r >> 8, v, sizeof v);
      const char *how1 = NULL, *how2 = NULL;
      const char *a = pv_npm_typosquat(v, &how1);
      const char *b = pv_npm_typosquat_scan(v, &how2);
      checked++;
      found += b != NULL;
      if ((a != b || how1 != how2) && wrong++ < 5)
        fprintf(stderr, "# %s: index %s (%s), pass %s (%s)\n", v, a ? a : "-", how1 ? how1 : "",
                b ? b : "-", how2 ? how2 : "");
    }
  }
  is_int((long long)wrong, 0, "the index and the full pass agree on %zu names", checked);
  ok(found * 2 > checked, "most variants imitate a popular name (%zu of %zu)", found, checked);
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
  test_index_agrees();
  return tap_done();
}
