import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../devkit/fixtures.js';
import { InboundEventSchema } from '../../shared/events.js';
import { normaliseXDelivery, XPayloadError } from '../../shared/platforms/x/normalise.js';

const NOW = 1_800_000_000_000;

/** The XPayloadError a body raises (fails the test when none is raised). */
function payloadError(body: string): XPayloadError {
  try {
    normaliseXDelivery(body, { receivedAt: NOW });
  } catch (error) {
    if (error instanceof XPayloadError) return error;
    throw error;
  }
  throw new Error('expected an XPayloadError');
}

describe('normaliseXDelivery: every X fixture', () => {
  it('x_aaa_tweet_create_mention_reply: a real mention in a reply, 64-bit ids kept exactly', () => {
    const { events, ignored } = normaliseXDelivery(fixtureText('x_aaa_tweet_create_mention_reply'), {
      receivedAt: NOW,
    });
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 'x:1114259648326987776:1332557345071644672',
        platform: 'x',
        channel: 'mention',
        kind: 'message',
        accountId: '1114259648326987776',
        threadKey: 'x:1114259648326987776:conversation:1332252354599555074',
        topicId: '1332252354599555074',
        messageId: '1332557345071644672',
        inReplyToMessageId: '1332252354599555074',
        author: { id: '1247048165561270272', name: 'Tanu Learns', handle: 'TanuLearns', followers: 20 },
        fromAccount: false,
        sentBy: 'customer',
        text: '@Learn_Awesome Save this',
        attachments: [],
        occurredAt: 1606541403440,
        replyTarget: { tweetId: '1332557345071644672', recipientId: '1247048165561270272' },
        permalink: 'https://x.com/TanuLearns/status/1332557345071644672',
      },
    ]);
  });

  it('x_aaa_direct_message_events: an inbound DM with the users map', () => {
    const { events, ignored } = normaliseXDelivery(fixtureText('x_aaa_direct_message_events'), {
      receivedAt: NOW,
    });
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 'x:4337869213:dm:954491830116155396',
        platform: 'x',
        channel: 'dm',
        kind: 'message',
        accountId: '4337869213',
        threadKey: 'x:4337869213:dm:3001969357',
        messageId: '954491830116155396',
        author: { id: '3001969357', name: 'Jordan Brinks', handle: 'furiouscamper', followers: 22 },
        fromAccount: false,
        sentBy: 'customer',
        text: 'Hello World!',
        attachments: [],
        occurredAt: 1516403560557,
        replyTarget: { recipientId: '3001969357' },
      },
    ]);
  });

  it('x_aaa_direct_message_events_real_request: a real production DM delivery', () => {
    const { events, ignored } = normaliseXDelivery(fixtureText('x_aaa_direct_message_events_real_request'), {
      receivedAt: NOW,
    });
    expect(ignored).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventId: 'x:3753944237:dm:1140928844112814089',
      channel: 'dm',
      accountId: '3753944237',
      threadKey: 'x:3753944237:dm:767659860',
      author: { id: '767659860', name: 'Aaron Tumukunde', handle: 'tumaaron', followers: 167 },
      fromAccount: false,
      sentBy: 'customer',
      text: 'Briefly what will you be talking about and do you have any feature stories',
      occurredAt: 1560853608526,
      replyTarget: { recipientId: '767659860' },
    });
  });

  it('x_aaa_tweet_delete_events: the account deleted its own tweet', () => {
    const { events, ignored } = normaliseXDelivery(fixtureText('x_aaa_tweet_delete_events'), {
      receivedAt: NOW,
    });
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 'x:930524282358325248:1045405559317569537:deleted',
        platform: 'x',
        channel: 'mention',
        kind: 'deleted',
        accountId: '930524282358325248',
        threadKey: 'x:930524282358325248:conversation:1045405559317569537',
        messageId: '1045405559317569537',
        author: { id: '930524282358325248' },
        fromAccount: true,
        sentBy: 'human',
        text: '',
        attachments: [],
        occurredAt: 1432228155593,
        replyTarget: { tweetId: '1045405559317569537' },
      },
    ]);
  });

  it('x_favorite_event_object: a like is acknowledged, not acted on', () => {
    expect(normaliseXDelivery(fixtureText('x_favorite_event_object'), { receivedAt: NOW })).toEqual({
      events: [],
      ignored: [{ type: 'favorite_events', reason: 'likes are not answered' }],
      refused: [],
    });
  });

  it('xaa_dm_received: a DM in the X Activity envelope, users wrapped in {data}', () => {
    const { events, ignored } = normaliseXDelivery(fixtureText('xaa_dm_received'), { receivedAt: NOW });
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 'x:1111111111111111111:dm:2080765901528535096',
        platform: 'x',
        channel: 'dm',
        kind: 'message',
        accountId: '1111111111111111111',
        threadKey: 'x:1111111111111111111:dm:2222222222222222222',
        messageId: '2080765901528535096',
        author: { id: '2222222222222222222', name: 'OtherUser', handle: 'OtherUser', followers: 97 },
        fromAccount: false,
        sentBy: 'customer',
        text: 'hello!',
        attachments: [],
        occurredAt: 1784928224372,
        replyTarget: { recipientId: '2222222222222222222' },
      },
    ]);
  });

  it('xaa_like_create: acknowledged, not acted on', () => {
    expect(normaliseXDelivery(fixtureText('xaa_like_create'), { receivedAt: NOW })).toEqual({
      events: [],
      ignored: [{ type: 'like.create', reason: 'likes are not answered' }],
      refused: [],
    });
  });

  it('xaa_post_create_own_post: our own post is fromAccount and never a customer message', () => {
    const { events, ignored } = normaliseXDelivery(fixtureText('xaa_post_create_own_post'), {
      receivedAt: NOW,
    });
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 'x:1111111111111111111:2080761390344937796',
        platform: 'x',
        channel: 'post',
        kind: 'message',
        accountId: '1111111111111111111',
        threadKey: 'x:1111111111111111111:conversation:2080761390344937796',
        topicId: '2080761390344937796',
        messageId: '2080761390344937796',
        author: { id: '1111111111111111111', name: 'Example User', handle: 'ExampleUser', followers: 5502 },
        fromAccount: true,
        sentBy: 'human',
        text: 'Hello from the Activity API',
        attachments: [],
        // the snowflake id's time, which agrees with created_at 21:05:48 to the second
        occurredAt: 1784927148792,
        replyTarget: { tweetId: '2080761390344937796' },
        permalink: 'https://x.com/ExampleUser/status/2080761390344937796',
      },
    ]);
  });

  it('xaa_post_reply_create: a reply to our post joins the conversation of that post', () => {
    const { events, ignored } = normaliseXDelivery(fixtureText('xaa_post_reply_create'), { receivedAt: NOW });
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      {
        eventId: 'x:1111111111111111111:2090000000000000001',
        platform: 'x',
        channel: 'mention',
        kind: 'message',
        accountId: '1111111111111111111',
        threadKey: 'x:1111111111111111111:conversation:2080761390344937796',
        topicId: '2080761390344937796',
        messageId: '2090000000000000001',
        inReplyToMessageId: '2080761390344937796',
        // includes is empty in this example: only the id is known
        author: { id: '2222222222222222222' },
        fromAccount: false,
        sentBy: 'customer',
        text: '@ExampleUser Great post — thanks for sharing!',
        attachments: [],
        // a made-up id whose time disagrees with created_at: the stated time wins
        occurredAt: Date.parse('2026-08-12T18:00:00.000Z'),
        replyTarget: { tweetId: '2090000000000000001', recipientId: '2222222222222222222' },
        permalink: 'https://x.com/i/web/status/2090000000000000001',
        // it answers the post that started the conversation, ours: X lets the account hide it
        repliesToOwnPost: true,
      },
    ]);
  });

  it('every produced event passes InboundEventSchema', () => {
    const names = [
      'x_aaa_tweet_create_mention_reply',
      'x_aaa_direct_message_events',
      'x_aaa_direct_message_events_real_request',
      'x_aaa_tweet_delete_events',
      'xaa_dm_received',
      'xaa_post_create_own_post',
      'xaa_post_reply_create',
    ];
    for (const name of names) {
      const { events } = normaliseXDelivery(fixtureText(name), { receivedAt: NOW });
      expect(events.length, name).toBe(1);
      for (const event of events) expect(InboundEventSchema.parse(event)).toEqual(event);
    }
  });
});

