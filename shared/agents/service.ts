import { createHash } from 'node:crypto';
import type { AuditEntry, Conversation, StoredMessage, StoredReply } from '../conversations/model.js';
import {
  type CaseTransition,
  type ConversationQuery,
  type ConversationStore,
  isDecisionAudit,
} from '../conversations/store.js';
import type { Platform, ReplyTarget } from '../events.js';
import { buildCaseUpdate } from '../handoff/publisher.js';
import type { HandoffMessage } from '../handoff/schema.js';
import type { Log } from '../log.js';
import { type PlatformClient, PlatformError } from '../platforms/client.js';
import { X_MAX_WEIGHTED_LENGTH, xWeightedLength } from '../platforms/x/text-length.js';
import type { Escalation, Priority } from '../policy/decision.js';
import { type Delivery, deliverReply } from '../replies/deliver.js';
import {
  type AgentAction,
  answeredTransition,
  checkAgentAction,
  claimTransition,
  closeTransition,
  escalateTransition,
  planEscalation,
  releaseTransition,
} from './lifecycle.js';
import type { ServiceLevelSink } from './metrics.js';
import { explainRefusal } from './refusals.js';
import { type ServiceLevels, serviceLevelMetrics, serviceLevelsOf } from './service-levels.js';
import {
  checkAgentReply,
  type ReplyKind,
  type ReplyWindow,
  replyWindows,
  type WindowInput,
} from './windows.js';

/**
 * What agents do, in one place for the agent API and the console: read cases, claim, reply
 * through the platform with its rules, escalate, release and close. Every step is a conditional
 * write and leaves an audit entry with the agent's id.
 */
export interface AgentServiceDeps {
  store: ConversationStore;
  clients: Record<Platform, PlatformClient>;
  publishHandoff(message: HandoffMessage): Promise<void>;
  clock: () => Date;
  log: Log;
  recordMetrics: ServiceLevelSink;
}

export interface Failure {
  ok: false;
  status: 400 | 403 | 404 | 409 | 422 | 429 | 502 | 503;
  error: string;
  message: string;
  advice?: string;
  details?: Record<string, unknown>;
}
export type Result<T> = { ok: true; value: T } | Failure;

/** A conversation as agents see it: the stored item without index keys and bookkeeping. */
export type ConversationView = Conversation;

export interface CaseView {
  conversation: ConversationView;
  messages: StoredMessage[];
  replies: StoredReply[];
  audit: AuditEntry[];
  windows: ReplyWindow[];
  serviceLevels: ServiceLevels;
}

export interface ReplyRequest {
  text: string;
  /** default: private for DM conversations, public otherwise */
  kind?: ReplyKind;
  /** the client's key for this reply: a retry with the same key never posts twice */
  idempotencyKey?: string;
}

export interface ReplyResult {
  replyId: string;
  kind: ReplyKind;
  status: StoredReply['status'];
  platformId?: string;
  /** the answer to an earlier request with the same idempotency key */
  replayed: boolean;
  /** how it went out, e.g. `RESPONSE`, `HUMAN_AGENT tag`, `public reply` */
  mode: string;
  conversation: ConversationView;
}

const INTERNAL_FIELDS = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'expiresAt', 'lastEventId']);
function strip<T extends object>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !INTERNAL_FIELDS.has(key))) as T;
}

const hash = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
const actor = (agentId: string) => `agent:${agentId}`;
/** Meta's Send API and comment limits are far above this; X posts are limited by weighted length. */
const MAX_TEXT = 2000;
/** Replies that count as "the comment's one private reply was used". */
const PRIVATE_REPLY_TAKEN: ReadonlySet<StoredReply['status']> = new Set([
  'sending',
  'sent',
  'dry_run',
  'in_doubt',
]);

export class AgentService {
  constructor(private readonly deps: AgentServiceDeps) {}

  private now() {
    return this.deps.clock();
  }

  async list(query: ConversationQuery): Promise<Result<{ items: ConversationView[]; cursor?: string }>> {
    const page = await this.deps.store.listConversations(query);
    return {
      ok: true,
      value: { items: page.items.map(strip), ...(page.cursor ? { cursor: page.cursor } : {}) },
    };
  }

