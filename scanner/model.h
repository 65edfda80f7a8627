/* model.h — the shared data model: severities, languages, files, rules,
 * findings, notifications and per-input results.
 *
 * Ownership: every pointer inside these structs is borrowed; strings and
 * arrays live in the arena of the scan that made them (pv_result.arena, result.h)
 * or, for rules, in the ruleset that loaded them. */
#ifndef PV_MODEL_H
#define PV_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "base.h"

typedef enum {
  PV_SEV_INFO = 0,
  PV_SEV_LOW,
  PV_SEV_MEDIUM,
  PV_SEV_HIGH,
  PV_SEV_CRITICAL,
  PV_SEV_NONE /* only as a --fail-on threshold: never fail */
} pv_severity;

/* "critical", "high", ... */
const char *pv_severity_name(pv_severity s);
/* Parse plugvet's five levels, "none", or Semgrep's ERROR/WARNING/INFO and
 * LOW/MEDIUM/HIGH/CRITICAL (case-insensitive); -1 when unknown. */
int pv_severity_parse(const char *s);
/* SARIF level: "error", "warning" or "note". */
const char *pv_severity_sarif_level(pv_severity s);
/* GitHub security-severity default: 9.5 / 8.0 / 5.5 / 3.0 / 0.0. */
double pv_severity_score(pv_severity s);

/* The groups of malware-specific rules in a package's risk summary
 * (metadata `malware:` of a rule; findings.h pv_risk_of). */
enum { PV_MALWARE_GROUPS = 7 };
/* "install", "network", "credentials", "obfuscation", "persistence",
 * "payload", "metadata" for 0..PV_MALWARE_GROUPS-1, else NULL. */
const char *pv_malware_group_name(int g);
/* The group named s, or -1. */
int pv_malware_group(const char *s);

typedef enum {
  PV_LANG_NONE = 0, /* not code: regex rules only */
  PV_LANG_JS,
  PV_LANG_TS,
  PV_LANG_TSX,
  PV_LANG_JSON,
  /* Host languages: markup whose embedded code is parsed as JS or TS on
   * its own (scanner/embed.h); their own rules are regex or (html, vue,
   * svelte: the tree-sitter-html tree) query rules. */
  PV_LANG_HTML,
  PV_LANG_EJS,
  PV_LANG_VUE,
  PV_LANG_SVELTE,
  /* Server-side templates without a grammar: their markup rules are regex
   * rules; no embedded code is parsed (docs/rules.md, "Markup"). */
  PV_LANG_HBS, /* Handlebars and Mustache */
  PV_LANG_PUG, /* Pug and Jade */
  PV_LANG_NJK, /* Nunjucks */
  PV_LANG_COUNT
} pv_lang;

/* Is l a host language (embedded code inside markup)? */
static inline int pv_lang_is_host(pv_lang l) {
  return l >= PV_LANG_HTML && l < PV_LANG_COUNT;
}

/* "javascript", "typescript", "tsx", "json", "html", "ejs", "vue",
 * "svelte", "handlebars", "pug", "nunjucks", "generic". */
const char *pv_lang_name(pv_lang l);

typedef enum {
  PV_ENTRY_FILE = 0,
  PV_ENTRY_DIR,
  PV_ENTRY_SYMLINK,
  PV_ENTRY_HARDLINK,
  PV_ENTRY_DEVICE, /* char or block device */
  PV_ENTRY_FIFO,
  PV_ENTRY_SOCKET,
  PV_ENTRY_OTHER
} pv_entry_kind;

/* pv_file.flags */
enum {
  PV_FILE_MINIFIED = 1u << 0,
  PV_FILE_GENERATED = 1u << 1,
  PV_FILE_TOO_LARGE = 1u << 2, /* over the AST limit: regex rules only */
  PV_FILE_BINARY = 1u << 3,
  PV_FILE_DTS = 1u << 4,       /* .d.ts: skipped by code rules */
  PV_FILE_TRUNCATED = 1u << 5, /* bytes cut by a limit */
  PV_FILE_ENCRYPTED = 1u << 6,
  PV_FILE_NATIVE = 1u << 7,    /* ELF / PE / Mach-O / .node */
  PV_FILE_EXCLUDED = 1u << 8,  /* --exclude, .plugvetignore, node_modules/: no code rules */
  PV_FILE_INSTALL = 1u << 9,   /* run by an install hook (scanner/pkg/pkg.h) */
  PV_FILE_EMBEDDED = 1u << 10, /* set while a host file (pv_lang_is_host) is matched as
                                * the code embedded in it (scanner/embed.h) */
  PV_FILE_JSONC = 1u << 11,    /* JSON with comments and trailing commas (tsconfig.json...) */
};

/* One vfs entry. Paths of nested archives are joined with "!/". */
typedef struct pv_file {
  const char *path;
  const unsigned char *data; /* NULL for non-regular entries */
  size_t size;
  unsigned mode; /* st_mode bits as the archive says */
  pv_entry_kind kind;
  const char *link_target; /* symlink or hardlink target, else NULL */
  pv_lang lang;
  unsigned flags;
} pv_file;

