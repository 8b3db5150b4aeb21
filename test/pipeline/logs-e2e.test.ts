import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  facebookCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
} from '../../devkit/payloads.js';
import { AgentService } from '../../shared/agents/service.js';
import { stdoutJsonLog } from '../../shared/log.js';
import { startTestSystem, TEST_SECRETS, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
/** a page no token is configured for: its replies are dry runs */
const PAGE_WITHOUT_TOKEN = '555000111';
const X_ACCOUNT = TEST_SECRETS.X_ACCOUNT_ID;
/** an X account without credentials: dry runs */
const X_ACCOUNT_WITHOUT_CREDENTIALS = '1444000222333444555';

const customers = {
  commenter: { id: '7301948265019384', name: 'Henrietta Quellenhof' },
  dryCommenter: { id: '7301948265019385', name: 'Bartholomäus Eichenwald' },
  messenger: { id: '6620193847561029' },
  failingMessenger: { id: '6620193847561030' },
  xAuthor: { id: '1790001112223334445', name: 'Ottilie Sandberger', handle: 'ottilie_sb' },
  xDmSender: { id: '1790001112223334446' },
};
const texts = {
  comment: 'Mein Paket PX123456789DE ist seit einer Woche weg, ich wohne Lindenallee 17!',
  dryComment: 'Wo bleibt meine Bestellung ORD-7654321? Ich warte seit Tagen.',
  messenger: 'Hallo, meine Kundennummer ist KD1234567 und das Paket kam nie an.',
  failingMessenger: 'Bitte ruft mich an, 0171 5550123, mein Paket ist beschädigt.',
  xMention: 'mein Paket PX987654321DE ist verschwunden, Zustellerin war unfreundlich',
  xDm: 'my order ORD-2345678 never arrived, please refund to my card',
};
const agentTexts = {
  refused: 'Hallo, hier ist Alice vom Kundenservice: wir haben Ihr Paket gefunden.',
  dryRun: 'Hi, Alice here from customer care: your refund is on its way.',
};

let system: TestSystem;
const rendered: string[] = [];

beforeAll(async () => {
  // The webhook's and the responder's production logger.
  system = await startTestSystem({
    log: stdoutJsonLog('e2e', { write: (line) => rendered.push(line) }),
  });
});
afterAll(async () => {
  await system.stop();
});

describe('the logs of an end-to-end run', () => {
  it('carry none of the customers’ names, platform user ids, message texts or reply texts', async () => {
    // The Messenger send to this customer fails: the platform refuses it.
    system.graph.on((call) =>
      call.method === 'POST' && call.body.includes(customers.failingMessenger.id)
        ? { status: 400, body: { error: { code: 551, message: 'This person isn’t available right now.' } } }
        : undefined,
    );
    const deliveries = [
      system.postMeta(
        JSON.stringify(
          facebookCommentDelivery({
            pageId: PAGE_ID,
            text: texts.comment,
            fromId: customers.commenter.id,
            fromName: customers.commenter.name,
          }),
        ),
      ),
      system.postMeta(
        JSON.stringify(
          facebookCommentDelivery({
            pageId: PAGE_WITHOUT_TOKEN,
            text: texts.dryComment,
            fromId: customers.dryCommenter.id,
            fromName: customers.dryCommenter.name,
          }),
        ),
      ),
      system.postMeta(
        JSON.stringify(
          messengerDelivery({
            platform: 'facebook',
            accountId: PAGE_ID,
            senderId: customers.messenger.id,
            text: texts.messenger,
          }),
        ),
      ),
      system.postMeta(
        JSON.stringify(
          messengerDelivery({
            platform: 'facebook',
            accountId: PAGE_ID,
            senderId: customers.failingMessenger.id,
            text: texts.failingMessenger,
          }),
        ),
      ),
      system.postX(
        xMentionAccountActivity({
          accountId: X_ACCOUNT,
          accountHandle: 'ParcelExpress',
          text: texts.xMention,
          authorId: customers.xAuthor.id,
          authorName: customers.xAuthor.name,
          authorHandle: customers.xAuthor.handle,
        }),
      ),
      system.postX(
        xDirectMessageAccountActivity({
          accountId: X_ACCOUNT,
          customerId: customers.xDmSender.id,
          text: texts.xDm,
        }),
      ),
      system.postX(
        xDirectMessageAccountActivity({
          accountId: X_ACCOUNT_WITHOUT_CREDENTIALS,
          customerId: customers.xDmSender.id,
          text: texts.xDm,
        }),
      ),
    ];
    for (const response of await Promise.all(deliveries)) expect(response.status).toBe(200);
    await system.drainInbound();

    // The scenario did what it is meant to: replies sent and dry runs, a refusal, hand-offs.
    const replies = system.outcomes.flatMap((o) => o.replies);
    expect(replies.map((r) => r.status)).toEqual(expect.arrayContaining(['sent', 'dry_run', 'failed']));
    expect(system.outcomes.some((o) => o.handoff)).toBe(true);

    // Agents answer two of the cases: the platform refuses one, the other account has no credentials.
    const agents = new AgentService({
      store: system.deps.store,
      clients: system.deps.clients,
      publishHandoff: system.deps.publishHandoff,
      clock: system.deps.clock,
      log: system.log,
      recordMetrics: () => undefined,
    });
    const agentReplies = [
      [`facebook:${PAGE_ID}:dm:${customers.failingMessenger.id}`, agentTexts.refused],
      [`x:${X_ACCOUNT_WITHOUT_CREDENTIALS}:dm:${customers.xDmSender.id}`, agentTexts.dryRun],
    ] as const;
    for (const [conversationId, text] of agentReplies) {
      expect((await agents.claim(conversationId, 'alice')).ok).toBe(true);
      await agents.reply(conversationId, 'alice', { text });
    }
    const agentLines = rendered.filter((line) => line.includes('agent reply not sent'));
    expect(agentLines.map((line) => JSON.parse(line).message)).toEqual([
      'agent reply not sent by the platform',
      'dry run: no credentials for this account, agent reply not sent',
    ]);

    const replyTexts = replies.map((r) => r.text).filter((t): t is string => Boolean(t));
    expect(replyTexts.length).toBeGreaterThan(0);
    const secrets = [
      ...Object.values(customers).flatMap((c) => Object.values(c)),
      ...Object.values(customers).flatMap((c) => ('name' in c ? c.name.split(' ') : [])),
      ...Object.values(texts),
      ...Object.values(agentTexts),
      ...replyTexts,
      'PX123456789DE',
      'KD1234567',
      TEST_SECRETS.X_ACCESS_TOKEN,
      'test-page-token',
    ];
    expect(rendered.length).toBeGreaterThan(0);
    const leaks = rendered.flatMap((line) =>
      secrets.filter((secret) => line.includes(secret)).map((secret) => ({ secret, line })),
    );
    expect(leaks).toEqual([]);
  });
});
