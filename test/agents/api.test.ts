import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookCommentDelivery, messengerDelivery } from '../../devkit/payloads.js';
import { automaticServiceLevelMetrics } from '../../shared/agents/service-levels.js';
import { GRAPH_API_VERSION } from '../../shared/config.js';
import type { AuditEntry, Conversation } from '../../shared/conversations/model.js';
import { type AgentTestSystem, conversationPath, startAgentTestSystem } from './agent-system.js';

const PAGE_ID = '123456789';
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';
const HOUR = 3_600_000;

let system: AgentTestSystem;
let seq = 0;
const uniqueId = () => `${Date.now()}${++seq}`;

beforeAll(async () => {
  system = await startAgentTestSystem();
});
afterAll(async () => {
  await system.stop();
});
beforeEach(async () => {
  system.setNow(new Date());
  system.graph.reset();
  system.metrics.length = 0;
  await system.takeHandoffs();
});

const messagesCalls = () =>
  system.graph.calls.filter((c) => c.path === `/${GRAPH_API_VERSION}/${PAGE_ID}/messages`);

/** A customer DM at `at`, handled by the responder with its clock at the same time. */
async function customerDm(at: Date, text = COMPLEX_TEXT, sender = `7${uniqueId()}`) {
  system.setNow(at);
  await system.postMeta(
    JSON.stringify(
      messengerDelivery({
        platform: 'facebook',
        accountId: PAGE_ID,
        senderId: sender,
        text,
        timestamp: at.getTime(),
      }),
    ),
  );
  await system.drainInbound();
  return { conversationId: `facebook:${PAGE_ID}:dm:${sender}`, sender };
}

async function handedOffComment() {
  const commentId = `901_${uniqueId()}`;
  await system.postMeta(
    JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, text: COMPLEX_TEXT })),
  );
  await system.drainInbound();
  return { conversationId: `facebook:${PAGE_ID}:comment:${commentId}`, commentId };
}

const audit = async (conversationId: string) =>
  (await system.deps.store.listAudit(conversationId)).map((e: AuditEntry) => [e.actor, e.action]);

describe('authentication', () => {
  it('answers 401 with the same body for a missing, wrong or malformed key, and leaks nothing', async () => {
    const { conversationId } = await handedOffComment();
    const attempts: Array<string | null> = [
      null,
      'Bearer sca_wrongwrongwrongwrongwrongwrongwrongwrongwro',
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from('alice:x').toString('base64')}`,
      `Bearer ${system.keys.alice} extra`,
      `Bearer ${'x'.repeat(5000)}`,
      system.keys.alice, // no scheme
      `Bearer ${system.keys.alice.slice(0, -1)}`,
    ];
    const bodies = new Set<string>();
    for (const authorization of attempts) {
      for (const [method, path] of [
        ['GET', conversationPath(conversationId)],
        ['POST', conversationPath(conversationId, 'claim')],
        ['GET', '/agent/conversations?status=handed_off'],
        ['GET', '/agent/no-such-endpoint'],
      ] as const) {
        const response = await system.api(method, path, { authorization });
        expect(response.status, `${authorization} ${method} ${path}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer realm="agent"');
        bodies.add(response.text);
      }
    }
    expect(bodies.size).toBe(1);
    const [body] = [...bodies];
    expect(body).not.toContain(conversationId);
    expect(body).not.toContain(PAGE_ID);
    expect(body).not.toContain('alice');
    // Nothing changed: the case is still waiting for a person.
    expect((await system.deps.store.getConversation(conversationId))?.status).toBe('handed_off');

    const me = await system.api('GET', '/agent/me', { as: 'bob' });
    expect(me).toMatchObject({ status: 200, json: { agentId: 'bob' } });

    // Deployed behind IAM authorization, API Gateway passes the verified caller in the event.
    const viaIam = await system.agentApp.request(
      '/agent/me',
      {},
      {
        event: {
          requestContext: {
            authorizer: { iam: { userArn: 'arn:aws:sts::123456789012:assumed-role/SupportAgents/carol' } },
          },
        },
      },
    );
    expect(await viaIam.json()).toEqual({ agentId: 'carol', role: 'agent', brands: 'all' });
  });
});

