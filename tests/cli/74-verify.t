#!/usr/bin/env bash
# plugvet verify / sign / keygen: minisign and signify signatures, checked
# both ways against the real minisign and signify-openbsd binaries, and
# every tampered twin failing with its own reason.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
head -c 200000 /dev/urandom >a.tgz
printf 'x' >b.tgz
dd if=a.tgz of=b.tgz bs=1 count=199999 skip=1 seek=1 2>/dev/null # one byte changed
minisign -G -W -p m.pub -s m.key >/dev/null 2>&1
minisign -S -s m.key -m a.tgz >/dev/null 2>&1
minisign -S -l -s m.key -m a.tgz -x legacy.minisig >/dev/null 2>&1
signify-openbsd -G -n -p s.pub -s s.sec
signify-openbsd -S -s s.sec -m a.tgz -x a.tgz.sig
first() { "$PV" verify "$@" 2>&1 | head -1; }
res() { "$PV" verify --json "$@" 2>/dev/null | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["result"])'; }

# The real tools' signatures verify with plugvet.
"$PV" verify -p m.pub a.tgz >out; st=$?
is "$st $(grep -c '^✓ a.tgz: signature ok: good signature by key .* \[minisign\]; trusted comment: timestamp:[0-9]* file:a.tgz hashed$' out)" "0 1" \
  "minisign's prehashed signature verifies (key id and trusted comment shown)"
is "$(res -p m.pub -x legacy.minisig a.tgz)" ok "minisign's legacy (-l) signature verifies"
is "$(res -p s.pub -x a.tgz.sig a.tgz)" ok "signify's signature verifies"
id=$(sed -n '1s/.*key //p' m.pub)
is "$("$PV" verify --json -p m.pub a.tgz | python3 -c 'import json,sys; print(json.load(sys.stdin)["key_id"])')" "$id" \
  "the key id is printed as minisign prints it ($id)"
# A key id with a leading zero nibble (rewritten in the key and the
# signature alike; minisign still verifies the pair): no padding.
python3 - <<'PY'
import base64
zid = bytes([0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0x0D, 0x00])
def put(src, dst, line):
    ls = open(src).read().split("\n")
    raw = base64.b64decode(ls[line])
    ls[line] = base64.b64encode(raw[:2] + zid + raw[10:]).decode()
    open(dst, "w").write("\n".join(ls))
put("m.pub", "z.pub", 1)
put("a.tgz.minisig", "z.minisig", 1)
PY
minisign -V -q -p z.pub -m a.tgz -x z.minisig
is "$? $("$PV" verify --json -p z.pub -x z.minisig a.tgz | python3 -c 'import json,sys; print(json.load(sys.stdin)["key_id"])')" \
  "0 DBC9A78563412" "a key id below 2^56 is printed without leading zeros, as minisign prints it"

# Tampered twins: each fails with its own reason, exit 1.
"$PV" verify -p m.pub -x a.tgz.minisig b.tgz >/dev/null; st=$?
is "$st $(res -p m.pub -x a.tgz.minisig b.tgz)" "1 bad-signature" "one byte of the file changed: bad-signature"
is "$(res -p s.pub -x a.tgz.sig b.tgz)" bad-signature "the same under signify"
sed '3s/file:a.tgz/file:evil.tgz/' a.tgz.minisig >t.minisig
is "$(res -p m.pub -x t.minisig a.tgz)" bad-trusted-comment "a trusted comment edited: bad-trusted-comment"
is "$(res -p s.pub a.tgz)" keyid-mismatch "--pubkey of another key: keyid-mismatch"
(echo "# our publishers"; sed -n 2p s.pub | sed 's/$/  signify team/') >trusted
is "$(res --trusted-keys trusted a.tgz)" unknown-key "a key not in --trusted-keys: unknown-key"
is "$(first --trusted-keys trusted -x a.tgz.sig a.tgz)" "✓ a.tgz: signature ok: good signature by key $(sed -n '2p' s.pub | python3 -c 'import base64,sys; print(base64.b64decode(sys.stdin.read())[2:10][::-1].hex().upper().lstrip("0") or "0")') (signify team) [signify]" \
  "a key in --trusted-keys: ok, with its label (twin)"
