import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Platform } from '../events.js';
import { maskedMessage, maskPaymentData } from '../policy/payment-data.js';
import { conditionalWrite } from './conditional-write.js';
import { expiryAfter, keys, liveItem, SK_PREFIX, subjectAttributes } from './keys.js';
import type { AuditEntry, StoredMessage, StoredReply } from './model.js';
import type { TableAccess } from './table-access.js';
import { type Condition, updateExpression } from './update-expression.js';

/** A customer message's decision as the audit trail shows it: kept on the message item (`decided`). */
export type DecisionEntry = Pick<AuditEntry, 'action' | 'reasons' | 'detail'>;

/** Where a platform message id is stored: its conversation and sort key, or a tombstone. */
interface MessagePointer {
  conversationId?: string;
  messageSk?: string;
  sentBy?: StoredMessage['sentBy'];
  tombstone?: boolean;
}

/**
 * A conversation's messages, and one pointer per platform message id (which conversation it
 * belongs to, who on our side sent it, or a tombstone when it was deleted before it arrived).
 */
export class Messages {
  constructor(private readonly table: TableAccess) {}

  private async pointer(platform: Platform, messageId: string): Promise<MessagePointer | undefined> {
    const result = await this.table.db.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.messagePointer(platform, messageId) }),
    );
    return liveItem(result.Item, this.table.clock()) as MessagePointer | undefined;
  }

  /** Which conversation a platform message belongs to, if we have stored it. */
  async conversationOf(platform: Platform, messageId: string): Promise<string | undefined> {
    return (await this.pointer(platform, messageId))?.conversationId;
  }

  /** How our side sent a message: `bot` when it is a reply this system posted. */
  async senderOf(platform: Platform, messageId: string): Promise<StoredMessage['sentBy'] | undefined> {
    return (await this.pointer(platform, messageId))?.sentBy;
  }

  /** Records a message in its conversation; writing the same message again changes nothing. */
  async record(message: StoredMessage, platform: Platform): Promise<void> {
    const stored = maskedMessage(message);
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          pk: keys.conversationPartition(message.conversationId),
          sk: keys.messageSk(message.occurredAt, message.messageId),
          ...stored,
          expiresAt: expiryAfter(this.table.clock(), this.table.retention.conversationDays),
        },
      }),
    );
    await this.recordPointer(message, platform);
  }

  /**
   * Points a message's platform id at its conversation (edits, deletions and replies to it find it
   * there), unless a tombstone is there (deleted before it arrived). A customer message's pointer
   * is written as its event's claim instead (message-claims.ts).
   */
  private async recordPointer(message: StoredMessage, platform: Platform): Promise<void> {
    await conditionalWrite(() =>
      this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.messagePointer(platform, message.messageId),
            conversationId: message.conversationId,
            messageSk: keys.messageSk(message.occurredAt, message.messageId),
            sentBy: message.sentBy,
            ...subjectAttributes(message, platform),
            expiresAt: expiryAfter(this.table.clock(), this.table.retention.conversationDays),
          },
          ConditionExpression: 'attribute_not_exists(tombstone)',
        }),
      ),
    );
  }

  /**
   * Writes a customer message in its conversation, with its decision's audit entry when the event
   * is done (the event's last write, which marks it complete). An edit or a deletion that arrived
   * meanwhile through the pointer stays.
   */
  async recordInConversation(message: StoredMessage, decided?: DecisionEntry): Promise<void> {
    const now = this.table.clock();
    const { text, attachments, masked, ...fields } = maskedMessage(message);
    const write = (
      content: Partial<Pick<StoredMessage, 'text' | 'attachments' | 'masked'>>,
      condition?: Condition,
    ) =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: {
            pk: keys.conversationPartition(message.conversationId),
            sk: keys.messageSk(message.occurredAt, message.messageId),
          },
          ...updateExpression(
            {
              set: {
                ...fields,
                ...(content.attachments ? { attachments: content.attachments } : {}),
                ...(decided ? { decided: { ...decided, at: now.toISOString() } } : {}),
                expiresAt: expiryAfter(now, this.table.retention.conversationDays),
              },
              ...(content.text !== undefined
                ? {
                    setIfAbsent: {
                      text: content.text,
                      ...(content.masked ? { masked: content.masked } : {}),
                    },
                  }
                : {}),
            },
            condition,
          ),
        }),
      );
    // A message deleted meanwhile keeps its ids, times and decision, never its content again.
    const written = await conditionalWrite(() =>
      write({ text, attachments, masked }, { expression: 'attribute_not_exists(deleted)' }),
    );
    if (written === undefined) await write({});
  }

  /** Whether a customer message carries its decision: its event was handled completely. */
  async isDecided(conversationId: string, message: Pick<StoredMessage, 'occurredAt' | 'messageId'>) {
    const result = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: {
          pk: keys.conversationPartition(conversationId),
          sk: keys.messageSk(message.occurredAt, message.messageId),
        },
        ProjectionExpression: '#decided',
        ExpressionAttributeNames: { '#decided': 'decided' },
        ConsistentRead: true,
      }),
    );
    return result.Item?.decided !== undefined;
  }

  /** Points the platform id of a reply we sent at its conversation: its echo is then known as ours. */
  async pointAtReply(
    platform: Platform,
    reply: Pick<StoredReply, 'conversationId' | 'replyId'>,
    platformId: string,
  ) {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...keys.messagePointer(platform, platformId),
          conversationId: reply.conversationId,
          messageSk: keys.replySk(reply.replyId),
          sentBy: 'bot',
          expiresAt: expiryAfter(this.table.clock(), this.table.retention.conversationDays),
        },
      }),
    );
  }

  private async storedPointer(platform: Platform, messageId: string) {
    const pointer = await this.pointer(platform, messageId);
    return pointer && !pointer.tombstone
      ? (pointer as { conversationId: string; messageSk: string })
      : undefined;
  }

  /**
   * Marks a stored message deleted and removes its text and attachments (its ids and times stay);
   * returns its conversation, or undefined when we never stored it.
   */
  async markDeleted(platform: Platform, messageId: string): Promise<string | undefined> {
    const pointer = await this.storedPointer(platform, messageId);
    if (!pointer) {
      // Deleted before we saw it (the deletion overtook the message in another queue group):
      // leave a tombstone so the message, when it arrives, is recorded as deleted and not answered.
      await conditionalWrite(() =>
        this.table.db.send(
          new PutCommand({
            TableName: this.table.tableName,
            Item: {
              ...keys.messagePointer(platform, messageId),
              tombstone: true,
              expiresAt: expiryAfter(this.table.clock(), this.table.retention.eventDays),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return undefined;
    }
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.conversationPartition(pointer.conversationId), sk: pointer.messageSk },
        UpdateExpression: 'SET deleted = :t REMOVE #text, attachments, masked',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: { ':t': true },
      }),
    );
    return pointer.conversationId;
  }

  /** Applies an edit to a stored message (the newest edit wins, masked); returns its conversation. */
  async recordEdit(platform: Platform, messageId: string, text: string, editedAt: number) {
    const pointer = await this.storedPointer(platform, messageId);
    if (!pointer) return undefined;
    const { text: stored, masked } = maskPaymentData(text);
    await conditionalWrite(() =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: keys.conversationPartition(pointer.conversationId), sk: pointer.messageSk },
          UpdateExpression: masked.length
            ? 'SET #t = :text, editedAt = :at, masked = :masked'
            : 'SET #t = :text, editedAt = :at REMOVE masked',
          // A deleted message stays without text, whatever edit arrives late.
          ConditionExpression:
            'attribute_not_exists(deleted) AND (attribute_not_exists(editedAt) OR editedAt < :at)',
          ExpressionAttributeNames: { '#t': 'text' },
          ExpressionAttributeValues: {
            ':text': stored,
            ':at': editedAt,
            ...(masked.length ? { ':masked': masked } : {}),
          },
        }),
      ),
    );
    return pointer.conversationId;
  }

  /** The newest `limit` messages people wrote (customers and our people), newest first. */
  async listNewest(conversationId: string, limit: number): Promise<StoredMessage[]> {
    const result = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: {
          ':pk': keys.conversationPartition(conversationId),
          ':msg': SK_PREFIX.message,
        },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    const now = this.table.clock();
    return (result.Items ?? [])
      .filter((item) => liveItem(item, now))
      .map(
        ({ decided: _decided, subject: _subject, ...message }) => ({ text: '', ...message }) as StoredMessage,
      );
  }
}

/**
 * A conversation's transcript: what customers and people wrote, and the replies this system
 * sent (kept once, as reply items, not copied into message items), oldest first.
 */
export function transcript(
  conversationId: string,
  stored: StoredMessage[],
  replies: StoredReply[],
  limit: number,
): StoredMessage[] {
  const sentByBot = replies
    .filter((r) => !r.agentId && (r.status === 'sent' || r.status === 'dry_run'))
    .map(
      (r): StoredMessage => ({
        conversationId,
        messageId: r.platformId ?? r.replyId,
        eventId: r.eventId,
        direction: 'out',
        sentBy: 'bot',
        channel: r.channel ?? (r.kind === 'private' ? 'dm' : 'comment'),
        author: { id: 'bot' },
        text: r.text,
        occurredAt: Date.parse(r.updatedAt),
        ...(r.deleted ? { deleted: true } : {}),
      }),
    );
  return [...stored, ...sentByBot].sort((a, b) => a.occurredAt - b.occurredAt).slice(-limit);
}
