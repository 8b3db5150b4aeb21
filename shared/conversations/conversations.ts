import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../policy/decision.js';
import { conditionalWrite } from './conditional-write.js';
import { expiryAfter, keys, liveItem, statusIndexAttributes } from './keys.js';
import type { Conversation, ConversationStatus } from './model.js';
import type { TableAccess } from './table-access.js';
import { type UpdateSpec, updateExpression } from './update-expression.js';

/** What the responder knows of a conversation before it exists: written with its first outcome. */
export type ConversationInit = Pick<
  Conversation,
  | 'conversationId'
  | 'brand'
  | 'platform'
  | 'channel'
  | 'accountId'
  | 'customer'
  | 'links'
  | 'replyTarget'
  | 'topicId'
>;

/**
 * A conversation before its first outcome is written: the defaults `applyAutomaticOutcome`
 * writes with `if_not_exists` (status new, no replies yet, no person has answered).
 */
export function newConversation(init: ConversationInit, now: Date): Conversation {
  return {
    ...init,
    status: 'new',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    automaticReplies: 0,
    humanReplied: false,
  };
}

/** What handling one customer message did to its conversation. */
export interface AutomaticOutcome {
  status?: ConversationStatus;
  acknowledged: boolean;
  decision: Decision;
  caseId?: string;
  /** ISO time of the customer message that opened a new case (not set for an update of the open case) */
  caseOpenedAt?: string;
  /** a customer message reopened an answered or closed conversation */
  reopened?: boolean;
}

/** A conditional change of a case's state by an agent (see `Conversations.transitionCase`). */
export interface CaseTransition {
  agentId: string;
  /** the statuses the conversation must be in for the change to apply */
  from: readonly ConversationStatus[];
  /** `self`: the agent holds the case; `free_or_self`: nobody else holds it */
  holder: 'self' | 'free_or_self';
  to?: ConversationStatus;
  set?: Record<string, unknown>;
  /** set only when the attribute has no value yet (first response, first claim) */
  setIfAbsent?: Record<string, unknown>;
  remove?: readonly string[];
}

export type CaseTransitionResult =
  | { applied: true; conversation: Conversation }
  | { applied: false; conversation: Conversation | undefined };

/** Attributes a new case starts without: nobody holds it and its service-level clock starts again. */
const NEW_CASE_CLEARS = [
  'claimedBy',
  'claimedAt',
  'firstHumanResponseAt',
  'lastHumanResponseAt',
  'closedAt',
  'closedBy',
];

/**
 * The update that records an automatic outcome: creates the conversation on its first message
 * (`if_not_exists` defaults), refreshes it on later ones, and writes the decision's summary.
 */
export function automaticOutcomeUpdate(
  init: ConversationInit,
  eventId: string,
  outcome: AutomaticOutcome,
  now: Date,
  retentionDays: number,
): UpdateSpec {
  const at = now.toISOString();
  const { decision } = outcome;
  const id = init.conversationId;
  const set: Record<string, unknown> = {
    conversationId: id,
    platform: init.platform,
    accountId: init.accountId,
    updatedAt: at,
    expiresAt: expiryAfter(now, retentionDays),
    lastEventId: eventId,
    language: decision.language,
    escalation: decision.escalation,
    priority: decision.priority,
    intent: decision.intent,
    complex: decision.complex,
    personalData: decision.personalData,
  };
  const setIfAbsent: Record<string, unknown> = {
    brand: init.brand,
    channel: init.channel,
    customer: init.customer,
    createdAt: at,
    humanReplied: false,
    links: init.links,
    replyTarget: init.replyTarget,
    ...(init.topicId ? { topicId: init.topicId } : {}),
  };
  const increment: Record<string, number> = {};
  const remove: string[] = [];
  // A new conversation whose message changed nothing else is still listed as new.
  Object.assign(outcome.status ? set : setIfAbsent, {
    status: outcome.status ?? 'new',
    ...statusIndexAttributes(id, outcome.status ?? 'new', at),
  });
  if (outcome.acknowledged) {
    increment.automaticReplies = 1;
    setIfAbsent.acknowledgedAt = at;
  } else {
    setIfAbsent.automaticReplies = 0;
  }
  if (outcome.caseId && outcome.caseOpenedAt) {
    Object.assign(set, { caseId: outcome.caseId, handedOffAt: at, caseOpenedAt: outcome.caseOpenedAt });
    if (decision.dueBy) set.dueBy = decision.dueBy;
    else remove.push('dueBy');
    remove.push(...NEW_CASE_CLEARS);
  } else if (outcome.caseId) {
    set.caseId = outcome.caseId;
    setIfAbsent.handedOffAt = at;
    if (decision.dueBy) setIfAbsent.dueBy = decision.dueBy;
  }
  if (outcome.reopened) increment.reopenCount = 1;
  return { set, setIfAbsent, increment, remove };
}

