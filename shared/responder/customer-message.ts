import type { InboundEvent } from '../events.js';
import { decideOnce } from './decide-once.js';
import { handOff } from './hand-off.js';
import { hideComment } from './hide-comment.js';
import { type MessageContext, readMessageContext, storedMessage } from './message-context.js';
import { recordOutcome } from './record-outcome.js';
import { sendReplies } from './send-replies.js';
import type { EarlierClaim, EventOutcome, ResponderDeps } from './types.js';

/**
 * A customer message, in phases: read what the decision needs, decide once (the claim, on the
 * message's pointer, is opened with the decision), hide the comment when the decision says so,
 * send the replies, hand off to people, record the outcome (the message with the decision's
 * audit entry, the last write, marks the event complete).
 */
export async function handleCustomerMessage(
  event: InboundEvent,
  conversationId: string,
  earlier: EarlierClaim,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  const context = await readMessageContext(event, conversationId, deps);
  const taken = await decideOnce(context, earlier, deps);
  if ('deleted' in taken) return notAnswered(event, conversationId, deps);
  if ('openedElsewhere' in taken) {
    const record = taken.openedElsewhere;
    return handleCustomerMessage(event, record.conversationId, { site: earlier.site, record }, deps);
  }
  try {
    // The comment is hidden before the replies go out: the data is public for as short as can be.
    const hidden = await hideComment(context, taken, deps);
    const replies = await sendReplies(context, taken, deps);
    const handoff = await handOff(context, taken.decision, replies, deps, hidden);
    return await recordOutcome(context, taken.decision, replies, handoff, deps, hidden);
  } catch (error) {
    await recordBeforeRetry(context, deps);
    throw error;
  }
}

/** A message deleted before it was handled (a tombstone holds its pointer) is not answered. */
export function notAnswered(event: InboundEvent, conversationId: string, deps: ResponderDeps): EventOutcome {
  deps.log.info('message deleted before it was handled: not answered', { eventId: event.eventId });
  return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
}

/**
 * The message is written with its outcome; an attempt that fails (to be retried) writes it now,
 * so the conversation shows it while the retries run.
 */
async function recordBeforeRetry(context: MessageContext, deps: ResponderDeps): Promise<void> {
  const { event, conversationId } = context;
  try {
    await deps.store.recordCustomerMessage(storedMessage(event, conversationId, 'in', 'customer'));
  } catch (writeError) {
    deps.log.warn('the message could not be stored before the retry', {
      eventId: event.eventId,
      error: (writeError as Error).message,
    });
  }
}
