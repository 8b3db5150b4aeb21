import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  facebookCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
} from '../../devkit/payloads.js';
import type { InboundEvent } from '../../shared/events.js';
import { type AgentTestSystem, startAgentTestSystem } from '../agents/agent-system.js';
import { scanTable as scanWholeTable } from '../helpers/scan-table.js';

const PAGE_ID = '123456789';
const X_ACCOUNT_ID = '930524282358325248';
const POST_ID = `${PAGE_ID}_555000111`;

/** The person to erase: one id on Facebook (comments and Messenger), one on X. */
const ANNA = { facebookId: '7100000000000001', xId: '1700000000000000001', name: 'Annegret Loeschbar' };
const ANNA_TEXTS = {
  comment: 'Mein Paket PX111111111DE ist kaputt angekommen, Annegret-Kommentar, das ärgert mich sehr!',
  reply: 'Annegret-Antwort im fremden Thread: bei mir genauso schlimm, niemand hilft!',
  dm: 'Hallo, Annegret-Direktnachricht: meine Adresse ist Loeschweg 12, bitte das Paket umleiten',
  mention: 'Annegret-Erwähnung: mein Paket ist seit zehn Tagen verschwunden, was ist da los?',
  xDm: 'Annegret-X-DM: bitte ruft mich an, das Paket PX222222222DE fehlt',
};
/** Someone else, whose data stays. */
const OTTO = { facebookId: '7100000000000002', name: 'Otto Bleibtda' };
const OTTO_TEXTS = {
  comment: 'Otto-Kommentar: mein Paket PX333333333DE ist seit einer Woche unterwegs, wo bleibt es?',
  dm: 'Otto-Direktnachricht: wann kommt mein Paket an?',
};

let system: AgentTestSystem;

beforeAll(async () => {
  system = await startAgentTestSystem();
});
afterAll(async () => {
  await system.stop();
});

/** Every item of the table as JSON text, for searching it for the person's ids and words. */
const scanTable = async () =>
  (await scanWholeTable(system.config.tableName)).map((item) => JSON.stringify(item));

const containing = (items: string[], needle: string) => items.filter((item) => item.includes(needle));

const comment = (
  from: { facebookId: string; name: string },
  text: string,
  commentId: string,
  parent?: string,
) =>
  JSON.stringify(
    facebookCommentDelivery({
      pageId: PAGE_ID,
      postId: POST_ID,
      commentId,
      fromId: from.facebookId,
      fromName: from.name,
      text,
      ...(parent ? { parentCommentId: parent } : {}),
    }),
  );

async function erase(platform: string, userId: string) {
  const requested = await system.api('POST', '/agent/erasures', { as: 'carol', body: { platform, userId } });
  expect(requested.status).toBe(202);
  expect(requested.json).toMatchObject({ status: 'pending' });
  const erasureId = requested.json.erasureId as string;
  // the job runs on the inbound queue, as the responder runs it deployed and on `npm run dev`
  await system.drainInbound();
  const status = await system.api('GET', `/agent/erasures/${erasureId}`, { as: 'carol' });
  expect(status.status).toBe(200);
  return { erasureId, status: status.json };
}

