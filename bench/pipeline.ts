import { createHash } from 'node:crypto';
import { GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { DynamoUse, PipelineFigures } from '../devkit/cost.js';
import type { RecordingServer } from '../devkit/recording-server.js';
import { lambdaContext, pollOnce, type SqsHandler } from '../infra/local/poller.js';
import type { LocalStack } from '../infra/local/stack.js';
import { dynamo } from '../shared/aws/dynamo.js';
import { sqs } from '../shared/aws/sqs.js';
import { countCommands, emulatorFloor, meterDynamo } from './pipeline-meters.js';
import { type BenchDelivery, delivery, platformStandIn, replyTarget } from './pipeline-traffic.js';
import { percentile, round, withOutputDiscarded } from './stats.js';

type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResult>;

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
  const counted = { invocations: 0 };
  const poll = async () => {
    const received = await pollOnce({
      client: pollerClient,
      queueUrl: stack.inboundQueueUrl,
      queueArn: 'arn:aws:sqs:local:000000000000:bench-inbound.fifo',
      functionName: 'responder',
      handler: responder,
    });
    if (received > 0) counted.invocations++;
    return received;
  };
  const context = lambdaContext('webhook');
  const post = async (d: BenchDelivery) => {
    const result = await webhook(d.event, context);
    if (result.statusCode !== 200) throw new Error(`webhook answered ${result.statusCode}: ${result.body}`);
  };
  const driver: Driver = { stack, poll, post, receivedAt: new Map() };

  const logged = { bytes: 0, lines: 0 };
  return withOutputDiscarded(async () => {
    platform.reset();
    platformStandIn(platform, arrivals);
    sqsCounts.clear();
    counted.invocations = 0;
    const floor = await emulatorFloor(stack, 200, 300);
    dynamoUse.clear();
    logged.bytes = 0;
    logged.lines = 0;

    const burst = await runBurst(driver, options.events);
    const measured: BurstMeasures = {
      ...burst,
      dynamo: Object.fromEntries([...dynamoUse].map(([kind, use]) => [kind, { ...use }])),
      sqsCalls: [...sqsCounts.values()].reduce((a, b) => a + b, 0),
      invocations: counted.invocations,
      log: { ...logged },
    };
    const paced = await runPaced(driver, options.pacedEvents);
    const ackMs = replyTimes(platform, arrivals, driver.receivedAt);
    const { Attributes } = await pollerClient.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack.handoffQueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    pollerClient.destroy();
    return pipelineFigures(options, measured, {
      floor,
      burstAck: ackMs.of(burst.deliveries),
      pacedAck: ackMs.of(paced),
      replyCalls: platform.calls.length,
      duplicates: ackMs.duplicates,
      handoffs: Number(Attributes?.ApproximateNumberOfMessages ?? 0),
    });
  }, logged);
}

interface Driver {
  stack: LocalStack;
  /** one receive of the inbound queue handed to the responder; how many records it got */
  poll: () => Promise<number>;
  post: (d: BenchDelivery) => Promise<void>;
  /** when each event's first delivery was posted, by reply target */
  receivedAt: Map<string, number>;
}

interface BurstMeasures {
  deliveries: BenchDelivery[];
  sameBytes: BenchDelivery[];
  late: BenchDelivery[];
  burstMs: number;
  dynamo: Record<string, DynamoUse>;
  sqsCalls: number;
  invocations: number;
  log: { bytes: number; lines: number };
}

/**
 * Phase one: `events` deliveries posted by four workers while the responder drains the queue;
 * 30 % redelivered, half as the platform's retry of the same bytes, half as the queue handing an
 * event over again after its dedup window.
 */
async function runBurst(driver: Driver, events: number) {
  const { stack, poll, post, receivedAt } = driver;
  const deliveries = Array.from({ length: events }, (_, i) => delivery(i));
  const retried = deliveries.filter((_, i) => i % 10 < 3);
  const sameBytes = retried.filter((_, i) => i % 2 === 0);
  const late = retried.filter((_, i) => i % 2 === 1);
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
  const queue = [...deliveries, ...sameBytes];
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
  return { deliveries, sameBytes, late, burstMs: lastHandled - started };
}

/** Phase two: one event at a time, each waited for. */
async function runPaced(driver: Driver, events: number): Promise<BenchDelivery[]> {
  const paced = Array.from({ length: events }, (_, i) => delivery(i));
  for (const d of paced) {
    driver.receivedAt.set(d.target, performance.now());
    await driver.post(d);
    while ((await driver.poll()) === 0) await new Promise((r) => setTimeout(r, 1));
  }
  return paced;
}

