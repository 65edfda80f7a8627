/* scripts.c — the install-time scripts of a package.json, parsed as shell
 * (shell.h), and the JavaScript files they run (pkg.h).
 *
 * Each hook is parsed once; `npm run X` (yarn, pnpm) follows script X, at
 * most RUN_DEPTH levels and each script once per hook. A command is looked
 * at past its wrappers (sudo, env, nohup, cross-env, npx, timeout...). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "pkg_impl.h"
#include "shell.h"

enum {
  RUN_DEPTH = 4,   /* `npm run` levels followed from a hook */
  DOWNLOADS = 16,  /* downloaded / chmod-ed file names remembered per script */
  REQ_PATH = 1024, /* bytes of one required path */
};

static const char *const hooks[] = {"preinstall", "install",    "postinstall",
                                    "prepare",    "prepublish", NULL};

static int in_list(const char *s, const char *const *l) {
  for (size_t i = 0; l[i]; i++)
    if (strcmp(s, l[i]) == 0)
      return 1;
  return 0;
}

static const char *const net_tools[] = {
    "curl",   "wget",  "nc",  "ncat", "netcat", "nslookup",          "dig",      "host", "ping",
    "telnet", "socat", "ftp", "tftp", "iwr",    "invoke-webrequest", "certutil", NULL};
static const char *const dns_tools[] = {"nslookup", "dig", "host", "ping", NULL};
static const char *const interpreters[] = {
    "sh",     "bash", "dash",   "zsh",     "ksh",
    "ash",    "node", "python", "python2", "python3",
    "perl",   "ruby", "php",    "iex",     "invoke-expression",
    "source", ".",    "eval",   NULL};

/* ---- one command past its wrappers ------------------------------------- */

typedef struct {
  const pv_sh_cmd *c;
  size_t k;       /* index of the command word */
  char name[64];  /* its base name, lower case, ".exe" cut */
  int background; /* nohup, setsid, disown, screen -d, tmux -d, start /b */
} cmdview;

static void set_name(cmdview *v) {
  v->name[0] = '\0';
  if (v->k >= v->c->n)
    return;
  snprintf(v->name, sizeof v->name, "%s", pv_sh_base(v->c->words[v->k]));
  for (char *p = v->name; *p; p++)
    *p = (char)tolower((unsigned char)*p);
  size_t n = strlen(v->name);
  if (n > 4 && strcmp(v->name + n - 4, ".exe") == 0)
    v->name[n - 4] = '\0';
}

static void view(const pv_sh_cmd *c, cmdview *v) {
  static const char *const plain[] = {"sudo",  "exec", "time",  "command", "nice", "npx",
                                      "then",  "else", "do",    "if",      "elif", "while",
                                      "until", "!",    "xargs", "builtin", NULL};
  static const char *const bg[] = {"nohup", "setsid", "disown", NULL};
  memset(v, 0, sizeof *v);
  v->c = c;
  for (;;) {
    set_name(v);
    if (v->k >= c->n)
      return;
    if (in_list(v->name, bg)) {
      v->background = 1;
      v->k++;
    } else if (in_list(v->name, plain)) {
      v->k++;
      while (v->k < c->n && c->words[v->k][0] == '-')
        v->k++;
    } else if (strcmp(v->name, "env") == 0 || strcmp(v->name, "cross-env") == 0) {
      v->k++;
      while (v->k < c->n && (strchr(c->words[v->k], '=') || c->words[v->k][0] == '-'))
        v->k++;
    } else if (strcmp(v->name, "timeout") == 0) {
      v->k += 2;
    } else if (strcmp(v->name, "start") == 0) { /* cmd.exe: start [/b /min ...] PROGRAM */
      for (v->k++; v->k < c->n && c->words[v->k][0] == '/'; v->k++)
        v->background |= strcasecmp(c->words[v->k], "/b") == 0;
    } else if ((strcmp(v->name, "screen") == 0 || strcmp(v->name, "tmux") == 0) &&
               v->k + 1 < c->n && strstr(c->words[v->k + 1], "d")) {
      v->background = 1;
      return;
    } else {
      return;
    }
  }
}

/* ---- what the words say ------------------------------------------------- */

