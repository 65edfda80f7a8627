/* cmd_verify.c — `plugvet verify`, `plugvet sign` and `plugvet keygen`:
 * publisher signatures in minisign's and signify's formats (verify/sig.h).
 * Parses options, reads the files under the limits, prints one line (or
 * one JSON object) per input and picks the exit code. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "../reports/report.h"
#include "../scanner/findings.h"
#include "../scanner/limits.h"
#include "../verify/findings.h"
#include "../verify/npm.h"
#include "../verify/publisher.h"
#include "commands.h"
#include "common.h"
#include "srcroot.h"

static const char usage_verify[] =
    "usage: plugvet verify [--trusted-keys FILE | -p PUBKEY] [-x SIG]\n"
    "                      [--packument FILE | --online [--registry URL]]\n"
    "                      [--npm-keys FILE] [--version V] [--json] [--sarif FILE] FILE...\n"
    "  --trusted-keys FILE  public keys trusted to sign: one per line (the base64 line of\n"
    "                       a minisign or signify .pub file), then an optional label\n"
    "  -p, --pubkey FILE    the one key the signature must be made with (a .pub file)\n"
    "  -x, --sig SIG        the signature (one FILE only); default FILE.minisig, then\n"
    "                       FILE.sig\n"
    "  --packument FILE     the package's packument (registry metadata JSON): check each\n"
    "                       FILE's sha512 against dist.integrity and the registry's\n"
    "                       signature of that version\n"
    "  --online             the same checks with the packument fetched from the\n"
    "                       registry, for the name and version in FILE's package.json\n"
    "  --registry URL       the registry --online asks (https://registry.npmjs.org)\n"
    "  --npm-keys FILE      the registry's public keys (default: the bundled\n"
    "                       trust/npm-registry-keys.json)\n"
    "  --version V          the version FILE must be (default: the one whose\n"
    "                       dist.integrity is FILE's digest)\n"
    "  --json               one JSON object per check (JSON lines)\n"
    "  --sarif FILE         write the failed checks as SARIF 2.1.0 results (verify.*)\n"
    "exit: 0 every signature good, 1 a check failed, 2 an input or key file unreadable\n";

static const char usage_sign[] =
    "usage: plugvet sign -s SECKEY [-x SIG] [-t COMMENT] [--signify] FILE\n"
    "  -s, --seckey SECKEY  an unencrypted minisign or signify secret key\n"
    "  -x, --sig SIG        where to write the signature (default FILE.minisig, or\n"
    "                       FILE.sig with --signify)\n"
    "  -t, --trusted-comment COMMENT  minisign's signed comment (default\n"
    "                       timestamp:SECONDS<tab>file:NAME<tab>hashed)\n"
    "  --signify            signify's format (the file itself signed, no comment)\n";

static const char usage_keygen[] =
    "usage: plugvet keygen -p PUBKEY -s SECKEY\n"
    "  writes a new Ed25519 key pair: PUBKEY for minisign -V, signify -V and plugvet\n"
    "  verify; SECKEY (signify's format, no passphrase, mode 0600) for plugvet sign\n"
    "  and signify -S. Existing files are never overwritten.\n";

typedef struct {
  const char *trusted, *pubkey, *sig;
  const char *packument, *npm_keys, *version;
  const char *registry; /* --online: the registry's base URL, else NULL */
  int json;
  pv_keyring ring;
  char *pack; /* the packument's text */
  size_t pack_len;
  pv_npm_keys *reg_keys;
  const char *sarif;
  pv_result **results; /* --sarif: one per input, its failed checks */
  pv_result *cur;      /* the input being checked (NULL without --sarif) */
  pv_limits lim;
} verify_opts;

/* A failed check becomes a finding of the current input (--sarif). */
static void record(const verify_opts *o, const char *check, const char *result,
                   const char *reason) {
  if (o->cur && strcmp(result, "ok") != 0 &&
      pv_verify_finding(o->cur, check, result, reason, &o->lim) != PV_OK) {
    fputs("plugvet verify: out of memory\n", stderr);
    exit(EXIT_INTERNAL);
  }
}

/* A file of at most cap bytes, or a message and exit 2. */
static unsigned char *read_or_die(const char *cmd, const char *path, uint64_t cap, size_t *n) {
  unsigned char *data;
  pv_error err;
  if (pv_read_file(path, (size_t)cap, &data, n, &err) != PV_OK) {
    fprintf(stderr, "plugvet %s: %s\n", cmd, err.msg);
    exit(EXIT_INPUT);
  }
  return data;
}

