import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { fifoId } from '../aws/sqs.js';

/**
 * Dead-letter queues, for people: how many messages wait there and how old the oldest is, and a
 * redrive that moves them back to their source queue after a fix. The redrive is written with
 * plain receive/send/delete (it works on FIFO queues and on the local emulator alike); each
 * message keeps its group, and its deduplication id is derived from the dead-letter message, so
 * a redrive that is interrupted and run again does not send a message twice within SQS's window.
 */

export interface DeadLetterStatus {
  sourceQueueUrl: string;
  deadLetterQueueUrl: string;
  count: number;
  /** from the messages this look could see (up to `peekLimit`) */
  oldestSentAt?: string;
  oldestAgeMs?: number;
}

/** The dead-letter queue of a queue, from its redrive policy. */
export async function deadLetterQueueOf(client: SQSClient, queueUrl: string): Promise<string | undefined> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
  );
  if (!Attributes?.RedrivePolicy) return undefined;
  const arn = (JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
  const [, , , , accountId, name] = arn?.split(':') ?? [];
  if (!name) return undefined;
  const { QueueUrl } = await client.send(
    new GetQueueUrlCommand({
      QueueName: name,
      ...(accountId && /^\d{12}$/.test(accountId) ? { QueueOwnerAWSAccountId: accountId } : {}),
    }),
  );
  return QueueUrl;
}

/**
 * Counts the messages and finds the oldest by looking at up to `peekLimit` of them; they become
 * visible again at once. Looking counts as a receive, which a dead-letter queue (no redrive
 * policy of its own) does not act on.
 */
export async function deadLetterStatus(
  client: SQSClient,
  sourceQueueUrl: string,
  deadLetterQueueUrl: string,
  now: Date,
  peekLimit = 50,
): Promise<DeadLetterStatus> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: deadLetterQueueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const count =
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  let oldest: number | undefined;
  const handles: string[] = [];
  while (count > 0 && handles.length < peekLimit) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 30,
        AttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    for (const m of Messages) {
      handles.push(m.ReceiptHandle as string);
      const sent = Number(m.Attributes?.SentTimestamp);
      if (Number.isFinite(sent) && (oldest === undefined || sent < oldest)) oldest = sent;
    }
  }
  for (let i = 0; i < handles.length; i += 10) {
    await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: deadLetterQueueUrl,
        Entries: handles
          .slice(i, i + 10)
          .map((handle, j) => ({ Id: String(j), ReceiptHandle: handle, VisibilityTimeout: 0 })),
      }),
    );
  }
  return {
    sourceQueueUrl,
    deadLetterQueueUrl,
    count,
    ...(oldest === undefined
      ? {}
      : { oldestSentAt: new Date(oldest).toISOString(), oldestAgeMs: Math.max(0, now.getTime() - oldest) }),
  };
}

/** Moves up to `max` messages from the dead-letter queue back to the source queue; returns how many. */
export async function redrive(
  client: SQSClient,
  deadLetterQueueUrl: string,
  sourceQueueUrl: string,
  max = 1000,
): Promise<number> {
  const fifo = sourceQueueUrl.endsWith('.fifo');
  let moved = 0;
  while (moved < max) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: Math.min(10, max - moved),
        WaitTimeSeconds: 0,
        VisibilityTimeout: 60,
        AttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return moved;
    for (const m of Messages) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: sourceQueueUrl,
          MessageBody: m.Body ?? '',
          ...(fifo
            ? {
                MessageGroupId: m.Attributes?.MessageGroupId ?? 'redriven',
                MessageDeduplicationId: fifoId(`redrive:${m.MessageId}`),
              }
            : {}),
        }),
      );
      await client.send(
        new DeleteMessageCommand({ QueueUrl: deadLetterQueueUrl, ReceiptHandle: m.ReceiptHandle as string }),
      );
      moved++;
    }
  }
  return moved;
}
