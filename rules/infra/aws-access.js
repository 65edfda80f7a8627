// JavaScript tests for aws-access.yaml (CDK apps written in JS, Pulumi JS,
// hand-written policy JSON).
const cdk = require('aws-cdk-lib');
const { aws_ec2: ec2, aws_iam: iam, aws_lambda: lambda, aws_codebuild: codebuild } = require('aws-cdk-lib');
const pipelines = require('aws-cdk-lib/pipelines');
const aws = require('@pulumi/aws');

class ApiStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc: props.vpc });
    // ruleid: infra.aws.cdk-ingress-open-to-world
    sg.addIngressRule(cdk.aws_ec2.Peer.anyIpv4(), cdk.aws_ec2.Port.tcp(27017));
    // ruleid: infra.aws.cdk-ingress-open-to-world
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcpRange(0, 65535));
    // ruleid: infra.aws.cdk-ingress-open-to-world
    sg.connections.allowFromAnyIpv4(ec2.Port.SSH);
    // ok: infra.aws.cdk-ingress-open-to-world
    sg.connections.allowFromAnyIpv4(ec2.Port.HTTPS);
    // ok: infra.aws.cdk-ingress-open-to-world
    sg.addIngressRule(ec2.Peer.prefixList(props.officePrefixList), ec2.Port.tcp(22));
    // ok: infra.aws.cdk-ingress-open-to-world
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(2222));

    // ruleid: infra.aws.iam-administrator-access
    const adminPolicy = cdk.aws_iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
    // ruleid: infra.aws.iam-administrator-access
    const adminArn = iam.ManagedPolicy.fromManagedPolicyArn(this, 'Admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
    // ok: infra.aws.iam-administrator-access
    const amplify = iam.ManagedPolicy.fromManagedPolicyArn(this, 'Amp', 'arn:aws:iam::aws:policy/AdministratorAccess-Amplify');

    // ruleid: infra.aws.codebuild-privileged
    new codebuild.Project(this, 'Docker', { environment: { privileged: !0 }, buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec.yml') });
    // ruleid: infra.aws.codebuild-privileged
    new pipelines.CodeBuildStep('Image', { commands: ['docker build .'], buildEnvironment: { privileged: true } });
    // ok: infra.aws.codebuild-privileged
    const runner = { image: 'node:20', privileged: true };
    // ok: infra.aws.codebuild-privileged
    new codebuild.CfnProject(this, 'Raw', { environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', privilegedMode: false }, source: { type: 'NO_SOURCE' }, artifacts: { type: 'NO_ARTIFACTS' }, serviceRole: props.roleArn });

    const fn = lambda.Function.fromFunctionName(this, 'Fn', 'api');
    // ruleid: infra.aws.public-principal
    fn.grantInvoke(new iam.StarPrincipal());
    // ruleid: infra.aws.public-principal
    new lambda.CfnPermission(this, 'Open', { action: 'lambda:InvokeFunction', functionName: 'api', principal: '*' });
    // ok: infra.aws.public-principal
    new lambda.CfnPermission(this, 'Acct', { action: 'lambda:InvokeFunction', functionName: 'api', principal: '*', sourceAccount: '123456789012' });
    // ok: infra.aws.public-principal
    fn.grantInvoke(new iam.AccountRootPrincipal());
    this.keep = [adminPolicy, adminArn, amplify, runner];
  }
}

// ruleid: infra.aws.ingress-open-to-world
const dbIn = new aws.ec2.SecurityGroupRule('db', { type: 'ingress', securityGroupId: 'sg-1', protocol: 'tcp', fromPort: 1433, toPort: 1433, ipv6CidrBlocks: ['::/0'] });
// ok: infra.aws.ingress-open-to-world
const dbIn2 = new aws.vpc.SecurityGroupIngressRule('db2', { securityGroupId: 'sg-1', referencedSecurityGroupId: 'sg-2', fromPort: 1433, toPort: 1433, ipProtocol: 'tcp' });
const legacy = new aws.ec2.SecurityGroup('legacy', {
  ingress: [
    // ruleid: infra.aws.ingress-open-to-world
    { protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] },
  ],
});

// Hand-written policy JSON (Pulumi iam.Policy, aws-sdk PutBucketPolicy).
const adminPolicyJson = new aws.iam.Policy('admin', {
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      // ruleid: infra.aws.iam-wildcard-policy
      { Effect: 'Allow', Action: '*', Resource: '*' },
      // ok: infra.aws.iam-wildcard-policy
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
      // ok: infra.aws.iam-wildcard-policy
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
    ],
  }),
});
const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    // ruleid: infra.aws.iam-wildcard-policy
    { "Effect": "Allow", "Action": ["*"], "Resource": ["*"] },
    // ruleid: infra.aws.public-principal
    { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' },
    // ruleid: infra.aws.public-principal
    { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' },
    // ok: infra.aws.public-principal
    { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::site/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    // ok: infra.aws.public-principal
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' },
  ],
};
// ruleid: infra.aws.iam-administrator-access
const attach = new aws.iam.RolePolicyAttachment('a', { role: 'ci', policyArn: aws.iam.ManagedPolicies.AdministratorAccess });

// ruleid: infra.aws.lambda-url-no-auth
const fnUrl = new aws.lambda.FunctionUrl('url', { functionName: 'api', authorizationType: 'NONE', cors: { allowOrigins: ['*'] } });
// ok: infra.aws.lambda-url-no-auth
const client = new ApiClient({ endpoint: 'https://api.example.com', authType: 'NONE' });
// ok: infra.aws.lambda-url-no-auth
const method = new aws.apigateway.Method('get', { restApi: 'r', resourceId: 'x', httpMethod: 'GET', authorization: 'NONE' });

module.exports = { ApiStack, dbIn, dbIn2, legacy, adminPolicyJson, bucketPolicy, attach, fnUrl, client, method };