cp a.tgz c.tgz
is "$(res --trusted-keys trusted c.tgz)" unsigned "no FILE.minisig or FILE.sig: unsigned"
printf 'garbage\n' >c.tgz.sig
is "$(res --trusted-keys trusted c.tgz)" malformed "a signature file that is not one: malformed"
printf 'untrusted comment: x\nRUQ\n' >c.tgz.sig
is "$(res --trusted-keys trusted c.tgz)" malformed "a truncated signature line: malformed"

# Inputs that cannot be read: exit 2, named.
"$PV" verify -p m.pub missing.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'missing.tgz' err)" "2 1" "a missing FILE: exit 2, named"
printf 'not a key\n' >bad.pub
"$PV" verify -p bad.pub a.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'bad.pub: not a minisign or signify public key' err)" "2 1" "a bad --pubkey: exit 2, named"
printf '%s\nnot a key either\n' "$(sed -n 2p m.pub)" >bad.keys
"$PV" verify --trusted-keys bad.keys a.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'bad.keys: line 2: not a minisign or signify public key' err)" "2 1" "a bad --trusted-keys line: exit 2, the line named"
"$PV" verify a.tgz 2>/dev/null; is $? 2 "no key given: usage error, exit 2"

# plugvet's own keys and signatures verify with the real tools.
"$PV" keygen -p p.pub -s p.sec >/dev/null; st=$?
is "$st $(stat -c %a p.sec)" "0 600" "keygen writes the secret key mode 0600"
"$PV" sign -s p.sec a.tgz -x p.minisig && minisign -V -q -p p.pub -m a.tgz -x p.minisig
is $? 0 "plugvet sign (minisign format) verifies with minisign -V"
"$PV" sign --signify -s p.sec a.tgz -x p.sig && signify-openbsd -V -q -p p.pub -m a.tgz -x p.sig
is $? 0 "plugvet sign --signify verifies with signify -V"
minisign -V -q -p p.pub -m b.tgz -x p.minisig 2>/dev/null
is $? 1 "minisign -V refuses plugvet's signature on the changed file (twin)"
"$PV" sign -s m.key a.tgz -x pm.minisig && minisign -V -q -p m.pub -m a.tgz -x pm.minisig
is $? 0 "plugvet signs with minisign's own (unencrypted) secret key"
"$PV" sign --signify -s s.sec a.tgz -x ps.sig && signify-openbsd -V -q -p s.pub -m a.tgz -x ps.sig
is $? 0 "plugvet signs with signify's own secret key"
SOURCE_DATE_EPOCH=1700000000 "$PV" sign -s p.sec a.tgz -x d1 && SOURCE_DATE_EPOCH=1700000000 "$PV" sign -s p.sec a.tgz -x d2
is "$(cmp d1 d2 && sed -n 3p d1)" "trusted comment: timestamp:1700000000	file:a.tgz	hashed" \
  "signatures are deterministic under SOURCE_DATE_EPOCH"
"$PV" sign -s p.sec -t "release 1.2.3" a.tgz -x t2.minisig && minisign -V -p p.pub -m a.tgz -x t2.minisig | grep -q 'Trusted comment: release 1.2.3'
is $? 0 "-t sets the trusted comment minisign shows"
"$PV" sign -s p.sec -t "$(printf 'two\nlines')" a.tgz -x t3.minisig 2>err; st=$?
is "$st $(grep -c 'one line' err) $(test -e t3.minisig; echo $?)" "2 1 1" "a trusted comment with a newline is refused, nothing written"

# Secret keys plugvet cannot use are refused by name; nothing is overwritten.
minisign -G -p e.pub -s e.key <<<$'pw\npw' >/dev/null 2>&1
"$PV" sign -s e.key a.tgz 2>err; st=$?
is "$st $(grep -c 'encrypted secret key (make one without a password: minisign -G -W)' err)" "2 1" \
  "a password-protected minisign key: refused, named"
