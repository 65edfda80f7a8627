/* osvpack.h — the packed form of an OSV entry: what matching reads of it,
 * written once at import so a lookup decodes a few length-prefixed strings
 * instead of parsing the record's JSON.
 *
 * The packed form holds the pv_osv that pv_osv_parse made of the record
 * (osv.h) for one package, less what matching never reads: the id (the
 * store keeps it beside the packed form and hands it to pv_osv_unpack),
 * modified, published, withdrawn and related (NULL or empty once
 * unpacked: the store indexes no withdrawn record), affected[] entries of
 * other packages, of other ecosystems than npm or without a package, and
 * ranges that are not evaluated (GIT, other ecosystems' ECOSYSTEM ranges).
 * Unpacking gives back the rest as the parse made it, events in the same
 * order, and the same status: PV_WARN with its message for a range with an
 * unreadable version; PV_FAILED with the stored message for a record that
 * the JSON parse at match time refuses although import took it (duplicate
 * keys). So findings are the same whichever form a store holds.
 *
 * Layout (all integers unsigned LEB128, counts at most PV_OSV_MAX_ITEMS):
 * the byte 'P', the layout version 1, then either 0 and the refusal
 * message, or 1, the PV_WARN message (optional string), summary, details,
 * db_severity (optional strings), aliases, cwe_ids (string lists),
 * severity (count, then type and score), affected (count, then ecosystem,
 * name, versions, and ranges: count, then type, invalid, event count, then
 * per event kind, unreadable, version). An optional string is 0 for NULL
 * or length+1 then the bytes. A damaged packed form (short, trailing bytes,
 * a count or kind out of range, a version that no longer reads) is
 * PV_FAILED with a message that names the advisory and says to run
 * `plugvet db update`.
 *
 * Ownership: pv_osv_pack appends to the caller's buffer; pv_osv_unpack's
 * *out lives in the arena passed in. */
#ifndef PV_VULNDB_OSVPACK_H
#define PV_VULNDB_OSVPACK_H

#include "osv.h"

/* Append the packed form of o to b: warn is the message of a PV_WARN parse
 * (NULL when it gave PV_OK); key, when not NULL, keeps only the npm entries
 * whose name is key, ignoring ASCII case and blanks around either (the
 * store packs a record once per package it indexes, under its key: every
 * entry a component looked up by that key may match). When o is NULL, the
 * form of a record refused at match time with message warn. The buffer's
 * status tells the result. */
void pv_osv_pack(const pv_osv *o, const char *warn, const char *key, pv_buf *b);
/* Decode n bytes at p, the packed form of advisory id, into *out (NULL on
 * failure).
 * PV_OK, PV_WARN (*out set, err holds the parse's warning), PV_FAILED (err
 * says why), PV_FATAL (out of memory). */
pv_status pv_osv_unpack(pv_arena *a, const void *p, size_t n, const char *id, pv_osv **out,
                        pv_error *err);

#endif
