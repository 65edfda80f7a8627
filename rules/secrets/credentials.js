// Tests for credentials.yaml (JavaScript). Every secret below is made up.
const mysql = require('mysql2');
const { Pool, Client } = require('pg');
const { Sequelize } = require('sequelize');
const knex = require('knex');
const Redis = require('ioredis');
const nodemailer = require('nodemailer');
const ldap = require('ldapjs');
const { Client: SshClient } = require('ssh2');
const mongoose = require('mongoose');

const DB_PASS = 'mysql-root-2024';

// ruleid: secrets.hardcoded-password
const conn = mysql.createConnection({ host: 'db', user: 'root', password: 'mysql-r00t-pw' });
// ruleid: secrets.hardcoded-password
const pool = mysql.createPool({ host: 'db', user: 'app', password: DB_PASS, connectionLimit: 10 });
// ok: secrets.hardcoded-password
const pool2 = mysql.createPool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD });
// ok: secrets.hardcoded-password
const local = mysql.createConnection({ host: 'localhost', user: 'root', password: '' });

// ruleid: secrets.hardcoded-password
const pg = new Pool({ connectionString: undefined, user: 'postgres', password: 'pg-super-secret' });
// ok: secrets.hardcoded-password
const pg2 = new Client({ user: 'postgres', password: require('fs').readFileSync('/run/secrets/pg', 'utf8') });

// ruleid: secrets.hardcoded-password
const seq = new Sequelize('shop', 'shop', 'sequelize-pw-1', { host: 'db', dialect: 'postgres' });
// ok: secrets.hardcoded-password
const seq2 = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { dialect: 'postgres' });

const knexConfig = {
  client: 'pg',
  // ruleid: secrets.hardcoded-password
  connection: { host: 'db', user: 'knex', password: 'knex-pw-2024', database: 'app' },
};
const db = knex(knexConfig);
// ok: secrets.hardcoded-password
const db2 = knex({ client: 'pg', connection: { host: 'db', password: config.get('db.password') } });

// ruleid: secrets.hardcoded-password
const redis = new Redis({ host: 'cache', port: 6379, password: 'redis-auth-pw' });
// ok: secrets.hardcoded-password
const redis2 = new Redis({ host: 'cache', port: 6379, password: process.env.REDIS_PASSWORD });

const transport = nodemailer.createTransport({
  host: 'smtp.example.com', port: 587,
  // ruleid: secrets.hardcoded-password
  auth: { user: 'noreply@example.com', pass: 'smtp-app-password' },
});

const client = ldap.createClient({ url: 'ldaps://ldap.example.com' });
// ruleid: secrets.hardcoded-password
client.bind('cn=admin,dc=example,dc=com', 'ldap-admin-pw', (err) => { if (err) throw err; });
// ok: secrets.hardcoded-password
client.bind('cn=admin,dc=example,dc=com', process.env.LDAP_PASSWORD, () => {});

const ssh = new SshClient();
// ruleid: secrets.hardcoded-password
ssh.connect({ host: 'build.example.com', username: 'deploy', password: 'deploy-ssh-pw' });

// ok: secrets.hardcoded-password
mongoose.connect(process.env.MONGO_URL, { user: 'app', pass: process.env.MONGO_PASS });
// ok: secrets.hardcoded-password
const form = { username: 'alice', password: 'not-a-client-option' };
// ok: secrets.hardcoded-password
validate({ password: 'Password is required' });

module.exports = { conn, pool, pool2, local, pg, pg2, seq, seq2, db, db2, redis, redis2, transport, form };

// secrets.hardcoded-api-key
const AWS = require('aws-sdk');
const { S3Client } = require('@aws-sdk/client-s3');
const stripe = require('stripe');
const twilio = require('twilio');
const sgMail = require('@sendgrid/mail');
const axios = require('axios');

// ruleid: secrets.hardcoded-api-key
AWS.config.update({ region: 'eu-west-1', accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'Zm9vYmFyYmF6cXV4cXV1eGZvb2Jhcg0123' });
const s3 = new S3Client({
  region: 'eu-west-1',
  // ruleid: secrets.hardcoded-api-key
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: 'c2VjcmV0LWFjY2Vzcy1rZXktMDEyMzQ1Njc4OQ' },
});
// ok: secrets.hardcoded-api-key
const s3b = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY } });
// ruleid: secrets.hardcoded-api-key
const payments = stripe('sk_test_51HxExampleExampleExample00');
// ok: secrets.hardcoded-api-key
const payments2 = stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });
// ruleid: secrets.hardcoded-api-key
const sms = twilio('AC0123456789abcdef0123456789abcdef', 'twilio-auth-token-0123456789ab');
// ruleid: secrets.hardcoded-api-key
sgMail.setApiKey('SG.example-key.example-secret-0123456789');
// ok: secrets.hardcoded-api-key
sgMail.setApiKey(process.env.SENDGRID_API_KEY);
async function report() {
  // ruleid: secrets.hardcoded-api-key
  await axios.get('https://api.example.com/report', { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.example' } });
  // ok: secrets.hardcoded-api-key
  await axios.get('https://api.example.com/report', { headers: { Authorization: `Bearer ${process.env.API_TOKEN}` } });
  // ruleid: secrets.hardcoded-api-key
  await fetch('https://api.example.com/v1', { headers: { 'x-api-key': 'live-3f9c2a7b5d1e' } });
  // ok: secrets.hardcoded-api-key
  await fetch('https://api.example.com/v1', { headers: { Authorization: 'Bearer' } });
}
module.exports.api = { s3, s3b, payments, payments2, sms, report };
