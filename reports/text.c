/* text.c — the report for people: findings grouped by input and file, the
 * source line with a marker, a taint finding's numbered path, notifications,
 * and a last summary line. */
#include <stdlib.h>
#include <string.h>

#include "../scanner/declared.h"
#include "../scanner/findings.h"
#include "report.h"

enum { LINE_SHOWN = PV_WINDOW_BYTES, NOTES_SHOWN = 10 };

typedef struct {
  FILE *out;
  int color;
} pen;

static const char *sev_color(pv_severity s) {
  static const char *const c[] = {"\033[2m", "\033[36m", "\033[33m", "\033[31m", "\033[1;35m"};
  return (unsigned)s <= PV_SEV_CRITICAL ? c[s] : "";
}

static void paint(const pen *p, const char *code, const char *text) {
  if (p->color)
    fprintf(p->out, "%s%s\033[0m", code, text);
  else
    fputs(text, p->out);
}

/* Print bytes, replacing control characters (terminal escapes from hostile
 * input) with '?'; tabs kept. */
static void put_clean(FILE *out, const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    fputc(s[i] < 0x20 && s[i] != '\t' ? '?' : s[i] == 0x7f ? '?' : s[i], out);
}

static void put_str(FILE *out, const char *s) {
  if (s != NULL)
    put_clean(out, (const unsigned char *)s, strlen(s));
}

/* The finding's first source line and a ^~~ marker under its range. */
static void show_source(const pen *p, const pv_finding *f) {
  if (f->window == NULL || f->start.line == 0)
    return;
  const unsigned char *w = (const unsigned char *)f->window;
  size_t col = f->window_col, shown = strlen(f->window);
  fprintf(p->out, "  %6u | ", f->start.line);
  put_clean(p->out, w, shown);
  fprintf(p->out, "\n         | ");
  for (size_t i = 0; i < col && i < shown; i++)
    fputc(w[i] == '\t' ? '\t' : ' ', p->out);
  size_t len =
      f->end.line == f->start.line && f->end.byte > f->start.byte ? f->end.byte - f->start.byte : 1;
  if (col + len > shown)
    len = shown > col ? shown - col : 1;
  char marker[LINE_SHOWN + 2];
  marker[0] = '^';
  for (size_t i = 1; i < len && i <= LINE_SHOWN; i++)
    marker[i] = '~';
  marker[len <= LINE_SHOWN ? len : LINE_SHOWN] = '\0';
  paint(p, sev_color(f->severity), marker);
  fputc('\n', p->out);
}

/* The suggested fix, briefly: its first line (cut at LINE_SHOWN bytes),
 * "..." when there is more, "(delete)" when it removes the match. */
static void show_fix(const pen *p, const pv_finding *f) {
  if (f->fix == NULL)
    return;
  size_t n = strcspn(f->fix, "\n"), shown = n < LINE_SHOWN ? n : LINE_SHOWN;
  fputs("         fix: ", p->out);
  if (f->fix[0] == '\0')
    fputs("(delete)", p->out);
  put_clean(p->out, (const unsigned char *)f->fix, shown);
  fputs(shown < strlen(f->fix) ? " ...\n" : "\n", p->out);
}

/* A taint finding's path, one numbered line per step, source first. */
static void show_flow(const pen *p, const pv_finding *f) {
  for (uint32_t i = 0; i < f->nflow; i++) {
    const pv_flow_step *s = &f->flow[i];
    fprintf(p->out, "    %u. ", i + 1);
    put_str(p->out, s->path ? s->path : f->path);
    fprintf(p->out, ":%u:%u", s->start.line ? s->start.line : 1, s->start.col ? s->start.col : 1);
    if (s->message != NULL) {
      fputs("  ", p->out);
      put_str(p->out, s->message);
    }
    fputc('\n', p->out);
  }
}

/* "HIGH" for high. */
static void sev_upper(pv_severity sv, char out[16]) {
  size_t i = 0;
  for (const char *c = pv_severity_name(sv); *c && i < 15; c++)
    out[i++] = (char)(*c - 32 * (*c >= 'a' && *c <= 'z'));
  out[i] = '\0';
}

