import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { validatedBrandsFile } from '../devkit/validated-brands.js';
import { type LocalStack, startLocalStack } from '../infra/local/stack.js';

let sequence = 0;
/** Fresh numeric ids for the bench's comments, senders and queue messages: the queue and the store deduplicate repeats. */
export const uniqueDigits = (prefix = '') => `${prefix}${Date.now()}${String(++sequence).padStart(5, '0')}`;

/** Secrets the bench's system runs with; the brand's page and Instagram account have tokens. */
export const BENCH_SECRETS = {
  META_APP_SECRET: 'bench-meta-app-secret',
  META_VERIFY_TOKEN: 'bench-verify-token',
  META_PAGE_ACCESS_TOKENS: JSON.stringify({
    '123456789': 'bench-page-token',
    '17841400538867190': 'bench-page-token',
  }),
  X_CONSUMER_KEY: 'bench-x-consumer-key',
  X_CONSUMER_SECRET: 'bench-x-consumer-secret',
  X_ACCOUNT_ID: '930524282358325248',
  X_ACCESS_TOKEN: 'bench-x-access-token',
  X_ACCESS_TOKEN_SECRET: 'bench-x-access-token-secret',
} as const;

/**
 * One local stack for the whole run, and the process environment the Lambda entry points read
 * their config from at import (so it is set before any of them is imported).
 */
export async function startBenchStack(platformApiUrl: string): Promise<LocalStack> {
  const stack = await startLocalStack({ prefix: 'bench', visibilityTimeoutSeconds: 30 });
  Object.assign(process.env, stack.env, BENCH_SECRETS, {
    META_GRAPH_URL: platformApiUrl,
    X_API_URL: platformApiUrl,
    BRANDS_FILE: validatedBrandsFile(),
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  return stack;
}

/**
 * Runs `fn` with INBOUND_QUEUE_URL (read by bundles at import and by fresh processes) pointing at a
 * FIFO queue of its own, so what a section sends never reaches the pipeline's inbound queue.
 */
export async function withOwnInboundQueue<T>(name: string, fn: (queueUrl: string) => Promise<T>): Promise<T> {
  const client = new SQSClient({});
  const { QueueUrl = '' } = await client.send(
    new CreateQueueCommand({ QueueName: name, Attributes: { FifoQueue: 'true' } }),
  );
  client.destroy();
  const inbound = process.env.INBOUND_QUEUE_URL;
  process.env.INBOUND_QUEUE_URL = QueueUrl;
  try {
    return await fn(QueueUrl);
  } finally {
    process.env.INBOUND_QUEUE_URL = inbound;
  }
}
