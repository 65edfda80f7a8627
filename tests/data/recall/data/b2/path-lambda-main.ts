import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { readFile } from 'node:fs/promises';

export async function main(event: APIGatewayProxyEventV2) {
  const name = event.pathParameters?.name ?? 'index.html';
  const body = await readFile('/opt/site/' + name, 'utf8');
  return { statusCode: 200, body };
}
