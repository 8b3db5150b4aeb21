import { GetCommand, PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '../../conversations/conditional-write.js';
import { keys, liveItem } from '../../conversations/keys.js';
import { TABLE } from '../../conversations/table.js';
import type { TableAccess } from '../../conversations/table-access.js';

/**
 * The server's record of each inbox session, so signing out ends a session everywhere at once:
 * a copied cookie stops working too. An item per session in the agent's partition; signing out
 * marks it revoked (an update, so the API needs no delete right) and TTL removes it after expiry.
 */
export class InboxSessions {
  constructor(private readonly table: Pick<TableAccess, 'db' | 'tableName' | 'clock'>) {}

  async open(agentId: string, sessionId: string, expiresAt: Date): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...keys.inboxSession(agentId, sessionId),
          openedAt: this.table.clock().toISOString(),
          [TABLE.ttlAttribute]: Math.ceil(expiresAt.getTime() / 1000),
        },
      }),
    );
  }

  /** Whether the session was opened and not signed out (a strongly consistent read: sign-out counts at once). */
  async isOpen(agentId: string, sessionId: string): Promise<boolean> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.inboxSession(agentId, sessionId),
        ConsistentRead: true,
      }),
    );
    const item = liveItem(Item, this.table.clock());
    return item !== undefined && item.revokedAt === undefined;
  }

  async revoke(agentId: string, sessionId: string): Promise<void> {
    // a session that expired and was removed stays absent: nothing to revoke
    await conditionalWrite(() =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.inboxSession(agentId, sessionId),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': this.table.clock().toISOString() },
        }),
      ),
    );
  }

  /** Ends every open session of the agent (on every browser): how many were open. */
  async revokeAll(agentId: string): Promise<number> {
    let ended = 0;
    const pages = paginateQuery(
      { client: this.table.db },
      {
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :session)',
        FilterExpression: 'attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':pk': keys.inboxSessionPartition(agentId), ':session': 'SESSION#' },
        ProjectionExpression: 'sk',
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        await this.revoke(agentId, String(item.sk).slice('SESSION#'.length));
        ended += 1;
      }
    }
    return ended;
  }
}