cp p.sec x.sec; python3 - x.sec <<'PY'
import base64,sys
l=open(sys.argv[1]).read().split('\n'); b=bytearray(base64.b64decode(l[1])); b[80]^=1
l[1]=base64.b64encode(bytes(b)).decode(); open(sys.argv[1],'w').write('\n'.join(l))
PY
"$PV" sign -s x.sec a.tgz 2>err; st=$?
is "$st $(grep -c 'damaged secret key' err)" "2 1" "a secret key with a flipped byte: refused as damaged"
"$PV" keygen -p p.pub -s q.sec 2>err; st=$?
is "$st $(grep -c 'p.pub: exists (not overwritten)' err) $(test -e q.sec; echo $?)" "2 1 1" \
  "keygen over an existing public key: refused, no stray secret key left"
"$PV" keygen -p q.pub -s p.sec 2>/dev/null; is $? 2 "keygen over an existing secret key: refused"

# The npm registry: the tarball's sha512 against dist.integrity, and the
# registry's ECDSA signature over NAME@VERSION:INTEGRITY with the shipped
# keys (real packuments, real signatures; tests/data/npm-registry).
d=$top/tests/data/npm-registry
tgz=$d/is-number-7.0.0.tgz
reg() { "$PV" verify --json "$@" 2>/dev/null | python3 -c 'import json,sys; print(" ".join(json.loads(l)["check"]+"="+json.loads(l)["result"] for l in sys.stdin))'; }
is "$(reg --packument "$d/is-number.json" "$tgz")" "integrity=ok registry-signature=unsigned" \
  "the real is-number tarball: its version found by digest (7.0.0), integrity ok; the mirror's copy is unsigned"
"$PV" verify --packument "$d/is-number.json" "$tgz" >/dev/null; is $? 1 "... unsigned fails the run (exit 1)"
is "$(reg --packument "$d/is-number.json" --version 6.0.0 "$tgz")" "integrity=mismatch registry-signature=unsigned" \
  "--version 6.0.0 for the 7.0.0 tarball: integrity mismatch"
cp "$tgz" x.tgz; printf 'x' >>x.tgz
is "$(reg --packument "$d/is-number.json" x.tgz)" "integrity=mismatch" "one byte appended: no version has that digest"
is "$(reg --packument "$d/tool5.json" --version 5.0.1 "$tgz")" "integrity=mismatch registry-signature=ok" \
  "tool5@5.0.1: the registry's real signature verifies (key jl3bw..., published before it expired)"
is "$(reg --packument "$d/x402-stellar.json" --version 2.12.0 "$tgz")" "integrity=mismatch registry-signature=ok" \
  "@x402/stellar@2.12.0: the real signature with the current key verifies"
sed 's/"2024-10-09T22:57:17.169Z"/"2025-02-01T00:00:00.000Z"/' "$d/tool5.json" >late.json
is "$(reg --packument late.json --version 5.0.1 "$tgz")" "integrity=mismatch registry-signature=expired-key" \
  "the same signature on a version published after the key expired: expired-key"
is "$(reg --packument "$d/venv.json" --version 0.1.0 "$tgz")" "integrity=mismatch registry-signature=expired-key" \
  "an expiring key and no publish time: expired-key (cannot be shown valid)"
python3 -c 'import sys; s=open(sys.argv[1]).read(); open("badsig.json","w").write(s.replace("MEYCIQDhX2SZ","MEYCIQDhX2Sa"))' "$d/tool5.json"
is "$(reg --packument badsig.json --version 5.0.1 "$tgz")" "integrity=mismatch registry-signature=bad-signature" \
  "one character of the signature changed: bad-signature"
python3 -c 'import sys; s=open(sys.argv[1]).read(); open("badint.json","w").write(s.replace("sha512-gPClNF","sha512-gPClNG"))' "$d/tool5.json"
is "$(reg --packument badint.json --version 5.0.1 "$tgz")" "integrity=mismatch registry-signature=bad-signature" \
  "the signed integrity changed: the signature no longer verifies"
python3 -c 'import json; k=json.load(open("'"$top"'/trust/npm-registry-keys.json")); k["keys"]=k["keys"][1:]; json.dump(k, open("keys1.json","w"))'
is "$(reg --packument "$d/tool5.json" --npm-keys keys1.json --version 5.0.1 "$tgz")" "integrity=mismatch registry-signature=unknown-key" \
  "--npm-keys without the signing key: unknown-key"
