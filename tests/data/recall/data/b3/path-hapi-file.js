const Hapi = require('@hapi/hapi');
const fs = require('fs');

const server = Hapi.server({ port: 3000 });
server.route({
  method: 'POST',
  path: '/save',
  handler: (request, h) => {
    fs.writeFileSync(`/data/${request.payload.name}`, request.payload.content);
    return h.response().code(201);
  },
});
