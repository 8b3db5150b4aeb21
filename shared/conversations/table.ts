/**
 * The one table's key design, shared by the store, the local stack and the SST definition.
 * Items: conversation (`CONV#id` / `META`), its messages, replies and audit entries (same
 * partition), one record per platform event id (dedup), one pointer per platform message id,
 * erasure records.
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
    byStatus: { name: 'byStatus', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'all' },
    /**
     * erasure: a customer's messages and message pointers by `platform#userId` (the `subject`
     * attribute, set on items the responder writes anyway: no write of its own). Keys and the
     * event id only, so its copies stay small.
     */
    bySubject: {
      name: 'bySubject',
      partitionKey: 'subject',
      sortKey: 'sk',
      projection: ['eventId', 'conversationId'],
    },
  },
} as const;
