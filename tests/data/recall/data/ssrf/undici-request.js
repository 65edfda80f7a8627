const { request } = require('undici');

module.exports = async function (fastify) {
  fastify.get('/fetch', async (req, reply) => {
    const { body } = await request(req.query.u);
    return body.text();
  });
};