static int lower_has(const char *s, const char *part) {
  size_t n = strlen(part);
  for (const char *p = s; *p; p++)
    if (strncasecmp(p, part, n) == 0)
      return 1;
  return 0;
}

/* A path into the user's credentials: a dotfile under the home directory,
 * SSH keys, /etc/passwd or /etc/shadow. */
static const char *credential_path(const char *w) {
  static const char *const home[] = {"~/",     "$home/",        "${home}/",     "/root/",
                                     "/home/", "%userprofile%", "$userprofile", NULL};
  static const char *const dot[] = {
      ".ssh",         ".npmrc",  ".aws",   ".git-credentials", ".docker/config",
      ".kube/config", ".netrc",  ".gnupg", ".bash_history",    ".config/gcloud",
      ".azure",       ".yarnrc", NULL};
  static const char *const anywhere[] = {"/etc/passwd", "/etc/shadow", "id_rsa",
                                         "id_ed25519",  "id_ecdsa",    NULL};
  for (size_t i = 0; anywhere[i]; i++)
    if (lower_has(w, anywhere[i]))
      return anywhere[i];
  int under_home = strcmp(w, "~") == 0 || strcmp(w, "$HOME") == 0;
  for (size_t i = 0; home[i] && !under_home; i++)
    under_home = lower_has(w, home[i]);
  for (size_t i = 0; under_home && dot[i]; i++)
    if (lower_has(w, dot[i]))
      return dot[i];
  return NULL;
}

/* A $NAME in w that holds host or account data or a secret. */
static int sensitive_var(const char *w) {
  static const char *const names[] = {"USER",       "LOGNAME",      "HOSTNAME", "USERNAME",
                                      "USERDOMAIN", "COMPUTERNAME", NULL};
  for (const char *p = strchr(w, '$'); p; p = strchr(p + 1, '$')) {
    const char *s = p + 1 + (p[1] == '{');
    size_t n = 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '_')
      n++;
    for (size_t i = 0; names[i]; i++)
      if (strlen(names[i]) == n && strncmp(s, names[i], n) == 0)
        return 1;
    if (n && pv_env_secret(s, n))
      return 1;
  }
  return 0;
}

/* ---- one script --------------------------------------------------------- */

typedef struct {
  pkg_ctx *c;
  const char *hook;   /* the lifecycle hook */
  const char *script; /* the script this command is in (the hook or one it runs) */
  const pv_sh_script *sc;
  const char *downloads[DOWNLOADS];
  size_t ndown;
  const char *exec_ok[DOWNLOADS]; /* chmod +x'ed */
  size_t nexec;
  int done[PR_COUNT]; /* one finding per rule and hook */
} scan_ctx;

static pv_status report(scan_ctx *s, int rule, const char *fmt, const char *what) {
  if (s->done[rule])
    return PV_OK;
  s->done[rule] = 1;
  char where[160] = "";
  if (strcmp(s->hook, s->script) != 0)
    snprintf(where, sizeof where, " (through the \"%s\" script it runs)", s->script);
  char msg[512];
  snprintf(msg, sizeof msg, fmt, what);
  return pkg_report(s->c, rule, PV_SEV_NONE, "scripts", s->hook,
                    "The %s script%s, run by npm install, %s.", s->hook, where, msg);
}

static const char *strip_dot(const char *w) {
  return strncmp(w, "./", 2) == 0 ? w + 2 : w;
}

static void remember(const char **list, size_t *n, const char *w) {
  if (*n < DOWNLOADS && w && *w)
    list[(*n)++] = strip_dot(w);
}

static int remembered(const char *const *list, size_t n, const char *w) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], strip_dot(w)) == 0)
      return 1;
  return 0;
}

