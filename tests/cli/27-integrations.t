#!/usr/bin/env bash
# The integrations users look for first (issue 22): the Dockerfile builds
# with exactly the steps `make install` needs (its make targets are the
# binaries the install recipe requires, it runs `make install` itself, the
# last stage copies the whole installed prefix and installs the Debian
# package of every shared library the binaries link) and runs as a non-root
# user; action.yml is a composite action that builds with the repository's
# tools, runs plugvet with options it has, passes inputs through the
# environment (never ${{ }} inside a script) and uploads with the official
# action pinned to a version tag. No docker here: the checks read the files,
# and the steps they name are run for real where they can be.
. "$(dirname "$0")/lib.sh"
O=${PLUGVET_BIN#"$top"/}
if [ "$O" = "$PLUGVET_BIN" ]; then skip "PLUGVET_BIN is outside the source tree"; done_testing; fi

# The image holds the release build (build/rel, what the Dockerfile makes):
# its libraries are the ones to check, whichever build the tests run.
rel=$top/build/rel
[ -x "$rel/plugvet" ] && [ -x "$rel/plugvet-run" ] || rel=$PLUGVET_BIN
# check_docker DOCKERFILE: the problems, one a line; prints "PREFIX DESTDIR" last.
check_docker() { python3 - "$1" "$top/Makefile" "$rel/plugvet" "$rel/plugvet-run" <<'PY'
import re, shlex, subprocess, sys
df, mk, bins = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3:]
bad = []
stages = []
for line in re.sub(r"\\\n", " ", df).splitlines():
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    word, _, rest = line.partition(" ")
    word = word.upper()
    if word == "FROM":
        m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?$", rest, re.I)
        stages.append({"base": m.group(1), "name": m.group(2), "run": [], "copy": [], "user": None, "entry": None})
    elif stages:
        s = stages[-1]
        if word == "RUN": s["run"].append(rest)
        elif word == "COPY": s["copy"].append(rest)
        elif word == "USER": s["user"] = rest
        elif word == "ENTRYPOINT": s["entry"] = rest
if len(stages) < 2: bad.append("not multi-stage")
for s in stages:
    if not re.match(r"debian:12(-slim)?$", s["base"]): bad.append("base %s is not Debian 12" % s["base"])
build, final = stages[0], stages[-1]
if final["user"] in (None, "root", "0"): bad.append("the last stage runs as root")
if final["entry"] != '["plugvet"]': bad.append("entrypoint is not plugvet")
# what `make install` requires (the binaries its recipe tests for, in $(O))
# and installs when they are there (the pattern table, the rule trees: a
# fast pre-commit scan needs them, so the image builds them too)
recipe = re.search(r"^install:.*\n((?:\t.*\n)+)", mk, re.M).group(1)
need = sorted(re.findall(r"-x \$\(O\)/(\S+)", recipe) + re.findall(r"test ! -f \$\(O\)/(\S+)", recipe))
odir = re.search(r"^O\s*\?=\s*(\S+)", mk, re.M).group(1)
runs = [shlex.split(r.replace("&&", " && ")) for r in build["run"]]
if not any("tools/install-deps" in r for r in runs): bad.append("the build stage does not run tools/install-deps")
targets = [t for r in runs if r and r[0] == "make" and "install" not in r for t in r[1:] if not t.startswith("-")]
if sorted(t[len(odir) + 1:] for t in targets if t.startswith(odir + "/")) != need or len(targets) != len(need):
    bad.append("make builds %s, make install needs %s" % (targets, ["%s/%s" % (odir, n) for n in need]))
inst = [r for r in runs if r[:2] == ["make", "install"]]
vars_ = dict(a.split("=", 1) for a in inst[0][2:] if "=" in a) if inst else {}
if "DESTDIR" not in vars_ or "PREFIX" not in vars_: bad.append("no make install DESTDIR=... PREFIX=...")
dest, prefix = vars_.get("DESTDIR", "?"), vars_.get("PREFIX", "?")
want = "--from=%s %s%s %s" % (build["name"], dest, prefix, prefix)
if not any(c.split() == want.split() for c in final["copy"]): bad.append("the last stage does not COPY %s" % want)
# every shared library the binaries link comes from a package the last stage installs
apt = " ".join(final["run"]).split()
for b in bins:
    needed = re.findall(r"NEEDED\s+(\S+)", subprocess.run(["objdump", "-p", b], capture_output=True, text=True).stdout)
    paths = dict(l.split(" => ")[0].strip().split()[0:1] + [l.split(" => ")[1].split()[0]]
                 for l in subprocess.run(["ldd", b], capture_output=True, text=True).stdout.splitlines() if " => " in l)
    for so in needed:
        p = paths.get(so, "")
        pkg = ""
        for q in (p, "/usr" + p, p[4:] if p.startswith("/usr") else p):
            r = subprocess.run(["dpkg", "-S", q], capture_output=True, text=True)
            if r.returncode == 0:
                pkg = r.stdout.split(":")[0]
                break
        if pkg and pkg != "libc6" and pkg not in apt:
            bad.append("%s links %s (Debian package %s), which the last stage does not install" % (b.rsplit("/", 1)[1], so, pkg))
for p in bad: print("problem:", p)
print(prefix, dest)
sys.exit(1 if bad else 0)
PY
}

