// MongoDB behind exports named like Array methods (routes.js calls them).
const { MongoClient } = require('mongodb');

const users = new MongoClient(process.env.MONGO_URL).db('app').collection('users');

exports.filter = async (filter) => {
  // ruleid: js.taint.nosql-injection
  return users.find(filter).toArray();
};

exports.includes = async (name) => {
  // A string cannot carry operators (routes.js passes String(x)).
  // ok: js.taint.nosql-injection
  return (await users.countDocuments({ name })) > 0;
};

exports.slice = async (filter) => {
  // ruleid: js.taint.nosql-injection
  await users.deleteMany(filter);
  // ok: js.taint.nosql-injection
  return users.find({ archived: true }).toArray();
};
