/**
 * `npm run bench [-- --json] [-- --quick]`: how fast the system answers, how small it starts, and
 * how it behaves end to end on the local stack. Prints a table (or, with --json, one JSON object
 * with every figure). --quick runs tiny sizes: a smoke run of the machinery, not a measurement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ASSUMPTIONS, type CostScenario, costPerMillionEvents, PRICES } from '../devkit/cost.js';
import { httpApiEvent, metaHandshakeEvent, signedMetaEvent } from '../devkit/lambda-event.js';
import { facebookCommentDelivery } from '../devkit/payloads.js';
import { RecordingServer } from '../devkit/recording-server.js';
import { ADVERSARIAL_SIZES, type AdversarialBenchResult, benchAdversarial } from './adversarial.js';
import { benchColdStart, bundleEntry, ENTRY_POINTS } from './cold-start.js';
import { BENCH_SECRETS, startBenchStack, withOwnInboundQueue } from './env.js';
import { benchPipeline } from './pipeline.js';
import { benchTriage } from './triage.js';
import { BENCH_PAGE_ID, benchWebhook } from './webhook.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    /** comma-separated sections to run (cold-start, webhook, pipeline, triage); all by default */
    only: { type: 'string' },
  },
});
const SECTIONS = ['cold-start', 'webhook', 'pipeline', 'triage'] as const;
const selected = new Set(args.only ? args.only.split(',').map((s) => s.trim()) : SECTIONS);
for (const name of selected) {
  if (!(SECTIONS as readonly string[]).includes(name))
    throw new Error(`unknown section ${name}; one of ${SECTIONS}`);
}
const sizes = args.quick
  ? { webhook: 20, batch: 3, coldRuns: 1, events: 12, paced: 3 }
  : { webhook: 1000, batch: 60, coldRuns: 15, events: 300, paced: 40 };
async function section<T>(name: (typeof SECTIONS)[number], label: string, run: () => Promise<T>) {
  if (!selected.has(name)) return undefined;
  process.stderr.write(`bench: ${label}\n`);
  return run();
}

interface TriageFigures {
  decisionsPerSec: number;
  /** a labelled message's decision, per character */
  microsPerChar: number;
  /** hostile texts (bench/adversarial.ts): the worst case per character, overall and per size */
  adversarial: Omit<AdversarialBenchResult, 'cases'>;
  measuredBy: string;
}

async function triageFigures(): Promise<TriageFigures> {
  const { decisionsPerSec, microsPerChar } = await benchTriage();
  const { cases: _cases, ...adversarial } = args.quick
    ? benchAdversarial([1_000, 10_000], 5)
    : benchAdversarial(ADVERSARIAL_SIZES);
  return { decisionsPerSec, microsPerChar, adversarial, measuredBy: 'bench/triage.ts, bench/adversarial.ts' };
}

function signedComment(): APIGatewayProxyEventV2 {
  const id = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const payload = facebookCommentDelivery({ pageId: BENCH_PAGE_ID, commentId: `1_${id}`, text: 'Hallo?' });
  return signedMetaEvent(payload, BENCH_SECRETS.META_APP_SECRET);
}

