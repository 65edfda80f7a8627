/* seccomp.h — the plugvet-run seccomp-bpf filter, built with libseccomp
 * and loaded by the child with one raw seccomp(2) call. libseccomp takes 1
 * to 2 ms of CPU to build it, so the build does it once (tools/gen-bpf
 * writes every shape a policy can ask for into a table linked into the
 * launcher), and a run takes its shape from the table.
 *
 * Ownership: pvr_bpf owns its instructions; pvr_bpf_free frees them.
 */
#ifndef PVR_SECCOMP_H
#define PVR_SECCOMP_H

#include <linux/filter.h>
#include <stddef.h>

#include "policy.h"

typedef struct {
  struct sock_filter *insns;
  unsigned short len;
} pvr_bpf;

/* Build the filter for policy p into out with libseccomp. */
pv_status pvr_seccomp_build(const pvr_policy *p, pvr_bpf *out, pv_error *err);

/* What of a policy shapes the filter (socket, bind and listen rules): its
 * network mode, and whether it has a bind grant. */
typedef struct {
  pvr_net_mode net;
  int bind;
  const struct sock_filter *insns;
  unsigned short len;
} pvr_bpf_shape;
/* The shapes pvr_seccomp_build makes, built with the launcher (generated
 * by tools/gen-bpf: bpf_table.c in the build directory). */
extern const pvr_bpf_shape pvr_bpf_table[];
extern const size_t pvr_bpf_table_n;
/* The filter for policy p into out: a copy of its shape from the table,
 * or built with libseccomp when the table lacks it. */
pv_status pvr_seccomp_filter(const pvr_policy *p, pvr_bpf *out, pv_error *err);
/* In the child (no_new_privs already set): install the filter and return
 * the user-notification listener fd, or -errno. */
int pvr_seccomp_load(const pvr_bpf *b);
/* Free the instructions. */
void pvr_bpf_free(pvr_bpf *b);
/* Name of native syscall nr into out ("#NR" when unknown). */
void pvr_syscall_name(int nr, char *out, size_t outsz);
/* Native syscall number of name, or -1. */
int pvr_syscall_nr(const char *name);
/* The native architecture's name ("x86_64", "aarch64", ...). */
const char *pvr_seccomp_arch(void);
/* Whether the kernel and libseccomp support user notification. */
int pvr_seccomp_notify_ok(void);
/* Whether the named call is never allowed (the plugin is killed). */
int pvr_seccomp_is_kill(const char *name);

#endif
