import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../devkit/fixtures.js';
import { httpApiEvent as benchHttpApiEvent } from '../../devkit/lambda-event.js';
import type { InboundEvent } from '../../shared/events.js';
import { signMetaBody } from '../../shared/platforms/meta/signature.js';
import { signXBody } from '../../shared/platforms/x/signature.js';
import { createWebhookApp } from '../../shared/webhook/app.js';
import { createWebhookLambdaHandler, deliveryPlatform, rawBody } from '../../shared/webhook/lambda.js';
import { createDeliveryReceivers, type WebhookDeps } from '../../shared/webhook/receive.js';
import { collectingLog } from '../helpers/system.js';

const META_SECRET = 'meta-app-secret';
const COMMENT_EVENT_ID = 'facebook:987654321_1491873277575158';

/**
 * The HTTP API event the bench builds, as hono's Lambda types read it: they are stricter than the
 * `aws-lambda` package's (a null body, authorizer and authentication always present) for the same JSON.
 */
function httpApiEvent(request: Parameters<typeof benchHttpApiEvent>[0]): HttpApiEvent {
  return benchHttpApiEvent(request) as unknown as HttpApiEvent;
}
type HttpApiEvent = Extract<LambdaEvent, { rawPath: string }>;
const X_SECRET = 'x-consumer-secret';

/** The Lambda handler beside the same app served through hono's own adapter; both record what they enqueue. */
function webhook(
  overrides: Partial<WebhookDeps> = {},
  x: { consumerSecret?: string } = { consumerSecret: X_SECRET },
) {
  const enqueued: InboundEvent[][] = [];
  const log = collectingLog();
  const deps: WebhookDeps = {
    settings: { meta: { appSecret: META_SECRET, verifyToken: 'verify-token' }, x },
    enqueue: async (events) => {
      enqueued.push([...events]);
    },
    log,
    ...overrides,
  };
  const receivers = createDeliveryReceivers(deps);
  const app = createWebhookApp(deps, receivers);
  return { handler: createWebhookLambdaHandler(app, receivers), throughHono: handle(app), enqueued, log };
}

function metaDelivery(body: Uint8Array, headers: Record<string, string> = {}) {
  return httpApiEvent({
    method: 'POST',
    path: '/webhooks/meta',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMetaBody(body, META_SECRET),
      ...headers,
    },
    body,
  });
}

function base64(event: HttpApiEvent, bytes: Uint8Array): HttpApiEvent {
  return { ...event, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true };
}

describe('the Lambda handler answers deliveries itself, exactly as the hono app would', () => {
  const comment = fixtureBytes('fb_feed_comment_add');
  const mention = fixtureBytes('x_aaa_tweet_create_mention_reply');
  const cases: Array<[string, LambdaEvent, number]> = [
    ['a signed Meta delivery', metaDelivery(comment), 200],
    [
      'the unicode-escaped Messenger body, verified on its bytes',
      metaDelivery(fixtureBytes('messenger_text_unicode_signed')),
      200,
    ],
    ['a signed Meta delivery in base64', base64(metaDelivery(comment), comment), 200],
    ['an ignored reaction', metaDelivery(fixtureBytes('fb_feed_reaction_add')), 200],
    [
      'a missing signature',
      { ...metaDelivery(comment), headers: { 'content-type': 'application/json' } },
      401,
    ],
    [
      'a wrong signature',
      metaDelivery(comment, { 'x-hub-signature-256': signMetaBody(comment, 'other') }),
      401,
    ],
    ['a body that is not JSON', metaDelivery(new TextEncoder().encode('{"object":"page",')), 400],
    [
      'a body that is not a Meta delivery',
      metaDelivery(new TextEncoder().encode('{"object":"page","entry":"no"}')),
      400,
    ],
    [
      'a signed X delivery',
      httpApiEvent({
        method: 'POST',
        path: '/webhooks/x',
        headers: { 'x-twitter-webhooks-signature': signXBody(mention, X_SECRET) },
        body: mention,
      }),
      200,
    ],
    ['an unsigned X delivery', httpApiEvent({ method: 'POST', path: '/webhooks/x', body: mention }), 401],
  ];

  it.each(cases)('%s', async (_name, event, status) => {
    const direct = webhook();
    const viaHono = webhook();
    const answer = await direct.handler(event);
    expect(answer.statusCode).toBe(status);
    expect(answer).toEqual(await viaHono.throughHono(event));
    expect(direct.enqueued).toEqual(viaHono.enqueued);
    expect(direct.enqueued.flat().length).toBe(JSON.parse(answer.body).received ?? 0);
  });

  it('reads a base64 body as the same bytes as the plain one', async () => {
    const plain = webhook();
    const encoded = webhook();
    await plain.handler(metaDelivery(comment));
    await encoded.handler(base64(metaDelivery(comment), comment));
    expect(encoded.enqueued.flat().map((e) => e.eventId)).toEqual([COMMENT_EVENT_ID]);
    expect(encoded.enqueued).toEqual(plain.enqueued);
  });

  it('finds the signature header in any spelling', async () => {
    const { handler } = webhook();
    const event = metaDelivery(comment);
    const signature = event.headers['x-hub-signature-256'] as string;
    const answer = await handler({ ...event, headers: { 'X-Hub-Signature-256': signature } });
    expect(answer.statusCode).toBe(200);
  });

  it('answers 503 when the queue refuses, 404 when X is not set up, 500 on an unexpected failure', async () => {
    const refusing = webhook({
      enqueue: async () => {
        throw new Error('queue unavailable');
      },
    });
    expect((await refusing.handler(metaDelivery(comment))).statusCode).toBe(503);
    expect(refusing.log.lines.map((l) => l.message)).toContain('meta webhook: could not enqueue events');

    const noX = webhook({}, {});
    const xEvent = httpApiEvent({ method: 'POST', path: '/webhooks/x', body: mention });
    expect(await noX.handler(xEvent)).toEqual(await noX.throughHono(xEvent));
    expect((await noX.handler(xEvent)).statusCode).toBe(404);

    const log = collectingLog();
    const broken = webhook({
      log: {
        ...log,
        info: () => {
          throw new Error('log sink gone');
        },
      },
    });
    const answer = await broken.handler(metaDelivery(comment));
    expect(answer).toEqual(await broken.throughHono(metaDelivery(comment)));
    expect(answer).toMatchObject({
      statusCode: 500,
      body: JSON.stringify({ error: 'internal error, retry later' }),
    });
    expect(log.lines.some((l) => l.level === 'error' && l.message === 'webhook: unexpected failure')).toBe(
      true,
    );
  });
});

