import type { Conversation, ConversationStatus } from '../conversations/model.js';

/**
 * Statuses in which the case is with people: a new message updates it instead of opening
 * another. `answered` included: the agent waits for the customer, whose answer goes back to them.
 */
export const WITH_A_PERSON: ReadonlySet<ConversationStatus> = new Set(['handed_off', 'claimed', 'answered']);

/** A customer message on an answered or closed conversation reopens it; the rule goes in the audit trail. */
export const REOPENING_RULE: Partial<Record<ConversationStatus, string>> = {
  answered: 'lifecycle:customer_wrote_after_answer',
  closed: 'lifecycle:customer_wrote_after_close',
};

/** The status a customer message leaves its conversation in; undefined when it stays as it is. */
export function nextStatus(
  conversation: Pick<Conversation, 'status' | 'claimedBy'>,
  handedOff: boolean,
  acknowledged: boolean,
): ConversationStatus | undefined {
  const current = conversation.status;
  if (handedOff) {
    // Unchanged statuses are not written again: an agent's claim in the meantime must stand.
    if (current === 'claimed' || current === 'handed_off') return undefined;
    // The agent who answered still holds the case: it is theirs to answer again.
    if (current === 'answered' && conversation.claimedBy) return 'claimed';
    return 'handed_off';
  }
  if (acknowledged && (current === 'new' || current === 'answered' || current === 'closed'))
    return 'acknowledged';
  if (current === 'closed') return 'new';
  return undefined;
}
