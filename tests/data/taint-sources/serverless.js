const { exec } = require('child_process');

// AWS Lambda behind API Gateway: the event is the request.
exports.handler = async (event, context) => {
  // ruleid: test.sources.serverless
  exec('echo ' + event.queryStringParameters.name);
  const body = JSON.parse(event.body);
  // ruleid: test.sources.serverless
  exec('echo ' + body.msg);
  // ok: test.sources.serverless
  exec('echo ' + context.functionName);
  return { statusCode: 200 };
};

// S3 trigger: the object key is whoever uploaded it.
module.exports.lambdaHandler = async function (event) {
  for (const record of event.Records) {
    // ruleid: test.sources.serverless
    exec('aws s3 cp s3://bucket/' + record.s3.object.key + ' /tmp/x');
  }
};

// A plain handler(event, context) exported later.
async function handler2(evt, ctx) {
  return evt;
}
function handler(event, context) {
  // ruleid: test.sources.serverless
  exec('echo ' + event.Records[0].body);
}
module.exports = { handler, handler2 };

// A DOM-style handler with one parameter is not a Lambda.
function onClick(event) {
  // ok: test.sources.serverless
  exec('echo ' + event.type);
}
const handle = (event) => {
  // ok: test.sources.serverless
  exec('echo ' + event.detail);
};
// ok: test.sources.serverless
exec('echo fixed');

// Firebase callable functions: the data a client sends.
const functions = require('firebase-functions');
const { onCall } = require('firebase-functions/v2/https');

exports.lookup = functions.https.onCall(async (data, context) => {
  // ruleid: test.sources.serverless
  exec('echo ' + data.email);
  // ok: test.sources.serverless
  exec('echo ' + Number(data.n));
});
exports.lookup2 = onCall({ region: 'europe-west1' }, (request) => {
  // ruleid: test.sources.serverless
  exec('echo ' + request.data.name);
});
exports.lookup3 = onCall((request) => {
  // ruleid: test.sources.serverless
  exec('echo ' + request.data.name);
});
// Other callbacks of the SDK are not client data.
exports.nightly = functions.pubsub.schedule('every 24 hours').onRun((context) => {
  // ok: test.sources.serverless
  exec('echo ' + context.timestamp);
});
