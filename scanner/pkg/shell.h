/* shell.h — a bounded parser for the POSIX shell subset npm scripts use
 * (npm runs each script with `sh -c`): words with '...', "..." and \
 * quoting, `|`, `&&`, `||`, `;`, `&`, newlines, `( )` grouping, comments,
 * redirections (`<`, `>`, `>>`, `2>&1`, `&>`), leading NAME=value
 * assignments, `$VAR`/`${...}`, and command substitution (`$(...)` and
 * backticks). Not a shell: no expansion, no here-documents, no keywords;
 * `if`/`then`/`for`... are plain words of the command they start.
 *
 * Nested scripts are parsed too: the contents of each command substitution
 * and the script argument of `sh -c`, `bash -c` (dash, zsh, ksh) and
 * `eval`, up to depth_max levels. Their commands follow those of the level
 * that holds them, with depth + 1; within one level, commands keep their
 * order, so a command whose sep is PV_SH_PIPE feeds the next one.
 *
 * Hostile input: bytes_max bounds the script, cmds_max the commands in all
 * levels, depth_max the nesting; past a limit parsing stops, what was
 * parsed stays, and pv_sh_parse returns PV_WARN. Unbalanced quotes or
 * substitutions end at the end of the script (as a lenient reader would).
 *
 * Ownership: everything lives in the arena passed in. */
#ifndef PV_SHELL_H
#define PV_SHELL_H

#include <stddef.h>
#include <stdint.h>

#include "../base.h"

/* pv_sh_cmd.wflags[i] */
enum {
  PV_SH_W_SUBST = 1u << 0,  /* holds $(...) or `...` (the word keeps the raw text) */
  PV_SH_W_VAR = 1u << 1,    /* holds $NAME, ${...} or $((...)) */
  PV_SH_W_QUOTED = 1u << 2, /* some part was quoted */
};

/* What follows a command. */
typedef enum { PV_SH_END = 0, PV_SH_SEMI, PV_SH_AND, PV_SH_OR, PV_SH_PIPE, PV_SH_BG } pv_sh_sep;

/* One redirection: '<' input, '>' output (also >>, &>, >|). */
typedef struct {
  char op;
  const char *target; /* the word after it, quotes removed */
} pv_sh_redir;

/* One simple command. words[0] is the command name (after the leading
 * assignments, which are in assign[]); a command of assignments only has
 * n == 0. */
typedef struct {
  const char **words; /* quotes removed, substitutions kept as written */
  const unsigned *wflags;
  size_t n;
  const char **assign; /* "NAME=value" */
  size_t nassign;
  const pv_sh_redir *redir;
  size_t nredir;
  pv_sh_sep sep;  /* what follows it */
  unsigned depth; /* 0: the script itself */
  int in_subst;   /* runs inside a command substitution */
  int parent;     /* index of the command whose word or `sh -c` holds it, -1 at depth 0 */
} pv_sh_cmd;

typedef struct {
  pv_sh_cmd *cmds;
  size_t n;
  int truncated; /* a limit stopped parsing (the return was PV_WARN) */
} pv_sh_script;

typedef struct {
  size_t bytes_max; /* bytes of the script parsed; more are ignored */
  size_t cmds_max;  /* commands kept over all levels */
  unsigned depth_max;
} pv_sh_limits;

/* Parse script[0..len) into out (zeroed first). PV_OK, PV_WARN when a limit
 * stopped it (out->truncated), PV_FATAL on out-of-memory. */
pv_status pv_sh_parse(pv_arena *a, const char *script, size_t len, const pv_sh_limits *lim,
                      pv_sh_script *out);

/* The last path component of a command word ("/usr/bin/curl" → "curl"). */
const char *pv_sh_base(const char *word);

#endif
