import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { chunksLoadedAtStart, DEPLOYED_BUILD } from '../devkit/deployed-build.js';
import { median, round } from './stats.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

export const ENTRY_POINTS = {
  webhook: 'functions/webhook.ts',
  responder: 'functions/responder.ts',
  'agent-api': 'functions/agent-api.ts',
} as const;
export type EntryName = keyof typeof ENTRY_POINTS;

/** The entry points infra/functions.ts builds with `splitting: true`. */
const SPLIT_ENTRIES: ReadonlySet<EntryName> = new Set(['webhook', 'responder']);

/** The bare clients each SDK package stands for, created once as our entry points do. */
const SDK_CLIENTS: Record<string, { source: string; exports: string[] }> = {
  '@aws-sdk/client-sqs': {
    source:
      "import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});",
    exports: ['sqs'],
  },
  '@aws-sdk/client-dynamodb': {
    source:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst dynamodb = new DynamoDBClient({});",
    exports: ['dynamodb'],
  },
  '@aws-sdk/lib-dynamodb': {
    source:
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nconst documents = DynamoDBDocumentClient.from(dynamodb);",
    exports: ['documents'],
  },
};

/** The bare SQS send the webhook must make for one event: the first call pays for the client's lazy setup. */
const BARE_SEND_HANDLER = `
export async function handler() {
  const sent = await sqs.send(new SendMessageBatchCommand({
    QueueUrl: process.env.INBOUND_QUEUE_URL,
    Entries: [{ Id: '0', MessageBody: '{}', MessageGroupId: 'probe', MessageDeduplicationId: crypto.randomUUID() }],
  }));
  return { statusCode: sent.Failed?.length ? 500 : 200 };
}`;

/** Appends a counter to every AWS SDK / Smithy module, so a probe can tell whether any was evaluated. */
const sdkMarker: Plugin = {
  name: 'sdk-marker',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]node_modules[\\/](@aws-sdk|@smithy)[\\/].*\.[cm]?js$/ }, (args) => ({
      contents: `${readFileSync(args.path, 'utf8')}\n;globalThis.__benchSdkModules=(globalThis.__benchSdkModules??0)+1;\n`,
      loader: 'js',
    }));
  },
};

export interface BundleFacts {
  file: string;
  bytes: number;
  sdkPackages: string[];
  /** bytes in the bundle per package (ours = the repository's own code) */
  bytesByPackage: Record<string, number>;
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'ours';
}

function describe(file: string, metafile: Metafile): BundleFacts {
  const output = Object.values(metafile.outputs)[0];
  const bytesByPackage: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    bytesByPackage[name] = (bytesByPackage[name] ?? 0) + bytesInOutput;
  }
  const sdkPackages = Object.keys(bytesByPackage).filter((name) => name in SDK_CLIENTS);
  return { file, bytes: statSync(file).size, sdkPackages, bytesByPackage };
}

export async function bundleEntry(
  entry: string,
  outfile: string,
  extra: BuildOptions = {},
): Promise<BundleFacts> {
  const result = await build({ ...DEPLOYED_BUILD, ...extra, entryPoints: [join(ROOT, entry)], outfile });
  return describe(outfile, result.metafile as Metafile);
}

export interface SplitBundleFacts {
  /** the entry chunk, what the Lambda handler path points at */
  file: string;
  /** the entry chunk and the chunks it imports statically: what a cold start loads */
  initBytes: number;
  totalBytes: number;
}

/** The same build with esbuild's code splitting (`nodejs: { splitting: true }` in SST). */
export async function bundleEntrySplit(
  entry: string,
  outdir: string,
  extra: BuildOptions = {},
): Promise<SplitBundleFacts> {
  const result = await build({
    ...DEPLOYED_BUILD,
    ...extra,
    entryPoints: [join(ROOT, entry)],
    outdir,
    splitting: true,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
  });
  const outputs = (result.metafile as Metafile).outputs;
  const entryKey = Object.keys(outputs).find((key) => outputs[key]?.entryPoint === entry);
  if (!entryKey) throw new Error(`no entry chunk for ${entry}`);
  const loaded = chunksLoadedAtStart(outputs, entryKey);
  const bytes = (keys: Iterable<string>) =>
    [...keys].reduce((sum, key) => sum + (outputs[key]?.bytes ?? 0), 0);
  return { file: resolve(entryKey), initBytes: bytes(loaded), totalBytes: bytes(Object.keys(outputs)) };
}

