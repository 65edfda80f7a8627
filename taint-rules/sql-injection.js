// Tests for sql-injection.yaml (js.taint.sql-injection, js.taint.nosql-injection).
const express = require('express');
const mysql = require('mysql2');
const { Pool } = require('pg');
const { MongoClient } = require('mongodb');
const sanitize = require('mongo-sanitize');
const WebSocket = require('ws');

const app = express();
const db = mysql.createConnection({ host: 'localhost' });
const pool = new Pool();
const users = new MongoClient('mongodb://localhost').db('app').collection('users');
const SORT_COLUMNS = ['name', 'created_at'];

// --- SQL ------------------------------------------------------------------------

app.get('/users', (req, res) => {
  // ruleid: js.taint.sql-injection
  db.query("SELECT * FROM users WHERE name = '" + req.query.name + "'", (e, rows) => res.json(rows));
});

app.get('/orders/:id', async (req, res) => {
  const { id } = req.params;
  // ruleid: js.taint.sql-injection
  const r = await pool.query(`SELECT * FROM orders WHERE id = ${id}`);
  res.json(r.rows);
});

app.get('/orders-safe/:id', async (req, res) => {
  // Parameterised: the value is in the values array, not in the SQL text.
  // ok: js.taint.sql-injection
  const r = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);
  res.json(r.rows);
});

app.get('/escaped', (req, res) => {
  // ok: js.taint.sql-injection
  db.query('SELECT * FROM users WHERE name = ' + db.escape(req.query.name), (e, rows) => res.json(rows));
});

app.get('/page', async (req, res) => {
  const limit = parseInt(req.query.limit, 10);
  // ok: js.taint.sql-injection
  const r = await pool.query('SELECT * FROM items LIMIT ' + limit);
  res.json(r.rows);
});

app.get('/sorted', async (req, res) => {
  const col = req.query.sort;
  if (SORT_COLUMNS.includes(col)) {
    // ok: js.taint.sql-injection
    const r = await pool.query(`SELECT * FROM items ORDER BY ${col}`);
    return res.json(r.rows);
  }
  res.status(400).end();
});

app.get('/regex', (req, res) => {
  // Not a database handle: a RegExp's exec.
  const re = /^[a-z]+$/;
  // ok: js.taint.sql-injection
  res.json({ ok: re.exec(req.query.name) !== null });
});

function whereClause(filters) {
  return Object.keys(filters).map((k) => `${k} = '${filters[k]}'`).join(' AND ');
}

app.post('/search', async (req, res) => {
  // Cross-function: the helper builds the WHERE clause from the body.
  // ruleid: js.taint.sql-injection
  const r = await pool.query('SELECT * FROM items WHERE ' + whereClause(req.body.filters));
  res.json(r.rows);
});

const wss = new WebSocket.Server({ port: 8081 });
wss.on('connection', (ws) => {
  ws.on('message', async (raw) => {
    const msg = JSON.parse(raw);
    // ruleid: js.taint.sql-injection
    await pool.query(`DELETE FROM sessions WHERE token = '${msg.token}'`);
  });
});

// --- NoSQL --------------------------------------------------------------------------

app.post('/login', async (req, res) => {
  // {"user": "admin", "pass": {"$ne": null}} logs in without the password.
  // ruleid: js.taint.nosql-injection
  const u = await users.findOne({ user: req.body.user, pass: req.body.pass });
  res.json({ ok: !!u });
});

app.post('/login-safe', async (req, res) => {
  // ok: js.taint.nosql-injection
  const u = await users.findOne({ user: String(req.body.user), pass: String(req.body.pass) });
  res.json({ ok: !!u });
});

app.post('/login-sanitized', async (req, res) => {
  const clean = sanitize(req.body);
  // ok: js.taint.nosql-injection
  const u = await users.findOne({ user: clean.user, pass: clean.pass });
  res.json({ ok: !!u });
});

app.get('/where', async (req, res) => {
  // $where runs JavaScript on the database server.
  // ruleid: js.taint.nosql-injection
  const docs = await users.find({ $where: 'this.age > ' + req.query.age }).toArray();
  res.json(docs);
});

