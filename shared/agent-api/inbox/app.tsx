import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AgentKey, findApiKey } from '../../agents/api-keys.js';
import type { AgentService, Failure } from '../../agents/service.js';
import type { Platform } from '../../events.js';
import type { Log } from '../../log.js';
import { xWeightedLength } from '../../platforms/x/text-length.js';
import type { Brand } from '../../policy/brand.js';
import { EscalationSchema } from '../../policy/decision.js';
import { platformLength } from '../../policy/templates.js';
import { cannedRepliesFor } from './canned.js';
import { CasePage, type CasePageProps } from './case-page.js';
import { INBOX_CLIENT_SCRIPT } from './client.generated.js';
import { MESSAGES, pickLanguage } from './i18n.js';
import { ErrorPage, type PageContext, SignInPage } from './layout.js';
import { loadQueue, QUEUE_FILTERS, type QueueFilters } from './queue.js';
import { QueuePage } from './queue-page.js';
import { equal, SESSION_COOKIE, SESSION_HOURS, type Session, SessionSigner } from './session.js';
import { INBOX_CSS } from './styles.js';

/**
 * The agent inbox: server-rendered pages under /inbox on the agent API's own service, so the
 * inbox, the console and bridges follow one set of rules. Customer text is only ever rendered as
 * escaped text (hono's JSX escapes), and the pages forbid inline script through their CSP.
 */
export interface InboxAppOptions {
  service: AgentService;
  keys: readonly AgentKey[];
  brands: readonly Brand[];
  log: Log;
  clock?: () => Date;
}

type Env = { Variables: { session: Session } };

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
const LANGUAGE_COOKIE = 'inbox_lang';
const ACTIONS = ['claim', 'reply', 'escalate', 'release', 'close'] as const;
type Action = (typeof ACTIONS)[number];