  async get(conversationId: string): Promise<Result<CaseView>> {
    const { store } = this.deps;
    const conversation = await store.getConversation(conversationId);
    if (!conversation) return notFound();
    const [messages, replies, audit] = await Promise.all([
      store.listMessages(conversationId),
      store.listReplies(conversationId),
      store.listAudit(conversationId),
    ]);
    const now = this.now();
    return {
      ok: true,
      value: {
        conversation: strip(conversation),
        messages: messages.map(strip),
        replies: replies.map(strip),
        audit: audit.map(strip),
        windows: replyWindows(windowInput(conversation, messages, replies, now.getTime())),
        serviceLevels: serviceLevelsOf(conversation, now),
      },
    };
  }

  async claim(conversationId: string, agentId: string): Promise<Result<ConversationView>> {
    return this.transition(
      conversationId,
      agentId,
      'claim',
      () => claimTransition(agentId, this.now().toISOString()),
      {
        action: 'claimed',
      },
    );
  }

  async close(conversationId: string, agentId: string, note?: string): Promise<Result<ConversationView>> {
    const result = await this.transition(
      conversationId,
      agentId,
      'close',
      () => closeTransition(agentId, this.now().toISOString()),
      { action: 'closed', detail: note },
    );
    if (result.ok && result.value.closedBy === agentId) {
      this.deps.recordMetrics(serviceLevelMetrics('closed', result.value, this.now()));
    }
    return result;
  }

  async release(conversationId: string, agentId: string, note?: string): Promise<Result<ConversationView>> {
    const now = this.now();
    let opensCase = false;
    const result = await this.transition(
      conversationId,
      agentId,
      'release',
      (c) => {
        opensCase = !c.caseId;
        return withCase(releaseTransition(agentId), c, now);
      },
      { action: 'released', detail: note },
    );
    if (!result.ok) return result;
    return this.requeue(result.value, [`agent:released(${agentId})`], now, opensCase ? 'new' : 'update');
  }

  async escalate(
    conversationId: string,
    agentId: string,
    request: { level?: Escalation; priority?: Priority; note?: string },
  ): Promise<Result<ConversationView>> {
    const { store } = this.deps;
    const now = this.now();
    for (let attempt = 0; attempt < 2; attempt++) {
      const conversation = await store.getConversation(conversationId);
      const check = checkAgentAction(conversation, 'escalate', agentId);
      if (!check.allowed) return failure(check);
      if (!conversation) return notFound();
      const plan = planEscalation(conversation, now, request);
      if (!plan.allowed) return failure(plan);
      const change = await store.transitionCase(
        conversationId,
        withCase(escalateTransition(agentId, plan), conversation, now),
      );
      if (!change.applied) continue;
      const from = conversation.escalation ?? 'L1';
      await store.audit(conversationId, {
        actor: actor(agentId),
        action: 'escalated',
        detail: `${from} -> ${plan.escalation}, priority ${plan.priority}, due by ${plan.dueBy}${request.note ? `: ${request.note}` : ''}`,
      });
      return this.requeue(
        change.conversation,
        [`agent:escalated(${agentId},${from}->${plan.escalation})`],
        now,
        conversation.caseId ? 'update' : 'new',
      );
    }
    return failure(
      checkAgentAction(await store.getConversation(conversationId), 'escalate', agentId),
      'escalate',
    );
  }

