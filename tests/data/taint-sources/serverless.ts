import { exec } from 'child_process';
import type { APIGatewayProxyEvent, SQSEvent, Context } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  // ruleid: test.sources.serverless
  exec('echo ' + event.pathParameters?.id);
  // ok: test.sources.serverless
  exec('echo ' + Number(event.pathParameters?.n));
  return { statusCode: 200, body: '' };
};

export async function lambdaHandler(event: SQSEvent, context: Context): Promise<void> {
  for (const r of event.Records) {
    // ruleid: test.sources.serverless
    exec('echo ' + r.body);
  }
  // ok: test.sources.serverless
  exec('echo ' + context.awsRequestId.length);
}

export function handler3({ body }: APIGatewayProxyEvent, ctx: Context) {
  // ok: test.sources.serverless
  exec('echo ' + ctx.functionName);
  return body;
}

function handlerOf(event: CustomEvent) {
  // ok: test.sources.serverless
  exec('echo ' + event.type);
}

export const lambdaHandler2 = 1;
function handler(event: { name: string }, context: Context) {
  // ruleid: test.sources.serverless
  exec('echo ' + event.name);
}
