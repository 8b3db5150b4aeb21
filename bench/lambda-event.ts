import type { APIGatewayProxyEventV2 } from 'aws-lambda';

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
