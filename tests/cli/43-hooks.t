#!/usr/bin/env bash
# Pre-commit use (issue 22): scan --staged reads the staged blobs of the git
# index, not the working tree; --stdin-filename; an empty file list in hook
# mode exits 0; the shipped hooks (examples/git-hooks/pre-commit,
# .pre-commit-hooks.yaml) work in a real repository made here.
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "1..0 # skip git is not installed (tools/install-deps)"; exit 0; }
R=$TMP/repo
mkdir -p "$R"
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
git -C "$R" init -q
# staged [ARGS...]: scan --staged in $R (or the current directory's repo)
staged() { (cd "${IN:-$R}" && "$PV" scan --no-db --staged --text "$TMP/t.txt" --json "$TMP/o.jsonl" "$@" 2>"$TMP/err"); }
q() { python3 -c 'import json,sys; o=json.loads(open(sys.argv[1]).readline()); print(eval(sys.argv[2]))' "$TMP/o.jsonl" "$1"; }
findings='sorted((f["rule_id"], f["path"]) for f in o["findings"])'

# ---- before the first commit: every staged file -------------------------------
(cd "$R" && "$PV" scan --no-db --staged >/dev/null 2>"$TMP/err")
is $? 0 "an empty repository: nothing staged, exit 0"
is "$(cat "$TMP/err")" "plugvet: nothing to scan (no staged file)" "... saying there is nothing to scan"
printf 'eval(a);\n' >"$R/a.js"
git -C "$R" add a.js
rm "$R/a.js"
staged
is $? 1 "a staged eval removed from the working tree is found (exit 1)"
is "$(q "$findings")" "[('js.code-injection.eval-non-literal', 'a.js')]" "... in a.js, as the repo names it"
is "$(q 'o["input"], o["kind"], o["files"]')" "('staged', 'git-index', 1)" "... one input: staged, git-index, 1 file"
git -C "$R" commit -qm first

# ---- against HEAD: only what changed ----------------------------------------
staged
is $? 0 "after the commit nothing is staged: exit 0"
is "$(cat "$TMP/err")" "plugvet: nothing to scan (no staged file)" "... nothing to scan"
printf 'eval(a);\n' >"$R/a.js" # in the working tree, not staged
staged
is $? 0 "twin: an eval only in the working tree is not what is committed (exit 0)"
mkdir -p "$R/sub dir"
printf 'const x = 1;\nexec(b);\neval(b);\n' >"$R/sub dir/b é.js"
git -C "$R" add "sub dir/b é.js"
printf 'const x = 1;\n' >"$R/sub dir/b é.js"
IN="$R/sub dir" staged
is $? 1 "from a subdirectory: the staged eval is found"
is "$(q "$findings")" "[('js.code-injection.eval-non-literal', 'sub dir/b é.js')]" \
   "... its path from the top of the repository (spaces, UTF-8 kept)"
git -C "$R" commit -qm second
git -C "$R" rm -q --cached "sub dir/b é.js"
staged
is $? 0 "a staged deletion leaves nothing to scan: exit 0"
ln -s a.js "$R/link.js"
git -C "$R" add link.js
staged
is $? 0 "a staged symlink is not scanned as code"
git -C "$R" commit -qm third
head -c 2048 /dev/zero | tr '\0' 'x' >"$R/big.js"
git -C "$R" add big.js
staged --max-entry 1K
is "$(q "$findings")" "[('archive.entry-too-large', 'big.js')]" "a staged file over --max-entry: entry-too-large"
staged
is "$(q "$findings")" "[]" "twin: under the limit it is scanned (no finding)"
git -C "$R" commit -qm fourth

# ---- usage -------------------------------------------------------------------
mkdir -p "$TMP/norepo"
(cd "$TMP/norepo" && GIT_CEILING_DIRECTORIES=$TMP "$PV" scan --no-db --staged >/dev/null 2>"$TMP/err")
is $? 2 "--staged outside a git work tree exits 2"
check "... saying so" grep -q "plugvet: --staged: not inside a git work tree" "$TMP/err"
"$PV" scan --no-db --staged "$R" >/dev/null 2>"$TMP/err"
is $? 2 "--staged with an INPUT is a usage error"
"$PV" scan --no-db >/dev/null 2>"$TMP/err"
is $? 2 "no INPUT is a usage error"
"$PV" scan --no-db --allow-empty >/dev/null 2>"$TMP/err"
is $? 0 "twin: with --allow-empty, no INPUT exits 0"
is "$(cat "$TMP/err")" "plugvet: nothing to scan (no input given)" "... saying there is nothing to scan"

# ---- --stdin-filename ----------------------------------------------------------
printf 'const f = (x: string) => eval(x);\n' |
  "$PV" scan --no-db --stdin-filename lib/x.ts --json "$TMP/o.jsonl" --text /dev/null
is $? 1 "--stdin-filename lib/x.ts: the eval piped in is found"
is "$(q "$findings"), $(q 'o["kind"]')" "[('js.code-injection.eval-non-literal', 'lib/x.ts')], stdin" \
   "... at lib/x.ts, input kind stdin"
printf 'const f = (x: string) => JSON.parse(x);\n' |
  "$PV" scan --no-db --stdin-filename lib/x.ts --text /dev/null
is $? 0 "twin: clean text on stdin exits 0"
printf 'eval(a);\n' | "$PV" scan --no-db --stdin-filename notes.txt --text /dev/null
is $? 0 "twin: the name sets the language (notes.txt is not JavaScript)"

# ---- the shipped hooks -------------------------------------------------------
mkdir -p "$TMP/bin"
ln -s "$PV" "$TMP/bin/plugvet"
cp "$top/examples/git-hooks/pre-commit" "$R/.git/hooks/pre-commit"
printf 'eval(process.argv[2]);\n' >"$R/c.js"
git -C "$R" add c.js
PATH=$TMP/bin:$PATH git -C "$R" commit -qm bad >"$TMP/hook.out" 2>&1
is $? 1 "examples/git-hooks/pre-commit stops a commit with a staged eval"
check "... and shows the finding" grep -q "c.js:1:1" "$TMP/hook.out"
printf 'JSON.parse(process.argv[2]);\n' >"$R/c.js"
git -C "$R" add c.js
PATH=$TMP/bin:$PATH git -C "$R" commit -qm good >/dev/null 2>&1
is $? 0 "twin: the same commit with the eval fixed goes through"
printf '# notes\n' >"$R/README.md"
git -C "$R" add README.md
PATH=$TMP/bin:$PATH git -C "$R" commit -qm docs >/dev/null 2>&1
is $? 0 "a docs-only commit goes through"

is "$(python3 - "$top/.pre-commit-hooks.yaml" <<'PY'
import re, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
out = []
for h in hooks:
    assert h["language"] == "system" and h["entry"].startswith("plugvet scan ")
    assert "--allow-empty" in h["entry"]
    out.append(h["id"])
lock = re.compile(hooks[1]["files"])
assert lock.search("pkg/package-lock.json") and lock.search("yarn.lock")
assert not lock.search("src/package-lock.json.bak") and not lock.search("src/a.js")
print(" ".join(out))
PY
)" "plugvet plugvet-deps" ".pre-commit-hooks.yaml: a scan hook and a lockfile hook, language system"
done_testing
