import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../devkit/fixtures.js';
import {
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
  xMentionActivityApi,
} from '../../devkit/payloads.js';
import { answerCrc } from '../../shared/platforms/x/crc.js';
import { startTestSystem, TEST_SECRETS, type TestSystem } from '../helpers/system.js';

const ACCOUNT_ID = '930524282358325248';
const HANDLE = 'ParcelExpress';
const COMPLEX_TEXT =
  'mein Paket PX123456789DE ist seit 10 Tagen verschwunden, niemand hilft mir. Was ist da los?';

let system: TestSystem;
let seq = 0;
/**
 * X ids are above 2^53, where doubles are 256 apart: an odd id never survives JSON.parse, so each
 * id here proves that no digit is lost. Built as strings for the same reason.
 */
const tweetId = () =>
  `1332557345071${String(644001 + ++seq * 1000 + Math.floor(Math.random() * 450) * 2).padStart(6, '0')}`;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});
beforeEach(async () => {
  system.xApi.reset();
  system.outcomes.length = 0;
  await system.takeHandoffs();
});

const tweets = () => system.xApi.calls.filter((c) => c.path === '/2/tweets');
const dms = () => system.xApi.calls.filter((c) => c.path.startsWith('/2/dm_conversations/with/'));

/** A customer's complex mention of our account, as the Account Activity API delivers it. */
const postMention = (tweetIdValue: string) =>
  system.postX(
    xMentionAccountActivity({
      accountId: ACCOUNT_ID,
      accountHandle: HANDLE,
      text: COMPLEX_TEXT,
      tweetId: tweetIdValue,
    }),
  );

/** X reporting that a post was deleted. */
const postDeletion = (tweetIdValue: string) =>
  system.postX(
    JSON.stringify({
      for_user_id: ACCOUNT_ID,
      tweet_delete_events: [{ status: { id: tweetIdValue, user_id: '1' }, timestamp_ms: String(Date.now()) }],
    }),
  );

