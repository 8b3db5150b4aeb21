import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { liveItem, STATUS_SHARD_COUNT, statusIndexKey } from './keys.js';
import type { Conversation, ConversationStatus } from './model.js';
import { TABLE } from './table.js';
import type { TableAccess } from './table-access.js';

export interface ConversationQuery {
  status: ConversationStatus;
  escalation?: string;
  brand?: string;
  /** only these brands' conversations (a brand-limited key) */
  brands?: readonly string[];
  platform?: string;
  /** only conversations this agent holds */
  claimedBy?: string;
  /** 1..100, default 25 */
  limit?: number;
  order?: 'newest' | 'oldest';
  cursor?: string;
}

export interface ConversationPage {
  items: Conversation[];
  /** present when there may be more: pass it back to get the next page */
  cursor?: string;
}

/** A cursor that is not one this store issued. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

interface CursorKey {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
}
/** per shard: 0 = not started, a key = continue after it, null = exhausted */
type CursorPosition = 0 | null | CursorKey;

function encodeCursor(positions: readonly CursorPosition[]): string {
  return Buffer.from(JSON.stringify(positions)).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition[] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API issued');
  }
  const isKey = (p: unknown): p is CursorKey =>
    typeof p === 'object' &&
    p !== null &&
    ['pk', 'sk', 'gsi1pk', 'gsi1sk'].every((k) => typeof (p as Record<string, unknown>)[k] === 'string');
  if (
    !Array.isArray(value) ||
    value.length !== STATUS_SHARD_COUNT ||
    !value.every((p) => p === 0 || p === null || isKey(p))
  ) {
    throw new InvalidCursorError('the cursor is not one this API issued');
  }
  return value as CursorPosition[];
}

interface ShardPage {
  shard: number;
  items: Record<string, unknown>[];
  more: boolean;
}

/**
 * Conversations in one status, across the index shards, merged in time order (`newest` first
 * by default), optionally filtered. The cursor carries each shard's position, so paging neither
 * repeats nor skips a conversation while nothing changes.
 */
export async function listConversations(
  table: TableAccess,
  query: ConversationQuery,
): Promise<ConversationPage> {
  const limit = Math.max(1, Math.min(query.limit ?? 25, 100));
  const newestFirst = (query.order ?? 'newest') === 'newest';
  const positions: CursorPosition[] = query.cursor
    ? decodeCursor(query.cursor)
    : Array<CursorPosition>(STATUS_SHARD_COUNT).fill(0);
  positions.forEach((position, shard) => {
    if (position && position.gsi1pk !== statusIndexKey(query.status, shard)) {
      throw new InvalidCursorError('the cursor belongs to another listing');
    }
  });
  const shards = await Promise.all(
    positions.map((position, shard) => readShard(table, query, shard, position, limit, newestFirst)),
  );
  const merged = shards
    .flatMap(({ shard, items }) => items.map((item) => ({ shard, item })))
    .sort((a, b) => {
      const order = String(a.item.gsi1sk).localeCompare(String(b.item.gsi1sk));
      return newestFirst ? -order : order;
    })
    .slice(0, limit);
  const next: CursorPosition[] = shards.map(({ shard, items, more }) => {
    const used = merged.filter((m) => m.shard === shard);
    const last = used.at(-1)?.item;
    if (!last) return !more && items.length === 0 ? null : (positions[shard] ?? null);
    if (!more && used.length === items.length) return null;
    return { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } as CursorKey;
  });
  const done = next.every((p) => p === null);
  const now = table.clock();
  return {
    items: merged.map((m) => m.item).filter((item) => liveItem(item, now)) as unknown as Conversation[],
    ...(done ? {} : { cursor: encodeCursor(next) }),
  };
}

/** Up to `limit` items of one shard after its position, with the query's filters. */
async function readShard(
  table: TableAccess,
  query: ConversationQuery,
  shard: number,
  position: CursorPosition,
  limit: number,
  newestFirst: boolean,
): Promise<ShardPage> {
  if (position === null) return { shard, items: [], more: false };
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const name of ['escalation', 'brand', 'platform', 'claimedBy'] as const) {
    const value = query[name];
    if (value === undefined) continue;
    filters.push(`#q_${name} = :q_${name}`);
    names[`#q_${name}`] = name;
    values[`:q_${name}`] = value;
  }
  if (query.brands) {
    const placeholders = query.brands.map((_, i) => `:q_brands${i}`);
    filters.push(`#q_brands IN (${placeholders.join(', ')})`);
    names['#q_brands'] = 'brand';
    query.brands.forEach((brand, i) => {
      values[`:q_brands${i}`] = brand;
    });
  }
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined = position === 0 ? undefined : { ...position };
  let more = true;
  while (items.length < limit && more) {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: TABLE.indexes.byStatus.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: { ...values, ':pk': statusIndexKey(query.status, shard) },
        ScanIndexForward: !newestFirst,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    more = startKey !== undefined;
  }
  return { shard, items, more };
}
