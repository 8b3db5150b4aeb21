import { describe, expect, it } from 'vitest';
import type { CaseTransition } from '../../shared/conversations/store.js';
import {
  acknowledgement,
  conversationInit,
  handoffDecision,
  storeOnDynalite,
  unique,
} from './store-fixture.js';

const table = storeOnDynalite('store-conversations');
const T0 = Date.parse('2026-12-07T07:00:00Z');

describe('conversations: one update per event with its outcome', () => {
  it('creates the conversation on its first outcome and applies an event’s outcome once', async () => {
    const init = conversationInit(unique('conv'));
    const outcome = { status: 'acknowledged' as const, acknowledged: true, decision: acknowledgement };
    const written = await table.store.applyAutomaticOutcome(init, 'event-1', T0, outcome);
    expect(written).toMatchObject({
      conversationId: init.conversationId,
      brand: 'parcelexpress',
      status: 'acknowledged',
      automaticReplies: 1,
      humanReplied: false,
      lastCustomerMessageAt: T0,
      lastEventId: 'event-1',
      intent: 'question',
    });
    expect(written?.acknowledgedAt).toBeDefined();
    // The same event again (a redelivery after the outcome was written) changes nothing.
    expect(await table.store.applyAutomaticOutcome(init, 'event-1', T0, outcome)).toBeUndefined();
    expect((await table.store.getConversation(init.conversationId))?.automaticReplies).toBe(1);
  });

  it('a late delivery applies its outcome without moving the customer window start backwards', async () => {
    const init = conversationInit(unique('conv'));
    await table.store.applyAutomaticOutcome(init, 'newer', T0 + 60_000, {
      acknowledged: false,
      decision: acknowledgement,
    });
    const late = await table.store.applyAutomaticOutcome(init, 'older', T0, {
      status: 'handed_off',
      acknowledged: false,
      decision: handoffDecision,
      caseId: 'case-1',
      caseOpenedAt: new Date(T0).toISOString(),
    });
    expect(late).toMatchObject({
      status: 'handed_off',
      caseId: 'case-1',
      lastCustomerMessageAt: T0 + 60_000,
      lastEventId: 'older',
      dueBy: handoffDecision.dueBy,
      automaticReplies: 0,
    });
  });

  it('a new message on a conversation without a status change keeps it listed as new', async () => {
    const init = conversationInit(unique('conv'));
    const written = await table.store.applyAutomaticOutcome(init, 'e', T0, {
      acknowledged: false,
      decision: acknowledgement,
    });
    expect(written).toMatchObject({ status: 'new', automaticReplies: 0 });
    const page = await table.store.listConversations({ status: 'new', limit: 100 });
    expect(page.items.map((c) => c.conversationId)).toContain(init.conversationId);
  });

  it('a reopened conversation counts the reopening, and a new case clears who held the last one', async () => {
    const init = conversationInit(unique('conv'));
    await table.store.applyAutomaticOutcome(init, 'first', T0, {
      status: 'handed_off',
      acknowledged: false,
      decision: handoffDecision,
      caseId: 'case-a',
      caseOpenedAt: new Date(T0).toISOString(),
    });
    const claim: CaseTransition = {
      agentId: 'alice',
      from: ['handed_off'],
      holder: 'free_or_self',
      to: 'claimed',
    };
    await table.store.transitionCase(init.conversationId, {
      ...claim,
      setIfAbsent: { claimedAt: 'now' },
      set: { claimedBy: 'alice' },
    });
    await table.store.transitionCase(init.conversationId, {
      agentId: 'alice',
      from: ['claimed'],
      holder: 'self',
      to: 'closed',
      set: { closedBy: 'alice' },
    });
    const reopened = await table.store.applyAutomaticOutcome(init, 'second', T0 + 1000, {
      status: 'handed_off',
      acknowledged: false,
      decision: { ...handoffDecision, dueBy: undefined },
      caseId: 'case-b',
      caseOpenedAt: new Date(T0 + 1000).toISOString(),
      reopened: true,
    });
    expect(reopened).toMatchObject({ status: 'handed_off', caseId: 'case-b', reopenCount: 1 });
    expect(reopened).not.toHaveProperty('claimedBy');
    expect(reopened).not.toHaveProperty('closedBy');
    expect(reopened).not.toHaveProperty('dueBy');
  });

  it('of two agents claiming one case at once, exactly one gets it and the other is told who has it', async () => {
    const init = conversationInit(unique('conv'));
    await table.store.applyAutomaticOutcome(init, 'e', T0, {
      status: 'handed_off',
      acknowledged: false,
      decision: handoffDecision,
      caseId: 'case-1',
      caseOpenedAt: new Date(T0).toISOString(),
    });
    const claimBy = (agentId: string): CaseTransition => ({
      agentId,
      from: ['handed_off'],
      holder: 'free_or_self',
      to: 'claimed',
      set: { claimedBy: agentId },
      setIfAbsent: { claimedAt: '2026-12-07T08:00:00.000Z' },
    });
    const results = await Promise.all([
      table.store.transitionCase(init.conversationId, claimBy('alice')),
      table.otherContainer().transitionCase(init.conversationId, claimBy('bob')),
    ]);
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const winner = results.find((r) => r.applied)?.conversation.claimedBy;
    const loser = results.find((r) => !r.applied);
    expect(loser?.conversation).toMatchObject({ status: 'claimed', claimedBy: winner });
  });

  it('lists a status across the index shards, page by page, without repeats', async () => {
    const ids = Array.from({ length: 7 }, () => unique('listed'));
    for (const [i, id] of ids.entries()) {
      table.setNow(new Date(Date.parse('2026-12-07T09:00:00Z') + i * 1000));
      await table.store.applyAutomaticOutcome({ ...conversationInit(id), brand: 'listing-brand' }, 'e', T0, {
        status: 'acknowledged',
        acknowledged: true,
        decision: acknowledgement,
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await table.store.listConversations({
        status: 'acknowledged',
        brand: 'listing-brand',
        limit: 3,
        cursor,
      });
      seen.push(...page.items.map((c) => c.conversationId));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('records that a person answered only on a conversation that exists', async () => {
    const id = unique('conv');
    await table.store.markHumanReplied(id);
    expect(await table.store.getConversation(id)).toBeUndefined();
    await table.store.applyAutomaticOutcome(conversationInit(id), 'e', T0, {
      acknowledged: false,
      decision: acknowledgement,
    });
    await table.store.markHumanReplied(id);
    expect((await table.store.getConversation(id))?.humanReplied).toBe(true);
  });
});
