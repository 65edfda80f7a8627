// Tests for aws-access.yaml: AWS CDK v2 stacks and Pulumi programs.
import { Stack, StackProps, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Peer, Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AnyPrincipal, Effect, ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CodePipeline, CodeBuildStep, ShellStep, CodePipelineSource } from 'aws-cdk-lib/pipelines';
import * as aws from '@pulumi/aws';
import { Construct } from 'constructs';

interface AccessProps extends StackProps {
  vpc: ec2.IVpc;
  adminCidr: string;
}

export class AccessStack extends Stack {
  constructor(scope: Construct, id: string, props: AccessProps) {
    super(scope, id, props);
    const { vpc } = props;
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc, allowAllOutbound: true });
    const bastion: SecurityGroup = new SecurityGroup(this, 'Bastion', { vpc });

    // ruleid: infra.aws.cdk-ingress-open-to-world
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'ssh from anywhere');
    // ruleid: infra.aws.cdk-ingress-open-to-world
    bastion.addIngressRule(Peer.ipv4('0.0.0.0/0'), Port.RDP);
    // ruleid: infra.aws.cdk-ingress-open-to-world
    bastion.connections.allowFromAnyIpv4(Port.allTraffic(), 'everything');
    // ruleid: infra.aws.cdk-ingress-open-to-world
    sg.connections.allowFrom(ec2.Peer.anyIpv6(), ec2.Port.tcp(5432));
    // ok: infra.aws.cdk-ingress-open-to-world
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'https');
    // ok: infra.aws.cdk-ingress-open-to-world
    sg.addIngressRule(ec2.Peer.ipv4(props.adminCidr), ec2.Port.SSH);
    // ok: infra.aws.cdk-ingress-open-to-world
    bastion.addIngressRule(Peer.ipv4('10.0.0.0/16'), Port.tcp(3389));
    // ok: infra.aws.cdk-ingress-open-to-world
    sg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.allTraffic());
    // ok: infra.aws.cdk-ingress-open-to-world
    bastion.connections.allowFrom(sg, Port.tcp(22));

    // ruleid: infra.aws.ingress-open-to-world
    new ec2.CfnSecurityGroup(this, 'Raw', { groupDescription: 'raw', vpcId: vpc.vpcId, securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 3306, toPort: 3306, cidrIp: '0.0.0.0/0' }] });
    // ruleid: infra.aws.ingress-open-to-world
    new ec2.CfnSecurityGroupIngress(this, 'Ing', { groupId: sg.securityGroupId, ipProtocol: '-1', cidrIpv6: '::/0' });
    // ok: infra.aws.ingress-open-to-world
    new ec2.CfnSecurityGroupIngress(this, 'Web', { groupId: sg.securityGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/0' });

    // ruleid: infra.aws.iam-wildcard-policy
    const god = new iam.PolicyStatement({ actions: ['*'], resources: ['*'] });
    // ruleid: infra.aws.iam-wildcard-policy
    const god2 = new PolicyStatement({ effect: Effect.ALLOW, resources: ['*'], actions: ['*'] });
    // ok: infra.aws.iam-wildcard-policy
    const guard = new PolicyStatement({ effect: Effect.DENY, actions: ['*'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'false' } } });
    // ok: infra.aws.iam-wildcard-policy
    const reader = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] });
    // ok: infra.aws.iam-wildcard-policy
    const scoped = new iam.PolicyStatement({ actions: ['*'], resources: [`arn:aws:s3:::${id}-data/*`] });

    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    // ruleid: infra.aws.iam-administrator-access
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    // ruleid: infra.aws.iam-administrator-access
    const admin = ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
    // ok: infra.aws.iam-administrator-access
    role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    // ok: infra.aws.iam-administrator-access
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
    const stmt = new iam.PolicyStatement();
    // ruleid: infra.aws.iam-administrator-access
    stmt.addActions('*');
    stmt.addAllResources();
    const stmt2 = new iam.PolicyStatement();
    stmt2.addActions('dynamodb:GetItem');
    // ok: infra.aws.iam-administrator-access
    stmt2.addAllResources();

    new codebuild.PipelineProject(this, 'Images', {
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        // ruleid: infra.aws.codebuild-privileged
        privileged: true,
      },
    });
    new codebuild.Project(this, 'Tests', {
      // ok: infra.aws.codebuild-privileged
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: false },
    });
    new CodePipeline(this, 'Pipeline', {
      synth: new ShellStep('Synth', { input: CodePipelineSource.gitHub('org/repo', 'main'), commands: ['npm ci', 'npx cdk synth'] }),
      codeBuildDefaults: {
        // ruleid: infra.aws.codebuild-privileged
        buildEnvironment: { privileged: true },
        timeout: Duration.minutes(30),
      },
    });
    // ok: infra.aws.codebuild-privileged
    new CodeBuildStep('Lint', { commands: ['npm run lint'], buildEnvironment: { computeType: codebuild.ComputeType.SMALL } });

    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('dist') });
    // ruleid: infra.aws.lambda-url-no-auth
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    // ruleid: infra.aws.lambda-url-no-auth
    new lambda.FunctionUrl(this, 'Url', { function: fn, authType: FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });
    // ok: infra.aws.lambda-url-no-auth
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    // ruleid: infra.aws.lambda-url-no-auth
    new lambda.CfnUrl(this, 'RawUrl', { targetFunctionArn: fn.functionArn, authType: 'NONE' });
    // ok: infra.aws.lambda-url-no-auth
    new lambda.CfnUrl(this, 'RawUrl2', { targetFunctionArn: fn.functionArn, authType: 'AWS_IAM' });

    const bucket = new s3.Bucket(this, 'B', { enforceSSL: true });
    const topic = new sns.Topic(this, 'T', { masterKey: undefined });
    // ruleid: infra.aws.public-principal
    bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
    // ok: infra.aws.public-principal
    bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')], conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }));
    // ok: infra.aws.public-principal
    bucket.addToResourcePolicy(new PolicyStatement({ effect: Effect.DENY, principals: [new AnyPrincipal()], actions: ['s3:*'], resources: [bucket.bucketArn] }));
    // ruleid: infra.aws.public-principal
    topic.grantPublish(new AnyPrincipal());
    // ok: infra.aws.public-principal
    topic.grantPublish(new iam.ServicePrincipal('events.amazonaws.com'));
    // ruleid: infra.aws.public-principal
    fn.addPermission('Public', { principal: new iam.AnyPrincipal(), action: 'lambda:InvokeFunction' });
    // ok: infra.aws.public-principal
    fn.addPermission('FromBucket', { principal: new iam.AnyPrincipal(), sourceArn: bucket.bucketArn, sourceAccount: this.account });
    // ok: infra.aws.public-principal
    fn.addPermission('Org', { principal: new iam.AnyPrincipal(), organizationId: 'o-abc123' });

    this.exportValue([god, god2, guard, reader, scoped, admin].length);
  }
}

