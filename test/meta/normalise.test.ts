import { describe, expect, it } from 'vitest';
import { fixtureText, fixtureTextWithRealIds } from '../../devkit/fixtures.js';
import { InboundEventSchema } from '../../shared/events.js';
import { MetaPayloadError, normaliseMetaDelivery } from '../../shared/platforms/meta/normalise.js';

const APP_ID = '950864918368986';
const RECEIVED_AT = 1_800_000_000_000;

/** A fixture with the placeholder ids of Meta's doc examples replaced by ids of the real shape. */
function normaliseFixture(name: string) {
  return normaliseMetaDelivery(JSON.parse(fixtureTextWithRealIds(name)), {
    appId: APP_ID,
    receivedAt: RECEIVED_AT,
  });
}

function only(name: string) {
  const delivery = normaliseFixture(name);
  expect(delivery.ignored).toEqual([]);
  expect(delivery.refused).toEqual([]);
  expect(delivery.events).toHaveLength(1);
  const [event] = delivery.events;
  if (!event) throw new Error('no event');
  // Every produced event is a valid InboundEvent.
  expect(InboundEventSchema.parse(event)).toEqual(event);
  return event;
}

describe('Facebook Page feed', () => {
  it('a top-level visitor comment roots its own thread', () => {
    expect(only('fb_feed_comment_add')).toEqual({
      eventId: 'facebook:987654321_1491873277575158',
      platform: 'facebook',
      channel: 'comment',
      kind: 'message',
      accountId: '123456789',
      threadKey: 'facebook:123456789:comment:987654321_1491873277575158',
      topicId: '123456789_987654321',
      messageId: '987654321_1491873277575158',
      author: { id: '123456789098764', name: 'Test User or Page' },
      fromAccount: false,
      sentBy: 'customer',
      text: 'more attachments more fun',
      attachments: [],
      occurredAt: 1510092431000,
      replyTarget: {
        commentId: '987654321_1491873277575158',
        privateReplyTo: { commentId: '987654321_1491873277575158' },
      },
      permalink: 'https://www.facebook.com/123456789_987654321',
    });
  });

  it('a batch with two pages yields one event per page', () => {
    const delivery = normaliseFixture('fb_feed_comment_add_batch_two_pages');
    expect(delivery.ignored).toEqual([]);
    expect(delivery.events.map((e) => [e.accountId, e.threadKey])).toEqual([
      ['100000000000001', 'facebook:100000000000001:comment:139560936744456_139562213411528'],
      ['100000000000002', 'facebook:100000000000002:comment:139560936744456_139562213411528'],
    ]);
    for (const event of delivery.events) {
      // parent_id is a comment (not the post): this is a reply, the thread root is the parent.
      expect(event.eventId).toBe('facebook:139560936744456_139620233405726');
      expect(event.inReplyToMessageId).toBe('139560936744456_139562213411528');
      expect(event.replyTarget).toEqual({
        commentId: '139560936744456_139562213411528',
        privateReplyTo: { commentId: '139560936744456_139620233405726' },
      });
      expect(event.text).toBe('Good');
      expect(event.occurredAt).toBe(1511951015000);
    }
  });

  it('uses the embedded post permalink when there is one', () => {
    const event = only('fb_feed_comment_add_with_post_object');
    expect(event.permalink).toBe('https://www.facebook.com/xxx/posts/1111');
    expect(event.threadKey).toBe('facebook:137542570280222:comment:139560936755999_140077616693321');
    expect(event.inReplyToMessageId).toBeUndefined();
    expect(event.text).toBe('100');
  });

  it("the page's own comment is part of the conversation, marked fromAccount", () => {
    const event = only('fb_feed_comment_by_page');
    expect(event).toMatchObject({
      eventId: 'facebook:139560936755999_140077616693321',
      kind: 'message',
      fromAccount: true,
      sentBy: 'human',
      author: { id: '137542570280111', name: 'Bottender' },
      threadKey: 'facebook:137542570280111:comment:139560936755999_140077593359990',
      inReplyToMessageId: '139560936755999_140077593359990',
      text: 'Public reply!',
    });
  });

  it('an edited comment is kind edited with the edit time in the event id', () => {
    const event = only('fb_feed_comment_edited');
    expect(event).toMatchObject({
      eventId: 'facebook:139560936744456_139597043408045:edited:1511948891000',
      kind: 'edited',
      channel: 'comment',
      messageId: '139560936744456_139597043408045',
      threadKey: 'facebook:137542570280222:comment:139560936744456_139597043408045',
      text: 'Great',
      fromAccount: false,
    });
  });

  it('a removed comment (no author name, no message) is kind deleted', () => {
    const event = only('fb_feed_comment_remove');
    expect(event).toMatchObject({
      eventId: 'facebook:139560936744456_139597043408045:deleted',
      kind: 'deleted',
      channel: 'comment',
      author: { id: '139560936744123' },
      text: '',
      replyTarget: { commentId: '139560936744456_139597043408045' },
    });
  });

  it('a visitor status is a post conversation answerable on the post', () => {
    expect(only('fb_feed_status_add')).toMatchObject({
      eventId: 'facebook:137542570280222_139610053406744',
      channel: 'post',
      kind: 'message',
      threadKey: 'facebook:137542570280222:post:137542570280222_139610053406744',
      topicId: '137542570280222_139610053406744',
      text: 'test',
      fromAccount: false,
      sentBy: 'customer',
      replyTarget: {
        postId: '137542570280222_139610053406744',
        privateReplyTo: { postId: '137542570280222_139610053406744' },
      },
    });
  });

  it("a visitor's removed post is kind deleted", () => {
    expect(only('fb_feed_post_remove')).toMatchObject({
      eventId: 'facebook:137542570280222_139610053406744:deleted',
      channel: 'post',
      kind: 'deleted',
      threadKey: 'facebook:137542570280222:post:137542570280222_139610053406744',
    });
  });

  it('a reaction is ignored with a reason', () => {
    const delivery = normaliseFixture('fb_feed_reaction_add');
    expect(delivery.events).toEqual([]);
    expect(delivery.ignored).toEqual([
      { type: 'feed:reaction', reason: 'entry[0].changes[0]: a reaction (verb add), nothing to answer' },
    ]);
  });

  it("ignores the page's own posts but keeps a visitor's photo with its link", () => {
    const delivery = normaliseMetaDelivery({
      object: 'page',
      entry: [
        {
          id: '500',
          time: 1700000000,
          changes: [
            {
              field: 'feed',
              value: {
                item: 'status',
                verb: 'add',
                from: { id: '500', name: 'Brand' },
                post_id: '500_1',
                message: 'Sale!',
              },
            },
            {
              field: 'feed',
              value: {
                item: 'photo',
                verb: 'add',
                from: { id: '42', name: 'Ann' },
                post_id: '500_2',
                link: 'https://scontent.example/p.jpg',
                message: 'broken on arrival',
                created_time: 1700000001,
              },
            },
          ],
        },
      ],
    });
    expect(delivery.ignored).toEqual([
      { type: 'feed:own_post', reason: "entry[0].changes[0]: the Page's own status, not a conversation" },
    ]);
    expect(delivery.events).toHaveLength(1);
    expect(delivery.events[0]).toMatchObject({
      eventId: 'facebook:500_2',
      channel: 'post',
      attachments: [{ type: 'photo', url: 'https://scontent.example/p.jpg' }],
      occurredAt: 1700000001000,
    });
  });

  it('reads the pre-v2.11 sender_id, ignores hide verbs and comments without any author', () => {
    const comment = { item: 'comment', post_id: '9_1', comment_id: '1_2', parent_id: '9_1', message: 'hi' };
    const delivery = normaliseMetaDelivery({
      object: 'page',
      entry: [
        {
          id: '9',
          changes: [
            { field: 'feed', value: { ...comment, verb: 'add', sender_id: 77, sender_name: 'Old' } },
            { field: 'feed', value: { ...comment, verb: 'hide', from: { id: '77' } } },
            { field: 'feed', value: { ...comment, verb: 'add' } },
            { field: 'mention', value: { post_id: '1_1' } },
          ],
        },
      ],
    });
    expect(delivery.events).toHaveLength(1);
    expect(delivery.events[0]?.author).toEqual({ id: '77', name: 'Old' });
    expect(delivery.ignored.map((i) => i.type)).toEqual([
      'feed:comment:hide',
      'feed:comment',
      'change:mention',
    ]);
    expect(delivery.ignored[1]?.reason).toContain('no author');
  });
});

