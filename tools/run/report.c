/* report.c — the --report JSON (format in docs/policy.md) and the stderr
 * summary of a plugvet-run run. */
#include "report.h"

#include "cgroup.h"

#include <sched.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    json_array_append_new(sk, pvr_json_text(ll->skipped.items[i]));
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

/* Who ended the plugin, when it was the launcher: a plugin's own exit(124)
 * or SIGSYS cannot pass for a timeout or a seccomp kill. */
static json_t *killer_json(const pvr_report *r) {
  if (!r->killed_by) {
    return json_null();
  }
  json_t *o = json_object();
  json_object_set_new(o, "reason", json_string(r->killed_by));
  if (r->kill_syscall) {
    json_object_set_new(o, "syscall", pvr_json_text(r->kill_syscall));
    json_object_set_new(o, "pid", json_integer(r->kill_pid));
  }
  if (r->stop_signal) {
    json_object_set_new(o, "signal", signal_json(r->stop_signal));
  }
  return o;
}

static json_t *result_json(const pvr_report *r) {
  json_t *o = json_object();
  json_object_set_new(o, "started", json_boolean(r->started));
  json_object_set_new(o, "exit_code", r->exit_code >= 0 ? json_integer(r->exit_code) : json_null());
  json_object_set_new(o, "signal", signal_json(r->signal));
  json_object_set_new(o, "timed_out", json_boolean(r->timed_out));
  json_object_set_new(o, "killed_by_launcher", killer_json(r));
  json_object_set_new(o, "status", json_integer(r->status));
  json_object_set_new(o, "cpu_seconds", json_real(r->cpu_s));
  json_object_set_new(o, "wall_seconds", json_real(r->wall_s));
  json_object_set_new(o, "peak_rss_kib", json_integer(r->peak_rss_kib));
  if (r->error)
    json_object_set_new(o, "error", pvr_json_text(r->error));
  return o;
}

static json_t *env_withheld_json(const pvr_policy *p) {
  json_t *a = json_array();
  for (size_t i = 0; i < p->env_withheld.n; i++) {
    json_array_append_new(a, pvr_json_text(p->env_withheld.items[i]));
  }
  return a;
}

/* The run's namespaces: {"user": true, ...}, or null without them. */
static json_t *ns_json(const pvr_report *r) {
  static const struct {
    int flag;
    const char *name;
  } t[] = {{CLONE_NEWUSER, "user"}, {CLONE_NEWPID, "pid"},  {CLONE_NEWIPC, "ipc"},
           {CLONE_NEWUTS, "uts"},   {CLONE_NEWNS, "mount"}, {CLONE_NEWNET, "net"}};
  if (!r->ns_flags) {
    return json_null();
  }
  json_t *o = json_object();
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    json_object_set_new(o, t[i].name, json_boolean(r->ns_flags & t[i].flag));
  }
  return o;
}

/* What the rlimits (and the cgroup, when there is one) leave unbounded. */
static json_t *unbounded_json(const pvr_cgroup *cg) {
  const char *list[PVR_CG_UNBOUNDED];
  pvr_cgroup_unbounded(cg, list);
  json_t *a = json_array();
  for (size_t i = 0; list[i]; i++) {
    json_array_append_new(a, json_string(list[i]));
  }
  return a;
}

static json_t *cgroup_json(const pvr_cgroup *cg) {
  if (!cg->version) {
    return json_null();
  }
  json_t *dirs = json_array();
  for (size_t i = 0; i < cg->n_dirs; i++) {
    json_array_append_new(dirs, pvr_json_text(cg->dir[i]));
  }
  json_t *cpu = cg->cpu_on ? json_integer((json_int_t)cg->cpu_percent) : json_null();
  return json_pack("{s:i,s:o,s:I,s:i,s:I,s:o,s:I,s:I}", "version", cg->version, "dirs", dirs,
                   "memory_max", (json_int_t)cg->memory_max, "swap_max", 0, "pids_max",
                   (json_int_t)cg->pids_max, "cpu_percent", cpu, "oom_kills",
                   (json_int_t)cg->oom_kills, "memory_peak", (json_int_t)cg->memory_peak);
}

json_t *pvr_report_json(const pvr_report *r) {
  json_t *o = json_object(), *argv = json_array(), *sc = json_object(), *user;
  json_object_set_new(o, "plugvet_run_report", json_integer(PVR_REPORT_VERSION));
  for (size_t i = 0; r->argv && r->argv[i]; i++)
    json_array_append_new(argv, pvr_json_text(r->argv[i]));
  json_object_set_new(o, "command", argv);
  json_object_set_new(o, "program", r->exe ? pvr_json_text(r->exe) : json_null());
  json_object_set_new(o, "policy", pvr_policy_to_json(r->policy));
  json_object_set_new(o, "entry_read", r->entry_dir ? pvr_json_text(r->entry_dir) : json_null());
  json_object_set_new(o, "env_withheld", env_withheld_json(r->policy));
  user = json_pack("{s:i,s:i,s:b}", "uid", (int)r->uid, "gid", (int)r->gid, "nproc_enforced",
                   r->nproc_enforced);
  if (r->uid_leased >= 0)
    json_object_set_new(user, "leased", json_boolean(r->uid_leased));
  if (!r->nproc_enforced)
    json_object_set_new(user, "note",
                        json_string("running as root: the process limit is not enforced"));
  json_object_set_new(o, "user", user);
  json_object_set_new(o, "degraded", json_boolean(r->degraded));
  json_object_set_new(o, "landlock", landlock_json(r));
  json_object_set_new(sc, "mode", json_string(r->seccomp_mode ? r->seccomp_mode : "none"));
  json_object_set_new(o, "seccomp", sc);
  json_object_set_new(o, "unshare_net", json_boolean(r->unshare_net));
  json_object_set_new(o, "namespaces", ns_json(r));
  json_object_set_new(o, "private_root", json_boolean(r->private_root));
  json_object_set_new(o, "cgroup", cgroup_json(r->cg));
  json_object_set_new(o, "cgroup_why", r->cg->version ? json_null() : pvr_json_text(r->cg->why));
  json_object_set_new(o, "unbounded", unbounded_json(r->cg));
  json_object_set_new(o, "result", result_json(r));
  json_object_set_new(o, "refused", r->sup ? pvr_super_json(r->sup) : json_array());
  json_object_set_new(o, "refused_total", json_integer(r->sup ? (json_int_t)r->sup->total : 0));
  json_object_set_new(o, "refused_by_syscall",
                      r->sup ? pvr_super_counts_json(r->sup) : json_object());
  json_object_set_new(o, "refused_ungrouped",
                      json_integer(r->sup ? (json_int_t)r->sup->ungrouped : 0));
  return o;
}

