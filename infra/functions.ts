import { handoffQueue, inboundQueue, RESPONDER_TIMEOUT_SECONDS } from './queues.js';
import { allSecrets, webhookSecrets } from './secrets.js';
import { conversations } from './storage.js';

/** Shared by every function: small arm64 Lambdas on the runtime the code is tested for. */
const lambdaDefaults = {
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  memory: '512 MB',
  nodejs: {
    format: 'esm',
    minify: true,
    // The AWS SDK v3 stays in the bundle although nodejs22.x ships one: a bundled, minified SDK
    // loads faster than the runtime's copy from node_modules and keeps the version we tested.
  },
  logging: { format: 'json' },
  transform: {
    // JSON logs with the platform's START/END/REPORT lines left out: they are most of the log
    // volume (and its cost) and say nothing the metrics do not.
    function: (args: aws.lambda.FunctionArgs) => {
      args.loggingConfig = { logFormat: 'JSON', applicationLogLevel: 'INFO', systemLogLevel: 'WARN' };
      return undefined;
    },
  },
} as const;

/**
 * The brand files are read at run time; they are copied beside the bundle, and the path is
 * relative to the working directory (the package root, /var/task, in Lambda).
 */
const withBrands = {
  copyFiles: [{ from: 'brands', to: 'brands' }],
  environment: { BRANDS_DIR: 'brands' },
};

export const webhook = new sst.aws.Function('Webhook', {
  ...lambdaDefaults,
  // Split chunks: the SQS client is imported on the first delivery, so handshakes and CRC checks
  // never even parse it (bench: import 142 ms -> 105 ms). The SDK stays bundled: left to the
  // runtime (`@aws-sdk/*` external) all chunks are 153 KB instead of 491 KB (bench:
  // coldStart.webhook.sdkExternalBytes), but init loads the same chunk either way, and a cold
  // first delivery that loads the SDK from node_modules took 191 ms instead of 135 ms
  // (import + first delivery, median of 15 fresh processes).
  nodejs: { ...lambdaDefaults.nodejs, splitting: true },
  handler: 'functions/webhook.handler',
  description: 'Meta and X webhooks: verify, normalise, enqueue',
  // Meta wants an answer within 5 s, X's CRC within 3 s: a longer run helps nobody.
  timeout: '10 seconds',
  // A function URL, not the HTTP API: the webhook checks every request's signature itself, and a
  // URL costs nothing per request (the HTTP API would be a fifth of the cost per event).
  url: true,
  link: [inboundQueue, ...webhookSecrets],
});

export const agentApi = new sst.aws.Function('AgentApi', {
  ...lambdaDefaults,
  ...withBrands,
  handler: 'functions/agent-api.handler',
  description: 'Agent API: reply through the platform, claim, close',
  // API Gateway ends an HTTP API integration after 30 s.
  timeout: '30 seconds',
  link: [conversations, handoffQueue, ...allSecrets],
});

export const responder = new sst.aws.Function('Responder', {
  ...lambdaDefaults,
  ...withBrands,
  handler: 'functions/responder.handler',
  description: 'Responder: record, decide, reply or hand off',
  timeout: `${RESPONDER_TIMEOUT_SECONDS} seconds`,
  // The InboundQueue link also grants what the event source mapping needs (receive, delete).
  link: [conversations, inboundQueue, handoffQueue, ...allSecrets],
});

/** The responder is the inbound queue's only consumer; it reports failed records one by one. */
inboundQueue.subscribe(responder.arn, {
  batch: { size: 10, partialResponses: true },
});