describe('Messenger', () => {
  it('a text message from a customer', () => {
    expect(only('messenger_text')).toEqual({
      eventId: 'facebook:mid.1457764197618:41d102a3e1ae206a38',
      platform: 'facebook',
      channel: 'dm',
      kind: 'message',
      accountId: '111111',
      threadKey: 'facebook:111111:dm:100000000000004',
      messageId: 'mid.1457764197618:41d102a3e1ae206a38',
      author: { id: '100000000000004' },
      fromAccount: false,
      sentBy: 'customer',
      text: 'hello, world!',
      attachments: [],
      occurredAt: 1457764197627,
      replyTarget: { recipientId: '100000000000004' },
    });
  });

  it('numeric ids (2016 payload) become strings and \\u escapes are decoded', () => {
    expect(only('messenger_text_unicode_signed')).toMatchObject({
      accountId: '1751036168465324',
      threadKey: 'facebook:1751036168465324:dm:982337261802700',
      author: { id: '982337261802700' },
      text: 'Test äëï',
    });
  });

  it('an attachment-only message has empty text and the attachment', () => {
    expect(only('messenger_attachment_image')).toMatchObject({
      eventId: 'facebook:mid.1458696618141:b4ef9d19ec21086067',
      kind: 'message',
      text: '',
      attachments: [{ type: 'image', url: 'IMAGE_URL' }],
    });
  });

  it('a quick reply is a message with its text', () => {
    expect(only('messenger_quick_reply')).toMatchObject({
      eventId: 'facebook:mid.1472028637817:ae2763cc036a664b43',
      text: 'Action',
      fromAccount: false,
      replyTarget: { recipientId: '1134343043305865' },
    });
  });

  it("an echo of our app's message is fromAccount, sent by the bot, in the customer's thread", () => {
    expect(only('messenger_echo')).toMatchObject({
      eventId: 'facebook:mid.1472026868734:832ecbdfc1ffc30139',
      fromAccount: true,
      sentBy: 'bot',
      author: { id: '1691462197845448' },
      threadKey: 'facebook:1691462197845448:dm:1134343043305865',
      replyTarget: { recipientId: '1134343043305865' },
      text: 'hello',
    });
  });

  it('an echo from another app (the Page Inbox) is a human', () => {
    const body = JSON.parse(fixtureText('messenger_echo'));
    body.entry[0].messaging[0].message.app_id = 263902037430900;
    const [event] = normaliseMetaDelivery(body, { appId: APP_ID }).events;
    expect(event).toMatchObject({ fromAccount: true, sentBy: 'human' });
    const [withoutAppId] = normaliseMetaDelivery(JSON.parse(fixtureText('messenger_echo'))).events;
    expect(withoutAppId?.sentBy).toBe('human');
  });

  it('an old postback without title or mid still gets a stable id', () => {
    expect(only('messenger_postback')).toMatchObject({
      eventId: 'facebook:postback:100000000000004:1458692752478',
      kind: 'message',
      text: '',
      fromAccount: false,
      threadKey: 'facebook:111111:dm:100000000000004',
    });
  });

  it('receipts, reactions, optins, referrals and handovers are ignored; standby messages are events', () => {
    const sender = { id: '2001' };
    const recipient = { id: '1001' };
    const delivery = normaliseMetaDelivery({
      object: 'page',
      entry: [
        {
          id: '1001',
          time: 1700000000000,
          messaging: [
            { sender, recipient, timestamp: 1, delivery: { mids: ['m1'], watermark: 1 } },
            { sender, recipient, timestamp: 2, read: { watermark: 2 } },
            { sender, recipient, timestamp: 3, reaction: { mid: 'm1', action: 'react', reaction: 'love' } },
            { recipient, timestamp: 4, optin: { ref: 'x', user_ref: 'u' } },
            { sender, recipient, timestamp: 5, referral: { ref: 'ad', source: 'ADS' } },
            { sender, recipient, timestamp: 6, pass_thread_control: { new_owner_app_id: '1' } },
            { sender, recipient, timestamp: 7, account_linking: { status: 'linked' } },
            {
              sender,
              recipient,
              timestamp: 8,
              postback: { title: 'Talk to a person', payload: 'HUMAN', mid: 'm.pb' },
            },
            {
              sender,
              recipient,
              timestamp: 9,
              message: { mid: 'm.reply', text: 'see above', reply_to: { mid: 'm.prev' } },
            },
          ],
          standby: [
            {
              sender,
              recipient,
              timestamp: 1700000000123,
              message: { mid: 'm.standby', text: 'still there?' },
            },
          ],
        },
      ],
    });
    expect(delivery.ignored.map((i) => i.type)).toEqual([
      'messaging:delivery',
      'messaging:read',
      'messaging:reaction',
      'messaging:optin',
      'messaging:referral',
      'messaging:handover',
      'messaging:unknown',
    ]);
    expect(delivery.ignored[6]?.reason).toBe(
      'entry[0].messaging[6]: messaging event not handled (keys: account_linking)',
    );
    expect(delivery.events.map((e) => [e.eventId, e.text, e.inReplyToMessageId])).toEqual([
      ['facebook:m.pb', 'Talk to a person', undefined],
      ['facebook:m.reply', 'see above', 'm.prev'],
      ['facebook:m.standby', 'still there?', undefined],
    ]);
    expect(delivery.events[2]?.threadKey).toBe('facebook:1001:dm:2001');
  });

  it('a malformed item is refused with its path, the rest of the batch survives', () => {
    const delivery = normaliseMetaDelivery({
      object: 'page',
      entry: [
        {
          id: '1001',
          messaging: [
            { sender: { id: '2001' }, recipient: { id: '1001' }, timestamp: 1, message: { text: 'no mid' } },
            {
              sender: { id: '2001' },
              recipient: { id: '1001' },
              timestamp: 2,
              message: { mid: 'ok', text: 'fine' },
            },
          ],
        },
      ],
    });
    expect(delivery.events.map((e) => e.eventId)).toEqual(['facebook:ok']);
    expect(delivery.refused).toHaveLength(1);
    expect(delivery.refused[0]?.type).toBe('malformed');
    expect(delivery.refused[0]?.reason).toMatch(/^entry\[0\]\.messaging\[0\]: message\.mid: /);
  });
});