/* Where a curl/wget command writes what it fetches. */
static void note_download(scan_ctx *s, const cmdview *v) {
  const pv_sh_cmd *c = v->c;
  int wget = strcmp(v->name, "wget") == 0;
  int remote_name = wget; /* curl -O / --remote-name: the URL's last segment */
  for (size_t i = v->k + 1; i < c->n; i++) {
    const char *w = c->words[i];
    if (strcmp(w, "--remote-name") == 0 || (w[0] == '-' && w[1] != '-' && strchr(w, 'O')))
      remote_name = !wget || remote_name;
    if (((strcmp(w, "-o") == 0 || strcmp(w, "--output") == 0) && !wget) ||
        ((strcmp(w, "-O") == 0 || strcmp(w, "-qO") == 0) && wget)) {
      if (i + 1 < c->n)
        remember(s->downloads, &s->ndown, c->words[++i]);
      remote_name = 0;
    } else if (strncmp(w, "--output-document=", 18) == 0) {
      remember(s->downloads, &s->ndown, w + 18);
      remote_name = 0;
    }
  }
  for (size_t i = v->k + 1; i < c->n && remote_name; i++)
    if (strstr(c->words[i], "://"))
      remember(s->downloads, &s->ndown, strrchr(c->words[i], '/') + 1);
  for (size_t i = 0; i < c->nredir; i++)
    if (c->redir[i].op == '>')
      remember(s->downloads, &s->ndown, c->redir[i].target);
  if (strcmp(v->name, "certutil") == 0 && c->n > v->k + 2 && c->words[c->n - 1][0] != '-' &&
      !strstr(c->words[c->n - 1], "://")) /* certutil -urlcache -f URL FILE */
    remember(s->downloads, &s->ndown, c->words[c->n - 1]);
}

/* The command that reads this one's output through a pipe, viewed. */
static int pipe_reader(const scan_ctx *s, size_t i, cmdview *out) {
  const pv_sh_cmd *c = &s->sc->cmds[i];
  if (c->sep != PV_SH_PIPE || i + 1 >= s->sc->n || s->sc->cmds[i + 1].depth != c->depth)
    return 0;
  view(&s->sc->cmds[i + 1], out);
  return 1;
}

/* The shell (or eval) a command substitution's output goes to: its parent. */
static int subst_to_shell(const scan_ctx *s, const pv_sh_cmd *c) {
  if (!c->in_subst || c->parent < 0 || (size_t)c->parent >= s->sc->n)
    return 0;
  cmdview pv;
  view(&s->sc->cmds[c->parent], &pv);
  return in_list(pv.name, interpreters);
}

/* An option whose argument is where a download goes, not what it sends
 * (wget -O FILE; curl's -O takes none). */
static int output_option(const char *w, int wget) {
  static const char *const opts[] = {
      "-o", "--output", "-P", "--directory-prefix", "--output-document", "--config", "-K", NULL};
  return in_list(w, opts) || (wget && strcmp(w, "-O") == 0);
}

static pv_status network_cmd(scan_ctx *s, size_t i, const cmdview *v) {
  const pv_sh_cmd *c = v->c;
  int dns = in_list(v->name, dns_tools);
  for (size_t k = v->k + 1; k < c->n; k++) {
    unsigned f = c->wflags[k];
    if (output_option(c->words[k], strcmp(v->name, "wget") == 0)) {
      k++;
      continue;
    }
    if ((f & PV_SH_W_SUBST) || ((f & PV_SH_W_VAR) && (dns || sensitive_var(c->words[k])))) {
      char what[256];
      snprintf(what, sizeof what, "%s %s", v->name, c->words[k]);
      return report(s, PR_EXFIL,
                    "sends data it reads from the host out with %s: host names, user names or "
                    "secrets built into a request or a DNS name are how install-time stealers "
                    "report home",
                    what);
    }
  }
  cmdview rd;
  if ((pipe_reader(s, i, &rd) && in_list(rd.name, interpreters)) || subst_to_shell(s, c))
    return report(s, PR_DOWNLOAD_EXEC,
                  "downloads code with %s and runs it in a shell or interpreter without any "
                  "integrity check",
                  v->name);
  note_download(s, v);
  return PV_OK;
}

