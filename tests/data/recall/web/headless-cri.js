const CDP = require('chrome-remote-interface');

async function run(expr) {
  const client = await CDP();
  const { Runtime } = client;
  const result = await Runtime.evaluate({ expression: expr });
  await client.close();
  return result;
}

module.exports = (app) => {
  app.post('/debug/eval', async (req, res) => {
    res.json(await run(req.body.expr));
  });
};
