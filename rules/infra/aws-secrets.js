// JavaScript tests for aws-secrets.yaml (CDK apps written in JS, Pulumi JS).
const cdk = require('aws-cdk-lib');
const { aws_rds: rds, aws_lambda: lambda } = require('aws-cdk-lib');
const aws = require('@pulumi/aws');

class ReportsStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    // ruleid: infra.aws.hardcoded-secret-value
    const pw = cdk.SecretValue.plainText('reports-db-2023');
    // ok: infra.aws.hardcoded-secret-value
    const ref = cdk.SecretValue.ssmSecure('/reports/db-password');
    // ok: infra.aws.hardcoded-secret-value
    const blank = cdk.SecretValue.unsafePlainText('');
    new rds.CfnDBInstance(this, 'Db', {
      dbInstanceClass: 'db.t3.micro', engine: 'mysql', masterUsername: 'root',
      // ruleid: infra.aws.hardcoded-secret-value
      masterUserPassword: `reports-${'2023'}-root`,
    });
    const fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      // ok: infra.aws.secret-in-environment
      environment: { DB_SECRET_ARN: props.secretArn, ENABLE_TOKEN_CACHE: 'true' },
    });
    // ruleid: infra.aws.secret-in-environment
    fn.addEnvironment('OPENAI_API_KEY', 'sk-proj-Zx81bQ2mV0rT5wYk');
    this.keep = [pw, ref, blank];
  }
}

// ruleid: infra.aws.hardcoded-secret-value
const warehouse = new aws.redshift.Cluster('wh', { clusterIdentifier: 'wh', nodeType: 'ra3.xlplus', masterUsername: 'admin', masterPassword: 'Wareh0use!Pass' });
const broker = new aws.mq.Broker('mq', {
  brokerName: 'events', engineType: 'RabbitMQ', engineVersion: '3.13', hostInstanceType: 'mq.t3.micro',
  // ruleid: infra.aws.hardcoded-secret-value
  users: [{ username: 'app', password: 'rabbit-pass-123456' }],
});
// ok: infra.aws.hardcoded-secret-value
const user = new aws.iam.UserLoginProfile('u', { user: 'alice', pgpKey: 'keybase:alice', password: 'not-a-db' });

const taskDef = new aws.ecs.TaskDefinition('task', {
  family: 'app',
  containerDefinitions: JSON.stringify([{
    name: 'app', image: 'org/app',
    environment: [
      // ruleid: infra.aws.secret-in-environment
      { name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY' },
      // ok: infra.aws.secret-in-environment
      { name: 'AWS_REGION', value: 'eu-west-1' },
    ],
    // ok: infra.aws.secret-in-environment
    secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' }],
  }]),
});

module.exports = { ReportsStack, warehouse, broker, user, taskDef };