describe('everything else goes through the hono app', () => {
  it('answers the Meta handshake and the X CRC check from Lambda events', async () => {
    const { handler } = webhook();
    const handshake = await handler(
      httpApiEvent({
        method: 'GET',
        path: '/webhooks/meta',
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token', 'hub.challenge': '1158201444' },
      }),
    );
    expect(handshake).toMatchObject({ statusCode: 200, body: '1158201444' });
    const crc = await handler(
      httpApiEvent({ method: 'GET', path: '/webhooks/x', query: { crc_token: 'abc' } }),
    );
    expect(crc.statusCode).toBe(200);
    expect(JSON.parse(crc.body).response_token).toMatch(/^sha256=/);
    const forged = await handler(
      httpApiEvent({ method: 'GET', path: '/webhooks/x', query: { crc_token: '{"for_user_id":"1"}' } }),
    );
    expect(forged.statusCode).toBe(400);
    expect(JSON.parse(forged.body)).not.toHaveProperty('response_token');
  });

  it('routes only exact delivery paths of payload-2.0 POSTs directly', () => {
    const comment = fixtureBytes('fb_feed_comment_add');
    expect(deliveryPlatform(metaDelivery(comment))).toBe('meta');
    expect(deliveryPlatform(httpApiEvent({ method: 'POST', path: '/webhooks/x' }))).toBe('x');
    expect(deliveryPlatform(httpApiEvent({ method: 'GET', path: '/webhooks/meta' }))).toBeUndefined();
    expect(deliveryPlatform(httpApiEvent({ method: 'POST', path: '/webhooks/meta/' }))).toBeUndefined();
    expect(deliveryPlatform(albEvent('/webhooks/meta', comment))).toBeUndefined();
  });

  it('answers a delivery from a load balancer through hono, verified the same way', async () => {
    const comment = fixtureBytes('fb_feed_comment_add');
    const { handler, enqueued } = webhook();
    const answer = await handler(albEvent('/webhooks/meta', comment));
    expect(answer.statusCode).toBe(200);
    expect(enqueued.flat().map((e) => e.eventId)).toEqual([COMMENT_EVENT_ID]);
    const unknown = await handler(httpApiEvent({ method: 'POST', path: '/webhooks/meta/', body: comment }));
    expect(unknown.statusCode).toBe(404);
  });
});

describe('rawBody', () => {
  it('gives the exact bytes of text and base64 bodies, and none for an empty one', () => {
    const bytes = new Uint8Array([0x7b, 0xc3, 0xa4, 0x5c, 0x75, 0x30, 0x30, 0x65, 0x34, 0x7d]);
    expect(rawBody(Buffer.from(bytes).toString('utf8'), false)).toEqual(Buffer.from(bytes));
    expect(rawBody(Buffer.from(bytes).toString('base64'), true)).toEqual(Buffer.from(bytes));
    expect(rawBody(null, false).byteLength).toBe(0);
    expect(rawBody('', true).byteLength).toBe(0);
  });
});

function albEvent(path: string, body: Uint8Array): LambdaEvent {
  return {
    httpMethod: 'POST',
    path,
    headers: { host: 'lb.example.com', 'x-hub-signature-256': signMetaBody(body, META_SECRET) },
    body: Buffer.from(body).toString('utf8'),
    isBase64Encoded: false,
    requestContext: {
      elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-central-1:0:targetgroup/t/1' },
    },
  };
}
