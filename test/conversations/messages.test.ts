import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../shared/conversations/model.js';
import { acknowledgement, storeOnDynalite, unique } from './store-fixture.js';

const table = storeOnDynalite('store-messages');

function message(conversationId: string, messageId: string, occurredAt: number): StoredMessage {
  return {
    conversationId,
    messageId,
    eventId: `event-${messageId}`,
    direction: 'in',
    sentBy: 'customer',
    channel: 'comment',
    author: { id: 'customer-1' },
    text: `text of ${messageId}`,
    occurredAt,
  };
}

describe('messages and their pointers', () => {
  it('records a message once however often it is written, and knows its conversation and sender', async () => {
    const conversationId = unique('conv');
    const id = unique('msg');
    await table.store.recordMessage(message(conversationId, id, 1000), 'facebook');
    await table.store.recordMessage(message(conversationId, id, 1000), 'facebook');
    expect(await table.store.conversationOfMessage('facebook', id)).toBe(conversationId);
    expect(await table.store.conversationOfMessage('instagram', id)).toBeUndefined();
    expect(await table.store.senderOfMessage('facebook', id)).toBe('customer');
    expect(await table.store.listMessages(conversationId)).toHaveLength(1);
  });

  it('a deletion that overtakes its message leaves a tombstone; the message then counts as deleted before arrival', async () => {
    const id = unique('msg');
    expect(await table.store.markMessageDeleted('facebook', id)).toBeUndefined();
    const arriving = message(unique('conv'), id, 1000);
    expect(await table.store.findClaim('facebook', arriving)).toEqual({ deleted: true });
    expect(await table.store.openClaim('pointer', 'facebook', arriving, acknowledgement)).toEqual({
      deleted: true,
    });
    expect(await table.store.conversationOfMessage('facebook', id)).toBeUndefined();
    const other = message(unique('conv'), unique('msg'), 1000);
    expect(await table.store.openClaim('pointer', 'facebook', other, acknowledgement)).toMatchObject({
      deleted: false,
      opened: true,
    });
  });

  it('marks a stored message deleted and applies only the newest edit', async () => {
    const conversationId = unique('conv');
    const id = unique('msg');
    await table.store.recordMessage(message(conversationId, id, 1000), 'x');
    expect(await table.store.recordEdit('x', id, 'second edit', 3000)).toBe(conversationId);
    expect(await table.store.recordEdit('x', id, 'first edit, delivered late', 2000)).toBe(conversationId);
    expect(await table.store.markMessageDeleted('x', id)).toBe(conversationId);
    const [stored] = await table.store.listMessages(conversationId);
    expect(stored).toMatchObject({ text: '', editedAt: 3000, deleted: true });
  });

  it('a deleted message keeps no text or attachments: a later edit or a retried write brings none back', async () => {
    const conversationId = unique('conv');
    const id = unique('msg');
    const arriving = {
      ...message(conversationId, id, 1000),
      attachments: [{ type: 'photo', url: 'https://p/1' }],
    };
    // The deletion lands between the claim (the pointer) and the message's own write.
    await table.store.openClaim('pointer', 'facebook', arriving, acknowledgement);
    expect(await table.store.markMessageDeleted('facebook', id)).toBe(conversationId);
    await table.store.recordCustomerMessage(arriving, {
      action: 'decided:silent',
      reasons: ['r'],
    });
    expect(await table.store.recordEdit('facebook', id, 'edited after the deletion', 5000)).toBe(
      conversationId,
    );
    const [stored] = await table.store.listMessages(conversationId);
    expect(stored).toMatchObject({
      messageId: id,
      eventId: `event-${id}`,
      occurredAt: 1000,
      deleted: true,
      text: '',
    });
    expect(stored).not.toHaveProperty('attachments');
    expect(stored).not.toHaveProperty('editedAt');
    expect(await table.store.messages.isDecided(conversationId, arriving)).toBe(true);
  });

  it('the transcript holds the replies this system sent, in time order, and knows their echo as ours', async () => {
    const conversationId = unique('conv');
    table.setNow(new Date(5000));
    await table.store.recordMessage(message(conversationId, 'm1', 1000), 'x');
    const reply = {
      conversationId,
      replyId: 'event-m1#public',
      eventId: 'event-m1',
      kind: 'public' as const,
      inReplyTo: 'm1',
      text: 'Danke!',
      templateId: 'ack',
      channel: 'comment' as const,
    };
    await table.store.recordReply(reply, 'sent', { platformId: 'tweet-9' });
    await table.store.recordReply({ ...reply, replyId: 'event-m1#private', kind: 'private' }, 'failed');
    await table.store.recordReplyPointer('x', reply, 'tweet-9');
    await table.store.recordMessage(message(conversationId, 'm2', 9000), 'x');
    const transcript = await table.store.listMessages(conversationId);
    expect(transcript.map((m) => [m.messageId, m.sentBy])).toEqual([
      ['m1', 'customer'],
      ['tweet-9', 'bot'],
      ['m2', 'customer'],
    ]);
    expect(await table.store.senderOfMessage('x', 'tweet-9')).toBe('bot');
    expect(await table.store.conversationOfMessage('x', 'tweet-9')).toBe(conversationId);
  });

  it('reads an expired item as absent: deletion by TTL is eventual', async () => {
    const conversationId = unique('conv');
    const id = unique('msg');
    table.setNow(new Date('2026-01-01T00:00:00Z'));
    await table.store.recordMessage(message(conversationId, id, 1000), 'facebook');
    table.setNow(new Date('2027-12-01T00:00:00Z'));
    expect(await table.store.conversationOfMessage('facebook', id)).toBeUndefined();
    expect(await table.store.listMessages(conversationId)).toEqual([]);
  });
});
