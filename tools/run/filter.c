/* filter.c — a run's seccomp filter from the table built with the
 * launcher (seccomp.h). */
#include <stdlib.h>
#include <string.h>

#include "seccomp.h"

pv_status pvr_seccomp_filter(const pvr_policy *p, pvr_bpf *out, pv_error *err) {
  int bind = p->net == PVR_NET_ANY || p->n_bind > 0;
  for (size_t i = 0; i < pvr_bpf_table_n; i++) {
    const pvr_bpf_shape *s = &pvr_bpf_table[i];
    if (s->net != p->net || s->bind != bind) {
      continue;
    }
    memset(out, 0, sizeof *out);
    out->insns = malloc(s->len * sizeof *s->insns);
    if (!out->insns) {
      return pv_error_set(err, PV_FATAL, "seccomp: out of memory");
    }
    memcpy(out->insns, s->insns, s->len * sizeof *s->insns);
    out->len = s->len;
    return PV_OK;
  }
  return pvr_seccomp_build(p, out, err);
}