describe('erasing a customer (GDPR Art. 17)', () => {
  const annaEvents: InboundEvent[] = [];

  it('takes one person and another through the pipeline first', async () => {
    await system.postMeta(comment(OTTO, OTTO_TEXTS.comment, '555000111_9001'));
    await system.postMeta(comment(ANNA, ANNA_TEXTS.comment, '555000111_9002'));
    // Anna answers in Otto's thread: her message sits in a conversation that is not hers
    await system.postMeta(comment(ANNA, ANNA_TEXTS.reply, '555000111_9003', '555000111_9001'));
    const dm = (senderId: string, text: string) =>
      JSON.stringify(messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, senderId, text }));
    await system.postMeta(dm(ANNA.facebookId, ANNA_TEXTS.dm));
    await system.postMeta(dm(OTTO.facebookId, OTTO_TEXTS.dm));
    await system.postX(
      xMentionAccountActivity({
        accountId: X_ACCOUNT_ID,
        accountHandle: 'ParcelExpress',
        text: ANNA_TEXTS.mention,
        authorId: ANNA.xId,
        authorName: ANNA.name,
        authorHandle: 'annegret_l',
      }),
    );
    await system.postX(
      xDirectMessageAccountActivity({ accountId: X_ACCOUNT_ID, customerId: ANNA.xId, text: ANNA_TEXTS.xDm }),
    );
    await system.drainInbound();
    annaEvents.push(
      ...system.enqueued.filter((e) => e.author.id === ANNA.facebookId || e.author.id === ANNA.xId),
    );
    expect(annaEvents).toHaveLength(5);
    const before = await scanTable();
    for (const text of Object.values(ANNA_TEXTS)) expect(containing(before, text)).not.toEqual([]);
    expect(containing(before, ANNA.facebookId)).not.toEqual([]);
    expect(containing(before, ANNA.xId)).not.toEqual([]);
    await system.takeHandoffs();
  });

  it('removes every trace of the person on both platforms, and leaves the other person intact', async () => {
    const facebook = await erase('facebook', ANNA.facebookId);
    expect(facebook.status).toMatchObject({ status: 'done', platform: 'facebook' });
    expect(facebook.status).not.toHaveProperty('userId');
    const counts = facebook.status.counts as Record<string, number>;
    // her comment thread and her Messenger conversation; her reply in Otto's thread
    expect(counts.conversations).toBe(2);
    // the decisions on her messages stay as content-free audit lines of the erasure
    expect(counts.auditEntries).toBeGreaterThanOrEqual(2);
    expect(counts.messages).toBeGreaterThanOrEqual(3);
    const x = await erase('x', ANNA.xId);
    expect((x.status.counts as Record<string, number>).conversations).toBe(2);

    const after = await scanTable();
    for (const needle of [ANNA.facebookId, ANNA.xId, ANNA.name, ...Object.values(ANNA_TEXTS)]) {
      expect(containing(after, needle), needle).toEqual([]);
    }
    // the erasure records: hashed id, when, counts; and the audit lines of her cases without content
    const records = after.filter((item) => item.includes('"pk":"ERASURE#'));
    expect(records.some((r) => r.includes('"status":"done"') && r.includes('"subjectHash"'))).toBe(true);
    const auditLines = records.map((r) => JSON.parse(r)).filter((item) => item.sk.startsWith('AUDIT#'));
    expect(auditLines.length).toBeGreaterThan(0);
    for (const line of auditLines) {
      expect(Object.keys(line).sort()).toEqual(['action', 'actor', 'at', 'expiresAt', 'pk', 'sk']);
    }
    for (const text of Object.values(OTTO_TEXTS)) expect(containing(after, text)).not.toEqual([]);
    expect(containing(after, OTTO.facebookId).length).toBeGreaterThan(0);

    const otto = await system.api(
      'GET',
      '/agent/conversations/facebook%3A123456789%3Acomment%3A555000111_9001',
      {
        as: 'carol',
      },
    );
    expect(otto.status).toBe(200);
    const transcript = (otto.json.messages as Array<{ text: string }>).map((m) => m.text);
    expect(transcript).toContain(OTTO_TEXTS.comment);
    expect(transcript).not.toContain(ANNA_TEXTS.reply);
  });

  it('tells helpdesk bridges to delete their copies (an erased hand-off per erasure)', async () => {
    await system.takeHandoffs();
    expect(system.erasedHandoffs.map((h) => h.platform).sort()).toEqual(['facebook', 'x']);
    const facebook = system.erasedHandoffs.find((h) => h.platform === 'facebook');
    expect(facebook?.conversationIds).toContain(`facebook:${PAGE_ID}:dm:${ANNA.facebookId}`);
  });

  it('stores nothing and sends nothing when one of her old events is delivered again', async () => {
    system.graph.reset();
    system.xApi.reset();
    const outcomes = system.outcomes.length;
    await system.redeliver(annaEvents);
    expect(system.outcomes.length - outcomes).toBe(annaEvents.length);
    expect(system.graph.calls).toEqual([]);
    expect(system.xApi.calls).toEqual([]);
    const after = await scanTable();
    for (const needle of [ANNA.facebookId, ANNA.xId, ...Object.values(ANNA_TEXTS)]) {
      expect(containing(after, needle), needle).toEqual([]);
    }
    expect(await system.takeHandoffs()).toEqual([]);
  });

  it('lets only a supervisor for every brand erase or read erasures', async () => {
    const body = { platform: 'facebook', userId: OTTO.facebookId };
    for (const as of ['alice', 'rita', 'paula', 'sam'] as const) {
      const refused = await system.api('POST', '/agent/erasures', { as, body });
      expect(refused.status, as).toBe(403);
      expect(refused.json.error).toBe('supervisor_only');
    }
    const bad = await system.api('POST', '/agent/erasures', { as: 'carol', body: { platform: 'myspace' } });
    expect(bad.status).toBe(400);
    const unknown = await system.api('GET', '/agent/erasures/er_nope', { as: 'carol' });
    expect(unknown.status).toBe(404);
    const after = await scanTable();
    expect(containing(after, OTTO_TEXTS.comment)).not.toEqual([]);
  });
});

