import type { InboundEvent } from '../events.js';
import { handleChange, recordOwnMessage } from './changes.js';
import { handleCustomerMessage, notAnswered } from './customer-message.js';
import type { EventOutcome, ResponderDeps } from './types.js';

export type { EventOutcome, ReplyOutcome, ResponderDeps } from './types.js';

/**
 * Handles one inbound event: records it in its conversation exactly once, asks the policy, sends
 * the acknowledgement(s) and hands the case to people. Safe to run again for the same event (SQS
 * redelivery, platform retries): each step is idempotent and a reply is never posted twice.
 * Throws only when retrying later can help (our storage, the queue, a retryable platform error).
 */
export async function handleInboundEvent(event: InboundEvent, deps: ResponderDeps): Promise<EventOutcome> {
  const { store } = deps;
  if (event.kind !== 'message') return handleChange(event, deps);
  // A reply to a message we know joins that message's conversation; otherwise the thread is the conversation.
  const conversationId =
    (event.inReplyToMessageId
      ? await store.conversationOfMessage(event.platform, event.inReplyToMessageId)
      : undefined) ?? event.threadKey;
  if (event.fromAccount) return recordOwnMessage(event, conversationId, deps);

  const claim = await store.findClaim(event.platform, event);
  if (claim.deleted) return notAnswered(event, conversationId, deps);
  const earlier = claim.record;
  if (earlier && (await store.eventCompleted(earlier, event))) {
    return { eventId: event.eventId, duplicate: true, conversationId: earlier.conversationId, replies: [] };
  }
  // A resumed attempt keeps the conversation the first attempt chose.
  return handleCustomerMessage(event, earlier?.conversationId ?? conversationId, claim, deps);
}
