import type { EventRecord } from '../conversations/model.js';
import type { InboundEvent } from '../events.js';
import { decideOnce } from './decide-once.js';
import { handOff } from './hand-off.js';
import { type MessageContext, readMessageContext, storedMessage } from './message-context.js';
import { recordOutcome } from './record-outcome.js';
import { sendReplies } from './send-replies.js';
import type { EventOutcome, ResponderDeps } from './types.js';

/**
 * A customer's message, in phases: read what the decision needs, decide once (the event record
 * is opened with the decision), send the replies, hand off to people, record the outcome (the
 * message with the decision's audit entry, the last write, marks the event complete).
 */
export async function handleCustomerMessage(
  event: InboundEvent,
  conversationId: string,
  earlier: EventRecord | undefined,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  // The pointer goes first: an edit or a deletion arriving meanwhile finds the message by it.
  const message = storedMessage(event, conversationId, 'in', 'customer');
  if (!earlier?.decision && !(await deps.store.recordMessagePointer(message, event.platform))) {
    deps.log.info('message deleted before it was handled: not answered', { eventId: event.eventId });
    return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
  }
  const context = await readMessageContext(event, conversationId, deps);
  const taken = await decideOnce(context, earlier, deps);
  if ('openedElsewhere' in taken) {
    const record = taken.openedElsewhere;
    return handleCustomerMessage(event, record.conversationId, record, deps);
  }
  try {
    const replies = await sendReplies(context, taken, deps);
    const handoff = await handOff(context, taken.decision, replies, deps);
    return await recordOutcome(context, taken.decision, replies, handoff, deps);
  } catch (error) {
    await recordBeforeRetry(context, deps);
    throw error;
  }
}

/**
 * The message is written with its outcome; an attempt that fails (to be retried) writes it now,
 * so the conversation shows it while the retries run.
 */
async function recordBeforeRetry(context: MessageContext, deps: ResponderDeps): Promise<void> {
  const { event, conversationId } = context;
  try {
    await deps.store.recordCustomerMessage(
      storedMessage(event, conversationId, 'in', 'customer'),
      event.platform,
    );
  } catch (writeError) {
    deps.log.warn('the message could not be stored before the retry', {
      eventId: event.eventId,
      error: (writeError as Error).message,
    });
  }
}
