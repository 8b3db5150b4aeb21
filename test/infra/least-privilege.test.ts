import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, type Role } from '../../shared/config.js';
import { DEFAULT_RETENTION } from '../../shared/conversations/retention.js';
import { plain, registry } from './registered.js';
import { type MockStack, runMockStack } from './sst-mock-stack.js';

/** What `sst secret set` would hold; the other secrets stay at their placeholder. */
const SECRETS = {
  MetaAppSecret: 'meta-app-secret',
  MetaVerifyToken: 'meta-verify-token',
  MetaAppId: '4242',
  MetaPageAccessToken: 'meta-page-token',
  MetaPageAccessTokens: '{"1234":"page-token-1234"}',
  XConsumerKey: 'x-consumer-key',
  XConsumerSecret: 'x-consumer-secret',
  XAccountId: '930524282358325248',
  XAccessToken: 'x-access-token',
  XAccessTokenSecret: 'x-access-token-secret',
  XAccountCredentials: '{"1111":{"oauth2UserToken":"x-oauth2-1111"}}',
  AgentApiKeys: 'agent-key-1',
};

let stack: MockStack;
beforeAll(async () => {
  stack = await runMockStack(SECRETS);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const { only, queue, table, arnOf, build, lambda, policyStatements } = registry(() => stack);

const tableArn = () => arnOf(table(), 'dynamodb');
const ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'];

describe('IAM statements per function', () => {
  it('lets the webhook send to the inbound queue and read and write erasure records, nothing else', () => {
    expect(policyStatements('Webhook')).toEqual([
      { effect: 'Allow', actions: ['sqs:SendMessage'], resources: [arnOf(queue('InboundQueue'), 'sqs')] },
      { effect: 'Allow', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [tableArn()] },
    ]);
  });

  it('lets the responder use the table items and indexes, delete items (erasures), send hand-offs and consume the inbound queue', () => {
    expect(policyStatements('Responder')).toEqual([
      { effect: 'Allow', actions: ITEM_ACTIONS, resources: [tableArn(), `${tableArn()}/index/*`] },
      { effect: 'Allow', actions: ['dynamodb:DeleteItem'], resources: [tableArn()] },
      { effect: 'Allow', actions: ['sqs:SendMessage'], resources: [arnOf(queue('HandoffQueue'), 'sqs')] },
      {
        effect: 'Allow',
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ChangeMessageVisibility',
        ],
        resources: [arnOf(queue('InboundQueue'), 'sqs')],
      },
    ]);
  });

  it('lets the agent API use the table items and indexes, send hand-offs and erasure jobs, and read and redrive the dead-letter queues', () => {
    expect(policyStatements('AgentApi')).toEqual([
      { effect: 'Allow', actions: ITEM_ACTIONS, resources: [tableArn(), `${tableArn()}/index/*`] },
      { effect: 'Allow', actions: ['sqs:SendMessage'], resources: [arnOf(queue('HandoffQueue'), 'sqs')] },
      { effect: 'Allow', actions: ['sqs:SendMessage'], resources: [arnOf(queue('InboundQueue'), 'sqs')] },
      {
        effect: 'Allow',
        actions: [
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
        ],
        resources: [
          arnOf(queue('InboundDeadLetterQueue'), 'sqs'),
          arnOf(queue('HandoffDeadLetterQueue'), 'sqs'),
        ],
      },
    ]);
  });

  it('lets token health update the table (flag an account), nothing else', () => {
    expect(policyStatements('TokenHealth')).toEqual([
      { effect: 'Allow', actions: ['dynamodb:UpdateItem'], resources: [tableArn()] },
    ]);
  });

  it('lets the open-cases gauge query the status index, nothing else', () => {
    expect(policyStatements('OpenCases')).toEqual([
      { effect: 'Allow', actions: ['dynamodb:Query'], resources: [`${tableArn()}/index/byStatus`] },
    ]);
  });

  it('lets only Lambda assume each function role', () => {
    for (const name of ['Webhook', 'Responder', 'AgentApi', 'TokenHealth', 'OpenCases']) {
      const role = only('aws:iam/role:Role', `${name}Role`).inputs;
      expect(JSON.parse(String(role.assumeRolePolicy))).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      });
    }
  });

  it('grants no wildcard action and no table, queue or stream administration to any function', () => {
    for (const name of ['Webhook', 'Responder', 'AgentApi', 'TokenHealth', 'OpenCases']) {
      const actions = policyStatements(name).flatMap((s) => s.actions);
      expect(actions.filter((a) => a.endsWith('*'))).toEqual([]);
      expect(actions).not.toContain('dynamodb:DeleteTable');
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('sqs:PurgeQueue');
      expect(actions).not.toContain('sqs:SetQueueAttributes');
    }
  });
});

