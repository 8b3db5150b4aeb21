import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  xMentionAccountActivity,
} from '../../devkit/payloads.js';
import { STAND_IN_ACCOUNTS } from '../../devkit/platform-stand-ins.js';
import { HandoffMessageSchema } from '../../shared/handoff/schema.js';
import { loadBrands } from '../../shared/policy/brand-files.js';
import { BrandDirectory } from '../../shared/policy/brands.js';
import { type AgentTestSystem, conversationPath, startAgentTestSystem } from '../agents/agent-system.js';
import { inboxCasePage as inboxPageOf } from '../agents/inbox-page.js';
import { scanTable as scanWholeTable } from '../helpers/scan-table.js';

const PAGE_ID = STAND_IN_ACCOUNTS.facebook;
const IG_ID = STAND_IN_ACCOUNTS.instagram;
const X_ACCOUNT_ID = STAND_IN_ACCOUNTS.x;

let system: AgentTestSystem;
let sqs: SQSClient;
let seq = 0;
const uniqueId = () => `${Date.now()}${++seq}`;

beforeAll(async () => {
  system = await startAgentTestSystem();
  sqs = new SQSClient({});
});
afterAll(async () => {
  sqs.destroy();
  await system.stop();
});
beforeEach(async () => {
  system.graph.reset();
  system.xApi.reset();
  system.outcomes.length = 0;
  await system.takeHandoffs();
});

const inboxCasePage = (conversationId: string) => inboxPageOf(system, conversationId);
const scanTable = () => scanWholeTable(system.config.tableName);

/** The hand-off queue's message bodies as consumers receive them (left on the queue). */
async function handoffBodies(): Promise<string[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: system.stack.handoffQueueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      VisibilityTimeout: 0,
    }),
  );
  return Messages.map((m) => m.Body ?? '');
}

/** A text with the number written with spaces and dashes removed: what a masked copy must not hold. */
const compact = (text: string) => text.replace(/[\s-]/g, '');

async function deliver(response: Promise<Response>): Promise<void> {
  expect((await response).status).toBe(200);
  await system.drainInbound();
}

const IBAN = 'DE89 3704 0044 0532 0130 00';
const CARD = '4111 1111 1111 1111';

const facebookComment = (commentId: string, text: string) =>
  deliver(
    system.postMeta(
      JSON.stringify(
        facebookCommentDelivery({ pageId: PAGE_ID, postId: `${PAGE_ID}_${seq}88`, commentId, text }),
      ),
    ),
  );
const instagramComment = (commentId: string, text: string) =>
  deliver(system.postMeta(JSON.stringify(instagramCommentDelivery({ pageId: IG_ID, commentId, text }))));
const xPost = (tweetId: string, text: string, inReplyToTweetId?: string) =>
  deliver(
    system.postX(
      xMentionAccountActivity({
        accountId: X_ACCOUNT_ID,
        accountHandle: 'ParcelExpress',
        text,
        tweetId,
        ...(inReplyToTweetId ? { inReplyToTweetId } : {}),
      }),
    ),
  );
const tweetId = () => `1332557345071${String(800001 + ++seq * 1000).padStart(6, '0')}`;

