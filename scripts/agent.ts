/**
 * `npm run agent`: the agent console. Takes cases from the hand-off queue one at a time, shows
 * them readably, and lets a person claim, reply (through the platform, with its rules), escalate,
 * release or close them. `--json` prints cases as JSON lines and takes actions as flags, for
 * helpdesk bridges and scripts. Usage: `npm run agent -- --help`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HandoffConsumer, type ReceivedHandoff } from '../devkit/handoff-consumer.js';
import { LOCAL_DEFAULTS } from '../infra/local/defaults.js';
import { LOCAL_AWS_ENV } from '../infra/local/stack.js';
import type { CaseView } from '../shared/agents/service.js';
import type { ServiceLevelMetric } from '../shared/agents/service-levels.js';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../shared/conversations/lifecycle.js';
import type { HandoffMessage } from '../shared/handoff/schema.js';
import { EscalationSchema, PrioritySchema } from '../shared/policy/decision.js';
import { describeAccount, loadAccountStatuses } from './agent-console/accounts.js';
import { type ActionResult, type AgentActions, apiActions, directActions } from './agent-console/actions.js';
import { deadLetterCommand } from './agent-console/dead-letters.js';
import { eraseCommand } from './agent-console/erase.js';
import { hashKey } from './agent-console/keys.js';
import { renderCase } from './agent-console/render.js';

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

function out(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function fail(message: string, code = 2): never {
  if (json) out({ type: 'error', error: 'usage', message });
  else process.stderr.write(`${message}\n`);
  process.exit(code);
}

// ---- keys (no AWS needed) -------------------------------------------------------------------
if (flag('help')) {
  process.stdout.write(USAGE);
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
    else process.stdout.write(result.text);
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

function report<T>(label: string, result: ActionResult<T>, text: (value: T) => string): boolean {
  if (json) {
    out(
      result.ok
        ? { type: 'result', action: label, ok: true, value: result.value }
        : { type: 'result', action: label, ...result },
    );
  } else if (result.ok) {
    process.stdout.write(`${text(result.value)}\n`);
  } else {
    process.stdout.write(`${label} refused (${result.status} ${result.error}): ${result.message}\n`);
    if (result.advice) process.stdout.write(`  What you can do: ${result.advice}\n`);
  }
  return result.ok;
}

// ---- dead-letter queues and erasures -------------------------------------------------------
if (flag('dlq') || str('redrive')) {
  const max = Number(str('max') ?? 1000);
  const result = await deadLetterCommand({ sqs, queueUrl, redriveQueue: str('redrive'), max, json });
  for (const line of result.lines) process.stdout.write(`${line}\n`);
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
const accounts = () => loadAccountStatuses(table ?? fail('set --table or TABLE_NAME'));

if (flag('accounts')) {
  for (const account of await accounts()) {
    if (json) out({ type: 'account', ...account });
    else process.stdout.write(`${describeAccount(account)}\n`);
  }
  process.exit(0);
}

// ---- one action on a conversation -----------------------------------------------------------
const single = (['show', 'reply', 'escalate', 'release', 'close'] as const).find((name) => str(name));
const claimId = str('claim');
if (single || flag('list') || (claimId && !str('take'))) {
  const act = await actions();
  let ok = true;
  if (flag('list')) {
    const status = (str('status') ?? 'handed_off') as ConversationStatus;
    if (!CONVERSATION_STATUSES.includes(status)) fail(`--status: one of ${CONVERSATION_STATUSES.join(', ')}`);
    const result = await act.list({
      status,
      escalation: str('escalation'),
      brand: str('brand'),
      platform: str('platform'),
      limit: str('limit') ? Number(str('limit')) : undefined,
      cursor: str('cursor'),
      mine: flag('mine'),
    });
    ok = report('list', result, (page) =>
      [
        ...page.items.map(
          (c) =>
            `${c.conversationId}  ${c.status}${c.claimedBy ? `(${c.claimedBy})` : ''}  ${c.escalation ?? '-'} ${c.priority ?? '-'}  due ${c.dueBy ?? '-'}  ${c.customer.name ?? c.customer.id}`,
        ),
        page.cursor ? `more: --cursor ${page.cursor}` : '(end)',
      ].join('\n'),
    );
  } else if (claimId) {
    ok = report('claim', await act.claim(claimId), (c) => `claimed ${c.conversationId} (status ${c.status})`);
  } else if (str('show')) {
    ok = report('show', await act.get(str('show') as string), describeView);
  } else if (str('reply')) {
    const text = str('text');
    if (!text) fail('--reply needs --text');
    const kind = str('kind');
    if (kind && kind !== 'public' && kind !== 'private') fail('--kind: public or private');
    ok = report(
      'reply',
      await act.reply(str('reply') as string, {
        text,
        kind: kind as 'public' | 'private' | undefined,
        idempotencyKey: str('idempotency-key') ?? randomUUID(),
      }),
      (r) =>
        `${r.replayed ? 'already sent' : r.status === 'dry_run' ? 'DRY RUN (no credentials), recorded' : 'sent'}: ${r.kind} reply (${r.mode}), platform id ${r.platformId ?? '-'}`,
    );
  } else if (str('escalate')) {
    const level = str('level') ? EscalationSchema.safeParse(str('level')) : undefined;
    const priority = str('priority') ? PrioritySchema.safeParse(str('priority')) : undefined;
    if (level && !level.success) fail('--level: L1, L2 or L3');
    if (priority && !priority.success) fail('--priority: low, normal, high or urgent');
    ok = report(
      'escalate',
      await act.escalate(str('escalate') as string, {
        level: level?.data,
        priority: priority?.data,
        note: str('note'),
      }),
      (c) => `escalated to ${c.escalation} (priority ${c.priority}, due by ${c.dueBy}); back on the queue`,
    );
  } else if (str('release')) {
    ok = report(
      'release',
      await act.release(str('release') as string, str('note')),
      () => 'released: back on the queue',
    );
  } else if (str('close')) {
    ok = report('close', await act.close(str('close') as string, str('note')), () => 'closed');
  }
  process.exit(ok ? 0 : 1);
}

function describeView(view: CaseView): string {
  const c = view.conversation;
  const levels = view.serviceLevels;
  return [
    `${c.conversationId}: ${c.status}${c.claimedBy ? ` (claimed by ${c.claimedBy})` : ''}, ${c.platform} ${c.channel}, ${c.escalation ?? '-'} ${c.priority ?? '-'}`,
    `due by ${levels.dueBy ?? '-'}${levels.overdue ? ' OVERDUE' : ''}; first human response ${levels.firstHumanResponseSeconds ?? '-'} s; hand-off ${levels.handoffSeconds ?? '-'} s; automatic acknowledgement ${levels.acknowledgementSeconds ?? '-'} s`,
    ...view.windows.map((w) => `window ${w.kind}: ${w.open ? 'open' : 'CLOSED'} ${w.mode}: ${w.note}`),
    ...view.messages.map(
      (m) =>
        `  ${new Date(m.occurredAt).toISOString()} ${m.sentBy}${m.agentId ? ` ${m.agentId}` : ''} [${m.channel}] ${m.text}${(m.attachments ?? []).map((a) => ` <${a.type}${a.url ? ` ${a.url}` : ''}>`).join('')}`,
    ),
    'audit:',
    ...view.audit.map(
      (a) =>
        `  ${a.at} ${a.actor} ${a.action}${a.reasons?.length ? ` [${a.reasons.join(', ')}]` : ''}${a.detail ? `: ${a.detail}` : ''}`,
    ),
  ].join('\n');
}

// ---- cases from the queue -------------------------------------------------------------------
const consumer = new HandoffConsumer(sqs, await queueUrl('handoff'));

if (str('take') !== undefined || json) {
  const count = Number(str('take') ?? 1);
  if (!Number.isInteger(count) || count < 1) fail('--take: a positive number');
  const claim = flag('claim-taken');
  const viewer = claim ? await actions() : await optionalActions();
  const wait = Number(str('wait') ?? 5);
  let taken = 0;
  let idleRounds = 0;
  // One message per receive: the emulator's long poll waits the full time when asked for more.
  while (taken < count && idleRounds < 1) {
    const [received] = await consumer.receive({ waitSeconds: wait, max: 1 });
    if (!received) {
      idleRounds++;
      continue;
    }
    taken++;
    await emitJsonCase(received, viewer, claim ? viewer : undefined);
  }
  process.exit(0);
}

async function emitJsonCase(
  received: ReceivedHandoff,
  viewer: AgentActions | undefined,
  claimer?: AgentActions,
) {
  if (!received.parsed.ok) {
    // Left on the queue: after the redrive limit it moves to the dead-letter queue (`--dlq`).
    out({
      type: 'invalid',
      messageId: received.messageId,
      receiveCount: received.receiveCount,
      error: received.parsed.error,
    });
    return;
  }
  const handoff = received.parsed.message;
  const claimed = claimer ? await claimer.claim(handoff.conversationId) : undefined;
  const view = viewer ? await viewer.get(handoff.conversationId) : undefined;
  if (!flag('peek') && (!claimed || claimed.ok)) await consumer.ack(received.receiptHandle);
  else await consumer.returnToQueue(received.receiptHandle);
  out({
    type: 'case',
    handoff,
    ...(view?.ok
      ? {
          state: {
            status: view.value.conversation.status,
            claimedBy: view.value.conversation.claimedBy,
            dueBy: view.value.serviceLevels.dueBy,
            overdue: view.value.serviceLevels.overdue,
          },
          windows: view.value.windows,
        }
      : {}),
    ...(claimed ? { claim: claimed.ok ? { ok: true } : claimed } : {}),
    queue: {
      messageId: received.messageId,
      receiveCount: received.receiveCount,
      sentAt: received.sentAt,
      removed: !flag('peek') && (!claimed || claimed.ok),
    },
  });
}

// ---- interactive ----------------------------------------------------------------------------
const act = await actions();
const me = await act.agentId();
// Lines are read through the iterator, which buffers them: piped input works as well as a terminal.
const lines = createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) })[
  Symbol.asyncIterator
]();
/** The answer, or undefined when the input has ended (then the console returns the case and stops). */
async function ask(question: string): Promise<string | undefined> {
  process.stdout.write(question);
  const next = await lines.next();
  return next.done ? undefined : String(next.value).trim();
}
process.stdout.write(`Agent console as ${me}. Waiting for cases on ${consumer.queueUrl} (Ctrl-C to stop)\n`);
if (table) {
  for (const account of (await accounts()).filter((a) => a.needsAttention)) {
    process.stdout.write(`Account ${describeAccount(account)}\n`);
  }
}

