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

describe('decisions kept on their messages', () => {
  it('are in the trail where their own audit entry would be, and not in the transcript', async () => {
    const conversationId = unique('conv');
    table.setNow(new Date('2026-12-07T09:00:00Z'));
    const message = {
      conversationId,
      messageId: 'm1',
      eventId: 'event-m1',
      direction: 'in' as const,
      sentBy: 'customer' as const,
      channel: 'comment' as const,
      author: { id: 'customer-1' },
      text: 'Wo ist mein Paket?',
      occurredAt: 1_000,
    };
    await table.store.recordMessagePointer(message, 'facebook');
    await table.store.audit(conversationId, { actor: 'bot', action: 'reopened', eventId: 'event-m1' });
    await table.store.recordCustomerMessage(message, 'facebook', {
      action: 'decided_handoff',
      reasons: ['intent:order_delivery'],
      detail: 'hand-off new case_1',
    });
    table.setNow(new Date('2026-12-07T09:05:00Z'));
    await table.store.audit(conversationId, { actor: 'agent:alice', action: 'claimed' });
    const trail = await table.store.listAudit(conversationId);
    expect(trail.map((e) => [e.actor, e.action])).toEqual([
      ['bot', 'decided_handoff'],
      ['bot', 'reopened'],
      ['agent:alice', 'claimed'],
    ]);
    expect(trail[0]).toMatchObject({
      conversationId,
      eventId: 'event-m1',
      reasons: ['intent:order_delivery'],
      detail: 'hand-off new case_1',
      at: '2026-12-07T09:00:00.000Z',
    });
    const transcript = await table.store.listMessages(conversationId);
    expect(transcript).toEqual([expect.objectContaining(message)]);
    expect(transcript[0]).not.toHaveProperty('decided');
  });

  it('an edit that arrived before the message was written with its decision stays', async () => {
    const conversationId = unique('conv');
    const message = {
      conversationId,
      messageId: unique('m'),
      eventId: 'event-e',
      direction: 'in' as const,
      sentBy: 'customer' as const,
      channel: 'comment' as const,
      author: { id: 'customer-1' },
      text: 'first words',
      occurredAt: 1_000,
    };
    await table.store.recordMessagePointer(message, 'facebook');
    await table.store.recordEdit('facebook', message.messageId, 'edited words', 2_000);
    await table.store.recordCustomerMessage(message, 'facebook', { action: 'decided_reply', reasons: [] });
    const [stored] = await table.store.listMessages(conversationId);
    expect(stored).toMatchObject({ text: 'edited words', editedAt: 2_000, eventId: 'event-e' });
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
