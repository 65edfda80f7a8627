/* test_trees.c — the rule trees file (scanner/rules/trees.h): a tree
 * written reads back equal, only for the same bytes; files and trees that
 * must be refused even with a checksum that holds (offsets and counts
 * past the end, nesting over the limit, an unknown node type). */
#include <stdlib.h>
#include <string.h>

#include "../../scanner/rules/rules_impl.h"
#include "../../scanner/rules/trees.h"
#include "tap.h"

static const char *const ID = "0123abcd";
static const char TEXT[] = "rules:\n  - a\n  - b\n";

static pv_yaml_node *node(pv_arena *a, pv_yaml_type t, uint32_t line, const char *s) {
  pv_yaml_node *n = pv_arena_alloc(a, sizeof *n);
  memset(n, 0, sizeof *n);
  n->t = t;
  n->line = line;
  if (s) {
    n->s = s;
    n->len = strlen(s);
  }
  return n;
}

static void add_kid(pv_arena *a, pv_yaml_node *p, pv_yaml_node *k) {
  pv_yaml_node **v = pv_arena_alloc(a, (p->n + 1) * sizeof *v);
  if (p->n)
    memcpy(v, p->kids, p->n * sizeof *v);
  v[p->n++] = k;
  p->kids = v;
  p->cap = p->n;
}

/* TEXT's tree: {rules: [a, b]}. */
static pv_yaml_node *text_tree(pv_arena *a) {
  pv_yaml_node *root = node(a, PV_YAML_MAP, 1, NULL), *seq = node(a, PV_YAML_SEQ, 2, NULL);
  add_kid(a, root, node(a, PV_YAML_SCALAR, 1, "rules"));
  add_kid(a, root, seq);
  add_kid(a, seq, node(a, PV_YAML_SCALAR, 2, "a"));
  add_kid(a, seq, node(a, PV_YAML_SCALAR, 3, "b"));
  return root;
}

/* The file of TEXT's tree named rules/x.yaml into out. */
static void written(pv_arena *a, pv_buf *out) {
  pv_trees_writer *w = pv_trees_writer_new(ID);
  pv_buf_init(out, 1 << 20);
  pv_trees_writer_add(w, "rules/x.yaml", (const unsigned char *)TEXT, strlen(TEXT), text_tree(a));
  pv_trees_writer_end(w, out);
  pv_trees_writer_delete(w);
}

/* Where the first entry's word k is (header: magic, version, id length,
 * id padded to 4, file count). */
static size_t entry_word(size_t k) {
  return 16 + ((strlen(ID) + 3) & ~(size_t)3) + 4 + 4 * k;
}

static void put32(pv_buf *b, size_t at, uint32_t v) {
  memcpy(b->data + at, &v, 4);
}

static void reseal(pv_buf *b) {
  uint64_t sum = pv_trees_digest(b->data, b->len - 8);
  memcpy(b->data + b->len - 8, &sum, 8);
}

/* pv_trees_find of TEXT in the file b (max_depth levels): 1, 0, or -2
 * when the file does not open (err's reason in why, if given). */
static int find_in(const pv_buf *b, uint32_t max_depth, const char *why) {
  pv_trees *t = NULL;
  pv_error err = {0};
  if (pv_trees_open_mem(b->data, b->len, ID, &t, &err) != PV_OK) {
    if (why)
      ok(strstr(err.msg, why) != NULL, "the reason: %s", err.msg);
    return -2;
  }
  pv_arena *a = pv_arena_new(0);
  pv_yaml_node *root = NULL;
  int got = pv_trees_find(t, (const unsigned char *)TEXT, strlen(TEXT), a, max_depth, 1000, &root);
  pv_arena_delete(a);
  pv_trees_close(t);
  return got;
}

