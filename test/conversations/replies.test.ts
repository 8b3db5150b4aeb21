import { describe, expect, it } from 'vitest';
import type { IntendedReply } from '../../shared/conversations/store.js';
import { storeOnDynalite, unique } from './store-fixture.js';

const table = storeOnDynalite('store-replies');

function intended(): IntendedReply {
  const eventId = unique('event');
  return {
    conversationId: unique('conv'),
    replyId: `${eventId}#public`,
    eventId,
    kind: 'public',
    inReplyTo: 'comment-1',
    text: 'Danke, wir schauen nach.',
    templateId: 'ack.question.1',
    channel: 'comment',
  };
}

describe('replies: one item per intended reply, never posted twice', () => {
  it('of two attempts claiming one reply at once, exactly one may send it', async () => {
    const reply = { ...intended(), agentId: 'alice' };
    const [first, second] = await Promise.all([
      table.store.claimReply(reply),
      table.otherContainer().claimReply(reply),
    ]);
    expect([first.outcome, second.outcome].sort()).toEqual(['claimed', 'settled']);
    const claimed = first.outcome === 'claimed' ? first.reply : second.reply;
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1, agentId: 'alice', channel: 'comment' });
  });

  it('a reply left sending by an attempt that died is in doubt, and stays so', async () => {
    const reply = intended();
    await table.store.claimReply(reply);
    const next = await table.store.claimReply(reply);
    expect(next).toMatchObject({ outcome: 'settled', reply: { status: 'in_doubt' } });
    expect(next.reply.error).toMatch(/stopped during the platform call/);
    const stored = (await table.store.listReplies(reply.conversationId))[0];
    expect(stored?.status).toBe('in_doubt');
  });

  it('a resumed attempt treats a decided reply without an item as in doubt: it was in flight', async () => {
    const reply = intended();
    const resumed = await table.store.resumeReply(reply);
    expect(resumed).toMatchObject({ outcome: 'settled', reply: { status: 'in_doubt', attempts: 1 } });
    expect(resumed.reply.error).toMatch(/before it recorded the platform call/);
    expect(await table.store.resumeReply(reply)).toMatchObject({
      outcome: 'settled',
      reply: { status: 'in_doubt' },
    });
  });

  it('a resumed attempt claims again a reply that failed certainly undone, counting the attempts', async () => {
    const reply = intended();
    await table.store.recordReply(reply, 'retry', {
      errorClass: 'rate_limited',
      error: 'slow down',
      firstFailedAt: '2026-12-07T08:00:00.000Z',
    });
    const resumed = await table.store.resumeReply(reply);
    expect(resumed).toMatchObject({
      outcome: 'claimed',
      reply: { status: 'sending', attempts: 2, firstFailedAt: '2026-12-07T08:00:00.000Z' },
    });
    await table.store.settleReply(resumed.reply, 'sent', { platformId: 'platform-1', error: undefined });
    expect(await table.store.resumeReply(reply)).toMatchObject({
      outcome: 'settled',
      reply: { status: 'sent', platformId: 'platform-1' },
    });
  });

  it('a resumed attempt returns a settled reply as it is', async () => {
    const reply = intended();
    await table.store.recordReply(reply, 'sent', { platformId: 'platform-2' });
    const resumed = await table.store.resumeReply(reply);
    expect(resumed).toMatchObject({ outcome: 'settled', reply: { status: 'sent', attempts: 1 } });
  });

  it('cancels only the replies still waiting to be retried when their message is deleted', async () => {
    const waiting = intended();
    const sent = { ...intended(), conversationId: waiting.conversationId };
    await table.store.recordReply(waiting, 'retry');
    await table.store.recordReply(sent, 'sent', { platformId: 'p' });
    expect(await table.store.cancelPendingReplies(waiting.conversationId, 'comment-1')).toBe(1);
    const statuses = (await table.store.listReplies(waiting.conversationId)).map((r) => [
      r.replyId,
      r.status,
    ]);
    expect(Object.fromEntries(statuses)).toEqual({ [waiting.replyId]: 'cancelled', [sent.replyId]: 'sent' });
  });
});