check_docker "$top/Dockerfile" >"$TMP/d.out"
st=$?
[ $st -eq 0 ] || sed 's/^/#   /' "$TMP/d.out" >&2
ok $st "Dockerfile: Debian 12, multi-stage, non-root, plugvet as entrypoint, the steps make install needs"
read -r prefix dest < <(tail -1 "$TMP/d.out")
# the twins: each property checked can fail
sed 's# build/rel/plugvet-run##' "$top/Dockerfile" >"$TMP/D1"
check_docker "$TMP/D1" >"$TMP/d1.out"
check "... a build that skips plugvet-run is caught" grep -q "make install needs" "$TMP/d1.out"
sed 's# build/rel/rule-trees##' "$top/Dockerfile" >"$TMP/D4"
check_docker "$TMP/D4" >"$TMP/d4.out"
check "... a build without the rule trees (a slow pre-commit image) is caught" grep -q "make install needs" "$TMP/d4.out"
sed 's/ libarchive13//' "$top/Dockerfile" >"$TMP/D2"
check_docker "$TMP/D2" >"$TMP/d2.out"
check "... a missing runtime library is caught (plugvet links libarchive)" grep -q "libarchive.so.13 (Debian package libarchive13)" "$TMP/d2.out"
sed 's/^USER plugvet$/USER root/' "$top/Dockerfile" >"$TMP/D3"
check_docker "$TMP/D3" >"$TMP/d3.out"
check "... running as root is caught" grep -q "runs as root" "$TMP/d3.out"

# The build stage's install, run here: its DESTDIR copied as the last stage
# copies it, then the installed plugvet works from there.
make -s -C "$top" install O="$O" DESTDIR="$TMP/stage$dest" PREFIX="$prefix" >"$TMP/make.log" 2>&1
ok $? "make install DESTDIR=$dest PREFIX=$prefix, as the Dockerfile runs it"
mkdir -p "$TMP/image$prefix"
cp -a "$TMP/stage$dest$prefix/." "$TMP/image$prefix/"
cp -r "$top/examples/demo-plugin" "$TMP/demo"
(cd / && env -u PLUGVET_RULES "$TMP/image$prefix/bin/plugvet" scan -q --no-db --fail-on none "$TMP/demo") >"$TMP/out"
check "the copied prefix holds a working plugvet and its rule pack" grep -q '^6 findings' "$TMP/out"