/* Order of findings in the text report: worst severity first, then by rule
 * (all of a rule together), then as the input had them (path, line). */
static int cmp_group(const void *x, const void *y) {
  const pv_finding *a = *(const pv_finding *const *)x, *b = *(const pv_finding *const *)y;
  if (a->severity != b->severity)
    return a->severity > b->severity ? -1 : 1;
  int c = strcmp(pv_finding_rule_id(a), pv_finding_rule_id(b));
  return c ? c : a < b ? -1 : a > b;
}

/* The explanation a rule's group opens with: the rule's description when
 * it has its own, else the first finding's message. */
static const char *explanation(const pv_finding *f) {
  const pv_rule_meta *m = f->group_rule ? f->group_rule : f->rule;
  if (m->description != NULL && m->description != m->message &&
      strcmp(m->description, m->message ? m->message : "") != 0)
    return m->description;
  return f->message;
}

/* After a location, what its message says that the explanation does not:
 * the words where they differ ("  ...(b). If..."), or the whole message when
 * most of it differs. */
static void show_difference(FILE *out, const char *why, const char *msg) {
  size_t nw = strlen(why), nm = strlen(msg), pre = 0, suf = 0;
  while (pre < nw && pre < nm && why[pre] == msg[pre])
    pre++;
  while (suf < nw - pre && suf < nm - pre && why[nw - 1 - suf] == msg[nm - 1 - suf])
    suf++;
  while (pre > 0 && msg[pre - 1] != ' ') /* whole words */
    pre--;
  while (suf > 0 && msg[nm - suf] != ' ')
    suf--;
  size_t len = nm - pre - suf;
  fputs("  ", out);
  if (len * 4 > nm * 3) {
    put_str(out, msg);
    return;
  }
  fputs(pre ? "... " : "", out);
  put_clean(out, (const unsigned char *)msg + pre, len);
  fputs(suf ? " ..." : "", out);
}

/* One rule's findings fs[0..n): severity, id and count, the explanation
 * once, then each location (its message only where it says more). */
static void show_group(const pen *p, const pv_finding *const *fs, size_t n) {
  char sev[16];
  const char *why = explanation(fs[0]);
  sev_upper(fs[0]->severity, sev);
  fputs("  ", p->out);
  paint(p, sev_color(fs[0]->severity), sev);
  fprintf(p->out, " %s (%zu finding%s)\n    ", pv_finding_rule_id(fs[0]), n, n == 1 ? "" : "s");
  put_str(p->out, why);
  fputc('\n', p->out);
  for (size_t i = 0; i < n; i++) {
    const pv_finding *f = fs[i];
    fputs("    ", p->out);
    put_str(p->out, f->path);
    fprintf(p->out, ":%u:%u", f->start.line ? f->start.line : 1, f->start.col ? f->start.col : 1);
    if (f->message != NULL && (why == NULL || strcmp(f->message, why) != 0))
      show_difference(p->out, why ? why : "", f->message);
    fputc('\n', p->out);
    show_source(p, f);
    show_fix(p, f);
    show_flow(p, f);
  }
}

/* The unsuppressed findings of r, in report order (cmp_group), malloc'd;
 * *n their count. NULL with *n 0: none, or out of memory (*oom). */
static const pv_finding **visible_findings(const pv_result *r, size_t *n, int *oom) {
  *n = 0;
  const pv_finding **v = malloc((r->findings.len + 1) * sizeof *v);
  if (v == NULL) {
    *oom = 1;
    return NULL;
  }
  for (size_t i = 0; i < r->findings.len; i++)
    if (!pv_result_finding(r, i)->suppressed)
      v[(*n)++] = pv_result_finding(r, i);
  qsort(v, *n, sizeof *v, cmp_group);
  return v;
}

