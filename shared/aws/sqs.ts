import { createHash } from 'node:crypto';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

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
  body: string;
}

export class QueueSendError extends Error {
  override name = 'QueueSendError';
}

/**
 * Sends messages to a FIFO queue in batches of ten (the SQS maximum). Any message the queue did
 * not accept makes the whole call fail, so the caller answers 5xx and the sender retries; what
 * was already accepted is deduplicated by SQS on the retry.
 */
export async function sendFifoBatch(queueUrl: string, messages: readonly FifoMessage[]): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const chunk = messages.slice(start, start + 10);
    const result = await sqs().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((m, i) => ({
          Id: String(i),
          MessageBody: m.body,
          MessageGroupId: fifoId(m.groupId),
          MessageDeduplicationId: fifoId(m.deduplicationId),
        })),
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
