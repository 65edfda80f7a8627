/* supervisor.h — the seccomp user-notification supervisor of plugvet-run:
 * lets the launcher's own first exec continue, and every later exec whose
 * file the exec rules allow; answers every other notified call with an
 * ordinary error (or kills, for a never-allowed call), and counts what it
 * refused.
 *
 * Ownership: pvr_super owns its notification buffers, the listener fd once
 * handed over (pvr_super_set_fd), and its records; it borrows the exec
 * rules (exec.h). pvr_super_free releases what it owns.
 */
#ifndef PVR_SUPERVISOR_H
#define PVR_SUPERVISOR_H

#include <limits.h>
#include <sys/types.h>

#include <jansson.h>

#include "../../scanner/base.h"
#include "exec.h"

#define PVR_MAX_REFUSALS 256     /* groups of any kind */
#define PVR_RESERVED_REFUSALS 64 /* more groups, for policy refusals and kills only */
#define PVR_MAX_CALLS 512        /* distinct system calls counted */

/* One group of refused calls with the same syscall and arguments. policy:
 * a policy refusal (exec, socket, bind, listen, namespace clone, TIOCSTI)
 * or a kill, not merely a call outside the allow-list. */
typedef struct {
  char syscall[32];
  char args[320];
  pid_t pid; /* first process seen making it */
  unsigned long count;
  int policy;
} pvr_refusal;

/* Every refused call is counted by name, whether or not its group fits. */
typedef struct {
  char syscall[32];
  unsigned long count;
} pvr_call_count;

typedef struct {
  int fd;      /* listener, -1 until handed over */
  pid_t child; /* the launcher's child: the only one that may exec once */
  int first_exec_done;
  char exe[PATH_MAX]; /* the absolute path the first exec must name */
  const pvr_exec_rules *rules;
  int env_pending; /* the child may still make its env follow-up exec */
  pvr_refusal items[PVR_MAX_REFUSALS + PVR_RESERVED_REFUSALS];
  size_t n, n_plain; /* groups; those that are not policy refusals */
  pvr_call_count calls[PVR_MAX_CALLS];
  size_t n_calls;
  unsigned long total, ungrouped;
  int kill; /* a never-allowed call was made: kill the plugin */
  char kill_syscall[32];
  pid_t kill_pid;
  void *req, *resp; /* libseccomp notification buffers */
} pvr_super;

/* Prepare for child and its program exe under rules (borrowed); allocates
 * the buffers. */
pv_status pvr_super_init(pvr_super *s, pid_t child, const char *exe, const pvr_exec_rules *rules,
                         pv_error *err);
/* Take ownership of the listener fd received from the child. */
void pvr_super_set_fd(pvr_super *s, int fd);
/* Receive and answer one notification. 0 when handled (or the caller died
 * meanwhile), -1 when the listener is unusable (close it). A never-allowed
 * call (seccomp.h's kill list, another architecture's numbers) gets its
 * process SIGKILLed before the answer and sets s->kill: the caller kills
 * the rest of the plugin. */
int pvr_super_handle(pvr_super *s);
/* The refusals as a JSON array, policy refusals first, then the most
 * frequent; caller decrefs. */
json_t *pvr_super_json(const pvr_super *s);
/* The refusal counts by system call as a JSON object; caller decrefs. */
json_t *pvr_super_counts_json(const pvr_super *s);
/* The groups sorted as pvr_super_json lists them, into out (room for
 * PVR_MAX_REFUSALS + PVR_RESERVED_REFUSALS); returns how many. */
size_t pvr_super_sorted(const pvr_super *s, pvr_refusal *out);
/* Close the listener and free everything. */
void pvr_super_free(pvr_super *s);

#endif
