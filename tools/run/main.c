/* main.c — plugvet-run: run a program confined by rlimits, Landlock and
 * seccomp-bpf under a policy, supervise it, and report what it was refused.
 * Usage and exit codes: docs/plugvet-run.1; policy format: docs/policy.md. */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "child.h"
#include "report.h"
#include "run.h"

static const char usage_text[] =
    "usage: plugvet-run [OPTIONS] [--] PROGRAM [ARGS...]\n"
    "Run PROGRAM confined by rlimits, Landlock and seccomp under a policy. The entry\n"
    "script's package directory (node SCRIPT, or a #! program) is readable by default.\n"
    "  --policy FILE        load a policy file (docs/policy.md; a regular file, no symlink)\n"
    "  --allow-read PATH    allow reading under PATH (relative: no symlink, no '..';\n"
    "                       absolute: through root-owned symlinks only)\n"
    "  --allow-write PATH   allow writing, creating and removing under PATH\n"
    "  --allow-exec PATH    allow executing PATH (or files under it); never ld.so,\n"
    "                       never an image on a descriptor (fexecve)\n"
    "  --allow-net SPEC     HOST:PORT (TCP connect), 'any' or 'none'\n"
    "  --allow-bind PORT    allow binding TCP PORT (without one: no bind, no listen)\n"
    "  --allow-children     allow the program to start itself again (node forking node)\n"
    "  --allow-native       allow native code from the plugin's files (addons: .node)\n"
    "  --no-system-paths    do not add the runtime read set (/usr, /lib, ...)\n"
    "  --env NAME[=VALUE]   pass NAME from this environment, or set it (never LD_*,\n"
    "                       GCONV_PATH, NODE_OPTIONS...; secret-looking names only here)\n"
    "  --timeout S          wall-clock limit in seconds (0: none)\n"
    "  --cpu S              CPU seconds (RLIMIT_CPU)\n"
    "  --mem MIB            memory in MiB: RLIMIT_DATA per process, and the whole\n"
    "                       run's (shared memory too) when it has a cgroup\n"
    "  --nproc N            processes and threads (RLIMIT_NPROC)\n"
    "  --nofile N           open files (RLIMIT_NOFILE)\n"
    "  --fsize MIB          largest file written, MiB (RLIMIT_FSIZE)\n"
    "  --cpu-percent N      the run's CPU share, percent of one CPU (default 100;\n"
    "                       a cgroup quota, in force when the cpu controller is)\n"
    "  --cwd DIR            working directory of the program\n"
    "  --user NAME          account to run as when started as root (default: a uid\n"
    "                       of its own per run, docs/policy.md)\n"
    "  --unshare-net        an empty network namespace even with network grants\n"
    "  --private-root       require the run's own file system view (the default: a\n"
    "                       tmpfs root of the grants, no /sys /run /tmp; never degraded)\n"
    "  --host-root          the host's file system view, Landlock as the only boundary\n"
    "  --scratch-mib N      scratch tmpfs size in the run's own view (default 64)\n"
    "  --allow-degraded     run even when Landlock or namespaces are unavailable\n"
    "                       (reported loudly)\n"
    "  --report FILE        write a JSON report (opened before the plugin starts; no\n"
    "                       symlink, not under a write grant)\n"
    "  --print-policy       print the policy in force as JSON and exit\n"
    "  -q, --quiet          no summary on stderr unless something was refused\n"
    "  -h, --help           this help\n"
    "  --version            print the version\n"
    "exit: the program's status, 128+N when killed by signal N, 123 confinement\n"
    "could not be set up, 124 timeout, 125 usage or policy error, 126/127 the\n"
    "program could not be executed / was not found.\n";

enum {
  O_POLICY = 256,
  O_READ,
  O_WRITE,
  O_EXEC,
  O_NET,
  O_BIND,
  O_CHILDREN,
  O_NOSYS,
  O_ENV,
  O_TIMEOUT,
  O_CPU,
  O_MEM,
  O_NPROC,
  O_NOFILE,
  O_FSIZE,
  O_CPUPCT,
  O_CWD,
  O_USER,
  O_UNSHARE,
  O_DEGRADED,
  O_REPORT,
  O_PRINT,
  O_VERSION,
  O_PRIVROOT,
  O_HOSTROOT,
  O_NATIVE,
  O_SCRATCH
};