describe('64-bit ids', () => {
  it('JSON.parse loses digits of the fixture id; the normaliser does not', () => {
    const body = fixtureText('x_aaa_tweet_create_mention_reply');
    const lossy = (JSON.parse(body) as { tweet_create_events: { id: number }[] }).tweet_create_events[0]?.id;
    expect(String(lossy)).toBe('1332557345071644700');
    const [event] = normaliseXDelivery(body, { receivedAt: NOW }).events;
    expect(event?.messageId).toBe('1332557345071644672');
    expect(event?.eventId).toBe('x:1114259648326987776:1332557345071644672');
    expect(event?.replyTarget.tweetId).toBe('1332557345071644672');
  });

  it('keeps every digit of ids X sends only as JSON numbers', () => {
    const body =
      '{"for_user_id":930524282358325248,"tweet_delete_events":[{"status":{"id":1045405559317569537,"user_id":930524282358325248},"timestamp_ms":1432228155593}]}';
    const [event] = normaliseXDelivery(body, { receivedAt: NOW }).events;
    expect(event?.accountId).toBe('930524282358325248');
    expect(event?.messageId).toBe('1045405559317569537');
    expect(event?.eventId).toBe('x:930524282358325248:1045405559317569537:deleted');
    expect(event?.occurredAt).toBe(1432228155593);
  });
});