const platform = new RecordingServer(() => undefined);
const platformUrl = await platform.start();
const stack = await startBenchStack(platformUrl);
const bundles = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
try {
  const coldStart = await section(
    'cold-start',
    `cold start (${sizes.coldRuns} fresh processes per bundle)`,
    () =>
      // The probes' deliveries go to a queue of their own: the pipeline starts from an empty inbound queue.
      withOwnInboundQueue('bench-cold-start.fifo', () =>
        benchColdStart({
          runs: sizes.coldRuns,
          handshake: metaHandshakeEvent(BENCH_SECRETS.META_VERIFY_TOKEN, '42'),
          crc: httpApiEvent({ method: 'GET', path: '/webhooks/x', query: { crc_token: 'bench-crc-token' } }),
          delivery: signedComment,
        }),
      ),
  );
  const webhook = await section(
    'webhook',
    `webhook overhead (${sizes.webhook} single deliveries, ${sizes.batch} batches of 50)`,
    async () =>
      benchWebhook({
        bundleFile: (await bundleEntry(ENTRY_POINTS.webhook, join(bundles, 'webhook.mjs'))).file,
        appSecret: BENCH_SECRETS.META_APP_SECRET,
        verifyToken: BENCH_SECRETS.META_VERIFY_TOKEN,
        iterations: sizes.webhook,
        batchIterations: sizes.batch,
      }),
  );
  const pipeline = await section(
    'pipeline',
    `pipeline (${sizes.events} events in a burst, ${sizes.paced} one at a time)`,
    () => benchPipeline({ stack, platform, events: sizes.events, pacedEvents: sizes.paced }),
  );
  const triage = await section('triage', 'triage', triageFigures);

  const results = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    quick: args.quick,
    webhook,
    coldStart,
    pipeline,
    cost: pipeline && {
      perMillionEvents: costPerMillionEvents(pipeline),
      prices: PRICES,
      assumptions: ASSUMPTIONS,
    },
    triage,
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    printTable(results);
  }
} finally {
  rmSync(bundles, { recursive: true, force: true });
  await stack.stop();
  await platform.stop();
}

type Results = {
  webhook?: Awaited<ReturnType<typeof benchWebhook>>;
  coldStart?: Awaited<ReturnType<typeof benchColdStart>>;
  pipeline?: Awaited<ReturnType<typeof benchPipeline>>;
  triage?: TriageFigures;
  cost?: { perMillionEvents: CostScenario[] };
};

type Row = [name: string, value: string, target: string];

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