printf '{"keys":[{"keyid":"x","keytype":"rsa","key":"AAAA"}]}' >rsa.json
"$PV" verify --packument "$d/tool5.json" --npm-keys rsa.json "$tgz" 2>err >/dev/null; st=$?
is "$st $(grep -c 'rsa.json: key x: keytype rsa is not ecdsa-sha2-nistp256' err)" "2 1" "a keys file with another key type: exit 2, named"
printf '{"name":"x"}' >notpack.json
"$PV" verify --packument notpack.json "$tgz" 2>err >/dev/null; st=$?
is "$st $(grep -c 'notpack.json: not a packument' err)" "2 1" "a packument without versions: exit 2, named"
"$PV" verify --packument "$d/tool5.json" --version 9.9.9 "$tgz" 2>err >/dev/null; st=$?
is "$st $(grep -c 'has no version 9.9.9' err)" "2 1" "--version not in the packument: exit 2, named"

# --sarif: the failed checks as results of the verify.* rules, valid SARIF.
cp "$tgz" isn.tgz
"$PV" verify -p m.pub --packument "$d/is-number.json" --sarif v.sarif a.tgz b.tgz isn.tgz >/dev/null 2>&1
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/sarif-schema-2.1.0.json" v.sarif >/dev/null 2>&1
ok $? "--sarif: valid against the official SARIF 2.1.0 schema"
sarif_facts() { python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))["runs"][0]
print(" ".join(sorted("%s:%s" % (x["ruleId"], x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for x in r["results"])))' "$1"; }
is "$(sarif_facts v.sarif)" "verify.integrity-mismatch:a.tgz verify.integrity-mismatch:b.tgz verify.registry-unsigned:isn.tgz verify.unsigned:b.tgz verify.unsigned:isn.tgz" \
  "--sarif: one result per failed check, at the input itself"
"$PV" verify -p m.pub --sarif ok.sarif a.tgz >/dev/null
is "$(sarif_facts ok.sarif)" "" "--sarif with every check good: no results (twin)"

# scan --trusted-keys / --pubkey: the same checks inside a scan, as verify.*
# findings next to the code's, in every report.
mkdir -p pkg/package && printf '{"name":"p","version":"1.0.0"}' >pkg/package/package.json
printf 'module.exports = (x) => eval(x);\n' >pkg/package/index.js
tar czf good.tgz -C pkg package && cp good.tgz bad.tgz && cp good.tgz none.tgz
minisign -S -s m.key -m good.tgz >/dev/null 2>&1
cp good.tgz.minisig bad.tgz.minisig && printf 'x' >>bad.tgz
"$PV" scan --no-db --trusted-keys trusted --json sj good.tgz >/dev/null 2>&1
scan_rules() { python3 -c 'import json,sys
for l in open(sys.argv[1]): print(" ".join(sorted(f["rule_id"] for f in json.loads(l)["findings"])))' "$1"; }
is "$(scan_rules sj)" "js.code-injection.eval-non-literal verify.untrusted-key" \
  "scan --trusted-keys: a key not in the file is a verify.untrusted-key finding next to the code's"
(sed -n 2p m.pub | sed 's/$/  minisign team/') >>trusted
"$PV" scan --no-db --trusted-keys trusted --json sj -v good.tgz bad.tgz none.tgz 2>err >/dev/null; st=$?
is "$st|$(scan_rules sj | tr '\n' '|')" "1|js.code-injection.eval-non-literal|js.code-injection.eval-non-literal verify.signature-invalid|js.code-injection.eval-non-literal verify.unsigned|" \
  "scan --trusted-keys: good (no verify finding), one byte appended (signature-invalid), no signature (unsigned)"
grep -q 'signature ok: good signature by key .* (minisign team) \[minisign\]' err
ok $? "a good signature is an info note with the key's label (-v)"
"$PV" scan --no-db --pubkey m.pub --exclude-rule js.code-injection.eval-non-literal --json sj good.tgz >/dev/null 2>&1
is "$? $(scan_rules sj)" "0 " "scan --pubkey with the signing key: no verify finding, exit 0 (twin)"
"$PV" scan --no-db --pubkey s.pub --sarif ss.sarif good.tgz none.tgz >/dev/null 2>&1
node "$top/tests/validate-schema.js" "$top/tests/data/schemas/sarif-schema-2.1.0.json" ss.sarif >/dev/null 2>&1
is "$? $(sarif_facts ss.sarif | tr ' ' '\n' | grep -c '^verify\.')" "0 2" \
  "scan --pubkey of another key: keyid-mismatch and unsigned in valid SARIF"
"$PV" scan --no-db --trusted-keys trusted --json sj -v pkg 2>err >/dev/null
is "$(scan_rules sj) $(grep -c 'not a file: no publisher signature to check' err)" "js.code-injection.eval-non-literal 1" \
  "a directory input: no signature to check, said in a note, no verify finding"
"$PV" scan --no-db --trusted-keys bad.keys good.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'bad.keys: line 2' err)" "2 1" "scan with a bad --trusted-keys file: exit 2 before scanning, named"
"$PV" scan --no-db --trusted-keys trusted --pubkey m.pub good.tgz 2>/dev/null; is $? 2 "--trusted-keys with --pubkey: usage error"

# --online: the packument fetched from a registry (tests/feed-server.py on
# loopback playing one, with the real packuments) for the name in the
# tarball's own package.json.
R=$TMP/reg; mkdir -p "$R"
cp "$d/is-number.json" "$R/is-number"; cp "$d/x402-stellar.json" "$R/@x402%2fstellar"
cp "$d/is-number.json" "$R/evil"
python3 "$top/tests/feed-server.py" "$R" >port 2>server.err &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s port ] && break; sleep 0.1; done
U="http://127.0.0.1:$(head -1 port)"
served() { # served PATH: requests the server saw for PATH ("*": for any path)
  python3 -c 'import json,sys,urllib.request; d=json.load(urllib.request.urlopen(sys.argv[1] + "/__stats"))
print(sum(d.values()) if sys.argv[2] == "*" else d.get(sys.argv[2], 0))' "$U" "$1"; }
mkpkg() { # mkpkg OUT NAME VERSION: a tarball whose package.json names NAME@VERSION
  rm -rf mk && mkdir -p mk/package && printf '{"name":"%s","version":"%s"}' "$2" "$3" >mk/package/package.json
  tar czf "$1" -C mk package; }
is "$(reg --online --registry "$U" "$tgz")" "integrity=ok registry-signature=unsigned" \
  "--online: the real is-number tarball checked against the packument the registry serves"
is "$(reg --online --registry "$U/" x.tgz)" "integrity=mismatch" "--online: one byte appended: mismatch (twin)"
mkpkg sc.tgz @x402/stellar 2.12.0
is "$(reg --online --registry "$U" --version 2.12.0 sc.tgz) $(served /@x402%2fstellar)" \
  "integrity=mismatch registry-signature=ok 1" "--online, a scoped name: fetched as @scope%2fname, the real signature checked"
mkpkg ev.tgz evil 1.0.0
"$PV" verify --online --registry "$U" ev.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'the packument of is-number, not of evil' err)" "2 1" "--online: the registry answers with another package's packument: exit 2, named"
mkpkg no.tgz not-there 1.0.0
"$PV" verify --online --registry "$U" no.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c "$U/not-there" err)" "2 1" "--online: a package the registry does not know: exit 2, the URL named"
mkpkg dot.tgz ../is-number 1.0.0; mkpkg q.tgz 'is-number?x' 1.0.0
before=$(served '*')
"$PV" verify --online --registry "$U" dot.tgz q.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'is not a registry package name' err) $(($(served '*') - before))" "2 2 0" \
  "--online: names that would leave their URL segment are refused before any request"
