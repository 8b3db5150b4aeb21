import * as z from 'zod';
import type { TableAccess } from '../conversations/table-access.js';
import { PlatformSchema } from '../events.js';
import {
  type ErasureJob,
  type ErasureRecord,
  ErasureRecords,
  type ErasureRequest,
  requestErasure,
} from '../privacy/erasures.js';
import { formatZodIssues } from '../zod-issues.js';
import { type Access, supervisesAllBrands, supervisorOnly } from './access.js';
import { type Failure, invalid, type Result } from './failures.js';

export const ErasureBody = z.object({
  platform: PlatformSchema,
  userId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'a platform user id: printable ASCII without spaces'),
});

/**
 * Erasure requests from people (agent API, inbox, console). Only a supervisor for every brand may
 * erase: an erasure removes the person from every brand's conversations.
 */
export class ErasureDesk {
  private readonly records: ErasureRecords;

  constructor(
    table: TableAccess,
    private readonly enqueue: (job: ErasureJob) => Promise<void>,
  ) {
    this.records = new ErasureRecords(table);
  }

  async request(
    access: Access,
    body: unknown,
    source: ErasureRequest['source'],
  ): Promise<Result<ErasureRecord>> {
    const refusal = mayErase(access);
    if (refusal) return refusal;
    const parsed = ErasureBody.safeParse(body);
    if (!parsed.success) return invalid(formatZodIssues(parsed.error.issues, 'body').join('; '));
    const record = await requestErasure(this.records, this.enqueue, {
      ...parsed.data,
      source,
      requestedBy: access.agentId,
    });
    return { ok: true, value: record };
  }

  async status(access: Access, erasureId: string): Promise<Result<ErasureRecord>> {
    const refusal = mayErase(access);
    if (refusal) return refusal;
    const record = erasureId.length <= 100 ? await this.records.get(erasureId) : undefined;
    if (!record) return { ok: false, reason: 'not_found', error: 'not_found', message: 'no such erasure' };
    return { ok: true, value: record };
  }
}

function mayErase(access: Access): Failure | undefined {
  if (!supervisesAllBrands(access)) {
    return supervisorOnly('erasing a customer (it reaches every brand)');
  }
  return undefined;
}
