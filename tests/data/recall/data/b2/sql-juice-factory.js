const models = require('../models/index');

module.exports = function searchProducts () {
  return (req, res, next) => {
    let criteria = req.query.q === 'undefined' ? '' : req.query.q ?? '';
    criteria = (criteria.length <= 200) ? criteria : criteria.substring(0, 200);
    models.sequelize.query(`SELECT * FROM Products WHERE ((name LIKE '%${criteria}%' OR description LIKE '%${criteria}%') AND deletedAt IS NULL) ORDER BY name`)
      .then(([products]) => res.json({ status: 'success', data: products }))
      .catch((error) => next(error));
  };
};
