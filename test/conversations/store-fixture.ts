import { afterAll, beforeAll } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import { dynamo } from '../../shared/aws/dynamo.js';
import type { ConversationInit } from '../../shared/conversations/conversations.js';
import type { StoredMessage } from '../../shared/conversations/model.js';
import { ConversationStore } from '../../shared/conversations/store.js';
import type { Decision } from '../../shared/policy/decision.js';

/** A store on its own dynalite table, with a clock the test moves. */
export function storeOnDynalite(prefix: string) {
  const state = { now: new Date('2026-12-07T08:00:00Z') };
  let stack: LocalStack | undefined;
  const fixture = {
    store: undefined as unknown as ConversationStore,
    setNow(date: Date) {
      state.now = date;
    },
    /** a second store, as a concurrent Lambda container sees the same table */
    otherContainer: () => new ConversationStore(dynamo(), (stack as LocalStack).tableName, () => state.now),
    /** the table's name, to read or write an item as it is stored */
    tableName: () => (stack as LocalStack).tableName,
  };
  beforeAll(async () => {
    stack = await startLocalStack({ prefix });
    Object.assign(process.env, stack.env);
    fixture.store = new ConversationStore(dynamo(), stack.tableName, () => state.now);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return fixture;
}

let counter = 0;
/** An id no other test uses. */
export const unique = (name: string) => `${name}-${Date.now()}-${counter++}`;

export function conversationInit(conversationId: string): ConversationInit {
  return {
    conversationId,
    brand: 'parcelexpress',
    platform: 'facebook',
    channel: 'comment',
    accountId: '123456789',
    customer: { id: 'customer-1', name: 'Kim' },
    links: { public: 'https://facebook.com/1_2' },
    replyTarget: { commentId: '1_2' },
  };
}

export const acknowledgement: Decision = {
  action: 'reply',
  language: 'de',
  intent: 'question',
  complex: false,
  personalData: [],
  escalation: 'L1',
  priority: 'normal',
  reasons: ['intent:question'],
  handoff: false,
  publicReply: { text: 'Danke, wir schauen nach.', templateId: 'ack.question.1' },
};

export const handoffDecision: Decision = {
  ...acknowledgement,
  action: 'reply_and_handoff',
  intent: 'complaint',
  complex: true,
  escalation: 'L2',
  handoff: true,
  reasons: ['intent:complaint'],
  dueBy: '2026-12-07T12:00:00.000Z',
};

/** A customer's comment in a conversation, as the responder stores it. */
export function customerMessage(
  conversationId: string,
  messageId: string,
  eventId = `event-${messageId}`,
): StoredMessage {
  return {
    conversationId,
    messageId,
    eventId,
    direction: 'in',
    sentBy: 'customer',
    channel: 'comment',
    author: { id: 'customer-1' },
    text: 'Wo ist mein Paket?',
    occurredAt: 1_000,
  };
}