/** A bundle of only the SDK clients `sdkPackages` stand for, built the same way. */
export async function bundleBareClients(
  sdkPackages: readonly string[],
  outfile: string,
  withSendHandler: boolean,
): Promise<BundleFacts> {
  const order = Object.keys(SDK_CLIENTS).filter(
    (name) =>
      sdkPackages.includes(name) ||
      (name === '@aws-sdk/client-dynamodb' && sdkPackages.includes('@aws-sdk/lib-dynamodb')),
  );
  const source = [
    ...order.map((name) => SDK_CLIENTS[name]?.source),
    `export { ${order.flatMap((name) => SDK_CLIENTS[name]?.exports ?? []).join(', ')} };`,
    withSendHandler && order.includes('@aws-sdk/client-sqs') ? BARE_SEND_HANDLER : '',
  ].join('\n');
  const result = await build({
    ...DEPLOYED_BUILD,
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'bare-clients.mjs', loader: 'js' },
    outfile,
  });
  return describe(outfile, result.metafile as Metafile);
}

interface ProbeResult {
  importMs: number;
  sdkModulesAfterImport: number;
  requests: Array<{ ms: number; statusCode?: number; body?: string; sdkModulesEvaluated: number }>;
}

async function probe(bundle: string, events: readonly APIGatewayProxyEventV2[] = []): Promise<ProbeResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, PROBE_EVENTS: JSON.stringify(events) };
  delete env.NODE_OPTIONS;
  const { stdout } = await run(process.execPath, [join(ROOT, 'bench/probe.mjs'), bundle], { cwd: ROOT, env });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ProbeResult;
}

/** The same entry built with esbuild's splitting: what is imported on demand becomes chunks of its own. */
export interface SplitFigures {
  /** the entry chunk and the chunks it imports statically: what a cold start loads */
  initBytes: number;
  totalBytes: number;
  importMs: number;
  ratio: number;
}

export interface ColdStartFigures {
  bundleBytes: number;
  importMs: number;
  sdkBundleBytes: number;
  sdkImportMs: number;
  /** importMs / sdkImportMs: the price of our code and its dependencies on top of the SDK clients */
  ratio: number;
  sdkPackages: string[];
  bytesByPackage: Record<string, number>;
  runs: number;
  /** for an entry deployed with `splitting: true` (infra/functions.ts): its figures as deployed */
  withSplitting?: SplitFigures;
}

export interface WebhookColdStartFigures extends ColdStartFigures {
  /** fresh process: import, then the first signed delivery (SDK loaded on demand, first SQS send) */
  firstDeliveryMs: number;
  /** fresh process: import of the bare SQS client, then its first send */
  sdkFirstSendMs: number;
  firstDeliveryRatio: number;
  /** fresh process: import, then the first Meta handshake */
  handshakeColdMs: number;
  sdkModulesAfterImport: number;
  sdkModulesAfterHandshake: number;
  sdkModulesAfterCrc: number;
  crcStatus: number | undefined;
  sdkModulesAfterDelivery: number;
  handshakeWithoutSdk: boolean;
  crcWithoutSdk: boolean | 'not routed';
  /**
   * The split build with `@aws-sdk/*` left to the runtime (nodejs22.x ships SDK v3), as the issue's
   * alternative target reads it: the bytes of every chunk (target <= 150 KB), and of what a cold
   * start loads. Size only: outside Lambda the bundle would not find the SDK to send with.
   */
  sdkExternalBytes: number;
  sdkExternalInitBytes: number;
  /** the same entry built with esbuild splitting: the lazily imported SDK becomes its own chunks */
  withSplitting: SplitFigures & {
    firstDeliveryMs: number;
    firstDeliveryRatio: number;
  };
}

export interface ColdStartInputs {
  runs: number;
  handshake: APIGatewayProxyEventV2;
  crc: APIGatewayProxyEventV2;
  /** a fresh signed delivery for every run (the queue would deduplicate a repeated one) */
  delivery(): APIGatewayProxyEventV2;
}

