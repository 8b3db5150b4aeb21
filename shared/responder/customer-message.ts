import type { EventRecord } from '../conversations/model.js';
import type { InboundEvent } from '../events.js';
import { decideOnce } from './decide-once.js';
import { handOff } from './hand-off.js';
import { readMessageContext } from './message-context.js';
import { recordOutcome } from './record-outcome.js';
import { sendReplies } from './send-replies.js';
import type { EventOutcome, ResponderDeps } from './types.js';

/**
 * A customer's message, in phases: read what the decision needs, decide once (the message is
 * stored and the event record opened with the decision), send the replies, hand off to people,
 * record the outcome (the decision's audit entry, the last write, marks the event complete).
 */
export async function handleCustomerMessage(
  event: InboundEvent,
  conversationId: string,
  earlier: EventRecord | undefined,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  if (!earlier && (await deps.store.deletedBeforeArrival(event.platform, event.messageId))) {
    deps.log.info('message deleted before it was handled: not answered', { eventId: event.eventId });
    return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
  }
  const context = await readMessageContext(event, conversationId, deps);
  const taken = await decideOnce(context, earlier, deps);
  if ('openedElsewhere' in taken) {
    const record = taken.openedElsewhere;
    return handleCustomerMessage(event, record.conversationId, record, deps);
  }
  const replies = await sendReplies(context, taken, deps);
  const handoff = await handOff(context, taken.decision, replies, deps);
  return recordOutcome(context, taken.decision, replies, handoff, deps);
}
