#!/usr/bin/env python3
"""gen-npm-lock.py N DIR — a plugin directory DIR with a package.json and a
package-lock.json (v3) pinning N packages pkg-0..pkg-(N-1) at 1.0.0: the
names tools/gen-osv-feed.py writes advisories for (tools/bench-db)."""
import json, os, sys

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    deps = {"pkg-%d" % i: "1.0.0" for i in range(n)}
    pk = {"": {"name": "bench-plugin", "version": "1.0.0", "dependencies": deps}}
    for name in deps:
        pk["node_modules/" + name] = {
            "version": "1.0.0",
            "resolved": "https://registry.npmjs.org/%s/-/%s-1.0.0.tgz" % (name, name),
            "license": "MIT"}
    lock = {"name": "bench-plugin", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
            "packages": pk}
    with open(os.path.join(out, "package-lock.json"), "w") as f:
        json.dump(lock, f, indent=2)
    with open(os.path.join(out, "package.json"), "w") as f:
        json.dump({"name": "bench-plugin", "version": "1.0.0", "dependencies": deps}, f, indent=2)

main()
