#!/usr/bin/env bash
# Batches (issue 22): JSON lines are written as each input finishes, in
# input order, so a batch killed with SIGKILL keeps every finished input;
# --resume skips the inputs whose line the file holds from the same plugvet
# and rule pack (with --sarif, their lines are read back: the SARIF is the
# whole run's); --each DIR, --from (blank and # lines skipped), --from0.
. "$(dirname "$0")/lib.sh"
D=$TMP/in
mkdir -p "$D/each/sub" "$D/each/.hidden"
for n in a b c d; do printf 'eval(%s);\n' "$n" >"$D/$n.js"; done
printf 'var ok = 1;\n' >"$D/clean.js"
# A slow input: minutes of parsing and matching (10 MiB of nested calls).
python3 -c 'import sys; sys.stdout.write("f(g(h(x, [1, 2, {a: b}])));\n" * 400000)' >"$D/slow.js"
lines() { python3 - "$1" <<'PY'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    assert l.endswith("\n"), "a line without its newline"
    o = json.loads(l)
    print(o["input"].rsplit("/", 1)[-1], o["status"], len(o["findings"]))
PY
}
scan() { "$PV" scan --no-db --quiet --text /dev/null --fail-on none "$@"; }

# ---- streaming: killed mid-batch, the finished lines are there and valid ----
scan --json "$TMP/k.jsonl" "$D/a.js" "$D/b.js" "$D/slow.js" "$D/c.js" 2>"$TMP/err" &
pid=$!
for _ in $(seq 600); do
  [ -f "$TMP/k.jsonl" ] && [ "$(wc -l <"$TMP/k.jsonl")" -ge 2 ] && break
  sleep 0.05
done
sleep 0.3
kill -9 $pid
wait $pid
is $? 137 "the batch was killed (SIGKILL) while scanning slow.js"
is "$(lines "$TMP/k.jsonl" | tr '\n' ' ')" "a.js scanned 1 b.js scanned 1 " \
  "the two inputs finished before the kill are in the JSON lines, whole and valid"

# the twin: the same batch to its end has every line, in input order
scan --json "$TMP/all.jsonl" --jobs 2 "$D/c.js" "$D/clean.js" "$D/a.js" "$D/b.js"
is "$(lines "$TMP/all.jsonl" | tr '\n' ' ')" "c.js scanned 1 clean.js scanned 0 a.js scanned 1 b.js scanned 1 " \
  "--jobs 2: every line, in input order"
check "each line names the plugvet version and the rule pack" \
  python3 -c 'import json,sys; [json.loads(l)["rules"].startswith("sha256:") and json.loads(l)["plugvet"] or sys.exit(1) for l in open(sys.argv[1])]' "$TMP/all.jsonl"

# ---- --resume ----------------------------------------------------------------
cp "$TMP/k.jsonl" "$TMP/r.jsonl"
printf '{"input":"%s' "$D/c.js" >>"$TMP/r.jsonl" # a line cut by the kill
before=$(head -2 "$TMP/r.jsonl")
scan --json "$TMP/r.jsonl" --resume "$D/a.js" "$D/b.js" "$D/c.js" "$D/d.js" 2>/dev/null
is $? 0 "--resume runs"
is "$(lines "$TMP/r.jsonl" | tr '\n' ' ')" "a.js scanned 1 b.js scanned 1 c.js scanned 1 d.js scanned 1 " \
  "--resume: the kept lines, then the rest in order; the cut line is gone"
is "$(head -2 "$TMP/r.jsonl")" "$before" "... the kept lines unchanged"
"$PV" scan --no-db --text "$TMP/r.txt" --json "$TMP/r.jsonl" --resume "$D/a.js" "$D/b.js" "$D/c.js" "$D/d.js" 2>"$TMP/err"
is $? 1 "everything already in the file: nothing scanned, exit 1 from the kept lines' findings"
is "$(cat "$TMP/err")" "plugvet: --resume: 4 inputs already in $TMP/r.jsonl, 0 to scan" "... said on stderr"
check "... and in the summary" grep -q '; 4 more in the JSON lines of an earlier run (--resume)' "$TMP/r.txt"
is "$(wc -l <"$TMP/r.jsonl")" 4 "... the file unchanged"
# the twin: another rule pack rescans every input
printf 'rules:\n  - id: t.x\n    languages: [javascript]\n    severity: INFO\n    message: x\n    pattern: eval(...)\n' >"$TMP/x.yaml"
"$PV" scan --no-db --text /dev/null --rules "$TMP/x.yaml" --json "$TMP/r.jsonl" --resume "$D/a.js" "$D/b.js" 2>"$TMP/err"
is "$(cat "$TMP/err")" "plugvet: --resume: 0 inputs already in $TMP/r.jsonl, 2 to scan (lines of another version or rule pack dropped)" \
  "another rule pack: no line is kept"
