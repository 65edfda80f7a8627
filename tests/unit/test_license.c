/* test_license.c — SPDX license expressions (annex D of the SPDX 2.3 spec):
 * what parses and into which tree, what is refused and why, the limits, and
 * the verdicts of licence policies. */
#include <stdio.h>
#include <string.h>

#include "../../sbom/license.h"
#include "tap.h"

static pv_arena *A;
static pv_limits LIM;

/* The canonical text of text, or "ERR: <message>". */
static const char *parsed(const char *text) {
  const pv_lic_expr *e = NULL;
  pv_error err = {0};
  if (pv_lic_parse(A, text, &LIM, &e, &err) != PV_OK)
    return pv_arena_printf(A, "ERR: %s", err.msg);
  return pv_lic_format(A, e);
}

static void test_valid(void) {
  static const char *const cases[][2] = {
      {"MIT", "MIT"},
      {"mit", "MIT"}, /* ids are case-insensitive: the SPDX list's spelling */
      {"  MIT\t", "MIT"},
      {"GPL-2.0+", "GPL-2.0+"},
      {"GPL-2.0-or-later", "GPL-2.0-or-later"},
      {"Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"},
      {"apache-2.0 with llvm-exception", "Apache-2.0 WITH LLVM-exception"},
      {"MIT OR Apache-2.0", "MIT OR Apache-2.0"},
      {"MIT or Apache-2.0", "MIT OR Apache-2.0"},
      {"MIT and BSD-3-Clause", "MIT AND BSD-3-Clause"},
      {"MIT AND BSD-3-Clause OR Apache-2.0", "(MIT AND BSD-3-Clause) OR Apache-2.0"},
      {"MIT OR BSD-3-Clause AND Apache-2.0", "MIT OR (BSD-3-Clause AND Apache-2.0)"},
      {"(MIT OR BSD-3-Clause) AND Apache-2.0", "(MIT OR BSD-3-Clause) AND Apache-2.0"},
      {"((MIT))", "MIT"},
      {"(MIT)AND(ISC)", "MIT AND ISC"},
      {"MIT OR ISC OR 0BSD OR Unlicense", "MIT OR ISC OR 0BSD OR Unlicense"},
      {"GPL-2.0-only WITH Classpath-exception-2.0 OR MIT", /* WITH binds tightest */
       "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT"},
      {"MIT AND (ISC AND 0BSD)", "MIT AND (ISC AND 0BSD)"},
      {"LicenseRef-Proprietary", "LicenseRef-Proprietary"},
      {"DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
       "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"},
      {"MIT WITH AdditionRef-my-addition", "MIT WITH AdditionRef-my-addition"},
      {"UNLICENSED", "UNLICENSED"}, /* an idstring, not on the SPDX list: judged later */
      {"Made-Up-1.0", "Made-Up-1.0"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    is_str(parsed(cases[i][0]), cases[i][1], "parses: %s", cases[i][0]);
}

static void test_malformed(void) {
  static const char *const cases[][2] = {
      {"", "empty licence expression"},
      {"   ", "empty licence expression"},
      {"SEE LICENSE IN LICENSE.txt", "byte 5: expected AND, OR or the end, found 'LICENSE'"},
      {"MIT/X11", "byte 4: expected AND, OR or the end, found '/'"},
      {"MIT OR", "byte 7: expected a licence or '(', found the end"},
      {"OR MIT", "byte 1: expected a licence or '(', found 'OR'"},
      {"MIT AND AND ISC", "found 'AND'"},
      {"MIT ISC", "byte 5: expected AND, OR or the end, found 'ISC'"},
      {"(MIT", "expected ')', found the end"},
      {"MIT)", "byte 4: expected AND, OR or the end, found ')'"},
      {"()", "byte 2: expected a licence or '(', found ')'"},
      {"MIT WITH", "expected an exception id after WITH, found the end"},
      {"MIT WITH (X)", "expected an exception id after WITH"},
      {"MIT WITH X WITH Y", "found 'WITH'"},
      {"(MIT OR ISC) WITH X", "WITH applies to one licence"},
      {"WITH", "expected a licence or '('"},
      {"GPL-2.0 +", "byte 9: expected AND, OR or the end, found '+'"},
      {"GPL-2.0++", "expected a licence id or LicenseRef-"},
      {"LicenseRef-x+", "expected a licence id or LicenseRef-"},
      {"LicenseRef-", "expected a licence id or LicenseRef-"},
      {"LicenseRef-a_b", "found '_'"},
      {"DocumentRef-x:MIT", "expected a licence id or LicenseRef-"},
      {"DocumentRef-:LicenseRef-x", "expected a licence id or LicenseRef-"},
      {"MIT:x", "expected a licence id or LicenseRef-"},
      {"MIT, ISC", "found ','"},
      {"\"MIT\"", "found '\"'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *got = parsed(cases[i][0]);
    ok(strncmp(got, "ERR: ", 5) == 0, "refused: '%s'", cases[i][0]);
    has_str(got, cases[i][1], "reason: '%s'", cases[i][0]);
  }
}

/* Long and deep expressions stop at the limits, never at the stack. */
static void test_limits(void) {
  char buf[20000];
  size_t n = 0;
  for (int i = 0; i < 32; i++)
    buf[n++] = '(';
  n += (size_t)snprintf(buf + n, sizeof buf - n, "MIT");
  for (int i = 0; i < 32; i++)
    buf[n++] = ')';
  buf[n] = '\0';
  is_str(parsed(buf), "MIT", "32 levels of parentheses parse (license_depth)");
  memmove(buf + 1, buf, n);
  buf[0] = '(';
  buf[n + 1] = ')';
  buf[n + 2] = '\0';
  has_str(parsed(buf), "nested deeper than 32", "33 levels are refused");

  memset(buf, '(', 15000);
  buf[15000] = '\0';
  has_str(parsed(buf), "longer than 4096 bytes", "a long run of '(' is refused by length");
  LIM.license_bytes = 20000;
  has_str(parsed(buf), "nested deeper than 32", "and by depth when longer ones are allowed");
  LIM.license_bytes = 4096;

  n = 0;
  for (int i = 0; i < 500; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%sMIT", i ? " OR " : "");
  const char *got = parsed(buf);
  ok(strncmp(got, "MIT OR MIT", 10) == 0 && strlen(got) == n, "500 operands (%zu bytes) parse", n);
  n += (size_t)snprintf(buf + n, sizeof buf - n, " OR ISC");
  for (int i = 0; i < 200; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, " AND ISC");
  has_str(parsed(buf), "longer than 4096 bytes", "%zu bytes are refused", n);
}

static pv_lic_policy *policy(const char *json) {
  pv_lic_policy *p = NULL;
  pv_error err = {0};
  if (pv_lic_policy_parse("p.json", (const unsigned char *)json, strlen(json), &LIM, &p, &err) !=
      PV_OK)
    fprintf(stderr, "# policy: %s\n", err.msg);
  return p;
}

static const char *verdict_name(pv_lic_verdict v) {
  static const char *const names[] = {"allowed", "review", "unknown", "denied"};
  return names[v];
}

/* "verdict: why" of text under p. */
static const char *judged(const pv_lic_policy *p, const char *text) {
  const pv_lic_expr *e = NULL;
  pv_error err = {0};
  if (pv_lic_parse(A, text, &LIM, &e, &err) != PV_OK)
    return "unparsed";
  pv_lic_outcome o = pv_lic_eval(p, e);
  return pv_arena_printf(A, "%s: %s %s", verdict_name(o.verdict),
                         o.term ? pv_lic_format(A, o.term) : "the expression", o.why);
}

static void test_policy_allow(void) {
  pv_lic_policy *p = policy(
      "{\"allow\": [\"MIT\", \"Apache-2.0\", \"GPL-2.0-or-later\","
      " \"LicenseRef-Ours\"], \"review\": [\"LGPL-2.1-only\"]}");
  if (!ok(p != NULL, "allow policy loads"))
    return;
  is_str(judged(p, "MIT"), "allowed: MIT is on the allow list", "MIT");
  is_str(judged(p, "mit"), "allowed: MIT is on the allow list", "ids ignore case");
  is_str(judged(p, "MIT OR GPL-3.0-only"), "allowed: MIT is on the allow list",
         "OR: one allowed licence is enough");
  is_str(judged(p, "GPL-3.0-only OR MIT"), "allowed: MIT is on the allow list", "in any order");
  is_str(judged(p, "MIT AND GPL-3.0-only"), "denied: GPL-3.0-only is not on the allow list",
         "AND: every licence must be allowed");
  is_str(judged(p, "MIT AND Apache-2.0"), "allowed: MIT is on the allow list", "AND twin");
  is_str(judged(p, "ISC"), "denied: ISC is not on the allow list", "not on the allow list");
  is_str(judged(p, "(MIT AND ISC) OR Apache-2.0"), "allowed: Apache-2.0 is on the allow list",
         "precedence: the AND is one alternative");
  is_str(judged(p, "MIT AND ISC OR Apache-2.0"), "allowed: Apache-2.0 is on the allow list",
         "AND binds tighter than OR");
  is_str(judged(p, "MIT AND (ISC OR Apache-2.0)"), "allowed: MIT is on the allow list",
         "parentheses: ISC OR Apache-2.0 is allowed");
  is_str(judged(p, "MIT AND (ISC OR BSD-2-Clause)"), "denied: ISC is not on the allow list",
         "twin: neither alternative allowed");
  is_str(judged(p, "GPL-2.0+"), "allowed: GPL-2.0+ is on the allow list",
         "GPL-2.0+ matches GPL-2.0-or-later");
  is_str(judged(p, "GPL-2.0-only"), "allowed: GPL-2.0-only is on the allow list",
         "GNU -only matches the same version");
  is_str(judged(p, "GPL-3.0-or-later"), "denied: GPL-3.0-or-later is not on the allow list",
         "another GNU version does not");
  is_str(judged(p, "Apache-2.0 WITH LLVM-exception"),
         "allowed: Apache-2.0 WITH LLVM-exception is on the allow list",
         "an exception only adds permissions");
  is_str(judged(p, "LGPL-2.1-only"), "review: LGPL-2.1-only is on the review list", "review");
  is_str(judged(p, "LGPL-2.1-only OR MIT"), "allowed: MIT is on the allow list",
         "an allowed alternative beats review");
  is_str(judged(p, "LGPL-2.1-only AND MIT"), "review: LGPL-2.1-only is on the review list",
         "review is worse than allowed under AND");
  is_str(judged(p, "Made-Up-1.0"), "unknown: Made-Up-1.0 is not an SPDX licence id",
         "not on the SPDX list: unknown, not denied");
  is_str(judged(p, "Made-Up-1.0 OR MIT"), "allowed: MIT is on the allow list", "unknown OR MIT");
  is_str(judged(p, "Made-Up-1.0 AND ISC"), "denied: ISC is not on the allow list",
         "denied is worse than unknown");
  is_str(judged(p, "LicenseRef-Ours"), "allowed: LicenseRef-Ours is on the allow list",
         "a listed LicenseRef");
  is_str(judged(p, "LicenseRef-Theirs"), "unknown: LicenseRef-Theirs is a LicenseRef on no list",
         "an unlisted LicenseRef");
  is_str(judged(p, "MIT WITH Not-An-Exception"),
         "allowed: MIT WITH Not-An-Exception is on the allow list",
         "an allowed licence with any exception is allowed");
  pv_lic_policy_free(p);
}

static void test_policy_deny(void) {
  pv_lic_policy *p = policy(
      "{\"deny\": [\"GPL-3.0-only\", \"AGPL-3.0\"],"
      " \"review\": [\"GPL-2.0-only WITH Classpath-exception-2.0\"]}");
  if (!ok(p != NULL, "deny policy loads"))
    return;
  is_str(judged(p, "GPL-3.0-only"), "denied: GPL-3.0-only is on the deny list", "denied");
  is_str(judged(p, "GPL-3.0+"), "denied: GPL-3.0+ is on the deny list", "GPL-3.0+ too");
  is_str(judged(p, "AGPL-3.0-or-later"), "denied: AGPL-3.0-or-later is on the deny list",
         "deprecated AGPL-3.0 matches AGPL-3.0-or-later");
  is_str(judged(p, "ISC"), "allowed: ISC is on no list", "a deny-only policy allows the rest");
  is_str(judged(p, "ISC OR GPL-3.0-only"), "allowed: ISC is on no list", "and an alternative");
  is_str(judged(p, "ISC AND GPL-3.0-only"), "denied: GPL-3.0-only is on the deny list",
         "twin: not a conjunction");
  is_str(judged(p, "GPL-2.0-only WITH Classpath-exception-2.0"),
         "review: GPL-2.0-only WITH Classpath-exception-2.0 is on the review list",
         "an entry with the exception");
  is_str(judged(p, "GPL-2.0-only"), "allowed: GPL-2.0-only is on no list",
         "twin: without the exception it is another licence");
  is_str(judged(p, "Made-Up-1.0"), "unknown: Made-Up-1.0 is not an SPDX licence id",
         "unknown ids stay unknown");
  pv_lic_policy_free(p);
  p = policy("{\"allow\": [\"MIT\"], \"review\": [\"MIT OR GPL-3.0-only\"]}");
  if (!ok(p != NULL, "policy with a compound entry loads"))
    return;
  is_str(judged(p, "mit or gpl-3.0-only"), "review: the expression is on the review list",
         "a compound entry matches the whole expression");
  is_str(judged(p, "GPL-3.0-only OR MIT"), "allowed: MIT is on the allow list",
         "twin: operands in another order are judged licence by licence");
  is_str(judged(p, "MIT"), "allowed: MIT is on the allow list", "twin: a part of it");
  pv_lic_policy_free(p);
}

static void test_policy_malformed(void) {
  static const char *const cases[][2] = {
      {"[]", "a licence policy is a JSON object"},
      {"{\"allow\": \"MIT\"}", "p.json:1: \"allow\" must be an array"},
      {"{\"allow\": [1]}", "p.json:1: allow[0] is not a string"},
      {"{\"deny\": [\"MIT\", \"SEE LICENSE IN x\"]}",
       "p.json:1: deny[1] 'SEE LICENSE IN x': byte 5"},
      {"{\"alow\": []}", "unknown key \"alow\""},
      {"{\"allow\": [", "p.json:1: not JSON"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    pv_lic_policy *p = NULL;
    pv_error err = {0};
    pv_status rc = pv_lic_policy_parse("p.json", (const unsigned char *)cases[i][0],
                                       strlen(cases[i][0]), &LIM, &p, &err);
    is_int(rc, PV_FAILED, "refused: %s", cases[i][0]);
    ok(p == NULL, "no policy: %s", cases[i][0]);
    has_str(err.msg, cases[i][1], "reason: %s", cases[i][0]);
  }
  pv_lic_policy *p = policy("{}");
  if (ok(p != NULL, "an empty policy loads")) {
    is_str(judged(p, "MIT"), "allowed: MIT is on no list", "and allows SPDX licences");
    is_str(judged(p, "Foo"), "unknown: Foo is not an SPDX licence id", "but not unknown ones");
  }
  pv_lic_policy_free(p);
}

int main(void) {
  A = pv_arena_new(0);
  LIM = pv_limits_default();
  test_valid();
  test_malformed();
  test_limits();
  test_policy_allow();
  test_policy_deny();
  test_policy_malformed();
  is_str(pv_lic_spdx_id("apache-2.0"), "Apache-2.0", "the SPDX list's spelling");
  ok(pv_lic_spdx_id("Apache2") == NULL, "not an SPDX id");
  pv_arena_delete(A);
  return tap_done();
}
