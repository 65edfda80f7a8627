// JavaScript tests for aws-storage.yaml (CDK apps written in JS, Pulumi JS).
const cdk = require('aws-cdk-lib');
const { aws_s3: s3, aws_rds: rds, aws_sns: sns } = require('aws-cdk-lib');
const aws = require('@pulumi/aws');

class AssetsStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    // ruleid: infra.aws.s3-enforce-ssl-missing
    const assets = new s3.Bucket(this, 'Assets', {
      // ruleid: infra.aws.s3-public-access
      publicReadAccess: true,
    });
    // ok: infra.aws.s3-enforce-ssl-missing
    const secure = new s3.Bucket(this, 'Secure', { enforceSSL: true });
    // ruleid: infra.aws.encryption-disabled
    const raw = new s3.CfnBucket(this, 'Raw', { publicAccessBlockConfiguration: { blockPublicAcls: true }, versioningConfiguration: { status: 'Enabled' }, encryption: s3.BucketEncryption.UNENCRYPTED });
    // ruleid: infra.aws.s3-public-access
    const legacy = new s3.CfnBucket(this, 'Legacy', { accessControl: 'PublicRead' });
    // ruleid: infra.aws.messaging-not-encrypted
    const topic = new sns.Topic(this, 'Topic', { topicName: 'events' });
    // ruleid: infra.aws.rds-storage-not-encrypted
    const db = new rds.DatabaseInstance(this, 'Db', { engine: rds.DatabaseInstanceEngine.MYSQL, vpc: props.vpc });
    // ok: infra.aws.rds-storage-not-encrypted
    const db2 = new rds.DatabaseInstance(this, 'Db2', { ...props.dbDefaults, engine: rds.DatabaseInstanceEngine.MYSQL });
    this.out = [assets, secure, raw, legacy, topic, db, db2];
  }
}

// ok: infra.aws.s3-public-access
const privateObject = new aws.s3.BucketObjectv2('cfg', { bucket: 'b', key: 'cfg.json', acl: 'bucket-owner-full-control' });
// ruleid: infra.aws.s3-public-access
const oldBucket = new aws.s3.Bucket('www', { acl: 'public-read', website: { indexDocument: 'index.html' } });
// ok: infra.aws.rds-publicly-accessible
const dbCfg = { publiclyAccessible: false };
// ruleid: infra.aws.rds-publicly-accessible
const cluster = new aws.rds.ClusterInstance('ci', { clusterIdentifier: 'c', instanceClass: 'db.r6g.large', engine: 'aurora-postgresql', publiclyAccessible: true });
// ruleid: infra.aws.encryption-disabled
const auroraCluster = new aws.rds.Cluster('c', { engine: 'aurora-postgresql', storageEncrypted: false });
// ok: infra.aws.messaging-not-encrypted
const emitterTopic = new EventTopic('local');

module.exports = { AssetsStack, privateObject, oldBucket, dbCfg, cluster, auroraCluster, emitterTopic };
