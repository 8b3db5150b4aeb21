import { WITH_A_PERSON } from '../conversations/lifecycle.js';
import type { EventRecord } from '../conversations/model.js';
import type { Decision } from '../policy/decision.js';
import { decide, type PolicyInput } from '../policy/index.js';
import { readBurst } from './crisis.js';
import { type MessageContext, storedMessage } from './message-context.js';
import type { EarlierClaim, ResponderDeps } from './types.js';

export type DecisionTaken =
  /** `resumed`: an earlier attempt took the decision; its replies may be recorded already */
  | { decision: Decision; resumed: boolean }
  /** a concurrent attempt opened the event in another conversation first: its choice stands */
  | { openedElsewhere: EventRecord & { conversationId: string } }
  /** the message was deleted while the policy decided (a tombstone took its pointer first) */
  | { deleted: true };

/**
 * The event's decision, taken once. A resumed attempt keeps the decision the first one recorded.
 * Otherwise the policy decides and the claim is opened with the decision: of two attempts, the
 * first claim holds and the other acts on its decision.
 */
export async function decideOnce(
  context: MessageContext,
  earlier: EarlierClaim,
  deps: ResponderDeps,
): Promise<DecisionTaken> {
  if (earlier.record?.decision) return { decision: earlier.record.decision, resumed: true };
  const { event, conversationId, conversation, brand, account, now } = context;
  const input: PolicyInput = {
    event,
    brand,
    account,
    now,
    conversation: {
      automaticReplies: conversation.automaticReplies,
      humanReplied: conversation.humanReplied,
      handedOff: WITH_A_PERSON.has(conversation.status),
      recentTemplateIds: context.recentTemplateIds,
    },
  };
  // Only a negative message counts towards a crisis: the topic's burst is read for it alone.
  const first = decide(input);
  const decided = first.negative
    ? decide({ ...input, burst: await readBurst(deps.bursts, brand, event, now.getTime()) })
    : first;
  const message = storedMessage(event, conversationId, 'in', 'customer');
  const claim = await deps.store.openClaim(earlier.site, event.platform, message, decided);
  if (claim.deleted) return claim;
  const { opened, record } = claim;
  if (record.conversationId && record.conversationId !== conversationId) {
    return { openedElsewhere: { ...record, conversationId: record.conversationId } };
  }
  return { decision: record.decision ?? decided, resumed: !opened };
}
