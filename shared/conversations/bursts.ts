import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from './conditional-write.js';
import { expiryAfter, keys } from './keys.js';
import { DEFAULT_RETENTION } from './retention.js';

/**
 * Counts negative messages per topic (the post they sit under) to detect a crisis: a burst of
 * negative posts is escalated once, with its members linked, instead of as N separate cases.
 * Each negative event is one small item (idempotent on the event id); the count is a query over
 * the window. The topic's partition only grows during a burst, and items expire after a day.
 */
export class BurstCounter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** BURST_RETENTION_DAYS: members and claims matter for the crisis window, a day by default */
    private readonly retentionDays: number = DEFAULT_RETENTION.burstDays,
  ) {}

  /** Negative events on the topic within the window, not counting `eventId` itself. */
  async negativeInWindow(brand: string, topicId: string, now: number, windowMs: number, eventId: string) {
    const window = keys.burstWindow(now - windowMs, now);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.burstPartition(brand, topicId),
          ':from': window.from,
          ':to': window.to,
        },
        ProjectionExpression: 'eventId, conversationId',
        ConsistentRead: true,
      }),
    );
    const members = (result.Items ?? []).filter((i) => i.eventId !== eventId) as Array<{
      eventId: string;
      conversationId: string;
    }>;
    return members;
  }

  async recordNegative(brand: string, topicId: string, at: number, eventId: string, conversationId: string) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: keys.burstPartition(brand, topicId),
          sk: keys.burstMemberSk(at, eventId),
          eventId,
          conversationId,
          expiresAt: expiryAfter(at, this.retentionDays),
        },
      }),
    );
  }

  /** The crisis case of this topic when it was escalated within the window. */
  async currentCrisis(brand: string, topicId: string, since: number): Promise<string | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.crisis(brand, topicId),
        ConsistentRead: true,
      }),
    );
    const item = result.Item as { escalatedAt?: number; caseId?: string } | undefined;
    return item?.escalatedAt !== undefined && item.escalatedAt >= since ? item.caseId : undefined;
  }

  /**
   * Claims the crisis escalation of this topic for one event; only the first claim within the
   * window wins (conditional write), so a burst becomes exactly one crisis case. The same event
   * claiming again (a retry) still wins.
   */
  async claimCrisis(
    brand: string,
    topicId: string,
    now: number,
    windowMs: number,
    eventId: string,
    caseId: string,
  ) {
    const claimed = await conditionalWrite(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.crisis(brand, topicId),
          UpdateExpression: 'SET escalatedAt = :now, eventId = :event, caseId = :case, expiresAt = :exp',
          ConditionExpression:
            'attribute_not_exists(escalatedAt) OR escalatedAt < :since OR eventId = :event',
          ExpressionAttributeValues: {
            ':now': now,
            ':since': now - windowMs,
            ':event': eventId,
            ':case': caseId,
            ':exp': expiryAfter(now, this.retentionDays),
          },
        }),
      ),
    );
    return claimed !== undefined;
  }
}