static const struct option options[] = {{"policy", 1, 0, O_POLICY},
                                        {"allow-read", 1, 0, O_READ},
                                        {"allow-write", 1, 0, O_WRITE},
                                        {"allow-exec", 1, 0, O_EXEC},
                                        {"allow-net", 1, 0, O_NET},
                                        {"allow-bind", 1, 0, O_BIND},
                                        {"allow-children", 0, 0, O_CHILDREN},
                                        {"no-system-paths", 0, 0, O_NOSYS},
                                        {"env", 1, 0, O_ENV},
                                        {"timeout", 1, 0, O_TIMEOUT},
                                        {"cpu", 1, 0, O_CPU},
                                        {"mem", 1, 0, O_MEM},
                                        {"nproc", 1, 0, O_NPROC},
                                        {"nofile", 1, 0, O_NOFILE},
                                        {"fsize", 1, 0, O_FSIZE},
                                        {"cpu-percent", 1, 0, O_CPUPCT},
                                        {"cwd", 1, 0, O_CWD},
                                        {"user", 1, 0, O_USER},
                                        {"unshare-net", 0, 0, O_UNSHARE},
                                        {"allow-degraded", 0, 0, O_DEGRADED},
                                        {"report", 1, 0, O_REPORT},
                                        {"print-policy", 0, 0, O_PRINT},
                                        {"quiet", 0, 0, 'q'},
                                        {"help", 0, 0, 'h'},
                                        {"version", 0, 0, O_VERSION},
                                        {"private-root", 0, 0, O_PRIVROOT},
                                        {"host-root", 0, 0, O_HOSTROOT},
                                        {"allow-native", 0, 0, O_NATIVE},
                                        {"scratch-mib", 1, 0, O_SCRATCH},
                                        {0, 0, 0, 0}};

/* A resource flag: set it, or (over a policy file) only ever tighten it. */
static pv_status limit_flag(pvr_run *run, int opt, const char *arg, pv_error *err) {
  static const struct {
    int opt;
    const char *field;
    size_t off;
  } map[] = {{O_TIMEOUT, "timeout_s", offsetof(pvr_limits, timeout_s)},
             {O_CPU, "cpu_s", offsetof(pvr_limits, cpu_s)},
             {O_MEM, "memory_mib", offsetof(pvr_limits, mem_mib)},
             {O_NPROC, "processes", offsetof(pvr_limits, nproc)},
             {O_NOFILE, "open_files", offsetof(pvr_limits, nofile)},
             {O_FSIZE, "file_size_mib", offsetof(pvr_limits, fsize_mib)},
             {O_CPUPCT, "cpu_percent", offsetof(pvr_limits, cpu_percent)}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
    if (map[i].opt != opt)
      continue;
    uint64_t v = 0, *slot = (uint64_t *)((char *)&run->policy.lim + map[i].off);
    if (pvr_parse_u64(arg, map[i].field, UINT32_MAX, &v, err) ||
        pvr_limit_check(map[i].field, v, err))
      return err->code;
    int looser = *slot && (v > *slot || (opt == O_TIMEOUT && v == 0));
    if (run->policy_file && looser)
      fprintf(stderr, "plugvet-run: --%s %s is looser than the policy file; keeping %llu\n",
              options[opt - O_POLICY].name, arg, (unsigned long long)*slot);
    else
      *slot = v;
    return PV_OK;
  }
  return pv_error_set(err, PV_FATAL, "internal: unknown limit flag");
}