/* The keys of --trusted-keys or --pubkey; exit 2 on a bad file. */
static void load_keys(verify_opts *o) {
  pv_error err;
  if (pv_keyring_load(&o->ring, o->trusted ? o->trusted : o->pubkey, o->pubkey != NULL, &o->lim,
                      &err) != PV_OK) {
    fprintf(stderr, "plugvet verify: %s\n", err.msg);
    exit(err.code == PV_FATAL ? EXIT_INTERNAL : EXIT_INPUT);
  }
}

/* Text a signer or an attacker chose, safe on a terminal: a tab is a
 * blank, other control characters '?'. */
static void put_clean(const char *s) {
  for (; *s; s++)
    putchar(*s == '\t' ? ' ' : (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static void print_text(const char *input, const pv_pubsig *r, const verify_opts *o) {
  printf("%s ", strcmp(r->result, "ok") ? "\xe2\x9c\x97" : "\xe2\x9c\x93");
  put_clean(input);
  printf(": signature %s: ", r->result);
  put_clean(r->reason);
  if (r->key >= 0 && o->ring.keys[r->key].label[0]) {
    printf(" (");
    put_clean(o->ring.keys[r->key].label);
    putchar(')');
  }
  if (r->parsed)
    printf(" [%s]", pv_pubsig_format(&r->sig));
  if (r->key >= 0 && r->sig.fmt == PV_SIGFMT_MINISIGN) {
    printf("; trusted comment: ");
    put_clean(r->sig.trusted);
  }
  putchar('\n');
}

static void print_json(const char *input, const pv_pubsig *r, const verify_opts *o) {
  char id[17];
  json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "input", input, "check", "signature", "result",
                        r->result, "reason", r->reason);
  json_object_set_new(j, "signature_file", r->sig_path ? json_string(r->sig_path) : json_null());
  if (r->parsed) {
    pv_keyid_hex(r->sig.id, id);
    json_object_set_new(j, "format", json_string(pv_pubsig_format(&r->sig)));
    json_object_set_new(j, "key_id", json_string(id));
  }
  if (r->key >= 0) {
    json_object_set_new(j, "key_label", json_string(o->ring.keys[r->key].label));
    if (r->sig.fmt == PV_SIGFMT_MINISIGN)
      json_object_set_new(j, "trusted_comment", json_string(r->sig.trusted));
  }
  char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
  if (s)
    puts(s);
  free(s);
  json_decref(j);
}

/* ---- registry: integrity and signature --------------------------------- */

/* The registry keys and the --packument; exit 2 on a bad file. */
static void load_registry(verify_opts *o) {
  o->reg_keys = pv_load_npm_keys("verify", o->npm_keys, &o->lim);
  if (o->packument)
    o->pack = (char *)read_or_die("verify", o->packument, o->lim.packument_bytes, &o->pack_len);
}

static void print_check(const char *input, const char *check, const char *result,
                        const char *reason, const pv_npm_check *c, int json) {
  if (!json) {
    printf("%s ", strcmp(result, "ok") ? "\xe2\x9c\x97" : "\xe2\x9c\x93");
    put_clean(input);
    printf(": %s %s: ", check, result);
    put_clean(reason);
    putchar('\n');
    return;
  }
  json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "input", input, "check", check,
                        "result", result, "reason", reason, "package", c->name, "version",
                        c->version, "tarball_integrity", c->integrity);
  if (!strcmp(check, "registry-signature")) {
    json_object_set_new(j, "key_id", c->keyid[0] ? json_string(c->keyid) : json_null());
    json_object_set_new(j, "published", c->published[0] ? json_string(c->published) : json_null());
  }
  char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
  if (s)
    puts(s);
  free(s);
  json_decref(j);
}

/* Print and record both registry checks of one tarball; 0 good, 1 failed. */
static int report_registry(const char *input, const pv_npm_check *c, const verify_opts *o) {
  char why[600];
  snprintf(why, sizeof why, "sha512 is %.200s@%.100s's dist.integrity", c->name, c->version);
  record(o, "integrity", c->integrity_ok ? "ok" : "mismatch", c->reason);
  print_check(input, "integrity", c->integrity_ok ? "ok" : "mismatch",
              c->integrity_ok ? why : c->reason, c, o->json);
  if (strcmp(c->version, "?") != 0) {
    record(o, "registry-signature", pv_npmv_name(c->sig), c->sig_reason);
    print_check(input, "registry-signature", pv_npmv_name(c->sig), c->sig_reason, c, o->json);
  }
  return c->integrity_ok && c->sig == PV_NPMV_OK ? 0 : 1;
}

/* The registry checks of one tarball against --packument, or (--online)
 * the packument the registry serves; as report_registry, or 2 when there
 * is nothing to check (said). */
static int check_registry(const char *input, const unsigned char *tgz, size_t n,
                          const verify_opts *o) {
  pv_npm_check c;
  pv_error err;
  pv_status st =
      o->packument
          ? pv_npm_check_tarball(o->pack, o->pack_len, tgz, n, o->version, o->reg_keys, &c, &err)
          : pv_npm_check_online(o->registry, tgz, n, o->version, o->reg_keys, &o->lim, &c, &err);
  if (st != PV_OK) {
    fprintf(stderr, "plugvet verify: %s: %s\n", o->packument ? o->packument : input, err.msg);
    return 2;
  }
  return report_registry(input, &c, o);
}

static void verify_args(int argc, char **argv, verify_opts *o) {
  enum {
    OPT_TRUSTED = 256,
    OPT_JSON,
    OPT_PACK,
    OPT_NPM_KEYS,
    OPT_VERSION,
    OPT_SARIF,
    OPT_ONLINE,
    OPT_REGISTRY
  };
  const char *registry = NULL;
  int online = 0;
  static const struct option longopts[] = {{"trusted-keys", required_argument, NULL, OPT_TRUSTED},
                                           {"packument", required_argument, NULL, OPT_PACK},
                                           {"npm-keys", required_argument, NULL, OPT_NPM_KEYS},
                                           {"version", required_argument, NULL, OPT_VERSION},
                                           {"sarif", required_argument, NULL, OPT_SARIF},
                                           {"online", no_argument, NULL, OPT_ONLINE},
                                           {"registry", required_argument, NULL, OPT_REGISTRY},
                                           {"pubkey", required_argument, NULL, 'p'},
                                           {"sig", required_argument, NULL, 'x'},
                                           {"json", no_argument, NULL, OPT_JSON},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "p:x:h", longopts, NULL)) != -1) {
    if (c == OPT_TRUSTED)
      o->trusted = optarg;
    else if (c == 'p')
      o->pubkey = optarg;
    else if (c == 'x')
      o->sig = optarg;
    else if (c == OPT_JSON)
      o->json = 1;
    else if (c == OPT_PACK)
      o->packument = optarg;
    else if (c == OPT_NPM_KEYS)
      o->npm_keys = optarg;
    else if (c == OPT_VERSION)
      o->version = optarg;
    else if (c == OPT_SARIF)
      o->sarif = optarg;
    else if (c == OPT_ONLINE)
      online = 1;
    else if (c == OPT_REGISTRY)
      registry = optarg;
    else {
      fputs(usage_verify, c == 'h' ? stdout : stderr);
      exit(c == 'h' ? EXIT_CLEAN : EXIT_INPUT);
    }
  }
  o->registry = online ? registry ? registry : "https://registry.npmjs.org" : NULL;
  int reg = o->packument || online;
  const char *bad = optind == argc            ? "no FILE to verify"
                    : o->trusted && o->pubkey ? "give --trusted-keys or --pubkey, not both"
                    : o->packument && online  ? "give --packument or --online, not both"
                    : registry && !online     ? "--registry goes with --online"
                    : !o->trusted && !o->pubkey && !reg
                        ? "nothing to check: give --trusted-keys, --pubkey, --packument or --online"
                    : (o->npm_keys || o->version) && !reg
                        ? "--npm-keys and --version go with --packument or --online"
                    : o->version && optind + 1 != argc    ? "--version goes with one FILE only"
                    : o->sig && optind + 1 != argc        ? "--sig goes with one FILE only"
                    : o->sig && !o->trusted && !o->pubkey ? "--sig needs --trusted-keys or --pubkey"
                                                          : NULL;
  if (bad) {
    fprintf(stderr, "plugvet verify: %s\n%s", bad, usage_verify);
    exit(EXIT_INPUT);
  }
}

