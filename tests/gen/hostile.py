#!/usr/bin/env python3
"""hostile.py DIR [NAME...] — write hostile (and a few well-behaved) archive
fixtures for the intake tests into DIR. Standard library only; nothing here
holds a bomb's uncompressed bytes in memory.

With NAMEs, only those fixtures are written (e.g. `hostile.py /tmp/x bomb.tar.gz`).
"""
import gzip
import io
import os
import random
import struct
import sys
import tarfile
import warnings
import zipfile
import zlib

GOOD_JS = b"const x = process.argv[2];\neval(x);\n"
GOOD_PKG = b'{"name": "good", "version": "1.0.0", "main": "index.js"}\n'
MiB = 1024 * 1024


def tar_bytes(entries, mode="w"):
    """entries: list of (TarInfo, bytes-or-None). Returns the archive bytes."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode, format=tarfile.PAX_FORMAT) as t:
        for info, data in entries:
            if data is not None:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
            else:
                t.addfile(info)
    return buf.getvalue()


def tinfo(name, mode=0o644, kind=tarfile.REGTYPE, link=""):
    i = tarfile.TarInfo(name)
    i.mode, i.type, i.linkname, i.mtime = mode, kind, link, 1700000000
    return i


def good_entries():
    return [(tinfo("package/package.json"), GOOD_PKG), (tinfo("package/index.js"), GOOD_JS)]


def tgz(entries):
    return gzip.compress(tar_bytes(entries), mtime=0)


def zip_bytes(entries):
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in entries:
                z.writestr(name, data)
    return buf.getvalue()


def elf_x86_64():
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    return ident + struct.pack("<HHI", 2, 62, 1) + bytes(200)


def pe_i386():
    mz = bytearray(b"MZ" + bytes(62))
    struct.pack_into("<I", mz, 0x3C, 64)
    return bytes(mz) + b"PE\0\0" + struct.pack("<H", 0x14C) + bytes(200)


def macho_arm64():
    return struct.pack("<III", 0xFEEDFACF, 0x0100000C, 0) + bytes(200)


def deflate_zeros(prefix, n, suffix):
    """Raw deflate of prefix + n zero bytes + suffix, and its crc32. Each
    1 MiB run of zeros is compressed once after a full flush (which resets
    the compressor), so the same bytes repeat: fast, and never n in memory."""
    parts = []
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts.append(co.compress(prefix) + co.flush(zlib.Z_FULL_FLUSH))
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(bytes(MiB)) + co.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(prefix)
    zero = bytes(MiB)
    for _ in range(n // MiB):
        parts.append(block)
        crc = zlib.crc32(zero, crc)
    rest = bytes(n % MiB) + suffix
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts.append(co.compress(rest) + co.flush())
    crc = zlib.crc32(rest, crc)
    return b"".join(parts), crc


def bomb_tgz(path, n=1024 * MiB):
    info = tinfo("package/zeros.bin")
    info.size = n
    header = info.tobuf(tarfile.PAX_FORMAT)
    pad = (512 - n % 512) % 512
    body, crc = deflate_zeros(header, n, bytes(pad + 1024))
    total = len(header) + n + pad + 1024
    with open(path, "wb") as f:
        f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
        f.write(body)
        f.write(struct.pack("<II", crc, total & 0xFFFFFFFF))


def bomb_zip(path, n=1024 * MiB):
    name = b"package/zeros.bin"
    body, crc = deflate_zeros(b"", n, b"")
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5821, crc, len(body), n,
                        len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 8, 0, 0x5821, crc,
                          len(body), n, len(name), 0, 0, 0, 0, 0o100644 << 16, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central),
                      len(local) + len(body), 0)
    with open(path, "wb") as f:
        f.write(local + body + central + end)


def nested(levels):
    """A tgz holding package/inner.tgz holding ... `levels` times, the
    innermost holding the good package."""
    data = tgz(good_entries())
    for _ in range(levels):
        data = tgz([(tinfo("package/inner.tgz"), data)])
    return data


def many_tgz(path, n=200000):
    """n empty files in a tar.gz: one ustar header template whose name digits
    and checksum are patched per entry (tarfile is too slow for 200,000)."""
    tmpl = bytearray(tinfo("p/0000000").tobuf(tarfile.USTAR_FORMAT))
    base = sum(tmpl[:148]) + 8 * 32 + sum(tmpl[156:]) - sum(b"0000000")
    out = bytearray()
    for k in range(n):
        digits = b"%07d" % k
        tmpl[2:9] = digits
        tmpl[148:156] = b"%06o\0 " % (base + sum(digits))
        out += tmpl
    out += bytes(1024)
    with open(path, "wb") as f:
        f.write(gzip.compress(bytes(out), compresslevel=1, mtime=0))


def text_lines(nbytes, seed):
    rnd = random.Random(seed)
    words = ["const", "let", "value", "return", "function", "data", "item", "index",
             "node", "plugin", "config", "result", "error", "async", "await", "map"]
    out, size = [], 0
    while size < nbytes:
        line = " ".join(rnd.choice(words) + str(rnd.randrange(1000)) for _ in range(8)) + ";\n"
        out.append(line)
        size += len(line)
    return "".join(out).encode()[:nbytes]


def crx3(zipdata):
    header = b"\x0a\x02\x08\x01"  # a tiny protobuf-ish header: content is not checked
    return b"Cr24" + struct.pack("<II", 3, len(header)) + header + zipdata


def crx2(zipdata):
    key, sig = b"K" * 16, b"S" * 8
    return b"Cr24" + struct.pack("<III", 2, len(key), len(sig)) + key + sig + zipdata


def encrypted_zip():
    """A zip whose entry carries the 'encrypted' flag (the bytes are junk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("package/secret.js", b"0123456789abcdef" * 4)
        z.writestr("package/index.js", GOOD_JS)
    data = bytearray(buf.getvalue())
    # Set bit 0 of the general purpose flags in the first local and central header.
    lo = data.find(b"PK\x03\x04")
    data[lo + 6] |= 1
    ce = data.find(b"PK\x01\x02")
    data[ce + 8] |= 1
    return bytes(data)


def fmt_entries(root):
    """The format fixtures: a JS file, a manifest and an ELF addon whose
    native-binary finding shows the vfs path in reports."""
    pre = root + "/" if root else ""
    return [(pre + "package.json", GOOD_PKG), (pre + "index.js", GOOD_JS),
            (pre + "lib/addon.node", elf_x86_64())]


def fmt_tar(mode):
    return tar_bytes([(tinfo(n), d) for n, d in fmt_entries("package")], mode)


def fixtures():
    """name -> bytes, or name -> callable(path) for the big ones."""
    sym = tinfo("package/passwd", 0o777, tarfile.SYMTYPE, "/etc/passwd")
    up = tinfo("package/up", 0o777, tarfile.SYMTYPE, "../../x")
    good_tgz = tgz(good_entries())
    trunc_src = tgz([(tinfo("package/f%02d.js" % k), text_lines(40000, k)) for k in range(20)])
    return {
        "good.tgz": good_tgz,
        "good.tar": tar_bytes(good_entries()),
        "good.tar.xz": tar_bytes(good_entries(), "w:xz"),
        "good.zip": zip_bytes([("package/package.json", GOOD_PKG), ("package/index.js", GOOD_JS)]),
        "good.vsix": zip_bytes([("extension/package.json", GOOD_PKG), ("extension/index.js", GOOD_JS)]),
        "good.crx": crx3(zip_bytes([("manifest.json", GOOD_PKG), ("index.js", GOOD_JS)])),
        "good2.crx": crx2(zip_bytes([("manifest.json", GOOD_PKG), ("index.js", GOOD_JS)])),
        "fmt.tgz": gzip.compress(fmt_tar("w"), mtime=0),
        "fmt.tar": fmt_tar("w"),
        "fmt.tar.xz": fmt_tar("w:xz"),
        "fmt.zip": zip_bytes(fmt_entries("package")),
        "fmt.jar": zip_bytes(fmt_entries("package")),
        "fmt.vsix": zip_bytes(fmt_entries("extension")),
        "fmt.crx": crx3(zip_bytes(fmt_entries(""))),
        "zipslip.zip": zip_bytes([("../../evil.js", GOOD_JS), ("package/ok.js", b"1;\n")]),
        "abspath.tar": tar_bytes([(tinfo("/etc/evil"), b"x\n"), (tinfo("package/a.js"), b"1;\n")]),
        "symlink-escape.tar": tar_bytes([(sym, None), (up, None)]),
        "symlink-ok.tar": tar_bytes(good_entries() + [
            (tinfo("package/lib/main.js", 0o777, tarfile.SYMTYPE, "../index.js"), None)]),
        "hardlink.tar": tar_bytes(good_entries() + [
            (tinfo("package/copy.js", 0o644, tarfile.LNKTYPE, "package/index.js"), None)]),
        "hardlink-escape.tar": tar_bytes([
            (tinfo("package/shadow", 0o644, tarfile.LNKTYPE, "../../etc/shadow"), None)]),
        "setuid.tar": tar_bytes([(tinfo("package/bin/run", 0o4755), b"#!/bin/sh\n")]),
        "world.tar": tar_bytes([(tinfo("package/w.js", 0o666), b"1;\n")]),
        "special.tar": tar_bytes([(tinfo("package/fifo", 0o644, tarfile.FIFOTYPE), None),
                                  (tinfo("package/tty", 0o644, tarfile.CHRTYPE), None)]),
        "duplicate.tar": tar_bytes([(tinfo("package/index.js"), b"1;\n"),
                                    (tinfo("package/index.js"), GOOD_JS)]),
        "duplicate.zip": zip_bytes([("package/index.js", b"1;\n"), ("package/index.js", GOOD_JS)]),
        "case.tar": tar_bytes([(tinfo("package/README.md"), b"a\n"), (tinfo("package/readme.md"), b"b\n")]),
        "elf.tgz": tgz([(tinfo("package/bin/tool", 0o755), elf_x86_64())]),
        "pe.zip": zip_bytes([("package/tool.exe", pe_i386())]),
        "macho.tar": tar_bytes([(tinfo("package/build/Release/addon.node"), macho_arm64())]),
        "encrypted.zip": encrypted_zip(),
        "longpath.tar": tar_bytes([(tinfo("package/" + "d/" * 1100 + "x.js"), b"1;\n")]),
        "nest10.tgz": nested(10),
        "nest3.tgz": nested(3),
        "truncated.tgz": trunc_src[: len(trunc_src) * 6 // 10],
        "random.tgz": random.Random(42).randbytes(4096),
        "empty.tgz": b"",
        "text2m.tgz": tgz([(tinfo("package/big.js"), text_lines(2 * MiB, 7))]),
        "bomb.tar.gz": bomb_tgz,
        "bomb.zip": bomb_zip,
        "many.tgz": many_tgz,
    }


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: hostile.py DIR [NAME...]")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    table = fixtures()
    names = sys.argv[2:] or list(table)
    for name in names:
        what = table[name]
        path = os.path.join(out, name)
        if callable(what):
            what(path)
        else:
            with open(path, "wb") as f:
                f.write(what)


if __name__ == "__main__":
    main()
