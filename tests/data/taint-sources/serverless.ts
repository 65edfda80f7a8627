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

// A trigger's typed event, whatever the handler's name.
import type { APIGatewayProxyEventV2, S3Event, SNSEvent } from 'aws-lambda';

export async function main(event: APIGatewayProxyEventV2) {
  // ruleid: test.sources.serverless
  exec('echo ' + event.rawPath);
  // ok: test.sources.serverless
  exec('echo ' + Number(event.queryStringParameters?.n));
}

export const onUpload = async (e: S3Event): Promise<void> => {
  // ruleid: test.sources.serverless
  exec('file /tmp/' + e.Records[0].s3.object.key);
};

export function notify({ Records }: SNSEvent) {
  // ruleid: test.sources.serverless
  exec('echo ' + Records[0].Sns.Message);
}

// Untyped and not named like a handler: not a Lambda.
export function main2(event: { type: string }) {
  // ok: test.sources.serverless
  exec('echo ' + event.type);
}
export function ping(ev: Event) {
  // ok: test.sources.serverless
  exec('echo ' + ev.type);
}
