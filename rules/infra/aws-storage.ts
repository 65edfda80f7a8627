// Tests for aws-storage.yaml: AWS CDK v2 stacks and Pulumi programs.
import { Stack, StackProps, RemovalPolicy, aws_kms as kms } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Bucket, BucketEncryption, BlockPublicAccess } from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as aws from '@pulumi/aws';
import { Construct } from 'constructs';

export class StorageStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, 'Key');
    const vpc = new ec2.Vpc(this, 'Vpc');

    // ruleid: infra.aws.s3-enforce-ssl-missing
    const site = new s3.Bucket(this, 'Site', {
      // ruleid: infra.aws.s3-public-access
      publicReadAccess: true,
      // ruleid: infra.aws.s3-public-access
      blockPublicAccess: new BlockPublicAccess({ blockPublicPolicy: false, blockPublicAcls: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
      websiteIndexDocument: 'index.html',
    });
    // ruleid: infra.aws.s3-public-access
    site.grantPublicAccess('assets/*', 's3:GetObject');

    // ruleid: infra.aws.s3-enforce-ssl-missing
    const logs = new Bucket(this, 'Logs', {
      // ruleid: infra.aws.s3-public-access
      accessControl: s3.BucketAccessControl.PUBLIC_READ_WRITE,
      // ruleid: infra.aws.encryption-disabled
      encryption: BucketEncryption.UNENCRYPTED,
    });

    // ok: infra.aws.s3-public-access, infra.aws.s3-enforce-ssl-missing, infra.aws.encryption-disabled
    const data = new s3.Bucket(this, 'Data', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // ok: infra.aws.s3-public-access
    data.grantRead(new ec2.Instance(this, 'Box', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2() }).role);
    // ok: infra.aws.s3-public-access
    const strict = new BlockPublicAccess({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });

    // ruleid: infra.aws.encryption-disabled
    new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    // ok: infra.aws.encryption-disabled
    new sqs.Queue(this, 'Jobs2', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    // ruleid: infra.aws.encryption-disabled
    new kinesis.Stream(this, 'Events', { encryption: kinesis.StreamEncryption.UNENCRYPTED });
    // ruleid: infra.aws.encryption-disabled
    new efs.FileSystem(this, 'Shared', { vpc, encrypted: false });
    // ok: infra.aws.encryption-disabled
    new efs.FileSystem(this, 'Shared2', { vpc, encrypted: true });
    // ruleid: infra.aws.encryption-disabled
    const vol = ec2.BlockDeviceVolume.ebs(50, { encrypted: false });

    // ruleid: infra.aws.messaging-not-encrypted
    new sns.Topic(this, 'Alerts');
    // ruleid: infra.aws.messaging-not-encrypted
    new sns.Topic(this, 'Orders', { displayName: 'orders' });
    // ok: infra.aws.messaging-not-encrypted
    new sns.Topic(this, 'Secure', { masterKey: key });

    // ruleid: infra.aws.rds-storage-not-encrypted
    const db = new rds.DatabaseInstance(this, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      // ruleid: infra.aws.rds-publicly-accessible
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    // ok: infra.aws.rds-storage-not-encrypted, infra.aws.rds-publicly-accessible
    const db2 = new rds.DatabaseInstance(this, 'Db2', {
      engine: rds.DatabaseInstanceEngine.MYSQL,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      storageEncrypted: true,
    });
    // ok: infra.aws.rds-storage-not-encrypted
    const db3 = new rds.DatabaseInstance(this, 'Db3', {
      engine: rds.DatabaseInstanceEngine.MYSQL,
      vpc,
      storageEncryptionKey: key,
      // ruleid: infra.aws.rds-publicly-accessible
      publiclyAccessible: true,
    });
    // ok: infra.aws.rds-publicly-accessible
    const db4 = new rds.DatabaseInstance(this, 'Db4', {
      engine: rds.DatabaseInstanceEngine.MYSQL,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      publiclyAccessible: false,
      // ruleid: infra.aws.encryption-disabled
      storageEncrypted: false,
    });
    void [logs, strict, vol, db, db2, db3, db4];
  }
}

// Pulumi programs: (name, args, opts).
// ok: infra.aws.s3-enforce-ssl-missing
const bucket = new aws.s3.BucketV2('uploads');
// ruleid: infra.aws.s3-public-access
new aws.s3.BucketAclV2('uploads-acl', { bucket: bucket.id, acl: 'public-read' });
new aws.s3.BucketPublicAccessBlock('uploads-pab', {
  bucket: bucket.id,
  // ruleid: infra.aws.s3-public-access
  blockPublicAcls: false,
  // ruleid: infra.aws.s3-public-access
  restrictPublicBuckets: false,
  // ok: infra.aws.s3-public-access
  blockPublicPolicy: true,
});
// ok: infra.aws.s3-public-access
new aws.s3.BucketAclV2('private-acl', { bucket: bucket.id, acl: 'private' });
// ruleid: infra.aws.s3-public-access
new aws.s3.BucketObjectv2('index', { bucket: bucket.id, source: new (class {})() as never, acl: aws.s3.CannedAcl.PublicRead });

// ruleid: infra.aws.encryption-disabled
new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: false });
// ok: infra.aws.encryption-disabled
new aws.sqs.Queue('jobs2', { sqsManagedSseEnabled: true });
// ruleid: infra.aws.encryption-disabled
new aws.ebs.Volume('data', { availabilityZone: 'eu-west-1a', size: 40, encrypted: false });
// ok: infra.aws.encryption-disabled
const ui = { encrypted: false, label: 'not a volume' };

// ruleid: infra.aws.messaging-not-encrypted
new aws.sns.Topic('alerts');
// ok: infra.aws.messaging-not-encrypted
new aws.sns.Topic('alerts-kms', { kmsMasterKeyId: 'alias/aws/sns' });
// ruleid: infra.aws.messaging-not-encrypted
new aws.kinesis.Stream('clicks', { shardCount: 1 });
// ok: infra.aws.messaging-not-encrypted
new aws.kinesis.Stream('clicks-kms', { shardCount: 1, encryptionType: 'KMS', kmsKeyId: 'alias/aws/kinesis' });

// ruleid: infra.aws.rds-storage-not-encrypted
export const pg = new aws.rds.Instance('pg', {
  engine: 'postgres',
  instanceClass: aws.rds.InstanceType.T3_Micro,
  allocatedStorage: 20,
  // ruleid: infra.aws.rds-publicly-accessible
  publiclyAccessible: true,
});
// ok: infra.aws.rds-storage-not-encrypted, infra.aws.rds-publicly-accessible
export const pg2 = new aws.rds.Instance('pg2', { engine: 'postgres', instanceClass: 'db.t3.micro', storageEncrypted: true, publiclyAccessible: false });
// ok: infra.aws.rds-storage-not-encrypted
export const replica = new aws.rds.Instance('pg-replica', { replicateSourceDb: pg.identifier, instanceClass: 'db.t3.micro' });
void ui;
