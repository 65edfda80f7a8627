#!/usr/bin/env bash
# SARIF that GitHub code scanning takes from any invocation: URIs relative
# to %SRCROOT% (declared in originalUriBaseIds) whatever the inputs' names,
# fingerprints and --baseline independent of the directory plugvet runs in,
# archive contents under the archive's own path, helpUri on every rule,
# automationDetails.id (--sarif-category) and the result cap (--max-results).
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "1..0 # skip git is not installed (tools/install-deps)"; exit 0; }
schema="$top/tests/data/schemas/sarif-schema-2.1.0.json"
validate() { node "$top/tests/validate-schema.js" "$schema" "$@" >"$TMP/validate.log" 2>&1; }
# facts FILE: one line per result "uri fingerprint", sorted
facts() {
  python3 - "$1" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
for r in run["results"]:
    a = r["locations"][0]["physicalLocation"]["artifactLocation"]
    print(a["uriBaseId"], a["uri"], r["partialFingerprints"]["plugvet/v1"])
PY
}
# uris FILE: every "uri" in the file, with the key path it sits under
uris() {
  python3 - "$1" <<'PY'
import json, sys
def walk(o, at):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "uri":
                print(at, v)
            walk(v, at + "/" + k)
    elif isinstance(o, list):
        for v in o:
            walk(v, at)
walk(json.load(open(sys.argv[1])), "")
PY
}

