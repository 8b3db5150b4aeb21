import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signMetaBody } from '../shared/platforms/meta/signature.js';

/** The event API Gateway's HTTP API (payload format 2.0) hands the webhook Lambda for one request. */
export function httpApiEvent(request: {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Uint8Array;
}): APIGatewayProxyEventV2 {
  const query = request.query ?? {};
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.path}`,
    rawPath: request.path,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    headers: { host: 'api.example.com', ...request.headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: `bench-${now}`,
      routeKey: `${request.method} ${request.path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    // Platforms send JSON; API Gateway base64-encodes only binary bodies.
    body: request.body ? Buffer.from(request.body).toString('utf8') : undefined,
    isBase64Encoded: false,
  };
}

/** A delivery as Meta sends it to the webhook: the JSON body signed with the app secret. */
export function signedMetaEvent(payload: unknown, appSecret: string): APIGatewayProxyEventV2 {
  const body = new TextEncoder().encode(JSON.stringify(payload));
  return httpApiEvent({
    method: 'POST',
    path: '/webhooks/meta',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(body, appSecret) },
    body,
  });
}

/** Meta's subscription handshake: a GET with the verify token and a challenge to echo. */
export function metaHandshakeEvent(verifyToken: string, challenge: string): APIGatewayProxyEventV2 {
  return httpApiEvent({
    method: 'GET',
    path: '/webhooks/meta',
    query: { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': challenge },
  });
}
