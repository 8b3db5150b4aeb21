import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookCommentDelivery } from '../../scripts/payloads.js';
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
