import { dynamo } from '../aws/dynamo.js';
import { sqs } from '../aws/sqs.js';
import type { Config } from '../config.js';
import { ConversationStore } from '../conversations/store.js';
import { handoffPublisher } from '../handoff/publisher.js';
import type { Log } from '../log.js';
import { createPlatformClients } from '../platforms/configured-clients.js';
import { erasureJobEnqueuer } from '../privacy/enqueue-job.js';
import { DeadLetterDesk } from './dead-letter-desk.js';
import { ErasureDesk } from './erasure-desk.js';
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

/** Erasure requests on the responder's table; the jobs go to the inbound queue. */
export function createErasureDesk(config: Config, clock: () => Date = () => new Date()): ErasureDesk {
  return new ErasureDesk(
    { db: dynamo(), tableName: config.tableName, clock, retention: config.retention },
    erasureJobEnqueuer(config.inboundQueueUrl),
  );
}

/** The dead-letter queues of the inbound and hand-off queues, as configured. */
export function createDeadLetterDesk(config: Config, clock: () => Date = () => new Date()): DeadLetterDesk {
  const { inbound, handoff } = config.deadLetterQueueUrls;
  return new DeadLetterDesk(
    sqs(),
    {
      inbound: { source: config.inboundQueueUrl, deadLetter: inbound },
      handoff: { source: config.handoffQueueUrl, deadLetter: handoff },
    },
    clock,
  );
}