/* `chmod +x F`, running a downloaded or chmod-ed file, or a native binary. */
static pv_status exec_cmd(scan_ctx *s, const cmdview *v) {
  const pv_sh_cmd *c = v->c;
  if (strcmp(v->name, "chmod") == 0) {
    for (size_t k = v->k + 1; k + 1 < c->n; k++)
      if (strchr(c->words[k], 'x') || strpbrk(c->words[k], "1357"))
        for (size_t j = k + 1; j < c->n; j++)
          remember(s->exec_ok, &s->nexec, c->words[j]);
    return PV_OK;
  }
  const char *run = c->words[v->k];
  if (in_list(v->name, interpreters)) {
    size_t k = v->k + 1;
    while (k < c->n && c->words[k][0] == '-')
      k++;
    run = k < c->n ? c->words[k] : "";
  }
  if (remembered(s->downloads, s->ndown, run))
    return report(s, PR_DOWNLOAD_EXEC, "runs %s, a file it has just downloaded", run);
  if (remembered(s->exec_ok, s->nexec, run))
    return report(s, PR_EXEC_FILE, "makes %s executable and runs it", run);
  char fwd[REQ_PATH]; /* bin\x.exe, as cmd.exe writes it */
  snprintf(fwd, sizeof fwd, "%s", run);
  for (char *p = fwd; *p; p++)
    *p = *p == '\\' ? '/' : *p;
  const pv_file *f = strchr(fwd, '/') ? pkg_file(s->c, "", fwd) : NULL;
  if (f != NULL && (f->flags & PV_FILE_NATIVE))
    return report(s, PR_EXEC_FILE, "runs %s, a native executable shipped in the package", run);
  return PV_OK;
}

static pv_status credential_cmd(scan_ctx *s, const cmdview *v) {
  const pv_sh_cmd *c = v->c;
  const char *hit = NULL;
  const char *word = NULL;
  for (size_t k = v->k; k < c->n && !hit; k++)
    if ((hit = credential_path(c->words[k])) != NULL)
      word = c->words[k];
  for (size_t k = 0; k < c->nredir && !hit; k++)
    if (c->redir[k].op == '<' && (hit = credential_path(c->redir[k].target)) != NULL)
      word = c->redir[k].target;
  if (hit == NULL)
    return PV_OK;
  char what[300];
  snprintf(what, sizeof what, "%s (%s)", word, v->name);
  return report(s, PR_CREDENTIALS,
                "touches %s: credentials and account files have no business in an install "
                "script",
                what);
}

static pv_status script_run(pkg_ctx *c, const char *hook, const char *name, unsigned depth,
                            const char **seen, size_t *nseen);

/* A file that runs again later: shell start-up files, crontabs, SSH's
 * authorized_keys, autostart and launchd entries. */
static int persistent_path(const char *w) {
  static const char *const parts[] = {
      ".bashrc",           ".bash_profile",   ".zshrc",       ".zshenv",
      ".zprofile",         "/.profile",       "/etc/profile", "/etc/cron",
      "/var/spool/cron",   "authorized_keys", "launchagents", "launchdaemons",
      ".config/autostart", "/etc/rc.local",   "systemd/user", NULL};
  for (size_t i = 0; parts[i]; i++)
    if (lower_has(w, parts[i]))
      return 1;
  return 0;
}

/* rm -r of the home directory, the root or everything under them. */
static int destructive_rm(const cmdview *v) {
  static const char *const roots[] = {"~",       "~/",        "~/*",           "/",
                                      "/*",      "$HOME",     "$HOME/",        "$HOME/*",
                                      "${HOME}", "${HOME}/*", "%USERPROFILE%", NULL};
  const pv_sh_cmd *c = v->c;
  int recursive = 0;
  if (strcmp(v->name, "rm") != 0 && strcmp(v->name, "rmdir") != 0 && strcmp(v->name, "del") != 0)
    return 0;
  for (size_t k = v->k + 1; k < c->n; k++) {
    const char *w = c->words[k];
    if (w[0] == '-' || w[0] == '/')
      recursive |= strpbrk(w + 1, "rRsS") != NULL || strcmp(w, "--recursive") == 0;
    if ((w[0] != '-' || w[1] == '\0') && in_list(w, roots))
      return recursive || strcmp(v->name, "del") == 0;
  }
  return 0;
}

