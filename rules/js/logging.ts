// Tests for logging.yaml (TypeScript).
import pino from 'pino';
const log = pino();

export async function refresh(client: { token(): Promise<string> }, opts: { apiKey?: string }) {
  const refreshToken: string = await client.token();
  // ruleid: js.log.sensitive-data
  log.info(`refresh token: ${refreshToken}`);
  // ruleid: js.log.sensitive-data
  console.debug('options', opts?.apiKey);
  // ok: js.log.sensitive-data
  log.info({ tokenLength: refreshToken.length }, 'token refreshed');
  // ok: js.log.sensitive-data
  console.debug('has key', Boolean(opts.apiKey));
  return refreshToken;
}