/* The failed checks of every input (inputs[0..n)) as SARIF (--sarif),
 * paths from %SRCROOT% as scan writes them; 0 or -1 (said). */
static int write_sarif(const verify_opts *o, char **inputs, size_t n, const pv_env *env) {
  pv_error err = {0};
  pv_srcroot root;
  if (pv_srcroot_init(&root, (const char *const *)inputs, n, PV_ROOT_PATHS) != 0)
    return -1;
  FILE *f = fopen(o->sarif, "we");
  for (size_t i = 0; f && i < n; i++) {
    if (pv_srcroot_apply(&root, i, o->results[i]) != 0 ||
        pv_findings_finish(o->results[i], &o->lim) != PV_OK)
      n = 0;
  }
  long long epoch = pv_sde_epoch(env->source_date_epoch);
  pv_report_set set = {.results = o->results,
                       .count = n,
                       .version = PV_VERSION,
                       .has_epoch = epoch >= 0,
                       .epoch = epoch,
                       .srcroot = root.root,
                       .category = "verify"};
  int bad = !f || n == 0 || pv_sarif_write(f, &set, &err) != PV_OK;
  pv_srcroot_free(&root);
  if ((f && fclose(f) != 0) || bad) {
    fprintf(stderr, "plugvet verify: %s: %s\n", o->sarif, err.msg[0] ? err.msg : strerror(errno));
    return -1;
  }
  return 0;
}

