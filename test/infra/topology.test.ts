import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, type Role } from '../../shared/config.js';
import { TABLE } from '../../shared/conversations/table.js';
import {
  DEFAULT_RETRY_POLICY,
  DM_WINDOW_MS,
  INBOUND_MAX_RECEIVE_COUNT,
  mostRetriesWithin,
} from '../../shared/replies/retry-budget.js';
import {
  APP_NAME,
  type FunctionBuild,
  type MockStack,
  type RegisteredResource,
  runMockStack,
} from './sst-mock-stack.js';

/** What `sst secret set` would hold; MetaInstagramAppSecret and XOAuth2UserToken stay at their placeholder. */
const SECRETS = {
  MetaAppSecret: 'meta-app-secret',
  MetaVerifyToken: 'meta-verify-token',
  MetaPageAccessToken: 'meta-page-token',
  MetaPageAccessTokens: '{"1234":"page-token-1234"}',
  XConsumerKey: 'x-consumer-key',
  XConsumerSecret: 'x-consumer-secret',
  XAccessToken: 'x-access-token',
  XAccessTokenSecret: 'x-access-token-secret',
  AgentApiKeys: 'agent-key-1',
};
const ALL_SECRET_NAMES = [...Object.keys(SECRETS), 'MetaInstagramAppSecret', 'XOAuth2UserToken'];

let stack: MockStack;
beforeAll(async () => {
  stack = await runMockStack(SECRETS);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

function only(type: string, namePrefix: string): RegisteredResource {
  const found = stack.resources.filter((r) => r.type === type && r.name.startsWith(namePrefix));
  expect(found.map((r) => r.name)).toHaveLength(1);
  return found[0] as RegisteredResource;
}

/** Pulumi hands secret-tainted values to the engine wrapped as `{ <signature>: ..., value }`. */
function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && '4dabf18193072939515e22adb298388d' in value && 'value' in value) {
    return value.value;
  }
  return value;
}

const queue = (name: string) => only('aws:sqs/queue:Queue', `${name}Queue`);
const lambda = (name: string) => only('aws:lambda/function:Function', `${name}Function`);
const arnOf = (resource: RegisteredResource, service: string) =>
  `arn:aws:${service}:us-east-1:123456789012:${service === 'lambda' ? 'function:' : ''}${resource.inputs.name}`;

function build(functionID: string): FunctionBuild {
  const found = stack.builds.filter((b) => b.functionID === functionID);
  expect(found).toHaveLength(1);
  return found[0] as FunctionBuild;
}

describe('$config', () => {
  it('retains and protects production only', () => {
    expect(stack.config.app({ stage: 'production' })).toEqual({
      name: APP_NAME,
      home: 'aws',
      removal: 'retain',
      protect: true,
    });
    expect(stack.config.app({ stage: 'staging' })).toMatchObject({ removal: 'remove', protect: false });
  });
});

describe('Conversations table', () => {
  it('has the key design of shared/conversations/table.ts, its index and the TTL', () => {
    const table = only('aws:dynamodb/table:Table', 'ConversationsTable').inputs;
    expect(table.hashKey).toBe('pk');
    expect(table.rangeKey).toBe('sk');
    expect(table.billingMode).toBe('PAY_PER_REQUEST');
    expect(table.ttl).toEqual({ attributeName: TABLE.ttlAttribute, enabled: true });
    expect(table.globalSecondaryIndexes).toEqual([
      { name: 'byStatus', hashKey: 'gsi1pk', rangeKey: 'gsi1sk', projectionType: 'ALL' },
    ]);
    expect(table.attributes).toEqual(['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({ name, type: 'S' })));
  });
});

describe('queues', () => {
  it.each([
    ['InboundQueue', 'InboundDeadLetterQueue', INBOUND_MAX_RECEIVE_COUNT],
    ['HandoffQueue', 'HandoffDeadLetterQueue', 5],
  ])(
    '%s is FIFO without content-based dedup and parks a message in %s after %i receives',
    (main, dlq, receives) => {
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
      expect(dead.messageRetentionSeconds).toBe(14 * 24 * 3600);
    },
  );

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
    expect(build('Responder').properties.splitting).toBeFalsy();
  });

  it('links each function to what it uses, and the webhook to nothing else', () => {
    expect(Object.keys(build('Webhook').links).sort()).toEqual(
      [
        'InboundQueue',
        'MetaAppSecret',
        'MetaInstagramAppSecret',
        'MetaVerifyToken',
        'XConsumerSecret',
      ].sort(),
    );
    expect(Object.keys(build('Responder').links).sort()).toEqual(
      ['Conversations', 'InboundQueue', 'HandoffQueue', ...ALL_SECRET_NAMES].sort(),
    );
    expect(Object.keys(build('AgentApi').links).sort()).toEqual(
      ['Conversations', 'HandoffQueue', ...ALL_SECRET_NAMES].sort(),
    );
    const webhookPolicy = JSON.stringify(only('aws:iam/role:Role', 'WebhookRole').inputs.inlinePolicies);
    expect(webhookPolicy).toContain(arnOf(queue('InboundQueue'), 'sqs'));
    expect(webhookPolicy).not.toContain('dynamodb');
    expect(webhookPolicy).not.toContain(arnOf(queue('HandoffQueue'), 'sqs'));
  });

  it('ships the brand files with the responder and the agent API', () => {
    for (const name of ['Responder', 'AgentApi']) {
      expect(build(name).copyFiles).toEqual([
        { from: join(stack.root, 'brands'), to: 'brands', isDir: true },
      ]);
      expect(plain(lambda(name).inputs.environment)).toMatchObject({ variables: { BRANDS_DIR: 'brands' } });
    }
  });
});