/**
 * Cold start of each Lambda entry point as deployed: the minified bundle's size, and its module
 * import time in a fresh `node` process (median of `runs`), beside a bundle of only the bare SDK
 * clients that entry point uses, imported the same way. Runs alternate between the two.
 */
export async function benchColdStart(
  inputs: ColdStartInputs,
): Promise<Partial<Record<EntryName, ColdStartFigures>> & { webhook: WebhookColdStartFigures }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const figures: Partial<Record<EntryName, ColdStartFigures>> = {};
    let webhook: WebhookColdStartFigures | undefined;
    for (const [name, entry] of Object.entries(ENTRY_POINTS) as Array<[EntryName, string]>) {
      if (!existsSync(join(ROOT, entry))) continue;
      const ours = await bundleEntry(entry, join(dir, `${name}.mjs`));
      const bundles: EntryBundles = {
        ours,
        bare: await bundleBareClients(ours.sdkPackages, join(dir, `${name}-sdk.mjs`), name === 'webhook'),
        split: SPLIT_ENTRIES.has(name)
          ? await bundleEntrySplit(entry, join(dir, `${name}-split`))
          : undefined,
      };
      const samples = emptySamples();
      for (let i = 0; i < inputs.runs; i++) {
        if (name === 'webhook') await probeWebhookOnce(bundles, inputs, samples);
        else await probeImportOnce(bundles, samples);
      }
      const common = commonFigures(bundles, samples, inputs.runs);
      if (name === 'webhook') webhook = await webhookFigures(entry, dir, inputs, common, bundles, samples);
      else
        figures[name] = bundles.split
          ? { ...common, withSplitting: splitFigures(bundles.split, samples) }
          : common;
    }
    if (!webhook) throw new Error('functions/webhook.ts is missing');
    return { ...figures, webhook };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface EntryBundles {
  ours: BundleFacts;
  /** only the bare SDK clients the entry point uses */
  bare: BundleFacts;
  /** the entry with code splitting, as SST deploys the split entries */
  split: SplitBundleFacts | undefined;
}

/** Milliseconds per fresh process, for the medians. */
interface Samples {
  importMs: number[];
  sdkImportMs: number[];
  splitImportMs: number[];
  firstDeliveryMs: number[];
  splitFirstDeliveryMs: number[];
  sdkFirstSendMs: number[];
  handshakeColdMs: number[];
}

const emptySamples = (): Samples => ({
  importMs: [],
  sdkImportMs: [],
  splitImportMs: [],
  firstDeliveryMs: [],
  splitFirstDeliveryMs: [],
  sdkFirstSendMs: [],
  handshakeColdMs: [],
});

async function probeImportOnce({ ours, bare, split }: EntryBundles, samples: Samples): Promise<void> {
  samples.importMs.push((await probe(ours.file)).importMs);
  samples.sdkImportMs.push((await probe(bare.file)).importMs);
  if (split) samples.splitImportMs.push((await probe(split.file)).importMs);
}

/** The webhook: a first delivery (split and one-file builds), the bare SDK's first send, a cold handshake. */
async function probeWebhookOnce(
  { ours, bare, split }: EntryBundles,
  inputs: ColdStartInputs,
  samples: Samples,
) {
  if (split) {
    const splitDelivered = await probe(split.file, [inputs.delivery()]);
    if (splitDelivered.requests[0]?.statusCode !== 200) {
      throw new Error(`cold delivery (split): ${JSON.stringify(splitDelivered)}`);
    }
    samples.splitImportMs.push(splitDelivered.importMs);
    samples.splitFirstDeliveryMs.push(splitDelivered.importMs + (splitDelivered.requests[0]?.ms ?? 0));
  }
  const delivered = await probe(ours.file, [inputs.delivery()]);
  const sent = await probe(bare.file, [inputs.handshake]);
  const handshake = await probe(ours.file, [inputs.handshake]);
  if (delivered.requests[0]?.statusCode !== 200)
    throw new Error(`cold delivery: ${JSON.stringify(delivered)}`);
  if (sent.requests[0]?.statusCode !== 200) throw new Error(`bare send: ${JSON.stringify(sent)}`);
  if (handshake.requests[0]?.statusCode !== 200)
    throw new Error(`cold handshake: ${JSON.stringify(handshake)}`);
  samples.importMs.push(delivered.importMs, handshake.importMs);
  samples.firstDeliveryMs.push(delivered.importMs + (delivered.requests[0]?.ms ?? 0));
  samples.sdkImportMs.push(sent.importMs);
  samples.sdkFirstSendMs.push(sent.importMs + (sent.requests[0]?.ms ?? 0));
  samples.handshakeColdMs.push(handshake.importMs + (handshake.requests[0]?.ms ?? 0));
}

