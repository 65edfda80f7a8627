/* prefilter.h — one multi-string search over a file's bytes (Aho–Corasick
 * as a DFA over byte classes) telling which of a ruleset's required words
 * occur in it, so that rules whose words are absent are skipped before any
 * tree walk.
 *
 * Ownership: a pv_strset is malloc'd by pv_strset_new and freed with
 * pv_strset_delete; it copies the words it is given. Once built it is
 * read-only, so worker threads may share it; each caller supplies its own
 * `present` array of pv_strset_count() bytes. */
#ifndef PV_PREFILTER_H
#define PV_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct pv_strset pv_strset;

/* An empty set; NULL on OOM. */
pv_strset *pv_strset_new(void);
/* Free it. NULL is ignored. */
void pv_strset_delete(pv_strset *s);

/* Add a word of n bytes (n > 0) before pv_strset_build; returns its id
 * (the same id for the same word), or UINT32_MAX on OOM or after build. */
uint32_t pv_strset_add(pv_strset *s, const char *w, size_t n);
/* Number of distinct words. */
uint32_t pv_strset_count(const pv_strset *s);

/* Word id's bytes (not NUL-terminated) and length. */
const char *pv_strset_word(const pv_strset *s, uint32_t id, uint32_t *len);

/* Build the automaton; 0, or -1 on OOM. Adding is closed afterwards. */
int pv_strset_build(pv_strset *s);

/* Ask pv_strset_scan to list where word id occurs (load time only): as a
 * whole token only (no ASCII letter, digit, _ or $ on either side) when
 * token is non-zero for every caller that records it, else anywhere. -1 if
 * id is unknown. */
int pv_strset_record(pv_strset *s, uint32_t id, int token);

/* Where the recorded words occur in one file: triples (start, end, word
 * id) in order of end; `over` when there were more than PV_OCCS_MAX or
 * memory ran out (the list is then incomplete). The caller owns v. */
enum { PV_OCCS_MAX = 1 << 20 };
typedef struct {
  uint32_t *v;
  uint32_t n, cap; /* in uint32_t units */
  int over;
} pv_occs;

/* Set present[id] to 1 for every word occurring in data, 0 for the rest;
 * if occ is not NULL, list the occurrences of the recorded words there. */
void pv_strset_scan(const pv_strset *s, const unsigned char *data, size_t n, uint8_t *present,
                    pv_occs *occ);

/* A requirement: at least one of n words (by id) occurs; n == 0 means
 * nothing is required. */
enum { PV_GROUP_MAX = 32, PV_WORD_MIN = 3 };
typedef struct {
  uint32_t id[PV_GROUP_MAX];
  uint32_t n;
} pv_wordgroup;

/* Non-zero if g holds in a file whose words are present[]. */
int pv_wordgroup_holds(const pv_wordgroup *g, const uint8_t *present);

/* The words any match of PCRE2 pattern re (n bytes) must contain, added to
 * s as group g: the longest literal run every match has, or a group of
 * literal alternatives (`(innerHTML|outerHTML)`), each at least min bytes
 * (PV_WORD_MIN for the prefilter, shorter to anchor a pattern). g->n == 0
 * when none can be told (case-insensitive flags, classes only, optional
 * parts); -1 on OOM. */
int pv_regex_words(const char *re, size_t n, uint32_t min, pv_strset *s, pv_wordgroup *g);

#endif
