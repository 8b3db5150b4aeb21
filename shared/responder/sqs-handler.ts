import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type InboundEvent, InboundEventSchema } from '../events.js';
import { logRef } from '../log.js';
import { prepareToDecide } from '../policy/index.js';
import { type EventOutcome, handleInboundEvent, type ResponderDeps } from './handle-event.js';
import { RetryLater } from './retry-later.js';
import { handOffStuckEvent, tellsAPerson } from './stuck-events.js';

export interface ResponderHandlerOptions {
  onOutcome?(outcome: EventOutcome): void | Promise<void>;
  /** the inbound queue's redrive receive count: a record failing at it goes to the dead-letter queue */
  maxReceiveCount?: number;
  /** counts what goes to the dead-letter queue (our bugs: the platforms' failures end with a person) */
  onDeadLetter?(record: SQSRecord, error: unknown): void;
}

/**
 * The inbound queue's consumer: each record is one InboundEvent. Records of one FIFO message
 * group (one conversation) are handled in order; different groups are handled at the same time,
 * so a batch of ten conversations waits on the platform APIs once, not ten times. A failed record
 * fails only its own group (later messages of that conversation wait for it); the rest of the
 * batch is acknowledged. A reply to be retried hides its record for the backoff it asks for.
 */
export function createResponderHandler(deps: ResponderDeps, options: ResponderHandlerOptions = {}) {
  const maxReceiveCount = options.maxReceiveCount ?? Number.POSITIVE_INFINITY;

  async function handleRecord(record: SQSRecord): Promise<void> {
    let event: InboundEvent | undefined;
    try {
      const body: unknown = JSON.parse(record.body);
      if (isErasureJob(body)) return await runErasure(body, deps);
      // A body that does not parse fails every attempt and ends in the dead-letter queue, visible to operators.
      event = InboundEventSchema.parse(body);
      await prepareToDecide(event, deps.brands.forAccount(event.platform, event.accountId).brand);
      const outcome = await handleInboundEvent(event, deps);
      // The rules behind the decision are in the conversation's audit trail, not repeated here.
      deps.log.info('event handled', {
        eventId: outcome.eventId,
        duplicate: outcome.duplicate,
        conversation: outcome.conversationId ? logRef(outcome.conversationId) : undefined,
        action: outcome.decision?.action,
        replies: outcome.replies.map((r) => ({ kind: r.kind, status: r.status, errorClass: r.errorClass })),
        handoff: outcome.handoff,
      });
      await options.onOutcome?.(outcome);
    } catch (error) {
      if (error instanceof RetryLater) await delay(record, error, deps);
      else if (event && tellsAPerson(record, maxReceiveCount)) await tellPerson(event, error, deps);
      if (Number(record.attributes.ApproximateReceiveCount) >= maxReceiveCount) {
        options.onDeadLetter?.(record, error);
      }
      throw error;
    }
  }

  return (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    handleByMessageGroup(event, context, handleRecord);
}

/** A queued erasure (GDPR): a failure is retried, then waits in the dead-letter queue like an event. */
async function runErasure(job: unknown, deps: ResponderDeps): Promise<void> {
  if (!deps.runErasure) throw new Error('this responder cannot run erasures');
  const counts = await deps.runErasure(job);
  deps.log.info('erasure done', { erasureId: (job as { erasureId?: unknown }).erasureId, counts });
}

async function tellPerson(event: InboundEvent, failure: unknown, deps: ResponderDeps): Promise<void> {
  try {
    await handOffStuckEvent(event, failure, deps);
    deps.log.warn('event keeps failing: handed to a person while it is retried', {
      eventId: event.eventId,
    });
  } catch (error) {
    deps.log.error('event keeps failing and could not be handed to a person', {
      eventId: event.eventId,
      error: (error as Error).message,
    });
  }
}

async function delay(record: SQSRecord, retry: RetryLater, deps: ResponderDeps): Promise<void> {
  deps.log.info('reply to be retried later', {
    messageId: record.messageId,
    delaySeconds: Math.ceil(retry.delayMs / 1000),
    error: retry.platformError.message,
  });
  try {
    await deps.delayRecord?.(record.receiptHandle, retry.delayMs);
  } catch (error) {
    // The record then comes back after the queue's own visibility timeout: later than asked, not lost.
    deps.log.warn('could not delay the record; the queue redelivers it after its visibility timeout', {
      messageId: record.messageId,
      error: (error as Error).message,
    });
  }
}

/**
 * Records of one message group are handled in order, the groups at the same time; a failure
 * skips the rest of its own group only.
 */
async function handleByMessageGroup(
  event: SQSEvent,
  context: Context,
  handleRecord: (record: SQSRecord) => Promise<void>,
): Promise<SQSBatchResponse> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  const results = await Promise.all(
    [...groups.values()].map((records) =>
      processPartialResponse({ Records: records }, handleRecord, new SqsFifoPartialProcessorAsync(), {
        context,
        skipGroupOnError: true,
        throwOnFullBatchFailure: false,
      }),
    ),
  );
  return { batchItemFailures: results.flatMap((r) => r.batchItemFailures) };
}

const isErasureJob = (body: unknown) =>
  typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'erasure';
