/* supervisor.h — the seccomp user-notification supervisor of plugvet-run:
 * lets exactly the launcher's own first exec continue, answers every other
 * notified call with an ordinary error, and counts what it refused.
 *
 * Ownership: pvr_super owns its notification buffers, the listener fd once
 * handed over (pvr_super_set_fd), and its records; pvr_super_free releases
 * them.
 */
#ifndef PVR_SUPERVISOR_H
#define PVR_SUPERVISOR_H

#include <limits.h>
#include <sys/types.h>

#include <jansson.h>

#include "../../scanner/base.h"

#define PVR_MAX_REFUSALS 256

/* One group of refused calls with the same syscall and arguments. */
typedef struct {
  char syscall[32];
  char args[320];
  pid_t pid; /* first process seen making it */
  unsigned long count;
} pvr_refusal;

typedef struct {
  int fd;      /* listener, -1 until handed over */
  pid_t child; /* the launcher's child: the only one that may exec once */
  int first_exec_done;
  char exe[PATH_MAX]; /* the absolute path the first exec must name */
  pvr_refusal items[PVR_MAX_REFUSALS];
  size_t n;
  unsigned long total, ungrouped;
  void *req, *resp; /* libseccomp notification buffers */
} pvr_super;

/* Prepare for child and its program exe; allocates the buffers. */
pv_status pvr_super_init(pvr_super *s, pid_t child, const char *exe, pv_error *err);
/* Take ownership of the listener fd received from the child. */
void pvr_super_set_fd(pvr_super *s, int fd);
/* Receive and answer one notification. 0 when handled (or the caller died
 * meanwhile), -1 when the listener is unusable (close it). */
int pvr_super_handle(pvr_super *s);
/* The refusals as a JSON array, most frequent first; caller decrefs. */
json_t *pvr_super_json(const pvr_super *s);
/* Close the listener and free everything. */
void pvr_super_free(pvr_super *s);

#endif
