/* archive_magic.c — see archive_magic.h. Every read is bounds-checked
 * against n. */
#include "archive_magic.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}
static unsigned le16(const unsigned char *p) {
  return p[0] | p[1] << 8;
}

static const char *elf_machine(unsigned m) {
  switch (m) {
    case 2:
      return "SPARC";
    case 3:
      return "i386";
    case 8:
      return "MIPS";
    case 20:
      return "PowerPC";
    case 21:
      return "PowerPC64";
    case 22:
      return "S/390";
    case 40:
      return "ARM";
    case 43:
      return "SPARC V9";
    case 62:
      return "x86-64";
    case 183:
      return "AArch64";
    case 243:
      return "RISC-V";
    case 258:
      return "LoongArch";
    default:
      return NULL;
  }
}

static const char *pe_machine(unsigned m) {
  switch (m) {
    case 0x14c:
      return "i386";
    case 0x8664:
      return "x86-64";
    case 0xaa64:
      return "arm64";
    case 0x1c0:
      return "ARM";
    case 0x1c4:
      return "ARMv7";
    case 0x200:
      return "IA-64";
    default:
      return NULL;
  }
}

static const char *macho_cpu(uint32_t c) {
  switch (c) {
    case 7:
      return "i386";
    case 0x01000007:
      return "x86_64";
    case 12:
      return "arm";
    case 0x0100000c:
      return "arm64";
    case 0x0200000c:
      return "arm64_32";
    case 18:
      return "ppc";
    case 0x01000012:
      return "ppc64";
    default:
      return NULL;
  }
}

static int elf(const unsigned char *p, size_t n, char *d, size_t dn) {
  if (n < 20 || memcmp(p, "\177ELF", 4) != 0)
    return 0;
  unsigned m = p[5] == 2 ? (unsigned)(p[18] << 8 | p[19]) : le16(p + 18);
  const char *name = elf_machine(m);
  if (name)
    snprintf(d, dn, "ELF %s", name);
  else
    snprintf(d, dn, "ELF machine %u", m);
  return 1;
}

static int pe(const unsigned char *p, size_t n, char *d, size_t dn) {
  if (n < 64 || p[0] != 'M' || p[1] != 'Z')
    return 0;
  uint32_t off = le32(p + 0x3c);
  if (off > n || n - off < 6 || memcmp(p + off, "PE\0\0", 4) != 0)
    return 0;
  unsigned m = le16(p + off + 4);
  const char *name = pe_machine(m);
  if (name)
    snprintf(d, dn, "PE %s", name);
  else
    snprintf(d, dn, "PE machine 0x%x", m);
  return 1;
}

static void cpu_name(uint32_t c, char *d, size_t dn) {
  const char *name = macho_cpu(c);
  if (name)
    snprintf(d, dn, "%s", name);
  else
    snprintf(d, dn, "cpu 0x%x", (unsigned)c);
}

static int macho(const unsigned char *p, size_t n, char *d, size_t dn) {
  if (n < 8)
    return 0;
  uint32_t le = le32(p), be = be32(p);
  char cpu[32];
  if (le == 0xfeedface || le == 0xfeedfacf)
    cpu_name(le32(p + 4), cpu, sizeof cpu);
  else if (be == 0xfeedface || be == 0xfeedfacf)
    cpu_name(be32(p + 4), cpu, sizeof cpu);
  else if (be == 0xcafebabe || be == 0xcafebabf) {
    /* Universal binary; Java class files share the magic but their next
     * word (the version, >= 45) is larger than any plausible arch count. */
    uint32_t count = be32(p + 4), stride = be == 0xcafebabe ? 20 : 32;
    if (count == 0 || count > 16)
      return 0;
    size_t o = snprintf(d, dn, "Mach-O universal");
    for (uint32_t i = 0; i < count && i < 4 && 8 + (i + 1) * (size_t)stride <= n && o < dn; i++) {
      cpu_name(be32(p + 8 + i * stride), cpu, sizeof cpu);
      o += snprintf(d + o, dn - o, "%s%s", i ? ", " : " (", cpu);
    }
    if (o < dn && count)
      snprintf(d + o, dn - o, ")");
    return 1;
  } else
    return 0;
  snprintf(d, dn, "Mach-O %s", cpu);
  return 1;
}

int pv_native_arch(const unsigned char *p, size_t n, char *desc, size_t descsz) {
  if (p == NULL || descsz == 0)
    return 0;
  return elf(p, n, desc, descsz) || pe(p, n, desc, descsz) || macho(p, n, desc, descsz);
}

int pv_looks_like_archive(const unsigned char *p, size_t n) {
  static const struct {
    const char *m;
    size_t len;
  } magic[] = {
      {"\x1f\x8b", 2}, /* gzip */
      {"\xfd"
       "7zXZ\0",
       6},                       /* xz */
      {"BZh", 3},                /* bzip2 */
      {"\x28\xb5\x2f\xfd", 4},   /* zstd */
      {"PK\x03\x04", 4},         /* zip */
      {"PK\x05\x06", 4},         /* empty zip */
      {"Cr24", 4},               /* crx */
      {"7z\xbc\xaf\x27\x1c", 6}, /* 7z */
      {"Rar!\x1a\x07", 6},       /* rar */
  };
  if (p == NULL)
    return 0;
  for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
    if (n >= magic[i].len && memcmp(p, magic[i].m, magic[i].len) == 0)
      return 1;
  return n >= 512 && memcmp(p + 257, "ustar", 5) == 0;
}

int pv_crx_payload(const unsigned char *p, size_t n, size_t *zip_off) {
  if (p == NULL || n < 4 || memcmp(p, "Cr24", 4) != 0)
    return 0;
  if (n < 12)
    return -1;
  uint32_t version = le32(p + 4);
  uint64_t off;
  if (version == 3) {
    off = 12 + (uint64_t)le32(p + 8);
  } else if (version == 2) {
    if (n < 16)
      return -1;
    off = 16 + (uint64_t)le32(p + 8) + le32(p + 12);
  } else {
    return -1;
  }
  if (off > n)
    return -1;
  *zip_off = (size_t)off;
  return 1;
}