/** The conversation item (`CONV#id` / `META`): its state, the decision's summary, who holds its case. */
export class Conversations {
  constructor(private readonly table: TableAccess) {}

  async get(conversationId: string): Promise<Conversation | undefined> {
    const result = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.conversation(conversationId),
        ConsistentRead: true,
      }),
    );
    return liveItem(result.Item, this.table.clock()) as Conversation | undefined;
  }

  /**
   * Writes what handling one customer message did to its conversation, in one update. Applied
   * once per event: a retried event whose outcome is already there changes nothing. The events of
   * a conversation are handled in order (one FIFO group per conversation), so remembering the last
   * applied event is enough. Returns the conversation as written, or undefined when it was there
   * already.
   */
  async applyAutomaticOutcome(
    init: ConversationInit,
    eventId: string,
    customerMessageAt: number,
    outcome: AutomaticOutcome,
  ): Promise<Conversation | undefined> {
    const spec = automaticOutcomeUpdate(
      init,
      eventId,
      outcome,
      this.table.clock(),
      this.table.retention.conversationDays,
    );
    const notApplied = '(attribute_not_exists(#lastEventId) OR #lastEventId <> :lastEventId)';
    const update = (withWindowStart: boolean) =>
      conditionalWrite(() =>
        this.table.db.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: keys.conversation(init.conversationId),
            ...(withWindowStart
              ? updateExpression(
                  { ...spec, set: { ...spec.set, lastCustomerMessageAt: customerMessageAt } },
                  {
                    expression: `${notApplied} AND (attribute_not_exists(#lastCustomerMessageAt) OR #lastCustomerMessageAt < :lastCustomerMessageAt)`,
                  },
                )
              : updateExpression(spec, { expression: notApplied })),
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
    // Refused: either a message delivered late (it must not move the window start backwards) or
    // the outcome is there already; the second update applies only in the first case.
    const written = (await update(true)) ?? (await update(false));
    return written?.Attributes as Conversation | undefined;
  }

  /** A person answered in this conversation (through the system, or in the platform's own inbox). */
  async markHumanReplied(conversationId: string): Promise<void> {
    await conditionalWrite(() =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.conversation(conversationId),
          ...updateExpression(
            { set: { humanReplied: true, updatedAt: this.table.clock().toISOString() } },
            { expression: 'attribute_exists(pk)' },
          ),
        }),
      ),
    );
  }

  /**
   * Moves a case from one agent-visible state to the next with one conditional update: it applies
   * only when the conversation is still in one of `from` and held as `holder` says. Two agents
   * claiming at once both send it; exactly one condition holds. Returns the conversation as it
   * is now, so the loser can be told why.
   */
  async transitionCase(conversationId: string, change: CaseTransition): Promise<CaseTransitionResult> {
    const now = this.table.clock().toISOString();
    const values: Record<string, unknown> = { ':agent': change.agentId };
    change.from.forEach((status, i) => {
      values[`:from${i}`] = status;
    });
    const conditions = [
      'attribute_exists(pk)',
      `#status IN (${change.from.map((_, i) => `:from${i}`).join(', ')})`,
      change.holder === 'self'
        ? '#claimedBy = :agent'
        : '(attribute_not_exists(#claimedBy) OR #claimedBy = :agent)',
    ];
    const spec: UpdateSpec = {
      set: {
        updatedAt: now,
        ...(change.to ? { status: change.to, ...statusIndexAttributes(conversationId, change.to, now) } : {}),
        ...change.set,
      },
      setIfAbsent: change.setIfAbsent ?? {},
      remove: change.remove ?? [],
    };
    const result = await conditionalWrite(() =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.conversation(conversationId),
          ...updateExpression(spec, {
            expression: conditions.join(' AND '),
            names: { '#status': 'status', '#claimedBy': 'claimedBy' },
            values,
          }),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (result) return { applied: true, conversation: result.Attributes as Conversation };
    return { applied: false, conversation: await this.get(conversationId) };
  }
}
