import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { PlatformError } from '../../shared/platforms/client.js';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  MAX_QUEUE_DELAY_MS,
  type RetryPolicy,
  retryDeadline,
  retryVerdict,
} from '../../shared/replies/retry-budget.js';
import { DEAD_LETTER_METRIC, deadLetterCounter } from '../../shared/responder/dead-letters.js';
import { RetryLater, soonestRetry } from '../../shared/responder/retry-later.js';
import { createResponderHandler } from '../../shared/responder/sqs-handler.js';
import { collectingLog, startTestSystem } from '../helpers/system.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const policy = (random: number): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, random: () => random });

describe('backoff', () => {
  it('doubles from 30 s up to 30 min, with jitter that takes off at most a quarter', () => {
    expect([1, 2, 3, 6, 7, 20].map((n) => backoffDelayMs(n, undefined, policy(0)))).toEqual([
      30_000,
      60_000,
      120_000,
      960_000,
      30 * MINUTE,
      30 * MINUTE,
    ]);
    expect(backoffDelayMs(1, undefined, policy(0.999))).toBeGreaterThan(0.75 * 30_000);
  });

  it("is never shorter than the platform's hint, and never longer than SQS allows", () => {
    expect(backoffDelayMs(1, 5 * MINUTE, policy(0))).toBe(5 * MINUTE);
    expect(backoffDelayMs(1, 20 * HOUR, policy(0))).toBe(MAX_QUEUE_DELAY_MS);
  });
});

describe('retry budgets', () => {
  const t0 = Date.UTC(2026, 11, 7, 9, 42);

  it('an acknowledgement for an hour after its first failure; a DM answer while the 24 h window lasts', () => {
    expect(retryDeadline('acknowledgement', t0)).toBe(t0 + HOUR);
    expect(retryDeadline('dm_answer', t0 + 3 * HOUR, t0)).toBe(t0 + 24 * HOUR);
  });

  it('gives up when the next retry would come after the budget, naming the platform and since when', () => {
    const error = new PlatformError('server_error', '503', { outcome: 'not_done' });
    const state = {
      platform: 'facebook' as const,
      role: 'acknowledgement' as const,
      failures: 4,
      firstFailedAt: new Date(t0).toISOString(),
      timeZone: 'Europe/Berlin',
      policy: policy(0),
    };
    expect(retryVerdict(error, { ...state, now: new Date(t0 + 30 * MINUTE) })).toEqual({
      retry: true,
      retryInMs: 240_000,
      firstFailedAt: new Date(t0).toISOString(),
    });
    expect(retryVerdict(error, { ...state, now: new Date(t0 + 58 * MINUTE) })).toEqual({
      retry: false,
      reason: 'not acknowledged: facebook unavailable since 10:42 (Europe/Berlin)',
    });
    const limited = new PlatformError('rate_limited', '429', { retryAfterMs: 2 * HOUR });
    expect(retryVerdict(limited, { ...state, now: new Date(t0) })).toMatchObject({
      retry: false,
      reason: 'not acknowledged: facebook rate-limiting us since 10:42 (Europe/Berlin)',
    });
  });
});

describe('two replies of one event that both wait', () => {
  it('the record comes back when the sooner one is due; a failure of ours goes first', () => {
    const limited = new PlatformError('rate_limited', '429');
    const soon = new RetryLater(30_000, limited);
    const late = new RetryLater(3_600_000, limited);
    expect(soonestRetry([late, soon])).toBe(soon);
    const ours = new Error('table unavailable');
    expect(soonestRetry([soon, ours])).toBe(ours);
  });
});

describe('what still goes to the dead-letter queue is counted', () => {
  const record = (receiveCount: number): SQSRecord => ({
    messageId: `m${receiveCount}`,
    receiptHandle: `h${receiveCount}`,
    body: 'not an event',
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
      MessageGroupId: `g${receiveCount}`,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:inbound.fifo',
    awsRegion: 'local',
  });

  it('a record failing on its last receive is counted once; earlier failures are not', async () => {
    const system = await startTestSystem();
    try {
      const counted: string[] = [];
      const handler = createResponderHandler(system.deps, {
        maxReceiveCount: 3,
        onDeadLetter: (r) => counted.push(r.messageId),
      });
      const result = await handler({ Records: [record(2), record(3)] }, {} as Context);
      expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m2', 'm3']);
      expect(counted).toEqual(['m3']);
    } finally {
      await system.stop();
    }
  });

  it('as an EMF metric CloudWatch counts', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const metrics = new Metrics({ namespace: 'SocialCareResponder', serviceName: 'responder' });
      deadLetterCounter(metrics, collectingLog())(record(3), new Error('boom'));
    } finally {
      spy.mockRestore();
    }
    const emf = written.map((line) => JSON.parse(line) as Record<string, unknown>).find((r) => '_aws' in r);
    expect(emf).toMatchObject({ [DEAD_LETTER_METRIC]: 1, queue: 'inbound' });
  });
});
