import type { SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterStatus, redrive } from '../ops/dead-letters.js';
import { type Access, supervisesAllBrands, supervisorOnly } from './access.js';
import { invalid, type Result } from './failures.js';

export const DEAD_LETTER_QUEUES = ['inbound', 'handoff'] as const;
export type DeadLetterQueueName = (typeof DEAD_LETTER_QUEUES)[number];

export interface QueuePair {
  source: string;
  deadLetter: string;
}

export interface DeadLetterSummary {
  queue: DeadLetterQueueName;
  count: number;
  oldestSentAt?: string;
  oldestAgeMs?: number;
}

/**
 * The dead-letter queues over HTTP (for the inbox's supervisor page): every key may see how many
 * messages wait and how old the oldest is; only a supervisor for every brand may move them back,
 * since a redrive touches every brand's events.
 */
export class DeadLetterDesk {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: Record<DeadLetterQueueName, QueuePair>,
    private readonly clock: () => Date,
  ) {}

  async status(): Promise<Result<{ queues: DeadLetterSummary[] }>> {
    const unconfigured = this.unconfigured();
    if (unconfigured) return unconfigured;
    const queues = await Promise.all(
      DEAD_LETTER_QUEUES.map(async (queue): Promise<DeadLetterSummary> => {
        const { source, deadLetter } = this.queues[queue];
        const { count, oldestSentAt, oldestAgeMs } = await deadLetterStatus(
          this.sqs,
          source,
          deadLetter,
          this.clock(),
        );
        return {
          queue,
          count,
          ...(oldestSentAt ? { oldestSentAt } : {}),
          ...(oldestAgeMs !== undefined ? { oldestAgeMs } : {}),
        };
      }),
    );
    return { ok: true, value: { queues } };
  }

  async redrive(
    access: Access,
    queue: string,
    max: number,
  ): Promise<Result<{ queue: DeadLetterQueueName; moved: number }>> {
    if (!supervisesAllBrands(access)) {
      return supervisorOnly("a dead-letter redrive (it moves every brand's messages)");
    }
    if (!DEAD_LETTER_QUEUES.includes(queue as DeadLetterQueueName)) {
      return invalid(`queue: one of ${DEAD_LETTER_QUEUES.join(', ')}`);
    }
    const unconfigured = this.unconfigured();
    if (unconfigured) return unconfigured;
    const name = queue as DeadLetterQueueName;
    const { source, deadLetter } = this.queues[name];
    return { ok: true, value: { queue: name, moved: await redrive(this.sqs, deadLetter, source, max) } };
  }

  private unconfigured() {
    const missing = DEAD_LETTER_QUEUES.some((q) => !this.queues[q].source || !this.queues[q].deadLetter);
    return missing
      ? ({
          ok: false,
          reason: 'queue_unavailable',
          error: 'not_configured',
          message: 'the dead-letter queues are not configured for this API',
          advice: 'tell the team running this system (INBOUND_DLQ_URL, HANDOFF_DLQ_URL)',
        } as const)
      : undefined;
  }
}
