import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { normaliseMetaDelivery } from '../../shared/platforms/meta/normalise.js';
import { POLICY_TEXT_LIMIT } from '../../shared/policy/index.js';
import { createResponderDeps } from '../../shared/responder/deps.js';
import { createResponderHandler } from '../../shared/responder/sqs-handler.js';
import { STUCK_AFTER_RECEIVES } from '../../shared/responder/stuck-events.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const TEXT = 'Meine Bestellung ORD-7654321 ist nie angekommen, ich warte seit zwei Wochen!';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});

/** An SQS record as the event source mapping hands it to Lambda, for one customer comment. */
function recordFor(
  commentId: string,
  threadRootId: string,
  messageId: string,
  text = TEXT,
  receives = 1,
): SQSRecord {
  const delivery = facebookCommentDelivery({
    pageId: PAGE_ID,
    commentId,
    parentCommentId: threadRootId === commentId ? undefined : threadRootId,
    text,
  });
  const [event] = normaliseMetaDelivery(delivery).events;
  if (!event) throw new Error('no event');
  return {
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify(event),
    attributes: {
      ApproximateReceiveCount: String(receives),
      SentTimestamp: String(Date.now()),
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      MessageGroupId: event.threadKey,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:inbound.fifo',
    awsRegion: 'local',
  };
}

describe('the responder on a FIFO batch', () => {
  it('fails only the group whose record failed, with the records after it, and handles the others', async () => {
    const stamp = Date.now();
    const rootA = `${stamp}_1`;
    const rootB = `${stamp}_2`;
    // The Graph API refuses everything under conversation A (a rate limit: certainly not done).
    system.graph.on((call) =>
      call.path.includes(rootA)
        ? { status: 400, body: { error: { code: 4, message: 'Application request limit reached' } } }
        : undefined,
    );
    const batch: SQSEvent = {
      Records: [
        recordFor(rootA, rootA, 'a1'),
        recordFor(rootB, rootB, 'b1'),
        recordFor(`${stamp}_3`, rootA, 'a2'),
        recordFor(`${stamp}_4`, rootB, 'b2'),
      ],
    };
    const handler = createResponderHandler(system.deps);
    const result = await handler(batch, {} as Context);

    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a1', 'a2']);
    const b = await system.deps.store.getConversation(`facebook:${PAGE_ID}:comment:${rootB}`);
    expect(b?.status).toBe('handed_off');
    const a2 = await system.deps.store.listMessages(`facebook:${PAGE_ID}:comment:${rootA}`);
    // a2 was never started: FIFO order within the conversation holds.
    expect(a2.filter((m) => m.direction === 'in').map((m) => m.messageId)).toEqual([rootA]);
  });

  it('stores a comment at the Facebook limit in full while the policy reads its first POLICY_TEXT_LIMIT characters', async () => {
    const root = `${Date.now()}_9`;
    const opening = 'Hallo, eine Frage zu eurem Service. ';
    const text =
      `${opening}${'bla '.repeat(2000).slice(0, POLICY_TEXT_LIMIT - opening.length)} PX123456789DE`.padEnd(
        8000,
        ' bla',
      );
    const handler = createResponderHandler(system.deps);
    const result = await handler({ Records: [recordFor(root, root, 'long', text)] }, {} as Context);

    expect(result.batchItemFailures).toEqual([]);
    const conversationId = `facebook:${PAGE_ID}:comment:${root}`;
    const [stored] = await system.deps.store.listMessages(conversationId);
    expect(stored?.text).toBe(text);
    expect(stored?.text.length).toBe(8000);
    // the tracking number sits after the prefix: the decision did not read it
    expect((await system.deps.store.getConversation(conversationId))?.personalData ?? []).toEqual([]);
  });

  it('hands a message that keeps failing for a reason of ours to a person, once, while the queue retries it', async () => {
    await system.takeHandoffs();
    // The table is missing: every attempt fails in our storage, never at a platform.
    const broken = createResponderDeps({ ...system.config, tableName: 'no-such-table' }, system.log);
    const handler = createResponderHandler(broken, { maxReceiveCount: 100 });
    const root = `${Date.now()}_7`;
    const early = await handler({ Records: [recordFor(root, root, 'r1', TEXT, 2)] }, {} as Context);
    expect(early.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['r1']);
    expect(await system.takeHandoffs()).toEqual([]);

    for (const receives of [STUCK_AFTER_RECEIVES, STUCK_AFTER_RECEIVES + 1]) {
      const stuck = await handler({ Records: [recordFor(root, root, 'r1', TEXT, receives)] }, {} as Context);
      expect(stuck.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['r1']);
    }
    const notTold = system.log.lines.filter((l) => l.message.startsWith('event keeps failing and could not'));
    expect(notTold).toEqual([]);
    const handoffs = await system.takeHandoffs();
    // both receives published the same hand-off: the queue's deduplication keeps one
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]?.transcript.map((t) => t.text)).toEqual([TEXT]);
    expect(handoffs[0]?.reasons.some((r) => r.startsWith('processing_failed: '))).toBe(true);
    expect(handoffs[0]?.personalData.length).toBeGreaterThan(0);
  });
});