/* A rule's metadata (matchers live in scanner/rules.h). */
typedef struct pv_rule_meta {
  const char *id;
  const char *name;        /* short human name; defaults to the id */
  const char *message;     /* may contain $X interpolations */
  const char *description; /* longer text; defaults to message */
  pv_severity severity;
  const char *confidence; /* "high", "medium", "low" */
  const char *precision;  /* SARIF precision: "very-high", "high", "medium", "low"; NULL:
                           * from confidence (pv_rule_precision) */
  double security_score;  /* SARIF security-severity 0.1-10.0; 0: from severity
                           * (pv_rule_score) */
  const char *category;   /* "security", ... */
  const char *capability; /* net, fs-read, fs-write, exec, env, eval, native, crypto or NULL */
  const char *malware; /* the risk group of a malware-specific rule (pv_malware_group), or NULL */
  const char *const *cwe; /* "CWE-78: ..." or "CWE-78"; NULL-terminated */
  const char *const *owasp;
  const char *const *references;
  const char *source_file;   /* the YAML file, or "<builtin>" */
  const char *const *secret; /* metadata.secret, NULL-terminated: the metavariables,
                              * captures or groups (without '$' / '@') that may hold a
                              * secret, the first bound one counts; {""}: the whole
                              * match; NULL: none. Redacted in every output. */
  int install_time;          /* metadata.when: install: only files with PV_FILE_INSTALL */
} pv_rule_meta;

/* A rule's SARIF security-severity: its own, else pv_severity_score of its
 * severity. */
double pv_rule_score(const pv_rule_meta *m);
/* A rule's SARIF precision: its own, else its confidence (high, medium,
 * low; none: medium). */
const char *pv_rule_precision(const pv_rule_meta *m);

typedef struct {
  uint32_t line, col; /* 1-based; col counts bytes */
  uint32_t byte;      /* 0-based byte offset in the file */
} pv_pos;

/* One step of a taint finding's path (source first, sink last). */
typedef struct {
  const pv_file *file; /* the file it is in (NULL: unknown) */
  const char *path;    /* its path inside the input */
  pv_pos start, end;
  uint32_t col16_start, col16_end; /* UTF-16 columns (SARIF); 0: unknown */
  const char *message; /* "tainted by req.query.cmd", "returned from build()", "passed to exec()" */
} pv_flow_step;

typedef struct pv_finding {
  const pv_rule_meta *rule;
  pv_severity severity; /* usually rule->severity */
  const char *message;  /* interpolated */
  const pv_file *file;  /* NULL for findings about the input itself */
  const char *path;     /* file path inside the input (or the input's name) */
  pv_pos start, end;
  const char *snippet;             /* the source lines of the region, capped */
  const char *window;              /* the start line, or a window of a long line, for
                                    * display (pv_findings_finish; NULL: no source) */
  uint32_t window_col;             /* byte offset of the start within window */
  uint32_t col16_start, col16_end; /* UTF-16 columns (SARIF); 0: unknown */
  const pv_rule_meta *group_rule;  /* dependency findings: the rule of their advisory
                                    * group (SARIF has one per group), else NULL */
  const char *advisory;            /* dependency findings: the group's id, else NULL */
  char fingerprint[33];            /* hex; see findings.h */
  char line_hash[32];              /* primaryLocationLineHash "hex:occurrence" */
  int suppressed;
  const char *suppression; /* why, when suppressed from outside the source (a VEX
                            * statement: reports/vex.h), else NULL */
  pv_flow_step *flow;      /* taint findings: the path from source to sink (in the
                            * result's arena; not const: pv_findings_finish fills
                            * the steps' UTF-16 columns), else NULL */
  uint32_t nflow;
  uint32_t secret_s, secret_e; /* bytes of a secret in file, redacted in every output
                                * (pv_redact) when secret_e > secret_s */
  const char *fix; /* the suggested replacement of [start.byte, end.byte): the rule's fix
                    * or fix-regex made for this match (scanner/fix.h), or NULL */
} pv_finding;

/* The metadata of a rule built into plugvet (source_file "<builtin>"):
 * id, severity, confidence, capability (or NULL), message, description,
 * then one or more CWEs. For static initialisers. */
#define PV_BUILTIN_RULE(id_, sev_, conf_, cap_, msg_, desc_, ...) \
  PV_BUILTIN_RULE_IN(NULL, id_, sev_, conf_, cap_, msg_, desc_, __VA_ARGS__)
/* The same, for a malware-specific rule of risk group grp_ ("install"...). */
#define PV_BUILTIN_RULE_IN(grp_, id_, sev_, conf_, cap_, msg_, desc_, ...)                         \
  {                                                                                                \
    .id = id_, .name = id_, .message = msg_, .description = desc_, .severity = sev_,               \
    .confidence = conf_, .category = "security", .capability = cap_,                               \
    .cwe = ((const char *const[]){__VA_ARGS__, NULL}), .source_file = "<builtin>", .malware = grp_ \
  }

/* The rule id reports key a finding by: its advisory group's rule
 * ("dep.vulnerable/CVE-2021-23337"), else its rule's. */
static inline const char *pv_finding_rule_id(const pv_finding *f) {
  return f->group_rule ? f->group_rule->id : f->rule->id;
}

typedef enum { PV_NOTE_INFO = 0, PV_NOTE_WARNING, PV_NOTE_ERROR } pv_note_level;

/* A tool notification: a file that was skipped, truncated, could not be
 * parsed, a limit that tripped... */
typedef struct {
  pv_note_level level;
  const char *id;   /* "parse-error", "file-too-large", ... */
  const char *path; /* file inside the input, or NULL for the input itself */
  const char *message;
} pv_note;

typedef enum { PV_INPUT_SCANNED = 0, PV_INPUT_ERROR } pv_input_status;

#endif
