import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../devkit/fixtures.js';
import { InboundEventSchema } from '../../shared/events.js';
import { normaliseMetaDelivery } from '../../shared/platforms/meta/normalise.js';
import { normaliseXDelivery } from '../../shared/platforms/x/normalise.js';
import { createWebhookApp } from '../../shared/webhook/app.js';
import { collectingLog, signMetaBody, startTestSystem, type TestSystem } from '../helpers/system.js';

const FIXTURES = readdirSync(fileURLToPath(new URL('../fixtures/', import.meta.url)))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const META_FIXTURES = FIXTURES.filter((n) => /^(fb|messenger|ig)_/.test(n) && !n.endsWith('error_response'));
const X_FIXTURES = FIXTURES.filter((n) => /^(x|xaa)_/.test(n) && n !== 'x_crc_response');

let system: TestSystem;
let sqs: SQSClient;
beforeAll(async () => {
  system = await startTestSystem();
  sqs = new SQSClient({});
});
afterAll(async () => {
  sqs.destroy();
  await system.stop();
});

/** Takes every message off the inbound queue, without handling it. */
async function takeInbound() {
  const bodies: unknown[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: system.stack.inboundQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        AttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return bodies;
    for (const m of Messages) {
      const event = InboundEventSchema.parse(JSON.parse(m.Body ?? ''));
      bodies.push({ event, group: m.Attributes?.MessageGroupId });
    }
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: system.stack.inboundQueueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
      }),
    );
  }
}

describe('every real payload through the webhook app, signed, onto the inbound queue', () => {
  it.each(META_FIXTURES)('Meta %s', async (name) => {
    const bytes = fixtureBytes(name);
    const response = await system.postMeta(bytes);
    expect(response.status).toBe(200);
    const expected = normaliseMetaDelivery(JSON.parse(bytes.toString('utf8')));
    expect(await response.json()).toEqual({
      received: expected.events.length,
      ignored: expected.ignored.length,
      ...(expected.refused.length > 0 ? { refused: expected.refused } : {}),
    });
    const queued = (await takeInbound()) as Array<{
      event: { eventId: string; threadKey: string };
      group: string;
    }>;
    // FIFO dedup may fold events of one delivery that share an id (the two-pages fixture); never loses one.
    expect(new Set(queued.map((q) => q.event.eventId))).toEqual(
      new Set(expected.events.map((e) => e.eventId)),
    );
    for (const q of queued) expect(q.group).toBe(q.event.threadKey);
  });

  it.each(X_FIXTURES)('X %s', async (name) => {
    const bytes = fixtureBytes(name);
    const response = await system.postX(bytes);
    expect(response.status).toBe(200);
    const expected = normaliseXDelivery(bytes.toString('utf8'));
    const queued = (await takeInbound()) as Array<{ event: { eventId: string } }>;
    expect(new Set(queued.map((q) => q.event.eventId))).toEqual(
      new Set(expected.events.map((e) => e.eventId)),
    );
  });
});

describe('answers for bad input and for our own failures', () => {
  it('verifies the unicode-escaped body on its exact bytes, and refuses a re-serialised one', async () => {
    const secret = 'e6af24be1d683c8c911949f897eea1f6';
    const app = createWebhookApp({
      settings: { meta: { appSecret: secret, verifyToken: 'v' }, x: {} },
      enqueue: async () => undefined,
      log: collectingLog(),
    });
    const raw = fixtureBytes('messenger_text_unicode_signed');
    const post = (body: Uint8Array | string, signature: string) =>
      app.request('/webhooks/meta', { method: 'POST', body, headers: { 'x-hub-signature-256': signature } });
    const header = 'sha256=7f202c12ba7dbbd1cb23d8a1b4af648fe22ea04456c0a926fcf8cb4e6da31ab4';
    expect(signMetaBody(raw, secret)).toBe(header);
    expect((await post(raw, header)).status).toBe(200);
    expect((await post(JSON.stringify(JSON.parse(raw.toString('utf8'))), header)).status).toBe(401);
  });

  it('401 for a missing, tampered or wrongly keyed signature', async () => {
    const body = fixtureBytes('fb_feed_comment_add');
    expect((await system.postMeta(body, { signature: null })).status).toBe(401);
    expect((await system.postMeta(body, { secret: 'another-secret' })).status).toBe(401);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3] = (tampered[tampered.length - 3] ?? 0) ^ 1;
    expect(
      (await system.postMeta(tampered, { signature: signMetaBody(body, system.config.meta.appSecret) }))
        .status,
    ).toBe(401);
  });

  it('400 with a reason for a body that is not JSON or not a Meta delivery', async () => {
    const notJson = await system.postMeta('{"object":"page",');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/^malformed body/);
    const wrongShape = await system.postMeta(JSON.stringify({ object: 'page', entry: 'nope' }));
    expect(wrongShape.status).toBe(400);
    expect(((await wrongShape.json()) as { error: string }).error).toMatch(/entry/);
  });

  it('acknowledges and logs what it does not act on', async () => {
    const response = await system.postMeta(fixtureBytes('fb_feed_reaction_add'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 0, ignored: 1 });
    expect(system.log.lines.some((l) => l.message === 'meta webhook: not acted on')).toBe(true);
  });

  it('answers 503 when the queue refuses, so the platform retries', async () => {
    const log = collectingLog();
    const app = createWebhookApp({
      settings: { meta: { appSecret: 's', verifyToken: 'v' }, x: {} },
      enqueue: async () => {
        throw new Error('queue unavailable');
      },
      log,
    });
    const body = fixtureBytes('fb_feed_comment_add');
    const response = await app.request('/webhooks/meta', {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': signMetaBody(body, 's') },
    });
    expect(response.status).toBe(503);
    expect(log.lines.some((l) => l.level === 'error')).toBe(true);
  });

  it('answers the subscription handshake with the raw challenge, and 403 for a wrong token', async () => {
    const ok = await system.webhook.request(
      `/webhooks/meta?hub.mode=subscribe&hub.verify_token=${system.config.meta.verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await system.webhook.request(
      '/webhooks/meta?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1',
    );
    expect(wrong.status).toBe(403);
  });
});
