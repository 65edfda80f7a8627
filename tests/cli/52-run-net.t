#!/usr/bin/env bash
# plugvet-run and the network: without a grant socket() fails with EACCES;
# with HOST:PORT only that TCP port can be reached (Landlock ABI >= 4);
# "any" reaches everything. The test opens two loopback listeners.
. "$(dirname "$0")/lib.sh"
. "$top/tests/run/lib.sh"

node -e '
const net = require("net"), fs = require("fs");
const a = net.createServer((s) => s.end()).listen(0, "127.0.0.1", () => {
  const b = net.createServer((s) => s.end()).listen(0, "127.0.0.1", () =>
    fs.writeFileSync(process.argv[1], a.address().port + " " + b.address().port + "\n"));
});
setTimeout(() => process.exit(0), 20000);' "$TMP/ports" &
srv=$!
trap 'kill $srv 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/ports" ] && break; sleep 0.1; done
read -r A B <"$TMP/ports"

run --report "$TMP/r.json" -- "$PROBE" connect "$A"
is "$(out)" "connect $A: socket EACCES" "no network: socket(AF_INET) is refused"
is "$(jget "$TMP/r.json" 'j.refused[0].syscall + " " + j.refused[0].args')" "socket family=AF_INET type=1" \
  "report: the refused socket() with its family"
run -q --allow-net any -- "$PROBE" connect "$A"
is "$(out)" "connect $A: ok" "... and connects with --allow-net any (twin)"

abi=$LL_ABI
if [ "$abi" -ge 4 ]; then
  run -q --allow-net "127.0.0.1:$A" -- "$PROBE" connect "$A"
  is "$(out)" "connect $A: ok" "the allowed port connects"
  run -q --allow-net "127.0.0.1:$A" -- "$PROBE" connect "$B"
  is "$(out)" "connect $B: EACCES" "another port is refused by Landlock"
  run -q --allow-net "127.0.0.1:$B" -- "$PROBE" connect "$B"
  is "$(out)" "connect $B: ok" "... and connects when that port is allowed (twin)"
  run -q --allow-net "127.0.0.1:$A" -- "$PROBE" udp
  is "$(out)" "udp: socket EACCES" "a port list allows TCP only (no UDP socket)"
else
  for i in 1 2 3 4; do skip "Landlock ABI $abi < 4: no TCP port rules on this kernel"; done
fi
done_testing
