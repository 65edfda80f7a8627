/* test_cut.c — the pattern table reader (scanner/rules/cut.h): what it
 * skips, what it keeps, and tables that must be refused even with a
 * checksum that holds (counts past the end, bad numbers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../scanner/rules/cut.h"
#include "tap.h"

static const char *const ID = "0123abcd";

/* A table of one javascript snippet needing words w1 (and w2 if not NULL;
 * mod2: w2 is a module name). */
static void table(pv_buf *b, const char *src, const char *w1, const char *w2, int mod2) {
  pv_buf words;
  pv_buf_init(&words, 1 << 20);
  pv_cut_put_word(&words, w1, (uint32_t)strlen(w1), 0);
  if (w2)
    pv_cut_put_word(&words, w2, (uint32_t)strlen(w2), mod2);
  pv_buf_init(b, 1 << 20);
  pv_cut_put_head(b, ID);
  pv_cut_put_entry(b, PV_LANG_JS, 0, src, strlen(src), &words, w2 ? 2 : 1);
  pv_cut_put_end(b);
  pv_buf_free(&words);
}

/* A cut of table b with one text t. */
static pv_cut *cut_of(const pv_buf *b, const char *t) {
  pv_cut *c = NULL;
  pv_error err = {0};
  if (pv_cut_new(b->data, b->len, ID, &c, &err) != PV_OK)
    return NULL;
  if (pv_cut_add_text(c, (const unsigned char *)t, strlen(t)) != PV_OK) {
    pv_cut_delete(c);
    return NULL;
  }
  return c;
}

static int skips(const char *text, const char *w2, int mod2) {
  pv_buf b;
  table(&b, "foo.innerHTML = $X", "innerHTML", w2, mod2);
  pv_cut *c = cut_of(&b, text);
  int r = c ? pv_cut_skips(c, PV_LANG_JS, 0, "foo.innerHTML = $X", 18) : -1;
  pv_cut_delete(c);
  pv_buf_free(&b);
  return r;
}

static void test_skips(void) {
  is_int(skips("a.innerHTML = b", NULL, 0), 0, "its word present: compiled");
  is_int(skips("a.outerHTML = b", NULL, 0), 1, "its word absent: skipped");
  is_int(skips("x('innerHTML')", NULL, 0), 0, "present anywhere, as the prefilter: compiled");
  is_int(skips("a.innerHTML = require('vm')", "vm", 1), 0, "a short module quoted: compiled");
  is_int(skips("a.innerHTML = vm", "vm", 1), 1, "a short module bare: skipped");
  is_int(skips("a.innerHTML = b", "other", 0), 1, "one of two words absent: skipped");
  is_int(skips("", NULL, 0), 1, "an empty text: skipped");
  pv_buf b;
  table(&b, "foo.innerHTML = $X", "innerHTML", NULL, 0);
  pv_cut *c = cut_of(&b, "no words here");
  if (ok(c != NULL, "the table reads")) {
    is_int(pv_cut_skips(c, PV_LANG_JS, 0, "foo.innerHTML = $Y", 18), 0,
           "another snippet: compiled");
    is_int(pv_cut_skips(c, PV_LANG_TS, 0, "foo.innerHTML = $X", 18), 0,
           "another language: compiled");
    is_int(pv_cut_skips(c, PV_LANG_JS, 1, "foo.innerHTML = $X", 18), 0, "untyped: compiled");
    is_int(pv_cut_skipped(c), 0, "nothing skipped yet");
    is_int(pv_cut_skips(c, PV_LANG_JS, 0, "foo.innerHTML = $X", 18), 1, "the snippet: skipped");
    is_int(pv_cut_skipped(c), 1, "one skipped");
    pv_cut_drop_texts(c);
    is_int(pv_cut_covers(c, (const unsigned char *)"no words here", 13), 1, "covers its text");
    is_int(pv_cut_covers(c, (const unsigned char *)"no words herE", 13), 0, "not another");
    is_int(pv_cut_covers(c, (const unsigned char *)"no words her", 12), 0, "nor a prefix");
  }
  pv_cut_delete(c);
  pv_buf_free(&b);
}

