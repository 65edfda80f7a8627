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
