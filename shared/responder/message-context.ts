import type { Conversation, StoredMessage } from '../conversations/model.js';
import { type ConversationInit, newConversation } from '../conversations/store.js';
import type { InboundEvent } from '../events.js';
import { type Brand, type BrandAccount, brandDmLink } from '../policy/brand.js';
import type { ResponderDeps } from './types.js';

/** What every phase of a customer message works from, read once before the decision. */
export interface MessageContext {
  event: InboundEvent;
  conversationId: string;
  brand: Brand;
  account: BrandAccount;
  dmLink: string;
  init: ConversationInit;
  now: Date;
  /** the conversation as read before this message, with this message's time in it */
  conversation: Conversation;
  recentTemplateIds: string[];
}

/** What an event tells of its conversation before the conversation is stored. */
export function conversationInit(
  event: InboundEvent,
  conversationId: string,
  brandId: string,
  dmLink: string,
): ConversationInit {
  return {
    conversationId,
    brand: brandId,
    platform: event.platform,
    channel: event.channel,
    accountId: event.accountId,
    customer: event.author,
    links: { public: event.permalink, dm: dmLink },
    replyTarget: event.replyTarget,
    topicId: event.topicId,
  };
}

export async function readMessageContext(
  event: InboundEvent,
  conversationId: string,
  deps: ResponderDeps,
): Promise<MessageContext> {
  const { brand, account } = deps.brands.forAccount(event.platform, event.accountId);
  const dmLink = brandDmLink(brand, event.platform, account);
  const init = conversationInit(event, conversationId, brand.id, dmLink);
  const now = deps.clock();
  const [stored, recentTemplateIds] = await Promise.all([
    deps.store.getConversation(conversationId),
    deps.store.recentTemplates(event.platform, event.accountId),
  ]);
  const conversation = withCustomerMessage(stored ?? newConversation(init, now), event.occurredAt);
  return { event, conversationId, brand, account, dmLink, init, now, conversation, recentTemplateIds };
}

/** A message delivered late does not move the window start backwards. */
export function withCustomerMessage(conversation: Conversation, occurredAt: number): Conversation {
  return {
    ...conversation,
    lastCustomerMessageAt: Math.max(conversation.lastCustomerMessageAt ?? 0, occurredAt),
  };
}

export function storedMessage(
  event: InboundEvent,
  conversationId: string,
  direction: 'in' | 'out',
  sentBy: StoredMessage['sentBy'],
): StoredMessage {
  return {
    conversationId,
    messageId: event.messageId,
    eventId: event.eventId,
    direction,
    sentBy,
    channel: event.channel,
    author: event.author,
    text: event.text,
    ...(event.attachments.length > 0 ? { attachments: event.attachments } : {}),
    occurredAt: event.occurredAt,
  };
}
