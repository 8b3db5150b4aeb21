import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { DynamoUse, PipelineFigures } from '../devkit/cost.js';
import { httpApiEvent, signedMetaEvent } from '../devkit/lambda-event.js';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
} from '../devkit/payloads.js';
import type { RecordedCall, RecordingServer } from '../devkit/recording-server.js';
import { lambdaContext, pollOnce, type SqsHandler } from '../infra/local/poller.js';
import type { LocalStack } from '../infra/local/stack.js';
import { dynamo } from '../shared/aws/dynamo.js';
import { sqs } from '../shared/aws/sqs.js';
import type { InboundEvent } from '../shared/events.js';
import { normaliseMetaDelivery } from '../shared/platforms/meta/normalise.js';
import { normaliseXDelivery } from '../shared/platforms/x/normalise.js';
import { signXBody } from '../shared/platforms/x/signature.js';
import { BENCH_SECRETS } from './env.js';
import { percentile, round, withOutputDiscarded } from './stats.js';

type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResult>;

const FACEBOOK_PAGE = '123456789';
const INSTAGRAM_ACCOUNT = '17841400538867190';
const X_ACCOUNT = '930524282358325248';

const SIMPLE_TEXTS = [
  'Danke, hat geklappt!',
  'Wie lange dauert der Versand nach Österreich?',
  'Thanks for the quick help',
];
const COMPLEX_TEXTS = [
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!',
  'My parcel was delivered to the wrong address and nobody answers the hotline. I want a refund now.',
];

interface BenchDelivery {
  /** the key every reply call to this event carries: comment id, DM sender, tweet id */
  target: string;
  event: APIGatewayProxyEventV2;
  inbound: InboundEvent[];
}

let sequence = 0;
const uniqueDigits = (prefix: string) => `${prefix}${Date.now()}${String(++sequence).padStart(5, '0')}`;

/** Event `index` of the mix: Facebook and Instagram comments and DMs, X mentions and DMs; 2 of 5 complex. */
function delivery(index: number): BenchDelivery {
  const text =
    index % 5 < 2
      ? (COMPLEX_TEXTS[index % COMPLEX_TEXTS.length] as string)
      : (SIMPLE_TEXTS[index % 3] as string);
  const kind = index % 6;
  const id = uniqueDigits('7');
  const meta = (payload: unknown, target: string): BenchDelivery => {
    return {
      target,
      event: signedMetaEvent(payload, BENCH_SECRETS.META_APP_SECRET),
      inbound: normaliseMetaDelivery(payload).events,
    };
  };
  const x = (raw: string, target: string): BenchDelivery => ({
    target,
    event: httpApiEvent({
      method: 'POST',
      path: '/webhooks/x',
      headers: {
        'content-type': 'application/json',
        'x-twitter-webhooks-signature': signXBody(raw, BENCH_SECRETS.X_CONSUMER_SECRET),
      },
      body: new TextEncoder().encode(raw),
    }),
    inbound: normaliseXDelivery(raw).events,
  });
  switch (kind) {
    case 0:
      return meta(
        facebookCommentDelivery({
          pageId: FACEBOOK_PAGE,
          postId: `${FACEBOOK_PAGE}_5${id}`,
          commentId: `5${id}_${id}`,
          text,
        }),
        `5${id}_${id}`,
      );
    case 1:
      return meta(instagramCommentDelivery({ pageId: INSTAGRAM_ACCOUNT, commentId: id, text }), id);
    case 2:
      return meta(
        messengerDelivery({ platform: 'facebook', accountId: FACEBOOK_PAGE, senderId: id, text }),
        id,
      );
    case 3:
      return meta(
        messengerDelivery({ platform: 'instagram', accountId: INSTAGRAM_ACCOUNT, senderId: id, text }),
        id,
      );
    case 4:
      return x(
        xMentionAccountActivity({ accountId: X_ACCOUNT, accountHandle: 'ParcelExpress', tweetId: id, text }),
        id,
      );
    default:
      return x(xDirectMessageAccountActivity({ accountId: X_ACCOUNT, customerId: id, text }), id);
  }
}