/* Every check of one input; the worst exit code so far. */
static int verify_input(const char *input, const verify_opts *o, int worst) {
  unsigned char *msg;
  size_t n;
  pv_error err;
  int rc = 0;
  if (pv_read_file(input, (size_t)o->lim.total_bytes, &msg, &n, &err) != PV_OK) {
    fprintf(stderr, "plugvet verify: %s\n", err.msg);
    return 2;
  }
  if (o->ring.keys) {
    pv_pubsig r;
    rc = pv_pubsig_check(input, msg, n, o->sig, &o->ring, &o->lim, &r);
    record(o, "signature", r.result, r.reason);
    if (o->json)
      print_json(input, &r, o);
    else
      print_text(input, &r, o);
  }
  if (o->packument || o->registry) {
    int r2 = check_registry(input, msg, n, o);
    rc = r2 > rc ? r2 : rc;
  }
  free(msg);
  return rc > worst ? rc : worst;
}

int pv_cmd_verify(int argc, char **argv, const pv_env *env) {
  (void)env;
  verify_opts o = {.lim = pv_limits_default()};
  verify_args(argc, argv, &o);
  if (o.trusted || o.pubkey)
    load_keys(&o);
  if (o.packument || o.registry)
    load_registry(&o);
  int worst = 0;
  size_t n = (size_t)(argc - optind);
  if (o.sarif && !(o.results = calloc(n, sizeof *o.results)))
    exit(EXIT_INTERNAL);
  for (int i = optind; i < argc; i++) {
    if (o.sarif && !(o.cur = o.results[i - optind] = pv_result_new(argv[i])))
      exit(EXIT_INTERNAL);
    worst = verify_input(argv[i], &o, worst);
  }
  if (o.sarif && write_sarif(&o, argv + optind, n, env) != 0)
    worst = 3;
  pv_keyring_free(&o.ring);
  free(o.pack);
  pv_npm_keys_free(o.reg_keys);
  for (size_t i = 0; o.results && i < n; i++)
    pv_result_delete(o.results[i]);
  free(o.results);
  return worst == 3 ? EXIT_INTERNAL : worst == 2 ? EXIT_INPUT : worst ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* ---- sign ---------------------------------------------------------------- */

/* Write text to path (mode, O_EXCL when excl); 0 or a message and -1. */
static int write_new(const char *cmd, const char *path, const pv_buf *b, int mode, int excl) {
  int fd =
      open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (excl ? O_EXCL : O_TRUNC), mode);
  if (fd < 0 || write(fd, b->data, b->len) != (ssize_t)b->len || close(fd) != 0) {
    fprintf(stderr, "plugvet %s: %s: %s\n", cmd, path,
            errno == EEXIST ? "exists (not overwritten)" : strerror(errno));
    return -1;
  }
  return 0;
}

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

typedef struct {
  const char *seckey, *sig, *trusted;
  int signify;
} sign_opts;

static void sign_args(int argc, char **argv, sign_opts *o) {
  enum { OPT_SIGNIFY = 256 };
  static const struct option longopts[] = {{"seckey", required_argument, NULL, 's'},
                                           {"sig", required_argument, NULL, 'x'},
                                           {"trusted-comment", required_argument, NULL, 't'},
                                           {"signify", no_argument, NULL, OPT_SIGNIFY},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "s:x:t:h", longopts, NULL)) != -1) {
    if (c == 's')
      o->seckey = optarg;
    else if (c == 'x')
      o->sig = optarg;
    else if (c == 't')
      o->trusted = optarg;
    else if (c == OPT_SIGNIFY)
      o->signify = 1;
    else {
      fputs(usage_sign, c == 'h' ? stdout : stderr);
      exit(c == 'h' ? EXIT_CLEAN : EXIT_INPUT);
    }
  }
  if (!o->seckey || optind + 1 != argc) {
    fprintf(stderr, "plugvet sign: %s\n%s", o->seckey ? "give one FILE" : "no --seckey",
            usage_sign);
    exit(EXIT_INPUT);
  }
}

