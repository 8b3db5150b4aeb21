import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../policy/decision.js';
import { conditionalWrite } from './conditional-write.js';
import { expiryAfter, keys, SK_PREFIX } from './keys.js';
import type { AuditEntry } from './model.js';
import type { TableAccess } from './table-access.js';

const DECISION_AUDIT_PREFIX = 'decided_';
/** The audit action of an event's decision: its entry is the event's last write. */
export const decisionAuditAction = (decision: Pick<Decision, 'action'>) =>
  `${DECISION_AUDIT_PREFIX}${decision.action}`;
export const isDecisionAudit = (entry: Pick<AuditEntry, 'actor' | 'action'>) =>
  entry.actor === 'bot' && entry.action.startsWith(DECISION_AUDIT_PREFIX);

export type AuditInput = Pick<AuditEntry, 'actor' | 'action' | 'eventId' | 'reasons' | 'detail'>;

/** A decision kept on its message, as the audit entry it stands for (and that entry's sort key). */
function decisionOnMessage(conversationId: string, item: Record<string, unknown>) {
  const eventId = item.eventId as string;
  const decided = item.decided as Pick<AuditEntry, 'action' | 'at' | 'reasons' | 'detail'>;
  const entry: AuditEntry = { conversationId, actor: 'bot', eventId, ...decided };
  return { sk: keys.automatedAudit(conversationId, eventId, decided.action).sk, entry };
}

/** A conversation's audit trail: who did what, when, and why. */
export class AuditTrail {
  constructor(private readonly table: TableAccess) {}

  /** Appends an entry; an automated step's entry (it has an event id) is written once however often it is retried. */
  async append(conversationId: string, entry: AuditInput): Promise<void> {
    const now = this.table.clock();
    const at = now.toISOString();
    const key = entry.eventId
      ? keys.automatedAudit(conversationId, entry.eventId, entry.action)
      : keys.personAudit(conversationId, at, entry.actor, entry.action, randomUUID());
    await conditionalWrite(() =>
      this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...key,
            at,
            conversationId,
            ...entry,
            expiresAt: expiryAfter(now, this.table.retention.conversationDays),
          },
          ...(entry.eventId ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      ),
    );
  }

  /** The entries an event's automated steps wrote whose action starts with `actionPrefix`. */
  async ofEvent(conversationId: string, eventId: string, actionPrefix: string): Promise<AuditEntry[]> {
    const result = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.conversationPartition(conversationId),
          ':prefix': keys.automatedAudit(conversationId, eventId, actionPrefix).sk,
        },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []) as AuditEntry[];
  }

  /**
   * The trail, oldest first: the audit items, and the decisions kept on the customer messages they
   * were taken for (in the place their own audit item would sort).
   */
  async list(conversationId: string): Promise<AuditEntry[]> {
    const query = (prefix: string, decidedOnly: boolean) =>
      this.table.db.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ...(decidedOnly
            ? {
                FilterExpression: 'attribute_exists(#decided)',
                ProjectionExpression: 'eventId, #decided',
                ExpressionAttributeNames: { '#decided': 'decided' },
              }
            : {}),
          ExpressionAttributeValues: { ':pk': keys.conversationPartition(conversationId), ':prefix': prefix },
          ConsistentRead: true,
        }),
      );
    const [audit, decided] = await Promise.all([
      query(SK_PREFIX.audit, false),
      query(SK_PREFIX.message, true),
    ]);
    const entries = [
      ...(audit.Items ?? []).map((item) => ({ sk: item.sk as string, entry: item as AuditEntry })),
      ...(decided.Items ?? []).map((item) => decisionOnMessage(conversationId, item)),
    ];
    return entries
      .sort((a, b) => a.sk.localeCompare(b.sk))
      .map(({ entry }) => entry)
      .sort((a, b) => a.at.localeCompare(b.at));
  }
}
