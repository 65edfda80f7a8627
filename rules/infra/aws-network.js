// JavaScript tests for aws-network.yaml (CDK apps written in JS, Pulumi JS).
const cdk = require('aws-cdk-lib');
const { aws_elasticloadbalancingv2: elbv2, aws_cloudfront: cloudfront, aws_apigateway: apigw, aws_msk: msk } = require('aws-cdk-lib');
const aws = require('@pulumi/aws');

class WebStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    // ruleid: infra.aws.http-listener
    const listener = new elbv2.ApplicationListener(this, 'L', { loadBalancer: props.lb, port: 80 });
    // ok: infra.aws.http-listener
    const redirect = new elbv2.ApplicationListener(this, 'R', { loadBalancer: props.lb, port: 80, defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443' }) });
    // ruleid: infra.aws.weak-tls-policy
    const origin = { originSslProtocols: [cloudfront.OriginSslPolicy.SSL_V3], protocolPolicy: cloudfront.OriginProtocolPolicy.MATCH_VIEWER };
    // ruleid: infra.aws.cleartext-traffic
    const enc = { clientBroker: msk.ClientBrokerEncryption.PLAINTEXT };
    // ok: infra.aws.cleartext-traffic
    const enc2 = { clientBroker: msk.ClientBrokerEncryption.TLS };
    // ruleid: infra.aws.api-method-no-auth
    props.resource.addMethod('ANY', new apigw.HttpIntegration('http://backend.internal'), { authorizationType: 'NONE' });
    // ruleid: infra.aws.weak-tls-policy
    const domain = new apigw.DomainName(this, 'D', { domainName: 'api.example.com', certificate: props.cert, securityPolicy: apigw.SecurityPolicy.TLS_1_0 });
    // ok: infra.aws.weak-tls-policy
    const domain2 = new apigw.DomainName(this, 'D2', { domainName: 'api2.example.com', certificate: props.cert, securityPolicy: apigw.SecurityPolicy.TLS_1_2 });
    this.keep = [listener, redirect, origin, enc, enc2, domain, domain2];
  }
}

const search = new aws.opensearch.Domain('search', {
  engineVersion: 'OpenSearch_2.11',
  // ruleid: infra.aws.cleartext-traffic
  nodeToNodeEncryption: { enabled: false },
  // ruleid: infra.aws.weak-tls-policy
  domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
});
// ruleid: infra.aws.cleartext-traffic
const behavior = { targetOriginId: 'site', viewerProtocolPolicy: 'allow-all', allowedMethods: ['GET'], cachedMethods: ['GET'] };
// ok: infra.aws.cleartext-traffic
const https = { targetOriginId: 'site', viewerProtocolPolicy: 'https-only' };
// ok: infra.aws.http-listener
const httpsListener = new aws.alb.Listener('web', { loadBalancerArn: 'arn:lb', port: 443, protocol: 'HTTPS', certificateArn: 'arn:cert', defaultActions: [{ type: 'forward', targetGroupArn: 'arn:tg' }] });
// ruleid: infra.aws.http-listener
const plain = new aws.alb.Listener('plain', { loadBalancerArn: 'arn:lb', port: 8080, protocol: 'HTTP', defaultActions: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '200' } }] });
// ok: infra.aws.http-listener
const other = new EventBus.Listener('bus', { protocol: 'HTTP' });
// ok: infra.aws.api-method-no-auth
const opts = new aws.apigateway.Method('opts', { restApi: 'r', resourceId: 'x', httpMethod: 'OPTIONS', authorization: 'NONE' });
// ok: infra.aws.api-method-no-auth
const put = new aws.apigateway.Method('put', { restApi: 'r', resourceId: 'x', httpMethod: 'PUT', authorization: 'AWS_IAM' });

module.exports = { WebStack, search, behavior, https, httpsListener, plain, other, opts, put };
