/**
 * `npm run agent`: the agent console. Takes cases from the hand-off queue one at a time, shows
 * them readably, and lets a person claim, reply (through the platform, with its rules), escalate,
 * release or close them. `--json` prints cases as JSON lines and takes actions as flags, for
 * helpdesk bridges and scripts. Usage: `npm run agent -- --help`.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HandoffConsumer } from '../devkit/handoff-consumer.js';
import { LOCAL_DEFAULTS } from '../infra/local/defaults.js';
import { LOCAL_AWS_ENV } from '../infra/local/stack.js';
import type { ServiceLevelMetric } from '../shared/agents/service-levels.js';
import { describeAccount, loadAccountStatuses } from './agent-console/accounts.js';
import { type AgentActions, apiActions, directActions } from './agent-console/actions.js';
import { conversationAction } from './agent-console/conversation-actions.js';
import { deadLetterCommand } from './agent-console/dead-letters.js';
import { eraseCommand } from './agent-console/erase.js';
import { interactiveConsole } from './agent-console/interactive.js';
import { hashKey } from './agent-console/keys.js';
import { reporter } from './agent-console/report.js';
import { takeCases } from './agent-console/take.js';

const USAGE = `npm run agent -- [options]

Cases from the hand-off queue
  (no action)                    interactive: one case at a time; claim, reply, escalate, release, close
  --json --take N                print up to N cases as JSON lines and remove them from the queue
      --peek                     ...leave them on the queue instead
      --claim                    ...and claim each one (needs --agent or --api/--key)
  --wait SECONDS                 long-poll time (default 20; --take: 5)

Actions on a conversation (print the result; with --json as one JSON line)
  --show ID                      the conversation with messages, replies, audit, windows, service levels
  --list [--status S] [--mine] [--escalation L1|L2|L3] [--brand B] [--platform P] [--limit N] [--cursor C]
  --claim ID
  --reply ID --text "..." [--kind public|private] [--idempotency-key KEY]
  --escalate ID [--level L2|L3] [--priority high|urgent] [--note "..."]
  --release ID [--note "..."]
  --close ID [--note "..."]

Dead-letter queues
  --dlq                          count and oldest message of the inbound and hand-off DLQs
  --redrive handoff|inbound [--max N]   move messages back to their queue after a fix

Accounts
  --accounts                     every account of the brand files, and why it needs attention if flagged
                                 (a reply failed on its token or access, or the daily token check)

Keys
  --hash-key [KEY] [--agent NAME] [--role agent|supervisor|reader] [--brands a,b]
                                 a new API key (or the hash of KEY) and its AGENT_API_KEYS entry

Privacy
  --erase PLATFORM:USER_ID       erase everything stored about one customer (as --agent, a supervisor)

Who and where
  --agent ID        act directly through the shared code as this agent (local; or AGENT_ID)
  --api URL --key K act through the agent API with an API key (deployed; or AGENT_API_URL, AGENT_API_KEY)
  --queue-url URL   hand-off queue (or HANDOFF_QUEUE_URL; default: the local stack's dev-handoff.fifo)
  --inbound-queue-url URL   (or INBOUND_QUEUE_URL; default: dev-inbound.fifo)
  --table NAME      (or TABLE_NAME; default: dev-conversations)
  --sqs-endpoint URL / --dynamo-endpoint URL   (default without queue URLs: the local stack, ports 9324 / 8000)
`;

// `--claim ID` claims one conversation; a bare `--claim` (with --take) claims each case taken.
const argv = process.argv
  .slice(2)
  .map((arg, i, all) =>
    arg === '--claim' && (i === all.length - 1 || all[i + 1]?.startsWith('--')) ? '--claim-taken' : arg,
  );
const { values: args, positionals } = parseArgs({
  args: argv,
  options: {
    'claim-taken': { type: 'boolean' },
    help: { type: 'boolean' },
    json: { type: 'boolean' },
    take: { type: 'string' },
    peek: { type: 'boolean' },
    wait: { type: 'string' },
    show: { type: 'string' },
    list: { type: 'boolean' },
    status: { type: 'string' },
    escalation: { type: 'string' },
    brand: { type: 'string' },
    platform: { type: 'string' },
    mine: { type: 'boolean' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    claim: { type: 'string' },
    reply: { type: 'string' },
    text: { type: 'string' },
    kind: { type: 'string' },
    'idempotency-key': { type: 'string' },
    escalate: { type: 'string' },
    level: { type: 'string' },
    priority: { type: 'string' },
    note: { type: 'string' },
    release: { type: 'string' },
    close: { type: 'string' },
    dlq: { type: 'boolean' },
    accounts: { type: 'boolean' },
    redrive: { type: 'string' },
    max: { type: 'string' },
    'hash-key': { type: 'boolean' },
    role: { type: 'string' },
    brands: { type: 'string' },
    erase: { type: 'string' },
    agent: { type: 'string' },
    api: { type: 'string' },
    key: { type: 'string' },
    'queue-url': { type: 'string' },
    'inbound-queue-url': { type: 'string' },
    table: { type: 'string' },
    'sqs-endpoint': { type: 'string' },
    'dynamo-endpoint': { type: 'string' },
  },
  allowPositionals: true,
});

const str = (name: keyof typeof args): string | undefined => {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
};
const flag = (name: keyof typeof args): boolean => args[name] === true;
const json = flag('json');

const write = (text: string) => process.stdout.write(text);
function out(value: unknown): void {
  write(`${JSON.stringify(value)}\n`);
}
const report = reporter({ json, out, write });

function fail(message: string, code = 2): never {
  if (json) out({ type: 'error', error: 'usage', message });
  else process.stderr.write(`${message}\n`);
  process.exit(code);
}

// ---- keys (no AWS needed) -------------------------------------------------------------------
if (flag('help')) {
  write(USAGE);
  process.exit(0);
}
if (flag('hash-key')) {
  try {
    const result = hashKey({
      given: positionals[0],
      agentId: str('agent'),
      role: str('role'),
      brands: str('brands'),
    });
    if (json) out(result.json);
    else write(result.text);
  } catch (error) {
    fail((error as Error).message);
  }
  process.exit(0);
}

// ---- where: local stack defaults unless queue URLs are given --------------------------------
if (existsSync('.env')) process.loadEnvFile('.env');
const queueUrlGiven = str('queue-url') ?? process.env.HANDOFF_QUEUE_URL;
const local = !queueUrlGiven;
if (local) {
  for (const [name, value] of Object.entries({ ...LOCAL_AWS_ENV, ...LOCAL_DEFAULTS }))
    process.env[name] ??= value;
  process.env.AWS_ENDPOINT_URL_SQS ??= `http://127.0.0.1:${process.env.SQS_PORT ?? 9324}`;
  process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${process.env.DYNAMO_PORT ?? 8000}`;
}
if (str('sqs-endpoint')) process.env.AWS_ENDPOINT_URL_SQS = str('sqs-endpoint');
if (str('dynamo-endpoint')) process.env.AWS_ENDPOINT_URL_DYNAMODB = str('dynamo-endpoint');
const table = str('table') ?? process.env.TABLE_NAME ?? (local ? 'dev-conversations' : undefined);
if (table) process.env.TABLE_NAME = table;

const sqs = new SQSClient({});
async function queueUrl(name: 'handoff' | 'inbound'): Promise<string> {
  const given =
    name === 'handoff'
      ? queueUrlGiven
      : (str('inbound-queue-url') ?? process.env.INBOUND_QUEUE_URL ?? (local ? undefined : ''));
  if (given) return given;
  if (given === '') fail('set --inbound-queue-url or INBOUND_QUEUE_URL');
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: `dev-${name}.fifo` }));
    return QueueUrl as string;
  } catch (error) {
    fail(
      `cannot reach the local ${name} queue (dev-${name}.fifo at ${process.env.AWS_ENDPOINT_URL_SQS}): is \`npm run dev\` running? (${(error as Error).name})`,
      1,
    );
  }
}

async function actions(): Promise<AgentActions> {
  return (await optionalActions()) ?? fail('say who you are: --agent ID (direct) or --api URL --key KEY');
}

/** The configured way to act, or undefined when the user named none. */
async function optionalActions(): Promise<AgentActions | undefined> {
  const api = str('api') ?? process.env.AGENT_API_URL;
  if (api) {
    const key = str('key') ?? process.env.AGENT_API_KEY;
    if (!key) fail('--api needs --key (or AGENT_API_KEY)');
    return apiActions(api, key);
  }
  const agentId = str('agent') ?? process.env.AGENT_ID;
  if (!agentId) return undefined;
  process.env.HANDOFF_QUEUE_URL ??= await queueUrl('handoff');
  // The agent role's configuration names both queues (erasure jobs go to the inbound one).
  process.env.INBOUND_QUEUE_URL = await queueUrl('inbound');
  // Loaded only for direct mode: it reads the configuration (platform tokens) from the environment.
  const [{ buildConfig }, { createAgentService }] = await Promise.all([
    import('../shared/config.js'),
    import('../shared/agents/deps.js'),
  ]);
  const quiet = {
    info: () => undefined,
    warn: () => undefined,
    error: (m: string) => process.stderr.write(`${m}\n`),
  };
  // EMF only means something inside Lambda; here the figures go to stderr, out of the JSON lines.
  const metricsToStderr = (list: readonly ServiceLevelMetric[]) => {
    for (const m of list) {
      process.stderr.write(
        `service level: ${m.name} ${m.value}${m.unit === 'Seconds' ? ' s' : ''} (${m.dimensions.platform}, ${m.dimensions.escalation})\n`,
      );
    }
  };
  return directActions(createAgentService(buildConfig('agent'), quiet, metricsToStderr), agentId);
}

