/* entry.h — the entry script's package directory, which plugvet-run lets
 * the plugin read by default (docs/policy.md): `plugvet-run -- node
 * plugin/index.js` runs without granting plugin/ by hand.
 *
 * Ownership: the returned descriptor belongs to the caller.
 */
#ifndef PVR_ENTRY_H
#define PVR_ENTRY_H

#include <stddef.h>

/* The entry script of the command argv whose program resolved to exe: for
 * node (exe named node*), its first argument that is not an option (none
 * with -e, -p or -); for a "#!" program, the program itself. Its package
 * directory is the nearest directory holding a package.json, from the
 * script's own up to three levels up, else the script's own; reached
 * through the path as written (root-owned symlinks only), taken from cwd
 * (NULL: the current directory) when relative. Never "/", a shared sticky
 * directory such as /tmp, home or an ancestor of home. Returns an O_PATH
 * descriptor with its path in dir, or -1 when there is none. */
int pvr_entry_dir(const char *exe, char *const *argv, const char *cwd, const char *home, char *dir,
                  size_t dirsz);

#endif
