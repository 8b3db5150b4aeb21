import type { ReplySettlement } from '../conversations/store.js';
import type { Platform, ReplyTarget } from '../events.js';
import type { Log } from '../log.js';
import {
  type PlatformClient,
  PlatformError,
  type PrivateMessageOptions,
  type SentReply,
} from '../platforms/client.js';

/**
 * The one path every reply takes, the bot's and the agents': dry run without credentials, the
 * platform call (with one quick in-process retry of a blip that certainly did nothing), the
 * classification of a failure, the look on the platform for a reply that may have been posted,
 * and the settlement of the reply item. A reply is sent again only when it is certainly not on
 * the platform.
 */
export interface OutgoingReply {
  platform: Platform;
  accountId: string;
  kind: 'public' | 'private';
  target: ReplyTarget;
  text: string;
  messageOptions?: PrivateMessageOptions;
}

export type Delivery =
  | { status: 'sent'; platformId: string; recipientId?: string; foundAfterFailure?: boolean }
  | { status: 'dry_run' }
  | { status: 'retry'; error: PlatformError; retryInMs: number }
  | { status: 'failed'; error: PlatformError; reason?: string }
  | { status: 'in_doubt'; error: PlatformError; reason: string };

/** What to do with a reply that may be sent again: retry after a delay, or give up with a reason. */
export type RetryVerdict =
  | { retry: true; retryInMs: number; firstFailedAt: string }
  | { retry: false; reason: string };

export interface DeliveryDeps {
  client: PlatformClient;
  clock: () => Date;
  log: Log;
  /** records the outcome on the reply item (a put for the bot's first attempt, else an update) */
  settle(
    status: 'sent' | 'dry_run' | 'retry' | 'failed' | 'in_doubt',
    details?: ReplySettlement,
  ): Promise<void>;
  flagAccount(platform: Platform, accountId: string, problem: string): Promise<void>;
  /** the responder's retry budget; without it a retryable failure is left to the caller to retry */
  retryVerdict?(error: PlatformError): RetryVerdict;
  /** waits before the quick in-process retry (tests pass one that does not sleep) */
  pause?(ms: number): Promise<void>;
}

/** A quick blip (a refused connection, a short rate-limit hint) is retried once in-process. */
const QUICK_RETRY_LIMIT_MS = 1000;
const QUICK_RETRY_DELAY_MS = 200;

export async function deliverReply(reply: OutgoingReply, deps: DeliveryDeps): Promise<Delivery> {
  if (!deps.client.canSend(reply.accountId)) {
    await deps.settle('dry_run');
    return { status: 'dry_run' };
  }
  const since = deps.clock().getTime();
  const attempt = await callWithQuickRetry(reply, deps);
  if ('id' in attempt) {
    await deps.settle('sent', { platformId: attempt.id });
    return { status: 'sent', platformId: attempt.id, ...recipientOf(attempt) };
  }
  const error = attempt;
  if (error.outcome === 'maybe_done') return reconcile(reply, error, since, deps);
  if (error.retryable) return retryOrGiveUp(error, deps);
  return refuse(reply, error, deps);
}

async function callWithQuickRetry(
  reply: OutgoingReply,
  deps: DeliveryDeps,
): Promise<SentReply | PlatformError> {
  const first = await callPlatform(reply, deps.client);
  if (!(first instanceof PlatformError) || !first.retryable) return first;
  // A rate limit without a short hint lasts minutes: only the queue's backoff helps there.
  const hint =
    first.details.retryAfterMs ?? (first.errorClass === 'server_error' ? QUICK_RETRY_DELAY_MS : undefined);
  if (hint === undefined || hint > QUICK_RETRY_LIMIT_MS) return first;
  await (deps.pause ?? sleep)(hint);
  return callPlatform(reply, deps.client);
}

async function callPlatform(
  reply: OutgoingReply,
  client: PlatformClient,
): Promise<SentReply | PlatformError> {
  try {
    return reply.kind === 'public'
      ? await client.replyPublicly(reply.accountId, reply.target, reply.text)
      : await client.sendPrivateMessage(reply.accountId, reply.target, reply.text, reply.messageOptions);
  } catch (error) {
    if (error instanceof PlatformError) return error;
    // Not the platform's answer (our bug mid-call): the request may have gone out.
    return new PlatformError('server_error', `the call failed: ${(error as Error).message}`, {
      outcome: 'maybe_done',
    });
  }
}

/** A call that may have posted: look before anything else; found settles it, absent retries it. */
async function reconcile(
  reply: OutgoingReply,
  error: PlatformError,
  since: number,
  deps: DeliveryDeps,
): Promise<Delivery> {
  const lookup = await deps.client.findReply(reply.accountId, {
    kind: reply.kind,
    target: reply.target,
    text: reply.text,
    since,
  });
  deps.log.warn('a reply call may have been done; looked on the platform', {
    platform: reply.platform,
    kind: reply.kind,
    error: error.message,
    lookup: lookup.outcome,
  });
  if (lookup.outcome === 'found') {
    await deps.settle('sent', { platformId: lookup.id });
    return { status: 'sent', platformId: lookup.id, foundAfterFailure: true };
  }
  if (lookup.outcome === 'absent') {
    const notDone = new PlatformError(
      error.errorClass,
      `${error.message}; the reply is not on ${reply.platform}`,
      {
        ...error.details,
        outcome: 'not_done',
      },
    );
    return notDone.retryable ? retryOrGiveUp(notDone, deps) : refuse(reply, notDone, deps);
  }
  const reason = `${error.message}; ${lookup.why}`;
  await deps.settle('in_doubt', { errorClass: error.errorClass, error: reason });
  return { status: 'in_doubt', error, reason };
}

async function retryOrGiveUp(error: PlatformError, deps: DeliveryDeps): Promise<Delivery> {
  const verdict = deps.retryVerdict?.(error);
  if (verdict && !verdict.retry) {
    await deps.settle('failed', {
      errorClass: error.errorClass,
      error: `${verdict.reason} (${error.message})`,
    });
    return { status: 'failed', error, reason: verdict.reason };
  }
  await deps.settle('retry', {
    errorClass: error.errorClass,
    error: error.message,
    ...(verdict ? { firstFailedAt: verdict.firstFailedAt } : {}),
  });
  return { status: 'retry', error, retryInMs: verdict?.retryInMs ?? error.details.retryAfterMs ?? 0 };
}

async function refuse(reply: OutgoingReply, error: PlatformError, deps: DeliveryDeps): Promise<Delivery> {
  await deps.settle('failed', { errorClass: error.errorClass, error: error.message });
  if (error.errorClass === 'token_invalid') {
    await deps.flagAccount(reply.platform, reply.accountId, `token invalid: ${error.message}`);
  }
  return { status: 'failed', error };
}

function recipientOf(sent: SentReply): { recipientId?: string } {
  return sent.recipientId ? { recipientId: sent.recipientId } : {};
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
