import { dynamo } from '../aws/dynamo.js';
import { loadSqs } from '../aws/lazy-sqs.js';
import type { Config } from '../config.js';
import { BurstCounter } from '../conversations/bursts.js';
import { ConversationStore } from '../conversations/store.js';
import { erasedHandoffPublisher, handoffPublisher } from '../handoff/publisher.js';
import type { Log } from '../log.js';
import { createPlatformClients } from '../platforms/configured-clients.js';
import { BrandDirectory, readValidatedBrands } from '../policy/brands.js';
import { MAX_QUEUE_DELAY_MS } from '../replies/retry-budget.js';
import type { ResponderDeps } from './types.js';

/** Wires the responder to its table, queue, brand files and platform clients, once per container. */
export function createResponderDeps(
  config: Config,
  log: Log,
  clock: () => Date = () => new Date(),
): ResponderDeps {
  return {
    store: new ConversationStore(dynamo(), config.tableName, clock, config.retention),
    bursts: new BurstCounter(dynamo(), config.tableName, config.retention.burstDays),
    brands: new BrandDirectory(readValidatedBrands(config.brandsFile), config.defaultBrand),
    clients: createPlatformClients(config, clock),
    publishHandoff: handoffPublisher(config.handoffQueueUrl),
    runErasure: async (job) => {
      const { ErasureJobSchema, runErasureJob } = await import('../privacy/erasures.js');
      const table = { db: dynamo(), tableName: config.tableName, clock, retention: config.retention };
      const counts = await runErasureJob(
        table,
        ErasureJobSchema.parse(job),
        erasedHandoffPublisher(config.handoffQueueUrl),
      );
      return { ...counts };
    },
    ...(config.inboundQueueUrl ? { delayRecord: recordDelayer(config.inboundQueueUrl) } : {}),
    clock,
    log,
  };
}

/** Hides an inbound record for the backoff: it is received again when the delay is over. */
function recordDelayer(queueUrl: string) {
  return async (receiptHandle: string, delayMs: number): Promise<void> => {
    const seconds = Math.ceil(Math.min(Math.max(delayMs, 0), MAX_QUEUE_DELAY_MS) / 1000);
    const { hideMessage } = await loadSqs();
    await hideMessage(queueUrl, receiptHandle, seconds);
  };
}
