import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProtectedStage, operationsSettings, privacySettings } from '../../infra/settings.js';
import { plain, registry } from './registered.js';
import { APP_NAME, type MockStack, runMockStack } from './sst-mock-stack.js';

/** Deploy-time settings a platform team might choose for its production stage. */
const PRODUCTION_SETTINGS = {
  ALARM_EMAIL: 'oncall@example.com',
  TRACING: 'active',
  LOG_RETENTION: '3 months',
  WEBHOOK_RESERVED_CONCURRENCY: '0',
  RESPONDER_MAX_CONCURRENCY: '25',
  AGENT_API_RATE_LIMIT: '5',
  INBOUND_AGE_ALARM_SECONDS: '120',
  RETENTION_DAYS: '90',
  EVENT_RETENTION_DAYS: '30',
  BURST_RETENTION_DAYS: '2',
  HANDOFF_RETENTION_DAYS: '3',
};

let stack: MockStack;
beforeAll(async () => {
  Object.assign(process.env, PRODUCTION_SETTINGS);
  stack = await runMockStack({ MetaAppSecret: 's', MetaVerifyToken: 't' }, { stage: 'prod' });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  for (const name of Object.keys(PRODUCTION_SETTINGS)) delete process.env[name];
});

const { only, all, lambda, table, queue, policyStatements } = registry(() => stack);

describe('$config', () => {
  it('retains and protects prod and production, the stages the README deploys to', async () => {
    for (const stage of ['prod', 'production']) {
      expect(await stack.config.app({ stage })).toEqual({
        name: APP_NAME,
        home: 'aws',
        removal: 'retain',
        protect: true,
      });
    }
    for (const stage of ['staging', 'dev', 'alice']) {
      expect(await stack.config.app({ stage })).toMatchObject({ removal: 'remove', protect: false });
    }
  });

  it('imports nothing at the top of sst.config.ts (SST refuses a config that does)', () => {
    const config = readFileSync(join(stack.root, 'sst.config.ts'), 'utf8');
    expect(config.split('\n').filter((line) => /^\s*import\s/.test(line))).toEqual([]);
  });

  it('protects the stages PROTECTED_STAGES lists instead, when it is set', () => {
    const env = { PROTECTED_STAGES: 'live, eu-live' };
    expect(isProtectedStage('eu-live', env)).toBe(true);
    expect(isProtectedStage('prod', env)).toBe(false);
    expect(isProtectedStage('prod', { PROTECTED_STAGES: ' ' })).toBe(true);
  });
});

describe('a protected stage (prod)', () => {
  it('turns on deletion protection and point-in-time recovery on the table', () => {
    expect(table().inputs).toMatchObject({
      deletionProtectionEnabled: true,
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
    });
  });
});

describe('deploy-time settings', () => {
  it('subscribe ALARM_EMAIL to the alarm topic', () => {
    const subscription = only('aws:sns/topicSubscription:TopicSubscription', 'AlarmEmail').inputs;
    expect(subscription).toMatchObject({ protocol: 'email', endpoint: 'oncall@example.com' });
    expect(subscription.topic).toMatch(/^arn:aws:sns:us-east-1:123456789012:Alarms/);
  });

  it('turn on X-Ray tracing, with the permission to send traces, and keep logs for LOG_RETENTION', () => {
    for (const name of ['Webhook', 'Responder', 'AgentApi', 'TokenHealth', 'OpenCases']) {
      expect(lambda(name).inputs.tracingConfig).toEqual({ mode: 'Active' });
      expect(policyStatements(name)).toContainEqual(
        expect.objectContaining({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      );
      expect(only('aws:cloudwatch/logGroup:LogGroup', `${name}LogGroup`).inputs.retentionInDays).toBe(90);
    }
    expect(only('aws:cloudwatch/logGroup:LogGroup', 'ApiAccessLog').inputs.retentionInDays).toBe(90);
  });

  it('reserve nothing for the webhook at 0, and bound the responder and the agent API as set', () => {
    expect(lambda('Webhook').inputs.reservedConcurrentExecutions).toBeUndefined();
    const [mapping] = all('aws:lambda/eventSourceMapping:EventSourceMapping');
    expect(mapping?.inputs.scalingConfig).toEqual({ maximumConcurrency: 25 });
    const apiStage = only('aws:apigatewayv2/stage:Stage', 'ApiStage').inputs;
    expect(apiStage.defaultRouteSettings).toEqual({ throttlingRateLimit: 5, throttlingBurstLimit: 10 });
  });

  it('raise the backlog alarm at INBOUND_AGE_ALARM_SECONDS', () => {
    expect(only('aws:cloudwatch/metricAlarm:MetricAlarm', 'InboundQueueBehindAlarm').inputs.threshold).toBe(
      120,
    );
  });

  it('give the functions that write the table the retention set (RETENTION_DAYS and the others)', () => {
    for (const name of ['Responder', 'AgentApi']) {
      expect(plain(lambda(name).inputs.environment)).toMatchObject({
        variables: { RETENTION_DAYS: '90', EVENT_RETENTION_DAYS: '30', BURST_RETENTION_DAYS: '2' },
      });
    }
  });

  it('keep hand-offs HANDOFF_RETENTION_DAYS on the queue and in its dead-letter queue', () => {
    for (const name of ['HandoffQueue', 'HandoffDeadLetterQueue']) {
      expect(queue(name).inputs.messageRetentionSeconds).toBe(3 * 24 * 3600);
    }
  });

  it.each([
    [{ RETENTION_DAYS: '5' }, /RETENTION_DAYS must be a whole number of days from 30 to 3650, not 5/],
    [{ EVENT_RETENTION_DAYS: '14' }, /EVENT_RETENTION_DAYS must be a whole number of days from 19 to 90/],
    [{ BURST_RETENTION_DAYS: 'one' }, /BURST_RETENTION_DAYS must be a whole number of days from 1 to 7/],
    [{ HANDOFF_RETENTION_DAYS: '15' }, /HANDOFF_RETENTION_DAYS must be a whole number from 1 to 14/],
  ])('stop the deploy on the retention %o', (env, message) => {
    expect(() => privacySettings(env)).toThrow(message);
  });

  it.each([
    [{ LOG_RETENTION: '2 days' }, /LOG_RETENTION must be one of/],
    [{ TRACING: 'on' }, /TRACING must be active or off/],
    [{ RESPONDER_MAX_CONCURRENCY: '1' }, /RESPONDER_MAX_CONCURRENCY must be a whole number from 2 to 1000/],
    [{ WEBHOOK_RESERVED_CONCURRENCY: '-5' }, /WEBHOOK_RESERVED_CONCURRENCY must be a whole number/],
    [{ AGENT_API_RATE_LIMIT: 'fast' }, /AGENT_API_RATE_LIMIT must be a whole number/],
    [{ ALARM_EMAIL: 'oncall' }, /ALARM_EMAIL must be an e-mail address/],
    [{ INBOUND_AGE_ALARM_SECONDS: '10' }, /INBOUND_AGE_ALARM_SECONDS must be a whole number from 60/],
    [{ LOG_HASH_KEY: 'short' }, /LOG_HASH_KEY must be at least 16 characters/],
  ])('stop the deploy on %o', (env, message) => {
    expect(() => operationsSettings(env)).toThrow(message);
  });
});
