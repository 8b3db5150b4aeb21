import { sendFifoBatch } from '../aws/sqs.js';
import type { ErasureJob } from './erasures.js';

/** Erasure jobs go on the inbound queue, in a group of their own; the responder runs them. */
export function erasureJobEnqueuer(inboundQueueUrl: string) {
  return async (job: ErasureJob): Promise<void> => {
    await sendFifoBatch(inboundQueueUrl, [
      { groupId: `erasure:${job.erasureId}`, deduplicationId: job.erasureId, payload: job },
    ]);
  };
}
