/* zipdir.h — a zip's central directory against its local file headers.
 *
 * Browsers, VS Code and most unzip tools read a zip's central directory;
 * streaming readers (libarchive's, in the order it meets them) read the
 * local file headers. A zip where the two disagree (names, sizes, how many
 * entries) shows different files to a reviewer and to the installer. This
 * reader compares them and, when the central directory is readable, makes
 * a zip of exactly the entries it lists (each local header rewritten from
 * its central-directory record, the data taken from where that record
 * points), for intake to read instead.
 *
 * Bounded: one pass over the central directory (entries counted by the end
 * record, each inside the input) and one walk over the local headers
 * (each step moves forward). Zip64 and multi-disk archives are not
 * compared. Hostile input gives a reason, never a read past the input. */
#ifndef PV_ZIPDIR_H
#define PV_ZIPDIR_H

#include <stddef.h>

/* 1 when d[0..n) is a zip whose central directory and local headers
 * disagree (why says how, in a sentence fragment); then *rebuilt is a
 * malloc'd zip of the central directory's entries (*rlen bytes), or NULL
 * when the central directory is unreadable. 0 when they agree, or d is no
 * zip or one this reader does not compare; -1 on out-of-memory. */
int pv_zip_inconsistent(const unsigned char *d, size_t n, char *why, size_t whysz,
                        unsigned char **rebuilt, size_t *rlen);

#endif
