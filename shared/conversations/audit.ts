import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../policy/decision.js';
import { conditionalWrite } from './conditional-write.js';
import { expiryAfter, keys, RETENTION_DAYS, SK_PREFIX } from './keys.js';
import type { AuditEntry } from './model.js';
import type { TableAccess } from './table-access.js';

const DECISION_AUDIT_PREFIX = 'decided_';
/** The audit action of an event's decision: its entry is the event's last write. */
export const decisionAuditAction = (decision: Pick<Decision, 'action'>) =>
  `${DECISION_AUDIT_PREFIX}${decision.action}`;
export const isDecisionAudit = (entry: Pick<AuditEntry, 'actor' | 'action'>) =>
  entry.actor === 'bot' && entry.action.startsWith(DECISION_AUDIT_PREFIX);

export type AuditInput = Pick<AuditEntry, 'actor' | 'action' | 'eventId' | 'reasons' | 'detail'>;

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
          Item: { ...key, at, conversationId, ...entry, expiresAt: expiryAfter(now, RETENTION_DAYS) },
          ...(entry.eventId ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      ),
    );
  }

  /** The trail, oldest first. */
  async list(conversationId: string): Promise<AuditEntry[]> {
    const result = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: {
          ':pk': keys.conversationPartition(conversationId),
          ':a': SK_PREFIX.audit,
        },
        ConsistentRead: true,
      }),
    );
    return ((result.Items ?? []) as AuditEntry[]).sort((a, b) => a.at.localeCompare(b.at));
  }
}
