import type { SQSClient } from '@aws-sdk/client-sqs';
import { formatDuration } from '../../shared/agents/windows.js';
import { deadLetterQueueOf, deadLetterStatus, redrive } from '../../shared/ops/dead-letters.js';

/** `--dlq` and `--redrive QUEUE`: one line (text or JSON) per queue. */
export async function deadLetterCommand(options: {
  sqs: SQSClient;
  queueUrl: (name: 'inbound' | 'handoff') => Promise<string>;
  redriveQueue?: string;
  max: number;
  json: boolean;
}): Promise<{ lines: string[]; error?: string }> {
  const { sqs, redriveQueue: target, json } = options;
  const lines: string[] = [];
  for (const name of target ? [target] : ['inbound', 'handoff']) {
    if (name !== 'inbound' && name !== 'handoff')
      return { lines, error: '--redrive takes handoff or inbound' };
    const source = await options.queueUrl(name);
    const dlq = await deadLetterQueueOf(sqs, source);
    if (!dlq) return { lines, error: `the ${name} queue has no dead-letter queue` };
    if (target) {
      const moved = await redrive(sqs, dlq, source, options.max);
      lines.push(
        json
          ? JSON.stringify({ type: 'redrive', queue: name, moved })
          : `moved ${moved} message(s) from the ${name} dead-letter queue back to ${source}`,
      );
    } else {
      const status = await deadLetterStatus(sqs, source, dlq, new Date());
      const age =
        status.oldestAgeMs === undefined
          ? ''
          : `, oldest ${formatDuration(status.oldestAgeMs)} old (${status.oldestSentAt})`;
      lines.push(
        json
          ? JSON.stringify({ type: 'dlq', queue: name, ...status })
          : `${name.padEnd(8)} DLQ: ${status.count} message(s)${age}   ${dlq}`,
      );
    }
  }
  return { lines };
}