// Pulumi (TypeScript).
const web = new aws.ec2.SecurityGroup('web', {
  ingress: [
    // ruleid: infra.aws.ingress-open-to-world
    { protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] },
    // ok: infra.aws.ingress-open-to-world
    { protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] },
    // ok: infra.aws.ingress-open-to-world
    { protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.0.0.0/8'] },
  ],
  // ok: infra.aws.ingress-open-to-world
  egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
});
// ruleid: infra.aws.ingress-open-to-world
const redisIn = new aws.vpc.SecurityGroupIngressRule('redis', { securityGroupId: web.id, cidrIpv4: '0.0.0.0/0', fromPort: 6379, toPort: 6379, ipProtocol: 'tcp' });
// ruleid: infra.aws.ingress-open-to-world
const allIn = new aws.ec2.SecurityGroupRule('all', { type: 'ingress', securityGroupId: web.id, protocol: 'all', fromPort: 0, toPort: 65535, cidrBlocks: ['0.0.0.0/0'] });
// ok: infra.aws.ingress-open-to-world
const allOut = new aws.ec2.SecurityGroupRule('out', { type: 'egress', securityGroupId: web.id, protocol: 'all', fromPort: 0, toPort: 65535, cidrBlocks: ['0.0.0.0/0'] });

const adminDoc = aws.iam.getPolicyDocument({
  statements: [
    // ruleid: infra.aws.iam-wildcard-policy
    { effect: 'Allow', actions: ['*'], resources: ['*'] },
    // ok: infra.aws.iam-wildcard-policy
    { effect: 'Allow', actions: ['ec2:Describe*'], resources: ['*'] },
  ],
});
const deployRole = new aws.iam.Role('deploy', { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'codebuild.amazonaws.com' }) });
// ruleid: infra.aws.iam-administrator-access
new aws.iam.RolePolicyAttachment('admin', { role: deployRole.name, policyArn: aws.iam.ManagedPolicy.AdministratorAccess });
// ok: infra.aws.iam-administrator-access
new aws.iam.RolePolicyAttachment('ro', { role: deployRole.name, policyArn: aws.iam.ManagedPolicy.ReadOnlyAccess });

new aws.codebuild.Project('build', {
  serviceRole: deployRole.arn,
  artifacts: { type: 'NO_ARTIFACTS' },
  // ruleid: infra.aws.codebuild-privileged
  environment: { computeType: 'BUILD_GENERAL1_SMALL', image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER', privilegedMode: true },
  source: { type: 'GITHUB', location: 'https://github.com/org/repo.git' },
});

const handler = new aws.lambda.CallbackFunction('h', { callback: async () => ({ statusCode: 200 }) });
// ruleid: infra.aws.lambda-url-no-auth
export const url = new aws.lambda.FunctionUrl('u', { functionName: handler.name, authorizationType: 'NONE' });
// ok: infra.aws.lambda-url-no-auth
export const iamUrl = new aws.lambda.FunctionUrl('u2', { functionName: handler.name, authorizationType: 'AWS_IAM' });

// ruleid: infra.aws.public-principal
new aws.lambda.Permission('anyone', { action: 'lambda:InvokeFunction', function: handler.name, principal: '*' });
// ok: infra.aws.public-principal
new aws.lambda.Permission('s3', { action: 'lambda:InvokeFunction', function: handler.name, principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::uploads' });
// ok: infra.aws.public-principal
new aws.lambda.Permission('anyOrg', { action: 'lambda:InvokeFunction', function: handler.name, principal: '*', principalOrgId: 'o-abc123' });
const queuePolicy = aws.iam.getPolicyDocumentOutput({
  statements: [
    // ruleid: infra.aws.public-principal
    { actions: ['sqs:SendMessage'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['*'] }] },
    // ok: infra.aws.public-principal
    { actions: ['sqs:SendMessage'], resources: ['*'], principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }] },
    // ok: infra.aws.public-principal
    { actions: ['sqs:SendMessage'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['*'] }], conditions: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: ['arn:aws:sns:eu-west-1:123456789012:events'] }] },
  ],
});
export const outputs = { redisIn, allIn, allOut, adminDoc, queuePolicy };
