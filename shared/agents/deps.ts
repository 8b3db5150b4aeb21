import type { Config } from '../config.js';
import type { Log } from '../log.js';
import { createResponderDeps } from '../responder/deps.js';
import type { ServiceLevelSink } from './metrics.js';
import { AgentService } from './service.js';

/** The agent service on the same table, hand-off queue and platform clients as the responder. */
export function createAgentService(
  config: Config,
  log: Log,
  recordMetrics: ServiceLevelSink,
  clock: () => Date = () => new Date(),
): AgentService {
  const { store, clients, publishHandoff } = createResponderDeps(config, log, clock);
  return new AgentService({ store, clients, publishHandoff, clock, log, recordMetrics });
}
