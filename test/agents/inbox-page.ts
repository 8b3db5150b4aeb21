import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { createInboxApp } from '../../shared/agent-api/inbox/app.js';
import { SESSION_COOKIE } from '../../shared/agent-api/inbox/session.js';
import { InboxSessions } from '../../shared/agent-api/inbox/session-records.js';
import { hashApiKey, parseAgentKeys } from '../../shared/agents/api-keys.js';
import { loadBrands } from '../../shared/policy/brands.js';
import type { AgentTestSystem } from './agent-system.js';

/** The case page of the inbox as agent alice sees it after signing in (English interface). */
export async function inboxCasePage(
  system: AgentTestSystem,
  db: DynamoDBDocumentClient,
  conversationId: string,
): Promise<string> {
  const inbox = createInboxApp({
    service: system.service,
    keys: parseAgentKeys(JSON.stringify({ alice: hashApiKey(system.keys.alice) })),
    brands: loadBrands('brands'),
    sessions: new InboxSessions({ db, tableName: system.config.tableName, clock: () => new Date() }),
    log: system.log,
  });
  const signIn = await inbox.request('/inbox/login', {
    method: 'POST',
    body: new URLSearchParams({ key: system.keys.alice }),
  });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  const response = await inbox.request(`/inbox/cases/${encodeURIComponent(conversationId)}`, {
    headers: { cookie, 'accept-language': 'en' },
  });
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
