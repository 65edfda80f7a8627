/* text.c — the report for people: findings grouped by input and file, the
 * source line with a marker, a taint finding's numbered path, notifications,
 * and a last summary line. */
#include <string.h>

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

static void show_finding(const pen *p, const pv_finding *f) {
  char sev[16];
  size_t i = 0;
  for (const char *s = pv_severity_name(f->severity); *s && i < sizeof sev - 1; s++)
    sev[i++] = (char)(*s - 32 * (*s >= 'a' && *s <= 'z'));
  sev[i] = '\0';
  fputs("  ", p->out);
  paint(p, sev_color(f->severity), sev);
  fprintf(p->out, " %s  ", f->rule->id);
  put_str(p->out, f->message);
  fputs("\n    ", p->out);
  put_str(p->out, f->path);
  fprintf(p->out, ":%u:%u\n", f->start.line ? f->start.line : 1, f->start.col ? f->start.col : 1);
  show_source(p, f);
  show_flow(p, f);
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

static void show_input(const pen *p, const pv_result *r, size_t counts[PV_SEV_NONE],
                       size_t *suppressed) {
  size_t visible = 0;
  for (size_t i = 0; i < r->findings.len; i++)
    visible += !pv_result_finding(r, i)->suppressed;
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
  for (size_t i = 0; i < r->findings.len; i++) {
    const pv_finding *f = pv_result_finding(r, i);
    if (f->suppressed) {
      ++*suppressed;
      continue;
    }
    counts[f->severity]++;
    show_finding(p, f);
  }
  show_risk(p, r);
  show_notes(p, r);
}

pv_status pv_text_write(FILE *out, const pv_report_set *set, pv_error *err) {
  pen p = {out, set->color};
  size_t counts[PV_SEV_NONE] = {0}, suppressed = 0, failed = 0, partial = 0, total = 0;
  size_t excluded = 0;
  for (size_t i = 0; i < set->count; i++) {
    const pv_result *r = set->results[i];
    show_input(&p, r, counts, &suppressed);
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
  if (ferror(out))
    return pv_error_set(err, PV_FAILED, "cannot write the text report");
  return PV_OK;
}
