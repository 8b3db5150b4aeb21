import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { countOpenCases, publishOpenCases } from '../../shared/ops/open-cases.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const COMPLEX = [
  'Mein Paket PX123456789DE ist seit einer Woche weg und niemand hilft mir, was ist da los?',
  'Where is my order ORD-1234567? It was due ten days ago and support never answers.',
];

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});

describe('open cases by level', () => {
  it('counts the conversations handed to people, by their escalation level, and publishes a gauge', async () => {
    expect(await countOpenCases(system.deps.store)).toEqual({ L1: 0, L2: 0, L3: 0 });
    for (const [i, text] of COMPLEX.entries()) {
      const delivery = facebookCommentDelivery({
        pageId: PAGE_ID,
        postId: `${PAGE_ID}_${Date.now()}`,
        commentId: `${Date.now()}_${i}`,
        fromId: `80000${i}`,
        text,
      });
      expect((await system.postMeta(JSON.stringify(delivery))).status).toBe(200);
      await system.drainInbound();
    }
    const handoffs = (await system.takeHandoffs()).filter((h) => h.type === 'new');
    expect(handoffs).toHaveLength(COMPLEX.length);
    const expected = { L1: 0, L2: 0, L3: 0 };
    for (const handoff of handoffs) expected[handoff.escalation] += 1;

    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'open-cases');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((line) => {
      written.push(String(line));
      return true;
    });
    try {
      expect(await publishOpenCases(system.deps.store)).toEqual(expected);
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
    }
    const gauges = written.map((line) => JSON.parse(line));
    expect(gauges.map((g) => [g.escalation, g.OpenCases])).toEqual(Object.entries(expected));
    for (const gauge of gauges) expect(gauge._aws.CloudWatchMetrics[0].Dimensions).toEqual([['escalation']]);
  });
});
