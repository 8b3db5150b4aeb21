/**
 * What a million events cost, from the calls the pipeline bench counted and list prices. The
 * counts are measured; prices and the durations of calls in AWS are assumptions, stated here and
 * in docs/cost.md.
 */

export interface DynamoUse {
  calls: number;
  /** write and read capacity units the emulator reports (table and indexes), as billed on demand */
  writeUnits: number;
  readUnits: number;
  /** conditional writes refused: billed as at least one write unit each, reported without capacity */
  conditionalFailures: number;
  /** writes that put an item with a `subject` into the bySubject index (erasure lookup) */
  subjectIndexWrites?: number;
}

export interface PipelineFigures {
  events: number;
  deliveries: number;
  redeliveredSameBytes: number;
  redeliveredAfterDedupWindow: number;
  eventsPerSec: number;
  /** receipt at the webhook to the first reply call, with events arriving one at a time */
  ackP50Ms: number;
  ackP99Ms: number;
  pacedEvents: number;
  /** the same during the burst (includes the time spent waiting in the queue) */
  burstAckP50Ms: number;
  burstAckP99Ms: number;
  acknowledged: number;
  replyCalls: number;
  duplicateReplies: number;
  handoffs: number;
  responderInvocations: number;
  dynamoCallsPerEvent: number;
  dynamoWriteUnitsPerEvent: number;
  dynamoReadUnitsPerEvent: number;
  /**
   * Estimate, not measured (dynalite charges no index writes): the status index projects the whole
   * conversation item, so each conversation write also writes its index copy, at least as many
   * units as the table write (twice that when the status, its key, changes). Plus the bySubject
   * index: one unit for each item written with a `subject` (it projects keys, event and
   * conversation id only, well under 1 KB).
   */
  dynamoIndexWriteUnitsPerEvent: number;
  /** log lines the functions wrote during the burst, bytes per event (CloudWatch Logs bills ingestion) */
  logBytesPerEvent: number;
  logLinesPerEvent: number;
  /** per item kind, over the burst (all its events and redeliveries) */
  dynamoByItem: Record<string, DynamoUse>;
  sqsCallsPerEvent: number;
  floorSqsMessagesPerSec: number;
  floorDynamoPutsPerSec: number;
  /** how many events/s the emulators alone serve for the SQS and DynamoDB calls one event needs */
  floorEventsPerSec: number;
  ratioToFloor: number;
}

/** us-east-1 list prices, USD (re-check before a decision: they change). */
export const PRICES = {
  lambdaRequest: 0.2 / 1e6,
  /** arm64, per GB-second */
  lambdaGbSecond: 0.0000133334,
  /** FIFO queue, per request (a batch of up to ten messages is one request) */
  sqsFifoRequest: 0.5 / 1e6,
  onDemandWrite: 0.625 / 1e6,
  onDemandRead: 0.125 / 1e6,
  /** provisioned capacity per unit-hour; 730 hours a month */
  provisionedWriteUnitHour: 0.00065,
  provisionedReadUnitHour: 0.00013,
  logsGb: 0.5,
  dataOutGb: 0.09,
} as const;

export const ASSUMPTIONS = {
  /** platforms retry some deliveries; most carry one event */
  deliveriesPerEvent: 1.1,
  webhookGb: 0.5,
  /** a warm webhook invocation: verify, parse, one SQS send in region (~10 ms) */
  webhookSeconds: 0.015,
  responderGb: 0.5,
  /** in region: a DynamoDB call ~5 ms, a platform API call ~250 ms (the replies of an event go out at once) */
  dynamoCallSeconds: 0.005,
  platformCallSeconds: 0.25,
  /** events per responder invocation: one when the queue is mostly empty, ten when batches fill */
  eventsPerBatch: { low: 1, volume: 10 },
  /** share of events handed to people (the bench's mix is harsher) */
  handoffShare: 0.3,
  /** auto scaling keeps provisioned capacity about this busy */
  provisionedUtilisation: 0.7,
  /**
   * per log line on top of its bytes: CloudWatch Logs counts 26 bytes per log event. The lines
   * are JSON written to stdout (the webhook's logger, Powertools), which the Lambda runtime does
   * not wrap in an envelope of its own.
   */
  logOverheadBytesPerLine: 26,
  bytesOutPerPlatformCall: 2048,
} as const;

