import { METRICS_NAMESPACE, OPS_METRICS } from '../shared/ops/metric-names.js';
import { agentApi, openCases, operations, responder, tokenHealth, webhook } from './functions.js';
import { handoffDeadLetterQueue, inboundDeadLetterQueue, inboundQueue } from './queues.js';
import { conversations } from './storage.js';

/**
 * Every alarm notifies this topic. An e-mail subscription comes from ALARM_EMAIL; Slack or Teams
 * subscribe through AWS Chatbot (README, docs/operations.md). The topic carries alarm states only,
 * never customer data.
 */
export const alarmTopic = new aws.sns.Topic('Alarms');

if (operations.alarmEmail) {
  new aws.sns.TopicSubscription('AlarmEmail', {
    topic: alarmTopic.arn,
    protocol: 'email',
    endpoint: operations.alarmEmail,
  });
}

const FIVE_MINUTES = 300;

interface AlarmSpec {
  /** what a person paged by it should do: shown in the notification */
  whatToDo: string;
  namespace: string;
  metricName: string;
  dimensions?: Record<string, $util.Input<string>>;
  statistic: 'Sum' | 'Maximum';
  /** the alarm fires when the statistic reaches this value in one period */
  threshold: number;
  period?: number;
}

function alarm(name: string, spec: AlarmSpec): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(`${name}Alarm`, {
    alarmDescription: spec.whatToDo,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    statistic: spec.statistic,
    period: spec.period ?? FIVE_MINUTES,
    evaluationPeriods: 1,
    threshold: spec.threshold,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    // No data means nothing happened (no messages, no errors): that is not an alarm.
    treatMissingData: 'notBreaching',
    alarmActions: [alarmTopic.arn],
    okActions: [alarmTopic.arn],
  });
}

const queueName = (queue: sst.aws.Queue) => queue.nodes.queue.name;

alarm('InboundDeadLetters', {
  whatToDo:
    'Inbound events were parked after 5 failed attempts. Read the responder logs for the cause, fix it, then redrive: npm run agent -- --dlq, then --redrive (docs/operations.md).',
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: queueName(inboundDeadLetterQueue) },
  statistic: 'Maximum',
  threshold: 1,
});

alarm('HandoffDeadLetters', {
  whatToDo:
    'Hand-offs were not taken by any agent tool after 5 receives. Check the helpdesk bridge or agent console, then redrive the hand-off dead-letter queue (docs/operations.md).',
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: queueName(handoffDeadLetterQueue) },
  statistic: 'Maximum',
  threshold: 1,
});

alarm('InboundQueueBehind', {
  whatToDo: `The oldest inbound event waited over ${operations.inboundAgeAlarmSeconds} s: customers are not being answered. Check responder errors and throttles; raise RESPONDER_MAX_CONCURRENCY if the load is real (docs/operations.md).`,
  namespace: 'AWS/SQS',
  metricName: 'ApproximateAgeOfOldestMessage',
  dimensions: { QueueName: queueName(inboundQueue) },
  statistic: 'Maximum',
  threshold: operations.inboundAgeAlarmSeconds,
  period: 60,
});

const lambdaFunctions = {
  Webhook: webhook,
  Responder: responder,
  AgentApi: agentApi,
  TokenHealth: tokenHealth,
  OpenCases: openCases,
};
const ERROR_ACTIONS: Record<keyof typeof lambdaFunctions, string> = {
  Webhook:
    'The webhook failed invocations: platforms retry, and Meta disables a webhook that fails for an hour. Read its logs now (docs/operations.md).',
  Responder:
    'The responder failed invocations: events are retried and parked after 5 attempts. Read its logs; a bad deploy is rolled back by deploying the previous commit.',
  AgentApi: 'The agent API failed requests: agents cannot act. Read its logs (docs/operations.md).',
  TokenHealth:
    'The daily token check failed: expiring or revoked tokens go unnoticed until replies fail. Read its logs.',
  OpenCases: 'The open-cases count for the dashboard failed; nothing else depends on it. Read its logs.',
};

for (const [id, fn] of Object.entries(lambdaFunctions) as [
  keyof typeof lambdaFunctions,
  sst.aws.Function,
][]) {
  const dimensions = { FunctionName: fn.name };
  alarm(`${id}Errors`, {
    whatToDo: ERROR_ACTIONS[id],
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions,
    statistic: 'Sum',
    threshold: 1,
  });
  alarm(`${id}Throttles`, {
    whatToDo: `Lambda throttled ${id}: the account's concurrency (or this function's reserved share) is used up. See the Throttles widget; raise the quota or the setting in docs/operations.md.`,
    namespace: 'AWS/Lambda',
    metricName: 'Throttles',
    dimensions,
    statistic: 'Sum',
    threshold: 1,
  });
}

alarm('Webhook5xx', {
  whatToDo:
    'The webhook answered 5xx: the inbound queue refused events or the function failed; platforms will retry. Check the queue and the webhook logs.',
  namespace: 'AWS/Lambda',
  metricName: 'Url5xxCount',
  dimensions: { FunctionName: webhook.name },
  statistic: 'Sum',
  threshold: 1,
});

alarm('AccountFlagged', {
  whatToDo:
    'An account was flagged: its token is invalid, expiring or short of permissions, or access was revoked. npm run agent shows which; re-authorise it and set the new token (docs/operations.md: rotating secrets).',
  namespace: METRICS_NAMESPACE,
  metricName: OPS_METRICS.accountFlagged,
  statistic: 'Sum',
  threshold: 1,
});

alarm('CrisisCase', {
  whatToDo:
    'A new L3 crisis/PR case was handed off. Take it in the agent console now and follow the brand crisis procedure.',
  namespace: METRICS_NAMESPACE,
  metricName: OPS_METRICS.crisisCaseOpened,
  statistic: 'Sum',
  threshold: 1,
  period: 60,
});

const tableName = conversations.name;
new aws.cloudwatch.MetricAlarm('DynamoThrottlesAlarm', {
  alarmDescription:
    'DynamoDB throttled reads or writes on the table or its index: the responder retries, but answers are late. On provisioned capacity raise TABLE_WRITE_UNITS/TABLE_READ_UNITS; on demand, look for a hot conversation.',
  metricQueries: [
    { id: 'throttles', expression: 'SUM(METRICS())', label: 'Throttle events', returnData: true },
    ...(['ReadThrottleEvents', 'WriteThrottleEvents'] as const).map((metricName, index) => ({
      id: `m${index}`,
      metric: {
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensions: { TableName: tableName },
        period: FIVE_MINUTES,
        stat: 'Sum',
      },
    })),
  ],
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: [alarmTopic.arn],
  okActions: [alarmTopic.arn],
});
