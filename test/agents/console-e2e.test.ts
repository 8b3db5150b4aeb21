import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookCommentDelivery, messengerDelivery } from '../../devkit/payloads.js';
import { GRAPH_API_VERSION } from '../../shared/config.js';
import { normaliseMetaDelivery } from '../../shared/platforms/meta/normalise.js';
import { type AgentTestSystem, conversationPath, startAgentTestSystem } from './agent-system.js';

const run = promisify(execFile);
const PAGE_ID = '123456789';
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';

let system: AgentTestSystem;
let server: ServerType;
let apiUrl: string;

beforeAll(async () => {
  system = await startAgentTestSystem();
  server = serve({ fetch: system.agentApp.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await system.stop();
});

/** `npm run agent -- ...args` against the test stack; returns its JSON lines. */
let lastStderr = '';
async function agentConsole(...args: string[]): Promise<Array<Record<string, unknown>>> {
  return agentConsoleWith({ INBOUND_QUEUE_URL: system.stack.inboundQueueUrl }, ...args);
}

/** The same with the inbound queue's URL set as given (or left out: `{}`). */
async function agentConsoleWith(
  inbound: { INBOUND_QUEUE_URL?: string },
  ...args: string[]
): Promise<Array<Record<string, unknown>>> {
  const { INBOUND_QUEUE_URL: _inherited, ...env } = { ...process.env, ...system.stack.env };
  const { stdout, stderr } = await run('npm', ['run', '--silent', 'agent', '--', ...args], {
    env: { ...env, HANDOFF_QUEUE_URL: system.stack.handoffQueueUrl, ...inbound },
    timeout: 60_000,
  });
  lastStderr = stderr;
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const asAlice = () => ['--api', apiUrl, '--key', system.keys.alice];

// Each step runs the real script (npm + tsx start-up, 1-3 s on a busy machine).
const CHILD_PROCESS_STEPS = { timeout: 90_000 };

describe('a case through the agent console and the agent API', () => {
  it(
    'complex comment -> hand-off -> console takes and claims it -> public reply, then the DM -> RESPONSE',
    CHILD_PROCESS_STEPS,
    async () => {
      const commentId = `777_${Date.now()}`;
      await system.postMeta(
        JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT })),
      );
      await system.drainInbound();
      const conversationId = `facebook:${PAGE_ID}:comment:${commentId}`;
      system.graph.reset();
      system.setNow(new Date(Date.now() + 60_000)); // an agent picks it up a minute later

      const [taken, ...more] = await agentConsole(
        '--json',
        '--take',
        '1',
        '--wait',
        '1',
        '--claim',
        ...asAlice(),
      );
      expect(more).toEqual([]);
      expect(taken, lastStderr).toMatchObject({
        type: 'case',
        handoff: { type: 'new', conversationId, platform: 'facebook', channel: 'comment', complex: true },
        state: { status: 'claimed', claimedBy: 'alice' },
        claim: { ok: true },
        queue: { removed: true },
      });
      const handoff = taken?.handoff as {
        dueBy?: string;
        transcript: Array<{ text: string }>;
        links: { dm?: string };
      };
      expect(handoff.transcript[0]?.text).toBe(COMPLEX_TEXT);
      expect(handoff.links.dm).toMatch(/^https:\/\/m\.me\//);
      expect(taken?.windows).toEqual([
        expect.objectContaining({ kind: 'public', open: true }),
        expect.objectContaining({ kind: 'private', open: false, mode: 'private reply' }),
      ]);
      // The queue is empty now: the case was taken.
      expect(await agentConsole('--json', '--take', '1', '--wait', '1', ...asAlice())).toEqual([]);

      const reply = await system.api('POST', conversationPath(conversationId, 'reply'), {
        body: { text: 'Hallo Erika, wir haben dir privat geschrieben – bitte schau in deine Nachrichten.' },
        headers: { 'idempotency-key': 'e2e-public-1' },
      });
      expect(reply.status).toBe(201);
      expect(reply.json).toMatchObject({ kind: 'public', status: 'sent', mode: 'public reply' });
      expect(system.graph.calls.map((c) => [c.method, c.path, c.json])).toEqual([
        [
          'POST',
          `/${GRAPH_API_VERSION}/${commentId}/comments`,
          { message: 'Hallo Erika, wir haben dir privat geschrieben – bitte schau in deine Nachrichten.' },
        ],
      ]);

      const [shown] = await agentConsole('--json', '--show', conversationId, ...asAlice());
      const view = (
        shown as {
          value: {
            conversation: Record<string, unknown>;
            audit: Array<Record<string, unknown>>;
            messages: Array<Record<string, unknown>>;
          };
        }
      ).value;
      expect(view.conversation).toMatchObject({ status: 'answered', humanReplied: true, claimedBy: 'alice' });
      expect(view.messages.at(-1)).toMatchObject({ sentBy: 'human', agentId: 'alice', direction: 'out' });
      // The responder writes one entry per event: the decision, its rules and the steps it took.
      const automated = view.audit.filter((a) => a.actor === 'bot');
      expect(automated.map((a) => a.action)).toEqual(['decided_reply_and_dm']);
      expect(automated[0]?.detail).toMatch(
        /reply public (sent|dry_run) .*reply private (sent|dry_run) .*hand-off new case_/,
      );
      expect(view.audit.slice(-2).map((a) => [a.actor, a.action])).toEqual([
        ['agent:alice', 'claimed'],
        ['agent:alice', 'replied_public'],
      ]);
      const decided = view.audit.find((a) => a.action === 'decided_reply_and_dm');
      expect(decided?.reasons).toEqual(expect.arrayContaining([expect.stringContaining('personal_data')]));

      // The customer answers the private reply in Messenger: a DM thread, handed off as its own case.
      const psid = '7000000000000099';
      await system.postMeta(
        JSON.stringify(
          messengerDelivery({
            platform: 'facebook',
            accountId: PAGE_ID,
            senderId: psid,
            text: 'Hier ist meine Adresse: Musterstraße 1, 12345 Berlin. Wo bleibt das Paket?',
          }),
        ),
      );
      await system.drainInbound();
      system.graph.reset();
      system.setNow(new Date(Date.now() + 90_000));
      const [dmCase] = await agentConsole('--json', '--take', '1', '--wait', '1', '--claim', ...asAlice());
      const dmConversationId = `facebook:${PAGE_ID}:dm:${psid}`;
      expect(dmCase).toMatchObject({
        type: 'case',
        handoff: { conversationId: dmConversationId, channel: 'dm' },
        state: { status: 'claimed' },
      });
      expect(dmCase?.windows).toEqual([
        expect.objectContaining({ kind: 'private', open: true, mode: 'RESPONSE' }),
      ]);

      system.setNow(new Date(Date.now() + 120_000));
      const [sent] = await agentConsole(
        '--json',
        '--reply',
        dmConversationId,
        '--text',
        'Danke! Das Paket liegt in der Filiale Berlin-Mitte für dich bereit.',
        ...asAlice(),
      );
      expect(sent).toMatchObject({
        type: 'result',
        action: 'reply',
        ok: true,
        value: { kind: 'private', status: 'sent', mode: 'RESPONSE' },
      });
      expect(system.graph.calls.map((c) => c.json)).toEqual([
        {
          recipient: { id: psid },
          messaging_type: 'RESPONSE',
          message: { text: 'Danke! Das Paket liegt in der Filiale Berlin-Mitte für dich bereit.' },
        },
      ]);
      system.setNow(new Date(Date.now() + 180_000));
      const closed = await agentConsole(
        '--json',
        '--close',
        dmConversationId,
        '--note',
        'parcel at the branch',
        ...asAlice(),
      );
      expect(closed[0]).toMatchObject({ ok: true, value: { status: 'closed', closedBy: 'alice' } });
      const dmAudit = (await system.deps.store.listAudit(dmConversationId)).filter(
        (a) => a.actor === 'agent:alice',
      );
      expect(dmAudit.map((a) => a.action)).toEqual(['claimed', 'replied_private', 'closed']);
    },
  );

  it('refuses a console action without a valid key and says how to fix it', async () => {
    await expect(
      agentConsole('--json', '--claim', 'facebook:1:dm:2', '--api', apiUrl, '--key', 'sca_not-a-key'),
    ).rejects.toMatchObject({ stdout: expect.stringContaining('"status":401') });
  });
});

describe('dead-letter queues in the console', () => {
  it(
    'shows the count and age of the oldest message, and redrives it so the responder handles it',
    CHILD_PROCESS_STEPS,
    async () => {
      const [event] = normaliseMetaDelivery(
        messengerDelivery({
          platform: 'facebook',
          accountId: PAGE_ID,
          senderId: `8${Date.now()}`,
          text: COMPLEX_TEXT,
        }),
      ).events;
      if (!event) throw new Error('the delivery normalises to one event');
      // As if the responder had failed on it five times before a fix.
      await system.parkOnInboundDeadLetters(event);

      const status = await agentConsole('--json', '--dlq');
      const inbound = status.find((s) => s.queue === 'inbound');
      expect(inbound).toMatchObject({
        type: 'dlq',
        count: 1,
        deadLetterQueueUrl: system.stack.inboundDeadLetterQueueUrl,
      });
      expect(typeof inbound?.oldestAgeMs).toBe('number');
      expect(status.find((s) => s.queue === 'handoff')).toMatchObject({ count: 0 });

      expect(await agentConsole('--json', '--redrive', 'inbound')).toEqual([
        { type: 'redrive', queue: 'inbound', moved: 1 },
      ]);
      await system.drainInbound();
      expect(await system.deps.store.getConversation(event.threadKey)).toMatchObject({
        status: 'handed_off',
      });
      expect((await agentConsole('--json', '--dlq')).find((s) => s.queue === 'inbound')).toMatchObject({
        count: 0,
      });
    },
  );
});

describe('erasing a customer from the console', () => {
  it(
    'asks the agent API as a supervisor; the responder runs the job; an agent key is refused',
    CHILD_PROCESS_STEPS,
    async () => {
      const customerId = `9${Date.now()}`;
      await system.postMeta(
        JSON.stringify(
          messengerDelivery({
            platform: 'facebook',
            accountId: PAGE_ID,
            senderId: customerId,
            text: COMPLEX_TEXT,
          }),
        ),
      );
      await system.drainInbound();
      const conversationId = `facebook:${PAGE_ID}:dm:${customerId}`;
      expect(await system.deps.store.getConversation(conversationId)).toBeDefined();

      await expect(
        agentConsole('--json', '--erase', `facebook:${customerId}`, ...asAlice(), '--wait', '0'),
      ).rejects.toMatchObject({ stdout: expect.stringContaining('403 supervisor_only') });

      const [requested] = await agentConsole(
        '--json',
        '--erase',
        `facebook:${customerId}`,
        '--api',
        apiUrl,
        '--key',
        system.keys.carol,
        '--wait',
        '0',
      );
      expect(requested).toMatchObject({ type: 'erasure', status: 'pending', platform: 'facebook' });
      await system.drainInbound();
      const done = await system.api('GET', `/agent/erasures/${requested?.erasureId}`, { as: 'carol' });
      expect(done.json).toMatchObject({ status: 'done', source: 'agent_api', requestedBy: 'carol' });
      expect(await system.deps.store.getConversation(conversationId)).toBeUndefined();
    },
  );

  it(
    'acts directly as an agent (--agent) with the inbound queue named by flag, and says plainly when it is not',
    CHILD_PROCESS_STEPS,
    async () => {
      const listed = await agentConsoleWith(
        {},
        '--json',
        '--list',
        '--agent',
        'alice',
        '--inbound-queue-url',
        system.stack.inboundQueueUrl,
      );
      expect(listed[0], lastStderr).toMatchObject({ type: 'result', action: 'list', ok: true });
      await expect(agentConsoleWith({}, '--json', '--list', '--agent', 'alice')).rejects.toMatchObject({
        stdout: expect.stringContaining('set --inbound-queue-url or INBOUND_QUEUE_URL'),
      });
    },
  );
});
