import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { HandoffConsumer } from '../../devkit/handoff-consumer.js';
import type { CaseView } from '../../shared/agents/service.js';
import type { HandoffMessage } from '../../shared/handoff/schema.js';
import { EscalationSchema } from '../../shared/policy/decision.js';
import type { AccountStatus } from './accounts.js';
import { describeAccount } from './accounts.js';
import type { AgentActions } from './actions.js';
import { renderCase } from './render.js';
import type { Report } from './report.js';

const CHOICES = '\n[c]laim  [r]eply  [e]scalate  re[l]ease  [x] close  [s]kip  [q]uit > ';

interface Session {
  act: AgentActions;
  me: string;
  consumer: HandoffConsumer;
  report: Report;
  write: (text: string) => void;
  /** The answer, or undefined when the input has ended (then the console returns the case and stops). */
  ask: (question: string) => Promise<string | undefined>;
}

/** What comes after a choice: the same case again, the next case, or the end of the session. */
type Next = 'same' | 'next' | 'quit';

/**
 * The console without `--json`: one case at a time from the hand-off queue, shown readably, until
 * the person quits (`q`) or the input ends. A case on screen stays invisible to other consumers
 * for five minutes; it leaves the queue once it is claimed, escalated, released or closed.
 */
export async function interactiveConsole(options: {
  act: AgentActions;
  consumer: HandoffConsumer;
  waitSeconds: number;
  /** the accounts of the brand files, when the table is known: the flagged ones are shown first */
  accounts: (() => Promise<AccountStatus[]>) | undefined;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  report: Report;
  write: (text: string) => void;
}): Promise<void> {
  const { act, consumer, write } = options;
  const me = await act.agentId();
  // Lines are read through the iterator, which buffers them: piped input works as well as a terminal.
  const lines = createInterface({ input: options.input, terminal: Boolean(options.input.isTTY) })[
    Symbol.asyncIterator
  ]();
  const ask = async (question: string) => {
    write(question);
    const next = await lines.next();
    return next.done ? undefined : String(next.value).trim();
  };
  const session: Session = { act, me, consumer, report: options.report, write, ask };
  write(`Agent console as ${me}. Waiting for cases on ${consumer.queueUrl} (Ctrl-C to stop)\n`);
  if (options.accounts) {
    for (const account of (await options.accounts()).filter((a) => a.needsAttention)) {
      write(`Account ${describeAccount(account)}\n`);
    }
  }
  for (;;) {
    const [received] = await consumer.receive({
      waitSeconds: options.waitSeconds,
      max: 1,
      visibilitySeconds: 300,
    });
    if (!received) continue;
    if (!received.parsed.ok) {
      write(
        `A hand-off message this console cannot read (${received.parsed.error}); left for the dead-letter queue.\n`,
      );
      continue;
    }
    if ((await workOn(session, received.parsed.message, received.receiptHandle)) === 'quit') return;
  }
}

async function workOn(session: Session, handoff: HandoffMessage, receiptHandle: string): Promise<Next> {
  const queue = queueMessage(session, receiptHandle);
  for (;;) {
    const view = await session.act.get(handoff.conversationId);
    const current = view.ok ? view.value : undefined;
    const holder = current?.conversation.claimedBy;
    if (holder && holder !== session.me && queue.onQueue()) {
      session.write(
        `Update for ${handoff.conversationId}, which ${holder} holds: they see it in their list. Taken off the queue.\n`,
      );
      await queue.settle(true);
      return 'next';
    }
    session.write(`\n${renderCase(handoff, current, new Date())}\n`);
    const choice = (await session.ask(CHOICES)) ?? 'q';
    const next = await onChoice(choice, session, { handoff, current, holder, queue });
    if (next !== 'same') return next;
  }
}

interface OnScreen {
  handoff: HandoffMessage;
  current: CaseView | undefined;
  holder: string | undefined;
  queue: QueueMessage;
}

async function onChoice(choice: string, session: Session, onScreen: OnScreen): Promise<Next> {
  const { act, report, write } = session;
  const { handoff, queue } = onScreen;
  switch (choice) {
    case 'c':
      if (report('claim', await act.claim(handoff.conversationId), () => 'claimed: it is yours'))
        await queue.settle(true);
      return 'same';
    case 'r':
      await reply(session, onScreen);
      return 'same';
    case 'e':
      return escalate(session, onScreen);
    case 'l':
      return release(session, onScreen);
    case 'x': {
      const note = await session.ask('Closing note: ');
      return doneIf(
        report('close', await act.close(handoff.conversationId, note || undefined), () => 'closed'),
        queue,
      );
    }
    case 's':
      await queue.settle(false);
      return 'next';
    case 'q':
      await queue.settle(false);
      return 'quit';
    default:
      write('?\n');
      return 'same';
  }
}

/** After an action that takes the case off this agent's screen: the next case if it was done. */
async function doneIf(done: boolean, queue: QueueMessage): Promise<Next> {
  if (!done) return 'same';
  await queue.settle(true);
  return 'next';
}

async function reply(session: Session, { handoff, current }: OnScreen): Promise<void> {
  const text = await session.ask('Reply text: ');
  if (!text) return;
  const kind = await session.ask(
    `Kind [${current?.conversation.channel === 'dm' ? 'private' : 'public'}] (public/private): `,
  );
  session.report(
    'reply',
    await session.act.reply(handoff.conversationId, {
      text,
      kind: kind === 'public' || kind === 'private' ? kind : undefined,
      idempotencyKey: randomUUID(),
    }),
    (r) =>
      `${r.status === 'dry_run' ? 'DRY RUN (no credentials), recorded' : 'sent'}: ${r.kind} reply (${r.mode})`,
  );
}

async function escalate(session: Session, { handoff, queue }: OnScreen): Promise<Next> {
  const level = EscalationSchema.safeParse((await session.ask('Level [next] (L2/L3): '))?.toUpperCase());
  const note = await session.ask('Note for the next team: ');
  const result = await session.act.escalate(handoff.conversationId, {
    level: level.success ? level.data : undefined,
    note: note || undefined,
  });
  return doneIf(
    session.report('escalate', result, (c) => `escalated to ${c.escalation}`),
    queue,
  );
}

/** Releases the agent's own claim; a case nobody holds is only left on the queue. */
async function release(session: Session, { handoff, holder, queue }: OnScreen): Promise<Next> {
  if (holder !== session.me) {
    await queue.settle(false);
    session.write('left on the queue\n');
    return 'next';
  }
  const note = await session.ask('Note: ');
  const result = await session.act.release(handoff.conversationId, note || undefined);
  return doneIf(
    session.report('release', result, () => 'released: back on the queue'),
    queue,
  );
}

interface QueueMessage {
  /** true until the message is removed or returned */
  onQueue(): boolean;
  /** removes the message (`done`) or returns it at once for the next consumer; only the first call acts */
  settle(done: boolean): Promise<void>;
}

function queueMessage({ consumer, write }: Session, receiptHandle: string): QueueMessage {
  let onQueue = true;
  return {
    onQueue: () => onQueue,
    async settle(done) {
      if (!onQueue) return;
      onQueue = false;
      try {
        if (done) await consumer.ack(receiptHandle);
        else await consumer.returnToQueue(receiptHandle);
      } catch (error) {
        // After the visibility timeout (5 min) the message is back on the queue under a new handle:
        // the next consumer sees the case with its current state, so nothing is lost.
        write(
          `(the queue message had already become visible again: ${(error as Error).name}; the next consumer sees the case as it is now)\n`,
        );
      }
    },
  };
}
