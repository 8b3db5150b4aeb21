import { nextStatus, REOPENING_RULE } from '../conversations/lifecycle.js';
import { decisionAuditAction } from '../conversations/store.js';
import type { Decision } from '../policy/decision.js';
import { type MessageContext, storedMessage } from './message-context.js';
import { delivered, replyFailureReasons, unsettled } from './send-replies.js';
import type { EventOutcome, HandoffOutcome, ReplyOutcome, ResponderDeps } from './types.js';

/**
 * Records what the event did: the reopening (when it reopened the conversation), the
 * conversation's new state in one update, and last the customer's message with the decision's
 * audit entry, which marks the event complete.
 */
export async function recordOutcome(
  context: MessageContext,
  decision: Decision,
  replies: ReplyOutcome[],
  handoff: HandoffOutcome | undefined,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  const { event, conversation, conversationId } = context;
  const { store } = deps;
  const reopenedBy = REOPENING_RULE[conversation.status];
  if (reopenedBy) {
    await store.audit(conversationId, {
      actor: 'bot',
      action: 'reopened',
      eventId: event.eventId,
      reasons: [reopenedBy],
      detail: `was ${conversation.status}`,
    });
  }
  const acknowledged = delivered(replies).length > 0;
  const written = await store.applyAutomaticOutcome(context.init, event.eventId, event.occurredAt, {
    status: nextStatus(conversation, Boolean(handoff), acknowledged),
    acknowledged,
    decision,
    caseId: handoff?.caseId,
    caseOpenedAt: handoff?.type === 'new' ? new Date(event.occurredAt).toISOString() : undefined,
    reopened: Boolean(reopenedBy),
  });
  await store.recordCustomerMessage(storedMessage(event, conversationId, 'in', 'customer'), event.platform, {
    action: decisionAuditAction(decision),
    reasons: [...decision.reasons, ...unsettled(replies).flatMap(replyFailureReasons)],
    ...stepsDetail(replies, handoff),
  });
  return {
    eventId: event.eventId,
    duplicate: false,
    conversationId,
    decision,
    replies,
    handoff,
    ...(written ? { conversation: written } : {}),
  };
}

/** The decision's audit entry says what was done, after the decision and its rules. */
function stepsDetail(replies: ReplyOutcome[], handoff: HandoffOutcome | undefined): { detail?: string } {
  const steps = [
    ...replies.map(
      (r) => `reply ${r.kind} ${r.status}${r.errorClass ? ` (${r.errorClass})` : ''} [${r.templateId}]`,
    ),
    ...(handoff ? [`hand-off ${handoff.type} ${handoff.caseId}`] : []),
  ];
  return steps.length > 0 ? { detail: steps.join('; ') } : {};
}