static void show_notes(const pen *p, const pv_result *r) {
  size_t shown = 0, total = 0;
  for (size_t i = 0; i < r->notes.len; i++) {
    const pv_note *n = pv_result_note_at(r, i);
    if (n->level == PV_NOTE_INFO)
      continue;
    if (n->level == PV_NOTE_ERROR && strcmp(n->id, "input-error") == 0)
      continue;
    if (total++ >= NOTES_SHOWN)
      continue;
    shown++;
    fputs(n->level == PV_NOTE_ERROR ? "  error: " : "  warning: ", p->out);
    put_str(p->out, n->message);
    fputc('\n', p->out);
  }
  if (total > shown)
    fprintf(p->out, "  ... %zu more notifications (see --json or SARIF)\n", total - shown);
}

/* The risk line, for inputs with a malware-specific finding:
 * "  risk: suspicious (network 1 high, obfuscation 2 medium)". */
static void show_risk(const pen *p, const pv_result *r) {
  pv_risk k = pv_risk_of(r);
  const char *sep = " (";
  int any = 0;
  for (int g = 0; g < PV_MALWARE_GROUPS; g++)
    any |= k.n[g] > 0;
  if (!any)
    return;
  fprintf(p->out, "  risk: %s", pv_verdict_name(k.verdict));
  for (int g = 0; g < PV_MALWARE_GROUPS; g++) {
    if (k.n[g] == 0)
      continue;
    fprintf(p->out, "%s%s %u %s", sep, pv_malware_group_name(g), k.n[g],
            pv_severity_name(k.worst[g]));
    sep = ", ";
  }
  fputs(")\n", p->out);
}

/* The declared line, when the manifest declares something (engines.vscode
 * alone is not): "  declared: browser extension MV3; permissions tabs,
 * cookies; host_permissions <all_urls>", DECLARED_SHOWN entries a list. */
static void show_declared(const pen *p, const pv_result *r) {
  enum { DECLARED_SHOWN = 6 };
  const pv_declared *d = r->declared;
  size_t shown = 0;
  for (size_t i = 0; d != NULL && i < d->nlists; i++) {
    const pv_declared_list *l = &d->lists[i];
    if (strcmp(l->key, "engines.vscode") == 0)
      continue;
    fputs(shown++ ? "; " : "  declared: ", p->out);
    if (shown == 1) {
      put_str(p->out, pv_declared_kind_label(d->kind));
      fputs("; ", p->out);
    }
    put_str(p->out, l->key);
    for (size_t k = 0; k < l->len && k < DECLARED_SHOWN; k++) {
      fputs(k ? ", " : " ", p->out);
      put_str(p->out, l->items[k]);
    }
    if (l->len > DECLARED_SHOWN)
      fprintf(p->out, " +%zu more", l->len - DECLARED_SHOWN);
  }
  if (shown)
    fputc('\n', p->out);
}

/* Whether r has something to say besides "clean": a finding, a warning
 * or an error (--quiet lists only those inputs). */
static int worth_listing(const pv_result *r) {
  if (r->status == PV_INPUT_ERROR || r->partial)
    return 1;
  for (size_t i = 0; i < r->findings.len; i++)
    if (!pv_result_finding(r, i)->suppressed)
      return 1;
  for (size_t i = 0; i < r->notes.len; i++)
    if (pv_result_note_at(r, i)->level != PV_NOTE_INFO)
      return 1;
  return 0;
}

/* The input's heading line. */
static void show_heading(const pen *p, const pv_result *r, size_t visible) {
  fputs("== ", p->out);
  put_str(p->out, r->input);
  if (r->status == PV_INPUT_ERROR) {
    fputs(": error: ", p->out);
    put_str(p->out, r->error);
  } else {
    fprintf(p->out, " (%s, %zu file%s, %zu finding%s%s)", r->kind, r->files.len,
            r->files.len == 1 ? "" : "s", visible, visible == 1 ? "" : "s",
            r->partial ? ", analysed partially" : "");
  }
  fputc('\n', p->out);
}