# ---- action.yml ---------------------------------------------------------------
"$PV" scan --help >"$TMP/help"
check_action() { python3 - "$1" "$TMP/help" <<'PY'
import re, sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
helptext = open(sys.argv[2]).read()
bad = []
runs = a.get("runs", {})
if runs.get("using") != "composite": bad.append("not a composite action")
steps = runs.get("steps", [])
uses = [s["uses"] for s in steps if "uses" in s]
up = [u for u in uses if u.startswith("github/codeql-action/upload-sarif@")]
if not up or not re.match(r"v\d+(\.\d+){0,2}$", up[0].split("@", 1)[1]): bad.append("upload-sarif not pinned to a version tag: %s" % up)
scripts = [s["run"] for s in steps if "run" in s]
build = "\n".join(scripts)
for want in ("tools/install-deps", "make install",
             "build/rel/plugvet build/rel/plugvet-run build/rel/pattern-table build/rel/rule-trees"):
    if want not in build: bad.append("the build does not run %s" % want)
for s in scripts:
    if "${{" in s: bad.append("an expression inside a script (script injection): %s" % s.split("\n")[0])
    for opt in re.findall(r"(?<![\w-])--[a-z][a-z-]+", s):
        if opt not in helptext and opt not in ("--from",): bad.append("plugvet scan has no %s" % opt)
for name in a.get("inputs", {}):
    if not re.search(r"inputs\.%s\b" % re.escape(name), open(sys.argv[1]).read()): bad.append("input %s is unused" % name)
for p in bad: print("problem:", p)
sys.exit(1 if bad else 0)
PY
}
check_action "$top/action.yml" >"$TMP/a.out"
st=$?
[ $st -eq 0 ] || sed 's/^/#   /' "$TMP/a.out" >&2
ok $st "action.yml: composite, builds with the repository's tools, upload-sarif pinned, no expression in a script"
sed 's/upload-sarif@v3/upload-sarif@main/' "$top/action.yml" >"$TMP/A1"
check_action "$TMP/A1" >"$TMP/a1.out"
check "... an unpinned upload action is caught" grep -q "not pinned" "$TMP/a1.out"
sed 's/plugvet scan "\$PV_PATH"/plugvet scan "${{ inputs.path }}"/' "$top/action.yml" >"$TMP/A2"
check_action "$TMP/A2" >"$TMP/a2.out"
check "... an input spliced into a script is caught" grep -q "script injection" "$TMP/a2.out"

# The scan step's script, run as the runner would run it.
python3 -c 'import sys, yaml; print([s for s in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"] if s.get("id") == "scan"][0]["run"])' \
  "$top/action.yml" >"$TMP/scan.sh"
(cd "$TMP" && PATH="$PLUGVET_BIN:$PATH" PV_PATH=demo PV_SARIF=out.sarif PV_FAIL_ON=high PV_CATEGORY=plugin \
  PV_ARGS="--no-db --quiet" GITHUB_OUTPUT="$TMP/gh" bash -e "$TMP/scan.sh" >/dev/null 2>&1)
is "$(cat "$TMP/gh")" "exit-code=1" "the scan step records plugvet's exit status (the demo: 1) without failing itself"
check "... and writes the SARIF with the category" grep -q '"id": *"plugvet/plugin/"' "$TMP/out.sarif"
# ---- GitLab: --gitlab-sast and the CI template ------------------------------------
# The report is checked against our own schema written from GitLab's
# documentation of the format (tests/data/gitlab/README: the official one
# is not reachable here), and shown to reject broken reports.
gl() { node "$top/tests/validate-schema.js" "$top/tests/data/gitlab/sast-report-15.plugvet.json" "$@" >"$TMP/gl.log" 2>&1; }
printf '\037\213\010\000garbage' >"$TMP/bad.tgz"
SOURCE_DATE_EPOCH=1700000000 "$PV" scan -q --no-db --fail-on none --text /dev/null \
  --gitlab-sast "$TMP/gl.json" "$top/examples/demo-plugin" "$TMP/bad.tgz" 2>/dev/null
