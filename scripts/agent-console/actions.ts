import { STATUS_OF_REASON } from '../../shared/agent-api/status.js';
import type { ReplyRequest, ReplyResult } from '../../shared/agents/agent-reply.js';
import type { Result } from '../../shared/agents/failures.js';
import type { AgentService, CaseView } from '../../shared/agents/service.js';
import type { ConversationView } from '../../shared/agents/views.js';
import type { ConversationQuery } from '../../shared/conversations/store.js';
import type { Escalation, Priority } from '../../shared/policy/decision.js';
import { withoutTrailingSlashes } from '../../shared/url.js';

/**
 * What the console does to a case, either through the agent API (`--api`, with an API key: the
 * deployed way) or directly through the shared agent service (local: the same rules, the agent
 * named by `--agent`). Both answer the same shapes.
 */
export type ActionResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; error: string; message: string; advice?: string };

export interface AgentActions {
  agentId(): Promise<string>;
  /** `mine`: only the conversations this agent holds */
  list(
    query: Omit<ConversationQuery, 'claimedBy'> & { mine?: boolean },
  ): Promise<ActionResult<{ items: ConversationView[]; cursor?: string }>>;
  get(conversationId: string): Promise<ActionResult<CaseView>>;
  claim(conversationId: string): Promise<ActionResult<ConversationView>>;
  reply(conversationId: string, request: ReplyRequest): Promise<ActionResult<ReplyResult>>;
  escalate(
    conversationId: string,
    request: { level?: Escalation; priority?: Priority; note?: string },
  ): Promise<ActionResult<ConversationView>>;
  release(conversationId: string, note?: string): Promise<ActionResult<ConversationView>>;
  close(conversationId: string, note?: string): Promise<ActionResult<ConversationView>>;
}

/** The service's answer with the status code the agent API would give it. */
async function asAnswered<T>(pending: Promise<Result<T>>): Promise<ActionResult<T>> {
  const result = await pending;
  if (result.ok) return result;
  const { ok, reason, ...rest } = result;
  return { ok, status: STATUS_OF_REASON[reason], ...rest };
}

export function directActions(service: AgentService, agentId: string): AgentActions {
  return {
    agentId: async () => agentId,
    list: ({ mine, ...query }) =>
      asAnswered(service.list({ ...query, ...(mine ? { claimedBy: agentId } : {}) })),
    get: (id) => asAnswered(service.get(id)),
    claim: (id) => asAnswered(service.claim(id, agentId)),
    reply: (id, request) => asAnswered(service.reply(id, agentId, request)),
    escalate: (id, request) => asAnswered(service.escalate(id, agentId, request)),
    release: (id, note) => asAnswered(service.release(id, agentId, note)),
    close: (id, note) => asAnswered(service.close(id, agentId, note)),
  };
}

export function apiActions(baseUrl: string, key: string): AgentActions {
  const root = withoutTrailingSlashes(baseUrl);
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = {
        error: 'unexpected_answer',
        message: `the agent API answered ${response.status} without JSON`,
      };
    }
    if (response.ok) return { ok: true, value: json as T } as const;
    return {
      ok: false,
      status: response.status,
      error: String(json.error ?? 'error'),
      message: String(json.message ?? response.statusText),
      ...(typeof json.advice === 'string' ? { advice: json.advice } : {}),
    } as const;
  }
  const path = (id: string, action?: string) =>
    `/agent/conversations/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
  return {
    async agentId() {
      const me = await call<{ agentId: string }>('GET', '/agent/me');
      if (!me.ok) throw new Error(`the agent API refused the key: ${me.status} ${me.message}`);
      return me.value.agentId;
    },
    list: (query) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined) params.set(name, String(value));
      }
      return call('GET', `/agent/conversations?${params}`);
    },
    get: (id) => call('GET', path(id)),
    claim: (id) => call('POST', path(id, 'claim')),
    reply: (id, { idempotencyKey, ...request }) =>
      call('POST', path(id, 'reply'), request, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    escalate: (id, request) => call('POST', path(id, 'escalate'), request),
    release: (id, note) => call('POST', path(id, 'release'), { note }),
    close: (id, note) => call('POST', path(id, 'close'), { note }),
  };
}
