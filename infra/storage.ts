import { TABLE } from '../shared/conversations/table.js';

const { byStatus } = TABLE.indexes;

/** The one table: conversations, their messages, replies, audit entries and dedup records. */
export const conversations = new sst.aws.Dynamo('Conversations', {
  fields: {
    [TABLE.partitionKey]: 'string',
    [TABLE.sortKey]: 'string',
    [byStatus.partitionKey]: 'string',
    [byStatus.sortKey]: 'string',
  },
  primaryIndex: { hashKey: TABLE.partitionKey, rangeKey: TABLE.sortKey },
  globalIndexes: {
    [byStatus.name]: { hashKey: byStatus.partitionKey, rangeKey: byStatus.sortKey },
  },
  ttl: TABLE.ttlAttribute,
});
