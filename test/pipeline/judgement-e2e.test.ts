import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookCommentDelivery, messengerDelivery } from '../../devkit/payloads.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

// Issue 13 end to end: a language the brand does not serve, and danger to people, through the
// webhook, the queue, the responder, the store and the hand-off queue; only the Graph API is the
// recording stand-in. Texts written for this test.
const PAGE_ID = '123456789';

let system: TestSystem;
let seq = 0;
const uniqueId = () => `${Date.now()}${++seq}`;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});
beforeEach(async () => {
  system.graph.reset();
  system.outcomes.length = 0;
  await system.takeHandoffs();
});

const posts = (suffix: string) =>
  system.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith(suffix));

describe('a DM in a language the brand does not serve', () => {
  it('reaches a person with its language named and gets no reply in another language', async () => {
    const sender = `81${uniqueId()}`;
    const text = 'Hola, mi pedido no ha llegado todavía y nadie me contesta. ¿Qué pasa?';
    await system.postMeta(
      JSON.stringify(messengerDelivery({ platform: 'facebook', accountId: PAGE_ID, senderId: sender, text })),
    );
    await system.drainInbound();

    expect(system.outcomes[0]?.decision).toMatchObject({ action: 'handoff', language: 'es' });
    expect(system.outcomes[0]?.decision?.reasons).toContain('handoff:language_not_served(es)');
    const [handoff] = await system.takeHandoffs();
    expect(handoff).toMatchObject({ language: 'es', channel: 'dm' });
    expect(posts('/messages')).toHaveLength(0);
  });
});

describe('a comment about danger to people', () => {
  it('gets the safety wording in public at once and an urgent L3 hand-off', async () => {
    const commentId = `82_${uniqueId()}`;
    const text = 'In eurer Filiale am Markt qualmt es aus dem Paketautomaten, Kinder stehen daneben!';
    await system.postMeta(
      JSON.stringify(facebookCommentDelivery({ pageId: PAGE_ID, commentId, postId: `${PAGE_ID}_82`, text })),
    );
    await system.drainInbound();

    expect(system.outcomes[0]?.decision).toMatchObject({
      action: 'reply_and_handoff',
      escalation: 'L3',
      priority: 'urgent',
    });
    expect(system.outcomes[0]?.decision?.publicReply?.templateId).toMatch(/^safety\.de\./);
    expect(posts('/comments')).toHaveLength(1);
    const [handoff] = await system.takeHandoffs();
    expect(handoff).toMatchObject({ escalation: 'L3', priority: 'urgent' });
  });
});