app.get('/local-find', (req, res) => {
  // Array.prototype.find with a callback: no database query.
  const list = [{ id: 1 }, { id: 2 }];
  // ok: js.taint.nosql-injection
  res.json(list.find((x) => x.id === req.query.id));
});

function byEmail(email) {
  return { email };
}

app.post('/reset', async (req, res) => {
  // ruleid: js.taint.nosql-injection
  await users.updateOne(byEmail(req.body.email), { $set: { reset: true } });
  res.end();
});

module.exports = app;

// --- handles bound from the drivers' constructors, whatever their names -----------

const sqlite3 = require('sqlite3');
const Database = require('better-sqlite3');
const { Sequelize, QueryTypes } = require('sequelize');
const knexLib = require('knex');
const sqlServer = require('mssql');
const oracledb = require('oracledb');

const store = new Pool({ max: 4 });
const cache = new sqlite3.Database(':memory:');
const local = new Database('app.db');
const orm = new Sequelize('sqlite::memory:');
const qb = knexLib({ client: 'mysql2' });

app.get('/bound', async (req, res) => {
  const name = req.query.name;
  // ruleid: js.taint.sql-injection
  await store.query(`SELECT * FROM users WHERE name = '${name}'`);
  // ruleid: js.taint.sql-injection
  cache.all('SELECT * FROM t WHERE n = "' + name + '"', (err, rows) => res.json(rows));
  // ruleid: js.taint.sql-injection
  const stmt = local.prepare(`SELECT * FROM users WHERE name = '${name}'`);
  // ruleid: js.taint.sql-injection
  await orm.query('SELECT * FROM users WHERE name = ' + name, { type: QueryTypes.SELECT });
  // ruleid: js.taint.sql-injection
  await qb('users').select('id').where('active', true).havingRaw(`count(*) > ${name}`);
  // parameterised twins
  // ok: js.taint.sql-injection
  await store.query('SELECT * FROM users WHERE name = $1', [name]);
  // ok: js.taint.sql-injection
  cache.all('SELECT * FROM t WHERE n = ?', [name], (err, rows) => res.json(rows));
  // ok: js.taint.sql-injection
  local.prepare('SELECT * FROM users WHERE name = ?').get(name);
  // ok: js.taint.sql-injection
  await orm.query('SELECT * FROM users WHERE name = :name', { replacements: { name } });
  // ok: js.taint.sql-injection
  await qb('users').joinRaw('LEFT JOIN roles ON roles.user_id = users.id AND roles.name = ?', [name]);
  // a same-named method of something else is no sink
  // ok: js.taint.sql-injection
  const hit = new Map().get(name);
  res.json({ stmt, hit });
});

app.post('/mssql', async (req, res) => {
  const pool2 = await sqlServer.connect('mssql://localhost/app');
  // ruleid: js.taint.sql-injection
  await pool2.request().query(`SELECT * FROM t WHERE id = '${req.body.id}'`);
  // ok: js.taint.sql-injection
  await pool2.request().input('id', sqlServer.Int, req.body.id).query('SELECT * FROM t WHERE id = @id');
  // The tagged template sends ${} as parameters.
  // ok: js.taint.sql-injection
  await sqlServer.query`SELECT * FROM t WHERE id = ${req.body.id}`;
  const ora = await oracledb.getConnection({ user: 'app' });
  // ruleid: js.taint.sql-injection
  await ora.execute(`SELECT * FROM emp WHERE ename = '${req.body.name}'`);
  // ok: js.taint.sql-injection
  await ora.execute('SELECT * FROM emp WHERE ename = :n', [req.body.name]);
  res.end();
});

app.get('/literal', async (req, res) => {
  const { User } = orm.models;
  // ruleid: js.taint.sql-injection
  const rows = await User.findAll({ order: Sequelize.literal(req.query.sort) });
  // A where object is bound as values by Sequelize.
  // ok: js.taint.sql-injection
  const mine = await User.findAll({ where: { name: req.query.name } });
  // ok: js.taint.sql-injection
  const fixed = await User.findAll({ order: Sequelize.literal('created_at DESC') });
  res.json({ rows, mine, fixed });
});

// --- query config objects; clients of other services named like handles ----------