function commonFigures({ ours, bare }: EntryBundles, samples: Samples, runs: number): ColdStartFigures {
  return {
    bundleBytes: ours.bytes,
    importMs: round(median(samples.importMs), 1),
    sdkBundleBytes: bare.bytes,
    sdkImportMs: round(median(samples.sdkImportMs), 1),
    ratio: round(median(samples.importMs) / median(samples.sdkImportMs), 3),
    sdkPackages: ours.sdkPackages,
    bytesByPackage: ours.bytesByPackage,
    runs,
  };
}

function splitFigures(split: SplitBundleFacts, samples: Samples) {
  return {
    initBytes: split.initBytes,
    totalBytes: split.totalBytes,
    importMs: round(median(samples.splitImportMs), 1),
    ratio: round(median(samples.splitImportMs) / median(samples.sdkImportMs), 3),
  };
}

/** The webhook's figures, with a build that marks every SDK module: handshake, CRC, then a delivery (which must load it). */
async function webhookFigures(
  entry: string,
  dir: string,
  inputs: ColdStartInputs,
  common: ColdStartFigures,
  { split }: EntryBundles,
  samples: Samples,
): Promise<WebhookColdStartFigures> {
  const marked = await bundleEntry(entry, join(dir, 'webhook-marked.mjs'), { plugins: [sdkMarker] });
  const sdkExternal = await bundleEntrySplit(entry, join(dir, 'webhook-sdk-external'), {
    external: [...(DEPLOYED_BUILD.external ?? []), '@aws-sdk/*'],
  });
  const check = await probe(marked.file, [inputs.handshake, inputs.crc, inputs.delivery()]);
  const [handshake, crc, delivery] = check.requests;
  const crcRouted = crc?.statusCode !== 404;
  const firstDelivery = median(samples.firstDeliveryMs);
  const sdkFirstSend = median(samples.sdkFirstSendMs);
  const webhook: WebhookColdStartFigures = {
    ...common,
    firstDeliveryMs: round(firstDelivery, 1),
    sdkFirstSendMs: round(sdkFirstSend, 1),
    firstDeliveryRatio: round(firstDelivery / sdkFirstSend, 3),
    handshakeColdMs: round(median(samples.handshakeColdMs), 1),
    sdkModulesAfterImport: check.sdkModulesAfterImport,
    sdkModulesAfterHandshake: handshake?.sdkModulesEvaluated ?? -1,
    sdkModulesAfterCrc: crc?.sdkModulesEvaluated ?? -1,
    crcStatus: crc?.statusCode,
    sdkModulesAfterDelivery: delivery?.sdkModulesEvaluated ?? -1,
    sdkExternalBytes: sdkExternal.totalBytes,
    sdkExternalInitBytes: sdkExternal.initBytes,
    withSplitting: {
      ...splitFigures(split ?? { file: '', initBytes: 0, totalBytes: 0 }, samples),
      firstDeliveryMs: round(median(samples.splitFirstDeliveryMs), 1),
      firstDeliveryRatio: round(median(samples.splitFirstDeliveryMs) / sdkFirstSend, 3),
    },
    handshakeWithoutSdk: handshake?.statusCode === 200 && handshake.sdkModulesEvaluated === 0,
    crcWithoutSdk: crcRouted ? crc?.statusCode === 200 && crc.sdkModulesEvaluated === 0 : 'not routed',
  };
  if (delivery?.statusCode !== 200 || webhook.sdkModulesAfterDelivery === 0) {
    throw new Error(`the SDK marker did not register a delivery: ${JSON.stringify(check)}`);
  }
  return webhook;
}
