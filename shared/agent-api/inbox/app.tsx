import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AgentKey } from '../../agents/api-keys.js';
import type { DeadLetterDesk } from '../../agents/dead-letter-desk.js';
import type { ErasureDesk } from '../../agents/erasure-desk.js';
import type { AgentService } from '../../agents/service.js';
import type { Platform } from '../../events.js';
import type { Log } from '../../log.js';
import { xWeightedLength } from '../../platforms/x/text-length.js';
import type { Brand } from '../../policy/brand.js';
import { platformLength } from '../../policy/templates.js';
import { mountSignIn, mountSignOut, requireSession } from './auth.js';
import { mountCaseRoutes } from './case-routes.js';
import { INBOX_CLIENT_SCRIPT } from './client.generated.js';
import { ErrorPage } from './layout.js';
import { type InboxEnv, pageContext, render } from './page-context.js';
import { loadQueue, QUEUE_FILTERS, type QueueFilters } from './queue.js';
import { QueuePage } from './queue-page.js';
import { SessionSigner } from './session.js';
import type { InboxSessions } from './session-records.js';
import { INBOX_CSS } from './styles.js';
import { mountSupervisorRoutes } from './supervisor-routes.js';

/**
 * The agent inbox: server-rendered pages under /inbox on the agent API's own service, so the
 * inbox, the console and bridges follow one set of rules. Customer text is only ever rendered as
 * escaped text (hono's JSX escapes), and the pages forbid inline script through their CSP.
 */
export interface InboxAppOptions {
  service: AgentService;
  erasures: ErasureDesk;
  deadLetters: DeadLetterDesk;
  keys: readonly AgentKey[];
  brands: readonly Brand[];
  sessions: InboxSessions;
  log: Log;
  clock?: () => Date;
}

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

export function createInboxApp(options: InboxAppOptions): Hono<InboxEnv> {
  const { service, erasures, deadLetters, keys, brands, sessions, log } = options;
  const now = options.clock ?? (() => new Date());
  const auth = { keys, signer: new SessionSigner(keys), sessions, now, log };
  const defaultTimeZone = brands[0]?.timezone ?? 'UTC';
  const app = new Hono<InboxEnv>().basePath('/inbox');

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
  mountSignIn(app, auth);
  app.use('*', requireSession(auth));
  mountSignOut(app, auth);

  app.get('/', async (c) => {
    const filters: QueueFilters = {};
    for (const name of QUEUE_FILTERS) {
      const value = c.req.query(name);
      if (value) filters[name] = value.slice(0, 100);
    }
    const at = now();
    const queue = await loadQueue(service, c.get('session').access, filters, at);
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

  mountSupervisorRoutes(app, { service, erasures, deadLetters, defaultTimeZone, log });
  mountCaseRoutes(app, { service, brands, defaultTimeZone, now });
  return app;
}

function asset(c: Context, body: string, type: string) {
  c.header('Content-Type', type);
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(body);
}
