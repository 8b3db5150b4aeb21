import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  xMentionAccountActivity,
} from '../../devkit/payloads.js';
import type { InboundEvent } from '../../shared/events.js';
import type { HandoffMessage } from '../../shared/handoff/schema.js';
import { type AgentTestSystem, conversationPath, startAgentTestSystem } from '../agents/agent-system.js';
import { inboxCasePage as inboxPageOf } from '../agents/inbox-page.js';
import { scanTable as scanWholeTable } from '../helpers/scan-table.js';

const PAGE_ID = '123456789';
const IG_ID = '17841400538867190';
const X_ACCOUNT_ID = '930524282358325248';

let system: AgentTestSystem;
let seq = 0;
const uniqueId = () => `${Date.now()}${++seq}`;
/** Complex enough to be handed to a person; unique, so a scan finds only this test's copies. */
const complexText = (marker: string) =>
  `Mein Paket PX123456789DE ist seit zehn Tagen verschwunden, niemand hilft mir (${marker}). Was ist da los?`;

beforeAll(async () => {
  system = await startAgentTestSystem();
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

const inboxCasePage = (conversationId: string) => inboxPageOf(system, conversationId);
const scanTable = () => scanWholeTable(system.config.tableName);

interface Scenario {
  /** delivers the customer's message through the webhook */
  post(messageId: string, text: string): Promise<void>;
  /** delivers the platform's deletion of it; returns the deletion event put on the inbound queue */
  remove(messageId: string): Promise<InboundEvent>;
}

async function webhookDelivery(response: Promise<Response>): Promise<void> {
  expect((await response).status).toBe(200);
  await system.drainInbound();
}

const lastEnqueued = () => system.enqueued.at(-1) as InboundEvent;

const facebook: Scenario = {
  async post(commentId, text) {
    await webhookDelivery(
      system.postMeta(
        JSON.stringify(
          facebookCommentDelivery({
            pageId: PAGE_ID,
            postId: `${PAGE_ID}_${seq}77`,
            commentId,
            text,
            photo: `https://scontent.xx.fbcdn.net/v/${commentId}.jpg`,
          }),
        ),
      ),
    );
  },
  async remove(commentId) {
    const body = facebookCommentDelivery({
      pageId: PAGE_ID,
      postId: `${PAGE_ID}_${seq}77`,
      commentId,
      text: '',
    });
    const value = body.entry[0]?.changes[0]?.value as Record<string, unknown>;
    value.verb = 'remove';
    await webhookDelivery(system.postMeta(JSON.stringify(body)));
    return lastEnqueued();
  },
};

const instagram: Scenario = {
  async post(commentId, text) {
    await webhookDelivery(
      system.postMeta(JSON.stringify(instagramCommentDelivery({ pageId: IG_ID, commentId, text }))),
    );
  },
  /**
   * Instagram documents no webhook for a deleted comment, so its deletion reaches the inbound
   * queue as the normalised event a deletion source (a moderation sync, a bridge) would send.
   */
  async remove(commentId) {
    const message = system.enqueued.find((e) => e.platform === 'instagram' && e.messageId === commentId);
    const deletion: InboundEvent = {
      ...(message as InboundEvent),
      eventId: `instagram:${commentId}:deleted`,
      kind: 'deleted',
      text: '',
      attachments: [],
      occurredAt: Date.now(),
    };
    await system.redeliver([deletion]);
    return deletion;
  },
};

const x: Scenario = {
  async post(tweetId, text) {
    await webhookDelivery(
      system.postX(
        xMentionAccountActivity({ accountId: X_ACCOUNT_ID, accountHandle: 'ParcelExpress', text, tweetId }),
      ),
    );
  },
  async remove(tweetId) {
    await webhookDelivery(
      system.postX(
        JSON.stringify({
          for_user_id: X_ACCOUNT_ID,
          tweet_delete_events: [{ status: { id: tweetId, user_id: '1' }, timestamp_ms: String(Date.now()) }],
        }),
      ),
    );
    return lastEnqueued();
  },
};

const tweetId = () => `1332557345071${String(700001 + ++seq * 1000).padStart(6, '0')}`;

describe('deleted content is gone', () => {
  it.each([
    ['a Facebook comment', facebook, () => `${uniqueId()}_${uniqueId()}`],
    ['an Instagram comment', instagram, () => `178${uniqueId()}`],
    ['an X post', x, tweetId],
  ] as const)(
    '%s: the table keeps no text, the people holding the case get an update without it',
    async (_, platform, newId) => {
      const messageId = newId();
      const marker = `geloescht-${uniqueId()}`;
      const text = complexText(marker);
      await platform.post(messageId, text);
      const conversationId = system.outcomes[0]?.conversationId as string;
      const [opened] = await system.takeHandoffs();
      expect(opened).toMatchObject({ type: 'new', conversationId });
      expect(JSON.stringify(await scanTable())).toContain(marker);

      const deletion = await platform.remove(messageId);

      const items = await scanTable();
      expect(JSON.stringify(items)).not.toContain(marker);
      const stored = items.find(
        (i) => i.messageId === messageId && i.conversationId === conversationId && 'direction' in i,
      );
      expect(stored).toMatchObject({
        messageId,
        deleted: true,
        eventId: expect.any(String),
        occurredAt: expect.any(Number),
      });
      expect(stored).not.toHaveProperty('text');
      expect(stored).not.toHaveProperty('attachments');

      const handoffs: HandoffMessage[] = await system.takeHandoffs();
      expect(handoffs).toHaveLength(1);
      const [update] = handoffs;
      expect(update).toMatchObject({ type: 'update', caseId: opened?.caseId, conversationId });
      expect(update?.transcript.find((t) => t.messageId === messageId)).toMatchObject({
        deleted: true,
        text: '',
      });
      expect(JSON.stringify(update)).not.toContain(marker);

      const view = await system.api('GET', conversationPath(conversationId));
      const messages = view.json.messages as Array<{ messageId: string }>;
      expect(messages.find((m) => m.messageId === messageId)).toMatchObject({ deleted: true, text: '' });
      expect(view.text).not.toContain(marker);
      const page = await inboxCasePage(conversationId);
      expect(page).toContain('deleted by the customer');
      expect(page).not.toContain(marker);

      await system.redeliver([deletion]);
      expect(await system.takeHandoffs()).toHaveLength(0);
    },
  );
});
