/* test_prefilter.c — the Aho–Corasick word set, checked against memmem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/rules/prefilter.h"
#include "tap.h"

/* Every word's presence in text agrees with memmem. */
static int agrees(const pv_strset *s, char *const *w, uint32_t n, const char *text) {
  uint8_t present[64];
  pv_strset_scan(s, (const unsigned char *)text, strlen(text), present, NULL);
  for (uint32_t i = 0; i < n; i++)
    if (present[i] != (memmem(text, strlen(text), w[i], strlen(w[i])) != NULL))
      return 0;
  return 1;
}

static void test_fixed(void) {
  char *w[] = {"child_process", "exec", "he", "she", "his", "hers", "process", "ss"};
  uint32_t n = sizeof w / sizeof *w;
  pv_strset *s = pv_strset_new();
  for (uint32_t i = 0; i < n; i++)
    is_int(pv_strset_add(s, w[i], strlen(w[i])), i, "word gets the next id");
  is_int(pv_strset_add(s, "exec", 4), 1, "the same word gets the same id");
  is_int(pv_strset_count(s), n, "distinct words counted");
  ok(pv_strset_build(s) == 0, "builds");
  is_int(pv_strset_add(s, "late", 4), -1 & 0xffffffffLL, "no word added after build");
  uint8_t p[8];
  pv_strset_scan(s, (const unsigned char *)"ushers", 6, p, NULL);
  ok(p[2], "overlapping words found through failure links (ushers): he");
  ok(p[3], "overlapping words found through failure links (ushers): she");
  ok(p[5], "overlapping words found through failure links (ushers): hers");
  ok(!p[4], "overlapping words found through failure links (ushers): not his");
  pv_strset_scan(s, (const unsigned char *)"require('child_procss')", 22, p, NULL);
  ok(!p[0], "a truncated word is absent: child_process");
  ok(!p[6], "a truncated word is absent: process");
  ok(p[7], "its suffix words are present: ss");
  ok(agrees(s, w, n, "const cp = require('node:child_process'); cp.exec(x)"),
     "agrees with memmem (1)");
  ok(agrees(s, w, n, ""), "empty text: nothing present");
  ok(agrees(s, w, n, "sssss hhhe xexecc"), "agrees with memmem (2)");
  pv_strset_delete(s);
}

/* A word recorded as a token is listed only where it is not part of a
 * longer identifier; the same word recorded by another caller as a
 * substring too is listed everywhere. */
static void test_token_occurrences(void) {
  const char *text = "execute exec x.exec(y) my_exec $exec exec";
  for (int token = 1; token >= 0; token--) {
    pv_strset *s = pv_strset_new();
    pv_strset_add(s, "exec", 4);
    pv_strset_record(s, 0, 1);
    if (!token)
      pv_strset_record(s, 0, 0);
    pv_strset_build(s);
    uint8_t p[4];
    pv_occs occ = {0};
    pv_strset_scan(s, (const unsigned char *)text, strlen(text), p, &occ);
    char got[128] = "";
    for (uint32_t k = 0; k < occ.n; k += 3)
      snprintf(got + strlen(got), sizeof got - strlen(got), "%s%u", k ? "," : "", occ.v[k]);
    is_str(
        got, token ? "8,15,37" : "0,8,15,26,32,37",
        token ? "a token word: only whole identifiers" : "recorded as a substring too: everywhere");
    free(occ.v);
    pv_strset_delete(s);
  }
}

/* The occurrences recorded for the even-numbered words are exactly those
 * memmem finds, with their ranges, and none of the others. */
static int occurrences_agree(pv_strset *s, char *const *w, uint32_t n, const char *text) {
  uint8_t present[64];
  pv_occs occ = {0};
  pv_strset_scan(s, (const unsigned char *)text, strlen(text), present, &occ);
  uint32_t want = 0, good = !occ.over;
  for (uint32_t i = 0; i < n; i += 2)
    for (const char *p = text; (p = memmem(p, strlen(p), w[i], strlen(w[i]))) != NULL;
         p++, want++) {
      uint32_t at = (uint32_t)(p - text), found = 0;
      for (uint32_t k = 0; k < occ.n; k += 3)
        found |= occ.v[k] == at && occ.v[k + 1] == at + strlen(w[i]) && occ.v[k + 2] == i;
      good &= found;
    }
  good &= occ.n == 3 * want;
  free(occ.v);
  return good;
}

