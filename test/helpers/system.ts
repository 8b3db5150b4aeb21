import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Hono } from 'hono';
import { graphStandIn, type PlatformStandIn, xApiStandIn } from '../../devkit/platform-stand-ins.js';
import { validatedBrandsFile } from '../../devkit/validated-brands.js';
import { pollOnce } from '../../infra/local/poller.js';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import { sendFifoBatch } from '../../shared/aws/sqs.js';
import { buildConfig, type Config } from '../../shared/config.js';
import type { InboundEvent } from '../../shared/events.js';
import {
  type ErasedHandoff,
  type HandoffMessage,
  HandoffQueueMessageSchema,
} from '../../shared/handoff/schema.js';
import type { Log } from '../../shared/log.js';
import { signMetaBody } from '../../shared/platforms/meta/signature.js';
import { signXBody, X_SIGNATURE_HEADER } from '../../shared/platforms/x/signature.js';
import { createResponderDeps } from '../../shared/responder/deps.js';
import type { EventOutcome, ResponderDeps } from '../../shared/responder/handle-event.js';
import { createResponderHandler } from '../../shared/responder/sqs-handler.js';
import { createWebhookApp, webhookSettings } from '../../shared/webhook/app.js';
import { dataDeletionDeps } from '../../shared/webhook/data-deletion.js';
import { enqueueInboundEvents } from '../../shared/webhook/enqueue.js';

export const TEST_SECRETS = {
  META_APP_SECRET: 'test-meta-app-secret',
  META_VERIFY_TOKEN: 'test-verify-token',
  /** the brand's page and IG account have tokens; any other account has none (dry runs) */
  META_PAGE_ACCESS_TOKENS: JSON.stringify({
    '123456789': 'test-page-token',
    '17841400538867190': 'test-page-token',
  }),
  X_CONSUMER_KEY: 'test-x-consumer-key',
  X_CONSUMER_SECRET: 'test-x-consumer-secret',
  /** the brand's X account; X tokens act for it only */
  X_ACCOUNT_ID: '930524282358325248',
  X_ACCESS_TOKEN: 'test-x-access-token',
  X_ACCESS_TOKEN_SECRET: 'test-x-access-token-secret',
} as const;

export interface CollectedLog extends Log {
  lines: Array<{ level: string; message: string; extra: unknown[] }>;
}