  async reply(conversationId: string, agentId: string, request: ReplyRequest): Promise<Result<ReplyResult>> {
    const { store } = this.deps;
    const text = request.text.trim();
    if (!text) return invalid('the reply text is empty');
    const conversation = await store.getConversation(conversationId);
    const check = checkAgentAction(conversation, 'reply', agentId);
    if (!check.allowed) return failure(check);
    if (!conversation) return notFound();

    const kind: ReplyKind = request.kind ?? (conversation.channel === 'dm' ? 'private' : 'public');
    if (text.length > MAX_TEXT) return invalid(`the reply is longer than ${MAX_TEXT} characters`);
    if (conversation.platform === 'x' && kind === 'public' && xWeightedLength(text) > X_MAX_WEIGHTED_LENGTH) {
      return invalid(`a post on X may be at most ${X_MAX_WEIGHTED_LENGTH} characters (links count 23)`);
    }
    const [messages, replies] = await Promise.all([
      store.listMessages(conversationId),
      store.listReplies(conversationId),
    ]);
    const now = this.now();
    const lastCustomer = [...messages].reverse().find((m) => m.sentBy === 'customer');
    const replyId = `agent_${hash(agentId, conversationId, request.idempotencyKey ?? `${kind}|${lastCustomer?.messageId ?? ''}|${text}`)}`;

    const earlier = replies.find((r) => r.replyId === replyId);
    const windowCheck = checkAgentReply(windowInput(conversation, messages, replies, now.getTime()), kind);
    if (!earlier && !windowCheck.allowed) {
      await store.audit(conversationId, {
        actor: actor(agentId),
        action: 'reply_refused',
        detail: windowCheck.reason,
      });
      return {
        ok: false,
        status: 422,
        error: windowCheck.reason,
        message: windowCheck.message,
        advice: windowCheck.advice,
      };
    }
    const mode = windowCheck.allowed ? windowCheck.window.mode : kind;

    const claim = await store.claimReply({
      conversationId,
      replyId,
      eventId: `agent:${agentId}`,
      kind,
      inReplyTo: lastCustomer?.messageId ?? '',
      text,
      templateId: 'agent',
      agentId,
    });
    if (claim.outcome === 'settled') return this.replayed(claim.reply, text, conversation, mode);

    const delivery = await deliverReply(
      {
        platform: conversation.platform,
        accountId: conversation.accountId,
        kind,
        target: replyTarget(conversation, kind),
        text,
        messageOptions: {
          humanAgent: true,
          lastCustomerMessageAt:
            conversation.channel === 'dm' ? conversation.lastCustomerMessageAt : undefined,
          now: now.getTime(),
        },
      },
      {
        client: this.deps.clients[conversation.platform],
        clock: this.deps.clock,
        log: this.deps.log,
        settle: (status, details) => store.settleReply(claim.reply, status, details),
        flagAccount: (platform, accountId, problem) => store.flagAccount(platform, accountId, problem),
      },
    );
    return this.answerDelivery(delivery, conversation, agentId, { replyId, kind, text, mode });
  }

  /** The agent's answer to a delivery: sent (or a dry run) is recorded; anything else is explained. */
  private async answerDelivery(
    delivery: Delivery,
    conversation: Conversation,
    agentId: string,
    reply: { replyId: string; kind: ReplyKind; text: string; mode: string },
  ): Promise<Result<ReplyResult>> {
    const { store } = this.deps;
    const { conversationId } = conversation;
    const { replyId, kind, text, mode } = reply;
    if (delivery.status === 'sent' || delivery.status === 'dry_run') {
      if (delivery.status === 'dry_run') {
        this.deps.log.info('dry run: no credentials for this account, agent reply not sent', {
          platform: conversation.platform,
          conversationId,
          agentId,
          kind,
        });
      }
      return this.recordSent(conversation, agentId, {
        replyId,
        kind,
        text,
        mode,
        platformId: delivery.status === 'sent' ? delivery.platformId : `dryrun_${replyId}`,
        status: delivery.status,
      });
    }
    await store.audit(conversationId, {
      actor: actor(agentId),
      action: 'reply_refused',
      detail: `${kind}: ${delivery.status === 'in_doubt' ? `in doubt: ${delivery.reason}` : delivery.error.errorClass}`,
    });
    this.deps.log.warn('agent reply not sent by the platform', {
      platform: conversation.platform,
      conversationId,
      agentId,
      status: delivery.status,
      errorClass: delivery.error.errorClass,
      error: delivery.error.message,
    });
    if (delivery.status === 'in_doubt') return inDoubt(delivery.reason);
    return refused(conversation.platform, delivery.error);
  }

