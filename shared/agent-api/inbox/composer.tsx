import { formatDuration, type ReplyKind } from '../../agents/windows.js';
import { PLATFORM_LIMITS } from '../../policy/templates.js';
import type { CasePageProps } from './case-page.js';

const action = (conversationId: string, name: string) =>
  `/inbox/cases/${encodeURIComponent(conversationId)}/${name}`;

/** The reply form: which window applies, time left, a canned reply, the count against the limit. */
export function Composer(props: CasePageProps) {
  const { page, view } = props;
  const { t } = page;
  const c = view.conversation;
  if (c.status === 'closed' || c.claimedBy !== page.agentId) return null;
  const defaultKind: ReplyKind = c.channel === 'dm' ? 'private' : 'public';
  const kinds = view.windows.map((w) => w.kind);
  const limits = PLATFORM_LIMITS[c.platform];
  return (
    <form class="composer" method="post" action={action(c.conversationId, 'reply')}>
      <h2>{t.reply}</h2>
      <input type="hidden" name="_csrf" value={page.csrfToken} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <div class="row">
        <fieldset class="kinds">
          <legend class="sr-only">{t.reply}</legend>
          {(['public', 'private'] as const)
            .filter((kind) => kinds.includes(kind))
            .map((kind) => {
              const window = view.windows.find((w) => w.kind === kind);
              return (
                <label class={window?.open ? '' : 'muted'}>
                  <input
                    type="radio"
                    name="kind"
                    value={kind}
                    checked={kind === defaultKind}
                    disabled={!window?.open}
                    data-limit={limits[kind]}
                  />{' '}
                  {kind === 'public' ? t.replyPublic : t.replyPrivate}
                  {window?.msLeft !== undefined ? (
                    <span class="small muted">
                      {' '}
                      · {window.mode}, {formatDuration(window.msLeft)} {t.left}
                    </span>
                  ) : null}
                </label>
              );
            })}
        </fieldset>
        {props.cannedReplies.length ? (
          <label class="canned">
            <span class="sr-only">{t.cannedReplies}</span>
            <select id="canned" aria-label={t.cannedReplies}>
              <option value="">{t.chooseCanned}</option>
              {props.cannedReplies.map((reply) => (
                <option value={reply.text} data-template-id={reply.id}>
                  {reply.id.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <label for="reply-text" class="sr-only">
        {t.reply}
      </label>
      <textarea
        id="reply-text"
        name="text"
        rows={4}
        required
        maxlength={2000}
        data-key="r"
        data-platform={c.platform}
      >
        {props.draft ?? ''}
      </textarea>
      <div class="row">
        <output id="reply-count" class="small muted" aria-live="polite">
          <span data-count>0</span> {t.of} <span data-limit>{limits[defaultKind]}</span> {t.characters}
        </output>
        <button type="submit" class="primary">
          {t.send}
        </button>
      </div>
    </form>
  );
}

/** Claim (when nobody holds the case or someone else does), escalate, release, close. */
export function ActionForms(props: CasePageProps) {
  const { page, view } = props;
  const { t } = page;
  const c = view.conversation;
  const csrf = <input type="hidden" name="_csrf" value={page.csrfToken} />;
  if (c.status === 'closed') return null;
  if (c.claimedBy !== page.agentId) {
    return (
      <form class="actions" method="post" action={action(c.conversationId, 'claim')}>
        {csrf}
        <button type="submit" class="primary" data-key="c">
          {t.claim}
        </button>
      </form>
    );
  }
  return (
    <div class="actions">
      <form method="post" action={action(c.conversationId, 'escalate')}>
        {csrf}
        <select name="level" aria-label={t.level}>
          {(['L2', 'L3'] as const).map((level) => (
            <option value={level}>{level}</option>
          ))}
        </select>
        <input name="note" aria-label={t.escalationNote} placeholder={t.escalationNote} maxlength={1000} />
        <button type="submit">{t.escalate}</button>
      </form>
      <form method="post" action={action(c.conversationId, 'release')}>
        {csrf}
        <input name="note" aria-label={t.note} placeholder={t.note} maxlength={1000} />
        <button type="submit">{t.release}</button>
      </form>
      <form method="post" action={action(c.conversationId, 'close')}>
        {csrf}
        <input
          name="note"
          id="close-note"
          aria-label={t.closingNote}
          placeholder={t.closingNote}
          maxlength={1000}
          data-key="x"
        />
        <button type="submit">{t.close}</button>
      </form>
    </div>
  );
}