/* Start-up entries written, crontab loaded, home deleted, miner started. */
static pv_status payload_cmd(scan_ctx *s, const cmdview *v) {
  const pv_sh_cmd *c = v->c;
  for (size_t k = 0; k < c->nredir; k++)
    if (c->redir[k].op == '>' && persistent_path(c->redir[k].target))
      return report(s, PR_PAYLOAD,
                    "writes to %s, a file that runs again at every login or on a schedule: "
                    "a way to persist after the install",
                    c->redir[k].target);
  if (strcmp(v->name, "crontab") == 0 && v->k + 1 < c->n && strcmp(c->words[v->k + 1], "-l") != 0)
    return report(s, PR_PAYLOAD, "loads a new crontab (%s): a way to persist after the install",
                  c->words[v->k + 1]);
  if (destructive_rm(v))
    return report(s, PR_PAYLOAD, "deletes the user's files (%s -r of the home or root directory)",
                  v->name);
  for (size_t k = v->k; k < c->n; k++)
    if (lower_has(c->words[k], "xmrig") || lower_has(c->words[k], "stratum+") ||
        lower_has(c->words[k], "--donate-level") || lower_has(c->words[k], "cryptonight"))
      return report(s, PR_PAYLOAD, "fetches or starts a cryptocurrency miner (%s)", c->words[k]);
  return PV_OK;
}

static pv_status shell_file(scan_ctx *s, const cmdview *v, unsigned depth, const char **seen,
                            size_t *nseen);

/* `python -c CODE`, `perl -e`, `ruby -e`, `node -e`, `php -r` whose code
 * fetches something and runs it (exec, eval, Function, system). */
static pv_status inline_code_cmd(scan_ctx *s, const cmdview *v) {
  static const char *const langs[] = {"python", "python2", "python3", "perl", "ruby",
                                      "node",   "nodejs",  "php",     NULL};
  static const char *const fetch[] = {"urlopen",   "urllib",   "requests.get", "http.get",
                                      "https.get", "fetch(",   "lwp::",        "net::http",
                                      "open-uri",  "uri.open", "http://",      "https://",
                                      NULL};
  static const char *const run[] = {"exec(", "eval(", "function(", "system(", "popen(", NULL};
  const pv_sh_cmd *c = v->c;
  if (!in_list(v->name, langs))
    return PV_OK;
  for (size_t k = v->k + 1; k + 1 < c->n; k++) {
    const char *w = c->words[k];
    if (!(strcmp(w, "-c") == 0 || strcmp(w, "-e") == 0 || strcmp(w, "--eval") == 0 ||
          strcmp(w, "-r") == 0 || strcmp(w, "-E") == 0))
      continue;
    const char *code = c->words[k + 1];
    int fetches = 0, runs = 0;
    for (size_t i = 0; fetch[i] && !fetches; i++)
      fetches = lower_has(code, fetch[i]);
    for (size_t i = 0; run[i] && !runs; i++)
      runs = lower_has(code, run[i]);
    if (fetches && runs)
      return report(s, PR_DOWNLOAD_EXEC,
                    "downloads code in an inline %s program and runs it (exec, eval) without "
                    "any integrity check",
                    v->name);
    return PV_OK;
  }
  return PV_OK;
}

/* `npm run X`, `npm run-script X`, `yarn X`, `yarn run X`, `pnpm run X`:
 * X, or NULL. */
static const char *runs_script(const cmdview *v) {
  const pv_sh_cmd *c = v->c;
  size_t k = v->k + 1;
  if (!(strcmp(v->name, "npm") == 0 || strcmp(v->name, "yarn") == 0 ||
        strcmp(v->name, "pnpm") == 0) ||
      k >= c->n)
    return NULL;
  const char *w = c->words[k];
  if (strcmp(w, "run") == 0 || strcmp(w, "run-script") == 0)
    return k + 1 < c->n ? c->words[k + 1] : NULL;
  return strcmp(v->name, "yarn") == 0 ? w : NULL;
}

