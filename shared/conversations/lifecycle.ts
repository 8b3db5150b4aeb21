import type { Escalation, Priority } from '../policy/decision.js';
import type { Conversation } from './model.js';
import type { CaseTransition } from './store.js';

/**
 * The conversation lifecycle, in one place: the statuses, the responder's moves when a customer
 * writes, and the steps people take, as pure functions returning the conditional change to write.
 *
 *   new --automatic reply--> acknowledged;  any open state --hand-off--> handed_off
 *   new / acknowledged / handed_off --claim--> claimed --reply--> answered
 *   claimed / answered --release--> handed_off (back on the queue)
 *   any open state --escalate--> handed_off at a higher level (back on the queue, for that team)
 *   any open state --close--> closed
 *   answered / closed --customer writes--> claimed (same agent) / handed_off / acknowledged / new
 */
export const CONVERSATION_STATUSES = [
  'new',
  'acknowledged',
  'handed_off',
  'claimed',
  'answered',
  'closed',
] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

const OPEN: readonly ConversationStatus[] = ['new', 'acknowledged', 'handed_off', 'claimed', 'answered'];
/**
 * Any open state, `claimed` included: the condition on `claimedBy` keeps a held case from being
 * taken, and a state left half-way by a race (status and holder written by different steps) can
 * always be claimed back into order.
 */
const CLAIMABLE: readonly ConversationStatus[] = OPEN;
/** Held by a person: claimed, or answered and waiting for the customer. */
const HELD: readonly ConversationStatus[] = ['claimed', 'answered'];

/**
 * Statuses in which the case is with people: a new message updates it instead of opening
 * another. `answered` included: the agent waits for the customer, whose answer goes back to them.
 */
export const WITH_A_PERSON_STATUSES: readonly ConversationStatus[] = ['handed_off', ...HELD];
export const WITH_A_PERSON: ReadonlySet<ConversationStatus> = new Set(WITH_A_PERSON_STATUSES);

/** A customer message on an answered or closed conversation reopens it; the rule goes in the audit trail. */
export const REOPENING_RULE: Partial<Record<ConversationStatus, string>> = {
  answered: 'lifecycle:customer_wrote_after_answer',
  closed: 'lifecycle:customer_wrote_after_close',
};

/** The responder's move after a customer message; undefined when the status stays. */
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

export type AgentAction = 'claim' | 'reply' | 'escalate' | 'release' | 'close';

/**
 * Why a step is refused: `not_found` (no such conversation), `forbidden` (another agent holds
 * it), `conflict` (its state does not allow the step now).
 */
export type LifecycleRefusal = 'not_found' | 'forbidden' | 'conflict';

export type ActionCheck =
  | { allowed: true; alreadyDone?: boolean }
  | { allowed: false; reason: LifecycleRefusal; message: string };

const ESCALATION_ORDER: readonly Escalation[] = ['L1', 'L2', 'L3'];
const PRIORITY_ORDER: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/**
 * How soon a case must be answered once an agent escalates it, when that is sooner than its
 * current due-by. The policy sets the first due-by from the brand's business hours; an escalation
 * by a person means it cannot wait for them.
 */
const ESCALATION_RESPONSE_HOURS: Record<Escalation, number> = { L1: 24, L2: 8, L3: 1 };

const notFound: ActionCheck = { allowed: false, reason: 'not_found', message: 'no such conversation' };

export function checkAgentAction(
  conversation: Conversation | undefined,
  action: AgentAction,
  agentId: string,
): ActionCheck {
  if (!conversation) return notFound;
  const { status, claimedBy } = conversation;
  const heldByOther = claimedBy !== undefined && claimedBy !== agentId;
  const heldByMe = claimedBy === agentId;
  const conflict = (message: string): ActionCheck => ({ allowed: false, reason: 'conflict', message });
  const forbidden = (message: string): ActionCheck => ({ allowed: false, reason: 'forbidden', message });

  if (status === 'closed') {
    if (action === 'close' && conversation.closedBy === agentId) return { allowed: true, alreadyDone: true };
    return conflict('the conversation is closed; it reopens when the customer writes again');
  }
  switch (action) {
    case 'claim':
      if (heldByMe && HELD.includes(status)) return { allowed: true, alreadyDone: true };
      if (heldByOther) return conflict(`already claimed by ${claimedBy}`);
      return { allowed: true };
    case 'reply':
    case 'release':
      if (heldByOther) return forbidden(`the case is claimed by ${claimedBy}; only they may ${action}`);
      if (!heldByMe || !HELD.includes(status)) return conflict(`claim the case before you ${action}`);
      return { allowed: true };
    case 'escalate':
    case 'close':
      if (heldByOther) return forbidden(`the case is claimed by ${claimedBy}; only they may ${action}`);
      return { allowed: true };
  }
}

