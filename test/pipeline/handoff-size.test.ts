import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messengerDelivery } from '../../devkit/payloads.js';
import { QUEUE_MAX_MESSAGE_BYTES } from '../../shared/aws/queue-body.js';
import { HandoffMessageSchema } from '../../shared/handoff/schema.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const SENDER = '7100000000000001';

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

/** A long complaint: 4 bytes of UTF-8 per parcel, about 48 KB each. */
const longMessage = (n: number) => `Nachricht ${n}: Mein Paket ist seit Tagen weg! ${'📦'.repeat(12_000)}`;

describe('a hand-off with a transcript larger than the queue allows', () => {
  it('goes on the queue below its maximum size, the oldest messages left out and counted', async () => {
    const sent = 8;
    for (let n = 1; n <= sent; n++) {
      const delivery = messengerDelivery({
        platform: 'facebook',
        accountId: PAGE_ID,
        senderId: SENDER,
        text: longMessage(n),
        mid: `m_handoffsize${n}`,
        timestamp: Date.now() + n,
      });
      expect((await system.postMeta(JSON.stringify(delivery))).status).toBe(200);
      await system.drainInbound();
    }
    expect(system.log.lines.filter((line) => line.level === 'error')).toEqual([]);

    const raw = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: system.stack.handoffQueueUrl, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) break;
      raw.push(...Messages.map((m) => m.Body ?? ''));
      if (raw.length >= sent) break;
    }
    expect(raw).toHaveLength(sent);
    for (const body of raw) expect(Buffer.byteLength(body)).toBeLessThan(QUEUE_MAX_MESSAGE_BYTES);

    const last = HandoffMessageSchema.parse(JSON.parse(raw.at(-1) as string));
    expect(last.transcriptOmitted).toBeGreaterThan(0);
    const kept = last.transcript.map((entry) => entry.text);
    expect(kept.at(-1)).toBe(longMessage(sent));
    // the newest messages, in order, none of them cut
    expect(kept).toEqual(
      Array.from({ length: kept.length }, (_, i) => longMessage(sent - kept.length + 1 + i)),
    );
    const stored = await system.deps.store.listMessages(`facebook:${PAGE_ID}:dm:${SENDER}`);
    expect((last.transcriptOmitted ?? 0) + kept.length).toBe(stored.length);
  });
});
