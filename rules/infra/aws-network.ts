// Tests for aws-network.yaml: AWS CDK v2 stacks and Pulumi programs.
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { ViewerProtocolPolicy, SecurityPolicyProtocol } from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ApplicationProtocol, ListenerAction, SslPolicy } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as aws from '@pulumi/aws';
import { Construct } from 'constructs';

export class EdgeStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { vpc: ec2.IVpc; cert: acm.ICertificate; fn: lambda.IFunction }) {
    super(scope, id, props);
    const { vpc, cert, fn } = props;

    new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: {
        // ruleid: infra.aws.cleartext-traffic
        origin: new origins.HttpOrigin('api.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }),
        // ruleid: infra.aws.cleartext-traffic
        viewerProtocolPolicy: ViewerProtocolPolicy.ALLOW_ALL,
      },
      // ruleid: infra.aws.weak-tls-policy
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2016,
      certificate: cert,
    });
    new cloudfront.Distribution(this, 'Cdn2', {
      defaultBehavior: {
        // ok: infra.aws.cleartext-traffic, infra.aws.weak-tls-policy
        origin: new origins.HttpOrigin('api.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] }),
        // ok: infra.aws.cleartext-traffic
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
      // ok: infra.aws.weak-tls-policy
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    });

    const lb = new elbv2.ApplicationLoadBalancer(this, 'Lb', { vpc, internetFacing: true });
    // ruleid: infra.aws.http-listener
    const web = lb.addListener('Http', { port: 80, open: true });
    // ruleid: infra.aws.http-listener
    lb.addListener('Http8080', { port: 8080, protocol: ApplicationProtocol.HTTP });
    // ok: infra.aws.http-listener
    lb.addListener('Redirect', { port: 80, defaultAction: ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }) });
    // ok: infra.aws.http-listener
    const https = lb.addListener('Https', {
      port: 443,
      certificates: [cert],
      // ruleid: infra.aws.weak-tls-policy
      sslPolicy: SslPolicy.TLS11,
    });
    // ok: infra.aws.weak-tls-policy
    lb.addListener('Https2', { port: 8443, certificates: [cert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
    const nlb = new elbv2.NetworkLoadBalancer(this, 'Nlb', { vpc });
    // ok: infra.aws.http-listener
    nlb.addListener('Tcp', { port: 80, protocol: elbv2.Protocol.TCP });

    const api = new apigw.RestApi(this, 'Api', {
      domainName: {
        domainName: 'api.example.com', certificate: cert,
        // ruleid: infra.aws.weak-tls-policy
        securityPolicy: apigw.SecurityPolicy.TLS_1_0,
      },
    });
    const items = api.root.addResource('items');
    const integ = new apigw.LambdaIntegration(fn);
    // ruleid: infra.aws.api-method-no-auth
    items.addMethod('POST', integ, { authorizationType: apigw.AuthorizationType.NONE });
    // ok: infra.aws.api-method-no-auth
    items.addMethod('GET', integ, { authorizationType: apigw.AuthorizationType.NONE });
    // ok: infra.aws.api-method-no-auth
    items.addMethod('DELETE', integ, { authorizationType: apigw.AuthorizationType.IAM });
    const auth = new apigw.CognitoUserPoolsAuthorizer(this, 'Auth', { cognitoUserPools: [] });
    // ok: infra.aws.api-method-no-auth
    items.addMethod('PUT', integ, { authorizer: auth, authorizationType: apigw.AuthorizationType.COGNITO });

    new opensearch.Domain(this, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_11,
      // ruleid: infra.aws.cleartext-traffic
      enforceHttps: false,
      // ruleid: infra.aws.cleartext-traffic
      nodeToNodeEncryption: false,
      // ruleid: infra.aws.weak-tls-policy
      tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_0,
    });
    // ok: infra.aws.cleartext-traffic, infra.aws.weak-tls-policy
    new opensearch.Domain(this, 'Search2', { version: opensearch.EngineVersion.OPENSEARCH_2_11, enforceHttps: true, nodeToNodeEncryption: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2 });
    this.exportValue([web, https].length);
  }
}

// Pulumi (TypeScript).
export const cdn = new aws.cloudfront.Distribution('cdn', {
  enabled: true,
  origins: [{
    originId: 'api', domainName: 'api.example.com',
    // ruleid: infra.aws.cleartext-traffic
    customOriginConfig: { originProtocolPolicy: 'http-only', httpPort: 80, httpsPort: 443, originSslProtocols: ['TLSv1.2'] },
  }],
  defaultCacheBehavior: {
    targetOriginId: 'api', allowedMethods: ['GET', 'HEAD'], cachedMethods: ['GET', 'HEAD'],
    // ok: infra.aws.cleartext-traffic
    viewerProtocolPolicy: 'redirect-to-https',
  },
  restrictions: { geoRestriction: { restrictionType: 'none' } },
  // ruleid: infra.aws.weak-tls-policy
  viewerCertificate: { acmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x', sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1' },
});
// ok: infra.aws.weak-tls-policy
export const cert2 = { acmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/y', minimumProtocolVersion: 'TLSv1.2_2021' };

// ruleid: infra.aws.http-listener
export const http = new aws.lb.Listener('http', { loadBalancerArn: 'arn:lb', port: 80, protocol: 'HTTP', defaultActions: [{ type: 'forward', targetGroupArn: 'arn:tg' }] });
// ok: infra.aws.http-listener
export const toHttps = new aws.lb.Listener('redirect', { loadBalancerArn: 'arn:lb', port: 80, protocol: 'HTTP', defaultActions: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }] });
// ruleid: infra.aws.weak-tls-policy
export const tls = new aws.lb.Listener('https', { loadBalancerArn: 'arn:lb', port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08', certificateArn: 'arn:cert', defaultActions: [{ type: 'forward', targetGroupArn: 'arn:tg' }] });

// ruleid: infra.aws.cleartext-traffic
export const cache = new aws.elasticache.ReplicationGroup('cache', { description: 'c', nodeType: 'cache.t4g.micro', transitEncryptionEnabled: false });
// ok: infra.aws.cleartext-traffic
export const cache2 = new aws.elasticache.ReplicationGroup('cache2', { description: 'c', nodeType: 'cache.t4g.micro', transitEncryptionEnabled: true });
export const kafka = new aws.msk.Cluster('kafka', {
  clusterName: 'events', kafkaVersion: '3.6.0', numberOfBrokerNodes: 3,
  brokerNodeGroupInfo: { instanceType: 'kafka.t3.small', clientSubnets: [], securityGroups: [] },
  // ruleid: infra.aws.cleartext-traffic
  encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true } },
});

// ruleid: infra.aws.api-method-no-auth
export const create = new aws.apigateway.Method('create', { restApi: 'r', resourceId: 'x', httpMethod: 'POST', authorization: 'NONE' });
// ok: infra.aws.api-method-no-auth
export const list = new aws.apigateway.Method('list', { restApi: 'r', resourceId: 'x', httpMethod: 'GET', authorization: 'NONE' });
// ruleid: infra.aws.api-method-no-auth
export const del = new aws.apigatewayv2.Route('del', { apiId: 'a', routeKey: 'DELETE /items/{id}', authorizationType: 'NONE' });
// ok: infra.aws.api-method-no-auth
export const upd = new aws.apigatewayv2.Route('upd', { apiId: 'a', routeKey: 'PUT /items/{id}', authorizationType: 'JWT', authorizerId: 'au' });
