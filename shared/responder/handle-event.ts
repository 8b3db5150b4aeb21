import { createHash } from 'node:crypto';
import type { BurstCounter } from '../conversations/bursts.js';
import { nextStatus, REOPENING_RULE, WITH_A_PERSON } from '../conversations/lifecycle.js';
import type { Conversation, EventRecord, ReplyStatus, StoredMessage } from '../conversations/model.js';
import {
  type ConversationInit,
  type ConversationStore,
  decisionAuditAction,
  newConversation,
} from '../conversations/store.js';
import type { InboundEvent, Platform, ReplyTarget } from '../events.js';
import { buildHandoffMessage } from '../handoff/publisher.js';
import type { HandoffMessage } from '../handoff/schema.js';
import type { Log } from '../log.js';
import type { PlatformClient } from '../platforms/client.js';
import { brandDmLink } from '../policy/brand.js';
import type { BrandDirectory } from '../policy/brands.js';
import type { Decision } from '../policy/decision.js';
import { decide } from '../policy/index.js';
import type { RetryPolicy } from '../replies/retry-budget.js';
import { readBurst, settleCrisis } from './crisis.js';
import { soonestRetry } from './retry-later.js';
import { type PlannedReply, sendReply } from './send-reply.js';

export interface ResponderDeps {
  store: ConversationStore;
  bursts: BurstCounter;
  brands: BrandDirectory;
  clients: Record<Platform, PlatformClient>;
  publishHandoff(message: HandoffMessage): Promise<void>;
  clock: () => Date;
  log: Log;
  /** how replies that failed certainly undone are retried (default: DEFAULT_RETRY_POLICY) */
  retryPolicy?: RetryPolicy;
  /** hides a queue record for a while: a retry after a backoff instead of the queue's fixed timeout */
  delayRecord?(receiptHandle: string, delayMs: number): Promise<void>;
}

export interface ReplyOutcome {
  kind: 'public' | 'private';
  status: ReplyStatus;
  text: string;
  templateId: string;
  platformId?: string;
  errorClass?: string;
  /** why a person gets the case, in plain words (a reply in doubt, a retry budget used up) */
  note?: string;
}

export interface EventOutcome {
  eventId: string;
  /** the event was handled completely before: nothing was done again */
  duplicate: boolean;
  conversationId?: string;
  decision?: Decision;
  /** the conversation as this event left it (absent when nothing was written to it) */
  conversation?: Conversation;
  replies: ReplyOutcome[];
  handoff?: { handoffId: string; caseId: string; type: HandoffMessage['type'] };
}

const shortHash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * Handles one inbound event: records it in its conversation exactly once, asks the policy, sends
 * the acknowledgement(s) and hands the case to people. Safe to run again for the same event (SQS
 * redelivery, platform retries): each step is idempotent and a reply is never posted twice.
 * Throws only when retrying later can help (our storage, the queue, a retryable platform error).
 */
export async function handleInboundEvent(event: InboundEvent, deps: ResponderDeps): Promise<EventOutcome> {
  const { store } = deps;
  if (event.kind !== 'message') return handleChange(event, deps);
  // A reply to a message we know joins that message's conversation; otherwise the thread is the conversation.
  const conversationId =
    (event.inReplyToMessageId
      ? await store.conversationOfMessage(event.platform, event.inReplyToMessageId)
      : undefined) ?? event.threadKey;
  if (event.fromAccount) return recordOwnMessage(event, conversationId, deps);

  const earlier = await store.eventRecord(event.eventId);
  if (earlier && (await store.eventCompleted(earlier))) {
    return { eventId: event.eventId, duplicate: true, conversationId: earlier.conversationId, replies: [] };
  }
  // A resumed attempt keeps the conversation the first attempt chose.
  return handleCustomerMessage(event, earlier?.conversationId ?? conversationId, earlier, deps);
}

/** Account changes, deletions and edits: each opens its event record and marks it done at the end. */
async function handleChange(event: InboundEvent, deps: ResponderDeps): Promise<EventOutcome> {
  const { store } = deps;
  const { record } = await store.openEvent(event.eventId);
  if (record.status === 'done') {
    return { eventId: event.eventId, duplicate: true, replies: [] };
  }
  let conversationId: string | undefined;
  if (event.kind === 'account_revoked') {
    await store.flagAccount(event.platform, event.accountId, 'access revoked: re-authorise the account');
    deps.log.warn('account revoked our access', { platform: event.platform, accountId: event.accountId });
  } else if (event.kind === 'deleted') {
    conversationId = await recordDeletion(event, deps);
  } else if (event.kind === 'edited') {
    conversationId = await store.recordEdit(event.platform, event.messageId, event.text, event.occurredAt);
  }
  await store.completeEvent(event.eventId);
  return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
}

