const { execFile } = require('child_process');

module.exports = async function (fastify) {
  fastify.post('/convert', { schema: { body: { type: 'object' } } }, async (request, reply) => {
    execFile('sh', ['-c', 'unoconv ' + request.body.file], () => {});
    return { queued: true };
  });
};