// The post.mention.create example of X's event-payloads page, and the same mention as the
// Account Activity API delivers it (v1.1 tweet, numeric ids beside their *_str twins).
const XAA_MENTION = JSON.stringify({
  data: {
    event_uuid: '2080765813578191303',
    filter: { user_id: '1111111111111111111' },
    event_type: 'post.mention.create',
    tag: 'mentions',
    payload: {
      created_at: '2026-07-24T21:23:23.000Z',
      edit_history_tweet_ids: ['2080765813578191303'],
      conversation_id: '2080765813578191303',
      text: 'hey @ExampleUser',
      entities: { mentions: [{ start: 4, end: 16, username: 'ExampleUser', id: '1111111111111111111' }] },
      author_id: '2222222222222222222',
      id: '2080765813578191303',
      lang: 'und',
    },
    includes: {
      users: [
        {
          public_metrics: { followers_count: 97, followers_count_str: '97' },
          username: 'OtherUser',
          name: 'OtherUser',
          id: '2222222222222222222',
        },
        { username: 'ExampleUser', name: 'Example User', id: '1111111111111111111' },
      ],
    },
  },
});
const AAA_MENTION = `{"for_user_id":"1111111111111111111","user_has_blocked":false,"tweet_create_events":[{
  "created_at":"Fri Jul 24 21:23:23 +0000 2026","id":2080765813578191303,"id_str":"2080765813578191303",
  "text":"hey @ExampleUser","truncated":false,
  "in_reply_to_status_id":null,"in_reply_to_status_id_str":null,"in_reply_to_user_id":null,"in_reply_to_user_id_str":null,
  "user":{"id":2222222222222222222,"id_str":"2222222222222222222","name":"OtherUser","screen_name":"OtherUser","followers_count":97},
  "entities":{"user_mentions":[{"screen_name":"ExampleUser","id":1111111111111111111,"id_str":"1111111111111111111","indices":[4,16]}]},
  "timestamp_ms":"1784928203373"}]}`;