is "$(lines "$TMP/r.jsonl" | tr '\n' ' ')" "a.js scanned 1 b.js scanned 1 " "... the old lines replaced"
scan --resume "$D/a.js" 2>"$TMP/err"
is $? 2 "--resume without --json: exit 2"
is "$(cat "$TMP/err")" "plugvet: --resume needs --json FILE: the lines of the inputs already scanned (see plugvet scan --help)" "... saying why"

# ---- --resume with --sarif: the kept lines read back ---------------------------
# A batch with a taint flow, builtin rules (pkg.*, dep.* from a store of the
# real OSV samples), an archive and an input given twice: resumed after any
# number of lines, its SARIF is byte for byte the uninterrupted run's.
"$PV" db update --db "$TMP/osv.sqlite" --feed "$top/tests/data/osv" >/dev/null 2>&1
ok $? "a store from the real OSV samples"
printf "app.get('/', (req, res) => require('child_process').exec(req.query.c));\n" >"$D/t.js"
set -- "$top/tests/data/vulns/plugin" "$D/t.js" "$top/examples/demo-plugin" "$D/clean.js" \
  "$top/tests/data/shipped-tarball" "$top/tests/data/vulns/plugin"
sscan() { SOURCE_DATE_EPOCH=1700000000 "$PV" scan -q --db "$TMP/osv.sqlite" --max-db-age 0 --taint \
  --fail-on none --text /dev/null "$@"; }
sscan --json "$TMP/s.jsonl" --sarif "$TMP/s.sarif" --gitlab-sast "$TMP/s.gl" "$@"
is "$(wc -l <"$TMP/s.jsonl")" 6 "the whole batch: 6 lines"
check "... with a taint flow, builtin rules described in rule_meta, and a dependency finding" python3 -c '
import json, sys
ls = [json.loads(l) for l in open(sys.argv[1])]
fs = [f for l in ls for f in l["findings"]]
assert any(f.get("flow") and f.get("start_col16") for f in fs)
assert any("pkg.install-script.download-exec" in l.get("rule_meta", {}) for l in ls)
assert any(f.get("group_rule", "").startswith("dep.vulnerable/") and f.get("line_hash") for f in fs)' "$TMP/s.jsonl"
same=0
for k in 0 1 2 3 5 6; do
  head -n "$k" "$TMP/s.jsonl" >"$TMP/k.jsonl"
  sscan --json "$TMP/k.jsonl" --resume --sarif "$TMP/k.sarif" --gitlab-sast "$TMP/k.gl" "$@" 2>/dev/null &&
    cmp -s "$TMP/s.sarif" "$TMP/k.sarif" && cmp -s "$TMP/s.gl" "$TMP/k.gl" && cmp -s <(sort -u "$TMP/s.jsonl") <(sort -u "$TMP/k.jsonl") &&
    same=$((same + 1))
done
is "$same" 6 "--resume --sarif after 0, 1, 2, 3, 5 or 6 kept lines: the same SARIF, GitLab report and lines as the whole run (one line for the input given twice)"
# the twin: an edited kept line is refused, naming the input; the file is left as it was
python3 - "$TMP/s.jsonl" >"$TMP/e.jsonl" <<'PY'
import json, sys
ls = [json.loads(l) for l in open(sys.argv[1])]
ls[1]["findings"][0]["start_line"] = "three"
for l in ls[:2]:
    print(json.dumps(l))
PY
cp "$TMP/e.jsonl" "$TMP/e0.jsonl"
sscan --json "$TMP/e.jsonl" --resume --sarif "$TMP/e.sarif" "$@" 2>"$TMP/err"
is $? 2 "an edited kept line with --sarif: exit 2"
check "... naming the input and the field" grep -q "$D/t.js: the line cannot be read back (start_line); remove that line" "$TMP/err"
check "... the file not rewritten" cmp -s "$TMP/e.jsonl" "$TMP/e0.jsonl"
sscan --json "$TMP/e.jsonl" --resume "$@" 2>/dev/null
is $? 0 "... without --sarif the line is not read back: the run goes on"

