import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import type { Log } from '../log.js';

export const DEAD_LETTER_METRIC = 'InboundEventsDeadLettered';

/**
 * Counts an inbound record that failed on its last receive: the queue parks it in the
 * dead-letter queue next. Platform failures end with a person, so what arrives there is a bug
 * of ours or a broken message; the metric is what an alarm watches.
 */
export function deadLetterCounter(metrics: Metrics, log: Log) {
  return (record: SQSRecord, error: unknown): void => {
    const single = metrics.singleMetric();
    single.addDimensions({ queue: 'inbound' });
    single.addMetric(DEAD_LETTER_METRIC, MetricUnit.Count, 1);
    log.error('inbound event goes to the dead-letter queue', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      error: error instanceof Error ? error.message : String(error),
    });
  };
}