static pv_status apply_flag(pvr_run *run, int opt, const char *arg, pv_error *err) {
  pvr_policy *p = &run->policy;
  switch (opt) {
    case O_READ:
      return pvr_policy_add_path(&p->read, arg, NULL, "--allow-read", err);
    case O_WRITE:
      return pvr_policy_add_path(&p->write, arg, NULL, "--allow-write", err);
    case O_EXEC:
      return pvr_policy_add_path(&p->exec, arg, NULL, "--allow-exec", err);
    case O_NET:
      return pvr_policy_add_net(p, arg, err);
    case O_BIND:
      return pvr_policy_add_bind(p, arg, err);
    case O_ENV:
      return pvr_policy_add_env(p, arg, 1, err);
    case O_CHILDREN:
      p->children = 1;
      return PV_OK;
    case O_NOSYS:
      p->system_paths = 0;
      return PV_OK;
    case O_UNSHARE:
      run->unshare_net = 1;
      return PV_OK;
    case O_PRIVROOT:
    case O_HOSTROOT:
      run->root = opt == O_PRIVROOT ? PVR_ROOT_REQUIRED : PVR_ROOT_HOST;
      return PV_OK;
    case O_NATIVE:
      p->native = 1;
      return PV_OK;
    case O_SCRATCH:
      return pvr_parse_u64(arg, "--scratch-mib", 1U << 20, &run->scratch_mib, err) ||
                     run->scratch_mib == 0
                 ? pv_error_set(err, PV_FAILED, "--scratch-mib: 1 to 1048576")
                 : PV_OK;
    case O_DEGRADED:
      run->allow_degraded = 1;
      return PV_OK;
    case O_REPORT:
      run->report_file = arg;
      return PV_OK;
    case O_PRINT:
      run->print_policy = 1;
      return PV_OK;
    case 'q':
      run->quiet = 1;
      return PV_OK;
    case O_CWD:
    case O_USER: {
      char **dst = opt == O_CWD ? &p->cwd : &p->user;
      free(*dst);
      *dst = opt == O_CWD ? realpath(arg, NULL) : strdup(arg);
      if (!*dst)
        return pv_error_set(err, PV_FAILED, "--cwd %s: %s", arg, strerror(errno));
      return PV_OK;
    }
    default:
      return limit_flag(run, opt, arg, err);
  }
}

/* Pass 1 loads --policy (so flags apply over it); pass 2 applies flags. */
static int parse_args(pvr_run *run, int argc, char **argv, pv_error *err) {
  int opt;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "+qh", options, NULL)) != -1) {
    if (opt == 'h') {
      fputs(usage_text, stdout);
      return 0;
    }
    if (opt == O_VERSION) {
      printf("plugvet-run %s\n", PV_VERSION);
      return 0;
    }
    if (opt == '?' || opt == ':') {
      pv_error_set(err, PV_FAILED, "unknown or incomplete option '%s'", argv[optind - 1]);
      return -1;
    }
    if (opt != O_POLICY)
      continue;
    if (run->policy_file) {
      pv_error_set(err, PV_FAILED, "--policy given twice");
      return -1;
    }
    run->policy_file = optarg;
    if (pvr_policy_load(&run->policy, optarg, err) != PV_OK)
      return -1;
  }
  optind = 0;
  while ((opt = getopt_long(argc, argv, "+qh", options, NULL)) != -1)
    if (opt != O_POLICY && apply_flag(run, opt, optarg, err) != PV_OK)
      return -1;
  run->argv = argv + optind;
  if (!run->print_policy && !run->argv[0]) {
    pv_error_set(err, PV_FAILED, "no program given (see --help)");
    return -1;
  }
  return 1;
}

/* Say which secret-looking variables were passed, and which a policy
 * file asked for and did not get. */
static void env_warnings(const pvr_policy *p) {
  for (size_t i = 0; i < p->env_withheld.n; i++)
    fprintf(stderr,
            "plugvet-run: warning: the policy asks for %s, which looks like a secret: not "
            "passed (--env %s passes it)\n",
            p->env_withheld.items[i], p->env_withheld.items[i]);
  for (size_t i = 0; i < p->env_secret.n; i++)
    fprintf(stderr, "plugvet-run: warning: passing %s, which looks like a secret, to the plugin\n",
            p->env_secret.items[i]);
}

int main(int argc, char **argv) {
  static pvr_run run;
  pv_error err = {0};
  pvr_policy_init(&run.policy);
  run.status = PVR_EXIT_USAGE;
  run.scratch_mib = 64;
  int r = parse_args(&run, argc, argv, &err);
  if (r <= 0) {
    if (r < 0)
      fprintf(stderr, "plugvet-run: %s\n", err.msg);
    pvr_policy_free(&run.policy);
    return r == 0 ? 0 : PVR_EXIT_USAGE;
  }
  env_warnings(&run.policy);
  if (run.print_policy) {
    json_t *j = pvr_policy_to_json(&run.policy);
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
    fputc('\n', stdout);
    json_decref(j);
    pvr_policy_free(&run.policy);
    return 0;
  }
  int status = pvr_run_main(&run);
  pvr_policy_free(&run.policy);
  return status;
}