cat >"$TMP/rules.yaml" <<'Y'
rules:
  - id: t.high
    message: eval runs code
    severity: high
    languages: [javascript]
    metadata:
      references: [https://example.org/eval-help]
    pattern: eval($X)
  - id: t.medium
    message: setTimeout with a string
    severity: medium
    languages: [javascript]
    pattern: setTimeout("...", $T)
  - id: t.low
    message: a debugger statement
    severity: low
    languages: [javascript]
    pattern-regex: '\bdebugger\b'
Y
R="$TMP/repo"
mkdir -p "$R/src/deep"
git -C "$R" init -q
printf 'eval(x);\n' >"$R/src/a.js"
printf 'setTimeout("go()", 1);\ndebugger;\n' >"$R/src/deep/c.js"
real=$(cd "$R" && pwd -P)
rules="$TMP/rules.yaml"

# ---- paths: the same URIs and fingerprints from the top, a subdirectory, an absolute path
cd "$R"
"$PV" scan . --rules "$rules" --no-db --sarif "$TMP/top.sarif" --text /dev/null
validate "$TMP/top.sarif"; ok $? "SARIF of 'scan .' validates"
facts "$TMP/top.sarif" >"$TMP/top.facts"
grep -q '^%SRCROOT% src/a.js ' "$TMP/top.facts"; ok $? "uri relative to %SRCROOT%: src/a.js"
uris "$TMP/top.sarif" >"$TMP/top.uris"
grep -qx "/runs/originalUriBaseIds/%SRCROOT% file://$real/" "$TMP/top.uris"; ok $? "originalUriBaseIds: %SRCROOT% is the work tree's top, a file: URI ending in /"
is "$(grep -c ' file:\| /' "$TMP/top.uris")" 1 "no absolute URI but %SRCROOT%'s own"
cd "$R/src/deep"
"$PV" scan .. --rules "$rules" --no-db --sarif "$TMP/sub.sarif" --json "$TMP/sub.jsonl" --text /dev/null
is "$(facts "$TMP/sub.sarif")" "$(cat "$TMP/top.facts")" "'scan ..' from a subdirectory: the same URIs and fingerprints"
grep -q '"path":"../a.js"' "$TMP/sub.jsonl"; ok $? "... while JSON lines keep the path as given (twin)"
cd "$TMP"
"$PV" scan "$R" --rules "$rules" --no-db --sarif "$TMP/abs.sarif" --text /dev/null
is "$(facts "$TMP/abs.sarif")" "$(cat "$TMP/top.facts")" "an absolute input path: the same URIs and fingerprints"
"$PV" scan "$R/src/deep/c.js" --rules "$rules" --no-db --sarif "$TMP/file.sarif" --text /dev/null
grep -q '^%SRCROOT% src/deep/c.js ' <(facts "$TMP/file.sarif"); ok $? "a single file input: its path from the work tree's top"
is "$(facts "$TMP/file.sarif")" "$(grep ' src/deep/c.js ' "$TMP/top.facts")" "... with the fingerprints of the directory scan"

# ---- outside any git work tree: the deepest directory holding the inputs
mkdir -p "$TMP/plain/p/lib"
printf 'eval(y);\n' >"$TMP/plain/p/lib/x.js"
cd "$TMP/plain/p/lib"
"$PV" scan "$TMP/plain/p" --rules "$rules" --no-db --sarif "$TMP/plain.sarif" --text /dev/null
facts "$TMP/plain.sarif" | grep -q '^%SRCROOT% lib/x.js '; ok $? "no git: root is the input directory (lib/x.js)"
check "... and not the current directory (twin)" ! grep -q '"uri": "x.js"' "$TMP/plain.sarif"

# ---- --baseline from a subdirectory and with an absolute path
printf 'eval(z);\n' >"$R/src/b.js"
cd "$R/src"
"$PV" scan .. --rules "$rules" --no-db --baseline "$TMP/top.sarif" --json "$TMP/base.jsonl" --text /dev/null
is "$(grep -o '"path":"[^"]*"' "$TMP/base.jsonl" | sort -u | tr '\n' ' ')" '"path":"../src/b.js" ' "--baseline from a subdirectory: only the new file's finding"
cd "$TMP"
"$PV" scan "$R" --rules "$rules" --no-db --baseline "$TMP/top.sarif" --json "$TMP/base2.jsonl" --text /dev/null
is "$(grep -o '"path":"[^"]*"' "$TMP/base2.jsonl" | sed 's|.*/||' | sort -u | tr '\n' ' ')" 'b.js" ' "--baseline with an absolute input path: only the new file's finding"
"$PV" scan "$R" --rules "$rules" --no-db --json "$TMP/nobase.jsonl" --text /dev/null
is "$(grep -o '"rule_id"' "$TMP/nobase.jsonl" | wc -l)" 4 "without --baseline all four findings (twin)"

# ---- archives: each under its own path, the archive an artifact
mkdir -p arc/package dist vendor && printf 'eval(w);\n' >arc/package/index.js
tar czf dist/a.tgz -C arc package && tar czf vendor/b.tgz -C arc package
"$PV" scan dist/a.tgz vendor/b.tgz --rules "$rules" --no-db --sarif arc.sarif --text /dev/null
validate arc.sarif; ok $? "SARIF of two archives validates"
is "$(facts arc.sarif | cut -d' ' -f2 | tr '\n' ' ')" "dist/a.tgz!/package/index.js vendor/b.tgz!/package/index.js " "each archive's contents under its own path, joined with !/"
is "$(facts arc.sarif | cut -d' ' -f3 | sort -u | wc -l)" 1 "the same contents: the same fingerprint in both archives"
uris arc.sarif >arc.uris
grep -q '^/runs/artifacts/location dist/a.tgz$' arc.uris; ok $? "the archive is an artifact at its path from %SRCROOT%"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["runs"][0]["artifacts"]; sys.exit(not all(x["location"]["uriBaseId"]=="%SRCROOT%" for x in a))' arc.sarif
ok $? "... with uriBaseId %SRCROOT%"

# ---- helpUri on every rule
"$PV" scan "$R" --no-db --sarif bundled.sarif --text /dev/null
python3 - bundled.sarif "$top/docs/rules-catalog.md" >help.facts <<'PY'
import json, re, sys
rules = json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]
anchors = set(re.findall(r'<a id="([^"]+)"></a>', open(sys.argv[2]).read()))
print("rules", len(rules) > 50)
print("all-have-helpUri", all("helpUri" in r for r in rules))
cat = [r for r in rules if "/docs/rules-catalog.md#" in r["helpUri"]]
print("catalog", len(cat) > 50, all(r["helpUri"].endswith("#" + r["id"]) and r["id"] in anchors for r in cat))
PY
grep -qx "rules True" help.facts; ok $? "the bundled pack is in the run"
grep -qx "all-have-helpUri True" help.facts; ok $? "every rule has a helpUri"
grep -qx "catalog True True" help.facts; ok $? "bundled rules link to their own anchor in docs/rules-catalog.md"
python3 -c 'import json,sys; print("\n".join("%s %s" % (r["id"], r["helpUri"]) for r in json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]))' top.sarif >own.help
grep -qx 't.high https://example.org/eval-help' own.help; ok $? "a rule file's rule: its first reference"
grep -qx "t.low file://$(cd "$TMP" && pwd -P)/rules.yaml" own.help; ok $? "... without one, its file (twin)"

# ---- automationDetails.id and --sarif-category
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runs"][0]["automationDetails"]["id"])' top.sarif >cat.0
is "$(cat cat.0)" "plugvet/" "automationDetails.id is plugvet/ by default"
"$PV" scan "$R" --rules "$rules" --no-db --sarif-category web/app --sarif cat.sarif --text /dev/null
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runs"][0]["automationDetails"]["id"])' cat.sarif >cat.1
is "$(cat cat.1)" "plugvet/web/app/" "--sarif-category web/app: plugvet/web/app/"
"$PV" scan "$R" --rules "$rules" --no-db --sarif-category 'a b' --sarif bad.sarif >/dev/null 2>bad.err
is $? 2 "--sarif-category with a space: usage error"
grep -qF "'a b'" bad.err; ok $? "... naming the value"
check "... before anything is written" test ! -e bad.sarif
"$PV" scan "$R" --rules "$rules" --no-db --sarif-category web/ --sarif bad.sarif >/dev/null 2>bad.err
is $? 2 "--sarif-category ending in /: usage error (the id would hold //)"

# ---- --max-results: the highest severities kept, a notification says how many were dropped
printf 'debugger; // nosemgrep\n' >"$R/src/deep/d.js"
cd "$R"
"$PV" scan . --rules "$rules" --no-db --max-results 2 --sarif cap.sarif --json cap.jsonl --text /dev/null --fail-on none
validate cap.sarif; ok $? "a capped SARIF validates"
python3 - cap.sarif >cap.facts <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
print("kept", " ".join(sorted(r["ruleId"] for r in run["results"])))
for n in run["invocations"][0]["toolExecutionNotifications"]:
    print("note", n["descriptor"]["id"], n["level"], n["message"]["text"].split(" (")[0])
PY
grep -qx "kept t.high t.high" cap.facts; ok $? "--max-results 2: the two high results kept"
grep -qx "note too-many-results warning 3 results left out of this SARIF file" cap.facts; ok $? "a warning notification says 3 were left out"
is "$(grep -o '"rule_id"' cap.jsonl | wc -l)" 5 "JSON lines keep all five findings"
"$PV" scan . --rules "$rules" --no-db --max-results 4 --sarif cap4.sarif --text /dev/null --fail-on none
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; print(" ".join(sorted(x["ruleId"] for x in r)), sum(1 for x in r if x.get("suppressions")))' cap4.sarif >cap4.facts
is "$(cat cap4.facts)" "t.high t.high t.low t.medium 0" "the suppressed result goes first, before lower severities"
"$PV" scan . --rules "$rules" --no-db --sarif all.sarif --text /dev/null --fail-on none
python3 -c 'import json,sys; run=json.load(open(sys.argv[1]))["runs"][0]; print(len(run["results"]), [n["descriptor"]["id"] for n in run["invocations"][0]["toolExecutionNotifications"]])' all.sarif >all.facts
is "$(cat all.facts)" "5 []" "under the default cap: every result, no notification (twin)"
"$PV" scan . --rules "$rules" --no-db --max-results 0 --sarif zero.sarif --text /dev/null --fail-on none
python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' zero.sarif >zero.facts
is "$(cat zero.facts)" 5 "--max-results 0: no cap"
"$PV" scan . --rules "$rules" --max-results many >/dev/null 2>mr.err
is $? 2 "--max-results many: usage error"
grep -q -- "--max-results" mr.err; ok $? "... naming the option"
done_testing
