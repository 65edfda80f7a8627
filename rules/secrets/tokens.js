// Tests for tokens.yaml. Every value below is made up.

// ruleid: secrets.private-key
const key = `-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
-----END RSA PRIVATE KEY-----`;
// ruleid: secrets.private-key
const k2 = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
// ruleid: secrets.private-key
const k3 = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n';
// ok: secrets.private-key
const isKey = (pem) => pem.startsWith('-----BEGIN PRIVATE KEY-----');
// ok: secrets.private-key
const pub = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1L\n";
// ok: secrets.private-key
const cert = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n";

// ruleid: secrets.aws-access-key-id
const awsId = 'AKIAQ3EGUPLX7NLBKD2A';
// ruleid: secrets.aws-access-key-id
const aws2 = { accessKeyId: "ASIAY34FZKBOKMUTVV7A", region: "us-east-1" };
// ok: secrets.aws-access-key-id
const docs = 'AKIAIOSFODNN7EXAMPLE';
// ok: secrets.aws-access-key-id
const short = 'AKIA1234';
// ruleid: secrets.aws-access-key-id
const aws3 = `aws_access_key_id=ABIAZ7XQ4MB2KL5NPR6T`;
// ok: secrets.aws-access-key-id
const fromEnv = process.env.AWS_ACCESS_KEY_ID;

// ruleid: secrets.github-token
const gh = 'ghp_Zk3aT0kq8Wc5Xn2Lr7Yb4Fv9Hs6Jd1Mp0Qe3';
// ruleid: secrets.github-token
const gho = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
// ruleid: secrets.github-token
const pat = 'github_pat_11ABCDEFG0123456789abc_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGHI';
// ok: secrets.github-token
const placeholder = 'ghp_xxxxxxxxxxxx';
// ok: secrets.github-token
const tok = process.env.GITHUB_TOKEN;
// ok: secrets.github-token
const prefix = 'ghp_';

// ruleid: secrets.npm-token
const npmrc = '//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
// ruleid: secrets.npm-token
const npm2 = "npm_ZZZZyyyyXXXXwwwwVVVVuuuuTTTTssss1234";
// ok: secrets.npm-token
const npmShort = 'npm_token_here';
// ruleid: secrets.npm-token
const npm3 = { token: `npm_0123456789abcdefghijABCDEFGHIJklmnop` };
// ok: secrets.npm-token
const npmLong = 'xnpm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
// ok: secrets.npm-token
const npmEnv = '//registry.npmjs.org/:_authToken=${NPM_TOKEN}';

// ruleid: secrets.slack-token
const slack = 'xoxb-2840329843-5837291848123-Ab12Cd34Ef56Gh78Ij90Kl12';
// ruleid: secrets.slack-token
const slackUser = "xoxp-1234567890-1234567890-1234567890-0a1b2c3d4e5f67890a1b2c3d4e5f6789";
// ok: secrets.slack-token
const slackDoc = 'xoxb-your-token-here';
// ruleid: secrets.slack-token
const slackApp = { token: "xoxa-2-111222333444-555666777888-Zz9Yy8Xx7Ww6" };
// ok: secrets.slack-token
const slackEnv = process.env.SLACK_BOT_TOKEN;
// ok: secrets.slack-token
const hook = 'https://hooks.slack.com/services/T000/B000/XXXX';

module.exports = [key, k2, k3, isKey, pub, cert, awsId, aws2, docs, short, fromEnv, gh, gho, pat,
  placeholder, tok, prefix, npmrc, npm2, npmShort, npmEnv, slack, slackUser, slackDoc, hook,
  aws3, npm3, npmLong, slackApp, slackEnv];

// ruleid: secrets.url-credentials
const pg = new Pool({ connectionString: 'postgres://app:Zr9vQ2mLk4@db.prod.internal:5432/app' });
// ruleid: secrets.url-credentials
const redis = new Redis('rediss://default:AVNS_x7Hq2Lp9@cache-1.aivencloud.com:12345');
// ruleid: secrets.url-credentials
const mongo = "mongodb+srv://svc:s3cr3tPw0rd@cluster0.ab1cd.mongodb.net/db";
// ok: secrets.url-credentials
const pg2 = new Pool({ connectionString: process.env.DATABASE_URL });
// ok: secrets.url-credentials
const doc = 'postgres://user:password@localhost:5432/db';
// ok: secrets.url-credentials
const tmpl = `mongodb://${user}:${pass}@${host}/db`;
// ok: secrets.url-credentials
const ph = 'amqp://guest:<password>@rabbit.internal';
