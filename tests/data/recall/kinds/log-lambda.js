exports.handler = async (event) => {
  const name = event.queryStringParameters.name;
  console.log(`hello requested by ${name}`);
  return { statusCode: 200, body: 'ok' };
};
