import { createHash } from 'node:crypto';
import type { BurstCounter } from '../conversations/bursts.js';
import type { Conversation, ConversationStatus, ReplyStatus, StoredMessage } from '../conversations/model.js';
import type { ConversationStore } from '../conversations/store.js';
import type { InboundEvent, Platform, ReplyTarget } from '../events.js';
import { buildHandoffMessage } from '../handoff/publisher.js';
import type { HandoffMessage } from '../handoff/schema.js';
import type { Log } from '../log.js';
import { type PlatformClient, PlatformError } from '../platforms/client.js';
import { brandDmLink } from '../policy/brand.js';
import type { BrandDirectory } from '../policy/brands.js';
import type { Decision, RenderedText } from '../policy/decision.js';
import { decide } from '../policy/index.js';
import { readBurst, settleCrisis } from './crisis.js';

export interface ResponderDeps {
  store: ConversationStore;
  bursts: BurstCounter;
  brands: BrandDirectory;
  clients: Record<Platform, PlatformClient>;
  publishHandoff(message: HandoffMessage): Promise<void>;
  clock: () => Date;
  log: Log;
}

export interface ReplyOutcome {
  kind: 'public' | 'private';
  status: ReplyStatus;
  text: string;
  templateId: string;
  platformId?: string;
  errorClass?: string;
}

export interface EventOutcome {
  eventId: string;
  /** the event was handled completely before: nothing was done again */
  duplicate: boolean;
  conversationId?: string;
  decision?: Decision;
  replies: ReplyOutcome[];
  handoff?: { handoffId: string; caseId: string; type: HandoffMessage['type'] };
}

const shortHash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * Statuses in which the case is with people: a new message updates it instead of opening
 * another. `answered` included: the agent waits for the customer, whose answer goes back to them.
 */
const WITH_A_PERSON: ReadonlySet<ConversationStatus> = new Set(['handed_off', 'claimed', 'answered']);

/**
 * Handles one inbound event: records it in its conversation exactly once, asks the policy, sends
 * the acknowledgement(s) and hands the case to people. Safe to run again for the same event (SQS
 * redelivery, platform retries): each step is idempotent and a reply is never posted twice.
 * Throws only when retrying later can help (our storage, the queue, a retryable platform error).
 */
export async function handleInboundEvent(event: InboundEvent, deps: ResponderDeps): Promise<EventOutcome> {
  const { store } = deps;
  // A reply to a message we know joins that message's conversation; otherwise the thread is the conversation.
  const resolvedConversation =
    event.kind === 'message'
      ? ((event.inReplyToMessageId
          ? await store.conversationOfMessage(event.platform, event.inReplyToMessageId)
          : undefined) ?? event.threadKey)
      : undefined;
  const record = await store.beginEvent(event.eventId, resolvedConversation);
  if (record.status === 'done') {
    return { eventId: event.eventId, duplicate: true, conversationId: record.conversationId, replies: [] };
  }

  switch (event.kind) {
    case 'account_revoked':
      await store.flagAccount(event.platform, event.accountId, 'access revoked: re-authorise the account');
      deps.log.warn('account revoked our access', { platform: event.platform, accountId: event.accountId });
      await store.completeEvent(event.eventId);
      return { eventId: event.eventId, duplicate: false, replies: [] };
    case 'deleted':
      return completeDeletion(event, deps);
    case 'edited': {
      const conversationId = await store.recordEdit(
        event.platform,
        event.messageId,
        event.text,
        event.occurredAt,
      );
      await store.completeEvent(event.eventId);
      return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
    }
    case 'message':
      break;
  }

  // A resumed attempt keeps the conversation the first attempt chose.
  const conversationId = record.conversationId ?? event.threadKey;

  if (event.fromAccount) return recordOwnMessage(event, conversationId, deps);

  if (await store.deletedBeforeArrival(event.platform, event.messageId)) {
    deps.log.info('message deleted before it was handled: not answered', { eventId: event.eventId });
    await store.completeEvent(event.eventId);
    return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
  }

  const { brand, account } = deps.brands.forAccount(event.platform, event.accountId);
  const link = brandDmLink(brand, event.platform, account);
  await store.recordMessage(storedMessage(event, conversationId, 'in', 'customer'), event.platform);
  const conversation = await store.touchConversation(
    {
      conversationId,
      brand: brand.id,
      platform: event.platform,
      channel: event.channel,
      accountId: event.accountId,
      customer: event.author,
      links: { public: event.permalink, dm: link },
      replyTarget: event.replyTarget,
      topicId: event.topicId,
    },
    event.occurredAt,
  );

  const now = deps.clock();
  const recentTemplateIds = await store.recentTemplates(event.platform, event.accountId);
  const decision =
    record.decision ??
    (await store.saveDecision(
      event.eventId,
      decide({
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
      }),
    ));

  const replies: ReplyOutcome[] = [];
  if (decision.publicReply) {
    replies.push(
      await sendReply(event, conversation, 'public', decision.publicReply, event.replyTarget, deps),
    );
  }
  if (decision.privateReply) {
    replies.push(
      await sendReply(event, conversation, 'private', decision.privateReply, privateTarget(event), deps),
    );
  }
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
      ...failed.map((r) => `reply_${r.status}:${r.kind}:${r.errorClass ?? ''}`),
      ...(caseOpen && !decision.handoff ? ['lifecycle:customer_wrote_on_open_case'] : []),
    ];
    const current = (await store.getConversation(conversationId)) ?? conversation;
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
  await store.applyAutomaticOutcome(conversationId, event.eventId, {
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
    action: `decided_${decision.action}`,
    eventId: event.eventId,
    reasons: [...decision.reasons, ...failed.map((r) => `reply_${r.status}:${r.kind}:${r.errorClass ?? ''}`)],
    ...(steps.length > 0 ? { detail: steps.join('; ') } : {}),
  });
  await store.completeEvent(event.eventId);
  return { eventId: event.eventId, duplicate: false, conversationId, decision, replies, handoff };
}

