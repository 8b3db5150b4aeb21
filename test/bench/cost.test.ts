import { describe, expect, it } from 'vitest';
import { costPerMillionEvents, type PipelineFigures } from '../../devkit/cost.js';

/** Only the counts the cost model reads; the rest of a pipeline run does not enter it. */
const counted = {
  dynamoCallsPerEvent: 10,
  dynamoWriteUnitsPerEvent: 4,
  dynamoIndexWriteUnitsPerEvent: 1,
  dynamoReadUnitsPerEvent: 2,
  replyCalls: 100,
  acknowledged: 100,
  logBytesPerEvent: 500,
  logLinesPerEvent: 2,
} as PipelineFigures;

describe('cost per million events', () => {
  const [low, volume, provisioned] = costPerMillionEvents(counted);

  it('prices every call of an event at low volume, on demand', () => {
    expect(low?.items).toEqual({
      'webhook function URL': 0,
      'webhook Lambda': 0.33, // 1.1 M × ($0.20/M + 0.5 GB × 15 ms × $0.0000133334)
      'inbound SQS': 1.55, // (1.1 M sends + 1 M receives + 1 M deletes) × $0.50/M
      'responder Lambda': 2.2, // 1 M × ($0.20/M + 0.5 GB × (10 × 5 ms + 250 ms) × $0.0000133334)
      'DynamoDB writes (table + index)': 3.13, // 5 M WRU × $0.625/M
      'DynamoDB reads': 0.25, // 2 M RRU × $0.125/M
      'hand-off SQS (send, receive, delete)': 0.45,
      'CloudWatch Logs': 0.28, // (500 + 2 × 26) bytes × 1 M × $0.50/GB
      'data out (platform calls)': 0.18,
    });
    expect(low?.totalUsd).toBe(8.37);
  });

  it('gets cheaper when batches fill, and cheaper still with provisioned capacity', () => {
    expect(volume?.items['responder Lambda']).toBe(0.22);
    expect(volume?.items['inbound SQS']).toBe(0.65);
    // 5 M WRU at $0.00065 per unit-hour, 70 % busy: $0.258 per million instead of $0.625
    expect(provisioned?.items['DynamoDB writes (table + index)']).toBe(1.29);
    expect(provisioned?.totalUsd).toBeLessThan(volume?.totalUsd ?? 0);
    expect(volume?.totalUsd).toBeLessThan(low?.totalUsd ?? 0);
  });
});
