import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { dynamo } from '../../shared/aws/dynamo.js';
import { ConversationStore } from '../../shared/conversations/store.js';
import { normaliseMetaDelivery } from '../../shared/platforms/meta/normalise.js';
import { decide } from '../../shared/policy/index.js';
import { handleInboundEvent } from '../../shared/responder/handle-event.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const SIMPLE_TEXT = 'Danke, hat geklappt!';
const COMPLEX_TEXT =
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!';

let system: TestSystem;
let seq = 0;
/** the sort-key prefix of the next write to fail once, as a Lambda that dies before it would */
let failNextWriteTo: string | undefined;

beforeAll(async () => {
  system = await startTestSystem();
  dynamo().middlewareStack.add(
    (next, context) => (args) => {
      const sk = (args.input as { Key?: { sk?: string } }).Key?.sk;
      if (failNextWriteTo && context.commandName === 'UpdateItemCommand' && sk?.startsWith(failNextWriteTo)) {
        failNextWriteTo = undefined;
        throw new Error('injected: the attempt stops before this write');
      }
      return next(args);
    },
    { step: 'initialize', name: 'failOneWrite' },
  );
});
afterAll(async () => {
  await system.stop();
});
beforeEach(async () => {
  system.graph.reset();
  system.outcomes.length = 0;
  failNextWriteTo = undefined;
  await system.takeHandoffs();
});

function comment(text: string) {
  const commentId = `${Date.now()}${++seq}_${seq}`;
  const payload = facebookCommentDelivery({ pageId: PAGE_ID, commentId, text });
  const [event] = normaliseMetaDelivery(payload).events;
  if (!event) throw new Error('the delivery has no event');
  return { payload, event, conversationId: `facebook:${PAGE_ID}:comment:${commentId}` };
}

const posts = () => system.graph.calls.filter((c) => c.method === 'POST');

describe('the claim on the message pointer, when an attempt stops half-way', () => {
  it('an attempt that died after its claim, during its platform calls: the replies are in doubt, never resent', async () => {
    const { payload, event, conversationId } = comment(COMPLEX_TEXT);
    // What such an attempt leaves: the pointer with the decision, nothing else.
    const { brand, account } = system.deps.brands.forAccount('facebook', PAGE_ID);
    const decision = decide({
      event,
      brand,
      account,
      now: new Date(),
      conversation: { automaticReplies: 0, humanReplied: false, handedOff: false, recentTemplateIds: [] },
    });
    expect(decision.publicReply && decision.privateReply).toBeTruthy();
    const claim = await system.deps.store.openClaim(
      'pointer',
      'facebook',
      { ...event, conversationId },
      decision,
    );
    expect(claim).toMatchObject({ deleted: false, opened: true });

    await system.postMeta(JSON.stringify(payload));
    await system.drainInbound();
    expect(posts()).toHaveLength(0);
    const replies = await system.deps.store.listReplies(conversationId);
    expect(replies.map((r) => [r.kind, r.status])).toEqual([
      ['private', 'in_doubt'],
      ['public', 'in_doubt'],
    ]);
    const [handoff, ...more] = await system.takeHandoffs();
    expect(more).toHaveLength(0);
    expect(handoff?.reasons).toEqual(
      expect.arrayContaining(['reply_in_doubt:public:', 'reply_in_doubt:private:']),
    );

    // Complete now: a late delivery is a duplicate, nothing written or sent.
    await system.redeliver([event]);
    expect(system.outcomes.at(-1)).toMatchObject({ eventId: event.eventId, duplicate: true });
    expect(posts()).toHaveLength(0);
  });

  it('an attempt that stops before its last write (the message): the retry sends nothing again and completes the event', async () => {
    const { payload, event, conversationId } = comment(SIMPLE_TEXT);
    failNextWriteTo = 'MSG#';
    await system.postMeta(JSON.stringify(payload));
    await system.drainInbound();
    expect(failNextWriteTo).toBeUndefined();
    expect(posts()).toHaveLength(1);
    const found = await system.deps.store.findClaim('facebook', event);
    if (found.deleted || !found.record) throw new Error('the claim was not opened');
    // The message is stored (written before the retry), yet without its decision: not complete.
    expect(await system.deps.store.eventCompleted(found.record, event)).toBe(false);

    await system.waitForRedelivery();
    await system.drainInbound();
    expect(posts()).toHaveLength(1);
    expect(await system.deps.store.eventCompleted(found.record, event)).toBe(true);
    const replies = await system.deps.store.listReplies(conversationId);
    expect(replies.map((r) => [r.kind, r.status, r.attempts])).toEqual([['public', 'sent', 1]]);
    // The conversation counts the one acknowledgement once.
    expect(await system.deps.store.getConversation(conversationId)).toMatchObject({
      status: 'acknowledged',
      automaticReplies: 1,
    });
  });

  it('two attempts of one event at the same time (two containers): one claim, one reply', async () => {
    const { event, conversationId } = comment(SIMPLE_TEXT);
    const otherContainer = {
      ...system.deps,
      store: new ConversationStore(dynamo(), system.stack.tableName, system.deps.clock),
    };
    const outcomes = await Promise.all([
      handleInboundEvent(event, system.deps),
      handleInboundEvent(event, otherContainer),
    ]);
    expect(posts()).toHaveLength(1);
    expect(outcomes.map((o) => o.conversationId)).toEqual([conversationId, conversationId]);
    expect(await system.deps.store.listReplies(conversationId)).toHaveLength(1);
  });
});