is $? 2 "--gitlab-sast with an unreadable input: exit 2, the report still written"
gl "$TMP/gl.json"
ok $? "... the report is valid (our schema of GitLab's SAST format 15)"
check "... scan failure naming the input; stable ids; rule and CWE identifiers; Critical/High..." python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); s = d["scan"]; vs = d["vulnerabilities"]
assert s["status"] == "failure" and "bad.tgz" in s["messages"][0]["value"], s
assert s["start_time"] == "2023-11-14T22:13:20" and s["type"] == "sast"
assert len(vs) >= 5 and len({v["id"] for v in vs}) == len(vs)
assert all(v["identifiers"][0]["type"] == "plugvet_rule" for v in vs)
assert any(i["type"] == "cwe" and i["value"] == "95" for v in vs for i in v["identifiers"])
assert {v["severity"] for v in vs} <= {"Critical", "High", "Medium", "Low", "Info"}
assert all("examples/demo-plugin/" in v["location"]["file"] for v in vs)' "$TMP/gl.json"
(cd "$TMP" && "$PV" scan -q --no-db --fail-on none --text /dev/null --gitlab-sast "$TMP/gl2.json" \
  "$top/examples/demo-plugin" "$TMP/bad.tgz" 2>/dev/null)
check "... the same ids run after run, from another directory (fingerprints)" cmp -s \
  <(python3 -c 'import json,sys; print([v["id"] for v in json.load(open(sys.argv[1]))["vulnerabilities"]])' "$TMP/gl.json") \
  <(python3 -c 'import json,sys; print([v["id"] for v in json.load(open(sys.argv[1]))["vulnerabilities"]])' "$TMP/gl2.json")
# twins: the schema catches what GitLab refuses
bad=0
for edit in 'd["vulnerabilities"][0]["severity"] = "high"' 'd["vulnerabilities"][0]["identifiers"] = []' \
  'del d["scan"]["end_time"]' 'd["scan"]["start_time"] = "2023-11-14T22:13:20Z"' \
  'd["vulnerabilities"][0]["name"] = "x" * 256' 'd["vulnerabilities"][0]["message"] = "m"'; do
  python3 -c "import json,sys; d = json.load(open(sys.argv[1])); $edit; json.dump(d, open(sys.argv[2], 'w'))" \
    "$TMP/gl.json" "$TMP/glbad.json"
  gl "$TMP/glbad.json" || bad=$((bad + 1))
done
is "$bad" 6 "... and 6 broken reports are refused (a lower-case severity, no identifier, no end time, a zone in a time, a long name, an unknown key)"
# The template's script, run as GitLab's shell would (the image's plugvet on PATH).
python3 -c 'import sys, yaml; print("\n".join(yaml.safe_load(open(sys.argv[1]))["plugvet"]["script"]))' \
  "$top/examples/gitlab-ci/plugvet.gitlab-ci.yml" >"$TMP/gl.sh"
mkdir -p "$TMP/glproj" && cp -r "$top/examples/demo-plugin/." "$TMP/glproj/"
(cd "$TMP/glproj" && PATH="$PLUGVET_BIN:$PATH" PLUGVET_ARGS="--no-db" sh -e "$TMP/gl.sh" >/dev/null 2>&1)
is $? 1 "the GitLab CI template's script runs (the demo's findings: exit 1)"
gl "$TMP/glproj/gl-sast-report.json"
ok $? "... its SAST report is valid"
check "... the template hands GitLab the SAST and JUnit reports it writes" python3 -c '
import sys, yaml
j = yaml.safe_load(open(sys.argv[1]))["plugvet"]; r = j["artifacts"]["reports"]; cmd = " ".join(j["script"])
assert r["sast"] in cmd and r["junit"] in cmd and j["artifacts"]["when"] == "always"' \
  "$top/examples/gitlab-ci/plugvet.gitlab-ci.yml"
check "README shows the action, GitLab CI and pre-commit" \
  grep -q 'uses: OWNER/plugvet@v0.1.0' "$top/README.md"
check "... GitLab CI's JUnit and SAST reports" grep -q 'sast: gl-sast-report.json' "$top/README.md"
check "... pre-commit" grep -q 'id: plugvet-deps' "$top/README.md"
done_testing
