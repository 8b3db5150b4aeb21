import type { HandoffConsumer, ReceivedHandoff } from '../../devkit/handoff-consumer.js';
import type { AgentActions } from './actions.js';

interface TakeOptions {
  consumer: HandoffConsumer;
  /** leave the cases on the queue */
  peek: boolean;
  /** reads each case's current state and reply windows, when the user said who they are */
  viewer: AgentActions | undefined;
  /** claims each case taken (`--claim`) */
  claimer: AgentActions | undefined;
  /** one JSON line */
  out: (value: unknown) => void;
}

/**
 * `--json --take N`: up to `count` cases from the hand-off queue as JSON lines, removed from the
 * queue unless `peek` (or unless the claim was refused). Stops at the first receive that waited
 * `waitSeconds` in vain.
 */
export async function takeCases(
  options: TakeOptions & { count: number; waitSeconds: number },
): Promise<void> {
  let taken = 0;
  let idleRounds = 0;
  // One message per receive: the emulator's long poll waits the full time when asked for more.
  while (taken < options.count && idleRounds < 1) {
    const [received] = await options.consumer.receive({ waitSeconds: options.waitSeconds, max: 1 });
    if (!received) {
      idleRounds++;
      continue;
    }
    taken++;
    await emitJsonCase(received, options);
  }
}

async function emitJsonCase(received: ReceivedHandoff, options: TakeOptions): Promise<void> {
  const { consumer, peek, viewer, claimer, out } = options;
  if (!received.parsed.ok) {
    // Left on the queue: after the redrive limit it moves to the dead-letter queue (`--dlq`).
    out({
      type: 'invalid',
      messageId: received.messageId,
      receiveCount: received.receiveCount,
      error: received.parsed.error,
    });
    return;
  }
  const handoff = received.parsed.message;
  const claimed = claimer ? await claimer.claim(handoff.conversationId) : undefined;
  const view = viewer ? await viewer.get(handoff.conversationId) : undefined;
  if (!peek && (!claimed || claimed.ok)) await consumer.ack(received.receiptHandle);
  else await consumer.returnToQueue(received.receiptHandle);
  out({
    type: 'case',
    handoff,
    ...(view?.ok
      ? {
          state: {
            status: view.value.conversation.status,
            claimedBy: view.value.conversation.claimedBy,
            dueBy: view.value.serviceLevels.dueBy,
            overdue: view.value.serviceLevels.overdue,
          },
          windows: view.value.windows,
        }
      : {}),
    ...(claimed ? { claim: claimed.ok ? { ok: true } : claimed } : {}),
    queue: {
      messageId: received.messageId,
      receiveCount: received.receiveCount,
      sentAt: received.sentAt,
      removed: !peek && (!claimed || claimed.ok),
    },
  });
}
