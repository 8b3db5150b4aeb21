import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Retention } from './retention.js';

/** What every item type's module needs: the client, the table, and the clock expiries are counted from. */
export interface TableAccess {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: () => Date;
  /** how long each kind of item is kept */
  retention: Retention;
}
