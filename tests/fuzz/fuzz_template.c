/* fuzz_template.c — any bytes as an EJS, Handlebars, Pug and Nunjucks
 * view (scanner/template.h): every unescaped output found, and whether its
 * expression reads the name the input's first word spells; every alias
 * the view binds. Checks that every output lies inside the input and its
 * expression inside the tag, and that every alias's name, expression and
 * scope lie inside the input. */
#include <stdlib.h>
#include <string.h>

#include "../../scanner/template.h"
#include "fuzz.h"

enum { OUTS_MAX = 4096, NAME_MAX_BYTES = 16 };

typedef struct {
  const uint8_t *d;
  size_t n;
  char name[NAME_MAX_BYTES];
} ctx;

static int check(void *p, const pv_tpl_out *o) {
  const ctx *c = p;
  if (o->s > o->e || o->e > c->n || o->xs < o->s || o->xe > o->e || o->xs > o->xe)
    abort();
  pv_tpl_reads(c->d, o->xs, o->xe, c->name, strlen(c->name));
  return 0;
}

static int check_alias(void *p, const pv_tpl_alias *a) {
  const ctx *c = p;
  if (a->ns > a->ne || a->ne > c->n || a->xs > a->xe || a->xe > c->n || a->from > a->to ||
      a->to > c->n)
    abort();
  pv_tpl_reads(c->d, a->xs, a->xe, c->name, strlen(c->name));
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const pv_lang langs[] = {PV_LANG_EJS, PV_LANG_HBS, PV_LANG_PUG, PV_LANG_NJK};
  ctx c = {data, size, "q"};
  size_t k = 0;
  while (k < size && k + 1 < NAME_MAX_BYTES && data[k] >= 'a' && data[k] <= 'z') {
    c.name[k] = (char)data[k];
    k++;
  }
  if (k > 0)
    c.name[k] = '\0';
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
    if (pv_tpl_unescaped(data, size, langs[i], OUTS_MAX, check, &c) > OUTS_MAX ||
        pv_tpl_aliases(data, size, langs[i], OUTS_MAX, check_alias, &c) > OUTS_MAX)
      abort();
  return 0;
}