describe('secrets per function', () => {
  const linked = (name: string) => Object.keys(build(name).links).sort();
  const X_AND_PAGES = [
    'MetaPageAccessToken',
    'MetaPageAccessTokens',
    'XAccessToken',
    'XAccessTokenSecret',
    'XAccountCredentials',
    'XAccountId',
    'XConsumerKey',
    'XConsumerSecret',
    'XOAuth2UserToken',
  ];

  it('links each function to the secrets its code reads and to no table or queue', () => {
    expect(linked('Webhook')).toEqual(
      ['MetaAppId', 'MetaAppSecret', 'MetaInstagramAppSecret', 'MetaVerifyToken', 'XConsumerSecret'].sort(),
    );
    expect(linked('Responder')).toEqual(X_AND_PAGES.sort());
    expect(linked('AgentApi')).toEqual([...X_AND_PAGES, 'AgentApiKeys'].sort());
    expect(linked('TokenHealth')).toEqual([...X_AND_PAGES, 'MetaAppId', 'MetaAppSecret'].sort());
    expect(linked('OpenCases')).toEqual([]);
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
  it('gives the webhook its queue, the table (erasure records) and signature secrets, and no platform credentials', () => {
    const config = configAsDeployed('Webhook', 'webhook');
    expect(config).toMatchObject({
      tableName: stack.outputs.tableName,
      inboundQueueUrl: stack.outputs.inboundQueueUrl,
      handoffQueueUrl: '',
      meta: { appSecret: 'meta-app-secret', verifyToken: 'meta-verify-token', appId: '4242' },
      x: { consumerSecret: 'x-consumer-secret', consumerKey: undefined, accounts: {} },
    });
    expect(config.meta.pageToken('1234')).toBeUndefined();
  });

  it('gives the responder the table, the queues and credentials per account, no signature secrets', () => {
    const config = configAsDeployed('Responder', 'responder');
    expect(config).toMatchObject({
      tableName: stack.outputs.tableName,
      inboundQueueUrl: stack.outputs.inboundQueueUrl,
      handoffQueueUrl: stack.outputs.handoffQueueUrl,
      meta: { appSecret: '', verifyToken: '' },
      x: {
        consumerKey: 'x-consumer-key',
        consumerSecret: 'x-consumer-secret',
        accounts: {
          '930524282358325248': { accessToken: 'x-access-token', accessTokenSecret: 'x-access-token-secret' },
          '1111': { oauth2UserToken: 'x-oauth2-1111' },
        },
      },
      brandsFile: 'validated-brands.json',
      agentApiKeys: undefined,
      retention: DEFAULT_RETENTION,
    });
    expect(configAsDeployed('AgentApi', 'agent').retention).toEqual(DEFAULT_RETENTION);
    expect(config.meta.pageToken('1234')).toBe('page-token-1234');
    expect(config.meta.pageToken('5678')).toBe('meta-page-token');
  });

  it('gives the agent API the table, the queues, the dead-letter queues and the agent keys', () => {
    const config = configAsDeployed('AgentApi', 'agent');
    expect(config.deadLetterQueueUrls.inbound).toMatch(/InboundDeadLetterQueue/);
    expect(config.deadLetterQueueUrls.handoff).toMatch(/HandoffDeadLetterQueue/);
    expect(config).toMatchObject({
      tableName: stack.outputs.tableName,
      inboundQueueUrl: stack.outputs.inboundQueueUrl,
      handoffQueueUrl: stack.outputs.handoffQueueUrl,
      agentApiKeys: 'agent-key-1',
    });
  });

  it('gives token health the table and the app token it checks page tokens with', () => {
    expect(configAsDeployed('TokenHealth', 'token-health')).toMatchObject({
      tableName: stack.outputs.tableName,
      meta: { appId: '4242', appSecret: 'meta-app-secret' },
    });
  });
});
