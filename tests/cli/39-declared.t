#!/usr/bin/env bash
# The declared summary (issue 19): what an input's manifest declares — a
# browser extension's manifest.json (MV2, MV3), a VS Code extension's
# package.json, plugvet.permissions grants — in the text report (one
# `declared:` line, only when there is something declared), JSON lines
# ("declared", read back by --resume byte for byte) and SARIF run
# properties (plugvet/declared). Hostile manifests (wrong types, duplicate
# keys, huge arrays, broken JSON, over the size limit) get a note naming
# the file; the other results stay. Every positive case has a negative twin.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
scan() {
  "$PV" scan "$1" --no-db --fail-on none --json out.jsonl --sarif out.sarif --text out.txt 2>err
  rc=$?
}
# decl: the input's "declared" object as compact JSON ("-" when absent)
decl() { python3 -c '
import json; o = json.loads(open("out.jsonl").readline())
print(json.dumps(o["declared"], separators=(",", ":")) if "declared" in o else "-")'; }
dline() { grep '^  declared: ' out.txt || echo -; }
notes() { python3 -c '
import json, sys; o = json.loads(open("out.jsonl").readline())
print("\n".join(n["message"] for n in o["notes"] if n["id"] == "declared"))'; }

# ---- browser extension, MV3 ---------------------------------------------------
mkdir -p mv3 && cat >mv3/manifest.json <<'EOF'
{
  // Chrome accepts comments in manifest.json
  "manifest_version": 3, "name": "Tab Vault", "version": "1.0",
  "permissions": ["tabs", "cookies"], "optional_permissions": ["bookmarks"],
  "host_permissions": ["<all_urls>"],
  "content_scripts": [{"matches": ["*://*/*"], "js": ["c.js"]},
                      {"matches": ["*://*/*", "https://mail.example.com/*"], "js": ["m.js"]}],
  "externally_connectable": {"matches": ["https://*.example.com/*"], "ids": ["*"]},
  "web_accessible_resources": [{"resources": ["img/*.png"], "matches": ["<all_urls>"]}],
  "content_security_policy": {"extension_pages": "script-src 'self'"}
}
EOF
scan mv3
is "$(decl)" '{"kind":"browser-mv3","manifest":"mv3/manifest.json","permissions":["tabs","cookies"],"optional_permissions":["bookmarks"],"host_permissions":["<all_urls>"],"content_scripts":["*://*/*","https://mail.example.com/*"],"externally_connectable":["https://*.example.com/*","id:*"],"web_accessible_resources":["img/*.png"],"web_accessible_matches":["<all_urls>"],"content_security_policy":["extension_pages: script-src '"'"'self'"'"'"]}' \
  "MV3: kind, permissions, hosts, content-script matches (each once), externally_connectable, web_accessible_resources, CSP in JSON lines"
is "$(dline)" "  declared: browser extension MV3; permissions tabs, cookies; optional_permissions bookmarks; host_permissions <all_urls>; content_scripts *://*/*, https://mail.example.com/*; externally_connectable https://*.example.com/*, id:*; web_accessible_resources img/*.png; web_accessible_matches <all_urls>; content_security_policy extension_pages: script-src 'self'" \
  "... one compact text line"
check "... in the SARIF run properties, naming the input" python3 -c '
import json; r = json.load(open("out.sarif"))["runs"][0]["properties"]["plugvet/declared"]
assert len(r) == 1 and r[0]["input"] == "mv3" and r[0]["kind"] == "browser-mv3" and r[0]["host_permissions"] == ["<all_urls>"]'
check "... the manifest rules still report their findings" grep -q "manifest.browser.all-urls" out.txt
is "$(notes)" "" "... and a well-formed manifest gets no declared note"

# twin: an extension declaring nothing gets no line (the kind alone is in JSON)
mkdir -p quiet && echo '{"manifest_version": 3, "name": "q", "version": "1", "action": {"default_popup": "p.html"}}' >quiet/manifest.json
scan quiet
is "$(dline)" "-" "an MV3 manifest declaring no permission, host or script: no declared line"
is "$(decl)" '{"kind":"browser-mv3","manifest":"quiet/manifest.json"}' "... JSON lines still name its kind"
check "... nor SARIF lists for it" python3 -c '
import json; p = json.load(open("out.sarif"))["runs"][0]["properties"]
assert p["plugvet/declared"][0]["kind"] == "browser-mv3" and len(p["plugvet/declared"][0]) == 3'

# ---- MV2: hosts live in permissions --------------------------------------------
mkdir -p mv2 && echo '{"manifest_version": 2, "name": "o", "version": "1", "permissions": ["storage", "http://*/*", "<all_urls>", "webRequestBlocking"], "web_accessible_resources": ["*.js"], "content_security_policy": "script-src '"'"'self'"'"' '"'"'unsafe-eval'"'"'"}' >mv2/manifest.json
scan mv2
is "$(dline)" "  declared: browser extension MV2; permissions storage, webRequestBlocking; host_permissions http://*/*, <all_urls>; web_accessible_resources *.js; content_security_policy script-src 'self' 'unsafe-eval'" \
  "MV2: match patterns in permissions are listed as hosts"

# a manifest.json that is not an extension's (a web app manifest): plain input
mkdir -p pwa && echo '{"name": "app", "start_url": "/", "display": "standalone"}' >pwa/manifest.json
scan pwa
is "$(decl)/$(dline)" "-/-" "a web app manifest.json (no manifest_version): no declared summary"

# ---- VS Code extension ---------------------------------------------------------
mkdir -p vsc && cat >vsc/package.json <<'EOF'
{"name": "v", "version": "1.0.0", "main": "ext.js", "engines": {"vscode": "^1.80.0"},
 "activationEvents": ["*", "onStartupFinished"],
 "contributes": {"commands": [{"command": "v.run", "title": "Run"}], "configuration": {}},
 "capabilities": {"untrustedWorkspaces": {"supported": true}, "virtualWorkspaces": false},
 "extensionDependencies": ["ms-python.python"], "extensionKind": ["workspace"]}
EOF
echo 'exports.activate = () => {};' >vsc/ext.js
scan vsc
is "$(dline)" "  declared: VS Code extension; activation *, onStartupFinished; contributes commands, configuration; untrusted_workspaces true; virtual_workspaces false; extension_dependencies ms-python.python; extension_kind workspace" \
  "VS Code: activation, contributes, workspace trust, dependencies, kind"
check "... engines.vscode in JSON lines" python3 -c '
import json; d = json.loads(open("out.jsonl").readline())["declared"]
assert d["kind"] == "vscode" and d["engines.vscode"] == ["^1.80.0"]'
# twin: a VS Code extension declaring only its engine: no line
mkdir -p vscq && echo '{"name": "v", "version": "1.0.0", "main": "ext.js", "engines": {"vscode": "^1.80.0"}}' >vscq/package.json
cp vsc/ext.js vscq/
scan vscq
is "$(dline)" "-" "a VS Code extension declaring only engines.vscode: no declared line"

# ---- plain npm packages ----------------------------------------------------------
mkdir -p npm && echo '{"name": "p", "version": "1.0.0", "plugvet": {"permissions": {"network": ["api.example.com:443"], "children": true}}}' >npm/package.json
echo 'module.exports = 1;' >npm/index.js
scan npm
is "$(dline)" "  declared: npm package; plugvet.network api.example.com:443; plugvet.children true" \
  "an npm package's plugvet.permissions grants"
mkdir -p npm0 && echo '{"name": "p", "version": "1.0.0"}' >npm0/package.json && cp npm/index.js npm0/
scan npm0
is "$(decl)/$(dline)" "-/-" "an npm package declaring nothing: no declared summary at all"

# ---- hostile manifests -----------------------------------------------------------
mkdir -p bad && printf '{"manifest_version": 3, "permissions": ["tabs",\n' >bad/manifest.json
echo 'eval(location.hash);' >bad/page.js
scan bad
is "$(notes)" "bad/manifest.json: not valid JSON (line 2: ']' expected near end of file); its declarations are not summarised" \
  "a broken manifest.json: a note naming the file and the reason"
check "... the other results intact" grep -q "js.code-injection.eval-non-literal" out.txt
is "$(decl)/$rc" "-/0" "... no summary, and the scan runs to its end"

mkdir -p types && echo '{"manifest_version": 3, "permissions": ["tabs", 7, {"x": 1}], "host_permissions": "<all_urls>", "content_scripts": {"matches": 1}, "externally_connectable": [], "content_security_policy": 5}' >types/manifest.json
scan types
is "$(notes)" "types/manifest.json: permissions has an entry that is not a string; skipped
types/manifest.json: host_permissions is not an array of strings; skipped
types/manifest.json: content_scripts is not an array of objects; skipped
types/manifest.json: externally_connectable is not an object; skipped
types/manifest.json: content_security_policy is not a string or object; skipped" \
  "wrong types: one note per key, naming the file"
is "$(decl)" '{"kind":"browser-mv3","manifest":"types/manifest.json","permissions":["tabs"]}' "... the well-typed entries still listed"

mkdir -p dup && echo '{"manifest_version": 3, "permissions": ["tabs"], "permissions": ["debugger"]}' >dup/manifest.json
scan dup
is "$(notes)" "dup/manifest.json: a key appears twice in one object (line 1); the last value counts" "duplicate keys: a note"
is "$(dline)" "  declared: browser extension MV3; permissions debugger" "... the last value listed (as browsers read it)"

mkdir -p huge && python3 -c '
import json; print(json.dumps({"manifest_version": 3, "permissions": ["p%d" % i for i in range(100000)] + ["p1"] * 1000,
  "host_permissions": ["https://" + "a" * 5000 + ".example/*"]}))' >huge/manifest.json
scan huge
is "$(notes)" "huge/manifest.json: permissions lists 100000 distinct entries; the first 256 are summarised" "100,000 permissions: capped, with a note"
check "... 256 kept, each entry at most 256 bytes, the text line short" python3 -c '
import json; d = json.loads(open("out.jsonl").readline())["declared"]
assert len(d["permissions"]) == 256 and len(d["host_permissions"][0]) == 256
assert len(open("out.txt").read().split("declared: ")[1].split("\n")[0]) < 2000'
check "... the text line says how many more" grep -q "permissions p0, p1, p2, p3, p4, p5 +250 more;" out.txt

mkdir -p big && python3 -c '
import json; print(json.dumps({"manifest_version": 3, "permissions": ["tabs"], "description": "x" * (2 << 20)}))' >big/manifest.json
scan big
is "$(notes)" "big/manifest.json: $(stat -c %s big/manifest.json) bytes, over the 1048576-byte limit; its declarations are not summarised" "a manifest over 1 MiB: not read, a note"

# ---- --resume reads the summary back: the same SARIF as the whole run -------------
sscan() { SOURCE_DATE_EPOCH=1700000000 "$PV" scan -q --no-db --fail-on none --text /dev/null "$@" 2>/dev/null; }
set -- mv3 quiet vsc npm npm0 dup
sscan --json s.jsonl --sarif s.sarif "$@"
same=0
for k in 0 1 3 6; do
  head -n "$k" s.jsonl >k.jsonl
  sscan --json k.jsonl --resume --sarif k.sarif "$@" && cmp -s s.sarif k.sarif && cmp -s s.jsonl k.jsonl && same=$((same + 1))
done
is "$same" 4 "--resume after 0, 1, 3 or 6 kept lines: the same SARIF and JSON lines (declared read back)"
# twin: a kept line whose declared summary was edited into a wrong shape is refused
python3 -c '
import json; ls = [json.loads(l) for l in open("s.jsonl")]
ls[0]["declared"]["permissions"] = [1]
print("\n".join(json.dumps(l) for l in ls))' >e.jsonl
"$PV" scan -q --no-db --fail-on none --text /dev/null --json e.jsonl --resume --sarif e.sarif "$@" 2>err
check "an edited declared summary is refused on --resume, naming the input" grep -q "mv3: the line cannot be read back (declared)" err

done_testing