/** Collects every line; `also` receives each one too (a test renders them as production does). */
export function collectingLog(also?: Log): CollectedLog {
  const lines: CollectedLog['lines'] = [];
  const at =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, ...extra: unknown[]) => {
      lines.push({ level, message, extra });
      (also?.[level] as ((message: string, ...extra: unknown[]) => void) | undefined)?.(message, ...extra);
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TestSystem {
  stack: LocalStack;
  config: Config;
  graph: PlatformStandIn;
  xApi: PlatformStandIn;
  webhook: Hono;
  deps: ResponderDeps;
  log: CollectedLog;
  outcomes: EventOutcome[];
  /** sets the responder's clock; `undefined` gives it real time again */
  setNow(date: Date | undefined): void;
  /** sends a delivery to the webhook signed as Meta would */
  postMeta(
    body: string | Uint8Array,
    options?: { secret?: string; signature?: string | null },
  ): Promise<Response>;
  /** sends a delivery to the webhook signed as X would */
  postX(
    body: string | Uint8Array,
    options?: { secret?: string; signature?: string | null },
  ): Promise<Response>;
  /** every event the webhook put on the inbound queue */
  enqueued: InboundEvent[];
  /**
   * Puts events on the inbound queue again under fresh deduplication ids, as a delivery the queue
   * cannot deduplicate (a platform retry after the window, a redelivery), and drains the queue.
   */
  redeliver(events: readonly InboundEvent[]): Promise<void>;
  /** puts an event on the inbound dead-letter queue, as if the responder had failed on it five times */
  parkOnInboundDeadLetters(event: InboundEvent): Promise<void>;
  /** waits until messages whose handling failed are visible again (the queue's visibility timeout) */
  waitForRedelivery(): Promise<void>;
  /** runs the responder over the inbound queue until no message is visible */
  drainInbound(): Promise<number>;
  /** receives (and deletes) every hand-off message currently on the queue; `erased` ones go to `erasedHandoffs` */
  takeHandoffs(): Promise<HandoffMessage[]>;
  erasedHandoffs: ErasedHandoff[];
  stop(): Promise<void>;
}

/**
 * The real system on in-process emulators: the webhook app, the inbound FIFO queue, the
 * responder handler Lambda runs, DynamoDB, the hand-off queue, and a recording stand-in for the
 * Graph API. Nothing of ours is replaced.
 */
export async function startTestSystem(
  options: { visibilityTimeoutSeconds?: number; env?: Record<string, string>; log?: Log } = {},
): Promise<TestSystem> {
  // Long enough that a slow first run (cold imports) is not redelivered while it is still running.
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 3;
  const stack = await startLocalStack({ visibilityTimeoutSeconds });
  Object.assign(process.env, stack.env);
  const graph = graphStandIn();
  await graph.start();
  const xApi = xApiStandIn();
  await xApi.start();
  const config = buildConfig('all', {
    ...stack.env,
    ...TEST_SECRETS,
    META_GRAPH_URL: graph.url,
    X_API_URL: xApi.url,
    BRANDS_FILE: validatedBrandsFile(),
    // Short, so a platform that stalls fails the call soon; long enough for a busy machine.
    PLATFORM_TIMEOUT_MS: '2000',
    ...options.env,
  });
  const log = collectingLog(options.log);
  // Real time unless a test sets the clock.
  let now: Date | undefined;
  // Retries after about a second, so a test waits one visibility timeout, not the real backoff.
  const deps = {
    ...createResponderDeps(config, log, () => now ?? new Date()),
    retryPolicy: { baseMs: 1000, capMs: 1000, random: () => 0 },
  };
  const outcomes: EventOutcome[] = [];
  const responder = createResponderHandler(deps, {
    onOutcome: (outcome) => {
      outcomes.push(outcome);
    },
  });
  const enqueued: InboundEvent[] = [];
  const erasedHandoffs: ErasedHandoff[] = [];
  const webhook = createWebhookApp({
    settings: webhookSettings(config),
    enqueue: async (events) => {
      await enqueueInboundEvents(config.inboundQueueUrl, events);
      enqueued.push(...events);
    },
    log,
    dataDeletion: dataDeletionDeps(config, () => now ?? new Date()),
  });
  const sqs = new SQSClient({});
  let redeliveries = 0;
  async function drainInbound(): Promise<number> {
    let total = 0;
    for (;;) {
      const received = await pollOnce({
        client: sqs,
        queueUrl: stack.inboundQueueUrl,
        queueArn: 'arn:aws:sqs:local:000000000000:local-inbound.fifo',
        functionName: 'responder',
        handler: responder,
      });
      if (received === 0) return total;
      total += received;
    }
  }

  return {
    stack,
    config,
    graph,
    xApi,
    webhook,
    deps,
    log,
    outcomes,
    enqueued,
    erasedHandoffs,
    setNow(date) {
      now = date;
    },
    async redeliver(events) {
      redeliveries++;
      await sendFifoBatch(
        config.inboundQueueUrl,
        events.map((event) => ({
          groupId: event.threadKey,
          deduplicationId: `${event.eventId}#redelivery${redeliveries}`,
          payload: event,
        })),
      );
      await drainInbound();
    },
    async parkOnInboundDeadLetters(event) {
      await sendFifoBatch(stack.inboundDeadLetterQueueUrl, [
        { groupId: event.threadKey, deduplicationId: `dlq-${event.eventId}`, payload: event },
      ]);
    },
    async postMeta(body, opts = {}) {
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const signature =
        opts.signature === undefined
          ? signMetaBody(bytes, opts.secret ?? config.meta.appSecret)
          : opts.signature;
      return webhook.request('/webhooks/meta', {
        method: 'POST',
        body: bytes,
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
      });
    },
    async postX(body, opts = {}) {
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const signature =
        opts.signature === undefined
          ? signXBody(bytes, opts.secret ?? TEST_SECRETS.X_CONSUMER_SECRET)
          : opts.signature;
      return webhook.request('/webhooks/x', {
        method: 'POST',
        body: bytes,
        headers: {
          'content-type': 'application/json',
          ...(signature ? { [X_SIGNATURE_HEADER]: signature } : {}),
        },
      });
    },
    waitForRedelivery() {
      return new Promise((resolve) => setTimeout(resolve, visibilityTimeoutSeconds * 1000 + 100));
    },
    drainInbound,
    async takeHandoffs() {
      const messages: HandoffMessage[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: stack.handoffQueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
          }),
        );
        if (Messages.length === 0) return messages;
        for (const m of Messages) {
          const message = HandoffQueueMessageSchema.parse(JSON.parse(m.Body ?? ''));
          if (message.type === 'erased') erasedHandoffs.push(message);
          else messages.push(message);
        }
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: stack.handoffQueueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
          }),
        );
      }
    },
    async stop() {
      sqs.destroy();
      await graph.stop();
      await xApi.stop();
      await stack.stop();
    },
  };
}

export { graphStandIn, signMetaBody, xApiStandIn };