describe('Instagram', () => {
  it('a real DM', () => {
    const event = only('ig_dm_text_real');
    expect(event).toMatchObject({
      platform: 'instagram',
      channel: 'dm',
      kind: 'message',
      accountId: '17841400538867190',
      threadKey: 'instagram:17841400538867190:dm:1129842642640637',
      author: { id: '1129842642640637' },
      fromAccount: false,
      sentBy: 'customer',
      text: 'oi',
      occurredAt: 1762031146380,
      replyTarget: { recipientId: '1129842642640637' },
    });
    expect(event.eventId).toBe(`instagram:${event.messageId}`);
    expect(event.messageId).toMatch(/^aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3/);
  });

  it('an echo (is_echo, is_self) is our own message to the customer', () => {
    expect(only('ig_echo_self')).toMatchObject({
      eventId: 'instagram:m_placeholder_message_id',
      fromAccount: true,
      sentBy: 'human',
      author: { id: '178414000000002' },
      threadKey: 'instagram:178414000000002:dm:178414000000004',
      replyTarget: { recipientId: '178414000000004' },
    });
  });

  it('a self-messaging postback is marked fromAccount and carries the button title', () => {
    expect(only('ig_postback_self')).toMatchObject({
      eventId: 'instagram:m_placeholder_message_id',
      kind: 'message',
      text: 'Start Chatting',
      fromAccount: true,
      threadKey: 'instagram:45202218377435:dm:178414000000004',
    });
  });

  it('our own comment (self_ig_scoped_id, placeholder time) is fromAccount', () => {
    expect(only('ig_comment_self')).toEqual({
      eventId: 'instagram:178414000000005',
      platform: 'instagram',
      channel: 'comment',
      kind: 'message',
      accountId: '178414000000001',
      threadKey: 'instagram:178414000000001:comment:178414000000005',
      topicId: '178414000000006',
      messageId: '178414000000005',
      author: { id: '178414000000001', handle: '<INSTAGRAM_USER_USERNAME>' },
      fromAccount: true,
      sentBy: 'human',
      text: '<COMMENT_TEXT>',
      attachments: [],
      occurredAt: RECEIVED_AT,
      replyTarget: { commentId: '178414000000005', privateReplyTo: { commentId: '178414000000005' } },
    });
  });

  it("a customer's reply comment (comment_id variant) joins the root comment's thread", () => {
    const delivery = normaliseMetaDelivery({
      object: 'instagram',
      entry: [
        {
          id: '1784',
          time: 1700000000,
          changes: [
            {
              field: 'live_comments',
              value: {
                comment_id: '180',
                parent_id: '170',
                text: 'where is my parcel?',
                from: { id: '555', username: 'ann' },
                media: { id: '3001', media_product_type: 'FEED' },
              },
            },
            { field: 'mentions', value: { media_id: 'M2', comment_id: '190' } },
          ],
        },
      ],
    });
    expect(delivery.events).toEqual([
      {
        eventId: 'instagram:180',
        platform: 'instagram',
        channel: 'comment',
        kind: 'message',
        accountId: '1784',
        threadKey: 'instagram:1784:comment:170',
        topicId: '3001',
        messageId: '180',
        inReplyToMessageId: '170',
        author: { id: '555', handle: 'ann' },
        fromAccount: false,
        sentBy: 'customer',
        text: 'where is my parcel?',
        attachments: [],
        occurredAt: 1700000000000,
        replyTarget: { commentId: '170', privateReplyTo: { commentId: '180' } },
      },
    ]);
    expect(delivery.ignored).toEqual([
      { type: 'change:mentions', reason: 'entry[0].changes[1]: the "mentions" field is not handled' },
    ]);
  });

  it('deleted, edited and unsupported DMs', () => {
    const sender = { id: '4001' };
    const recipient = { id: '1784' };
    const delivery = normaliseMetaDelivery({
      object: 'instagram',
      entry: [
        {
          id: '1784',
          time: 1700000000000,
          messaging: [
            { sender, recipient, timestamp: 1700000000001, message: { mid: 'm1', is_deleted: true } },
            {
              sender,
              recipient,
              timestamp: 1700000000002,
              message_edit: { mid: 'm2', text: 'fixed', num_edit: 1 },
            },
            { sender, recipient, timestamp: 1700000000003, message: { mid: 'm3', is_unsupported: true } },
          ],
        },
      ],
    });
    expect(delivery.ignored).toEqual([]);
    expect(delivery.events.map((e) => [e.eventId, e.kind, e.text, e.attachments])).toEqual([
      ['instagram:m1:deleted', 'deleted', '', []],
      ['instagram:m2:edited:1700000000002', 'edited', 'fixed', []],
      ['instagram:m3', 'message', '', [{ type: 'unsupported' }]],
    ]);
  });
});