describe('AAA and XAA deliver the same events', () => {
  it('a mention normalises to the same InboundEvent from both APIs', () => {
    const fromXaa = normaliseXDelivery(XAA_MENTION, { receivedAt: NOW });
    const fromAaa = normaliseXDelivery(AAA_MENTION, { receivedAt: NOW });
    expect(fromXaa.ignored).toEqual([]);
    expect(fromAaa).toEqual(fromXaa);
    expect(fromXaa.events).toEqual([
      {
        eventId: 'x:1111111111111111111:2080765813578191303',
        platform: 'x',
        channel: 'mention',
        kind: 'message',
        accountId: '1111111111111111111',
        threadKey: 'x:1111111111111111111:conversation:2080765813578191303',
        topicId: '2080765813578191303',
        messageId: '2080765813578191303',
        author: { id: '2222222222222222222', name: 'OtherUser', handle: 'OtherUser', followers: 97 },
        fromAccount: false,
        sentBy: 'customer',
        text: 'hey @ExampleUser',
        attachments: [],
        occurredAt: 1784928203373,
        replyTarget: { tweetId: '2080765813578191303', recipientId: '2222222222222222222' },
        permalink: 'https://x.com/OtherUser/status/2080765813578191303',
      },
    ]);
  });

  it('a direct reply to our post: AAA in_reply_to_status_id and XAA conversation_id give one thread', () => {
    const xaa = JSON.parse(fixtureText('xaa_post_reply_create')) as {
      data: { includes: Record<string, unknown>; payload: { created_at: string } };
    };
    xaa.data.includes = {
      users: [
        {
          id: '2222222222222222222',
          username: 'OtherUser',
          name: 'OtherUser',
          public_metrics: { followers_count: 97 },
        },
      ],
    };
    const aaa = JSON.stringify({
      for_user_id: '1111111111111111111',
      tweet_create_events: [
        {
          created_at: 'Wed Aug 12 18:00:00 +0000 2026',
          id_str: '2090000000000000001',
          text: '@ExampleUser Great post — thanks for sharing!',
          truncated: false,
          in_reply_to_status_id_str: '2080761390344937796',
          in_reply_to_user_id_str: '1111111111111111111',
          in_reply_to_screen_name: 'ExampleUser',
          user: {
            id_str: '2222222222222222222',
            name: 'OtherUser',
            screen_name: 'OtherUser',
            followers_count: 97,
          },
          timestamp_ms: String(Date.parse('2026-08-12T18:00:00.000Z')),
        },
      ],
    });
    const fromXaa = normaliseXDelivery(JSON.stringify(xaa), { receivedAt: NOW });
    const fromAaa = normaliseXDelivery(aaa, { receivedAt: NOW });
    expect(fromAaa).toEqual(fromXaa);
    expect(fromAaa.events[0]).toMatchObject({
      threadKey: 'x:1111111111111111111:conversation:2080761390344937796',
      inReplyToMessageId: '2080761390344937796',
      author: { id: '2222222222222222222', handle: 'OtherUser' },
    });
  });

  it('only a reply to the post that started our conversation can be hidden (repliesToOwnPost)', () => {
    const reply = (change: (payload: Record<string, unknown>) => void) => {
      const xaa = JSON.parse(fixtureText('xaa_post_reply_create')) as {
        data: { payload: Record<string, unknown> };
      };
      change(xaa.data.payload);
      const [event] = normaliseXDelivery(JSON.stringify(xaa), { receivedAt: NOW }).events;
      expect(event).toMatchObject({ messageId: '2090000000000000001', channel: 'mention' });
      return event;
    };
    expect(reply(() => {})?.repliesToOwnPost).toBe(true);
    // deeper in a conversation: the root is not the post replied to, and its author is unknown
    expect(
      reply((p) => {
        p.conversation_id = '2070000000000000000';
      })?.repliesToOwnPost,
    ).toBeUndefined();
    // a reply to someone else's post
    expect(
      reply((p) => {
        p.in_reply_to_user_id = '3333333333333333333';
      })?.repliesToOwnPost,
    ).toBeUndefined();
  });

  it('a DM normalises to the same InboundEvent from both APIs', () => {
    const xaa = JSON.parse(fixtureText('xaa_dm_received')) as {
      data: { payload: { direct_message_events: unknown[] } };
    };
    const aaa = JSON.stringify({
      for_user_id: '1111111111111111111',
      direct_message_events: xaa.data.payload.direct_message_events,
      users: {
        '2222222222222222222': {
          id: '2222222222222222222',
          name: 'OtherUser',
          screen_name: 'OtherUser',
          followers_count: 97,
        },
        '1111111111111111111': {
          id: '1111111111111111111',
          name: 'Example User',
          screen_name: 'ExampleUser',
        },
      },
    });
    const fromXaa = normaliseXDelivery(fixtureText('xaa_dm_received'), { receivedAt: NOW });
    expect(fromXaa.events).toHaveLength(1);
    expect(normaliseXDelivery(aaa, { receivedAt: NOW })).toEqual(fromXaa);
  });

  it('a deletion gets the same event id from both APIs', () => {
    const aaa =
      '{"for_user_id":"1111111111111111111","tweet_delete_events":[{"status":{"id":"2080761269309813134","user_id":"1111111111111111111"},"timestamp_ms":"1784927200000"}]}';
    const xaa = JSON.stringify({
      data: {
        event_uuid: '-2781149976877970683',
        filter: { user_id: '1111111111111111111' },
        event_type: 'post.delete',
        tag: 'post-deletes',
        payload: { id: '2080761269309813134', author_id: '1111111111111111111' },
        includes: {
          users: [{ data: { id: '1111111111111111111', username: 'ExampleUser', name: 'Example User' } }],
        },
      },
    });
    const [fromAaa] = normaliseXDelivery(aaa, { receivedAt: NOW }).events;
    const [fromXaa] = normaliseXDelivery(xaa, { receivedAt: NOW }).events;
    expect(fromAaa?.eventId).toBe('x:1111111111111111111:2080761269309813134:deleted');
    expect(fromXaa?.eventId).toBe(fromAaa?.eventId);
    expect(fromXaa).toMatchObject({
      kind: 'deleted',
      messageId: '2080761269309813134',
      replyTarget: { tweetId: '2080761269309813134' },
      author: { id: '1111111111111111111', handle: 'ExampleUser' },
      fromAccount: true,
      // post.delete carries no time: the time of receipt
      occurredAt: NOW,
    });
    expect(fromAaa?.occurredAt).toBe(1784927200000);
  });

  it('a revoke (AAA user_event, XAA oauth.revoke) marks the account', () => {
    const aaa =
      '{"user_event":{"revoke":{"date_time":"2018-05-24T09:48:12+00:00","target":{"app_id":"13090192"},"source":{"user_id":"63046977"}}}}';
    const xaa =
      '{"data":{"event_uuid":"5934540941047412905","filter":{},"event_type":"oauth.revoke","payload":{"date_time":"2018-05-24T09:48:12+00:00","user_id":"63046977","app_id":"13090192"}}}';
    const fromAaa = normaliseXDelivery(aaa, { receivedAt: NOW, appId: '13090192' });
    expect(fromAaa.events).toEqual([
      {
        eventId: `x:63046977:revoked:${Date.parse('2018-05-24T09:48:12Z')}`,
        platform: 'x',
        channel: 'dm',
        kind: 'account_revoked',
        accountId: '63046977',
        threadKey: 'x:63046977:account',
        messageId: '',
        author: { id: '63046977' },
        fromAccount: true,
        sentBy: 'human',
        text: '',
        attachments: [],
        occurredAt: Date.parse('2018-05-24T09:48:12Z'),
        replyTarget: {},
      },
    ]);
    expect(normaliseXDelivery(xaa, { receivedAt: NOW, appId: '13090192' })).toEqual(fromAaa);
  });

  it('a revoke of another app sharing the webhook is ignored when our app id is known', () => {
    const xaa =
      '{"data":{"event_uuid":"1","filter":{},"event_type":"oauth.revoke","payload":{"user_id":"63046977","app_id":"999"}}}';
    expect(normaliseXDelivery(xaa, { receivedAt: NOW, appId: '13090192' })).toEqual({
      events: [],
      ignored: [{ type: 'oauth.revoke', reason: 'revoke of another app (999)' }],
      refused: [],
    });
  });
});

