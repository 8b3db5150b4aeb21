import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { handle } from 'hono/aws-lambda';
import { createAgentApp } from '../shared/agent-api/app.js';
import { parseAgentKeys } from '../shared/agents/api-keys.js';
import { createAgentService } from '../shared/agents/deps.js';
import { powertoolsSink } from '../shared/agents/metrics.js';
import { buildConfig } from '../shared/config.js';

const logger = new Logger({ serviceName: 'agent-api' });
const metrics = new Metrics({ namespace: 'SocialCareResponder', serviceName: 'agent-api' });
const config = buildConfig('agent');
const keys = parseAgentKeys(config.agentApiKeys);
if (keys.length === 0) logger.warn('AGENT_API_KEYS has no keys: every agent API request is refused');

export const app = createAgentApp({
  service: createAgentService(config, logger, powertoolsSink(metrics)),
  keys,
  log: logger,
});

// Node initialises Request/Response lazily; paying for it here moves it into Lambda's init phase.
new Response(new Request('http://warm.up/', { method: 'POST', body: '{}' }).body);

export const handler = handle(app);