static void show_input(const pen *p, const pv_result *r, int *oom) {
  size_t n;
  const pv_finding **v = visible_findings(r, &n, oom);
  show_heading(p, r, n);
  for (size_t lo = 0; lo < n;) {
    size_t hi = lo + 1;
    while (hi < n && v[hi]->severity == v[lo]->severity &&
           strcmp(pv_finding_rule_id(v[hi]), pv_finding_rule_id(v[lo])) == 0)
      hi++;
    show_group(p, v + lo, hi - lo);
    lo = hi;
  }
  free(v);
  show_risk(p, r);
  show_declared(p, r);
  show_notes(p, r);
}

/* The last line of every report for people: counts by severity and inputs. */
static void summary(FILE *out, const pv_report_set *set) {
  size_t counts[PV_SEV_NONE] = {0}, suppressed = 0, failed = 0, partial = 0, total = 0;
  size_t excluded = 0;
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    for (size_t k = 0; k < r->findings.len; k++) {
      const pv_finding *f = pv_result_finding(r, k);
      if (f->suppressed)
        suppressed++;
      else
        counts[f->severity]++;
    }
    excluded += r->excluded;
    failed += r->status == PV_INPUT_ERROR;
    partial += r->status != PV_INPUT_ERROR && r->partial;
  }
  for (int s = 0; s < PV_SEV_NONE; s++)
    total += counts[s];
  fprintf(out, "%zu finding%s (%zu critical, %zu high, %zu medium, %zu low, %zu info", total,
          total == 1 ? "" : "s", counts[PV_SEV_CRITICAL], counts[PV_SEV_HIGH],
          counts[PV_SEV_MEDIUM], counts[PV_SEV_LOW], counts[PV_SEV_INFO]);
  if (suppressed)
    fprintf(out, "; %zu suppressed", suppressed);
  if (set->baseline_known)
    fprintf(out, "; %zu in the baseline", set->baseline_known);
  fprintf(out, ") in %zu input%s: %zu scanned, %zu failed", set->count, set->count == 1 ? "" : "s",
          set->count - failed, failed);
  if (partial)
    fprintf(out, "; %zu analysed partially (see the warnings)", partial);
  if (set->resumed)
    fprintf(out, "; %zu more in the JSON lines of an earlier run (--resume)", set->resumed);
  if (excluded)
    fprintf(out, "; %zu file%s excluded", excluded, excluded == 1 ? "" : "s");
  fputc('\n', out);
}

static pv_status finish(FILE *out, int oom, pv_error *err) {
  if (oom)
    return pv_error_set(err, PV_FATAL, "out of memory");
  if (ferror(out))
    return pv_error_set(err, PV_FAILED, "cannot write the text report");
  return PV_OK;
}

typedef void (*input_fn)(const pen *p, const pv_result *r, int *oom);

/* A report for people: each input (with --quiet, those worth listing) by
 * show, then the summary line. */
static pv_status write_all(FILE *out, const pv_report_set *set, int color, input_fn show,
                           pv_error *err) {
  pen p = {out, color};
  int oom = 0;
  for (size_t i = 0; i < set->count; i++)
    if (!set->quiet || worth_listing(set->results[i]))
      show(&p, set->results[i], &oom);
  summary(out, set);
  return finish(out, oom, err);
}

pv_status pv_text_write(FILE *out, const pv_report_set *set, pv_error *err) {
  return write_all(out, set, set->color, show_input, err);
}

/* --- compact: one line a finding, PATH:LINE:COL: SEVERITY RULE: MESSAGE --- */

static void compact_input(const pen *p, const pv_result *r, int *oom) {
  FILE *out = p->out;
  size_t n;
  const pv_finding **v = visible_findings(r, &n, oom);
  if (r->status == PV_INPUT_ERROR) {
    put_str(out, r->input);
    fputs(": error: ", out);
    put_str(out, r->error);
    fputc('\n', out);
  }
  for (size_t i = 0; i < n; i++) {
    put_str(out, v[i]->path);
    fprintf(out, ":%u:%u: %s %s: ", v[i]->start.line ? v[i]->start.line : 1,
            v[i]->start.col ? v[i]->start.col : 1, pv_severity_name(v[i]->severity),
            pv_finding_rule_id(v[i]));
    put_str(out, v[i]->message);
    fputc('\n', out);
  }
  free(v);
}