const redis = require('redis');
const axios = require('axios');
const redisClient = redis.createClient();
const httpClient = axios.create({ baseURL: 'https://api.example.com/' });

app.get('/config-object', async (req, res) => {
  // ruleid: js.taint.sql-injection
  const a = await pool.query({ text: 'SELECT * FROM t WHERE k = ' + req.query.k });
  // pg's { text, values }: the values are parameters.
  // ok: js.taint.sql-injection
  const b = await pool.query({ text: 'SELECT * FROM t WHERE k = $1', values: [req.query.k] });
  // ruleid: js.taint.sql-injection
  db.query({ sql: `SELECT * FROM t WHERE k = '${req.query.k}'`, timeout: 1000 }, () => {});
  // ok: js.taint.sql-injection
  db.query({ sql: 'SELECT * FROM t WHERE k = ?', values: [req.query.k] }, () => {});
  // ruleid: js.taint.sql-injection
  await store.query({ text: 'DELETE FROM t WHERE k = ' + req.body.k });
  // ok: js.taint.sql-injection
  await store.query({ name: 'del', text: 'DELETE FROM t WHERE k = $1', values: [req.body.k] });
  res.json({ a, b });
});

app.get('/other-clients', async (req, res) => {
  // A cache, an HTTP API or a GraphQL client has get/query methods too.
  // ok: js.taint.sql-injection
  const v = await redisClient.get(req.query.key);
  // ok: js.taint.sql-injection
  const w = await httpClient.get(req.query.path);
  // ok: js.taint.sql-injection
  const x = await gqlClient.query(req.body.query);
  // ruleid: js.taint.sql-injection
  const y = await client.query('SELECT * FROM t WHERE k = ' + req.query.key);
  // ruleid: js.taint.sql-injection
  const z = await this.sqlClient.get(`SELECT v FROM kv WHERE k = '${req.query.key}'`);
  res.json({ v, w, x, y, z });
});

// --- handles from the app's own getters ------------------------------------------

const mysqlPromise = require('mysql2/promise');
let sharedPool;
async function getPool() {
  if (!sharedPool) sharedPool = mysqlPromise.createPool({ host: 'db' });
  return sharedPool;
}
const cacheStore = new Map();
const getDatabase = () => new (require('better-sqlite3'))('notes.db');
async function getRedisConnection() {
  return cacheStore;
}

app.get('/getter-handles/:id', async (req, res) => {
  const p = await getPool();
  // ruleid: js.taint.sql-injection
  const [a] = await p.execute(`SELECT * FROM users WHERE id = ${req.params.id}`);
  // ok: js.taint.sql-injection
  const [b] = await p.execute('SELECT * FROM users WHERE id = ?', [req.params.id]);
  const c = await sharedPool.getConnection();
  // ruleid: js.taint.sql-injection
  await c.query('DELETE FROM sessions WHERE token = ' + req.query.token);
  // ok: js.taint.sql-injection
  await c.query('DELETE FROM sessions WHERE token = ?', [req.query.token]);
  const t = getDatabase();
  // ruleid: js.taint.sql-injection
  const d = t.prepare('SELECT * FROM notes ORDER BY ' + req.query.sort).all();
  // A getter of something else, and get() (caches have it too).
  const r = await getRedisConnection();
  // ok: js.taint.sql-injection
  const e = await r.get(req.query.key);
  // ok: js.taint.sql-injection
  const f = await t.get(req.query.key);
  res.json({ a, b, d, e, f });
});

// --- pg-promise, postgres.js, mysql.format ----------------------------------------

const pgp = require('pg-promise')();
const tickets = pgp(process.env.DATABASE_URL);
const postgres = require('postgres');
const pgsql = postgres(process.env.PG_URL);
const mysqlLib = require('mysql');
const collection = { any: (f) => f, one: (f) => f };

