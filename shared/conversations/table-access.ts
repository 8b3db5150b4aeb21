import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every item type's module needs: the client, the table, and the clock expiries are counted from. */
export interface TableAccess {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: () => Date;
}
