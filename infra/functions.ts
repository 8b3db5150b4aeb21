import { join } from 'node:path';
import { writeValidatedBrands } from '../shared/policy/brand-files.js';
import {
  agentApiStatements,
  openCasesStatements,
  resourceEnvironment,
  responderStatements,
  type Statement,
  tokenHealthStatements,
  tracingStatement,
  webhookStatements,
} from './permissions.js';
import { inboundQueue, RESPONDER_TIMEOUT_SECONDS } from './queues.js';
import { agentApiSecrets, responderSecrets, tokenHealthSecrets, webhookSecrets } from './secrets.js';
import { operationsSettings, privacySettings, retentionEnvironment } from './settings.js';

const settings = operationsSettings(process.env);
/** Every function hashes the ids it logs with the same key (shared/log.ts, logRef). */
const LOG_HASH_KEY = settings.logHashKey;
/** The functions that write the table set its items' TTLs from these (docs/privacy.md). */
const RETENTION = retentionEnvironment(privacySettings(process.env).retention);

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
  logging: { format: 'json', retention: settings.logRetention },
  transform: {
    // JSON logs with the platform's START/END/REPORT lines left out: they are most of the log
    // volume (and its cost) and say nothing the metrics do not.
    function: (args: aws.lambda.FunctionArgs) => {
      args.loggingConfig = { logFormat: 'JSON', applicationLogLevel: 'INFO', systemLogLevel: 'WARN' };
      args.tracingConfig = { mode: settings.tracing ? 'Active' : 'PassThrough' };
      return undefined;
    },
    // SST's role also trusts the account root, for `sst dev`'s live functions (which this project
    // does not use: `npm run dev` runs on emulators). Deployed, only Lambda may assume the role.
    role: (args: aws.iam.RoleArgs) => {
      if ($dev) return undefined;
      args.assumeRolePolicy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      });
      return undefined;
    },
  },
} as const;

/** A function's own statements, and X-Ray's when tracing is on. */
const permissions = (statements: Statement[]) =>
  settings.tracing ? [...statements, tracingStatement] : statements;

/**
 * The brand files are validated here, when the stack is deployed: a bad file stops the deploy,
 * not every cold start. The functions read what the check wrote (the brands and their zones'
 * offsets), copied beside the bundle; the path is relative to the working directory (the package
 * root, /var/task, in Lambda).
 */
const BRANDS_FILE = 'validated-brands.json';
/** relative to the project root, as `copyFiles` takes it */
const validatedBrandsPath = join('.build', BRANDS_FILE);
writeValidatedBrands(join($cli.paths.root, 'brands'), join($cli.paths.root, validatedBrandsPath));
const brandFiles = [{ from: validatedBrandsPath, to: BRANDS_FILE }];

export const webhook = new sst.aws.Function('Webhook', {
  ...lambdaDefaults,
  // Split chunks: the SQS client is imported on the first delivery, so handshakes and CRC checks
  // never even parse it. The SDK stays bundled: left to the runtime (`@aws-sdk/*` external) the
  // chunks are smaller, but init loads the same chunk either way and a cold first delivery that
  // loads the SDK from node_modules is slower (bench/RESULTS.md, "the webhook's build").
  nodejs: { ...lambdaDefaults.nodejs, splitting: true },
  handler: 'functions/webhook.handler',
  description: 'Meta and X webhooks: verify, normalise, enqueue',
  // Meta wants an answer within 5 s, X's CRC within 3 s: a longer run helps nobody.
  timeout: '10 seconds',
  // A function URL, not the HTTP API: the webhook checks every request's signature itself, and a
  // URL costs nothing per request (the HTTP API would be a fifth of the cost per event).
  url: true,
  // A flood on the public URL is capped here, so it cannot take the concurrency the responder and
  // the agent API need; deliveries above the cap get 429 and the platforms retry (README).
  concurrency: settings.webhookReservedConcurrency
    ? { reserved: settings.webhookReservedConcurrency }
    : undefined,
  // the table and the retention settings for Meta's data deletion callback (it records erasures)
  environment: { ...resourceEnvironment.inbound, ...resourceEnvironment.table, LOG_HASH_KEY, ...RETENTION },
  link: webhookSecrets,
  permissions: permissions(webhookStatements),
});

export const agentApi = new sst.aws.Function('AgentApi', {
  ...lambdaDefaults,
  handler: 'functions/agent-api.handler',
  description: 'Agent API: reply through the platform, claim, close',
  // API Gateway ends an HTTP API integration after 30 s.
  timeout: '30 seconds',
  copyFiles: brandFiles,
  environment: {
    ...resourceEnvironment.table,
    ...resourceEnvironment.inbound,
    ...resourceEnvironment.handoff,
    ...resourceEnvironment.deadLetters,
    BRANDS_FILE,
    LOG_HASH_KEY,
    ...RETENTION,
  },
  link: agentApiSecrets,
  permissions: permissions(agentApiStatements),
});

export const responder = new sst.aws.Function('Responder', {
  ...lambdaDefaults,
  // Split chunks: the policy's trigram model (franc-min) is imported only for a text whose language
  // the word score leaves unsure, so most containers never parse it (bench/RESULTS.md).
  nodejs: { ...lambdaDefaults.nodejs, splitting: true },
  handler: 'functions/responder.handler',
  description: 'Responder: record, decide, reply or hand off',
  timeout: `${RESPONDER_TIMEOUT_SECONDS} seconds`,
  copyFiles: brandFiles,
  environment: {
    ...resourceEnvironment.table,
    ...resourceEnvironment.inbound,
    ...resourceEnvironment.handoff,
    BRANDS_FILE,
    LOG_HASH_KEY,
    ...RETENTION,
  },
  link: responderSecrets,
  permissions: permissions(responderStatements),
});

/**
 * The responder is the inbound queue's only consumer; it reports failed records one by one. The
 * maximum concurrency bounds how many responders call the platforms and write the table at once;
 * messages beyond it wait in the queue instead of being throttled and counted as receives.
 */
inboundQueue.subscribe(responder.arn, {
  batch: { size: 10, partialResponses: true },
  transform: {
    eventSourceMapping: { scalingConfig: { maximumConcurrency: settings.responderMaxConcurrency } },
  },
});

export const tokenHealth = new sst.aws.Function('TokenHealth', {
  ...lambdaDefaults,
  handler: 'functions/token-health.handler',
  description: 'Token health: checks every page token and X account once a day, flags what fails',
  timeout: '60 seconds',
  copyFiles: brandFiles,
  environment: { ...resourceEnvironment.table, BRANDS_FILE, LOG_HASH_KEY },
  link: tokenHealthSecrets,
  permissions: permissions(tokenHealthStatements),
});

new sst.aws.Cron('TokenHealthSchedule', { schedule: 'rate(1 day)', function: tokenHealth.arn });

export const openCases = new sst.aws.Function('OpenCases', {
  ...lambdaDefaults,
  handler: 'functions/open-cases.handler',
  description: 'Open cases by escalation level, for the dashboard',
  timeout: '60 seconds',
  environment: { ...resourceEnvironment.table, LOG_HASH_KEY },
  permissions: permissions(openCasesStatements),
});

new sst.aws.Cron('OpenCasesSchedule', { schedule: 'rate(5 minutes)', function: openCases.arn });

export { settings as operations };