describe('X webhook endpoints', () => {
  it('answers the CRC check with the HMAC of the token, as JSON', async () => {
    const response = await system.webhook.request('/webhooks/x?crc_token=abc123&nonce=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual(answerCrc('abc123', TEST_SECRETS.X_CONSUMER_SECRET));
  });

  it('answers no CRC check in a way that signs a forged delivery (mention, DM, delete, revoke)', async () => {
    const forged = [
      xMentionAccountActivity({ accountId: ACCOUNT_ID, accountHandle: HANDLE, text: COMPLEX_TEXT }),
      xDirectMessageAccountActivity({ accountId: ACCOUNT_ID, customerId: '1247048165561270272', text: 'hi' }),
      fixtureBytes('x_aaa_tweet_delete_events'),
      JSON.stringify({
        for_user_id: ACCOUNT_ID,
        user_event: {
          revoke: {
            date_time: new Date().toISOString(),
            target: { app_id: '13090192' },
            source: { user_id: ACCOUNT_ID },
          },
        },
      }),
    ].map((body) => (typeof body === 'string' ? body : new TextDecoder().decode(body)));
    const answers: Array<{ status: number; error?: string; response_token?: string }> = [];
    for (const body of forged) {
      // As an attacker would ask: encoded, form-encoded, and raw where the URL parser lets it through.
      for (const query of [
        encodeURIComponent(body),
        new URLSearchParams({ crc_token: body }).toString().slice('crc_token='.length),
        body.replaceAll('#', '%23').replaceAll('&', '%26'),
      ]) {
        const response = await system.webhook.request(`/webhooks/x?crc_token=${query}`);
        answers.push({ status: response.status, ...((await response.json()) as object) });
      }
    }
    const signatures = answers.flatMap((a) => (a.response_token ? [a.response_token] : []));
    for (const body of forged) {
      for (const signature of [...signatures, 'sha256=']) {
        expect((await system.postX(body, { signature })).status).toBe(401);
      }
    }
    expect(answers.every((a) => a.status === 400 && /crc_token must be/.test(a.error ?? ''))).toBe(true);
    expect(signatures).toEqual([]);
    expect(await system.drainInbound()).toBe(0);
    expect(await system.takeHandoffs()).toEqual([]);
  });

  it('refuses a delivery with a missing or wrong signature, and a body that is not X', async () => {
    const body = fixtureBytes('x_aaa_tweet_delete_events');
    expect((await system.postX(body, { signature: null })).status).toBe(401);
    expect((await system.postX(body, { secret: 'not-the-secret' })).status).toBe(401);
    const notX = await system.postX('{"hello":"world"}');
    expect(notX.status).toBe(400);
    expect(((await notX.json()) as { error: string }).error).toMatch(/malformed body/);
  });

  it('acknowledges every X fixture (events we do not act on included)', async () => {
    for (const name of [
      'x_aaa_direct_message_events',
      'x_aaa_direct_message_events_real_request',
      'x_aaa_tweet_create_mention_reply',
      'x_aaa_tweet_delete_events',
      'x_favorite_event_object',
      'xaa_dm_received',
      'xaa_like_create',
      'xaa_post_create_own_post',
      'xaa_post_reply_create',
    ]) {
      const response = await system.postX(fixtureBytes(name));
      expect(response.status, name).toBe(200);
    }
    await system.drainInbound();
  });
});

describe('a mention, end to end', () => {
  it('stores one conversation, replies once to the exact 64-bit tweet id, opens the DM and hands off', async () => {
    const id = tweetId();
    const authorId = '1247048165561270272';
    const raw = xMentionAccountActivity({
      accountId: ACCOUNT_ID,
      accountHandle: HANDLE,
      text: COMPLEX_TEXT,
      tweetId: id,
      authorId,
    });
    // The raw body carries the id as a JSON number that JSON.parse cannot represent exactly.
    expect(String(JSON.parse(raw).tweet_create_events[0].id)).not.toBe(id);
    expect((await system.postX(raw)).status).toBe(200);
    await system.drainInbound();

    expect(tweets()).toHaveLength(1);
    const reply = tweets()[0]?.json as { text: string; reply: { in_reply_to_tweet_id: string } };
    expect(reply.reply.in_reply_to_tweet_id).toBe(id);
    expect(reply.text).not.toContain('PX123456789DE');
    expect(tweets()[0]?.headers.authorization).toMatch(/^OAuth .*oauth_consumer_key="test-x-consumer-key"/);
    expect(dms()).toHaveLength(1);
    expect(dms()[0]?.path).toBe(`/2/dm_conversations/with/${authorId}/messages`);

    const [handoff] = await system.takeHandoffs();
    expect(handoff).toMatchObject({
      platform: 'x',
      channel: 'mention',
      accountId: ACCOUNT_ID,
      complex: true,
    });
    expect(handoff?.customer).toMatchObject({ id: authorId, handle: 'max_m' });
    expect(handoff?.links.dm).toBe(`https://x.com/messages/compose?recipient_id=${ACCOUNT_ID}`);
  });

  it('treats the same mention from the Account Activity API and the X Activity API as one event', async () => {
    const id = tweetId();
    const options = {
      accountId: ACCOUNT_ID,
      accountHandle: HANDLE,
      text: COMPLEX_TEXT,
      tweetId: id,
      authorId: '2222222222222222222',
    };
    await system.postX(xMentionAccountActivity(options));
    await system.postX(xMentionActivityApi(options));
    await system.drainInbound();
    await system.postX(xMentionAccountActivity(options));
    await system.drainInbound();
    expect(tweets()).toHaveLength(1);
    expect(dms()).toHaveLength(1);
    expect(await system.takeHandoffs()).toHaveLength(1);
  });

  it('never answers its own reply when X delivers it back, and joins it to the conversation', async () => {
    const id = tweetId();
    await postMention(id);
    await system.drainInbound();
    const ourReplyId = system.outcomes[0]?.replies.find((r) => r.kind === 'public')?.platformId as string;
    expect(ourReplyId).toMatch(/^19\d{17}$/);
    expect(await system.takeHandoffs()).toHaveLength(1);
    system.xApi.reset();

    // X delivers our own reply back as a tweet by the subscribed account.
    const echo = JSON.stringify({
      for_user_id: ACCOUNT_ID,
      tweet_create_events: [
        {
          id_str: ourReplyId,
          text: '@max_m Danke!',
          truncated: false,
          in_reply_to_status_id_str: id,
          in_reply_to_user_id_str: '1',
          user: { id_str: ACCOUNT_ID, screen_name: HANDLE, name: 'ParcelExpress' },
          timestamp_ms: String(Date.now()),
        },
      ],
    });
    expect((await system.postX(echo)).status).toBe(200);
    // The DM we sent comes back too.
    await system.postX(
      xDirectMessageAccountActivity({
        accountId: ACCOUNT_ID,
        customerId: '555',
        text: 'Hallo!',
        fromAccount: true,
      }),
    );
    await system.drainInbound();
    expect(system.xApi.calls).toHaveLength(0);
    expect(await system.takeHandoffs()).toHaveLength(0);
    const conversationId = system.outcomes[0]?.conversationId as string;
    const messages = await system.deps.store.listMessages(conversationId);
    expect(messages.filter((m) => m.messageId === ourReplyId)).toHaveLength(1);
  });

  it('answers a customer DM in the DM thread', async () => {
    const customerId = `44${tweetId()}`;
    await system.postX(
      xDirectMessageAccountActivity({ accountId: ACCOUNT_ID, customerId, text: COMPLEX_TEXT }),
    );
    await system.drainInbound();
    expect(tweets()).toHaveLength(0);
    expect(dms().map((c) => c.path)).toEqual([`/2/dm_conversations/with/${customerId}/messages`]);
    const [handoff] = await system.takeHandoffs();
    expect(handoff).toMatchObject({ channel: 'dm', conversationId: `x:${ACCOUNT_ID}:dm:${customerId}` });
  });

  it('does not retry a reply X refuses as duplicate content, and gives the case to a person', async () => {
    system.xApi.queue({
      status: 403,
      body: {
        detail: 'You are not allowed to create a Tweet with duplicate content.',
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
      },
    });
    const id = tweetId();
    await postMention(id);
    await system.drainInbound();
    await system.waitForRedelivery();
    await system.drainInbound();
    expect(tweets()).toHaveLength(1);
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons).toContain('reply_failed:public:duplicate_content');
  });
});

describe('deletions', () => {
  it('marks a deleted tweet as deleted in its conversation', async () => {
    const id = tweetId();
    await postMention(id);
    await system.drainInbound();
    const conversationId = system.outcomes[0]?.conversationId as string;
    await postDeletion(id);
    await system.drainInbound();
    const messages = await system.deps.store.listMessages(conversationId);
    expect(messages.find((m) => m.messageId === id)?.deleted).toBe(true);
  });
});

describe('a deletion that overtakes its post', () => {
  it('records nothing to answer: the post arrives after its deletion and gets no reply', async () => {
    const id = tweetId();
    await postDeletion(id);
    await system.drainInbound();
    await postMention(id);
    await system.drainInbound();
    expect(system.xApi.calls).toHaveLength(0);
    expect(await system.takeHandoffs()).toHaveLength(0);
  });
});
