import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import dynalite from 'dynalite';
import { createSqsServer } from 'local-aws-sqs';
import { QUEUE_MAX_MESSAGE_BYTES } from '../../shared/aws/queue-body.js';
import { TABLE } from '../../shared/conversations/table.js';
import { INBOUND_MAX_RECEIVE_COUNT } from '../../shared/replies/retry-budget.js';

/**
 * The deployed topology on embedded emulators: dynalite for DynamoDB and local-aws-sqs for SQS,
 * both in this process, reached through the ordinary AWS SDK clients. Used by `npm run dev`, the
 * tests and the benchmarks.
 */
export interface LocalStackOptions {
  /** 0 = any free port */
  dynamoPort?: number;
  sqsPort?: number;
  /** keep DynamoDB data in this folder across restarts (in memory when omitted) */
  dataDir?: string;
  /** prefix for resource names, so several stacks can share emulators */
  prefix?: string;
  /** seconds a received inbound message stays invisible before it is delivered again */
  visibilityTimeoutSeconds?: number;
}

export interface LocalStack {
  tableName: string;
  inboundQueueUrl: string;
  inboundDeadLetterQueueUrl: string;
  handoffQueueUrl: string;
  handoffDeadLetterQueueUrl: string;
  dynamoEndpoint: string;
  sqsEndpoint: string;
  /** the variables that point the AWS SDK and our config at this stack */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Fixed fake credentials and one region: the emulators accept any. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
} as const;

/** As deployed (infra/queues.ts): the hand-off queue parks after 5 receives, the inbound queue after every retry a reply may take. */
const HANDOFF_MAX_RECEIVES = 5;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, indexes } = TABLE;
  const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          ...new Set([
            partitionKey,
            sortKey,
            ...Object.values(indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
          ]),
        ].map(attribute),
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Object.values(indexes).map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection:
            i.projection === 'all'
              ? { ProjectionType: 'ALL' as const }
              : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...i.projection] },
        })),
      }),
    );
  } catch (error) {
    // A data folder from an earlier run already has the table.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function createFifoQueueWithDeadLetter(
  client: SQSClient,
  name: string,
  visibilityTimeoutSeconds: number,
  maxReceiveCount: number,
): Promise<{ url: string; deadLetterUrl: string }> {
  const dead = await client.send(
    new CreateQueueCommand({
      QueueName: `${name}-dlq.fifo`,
      Attributes: {
        FifoQueue: 'true',
        MessageRetentionPeriod: String(14 * 86_400),
        MaximumMessageSize: String(QUEUE_MAX_MESSAGE_BYTES),
      },
    }),
  );
  const deadLetterUrl = dead.QueueUrl as string;
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }),
  );
  const main = await client.send(
    new CreateQueueCommand({
      QueueName: `${name}.fifo`,
      Attributes: {
        FifoQueue: 'true',
        ContentBasedDeduplication: 'false',
        MaximumMessageSize: String(QUEUE_MAX_MESSAGE_BYTES),
        VisibilityTimeout: String(visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes?.QueueArn,
          maxReceiveCount,
        }),
      },
    }),
  );
  return { url: main.QueueUrl as string, deadLetterUrl };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const prefix = options.prefix ?? 'local';
  for (const [key, value] of Object.entries(LOCAL_AWS_ENV)) process.env[key] ??= value;

  const dynamoServer = dynalite({
    path: options.dataDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynamoPort = await listen(dynamoServer, options.dynamoPort ?? 0);
  const sqsServer = await createSqsServer({
    port: options.sqsPort ?? 0,
    hostname: '127.0.0.1',
    emulateQueueCreationLifecycle: false,
  });
  if (!sqsServer.listening) await new Promise((r) => sqsServer.once('listening', r));
  const sqsPort = (sqsServer.address() as AddressInfo).port;

  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const sqsEndpoint = `http://127.0.0.1:${sqsPort}`;
  const dynamoClient = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_AWS_ENV.AWS_REGION });
  const sqsClient = new SQSClient({ endpoint: sqsEndpoint, region: LOCAL_AWS_ENV.AWS_REGION });

  const tableName = `${prefix}-conversations`;
  await createTable(dynamoClient, tableName);
  const inbound = await createFifoQueueWithDeadLetter(
    sqsClient,
    `${prefix}-inbound`,
    options.visibilityTimeoutSeconds ?? 30,
    INBOUND_MAX_RECEIVE_COUNT,
  );
  const handoff = await createFifoQueueWithDeadLetter(
    sqsClient,
    `${prefix}-handoff`,
    30,
    HANDOFF_MAX_RECEIVES,
  );
  dynamoClient.destroy();
  sqsClient.destroy();

  return {
    tableName,
    inboundQueueUrl: inbound.url,
    inboundDeadLetterQueueUrl: inbound.deadLetterUrl,
    handoffQueueUrl: handoff.url,
    handoffDeadLetterQueueUrl: handoff.deadLetterUrl,
    dynamoEndpoint,
    sqsEndpoint,
    env: {
      ...LOCAL_AWS_ENV,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      TABLE_NAME: tableName,
      INBOUND_QUEUE_URL: inbound.url,
      HANDOFF_QUEUE_URL: handoff.url,
      INBOUND_DLQ_URL: inbound.deadLetterUrl,
      HANDOFF_DLQ_URL: handoff.deadLetterUrl,
    },
    async stop() {
      await Promise.all([close(dynamoServer), close(sqsServer)]);
    },
  };
}
