import { createAgentApp } from '../../shared/agent-api/app.js';
import { createInboxApp } from '../../shared/agent-api/inbox/app.js';
import { SESSION_COOKIE, SessionSigner } from '../../shared/agent-api/inbox/session.js';
import { InboxSessions } from '../../shared/agent-api/inbox/session-records.js';
import { hashApiKey, newApiKey, parseAgentKeys } from '../../shared/agents/api-keys.js';
import { createDeadLetterDesk } from '../../shared/agents/deps.js';
import { ErasureDesk } from '../../shared/agents/erasure-desk.js';
import { AgentService } from '../../shared/agents/service.js';
import type { ServiceLevelMetric } from '../../shared/agents/service-levels.js';
import { dynamo } from '../../shared/aws/dynamo.js';
import { loadBrands } from '../../shared/policy/brand-files.js';
import { erasureJobEnqueuer } from '../../shared/privacy/enqueue-job.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const TEST_AGENTS = ['alice', 'bob', 'carol', 'rita', 'paula', 'otto', 'sam'] as const;
export type TestAgent = (typeof TEST_AGENTS)[number];

export interface AgentTestSystem extends TestSystem {
  /**
   * plain API keys of the test agents (the app knows only their hashes): alice and bob are agents
   * in the old entry form; carol a supervisor, rita a reader, paula an agent for parcelexpress
   * only, otto an agent for another brand only, sam a supervisor for parcelexpress only
   */
  keys: Record<TestAgent, string>;
  agentApp: ReturnType<typeof createAgentApp>;
  service: AgentService;
  erasures: ErasureDesk;
  metrics: ServiceLevelMetric[];
  /** the agent inbox on the same service, keys and table, as `npm run dev` serves it */
  inbox: ReturnType<typeof createInboxApp>;
  /**
   * Calls the inbox as the agent after signing in through its sign-in page (once per agent), with
   * the session's CSRF token on every request, as the inbox's own pages send it.
   */
  inboxAs(agent: TestAgent, path: string, init?: RequestInit): Promise<Response>;
  /** calls the agent API as `agent` (or with exactly the given Authorization header) */
  api(
    method: 'GET' | 'POST',
    path: string,
    options?: {
      as?: TestAgent;
      authorization?: string | null;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; json: Record<string, unknown>; text: string; headers: Headers }>;
}

/**
 * The test system (webhook, responder, emulators, Graph stand-in) plus the agent API on the same
 * table, queue and platform clients, with two agents' keys configured as hashes.
 */
export async function startAgentTestSystem(): Promise<AgentTestSystem> {
  const system = await startTestSystem();
  const keys = Object.fromEntries(TEST_AGENTS.map((name) => [name, newApiKey()])) as Record<
    TestAgent,
    string
  >;
  const roleEntry = (name: TestAgent, role: string, brands?: string[]) => ({
    hashes: [hashApiKey(keys[name])],
    role,
    ...(brands ? { brands } : {}),
  });
  const metrics: ServiceLevelMetric[] = [];
  const service = new AgentService({
    store: system.deps.store,
    clients: system.deps.clients,
    publishHandoff: system.deps.publishHandoff,
    clock: system.deps.clock,
    log: system.log,
    recordMetrics: (list) => metrics.push(...list),
  });
  const erasures = new ErasureDesk(
    {
      db: dynamo(),
      tableName: system.config.tableName,
      clock: system.deps.clock,
      retention: system.config.retention,
    },
    erasureJobEnqueuer(system.config.inboundQueueUrl),
  );
  const deadLetters = createDeadLetterDesk(system.config, system.deps.clock);
  const agentKeys = parseAgentKeys(
    JSON.stringify({
      alice: hashApiKey(keys.alice),
      bob: [hashApiKey(keys.bob)],
      carol: roleEntry('carol', 'supervisor'),
      rita: roleEntry('rita', 'reader'),
      paula: roleEntry('paula', 'agent', ['parcelexpress']),
      otto: roleEntry('otto', 'agent', ['otherbrand']),
      sam: roleEntry('sam', 'supervisor', ['parcelexpress']),
    }),
  );
  const agentApp = createAgentApp({ service, erasures, deadLetters, keys: agentKeys, log: system.log });
  const inbox = createInboxApp({
    service,
    erasures,
    deadLetters,
    keys: agentKeys,
    brands: loadBrands('brands'),
    sessions: new InboxSessions({
      db: dynamo(),
      tableName: system.config.tableName,
      clock: () => new Date(),
    }),
    log: system.log,
  });
  const inboxCookies = new Map<TestAgent, string>();
  async function inboxCookie(agent: TestAgent): Promise<string> {
    const known = inboxCookies.get(agent);
    if (known) return known;
    const signIn = await inbox.request('/inbox/login', {
      method: 'POST',
      body: new URLSearchParams({ key: keys[agent] }),
    });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    if (!cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`${agent} could not sign in to the inbox`);
    inboxCookies.set(agent, cookie);
    return cookie;
  }
  return Object.assign(system, {
    keys,
    agentApp,
    service,
    erasures,
    metrics,
    inbox,
    async inboxAs(agent: TestAgent, path: string, init: RequestInit = {}) {
      const cookie = await inboxCookie(agent);
      const session = new SessionSigner(agentKeys).verify(
        cookie.slice(SESSION_COOKIE.length + 1),
        new Date(),
      );
      return inbox.request(path, {
        ...init,
        headers: {
          cookie,
          'x-csrf-token': session?.csrfToken ?? '',
          'accept-language': 'en',
          ...(typeof init.body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    },
    async api(
      method: 'GET' | 'POST',
      path: string,
      options: {
        as?: TestAgent;
        authorization?: string | null;
        body?: unknown;
        headers?: Record<string, string>;
      } = {},
    ) {
      const authorization =
        options.authorization === undefined ? `Bearer ${keys[options.as ?? 'alice']}` : options.authorization;
      const response = await agentApp.request(path, {
        method,
        headers: {
          ...(authorization === null ? {} : { authorization }),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // non-JSON answers are asserted through `text`
      }
      return { status: response.status, json, text, headers: response.headers };
    },
  });
}

export const conversationPath = (conversationId: string, action?: string) =>
  `/agent/conversations/${encodeURIComponent(conversationId)}${action ? `/${action}` : ''}`;
