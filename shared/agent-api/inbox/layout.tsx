import type { Child } from 'hono/jsx';
import type { Role } from '../../agents/api-keys.js';
import { type Messages, UI_LANGUAGES, type UiLanguage } from './i18n.js';

export interface PageContext {
  t: Messages;
  language: UiLanguage;
  /** absent on the sign-in page */
  agentId?: string;
  csrfToken?: string;
  /** the signed-in key's role: a reader's pages show no actions */
  role?: Role;
  /** a supervisor for every brand: the erasure and dead-letter pages are linked */
  supervisor?: boolean;
  /** the current path and query, for the language switch */
  path: string;
}

export interface Shortcut {
  key: string;
  label: string;
}

/** The frame of every page: header, content, the keyboard shortcuts the page offers. */
export function Layout(props: {
  page: PageContext;
  title: string;
  kind: 'signin' | 'queue' | 'case' | 'supervisor';
  shortcuts?: Shortcut[];
  children: Child;
}) {
  const { page, title, kind, shortcuts = [] } = props;
  const { t } = page;
  return (
    <html lang={page.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.title}`}</title>
        <link rel="stylesheet" href="/inbox/static/inbox.css" />
        <script src="/inbox/static/inbox.js" defer />
      </head>
      <body data-page={kind} data-csrf={page.csrfToken ?? ''}>
        <header class="top">
          <a class="logo" href="/inbox">
            {t.title}
          </a>
          {page.supervisor ? (
            <nav class="sup" aria-label={t.supervisorNav}>
              <a href="/inbox/erasures">{t.erasure.title}</a>
              <a href="/inbox/dead-letters">{t.deadLetters.title}</a>
            </nav>
          ) : null}
          <nav class="lang" aria-label={t.language}>
            {UI_LANGUAGES.map((code) => (
              <a
                href={withLanguage(page.path, code)}
                aria-current={code === page.language ? 'true' : undefined}
                lang={code}
              >
                {code.toUpperCase()}
              </a>
            ))}
          </nav>
          {page.agentId ? (
            <form class="who" method="post" action="/inbox/logout">
              <span>
                {t.signedInAs} <strong>{page.agentId}</strong>
              </span>
              <input type="hidden" name="_csrf" value={page.csrfToken} />
              <button type="submit" class="link">
                {t.signOut}
              </button>
              <button type="submit" class="link" name="everywhere" value="1">
                {t.signOutEverywhere}
              </button>
            </form>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
        {shortcuts.length ? (
          <aside class="keys" aria-label={t.shortcuts}>
            <span>{t.shortcuts}:</span>
            {shortcuts.map((s) => (
              <span>
                <kbd>{s.key}</kbd> {s.label}
              </span>
            ))}
          </aside>
        ) : null}
      </body>
    </html>
  );
}

function withLanguage(path: string, language: UiLanguage): string {
  const url = new URL(path, 'http://inbox.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}

/** What an action came to: a notice that it worked, or the refusal in plain words with advice. */
export interface ActionAlert {
  notice?: string;
  failure?: { message: string; advice?: string };
}

export function Alerts(props: ActionAlert) {
  return (
    <>
      {props.notice ? (
        <p class="alert ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.failure ? (
        <div class="alert error" role="alert">
          <p>{props.failure.message}</p>
          {props.failure.advice ? <p class="small">{props.failure.advice}</p> : null}
        </div>
      ) : null}
    </>
  );
}

export function SignInPage(props: { page: PageContext; failed: boolean }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.signIn} kind="signin">
      <section class="signin">
        <h1>{t.signInTitle}</h1>
        <p class="muted">{t.signInHelp}</p>
        {props.failed ? (
          <p class="alert error" role="alert">
            {t.signInFailed}
          </p>
        ) : null}
        <form method="post" action="/inbox/login">
          <label for="key">{t.apiKey}</label>
          <input id="key" name="key" type="password" autocomplete="current-password" required />
          <button type="submit" class="primary">
            {t.signIn}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function ErrorPage(props: { page: PageContext; message: string }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.errorTitle} kind="signin">
      <section class="signin">
        <h1>{t.errorTitle}</h1>
        <p class="alert error" role="alert">
          {props.message}
        </p>
        <p>
          <a href="/inbox">{t.backToQueue}</a>
        </p>
      </section>
    </Layout>
  );
}
