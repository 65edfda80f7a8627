#!/usr/bin/env bash
# Reports: SARIF shape as GitHub reads it, fingerprints, determinism,
# suppression, archive artifacts, hostile bytes, text and JSON lines.
. "$(dirname "$0")/lib.sh"
schema="$top/tests/data/schemas/sarif-schema-2.1.0.json"
validate() { node "$top/tests/validate-schema.js" "$schema" "$@" >"$TMP/validate.log" 2>&1; }

cat >"$TMP/rules.yaml" <<'Y'
rules:
  - id: test.eval-call
    message: eval() runs a string as code
    severity: ERROR
    languages: [javascript]
    metadata:
      cwe: "CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code"
      confidence: high
      references: [https://owasp.org/www-community/attacks/Code_Injection]
    pattern-regex: 'eval\([a-z]+\)'
Y
mkdir -p "$TMP/p/src"
printf 'const a = 1;\nfunction f(x) { return eval(x); }\nconst é = "😀"; eval(y);\neval(z); // nosemgrep\n' >"$TMP/p/src/a.js"
cd "$TMP"
"$PV" scan p --rules rules.yaml --sarif one.sarif --json one.jsonl --text one.txt; is $? 1 "ERROR findings exit 1"
validate one.sarif; ok $? "SARIF validates against the 2.1.0 schema"
python3 - one.sarif >"$TMP/facts" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); run = d["runs"][0]; rules = run["tool"]["driver"]["rules"]
res = run["results"]
print("results", len(res))
print("ruleindex-ok", all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in res))
ss = rules[0]["properties"]["security-severity"]
print("ss-numeric-string", isinstance(ss, str) and float(ss) == 8.0)
print("tags", " ".join(rules[0]["properties"]["tags"]))
print("columnKind", run["columnKind"])
r = res[1]["locations"][0]["physicalLocation"]
print("uri", r["artifactLocation"]["uri"], r["artifactLocation"]["uriBaseId"])
print("region", r["region"]["startLine"], r["region"]["startColumn"], r["region"]["endColumn"])
print("hash", res[0]["partialFingerprints"]["primaryLocationLineHash"])
print("success", run["invocations"][0]["executionSuccessful"])
PY
grep -qx "results 3" facts; ok $? "three results: the nosemgrep one is kept, as a suppression"
grep -qx "ruleindex-ok True" facts; ok $? "every ruleIndex points at its ruleId"
grep -qx "ss-numeric-string True" facts; ok $? "security-severity is a string holding 8.0"
grep -q "^tags security CWE-95 external/cwe/cwe-95" facts; ok $? "tags carry security and the CWE"
grep -qx "columnKind utf16CodeUnits" facts; ok $? "columns are UTF-16 code units"
grep -qx "uri p/src/a.js %SRCROOT%" facts; ok $? "uri is relative to %SRCROOT%"
# line 3: 'const é = "😀"; eval(y);' — eval starts at UTF-16 column 17 (é is
# one unit, 😀 two), byte column 20; the match is 7 units long.
grep -qx "region 3 17 24" facts; ok $? "columns are converted from bytes to UTF-16 units"
grep -qx "success True" facts; ok $? "executionSuccessful is true when every input was read"

# primaryLocationLineHash, recomputed here independently in Python.
python3 - p/src/a.js >"$TMP/pyhash" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
units = []
for ch in text:
    cp = ord(ch)
    if cp >= 0x10000:
        cp -= 0x10000; units += [0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)]
    else:
        units.append(cp)
M = 1 << 64; B = 100; first = pow(37, B, M)
win = [0] * B; lines = [-1] * B; h = 0; idx = 0; ln = 0; start = True; prev_cr = False
out = {}; counts = {}
def emit():
    global lines
    v = format(h, "x"); counts[v] = counts.get(v, 0) + 1
    out[lines[idx]] = "%s:%d" % (v, counts[v]); lines[idx] = -1
def upd(c):
    global h, idx
    b = win[idx]; win[idx] = c; h = (37 * h + c - first * b) % M; idx = (idx + 1) % B
def proc(c):
    global prev_cr, start, ln
    if c in (32, 9) or (prev_cr and c == 10):
        prev_cr = False; return
    prev_cr = c == 13
    if c == 13: c = 10
    if lines[idx] != -1: emit()
    if start:
        start = False; ln += 1; lines[idx] = ln
    if c == 10: start = True
    upd(c)
for u in units: proc(u)
proc(65535)
for _ in range(B):
    if lines[idx] != -1: emit()
    upd(0)
print(out[2])
PY
grep -qx "hash $(cat "$TMP/pyhash")" facts; ok $? "primaryLocationLineHash matches an independent computation"

