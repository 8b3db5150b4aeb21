import { QUEUE_MAX_MESSAGE_BYTES } from '../shared/aws/queue-body.js';

/** The responder's Lambda timeout; the inbound queue's visibility timeout is derived from it. */
export const RESPONDER_TIMEOUT_SECONDS = 60;

import {
  INBOUND_DEAD_LETTER_RETENTION_DAYS,
  INBOUND_QUEUE_RETENTION_DAYS,
} from '../shared/conversations/retention.js';
import { INBOUND_MAX_RECEIVE_COUNT } from '../shared/replies/retry-budget.js';
import { privacySettings } from './settings.js';

/** Deliveries of a hand-off before it is parked in its dead-letter queue. */
const MAX_RECEIVES = 5;

const DAY_SECONDS = 24 * 60 * 60;
/**
 * The responder retries a reply for up to 24 h (a DM answer in its window) before a person gets
 * the case: inbound events are kept well beyond that (the SQS default, stated).
 */
const INBOUND_RETENTION_SECONDS = INBOUND_QUEUE_RETENTION_DAYS * DAY_SECONDS;

// Stated, not left to the provider's default: the publishers cap what they send by this number.
const maxMessageSize = QUEUE_MAX_MESSAGE_BYTES;

// Declared rather than left to the default: encrypted at rest with SQS-managed keys (SSE-SQS),
// which needs no KMS key policy and no KMS permission for senders and receivers.
const sqsManagedSseEnabled = true;

// The inbound dead-letter queue keeps events for the SQS maximum (14 days instead of the default
// 4): a parked event must outlive a long weekend and the fix; event records outlive it
// (shared/conversations/retention.ts EVENT_RECORD_MIN_DAYS).
const keepFourteenDays = {
  queue: {
    messageRetentionSeconds: INBOUND_DEAD_LETTER_RETENTION_DAYS * DAY_SECONDS,
    maxMessageSize,
    sqsManagedSseEnabled,
  },
};

export const inboundDeadLetterQueue = new sst.aws.Queue('InboundDeadLetterQueue', {
  fifo: true,
  transform: keepFourteenDays,
});

/** Webhook -> responder. Group = conversation, dedup id = platform event id (sent explicitly). */
export const inboundQueue = new sst.aws.Queue('InboundQueue', {
  fifo: { contentBasedDeduplication: false },
  // AWS recommends at least six times the consumer's timeout for an SQS event source, so a message
  // is not redelivered while a slow batch is still being worked on (and retries of throttled
  // invocations fit in).
  visibilityTimeout: `${RESPONDER_TIMEOUT_SECONDS * 6} seconds`,
  // A reply's retries change its record's visibility to the backoff; the receive count allows
  // every retry within the longest budget, so only our own failures reach the dead-letter queue.
  dlq: { queue: inboundDeadLetterQueue.arn, retry: INBOUND_MAX_RECEIVE_COUNT },
  transform: {
    queue: { messageRetentionSeconds: INBOUND_RETENTION_SECONDS, maxMessageSize, sqsManagedSseEnabled },
  },
});

/**
 * Hand-offs carry transcripts (personal data, payment numbers masked): kept HANDOFF_RETENTION_DAYS
 * (default 7) on the queue and as long again in its dead-letter queue (a FIFO dead-letter queue
 * counts from the move), long enough for a bridge down over a long weekend (docs/privacy.md).
 */
const handoffRetention = {
  queue: {
    messageRetentionSeconds: privacySettings(process.env).handoffRetentionDays * DAY_SECONDS,
    maxMessageSize,
    sqsManagedSseEnabled,
  },
};

export const handoffDeadLetterQueue = new sst.aws.Queue('HandoffDeadLetterQueue', {
  fifo: true,
  transform: handoffRetention,
});

/** Responder -> agents. Versioned HandoffMessage, group = conversation. */
export const handoffQueue = new sst.aws.Queue('HandoffQueue', {
  fifo: { contentBasedDeduplication: false },
  dlq: { queue: handoffDeadLetterQueue.arn, retry: MAX_RECEIVES },
  transform: handoffRetention,
});
