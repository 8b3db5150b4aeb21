import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { STAND_IN_ACCOUNTS } from '../../devkit/platform-stand-ins.js';
import { type AgentTestSystem, startAgentTestSystem } from '../agents/agent-system.js';

const PAGE_ID = STAND_IN_ACCOUNTS.facebook;

let system: AgentTestSystem;
let seq = 0;
const commentId = () => `${PAGE_ID}_${Date.now()}${++seq}`;

beforeAll(async () => {
  system = await startAgentTestSystem();
});
afterAll(async () => {
  await system.stop();
});
beforeEach(async () => {
  system.graph.reset();
  system.outcomes.length = 0;
  await system.takeHandoffs();
});

/** A Meta delivery of one comment, as the platform sends it (and sends it again when it retries). */
function commentDelivery(id: string, text: string): string {
  return JSON.stringify(
    facebookCommentDelivery({ pageId: PAGE_ID, postId: `${PAGE_ID}_${seq}77`, commentId: id, text }),
  );
}

async function deliver(body: string): Promise<void> {
  expect((await system.postMeta(body)).status).toBe(200);
  await system.drainInbound();
}

describe('a comment posing as the brand’s support, through the whole pipeline', () => {
  const PHISHING =
    'ParcelExpress_Kundenservice: Ihre Sendung liegt beim Zoll. Gebühr 1,99 € sofort zahlen: https://px-zoll.example/z';

  it('is hidden on Facebook, never answered, and a person gets it at L2 with the reason', async () => {
    const id = commentId();
    await deliver(commentDelivery(id, PHISHING));

    expect(system.graph.contents.hidden.has(id)).toBe(true);
    const calls = system.graph.calls.filter((c) => c.method === 'POST');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path.endsWith(`/${id}`)).toBe(true);
    expect(calls[0]?.json).toEqual({ is_hidden: true });

    const outcome = system.outcomes.at(-1);
    expect(outcome?.decision).toMatchObject({
      action: 'handoff',
      intent: 'spam',
      escalation: 'L2',
      hide: ['impersonation'],
    });
    expect(outcome?.replies ?? []).toEqual([]);
    const [handoff] = await system.takeHandoffs();
    expect(handoff?.reasons).toEqual(
      expect.arrayContaining([
        'handoff:impersonates_brand(report it, warn the customer)',
        'hide:impersonation',
        'comment_hidden:facebook',
      ]),
    );
    const audit = await system.deps.store.listAudit(outcome?.conversationId as string);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'bot', action: 'comment_hidden', reasons: ['hide:impersonation'] }),
      ]),
    );
  });

  it('the platform’s retry of the delivery neither hides again nor hands off twice', async () => {
    const body = commentDelivery(commentId(), PHISHING);
    await deliver(body);
    expect(await system.takeHandoffs()).toHaveLength(1);
    system.graph.reset();
    await deliver(body);
    expect(system.outcomes.at(-1)?.duplicate).toBe(true);
    expect(system.graph.calls).toEqual([]);
    expect(await system.takeHandoffs()).toEqual([]);
  });
});
