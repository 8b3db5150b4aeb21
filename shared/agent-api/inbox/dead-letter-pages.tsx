import type { DeadLetterSummary } from '../../agents/dead-letter-desk.js';
import { formatDuration } from '../../agents/windows.js';
import { dateTime } from './format.js';
import { Alerts, Layout, type PageContext } from './layout.js';

/** The inbound and hand-off dead-letter queues: how many wait, how old the oldest is, a redrive each. */
export function DeadLettersPage(props: {
  page: PageContext;
  queues: DeadLetterSummary[];
  timeZone: string;
  /** after a redrive */
  notice?: string;
  failure?: { message: string; advice?: string };
}) {
  const { page, queues, timeZone } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t.deadLetters.title} kind="supervisor">
      <section class="panel">
        <h1>{t.deadLetters.title}</h1>
        <p class="muted">{t.deadLetters.intro}</p>
        <Alerts notice={props.notice} failure={props.failure} />
        <table class="cases dead-letters">
          <caption class="sr-only">{t.deadLetters.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.deadLetters.queue}</th>
              <th scope="col" class="num">
                {t.deadLetters.waiting}
              </th>
              <th scope="col">{t.deadLetters.oldest}</th>
              <th scope="col">
                <span class="sr-only">{t.deadLetters.redrive}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr data-queue={q.queue}>
                <th scope="row">{t.deadLetters.names[q.queue] ?? q.queue}</th>
                <td class="num" data-count>
                  {q.count}
                </td>
                <td>
                  {q.oldestSentAt && q.oldestAgeMs !== undefined
                    ? `${dateTime(q.oldestSentAt, language, timeZone)} (${formatDuration(q.oldestAgeMs)} ${t.ago})`
                    : t.deadLetters.nothing}
                </td>
                <td>
                  {q.count > 0 ? (
                    <a class="button" href={`/inbox/dead-letters/${q.queue}/redrive`}>
                      {t.deadLetters.redrive}
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}

/** The step before a redrive: how many messages move, and where to. */
export function RedriveConfirmPage(props: { page: PageContext; queue: DeadLetterSummary }) {
  const { page, queue } = props;
  const { t } = page;
  const name = t.deadLetters.names[queue.queue] ?? queue.queue;
  return (
    <Layout page={page} title={t.deadLetters.confirmTitle} kind="supervisor">
      <section class="panel narrow">
        <h1>{t.deadLetters.confirmTitle}</h1>
        <p>{t.deadLetters.confirmLead(queue.count, name)}</p>
        <form class="row-start" method="post" action={`/inbox/dead-letters/${queue.queue}/redrive`}>
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <button type="submit" class="primary">
            {t.deadLetters.confirm}
          </button>
          <a href="/inbox/dead-letters">{t.deadLetters.cancel}</a>
        </form>
      </section>
    </Layout>
  );
}
