import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE } from '../../shared/ops/metric-names.js';
import { plain, registry } from './registered.js';
import { type MockStack, runMockStack } from './sst-mock-stack.js';

let stack: MockStack;
beforeAll(async () => {
  stack = await runMockStack({ MetaAppSecret: 's', MetaVerifyToken: 't' });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const { only, all, queue, lambda } = registry(() => stack);
const alarm = (name: string) => only('aws:cloudwatch/metricAlarm:MetricAlarm', `${name}Alarm`).inputs;
const topicArn = () => `arn:aws:sns:us-east-1:123456789012:${only('aws:sns/topic:Topic', 'Alarms').name}`;

describe('alarms', () => {
  it('notify the alarm topic, going in and out of alarm, each with what to do', () => {
    const alarms = all('aws:cloudwatch/metricAlarm:MetricAlarm');
    expect(alarms.length).toBe(17);
    for (const { inputs } of alarms) {
      expect(inputs.alarmActions).toEqual([topicArn()]);
      expect(inputs.okActions).toEqual([topicArn()]);
      expect(String(inputs.alarmDescription).length).toBeGreaterThan(40);
      expect(inputs.treatMissingData).toBe('notBreaching');
    }
  });

  it('has no e-mail subscription unless ALARM_EMAIL is set', () => {
    expect(all('aws:sns/topicSubscription:TopicSubscription')).toEqual([]);
  });

  it.each([
    ['InboundDeadLetters', 'InboundDeadLetterQueue'],
    ['HandoffDeadLetters', 'HandoffDeadLetterQueue'],
  ])('%s fires on the first message in %s', (name, dlq) => {
    expect(alarm(name)).toMatchObject({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: queue(dlq).inputs.name },
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarm(name).alarmDescription).toMatch(/redrive/);
  });

  it('fires when the oldest inbound message is five minutes old', () => {
    expect(alarm('InboundQueueBehind')).toMatchObject({
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: { QueueName: queue('InboundQueue').inputs.name },
      statistic: 'Maximum',
      threshold: 300,
    });
  });

  it.each(['Webhook', 'Responder', 'AgentApi', 'TokenHealth', 'OpenCases'])(
    'watches errors and throttles of %s',
    (name) => {
      for (const metricName of ['Errors', 'Throttles']) {
        const watching = alarm(`${name}${metricName}`);
        expect(plain(watching.dimensions)).toEqual({ FunctionName: lambda(name).inputs.name });
        expect(watching).toMatchObject({
          namespace: 'AWS/Lambda',
          metricName,
          statistic: 'Sum',
          threshold: 1,
        });
      }
    },
  );

  it('fires on a 5xx answer of the webhook URL', () => {
    expect(alarm('Webhook5xx').metricName).toBe('Url5xxCount');
    expect(plain(alarm('Webhook5xx').dimensions)).toEqual({ FunctionName: lambda('Webhook').inputs.name });
  });

  it('adds DynamoDB read and write throttle events of the table', () => {
    const { metricQueries } = alarm('DynamoThrottles') as { metricQueries: Record<string, unknown>[] };
    const table = only('aws:dynamodb/table:Table', 'ConversationsTable').inputs.name;
    expect(metricQueries).toEqual([
      expect.objectContaining({ expression: 'SUM(METRICS())', returnData: true }),
      ...['ReadThrottleEvents', 'WriteThrottleEvents'].map((metricName) =>
        expect.objectContaining({
          metric: expect.objectContaining({
            namespace: 'AWS/DynamoDB',
            metricName,
            dimensions: { TableName: table },
          }),
        }),
      ),
    ]);
  });

  it.each([
    ['AccountFlagged', 'AccountFlagged', /re-authorise/],
    ['CrisisCase', 'CrisisCaseOpened', /crisis/],
  ])('%s fires on the metric %s the code emits, without dimensions', (name, metricName, action) => {
    expect(alarm(name)).toMatchObject({ namespace: METRICS_NAMESPACE, metricName, threshold: 1 });
    expect(alarm(name).dimensions).toBeUndefined();
    expect(alarm(name).alarmDescription).toMatch(action);
  });
});

describe('the operations dashboard', () => {
  const widgets = () => {
    const { dashboardBody } = only('aws:cloudwatch/dashboard:Dashboard', 'Operations').inputs;
    const body = JSON.parse(String(plain(dashboardBody)));
    return body.widgets as { properties: { title: string; metrics: unknown[]; region: string } }[];
  };

  it('shows traffic, service levels, backlog, errors, throttles and consumed capacity', () => {
    expect(widgets().map((w) => w.properties.title)).toEqual([
      'Events per platform',
      'Automatic acknowledgement time (s)',
      'Hand-off time (s)',
      'First human response (s)',
      'Open cases by level',
      'Flagged accounts and crisis cases',
      'Queue backlog and dead letters',
      'Lambda errors',
      'Throttles (Lambda and DynamoDB)',
      'DynamoDB consumed capacity',
    ]);
    for (const widget of widgets()) expect(widget.properties.region).toBe('us-east-1');
  });

  it('reads the metrics the code emits and the resources of this stage', () => {
    const body = JSON.stringify(widgets());
    expect(body).toContain('MetricName=\\"AutomaticAcknowledgementTime\\"');
    expect(body).toContain("'p99'");
    expect(body).toContain(String(queue('InboundDeadLetterQueue').inputs.name));
    expect(body).toContain(String(lambda('Responder').inputs.name));
    expect(body).toContain('ConsumedWriteCapacityUnits');
    expect(body).toContain('["SocialCareResponder","OpenCases","escalation","L3"]');
  });
});