describe('claiming', () => {
  it('lets exactly one of two agents claiming the same case at once win', async () => {
    const { conversationId } = await handedOffComment();
    const [a, b] = await Promise.all([
      system.api('POST', conversationPath(conversationId, 'claim'), { as: 'alice' }),
      system.api('POST', conversationPath(conversationId, 'claim'), { as: 'bob' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'alice' : 'bob';
    const loser = winner === 'alice' ? b : a;
    expect(loser.json).toMatchObject({ error: 'conflict', message: `already claimed by ${winner}` });
    const stored = await system.deps.store.getConversation(conversationId);
    expect(stored).toMatchObject({ status: 'claimed', claimedBy: winner });
    expect((await audit(conversationId)).filter(([, action]) => action === 'claimed')).toEqual([
      [`agent:${winner}`, 'claimed'],
    ]);
  });

  it('forbids replying, releasing or escalating a case someone else holds (403), and a reply before claiming is a conflict', async () => {
    const { conversationId } = await handedOffComment();
    const early = await system.api('POST', conversationPath(conversationId, 'reply'), {
      as: 'bob',
      body: { text: 'Hallo!' },
    });
    expect(early).toMatchObject({
      status: 409,
      json: { error: 'conflict', message: 'claim the case before you reply' },
    });
    expect(
      (await system.api('POST', conversationPath(conversationId, 'claim'), { as: 'alice' })).status,
    ).toBe(200);
    system.graph.reset();
    for (const action of ['reply', 'release', 'escalate', 'close']) {
      const response = await system.api('POST', conversationPath(conversationId, action), {
        as: 'bob',
        body: action === 'reply' ? { text: 'Ich übernehme das.' } : {},
      });
      expect(response.status, action).toBe(403);
      expect(response.json.error).toBe('forbidden');
    }
    expect(system.graph.calls).toHaveLength(0);
    expect(await system.deps.store.getConversation(conversationId)).toMatchObject({
      status: 'claimed',
      claimedBy: 'alice',
    });
  });
});

describe('replies that Messenger accepts, on a controlled clock', () => {
  it('sends RESPONSE at 23 h, HUMAN_AGENT at 25 h and 6 days, and refuses at 8 days without calling Meta', async () => {
    const t0 = new Date('2026-03-02T09:00:00Z');
    const { conversationId, sender } = await customerDm(t0);
    expect((await system.api('POST', conversationPath(conversationId, 'claim'))).status).toBe(200);
    system.graph.reset();

    const replyAt = async (offsetMs: number, text: string) => {
      system.setNow(new Date(t0.getTime() + offsetMs));
      return system.api('POST', conversationPath(conversationId, 'reply'), { body: { text } });
    };

    const at23h = await replyAt(23 * HOUR, 'Hallo, wir haben die Sendung gefunden.');
    expect(at23h.status).toBe(201);
    expect(at23h.json).toMatchObject({ kind: 'private', status: 'sent', mode: 'RESPONSE', replayed: false });
    const view23 = await system.api('GET', conversationPath(conversationId));
    const window23 = (view23.json.windows as Array<Record<string, unknown>>).find(
      (w) => w.kind === 'private',
    );
    expect(window23).toMatchObject({ open: true, mode: 'RESPONSE', msLeft: HOUR });

    const at25h = await replyAt(25 * HOUR, 'Kurzes Update: Zustellung morgen.');
    expect(at25h.json).toMatchObject({ status: 'sent', mode: 'HUMAN_AGENT tag' });
    const at6d = await replyAt(6 * 24 * HOUR, 'Ist das Paket angekommen?');
    expect(at6d.json).toMatchObject({ status: 'sent', mode: 'HUMAN_AGENT tag' });

    expect(messagesCalls().map((c) => c.json)).toEqual([
      {
        recipient: { id: sender },
        messaging_type: 'RESPONSE',
        message: { text: 'Hallo, wir haben die Sendung gefunden.' },
      },
      {
        recipient: { id: sender },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'Kurzes Update: Zustellung morgen.' },
      },
      {
        recipient: { id: sender },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'Ist das Paket angekommen?' },
      },
    ]);

    const at8d = await replyAt(8 * 24 * HOUR, 'Hallo, noch da?');
    expect(at8d.status).toBe(422);
    expect(at8d.json.error).toBe('window_closed');
    expect(at8d.json.message).toContain('7 days');
    expect(at8d.json.advice).toContain('Wait for the customer to write again');
    expect(messagesCalls()).toHaveLength(3);
    const view8d = await system.api('GET', conversationPath(conversationId));
    expect((view8d.json.windows as Array<Record<string, unknown>>)[0]).toMatchObject({
      kind: 'private',
      open: false,
      msLeft: 0,
    });
    expect(
      (await audit(conversationId)).filter(([a]) => a === 'agent:alice').map(([, action]) => action),
    ).toEqual(['claimed', 'replied_private', 'replied_private', 'replied_private', 'reply_refused']);
  });

  it('never posts a reply twice when the client retries with the same idempotency key', async () => {
    const { conversationId } = await customerDm(new Date());
    await system.api('POST', conversationPath(conversationId, 'claim'));
    system.graph.reset();
    const send = () =>
      system.api('POST', conversationPath(conversationId, 'reply'), {
        body: { text: 'Wir kümmern uns darum.' },
        headers: { 'idempotency-key': 'ticket-4711-reply-1' },
      });
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();
    expect(messagesCalls()).toHaveLength(1);
    const [sentOnce, twin] = first.status === 201 ? [first, second] : [second, first];
    expect(sentOnce.status).toBe(201);
    // The concurrent twin found the reply in flight (409: it may be posting) or already sent (200, replayed).
    expect([200, 409]).toContain(twin.status);
    expect(third.status).toBe(200);
    expect(third.json).toMatchObject({ replayed: true, status: 'sent' });
    const reused = await system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text: 'Ein anderer Text.' },
      headers: { 'idempotency-key': 'ticket-4711-reply-1' },
    });
    expect(reused).toMatchObject({ status: 422, json: { error: 'idempotency_key_reused' } });
    const humanMessages = (await system.deps.store.listMessages(conversationId)).filter(
      (m) => m.sentBy === 'human',
    );
    expect(humanMessages).toHaveLength(1);
    expect(humanMessages[0]).toMatchObject({
      agentId: 'alice',
      direction: 'out',
      text: 'Wir kümmern uns darum.',
    });
  });

  it('refuses a second private reply to a comment and explains what to do instead', async () => {
    const { conversationId } = await handedOffComment(); // the bot used the one private reply
    await system.api('POST', conversationPath(conversationId, 'claim'));
    system.graph.reset();
    const response = await system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text: 'Bitte schreib uns privat.', kind: 'private' },
    });
    expect(response).toMatchObject({ status: 422, json: { error: 'private_reply_used' } });
    expect(response.json.advice).toContain('Reply publicly');
    expect(system.graph.calls).toHaveLength(0);
  });
});