function printTable({ webhook, coldStart, pipeline, triage, cost }: Results): void {
  const rows: Row[] = [
    ...(webhook ? webhookRows(webhook) : []),
    ...(coldStart ? coldStartRows(coldStart) : []),
    ...(coldStart?.webhook ? webhookColdRows(coldStart.webhook) : []),
    ...(pipeline ? pipelineRows(pipeline) : []),
    ...(cost?.perMillionEvents ?? []).map(
      (scenario): Row => [`USD per million events: ${scenario.name}`, `${scenario.totalUsd}`, '<= 5'],
    ),
    ...(triage ? triageRows(triage) : []),
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  for (const [name, value, target] of rows) {
    process.stdout.write(`${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}\n`);
  }
}

function webhookRows(webhook: NonNullable<Results['webhook']>): Row[] {
  return [
    ['webhook p50 / p99 (1 comment)', `${webhook.p50Ms} / ${webhook.p99Ms} ms`, ''],
    ['  floor: bare SQS send p50 / p99', `${webhook.floorP50Ms} / ${webhook.floorP99Ms} ms`, ''],
    ['  ratio at p50', `${webhook.ratioP50}`, '<= 1.15'],
    ['  requests/s (sequential) / floor', `${webhook.requestsPerSec} / ${webhook.floorRequestsPerSec}`, ''],
    ['webhook p50 / p99 (50 comments)', `${webhook.batch50.p50Ms} / ${webhook.batch50.p99Ms} ms`, ''],
    ['  floor p50, ratio at p50', `${webhook.batch50.floorP50Ms} ms, ${webhook.batch50.ratioP50}`, '<= 1.15'],
    ['  events/s (sequential)', `${webhook.batch50.eventsPerSec}`, ''],
    ['handshake p50 (warm)', `${webhook.handshakeP50Ms} ms`, ''],
  ];
}

function coldStartRows(coldStart: NonNullable<Results['coldStart']>): Row[] {
  const rows: Row[] = [];
  for (const [name, figures] of Object.entries(coldStart)) {
    if (!figures) continue;
    rows.push(
      [
        `cold start ${name}: bundle / bare SDK`,
        `${kb(figures.bundleBytes)} / ${kb(figures.sdkBundleBytes)}`,
        '',
      ],
      [
        `  import (median of ${figures.runs}) / bare SDK`,
        `${figures.importMs} / ${figures.sdkImportMs} ms`,
        '',
      ],
      ['  ratio', `${figures.ratio}`, '<= 1.2'],
    );
    if (figures.withSplitting && name !== 'webhook')
      rows.push(
        [
          '  with splitting (as deployed): loaded at init / import',
          `${kb(figures.withSplitting.initBytes)} / ${figures.withSplitting.importMs} ms`,
          '',
        ],
        ['  with splitting: ratio', `${figures.withSplitting.ratio}`, name === 'responder' ? '<= 1.6' : ''],
      );
  }
  return rows;
}

function webhookColdRows(cw: NonNullable<Results['coldStart']>['webhook']): Row[] {
  return [
    ['webhook cold: import + 1st delivery / bare', `${cw.firstDeliveryMs} / ${cw.sdkFirstSendMs} ms`, ''],
    ['  ratio', `${cw.firstDeliveryRatio}`, ''],
    [
      '  with splitting: loaded at init / import',
      `${kb(cw.withSplitting.initBytes)} / ${cw.withSplitting.importMs} ms`,
      '',
    ],
    ['  with splitting: ratio', `${cw.withSplitting.ratio}`, '<= 1.2'],
    [
      '  SDK left to the runtime: all chunks / init',
      `${kb(cw.sdkExternalBytes)} / ${kb(cw.sdkExternalInitBytes)}`,
      '<= 150 KB',
    ],
    [
      '  with splitting: import + 1st delivery, ratio',
      `${cw.withSplitting.firstDeliveryMs} ms, ${cw.withSplitting.firstDeliveryRatio}`,
      '',
    ],
    ['webhook cold: import + handshake', `${cw.handshakeColdMs} ms`, ''],
    [
      '  handshake without the SDK',
      `${cw.handshakeWithoutSdk} (${cw.sdkModulesAfterHandshake} SDK modules)`,
      'true',
    ],
    ['  CRC without the SDK', `${cw.crcWithoutSdk} (${cw.sdkModulesAfterCrc} SDK modules)`, 'true'],
    ['  SDK modules after a delivery', `${cw.sdkModulesAfterDelivery}`, '> 0'],
  ];
}

function pipelineRows(pipeline: NonNullable<Results['pipeline']>): Row[] {
  return [
    ['pipeline events/s (burst)', `${pipeline.eventsPerSec}`, ''],
    ['  emulator floor events/s, ratio', `${pipeline.floorEventsPerSec}, ${pipeline.ratioToFloor}`, ''],
    ['  receipt -> ack p50 / p99 (paced)', `${pipeline.ackP50Ms} / ${pipeline.ackP99Ms} ms`, ''],
    ['  receipt -> ack p50 / p99 (burst)', `${pipeline.burstAckP50Ms} / ${pipeline.burstAckP99Ms} ms`, ''],
    ['  duplicate replies', `${pipeline.duplicateReplies}`, '0'],
    [
      '  DynamoDB / SQS calls per event',
      `${pipeline.dynamoCallsPerEvent} / ${pipeline.sqsCallsPerEvent}`,
      '',
    ],
    [
      '  DynamoDB write / read units per event',
      `${pipeline.dynamoWriteUnitsPerEvent} / ${pipeline.dynamoReadUnitsPerEvent}`,
      '',
    ],
    ['  + index write units: status, bySubject (estimate)', `${pipeline.dynamoIndexWriteUnitsPerEvent}`, ''],
    ['  log bytes / lines per event', `${pipeline.logBytesPerEvent} / ${pipeline.logLinesPerEvent}`, ''],
    ['  hand-offs, responder invocations', `${pipeline.handoffs}, ${pipeline.responderInvocations}`, ''],
  ];
}

function triageRows(triage: TriageFigures): Row[] {
  const { adversarial } = triage;
  const bySize = Object.entries(adversarial.worstMicrosPerCharBySize)
    .map(([size, micros]) => `${Number(size) / 1000} KB ${micros}`)
    .join(', ');
  return [
    ['triage decisions/s', `${triage.decisionsPerSec}`, ''],
    [
      'triage µs per character: labelled / adversarial worst',
      `${triage.microsPerChar} / ${adversarial.worstMicrosPerChar}`,
      '',
    ],
    ['  adversarial worst case', adversarial.worstCase, ''],
    ['  adversarial worst µs per character by size', bySize, 'flat or falling'],
  ];
}
