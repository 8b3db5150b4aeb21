import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  facebookCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
} from '../../devkit/payloads.js';
import { STAND_IN_ACCOUNTS } from '../../devkit/platform-stand-ins.js';
import type { RecordedCall } from '../../devkit/recording-server.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

/**
 * Retries wait as long as the platform asks (the record's visibility is changed to the backoff),
 * and a reply whose retry budget is used up goes to a person with the reason, never silently to
 * the dead-letter queue. The test system's backoff is about a second; the clock is set where the
 * budget matters.
 */
const PAGE_ID = STAND_IN_ACCOUNTS.facebook;
const X_ID = STAND_IN_ACCOUNTS.x;
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let system: TestSystem;
let sqs: SQSClient;
let seq = 0;
const uniqueId = () => `${Date.now()}${++seq}`;

beforeAll(async () => {
  system = await startTestSystem();
  sqs = new SQSClient({});
});
afterAll(async () => {
  sqs.destroy();
  await system.stop();
});
beforeEach(async () => {
  system.setNow(new Date());
  system.graph.reset();
  system.xApi.reset();
  system.log.lines.length = 0;
  await system.takeHandoffs();
});

const posting = (pathEnd: string) => (call: RecordedCall) =>
  call.method === 'POST' && call.path.endsWith(pathEnd);
const unavailable = { status: 503, body: { error: { message: 'Service temporarily unavailable', code: 2 } } };

/** The delays the responder asked the queue for, in seconds. */
const requestedDelays = () =>
  system.log.lines
    .filter((l) => l.message === 'reply to be retried later')
    .map((l) => (l.extra[0] as { delaySeconds: number }).delaySeconds);

async function messagesIn(queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

describe("backoff that respects the platform's hint", () => {
  it("waits as long as Meta's Business Use Case header says, not the queue's visibility timeout", async () => {
    const sender = `7${uniqueId()}`;
    const usage = JSON.stringify({
      [PAGE_ID]: [{ type: 'messenger', call_count: 100, estimated_time_to_regain_access: 1 }],
    });
    system.graph.queueFor(posting(`/${PAGE_ID}/messages`), {
      status: 400,
      body: { error: { message: 'User request limit reached', code: 80006 } },
      headers: { 'x-business-use-case-usage': usage },
    });
    await system.postMeta(
      JSON.stringify(
        messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, senderId: sender, text: COMPLEX_TEXT }),
      ),
    );
    await system.drainInbound();
    expect(requestedDelays()).toEqual([60]);
    // Past the queue's own visibility timeout the record is still hidden: the hint holds it.
    await system.waitForRedelivery();
    expect(await system.drainInbound()).toBe(0);
    expect(system.graph.calls.filter(posting('/messages'))).toHaveLength(1);
    expect(await messagesIn(system.stack.inboundQueueUrl)).toBeGreaterThan(0);
  });

  it("waits until X's x-rate-limit-reset, then sends once", async () => {
    const now = new Date();
    system.setNow(now);
    const resetAt = Math.floor(now.getTime() / 1000) + 2;
    system.xApi.queueFor(posting('/messages'), {
      status: 429,
      body: { title: 'Too Many Requests', errors: [{ code: 88, message: 'Rate limit exceeded' }] },
      headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetAt) },
    });
    const customerId = `88${uniqueId()}`;
    await system.postX(xDirectMessageAccountActivity({ accountId: X_ID, customerId, text: COMPLEX_TEXT }));
    await system.drainInbound();
    expect(requestedDelays()).toEqual([Math.ceil((resetAt * 1000 - now.getTime()) / 1000)]);

    system.setNow(new Date(resetAt * 1000 + 1));
    await system.waitForRedelivery();
    await system.drainInbound();
    expect(system.xApi.contents.in(`dm|${customerId}`)).toHaveLength(1);
  });
});

describe('a retry budget per kind of reply, then a person', () => {
  it('an acknowledgement is given up after an hour: failed with the reason, the case to a person, nothing in the DLQ', async () => {
    const t0 = new Date('2026-12-07T09:42:00Z');
    system.setNow(t0);
    // An earlier test's record may still wait out its hint.
    const waiting = await messagesIn(system.stack.inboundQueueUrl);
    const commentId = `555_${uniqueId()}`;
    const conversationId = `facebook:${PAGE_ID}:comment:${commentId}`;
    system.graph.queueFor(posting('/comments'), unavailable);
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT })),
    );
    await system.drainInbound();
    const first = (await system.deps.store.listReplies(conversationId)).find((r) => r.kind === 'public');
    expect(first).toMatchObject({ status: 'retry', firstFailedAt: t0.toISOString() });

    // Still unavailable at the next attempt, an hour and a minute later.
    system.setNow(new Date(t0.getTime() + HOUR + MINUTE));
    system.graph.queueFor(posting('/comments'), unavailable);
    await system.waitForRedelivery();
    await system.drainInbound();

    const replies = await system.deps.store.listReplies(conversationId);
    expect(replies.find((r) => r.kind === 'public')).toMatchObject({
      status: 'failed',
      errorClass: 'server_error',
    });
    const [handoff, ...more] = await system.takeHandoffs();
    expect(more).toHaveLength(0);
    expect(handoff?.reasons).toContain('not acknowledged: facebook unavailable since 10:42 (Europe/Berlin)');
    expect(system.graph.contents.in(commentId)).toHaveLength(0);
    expect(await messagesIn(system.stack.inboundQueueUrl)).toBe(waiting);
    expect(await messagesIn(system.stack.inboundDeadLetterQueueUrl)).toBe(0);
  });

  it("an answer to a DM keeps being retried after an hour, and is given up when the customer's 24 h have passed", async () => {
    const t0 = new Date();
    system.setNow(t0);
    const customerId = `99${uniqueId()}`;
    const conversationId = `x:${X_ID}:dm:${customerId}`;
    system.xApi.queueFor(posting('/messages'), unavailable);
    await system.postX(xDirectMessageAccountActivity({ accountId: X_ID, customerId, text: COMPLEX_TEXT }));
    await system.drainInbound();

    system.setNow(new Date(t0.getTime() + 2 * HOUR));
    system.xApi.queueFor(posting('/messages'), unavailable);
    await system.waitForRedelivery();
    await system.drainInbound();
    expect((await system.deps.store.listReplies(conversationId))[0]).toMatchObject({
      status: 'retry',
      attempts: 2,
    });

    system.setNow(new Date(t0.getTime() + 25 * HOUR));
    system.xApi.queueFor(posting('/messages'), unavailable);
    await system.waitForRedelivery();
    await system.drainInbound();
    expect((await system.deps.store.listReplies(conversationId))[0]).toMatchObject({ status: 'failed' });
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons.find((r) => r.startsWith('not answered:'))).toMatch(
      /^not answered: x unavailable since \d\d:\d\d \(Europe\/Berlin\)$/,
    );
    expect(system.xApi.contents.in(`dm|${customerId}`)).toHaveLength(0);
  });
});
