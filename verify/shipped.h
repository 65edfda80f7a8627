/* shipped.h — dependencies a plugin ships as tarballs: a lockfile entry
 * resolved to a file ("file:vendor/x-1.0.0.tgz", as `npm install
 * ./vendor/x-1.0.0.tgz` records it) with an integrity. The shipped file's
 * digest is checked against that integrity (SRI: the strongest of sha512,
 * sha384, sha256 and sha1 present, any of its values), as npm checks it
 * when it installs the lockfile.
 *
 * A mismatch is a verify.lockfile-integrity finding at the lockfile entry;
 * a resolved file the input does not ship, or a path that leaves the
 * input, is a note. */
#ifndef PV_VERIFY_SHIPPED_H
#define PV_VERIFY_SHIPPED_H

#include "../sbom/inventory.h"
#include "../scanner/limits.h"

/* Check every such component of inv against the files of inv->r (their
 * data still held); findings and notes go to inv->r. PV_OK, or PV_FATAL
 * out of memory. */
pv_status pv_verify_shipped(const pv_inventory *inv, const pv_limits *lim);

#endif
