import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookCommentDelivery, messengerDelivery } from '../../devkit/payloads.js';
import { STAND_IN_ACCOUNTS } from '../../devkit/platform-stand-ins.js';
import type { Fault, RecordedCall } from '../../devkit/recording-server.js';
import { type AgentTestSystem, conversationPath, startAgentTestSystem } from './agent-system.js';

/**
 * An agent's reply through the agent API takes the responder's path: a platform that creates the
 * reply and then fails the answer never gets it twice, also when the agent's tool sends the same
 * request again.
 */
const PAGE_ID = STAND_IN_ACCOUNTS.facebook;
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';
const FAULTS: Fault[] = ['error_500', 'reset', 'close', 'stall'];

let system: AgentTestSystem;
let seq = 0;
const uniqueId = () => `${Date.now()}${++seq}`;

beforeAll(async () => {
  system = await startAgentTestSystem();
});
afterAll(async () => {
  await system.stop();
});
beforeEach(async () => {
  system.graph.reset();
  await system.takeHandoffs();
});

const posting = (pathEnd: string) => (call: RecordedCall) =>
  call.method === 'POST' && call.path.endsWith(pathEnd);

/** A case handed off by the responder and claimed by alice. */
async function claimedCase(delivery: unknown, conversationId: string) {
  await system.postMeta(JSON.stringify(delivery));
  await system.drainInbound();
  expect((await system.api('POST', conversationPath(conversationId, 'claim'))).status).toBe(200);
  system.graph.reset();
}

async function replyTwice(conversationId: string, text: string, kind: 'public' | 'private') {
  const send = () =>
    system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text, kind },
      headers: { 'idempotency-key': `slow-${conversationId}` },
    });
  const first = await send();
  const again = await send();
  return { first, again };
}

describe.each(FAULTS)('an agent reply the platform creates and then fails to confirm (%s)', (fault) => {
  it('Messenger: one message, reported sent with its id; the repeated request is a replay', async () => {
    const sender = `7${uniqueId()}`;
    const conversationId = `facebook:${PAGE_ID}:dm:${sender}`;
    await claimedCase(
      messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, senderId: sender, text: COMPLEX_TEXT }),
      conversationId,
    );
    system.graph.faultAfterHandling(posting(`/${PAGE_ID}/messages`), fault);
    const { first, again } = await replyTwice(conversationId, 'Wir haben dein Paket gefunden.', 'private');

    const onPlatform = system.graph.contents.in(`${PAGE_ID}|${sender}`);
    expect(onPlatform).toHaveLength(1);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: 'sent', platformId: onPlatform[0]?.id });
    expect(again.json).toMatchObject({ status: 'sent', replayed: true });
  });

  it('Facebook comment: one public reply', async () => {
    const commentId = `301_${uniqueId()}`;
    const conversationId = `facebook:${PAGE_ID}:comment:${commentId}`;
    await claimedCase(
      facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT }),
      conversationId,
    );
    system.graph.faultAfterHandling(posting('/comments'), fault);
    const { first } = await replyTwice(conversationId, 'Wir melden uns per Nachricht.', 'public');
    expect(system.graph.contents.in(commentId)).toHaveLength(1);
    expect(first.status).toBe(201);
  });
});

describe('an agent reply the platform cannot show', () => {
  it('is in doubt (409): not sent again, and the agent is told to look', async () => {
    const commentId = `302_${uniqueId()}`;
    const conversationId = `facebook:${PAGE_ID}:comment:${commentId}`;
    await claimedCase(
      facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT }),
      conversationId,
    );
    system.graph.faultAfterHandling(posting('/comments'), 'stall');
    system.graph.on((call) =>
      call.method === 'GET'
        ? { status: 500, body: { error: { message: 'unavailable', code: 2 } } }
        : undefined,
    );
    const { first, again } = await replyTwice(conversationId, 'Wir sind dran.', 'public');
    expect(first).toMatchObject({ status: 409, json: { error: 'reply_in_doubt' } });
    expect(again).toMatchObject({ status: 409, json: { error: 'reply_in_doubt' } });
    expect(system.graph.calls.filter(posting('/comments'))).toHaveLength(1);
  });
});
