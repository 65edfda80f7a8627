const Post = require('./post');
module.exports = async function edit(req, res) {
  const post = await Post.findById(req.params.id);
  Object.assign(post, req.body);
  await post.save();
  res.json(post);
};