describe('the lifecycle', () => {
  it('updates the same case on new customer messages, reopens an answered case to its agent, and a closed one as a new case', async () => {
    const t0 = new Date();
    const { conversationId, sender } = await customerDm(t0);
    const [opened] = await system.takeHandoffs();
    expect(opened).toMatchObject({ type: 'new', conversationId });

    const customerWrites = async (text: string, at: Date) => {
      await customerDm(at, text, sender);
      return system.takeHandoffs();
    };

    // handed off, nobody has it yet: an update of the same case
    const [update1] = await customerWrites(
      'Hallo? Die Sendungsnummer ist PX123456789DE.',
      new Date(t0.getTime() + 60_000),
    );
    expect(update1).toMatchObject({ type: 'update', caseId: opened?.caseId });

    await system.api('POST', conversationPath(conversationId, 'claim'));
    const [update2] = await customerWrites('Ich warte immer noch.', new Date(t0.getTime() + 120_000));
    expect(update2).toMatchObject({ type: 'update', caseId: opened?.caseId });
    expect(await system.deps.store.getConversation(conversationId)).toMatchObject({
      status: 'claimed',
      claimedBy: 'alice',
    });

    system.setNow(new Date(t0.getTime() + 180_000));
    const reply = await system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text: 'Wir sind dran!' },
    });
    expect(reply.status).toBe(201);
    expect(await system.deps.store.getConversation(conversationId)).toMatchObject({
      status: 'answered',
      humanReplied: true,
    });
    expect(system.metrics.map((m) => [m.name, m.value])).toEqual([
      ['FirstHumanResponseTime', 180],
      ['FirstHumanResponseWithinDueBy', 1],
    ]);

    // the customer answers: back to alice, same case, even for a plain thank-you
    const [update3] = await customerWrites('Danke!', new Date(t0.getTime() + 240_000));
    expect(update3).toMatchObject({ type: 'update', caseId: opened?.caseId });
    expect(update3?.reasons).toContain('lifecycle:customer_wrote_on_open_case');
    expect(await system.deps.store.getConversation(conversationId)).toMatchObject({
      status: 'claimed',
      claimedBy: 'alice',
      reopenCount: 1,
    });

    system.setNow(new Date(t0.getTime() + 300_000));
    const closed = await system.api('POST', conversationPath(conversationId, 'close'), {
      body: { note: 'delivered' },
    });
    expect(closed).toMatchObject({ status: 200, json: { status: 'closed', closedBy: 'alice' } });
    expect(closed.json.claimedBy).toBeUndefined();
    expect(system.metrics.at(-1)).toMatchObject({ name: 'TimeToClose', value: 300 });

    // a new problem after the close: a new case
    const [reopened] = await customerWrites(
      'Jetzt ist das nächste Paket PX987654321DE verschwunden, das ist eine Frechheit!',
      new Date(t0.getTime() + 360_000),
    );
    expect(reopened?.type).toBe('new');
    expect(reopened?.caseId).not.toBe(opened?.caseId);
    const after = (await system.deps.store.getConversation(conversationId)) as Conversation;
    expect(after).toMatchObject({ status: 'handed_off', caseId: reopened?.caseId, reopenCount: 2 });
    expect(after.claimedBy).toBeUndefined();
    expect(after.firstHumanResponseAt).toBeUndefined();

    const trail = await system.deps.store.listAudit(conversationId);
    const reopenings = trail.filter((e) => e.action === 'reopened');
    expect(reopenings.map((e) => [e.actor, e.reasons])).toEqual([
      ['bot', ['lifecycle:customer_wrote_after_answer']],
      ['bot', ['lifecycle:customer_wrote_after_close']],
    ]);
    expect(trail.find((e) => e.action === 'closed')).toMatchObject({
      actor: 'agent:alice',
      detail: 'delivered',
    });
  });

  it('puts a released case back on the queue, and an escalated one at the next level', async () => {
    const { conversationId } = await handedOffComment();
    const [opened] = await system.takeHandoffs();
    await system.api('POST', conversationPath(conversationId, 'claim'));
    const released = await system.api('POST', conversationPath(conversationId, 'release'), {
      body: { note: 'not my topic' },
    });
    expect(released).toMatchObject({ status: 200, json: { status: 'handed_off' } });
    const [requeued] = await system.takeHandoffs();
    expect(requeued).toMatchObject({ type: 'update', caseId: opened?.caseId, conversationId });
    expect(requeued?.reasons).toContain('agent:released(alice)');

    await system.api('POST', conversationPath(conversationId, 'claim'), { as: 'bob' });
    const escalated = await system.api('POST', conversationPath(conversationId, 'escalate'), {
      as: 'bob',
      body: { note: 'needs the depot' },
    });
    expect(escalated.status).toBe(200);
    expect(escalated.json).toMatchObject({ status: 'handed_off', escalation: 'L2' });
    const [upgraded] = await system.takeHandoffs();
    expect(upgraded).toMatchObject({ type: 'update', caseId: opened?.caseId, escalation: 'L2' });
    expect(['high', 'urgent']).toContain(upgraded?.priority);
    expect(await audit(conversationId)).toEqual(
      expect.arrayContaining([
        ['agent:alice', 'released'],
        ['agent:bob', 'claimed'],
        ['agent:bob', 'escalated'],
      ]),
    );
  });
});

