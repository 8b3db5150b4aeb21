import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { type AgentTestSystem, startAgentTestSystem } from './agent-system.js';

let system: AgentTestSystem;

beforeAll(async () => {
  system = await startAgentTestSystem();
});
afterAll(async () => {
  await system.stop();
});

const inboundSummary = async () => {
  const answer = await system.api('GET', '/agent/dead-letters', { as: 'rita' });
  expect(answer.status).toBe(200);
  return (answer.json.queues as Array<{ queue: string; count: number; oldestAgeMs?: number }>).find(
    (q) => q.queue === 'inbound',
  );
};

describe('the dead-letter queues over HTTP', () => {
  it('shows counts and the oldest age to any key, and lets only a supervisor redrive', async () => {
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: '123456789', text: 'Danke, hat geklappt!' })),
    );
    await system.drainInbound();
    const event = system.enqueued.at(-1);
    if (!event) throw new Error('the comment was enqueued');
    // a copy of the handled event, parked as a failed delivery would be
    await system.parkOnInboundDeadLetters(event);
    expect(await inboundSummary()).toMatchObject({ queue: 'inbound', count: 1 });
    expect((await inboundSummary())?.oldestAgeMs).toBeGreaterThanOrEqual(0);

    for (const as of ['alice', 'rita', 'sam'] as const) {
      const refused = await system.api('POST', '/agent/dead-letters/inbound/redrive', { as });
      expect(refused.status, as).toBe(403);
    }
    expect((await system.api('POST', '/agent/dead-letters/outbox/redrive', { as: 'carol' })).status).toBe(
      400,
    );
    const moved = await system.api('POST', '/agent/dead-letters/inbound/redrive', { as: 'carol' });
    expect(moved.status).toBe(200);
    expect(moved.json).toEqual({ queue: 'inbound', moved: 1 });
    expect(await inboundSummary()).toMatchObject({ count: 0 });
    // back on the inbound queue, and handled as the duplicate it is
    const before = system.outcomes.length;
    await system.drainInbound();
    expect(system.outcomes.slice(before)).toEqual([expect.objectContaining({ duplicate: true })]);
  });
});
