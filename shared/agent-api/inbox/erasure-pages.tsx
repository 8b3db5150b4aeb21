import { type Platform, PlatformSchema } from '../../events.js';
import type { ErasureCounts } from '../../privacy/erase-subject.js';
import type { ErasureRecord } from '../../privacy/erasures.js';
import { dateTime } from './format.js';
import { Layout, type PageContext } from './layout.js';

/** Who to erase: a platform and the platform's user id, as the API's `POST /agent/erasures` takes them. */
export interface ErasureSubject {
  platform?: string;
  userId?: string;
}

export function ErasureFormPage(props: { page: PageContext; subject?: ErasureSubject; failure?: string }) {
  const { page, subject = {} } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t.erasure.title} kind="supervisor">
      <section class="panel narrow">
        <h1>{t.erasure.title}</h1>
        <p class="muted">{t.erasure.intro}</p>
        {props.failure ? (
          <p class="alert error" role="alert">
            {props.failure}
          </p>
        ) : null}
        <form class="stack" method="post" action="/inbox/erasures/confirm">
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <label for="erase-platform">{t.erasure.platform}</label>
          <select id="erase-platform" name="platform" required>
            {PlatformSchema.options.map((p) => (
              <option value={p} selected={p === subject.platform}>
                {p}
              </option>
            ))}
          </select>
          <label for="erase-user">{t.erasure.userId}</label>
          <input
            id="erase-user"
            name="userId"
            required
            maxlength={200}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="erase-user-help"
            value={subject.userId ?? ''}
          />
          <p id="erase-user-help" class="small muted">
            {t.erasure.userIdHelp}
          </p>
          <button type="submit" class="primary">
            {t.erasure.next}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** The step before the erasure: what it removes, for whom, and that it cannot be undone. */
export function ErasureConfirmPage(props: {
  page: PageContext;
  subject: { platform: Platform; userId: string };
  /** the customer's name as a case shows it, when the erasure starts from a case */
  customerName?: string;
  cancelHref: string;
}) {
  const { page, subject } = props;
  const { t } = page;
  const who = props.customerName ? `${subject.userId} (${props.customerName})` : subject.userId;
  return (
    <Layout page={page} title={t.erasure.confirmTitle} kind="supervisor">
      <section class="panel narrow">
        <h1>{t.erasure.confirmTitle}</h1>
        <p>{t.erasure.confirmLead(subject.platform, who)}</p>
        <ul>
          {t.erasure.removes.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <p>{t.erasure.handoff}</p>
        <p class="muted">{t.erasure.keeps}</p>
        <p class="alert error">{t.erasure.irreversible}</p>
        <form class="row-start" method="post" action="/inbox/erasures">
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <input type="hidden" name="platform" value={subject.platform} />
          <input type="hidden" name="userId" value={subject.userId} />
          <button type="submit" class="danger">
            {t.erasure.confirm}
          </button>
          <a href={props.cancelHref}>{t.erasure.cancel}</a>
        </form>
      </section>
    </Layout>
  );
}

const COUNTS: readonly (keyof ErasureCounts)[] = [
  'conversations',
  'messages',
  'replies',
  'pointers',
  'eventRecords',
  'auditEntries',
  'burstReferences',
];

/** An erasure's record: pending until the responder has run the job, then done with its counts. */
export function ErasureStatusPage(props: { page: PageContext; record: ErasureRecord; timeZone: string }) {
  const { page, record, timeZone } = props;
  const { t, language } = page;
  const pending = record.status === 'pending';
  return (
    <Layout page={page} title={t.erasure.statusTitle} kind="supervisor">
      <section
        id="erasure"
        class="panel narrow"
        data-status={record.status}
        data-poll={pending ? '2' : undefined}
      >
        <h1>
          {t.erasure.statusTitle}: <span class="erasure-status">{t.erasure.statusLabel[record.status]}</span>
        </h1>
        <p class={pending ? 'alert' : 'alert ok'} role="status">
          {pending ? t.erasure.pending : t.erasure.done}
        </p>
        <dl class="facts">
          <dt>{t.erasure.platform}</dt>
          <dd>{record.platform}</dd>
          <dt>{t.erasure.requestedBy}</dt>
          <dd>{record.requestedBy}</dd>
          <dt>{t.erasure.requestedAt}</dt>
          <dd>{dateTime(record.requestedAt, language, timeZone)}</dd>
          {record.completedAt ? (
            <>
              <dt>{t.erasure.completedAt}</dt>
              <dd>{dateTime(record.completedAt, language, timeZone)}</dd>
            </>
          ) : null}
        </dl>
        {record.counts ? (
          <table class="cases counts">
            <caption class="sr-only">{t.erasure.removed}</caption>
            <thead>
              <tr>
                <th scope="col">{t.erasure.removed}</th>
                <th scope="col" class="num">
                  #
                </th>
              </tr>
            </thead>
            <tbody>
              {COUNTS.map((name) => (
                <tr data-count={name}>
                  <th scope="row">{t.erasure.counts[name]}</th>
                  <td class="num">{record.counts?.[name] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <p>
          <a href="/inbox/erasures">{t.erasure.another}</a>
        </p>
      </section>
    </Layout>
  );
}