  private async recordSent(
    conversation: Conversation,
    agentId: string,
    sent: {
      replyId: string;
      kind: ReplyKind;
      text: string;
      mode: string;
      platformId: string;
      status: 'sent' | 'dry_run';
    },
  ): Promise<Result<ReplyResult>> {
    const { store } = this.deps;
    const now = this.now();
    await store.recordMessage(
      {
        conversationId: conversation.conversationId,
        messageId: sent.platformId,
        eventId: `agent:${sent.replyId}`,
        direction: 'out',
        sentBy: 'human',
        agentId,
        channel: sent.kind === 'public' ? conversation.channel : 'dm',
        author: { id: conversation.accountId },
        text: sent.text,
        occurredAt: now.getTime(),
      },
      conversation.platform,
    );
    const change = await store.transitionCase(
      conversation.conversationId,
      answeredTransition(agentId, now.toISOString()),
    );
    await store.audit(conversation.conversationId, {
      actor: actor(agentId),
      action: sent.status === 'sent' ? `replied_${sent.kind}` : `reply_dry_run_${sent.kind}`,
      detail: `${sent.mode}; platform id ${sent.platformId}`,
    });
    const after = change.conversation ?? conversation;
    if (change.applied && after.firstHumanResponseAt === after.lastHumanResponseAt) {
      this.deps.recordMetrics(serviceLevelMetrics('first_human_response', after, now));
    }
    return {
      ok: true,
      value: {
        replyId: sent.replyId,
        kind: sent.kind,
        status: sent.status,
        platformId: sent.platformId,
        replayed: false,
        mode: sent.mode,
        conversation: strip(after),
      },
    };
  }

  /** The answer to a repeated request: what happened the first time, never a second post. */
  private replayed(
    reply: StoredReply,
    text: string,
    conversation: Conversation,
    mode: string,
  ): Result<ReplyResult> {
    if (reply.text !== text) {
      return {
        ok: false,
        status: 422,
        error: 'idempotency_key_reused',
        message: 'this idempotency key was used for a different text',
        advice: 'use a new idempotency key for a new reply',
      };
    }
    if (reply.status === 'sent' || reply.status === 'dry_run') {
      return {
        ok: true,
        value: {
          replyId: reply.replyId,
          kind: reply.kind,
          status: reply.status,
          platformId: reply.platformId,
          replayed: true,
          mode,
          conversation: strip(conversation),
        },
      };
    }
    if (reply.status === 'failed' && reply.errorClass) {
      return refused(conversation.platform, new PlatformError(reply.errorClass, reply.error ?? ''));
    }
    return {
      ok: false,
      status: 409,
      error: `reply_${reply.status}`,
      message:
        reply.status === 'in_doubt'
          ? 'an earlier attempt with this key stopped while talking to the platform: it may or may not have been posted'
          : `an earlier attempt with this key is ${reply.status}`,
      advice: 'check the thread on the platform; to send anyway, use a new idempotency key',
    };
  }

  /**
   * Runs one lifecycle step: check, conditional write, audit. When the write loses a race the
   * step is checked again against the state that won, so the agent hears the real reason.
   */
  private async transition(
    conversationId: string,
    agentId: string,
    action: AgentAction,
    change: (conversation: Conversation) => CaseTransition,
    audit: { action: string; detail?: string },
  ): Promise<Result<ConversationView>> {
    const { store } = this.deps;
    for (let attempt = 0; attempt < 2; attempt++) {
      const conversation = await store.getConversation(conversationId);
      const check = checkAgentAction(conversation, action, agentId);
      if (!check.allowed) return failure(check);
      if (!conversation) return notFound();
      if (check.alreadyDone) return { ok: true, value: strip(conversation) };
      const result = await store.transitionCase(conversationId, change(conversation));
      if (!result.applied) continue;
      await store.audit(conversationId, {
        actor: actor(agentId),
        action: audit.action,
        detail: audit.detail,
      });
      return { ok: true, value: strip(result.conversation) };
    }
    return failure(checkAgentAction(await store.getConversation(conversationId), action, agentId), action);
  }

