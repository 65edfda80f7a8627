const functions = require('firebase-functions');
const { MongoClient } = require('mongodb');
const users = new MongoClient(process.env.MONGO_URL).db('app').collection('users');

exports.lookup = functions.https.onCall(async (data, context) => {
  const user = await users.findOne({ email: data.email, tenant: context.auth.token.tenant });
  return { found: !!user };
});