describe('delivery shape', () => {
  it('ignores other webhook objects such as WhatsApp', () => {
    expect(
      normaliseMetaDelivery({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [] }] }),
    ).toEqual({
      events: [],
      ignored: [
        {
          type: 'object:whatsapp_business_account',
          reason: 'object "whatsapp_business_account" is not a Facebook Page or Instagram webhook',
        },
      ],
      refused: [],
    });
  });

  it('throws MetaPayloadError naming the offending path for bodies that are not Meta webhooks', () => {
    const reasonFor = (body: unknown): string => {
      try {
        normaliseMetaDelivery(body);
      } catch (error) {
        expect(error).toBeInstanceOf(MetaPayloadError);
        return (error as Error).message;
      }
      throw new Error('expected a MetaPayloadError');
    };
    expect(reasonFor('hello')).toBe('the body is not a JSON object');
    expect(reasonFor([1])).toBe('the body is not a JSON object');
    expect(reasonFor({ entry: [] })).toMatch(/^object: /);
    expect(reasonFor({ object: 'page' })).toMatch(/^entry: /);
  });

  it('an entry without a Graph id or with items of the wrong shape is refused on its own', () => {
    const delivery = normaliseMetaDelivery({
      object: 'page',
      entry: [
        { time: 1, messaging: [] },
        { id: '1', changes: {} },
        { id: '1', time: 1 },
      ],
    });
    expect(delivery.refused.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^entry\[0\]: id: /),
      expect.stringMatching(/^entry\[1\]: changes: /),
    ]);
    expect(delivery.ignored.map((i) => i.type)).toEqual(['entry']);
  });

  it('an entry without items is reported, an empty entry list is simply empty', () => {
    expect(normaliseMetaDelivery({ object: 'page', entry: [] })).toEqual({
      events: [],
      ignored: [],
      refused: [],
    });
    expect(normaliseMetaDelivery({ object: 'page', entry: [{ id: '1', time: 1 }] }).ignored).toEqual([
      { type: 'entry', reason: 'entry[0]: no changes, messaging or standby items' },
    ]);
  });
});