describe('own activity', () => {
  it('an AAA tweet by the subscribed account (our reply) is fromAccount, customer = the one replied to', () => {
    const body = JSON.stringify({
      for_user_id: '1114259648326987776',
      tweet_create_events: [
        {
          id_str: '1332557999999999999',
          text: '@TanuLearns Thanks! Please DM us.',
          in_reply_to_status_id_str: '1332557345071644672',
          in_reply_to_user_id_str: '1247048165561270272',
          user: { id_str: '1114259648326987776', name: 'Learn Awesome', screen_name: 'Learn_Awesome' },
        },
      ],
    });
    const [event] = normaliseXDelivery(body, { receivedAt: NOW }).events;
    expect(event).toMatchObject({
      fromAccount: true,
      sentBy: 'human',
      channel: 'mention',
      inReplyToMessageId: '1332557345071644672',
      threadKey: 'x:1114259648326987776:conversation:1332557345071644672',
      replyTarget: { tweetId: '1332557999999999999', recipientId: '1247048165561270272' },
      permalink: 'https://x.com/Learn_Awesome/status/1332557999999999999',
    });
  });

  it('an XAA post whose author is the filtered user is fromAccount whatever the event type', () => {
    const body = JSON.stringify({
      data: {
        event_uuid: '7',
        filter: { user_id: '1111111111111111111' },
        event_type: 'post.mention.create',
        payload: { id: '2080765813578191399', text: 'self @ExampleUser', author_id: '1111111111111111111' },
      },
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW }).events[0]).toMatchObject({
      fromAccount: true,
      sentBy: 'human',
    });
  });

  it('an AAA DM sent by the account: the customer is the recipient; our app id makes it a bot message', () => {
    const body = JSON.stringify({
      for_user_id: '4337869213',
      direct_message_events: [
        {
          type: 'message_create',
          id: '954491830116155999',
          created_timestamp: '1516403600000',
          message_create: {
            target: { recipient_id: '3001969357' },
            sender_id: '4337869213',
            source_app_id: '13090192',
            message_data: { text: 'Hi Jordan, how can we help?' },
          },
        },
      ],
      users: { '4337869213': { id: '4337869213', name: 'Harrison Test', screen_name: 'Harris_0ff' } },
    });
    const expected = {
      eventId: 'x:4337869213:dm:954491830116155999',
      accountId: '4337869213',
      threadKey: 'x:4337869213:dm:3001969357',
      author: { id: '4337869213', name: 'Harrison Test', handle: 'Harris_0ff' },
      fromAccount: true,
      text: 'Hi Jordan, how can we help?',
      replyTarget: { recipientId: '3001969357' },
    };
    expect(normaliseXDelivery(body, { receivedAt: NOW, appId: '13090192' }).events[0]).toMatchObject({
      ...expected,
      sentBy: 'bot',
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW, appId: '555' }).events[0]).toMatchObject({
      ...expected,
      sentBy: 'human',
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW }).events[0]).toMatchObject({
      ...expected,
      sentBy: 'human',
    });
  });

  it('an XAA dm.sent (the docs example) is our own DM into the customer thread', () => {
    const body = JSON.stringify({
      data: {
        event_uuid: '-3577827201104920132',
        filter: { user_id: '1111111111111111111' },
        event_type: 'dm.sent',
        tag: 'dm-outbound',
        payload: {
          direct_message_events: [
            {
              type: 'message_create',
              id: '2080763914820927863',
              created_timestamp: '1784927750704',
              message_create: {
                target: { recipient_id: '2244994945' },
                sender_id: '1111111111111111111',
                message_data: { text: 'Thanks for the update!', entities: { hashtags: [], urls: [] } },
              },
            },
          ],
          users: {
            '2244994945': { data: { id: '2244994945', username: 'XDevelopers', name: 'X Developers' } },
          },
        },
      },
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW }).events).toEqual([
      {
        eventId: 'x:1111111111111111111:dm:2080763914820927863',
        platform: 'x',
        channel: 'dm',
        kind: 'message',
        accountId: '1111111111111111111',
        threadKey: 'x:1111111111111111111:dm:2244994945',
        messageId: '2080763914820927863',
        author: { id: '1111111111111111111' },
        fromAccount: true,
        sentBy: 'human',
        text: 'Thanks for the update!',
        attachments: [],
        occurredAt: 1784927750704,
        replyTarget: { recipientId: '2244994945' },
      },
    ]);
  });
});

