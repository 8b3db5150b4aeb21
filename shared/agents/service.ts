import {
  type AgentAction,
  checkAgentAction,
  claimTransition,
  closeTransition,
  escalateTransition,
  planEscalation,
  releaseTransition,
} from '../conversations/lifecycle.js';
import type { AuditEntry, Conversation, StoredMessage, StoredReply } from '../conversations/model.js';
import {
  type CaseTransition,
  type ConversationQuery,
  type ConversationStore,
  isDecisionAudit,
} from '../conversations/store.js';
import type { Platform } from '../events.js';
import { buildCaseUpdate } from '../handoff/publisher.js';
import type { HandoffMessage } from '../handoff/schema.js';
import { type Log, logRef } from '../log.js';
import type { PlatformClient } from '../platforms/client.js';
import type { Escalation, Priority } from '../policy/decision.js';
import { isErasureRequestReason } from '../policy/erasure-request.js';
import { shortHash } from '../short-hash.js';
import { type Access, canAct, readOnly, seesBrand } from './access.js';
import { AgentReplies, type ReplyRequest, type ReplyResult, windowInput } from './agent-reply.js';
import { type Failure, failure, notFound, type Result } from './failures.js';
import type { ServiceLevelSink } from './metrics.js';
import { type ServiceLevels, serviceLevelMetrics, serviceLevelsOf } from './service-levels.js';
import { agentActor, type ConversationView, withoutInternals } from './views.js';
import { type ReplyWindow, replyWindows } from './windows.js';

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

export interface CaseView {
  conversation: ConversationView;
  messages: StoredMessage[];
  replies: StoredReply[];
  audit: AuditEntry[];
  windows: ReplyWindow[];
  serviceLevels: ServiceLevels;
  /** the customer asked for their data to be erased: a supervisor can do it (POST /agent/erasures) */
  erasureRequested: boolean;
}

export class AgentService {
  private readonly replies: AgentReplies;

  constructor(private readonly deps: AgentServiceDeps) {
    this.replies = new AgentReplies(deps);
  }

  private now() {
    return this.deps.clock();
  }

  /** With `access`, only the brands the caller sees (asking for another brand lists nothing). */
  async list(
    query: ConversationQuery,
    access?: Access,
  ): Promise<Result<{ items: ConversationView[]; cursor?: string }>> {
    if (access?.brands && query.brand !== undefined && !seesBrand(access, query.brand)) {
      return { ok: true, value: { items: [] } };
    }
    const page = await this.deps.store.listConversations(
      access?.brands ? { ...query, brands: access.brands } : query,
    );
    return {
      ok: true,
      value: { items: page.items.map(withoutInternals), ...(page.cursor ? { cursor: page.cursor } : {}) },
    };
  }

  /** With `access`, a case of a brand the caller does not see is not found. */
  async get(conversationId: string, access?: Access): Promise<Result<CaseView>> {
    const { store } = this.deps;
    const conversation = await store.getConversation(conversationId);
    if (!conversation || (access && !seesBrand(access, conversation.brand))) return notFound();
    const [messages, replies, audit] = await Promise.all([
      store.listMessages(conversationId),
      store.listReplies(conversationId),
      store.listAudit(conversationId),
    ]);
    const now = this.now();
    return {
      ok: true,
      value: {
        conversation: withoutInternals(conversation),
        messages: messages.map(withoutInternals),
        replies: replies.map(withoutInternals),
        audit: audit.map(withoutInternals),
        windows: replyWindows(windowInput(conversation, messages, replies, now.getTime())),
        serviceLevels: serviceLevelsOf(conversation, now),
        erasureRequested: audit.some((entry) => entry.reasons?.some(isErasureRequestReason) ?? false),
      },
    };
  }

  /**
   * Whether the caller may act on the case at all (before the lifecycle's own rules): a reader
   * may not; a brand-limited key finds another brand's case not found. Undefined: go ahead.
   */
  async refusesToAct(access: Access, conversationId: string): Promise<Failure | undefined> {
    if (!canAct(access)) return readOnly();
    if (!access.brands) return undefined;
    const conversation = await this.deps.store.getConversation(conversationId);
    return conversation && seesBrand(access, conversation.brand) ? undefined : notFound();
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
        actor: agentActor(agentId),
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

  reply(conversationId: string, agentId: string, request: ReplyRequest): Promise<Result<ReplyResult>> {
    return this.replies.send(conversationId, agentId, request);
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
      if (check.alreadyDone) return { ok: true, value: withoutInternals(conversation) };
      const result = await store.transitionCase(conversationId, change(conversation));
      if (!result.applied) continue;
      await store.audit(conversationId, {
        actor: agentActor(agentId),
        action: audit.action,
        detail: audit.detail,
      });
      return { ok: true, value: withoutInternals(result.conversation) };
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
      handoffId: `ho_${shortHash(caseId, ...reasons, now.toISOString())}`,
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
        conversation: logRef(conversation.conversationId),
        error: (error as Error).message,
      });
      return {
        ok: false,
        reason: 'queue_unavailable',
        error: 'queue_unavailable',
        message: 'the case is back in status handed_off, but the hand-off queue did not accept it',
        advice: 'it is listed under status handed_off; tell the team running this system',
      };
    }
    return { ok: true, value: withoutInternals(conversation) };
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
      caseId: `case_${shortHash(conversation.conversationId, at)}`,
      handedOffAt: at,
      caseOpenedAt: at,
    },
  };
}
