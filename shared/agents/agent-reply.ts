import { answeredTransition, checkAgentAction } from '../conversations/lifecycle.js';
import type { Conversation, StoredMessage, StoredReply } from '../conversations/model.js';
import type { ReplyTarget } from '../events.js';
import { logRef } from '../log.js';
import { PlatformError } from '../platforms/client.js';
import { X_MAX_WEIGHTED_LENGTH, xWeightedLength } from '../platforms/x/text-length.js';
import { type Delivery, deliverReply } from '../replies/deliver.js';
import { shortHash } from '../short-hash.js';
import { failure, inDoubt, invalid, notFound, type Result, refused } from './failures.js';
import type { AgentServiceDeps } from './service.js';
import { serviceLevelMetrics } from './service-levels.js';
import { agentActor, type ConversationView, withoutInternals } from './views.js';
import { checkAgentReply, type ReplyKind, type WindowInput } from './windows.js';

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

/** Meta's Send API and comment limits are far above this; X posts are limited by weighted length. */
const MAX_TEXT = 2000;
/** Replies that count as "the comment's one private reply was used". */
const PRIVATE_REPLY_TAKEN: ReadonlySet<StoredReply['status']> = new Set([
  'sending',
  'sent',
  'dry_run',
  'in_doubt',
]);

/** An agent's reply through the platform, with its rules: the one reply path, keyed by the agent's idempotency key. */
export class AgentReplies {
  constructor(private readonly deps: Omit<AgentServiceDeps, 'publishHandoff'>) {}

  private now() {
    return this.deps.clock();
  }

  async send(conversationId: string, agentId: string, request: ReplyRequest): Promise<Result<ReplyResult>> {
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
    const replyId = `agent_${shortHash(agentId, conversationId, request.idempotencyKey ?? `${kind}|${lastCustomer?.messageId ?? ''}|${text}`)}`;

    const earlier = replies.find((r) => r.replyId === replyId);
    const windowCheck = checkAgentReply(windowInput(conversation, messages, replies, now.getTime()), kind);
    if (!earlier && !windowCheck.allowed) {
      await store.audit(conversationId, {
        actor: agentActor(agentId),
        action: 'reply_refused',
        detail: windowCheck.reason,
      });
      return {
        ok: false,
        reason: 'refused',
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
          conversation: logRef(conversationId),
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
      actor: agentActor(agentId),
      action: 'reply_refused',
      detail: `${kind}: ${delivery.status === 'in_doubt' ? `in doubt: ${delivery.reason}` : delivery.error.errorClass}`,
    });
    this.deps.log.warn('agent reply not sent by the platform', {
      platform: conversation.platform,
      conversation: logRef(conversationId),
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
      actor: agentActor(agentId),
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
        conversation: withoutInternals(after),
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
        reason: 'refused',
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
          conversation: withoutInternals(conversation),
        },
      };
    }
    if (reply.status === 'failed' && reply.errorClass) {
      return refused(conversation.platform, new PlatformError(reply.errorClass, reply.error ?? ''));
    }
    return {
      ok: false,
      reason: 'conflict',
      error: `reply_${reply.status}`,
      message:
        reply.status === 'in_doubt'
          ? 'an earlier attempt with this key stopped while talking to the platform: it may or may not have been posted'
          : `an earlier attempt with this key is ${reply.status}`,
      advice: 'check the thread on the platform; to send anyway, use a new idempotency key',
    };
  }
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
