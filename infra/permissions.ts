import { TABLE } from '../shared/conversations/table.js';
import { handoffDeadLetterQueue, handoffQueue, inboundDeadLetterQueue, inboundQueue } from './queues.js';
import { conversations } from './storage.js';

/**
 * The IAM statements of each function, listing only the actions its code calls on the resources
 * it uses. Functions are not `link`ed to the table and queues: SST's links grant `dynamodb:*` and
 * `sqs:*` (DeleteTable, PurgeQueue, SetQueueAttributes included). They get names and URLs as
 * environment variables instead (see `resourceEnvironment`).
 */
export interface Statement {
  actions: string[];
  resources: $util.Input<string>[];
}

const tableAndIndexes = [conversations.arn, $interpolate`${conversations.arn}/index/*`];

/** The store's item and query actions (shared/conversations/): no scans, deletes or table actions. */
const readAndWriteItems: Statement = {
  actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
  resources: tableAndIndexes,
};

/** SendMessageBatch is authorised by sqs:SendMessage. */
const sendTo = (queue: sst.aws.Queue): Statement => ({
  actions: ['sqs:SendMessage'],
  resources: [queue.arn],
});

/**
 * The webhook hands deliveries and erasure jobs to the inbound queue; Meta's data deletion callback
 * writes the erasure's record and its status page reads it.
 */
export const webhookStatements: Statement[] = [
  sendTo(inboundQueue),
  { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [conversations.arn] },
];

/** Erasures (GDPR) delete a customer's items; run by the responder from the inbound queue. */
const deleteItems: Statement = { actions: ['dynamodb:DeleteItem'], resources: [conversations.arn] };

export const responderStatements: Statement[] = [
  readAndWriteItems,
  deleteItems,
  sendTo(handoffQueue),
  {
    // The event source mapping receives, deletes and reads the queue's attributes in the function's
    // name; the responder delays a retry by changing a message's visibility.
    actions: [
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:ChangeMessageVisibility',
    ],
    resources: [inboundQueue.arn],
  },
];

/**
 * The agent service: the cases in the table, hand-offs when a person escalates or releases,
 * erasure jobs on the inbound queue (the responder runs them), and the dead-letter queues (their
 * status, and a supervisor's redrive back to the inbound and hand-off queues).
 */
export const agentApiStatements: Statement[] = [
  readAndWriteItems,
  sendTo(handoffQueue),
  sendTo(inboundQueue),
  {
    actions: [
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
    ],
    resources: [inboundDeadLetterQueue.arn, handoffDeadLetterQueue.arn],
  },
];

/** Token health flags an account on the table, nothing else. */
export const tokenHealthStatements: Statement[] = [
  { actions: ['dynamodb:UpdateItem'], resources: [conversations.arn] },
];

/** The open-cases gauge reads the status index, nothing else. */
export const openCasesStatements: Statement[] = [
  {
    actions: ['dynamodb:Query'],
    resources: [$interpolate`${conversations.arn}/index/${TABLE.indexes.byStatus.name}`],
  },
];

/** X-Ray's daemon in Lambda sends segments in the function's name when tracing is active. */
export const tracingStatement: Statement = {
  actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  resources: ['*'],
};

/** What shared/config.ts reads from plain environment variables when no link provides it. */
export const resourceEnvironment = {
  table: { TABLE_NAME: conversations.name },
  inbound: { INBOUND_QUEUE_URL: inboundQueue.url },
  handoff: { HANDOFF_QUEUE_URL: handoffQueue.url },
  deadLetters: { INBOUND_DLQ_URL: inboundDeadLetterQueue.url, HANDOFF_DLQ_URL: handoffDeadLetterQueue.url },
};