/** The event a reply call answers, read from the call the way each platform API addresses it. */
function replyTarget(call: RecordedCall): string | undefined {
  const underComment = /\/([^/]+)\/(?:comments|replies)$/.exec(call.path);
  if (underComment) return underComment[1];
  const xDm = /^\/2\/dm_conversations\/with\/([^/]+)\/messages$/.exec(call.path);
  if (xDm) return xDm[1];
  const json = call.json as
    | { reply?: { in_reply_to_tweet_id?: string }; recipient?: { comment_id?: string; id?: string } }
    | undefined;
  if (call.path === '/2/tweets') return json?.reply?.in_reply_to_tweet_id;
  if (call.path.endsWith('/messages')) return json?.recipient?.comment_id ?? json?.recipient?.id;
  return undefined;
}

/** Answers every Graph and X API call successfully with a fresh id, and notes when each arrived. */
export function platformStandIn(server: RecordingServer, arrivals: Map<number, number>): void {
  server.on((call, index) => {
    arrivals.set(index, performance.now());
    if (call.path === '/2/tweets') return { status: 201, body: { data: { id: `19${index}`, text: 'ok' } } };
    if (call.path.startsWith('/2/dm_conversations/')) {
      return { status: 201, body: { data: { dm_conversation_id: 'c', dm_event_id: `18${index}` } } };
    }
    if (call.path.endsWith('/comments') || call.path.endsWith('/replies')) {
      return { status: 200, body: { id: `reply_${index}` } };
    }
    if (call.path.endsWith('/messages')) {
      return { status: 200, body: { recipient_id: 'psid', message_id: `m_${index}` } };
    }
    return undefined;
  });
}

/** Counts the SDK commands a client sends, by name. */
function countCommands(client: SQSClient, counts: Map<string, number>) {
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
}

/** Keys arrive as plain values (document client) or marshalled (`{ S: ... }`), depending on the step. */
type KeyValue = string | { S?: string } | undefined;
type DynamoInput = {
  Key?: Record<string, KeyValue>;
  Item?: Record<string, KeyValue>;
  UpdateExpression?: string;
  ReturnConsumedCapacity?: string;
};
type Capacity = { WriteCapacityUnits?: number; ReadCapacityUnits?: number; CapacityUnits?: number };

/** `PutItem CONV/MSG`: the command and the kind of item (key prefixes), so the store's calls read as a bill. */
function itemKind(command: string, input: DynamoInput): string {
  const key = input.Key ?? input.Item;
  const prefix = (value: KeyValue) => (typeof value === 'string' ? value : value?.S)?.split('#')[0] ?? '-';
  return `${command.replace(/Command$/, '')} ${prefix(key?.pk)}/${prefix(key?.sk)}`;
}

/**
 * Counts every DynamoDB call by command and item kind, and asks for the consumed capacity
 * (ReturnConsumedCapacity only adds a field to the answer; dynalite computes it as DynamoDB does).
 */
function meterDynamo(client: SQSClient, use: Map<string, DynamoUse>) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as DynamoInput;
      const kind = itemKind(context.commandName ?? 'unknown', input);
      const entry = use.get(kind) ?? { calls: 0, writeUnits: 0, readUnits: 0, conditionalFailures: 0 };
      use.set(kind, entry);
      entry.calls++;
      input.ReturnConsumedCapacity = 'INDEXES';
      try {
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: Capacity & { Table?: Capacity } };
        const consumed = output.ConsumedCapacity;
        const write = consumed?.WriteCapacityUnits ?? 0;
        const read = consumed?.ReadCapacityUnits ?? 0;
        // dynalite reports CapacityUnits only; which kind it is follows from the command.
        const total = consumed?.CapacityUnits ?? write + read;
        if (/^(Put|Update|Delete|BatchWrite)/.test(kind)) entry.writeUnits += write || total;
        else entry.readUnits += read || total;
        if (input.Item?.subject !== undefined || /\bsubject\b/.test(input.UpdateExpression ?? '')) {
          entry.subjectIndexWrites = (entry.subjectIndexWrites ?? 0) + 1;
        }
        return result;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') entry.conditionalFailures++;
        throw error;
      }
    },
    { step: 'initialize', name: 'benchDynamoMeter' },
  );
}

async function emulatorFloor(stack: LocalStack, messages: number, puts: number) {
  const client = new SQSClient({});
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({ QueueName: 'bench-floor.fifo', Attributes: { FifoQueue: 'true' } }),
  );
  let started = performance.now();
  for (let i = 0; i < messages; i++) {
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          {
            Id: '0',
            MessageBody: '{}',
            MessageGroupId: `g${i % 50}`,
            MessageDeduplicationId: uniqueDigits('f'),
          },
        ],
      }),
    );
  }
  let received = 0;
  while (received < messages) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) break;
    received += Messages.length;
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
      }),
    );
  }
  const sqsMs = performance.now() - started;
  client.destroy();

  started = performance.now();
  for (let i = 0; i < puts; i++) {
    await dynamo().send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { pk: `FLOOR#${i}`, sk: 'META', text: 'x'.repeat(200), expiresAt: 0 },
      }),
    );
  }
  const dynamoMs = performance.now() - started;
  return { sqsMessagesPerSec: (1000 * received) / sqsMs, dynamoPutsPerSec: (1000 * puts) / dynamoMs };
}