describe('a customer who asks for erasure', () => {
  const EVA = '7100000000000003';
  const conversationId = `facebook:${PAGE_ID}:dm:${EVA}`;

  const inboxAs = (name: 'carol' | 'alice', path: string, method = 'GET') =>
    system.inboxAs(name, path, { method });

  it('is handed to a person with the reason, and a supervisor erases them from the inbox', async () => {
    await system.postMeta(
      JSON.stringify(
        messengerDelivery({
          platform: 'facebook',
          accountId: PAGE_ID,
          senderId: EVA,
          text: 'Löscht meine Daten!',
        }),
      ),
    );
    await system.drainInbound();
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons.some((r) => r.startsWith('erasure_request'))).toBe(true);
    const view = await system.api('GET', `/agent/conversations/${encodeURIComponent(conversationId)}`);
    expect(view.json.erasureRequested).toBe(true);

    const casePath = `/inbox/cases/${encodeURIComponent(conversationId)}`;
    expect(await (await inboxAs('alice', casePath)).text()).not.toContain(`${casePath}/erase`);
    expect(await (await inboxAs('carol', casePath)).text()).toContain(`${casePath}/erase`);
    expect((await inboxAs('alice', `${casePath}/erase`)).status).toBe(403);
    // the case's button leads to the confirmation, which names the customer and erases nothing yet
    const confirmation = await (await inboxAs('carol', `${casePath}/erase`)).text();
    expect(confirmation).toContain('Erase this customer?');
    expect(confirmation).toContain(`facebook user ${EVA}`);
    const erased = await system.inboxAs('carol', '/inbox/erasures', {
      method: 'POST',
      body: new URLSearchParams({ platform: 'facebook', userId: EVA }).toString(),
    });
    expect(erased.status).toBe(303);
    const statusPath = erased.headers.get('location') ?? '';
    expect(statusPath).toMatch(/^\/inbox\/erasures\/er[0-9a-f]{32}$/);
    expect(await (await inboxAs('carol', statusPath)).text()).toContain('data-status="pending"');
    await system.drainInbound();
    expect(await (await inboxAs('carol', statusPath)).text()).toContain('data-status="done"');
    expect(
      (await system.api('GET', `/agent/conversations/${encodeURIComponent(conversationId)}`)).status,
    ).toBe(404);
    expect(containing(await scanTable(), EVA)).toEqual([]);
  });
});