/** From receipt to each event's first reply call; and the reply calls made twice (none, if exactly once holds). */
function replyTimes(
  platform: RecordingServer,
  arrivals: Map<number, number>,
  receivedAt: Map<string, number>,
) {
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
  const of = (deliveries: BenchDelivery[]) =>
    deliveries.flatMap((d) => {
      const replied = firstReply.get(d.target);
      const received = receivedAt.get(d.target);
      return replied !== undefined && received !== undefined ? [replied - received] : [];
    });
  return { of, duplicates };
}

/**
 * Index writes are not charged by dynalite: each conversation write is counted again for its
 * status-index copy, and each item written with a `subject` once for the bySubject index.
 */
function indexWriteUnits(dynamoByItem: Record<string, DynamoUse>): number {
  const statusCopies = Object.entries(dynamoByItem)
    .filter(([kind]) => kind.endsWith('CONV/META') && !kind.startsWith('Get') && !kind.startsWith('Query'))
    .reduce((sum, [, use]) => sum + use.writeUnits, 0);
  const subjectCopies = Object.values(dynamoByItem).reduce(
    (sum, use) => sum + (use.subjectIndexWrites ?? 0),
    0,
  );
  return statusCopies + subjectCopies;
}

function pipelineFigures(
  options: { events: number; pacedEvents: number },
  burst: BurstMeasures,
  after: {
    floor: { sqsMessagesPerSec: number; dynamoPutsPerSec: number };
    burstAck: number[];
    pacedAck: number[];
    replyCalls: number;
    duplicates: number;
    handoffs: number;
  },
): PipelineFigures {
  const { events } = options;
  const { floor, burstAck, pacedAck } = after;
  const dynamoTotal = (field: Exclude<keyof DynamoUse, 'subjectIndexWrites'>) =>
    Object.values(burst.dynamo).reduce((sum, use) => sum + use[field], 0);
  const dynamoPerEvent = dynamoTotal('calls') / events;
  // Per event: one send (webhook), a tenth of a receive and of a delete (batches of ten).
  const floorEventsPerSec = 1 / (1 / floor.sqsMessagesPerSec + dynamoPerEvent / floor.dynamoPutsPerSec);
  const eventsPerSec = (1000 * events) / burst.burstMs;
  return {
    events,
    deliveries: events + burst.sameBytes.length,
    redeliveredSameBytes: burst.sameBytes.length,
    redeliveredAfterDedupWindow: burst.late.length,
    eventsPerSec: round(eventsPerSec, 1),
    ackP50Ms: round(percentile(pacedAck, 50), 1),
    ackP99Ms: round(percentile(pacedAck, 99), 1),
    pacedEvents: options.pacedEvents,
    burstAckP50Ms: round(percentile(burstAck, 50), 1),
    burstAckP99Ms: round(percentile(burstAck, 99), 1),
    acknowledged: burstAck.length + pacedAck.length,
    replyCalls: after.replyCalls,
    duplicateReplies: after.duplicates,
    handoffs: after.handoffs,
    responderInvocations: burst.invocations,
    dynamoCallsPerEvent: round(dynamoPerEvent, 2),
    // A refused conditional write is billed as one write unit at least.
    dynamoWriteUnitsPerEvent: round(
      (dynamoTotal('writeUnits') + dynamoTotal('conditionalFailures')) / events,
      2,
    ),
    dynamoReadUnitsPerEvent: round(dynamoTotal('readUnits') / events, 2),
    dynamoIndexWriteUnitsPerEvent: round(indexWriteUnits(burst.dynamo) / events, 2),
    logBytesPerEvent: Math.round(burst.log.bytes / events),
    logLinesPerEvent: round(burst.log.lines / events, 2),
    dynamoByItem: burst.dynamo,
    // the poller's receive and delete stand for the event source mapping's
    sqsCallsPerEvent: round((burst.sqsCalls + 2 * burst.invocations) / events, 2),
    floorSqsMessagesPerSec: round(floor.sqsMessagesPerSec, 1),
    floorDynamoPutsPerSec: round(floor.dynamoPutsPerSec, 1),
    floorEventsPerSec: round(floorEventsPerSec, 1),
    ratioToFloor: round(eventsPerSec / floorEventsPerSec, 3),
  };
}