// ---- dead-letter queues and erasures -------------------------------------------------------
if (flag('dlq') || str('redrive')) {
  const max = Number(str('max') ?? 1000);
  const result = await deadLetterCommand({ sqs, queueUrl, redriveQueue: str('redrive'), max, json });
  for (const line of result.lines) write(`${line}\n`);
  if (result.error) fail(result.error, 1);
  process.exit(0);
}
if (str('erase')) {
  const api = str('api') ?? process.env.AGENT_API_URL;
  const result = await eraseCommand({
    target: str('erase') ?? '',
    api: api ? { url: api, key: str('key') ?? process.env.AGENT_API_KEY ?? '' } : undefined,
    direct: async () => ({
      agentId: str('agent') ?? process.env.AGENT_ID ?? fail('--erase needs --agent ID or --api/--key'),
      tableName: table ?? fail('set --table or TABLE_NAME'),
      inboundQueueUrl: await queueUrl('inbound'),
    }),
    waitSeconds: Number(str('wait') ?? 30),
  });
  if (!result.ok) fail(result.error, 1);
  out({ type: 'erasure', ...result.status });
  process.exit(0);
}

// ---- accounts that need attention -----------------------------------------------------------
if (flag('accounts')) {
  for (const account of await loadAccountStatuses(table ?? fail('set --table or TABLE_NAME'))) {
    if (json) out({ type: 'account', ...account });
    else write(`${describeAccount(account)}\n`);
  }
  process.exit(0);
}

