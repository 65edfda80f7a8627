const { ApolloServer } = require('@apollo/server');
const { Pool } = require('pg');
const pool = new Pool();

const resolvers = {
  Query: {
    user: async (_parent, args) => {
      const { rows } = await pool.query('SELECT * FROM users WHERE name = $1', [args.name]);
      return rows[0];
    },
  },
};
module.exports = new ApolloServer({ typeDefs: 'type Query { user(name: String): String }', resolvers });