describe('a conversation the bot handled alone', () => {
  it('opens a new case when an agent claims and escalates it', async () => {
    const commentId = `902_${uniqueId()}`;
    await system.postMeta(
      JSON.stringify(
        facebookCommentDelivery({
          pageId: PAGE_ID,
          commentId,
          text: 'Danke, super Service, alles bestens angekommen!',
        }),
      ),
    );
    await system.drainInbound();
    const conversationId = `facebook:${PAGE_ID}:comment:${commentId}`;
    expect(await system.takeHandoffs()).toEqual([]);
    const before = await system.deps.store.getConversation(conversationId);
    expect(before?.status).toBe('acknowledged');
    expect(before?.caseId).toBeUndefined();

    expect((await system.api('POST', conversationPath(conversationId, 'claim'))).status).toBe(200);
    const escalated = await system.api('POST', conversationPath(conversationId, 'escalate'), {
      body: { level: 'L3', note: 'influencer, PR wants to thank them' },
    });
    expect(escalated.json).toMatchObject({ status: 'handed_off', escalation: 'L3', priority: 'urgent' });
    const [opened] = await system.takeHandoffs();
    expect(opened).toMatchObject({
      type: 'new',
      conversationId,
      escalation: 'L3',
      caseId: escalated.json.caseId,
    });
  });
});

