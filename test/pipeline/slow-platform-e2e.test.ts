import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
} from '../../devkit/payloads.js';
import { STAND_IN_ACCOUNTS } from '../../devkit/platform-stand-ins.js';
import type { Fault, RecordedCall } from '../../devkit/recording-server.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

/**
 * A platform that does the work and then fails the answer (a 500, a reset connection, a closed
 * one, or no answer past the client's timeout): the responder looks before anything else, so
 * exactly one reply exists on the platform, also after the event is delivered again.
 */
const PAGE_ID = STAND_IN_ACCOUNTS.facebook;
const IG_ID = STAND_IN_ACCOUNTS.instagram;
const X_ID = STAND_IN_ACCOUNTS.x;
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';
const FAULTS: Fault[] = ['error_500', 'reset', 'close', 'stall'];

let system: TestSystem;
let seq = 0;
const uniqueId = () => `${Date.now()}${++seq}`;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});
beforeEach(async () => {
  system.graph.reset();
  system.xApi.reset();
  system.outcomes.length = 0;
  await system.takeHandoffs();
});

const posting = (pathEnd: string) => (call: RecordedCall) =>
  call.method === 'POST' && call.path.endsWith(pathEnd);

/** Delivers and handles an event, then has the responder see it again, as SQS would redeliver it. */
async function deliverTwice(post: () => Promise<Response>) {
  const before = system.enqueued.length;
  expect((await post()).status).toBe(200);
  await system.drainInbound();
  await system.redeliver(system.enqueued.slice(before));
}

/** The fault happened, and the responder looked on the platform after it. */
function expectLookedUp() {
  const calls = [...system.graph.calls, ...system.xApi.calls];
  expect(calls.filter((c) => c.method === 'GET').length).toBeGreaterThan(0);
}

describe.each(FAULTS)('the platform creates the reply and then fails the answer (%s)', (fault) => {
  it('Facebook comment: one public reply, settled sent with its id', async () => {
    const commentId = `111_${uniqueId()}`;
    system.graph.faultAfterHandling(posting('/comments'), fault);
    const delivery = facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT });
    await deliverTwice(() => system.postMeta(JSON.stringify(delivery)));

    const onPlatform = system.graph.contents.in(commentId);
    expect(onPlatform).toHaveLength(1);
    const replies = await system.deps.store.listReplies(`facebook:${PAGE_ID}:comment:${commentId}`);
    expect(replies.find((r) => r.kind === 'public')).toMatchObject({
      status: 'sent',
      platformId: onPlatform[0]?.id,
    });
    expectLookedUp();
  });

  it('Messenger DM: one message in the conversation', async () => {
    const sender = `7${uniqueId()}`;
    system.graph.faultAfterHandling(posting(`/${PAGE_ID}/messages`), fault);
    await deliverTwice(() =>
      system.postMeta(
        JSON.stringify(
          messengerDelivery({
            platform: 'facebook',
            accountId: PAGE_ID,
            senderId: sender,
            text: COMPLEX_TEXT,
          }),
        ),
      ),
    );
    const onPlatform = system.graph.contents.in(`${PAGE_ID}|${sender}`);
    expect(onPlatform).toHaveLength(1);
    const [reply] = await system.deps.store.listReplies(`facebook:${PAGE_ID}:dm:${sender}`);
    expect(reply).toMatchObject({ status: 'sent', platformId: onPlatform[0]?.id });
    expectLookedUp();
  });

  it('Instagram comment: one reply under the comment', async () => {
    const commentId = uniqueId();
    system.graph.faultAfterHandling(posting('/replies'), fault);
    await deliverTwice(() =>
      system.postMeta(
        JSON.stringify(instagramCommentDelivery({ pageId: IG_ID, commentId, text: COMPLEX_TEXT })),
      ),
    );
    expect(system.graph.contents.in(commentId)).toHaveLength(1);
    expectLookedUp();
  });

  it('X mention: one reply post', async () => {
    const tweetId = `1332557345071${String(600001 + seq * 2).padStart(6, '0')}`;
    system.xApi.faultAfterHandling(posting('/2/tweets'), fault);
    await deliverTwice(() =>
      system.postX(
        xMentionAccountActivity({
          accountId: X_ID,
          accountHandle: 'ParcelExpress',
          text: COMPLEX_TEXT,
          tweetId,
        }),
      ),
    );
    expect(system.xApi.contents.in(`tweets|${tweetId}`)).toHaveLength(1);
    expectLookedUp();
  });

  it('X DM: one direct message', async () => {
    const customerId = `77${uniqueId()}`;
    system.xApi.faultAfterHandling(posting('/messages'), fault);
    const body = xDirectMessageAccountActivity({ accountId: X_ID, customerId, text: COMPLEX_TEXT });
    await deliverTwice(() => system.postX(body));
    expect(system.xApi.contents.in(`dm|${customerId}`)).toHaveLength(1);
    expectLookedUp();
  });
});

