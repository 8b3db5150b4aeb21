import type { Hono } from 'hono';
import { type APIGatewayProxyResult, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import {
  type DeliveryPlatform,
  type DeliveryReceiver,
  SIGNATURE_HEADERS,
  type WebhookAnswer,
} from './receive.js';

const DELIVERY_PATHS: ReadonlyMap<string, DeliveryPlatform> = new Map([
  ['/webhooks/meta', 'meta'],
  ['/webhooks/x', 'x'],
]);

/** Generic over the event, like hono's `handle`: callers may pass the `aws-lambda` package's event types. */
export type WebhookLambdaHandler = <E extends LambdaEvent>(
  event: E,
  context?: LambdaContext,
) => Promise<APIGatewayProxyResult>;

/**
 * The webhook's Lambda handler. Deliveries (POST /webhooks/meta and /webhooks/x from a function
 * URL or an HTTP API) go straight from the Lambda event to their receiver and back: hono's adapter
 * would build a Request, its body stream and a Response for each of them, about as much work
 * again as the rest of a delivery. Everything else (handshakes, CRC checks, other paths and event
 * shapes) is answered by the hono app, which calls the same receivers for deliveries.
 */
export function createWebhookLambdaHandler(
  app: Hono,
  receivers: Record<DeliveryPlatform, DeliveryReceiver>,
): WebhookLambdaHandler {
  const handleWithApp = handle(app);
  return async (received, context) => {
    const event: LambdaEvent = received;
    const platform = deliveryPlatform(event);
    if (!platform || !('rawPath' in event)) return handleWithApp(event, context);
    const answer = await receivers[platform](
      rawBody(event.body, event.isBase64Encoded),
      header(event.headers, SIGNATURE_HEADERS[platform]),
    );
    return lambdaResult(answer);
  };
}

/** The platform of a delivery in an HTTP API (payload 2.0) or function URL event, else undefined. */
export function deliveryPlatform(event: LambdaEvent): DeliveryPlatform | undefined {
  if (!('rawPath' in event) || !('http' in event.requestContext)) return undefined;
  if (event.requestContext.http.method !== 'POST') return undefined;
  return DELIVERY_PATHS.get(event.rawPath);
}

/** The exact bytes the platform sent: Lambda hands text bodies over as a string, binary ones in base64. */
export function rawBody(body: string | null | undefined, isBase64Encoded: boolean): Uint8Array {
  if (!body) return new Uint8Array(0);
  return Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
}

/** Payload 2.0 headers arrive with lower-case names; any other spelling is found too. */
function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const value = headers[name];
  if (value !== undefined) return value;
  for (const [key, other] of Object.entries(headers)) if (key.toLowerCase() === name) return other;
  return undefined;
}

function lambdaResult(answer: WebhookAnswer): APIGatewayProxyResult {
  return {
    statusCode: answer.status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(answer.body),
    isBase64Encoded: false,
  };
}
