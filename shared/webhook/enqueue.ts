import { sendFifoBatch } from '../aws/sqs.js';
import type { InboundEvent } from '../events.js';

/** Inbound FIFO queue: group = conversation thread (ordered per conversation), dedup = platform event id. */
export async function enqueueInboundEvents(queueUrl: string, events: readonly InboundEvent[]): Promise<void> {
  await sendFifoBatch(
    queueUrl,
    events.map((event) => ({
      groupId: event.threadKey,
      deduplicationId: event.eventId,
      payload: event,
    })),
  );
}