describe('text and attachments', () => {
  const LONG =
    'Mein Paket 12345 ist seit einer Woche unterwegs und die Sendungsverfolgung zeigt nichts Neues an. @DHLPaket könnt ihr bitte nachsehen, wo es hängt? Ich warte dringend darauf, es sind Medikamente drin und ich brauche sie bis Freitag. Danke! @DHLPaket_Hilfe';
  it('an AAA long post: the full text from extended_tweet, @handles kept', () => {
    const body = JSON.stringify({
      for_user_id: '100',
      tweet_create_events: [
        {
          id_str: '1924465506158878979',
          text: `${LONG.slice(0, 116)}… https://t.co/bzbEKj8cd8`,
          truncated: true,
          extended_tweet: { full_text: LONG },
          user: { id_str: '200', screen_name: 'kunde' },
          timestamp_ms: '1747663306000',
        },
      ],
    });
    const [event] = normaliseXDelivery(body, { receivedAt: NOW }).events;
    expect(event?.text).toBe(LONG);
    expect(event?.text).toContain('@DHLPaket_Hilfe');
  });

  it('an XAA long post: the full text from note_tweet', () => {
    const body = JSON.stringify({
      data: {
        event_uuid: '8',
        filter: { user_id: '100' },
        event_type: 'post.mention.create',
        payload: {
          id: '1924465506158878979',
          text: LONG.slice(0, 280),
          note_tweet: { text: LONG },
          author_id: '200',
        },
      },
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW }).events[0]?.text).toBe(LONG);
  });

  it('post text comes back unescaped: X sends &, < and > as HTML entities (AAA and XAA alike)', () => {
    const aaa = JSON.stringify({
      for_user_id: '100',
      tweet_create_events: [
        {
          id_str: '1924465506158878979',
          text: '@brand AT&amp;T &lt;3 &gt; you &amp;amp; me',
          user: { id_str: '200' },
        },
      ],
    });
    const xaa = JSON.stringify({
      data: {
        event_uuid: '9',
        filter: { user_id: '100' },
        event_type: 'post.mention.create',
        payload: {
          id: '1924465506158878979',
          text: '@brand AT&amp;T &lt;3 &gt; you &amp;amp; me',
          author_id: '200',
        },
      },
    });
    expect(normaliseXDelivery(aaa, { receivedAt: NOW }).events[0]?.text).toBe(
      '@brand AT&T <3 > you &amp; me',
    );
    expect(normaliseXDelivery(xaa, { receivedAt: NOW }).events[0]?.text).toBe(
      '@brand AT&T <3 > you &amp; me',
    );
  });

  it('media of a tweet and of a DM become attachments', () => {
    const tweet = JSON.stringify({
      for_user_id: '100',
      tweet_create_events: [
        {
          id_str: '1924465506158878979',
          text: '@brand look at this https://t.co/abc',
          user: { id_str: '200' },
          extended_entities: {
            media: [{ type: 'photo', media_url_https: 'https://pbs.twimg.com/media/abc.jpg' }],
          },
        },
      ],
    });
    expect(normaliseXDelivery(tweet, { receivedAt: NOW }).events[0]?.attachments).toEqual([
      { type: 'photo', url: 'https://pbs.twimg.com/media/abc.jpg' },
    ]);
    const dm = JSON.stringify({
      for_user_id: '100',
      direct_message_events: [
        {
          type: 'message_create',
          id: '954491830116155396',
          created_timestamp: '1516403560557',
          message_create: {
            target: { recipient_id: '100' },
            sender_id: '200',
            message_data: {
              text: 'the label https://t.co/xyz',
              attachment: {
                type: 'media',
                media: { type: 'photo', media_url_https: 'https://ton.twitter.com/1.1/ton/data/dm/x.jpg' },
              },
            },
          },
        },
      ],
    });
    expect(normaliseXDelivery(dm, { receivedAt: NOW }).events[0]?.attachments).toEqual([
      { type: 'photo', url: 'https://ton.twitter.com/1.1/ton/data/dm/x.jpg' },
    ]);
  });
});

