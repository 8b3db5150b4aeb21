import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
} from '../../devkit/payloads.js';
import { InboundEventSchema } from '../../shared/events.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';

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

/** Takes every message off the inbound queue as the raw bodies SQS holds, without handling them. */
async function takeInboundBodies(): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: system.stack.inboundQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body ?? ''));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: system.stack.inboundQueueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
      }),
    );
  }
}

/** Meta writes every non-ASCII character as a \uXXXX escape. */
function asMetaSendsIt(body: unknown): string {
  return JSON.stringify(body).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** SQS refuses any body with a character outside its set (the emulator does not check). */
const OUTSIDE_SQS_CHARSET = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('what reaches the inbound queue is something SQS accepts', () => {
  it('a signed comment with U+FFFF and U+FFFE is queued with a body in SQS’s character set, its text intact', async () => {
    const text = 'Wo bleibt mein Paket? \uFFFF kaputt \uFFFE';
    const response = await system.postMeta(asMetaSendsIt(facebookCommentDelivery({ pageId: PAGE_ID, text })));
    expect(response.status).toBe(200);
    const [body, ...rest] = await takeInboundBodies();
    expect(rest).toEqual([]);
    expect(body).toBeDefined();
    expect(OUTSIDE_SQS_CHARSET.test(body as string)).toBe(false);
    expect(InboundEventSchema.parse(JSON.parse(body as string)).text).toBe(text);
  });
});

/** One signed delivery carrying the changes of several single-comment deliveries. */
function batchOf(...deliveries: Array<ReturnType<typeof facebookCommentDelivery>>) {
  const [first] = deliveries;
  if (!first) throw new Error('no delivery');
  const entry = { ...first.entry[0], changes: deliveries.flatMap((d) => d.entry[0]?.changes ?? []) };
  return { ...first, entry: [entry] };
}

async function queuedTexts(): Promise<string[]> {
  return (await takeInboundBodies()).map((body) => InboundEventSchema.parse(JSON.parse(body)).text);
}

describe('ids of the platform’s shape only', () => {
  it('a signed comment whose id carries U+FFFD is refused on its own; the rest of the batch is queued', async () => {
    const bad = facebookCommentDelivery({
      pageId: PAGE_ID,
      commentId: '139560936744456_13956\uFFFD',
      text: 'Wo ist mein Paket?',
    });
    const good = facebookCommentDelivery({ pageId: PAGE_ID, text: 'Und meins auch nicht.' });
    const response = await system.postMeta(asMetaSendsIt(batchOf(bad, good)));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { received: number; refused: Array<{ reason: string }> };
    expect(answer.received).toBe(1);
    expect(answer.refused).toEqual([
      { type: 'malformed', reason: expect.stringMatching(/^entry\[0\]\.changes\[0\]\.value: comment_id: /) },
    ]);
    expect(await queuedTexts()).toEqual(['Und meins auch nicht.']);
    expect(system.log.lines.some((line) => line.level === 'warn' && line.message.includes('refused'))).toBe(
      true,
    );
  });

  it.each([
    ['a Messenger sender that is not a PSID', { senderId: 'USER_ID' }],
    ['a message id with a space', { mid: 'm_abc def' }],
  ])('a DM with %s is refused', async (_, override) => {
    const delivery = messengerDelivery({
      platform: 'facebook',
      accountId: PAGE_ID,
      text: 'Hallo',
      ...override,
    });
    const response = await system.postMeta(JSON.stringify(delivery));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { refused: unknown[] }).refused).toHaveLength(1);
    expect(await takeInboundBodies()).toEqual([]);
  });

  it('an entry whose account id is not a Graph id costs only its own items', async () => {
    const bad = facebookCommentDelivery({ pageId: '<PAGE_ID>', text: 'Platzhalter' });
    const good = facebookCommentDelivery({ pageId: PAGE_ID, text: 'Echte Seite' });
    const body = { object: 'page', entry: [...bad.entry, ...good.entry] };
    const response = await system.postMeta(JSON.stringify(body));
    expect(response.status).toBe(200);
    expect(await queuedTexts()).toEqual(['Echte Seite']);
  });
});

describe('texts no longer than the platform allows', () => {
  it('a Facebook comment over 8,000 characters is refused on its own, the rest of the batch goes on', async () => {
    const tooLong = facebookCommentDelivery({ pageId: PAGE_ID, text: 'a'.repeat(8_001) });
    // 8,000 characters as people count them, each a flag of two code points (16,000 UTF-16 units)
    const flags = '🇩🇪'.repeat(8_000);
    const atTheLimit = facebookCommentDelivery({ pageId: PAGE_ID, text: flags });
    const response = await system.postMeta(asMetaSendsIt(batchOf(tooLong, atTheLimit)));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { received: number; refused: Array<{ type: string }> };
    expect(answer.received).toBe(1);
    expect(answer.refused.map((r) => r.type)).toEqual(['text_too_long']);
    expect(await queuedTexts()).toEqual([flags]);
  });

  it('an event too large for the queue is refused on its own instead of failing the delivery', async () => {
    // 8,000 characters as people count them, each a letter stacked with 20 combining marks: about 330 KB
    const stacked = `a${'\u0301'.repeat(20)}`.repeat(8_000);
    const huge = facebookCommentDelivery({ pageId: PAGE_ID, text: stacked });
    const fine = facebookCommentDelivery({ pageId: PAGE_ID, text: 'Wo ist mein Paket?' });
    const response = await system.postMeta(asMetaSendsIt(batchOf(huge, fine)));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { received: number; refused: Array<{ type: string }> };
    expect(answer.refused.map((r) => r.type)).toEqual(['too_large']);
    expect(await queuedTexts()).toEqual(['Wo ist mein Paket?']);
  });

  it.each([
    [
      'an Instagram comment over 2,200',
      () => instagramCommentDelivery({ pageId: '17841400538867190', text: 'b'.repeat(2_201) }),
    ],
    [
      'a Messenger message over 20,000',
      () => messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, text: 'c'.repeat(20_001) }),
    ],
  ])('%s characters is refused', async (_, build) => {
    const response = await system.postMeta(JSON.stringify(build()));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { refused: unknown[] }).refused).toHaveLength(1);
    expect(await takeInboundBodies()).toEqual([]);
  });

  it('X: a post over 25,000 characters and a DM over 10,000 are refused; at the limits they are queued', async () => {
    const mention = (text: string) =>
      xMentionAccountActivity({ accountId: '1111111111111111111', accountHandle: 'brand', text });
    const dm = (text: string) =>
      xDirectMessageAccountActivity({ accountId: '1111111111111111111', customerId: '3001969357', text });
    for (const body of [mention('d'.repeat(25_001)), dm('e'.repeat(10_001))]) {
      const response = await system.postX(body);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { refused: unknown[] }).refused).toHaveLength(1);
    }
    expect(await takeInboundBodies()).toEqual([]);
    // '@brand ' and 24,993 letters: 25,000
    for (const body of [mention('f'.repeat(24_993)), dm('g'.repeat(10_000))]) {
      expect((await system.postX(body)).status).toBe(200);
    }
    expect(await takeInboundBodies()).toHaveLength(2);
  });
});