/**
 * A customer's message. Everything the decision needs is read first; the message is stored, then
 * the event record is opened with the decision, then the replies are sent (at once, when there
 * are two), the conversation is written once with the outcome, and the decision's audit entry,
 * the last write, marks the event complete.
 */
async function handleCustomerMessage(
  event: InboundEvent,
  conversationId: string,
  earlier: EventRecord | undefined,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  const { store } = deps;
  if (!earlier && (await store.deletedBeforeArrival(event.platform, event.messageId))) {
    deps.log.info('message deleted before it was handled: not answered', { eventId: event.eventId });
    return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
  }

  const { brand, account } = deps.brands.forAccount(event.platform, event.accountId);
  const link = brandDmLink(brand, event.platform, account);
  const init: ConversationInit = {
    conversationId,
    brand: brand.id,
    platform: event.platform,
    channel: event.channel,
    accountId: event.accountId,
    customer: event.author,
    links: { public: event.permalink, dm: link },
    replyTarget: event.replyTarget,
    topicId: event.topicId,
  };
  const now = deps.clock();
  const [stored, recentTemplateIds] = await Promise.all([
    store.getConversation(conversationId),
    store.recentTemplates(event.platform, event.accountId),
  ]);
  const conversation = withCustomerMessage(stored ?? newConversation(init, now), event.occurredAt);

  let decision = earlier?.decision;
  let resumed = earlier !== undefined;
  if (!decision) {
    // Stored before the event record is opened: an event with a record has its message stored.
    await store.recordMessage(storedMessage(event, conversationId, 'in', 'customer'), event.platform);
    const decided = decide({
      event,
      brand,
      account,
      now,
      conversation: {
        automaticReplies: conversation.automaticReplies,
        humanReplied: conversation.humanReplied,
        handedOff: WITH_A_PERSON.has(conversation.status),
        recentTemplateIds,
      },
      burst: await readBurst(deps.bursts, brand, event, now.getTime()),
    });
    const { opened, record } = await store.openEvent(event.eventId, { conversationId, decision: decided });
    if (record.conversationId && record.conversationId !== conversationId) {
      // A concurrent attempt opened the event in another conversation first: its choice stands.
      return handleCustomerMessage(event, record.conversationId, record, deps);
    }
    decision = record.decision ?? decided;
    resumed = !opened;
  }

  const planned: PlannedReply[] = [];
  if (decision.publicReply)
    planned.push({ kind: 'public', rendered: decision.publicReply, target: event.replyTarget });
  if (decision.privateReply)
    planned.push({ kind: 'private', rendered: decision.privateReply, target: privateTarget(event) });
  const attempts = await Promise.allSettled(
    planned.map((p) => sendReply(event, conversation, p, { resumed, timeZone: brand.timezone }, deps)),
  );
  const unfinished = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
  if (unfinished.length > 0) throw soonestRetry(unfinished);
  const replies = attempts.map((a) => (a as PromiseFulfilledResult<ReplyOutcome>).value);
  const failed = replies.filter((r) => r.status === 'failed' || r.status === 'in_doubt');
  const delivered = replies.filter((r) => r.status === 'sent' || r.status === 'dry_run');
  const acknowledged = delivered.length > 0;
  await store.rememberTemplates(
    event.platform,
    event.accountId,
    recentTemplateIds,
    delivered.map((r) => r.templateId),
  );

  const crisis = await settleCrisis(deps.bursts, brand, event, decision, conversationId, now.getTime());
  // Every customer message on a case people hold reaches them, whatever the policy thought of it.
  const caseOpen = Boolean(conversation.caseId) && WITH_A_PERSON.has(conversation.status);
  let handoff: EventOutcome['handoff'];
  if (decision.handoff || failed.length > 0 || caseOpen || crisis) {
    const reasons = [
      ...decision.reasons,
      ...failed.flatMap(replyFailureReasons),
      ...(caseOpen && !decision.handoff ? ['lifecycle:customer_wrote_on_open_case'] : []),
    ];
    // Read again: an agent may have claimed or closed the case while the replies were sent.
    const current = withCustomerMessage(
      (await store.getConversation(conversationId)) ?? conversation,
      event.occurredAt,
    );
    const isUpdate = Boolean(current.caseId) && WITH_A_PERSON.has(current.status);
    handoff = crisis
      ? { handoffId: `ho_${shortHash(event.eventId)}`, caseId: crisis.caseId, type: crisis.type }
      : {
          handoffId: `ho_${shortHash(event.eventId)}`,
          caseId: isUpdate && current.caseId ? current.caseId : `case_${shortHash(event.eventId)}`,
          type: isUpdate ? 'update' : 'new',
        };
    await deps.publishHandoff(
      buildHandoffMessage({
        ...handoff,
        conversation: current,
        event,
        decision: { ...decision, reasons },
        transcript: await store.listMessages(conversationId),
        dmLink: link,
        crisis: crisis && {
          topicId: crisis.topicId,
          role: crisis.type === 'new' ? 'trigger' : 'member',
          members: crisis.members,
        },
      }),
    );
  }

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
  const written = await store.applyAutomaticOutcome(init, event.eventId, event.occurredAt, {
    status: nextStatus(conversation, Boolean(handoff), acknowledged),
    acknowledged,
    decision,
    caseId: handoff?.caseId,
    caseOpenedAt: handoff?.type === 'new' ? new Date(event.occurredAt).toISOString() : undefined,
    reopened: Boolean(reopenedBy),
  });
  // One audit entry per automated event: the decision, the rules behind it and what was done.
  const steps = [
    ...replies.map(
      (r) => `reply ${r.kind} ${r.status}${r.errorClass ? ` (${r.errorClass})` : ''} [${r.templateId}]`,
    ),
    ...(handoff ? [`hand-off ${handoff.type} ${handoff.caseId}`] : []),
  ];
  await store.audit(conversationId, {
    actor: 'bot',
    action: decisionAuditAction(decision),
    eventId: event.eventId,
    reasons: [...decision.reasons, ...failed.flatMap(replyFailureReasons)],
    ...(steps.length > 0 ? { detail: steps.join('; ') } : {}),
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

/** The rule-like reason of a reply a person must see to, and its plain-words note when there is one. */
function replyFailureReasons(reply: ReplyOutcome): string[] {
  return [
    `reply_${reply.status}:${reply.kind}:${reply.errorClass ?? ''}`,
    ...(reply.note ? [reply.note] : []),
  ];
}

/** A message delivered late does not move the window start backwards. */
function withCustomerMessage(conversation: Conversation, occurredAt: number): Conversation {
  return {
    ...conversation,
    lastCustomerMessageAt: Math.max(conversation.lastCustomerMessageAt ?? 0, occurredAt),
  };
}

/** DMs are answered in the thread; a public message gets a private reply that opens one. */
function privateTarget(event: InboundEvent): ReplyTarget {
  if (event.channel === 'dm') return { recipientId: event.replyTarget.recipientId };
  return { privateReplyTo: event.replyTarget.privateReplyTo, recipientId: event.replyTarget.recipientId };
}

/** The stored form of an event's message. */
export function storedMessage(
  event: InboundEvent,
  conversationId: string,
  direction: 'in' | 'out',
  sentBy: StoredMessage['sentBy'],
): StoredMessage {
  return {
    conversationId,
    messageId: event.messageId,
    eventId: event.eventId,
    direction,
    sentBy,
    channel: event.channel,
    author: event.author,
    text: event.text,
    ...(event.attachments.length > 0 ? { attachments: event.attachments } : {}),
    occurredAt: event.occurredAt,
  };
}

/**
 * Our own activity is part of the conversation but never answered. The echo of a reply this
 * system posted is already recorded; anything else from our account was written by a person
 * (in the Page Inbox, on the page, in the X app), so the bot stops acknowledging there. Every
 * step is idempotent, so no event record is needed: an echo of our own reply writes nothing.
 */
async function recordOwnMessage(
  event: InboundEvent,
  conversationId: string,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  const { store } = deps;
  // Agents' replies through the agent API have a message pointer; the bot's replies are found
  // among the conversation's replies by their platform id.
  const ours =
    (await store.senderOfMessage(event.platform, event.messageId)) !== undefined ||
    (await store.listReplies(conversationId)).some((r) => r.platformId === event.messageId);
  if (!ours) {
    await store.recordMessage(storedMessage(event, conversationId, 'out', event.sentBy), event.platform);
    if (event.sentBy === 'human') {
      await store.markHumanReplied(conversationId);
      await store.audit(conversationId, {
        actor: 'platform_inbox',
        action: 'human_replied',
        eventId: event.eventId,
      });
    }
  }
  return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
}

async function recordDeletion(event: InboundEvent, deps: ResponderDeps): Promise<string | undefined> {
  const { store } = deps;
  const conversationId = await store.markMessageDeleted(event.platform, event.messageId);
  if (conversationId) {
    const cancelled = await store.cancelPendingReplies(conversationId, event.messageId);
    await store.audit(conversationId, {
      actor: 'customer',
      action: 'message_deleted',
      eventId: event.eventId,
      detail: `message ${event.messageId} deleted; ${cancelled} pending repl${cancelled === 1 ? 'y' : 'ies'} cancelled`,
    });
  }
  return conversationId;
}
