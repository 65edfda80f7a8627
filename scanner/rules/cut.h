/* cut.h — a rule set cut to the few files a run scans: the code patterns
 * that cannot match any of them are not compiled at all.
 *
 * A pattern matches only in a file that holds every word it needs (the
 * prefilter's rule, pattern.h), but those words are known only once the
 * snippet is compiled, and tree-sitter's compile of the pack's snippets is
 * most of a small scan. The pattern table (`plugvet rules pattern-table`,
 * built next to the binary by the Makefile) lists the words of every
 * snippet of the bundled pack, per language, made by the same build (its
 * build id): the loader (pv_ruleset_cut_take) skips a snippet whose words
 * are absent from the texts, exactly as the prefilter would then skip it
 * in every file. A snippet the table does not list is compiled, so a stale
 * entry can only cost time. The set then matches those texts only
 * (pv_ruleset_cut_covers); the scanner switches to the whole pack for any
 * other file (scan.h rules_load).
 *
 * Ownership: pv_cut_new copies the table's bytes and each text given to
 * pv_cut_add_text; pv_cut_delete frees everything (a ruleset that took the
 * cut deletes it). */
#ifndef PV_CUT_H
#define PV_CUT_H

#include "../base.h"
#include "../model.h"

typedef struct pv_cut pv_cut;

/* Read a pattern table (n bytes) made by the build whose id is build_id
 * (hex): PV_OK and *out; PV_FAILED with the reason in err when it is
 * truncated, corrupted (its checksum), of another format version or of
 * another build (stale); PV_FATAL on OOM. */
pv_status pv_cut_new(const unsigned char *data, size_t n, const char *build_id, pv_cut **out,
                     pv_error *err);
/* Free it. NULL is ignored. */
void pv_cut_delete(pv_cut *c);
/* One more text the set will match (copied); PV_FATAL on OOM. */
pv_status pv_cut_add_text(pv_cut *c, const unsigned char *data, size_t n);
/* Non-zero if the table lists snippet src (len bytes) for language l
 * (untyped: compiled without its TypeScript types) and some word it needs
 * occurs in no text: the snippet can match none of them. */
int pv_cut_skips(pv_cut *c, pv_lang l, int untyped, const char *src, size_t len);
/* Snippets skipped so far. */
uint32_t pv_cut_skipped(const pv_cut *c);
/* After the load: the texts' bytes go, their digests stay. */
void pv_cut_drop_texts(pv_cut *c);
/* Non-zero if data (n bytes) is one of the texts. */
int pv_cut_covers(const pv_cut *c, const unsigned char *data, size_t n);

/* Writing a table: the header for build_id, then one entry per snippet
 * (pv_cut_put_entry with its nwords words from pv_pattern_words, each
 * put in words by pv_cut_put_word first), then pv_cut_put_end, which
 * appends the checksum. Sticky errors of out. */
void pv_cut_put_head(pv_buf *out, const char *build_id);
void pv_cut_put_entry(pv_buf *out, pv_lang l, int untyped, const char *src, size_t len,
                      const pv_buf *words, uint32_t nwords);
void pv_cut_put_word(pv_buf *words, const char *w, uint32_t len, int module);
void pv_cut_put_end(pv_buf *out);

#endif
