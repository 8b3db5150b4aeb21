import { Metrics } from '@aws-lambda-powertools/metrics';
import { powertoolsSink } from '../shared/agents/metrics.js';
import { automaticServiceLevelMetrics } from '../shared/agents/service-levels.js';
import { buildConfig } from '../shared/config.js';
import { stdoutJsonLog } from '../shared/log.js';
import { INBOUND_MAX_RECEIVE_COUNT } from '../shared/replies/retry-budget.js';
import { deadLetterCounter } from '../shared/responder/dead-letters.js';
import { createResponderDeps } from '../shared/responder/deps.js';
import { createResponderHandler } from '../shared/responder/sqs-handler.js';

const logger = stdoutJsonLog('responder');
const metrics = new Metrics({ namespace: 'SocialCareResponder', serviceName: 'responder' });
const emit = powertoolsSink(metrics);
const deps = createResponderDeps(buildConfig('responder'), logger);

export const handler = createResponderHandler(deps, {
  // Service levels of the automatic steps: acknowledgement time and hand-off time.
  onOutcome: (outcome) => emit(automaticServiceLevelMetrics(outcome, outcome.conversation, deps.clock())),
  maxReceiveCount: INBOUND_MAX_RECEIVE_COUNT,
  onDeadLetter: deadLetterCounter(metrics, logger),
});
