import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { supervisesAllBrands } from '../../agents/access.js';
import type { Failure } from '../../agents/failures.js';
import type { AgentService } from '../../agents/service.js';
import type { Brand } from '../../policy/brand.js';
import { EscalationSchema } from '../../policy/decision.js';
import { STATUS_OF_REASON } from '../status.js';
import { cannedRepliesFor } from './canned.js';
import { CasePage, type CasePageProps } from './case-page.js';
import { ErrorPage } from './layout.js';
import { type InboxEnv, pageContext, render } from './page-context.js';

export interface CaseRouteDeps {
  service: AgentService;
  brands: readonly Brand[];
  defaultTimeZone: string;
  now: () => Date;
}

const ACTIONS = ['claim', 'reply', 'escalate', 'release', 'close'] as const;
type Action = (typeof ACTIONS)[number];

/** A case's page, and its actions as forms: each one redirects back to the page (or shows the refusal). */
export function mountCaseRoutes(app: Hono<InboxEnv>, deps: CaseRouteDeps): void {
  const renderCase = async (
    c: Context<InboxEnv>,
    extra: Partial<CasePageProps> = {},
    status: 200 | (typeof STATUS_OF_REASON)[Failure['reason']] = 200,
  ) => {
    const result = await deps.service.get(c.req.param('id') ?? '', c.get('session').access);
    const page = pageContext(c);
    if (!result.ok) return render(c, <ErrorPage page={page} message={page.t.notFound} />, 404);
    const conversation = result.value.conversation;
    const { access } = c.get('session');
    const erasable = result.value.erasureRequested && supervisesAllBrands(access);
    const brand = deps.brands.find((b) => b.id === conversation.brand);
    const at = deps.now();
    return render(
      c,
      <CasePage
        page={page}
        view={result.value}
        cannedReplies={cannedRepliesFor(brand, conversation, at)}
        timeZone={brand?.timezone ?? deps.defaultTimeZone}
        now={at}
        idempotencyKey={randomUUID()}
        erasable={erasable}
        {...extra}
      />,
      status,
    );
  };

  app.get('/cases/:id', (c) => renderCase(c, { notice: c.req.query('done')?.slice(0, 20) }));

  for (const name of ACTIONS) {
    app.post(`/cases/:id/${name}`, async (c) => {
      const form = await c.req.parseBody();
      const field = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : undefined);
      const id = c.req.param('id');
      const session = c.get('session');
      const outcome =
        (await deps.service.refusesToAct(session.access, id)) ??
        (await act(deps.service, name, id, session.agentId, field));
      if (outcome.ok) return c.redirect(`/inbox/cases/${encodeURIComponent(id)}?done=${outcome.notice}`, 303);
      const failure = { message: outcome.message, ...(outcome.advice ? { advice: outcome.advice } : {}) };
      return renderCase(c, { failure, draft: field('text') }, STATUS_OF_REASON[outcome.reason]);
    });
  }
}

type ActionOutcome = { ok: true; notice: string } | Failure;

/** One action through the agent service, as the API's endpoints call it. */
async function act(
  service: AgentService,
  action: Action,
  conversationId: string,
  agentId: string,
  field: (name: string) => string | undefined,
): Promise<ActionOutcome> {
  const note = field('note')?.trim().slice(0, 1000) || undefined;
  switch (action) {
    case 'claim':
      return done(await service.claim(conversationId, agentId), 'claimed');
    case 'release':
      return done(await service.release(conversationId, agentId, note), 'released');
    case 'close':
      return done(await service.close(conversationId, agentId, note), 'closed');
    case 'escalate': {
      const level = EscalationSchema.safeParse(field('level'));
      const request = { ...(level.success ? { level: level.data } : {}), note };
      return done(await service.escalate(conversationId, agentId, request), 'escalated');
    }
    case 'reply': {
      const kind = field('kind');
      const result = await service.reply(conversationId, agentId, {
        text: field('text')?.trim() ?? '',
        kind: kind === 'public' || kind === 'private' ? kind : undefined,
        idempotencyKey: field('idempotencyKey')?.slice(0, 200) || undefined,
      });
      if (!result.ok) return result;
      return { ok: true, notice: result.value.status === 'dry_run' ? 'dry_run' : 'replied' };
    }
  }
}

function done(result: { ok: true } | Failure, notice: string): ActionOutcome {
  return result.ok ? { ok: true, notice } : result;
}
