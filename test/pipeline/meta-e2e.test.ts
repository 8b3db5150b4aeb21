import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../devkit/fixtures.js';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  messengerDelivery,
} from '../../devkit/payloads.js';
import type { RecordedCall } from '../../devkit/recording-server.js';
import { GRAPH_API_VERSION } from '../../shared/config.js';
import { normaliseMetaDelivery } from '../../shared/platforms/meta/normalise.js';
import { decide } from '../../shared/policy/index.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const IG_ID = '17841400538867190';
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';

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
  system.outcomes.length = 0;
  await system.takeHandoffs();
});

/** The replies posted (lookups of what was posted are GETs to the same paths). */
const callsTo = (suffix: string) =>
  system.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith(suffix));

describe('a customer comment on a Facebook page, end to end', () => {
  it('stores one conversation, replies publicly on the comment, replies privately and hands off once', async () => {
    const commentId = `111_${uniqueId()}`;
    const body = JSON.stringify(
      facebookCommentDelivery({ pageId: PAGE_ID, commentId, postId: `${PAGE_ID}_111`, text: COMPLEX_TEXT }),
    );
    const response = await system.postMeta(body);
    expect(response.status).toBe(200);
    await system.drainInbound();
    expect(system.outcomes.filter((o) => !o.duplicate)).toHaveLength(1);

    const publicReplies = callsTo('/comments');
    expect(publicReplies).toHaveLength(1);
    expect(publicReplies[0]?.path).toBe(`/${GRAPH_API_VERSION}/${commentId}/comments`);
    expect(publicReplies[0]?.headers.authorization).toBe('Bearer test-page-token');
    const publicText = (publicReplies[0]?.json as { message: string } | undefined)?.message;
    expect(publicText).not.toContain('PX123456789DE');

    const privateReplies = callsTo('/messages');
    expect(privateReplies).toHaveLength(1);
    expect(privateReplies[0]?.path).toBe(`/${GRAPH_API_VERSION}/${PAGE_ID}/messages`);
    expect(privateReplies[0]?.json).toMatchObject({ recipient: { comment_id: commentId } });

    const conversationId = `facebook:${PAGE_ID}:comment:${commentId}`;
    const conversation = await system.deps.store.getConversation(conversationId);
    expect(conversation).toMatchObject({
      conversationId,
      platform: 'facebook',
      status: 'handed_off',
      automaticReplies: 1,
    });
    // The outcome carries the conversation as written: the service-level metrics read it there.
    expect(system.outcomes.find((o) => !o.duplicate)?.conversation).toEqual(conversation);
    const messages = await system.deps.store.listMessages(conversationId);
    expect(messages.map((m) => [m.direction, m.sentBy])).toEqual([
      ['in', 'customer'],
      ['out', 'bot'],
      ['out', 'bot'],
    ]);

    const handoffs = await system.takeHandoffs();
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]).toMatchObject({
      type: 'new',
      conversationId,
      platform: 'facebook',
      channel: 'comment',
      accountId: PAGE_ID,
      complex: true,
    });
    expect(handoffs[0]?.personalData).toContain('tracking_number');
    expect(handoffs[0]?.transcript[0]?.text).toBe(COMPLEX_TEXT);
    expect(handoffs[0]?.links.dm).toMatch(/^https:\/\/m\.me\//);
  });

  it('answers the same delivery sent twice, and two deliveries sent concurrently, only once', async () => {
    const commentId = `222_${uniqueId()}`;
    const body = JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT }));
    const [a, b] = await Promise.all([system.postMeta(body), system.postMeta(body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await system.drainInbound();
    expect((await system.postMeta(body)).status).toBe(200);
    await system.drainInbound();

    expect(callsTo('/comments')).toHaveLength(1);
    expect(callsTo('/messages')).toHaveLength(1);
    expect(await system.takeHandoffs()).toHaveLength(1);
  });

  it('does not post twice when the queue dedup window has passed and the responder sees the event again', async () => {
    const commentId = `333_${uniqueId()}`;
    const delivery = facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT });
    await system.postMeta(JSON.stringify(delivery));
    await system.drainInbound();
    // A Meta retry hours later: different bytes (new entry time), same comment.
    const [entry] = delivery.entry;
    if (entry) entry.time += 3600;
    await system.postMeta(JSON.stringify(delivery));
    await system.drainInbound();
    expect(callsTo('/comments')).toHaveLength(1);
    expect(system.outcomes.filter((o) => o.duplicate)).toHaveLength(system.outcomes.length - 1);
  });
});

