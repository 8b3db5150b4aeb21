import { describe, expect, it } from 'vitest';
import {
  acknowledgement,
  customerMessage,
  handoffDecision,
  storeOnDynalite,
  unique,
} from './store-fixture.js';

const table = storeOnDynalite('store-events');

describe('event records: the claim that makes a redelivered event harmless', () => {
  it('of two attempts claiming one event at once, exactly one opens it and both act on its decision', async () => {
    const eventId = unique('event');
    const other = table.otherContainer();
    const [first, second] = await Promise.all([
      table.store.openEvent(eventId, { conversationId: 'conv-a', decision: acknowledgement }),
      other.openEvent(eventId, { conversationId: 'conv-b', decision: handoffDecision }),
    ]);
    expect([first.opened, second.opened].sort()).toEqual([false, true]);
    const winner = first.opened ? first.record : second.record;
    const loser = first.opened ? second.record : first.record;
    expect(loser.conversationId).toBe(winner.conversationId);
    expect(loser.decision).toEqual(winner.decision);
  });

  it('a resumed attempt finds the first attempt’s record, open until the message is written with its decision', async () => {
    const eventId = unique('event');
    const conversationId = unique('conv');
    await table.store.openEvent(eventId, { conversationId, decision: acknowledgement });
    const record = await table.store.eventRecord(eventId);
    if (!record) throw new Error('the record was not opened');
    expect(record).toMatchObject({
      eventId,
      status: 'processing',
      conversationId,
      decision: acknowledgement,
    });
    const message = customerMessage(conversationId, `message-of-${eventId}`, eventId);
    expect(await table.store.eventCompleted(record, message)).toBe(false);

    await table.store.recordCustomerMessage(message, {
      action: 'decided_reply',
      reasons: acknowledgement.reasons,
    });
    expect(await table.store.eventCompleted(record, message)).toBe(true);
  });

  it('an event completed before decisions were kept on messages is complete by its decision audit item', async () => {
    const eventId = unique('event');
    const conversationId = unique('conv');
    const { record } = await table.store.openEvent(eventId, { conversationId, decision: acknowledgement });
    const message = customerMessage(conversationId, `message-of-${eventId}`, eventId);
    await table.store.audit(conversationId, { actor: 'bot', action: 'decided_reply', eventId });
    expect(await table.store.eventCompleted(record, message)).toBe(true);
  });

  it('an event that is not a customer message is complete once marked done', async () => {
    const eventId = unique('deletion');
    const { opened, record } = await table.store.openEvent(eventId);
    expect(opened).toBe(true);
    expect(await table.store.eventCompleted(record)).toBe(false);
    await table.store.completeEvent(eventId);
    const again = await table.store.openEvent(eventId);
    expect(again).toMatchObject({ opened: false, record: { status: 'done' } });
    expect(await table.store.eventCompleted(again.record)).toBe(true);
  });

  it('has no record for an event no attempt opened', async () => {
    expect(await table.store.eventRecord(unique('never'))).toBeUndefined();
  });
});
