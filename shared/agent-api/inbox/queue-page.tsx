import { clockTime, untilOrOverdue } from './format.js';
import { Layout, type PageContext } from './layout.js';
import type { Queue, QueueFilters, QueueItem } from './queue.js';

const LEVELS = ['L3', 'L2', 'L1'] as const;

export function QueuePage(props: {
  page: PageContext;
  queue: Queue;
  filters: QueueFilters;
  now: Date;
  timeZone: string;
}) {
  const { page, queue, filters } = props;
  const { t } = page;
  return (
    <Layout
      page={page}
      title={t.queue}
      kind="queue"
      shortcuts={[
        { key: 'j', label: t.keys.next },
        { key: 'k', label: t.keys.previous },
        { key: 'Enter', label: t.keys.open },
      ]}
    >
      <div id="queue" data-poll="5">
        <div class="queue-head">
          <h1>
            {t.openCases} <span class="count">{queue.items.length}</span>
          </h1>
          <ul class="levels" aria-label={t.level}>
            {LEVELS.map((level) => (
              <li class={`level level-${level}`}>
                <a href={`/inbox?level=${level}`}>
                  {level} <strong>{queue.countsByLevel[level]}</strong>
                </a>
              </li>
            ))}
          </ul>
          <span class="muted small" aria-live="off">
            {t.updatesEvery}
          </span>
        </div>
        <Filters page={page} queue={queue} filters={filters} />
        {queue.items.length === 0 ? (
          <p class="empty">{t.noCases}</p>
        ) : (
          <table class="cases">
            <thead>
              <tr>
                <th scope="col">{t.level}</th>
                <th scope="col">{t.customer}</th>
                <th scope="col">{t.intent}</th>
                <th scope="col">{t.platform}</th>
                <th scope="col">{t.dueBy}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.holder}</th>
              </tr>
            </thead>
            <tbody>
              {queue.items.map((item) => (
                <Row item={item} page={page} now={props.now} timeZone={props.timeZone} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
}

function Row(props: { item: QueueItem; page: PageContext; now: Date; timeZone: string }) {
  const { item, page, now } = props;
  const { t } = page;
  const classes = ['case-row', item.overdue ? 'is-overdue' : '', item.crisis ? 'is-crisis' : '']
    .filter(Boolean)
    .join(' ');
  const customer =
    item.customer.name || (item.customer.handle ? `@${item.customer.handle}` : item.customer.id);
  return (
    <tr class={classes} data-case-id={item.conversationId}>
      <td>
        <span class={`badge level-${item.escalation ?? 'none'}`}>{item.escalation ?? '–'}</span>
        {item.priority ? <span class={`prio prio-${item.priority}`}>{item.priority}</span> : null}
        {item.crisis ? <span class="tag crisis">{t.crisis}</span> : null}
      </td>
      <td>
        <a class="case-link" href={`/inbox/cases/${encodeURIComponent(item.conversationId)}`}>
          {customer}
        </a>
        <div class="muted small">{item.brand}</div>
      </td>
      <td>{item.intent ?? '–'}</td>
      <td>
        {item.platform} <span class="muted">{item.channel}</span>
        {item.language ? <span class="muted"> · {item.language}</span> : null}
      </td>
      <td class={item.overdue ? 'due overdue' : 'due'}>
        {item.dueBy ? (
          <>
            <time datetime={item.dueBy}>{clockTime(item.dueBy, page.language, props.timeZone)}</time>
            <div class="small">{untilOrOverdue(item.dueBy, now, { left: t.left, overdue: t.overdue })}</div>
          </>
        ) : (
          '–'
        )}
      </td>
      <td>{item.status}</td>
      <td>{item.claimedBy ?? <span class="muted">{t.nobody}</span>}</td>
    </tr>
  );
}

function Filters(props: { page: PageContext; queue: Queue; filters: QueueFilters }) {
  const { page, queue, filters } = props;
  const { t } = page;
  const select = (name: keyof QueueFilters, label: string, values: readonly string[]) => (
    <label>
      {label}
      <select name={name}>
        <option value="">{t.all}</option>
        {values.map((v) => (
          <option value={v} selected={filters[name] === v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form class="filters" method="get" action="/inbox">
      {select('brand', t.brand, queue.options.brand)}
      {select('platform', t.platform, queue.options.platform)}
      {select('channel', t.channel, queue.options.channel)}
      {select('level', t.level, LEVELS)}
      {select('language', t.language, queue.options.language)}
      <label class="check">
        <input type="checkbox" name="mine" checked={filters.mine === 'on'} /> {t.mine}
      </label>
      <label class="check">
        <input type="checkbox" name="overdue" checked={filters.overdue === 'on'} /> {t.overdueOnly}
      </label>
      <button type="submit">{t.filter}</button>
      <a href="/inbox">{t.reset}</a>
    </form>
  );
}
