/* report.c — the --report JSON (format in docs/policy.md) and the stderr
 * summary of a plugvet-run run. */
#include "report.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static json_t *landlock_json(const pvr_report *r) {
  const pvr_landlock *ll = r->ll;
  json_t *o = json_object(), *sk = json_array();
  json_object_set_new(o, "abi", json_integer(ll ? ll->abi : 0));
  json_object_set_new(o, "enforced", json_boolean(r->landlock_on));
  json_object_set_new(o, "handled_fs", json_integer(ll ? (json_int_t)ll->fs : 0));
  json_object_set_new(o, "tcp_ports", json_boolean(r->landlock_on && ll && ll->net));
  json_object_set_new(o, "scoped", json_boolean(r->landlock_on && ll && ll->scoped));
  if (ll && !r->landlock_on && ll->why[0])
    json_object_set_new(o, "unavailable", json_string(ll->why));
  for (size_t i = 0; ll && i < ll->skipped.n; i++)
    json_array_append_new(sk, json_string(ll->skipped.items[i]));
  json_object_set_new(o, "skipped_paths", sk);
  json_object_set_new(o, "denials",
                      json_string(r->landlock_on && ll && ll->restrict_flags
                                      ? "not observable here (logged to the audit log)"
                                      : "not observable"));
  return o;
}

static json_t *signal_json(int sig) {
  char name[32];
  if (!sig)
    return json_null();
  snprintf(name, sizeof name, "SIG%s", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
  return json_string(name);
}

static json_t *result_json(const pvr_report *r) {
  json_t *o = json_object();
  json_object_set_new(o, "started", json_boolean(r->started));
  json_object_set_new(o, "exit_code", r->exit_code >= 0 ? json_integer(r->exit_code) : json_null());
  json_object_set_new(o, "signal", signal_json(r->signal));
  json_object_set_new(o, "timed_out", json_boolean(r->timed_out));
  json_object_set_new(o, "status", json_integer(r->status));
  json_object_set_new(o, "cpu_seconds", json_real(r->cpu_s));
  json_object_set_new(o, "wall_seconds", json_real(r->wall_s));
  json_object_set_new(o, "peak_rss_kib", json_integer(r->peak_rss_kib));
  if (r->error)
    json_object_set_new(o, "error", json_string(r->error));
  return o;
}

json_t *pvr_report_json(const pvr_report *r) {
  json_t *o = json_object(), *argv = json_array(), *sc = json_object(), *user;
  json_object_set_new(o, "plugvet_run_report", json_integer(PVR_REPORT_VERSION));
  for (size_t i = 0; r->argv && r->argv[i]; i++)
    json_array_append_new(argv, json_string(r->argv[i]));
  json_object_set_new(o, "command", argv);
  json_object_set_new(o, "program", r->exe ? json_string(r->exe) : json_null());
  json_object_set_new(o, "policy", pvr_policy_to_json(r->policy));
  user = json_pack("{s:i,s:i,s:b}", "uid", (int)r->uid, "gid", (int)r->gid, "nproc_enforced",
                   r->nproc_enforced);
  if (!r->nproc_enforced)
    json_object_set_new(user, "note",
                        json_string("running as root: the process limit is not enforced"));
  json_object_set_new(o, "user", user);
  json_object_set_new(o, "degraded", json_boolean(r->degraded));
  json_object_set_new(o, "landlock", landlock_json(r));
  json_object_set_new(sc, "mode", json_string(r->seccomp_mode ? r->seccomp_mode : "none"));
  json_object_set_new(o, "seccomp", sc);
  json_object_set_new(o, "unshare_net", json_boolean(r->unshare_net));
  json_object_set_new(o, "result", result_json(r));
  json_object_set_new(o, "refused", r->sup ? pvr_super_json(r->sup) : json_array());
  json_object_set_new(o, "refused_total", json_integer(r->sup ? (json_int_t)r->sup->total : 0));
  return o;
}

pv_status pvr_report_write(const pvr_report *r, const char *file, pv_error *err) {
  json_t *j = pvr_report_json(r);
  int rc = json_dump_file(j, file, JSON_INDENT(2) | JSON_SORT_KEYS);
  json_decref(j);
  if (rc != 0)
    return pv_error_set(err, PV_FAILED, "report %s: %s", file, strerror(errno));
  return PV_OK;
}

static void outcome_line(const pvr_report *r, FILE *out) {
  if (!r->started) {
    fprintf(out, "plugvet-run: not started: %s (exit %d)\n", r->error ? r->error : "?", r->status);
    return;
  }
  if (r->timed_out)
    fprintf(out, "plugvet-run: wall-clock timeout after %.1fs: process group killed", r->wall_s);
  else if (r->signal)
    fprintf(out, "plugvet-run: killed by SIG%s",
            sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "?");
  else
    fprintf(out, "plugvet-run: exit %d", r->exit_code);
  fprintf(out, ", cpu %.2fs, peak rss %ld MiB\n", r->cpu_s, r->peak_rss_kib / 1024);
}

void pvr_report_summary(const pvr_report *r, FILE *out) {
  outcome_line(r, out);
  if (r->degraded)
    fprintf(out, "plugvet-run: WARNING: DEGRADED: %s; the plugin ran without Landlock\n",
            r->ll && r->ll->why[0] ? r->ll->why : "Landlock unavailable");
  if (!r->nproc_enforced && r->started)
    fprintf(out, "plugvet-run: note: running as root, the process limit is not enforced\n");
  if (!r->sup || !r->sup->total)
    return;
  fprintf(out, "plugvet-run: %lu refused action%s:\n", r->sup->total,
          r->sup->total == 1 ? "" : "s");
  for (size_t i = 0; i < r->sup->n && i < 10; i++)
    fprintf(out, "  %s(%s) x%lu\n", r->sup->items[i].syscall, r->sup->items[i].args,
            r->sup->items[i].count);
}
