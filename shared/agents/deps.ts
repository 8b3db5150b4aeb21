import { dynamo } from '../aws/dynamo.js';
import type { Config } from '../config.js';
import { ConversationStore } from '../conversations/store.js';
import { handoffPublisher } from '../handoff/publisher.js';
import type { Log } from '../log.js';
import { createPlatformClients } from '../platforms/configured-clients.js';
import type { ServiceLevelSink } from './metrics.js';
import { AgentService } from './service.js';

/** The agent service on the responder's table, hand-off queue and platform clients; no brand files, no burst counter. */
export function createAgentService(
  config: Config,
  log: Log,
  recordMetrics: ServiceLevelSink,
  clock: () => Date = () => new Date(),
): AgentService {
  return new AgentService({
    store: new ConversationStore(dynamo(), config.tableName, clock, config.retention),
    clients: createPlatformClients(config, clock),
    publishHandoff: handoffPublisher(config.handoffQueueUrl),
    clock,
    log,
    recordMetrics,
  });
}
