import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xMentionAccountActivity } from '../../devkit/payloads.js';
import { type AgentTestSystem, conversationPath, startAgentTestSystem } from './agent-system.js';

const ACCOUNT_ID = '930524282358325248';
const COMPLEX_TEXT =
  'mein Paket PX123456789DE ist seit 10 Tagen verschwunden, niemand hilft mir. Was ist da los?';

let system: AgentTestSystem;
beforeAll(async () => {
  system = await startAgentTestSystem();
});
afterAll(async () => {
  await system.stop();
});

describe('an agent answering on X', () => {
  it("sends through the X adapter and tells X's refusals in plain words, nothing posted twice", async () => {
    const tweetId = `1332557345071${String(Date.now()).slice(-6)}`;
    await system.postX(
      xMentionAccountActivity({
        accountId: ACCOUNT_ID,
        accountHandle: 'ParcelExpress',
        text: COMPLEX_TEXT,
        tweetId,
      }),
    );
    await system.drainInbound();
    const conversationId = system.outcomes.find((o) => o.handoff)?.conversationId as string;
    expect(conversationId).toBeTruthy();
    expect((await system.api('POST', conversationPath(conversationId, 'claim'))).status).toBe(200);
    const view = await system.api('GET', conversationPath(conversationId));
    expect(
      (view.json.windows as Array<{ kind: string; open: boolean }>).map((w) => [w.kind, w.open]),
    ).toEqual([
      ['public', true],
      ['private', true],
    ]);
    system.xApi.reset();

    system.xApi.queue({
      status: 403,
      body: {
        title: 'Forbidden',
        detail: 'You are not allowed to create a Tweet with duplicate content.',
        status: 403,
      },
    });
    const duplicate = await system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text: 'Wir kümmern uns!' },
      headers: { 'idempotency-key': 'x-1' },
    });
    expect(duplicate).toMatchObject({
      status: 422,
      json: {
        error: 'duplicate_content',
        message: 'X refused the text because this account posted the same text recently.',
        advice: 'Change the wording and send again.',
      },
    });
    // A failed reply stays failed under its key: retrying it does not call X again.
    const again = await system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text: 'Wir kümmern uns!' },
      headers: { 'idempotency-key': 'x-1' },
    });
    expect(again).toMatchObject({ status: 422, json: { error: 'duplicate_content' } });
    expect(system.xApi.calls).toHaveLength(1);

    system.xApi.queue({
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', status: 429 },
      headers: {
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 600),
      },
    });
    const limited = await system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text: 'Wir schreiben dir per DM.', kind: 'private' },
      headers: { 'idempotency-key': 'x-2' },
    });
    expect(limited.status).toBe(429);
    expect(limited.json.error).toBe('rate_limited');
    expect(limited.json.message).toBe('X says this account has sent too much for now (rate limit).');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const sent = await system.api('POST', conversationPath(conversationId, 'reply'), {
      body: { text: 'Hallo, wir haben dein Paket gefunden – Details per DM.' },
      headers: { 'idempotency-key': 'x-3' },
    });
    expect(sent).toMatchObject({ status: 201, json: { kind: 'public', status: 'sent' } });
    expect(system.xApi.calls.at(-1)?.json).toEqual({
      text: 'Hallo, wir haben dein Paket gefunden – Details per DM.',
      reply: { in_reply_to_tweet_id: tweetId },
    });
    const trail = (await system.deps.store.listAudit(conversationId)).filter(
      (a) => a.actor === 'agent:alice',
    );
    expect(trail.map((a) => [a.action, a.detail])).toEqual(
      expect.arrayContaining([
        ['reply_refused', 'public: duplicate_content'],
        ['reply_refused', 'private: rate_limited'],
      ]),
    );
  });
});
