#!/usr/bin/env python3
"""gen-osv-feed.py N OUT.zip — N synthetic, schema-valid npm OSV entries
(GHSA ids with CVE aliases, SEMVER ranges; every 10th a MAL- entry)."""
import json, sys, zipfile

def entry(i):
    name = "pkg-%d" % (i % 50000)
    if i % 10 == 0:
        return {"id": "MAL-2099-%d" % i, "modified": "2099-01-01T00:00:00Z",
                "summary": "Malicious code in %s" % name,
                "affected": [{"package": {"ecosystem": "npm", "name": name},
                              "versions": ["1.0.%d" % (i % 7)]}]}
    return {"id": "GHSA-syn%d-%04d" % (i // 10000, i % 10000),
            "modified": "2099-01-%02dT00:00:00Z" % (1 + i % 28),
            "aliases": ["CVE-2099-%d" % i], "summary": "Synthetic advisory %d" % i,
            "affected": [{"package": {"ecosystem": "npm", "name": name},
                          "ranges": [{"type": "SEMVER", "events": [
                              {"introduced": "0"}, {"fixed": "%d.%d.0" % (1 + i % 5, i % 9)}]}]}]}

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for i in range(n):
            e = entry(i)
            z.writestr(e["id"] + ".json", json.dumps(e))

main()
