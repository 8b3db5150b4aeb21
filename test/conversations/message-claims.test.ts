import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/aws/dynamo.js';
import { keys } from '../../shared/conversations/keys.js';
import {
  acknowledgement,
  customerMessage,
  handoffDecision,
  storeOnDynalite,
  unique,
} from './store-fixture.js';

const table = storeOnDynalite('store-claims');

describe('the claim of a customer message: its pointer, written once with the decision', () => {
  it('of two attempts claiming one event at once, exactly one opens it and both act on its conversation and decision', async () => {
    const messageId = unique('msg');
    const other = table.otherContainer();
    const [first, second] = await Promise.all([
      table.store.openClaim('pointer', 'facebook', customerMessage('conv-a', messageId), acknowledgement),
      other.openClaim('pointer', 'facebook', customerMessage('conv-b', messageId), handoffDecision),
    ]);
    if (first.deleted || second.deleted) throw new Error('no tombstone was written');
    expect([first.opened, second.opened].sort()).toEqual([false, true]);
    const winner = first.opened ? first.record : second.record;
    const loser = first.opened ? second.record : first.record;
    expect(loser).toEqual(winner);
    // The pointer leads edits, deletions and replies to the winner's conversation.
    expect(await table.store.conversationOfMessage('facebook', messageId)).toBe(winner.conversationId);
  });

  it('a resumed attempt finds the first attempt’s claim, open until the message is written with its decision', async () => {
    const conversationId = unique('conv');
    const message = customerMessage(conversationId, unique('msg'));
    expect(await table.store.findClaim('facebook', message)).toEqual({
      deleted: false,
      site: 'pointer',
      record: undefined,
    });
    await table.store.openClaim('pointer', 'facebook', message, acknowledgement);
    const found = await table.store.findClaim('facebook', message);
    if (found.deleted || !found.record) throw new Error('the claim was not opened');
    expect(found).toMatchObject({
      site: 'pointer',
      record: { eventId: message.eventId, status: 'processing', conversationId, decision: acknowledgement },
    });
    expect(await table.store.eventCompleted(found.record, message)).toBe(false);
    // A crash between the claim and the last write leaves it open; the last write completes it.
    await table.store.recordCustomerMessage(message, { action: 'decided_reply', reasons: ['r'] });
    expect(await table.store.eventCompleted(found.record, message)).toBe(true);
    // A late delivery of the same event opens nothing: the first claim stands.
    const late = await table.store.openClaim('pointer', 'facebook', message, handoffDecision);
    expect(late).toMatchObject({ deleted: false, opened: false, record: { decision: acknowledgement } });
  });

  it('a deletion that lands while the policy decides takes the pointer first: the claim reports it deleted', async () => {
    const message = customerMessage(unique('conv'), unique('msg'));
    const found = await table.store.findClaim('facebook', message);
    expect(found).toMatchObject({ deleted: false, site: 'pointer' });
    expect(await table.store.markMessageDeleted('facebook', message.messageId)).toBeUndefined();
    expect(await table.store.openClaim('pointer', 'facebook', message, acknowledgement)).toEqual({
      deleted: true,
    });
  });

  it('a pointer another event holds (one X post, two of our accounts) stays its claim; this event claims its own record', async () => {
    const messageId = unique('tweet');
    const first = customerMessage(unique('conv'), messageId, `x:111:${messageId}`);
    const second = customerMessage(unique('conv'), messageId, `x:222:${messageId}`);
    await table.store.openClaim('pointer', 'x', first, acknowledgement);

    const found = await table.store.findClaim('x', second);
    expect(found).toEqual({ deleted: false, site: 'event', record: undefined });
    // Two attempts of the second event: one opens its record, both act on it.
    const attempts = await Promise.all([
      table.store.openClaim('pointer', 'x', second, handoffDecision),
      table.otherContainer().openClaim('pointer', 'x', second, acknowledgement),
    ]);
    const opened = attempts.map((a) => !a.deleted && a.opened);
    expect(opened.sort()).toEqual([false, true]);
    const chosen = attempts.map((a) =>
      a.deleted ? undefined : { conversationId: a.record.conversationId, decision: a.record.decision },
    );
    expect(chosen[0]).toEqual(chosen[1]);
    expect(await table.store.eventRecord(second.eventId)).toMatchObject(chosen[0] ?? {});
    // The first event's claim is untouched.
    expect(await table.store.findClaim('x', first)).toMatchObject({
      site: 'pointer',
      record: { eventId: first.eventId, decision: acknowledgement, conversationId: first.conversationId },
    });
    expect(await table.store.findClaim('x', second)).toMatchObject({ site: 'event', record: chosen[0] });
  });

  it('an event claimed before claims moved onto pointers is found by its event record', async () => {
    const conversationId = unique('conv');
    const message = customerMessage(conversationId, unique('msg'));
    // What the earlier code left: a pointer without an event id, and the event record with the decision.
    await table.store.recordMessage(message, 'facebook');
    await table.store.openEvent(message.eventId, { conversationId, decision: handoffDecision });
    expect(await table.store.findClaim('facebook', message)).toMatchObject({
      deleted: false,
      site: 'event',
      record: { eventId: message.eventId, conversationId, decision: handoffDecision },
    });
    expect(await table.store.openClaim('event', 'facebook', message, acknowledgement)).toMatchObject({
      opened: false,
      record: { decision: handoffDecision },
    });
  });

  it('keeps the decision packed on the pointer, and still reads one an earlier version stored as a map', async () => {
    const message = customerMessage(unique('conv'), unique('msg'));
    await table.store.openClaim('pointer', 'facebook', message, handoffDecision);
    const Key = keys.messagePointer('facebook', message.messageId);
    const stored = await dynamo().send(new GetCommand({ TableName: table.tableName(), Key }));
    expect(stored.Item?.decision).toBeUndefined();
    expect(stored.Item?.decisionZ).toBeInstanceOf(Uint8Array);
    expect(await table.store.findClaim('facebook', message)).toMatchObject({
      record: { decision: handoffDecision },
    });

    const earlier = customerMessage(unique('conv'), unique('msg'));
    await dynamo().send(
      new PutCommand({
        TableName: table.tableName(),
        Item: {
          ...keys.messagePointer('facebook', earlier.messageId),
          eventId: earlier.eventId,
          status: 'processing',
          receivedAt: '2026-12-07T08:00:00.000Z',
          conversationId: earlier.conversationId,
          decision: acknowledgement,
        },
      }),
    );
    const found = await table.store.findClaim('facebook', earlier);
    expect(found).toMatchObject({ site: 'pointer', record: { decision: acknowledgement } });
  });
});
