import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../policy/decision.js';
import { decisionAuditAction } from './audit.js';
import { conditionalWrite } from './conditional-write.js';
import { packedRecord, type StoredDecision, unpacked } from './decision-codec.js';
import { expiryAfter, keys } from './keys.js';
import type { Messages } from './messages.js';
import type { EventRecord, StoredMessage } from './model.js';
import type { TableAccess } from './table-access.js';

/**
 * One record per platform event: the claim that makes a redelivered event harmless. Edits,
 * deletions and account changes; a customer message's claim is its pointer (message-claims.ts),
 * and only falls back on this record.
 */
export class EventRecords {
  constructor(
    private readonly table: TableAccess,
    private readonly messages: Messages,
  ) {}

  /**
   * Opens the idempotency record of an event, with the conversation it belongs to and, for a
   * customer message, the decision taken. The first attempt's record holds: when an earlier or a
   * concurrent attempt opened one, that record is returned (`opened: false`) and its conversation
   * and decision stand, so a resumed attempt sends exactly what the first one decided.
   */
  async open(
    eventId: string,
    fields: { conversationId?: string; decision?: Decision } = {},
  ): Promise<{ opened: boolean; record: EventRecord }> {
    const now = this.table.clock();
    const record: EventRecord = {
      eventId,
      status: 'processing',
      receivedAt: now.toISOString(),
      ...(fields.conversationId ? { conversationId: fields.conversationId } : {}),
      ...(fields.decision ? { decision: fields.decision } : {}),
    };
    const written = await conditionalWrite(() =>
      this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.event(eventId),
            ...packedRecord(record),
            expiresAt: expiryAfter(now, this.table.retention.eventDays),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (written) return { opened: true, record };
    return { opened: false, record: (await this.get(eventId)) as EventRecord };
  }

  /** The idempotency record of an event, when an attempt opened one. */
  async get(eventId: string): Promise<EventRecord | undefined> {
    const existing = await this.table.db.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.event(eventId), ConsistentRead: true }),
    );
    return existing.Item && (unpacked(existing.Item as EventRecord & StoredDecision) as EventRecord);
  }

  /**
   * Whether an event was handled completely. Events that are not customer messages are marked
   * `done`; a customer message is complete once it is written with its decision, its last step,
   * so completing one costs no write of its own.
   */
  async completed(
    record: EventRecord,
    message: Pick<StoredMessage, 'occurredAt' | 'messageId'> | undefined,
  ): Promise<boolean> {
    if (record.status === 'done') return true;
    if (!record.decision || !record.conversationId) return false;
    if (message && (await this.messages.isDecided(record.conversationId, message))) return true;
    // Events completed before decisions were kept on their messages have a decision audit item.
    const audit = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.automatedAudit(record.conversationId, record.eventId, decisionAuditAction(record.decision)),
        ConsistentRead: true,
      }),
    );
    return audit.Item !== undefined;
  }

  async complete(eventId: string): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.event(eventId),
        UpdateExpression: 'SET #s = :done',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
  }
}
