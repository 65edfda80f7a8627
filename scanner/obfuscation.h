/* obfuscation.h — tell obfuscated JavaScript from minified JavaScript by
 * measuring one file's bytes in a single pass (bounded by the file size):
 *
 *   - hex names: identifiers `_0x` + 4-6 hex digits (javascript-obfuscator
 *     and its kin name everything so; terser, esbuild, webpack and uglify
 *     never do), as a share of all identifiers;
 *   - the string-array rotation: `['push'](...['shift']())` inside a
 *     `while (!![])` loop, javascript-obfuscator's decoder preamble;
 *   - packers: Dean Edwards' `eval(function(p,a,c,k,e,` and JSFuck-like runs
 *     of only `[]()!+` characters;
 *   - escape density: `\xHH` escapes in string literals, per byte of code.
 *
 * A file is obfuscated when one signature holds (thresholds in
 * obfuscation.c, measured on the 122 popular packages of the bench corpus
 * and on javascript-obfuscator output: tests/data/obfuscated/). It then
 * gets one js.obfuscation.obfuscated-code finding (high, malware group
 * "obfuscation") at its first line naming what was seen. */
#ifndef PV_OBFUSCATION_H
#define PV_OBFUSCATION_H

#include "limits.h"
#include "result.h"

typedef struct {
  uint32_t idents;  /* identifier tokens outside strings and comments */
  uint32_t hex_ids; /* of them `_0x` + 4-6 hex digits */
  uint32_t escapes; /* \xHH escapes inside string literals */
  uint32_t code;    /* bytes outside comments */
  uint32_t jsfuck;  /* the longest run of only []()!+ characters */
  int rotation;     /* the string-array rotation preamble */
  int packer;       /* eval(function(p,a,c,k,e, */
} pv_obf_measure;

/* Measure data[0, n). */
void pv_obf_measure_js(const unsigned char *data, size_t n, pv_obf_measure *m);
/* Why m looks obfuscated ("hex names 812 of 1020 identifiers", ...), or
 * NULL when it does not. Static text or written into buf. */
const char *pv_obf_verdict(const pv_obf_measure *m, char *buf, size_t cap);
/* Measure f (a JavaScript or TypeScript file) and add the finding when it
 * is obfuscated. PV_FATAL on out of memory. */
pv_status pv_obfuscation_check(pv_result *r, const pv_file *f, const pv_limits *lim);
/* The rule of that finding. */
const pv_rule_meta *pv_obfuscation_rule(void);

#endif
