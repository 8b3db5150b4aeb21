import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { conditionalWrite } from '../conversations/conditional-write.js';
import { expiryAfter, keys } from '../conversations/keys.js';
import type { TableAccess } from '../conversations/table-access.js';
import { updateExpression } from '../conversations/update-expression.js';
import { InboundEventSchema, type Platform } from '../events.js';
import type { ErasedHandoff } from '../handoff/schema.js';
import { HANDOFF_SCHEMA_VERSION } from '../handoff/version.js';
import { logRef } from '../log.js';
import { shortHash } from '../short-hash.js';
import { type ErasureCounts, SubjectEraser } from './erase-subject.js';

/**
 * Erasure requests and their records. A request writes a `pending` record and puts a job on the
 * inbound queue; the responder runs it (shared/privacy/erase-subject.ts), publishes an `erased`
 * hand-off and marks the record `done` with its counts. The record keeps no personal data: the
 * platform, a keyed hash of the id (to tell two requests for the same person apart), when, who
 * asked, and how much was removed.
 */
export interface ErasureRecord {
  erasureId: string;
  status: 'pending' | 'done';
  platform: Platform;
  subjectHash: string;
  source: 'agent_api' | 'inbox' | 'console' | 'meta_data_deletion';
  requestedBy: string;
  requestedAt: string;
  completedAt?: string;
  counts?: ErasureCounts;
}

/** The job on the inbound queue (the only place the user id travels, for as long as the job waits). */
export const ErasureJobSchema = z.object({
  type: z.literal('erasure'),
  erasureId: z.string().check(z.minLength(1)),
  platform: InboundEventSchema.shape.platform,
  userId: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type ErasureJob = z.infer<typeof ErasureJobSchema>;

/** 128 random bits, alphanumeric (Meta's confirmation code is one): an erasure id cannot be guessed. */
export const newErasureId = () => `er${randomBytes(16).toString('hex')}`;

const FIELDS = [
  'erasureId',
  'status',
  'platform',
  'subjectHash',
  'source',
  'requestedBy',
  'requestedAt',
  'completedAt',
  'counts',
] as const;

export class ErasureRecords {
  constructor(private readonly table: TableAccess) {}

  async open(record: Omit<ErasureRecord, 'status' | 'requestedAt'>): Promise<ErasureRecord> {
    const now = this.table.clock();
    const item: ErasureRecord = { ...record, status: 'pending', requestedAt: now.toISOString() };
    await conditionalWrite(() =>
      this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.erasure(record.erasureId),
            ...item,
            expiresAt: expiryAfter(now, this.table.retention.conversationDays),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return item;
  }

  async get(erasureId: string): Promise<ErasureRecord | undefined> {
    const result = await this.table.db.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.erasure(erasureId), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const item = result.Item as Record<string, unknown>;
    return Object.fromEntries(FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as never;
  }

  async complete(erasureId: string, counts: ErasureCounts): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.erasure(erasureId),
        ...updateExpression({
          set: { status: 'done', completedAt: this.table.clock().toISOString(), counts },
        }),
      }),
    );
  }
}

export interface ErasureRequest {
  platform: Platform;
  userId: string;
  source: ErasureRecord['source'];
  requestedBy: string;
  /** a given id (Meta's confirmation code is made before); default: a new one */
  erasureId?: string;
}

/** Writes the pending record and queues the job; the record is what GET /agent/erasures/{id} shows. */
export async function requestErasure(
  records: ErasureRecords,
  enqueue: (job: ErasureJob) => Promise<void>,
  request: ErasureRequest,
): Promise<ErasureRecord> {
  const erasureId = request.erasureId ?? newErasureId();
  const record = await records.open({
    erasureId,
    platform: request.platform,
    subjectHash: logRef(keys.subject(request.platform, request.userId)),
    source: request.source,
    requestedBy: request.requestedBy,
  });
  await enqueue({ type: 'erasure', erasureId, platform: request.platform, userId: request.userId });
  return record;
}

/**
 * Runs a queued erasure: removes what the table holds about the person, tells bridges (`erased`
 * hand-off) and completes the record. Safe to run again: a second run finds less, or nothing.
 */
export async function runErasureJob(
  table: TableAccess,
  job: ErasureJob,
  publish: (message: ErasedHandoff) => Promise<void>,
): Promise<ErasureCounts> {
  const records = new ErasureRecords(table);
  const existing = await records.get(job.erasureId);
  if (existing?.status === 'done' && existing.counts) return existing.counts;
  const outcome = await new SubjectEraser(table, job, job.erasureId).run();
  await publish({
    schemaVersion: HANDOFF_SCHEMA_VERSION,
    handoffId: `ho_${shortHash(job.erasureId, 'erased')}`,
    type: 'erased',
    erasureId: job.erasureId,
    platform: job.platform,
    caseIds: outcome.caseIds,
    conversationIds: outcome.conversationIds,
    erasedAt: table.clock().toISOString(),
  });
  await records.complete(job.erasureId, outcome.counts);
  return outcome.counts;
}