int pv_cmd_sign(int argc, char **argv, const pv_env *env) {
  sign_opts o = {0};
  sign_args(argc, argv, &o);
  pv_limits lim = pv_limits_default();
  const char *file = argv[optind];
  size_t kn, n;
  char *ktext = (char *)read_or_die("sign", o.seckey, lim.sig_file_bytes, &kn);
  pv_seckey k;
  pv_error err;
  pv_status st = pv_seckey_parse(ktext, kn, &k, &err);
  explicit_bzero(ktext, kn);
  free(ktext);
  if (st != PV_OK) {
    fprintf(stderr, "plugvet sign: %s: %s\n", o.seckey, err.msg);
    return EXIT_INPUT;
  }
  unsigned char *msg = read_or_die("sign", file, lim.total_bytes, &n);
  char sigpath[4200], untrusted[4200], trusted[PV_SIG_COMMENT_MAX], id[17];
  snprintf(sigpath, sizeof sigpath, "%s%s", file, o.signify ? ".sig" : ".minisig");
  pv_keyid_hex(k.id, id);
  snprintf(untrusted, sizeof untrusted, o.signify ? "verify with %s" : "signature from key %s",
           o.signify ? base_name(o.seckey) : id);
  long long now = pv_sde_epoch(env->source_date_epoch);
  snprintf(trusted, sizeof trusted, "timestamp:%lld\tfile:%s\thashed",
           now < 0 ? (long long)time(NULL) : now, base_name(file));
  pv_buf out;
  pv_buf_init(&out, 64 * 1024);
  st = pv_sign(&k, o.signify ? PV_SIGFMT_SIGNIFY : PV_SIGFMT_MINISIGN, msg, n, untrusted,
               o.trusted ? o.trusted : trusted, &out, &err);
  pv_seckey_wipe(&k);
  free(msg);
  int rc = EXIT_CLEAN;
  if (st != PV_OK) {
    fprintf(stderr, "plugvet sign: %s\n", err.msg);
    rc = EXIT_INPUT;
  } else if (write_new("sign", o.sig ? o.sig : sigpath, &out, 0644, 0) != 0) {
    rc = EXIT_INPUT;
  }
  pv_buf_free(&out);
  return rc;
}

/* ---- keygen -------------------------------------------------------------- */

int pv_cmd_keygen(int argc, char **argv, const pv_env *env) {
  (void)env;
  const char *pub = NULL, *sec = NULL;
  static const struct option longopts[] = {{"pubkey", required_argument, NULL, 'p'},
                                           {"seckey", required_argument, NULL, 's'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "p:s:h", longopts, NULL)) != -1) {
    if (c == 'p' || c == 's')
      *(c == 'p' ? &pub : &sec) = optarg;
    else {
      fputs(usage_keygen, c == 'h' ? stdout : stderr);
      return c == 'h' ? EXIT_CLEAN : EXIT_INPUT;
    }
  }
  if (!pub || !sec || optind != argc) {
    fprintf(stderr, "plugvet keygen: give -p PUBKEY and -s SECKEY\n%s", usage_keygen);
    return EXIT_INPUT;
  }
  pv_seckey k;
  pv_error err;
  char id[17], comment[64];
  if (pv_keygen(&k, &err) != PV_OK) {
    fprintf(stderr, "plugvet keygen: %s\n", err.msg);
    return EXIT_INTERNAL;
  }
  pv_keyid_hex(k.id, id);
  snprintf(comment, sizeof comment, "plugvet public key %s", id);
  pv_buf pb, sb;
  pv_buf_init(&pb, 4096);
  pv_buf_init(&sb, 4096);
  int bad = pv_pubkey_format(&k, comment, &pb) != PV_OK ||
            pv_seckey_format(&k, "plugvet secret key (no passphrase)", &sb) != PV_OK ||
            write_new("keygen", sec, &sb, 0600, 1) != 0;
  if (!bad && write_new("keygen", pub, &pb, 0644, 1) != 0) {
    unlink(sec); /* no secret key without its public key */
    bad = 1;
  }
  pv_seckey_wipe(&k);
  explicit_bzero(sb.data, sb.len);
  pv_buf_free(&sb);
  pv_buf_free(&pb);
  if (!bad)
    printf("key %s: public key %s, secret key %s\n", id, pub, sec);
  return bad ? EXIT_INPUT : EXIT_CLEAN;
}