export interface CostScenario {
  name: string;
  items: Record<string, number>;
  totalUsd: number;
}

const HOURS_PER_MONTH = 730;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** USD per million events under three scenarios: low volume on demand, at volume on demand, at volume provisioned. */
export function costPerMillionEvents(pipeline: PipelineFigures): CostScenario[] {
  const a = ASSUMPTIONS;
  const p = PRICES;
  const events = 1e6;
  const writeUnits = pipeline.dynamoWriteUnitsPerEvent + pipeline.dynamoIndexWriteUnitsPerEvent;
  const readUnits = pipeline.dynamoReadUnitsPerEvent;
  const replyCallsPerEvent = pipeline.replyCalls / pipeline.acknowledged;
  // One invocation handles its batch's conversations at once: it lasts about as long as one event.
  const invocationSeconds =
    pipeline.dynamoCallsPerEvent * a.dynamoCallSeconds + (replyCallsPerEvent > 0 ? a.platformCallSeconds : 0);
  const logBytes = pipeline.logBytesPerEvent + pipeline.logLinesPerEvent * a.logOverheadBytesPerLine;

  const scenario = (name: string, batch: number, billing: 'on-demand' | 'provisioned'): CostScenario => {
    const invocations = events / batch;
    const writePrice =
      billing === 'on-demand'
        ? p.onDemandWrite
        : (p.provisionedWriteUnitHour * HOURS_PER_MONTH) / SECONDS_PER_MONTH / a.provisionedUtilisation;
    const readPrice =
      billing === 'on-demand'
        ? p.onDemandRead
        : (p.provisionedReadUnitHour * HOURS_PER_MONTH) / SECONDS_PER_MONTH / a.provisionedUtilisation;
    const items: Record<string, number> = {
      'webhook function URL': 0,
      'webhook Lambda':
        events * a.deliveriesPerEvent * (p.lambdaRequest + a.webhookGb * a.webhookSeconds * p.lambdaGbSecond),
      // a send per delivery; the event source mapping's receive and delete per batch
      'inbound SQS': (events * a.deliveriesPerEvent + 2 * invocations) * p.sqsFifoRequest,
      'responder Lambda':
        invocations * (p.lambdaRequest + a.responderGb * invocationSeconds * p.lambdaGbSecond),
      'DynamoDB writes (table + index)': events * writeUnits * writePrice,
      'DynamoDB reads': events * readUnits * readPrice,
      'hand-off SQS (send, receive, delete)': events * a.handoffShare * 3 * p.sqsFifoRequest,
      'CloudWatch Logs': ((events * logBytes) / 1e9) * p.logsGb,
      'data out (platform calls)':
        ((events * replyCallsPerEvent * a.bytesOutPerPlatformCall) / 1e9) * p.dataOutGb,
    };
    const totalUsd = Object.values(items).reduce((sum, usd) => sum + usd, 0);
    return {
      name,
      items: Object.fromEntries(Object.entries(items).map(([k, v]) => [k, Number(v.toFixed(2))])),
      totalUsd: Number(totalUsd.toFixed(2)),
    };
  };
  return [
    scenario('low volume, on demand', a.eventsPerBatch.low, 'on-demand'),
    scenario('at volume, on demand', a.eventsPerBatch.volume, 'on-demand'),
    scenario('at volume, provisioned (TABLE_BILLING=provisioned)', a.eventsPerBatch.volume, 'provisioned'),
  ];
}