describe('events we do not act on', () => {
  it('AAA follows, typing, read receipts and unknown arrays are ignored with their type', () => {
    const body = JSON.stringify({
      for_user_id: '4337869213',
      follow_events: [{ type: 'follow', created_timestamp: '1517588749178', target: {}, source: {} }],
      direct_message_indicate_typing_events: [
        { created_timestamp: '1518127183443', sender_id: '3284025577' },
      ],
      direct_message_mark_read_events: [{ created_timestamp: '1518452444662', sender_id: '199566737' }],
      spaces_events: [{}],
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW })).toEqual({
      events: [],
      ignored: [
        { type: 'follow_events', reason: 'follows and unfollows are not answered' },
        { type: 'direct_message_indicate_typing_events', reason: 'typing indicator' },
        { type: 'direct_message_mark_read_events', reason: 'read receipt' },
        { type: 'spaces_events', reason: 'event type not acted on' },
      ],
      refused: [],
    });
  });

  it('XAA follows, typing, XChat and unknown types are ignored with their type', () => {
    const envelope = (eventType: string) =>
      JSON.stringify({
        data: { event_uuid: '1', filter: { user_id: '100' }, event_type: eventType, payload: {} },
      });
    const ignoredOf = (eventType: string) => normaliseXDelivery(envelope(eventType), { receivedAt: NOW });
    expect(ignoredOf('follow.follow')).toEqual({
      events: [],
      ignored: [{ type: 'follow.follow', reason: 'follows and unfollows are not answered' }],
      refused: [],
    });
    expect(ignoredOf('dm.indicate_typing').ignored).toEqual([
      { type: 'dm.indicate_typing', reason: 'typing indicator' },
    ]);
    expect(ignoredOf('chat.received').ignored[0]?.reason).toMatch(/encrypted XChat/);
    expect(ignoredOf('post.repost.create').ignored[0]?.reason).toBe('repost: nothing to answer');
    expect(ignoredOf('news.new').ignored).toEqual([{ type: 'news.new', reason: 'event type not acted on' }]);
  });

  it('an AAA retweet is ignored', () => {
    const body = JSON.stringify({
      for_user_id: '100',
      tweet_create_events: [
        {
          id_str: '1924465506158878979',
          text: 'RT @brand: news',
          user: { id_str: '200' },
          retweeted_status: { id_str: '1' },
        },
      ],
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW })).toEqual({
      events: [],
      ignored: [{ type: 'tweet_create_events', reason: 'repost: nothing to answer' }],
      refused: [],
    });
  });

  it('a mention by an author the account has blocked is ignored (boolean or string flag)', () => {
    for (const flag of [{ user_has_blocked: true }, { user_has_blocked: 'true' }, { is_blocked_by: true }]) {
      const body = JSON.stringify({
        for_user_id: '100',
        ...flag,
        tweet_create_events: [{ id_str: '1924465506158878979', text: '@brand hi', user: { id_str: '200' } }],
      });
      expect(normaliseXDelivery(body, { receivedAt: NOW })).toEqual({
        events: [],
        ignored: [
          { type: 'tweet_create_events', reason: 'the account has blocked the author (user_has_blocked)' },
        ],
        refused: [],
      });
    }
  });
});

