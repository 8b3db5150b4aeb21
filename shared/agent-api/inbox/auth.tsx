import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type AgentKey, findApiKey } from '../../agents/api-keys.js';
import type { Log } from '../../log.js';
import { ErrorPage, SignInPage } from './layout.js';
import { type InboxEnv, pageContext, render } from './page-context.js';
import { equal, SESSION_COOKIE, SESSION_HOURS, type SessionSigner } from './session.js';
import type { InboxSessions } from './session-records.js';

export interface AuthDeps {
  keys: readonly AgentKey[];
  signer: SessionSigner;
  sessions: InboxSessions;
  now: () => Date;
  log: Log;
}

const COOKIE_OPTIONS = { path: '/inbox', httpOnly: true, secure: true, sameSite: 'Strict' } as const;

/** Sign-in (an API key for a session cookie) and sign-out. */
export function mountSignIn(app: Hono<InboxEnv>, deps: AuthDeps): void {
  app.get('/login', (c) => render(c, <SignInPage page={pageContext(c)} failed={false} />));
  app.post('/login', async (c) => {
    if (!sameOrigin(c)) return c.text('forbidden', 403);
    const form = await c.req.parseBody();
    const key = typeof form.key === 'string' ? findApiKey(deps.keys, form.key.trim()) : undefined;
    if (!key) return render(c, <SignInPage page={pageContext(c)} failed={true} />, 401);
    const session = deps.signer.issue(key.agentId, key.hash, deps.now());
    await deps.sessions.open(key.agentId, session.sessionId, session.expiresAt);
    setCookie(c, SESSION_COOKIE, session.cookie, { ...COOKIE_OPTIONS, maxAge: SESSION_HOURS * 3600 });
    deps.log.info('inbox sign-in', { agentId: key.agentId });
    return c.redirect('/inbox', 303);
  });
}

/**
 * Every other page needs a session; every POST also the session's CSRF token (form field `_csrf`
 * or header `X-CSRF-Token`) and no foreign Origin.
 */
export function requireSession(deps: AuthDeps): MiddlewareHandler<InboxEnv> {
  return async (c, next) => {
    const signed = deps.signer.verify(getCookie(c, SESSION_COOKIE), deps.now());
    const session =
      signed && (await deps.sessions.isOpen(signed.agentId, signed.sessionId)) ? signed : undefined;
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
  };
}

/** Ends this session on the server (or, with `everywhere`, every session of the agent) and clears the cookie. */
export function mountSignOut(app: Hono<InboxEnv>, deps: AuthDeps): void {
  app.post('/logout', async (c) => {
    const { agentId, sessionId } = c.get('session');
    if ((await formField(c, 'everywhere')) === '1') {
      const ended = await deps.sessions.revokeAll(agentId);
      deps.log.info('inbox sign-out everywhere', { agentId, sessions: ended });
    } else {
      await deps.sessions.revoke(agentId, sessionId);
    }
    deleteCookie(c, SESSION_COOKIE, COOKIE_OPTIONS);
    return c.redirect('/inbox/login', 303);
  });
}

/** A browser always sends Origin with a POST; one from another site is refused (with the token). */
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