# ---- --each, --from, --from0 -------------------------------------------------
cp "$D/a.js" "$D/each/2.js"
cp "$D/clean.js" "$D/each/10.js"
cp "$D/b.js" "$D/each/sub/x.js"
cp "$D/c.js" "$D/each/.hidden/y.js"
mkfifo "$D/each/fifo"
scan --json "$TMP/e.jsonl" --each "$D/each" 2>"$TMP/err"
is "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["input"] for l in open(sys.argv[1])))' "$TMP/e.jsonl")" \
  "$D/each/10.js $D/each/2.js $D/each/sub" "--each: one input per entry, in byte order, hidden ones left out"
is "$(cat "$TMP/err")" "plugvet: --each $D/each: 1 entries skipped (neither a file nor a directory)" \
  "... the FIFO skipped, and said"
scan --each "$D/missing" 2>"$TMP/err"
is $? 2 "--each a missing directory: exit 2"
printf '# uploads\n%s\n\n   \n  # indented comment\n%s\r\n' "$D/a.js" "$D/b.js" >"$TMP/list"
scan --json "$TMP/f.jsonl" --from "$TMP/list"
is "$(lines "$TMP/f.jsonl" | tr '\n' ' ')" "a.js scanned 1 b.js scanned 1 " "--from skips blank and # lines, and CRs"
printf '#x.js\n' >"$TMP/hash-list"
scan --json "$TMP/h.jsonl" --allow-empty --from "$TMP/hash-list" 2>/dev/null
is $? 0 "... so a # line is no input"
(cd "$TMP" && printf './#x.js\n' >hash-list && scan --from hash-list 2>"$TMP/err")
is "$(cat "$TMP/err")" "plugvet: ./#x.js: No such file or directory" "... the twin: ./#x.js is one"
printf 'eval(q);\n' >"$D/we ird
name.js"
printf '%s\0%s\0\0' "$D/we ird
name.js" "$D/a.js" >"$TMP/list0"
scan --json "$TMP/z.jsonl" --from0 "$TMP/list0"
is "$(python3 -c 'import json,sys; print([json.loads(l)["input"].rsplit("/",1)[1] for l in open(sys.argv[1])])' "$TMP/z.jsonl")" \
  "['we ird\\nname.js', 'a.js']" "--from0: NUL-separated names, newlines and spaces kept"
scan --json "$TMP/z2.jsonl" --from "$TMP/list0" 2>/dev/null
check "... the same file read by --from is not the same list" ! cmp -s "$TMP/z.jsonl" "$TMP/z2.jsonl"
# ---- progress on a terminal only ------------------------------------------------
# script(1) runs plugvet on a pseudo-terminal; each input takes over the
# 100 ms between redraws, so every finish is drawn.
python3 -c 'import sys; sys.stdout.write("var x = [1, 2, {a: b}];\n" * 6000)' >"$D/mid.js"
for n in 1 2 3; do cp "$D/mid.js" "$D/mid$n.js"; done
if command -v script >/dev/null; then
  TERM=xterm script -qec "$PV scan --no-db --text /dev/null $D/mid1.js $D/missing.js $D/mid2.js $D/mid3.js" /dev/null \
    | tr '\r' '\n' >"$TMP/tty"
  check "on a terminal: done/total, rate and ETA, failures so far" \
    grep -Eq '^.\[K2/4 inputs, [0-9.]+/s, ETA [0-9]+s, 1 failed: .*mid2.js$' "$TMP/tty"
  check "... the current input" grep -Eq '^.\[K0/4 inputs: .*mid1.js$' "$TMP/tty"
  check "... and a last line" grep -Eq '^.\[Kscanned 4 inputs in [0-9.]+ s \([0-9.]+/s\), 1 failed$' "$TMP/tty"
  TERM=dumb script -qec "$PV scan --no-db --text /dev/null $D/mid1.js $D/mid2.js" /dev/null | tr '\r' '\n' >"$TMP/dumb"
  check "TERM=dumb: no progress" ! grep -q 'inputs' "$TMP/dumb"
  TERM=xterm script -qec "$PV scan --quiet --no-db --text /dev/null $D/mid1.js $D/mid2.js" /dev/null | tr '\r' '\n' >"$TMP/q"
  check "--quiet: no progress" ! grep -q 'inputs' "$TMP/q"
else
  skip "script (util-linux) is not installed"
fi
TERM=xterm "$PV" scan --no-db --text /dev/null "$D/mid1.js" "$D/mid2.js" "$D/missing.js" 2>"$TMP/pipe"
is "$(cat "$TMP/pipe")" "plugvet: $D/missing.js: No such file or directory" "stderr not a terminal: no progress, only the failure"
done_testing
