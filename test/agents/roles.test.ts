import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { hashApiKey, newApiKey, parseAgentKeys } from '../../shared/agents/api-keys.js';
import { type AgentTestSystem, conversationPath, startAgentTestSystem } from './agent-system.js';

const PAGE_ID = '123456789';
const ACTIONS = ['claim', 'reply', 'escalate', 'release', 'close'] as const;
const bodyOf = (action: (typeof ACTIONS)[number]) =>
  action === 'reply' ? { text: 'Wir kümmern uns.' } : action === 'escalate' ? { level: 'L2' } : {};

let system: AgentTestSystem;
let conversationId: string;

beforeAll(async () => {
  system = await startAgentTestSystem();
  const commentId = `777_${Date.now()}`;
  await system.postMeta(
    JSON.stringify(
      facebookCommentDelivery({
        pageId: PAGE_ID,
        commentId,
        text: 'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!',
      }),
    ),
  );
  await system.drainInbound();
  conversationId = system.outcomes.at(-1)?.conversationId as string;
  expect(system.outcomes.at(-1)?.handoff?.type).toBe('new');
});
afterAll(async () => {
  await system.stop();
});

describe('key roles and brand limits', () => {
  it('reports role and brands on /agent/me; old entries are agents for every brand', async () => {
    expect((await system.api('GET', '/agent/me', { as: 'alice' })).json).toEqual({
      agentId: 'alice',
      role: 'agent',
      brands: 'all',
    });
    expect((await system.api('GET', '/agent/me', { as: 'bob' })).json).toMatchObject({ role: 'agent' });
    expect((await system.api('GET', '/agent/me', { as: 'rita' })).json).toMatchObject({ role: 'reader' });
    expect((await system.api('GET', '/agent/me', { as: 'otto' })).json).toEqual({
      agentId: 'otto',
      role: 'agent',
      brands: ['otherbrand'],
    });
  });

  it('lets a reader list and read, and refuses every action with the reason', async () => {
    const list = await system.api('GET', '/agent/conversations', { as: 'rita' });
    expect((list.json.items as Array<{ conversationId: string }>).map((c) => c.conversationId)).toContain(
      conversationId,
    );
    expect((await system.api('GET', conversationPath(conversationId), { as: 'rita' })).status).toBe(200);
    for (const action of ACTIONS) {
      const refused = await system.api('POST', conversationPath(conversationId, action), {
        as: 'rita',
        body: bodyOf(action),
      });
      expect(refused.status, action).toBe(403);
      expect(refused.json).toMatchObject({ error: 'read_only' });
    }
    const after = await system.api('GET', conversationPath(conversationId), { as: 'rita' });
    expect(after.json.conversation).toMatchObject({ status: 'handed_off' });
    expect(after.json.conversation).not.toHaveProperty('claimedBy');
  });

  it("shows a brand-limited key only its brands' cases; another brand's case is not found", async () => {
    const ids = async (as: 'otto' | 'paula', query = '') =>
      (
        (await system.api('GET', `/agent/conversations${query}`, { as })).json.items as Array<{
          conversationId: string;
        }>
      ).map((c) => c.conversationId);
    expect(await ids('paula')).toContain(conversationId);
    expect(await ids('otto')).toEqual([]);
    expect(await ids('otto', '?brand=parcelexpress')).toEqual([]);
    const hidden = await system.api('GET', conversationPath(conversationId), { as: 'otto' });
    const missing = await system.api('GET', conversationPath('facebook:1:comment:none'), { as: 'otto' });
    expect(hidden.status).toBe(404);
    expect(hidden.json).toEqual(missing.json);
    for (const action of ACTIONS) {
      const refused = await system.api('POST', conversationPath(conversationId, action), {
        as: 'otto',
        body: bodyOf(action),
      });
      expect(refused.status, action).toBe(404);
    }
    expect((await system.api('GET', conversationPath(conversationId), { as: 'paula' })).status).toBe(200);
    const claimed = await system.api('POST', conversationPath(conversationId, 'claim'), { as: 'paula' });
    expect(claimed.status).toBe(200);
    expect(
      (await system.api('POST', conversationPath(conversationId, 'release'), { as: 'paula' })).status,
    ).toBe(200);
  });

  it('keeps erasures to supervisors for every brand', async () => {
    const body = { platform: 'facebook', userId: '123' };
    for (const as of ['alice', 'rita', 'paula', 'sam'] as const) {
      expect((await system.api('POST', '/agent/erasures', { as, body })).status, as).toBe(403);
      expect((await system.api('GET', '/agent/erasures/er_x', { as })).status, as).toBe(403);
    }
  });
});

describe('the old key formats', () => {
  it('reads pairs, single hashes and rotation lists as agents for every brand', () => {
    const [a, b, c] = [newApiKey(), newApiKey(), newApiKey()];
    const pairs = parseAgentKeys(`alice:${hashApiKey(a)},bob:${hashApiKey(b)}`);
    const json = parseAgentKeys(
      JSON.stringify({ alice: hashApiKey(a), bob: [hashApiKey(b), hashApiKey(c)] }),
    );
    for (const key of [...pairs, ...json]) {
      expect(key.role).toBe('agent');
      expect(key.brands).toBeUndefined();
    }
    expect(json).toHaveLength(3);
  });

  it('refuses an unknown role, bad brands or unknown fields without echoing a value', () => {
    const hash = hashApiKey(newApiKey());
    expect(() => parseAgentKeys(JSON.stringify({ carol: { hashes: [hash], role: 'admin' } }))).toThrow(
      /carol: role must be one of supervisor, agent, reader/,
    );
    expect(() => parseAgentKeys(JSON.stringify({ carol: { hashes: [hash], brands: [] } }))).toThrow(/brands/);
    expect(() => parseAgentKeys(JSON.stringify({ carol: { hashes: [hash], secret: 'x' } }))).toThrow(
      /only hashes, role and brands/,
    );
    expect(() => parseAgentKeys(JSON.stringify({ carol: { role: 'agent' } }))).toThrow(/hashes missing/);
  });
});

describe('the inbox follows the same rules', () => {
  const inboxAs = (name: 'rita' | 'otto' | 'alice', path: string, init: RequestInit = {}) =>
    system.inboxAs(name, path, init);
  const casePath = () => `/inbox/cases/${encodeURIComponent(conversationId)}`;

  it("shows a reader the case without action buttons and refuses the reader's actions", async () => {
    const page = await (await inboxAs('rita', casePath())).text();
    expect(page).toContain('role reader');
    expect(page).not.toContain(`${casePath()}/claim`);
    expect(page).not.toContain('class="composer"');
    const agentPage = await (await inboxAs('alice', casePath())).text();
    expect(agentPage).toContain('/claim');
    for (const action of ACTIONS) {
      const refused = await inboxAs('rita', `${casePath()}/${action}`, {
        method: 'POST',
        body: 'text=hallo',
      });
      expect(refused.status, action).toBe(403);
    }
  });

  it("hides another brand's cases from a brand-limited key", async () => {
    expect((await inboxAs('otto', casePath())).status).toBe(404);
    expect(await (await inboxAs('otto', '/inbox')).text()).not.toContain(encodeURIComponent(conversationId));
    expect((await inboxAs('otto', `${casePath()}/claim`, { method: 'POST', body: 'x=1' })).status).toBe(404);
  });
});