pv_status pvr_report_write(const pvr_report *r, int fd, const char *file, pv_error *err) {
  json_t *j = pvr_report_json(r);
  int rc = j ? json_dumpfd(j, fd, JSON_INDENT(2) | JSON_SORT_KEYS) : -1;
  json_decref(j);
  if (rc != 0 || write(fd, "\n", 1) != 1) {
    return pv_error_set(err, PV_FAILED, "report %s: %s", file, strerror(errno));
  }
  return PV_OK;
}

/* Print s on out with control characters and bad bytes escaped. */
static void put_safe(FILE *out, const char *s) {
  char *e = pvr_escape(s ? s : "?", 1);
  fputs(e ? e : "?", out);
  free(e);
}

static void killed_line(const pvr_report *r, FILE *out) {
  if (!strcmp(r->killed_by, "timeout")) {
    fprintf(out, "plugvet-run: wall-clock timeout after %.1fs: process group killed", r->wall_s);
  } else if (!strcmp(r->killed_by, "memory")) {
    fprintf(out,
            "plugvet-run: killed: out of memory in the run's cgroup (%llu MiB, shared "
            "memory included)",
            (unsigned long long)(r->cg->memory_max >> 20));
  } else if (!strcmp(r->killed_by, "seccomp")) {
    fputs("plugvet-run: killed by the launcher: never-allowed call ", out);
    put_safe(out, r->kill_syscall);
    fprintf(out, " (pid %d)", (int)r->kill_pid);
  } else {
    fprintf(out, "plugvet-run: killed by the launcher on SIG%s",
            sigabbrev_np(r->stop_signal) ? sigabbrev_np(r->stop_signal) : "?");
  }
}

static void outcome_line(const pvr_report *r, FILE *out) {
  if (!r->started) {
    fputs("plugvet-run: not started: ", out);
    put_safe(out, r->error);
    fprintf(out, " (exit %d)\n", r->status);
    return;
  }
  if (r->killed_by)
    killed_line(r, out);
  else if (r->signal)
    fprintf(out, "plugvet-run: killed by SIG%s",
            sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "?");
  else
    fprintf(out, "plugvet-run: exit %d", r->exit_code);
  fprintf(out, ", cpu %.2fs, peak rss %ld MiB\n", r->cpu_s, r->peak_rss_kib / 1024);
}

static void refusals_lines(const pvr_super *sup, FILE *out) {
  static pvr_refusal sorted[PVR_MAX_REFUSALS + PVR_RESERVED_REFUSALS];
  size_t n = pvr_super_sorted(sup, sorted);
  fprintf(out, "plugvet-run: %lu refused action%s:\n", sup->total, sup->total == 1 ? "" : "s");
  for (size_t i = 0; i < n && i < 10; i++) {
    fputs("  ", out);
    put_safe(out, sorted[i].syscall);
    fputc('(', out);
    put_safe(out, sorted[i].args);
    fprintf(out, ") x%lu\n", sorted[i].count);
  }
  if (n > 10) {
    fprintf(out, "  ... %zu more groups in the report\n", n - 10);
  }
  if (sup->ungrouped) {
    fprintf(out, "  ... %lu calls past the group limit (counted by name in the report)\n",
            sup->ungrouped);
  }
}

void pvr_report_summary(const pvr_report *r, FILE *out) {
  outcome_line(r, out);
  if (r->degraded && r->started && !r->ns_flags) {
    fputs(
        "plugvet-run: WARNING: DEGRADED: no namespaces per run (user namespaces refused); "
        "the plugin shared the launcher's PID, IPC, UTS, mount and network namespaces\n",
        out);
  }
  if (r->degraded && !r->landlock_on) {
    fputs("plugvet-run: WARNING: DEGRADED: ", out);
    put_safe(out, r->ll && r->ll->why[0] ? r->ll->why : "Landlock unavailable");
    fputs("; the plugin ran without Landlock\n", out);
  }
  if (r->started && !r->cg->version) {
    fputs("plugvet-run: note: no cgroup (", out);
    put_safe(out, r->cg->why);
    fputs("): shared memory, memory across processes and total file size are not bounded\n", out);
  }
  if (r->started && r->cg->version && !r->cg->cpu_on)
    fputs(
        "plugvet-run: note: no cpu controller in the run's cgroup: the CPU share is not "
        "bounded\n",
        out);
  if (!r->nproc_enforced && r->started)
    fprintf(out, "plugvet-run: note: running as root, the process limit is not enforced\n");
  if (!r->sup || !r->sup->total)
    return;
  refusals_lines(r->sup, out);
}