/* body (the entries) framed with the header and a checksum that holds;
 * *skip (if not NULL): whether javascript snippet "abc" is skipped for
 * text. */
static pv_status read_body_skip(const char *body, const char *why, const char *text, int *skip) {
  pv_buf b;
  pv_buf_init(&b, 1 << 20);
  pv_cut_put_head(&b, ID);
  pv_buf_cats(&b, body);
  pv_cut_put_end(&b);
  pv_cut *c = NULL;
  pv_error err = {0};
  pv_status rc = pv_cut_new(b.data, b.len, ID, &c, &err);
  if (why)
    ok(strstr(err.msg, why) != NULL, "the reason: %s", err.msg);
  if (skip != NULL && rc == PV_OK &&
      pv_cut_add_text(c, (const unsigned char *)text, strlen(text)) == PV_OK)
    *skip = pv_cut_skips(c, PV_LANG_JS, 0, "abc", 3);
  pv_cut_delete(c);
  pv_buf_free(&b);
  return rc;
}

static pv_status read_body(const char *body, const char *why) {
  return read_body_skip(body, why, NULL, NULL);
}

/* Words that do not read back: the table opens (they are read when the
 * snippet is looked up) but the snippet is compiled, for a text holding
 * the words before them. */
static void malformed_words(const char *body, const char *name) {
  int skip = -1;
  is_int(read_body_skip(body, NULL, "abc", &skip), PV_OK, "%s: the table opens", name);
  is_int(skip, 0, "%s: the snippet is compiled", name);
}

static void test_refused(void) {
  int skip = -1;
  is_int(read_body("", NULL), PV_OK, "no entry: a table");
  is_int(read_body_skip("E 1 0 3 1 10\nabc\nW 0 3\nabc\n", NULL, "zzz", &skip), PV_OK, "one entry");
  is_int(skip, 1, "one entry: its snippet skipped for a text without its word");
  is_int(read_body("E 1 0 300 1 10\nabc\nW 0 3\nabc\n", "corrupted entry"), PV_FAILED,
         "a length past the end");
  is_int(read_body("E 1 0 3 1 300\nabc\nW 0 3\nabc\n", "corrupted entry"), PV_FAILED,
         "words past the end");
  is_int(read_body("E 1 0 3 1\nabc\nW 0 3\nabc\n", "corrupted entry"), PV_FAILED,
         "no words' byte count (version 1)");
  malformed_words("E 1 0 3 2 10\nabc\nW 0 3\nabc\n", "more words than there are");
  malformed_words("E 1 0 3 1 7\nabc\nW 0 0\n\n", "an empty word");
  is_int(read_body("E 1 0 3 1 8\nabc\nW 0 3\nabc\n", "corrupted entry"), PV_FAILED,
         "words longer than their byte count");
  malformed_words("E 1 0 3 1 10\nabc\nW 7 3\nabc\n", "a bad module flag");
  is_int(read_body("E 99 0 3 0 0\nabc\n", "corrupted entry"), PV_FAILED, "no such language");
  is_int(read_body("E 1 0 -3 0 0\nabc\n", "corrupted entry"), PV_FAILED, "a negative length");
  is_int(read_body("E 1 0 18446744073709551615 0 0\nabc\n", "corrupted entry"), PV_FAILED,
         "a huge length");
  is_int(read_body("X 1 0 3 0 0\nabc\n", "corrupted entry"), PV_FAILED, "an unknown line");
  is_int(read_body("E 1 0 3 0 0\nabcd\n", "corrupted entry"), PV_FAILED, "a length one short");
  pv_cut *c = NULL;
  pv_error err = {0};
  is_int(pv_cut_new((const unsigned char *)"", 0, ID, &c, &err), PV_FAILED, "no bytes");
  ok(c == NULL, "no cut");
}

int main(void) {
  test_skips();
  test_refused();
  return tap_done();
}