/* Mark f and its local requires (breadth first) as install-time code. */
static void mark_install(pkg_ctx *c, pv_file *f) {
  pv_file *queue[256];
  size_t nq = 0;
  if (f == NULL || (f->flags & PV_FILE_INSTALL))
    return;
  f->flags |= PV_FILE_INSTALL;
  queue[nq++] = f;
  for (size_t qi = 0; qi < nq; qi++) {
    pv_file *g = queue[qi];
    const char *text = (const char *)g->data;
    size_t len = g->size;
    char dir[REQ_PATH] = "";
    const char *slash = strrchr(g->path, '/');
    size_t rl = strlen(c->root);
    if (slash && (size_t)(slash - g->path) > rl)
      snprintf(dir, sizeof dir, "%.*s", (int)(slash - g->path - rl), g->path + rl);
    for (size_t i = 0; i + 3 < len && text; i++) {
      if (!((text[i] == '\'' || text[i] == '"' || text[i] == '`') && text[i + 1] == '.' &&
            (text[i + 2] == '/' || (text[i + 2] == '.' && text[i + 3] == '/'))))
        continue;
      size_t j = i + 1;
      while (j < len && j - i < REQ_PATH - 1 && text[j] != text[i] && text[j] != '\n')
        j++;
      char rel[REQ_PATH];
      snprintf(rel, sizeof rel, "%.*s", (int)(j - i - 1), text + i + 1);
      pv_file *h = pkg_resolve(c, dir, rel);
      if (h != NULL && !(h->flags & PV_FILE_INSTALL) && nq < sizeof queue / sizeof *queue) {
        h->flags |= PV_FILE_INSTALL;
        queue[nq++] = h;
      }
      i = j;
    }
  }
}

/* `node FILE`, `node .`, `node -e CODE` (its local requires), `node -r X`. */
static void node_cmd(scan_ctx *s, const cmdview *v) {
  const pv_sh_cmd *c = v->c;
  int other = strcmp(v->name, "bun") == 0 || strcmp(v->name, "deno") == 0;
  if (strcmp(v->name, "node") != 0 && strcmp(v->name, "nodejs") != 0 && !other)
    return;
  for (size_t k = v->k + 1; k < c->n; k++) {
    const char *w = c->words[k];
    if (other && k == v->k + 1 && strcmp(w, "run") == 0)
      continue; /* bun run FILE, deno run FILE */
    if ((strcmp(w, "-e") == 0 || strcmp(w, "--eval") == 0 || strcmp(w, "-p") == 0 ||
         strcmp(w, "--print") == 0) &&
        k + 1 < c->n) {
      /* the code's requires, resolved from the package root */
      char path[REQ_PATH];
      snprintf(path, sizeof path, "%s-e", s->c->root);
      pv_file code = {.path = path,
                      .data = (const unsigned char *)c->words[k + 1],
                      .size = strlen(c->words[k + 1])};
      mark_install(s->c, &code);
      return;
    }
    if ((strcmp(w, "-r") == 0 || strcmp(w, "--require") == 0) && k + 1 < c->n) {
      mark_install(s->c, pkg_resolve(s->c, "", c->words[++k]));
      continue;
    }
    if (w[0] == '-')
      continue;
    mark_install(s->c, pkg_resolve(s->c, "", w));
    return;
  }
}

static pv_status scan_cmds(scan_ctx *s, unsigned depth, const char **seen, size_t *nseen) {
  for (size_t i = 0; i < s->sc->n; i++) {
    cmdview v;
    view(&s->sc->cmds[i], &v);
    pv_status rc = PV_OK;
    if (v.background || (s->sc->cmds[i].sep == PV_SH_BG))
      rc = report(s, PR_BACKGROUND,
                  "starts %s in the background, where it outlives the install and nobody sees "
                  "its output",
                  v.k < v.c->n ? v.c->words[v.k] : "a command");
    if (rc == PV_OK && in_list(v.name, net_tools))
      rc = network_cmd(s, i, &v);
    if (rc == PV_OK && v.k < v.c->n)
      rc = exec_cmd(s, &v);
    if (rc == PV_OK)
      rc = credential_cmd(s, &v);
    if (rc == PV_OK && v.k < v.c->n)
      rc = payload_cmd(s, &v);
    if (rc == PV_OK && v.k < v.c->n)
      rc = inline_code_cmd(s, &v);
    if (rc == PV_OK && v.k < v.c->n)
      rc = shell_file(s, &v, depth, seen, nseen);
    if (rc != PV_OK)
      return rc;
    if (v.k < v.c->n)
      node_cmd(s, &v);
    const char *next = v.k < v.c->n ? runs_script(&v) : NULL;
    if (next != NULL && (rc = script_run(s->c, s->hook, next, depth + 1, seen, nseen)) != PV_OK)
      return rc;
  }
  return PV_OK;
}