describe('attachments and standby', () => {
  const dm = (message: Record<string, unknown>, key: 'messaging' | 'standby' = 'messaging') =>
    normaliseMetaDelivery({
      object: 'instagram',
      entry: [
        {
          id: '1784',
          time: 1700000000000,
          [key]: [
            {
              sender: { id: '4001' },
              recipient: { id: '1784' },
              timestamp: 1700000000001,
              message: { mid: 'm1', ...message },
            },
          ],
        },
      ],
    }).events[0];

  it('tells the like sticker from other stickers', () => {
    const sticker = (id: number) => ({
      sticker_id: id,
      attachments: [{ type: 'image', payload: { url: 'https://x/s.png', sticker_id: id } }],
    });
    expect(dm(sticker(369239263222822))?.attachments).toEqual([
      { type: 'like_sticker', url: 'https://x/s.png' },
    ]);
    expect(dm(sticker(126361874215276))?.attachments).toEqual([{ type: 'sticker', url: 'https://x/s.png' }]);
  });

  it('keeps the story an Instagram reply answers, and story mentions, shares and reels with their links', () => {
    expect(dm({ reply_to: { story: { url: 'https://x/story', id: '1789' } } })?.attachments).toEqual([
      { type: 'story_reply', url: 'https://x/story' },
    ]);
    const attachments = ['story_mention', 'ig_post', 'share', 'ig_reel'].map((type) => ({
      type,
      payload: { url: `https://x/${type}` },
    }));
    expect(dm({ attachments })?.attachments).toEqual(
      attachments.map((a) => ({ type: a.type, url: a.payload.url })),
    );
  });

  it('marks items delivered on standby', () => {
    expect(dm({ text: 'hallo' }, 'standby')).toMatchObject({ standby: true, text: 'hallo' });
    expect(dm({ text: 'hallo' })?.standby).toBeUndefined();
  });
});

describe("Meta's documentation examples with placeholder ids", () => {
  it.each(['messenger_text', 'ig_comment_self', 'fb_feed_comment_add_batch_two_pages'])(
    '%s is refused item by item, never queued with an id of the wrong shape',
    (name) => {
      const delivery = normaliseMetaDelivery(JSON.parse(fixtureText(name)));
      expect(delivery.events).toEqual([]);
      expect(delivery.refused.length).toBeGreaterThan(0);
    },
  );
});
