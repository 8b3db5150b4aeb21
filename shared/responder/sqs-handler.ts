import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { InboundEventSchema } from '../events.js';
import { type EventOutcome, handleInboundEvent, type ResponderDeps } from './handle-event.js';

/**
 * The inbound queue's consumer: each record is one InboundEvent. A failed record fails only its
 * own FIFO message group (later messages of that conversation wait for it); the rest of the
 * batch is acknowledged.
 */
export function createResponderHandler(
  deps: ResponderDeps,
  onOutcome?: (outcome: EventOutcome) => void | Promise<void>,
) {
  const processor = new SqsFifoPartialProcessorAsync();

  async function handleRecord(record: SQSRecord): Promise<void> {
    // A body that does not parse fails every attempt and ends in the dead-letter queue, visible to operators.
    const event = InboundEventSchema.parse(JSON.parse(record.body));
    const outcome = await handleInboundEvent(event, deps);
    deps.log.info('event handled', {
      eventId: outcome.eventId,
      duplicate: outcome.duplicate,
      conversationId: outcome.conversationId,
      action: outcome.decision?.action,
      reasons: outcome.decision?.reasons,
      replies: outcome.replies.map((r) => ({ kind: r.kind, status: r.status, errorClass: r.errorClass })),
      handoff: outcome.handoff,
    });
    await onOutcome?.(outcome);
  }

  return (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, handleRecord, processor, {
      context,
      skipGroupOnError: true,
      throwOnFullBatchFailure: false,
    });
}
