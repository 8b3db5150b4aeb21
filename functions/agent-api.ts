import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createAgentApp } from '../shared/agent-api/app.js';
import { parseAgentKeys } from '../shared/agents/api-keys.js';
import { createAgentService, createDeadLetterDesk, createErasureDesk } from '../shared/agents/deps.js';
import { powertoolsSink } from '../shared/agents/metrics.js';
import { dynamo } from '../shared/aws/dynamo.js';
import { buildConfig } from '../shared/config.js';

const logger = new Logger({ serviceName: 'agent-api' });
const metrics = new Metrics({ namespace: 'SocialCareResponder', serviceName: 'agent-api' });
const config = buildConfig('agent');
const keys = parseAgentKeys(config.agentApiKeys);
if (keys.length === 0) logger.warn('AGENT_API_KEYS has no keys: every agent API request is refused');

const service = createAgentService(config, logger, powertoolsSink(metrics));
const erasures = createErasureDesk(config);
const deadLetters = createDeadLetterDesk(config);
const agentApp = createAgentApp({ service, erasures, deadLetters, keys, log: logger });

/** The inbox's pages are loaded on the first /inbox request: API calls never pay for them. */
let inboxApp: Promise<{ fetch: Hono['fetch'] }> | undefined;
function loadInbox() {
  inboxApp ??= Promise.all([
    import('../shared/agent-api/inbox/app.js'),
    import('../shared/agent-api/inbox/session-records.js'),
    import('../shared/policy/brands.js'),
  ])
    .then(([{ createInboxApp }, { InboxSessions }, { readValidatedBrands }]) =>
      createInboxApp({
        service,
        erasures,
        deadLetters,
        keys,
        brands: readValidatedBrands(config.brandsFile),
        sessions: new InboxSessions({ db: dynamo(), tableName: config.tableName, clock: () => new Date() }),
        log: logger,
      }),
    )
    .catch((error: unknown) => {
      // the next request tries again (after a transient read error) instead of failing forever
      inboxApp = undefined;
      throw error;
    });
  return inboxApp;
}

export const app = new Hono();
app.get('/inbox/', (c) => c.redirect('/inbox', 308));
app.all('/inbox', async (c) => (await loadInbox()).fetch(c.req.raw, c.env));
app.all('/inbox/*', async (c) => (await loadInbox()).fetch(c.req.raw, c.env));
app.all('*', (c) => agentApp.fetch(c.req.raw, c.env));

// Node initialises Request/Response lazily; paying for it here moves it into Lambda's init phase.
new Response(new Request('http://warm.up/', { method: 'POST', body: '{}' }).body);

export const handler = handle(app);
