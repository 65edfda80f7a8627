/* plugvet.c — the command-line front end: main looks the command up in
 * commands[] and runs it; the same table gives the main usage text. The
 * commands (commands.h) are the only code that prints to the user or exits;
 * the libraries below return statuses. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "common.h"

#ifndef PV_VERSION
#define PV_VERSION "0.0.0"
#endif

/* One line of the usage text's command list. A command may have several
 * (rules has one per subcommand); dispatch takes the first row whose name
 * is the one typed. A row without synopsis is an alias, not listed. */
typedef struct {
  const char *name; /* plugvet NAME ... */
  pv_cmd_fn *fn;
  const char *synopsis; /* the left column: NAME and its arguments */
  const char *summary;  /* one line; a '\n' goes on under the summary column */
} command;

/* Adding a command: a row here, its declaration in commands.h, its file. */
static const command commands[] = {
    {"scan", pv_cmd_scan, "scan INPUT...", "vet plugin archives, directories or files"},
    {"sbom", pv_cmd_sbom, "sbom INPUT", "write the CycloneDX SBOM of a plugin's dependencies"},
    {"policy", pv_cmd_policy, "policy INPUT",
     "write the plugvet-run policy a plugin declares, and\n"
     "report the capabilities it uses without declaring"},
    {"rules", pv_cmd_rules, "rules test PATH", "run rules against their annotated test files"},
    {"rules", pv_cmd_rules, "rules list", "list the loaded rules (--markdown for docs)"},
    {"rules", pv_cmd_rules, "rules validate PATH...",
     "check rule files and report every error (FILE:LINE)"},
    {"rules", pv_cmd_rules, "rules compat PATH...",
     "try each rule alone: loads, or what is unsupported"},
    {"db", pv_cmd_db, "db update|status",
     "update or show the local OSV database (plugvet db --help)"},
    {"verify", pv_cmd_verify, "verify FILE...",
     "check minisign or signify signatures against trusted keys"},
    {"sign", pv_cmd_sign, "sign -s SECKEY FILE", "sign a file (minisign or signify format)"},
    {"keygen", pv_cmd_keygen, "keygen -p PUB -s SEC", "make an Ed25519 key pair for sign"},
    {"version", pv_cmd_version, "version", "print the version"},
    {"--version", pv_cmd_version, NULL, NULL},
    {"help", pv_cmd_help, NULL, NULL},
    {"--help", pv_cmd_help, NULL, NULL},
    {"-h", pv_cmd_help, NULL, NULL},
};

enum {
  N_COMMANDS = sizeof commands / sizeof commands[0],
  SYNOPSIS_WIDTH = 16, /* a longer synopsis has its summary on the next line */
  SUMMARY_COLUMN = 2 + SYNOPSIS_WIDTH + 2,
};

/* "  SYNOPSIS          summary", continuation lines under the summary. */
static void print_command(FILE *out, const command *c) {
  if (strlen(c->synopsis) > SYNOPSIS_WIDTH)
    fprintf(out, "  %s\n%*s", c->synopsis, SUMMARY_COLUMN, "");
  else
    fprintf(out, "  %-*s  ", SYNOPSIS_WIDTH, c->synopsis);
  for (const char *s = c->summary; *s != '\0'; s++) {
    fputc(*s, out);
    if (*s == '\n')
      fprintf(out, "%*s", SUMMARY_COLUMN, "");
  }
  fputc('\n', out);
}

static const char usage_head[] =
    "usage: plugvet <command> [options]\n"
    "\n"
    "commands:\n";
static const char usage_tail[] =
    "\n"
    "Run 'plugvet scan --help' for scan options; 'man plugvet' for more.\n";

static void print_usage(FILE *out) {
  fputs(usage_head, out);
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (commands[i].synopsis != NULL)
      print_command(out, &commands[i]);
  fputs(usage_tail, out);
}

static const command *find_command(const char *name) {
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp(commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int pv_cmd_version(int argc, char **argv, const pv_env *env) {
  printf("plugvet %s\n", PV_VERSION);
  return EXIT_CLEAN;
}

int pv_cmd_help(int argc, char **argv, const pv_env *env) {
  print_usage(stdout);
  return EXIT_CLEAN;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    print_usage(stderr);
    return EXIT_INPUT;
  }
  const command *c = find_command(argv[1]);
  if (c == NULL) {
    fprintf(stderr, "plugvet: unknown command '%s'\n", argv[1]);
    print_usage(stderr);
    return EXIT_INPUT;
  }
  pv_env env;
  pv_env_read(&env);
  return c->fn(argc - 1, argv + 1, &env);
}
