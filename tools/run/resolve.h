/* resolve.h — opening a grant's path so that no symlink can widen it.
 *
 * A relative path is opened beneath its base directory with openat2
 * (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS): it may
 * neither leave the base nor pass through any symlink. An absolute path is
 * walked component by component and may pass only through symlinks owned by
 * root that are not on procfs (the system's own /bin -> usr/bin), never one
 * the plugin could have planted. Either way the result is an O_PATH
 * descriptor: Landlock rules are added on it, so the path is resolved once.
 *
 * Ownership: a returned descriptor belongs to the caller (O_CLOEXEC).
 */
#ifndef PVR_RESOLVE_H
#define PVR_RESOLVE_H

#include <stddef.h>

#include "../../scanner/base.h"

/* What opening a grant found. */
typedef enum {
  PVR_OPEN_OK = 0,  /* *fd is an O_PATH descriptor */
  PVR_OPEN_MISSING, /* it does not exist (yet): no grant, not an error */
  PVR_OPEN_REFUSED  /* a symlink, an escape or a magic link: err says which */
} pvr_open_result;

/* Open rel beneath the directory dirfd. field and rel name the grant in
 * err. PV_OK with *res; PV_FATAL only when the kernel cannot do it at all
 * (no openat2). */
pv_status pvr_open_beneath(int dirfd, const char *rel, const char *field, int *fd,
                           pvr_open_result *res, pv_error *err);
/* Open path as a process standing in the directory start would reach it
 * (absolute paths from "/"), one component at a time: following only
 * root-owned symlinks, or (any_owner) symlinks of any owner, and never a
 * procfs one (/proc/self/fd/N, /proc/PID/root...). */
pv_status pvr_open_walk(int start, const char *path, int any_owner, const char *field, int *fd,
                        pvr_open_result *res, pv_error *err);
/* Open the absolute path, following root-owned symlinks only. */
pv_status pvr_open_trusted(const char *path, const char *field, int *fd, pvr_open_result *res,
                           pv_error *err);
/* The absolute path the descriptor refers to, from /proc/self/fd; 0 or -1. */
int pvr_fd_path(int fd, char *out, size_t outsz);
/* Whether the directory fd is dirfd or lies below it, compared by device
 * and inode along fd's ancestors (so no spelling of a path can hide it). */
int pvr_fd_within(int fd, int dirfd);

#endif
