const knex = require('./db');
module.exports = async function update(req, res) {
  await knex('users').where({ id: req.params.id }).update(req.body);
  res.sendStatus(204);
};
