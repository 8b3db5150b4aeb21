import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { crisisSettings } from '../../shared/policy/index.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const ANGRY = [
  'Schon wieder kein Paket angekommen, ihr seid eine einzige Katastrophe!',
  'Mein Paket ist seit zwei Wochen verschwunden, absolute Frechheit.',
  'Unfassbar, der Fahrer hat mein Paket einfach in den Regen gestellt, alles kaputt!',
  'Seit Tagen keine Lieferung, niemand meldet sich. Unverschämt!',
  'Worst delivery service ever, my parcel is lost AGAIN. Disgusting.',
  'Ich bin so wütend, mein Paket wurde als zugestellt markiert und ist nicht da!',
  'Katastrophe! Wieder nichts geliefert und die Hotline legt auf.',
];

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});

describe('a burst of negative comments under one post', () => {
  it('is escalated once as a crisis, with its members linked, and later comments join that case', async () => {
    const brand = system.deps.brands.forAccount('facebook', PAGE_ID).brand;
    const { threshold } = crisisSettings(brand);
    expect(ANGRY.length).toBeGreaterThan(threshold + 1);
    const postId = `${PAGE_ID}_${Date.now()}`;

    for (const [i, text] of ANGRY.entries()) {
      const delivery = facebookCommentDelivery({
        pageId: PAGE_ID,
        postId,
        commentId: `${Date.now()}_${i}`,
        fromId: `90000${i}`,
        text,
      });
      expect((await system.postMeta(JSON.stringify(delivery))).status).toBe(200);
      await system.drainInbound();
    }

    const handoffs = await system.takeHandoffs();
    const crisisCases = handoffs.filter((h) => h.crisis);
    const opened = crisisCases.filter((h) => h.crisis?.role === 'trigger');
    expect(opened).toHaveLength(1);
    const [trigger] = opened;
    expect(trigger).toMatchObject({ type: 'new', escalation: 'L3' });
    expect(trigger?.crisis?.members.length).toBeGreaterThanOrEqual(threshold - 1);
    const members = crisisCases.filter((h) => h.crisis?.role === 'member');
    expect(members.length).toBeGreaterThan(0);
    for (const member of members) expect(member).toMatchObject({ type: 'update', caseId: trigger?.caseId });
    // Before the burst each comment is its own case; from the trigger on, there is one.
    expect(new Set(crisisCases.map((h) => h.caseId)).size).toBe(1);
  });
});