"$PV" verify --online --registry "$U" a.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'a.tgz: not a tarball' err)" "2 1" "--online: random bytes: not a tarball, exit 2"
rm -rf mk && mkdir -p mk/package && truncate -s 600M mk/package/zero.bin
printf '{"name":"is-number","version":"7.0.0"}' >mk/package/package.json
tar czf bomb.tgz --sparse -C mk package/zero.bin package/package.json
"$PV" verify --online --registry "$U" bomb.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'no package/package.json in its first 536870912 unpacked bytes' err)" "2 1" \
  "--online: a package.json behind 600 MB of entries is not looked for past --max-total"
"$PV" verify --registry "$U" "$tgz" 2>/dev/null; is $? 2 "--registry without --online: usage error"

# scan --verify-registry: the same registry checks inside a scan, as findings.
cp "$tgz" isnum.tgz
"$PV" scan --no-db --verify-registry --registry "$U" --json rj -v isnum.tgz x.tgz no.tgz pkg 2>err >/dev/null; st=$?
is "$st|$(scan_rules rj | tr '\n' '|')" "1|verify.registry-unsigned|verify.integrity-mismatch||js.code-injection.eval-non-literal|" \
  "scan --verify-registry: the real tarball (unsigned by the mirror: low), one byte appended (integrity-mismatch), an unknown package and a directory (no verify finding)"
