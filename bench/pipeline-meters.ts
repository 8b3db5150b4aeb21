import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoUse } from '../devkit/cost.js';
import type { LocalStack } from '../infra/local/stack.js';
import { dynamo } from '../shared/aws/dynamo.js';
import { uniqueDigits } from './env.js';

/** What the pipeline bench counts: SDK commands, DynamoDB use by item kind, and the emulators' own speed. */

/** Counts the SDK commands a client sends, by name. */
export function countCommands(client: SQSClient, counts: Map<string, number>) {
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
}

/** Keys arrive as plain values (document client) or marshalled (`{ S: ... }`), depending on the step. */
type KeyValue = string | { S?: string } | undefined;
type DynamoInput = {
  Key?: Record<string, KeyValue>;
  Item?: Record<string, KeyValue>;
  UpdateExpression?: string;
  ReturnConsumedCapacity?: string;
};
type Capacity = { WriteCapacityUnits?: number; ReadCapacityUnits?: number; CapacityUnits?: number };

/** `PutItem CONV/MSG`: the command and the kind of item (key prefixes), so the store's calls read as a bill. */
function itemKind(command: string, input: DynamoInput): string {
  const key = input.Key ?? input.Item;
  const prefix = (value: KeyValue) => (typeof value === 'string' ? value : value?.S)?.split('#')[0] ?? '-';
  return `${command.replace(/Command$/, '')} ${prefix(key?.pk)}/${prefix(key?.sk)}`;
}

/**
 * Counts every DynamoDB call by command and item kind, and asks for the consumed capacity
 * (ReturnConsumedCapacity only adds a field to the answer; dynalite computes it as DynamoDB does).
 */
export function meterDynamo(client: SQSClient, use: Map<string, DynamoUse>) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as DynamoInput;
      const kind = itemKind(context.commandName ?? 'unknown', input);
      const entry = use.get(kind) ?? { calls: 0, writeUnits: 0, readUnits: 0, conditionalFailures: 0 };
      use.set(kind, entry);
      entry.calls++;
      input.ReturnConsumedCapacity = 'INDEXES';
      try {
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: Capacity & { Table?: Capacity } };
        const consumed = output.ConsumedCapacity;
        const write = consumed?.WriteCapacityUnits ?? 0;
        const read = consumed?.ReadCapacityUnits ?? 0;
        // dynalite reports CapacityUnits only; which kind it is follows from the command.
        const total = consumed?.CapacityUnits ?? write + read;
        if (/^(Put|Update|Delete|BatchWrite)/.test(kind)) entry.writeUnits += write || total;
        else entry.readUnits += read || total;
        if (input.Item?.subject !== undefined || /\bsubject\b/.test(input.UpdateExpression ?? '')) {
          entry.subjectIndexWrites = (entry.subjectIndexWrites ?? 0) + 1;
        }
        return result;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') entry.conditionalFailures++;
        throw error;
      }
    },
    { step: 'initialize', name: 'benchDynamoMeter' },
  );
}

export async function emulatorFloor(stack: LocalStack, messages: number, puts: number) {
  const client = new SQSClient({});
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({ QueueName: 'bench-floor.fifo', Attributes: { FifoQueue: 'true' } }),
  );
  let started = performance.now();
  for (let i = 0; i < messages; i++) {
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          {
            Id: '0',
            MessageBody: '{}',
            MessageGroupId: `g${i % 50}`,
            MessageDeduplicationId: uniqueDigits('f'),
          },
        ],
      }),
    );
  }
  let received = 0;
  while (received < messages) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) break;
    received += Messages.length;
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
      }),
    );
  }
  const sqsMs = performance.now() - started;
  client.destroy();

  started = performance.now();
  for (let i = 0; i < puts; i++) {
    await dynamo().send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { pk: `FLOOR#${i}`, sk: 'META', text: 'x'.repeat(200), expiresAt: 0 },
      }),
    );
  }
  const dynamoMs = performance.now() - started;
  return { sqsMessagesPerSec: (1000 * received) / sqsMs, dynamoPutsPerSec: (1000 * puts) / dynamoMs };
}
