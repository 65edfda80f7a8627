const Datastore = require('nedb');
const todos = new Datastore({ filename: 'todos.db', autoload: true });

module.exports = (app) => {
  app.put('/todos', (req, res) => {
    todos.update(req.body.query, { $set: { done: true } }, {}, (err, n) => res.json({ n }));
  });
};