app.get('/tickets', async (req, res) => {
  // A handle pg-promise made, whatever its name.
  // ruleid: js.taint.sql-injection
  const a = await tickets.any(`SELECT * FROM tickets WHERE owner = '${req.query.owner}'`);
  // ok: js.taint.sql-injection
  const b = await tickets.any('SELECT * FROM tickets WHERE owner = $1', [req.query.owner]);
  // ruleid: js.taint.sql-injection
  await tickets.none('DELETE FROM tickets WHERE id = ' + req.query.id);
  // ruleid: js.taint.sql-injection
  const c = await db.oneOrNone("SELECT * FROM tickets WHERE ref = '" + req.query.ref + "'");
  // ok: js.taint.sql-injection
  const d = await db.oneOrNone('SELECT * FROM tickets WHERE ref = $1', req.query.ref);
  // Not a database: the same method names elsewhere.
  // ok: js.taint.sql-injection
  const e = collection.any(req.query.owner);
  // postgres.js: unsafe() takes SQL text; the tagged form binds values.
  // ruleid: js.taint.sql-injection
  const f = await pgsql.unsafe(`select count(*) from ${req.query.table}`);
  // ok: js.taint.sql-injection
  const g = await pgsql`select count(*) from tickets where owner = ${req.query.owner}`;
  // ok: js.taint.sql-injection
  const h = await pgsql.unsafe('select count(*) from tickets where owner = $1', [req.query.owner]);
  // mysql.format escapes the values into a fixed SQL text, not into a built one.
  // ok: js.taint.sql-injection
  db.query(mysqlLib.format('SELECT * FROM t WHERE id = ? AND org = ?', [req.query.id, req.query.org]), () => {});
  // ruleid: js.taint.sql-injection
  db.query(mysqlLib.format('SELECT * FROM t ORDER BY ' + req.query.col, []), () => {});
  res.json({ a, b, c, d, e, f, g, h });
});

// --- SQL built piece by piece --------------------------------------------------------

app.get('/books', async (req, res) => {
  let sql = 'SELECT * FROM books WHERE 1=1';
  const params = [];
  if (req.query.author) {
    params.push(req.query.author);
    sql += ' AND author = $' + params.length;
  }
  // The placeholders are numbered by a length; the values are parameters.
  // ok: js.taint.sql-injection
  const a = await pool.query(sql, params);
  let sql2 = 'SELECT * FROM books WHERE 1=1';
  if (req.query.title) sql2 += " AND title = '" + req.query.title + "'";
  // ruleid: js.taint.sql-injection
  const b = await pool.query(sql2);
  let sql3 = 'SELECT * FROM books WHERE 1=1';
  sql3 += ` AND length(title) > ${req.query.title.length}`;
  // ok: js.taint.sql-injection
  const c = await pool.query(sql3);
  let sql4 = 'SELECT * FROM books';
  sql4 += ` ORDER BY ${req.query.sort} LIMIT ${params.length}`;
  // ruleid: js.taint.sql-injection
  const d = await pool.query(sql4);
  // ok: js.taint.sql-injection
  const e = await pool.query('SELECT * FROM books LIMIT ' + req.query.ids.length);
  // ruleid: js.taint.sql-injection
  const f = await pool.query('SELECT * FROM books WHERE id IN (' + req.query.ids.join(',') + ')');
  res.json({ a, b, c, d, e, f });
});

// --- NoSQL: NeDB/LokiJS stores, mapReduce, Sequelize where objects -----------------

const Datastore = require('nedb');
const loki = require('lokijs');
const crypto = require('crypto');
const notesDb = new Datastore({ filename: 'notes.db' });
const lokiDocs = new loki('app.db').addCollection('docs');

app.post('/notes', (req, res) => {
  // ruleid: js.taint.nosql-injection
  notesDb.update({ owner: req.body.owner }, { $set: { seen: true } }, {}, () => res.end());
  // ruleid: js.taint.nosql-injection
  notesDb.remove(req.body.filter, { multi: true });
  // ruleid: js.taint.nosql-injection
  const found = lokiDocs.find(req.body.query);
  // ok: js.taint.nosql-injection
  notesDb.update({ owner: String(req.body.owner) }, { $set: { seen: true } });
  // ok: js.taint.nosql-injection
  crypto.createHash('sha256').update(req.body.owner);
  // ok: js.taint.nosql-injection
  const same = lokiDocs.find({ owner: 'admin' });
  res.json({ found, same });
});

