const mongoose = require('mongoose');
const Post = mongoose.model('Post', new mongoose.Schema({ title: String, views: Number }));

module.exports.popular = async (req, res) => {
  const min = req.query.min;
  const posts = await Post.find({ $where: 'this.views > ' + min });
  res.json(posts);
};