describe('a reply the platform cannot show', () => {
  it('a private reply from a comment that may have gone out is in doubt: never resent, a person gets the case with the reason', async () => {
    const commentId = `222_${uniqueId()}`;
    system.graph.faultAfterHandling(posting(`/${PAGE_ID}/messages`), 'reset');
    const body = JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT }));
    await deliverTwice(() => system.postMeta(body));

    expect(system.graph.calls.filter(posting(`/${PAGE_ID}/messages`))).toHaveLength(1);
    const replies = await system.deps.store.listReplies(`facebook:${PAGE_ID}:comment:${commentId}`);
    expect(replies.find((r) => r.kind === 'private')).toMatchObject({
      status: 'in_doubt',
      errorClass: 'server_error',
    });
    const [handoff, ...more] = await system.takeHandoffs();
    expect(more).toHaveLength(0);
    expect(handoff?.reasons).toContain('reply_in_doubt:private:server_error');
    expect(handoff?.reasons.find((r) => r.startsWith('reply in doubt (private)'))).toMatch(
      /no longer allows a private reply/,
    );
  });

  it('a failed look is in doubt too: the reply is not sent again', async () => {
    const sender = `7${uniqueId()}`;
    system.graph.faultAfterHandling(posting(`/${PAGE_ID}/messages`), 'error_500');
    system.graph.on((call) =>
      call.method === 'GET' && call.path.endsWith('/conversations')
        ? { status: 503, body: { error: { message: 'Service temporarily unavailable', code: 2 } } }
        : undefined,
    );
    await deliverTwice(() =>
      system.postMeta(
        JSON.stringify(
          messengerDelivery({
            platform: 'facebook',
            accountId: PAGE_ID,
            senderId: sender,
            text: COMPLEX_TEXT,
          }),
        ),
      ),
    );
    expect(system.graph.contents.in(`${PAGE_ID}|${sender}`)).toHaveLength(1);
    const [reply] = await system.deps.store.listReplies(`facebook:${PAGE_ID}:dm:${sender}`);
    expect(reply?.status).toBe('in_doubt');
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons).toContain('reply_in_doubt:private:server_error');
  });

  it('a 500 that created nothing is retried, and the reply then exists once', async () => {
    const sender = `7${uniqueId()}`;
    system.graph.queueFor(posting(`/${PAGE_ID}/messages`), {
      status: 500,
      body: { error: { message: 'An unknown error occurred', code: 1 } },
    });
    const body = JSON.stringify(
      messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, senderId: sender, text: COMPLEX_TEXT }),
    );
    await system.postMeta(body);
    await system.drainInbound();
    const [first] = await system.deps.store.listReplies(`facebook:${PAGE_ID}:dm:${sender}`);
    expect(first?.status).toBe('retry');
    await system.waitForRedelivery();
    await system.drainInbound();
    expect(system.graph.contents.in(`${PAGE_ID}|${sender}`)).toHaveLength(1);
    const [settled] = await system.deps.store.listReplies(`facebook:${PAGE_ID}:dm:${sender}`);
    expect(settled?.status).toBe('sent');
  });
});
