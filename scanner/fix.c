/* fix.c — rule fixes made into replacements, applied, and shown as a diff
 * (fix.h). */
#include "fix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PCRE2's budgets for one fix-regex search of a matched text (as the
 * rules' own regexes have, match.c): past them the regex is taken as not
 * matching there, and the finding has no fix. */
enum { FIX_MATCH_LIMIT = 5000000, FIX_DEPTH_LIMIT = 100000 };

/* ---- fix-regex's replacement (Python's re.sub template) --------------- */

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

static int is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The byte a one-letter escape stands for, or -1 (Python's \a \b \f \n
 * \r \t \v \\). */
static int char_escape(char c) {
  static const char from[] = "abfnrtv\\";
  static const char to[] = "\a\b\f\n\r\t\v\\";
  const char *p = c != '\0' ? strchr(from, c) : NULL;
  return p != NULL ? to[p - from] : -1;
}

/* Group g's text (empty when it did not take part) into out. */
static void add_group(pv_buf *out, const unsigned char *t, const PCRE2_SIZE *ov, int g) {
  if (out != NULL && ov != NULL && ov[2 * g] != PCRE2_UNSET && ov[2 * g + 1] >= ov[2 * g])
    pv_buf_cat(out, t + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

/* `\g<name>` or `\g<N>` at *p (just past the 'g'): the group's number, or
 * -1 with why. */
static int named_group(const pcre2_code *re, const char **p, uint32_t ngroups, char *why,
                       size_t why_len) {
  const char *s = *p, *close;
  if (*s != '<' || (close = strchr(s, '>')) == NULL) {
    snprintf(why, why_len, "\\g without <name>");
    return -1;
  }
  size_t len = (size_t)(close - s - 1);
  char name[64];
  if (len == 0 || len >= sizeof name) {
    snprintf(why, why_len, "bad group name in \\g<...>");
    return -1;
  }
  memcpy(name, s + 1, len);
  name[len] = '\0';
  *p = close + 1;
  if (strspn(name, "0123456789") == len) {
    long g = strtol(name, NULL, 10);
    if (g > (long)ngroups) {
      snprintf(why, why_len, "invalid group reference %ld", g);
      return -1;
    }
    return (int)g;
  }
  int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
  if (g < 0) {
    snprintf(why, why_len, "unknown group name '%s'", name);
    return -1;
  }
  return g;
}

/* Expand the template repl for one match (t: the subject, ov: its
 * ovector) into out; with out NULL only check it. 0, or -1 with why. */
static int expand(const pcre2_code *re, const char *repl, const unsigned char *t,
                  const PCRE2_SIZE *ov, pv_buf *out, char *why, size_t why_len) {
  uint32_t ngroups = 0;
  pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &ngroups);
  for (const char *p = repl; *p;) {
    if (*p != '\\') {
      size_t run = strcspn(p, "\\");
      if (out != NULL)
        pv_buf_cat(out, p, run);
      p += run;
      continue;
    }
    char c = p[1];
    int g = -1;
    p += 2;
    if (c == 'g') {
      if ((g = named_group(re, &p, ngroups, why, why_len)) < 0)
        return -1;
    } else if (is_digit(c) && c != '0') {
      g = c - '0';
      if (is_digit(*p))
        g = g * 10 + (*p++ - '0');
      if ((uint32_t)g > ngroups) {
        snprintf(why, why_len, "invalid group reference %d", g);
        return -1;
      }
    } else if (char_escape(c) >= 0) {
      char b = (char)char_escape(c);
      if (out != NULL)
        pv_buf_cat(out, &b, 1);
      continue;
    } else if (c == '\0' || c == '0' || is_alpha(c)) {
      snprintf(why, why_len, c == '\0' ? "bad escape (end of replacement)" : "bad escape \\%c", c);
      return -1;
    } else {
      if (out != NULL)
        pv_buf_cat(out, p - 2, 2); /* \& and kin stay as written */
      continue;
    }
    add_group(out, t, ov, g);
  }
  return 0;
}

int pv_fix_check(const pcre2_code *re, const char *replacement, char *why, size_t why_len) {
  return expand(re, replacement, NULL, NULL, NULL, why, why_len);
}

/* The byte after the UTF-8 character at pos (one byte for a stray one). */
static size_t next_char(const unsigned char *t, size_t n, size_t pos) {
  size_t k = pos + 1;
  while (k < n && (t[k] & 0xC0) == 0x80 && k - pos < 4)
    k++;
  return k;
}

/* re.sub(re, replacement, t[0..n), count) into out, as Python 3.7 does
 * (an empty match next to the previous match is replaced too). The number
 * of replacements, or -1 when PCRE2 failed (a budget). */
static long regex_sub(const pv_fix *fx, const unsigned char *t, size_t n, pv_buf *out) {
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(fx->re, NULL);
  pcre2_match_context *mc = pcre2_match_context_create(NULL);
  long done = 0;
  size_t pos = 0, copied = 0;
  uint32_t opts = 0;
  char why[8];
  if (md == NULL || mc == NULL) {
    done = -1;
    goto out;
  }
  pcre2_set_match_limit(mc, FIX_MATCH_LIMIT);
  pcre2_set_depth_limit(mc, FIX_DEPTH_LIMIT);
  while (pos <= n && (fx->count == 0 || done < (long)fx->count)) {
    int rc = pcre2_match(fx->re, t, n, pos, opts, md, mc);
    if (rc == PCRE2_ERROR_NOMATCH && opts != 0) {
      pos = next_char(t, n, pos); /* after an empty match: on by one character */
      opts = 0;
      continue;
    }
    if (rc == PCRE2_ERROR_NOMATCH)
      break;
    if (rc < 0) {
      done = -1;
      break;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    pv_buf_cat(out, t + copied, ov[0] - copied);
    expand(fx->re, fx->replacement, t, ov, out, why, sizeof why);
    copied = pos = ov[1];
    opts = ov[1] == ov[0] ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0;
    done++;
  }
  if (done > 0)
    pv_buf_cat(out, t + copied, n - copied);
out:
  pcre2_match_data_free(md);
  pcre2_match_context_free(mc);
  return done;
}

/* ---- fix: text with metavariables -------------------------------------- */

static int mv_start(char c) {
  return (c >= 'A' && c <= 'Z') || c == '_';
}

static int mv_char(char c) {
  return mv_start(c) || is_digit(c);
}

/* The length of the metavariable name at p (just past a '$'): "X1",
 * "...ARGS", "1" (a regex group); 0 when there is none. */
static size_t mv_len(const char *p) {
  size_t k = strncmp(p, "...", 3) == 0 ? 3 : 0;
  if (k == 0 && is_digit(p[0])) {
    while (is_digit(p[k]))
      k++;
    return k;
  }
  if (!mv_start(p[k]))
    return 0;
  while (mv_char(p[k]))
    k++;
  return k;
}

/* The length of the capture name at p ("args": a query's, which
 * messages name in any case), 0 when there is none. */
static size_t word_len(const char *p) {
  size_t k = 0;
  while (mv_char(p[k]) || (p[k] >= 'a' && p[k] <= 'z'))
    k++;
  return is_digit(p[0]) ? 0 : k;
}

/* The bound name at p (past a '$'): a query's capture name, else a
 * Semgrep metavariable; *k its length, 0 when unbound. */
static int bound(const char *p, pv_fix_lookup look, void *ctx, size_t *k, size_t *s, size_t *e) {
  *k = word_len(p);
  if (*k > 0 && look(ctx, p, *k, s, e) && *e >= *s)
    return 1;
  *k = mv_len(p);
  return *k > 0 && look(ctx, p, *k, s, e) && *e >= *s;
}

static void fill_text(const char *tmpl, const unsigned char *d, pv_fix_lookup look, void *ctx,
                      pv_buf *out) {
  for (const char *p = tmpl; *p;) {
    size_t k = 0, s, e;
    if (*p == '$' && bound(p + 1, look, ctx, &k, &s, &e)) {
      pv_buf_cat(out, d + s, e - s);
      p += 1 + k;
    } else {
      size_t run = 1 + strcspn(p + 1, "$");
      pv_buf_cat(out, p, run);
      p += run;
    }
  }
}

static int holds(const unsigned char *h, size_t hn, const unsigned char *x, size_t xn) {
  for (size_t i = 0; xn > 0 && i + xn <= hn; i++)
    if (h[i] == x[0] && memcmp(h + i, x, xn) == 0)
      return 1;
  return 0;
}

const char *pv_fix_make(const pv_fix *fx, pv_arena *a, const unsigned char *d, size_t s, size_t e,
                        pv_fix_lookup look, void *ctx, size_t sec_s, size_t sec_e, size_t max,
                        int *oom) {
  pv_buf b;
  const char *res = NULL;
  pv_buf_init(&b, max);
  if (fx->text != NULL)
    fill_text(fx->text, d, look, ctx, &b);
  else if (regex_sub(fx, d + s, e - s, &b) <= 0)
    goto out; /* the regex does not match: nothing to change */
  if (pv_buf_status(&b) == PV_FATAL)
    *oom = 1;
  if (pv_buf_status(&b) != PV_OK)
    goto out;
  if (sec_e > sec_s && b.len > 0 && holds(b.data, b.len, d + sec_s, sec_e - sec_s))
    goto out;
  res = b.len > 0 ? pv_arena_strndup(a, (const char *)b.data, b.len) : "";
  if (res == NULL)
    *oom = 1;
out:
  pv_buf_free(&b);
  return res;
}

/* ---- applying a file's fixes -------------------------------------------- */

static int cmp_edit(const void *x, const void *y) {
  const pv_fix_edit *a = x, *b = y;
  if (a->s != b->s)
    return a->s < b->s ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

pv_status pv_fix_apply(const unsigned char *d, size_t n, pv_fix_edit *edits, size_t ne, pv_buf *out,
                       size_t *applied, size_t *overlaps) {
  size_t pos = 0;
  const pv_fix_edit *last = NULL;
  *applied = *overlaps = 0;
  if (ne > 1)
    qsort(edits, ne, sizeof *edits, cmp_edit);
  for (size_t i = 0; i < ne; i++) {
    pv_fix_edit *x = &edits[i];
    if (x->s > x->e || x->e > n)
      return PV_FAILED;
    x->skipped = last != NULL && (x->s < last->e || x->s == last->s);
    if (x->skipped && x->s == last->s && x->e == last->e && strcmp(x->text, last->text) == 0)
      x->skipped = PV_FIX_SAME;
    *overlaps += x->skipped == PV_FIX_OVERLAP;
    if (x->skipped)
      continue;
    pv_buf_cat(out, d + pos, x->s - pos);
    pv_buf_cats(out, x->text);
    pos = x->e;
    last = x;
    ++*applied;
  }
  pv_buf_cat(out, d + pos, n - pos);
  return pv_buf_status(out);
}

/* ---- the diff ----------------------------------------------------------- */

/* Lines in t[0..n): newlines, and one more for an unterminated last line. */
static size_t count_lines(const unsigned char *t, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += t[i] == '\n';
  return k + (n > 0 && t[n - 1] != '\n');
}

static size_t line_start(const unsigned char *d, size_t at) {
  while (at > 0 && d[at - 1] != '\n')
    at--;
  return at;
}

/* The end of the line holding byte at (past its newline), or n. */
static size_t line_end(const unsigned char *d, size_t n, size_t at) {
  const unsigned char *nl = at < n ? memchr(d + at, '\n', n - at) : NULL;
  return nl != NULL ? (size_t)(nl - d) + 1 : n;
}

/* Each line of t[0..n) prefixed by sign. */
static void put_lines(pv_buf *out, char sign, const unsigned char *t, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t end = line_end(t, n, i);
    pv_buf_cat(out, &sign, 1);
    pv_buf_cat(out, t + i, end - i);
    if (t[end - 1] != '\n')
      pv_buf_cats(out, "\n\\ No newline at end of file\n");
    i = end;
  }
}

/* "-3,2" / "+3,0": a side's start line (the line before, for none) and
 * count. */
static void put_range(pv_buf *out, char sign, size_t line, size_t count) {
  pv_buf_catf(out, "%c%zu,%zu", sign, count > 0 ? line : line - 1, count);
}

void pv_fix_diff(const char *path, const unsigned char *d, size_t n, const pv_fix_edit *edits,
                 size_t ne, pv_buf *out) {
  size_t line = 1, counted = 0; /* line number of byte `counted` */
  long delta = 0;               /* new lines minus old lines so far */
  pv_buf_catf(out, "--- a/%s\n+++ b/%s\n", path, path);
  for (size_t i = 0; i < ne;) {
    if (edits[i].skipped) {
      i++;
      continue;
    }
    size_t l0 = line_start(d, edits[i].s), l1 = l0, j = i;
    pv_buf nw;
    pv_buf_init(&nw, out->max);
    size_t pos = l0;
    for (; j < ne && (edits[j].skipped || edits[j].s < l1 || j == i); j++) {
      const pv_fix_edit *x = &edits[j];
      if (x->skipped)
        continue;
      size_t last = x->e > x->s && d[x->e - 1] == '\n' ? x->e - 1 : x->e;
      pv_buf_cat(&nw, d + pos, x->s - pos);
      pv_buf_cats(&nw, x->text);
      pos = x->e;
      if (line_end(d, n, last) > l1)
        l1 = line_end(d, n, last);
    }
    pv_buf_cat(&nw, d + pos, l1 - pos);
    for (; counted < l0; counted++)
      line += d[counted] == '\n';
    size_t old_n = count_lines(d + l0, l1 - l0), new_n = count_lines(nw.data, nw.len);
    pv_buf_cats(out, "@@ ");
    put_range(out, '-', line, old_n);
    pv_buf_cats(out, " ");
    put_range(out, '+', (size_t)((long)line + delta), new_n);
    pv_buf_cats(out, " @@\n");
    put_lines(out, '-', d + l0, l1 - l0);
    put_lines(out, '+', nw.data, nw.len);
    if (pv_buf_status(&nw) != PV_OK && out->status == PV_OK)
      out->status = pv_buf_status(&nw); /* the hunk is short: out fails too */
    pv_buf_free(&nw);
    delta += (long)new_n - (long)old_n;
    i = j;
  }
}
