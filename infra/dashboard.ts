import { METRICS_NAMESPACE, OPS_METRICS } from '../shared/ops/metric-names.js';
import { agentApi, responder, tokenHealth, webhook } from './functions.js';
import { handoffDeadLetterQueue, handoffQueue, inboundDeadLetterQueue, inboundQueue } from './queues.js';
import { conversations } from './storage.js';

/**
 * One CloudWatch dashboard for the stage: traffic, service levels, backlog, errors and capacity.
 * Service-level metrics carry the Powertools `service` dimension besides platform and escalation,
 * so their widgets use SEARCH, which finds every combination.
 */
const FIVE_MINUTES = 300;
const ns = METRICS_NAMESPACE;

type MetricRow = (string | Record<string, unknown>)[];

interface Widget {
  title: string;
  metrics: MetricRow[];
  stat?: string;
}

const search = (expression: string, stat: string, label: string): MetricRow => [
  {
    expression: `SEARCH('${expression}', '${stat}', ${FIVE_MINUTES})`,
    label,
    id: `e${label.replace(/\W/g, '')}`,
  },
];

const serviceLevel = (metric: string, stat: string) =>
  search(`{${ns},escalation,platform,service} MetricName="${metric}"`, stat, `${metric} ${stat}`);

const functionNames = [webhook.name, responder.name, agentApi.name, tokenHealth.name];
const queueNames = [inboundQueue, handoffQueue, inboundDeadLetterQueue, handoffDeadLetterQueue].map(
  (queue) => queue.nodes.queue.name,
);

export const dashboard = new aws.cloudwatch.Dashboard('Operations', {
  dashboardName: $interpolate`${$app.name}-${$app.stage}-operations`,
  dashboardBody: $resolve([
    aws.getRegionOutput().region,
    conversations.name,
    ...functionNames,
    ...queueNames,
  ]).apply(([region, table, webhookName, responderName, agentApiName, tokenHealthName, ...queues]) => {
    const [inbound, handoff, inboundDlq, handoffDlq] = queues;
    const lambdas = [webhookName, responderName, agentApiName, tokenHealthName];
    const widgets: Widget[] = [
      {
        title: 'Events per platform',
        stat: 'Sum',
        metrics: [search(`{${ns},platform} MetricName="${OPS_METRICS.eventReceived}"`, 'Sum', 'events')],
      },
      {
        title: 'Automatic acknowledgement time (s)',
        metrics: [
          serviceLevel('AutomaticAcknowledgementTime', 'p50'),
          serviceLevel('AutomaticAcknowledgementTime', 'p99'),
        ],
      },
      {
        title: 'Hand-off time (s)',
        metrics: [serviceLevel('HandoffTime', 'p50'), serviceLevel('HandoffTime', 'p99')],
      },
      {
        title: 'First human response (s)',
        metrics: [
          serviceLevel('FirstHumanResponseTime', 'p50'),
          serviceLevel('FirstHumanResponseTime', 'p99'),
        ],
      },
      {
        title: 'Cases handed off by level (new hand-offs, 5 min)',
        metrics: [serviceLevel('HandoffTime', 'SampleCount')],
      },
      {
        title: 'Flagged accounts and crisis cases',
        stat: 'Sum',
        metrics: [
          [ns, OPS_METRICS.accountFlagged],
          [ns, OPS_METRICS.crisisCaseOpened],
        ],
      },
      {
        title: 'Queue backlog and dead letters',
        stat: 'Maximum',
        metrics: [
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', inbound],
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', handoff],
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', inboundDlq],
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', handoffDlq],
          ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', inbound, { yAxis: 'right' }],
        ],
      },
      {
        title: 'Lambda errors',
        stat: 'Sum',
        metrics: [
          ...lambdas.map((name) => ['AWS/Lambda', 'Errors', 'FunctionName', name]),
          ['AWS/Lambda', 'Url5xxCount', 'FunctionName', webhookName],
        ],
      },
      {
        title: 'Throttles (Lambda and DynamoDB)',
        stat: 'Sum',
        metrics: [
          ...lambdas.map((name) => ['AWS/Lambda', 'Throttles', 'FunctionName', name]),
          ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', table],
          ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', table],
        ],
      },
      {
        title: 'DynamoDB consumed capacity',
        stat: 'Sum',
        metrics: [
          ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', table],
          ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', 'TableName', table],
        ],
      },
    ];
    return JSON.stringify({
      widgets: widgets.map((widget, index) => ({
        type: 'metric',
        x: (index % 2) * 12,
        y: Math.floor(index / 2) * 6,
        width: 12,
        height: 6,
        properties: {
          title: widget.title,
          region,
          view: 'timeSeries',
          period: FIVE_MINUTES,
          ...(widget.stat ? { stat: widget.stat } : {}),
          metrics: widget.metrics,
        },
      })),
    });
  }),
});