// ---- one action on a conversation -----------------------------------------------------------
const single = (['show', 'reply', 'escalate', 'release', 'close'] as const).find((name) => str(name));
if (single || flag('list') || (str('claim') && !str('take'))) {
  const ok = await conversationAction(args, { act: await actions(), report, fail });
  process.exit(ok ? 0 : 1);
}

// ---- cases from the queue -------------------------------------------------------------------
const consumer = new HandoffConsumer(sqs, await queueUrl('handoff'));

if (str('take') !== undefined || json) {
  const count = Number(str('take') ?? 1);
  if (!Number.isInteger(count) || count < 1) fail('--take: a positive number');
  const claim = flag('claim-taken');
  const viewer = claim ? await actions() : await optionalActions();
  await takeCases({
    consumer,
    count,
    waitSeconds: Number(str('wait') ?? 5),
    peek: flag('peek'),
    viewer,
    claimer: claim ? viewer : undefined,
    out,
  });
  process.exit(0);
}

// ---- interactive ----------------------------------------------------------------------------
await interactiveConsole({
  act: await actions(),
  consumer,
  waitSeconds: Number(str('wait') ?? 20),
  accounts: table ? () => loadAccountStatuses(table) : undefined,
  input: process.stdin,
  report,
  write,
});
process.exit(0);
