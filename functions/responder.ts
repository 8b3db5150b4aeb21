import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { powertoolsSink } from '../shared/agents/metrics.js';
import { automaticServiceLevelMetrics } from '../shared/agents/service-levels.js';
import { buildConfig } from '../shared/config.js';
import { createResponderDeps } from '../shared/responder/deps.js';
import { createResponderHandler } from '../shared/responder/sqs-handler.js';

const logger = new Logger({ serviceName: 'responder' });
const emit = powertoolsSink(new Metrics({ namespace: 'SocialCareResponder', serviceName: 'responder' }));
const deps = createResponderDeps(buildConfig('responder'), logger);

export const handler = createResponderHandler(deps, async (outcome) => {
  // Service levels of the automatic steps: acknowledgement time and hand-off time.
  emit(automaticServiceLevelMetrics(outcome, outcome.conversation, deps.clock()));
});
