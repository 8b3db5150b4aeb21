import { type Context, Hono, type MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { type Access, accessOfKey, agentAccess } from '../agents/access.js';
import { type AgentKey, bearerToken, findApiKey } from '../agents/api-keys.js';
import type { DeadLetterDesk } from '../agents/dead-letter-desk.js';
import type { ErasureDesk } from '../agents/erasure-desk.js';
import type { Result } from '../agents/failures.js';
import { agentIdFromPrincipalArn, iamPrincipalArn } from '../agents/iam.js';
import type { AgentService } from '../agents/service.js';
import { CONVERSATION_STATUSES } from '../conversations/lifecycle.js';
import { InvalidCursorError } from '../conversations/store.js';
import { PlatformSchema } from '../events.js';
import type { Log } from '../log.js';
import { EscalationSchema, PrioritySchema } from '../policy/decision.js';
import { formatZodIssues } from '../zod-issues.js';
import { STATUS_OF_REASON } from './status.js';

/**
 * The agent API, mounted under /agent. Every request carries `Authorization: Bearer <key>`, or
 * comes through a route with IAM authorization; the key or the IAM principal names the agent,
 * and every step is recorded under that name. Errors are JSON
 * `{error, message, advice?}` and never echo stored data or internals.
 */
export interface AgentAppOptions {
  service: AgentService;
  /** erasure requests (supervisors): POST /agent/erasures, GET /agent/erasures/{id} */
  erasures: ErasureDesk;
  /** the dead-letter queues: GET /agent/dead-letters, POST /agent/dead-letters/{queue}/redrive */
  deadLetters: DeadLetterDesk;
  keys: readonly AgentKey[];
  log: Log;
}

type Env = { Variables: { agentId: string; access: Access } };

const ListQuery = z.object({
  status: z.enum(CONVERSATION_STATUSES).default('handed_off'),
  escalation: z.optional(EscalationSchema),
  brand: z.string().min(1).max(100).optional(),
  platform: PlatformSchema.optional(),
  /** `true`: only the conversations the calling agent holds */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  order: z.enum(['newest', 'oldest']).default('newest'),
  cursor: z.string().max(4000).optional(),
});

const ReplyBody = z.object({
  text: z.string().min(1).max(2000),
  kind: z.enum(['public', 'private']).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
const NoteBody = z.object({ note: z.string().max(1000).optional() });
const EscalateBody = NoteBody.extend({
  level: z.optional(EscalationSchema),
  priority: z.optional(PrioritySchema),
});

const UNAUTHORIZED = {
  error: 'unauthorized',
  message: 'a valid API key is required (Authorization: Bearer <key>)',
};

export function createAgentApp(options: AgentAppOptions): Hono<Env> {
  const { service, erasures, deadLetters, keys, log } = options;
  const app = new Hono<Env>().basePath('/agent');

  app.use('*', authenticate(keys));

  app.onError((error, c) => {
    log.error('agent API request failed', { route: c.req.routePath, error: error.message });
    return c.json(
      { error: 'internal', message: 'the request failed; try again or tell the team running this system' },
      500,
    );
  });

  app.get('/me', (c) => {
    const { agentId, role, brands } = c.get('access');
    return c.json({ agentId, role, brands: brands ?? 'all' });
  });

  // Every step on a case: a reader is refused, another brand's case is not found.
  app.post('/conversations/:id/*', async (c, next) => {
    const refusal = await service.refusesToAct(c.get('access'), c.req.param('id'));
    if (refusal) return answer(c, refusal);
    await next();
  });

  registerCaseRoutes(app, service);
  registerDeskRoutes(app, erasures, deadLetters);

  app.notFound((c) => c.json({ error: 'not_found', message: 'no such endpoint' }, 404));
  return app;
}

/** Listing, reading and the steps on a case. */
function registerCaseRoutes(app: Hono<Env>, service: AgentService): void {
  app.get('/conversations', async (c) => {
    const query = ListQuery.safeParse(c.req.query());
    if (!query.success) {
      return c.json(badRequest(formatZodIssues(query.error.issues).join('; ')), 400);
    }
    try {
      const { mine, ...filters } = query.data;
      return answer(
        c,
        await service.list(
          { ...filters, ...(mine === 'true' ? { claimedBy: c.get('agentId') } : {}) },
          c.get('access'),
        ),
      );
    } catch (error) {
      if (error instanceof InvalidCursorError) return c.json(badRequest(error.message), 400);
      throw error;
    }
  });

  app.get('/conversations/:id', async (c) =>
    answer(c, await service.get(c.req.param('id'), c.get('access'))),
  );

  app.post('/conversations/:id/claim', async (c) =>
    answer(c, await service.claim(c.req.param('id'), c.get('agentId'))),
  );

  app.post('/conversations/:id/reply', async (c) => {
    const parsed = await body(c.req.raw, ReplyBody);
    if (typeof parsed === 'string') return c.json(badRequest(parsed), 400);
    const headerKey = c.req.header('idempotency-key');
    if (headerKey !== undefined && (headerKey.length === 0 || headerKey.length > 200)) {
      return c.json(badRequest('Idempotency-Key: 1 to 200 characters'), 400);
    }
    const result = await service.reply(c.req.param('id'), c.get('agentId'), {
      text: parsed.text,
      kind: parsed.kind,
      idempotencyKey: headerKey ?? parsed.idempotencyKey,
    });
    if (!result.ok && typeof result.details?.retryAfterMs === 'number') {
      c.header('Retry-After', String(Math.ceil(result.details.retryAfterMs / 1000)));
    }
    return answer(c, result, result.ok && !result.value.replayed ? 201 : 200);
  });

  app.post('/conversations/:id/escalate', async (c) => {
    const parsed = await body(c.req.raw, EscalateBody);
    if (typeof parsed === 'string') return c.json(badRequest(parsed), 400);
    return answer(c, await service.escalate(c.req.param('id'), c.get('agentId'), parsed));
  });

  app.post('/conversations/:id/release', async (c) => {
    const parsed = await body(c.req.raw, NoteBody);
    if (typeof parsed === 'string') return c.json(badRequest(parsed), 400);
    return answer(c, await service.release(c.req.param('id'), c.get('agentId'), parsed.note));
  });

  app.post('/conversations/:id/close', async (c) => {
    const parsed = await body(c.req.raw, NoteBody);
    if (typeof parsed === 'string') return c.json(badRequest(parsed), 400);
    return answer(c, await service.close(c.req.param('id'), c.get('agentId'), parsed.note));
  });
}

/** The supervisors' desks: erasure requests and the dead-letter queues. */
function registerDeskRoutes(app: Hono<Env>, erasures: ErasureDesk, deadLetters: DeadLetterDesk): void {
  app.post('/erasures', async (c) => {
    const parsed = await body(c.req.raw, z.unknown());
    if (typeof parsed === 'string') return c.json(badRequest(parsed), 400);
    const result = await erasures.request(c.get('access'), parsed, 'agent_api');
    if (!result.ok) return answer(c, result);
    return c.json({ erasureId: result.value.erasureId, status: result.value.status }, 202);
  });

  app.get('/erasures/:id', async (c) => answer(c, await erasures.status(c.get('access'), c.req.param('id'))));

  app.get('/dead-letters', async (c) => answer(c, await deadLetters.status()));

  app.post('/dead-letters/:queue/redrive', async (c) => {
    const max = Number(c.req.query('max') ?? 1000);
    if (!Number.isInteger(max) || max < 1 || max > 10_000) {
      return c.json(badRequest('max: a whole number from 1 to 10000'), 400);
    }
    return answer(c, await deadLetters.redrive(c.get('access'), c.req.param('queue'), max));
  });
}

/** Names the agent and its role from the IAM principal or the bearer key; anything else is a 401. */
function authenticate(keys: readonly AgentKey[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    // IAM authorization (when the deployed route uses it) comes first: API Gateway verified it.
    const principal = iamPrincipalArn(c.env);
    const access = principal ? iamAccess(principal) : keyAccess(keys, c.req.header('authorization'));
    if (!access) {
      c.header('WWW-Authenticate', 'Bearer realm="agent"');
      return c.json(UNAUTHORIZED, 401);
    }
    c.set('agentId', access.agentId);
    c.set('access', access);
    await next();
  };
}

/** IAM principals act as agents for every brand (their policies decide who may call at all). */
function iamAccess(principal: string): Access | undefined {
  const agentId = agentIdFromPrincipalArn(principal);
  return agentId ? agentAccess(agentId) : undefined;
}

function keyAccess(keys: readonly AgentKey[], header: string | undefined): Access | undefined {
  const token = bearerToken(header);
  const key = token === undefined ? undefined : findApiKey(keys, token);
  return key ? accessOfKey(key) : undefined;
}

/** The service's result as JSON: the value, or the refusal with the status code of its reason. */
function answer<T extends object>(c: Context<Env>, result: Result<T>, ok: 200 | 201 = 200) {
  if (result.ok) return c.json(result.value, ok);
  const { reason, error, message, advice, details } = result;
  return c.json(
    { error, message, ...(advice ? { advice } : {}), ...(details ?? {}) },
    STATUS_OF_REASON[reason],
  );
}

/** The JSON body parsed with `schema` (an empty body is `{}`), or what is wrong with it. */
async function body<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T> | string> {
  const text = await request.text();
  let json: unknown = {};
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      return 'the body is not JSON';
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return formatZodIssues(parsed.error.issues, 'body').join('; ');
  return parsed.data;
}

const badRequest = (message: string) => ({ error: 'invalid_request', message });
