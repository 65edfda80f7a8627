/* commands.h — the plugvet commands: `plugvet NAME ARGS...` calls
 * pv_cmd_NAME, found in the commands[] table of tools/plugvet.c, which also
 * builds the main usage text from it. Each lives in tools/cmd_NAME.c
 * (policy shares tools/cmd_scan.c; version and help are in plugvet.c).
 *
 * Every command is called with argv[0] its name as typed and argc counting
 * it, and the environment main read once (common.h: pv_env; the command
 * passes what the libraries need in their config). It parses its own
 * options, prints its own output and errors, and returns the exit code
 * (common.h: EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL). On bad
 * usage it may print and exit(EXIT_INPUT) itself. */
#ifndef PV_TOOLS_COMMANDS_H
#define PV_TOOLS_COMMANDS_H

#include "common.h"

typedef int pv_cmd_fn(int argc, char **argv, const pv_env *env);

/* Vet each INPUT and write the reports; 0 clean, 1 findings at --fail-on, 2, 3. */
int pv_cmd_scan(int argc, char **argv, const pv_env *env);
/* Scan one INPUT with the capability check on and write its plugvet-run policy. */
int pv_cmd_policy(int argc, char **argv, const pv_env *env);
/* Write the CycloneDX SBOM of one INPUT (tools/cmd_sbom.c). */
int pv_cmd_sbom(int argc, char **argv, const pv_env *env);
/* `rules test|list|validate` (tools/cmd_rules.c); argv[1] is the subcommand. */
int pv_cmd_rules(int argc, char **argv, const pv_env *env);
/* `db update|status` on the local OSV store (tools/cmd_db.c). */
int pv_cmd_db(int argc, char **argv, const pv_env *env);
/* Check minisign/signify signatures of FILEs (tools/cmd_verify.c); 0 all
 * good, 1 a check failed, 2 an input unreadable. */
int pv_cmd_verify(int argc, char **argv, const pv_env *env);
/* Sign a FILE with a minisign or signify secret key (tools/cmd_verify.c). */
int pv_cmd_sign(int argc, char **argv, const pv_env *env);
/* Write a new key pair (tools/cmd_verify.c). */
int pv_cmd_keygen(int argc, char **argv, const pv_env *env);
/* Print "plugvet VERSION" on stdout; 0. Arguments are ignored. */
int pv_cmd_version(int argc, char **argv, const pv_env *env);
/* Print the main usage text on stdout; 0. Arguments are ignored. */
int pv_cmd_help(int argc, char **argv, const pv_env *env);

#endif