const todos = new Datastore({ filename: 'todos.db', autoload: true });
const tasks = new loki('tasks.db').addCollection('tasks');
const counter = { update() {}, remove() {} };

app.put('/todos', (req, res) => {
  // ruleid: js.taint.nosql-injection
  todos.update(req.body.query, { $set: { done: true } }, {}, () => res.end());
  // ruleid: js.taint.nosql-injection
  todos.remove({ owner: req.body.owner });
  // ruleid: js.taint.nosql-injection
  tasks.findAndRemove(req.body.filter);
  // ok: js.taint.nosql-injection
  todos.update({ owner: String(req.body.owner) }, { $set: { done: true } });
  // ok: js.taint.nosql-injection
  tasks.findAndRemove({ done: true });
  // Not a store: an object of the app with methods of the same names.
  // ok: js.taint.nosql-injection
  counter.update(req.body.query);
});

app.get('/by-user', async (req, res) => {
  const name = req.query.name;
  // $eq compares the value as it is.
  // ok: js.taint.nosql-injection
  const a = await users.find({ user: { $eq: name } }).toArray();
  // ok: js.taint.nosql-injection
  const b = await users.findOne({ $eq: req.body.id });
  // ok: js.taint.nosql-injection
  const c = await users.countDocuments({ owner: { $eq: req.body.owner }, state: 'open' });
  // Other operators take the value's own operators along.
  // ruleid: js.taint.nosql-injection
  const d = await users.find({ user: { $ne: name } }).toArray();
  // ruleid: js.taint.nosql-injection
  const e = await users.findOne({ $and: [{ owner: { $eq: 'x' } }, req.body.extra] });
  // ruleid: js.taint.nosql-injection
  const f = await users.countDocuments({ owner: req.body.owner, state: { $eq: 'open' } });
  res.json({ a, b, c, d, e, f });
});

app.post('/stats', async (req, res) => {
  // ruleid: js.taint.nosql-injection
  await users.mapReduce('function () { emit(this.' + req.body.key + ', 1); }', 'function (k, v) { return Array.sum(v); }', { out: 'x' });
  // ok: js.taint.nosql-injection
  await users.mapReduce('function () { emit(this.kind, 1); }', 'function (k, v) { return Array.sum(v); }', { query: { kind: String(req.body.kind) }, out: 'x' });
  const { User } = orm.models;
  // Sequelize binds where values as parameters.
  // ok: js.taint.nosql-injection
  const one = await User.findOne({ where: { email: req.body.email } });
  res.json(one);
});

// --- NoSQL: Mongoose $where/where, aggregation pipelines --------------------------

const mongoose = require('mongoose');
const Article = mongoose.model('Article', new mongoose.Schema({ title: String }));

app.post('/articles', async (req, res) => {
  // ruleid: js.taint.nosql-injection
  const a = await Article.$where('this.title === "' + req.body.title + '"');
  // ok: js.taint.nosql-injection
  const b = await Article.$where('this.views > 10');
  // ruleid: js.taint.nosql-injection
  const c = await Article.find().where(req.body.filter);
  // ruleid: js.taint.nosql-injection
  const d = await Article.where({ author: req.body.author });
  // A field name, then a value compared with equals(): not an object filter.
  // ok: js.taint.nosql-injection
  const e = await Article.find().where('title').equals(String(req.body.title));
  // Sequelize.where(col, value) builds SQL with the value bound.
  // ok: js.taint.nosql-injection
  const f = Sequelize.where(Sequelize.col('title'), req.body.title);
  // ruleid: js.taint.nosql-injection
  const g = await users.aggregate([{ $match: { owner: req.body.owner } }, { $limit: 10 }]).toArray();
  // ok: js.taint.nosql-injection
  const h = await users.aggregate([{ $match: { owner: String(req.body.owner) } }, { $limit: 10 }]).toArray();
  // ruleid: js.taint.nosql-injection
  const i = await Article.aggregate().match(req.body.match);
  // ok: js.taint.nosql-injection
  const j = await Article.aggregate().match({ published: true }).limit(Number(req.body.n));
  res.json({ a, b, c, d, e, f, g, h, i, j });
});
