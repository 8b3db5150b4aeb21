import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, EVENT_RECORD_MIN_DAYS } from '../../shared/conversations/retention.js';
import { TABLE } from '../../shared/conversations/table.js';
import {
  DEFAULT_RETRY_POLICY,
  DM_WINDOW_MS,
  INBOUND_MAX_RECEIVE_COUNT,
  mostRetriesWithin,
} from '../../shared/replies/retry-budget.js';
import { plain, registry } from './registered.js';
import { type MockStack, type RegisteredResource, runMockStack } from './sst-mock-stack.js';

const FUNCTIONS = ['Webhook', 'Responder', 'AgentApi', 'TokenHealth', 'OpenCases'];
const SECRETS = { MetaAppSecret: 'meta-app-secret', MetaVerifyToken: 'meta-verify-token' };

let stack: MockStack;
beforeAll(async () => {
  stack = await runMockStack(SECRETS);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const { only, queue, lambda, arnOf, build } = registry(() => stack);

describe('Conversations table', () => {
  it('has the key design of shared/conversations/table.ts, its indexes and the TTL', () => {
    const table = only('aws:dynamodb/table:Table', 'ConversationsTable').inputs;
    expect(table.hashKey).toBe('pk');
    expect(table.rangeKey).toBe('sk');
    expect(table.billingMode).toBe('PAY_PER_REQUEST');
    expect(table.ttl).toEqual({ attributeName: TABLE.ttlAttribute, enabled: true });
    expect(table.globalSecondaryIndexes).toEqual([
      { name: 'byStatus', hashKey: 'gsi1pk', rangeKey: 'gsi1sk', projectionType: 'ALL' },
      // erasure: a customer's items by platform#userId, keys and event id only
      {
        name: 'bySubject',
        hashKey: 'subject',
        rangeKey: 'sk',
        projectionType: 'INCLUDE',
        nonKeyAttributes: ['eventId', 'conversationId'],
      },
    ]);
    expect(table.attributes).toEqual(
      ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'subject'].map((name) => ({ name, type: 'S' })),
    );
  });
});

describe('queues', () => {
  it.each([
    ['InboundQueue', 'InboundDeadLetterQueue', INBOUND_MAX_RECEIVE_COUNT, 14],
    ['HandoffQueue', 'HandoffDeadLetterQueue', 5, 7],
  ])(
    '%s is FIFO without content-based dedup and parks a message in %s after %i receives, for %i days',
    (main, dlq, receives, days) => {
      const source = queue(main).inputs;
      const dead = queue(dlq).inputs;
      for (const q of [source, dead]) {
        expect(q.fifoQueue).toBe(true);
        expect(q.contentBasedDeduplication).toBe(false);
        expect(q.name).toMatch(/\.fifo$/);
      }
      expect(JSON.parse(String(source.redrivePolicy))).toEqual({
        deadLetterTargetArn: arnOf(queue(dlq), 'sqs'),
        maxReceiveCount: receives,
      });
      expect(dead.messageRetentionSeconds).toBe(days * 24 * 3600);
    },
  );

  it('keeps a hand-off 7 days on its queue by default (HANDOFF_RETENTION_DAYS)', () => {
    expect(queue('HandoffQueue').inputs.messageRetentionSeconds).toBe(7 * 24 * 3600);
  });

  it('keeps event records longer than an event can wait on the inbound queue and its dead-letter queue', () => {
    const seconds = (name: string) => Number(queue(name).inputs.messageRetentionSeconds);
    const longestWait = seconds('InboundQueue') + seconds('InboundDeadLetterQueue');
    expect(EVENT_RECORD_MIN_DAYS * 24 * 3600).toBeGreaterThan(longestWait);
    expect(DEFAULT_RETENTION.eventDays).toBeGreaterThanOrEqual(EVENT_RECORD_MIN_DAYS);
  });

  it('keeps an inbound event for longer than any reply is retried, and parks it only after every retry', () => {
    expect(queue('InboundQueue').inputs.messageRetentionSeconds).toBeGreaterThan(DM_WINDOW_MS / 1000);
    expect(INBOUND_MAX_RECEIVE_COUNT).toBeGreaterThan(
      2 * mostRetriesWithin(DM_WINDOW_MS, DEFAULT_RETRY_POLICY),
    );
  });

  it('keeps an inbound message invisible for six responder timeouts', () => {
    const responderTimeout = Number(lambda('Responder').inputs.timeout);
    expect(responderTimeout).toBe(60);
    expect(queue('InboundQueue').inputs.visibilityTimeoutSeconds).toBe(6 * responderTimeout);
  });

  it('feeds the inbound queue to the responder in batches of 10 with partial batch responses', () => {
    const mappings = stack.resources.filter(
      (r) => r.type === 'aws:lambda/eventSourceMapping:EventSourceMapping',
    );
    expect(mappings).toHaveLength(1);
    const mapping = (mappings[0] as RegisteredResource).inputs;
    expect(mapping.eventSourceArn).toBe(arnOf(queue('InboundQueue'), 'sqs'));
    expect(plain(mapping.functionName)).toBe(arnOf(lambda('Responder'), 'lambda'));
    expect(mapping.functionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.batchSize).toBe(10);
  });
});

describe('functions', () => {
  it.each([
    ['Webhook', 'functions/webhook.handler', 10],
    ['Responder', 'functions/responder.handler', 60],
    ['AgentApi', 'functions/agent-api.handler', 30],
  ])('%s runs %s on nodejs22.x arm64 with 512 MB and a %i s timeout', (name, handler, timeout) => {
    const fn = lambda(name).inputs;
    expect(fn).toMatchObject({ runtime: 'nodejs22.x', architectures: ['arm64'], memorySize: 512, timeout });
    const bundled = build(name);
    expect(bundled.handler).toBe(handler);
    expect(bundled.properties).toMatchObject({ architecture: 'arm64', minify: true, format: 'esm' });
  });

  it('splits the webhook bundle so the SDK is parsed only when a delivery needs it', () => {
    expect(build('Webhook').properties).toMatchObject({ splitting: true });
  });

  it("splits the responder bundle so the policy's trigram model is parsed only when a text needs it", () => {
    expect(build('Responder').properties).toMatchObject({ splitting: true });
  });

  it('ships the brand files, as the deploy validated them, with the functions that read them', () => {
    for (const name of ['Responder', 'AgentApi', 'TokenHealth']) {
      expect(build(name).copyFiles).toEqual([
        { from: join(stack.root, '.build/validated-brands.json'), to: 'validated-brands.json', isDir: false },
      ]);
      expect(plain(lambda(name).inputs.environment)).toMatchObject({
        variables: { BRANDS_FILE: 'validated-brands.json' },
      });
    }
  });
});

describe('entry points', () => {
  it('serves the webhooks on the webhook function URL, open to the platforms', () => {
    const url = only('aws:lambda/functionUrl:FunctionUrl', 'WebhookUrl');
    expect(url.inputs.authorizationType).toBe('NONE');
    expect(stack.resources.filter((r) => r.type === 'aws:lambda/functionUrl:FunctionUrl')).toHaveLength(1);
  });

  it('gives every function the same key for the hashes its logs show instead of conversation ids', () => {
    const keys = FUNCTIONS.map(
      (name) =>
        (plain(lambda(name).inputs.environment) as { variables: Record<string, string> }).variables
          .LOG_HASH_KEY,
    );
    expect(keys[0]).toMatch(/^[\w-]{43}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it('writes JSON logs and leaves out the platform lines below WARN', () => {
    for (const name of FUNCTIONS) {
      expect(plain(lambda(name).inputs.loggingConfig)).toMatchObject({
        logFormat: 'JSON',
        systemLogLevel: 'WARN',
      });
    }
  });

  it('routes the agent API through the HTTP API with payload format 2.0', () => {
    const integrations = new Map(
      stack.resources
        .filter((r) => r.type === 'aws:apigatewayv2/integration:Integration')
        .map((r) => [`integrations/${r.name}-id`, r.inputs]),
    );
    const routes = stack.resources
      .filter((r) => r.type === 'aws:apigatewayv2/route:Route')
      .map((r) => {
        const integration = integrations.get(String(r.inputs.target));
        expect(integration?.payloadFormatVersion).toBe('2.0');
        return [r.inputs.routeKey, plain(integration?.integrationUri)];
      });
    expect(Object.fromEntries(routes)).toEqual({
      'ANY /agent/{proxy+}': arnOf(lambda('AgentApi'), 'lambda'),
      'ANY /inbox': arnOf(lambda('AgentApi'), 'lambda'),
      'ANY /inbox/{proxy+}': arnOf(lambda('AgentApi'), 'lambda'),
    });
  });
});

describe('stack outputs', () => {
  it('name the API, the webhook URLs, the queues and the table', () => {
    const { outputs } = stack;
    expect(outputs.apiUrl).toMatch(/^https:\/\//);
    expect(outputs.metaWebhookUrl).toMatch(/^https:\/\/.+\/webhooks\/meta$/);
    expect(outputs.xWebhookUrl).toMatch(/^https:\/\/.+\/webhooks\/x$/);
    expect(outputs.metaWebhookUrl).not.toContain(String(outputs.apiUrl));
    expect(outputs.tableName).toBe(only('aws:dynamodb/table:Table', 'ConversationsTable').inputs.name);
    for (const name of ['InboundQueue', 'InboundDeadLetterQueue', 'HandoffQueue', 'HandoffDeadLetterQueue']) {
      const key = `${name[0]?.toLowerCase()}${name.slice(1)}Url`;
      expect(outputs[key]).toBe(
        `https://sqs.us-east-1.amazonaws.com/123456789012/${queue(name).inputs.name}`,
      );
    }
  });
});

describe('explicit defaults on a development stage', () => {
  it('leaves deletion protection and point-in-time recovery off, encryption at rest on', () => {
    const table = only('aws:dynamodb/table:Table', 'ConversationsTable').inputs;
    expect(table.deletionProtectionEnabled).toBe(false);
    expect(table.pointInTimeRecovery).toEqual({ enabled: false });
    expect(table.serverSideEncryption).toEqual({ enabled: true });
  });

  it('encrypts every queue at rest with SQS-managed keys', () => {
    for (const name of ['InboundQueue', 'InboundDeadLetterQueue', 'HandoffQueue', 'HandoffDeadLetterQueue']) {
      expect(queue(name).inputs.sqsManagedSseEnabled).toBe(true);
    }
  });

  it('keeps each function log for a month and leaves X-Ray tracing off', () => {
    for (const name of FUNCTIONS) {
      expect(only('aws:cloudwatch/logGroup:LogGroup', `${name}LogGroup`).inputs.retentionInDays).toBe(30);
      expect(lambda(name).inputs.tracingConfig).toEqual({ mode: 'PassThrough' });
    }
  });

  it('reserves 50 executions for the webhook and lets at most 10 responders run', () => {
    expect(lambda('Webhook').inputs.reservedConcurrentExecutions).toBe(50);
    for (const name of FUNCTIONS.slice(1)) {
      expect(lambda(name).inputs.reservedConcurrentExecutions).toBeUndefined();
    }
    const mapping = only('aws:lambda/eventSourceMapping:EventSourceMapping', 'InboundQueueSubscriber').inputs;
    expect(mapping.scalingConfig).toEqual({ maximumConcurrency: 10 });
  });

  it('throttles the agent API stage at 20 requests per second with a burst of 40', () => {
    const apiStage = only('aws:apigatewayv2/stage:Stage', 'ApiStage').inputs;
    expect(apiStage.defaultRouteSettings).toEqual({ throttlingRateLimit: 20, throttlingBurstLimit: 40 });
  });

  it.each([
    ['TokenHealth', 'rate(1 day)'],
    ['OpenCases', 'rate(5 minutes)'],
  ])('runs %s on the schedule %s', (name, schedule) => {
    const rule = only('aws:cloudwatch/eventRule:EventRule', `${name}ScheduleRule`).inputs;
    expect(rule.scheduleExpression).toBe(schedule);
    const target = only('aws:cloudwatch/eventTarget:EventTarget', `${name}ScheduleTarget`).inputs;
    expect(plain(target.arn)).toBe(arnOf(lambda(name), 'lambda'));
  });
});