describe('bodies that are not X deliveries', () => {
  it('throws XPayloadError naming the offending path', () => {
    expect(payloadError('not json').reason).toMatch(/^body: not valid JSON/);
    expect(payloadError('[1,2]').reason).toBe('body: expected a JSON object');
    expect(payloadError('{"object":"page","entry":[]}').reason).toMatch(
      /^body: neither an Account Activity delivery/,
    );
    expect(payloadError('{"data":{"filter":{},"event_type":"post.create"}}').reason).toMatch(
      /^data\.event_uuid: /,
    );
    expect(payloadError('{"for_user_id":"abc","tweet_create_events":[]}').reason).toMatch(/^for_user_id: /);
    expect(payloadError('{"for_user_id":"1","tweet_create_events":{}}').reason).toMatch(
      /^tweet_create_events: /,
    );
  });

  it('an XAA dm payload with several DM events gives one event each; a broken one is reported by path', () => {
    const dm = (id: string) => ({
      type: 'message_create',
      id,
      created_timestamp: '1784928224372',
      message_create: { target: { recipient_id: '100' }, sender_id: '200', message_data: { text: `m${id}` } },
    });
    const body = JSON.stringify({
      data: {
        event_uuid: '1',
        filter: { user_id: '100' },
        event_type: 'dm.received',
        payload: {
          direct_message_events: [
            dm('2080765901528535001'),
            { type: 'message_create' },
            dm('2080765901528535002'),
          ],
        },
      },
    });
    const { events, refused } = normaliseXDelivery(body, { receivedAt: NOW });
    expect(events.map((e) => [e.eventId, e.text])).toEqual([
      ['x:100:dm:2080765901528535001', 'm2080765901528535001'],
      ['x:100:dm:2080765901528535002', 'm2080765901528535002'],
    ]);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatch(/^malformed: data\.payload\.direct_message_events\.1\.id: /);
  });

  it('a malformed item costs only itself: the rest of the delivery is normalised', () => {
    const body = JSON.stringify({
      for_user_id: '100',
      tweet_create_events: [
        { text: 'no id, no user' },
        { id_str: '1924465506158878979', text: '@brand hello', user: { id_str: '200' } },
      ],
    });
    const { events, refused } = normaliseXDelivery(body, { receivedAt: NOW });
    expect(events.map((e) => e.messageId)).toEqual(['1924465506158878979']);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.type).toBe('tweet_create_events');
    expect(refused[0]?.reason).toMatch(/^malformed: tweet_create_events\.0\.id_str: /);
  });

  it('an XAA post event without filter.user_id is reported, not guessed', () => {
    const body = JSON.stringify({
      data: {
        event_uuid: '1',
        filter: {},
        event_type: 'post.mention.create',
        payload: { id: '5', text: 'x', author_id: '6' },
      },
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW })).toEqual({
      events: [],
      ignored: [],
      refused: [
        {
          type: 'post.mention.create',
          reason: 'malformed: data.filter.user_id: required for post.mention.create',
        },
      ],
    });
  });
});

describe('ids of the wrong shape', () => {
  it('an XAA event whose event_uuid is not an id is refused, not the delivery', () => {
    const body = JSON.stringify({
      data: {
        event_uuid: '1/../\uFFFD',
        filter: { user_id: '100' },
        event_type: 'post.mention.create',
        payload: { id: '1924465506158878979', text: '@brand hi', author_id: '200' },
      },
    });
    expect(normaliseXDelivery(body, { receivedAt: NOW })).toEqual({
      events: [],
      ignored: [],
      refused: [
        { type: 'post.mention.create', reason: 'malformed: data.event_uuid: expected an event uuid' },
      ],
    });
  });

  it('a mention whose author id is not digits is refused, the other item of the batch goes on', () => {
    const body = JSON.stringify({
      for_user_id: '100',
      tweet_create_events: [
        { id_str: '1924465506158878979', text: '@brand a', user: { id_str: '20x0' } },
        { id_str: '1924465506158878980', text: '@brand b', user: { id_str: '200' } },
      ],
    });
    const { events, refused } = normaliseXDelivery(body, { receivedAt: NOW });
    expect(events.map((e) => e.text)).toEqual(['@brand b']);
    expect(refused[0]?.reason).toMatch(/^malformed: tweet_create_events\.0\.user\.id_str: /);
  });
});