is "$(grep -c "registry not checked: $U/not-there" err) $(grep -c 'pkg: no npm tarball to check against the registry' err)" "1 1" \
  "... the unknown package and the directory are said in notes"
"$PV" scan --no-db --registry "$U" isnum.tgz 2>/dev/null >/dev/null; is $? 2 "scan --registry without --verify-registry: usage error"
"$PV" scan --no-db --verify-registry --npm-keys rsa.json isnum.tgz 2>err >/dev/null; st=$?
is "$st $(grep -c 'rsa.json: key x: keytype rsa' err)" "2 1" "scan with a bad --npm-keys file: exit 2 before scanning, named"

# A dependency shipped as a tarball (npm install ./vendor/x-1.0.0.tgz, real
# npm 11 lockfile): scan checks the file against the lockfile's integrity.
cp -r "$top/tests/data/shipped-tarball" ship
li() { "$PV" scan --no-db --json lj "$@" >/dev/null 2>err; echo "$? $(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    for f in json.loads(l)["findings"]:
        if f["rule_id"] == "verify.lockfile-integrity": print(f["severity"], f["path"], f["start_line"])' lj)"; }
is "$(li ship)" "0 " "the tarball npm packed and locked: no verify.lockfile-integrity finding"
mm() { python3 -c 'import json,sys; print(sum(f["rule_id"] == "pkg.lockfile-mismatch" for f in json.loads(open("lj").readline())["findings"]))'; }
is "$(mm)" 0 "... and its file: lockfile entry matches the shipped copy's version (no pkg.lockfile-mismatch)"
sed -i 's/"version": *"1.0.0"/"version": "1.0.1"/' ship/node_modules/x/package.json
li ship >/dev/null; is "$(mm)" 1 "a shipped copy of another version than the lockfile's file: entry says: pkg.lockfile-mismatch (twin)"
cp "$top/tests/data/shipped-tarball/node_modules/x/package.json" ship/node_modules/x/package.json
(cd ship/x-src && printf 'module.exports=2\n' >index.js && tar czf ../vendor/x-1.0.0.tgz --transform 's,^\.,package,' .)
is "$(li ship)" "1 critical ship/package-lock.json 14" \
  "the vendored tarball replaced after locking: critical, at the lockfile's node_modules/x entry"
grep -q . lj && python3 -c 'import json,sys
m=[f["message"] for f in json.loads(open("lj").readline())["findings"] if f["rule_id"]=="verify.lockfile-integrity"][0]
sys.exit(0 if "file:vendor/x-1.0.0.tgz" in m and "vendor/x-1.0.0.tgz has sha512-" in m else 1)'
ok $? "... the message names the resolved file, the pinned and the shipped digests"
tar czf ship.tgz --transform 's,^ship,package,' ship
is "$(li ship.tgz)" "1 critical package/package-lock.json 14" "the same inside an archive (paths under its top directory)"
sed -i 's,file:vendor/x-1.0.0.tgz,file:../../etc/x.tgz,' ship/package-lock.json
is "$(li -v ship) $(grep -c 'file:../../etc/x.tgz, outside the input: not checked' err)" "0  1" \
  "a resolved path that leaves the input: a warning note, nothing read outside"
sed -i 's,file:../../etc/x.tgz,file:vendor/gone.tgz,' ship/package-lock.json
is "$(li -v ship) $(grep -c 'which the input does not ship in full: not checked' err)" "0  1" \
  "a resolved file the input does not ship: an info note"
done_testing
