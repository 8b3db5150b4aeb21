import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { supervisesAllBrands } from '../../agents/access.js';
import { MESSAGES, pickLanguage } from './i18n.js';
import type { PageContext } from './layout.js';
import type { Session } from './session.js';

export type InboxEnv = { Variables: { session: Session } };

const LANGUAGE_COOKIE = 'inbox_lang';

/** The interface language (`?lang=` is remembered in a cookie), the agent and the CSRF token. */
export function pageContext(c: Context<InboxEnv>): PageContext {
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
    ...(session
      ? {
          agentId: session.agentId,
          csrfToken: session.csrfToken,
          role: session.access.role,
          supervisor: supervisesAllBrands(session.access),
        }
      : {}),
  };
}

/** Every page in standards mode. */
export function render(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200) {
  return c.html(html`<!DOCTYPE html>${page}`, status);
}
