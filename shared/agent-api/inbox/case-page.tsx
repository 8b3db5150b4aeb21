import type { CaseView } from '../../agents/service.js';
import type { StoredMessage } from '../../conversations/model.js';
import type { CannedReply } from '../../policy/agent-templates.js';
import { ActionForms, Composer } from './composer.js';
import { clockTime, dateTime, untilOrOverdue } from './format.js';
import { Alerts, Layout, type PageContext } from './layout.js';

export interface CasePageProps {
  page: PageContext;
  view: CaseView;
  cannedReplies: CannedReply[];
  timeZone: string;
  now: Date;
  /** after a successful action (`?done=`) */
  notice?: string;
  /** a refusal, in plain words, with what to do instead */
  failure?: { message: string; advice?: string };
  /** the reply text to keep in the composer after a refusal */
  draft?: string;
  idempotencyKey: string;
  /** a supervisor for every brand sees the erasure the customer asked for */
  erasable?: boolean;
}

/** Only links to the web; a customer's attachment could name any scheme (`javascript:`). */
export const safeHref = (url: string | undefined) => (url && /^https:\/\//i.test(url) ? url : undefined);

export function CasePage(props: CasePageProps) {
  const { page, view, now, timeZone } = props;
  const { t } = page;
  const c = view.conversation;
  const customer = [c.customer.name, c.customer.handle && `@${c.customer.handle}`].filter(Boolean).join(' ');
  const reasons = [...view.audit].reverse().find((entry) => entry.reasons?.length)?.reasons ?? [];
  return (
    <Layout
      page={page}
      title={customer || t.caseTitle}
      kind="case"
      shortcuts={[
        { key: 'c', label: t.keys.claim },
        { key: 'r', label: t.keys.reply },
        { key: 'x', label: t.keys.close },
        { key: 'Esc', label: t.keys.back },
      ]}
    >
      <p>
        <a href="/inbox" data-key="Escape">
          ← {t.backToQueue}
        </a>
      </p>
      <Alerts
        notice={props.notice ? (t.notices[props.notice] ?? props.notice) : undefined}
        failure={props.failure}
      />
      <div class="case">
        <section class="case-main">
          <header class="case-head">
            <h1>{customer || c.customer.id}</h1>
            <div class="chips">
              <span class={`badge level-${c.escalation ?? 'none'}`}>{c.escalation ?? '–'}</span>
              {c.priority ? <span class={`prio prio-${c.priority}`}>{c.priority}</span> : null}
              <span class="chip">
                {c.platform} · {c.channel}
              </span>
              <span class="chip">{c.brand}</span>
              {c.language ? <span class="chip">{c.language}</span> : null}
              <span class="chip">{c.status}</span>
              {c.dueBy ? (
                <span
                  class={Date.parse(c.dueBy) < now.getTime() && !c.humanReplied ? 'chip overdue' : 'chip'}
                >
                  {t.dueBy} {clockTime(c.dueBy, page.language, timeZone)} (
                  {untilOrOverdue(c.dueBy, now, { left: t.left, overdue: t.overdue })})
                </span>
              ) : null}
            </div>
          </header>
          <Holder {...props} />
          <h2>{t.transcript}</h2>
          <ol class="transcript">
            {view.messages.map((m) => (
              <Message message={m} page={page} timeZone={timeZone} />
            ))}
          </ol>
          {props.erasable ? <ErasureForm {...props} /> : null}
          {page.role === 'reader' ? (
            <p class="holder muted">{t.readOnly}</p>
          ) : (
            <>
              <Composer {...props} />
              <ActionForms {...props} />
            </>
          )}
        </section>
        <CaseSidebar props={props} reasons={reasons} />
      </div>
    </Layout>
  );
}

function ErasureForm(props: CasePageProps) {
  const { t } = props.page;
  const id = encodeURIComponent(props.view.conversation.conversationId);
  // a GET to the confirmation page: nothing is erased before the supervisor confirms there
  return (
    <form class="actions erasure" method="get" action={`/inbox/cases/${id}/erase`}>
      <p class="alert error">{t.erasureRequested}</p>
      <button type="submit">{t.erase}</button>
    </form>
  );
}

function CaseSidebar(props: { props: CasePageProps; reasons: string[] }) {
  const { page, view, timeZone } = props.props;
  const { t } = page;
  return (
    <aside class="case-side">
      <Facts props={props.props} reasons={props.reasons} />
      <h2>{t.windows}</h2>
      <ul class="windows">
        {view.windows.map((w) => (
          <li class={w.open ? 'open' : 'closed'}>
            <strong>{w.mode}</strong> <span class="small">{w.open ? t.open : t.closedWindow}</span>
            <div class="small muted">{w.note}</div>
          </li>
        ))}
      </ul>
      <h2>{t.audit}</h2>
      <ol class="audit">
        {view.audit.map((entry) => (
          <li>
            <time datetime={entry.at}>{dateTime(entry.at, page.language, timeZone)}</time>{' '}
            <span class="actor">{entry.actor}</span> {entry.action}
            {entry.detail ? <div class="small muted">{entry.detail}</div> : null}
          </li>
        ))}
      </ol>
    </aside>
  );
}

function Holder(props: CasePageProps) {
  const { t, agentId, language } = props.page;
  const c = props.view.conversation;
  if (c.status === 'closed') return <p class="holder muted">{t.closedCase}</p>;
  // a reader may not claim: the page says so below instead
  if (!c.claimedBy) return props.page.role === 'reader' ? null : <p class="holder muted">{t.claimToAct}</p>;
  const since = c.claimedAt ? clockTime(c.claimedAt, language, props.timeZone) : '';
  return c.claimedBy === agentId ? (
    <p class="holder mine">{t.youHold(since)}</p>
  ) : (
    <p class="holder other" role="status">
      {t.holdsSince(c.claimedBy, since)}
    </p>
  );
}

function Facts(props: { props: CasePageProps; reasons: string[] }) {
  const { page, view } = props.props;
  const { t } = page;
  const c = view.conversation;
  const publicLink = safeHref(c.links.public);
  const dmLink = safeHref(c.links.dm);
  return (
    <dl class="facts">
      <dt>{t.customer}</dt>
      <dd>
        {c.customer.name ?? '–'} {c.customer.handle ? <span class="muted">@{c.customer.handle}</span> : null}
        <div class="small muted">id {c.customer.id}</div>
      </dd>
      <dt>{t.links}</dt>
      <dd>
        {publicLink ? (
          <a href={publicLink} rel="noopener noreferrer" target="_blank">
            {t.publicLink}
          </a>
        ) : null}{' '}
        {dmLink ? (
          <a href={dmLink} rel="noopener noreferrer" target="_blank">
            {t.dmLink}
          </a>
        ) : null}
        {publicLink || dmLink ? null : '–'}
      </dd>
      <dt>{t.intent}</dt>
      <dd>
        {c.intent ?? '–'}
        {c.complex ? ' (complex)' : ''}
      </dd>
      <dt>{t.personalData}</dt>
      <dd>{c.personalData?.length ? c.personalData.join(', ') : t.none}</dd>
      <dt>{t.reasons}</dt>
      <dd>
        <ul class="reasons">
          {props.reasons.map((r) => (
            <li>
              <code>{r}</code>
            </li>
          ))}
        </ul>
      </dd>
      {c.topicId && c.escalation === 'L3' ? (
        <>
          <dt>{t.crisisGroup}</dt>
          <dd>
            <code>{c.topicId}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Message(props: { message: StoredMessage; page: PageContext; timeZone: string }) {
  const { message: m, page, timeZone } = props;
  const { t } = page;
  const who = m.sentBy === 'human' ? (m.agentId ?? 'agent') : m.sentBy === 'bot' ? 'bot' : m.author.name;
  return (
    <li class={`msg from-${m.sentBy}`}>
      <div class="msg-meta small">
        <strong>{who ?? m.author.id}</strong> · {m.channel} ·{' '}
        <time datetime={new Date(m.occurredAt).toISOString()}>
          {dateTime(m.occurredAt, page.language, timeZone)}
        </time>
        {m.deleted ? <span class="tag"> {t.deleted}</span> : null}
      </div>
      {m.deleted ? null : <p class="msg-text">{m.text}</p>}
      {m.masked?.length && !m.deleted ? (
        <p class="small muted masked">
          {t.masked} {m.masked.map((x) => x.masked).join(', ')}
        </p>
      ) : null}
      {m.attachments?.length ? (
        <ul class="attachments">
          {m.attachments.map((a) => {
            const href = safeHref(a.url);
            if (!href) return <li class="small muted">{a.type}</li>;
            return (
              <li>
                <a href={href} rel="noopener noreferrer" target="_blank">
                  {a.type === 'image' || a.type === 'photo' ? (
                    <img src={href} alt={`${t.attachment}: ${a.type}`} loading="lazy" width={120} />
                  ) : (
                    `${t.attachment}: ${a.type}`
                  )}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </li>
  );
}