  /** Puts the case (back) on the hand-off queue, with the reason: `new` when this step opened it. */
  private async requeue(
    conversation: Conversation,
    reasons: string[],
    now: Date,
    type: HandoffMessage['type'],
  ): Promise<Result<ConversationView>> {
    const { store } = this.deps;
    const caseId = conversation.caseId as string;
    const audit = await store.listAudit(conversation.conversationId);
    const decided = audit.filter(isDecisionAudit).at(-1);
    const message = buildCaseUpdate({
      handoffId: `ho_${hash(caseId, ...reasons, now.toISOString())}`,
      caseId,
      type,
      conversation,
      transcript: await store.listMessages(conversation.conversationId),
      policyReasons: decided?.reasons ?? [],
      reasons,
      now,
    });
    try {
      await this.deps.publishHandoff(message);
    } catch (error) {
      this.deps.log.error('hand-off queue refused a released or escalated case', {
        conversationId: conversation.conversationId,
        error: (error as Error).message,
      });
      return {
        ok: false,
        status: 503,
        error: 'queue_unavailable',
        message: 'the case is back in status handed_off, but the hand-off queue did not accept it',
        advice: 'it is listed under status handed_off; tell the team running this system',
      };
    }
    return { ok: true, value: strip(conversation) };
  }
}

/** A release or escalation of a conversation that never had a case opens one. */
function withCase(change: CaseTransition, conversation: Conversation, now: Date): CaseTransition {
  if (conversation.caseId) return change;
  const at = now.toISOString();
  return {
    ...change,
    setIfAbsent: {
      ...change.setIfAbsent,
      caseId: `case_${hash(conversation.conversationId, at)}`,
      handedOffAt: at,
      caseOpenedAt: at,
    },
  };
}

export function windowInput(
  conversation: Conversation,
  messages: readonly StoredMessage[],
  replies: readonly StoredReply[],
  now: number,
): WindowInput {
  const target = conversation.replyTarget;
  const commentId = target.privateReplyTo?.commentId ?? target.privateReplyTo?.postId;
  const comment = messages.find((m) => m.messageId === commentId);
  return {
    platform: conversation.platform,
    channel: conversation.channel,
    lastCustomerMessageAt: conversation.lastCustomerMessageAt,
    commentAt: comment?.occurredAt,
    privateReplyUsed:
      conversation.channel !== 'dm' &&
      replies.some((r) => r.kind === 'private' && PRIVATE_REPLY_TAKEN.has(r.status)),
    hasPublicTarget: Boolean(target.commentId || target.postId || target.tweetId),
    now,
  };
}

function replyTarget(conversation: Conversation, kind: ReplyKind): ReplyTarget {
  const target = conversation.replyTarget;
  if (kind === 'public')
    return { commentId: target.commentId, postId: target.postId, tweetId: target.tweetId };
  const isMetaComment = conversation.platform !== 'x' && conversation.channel !== 'dm';
  if (isMetaComment) return { privateReplyTo: target.privateReplyTo };
  return { recipientId: target.recipientId ?? conversation.customer.id };
}

function notFound(): Failure {
  return { ok: false, status: 404, error: 'not_found', message: 'no such conversation' };
}

function invalid(message: string): Failure {
  return { ok: false, status: 400, error: 'invalid_request', message };
}

function failure(
  check:
    | { allowed: true }
    | { allowed: false; status: 403 | 404 | 409 | 422; error: string; message: string },
  action?: string,
): Failure {
  if (check.allowed) {
    // The state kept changing under two attempts: say so instead of guessing.
    return {
      ok: false,
      status: 409,
      error: 'conflict',
      message: `the case changed while you tried to ${action}; reload it`,
    };
  }
  return { ok: false, status: check.status, error: check.error, message: check.message };
}

/** The platform may have posted the reply and cannot show whether it did: the agent must look. */
function inDoubt(reason: string): Failure {
  return {
    ok: false,
    status: 409,
    error: 'reply_in_doubt',
    message: `the platform may have posted this reply and could not tell: ${reason}`,
    advice: 'check the thread on the platform; to send anyway, use a new idempotency key',
  };
}

function refused(platform: Platform, error: PlatformError): Failure {
  const refusal = explainRefusal(platform, error);
  const status =
    refusal.errorClass === 'rate_limited' ? 429 : refusal.errorClass === 'server_error' ? 502 : 422;
  return {
    ok: false,
    status,
    error: refusal.errorClass,
    message: refusal.message,
    advice: refusal.advice,
    details: {
      retryable: refusal.retryable,
      ...(refusal.retryAfterMs === undefined ? {} : { retryAfterMs: refusal.retryAfterMs }),
    },
  };
}