export function claimTransition(agentId: string, now: string): CaseTransition {
  return {
    agentId,
    from: CLAIMABLE,
    holder: 'free_or_self',
    to: 'claimed',
    set: { claimedBy: agentId, claimedAt: now },
  };
}

/** After the platform accepted an agent's reply. */
export function answeredTransition(agentId: string, now: string): CaseTransition {
  return {
    agentId,
    from: HELD,
    holder: 'self',
    to: 'answered',
    set: { humanReplied: true, lastHumanResponseAt: now },
    setIfAbsent: { firstHumanResponseAt: now },
  };
}

export function releaseTransition(agentId: string): CaseTransition {
  return { agentId, from: HELD, holder: 'self', to: 'handed_off', remove: ['claimedBy', 'claimedAt'] };
}

export function closeTransition(agentId: string, now: string): CaseTransition {
  return {
    agentId,
    from: OPEN,
    holder: 'free_or_self',
    to: 'closed',
    set: { closedAt: now, closedBy: agentId },
    remove: ['claimedBy', 'claimedAt'],
  };
}

export type EscalationPlan =
  | { allowed: true; escalation: Escalation; priority: Priority; dueBy: string }
  | { allowed: false; reason: 'conflict'; error: 'conflict'; message: string }
  /** a level at or below the current one: the request names a step the rules refuse */
  | { allowed: false; reason: 'refused'; error: 'invalid'; message: string };

/**
 * Raises the level (to `level`, or one step), never lowers it; the priority becomes at least
 * `high` (`urgent` for L3) and the due-by no later than the level's response time from now.
 */
export function planEscalation(
  conversation: Conversation,
  now: Date,
  requested: { level?: Escalation; priority?: Priority },
): EscalationPlan {
  const current = conversation.escalation ?? 'L1';
  const currentIndex = ESCALATION_ORDER.indexOf(current);
  const target = requested.level ?? ESCALATION_ORDER[currentIndex + 1];
  if (!target)
    return {
      allowed: false,
      reason: 'conflict',
      error: 'conflict',
      message: `already at ${current}, the highest level`,
    };
  if (ESCALATION_ORDER.indexOf(target) <= currentIndex) {
    return {
      allowed: false,
      reason: 'refused',
      error: 'invalid',
      message: `the case is at ${current}: escalate to a higher level`,
    };
  }
  const floor: Priority = target === 'L3' ? 'urgent' : 'high';
  const candidates = [conversation.priority ?? 'normal', floor, requested.priority ?? 'low'];
  const priority = candidates.reduce((a, b) =>
    PRIORITY_ORDER.indexOf(b) > PRIORITY_ORDER.indexOf(a) ? b : a,
  );
  const levelDue = new Date(now.getTime() + ESCALATION_RESPONSE_HOURS[target] * 3_600_000).toISOString();
  const dueBy = conversation.dueBy && conversation.dueBy < levelDue ? conversation.dueBy : levelDue;
  return { allowed: true, escalation: target, priority, dueBy };
}

export function escalateTransition(
  agentId: string,
  plan: { escalation: Escalation; priority: Priority; dueBy: string },
): CaseTransition {
  return {
    agentId,
    from: OPEN,
    holder: 'free_or_self',
    to: 'handed_off',
    set: { escalation: plan.escalation, priority: plan.priority, dueBy: plan.dueBy },
    remove: ['claimedBy', 'claimedAt'],
  };
}
