// Tests for credentials.yaml (TypeScript). Every secret below is made up.
import mysql from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Sequelize } from 'sequelize-typescript';
import sql from 'mssql';
import oracledb from 'oracledb';
import { MongoClient } from 'mongodb';
import { createClient } from 'redis';
import { NodeSSH } from 'node-ssh';
import * as ftp from 'basic-ftp';
import Stripe from 'stripe';
import OpenAI from 'openai';
import { Octokit } from '@octokit/rest';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const PG_PASSWORD: string = 'typeorm-pg-pw';

export async function connectMysql(): Promise<mysql.Connection> {
  // ruleid: secrets.hardcoded-password
  return mysql.createConnection({ host: 'db', user: 'root', password: 'ts-mysql-pw' as string });
}

// ruleid: secrets.hardcoded-password
export const AppDataSource = new DataSource({ type: 'postgres', host: 'db', username: 'app', password: PG_PASSWORD, entities: [] } as DataSourceOptions);
// ok: secrets.hardcoded-password
export const EnvDataSource = new DataSource({ type: 'postgres', host: 'db', username: 'app', password: process.env.PG_PASSWORD! });
// ruleid: secrets.hardcoded-password
export const seq = new Sequelize({ dialect: 'mysql', database: 'app', username: 'app', password: `seq-ts-pw`, models: [] });

const mssqlConfig: sql.config = {
  server: 'db.internal', user: 'sa',
  // ruleid: secrets.hardcoded-password
  password: 'Mssql!Passw0rd',
  options: { encrypt: true },
};
export const mssqlPool = sql.connect(mssqlConfig);
// ok: secrets.hardcoded-password
export const mssqlPool2 = sql.connect({ server: 'db.internal', user: 'sa', password: await readSecret('mssql') });

// ruleid: secrets.hardcoded-password
export const ora = oracledb.getConnection({ user: 'hr', password: 'oracle-hr-pw', connectString: 'db/XEPDB1' });
// ruleid: secrets.hardcoded-password
export const mongo = new MongoClient('mongodb://db:27017', { auth: { username: 'app', password: 'mongo-ts-pw' } });
// ok: secrets.hardcoded-password
export const mongo2 = new MongoClient(process.env.MONGO_URL as string, { auth: { username: 'app', password: process.env.MONGO_PASSWORD } });
// ok: secrets.hardcoded-password
export const cache = createClient({ url: 'redis://cache:6379', password: process.env.REDIS_PASSWORD });

export async function deploy(): Promise<void> {
  const ssh = new NodeSSH();
  // ruleid: secrets.hardcoded-password
  await ssh.connect({ host: 'web1', username: 'deploy', password: 'node-ssh-pw' });
  const ftpClient = new ftp.Client();
  // ok: secrets.hardcoded-password
  await ftpClient.access({ host: 'ftp.example.com', user: 'up', password: process.env.FTP_PASSWORD, secure: true });
}

const sm = new SecretsManagerClient({});
async function readSecret(id: string): Promise<string> {
  const res = await sm.send(new GetSecretValueCommand({ SecretId: id }));
  return res.SecretString ?? '';
}

// ruleid: secrets.hardcoded-api-key
export const stripe = new Stripe('sk_live_51HxTsExampleExample00', { apiVersion: '2024-06-20' });
// ok: secrets.hardcoded-api-key
export const stripe2 = new Stripe(await readSecret('stripe'), { apiVersion: '2024-06-20' });
// ruleid: secrets.hardcoded-api-key
export const openai = new OpenAI({ apiKey: 'sk-proj-example-0123456789abcdef' });
// ok: secrets.hardcoded-api-key
export const openai2 = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
// ruleid: secrets.hardcoded-api-key
export const octokit = new Octokit({ auth: 'github_pat_example_0123456789', userAgent: 'bot' });
// ok: secrets.hardcoded-api-key
export const firebaseConfig = { apiKey: 'AIzaSyExample-public-web-key', authDomain: 'app.firebaseapp.com' };
export async function call(): Promise<Response> {
  const headers: Record<string, string> = {
    // ruleid: secrets.hardcoded-api-key
    'Authorization': 'Basic YWRtaW46aHVudGVyMg==',
    // ok: secrets.hardcoded-api-key
    'X-Request-Id': 'req-0123456789',
  };
  return fetch('https://api.example.com', { headers });
}
