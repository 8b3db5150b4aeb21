/**
 * The one table's key design, shared by the store, the local stack and the SST definition.
 * Items: conversation (`CONV#id` / `META`), its messages, replies and audit entries (same
 * partition), one record per platform event id (dedup), one pointer per platform message id.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** epoch seconds; DynamoDB deletes expired items eventually, reads ignore them at once */
  ttlAttribute: 'expiresAt',
  indexes: {
    /**
     * agent views: conversations by status (sharded), newest first. The only index: every index
     * rewrites its copy of the conversation item on each of its updates, at the table's price.
     */
    byStatus: { name: 'byStatus', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  },
} as const;
