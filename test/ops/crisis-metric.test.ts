import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import example from '../../shared/handoff/handoff.example.json' with { type: 'json' };
import { handoffPublisher } from '../../shared/handoff/publisher.js';
import type { HandoffMessage } from '../../shared/handoff/schema.js';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ prefix: 'crisismetric' });
  Object.assign(process.env, stack.env);
});
afterAll(async () => {
  await stack.stop();
});

/** Publishes the hand-offs as the responder does in Lambda, and returns the EMF counts written. */
async function countsWhilePublishing(messages: HandoffMessage[]) {
  const publish = handoffPublisher(stack.handoffQueueUrl);
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'responder');
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((line) => {
    written.push(String(line));
    return true;
  });
  try {
    for (const message of messages) await publish(message);
  } finally {
    spy.mockRestore();
    vi.unstubAllEnvs();
  }
  return written.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
}

const handoff = (overrides: Partial<HandoffMessage>, n: number) =>
  ({ ...example, handoffId: `crisis-metric-${n}`, ...overrides }) as HandoffMessage;

describe('a new L3 crisis case', () => {
  it('emits CrisisCaseOpened once per new L3 hand-off, not for updates or lower levels', async () => {
    const counts = await countsWhilePublishing([
      handoff({ type: 'new', escalation: 'L3' }, 1),
      handoff({ type: 'update', escalation: 'L3' }, 2),
      handoff({ type: 'new', escalation: 'L2' }, 3),
    ]);
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ CrisisCaseOpened: 1, platform: example.platform });
    expect(counts[0]._aws.CloudWatchMetrics[0].Dimensions).toEqual([[], ['platform']]);
  });
});