describe('hiding public comments that hold payment data', () => {
  it.each([
    ['a Facebook comment', 'facebook', () => `${uniqueId()}_${uniqueId()}`, facebookComment],
    ['an Instagram comment', 'instagram', () => `178${uniqueId()}`, instagramComment],
    [
      'an X reply to the brand’s post',
      'x',
      tweetId,
      (id: string, text: string) => xPost(id, text, tweetId()),
    ],
  ] as const)(
    '%s with an IBAN is hidden, answered without the IBAN, handed off and audited',
    async (_, platform, newId, post) => {
      const messageId = newId();
      await post(messageId, `Bitte erstattet mir das Geld auf ${IBAN}, das Paket kam nie an!`);

      const stand = platform === 'x' ? system.xApi : system.graph;
      expect(stand.contents.hidden.has(messageId)).toBe(true);
      const hideCalls = stand.calls.filter((c) =>
        platform === 'x' ? c.method === 'PUT' : c.method === 'POST' && c.path.endsWith(`/${messageId}`),
      );
      expect(hideCalls).toHaveLength(1);
      expect(hideCalls[0]?.json).toEqual(
        platform === 'facebook'
          ? { is_hidden: true }
          : platform === 'instagram'
            ? { hide: true }
            : { hidden: true },
      );
      // the public answer and the DM never repeat the IBAN
      const sentTexts = stand.calls.filter((c) => c !== hideCalls[0]).map((c) => c.body);
      expect(sentTexts.length).toBeGreaterThan(0);
      for (const body of sentTexts) expect(compact(body)).not.toContain(compact(IBAN));

      const outcome = system.outcomes.at(-1);
      expect(outcome?.hidden).toEqual({ status: 'hidden' });
      expect(outcome?.decision?.hide).toEqual(['iban']);
      expect(outcome?.decision?.action).toBe('reply_and_dm');
      const [handoff] = await system.takeHandoffs();
      expect(handoff?.reasons).toEqual(expect.arrayContaining(['hide:iban', `comment_hidden:${platform}`]));
      const audit = await system.deps.store.listAudit(outcome?.conversationId as string);
      expect(audit).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'bot', action: 'comment_hidden', reasons: ['hide:iban'] }),
        ]),
      );
    },
  );

  it('an X mention that answers no post of the brand is not hidden; the hand-off says why', async () => {
    const messageId = tweetId();
    await xPost(messageId, `Meine Karte ${CARD} wurde doppelt belastet!`);
    expect(system.xApi.calls.filter((c) => c.method === 'PUT')).toEqual([]);
    expect(system.outcomes.at(-1)?.hidden).toBeUndefined();
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons).toContain('hide_not_possible:x_not_a_reply_to_own_post');
    expect(handoff?.personalData).toContain('payment_card');
  });

  it('a refusal reaches a person with the reason; a redelivery neither hides nor replies again', async () => {
    const commentId = `${uniqueId()}_${uniqueId()}`;
    system.graph.queueFor((c) => c.method === 'POST' && c.path.endsWith(`/${commentId}`), {
      status: 403,
      body: { error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200 } },
    });
    await facebookComment(commentId, `Karte ${CARD} doppelt belastet, bitte prüfen`);
    expect(system.graph.contents.hidden.has(commentId)).toBe(false);
    expect(system.outcomes.at(-1)?.hidden).toMatchObject({
      status: 'failed',
      errorClass: 'permission_denied',
    });
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons).toEqual(
      expect.arrayContaining([
        'hide_failed:facebook:permission_denied',
        expect.stringMatching(/^comment not hidden: facebook refused .*; hide it by hand$/),
      ]),
    );
    const callsBefore = system.graph.calls.length;

    await system.redeliver([system.enqueued.at(-1) as (typeof system.enqueued)[number]]);
    expect(system.outcomes.at(-1)?.duplicate).toBe(true);
    expect(system.graph.calls.length).toBe(callsBefore);
  });

  it('a server error on the hide is tried once more at once, and the comment is hidden', async () => {
    const commentId = `${uniqueId()}_${uniqueId()}`;
    system.graph.faultAfterHandling(
      (c) => c.method === 'POST' && c.path.endsWith(`/${commentId}`),
      'error_500',
    );
    await facebookComment(commentId, `Geld zurück auf ${IBAN}, bitte`);
    const hides = system.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith(`/${commentId}`));
    expect(hides).toHaveLength(2);
    expect(system.outcomes.at(-1)?.hidden).toEqual({ status: 'hidden' });
  });

  it('an attempt retried after a failed reply does not hide again, and posts each reply once', async () => {
    const commentId = `${uniqueId()}_${uniqueId()}`;
    system.graph.queueFor((c) => c.method === 'POST' && c.path.endsWith('/comments'), {
      status: 429,
      body: { error: { message: 'Application request limit reached', code: 4 } },
    });
    await facebookComment(commentId, `Geld zurück auf ${IBAN} bitte, Paket nie angekommen`);
    await system.waitForRedelivery();
    await system.drainInbound();

    const hides = system.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith(`/${commentId}`));
    expect(hides).toHaveLength(1);
    expect(system.outcomes.at(-1)).toMatchObject({ hidden: { status: 'hidden' }, duplicate: false });
    expect(system.outcomes.at(-1)?.replies.map((r) => r.status)).toEqual(['sent', 'sent']);
    const posted = system.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comments'));
    expect(posted).toHaveLength(2); // the refused one and the retry
  });

  it('a brand with hiding off answers and hands off, and hides nothing', async () => {
    const brands = system.deps.brands;
    const [brand] = loadBrands('brands');
    system.deps.brands = new BrandDirectory(
      [{ ...(brand as NonNullable<typeof brand>), hideCommentsWith: [] }],
      'parcelexpress',
    );
    try {
      const commentId = `${uniqueId()}_${uniqueId()}`;
      await facebookComment(commentId, `Erstattung bitte auf ${IBAN}`);
      expect(system.graph.calls.some((c) => c.path.endsWith(`/${commentId}`))).toBe(false);
      expect(system.outcomes.at(-1)?.decision?.hide).toBeUndefined();
      expect(system.outcomes.at(-1)?.decision?.action).toBe('reply_and_dm');
      expect((await system.takeHandoffs())[0]?.personalData).toContain('iban');
    } finally {
      system.deps.brands = brands;
    }
  });
});

