import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookCommentDelivery, messengerDelivery } from '../../devkit/payloads.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const IG_ID = '17841400538867190';
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';
const PHOTO = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/paket_kaputt.jpg?oh=abc';

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

async function deliver(body: unknown) {
  expect((await system.postMeta(JSON.stringify(body))).status).toBe(200);
  await system.drainInbound();
}

/** Tuesday 10 November 2026, 10:30 in Berlin: within the brand's hours, so the words are the daytime ones. */
const OPEN = new Date('2026-11-10T09:30:00Z');

describe('a DM with only an attachment reaches a person, with its link', () => {
  beforeEach(() => system.setNow(OPEN));
  afterEach(() => system.setNow(undefined));

  it.each([
    ['facebook', 'a photo', { attachments: [{ type: 'image', payload: { url: PHOTO } }] }, 'image'],
    ['facebook', 'a video', { attachments: [{ type: 'video', payload: { url: `${PHOTO}&v` } }] }, 'video'],
    [
      'facebook',
      'a voice message',
      { attachments: [{ type: 'audio', payload: { url: `${PHOTO}&a` } }] },
      'audio',
    ],
    ['facebook', 'a file', { attachments: [{ type: 'file', payload: { url: `${PHOTO}&f` } }] }, 'file'],
    [
      'facebook',
      'a sticker other than the like',
      { attachments: [{ type: 'image', payload: { url: `${PHOTO}&s`, sticker_id: 126361874215276 } }] },
      'sticker',
    ],
    [
      'instagram',
      'a shared post',
      { attachments: [{ type: 'ig_post', payload: { url: `${PHOTO}&p` } }] },
      'ig_post',
    ],
    [
      'instagram',
      'a reel',
      { attachments: [{ type: 'ig_reel', payload: { url: `${PHOTO}&r` } }] },
      'ig_reel',
    ],
    [
      'instagram',
      'a story mention',
      { attachments: [{ type: 'story_mention', payload: { url: `${PHOTO}&m` } }] },
      'story_mention',
    ],
    [
      'instagram',
      'a reply to a story, without words',
      { reply_to: { story: { url: `${PHOTO}&st`, id: '17890000000000001' } } },
      'story_reply',
    ],
  ] as const)('%s: %s', async (platform, _, message, type) => {
    const sender = `71${uniqueId()}`;
    const accountId = platform === 'facebook' ? PAGE_ID : IG_ID;
    await deliver(
      messengerDelivery({
        platform,
        accountId,
        senderId: sender,
        text: '',
        message,
        timestamp: OPEN.getTime(),
      }),
    );

    const [outcome] = system.outcomes;
    // neutral words from the brand's templates: it was seen, a person answers (issue 13)
    expect(outcome?.decision).toMatchObject({ action: 'reply_and_handoff', handoff: true });
    expect(outcome?.decision?.privateReply?.templateId).toMatch(/^received\./);
    expect(outcome?.decision?.reasons).toContain('handoff:attachment_only');
    const handoffs = await system.takeHandoffs();
    expect(handoffs).toHaveLength(1);
    const url = expect.stringContaining('https://scontent.xx.fbcdn.net/');
    // the customer's message with its link, then the acknowledgement sent
    expect(handoffs[0]?.transcript).toContainEqual(
      expect.objectContaining({ text: '', attachments: [{ type, url }] }),
    );
    const [stored] = await system.deps.store.listMessages(`${platform}:${accountId}:dm:${sender}`);
    expect(stored?.attachments).toEqual([{ type, url }]);
    const sends = system.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    expect(sends).toHaveLength(1);
    expect(sends[0]?.json).toMatchObject({ recipient: { id: sender } });
  });

  it('a lone like sticker stays unanswered, recorded', async () => {
    const sender = `72${uniqueId()}`;
    const like = { type: 'image', payload: { url: `${PHOTO}&like`, sticker_id: 369239263222822 } };
    await deliver(
      messengerDelivery({
        platform: 'facebook',
        accountId: PAGE_ID,
        senderId: sender,
        text: '',
        message: { sticker_id: 369239263222822, attachments: [like] },
      }),
    );
    expect(system.outcomes[0]?.decision).toMatchObject({ action: 'silent', handoff: false });
    expect(system.outcomes[0]?.decision?.reasons).toContain('silent:like_sticker');
    expect(await system.takeHandoffs()).toHaveLength(0);
    const [stored] = await system.deps.store.listMessages(`facebook:${PAGE_ID}:dm:${sender}`);
    expect(stored?.attachments).toEqual([{ type: 'like_sticker', url: `${PHOTO}&like` }]);
  });
});

describe('a public comment that is only a photo', () => {
  it('joins its conversation, and on a case people hold it reaches them with the photo', async () => {
    const postId = `${PAGE_ID}_${uniqueId()}`;
    const rootId = `${uniqueId()}_${uniqueId()}`;
    const customer = `73${uniqueId()}`;
    await deliver(
      facebookCommentDelivery({
        pageId: PAGE_ID,
        postId,
        commentId: rootId,
        fromId: customer,
        text: COMPLEX_TEXT,
      }),
    );
    const [opened] = await system.takeHandoffs();
    expect(opened?.type).toBe('new');

    const photoId = `${uniqueId()}_${uniqueId()}`;
    await deliver(
      facebookCommentDelivery({
        pageId: PAGE_ID,
        postId,
        commentId: photoId,
        parentCommentId: rootId,
        fromId: customer,
        text: '',
        photo: PHOTO,
      }),
    );
    const conversationId = `facebook:${PAGE_ID}:comment:${rootId}`;
    const [update] = await system.takeHandoffs();
    expect(update).toMatchObject({ type: 'update', caseId: opened?.caseId, conversationId });
    expect(update?.transcript.find((entry) => entry.messageId === photoId)).toMatchObject({
      text: '',
      attachments: [{ type: 'photo', url: PHOTO }],
    });
    const messages = await system.deps.store.listMessages(conversationId);
    expect(messages.find((m) => m.messageId === photoId)?.attachments).toEqual([
      { type: 'photo', url: PHOTO },
    ]);
  });
});

describe('standby: another app owns the Messenger thread', () => {
  it('records the message and never answers it', async () => {
    const sender = `74${uniqueId()}`;
    await deliver(
      messengerDelivery({
        platform: 'facebook',
        accountId: PAGE_ID,
        senderId: sender,
        text: COMPLEX_TEXT,
        standby: true,
      }),
    );
    expect(system.outcomes[0]?.decision?.reasons).toContain('silent:standby(another app owns the thread)');
    expect(system.graph.calls).toHaveLength(0);
    expect(await system.takeHandoffs()).toHaveLength(0);
    const messages = await system.deps.store.listMessages(`facebook:${PAGE_ID}:dm:${sender}`);
    expect(messages.map((m) => m.text)).toEqual([COMPLEX_TEXT]);
  });

  it('on a case people already hold, reaches them as an update, still unanswered', async () => {
    const sender = `75${uniqueId()}`;
    await deliver(
      messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, senderId: sender, text: COMPLEX_TEXT }),
    );
    const [opened] = await system.takeHandoffs();
    system.graph.reset();
    await deliver(
      messengerDelivery({
        platform: 'facebook',
        accountId: PAGE_ID,
        senderId: sender,
        text: 'Hallo?',
        standby: true,
      }),
    );
    expect(system.graph.calls).toHaveLength(0);
    const [update] = await system.takeHandoffs();
    expect(update).toMatchObject({ type: 'update', caseId: opened?.caseId });
    expect(update?.transcript.at(-1)?.text).toBe('Hallo?');
  });
});
