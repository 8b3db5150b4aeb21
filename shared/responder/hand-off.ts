import { WITH_A_PERSON } from '../conversations/lifecycle.js';
import type { StoredMessage } from '../conversations/model.js';
import type { InboundEvent } from '../events.js';
import { buildHandoffMessage } from '../handoff/publisher.js';
import type { Decision } from '../policy/decision.js';
import { shortHash } from '../short-hash.js';
import { settleCrisis } from './crisis.js';
import { hideReasons } from './hide-comment.js';
import { type MessageContext, storedMessage, withCustomerMessage } from './message-context.js';
import { replyFailureReasons, unsettled } from './send-replies.js';
import type { HandoffOutcome, HideOutcome, ReplyOutcome, ResponderDeps } from './types.js';

/**
 * Hands the case to people when the decision says so, a comment was hidden, a reply needs a person, the customer wrote
 * on a case people hold, or the message belongs to a crisis. Publishes a new case, an update of
 * the open one, or a crisis trigger or member; the ids come from the event, so a retry publishes
 * the same message and the queue drops the repeat.
 */
export async function handOff(
  context: MessageContext,
  decision: Decision,
  replies: ReplyOutcome[],
  deps: ResponderDeps,
  hidden?: HideOutcome,
): Promise<HandoffOutcome | undefined> {
  const { event, conversation, conversationId, brand, now } = context;
  const crisis = await settleCrisis(deps.bursts, brand, event, decision, conversationId, now.getTime());
  const failed = unsettled(replies);
  // Every customer message on a case people hold reaches them, whatever the policy thought of it.
  const caseOpen = Boolean(conversation.caseId) && WITH_A_PERSON.has(conversation.status);
  // A hidden comment (or one that could not be hidden) is a case for a person, in the DM.
  if (!decision.handoff && failed.length === 0 && !caseOpen && !crisis && !hidden) return undefined;
  const reasons = [
    ...decision.reasons,
    ...hideReasons(event, hidden),
    ...failed.flatMap(replyFailureReasons),
    ...(caseOpen && !decision.handoff ? ['lifecycle:customer_wrote_on_open_case'] : []),
  ];
  // Read again: an agent may have claimed or closed the case while the replies were sent.
  const current = withCustomerMessage(
    (await deps.store.getConversation(conversationId)) ?? conversation,
    event.occurredAt,
  );
  const isUpdate = Boolean(current.caseId) && WITH_A_PERSON.has(current.status);
  const handoffId = `ho_${shortHash(event.eventId)}`;
  const handoff: HandoffOutcome = crisis
    ? { handoffId, caseId: crisis.caseId, type: crisis.type }
    : {
        handoffId,
        caseId: isUpdate && current.caseId ? current.caseId : `case_${shortHash(event.eventId)}`,
        type: isUpdate ? 'update' : 'new',
      };
  await deps.publishHandoff(
    buildHandoffMessage({
      ...handoff,
      conversation: current,
      event,
      decision: { ...decision, reasons },
      transcript: withMessage(await deps.store.listMessages(conversationId), event, conversationId),
      dmLink: context.dmLink,
      crisis: crisis && {
        topicId: crisis.topicId,
        role: crisis.type === 'new' ? 'trigger' : 'member',
        members: crisis.members,
      },
    }),
  );
  return handoff;
}

/** The customer's message is written with its outcome, after the hand-off: the transcript has it already. */
function withMessage(
  transcript: StoredMessage[],
  event: InboundEvent,
  conversationId: string,
): StoredMessage[] {
  if (transcript.some((m) => m.messageId === event.messageId && m.direction === 'in')) return transcript;
  const message = storedMessage(event, conversationId, 'in', 'customer');
  return [...transcript, message].sort((a, b) => a.occurredAt - b.occurredAt);
}