describe('payment data is masked where it is kept', () => {
  it('after comments with an IBAN and a card, neither the table nor the hand-off queue holds them in full', async () => {
    const iban = 'GB82 WEST 1234 5698 7654 32';
    const card = '5555-5555-5555-4444';
    const commentId = `${uniqueId()}_${uniqueId()}`;
    await facebookComment(commentId, `IBAN ${iban}, abgebucht von Karte ${card}. Wo ist mein Geld?`);
    const conversationId = system.outcomes.at(-1)?.conversationId as string;

    const bodies = await handoffBodies();
    expect(bodies.length).toBeGreaterThan(0);
    const items = await scanTable();
    for (const kept of [JSON.stringify(items), ...bodies]) {
      for (const number of [iban, card, IBAN, CARD]) expect(compact(kept)).not.toContain(compact(number));
    }

    const message = items.find((i) => i.messageId === commentId && 'direction' in i);
    expect(message?.text).toBe('IBAN [IBAN …5432], abgebucht von Karte [card …4444]. Wo ist mein Geld?');
    expect(message?.masked).toEqual([
      { kind: 'iban', masked: '[IBAN …5432]', verified: true },
      { kind: 'payment_card', masked: '[card …4444]', verified: true },
    ]);
    const handoff = HandoffMessageSchema.parse(JSON.parse(bodies.at(-1) as string));
    expect(handoff.transcript.find((e) => e.messageId === commentId)).toMatchObject({
      text: 'IBAN [IBAN …5432], abgebucht von Karte [card …4444]. Wo ist mein Geld?',
      masked: [
        { kind: 'iban', shown: '[IBAN …5432]' },
        { kind: 'payment_card', shown: '[card …4444]' },
      ],
    });
    expect(handoff.personalData).toEqual(expect.arrayContaining(['iban', 'payment_card']));

    const view = await system.api('GET', conversationPath(conversationId));
    expect(view.status).toBe(200);
    expect(compact(view.text)).not.toContain(compact(iban));
    expect(view.json).toMatchObject({
      messages: expect.arrayContaining([
        expect.objectContaining({
          messageId: commentId,
          masked: expect.arrayContaining([expect.objectContaining({ masked: '[IBAN …5432]' })]),
        }),
      ]),
    });
    const page = await inboxCasePage(conversationId);
    expect(page).toContain('[IBAN …5432]');
    expect(page).toContain('it is stored masked');
    expect(compact(page)).not.toContain(compact(card));
  });

  it('an edit that adds an IBAN is stored masked', async () => {
    const commentId = `${uniqueId()}_${uniqueId()}`;
    await facebookComment(
      commentId,
      'Mein Paket ist seit zehn Tagen verschwunden, niemand hilft mir. Was ist da los?',
    );
    const body = facebookCommentDelivery({
      pageId: PAGE_ID,
      postId: `${PAGE_ID}_${seq}88`,
      commentId,
      text: `Konto: ${IBAN}`,
    });
    (body.entry[0]?.changes[0]?.value as Record<string, unknown>).verb = 'edited';
    await deliver(system.postMeta(JSON.stringify(body)));
    const items = await scanTable();
    expect(compact(JSON.stringify(items))).not.toContain(compact(IBAN));
    expect(items.find((i) => i.messageId === commentId && 'direction' in i)).toMatchObject({
      text: 'Konto: [IBAN …3000]',
      masked: [{ kind: 'iban', masked: '[IBAN …3000]', verified: true }],
    });
  });
});
