import type { Context, Hono, MiddlewareHandler } from 'hono';
import { supervisesAllBrands } from '../../agents/access.js';
import {
  DEAD_LETTER_QUEUES,
  type DeadLetterDesk,
  type DeadLetterQueueName,
} from '../../agents/dead-letter-desk.js';
import { ErasureBody, type ErasureDesk } from '../../agents/erasure-desk.js';
import type { AgentService } from '../../agents/service.js';
import type { Log } from '../../log.js';
import { STATUS_OF_REASON } from '../status.js';
import { DeadLettersPage, RedriveConfirmPage } from './dead-letter-pages.js';
import { ErasureConfirmPage, ErasureFormPage, ErasureStatusPage } from './erasure-pages.js';
import { ErrorPage } from './layout.js';
import { type InboxEnv, pageContext, render } from './page-context.js';

export interface SupervisorRouteDeps {
  service: AgentService;
  erasures: ErasureDesk;
  deadLetters: DeadLetterDesk;
  defaultTimeZone: string;
  log: Log;
}

/** The most messages one redrive moves (the API's default). */
const REDRIVE_MAX = 1000;

/**
 * The supervisor's pages: erase a customer, see and redrive the dead-letter queues. Both reach
 * every brand, so only a supervisor for every brand sees them; the desks check the same rule again.
 * A user id travels only in POST bodies, never in a URL (URLs end up in logs and browser history).
 */
export function mountSupervisorRoutes(app: Hono<InboxEnv>, deps: SupervisorRouteDeps): void {
  for (const path of ['/erasures', '/erasures/*', '/cases/:id/erase', '/dead-letters', '/dead-letters/*']) {
    app.use(path, supervisorsOnly);
  }
  mountErasureRoutes(app, deps);
  mountDeadLetterRoutes(app, deps);
}

const supervisorsOnly: MiddlewareHandler<InboxEnv> = async (c, next) => {
  if (supervisesAllBrands(c.get('session').access)) return next();
  const page = pageContext(c);
  return render(c, <ErrorPage page={page} message={page.t.supervisorOnly} />, 403);
};

function mountErasureRoutes(app: Hono<InboxEnv>, deps: SupervisorRouteDeps): void {
  app.get('/erasures', (c) => render(c, <ErasureFormPage page={pageContext(c)} />));

  app.post('/erasures/confirm', async (c) => {
    const subject = await subjectOf(c);
    const parsed = ErasureBody.safeParse(subject);
    const page = pageContext(c);
    if (!parsed.success) {
      return render(
        c,
        <ErasureFormPage page={page} subject={subject} failure={page.t.erasure.invalid} />,
        400,
      );
    }
    return render(c, <ErasureConfirmPage page={page} subject={parsed.data} cancelHref="/inbox/erasures" />);
  });

  // From a case whose customer asked for erasure: the same confirmation, for the case's customer.
  app.get('/cases/:id/erase', async (c) => {
    const id = c.req.param('id');
    const found = await deps.service.get(id, c.get('session').access);
    const page = pageContext(c);
    if (!found.ok) return render(c, <ErrorPage page={page} message={page.t.notFound} />, 404);
    const { platform, customer } = found.value.conversation;
    return render(
      c,
      <ErasureConfirmPage
        page={page}
        subject={{ platform, userId: customer.id }}
        customerName={customer.name ?? customer.handle}
        cancelHref={`/inbox/cases/${encodeURIComponent(id)}`}
      />,
    );
  });

  app.post('/erasures', async (c) => {
    const subject = await subjectOf(c);
    const result = await deps.erasures.request(c.get('session').access, subject, 'inbox');
    if (result.ok) return c.redirect(`/inbox/erasures/${encodeURIComponent(result.value.erasureId)}`, 303);
    const page = pageContext(c);
    const failure = result.reason === 'invalid_request' ? page.t.erasure.invalid : result.message;
    return render(
      c,
      <ErasureFormPage page={page} subject={subject} failure={failure} />,
      STATUS_OF_REASON[result.reason],
    );
  });

  app.get('/erasures/:id', async (c) => {
    const result = await deps.erasures.status(c.get('session').access, c.req.param('id'));
    const page = pageContext(c);
    if (!result.ok) return render(c, <ErrorPage page={page} message={page.t.erasure.notFound} />, 404);
    return render(c, <ErasureStatusPage page={page} record={result.value} timeZone={deps.defaultTimeZone} />);
  });
}

function mountDeadLetterRoutes(app: Hono<InboxEnv>, deps: SupervisorRouteDeps): void {
  app.get('/dead-letters', async (c) => {
    const page = pageContext(c);
    const status = await deps.deadLetters.status();
    const queue = queueName(c.req.query('queue'));
    const moved = Number(c.req.query('moved'));
    const notice =
      queue && Number.isSafeInteger(moved) && moved >= 0
        ? page.t.deadLetters.moved(moved, page.t.deadLetters.names[queue] ?? queue)
        : undefined;
    return render(
      c,
      <DeadLettersPage
        page={page}
        queues={status.ok ? status.value.queues : []}
        timeZone={deps.defaultTimeZone}
        notice={notice}
        failure={
          status.ok
            ? undefined
            : { message: status.message, ...(status.advice ? { advice: status.advice } : {}) }
        }
      />,
      status.ok ? 200 : STATUS_OF_REASON[status.reason],
    );
  });

  app.get('/dead-letters/:queue/redrive', async (c) => {
    const page = pageContext(c);
    const name = queueName(c.req.param('queue'));
    const status = await deps.deadLetters.status();
    if (!status.ok)
      return render(c, <ErrorPage page={page} message={status.message} />, STATUS_OF_REASON[status.reason]);
    const queue = status.value.queues.find((q) => q.queue === name);
    if (!queue) return render(c, <ErrorPage page={page} message={page.t.deadLetters.unknownQueue} />, 404);
    return render(c, <RedriveConfirmPage page={page} queue={queue} />);
  });

  app.post('/dead-letters/:queue/redrive', async (c) => {
    const { access } = c.get('session');
    const result = await deps.deadLetters.redrive(access, c.req.param('queue'), REDRIVE_MAX);
    if (result.ok) {
      deps.log.info('inbox dead-letter redrive', { agentId: access.agentId, ...result.value });
      return c.redirect(`/inbox/dead-letters?queue=${result.value.queue}&moved=${result.value.moved}`, 303);
    }
    const page = pageContext(c);
    return render(c, <ErrorPage page={page} message={result.message} />, STATUS_OF_REASON[result.reason]);
  });
}

const queueName = (value: string | undefined): DeadLetterQueueName | undefined =>
  DEAD_LETTER_QUEUES.find((q) => q === value);

/** The platform and user id of the erasure forms (anything else in the body is ignored). */
async function subjectOf(c: Context<InboxEnv>): Promise<{ platform?: string; userId?: string }> {
  const form = await c.req.parseBody();
  const field = (name: string) =>
    typeof form[name] === 'string' ? (form[name] as string).trim() : undefined;
  return { platform: field('platform'), userId: field('userId')?.slice(0, 300) };
}