/* Random words over a small alphabet (many shared prefixes and suffixes)
 * against random texts. */
static void test_random(void) {
  srand(7);
  int bad = 0;
  for (int round = 0; round < 200; round++) {
    char *w[40];
    uint32_t n = 1 + (uint32_t)(rand() % 40);
    pv_strset *s = pv_strset_new();
    for (uint32_t i = 0; i < n; i++) {
      size_t len = 1 + (size_t)(rand() % 6);
      w[i] = calloc(len + 1, 1);
      for (size_t k = 0; k < len; k++)
        w[i][k] = "abc\xff"[rand() % 4];
    }
    uint32_t distinct = 0;
    for (uint32_t i = 0; i < n; i++)
      distinct += pv_strset_add(s, w[i], strlen(w[i])) == distinct;
    /* keep only first occurrences so ids are positions in w */
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
      int dup = 0;
      for (uint32_t j = 0; j < k; j++)
        dup |= strcmp(w[j], w[i]) == 0;
      if (dup)
        free(w[i]);
      else
        w[k++] = w[i];
    }
    for (uint32_t i = 0; i < k; i += 2)
      pv_strset_record(s, i, 0);
    pv_strset_build(s);
    char text[200];
    size_t tl = (size_t)(rand() % 199);
    for (size_t i = 0; i < tl; i++)
      text[i] = "abcd\xff"[rand() % 5];
    text[tl] = '\0';
    bad += k != distinct || !agrees(s, w, k, text) || !occurrences_agree(s, w, k, text);
    for (uint32_t i = 0; i < k; i++)
      free(w[i]);
    pv_strset_delete(s);
  }
  is_int(bad, 0, "200 random word sets agree with memmem (presence and recorded occurrences)");
}

/* The ids of the words pv_regex_words finds in re, as "#0|#1" ("" for none). */
static const char *words_min(const char *re, uint32_t min) {
  static char out[256];
  pv_strset *s = pv_strset_new();
  pv_wordgroup g;
  out[0] = '\0';
  if (pv_regex_words(re, strlen(re), min, s, &g) != 0)
    snprintf(out, sizeof out, "OOM");
  for (uint32_t i = 0; i < g.n; i++) {
    size_t l = strlen(out);
    snprintf(out + l, sizeof out - l, "%s#%u", i ? "|" : "", g.id[i]);
  }
  pv_strset_delete(s);
  return out;
}

/* Non-zero if text satisfies the requirement pv_regex_words finds in re. */
static int holds(const char *re, const char *text) {
  pv_strset *s = pv_strset_new();
  pv_wordgroup g;
  pv_regex_words(re, strlen(re), PV_WORD_MIN, s, &g);
  pv_strset_build(s);
  uint8_t p[64] = {0};
  pv_strset_scan(s, (const unsigned char *)text, strlen(text), p, NULL);
  int h = pv_wordgroup_holds(&g, p);
  pv_strset_delete(s);
  return h;
}

static const char *words_of(const char *re) {
  return words_min(re, PV_WORD_MIN);
}

