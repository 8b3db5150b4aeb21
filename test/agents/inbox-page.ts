import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { AgentTestSystem } from './agent-system.js';

/** The case page of the inbox as agent alice sees it after signing in (English interface). */
export async function inboxCasePage(system: AgentTestSystem, conversationId: string): Promise<string> {
  const response = await system.inboxAs('alice', `/inbox/cases/${encodeURIComponent(conversationId)}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** Every item of the table, read consistently: what an erasure or a deletion must have cleared. */
export async function scanTable(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
