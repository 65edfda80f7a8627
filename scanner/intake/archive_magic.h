/* archive_magic.h — content sniffing for intake: native binary formats,
 * archive magic numbers and the CRX (Chrome extension) header.
 *
 * Ownership: nothing is allocated; callers pass their own buffers. */
#ifndef PV_ARCHIVE_MAGIC_H
#define PV_ARCHIVE_MAGIC_H

#include <stddef.h>

/* 1 when p starts like an ELF, PE or Mach-O binary, writing e.g. "ELF x86-64",
 * "PE i386" or "Mach-O arm64" into desc; 0 otherwise. */
int pv_native_arch(const unsigned char *p, size_t n, char *desc, size_t descsz);

/* 1 when p starts with the magic of an archive or compressed stream intake
 * can open (gzip, xz, bzip2, zstd, zip, CRX, ustar, 7z, rar). */
int pv_looks_like_archive(const unsigned char *p, size_t n);

/* CRX header: 0 when p is not a CRX file; 1 with *zip_off set to where the
 * embedded zip starts (CRX2 and CRX3); -1 when the header is corrupt. */
int pv_crx_payload(const unsigned char *p, size_t n, size_t *zip_off);

#endif