/* Parse and check script name (the hook itself at depth 0). */
static pv_status script_run(pkg_ctx *c, const char *hook, const char *name, unsigned depth,
                            const char **seen, size_t *nseen) {
  json_t *v = json_object_get(json_object_get(c->doc, "scripts"), name);
  if (!json_is_string(v) || depth > RUN_DEPTH || *nseen >= RUN_DEPTH * 4)
    return PV_OK;
  for (size_t i = 0; i < *nseen; i++)
    if (strcmp(seen[i], name) == 0)
      return PV_OK;
  seen[(*nseen)++] = name;
  pv_sh_limits lim = {c->lim->script_bytes, c->lim->script_cmds, c->lim->script_depth};
  pv_sh_script sc;
  pv_status rc = pv_sh_parse(c->r->arena, json_string_value(v), json_string_length(v), &lim, &sc);
  if (rc == PV_FATAL)
    return rc;
  if (rc == PV_WARN)
    pv_result_note(c->r, PV_NOTE_WARNING, "script-truncated", c->manifest->path,
                   "%s: the \"%s\" script is past the limits of the shell reader (%u bytes, %u "
                   "commands, %u levels of sh -c or $(...)); the rest is not checked",
                   c->manifest->path, name, (unsigned)lim.bytes_max, (unsigned)lim.cmds_max,
                   lim.depth_max);
  scan_ctx s = {.c = c, .hook = hook, .script = name, .sc = &sc};
  return scan_cmds(&s, depth, seen, nseen);
}

/* `sh FILE`, `bash FILE`, `./FILE.sh`: a shell script shipped in the
 * package, checked as if it were written in the hook. */
static pv_status shell_file(scan_ctx *s, const cmdview *v, unsigned depth, const char **seen,
                            size_t *nseen) {
  static const char *const shells[] = {"sh",  "bash",   "dash", "zsh", "ksh",
                                       "ash", "source", ".",    NULL};
  const pv_sh_cmd *c = v->c;
  const char *run = c->words[v->k];
  if (in_list(v->name, shells)) {
    size_t k = v->k + 1;
    while (k < c->n && c->words[k][0] == '-' && strcmp(c->words[k], "-c") != 0)
      k++;
    run = k < c->n && c->words[k][0] != '-' ? c->words[k] : NULL;
  } else if (strncmp(run, "./", 2) != 0 || strlen(run) < 4 || strcmp(run + strlen(run) - 3, ".sh"))
    run = NULL;
  const pv_file *f = run ? pkg_file(s->c, "", strip_dot(run)) : NULL;
  if (f == NULL || f->data == NULL || depth >= RUN_DEPTH || *nseen >= RUN_DEPTH * 4)
    return PV_OK;
  for (size_t i = 0; i < *nseen; i++)
    if (strcmp(seen[i], f->path) == 0)
      return PV_OK;
  seen[(*nseen)++] = f->path;
  pv_sh_limits lim = {s->c->lim->script_bytes, s->c->lim->script_cmds, s->c->lim->script_depth};
  pv_sh_script sc;
  pv_status rc = pv_sh_parse(s->c->r->arena, (const char *)f->data, f->size, &lim, &sc);
  if (rc == PV_FATAL)
    return rc;
  scan_ctx sub = {.c = s->c, .hook = s->hook, .script = run, .sc = &sc};
  memcpy(sub.done, s->done, sizeof sub.done);
  rc = scan_cmds(&sub, depth + 1, seen, nseen);
  for (int i = 0; i < PR_COUNT; i++)
    s->done[i] |= sub.done[i];
  return rc;
}

pv_status pkg_scripts(pkg_ctx *c) {
  json_t *scripts = json_object_get(c->doc, "scripts");
  if (!json_is_object(scripts))
    return PV_OK;
  for (size_t i = 0; hooks[i]; i++) {
    const char *seen[RUN_DEPTH * 4];
    size_t nseen = 0;
    pv_status rc = script_run(c, hooks[i], hooks[i], 0, seen, &nseen);
    if (rc != PV_OK)
      return rc;
  }
  return PV_OK;
}
