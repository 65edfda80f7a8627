// Tests for aws-secrets.yaml: AWS CDK v2 stacks and Pulumi programs.
import { Stack, StackProps, SecretValue } from 'aws-cdk-lib';
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { Construct } from 'constructs';

const DB_ADMIN_PASSWORD = 'Sup3r-S3cret-2024';

export class DataStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { vpc: ec2.IVpc }) {
    super(scope, id, props);
    const { vpc } = props;
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });

    new rds.DatabaseInstance(this, 'Db', {
      engine, vpc,
      // ruleid: infra.aws.hardcoded-secret-value
      credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('hunter2-prod')),
    });
    new rds.DatabaseInstance(this, 'Db2', {
      engine, vpc,
      // ruleid: infra.aws.hardcoded-secret-value
      credentials: rds.Credentials.fromPassword('admin', cdk.SecretValue.unsafePlainText(DB_ADMIN_PASSWORD)),
    });
    // ok: infra.aws.hardcoded-secret-value
    new rds.DatabaseInstance(this, 'Db3', { engine, vpc, credentials: rds.Credentials.fromGeneratedSecret('admin') });
    const stored = secretsmanager.Secret.fromSecretNameV2(this, 'S', 'prod/db');
    // ok: infra.aws.hardcoded-secret-value
    const fromStore = rds.Credentials.fromPassword('admin', SecretValue.secretsManager(stored.secretArn));
    // ok: infra.aws.hardcoded-secret-value
    const fromContext = SecretValue.unsafePlainText(this.node.tryGetContext('dbPassword') as string);
    // ruleid: infra.aws.hardcoded-secret-value
    new rds.CfnDBCluster(this, 'Raw', { engine: 'aurora-postgresql', masterUsername: 'admin', masterUserPassword: 'Aurora#2024!' });
    // ok: infra.aws.hardcoded-secret-value
    new rds.CfnDBCluster(this, 'Raw2', { engine: 'aurora-postgresql', masterUsername: 'admin', manageMasterUserPassword: true });

    const fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('dist'),
      environment: {
        // ruleid: infra.aws.secret-in-environment
        STRIPE_SECRET_KEY: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
        // ok: infra.aws.secret-in-environment
        STRIPE_SECRET_ARN: stored.secretArn,
        // ok: infra.aws.secret-in-environment
        LOG_LEVEL: 'debug',
        // ok: infra.aws.secret-in-environment
        TOKEN_TTL: '3600',
      },
    });
    // ruleid: infra.aws.secret-in-environment
    fn.addEnvironment('GITHUB_TOKEN', 'ghp_R8s1bZtFq0VnC2xkW7y4UdLmPa9eHoJ3iNcT');
    // ok: infra.aws.secret-in-environment
    fn.addEnvironment('GITHUB_TOKEN_PARAM', '/ci/github-token');
    new NodejsFunction(this, 'Api', {
      entry: 'src/api.ts',
      // ruleid: infra.aws.secret-in-environment
      environment: { DB_PASSWORD: DB_ADMIN_PASSWORD, DB_HOST: 'db.internal' },
    });

    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('org/app'),
      // ruleid: infra.aws.secret-in-environment
      environment: { JWT_SECRET: 'changeme-please-0000' },
      // ok: infra.aws.secret-in-environment
      secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(stored, 'password') },
    });

    new codebuild.PipelineProject(this, 'Build', {
      environmentVariables: {
        // ruleid: infra.aws.secret-in-environment
        NPM_TOKEN: { value: 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' },
        // ok: infra.aws.secret-in-environment
        SONAR_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'ci/sonar:token' },
      },
    });
    this.exportValue([fromStore, fromContext].length);
  }
}

// Pulumi (TypeScript).
const cfg = new pulumi.Config();
// ruleid: infra.aws.hardcoded-secret-value
const db = new aws.rds.Instance('db', { engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20, username: 'app', password: 'p0stgres-pw!' });
// ok: infra.aws.hardcoded-secret-value
const db2 = new aws.rds.Instance('db2', { engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20, username: 'app', password: cfg.requireSecret('dbPassword') });
const generated = new random.RandomPassword('pw', { length: 32, special: false });
// ok: infra.aws.hardcoded-secret-value
const docs = new aws.docdb.Cluster('docs', { masterUsername: 'app', masterPassword: generated.result });
// ruleid: infra.aws.hardcoded-secret-value
const cache = new aws.elasticache.ReplicationGroup('cache', { description: 'sessions', nodeType: 'cache.t4g.micro', transitEncryptionEnabled: true, authToken: pulumi.secret('redis-auth-token-0123456789') });
// ok: infra.aws.hardcoded-secret-value
const client = new ApiClient({ user: 'me', password: 'literal-outside-aws' });

export const handler = new aws.lambda.Function('h', {
  role: 'arn:aws:iam::123456789012:role/h', runtime: aws.lambda.Runtime.NodeJS20dX, handler: 'index.handler',
  code: new pulumi.asset.FileArchive('dist'),
  environment: {
    variables: {
      // ruleid: infra.aws.secret-in-environment
      SLACK_BOT_TOKEN: 'xoxb-2024-prod-notifications',
      // ok: infra.aws.secret-in-environment
      SLACK_BOT_TOKEN_NAME: 'slack/bot',
      // ok: infra.aws.secret-in-environment
      API_KEY: cfg.requireSecret('apiKey'),
    },
  },
});
export const out = { db, db2, docs, cache, client };