pv_status pv_compact_write(FILE *out, const pv_report_set *set, pv_error *err) {
  return write_all(out, set, 0, compact_input, err);
}

/* --- table: aligned columns per input --- */

/* The width of the widest "PATH:LINE:COL" and rule id of fs. */
static void widths(const pv_finding *const *fs, size_t n, int *loc, int *rule) {
  *loc = 8; /* "LOCATION" */
  *rule = 4;
  for (size_t i = 0; i < n; i++) {
    char num[32];
    int w = snprintf(num, sizeof num, ":%u:%u", fs[i]->start.line, fs[i]->start.col);
    int lw = (int)strlen(fs[i]->path) + w, rw = (int)strlen(pv_finding_rule_id(fs[i]));
    *loc = lw > *loc ? lw : *loc;
    *rule = rw > *rule ? rw : *rule;
  }
}

static void table_row(FILE *out, const pv_finding *f, int loc, int rule) {
  char where[64];
  int w = snprintf(where, sizeof where, ":%u:%u", f->start.line ? f->start.line : 1,
                   f->start.col ? f->start.col : 1);
  fprintf(out, "  %-8s  ", pv_severity_name(f->severity));
  put_str(out, f->path);
  fprintf(out, "%s%*s  %-*s  ", where, loc - (int)strlen(f->path) - w, "", rule,
          pv_finding_rule_id(f));
  put_str(out, f->message);
  fputc('\n', out);
}

static void table_input(const pen *p, const pv_result *r, int *oom) {
  size_t n;
  int loc, rule;
  const pv_finding **v = visible_findings(r, &n, oom);
  show_heading(p, r, n);
  widths(v, n, &loc, &rule);
  if (n > 0)
    fprintf(p->out, "  %-8s  %-*s  %-*s  MESSAGE\n", "SEVERITY", loc, "LOCATION", rule, "RULE");
  for (size_t i = 0; i < n; i++)
    table_row(p->out, v[i], loc, rule);
  free(v);
  show_notes(p, r);
}

pv_status pv_table_write(FILE *out, const pv_report_set *set, pv_error *err) {
  return write_all(out, set, 0, table_input, err);
}

/* --- markdown: a table per input (a pull request comment, a CI job summary) --- */

/* Text in a table cell: Markdown's specials escaped, controls and newlines
 * made blanks. */
static void put_md(FILE *out, const char *s) {
  for (; s != NULL && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (strchr("\\`*_|<>[]#", c) != NULL)
      fputc('\\', out);
    fputc(c < 0x20 || c == 0x7f ? ' ' : c, out);
  }
}

static void md_input(const pen *p, const pv_result *r, int *oom) {
  FILE *out = p->out;
  size_t n;
  const pv_finding **v = visible_findings(r, &n, oom);
  fputs("### ", out);
  put_md(out, r->input);
  if (r->status == PV_INPUT_ERROR) {
    fputs(": error: ", out);
    put_md(out, r->error);
  } else {
    fprintf(out, " (%zu finding%s%s)", n, n == 1 ? "" : "s",
            r->partial ? ", analysed partially" : "");
  }
  fputs("\n\n", out);
  if (n > 0)
    fputs("| Severity | Rule | Location | Message |\n|---|---|---|---|\n", out);
  for (size_t i = 0; i < n; i++) {
    fprintf(out, "| %s | ", pv_severity_name(v[i]->severity));
    put_md(out, pv_finding_rule_id(v[i]));
    fputs(" | ", out);
    put_md(out, v[i]->path);
    fprintf(out, ":%u:%u | ", v[i]->start.line ? v[i]->start.line : 1,
            v[i]->start.col ? v[i]->start.col : 1);
    put_md(out, v[i]->message);
    fputs(" |\n", out);
  }
  if (n > 0)
    fputc('\n', out);
  free(v);
}

pv_status pv_markdown_write(FILE *out, const pv_report_set *set, pv_error *err) {
  fputs("## plugvet\n\n", out);
  return write_all(out, set, 0, md_input, err);
}