describe('entry points', () => {
  it('serves the webhooks on the webhook function URL, open to the platforms', () => {
    const url = only('aws:lambda/functionUrl:FunctionUrl', 'WebhookUrl');
    expect(url.inputs.authorizationType).toBe('NONE');
    expect(stack.resources.filter((r) => r.type === 'aws:lambda/functionUrl:FunctionUrl')).toHaveLength(1);
  });

  it('writes JSON logs and leaves out the platform lines below WARN', () => {
    for (const name of ['Webhook', 'Responder', 'AgentApi']) {
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

/**
 * shared/config.ts as each deployed function would build it: the function's environment variables,
 * and its links the way SST's `Resource` serves them (SST encrypts them into the bundle; here they
 * are placed in the store `Resource` reads).
 */
function configAsDeployed(functionID: string, role: Role) {
  const store = (globalThis as { __SST_RESOURCE_RAW__?: Record<string, unknown> }).__SST_RESOURCE_RAW__;
  if (!store) throw new Error('sst/resource was not loaded');
  for (const key of Object.keys(store)) delete store[key];
  Object.assign(store, build(functionID).links);
  const environment = plain(lambda(functionID).inputs.environment) as { variables: Record<string, string> };
  return buildConfig(role, environment.variables);
}

describe('configuration as deployed', () => {
  it('gives the responder every value from its links, placeholders read as not set', () => {
    const config = configAsDeployed('Responder', 'responder');
    expect(config).toMatchObject({
      tableName: stack.outputs.tableName,
      inboundQueueUrl: stack.outputs.inboundQueueUrl,
      handoffQueueUrl: stack.outputs.handoffQueueUrl,
      meta: { appSecret: 'meta-app-secret', verifyToken: 'meta-verify-token', instagramAppSecret: undefined },
      x: {
        consumerKey: 'x-consumer-key',
        consumerSecret: 'x-consumer-secret',
        accessToken: 'x-access-token',
        accessTokenSecret: 'x-access-token-secret',
        oauth2UserToken: undefined,
      },
      brandsDir: 'brands',
      agentApiKeys: 'agent-key-1',
    });
    expect(config.meta.pageToken('1234')).toBe('page-token-1234');
    expect(config.meta.pageToken('5678')).toBe('meta-page-token');
  });

  it('lets the webhook and the agent API build a valid config without links they do not need', () => {
    const webhook = configAsDeployed('Webhook', 'webhook');
    expect(webhook).toMatchObject({
      tableName: '',
      inboundQueueUrl: stack.outputs.inboundQueueUrl,
      handoffQueueUrl: '',
      meta: { appSecret: 'meta-app-secret', verifyToken: 'meta-verify-token' },
      x: { consumerSecret: 'x-consumer-secret', consumerKey: undefined, accessToken: undefined },
    });
    expect(webhook.meta.pageToken('1234')).toBeUndefined();

    const agentApi = configAsDeployed('AgentApi', 'agent');
    expect(agentApi).toMatchObject({
      tableName: stack.outputs.tableName,
      inboundQueueUrl: '',
      handoffQueueUrl: stack.outputs.handoffQueueUrl,
      agentApiKeys: 'agent-key-1',
    });
  });
});
