#!/usr/bin/env bash
# Secrets found by rules with metadata.secret are redacted in every report
# (text, JSON lines, SARIF message and snippet), also in other findings of
# the same line; rules without it keep their snippets as they are.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/rules.yaml" <<'Y'
rules:
  - id: t.jwt-secret
    message: JWT key written in the code ($KEY)
    severity: high
    languages: [javascript]
    metadata: {secret: $KEY}
    pattern: require('jsonwebtoken').sign($P, $KEY)
  - id: t.sign-call
    message: token signed with $KEY
    severity: low
    languages: [javascript]
    pattern: $J.sign($P, $KEY)
  - id: t.token
    message: token $0
    severity: high
    languages: [generic]
    metadata: {secret: true}
    pattern-regex: 'tok_[A-Za-z0-9]{20}'
  - id: t.pem
    message: a private key
    severity: high
    languages: [generic]
    metadata: {secret: $body}
    pattern-regex: '-----BEGIN PRIVATE KEY-----\n(?=(?<body>[A-Za-z0-9+/=\n]+))[A-Za-z0-9+/=]{8}'
  - id: t.eval
    message: eval of $X
    severity: high
    languages: [javascript]
    pattern: eval($X)
Y
mkdir -p "$TMP/p"
cat >"$TMP/p/a.js" <<'J'
const jwt = require('jsonwebtoken');
const t = jwt.sign({ sub: 1 }, 'Hunter2IsMySuperSecretKey');
const api = 'tok_Ab3De5Gh7Jk9Mn1Pq3St'; eval(api);
const pem = `-----BEGIN PRIVATE KEY-----
MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAqPfgaTEWEP3S9w0t
gsicURfo+nLW09/0KfOPinhYZ4ouzU+3xC4pSlEp8Ut9FgL0AgqNslNaK34Kq+NZ
-----END PRIVATE KEY-----`;
eval(userCode);
J
cd "$TMP"
"$PV" scan p --rules rules.yaml --sarif o.sarif --json o.jsonl --text o.txt 2>/dev/null
is $? 1 "the scan reports its findings"
for secret in Hunter2IsMySuperSecretKey tok_Ab3De5Gh7Jk9Mn1Pq3St MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAqPfgaTEWEP3S9w0t \
  gsicURfo+nLW09/0KfOPinhYZ4ouzU+3xC4pSlEp8Ut9FgL0AgqNslNaK34Kq+NZ Hunter2IsMy tok_Ab3De5 MIIBVQIBADAN gsicURfo; do
  for f in o.txt o.jsonl o.sarif; do
    check "$f holds no part of ${secret:0:12}" ! grep -qF -- "$secret" "$f"
  done
done
short=$(printf '%s' 'Hunter2IsMySuperSecretKey' | sha256sum | cut -c1-8)
check "text message shows the first 4 characters and the hash" grep -qF "JWT key written in the code ('Hunt...[sha256:$short]')" o.txt
check "text source line is redacted" grep -qF "jwt.sign({ sub: 1 }, 'Hunt...[sha256:$short]');" o.txt
python3 - o.sarif o.jsonl >facts <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
for r in res:
    snip = r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text", "")
    print(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"], "|", r["message"]["text"], "|", snip)
for line in open(sys.argv[2]):
    for f in json.loads(line).get("findings", []):
        print("jsonl", f["rule_id"], "|", f["message"])
PY
check "SARIF snippet of the secret finding is redacted" grep -qF "t.jwt-secret 2 | JWT key written in the code ('Hunt...[sha256:$short]') | const t = jwt.sign({ sub: 1 }, 'Hunt...[sha256:$short]');" facts
check "another rule's finding on that line is redacted too" grep -qF "t.sign-call 2 | token signed with 'Hunt...[sha256:$short]' | const t = jwt.sign({ sub: 1 }, 'Hunt...[sha256:$short]');" facts
check "JSON lines message is redacted" grep -qF "jsonl t.jwt-secret | JWT key written in the code ('Hunt...[sha256:$short]')" facts
check "the whole key body is redacted, the header stays" grep -qF 'const pem = `-----BEGIN PRIVATE KEY-----' facts
check "eval on the token's line shows the redacted token" grep -qE "t.eval 3 \\| eval of api \\| const api = 'tok_\\.\\.\\.\\[sha256:[0-9a-f]{8}\\]'; eval\\(api\\);" facts
# The negative twin: a finding of a rule without metadata.secret, on a line
# without a secret, keeps its snippet and message whole.
check "a non-secret rule keeps its snippet" grep -qF "t.eval 8 | eval of userCode | eval(userCode);" facts
check "and its text source line" grep -qF "eval(userCode);" o.txt
# Fingerprints still hash the matched text: they are those of a run whose
# rule has no metadata.secret.
sed 's/metadata: {secret: \$KEY}/metadata: {}/' rules.yaml >plain.yaml
"$PV" scan p --rules plain.yaml --json plain.jsonl 2>/dev/null
fp() { python3 -c 'import json,sys; print(sorted(f["fingerprint"] for l in open(sys.argv[1]) for f in json.loads(l)["findings"] if f["rule_id"] == "t.jwt-secret"))' "$1"; }
is "$(fp o.jsonl)" "$(fp plain.jsonl)" "redaction leaves fingerprints as they were"
check "without metadata.secret the value is shown" grep -qF Hunter2IsMySuperSecretKey plain.jsonl
# metadata.secret is checked when rules load.
sed 's/metadata: {secret: \$KEY}/metadata: {secret: KEY}/' rules.yaml >bad.yaml
"$PV" rules validate bad.yaml >bad.out 2>&1
is $? 2 "a metadata.secret that is not true, false or \$NAME is refused"
check "the error names the key" grep -qF "key 'metadata.secret': 'KEY' is not true, false or a \$NAME" bad.out
done_testing
