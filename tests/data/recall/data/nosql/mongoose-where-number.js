const mongoose = require('mongoose');
const Post = mongoose.model('Post', new mongoose.Schema({ title: String, views: Number }));

module.exports.popular = async (req, res) => {
  const min = Number(req.query.min);
  const posts = await Post.find({ views: { $gt: min } });
  res.json(posts);
};