describe('own activity', () => {
  it('never answers the page itself, and records its comment in the conversation', async () => {
    const commentId = `444_${uniqueId()}`;
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT })),
    );
    await system.drainInbound();
    system.graph.reset();

    // A community manager answers as the page, in the thread of that comment.
    const own = facebookCommentDelivery({
      pageId: PAGE_ID,
      fromId: PAGE_ID,
      fromName: 'ParcelExpress',
      parentCommentId: commentId,
      text: 'Hallo Erika, wir haben dir eine Nachricht geschickt.',
    });
    await system.postMeta(JSON.stringify(own));
    await system.drainInbound();
    expect(system.graph.calls).toHaveLength(0);
    const conversation = await system.deps.store.getConversation(`facebook:${PAGE_ID}:comment:${commentId}`);
    expect(conversation?.humanReplied).toBe(true);
  });

  it('ignores the fixtures of the page commenting and of Messenger and Instagram echoes', async () => {
    for (const name of ['fb_feed_comment_by_page', 'messenger_echo', 'ig_echo_self', 'ig_comment_self']) {
      expect((await system.postMeta(fixtureBytes(name))).status).toBe(200);
    }
    await system.drainInbound();
    expect(system.graph.calls).toHaveLength(0);
    expect(await system.takeHandoffs()).toHaveLength(0);
  });
});

describe('direct messages and Instagram', () => {
  it('answers a Messenger DM inside the window with messaging_type RESPONSE', async () => {
    const sender = `7${uniqueId()}`;
    await system.postMeta(
      JSON.stringify(
        messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, senderId: sender, text: COMPLEX_TEXT }),
      ),
    );
    await system.drainInbound();
    const sends = callsTo('/messages');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.json).toMatchObject({ recipient: { id: sender }, messaging_type: 'RESPONSE' });
    expect(callsTo('/comments')).toHaveLength(0);
    const [handoff] = await system.takeHandoffs();
    expect(handoff).toMatchObject({ channel: 'dm', conversationId: `facebook:${PAGE_ID}:dm:${sender}` });
  });

  it('replies to an Instagram comment under /replies', async () => {
    const commentId = uniqueId();
    await system.postMeta(
      JSON.stringify(instagramCommentDelivery({ pageId: IG_ID, commentId, text: COMPLEX_TEXT })),
    );
    await system.drainInbound();
    const replies = callsTo('/replies');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.path).toBe(`/${GRAPH_API_VERSION}/${commentId}/replies`);
    expect(replies[0]?.json).toMatchObject({ message: expect.stringContaining('ig.me/m/') });
  });
});