static void test_regex_words(void) {
  is_str(words_min("(\\$|jQuery)$", 1), "#0|#1", "anchor words may be one byte long");
  is_str(words_of("(\\$|jQuery)$"), "", "... prefilter words may not");
  is_str(words_of("(innerHTML|outerHTML|srcdoc)$"), "#0|#1|#2", "alternatives of a group");
  ok(holds("(innerHTML|outerHTML|srcdoc)$", "x.srcdoc = y"),
     "a group holds when one alternative occurs");
  ok(!holds("(innerHTML|outerHTML|srcdoc)$", "x.inner = y"), "... not otherwise");
  is_str(words_of("AKIA[0-9A-Z]{16}"), "#0", "a literal run before a class");
  ok(holds("AKIA[0-9A-Z]{16}", "key AKIAXYZ"), "a run holds where it occurs");
  ok(!holds("AKIA[0-9A-Z]{16}", "akia"), "run is case-sensitive");
  ok(holds("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----", " PRIVATE KEY-----"),
     "the longest mandatory run is kept; an optional group is skipped");
  ok(!holds("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----"),
     "... and the run is required (twin)");
  ok(holds("[\"'`](__proto__|prototype)[\"'`]$", "o['prototype']"), "a group between classes");
  ok(!holds("[\"'`](__proto__|prototype)[\"'`]$", "o['proto']"), "a group between classes (twin)");
  ok(holds("^(?:eval|Function)$", "new Function"), "a non-capturing group");
  ok(!holds("^(?:eval|Function)$", "evil()"), "a non-capturing group (twin)");
  is_str(words_of("(?i)password"), "", "case-insensitive flags: no requirement");
  ok(holds("(?<![\\w$])eval\\s*\\(", "x = eval (y)"), "a lookbehind is skipped, the run kept");
  ok(!holds("(?<![\\w$])eval\\s*\\(", "x = evil(y)"), "... and required (twin)");
  ok(holds("(?!safe)dangerous(?=Call)", "dangerousCall"), "lookaheads are skipped");
  ok(!holds("(?!safe)dangerous(?=Call)", "safeCall"),
     "... the run between them is required (twin)");
  is_str(words_of("x(?!secret)"), "", "a negative lookahead's word is never required");
  is_str(words_of("(?<name>abc)def"), "", "named groups: no requirement");
  is_str(words_of("ab"), "", "words shorter than 3 bytes are not required");
  is_str(words_of("abcd?"), "#0", "an optional last character leaves the run before it");
  ok(holds("abcd?", "abc"), "the run before an optional character");
  ok(!holds("abcd?", "abd"), "the run before an optional character (twin)");
  is_str(words_of("foo|ba"), "", "a top-level alternative that is too short: none");
  ok(holds("exec|spawn", "cp.spawn(x)"), "top-level alternatives");
  ok(!holds("exec|spawn", "run(x)"), "top-level alternatives (twin)");
  is_str(words_of("(a|b(c|d))xyz"), "#0", "nested groups are skipped, the run is kept");
  ok(holds("\\.execSync\\(", "cp.execSync("), "escaped punctuation joins the run");
  ok(!holds("\\.execSync\\(", "cp.execSync ("), "escaped punctuation joins the run (twin)");
  is_str(words_of("\\x41BCDEF"), "", "hex escapes: no requirement");
  is_str(words_of("^(axz|ayz|bxz|byz|cxz|cyz|dxz|dyz|exz|eyz|fxz|fyz|gxz|gyz|hxz|hyz|ixz|iyz|jxz|"
                  "jyz|kxz|kyz|lxz|lyz|mxz|myz|nxz|nyz|oxz|oyz|pxz|pyz|qxz)$"),
         "", "more than 32 alternatives: none");
  is_str(words_of("^(axz|ayz|bxz|byz|cxz|cyz|dxz|dyz|exz|eyz|fxz|fyz|gxz|gyz|hxz|hyz|ixz|iyz|jxz|"
                  "jyz|kxz|kyz|lxz|lyz|mxz|myz|nxz|nyz|oxz|oyz|pxz|pyz)$"),
         "#0|#1|#2|#3|#4|#5|#6|#7|#8|#9|#10|#11|#12|#13|#14|#15|#16|#17|#18|#19|#20|#21|#22|#23|#"
         "24|#25|#26|#27|#28|#29|#30|#31",
         "32 alternatives");
  is_str(words_of("x(aaa||bbb)"), "", "an empty alternative: none");
  const char *nested =
      "[\\s\\S]*(node_modules\\b|require\\.resolve\\(|\\.(vscode|cursor)[/]+extensions\\b)";
  is_str(words_of(nested), "#0|#1|#2", "nested alternatives: one word of each");
  ok(holds(nested, "p = home + '/.vscode/extensions/x'"),
     "... holds when an alternative's word occurs");
  ok(holds(nested, "require.resolve('x')"), "... holds when another alternative's word occurs");
  ok(!holds(nested, "p = '/.vscode/settings.json'"), "... not otherwise");
  is_str(words_of("(abc|d)xy"), "", "an alternative without a word: the group gives none");
  is_str(words_of("[abc"), "", "an unclosed class does not overrun");
  is_str(words_of("(abc"), "", "an unclosed group does not overrun");
}

int main(void) {
  test_regex_words();
  test_fixed();
  test_token_occurrences();
  test_random();
  pv_strset *e = pv_strset_new();
  ok(pv_strset_build(e) == 0, "an empty set builds");
  uint8_t p[1] = {7};
  pv_strset_scan(e, (const unsigned char *)"abc", 3, p, NULL);
  ok(p[0] == 7, "scanning with an empty set touches nothing");
  pv_strset_delete(e);
  pv_strset_delete(NULL);
  return tap_done();
}