/** A customer message on an answered or closed conversation reopens it; the rule goes in the audit trail. */
const REOPENING_RULE: Partial<Record<ConversationStatus, string>> = {
  answered: 'lifecycle:customer_wrote_after_answer',
  closed: 'lifecycle:customer_wrote_after_close',
};

function nextStatus(
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

/** DMs are answered in the thread; a public message gets a private reply that opens one. */
function privateTarget(event: InboundEvent): ReplyTarget {
  if (event.channel === 'dm') return { recipientId: event.replyTarget.recipientId };
  return { privateReplyTo: event.replyTarget.privateReplyTo, recipientId: event.replyTarget.recipientId };
}

function storedMessage(
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
    occurredAt: event.occurredAt,
  };
}

/**
 * Our own activity is part of the conversation but never answered. The echo of a reply this
 * system posted is already recorded; anything else from our account was written by a person
 * (in the Page Inbox, on the page, in the X app), so the bot stops acknowledging there.
 */
async function recordOwnMessage(
  event: InboundEvent,
  conversationId: string,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  const { store } = deps;
  // Replies this system sent (the bot's, and agents' through the agent API) are recorded already.
  const knownSender = await store.senderOfMessage(event.platform, event.messageId);
  if (knownSender === undefined) {
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
  await store.completeEvent(event.eventId);
  return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
}

async function completeDeletion(event: InboundEvent, deps: ResponderDeps): Promise<EventOutcome> {
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
  await store.completeEvent(event.eventId);
  return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
}

async function sendReply(
  event: InboundEvent,
  conversation: Conversation,
  kind: 'public' | 'private',
  rendered: RenderedText,
  target: ReplyTarget,
  deps: ResponderDeps,
): Promise<ReplyOutcome> {
  const { store } = deps;
  const claim = await store.claimReply({
    conversationId: conversation.conversationId,
    replyId: `${event.eventId}#${kind}`,
    eventId: event.eventId,
    kind,
    inReplyTo: event.messageId,
    text: rendered.text,
    templateId: rendered.templateId,
    channel: kind === 'public' ? event.channel : 'dm',
  });
  if (claim.outcome === 'settled') {
    const { status, platformId, errorClass } = claim.reply;
    return { kind, status, text: rendered.text, templateId: rendered.templateId, platformId, errorClass };
  }
  const reply = claim.reply;
  const client = deps.clients[event.platform];

  if (!client.canSend(event.accountId)) {
    await store.settleReply(reply, 'dry_run');
    deps.log.info('dry run: no credentials for this account, reply not sent', {
      platform: event.platform,
      accountId: event.accountId,
      kind,
      text: rendered.text,
    });
    return { kind, status: 'dry_run', text: rendered.text, templateId: rendered.templateId };
  }

  try {
    const sent =
      kind === 'public'
        ? await client.replyPublicly(event.accountId, target, rendered.text)
        : await client.sendPrivateMessage(event.accountId, target, rendered.text, {
            lastCustomerMessageAt: event.channel === 'dm' ? conversation.lastCustomerMessageAt : undefined,
            now: deps.clock().getTime(),
          });
    await store.settleReply(reply, 'sent', { platformId: sent.id });
    await store.recordReplyPointer(event.platform, reply, sent.id);
    return {
      kind,
      status: 'sent',
      text: rendered.text,
      templateId: rendered.templateId,
      platformId: sent.id,
    };
  } catch (error) {
    if (!(error instanceof PlatformError)) {
      // Unknown failure (our bug, the network before a response): treat as retryable.
      await store.settleReply(reply, 'retry', { error: (error as Error).message });
      throw error;
    }
    if (error.retryable) {
      await store.settleReply(reply, 'retry', { errorClass: error.errorClass, error: error.message });
      throw error;
    }
    await store.settleReply(reply, 'failed', { errorClass: error.errorClass, error: error.message });
    if (error.errorClass === 'token_invalid') {
      await store.flagAccount(event.platform, event.accountId, `token invalid: ${error.message}`);
    }
    deps.log.warn('reply refused by the platform; a person will take the case', {
      platform: event.platform,
      kind,
      errorClass: error.errorClass,
      error: error.message,
    });
    return {
      kind,
      status: 'failed',
      text: rendered.text,
      templateId: rendered.templateId,
      errorClass: error.errorClass,
    };
  }
}
