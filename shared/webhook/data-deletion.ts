import type { Config } from '../config.js';
import type { ErasureRecord } from '../privacy/erasures.js';

/**
 * What Meta's data deletion callback needs: the app secret it verifies with, a way to request an
 * erasure (the job runs on the inbound queue, as every erasure) and to read its record. The
 * table, queue and erasure code are loaded on the first callback, never for deliveries.
 */
export interface DataDeletionDeps {
  appSecret: string;
  request(userId: string): Promise<ErasureRecord>;
  status(code: string): Promise<ErasureRecord | undefined>;
}

export function dataDeletionDeps(config: Config, clock: () => Date = () => new Date()): DataDeletionDeps {
  const records = async () => {
    const [{ dynamo }, { ErasureRecords }] = await Promise.all([
      import('../aws/dynamo.js'),
      import('../privacy/erasures.js'),
    ]);
    return new ErasureRecords({
      db: dynamo(),
      tableName: config.tableName,
      clock,
      retention: config.retention,
    });
  };
  return {
    appSecret: config.meta.appSecret,
    async request(userId) {
      const [{ requestErasure }, { erasureJobEnqueuer }] = await Promise.all([
        import('../privacy/erasures.js'),
        import('../privacy/enqueue-job.js'),
      ]);
      return requestErasure(await records(), erasureJobEnqueuer(config.inboundQueueUrl), {
        platform: 'facebook',
        userId,
        source: 'meta_data_deletion',
        requestedBy: 'meta',
      });
    },
    async status(code) {
      return /^er[0-9a-f]{32}$/.test(code) ? (await records()).get(code) : undefined;
    },
  };
}
