import { describe, expect, it } from 'vitest';
import { storeOnDynalite, unique } from './store-fixture.js';

const table = storeOnDynalite('store-audit');

describe('audit trail', () => {
  it('writes an automated step once however often it is retried, and keeps every step of people', async () => {
    const conversationId = unique('conv');
    table.setNow(new Date('2026-12-07T08:00:00Z'));
    const step = { actor: 'bot', action: 'decided_reply', eventId: 'event-1', reasons: ['intent:question'] };
    await table.store.audit(conversationId, step);
    await table.store.audit(conversationId, { ...step, detail: 'a retry' });
    table.setNow(new Date('2026-12-07T08:01:00Z'));
    await table.store.audit(conversationId, { actor: 'agent:alice', action: 'claimed' });
    await table.store.audit(conversationId, { actor: 'agent:alice', action: 'claimed' });
    const trail = await table.store.listAudit(conversationId);
    expect(trail.map((e) => [e.actor, e.action, e.detail])).toEqual([
      ['bot', 'decided_reply', undefined],
      ['agent:alice', 'claimed', undefined],
      ['agent:alice', 'claimed', undefined],
    ]);
  });
});

describe('accounts', () => {
  it('flags an account and lifts the flag once', async () => {
    const account = unique('page');
    await table.store.flagAccount('facebook', account, 'token invalid');
    expect(await table.store.accountState('facebook', account)).toMatchObject({
      needsAttention: 'token invalid',
    });
    expect(await table.store.clearAccountFlag('facebook', account)).toBe(true);
    expect(await table.store.clearAccountFlag('facebook', account)).toBe(false);
    expect((await table.store.accountState('facebook', account)).needsAttention).toBeUndefined();
  });

  it('keeps recent templates in the table for X, where a repeated text is refused', async () => {
    const account = unique('x-account');
    await table.store.rememberTemplates('x', account, [], ['a', 'b']);
    const other = table.otherContainer();
    expect(await other.recentTemplates('x', account)).toEqual(['a', 'b']);
    await table.store.rememberTemplates('facebook', account, [], ['c']);
    expect(await table.store.recentTemplates('facebook', account)).toEqual(['c']);
    expect(await other.recentTemplates('facebook', account)).toEqual([]);
  });
});
