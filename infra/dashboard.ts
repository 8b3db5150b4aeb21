import { METRICS_NAMESPACE, OPS_METRICS } from '../shared/ops/metric-names.js';
import { agentApi, openCases, responder, tokenHealth, webhook } from './functions.js';
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

/** Service levels and the operations counts: nothing in them names a resource of the stage. */
function serviceWidgets(): Widget[] {
  const percentiles = (metric: string) => [serviceLevel(metric, 'p50'), serviceLevel(metric, 'p99')];
  return [
    {
      title: 'Events per platform',
      stat: 'Sum',
      metrics: [search(`{${ns},platform} MetricName="${OPS_METRICS.eventReceived}"`, 'Sum', 'events')],
    },
    { title: 'Automatic acknowledgement time (s)', metrics: percentiles('AutomaticAcknowledgementTime') },
    { title: 'Hand-off time (s)', metrics: percentiles('HandoffTime') },
    { title: 'First human response (s)', metrics: percentiles('FirstHumanResponseTime') },
    {
      title: 'Open cases by level',
      stat: 'Maximum',
      metrics: ['L1', 'L2', 'L3'].map((level) => [ns, OPS_METRICS.openCases, 'escalation', level]),
    },
    {
      title: 'Flagged accounts and crisis cases',
      stat: 'Sum',
      metrics: [
        [ns, OPS_METRICS.accountFlagged],
        [ns, OPS_METRICS.crisisCaseOpened],
      ],
    },
  ];
}

interface StageResources {
  table: string;
  /** the webhook's first */
  functions: string[];
  queues: { inbound: string; handoff: string; inboundDlq: string; handoffDlq: string };
}

/** Backlog, errors, throttles and capacity of this stage's queues, functions and table. */
function resourceWidgets({ table, functions, queues }: StageResources): Widget[] {
  const visible = (queue: string) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', queue];
  const perFunction = (metric: string) =>
    functions.map((name) => ['AWS/Lambda', metric, 'FunctionName', name]);
  const onTable = (metric: string) => ['AWS/DynamoDB', metric, 'TableName', table];
  return [
    {
      title: 'Queue backlog and dead letters',
      stat: 'Maximum',
      metrics: [
        ...[queues.inbound, queues.handoff, queues.inboundDlq, queues.handoffDlq].map(visible),
        ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', queues.inbound, { yAxis: 'right' }],
      ],
    },
    {
      title: 'Lambda errors',
      stat: 'Sum',
      metrics: [...perFunction('Errors'), ['AWS/Lambda', 'Url5xxCount', 'FunctionName', functions[0] ?? '']],
    },
    {
      title: 'Throttles (Lambda and DynamoDB)',
      stat: 'Sum',
      metrics: [...perFunction('Throttles'), onTable('ReadThrottleEvents'), onTable('WriteThrottleEvents')],
    },
    {
      title: 'DynamoDB consumed capacity',
      stat: 'Sum',
      metrics: [onTable('ConsumedReadCapacityUnits'), onTable('ConsumedWriteCapacityUnits')],
    },
  ];
}

const functionNames = [webhook.name, responder.name, agentApi.name, tokenHealth.name, openCases.name];
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
  ]).apply(([region, table, ...names]) => {
    const [inbound = '', handoff = '', inboundDlq = '', handoffDlq = ''] = names.slice(functionNames.length);
    const widgets = [
      ...serviceWidgets(),
      ...resourceWidgets({
        table,
        functions: names.slice(0, functionNames.length),
        queues: { inbound, handoff, inboundDlq, handoffDlq },
      }),
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
