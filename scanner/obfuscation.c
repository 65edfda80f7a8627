/* obfuscation.c — obfuscated or minified? (obfuscation.h) */
#include "obfuscation.h"

#include <stdio.h>
#include <string.h>

/* Thresholds (obfuscation.h says how they were measured). */
enum {
  HEX_IDS_MIN = 5,       /* `_0x` names at least this many ... */
  HEX_IDS_SHARE = 5,     /* ... and at least 1 in HEX_IDS_SHARE identifiers */
  ESCAPES_MIN = 100,     /* \xHH escapes at least this many ... */
  ESCAPES_PER_BYTE = 20, /* ... and one per ESCAPES_PER_BYTE bytes of code */
  JSFUCK_RUN = 500,      /* a run of only []()!+ this long */
};

static const pv_rule_meta obf_rule = {
    .id = "js.obfuscation.obfuscated-code",
    .name = "obfuscated code",
    .message = "This file is obfuscated",
    .description =
        "The file carries the marks of an obfuscator, not of a minifier: names like _0x1a2b, "
        "a rotated string array decoded at run time, a packer or JSFuck. Minifiers (terser, "
        "esbuild, webpack) shorten code; obfuscators hide what it does, and malicious "
        "packages use them to hide loaders and stealers from review. Ask for the source, or "
        "do not install the package.",
    .severity = PV_SEV_HIGH,
    .confidence = "high",
    .category = "security",
    .capability = "eval",
    .malware = "obfuscation",
    .cwe = (const char *const[]){"CWE-506", NULL},
    .source_file = "<builtin>",
};

const pv_rule_meta *pv_obfuscation_rule(void) {
  return &obf_rule;
}

static int is_id_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}

static int is_id(unsigned char c) {
  return is_id_start(c) || (c >= '0' && c <= '9');
}

static int is_jsfuck(unsigned char c) {
  return c == '[' || c == ']' || c == '(' || c == ')' || c == '!' || c == '+';
}

static int is_hex(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* `_0x` followed by 4 to 6 hex digits, the whole identifier. */
static int hex_name(const unsigned char *s, size_t n) {
  if (n < 7 || n > 9 || s[0] != '_' || s[1] != '0' || s[2] != 'x')
    return 0;
  for (size_t i = 3; i < n; i++)
    if (!is_hex(s[i]))
      return 0;
  return 1;
}

static int has(const unsigned char *d, size_t n, const char *w) {
  return memmem(d, n, w, strlen(w)) != NULL;
}

/* A string literal from its quote: counts \xHH escapes; returns the index
 * after it (an unterminated one ends at the line end). */
static size_t string_end(const unsigned char *d, size_t n, size_t i, pv_obf_measure *m) {
  unsigned char q = d[i++];
  while (i < n && d[i] != q && !(q != '`' && d[i] == '\n')) {
    if (d[i] == '\\' && i + 3 < n && d[i + 1] == 'x' && is_hex(d[i + 2]) && is_hex(d[i + 3]))
      m->escapes++;
    i += d[i] == '\\' ? 2 : 1;
  }
  return i + 1;
}

/* A comment from its '/': the index after it, or i when there is none. */
static size_t comment_end(const unsigned char *d, size_t n, size_t i) {
  if (i + 1 >= n || (d[i + 1] != '/' && d[i + 1] != '*'))
    return i;
  if (d[i + 1] == '/') {
    const unsigned char *e = memchr(d + i, '\n', n - i);
    return e ? (size_t)(e - d) : n;
  }
  const unsigned char *e = memmem(d + i + 2, n - i - 2, "*/", 2);
  return e ? (size_t)(e - d) + 2 : n;
}

void pv_obf_measure_js(const unsigned char *d, size_t n, pv_obf_measure *m) {
  memset(m, 0, sizeof *m);
  uint32_t run = 0;
  size_t i = 0;
  int bangs = 0; /* a !![] outside strings and comments: the rotation may be there */
  while (i < n) {
    unsigned char c = d[i];
    size_t j = c == '/' ? comment_end(d, n, i) : i;
    if (j != i) {
      i = j;
      continue;
    }
    m->code++;
    run = is_jsfuck(c) ? run + 1 : 0;
    bangs |= c == '!' && i + 3 < n && memcmp(d + i, "!![]", 4) == 0;
    m->jsfuck = run > m->jsfuck ? run : m->jsfuck;
    if (c == '"' || c == '\'' || c == '`') {
      j = string_end(d, n, i, m);
      m->code += (uint32_t)(j - i - 1);
      i = j;
    } else if (is_id_start(c) && (i == 0 || !is_id(d[i - 1]))) {
      j = i;
      while (j < n && is_id(d[j]))
        j++;
      m->idents++;
      m->hex_ids += hex_name(d + i, j - i);
      m->packer |= j - i == 4 && memcmp(d + i, "eval", 4) == 0 && j + 20 <= n &&
                   memcmp(d + j, "(function(p,a,c,k,e,", 20) == 0;
      m->code += (uint32_t)(j - i - 1);
      i = j;
    } else {
      i++;
    }
  }
  m->rotation = bangs && has(d, n, "while(!![])") && has(d, n, "parseInt(") &&
                (has(d, n, "['push'](") || has(d, n, "[\"push\"](")) &&
                (has(d, n, "['shift']()") || has(d, n, "[\"shift\"]()"));
}

const char *pv_obf_verdict(const pv_obf_measure *m, char *buf, size_t cap) {
  if (m->packer)
    return "a packer (eval(function(p,a,c,k,e,...)))";
  if (m->jsfuck >= JSFUCK_RUN) {
    snprintf(buf, cap, "JSFuck-style code (a run of %u []()!+ characters)", m->jsfuck);
    return buf;
  }
  if (m->rotation)
    return "a rotated string array decoded at run time (javascript-obfuscator)";
  if (m->hex_ids >= HEX_IDS_MIN && (uint64_t)m->hex_ids * HEX_IDS_SHARE >= m->idents) {
    snprintf(buf, cap, "obfuscator names (_0x...: %u of %u identifiers)", m->hex_ids, m->idents);
    return buf;
  }
  if (m->escapes >= ESCAPES_MIN && (uint64_t)m->escapes * ESCAPES_PER_BYTE >= m->code) {
    snprintf(buf, cap, "strings hidden as \\x escapes (%u in %u bytes of code)", m->escapes,
             m->code);
    return buf;
  }
  return NULL;
}

pv_status pv_obfuscation_check(pv_result *r, const pv_file *f, const pv_limits *lim) {
  if (f->data == NULL || (f->lang != PV_LANG_JS && f->lang != PV_LANG_TS && f->lang != PV_LANG_TSX))
    return PV_OK;
  pv_obf_measure m;
  char why[160];
  pv_obf_measure_js(f->data, f->size, &m);
  const char *v = pv_obf_verdict(&m, why, sizeof why);
  if (v == NULL)
    return PV_OK;
  pv_finding fd = {0};
  fd.rule = &obf_rule;
  fd.severity = obf_rule.severity;
  fd.message = pv_arena_printf(r->arena,
                               "This file is obfuscated: %s. Minifiers shorten code; obfuscators "
                               "hide what it does. Ask for the source, or do not install it.",
                               v);
  if (fd.message == NULL)
    return PV_FATAL;
  fd.file = f;
  fd.path = f->path;
  fd.start.line = fd.start.col = fd.end.line = fd.end.col = 1;
  pv_result_add_finding(r, &fd, lim); /* NULL past the findings cap: noted there */
  return PV_OK;
}
