import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Platform } from '../events.js';
import { emitCount } from '../ops/emf.js';
import { OPS_METRICS } from '../ops/metric-names.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';
import type { TableAccess } from './table-access.js';

const RECENT_TEMPLATES_KEPT = 20;
/**
 * Where a repeated text is refused (X: duplicate content), an account's recent templates are
 * kept in the table for every container to see. Elsewhere repetition is a matter of style, and
 * each container remembers its own: a write per event saved.
 */
const TEMPLATES_KEPT_IN_TABLE: ReadonlySet<Platform> = new Set(['x']);

export interface AccountState {
  needsAttention?: string;
  flaggedAt?: string;
}

/** One item per brand account: its recent templates and whether someone must see to its access. */
export class Accounts {
  private readonly recentInContainer = new Map<string, string[]>();

  constructor(private readonly table: TableAccess) {}

  /** Template ids this account used most recently (the renderer avoids repeating them). */
  async recentTemplates(platform: Platform, accountId: string): Promise<string[]> {
    const key = keys.account(platform, accountId);
    if (!TEMPLATES_KEPT_IN_TABLE.has(platform)) return this.recentInContainer.get(key.pk) ?? [];
    const result = await this.table.db.send(new GetCommand({ TableName: this.table.tableName, Key: key }));
    return ((result.Item?.recentTemplates as string[] | undefined) ?? []).slice(-RECENT_TEMPLATES_KEPT);
  }

  /** Appends the templates just used to the account's recent list: once per event, not per reply. */
  async rememberTemplates(platform: Platform, accountId: string, recent: string[], used: string[]) {
    if (used.length === 0) return;
    const updated = [...recent, ...used].slice(-RECENT_TEMPLATES_KEPT);
    const key = keys.account(platform, accountId);
    if (!TEMPLATES_KEPT_IN_TABLE.has(platform)) {
      this.recentInContainer.set(key.pk, updated);
      return;
    }
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key,
        UpdateExpression: 'SET recentTemplates = :r',
        ExpressionAttributeValues: { ':r': updated },
      }),
    );
  }

  /** The account withdrew our access (X revoke) or its token stopped working: someone must re-authorise it. */
  async flag(platform: Platform, accountId: string, problem: string): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.account(platform, accountId),
        UpdateExpression: 'SET needsAttention = :p, flaggedAt = :now',
        ExpressionAttributeValues: { ':p': problem, ':now': this.table.clock().toISOString() },
      }),
    );
    emitCount(OPS_METRICS.accountFlagged, { platform });
  }

  /** The account's token works again (the daily check found it healthy): the flag is lifted. */
  async clearFlag(platform: Platform, accountId: string): Promise<boolean> {
    const cleared = await conditionalWrite(() =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.account(platform, accountId),
          UpdateExpression: 'REMOVE needsAttention, flaggedAt',
          ConditionExpression: 'attribute_exists(needsAttention)',
        }),
      ),
    );
    return cleared !== undefined;
  }

  async state(platform: Platform, accountId: string): Promise<AccountState> {
    const result = await this.table.db.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.account(platform, accountId) }),
    );
    return (result.Item ?? {}) as AccountState;
  }
}