# Fingerprints survive lines added above; a changed match changes them.
fp() { python3 -c 'import json,sys; print(" ".join(f["fingerprint"] for l in open(sys.argv[1]) for f in json.loads(l)["findings"] if f["start_line"]>0 and "eval(x)" in open("p/src/a.js").read().splitlines()[f["start_line"]-1]))' "$1"; }
before=$(fp one.jsonl)
{ printf '\n\n// a comment\n'; cat p/src/a.js; } >a2 && mv a2 p/src/a.js
"$PV" scan p --rules rules.yaml --json two.jsonl --text /dev/null
after=$(fp two.jsonl)
check "a fingerprint before adding lines" test -n "$before"
is "$after" "$before" "fingerprint unchanged after adding lines above"
sed -i 's/eval(x)/eval(w)/' p/src/a.js
"$PV" scan p --rules rules.yaml --json three.jsonl --text /dev/null
check "fingerprint changes when the matched text changes" ! grep -q "\"fingerprint\":\"$before\"" three.jsonl

"$PV" scan p --rules rules.yaml --sarif a.sarif --text /dev/null
"$PV" scan p --rules rules.yaml --sarif b.sarif --text /dev/null
cmp -s a.sarif b.sarif; ok $? "SARIF is byte-identical across runs"
"$PV" scan p --rules rules.yaml --sarif s.sarif --include-suppressed --text /dev/null
cmp -s a.sarif s.sarif; ok $? "--include-suppressed is accepted and changes nothing"
SOURCE_DATE_EPOCH=1700000000 "$PV" scan p --rules rules.yaml --sarif t.sarif --text /dev/null
grep -q '"endTimeUtc": "2023-11-14T22:13:20Z"' t.sarif; ok $? "SOURCE_DATE_EPOCH gives SARIF its endTimeUtc"
env -u SOURCE_DATE_EPOCH "$PV" scan p --rules rules.yaml --sarif u.sarif --text /dev/null
check "without it, no endTimeUtc (twin)" ! grep -q endTimeUtc u.sarif

# Archives: artifacts with sha256, locations inside the archive.
mkdir -p arc/package && cp p/src/a.js arc/package/index.js && tar czf plugin.tgz -C arc package
"$PV" scan plugin.tgz --rules rules.yaml --sarif arc.sarif --text /dev/null
validate arc.sarif; ok $? "archive SARIF validates"
sha=$(sha256sum plugin.tgz | cut -d' ' -f1)
grep -q "\"sha-256\": \"$sha\"" arc.sarif; ok $? "the archive is an artifact with its sha256"
grep -q '"uri": "plugin.tgz!/package/index.js"' arc.sarif; ok $? "locations: the archive's path, !/, the path inside it"

# Hostile bytes in names and content still give valid SARIF and JSON.
mkdir -p h && printf 'eval(q); // \377\376 bad utf-8 \033[31m\n' >"h/bad$(printf '\377')name.js"
"$PV" scan h --rules rules.yaml --sarif h.sarif --json h.jsonl >h.txt
validate h.sarif; ok $? "invalid UTF-8 in paths and snippets: SARIF still valid"
python3 -c 'import json,sys; [json.loads(l) for l in open("h.jsonl")]'; ok $? "JSON lines still parse"
check "no escape codes in the text report off a terminal" ! grep -q $'\033' h.txt

# precision and security-severity: a rule's own, else derived (docs/rules.md, "Metadata").
cat >meta.yaml <<'Y'
rules:
  - id: t.own
    message: own
    severity: medium
    languages: [javascript]
    metadata: {confidence: low, precision: very-high, security-severity: 7.2}
    pattern: eval($X)
  - id: t.derived
    message: derived
    severity: low
    languages: [javascript]
    metadata: {confidence: low}
    pattern: eval($X)
Y
"$PV" scan p --rules meta.yaml --sarif meta.sarif --fail-on none >/dev/null 2>&1
validate meta.sarif; ok $? "SARIF with stated precision and security-severity validates"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]; print(" ".join("%s=%s/%s" % (x["id"], x["properties"]["precision"], x["properties"]["security-severity"]) for x in r))' meta.sarif >meta.facts
grep -qx 't.derived=low/3.0 t.own=very-high/7.2' meta.facts; ok $? "the rule's own precision and security-severity, else from confidence and severity"
sed 's/security-severity: 7.2/security-severity: 11/' meta.yaml >bad.yaml
"$PV" scan p --rules bad.yaml >/dev/null 2>bad.err; is $? 2 "security-severity out of 0.1-10.0: rules refused"
grep -qF "bad.yaml:6: rule 't.own': key 'metadata.security-severity' must be a number from 0.1 to 10.0" bad.err; ok $? "... naming file, line, rule and key"

tail -n 1 one.txt | grep -qx '2 findings (0 critical, 2 high, 0 medium, 0 low, 0 info; 1 suppressed) in 1 input: 1 scanned, 0 failed'
ok $? "text summary line counts by severity and inputs"
done_testing
