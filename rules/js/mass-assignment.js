// Tests for mass-assignment.yaml.
const crypto = require('crypto');
const _ = require('lodash');
const User = require('../models/user');
const Post = require('../models/post');
const router = require('express').Router();

router.post('/signup', async (req, res) => {
  // ruleid: js.web.mass-assignment
  const user = await User.create(req.body);
  // ruleid: js.web.mass-assignment
  await User.findByIdAndUpdate(req.params.id, req.body, { new: true });
  const post = await Post.findById(req.params.id);
  // ruleid: js.web.mass-assignment
  Object.assign(post, req.body);
  const data = req.body;
  // ruleid: js.web.mass-assignment
  const doc = new Post(data);
  // ruleid: js.web.mass-assignment
  await Post.updateOne({ _id: req.params.id }, req.body);

  const { name, email, password } = req.body;
  // ok: js.web.mass-assignment
  await User.create({ name, email, password });
  // ok: js.web.mass-assignment
  await User.create(_.pick(req.body, ['name', 'email']));
  // ok: js.web.mass-assignment
  await User.findByIdAndUpdate(req.params.id, { name: req.body.name });
  // ok: js.web.mass-assignment
  const sig = crypto.createHmac('sha256', process.env.HOOK_SECRET).update(req.body).digest('hex');
  // ok: js.web.mass-assignment
  const err = new Error(req.body);
  // ok: js.web.mass-assignment
  Object.assign({}, req.body);
  res.status(201).json({ id: user.id, doc, sig, err });
});

exports.register = async (ctx) => {
  const body = ctx.request.body;
  // ruleid: js.web.mass-assignment
  const account = new Account(body);
  await account.save();
  // ok: js.web.mass-assignment
  const other = new Account({ email: body.email, role: 'user' });
  ctx.body = { id: account._id, other };
};