/**
 * The whole pipeline on the local stack: signed deliveries through the webhook entry point into
 * the inbound FIFO queue, the responder entry point fed by the local poller (sequential, as the
 * emulator's FIFO semantics need), replies to the platform stand-in, hand-offs to their queue.
 * Phase one is a burst of `events` (30% redelivered: half as the platform's retry of the same
 * bytes, half as the queue delivering an event again after its dedup window): events/s. Phase two
 * sends `pacedEvents` one at a time: the time from receipt to the acknowledgement call.
 */
export async function benchPipeline(options: {
  stack: LocalStack;
  platform: RecordingServer;
  events: number;
  pacedEvents: number;
}): Promise<PipelineFigures> {
  const { stack, platform } = options;
  const arrivals = new Map<number, number>();
  const { handler: webhook } = (await import('../functions/webhook.js')) as { handler: LambdaHttpHandler };
  const { handler: responder } = (await import('../functions/responder.js')) as { handler: SqsHandler };
  const dynamoUse = new Map<string, DynamoUse>();
  const sqsCounts = new Map<string, number>();
  meterDynamo(dynamo() as unknown as SQSClient, dynamoUse);
  countCommands(sqs(), sqsCounts);
  const pollerClient = new SQSClient({});
  let invocations = 0;
  const poll = async () => {
    const received = await pollOnce({
      client: pollerClient,
      queueUrl: stack.inboundQueueUrl,
      queueArn: 'arn:aws:sqs:local:000000000000:bench-inbound.fifo',
      functionName: 'responder',
      handler: responder,
    });
    if (received > 0) invocations++;
    return received;
  };
  const context = lambdaContext('webhook');
  const post = async (d: BenchDelivery) => {
    const result = await webhook(d.event, context);
    if (result.statusCode !== 200) throw new Error(`webhook answered ${result.statusCode}: ${result.body}`);
  };

  const logged = { bytes: 0, lines: 0 };
  return withOutputDiscarded(async () => {
    platform.reset();
    platformStandIn(platform, arrivals);
    sqsCounts.clear();
    invocations = 0;
    const floor = await emulatorFloor(stack, 200, 300);
    dynamoUse.clear();
    logged.bytes = 0;
    logged.lines = 0;

    // Phase one: the burst.
    const burst = Array.from({ length: options.events }, (_, i) => delivery(i));
    const retried = burst.filter((_, i) => i % 10 < 3);
    const sameBytes = retried.filter((_, i) => i % 2 === 0);
    const late = retried.filter((_, i) => i % 2 === 1);
    const receivedAt = new Map<string, number>();
    let draining = true;
    const started = performance.now();
    let lastHandled = started;
    const drain = (async () => {
      let idle = 0;
      while (draining || idle < 2) {
        if ((await poll()) > 0) {
          lastHandled = performance.now();
          idle = 0;
        } else {
          idle++;
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    })();
    const queue = [...burst, ...sameBytes];
    const workers = Array.from({ length: 4 }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        if (!receivedAt.has(d.target)) receivedAt.set(d.target, performance.now());
        await post(d);
      }
    });
    await Promise.all(workers);
    // The queue hands an event over again after its five-minute dedup window (a Meta retry hours later).
    const lateEntries = late.flatMap((d) => d.inbound);
    for (let i = 0; i < lateEntries.length; i += 10) {
      await sqs().send(
        new SendMessageBatchCommand({
          QueueUrl: stack.inboundQueueUrl,
          Entries: lateEntries.slice(i, i + 10).map((event, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify(event),
            MessageGroupId: createHash('sha256').update(event.threadKey).digest('hex'),
            MessageDeduplicationId: `late-${createHash('sha256').update(event.eventId).digest('hex')}`,
          })),
        }),
      );
    }
    draining = false;
    await drain;
    const burstMs = lastHandled - started;
    const burstDynamo = Object.fromEntries([...dynamoUse].map(([kind, use]) => [kind, { ...use }]));
    const burstSqs = [...sqsCounts.values()].reduce((a, b) => a + b, 0);
    const burstInvocations = invocations;
    const burstLog = { ...logged };

    // Phase two: one event at a time, each waited for.
    const paced = Array.from({ length: options.pacedEvents }, (_, i) => delivery(i));
    for (const d of paced) {
      receivedAt.set(d.target, performance.now());
      await post(d);
      while ((await poll()) === 0) await new Promise((r) => setTimeout(r, 1));
    }

    const firstReply = new Map<string, number>();
    const seen = new Map<string, number>();
    let duplicates = 0;
    platform.calls.forEach((call, index) => {
      const target = replyTarget(call);
      if (!target) return;
      const at = arrivals.get(index) ?? Number.NaN;
      if (!firstReply.has(target)) firstReply.set(target, at);
      const key = `${call.method} ${call.path} ${call.body}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if ((seen.get(key) ?? 0) > 1) duplicates++;
    });
    const ackMs = (deliveries: BenchDelivery[]) =>
      deliveries.flatMap((d) => {
        const replied = firstReply.get(d.target);
        const received = receivedAt.get(d.target);
        return replied !== undefined && received !== undefined ? [replied - received] : [];
      });
    const burstAck = ackMs(burst);
    const pacedAck = ackMs(paced);

    const { Attributes } = await pollerClient.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack.handoffQueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    const dynamoTotal = (field: Exclude<keyof DynamoUse, 'subjectIndexWrites'>) =>
      Object.values(burstDynamo).reduce((sum, use) => sum + use[field], 0);
    const dynamoPerEvent = dynamoTotal('calls') / options.events;
    // Per event: one send (webhook), a tenth of a receive and of a delete (batches of ten).
    const floorEventsPerSec = 1 / (1 / floor.sqsMessagesPerSec + dynamoPerEvent / floor.dynamoPutsPerSec);
    const eventsPerSec = (1000 * options.events) / burstMs;
    pollerClient.destroy();
    return {
      events: options.events,
      deliveries: options.events + sameBytes.length,
      redeliveredSameBytes: sameBytes.length,
      redeliveredAfterDedupWindow: late.length,
      eventsPerSec: round(eventsPerSec, 1),
      ackP50Ms: round(percentile(pacedAck, 50), 1),
      ackP99Ms: round(percentile(pacedAck, 99), 1),
      pacedEvents: options.pacedEvents,
      burstAckP50Ms: round(percentile(burstAck, 50), 1),
      burstAckP99Ms: round(percentile(burstAck, 99), 1),
      acknowledged: burstAck.length + pacedAck.length,
      replyCalls: platform.calls.length,
      duplicateReplies: duplicates,
      handoffs: Number(Attributes?.ApproximateNumberOfMessages ?? 0),
      responderInvocations: burstInvocations,
      dynamoCallsPerEvent: round(dynamoPerEvent, 2),
      // A refused conditional write is billed as one write unit at least.
      dynamoWriteUnitsPerEvent: round(
        (dynamoTotal('writeUnits') + dynamoTotal('conditionalFailures')) / options.events,
        2,
      ),
      dynamoReadUnitsPerEvent: round(dynamoTotal('readUnits') / options.events, 2),
      dynamoIndexWriteUnitsPerEvent: round(
        (Object.entries(burstDynamo)
          .filter(
            ([kind]) => kind.endsWith('CONV/META') && !kind.startsWith('Get') && !kind.startsWith('Query'),
          )
          .reduce((sum, [, use]) => sum + use.writeUnits, 0) +
          Object.values(burstDynamo).reduce((sum, use) => sum + (use.subjectIndexWrites ?? 0), 0)) /
          options.events,
        2,
      ),
      logBytesPerEvent: Math.round(burstLog.bytes / options.events),
      logLinesPerEvent: round(burstLog.lines / options.events, 2),
      dynamoByItem: burstDynamo,
      // the poller's receive and delete stand for the event source mapping's
      sqsCallsPerEvent: round((burstSqs + 2 * burstInvocations) / options.events, 2),
      floorSqsMessagesPerSec: round(floor.sqsMessagesPerSec, 1),
      floorDynamoPutsPerSec: round(floor.dynamoPutsPerSec, 1),
      floorEventsPerSec: round(floorEventsPerSec, 1),
      ratioToFloor: round(eventsPerSec / floorEventsPerSec, 3),
    };
  }, logged);
}
