const { MongoClient } = require('mongodb');
const client = new MongoClient(process.env.MONGO_URL);
const items = client.db('shop').collection('items');

class ItemsDAO {
  async search(criteria) {
    return items.find(criteria).limit(50).toArray();
  }
}
module.exports = new ItemsDAO();