for (;;) {
  const [received] = await consumer.receive({
    waitSeconds: Number(str('wait') ?? 20),
    max: 1,
    visibilitySeconds: 300,
  });
  if (!received) continue;
  if (!received.parsed.ok) {
    process.stdout.write(
      `A hand-off message this console cannot read (${received.parsed.error}); left for the dead-letter queue.\n`,
    );
    continue;
  }
  await workOn(received.parsed.message, received.receiptHandle);
}

async function workOn(handoff: HandoffMessage, receiptHandle: string): Promise<void> {
  let onQueue = true;
  const settleQueue = async (done: boolean) => {
    if (!onQueue) return;
    onQueue = false;
    try {
      if (done) await consumer.ack(receiptHandle);
      else await consumer.returnToQueue(receiptHandle);
    } catch (error) {
      // After the visibility timeout (5 min) the message is back on the queue under a new handle:
      // the next consumer sees the case with its current state, so nothing is lost.
      process.stdout.write(
        `(the queue message had already become visible again: ${(error as Error).name}; the next consumer sees the case as it is now)\n`,
      );
    }
  };
  for (;;) {
    const view = await act.get(handoff.conversationId);
    const current = view.ok ? view.value : undefined;
    const holder = current?.conversation.claimedBy;
    if (holder && holder !== me && onQueue) {
      process.stdout.write(
        `Update for ${handoff.conversationId}, which ${holder} holds: they see it in their list. Taken off the queue.\n`,
      );
      await settleQueue(true);
      return;
    }
    process.stdout.write(`\n${renderCase(handoff, current, new Date())}\n`);
    const choice =
      (await ask('\n[c]laim  [r]eply  [e]scalate  re[l]ease  [x] close  [s]kip  [q]uit > ')) ?? 'q';
    switch (choice) {
      case 'c':
        if (report('claim', await act.claim(handoff.conversationId), () => 'claimed: it is yours'))
          await settleQueue(true);
        break;
      case 'r': {
        const text = await ask('Reply text: ');
        if (!text) break;
        const kind = await ask(
          `Kind [${current?.conversation.channel === 'dm' ? 'private' : 'public'}] (public/private): `,
        );
        report(
          'reply',
          await act.reply(handoff.conversationId, {
            text,
            kind: kind === 'public' || kind === 'private' ? kind : undefined,
            idempotencyKey: randomUUID(),
          }),
          (r) =>
            `${r.status === 'dry_run' ? 'DRY RUN (no credentials), recorded' : 'sent'}: ${r.kind} reply (${r.mode})`,
        );
        break;
      }
      case 'e': {
        const level = EscalationSchema.safeParse((await ask('Level [next] (L2/L3): '))?.toUpperCase());
        const note = await ask('Note for the next team: ');
        if (
          report(
            'escalate',
            await act.escalate(handoff.conversationId, {
              level: level.success ? level.data : undefined,
              note: note || undefined,
            }),
            (c) => `escalated to ${c.escalation}`,
          )
        ) {
          await settleQueue(true);
          return;
        }
        break;
      }
      case 'l':
        if (holder === me) {
          const note = await ask('Note: ');
          if (
            report(
              'release',
              await act.release(handoff.conversationId, note || undefined),
              () => 'released: back on the queue',
            )
          ) {
            await settleQueue(true);
            return;
          }
        } else {
          await settleQueue(false);
          process.stdout.write('left on the queue\n');
          return;
        }
        break;
      case 'x': {
        const note = await ask('Closing note: ');
        if (report('close', await act.close(handoff.conversationId, note || undefined), () => 'closed')) {
          await settleQueue(true);
          return;
        }
        break;
      }
      case 's':
        await settleQueue(false);
        return;
      case 'q':
        await settleQueue(false);
        process.exit(0);
        break;
      default:
        process.stdout.write('?\n');
    }
  }
}
