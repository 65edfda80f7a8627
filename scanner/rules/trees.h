/* trees.h — the bundled pack's rule files already parsed: the YAML trees
 * the loader walks (rules_impl.h pv_yaml_node), stored by the build in one
 * binary file so that a small scan does not run libyaml over 500 KB of
 * rule files.
 *
 * The file (`plugvet rules trees OUT PATH...`, build/rel/rule-trees,
 * installed as share/plugvet/rule-trees) holds, for each rule file, its
 * name as given to the writer (rules/js/x.yaml), a 64-bit digest and
 * size of its bytes, and its tree. The loader (rules.c load_bytes) reads
 * a rule file as always, then takes the tree whose digest and size are
 * those bytes' instead of parsing them: the tree is a function of the
 * bytes, so every key the loader reads — including keys added later — is
 * there, and a file edited since the build simply is not found (its YAML
 * is parsed; pv_ruleset_trees_stale counts it when its name is one of the
 * file's). The writer checks that every tree reads back equal to the one
 * libyaml gave (pv_trees_same).
 *
 * Layout (native-endian 32-bit words; every offset is checked against the
 * file's size before use):
 *   "PVTREES\n" VERSION IDLEN ID (padded to 4) NFILES
 *   NFILES x { DIGEST_LO DIGEST_HI SIZE NAME_OFF NAME_LEN TREE_OFF TREE_WORDS NODES }
 *   names and trees, padded to 8
 *   CHECKSUM (64 bits, of every byte before it, 8 at a time)
 * A tree is its nodes in pre-order: TYPE<<30|COUNT (kids, or a scalar's
 * length), LINE, then a scalar's bytes and a NUL, padded to 4.
 *
 * Ownership: pv_trees_open maps the file (or copies given bytes); the
 * trees found point into it (scalars) and into the caller's arena (nodes),
 * so it must outlive the loads that use it; pv_trees_close unmaps it. */
#ifndef PV_TREES_H
#define PV_TREES_H

#include "../base.h"

struct pv_yaml_node;
typedef struct pv_trees pv_trees;

/* Map the trees file at path (at most max bytes) made by the build whose
 * id is build_id: PV_OK and *out; PV_FAILED with the reason in err when
 * it is missing, too large, truncated, corrupted (its checksum), of
 * another format version or of another build; PV_FATAL on OOM. */
pv_status pv_trees_open(const char *path, const char *build_id, size_t max, pv_trees **out,
                        pv_error *err);
/* The same from n bytes in memory (copied). */
pv_status pv_trees_open_mem(const unsigned char *data, size_t n, const char *build_id,
                            pv_trees **out, pv_error *err);
/* Unmap it. NULL is ignored. */
void pv_trees_close(pv_trees *t);
/* Files it holds. */
uint32_t pv_trees_count(const pv_trees *t);

/* The tree of the rule file whose bytes are data (n): 1 and *root (NULL
 * for an empty document) with its nodes in arena a, nested at most
 * max_depth containers, of at most max_nodes nodes (the YAML reader's
 * limits); 0 when no tree is stored for those bytes or the stored one is
 * malformed or over a limit (the YAML is then parsed); -1 on OOM. */
int pv_trees_find(const pv_trees *t, const unsigned char *data, size_t n, pv_arena *a,
                  uint32_t max_depth, uint32_t max_nodes, struct pv_yaml_node **root);
/* Non-zero if path is or ends with "/" and the name of a stored file:
 * a bundled rule file whose bytes changed since the build. */
int pv_trees_names(const pv_trees *t, const char *path);

/* The 64-bit digest of n bytes this file keys rule files by (eight bytes
 * at a time; also the pattern table's checksum, cut.h). */
uint64_t pv_trees_digest(const void *p, size_t n);

/* Non-zero if trees a and b are equal: types, lines, scalars, kids. */
int pv_trees_same(const struct pv_yaml_node *a, const struct pv_yaml_node *b);

/* Writing: pv_trees_writer_new, one pv_trees_writer_add per file, then
 * pv_trees_writer_end appends the whole file to out. */
typedef struct pv_trees_writer pv_trees_writer;
pv_trees_writer *pv_trees_writer_new(const char *build_id);
/* File name (its bytes data, n) and its tree root (NULL: empty). */
pv_status pv_trees_writer_add(pv_trees_writer *w, const char *name, const unsigned char *data,
                              size_t n, const struct pv_yaml_node *root);
pv_status pv_trees_writer_end(pv_trees_writer *w, pv_buf *out);
void pv_trees_writer_delete(pv_trees_writer *w);

#endif
