import { randomUUID } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface PollerOptions {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  functionName: string;
  handler: SqsHandler;
  /** pause after an empty receive */
  idleMs?: number;
  onError?(error: unknown): void;
}

/** The Lambda context a handler gets; the deadline is that of a 30 s function. */
export function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Receives one batch (up to ten) and hands it to the handler the way Lambda's event source
 * mapping does, then deletes the messages the handler did not report as failed. Failed ones
 * become visible again after the visibility timeout, or after the delay the handler set on them
 * (a reply's backoff: the handler changes the message's visibility itself, as in Lambda), and
 * move to the dead-letter queue after the redrive policy's receive count. Returns how many
 * messages were received.
 */
export async function pollOnce(options: PollerOptions): Promise<number> {
  const { Messages = [] } = await options.client.send(
    new ReceiveMessageCommand({
      QueueUrl: options.queueUrl,
      MaxNumberOfMessages: 10,
      // Short polls: the emulator's long poll waits the full time when asked for several messages.
      WaitTimeSeconds: 0,
      AttributeNames: ['All'],
    }),
  );
  if (Messages.length === 0) return 0;
  const event: SQSEvent = {
    Records: Messages.map((m) => ({
      messageId: m.MessageId as string,
      receiptHandle: m.ReceiptHandle as string,
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp:
          m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        MessageGroupId: m.Attributes?.MessageGroupId,
        MessageDeduplicationId: m.Attributes?.MessageDeduplicationId,
        SequenceNumber: m.Attributes?.SequenceNumber,
      },
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: options.queueArn,
      awsRegion: process.env.AWS_REGION ?? 'local',
    })),
  };
  const result = await options.handler(event, lambdaContext(options.functionName));
  const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
  const done = Messages.filter((m) => !failed.has(m.MessageId as string));
  if (done.length > 0) {
    await options.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
      }),
    );
  }
  return Messages.length;
}

/** Polls sequentially (as FIFO wants) until stopped. */
export function startPoller(options: PollerOptions): { stop(): Promise<void> } {
  let running = true;
  const idleMs = options.idleMs ?? 100;
  const loop = (async () => {
    while (running) {
      try {
        if ((await pollOnce(options)) === 0) await new Promise((r) => setTimeout(r, idleMs));
      } catch (error) {
        options.onError?.(error);
        await new Promise((r) => setTimeout(r, idleMs));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
