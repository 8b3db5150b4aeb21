import { createHash } from 'node:crypto';
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_MAX_MESSAGE_BYTES, queueBodyBytes, serialiseQueueBody } from './queue-body.js';

/** One client per container; `AWS_ENDPOINT_URL_SQS` points it at the emulator locally. */
let client: SQSClient | undefined;

export function sqs(): SQSClient {
  client ??= new SQSClient({});
  return client;
}

const FIFO_ID = /^[\w!"#$%&'()*+,\-./:;<=>?@[\\\]^`{|}~]{1,128}$/;

/** FIFO group and dedup ids allow 128 printable ASCII characters: longer or other ids are hashed. */
export function fifoId(value: string): string {
  return FIFO_ID.test(value) ? value : createHash('sha256').update(value).digest('hex');
}

export interface FifoMessage {
  groupId: string;
  deduplicationId: string;
  /** serialised here, so every body on our queues is JSON SQS accepts */
  payload: unknown;
}

export class QueueSendError extends Error {
  override name = 'QueueSendError';
}

/**
 * Sends messages to a FIFO queue in batches of at most ten (the SQS maximum) and at most
 * QUEUE_MAX_MESSAGE_BYTES together (a batch request has a size limit of its own). Any message the
 * queue did not accept makes the whole call fail, so the caller answers 5xx and the sender
 * retries; what was already accepted is deduplicated by SQS on the retry.
 */
export async function sendFifoBatch(queueUrl: string, messages: readonly FifoMessage[]): Promise<void> {
  const entries = messages.map((m) => ({
    MessageBody: serialiseQueueBody(m.payload),
    MessageGroupId: fifoId(m.groupId),
    MessageDeduplicationId: fifoId(m.deduplicationId),
  }));
  for (const chunk of batches(entries)) {
    const result = await sqs().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((entry, i) => ({ Id: String(i), ...entry })),
      }),
    );
    if (result.Failed?.length) {
      const reasons = result.Failed.map((f) => `${f.Code}: ${f.Message ?? ''}`).join('; ');
      throw new QueueSendError(
        `queue refused ${result.Failed.length} of ${chunk.length} messages (${reasons})`,
      );
    }
  }
}

function batches<T extends { MessageBody: string }>(entries: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = queueBodyBytes(entry.MessageBody);
    if (current.length === 10 || (current.length > 0 && bytes + size > QUEUE_MAX_MESSAGE_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Hides a received message for `seconds`: it is received again when they are over. */
export async function hideMessage(queueUrl: string, receiptHandle: string, seconds: number): Promise<void> {
  await sqs().send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: seconds,
    }),
  );
}
