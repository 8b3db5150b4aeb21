import type { SQSRecord } from 'aws-lambda';
import { newConversation } from '../conversations/store.js';
import type { InboundEvent } from '../events.js';
import { buildHandoffMessage } from '../handoff/publisher.js';
import { brandDmLink } from '../policy/brand.js';
import { decide } from '../policy/index.js';
import { shortHash } from '../short-hash.js';
import { conversationInit, storedMessage } from './message-context.js';
import type { ResponderDeps } from './types.js';

/**
 * Receives after which an event that keeps failing for a reason of ours (storage, a bug) goes to
 * a person while the queue goes on retrying it: at the queue's visibility timeout that is about
 * half an hour, where the dead-letter queue is many hours away. The next receive counts too,
 * because the local emulator counts a visibility change as a receive and may step over one.
 */
export const STUCK_AFTER_RECEIVES = 5;

/** Whether this failing receive of a record is one at which a person is told. */
export function tellsAPerson(record: SQSRecord, maxReceiveCount: number): boolean {
  const receives = Number(record.attributes.ApproximateReceiveCount);
  return (
    receives === STUCK_AFTER_RECEIVES || receives === STUCK_AFTER_RECEIVES + 1 || receives >= maxReceiveCount
  );
}

/**
 * Hands a customer's message that cannot be processed to a person, with the policy's reading of
 * it and the error, so it is never lost in a queue. The hand-off id is the same on every receive:
 * the queue and the bridges treat a repeat as a duplicate. Built from the event alone, because the
 * table may be what fails.
 */
export async function handOffStuckEvent(
  event: InboundEvent,
  error: unknown,
  deps: ResponderDeps,
): Promise<void> {
  if (event.kind !== 'message' || event.fromAccount) return;
  const now = deps.clock();
  const { brand, account } = deps.brands.forAccount(event.platform, event.accountId);
  const dmLink = brandDmLink(brand, event.platform, account);
  const conversation = newConversation(conversationInit(event, event.threadKey, brand.id, dmLink), now);
  const decision = decide({
    event,
    brand,
    account,
    now,
    conversation: { automaticReplies: 0, humanReplied: false, handedOff: false, recentTemplateIds: [] },
  });
  const id = shortHash(`stuck:${event.eventId}`);
  const why = error instanceof Error ? error.message : String(error);
  await deps.publishHandoff(
    buildHandoffMessage({
      handoffId: `ho_${id}`,
      caseId: `case_${id}`,
      type: 'new',
      conversation,
      event,
      decision: { ...decision, reasons: [...decision.reasons, `processing_failed: ${why.slice(0, 200)}`] },
      transcript: [storedMessage(event, conversation.conversationId, 'in', 'customer')],
    }),
  );
}