static void test_round_trip(void) {
  pv_arena *a = pv_arena_new(0);
  pv_buf b;
  written(a, &b);
  pv_trees *t = NULL;
  pv_error err = {0};
  if (!ok(pv_trees_open_mem(b.data, b.len, ID, &t, &err) == PV_OK, "it opens: %s", err.msg)) {
    pv_buf_free(&b);
    pv_arena_delete(a);
    return;
  }
  is_int((int)pv_trees_count(t), 1, "one file");
  pv_yaml_node *root = NULL;
  is_int(pv_trees_find(t, (const unsigned char *)TEXT, strlen(TEXT), a, 32, 1000, &root), 1,
         "found by its bytes");
  ok(pv_trees_same(root, text_tree(a)), "the same tree");
  ok(root && root->kids[0]->s[root->kids[0]->len] == '\0', "scalars end with a NUL");
  pv_yaml_node *other = text_tree(a);
  other->kids[1]->kids[1]->line = 4;
  ok(!pv_trees_same(root, other), "a tree with another line is not the same");
  other = text_tree(a);
  other->kids[1]->kids[1]->s = "c";
  ok(!pv_trees_same(root, other), "nor one with another scalar");
  is_int(pv_trees_find(t, (const unsigned char *)TEXT, strlen(TEXT) - 1, a, 32, 1000, &root), 0,
         "other bytes: not found");
  is_int(pv_trees_find(t, (const unsigned char *)"rules:\n  - a\n  - c\n", strlen(TEXT), a, 32,
                       1000, &root),
         0, "the same size, other bytes: not found");
  ok(pv_trees_names(t, "/x/share/plugvet/rules/x.yaml"), "its name at the end of a path");
  ok(pv_trees_names(t, "rules/x.yaml"), "its name alone");
  ok(!pv_trees_names(t, "/x/myrules/x.yaml"), "not a name that only ends the same");
  ok(!pv_trees_names(t, "/x/rules/y.yaml"), "not another name");
  pv_trees_close(t);
  pv_buf_free(&b);
  pv_arena_delete(a);
}

static void test_refused(void) {
  pv_arena *a = pv_arena_new(0);
  pv_buf b;
  written(a, &b);
  is_int(find_in(&b, 32, NULL), 1, "as written: found");
  is_int(find_in(&b, 1, NULL), 0, "nested deeper than the limit: not taken");
  pv_trees *small = NULL;
  pv_error e2 = {0};
  if (pv_trees_open_mem(b.data, b.len, ID, &small, &e2) == PV_OK) {
    pv_yaml_node *r = NULL;
    is_int(pv_trees_find(small, (const unsigned char *)TEXT, strlen(TEXT), a, 32, 4, &r), 0,
           "more nodes than the limit: not taken");
    is_int(pv_trees_find(small, (const unsigned char *)TEXT, strlen(TEXT), a, 32, 5, &r), 1,
           "as many as the limit: taken");
  }
  pv_trees_close(small);
  pv_trees *t = NULL;
  pv_error err = {0};
  is_int(pv_trees_open_mem(b.data, b.len, "99", &t, &err), PV_FAILED, "another build: refused");
  ok(strstr(err.msg, "another build") != NULL, "the reason: %s", err.msg);
  is_int(pv_trees_open_mem(b.data, b.len - 8, ID, &t, &err), PV_FAILED, "cut short: refused");
  is_int(pv_trees_open_mem(b.data, 0, ID, &t, &err), PV_FAILED, "no bytes: refused");
  ok(t == NULL, "nothing opened");
  struct {
    size_t word;
    uint32_t value;
    int want; /* find_in's answer */
    const char *name;
  } cases[] = {
      {5, 1u << 30, -2, "a tree offset past the end"},
      {6, 1u << 30, -2, "a tree size past the end"},
      {3, 1u << 30, -2, "a name offset past the end"},
      {4, 1u << 30, -2, "a name length past the end"},
      {7, 99, 0, "more nodes than the tree holds"},
      {7, 3, 0, "fewer nodes than the tree holds"},
      {7, 0, 0, "no node"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    pv_buf c;
    pv_buf_init(&c, 1 << 20);
    pv_buf_cat(&c, b.data, b.len);
    put32(&c, entry_word(cases[i].word), cases[i].value);
    reseal(&c);
    is_int(find_in(&c, 32, cases[i].want == -2 ? "corrupted entry" : NULL), cases[i].want,
           "%s (checksum made again)", cases[i].name);
    pv_buf_free(&c);
  }
  /* the tree's own words: the root's type, a scalar's length */
  uint32_t tree_off;
  memcpy(&tree_off, b.data + entry_word(5), 4);
  pv_buf c;
  pv_buf_init(&c, 1 << 20);
  pv_buf_cat(&c, b.data, b.len);
  put32(&c, tree_off, 3u << 30 | 2);
  reseal(&c);
  is_int(find_in(&c, 32, NULL), 0, "an unknown node type: not taken");
  memcpy(c.data, b.data, b.len);
  put32(&c, tree_off + 8, 0u << 30 | 100000); /* the key "rules" */
  reseal(&c);
  is_int(find_in(&c, 32, NULL), 0, "a scalar longer than the tree: not taken");
  pv_buf_free(&c);
  pv_buf_free(&b);
  pv_arena_delete(a);
}

int main(void) {
  test_round_trip();
  test_refused();
  return tap_done();
}