describe('Graph API failures', () => {
  const publicReplies = (call: RecordedCall) => call.path.endsWith('/comments');

  it('retries a 500 later and posts exactly once when the platform recovers', async () => {
    const commentId = `555_${uniqueId()}`;
    system.graph.queueFor(publicReplies, {
      status: 500,
      body: { error: { message: 'An unknown error occurred', code: 1, type: 'OAuthException' } },
    });
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT })),
    );
    await system.drainInbound();
    expect(callsTo('/comments')).toHaveLength(1);
    // The two replies go out at once: the private one is sent, only the public one waits.
    const first = await system.deps.store.listReplies(`facebook:${PAGE_ID}:comment:${commentId}`);
    expect(first.find((r) => r.kind === 'public')).toMatchObject({
      status: 'retry',
      errorClass: 'server_error',
    });
    expect(first.find((r) => r.kind === 'private')).toMatchObject({ status: 'sent', attempts: 1 });

    await system.waitForRedelivery();
    await system.drainInbound();
    const replies = await system.deps.store.listReplies(`facebook:${PAGE_ID}:comment:${commentId}`);
    expect(replies.map((r) => [r.kind, r.status])).toEqual([
      ['private', 'sent'],
      ['public', 'sent'],
    ]);
    expect(callsTo('/comments')).toHaveLength(2);
    expect(await system.takeHandoffs()).toHaveLength(1);
  });

  it('backs off on rate limits (code 4 and 613) and then posts once', async () => {
    const commentId = `666_${uniqueId()}`;
    system.graph.queueFor(publicReplies, {
      status: 400,
      body: { error: { message: 'Application request limit reached', code: 4, type: 'OAuthException' } },
    });
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT })),
    );
    await system.drainInbound();
    system.graph.queueFor(publicReplies, {
      status: 400,
      body: {
        error: {
          message: 'Calls to this api have exceeded the rate limit.',
          code: 613,
          type: 'OAuthException',
        },
      },
    });
    await system.waitForRedelivery();
    await system.drainInbound();
    await system.waitForRedelivery();
    await system.drainInbound();
    const replies = await system.deps.store.listReplies(`facebook:${PAGE_ID}:comment:${commentId}`);
    expect(replies.find((r) => r.kind === 'public')).toMatchObject({ status: 'sent', attempts: 3 });
    // Two calls refused, the third posted: once.
    expect(callsTo('/comments')).toHaveLength(3);
  });

  it('never sends again a reply that was in flight when an attempt died: it is in doubt and a person gets the case', async () => {
    const commentId = `888_${uniqueId()}`;
    const payload = facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT });
    const [event] = normaliseMetaDelivery(payload).events;
    if (!event) throw new Error('the delivery has no event');
    const conversationId = `facebook:${PAGE_ID}:comment:${commentId}`;
    // What an attempt that died during its platform calls leaves: the customer's message, the
    // event record with its decision, and no reply recorded.
    const { brand, account } = system.deps.brands.forAccount('facebook', PAGE_ID);
    const decision = decide({
      event,
      brand,
      account,
      now: new Date(),
      conversation: { automaticReplies: 0, humanReplied: false, handedOff: false, recentTemplateIds: [] },
    });
    expect(decision.publicReply).toBeDefined();
    expect(decision.privateReply).toBeDefined();
    await system.deps.store.recordMessage(
      {
        conversationId,
        messageId: event.messageId,
        eventId: event.eventId,
        direction: 'in',
        sentBy: 'customer',
        channel: event.channel,
        author: event.author,
        text: event.text,
        occurredAt: event.occurredAt,
      },
      'facebook',
    );
    await system.deps.store.openEvent(event.eventId, { conversationId, decision });

    await system.postMeta(JSON.stringify(payload));
    await system.drainInbound();
    expect(system.graph.calls).toHaveLength(0);
    const replies = await system.deps.store.listReplies(conversationId);
    expect(replies.map((r) => [r.kind, r.status])).toEqual([
      ['private', 'in_doubt'],
      ['public', 'in_doubt'],
    ]);
    const [handoff, ...more] = await system.takeHandoffs();
    expect(more).toHaveLength(0);
    expect(handoff?.reasons).toEqual(
      expect.arrayContaining(['reply_in_doubt:public:', 'reply_in_doubt:private:']),
    );
    // No reply went out, so the person sees the customer's message alone.
    expect(handoff?.transcript.map((t) => [t.author, t.text])).toEqual([['customer', COMPLEX_TEXT]]);
    expect(await system.deps.store.getConversation(conversationId)).toMatchObject({ status: 'handed_off' });

    // Once complete, the event is a duplicate: nothing is written or sent again.
    await system.postMeta(JSON.stringify(payload));
    await system.drainInbound();
    expect(system.outcomes.at(-1)).toMatchObject({ eventId: event.eventId, duplicate: true });
    expect(system.graph.calls).toHaveLength(0);
  });

  it('parks an invalid token (190): no retry, the account is flagged and a person gets the case', async () => {
    const commentId = `777_${uniqueId()}`;
    const invalid = {
      status: 400,
      body: {
        error: {
          message: 'Error validating access token',
          code: 190,
          error_subcode: 460,
          type: 'OAuthException',
        },
      },
    };
    system.graph.queue(invalid, invalid);
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT })),
    );
    await system.drainInbound();
    await system.waitForRedelivery();
    await system.drainInbound();
    expect(system.graph.calls).toHaveLength(2);
    const replies = await system.deps.store.listReplies(`facebook:${PAGE_ID}:comment:${commentId}`);
    expect(replies.every((r) => r.status === 'failed' && r.errorClass === 'token_invalid')).toBe(true);
    expect((await system.deps.store.accountState('facebook', PAGE_ID)).needsAttention).toMatch(
      /token invalid/,
    );
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons.some((r) => r.startsWith('reply_failed:public:token_invalid'))).toBe(true);
  });
});

describe('no token configured', () => {
  it('records the reply as a dry run, prints it and sends nothing', async () => {
    const unconfiguredPage = '999000111';
    const commentId = `888_${uniqueId()}`;
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: unconfiguredPage, commentId, text: COMPLEX_TEXT })),
    );
    await system.drainInbound();
    expect(system.graph.calls).toHaveLength(0);
    const replies = await system.deps.store.listReplies(`facebook:${unconfiguredPage}:comment:${commentId}`);
    expect(replies.map((r) => r.status)).toEqual(['dry_run', 'dry_run']);
    expect(system.log.lines.some((l) => l.message.startsWith('dry run'))).toBe(true);
    expect(await system.takeHandoffs()).toHaveLength(1);
  });
});
