/* exec.h — which execs a confined plugin may make after the launcher's
 * own first one (docs/policy.md, "exec"), decided by the supervisor on the
 * file the exec would run, resolved as the plugin would reach it.
 *
 * Ownership: pvr_exec_rules owns its strings (pvr_exec_rules_free).
 */
#ifndef PVR_EXEC_H
#define PVR_EXEC_H

#include <limits.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/types.h>

#include "policy.h"

#define PVR_MAX_LOADERS 8

/* What an exec after the first may name (docs/policy.md, "exec"): files,
 * or directories whose files may all run, by canonical path; never a
 * dynamic loader (by name, or the same file as a program's PT_INTERP). */
typedef struct {
  char *path[PVR_MAX_PATHS];
  int is_dir[PVR_MAX_PATHS];
  size_t n;
  dev_t loader_dev[PVR_MAX_LOADERS];
  ino_t loader_ino[PVR_MAX_LOADERS];
  size_t n_loaders;
  /* The program's "#!/usr/bin/env NAME": the one exec of NAME (env_target,
   * canonical) the child may make right after its first. */
  char env_name[256];
  char env_target[PATH_MAX];
  int quiet_misses; /* a missing file in the runtime PATH gets ENOENT, unreported */
} pvr_exec_rules;

/* Add a file or directory (canonical path) to the rules; 0 or -1. */
int pvr_exec_rules_add(pvr_exec_rules *r, const char *path, int is_dir);
/* Record path as a dynamic loader (by its inode). */
void pvr_exec_rules_loader(pvr_exec_rules *r, const char *path);
/* Free the rules' strings. */
void pvr_exec_rules_free(pvr_exec_rules *r);

/* What the supervisor answers an exec. */
typedef enum {
  PVR_EXEC_ALLOW = 0, /* let it continue */
  PVR_EXEC_REFUSE,    /* EACCES, reported */
  PVR_EXEC_MISSING    /* ENOENT, not reported (a PATH search's miss) */
} pvr_exec_verdict;

/* The verdict on the execve/execveat of req (is_at: execveat); args gets
 * the description for the report ("path=... (why)"). env_pending: the
 * child's env follow-up is still allowed (cleared when used). */
pvr_exec_verdict pvr_exec_check(const pvr_exec_rules *r, const struct seccomp_notif *req, int is_at,
                                int *env_pending, char *args, size_t argsz);
/* A NUL-terminated string of process pid at addr into out; -1 when it
 * cannot be read or does not end within outsz bytes. */
int pvr_read_cstr(pid_t pid, unsigned long long addr, char *out, size_t outsz);

#endif