export function createInboxApp(options: InboxAppOptions): Hono<Env> {
  const { service, keys, brands, log } = options;
  const now = options.clock ?? (() => new Date());
  const signer = new SessionSigner(keys);
  const defaultTimeZone = brands[0]?.timezone ?? 'UTC';
  const brandOf = (id: string) => brands.find((b) => b.id === id);
  const app = new Hono<Env>().basePath('/inbox');

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on form posts
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.onError((error, c) => {
    log.error('inbox request failed', { path: c.req.path, error: error.message });
    return render(c, <ErrorPage page={pageContext(c)} message={pageContext(c).t.errorTitle} />, 500);
  });

  app.get('/static/inbox.js', (c) => asset(c, INBOX_CLIENT_SCRIPT, 'text/javascript; charset=utf-8'));
  app.get('/static/inbox.css', (c) => asset(c, INBOX_CSS, 'text/css; charset=utf-8'));

  app.get('/login', (c) => render(c, <SignInPage page={pageContext(c)} failed={false} />));
  app.post('/login', async (c) => {
    if (!sameOrigin(c)) return c.text('forbidden', 403);
    const form = await c.req.parseBody();
    const key = typeof form.key === 'string' ? findApiKey(keys, form.key.trim()) : undefined;
    if (!key) return render(c, <SignInPage page={pageContext(c)} failed={true} />, 401);
    setCookie(c, SESSION_COOKIE, signer.issue(key.agentId, key.hash, now()), {
      path: '/inbox',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      maxAge: SESSION_HOURS * 3600,
    });
    log.info('inbox sign-in', { agentId: key.agentId });
    return c.redirect('/inbox', 303);
  });

  app.use('*', async (c, next) => {
    const session = signer.verify(getCookie(c, SESSION_COOKIE), now());
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/inbox/login', 303);
      return render(c, <ErrorPage page={pageContext(c)} message={pageContext(c).t.sessionExpired} />, 401);
    }
    c.set('session', session);
    if (c.req.method === 'POST') {
      const token = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
      if (!sameOrigin(c) || !token || !equal(token, session.csrfToken)) {
        return render(c, <ErrorPage page={pageContext(c)} message={pageContext(c).t.csrfFailed} />, 403);
      }
    }
    await next();
  });

  app.post('/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/inbox', secure: true, httpOnly: true, sameSite: 'Strict' });
    return c.redirect('/inbox/login', 303);
  });

  app.get('/', async (c) => {
    const filters: QueueFilters = {};
    for (const name of QUEUE_FILTERS) {
      const value = c.req.query(name);
      if (value) filters[name] = value.slice(0, 100);
    }
    const at = now();
    const queue = await loadQueue(service, c.get('session').agentId, filters, at);
    const page = pageContext(c);
    return render(
      c,
      <QueuePage page={page} queue={queue} filters={filters} now={at} timeZone={defaultTimeZone} />,
    );
  });

  app.post('/text-length', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { text?: unknown; platform?: unknown };
    const text = typeof body.text === 'string' ? body.text.slice(0, 20_000) : '';
    const platform: Platform =
      body.platform === 'x' || body.platform === 'instagram' ? body.platform : 'facebook';
    return c.json({ length: platform === 'x' ? xWeightedLength(text) : platformLength(text, platform) });
  });

  async function renderCase(
    c: Context<Env>,
    extra: Partial<CasePageProps> = {},
    status: 200 | Failure['status'] = 200,
  ) {
    const result = await service.get(c.req.param('id') ?? '');
    const page = pageContext(c);
    if (!result.ok) return render(c, <ErrorPage page={page} message={page.t.notFound} />, 404);
    const brand = brandOf(result.value.conversation.brand);
    const at = now();
    return render(
      c,
      <CasePage
        page={page}
        view={result.value}
        cannedReplies={cannedRepliesFor(brand, result.value.conversation, at)}
        timeZone={brand?.timezone ?? defaultTimeZone}
        now={at}
        idempotencyKey={randomUUID()}
        {...extra}
      />,
      status,
    );
  }

  app.get('/cases/:id', (c) => renderCase(c, { notice: c.req.query('done')?.slice(0, 20) }));

  for (const name of ACTIONS) {
    app.post(`/cases/:id/${name}`, async (c) => {
      const form = await c.req.parseBody();
      const field = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : undefined);
      const outcome = await act(service, name, c.req.param('id'), c.get('session').agentId, field);
      if (outcome.ok) {
        const to = `/inbox/cases/${encodeURIComponent(c.req.param('id'))}?done=${outcome.notice}`;
        return c.redirect(name === 'close' || name === 'release' || name === 'escalate' ? to : to, 303);
      }
      const failure = { message: outcome.message, ...(outcome.advice ? { advice: outcome.advice } : {}) };
      return renderCase(c, { failure, draft: field('text') }, outcome.status);
    });
  }

  function pageContext(c: Context<Env>): PageContext {
    const explicit = c.req.query('lang');
    if (explicit === 'de' || explicit === 'en') {
      setCookie(c, LANGUAGE_COOKIE, explicit, {
        path: '/inbox',
        sameSite: 'Strict',
        secure: true,
        maxAge: 31_536_000,
      });
    }
    const language = pickLanguage(explicit ?? getCookie(c, LANGUAGE_COOKIE), c.req.header('accept-language'));
    const session = c.get('session') as Session | undefined;
    const url = new URL(c.req.url);
    return {
      t: MESSAGES[language],
      language,
      path: `${url.pathname}${url.search}`,
      ...(session ? { agentId: session.agentId, csrfToken: session.csrfToken } : {}),
    };
  }

  return app;
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
      return done(
        await service.escalate(conversationId, agentId, {
          ...(level.success ? { level: level.data } : {}),
          note,
        }),
        'escalated',
      );
    }
    case 'reply': {
      const text = field('text')?.trim() ?? '';
      const kind = field('kind') === 'public' || field('kind') === 'private' ? field('kind') : undefined;
      const result = await service.reply(conversationId, agentId, {
        text,
        kind: kind as 'public' | 'private' | undefined,
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

/** Every page in standards mode. */
function render(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200) {
  return c.html(html`<!DOCTYPE html>${page}`, status);
}

function asset(c: Context, body: string, type: string) {
  c.header('Content-Type', type);
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(body);
}

/** A browser always sends Origin with a POST; one from another site is refused (CSRF, with the token). */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  return origin === new URL(c.req.url).origin || origin === `https://${c.req.header('host')}`;
}

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('form')) return undefined;
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : undefined;
}
