import winston from 'winston';
const logger = winston.createLogger({});
export async function refresh(client: { token(): Promise<string> }) {
  const accessToken = await client.token();
  logger.debug('access token refreshed', { length: accessToken.length });
  return accessToken;
}