describe('listing', () => {
  it('lists by status with filters and pages through every conversation exactly once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add((await customerDm(new Date())).conversationId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({
        status: 'handed_off',
        platform: 'facebook',
        limit: '3',
        ...(cursor ? { cursor } : {}),
      });
      const page = await system.api('GET', `/agent/conversations?${query}`);
      expect(page.status).toBe(200);
      const items = page.json.items as Conversation[];
      expect(items.length).toBeLessThanOrEqual(3);
      for (const item of items) {
        expect(item).not.toHaveProperty('pk');
        expect(item.status).toBe('handed_off');
      }
      seen.push(...items.map((c) => c.conversationId));
      cursor = page.json.cursor as string | undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);

    const [first] = [...ids];
    await system.api('POST', conversationPath(first as string, 'claim'), { as: 'bob' });
    const bobs = await system.api('GET', '/agent/conversations?status=claimed&mine=true', { as: 'bob' });
    expect((bobs.json.items as Conversation[]).map((c) => c.conversationId)).toEqual([first]);
    const alices = await system.api('GET', '/agent/conversations?status=claimed&mine=true&platform=facebook');
    expect((alices.json.items as Conversation[]).map((c) => c.claimedBy)).not.toContain('bob');

    const none = await system.api('GET', '/agent/conversations?status=handed_off&platform=x');
    expect(none.json.items).toEqual([]);
    const bad = await system.api('GET', '/agent/conversations?status=handed_off&cursor=bm9wZQ');
    expect(bad).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    const badStatus = await system.api('GET', '/agent/conversations?status=lost');
    expect(badStatus.status).toBe(400);
  });
});

describe("the responder's service levels", () => {
  it('counts the automatic acknowledgement apart from the hand-off, once per conversation', async () => {
    system.outcomes.length = 0;
    const { conversationId } = await handedOffComment();
    const outcome = system.outcomes.find((o) => o.conversationId === conversationId && !o.duplicate);
    if (!outcome) throw new Error('the responder handled the comment');
    const conversation = await system.deps.store.getConversation(conversationId);
    const metrics = automaticServiceLevelMetrics(outcome, conversation, new Date());
    expect(metrics.map((m) => [m.name, m.unit, m.dimensions.platform])).toEqual([
      ['AutomaticAcknowledgementTime', 'Seconds', 'facebook'],
      ['HandoffTime', 'Seconds', 'facebook'],
    ]);
    expect(automaticServiceLevelMetrics({ ...outcome, duplicate: true }, conversation, new Date())).toEqual(
      [],
    );
  });
});
