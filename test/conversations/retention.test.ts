import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import { dynamo } from '../../shared/aws/dynamo.js';
import { buildConfig, ConfigError } from '../../shared/config.js';
import { BurstCounter } from '../../shared/conversations/bursts.js';
import { DEFAULT_RETENTION, retentionFromEnv } from '../../shared/conversations/retention.js';
import { ConversationStore } from '../../shared/conversations/store.js';
import { conversationInit, handoffDecision, unique } from './store-fixture.js';

const NOW = new Date('2026-12-07T08:00:00Z');
const DAY = 86_400;
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let stack: LocalStack;
let db: DynamoDBDocumentClient;
beforeAll(async () => {
  stack = await startLocalStack({ prefix: 'retention' });
  Object.assign(process.env, stack.env);
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});
afterAll(async () => {
  db.destroy();
  await stack?.stop();
});

async function itemsOf(conversationId: string, eventId: string) {
  const { Items = [] } = await db.send(new ScanCommand({ TableName: stack.tableName, ConsistentRead: true }));
  return Items.filter(
    (i) =>
      i.pk === `CONV#${conversationId}` ||
      i.conversationId === conversationId ||
      i.pk === `EVENT#${eventId}` ||
      i.eventId === eventId,
  );
}

/** Writes one item of every kind a customer message leaves, with the store the retention makes. */
async function writeEveryKind(retention: Parameters<typeof buildConfig>[1]) {
  const config = buildConfig('responder', {
    TABLE_NAME: stack.tableName,
    HANDOFF_QUEUE_URL: 'http://localhost/q',
    ...retention,
  });
  const store = new ConversationStore(dynamo(), stack.tableName, () => NOW, config.retention);
  const bursts = new BurstCounter(dynamo(), stack.tableName, config.retention.burstDays);
  const conversationId = unique('conv');
  const eventId = unique('event');
  const messageId = unique('msg');
  await store.openEvent(eventId, { conversationId, decision: handoffDecision });
  const message = {
    conversationId,
    messageId,
    eventId,
    direction: 'in' as const,
    sentBy: 'customer' as const,
    channel: 'comment' as const,
    author: { id: 'customer-1' },
    text: 'Wo ist mein Paket?',
    occurredAt: NOW.getTime(),
  };
  await store.openClaim('pointer', 'facebook', message, handoffDecision);
  await store.recordReply(
    {
      conversationId,
      replyId: `${eventId}#public`,
      eventId,
      kind: 'public',
      inReplyTo: messageId,
      text: 'Hallo',
      templateId: 't',
      channel: 'comment',
    },
    'sent',
    { platformId: unique('reply') },
  );
  await store.applyAutomaticOutcome(conversationInit(conversationId), eventId, NOW.getTime(), {
    status: 'handed_off',
    acknowledged: true,
    decision: handoffDecision,
  });
  await store.recordCustomerMessage(message, { action: 'decided_reply_and_handoff', reasons: [] });
  await store.audit(conversationId, { actor: 'bot', action: 'comment_hidden', eventId });
  await store.markMessageDeleted('facebook', unique('unseen'));
  await bursts.recordNegative('parcelexpress', unique('topic'), NOW.getTime(), eventId, conversationId);
  const items = await itemsOf(conversationId, eventId);
  const days = (item: Record<string, unknown> | undefined) =>
    item ? ((item.expiresAt as number) - nowSeconds) / DAY : undefined;
  const bySk = (prefix: string) => items.find((i) => String(i.sk).startsWith(prefix));
  return {
    conversation: days(bySk('META')),
    message: days(bySk('MSG#')),
    reply: days(bySk('REPLY#')),
    audit: days(bySk('AUDIT#')),
    pointer: days(items.find((i) => String(i.pk).startsWith('MSGID#') && i.sk === 'MSGID')),
    event: days(bySk('EVENT')),
    burst: days(bySk('N#')),
  };
}

describe('the TTLs written follow the retention settings', () => {
  it('by default: 180 days for conversations and their items, 21 for event records, 1 for bursts', async () => {
    const written = await writeEveryKind({});
    expect(written).toEqual({
      conversation: 180,
      message: 180,
      reply: 180,
      audit: 180,
      pointer: 180,
      event: 21,
      burst: 1,
    });
    expect(DEFAULT_RETENTION).toEqual({ conversationDays: 180, eventDays: 21, burstDays: 1 });
  });

  it('as RETENTION_DAYS, EVENT_RETENTION_DAYS and BURST_RETENTION_DAYS set them', async () => {
    const written = await writeEveryKind({
      RETENTION_DAYS: '45',
      EVENT_RETENTION_DAYS: '25',
      BURST_RETENTION_DAYS: '3',
    });
    expect(written).toEqual({
      conversation: 45,
      message: 45,
      reply: 45,
      audit: 45,
      pointer: 45,
      event: 25,
      burst: 3,
    });
  });

  it('a tombstone of a message deleted before it arrived lives as long as an event record', async () => {
    const store = new ConversationStore(dynamo(), stack.tableName, () => NOW, {
      ...DEFAULT_RETENTION,
      eventDays: 30,
    });
    const id = unique('gone');
    await store.markMessageDeleted('facebook', id);
    const { Items = [] } = await db.send(
      new ScanCommand({ TableName: stack.tableName, ConsistentRead: true }),
    );
    const tombstone = Items.find((i) => i.pk === `MSGID#facebook#${id}`);
    expect(((tombstone?.expiresAt as number) - nowSeconds) / DAY).toBe(30);
  });

  it('refuses a retention outside its range, naming the setting', () => {
    expect(() =>
      buildConfig('responder', {
        TABLE_NAME: 't',
        HANDOFF_QUEUE_URL: 'http://localhost/q',
        RETENTION_DAYS: '3',
      }),
    ).toThrow(ConfigError);
    expect(retentionFromEnv({ EVENT_RETENTION_DAYS: '7', BURST_RETENTION_DAYS: '1.5' }).problems).toEqual([
      'EVENT_RETENTION_DAYS must be a whole number of days from 19 to 90, not 7',
      'BURST_RETENTION_DAYS must be a whole number of days from 1 to 7, not 1.5',
    ]);
  });
});
